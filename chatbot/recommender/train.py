"""`chatbot train recommender`: fit EASE on training baskets, learn a re-ranker, tune on held-out
groups.

1. Split the dialogues (or sessions) by id: `holdout` (tuning, early stopping, the figures of the
   manifest), then `rank_share` (the re-ranker's training turns), the rest fits EASE.
2. Fit EASE (closed form, Steck 2019) on the training baskets for each lambda; on the hold-out
   cases pick lambda and the context weights by Recall@10 + Recall@50 of the model alone.
3. With the chosen model, replay every hold-out case through the production Ranker and pick the
   weights of the learned score and of popularity in the blend (the hand-tuned score stays).
4. The re-ranker (LightGBM LambdaRank, chatbot.recommender.rerank): trained on the candidates of
   the `rank_share` turns, early-stopped by NDCG@10 on the hold-out turns, with the smallest
   popularity penalty that keeps its hold-out popularity bias at most the hand-tuned ranking's
   (the popularity cap). It is kept only when it beats the blend on the hold-out.
5. Refit EASE with the chosen lambda on all baskets, keep each row's strongest weights, and write
   ease.npz, reranker.txt and manifest.json (data sha256, settings, seed, hold-out metrics,
   training time, size).
The dev / test dialogues are never read here; a --data path naming a test file is refused.
"""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import json
import logging
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from chatbot.catalog import Catalog, atomic_write_text, load_catalog
from chatbot.config import Settings
from chatbot.errors import ConfigError
from chatbot.recommender.data import (
    Case,
    TrainingData,
    logged_sessions,
    redial_data,
    session_data,
    text_pairs,
)
from chatbot.recommender.model import (
    FORMAT,
    MANIFEST_FILE,
    Blend,
    ContextWeights,
    EaseModel,
    catalog_ids_hash,
    model_dir,
    prune_rows,
)
from chatbot.recommender.rerank import FEATURES, RERANKER_FILE, Reranker
from chatbot.recommender.text import LAMBDAS as TEXT_LAMBDAS
from chatbot.recommender.text import TEXT_FILE, TextModel, fit_text_model

if TYPE_CHECKING:
    from chatbot.ranking import Candidate, Ranker
    from chatbot.retrieval import Retriever

log = logging.getLogger(__name__)

LAMBDAS = (50.0, 200.0, 500.0)  # BASELINES.md: 200 best on ReDial dialogues, 50..1000 close
KEEP = 256  # weights kept per row (measured: no loss on the hold-out, 1/17 of the dense size)
# (shown, disliked) weights; liked and seen count 1. A film the user turned down never counts
# for the films mentioned with it (in ReDial a disliked mention still predicts the next
# recommendation slightly: disliked 0.5 gave hold-out recall@10 0.2054 against 0.2026 at 0, but
# 'I hated The Notebook' then brought Safe Haven and Dear John); it may push them down.
CONTEXT_GRID = (
    (1.0, 0.0),
    (0.5, 0.0),
    (1.0, -0.25),
    (0.5, -0.25),
)
LEARNED_GRID = (0.0, 0.25, 0.5, 1.0, 1.5, 2.0, 3.0, 5.0, 8.0)
POPULARITY_GRID = (0.0, 0.1, 0.2, 0.3, 0.5, 0.8)
DEPTH = 50  # the deepest cut-off measured (Recall@50)
RERANK_POOL = 100  # retrieval's share of a re-ranker training turn's candidates (+ EASE's best)
POPULAR_CANDIDATES = 200  # the most-named training items join every turn's candidates
MIN_RANK_CASES = 30  # fewer re-ranker training turns: the blend alone
# weight of the text model's score beside EASE's (lambda 500: 0.1 chosen on ReDial)
TEXT_GRID = (0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.0)
PENALTY_GRID = (0.0, 0.1, 0.2, 0.3, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 5.0)


def fit_ease(baskets: Sequence[Sequence[str]], lam: float) -> tuple[list[str], np.ndarray]:
    """EASE weights B (n, n) float32 with a zero diagonal over the items of `baskets`, and the
    item ids naming its rows. B = I - P / diag(P), P = (X'X + lam I)^-1 (Steck 2019, eq. 8)."""
    ids = sorted({i for b in baskets for i in b})
    if len(ids) < 2:
        raise ConfigError("fewer than two items occur in the training baskets: nothing to learn")
    col = {item_id: n for n, item_id in enumerate(ids)}
    gram = np.zeros((len(ids), len(ids)), dtype=np.float64)
    for basket in baskets:
        rows = np.array(sorted({col[i] for i in basket}))
        gram[np.ix_(rows, rows)] += 1.0
    gram[np.diag_indices_from(gram)] += lam
    p = np.linalg.inv(gram)
    b = p / (-np.diag(p))
    b[np.diag_indices_from(b)] = 0.0
    return ids, b.astype(np.float32)


def basket_counts(ids: Sequence[str], baskets: Iterable[Sequence[str]]) -> np.ndarray:
    """How many baskets hold each of `ids` (int32)."""
    col = {item_id: n for n, item_id in enumerate(ids)}
    counts = np.zeros(len(ids), dtype=np.int32)
    for basket in baskets:
        for i in set(basket):
            if i in col:
                counts[col[i]] += 1
    return counts


def recall(ranked: Sequence[str], targets: Sequence[str], k: int) -> int:
    """How many targets are in the first k ranked ids."""
    top = set(ranked[:k])
    return sum(1 for t in targets if t in top)


def _columns(chosen: Sequence[Sequence[str]], row: dict[str, int]) -> list[list[int]]:
    """Item ids -> the model's column numbers (ids the model does not know are left out)."""
    return [[row[i] for i in ids if i in row] for ids in chosen]


def _with_text(model: EaseModel, text: TextModel, weight: float) -> EaseModel:
    """The same EASE weights with a text model of the given weight."""
    blend = dataclasses.replace(model.blend, text=weight)
    return EaseModel(model.item_ids, model.cols, model.vals, model.counts, blend, text=text)


def _item_level(model: EaseModel, cases: Sequence[Case], pop: dict[str, float]) -> dict[str, Any]:
    """Recall@10/50 of the model alone (plus a little popularity) on the hold-out cases."""
    hits = {10: 0, 50: 0}
    n = 0
    pop_vec = np.array([pop.get(i, 0.0) for i in model.item_ids], dtype=np.float32)
    for case in cases:
        s = model.scores(*model.inputs(case.state))
        best = float(s.max()) if s.size else 0.0
        s = (s / best if best > 0 else s) + 0.05 * pop_vec
        excluded = case.state.excluded()
        ranked = [model.item_ids[r] for r in np.argsort(-s)[: DEPTH + len(excluded)]]
        ranked = [i for i in ranked if i not in excluded]
        for k in hits:
            hits[k] += recall(ranked, case.targets, k)
        n += len(case.targets)
    return {f"recall@{k}": round(h / n, 4) if n else 0.0 for k, h in hits.items()} | {"targets": n}


def _blend_search(
    rows: Sequence[tuple[list[str], np.ndarray, tuple[str, ...]]],
    pops: Sequence[np.ndarray],
    learned: Sequence[np.ndarray],
    top_voted: set[str],
    *,
    limit: float | None = None,
) -> tuple[float, float, dict[str, Any], list[dict[str, Any]]]:
    """Grid over (learned weight, popularity weight) by Recall@10 + Recall@50 on the hold-out,
    among the blends whose popularity bias (share of top-10 slots held by the 10% most-voted
    items) is at most `limit` (None: any)."""
    grid = []
    for lw, pw in itertools.product(LEARNED_GRID, POPULARITY_GRID):
        hits = {1: 0, 10: 0, 50: 0}
        n = slots = popular = 0
        for (ids, base, targets), pop, lv in zip(rows, pops, learned, strict=True):
            order = np.argsort(-(base + pw * pop + lw * lv), kind="stable")[:DEPTH]
            ranked = [ids[r] for r in order]
            for k in hits:
                hits[k] += recall(ranked, targets, k)
            n += len(targets)
            slots += len(ranked[:10])
            popular += sum(1 for i in ranked[:10] if i in top_voted)
        metrics = {f"recall@{k}": round(h / n, 4) if n else 0.0 for k, h in hits.items()}
        bias = round(popular / slots, 4) if slots else 0.0
        grid.append({"learned": lw, "popularity": pw, **metrics, "popularity_bias@10": bias})
    eligible = [g for g in grid if limit is None or g["popularity_bias@10"] <= limit]
    best = max(eligible, key=lambda g: (g["recall@10"] + g["recall@50"], -g["learned"]))
    return best["learned"], best["popularity"], best, grid


def fit_reranker(
    ranker: Ranker,
    model: EaseModel,
    td: TrainingData,
    train_lists: Sequence[Sequence[Candidate] | None],
    tune_lists: Sequence[Sequence[Candidate] | None],
    tune_rows: Sequence[tuple[list[str], np.ndarray, tuple[str, ...]]],
    top_voted: set[str],
    *,
    baskets: int,
    limit: float | None,
    seed: int = 0,
) -> tuple[Reranker, dict[str, Any]]:
    """Train the LightGBM LambdaRank re-ranker on the re-ranker groups' turns (label 1: a movie
    the recommender named there), early-stopped by NDCG@10 on the hold-out turns; then pick the
    smallest popularity penalty whose hold-out popularity bias@10 is at most `limit` (None: no
    penalty). Returns the re-ranker and its hold-out report (Recall@1/10/50, bias, iterations,
    feature importance by gain). `tune_rows` are the blend search's rows: their ids serve the
    cold-start turns (no candidates), which the re-ranker does not order."""
    import lightgbm as lgb

    from chatbot.recommender.rerank import features

    reranker = Reranker(None, baskets=baskets)
    table = reranker.table(ranker, model)

    def matrix(
        cases: Sequence[Case], lists: Sequence[Sequence[Candidate] | None]
    ) -> list[tuple[np.ndarray, np.ndarray] | None]:
        out: list[tuple[np.ndarray, np.ndarray] | None] = []
        for case, cands in zip(cases, lists, strict=True):
            if not cands:
                out.append(None)
                continue
            targets = set(case.targets)
            x = features(ranker, model, table, case.state, cands)
            out.append((x, np.array([c.item.id in targets for c in cands], dtype=np.int32)))
        return out

    def stack(mats: Sequence[tuple[np.ndarray, np.ndarray] | None]) -> tuple[Any, Any, Any]:
        kept = [m for m in mats if m is not None and m[1].any()]
        if not kept:
            raise ConfigError("no re-ranker turn has a chosen item among its candidates")
        return (
            np.vstack([x for x, _ in kept]),
            np.concatenate([y for _, y in kept]),
            [len(y) for _, y in kept],
        )

    train_m = matrix(td.rank_cases, train_lists)
    tune_m = matrix(td.cases, tune_lists)
    x_train, y_train, g_train = stack(train_m)
    x_tune, y_tune, g_tune = stack(tune_m)
    ranker_model = lgb.LGBMRanker(
        objective="lambdarank",
        n_estimators=600,
        learning_rate=0.05,
        num_leaves=31,
        min_child_samples=50,
        subsample=0.8,
        subsample_freq=1,
        colsample_bytree=0.8,
        reg_lambda=1.0,
        random_state=seed,
        n_jobs=2,
        verbose=-1,
    )
    ranker_model.fit(
        x_train,
        y_train,
        group=g_train,
        eval_X=(x_tune,),
        eval_y=(y_tune,),
        eval_group=[g_tune],
        eval_at=(10, 50),
        feature_name=list(FEATURES),
        callbacks=[lgb.early_stopping(50, first_metric_only=True, verbose=False)],
    )
    booster = ranker_model.booster_
    reranker.booster = booster
    best_iter = booster.best_iteration or booster.current_iteration()
    raw = [
        None if m is None else booster.predict(m[0], num_iteration=best_iter, num_threads=2)
        for m in tune_m
    ]
    votes = [
        None
        if cands is None
        else table.log_votes[[table.row[c.item.id] for c in cands]] / (table.log_votes.max() or 1)
        for cands in tune_lists
    ]

    def measure(penalty: float) -> dict[str, Any]:
        hits = {1: 0, 10: 0, 50: 0}
        n = slots = popular = 0
        for case, cands, s, v, row in zip(td.cases, tune_lists, raw, votes, tune_rows, strict=True):
            if cands is None or s is None or v is None:
                ranked = row[0][:DEPTH]
            else:
                order = np.argsort(-(s - penalty * v), kind="stable")[:DEPTH]
                ranked = [cands[r].item.id for r in order]
            for k in hits:
                hits[k] += recall(ranked, case.targets, k)
            n += len(case.targets)
            slots += len(ranked[:10])
            popular += sum(1 for i in ranked[:10] if i in top_voted)
        return {
            "popularity_penalty": penalty,
            **{f"recall@{k}": round(h / n, 4) if n else 0.0 for k, h in hits.items()},
            "popularity_bias@10": round(popular / slots, 4) if slots else 0.0,
        }

    grid = [measure(p) for p in (PENALTY_GRID if limit is not None else (0.0,))]
    within = [g for g in grid if limit is None or g["popularity_bias@10"] <= limit]
    chosen = within[0] if within else grid[-1]
    reranker.popularity_penalty = float(chosen["popularity_penalty"])
    gains = booster.feature_importance(importance_type="gain", iteration=best_iter)
    total = float(gains.sum()) or 1.0
    report = {
        "library": f"lightgbm {lgb.__version__}",
        "objective": "lambdarank",
        "params": {
            k: v
            for k, v in ranker_model.get_params().items()
            if k in ("n_estimators", "learning_rate", "num_leaves", "min_child_samples")
        },
        "best_iteration": int(best_iter),
        "train_turns": len(g_train),
        "train_rows": int(len(y_train)),
        "tune_turns": len(g_tune),
        "holdout": chosen,
        "penalty_grid": grid,
        "feature_gain_share": {
            name: round(float(g) / total, 4)
            for name, g in sorted(zip(FEATURES, gains, strict=True), key=lambda t: -t[1])
        },
    }
    return reranker, report


def train_recommender(
    settings: Settings,
    *,
    data: str | Path | None = None,
    from_sessions: bool = False,
    out: str | Path | None = None,
    holdout: float = 0.1,
    seed: int = 0,
    lambdas: Sequence[float] = LAMBDAS,
    keep: int = KEEP,
    max_cases: int | None = None,
    popularity_cap: bool = True,
    rank_share: float = 0.2,
    max_rank_cases: int | None = 1500,
    rerank: bool = True,
    text: bool = False,
    retriever: Retriever | None = None,
    echo: Callable[[str], None] = print,
    progress: bool = True,
) -> dict[str, Any]:
    """Train, tune and write the recommender for the configured catalogue; returns the manifest.

    `data`: ReDial-format training JSONL (default <redial dir>/train_partial.jsonl); with
    `from_sessions` the SQLite session store's logged sessions instead. `out` defaults to
    `model_dir(settings)`, where the Ranker looks. `popularity_cap`: choose the blend only among
    weights whose hold-out popularity bias is at most the hand-tuned ranking's. `rank_share`: the
    share of groups (after the hold-out) whose turns train the LightGBM re-ranker (`rerank`;
    kept only when it beats the blend on the hold-out). `text`: also fit the text-to-item
    model (opt-in; ReDial data only; kept when it beats EASE alone on the hold-out).
    ConfigError for test files, a catalogue without ReDial ids, or too little data to learn
    from."""
    from tqdm import tqdm

    if not 0.0 < holdout < 0.5:
        raise ConfigError(f"--holdout must be between 0 and 0.5, got {holdout}")
    if not 0.0 <= rank_share < 0.5:
        raise ConfigError(f"--rank-share must be between 0 and 0.5, got {rank_share}")
    rank_share = rank_share if rerank else 0.0
    started = time.perf_counter()
    catalog = load_catalog(settings.catalog_path, mapping=settings.catalog_mapping or None)
    t0 = time.perf_counter()
    source: dict[str, Any]
    dialogues: list[Any] = []
    if from_sessions:
        sessions = list(logged_sessions(settings))
        td = session_data(sessions, catalog, holdout=holdout, seed=seed, rank_share=rank_share)
        digest = hashlib.sha256(
            json.dumps(sessions, sort_keys=True, ensure_ascii=True).encode()
        ).hexdigest()
        source = {"kind": "sessions", "store": str(settings.sqlite_path), "sha256": digest}
    else:
        from chatbot.evaluation.redial import read_dialogues

        path = training_file(settings, data)
        if "test" in path.name.lower():
            raise ConfigError(
                f"{path}: refusing to train on a test file; the test split is for reports only"
            )
        dialogues = read_dialogues(path)
        echo(f"read {len(dialogues):,} dialogues from {path}; replaying the hold-out turns...")
        td = redial_data(
            dialogues,
            catalog,
            holdout=holdout,
            seed=seed,
            max_cases=max_cases,
            rank_share=rank_share,
            max_rank_cases=max_rank_cases,
        )
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        source = {"kind": "redial", "path": str(path), "sha256": digest}
    _check_enough(td)
    echo(
        f"{td.source}: {len(td.baskets):,} training baskets, {td.holdout_groups:,} held-out "
        f"groups with {len(td.cases):,} cases, {td.rank_groups:,} re-ranker groups with "
        f"{len(td.rank_cases):,} cases ({time.perf_counter() - t0:.1f} s)"
    )
    pop = _popularity(catalog)

    # 2. lambda and context weights, by the model alone
    t0 = time.perf_counter()
    best: tuple[float, EaseModel, dict[str, Any]] | None = None
    item_grid = []
    for lam in lambdas:
        ids, b = fit_ease(td.baskets, lam)
        cols, vals = prune_rows(b, keep)
        counts = basket_counts(ids, td.baskets)
        for shown, disliked in CONTEXT_GRID:
            weights = ContextWeights(shown=shown, disliked=disliked)
            model = EaseModel(ids, cols, vals, counts, Blend(weights=weights))
            metrics = _item_level(model, td.cases, pop)
            item_grid.append({"lambda": lam, "shown": shown, "disliked": disliked, **metrics})
            score = metrics["recall@10"] + metrics["recall@50"]
            if best is None or score > best[0]:
                best = (score, model, item_grid[-1])
        echo(f"  lambda {lam:g}: fitted {len(ids):,} items, best so far {best[2]}")  # type: ignore[index]
    assert best is not None
    _, model, item_best = best
    echo(f"model alone on the hold-out: {item_best} ({time.perf_counter() - t0:.1f} s)")

    # 2b. the text-to-item model (what the seeker wrote -> what was recommended), on the
    # EASE groups' turns; its lambda and weight by the model alone on the hold-out
    text_best: dict[str, Any] | None = None
    text_grid: list[dict[str, Any]] = []
    if text and dialogues:
        t0 = time.perf_counter()
        texts, chosen = text_pairs(dialogues, catalog, skip_below=holdout + rank_share, seed=seed)
        columns = _columns(chosen, model.row)
        echo(f"text model: {len(texts):,} (seeker text, recommended movies) pairs")
        score = item_best["recall@10"] + item_best["recall@50"]
        for tl in TEXT_LAMBDAS:
            tm = fit_text_model(texts, columns, len(model), tl)
            for tw in TEXT_GRID:
                trial = _with_text(model, tm, tw)
                metrics = _item_level(trial, td.cases, pop)
                text_grid.append({"lambda": tl, "weight": tw, **metrics})
                if metrics["recall@10"] + metrics["recall@50"] > score:
                    score, text_best, model = (
                        metrics["recall@10"] + metrics["recall@50"],
                        text_grid[-1],
                        trial,
                    )
        echo(
            f"model alone with the text model on the hold-out: "
            f"{text_best or 'not better than EASE alone: not used'} "
            f"({time.perf_counter() - t0:.1f} s)"
        )

    # 3. the blend with the hand-tuned ranking, through the production Ranker
    t0 = time.perf_counter()
    if retriever is None:
        from chatbot.retrieval import Retriever

        retriever = Retriever.open(catalog, settings, progress=progress)
    from chatbot.ranking import Ranker

    if rerank:  # the most-named items join the candidates the re-ranker orders
        model.blend = dataclasses.replace(model.blend, popular=POPULAR_CANDIDATES)
    ranker = Ranker(catalog, retriever, settings, learned=model)
    ranker.cache_size = 4 * len(td.cases) + 16
    echo(f"embedding the query texts of {len(td.cases):,} hold-out turns...")
    ranker.prefetch(case.state for case in td.cases)
    # today's ranking, for the popularity bias the blend may not exceed (its recall is not
    # comparable: its co-mention lists were counted from every training dialogue)
    hand = Ranker(catalog, retriever, settings, learned=None)
    hand._vectors, hand.cache_size = ranker._vectors, ranker.cache_size
    hand_lists = []
    rows, pops, learned = [], [], []
    tune_lists: list[list[Candidate] | None] = []
    for case in tqdm(td.cases, desc="hold-out", unit="turn", disable=not progress):
        excluded = case.state.excluded()
        hand_lists.append([r.item.id for r in hand.rank(case.state, 10, explain=False)])
        cands = ranker.candidates(case.state, DEPTH, excluded)
        tune_lists.append(cands)
        if cands is None:  # no signal: the cold start ranks by popularity alone
            cands = _cold(ranker, case.state, excluded)
        rows.append(([c.item.id for c in cands], np.array([c.base for c in cands]), case.targets))
        pops.append(np.array([c.pop for c in cands]))
        learned.append(np.array([c.learned for c in cands]))
    n = sum(len(c.targets) for c in td.cases)
    from chatbot.evaluation.metrics import top_voted_ids

    top_voted = set(top_voted_ids(catalog, 0.1))
    hand_bias = round(
        sum(1 for ids in hand_lists for i in ids if i in top_voted)
        / max(1, sum(len(ids) for ids in hand_lists)),
        4,
    )
    # a top-10 list that is more than 1% of the catalogue (the 40 books) says little about bias
    guard = popularity_cap and len(catalog) >= 1000
    echo(f"popularity bias@10 of the hand-tuned ranking on the hold-out: {hand_bias}")
    lw, pw, blend_best, grid = _blend_search(
        rows, pops, learned, top_voted, limit=hand_bias if guard else None
    )
    # the same candidates without the model's score: retrieval, facets and popularity alone
    without = max((g for g in grid if g["learned"] == 0.0), key=lambda g: g["recall@10"])
    echo(f"without the model (learned weight 0) on the hold-out: {without}")
    echo(f"blend on the hold-out: {blend_best} ({time.perf_counter() - t0:.1f} s)")

    # 3b. the LightGBM re-ranker: trained on the re-ranker groups' turns, early-stopped and
    # measured on the hold-out turns, kept when it beats the blend there
    rerank_report: dict[str, Any] | None = None
    reranker: Reranker | None = None
    if rerank and len(td.rank_cases) >= MIN_RANK_CASES:
        t0 = time.perf_counter()
        echo(f"re-ranker: candidates for {len(td.rank_cases):,} training turns...")
        ranker.prefetch(case.state for case in td.rank_cases)
        train_lists = [
            ranker.candidates(case.state, DEPTH, case.state.excluded(), pool=RERANK_POOL)
            for case in tqdm(td.rank_cases, desc="re-ranker", unit="turn", disable=not progress)
        ]
        reranker, rerank_report = fit_reranker(
            ranker,
            model,
            td,
            train_lists,
            tune_lists,
            rows,
            top_voted,
            baskets=len(td.baskets),
            limit=hand_bias if guard else None,
            seed=seed,
        )
        rerank_report["seconds"] = round(time.perf_counter() - t0, 1)
        better = (
            rerank_report["holdout"]["recall@10"] + rerank_report["holdout"]["recall@50"]
            > blend_best["recall@10"] + blend_best["recall@50"]
        )
        rerank_report["used"] = better
        echo(
            f"re-ranker on the hold-out: {rerank_report['holdout']} "
            f"({'used' if better else 'not better than the blend: not used'}; "
            f"{rerank_report['seconds']} s)"
        )
        if not better:
            reranker = None
    elif rerank:
        echo(
            f"re-ranker: only {len(td.rank_cases)} turns to learn from "
            f"(at least {MIN_RANK_CASES} needed): the blend alone is used"
        )

    # 4. refit on everything with the chosen settings and write
    t0 = time.perf_counter()
    all_baskets = [
        *td.baskets,
        *(b for b in (*td.holdout_baskets, *td.rank_baskets) if len(b) >= 2),
    ]
    ids, b = fit_ease(all_baskets, item_best["lambda"])
    cols, vals = prune_rows(b, keep)
    blend = Blend(
        learned=lw,
        popularity=pw,
        weights=model.blend.weights,
        popular=model.blend.popular,
        text=model.blend.text,
    )
    final = EaseModel(ids, cols, vals, basket_counts(ids, all_baskets), blend)
    folder = Path(out) if out else model_dir(settings)
    path = final.save(folder)
    size = path.stat().st_size
    text_entry: dict[str, Any] | None = None
    if text_best is not None:
        texts, chosen = text_pairs(dialogues, catalog, skip_below=0.0, seed=seed)
        row = {item_id: n for n, item_id in enumerate(ids)}
        tm = fit_text_model(texts, _columns(chosen, row), len(ids), text_best["lambda"])
        tpath = tm.save(folder)
        text_entry = {
            "file": tpath.name,
            "bytes": tpath.stat().st_size,
            "sha256": hashlib.sha256(tpath.read_bytes()).hexdigest(),
            "pairs": len(texts),
            "terms": len(tm.vocabulary),
            "lambda": text_best["lambda"],
            "weight": text_best["weight"],
        }
    elif (folder / TEXT_FILE).exists():
        (folder / TEXT_FILE).unlink()
    reranker_entry: dict[str, Any] | None = None
    if reranker is not None:
        reranker.baskets = len(all_baskets)
        rpath = reranker.save(folder / RERANKER_FILE)
        reranker_entry = {
            "file": rpath.name,
            "bytes": rpath.stat().st_size,
            "sha256": hashlib.sha256(rpath.read_bytes()).hexdigest(),
            "baskets": len(all_baskets),
            "popularity_penalty": reranker.popularity_penalty,
            "features": list(FEATURES),
        }
    elif (folder / RERANKER_FILE).exists():
        (folder / RERANKER_FILE).unlink()
    manifest = {
        "format": FORMAT,
        "model": "EASE (Steck, WWW 2019), rows pruned to the strongest weights; its candidates "
        "and score ordered by a LightGBM LambdaRank re-ranker"
        if reranker is not None
        else "EASE (Steck, WWW 2019), rows pruned to the strongest weights, blended with the "
        "hand-tuned ranking",
        "catalog": {
            "path": str(settings.catalog_path),
            "items": len(catalog),
            "ids_sha256": catalog_ids_hash(catalog),
        },
        "data": source
        | {
            "groups": td.groups,
            "training_baskets": len(td.baskets),
            "all_baskets": len(all_baskets),
        },
        "settings": {
            "lambda": item_best["lambda"],
            "keep_per_row": keep,
            "holdout": holdout,
            "seed": seed,
            "lambdas": list(lambdas),
            "max_cases": max_cases,
            "rank_share": rank_share,
            "max_rank_cases": max_rank_cases,
            "rerank": rerank,
            "text": text,
            "popularity_guard": guard,
            "hand_tuned_popularity_bias@10": hand_bias,
        },
        "blend": blend.to_dict(),
        "reranker": reranker_entry,
        "reranker_training": rerank_report,
        "text": text_entry,
        "holdout": {
            "groups": td.holdout_groups,
            "cases": len(td.cases),
            "targets": n,
            # not the shipped hand-tuned ranking: its co-mention lists are counted from every
            # training dialogue, hold-out included, so it would be measured on its own data
            "without_model": without,
            "used": "reranker" if reranker is not None else "blend",
            "model_alone": item_best,
            "model_alone_with_text": text_best,
            "blend": blend_best,
            "model_alone_grid": item_grid,
            "text_grid": text_grid,
            "blend_grid": grid,
        },
        "items": len(ids),
        "artefact": {
            "file": path.name,
            "bytes": size,
            "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
        },
        "seconds": round(time.perf_counter() - started, 1),
    }
    atomic_write_text(folder / MANIFEST_FILE, json.dumps(manifest, indent=1) + "\n")
    echo(
        f"wrote {path} ({size / 1e6:.1f} MB, {len(ids):,} items; refit "
        f"{time.perf_counter() - t0:.1f} s) and {folder / MANIFEST_FILE}; "
        f"trained in {manifest['seconds']} s"
    )
    return manifest


def training_file(settings: Settings, data: str | Path | None = None) -> Path:
    """The ReDial-format training file: `data`, or <redial dir>/train_partial.jsonl."""
    return Path(data) if data else Path(settings.redial_dir) / "train_partial.jsonl"


def is_current(settings: Settings, folder: Path, data: str | Path | None = None) -> bool:
    """True when folder holds a model for the configured catalogue's ids, trained on the same
    training file (by sha256): `make setup` then has nothing to do."""
    try:
        manifest = json.loads((folder / MANIFEST_FILE).read_text(encoding="utf-8"))
        path = training_file(settings, data)
        catalog = load_catalog(settings.catalog_path, mapping=settings.catalog_mapping or None)
        return bool(
            manifest.get("format") == FORMAT
            and manifest.get("catalog", {}).get("ids_sha256") == catalog_ids_hash(catalog)
            and manifest.get("data", {}).get("sha256")
            == hashlib.sha256(path.read_bytes()).hexdigest()
            and (folder / manifest["artefact"]["file"]).is_file()
        )
    except (OSError, ValueError, KeyError, TypeError):
        return False


def _check_enough(td: TrainingData) -> None:
    if len(td.baskets) < 2:
        raise ConfigError(
            f"{td.source}: only {len(td.baskets)} training baskets with two or more items; "
            "nothing to learn from yet"
        )
    if not td.cases:
        raise ConfigError(
            f"{td.source}: no hold-out cases to tune on ({td.holdout_groups} held-out groups); "
            "more data or a larger --holdout is needed"
        )


def _popularity(catalog: Catalog) -> dict[str, float]:
    from chatbot.ranking import popularity

    pops = {i.id: popularity(i) for i in catalog}
    top = max(pops.values(), default=0.0)
    return {i: float(np.log1p(p) / np.log1p(top)) if top > 0 else 0.0 for i, p in pops.items()}


def _cold(ranker: Any, state: Any, excluded: set[str]) -> list[Any]:
    """Cold-start candidates as Candidate rows (popularity only)."""
    from chatbot.ranking import Candidate

    recs = ranker._popular(state, DEPTH, excluded, explain=False)
    return [Candidate(r.item, 0.0, r.score, 0.0) for r in recs]
