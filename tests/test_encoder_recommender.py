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
    context = enc.context_vector(state, catalog)
    assert context is not None
    order = np.argsort(enc.vectors @ context)
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


def synthetic_redial(catalog: Catalog, folder: Path, n: int = 80) -> tuple[Path, Path]:
    """The books with ReDial ids, and `n` ReDial-format dialogues in which a seeker names a book
    they love and the recommender answers with its hidden partner (a book of another genre)."""
    items = list(catalog)
    books = folder / "books_redial.jsonl"
    rows = [json.loads(line) for line in BOOKS.read_text(encoding="utf-8").splitlines() if line]
    with books.open("w", encoding="utf-8") as f:
        for k, row in enumerate(rows):
            row["extra"] = {**row.get("extra", {}), "redial_ids": [str(5000 + k)]}
            f.write(json.dumps(row) + "\n")
    partner = {k: (k + len(items) // 2) % len(items) for k in range(len(items))}
    rng = random.Random(3)
    dialogues = folder / "train_partial.jsonl"
    with dialogues.open("w", encoding="utf-8") as f:
        for d in range(n):
            a = rng.randrange(len(items))
            b = partner[a]
            ra, rb = str(5000 + a), str(5000 + b)
            f.write(
                json.dumps(
                    {
                        "conversationId": f"s{d}",
                        "initiatorWorkerId": 1,
                        "respondentWorkerId": 2,
                        "movieMentions": {ra: items[a].title, rb: items[b].title},
                        "initiatorQuestions": {ra: {"suggested": 0, "seen": 1, "liked": 1}},
                        "respondentQuestions": [],
                        "messages": [
                            {"senderWorkerId": 1, "text": f"I loved @{ra} , anything else?"},
                            {"senderWorkerId": 2, "text": f"Then try @{rb}"},
                            {"senderWorkerId": 1, "text": "Thanks!"},
                        ],
                    }
                )
                + "\n"
            )
    return books, dialogues


@pytest.mark.slow
def test_fine_tuning_end_to_end_on_synthetic_dialogues(tmp_path: Path, books: tuple) -> None:
    """The real embedded MiniLM fine-tuned on CPU: the recommended partner moves up for the
    contexts it was trained on, the artefacts and manifest are written, and the Ranker of the
    product loads and uses the encoder automatically."""
    from chatbot.backends.embed_sentence_transformers import default_model_dir
    from chatbot.recommender.encoder import (
        EncoderTrainOptions,
        _encode,
        _load_st,
        read_pairs,
        train_encoder,
    )
    from chatbot.retrieval import Retriever

    catalog, _, _ = books
    path, data = synthetic_redial(catalog, tmp_path)
    settings = Settings.from_env(
        {},
        catalog_path=path,
        embedder="hash",
        llm="template",
        home=tmp_path / "home",
        index_dir=tmp_path / "ix",
        redial_dir=tmp_path,
    )
    cat = load_catalog(path)
    retriever = Retriever.open(cat, settings, progress=False)
    manifest = train_encoder(
        settings,
        options=EncoderTrainOptions(holdout=0.2, epochs=3, batch_size=8, lr=1e-4, device="cpu"),
        retriever=retriever,
        echo=lambda _: None,
        progress=False,
    )
    folder = encoder_dir(settings)
    assert (folder / MANIFEST_FILE).is_file() and (folder / VECTORS_FILE).is_file()
    assert manifest["data"]["sha256"] and manifest["finetune"]["train_pairs"] > 20
    assert set(manifest["holdout"]["chosen_blend"]) == {"weight", "candidates"}
    assert manifest["settings"]["holdout"] == 0.2 and manifest["finetune"]["settings"]["lr"] == 1e-4
    # the positives of the training pairs rank higher after fine-tuning than before
    pairs = read_pairs(folder / "pairs.jsonl.gz")
    texts = dict(pairs["items"])
    contexts = [c for c, _ in pairs["train"]]
    targets = [list(texts).index(i) for _, i in pairs["train"]]
    item_texts = list(texts.values())

    def mean_rank(model_dir: Path) -> float:
        model = _load_st(model_dir, "cpu")
        s = _encode(model, contexts) @ _encode(model, item_texts).T
        return float(np.mean([(row > row[t]).sum() for row, t in zip(s, targets, strict=True)]))

    assert mean_rank(folder / "model") < mean_rank(default_model_dir())
    ranker = Ranker(cat, retriever, settings)  # "auto": the product's path
    assert ranker.encoder is not None and ranker.encoder.blend.to_dict() == manifest["blend"]
    state = fold([ItemLiked(cat.items[0].id)])
    assert all(c.encoder != 0.0 for c in ranker.candidates(state, 3, state.excluded()) or [])


def test_context_cache_keeps_a_batch_whole_when_it_overflows() -> None:
    model = HashModel()
    enc = EncoderModel(
        Path("unused"), ["a"], np.ones((1, 256), np.float32), EncoderBlend(), model=model
    )
    enc.cache_size = 2
    first = enc.embed(["x", "y", "z"])
    again = enc.embed(["x", "y", "z", "w", "x"])  # some cached, some evicted, one repeated
    assert again.shape == (5, 256)
    np.testing.assert_allclose(again[:3], first, rtol=1e-6)
    np.testing.assert_allclose(again[4], first[0], rtol=1e-6)
    calls = model.calls
    enc.embed(["w", "x"])  # the latest two are cached
    assert model.calls == calls


def test_both_command_lines_hand_every_flag_to_the_options(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`chatbot train recommender --encoder ...` and `python -m chatbot.recommender.encoder
    finetune ...` build their options from the flags: a flag the options lose, or an option
    no flag sets, fails here rather than on the training machine."""
    import chatbot.recommender.encoder as encoder
    from chatbot.cli import main as cli_main

    seen: dict[str, Any] = {}
    monkeypatch.setattr(encoder, "train_encoder", lambda settings, **kw: seen.update(kw))
    monkeypatch.setattr(encoder, "finetune", lambda *a, **kw: seen.update(finetune=a))
    flags = "--epochs 2 --batch-size 16 --lr 0.001 --device cpu --max-pairs 50 --seed 3"
    train = f"--encoder {flags} --holdout 0.2 --max-dialogues 7 --max-cases 9 --eval-items 30"
    train += " --encoder-model ft --pairs-only --no-popularity-cap --data d.jsonl --out o"
    assert cli_main(["--catalog", str(BOOKS), "train", "recommender", *train.split()]) == 0
    knobs: dict[str, Any] = dict(epochs=2, batch_size=16, lr=0.001, device="cpu", max_pairs=50)
    assert seen["options"] == encoder.EncoderTrainOptions(
        **knobs,
        seed=3,
        holdout=0.2,
        max_dialogues=7,
        max_cases=9,
        eval_items=30,
        encoder_model="ft",
        pairs_only=True,
        popularity_cap=False,
    )
    assert (seen["data"], seen["out"]) == ("d.jsonl", "o")
    ft = f"finetune --pairs p.gz --base b --out o {flags} --eval-items 30 --patience 2"
    assert encoder.main(ft.split()) == 0
    assert seen["finetune"] == (
        Path("p.gz"),
        Path("b"),
        Path("o"),
        encoder.FinetuneOptions(**knobs, seed=3, eval_items=30, patience=2),
    )
