"""The closed sets of names that cross module and API boundaries, each defined once, with the
words that belong to each name.

Both are StrEnums, so a member equals its plain string ("like" == FeedbackKind.LIKE) and
serialises as it in JSON: stored data, HTTP payloads and templates are unchanged. Everything
that lists kinds (CLI commands, API schemas, buttons, prompts) derives its list from these.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType


class ReplyKind(StrEnum):
    """What a reply does (Reply.kind, the HTTP API's "kind"), so that clients can style it.
    The writer writes the kinds in REPLY_PROMPTS; the others are answered without it."""

    RECOMMEND = "recommend"  # new picks
    CLARIFY = "clarify"  # nothing to go on yet: ask what the user likes
    UNKNOWN_TITLE = "unknown_title"  # a named title is not in the catalogue
    NO_RESULTS = "no_results"  # the hard constraints exclude every item
    ACKNOWLEDGE = "acknowledge"  # noted (small talk, a removed belief), no new picks
    ANSWER = "answer"  # a question about items, answered from the catalogue
    LANGUAGE = "language"  # a message in a language we do not read
    REPLAYED = "replayed"  # HTTP only: a retried request whose stored reply was lost


# the writer's prompt (prompts/<name>.jinja) for each reply kind it writes
REPLY_PROMPTS: Mapping[ReplyKind, str] = MappingProxyType(
    {
        ReplyKind.RECOMMEND: "intro",
        ReplyKind.CLARIFY: "clarify",
        ReplyKind.UNKNOWN_TITLE: "unknown_title",
        ReplyKind.NO_RESULTS: "no_results",
        ReplyKind.ACKNOWLEDGE: "acknowledge",
    }
)


class FeedbackKind(StrEnum):
    """One-click feedback on a shown item (UI buttons, POST /v1/sessions/{id}/feedback, the
    terminal's `/like N`, Telegram buttons); each becomes the same events as typing it (the
    event of each: chatbot.turn_policy.FEEDBACK_EVENTS)."""

    LIKE = "like"  # ItemLiked
    DISLIKE = "dislike"  # ItemRejected
    SEEN = "seen"  # ItemSeen


@dataclass(frozen=True)
class FeedbackWords:
    """The English of one feedback kind, wherever it is shown."""

    button: str  # a card's and a Telegram message's button ("Like")
    icon: str  # before the button text in Telegram ("👍")
    done: str  # the chat's line for a click, before the item's label ("Liked: Alien (1979)")
    said: str  # what the user would have typed; "{}" is the item's label


FEEDBACK_WORDS: Mapping[FeedbackKind, FeedbackWords] = MappingProxyType(
    {
        FeedbackKind.LIKE: FeedbackWords("Like", "👍", "Liked", "I liked {}"),
        FeedbackKind.DISLIKE: FeedbackWords("Not for me", "👎", "Not for me", "{} is not for me"),
        FeedbackKind.SEEN: FeedbackWords("Seen it", "👁", "Seen it", "I have already seen {}"),
    }
)
