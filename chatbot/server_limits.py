"""Connection hygiene for `chatbot serve`: read timeouts, a connection limit, bounded logs.

uvicorn has a keep-alive timeout but no limit on how long a client may take to send a request,
so a flood of half-sent requests used to hold every file descriptor. Here:
- headers must arrive within `request_read_timeout_s` of the connection (or of the first byte of
  the next request on a kept-alive connection), else 408 and the connection is closed
  (`GuardedH11Protocol`, a small subclass of uvicorn's h11 protocol);
- the body must arrive within the same time, else 408 (`ReadWholeBody`, which also enforces the
  body size limit with or without Content-Length);
- beyond `max_connections` open connections a new one gets an immediate 503 (so the process never
  runs out of file descriptors, which made asyncio log a traceback per accept attempt), except
  that up to PROBE_ALLOWANCE more connections may still ask for /livez, /readyz or /healthz (a
  supervisor must not restart a process for being busy); any other request on those gets 503;
- warnings and errors from the server's loggers are rate limited per cause
  (`RateLimitFilter`): one line, then a count of the similar lines left out.
"""

from __future__ import annotations

import asyncio
import json
import logging
import resource
import threading
import time
from collections.abc import Callable
from typing import Any

import h11
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from uvicorn.protocols.http.h11_impl import H11Protocol

from chatbot.server_errors import error_response

log = logging.getLogger("chatbot.server")

# loggers whose warnings and errors are rate limited per cause while serving
LIMITED_LOGGERS = (
    "asyncio",
    "uvicorn.error",
    "chatbot.server",
    "chatbot.dialogue",
    "chatbot.backends.store_sqlite",
    "chatbot.backends.store_redis",
)
# asyncio accepts up to `backlog` connections in one go before any is checked against the limit
ACCEPT_BACKLOG = 128
# connections past max_connections that may still be answered if they ask for a health probe
PROBE_ALLOWANCE = 32
PROBE_PATHS = (b"/livez", b"/readyz", b"/healthz")
# descriptors kept free: one accept burst, the probe allowance, plus the database, logs,
# models and the thread pool
FD_RESERVE = ACCEPT_BACKLOG + PROBE_ALLOWANCE + 64
MAX_HEADER_BYTES = 16 * 1024


class RateLimitFilter(logging.Filter):
    """Lets one WARNING-or-above record per cause (logger, message template, exception type)
    through every `every_s` seconds; the next one that passes says how many were left out."""

    def __init__(self, every_s: float = 10.0, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self.every_s = every_s
        self._clock = clock
        self._last: dict[tuple[str, str, Any], float] = {}
        self._dropped: dict[tuple[str, str, Any], int] = {}
        self._lock = threading.Lock()

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING:
            return True
        exc_type = record.exc_info[0] if record.exc_info else None
        cause = (record.name, str(record.msg)[:200], exc_type)
        now = self._clock()
        with self._lock:
            last = self._last.get(cause)
            if last is not None and now - last < self.every_s:
                self._dropped[cause] = self._dropped.get(cause, 0) + 1
                return False
            if len(self._last) > 1000:  # many distinct messages: start over rather than grow
                self._last.clear()
            self._last[cause] = now
            dropped = self._dropped.pop(cause, 0)
        if dropped:
            record.msg = f"{record.msg} [{dropped} more like this left out]"
        if record.name == "asyncio" and record.exc_info:  # e.g. accept() failing: one line
            record.msg = f"{record.msg} ({record.exc_info[1]})".replace("\n", " ")
            record.exc_info = None
            record.exc_text = None
        return True


def install_log_limits(every_s: float = 10.0) -> RateLimitFilter:
    """Attach one RateLimitFilter to each of LIMITED_LOGGERS (call after uvicorn's log setup)."""
    limiter = RateLimitFilter(every_s)
    for name in LIMITED_LOGGERS:
        logging.getLogger(name).addFilter(limiter)
    return limiter


def _raw_response(status: int, reason: str, code: str, message: str) -> bytes:
    """A complete HTTP/1.1 error response in our JSON vocabulary, closing the connection."""
    body = json.dumps({"error": code, "message": message}).encode()
    retry = b"retry-after: 5\r\n" if status == 503 else b""
    return (
        f"HTTP/1.1 {status} {reason}\r\ncontent-type: application/json\r\n".encode()
        + retry
        + f"content-length: {len(body)}\r\nconnection: close\r\n\r\n".encode()
        + body
    )


class GuardedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol plus a header read timeout and a connection limit.

    Subclass it with `guarded_protocol()` to set the limits; uvicorn takes the class as
    `Config(http=...)`.
    """

    read_timeout_s: float = 10.0
    max_connections: int = 1000
    _header_timer: asyncio.TimerHandle | None = None
    _probes_only = False  # past max_connections: only health probes are answered
    _pending = b""  # bytes held until the request line shows a probe (when _probes_only)

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        open_now = len(self.connections)
        self._probes_only = open_now > self.max_connections
        self._pending = b""
        if open_now > self.max_connections + PROBE_ALLOWANCE:
            self._refuse()
            return
        self._arm_header_timer()

    def data_received(self, data: bytes) -> None:
        if self.transport.is_closing():
            return  # refused (503) or timed out (408): the request must not reach the app
        if self._header_timer is None and self.conn.their_state is h11.IDLE:
            self._arm_header_timer()  # the first bytes of the next request on this connection
        if self._probes_only and self.conn.their_state is h11.IDLE:
            # over the limit: hold the bytes until the request line shows a health probe
            self._pending += data
            line, found, _ = self._pending.partition(b"\r\n")
            if not found and len(self._pending) <= 1024:
                return
            if not found or not is_probe_request_line(line):
                self._refuse()
                return
            data, self._pending = self._pending, b""
        super().data_received(data)
        if self._probes_only and self.cycle is not None:
            self.cycle.keep_alive = False  # one probe, then close: no later request slips in
        if self._header_timer is not None and self.conn.their_state is not h11.IDLE:
            self._header_timer.cancel()  # the request line and headers are in
            self._header_timer = None

    def _refuse(self) -> None:
        log.warning("connection limit (%d) reached: new connections get 503", self.max_connections)
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None
        self.transport.write(
            _raw_response(
                503,
                "Service Unavailable",
                "overloaded",
                "the server has too many open connections; try again shortly",
            )
        )
        self.transport.close()

    def connection_lost(self, exc: Exception | None) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None
        super().connection_lost(exc)

    def _arm_header_timer(self) -> None:
        self._header_timer = self.loop.call_later(self.read_timeout_s, self._headers_too_slow)

    def _headers_too_slow(self) -> None:
        self._header_timer = None
        if self.transport.is_closing() or self.conn.their_state is not h11.IDLE:
            return
        log.warning(
            "request headers not received within %.0f s: connection closed", self.read_timeout_s
        )
        self.transport.write(
            _raw_response(
                408,
                "Request Timeout",
                "request_timeout",
                f"the request was not received within {self.read_timeout_s:g} s",
            )
        )
        self.transport.close()


def is_probe_request_line(line: bytes) -> bool:
    """True for an HTTP request line `GET|HEAD /livez|/readyz|/healthz[?...] HTTP/1.x`."""
    parts = line.split(b" ")
    if len(parts) != 3 or parts[0] not in (b"GET", b"HEAD"):
        return False
    return parts[1].partition(b"?")[0] in PROBE_PATHS and parts[2].startswith(b"HTTP/1.")


def guarded_protocol(read_timeout_s: float, max_connections: int) -> type[GuardedH11Protocol]:
    """A GuardedH11Protocol subclass with these limits."""
    attrs = {"read_timeout_s": read_timeout_s, "max_connections": max_connections}
    return type("ChatbotH11Protocol", (GuardedH11Protocol,), attrs)


class ReadWholeBody:
    """Reads the whole request body before the app runs: within `timeout_s` (else 408) and up to
    `max_bytes` (else 413), with or without a Content-Length; then replays it to the app."""

    def __init__(self, app: ASGIApp, max_bytes: int, timeout_s: float) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.timeout_s = timeout_s

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            await _close_with(413, "body_too_large", TOO_LARGE, scope, receive, send)
            return
        chunks: list[bytes] = []
        size = 0
        try:
            async with asyncio.timeout(self.timeout_s):
                while True:
                    message = await receive()
                    if message["type"] == "http.disconnect":
                        return  # the client went away before sending its request
                    body = message.get("body", b"")
                    size += len(body)
                    if size > self.max_bytes:
                        await _close_with(413, "body_too_large", TOO_LARGE, scope, receive, send)
                        return
                    chunks.append(body)
                    if not message.get("more_body", False):
                        break
        except TimeoutError:
            log.warning("request body not received within %.0f s: answered 408", self.timeout_s)
            message_text = f"the request body was not received within {self.timeout_s:g} s"
            await _close_with(408, "request_timeout", message_text, scope, receive, send)
            return
        whole = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": whole, "more_body": False}
            return await receive()  # http.disconnect, for streaming responses

        await self.app(scope, replay, send)


TOO_LARGE = "the request body is too large; send a shorter message"


async def _close_with(
    status: int, code: str, message: str, scope: Scope, receive: Receive, send: Send
) -> None:
    response = error_response(status, code, message, {"Connection": "close"})
    await response(scope, receive, send)


def raise_open_file_limit() -> int:
    """Raise the soft open-file limit to the hard one; returns the soft limit now in force."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY:
        hard = max(soft, 65536)
    if soft < hard:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
            soft = hard
        except (ValueError, OSError):
            pass
    return soft


def connection_limit(configured: int, open_file_limit: int) -> int:
    """`configured` when set (> 0), else (and at most) the open-file limit less FD_RESERVE."""
    cap = max(16, open_file_limit - FD_RESERVE)
    return min(configured, cap) if configured > 0 else cap


def run_server(app: ASGIApp, settings: Any, *, host: str, port: int) -> None:
    """Serve `app` with uvicorn under the limits in `settings` (blocks until stopped).

    Settings used: request_read_timeout_s (headers and body), keep_alive_s, max_connections
    (0: the open-file limit, raised to its hard maximum first, less FD_RESERVE).
    """
    import uvicorn

    open_files = raise_open_file_limit()
    limit = connection_limit(settings.max_connections, open_files)
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        http=guarded_protocol(settings.request_read_timeout_s, limit),
        timeout_keep_alive=settings.keep_alive_s,
        h11_max_incomplete_event_size=MAX_HEADER_BYTES,
        timeout_graceful_shutdown=10,
        backlog=ACCEPT_BACKLOG,
        log_level="warning",
        access_log=False,
    )
    install_log_limits()  # after uvicorn.Config, which configures its loggers
    log.warning(
        "limits: %d connections, %.0f s to send a request, %d s keep-alive",
        limit,
        settings.request_read_timeout_s,
        settings.keep_alive_s,
    )
    uvicorn.Server(config).run()
