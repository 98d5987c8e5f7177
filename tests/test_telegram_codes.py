"""Telegram callback codes come from FeedbackKind: every kind a button shows has a code, the
codes sent buttons already carry never change, and a new kind gets a fresh one."""

from __future__ import annotations

from enum import StrEnum

import pytest

from chatbot.integrations.telegram import (
    BUTTONS,
    feedback_codes,
    item_keyboard,
    parse_callback_data,
)
from chatbot.kinds import FeedbackKind


def test_every_button_round_trips_and_the_sent_codes_stay() -> None:
    keyboard = item_keyboard("book-001")
    assert keyboard is not None
    data = [b["callback_data"] for b in keyboard["inline_keyboard"][0]]
    assert data[:3] == ["fb:l:book-001", "fb:d:book-001", "fb:s:book-001"]
    assert len(data) == len(BUTTONS) == len(FeedbackKind)
    assert [parse_callback_data(d) for d in data] == [(k, "book-001") for k in FeedbackKind]


def test_a_new_kind_gets_a_fresh_code_without_changing_the_old_ones() -> None:
    class Kinds(StrEnum):
        LIKE = "like"
        DISLIKE = "dislike"
        SEEN = "seen"
        SKIP = "skip"
        LOVE = "love"

    codes = feedback_codes(Kinds)
    assert codes == {"like": "l", "dislike": "d", "seen": "s", "skip": "sk", "love": "lo"}
    assert len(set(codes.values())) == len(codes)
    with pytest.raises(ValueError, match="no free callback code"):
        feedback_codes(["like", "l"])
