"""Session store contract: one test body over memory, SQLite (real file) and Redis (real server)."""

from __future__ import annotations

import logging
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from chatbot.backends.store_redis import RedisSessionStore
from chatbot.backends.store_sqlite import SqliteSessionStore
from chatbot.config import Settings
from chatbot.errors import BackendError, ConfigError
from chatbot.sessions import (
    MemorySessionStore,
    SessionStore,
    dump_reply,
    idempotency_key,
    load_reply,
    make_store,
)

SECRET = "my secret crush is Audrey Hepburn"
EVENTS = [
    {"type": "TextInterestStated", "text": SECRET, "turn": 1},
    {"type": "ItemLiked", "item_id": "m:1", "nested": {"a": [1, 2.5, None, True]}},
    {"type": "AttributeAvoided", "facet": "genre", "value": "Horror ☠ 日本"},
    {"type": "UserSaid", "text": "lone \ud800 surrogate, NUL \x00, emoji 🎬"},
]


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, now: float = 1_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


class Backend:
    """Builds stores of one kind over the same data, and moves time for them."""

    def __init__(self, kind: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
        self.kind = kind
        self.clock = FakeClock()
        self._tmp_path = tmp_path
        self._request = request
        self._memory: dict[float, MemorySessionStore] = {}
        self.made: list[SessionStore] = []

    def __call__(self, ttl_s: float = 3600) -> SessionStore:
        """A store handle with this TTL (memory: one per TTL; sqlite/redis: same data)."""
        if self.kind == "memory":
            store: SessionStore = self._memory.setdefault(
                ttl_s, MemorySessionStore(ttl_s=ttl_s, clock=self.clock)
            )
        elif self.kind == "sqlite":
            store = SqliteSessionStore(self._tmp_path / "s.sqlite3", ttl_s=ttl_s, clock=self.clock)
        else:
            url = self._request.getfixturevalue("redis_url")
            store = RedisSessionStore(url, ttl_s=int(ttl_s), prefix=f"{self._tmp_path.name}:")
        self.made.append(store)
        return store

    def advance(self, seconds: float) -> None:
        """Let time pass: a fake clock for memory/SQLite, real time for Redis's own expiry."""
        if self.kind == "redis":
            time.sleep(seconds)
        else:
            self.clock.now += seconds


@pytest.fixture(params=["memory", "sqlite", pytest.param("redis", marks=pytest.mark.redis)])
def make(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Backend]:
    """Stores of each backend (the contract tests run once per backend)."""
    backend = Backend(request.param, tmp_path, request)
    yield backend
    for store in backend.made:
        close = getattr(store, "close", None)
        if close is not None:
            close()


def test_round_trip_preserves_events_exactly(make: Backend) -> None:
    store = make(3600)
    assert store.load("a") == []
    store.append("a", EVENTS[:1])
    store.append("a", EVENTS[1:])
    assert store.load("a") == EVENTS
    # what load returns is a copy: mutating it never changes the stored log
    store.load("a")[0]["text"] = "changed"
    assert store.load("a")[0]["text"] == SECRET


def test_every_store_refuses_an_event_it_could_not_store(make: Backend) -> None:
    """One serialiser for every store: what SQLite or Redis would refuse, memory refuses too,
    and a refused append stores nothing."""
    store = make(3600)
    store.append("a", EVENTS[:1])
    with pytest.raises(BackendError, match="not JSON-serialisable"):
        store.append("a", [EVENTS[1], {"type": "UserSaid", "text": object()}])
    assert store.load("a") == EVENTS[:1]


def test_a_damaged_stored_row_loads_as_an_unreadable_event() -> None:
    from chatbot.events import EventFormatError, event_from_dict
    from chatbot.sessions import UNREADABLE, load_event

    for body in ('{"type": "UserSaid", "te', "[1, 2]"):
        damaged = load_event(body)
        assert damaged["type"] == UNREADABLE
        with pytest.raises(EventFormatError):
            event_from_dict(damaged)  # the dialogue manager skips it and keeps the rest
    assert load_event('{"type": "UserSaid"}') == {"type": "UserSaid"}


def test_an_idempotent_reply_round_trips_as_a_copy_in_every_store(make: Backend) -> None:
    """Every store keeps the reply serialised: a retry sees exactly what was saved, and
    mutating the saved or the returned reply changes nothing stored."""
    store = make(3600)
    with idempotency_key("k1"):
        store.append("a", EVENTS[:1])
    assert store.idempotent_reply("a", "k1") == (True, None)  # recorded, reply not yet saved
    reply: dict[str, Any] = {"text": "Try Alien ☠", "items": [{"id": "m:1"}], "n": 2.5}
    store.save_idempotent_reply("a", "k1", reply)
    reply["items"][0]["id"] = "changed"
    seen, stored = store.idempotent_reply("a", "k1")
    assert seen and stored is not None and stored["items"][0]["id"] == "m:1"
    stored["text"] = "changed"
    assert store.idempotent_reply("a", "k1") == (True, {**reply, "items": [{"id": "m:1"}]})
    assert store.idempotent_reply("a", "other") == (False, None)


def test_every_store_refuses_an_idempotent_reply_it_could_not_store(make: Backend) -> None:
    """A BackendError, not a raw TypeError (and memory refuses what SQLite/Redis would)."""
    store = make(3600)
    with idempotency_key("k1"):
        store.append("a", EVENTS[:1])
    with pytest.raises(BackendError, match="not JSON-serialisable"):
        store.save_idempotent_reply("a", "k1", {"text": object()})
    assert store.idempotent_reply("a", "k1") == (True, None)


def test_a_damaged_idempotency_record_is_a_backend_error(tmp_path: Path) -> None:
    store = SqliteSessionStore(tmp_path / "s.sqlite3", ttl_s=3600)
    try:
        with idempotency_key("k1"):
            store.append("a", EVENTS[:1])
        with store._transaction("damage") as db:
            db.execute("UPDATE idempotency SET reply = ? WHERE key = ?", ('{"text": "Al', "k1"))
        with pytest.raises(BackendError, match="not valid JSON"):
            store.idempotent_reply("a", "k1")
    finally:
        store.close()
    for body in ('{"text": "Al', "[1, 2]", b"\xff"):
        with pytest.raises(BackendError):
            load_reply(body)
    assert load_reply(dump_reply({"at": 1.5, "reply": None})) == {"at": 1.5, "reply": None}


def test_sessions_are_isolated_and_delete_forgets_everything(make: Backend) -> None:
    store = make(3600)
    store.append("alice", EVENTS)
    store.append("bob", [{"type": "ItemLiked", "item_id": "m:2"}])
    store.delete("alice")
    assert store.load("alice") == []
    assert store.load("bob") == [{"type": "ItemLiked", "item_id": "m:2"}]
    store.delete("never-existed")  # deleting an unknown session is fine
    store.append("alice", EVENTS[:1])  # a forgotten session starts from scratch
    assert store.load("alice") == EVENTS[:1]


def test_odd_session_ids_are_plain_keys(make: Backend) -> None:
    store = make(3600)
    for sid in ["tg:42", "a' OR 1=1 --", "日本語", "x" * 200, "*", "%"]:
        store.append(sid, [{"type": "Reset", "sid": sid}])
    for sid in ["tg:42", "a' OR 1=1 --", "日本語", "x" * 200, "*", "%"]:
        assert store.load(sid) == [{"type": "Reset", "sid": sid}]


def test_concurrent_appends_from_threads_lose_nothing(make: Backend) -> None:
    store = make(3600)
    n_threads, n_appends = 8, 25

    def worker(t: int) -> None:
        for i in range(n_appends):
            pair = [{"type": "A", "t": t, "i": i}, {"type": "B", "t": t, "i": i}]
            store.append(f"s{t % 2}", pair)

    threads = [threading.Thread(target=worker, args=(t,)) for t in range(n_threads)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    for sid in ("s0", "s1"):
        events = store.load(sid)
        assert len(events) == n_threads // 2 * n_appends * 2
        # an append is atomic: each A is immediately followed by its own B
        for a, b in zip(events[::2], events[1::2], strict=True):
            assert (a["type"], b["type"]) == ("A", "B")
            assert (a["t"], a["i"]) == (b["t"], b["i"])
        # per thread, order is preserved
        for t in range(sid == "s1", n_threads, 2):
            assert [e["i"] for e in events[::2] if e["t"] == t] == list(range(n_appends))


def test_idle_sessions_expire_and_appends_refresh_expiry(make: Backend) -> None:
    store = make(1)
    store.append("idle", EVENTS[:1])
    store.append("busy", EVENTS[:1])
    make.advance(0.6)
    store.append("busy", EVENTS[1:2])  # refreshes busy's expiry
    make.advance(0.8)
    assert store.load("idle") == []  # 1.4 s idle > 1 s TTL
    assert store.load("busy") == EVENTS[:2]
    store.append("idle", EVENTS[2:])  # an expired session restarts empty, not with old events
    assert store.load("idle") == EVENTS[2:]


def test_logs_never_contain_message_text(make: Backend, caplog: pytest.LogCaptureFixture) -> None:
    store = make(3600)
    with caplog.at_level(logging.DEBUG, logger="chatbot"):
        store.append("a", EVENTS)
        store.load("a")
        store.delete("a")
    if make.kind != "memory":  # the in-process store does not log at all
        assert caplog.records, "the store should log what it did (event types only)"
    assert all(SECRET not in r.getMessage() for r in caplog.records)
    assert all("Audrey" not in r.getMessage() for r in caplog.records)


def test_sqlite_survives_reopen_and_uses_wal(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "sessions.sqlite3"
    first = SqliteSessionStore(path)
    first.append("a", EVENTS)
    first.close()
    second = SqliteSessionStore(path)
    assert second.load("a") == EVENTS
    mode = second._db.execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"
    second.close()


def test_sqlite_expiry_with_fake_clock_and_purge(tmp_path: Path) -> None:
    clock = FakeClock()
    store = SqliteSessionStore(tmp_path / "s.sqlite3", ttl_s=100, clock=clock)
    store.append("old", EVENTS[:1])
    clock.now += 60
    store.append("new", EVENTS[:1])
    clock.now += 50  # old: 110 s idle, new: 50 s
    assert store.purge_expired() == 1
    rows = store._db.execute("SELECT count(*) FROM events WHERE session_id = 'old'").fetchone()
    assert rows[0] == 0  # purged rows are really gone from the file
    assert store.load("new") == EVENTS[:1]
    clock.now += 101
    assert store.load("new") == []


def test_sqlite_append_is_all_or_nothing(tmp_path: Path) -> None:
    store = SqliteSessionStore(tmp_path / "s.sqlite3")
    store.append("a", EVENTS[:1])
    with pytest.raises(BackendError, match="not JSON-serialisable"):
        store.append("a", [{"type": "Good"}, {"type": "Bad", "value": object()}])
    assert store.load("a") == EVENTS[:1]


def test_sqlite_unwritable_path_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(BackendError, match="sqlite_path"):
        SqliteSessionStore(blocker / "sessions.sqlite3")


def test_sqlite_two_handles_on_one_file_share_sessions(tmp_path: Path) -> None:
    a = SqliteSessionStore(tmp_path / "s.sqlite3")
    b = SqliteSessionStore(tmp_path / "s.sqlite3")
    a.append("x", EVENTS[:1])
    b.append("x", EVENTS[1:])
    assert a.load("x") == b.load("x") == EVENTS


@pytest.mark.redis
def test_redis_sets_ttl_on_the_session_list(redis_url: str) -> None:
    import redis

    store = RedisSessionStore(redis_url, ttl_s=500, prefix="ttl:")
    store.append("a", EVENTS)
    client = redis.Redis.from_url(redis_url)
    assert client.type("ttl:a") == b"list"
    assert 490 <= client.ttl("ttl:a") <= 500
    assert client.llen("ttl:a") == len(EVENTS)


def test_redis_unreachable_is_a_clear_error() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # free, and nobody listens after the socket closes
    store = RedisSessionStore(f"redis://127.0.0.1:{port}/0")
    with pytest.raises(BackendError, match="is redis-server running"):
        store.load("a")


def test_make_store_registry(tmp_path: Path) -> None:
    settings = Settings.from_env({}, sqlite_path=tmp_path / "x.sqlite3")
    assert isinstance(make_store(settings.replace(store="memory")), MemorySessionStore)
    sqlite_store = make_store(settings)  # sqlite is the default
    assert isinstance(sqlite_store, SqliteSessionStore)
    assert sqlite_store.path == tmp_path / "x.sqlite3"
    assert isinstance(make_store(settings.replace(store="redis")), RedisSessionStore)
    with pytest.raises(ConfigError, match="known stores: memory, redis, sqlite"):
        make_store(settings.replace(store="mongo"))


def test_sqlite_delete_leaves_no_trace_in_the_file(tmp_path: Path) -> None:
    store = SqliteSessionStore(tmp_path / "s.sqlite3")
    store.append("me", EVENTS)
    store.append("other", EVENTS[:1])
    store.delete("me")
    db = store._db
    assert db.execute("SELECT count(*) FROM events WHERE session_id = 'me'").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM sessions WHERE session_id = 'me'").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM events").fetchone()[0] == 1


def test_purge_expired_sweeps_idle_sessions_without_touching_them(make: Backend) -> None:
    store = make(1)
    store.append("idle", EVENTS[:1])
    make.advance(1.5)
    store.append("fresh", EVENTS[:1])
    removed = store.purge_expired()
    if make.kind == "redis":
        assert removed == 0  # Redis expires keys itself (TTL); nothing to sweep
    else:
        assert removed == 1
    assert store.load("idle") == []
    assert store.load("fresh") == EVENTS[:1]


def test_check_passes_on_a_healthy_store(make: Backend) -> None:
    make(60).check()


def test_sqlite_check_fails_when_writes_fail(tmp_path: Path) -> None:
    store = SqliteSessionStore(tmp_path / "s.sqlite3")
    store.check()
    store._db.execute("PRAGMA query_only=1")  # as a read-only file or filesystem would behave
    with pytest.raises(BackendError, match="write probe failed"):
        store.check()


def test_sqlite_refuses_a_corrupt_file(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    path.write_bytes(b"this is not a database" * 200)
    with pytest.raises(BackendError, match="not a database"):
        SqliteSessionStore(path)


def test_sqlite_notices_its_file_removed_or_replaced(tmp_path: Path) -> None:
    import os
    import sqlite3

    store = SqliteSessionStore(tmp_path / "s.sqlite3")
    store.append("a", EVENTS[:1])
    other = tmp_path / "other.sqlite3"
    sqlite3.connect(other).close()
    os.replace(other, tmp_path / "s.sqlite3")
    for call in (lambda: store.load("a"), lambda: store.append("a", EVENTS), store.check):
        with pytest.raises(BackendError, match="was replaced"):
            call()


def test_sqlite_files_are_owner_only(tmp_path: Path) -> None:
    import stat

    path = tmp_path / "new" / "deeper" / "s.sqlite3"
    SqliteSessionStore(path).append("a", EVENTS[:1])
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.parent.parent.stat().st_mode) == 0o700
    for side in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        if side.exists():
            assert stat.S_IMODE(side.stat().st_mode) & 0o077 == 0, side.name
    loose = tmp_path / "loose.sqlite3"
    loose.touch(mode=0o644)
    loose.chmod(0o644)
    SqliteSessionStore(loose)
    assert stat.S_IMODE(loose.stat().st_mode) == 0o600  # an existing open file is tightened


def test_sqlite_refuses_a_database_with_corrupt_pages(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    store = SqliteSessionStore(path)
    for i in range(300):  # several pages of events and index entries
        store.append(f"s{i}", EVENTS)
    store.close()
    data = bytearray(path.read_bytes())
    assert len(data) > 8 * 4096
    for page in range(3, len(data) // 4096, 2):  # scribble over every other page's body
        data[page * 4096 + 100 : page * 4096 + 400] = b"\xa5" * 300
    path.write_bytes(bytes(data))
    with pytest.raises(BackendError, match="corrupt|malformed"):
        SqliteSessionStore(path)


def test_sqlite_check_fails_for_a_while_after_any_call_failed(tmp_path: Path) -> None:
    store = SqliteSessionStore(tmp_path / "s.sqlite3")
    store.append("a", EVENTS[:1])
    store._db.execute("PRAGMA query_only=1")
    with pytest.raises(BackendError):
        store.append("a", EVENTS[:1])  # a turn fails (here: writes refused)
    store._db.execute("PRAGMA query_only=0")
    with pytest.raises(BackendError, match="a recent call failed"):
        store.check()  # the probe alone would pass now; readiness still reports the failure
    store.FAILURE_WINDOW_S = 0.0
    store.check()
