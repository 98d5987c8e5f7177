"""The HTTP API's one error vocabulary: the same codes in JSON bodies and in SSE error events.

Every error is `{"error": code, "message": what to do}`. A 503 carries `Retry-After`. Bodies never
contain file paths, host names or ports (backend messages with those go to the log only).
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from chatbot.errors import (
    BackendError,
    ChatbotError,
    ConfigError,
    InputError,
    SessionNotFound,
    UnknownItemError,
)

log = logging.getLogger("chatbot.server")

RETRY_AFTER_S = 5
UNAVAILABLE = "a backend (session store or model) is unavailable; try again shortly"
MISCONFIGURED = (
    "the server is misconfigured (a prompt or a setting is broken), so it cannot reply; "
    "an operator must fix it (the server log names the problem)"
)


class ErrorOut(BaseModel):
    """Every error response: a stable code and a message saying what to do."""

    error: str
    message: str


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorOut, "description": "Missing or wrong API key (`unauthorized`)"},
    403: {"model": ErrorOut, "description": "The key may not use this session id (`forbidden`)"},
    404: {"model": ErrorOut, "description": "Unknown session or item"},
    413: {"model": ErrorOut, "description": "Message or request body too large"},
    422: {"model": ErrorOut, "description": "Invalid request"},
    500: {
        "model": ErrorOut,
        "description": "Server error (`configuration_error`, `internal_error`)",
    },
    503: {"model": ErrorOut, "description": "Backend unavailable; see Retry-After"},
}

_HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    408: "request_timeout",
    413: "body_too_large",
    415: "unsupported_media_type",
    503: "unavailable",
}
# FastAPI's HTTPException detail when decoding a JSON body fails for a reason other than JSON
_BODY_NOT_PARSED = "There was an error parsing the body"


class ApiError(Exception):
    """An error response with a status, a code and a message (plus optional headers)."""

    def __init__(
        self, status: int, code: str, message: str, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers or {}


def error_response(
    status: int, code: str, message: str, headers: dict[str, str] | None = None
) -> JSONResponse:
    """The JSON error body; 503s get Retry-After."""
    headers = dict(headers or {})
    if status == 503:
        headers.setdefault("Retry-After", str(RETRY_AFTER_S))
    return JSONResponse({"error": code, "message": message}, status_code=status, headers=headers)


def describe(exc: BaseException) -> tuple[int, str, str]:
    """(status, code, message) for any exception, for JSON responses and SSE error events."""
    if isinstance(exc, ApiError):
        return exc.status, exc.code, exc.message
    if isinstance(exc, UnknownItemError):
        return 404, "unknown_item", f"{exc}; use an id from a reply's items"
    if isinstance(exc, SessionNotFound):
        return 404, "unknown_session", f"{exc}; send a message to start the session"
    if isinstance(exc, InputError):
        return 422, "invalid_input", str(exc)
    if isinstance(exc, BackendError):
        log.error("backend failure: %s", exc)  # the details (paths, hosts) stay in the log
        return 503, "backend_unavailable", UNAVAILABLE
    if isinstance(exc, ConfigError):  # e.g. a prompt that fails to render: retrying will not help
        log.error("configuration error: %s", exc)
        return 500, "configuration_error", MISCONFIGURED
    if isinstance(exc, ChatbotError):
        log.error("unexpected chatbot error: %s", exc)
    else:
        log.error("unexpected error: %s: %s", type(exc).__name__, exc, exc_info=exc)
    return 500, "internal_error", "something went wrong on our side; try again"


def install_error_handlers(app: FastAPI) -> None:
    """Route every exception through describe() into a JSON error body."""

    async def api_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, ApiError)
        return error_response(exc.status, exc.code, exc.message, exc.headers)

    async def validation_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        errors = exc.errors()
        if any(e.get("type") == "json_invalid" for e in errors):
            return error_response(
                422, "malformed_json", 'the body is not valid JSON; send {"text": "..."}'
            )
        # never echo the input back: it may be huge or binary
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg', 'invalid')}"
            for e in errors[:5]
        )
        return error_response(422, "invalid_request", f"the request is invalid ({problems[:500]})")

    async def http_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        if exc.status_code == 400 and str(exc.detail) == _BODY_NOT_PARSED:
            # FastAPI's answer to a body that is not UTF-8 (json.loads raised UnicodeDecodeError)
            return error_response(
                422, "malformed_json", 'the body is not valid UTF-8 JSON; send {"text": "..."}'
            )
        code = _HTTP_CODES.get(exc.status_code, f"http_{exc.status_code}")
        return error_response(exc.status_code, code, str(exc.detail), dict(exc.headers or {}))

    async def described(request: Request, exc: Exception) -> JSONResponse:
        status, code, message = describe(exc)
        return error_response(status, code, message)

    app.add_exception_handler(ApiError, api_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(ChatbotError, described)
    app.add_exception_handler(Exception, described)
