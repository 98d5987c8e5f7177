"""Session stores: where each session's append-only event log lives, plus per-session locking."""

from __future__ import annotations

import contextvars
import json
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from chatbot.errors import BackendError
from chatbot.protocols import Event, SessionStore
from chatbot.registry import Family, registry

if TYPE_CHECKING:
    from chatbot.config import Settings

# The Idempotency-Key of the request being served: a store's append() records it in the same
# transaction as the turn's events, so a retried request is recognised even after a crash.
_IDEMPOTENCY_KEY: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "idempotency_key", default=None
)
# how many idempotency records a session keeps (the oldest are dropped)
IDEMPOTENCY_KEYS_KEPT = 32


@contextmanager
def idempotency_key(key: str | None) -> Iterator[None]:
    """Within this block (and worker threads started from it) appends record `key`."""
    token = _IDEMPOTENCY_KEY.set(key)
    try:
        yield
    finally:
        _IDEMPOTENCY_KEY.reset(token)


def current_idempotency_key() -> str | None:
    """The Idempotency-Key an append should record, if any (see idempotency_key())."""
    return _IDEMPOTENCY_KEY.get()


def dump_event(event: Event) -> str:
    """The one serialisation of a stored event (compact JSON, ASCII escapes: a lone surrogate
    from hostile input stays storable and round-trips); BackendError when not serialisable."""
    try:
        return json.dumps(event, ensure_ascii=True, separators=(",", ":"))
    except (TypeError, ValueError) as e:
        raise BackendError(
            f"event of type {event.get('type')!r} is not JSON-serialisable ({e}); "
            "serialise events with chatbot.events.event_to_dict"
        ) from e


UNREADABLE = "UnreadableEvent"  # the type load_event gives a damaged stored row


def load_event(body: str | bytes) -> Event:
    """The inverse of dump_event. A damaged row (not JSON, or not a JSON object) loads as
    {"type": UNREADABLE, "error": ...}: event_from_dict refuses it with EventFormatError, so the
    dialogue manager skips that one record and keeps the rest of the session (never a raw
    JSONDecodeError, and never a whole session lost to one row)."""
    try:
        event = json.loads(body)
    except (ValueError, UnicodeDecodeError) as e:
        return {"type": UNREADABLE, "error": f"not valid JSON ({e})"}
    if not isinstance(event, dict):
        return {"type": UNREADABLE, "error": f"a {type(event).__name__}, not a JSON object"}
    return event


def dump_reply(record: Mapping[str, Any]) -> str:
    """The one serialisation of an idempotency record (a stored reply, or the record holding
    it), in every store: compact ASCII JSON like dump_event; BackendError when not
    serialisable (never a raw TypeError)."""
    try:
        return json.dumps(record, ensure_ascii=True, separators=(",", ":"))
    except (TypeError, ValueError) as e:
        raise BackendError(f"idempotency record is not JSON-serialisable ({e})") from e


def load_reply(body: str | bytes) -> dict[str, Any]:
    """The inverse of dump_reply: the JSON object stored; BackendError for a damaged record
    (not JSON, or not a JSON object), never a raw JSONDecodeError."""
    try:
        record = json.loads(body)
    except (ValueError, UnicodeDecodeError) as e:
        raise BackendError(f"stored idempotency record is not valid JSON ({e})") from e
    if not isinstance(record, dict):
        raise BackendError(f"stored idempotency record is a {type(record).__name__}, not an object")
    return record


class MemorySessionStore:
    """In-process store (tests, single-process embedding); expires idle sessions."""

    def __init__(
        self, ttl_s: float = 7 * 24 * 3600, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._ttl = ttl_s
        self._clock = clock
        self._logs: dict[str, list[str]] = {}  # serialised as the other stores do
        self._touched: dict[str, float] = {}
        self._keys: dict[str, dict[str, str | None]] = {}  # replies serialised by dump_reply
        self._lock = threading.Lock()

    def load(self, session_id: str) -> list[Event]:
        with self._lock:
            self._expire(session_id)
            return [load_event(body) for body in self._logs.get(session_id, [])]

    def append(self, session_id: str, events: Sequence[Event]) -> None:
        with self._lock:
            self._expire(session_id)
            bodies = [dump_event(e) for e in events]  # all or nothing, like the other stores
            self._logs.setdefault(session_id, []).extend(bodies)
            self._touched[session_id] = self._clock()
            key = current_idempotency_key()
            if key is not None:
                keys = self._keys.setdefault(session_id, {})
                keys[key] = None
                while len(keys) > IDEMPOTENCY_KEYS_KEPT:
                    del keys[next(iter(keys))]

    def delete(self, session_id: str) -> None:
        with self._lock:
            self._drop(session_id)

    def purge_expired(self) -> int:
        """Sweep every session idle for longer than the TTL; returns how many were removed."""
        with self._lock:
            now = self._clock()
            old = [sid for sid, t in self._touched.items() if now - t > self._ttl]
            for sid in old:
                self._drop(sid)
        return len(old)

    def check(self) -> None:
        """Always ready: the memory store cannot become unreachable."""

    def idempotent_reply(self, session_id: str, key: str) -> tuple[bool, Event | None]:
        with self._lock:
            self._expire(session_id)
            keys = self._keys.get(session_id, {})
            if key not in keys:
                return False, None
            reply = keys[key]
            return True, load_reply(reply) if reply is not None else None

    def save_idempotent_reply(self, session_id: str, key: str, reply: Event) -> None:
        body = dump_reply(reply)  # BackendError before anything is kept, as in the other stores
        with self._lock:
            keys = self._keys.get(session_id)
            if keys is not None and key in keys:
                keys[key] = body

    def _drop(self, session_id: str) -> None:
        self._logs.pop(session_id, None)
        self._touched.pop(session_id, None)
        self._keys.pop(session_id, None)

    def _expire(self, session_id: str) -> None:
        touched = self._touched.get(session_id)
        if touched is not None and self._clock() - touched > self._ttl:
            self._drop(session_id)


class SessionLocks:
    """One lock per session id, so turns of the same session run one at a time."""

    def __init__(self) -> None:
        self._locks: dict[str, threading.Lock] = {}
        self._users: dict[str, int] = {}
        self._guard = threading.Lock()

    @contextmanager
    def hold(self, session_id: str) -> Iterator[None]:
        with self._guard:
            lock = self._locks.setdefault(session_id, threading.Lock())
            self._users[session_id] = self._users.get(session_id, 0) + 1
        try:
            with lock:
                yield
        finally:
            with self._guard:
                self._users[session_id] -= 1
                if not self._users[session_id]:
                    del self._users[session_id], self._locks[session_id]


def make_store(settings: Settings) -> SessionStore:
    """The session store named by `settings.store` (chatbot.registry): "memory", "sqlite"
    (default), "redis" or a plugin's; ConfigError lists the known stores."""
    store: SessionStore = registry().create(Family.STORE, settings)
    return store
