"""The LightGBM re-ranker of the trained recommender, on the books with synthetic sessions.

Real LightGBM on tiny data: the trainer learns it from held-out sessions, the Ranker orders its
candidates by it, and the hard constraints, rejections and truthful reasons still hold.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import lightgbm as lgb
import numpy as np
import pytest

from chatbot.catalog import Catalog, load_catalog
from chatbot.config import Settings
from chatbot.events import (
    AttributeAvoided,
    ItemLiked,
    ItemRejected,
    ItemSeen,
    UserSaid,
)
from chatbot.interest import InterestState, fold
from chatbot.ranking import Ranker
from chatbot.recommender.model import (
    MANIFEST_FILE,
    MODEL_FILE,
    EaseModel,
    ModelError,
    load_model,
    model_dir,
)
from chatbot.recommender.rerank import FEATURES, RERANKER_FILE, Reranker, features
from tests.test_learned_recommender import BOOKS, pairs, train_on_books


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> tuple[Catalog, Any, Settings, dict]:
    """Books + hash index + a model trained --from-sessions with the re-ranker step."""
    return train_on_books(tmp_path_factory, "rerank-home", 400, 5, rank_share=0.3)


def tiny_booster(seed: int = 0, names: tuple[str, ...] = FEATURES) -> Any:
    """A real LambdaRank booster on random data whose label follows the EASE score."""
    rng = np.random.default_rng(seed)
    x = rng.random((400, len(names)))
    y = (x[:, 0] > 0.8).astype(int)
    data = lgb.Dataset(x, y, group=[20] * 20, feature_name=list(names))
    params = {"objective": "lambdarank", "verbose": -1, "min_data_in_leaf": 5, "num_threads": 1}
    return lgb.train(params, data, num_boost_round=10)


def test_reranker_is_trained_on_its_own_sessions_and_measured(trained: tuple) -> None:
    _, _, settings, manifest = trained
    report = manifest["reranker_training"]
    assert report["objective"] == "lambdarank" and report["library"].startswith("lightgbm")
    assert report["train_turns"] >= 30 and report["tune_turns"] > 0
    assert 1 <= report["best_iteration"] <= report["params"]["n_estimators"]
    assert set(report["feature_gain_share"]) == set(FEATURES)
    # the partner structure is invisible to the hash embeddings: it must be learned
    assert report["holdout"]["recall@10"] > manifest["holdout"]["without_model"]["recall@10"]
    folder = model_dir(settings)
    entry = manifest["reranker"]
    if report["used"]:
        assert entry["file"] == RERANKER_FILE and (folder / RERANKER_FILE).is_file()
        assert entry["features"] == list(FEATURES)
        assert manifest["holdout"]["used"] == "reranker"
    else:
        assert entry is None and not (folder / RERANKER_FILE).exists()
    assert json.loads((folder / MANIFEST_FILE).read_text()) == manifest
    model = load_model(load_catalog(BOOKS), settings)
    assert model is not None and (model.reranker is not None) == bool(report["used"])


def test_ranker_orders_by_the_reranker_and_keeps_constraints(trained: tuple) -> None:
    catalog, retriever, settings, _ = trained
    model = EaseModel.load(model_dir(settings), catalog)
    model.reranker = Reranker(tiny_booster(), baskets=100)
    ranker = Ranker(catalog, retriever, settings, learned=model)
    a, b = pairs(catalog)[0]
    state = fold([UserSaid("hi"), ItemLiked(a)])
    cands = ranker.candidates(state, 10, state.excluded())
    assert cands
    scores = model.rescore(ranker, state, cands)
    assert scores is not None and len(scores) == len(cands)
    best = max(zip(scores, (c.item.id for c in cands), strict=True), key=lambda t: (t[0], t[1]))
    assert ranker.rank(state, 1)[0].score == pytest.approx(best[0], abs=1e-3)
    # hard constraints, rejections and seen items apply before the re-ranker sees a candidate
    rejected = fold([ItemLiked(a), ItemRejected(b)])
    assert b not in {r.item.id for r in ranker.rank(rejected, 20)}
    seen = fold([ItemLiked(a), ItemSeen(b)])
    assert b not in {r.item.id for r in ranker.rank(seen, 20)}
    genre = catalog.get(b).genres[0]
    avoided = fold([ItemLiked(a), AttributeAvoided("genre", genre)])
    picks = ranker.rank(avoided, 20)
    assert picks and all(genre not in r.item.genres for r in picks)
    # reasons stay truthful: "people who liked X" only for X's learned neighbours
    for rec in ranker.rank(state, 5):
        claims = [r for r in rec.reasons if r.startswith("people who liked")]
        assert not claims or rec.item.id in model.neighbours(a)


def test_features_describe_the_candidate(trained: tuple) -> None:
    catalog, retriever, settings, _ = trained
    model = EaseModel.load(model_dir(settings), catalog)
    reranker = Reranker(None, baskets=100)
    ranker = Ranker(catalog, retriever, settings, learned=model)
    table = reranker.table(ranker, model)
    a, b = pairs(catalog)[0]
    state = InterestState(liked=(a,), interests=("a story about the sea",))
    cands = ranker.candidates(state, 40, set())
    assert cands is not None
    by_id = {c.item.id: n for n, c in enumerate(cands)}
    assert a in by_id and b in by_id  # the liked book itself is not excluded here
    x = features(ranker, model, table, state, cands)
    f = {name: n for n, name in enumerate(FEATURES)}
    assert x.shape == (len(cands), len(FEATURES)) and x.dtype == np.float32
    assert x[by_id[a], f["sim_liked_max"]] == pytest.approx(1.0, abs=1e-4)
    assert x[by_id[a], f["genre_overlap"]] == pytest.approx(1.0)
    assert x[by_id[b], f["ease_norm"]] == pytest.approx(x[:, f["ease_norm"]].max())
    assert x[by_id[b], f["ease_log_rank"]] == 0.0  # the partner is EASE's first choice
    assert (x[:, f["has_wish"]] == 1.0).all() and (x[:, f["n_liked"]] == 1.0).all()
    year = catalog.get(a).year
    if year:
        assert x[by_id[a], f["year_gap"]] == 0.0
    no_context = features(ranker, model, table, InterestState(interests=("sea",)), cands)
    assert np.isnan(no_context[:, f["year_gap"]]).all()
    assert (no_context[:, f["ease_norm"]] == 0.0).all()


def test_reranker_file_is_checked(
    trained: tuple, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    catalog, _, settings, manifest = trained
    folder = tmp_path / "recommender" / "books"
    folder.mkdir(parents=True)
    (folder / MODEL_FILE).write_bytes((model_dir(settings) / MODEL_FILE).read_bytes())
    good = Reranker(tiny_booster(), baskets=100).save(folder / RERANKER_FILE)
    entry = {
        "file": RERANKER_FILE,
        "sha256": __import__("hashlib").sha256(good.read_bytes()).hexdigest(),
        "baskets": 100,
        "popularity_penalty": 0.5,
    }
    (folder / MANIFEST_FILE).write_text(json.dumps({**manifest, "reranker": entry}))
    model = EaseModel.load(folder, catalog)
    assert model.reranker is not None and model.reranker.popularity_penalty == 0.5
    good.write_text(good.read_text() + "\n")  # changed after training
    with pytest.raises(ModelError, match="does not match the manifest"):
        EaseModel.load(folder, catalog)
    other = settings.replace(home=tmp_path, catalog_path=tmp_path / "books.jsonl")
    with caplog.at_level(logging.WARNING, logger="chatbot.recommender.model"):
        assert load_model(catalog, other) is None  # never used half-checked
    wrong = tiny_booster(names=tuple(f"f{n}" for n in range(len(FEATURES))))
    wrong.save_model(str(tmp_path / "wrong.txt"))
    with pytest.raises(ValueError, match="other features"):
        Reranker.load(tmp_path / "wrong.txt", baskets=1)
