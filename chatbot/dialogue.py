"""DialogueManager: a turn is load events, fold, understand, plan, write, append (wiring only).

What a turn does (its reply kind, picks, stored events, accepted input) is decided by the turn
policy (chatbot.turn_policy); the texts written without a model live in chatbot.reply_framing.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Generator, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from chatbot.catalog import Catalog, load_catalog
from chatbot.config import Settings
from chatbot.errors import ConfigError
from chatbot.events import (
    Event,
    EventFormatError,
    StateReset,
    event_from_dict,
    event_to_dict,
)
from chatbot.interest import InterestState, fold
from chatbot.kinds import FeedbackKind, ReplyKind
from chatbot.ranking import Ranker, Recommendation
from chatbot.reply_framing import language_reply, plain_reply, why_said
from chatbot.sessions import SessionLocks, SessionStore, make_store
from chatbot.turn_policy import (
    TurnPlan,
    belief_removal,
    check_message,
    feedback_events,
    feedback_kind,
    plan_turn,
    shown_reasons,
    user_turn_events,
)
from chatbot.understanding import Understander, Understanding

if TYPE_CHECKING:
    from chatbot.generation import ResponseWriter, Written
    from chatbot.retrieval import Retriever

log = logging.getLogger(__name__)


@dataclass(frozen=True, eq=False)
class Reply:
    """What one turn produced: text, the recommended items and the state after the turn."""

    session_id: str
    text: str
    items: tuple[Recommendation, ...]
    state: InterestState
    summary: str
    kind: ReplyKind
    notices: tuple[str, ...] = ()
    fell_back: bool = False

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able data (the HTTP API and UI use this shape)."""
        return {
            "session_id": self.session_id,
            "text": self.text,
            "items": [_item_dict(r) for r in self.items],
            "state": self.state.to_dict(),
            "summary": self.summary,
            "beliefs": [{"id": b.id, "label": b.label} for b in self.state.beliefs()],
            "kind": str(self.kind),
            "notices": list(self.notices),
            "fell_back": self.fell_back,
        }


def _item_dict(rec: Recommendation) -> dict[str, Any]:
    item = rec.item
    return {
        "id": item.id,
        "title": item.title,
        "year": item.year,
        "genres": list(item.genres),
        "runtime": item.runtime,
        "rating": item.rating,
        "description": item.description,
        "description_composed": item.description_composed,
        "trailer_url": item.trailer_url,
        "url": item.url,
        "image": item.image,
        "price": item.price,
        "reason": "; ".join(rec.reasons),
        "reasons": list(rec.reasons),
    }


class DialogueManager:
    """Runs turns for many sessions; per-session calls are serialised, sessions run concurrently."""

    def __init__(
        self,
        catalog: Catalog,
        retriever: Retriever,
        writer: ResponseWriter,
        store: SessionStore,
        settings: Settings,
        *,
        understander: Understander | None = None,
        ranker: Ranker | None = None,
    ) -> None:
        self.catalog = catalog
        self.retriever = retriever
        self.writer = writer
        self.store = store
        self.settings = settings
        self.understander = understander or Understander(catalog)
        self.ranker = ranker or Ranker(catalog, retriever, settings)
        self._locks = SessionLocks()
        self._title_labels: frozenset[str] | None = None

    @classmethod
    def from_settings(
        cls, settings: Settings, *, store: SessionStore | None = None, chat_model: Any = None
    ) -> DialogueManager:
        """Load the catalogue, open (or build) the index, build the writer and the session store."""
        from chatbot.generation import ResponseWriter, make_chat_model
        from chatbot.retrieval import Retriever

        catalog = load_catalog(settings.catalog_path, mapping=settings.catalog_mapping or None)
        retriever = Retriever.open(catalog, settings, progress=False)
        model = chat_model if chat_model is not None else make_chat_model(settings)
        writer = ResponseWriter(model, catalog, settings)
        retriever.embed_query("warm up")  # load the embedding model now, not in the first turn
        from chatbot.understanding.verdicts import load_default as load_verdicts

        # the verdict classifier `chatbot train verdicts` wrote under the settings' home, if any
        understander = Understander(catalog, verdicts=load_verdicts(settings.home / "verdicts"))
        understander.warm()  # and the NLP pipeline and language models
        return cls(
            catalog,
            retriever,
            writer,
            store if store is not None else make_store(settings),
            settings,
            understander=understander,
        )

    def respond(self, session_id: str, text: str) -> Reply:
        """Answer one user message."""
        return _last_reply(self.stream(session_id, text))

    def stream(self, session_id: str, text: str) -> Generator[str | Reply, None, None]:
        """Text deltas, then exactly one Reply; events are stored only when the turn completes.
        InputError for text that is not a message (see chatbot.turn_policy.check_message)."""
        text = check_message(text, self.settings.max_message_chars)
        with self._locks.hold(session_id):
            history = self._load(session_id)
            state = fold(history)
            understanding = self.understander.understand(text, state)
            new_events = user_turn_events(text, understanding)
            yield from self._turn(session_id, history, state, new_events, text, understanding)

    def feedback(self, session_id: str, item_id: str, kind: FeedbackKind | str) -> Reply:
        """A like / dislike / seen button: the same events as the equivalent typed message."""
        return _last_reply(self.stream_feedback(session_id, item_id, kind))

    def stream_feedback(
        self, session_id: str, item_id: str, kind: FeedbackKind | str
    ) -> Generator[str | Reply, None, None]:
        """Streaming variant of feedback(); InputError for an unknown kind, UnknownItemError for
        an unknown id."""
        feedback = feedback_kind(kind)
        events, said = feedback_events(self.catalog.get(item_id), feedback)
        understanding = Understanding(events=tuple(events), mentioned=(item_id,))
        with self._locks.hold(session_id):
            history = self._load(session_id)
            state = fold(history)
            yield from self._turn(
                session_id, history, state, events, said, understanding, ReplyKind.ACKNOWLEDGE
            )

    def explain(self, session_id: str, item_id: str) -> Reply:
        """Why `item_id` was picked (a card's "Why this one?" button): an `answer` reply."""
        return _last_reply(self.stream_explain(session_id, item_id))

    def stream_explain(self, session_id: str, item_id: str) -> Generator[str | Reply, None, None]:
        """Streaming variant of explain(): the same answer, through the same path, as a typed
        "why did you pick ...?" about that exact item, with no text to parse. Nothing is learned
        and no items are recommended (the cards stay). UnknownItemError for an unknown id."""
        from chatbot.understanding.core import Question

        item = self.catalog.get(item_id)
        said = why_said(item.label)
        understanding = Understanding(mentioned=(item.id,), question=Question("reason", (item.id,)))
        with self._locks.hold(session_id):
            history = self._load(session_id)
            new_events = user_turn_events(said, understanding)
            state = fold(history)
            yield from self._turn(session_id, history, state, new_events, said, understanding)

    def state(self, session_id: str) -> InterestState:
        """The current interest state of a session (empty for a new one)."""
        with self._locks.hold(session_id):
            return fold(self._load(session_id))

    def remove_belief(self, session_id: str, belief_id: str) -> InterestState:
        """Drop one belief (see InterestState.beliefs); InputError for an unknown id."""
        with self._locks.hold(session_id):
            state = fold(self._load(session_id))
            event = belief_removal(state, belief_id)
            self.store.append(session_id, [event_to_dict(event)])
            return state.apply(event)

    def reset(self, session_id: str) -> InterestState:
        """Start over: forget preferences (the log keeps the history)."""
        with self._locks.hold(session_id):
            state = fold(self._load(session_id))
            self.store.append(session_id, [event_to_dict(StateReset())])
            return state.apply(StateReset())

    def forget(self, session_id: str) -> None:
        """Delete the session entirely."""
        with self._locks.hold(session_id):
            self.store.delete(session_id)

    async def arespond(self, session_id: str, text: str) -> Reply:
        """respond() without blocking the event loop."""
        return await asyncio.to_thread(self.respond, session_id, text)

    async def afeedback(self, session_id: str, item_id: str, kind: FeedbackKind | str) -> Reply:
        """feedback() without blocking the event loop."""
        return await asyncio.to_thread(self.feedback, session_id, item_id, kind)

    async def astream(self, session_id: str, text: str) -> AsyncIterator[str | Reply]:
        """stream() without blocking the event loop (each step runs in a worker thread)."""
        async for part in _aiter(self.stream(session_id, text)):
            yield part

    async def astream_feedback(
        self, session_id: str, item_id: str, kind: FeedbackKind | str
    ) -> AsyncIterator[str | Reply]:
        """stream_feedback() without blocking the event loop."""
        async for part in _aiter(self.stream_feedback(session_id, item_id, kind)):
            yield part

    def _load(self, session_id: str) -> list[Event]:
        events: list[Event] = []
        for data in self.store.load(session_id):
            try:
                events.append(event_from_dict(data))
            except EventFormatError as e:
                # one damaged record must not cost the user the rest of the session
                log.warning("session %s: skipping an unreadable stored event: %s", session_id, e)
        return events

    def _turn(
        self,
        session_id: str,
        history: Sequence[Event],
        before: InterestState,
        new_events: Sequence[Event],
        text: str,
        understanding: Understanding,
        kind: ReplyKind | None = None,
    ) -> Iterator[str | Reply]:
        """Plan (chatbot.turn_policy), write, then store the turn's events and reply; `before`
        is the state `history` folds to."""
        plan = plan_turn(
            before,
            new_events,
            understanding,
            self.ranker,
            items=self.settings.items_per_turn,
            labels=self._labels(),
            kind=kind,
        )
        if plan.kind is ReplyKind.ANSWER and plan.asked is not None:
            from chatbot.answers import singled_out

            # 'which one is the longest?', then 'seen that one': the longest is meant
            one = singled_out(plan.asked, text, self.catalog)
            if one:
                plan = replace(plan, discussed=one)
        written = None
        for part in self._write(plan, text, history):
            if isinstance(part, str):
                yield part
            else:
                written = part
        events = plan.events(new_events)
        final_state = fold(events[len(new_events) :], plan.state)
        self.store.append(session_id, [event_to_dict(e) for e in events])
        yield Reply(
            session_id=session_id,
            text=written.text if written else "",
            items=plan.recommendations,
            state=final_state,
            summary=final_state.summary(),
            kind=plan.kind,
            notices=plan.notices,
            fell_back=bool(written and written.fell_back),
        )

    def _labels(self) -> frozenset[str]:
        """Every catalogue label and title: the titles a reason may name (built once)."""
        if self._title_labels is None:
            self._title_labels = frozenset(
                name for item in self.catalog for name in (item.label, item.title)
            )
        return self._title_labels

    def _write(
        self, plan: TurnPlan, text: str, history: Sequence[Event]
    ) -> Iterator[str | Written]:
        """The reply's text deltas, then one Written: answered kinds from the catalogue, the
        rest by the writer. A ConfigError (a broken prompt) propagates; any other failure of
        the writer becomes plain text, so that a turn still returns its items and keeps the
        session intact (the writer already falls back to template text on BackendError)."""
        from chatbot.generation import Written

        if plan.answered:
            said = self._answer(plan, text, history)
            yield said
            yield Written(text=said)
            return
        parts: list[str] = []
        opening = ""
        if plan.aside is not None:
            from chatbot.answers import answer

            # 'how long is Braveheart? if over 2 hours, a shorter war film': the answer first
            opening = answer(plan.aside, text, self.catalog, shown_reasons(history)) + "\n\n"
            parts.append(opening)
            yield opening
        request = plan.request(text)
        try:
            for part in self.writer.stream(request):
                if isinstance(part, str):
                    parts.append(part)
                elif opening:
                    part = replace(part, text=opening + part.text)
                yield part
        except ConfigError:
            raise  # the operator's to fix (HTTP 500 configuration_error), never template text
        except Exception as e:
            log.warning("response writer failed (%s); using plain text", type(e).__name__)
            plain = ("\n\n" if parts else "") + plain_reply(
                request.question, request.recommendations
            )
            yield plain
            yield Written(
                text="".join(parts) + plain,
                attempts=0,
                fell_back=True,
                backend_error=f"{type(e).__name__}: {e}",
            )

    def _answer(self, plan: TurnPlan, text: str, history: Sequence[Event]) -> str:
        """The answer to a question about items (with the reasons they were shown for), or to a
        message in a language we do not read."""
        from chatbot.answers import answer

        if plan.kind is ReplyKind.LANGUAGE:
            return language_reply(plan.language)
        assert plan.asked is not None  # kind answer
        return answer(plan.asked, text, self.catalog, shown_reasons(history))


def _last_reply(parts: Iterator[str | Reply]) -> Reply:
    reply: Reply | None = None
    for part in parts:
        if isinstance(part, Reply):
            reply = part
    assert reply is not None  # _turn always ends with a Reply
    return reply


async def _aiter(gen: Generator[str | Reply, None, None]) -> AsyncIterator[str | Reply]:
    sentinel = object()
    try:
        while True:
            part = await asyncio.to_thread(next, gen, sentinel)
            if part is sentinel:
                return
            yield part  # type: ignore[misc]
    finally:
        await asyncio.to_thread(gen.close)
