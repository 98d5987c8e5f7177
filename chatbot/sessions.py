"""Session stores: where each session's append-only event log lives, plus per-session locking."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Protocol

from chatbot.errors import ConfigError

if TYPE_CHECKING:
    from chatbot.config import Settings

Event = dict[str, Any]  # an event serialised to plain data (see chatbot.events)


class SessionStore(Protocol):
    """Durable event logs keyed by session id."""

    def load(self, session_id: str) -> list[Event]:
        """All events of a session in order ([] for an unknown or expired session)."""
        ...

    def append(self, session_id: str, events: Sequence[Event]) -> None:
        """Append events atomically (all or none) and refresh the session's expiry."""
        ...

    def delete(self, session_id: str) -> None:
        """Forget a session entirely."""
        ...


class MemorySessionStore:
    """In-process store (tests, single-process embedding); expires idle sessions."""

    def __init__(
        self, ttl_s: float = 7 * 24 * 3600, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._ttl = ttl_s
        self._clock = clock
        self._logs: dict[str, list[Event]] = {}
        self._touched: dict[str, float] = {}
        self._lock = threading.Lock()

    def load(self, session_id: str) -> list[Event]:
        with self._lock:
            self._expire(session_id)
            return [dict(e) for e in self._logs.get(session_id, [])]

    def append(self, session_id: str, events: Sequence[Event]) -> None:
        with self._lock:
            self._expire(session_id)
            self._logs.setdefault(session_id, []).extend(dict(e) for e in events)
            self._touched[session_id] = self._clock()

    def delete(self, session_id: str) -> None:
        with self._lock:
            self._logs.pop(session_id, None)
            self._touched.pop(session_id, None)

    def _expire(self, session_id: str) -> None:
        touched = self._touched.get(session_id)
        if touched is not None and self._clock() - touched > self._ttl:
            self._logs.pop(session_id, None)
            self._touched.pop(session_id, None)


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
    """The session store named by `settings.store`: "memory", "sqlite" (default) or "redis"."""
    makers: dict[str, Callable[[Settings], SessionStore]] = {
        "memory": lambda s: MemorySessionStore(ttl_s=s.session_ttl_s),
        "sqlite": _make_sqlite_store,
        "redis": _make_redis_store,
    }
    maker = makers.get(settings.store)
    if maker is None:
        known = ", ".join(sorted(makers))
        raise ConfigError(f"unknown session store {settings.store!r}; known stores: {known}")
    return maker(settings)


def _make_sqlite_store(settings: Settings) -> SessionStore:
    from chatbot.backends.store_sqlite import SqliteSessionStore

    return SqliteSessionStore(settings.sqlite_path, ttl_s=settings.session_ttl_s)


def _make_redis_store(settings: Settings) -> SessionStore:
    from chatbot.backends.store_redis import RedisSessionStore

    return RedisSessionStore(settings.redis_url, ttl_s=settings.session_ttl_s)
