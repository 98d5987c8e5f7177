"""Example messaging-bot adapter: Telegram webhook updates in, sendMessage calls out.

Each chat is one session: "tg:" + an HMAC of the chat id with a server secret (opaque; the plain
"tg:<chat id>" only without a secret). Every recommended item goes out as its own message
with inline buttons (like / not for me / seen) whose callback_data maps to feedback.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from fastapi import Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from chatbot.errors import ChatbotError, InputError, UnknownItemError
from chatbot.kinds import FEEDBACK_WORDS, FeedbackKind

if TYPE_CHECKING:
    from chatbot.dialogue import Reply
    from chatbot.interest import InterestState

log = logging.getLogger(__name__)

Markup = dict[str, Any] | None  # an inline keyboard, as the Bot API's reply_markup
TELEGRAM_TEXT_LIMIT = 4096  # characters per sendMessage
CALLBACK_DATA_LIMIT = 64  # bytes per inline button's callback_data
BUTTONS = tuple((k, f"{FEEDBACK_WORDS[k].icon} {FEEDBACK_WORDS[k].button}") for k in FeedbackKind)
_K = TypeVar("_K", bound=str)


def feedback_codes(kinds: Iterable[_K]) -> dict[_K, str]:
    """{kind: code}: each kind's code in callback_data ('fb:l:<item id>'), the shortest prefix
    of its value that no earlier kind took ("like" -> "l", "dislike" -> "d", "seen" -> "s").
    Sent buttons carry the codes, so a kind added to the end of FeedbackKind gets a new code
    and never changes an existing one; a code never contains ':'."""
    codes: dict[_K, str] = {}
    for kind in kinds:
        value = str(kind)
        taken = set(codes.values())
        code = next((value[:n] for n in range(1, len(value) + 1) if value[:n] not in taken), None)
        if code is None or ":" in code:
            raise ValueError(f"feedback kind {value!r} has no free callback code")
        codes[kind] = code
    return codes


_KIND_CODES = feedback_codes(FeedbackKind)
_CODE_KINDS = {code: kind for kind, code in _KIND_CODES.items()}
GREETING = (
    "Hi! Tell me a film you love or what you are in the mood for, and I will suggest a few. "
    "Use the buttons under each pick to tell me what you think. /reset starts over, "
    "/forget deletes everything I know about this chat."
)


class TelegramSender(Protocol):
    """The two Bot API calls the adapter makes."""

    def send_message(self, chat_id: int, text: str, reply_markup: Markup = None) -> None:
        """Bot API sendMessage."""
        ...

    def answer_callback_query(self, callback_query_id: str, text: str = "") -> None:
        """Bot API answerCallbackQuery (stops the button's loading spinner)."""
        ...


class BotManager(Protocol):
    """What the adapter needs from chatbot.dialogue.DialogueManager."""

    def respond(self, session_id: str, text: str) -> Reply: ...
    def feedback(self, session_id: str, item_id: str, kind: FeedbackKind) -> Reply: ...
    def reset(self, session_id: str) -> InterestState: ...
    def forget(self, session_id: str) -> None: ...


class HttpTelegramSender:
    """Calls the real Bot API over HTTPS (https://core.telegram.org/bots/api)."""

    def __init__(
        self, token: str, *, base_url: str = "https://api.telegram.org", client: Any = None
    ) -> None:
        import httpx

        if not token:
            raise InputError("a Telegram bot token is needed (from @BotFather)")
        self._url = f"{base_url.rstrip('/')}/bot{token}"
        self._client = client or httpx.Client(timeout=15)

    def send_message(self, chat_id: int, text: str, reply_markup: Markup = None) -> None:
        payload: dict[str, Any] = {"chat_id": chat_id, "text": text}
        if reply_markup is not None:
            payload["reply_markup"] = reply_markup
        self._call("sendMessage", payload)

    def answer_callback_query(self, callback_query_id: str, text: str = "") -> None:
        self._call("answerCallbackQuery", {"callback_query_id": callback_query_id, "text": text})

    def _call(self, method: str, payload: dict[str, Any]) -> None:
        import httpx

        from chatbot.errors import BackendError

        try:
            response = self._client.post(f"{self._url}/{method}", json=payload)
            response.raise_for_status()
        except httpx.HTTPError as e:
            # never put the URL (it holds the token) into the message
            raise BackendError(f"Telegram {method} failed: {type(e).__name__}") from None


class TelegramAdapter:
    """Maps Telegram updates to dialogue-manager calls and replies through a sender."""

    def __init__(
        self,
        manager: BotManager,
        sender: TelegramSender,
        *,
        session_prefix: str = "tg:",
        session_secret: str | bytes | None = None,
    ) -> None:
        self.manager = manager
        self.sender = sender
        self.session_prefix = session_prefix
        if isinstance(session_secret, str):
            session_secret = session_secret.encode("utf-8")
        self._secret = session_secret or None
        if self._secret is None:
            log.warning(
                "telegram session ids are the plain chat ids (guessable): pass session_secret "
                "(setting session_id_secret) so they are opaque"
            )

    def session_id(self, chat_id: int) -> str:
        """The session id of a chat: prefix + 32 characters of base64url(HMAC-SHA256(secret,
        chat id)) with a secret, so nobody can derive another chat's session id; without a
        secret, prefix + the chat id (kept for existing deployments)."""
        if self._secret is None:
            return f"{self.session_prefix}{chat_id}"
        mac = hmac.new(self._secret, str(int(chat_id)).encode(), hashlib.sha256).digest()
        return self.session_prefix + base64.urlsafe_b64encode(mac).decode()[:32]

    def handle_update(self, update: Mapping[str, Any]) -> str:
        """Handle one webhook update; returns what was done. Never raises for bad updates."""
        try:
            if not isinstance(update, Mapping):
                return "ignored: not an object"
            if isinstance(update.get("callback_query"), Mapping):
                return self._on_callback(update["callback_query"])
            if isinstance(update.get("message"), Mapping):
                return self._on_message(update["message"])
            return "ignored: no message or callback_query"
        except Exception:
            log.exception("telegram update %s failed", update.get("update_id"))
            return "failed"

    def _on_message(self, message: Mapping[str, Any]) -> str:
        chat_id = _chat_id(message)
        if chat_id is None:
            return "ignored: no chat id"
        text = message.get("text")
        if not isinstance(text, str):
            self.sender.send_message(chat_id, "I can only read text messages; tell me in words.")
            return "non-text"
        sid = self.session_id(chat_id)
        command = text.strip().split(maxsplit=1)[0].split("@", 1)[0].lower() if text.strip() else ""
        if command in ("/start", "/help"):
            self.sender.send_message(chat_id, GREETING)
            return "greeted"
        if command == "/reset":
            self.manager.reset(sid)
            self.sender.send_message(chat_id, "Starting over: I have cleared your preferences.")
            return "reset"
        if command == "/forget":
            self.manager.forget(sid)
            self.sender.send_message(chat_id, "Done: everything about this chat is deleted.")
            return "forgotten"
        try:
            reply = self.manager.respond(sid, text)
        except InputError as e:
            self.sender.send_message(chat_id, f"Sorry, I could not take that: {e}")
            return "rejected"
        except ChatbotError:
            log.exception("chat %s: turn failed", chat_id)
            self.sender.send_message(chat_id, "Sorry, something went wrong on my side. Try again.")
            return "failed"
        self._send_reply(chat_id, reply)
        return "replied"

    def _on_callback(self, query: Mapping[str, Any]) -> str:
        query_id = str(query.get("id", ""))
        message = query.get("message")
        chat_id = _chat_id(message) if isinstance(message, Mapping) else None
        parsed = parse_callback_data(query.get("data"))
        if chat_id is None or parsed is None:
            self.sender.answer_callback_query(query_id, "That button no longer works.")
            return "ignored: bad callback"
        kind, item_id = parsed
        try:
            reply = self.manager.feedback(self.session_id(chat_id), item_id, kind)
        except UnknownItemError:
            self.sender.answer_callback_query(query_id, "That item is no longer available.")
            return "unknown item"
        except ChatbotError:
            log.exception("chat %s: feedback failed", chat_id)
            self.sender.answer_callback_query(query_id, "Sorry, that did not work. Try again.")
            return "failed"
        self.sender.answer_callback_query(query_id, dict(BUTTONS)[kind])
        self._send_reply(chat_id, reply)
        return f"feedback {kind}"

    def _send_reply(self, chat_id: int, reply: Reply) -> None:
        """The reply's text, then one message per item with its feedback buttons."""
        self.sender.send_message(chat_id, _clip(reply.text or "Here is what I found."))
        for item in reply.to_dict()["items"]:
            self.sender.send_message(chat_id, _clip(render_item(item)), item_keyboard(item["id"]))


def render_item(item: Mapping[str, Any]) -> str:
    """'Title (year)' and the reason it was picked, as plain text."""
    title = str(item.get("title", item.get("id", "")))
    year = item.get("year")
    head = f"{title} ({year})" if year else title
    reason = str(item.get("reason") or "")
    return f"{head}\n{reason}" if reason else head


def item_keyboard(item_id: str) -> dict[str, Any] | None:
    """An inline keyboard with like / not for me / seen buttons (None if the id is too long)."""
    buttons = []
    for kind, label in BUTTONS:
        data = f"fb:{_KIND_CODES[kind]}:{item_id}"
        if len(data.encode()) > CALLBACK_DATA_LIMIT:
            log.warning("item id too long for Telegram buttons (%d bytes)", len(item_id.encode()))
            return None
        buttons.append({"text": label, "callback_data": data})
    return {"inline_keyboard": [buttons]}


def parse_callback_data(data: Any) -> tuple[FeedbackKind, str] | None:
    """(FeedbackKind.LIKE, item_id) from 'fb:l:<item id>'; None for anything else."""
    if not isinstance(data, str):
        return None
    prefix, _, rest = data.partition(":")
    code, _, item_id = rest.partition(":")
    if prefix != "fb" or code not in _CODE_KINDS or not item_id:
        return None
    return _CODE_KINDS[code], item_id


def mount_telegram(
    app: Any,
    adapter: TelegramAdapter,
    *,
    path: str = "/telegram/webhook",
    secret_token: str | None = None,
) -> None:
    """Add `POST <path>` to a FastAPI app; checks X-Telegram-Bot-Api-Secret-Token when given."""

    async def telegram_webhook(request: Request) -> JSONResponse:
        if secret_token is not None:
            given = request.headers.get("x-telegram-bot-api-secret-token", "")
            if not hmac.compare_digest(given.encode(), secret_token.encode()):
                return JSONResponse(
                    {"error": "forbidden", "message": "wrong or missing secret token"},
                    status_code=403,
                )
        try:
            update = await request.json()
        except ValueError:
            return JSONResponse(
                {"error": "malformed_json", "message": "the body is not a JSON update"},
                status_code=400,
            )
        # Telegram retries on non-2xx, so a handled-but-failed update still answers 200
        outcome = await run_in_threadpool(adapter.handle_update, update)
        return JSONResponse({"ok": True, "outcome": outcome})

    app.add_api_route(path, telegram_webhook, methods=["POST"], tags=["telegram"])


def _chat_id(message: Mapping[str, Any]) -> int | None:
    chat = message.get("chat")
    if not isinstance(chat, Mapping):
        return None
    chat_id = chat.get("id")
    return chat_id if isinstance(chat_id, int) and not isinstance(chat_id, bool) else None


def _clip(text: str) -> str:
    return text if len(text) <= TELEGRAM_TEXT_LIMIT else text[: TELEGRAM_TEXT_LIMIT - 1] + "…"
