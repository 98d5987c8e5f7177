"""`chatbot chat` with piped stdin: one message per line in, each reply printed."""

from __future__ import annotations

import io
import sys

import pytest

from chatbot.cli import main
from tests.conftest import BOOKS_PATH


@pytest.fixture
def chat(monkeypatch: pytest.MonkeyPatch, tmp_path: object, capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CHATBOT_INDEX_DIR", str(tmp_path))
    monkeypatch.setenv("CHATBOT_MAX_MESSAGE_CHARS", "200")

    def run(*lines: str) -> tuple[int, str]:
        monkeypatch.setattr(sys, "stdin", io.StringIO("".join(line + "\n" for line in lines)))
        code = main(
            [
                "--catalog",
                str(BOOKS_PATH),
                "chat",
                "--llm",
                "template",
                "--store",
                "memory",
                "--embedder",
                "hash",
            ]
        )
        return code, capsys.readouterr().out

    return run


def test_piped_messages_get_replies_with_item_lists(chat) -> None:  # type: ignore[no-untyped-def]
    code, out = chat("I like space exploration, no horror", "", "the second one is not for me")
    assert code == 0
    assert out.count("  1. ") == 2 and out.count("  3. ") == 2
    assert out.count("why: ") == 6
    assert "Science Fiction" in out
    assert "you> " not in out  # no prompts when stdin is not a terminal


def test_commands(chat) -> None:  # type: ignore[no-untyped-def]
    code, out = chat(
        "space exploration, no horror",
        "/state",
        "/forget 1",
        "/like 9",
        "/like 2",
        "/reset",
        "/state",
        "/nope",
        "/quit",
        "never read",
    )
    assert code == 0
    assert "You like: space exploration. Avoiding: horror." in out
    assert "  1. Interested in: space exploration" in out
    assert "No item 9 in the last list." in out
    assert "Starting over." in out and "No preferences yet." in out
    assert "Unknown command '/nope'" in out and "Commands:" in out


def test_bad_lines_are_reported_and_the_chat_goes_on(chat) -> None:  # type: ignore[no-untyped-def]
    code, out = chat("x" * 300, "mysteries please")
    assert code == 0
    assert "! message is 300 characters long; the limit is 200" in out
    assert "  1. " in out


def test_a_notice_the_reply_already_says_is_printed_once(chat) -> None:  # type: ignore[no-untyped-def]
    code, out = chat("I liked the second one")  # nothing was shown yet
    assert code == 0
    assert out.count("haven't shown you any picks yet") == 1


def test_piped_input_says_when_it_goes_on_with_a_stored_session(
    monkeypatch: pytest.MonkeyPatch, tmp_path: object, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CHATBOT_INDEX_DIR", str(tmp_path))
    db = f"{tmp_path}/sessions.sqlite3"
    monkeypatch.setenv("CHATBOT_SQLITE_PATH", db)

    def run(*lines: str) -> str:
        monkeypatch.setattr(sys, "stdin", io.StringIO("".join(line + "\n" for line in lines)))
        args = ["--catalog", str(BOOKS_PATH), "chat", "--llm", "template", "--store", "sqlite"]
        assert main([*args, "--embedder", "hash"]) == 0
        return capsys.readouterr().err

    assert "Going on with session" not in run("I like space exploration")
    err = run("something else")
    assert "Going on with session 'terminal' (1 turn so far" in err
    assert "(2 turns so far" in run("older please")
    assert "--session NAME" in err
