"""End-to-end: `python app.py` on a loopback port, driven by headless Chromium (screenshots in
test-artifacts/browser/)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from chatbot.config import REPO_ROOT

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SHOTS = REPO_ROOT / "test-artifacts" / "browser"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _start_app(tmp: Path, env_extra: dict[str, str], timeout_s: float) -> Iterator[str]:
    port = _free_port()
    env = {
        **os.environ,
        "CHATBOT_HOME": str(tmp),
        "CHATBOT_INDEX_DIR": str(tmp / "index"),
        "CHATBOT_SQLITE_PATH": str(tmp / "sessions.sqlite3"),
        "CHATBOT_MAX_MESSAGE_CHARS": "300",
        "GRADIO_ANALYTICS_ENABLED": "False",
        **env_extra,
    }
    log = (tmp / "app.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, str(REPO_ROOT / "app.py"), "--port", str(port)],
        cwd=REPO_ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + timeout_s
    try:
        while True:
            if proc.poll() is not None:
                pytest.fail(f"app.py exited early:\n{(tmp / 'app.log').read_text()[-3000:]}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail(f"app.py did not listen in {timeout_s:.0f}s")
                time.sleep(0.5)
        yield f"http://127.0.0.1:{port}/"
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture()
def fast_app(tmp_path: Path) -> Iterator[str]:
    """The real app over the books catalogue, hash embedder, template writer, memory store."""
    yield from _start_app(
        tmp_path,
        {
            "CHATBOT_CATALOG_PATH": str(REPO_ROOT / "catalog" / "examples" / "books.jsonl"),
            "CHATBOT_EMBEDDER": "hash",
            "CHATBOT_LLM": "template",
            "CHATBOT_STORE": "memory",
        },
        timeout_s=90,
    )


def _browser():  # type: ignore[no-untyped-def]
    playwright = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make system-deps`")
    return playwright.sync_playwright()


def _titles(page) -> list[str]:  # type: ignore[no-untyped-def]
    return [t.strip() for t in page.locator(".rec-card .rec-title").all_inner_texts()]


def _turn_no(page) -> int:  # type: ignore[no-untyped-def]
    return int(page.get_attribute("#turn-status .turn-status", "data-turn") or 0)


def _wait_turn(page, after: int, timeout_ms: int) -> None:  # type: ignore[no-untyped-def]
    """Wait until a turn numbered above `after` has finished (the status line says so)."""
    page.wait_for_function(
        "n => { const s = document.querySelector('#turn-status .turn-status');"
        " return s && s.dataset.state === 'done' && Number(s.dataset.turn) > n; }",
        arg=after,
        timeout=timeout_ms,
    )
    expect_text = page.inner_text("#turn-status")
    assert expect_text.startswith("Answered in"), expect_text


def _send(page, text: str, timeout_ms: int) -> None:  # type: ignore[no-untyped-def]
    """Type a message and wait until its turn is done."""
    before = _turn_no(page)
    page.fill("#message textarea", text)
    page.press("#message textarea", "Enter")
    _wait_turn(page, before, timeout_ms)


def _click_turn(page, selector: str, timeout_ms: int) -> None:  # type: ignore[no-untyped-def]
    """Click a card button (a turn of its own) and wait until it is done."""
    before = _turn_no(page)
    page.click(selector)
    _wait_turn(page, before, timeout_ms)


def _drive(url: str, prefix: str, timeout_ms: int) -> None:
    from playwright.sync_api import expect

    SHOTS.mkdir(parents=True, exist_ok=True)
    with _browser() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            page.goto(url)
            page.wait_for_selector("#message textarea", timeout=30_000)
            expect(page.locator("#summary")).to_contain_text("Nothing yet")
            page.screenshot(path=SHOTS / f"{prefix}-1-start.png", full_page=True)

            # an over-long message: a clear notice, the text stays, nothing is sent
            page.fill("#message textarea", "x" * 301)
            page.press("#message textarea", "Enter")
            expect(page.locator("body")).to_contain_text("the limit is 300", timeout=10_000)
            assert page.input_value("#message textarea") == "x" * 301
            page.screenshot(path=SHOTS / f"{prefix}-2-too-long.png", full_page=True)

            _send(page, "science fiction about space exploration", timeout_ms)
            expect(page.locator("#card-0 .rec-card")).to_be_visible(timeout=timeout_ms)
            first = _titles(page)
            assert len(first) >= 2, first
            expect(page.locator("#summary")).not_to_contain_text("Nothing yet")
            page.screenshot(path=SHOTS / f"{prefix}-3-cards.png", full_page=True)

            rejected = first[1]
            rejected_title = rejected.rsplit(" (", 1)[0]
            _click_turn(page, "#card-1-dislike", timeout_ms)
            expect(page.locator("#chat")).to_contain_text(
                f"Not for me: {rejected}", timeout=timeout_ms
            )
            expect(page.locator("#summary")).to_contain_text(rejected_title, timeout=timeout_ms)
            expect(page.locator("[id^=belief-]").filter(has_text=rejected_title)).to_be_visible()
            page.screenshot(path=SHOTS / f"{prefix}-4-not-for-me.png", full_page=True)

            _send(page, "something with more romance please", timeout_ms)
            expect(page.locator("#card-0 .rec-card")).to_be_visible(timeout=timeout_ms)
            assert rejected not in _titles(page)
            expect(page.locator("#summary")).to_contain_text(rejected_title)
            page.screenshot(path=SHOTS / f"{prefix}-5-critique.png", full_page=True)

            # a second tab is its own session: empty state, no cards
            other = context.new_page()
            other.goto(url)
            other.wait_for_selector("#message textarea", timeout=30_000)
            expect(other.locator("#summary")).to_contain_text("Nothing yet")
            assert _titles(other) == []
            other.screenshot(path=SHOTS / f"{prefix}-6-second-tab.png", full_page=True)
            other.close()

            # one click removes a belief
            belief = page.locator("[id^=belief-]").filter(has_text=rejected_title)
            belief.click()
            expect(page.locator("#summary")).not_to_contain_text(rejected_title, timeout=10_000)
            page.screenshot(path=SHOTS / f"{prefix}-7-belief-removed.png", full_page=True)

            page.click("#forget")
            expect(page.locator("#summary")).to_contain_text("Nothing yet", timeout=10_000)
            assert _titles(page) == []
            page.screenshot(path=SHOTS / f"{prefix}-8-forgotten.png", full_page=True)
        finally:
            browser.close()


def test_browser_chat_cards_feedback_and_sessions(fast_app: str) -> None:
    _drive(fast_app, "fast", timeout_ms=30_000)


@pytest.mark.slow
def test_browser_with_default_models(tmp_path: Path) -> None:
    """The default stack (movie catalogue, MiniLM, SmolLM2) behind the same clicks."""
    settings_path = REPO_ROOT / "var" / "catalog" / "movies.jsonl"
    if not settings_path.exists():
        pytest.fail(f"{settings_path} is missing: run `make setup` first")
    env = {
        "CHATBOT_STORE": "sqlite",
        "CHATBOT_INDEX_DIR": str(REPO_ROOT / "var" / "index"),
        "CHATBOT_THREADS": "1",
    }
    for url in _start_app(tmp_path, env, timeout_s=300):
        _drive(url, "real", timeout_ms=240_000)
