"""The web UI's session views without a browser: jobs in order, Stop, Start over, Forget me,
cards that follow the text (the stand-in manager; real threads, no Gradio events)."""

from __future__ import annotations

import html
import threading
import time
import uuid
from typing import Any

import pytest

import app
from chatbot.catalog import Catalog
from chatbot.config import Settings
from chatbot.errors import BackendError
from chatbot.ui_session import (
    ManagerSource,
    Sessions,
    SessionView,
    StoppableChatModel,
    StopSignal,
    named_labels,
    valid_session_id,
)
from tests.test_app_standin import StandInManager


def wait_idle(view: SessionView, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with view.lock:
            if view.worker is None and not view.jobs and view.running is None:
                return
        time.sleep(0.01)
    raise AssertionError(f"session still busy: {view.status_text}")


def wait_for(cond, timeout: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not cond():
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached")
        time.sleep(0.01)


@pytest.fixture()
def manager(books_catalog: Catalog) -> StandInManager:
    return StandInManager(books_catalog)


def sessions_for(manager: StandInManager, max_chars: int = 50) -> Sessions:
    return Sessions(ManagerSource(manager), max_chars=max_chars)


def contents(view: SessionView) -> list[tuple[str, str]]:
    """(role, text as the reader sees it) per chat message."""
    return [(m["role"], html.unescape(m["content"])) for m in view.snapshot().history]


def test_a_message_streams_then_shows_cards_panel_and_timings(manager: StandInManager) -> None:
    sessions = sessions_for(manager)
    assert sessions.send("s1", "space exploration") is None
    view = sessions.view("s1")
    wait_idle(view)
    history = contents(view)
    assert history[0] == ("user", "space exploration")
    assert history[1][0] == "assistant" and history[1][1].startswith("Picks for space exploration.")
    snap = view.snapshot()
    assert snap.card_ids == ("book-001", "book-002", "book-003")
    assert "Interested in: space exploration" in snap.panel_html
    assert 'data-state="done"' in snap.status_html and "Answered in" in snap.status_html
    assert "data-first-text-ms" in snap.status_html and "data-total-ms" in snap.status_html
    assert manager.calls[-1] == ("stream", "s1", "space exploration")


def test_messages_sent_during_a_turn_are_queued_and_answered_in_order(
    books_catalog: Catalog,
) -> None:
    manager = StandInManager(books_catalog, delay_s=0.02)
    sessions = sessions_for(manager)
    sessions.send("s1", "space")
    view = sessions.view("s1")
    wait_for(lambda: view.snapshot().running)
    sessions.send("s1", "dragons")
    assert sessions.card_action("s1", "like", "book-005") is None
    # the queued messages show at once, in the order they were sent
    assert [c for r, c in contents(view) if r == "user"] == [
        "space",
        "dragons",
        "Liked: " + (books_catalog.get("book-005").label),
    ]
    assert "more waiting" in view.snapshot().status_html
    wait_idle(view)
    history = contents(view)
    assert [r for r, _ in history] == ["user", "assistant"] * 3
    assert all(c != "…" for _, c in history)
    calls = [c for c in manager.calls if c[0] in ("stream", "feedback")]
    assert calls == [
        ("stream", "s1", "space"),
        ("stream", "s1", "dragons"),
        ("feedback", "s1", "book-005", "like"),
    ]


def test_versions_only_grow(books_catalog: Catalog) -> None:
    manager = StandInManager(books_catalog, delay_s=0.005)
    sessions = sessions_for(manager)
    view = sessions.view("s1")
    seen: list[int] = []
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            seen.append(view.snapshot().version)
            time.sleep(0.001)

    watcher = threading.Thread(target=watch)
    watcher.start()
    sessions.send("s1", "space")
    sessions.send("s1", "more please")
    wait_idle(view)
    done.set()
    watcher.join()
    assert seen == sorted(seen) and len(set(seen)) > 5


def test_cards_of_new_picks_appear_when_the_text_names_them(books_catalog: Catalog) -> None:
    manager = StandInManager(books_catalog, delay_s=0.03)
    sessions = sessions_for(manager)
    sessions.send("s1", "space")
    view = sessions.view("s1")
    wait_idle(view)
    manager.states["s1"].rejected += ["book-001", "book-002", "book-003"]
    sessions.send("s1", "other things")
    partial: list[tuple[str, ...]] = []
    wait_for(lambda: view.snapshot().running)
    while view.snapshot().running:
        snap = view.snapshot()
        partial.append(snap.card_ids)
        time.sleep(0.005)
    assert ("book-004",) in partial  # the first new pick, before the others were named
    assert partial[0] == ("book-001", "book-002", "book-003")  # old cards until then
    assert view.snapshot().card_ids == ("book-004", "book-005", "book-006")


def test_thanks_keeps_the_cards(manager: StandInManager) -> None:
    sessions = sessions_for(manager)
    sessions.send("s1", "space")
    view = sessions.view("s1")
    wait_idle(view)
    before = view.snapshot().card_ids
    sessions.send("s1", "thanks!")
    wait_idle(view)
    assert view.snapshot().card_ids == before and before
    assert contents(view)[-1] == ("assistant", "You're welcome!")


def test_user_text_is_escaped_in_the_chat(manager: StandInManager) -> None:
    sessions = sessions_for(manager, max_chars=200)
    sessions.send("s1", "<img src=x onerror=alert(1)> **bold**")
    view = sessions.view("s1")
    wait_idle(view)
    shown = view.snapshot().history[0]["content"]
    assert html.unescape(shown) == "<img src=x onerror=alert(1)> **bold**"
    assert "<" not in shown and "*" not in shown
    assert "&#60;img" in shown and "&#42;&#42;bold" in shown


def test_overlong_empty_and_failed_load_messages_are_not_queued(books_catalog: Catalog) -> None:
    manager = StandInManager(books_catalog)
    sessions = sessions_for(manager, max_chars=10)
    notice = sessions.send("s1", "x" * 11)
    assert notice is not None and "11" in notice and "10" in notice and "still in the box" in notice
    assert sessions.send("s1", "   ") is None
    failed = ManagerSource()
    failed.error = "no catalogue"
    failed.ready.set()
    assert "no catalogue" in (Sessions(failed, max_chars=10).send("s2", "hi") or "")
    wait_idle(sessions.view("s1"))
    assert manager.calls == [] and contents(sessions.view("s1")) == []


def test_a_message_sent_while_loading_waits_for_the_models(books_catalog: Catalog) -> None:
    """An example prompt clicked during startup is answered once loaded, not dropped."""
    source = ManagerSource()
    sessions = Sessions(source, max_chars=100)
    assert sessions.send("s1", "space") is None
    view = sessions.view("s1")
    assert contents(view) == [("user", "space")]
    manager = StandInManager(books_catalog)
    source.load_in_background(lambda _: manager)
    wait_idle(view)
    assert manager.calls == [("stream", "s1", "space")]
    assert contents(view)[-1][1].startswith("Picks for space")


def test_stop_ends_generation_and_keeps_the_items(books_catalog: Catalog) -> None:
    manager = StandInManager(books_catalog, delay_s=0.05)
    sessions = sessions_for(manager)
    sessions.send("s1", "space")
    view = sessions.view("s1")
    wait_for(lambda: "Picks" in contents(view)[-1][1])
    sessions.stop("s1")
    wait_idle(view)
    last = contents(view)[-1][1]
    assert last.endswith("_(stopped)_") and "it fits" not in last
    assert view.snapshot().card_ids == ("book-001", "book-002", "book-003")  # items kept
    assert "Stopped after" in view.snapshot().status_html


def test_start_over_during_a_turn_wins_on_screen(books_catalog: Catalog) -> None:
    manager = StandInManager(books_catalog, delay_s=0.03)
    sessions = sessions_for(manager)
    sessions.send("s1", "space")
    view = sessions.view("s1")
    wait_idle(view)
    sessions.send("s1", "Titanic")
    sessions.send("s1", "queued one")
    wait_for(lambda: view.snapshot().running)
    sessions.start_over("s1")
    wait_idle(view)
    time.sleep(0.3)
    snap = view.snapshot()
    assert snap.history == () and snap.card_ids == ()
    assert "Nothing yet" in snap.panel_html and "Titanic" not in snap.panel_html
    assert "Started over." in snap.status_html and "Answered" not in snap.status_html
    assert ("stream", "s1", "queued one") not in manager.calls
    assert manager.states["s1"].interests == []


def test_forget_deletes_everywhere_and_moves_every_tab(manager: StandInManager) -> None:
    sessions = sessions_for(manager)
    sid = str(uuid.uuid4())
    sessions.send(sid, "space")
    view = sessions.view(sid)
    wait_idle(view)
    new_id = sessions.forget(sid)
    assert valid_session_id(new_id) == new_id != sid
    moved = sessions.follow(view)
    assert moved.session_id == new_id and moved.snapshot().history == ()
    wait_idle(view)
    assert ("forget", sid) in manager.calls and sid not in manager.states
    assert sessions.view(sid) is moved  # a stale tab that still sends the old id follows too


def test_reload_gets_the_same_view_and_a_restart_restores_the_panel(
    manager: StandInManager,
) -> None:
    sessions = sessions_for(manager)
    sessions.send("s1", "space")
    wait_idle(sessions.view("s1"))
    assert contents(sessions.view("s1"))[0] == ("user", "space")
    restarted = sessions_for(manager)  # a new process: the chat is gone, the state is not
    view = restarted.view("s1")
    wait_idle(view)
    assert "Interested in: space" in view.snapshot().panel_html
    assert contents(view)[0][1].startswith("Welcome back")


def test_remove_belief_and_a_stale_belief(manager: StandInManager) -> None:
    sessions = sessions_for(manager)
    sessions.send("s1", "space")
    view = sessions.view("s1")
    wait_idle(view)
    sessions.remove_belief("s1", "interest-0")
    wait_idle(view)
    assert "Nothing yet" in view.snapshot().panel_html
    sessions.remove_belief("s1", "interest-0")
    wait_idle(view)
    assert "no longer there" in view.snapshot().status_html


def test_why_and_more_go_through_the_manager(manager: StandInManager) -> None:
    sessions = sessions_for(manager)
    sessions.send("s1", "space")
    view = sessions.view("s1")
    wait_idle(view)
    label = manager.catalog.get("book-002").label
    sessions.card_action("s1", "why", "book-002")
    wait_idle(view)
    assert ("explain", "s1", "book-002") in manager.calls  # the item id, no text to parse
    assert contents(view)[-2][1] == f"Why did you pick {label}?"
    assert label in contents(view)[-1][1]
    sessions.card_action("s1", "more", "book-002")
    wait_idle(view)
    assert ("stream", "s1", f"More like {label}") in manager.calls
    assert sessions.card_action("s1", "like", "no-such-id") is not None


def test_manager_errors_show_in_the_chat_and_the_queue_goes_on(manager: StandInManager) -> None:
    sessions = sessions_for(manager)
    sessions.send("s1", "boom")
    sessions.send("s1", "space")
    view = sessions.view("s1")
    wait_idle(view)
    history = contents(view)
    assert history[1] == ("assistant", "⚠ the stand-in refuses 'boom'")
    assert history[3][1].startswith("Picks for space")


def test_stoppable_model_raises_backend_error_once_stopped() -> None:
    class Inner:
        name = "inner"

        def stream(self, messages, **opts):  # type: ignore[no-untyped-def]
            yield from ["a", "b", "c"]

    signal = StopSignal()
    model = StoppableChatModel(Inner(), signal)
    assert getattr(model, "stream_batch", None) is None  # the writer must not try to batch
    stop = threading.Event()
    signal.bind(stop)
    out = []
    with pytest.raises(BackendError, match="stopped"):
        for d in model.stream([]):
            out.append(d)
            stop.set()
    assert out == ["a"] and model.name == "inner"


def test_build_app_wires_the_page(manager: StandInManager, tmp_path: Any) -> None:
    import gradio as gr

    demo = app.build_app(manager, Settings.from_env({}, items_per_turn=3, home=tmp_path))
    assert (tmp_path / "ui-secret").stat().st_mode & 0o077 == 0  # the storage key is private
    ids = {b.elem_id for b in demo.blocks.values() if getattr(b, "elem_id", None)}
    for needed in ("chat", "message", "send", "stop", "cards", "panel", "start-over", "forget"):
        assert needed in ids
    assert "confirm-start-over" in ids and "confirm-forget" in ids
    assert any(isinstance(b, gr.BrowserState) for b in demo.blocks.values())
    box = next(b for b in demo.blocks.values() if getattr(b, "elem_id", None) == "message")
    assert box.label == "Your message"


def test_main_port_from_flag_env_and_default(monkeypatch: pytest.MonkeyPatch) -> None:
    assert app.parse_args(["--port", "9001"]).port == 9001
    args = app.parse_args([])
    monkeypatch.setenv("CHATBOT_PORT", "9002")
    assert Settings.from_env(port=args.port).port == 9002
    monkeypatch.delenv("CHATBOT_PORT")
    default = Settings.from_env(port=args.port)
    assert (default.host, default.port) == ("127.0.0.1", 7860)


def test_the_real_writer_names_each_pick_before_the_turn_ends(books_manager: Any) -> None:
    """The contract the cards rely on: in the real dialogue manager's stream, each pick's bold
    label comes before the Reply, in the order of Reply.items."""
    labels = {item.label: item for item in books_manager.catalog}
    text, first_named_at, parts = "", None, 0
    reply = None
    for part in books_manager.stream("s1", "science fiction about space exploration"):
        if isinstance(part, str):
            text += part
            parts += 1
            if first_named_at is None and named_labels(text, labels):
                first_named_at = parts
        else:
            reply = part
    assert reply is not None and reply.items
    assert first_named_at is not None and first_named_at < parts
    assert named_labels(text, labels) == [r.item.label for r in reply.items]


def test_an_answer_naming_films_keeps_the_cards(books_catalog: Catalog) -> None:
    """An answer that names a shown film, or another one, in bold does not replace the cards."""

    class Answering(StandInManager):
        def stream(self, sid: str, text: str):  # type: ignore[no-untyped-def]
            if text.startswith("Why"):
                named = [self.catalog.get(i).label for i in ("book-002", "book-009")]
                return self._talk(sid, f"**{named[0]}** is like **{named[1]}**.", "answer")
            return super().stream(sid, text)

    manager = Answering(books_catalog, delay_s=0.01)
    sessions = sessions_for(manager)
    sessions.send("s1", "space")
    view = sessions.view("s1")
    wait_idle(view)
    before = view.snapshot().card_ids
    sessions.card_action("s1", "why", "book-002")
    seen = []
    wait_for(lambda: view.snapshot().running)
    while view.snapshot().running:
        seen.append(view.snapshot().card_ids)
    wait_idle(view)
    assert view.snapshot().card_ids == before
