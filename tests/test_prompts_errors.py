"""Every Jinja error in a prompt file is a ConfigError naming the file at startup, and a byte
order mark never reaches the model."""

from __future__ import annotations

from pathlib import Path

import pytest

from chatbot.errors import ConfigError
from chatbot.prompts import PROMPTS_DIR, REQUIRED_PROMPTS, SAMPLE_VALUES, Prompts


@pytest.fixture
def prompt_copy(tmp_path: Path) -> Path:
    """A user's prompts folder: a copy of the shipped prompts, to break one file of."""
    folder = tmp_path / "my_prompts"
    folder.mkdir()
    for name in Prompts().names():
        (folder / f"{name}.jinja").write_bytes((PROMPTS_DIR / f"{name}.jinja").read_bytes())
    return folder


@pytest.mark.parametrize(
    ("name", "broken", "error"),
    [
        ("system", "{{ noun | title2 }}", r"system\.jinja does not render: .*title2.* \(line"),
        ("intro", "{% if noun is shiny %}x{% endif %}", r"intro\.jinja does not render: .*shiny"),
        ("explain", "{{ noun | int // 0 }}", r"explain\.jinja does not render: ZeroDivision"),
        ("extra", "{{ noun | title2 }}", r"extra\.jinja does not render: .*title2"),
        ("system", "{% frobnicate %}", r"system\.jinja does not render: .*frobnicate"),
    ],
)
def test_any_jinja_error_is_a_startup_error_naming_the_file(
    prompt_copy: Path, name: str, broken: str, error: str
) -> None:
    path = prompt_copy / f"{name}.jinja"
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    path.write_text(old + "\n" + broken + "\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=error):
        Prompts(prompt_copy).check(REQUIRED_PROMPTS)


def test_a_byte_order_mark_is_not_part_of_the_prompt(prompt_copy: Path) -> None:
    path = prompt_copy / "system.jinja"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    prompts = Prompts(prompt_copy)
    text = prompts.render("system", noun="movie")
    assert "\ufeff" not in text
    assert text == Prompts().render("system", noun="movie")
    messages = prompts.messages("intro", **SAMPLE_VALUES)
    assert all("\ufeff" not in m["content"] for m in messages)
