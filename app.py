"""The Gradio web UI over the dialogue manager: `build_app(manager, settings)` and `main()`.

Only the session id lives in Gradio's per-tab state; the interest state lives in the session
store behind the manager. The cards and beliefs on screen are view data (their ids travel in
hidden JSON components so that a click names exactly what the user saw).
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
import uuid
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import gradio as gr

from chatbot.config import Settings
from chatbot.errors import ChatbotError
from chatbot.ui_render import (
    attribution_html,
    belief_button_label,
    feedback_message,
    item_label,
    render_card,
    render_summary,
    reply_markdown,
    turn_status,
)

log = logging.getLogger("chatbot.app")

MAX_CARD_SLOTS = 6
BELIEF_SLOTS = 12
# Turns run the LLM; more than two at once on a small CPU only makes every reply slower.
TURN_CONCURRENCY = 2
FEEDBACK_KINDS = ("like", "dislike", "seen")
# Plain words: emoji glyphs are missing on machines without an emoji font.
FEEDBACK_BUTTONS = {"like": "Like", "dislike": "Not for me", "seen": "Seen it"}
DEFAULT_EXAMPLES = (
    "A mind-bending sci-fi film like Inception",
    "A feel-good comedy from the 90s",
    "Something scary but not too gory",
    "An animated movie for a family evening",
)

CSS = """
.rec-card { padding: 4px 2px; }
.rec-title { margin: 0 0 4px 0; font-size: 1.1em; line-height: 1.3; }
.rec-year { font-weight: normal; opacity: 0.7; }
.rec-meta { margin: 0 0 6px 0; font-size: 0.9em; opacity: 0.8; }
.rec-synopsis { margin: 0 0 6px 0; font-size: 0.92em; }
.rec-note { font-size: 0.85em; opacity: 0.65; }
.rec-reason { margin: 0 0 6px 0; font-size: 0.92em; }
.rec-links { margin: 0; font-size: 0.92em; }
.card-row { flex-wrap: nowrap !important; }
.card-slot { min-width: 0 !important; }
.attribution { text-align: center; font-size: 0.85em; opacity: 0.8; padding: 8px 0; }
button.belief-btn { justify-content: flex-start; text-align: left; }
.turn-status { font-size: 0.85em; opacity: 0.7; min-height: 1.2em; }
/* the chat's own trash button would clear the view but not the session: Start over does both */
#chat button[aria-label="Clear"] { display: none; }
"""


class Manager(Protocol):
    """The part of chatbot.dialogue.DialogueManager the UI uses."""

    def stream(self, session_id: str, text: str) -> Iterator[Any]: ...

    def stream_feedback(self, session_id: str, item_id: str, kind: str) -> Iterator[Any]: ...

    def remove_belief(self, session_id: str, belief_id: str) -> Any: ...

    def reset(self, session_id: str) -> Any: ...

    def forget(self, session_id: str) -> None: ...


@dataclass(frozen=True)
class Panel:
    """The 'What I know about you' panel: summary text plus removable beliefs."""

    summary: str
    beliefs: tuple[dict[str, str], ...]

    @classmethod
    def from_state(cls, state: Any) -> Panel:
        """From an InterestState (summary(), beliefs() -> [Belief(id, label)])."""
        beliefs = tuple({"id": str(b.id), "label": str(b.label)} for b in state.beliefs())
        return cls(state.summary(), beliefs)


EMPTY = Panel("", ())


@dataclass(frozen=True)
class View:
    """What the page should show after (part of) an event; None fields stay as they are."""

    history: list[dict[str, str]] | None = None
    message: str | None = None
    cards: tuple[dict[str, Any], ...] | None = None
    panel: Panel | None = None
    session_id: str | None = None
    warning: str | None = None
    info: str | None = None
    status: str | None = None


IDLE = turn_status("", 0, done=True)


def new_session_id() -> str:
    """A fresh, unguessable session id for a browser tab."""
    return str(uuid.uuid4())


def _plain_history(history: Sequence[Mapping[str, Any]] | None) -> list[dict[str, str]]:
    """Gradio hands content back as a list of parts; keep text only."""
    out: list[dict[str, str]] = []
    for msg in history or ():
        content = msg.get("content")
        if isinstance(content, list):
            content = "".join(p.get("text", "") for p in content if isinstance(p, Mapping))
        out.append({"role": str(msg.get("role", "assistant")), "content": str(content or "")})
    return out


class Handlers:
    """Event handlers: call the manager, return Views (no Gradio types: tests drive them)."""

    def __init__(self, manager: Manager, settings: Settings) -> None:
        self.manager = manager
        self.settings = settings

    def message(
        self, session_id: str, text: str | None, history: Sequence[Mapping[str, Any]] | None
    ) -> Iterator[View]:
        """A typed message: streamed reply, then cards and panel."""
        text = text or ""
        if not text.strip():
            yield View()
            return
        limit = self.settings.max_message_chars
        if len(text) > limit:
            yield View(
                warning=f"Your message is {len(text):,} characters long; the limit is {limit:,}. "
                "Please shorten it; your text is still in the box."
            )
            return
        yield from self._turn(
            session_id,
            _plain_history(history),
            text,
            text,
            lambda: self.manager.stream(session_id, text),
        )

    def feedback(
        self,
        session_id: str,
        slot: int,
        kind: str,
        cards: Sequence[Mapping[str, Any]] | None,
        history: Sequence[Mapping[str, Any]] | None,
    ) -> Iterator[View]:
        """A card button: the same feedback events as typing it, then fresh recommendations."""
        cards = list(cards or ())
        if not 0 <= slot < len(cards):
            yield View(warning="That card is no longer shown; please use the current cards.")
            return
        card = cards[slot]
        item_id = str(card["id"])
        said = feedback_message(kind, str(card.get("label") or item_id))
        yield from self._turn(
            session_id,
            _plain_history(history),
            said,
            None,
            lambda: self.manager.stream_feedback(session_id, item_id, kind),
        )

    def _turn(
        self,
        session_id: str,
        history: list[dict[str, str]],
        said: str,
        typed: str | None,
        start: Any,
    ) -> Iterator[View]:
        before = list(history)
        started = time.monotonic()
        turn_no = 1 + sum(1 for m in history if m.get("role") == "user")
        history = [
            *history,
            {"role": "user", "content": said},
            {"role": "assistant", "content": "…"},
        ]
        yield View(
            history=list(history),
            message="" if typed is not None else None,
            status=turn_status("Thinking…", turn_no, done=False),
        )
        shown = ""
        try:
            for chunk in start():
                if isinstance(chunk, str):
                    shown += chunk
                    history[-1] = {"role": "assistant", "content": shown}
                    yield View(history=list(history))
                    continue
                reply = chunk.to_dict()
                history[-1] = {
                    "role": "assistant",
                    "content": reply_markdown(reply.get("text", ""), reply.get("notices") or ()),
                }
                panel = Panel(
                    str(reply.get("summary") or ""),
                    tuple(
                        {"id": str(b["id"]), "label": str(b["label"])}
                        for b in reply.get("beliefs") or ()
                    ),
                )
                took = f"Answered in {time.monotonic() - started:.1f} s"
                yield View(
                    history=list(history),
                    cards=tuple(reply.get("items") or ()),
                    panel=panel,
                    status=turn_status(took, turn_no, done=True),
                )
                return
        except ChatbotError as e:
            yield View(history=before, message=typed, warning=str(e), status=IDLE)
            return
        except Exception:
            log.exception("turn failed in session %s", session_id)
            yield View(
                history=before,
                message=typed,
                warning="Something went wrong on our side; nothing was lost, please try again.",
                status=IDLE,
            )
            return
        log.error("manager stream for session %s ended without a reply", session_id)
        yield View(
            history=before,
            message=typed,
            warning="No reply came back; please try again.",
            status=IDLE,
        )

    def remove_belief(
        self,
        session_id: str,
        slot: int,
        beliefs: Sequence[Mapping[str, Any]] | None,
        clicked: str | None = None,
    ) -> View:
        """One click on a belief: forget it, show the updated panel. `clicked` is the button's
        label: a turn that ends between the click and this call may have reordered the list."""
        beliefs = list(beliefs or ())
        same = [i for i, b in enumerate(beliefs) if belief_button_label(b) == clicked]
        slot = same[0] if same else slot
        if not 0 <= slot < len(beliefs):
            return View(warning="That line is no longer shown.")
        belief = beliefs[slot]
        try:
            state = self.manager.remove_belief(session_id, str(belief["id"]))
        except ChatbotError as e:
            return View(warning=str(e))
        return View(
            panel=Panel.from_state(state), info=f"Forgot: {belief.get('label', belief['id'])}"
        )

    def start_over(self, session_id: str) -> View:
        """Reset the interest state; keep the session id."""
        try:
            state = self.manager.reset(session_id)
        except ChatbotError as e:
            return View(warning=str(e))
        return View(
            history=[], message="", cards=(), panel=Panel.from_state(state), info="Started over."
        )

    def forget(self, session_id: str) -> View:
        """Delete the session entirely; this tab continues under a new id."""
        try:
            self.manager.forget(session_id)
        except ChatbotError as e:
            return View(warning=str(e))
        return View(
            history=[],
            message="",
            cards=(),
            panel=EMPTY,
            session_id=new_session_id(),
            info="Everything I knew about you in this tab is deleted.",
        )


def build_app(manager: Manager, settings: Settings) -> gr.Blocks:
    """The Blocks app: chat with streamed replies, feedback cards, the interest panel."""
    handlers = Handlers(manager, settings)
    n_cards = max(1, min(settings.items_per_turn, MAX_CARD_SLOTS))
    catalog = getattr(manager, "catalog", None)
    meta: Mapping[str, Any] = getattr(catalog, "meta", None) or {}
    examples = [str(e) for e in meta.get("example_prompts") or DEFAULT_EXAMPLES]
    footer = attribution_html(meta)

    with gr.Blocks(title="Recommender chat", analytics_enabled=False) as demo:
        session = gr.State(new_session_id)
        card_data = gr.JSON(value=[], visible=False)
        belief_data = gr.JSON(value=[], visible=False)
        gr.Markdown(f"## {meta.get('title') or 'What should I watch next?'}")
        with gr.Row(equal_height=False):
            with gr.Column(scale=3):
                chatbot = gr.Chatbot(
                    label="Chat",
                    height=380,
                    feedback_options=None,
                    buttons=["copy", "copy_all"],
                    examples=[{"text": e} for e in examples],
                    placeholder="Tell me what you like, or pick an example.",
                    elem_id="chat",
                )
                with gr.Row():
                    msg = gr.Textbox(
                        show_label=False,
                        placeholder="e.g. a slow-burning thriller, nothing too violent",
                        scale=5,
                        lines=1,
                        max_lines=4,
                        autofocus=True,
                        elem_id="message",
                    )
                    send = gr.Button(
                        "Send", variant="primary", scale=1, min_width=80, elem_id="send"
                    )
                status = gr.HTML(IDLE, elem_id="turn-status")
                card_cols = []
                card_htmls = []
                card_buttons: list[tuple[int, str, gr.Button]] = []
                with gr.Row(equal_height=True, elem_classes="card-row"):
                    for i in range(n_cards):
                        with gr.Column(
                            visible=False, variant="panel", elem_classes="card-slot"
                        ) as col:
                            card_htmls.append(gr.HTML(elem_id=f"card-{i}"))
                            with gr.Row():
                                for kind in FEEDBACK_KINDS:
                                    btn = gr.Button(
                                        FEEDBACK_BUTTONS[kind],
                                        size="sm",
                                        min_width=60,
                                        elem_id=f"card-{i}-{kind}",
                                    )
                                    card_buttons.append((i, kind, btn))
                        card_cols.append(col)
            with gr.Column(scale=1, min_width=240):
                gr.Markdown("### What I know about you")
                summary = gr.Markdown(render_summary("", ()), elem_id="summary")
                belief_btns = [
                    gr.Button(
                        visible=False,
                        size="sm",
                        variant="secondary",
                        elem_id=f"belief-{j}",
                        elem_classes="belief-btn",
                    )
                    for j in range(BELIEF_SLOTS)
                ]
                with gr.Row():
                    start_over = gr.Button("Start over", size="sm", elem_id="start-over")
                    forget = gr.Button("Forget me", size="sm", variant="stop", elem_id="forget")
        if footer:
            gr.HTML(footer, elem_id="attribution")

        outputs = [
            session,
            chatbot,
            msg,
            card_data,
            *card_cols,
            *card_htmls,
            summary,
            *belief_btns,
            belief_data,
            status,
        ]

        def to_outputs(view: View) -> list[Any]:
            if view.warning:
                gr.Warning(view.warning)
            if view.info:
                gr.Info(view.info)
            skip = gr.skip()
            out: list[Any] = [
                view.session_id if view.session_id is not None else skip,
                view.history if view.history is not None else skip,
                view.message if view.message is not None else skip,
            ]
            if view.cards is None:
                out += [skip] * (1 + 2 * n_cards)
            else:
                shown = view.cards[:n_cards]
                out.append([{"id": c["id"], "label": item_label(c)} for c in shown])
                out += [gr.update(visible=i < len(shown)) for i in range(n_cards)]
                out += [render_card(shown[i]) if i < len(shown) else "" for i in range(n_cards)]
            if view.panel is None:
                out += [skip] * (2 + BELIEF_SLOTS)
            else:
                shown_beliefs = view.panel.beliefs[:BELIEF_SLOTS]
                out.append(render_summary(view.panel.summary, view.panel.beliefs))
                out += [
                    gr.update(
                        visible=j < len(shown_beliefs), value=belief_button_label(shown_beliefs[j])
                    )
                    if j < len(shown_beliefs)
                    else gr.update(visible=False)
                    for j in range(BELIEF_SLOTS)
                ]
                out.append(list(shown_beliefs))
            out.append(view.status if view.status is not None else skip)
            return out

        def on_message(sid: str, text: str, history: list[dict[str, Any]]) -> Iterator[list[Any]]:
            for view in handlers.message(sid, text, history):
                yield to_outputs(view)

        def make_feedback(slot: int, kind: str) -> Any:
            def on_feedback(
                sid: str, cards: list[dict[str, Any]], history: list[dict[str, Any]]
            ) -> Any:
                for view in handlers.feedback(sid, slot, kind, cards, history):
                    yield to_outputs(view)

            return on_feedback

        def make_remove(slot: int) -> Any:
            def on_remove(sid: str, beliefs: list[dict[str, Any]], clicked: str) -> list[Any]:
                return to_outputs(handlers.remove_belief(sid, slot, beliefs, clicked))

            return on_remove

        turn = {"outputs": outputs, "concurrency_id": "turn", "concurrency_limit": TURN_CONCURRENCY}
        msg.submit(on_message, [session, msg, chatbot], **turn)
        send.click(on_message, [session, msg, chatbot], **turn)

        def example_text(evt: gr.SelectData) -> str:
            return (
                str(evt.value.get("text", "")) if isinstance(evt.value, Mapping) else str(evt.value)
            )

        chatbot.example_select(example_text, None, msg, queue=False).then(
            on_message, [session, msg, chatbot], **turn
        )
        for slot, kind, btn in card_buttons:
            btn.click(make_feedback(slot, kind), [session, card_data, chatbot], **turn)
        for j, bbtn in enumerate(belief_btns):
            bbtn.click(
                make_remove(j), [session, belief_data, bbtn], outputs, concurrency_limit=None
            )
        start_over.click(
            lambda sid: to_outputs(handlers.start_over(sid)),
            [session],
            outputs,
            concurrency_limit=None,
        )
        forget.click(
            lambda sid: to_outputs(handlers.forget(sid)), [session], outputs, concurrency_limit=None
        )

    demo.queue(default_concurrency_limit=TURN_CONCURRENCY)
    return demo


def serve(demo: gr.Blocks, settings: Settings, *, block: bool = True) -> str:
    """Launch on settings.host:settings.port (loopback by default); returns the local URL."""
    _, url, _ = demo.launch(
        server_name=settings.host,
        server_port=settings.port,
        prevent_thread_lock=not block,
        theme=gr.themes.Soft(),
        css=CSS,
        footer_links=["settings"],
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
    parser.add_argument("--llm", help="transformers | openai | fake | template")
    parser.add_argument("--embedder", help="sentence-transformers | hash")
    parser.add_argument("--store", help="memory | sqlite | redis")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Build the manager from Settings and serve the UI until interrupted."""
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
        from chatbot.dialogue import DialogueManager  # heavy: loads catalogue, index, models

        manager = DialogueManager.from_settings(settings)
    except ChatbotError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    demo = build_app(manager, settings)
    print(f"Serving on http://{settings.host}:{settings.port}", flush=True)
    serve(demo, settings, block=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
