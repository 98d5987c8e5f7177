"""The trained recommender on small data: books with synthetic logged sessions or dialogues.

Hidden structure the content model cannot see: readers who like one book of a pair (chosen
across genres, so the hash embeddings do not put them near each other) also like the other.
"""

from __future__ import annotations

import json
import logging
import random
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from chatbot.catalog import Catalog, load_catalog
from chatbot.config import Settings
from chatbot.errors import ConfigError
from chatbot.events import (
    AttributeAvoided,
    ItemLiked,
    ItemRejected,
    ItemSeen,
    ItemsRecommended,
    UserSaid,
    event_to_dict,
)
from chatbot.interest import fold
from chatbot.ranking import Ranker
from chatbot.recommender.model import MANIFEST_FILE, MODEL_FILE, EaseModel, load_model, model_dir
from chatbot.recommender.train import fit_ease, train_recommender

BOOKS = Path(__file__).resolve().parent.parent / "catalog" / "examples" / "books.jsonl"


def pairs(catalog: Catalog) -> list[tuple[str, str]]:
    """Eight (A, B) pairs whose two books share no genre."""
    items = list(catalog)
    out: list[tuple[str, str]] = []
    used: set[str] = set()
    for a in items:
        if a.id in used:
            continue
        for b in reversed(items):
            if b.id not in used and b.id != a.id and not set(a.genres) & set(b.genres):
                out.append((a.id, b.id))
                used |= {a.id, b.id}
                break
        if len(out) == 8:
            break
    return out


SESSIONS, SESSION_SEED = 240, 1  # synthetic readers of the default fixture


def synthetic_sessions(
    catalog: Catalog, n: int = SESSIONS, seed: int = SESSION_SEED
) -> list[list[Any]]:
    """Each reader is shown A of a pair with two others, likes A, is shown B, likes B, and
    turns down one random book."""
    rng = random.Random(seed)
    ids = [i.id for i in catalog]
    out = []
    for _ in range(n):
        events: list[Any] = [UserSaid("hello")]
        for a, b in rng.sample(pairs(catalog), 2):
            fillers = rng.sample([i for i in ids if i not in (a, b)], 4)
            events += [ItemsRecommended((a, *fillers[:2])), ItemLiked(a)]
            events += [ItemsRecommended((b, *fillers[2:])), ItemLiked(b)]
            events += [ItemRejected(fillers[3])]
        out.append(events)
    return out


def train_on_books(
    tmp_path_factory: pytest.TempPathFactory, name: str, sessions: int, seed: int, **train: Any
) -> tuple[Catalog, Any, Settings, dict]:
    """Books + hash index + a model trained --from-sessions on a real SQLite session store
    holding `sessions` synthetic readers; `train` goes to train_recommender."""
    from chatbot.backends.store_sqlite import SqliteSessionStore
    from chatbot.retrieval import Retriever

    home = tmp_path_factory.mktemp(name)
    settings = Settings.from_env(
        {},
        catalog_path=BOOKS,
        embedder="hash",
        llm="template",
        store="sqlite",
        home=home,
        index_dir=home / "index",
        sqlite_path=home / "sessions.sqlite3",
    )
    catalog = load_catalog(BOOKS)
    store = SqliteSessionStore(settings.sqlite_path)
    for n, events in enumerate(synthetic_sessions(catalog, n=sessions, seed=seed)):
        store.append(f"reader-{n:03d}", [event_to_dict(e) for e in events])
    store.close()
    retriever = Retriever.open(catalog, settings, progress=False)
    manifest = train_recommender(
        settings,
        from_sessions=True,
        holdout=0.2,
        retriever=retriever,
        echo=lambda _: None,
        progress=False,
        **train,
    )
    return catalog, retriever, settings, manifest


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> tuple[Catalog, Any, Settings, dict]:
    """Books + hash index + a model trained --from-sessions on a real SQLite session store."""
    return train_on_books(tmp_path_factory, "learned-home", SESSIONS, SESSION_SEED)


def test_training_writes_artefact_and_manifest(trained: tuple) -> None:
    catalog, _, settings, manifest = trained
    folder = model_dir(settings)
    assert (folder / MODEL_FILE).is_file()
    on_disk = json.loads((folder / MANIFEST_FILE).read_text())
    assert on_disk == manifest
    assert manifest["data"]["kind"] == "sessions" and len(manifest["data"]["sha256"]) == 64
    assert manifest["catalog"]["items"] == len(catalog)
    assert manifest["settings"]["seed"] == 0 and manifest["settings"]["holdout"] == 0.2
    assert manifest["artefact"]["bytes"] == (folder / MODEL_FILE).stat().st_size
    held = manifest["holdout"]
    assert held["cases"] > 10
    # the pairs are invisible to content similarity: the model must beat the hand-tuned ranking
    assert held["blend"]["recall@10"] > held["without_model"]["recall@10"]
    assert manifest["blend"]["learned"] > 0


def test_learned_model_moves_the_partner_up(trained: tuple) -> None:
    catalog, retriever, settings, _ = trained
    learned = Ranker(catalog, retriever, settings)  # "auto": finds the model for the books
    hand = Ranker(catalog, retriever, settings, learned=None)
    assert learned.learned is not None and hand.learned is None
    for a, b in pairs(catalog)[:4]:
        state = fold([ItemLiked(a)])
        hand_ids = [r.item.id for r in hand.rank(state, 10)]
        learned_recs = learned.rank(state, 3)
        assert learned_recs[0].item.id == b
        assert hand_ids[:1] != [b]
        liked = catalog.get(a).label
        assert f"people who liked {liked} often chose this" in learned_recs[0].reasons


def test_constraints_and_rejections_still_win(trained: tuple) -> None:
    catalog, retriever, settings, _ = trained
    ranker = Ranker(catalog, retriever, settings)
    a, b = pairs(catalog)[0]
    rejected = fold([ItemLiked(a), ItemRejected(b)])
    assert b not in {r.item.id for r in ranker.rank(rejected, 20)}
    seen = fold([ItemLiked(a), ItemSeen(b)])
    assert b not in {r.item.id for r in ranker.rank(seen, 20)}
    genre = catalog.get(b).genres[0]
    avoided = fold([ItemLiked(a), AttributeAvoided("genre", genre)])
    picks = ranker.rank(avoided, 20)
    assert picks and all(genre not in r.item.genres for r in picks)


def test_mismatched_catalogue_falls_back_with_a_log_line(
    trained: tuple, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    catalog, retriever, settings, _ = trained
    smaller = Catalog([i for i in catalog if i.id != catalog.items[-1].id])
    with caplog.at_level(logging.WARNING, logger="chatbot.recommender.model"):
        assert load_model(smaller, settings) is None
    assert "trained for another catalogue" in caplog.text
    # a corrupt artefact is refused the same way, never used half-read
    folder = tmp_path / "recommender" / "copy"
    folder.mkdir(parents=True)
    for name in (MODEL_FILE, MANIFEST_FILE):
        (folder / name).write_bytes((model_dir(settings) / name).read_bytes())
    (folder / MODEL_FILE).write_bytes(b"not a model")
    other = settings.replace(home=tmp_path, catalog_path=tmp_path / "copy.jsonl")
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="chatbot.recommender.model"):
        assert load_model(catalog, other) is None
    assert "does not match the manifest" in caplog.text


def test_fit_ease_learns_co_occurrence() -> None:
    baskets = [["a", "b"], ["a", "b"], ["a", "b", "c"], ["c", "d"], ["c", "d"]] * 3
    ids, b = fit_ease(baskets, lam=1.0)
    row = dict(zip(ids, b[ids.index("a")], strict=True))
    assert row["a"] == 0.0  # EASE's zero diagonal: an item never explains itself
    assert row["b"] > row["c"] > row["d"]
    assert np.isfinite(b).all()


def test_training_refuses_test_files_and_needs_ids(trained: tuple, tmp_path: Path) -> None:
    _, _, settings, _ = trained
    with pytest.raises(ConfigError, match="test file"):
        train_recommender(settings, data=tmp_path / "test_dev.jsonl", echo=lambda _: None)
    dialogue = {"messages": [], "initiatorWorkerId": 1, "respondentWorkerId": 2}
    data = tmp_path / "train.jsonl"
    data.write_text(json.dumps(dialogue) + "\n")
    with pytest.raises(ConfigError, match="no ReDial ids"):
        train_recommender(settings, data=data, echo=lambda _: None)


def test_trains_from_redial_format_dialogues(tmp_path: Path) -> None:
    """The dialogue path end to end on books carrying ReDial ids, through the CLI."""
    from chatbot.cli import main

    catalog = load_catalog(BOOKS)
    rid = {item.id: str(1000 + n) for n, item in enumerate(catalog)}
    books = tmp_path / "books.jsonl"
    with books.open("w") as f:
        for item in catalog:
            row = item.to_dict()
            row["extra"] = {**row.get("extra", {}), "redial_ids": [rid[item.id]]}
            f.write(json.dumps(row) + "\n")
    rng = random.Random(3)
    lines = []
    for n in range(300):
        (a, b), (c, d) = rng.sample(pairs(catalog), 2)
        messages = [
            (1, f"Hi! I loved @{rid[a]} and @{rid[c]}"),
            (2, f"Then try @{rid[b]}"),
            (1, "thanks, anything else?"),
            (2, f"@{rid[d]} is great"),
        ]
        lines.append(
            {
                "conversationId": n,
                "initiatorWorkerId": 1,
                "respondentWorkerId": 2,
                "movieMentions": {rid[i]: catalog.get(i).label for i in (a, b, c, d)},
                "messages": [{"senderWorkerId": s, "text": t} for s, t in messages],
            }
        )
    data = tmp_path / "train_mini.jsonl"
    data.write_text("".join(json.dumps(x) + "\n" for x in lines))
    env = {
        "CHATBOT_HOME": str(tmp_path / "var"),
        "CHATBOT_INDEX_DIR": str(tmp_path / "var" / "index"),
        "CHATBOT_EMBEDDER": "hash",
    }
    with pytest.MonkeyPatch.context() as mp:
        for k, v in env.items():
            mp.setenv(k, v)
        assert main(["--catalog", str(books), "train", "recommender", "--data", str(data)]) == 0
        settings = Settings.from_env(catalog_path=books)
    manifest = json.loads((model_dir(settings) / MANIFEST_FILE).read_text())
    assert manifest["data"]["kind"] == "redial" and manifest["data"]["groups"] == 300
    assert (
        manifest["holdout"]["blend"]["recall@10"]
        > manifest["holdout"]["without_model"]["recall@10"]
    )
    model = EaseModel.load(model_dir(settings), load_catalog(books))
    a, b = pairs(catalog)[0]
    assert model.neighbours(a)[0] == b


@pytest.mark.slow
def test_real_training_on_redial_movies(
    movie_settings: Settings, movies_catalog: Catalog, tmp_path: Path
) -> None:
    """The real trainer on train_partial.jsonl and the omdb catalogue (about 2-5 minutes)."""
    out = tmp_path / "model"
    manifest = train_recommender(
        movie_settings, out=out, lambdas=(200.0,), max_cases=None, text=True, echo=lambda _: None
    )
    assert manifest["data"]["kind"] == "redial"
    assert manifest["data"]["path"].endswith("train_partial.jsonl")
    assert manifest["items"] > 3000 and manifest["artefact"]["bytes"] < 20_000_000
    held = manifest["holdout"]
    assert held["cases"] > 1000
    # the model must add what retrieval + popularity cannot on held-out training dialogues, all
    # of them: on the first 300 alone one dialogue read differently (a user's "not so much the
    # one from 2007" rejecting that Halloween) moved the blend by 0.008 and ate the margin; on
    # the 1,123 cases one hit is 0.0009, so the margin is about 5 hits (measured 0.165 against
    # 0.137 with lambda 200; the `make setup` training, which tunes lambda, 0.177 against 0.136)
    assert held["blend"]["recall@10"] > held["without_model"]["recall@10"] + 0.005
    # the text-to-item model (opt-in, text=True) is kept because it beats EASE alone on the same
    # held-out turns
    # (measured 2026-12-04 with lambda 500: Recall@10 0.205 -> 0.238, Recall@50 0.399 -> 0.446)
    assert manifest["text"] is not None and manifest["blend"]["text"] > 0
    assert held["model_alone_with_text"]["recall@10"] > held["model_alone"]["recall@10"]
    model = EaseModel.load(out, movies_catalog)
    assert model.text is not None and len(model.text.vocabulary) > 1000
    assert model.blend.learned == manifest["blend"]["learned"]


def test_make_setup_command_line_parses() -> None:
    """The Makefile's recommender line parses (`make setup` trains the blend, --no-rerank)."""
    import re
    import shlex
    from pathlib import Path

    from chatbot.cli import build_parser

    makefile = (Path(__file__).resolve().parents[1] / "Makefile").read_text()
    line = re.search(r"-m chatbot (train recommender --if-missing[^\n]*)", makefile)
    assert line is not None
    argv = shlex.split(line.group(1).replace("$(CATALOG)", "var/catalog/movies.jsonl"))
    args = build_parser().parse_args(argv)
    assert args.catalog_path == "var/catalog/movies.jsonl" and args.if_missing
    assert "--no-rerank" in argv
