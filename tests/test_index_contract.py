"""Index contract: one body per behaviour, run over every index type and embedder.

The hash embedder runs in the fast suite; the real all-MiniLM-L6-v2 runs in the slow suite.
"""

from __future__ import annotations

import json
import logging
import random
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from chatbot.backends.fake import HashEmbedder
from chatbot.catalog import Catalog, Item
from chatbot.config import Settings
from chatbot.filters import parse_filters
from chatbot.retrieval import Embedder, Retriever, item_text

KINDS = ["flat", "hnsw", "ivf"]
EMBEDDERS = [
    pytest.param("hash", id="hash"),
    pytest.param("minilm", id="minilm", marks=pytest.mark.slow),
]


class CountingEmbedder:
    """Wraps an embedder and counts the texts it embeds (re-embedding shows up as calls > 0)."""

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self.name = inner.name
        self.dim = inner.dim
        self.calls = 0

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        self.calls += len(texts)
        return self.inner.embed(texts)


@pytest.fixture(params=EMBEDDERS)
def make_embedder(request: pytest.FixtureRequest) -> Callable[[], CountingEmbedder]:
    """A factory of fresh counting embedders of one kind (the real model is loaded once)."""
    if request.param == "minilm":
        real = request.getfixturevalue("real_embedder")
        return lambda: CountingEmbedder(real)
    return lambda: CountingEmbedder(HashEmbedder())


@pytest.fixture(params=KINDS)
def settings(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    return Settings.from_env({}, embedder="hash", index_type=request.param, index_dir=tmp_path)


def _open(
    catalog: Catalog, settings: Settings, embedder: Embedder, *, selector: bool = True
) -> Retriever:
    retriever = Retriever.open(catalog, settings, embedder=embedder, progress=False)
    if selector:
        # take the FAISS selector path even on small catalogues, so its fallback is exercised;
        # otherwise selective filters on HNSW/IVF are scored exactly over the matching rows
        retriever.index.exact_subset_rows = 0  # type: ignore[attr-defined]
    return retriever


_WORD_TEXT = (
    "space ship planet moon star orbit crew robot alien war love city night river forest king "
    "queen ghost house murder detective train island ocean desert winter summer school music "
    "dance family father mother son daughter heist bank money prison escape storm mountain"
)
WORDS = _WORD_TEXT.split()


@pytest.fixture(scope="module")
def wide_catalog() -> Catalog:
    """600 random-word items; every 97th is genre 'Rare', so a Rare filter is spread out."""
    rng = random.Random(7)
    items = []
    for n in range(600):
        words = rng.sample(WORDS, 6)
        items.append(
            Item(
                id=f"w{n:03d}",
                title=" ".join(words[:2]).title(),
                description=" ".join(words),
                year=1950 + n % 70,
                genres=("Rare",) if n % 97 == 5 else (rng.choice(["Drama", "Comedy"]),),
            )
        )
    return Catalog(items)


def test_search_returns_k_best_with_scores_descending(
    books_catalog: Catalog, settings: Settings, make_embedder: Callable[[], CountingEmbedder]
) -> None:
    retriever = _open(books_catalog, settings, make_embedder())
    hits = retriever.search("a crew explores a distant planet in space", k=7)
    assert len(hits) == 7
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)
    assert len({h.item.id for h in hits}) == 7
    # the best hit is the item whose own vector is closest to the query
    q = retriever.embed_query("a crew explores a distant planet in space")
    best_row = int(np.argmax(retriever.vectors @ q))
    assert hits[0].item.id == books_catalog.items[best_row].id


def test_item_vector_finds_its_item_first(
    books_catalog: Catalog, settings: Settings, make_embedder: Callable[[], CountingEmbedder]
) -> None:
    retriever = _open(books_catalog, settings, make_embedder())
    item = books_catalog.items[11]
    hits = retriever.search(retriever.item_vector(item.id), k=3)
    assert hits[0].item.id == item.id
    assert hits[0].score == pytest.approx(1.0, abs=1e-4)
    expected = retriever.embedder.embed([item_text(item)])[0]
    # the stored vector was embedded in a padded batch, this one alone: the same up to float32
    # rounding, or bfloat16's (8 bits of mantissa: ~1e-3 on these values) where the CPU has
    # native bf16 and the embedder runs in it
    bf16 = getattr(retriever.embedder, "name", "").endswith("+bf16")
    stored = retriever.item_vector(item.id)
    assert np.allclose(stored, expected, atol=3e-3 if bf16 else 1e-5)
    assert float(stored @ expected) == pytest.approx(1.0, abs=1e-3 if bf16 else 1e-5)


def test_exclusion_removes_items_and_still_fills_k(
    books_catalog: Catalog, settings: Settings, make_embedder: Callable[[], CountingEmbedder]
) -> None:
    retriever = _open(books_catalog, settings, make_embedder())
    first = retriever.search("space exploration", k=5)
    excluded = {h.item.id for h in first[:3]}
    hits = retriever.search("space exploration", k=5, exclude=excluded | {"not-an-id"})
    assert len(hits) == 5
    assert not excluded & {h.item.id for h in hits}
    assert [h.item.id for h in hits[:2]] == [h.item.id for h in first[3:5]]


def test_filters_hold_for_every_hit(
    books_catalog: Catalog, settings: Settings, make_embedder: Callable[[], CountingEmbedder]
) -> None:
    retriever = _open(books_catalog, settings, make_embedder())
    filters = parse_filters(["genre!=Science Fiction", "year>=2000", "price<=15"])
    matching = [i for i in books_catalog if filters.matches(i)]
    assert 3 <= len(matching) < len(books_catalog)
    hits = retriever.search("space exploration", k=len(books_catalog), filters=filters)
    assert {h.item.id for h in hits} == {i.id for i in matching}
    assert all(filters.matches(h.item) for h in hits)


@pytest.mark.parametrize("selector", [True, False], ids=["selector", "exact-subset"])
def test_sparse_filter_never_returns_fewer_than_k(
    wide_catalog: Catalog,
    settings: Settings,
    make_embedder: Callable[[], CountingEmbedder],
    selector: bool,
) -> None:
    retriever = _open(wide_catalog, settings, make_embedder(), selector=selector)
    exact = settings.index_type == "flat" or not selector
    rare = parse_filters(["genre=Rare"])
    rare_ids = {i.id for i in wide_catalog if rare.matches(i)}
    assert len(rare_ids) == 7
    for query in ("love story in the city at night", "robot war on a moon", "family house"):
        unfiltered = [h.item.id for h in retriever.search(query, k=len(wide_catalog))]
        positions = sorted(unfiltered.index(i) for i in rare_ids)
        assert positions[-1] - positions[0] > 100  # the matches are spread across the ranking
        hits = retriever.search(query, k=5, filters=rare)
        assert len(hits) == 5 and {h.item.id for h in hits} <= rare_ids
        if exact:  # the true top-5 of the matching items, compared by score (ties may swap)
            q = retriever.embed_query(query)
            rows = [n for n, item in enumerate(wide_catalog) if item.id in rare_ids]
            best = sorted((float(retriever.vectors[r] @ q) for r in rows), reverse=True)[:5]
            assert [h.score for h in hits] == pytest.approx(best, abs=1e-5)
        everything = retriever.search(query, k=50, filters=rare, exclude=[next(iter(rare_ids))])
        assert len(everything) == 6


def test_mmr_diversifies_but_keeps_k_and_the_filters(
    wide_catalog: Catalog, settings: Settings, make_embedder: Callable[[], CountingEmbedder]
) -> None:
    retriever = _open(wide_catalog, settings, make_embedder())
    plain = retriever.search("space ship crew on a moon", k=8)
    diverse = retriever.search("space ship crew on a moon", k=8, mmr=0.7)
    assert len(diverse) == 8 and diverse[0].item.id == plain[0].item.id

    def mean_pairwise(hits: list[Any]) -> float:
        v = np.stack([retriever.item_vector(h.item.id) for h in hits])
        sims = v @ v.T
        return float((sims.sum() - np.trace(sims)) / (len(hits) * (len(hits) - 1)))

    assert mean_pairwise(diverse) < mean_pairwise(plain)
    drama = parse_filters(["genre=Drama"])
    assert all(drama.matches(h.item) for h in retriever.search("moon", k=8, filters=drama, mmr=1))


def test_reload_does_not_re_embed(
    books_catalog: Catalog, settings: Settings, make_embedder: Callable[[], CountingEmbedder]
) -> None:
    first_embedder = make_embedder()
    first = _open(books_catalog, settings, first_embedder)
    assert first.built and first_embedder.calls == len(books_catalog)
    again = make_embedder()
    second = _open(books_catalog, settings, again)
    assert not second.built and again.calls == 0  # nothing embedded on reload
    q = first.embed_query("haunted house mystery")
    assert [h.item.id for h in second.search(q, k=10)] == [h.item.id for h in first.search(q, k=10)]
    # another index type over the same catalogue reuses the saved embeddings
    other = "flat" if settings.index_type != "flat" else "hnsw"
    third_embedder = make_embedder()
    third = _open(books_catalog, settings.replace(index_type=other), third_embedder)
    assert third.built and third_embedder.calls == 0


def test_manifest_records_what_the_index_was_built_from(
    books_catalog: Catalog, settings: Settings, make_embedder: Callable[[], CountingEmbedder]
) -> None:
    retriever = _open(books_catalog, settings, make_embedder())
    assert retriever.path is not None
    manifest = json.loads((retriever.path / "manifest.json").read_text())
    assert manifest["catalog_hash"] == books_catalog.content_hash
    assert manifest["embedder"] == retriever.embedder.name
    assert manifest["dim"] == retriever.embedder.dim
    assert manifest["count"] == len(books_catalog)
    assert manifest["item_ids"] == [i.id for i in books_catalog]
    assert settings.index_type in manifest["indexes"]
    assert not list(retriever.path.glob("*.tmp"))  # atomic writes leave no temporaries


def test_catalogue_change_rebuilds_and_old_index_stays(
    books_catalog: Catalog, settings: Settings, make_embedder: Callable[[], CountingEmbedder]
) -> None:
    old = _open(books_catalog, settings, make_embedder())
    items = list(books_catalog.items)
    items[0] = replace(items[0], description="A cookbook of slow Sunday soups and stews.")
    changed = Catalog(items)
    embedder = make_embedder()
    new = _open(changed, settings, embedder)
    # vectors are kept per embedded text: only the edited row is embedded again
    assert new.built and embedder.calls == 1
    assert new.path != old.path and old.path is not None and old.path.exists()
    # the changed item got a new vector from its new text; the others kept theirs
    assert not np.allclose(new.item_vector(items[0].id), old.item_vector(items[0].id))
    fresh = embedder.embed([item_text(items[0])])[0]
    assert np.allclose(new.item_vector(items[0].id), fresh, atol=1e-5)
    assert np.allclose(new.item_vector(items[1].id), old.item_vector(items[1].id), atol=1e-5)
    # both catalogues' indexes coexist: reopening the old one embeds nothing
    again = make_embedder()
    assert not _open(books_catalog, settings, again).built and again.calls == 0


def test_embedder_change_rebuilds(books_catalog: Catalog, settings: Settings) -> None:
    _open(books_catalog, settings, CountingEmbedder(HashEmbedder(256)))
    other = CountingEmbedder(HashEmbedder(128))
    retriever = _open(books_catalog, settings, other)
    assert retriever.built and other.calls == len(books_catalog)
    assert retriever.vectors.shape == (len(books_catalog), 128)


@pytest.mark.parametrize(
    ("target", "content", "re_embeds"),
    [
        ("index", b"not a faiss index", False),
        ("index", None, False),  # truncated to half
        # the vectors come back from the text-vector cache: nothing is embedded again
        ("vectors", b"\x93NUMPY garbage", False),
        ("manifest", b"{ not json", False),
        ("manifest", b'{"format": 1, "count": 3}', False),
        # the cache is broken too: everything is embedded again
        ("manifest+cache", b"{ not json", True),
    ],
)
def test_corrupt_files_are_rebuilt_with_a_warning(
    books_catalog: Catalog,
    settings: Settings,
    make_embedder: Callable[[], CountingEmbedder],
    caplog: pytest.LogCaptureFixture,
    target: str,
    content: bytes | None,
    re_embeds: bool,
) -> None:
    first = _open(books_catalog, settings, make_embedder())
    assert first.path is not None
    name = {"index": f"index-{settings.index_type}.faiss", "vectors": "vectors.npy"}
    if target == "manifest+cache":
        (cache,) = first.path.parent.glob("text-vectors-*.npz")
        cache.write_bytes(b"PK garbage")
    path = first.path / name.get(target, "manifest.json")
    data = path.read_bytes()
    path.write_bytes(content if content is not None else data[: len(data) // 2])
    if target == "vectors":  # flat/HNSW load without vectors.npy; drop the index to need it
        (first.path / f"index-{settings.index_type}.faiss").unlink()
    embedder = make_embedder()
    with caplog.at_level(logging.WARNING, logger="chatbot.retrieval"):
        rebuilt = _open(books_catalog, settings, embedder)
    assert rebuilt.built
    assert "unusable" in caplog.text
    assert embedder.calls == (len(books_catalog) if re_embeds else 0)
    q = first.embed_query("dragons and a lost kingdom")
    assert [h.item.id for h in rebuilt.search(q, k=5)] == [h.item.id for h in first.search(q, k=5)]
    # and the repaired files load cleanly next time
    assert not _open(books_catalog, settings, make_embedder()).built


def test_text_vector_cache_reuses_vectors_across_catalogues_and_edits(
    books_catalog: Catalog, tmp_path: Path
) -> None:
    settings = Settings.from_env({}, embedder="hash", index_dir=tmp_path)
    full = CountingEmbedder(HashEmbedder())
    base = _open(books_catalog, settings, full)
    assert full.calls == len(books_catalog)
    items = list(books_catalog.items)
    # a new row, a removed row, one edited row and a reordering: only new texts are embedded
    added = replace(items[0], id="new-1", title="The Soup Book", description="Soups and stews.")
    edited = replace(items[5], description=items[5].description + " Now with a new foreword.")
    reshuffled = [added, *items[1:5], edited, *reversed(items[6:-1])]
    embedder = CountingEmbedder(HashEmbedder())
    retriever = _open(Catalog(reshuffled), settings, embedder)
    assert retriever.built and embedder.calls == 2
    for item in reshuffled:
        expected = HashEmbedder().embed([item_text(item)])[0]
        assert np.allclose(retriever.item_vector(item.id), expected, atol=1e-6), item.id
    assert np.allclose(retriever.item_vector(items[1].id), base.item_vector(items[1].id))
    # the removed row's vector is still kept: bringing it back embeds nothing
    again = CountingEmbedder(HashEmbedder())
    assert _open(Catalog(items[1:]), settings, again).built and again.calls == 0
