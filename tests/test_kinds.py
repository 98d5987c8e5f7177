"""Reply kinds and feedback kinds are defined once (chatbot.kinds); every place that accepts or
renders them agrees with that definition."""

from __future__ import annotations

from typing import Any

import pytest

from chatbot.errors import InputError
from chatbot.events import ItemLiked, ItemRejected, ItemSeen, event_from_dict
from chatbot.generation import REQUIRED_PROMPTS, Prompts, ReplyRequest
from chatbot.kinds import FeedbackKind, ReplyKind

EVENT_OF = {
    FeedbackKind.LIKE: ItemLiked,
    FeedbackKind.DISLIKE: ItemRejected,
    FeedbackKind.SEEN: ItemSeen,
}


def test_every_reply_kind_has_its_prompt() -> None:
    names = Prompts().names()
    for kind in ReplyKind:
        prompt = "intro" if kind is ReplyKind.RECOMMEND else kind.value
        assert prompt in REQUIRED_PROMPTS and prompt in names


def test_reply_requests_accept_exactly_the_reply_kinds() -> None:
    for kind in ReplyKind:
        assert ReplyRequest(kind.value, "hi", (), "").kind == kind
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
