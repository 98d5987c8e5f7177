"""ChatModel on ONNX Runtime GenAI: the embedded SmolLM2 as 8-bit weights with fast CPU kernels.

The GGUF is converted once (`make setup`, or the first load) into an ONNX model under
settings.llm_cache_dir: GGUF -> de-quantised safetensors (the transformers backend's warm-start
cache) -> onnxruntime-genai's model builder (MatMulNBits, 8-bit asymmetric weights in blocks of
32, int8 activations, last-token logits only during prefill). Loading it takes about a second.

Why 8 bits: re-quantising the GGUF's Q4_1 weights to 4 bits does not land on the same grid
(symmetric int4 agreed with the GGUF model's greedy next token 68% of the time, asymmetric int4
with an 8-bit head 81%, 8-bit 96%, on six writer-style prompts), and 8-bit decodes about 0.8x
as fast as 4-bit here, still well above the transformers backend.

One scheduler thread owns every generator of the process: each step it prefills the prompts
that arrived and advances every running generation by one token, so concurrent sessions share
one decode loop instead of queueing whole turns behind a lock. (Rows are separate generators:
onnxruntime-genai 0.18's batched CPU path mis-handles left padding, and its continuous-batching
Engine needs paged attention, which is CUDA-only.)
"""

from __future__ import annotations

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
from collections.abc import Iterator
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
        tail = (done.stderr or done.stdout)[-2000:]
        raise BackendError(f"converting the LLM to ONNX failed (exit {done.returncode}): {tail}")
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
    generator: Any = None
    repetition_penalty: float = 1.0  # over the generated tokens only (llm_decoding)
    no_repeat_ngram_size: int = 0


class _Scheduler:
    """The thread that owns every generator: prefill new jobs, then one token for each job."""

    def __init__(self, model: Any, tokenizer: Any, eos: set[int]) -> None:
        self.model = model
        self.tokenizer = tokenizer
        self.eos = eos
        self.inbox: queue.SimpleQueue[_Job] = queue.SimpleQueue()
        self.active: list[_Job] = []
        self.steps = 0  # decode steps run (tests and benchmarks read it)
        self.max_active = 0  # most generations running at once
        self._thread = threading.Thread(target=self._serve, name="onnx-llm", daemon=True)
        self._thread.start()

    def submit(self, job: _Job) -> None:
        self.inbox.put(job)

    def _serve(self) -> None:
        while True:
            if not self.active:
                self._start(self.inbox.get())  # idle: wait for work
            while True:
                try:
                    self._start(self.inbox.get_nowait())
                except queue.Empty:
                    break
            self.max_active = max(self.max_active, len(self.active))
            for job in list(self.active):
                self._step(job)
            self.steps += 1

    def _start(self, job: _Job) -> None:
        if job.cancelled.is_set():
            job.events.put(None)
            return
        og = _og()
        try:
            params = og.GeneratorParams(self.model)
            params.set_search_options(max_length=len(job.prompt) + job.max_new_tokens, **job.search)
            generator = og.Generator(self.model, params)
            generator.append_tokens(job.prompt)  # prefill
        except Exception as e:  # reported to the reader
            job.events.put(BackendError(f"LLM generation failed: {e}"))
            job.events.put(None)
            return
        job.generator = generator
        self.active.append(job)

    def _finish(self, job: _Job) -> None:
        job.generator = None  # frees its KV cache
        self.active.remove(job)
        job.events.put(None)

    def _step(self, job: _Job) -> None:
        generator = job.generator
        if job.cancelled.is_set() or generator.is_done():
            self._finish(job)
            return
        try:
            if job.bad_words or job.repetition_penalty != 1.0 or job.no_repeat_ngram_size:
                self._ban(job)
            generator.generate_next_token()
            token = int(generator.get_next_tokens()[0])
            if token in self.eos:
                self._finish(job)
                return
            job.tokens.append(token)
            self._emit(job)
        except Exception as e:  # reported to the reader; the loop serves the other jobs on
            job.events.put(BackendError(f"LLM generation failed: {e}"))
            if job in self.active:
                self._finish(job)

    def _ban(self, job: _Job) -> None:
        """Forbid the last token of every bad-words sequence whose head was just generated and
        apply the repetition penalty and n-gram ban to the generated tokens (not the prompt:
        the engine's own search options would count the prompt, see llm_decoding)."""
        banned = [
            seq[-1]
            for seq in job.bad_words
            if len(seq) == 1 or job.tokens[-(len(seq) - 1) :] == list(seq[:-1])
        ]
        if banned or (job.tokens and (job.repetition_penalty != 1.0 or job.no_repeat_ngram_size)):
            job.generator.set_logits(
                constrain_logits(
                    job.generator.get_logits(),
                    job.tokens,
                    repetition_penalty=job.repetition_penalty,
                    no_repeat_ngram_size=job.no_repeat_ngram_size,
                    bad_words=job.bad_words,
                )
            )

    def _emit(self, job: _Job) -> None:
        import numpy as np

        text = self.tokenizer.decode(np.asarray(job.tokens, dtype=np.int32))
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


@dataclass
class _Loaded:
    model: Any
    tokenizer: Any
    scheduler: _Scheduler
    folder: Path
    load_s: float


class OnnxChatModel:
    """Local 8-bit LLM on ONNX Runtime GenAI, with streaming and a shared decode loop.

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
                og = _og()
                started = time.perf_counter()
                try:
                    config = og.Config(str(folder))
                    if self.settings.threads > 0:
                        options = {"intra_op_num_threads": self.settings.threads}
                        config.overlay(
                            json.dumps({"model": {"decoder": {"session_options": options}}})
                        )
                    model = og.Model(config)
                    tokenizer = og.Tokenizer(model)
                except Exception as e:  # third-party loaders raise anything
                    raise BackendError(f"could not load the ONNX LLM from {folder}: {e}") from e
                eos = {int(t) for t in tokenizer.eos_token_ids}
                state = _Loaded(
                    model,
                    tokenizer,
                    _Scheduler(model, tokenizer, eos),
                    folder,
                    time.perf_counter() - started,
                )
                OnnxChatModel._loaded[key] = state
        self._state = state
        return state

    warm = load  # the app and server call warm() before they report ready

    def encode(self, messages: list[dict[str, str]]) -> list[int]:
        """Prompt token ids for a chat (the model's chat template, generation prompt added)."""
        state = self.load()
        try:
            text = state.tokenizer.apply_chat_template(
                json.dumps(messages), add_generation_prompt=True
            )
            return [int(t) for t in state.tokenizer.encode(text)]
        except Exception as e:
            raise BackendError(f"could not apply the chat template to the messages: {e}") from e

    def count_tokens(self, text: str) -> int:
        """Number of tokens in `text` (benchmarks use it to turn text into tokens/s)."""
        return len(self.load().tokenizer.encode(text))

    def _job(self, messages: list[dict[str, str]], opts: dict[str, Any]) -> _Job:
        temperature = float(opts.get("temperature", self.settings.temperature))
        search: dict[str, Any] = {"do_sample": temperature > 0}
        if temperature > 0:
            search.update(
                temperature=temperature,
                top_p=float(opts.get("top_p") or 1.0),
                top_k=int(opts.get("top_k") or 0),
            )
        bad = tuple(tuple(int(t) for t in seq) for seq in opts.get("bad_words_ids") or () if seq)
        avoid = [p for p in opts.get("avoid") or () if p.strip()]
        if avoid:  # phrases: every spelling, in this engine's tokens
            tokenizer = self.load().tokenizer
            forms = {f for p in avoid for f in phrase_variants(p)}
            bad += tuple(tuple(int(t) for t in tokenizer.encode(f)) for f in sorted(forms))
        return _Job(
            prompt=self.encode(messages),
            max_new_tokens=max(1, int(opts.get("max_new_tokens", self.settings.max_new_tokens))),
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
