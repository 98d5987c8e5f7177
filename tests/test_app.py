"""Handler-level tests of the web UI (no browser): what each event shows, with fast fakes."""

from __future__ import annotations

import uuid

import pytest

import app
from chatbot.catalog import Catalog
from chatbot.config import Settings
from chatbot.ui_render import EMPTY_PANEL, belief_button_label
from tests.test_app_standin import StandInManager


@pytest.fixture()
def manager(books_catalog: Catalog) -> StandInManager:
    return StandInManager(books_catalog)


@pytest.fixture()
def handlers(manager: StandInManager) -> app.Handlers:
    return app.Handlers(manager, Settings.from_env({}, max_message_chars=50))


def last(views: list[app.View]) -> app.View:
    assert views, "the handler yielded nothing"
    return views[-1]


def test_message_streams_then_shows_cards_and_panel(
    handlers: app.Handlers, manager: StandInManager
) -> None:
    views = list(handlers.message("s1", "space exploration", []))
    first = views[0]
    assert first.message == ""  # the box is cleared once the message is accepted
    assert first.history is not None and first.history[-2] == {
        "role": "user",
        "content": "space exploration",
    }
    partial = [v.history[-1]["content"] for v in views[1:-1] if v.history]
    assert partial and partial[0] == "Picks "  # streamed word by word
    assert all(v.cards is None and v.panel is None for v in views[:-1])
    final = last(views)
    assert (
        final.history is not None and final.history[-1]["content"] == "Picks for space exploration."
    )
    assert final.cards is not None and [c["id"] for c in final.cards] == [
        "book-001",
        "book-002",
        "book-003",
    ]
    assert final.panel is not None
    assert [b["label"] for b in final.panel.beliefs] == ["Interested in: space exploration"]
    assert manager.calls == [("stream", "s1", "space exploration")]


def test_history_from_gradio_content_parts_is_kept(handlers: app.Handlers) -> None:
    history = [
        {"role": "user", "content": [{"type": "text", "text": "hi"}]},
        {"role": "assistant", "content": [{"type": "text", "text": "hello"}]},
    ]
    final = last(list(handlers.message("s1", "more", history)))
    assert final.history is not None
    assert final.history[:2] == [
        {"role": "user", "content": "hi"},
        {"role": "assistant", "content": "hello"},
    ]
    assert len(final.history) == 4


@pytest.mark.parametrize("text", ["", "   ", "\n\t", None])
def test_empty_message_is_ignored(
    handlers: app.Handlers, manager: StandInManager, text: str | None
) -> None:
    views = list(handlers.message("s1", text, [{"role": "user", "content": "x"}]))
    assert views == [app.View()]  # nothing changes, no warning
    assert manager.calls == []


def test_overlong_message_warns_and_keeps_everything(
    handlers: app.Handlers, manager: StandInManager
) -> None:
    views = list(handlers.message("s1", "x" * 51, [{"role": "user", "content": "earlier"}]))
    assert len(views) == 1
    view = views[0]
    assert view.warning is not None and "51" in view.warning and "50" in view.warning
    assert (
        view.message is None and view.history is None
    )  # the text stays in the box, chat untouched
    assert manager.calls == []
    # exactly at the limit is fine
    assert last(list(handlers.message("s1", "x" * 50, []))).cards is not None


def test_manager_error_restores_chat_and_text(handlers: app.Handlers) -> None:
    history = [{"role": "user", "content": "earlier"}]
    views = list(handlers.message("s1", "boom", history))
    final = last(views)
    assert final.warning == "the stand-in refuses 'boom'"
    assert final.history == history
    assert final.message == "boom"


def test_unexpected_error_is_reported_without_losing_text(books_catalog: Catalog) -> None:
    class Broken(StandInManager):
        def stream(self, sid: str, text: str):  # type: ignore[override]
            yield "partial "
            raise RuntimeError("bug")

    h = app.Handlers(Broken(books_catalog), Settings.from_env({}))
    final = last(list(h.message("s1", "hello", [])))
    assert final.warning is not None and "nothing was lost" in final.warning
    assert final.history == [] and final.message == "hello"


def test_feedback_sends_the_card_item_and_updates_cards(
    handlers: app.Handlers, manager: StandInManager
) -> None:
    first = last(list(handlers.message("s1", "space", [])))
    assert first.cards is not None
    cards = [{"id": c["id"], "label": f"{c['title']} ({c['year']})"} for c in first.cards]
    views = list(handlers.feedback("s1", 1, "dislike", cards, first.history))
    assert views[0].message is None  # a click does not touch the text box
    assert views[0].history is not None
    assert views[0].history[-2]["content"] == "Not for me: Salt on the Ice of Europa (2019)"
    final = last(views)
    assert manager.calls[-1] == ("feedback", "s1", "book-002", "dislike")
    assert final.cards is not None and "book-002" not in [c["id"] for c in final.cards]
    assert final.panel is not None and any("book-002" in b["label"] for b in final.panel.beliefs)


def test_feedback_on_a_stale_slot_warns(handlers: app.Handlers, manager: StandInManager) -> None:
    views = list(handlers.feedback("s1", 2, "like", [{"id": "book-001", "label": "x"}], []))
    assert len(views) == 1 and views[0].warning and views[0].history is None
    assert manager.calls == []


def test_remove_belief_updates_panel(handlers: app.Handlers, manager: StandInManager) -> None:
    final = last(list(handlers.message("s1", "space", [])))
    assert final.panel is not None
    beliefs = list(final.panel.beliefs)
    view = handlers.remove_belief("s1", 0, beliefs)
    assert manager.calls[-1] == ("remove_belief", "s1", "interest-0")
    assert view.panel is not None and view.panel.beliefs == ()
    assert view.info == "Forgot: Interested in: space"
    # clicking the same (now stale) line again is a clear warning, not a crash
    again = handlers.remove_belief("s1", 0, beliefs)
    assert again.warning == "no belief 'interest-0' in this session"
    assert handlers.remove_belief("s1", 5, beliefs).warning == "That line is no longer shown."


def test_start_over_clears_chat_cards_and_state(
    handlers: app.Handlers, manager: StandInManager
) -> None:
    list(handlers.message("s1", "space", []))
    view = handlers.start_over("s1")
    assert view.history == [] and view.cards == () and view.message == ""
    assert view.panel is not None and view.panel.beliefs == ()
    assert view.session_id is None  # same session continues
    assert manager.calls[-1] == ("reset", "s1")


def test_forget_deletes_session_and_issues_new_id(
    handlers: app.Handlers, manager: StandInManager
) -> None:
    list(handlers.message("s1", "space", []))
    view = handlers.forget("s1")
    assert manager.calls[-1] == ("forget", "s1")
    assert "s1" not in manager.states
    assert view.session_id is not None and view.session_id != "s1"
    assert uuid.UUID(view.session_id).version == 4
    assert view.history == [] and view.cards == () and view.panel == app.EMPTY


def test_sessions_do_not_share_state(handlers: app.Handlers) -> None:
    a = last(list(handlers.message("a", "space", [])))
    b = last(list(handlers.message("b", "romance", [])))
    assert a.panel is not None and b.panel is not None
    assert [x["label"] for x in b.panel.beliefs] == ["Interested in: romance"]


def test_new_session_ids_are_unique_uuid4() -> None:
    ids = {app.new_session_id() for _ in range(100)}
    assert len(ids) == 100
    assert all(uuid.UUID(i).version == 4 for i in ids)


def test_build_app_wires_one_state_per_tab(manager: StandInManager) -> None:
    import gradio as gr

    settings = Settings.from_env({}, items_per_turn=3)
    demo = app.build_app(manager, settings)
    states = [b for b in demo.blocks.values() if isinstance(b, gr.State)]
    assert len(states) == 1 and callable(states[0].value)  # a fresh uuid per page load
    ids = {b.elem_id for b in demo.blocks.values() if getattr(b, "elem_id", None)}
    for needed in ("chat", "message", "send", "summary", "start-over", "forget", "card-2-dislike"):
        assert needed in ids
    assert "card-3" not in ids  # one slot per item of a turn


def test_main_port_from_flag_env_and_default(monkeypatch: pytest.MonkeyPatch) -> None:
    assert app.parse_args(["--port", "9001"]).port == 9001
    args = app.parse_args([])
    monkeypatch.setenv("CHATBOT_PORT", "9002")
    assert Settings.from_env(port=args.port).port == 9002
    monkeypatch.delenv("CHATBOT_PORT")
    default = Settings.from_env(port=args.port)
    assert (default.host, default.port) == ("127.0.0.1", 7860)


def test_panel_text_for_empty_and_filled_state() -> None:
    from chatbot.ui_render import render_summary

    assert render_summary("No preferences yet.", ()) == EMPTY_PANEL
    text = render_summary("You like: space.", [{"id": "x", "label": "Interested in: space"}])
    assert text.startswith("You like: space.") and "forget" in text


def test_status_line_says_thinking_then_how_long_the_turn_took(handlers: app.Handlers) -> None:
    history = [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"}]
    views = list(handlers.message("s1", "space exploration", history))
    assert views[0].status is not None and 'data-state="running"' in views[0].status
    assert "Thinking" in views[0].status and 'data-turn="2"' in views[0].status
    assert all(v.status is None for v in views[1:-1])  # streamed parts leave it alone
    final = last(views).status
    assert final is not None and 'data-state="done"' in final and 'data-turn="2"' in final
    assert "Answered in" in final


def test_remove_belief_follows_the_clicked_label_when_the_list_moved(
    handlers: app.Handlers, manager: StandInManager
) -> None:
    list(handlers.message("s1", "space", []))
    final = last(list(handlers.message("s1", "dragons", [])))
    assert final.panel is not None and len(final.panel.beliefs) == 2
    first, second = final.panel.beliefs
    # the click was on slot 0 while it showed `second`; by now slot 0 holds `first`
    handlers.remove_belief("s1", 0, [first, second], belief_button_label(second))
    assert manager.calls[-1] == ("remove_belief", "s1", second["id"])
