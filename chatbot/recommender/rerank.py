"""The learned re-ranker: LightGBM LambdaRank over the signals the Ranker already has.

The Ranker's candidates (retrieval's nearest items under the hard filters, plus the EASE model's
best items that pass them) are scored by a gradient-boosted ranking model (LightGBM's
`lambdarank` objective, Burges 2010) trained on held-out training dialogues: for each
recommender turn, the candidates of the state replayed up to it, labelled 1 for the movies the
recommender named there. It only orders candidates: filters, rejections and seen items were
applied before it sees them, and the reasons are computed from the signals, not from it.

Features per (state, candidate), see FEATURES: the EASE score (normalised and as a rank), the
MiniLM cosines of the item to the query, to the user's own words, to liked / mentioned / disliked
movies, the hand-tuned score, genre overlap with the movies mentioned, wished facets, year
distance, popularity (votes, and mentions in the training dialogues the EASE model was fitted
on), rating, and the size of the context.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from chatbot.catalog import Catalog
from chatbot.fileio import atomic_write_text

if TYPE_CHECKING:
    from chatbot.interest import InterestState
    from chatbot.ranking import Candidate, Ranker
    from chatbot.recommender.model import EaseModel

RERANKER_FILE = "reranker.txt"
FEATURES = (
    "ease_norm",  # EASE score / the turn's best EASE score (0 when not scored)
    "ease_log_rank",  # log(1 + rank of the item among all EASE-scored items); 9 when unscored
    "ease_raw",  # the raw EASE score
    "sim_query",  # cosine to the Ranker's query vector (wish text + liked - disliked)
    "sim_wish",  # cosine to the embedded wish text alone (0 without one)
    "sim_liked_max",  # best cosine to a liked movie
    "sim_context_max",  # best cosine to any movie of the context (liked, shown, seen)
    "sim_context_mean",  # cosine to the mean vector of the context movies
    "sim_disliked_max",  # best cosine to a disliked movie
    "base",  # the hand-tuned score (similarity + facet boosts + rating)
    "genre_overlap",  # share of the item's genres found among the context movies' genres
    "genre_share",  # share of context movies sharing a genre with the item
    "preferred",  # wished facet values the item has
    "focus",  # 1 when the item has a facet value asked for in the latest message
    "year_gap",  # |year - mean year of the context movies| (NaN when unknown)
    "year",
    "log_votes",
    "log_mentions",  # log(1 + per-mille of the training baskets naming the item)
    "rating",
    "n_context",  # movies in the context
    "n_liked",
    "has_wish",  # 1 when the user said what they want in words
)
UNSCORED_RANK = 9.0


class ItemTable:
    """Per-item arrays in catalogue row order: vectors, years, votes, genres (multi-hot)."""

    def __init__(self, catalog: Catalog, vectors: np.ndarray, mentions: dict[str, float]) -> None:
        self.row = {item.id: n for n, item in enumerate(catalog.items)}
        self.vectors = vectors
        genres = sorted({g for item in catalog for g in item.genres})
        col = {g: n for n, g in enumerate(genres)}
        self.genres = np.zeros((len(catalog), max(1, len(genres))), dtype=np.float32)
        for n, item in enumerate(catalog.items):
            for g in item.genres:
                self.genres[n, col[g]] = 1.0
        self.years = np.array(
            [item.year if item.year else np.nan for item in catalog.items], dtype=np.float32
        )
        self.log_votes = np.log1p(np.array([item.votes for item in catalog.items], np.float32))
        self.ratings = np.array(
            [item.rating if item.rating is not None else np.nan for item in catalog.items],
            dtype=np.float32,
        )
        self.log_mentions = np.log1p(
            1000.0
            * np.array([mentions.get(item.id, 0.0) for item in catalog.items], dtype=np.float32)
        )


def features(
    ranker: Ranker,
    model: EaseModel,
    table: ItemTable,
    state: InterestState,
    candidates: Sequence[Candidate],
) -> np.ndarray:
    """The feature matrix (len(candidates), len(FEATURES)) float32 for one turn."""
    from chatbot.ranking import _has, _query_texts

    n = len(candidates)
    out = np.zeros((n, len(FEATURES)), dtype=np.float32)
    if not n:
        return out
    rows = np.array([table.row[c.item.id] for c in candidates])
    vecs = table.vectors[rows]
    f = {name: i for i, name in enumerate(FEATURES)}

    raw = model.scores(*model.inputs(state))
    scored = np.flatnonzero(raw > 0)
    best = float(raw.max()) if raw.size else 0.0
    rank = np.full(raw.shape, UNSCORED_RANK, dtype=np.float32)
    if scored.size:
        order = scored[np.argsort(-raw[scored], kind="stable")]
        rank[order] = np.log1p(np.arange(order.size, dtype=np.float32))
    for i, c in enumerate(candidates):
        r = model.row.get(c.item.id)
        if r is not None:
            out[i, f["ease_raw"]] = raw[r]
            out[i, f["ease_norm"]] = raw[r] / best if best > 0 else 0.0
            out[i, f["ease_log_rank"]] = rank[r]
        else:
            out[i, f["ease_log_rank"]] = UNSCORED_RANK
        out[i, f["base"]] = c.base
        out[i, f["preferred"]] = sum(1 for fa, v in state.preferred if _has(c.item, fa, v))
        out[i, f["focus"]] = float(any(_has(c.item, fa, v) for fa, v in state.focus))

    query = ranker._query(state)
    if query is not None:
        out[:, f["sim_query"]] = vecs @ query
    wish, _ = _query_texts(state)
    if wish:
        out[:, f["sim_wish"]] = vecs @ ranker.embed(wish)
        out[:, f["has_wish"]] = 1.0

    def rows_of(ids: Sequence[str]) -> np.ndarray:
        return np.array([table.row[i] for i in dict.fromkeys(ids) if i in table.row], dtype=int)

    liked = rows_of(state.liked)
    ctx = rows_of([*state.liked, *state.shown, *state.seen])
    disliked = rows_of(state.disliked)
    if liked.size:
        out[:, f["sim_liked_max"]] = (vecs @ table.vectors[liked].T).max(axis=1)
    if ctx.size:
        sims = vecs @ table.vectors[ctx].T
        out[:, f["sim_context_max"]] = sims.max(axis=1)
        out[:, f["sim_context_mean"]] = sims.mean(axis=1)
        ctx_genres = table.genres[ctx]
        item_genres = table.genres[rows]
        n_genres = item_genres.sum(axis=1)
        have = (ctx_genres.sum(axis=0) > 0).astype(np.float32)
        out[:, f["genre_overlap"]] = np.where(
            n_genres > 0, (item_genres @ have) / np.maximum(n_genres, 1), 0.0
        )
        out[:, f["genre_share"]] = ((item_genres @ ctx_genres.T) > 0).mean(axis=1)
        years = table.years[ctx]
        years = years[~np.isnan(years)]
        out[:, f["year_gap"]] = np.abs(table.years[rows] - years.mean()) if years.size else np.nan
    else:
        out[:, f["year_gap"]] = np.nan
    if disliked.size:
        out[:, f["sim_disliked_max"]] = (vecs @ table.vectors[disliked].T).max(axis=1)
    out[:, f["year"]] = table.years[rows]
    out[:, f["log_votes"]] = table.log_votes[rows]
    out[:, f["log_mentions"]] = table.log_mentions[rows]
    out[:, f["rating"]] = table.ratings[rows]
    out[:, f["n_context"]] = float(ctx.size)
    out[:, f["n_liked"]] = float(liked.size)
    return out


class Reranker:
    """A trained LightGBM ranking model (text model file) and the item table it reads.

    `popularity_penalty` is subtracted x log(1 + votes) / log(1 + most votes) from each score:
    the trainer sets it when the plain model recommends popular items more often than the
    hand-tuned ranking does (the popularity cap)."""

    def __init__(self, booster: Any, *, baskets: int, popularity_penalty: float = 0.0) -> None:
        self.booster = booster
        self.baskets = max(1, baskets)  # baskets of the EASE fit it reads (mention shares)
        self.popularity_penalty = popularity_penalty
        self._table: ItemTable | None = None
        self._table_key: tuple[int, int] | None = None

    @classmethod
    def load(cls, path: Path, *, baskets: int, popularity_penalty: float = 0.0) -> Reranker:
        """Read a LightGBM text model; ValueError when it is unreadable or has other features."""
        import lightgbm as lgb

        try:
            booster = lgb.Booster(model_file=str(path))
        except lgb.basic.LightGBMError as e:
            raise ValueError(f"{path}: not a LightGBM model ({e})") from e
        if tuple(booster.feature_name()) != FEATURES:
            raise ValueError(f"{path}: made for other features {booster.feature_name()[:3]}...")
        return cls(booster, baskets=baskets, popularity_penalty=popularity_penalty)

    def save(self, path: Path) -> Path:
        """Write the model as LightGBM text (best iteration only; atomic, owner-only); returns
        the path."""
        text = self.booster.model_to_string(num_iteration=self.booster.best_iteration or None)
        atomic_write_text(path, text)
        return path

    def table(self, ranker: Ranker, model: EaseModel) -> ItemTable:
        """The item table for this ranker's catalogue and vectors (built once)."""
        key = (id(ranker.catalog), id(ranker.retriever.vectors))
        if self._table is None or self._table_key != key:
            counts = {
                i: float(c) / self.baskets
                for i, c in zip(model.item_ids, model.counts, strict=True)
            }
            self._table = ItemTable(ranker.catalog, ranker.retriever.vectors, counts)
            self._table_key = key
        return self._table

    def score(
        self,
        ranker: Ranker,
        model: EaseModel,
        state: InterestState,
        candidates: Sequence[Candidate],
    ) -> list[float]:
        """One score per candidate, higher is better."""
        if not candidates:
            return []
        table = self.table(ranker, model)
        x = features(ranker, model, table, state, candidates)
        s = np.asarray(self.booster.predict(x, num_threads=1), dtype=np.float64)
        if self.popularity_penalty:
            top = float(table.log_votes.max()) or 1.0
            rows = np.array([table.row[c.item.id] for c in candidates])
            s = s - self.popularity_penalty * table.log_votes[rows] / top
        return [float(v) if math.isfinite(v) else -1e9 for v in s]
