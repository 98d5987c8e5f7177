"""InterestState: what a session learned about the user, derived by a pure fold over its events."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from chatbot import events as ev
from chatbot.constraints import CONSTRAINTS, constraint_label
from chatbot.locales import COUNTRY_NAMES, LANGUAGE_NAMES

# how many of the user's latest messages the state keeps for the learned text-to-item model
# (the trainer reads the same number of seeker messages; 4 and all of them: the same hold-out
# recall)
SAID_KEEP = 4


@dataclass(frozen=True)
class Belief:
    """One removable thing the bot believes about the user; the id is stable across replays."""

    id: str
    label: str


@dataclass(frozen=True)
class InterestState:
    """Likes, dislikes, facet preferences, hard constraints and what was shown, per session."""

    liked: tuple[str, ...] = ()  # item ids, oldest first
    disliked: tuple[str, ...] = ()
    seen: tuple[str, ...] = ()
    shown: tuple[str, ...] = ()  # everything recommended so far
    last_shown: tuple[str, ...] = ()  # the latest recommendations, best first
    # the items the last answer was about ('what is the second one about?'), until picks are
    # shown again: what 'that one' / 'it' points at next
    discussed: tuple[str, ...] = ()
    discussed_at: int = -1  # the turn a pick was chosen in ('the third one'; see _liked)
    # the topic of the last question answered and the turn it was answered in: 'and Avatar?'
    # right after 'how long is Titanic?' asks Avatar's length
    asked_topic: str = ""
    asked_at: int = -1
    titles: Mapping[str, str] = field(default_factory=dict)  # item id -> label, for summaries
    preferred: tuple[tuple[str, str], ...] = ()  # (facet, value), oldest first
    avoided: tuple[tuple[str, str], ...] = ()
    constraints: Mapping[str, int | float | str] = field(default_factory=dict)
    interests: tuple[str, ...] = ()  # free text, oldest first
    avoided_topics: tuple[str, ...] = ()
    # Turn-scoped requests: they shape the next recommendations, then lapse.
    anchor: str | None = None
    explore: bool = False
    allow_repeats: bool = False
    focus: tuple[tuple[str, str], ...] = ()  # facets asked for since the last recommendations
    # the focus pairs a comparative asked for ('funnier' after heist picks): the picks should
    # have them together with the rest of the focus (see events.AttributeRefined); a plain
    # wish ends the narrowing
    refined: tuple[tuple[str, str], ...] = ()
    settled: tuple[tuple[str, str], ...] = ()  # the focus when picks were last shown
    # constraints cleared, with the value each last had ('just me now' after 'for the kids'):
    # what 'they're back' brings back
    cleared: Mapping[str, int | float | str] = field(default_factory=dict)
    turns: int = 0
    # the user's latest messages as typed (at most SAID_KEEP), for the learned text-to-item
    # model only (chatbot.recommender.text); never shown, never a belief. Removing a belief
    # clears them, so words behind a removed belief stop counting at once
    said: tuple[str, ...] = ()

    def apply(self, event: ev.Event) -> InterestState:
        """The state after one more event (a pure function; one step per event type)."""
        for cls in type(event).__mro__:
            step = _STEPS.get(cls)
            if step is not None:
                return step(self, event)
        raise TypeError(f"not an event: {event!r}")

    def beliefs(self) -> list[Belief]:
        """Everything removable, in display order; ids depend only on content."""
        items, facets = self._item_beliefs, _facet_beliefs
        return [
            *(Belief(_bid("interest", text), f"Interested in: {text}") for text in self.interests),
            *items("liked", self.liked, "You like {}"),
            *facets("preferred", self.preferred, "You want: {}"),
            *items("disliked", self.disliked, "Not for you: {}"),
            *items("seen", self.seen, "Already seen: {}"),
            *facets("avoided", self.avoided, "Avoiding: {}"),
            *(Belief(_bid("avoided-topic", t), f"Avoiding: {t}") for t in self.avoided_topics),
            *(
                Belief(_bid("constraint", name), constraint_label(name, limit))
                for name, limit in self.constraints.items()
            ),
        ]

    def _item_beliefs(self, kind: str, item_ids: Iterable[str], template: str) -> list[Belief]:
        return [Belief(_bid(kind, i), template.format(self.label(i))) for i in item_ids]

    def _without_belief(self, belief_id: str) -> InterestState:
        kind = belief_id.rsplit("-", 1)[0]
        if kind == "interest":
            return replace(
                self, interests=tuple(t for t in self.interests if _bid("interest", t) != belief_id)
            )
        if kind == "liked":
            kept = tuple(i for i in self.liked if _bid("liked", i) != belief_id)
            return replace(self, liked=kept, anchor=self.anchor if self.anchor in kept else None)
        if kind == "disliked":
            return replace(
                self, disliked=tuple(i for i in self.disliked if _bid("disliked", i) != belief_id)
            )
        if kind == "seen":
            return replace(self, seen=tuple(i for i in self.seen if _bid("seen", i) != belief_id))
        if kind == "preferred":
            return replace(
                self,
                preferred=tuple(p for p in self.preferred if _bid("preferred", *p) != belief_id),
                focus=tuple(p for p in self.focus if _bid("preferred", *p) != belief_id),
            )
        if kind == "avoided":
            return replace(
                self, avoided=tuple(p for p in self.avoided if _bid("avoided", *p) != belief_id)
            )
        if kind == "avoided-topic":
            return replace(
                self,
                avoided_topics=tuple(
                    t for t in self.avoided_topics if _bid("avoided-topic", t) != belief_id
                ),
            )
        if kind == "constraint":
            return replace(
                self,
                constraints={
                    k: v for k, v in self.constraints.items() if _bid("constraint", k) != belief_id
                },
            )
        return (
            self  # unknown ids change nothing (the dialogue manager rejects them before appending)
        )

    def label(self, item_id: str) -> str:
        """The remembered title of an item (its id when none was recorded)."""
        return self.titles.get(item_id) or item_id

    @property
    def has_signal(self) -> bool:
        """True when there is anything to rank by beyond popularity and hard filters."""
        return bool(self.liked or self.interests or self.preferred)

    @property
    def is_empty(self) -> bool:
        """True when no belief is held at all."""
        return not self.beliefs()

    def excluded(self) -> set[str]:
        """Items that must not be recommended now (unless repeats were asked for)."""
        if self.allow_repeats:
            return set(self.disliked)
        return {*self.disliked, *self.seen, *self.shown, *self.liked}

    def summary(self) -> str:
        """'You like: space adventures, Interstellar. Avoiding: horror. Only after 2000.'"""
        parts: list[str] = []
        likes = [
            *self.interests,
            *(self.label(i) for i in self.liked),
            *(facet_value_label(f, v) for f, v in self.preferred),
        ]
        if likes:
            parts.append("You like: " + ", ".join(likes) + ".")
        if self.disliked:
            parts.append("Not for you: " + ", ".join(self.label(i) for i in self.disliked) + ".")
        if self.seen:
            parts.append("Already seen: " + ", ".join(self.label(i) for i in self.seen) + ".")
        avoid = [
            *(
                v.lower() if f not in ("language", "country") else facet_value_label(f, v)
                for f, v in self.avoided
            ),
            *self.avoided_topics,
        ]
        if avoid:
            parts.append("Avoiding: " + ", ".join(avoid) + ".")
        parts.extend(_constraint_sentences(self.constraints))
        return " ".join(parts) if parts else "No preferences yet."

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able data (for APIs, the UI and debugging)."""
        return {
            "liked": [{"id": i, "title": self.label(i)} for i in self.liked],
            "disliked": [{"id": i, "title": self.label(i)} for i in self.disliked],
            "seen": [{"id": i, "title": self.label(i)} for i in self.seen],
            "shown": list(self.shown),
            "last_shown": list(self.last_shown),
            "preferred": [{"facet": f, "value": v} for f, v in self.preferred],
            "avoided": [{"facet": f, "value": v} for f, v in self.avoided],
            "constraints": dict(self.constraints),
            "interests": list(self.interests),
            "avoided_topics": list(self.avoided_topics),
            "turns": self.turns,
        }


def _between(
    state: InterestState, value: Any, add_to: str, drop_from: str, **changes: Any
) -> InterestState:
    """`value` added to one of the state's lists and dropped from its opposite (liked and
    disliked, preferred and avoided, interests and avoided topics), plus `changes`."""
    moved: dict[str, Any] = {
        add_to: _add(getattr(state, add_to), value),
        drop_from: _drop(getattr(state, drop_from), value),
    }
    return replace(state, **moved, **changes)


def _said(state: InterestState, event: ev.UserSaid) -> InterestState:
    return replace(state, turns=state.turns + 1, said=(*state.said, event.text)[-SAID_KEEP:])


def _recommended(state: InterestState, event: ev.ItemsRecommended) -> InterestState:
    return replace(
        state,
        shown=_add(state.shown, *event.item_ids),
        # an empty turn (nothing matched) keeps 'the second one' pointing at real picks
        last_shown=tuple(event.item_ids) or state.last_shown,
        discussed=state.discussed if state.discussed_at == state.turns else (),
        settled=state.focus,
        anchor=None,
        explore=False,
        allow_repeats=False,
        # the topic asked for stays the topic ('a heist movie' -> 'yes' / 'more' /
        # 'none of these' / 'older'); a new title, anchor or reset replaces it
    )


def _liked(state: InterestState, event: ev.ItemLiked | ev.SimilarRequested) -> InterestState:
    similar = isinstance(event, ev.SimilarRequested)
    return _between(
        state,
        event.item_id,
        "liked",
        "disliked",
        # a new anchor is a new topic; 'more like those' (a shown pick) keeps it, and so does
        # 'more like that' on the pick just chosen ('the second one looks nice', 'more like that')
        focus=()
        if similar and event.item_id not in (*state.last_shown, *state.discussed)
        else state.focus,
        titles=_title(state.titles, event.item_id, event.title),
        anchor=event.item_id if similar else state.anchor,
        # a pick chosen ('the third one') is what 'it' means next ('who is in it?'), past the
        # new picks the same turn shows
        **(
            {"discussed": (event.item_id,), "discussed_at": state.turns}
            if not similar and event.item_id in state.last_shown
            else {}
        ),
    )


def _rejected(state: InterestState, event: ev.ItemRejected) -> InterestState:
    return _between(
        state,
        event.item_id,
        "disliked",
        "liked",
        anchor=None if state.anchor == event.item_id else state.anchor,
        titles=_title(state.titles, event.item_id, event.title),
    )


def _seen(state: InterestState, event: ev.ItemSeen) -> InterestState:
    return replace(
        state,
        seen=_add(state.seen, event.item_id),
        titles=_title(state.titles, event.item_id, event.title),
    )


def _preferred(state: InterestState, event: ev.AttributePreferred) -> InterestState:
    pair = (event.facet, event.value)
    return _between(state, pair, "preferred", "avoided", focus=_add(state.focus, pair))


def _wished(state: InterestState, event: ev.AttributePreferred) -> InterestState:
    """A plain wish. A kind of film asked for after picks of another kind replaces that kind as
    the topic ('a horror movie', then 'a romantic comedy': romantic comedies, not horror; the
    earlier wish stays a taste); one turn's kinds add up ('comedies or thrillers')."""
    pair = (event.facet, event.value)
    state = replace(_preferred(state, event), refined=())
    if event.facet != "genre":
        return state
    kept = tuple(p for p in state.focus if p == pair or p[0] != "genre" or p not in state.settled)
    return replace(state, focus=kept)


def _refined(state: InterestState, event: ev.AttributeRefined) -> InterestState:
    pair = (event.facet, event.value)
    return replace(_preferred(state, event), refined=_add(state.refined, pair))


def _avoided(state: InterestState, event: ev.AttributeAvoided) -> InterestState:
    from chatbot.filters import is_kind_of

    pair = (event.facet, event.value)
    state = _between(state, pair, "avoided", "preferred", focus=_drop(state.focus, pair))
    # avoiding a kind drops the wishes for its narrower kinds too: 'romantic comedies', then
    # 'no romance' leaves no wish for Romantic Comedy (the filter would refuse it anyway)
    narrower = [
        p for p in state.preferred if p[0] == event.facet and is_kind_of(p[1], event.value, p[0])
    ]
    if not narrower:
        return state
    return replace(
        state,
        preferred=tuple(p for p in state.preferred if p not in narrower),
        focus=tuple(p for p in state.focus if p not in narrower),
    )


# bounds that make a range: a new one that leaves the range empty replaces the other
_BOUND_PAIRS = {"year_min": "year_max", "runtime_min": "runtime_max"}
_BOUND_PAIRS.update({upper: lower for lower, upper in _BOUND_PAIRS.items()})


def _constraint_set(state: InterestState, event: ev.ConstraintSet) -> InterestState:
    constraints = {**state.constraints, event.name: event.value}
    other = _BOUND_PAIRS.get(event.name)
    if other is not None and other in constraints:
        # 'a thriller from the nineties', then 'actually nothing older than the 2000s': the new
        # lower bound is past the old upper one, so the user changed their mind about the range
        # (it had kept both and found nothing)
        low, high = (
            (event.value, constraints[other])
            if event.name.endswith("_min")
            else (constraints[other], event.value)
        )
        if isinstance(low, int | float) and isinstance(high, int | float) and low > high:
            del constraints[other]
    state = replace(state, constraints=constraints)
    row = CONSTRAINTS.get(event.name)
    if row is not None and row.refuses is not None:
        # who is watching wins over earlier taste: 'a scary movie', then 'for my 8 year old
        # instead' drops the Horror wish (the audience refuses it anyway)
        refuses = row.refuses
        kept = tuple(p for p in state.preferred if not refuses(event.value, *p))
        state = replace(state, preferred=kept, focus=tuple(p for p in state.focus if p in kept))
    return state


def _constraint_cleared(state: InterestState, event: ev.ConstraintCleared) -> InterestState:
    kept = {k: v for k, v in state.constraints.items() if k != event.name}
    cleared = dict(state.cleared)
    if event.name in state.constraints:
        cleared[event.name] = state.constraints[event.name]
    state = replace(state, constraints=kept, cleared=cleared)
    row = CONSTRAINTS.get(event.name)
    if row is None or row.facet is None:
        return state
    # 'any language is fine' after 'a French drama' also drops the wish for French
    return replace(
        state,
        preferred=tuple(p for p in state.preferred if p[0] != row.facet),
        avoided=tuple(p for p in state.avoided if p[0] != row.facet),
        focus=tuple(p for p in state.focus if p[0] != row.facet),
    )


def _interest(state: InterestState, event: ev.InterestExpressed) -> InterestState:
    return _between(state, event.text, "interests", "avoided_topics")


def _interest_avoided(state: InterestState, event: ev.InterestAvoided) -> InterestState:
    return _between(state, event.text, "avoided_topics", "interests")


def _belief_removed(state: InterestState, event: ev.BeliefRemoved) -> InterestState:
    """The belief dropped, and with it the user's latest words (the text model must not bring
    back what the user removed); an unknown id changes nothing."""
    after = state._without_belief(event.belief_id)
    return state if after == state else replace(after, said=())


# how each event type changes the state (InterestState.apply; subclasses use their base's step)
_STEPS: dict[type, Callable[[InterestState, Any], InterestState]] = {
    ev.UserSaid: _said,
    ev.ItemsRecommended: _recommended,
    ev.ItemsDiscussed: lambda state, event: replace(
        state,
        discussed=tuple(event.item_ids),
        asked_topic=event.topic,
        asked_at=state.turns,
    ),
    ev.ItemLiked: _liked,
    ev.SimilarRequested: _liked,
    ev.ItemRejected: _rejected,
    ev.ItemSeen: _seen,
    ev.AttributePreferred: _wished,
    ev.AttributeRefined: _refined,
    ev.AttributeAvoided: _avoided,
    ev.ConstraintSet: _constraint_set,
    ev.ConstraintCleared: _constraint_cleared,
    ev.InterestExpressed: _interest,
    ev.InterestAvoided: _interest_avoided,
    ev.ExplorationRequested: lambda state, event: replace(state, explore=True),
    ev.RepeatsAllowed: lambda state, event: replace(state, allow_repeats=True),
    ev.BeliefRemoved: _belief_removed,
    ev.StateReset: lambda state, event: InterestState(turns=state.turns),
}


def fold(events: Iterable[ev.Event], initial: InterestState | None = None) -> InterestState:
    """Replay events into a state."""
    state = initial or InterestState()
    for event in events:
        state = state.apply(event)
    return state


def facet_value_label(facet: str, value: str) -> str:
    """A facet value as users read it: language and country codes become names."""
    if facet == "language":
        return f"{LANGUAGE_NAMES.get(value, value)}-language"
    if facet == "country":
        return f"made in {COUNTRY_NAMES.get(value, value)}"
    if facet == "person":
        return f"films with or by {value}"
    if facet in ("studio", "franchise"):
        return f"{value} films"
    return value


# kinds said as countable nouns, plural when turned down ('no horror', but 'no musicals')
_COUNT_KINDS = {
    "musical": "musicals",
    "western": "westerns",
    "documentary": "documentaries",
    "thriller": "thrillers",
    "biopic": "biopics",
    "remake": "remakes",
    "sequel": "sequels",
    "melodrama": "melodramas",
    "cartoon": "cartoons",
    "short film": "short films",
    # kinds said as a noun's modifier: 'without super hero' -> 'without superhero films'
    "super hero": "superhero films",
    "heist": "heist films",
    "disaster": "disaster films",
    "war": "war films",
    "spy": "spy films",
    "sport": "sports films",
    "slasher": "slashers",
    "romantic comedy": "romantic comedies",
}


def turned_down_label(facet: str, value: str) -> tuple[str, bool]:
    """(label, adjective) of a facet value turned down, as a reason or a lead-in says it after
    'no' / 'without' or, for an adjective, 'not': ('horror', False), ("children's films",
    False), ('dark', True), ('French-language', True), ('made in France', True). Names keep
    their case (studios, franchises, languages, countries, people); a kind of film is plural."""
    label = facet_value_label(facet, value)
    if facet not in ("studio", "franchise", "country", "language", "person"):
        label = label[:1].lower() + label[1:] if not label.isupper() else label
        label = re.sub(r"\b[A-Z][a-z]+(?:'s)?\b", lambda m: m.group().lower(), label)
    if re.search(r"\b(?:film|movie)$", label, re.IGNORECASE):
        label += "s"  # 'no family films'
    elif label in _COUNT_KINDS:
        label = _COUNT_KINDS[label]  # 'without musicals', not 'without musical'
    adjective = facet == "mood" or label.startswith("made in ") or label.endswith("-language")
    return label, adjective


def _constraint_sentences(constraints: Mapping[str, Any]) -> list[str]:
    c = dict(constraints)
    out: list[str] = []
    if "year_min" in c and "year_max" in c:
        lo, hi = int(c.pop("year_min")), int(c.pop("year_max"))
        out.append(f"Only from {lo}." if lo == hi else f"Only from {lo} to {hi}.")
    out.extend(constraint_label(name, value) + "." for name, value in c.items())
    return out


def _facet_beliefs(kind: str, pairs: Iterable[tuple[str, str]], template: str) -> list[Belief]:
    return [
        Belief(facet_belief_id(kind, f, v), template.format(facet_value_label(f, v)))
        for f, v in pairs
    ]


def facet_belief_id(kind: str, facet: str, value: str) -> str:
    """The id of the belief that `facet` = `value` is 'preferred' or 'avoided' (for a
    BeliefRemoved event)."""
    return _bid(kind, facet, value)


def interest_belief_id(text: str) -> str:
    """The id of the belief that the user is interested in the free-text topic `text` (for a
    BeliefRemoved event)."""
    return _bid("interest", text)


def item_belief_id(kind: str, item_id: str) -> str:
    """The id of the belief that an item is 'liked', 'disliked' or 'seen' (for BeliefRemoved)."""
    return _bid(kind, item_id)


def belief_id_of(event: ev.Event) -> str | None:
    """The id of the belief `event` creates (liked / disliked / seen item, preferred / avoided
    facet value, topic wished or avoided, constraint), or None for an event that creates none
    (a request, a removal). Used to take a message's beliefs back ('scratch that')."""
    if isinstance(event, ev.ItemLiked):
        return _bid("liked", event.item_id)
    if isinstance(event, ev.ItemRejected):
        return _bid("disliked", event.item_id)
    if isinstance(event, ev.ItemSeen):
        return _bid("seen", event.item_id)
    if isinstance(event, ev.AttributeAvoided):
        return _bid("avoided", event.facet, event.value)
    if isinstance(event, ev.AttributePreferred):
        return _bid("preferred", event.facet, event.value)
    if isinstance(event, ev.InterestExpressed):
        return _bid("interest", event.text)
    if isinstance(event, ev.InterestAvoided):
        return _bid("avoided-topic", event.text)
    if isinstance(event, ev.ConstraintSet):
        return _bid("constraint", event.name)
    return None


def _bid(kind: str, *key: str) -> str:
    digest = hashlib.sha1("\x1f".join(key).encode("utf-8")).hexdigest()[:10]
    return f"{kind}-{digest}"


def _add(seq: tuple[Any, ...], *values: Any) -> tuple[Any, ...]:
    return seq + tuple(v for i, v in enumerate(values) if v not in seq and v not in values[:i])


def _drop(seq: tuple[Any, ...], value: Any) -> tuple[Any, ...]:
    return tuple(v for v in seq if v != value)


def _title(titles: Mapping[str, str], item_id: str, title: str) -> Mapping[str, str]:
    if not title or titles.get(item_id) == title:
        return titles
    return {**titles, item_id: title}
