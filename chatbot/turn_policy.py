"""The turn policy: what one turn does, decided before any text is written or stored.

`plan_turn` folds the turn's events into the state, asks the ranker for picks and chooses the
reply kind (recommend, clarify, unknown title, no results, acknowledge, or an answer from the
catalogue: answer, language); it writes nothing and stores nothing. The rules around it live here
too: which events a typed message (`user_turn_events`) or a feedback button
(`feedback_events`) stores, and which messages are accepted (`check_message`). The dialogue
manager wires load -> understand -> plan -> write -> append around it; the ReDial evaluation
(chatbot.evaluation.baselines) replays dialogues through the same `plan_turn`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING

from chatbot.errors import InputError
from chatbot.events import (
    AttributeAvoided,
    AttributePreferred,
    BeliefRemoved,
    ConstraintSet,
    Event,
    ExplorationRequested,
    ItemLiked,
    ItemRejected,
    ItemsDiscussed,
    ItemSeen,
    ItemsRecommended,
    SimilarRequested,
    UserSaid,
)
from chatbot.filters import SPARSE_MARKS, unsure_without
from chatbot.interest import InterestState, constraint_label, fold, turned_down_label
from chatbot.kinds import FEEDBACK_WORDS, FeedbackKind, ReplyKind
from chatbot.reply_framing import UNLIKE_BEFORE

if TYPE_CHECKING:
    from chatbot.catalog import Item
    from chatbot.generation import ReplyRequest
    from chatbot.ranking import Ranker, Recommendation
    from chatbot.understanding import Understanding
    from chatbot.understanding.core import Question

# reply kinds answered from the catalogue without the writer: nothing is learned from the
# message and nothing is recommended (the cards on screen stay)
ANSWERED_KINDS = frozenset({ReplyKind.ANSWER, ReplyKind.LANGUAGE})

# the event a feedback button stores, the same as typing what FEEDBACK_WORDS[kind].said says
FEEDBACK_EVENTS: Mapping[FeedbackKind, type[ItemLiked | ItemRejected | ItemSeen]] = (
    MappingProxyType(
        {
            FeedbackKind.LIKE: ItemLiked,
            FeedbackKind.DISLIKE: ItemRejected,
            FeedbackKind.SEEN: ItemSeen,
        }
    )
)


def check_message(text: object, limit: int) -> str:
    """A typed message stripped of surrounding space; InputError when it is not text, is empty
    or is longer than `limit` characters (the message says what to do instead)."""
    if not isinstance(text, str):
        raise InputError(f"message must be text, got {type(text).__name__}")
    stripped = text.strip()
    if not stripped:
        raise InputError(
            "message is empty; tell me a movie you like or what you are in the mood for"
        )
    if len(stripped) > limit:
        raise InputError(
            f"message is {len(stripped)} characters long; the limit is {limit}, please shorten it"
        )
    return stripped


def answered_kind(understanding: Understanding) -> ReplyKind | None:
    """LANGUAGE for a message in a language we do not read, ANSWER for a question about items,
    else None (the turn is planned by `plan_turn`'s other rules)."""
    if understanding.language is not None:
        return ReplyKind.LANGUAGE
    if understanding.question is not None:
        return ReplyKind.ANSWER
    return None


def user_turn_events(text: str, understanding: Understanding) -> list[Event]:
    """The events a typed message adds: what was said, then what it was understood to mean
    (only what was said for a message in another language; for a question, the verdicts on
    shown picks said beside it, 'not the first one. is the second one violent?', and nothing
    else)."""
    kind = answered_kind(understanding)
    if kind == ReplyKind.LANGUAGE:
        return [UserSaid(text)]
    if kind == ReplyKind.ANSWER:
        feedback = (ItemRejected, ItemLiked, ItemSeen)
        return [UserSaid(text), *(e for e in understanding.events if isinstance(e, feedback))]
    return [UserSaid(text), *understanding.events]


def feedback_kind(kind: object) -> FeedbackKind:
    """`kind` as a FeedbackKind ("like" or FeedbackKind.LIKE); InputError for an unknown kind,
    listing the known ones."""
    if not isinstance(kind, str) or kind not in tuple(FeedbackKind):
        known = ", ".join(k.value for k in FeedbackKind)
        raise InputError(f"unknown feedback kind {kind!r}; use one of: {known}")
    return FeedbackKind(kind)


def belief_removal(state: InterestState, belief_id: str) -> BeliefRemoved:
    """The event that drops one belief of the state; InputError (listing the current ids) for
    an id the state does not hold."""
    known = {b.id for b in state.beliefs()}
    if belief_id not in known:
        listed = ", ".join(sorted(known)) or "none"
        raise InputError(f"no belief {belief_id!r} in this session; current beliefs: {listed}")
    return BeliefRemoved(belief_id)


def shown_reasons(history: Iterable[Event]) -> dict[str, str]:
    """{item id: the reason it was shown for}, the latest showing winning (for answers to
    'why this one?')."""
    reasons: dict[str, str] = {}
    for event in history:
        if isinstance(event, ItemsRecommended):
            reasons.update(zip(event.item_ids, event.reasons, strict=False))
    return reasons


def feedback_events(item: Item, kind: FeedbackKind) -> tuple[list[Event], str]:
    """The events a feedback button on `item` stores and what the user would have typed for it
    ("I liked Alien (1979)"): the same events as typing it."""
    said = FEEDBACK_WORDS[kind].said.format(item.label)
    return [FEEDBACK_EVENTS[kind](item.id, item.label)], said


@dataclass(frozen=True)
class TurnPlan:
    """A planned turn: the state after the user's events, the picks and the reply kind."""

    state: InterestState
    kind: ReplyKind
    recommendations: tuple[Recommendation, ...] = ()
    question: str = ""  # the clarifying question (kind clarify)
    notices: tuple[str, ...] = ()
    small_talk: bool = False  # a short answer: nothing recommended, nothing stored as shown
    asked: Question | None = None  # kind answer: the question about items to answer
    language: str | None = None  # kind language: the ISO 639-1 code the message was written in
    # a question asked beside the request ('how long is X? if long, something shorter'): its
    # answer opens the reply
    aside: Question | None = None
    # what the turn changed, in the system's words (refinement_phrases): the lead-in says it
    refinement: tuple[str, ...] = ()
    # kind answer: the one item the answer picked out ('which is the longest?'), which 'that
    # one' points at next; empty: every item asked about (see answers.singled_out)
    discussed: tuple[str, ...] = ()

    @property
    def answered(self) -> bool:
        """Answered from the catalogue (kinds answer, language), not by the writer."""
        return self.kind in ANSWERED_KINDS

    @property
    def shows_picks(self) -> bool:
        """Whether the turn stores its picks as shown (empty picks too: they were "shown")."""
        return not (self.small_talk or self.answered)

    def request(self, user_text: str) -> ReplyRequest:
        """What the writer is asked to say (kinds the writer writes: see chatbot.kinds)."""
        from chatbot.generation import ReplyRequest

        return ReplyRequest(
            kind=self.kind,
            user_text=user_text,
            recommendations=self.recommendations,
            state_summary=self.state.summary(),
            question=self.question,
            notes=self.notices,
            small_talk=self.small_talk,
            refinement=self.refinement,
        )

    def events(self, new_events: Iterable[Event]) -> list[Event]:
        """The events the turn stores: the user's, then the picks shown (see `shows_picks`)."""
        events = list(new_events)
        if self.kind is ReplyKind.ANSWER and self.asked is not None and self.asked.item_ids:
            discussed = self.discussed or tuple(self.asked.item_ids)
            events.append(ItemsDiscussed(discussed, self.asked.topic))
        if self.shows_picks:
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
    explain: bool = True,
) -> TurnPlan:
    """Plan one turn from the state before it, its events and what was understood.

    `kind` is given for a feedback button ("acknowledge") or by the ReDial replay ("recommend":
    its turns are turns where the recommender recommended); otherwise a message in another
    language or a question about items is answered from the catalogue, small talk after some
    picks is acknowledged and the rest is decided here. `labels` are the catalogue's titles
    that reasons may name (reasons never carry the user's raw text); `explain=False` leaves the
    reasons out (offline evaluation). The only call out is the ranker's (a read); nothing is
    written or stored.
    """
    from chatbot.reply_framing import sanitise

    after = fold(new_events, state)
    kind = kind or answered_kind(understanding)
    if kind in ANSWERED_KINDS:
        return TurnPlan(
            after, ReplyKind(kind), asked=understanding.question, language=understanding.language
        )
    if kind is None and understanding.small_talk:
        # 'thanks!' after some picks gets a short answer; 'hi there!' or 'what can you do?'
        # before any, a short guide (popular picks would answer a greeting with a horror film)
        kind = ReplyKind.ACKNOWLEDGE if state.shown else ReplyKind.CLARIFY
    small_talk = kind in (ReplyKind.ACKNOWLEDGE, ReplyKind.CLARIFY) and understanding.small_talk
    recs = [] if small_talk else ranker.rank(after, items, explain=explain)
    if kind in (None, ReplyKind.ACKNOWLEDGE) and recs and not understanding.more:
        recs = _replace_in_place(state, after, new_events, recs, ranker, explain=explain)
    # reasons leave the manager (reply, UI, API, stored events) without raw user text
    recs = sanitise(recs, labels)
    notices = list(understanding.notes)
    ran_out = _named_focus_ran_out(after, recs)
    if ran_out:
        notices.append(
            f"The catalogue lists no more {ran_out} that fit everything else you asked for; "
            "these come closest."
        )
    picks = [r.item for r in recs]
    unsure = unsure_notice(new_events, after, picks)
    if unsure:
        notices.append(unsure)
    question = ""
    if kind is not None and (recs or small_talk):
        pass  # feedback is acknowledged, small talk gets a short answer
    elif understanding.unknown_titles and not (recs and _asks_for_more(new_events)):
        # ('Say: "Sharknado 7 is great", then recommend a comedy': comedies, with the note
        # on the title at the end, not "I couldn't find that movie" over them)
        kind = ReplyKind.UNKNOWN_TITLE
    elif not recs:
        kind = ReplyKind.NO_RESULTS
        notices.append(no_results_notice(after))
    elif not after.has_signal and not after.constraints:
        kind = ReplyKind.CLARIFY
        question = ranker.clarifying_question(after)
    else:
        kind = ReplyKind.RECOMMEND
    return TurnPlan(
        after,
        ReplyKind(kind),
        tuple(recs),
        question,
        tuple(notices),
        small_talk,
        aside=understanding.aside,
        refinement=tuple(refinement_phrases(new_events, after, picks)),
    )


def _asks_for_more(new_events: Sequence[Event]) -> bool:
    """Whether the turn's events ask for a kind of film beside an unknown title ('...
    then recommend a comedy'); a topic or audience said with one ('Spirit of the Forgotten
    Harbour', 'my daughter loved it') is about the title."""
    return any(isinstance(e, (AttributePreferred, AttributeAvoided)) for e in new_events)


def _either(values: Sequence[str]) -> str:
    """'a', 'a or b', 'a, b or c' (each said once)."""
    values = list(dict.fromkeys(values))
    return values[-1] if len(values) == 1 else f"{', '.join(values[:-1])} or {values[-1]}"


def refinement_phrases(
    new_events: Sequence[Event], after: InterestState, picks: Sequence[Item] = ()
) -> list[str]:
    """What this turn's events changed that the picks' reasons may not say, as phrases after a
    noun, in the system's words (never the user's): the constraints set and still in force
    ('older' -> 'from before 1995', 'shorter' -> 'at most 100 minutes long'), the facet values
    turned down ('no horror' -> 'without horror') and a request for something different
    ('different', said before the noun). The lead-in restates them ("Here are 3 movies like
    Heat (1995), from before 1995:"); [] for a turn that changed none of these. A value the
    catalogue marks sparsely ('violence') is said turned down only when none of the `picks`
    may still have it (`unsure_notice` says why not)."""
    from chatbot.constraints import constraint_phrases

    set_now = {
        e.name: after.constraints[e.name]
        for e in new_events
        if isinstance(e, ConstraintSet) and e.name in after.constraints
    }
    out = constraint_phrases(set_now)
    moods: list[str] = []  # 'that aren't dark or sad': one phrase
    without: list[str] = []  # 'without horror or westerns', 'without Hayao Miyazaki': one too
    for e in new_events:
        if isinstance(e, AttributeAvoided) and (e.facet, e.value) in after.avoided:
            if any(unsure_without(item, e.facet, e.value) for item in picks):
                continue  # 'war movies without violence' over Saving Private Ryan
            label, adjective = turned_down_label(e.facet, e.value)
            if e.facet == "mood":
                moods.append(label)
            elif e.facet == "person":
                without.append(e.value)
            elif adjective:  # 'not French-language', 'not made in France'
                out.append(f"not {label}")
            else:
                without.append(label)
    if without:
        out.append(f"without {_either(without)}")
    if moods:
        out.append(f"that aren't {_either(moods)}")
    if any(isinstance(e, ExplorationRequested) for e in new_events) and after.explore:
        out.append(UNLIKE_BEFORE)
    # a pick on screen liked or asked to be matched ('more like the second one'): said first
    shown = [
        e
        for e in new_events
        if isinstance(e, ItemLiked | SimilarRequested) and e.item_id in after.last_shown
    ]
    if shown:
        out.insert(0, f"like {after.titles[shown[-1].item_id]}")
    # only picks turned down or seen ('not the first one', 'seen all three'): new ones
    said = [e for e in new_events if not isinstance(e, UserSaid)]
    if not out and said and all(isinstance(e, ItemRejected | ItemSeen) for e in said):
        out.append("instead")
    return list(dict.fromkeys(out))


def unsure_notice(new_events: Sequence[Event], after: InterestState, picks: Sequence[Item]) -> str:
    """What the reply says when this turn turned down a value the catalogue marks sparsely
    (chatbot.filters.SPARSE_MARKS) and some picks may still have it: "The catalogue marks none
    of these as violent, but it marks few films, and some of these are listed as war or action,
    which often are; check before watching." ('' when none)."""
    for e in new_events:
        if not isinstance(e, AttributeAvoided) or (e.facet, e.value) not in after.avoided:
            continue
        why = [v for item in picks for v in unsure_without(item, e.facet, e.value)]
        if why:
            quality = SPARSE_MARKS[(e.facet, e.value)][0]
            kinds = _either([w.lower() for w in dict.fromkeys(why)][:3])
            if len(picks) > 1:
                return (
                    f"The catalogue marks none of these as {quality}, but it marks few films, "
                    f"and some of these are listed as {kinds}, which often are; check before "
                    "watching."
                )
            return (
                f"The catalogue does not mark this one as {quality}, but it marks few films, "
                f"and this one is listed as {kinds}, which often are; check before watching."
            )
    return ""


def _replace_in_place(
    before: InterestState,
    after: InterestState,
    new_events: Sequence[Event],
    recs: list[Recommendation],
    ranker: Ranker,
    *,
    explain: bool,
) -> list[Recommendation]:
    """A message that only says some picks on screen were seen already ('seen the second one',
    'watched the first and third') replaces those picks where they stand and keeps the others in
    their places: the user is still going through the list, so 'the third one' in the next
    message still means the film it meant; the 'seen' button does the same as typing it.
    Turning picks down ('not the first two') and any other signal (a liked pick, a new wish, a
    constraint, a request for more) get a new list, as the understanding corpora's authors
    expect. `recs` are the new picks, best first, none of them on screen."""
    said = [e for e in new_events if not isinstance(e, UserSaid)]
    shown = before.last_shown
    if not said or not shown:
        return recs
    if not all(isinstance(e, ItemSeen) and e.item_id in shown for e in said):
        return recs
    gone = {e.item_id for e in said if isinstance(e, ItemSeen)}
    stay = [i for i in shown if i not in gone and i in ranker.catalog]
    if not stay:
        return recs
    from chatbot.ranking import Recommendation

    picks = (
        ranker.explained(after, stay)
        if explain
        else [Recommendation(ranker.catalog.get(i), 0.0) for i in stay]
    )
    kept = {r.item.id: r for r in picks}
    fresh = iter(r for r in recs if r.item.id not in kept)
    out: list[Recommendation] = []
    for item_id in shown:
        pick = kept.get(item_id) or next(fresh, None)
        if pick is not None:
            out.append(pick)
    return out


def _named_focus_ran_out(state: InterestState, recs: Sequence[Recommendation]) -> str:
    """The people, studios or franchises asked for ('something with Hanks', then 'older') when
    none of the picks has them any more (the ranker fills up with the closest films): their
    labels joined, else ''."""
    from chatbot.filters import NAMED_FACETS
    from chatbot.interest import facet_value_label

    named = [(f, v) for f, v in state.focus if f in NAMED_FACETS]
    if not recs or not named:
        return ""
    if any(v in r.item.facet(f) for r in recs for f, v in named):
        return ""
    return " or ".join(facet_value_label(f, v) for f, v in named)


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
