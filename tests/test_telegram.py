"""Telegram adapter: recorded webhook updates in, recorded sendMessage calls out."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from chatbot.errors import BackendError
from chatbot.integrations.telegram import (
    CALLBACK_DATA_LIMIT,
    HttpTelegramSender,
    TelegramAdapter,
    item_keyboard,
    mount_telegram,
    parse_callback_data,
)

FIXTURES = Path(__file__).parent / "fixtures" / "telegram"


def update(name: str, **changes: Any) -> dict[str, Any]:
    """A recorded update; `data=` replaces a callback's data."""
    body: dict[str, Any] = json.loads((FIXTURES / f"{name}.json").read_text())
    if "data" in changes:
        body["callback_query"]["data"] = changes["data"]
    return body


class RecordingSender:
    """Records the Bot API calls instead of making them."""

    def __init__(self) -> None:
        self.messages: list[dict[str, Any]] = []
        self.answers: list[dict[str, Any]] = []

    def send_message(self, chat_id: int, text: str, reply_markup: Any = None) -> None:
        self.messages.append({"chat_id": chat_id, "text": text, "reply_markup": reply_markup})

    def answer_callback_query(self, callback_query_id: str, text: str = "") -> None:
        self.answers.append({"id": callback_query_id, "text": text})


@pytest.fixture
def sender() -> RecordingSender:
    return RecordingSender()


@pytest.fixture
def adapter(books_manager: Any, sender: RecordingSender) -> TelegramAdapter:
    return TelegramAdapter(books_manager, sender)


def _buttons(message: dict[str, Any]) -> dict[str, str]:
    """{kind: callback_data} of an item message."""
    row = message["reply_markup"]["inline_keyboard"][0]
    return {parse_callback_data(b["callback_data"])[0]: b["callback_data"] for b in row}  # type: ignore[index]


def test_start_greets(adapter: TelegramAdapter, sender: RecordingSender) -> None:
    assert adapter.handle_update(update("start")) == "greeted"
    assert len(sender.messages) == 1
    assert sender.messages[0]["chat_id"] == 5550001
    assert "/forget" in sender.messages[0]["text"]


def test_text_gets_reply_then_one_message_per_item_with_buttons(
    adapter: TelegramAdapter, sender: RecordingSender, books_manager: Any
) -> None:
    assert adapter.handle_update(update("text_space")) == "replied"
    reply, *items = sender.messages
    assert reply["reply_markup"] is None and reply["text"]
    assert len(items) == books_manager.settings.items_per_turn
    for message in items:
        assert message["chat_id"] == 5550001
        buttons = _buttons(message)
        assert set(buttons) == {"like", "dislike", "seen"}
        item_id = parse_callback_data(buttons["like"])[1]  # type: ignore[index]
        item = books_manager.catalog.get(item_id)  # a real catalogue item
        assert message["text"].startswith(item.title)
    state = books_manager.state("tg:5550001")
    assert state.turns == 1
    assert set(state.last_shown) == {
        parse_callback_data(_buttons(m)["like"])[1]  # type: ignore[index]
        for m in items
    }


@pytest.mark.parametrize("kind", ["like", "dislike", "seen"])
def test_buttons_become_feedback(
    adapter: TelegramAdapter, sender: RecordingSender, books_manager: Any, kind: str
) -> None:
    adapter.handle_update(update("text_space"))
    data = _buttons(sender.messages[1])[kind]
    item_id = parse_callback_data(data)[1]  # type: ignore[index]
    sender.messages.clear()
    assert adapter.handle_update(update("callback_template", data=data)) == f"feedback {kind}"
    assert sender.answers == [{"id": "4382940283749", "text": sender.answers[0]["text"]}]
    assert sender.answers[0]["text"]
    assert sender.messages, "feedback produces a new reply"
    state = books_manager.state("tg:5550001")
    held = {"like": state.liked, "dislike": state.disliked, "seen": state.seen}[kind]
    assert item_id in held
    new_ids = {parse_callback_data(_buttons(m)["like"])[1] for m in sender.messages[1:]}  # type: ignore[index]
    assert item_id not in new_ids  # never recommended again right after feedback


def test_chats_are_separate_sessions(
    adapter: TelegramAdapter, sender: RecordingSender, books_manager: Any
) -> None:
    adapter.handle_update(update("text_space"))
    adapter.handle_update(update("text_other_chat"))
    assert {m["chat_id"] for m in sender.messages} == {5550001, -100200300}
    assert books_manager.state("tg:5550001").turns == 1
    assert books_manager.state("tg:-100200300").turns == 1


def test_unknown_item_and_garbage_buttons_are_answered_not_raised(
    adapter: TelegramAdapter, sender: RecordingSender, books_manager: Any
) -> None:
    assert adapter.handle_update(update("callback_unknown_item")) == "unknown item"
    assert adapter.handle_update(update("callback_garbage")) == "ignored: bad callback"
    assert [a["text"] for a in sender.answers] == [
        "That item is no longer available.",
        "That button no longer works.",
    ]
    assert sender.messages == []
    assert books_manager.store.load("tg:5550001") == []


def test_non_text_and_unsupported_updates(
    adapter: TelegramAdapter, sender: RecordingSender
) -> None:
    assert adapter.handle_update(update("sticker")) == "non-text"
    assert "only read text" in sender.messages[0]["text"]
    assert adapter.handle_update(update("edited_message")).startswith("ignored")
    assert adapter.handle_update({}).startswith("ignored")
    assert adapter.handle_update({"message": {"text": "no chat"}}).startswith("ignored")
    assert adapter.handle_update({"message": {"chat": {"id": "1"}, "text": "x"}}).startswith(
        "ignored"
    )
    assert adapter.handle_update([1, 2]).startswith("ignored")  # type: ignore[arg-type]
    assert len(sender.messages) == 1


def test_reset_and_forget_commands(
    adapter: TelegramAdapter, sender: RecordingSender, books_manager: Any
) -> None:
    adapter.handle_update(update("text_space"))
    like = _buttons(sender.messages[1])["like"]
    adapter.handle_update(update("callback_template", data=like))
    assert books_manager.state("tg:5550001").liked
    assert adapter.handle_update(update("reset")) == "reset"  # "/reset@rec_bot" form
    assert not books_manager.state("tg:5550001").liked
    assert adapter.handle_update(update("forget")) == "forgotten"
    assert books_manager.store.load("tg:5550001") == []


def test_bad_text_gets_an_explanation(
    adapter: TelegramAdapter, sender: RecordingSender, books_manager: Any
) -> None:
    long = update("text_space")
    long["message"]["text"] = "x" * (books_manager.settings.max_message_chars + 1)
    assert adapter.handle_update(long) == "rejected"
    assert "limit" in sender.messages[0]["text"]
    assert books_manager.store.load("tg:5550001") == []


def test_prompt_injection_never_yields_items_outside_the_catalogue(
    adapter: TelegramAdapter, sender: RecordingSender, books_manager: Any
) -> None:
    adapter.handle_update(update("injection"))
    for message in sender.messages[1:]:
        item_id = parse_callback_data(_buttons(message)["like"])[1]  # type: ignore[index]
        assert item_id in books_manager.catalog
    assert all("Hacked By Eve" not in m["text"] for m in sender.messages[1:])


def test_callback_data_fits_telegram_limit() -> None:
    keyboard = item_keyboard("book-001")
    assert keyboard is not None
    for button in keyboard["inline_keyboard"][0]:
        assert len(button["callback_data"].encode()) <= CALLBACK_DATA_LIMIT
    assert item_keyboard("x" * 80) is None
    assert parse_callback_data("fb:l:book-001") == ("like", "book-001")
    assert parse_callback_data("fb:d:a:b") == ("dislike", "a:b")
    for bad in (None, 5, "", "fb", "fb:x:1", "fb:l:", "zz:l:1"):
        assert parse_callback_data(bad) is None


def test_webhook_route_with_secret(adapter: TelegramAdapter, sender: RecordingSender) -> None:
    app = FastAPI()
    mount_telegram(app, adapter, secret_token="s3cret")
    with TestClient(app) as client:
        r = client.post("/telegram/webhook", json=update("start"))
        assert r.status_code == 403
        assert sender.messages == []
        headers = {"X-Telegram-Bot-Api-Secret-Token": "s3cret"}
        r = client.post("/telegram/webhook", json=update("start"), headers=headers)
        assert r.status_code == 200 and r.json()["outcome"] == "greeted"
        r = client.post("/telegram/webhook", content=b"{not json", headers=headers)
        assert r.status_code == 400
    assert len(sender.messages) == 1


def test_http_sender_calls_the_bot_api_and_hides_the_token() -> None:
    calls: list[tuple[str, dict[str, Any]]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append((request.url.path, json.loads(request.content)))
        if request.url.path.endswith("/answerCallbackQuery"):
            return httpx.Response(500)
        return httpx.Response(200, json={"ok": True})

    client = httpx.Client(transport=httpx.MockTransport(handler))
    sender = HttpTelegramSender("123:ABC", client=client)
    sender.send_message(42, "hi", {"inline_keyboard": []})
    assert calls == [
        (
            "/bot123:ABC/sendMessage",
            {"chat_id": 42, "text": "hi", "reply_markup": {"inline_keyboard": []}},
        )
    ]
    with pytest.raises(BackendError) as err:
        sender.answer_callback_query("q1", "ok")
    assert "123:ABC" not in str(err.value)
