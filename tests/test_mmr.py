"""The one MMR (retrieval.mmr_order), used by Retriever.search(mmr=) and the Ranker's diversity."""

from __future__ import annotations

import numpy as np

from chatbot.retrieval import mmr_order


def _unit(rows: list[list[float]]) -> np.ndarray:
    v = np.array(rows, dtype=np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


# rows 0 and 1 are the same direction; 2 is nearly orthogonal to them; 3 points the other way
VECS = _unit([[1, 0, 0], [1, 0, 0], [0.2, 0.98, 0], [-1, 0.1, 0]])
RELEVANCE = np.array([0.9, 0.89, 0.6, 0.1], dtype=np.float32)


def test_no_diversity_is_relevance_order() -> None:
    assert mmr_order(VECS, RELEVANCE, 4, 0.0).tolist() == [0, 1, 2, 3]


def test_a_near_duplicate_waits_for_a_different_row() -> None:
    assert mmr_order(VECS, RELEVANCE, 2, 0.5, clip=True).tolist() == [0, 2]
    # a penalty too small to beat the relevance gap keeps the duplicate
    assert mmr_order(VECS, RELEVANCE, 2, 0.01).tolist() == [0, 1]


def test_seen_rows_count_as_already_picked() -> None:
    # row 0's direction was shown before: both copies pay for it from the first pick on
    assert mmr_order(VECS, RELEVANCE, 1, 0.5, clip=True, seen=VECS[:1])[0] == 2
    assert mmr_order(VECS, RELEVANCE, 1, 0.5, clip=True)[0] == 0


def test_clip_gives_no_bonus_for_pointing_away() -> None:
    relevance = np.array([0.9, 0.5, 0.52], dtype=np.float32)
    vecs = _unit([[1, 0, 0], [-1, 0, 0], [0, 1, 0]])
    # unclipped, row 1 gains 0.3 x 1.0 for pointing away from row 0 and beats row 2
    assert mmr_order(vecs, relevance, 2, 0.3).tolist() == [0, 1]
    assert mmr_order(vecs, relevance, 2, 0.3, clip=True).tolist() == [0, 2]


def test_never_more_picks_than_rows_and_each_row_once() -> None:
    order = mmr_order(VECS, RELEVANCE, 10, 0.7)
    assert sorted(order.tolist()) == [0, 1, 2, 3]
