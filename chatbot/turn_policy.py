"""The turn policy: what one turn does, decided before any text is written or stored.

`plan_turn` folds the turn's events into the state, asks the ranker for picks and chooses the
reply kind (recommend, clarify, unknown title, no results, acknowledge); it writes nothing and
stores nothing. The dialogue manager wires load -> understand -> plan -> write -> append around
it; the evaluation replays dialogues with the same `user_turn_events`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from chatbot.events import Event, ItemsRecommended, UserSaid
from chatbot.interest import InterestState, constraint_label
from chatbot.kinds import ReplyKind

if TYPE_CHECKING:
    from chatbot.generation import ReplyRequest
    from chatbot.ranking import Ranker, Recommendation
    from chatbot.understanding import Understanding


def user_turn_events(text: str, understanding: Understanding) -> list[Event]:
    """The events a typed message adds: what was said, then what it was understood to mean."""
    return [UserSaid(text), *understanding.events]


@dataclass(frozen=True)
class TurnPlan:
    """A planned turn: the state after the user's events, the picks and the reply kind."""

    state: InterestState
    kind: ReplyKind
    recommendations: tuple[Recommendation, ...] = ()
    question: str = ""  # the clarifying question (kind clarify)
    notices: tuple[str, ...] = ()
    small_talk: bool = False  # a short answer: nothing recommended, nothing stored as shown

    def request(self, user_text: str) -> ReplyRequest:
        """What the writer is asked to say."""
        from chatbot.generation import ReplyRequest

        return ReplyRequest(
            kind=self.kind,
            user_text=user_text,
            recommendations=self.recommendations,
            state_summary=self.state.summary(),
            question=self.question,
            notes=self.notices,
        )

    def events(self, new_events: Iterable[Event]) -> list[Event]:
        """The events the turn stores: the user's, then the picks shown (unless small talk)."""
        events = list(new_events)
        if not self.small_talk:
            recs = self.recommendations
            reasons = tuple("; ".join(r.reasons) for r in recs)
            events.append(ItemsRecommended(tuple(r.item.id for r in recs), reasons))
        return events


def plan_turn(
    state: InterestState,
    new_events: Sequence[Event],
    understanding: Understanding,
    ranker: Ranker,
    *,
    items: int,
    labels: frozenset[str],
    kind: ReplyKind | str | None = None,
) -> TurnPlan:
    """Plan one turn from the state before it, its events and what was understood.

    `kind` is given for a feedback button ("acknowledge"); otherwise small talk after some
    picks is acknowledged and the rest is decided here. `labels` are the catalogue's titles
    that reasons may name (reasons never carry the user's raw text). The only call out is the
    ranker's (a read); nothing is written or stored.
    """
    from chatbot.reply_framing import sanitise

    if kind is None and understanding.small_talk and state.shown:
        kind = ReplyKind.ACKNOWLEDGE  # 'thanks!' after some picks gets a short answer
    for event in new_events:
        state = state.apply(event)
    small_talk = kind == ReplyKind.ACKNOWLEDGE and understanding.small_talk
    recs = [] if small_talk else ranker.rank(state, items)
    # reasons leave the manager (reply, UI, API, stored events) without raw user text
    recs = sanitise(recs, labels)
    notices = list(understanding.notes)
    question = ""
    if kind is not None and (recs or small_talk):
        pass  # feedback is acknowledged, small talk gets a short answer
    elif understanding.unknown_titles:
        kind = ReplyKind.UNKNOWN_TITLE
    elif not recs:
        kind = ReplyKind.NO_RESULTS
        notices.append(no_results_notice(state))
    elif not state.has_signal and not state.constraints:
        kind = ReplyKind.CLARIFY
        question = ranker.clarifying_question(state)
    else:
        kind = ReplyKind.RECOMMEND
    return TurnPlan(
        state=state,
        kind=ReplyKind(kind),
        recommendations=tuple(recs),
        question=question,
        notices=tuple(notices),
        small_talk=small_talk,
    )


def no_results_notice(state: InterestState) -> str:
    """Why nothing is left: the constraints and avoided values in force, or that the topic ran
    out of new items."""
    limits = [constraint_label(n, v) for n, v in state.constraints.items()]
    limits += [f"no {value}" for _, value in state.avoided]
    if limits:
        return (
            f"Nothing left matches all of: {'; '.join(limits)}. "
            "Try dropping one of them (see your preferences)."
        )
    return "I have run out of new suggestions for this; say 'start over' or 'show me them again'."
