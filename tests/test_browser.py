"""The web UI in headless Chromium, one regression test per defect of issue 15.

Two apps on loopback ports: the real UI over the stand-in manager (`tests/ui_standin_app.py`:
words streamed with a delay, so clicks can land during a running turn) and `python app.py`
over the books with the real dialogue manager (template writer). The real models on the movies
are in test_browser_movies.py. Screenshots go to test-artifacts/browser/.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from chatbot.config import REPO_ROOT
from tests.browser_helpers import (
    MOBILE,
    chat_messages,
    launch,
    open_page,
    send,
    shot,
    start_app,
    status,
    titles,
    turn_no,
    wait_idle,
    wait_new_reply_text,
    wait_ready,
    wait_turn,
)

pytestmark = pytest.mark.browser

STANDIN = ["tests/ui_standin_app.py", "--word-delay", "0.12", "--load-delay", "1"]
BOOKS = {
    "CHATBOT_CATALOG_PATH": str(REPO_ROOT / "catalog" / "examples" / "books.jsonl"),
    "CHATBOT_EMBEDDER": "hash",
    "CHATBOT_LLM": "template",
    "CHATBOT_STORE": "memory",
}
T = 60_000


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


@pytest.fixture(scope="module")
def standin_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from start_app(tmp_path_factory.mktemp("standin"), {}, 90, STANDIN)


@pytest.fixture(scope="module")
def books_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from start_app(tmp_path_factory.mktemp("books"), BOOKS, 90)


def test_loading_state_at_startup_then_ready(browser: Any, tmp_path: Path) -> None:
    """Defect 5: the page says it is loading (input disabled) until the models are in."""
    gate = tmp_path / "models-loaded"  # loading ends when the test creates it, not on a clock
    script = ["tests/ui_standin_app.py", "--word-delay", "0", "--load-delay", "0"]
    for url in start_app(tmp_path, {}, 90, [*script, "--load-until", str(gate)]):
        page = browser.new_context().new_page()
        page.goto(url)
        page.wait_for_selector("#turn-status .turn-status[data-state=loading]", timeout=T)
        assert "Loading" in page.inner_text("#turn-status")
        assert page.is_disabled("#message textarea") and page.is_disabled("#send")
        shot(page, "loading")
        # an example prompt clicked now waits for the models: shown at once, answered later
        page.click("#chat button.example >> nth=0")
        page.wait_for_function(
            "() => document.querySelectorAll('#chat .message-row').length >= 1", timeout=T
        )
        assert status(page)["state"] == "loading"  # the click did not wait for the models
        assert page.is_disabled("#message textarea")
        gate.touch()
        page.wait_for_selector("#message textarea:not([disabled])", timeout=T)
        wait_turn(page, 0, T)
        messages = chat_messages(page)
        assert messages[0] == ("user", "A mind-bending sci-fi film like Inception")
        assert messages[1][0] == "bot" and messages[1][1].startswith("Picks for A mind-bending")
        before = send(page, "space")
        wait_turn(page, before, T)
        page.context.close()


def test_sends_and_clicks_during_a_running_turn(browser: Any, standin_url: str) -> None:
    """Defect 1: Like on a card and Enter with a new message while a reply streams are queued,
    act on what was clicked, and nothing shown is later replaced by an older copy."""
    page = open_page(browser, standin_url)
    wait_turn(page, send(page, "I loved Jurassic Park"), T)
    before = send(page, "no horror")
    page.wait_for_selector("#stop", state="visible", timeout=5_000)
    liked = titles(page)[0]  # the card the user sees under the pointer
    page.click("#card-0-like")
    page.fill("#message textarea", "and something short")
    page.press("#message textarea", "Enter")
    assert turn_no(page) == before + 1  # still the 'no horror' turn: the others wait
    wait_idle(page, T)
    final = chat_messages(page)
    users = [t for r, t in final if r == "user"]
    assert users == [
        "I loved Jurassic Park",
        "no horror",
        f"Liked: {liked}",
        "and something short",
    ]
    assert [r for r, _ in final] == ["user", "bot"] * 4  # each answer under its message
    assert all(t != "…" for _, t in final)
    time.sleep(3)  # an older copy would be drawn now, after the turns ended
    assert chat_messages(page) == final
    page.context.close()


def test_start_over_during_a_turn(browser: Any, standin_url: str) -> None:
    """Defect 2 and 9: Start over asks first; during a reply it wins on screen, and the status
    line does not keep the old 'Answered in'."""
    page = open_page(browser, standin_url)
    wait_turn(page, send(page, "space"), T)
    send(page, "I loved Titanic")
    page.wait_for_selector("#stop", state="visible", timeout=5_000)
    page.click("#start-over")
    page.wait_for_selector("#confirm-start-over", state="visible")
    page.click("#confirm-start-over")
    page.wait_for_function(
        "() => document.querySelector('#turn-status').innerText.includes('Started over')",
        timeout=T,
    )
    wait_idle(page, T)
    time.sleep(3)
    assert chat_messages(page) == [] and titles(page) == []
    assert "Nothing yet" in page.inner_text("#panel")
    assert "Answered" not in page.inner_text("#turn-status")
    # a belief added now shows in both the summary and the buttons
    wait_turn(page, send(page, "dragons"), T)
    count = int(page.get_attribute("#panel .panel", "data-count") or 0)
    assert count == page.locator("#panel .belief-btn").count() == 1
    assert "dragons" in page.inner_text("#panel .panel-summary")
    page.context.close()


def test_mobile_cards_stacked_and_touch_targets(browser: Any, standin_url: str) -> None:
    """Defects 3 and 9: at 390 px the cards stack, each at least 300 px wide; controls are
    44 px tall, labelled, and name the film."""
    page = open_page(browser, standin_url, MOBILE)
    before = turn_no(page)
    page.click("#chat button.example >> nth=1")  # an example prompt is sent like typed text
    wait_turn(page, before, T)
    assert chat_messages(page)[0] == ("user", "A feel-good comedy from the 90s")
    boxes = [page.locator(f"#card-{i}").bounding_box() for i in range(3)]
    assert all(b is not None and b["width"] >= 300 for b in boxes), boxes
    assert boxes[0]["y"] < boxes[1]["y"] < boxes[2]["y"]  # stacked, not side by side
    assert all(b["height"] < 700 for b in boxes), boxes
    shot(page, "mobile-cards")
    first = titles(page)[0]
    assert page.get_by_label("Your message").count() == 1
    assert page.get_by_role("button", name=f"Like: {first}").count() == 1
    assert page.get_by_role("button", name=f"Why this one: {first}").count() == 1
    for selector in ["#send", "#start-over", "#forget", "#card-0-like", "#card-2-more"]:
        box = page.locator(selector).bounding_box()
        assert box is not None and box["height"] >= 44, (selector, box)
    small = page.evaluate(
        """() => [...document.querySelectorAll('button, textarea, input, select, [role=button]')]
            .filter(e => e.offsetParent !== null)
            .map(e => [e.getAttribute('aria-label') || e.innerText.trim().slice(0, 30),
                       e.getBoundingClientRect()])
            .filter(([_, r]) => r.width > 0 && (r.height < 44 || r.width < 44))
            .map(([n, r]) => [n, Math.round(r.width), Math.round(r.height)])"""
    )
    assert small == [], small  # Gradio's own controls too (footer Settings, chat toolbar)
    assert all(
        (b := btn.bounding_box()) is not None and b["height"] >= 44
        for btn in page.locator("#panel .belief-btn").all()
    )
    page.click("#forget")
    page.wait_for_selector("#confirm-forget", state="visible")
    page.click("#cancel-forget")
    page.wait_for_selector("#confirm-forget", state="hidden")
    assert titles(page) == [first, *titles(page)[1:]]  # nothing was deleted
    page.context.close()


def test_user_text_is_shown_as_typed(browser: Any, standin_url: str) -> None:
    """Defect 4: markup in a message is text: no image fetched, no bold."""
    page = open_page(browser, standin_url)
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url))
    typed = "<img src=x onerror=alert(1)> **bold**"
    wait_turn(page, send(page, typed), T)
    assert chat_messages(page)[0] == ("user", typed)
    assert page.locator("#chat img").count() == 0
    assert page.locator("#chat .user-row strong").count() == 0
    assert not [u for u in fetched if u.rstrip("/").endswith("/x")]
    page.context.close()


def test_streaming_cards_follow_the_text_and_stop(browser: Any, standin_url: str) -> None:
    """Defect 6: the text grows as it is written, the cards come while the text names the
    picks, and Stop ends the reply but keeps its items."""
    page = open_page(browser, standin_url)
    send(page, "space")
    lengths, cards_while_running = [], 0
    deadline = time.monotonic() + 30
    while status(page).get("state") != "done" and time.monotonic() < deadline:
        bots = [t for r, t in chat_messages(page) if r == "bot"]
        lengths.append(len(bots[-1]) if bots else 0)
        if status(page).get("state") == "running":
            cards_while_running = max(cards_while_running, len(titles(page)))
        time.sleep(0.1)
    assert len(set(lengths)) >= 4, lengths  # many steps, not all at once
    assert cards_while_running >= 1
    shot(page, "desktop-cards")
    n_bots = len([r for r, _ in chat_messages(page) if r == "bot"])
    before = send(page, "more please")
    wait_new_reply_text(page, n_bots, T, contains="Picks")
    page.click("#stop")
    data = wait_turn(page, before, T)
    last = chat_messages(page)[-1][1]
    assert last.startswith("Picks for") and last.endswith("(stopped)")
    assert last.count("it fits") < 3  # cut short: not every pick got its sentence
    assert len(titles(page)) == 3 and "Stopped after" in page.inner_text("#turn-status")
    assert int(data["totalMs"]) > 0
    page.context.close()


def test_reload_keeps_the_session_and_forget_me_deletes_it(browser: Any, books_url: str) -> None:
    """Defect 7: a reload shows the same conversation; another browser has its own; Forget me
    (confirmed) deletes it and the next reload starts empty."""
    page = open_page(browser, books_url)
    wait_turn(page, send(page, "science fiction about space exploration"), T)
    shown, cards = chat_messages(page), titles(page)
    assert cards
    stored = page.evaluate("() => localStorage.getItem('chatbot-session')")
    assert stored
    page.reload()
    page.wait_for_function("() => document.querySelectorAll('#chat .message-row').length >= 2")
    assert chat_messages(page) == shown and titles(page) == cards
    other = open_page(browser, books_url)  # a new context: another browser
    assert chat_messages(other) == [] and "Nothing yet" in other.inner_text("#panel")
    other.context.close()
    page.click("#forget")
    page.click("#confirm-forget")
    page.wait_for_function("() => document.querySelectorAll('#chat .message-row').length === 0")
    assert "Nothing yet" in page.inner_text("#panel") and titles(page) == []
    assert "Answered" not in page.inner_text("#turn-status")
    assert page.evaluate("() => localStorage.getItem('chatbot-session')") != stored
    page.reload()
    page.wait_for_selector("#message textarea:not([disabled])")
    time.sleep(1)
    assert chat_messages(page) == [] and "Nothing yet" in page.inner_text("#panel")
    page.context.close()


def test_thanks_keeps_cards_and_why_this_one(browser: Any, books_url: str) -> None:
    """Defect 8 and 'Why this one?' through the real dialogue manager: 'thanks!' keeps the
    cards; the answer about a pick names it and adds no beliefs."""
    page = open_page(browser, books_url)
    wait_turn(page, send(page, "science fiction about space exploration"), T)
    cards = titles(page)
    wait_turn(page, send(page, "thanks!"), T)
    assert titles(page) == cards
    beliefs = page.locator("#panel .belief-btn").all_inner_texts()
    for i in (2, 0, 1):  # every card, not only the first: the answer is about the clicked one
        before = turn_no(page)
        page.click(f"#card-{i}-why")
        wait_turn(page, before, T)
        asked, answer = chat_messages(page)[-2:]
        assert asked == ("user", f"Why did you pick {cards[i]}?")
        others = [c for j, c in enumerate(cards) if j != i]
        assert answer[1].startswith(f"I picked {cards[i]} because")
        assert not any(c in answer[1] for c in others), answer
        # the reasons and the facts: year, length (books have none: said so), genres, about
        assert cards[i].rsplit("(", 1)[1].rstrip(")") in answer[1]
        assert "no running time" in answer[1] and "listed as" in answer[1]
        assert "What it is about:" in answer[1]
        assert titles(page) == cards  # an answer never replaces the cards
        assert page.locator("#panel .belief-btn").all_inner_texts() == beliefs
    shot(page, "desktop-why-this-one")
    page.context.close()


def test_forget_me_leaves_nothing_in_the_browser(
    browser: Any, books_catalog: Any, tmp_path: Path
) -> None:
    """After Forget me and a reload, no local storage value holds a typed message or the old
    session id (Gradio's run history kept both)."""
    import app
    from chatbot.config import Settings
    from tests.browser_helpers import free_port
    from tests.test_app_standin import StandInManager

    settings = Settings.from_env({}, port=free_port(), home=tmp_path)
    demo = app.build_app(StandInManager(books_catalog), settings)
    url = app.serve(demo, settings, block=False)
    try:
        page = open_page(browser, url)
        typed = "zebra-striped submarine heist"
        wait_turn(page, send(page, typed), T)
        sessions = demo.sessions  # type: ignore[attr-defined]
        old = next(sid for sid, v in sessions._views.items() if v.history)
        page.click("#forget")
        page.click("#confirm-forget")
        page.wait_for_function("() => !document.querySelector('#chat .message-row')")
        page.reload()
        wait_ready(page)
        time.sleep(1)
        values = page.evaluate("() => Object.values(localStorage)")
        assert values, "the session id (encrypted) should be kept"
        assert not [v for v in values if typed in v or old in v], values
        assert chat_messages(page) == []
    finally:
        demo.close()


def test_chat_label_covers_no_message(browser: Any, standin_url: str) -> None:
    """Nothing floats over the chat log: once it scrolls, its first visible line is readable
    (the 'Conversation' label and the copy button used to sit on it), desktop and mobile."""
    page = open_page(browser, standin_url)
    for text in ("space", "more please", "older"):
        wait_turn(page, send(page, text), T)
    probe = """() => {
        const log = document.querySelector('#chat [role=log]');
        const r = log.getBoundingClientRect();
        const hits = [];
        for (const fx of [0.03, 0.1, 0.3, 0.5, 0.7, 0.9, 0.97]) {
          for (const dy of [3, 12, 24]) {
            const el = document.elementFromPoint(r.left + fx * r.width, r.top + dy);
            if (el && !log.contains(el)) hits.push(el.outerHTML.slice(0, 80));
          }
        }
        // and anything of the chat block drawn over the log (a label may let clicks through)
        for (const el of document.querySelectorAll('#chat *')) {
          if (log.contains(el) || el.contains(log) || el.offsetParent === null) continue;
          const css = getComputedStyle(el);
          if (css.visibility === 'hidden' || Number(css.opacity) === 0) continue;
          const e = el.getBoundingClientRect();
          const over = Math.min(e.right, r.right) - Math.max(e.left, r.left) > 1
            && Math.min(e.bottom, r.bottom) - Math.max(e.top, r.top) > 1;
          if (over) hits.push(el.outerHTML.slice(0, 80));
        }
        return {scrolled: log.scrollTop, hits};
    }"""
    for viewport in (None, MOBILE):
        if viewport:
            page.set_viewport_size(viewport)
            time.sleep(0.5)
        page.locator("#chat [role=log]").scroll_into_view_if_needed()
        found = page.evaluate(probe)
        assert found["scrolled"] > 0 and found["hits"] == [], found
    page.context.close()


def test_a_closed_tab_ends_its_page_stream(
    browser: Any, books_catalog: Any, tmp_path: Path
) -> None:
    """Each tab draws through one long-lived stream; closing the tab must end it (Gradio keeps
    running events whose client left), or every closed tab would keep polling forever."""
    import app
    from chatbot.config import Settings
    from tests.browser_helpers import free_port
    from tests.test_app_standin import StandInManager

    settings = Settings.from_env({}, port=free_port(), home=tmp_path)
    demo = app.build_app(StandInManager(books_catalog), settings)
    url = app.serve(demo, settings, block=False)
    try:
        page = open_page(browser, url)
        sessions = demo.sessions  # type: ignore[attr-defined]
        assert sessions.tabs == 1
        page.context.close()
        deadline = time.monotonic() + 30
        while sessions.tabs and time.monotonic() < deadline:
            time.sleep(0.2)
        assert sessions.tabs == 0
    finally:
        demo.close()
