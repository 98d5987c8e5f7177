"""Helpers of the browser tests: start the app on a loopback port, drive headless Chromium."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from chatbot.config import REPO_ROOT

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SHOTS = REPO_ROOT / "test-artifacts" / "browser"
DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 390, "height": 844}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_app(
    tmp: Path, env_extra: dict[str, str], timeout_s: float, script: Sequence[str] = ()
) -> Iterator[str]:
    """Run `python app.py` (or `script`) on a free port until the generator is closed."""
    port = free_port()
    env = {
        **os.environ,
        "CHATBOT_HOME": str(tmp),
        "CHATBOT_INDEX_DIR": str(tmp / "index"),
        "CHATBOT_SQLITE_PATH": str(tmp / "sessions.sqlite3"),
        "CHATBOT_MAX_MESSAGE_CHARS": "300",
        "GRADIO_ANALYTICS_ENABLED": "False",
        **env_extra,
    }
    command = [sys.executable, *(script or [str(REPO_ROOT / "app.py")]), "--port", str(port)]
    log = (tmp / "app.log").open("w")
    proc = subprocess.Popen(command, cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + timeout_s
    try:
        while True:
            if proc.poll() is not None:
                pytest.fail(f"app exited early:\n{(tmp / 'app.log').read_text()[-3000:]}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail(f"app did not listen in {timeout_s:.0f}s")
                time.sleep(0.3)
        yield f"http://127.0.0.1:{port}/"
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def launch(playwright: Any) -> Any:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make system-deps`")
    return playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)


def open_page(browser: Any, url: str, viewport: dict[str, int] = DESKTOP, ready_ms: int = 120_000):  # type: ignore[no-untyped-def]
    """A fresh context (its own local storage) with the page loaded and ready for input."""
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(url)
    wait_ready(page, ready_ms)
    return page


def wait_ready(page: Any, timeout_ms: int = 120_000) -> None:
    page.wait_for_selector("#message textarea:not([disabled])", timeout=timeout_ms)
    page.wait_for_function(
        "() => { const s = document.querySelector('#turn-status .turn-status');"
        " return s && !['loading'].includes(s.dataset.state); }",
        timeout=timeout_ms,
    )


def status(page: Any) -> dict[str, str]:
    return dict(page.eval_on_selector("#turn-status .turn-status", "s => ({...s.dataset})") or {})


def turn_no(page: Any) -> int:
    return int(status(page).get("turn") or 0)


def wait_turn(page: Any, after: int, timeout_ms: int) -> dict[str, str]:
    """Wait until turn number `after`+1 or later is done; returns the status data."""
    page.wait_for_function(
        "n => { const s = document.querySelector('#turn-status .turn-status');"
        " return s && s.dataset.state === 'done' && Number(s.dataset.turn) > n; }",
        arg=after,
        timeout=timeout_ms,
    )
    return status(page)


def wait_idle(page: Any, timeout_ms: int) -> None:
    """Wait until no turn runs or waits (Stop hidden, no '…' bubble, status not running)."""
    page.wait_for_function(
        "() => { const s = document.querySelector('#turn-status .turn-status');"
        " const stop = document.querySelector('#stop');"
        " const running = stop && stop.offsetParent !== null;"
        " const dots = [...document.querySelectorAll('#chat .message')]"
        "   .some(m => m.innerText.trim() === '…');"
        " return s && !['running', 'queued'].includes(s.dataset.state) && !running && !dots; }",
        timeout=timeout_ms,
    )


def send(page: Any, text: str) -> int:
    """Type a message and press Enter; returns the turn number before it."""
    before = turn_no(page)
    page.fill("#message textarea", text)
    page.press("#message textarea", "Enter")
    return before


def titles(page: Any) -> list[str]:
    return [t.strip() for t in page.locator("#cards .rec-title").all_inner_texts()]


def chat_messages(page: Any) -> list[tuple[str, str]]:
    """(role, text) of each chat message as shown."""
    return [
        (str(r), str(t).strip())
        for r, t in page.eval_on_selector_all(
            "#chat .message-row",
            "rows => rows.map(r => [r.classList.contains('user-row') ? 'user' : 'bot',"
            " r.innerText])",
        )
    ]


def shot(page: Any, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def wait_new_reply_text(page: Any, bots_before: int, timeout_ms: int, contains: str = "") -> None:
    """Wait until the reply after `bots_before` earlier bot messages shows text (not '…')."""
    page.wait_for_function(
        "([n, part]) => { const rows = [...document.querySelectorAll('#chat .bot-row')];"
        " if (rows.length <= n) return false; const t = rows[rows.length - 1].innerText.trim();"
        " return t.length > 3 && t !== '…' && t.includes(part); }",
        arg=[bots_before, contains],
        timeout=timeout_ms,
    )
