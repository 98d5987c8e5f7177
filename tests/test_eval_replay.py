"""The ReDial replay plans each case with the dialogue manager's turn policy (plan_turn)."""

from __future__ import annotations

from typing import Any

import pytest

from chatbot.evaluation.baselines import DialogueRanker, StateReplay
from chatbot.evaluation.redial import RECOMMENDER, SEEKER, RedialCase
from chatbot.events import ItemsRecommended, UserSaid
from chatbot.kinds import ReplyKind
from chatbot.ranking import Ranker

ITEM_MAP = {"1": "book-001", "2": "book-002"}


def _case(*turns: tuple[str, str, tuple[str, ...]], dialogue: str = "d1") -> RedialCase:
    return RedialCase(
        dialogue_id=dialogue,
        turn=len(turns),
        context=tuple((role, text) for role, text, _ in turns),
        context_movie_ids=tuple(r for _, _, ids in turns for r in ids),
        context_turn_ids=tuple(ids for _, _, ids in turns),
        target_ids=("3",),
    )


SPACE = _case(
    (SEEKER, "I want a space adventure", ()),
    (RECOMMENDER, "Have you read The Long Dark Between Stars?", ("1",)),
)
THANKS = _case(
    (SEEKER, "I want a space adventure", ()),
    (RECOMMENDER, "Have you read The Long Dark Between Stars?", ("1",)),
    (SEEKER, "thanks!", ()),
)


@pytest.fixture
def system(books_parts: Any) -> DialogueRanker:
    catalog, retriever, _, settings = books_parts
    return DialogueRanker(catalog, retriever, settings, ITEM_MAP, learned=None)


def test_the_replay_keeps_the_latest_seeker_turn_and_what_was_shown_after_it(
    books_catalog: Any,
) -> None:
    turn = StateReplay(books_catalog, ITEM_MAP).turn_for(SPACE)
    assert turn.before.turns == 0  # nothing before the seeker's message
    assert turn.events[0] == UserSaid("I want a space adventure")
    assert turn.events[-1] == ItemsRecommended(("book-001",))
    assert turn.state.shown == ("book-001",) and turn.state.turns == 1


def test_a_question_in_the_context_stores_only_what_was_said(books_catalog: Any) -> None:
    case = _case(
        (SEEKER, "I want a space adventure", ()),
        (RECOMMENDER, "Have you read The Long Dark Between Stars?", ("1",)),
        (SEEKER, "is The Long Dark Between Stars scary?", ()),
    )
    turn = StateReplay(books_catalog, ITEM_MAP).turn_for(case)
    assert turn.understanding.question is not None
    assert turn.events == (UserSaid("is The Long Dark Between Stars scary?"),)  # as the manager


def test_each_case_is_planned_by_plan_turn_as_a_recommending_turn(
    system: DialogueRanker, monkeypatch: pytest.MonkeyPatch
) -> None:
    import chatbot.turn_policy as policy

    plan = system.plan(THANKS, 5)
    # ReDial's turns are recommending turns: small talk does not stop the picks here
    assert plan.kind is ReplyKind.RECOMMEND and 2 <= len(plan.recommendations) <= 5
    assert "book-001" not in [r.item.id for r in plan.recommendations]  # shown: not repeated
    ranked = system.rank(THANKS, 5)
    assert ranked == [r.item.id for r in plan.recommendations]

    calls: list[Any] = []
    real = policy.plan_turn

    def reversed_policy(*args: Any, **kw: Any) -> Any:
        calls.append(kw)
        out = real(*args, **kw)
        return type(out)(out.state, out.kind, out.recommendations[::-1])

    monkeypatch.setattr(policy, "plan_turn", reversed_policy)
    assert system.rank(THANKS, 5) == ranked[::-1]  # a change of policy shows in the evaluation
    assert calls and calls[0]["explain"] is False and calls[0]["kind"] == ReplyKind.RECOMMEND


def test_the_plan_ranks_exactly_what_the_ranker_ranks_for_the_replayed_state(
    system: DialogueRanker, books_parts: Any
) -> None:
    catalog, retriever, _, settings = books_parts
    state = StateReplay(catalog, ITEM_MAP).state_for(SPACE)
    direct = Ranker(catalog, retriever, settings, learned=None).rank(state, 10, explain=False)
    assert system.rank(SPACE, 10) == [r.item.id for r in direct]
