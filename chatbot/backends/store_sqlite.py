"""SQLite session store: one row per event, WAL journal, survives restarts (the app's default)."""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from chatbot.errors import BackendError, ConfigError
from chatbot.sessions import Event

log = logging.getLogger(__name__)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    session_id TEXT PRIMARY KEY,
    touched REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    session_id TEXT NOT NULL,
    body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_by_session ON events (session_id, seq);
CREATE INDEX IF NOT EXISTS sessions_by_touched ON sessions (touched);
"""


class SqliteSessionStore:
    """Event logs in a SQLite file; each append is one transaction; idle sessions expire.

    One connection guarded by a lock makes it thread-safe; WAL mode plus a busy timeout lets
    several processes share the file. `synchronous=FULL` (default) makes every acknowledged
    append survive a killed process and a power cut.
    """

    def __init__(
        self,
        path: str | Path,
        *,
        ttl_s: float = 7 * 24 * 3600,
        clock: Callable[[], float] = time.time,
        synchronous: str = "FULL",
        busy_timeout_s: float = 10.0,
    ) -> None:
        if synchronous.upper() not in {"OFF", "NORMAL", "FULL", "EXTRA"}:
            raise ConfigError(f"sqlite synchronous={synchronous!r}: use OFF, NORMAL, FULL or EXTRA")
        self.path = Path(path)
        self._ttl = ttl_s
        self._clock = clock
        self._lock = threading.Lock()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # isolation_level=None: we issue BEGIN/COMMIT ourselves (one transaction per call)
            self._db = sqlite3.connect(
                self.path, timeout=busy_timeout_s, isolation_level=None, check_same_thread=False
            )
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute(f"PRAGMA synchronous={synchronous.upper()}")
            self._db.executescript(_SCHEMA)
        except (OSError, sqlite3.Error) as e:
            raise BackendError(
                f"cannot open the session database {self.path}: {e}; check the path is writable "
                "(setting sqlite_path / CHATBOT_SQLITE_PATH) or use --store memory"
            ) from e

    def load(self, session_id: str) -> list[Event]:
        """All events of a session in order ([] for an unknown or expired session)."""
        with self._transaction("load") as db:
            if self._expired(db, session_id):
                _delete(db, session_id)
                log.debug("session %s expired after %.0f s idle", session_id, self._ttl)
                return []
            rows = db.execute(
                "SELECT body FROM events WHERE session_id = ? ORDER BY seq", (session_id,)
            ).fetchall()
        return [json.loads(body) for (body,) in rows]

    def append(self, session_id: str, events: Sequence[Event]) -> None:
        """Append events in one transaction (all or none) and refresh the session's expiry."""
        bodies = [(session_id, _dump(e)) for e in events]
        with self._transaction("append") as db:
            if self._expired(db, session_id):
                _delete(db, session_id)
            db.executemany("INSERT INTO events (session_id, body) VALUES (?, ?)", bodies)
            db.execute(
                "INSERT INTO sessions (session_id, touched) VALUES (?, ?) "
                "ON CONFLICT(session_id) DO UPDATE SET touched = excluded.touched",
                (session_id, self._clock()),
            )
        log.debug("session %s: appended %s", session_id, [e.get("type") for e in events])

    def delete(self, session_id: str) -> None:
        """Forget a session entirely (its events and its expiry record)."""
        with self._transaction("delete") as db:
            _delete(db, session_id)
        log.debug("session %s deleted", session_id)

    def purge_expired(self) -> int:
        """Delete every session idle for longer than the TTL; returns how many were removed."""
        with self._transaction("purge") as db:
            cutoff = self._clock() - self._ttl
            rows = db.execute("SELECT session_id FROM sessions WHERE touched < ?", (cutoff,))
            ids = [sid for (sid,) in rows.fetchall()]
            for sid in ids:
                _delete(db, sid)
        return len(ids)

    def close(self) -> None:
        """Close the database connection."""
        with self._lock:
            self._db.close()

    @contextmanager
    def _transaction(self, what: str) -> Iterator[sqlite3.Connection]:
        """One locked write transaction; sqlite3 errors become BackendError naming the file."""
        with self._lock:
            try:
                # IMMEDIATE takes the write lock up front: another process waits instead of failing
                self._db.execute("BEGIN IMMEDIATE")
                try:
                    yield self._db
                except BaseException:
                    self._db.execute("ROLLBACK")
                    raise
                self._db.execute("COMMIT")
            except sqlite3.Error as e:
                raise BackendError(
                    f"session database {self.path}: {what} failed: {e}; check the disk and that "
                    "no other program holds a long write lock"
                ) from e

    def _expired(self, db: sqlite3.Connection, session_id: str) -> bool:
        sql = "SELECT touched FROM sessions WHERE session_id = ?"
        row = db.execute(sql, (session_id,)).fetchone()
        return row is not None and self._clock() - row[0] > self._ttl


def _delete(db: sqlite3.Connection, session_id: str) -> None:
    db.execute("DELETE FROM events WHERE session_id = ?", (session_id,))
    db.execute("DELETE FROM sessions WHERE session_id = ?", (session_id,))


def _dump(event: Event) -> str:
    try:
        # ASCII escapes: a lone surrogate from hostile input stays storable and round-trips
        return json.dumps(event, ensure_ascii=True, separators=(",", ":"))
    except (TypeError, ValueError) as e:
        raise BackendError(
            f"event of type {event.get('type')!r} is not JSON-serialisable ({e}); "
            "serialise events with chatbot.events.event_to_dict"
        ) from e
