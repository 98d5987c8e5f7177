"""docs/architecture.md and the Settings comments name what the code has: every reply kind,
every public DialogueManager method, where Prompts lives; no hand-kept backend lists."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import chatbot.config
from chatbot.dialogue import DialogueManager
from chatbot.kinds import FeedbackKind, ReplyKind
from chatbot.prompts import Prompts
from chatbot.registry import Family, registry

ARCHITECTURE = (Path(__file__).resolve().parents[1] / "docs" / "architecture.md").read_text(
    encoding="utf-8"
)


def test_every_reply_and_feedback_kind_is_listed() -> None:
    listed = re.search(r"`ReplyKind` \(([^)]*)\)", ARCHITECTURE)
    assert listed is not None
    names = re.findall(r"[a-z_]+", listed.group(1).split(";")[0])
    assert names == [k.value for k in ReplyKind]
    feedback = re.search(r"`FeedbackKind` \(([^)]*)\)", ARCHITECTURE)
    assert feedback is not None and feedback.group(1) == ", ".join(FeedbackKind)


def test_every_public_dialogue_manager_method_is_documented() -> None:
    methods = [
        name
        for name, _ in inspect.getmembers(DialogueManager, inspect.isroutine)
        if not name.startswith("_")
    ]
    section = ARCHITECTURE[ARCHITECTURE.index("`DialogueManager(") :]
    missing = [m for m in methods if not re.search(rf"[`.]{m}\b", section)]
    assert missing == []


def test_prompts_are_documented_where_they_live() -> None:
    assert f"`{Prompts.__module__}.Prompts()`" in ARCHITECTURE
    assert "generation.Prompts" not in ARCHITECTURE


def test_settings_comments_point_at_the_registry_not_a_hand_kept_list() -> None:
    source = inspect.getsource(chatbot.config.Settings)
    for family in Family:
        line = next(x for x in source.splitlines() if x.strip().startswith(f"{family.setting}:"))
        comment = line.partition("#")[2]
        named = [n for n in registry().names(family) if re.search(rf"\b{re.escape(n)}\b", comment)]
        # at most the default and one example: never a list to keep in step with the registry
        assert len(named) <= 2 and "|" not in comment, line
