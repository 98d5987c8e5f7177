"""Prompt files: strict rendering and golden renders (a prompt change is a visible diff).

Regenerate the goldens after an intended prompt change with:
    UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_prompts.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from chatbot.backends.fake import FakeChatModel
from chatbot.config import Settings
from chatbot.errors import ConfigError
from chatbot.generation import PROMPTS_DIR, Prompts, ReplyRequest, ResponseWriter
from chatbot.ranking import Recommendation

GOLDEN = Path(__file__).parent / "golden"
VALUES = {
    "noun": "book",
    "user_text": "a cosy murder mystery",
    "state_summary": "likes mysteries; avoids horror",
    "count": 2,
    "suggestions": "2 suggestions",
    "are_picks": "are 2 picks",
    "title": "The Quiet Canal",
    "facts": ["Title: The Quiet Canal", "Year: 2015", "About: A detective in the rain."],
    "reasons": ["genre: Mystery", "similar to Murder at Wexley Hall (1988)"],
    "description": "A detective in the rain.",
    "request": "mystery books about a detective",
}


def as_text(messages: list[dict[str, str]]) -> str:
    return "".join(f"[{m['role']}]\n{m['content']}\n\n" for m in messages)


def assert_golden(name: str, text: str) -> None:
    path = GOLDEN / f"{name}.txt"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"{path} missing: run UPDATE_GOLDEN=1 pytest {__file__}"
    assert text == path.read_text(encoding="utf-8"), (
        f"prompt render changed; if intended, regenerate with UPDATE_GOLDEN=1 ({path})"
    )


PROMPT_NAMES = sorted(p.stem for p in PROMPTS_DIR.glob("*.jinja"))


def test_every_prompt_is_pinned():
    assert set(PROMPT_NAMES) >= {"system", "intro", "explain", "explain_retry", "clarify"}
    pinned = {p.stem.removeprefix("prompt_") for p in GOLDEN.glob("prompt_*.txt")}
    if os.environ.get("UPDATE_GOLDEN") != "1":
        assert pinned == set(PROMPT_NAMES), "add or remove goldens: UPDATE_GOLDEN=1"


@pytest.mark.parametrize("name", PROMPT_NAMES)
def test_prompt_render_matches_golden(name):
    assert_golden(f"prompt_{name}", as_text(Prompts().messages(name, **VALUES)))


@pytest.mark.parametrize("name", PROMPT_NAMES)
def test_missing_value_is_an_error_naming_it(name):
    prompts = Prompts()
    values = dict(VALUES)
    used = [k for k in values if "{{ " + k in (PROMPTS_DIR / f"{name}.jinja").read_text()]
    assert used, f"{name}.jinja uses no values?"
    del values[used[0]]
    with pytest.raises(ConfigError, match=f"{name}.jinja.*{used[0]}"):
        prompts.render(name, **values)


def test_unknown_prompt_is_an_error():
    with pytest.raises(ConfigError, match="nope.jinja"):
        Prompts().render("nope")


def test_few_shot_files_become_alternating_messages():
    messages = Prompts().messages("intro", **VALUES)
    assert [m["role"] for m in messages] == ["user", "assistant"] * 2 + ["user"]
    assert messages[-1]["content"].endswith("a cosy murder mystery")


def test_stray_text_before_the_first_role_is_an_error(tmp_path):
    (tmp_path / "bad.jinja").write_text("hello\n### user\nhi\n")
    with pytest.raises(ConfigError, match="before the first"):
        Prompts(tmp_path).messages("bad")


def test_writer_messages_match_golden(books_catalog):
    """The exact messages the writer sends for one recommend turn (item cards built in Python)."""
    model = FakeChatModel(["Here you go.", "It fits.", "It fits too."])
    recs = tuple(
        Recommendation(books_catalog.get(i), 0.9, ("genre: Mystery",))
        for i in ("book-010", "book-009")
    )
    req = ReplyRequest("recommend", "a cosy murder mystery", recs, "likes mysteries")
    ResponseWriter(model, books_catalog, Settings.from_env({})).write(req)
    text = "".join(f"### call {n}\n{as_text(c['messages'])}" for n, c in enumerate(model.calls))
    assert_golden("writer_recommend", text)
