"""DialogueManager over the books (hash embeddings, template text): turns, feedback, failures."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from chatbot.config import Settings
from chatbot.dialogue import DialogueManager, Reply
from chatbot.errors import InputError, UnknownItemError
from chatbot.events import AttributePreferred, ItemsDiscussed, StateReset, event_from_dict
from chatbot.interest import InterestState
from chatbot.sessions import MemorySessionStore

ITEM_KEYS = {
    "id", "title", "year", "genres", "runtime", "rating", "description", "description_composed",
    "trailer_url", "url", "image", "price", "reason", "reasons",
}  # fmt: skip


def manager_with(
    parts: tuple[Any, Any, Any, Settings], writer: Any = None, **changes: Any
) -> DialogueManager:
    catalog, retriever, default_writer, settings = parts
    return DialogueManager(
        catalog,
        retriever,
        writer or default_writer,
        MemorySessionStore(),
        settings.replace(**changes),
    )


def test_a_turn_returns_items_text_and_state(books_manager: DialogueManager) -> None:
    reply = books_manager.respond("s1", "I like space exploration, no horror")
    assert reply.kind == "recommend"
    assert len(reply.items) == 3
    assert all("Horror" not in r.item.genres for r in reply.items)
    assert reply.text and all(r.item.title in reply.text for r in reply.items)
    assert reply.summary == reply.state.summary()
    assert "space exploration" in reply.summary and "horror" in reply.summary
    assert reply.state.last_shown == tuple(r.item.id for r in reply.items)


def test_reply_to_dict_has_the_documented_shape(books_manager: DialogueManager) -> None:
    reply = books_manager.respond("s1", "a mystery please")
    data = reply.to_dict()
    assert json.loads(json.dumps(data)) == data
    assert set(data) == {
        "session_id",
        "text",
        "items",
        "state",
        "summary",
        "beliefs",
        "kind",
        "notices",
        "fell_back",
    }
    assert data["fell_back"] is reply.fell_back  # template text is told apart from model text
    assert set(data["items"][0]) == ITEM_KEYS
    assert data["items"][0]["reason"] == "; ".join(data["items"][0]["reasons"])
    assert data["beliefs"] and set(data["beliefs"][0]) == {"id", "label"}


@pytest.mark.parametrize("text", ["", "   \n\t", "x" * 2001])
def test_bad_input_is_refused_and_nothing_is_lost(
    books_manager: DialogueManager, text: str
) -> None:
    books_manager.respond("s1", "I like mysteries")
    before = books_manager.store.load("s1")
    with pytest.raises(InputError) as info:
        books_manager.respond("s1", text)
    assert "empty" in str(info.value) or "2000" in str(info.value)
    assert books_manager.store.load("s1") == before


def test_message_limit_comes_from_settings(books_parts: Any) -> None:
    manager = manager_with(books_parts, max_message_chars=20)
    with pytest.raises(InputError, match="limit is 20"):
        manager.respond("s", "I would like a long space exploration novel")
    assert manager.respond("s", "space exploration").items


def test_stream_yields_deltas_then_one_reply_and_stores_only_when_done(
    books_manager: DialogueManager,
) -> None:
    parts = list(books_manager.stream("s1", "space exploration"))
    assert isinstance(parts[-1], Reply)
    assert all(isinstance(p, str) for p in parts[:-1]) and len(parts) > 2
    assert "".join(parts[:-1]) == parts[-1].text
    stored = books_manager.store.load("s1")
    abandoned = books_manager.stream("s1", "the second one")
    next(abandoned)
    abandoned.close()
    assert books_manager.store.load("s1") == stored  # an abandoned turn leaves no trace


def test_events_are_stored_as_plain_dicts(books_manager: DialogueManager) -> None:
    books_manager.respond("s1", "I loved The Long Dark Between Stars, nothing before 2000")
    stored = books_manager.store.load("s1")
    assert json.loads(json.dumps(stored)) == stored
    types = [d["type"] for d in stored]
    assert types[0] == "UserSaid" and types[-1] == "ItemsRecommended"
    assert "ItemLiked" in types and "ConstraintSet" in types
    assert all(event_from_dict(d) for d in stored)


def test_feedback_makes_the_same_events_as_typing(books_parts: Any) -> None:
    typed, clicked = manager_with(books_parts), manager_with(books_parts)
    for kind, text in [
        ("dislike", "the second one is not for me"),
        ("like", "I like the second one"),
        ("seen", "I've already seen the second one"),
    ]:
        first = typed.respond("t", "space exploration")
        clicked.respond("c", "space exploration")
        r1 = typed.respond("t", text)
        r2 = clicked.feedback("c", first.items[1].item.id, kind)
        without_text = lambda sid, m: [  # noqa: E731 (the events; their times differ)
            event_from_dict(d) for d in m.store.load(sid) if d["type"] != "UserSaid"
        ]
        assert without_text("t", typed) == without_text("c", clicked), kind
        assert [r.item.id for r in r1.items] == [r.item.id for r in r2.items]
        assert first.items[1].item.id not in {r.item.id for r in r2.items}


def test_feedback_errors(books_manager: DialogueManager) -> None:
    books_manager.respond("s1", "space")
    before = books_manager.store.load("s1")
    with pytest.raises(InputError, match="like, dislike, seen"):
        books_manager.feedback("s1", "book-001", "love")
    with pytest.raises(UnknownItemError):
        books_manager.feedback("s1", "book-999", "like")
    assert books_manager.store.load("s1") == before


def test_beliefs_can_be_removed_one_by_one(books_manager: DialogueManager) -> None:
    first = books_manager.respond("s1", "space exploration")
    rejected = first.items[0].item.id
    reply = books_manager.feedback("s1", rejected, "dislike")
    beliefs = {b.label: b.id for b in reply.state.beliefs()}
    label = next(label for label in beliefs if label.startswith("Not for you"))
    state = books_manager.remove_belief("s1", beliefs[label])
    assert rejected not in state.disliked
    assert books_manager.state("s1") == state
    with pytest.raises(InputError, match="no belief"):
        books_manager.remove_belief("s1", beliefs[label])


def test_reset_and_forget(books_manager: DialogueManager) -> None:
    books_manager.respond("s1", "space exploration, no horror")
    assert not books_manager.reset("s1").beliefs()
    assert books_manager.state("s1").summary() == "No preferences yet."
    assert books_manager.store.load("s1")  # the log keeps the history
    reply = books_manager.respond("s1", "start over")
    assert reply.kind == "clarify" and reply.state.is_empty
    books_manager.forget("s1")
    assert books_manager.store.load("s1") == []
    assert books_manager.state("s1").turns == 0


def test_reply_kinds(books_manager: DialogueManager) -> None:
    # a greeting or 'what can you do?' first gets a short guide, no picks and nothing stored
    for greeting in ("hello", "good afternoon, how does this work?"):
        hello = books_manager.respond("k", greeting)
        assert hello.kind == "clarify" and hello.items == () and "you loved" in hello.text
        assert hello.state.is_empty
    # a request with nothing to go on gets popular picks and a question
    vague = books_manager.respond("k", "what should I read next?")
    assert vague.kind == "clarify" and len(vague.items) == 3 and "?" in vague.text
    unknown = books_manager.respond("k", "I loved Zorblax Quintuple")
    assert unknown.kind == "unknown_title"
    assert any("Zorblax Quintuple" in n for n in unknown.notices)
    nothing = books_manager.respond("k", "space, only after 2090")
    assert nothing.kind == "no_results" and nothing.items == ()
    assert any("Only after 2090" in n for n in nothing.notices), nothing.notices


def test_sessions_are_independent(books_manager: DialogueManager) -> None:
    books_manager.respond("a", "no horror")
    assert books_manager.state("b").is_empty
    assert books_manager.state("a").avoided == (("genre", "Horror"),)


class _BrokenWriter:
    """A writer that breaks in a way ResponseWriter itself never would."""

    def stream(self, request: Any) -> Iterator[Any]:
        yield "Here"
        raise RuntimeError("boom")


def test_backend_failure_mid_turn_still_gives_items_and_keeps_state(books_parts: Any) -> None:
    from chatbot.backends.fake import FailingChatModel
    from chatbot.generation import ResponseWriter

    catalog, _, _, settings = books_parts
    failing = manager_with(
        books_parts, writer=ResponseWriter(FailingChatModel(), catalog, settings)
    )
    reply = failing.respond("f", "space exploration, no horror")
    assert reply.fell_back and len(reply.items) == 3
    assert all(r.item.title in reply.text for r in reply.items)
    assert failing.state("f").avoided == (("genre", "Horror"),)

    broken = manager_with(books_parts, writer=_BrokenWriter())
    reply = broken.respond("b", "space exploration")
    assert reply.fell_back and len(reply.items) == 3
    assert all(r.item.label in reply.text for r in reply.items)
    assert broken.state("b").interests == ("space exploration",)


class _SlowWriter:
    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.active: dict[str, int] = {}
        self.max_active: dict[str, int] = {}
        self.max_total = 0
        self.pending: dict[str, int] = {}  # turns each session has still to write
        self.lock = threading.Lock()

    def stream(self, request: Any) -> Iterator[Any]:
        key = request.user_text.split()[0]  # tests put the session id first
        with self.lock:
            self.active[key] = self.active.get(key, 0) + 1
            self.max_active[key] = max(self.max_active.get(key, 0), self.active[key])
            self.max_total = max(self.max_total, sum(self.active.values()))
        # wait (up to 10 s) for a turn of another session that still has turns to write to
        # reach the writer too: under load the turns' understanding can take long enough that
        # two 50 ms windows never meet, though nothing serialises the sessions; a manager that
        # did would keep it at one
        deadline = time.monotonic() + 10.0
        while time.monotonic() < deadline:
            with self.lock:
                others = [k for k, n in self.pending.items() if k != key and n > 0]
                if not others or sum(1 for n in self.active.values() if n) > 1:
                    break
            time.sleep(0.01)
        time.sleep(0.05)
        yield from self.inner.stream(request)
        with self.lock:
            self.active[key] -= 1
            self.pending[key] = self.pending.get(key, 0) - 1


def test_turns_of_one_session_are_serialised_sessions_run_concurrently(books_parts: Any) -> None:
    writer = _SlowWriter(books_parts[2])
    writer.pending = {"alpha": 3, "beta": 3}
    manager = manager_with(books_parts, writer=writer)
    jobs = [("alpha", f"alpha space {n}") for n in range(3)] + [
        ("beta", f"beta mystery {n}") for n in range(3)
    ]
    threads = [threading.Thread(target=manager.respond, args=job) for job in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert writer.max_active == {"alpha": 1, "beta": 1}
    assert writer.max_total == 2
    shown = [d for d in manager.store.load("alpha") if d["type"] == "ItemsRecommended"]
    assert len(shown) == 3
    ids = [i for d in shown for i in d["item_ids"]]
    assert len(ids) == len(set(ids))  # each turn saw the previous one's picks


def test_async_variants(books_manager: DialogueManager) -> None:
    async def run() -> tuple[Reply, Reply, list[Any]]:
        first = await books_manager.arespond("as", "space exploration")
        second = await books_manager.afeedback("as", first.items[0].item.id, "dislike")
        parts = [p async for p in books_manager.astream("as", "something different")]
        return first, second, parts

    first, second, parts = asyncio.run(run())
    assert first.items[0].item.id in second.state.disliked
    assert isinstance(parts[-1], Reply) and isinstance(parts[0], str)
    assert len([d for d in books_manager.store.load("as") if d["type"] == "ItemsRecommended"]) == 3


def test_from_settings_builds_everything(books_parts: Any) -> None:
    from chatbot.backends.fake import FakeChatModel

    settings = books_parts[3]
    manager = DialogueManager.from_settings(settings, chat_model=FakeChatModel.canned())
    assert isinstance(manager.store, MemorySessionStore)
    reply = manager.respond("x", "space exploration")
    assert len(reply.items) == 3 and not reply.fell_back


def test_feedback_is_acknowledged_in_words(books_manager: DialogueManager) -> None:
    first = books_manager.respond("ack", "space exploration")
    target = first.items[0].item
    reply = books_manager.feedback("ack", target.id, "dislike")
    assert reply.kind == "acknowledge" and len(reply.items) == 3
    assert target.id not in {r.item.id for r in reply.items}


def test_small_talk_after_picks_gets_a_short_answer_without_new_items(
    books_manager: DialogueManager,
) -> None:
    assert books_manager.respond("st", "thanks!").kind == "clarify"  # nothing shown yet
    picks = books_manager.respond("st", "space exploration")
    before = books_manager.state("st")
    reply = books_manager.respond("st", "thanks, great!")
    assert reply.kind == "acknowledge" and reply.items == ()
    assert reply.state.shown == before.shown
    assert reply.state.last_shown == tuple(r.item.id for r in picks.items)
    assert [d["type"] for d in books_manager.store.load("st")][-1] == "UserSaid"
    # nothing was noted, and the reply does not claim it was; it says what can come next
    assert "noted" not in reply.text and reply.text.startswith("You're welcome")
    assert "more like these" in reply.text
    assert books_manager.respond("st", "ok, bye").text.startswith("Enjoy")
    assert not books_manager.respond("st", "cool").text.startswith(("You're", "Enjoy"))


def test_a_damaged_stored_event_does_not_cost_the_session(books_manager: DialogueManager) -> None:
    books_manager.respond("dmg", "no horror")
    books_manager.store.append("dmg", [{"type": "ItemLoved", "item_id": "book-001"}])
    reply = books_manager.respond("dmg", "space exploration")
    assert reply.state.avoided == (("genre", "Horror"),)
    assert reply.items and all("Horror" not in r.item.genres for r in reply.items)


def test_a_row_that_is_not_json_does_not_cost_the_session(tmp_path: Path, books_parts: Any) -> None:
    """A corrupt row in a real SQLite store (not JSON at all) is skipped like any damaged event."""
    import sqlite3

    from chatbot.backends.store_sqlite import SqliteSessionStore

    catalog, retriever, writer, settings = books_parts
    store = SqliteSessionStore(tmp_path / "s.sqlite3")
    manager = DialogueManager(catalog, retriever, writer, store, settings)
    manager.respond("c", "no horror")
    with sqlite3.connect(tmp_path / "s.sqlite3") as db:
        db.execute("INSERT INTO events (session_id, body) VALUES (?, ?)", ("c", "{not"))
    reply = manager.respond("c", "space exploration")
    assert reply.state.avoided == (("genre", "Horror"),)
    assert manager.reset("c") is not None


def test_streamed_text_matches_the_reply_even_when_the_writer_breaks(books_parts: Any) -> None:
    manager = manager_with(books_parts, writer=_BrokenWriter())
    parts = list(manager.stream("bw", "space exploration"))
    reply = parts[-1]
    assert isinstance(reply, Reply)
    assert "".join(p for p in parts if isinstance(p, str)) == reply.text
    assert reply.text.startswith("Here")


def test_no_message_crashes_a_turn_or_loses_state(books_parts: Any) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    manager = manager_with(books_parts)
    manager.respond("fz", "no horror")

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(text=st.text(max_size=300))
    def turn(text: str) -> None:
        try:
            reply = manager.respond("fz", text)
        except InputError:
            assert not text.strip()
            return
        assert reply.state.turns == manager.state("fz").turns
        meant = manager.understander.understand(text.strip(), InterestState()).events
        if not any(isinstance(e, StateReset | AttributePreferred) for e in meant):
            assert ("genre", "Horror") in reply.state.avoided

    turn()


def broken_prompt_writer(parts: Any, folder: Any) -> Any:
    """A template writer whose intro prompt passes the startup check (its sample request is not
    about space) but fails to render for a request about space: a configuration error met in a
    turn."""
    from chatbot.generation import ResponseWriter
    from chatbot.prompts import PROMPTS_DIR, Prompts

    folder.mkdir()
    for path in PROMPTS_DIR.iterdir():
        if path.name.endswith(".jinja"):
            (folder / path.name).write_bytes(path.read_bytes())
    intro = folder / "intro.jinja"
    broken = "{% if 'space' in user_text %}{{ suggestions.nope }}{% endif %}\n"
    intro.write_text(intro.read_text(encoding="utf-8") + broken, encoding="utf-8")
    catalog, _, _, settings = parts
    return ResponseWriter(None, catalog, settings, prompts=Prompts(folder))


def test_a_prompt_that_fails_to_render_is_an_error_not_template_text(
    books_parts: Any, tmp_path: Any
) -> None:
    from chatbot.errors import ConfigError

    manager = manager_with(books_parts, writer=broken_prompt_writer(books_parts, tmp_path / "p"))
    with pytest.raises(ConfigError, match=r"intro\.jinja"):
        manager.respond("cfg", "space exploration")
    assert manager.store.load("cfg") == []  # the failed turn stored nothing
    parts: list[Any] = []
    with pytest.raises(ConfigError):
        for part in manager.stream("cfg", "space exploration"):
            parts.append(part)
    assert not any(isinstance(p, Reply) for p in parts)


def test_answers_and_languages_are_planned_by_the_policy_and_learn_nothing(
    books_manager: DialogueManager,
) -> None:
    first = books_manager.respond("qa", "space exploration")
    target = first.items[1].item
    why = books_manager.explain("qa", target.id)
    assert why.kind == "answer" and why.items == () and not why.fell_back
    assert target.title in why.text and why.state.last_shown == first.state.last_shown
    stored = [event_from_dict(d) for d in books_manager.store.load("qa")]
    assert stored[-2].text == f"Why did you pick {target.label}?"  # type: ignore[attr-defined]
    assert stored[-1] == ItemsDiscussed((target.id,), "reason")  # what "that one" means next
    foreign = books_manager.respond("qa", "Je voudrais voir un film d'aventure spatiale, merci")
    assert foreign.kind == "language" and foreign.text.startswith("That looks like French.")
    assert foreign.items == () and foreign.state.interests == first.state.interests
    assert foreign.to_dict()["fell_back"] is False
