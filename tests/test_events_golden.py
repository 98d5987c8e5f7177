"""Stored events carry a schema version and a time, and sessions stored by older releases load.

tests/golden/events_v<N>.jsonl are events as release version N wrote them (v0: before versions
and timestamps, written by that release's own code). They are never rewritten: a changed event
shape bumps chatbot.events.SCHEMA_VERSION, adds an upgrade step and a new golden file. When a new
event type is added, append its line to the current version's file with
    UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_events_golden.py
(it appends the missing types from test_events.SAMPLES and leaves the existing lines alone).
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

import pytest

from chatbot.events import (
    EVENT_TYPES,
    SCHEMA_VERSION,
    EventFormatError,
    ItemLiked,
    event_from_dict,
    event_time,
    event_to_dict,
    upgrade_event_dict,
)
from tests.test_events import SAMPLES

GOLDEN = Path(__file__).parent / "golden"
CURRENT = GOLDEN / f"events_v{SCHEMA_VERSION}.jsonl"
GOLDEN_FILES = sorted(GOLDEN.glob("events_v*.jsonl"))


def read_lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def _append_missing_types() -> None:
    lines = read_lines(CURRENT) if CURRENT.exists() else []
    have = {d["type"] for d in lines}
    ts = max((d["ts"] for d in lines), default=1764496800.0)
    with CURRENT.open("a", encoding="utf-8") as f:
        for event in SAMPLES:
            if type(event).__name__ not in have:
                ts += 1.5
                f.write(json.dumps(event_to_dict(event, ts=ts), ensure_ascii=False) + "\n")
                have.add(type(event).__name__)


if os.environ.get("UPDATE_GOLDEN") == "1":
    _append_missing_types()


def test_there_is_a_golden_file_per_version_up_to_this_one() -> None:
    assert [p.name for p in GOLDEN_FILES] == [
        f"events_v{v}.jsonl" for v in range(SCHEMA_VERSION + 1)
    ]


def test_this_release_has_a_golden_line_for_every_event_type() -> None:
    types = {d["type"] for d in read_lines(CURRENT)}
    missing = set(EVENT_TYPES) - types
    assert not missing, f"{sorted(missing)}: add them with UPDATE_GOLDEN=1 ({__doc__})"


@pytest.mark.parametrize("path", GOLDEN_FILES, ids=lambda p: p.stem)
def test_every_stored_event_of_every_release_still_loads(path: Path) -> None:
    version = int(path.stem.removeprefix("events_v"))
    for data in read_lines(path):
        assert data.get("v", 0) == version
        event = event_from_dict(data)
        assert type(event).__name__ == data["type"]
        upgraded = upgrade_event_dict(data)
        # what this release would store for it: the upgraded dict (the time kept, if any)
        written = event_to_dict(event, ts=event_time(data) or 0.0)
        if event_time(data) is None:
            written.pop("ts")
        assert written == upgraded


def test_old_and_current_goldens_hold_the_same_events() -> None:
    """Version 0 -> 1 only added "v" and "ts": the same events, in the same order."""
    old = [event_from_dict(d) for d in read_lines(GOLDEN / "events_v0.jsonl")]
    new = [event_from_dict(d) for d in read_lines(GOLDEN / "events_v1.jsonl")]
    assert old == new[: len(old)]


def test_written_events_carry_version_and_time() -> None:
    before = time.time()
    data = event_to_dict(ItemLiked("book-001", "The Long Dark Between Stars"))
    after = time.time()
    assert data["v"] == SCHEMA_VERSION
    assert before - 0.001 <= data["ts"] <= after + 0.001
    assert event_time(data) == data["ts"]
    assert event_time({"type": "ItemLiked", "item_id": "x"}) is None  # stored by version 0


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"type": "ItemLiked", "item_id": "x", "v": SCHEMA_VERSION + 1}, "newer release"),
        ({"type": "ItemLiked", "item_id": "x", "v": "1"}, "'v' must be a whole number"),
        ({"type": "ItemLiked", "item_id": "x", "v": True}, "'v' must be a whole number"),
        ({"type": "ItemLiked", "item_id": "x", "v": -1}, "'v' must be a whole number"),
        ({"type": "ItemLiked", "item_id": "x", "v": 1, "ts": "today"}, "'ts' must be a number"),
    ],
)
def test_bad_version_or_time_is_an_error_naming_it(data: dict[str, Any], message: str) -> None:
    with pytest.raises(EventFormatError, match=message):
        event_from_dict(data)


def test_the_dialogue_manager_stores_versioned_timestamped_events(books_manager: Any) -> None:
    before = time.time()
    books_manager.respond("golden-1", "a cosy murder mystery")
    after = time.time()
    stored = books_manager.store.load("golden-1")
    assert stored
    assert all(d["v"] == SCHEMA_VERSION for d in stored)
    assert all(before - 0.001 <= d["ts"] <= after + 0.001 for d in stored)


def test_a_session_stored_by_the_previous_release_continues(books_manager: Any) -> None:
    """Version-0 events in the store (no "v", no "ts") fold into the state and the next turn
    appends version-1 events after them."""
    liked = {"type": "ItemLiked", "item_id": "book-001", "title": "The Long Dark Between Stars"}
    shown = {"type": "ItemsRecommended", "item_ids": ["book-002"]}
    books_manager.store.append("golden-2", [liked, shown])
    state = books_manager.state("golden-2")
    assert "book-001" in json.dumps(state.to_dict())
    reply = books_manager.respond("golden-2", "something else please")
    assert "book-001" in json.dumps(reply.state.to_dict())  # the old like is still known
    stored = books_manager.store.load("golden-2")
    assert stored[:2] == [liked, shown]
    assert all(d["v"] == SCHEMA_VERSION for d in stored[2:])
