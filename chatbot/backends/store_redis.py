"""Redis session store: one list per session with an idle TTL, shared by several replicas."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from chatbot.errors import BackendError, BackendUnavailable, ConfigError
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


class RedisSessionStore:
    """Each session is a Redis list of JSON events under `<prefix><session id>`.

    An append is one MULTI/EXEC transaction (RPUSH + EXPIRE), so it lands whole or not at all
    and refreshes the idle TTL; Redis expires idle sessions by itself (retention needs no
    sweep). Idempotency records live in a hash `<prefix><session id>#idem` with the same TTL
    ('#' never occurs in a session id the HTTP API accepts).
    """

    def __init__(
        self,
        url: str = "redis://127.0.0.1:6379/0",
        *,
        ttl_s: int = 7 * 24 * 3600,
        prefix: str = "chatbot:session:",
        client: Any = None,
    ) -> None:
        if ttl_s < 1:
            raise ConfigError(f"redis session TTL must be at least 1 s, got {ttl_s}")
        self.url = url
        self._ttl = int(ttl_s)
        self._prefix = prefix
        if client is None:
            try:
                import redis
            except ImportError as e:
                raise BackendUnavailable(
                    "the redis store needs the 'redis' package: pip install redis"
                ) from e
            client = redis.Redis.from_url(url, socket_timeout=10, socket_connect_timeout=5)
        self._redis = client

    def load(self, session_id: str) -> list[Event]:
        """All events of a session in order ([] for an unknown or expired session)."""
        with self._translate("load"):
            raw = self._redis.lrange(self._key(session_id), 0, -1)
        return [load_event(body) for body in raw]

    def append(self, session_id: str, events: Sequence[Event]) -> None:
        """Append events in one MULTI/EXEC transaction and refresh the session's TTL."""
        if not events:
            return
        bodies = [dump_event(e) for e in events]
        key = self._key(session_id)
        idem = current_idempotency_key()
        with self._translate("append"):
            pipe = self._redis.pipeline(transaction=True)
            pipe.rpush(key, *bodies)
            pipe.expire(key, self._ttl)
            if idem is not None:
                record = dump_reply({"at": time.time(), "reply": None})
                pipe.hset(self._idem_key(session_id), idem, record)
                pipe.expire(self._idem_key(session_id), self._ttl)
            pipe.execute()
        log.debug("session %s: appended %s", session_id, [e.get("type") for e in events])

    def delete(self, session_id: str) -> None:
        """Forget a session entirely (its events and idempotency records)."""
        with self._translate("delete"):
            self._redis.delete(self._key(session_id), self._idem_key(session_id))
        log.debug("session %s deleted", session_id)

    def purge_expired(self) -> int:
        """Nothing to do: Redis expires idle sessions itself (key TTLs); returns 0."""
        return 0

    def check(self) -> None:
        """Raise BackendError unless the server answers and accepts a write (not read-only,
        not refusing writes after a failed save, not out of memory)."""
        with self._translate("write probe"):
            self._redis.set(self._prefix + "#probe", str(time.time()), ex=60)

    def ping(self) -> bool:
        """True when the server answers (for health checks)."""
        with self._translate("ping"):
            return bool(self._redis.ping())

    def idempotent_reply(self, session_id: str, key: str) -> tuple[bool, Event | None]:
        """(seen, stored reply) for an Idempotency-Key of this session."""
        with self._translate("idempotency lookup"):
            raw = self._redis.hget(self._idem_key(session_id), key)
        if raw is None:
            return False, None
        reply = load_reply(raw).get("reply")
        return True, reply

    def save_idempotent_reply(self, session_id: str, key: str, reply: Event) -> None:
        """Keep the reply for a retry; old records beyond the last few are dropped."""
        name = self._idem_key(session_id)
        record = dump_reply({"at": time.time(), "reply": reply})
        with self._translate("idempotency save"):
            if not self._redis.hexists(name, key):
                return
            self._redis.hset(name, key, record)
            if self._redis.hlen(name) > 2 * IDEMPOTENCY_KEYS_KEPT:
                records = self._redis.hgetall(name)
                ages = sorted(records, key=lambda k: _recorded_at(records[k]))
                self._redis.hdel(name, *ages[: len(ages) - IDEMPOTENCY_KEYS_KEPT])

    def close(self) -> None:
        """Release the connection pool."""
        self._redis.close()

    def _key(self, session_id: str) -> str:
        return self._prefix + session_id

    def _idem_key(self, session_id: str) -> str:
        return self._prefix + session_id + "#idem"

    @contextmanager
    def _translate(self, what: str) -> Iterator[None]:
        """Turn redis-py errors into BackendError that names the server."""
        import redis

        try:
            yield
        except redis.RedisError as e:
            raise BackendError(
                f"redis session store at {_redact(self.url)}: {what} failed: {e}; "
                "is redis-server running there? (setting redis_url / CHATBOT_REDIS_URL)"
            ) from e


def _redact(url: str) -> str:
    """The URL without a password, for error messages."""
    if "@" not in url:
        return url
    scheme, _, rest = url.partition("://")
    return f"{scheme}://***@{rest.rsplit('@', 1)[1]}"


def _recorded_at(raw: str | bytes) -> float:
    """When an idempotency record was written (0 for a damaged one, so it is dropped first)."""
    try:
        at = load_reply(raw).get("at", 0)
    except BackendError:
        return 0.0
    return float(at) if isinstance(at, int | float) else 0.0
