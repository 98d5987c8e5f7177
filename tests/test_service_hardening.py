"""Issue 16 in process: error vocabulary (JSON and SSE), unknown sessions, idempotency, bounded
replies, CORS, docs setting, keys parsing, log rate limits, the memory store's sweep."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from chatbot.backends.store_redis import RedisSessionStore
from chatbot.backends.store_sqlite import SqliteSessionStore
from chatbot.config import Settings
from chatbot.errors import BackendError, ConfigError
from chatbot.integrations.telegram import TelegramAdapter
from chatbot.server import SESSION_ID_PATTERN, bound_reply, create_app
from chatbot.server_auth import ApiKeys, check_exposure, is_loopback
from chatbot.server_limits import (
    ACCEPT_BACKLOG,
    FD_RESERVE,
    PROBE_ALLOWANCE,
    RateLimitFilter,
    connection_limit,
    is_probe_request_line,
)
from chatbot.sessions import MemorySessionStore, idempotency_key

LOCAL = "http://127.0.0.1"
LEAKY = "redis://10.9.8.7:6380 and /srv/secret/sessions.sqlite3"


def _client(manager: Any, **changes: Any) -> TestClient:
    settings = manager.settings.replace(**changes)
    app = create_app(manager, settings, warm_up=False)
    return TestClient(app, base_url=LOCAL, raise_server_exceptions=False)


@pytest.fixture
def client(books_manager: Any) -> Iterator[TestClient]:
    with _client(books_manager) as c:
        yield c


class FailingAppends(MemorySessionStore):
    """A store whose appends fail with a message naming a host and a path (as real ones do)."""

    def append(self, session_id: str, events: Any) -> None:
        raise BackendError(f"store at {LEAKY}: append failed")


def _sse(text: str) -> list[tuple[str, dict[str, Any]]]:
    out = []
    for block in text.strip().split("\n\n"):
        lines = dict(line.split(": ", 1) for line in block.splitlines())
        out.append((lines["event"], json.loads(lines["data"])))
    return out


def test_one_error_vocabulary_for_json_and_sse_without_hosts_or_paths(books_manager: Any) -> None:
    books_manager.store = FailingAppends()
    with _client(books_manager) as c:
        r = c.post("/v1/sessions/e1/messages", json={"text": "space stories"})
        assert r.status_code == 503
        assert r.json()["error"] == "backend_unavailable"
        assert r.headers["retry-after"] == "5"
        assert "10.9.8.7" not in r.text and "/srv/secret" not in r.text
        r = c.post("/v1/sessions/e1/messages/stream", json={"text": "space stories"})
        assert r.status_code == 200  # the failure comes after the first text went out
        name, data = _sse(r.text)[-1]
        assert name == "error"
        assert data["error"] == "backend_unavailable"  # the same code as the JSON error
        assert "10.9.8.7" not in r.text and "/srv/secret" not in r.text


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("POST", "/v1/sessions/ghost/reset", None),
        ("POST", "/v1/sessions/ghost/feedback", {"item_id": "book-001", "kind": "like"}),
        ("DELETE", "/v1/sessions/ghost/beliefs/liked:book-001", None),
        ("GET", "/v1/sessions/ghost", None),
    ],
)
def test_unknown_sessions_are_404_and_are_not_created(
    client: TestClient, method: str, path: str, body: Any
) -> None:
    r = client.request(method, path, json=body)
    assert r.status_code == 404, r.text
    assert r.json()["error"] == "unknown_session"
    assert client.get("/v1/sessions/ghost").status_code == 404


def test_known_session_reset_and_unknown_belief(client: TestClient) -> None:
    assert client.post("/v1/sessions/k/messages", json={"text": "space"}).status_code == 200
    assert client.post("/v1/sessions/k/reset").status_code == 200
    r = client.delete("/v1/sessions/k/beliefs/not-a-belief")
    assert (r.status_code, r.json()["error"]) == (422, "invalid_input")


def test_length_is_counted_after_stripping(books_manager: Any) -> None:
    with _client(books_manager, max_message_chars=50) as c:
        r = c.post("/v1/sessions/s/messages", json={"text": "space " * 8 + " " * 40})
        assert r.status_code == 200, r.text  # 47 characters once stripped
        r = c.post("/v1/sessions/s/messages", json={"text": "x" * 51})
        assert r.status_code == 413


def test_head_on_health_endpoints(client: TestClient) -> None:
    for path in ("/livez", "/readyz", "/healthz"):
        r = client.head(path)
        assert r.status_code == 200, path
    assert client.get("/healthz").json()["checks"]["store"] == "ok"


def test_readiness_names_the_failing_store(books_manager: Any) -> None:
    class Unwritable(MemorySessionStore):
        def check(self) -> None:
            raise BackendError(f"read-only database {LEAKY}")

    books_manager.store = Unwritable()
    with _client(books_manager) as c:
        r = c.get("/readyz")
        assert r.status_code == 503
        assert r.json()["checks"]["store"] == "unavailable"
        assert r.json()["error"] == "not_ready"
        assert "10.9.8.7" not in r.text
        assert c.get("/livez").status_code == 200


@pytest.fixture(params=["memory", "sqlite", pytest.param("redis", marks=pytest.mark.redis)])
def any_store(request: pytest.FixtureRequest, tmp_path: Path) -> Any:
    if request.param == "memory":
        return MemorySessionStore()
    if request.param == "sqlite":
        return SqliteSessionStore(tmp_path / "s.sqlite3")
    url = request.getfixturevalue("redis_url")
    return RedisSessionStore(url, ttl_s=60, prefix=f"{tmp_path.name}:")


def test_idempotency_key_returns_the_stored_reply_and_stores_nothing_twice(
    books_manager: Any, any_store: Any
) -> None:
    books_manager.store = any_store
    with _client(books_manager) as c:
        key = {"Idempotency-Key": "turn-1"}
        first = c.post("/v1/sessions/i1/messages", json={"text": "space stories"}, headers=key)
        again = c.post("/v1/sessions/i1/messages", json={"text": "space stories"}, headers=key)
        assert first.status_code == again.status_code == 200
        assert again.json() == first.json()
        assert again.headers["idempotent-replayed"] == "true"
        assert c.get("/v1/sessions/i1").json()["state"]["turns"] == 1
        item = first.json()["items"][0]["id"]
        fb = {"item_id": item, "kind": "like"}
        like = {"Idempotency-Key": "like-1"}
        assert c.post("/v1/sessions/i1/feedback", json=fb, headers=like).status_code == 200
        assert c.post("/v1/sessions/i1/feedback", json=fb, headers=like).status_code == 200
        events = any_store.load("i1")
        assert [e["type"] for e in events].count("ItemLiked") == 1
        # the same key with another request is refused, and changes nothing
        r = c.post("/v1/sessions/i1/messages", json={"text": "something else"}, headers=key)
        assert (r.status_code, r.json()["error"]) == (422, "idempotency_key_reused")
        assert c.get("/v1/sessions/i1").json()["state"]["turns"] == 1
        # a new key is a new turn
        c.post("/v1/sessions/i1/messages", json={"text": "more"}, headers={"Idempotency-Key": "2"})
        assert c.get("/v1/sessions/i1").json()["state"]["turns"] == 2
        # forgetting removes the records too: the same key is a new turn afterwards
        assert c.delete("/v1/sessions/i1").status_code == 204
        r = c.post("/v1/sessions/i1/messages", json={"text": "space stories"}, headers=key)
        assert "idempotent-replayed" not in r.headers


def test_a_turn_stored_before_a_crash_is_not_stored_again(
    books_manager: Any, any_store: Any
) -> None:
    """The turn landed with its key but the process died before the reply went out."""
    books_manager.store = any_store
    with idempotency_key("lost-1"):
        books_manager.respond("c1", "space stories")  # stored, never acknowledged
    with _client(books_manager) as c:
        r = c.post(
            "/v1/sessions/c1/messages",
            json={"text": "space stories"},
            headers={"Idempotency-Key": "lost-1"},
        )
        assert r.status_code == 200
        assert r.json()["kind"] == "replayed" and r.json()["notices"]
        assert c.get("/v1/sessions/c1").json()["state"]["turns"] == 1


def test_bad_idempotency_keys_are_422(client: TestClient) -> None:
    for key in ("x" * 300, "has space"):
        r = client.post(
            "/v1/sessions/b/messages", json={"text": "hi"}, headers={"Idempotency-Key": key}
        )
        assert r.status_code == 422, key


def test_replies_stay_bounded_over_many_turns(books_manager: Any) -> None:
    sizes = []
    with _client(books_manager, max_state_items=10) as c:
        for _turn in range(60):
            r = c.post("/v1/sessions/long/messages", json={"text": "surprise me"})
            assert r.status_code == 200
            sizes.append(len(r.content))
        state = r.json()["state"]
        assert len(state["shown"]) <= 10
        assert state["counts"]["shown"] > 10  # the full count is still reported
        assert len(c.get("/v1/sessions/long").json()["state"]["shown"]) <= 10
    print("reply bytes at turns 10, 30, 60:", sizes[9], sizes[29], sizes[59])
    assert sizes[59] < sizes[9] * 1.5


def test_bound_reply_keeps_the_most_recent() -> None:
    out = bound_reply({"state": {"shown": list(range(100)), "turns": 3}, "beliefs": [1] * 9}, 5)
    assert out["state"]["shown"] == [95, 96, 97, 98, 99]
    assert out["state"]["counts"] == {"shown": 100}
    assert len(out["beliefs"]) == 5


def test_cors_is_off_by_default_and_an_allow_list_when_set(books_manager: Any) -> None:
    preflight = {
        "Origin": "https://bot.example",
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization,content-type",
    }
    with _client(books_manager) as c:
        r = c.options("/v1/sessions/x/messages", headers=preflight)
        assert "access-control-allow-origin" not in r.headers
    with _client(books_manager, cors_origins="https://bot.example") as c:
        r = c.options("/v1/sessions/x/messages", headers=preflight)
        assert r.headers["access-control-allow-origin"] == "https://bot.example"
        other = {**preflight, "Origin": "https://evil.example"}
        r = c.options("/v1/sessions/x/messages", headers=other)
        assert r.headers.get("access-control-allow-origin") != "https://evil.example"


def test_docs_can_be_turned_off(books_manager: Any) -> None:
    with _client(books_manager, docs_enabled=False) as c:
        assert c.get("/docs").status_code == 404
        assert c.get("/openapi.json").status_code == 200
    with _client(books_manager) as c:
        assert "cdn" not in c.get("/docs").text


def test_host_allow_list_setting(books_manager: Any) -> None:
    with _client(books_manager, allowed_hosts="bot.example.org") as c:
        assert c.get("/livez", headers={"Host": "bot.example.org"}).status_code == 200
        r = c.get("/livez", headers={"Host": "127.0.0.1"})
        assert (r.status_code, r.json()["error"]) == (400, "invalid_host")


def test_keys_parsing_and_errors(tmp_path: Path) -> None:
    keys_file = tmp_path / "keys"
    keys_file.write_text("# comment\nfile-key-0123456789abcdef=tg:  # the telegram bot\n\n")
    s = Settings.from_env(
        {}, api_keys="env-key-0123456789abcdef, admin-key-0123456789abc", api_keys_file=keys_file
    )
    keys = ApiKeys.from_settings(s)
    assert [k.prefix for k in keys.keys] == ["", "", "tg:"]
    assert keys.authorize("Bearer file-key-0123456789abcdef", "tg:abc") is not None
    with pytest.raises(ConfigError, match="at least 16"):
        ApiKeys.from_settings(Settings.from_env({}, api_keys="short"))
    with pytest.raises(ConfigError, match="session prefix"):
        ApiKeys.from_settings(Settings.from_env({}, api_keys="long-enough-key-0123=a b"))
    with pytest.raises(ConfigError, match="cannot read"):
        ApiKeys.from_settings(Settings.from_env({}, api_keys_file=str(tmp_path / "missing")))
    assert not ApiKeys.from_settings(Settings.from_env({})).enabled


def test_exposure_check() -> None:
    none = ApiKeys()
    for host in ("127.0.0.1", "localhost", "::1", "127.0.0.2"):
        assert is_loopback(host)
        check_exposure(host, none, insecure=False)
    with pytest.raises(ConfigError, match="refusing"):
        check_exposure("0.0.0.0", none, insecure=False)
    with pytest.raises(ConfigError, match="refusing"):
        check_exposure("example.org", none, insecure=False)
    check_exposure("0.0.0.0", none, insecure=True)


def test_log_rate_limit_lets_one_line_per_cause_through() -> None:
    now = [0.0]
    limiter = RateLimitFilter(every_s=10, clock=lambda: now[0])

    def record(msg: str, level: int = logging.WARNING) -> logging.LogRecord:
        return logging.LogRecord("chatbot.server", level, __file__, 1, msg, (), None)

    passed = [limiter.filter(record("body not received within %d s")) for _ in range(1000)]
    assert passed.count(True) == 1
    assert limiter.filter(record("another cause"))
    assert all(limiter.filter(record("turn done", logging.INFO)) for _ in range(5))
    now[0] = 11
    later = record("body not received within %d s")
    assert limiter.filter(later)
    assert "999 more like this left out" in later.getMessage().replace("%d", "2")


def test_connection_limit_fits_the_open_file_limit() -> None:
    assert FD_RESERVE >= ACCEPT_BACKLOG + PROBE_ALLOWANCE  # room for a burst and the probes
    assert connection_limit(0, 1024) == 1024 - FD_RESERVE
    assert connection_limit(100, 1024) == 100
    assert connection_limit(5000, 1024) == 1024 - FD_RESERVE  # never above what can be opened


def test_probe_request_lines() -> None:
    for line in (b"GET /livez HTTP/1.1", b"HEAD /readyz?x=1 HTTP/1.0", b"GET /healthz HTTP/1.1"):
        assert is_probe_request_line(line)
    for line in (b"POST /livez HTTP/1.1", b"GET /livez/x HTTP/1.1", b"GET /v1/sessions/a HTTP/1.1"):
        assert not is_probe_request_line(line)
    assert not is_probe_request_line(b"GET /livez")


def test_memory_store_sweeps_expired_sessions() -> None:
    now = [0.0]
    store = MemorySessionStore(ttl_s=10, clock=lambda: now[0])
    store.append("old", [{"type": "UserSaid", "text": "my name is Ann"}])
    now[0] = 5
    store.append("young", [{"type": "UserSaid", "text": "hi"}])
    now[0] = 12
    assert store.purge_expired() == 1
    assert "old" not in store._logs and "young" in store._logs


def test_telegram_session_ids_are_opaque_with_a_secret(books_manager: Any) -> None:
    import re

    sender: Any = None
    a = TelegramAdapter(books_manager, sender, session_secret="server-secret-1")
    b = TelegramAdapter(books_manager, sender, session_secret="server-secret-2")
    sid = a.session_id(123456789)
    assert sid.startswith("tg:") and "123456789" not in sid
    assert re.match(SESSION_ID_PATTERN, sid)
    assert sid == a.session_id(123456789)  # stable across calls (and restarts)
    assert sid != a.session_id(123456788) and sid != b.session_id(123456789)


def test_the_server_purges_the_memory_store_on_a_schedule(books_manager: Any) -> None:
    import time

    books_manager.store = MemorySessionStore(ttl_s=0.5)
    with _client(books_manager, purge_interval_s=0.2) as c:
        assert c.post("/v1/sessions/m1/messages", json={"text": "my name is Ann"}).is_success
        deadline = time.monotonic() + 10
        while "m1" in books_manager.store._logs and time.monotonic() < deadline:
            time.sleep(0.1)  # nobody touches m1: only the schedule can remove it
        assert "m1" not in books_manager.store._logs


def test_readiness_waits_for_a_warm_up_turn_that_leaves_nothing_behind(books_manager: Any) -> None:
    import time

    app = create_app(books_manager, books_manager.settings)
    with TestClient(app, base_url=LOCAL) as c:
        deadline = time.monotonic() + 120
        while c.get("/readyz").status_code != 200 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert c.get("/readyz").json()["checks"]["models"] == "ok"
        assert not [sid for sid in books_manager.store._logs if sid.startswith("_warmup")]


def test_a_failing_warm_up_keeps_readiness_failed(books_manager: Any) -> None:
    import time

    books_manager.store = FailingAppends()
    app = create_app(books_manager, books_manager.settings)
    with TestClient(app, base_url=LOCAL) as c:
        deadline = time.monotonic() + 120
        while c.get("/readyz").json()["checks"]["models"] == "loading":
            assert time.monotonic() < deadline
            time.sleep(0.1)
        r = c.get("/readyz")
        assert r.status_code == 503 and r.json()["checks"]["models"] == "failed"


@pytest.mark.parametrize("host", ["[::1]:18431", "[::1]", "::1", "127.0.0.1:18431", "LOCALHOST"])
def test_default_loopback_hosts_include_ipv6(books_manager: Any, host: str) -> None:
    with _client(books_manager) as c:  # default settings serve on loopback
        assert c.get("/livez", headers={"Host": host}).status_code == 200


@pytest.mark.parametrize("host", ["evil.example", "[::2]:80", "[::1", "127.0.0.1.evil.example"])
def test_host_allow_list_refuses_other_hosts(books_manager: Any, host: str) -> None:
    with _client(books_manager) as c:
        r = c.get("/livez", headers={"Host": host})
        assert (r.status_code, r.json()["error"]) == (400, "invalid_host")


def test_host_allow_list_wildcards(books_manager: Any) -> None:
    with _client(books_manager, allowed_hosts="*.example.org, [2001:db8::1]") as c:
        assert c.get("/livez", headers={"Host": "bot.example.org:443"}).status_code == 200
        assert c.get("/livez", headers={"Host": "[2001:db8::1]:8431"}).status_code == 200
        assert c.get("/livez", headers={"Host": "example.org.evil"}).status_code == 400


def test_refused_cors_preflight_is_a_cors_error_not_a_host_error(books_manager: Any) -> None:
    preflight = {"Origin": "http://evil.example", "Access-Control-Request-Method": "POST"}
    with _client(books_manager, cors_origins="http://good.example") as c:
        r = c.options("/v1/sessions/x/messages", headers=preflight)
        assert (r.status_code, r.json()["error"]) == (403, "cors_not_allowed")
        assert "origin" in r.json()["message"]
        assert "access-control-allow-origin" not in r.headers
        good = {**preflight, "Origin": "http://good.example"}
        assert c.options("/v1/sessions/x/messages", headers=good).status_code == 200


def test_a_key_listed_twice_is_refused() -> None:
    twice = "K-0123456789abcdef=tg:,K-0123456789abcdef=web:"
    with pytest.raises(ConfigError, match="already listed"):
        ApiKeys.from_settings(Settings.from_env({}, api_keys=twice))


@pytest.mark.parametrize("text", ["\x00", "\x00\x01\x1f", " \u200b\t\x7f "])
def test_control_characters_alone_are_an_empty_message(client: TestClient, text: str) -> None:
    r = client.post("/v1/sessions/ctl/messages", json={"text": text})
    assert (r.status_code, r.json()["error"]) == (422, "empty_message")
    assert client.get("/v1/sessions/ctl").status_code == 404  # nothing was stored


def test_body_that_is_not_utf8_is_malformed_json(client: TestClient) -> None:
    r = client.post(
        "/v1/sessions/u8/messages",
        content=b'{"text": "\xff\xfe caf\xe9"}',
        headers={"Content-Type": "application/json"},
    )
    assert (r.status_code, r.json()["error"]) == (422, "malformed_json")
