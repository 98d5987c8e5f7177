"""The onnxruntime LLM backend: its shared decode loop (with a scripted stand-in for
onnxruntime-genai, fast) and the real converted SmolLM2 (slow)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest

from chatbot.backends import llm_onnx
from chatbot.backends.llm_onnx import _Job, _Scheduler
from chatbot.backends.llm_streams import MergedBatch
from chatbot.config import Settings
from chatbot.errors import BackendError

EOS = 0
# token id -> text: 1..26 are letters, 27 '.', 28 '\n', 29 ' ', 30 half of a two-byte character
ALPHABET = {i + 1: chr(ord("a") + i) for i in range(26)} | {27: ".", 28: "\n", 29: " "}


def ids(text: str) -> list[int]:
    back = {v: k for k, v in ALPHABET.items()}
    return [back[c] for c in text]


class FakeTokenizer:
    def decode(self, tokens: np.ndarray) -> str:
        text = "".join(ALPHABET.get(int(t), "") for t in tokens)
        return text + ("\ufffd" if len(tokens) and int(tokens[-1]) == 30 else "")


class FakeGenerator:
    """Replies with the script of its prompt's first token; greedy over fake logits, so banned
    tokens (logits set to -inf) are skipped in favour of the next script token."""

    scripts: dict[int, list[int]] = {}
    steps: list[int] = []  # which prompt advanced, in order (shows interleaving)
    delay = 0.0  # seconds per token

    def __init__(self, model: Any, params: FakeParams) -> None:
        self.max_length = params.options["max_length"]
        self.script: list[int] = []
        self.length = 0
        self.token = EOS
        self.logits: np.ndarray | None = None

    def append_tokens(self, prompt: list[int]) -> None:
        if prompt[0] == 99:
            raise RuntimeError("prefill exploded")
        self.key = prompt[0]
        self.script = list(self.scripts[prompt[0]])
        self.length = len(prompt)

    def is_done(self) -> bool:
        return self.length >= self.max_length

    def get_logits(self) -> np.ndarray:
        logits = np.zeros((1, 1, 64), dtype=np.float32)
        for rank, token in enumerate(self.script[:3]):
            logits[0, 0, token] = 3 - rank
        return logits

    def set_logits(self, logits: np.ndarray) -> None:
        self.logits = logits

    def generate_next_token(self) -> None:
        time.sleep(self.delay)
        FakeGenerator.steps.append(self.key)
        if self.logits is not None:
            best = int(np.argmax(self.logits[0, 0]))
            if best in self.script:
                self.script.remove(best)
            self.token, self.logits = best, None
        else:
            self.token = self.script.pop(0) if self.script else EOS
        self.length += 1

    def get_next_tokens(self) -> list[int]:
        return [self.token]


class FakeParams:
    def __init__(self, model: Any) -> None:
        self.options: dict[str, Any] = {}

    def set_search_options(self, **options: Any) -> None:
        self.options.update(options)


class FakeOg:
    Generator = FakeGenerator
    GeneratorParams = FakeParams


@pytest.fixture
def scheduler(monkeypatch: pytest.MonkeyPatch) -> _Scheduler:
    monkeypatch.setattr(llm_onnx, "_og", lambda: FakeOg)
    FakeGenerator.scripts = {}
    FakeGenerator.steps = []
    FakeGenerator.delay = 0.0
    return _Scheduler(model=None, tokenizer=FakeTokenizer(), eos={EOS})


def job(first: int, script: str | list[int], **kw: Any) -> _Job:
    FakeGenerator.scripts[first] = ids(script) if isinstance(script, str) else script
    return _Job(
        prompt=[first, 5, 6],
        max_new_tokens=kw.pop("max_new_tokens", 50),
        search={},
        stop=tuple(kw.pop("stop", ())),
        bad_words=tuple(kw.pop("bad_words", ())),
    )


def read(j: _Job, timeout: float = 5.0) -> list[str]:
    return list(llm_onnx._events(j, timeout))


def test_concurrent_generations_share_one_decode_loop(scheduler: _Scheduler) -> None:
    a, b = job(40, "hello there"), job(41, "good night")
    scheduler.submit(a)
    scheduler.submit(b)
    assert "".join(read(a)) == "hello there" and "".join(read(b)) == "good night"
    steps = FakeGenerator.steps
    # both advanced in turns (one token each per loop step), not one after the other
    assert steps.index(41) < len(steps) - steps[::-1].index(40) - 1
    assert scheduler.max_active == 2 and scheduler.active == []


def test_stop_strings_cut_the_reply_and_no_partial_stop_leaks(scheduler: _Scheduler) -> None:
    a = job(40, "one.\n\ntwo", stop=["\n\n"])
    scheduler.submit(a)
    deltas = read(a)
    assert "".join(deltas) == "one."
    assert all("\n" not in d for d in deltas)  # the first '\n' was held back, then dropped
    b = job(41, "a\nb", stop=["\n\n"])  # a lone newline is text, released when it is not a stop
    scheduler.submit(b)
    assert "".join(read(b)) == "a\nb"


def test_half_characters_are_held_back(scheduler: _Scheduler) -> None:
    a = job(40, [1, 30, 2])
    scheduler.submit(a)
    assert "\ufffd" not in "".join(read(a))


def test_max_new_tokens_and_eos_end_the_reply(scheduler: _Scheduler) -> None:
    a = job(40, "abcdefgh", max_new_tokens=3)
    scheduler.submit(a)
    assert "".join(read(a)) == "abc"


def test_bad_words_are_never_generated(scheduler: _Scheduler) -> None:
    # ban 'b' everywhere, and 'd' only right after 'c'
    a = job(40, "abcdbd", bad_words=[(2,), (3, 4)])
    scheduler.submit(a)
    text = "".join(read(a))
    assert "b" not in text and "cd" not in text and text.startswith("a")


def test_a_reader_leaving_early_stops_the_generation(scheduler: _Scheduler) -> None:
    FakeGenerator.delay = 0.01
    a = job(40, "x" * 40)
    scheduler.submit(a)
    first = a.events.get(timeout=5)
    a.cancelled.set()
    rest = read(a)
    assert first and len(first + "".join(rest)) < 40
    deadline = time.monotonic() + 5
    while scheduler.active and time.monotonic() < deadline:
        time.sleep(0.01)
    assert scheduler.active == []  # its generator (and KV cache) was released


def test_failures_reach_the_reader_and_the_loop_goes_on(scheduler: _Scheduler) -> None:
    bad = job(99, "never")
    scheduler.submit(bad)
    with pytest.raises(BackendError, match="prefill exploded"):
        read(bad)
    ok = job(40, "still fine")
    scheduler.submit(ok)
    assert "".join(read(ok)) == "still fine"


def test_batch_rows_stream_independently_and_stop_per_row(scheduler: _Scheduler) -> None:
    rows = [job(40, "first row text"), job(41, "second"), job(42, "third row")]
    batch = MergedBatch(timeout=5)
    for j in rows:
        scheduler.submit(j)
        batch.add(j.events, j.cancelled)
    seen: dict[int, str] = {0: "", 1: "", 2: ""}
    ended = []
    for row, delta in batch:
        if delta is None:
            ended.append(row)
            continue
        seen[row] += delta
        if row == 0 and len(seen[0]) >= 3:
            batch.stop(0)
    assert seen[1] == "second" and seen[2] == "third row"
    assert 3 <= len(seen[0]) < len("first row text")
    assert sorted(ended) == [1, 2]  # a stopped row sends nothing more, not even its end


def test_missing_package_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    real_import = builtins.__import__

    def no_og(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "onnxruntime_genai":
            raise ImportError("No module named 'onnxruntime_genai'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_og)
    with pytest.raises(BackendError, match=r"\.\[onnx\]"):
        llm_onnx._og()


# --- the real converted model -------------------------------------------------------------


@pytest.fixture(scope="module")
def onnx_model() -> Iterator[llm_onnx.OnnxChatModel]:
    pytest.importorskip("onnxruntime_genai")
    model = llm_onnx.OnnxChatModel(Settings.from_env({}, threads=2))
    model.load()  # converts the GGUF first when `make setup` has not (about a minute)
    yield model


MESSAGES = [
    {"role": "system", "content": "You are a friendly movie expert. One sentence."},
    {"role": "user", "content": "Why might someone enjoy Alien (1979)?"},
]


@pytest.mark.slow
def test_real_model_is_cached_with_a_manifest_and_greedy_is_deterministic(
    onnx_model: llm_onnx.OnnxChatModel,
) -> None:
    state = onnx_model.load()
    assert (state.folder / "manifest.json").is_file()
    assert state.folder.parent == Settings.from_env({}).llm_cache_dir
    one = list(onnx_model.stream(MESSAGES, max_new_tokens=24, temperature=0))
    two = list(onnx_model.stream(MESSAGES, max_new_tokens=24, temperature=0))
    assert len(one) > 1 and "".join(one).strip() and one == two
    assert "Alien" in "".join(one) or "alien" in "".join(one).lower()


@pytest.mark.slow
def test_real_model_concurrent_sessions_get_their_own_greedy_text(
    onnx_model: llm_onnx.OnnxChatModel,
) -> None:
    prompts = [
        [*MESSAGES[:1], {"role": "user", "content": f"Why watch {title}?"}]
        for title in ("Up (2009)", "Heat (1995)", "Alien (1979)", "Fargo (1996)")
    ]
    alone = ["".join(onnx_model.stream(p, max_new_tokens=20)) for p in prompts]
    together: list[str] = [""] * len(prompts)

    def run(i: int) -> None:
        together[i] = "".join(onnx_model.stream(prompts[i], max_new_tokens=20))

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(prompts))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert together == alone  # no cross-talk between sessions
    assert onnx_model.scheduler.max_active >= 2  # they were decoded side by side
    batch = onnx_model.stream_batch(prompts[:2], max_new_tokens=20)
    rows = ["", ""]
    for row, delta in batch:
        rows[row] += delta or ""
    assert rows == alone[:2]
