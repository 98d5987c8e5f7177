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
    def decode(self, tokens: list[int], skip_special_tokens: bool = True) -> str:
        text = "".join(ALPHABET.get(int(t), "") for t in tokens)
        return text + ("\ufffd" if len(tokens) and int(tokens[-1]) == 30 else "")


class FakeRows:
    """KVRows with a script instead of a model: a row's "KV cache" is its token list; the next
    token is the first of its prompt's script not yet generated (banned tokens, set to -inf by
    the constraints, are skipped in favour of the next script token, as greedy would)."""

    def __init__(self) -> None:
        self.scripts: dict[int, list[int]] = {}  # first prompt token -> reply tokens
        self.prompt_len: dict[int, int] = {}
        self.rows: list[list[int]] = []
        self.capacity = 0
        self.calls: list[tuple[int, list[int]]] = []  # (tokens fed per row, first tokens)
        self.prefills: list[int] = []  # tokens fed by each prefill
        self.delay = 0.0  # seconds per forward pass
        self.fail_decode = False

    def ensure(self, rows: int, length: int, *, live: tuple[int, int, int] = (0, 0, 0)) -> None:
        while len(self.rows) < rows:
            self.rows.append([])
        self.capacity = max(self.capacity, length)

    def forward(self, first: int, ids: np.ndarray, lengths: list[int]) -> np.ndarray:
        time.sleep(self.delay)
        count, fed = ids.shape
        if fed == 1 and self.fail_decode:
            raise RuntimeError("decode exploded")
        if fed > 1:  # a prefill (the scheduler feeds a prompt two tokens at least)
            self.prefills.append(fed)
        out = np.zeros((count, 64), dtype=np.float32)
        for b in range(count):
            row = self.rows[first + b]
            del row[lengths[b] - fed :]
            row.extend(int(t) for t in ids[b])
            if row[0] == 99:
                raise RuntimeError("prefill exploded")
            remaining = list(self.scripts[row[0]])
            for token in row[self.prompt_len[row[0]] :]:
                if token in remaining:
                    remaining.remove(token)
            out[b, EOS] = 0.5
            for rank, token in enumerate(remaining[:3]):
                out[b, token] = max(out[b, token], 3 - rank)
        self.calls.append((fed, [self.rows[first + b][0] for b in range(count)]))
        return out

    slots = llm_onnx.POOL_SIZE
    store: dict[int, list[int]]

    def save(self, row: int, length: int, slot: int) -> None:
        self.store = getattr(self, "store", {})
        self.store[slot] = list(self.rows[row][:length])

    def restore(self, slot: int, row: int, length: int) -> None:
        self.rows[row] = list(self.store[slot][:length])

    def move(self, source: int, target: int, length: int) -> None:
        self.rows[target] = list(self.rows[source][:length])


@pytest.fixture
def fake() -> FakeRows:
    return FakeRows()


@pytest.fixture
def scheduler(fake: FakeRows) -> _Scheduler:
    return _Scheduler(fake, FakeTokenizer(), {EOS})


def job(first: int, script: str | list[int], prompt: list[int] | None = None, **kw: Any) -> _Job:
    prompt = prompt or [first, 5, 6]
    FAKE.scripts[first] = ids(script) if isinstance(script, str) else script
    FAKE.prompt_len[first] = len(prompt)
    return _Job(
        prompt=prompt,
        max_new_tokens=kw.pop("max_new_tokens", 50),
        search=kw.pop("search", {}),
        stop=tuple(kw.pop("stop", ())),
        bad_words=tuple(kw.pop("bad_words", ())),
        **kw,
    )


FAKE = FakeRows()  # the fixture's, set per test (job() registers scripts on it)


@pytest.fixture(autouse=True)
def _current_fake(fake: FakeRows) -> None:
    global FAKE
    FAKE = fake


def read(j: _Job, timeout: float = 5.0) -> list[str]:
    return list(llm_onnx._events(j, timeout))


def test_concurrent_generations_share_one_batched_decode_step(
    scheduler: _Scheduler, fake: FakeRows
) -> None:
    fake.delay = 0.002
    a, b = job(40, "hello there"), job(41, "good night")
    scheduler.submit(a)
    scheduler.submit(b)
    assert "".join(read(a)) == "hello there" and "".join(read(b)) == "good night"
    # one forward pass fed both rows their next token, not one generation after the other
    assert any(fed == 1 and sorted(firsts) == [40, 41] for fed, firsts in fake.calls)
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


def test_a_reader_leaving_early_stops_the_generation(scheduler: _Scheduler, fake: FakeRows) -> None:
    fake.delay = 0.01
    a = job(40, "x" * 40)
    scheduler.submit(a)
    first = a.events.get(timeout=5)
    a.cancelled.set()
    rest = read(a)
    assert first and len(first + "".join(rest)) < 40
    deadline = time.monotonic() + 5
    while scheduler.active and time.monotonic() < deadline:
        time.sleep(0.01)
    assert scheduler.active == []  # its row (and KV cache) was released


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
    # the later prompts reused the KV cache of earlier ones (same system message) and still
    # gave a fresh prefill's greedy text
    assert onnx_model.scheduler.reused > 0


def head(first: int, tail: list[int]) -> list[int]:
    """A prompt of a 40-token shared head (first token `first`) and its own tail."""
    return [first, *range(1, 40), *tail]


def test_a_prompt_sharing_a_prefix_prefills_only_the_rest(
    scheduler: _Scheduler, fake: FakeRows
) -> None:
    first = job(40, "one", head(40, [7, 8, 9]))
    scheduler.submit(first)
    assert "".join(read(first)) == "one"
    second = job(40, "two", head(40, [10, 11, 12, 13]))  # same 40-token head, another tail
    scheduler.submit(second)
    assert "".join(read(second)) == "two"
    assert fake.prefills == [43, 4]  # only the new tail was prefilled
    assert second.reused == 40 and scheduler.reused == 40 and scheduler.prefilled == 87


def test_the_same_prompt_again_prefills_its_last_two_tokens(
    scheduler: _Scheduler, fake: FakeRows
) -> None:
    for _ in range(2):
        j = job(40, "same", head(40, [7, 8]))
        scheduler.submit(j)
        assert "".join(read(j)) == "same"
    # one token alone would go through the decode kernels (other rounding): two at least
    assert fake.prefills == [42, 2]


def test_short_prefixes_are_not_reused(scheduler: _Scheduler, fake: FakeRows) -> None:
    a = job(41, "c", [41, 1, 2, 3])
    scheduler.submit(a)
    read(a)
    b = job(41, "d", [41, 1, 2, 4])
    scheduler.submit(b)
    read(b)
    assert b.reused == 0 and fake.prefills == [4, 4]


def test_the_prefix_cache_is_bounded(scheduler: _Scheduler) -> None:
    for i in range(llm_onnx.POOL_SIZE + 3):
        j = job(100 + i, "x", head(100 + i, []), max_new_tokens=5)
        scheduler.submit(j)
        read(j)
    assert len(scheduler.saved) == llm_onnx.POOL_SIZE
    assert scheduler.saved[-1].tokens[0] == 100 + llm_onnx.POOL_SIZE + 2  # newest kept


def test_a_failed_decode_step_ends_every_row_and_the_loop_goes_on(
    scheduler: _Scheduler, fake: FakeRows
) -> None:
    fake.fail_decode = True
    a, b = job(40, "never ending"), job(41, "nor this")
    scheduler.submit(a)
    scheduler.submit(b)
    for j in (a, b):
        with pytest.raises(BackendError, match="decode exploded"):
            read(j)
    fake.fail_decode = False
    ok = job(42, "fine")
    scheduler.submit(ok)
    assert "".join(read(ok)) == "fine" and scheduler.active == []


def test_rows_stay_packed_when_one_ends_early(scheduler: _Scheduler, fake: FakeRows) -> None:
    fake.delay = 0.005
    short, long_ = job(40, "ab"), job(41, "a longer reply")
    scheduler.submit(short)
    scheduler.submit(long_)
    assert "".join(read(short)) == "ab"
    assert "".join(read(long_)) == "a longer reply"  # its row moved to row 0, text intact
    assert [len(firsts) for fed, firsts in fake.calls if fed == 1][-1] == 1


def test_sampling_follows_temperature_top_k_and_top_p(scheduler: _Scheduler) -> None:
    logits = np.full(64, -5.0, dtype=np.float32)
    logits[[3, 4, 5]] = [2.0, 1.9, 1.8]
    picks = set()
    for _ in range(200):
        j = _Job([1], 5, {"do_sample": True, "temperature": 1.0, "top_k": 2}, (), ())
        picks.add(scheduler._choose(j, logits))
    assert picks == {3, 4}  # top-k keeps the two best
    j = _Job([1], 5, {"do_sample": True, "temperature": 1.0, "top_p": 0.3}, (), ())
    assert {scheduler._choose(j, logits) for _ in range(100)} == {3}  # the smallest set >= 0.3
    greedy = _Job([1], 5, {"do_sample": False}, (), ())
    assert scheduler._choose(greedy, logits) == 3


@pytest.mark.parametrize("backend", ["onnxruntime", "llamacpp", "template", "fake"])
def test_a_writer_adapter_is_never_ignored_silently(tmp_path, backend: str) -> None:
    from chatbot.errors import ConfigError
    from chatbot.generation import make_chat_model

    (tmp_path / "adapter_config.json").write_text("{}")
    (tmp_path / "manifest.json").write_text("{}")
    settings = Settings.from_env({}, llm=backend, llm_writer_adapter=str(tmp_path))
    with pytest.raises(ConfigError, match="CHATBOT_LLM=transformers"):
        make_chat_model(settings)
    make_chat_model(settings.replace(llm_writer_adapter="off"))  # off: fine


def test_bad_options_and_messages_are_clear_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    model = llm_onnx.OnnxChatModel(Settings.from_env({}))
    monkeypatch.setattr(model, "encode", lambda messages: [1, 2, 3])
    ok = [{"role": "user", "content": "hi"}]
    for opts, message in [
        ({"max_new_tokens": 0}, "greater than 0"),
        ({"max_new_tokens": -1}, "0 or more"),
        ({"max_new_tokens": None}, "must be a number"),
        ({"max_new_tokens": 2.5}, "whole number"),
        ({"temperature": float("nan")}, "temperature"),
        ({"temperature": -1}, "temperature"),
        ({"temperature": 0.7, "top_p": 1.5}, "top_p"),
    ]:
        with pytest.raises(BackendError, match=message):
            model._job(ok, opts)
    assert model._job(ok, {"max_new_tokens": 3}).max_new_tokens == 3
    unpatched = llm_onnx.OnnxChatModel(Settings.from_env({}))
    for messages in ([], [{"role": "wizard", "content": "hi"}], [{"role": "user"}]):
        with pytest.raises(BackendError, match="messages must be"):
            unpatched.encode(messages)


def test_a_folder_that_is_no_model_is_named_as_such(tmp_path) -> None:
    from chatbot.errors import BackendUnavailable

    (tmp_path / "config.json").write_text("{}")
    with pytest.raises(BackendUnavailable, match="lacks weights .* a tokenizer"):
        llm_onnx._check_hf_folder(tmp_path)


@pytest.mark.slow
def test_a_local_hf_folder_is_converted_and_served(tmp_path) -> None:
    """Any local Hugging Face folder works with the default backend: a tiny random Llama with
    SmolLM2's tokenizer is converted to ONNX on first load and decodes through the KV rows."""
    import shutil

    import torch
    from transformers import LlamaConfig, LlamaForCausalLM

    from chatbot.backends.llm_transformers import prepare_hf_folder
    from chatbot.generation import make_chat_model

    source = prepare_hf_folder(Settings.from_env({}))  # the embedded model's tokenizer files
    folder = tmp_path / "tiny-llama"
    folder.mkdir()
    for name in ("tokenizer.json", "tokenizer_config.json", "chat_template.jinja"):
        if (source / name).is_file():
            shutil.copy(source / name, folder / name)
    config = LlamaConfig(
        vocab_size=49152,
        hidden_size=64,
        intermediate_size=128,
        num_hidden_layers=2,
        num_attention_heads=4,
        num_key_value_heads=2,
        max_position_embeddings=512,
        bos_token_id=1,
        eos_token_id=2,
        tie_word_embeddings=True,
    )
    torch.manual_seed(0)
    LlamaForCausalLM(config).save_pretrained(folder)
    settings = Settings.from_env(
        {}, llm_model=str(folder), llm_cache_dir=str(tmp_path / "cache"), threads=1
    )
    model = make_chat_model(settings)
    assert isinstance(model, llm_onnx.OnnxChatModel) and model.name == "onnxruntime:tiny-llama"
    model.warm()
    assert (model.load().folder / "manifest.json").is_file()
    messages = [{"role": "user", "content": "hello"}]
    one = "".join(model.stream(messages, max_new_tokens=6, temperature=0))
    assert model.scheduler.decoded >= 1
    assert one == "".join(model.stream(messages, max_new_tokens=6, temperature=0))


@pytest.mark.slow
def test_the_chat_tokenizer_matches_transformers(onnx_model: llm_onnx.OnnxChatModel) -> None:
    from transformers import AutoTokenizer

    folder = onnx_model.load().folder
    ours, theirs = llm_onnx.ChatTokenizer(folder), AutoTokenizer.from_pretrained(str(folder))
    chats = [
        MESSAGES,
        [{"role": "user", "content": "Ein Film über Hunde? 🐕 <b>bold</b>"}],
        [*MESSAGES, {"role": "assistant", "content": "Sure."}, {"role": "user", "content": "ok"}],
    ]
    for chat in chats:
        text = ours.apply_chat_template(chat, add_generation_prompt=True, tokenize=False)
        assert text == theirs.apply_chat_template(chat, add_generation_prompt=True, tokenize=False)
        ids = ours.encode(text, add_special_tokens=False)
        assert ids == theirs.encode(text, add_special_tokens=False)
        assert ours.decode(ids) == theirs.decode(ids, skip_special_tokens=True)
    assert ours.eos_token_id == theirs.eos_token_id


def test_a_prompt_beyond_the_context_is_a_clear_error(fake: FakeRows) -> None:
    scheduler = _Scheduler(fake, FakeTokenizer(), {EOS}, context=10)
    too_long = job(40, "x", [40, *range(1, 8)], max_new_tokens=5)
    scheduler.submit(too_long)
    with pytest.raises(BackendError, match="exceed the model's context of 10 tokens"):
        read(too_long)
    fits = job(41, "ok", [41, 1, 2], max_new_tokens=5)
    scheduler.submit(fits)
    assert "".join(read(fits)) == "ok"


def test_growing_the_rows_keeps_live_rows_and_cached_prefixes() -> None:
    rows = llm_onnx.KVRows(session=None, layers=1, kv_heads=1, head_size=2, slots=2)
    rows.ensure(2, 4)
    rows.buffers[0][0, 0, :3] = 7.0  # row 0 holds 3 tokens
    rows.save(0, 3, slot=1)
    rows.ensure(3, llm_onnx.LENGTH_BLOCK + 1, live=(1, 3, 3))
    assert rows.capacity == 2 * llm_onnx.LENGTH_BLOCK and rows.rows >= 3
    assert (rows.buffers[0][0, 0, :3] == 7.0).all() and (rows.store[0][1, 0, :3] == 7.0).all()
    assert not rows.buffers[0][1:].any()  # nothing beyond the live part was copied


def test_a_large_token_budget_reserves_only_what_is_decoded(
    scheduler: _Scheduler, fake: FakeRows
) -> None:
    j = job(40, "abc", max_new_tokens=8000)
    scheduler.submit(j)
    assert "".join(read(j)) == "abc"
    assert fake.capacity <= 3 + llm_onnx.LENGTH_BLOCK  # not 8,003 tokens per row


def test_close_ends_the_generations_under_way(scheduler: _Scheduler, fake: FakeRows) -> None:
    fake.delay = 0.01
    j = job(40, "x" * 200)
    scheduler.submit(j)
    assert j.events.get(timeout=5)
    scheduler.close()
    with pytest.raises(BackendError, match="shutting down"):
        read(j)
    assert not scheduler._thread.is_alive()


@pytest.mark.slow
@pytest.mark.parametrize("reader", ["stops early", "still reading"])
def test_the_process_exits_cleanly_with_a_generation_under_way(reader: str) -> None:
    """A thread still inside onnxruntime at interpreter exit aborts the process (SIGABRT);
    the backend stops its scheduler first."""
    import subprocess
    import sys

    script = f"""
import threading, time
from chatbot.config import Settings
from chatbot.generation import make_chat_model
model = make_chat_model(Settings.from_env({{}}, threads=1))
model.warm()
messages = [{{"role": "user", "content": "Tell me a long story about a lighthouse."}}]
if {reader == "stops early"!r}:
    stream = model.stream(messages, max_new_tokens=60)
    for k, _ in enumerate(stream):
        if k == 2:
            break
    stream.close()
else:
    def read():
        try:
            for _ in model.stream(messages, max_new_tokens=400):
                pass
        except Exception:
            pass
    threading.Thread(target=read, daemon=True).start()
    time.sleep(1.0)
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
