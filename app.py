"""The Gradio web UI over the dialogue manager: `build_app(manager, settings)` and `main()`.

Gradio wiring only. What a session shows lives server-side in `chatbot.ui_session` (one view per
browser session, changed by one worker at a time); each tab draws it through one long-lived
stream started on page load, so nothing on screen is ever replaced by an older copy. The session
id is kept in the browser's local storage (it survives a reload); clicks and messages only queue
jobs. The models load in the background at startup while the page shows that it is loading.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import secrets
import sys
import time
from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import gradio as gr

from chatbot.cli import add_backend_flag
from chatbot.config import Settings
from chatbot.errors import ChatbotError
from chatbot.fileio import atomic_write_text
from chatbot.registry import Family
from chatbot.ui_render import attribution_html, render_panel, turn_status
from chatbot.ui_session import (
    Manager,
    ManagerSource,
    Sessions,
    Snapshot,
    StoppableChatModel,
    new_session_id,
    valid_session_id,
)

log = logging.getLogger("chatbot.app")

STORAGE_KEY = "chatbot-session"
POLL_S = 0.05  # how often a tab's stream looks for a newer version of its session
DEFAULT_EXAMPLES = (
    "A mind-bending sci-fi film like Inception",
    "A feel-good comedy from the 90s",
    "Something scary but not too gory",
    "An animated movie for a family evening",
)
WARM_UP_TEXT = "something funny and uplifting"

# Buttons inside the cards and the panel are plain HTML (so each names its film and carries its
# item id); one delegated listener turns a click into this component's click event.
CLICK_JS = """
element.addEventListener('click', (ev) => {
  const b = ev.target.closest('button[data-act]');
  if (!b || b.disabled) return;
  const d = b.dataset;
  trigger('click', {act: d.act, item: d.item || '', belief: d.belief || ''});
});
"""

CSS = """
.rec-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr));
  gap: 12px; }
@media (max-width: 700px) { .rec-grid { grid-template-columns: 1fr; } }
.rec-card { padding: 12px; border: 1px solid var(--border-color-primary); border-radius: 10px;
  background: var(--block-background-fill); min-width: 0; overflow-wrap: anywhere; }
.rec-title { margin: 0 0 4px 0; font-size: 1.1em; line-height: 1.3; }
.rec-year { font-weight: normal; opacity: 0.75; }
.rec-meta { margin: 0 0 6px 0; font-size: 0.9em; opacity: 0.85; }
.rec-synopsis, .rec-reason { margin: 0 0 6px 0; font-size: 0.92em; }
.rec-note { font-size: 0.85em; opacity: 0.7; }
.rec-links { margin: 0 0 6px 0; font-size: 0.92em; }
.rec-links a { display: inline-block; min-height: 44px; line-height: 44px; padding: 0 4px; }
.rec-actions { display: flex; flex-wrap: wrap; gap: 6px; }
.card-btn, .belief-btn { min-height: 44px; padding: 8px 12px; border-radius: 8px; font: inherit;
  border: 1px solid var(--button-secondary-border-color);
  background: var(--button-secondary-background-fill);
  color: var(--button-secondary-text-color); cursor: pointer; }
.card-btn:hover, .belief-btn:hover { background: var(--button-secondary-background-fill-hover); }
.card-btn:focus-visible, .belief-btn:focus-visible { outline: 3px solid var(--color-accent);
  outline-offset: 2px; }
.beliefs { list-style: none; padding: 0; margin: 6px 0; }
.beliefs li { margin: 0 0 6px 0; }
.belief-btn { width: 100%; text-align: left; }
.panel-hint { font-size: 0.85em; opacity: 0.75; margin: 4px 0; }
#send, #stop, #start-over, #forget, .confirm-row button { min-height: 44px; }
.turn-status { font-size: 0.9em; opacity: 0.8; min-height: 1.3em; }
.turn-status[data-state="loading"] { font-size: 1em; font-weight: 600; opacity: 1; }
.turn-status[data-state="error"] { font-weight: 600; opacity: 1;
  color: var(--error-text-color, #b91c1c); }
.turn-status[data-state="loading"]::before, .turn-status[data-state="running"]::before {
  content: ""; display: inline-block; width: 0.8em; height: 0.8em; margin-right: 6px;
  vertical-align: -1px; border: 2px solid currentColor; border-right-color: transparent;
  border-radius: 50%; animation: turn-spin 0.9s linear infinite; }
@keyframes turn-spin { to { transform: rotate(360deg); } }
@media (prefers-reduced-motion: reduce) { .turn-status::before { animation: none !important; } }
.attribution { text-align: center; font-size: 0.85em; opacity: 0.85; padding: 8px 0; }
.attribution p { margin: 2px 0; }
.attribution a { display: inline; padding: 0 !important; margin: 0 !important; }
/* no chat toolbar: its trash button would clear the view but not the session (Start over does
   both), and its empty wrapper would still sit on the first line of the log */
#chat button[aria-label="Clear"], #chat .icon-button-wrapper { display: none; }
/* Gradio's footer (the Settings button): a 44 px touch target like every other control */
footer:not(.attribution) button, footer:not(.attribution) a { min-height: 44px; }
"""


def ui_secret(settings: Settings) -> str:
    """The key that encrypts the session id in browser storage, kept under CHATBOT_HOME so that
    a restarted app can still read what browsers stored."""
    path = Path(settings.home) / "ui-secret"
    try:
        if path.exists():
            return path.read_text().strip()
        path.parent.mkdir(parents=True, exist_ok=True)
        value = secrets.token_hex(16)
        atomic_write_text(path, value)  # owner-only from the first byte
        return value
    except OSError as e:  # a read-only home: sessions then last as long as this process
        log.warning("cannot keep the UI secret in %s (%s); sessions end with this process", path, e)
        return secrets.token_hex(16)


def _as_source(manager: Manager | ManagerSource) -> ManagerSource:
    return manager if isinstance(manager, ManagerSource) else ManagerSource(manager)


def build_app(manager: Manager | ManagerSource, settings: Settings) -> gr.Blocks:
    """The Blocks app: streamed chat, cards with feedback, the interest panel. `manager` may be
    a ManagerSource that is still loading: the page says so and enables input once it is ready."""
    source = _as_source(manager)
    sessions = Sessions(source, max_chars=settings.max_message_chars)
    meta = _meta(source)
    examples = [str(e) for e in meta.get("example_prompts") or DEFAULT_EXAMPLES]
    footer = attribution_html(meta)

    with gr.Blocks(title="Recommender chat", analytics_enabled=False) as demo:
        browser_id = gr.BrowserState(None, storage_key=STORAGE_KEY, secret=ui_secret(settings))
        gr.Markdown(f"## {meta.get('title') or 'What should I watch next?'}")
        with gr.Row(equal_height=False):
            with gr.Column(scale=3, min_width=320):
                chat = _chat_column(source, examples)
            with gr.Column(scale=1, min_width=260):
                side = _side_column()
        if footer:
            gr.HTML(footer, elem_id="attribution")
        _wire(demo, browser_id, chat, side, _PageEvents(source, sessions))

    demo.queue(default_concurrency_limit=None)
    demo.sessions = sessions  # type: ignore[attr-defined]  # for tests and scripts
    return demo


@dataclass(frozen=True)
class _ChatColumn:
    """The conversation, the message row, the turn status and the cards."""

    chatbot: gr.Chatbot
    msg: gr.Textbox
    send: gr.Button
    stop: gr.Button
    status: gr.HTML
    cards: gr.HTML


@dataclass(frozen=True)
class _SideColumn:
    """The interest panel, Start over and Forget me with their confirmations."""

    panel: gr.HTML
    start_over: gr.Button
    forget: gr.Button
    confirm_reset: gr.Column
    reset_yes: gr.Button
    reset_no: gr.Button
    confirm_forget: gr.Column
    forget_yes: gr.Button
    forget_no: gr.Button


def _chat_column(source: ManagerSource, examples: Sequence[str]) -> _ChatColumn:
    """The left column: made inside the caller's `gr.Column` context."""
    chatbot = gr.Chatbot(
        label="Conversation",
        # the floating label covered the first visible line once scrolled; the chat log keeps
        # its accessible name ("chatbot conversation")
        show_label=False,
        height=420,
        feedback_options=None,
        # no toolbar: its copy button was an 18 px target over the first line
        buttons=[],
        examples=[{"text": e} for e in examples],
        placeholder="Tell me what you like, or pick an example.",
        latex_delimiters=[],
        elem_id="chat",
    )
    with gr.Row():
        msg = gr.Textbox(
            label="Your message",
            show_label=False,
            placeholder="e.g. a slow-burning thriller, nothing too violent",
            scale=5,
            lines=1,
            max_lines=4,
            autofocus=True,
            interactive=False,
            elem_id="message",
        )
        send = gr.Button(
            "Send", variant="primary", scale=1, min_width=80, elem_id="send", interactive=False
        )
        stop = gr.Button(
            "Stop", variant="stop", scale=1, min_width=80, elem_id="stop", visible=False
        )
    status = gr.HTML(turn_status(source.stage, 0, state="loading"), elem_id="turn-status")
    cards = gr.HTML("", elem_id="cards", js_on_load=CLICK_JS)
    return _ChatColumn(chatbot, msg, send, stop, status, cards)


def _side_column() -> _SideColumn:
    """The right column: made inside the caller's `gr.Column` context."""
    gr.Markdown("### What I know about you")
    panel = gr.HTML(render_panel("", ()), elem_id="panel", js_on_load=CLICK_JS)
    with gr.Row():
        start_over = gr.Button("Start over", elem_id="start-over")
        forget = gr.Button("Forget me", variant="stop", elem_id="forget")
    with gr.Column(visible=False, elem_classes="confirm-row") as confirm_reset:
        gr.Markdown("Start over? I will forget what you told me in this chat.")
        with gr.Row():
            reset_yes = gr.Button("Yes, start over", elem_id="confirm-start-over")
            reset_no = gr.Button("Cancel", elem_id="cancel-start-over")
    with gr.Column(visible=False, elem_classes="confirm-row") as confirm_forget:
        gr.Markdown("Forget me? This deletes this conversation and everything I know.")
        with gr.Row():
            forget_yes = gr.Button(
                "Yes, delete everything", variant="stop", elem_id="confirm-forget"
            )
            forget_no = gr.Button("Cancel", elem_id="cancel-forget")
    return _SideColumn(
        panel,
        start_over,
        forget,
        confirm_reset,
        reset_yes,
        reset_no,
        confirm_forget,
        forget_yes,
        forget_no,
    )


class _PageEvents:
    """What the page's events do: one stream per tab draws its session; clicks and messages
    only queue jobs on `sessions` (warnings show as Gradio toasts)."""

    def __init__(self, source: ManagerSource, sessions: Sessions) -> None:
        self.source = source
        self.sessions = sessions
        self.closed: set[str] = set()  # Gradio session hashes of tabs that went away

    def draw(self, snap: Snapshot) -> list[Any]:
        """The page outputs (see `_wire`) for one snapshot and the loading state."""
        source = self.source
        ready = source.get() is not None
        if not source.ready.is_set():
            status_html = turn_status(source.stage, 0, state="loading")
        elif source.error:
            status_html = turn_status(f"Could not load: {source.error}", 0, state="error")
        else:
            status_html = snap.status_html
        return [
            snap.session_id,
            list(snap.history),
            snap.cards_html,
            snap.panel_html,
            status_html,
            gr.update(interactive=ready),
            gr.update(interactive=ready),
            gr.update(visible=snap.running),
        ]

    async def page(self, stored: Any, request: gr.Request) -> AsyncIterator[list[Any]]:
        """The one stream that draws a tab: the newest version of its session, until the
        tab goes (Gradio keeps running an event whose client left, so unload tells us)."""
        sessions, source = self.sessions, self.source
        view = sessions.view(valid_session_id(stored) or new_session_id())
        last: tuple[Any, ...] | None = None
        tab = request.session_hash or ""
        sessions.tabs += 1
        try:
            while tab not in self.closed:
                view = sessions.follow(view)
                snap = view.snapshot()
                key = (snap.version, snap.session_id, source.ready.is_set(), source.error)
                if key != last:
                    last = key
                    yield self.draw(snap)
                await asyncio.sleep(POLL_S)
        finally:
            sessions.tabs -= 1
            self.closed.discard(tab)

    def on_unload(self, request: gr.Request) -> None:
        if request.session_hash:
            self.closed.add(request.session_hash)

    @staticmethod
    def session_of(stored: Any) -> str | None:
        sid = valid_session_id(stored)
        if sid is None:
            gr.Warning("Still loading; please try again in a moment.")
        return sid

    def on_send(self, stored: Any, text: str) -> Any:
        sid = self.session_of(stored)
        if sid is None:
            return gr.skip()
        notice = self.sessions.send(sid, text)
        if notice:
            gr.Warning(notice)
            return gr.skip()
        return ""

    def on_example(self, stored: Any, evt: gr.SelectData) -> None:
        sid = self.session_of(stored)
        value = evt.value
        text = str(value.get("text", "")) if isinstance(value, Mapping) else str(value)
        if sid is not None:
            notice = self.sessions.send(sid, text)
            if notice:
                gr.Warning(notice)

    def on_card(self, stored: Any, evt: gr.EventData) -> None:
        sid = self.session_of(stored)
        data = evt._data if isinstance(evt._data, Mapping) else {}
        if sid is None or not data.get("item"):
            return
        notice = self.sessions.card_action(sid, str(data.get("act")), str(data["item"]))
        if notice:
            gr.Warning(notice)

    def on_panel(self, stored: Any, evt: gr.EventData) -> None:
        sid = self.session_of(stored)
        data = evt._data if isinstance(evt._data, Mapping) else {}
        if sid is not None and data.get("act") == "forget-belief" and data.get("belief"):
            self.sessions.remove_belief(sid, str(data["belief"]))

    def on_stop(self, stored: Any) -> None:
        sid = self.session_of(stored)
        if sid is not None:
            self.sessions.stop(sid)

    def on_reset(self, stored: Any) -> Any:
        sid = self.session_of(stored)
        if sid is not None:
            self.sessions.start_over(sid)
        return gr.update(visible=False)

    def on_forget(self, stored: Any) -> list[Any]:
        sid = self.session_of(stored)
        new_id = self.sessions.forget(sid) if sid is not None else gr.skip()
        return [new_id, gr.update(visible=False)]


def _wire(
    demo: gr.Blocks,
    browser_id: gr.BrowserState,
    chat: _ChatColumn,
    side: _SideColumn,
    events: _PageEvents,
) -> None:
    """Connect the page's events to `events` (inside the `demo` context)."""
    page_outputs = [
        browser_id,
        chat.chatbot,
        chat.cards,
        side.panel,
        chat.status,
        chat.msg,
        chat.send,
        chat.stop,
    ]
    fast: dict[str, Any] = {"concurrency_limit": None, "show_progress": "hidden"}
    demo.load(events.page, [browser_id], page_outputs, **fast)
    demo.unload(events.on_unload)
    chat.msg.submit(events.on_send, [browser_id, chat.msg], [chat.msg], **fast)
    chat.send.click(events.on_send, [browser_id, chat.msg], [chat.msg], **fast)
    chat.chatbot.example_select(events.on_example, [browser_id], None, **fast)
    chat.cards.click(events.on_card, [browser_id], None, **fast)
    side.panel.click(events.on_panel, [browser_id], None, **fast)
    chat.stop.click(events.on_stop, [browser_id], None, **fast)
    show, hide = (lambda: gr.update(visible=True)), (lambda: gr.update(visible=False))
    instant: dict[str, Any] = {"queue": False, "show_progress": "hidden"}
    side.start_over.click(show, None, side.confirm_reset, **instant)
    side.reset_no.click(hide, None, side.confirm_reset, **instant)
    side.reset_yes.click(events.on_reset, [browser_id], side.confirm_reset, **fast)
    side.forget.click(show, None, side.confirm_forget, **instant)
    side.forget_no.click(hide, None, side.confirm_forget, **instant)
    side.forget_yes.click(events.on_forget, [browser_id], [browser_id, side.confirm_forget], **fast)


def _meta(source: ManagerSource) -> Mapping[str, Any]:
    """Catalogue metadata for the title, examples and footer (read from the file when the
    manager is still loading; {} when there is none)."""
    manager = source.manager
    catalog = getattr(manager, "catalog", None)
    meta = getattr(catalog, "meta", None)
    if isinstance(meta, Mapping):
        return meta
    return source.meta


def load_manager(settings: Settings, source: ManagerSource) -> Manager:
    """Catalogue, index, embedder and LLM, then one throwaway turn so that the first real turn
    is as fast as later ones (the weights are read and the generation path is warm)."""
    from chatbot.dialogue import DialogueManager
    from chatbot.generation import make_chat_model

    started = time.monotonic()
    model = make_chat_model(settings)
    wrapped = StoppableChatModel(model, source.signal) if model is not None else None
    manager = DialogueManager.from_settings(settings, chat_model=wrapped)
    log.info("catalogue, index and embedder loaded in %.1f s", time.monotonic() - started)
    source.stage = "Warming up the language model…"
    warm_id = "warm-up-" + new_session_id()
    try:
        for _ in manager.stream(warm_id, WARM_UP_TEXT):
            pass
    except ChatbotError as e:
        log.warning("warm-up turn failed (%s); the first turn may be slower", e)
    finally:
        manager.forget(warm_id)
    log.info("ready in %.1f s (warm-up turn included)", time.monotonic() - started)
    return manager


def serve(demo: gr.Blocks, settings: Settings, *, block: bool = True) -> str:
    """Launch on settings.host:settings.port (loopback by default); returns the local URL."""
    _, url, _ = demo.launch(
        server_name=settings.host,
        server_port=settings.port,
        prevent_thread_lock=not block,
        theme=gr.themes.Soft(),
        css=CSS,
        footer_links=["settings"],
        # Gradio would keep every call (session id, each typed message) in the browser's local
        # storage; off, it records nothing and deletes what an earlier version saved
        run_history=False,
        quiet=not block,
        show_error=False,
    )
    return str(url)


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Flags of `python app.py`; each falls back to CHATBOT_* env vars, then Settings defaults."""
    parser = argparse.ArgumentParser(description="Web UI of the conversational recommender.")
    parser.add_argument("--host", help="bind address (default 127.0.0.1; env CHATBOT_HOST)")
    parser.add_argument("--port", type=int, help="port (default 7860; env CHATBOT_PORT)")
    parser.add_argument("--catalog", dest="catalog_path", help="catalogue file (JSONL or CSV)")
    # choices and help from the backend registry
    add_backend_flag(parser, Family.LLM, "--llm")
    add_backend_flag(parser, Family.EMBEDDER, "--embedder")
    add_backend_flag(parser, Family.STORE, "--store")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Serve the UI at once and load the manager in the background (the page shows progress)."""
    args = parse_args(argv)
    from chatbot.cli import configure_logging

    configure_logging(logging.INFO)
    try:
        settings = Settings.from_env(
            host=args.host,
            port=args.port,
            catalog_path=args.catalog_path,
            llm=args.llm,
            embedder=args.embedder,
            store=args.store,
        )
        if not Path(settings.catalog_path).exists():
            raise ChatbotError(
                f"catalogue {settings.catalog_path} not found: run `make setup` "
                "(or `chatbot catalog build`), or pass --catalog"
            )
    except ChatbotError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    source = ManagerSource()
    source.meta = _read_meta(Path(settings.catalog_path))
    source.load_in_background(lambda src: load_manager(settings, src))
    demo = build_app(source, settings)
    print(
        f"Serving on http://{settings.host}:{settings.port} (loading in the background)", flush=True
    )
    serve(demo, settings, block=True)
    return 0


def _read_meta(catalog_path: Path) -> dict[str, Any]:
    """The catalogue's `<name>.meta.json` next to it, if any (for the title and footer while
    the catalogue itself still loads)."""
    import json

    meta_path = catalog_path.with_name(catalog_path.stem + ".meta.json")
    try:
        data = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


if __name__ == "__main__":
    raise SystemExit(main())
