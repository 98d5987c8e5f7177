"""The closed sets of names that cross module and API boundaries, each defined once.

Both are StrEnums, so a member equals its plain string ("like" == FeedbackKind.LIKE) and
serialises as it in JSON: stored data, HTTP payloads and templates are unchanged.
"""

from __future__ import annotations

from enum import StrEnum


class ReplyKind(StrEnum):
    """What a reply does; the writer picks its prompt by it (prompts/<kind>.jinja, "intro" for
    recommend) and clients can style it (Reply.kind, the HTTP API's "kind")."""

    RECOMMEND = "recommend"  # new picks
    CLARIFY = "clarify"  # nothing to go on yet: ask what the user likes
    UNKNOWN_TITLE = "unknown_title"  # a named title is not in the catalogue
    NO_RESULTS = "no_results"  # the hard constraints exclude every item
    ACKNOWLEDGE = "acknowledge"  # noted (small talk, a removed belief), no new picks


class FeedbackKind(StrEnum):
    """One-click feedback on a shown item (UI buttons, POST /v1/sessions/{id}/feedback, the
    terminal's `/like N`); each becomes the same events as typing it."""

    LIKE = "like"  # ItemLiked
    DISLIKE = "dislike"  # ItemRejected
    SEEN = "seen"  # ItemSeen
