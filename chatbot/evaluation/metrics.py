"""Metrics: Recall@k, latency percentiles and limitations (bias, coverage, diversity)."""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from chatbot.catalog import Catalog, Item

KS: tuple[int, ...] = (1, 5, 10, 20, 50)


def recall_at_k(ranked: Sequence[str], targets: Collection[str], k: int) -> float:
    """Share of target ids among the first k ranked ids (0.0 when there are no targets)."""
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k}")
    if not targets:
        return 0.0
    top = set(ranked[:k])
    return sum(1 for t in set(targets) if t in top) / len(set(targets))


@dataclass
class RecallAccumulator:
    """Recall@k over many turns.

    `recall@k` follows the CRS convention of KBRD/KGSF/UniCRS and He et al.: every ground-truth
    item of a turn is one sample (a hit when it is in the top k), averaged over all samples.
    `turn_recall@k` averages the per-turn recall instead. Targets missing from the catalogue
    (None) stay in the denominator: the system could not have found them.
    """

    ks: tuple[int, ...] = KS
    samples: int = 0
    turns: int = 0
    missing: int = 0
    hits: dict[int, int] = field(default_factory=dict)
    turn_sums: dict[int, float] = field(default_factory=dict)

    def add(self, ranked: Sequence[str], targets: Sequence[str | None]) -> None:
        """Score one turn: ranked item ids, targets as catalogue ids (None: not in catalogue)."""
        unique = list(dict.fromkeys(targets))
        if not unique:
            return
        self.turns += 1
        self.samples += len(unique)
        self.missing += sum(1 for t in unique if t is None)
        for k in self.ks:
            top = set(ranked[:k])
            n_hit = sum(1 for t in unique if t is not None and t in top)
            self.hits[k] = self.hits.get(k, 0) + n_hit
            self.turn_sums[k] = self.turn_sums.get(k, 0.0) + n_hit / len(unique)

    def result(self) -> dict[str, Any]:
        """{'recall@1': ..., 'turn_recall@1': ..., 'samples', 'turns', 'out_of_catalogue'}."""
        out: dict[str, Any] = {}
        for k in self.ks:
            out[f"recall@{k}"] = self.hits.get(k, 0) / self.samples if self.samples else 0.0
        for k in self.ks:
            out[f"turn_recall@{k}"] = self.turn_sums.get(k, 0.0) / self.turns if self.turns else 0.0
        out["samples"] = self.samples
        out["turns"] = self.turns
        out["out_of_catalogue"] = self.missing / self.samples if self.samples else 0.0
        return out


def percentiles(values: Sequence[float], qs: Iterable[int] = (50, 95, 99)) -> dict[str, float]:
    """{'p50': ..., 'p95': ..., 'mean': ..., 'max': ...} by linear interpolation; {} when empty."""
    if not values:
        return {}
    data = sorted(values)
    out: dict[str, float] = {}
    for q in qs:
        pos = (len(data) - 1) * q / 100
        lo, hi = math.floor(pos), math.ceil(pos)
        out[f"p{q}"] = data[lo] + (data[hi] - data[lo]) * (pos - lo)
    out["mean"] = sum(data) / len(data)
    out["max"] = data[-1]
    return out


def top_voted_ids(catalog: Catalog, share: float = 0.1) -> set[str]:
    """Ids of the `share` most-voted items (ties broken by id, so the set has a fixed size)."""
    if not 0 < share <= 1:
        raise ValueError(f"share must be in (0, 1], got {share}")
    n = max(1, round(len(catalog) * share))
    ordered = sorted(catalog, key=lambda i: (-i.votes, i.id))
    return {i.id for i in ordered[:n]}


def popularity_bias(
    lists: Iterable[Sequence[str]], catalog: Catalog, share: float = 0.1
) -> dict[str, float]:
    """Share of recommended slots held by the top-`share` most-voted items vs catalogue share."""
    top = top_voted_ids(catalog, share)
    slots = in_top = 0
    for ranked in lists:
        slots += len(ranked)
        in_top += sum(1 for i in ranked if i in top)
    rec_share = in_top / slots if slots else 0.0
    cat_share = len(top) / len(catalog)
    return {
        "top_share": share,
        "recommended_share": rec_share,
        "catalogue_share": cat_share,
        "lift": rec_share / cat_share if cat_share else 0.0,
        "slots": slots,
    }


def coverage(lists: Iterable[Sequence[str]], catalog_size: int) -> dict[str, float]:
    """How much of the catalogue was ever recommended."""
    distinct: set[str] = set()
    for ranked in lists:
        distinct.update(ranked)
    return {
        "distinct_items": len(distinct),
        "catalogue_size": catalog_size,
        "coverage": len(distinct) / catalog_size if catalog_size else 0.0,
    }


def genre_distance(a: Item, b: Item) -> float:
    """1 - Jaccard similarity of genre sets (1.0 when neither has genres)."""
    ga, gb = set(a.genres), set(b.genres)
    if not ga and not gb:
        return 1.0
    return 1.0 - len(ga & gb) / len(ga | gb)


def intra_list_diversity(items: Sequence[Item], distance: Callable[[Item, Item], float]) -> float:
    """Mean pairwise distance within one list (0.0 for lists shorter than 2)."""
    pairs = list(combinations(items, 2))
    if not pairs:
        return 0.0
    return sum(distance(a, b) for a, b in pairs) / len(pairs)


def mean(values: Sequence[float]) -> float:
    """Arithmetic mean, 0.0 for no values."""
    return sum(values) / len(values) if values else 0.0


def list_limitations(
    lists: Sequence[Sequence[str]],
    catalog: Catalog,
    distance: Callable[[Item, Item], float] = genre_distance,
) -> dict[str, Any]:
    """What the shown lists do as a whole, the limitations both evaluations report:
    {"popularity_bias": popularity_bias(...), "coverage": coverage(...),
    "intra_list_diversity": mean of each list's intra_list_diversity}. `lists` holds item ids
    (each must be in the catalogue)."""
    return {
        "popularity_bias": popularity_bias(lists, catalog),
        "coverage": coverage(lists, len(catalog)),
        "intra_list_diversity": mean(
            [intra_list_diversity([catalog.get(i) for i in ranked], distance) for ranked in lists]
        ),
    }


def latency_summary(latencies_ms: Sequence[float]) -> dict[str, Any]:
    """{"latency_ms": percentiles(...), "latencies_ms": every value rounded to 3 decimals} for a
    metrics file (report.RAW_KEYS keeps the raw list out of metrics.json)."""
    return {
        "latency_ms": percentiles(latencies_ms),
        "latencies_ms": [round(x, 3) for x in latencies_ms],
    }
