"""Reply kinds and feedback kinds are defined once (chatbot.kinds); every place that accepts or
renders them agrees with that definition."""

from __future__ import annotations

from typing import Any

import pytest

from chatbot.errors import InputError
from chatbot.events import ItemLiked, ItemRejected, ItemSeen, event_from_dict
from chatbot.generation import REQUIRED_PROMPTS, Prompts, ReplyRequest
from chatbot.kinds import REPLY_PROMPTS, FeedbackKind, ReplyKind

EVENT_OF = {
    FeedbackKind.LIKE: ItemLiked,
    FeedbackKind.DISLIKE: ItemRejected,
    FeedbackKind.SEEN: ItemSeen,
}


def test_every_written_reply_kind_has_its_prompt() -> None:
    names = Prompts().names()
    assert set(REPLY_PROMPTS) <= set(ReplyKind)
    for prompt in REPLY_PROMPTS.values():
        assert prompt in REQUIRED_PROMPTS and prompt in names


def test_reply_requests_accept_exactly_the_written_reply_kinds() -> None:
    for kind in ReplyKind:
        if kind in REPLY_PROMPTS:
            assert ReplyRequest(kind.value, "hi", (), "").kind == kind
        else:  # answered without the writer
            with pytest.raises(ValueError, match=f"unknown reply kind '{kind.value}'"):
                ReplyRequest(kind.value, "hi", (), "")
    with pytest.raises(ValueError, match="unknown reply kind 'chat'.*recommend, clarify"):
        ReplyRequest("chat", "hi", (), "")


@pytest.mark.parametrize("kind", list(FeedbackKind))
def test_every_feedback_kind_becomes_its_event(books_manager: Any, kind: FeedbackKind) -> None:
    shown = books_manager.respond("kinds", "a space adventure").items[0].item
    books_manager.feedback("kinds", shown.id, kind.value)
    events = [event_from_dict(d) for d in books_manager.store.load("kinds")]
    assert any(isinstance(e, EVENT_OF[kind]) and e.item_id == shown.id for e in events)


def test_an_unknown_feedback_kind_lists_the_known_ones(books_manager: Any) -> None:
    shown = books_manager.respond("kinds-2", "a space adventure").items[0].item
    with pytest.raises(InputError, match="like, dislike, seen"):
        books_manager.feedback("kinds-2", shown.id, "love")


def test_the_http_api_offers_exactly_the_feedback_kinds(books_manager: Any) -> None:
    from chatbot.server import create_app

    schema = create_app(books_manager, books_manager.settings).openapi()
    kind = schema["components"]["schemas"]["FeedbackIn"]["properties"]["kind"]
    enum = kind.get("enum") or schema["components"]["schemas"][kind["$ref"].split("/")[-1]]["enum"]
    assert enum == [k.value for k in FeedbackKind]


# one way to reach each reply kind through the HTTP API (steps: a message, "/like" the first
# pick, or "/lost" a message whose reply was lost): a kind added to ReplyKind without a way
# to produce it fails test_every_reply_kind_is_produced
REPLY_SCENARIOS: dict[ReplyKind, tuple[str, ...]] = {
    ReplyKind.CLARIFY: ("hello",),
    ReplyKind.RECOMMEND: ("a space adventure",),
    ReplyKind.UNKNOWN_TITLE: ("I loved Zorblax Quintuple",),
    ReplyKind.NO_RESULTS: ("space, only after 2090",),
    ReplyKind.ACKNOWLEDGE: ("a space adventure", "/like"),  # a feedback button
    ReplyKind.ANSWER: ("how long is Salt on the Ice of Europa?",),
    ReplyKind.LANGUAGE: ("Bonjour, je cherche un bon livre pour ce soir",),
    ReplyKind.REPLAYED: ("/lost space stories",),
}


def test_every_reply_kind_has_a_scenario() -> None:
    assert set(REPLY_SCENARIOS) == set(ReplyKind)


def _http_turn(client: Any, manager: Any, step: str, last: dict[str, Any]) -> dict[str, Any]:
    from chatbot.sessions import idempotency_key

    path = "/v1/sessions/produce/"
    if step == "/like":
        body = {"item_id": last["items"][0]["id"], "kind": FeedbackKind.LIKE.value}
        return dict(client.post(path + "feedback", json=body).json())
    if step.startswith("/lost "):  # stored with its key, but the reply never went out
        text = step.removeprefix("/lost ")
        with idempotency_key("lost-reply"):
            manager.respond("produce", text)
        key = {"Idempotency-Key": "lost-reply"}
        return dict(client.post(path + "messages", json={"text": text}, headers=key).json())
    return dict(client.post(path + "messages", json={"text": step}).json())


@pytest.mark.parametrize("kind", list(ReplyKind))
def test_every_reply_kind_is_produced(books_manager: Any, kind: ReplyKind) -> None:
    from fastapi.testclient import TestClient

    from chatbot.server import create_app

    app = create_app(books_manager, books_manager.settings, warm_up=False)
    schema = app.openapi()["components"]["schemas"]
    assert schema["ReplyKind"]["enum"] == [k.value for k in ReplyKind]  # the API documents all
    reply: dict[str, Any] = {}
    with TestClient(app, base_url="http://127.0.0.1") as client:
        for step in REPLY_SCENARIOS[kind]:
            reply = _http_turn(client, books_manager, step, reply)
    assert reply["kind"] == kind.value, reply
    assert reply["text"].strip() or reply["notices"]


def test_every_feedback_kind_has_its_words_and_ui_buttons() -> None:
    from chatbot.kinds import FEEDBACK_WORDS
    from chatbot.ui_render import CARD_ACTIONS, FEEDBACK_LABELS, feedback_message

    assert set(FEEDBACK_WORDS) == set(FeedbackKind) == set(FEEDBACK_LABELS)
    actions = {act: text for act, text, _ in CARD_ACTIONS}
    for kind in FeedbackKind:
        words = FEEDBACK_WORDS[kind]
        assert words.button and words.icon and words.done and "{}" in words.said
        assert actions[kind.value] == words.button  # the card's button posts the plain value
        assert feedback_message(kind.value, "Dune") == f"{words.done}: Dune"
    with pytest.raises(ValueError, match=r"\['dislike', 'like', 'seen'\]"):
        feedback_message("love", "Dune")


def test_every_feedback_kind_has_a_telegram_button_that_round_trips() -> None:
    from chatbot.integrations.telegram import item_keyboard, parse_callback_data

    keyboard = item_keyboard("book-001")
    assert keyboard is not None
    row = keyboard["inline_keyboard"][0]
    parsed = [parse_callback_data(button["callback_data"]) for button in row]
    assert parsed == [(kind, "book-001") for kind in FeedbackKind]
    assert len({button["callback_data"] for button in row}) == len(FeedbackKind)


@pytest.mark.parametrize("kind", list(FeedbackKind))
def test_every_feedback_kind_is_a_chat_command(books_manager: Any, kind: FeedbackKind) -> None:
    import io

    from chatbot.cli import _TerminalChat

    assert f"/{kind.value} N" in _TerminalChat.HELP
    out = io.StringIO()
    chat = _TerminalChat(books_manager, "cli", tty=False, out=out)
    chat.run(io.StringIO("a space adventure\n"))
    first = chat.last[0]
    chat.run(io.StringIO(f"/{kind.value} 1\n"))
    assert "Unknown command" not in out.getvalue()
    events = [event_from_dict(d) for d in books_manager.store.load("cli")]
    assert any(isinstance(e, EVENT_OF[kind]) and e.item_id == first for e in events)
