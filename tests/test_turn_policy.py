"""plan_turn: the reply kind, picks and events of a turn, decided without writing or storing."""

from __future__ import annotations

from typing import Any

from chatbot.events import ConstraintSet, ItemLiked, ItemsRecommended, UserSaid
from chatbot.interest import InterestState, fold
from chatbot.kinds import ReplyKind
from chatbot.ranking import Ranker
from chatbot.turn_policy import plan_turn, user_turn_events
from chatbot.understanding import Understander, Understanding


def _plan(parts: Any, state: InterestState, text: str, **kw: Any) -> Any:
    catalog, retriever, _, settings = parts
    understanding = Understander(catalog).understand(text, state)
    events = user_turn_events(text, understanding)
    labels = frozenset(n for i in catalog for n in (i.label, i.title))
    ranker = Ranker(catalog, retriever, settings)
    plan = plan_turn(state, events, understanding, ranker, items=3, labels=labels, **kw)
    return plan, events


def test_a_request_is_recommended_and_the_picks_are_stored_after_the_user_events(
    books_parts: Any,
) -> None:
    plan, events = _plan(books_parts, InterestState(), "a mystery with a detective")
    assert plan.kind is ReplyKind.RECOMMEND and len(plan.recommendations) == 3
    assert plan.state == fold(events)  # the state the picks were ranked for
    stored = plan.events(events)
    assert stored[: len(events)] == events and isinstance(events[0], UserSaid)
    assert stored[-1] == ItemsRecommended(
        tuple(r.item.id for r in plan.recommendations),
        tuple("; ".join(r.reasons) for r in plan.recommendations),
    )
    request = plan.request("a mystery with a detective")
    assert request.kind == "recommend" and request.recommendations == plan.recommendations


def test_nothing_to_go_on_is_a_clarifying_question(books_parts: Any) -> None:
    plan, _ = _plan(books_parts, InterestState(), "hmm")
    assert plan.kind is ReplyKind.CLARIFY and plan.question


def test_constraints_that_exclude_everything_are_no_results_with_a_notice(
    books_parts: Any,
) -> None:
    state = fold([ConstraintSet("year_min", 2100)])
    plan, _ = _plan(books_parts, state, "a mystery")
    assert plan.kind is ReplyKind.NO_RESULTS and plan.recommendations == ()
    assert any("Nothing left matches" in n for n in plan.notices)


def test_small_talk_after_picks_is_acknowledged_and_stores_no_picks(books_parts: Any) -> None:
    first, events = _plan(books_parts, InterestState(), "a space adventure")
    state = fold(first.events(events))
    plan, said = _plan(books_parts, state, "thanks!")
    assert plan.kind is ReplyKind.ACKNOWLEDGE and plan.small_talk
    assert plan.recommendations == () and plan.events(said) == said


def test_feedback_is_acknowledged_with_new_picks(books_parts: Any) -> None:
    catalog, retriever, _, settings = books_parts
    first, events = _plan(books_parts, InterestState(), "a space adventure")
    state = fold(first.events(events))
    liked = first.recommendations[0].item
    event = ItemLiked(liked.id, liked.label)
    labels = frozenset(n for i in catalog for n in (i.label, i.title))
    plan = plan_turn(
        state,
        [event],
        Understanding(events=(event,), mentioned=(liked.id,)),
        Ranker(catalog, retriever, settings),
        items=3,
        labels=labels,
        kind="acknowledge",
    )
    assert plan.kind is ReplyKind.ACKNOWLEDGE and not plan.small_talk
    assert plan.recommendations and liked.id in plan.state.liked
