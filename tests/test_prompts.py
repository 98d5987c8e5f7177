"""Prompt files: strict rendering and golden renders (a prompt change is a visible diff).

Regenerate the goldens after an intended prompt change with:
    UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_prompts.py
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from chatbot.backends.fake import FakeChatModel
from chatbot.config import Settings
from chatbot.errors import ConfigError
from chatbot.generation import ReplyRequest, ResponseWriter
from chatbot.kinds import REPLY_PROMPTS
from chatbot.prompts import (
    PROMPT_VARIABLES,
    PROMPTS_DIR,
    REQUIRED_PROMPTS,
    SAMPLE_VALUES,
    Prompts,
)
from chatbot.ranking import Recommendation

GOLDEN = Path(__file__).parent / "golden"
VALUES = {
    "noun": "book",
    "user_text": "a cosy murder mystery",
    "state_summary": "likes mysteries; avoids horror",
    "count": 2,
    "suggestions": "2 suggestions",
    "are_picks": "are 2 picks",
    "here_are": "Here are 2",
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


PROMPT_NAMES = Prompts().names()


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


# --- the startup check: each prompt uses only the variables the code passes ---------------------


@pytest.fixture
def prompt_copy(tmp_path: Path) -> Path:
    """A user's prompts folder: a copy of the shipped prompts, to break one file of."""
    folder = tmp_path / "my_prompts"
    folder.mkdir()
    for name in PROMPT_NAMES:
        (folder / f"{name}.jinja").write_bytes((PROMPTS_DIR / f"{name}.jinja").read_bytes())
    return folder


def test_shipped_prompts_pass_the_check_and_are_all_declared():
    names = Prompts().check(REQUIRED_PROMPTS)
    assert set(names) == set(PROMPT_VARIABLES), "a prompt file nobody renders, or a missing one"
    assert set(REQUIRED_PROMPTS) <= set(names)
    declared = set().union(*PROMPT_VARIABLES.values())
    assert declared == set(SAMPLE_VALUES), "every declared variable needs a sample value"


def test_a_user_folder_copy_of_the_shipped_prompts_passes(prompt_copy):
    assert Prompts(prompt_copy).check(REQUIRED_PROMPTS) == PROMPT_NAMES


@pytest.mark.parametrize(
    ("name", "old", "new", "hint"),
    [
        ("intro", "{{ user_text }}", "{{ usr_text }}", "did you mean 'user_text'"),
        ("explain", "{% for line in facts %}", "{% for line in itmes %}", "title"),
        ("system", "{{ noun }}", "{{ nouns }}", "did you mean 'noun'"),
    ],
)
def test_a_misspelt_variable_is_a_startup_error_naming_it(prompt_copy, name, old, new, hint):
    path = prompt_copy / f"{name}.jinja"
    source = path.read_text(encoding="utf-8")
    assert old in source
    path.write_text(source.replace(old, new), encoding="utf-8")
    unknown = new.split()[-2] if new.startswith("{%") else new.strip("{} ")
    with pytest.raises(ConfigError) as caught:
        Prompts(prompt_copy)
    message = str(caught.value)
    assert f"{name}.jinja" in message and f"unknown variable {unknown!r}" in message
    assert hint in message
    # the message lists what the code passes for that prompt
    assert ", ".join(sorted(PROMPT_VARIABLES[name])) in message


def test_a_variable_of_another_prompt_is_an_error(prompt_copy):
    """`title` is passed to the item prompts, not to the lead-in: using it there fails."""
    path = prompt_copy / "intro.jinja"
    path.write_text(path.read_text(encoding="utf-8") + " {{ title }}", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"intro\.jinja: unknown variable 'title'"):
        Prompts(prompt_copy)


@pytest.mark.parametrize("text", ["", "  \n\t\n", "{% if false %}never{% endif %}\n"])
def test_an_empty_prompt_is_a_startup_error(prompt_copy, text):
    (prompt_copy / "system.jinja").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=r"system\.jinja (is|renders) empty"):
        Prompts(prompt_copy)


def test_an_empty_message_is_a_startup_error(prompt_copy):
    (prompt_copy / "clarify.jinja").write_text("### user\n{{ user_text }}\n### assistant\n")
    with pytest.raises(ConfigError, match=r"clarify\.jinja: an empty '### assistant' message"):
        Prompts(prompt_copy)


def test_a_prompt_that_is_not_utf8_is_a_startup_error_naming_it(prompt_copy):
    (prompt_copy / "explain_retry.jinja").write_bytes("Décrivez {{ noun }}".encode("latin-1"))
    with pytest.raises(ConfigError, match=r"explain_retry\.jinja is not UTF-8") as caught:
        Prompts(prompt_copy)
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


def test_a_broken_packaged_prompt_fails_serve_before_it_listens(
    monkeypatch, prompt_copy, tmp_path, capsys
):
    """`chatbot serve` builds the writer (and so checks the prompts) before it serves."""
    import chatbot.prompts
    import chatbot.server_limits
    from chatbot import cli

    path = prompt_copy / "intro.jinja"
    path.write_text(path.read_text().replace("{{ user_text }}", "{{ usr_text }}"))
    monkeypatch.setattr(chatbot.prompts, "PROMPTS_DIR", prompt_copy)
    monkeypatch.setattr(chatbot.server_limits, "run_server", lambda *a, **k: pytest.fail("ran"))
    for key, value in {
        "CATALOG_PATH": str(Path(__file__).parents[1] / "catalog" / "examples" / "books.jsonl"),
        "EMBEDDER": "hash",
        "LLM": "template",
        "STORE": "memory",
        "INDEX_DIR": str(tmp_path / "index"),
    }.items():
        monkeypatch.setenv(f"CHATBOT_{key}", value)
    assert cli.main(["serve", "--port", "1"]) == 2
    assert "intro.jinja: unknown variable 'usr_text'" in capsys.readouterr().err


def test_a_missing_declared_value_is_an_error_even_when_unused(prompt_copy):
    prompts = Prompts(prompt_copy)
    values = {k: v for k, v in VALUES.items() if k != "state_summary"}  # intro does not use it
    with pytest.raises(ConfigError, match=r"intro\.jinja: no value for state_summary"):
        prompts.render("intro", **values)


# --- the code passes exactly the declared variables ----------------------------------------------


class RecordingPrompts(Prompts):
    """The real prompts, recording the names of the values each render is passed."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[tuple[str, frozenset[str]]] = []

    def render(self, name: str, **values: Any) -> str:
        self.calls.append((name, frozenset(values)))
        return super().render(name, **values)


def test_the_code_passes_each_prompt_exactly_its_declared_variables(books_catalog):
    """Every code path that renders a prompt (each reply kind, the item prompt, its retry, the
    tuned item prompt as served and as trained): per prompt, the variables every caller passes
    are the declared ones. Fails when the code stops passing one or starts passing a new one."""
    from chatbot.writer_training import item_messages

    prompts = RecordingPrompts()
    settings = Settings.from_env({})
    recs = tuple(
        Recommendation(books_catalog.get(i), 0.9, ("genre: Mystery",))
        for i in ("book-010", "book-009")
    )
    for item_prompt in ("explain", "explain_tuned"):
        writer = ResponseWriter(None, books_catalog, settings, prompts=prompts, item_retry=True)
        writer.item_prompt = item_prompt  # what an adapter's manifest sets
        for kind in REPLY_PROMPTS:  # the kinds the writer writes
            writer.write(ReplyRequest(kind, "a cosy murder mystery", recs, "likes mysteries"))
    item_messages(writer, books_catalog.get("book-010"), "a mystery")
    passed: dict[str, frozenset[str]] = {}
    for name, keys in prompts.calls:
        passed[name] = passed.get(name, keys) & keys
    assert passed == PROMPT_VARIABLES


def test_a_prompt_that_fails_or_renders_empty_at_run_time_is_a_config_error(
    tmp_path: Path,
) -> None:
    """Values the startup check did not try still fail loudly (never template text): any error
    of the template's own, and an empty result."""
    import shutil

    from chatbot.prompts import Prompts

    folder = tmp_path / "p"
    shutil.copytree(PROMPTS_DIR, folder)
    intro = folder / "intro.jinja"
    original = intro.read_text(encoding="utf-8")
    intro.write_text(original + "{{ (1 / (count - 5)) if count == 5 else '' }}", encoding="utf-8")
    prompts = Prompts(folder)
    values = {"count": 5, **{k: v for k, v in SAMPLE_VALUES.items() if k != "count"}}
    with pytest.raises(ConfigError, match="intro.jinja does not render"):
        prompts.render("intro", **values)
    intro.write_text("{% if count != 5 %}" + original + "{% endif %}", encoding="utf-8")
    with pytest.raises(ConfigError, match="renders empty"):
        Prompts(folder).render("intro", **values)


def test_a_writer_refuses_a_folder_of_ones_own_without_every_prompt(tmp_path: Path) -> None:
    """A partial folder may be loaded to check its files, but a writer built on it fails at
    startup when a prompt it renders is missing (not at the first turn)."""
    from chatbot.catalog import load_catalog

    (tmp_path / "intro.jinja").write_text("Here are {{ count }} picks.", encoding="utf-8")
    prompts = Prompts(tmp_path)
    catalog = load_catalog(Path(__file__).resolve().parents[1] / "catalog/examples/books.jsonl")
    with pytest.raises(ConfigError, match="system"):
        ResponseWriter(FakeChatModel(), catalog, Settings(), prompts=prompts)
