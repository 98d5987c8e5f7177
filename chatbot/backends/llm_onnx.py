"""ChatModel on ONNX Runtime: the embedded SmolLM2 as 8-bit weights with fast CPU kernels.

The GGUF is converted once (`make setup`, or the first load) into an ONNX model under
settings.llm_cache_dir: GGUF -> de-quantised safetensors (the transformers backend's warm-start
cache) -> onnxruntime-genai's model builder (MatMulNBits, 8-bit asymmetric weights in blocks of
32, int8 activations, last-token logits only during prefill). Loading it takes well under a
second. The model runs on plain onnxruntime; its tokenizer and chat template are the
transformers tokenizer of the same folder.

Why 8 bits: re-quantising the GGUF's Q4_1 weights to 4 bits does not land on the same grid
(symmetric int4 agreed with the GGUF model's greedy next token 68% of the time, asymmetric int4
with an 8-bit head 81%, 8-bit 96%, on six writer-style prompts), and 8-bit decodes about 0.8x
as fast as 4-bit here, still well above the transformers backend.

One scheduler thread owns every generation of the process, the way llama.cpp's server runs its
slots: each running generation has a row in one shared KV cache (KVRows); each step the thread
prefills the prompts that arrived, then advances every row by one token in a single batched
forward pass, so concurrent sessions (and the item sentences of one reply) share one decode
loop instead of queueing whole turns behind a lock. The KV of recent prompts is kept (a prefix
cache): a prompt that starts like one of them (the writer's system message and examples; the
same lead-in prompt again) copies the shared part and prefills only the rest, with the same
logits as a fresh prefill (tests/test_llm_onnx.py). llama.cpp and llama-cpp-python reuse
cached prefixes the same way.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import logging
import os
import queue
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from chatbot.backends.builtin import OnnxOptions
from chatbot.backends.llm_decoding import constrain_logits, phrase_variants
from chatbot.backends.llm_streams import MergedBatch, queued_deltas
from chatbot.config import Settings
from chatbot.errors import BackendError, BackendUnavailable
from chatbot.fileio import atomic_write_text, private_dir, restrict_tree
from chatbot.registry import Capability, options_from

log = logging.getLogger(__name__)

# Bump when the conversion recipe changes: cached models with another recipe are rebuilt.
RECIPE = "ort-genai-0.18-int8-asym-b32-acc4-prunelm-1"
_INSTALL_HINT = (
    "run `.venv/bin/pip install -e '.[onnx]'` (onnxruntime-genai, onnx, onnx-ir) or `make setup`"
)


def _og() -> Any:
    try:
        import onnxruntime_genai as og
    except ImportError as e:
        raise BackendUnavailable(
            f"the onnxruntime backend needs onnxruntime-genai: {_INSTALL_HINT}"
        ) from e
    return og


def onnx_cache_dir(source: Settings | OnnxOptions) -> Path:
    """Where the converted model for these settings lives (one folder per source and recipe)."""
    from chatbot.backends.llm_transformers import resolve_model_source, source_key

    options = _options(source)
    folder, gguf = resolve_model_source(options)
    stem = (Path(gguf).stem if gguf else folder.name).replace(" ", "_")
    key = hashlib.sha256(f"{source_key(folder, gguf)}|{RECIPE}".encode()).hexdigest()[:12]
    return Path(options.cache_dir) / f"onnx-{stem}-{key}"


def _options(source: Settings | OnnxOptions) -> OnnxOptions:
    return options_from(OnnxOptions, source) if isinstance(source, Settings) else source


def prepare_onnx_model(source: Settings | OnnxOptions, *, progress: bool = True) -> Path:
    """Convert the configured model into 8-bit ONNX under the options' cache_dir (once).

    Returns the folder (genai_config.json, model.onnx, tokenizer, manifest.json). Takes about
    30 s on 2 cores; later calls return at once. Raises BackendError when the conversion fails.
    """
    options = _options(source)
    target = onnx_cache_dir(options)
    if (target / "manifest.json").is_file():
        return target
    _og()
    from chatbot.backends.llm_transformers import prepare_hf_folder, resolve_model_source

    started = time.perf_counter()
    hf_folder = prepare_hf_folder(options, progress=progress)
    _check_hf_folder(hf_folder)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    private_dir(tmp)  # 0700: nobody else can reach the files while the builder writes them
    cmd = _builder_command(hf_folder, tmp)
    if progress:
        print(f"converting {hf_folder.name} to 8-bit ONNX in {target} ...", file=sys.stderr)
    env = {**os.environ, "TQDM_DISABLE": "1"}
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0 or not (tmp / "genai_config.json").is_file():
        shutil.rmtree(tmp, ignore_errors=True)
        lines = [x.strip() for x in (done.stderr or done.stdout).splitlines() if x.strip()]
        cause = " / ".join(lines[-2:])[-600:].rstrip(".") or "no output"
        raise BackendError(
            f"converting {hf_folder} to ONNX failed (exit {done.returncode}): {cause}. "
            "onnxruntime-genai's builder converts Llama, Mistral, Qwen, Phi, Gemma and a few "
            "other architectures; to serve this model as it is, set CHATBOT_LLM=transformers"
        )
    shutil.rmtree(tmp / "_build_cache", ignore_errors=True)
    folder, gguf = resolve_model_source(options)
    manifest = {
        "recipe": RECIPE,
        "source": str(folder / gguf) if gguf else str(folder),
        "converted_from": str(hf_folder),
        "builder": " ".join(cmd[3:]),
        "seconds": round(time.perf_counter() - started, 1),
        "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    restrict_tree(tmp)  # the builder writes with the umask's modes: make its files 0600
    atomic_write_text(tmp / "manifest.json", json.dumps(manifest, indent=1) + "\n")
    try:
        os.replace(tmp, target)
    except OSError:  # another process finished first: keep its copy
        shutil.rmtree(tmp, ignore_errors=True)
    if progress:
        print(f"converted in {manifest['seconds']} s", file=sys.stderr)
    return target


def _check_hf_folder(folder: Path) -> None:
    """BackendUnavailable naming what a Hugging Face model folder lacks for the conversion:
    config.json, weights (*.safetensors or *.bin), a tokenizer (tokenizer.json or
    tokenizer.model)."""
    missing = []
    if not (folder / "config.json").is_file():
        missing.append("config.json")
    if not any(folder.glob("*.safetensors")) and not any(folder.glob("*.bin")):
        missing.append("weights (*.safetensors or *.bin)")
    if not (folder / "tokenizer.json").is_file() and not (folder / "tokenizer.model").is_file():
        missing.append("a tokenizer (tokenizer.json or tokenizer.model)")
    if missing:
        raise BackendUnavailable(
            f"{folder} is no complete Hugging Face model folder: it lacks {', '.join(missing)}"
        )


def _builder_command(hf_folder: Path, out: Path) -> list[str]:
    """onnxruntime-genai's model builder: 8-bit weights for the CPU, written to `out`."""
    return [
        sys.executable,
        "-m",
        "onnxruntime_genai.models.builder",
        "-i",
        str(hf_folder),
        "-o",
        str(out),
        "-p",
        "int8",
        "-e",
        "cpu",
        "-c",
        str(out / "_build_cache"),
        "--extra_options",
        "prune_lm_head=true",
        "accuracy_level=4",
        "is_symmetric=false",
    ]


# The decode loop keeps every running generation's KV cache in one set of buffers, one row per
# generation ([rows, kv_heads, capacity, head_size] per layer, float32, about 46 KB a token for
# SmolLM2-135M), so one forward pass advances every row by a token: 8 rows take about 13 ms a
# step against 8 x 6-8 ms one at a time (2 cores, 2026-12-01). Rows are kept packed (0..n-1);
# capacity grows in blocks of LENGTH_BLOCK tokens, rows up to MAX_ROWS (more requests wait).
LENGTH_BLOCK = 256
MAX_ROWS = 16
RESERVED_LENGTH = 1024  # tokens per row reserved at load (a writer prompt and reply: 200-600)
# Prefix cache: the KV of the last POOL_SIZE prompts is kept; a new prompt sharing at least
# MIN_SHARED_PREFIX leading tokens with one (the writer's system message and examples, about 240
# of an item prompt's 360 tokens) copies that part and prefills only the rest.
POOL_SIZE = 8
MIN_SHARED_PREFIX = 16


def shared_prefix(a: Sequence[int], b: Sequence[int]) -> int:
    """Number of leading tokens a and b have in common."""
    n = min(len(a), len(b))
    for i in range(n):
        if a[i] != b[i]:
            return i
    return n


class KVRows:
    """The model's forward pass over packed rows of one shared KV cache (onnxruntime, IOBinding).

    The graph (onnxruntime-genai's builder) takes input_ids [B, S], attention_mask [B, T] and
    past_key_values.<layer>.key/value [B, kv_heads, capacity, head_size]; its GroupQueryAttention
    reads each row's length from the mask (right padding: row b has mask[b, :length] = 1) and,
    with past and present bound to the same buffer, writes the new keys and values in place.
    Logits come back for the last position only ([B, 1, vocab]).
    """

    def __init__(
        self, session: Any, layers: int, kv_heads: int, head_size: int, slots: int = POOL_SIZE
    ) -> None:
        self.session = session
        self.layers = layers
        self.shape = (kv_heads, head_size)
        self.slots = slots  # prefix cache entries (save / restore)
        self.rows = 0
        self.capacity = 0
        self.buffers: list[Any] = []  # key and value of each layer: [rows, heads, capacity, size]
        self.store: list[Any] = []  # the same for the prefix cache: [slots, heads, capacity, size]

    def ensure(self, rows: int, length: int, *, live: tuple[int, int, int] = (0, 0, 0)) -> None:
        """Room for `rows` rows of at least `length` tokens. Buffers grow in steps (rows
        doubled, capacity in blocks) and are reserved lazily (np.zeros maps pages only when
        written); on growth only what is live is copied, `live` = (rows in use, their longest
        length, the longest prefix cache entry), so untouched memory stays untouched."""
        capacity = max(self.capacity, -(-length // LENGTH_BLOCK) * LENGTH_BLOCK)
        if rows > self.rows:
            rows = min(max(rows, 2 * self.rows, 4), max(rows, MAX_ROWS))
        rows = max(self.rows, rows)
        if rows == self.rows and capacity == self.capacity:
            return
        used_rows, used_length, stored_length = live
        self.buffers = [
            self._grown(old, rows, capacity, used_rows, used_length)
            for old in self.buffers or [None] * (2 * self.layers)
        ]
        self.store = [
            self._grown(old, self.slots, capacity, self.slots, stored_length)
            for old in self.store or [None] * (2 * self.layers)
        ]
        self.rows, self.capacity = rows, capacity

    def _grown(self, old: Any, rows: int, capacity: int, keep_rows: int, keep_length: int) -> Any:
        import numpy as np

        heads, size = self.shape
        new = np.zeros((rows, heads, capacity, size), dtype=np.float32)
        if old is not None and keep_rows and keep_length:
            new[:keep_rows, :, :keep_length] = old[:keep_rows, :, :keep_length]
        return new

    def forward(self, first: int, ids: Any, lengths: Sequence[int]) -> Any:
        """Run rows first..first+B-1 on ids [B, S] (int64); `lengths` are each row's tokens
        after this pass. Returns the next-token logits, [B, vocab] float32."""
        import numpy as np

        count = ids.shape[0]
        mask = np.zeros((count, max(lengths)), dtype=np.int64)
        for b, n in enumerate(lengths):
            mask[b, :n] = 1
        binding = self.session.io_binding()
        binding.bind_cpu_input("input_ids", np.ascontiguousarray(ids, dtype=np.int64))
        binding.bind_cpu_input("attention_mask", mask)
        for layer in range(self.layers):
            for k, kind in enumerate(("key", "value")):
                rows = self.buffers[2 * layer + k][first : first + count]
                shape, pointer = list(rows.shape), rows.ctypes.data
                binding.bind_input(
                    f"past_key_values.{layer}.{kind}", "cpu", 0, np.float32, shape, pointer
                )
                binding.bind_output(f"present.{layer}.{kind}", "cpu", 0, np.float32, shape, pointer)
        binding.bind_output("logits", "cpu")
        self.session.run_with_iobinding(binding)
        return binding.get_outputs()[-1].numpy().reshape(count, -1)

    def save(self, row: int, length: int, slot: int) -> None:
        """Copy the first `length` positions of a row into a prefix cache slot."""
        for buffer, store in zip(self.buffers, self.store, strict=True):
            store[slot, :, :length] = buffer[row, :, :length]

    def restore(self, slot: int, row: int, length: int) -> None:
        """Copy the first `length` positions of a prefix cache slot into a row."""
        for buffer, store in zip(self.buffers, self.store, strict=True):
            buffer[row, :, :length] = store[slot, :, :length]

    def move(self, source: int, target: int, length: int) -> None:
        """Copy a row's first `length` positions to another row (packing rows after one ends)."""
        for buffer in self.buffers:
            buffer[target, :, :length] = buffer[source, :, :length]


@dataclass
class _Saved:
    """A prompt whose KV cache is kept: its tokens, and the prefix cache slot that holds it."""

    tokens: list[int]
    slot: int


@dataclass
class _Job:
    """One generation: its prompt, options, and the queue its reader takes events from."""

    prompt: list[int]
    max_new_tokens: int
    search: dict[str, Any]
    stop: tuple[str, ...]
    bad_words: tuple[tuple[int, ...], ...]
    events: queue.Queue[str | None | BaseException] = field(default_factory=queue.Queue)
    cancelled: threading.Event = field(default_factory=threading.Event)
    tokens: list[int] = field(default_factory=list)
    printed: int = 0
    repetition_penalty: float = 1.0  # over the generated tokens only (llm_decoding)
    no_repeat_ngram_size: int = 0
    row: int = -1  # its row in the KV buffers while it runs
    length: int = 0  # tokens in its KV cache
    reused: int = 0  # prompt tokens whose KV came from the prefix cache (0: a fresh prefill)


class _Scheduler:
    """The thread that owns the KV rows: prefill new jobs, then one batched step for all."""

    def __init__(
        self,
        rows: KVRows,
        tokenizer: Any,
        eos: set[int],
        *,
        context: int = 8192,
        seed: int | None = None,
    ) -> None:
        import numpy as np

        self.kv = rows
        self.context = context  # the model's context length, in tokens
        self.tokenizer = tokenizer
        self.eos = eos
        self.rng = np.random.default_rng(seed)
        self.inbox: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._closing = False
        self.waiting: list[_Job] = []  # arrived while every row was taken
        self.active: list[_Job] = []  # active[i] runs in row i
        self.saved: list[_Saved] = []  # the prefix cache, most recently used last
        self.steps = 0  # batched decode steps run (tests and benchmarks read these)
        self.max_active = 0  # most generations running at once
        self.prefilled = 0  # prompt tokens prefilled, and of those ...
        self.reused = 0  # ... copied from the prefix cache instead
        self.decoded = 0  # tokens generated
        self.prefill_s = 0.0  # seconds spent prefilling, and decoding
        self.decode_s = 0.0
        self._thread = threading.Thread(target=self._serve, name="onnx-llm", daemon=True)
        self._thread.start()

    def submit(self, job: _Job) -> None:
        self.inbox.put(job)

    def close(self, timeout: float = 10.0) -> None:
        """Cancel every generation and stop the thread (waiting at most `timeout` seconds for a
        forward pass under way): at interpreter exit a thread still inside onnxruntime aborts
        the process ('terminate called without an active exception')."""
        self._closing = True
        self.inbox.put(None)
        self._thread.join(timeout)

    def _serve(self) -> None:
        while True:
            if not self.active and not self.waiting:
                self._take(self.inbox.get())  # idle: wait for work
            while True:
                try:
                    self._take(self.inbox.get_nowait())
                except queue.Empty:
                    break
            if self._closing:
                for job in [*self.active, *self.waiting]:
                    job.events.put(BackendError("the LLM is shutting down"))
                    job.events.put(None)
                self.active, self.waiting = [], []
                return
            while self.waiting and len(self.active) < MAX_ROWS:
                self._start(self.waiting.pop(0))
            self.max_active = max(self.max_active, len(self.active))
            if self.active:
                self._step()

    def _take(self, job: _Job | None) -> None:
        if job is not None:  # None: close() wakes the thread
            self.waiting.append(job)

    def _start(self, job: _Job) -> None:
        if job.cancelled.is_set():
            job.events.put(None)
            return
        import numpy as np

        started = time.perf_counter()
        row = len(self.active)
        try:
            need = len(job.prompt) + job.max_new_tokens
            if need > self.context:
                raise ValueError(
                    f"the prompt ({len(job.prompt)} tokens) and {job.max_new_tokens} new tokens "
                    f"exceed the model's context of {self.context} tokens"
                )
            # room for the prompt and a first block of new tokens: rows grow while they decode
            # (a large max_new_tokens reserves nothing it does not use)
            self.kv.ensure(
                row + 1, len(job.prompt) + min(job.max_new_tokens, LENGTH_BLOCK), live=self._live()
            )
            keep = 0
            best = self._best_saved(job.prompt)
            if best is not None:
                # prefill at least two prompt tokens: one alone goes through the decode
                # kernels, whose int8 rounding differs slightly from a prefill's (greedy text
                # would then depend on what the cache held)
                keep = min(shared_prefix(best.tokens, job.prompt), len(job.prompt) - 2)
                self.kv.restore(best.slot, row, keep)
            ids = np.asarray([job.prompt[keep:]], dtype=np.int64)
            logits = self.kv.forward(row, ids, [len(job.prompt)])[0]
            if len(job.prompt) >= MIN_SHARED_PREFIX:
                self._remember(job.prompt, row)
        except Exception as e:  # reported to the reader; the rows of the others are untouched
            job.events.put(BackendError(f"LLM generation failed: {e}"))
            job.events.put(None)
            return
        finally:
            self.prefill_s += time.perf_counter() - started
        job.row, job.length, job.reused = row, len(job.prompt), keep
        self.prefilled += len(job.prompt)
        self.reused += keep
        self.active.append(job)
        self._advance(job, logits)

    def _live(self) -> tuple[int, int, int]:
        """(rows in use, their longest length, the longest prefix cache entry)."""
        return (
            len(self.active),
            max((j.length for j in self.active), default=0),
            max((len(s.tokens) for s in self.saved), default=0),
        )

    def _best_saved(self, prompt: list[int]) -> _Saved | None:
        best, best_shared = None, MIN_SHARED_PREFIX - 1
        for saved in self.saved:
            shared = shared_prefix(saved.tokens, prompt)
            if shared > best_shared:
                best, best_shared = saved, shared
        return best

    def _remember(self, tokens: list[int], row: int) -> None:
        """Keep a prompt's KV (just prefilled into `row`) in the prefix cache: in the slot of
        the same prompt, a free slot, or the least recently used one's."""
        same = [s for s in self.saved if s.tokens == tokens]
        if same:
            self.saved.remove(same[0])
            self.saved.append(same[0])  # already there: now the most recently used
            return
        used = {s.slot for s in self.saved}
        free = [slot for slot in range(self.kv.slots) if slot not in used]
        slot = free[0] if free else self.saved.pop(0).slot
        self.kv.save(row, len(tokens), slot)
        self.saved.append(_Saved(list(tokens), slot))

    def _step(self) -> None:
        """Feed every running job its last token, in one forward pass over their rows."""
        import numpy as np

        for job in [j for j in self.active if j.cancelled.is_set()]:
            self._finish(job)
        if not self.active:
            return
        started = time.perf_counter()
        jobs = list(self.active)
        ids = np.asarray([[job.tokens[-1]] for job in jobs], dtype=np.int64)
        try:
            self.kv.ensure(len(jobs), max(job.length for job in jobs) + 1, live=self._live())
            logits = self.kv.forward(0, ids, [job.length + 1 for job in jobs])
        except Exception as e:  # every row's state is in doubt: end them all, serve on
            for job in jobs:
                job.events.put(BackendError(f"LLM generation failed: {e}"))
                self._finish(job)
            return
        finally:
            self.decode_s += time.perf_counter() - started
        self.steps += 1
        for job in jobs:  # before any of them ends: ending one moves another's row
            job.length += 1
        for job, row_logits in zip(jobs, logits, strict=True):
            self._advance(job, row_logits)

    def _advance(self, job: _Job, logits: Any) -> None:
        """Choose the job's next token from its logits [vocab]; emit text or finish."""
        if job.cancelled.is_set() or len(job.tokens) >= job.max_new_tokens:
            self._finish(job)
            return
        try:
            token = self._choose(job, logits)
        except Exception as e:
            job.events.put(BackendError(f"LLM generation failed: {e}"))
            self._finish(job)
            return
        if token in self.eos:
            self._finish(job)
            return
        job.tokens.append(token)
        self.decoded += 1
        self._emit(job)
        if job in self.active and len(job.tokens) >= job.max_new_tokens:
            self._finish(job)

    def _choose(self, job: _Job, logits: Any) -> int:
        """Greedy, or sampled with temperature / top-k / top-p, after the job's constraints
        (repetition penalty and n-gram ban over the generated tokens, bad words)."""
        import numpy as np

        if job.bad_words or job.repetition_penalty != 1.0 or job.no_repeat_ngram_size:
            logits = constrain_logits(
                logits,
                job.tokens,
                repetition_penalty=job.repetition_penalty,
                no_repeat_ngram_size=job.no_repeat_ngram_size,
                bad_words=job.bad_words,
            )
        if not job.search.get("do_sample"):
            return int(np.argmax(logits))
        logits = np.asarray(logits, dtype=np.float64).reshape(-1)
        logits = logits / max(float(job.search.get("temperature", 1.0)), 1e-5)
        top_k = int(job.search.get("top_k") or 0)
        if 0 < top_k < logits.size:
            cut = np.partition(logits, -top_k)[-top_k]
            logits = np.where(logits < cut, -np.inf, logits)
        probs = np.exp(logits - logits.max())
        probs /= probs.sum()
        top_p = float(job.search.get("top_p") or 1.0)
        if top_p < 1.0:
            order = np.argsort(-probs)
            keep = np.cumsum(probs[order]) - probs[order] < top_p  # the smallest set >= top_p
            mask = np.zeros_like(probs)
            mask[order[keep]] = 1.0
            probs = probs * mask / (probs * mask).sum()
        return int(self.rng.choice(probs.size, p=probs))

    def _finish(self, job: _Job) -> None:
        if job not in self.active:
            return
        row = self.active.index(job)
        last = self.active.pop()
        if last is not job:  # keep rows packed: the last job moves into the freed row
            self.kv.move(last.row, row, last.length)
            last.row = row
            self.active[row] = last
        job.row = -1
        job.events.put(None)

    def _emit(self, job: _Job) -> None:
        text = self.tokenizer.decode(job.tokens, skip_special_tokens=True)
        if text.endswith("\ufffd"):  # inside a multi-byte character: wait for the rest
            return
        end = len(text)
        hold = 0
        for stop in job.stop:
            at = text.find(stop, max(0, job.printed - len(stop)))
            if at >= 0:
                end = min(end, at)
                job.cancelled.set()
            else:  # keep back a tail that may become this stop string
                for n in range(min(len(stop) - 1, len(text)), 0, -1):
                    if text.endswith(stop[:n]):
                        hold = max(hold, n)
                        break
        if not job.cancelled.is_set():
            end -= hold
        if end > job.printed:
            job.events.put(text[job.printed : end])
            job.printed = end
        if job.cancelled.is_set():
            self._finish(job)


class ChatTokenizer:
    """The model folder's tokenizer (tokenizer.json, the `tokenizers` library) and chat template
    (chat_template.jinja or tokenizer_config.json), rendered as transformers renders it: a
    sandboxed Jinja environment with trim_blocks / lstrip_blocks, `raise_exception` and
    `strftime_now`. Loads in about 0.1 s, where importing transformers takes 1.5 s.

    encode / decode / apply_chat_template take the keywords the transformers tokenizer takes
    for these calls (add_special_tokens, skip_special_tokens, add_generation_prompt, tokenize).
    Raises FileNotFoundError when the folder has no tokenizer.json or chat template.
    """

    def __init__(self, folder: Path) -> None:
        import jinja2.sandbox
        from tokenizers import Tokenizer

        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        config_path = folder / "tokenizer_config.json"
        config = (
            json.loads(config_path.read_text(encoding="utf-8")) if config_path.is_file() else {}
        )
        template_path = folder / "chat_template.jinja"
        if template_path.is_file():
            source = template_path.read_text(encoding="utf-8")
        elif isinstance(config.get("chat_template"), str):
            source = config["chat_template"]
        else:
            raise FileNotFoundError(f"{folder} has no chat template")
        self.special = {
            name: value.get("content") if isinstance(value, dict) else value
            for name in ("bos_token", "eos_token", "pad_token", "unk_token")
            if (value := config.get(name)) is not None
        }
        eos = self.special.get("eos_token")
        self.eos_token_id = self.tokenizer.token_to_id(eos) if eos else None

        def raise_exception(message: str) -> None:
            raise jinja2.exceptions.TemplateError(message)

        def strftime_now(format: str) -> str:
            return time.strftime(format)

        env = jinja2.sandbox.ImmutableSandboxedEnvironment(
            trim_blocks=True, lstrip_blocks=True, extensions=["jinja2.ext.loopcontrols"]
        )
        env.globals.update(raise_exception=raise_exception, strftime_now=strftime_now)
        self.template = env.from_string(source)

    def apply_chat_template(
        self, messages: list[dict[str, str]], *, add_generation_prompt: bool, tokenize: bool
    ) -> str:
        assert not tokenize, "only text: encode() it"
        return self.template.render(
            messages=messages, add_generation_prompt=add_generation_prompt, **self.special
        )

    def encode(self, text: str, *, add_special_tokens: bool = True) -> list[int]:
        return list(self.tokenizer.encode(text, add_special_tokens=add_special_tokens).ids)

    def decode(self, tokens: Sequence[int], *, skip_special_tokens: bool = True) -> str:
        return str(self.tokenizer.decode(list(tokens), skip_special_tokens=skip_special_tokens))


def _tokenizer(folder: Path) -> Any:
    """ChatTokenizer for the folder, or the transformers tokenizer when the folder has no
    tokenizer.json or chat template of its own (slower to import, same calls)."""
    try:
        return ChatTokenizer(folder)
    except FileNotFoundError:
        from transformers import AutoTokenizer

        return AutoTokenizer.from_pretrained(str(folder))


def _open(folder: Path, threads: int) -> tuple[Any, KVRows, set[int], int]:
    """The converted model's tokenizer, its KV rows over an onnxruntime session, its end
    tokens and context length. Raises BackendError when the folder cannot be loaded."""
    try:
        import onnxruntime as ort

        config = json.loads((folder / "genai_config.json").read_text(encoding="utf-8"))
        decoder = config["model"]["decoder"]
        options = ort.SessionOptions()
        if threads > 0:
            options.intra_op_num_threads = threads
        session = ort.InferenceSession(
            str(folder / decoder["filename"]), options, providers=["CPUExecutionProvider"]
        )
        tokenizer = _tokenizer(folder)
    except ImportError as e:
        raise BackendUnavailable(
            f"the onnxruntime backend needs onnxruntime: {_INSTALL_HINT}"
        ) from e
    except Exception as e:  # third-party loaders raise anything
        raise BackendError(f"could not load the ONNX LLM from {folder}: {e}") from e
    eos_ids = config["model"].get("eos_token_id", [])
    eos = {int(t) for t in (eos_ids if isinstance(eos_ids, list) else [eos_ids])}
    if tokenizer.eos_token_id is not None:
        eos.add(int(tokenizer.eos_token_id))
    rows = KVRows(
        session,
        layers=int(decoder["num_hidden_layers"]),
        kv_heads=int(decoder["num_key_value_heads"]),
        head_size=int(decoder["head_size"]),
    )
    # reserved now, so a burst of requests does not copy growing buffers (about 0.25 s each
    # time under load); np.zeros maps pages lazily, so memory is used only by rows in use
    context = int(config["model"].get("context_length") or 8192)
    rows.ensure(MAX_ROWS, min(RESERVED_LENGTH, context))
    return tokenizer, rows, eos, context


def _shutdown() -> None:
    """At exit: stop every scheduler thread before Python finalises (see _Scheduler.close)."""
    for state in list(OnnxChatModel._loaded.values()):
        state.scheduler.close()


@dataclass
class _Loaded:
    tokenizer: Any
    scheduler: _Scheduler
    folder: Path
    load_s: float


class OnnxChatModel:
    """Local 8-bit LLM on ONNX Runtime, with streaming and one batched decode loop.

    Options (stream and stream_batch): max_new_tokens, temperature (0 = greedy), stop (strings
    that end the reply; not included), repetition_penalty and no_repeat_ngram_size (over the
    generated tokens only, applied to the logits here as the transformers backend does), top_p,
    top_k, bad_words_ids (token-id sequences that may not be generated), avoid (phrases that may
    not be generated, in every spelling of `llm_decoding.phrase_variants`).
    """

    _loaded: ClassVar[dict[str, _Loaded]] = {}
    _loaded_lock: ClassVar[threading.Lock] = threading.Lock()

    capabilities: ClassVar[frozenset[Capability]] = frozenset(
        {Capability.STREAMING, Capability.BATCHING}
    )

    def __init__(self, settings: Settings, *, options: OnnxOptions | None = None) -> None:
        from chatbot.backends.llm_transformers import resolve_model_source

        self.settings = settings  # the cross-cutting ones: threads, temperature, max_new_tokens
        self.options = options or options_from(OnnxOptions, settings)
        self.folder, self.gguf_file = resolve_model_source(self.options)

        self.name = f"onnxruntime:{self.gguf_file or self.folder.name}"
        self._state: _Loaded | None = None

    @property
    def load_seconds(self) -> float:
        """Seconds the process took to load the converted model (0 before load)."""
        return self._state.load_s if self._state else 0.0

    @property
    def scheduler(self) -> _Scheduler:
        return self.load().scheduler

    def load(self) -> _Loaded:
        """Load the converted model once per process (converting it first if needed)."""
        if self._state is not None:
            return self._state
        with OnnxChatModel._loaded_lock:
            folder = prepare_onnx_model(self.options, progress=True)
            key = str(folder)
            state = OnnxChatModel._loaded.get(key)
            if state is None:
                started = time.perf_counter()
                tokenizer, rows, eos, context = _open(folder, self.settings.threads)
                state = _Loaded(
                    tokenizer,
                    _Scheduler(rows, tokenizer, eos, context=context),
                    folder,
                    time.perf_counter() - started,
                )
                if not OnnxChatModel._loaded:
                    atexit.register(_shutdown)
                OnnxChatModel._loaded[key] = state
        self._state = state
        return state

    warm = load  # the app and server call warm() before they report ready

    def encode(self, messages: list[dict[str, str]]) -> list[int]:
        """Prompt token ids for a chat (the model's chat template, generation prompt added)."""
        if not messages or any(
            not isinstance(m, dict)
            or m.get("role") not in ("system", "user", "assistant")
            or not isinstance(m.get("content"), str)
            for m in messages
        ):
            raise BackendError(
                "messages must be a non-empty list of {'role': system|user|assistant, "
                "'content': str}"
            )
        state = self.load()
        try:
            text = state.tokenizer.apply_chat_template(
                messages, add_generation_prompt=True, tokenize=False
            )
            return [int(t) for t in state.tokenizer.encode(text, add_special_tokens=False)]
        except Exception as e:
            raise BackendError(f"could not apply the chat template to the messages: {e}") from e

    def count_tokens(self, text: str) -> int:
        """Number of tokens in `text` (benchmarks use it to turn text into tokens/s)."""
        return len(self.load().tokenizer.encode(text, add_special_tokens=False))

    def _job(self, messages: list[dict[str, str]], opts: dict[str, Any]) -> _Job:
        temperature = _number(opts.get("temperature", self.settings.temperature), "temperature")
        max_new = _number(
            opts.get("max_new_tokens", self.settings.max_new_tokens), "max_new_tokens", whole=True
        )
        if max_new < 1:
            raise BackendError(f"max_new_tokens must be greater than 0, not {max_new}")
        search: dict[str, Any] = {"do_sample": temperature > 0}
        if temperature > 0:
            top_p = _number(opts.get("top_p") or 1.0, "top_p")
            if not 0 < top_p <= 1:
                raise BackendError(f"top_p must be in (0, 1], not {top_p}")
            search.update(
                temperature=temperature,
                top_p=top_p,
                top_k=int(_number(opts.get("top_k") or 0, "top_k", whole=True)),
            )
        bad = tuple(tuple(int(t) for t in seq) for seq in opts.get("bad_words_ids") or () if seq)
        avoid = [p for p in opts.get("avoid") or () if p.strip()]
        if avoid:  # phrases: every spelling, in this engine's tokens
            tokenizer = self.load().tokenizer
            forms = {f for p in avoid for f in phrase_variants(p)}
            bad += tuple(
                tuple(int(t) for t in tokenizer.encode(f, add_special_tokens=False))
                for f in sorted(forms)
            )
        return _Job(
            prompt=self.encode(messages),
            max_new_tokens=int(max_new),
            search=search,
            stop=tuple(s for s in opts.get("stop") or () if s),
            bad_words=tuple(seq for seq in bad if seq),
            repetition_penalty=float(opts.get("repetition_penalty") or 1.0),
            no_repeat_ngram_size=int(opts.get("no_repeat_ngram_size") or 0),
        )

    def stream(self, messages: list[dict[str, str]], **opts: Any) -> Iterator[str]:
        """Stream the reply's text deltas (see the class for options); BackendError on failure."""
        job = self._job(messages, opts)
        self.scheduler.submit(job)
        try:
            yield from _events(job, self.options.timeout_s)
        finally:
            job.cancelled.set()  # a reader that leaves early ends the generation

    def stream_batch(self, conversations: list[list[dict[str, str]]], **opts: Any) -> MergedBatch:
        """Generate several conversations at once; iterate for (row, delta) and (row, None)."""
        jobs = [self._job(m, opts) for m in conversations]
        batch = MergedBatch(self.options.timeout_s, thread_name="onnx-batch")
        for job in jobs:
            self.scheduler.submit(job)
            batch.add(job.events, job.cancelled)
        return batch


def _number(value: Any, name: str, *, whole: bool = False) -> float:
    """A finite, non-negative option value; BackendError naming the option otherwise."""
    import math

    try:
        number = float(value)
    except (TypeError, ValueError):
        raise BackendError(f"{name} must be a number, not {value!r}") from None
    if not math.isfinite(number) or number < 0 or (whole and number != int(number)):
        kind = "a whole number" if whole else "a number"
        raise BackendError(f"{name} must be {kind} of 0 or more, not {value!r}")
    return number


def _events(job: _Job, timeout: float) -> Iterator[str]:
    return queued_deltas(job.events, timeout, job.cancelled)


def main(argv: list[str] | None = None) -> int:
    """`python -m chatbot.backends.llm_onnx`: build the warm-start caches (used by make setup)."""
    import argparse

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.parse_args(argv)
    settings = Settings.from_env()
    started = time.perf_counter()
    folder = prepare_onnx_model(settings, progress=True)
    print(f"LLM caches ready in {time.perf_counter() - started:.1f} s: {folder}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
