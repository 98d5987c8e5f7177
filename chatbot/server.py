"""HTTP API: FastAPI app exposing the dialogue manager (OpenAPI docs at /docs)."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import AsyncIterator, Iterator
from typing import Annotated, Any, Literal, Protocol, TypeVar

from fastapi import FastAPI, Path, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response, StreamingResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from chatbot import __version__
from chatbot.config import Settings
from chatbot.errors import (
    BackendError,
    ChatbotError,
    InputError,
    SessionNotFound,
    UnknownItemError,
)
from chatbot.sessions import SessionStore

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
T = TypeVar("T")


class ServedManager(Protocol):
    """What the API needs from chatbot.dialogue.DialogueManager."""

    store: SessionStore

    def respond(self, session_id: str, text: str) -> Any: ...
    def stream(self, session_id: str, text: str) -> Iterator[Any]: ...
    def feedback(self, session_id: str, item_id: str, kind: str) -> Any: ...
    def state(self, session_id: str) -> Any: ...
    def remove_belief(self, session_id: str, belief_id: str) -> Any: ...
    def reset(self, session_id: str) -> Any: ...
    def forget(self, session_id: str) -> None: ...


class MessageIn(BaseModel):
    """A user message."""

    model_config = ConfigDict(extra="forbid")
    text: str = Field(description="What the user said", examples=["something like Alien but funny"])


class FeedbackIn(BaseModel):
    """A button press on a recommended item."""

    model_config = ConfigDict(extra="forbid")
    item_id: str = Field(max_length=256, description="Catalogue id of a recommended item")
    kind: Literal["like", "dislike", "seen"]


class ItemOut(BaseModel):
    """A recommended catalogue item and why it was chosen."""

    model_config = ConfigDict(extra="allow")
    id: str
    title: str
    reason: str = ""


class ReplyOut(BaseModel):
    """The bot's answer: text, grounded items and the session's interest state."""

    model_config = ConfigDict(extra="allow")
    session_id: str
    text: str
    items: list[ItemOut]
    state: dict[str, Any]


class StateOut(BaseModel):
    """A session's interest state."""

    model_config = ConfigDict(extra="allow")
    session_id: str
    state: dict[str, Any]
    summary: str
    beliefs: list[dict[str, Any]]


class ErrorOut(BaseModel):
    """Every error response: a stable code and a message saying what to do."""

    error: str
    message: str


_ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorOut, "description": "Unknown session or item"},
    413: {"model": ErrorOut, "description": "Message or request body too large"},
    422: {"model": ErrorOut, "description": "Invalid request"},
}


def create_app(
    manager: ServedManager, settings: Settings, *, max_body_bytes: int | None = None
) -> FastAPI:
    """The API around one manager; blocking manager calls run in the thread pool."""
    # JSON may escape each character as \\uXXXX\\uXXXX (12 bytes), plus room for the envelope
    body_limit = max_body_bytes or 12 * settings.max_message_chars + 4096
    app = FastAPI(
        title="chatbot",
        version=__version__,
        description="Conversational recommender: chat about what you like, get grounded picks.",
    )
    app.add_middleware(_BodyLimit, max_bytes=body_limit)
    _install_error_handlers(app)

    def check_text(text: str) -> None:
        if len(text) > settings.max_message_chars:
            raise _ApiError(
                413,
                "message_too_long",
                f"the message has {len(text)} characters; the limit is "
                f"{settings.max_message_chars}. Send a shorter message.",
            )
        if not text.strip():
            raise _ApiError(422, "empty_message", "the message is empty; send some text")

    def log_turn(what: str, sid: str, started: float, text: str = "") -> None:
        ms = (time.perf_counter() - started) * 1000
        if settings.debug_log_text and text:
            log.info("%s session=%s %.0f ms text=%r", what, sid, ms, text)
        else:
            log.info("%s session=%s %.0f ms", what, sid, ms)

    @app.get("/healthz", tags=["service"])
    async def healthz() -> dict[str, str]:
        """Liveness: the process is up and serving."""
        return {"status": "ok", "version": __version__}

    @app.post(
        "/v1/sessions/{session_id}/messages",
        tags=["chat"],
        response_model=ReplyOut,
        responses=_ERRORS,
    )
    async def post_message(session_id: SessionId, body: MessageIn) -> JSONResponse:
        """Send a message; get the reply text, recommended items and the updated state."""
        check_text(body.text)
        started = time.perf_counter()
        reply = await run_in_threadpool(manager.respond, session_id, body.text)
        log_turn("message", session_id, started, body.text)
        return JSONResponse(reply.to_dict())

    @app.post(
        "/v1/sessions/{session_id}/messages/stream",
        tags=["chat"],
        responses={
            **_ERRORS,
            200: {
                "description": "Server-sent events: `delta` events with {'text': chunk}, then "
                "one `reply` event with the full reply JSON (or one `error` event)",
                "content": {"text/event-stream": {"schema": {"type": "string"}}},
            },
        },
        response_class=StreamingResponse,
    )
    async def post_message_stream(session_id: SessionId, body: MessageIn) -> StreamingResponse:
        """Like /messages, but streams the reply text as it is written (SSE)."""
        check_text(body.text)
        chunks = manager.stream(session_id, body.text)
        # the first step runs before the 200 goes out, so bad input still gets a 4xx
        first = await _next_in_thread(chunks)
        return StreamingResponse(
            _sse(chunks, first, session_id),
            media_type="text/event-stream",
            headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
        )

    @app.post(
        "/v1/sessions/{session_id}/feedback",
        tags=["chat"],
        response_model=ReplyOut,
        responses=_ERRORS,
    )
    async def post_feedback(session_id: SessionId, body: FeedbackIn) -> JSONResponse:
        """Like, dislike or mark as seen an item; get a new reply."""
        started = time.perf_counter()
        reply = await run_in_threadpool(manager.feedback, session_id, body.item_id, body.kind)
        log_turn(f"feedback {body.kind}", session_id, started)
        return JSONResponse(reply.to_dict())

    @app.get(
        "/v1/sessions/{session_id}", tags=["sessions"], response_model=StateOut, responses=_ERRORS
    )
    async def get_session(session_id: SessionId) -> JSONResponse:
        """The session's interest state (404 for a session that never spoke or was forgotten)."""
        if not await run_in_threadpool(manager.store.load, session_id):
            raise SessionNotFound(
                f"no session {session_id!r} (never started, expired or forgotten)"
            )
        state = await run_in_threadpool(manager.state, session_id)
        return JSONResponse(_state_dict(session_id, state))

    @app.delete(
        "/v1/sessions/{session_id}/beliefs/{belief_id}",
        tags=["sessions"],
        response_model=StateOut,
        responses=_ERRORS,
    )
    async def delete_belief(
        session_id: SessionId, belief_id: Annotated[str, Path(max_length=256)]
    ) -> JSONResponse:
        """Undo one thing the bot believes about you (ids from `beliefs`)."""
        state = await run_in_threadpool(manager.remove_belief, session_id, belief_id)
        return JSONResponse(_state_dict(session_id, state))

    @app.post(
        "/v1/sessions/{session_id}/reset",
        tags=["sessions"],
        response_model=StateOut,
        responses=_ERRORS,
    )
    async def reset_session(session_id: SessionId) -> JSONResponse:
        """Start over: clear the interest state (the history is kept as a reset event)."""
        state = await run_in_threadpool(manager.reset, session_id)
        return JSONResponse(_state_dict(session_id, state))

    @app.delete("/v1/sessions/{session_id}", tags=["sessions"], status_code=204, responses=_ERRORS)
    async def delete_session(session_id: SessionId) -> Response:
        """Forget me: delete everything stored about the session."""
        await run_in_threadpool(manager.forget, session_id)
        log.info("forget session=%s", session_id)
        return Response(status_code=204)

    return app


class _BodyLimit:
    """Rejects bodies over max_bytes with a JSON 413, with or without a Content-Length."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            response = _error(413, "body_too_large", _TOO_LARGE)
            await response(scope, receive, send)
            return
        seen = 0

        async def counting_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:  # chunked upload: the route's error handler answers
                    raise StarletteHTTPException(413, _TOO_LARGE)
            return message

        await self.app(scope, counting_receive, send)


_TOO_LARGE = "the request body is too large; send a shorter message"


class _ApiError(Exception):
    """An error response with a code and a message."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


def _error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"error": code, "message": message}, status_code=status)


_HTTP_CODES = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    413: "body_too_large",
    415: "unsupported_media_type",
}


def _install_error_handlers(app: FastAPI) -> None:
    async def api_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, _ApiError)
        return _error(exc.status, exc.code, exc.message)

    async def validation_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        errors = exc.errors()
        if any(e.get("type") == "json_invalid" for e in errors):
            return _error(422, "malformed_json", 'the body is not valid JSON; send {"text": "..."}')
        # never echo the input back: it may be huge or binary
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg', 'invalid')}"
            for e in errors[:5]
        )
        return _error(422, "invalid_request", f"the request is invalid ({problems[:500]})")

    async def http_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        code = _HTTP_CODES.get(exc.status_code, f"http_{exc.status_code}")
        message = str(exc.detail)
        return _error(exc.status_code, code, message)

    async def chatbot_error(request: Request, exc: Exception) -> JSONResponse:
        if isinstance(exc, UnknownItemError):
            return _error(404, "unknown_item", f"{exc}; use an id from a reply's items")
        if isinstance(exc, SessionNotFound):
            return _error(404, "unknown_session", f"{exc}; send a message to start the session")
        if isinstance(exc, InputError):
            return _error(422, "invalid_input", str(exc))
        if isinstance(exc, BackendError):
            log.error("backend failure: %s", exc)
            return _error(503, "backend_unavailable", f"{exc}; try again shortly")
        log.error("unexpected chatbot error: %s", exc)
        return _error(500, "internal_error", "something went wrong on our side; try again")

    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return _error(500, "internal_error", "something went wrong on our side; try again")

    app.add_exception_handler(_ApiError, api_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(ChatbotError, chatbot_error)
    app.add_exception_handler(Exception, unexpected)


def _state_dict(session_id: str, state: Any) -> dict[str, Any]:
    return {
        "session_id": session_id,
        "state": state.to_dict(),
        "summary": state.summary(),
        "beliefs": [{"id": b.id, "label": b.label} for b in state.beliefs()],
    }


_END = object()


async def _next_in_thread(chunks: Iterator[T]) -> T | object:
    """The iterator's next value computed in the thread pool (_END when exhausted)."""
    return await run_in_threadpool(next, chunks, _END)


async def _sse(chunks: Iterator[Any], first: Any, session_id: str) -> AsyncIterator[str]:
    """Server-sent events from a manager stream: deltas, then the final reply."""
    item = first
    try:
        while item is not _END:
            if isinstance(item, str):
                yield _event("delta", {"text": item})
            else:
                yield _event("reply", item.to_dict())
            item = await _next_in_thread(chunks)
    except ChatbotError as e:
        log.warning("stream for session %s failed: %s", session_id, e)
        yield _event("error", {"error": type(e).__name__, "message": str(e)})
    except Exception:
        log.exception("stream for session %s failed", session_id)
        yield _event("error", {"error": "internal_error", "message": "the reply failed; try again"})
    finally:
        close = getattr(chunks, "close", None)
        if close is not None:  # release the session lock if the client went away mid-stream
            await run_in_threadpool(close)


def _event(name: str, data: dict[str, Any]) -> str:
    return f"event: {name}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"
