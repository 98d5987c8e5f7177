"""InterestState is a pure fold: replayable, summarised readably, every belief removable by id."""

from __future__ import annotations

import pytest

from chatbot.events import (
    AttributeAvoided,
    AttributePreferred,
    BeliefRemoved,
    ConstraintCleared,
    ConstraintSet,
    ExplorationRequested,
    InterestAvoided,
    InterestExpressed,
    ItemLiked,
    ItemRejected,
    ItemSeen,
    ItemsRecommended,
    RepeatsAllowed,
    SimilarRequested,
    StateReset,
    UserSaid,
    event_from_dict,
    event_to_dict,
)
from chatbot.interest import InterestState, fold

HISTORY = [
    UserSaid("space adventures please, I loved Interstellar"),
    InterestExpressed("space adventures"),
    ItemLiked("m1", "Interstellar (2014)"),
    ItemsRecommended(("m2", "m3", "m4")),
    UserSaid("no horror, only after 2000, not the second one"),
    AttributeAvoided("genre", "Horror"),
    ConstraintSet("year_min", 2001),
    ItemRejected("m3", "The Thing (1982)"),
    ItemsRecommended(("m5", "m6", "m7")),
]


def test_summary_reads_like_the_issue_example() -> None:
    state = fold(HISTORY)
    assert state.summary() == (
        "You like: space adventures, Interstellar (2014). Not for you: The Thing (1982). "
        "Avoiding: horror. Only after 2000."
    )
    assert InterestState().summary() == "No preferences yet."


def test_fold_tracks_items_and_shown() -> None:
    state = fold(HISTORY)
    assert state.liked == ("m1",)
    assert state.disliked == ("m3",)
    assert state.shown == ("m2", "m3", "m4", "m5", "m6", "m7")
    assert state.last_shown == ("m5", "m6", "m7")
    assert state.excluded() >= {"m1", "m2", "m3", "m7"}
    assert state.turns == 2


def test_fold_is_pure_and_replayable_from_stored_dicts() -> None:
    stored = [event_to_dict(e) for e in HISTORY]
    assert fold(event_from_dict(d) for d in stored) == fold(HISTORY)
    before = fold(HISTORY[:3])
    before.apply(ItemRejected("m1"))
    assert before.liked == ("m1",)  # apply returned a new state; the old one is unchanged


def test_opposite_feedback_replaces_the_earlier_one() -> None:
    state = fold([ItemLiked("a"), ItemRejected("a")])
    assert state.liked == () and state.disliked == ("a",)
    state = state.apply(ItemLiked("a"))
    assert state.liked == ("a",) and state.disliked == ()
    state = fold([AttributePreferred("genre", "Comedy"), AttributeAvoided("genre", "Comedy")])
    assert state.preferred == () and state.avoided == (("genre", "Comedy"),)
    state = fold([InterestExpressed("zombies"), InterestAvoided("zombies")])
    assert state.interests == () and state.avoided_topics == ("zombies",)


def test_constraints_set_replace_and_clear() -> None:
    state = fold([ConstraintSet("runtime_max", 120), ConstraintSet("runtime_max", 90)])
    assert state.constraints == {"runtime_max": 90}
    assert "At most 90 minutes long." in state.summary()
    state = state.apply(ConstraintCleared("runtime_max"))
    assert state.constraints == {}
    state = fold([ConstraintSet("year_min", 1990), ConstraintSet("year_max", 1999)])
    assert state.summary() == "Only from 1990 to 1999."
    assert "In French" in fold([ConstraintSet("language", "fr")]).summary()
    assert "From France" in fold([ConstraintSet("country", "FR")]).summary()


def test_turn_scoped_requests_lapse_after_the_next_recommendations_but_the_topic_stays() -> None:
    state = fold(
        [
            SimilarRequested("a", "A"),
            ExplorationRequested(),
            RepeatsAllowed(),
            AttributePreferred("genre", "Drama"),
        ]
    )
    assert state.anchor == "a" and state.explore and state.allow_repeats
    assert state.focus == (("genre", "Drama"),)
    assert state.liked == ("a",)
    after = state.apply(ItemsRecommended(("b",)))
    assert after.anchor is None and not after.explore and not after.allow_repeats
    # the topic asked for stays until a new title, anchor or reset replaces it ('yes', 'more')
    assert after.focus == (("genre", "Drama"),) and after.preferred == (("genre", "Drama"),)
    assert after.apply(SimilarRequested("c", "C")).focus == ()


def test_repeats_allowed_still_excludes_rejected_items() -> None:
    state = fold([ItemsRecommended(("a", "b")), ItemRejected("b"), ItemSeen("c"), RepeatsAllowed()])
    assert state.excluded() == {"b"}


def test_reset_forgets_everything_but_the_turn_count() -> None:
    state = fold([*HISTORY, StateReset()])
    assert state == InterestState(turns=2)
    assert state.beliefs() == [] and state.is_empty


def test_belief_ids_are_stable_and_each_belief_is_removable() -> None:
    events = [
        *HISTORY,
        ItemSeen("m8", "Heat (1995)"),
        AttributePreferred("genre", "Science Fiction"),
        InterestAvoided("zombies"),
        ConstraintSet("language", "fr"),
    ]
    state = fold(events)
    beliefs = state.beliefs()
    assert [b.id for b in beliefs] == [b.id for b in fold(events).beliefs()]
    assert len({b.id for b in beliefs}) == len(beliefs) == 9
    labels = [b.label for b in beliefs]
    assert "You like Interstellar (2014)" in labels
    assert "Avoiding: Horror" in labels
    for belief in beliefs:
        smaller = state.apply(BeliefRemoved(belief.id))
        remaining = [b.id for b in smaller.beliefs()]
        assert remaining == [b.id for b in beliefs if b.id != belief.id], belief.label


def test_removing_a_liked_belief_clears_its_anchor() -> None:
    state = fold([SimilarRequested("a", "A")])
    (belief,) = state.beliefs()
    assert state.apply(BeliefRemoved(belief.id)).anchor is None


def test_unknown_belief_id_changes_nothing() -> None:
    state = fold(HISTORY)
    assert state.apply(BeliefRemoved("liked-ffffffffff")) == state
    assert state.apply(BeliefRemoved("nonsense")) == state


def test_to_dict_is_plain_data() -> None:
    import json

    data = fold(HISTORY).to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["liked"] == [{"id": "m1", "title": "Interstellar (2014)"}]
    assert data["avoided"] == [{"facet": "genre", "value": "Horror"}]
    assert data["constraints"] == {"year_min": 2001}


def test_apply_rejects_non_events() -> None:
    with pytest.raises(TypeError):
        InterestState().apply("ItemLiked")  # type: ignore[arg-type]


def test_an_empty_turn_keeps_the_last_picks_for_references() -> None:
    state = fold([ItemsRecommended(("a", "b")), ItemsRecommended(())])
    assert state.last_shown == ("a", "b")


def test_every_constraint_has_a_readable_label() -> None:
    from chatbot.events import CONSTRAINT_TYPES
    from chatbot.interest import constraint_label

    samples = {int: 1990, float: 7.5, str: "fr"}
    for name, kind in CONSTRAINT_TYPES.items():
        label = constraint_label(name, samples[kind])
        assert not label.startswith(f"{name}:"), f"constraint {name!r} has no label: {label}"
    assert constraint_label("language", "ja") == "In Japanese"
    assert constraint_label("country", "KR") == "From South Korea"


def test_avoiding_a_kind_drops_the_wishes_for_its_narrower_kinds() -> None:
    state = fold(
        [
            AttributePreferred("genre", "Romantic Comedy"),
            AttributePreferred("genre", "Comedy"),
            AttributePreferred("mood", "romantic"),
            AttributeAvoided("genre", "Romance"),
        ]
    )
    assert ("genre", "Romantic Comedy") not in state.preferred
    assert ("genre", "Romantic Comedy") not in state.focus
    # a broader kind and other facets stay: Comedy is no kind of Romance
    assert ("genre", "Comedy") in state.preferred and ("mood", "romantic") in state.preferred
    assert state.avoided == (("genre", "Romance"),)


def test_clearing_a_constraint_drops_the_wishes_of_its_facet() -> None:
    state = fold(
        [
            AttributePreferred("language", "fr"),
            AttributeAvoided("language", "en"),
            AttributePreferred("genre", "Drama"),
            ConstraintSet("country", "FR"),
            ConstraintCleared("language"),  # 'any language is fine'
        ]
    )
    assert [p for p in (*state.preferred, *state.avoided) if p[0] == "language"] == []
    assert state.preferred == (("genre", "Drama"),) and state.constraints == {"country": "FR"}
    cleared = state.apply(ConstraintCleared("country"))
    assert cleared.constraints == {} and cleared.preferred == (("genre", "Drama"),)
