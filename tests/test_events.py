"""Events serialise to plain dicts and back exactly; bad dicts fail naming the field."""

from __future__ import annotations

import json

import pytest

from chatbot.events import (
    EVENT_TYPES,
    AttributeAvoided,
    AttributePreferred,
    AttributeRefined,
    BeliefRemoved,
    ConstraintCleared,
    ConstraintSet,
    EventFormatError,
    ExplorationRequested,
    InterestAvoided,
    InterestExpressed,
    ItemLiked,
    ItemRejected,
    ItemsDiscussed,
    ItemSeen,
    ItemsRecommended,
    RepeatsAllowed,
    SimilarRequested,
    StateReset,
    UserSaid,
    event_from_dict,
    event_to_dict,
    make_constraint,
)

SAMPLES = [
    UserSaid("I loved Alien — and “Amélie”"),
    ItemsRecommended(("omdb:1", "omdb:2", "omdb:3")),
    ItemsRecommended(()),
    ItemsRecommended(("omdb:1", "omdb:2"), ("Comedy, which you asked for", "")),
    ItemLiked("omdb:1", "Alien (1979)"),
    ItemRejected("omdb:2"),
    ItemSeen("omdb:3", "Heat (1995)"),
    ItemsDiscussed(("omdb:3", "omdb:4")),
    SimilarRequested("omdb:4", "Toy Story (1995)"),
    AttributePreferred("genre", "Science Fiction"),
    AttributeRefined("genre", "Comedy"),
    AttributeAvoided("mood", "Creepy"),
    ConstraintSet("year_min", 2001),
    ConstraintSet("rating_min", 7.5),
    ConstraintSet("language", "fr"),
    ConstraintCleared("runtime_max"),
    InterestExpressed("space adventures"),
    InterestAvoided("zombies"),
    ExplorationRequested(),
    RepeatsAllowed(),
    BeliefRemoved("liked-0123456789"),
    StateReset(),
]


def test_samples_cover_every_event_type() -> None:
    assert {type(e).__name__ for e in SAMPLES} == set(EVENT_TYPES)


@pytest.mark.parametrize("event", SAMPLES, ids=lambda e: type(e).__name__)
def test_round_trip_through_json_is_exact(event: object) -> None:
    data = event_to_dict(event)  # type: ignore[arg-type]
    assert data["type"] == type(event).__name__
    back = event_from_dict(json.loads(json.dumps(data)))
    assert back == event
    assert type(back) is type(event)
    assert event_to_dict(back, ts=data["ts"]) == data


def test_events_are_frozen() -> None:
    with pytest.raises(AttributeError):
        ItemLiked("a").item_id = "b"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"type": "ItemLoved", "item_id": "x"}, "unknown event type 'ItemLoved'"),
        ({"item_id": "x"}, "unknown event type None"),
        ("ItemLiked", "must be an object"),
        ({"type": "ItemLiked"}, "field 'item_id' is missing"),
        ({"type": "ItemLiked", "item_id": 3}, "field 'item_id' must be a string"),
        ({"type": "ItemLiked", "item_id": "x", "rating": 5}, "unexpected field(s) rating"),
        ({"type": "ItemsRecommended", "item_ids": "abc"}, "must be a list of strings"),
        ({"type": "ConstraintSet", "name": "mood", "value": 1}, "unknown constraint 'mood'"),
        ({"type": "ConstraintSet", "name": "year_min", "value": "1990"}, "year_min must be int"),
        ({"type": "ConstraintSet", "name": "language", "value": 3}, "language must be str"),
        (
            {"type": "ConstraintSet", "name": "year_min", "value": True},
            "must be a number or a string",
        ),
    ],
)
def test_bad_dicts_name_the_problem(data: object, message: str) -> None:
    with pytest.raises(EventFormatError) as info:
        event_from_dict(data)
    assert message in str(info.value)


def test_make_constraint_coerces_and_validates() -> None:
    assert make_constraint("year_min", "1990") == ConstraintSet("year_min", 1990)
    assert make_constraint("rating_min", 7) == ConstraintSet("rating_min", 7.0)
    with pytest.raises(EventFormatError, match="cannot read 'soon' as int"):
        make_constraint("year_max", "soon")
    with pytest.raises(EventFormatError, match="unknown constraint"):
        make_constraint("colour", "red")


def test_not_an_event_is_refused() -> None:
    with pytest.raises(EventFormatError):
        event_to_dict({"type": "ItemLiked"})  # type: ignore[arg-type]
