"""Ranking: turn the interest state into scored, explained candidates."""

from __future__ import annotations

from dataclasses import dataclass

from chatbot.catalog import Item


@dataclass(frozen=True, eq=False)
class Recommendation:
    """One ranked candidate and the signals that chose it (shown to the LLM and the user)."""

    item: Item
    score: float
    reasons: tuple[str, ...] = ()
