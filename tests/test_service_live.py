"""Issue 16 over a real `chatbot serve` process on loopback: keys, readiness, read timeouts under
a flood of half-sent requests, retention, forgetting, a vanished database, a failing Redis."""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import stat
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.live_server import LiveServer, RedisProcess

KEY_A = "key-for-bot-a-0123456789abcdef"
KEY_B = "key-for-bot-b-0123456789abcdef"
KEY_ADMIN = "admin-key-0123456789abcdefghij"
SECRET = "my name is Zanzibar Quuxley and I live at 12 Elm Row"


@pytest.fixture
def live(tmp_path: Path) -> Iterator[LiveServer]:
    """A server with SQLite, no keys (loopback)."""
    srv = LiveServer(tmp_path)
    srv.start()
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A server with SQLite, no keys, for tests that change nothing on the server."""
    srv = LiveServer(tmp_path_factory.mktemp("shared"))
    srv.start()
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def keyed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A server with three keys: bot A (prefix a:), bot B (prefix b:), an admin (any id)."""
    home = tmp_path_factory.mktemp("keyed")
    keys_file = home / "keys.txt"
    keys_file.write_text(f"# bots\n{KEY_B}=b:\n{KEY_ADMIN}\n")
    srv = LiveServer(
        home, env={"CHATBOT_API_KEYS": f"{KEY_A}=a:", "CHATBOT_API_KEYS_FILE": str(keys_file)}
    )
    srv.start()
    yield srv
    srv.stop()


def _bearer(key: str | None) -> dict[str, str]:
    return {} if key is None else {"Authorization": f"Bearer {key}"}


ROUTES = [
    ("POST", "/v1/sessions/{sid}/messages", {"text": "space stories"}),
    ("POST", "/v1/sessions/{sid}/messages/stream", {"text": "space stories"}),
    ("POST", "/v1/sessions/{sid}/feedback", {"item_id": "book-001", "kind": "like"}),
    ("GET", "/v1/sessions/{sid}", None),
    ("POST", "/v1/sessions/{sid}/reset", None),
    ("DELETE", "/v1/sessions/{sid}/beliefs/x", None),
    ("DELETE", "/v1/sessions/{sid}", None),
]


@pytest.mark.parametrize(("method", "path", "body"), ROUTES, ids=[r[1] + r[0] for r in ROUTES])
@pytest.mark.parametrize(
    ("key", "status", "code"),
    [
        (None, 401, "unauthorized"),
        ("not-a-key-of-this-server-xxxxxxx", 401, "unauthorized"),
        (KEY_B, 403, "forbidden"),  # another tenant's key
    ],
    ids=["no key", "wrong key", "other tenant"],
)
def test_auth_matrix_refuses_and_leaves_the_session_alone(
    keyed: LiveServer,
    method: str,
    path: str,
    body: dict[str, str] | None,
    key: str | None,
    status: int,
    code: str,
) -> None:
    with httpx.Client(base_url=keyed.url, timeout=30) as http:
        said = http.post(
            "/v1/sessions/a:victim/messages", json={"text": SECRET}, headers=_bearer(KEY_A)
        )
        assert said.status_code == 200, said.text
        before = http.get("/v1/sessions/a:victim", headers=_bearer(KEY_A)).json()["state"]
        r = http.request(method, path.format(sid="a:victim"), json=body, headers=_bearer(key))
        assert r.status_code == status, r.text
        assert r.json()["error"] == code
        assert SECRET not in r.text and "Zanzibar" not in r.text
        if status == 401:
            assert r.headers["www-authenticate"].startswith("Bearer")
        after = http.get("/v1/sessions/a:victim", headers=_bearer(KEY_A)).json()["state"]
        assert after == before  # nothing was read, changed or deleted


def test_keys_let_their_own_tenant_and_the_admin_in(keyed: LiveServer) -> None:
    with httpx.Client(base_url=keyed.url, timeout=30) as http:
        r = http.post("/v1/sessions/b:u1/messages", json={"text": "hi"}, headers=_bearer(KEY_B))
        assert r.status_code == 200, r.text
        r = http.get("/v1/sessions/b:u1", headers=_bearer(KEY_ADMIN))
        assert r.status_code == 200  # an unbound key may use any session id
        r = http.post("/v1/sessions/a:x/messages", json={"text": "hi"}, headers=_bearer(KEY_A))
        assert r.status_code == 200
        r = http.get("/v1/sessions/b:u1", headers={"Authorization": f"Basic {KEY_B}"})
        assert r.status_code == 401
        for probe in ("/livez", "/readyz", "/healthz"):  # probes need no key
            assert http.get(probe).status_code == 200


def test_refuses_a_public_address_without_keys(tmp_path: Path) -> None:
    srv = LiveServer(tmp_path, args=("--host", "0.0.0.0"))
    env = srv.environ()
    env.pop("CHATBOT_API_KEYS", None)
    env.pop("CHATBOT_API_KEYS_FILE", None)
    done = subprocess.run(srv.command(), env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "refusing to serve on 0.0.0.0 without API keys" in done.stderr
    assert "--insecure" in done.stderr


def test_health_endpoints_and_head(shared: LiveServer) -> None:
    with httpx.Client(base_url=shared.url, timeout=30) as http:
        assert http.get("/livez").json()["status"] == "ok"
        ready = http.get("/readyz").json()
        assert ready["checks"] == {"store": "ok", "models": "ok"}
        for probe in ("/livez", "/readyz", "/healthz"):
            r = http.head(probe)
            assert r.status_code == 200 and r.content == b""


def test_forget_leaves_no_copy_in_any_file_and_files_are_private(live: LiveServer) -> None:
    with httpx.Client(base_url=live.url, timeout=30) as http:
        assert http.post("/v1/sessions/f1/messages", json={"text": SECRET}).status_code == 200
        assert http.post("/v1/sessions/f2/messages", json={"text": "space"}).status_code == 200
        files = [p for p in live.db.parent.iterdir() if p.name.startswith(live.db.name)]
        assert any(SECRET.encode() in p.read_bytes() for p in files), "the test must see it first"
        assert http.delete("/v1/sessions/f1").status_code == 204
        for p in live.db.parent.iterdir():  # db, -wal, -shm, while the server still runs
            assert SECRET.encode() not in p.read_bytes(), p.name
            assert b"Zanzibar" not in p.read_bytes(), p.name
        assert http.get("/v1/sessions/f2").status_code == 200  # others are untouched
    assert stat.S_IMODE(live.db.stat().st_mode) == 0o600
    assert stat.S_IMODE(live.db.parent.stat().st_mode) == 0o700
    live.stop()
    for p in live.db.parent.iterdir():
        assert SECRET.encode() not in p.read_bytes(), p.name


def test_expired_sessions_are_purged_on_a_schedule(tmp_path: Path) -> None:
    env = {"CHATBOT_SESSION_TTL_S": "1", "CHATBOT_PURGE_INTERVAL_S": "0.5"}
    srv = LiveServer(tmp_path, env=env)
    srv.start()
    try:
        r = httpx.post(f"{srv.url}/v1/sessions/old/messages", json={"text": SECRET}, timeout=30)
        assert r.status_code == 200
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:  # nobody touches the session: only the schedule
            db = sqlite3.connect(srv.db)
            left = db.execute("SELECT COUNT(*) FROM events").fetchone()[0]
            db.close()
            if left == 0:
                break
            time.sleep(0.3)
        assert left == 0, "the expired session is still in the database"
        for p in srv.db.parent.iterdir():
            assert SECRET.encode() not in p.read_bytes(), p.name
    finally:
        srv.stop()


@pytest.mark.parametrize("how", ["removed", "replaced"])
def test_a_vanished_database_fails_readiness_and_turns(live: LiveServer, how: str) -> None:
    with httpx.Client(base_url=live.url, timeout=30) as http:
        assert http.post("/v1/sessions/d1/messages", json={"text": "space"}).status_code == 200
        if how == "removed":
            live.db.unlink()
        else:
            other = live.db.with_name("other.sqlite3")
            sqlite3.connect(other).close()
            os.replace(other, live.db)
        r = http.get("/readyz")
        assert r.status_code == 503
        assert r.json()["checks"]["store"] == "unavailable"
        assert r.headers["retry-after"]
        r = http.post("/v1/sessions/d1/messages", json={"text": "more"})
        assert r.status_code == 503, r.text  # never a silent 200 into a file nobody reads
        assert r.json()["error"] == "backend_unavailable"
        assert r.headers["retry-after"]
        assert str(live.home) not in r.text and "sqlite3" not in r.text
        assert http.get("/v1/sessions/d1").status_code == 503
        assert http.get("/livez").status_code == 200  # alive, but not ready
    assert "was removed" in live.log_text() or "was replaced" in live.log_text()


def _half_sent(port: int, headers_only: bool, i: int) -> socket.socket:
    s = socket.create_connection(("127.0.0.1", port), timeout=30)
    if headers_only:
        s.sendall(b"POST /v1/sessions/x/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-")
    else:
        s.sendall(
            b"POST /v1/sessions/f%d/messages HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/json\r\nContent-Length: 100\r\n\r\n"
            b'{"text": "half' % i
        )
    return s


def test_a_flood_of_half_sent_requests_neither_blocks_nor_floods_the_log(tmp_path: Path) -> None:
    """1,100 half-sent requests against a server allowed 512 open files (as a small VM is)."""
    srv = LiveServer(tmp_path, env={"CHATBOT_REQUEST_READ_TIMEOUT_S": "2"}, open_files=512)
    srv.start()
    socks: list[socket.socket] = []
    try:
        for i in range(1100):
            try:
                socks.append(_half_sent(srv.port, headers_only=i % 5 == 0, i=i))
            except OSError:
                break
        assert len(socks) == 1100
        started = time.monotonic()
        answered = []
        with httpx.Client(base_url=srv.url, timeout=20) as http:
            for n in range(5):  # normal users during the flood
                r = http.post(f"/v1/sessions/normal{n}/messages", json={"text": "space"})
                answered.append(r.status_code)
                if r.status_code != 200:  # 503 'overloaded' while the limit is reached
                    assert r.json()["error"] == "overloaded" and r.headers["retry-after"]
                    time.sleep(1)
            waited = time.monotonic() - started
            r = http.post("/v1/sessions/after/messages", json={"text": "space"})
            assert r.status_code == 200, r.text
        print(f"normal requests during the flood: {answered}, {waited:.1f} s")
        # the flooders got a 408 (or an immediate 503) and their connections were closed
        outcomes: Counter[str] = Counter()
        for s in socks:
            s.settimeout(5)
            try:
                head = s.recv(200)
            except OSError:
                head = b""
            outcomes[head.split(b"\r\n", 1)[0].decode() or "closed"] += 1
        print("flood outcomes:", dict(outcomes))
        assert set(outcomes) <= {
            "HTTP/1.1 408 Request Timeout",
            "HTTP/1.1 503 Service Unavailable",
            "closed",
        }
        assert outcomes["HTTP/1.1 408 Request Timeout"] >= 1
    finally:
        for s in socks:
            s.close()
        srv.stop()
    log = srv.log_text()
    print(f"server log: {len(log)} bytes, {log.count(chr(10))} lines")
    assert "Traceback" not in log
    assert len(log.splitlines()) < 60, log[-3000:]
    assert "not received within 2 s" in log


@pytest.mark.redis
def test_redis_down_or_frozen_fails_readiness_without_revealing_the_host(tmp_path: Path) -> None:
    redis = RedisProcess(tmp_path)
    redis.start()
    srv = LiveServer(tmp_path, store="redis", env={"CHATBOT_REDIS_URL": redis.url})
    try:
        srv.start()
        with httpx.Client(base_url=srv.url, timeout=30) as http:
            assert http.post("/v1/sessions/r1/messages", json={"text": "space"}).status_code == 200
            redis.signal(signal.SIGSTOP)  # frozen: answers nothing
            started = time.monotonic()
            r = http.get("/readyz")
            assert r.status_code == 503 and r.json()["checks"]["store"] == "stalled"
            print(f"readyz on a frozen redis answered in {time.monotonic() - started:.1f} s")
            redis.signal(signal.SIGCONT)
            time.sleep(0.5)
            assert http.get("/readyz").status_code == 200
            redis.stop()  # down
            r = http.get("/readyz")
            assert r.status_code == 503 and r.json()["checks"]["store"] == "unavailable"
            r = http.post("/v1/sessions/r1/messages", json={"text": "more"})
            assert r.status_code == 503 and r.json()["error"] == "backend_unavailable"
            assert str(redis.port) not in r.text and "127.0.0.1" not in r.text
            assert r.headers["retry-after"]
            redis.start()  # back (append-only file: the session survived)
            deadline = time.monotonic() + 15
            while http.get("/readyz").status_code != 200 and time.monotonic() < deadline:
                time.sleep(0.2)
            assert http.get("/v1/sessions/r1").json()["state"]["turns"] == 1
    finally:
        srv.stop()
        redis.stop()


@pytest.mark.redis
def test_redis_sessions_carry_a_ttl(tmp_path: Path) -> None:
    import redis as redis_py

    server = RedisProcess(tmp_path)
    server.start()
    srv = LiveServer(
        tmp_path,
        store="redis",
        env={"CHATBOT_REDIS_URL": server.url, "CHATBOT_SESSION_TTL_S": "300"},
    )
    try:
        srv.start()
        headers = {"Idempotency-Key": "k1"}
        r = httpx.post(f"{srv.url}/v1/sessions/t1/messages", json={"text": SECRET}, headers=headers)
        assert r.status_code == 200
        client = redis_py.Redis.from_url(server.url)
        keys = client.keys("*t1*")
        assert len(keys) == 2  # the event list and the idempotency record
        assert all(0 < client.ttl(k) <= 300 for k in keys)
        httpx.delete(f"{srv.url}/v1/sessions/t1")
        assert client.keys("*t1*") == []
    finally:
        srv.stop()
        server.stop()


def test_host_header_allow_list_on_loopback(shared: LiveServer) -> None:
    """DNS rebinding: a page on evil.example resolving to 127.0.0.1 sends Host: evil.example."""
    with httpx.Client(base_url=shared.url, timeout=30) as http:
        r = http.get("/v1/sessions/x", headers={"Host": "evil.example"})
        assert r.status_code == 400 and r.json()["error"] == "invalid_host"
        assert http.get("/livez", headers={"Host": "localhost"}).status_code == 200
        ipv6 = {"Host": f"[::1]:{shared.port}"}  # the IPv6 loopback in the default list
        assert http.get("/livez", headers=ipv6).status_code == 200


def test_docs_load_nothing_from_other_hosts(shared: LiveServer) -> None:
    import re

    with httpx.Client(base_url=shared.url, timeout=30) as http:
        page = http.get("/docs").text
        urls = re.findall(r"""(?:src|href)=["']([^"']+)""", page) + re.findall(
            r"url: ?'([^']+)'", page
        )
        assert urls, page
        assert all(u.startswith("/") for u in urls), urls
        for u in urls:
            assert http.get(u).status_code == 200, u


def test_cli_help_mentions_insecure() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "chatbot", "serve", "--help"], capture_output=True, text=True
    ).stdout
    assert "--insecure" in out


def test_a_refused_connection_never_reaches_the_app(tmp_path: Path) -> None:
    """Over the connection limit a request gets 503 and is not run, even if sent whole."""
    srv = LiveServer(tmp_path, env={"CHATBOT_MAX_CONNECTIONS": "2"})
    srv.start()
    try:
        idle = [socket.create_connection(("127.0.0.1", srv.port)) for _ in range(2)]
        time.sleep(0.3)
        body = b'{"text": "space stories"}'
        third = socket.create_connection(("127.0.0.1", srv.port), timeout=10)
        third.sendall(
            b"POST /v1/sessions/refused/messages HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/json\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body)
        )
        answer = third.recv(400)
        assert answer.startswith(b"HTTP/1.1 503"), answer
        assert b"retry-after" in answer.lower() and b'"overloaded"' in answer
        for s in [*idle, third]:
            s.close()
        time.sleep(0.3)
        r = httpx.get(f"{srv.url}/v1/sessions/refused", timeout=30)
        assert r.status_code == 404  # the refused request was never run
    finally:
        srv.stop()


def test_health_probes_are_answered_over_the_connection_limit(tmp_path: Path) -> None:
    """A busy process (connection limit reached) still answers its probes, and only those."""
    srv = LiveServer(tmp_path, env={"CHATBOT_MAX_CONNECTIONS": "2"})
    srv.start()
    try:
        idle = [socket.create_connection(("127.0.0.1", srv.port)) for _ in range(2)]
        time.sleep(0.3)
        answers = {}
        for path in ("/livez", "/readyz", "/healthz", "/v1/sessions/busy"):
            with socket.create_connection(("127.0.0.1", srv.port), timeout=10) as s:
                s.sendall(b"GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n" % path.encode())
                answers[path] = s.recv(400)
        for path in ("/livez", "/readyz", "/healthz"):
            assert answers[path].startswith(b"HTTP/1.1 200"), (path, answers[path])
        assert answers["/v1/sessions/busy"].startswith(b"HTTP/1.1 503"), answers
        assert b'"overloaded"' in answers["/v1/sessions/busy"]
        # a request pipelined behind a probe does not slip past the limit
        with socket.create_connection(("127.0.0.1", srv.port), timeout=10) as s:
            s.sendall(
                b"GET /livez HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                b"POST /v1/sessions/sneaky/reset HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                b"Content-Length: 0\r\n\r\n"
            )
            time.sleep(0.5)
            got = b""
            while chunk := s.recv(4096):
                got += chunk
        assert got.count(b"HTTP/1.1 ") == 1 and got.startswith(b"HTTP/1.1 200"), got
        for s in idle:
            s.close()
    finally:
        srv.stop()
