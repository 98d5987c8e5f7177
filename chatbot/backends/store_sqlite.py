"""SQLite session store: one row per event, WAL journal, survives restarts (the app's default)."""

from __future__ import annotations

import logging
import os
import sqlite3
import stat
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from chatbot.errors import BackendError, ConfigError
from chatbot.sessions import (
    IDEMPOTENCY_KEYS_KEPT,
    Event,
    current_idempotency_key,
    dump_event,
    dump_reply,
    load_event,
    load_reply,
)

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
CREATE TABLE IF NOT EXISTS idempotency (
    session_id TEXT NOT NULL,
    key TEXT NOT NULL,
    reply TEXT,
    seq INTEGER NOT NULL,
    PRIMARY KEY (session_id, key)
);
CREATE TABLE IF NOT EXISTS probe (
    id INTEGER PRIMARY KEY,
    at REAL NOT NULL
);
"""


class SqliteSessionStore:
    """Event logs in a SQLite file; each append is one transaction; idle sessions expire.

    One connection guarded by a lock makes it thread-safe; WAL mode plus a busy timeout lets
    several processes share the file. `synchronous=FULL` (default) makes every acknowledged
    append survive a killed process and a power cut. Deleted text does not linger: the
    `secure_delete` pragma zeroes freed pages and every delete ends with a WAL checkpoint that
    truncates the WAL file. The file (and a directory this store creates) is owner-only, and
    every call checks that the file on disk is still the one opened (same inode): a removed or
    replaced database fails loudly instead of writing into a file nobody will read again.
    """

    FAILURE_WINDOW_S = 30.0  # check() fails this long after any call failed

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
        self._lost = ""  # why the file can no longer be trusted (removed / replaced)
        self._failed: tuple[float, str] | None = None  # (monotonic time, what) of the last error
        try:
            _create_private(self.path)
            # isolation_level=None: we issue BEGIN/COMMIT ourselves (one transaction per call)
            self._db = sqlite3.connect(
                self.path, timeout=busy_timeout_s, isolation_level=None, check_same_thread=False
            )
            self._identity = _identity(self.path)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute(f"PRAGMA synchronous={synchronous.upper()}")
            self._db.execute("PRAGMA secure_delete=ON")
            self._db.executescript(_SCHEMA)
            problems = [row[0] for row in self._db.execute("PRAGMA quick_check(5)")]
            if problems != ["ok"]:
                raise sqlite3.DatabaseError("corrupt: " + "; ".join(problems))
        except (OSError, sqlite3.Error) as e:
            raise BackendError(
                f"cannot open the session database {self.path}: {e}; check the path is writable "
                "(setting sqlite_path / CHATBOT_SQLITE_PATH) or use --store memory"
            ) from e

    def load(self, session_id: str) -> list[Event]:
        """All events of a session in order ([] for an unknown or expired session)."""
        expired = False
        with self._transaction("load") as db:
            if self._expired(db, session_id):
                _delete(db, session_id)
                expired = True
                rows = []
            else:
                rows = db.execute(
                    "SELECT body FROM events WHERE session_id = ? ORDER BY seq", (session_id,)
                ).fetchall()
        if expired:
            log.debug("session %s expired after %.0f s idle", session_id, self._ttl)
            self._checkpoint()
        return [load_event(body) for (body,) in rows]

    def append(self, session_id: str, events: Sequence[Event]) -> None:
        """Append events in one transaction (all or none) and refresh the session's expiry.

        Inside `chatbot.sessions.idempotency_key(key)` the key is recorded in the same
        transaction, so a retried request is recognised even if the process died right after.
        """
        bodies = [(session_id, dump_event(e)) for e in events]
        key = current_idempotency_key()
        with self._transaction("append") as db:
            if self._expired(db, session_id):
                _delete(db, session_id)
            db.executemany("INSERT INTO events (session_id, body) VALUES (?, ?)", bodies)
            db.execute(
                "INSERT INTO sessions (session_id, touched) VALUES (?, ?) "
                "ON CONFLICT(session_id) DO UPDATE SET touched = excluded.touched",
                (session_id, self._clock()),
            )
            if key is not None:
                db.execute(  # seq orders a session's keys (its rows only: the primary key index)
                    "INSERT OR REPLACE INTO idempotency (session_id, key, reply, seq) VALUES "
                    "(?, ?, NULL, (SELECT COALESCE(MAX(seq), 0) + 1 FROM idempotency "
                    "WHERE session_id = ?))",
                    (session_id, key, session_id),
                )
                db.execute(
                    "DELETE FROM idempotency WHERE session_id = ? AND seq NOT IN (SELECT seq "
                    "FROM idempotency WHERE session_id = ? ORDER BY seq DESC LIMIT ?)",
                    (session_id, session_id, IDEMPOTENCY_KEYS_KEPT),
                )
        log.debug("session %s: appended %s", session_id, [e.get("type") for e in events])

    def delete(self, session_id: str) -> None:
        """Forget a session entirely; when this returns no file holds its text any more."""
        with self._transaction("delete") as db:
            _delete(db, session_id)
        self._checkpoint()
        log.debug("session %s deleted", session_id)

    def purge_expired(self) -> int:
        """Delete every session idle for longer than the TTL; returns how many were removed."""
        with self._transaction("purge") as db:
            cutoff = self._clock() - self._ttl
            rows = db.execute("SELECT session_id FROM sessions WHERE touched < ?", (cutoff,))
            ids = [sid for (sid,) in rows.fetchall()]
            for sid in ids:
                _delete(db, sid)
        if ids:
            self._checkpoint()
        return len(ids)

    def check(self) -> None:
        """Raise BackendError unless the file is the one opened, a write commits, and no call
        failed in the last FAILURE_WINDOW_S seconds (a corrupt page or an I/O error can fail
        turns while the probe's own page still works)."""
        failed = self._failed
        if failed is not None and time.monotonic() - failed[0] < self.FAILURE_WINDOW_S:
            raise BackendError(f"session database {self.path}: a recent call failed: {failed[1]}")
        with self._transaction("write probe") as db:
            db.execute(
                "INSERT INTO probe (id, at) VALUES (1, ?) "
                "ON CONFLICT(id) DO UPDATE SET at = excluded.at",
                (time.time(),),
            )

    def idempotent_reply(self, session_id: str, key: str) -> tuple[bool, Event | None]:
        """(seen, stored reply) for an Idempotency-Key of this session."""
        with self._transaction("idempotency lookup") as db:
            if self._expired(db, session_id):
                return False, None
            row = db.execute(
                "SELECT reply FROM idempotency WHERE session_id = ? AND key = ?",
                (session_id, key),
            ).fetchone()
        if row is None:
            return False, None
        return True, (load_reply(row[0]) if row[0] is not None else None)

    def save_idempotent_reply(self, session_id: str, key: str, reply: Event) -> None:
        """Keep the reply for a retry with the same key (no-op if the key was not recorded)."""
        body = dump_reply(reply)
        with self._transaction("idempotency save") as db:
            db.execute(
                "UPDATE idempotency SET reply = ? WHERE session_id = ? AND key = ?",
                (body, session_id, key),
            )

    def close(self) -> None:
        """Close the database connection (the WAL is checkpointed and removed by SQLite)."""
        with self._lock:
            self._db.close()

    @contextmanager
    def _transaction(self, what: str) -> Iterator[sqlite3.Connection]:
        """One locked write transaction; sqlite3 errors become BackendError naming the file."""
        with self._lock:
            self._check_file()
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
                if not isinstance(e, sqlite3.OperationalError) or "locked" not in str(e):
                    self._failed = (time.monotonic(), f"{what}: {e}")
                raise BackendError(
                    f"session database {self.path}: {what} failed: {e}; check the disk and that "
                    "no other program holds a long write lock"
                ) from e

    def _check_file(self) -> None:
        """BackendError (for good) once the file on disk is not the one this store opened."""
        if not self._lost:
            try:
                now = _identity(self.path)
            except FileNotFoundError:
                self._lost = "was removed"
            except OSError as e:
                raise BackendError(f"session database {self.path}: cannot stat it: {e}") from e
            else:
                if now != self._identity:
                    self._lost = "was replaced by another file"
            if self._lost:
                log.error("session database %s %s while in use", self.path, self._lost)
        if self._lost:
            raise BackendError(
                f"session database {self.path} {self._lost} while the server ran; nothing more "
                "is written to it. Restore the file (or remove it to start empty) and restart"
            )

    def _checkpoint(self) -> None:
        """Move the WAL into the database and truncate it, so deleted text leaves the WAL."""
        with self._lock:
            try:
                busy, _, _ = self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            except sqlite3.Error as e:
                raise BackendError(f"session database {self.path}: checkpoint failed: {e}") from e
        if busy:  # another process holds a read snapshot; its next checkpoint finishes the job
            log.warning("session database %s: WAL checkpoint was blocked by a reader", self.path)

    def _expired(self, db: sqlite3.Connection, session_id: str) -> bool:
        sql = "SELECT touched FROM sessions WHERE session_id = ?"
        row = db.execute(sql, (session_id,)).fetchone()
        return row is not None and self._clock() - row[0] > self._ttl


def _identity(path: Path) -> tuple[int, int]:
    st = path.stat()
    return st.st_dev, st.st_ino


def _create_private(path: Path) -> None:
    """Create missing parent folders 0700 and the file 0600; tighten an existing open file."""
    missing = []
    parent = path.parent
    while not parent.exists():
        missing.append(parent)
        parent = parent.parent
    for folder in reversed(missing):
        folder.mkdir(mode=0o700)
        os.chmod(folder, 0o700)  # mkdir's mode is filtered by the umask
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        mode = stat.S_IMODE(os.fstat(fd).st_mode)
        if mode & 0o077:
            log.warning("session database %s was readable by others (%o); now 0600", path, mode)
            os.fchmod(fd, 0o600)
    finally:
        os.close(fd)


def _delete(db: sqlite3.Connection, session_id: str) -> None:
    db.execute("DELETE FROM events WHERE session_id = ?", (session_id,))
    db.execute("DELETE FROM sessions WHERE session_id = ?", (session_id,))
    db.execute("DELETE FROM idempotency WHERE session_id = ?", (session_id,))
