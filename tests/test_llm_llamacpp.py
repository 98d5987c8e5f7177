"""The llamacpp LLM backend: its streaming and batching over a scripted stand-in for the
xllamacpp server (fast), and the real GGUF on llama.cpp (slow, needs the `llamacpp` extra)."""

from __future__ import annotations

import importlib.util
import re
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

import pytest

from chatbot.backends import llm_llamacpp
from chatbot.backends.llm_llamacpp import LlamaCppChatModel, _Engine
from chatbot.config import Settings
from chatbot.errors import BackendError, BackendUnavailable
from chatbot.generation import ReplyRequest, ResponseWriter, make_chat_model
from chatbot.ranking import Recommendation

HAS_ENGINE = importlib.util.find_spec("xllamacpp") is not None
HEADING = re.compile(r"\*\*(.+?)\*\* — ")


class FakeServer:
    """Answers a chat request with the pieces scripted for its last user message, one
    callback per piece, as xllamacpp's Server does; records what it was asked."""

    def __init__(self, scripts: dict[str, list[str]], delay: float = 0.0) -> None:
        self.scripts = scripts
        self.delay = delay
        self.bodies: list[dict[str, Any]] = []
        self.sent: dict[str, int] = {}  # pieces delivered, per prompt

    def handle_chat_completions(self, body: dict[str, Any], callback: Callable) -> None:
        self.bodies.append(body)
        prompt = body["messages"][-1]["content"]
        if prompt == "explode":
            raise ValueError("Expected 'messages' to be an array")
        if prompt == "too long":
            callback({"error": {"message": "request exceeds the available context size"}})
            return
        callback({"choices": [{"delta": {"role": "assistant", "content": None}}]})
        for piece in self.scripts[prompt]:
            time.sleep(self.delay)
            self.sent[prompt] = self.sent.get(prompt, 0) + 1
            if callback({"choices": [{"delta": {"content": piece}}]}):
                return  # the reader cancelled
        callback({"choices": [{"delta": {}, "finish_reason": "stop"}]})


@pytest.fixture
def scripted(monkeypatch: pytest.MonkeyPatch) -> Callable[..., LlamaCppChatModel]:
    """A LlamaCppChatModel on the embedded GGUF whose engine is a FakeServer."""

    def make(scripts: dict[str, list[str]], delay: float = 0.0, **settings: Any) -> Any:
        model = LlamaCppChatModel(Settings.from_env({}, threads=1, **settings))
        server = FakeServer(scripts, delay)
        engine = _Engine(server, "key", "", 0.0, 1)
        monkeypatch.setitem(LlamaCppChatModel._engines, model._key, engine)
        model.server = server  # type: ignore[attr-defined]
        return model

    return make


def user(text: str) -> list[dict[str, str]]:
    return [{"role": "system", "content": "be brief"}, {"role": "user", "content": text}]


def test_stream_yields_the_pieces_and_sends_greedy_decoding(scripted):
    model = scripted({"hi": ["Hel", "lo", "!"]})
    assert list(model.stream(user("hi"), max_new_tokens=7, temperature=0, stop=["\n\n"])) == [
        "Hel",
        "lo",
        "!",
    ]
    body = model.server.bodies[0]
    assert body["max_tokens"] == 7 and body["stop"] == ["\n\n"] and body["stream"] is True
    assert body["top_k"] == 1, "temperature 0 must be greedy whatever the other samplers say"
    assert body["messages"] == user("hi")  # the GGUF's own chat template is applied by llama.cpp


def test_sampling_options_and_unsupported_ones(scripted, caplog):
    model = scripted({"hi": ["x"]})
    LlamaCppChatModel._warned.clear()
    opts = {"temperature": 0.7, "top_p": 0.9, "no_repeat_ngram_size": 3, "avoid": ["must-see"]}
    with caplog.at_level("INFO", logger="chatbot.backends.llm_llamacpp"):
        list(model.stream(user("hi"), **opts))
        list(model.stream(user("hi"), **opts))
    body = model.server.bodies[0]
    assert body["temperature"] == 0.7 and body["top_p"] == 0.9 and body["top_k"] == 0
    assert "no_repeat_ngram_size" not in body and "avoid" not in body
    notes = [r.getMessage() for r in caplog.records if "not supported" in r.getMessage()]
    assert notes == [
        "llamacpp backend: option(s) avoid, no_repeat_ngram_size not supported, ignored"
    ]


def test_failures_are_backend_errors(scripted):
    model = scripted({})
    with pytest.raises(BackendError, match="context size"):
        list(model.stream(user("too long")))
    with pytest.raises(BackendError, match="LLM generation failed: Expected 'messages'"):
        list(model.stream(user("explode")))


def test_a_stalled_engine_times_out(scripted):
    model = scripted({"slow": ["a", "b"]}, delay=2.0, llm_timeout_s=0.2)
    with pytest.raises(BackendError, match="produced nothing for 0.2 s"):
        list(model.stream(user("slow")))


def test_a_reader_that_leaves_early_cancels_the_request(scripted):
    model = scripted({"long": [f"w{i} " for i in range(200)]}, delay=0.005)
    stream = model.stream(user("long"))
    assert next(stream) == "w0 "
    stream.close()
    time.sleep(0.3)
    assert model.server.sent["long"] < 10, "the engine stopped soon after the reader left"


def test_batch_rows_interleave_end_once_and_stop(scripted):
    model = scripted(
        {"a": ["a1", "a2", "a3"], "b": ["b1"], "c": [f"c{i}" for i in range(100)]}, delay=0.01
    )
    batch = model.stream_batch([user("a"), user("b"), user("c")], max_new_tokens=5)
    texts: dict[int, list[str]] = {0: [], 1: [], 2: []}
    ends: list[int] = []
    for row, delta in batch:
        if delta is None:
            ends.append(row)
        else:
            texts[row].append(delta)
            if row == 2 and len(texts[2]) == 2:
                batch.stop(2)
    assert texts[0] == ["a1", "a2", "a3"] and texts[1] == ["b1"]
    assert texts[2] == ["c0", "c1"], "nothing of a stopped row comes through"
    assert sorted(ends) == [0, 1], "each row that was not stopped ends exactly once"
    assert model.server.sent["c"] < 20, "stop(row) cancelled that request in the engine"
    assert all(b["max_tokens"] == 5 for b in model.server.bodies)


def test_a_failing_row_fails_the_batch_after_the_others(scripted):
    model = scripted({"a": ["a1"]})
    batch = model.stream_batch([user("a"), user("too long")])
    seen = []
    with pytest.raises(BackendError, match="context size"):
        for event in batch:
            seen.append(event)
    assert (0, "a1") in seen and (0, None) in seen


def test_requests_run_side_by_side(scripted):
    """Each request waits in its own thread: a slow session does not hold up another."""
    model = scripted({"slow": ["s"] * 40, "fast": ["f"]}, delay=0.05)
    slow = threading.Thread(target=lambda: list(model.stream(user("slow"))))
    slow.start()
    time.sleep(0.1)
    assert list(model.stream(user("fast"))) == ["f"]
    assert slow.is_alive(), "the fast request finished while the slow one was still running"
    slow.join()


def test_missing_engine_says_how_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "xllamacpp", None)
    model = LlamaCppChatModel(Settings.from_env({}, threads=1))
    monkeypatch.setattr(LlamaCppChatModel, "_engines", {})
    with pytest.raises(BackendUnavailable, match=r"\.\[llamacpp\]"):
        model.load()


def test_a_folder_without_gguf_is_refused(tmp_path):
    (tmp_path / "config.json").write_text("{}")
    with pytest.raises(BackendUnavailable, match="loads GGUF files"):
        LlamaCppChatModel(Settings.from_env({}, llm_model=str(tmp_path)))


def test_registered_as_an_opt_in_backend():
    model = make_chat_model(Settings.from_env({}, llm="llamacpp", threads=1))
    assert isinstance(model, LlamaCppChatModel)
    assert model.name == "llamacpp:SmolLM2-135M-Instruct.Q4_1.gguf"
    assert Settings.from_env({}).llm == "onnxruntime"  # the default; llama.cpp is opt-in


# ---- the real GGUF on llama.cpp -------------------------------------------------------------

real = pytest.mark.skipif(not HAS_ENGINE, reason="the llamacpp extra (xllamacpp) is not installed")


@pytest.fixture(scope="module")
def llamacpp_model() -> LlamaCppChatModel:
    model = LlamaCppChatModel(Settings.from_env({}, threads=1))
    model.load()
    return model


@pytest.mark.slow
@real
def test_real_stream_is_greedy_deterministic_and_stops(llamacpp_model):
    messages = user("Name three colours, one per line, then a blank line, then a fruit.")
    first = list(llamacpp_model.stream(messages, max_new_tokens=40, temperature=0, stop=["\n\n"]))
    second = list(llamacpp_model.stream(messages, max_new_tokens=40, temperature=0, stop=["\n\n"]))
    assert len(first) > 1 and first == second
    assert "\n\n" not in "".join(first)
    assert 0 < llamacpp_model.count_tokens("".join(first)) <= 40
    assert llm_llamacpp.loaded_engines()[0].load_s < 30


@pytest.mark.slow
@real
def test_real_concurrent_sessions_do_not_mix(llamacpp_model):
    """Two sessions decoded together each get their own text: each equals what it gets alone."""
    prompts = [user("Say only the word: apple."), user("Say only the word: river.")]
    alone = ["".join(llamacpp_model.stream(p, max_new_tokens=12)) for p in prompts]
    together: dict[int, str] = {0: "", 1: ""}
    for row, delta in llamacpp_model.stream_batch(prompts, max_new_tokens=12):
        together[row] += delta or ""
    assert "apple" in alone[0].lower() and "river" in alone[1].lower()
    assert "apple" in together[0].lower() and "river" not in together[0].lower()
    assert "river" in together[1].lower() and "apple" not in together[1].lower()


@pytest.mark.slow
@real
def test_real_writer_reply_is_grounded(llamacpp_model, books_catalog):
    writer = ResponseWriter(llamacpp_model, books_catalog, Settings.from_env({}, threads=1))
    ids = ("book-009", "book-010", "book-014")
    recs = tuple(
        Recommendation(books_catalog.get(i), 1.0, (f"genre: {books_catalog.get(i).genres[0]}",))
        for i in ids
    )
    written = writer.write(ReplyRequest("recommend", "a cosy murder mystery", recs, ""))
    assert HEADING.findall(written.text) == [books_catalog.get(i).label for i in ids]
    shown = {books_catalog.get(i).title for i in ids}
    for item in books_catalog:
        if item.title not in shown:
            assert item.title.lower() not in written.text.lower(), item.title
    assert written.backend_error is None and written.attempts >= 4
    assert written.fallbacks < 4, "the model wrote at least one segment itself"
