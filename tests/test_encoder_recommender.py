"""The opt-in fine-tuned encoder (chatbot.recommender.encoder) inside the Ranker, on the books.

Fast tests run the encoder's serving path with the project's hash embedder standing in for the
fine-tuned MiniLM (the same `encode` call), so which item the encoder prefers is set by the test:
its best items must join the candidates, hard constraints and rejections must still win, and
the reason it gives must hold. The slow test fine-tunes the real embedded MiniLM end to end on
synthetic ReDial-format dialogues over the books.
"""

from __future__ import annotations

import json
import logging
import random
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from chatbot.backends.fake import HashEmbedder
from chatbot.catalog import Catalog, load_catalog
from chatbot.config import Settings
from chatbot.events import AttributeAvoided, InterestExpressed, ItemLiked, ItemRejected
from chatbot.interest import InterestState, fold
from chatbot.ranking import Ranker
from chatbot.recommender.encoder import (
    MANIFEST_FILE,
    VECTORS_FILE,
    EncoderBlend,
    EncoderModel,
    _batches,
    context_text,
    encoder_dir,
    load_encoder,
    recall_at,
)
from chatbot.recommender.model import ModelError, catalog_ids_hash

BOOKS = Path(__file__).resolve().parent.parent / "catalog" / "examples" / "books.jsonl"
REASON = "people who asked for something like this often chose it"


class HashModel:
    """The sentence-transformers `encode` call over the project's hash embedder."""

    def __init__(self) -> None:
        self.embedder = HashEmbedder()
        self.calls = 0

    def encode(self, texts: list[str], **_: Any) -> np.ndarray:
        self.calls += 1
        return self.embedder.embed(texts)


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> tuple[Catalog, Any, Settings]:
    from chatbot.retrieval import Retriever

    home = tmp_path_factory.mktemp("encoder-home")
    settings = Settings.from_env(
        {}, catalog_path=BOOKS, embedder="hash", llm="template", home=home, index_dir=home / "ix"
    )
    catalog = load_catalog(BOOKS)
    return catalog, Retriever.open(catalog, settings, progress=False), settings


def encoder_towards(
    catalog: Catalog, state: InterestState, target: str, **blend: Any
) -> EncoderModel:
    """An encoder whose item vectors are random except `target`'s, which is the state's context
    vector: the target is the encoder's best item for that state."""
    rng = np.random.default_rng(0)
    model = HashModel()
    vecs = rng.normal(size=(len(catalog), model.embedder.dim)).astype(np.float32)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    enc = EncoderModel(
        Path("unused"), [i.id for i in catalog], vecs, EncoderBlend(**blend), model=model
    )
    context = enc.context_vector(state, catalog)
    assert context is not None
    enc.vectors[enc.row[target]] = context
    return enc


def far_item(ranker: Ranker, state: InterestState, k: int) -> str:
    """An item the retrieval does not put among the first k candidates for the state."""
    near = {c.item.id for c in ranker.candidates(state, 1, state.excluded(), pool=k) or []}
    return next(
        i.id
        for i in reversed(ranker.catalog.items)
        if i.id not in near and i.id not in state.excluded()
    )


def test_context_text_reads_what_the_dialogue_manager_knows(books: tuple) -> None:
    catalog, _, _ = books
    a, b, c = (i.id for i in list(catalog)[:3])
    state = fold([InterestExpressed("something about the sea"), ItemLiked(a), ItemRejected(b)])
    state = InterestState(**{**vars(state), "titles": {a: "Moby Dick", b: "Dune"}, "shown": (c,)})
    text = context_text(state, lambda i: state.titles.get(i) or catalog.get(i).label)
    assert "Liked: Moby Dick." in text and "Disliked: Dune." in text
    assert catalog.get(c).label in text
    assert context_text(InterestState(), lambda i: i) == ""


def test_the_encoders_best_item_joins_the_candidates(books: tuple) -> None:
    catalog, retriever, settings = books
    state = fold([InterestExpressed("a quiet story about grief and family")])
    plain = Ranker(catalog, retriever, settings, learned=None, encoder=None)
    target = far_item(plain, state, 3)
    without = Ranker(
        catalog,
        retriever,
        settings,
        learned=None,
        encoder=encoder_towards(catalog, state, target, candidates=0),
    )
    with_enc = Ranker(
        catalog,
        retriever,
        settings,
        learned=None,
        encoder=encoder_towards(catalog, state, target, candidates=1),
    )
    ids_without = {c.item.id for c in without.candidates(state, 1, state.excluded(), pool=3) or []}
    cands = with_enc.candidates(state, 1, state.excluded(), pool=3) or []
    assert target not in ids_without
    assert target in {c.item.id for c in cands}
    score = {c.item.id: c.encoder for c in cands}
    assert score[target] == pytest.approx(1.0, abs=1e-4)
    assert all(v < 0.99 for i, v in score.items() if i != target)


def test_the_encoder_weight_moves_its_pick_up_and_the_reason_says_so(books: tuple) -> None:
    catalog, retriever, settings = books
    # a liked book, not a described topic (whose on-topic rule would keep other books out)
    state = fold([ItemLiked(catalog.items[0].id)])
    plain = Ranker(catalog, retriever, settings, learned=None, encoder=None)
    target = far_item(plain, state, 10)
    enc = encoder_towards(catalog, state, target, candidates=5, weight=5.0)
    ranker = Ranker(catalog, retriever, settings, learned=None, encoder=enc)
    picks = ranker.rank(state, 3)
    assert picks[0].item.id == target
    assert REASON in picks[0].reasons
    # the reason is only said for the encoder's best REASON_DEPTH items
    order = np.argsort(enc.vectors @ enc.context_vector(state, catalog))
    worst = [catalog.items[r].id for r in order[:5]]
    for rec in ranker.rank(state, len(catalog), explain=True):
        if rec.item.id in worst:
            assert REASON not in rec.reasons
    enc.blend = EncoderBlend(weight=0.0, candidates=5)
    assert ranker.rank(state, 1)[0].item.id != target


def test_hard_constraints_and_rejections_beat_the_encoder(books: tuple) -> None:
    catalog, retriever, settings = books
    liked = list(catalog)[0]
    target = next(
        i
        for i in catalog
        if i.genres and i.id != liked.id and not set(i.genres) & set(liked.genres)
    )
    genre = target.genres[0]
    state = fold([ItemLiked(liked.id), AttributeAvoided("genre", genre)])
    enc = encoder_towards(catalog, state, target.id, candidates=40, weight=10.0)
    ranker = Ranker(catalog, retriever, settings, learned=None, encoder=enc)
    picks = ranker.rank(state, 10)
    assert picks and all(genre not in r.item.genres for r in picks)
    # a rejected item never comes back, however strongly the encoder points at it
    state2 = fold([ItemLiked(liked.id), ItemRejected(target.id)])
    enc2 = encoder_towards(catalog, state2, target.id, candidates=40, weight=10.0)
    ranker2 = Ranker(catalog, retriever, settings, learned=None, encoder=enc2)
    assert target.id not in {r.item.id for r in ranker2.rank(state2, len(catalog))}


def test_load_checks_catalogue_and_files(books: tuple, caplog: pytest.LogCaptureFixture) -> None:
    catalog, _, settings = books
    folder = encoder_dir(settings)
    assert load_encoder(catalog, settings) is None  # nothing trained: the default, no warning
    folder.mkdir(parents=True)
    (folder / "model").mkdir()
    (folder / "model" / "config.json").write_text("{}")
    vecs = np.ones((len(catalog), 4), np.float16)
    np.save(folder / VECTORS_FILE, vecs)
    import hashlib

    digest = hashlib.sha256((folder / VECTORS_FILE).read_bytes()).hexdigest()
    manifest = {
        "format": "dual-encoder-v1",
        "catalog": {"ids_sha256": catalog_ids_hash(catalog)},
        "vectors": {"sha256": digest},
        "blend": {"weight": 0.7, "candidates": 30},
    }
    (folder / MANIFEST_FILE).write_text(json.dumps(manifest))
    enc = EncoderModel.load(folder, catalog)
    assert enc.blend == EncoderBlend(weight=0.7, candidates=30) and len(enc) == len(catalog)
    # a changed vectors file or another catalogue is refused, and the Ranker ranks without it
    np.save(folder / VECTORS_FILE, vecs * 2)
    with pytest.raises(ModelError, match="does not match"):
        EncoderModel.load(folder, catalog)
    with caplog.at_level(logging.WARNING):
        assert load_encoder(catalog, settings) is None
    assert "not using the fine-tuned encoder" in caplog.text
    (folder / MANIFEST_FILE).write_text(json.dumps({**manifest, "catalog": {"ids_sha256": "x"}}))
    with pytest.raises(ModelError, match="another catalogue"):
        EncoderModel.load(folder, catalog)


def test_batches_hold_no_movie_twice() -> None:
    rng = random.Random(0)
    pairs = [(f"context {n}", f"movie {rng.randrange(12)}") for n in range(300)]
    batches = _batches(pairs, 8, random.Random(1))
    assert sum(len(b) for b in batches) >= 250
    for batch in batches:
        movies = [m for _, m in batch]
        assert len(movies) == len(set(movies)) and 2 <= len(batch) <= 8


def test_recall_at_leaves_excluded_items_out() -> None:
    items = np.eye(4, dtype=np.float32)
    queries = np.array([[0.9, 0.5, 0.1, 0.0]], dtype=np.float32)
    assert recall_at(queries, items, [[1]], [[]], ks=(1, 2)) == {"recall@1": 0.0, "recall@2": 1.0}
    assert recall_at(queries, items, [[1]], [[0]], ks=(1, 2)) == {"recall@1": 1.0, "recall@2": 1.0}
