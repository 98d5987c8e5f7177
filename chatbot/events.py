"""Session events: append-only, past-tense facts about a conversation, serialised as plain dicts.

Stored form: ``{"type": "ItemLiked", "v": 1, "ts": 1764496800.123, "item_id": ..., ...}``: the
event's class name, the schema version it was written with, the time it was recorded (Unix
seconds) and its fields. Sessions stored by older releases keep loading: a dict without "v" is
version 0 (before versions and timestamps) and every version has an upgrade step to the next
(``_UPGRADES``). When an event's shape changes, bump SCHEMA_VERSION, add the step from the old
shape, and commit a golden file of the new version (tests/golden/events_v<N>.jsonl; the old
ones stay and must keep loading).
"""

from __future__ import annotations

import dataclasses
import time
import typing
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from chatbot.constraints import CONSTRAINTS
from chatbot.errors import ChatbotError

# Hard constraints a session can set, and the type of their value (the rows of the table in
# chatbot.constraints).
CONSTRAINT_TYPES: dict[str, type] = {name: row.type for name, row in CONSTRAINTS.items()}


class EventFormatError(ChatbotError, ValueError):
    """A stored or proposed event is not valid; the message names the field."""


@dataclass(frozen=True)
class UserSaid:
    """The user sent a message (starts a turn)."""

    text: str


@dataclass(frozen=True)
class ItemsRecommended:
    """The bot showed these items, best first (ends a turn), with why each was picked."""

    item_ids: tuple[str, ...]
    reasons: tuple[str, ...] = ()  # one '; '-joined reason text per item (may be empty)


@dataclass(frozen=True)
class ItemsDiscussed:
    """The bot answered a question about these shown or named items (an answer turn): 'that
    one' / 'it' in the next message means the first of them until picks are shown again."""

    item_ids: tuple[str, ...]
    # what was asked ('runtime', 'rating', ...: chatbot.understanding QUESTION_TOPICS); "and
    # Avatar?" in the next message asks the same of another film ("" in older sessions)
    topic: str = ""


@dataclass(frozen=True)
class _ItemEvent:
    """What the user said about one catalogue item (the fields every item event has).

    The item events below only name what was said: they inherit these fields and the frozen
    dataclass (equality, hashing and repr by their own class), so they need no decorator."""

    item_id: str
    title: str = ""


class ItemLiked(_ItemEvent):
    """The user likes this item."""


class ItemRejected(_ItemEvent):
    """The user does not want this item (never show it again)."""


class ItemSeen(_ItemEvent):
    """The user has already seen this item (do not recommend it)."""


class SimilarRequested(_ItemEvent):
    """The user asked for more like this item (liked, and the anchor for the next picks)."""


@dataclass(frozen=True)
class _FacetEvent:
    """What the user said about one facet value (facet 'genre', 'style', ...); the subclasses
    only name what was said, like the item events."""

    facet: str
    value: str


class AttributePreferred(_FacetEvent):
    """The user wants items with this facet value (facet 'genre', 'style', ...)."""


class AttributeRefined(AttributePreferred):
    """A wish that narrows the topic already asked for instead of adding another one: a
    comparative after some picks ('funnier' after heist films: funny heist films, while enough
    items have both). Everything that reads a preference reads this one too."""


class AttributeAvoided(_FacetEvent):
    """The user does not want items with this facet value."""


@dataclass(frozen=True)
class ConstraintSet:
    """A hard constraint (a chatbot.constraints.CONSTRAINTS name) was set or changed."""

    name: str
    value: int | float | str


@dataclass(frozen=True)
class ConstraintCleared:
    """A hard constraint was dropped."""

    name: str


@dataclass(frozen=True)
class InterestExpressed:
    """Free-text interest ('space adventures with robots')."""

    text: str


@dataclass(frozen=True)
class InterestAvoided:
    """Free-text topic the user does not want ('zombies')."""

    text: str


@dataclass(frozen=True)
class ExplorationRequested:
    """The user asked for something different / a surprise (applies to the next picks)."""


@dataclass(frozen=True)
class RepeatsAllowed:
    """The user asked to see already shown or seen items again (applies to the next picks)."""


@dataclass(frozen=True)
class BeliefRemoved:
    """The user removed one belief (see InterestState.beliefs) from the state."""

    belief_id: str


@dataclass(frozen=True)
class StateReset:
    """The user started over: everything before this is forgotten."""


Event = (
    UserSaid
    | ItemsRecommended
    | ItemsDiscussed
    | ItemLiked
    | ItemRejected
    | ItemSeen
    | SimilarRequested
    | AttributePreferred
    | AttributeRefined
    | AttributeAvoided
    | ConstraintSet
    | ConstraintCleared
    | InterestExpressed
    | InterestAvoided
    | ExplorationRequested
    | RepeatsAllowed
    | BeliefRemoved
    | StateReset
)

# every event type by its stored name, read from the Event union (the one list of them)
EVENT_TYPES: dict[str, type] = {cls.__name__: cls for cls in typing.get_args(Event)}


# The version of the stored event dicts this release writes (see the module docstring).
SCHEMA_VERSION = 3


def _v0_to_v1(data: dict[str, Any]) -> dict[str, Any]:
    # version 0 (no "v"; releases before 2026-11-30) has the fields of version 1 and no "ts"
    return data


# version N -> the step that turns a version-N dict into a version-(N+1) dict
def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    # version 2 (2026-11-30) stores why each shown item was picked (ItemsRecommended.reasons)
    if data.get("type") == "ItemsRecommended" and "reasons" not in data:
        return {**data, "reasons": []}
    return data


def _v2_to_v3(data: dict[str, Any]) -> dict[str, Any]:
    # version 3 (2026-12-05) stores what an answer turn was asked (ItemsDiscussed.topic)
    if data.get("type") == "ItemsDiscussed" and "topic" not in data:
        return {**data, "topic": ""}
    return data


_UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {
    0: _v0_to_v1,
    1: _v1_to_v2,
    2: _v2_to_v3,
}


def event_to_dict(event: Event, *, ts: float | None = None) -> dict[str, Any]:
    """{'type': 'ItemLiked', 'v': SCHEMA_VERSION, 'ts': ..., 'item_id': ..., ...}: plain
    JSON-able data. `ts` is when the event happened, Unix seconds (default: now), kept to ms."""
    name = type(event).__name__
    if EVENT_TYPES.get(name) is not type(event):
        raise EventFormatError(f"not an event: {event!r}")
    when = time.time() if ts is None else ts
    out: dict[str, Any] = {"type": name, "v": SCHEMA_VERSION, "ts": round(when, 3)}
    for f in dataclasses.fields(event):
        value = getattr(event, f.name)
        out[f.name] = list(value) if isinstance(value, tuple) else value
    return out


def event_from_dict(data: Any) -> Event:
    """Inverse of event_to_dict (any version up to SCHEMA_VERSION, upgraded first; the time is
    read by event_time); EventFormatError names what is wrong."""
    if not isinstance(data, dict):
        raise EventFormatError(f"an event must be an object, got {type(data).__name__}")
    data = upgrade_event_dict(data)
    name = data.get("type")
    cls = EVENT_TYPES.get(name) if isinstance(name, str) else None
    if cls is None:
        known = ", ".join(sorted(EVENT_TYPES))
        raise EventFormatError(f"unknown event type {name!r}; known types: {known}")
    fields = {f.name: f for f in dataclasses.fields(cls)}
    extra = set(data) - set(fields) - {"type", "v", "ts"}
    if extra:
        raise EventFormatError(f"{name}: unexpected field(s) {', '.join(sorted(extra))}")
    kwargs: dict[str, Any] = {}
    for fname, f in fields.items():
        if fname not in data:
            if f.default is dataclasses.MISSING:
                raise EventFormatError(f"{name}: field '{fname}' is missing")
            continue
        kwargs[fname] = _check(cls.__name__, fname, str(f.type), data[fname])
    event = cls(**kwargs)
    if isinstance(event, ConstraintSet):
        _check_constraint(event)
    return event  # type: ignore[no-any-return]


def upgrade_event_dict(data: dict[str, Any]) -> dict[str, Any]:
    """A stored event dict of any known version as a SCHEMA_VERSION dict (a new dict; the input
    is not changed). EventFormatError for a bad version or timestamp, or a newer release's."""
    version = data.get("v", 0)
    if isinstance(version, bool) or not isinstance(version, int) or version < 0:
        raise EventFormatError(f"event version 'v' must be a whole number >= 0, got {version!r}")
    if version > SCHEMA_VERSION:
        raise EventFormatError(
            f"event {data.get('type')!r} has version {version}, written by a newer release; "
            f"this release reads versions up to {SCHEMA_VERSION}"
        )
    ts = data.get("ts")
    if ts is not None and (isinstance(ts, bool) or not isinstance(ts, int | float)):
        raise EventFormatError(f"event time 'ts' must be a number (Unix seconds), got {ts!r}")
    out = dict(data)
    while version < SCHEMA_VERSION:
        out = _UPGRADES[version](out)
        version += 1
    out["v"] = SCHEMA_VERSION
    return out


def event_time(data: dict[str, Any]) -> float | None:
    """When a stored event was recorded (Unix seconds), or None for events stored before
    version 1 (they carry no time)."""
    ts = upgrade_event_dict(data).get("ts")
    return None if ts is None else float(ts)


def _check(event_name: str, fname: str, hint: str, value: Any) -> Any:
    def bad(expected: str) -> EventFormatError:
        return EventFormatError(f"{event_name}: field '{fname}' must be {expected}, got {value!r}")

    if hint == "str":
        if not isinstance(value, str):
            raise bad("a string")
        return value
    if hint.startswith("tuple[str"):
        if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
            raise bad("a list of strings")
        return tuple(value)
    if hint == "int | float | str":
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            raise bad("a number or a string")
        return value
    raise bad(hint)  # pragma: no cover - every field type is handled above


def _check_constraint(event: ConstraintSet) -> None:
    expected = CONSTRAINT_TYPES.get(event.name)
    if expected is None:
        known = ", ".join(CONSTRAINT_TYPES)
        raise EventFormatError(f"ConstraintSet: unknown constraint {event.name!r}; known: {known}")
    value = event.value
    ok = (
        isinstance(value, str)
        if expected is str
        else isinstance(value, int | float) and not isinstance(value, bool)
    )
    if expected is int and isinstance(value, float):
        ok = value.is_integer()
    if not ok:
        raise EventFormatError(
            f"ConstraintSet: {event.name} must be {expected.__name__}, got {value!r}"
        )


def make_constraint(name: str, value: Any) -> ConstraintSet:
    """A validated ConstraintSet with its value coerced to the constraint's type."""
    expected = CONSTRAINT_TYPES.get(name)
    if expected is None:
        raise EventFormatError(f"unknown constraint {name!r}; known: {', '.join(CONSTRAINT_TYPES)}")
    try:
        coerced = expected(value)
    except (TypeError, ValueError) as e:
        raise EventFormatError(
            f"constraint {name}: cannot read {value!r} as {expected.__name__}"
        ) from e
    return ConstraintSet(name, coerced)
