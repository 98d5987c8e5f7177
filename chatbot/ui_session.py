"""Server-side state of the web UI: what each browser session shows, and its jobs, in order.

Why this exists: a Gradio event that streams writes whole component values, and two events that
write the same chat at once (a reply still streaming, a click on a card) end with the older copy
drawn last. Here every browser session has one `SessionView` (chat, cards, panel, status) that
only its own worker thread changes, one job at a time (turns, Start over, Forget me, belief
removal), and every tab of the session draws the view through one long-lived stream that only
ever shows the newest version. Typing during a reply queues the message; Stop ends the model's
generation and keeps the turn's items. No Gradio imports: tests drive this with plain threads.
"""

from __future__ import annotations

import logging
import re
import threading
import time
import uuid
from collections import OrderedDict, deque
from collections.abc import Callable, Generator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from chatbot.errors import ChatbotError
from chatbot.kinds import FeedbackKind, ReplyKind
from chatbot.ui_render import (
    EMPTY_PANEL,
    clean_genres,
    feedback_message,
    item_label,
    literal_text,
    render_cards,
    render_panel,
    reply_markdown,
    reply_text,
    turn_status,
)
from chatbot.ui_stop import StoppableChatModel, StopSignal

if TYPE_CHECKING:
    from chatbot.catalog import Catalog, Item
    from chatbot.dialogue import Reply
    from chatbot.interest import Belief, InterestState

log = logging.getLogger("chatbot.ui")

STOPPED_NOTE = "_(stopped)_"
# More turns than this at once (over all sessions) only make every reply slower on a small CPU.
TURN_SLOTS = 2
MAX_VIEWS = 2000
_BOLD = re.compile(r"\*\*(.+?)\*\*")


# what a manager streams for one turn: text deltas, then exactly one Reply
TurnStream = Generator["str | Reply", None, None]


class Manager(Protocol):
    """The part of chatbot.dialogue.DialogueManager the UI uses."""

    catalog: Catalog

    def stream(self, session_id: str, text: str) -> TurnStream: ...

    def stream_feedback(self, session_id: str, item_id: str, kind: FeedbackKind) -> TurnStream: ...

    def stream_explain(self, session_id: str, item_id: str) -> TurnStream: ...

    def state(self, session_id: str) -> InterestState: ...

    def remove_belief(self, session_id: str, belief_id: str) -> InterestState: ...

    def reset(self, session_id: str) -> InterestState: ...

    def forget(self, session_id: str) -> None: ...


def new_session_id() -> str:
    """A fresh, unguessable session id for a browser."""
    return str(uuid.uuid4())


def valid_session_id(value: object) -> str | None:
    """The id if it is a UUID this UI could have issued (from browser storage), else None."""
    if not isinstance(value, str):
        return None
    try:
        return str(uuid.UUID(value))
    except ValueError:
        return None


def named_labels(text: str, labels: Mapping[str, Any]) -> list[str]:
    """Catalogue labels the reply text names so far, in order: the writer opens each pick with
    its bold 'Title (Year)' (and the grounding check lets no other title through)."""
    found = [m.group(1).strip() for m in _BOLD.finditer(text)]
    return list(dict.fromkeys(label for label in found if label in labels))


# --- loading ------------------------------------------------------------------------------


class ManagerSource:
    """The dialogue manager, possibly still loading (catalogue, index, models) in a thread."""

    def __init__(self, manager: Manager | None = None) -> None:
        self.manager = manager
        self.error: str | None = None
        self.stage = "Loading the catalogue, the search index and the language model…"
        self.ready = threading.Event()
        self.meta: dict[str, Any] = {}  # catalogue metadata known before the manager loads
        self.signal = StopSignal()  # shared with the StoppableChatModel the loader wraps
        if manager is not None:
            self.ready.set()

    def load_in_background(self, load: Callable[[ManagerSource], Manager]) -> threading.Thread:
        """Run `load(self)` in a thread; it may update `stage`; ready is set when it ends."""

        def run() -> None:
            try:
                self.manager = load(self)
            except ChatbotError as e:
                self.error = str(e)
            except Exception as e:  # a broken install must show on the page, not only in logs
                log.exception("loading the dialogue manager failed")
                self.error = f"{type(e).__name__}: {e}"
            finally:
                self.ready.set()

        thread = threading.Thread(target=run, name="ui-load", daemon=True)
        thread.start()
        return thread

    def get(self) -> Manager | None:
        """The manager once loaded without error, else None."""
        return self.manager if self.ready.is_set() and self.error is None else None


# --- what a session shows -----------------------------------------------------------------


@dataclass(frozen=True)
class Snapshot:
    """One consistent picture of a session for the page (all strings ready to draw)."""

    version: int
    session_id: str
    history: tuple[dict[str, str], ...]
    cards_html: str
    panel_html: str
    status_html: str
    running: bool
    card_ids: tuple[str, ...]


@dataclass
class _Job:
    kind: str  # turn | reset | forget | remove_belief | restore
    said: str = ""  # the user's bubble (plain text) for a turn
    start: Callable[[Manager], TurnStream] | None = None
    arg: str = ""
    bubble: dict[str, str] | None = None  # its user message in the chat (found by identity)
    prior_cards: list[dict[str, Any]] = field(default_factory=list)  # shown when it started
    epoch: int = 0


@dataclass
class _Timing:
    first_text_s: float | None = None
    total_s: float | None = None


@dataclass
class SessionView:
    """Everything one browser session shows; changed only under `lock`, by its worker."""

    session_id: str
    history: list[dict[str, str]] = field(default_factory=list)
    cards: list[dict[str, Any]] = field(default_factory=list)
    summary: str = ""
    beliefs: list[dict[str, str]] = field(default_factory=list)
    status_text: str = ""
    status_state: str = "idle"
    turn: int = 0
    timing: _Timing = field(default_factory=_Timing)
    version: int = 0
    moved_to: str | None = None
    last_used: float = field(default_factory=time.monotonic)
    lock: threading.RLock = field(default_factory=threading.RLock)
    jobs: deque[_Job] = field(default_factory=deque)
    worker: threading.Thread | None = None
    running: _Job | None = None
    stop: threading.Event = field(default_factory=threading.Event)
    epoch: int = 0  # raised by Start over / Forget me: older jobs stop drawing
    restored: bool = False

    def bump(self) -> None:
        self.version += 1
        self.last_used = time.monotonic()

    def snapshot(self) -> Snapshot:
        """A copy of what to draw now."""
        with self.lock:
            waiting = sum(1 for j in self.jobs if j.kind == "turn")
            text = self.status_text
            if waiting and self.status_state in ("running", "queued"):
                text += f" ({waiting} more waiting)"
            status = turn_status(
                text,
                self.turn,
                state=self.status_state,
                first_text_s=self.timing.first_text_s,
                total_s=self.timing.total_s,
            )
            return Snapshot(
                version=self.version,
                session_id=self.session_id,
                history=tuple(dict(m) for m in self.history),
                cards_html=render_cards(self.cards),
                panel_html=render_panel(self.summary, self.beliefs),
                status_html=status,
                running=self.running is not None and self.running.kind == "turn",
                card_ids=tuple(str(c.get("id")) for c in self.cards),
            )


class Sessions:
    """All SessionViews of the app, and the jobs that change them (one worker per session)."""

    def __init__(
        self, source: ManagerSource, *, max_chars: int, turn_slots: int = TURN_SLOTS
    ) -> None:
        self.source = source
        self.max_chars = max_chars
        self.turn_slots = threading.BoundedSemaphore(turn_slots)
        self.signal = source.signal
        self._views: OrderedDict[str, SessionView] = OrderedDict()
        self._moved: OrderedDict[str, str] = OrderedDict()  # forgotten id -> the new one
        self._lock = threading.Lock()
        self._labels: dict[str, Item] | None = None
        self._has_votes: bool | None = None
        self.tabs = 0  # page streams open now (the app counts them; tests read it)

    # -- lookup --

    def view(self, session_id: str) -> SessionView:
        """The view of a session (created empty; filled from the store once loaded)."""
        with self._lock:
            while session_id in self._moved:
                session_id = self._moved[session_id]
            view = self._views.get(session_id)
            created = view is None
            if view is None:
                view = SessionView(session_id)
                self._views[session_id] = view
                while len(self._views) > MAX_VIEWS:
                    old_id, old = next(iter(self._views.items()))
                    if old.worker is not None:
                        break
                    del self._views[old_id]
            self._views.move_to_end(session_id)
        if created:
            self._enqueue(view, _Job("restore"))
        return view

    def follow(self, view: SessionView) -> SessionView:
        """The view a tab should draw: `view`, or where Forget me moved it."""
        return self.view(view.moved_to) if view.moved_to else view

    # -- user actions (fast: they queue jobs) --

    def send(self, session_id: str, text: str | None) -> str | None:
        """Queue a typed message; returns a notice for the user instead when it cannot be sent
        (empty, too long, the recommender failed to load). The text is shown in the chat at
        once; sent while the models still load (an example prompt), it waits for them."""
        text = (text or "").strip()
        if not text:
            return None
        if len(text) > self.max_chars:
            return (
                f"Your message is {len(text):,} characters long; the limit is "
                f"{self.max_chars:,}. Please shorten it; your text is still in the box."
            )
        if self.source.ready.is_set() and self.source.get() is None:
            return f"The recommender did not load ({self.source.error}); please reload later."
        view = self.view(session_id)
        self._enqueue_turn(view, text, lambda m: m.stream(view.session_id, text))
        return None

    def card_action(self, session_id: str, act: str, item_id: str) -> str | None:
        """A card button: like | dislike | seen | why | more, on the item the card shows."""
        manager = self.source.get()
        if manager is None:
            return "Still loading; please try again in a moment."
        try:
            item = manager.catalog.get(item_id)
        except ChatbotError as e:
            return str(e)
        label = item.label
        view = self.view(session_id)
        if act in tuple(FeedbackKind):
            kind = FeedbackKind(act)
            self._enqueue_turn(
                view,
                feedback_message(kind, label),
                lambda m: m.stream_feedback(view.session_id, item.id, kind),
            )
        elif act == "why":  # a question about this exact item: no text to parse back
            from chatbot.reply_framing import why_said  # (imports the ranker: not at startup)

            said = why_said(label)
            self._enqueue_turn(view, said, lambda m: m.stream_explain(view.session_id, item.id))
        elif act == "more":
            said = f"More like {label}"
            self._enqueue_turn(view, said, lambda m: m.stream(view.session_id, said))
        else:
            return f"Unknown card action {act!r}."
        return None

    def remove_belief(self, session_id: str, belief_id: str) -> None:
        """Queue the removal of one belief (after any running turn)."""
        self._enqueue(self.view(session_id), _Job("remove_belief", arg=belief_id))

    def stop(self, session_id: str) -> None:
        """Stop the running reply: the model stops, the turn keeps its items."""
        view = self.view(session_id)
        with view.lock:
            if view.running is not None and view.running.kind == "turn":
                view.stop.set()

    def start_over(self, session_id: str) -> None:
        """Drop queued messages, stop the running reply without drawing it, reset the state."""
        view = self.view(session_id)
        self._preempt(view, "Starting over…")
        self._enqueue(view, _Job("reset", epoch=view.epoch))

    def forget(self, session_id: str) -> str:
        """Delete the session everywhere (store and this UI); returns the id that replaces it,
        which every tab of the session moves to at once."""
        view = self.view(session_id)
        new_id = new_session_id()
        self._preempt(view, "Deleting…")
        with self._lock:
            self._moved[view.session_id] = new_id
            while len(self._moved) > MAX_VIEWS:
                self._moved.popitem(last=False)
        fresh = self.view(new_id)
        with fresh.lock:
            fresh.status_text = "Everything I knew about you is deleted."
            fresh.restored = True
            fresh.bump()
        self._enqueue(view, _Job("forget", epoch=view.epoch))
        with view.lock:
            view.moved_to = new_id
            view.bump()
        return new_id

    # -- jobs --

    def _preempt(self, view: SessionView, status: str) -> None:
        with view.lock:
            view.epoch += 1
            view.jobs = deque(j for j in view.jobs if j.kind not in ("turn", "remove_belief"))
            if view.running is not None and view.running.kind == "turn":
                view.stop.set()
            view.status_text, view.status_state = status, "running"
            view.bump()

    def _enqueue_turn(
        self, view: SessionView, said: str, start: Callable[[Manager], TurnStream]
    ) -> None:
        with view.lock:
            bubble = {"role": "user", "content": literal_text(said)}
            view.history.append(bubble)
            job = _Job("turn", said=said, start=start, bubble=bubble)
            job.epoch = view.epoch
            busy = view.running is not None or bool(view.jobs)
            if busy and view.status_state != "running":
                view.status_text, view.status_state = "Waiting…", "queued"
            view.bump()
        self._enqueue(view, job)

    def _enqueue(self, view: SessionView, job: _Job) -> None:
        with view.lock:
            if job.kind == "restore":
                view.jobs.appendleft(job)
            else:
                if job.epoch == 0:
                    job.epoch = view.epoch
                view.jobs.append(job)
            if view.worker is None:
                view.worker = threading.Thread(
                    target=self._work, args=(view,), name="ui-session", daemon=True
                )
                view.worker.start()

    def _work(self, view: SessionView) -> None:
        self.source.ready.wait()
        while True:
            with view.lock:
                if not view.jobs:
                    view.worker = None
                    view.running = None
                    return
                job = view.jobs.popleft()
                view.running = job
                view.stop.clear()
            try:
                manager = self.source.get()
                if manager is None:
                    self._fail(view, job, self.source.error or "the recommender did not load")
                else:
                    self._run(view, job, manager)
            except Exception:  # one bad job must not end the worker and strand the queue
                log.exception("UI job %s failed in session %s", job.kind, view.session_id)
                self._fail(view, job, "Something went wrong on our side; please try again.")
            finally:
                with view.lock:
                    view.running = None
                    view.bump()

    def _fail(self, view: SessionView, job: _Job, message: str) -> None:
        with view.lock:
            if job.kind == "turn" and job.epoch == view.epoch:
                at = next((i for i, m in enumerate(view.history) if m is job.bubble), None)
                answer = {"role": "assistant", "content": reply_text(message)}
                if at is not None and at + 1 < len(view.history):
                    if view.history[at + 1].get("content") == "…":
                        view.history[at + 1] = answer
                    else:
                        view.history.insert(at + 1, answer)
                else:
                    view.history.append(answer)
            view.status_text, view.status_state = message, "done"
            view.bump()

    def _run(self, view: SessionView, job: _Job, manager: Manager) -> None:
        sid = view.session_id
        if job.kind == "restore":
            state = manager.state(sid)
            with view.lock:
                if view.restored:
                    return
                view.restored = True
                self._set_panel(view, state.summary(), state.beliefs())
                if view.beliefs and not view.history:
                    view.history.append(
                        {
                            "role": "assistant",
                            "content": "Welcome back. I still know what you told me "
                            "(see the panel); say what you feel like watching.",
                        }
                    )
                view.bump()
        elif job.kind == "turn":
            self._turn(view, job, manager)
        elif job.kind == "remove_belief":
            try:
                state = manager.remove_belief(sid, job.arg)
            except ChatbotError as e:
                message = f"That line is no longer there ({e})."
                with view.lock:
                    view.status_text, view.status_state = message, "done"
                    view.bump()
                return
            with view.lock:
                self._set_panel(view, state.summary(), state.beliefs())
                view.status_text, view.status_state = "Forgotten.", "done"
                view.bump()
        elif job.kind == "reset":
            state = manager.reset(sid)
            with view.lock:
                if job.epoch == view.epoch:
                    view.history, view.cards = [], []
                    self._set_panel(view, state.summary(), state.beliefs())
                    view.status_text, view.status_state = "Started over.", "idle"
                    view.timing = _Timing()
                    view.bump()
        elif job.kind == "forget":
            manager.forget(sid)
            with self._lock:
                self._views.pop(sid, None)
            with view.lock:
                view.history, view.cards, view.beliefs, view.summary = [], [], [], ""
                view.bump()

    @staticmethod
    def _set_panel(view: SessionView, summary: str, beliefs: Sequence[Belief]) -> None:
        view.summary = summary
        view.beliefs = [{"id": str(b.id), "label": str(b.label)} for b in beliefs]

    # -- a turn --

    def _turn(self, view: SessionView, job: _Job, manager: Manager) -> None:
        assert job.start is not None
        started = time.monotonic()
        with view.lock:
            if job.epoch != view.epoch:
                return  # Start over / Forget me came first
            view.turn += 1
            turn = view.turn
            # the answer goes right under its own message (queued ones may follow it)
            at = next((i for i, m in enumerate(view.history) if m is job.bubble), None)
            slot = len(view.history) if at is None else at + 1
            view.history.insert(slot, {"role": "assistant", "content": "…"})
            view.timing = _Timing()
            job.prior_cards = list(view.cards)
            view.status_text, view.status_state = "Thinking…", "running"
            view.bump()
        with self.turn_slots:
            self.signal.bind(view.stop)
            try:
                self._stream_turn(view, job, manager, turn, slot, started)
            finally:
                self.signal.bind(None)

    def _stream_turn(
        self,
        view: SessionView,
        job: _Job,
        manager: Manager,
        turn: int,
        slot: int,
        started: float,
    ) -> None:
        assert job.start is not None
        shown = ""
        stopped_at: str | None = None
        named: list[str] = []
        try:
            stream = job.start(manager)
        except ChatbotError as e:
            self._end_turn(view, job, slot, turn, f"⚠ {e}", None, started, error=True)
            return
        try:
            for chunk in stream:
                if job.epoch != view.epoch:  # Start over / Forget me: draw nothing more
                    stream.close()
                    return
                if isinstance(chunk, str):
                    shown += chunk
                    if view.stop.is_set():
                        stopped_at = shown if stopped_at is None else stopped_at
                        continue
                    with view.lock:
                        if view.timing.first_text_s is None and shown.strip():
                            view.timing.first_text_s = time.monotonic() - started
                        view.history[slot] = {"role": "assistant", "content": reply_text(shown)}
                        self._show_named(view, job, shown, named, manager)
                        view.bump()
                    continue
                if stopped_at is None and view.stop.is_set():
                    stopped_at = shown
                text = reply_markdown(
                    chunk.text if stopped_at is None else stopped_at, chunk.notices
                )
                if stopped_at is not None:
                    text = (text + "\n\n" + STOPPED_NOTE).strip()
                self._end_turn(view, job, slot, turn, reply_text(text), chunk, started)
                return
        except ChatbotError as e:
            self._end_turn(view, job, slot, turn, f"⚠ {e}", None, started, error=True)
            return
        log.error("manager stream for session %s ended without a reply", view.session_id)
        self._end_turn(
            view, job, slot, turn, "No reply came back; please try again.", None, started, True
        )

    def _show_named(
        self, view: SessionView, job: _Job, text: str, named: list[str], manager: Manager
    ) -> None:
        """Cards follow the text: once it names a pick (its bold 'Title (Year)' heading), the
        picks named so far replace the previous turn's cards."""
        labels = self._label_index(manager)
        # a film already on a card is being talked about (an answer), not newly picked
        shown = {item_label(c) for c in job.prior_cards}
        new = [
            label
            for label in named_labels(text, labels)
            if label not in named and label not in shown
        ]
        if not new:
            return
        named.extend(new)
        view.cards = [self._card(labels[label], {}, manager) for label in named]

    def _label_index(self, manager: Manager) -> dict[str, Item]:
        if self._labels is None:
            self._labels = {item.label: item for item in manager.catalog}
        return self._labels

    def _card(self, item: Item, reply_item: Mapping[str, Any], manager: Manager) -> dict[str, Any]:
        """Card data: the catalogue's facts (clean genres, votes) plus the turn's reasons."""
        catalog = manager.catalog
        if self._has_votes is None:
            self._has_votes = any(getattr(i, "votes", 0) for i in catalog)
        has_votes = self._has_votes
        facets = catalog.facet_names()
        return {
            "id": item.id,
            "title": item.title,
            "year": item.year,
            "genres": clean_genres(item.genres, facets),
            "runtime": item.runtime,
            "rating": item.rating,
            "votes": (item.votes or 0) if has_votes else None,
            "description": item.description,
            "description_composed": item.description_composed,
            "trailer_url": item.trailer_url,
            "url": item.url,
            "price": item.price,
            "reason": str(reply_item.get("reason") or ""),
            "reasons": list(reply_item.get("reasons") or ()),
        }

    def _end_turn(
        self,
        view: SessionView,
        job: _Job,
        slot: int,
        turn: int,
        content: str,
        reply: Reply | None,
        started: float,
        error: bool = False,
    ) -> None:
        manager = self.source.get()
        with view.lock:
            if job.epoch != view.epoch:
                return
            view.history[slot] = {"role": "assistant", "content": content}
            took = time.monotonic() - started
            view.timing.total_s = took
            if view.timing.first_text_s is None:
                view.timing.first_text_s = took
            if reply is not None and manager is not None:
                data = reply.to_dict()  # the items' reasons as the API shows them
                items = data.get("items") or ()
                if items:
                    view.cards = [
                        self._card(manager.catalog.get(str(i["id"])), i, manager) for i in items
                    ]
                elif data.get("kind") == ReplyKind.NO_RESULTS:
                    view.cards = []  # the old cards may break the new limits
                else:  # 'thanks!', an answer about a pick: the cards stay as they were
                    view.cards = list(job.prior_cards)
                self._set_panel(view, str(data.get("summary") or ""), reply.state.beliefs())
            if error:
                view.status_text, view.status_state = "Not answered: see the message above.", "done"
            else:
                stopped = STOPPED_NOTE in content
                view.status_text = (
                    "Stopped after" if stopped else "Answered in"
                ) + f" {took:.1f} s"
                view.status_state = "done"
            view.bump()


__all__ = [
    "EMPTY_PANEL",
    "ManagerSource",
    "Sessions",
    "SessionView",
    "Snapshot",
    "StopSignal",
    "StoppableChatModel",
    "item_label",
    "new_session_id",
    "valid_session_id",
]
