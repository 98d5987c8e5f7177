"""HTTP API: FastAPI app exposing the dialogue manager (OpenAPI docs at /docs).

Errors, keys and connection limits live in server_errors.py, server_auth.py and
server_limits.py; this module holds the routes, health checks and the reply shape.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import logging
import secrets
import threading
import time
import unicodedata
from collections.abc import AsyncIterator, Callable, Iterator
from typing import TYPE_CHECKING, Annotated, Any, Protocol, TypeVar, cast

from fastapi import Depends, FastAPI, Header, Path, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from fastapi.security import HTTPBearer
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send

from chatbot import __version__
from chatbot.config import Settings
from chatbot.errors import BackendError, ChatbotError, SessionNotFound
from chatbot.kinds import FeedbackKind, ReplyKind
from chatbot.server_auth import ApiKeys, is_loopback
from chatbot.server_errors import ERROR_RESPONSES, ApiError, ErrorOut, describe, error_response
from chatbot.server_errors import install_error_handlers as _install_error_handlers
from chatbot.server_limits import ReadWholeBody
from chatbot.sessions import SessionLocks, SessionStore, idempotency_key

if TYPE_CHECKING:
    from chatbot.dialogue import Reply
    from chatbot.interest import InterestState

log = logging.getLogger(__name__)

# Letters, digits and _ . : @ - (room for "tg:12345" or a UUID), 1 to 128 characters.
SESSION_ID_PATTERN = r"^[A-Za-z0-9_.:@-]{1,128}$"
SessionId = Annotated[
    str,
    Path(
        pattern=SESSION_ID_PATTERN,
        description="Your session id: 1-128 letters, digits or _ . : @ -",
        examples=["user-42"],
    ),
]
IdempotencyKey = Annotated[
    str | None,
    Header(
        max_length=255,
        pattern=r"^[\x21-\x7e]+$",
        description="Optional: a retry with the same key returns the first reply and stores "
        "nothing twice (1-255 printable ASCII characters, e.g. a UUID)",
    ),
]
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")
WARM_UP_TEXT = "something like a heist with a twist"
# documents the bearer scheme in OpenAPI; the check itself is ApiKeys.authorize
_BEARER = HTTPBearer(auto_error=False, description="An API key (when the server has keys)")
T = TypeVar("T")
# re-exported for callers that built error bodies through this module
__all__ = ["create_app", "ErrorOut", "SESSION_ID_PATTERN"]


class ServedManager(Protocol):
    """What the API needs from chatbot.dialogue.DialogueManager."""

    store: SessionStore

    def respond(self, session_id: str, text: str) -> Reply: ...
    def stream(self, session_id: str, text: str) -> Iterator[str | Reply]: ...
    def feedback(self, session_id: str, item_id: str, kind: FeedbackKind) -> Reply: ...
    def state(self, session_id: str) -> InterestState: ...
    def remove_belief(self, session_id: str, belief_id: str) -> InterestState: ...
    def reset(self, session_id: str) -> InterestState: ...
    def forget(self, session_id: str) -> None: ...


class MessageIn(BaseModel):
    """A user message."""

    model_config = ConfigDict(extra="forbid")
    text: str = Field(description="What the user said", examples=["something like Alien but funny"])


class FeedbackIn(BaseModel):
    """A button press on a recommended item."""

    model_config = ConfigDict(extra="forbid")
    item_id: str = Field(max_length=256, description="Catalogue id of a recommended item")
    kind: FeedbackKind = Field(description="What the user thinks of the item")


class ItemOut(BaseModel):
    """A recommended catalogue item and why it was chosen."""

    model_config = ConfigDict(extra="allow")
    id: str
    title: str
    reason: str = ""


class ReplyOut(BaseModel):
    """The bot's answer: text, grounded items and the session's interest state.

    Lists in `state` (and `beliefs`) keep the most recent `max_state_items` entries;
    `state.counts` gives the full length of each list.
    """

    model_config = ConfigDict(extra="allow")
    session_id: str
    text: str
    items: list[ItemOut]
    state: dict[str, Any]
    kind: ReplyKind = Field(description="What the reply does, for styling it")
    fell_back: bool = Field(
        default=False,
        description="True when some of the text is the system's template text, not the "
        "model's (no model configured, the model failed, or its sentence was not grounded)",
    )


class StateOut(BaseModel):
    """A session's interest state (lists bounded as in ReplyOut)."""

    model_config = ConfigDict(extra="allow")
    session_id: str
    state: dict[str, Any]
    summary: str
    beliefs: list[dict[str, Any]]


def create_app(
    manager: ServedManager,
    settings: Settings,
    *,
    max_body_bytes: int | None = None,
    keys: ApiKeys | None = None,
    warm_up: bool = True,
) -> FastAPI:
    """The API around one manager; blocking manager calls run in the thread pool.

    `keys` defaults to the keys in `settings` (none: no authentication). Lifespan tasks: a
    purge of expired sessions every `settings.purge_interval_s` and, with `warm_up`, one
    throwaway turn (then forgotten) that loads every lazily loaded model (NLP pipeline,
    embedder, chat model); until it succeeds /readyz answers 503 with `models` failing.
    """
    keys = ApiKeys.from_settings(settings) if keys is None else keys
    health = _Health(manager.store, settings.readiness_timeout_s)
    if not warm_up:
        health.models = "ok"
    app = _new_app(manager, settings, health, warm_up=warm_up, max_body_bytes=max_body_bytes)

    def authorized(request: Request, _: Annotated[Any, Depends(_BEARER)]) -> None:
        keys.authorize(request.headers.get("authorization"), request.path_params.get("session_id"))

    auth = [Depends(authorized)] if keys.enabled else []
    turns = _Turns(manager, settings)
    _add_probes(app, health)
    _add_chat_routes(app, turns, auth)
    _add_session_routes(app, turns, auth)
    return app


def _new_app(
    manager: ServedManager,
    settings: Settings,
    health: _Health,
    *,
    warm_up: bool,
    max_body_bytes: int | None,
) -> FastAPI:
    """The FastAPI app with its lifespan tasks, middleware, error handlers and docs."""
    store = manager.store
    # JSON may escape each character as \\uXXXX\\uXXXX (12 bytes), plus room for the envelope
    body_limit = max_body_bytes or 12 * settings.max_message_chars + 4096

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        purge = asyncio.create_task(_purge_forever(store, settings.purge_interval_s))
        if warm_up:
            threading.Thread(target=health.warm_up, args=(manager,), daemon=True).start()
        try:
            yield
        finally:
            health.stop.set()
            purge.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await purge

    app = FastAPI(
        title="chatbot",
        version=__version__,
        description="Conversational recommender: chat about what you like, get grounded picks.",
        docs_url=None,  # served below from local assets (no CDN)
        redoc_url=None,
        lifespan=lifespan,
    )
    app.add_middleware(
        ReadWholeBody, max_bytes=body_limit, timeout_s=settings.request_read_timeout_s
    )
    origins = [o.strip() for o in settings.cors_origins.split(",") if o.strip()]
    if origins:
        app.add_middleware(
            _JsonCors,
            allow_origins=origins,
            allow_methods=["GET", "POST", "DELETE"],
            allow_headers=["Authorization", "Content-Type", "Idempotency-Key"],
            expose_headers=["Retry-After", "Idempotent-Replayed"],
            max_age=600,
        )
    app.add_middleware(_HostAllowList, allowed=_allowed_hosts(settings))
    _install_error_handlers(app)
    if settings.docs_enabled:
        _add_docs(app)
    return app


class _Turns:
    """What the routes share: input checks, turn logging, the reply shape, idempotent turns."""

    def __init__(self, manager: ServedManager, settings: Settings) -> None:
        self.manager = manager
        self.store: SessionStore = manager.store
        self.settings = settings
        self.idem_locks = SessionLocks()

    def check_text(self, text: str) -> None:
        """413 for a message over the limit, 422 for one with nothing printable."""
        limit = self.settings.max_message_chars
        length = len(text.strip())  # the manager strips, so trailing spaces do not count
        if not any(unicodedata.category(ch)[0] not in "CZ" for ch in text):
            length = 0  # only spaces and control/format characters (NUL, zero-width...)
        if length > limit:
            raise ApiError(
                413,
                "message_too_long",
                f"the message has {length} characters; the limit is {limit}. "
                "Send a shorter message.",
            )
        if not length:
            raise ApiError(422, "empty_message", "the message is empty; send some text")

    def log_turn(self, what: str, sid: str, started: float, text: str = "") -> None:
        ms = (time.perf_counter() - started) * 1000
        if self.settings.debug_log_text and text:
            log.info("%s session=%s %.0f ms text=%r", what, sid, ms, text)
        else:
            log.info("%s session=%s %.0f ms", what, sid, ms)

    def shape(self, reply: Reply) -> dict[str, Any]:
        return bound_reply(reply.to_dict(), self.settings.max_state_items)

    def require_session(self, sid: str) -> None:
        if not self.store.load(sid):
            raise SessionNotFound(f"no session {sid!r} (never started, expired or forgotten)")

    def state(self, sid: str, state: InterestState) -> JSONResponse:
        return JSONResponse(_state_dict(sid, state, self.settings.max_state_items))

    async def state_call(
        self, sid: str, call: Callable[..., InterestState], *args: Any
    ) -> JSONResponse:
        """404 for an unknown session, else the state `call(sid, *args)` returns."""
        await run_in_threadpool(self.require_session, sid)
        return self.state(sid, await run_in_threadpool(call, sid, *args))

    def once(
        self, sid: str, key: str | None, request: dict[str, Any], turn: Callable[[], Reply]
    ) -> JSONResponse:
        """Run a turn; with an Idempotency-Key, a repeat returns the stored reply instead (422
        when the key comes back with a different request)."""
        if key is None:
            return JSONResponse(self.shape(turn()))
        fingerprint = hashlib.sha256(json.dumps(request, sort_keys=True).encode()).hexdigest()
        with self.idem_locks.hold(sid):
            seen, stored = self.store.idempotent_reply(sid, key)
            if seen:
                if stored is not None and stored.get("request") != fingerprint:
                    raise ApiError(
                        422,
                        "idempotency_key_reused",
                        "this Idempotency-Key was used for a different request; use a new key "
                        "for each new message or button press",
                    )
                body = stored["reply"] if stored is not None else self.lost_reply(sid)
                return JSONResponse(body, headers={"Idempotent-Replayed": "true"})
            with idempotency_key(key):
                body = self.shape(turn())
            try:
                self.store.save_idempotent_reply(sid, key, {"request": fingerprint, "reply": body})
            except BackendError as e:  # the turn is stored; a retry gets lost_reply()
                log.warning("could not keep the reply for an idempotency key: %s", e)
            return JSONResponse(body)

    def lost_reply(self, sid: str) -> dict[str, Any]:
        state = _state_dict(sid, self.manager.state(sid), self.settings.max_state_items)
        notice = "this request was already handled, but its reply was lost; ask again for picks"
        return {
            **state,
            "text": "",
            "items": [],
            "kind": ReplyKind.REPLAYED,
            "notices": [notice],
            "fell_back": False,
        }


_NOT_READY: dict[int | str, dict[str, Any]] = {
    503: {"model": ErrorOut, "description": "Not ready: see `checks`"}
}


def _add_probes(app: FastAPI, health: _Health) -> None:
    """GET and HEAD /livez, /readyz and /healthz (no key needed)."""

    @app.get("/livez", tags=["service"])
    async def livez() -> dict[str, str]:
        """Liveness: the process is up and its event loop answers (never checks backends)."""
        return {"status": "ok", "version": __version__}

    @app.get("/readyz", tags=["service"], responses=_NOT_READY)
    async def readyz() -> JSONResponse:
        """Readiness: the session store is reachable and writable and the models are loaded;
        503 with the failing component in `checks` otherwise."""
        checks = {"store": await health.check_store(), "models": health.models}
        failing = sorted(k for k, v in checks.items() if v != "ok")
        if failing:
            body = {
                "error": "not_ready",
                "message": "not ready: " + ", ".join(f"{k} {checks[k]}" for k in failing),
                "checks": checks,
            }
            headers = {"Retry-After": "5"}
            return JSONResponse(body, status_code=503, headers=headers)
        return JSONResponse({"status": "ok", "version": __version__, "checks": checks})

    @app.get("/healthz", tags=["service"], responses=_NOT_READY)
    async def healthz() -> JSONResponse:
        """Alias of /readyz (kept for existing probes)."""
        return await readyz()

    for path, probe in (("/livez", livez), ("/readyz", readyz), ("/healthz", healthz)):
        app.add_api_route(path, probe, methods=["HEAD"], include_in_schema=False)


_STREAM_RESPONSES: dict[int | str, dict[str, Any]] = {
    **ERROR_RESPONSES,
    200: {
        "description": "Server-sent events: `delta` events with {'text': chunk}, then "
        "one `reply` event with the full reply JSON (or one `error` event with "
        "{'error': code, 'message': ...}, the codes of JSON errors)",
        "content": {"text/event-stream": {"schema": {"type": "string"}}},
    },
}


def _add_chat_routes(app: FastAPI, turns: _Turns, auth: list[Any]) -> None:
    """POST messages, messages/stream and feedback."""
    manager = turns.manager
    common: dict[str, Any] = {"tags": ["chat"], "dependencies": auth}

    @app.post(
        "/v1/sessions/{session_id}/messages",
        response_model=ReplyOut,
        responses=ERROR_RESPONSES,
        **common,
    )
    async def post_message(
        session_id: SessionId,
        body: MessageIn,
        idempotency_key: IdempotencyKey = None,
    ) -> JSONResponse:
        """Send a message; get the reply text, recommended items and the updated state."""
        turns.check_text(body.text)
        started = time.perf_counter()
        response = await run_in_threadpool(
            turns.once,
            session_id,
            idempotency_key,
            {"path": "messages", "text": body.text},
            lambda: manager.respond(session_id, body.text),
        )
        turns.log_turn("message", session_id, started, body.text)
        return response

    _add_stream_route(app, turns, common)  # between the two, as the API documents them

    @app.post(
        "/v1/sessions/{session_id}/feedback",
        response_model=ReplyOut,
        responses=ERROR_RESPONSES,
        **common,
    )
    async def post_feedback(
        session_id: SessionId, body: FeedbackIn, idempotency_key: IdempotencyKey = None
    ) -> JSONResponse:
        """Like, dislike or mark as seen an item; get a new reply (404 for an unknown session)."""
        started = time.perf_counter()
        await run_in_threadpool(turns.require_session, session_id)
        response = await run_in_threadpool(
            turns.once,
            session_id,
            idempotency_key,
            {"path": "feedback", "item_id": body.item_id, "kind": body.kind},
            lambda: manager.feedback(session_id, body.item_id, body.kind),
        )
        turns.log_turn(f"feedback {body.kind}", session_id, started)
        return response


def _add_stream_route(app: FastAPI, turns: _Turns, common: dict[str, Any]) -> None:
    """POST messages/stream (server-sent events); `common`: the chat routes' tags and auth."""
    manager = turns.manager

    @app.post(
        "/v1/sessions/{session_id}/messages/stream",
        responses=_STREAM_RESPONSES,
        response_class=StreamingResponse,
        **common,
    )
    async def post_message_stream(session_id: SessionId, body: MessageIn) -> StreamingResponse:
        """Like /messages, but streams the reply text as it is written (SSE)."""
        turns.check_text(body.text)
        chunks = manager.stream(session_id, body.text)
        # the first step runs before the 200 goes out, so bad input still gets a 4xx
        first = await _next_in_thread(chunks)
        return StreamingResponse(
            _sse(chunks, first, session_id, turns.settings.max_state_items),
            media_type="text/event-stream",
            headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
        )


def _add_session_routes(app: FastAPI, turns: _Turns, auth: list[Any]) -> None:
    """GET and DELETE a session, DELETE a belief, POST reset."""
    manager = turns.manager
    common: dict[str, Any] = {
        "tags": ["sessions"],
        "responses": ERROR_RESPONSES,
        "dependencies": auth,
    }

    @app.get("/v1/sessions/{session_id}", response_model=StateOut, **common)
    async def get_session(session_id: SessionId) -> JSONResponse:
        """The session's interest state (404 for a session that never spoke or was forgotten)."""
        return await turns.state_call(session_id, manager.state)

    @app.delete("/v1/sessions/{session_id}/beliefs/{belief_id}", response_model=StateOut, **common)
    async def delete_belief(
        session_id: SessionId, belief_id: Annotated[str, Path(max_length=256)]
    ) -> JSONResponse:
        """Undo one thing the bot believes about you (ids from `beliefs`); 404 for an unknown
        session, 422 for an unknown belief."""
        return await turns.state_call(session_id, manager.remove_belief, belief_id)

    @app.post("/v1/sessions/{session_id}/reset", response_model=StateOut, **common)
    async def reset_session(session_id: SessionId) -> JSONResponse:
        """Start over: clear the interest state (the history is kept as a reset event); 404 for
        an unknown session."""
        return await turns.state_call(session_id, manager.reset)

    @app.delete("/v1/sessions/{session_id}", status_code=204, **common)
    async def delete_session(session_id: SessionId) -> Response:
        """Forget me: delete everything stored about the session (204 also when unknown)."""
        await run_in_threadpool(manager.forget, session_id)
        log.info("forget session=%s", session_id)
        return Response(status_code=204)


def bound_reply(reply: dict[str, Any], limit: int) -> dict[str, Any]:
    """The reply (or state) dict with every list in `state` and `beliefs` cut to the `limit`
    most recent entries; `state.counts` holds each list's full length."""
    out = dict(reply)
    if isinstance(out.get("state"), dict):
        state = dict(out["state"])
        counts = {k: len(v) for k, v in state.items() if isinstance(v, list)}
        for name, n in counts.items():
            if n > limit:
                state[name] = state[name][-limit:]
        state["counts"] = counts
        out["state"] = state
    if isinstance(out.get("beliefs"), list):
        out["beliefs"] = out["beliefs"][-limit:]
    return out


class _Health:
    """Readiness: one store check at a time (a stalled store is reported, not waited on) and the
    state of the model loading."""

    def __init__(self, store: SessionStore, timeout_s: float) -> None:
        self.store = store
        self.timeout_s = timeout_s
        self.models = "loading"
        self.stop = threading.Event()
        self._checking: asyncio.Future[None] | None = None

    def warm_up(self, manager: ServedManager, retry_s: float = 10.0) -> None:
        """One real turn on a throwaway session, then forget it: every lazily loaded part (the
        NLP pipeline, the embedder, the chat model) is loaded before /readyz says ok. Retries
        every `retry_s` seconds while it fails (`models` is then "failed")."""
        sid = f"_warmup:{secrets.token_hex(8)}"
        while not self.stop.is_set():
            started = time.perf_counter()
            try:
                manager.respond(sid, WARM_UP_TEXT)
                manager.forget(sid)
            except Exception as e:  # noqa: BLE001 - reported through /readyz and the log
                log.error("warm-up turn failed (retrying in %.0f s): %s", retry_s, e)
                self.models = "failed"
                with contextlib.suppress(Exception):
                    manager.forget(sid)
                self.stop.wait(retry_s)
                continue
            log.warning("warm-up turn took %.1f s: ready", time.perf_counter() - started)
            self.models = "ok"
            return

    async def check_store(self) -> str:
        if self._checking is not None and not self._checking.done():
            return "stalled"  # the previous check has not come back
        loop = asyncio.get_running_loop()
        self._checking = loop.run_in_executor(None, self.store.check)
        try:
            await asyncio.wait_for(asyncio.shield(self._checking), self.timeout_s)
        except TimeoutError:
            log.error("session store check did not answer within %.1f s", self.timeout_s)
            return "stalled"
        except BackendError as e:
            log.error("session store check failed: %s", e)
            return "unavailable"
        except Exception as e:  # noqa: BLE001 - any other failure also means not ready
            log.error("session store check failed: %s: %s", type(e).__name__, e)
            return "failed"
        return "ok"


async def _purge_forever(store: SessionStore, every_s: float) -> None:
    """Purge expired sessions now and then every `every_s` seconds (errors are logged)."""
    while True:
        try:
            removed = await run_in_threadpool(store.purge_expired)
            if removed:
                log.info("purged %d expired sessions", removed)
        except ChatbotError as e:
            log.error("purging expired sessions failed: %s", e)
        await asyncio.sleep(every_s)


def _allowed_hosts(settings: Settings) -> list[str]:
    """settings.allowed_hosts, or loopback names when serving on loopback (no DNS rebinding)."""
    listed = [h.strip() for h in settings.allowed_hosts.split(",") if h.strip()]
    if listed:
        return listed
    return list(LOOPBACK_HOSTS) if is_loopback(settings.host) else ["*"]


def host_name(header: str) -> str:
    """The host name in a Host header value, lower case, without port or IPv6 brackets:
    'Bot.example:8080' -> 'bot.example', '[::1]:8431' -> '::1', '::1' -> '::1'; '' when
    malformed (an unclosed bracket)."""
    value = header.strip().lower()
    if value.startswith("["):
        end = value.find("]")
        return value[1:end] if end > 0 else ""
    if value.count(":") == 1:  # name:port (a bare IPv6 address has several colons)
        return value.partition(":")[0]
    return value


class _HostAllowList:
    """The Host header allow-list (against DNS rebinding), answered in the API's JSON shape.

    Entries are names or addresses (IPv6 with or without brackets), `*.example.org` for any
    subdomain, or `*` for any host; ports are ignored. Starlette's TrustedHostMiddleware cuts the
    header at the first colon, which refused every IPv6 address, so the check is done here.
    """

    def __init__(self, app: ASGIApp, allowed: list[str]) -> None:
        self.app = app
        self.any = "*" in allowed
        names = [host_name(h) if not h.startswith("*.") else h.lower() for h in allowed]
        self.exact = {n for n in names if n and not n.startswith("*")}
        self.suffixes = tuple(n[1:] for n in names if n.startswith("*."))

    def allows(self, header: str) -> bool:
        """True when the Host header value names an allowed host."""
        if self.any:
            return True
        name = host_name(header)
        if not name:
            return False
        return name in self.exact or bool(self.suffixes and name.endswith(self.suffixes))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket") and not self.allows(
            Headers(scope=scope).get("host", "")
        ):
            text = "the Host header is not one this server answers to (allowed_hosts)"
            await error_response(400, "invalid_host", text)(scope, receive, send)
            return
        await self.app(scope, receive, send)


class _JsonCors(CORSMiddleware):
    """CORSMiddleware whose refused preflights answer 403 `cors_not_allowed` in the API's JSON
    shape (Starlette answers a plain-text 400)."""

    def preflight_response(self, request_headers: Headers) -> Response:
        response = super().preflight_response(request_headers)
        if response.status_code != 400:
            return response
        what = bytes(response.body).decode().removeprefix("Disallowed CORS ")
        return error_response(
            403,
            "cors_not_allowed",
            f"this cross-origin request is not allowed (not allowed: {what}); the server's "
            "CORS_ORIGINS lists the web origins that may call it",
        )


def _add_docs(app: FastAPI) -> None:
    """Swagger UI at /docs with its assets served from the swagger-ui-bundle package."""
    from swagger_ui_bundle import swagger_ui_path

    app.mount("/docs-assets", StaticFiles(directory=swagger_ui_path), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="chatbot API",
            swagger_js_url="/docs-assets/swagger-ui-bundle.js",
            swagger_css_url="/docs-assets/swagger-ui.css",
            swagger_favicon_url="/docs-assets/favicon-32x32.png",
        )


def _state_dict(session_id: str, state: InterestState, limit: int) -> dict[str, Any]:
    return bound_reply(
        {
            "session_id": session_id,
            "state": state.to_dict(),
            "summary": state.summary(),
            "beliefs": [{"id": b.id, "label": b.label} for b in state.beliefs()],
        },
        limit,
    )


_END = object()


async def _next_in_thread(chunks: Iterator[T]) -> T | object:
    """The iterator's next value computed in the thread pool (_END when exhausted)."""
    return await run_in_threadpool(next, chunks, _END)


async def _sse(
    chunks: Iterator[str | Reply], first: str | Reply | object, session_id: str, limit: int
) -> AsyncIterator[str]:
    """Server-sent events from a manager stream: deltas, then the final reply (or one error
    event with the same codes as JSON errors)."""
    item = first
    try:
        while item is not _END:
            if isinstance(item, str):
                yield _event("delta", {"text": item})
            else:
                yield _event("reply", bound_reply(cast("Reply", item).to_dict(), limit))
            item = await _next_in_thread(chunks)
    except Exception as e:  # noqa: BLE001 - every failure becomes one error event
        log.warning("stream for session %s failed: %s", session_id, type(e).__name__)
        _, code, message = describe(e)
        yield _event("error", {"error": code, "message": message})
    finally:
        close = getattr(chunks, "close", None)
        if close is not None:  # release the session lock if the client went away mid-stream
            await run_in_threadpool(close)


def _event(name: str, data: dict[str, Any]) -> str:
    return f"event: {name}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"
