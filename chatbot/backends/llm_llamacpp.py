"""ChatModel on llama.cpp, in process: the embedded SmolLM2 GGUF as it is (Q4_1), no conversion.

The engine is xllamacpp (MIT; the llama.cpp binding Xinference ships, prebuilt CPU wheels on
PyPI for Linux, macOS and Windows, no compiler needed: the `llamacpp` extra). It wraps
llama.cpp's own server engine, which is what makes it fit here:

- the GGUF loads as it is (memory-mapped, about a second), so there is nothing to cache;
- its slots decode concurrent requests together (continuous batching): every session's turn,
  and the item sentences of one turn, share one decode loop; prompts that start alike (the
  system message) reuse the slot's cached KV prefix;
- it is thread-safe and releases the GIL while it works, so each request waits in its own
  thread.

The chat template is the GGUF's own (the same Jinja template the transformers backend reads
from the GGUF), applied by llama.cpp. The engine also listens on a random loopback port for its
HTTP API; this backend locks that with a random key nobody is told (only /health answers).

Its prebuilt Linux CPU wheel targets AVX2 (not -march=native), so llama.cpp built from source on
an AVX512 machine decodes somewhat faster; see benchmarks/bench_generation.py for both.
"""

from __future__ import annotations

import atexit
import json
import logging
import os
import queue
import secrets
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from chatbot.backends.builtin import LlamaCppOptions, TransformersOptions
from chatbot.backends.llm_streams import MergedBatch, queued_deltas
from chatbot.config import Settings
from chatbot.errors import BackendError, BackendUnavailable
from chatbot.registry import Capability, options_from

log = logging.getLogger(__name__)

_INSTALL_HINT = "run `.venv/bin/pip install -e '.[llamacpp]'` (xllamacpp, a prebuilt wheel)"
# Requests decoded side by side (llama.cpp "slots"); more wait in the engine's queue.
SLOTS = 8
# KV cache tokens shared by all slots (kv_unified): a writer prompt is 200-600 tokens, and at
# about 23 KB a token (30 layers x K and V x 3 heads x 64 x f16) 8192 tokens take ~190 MB.
CONTEXT_TOKENS = 8192
# Options every local backend understands that llama.cpp's sampler cannot express exactly
# (no_repeat_ngram_size and avoid need token-sequence bans; llama.cpp's repeat penalty counts
# the prompt): they are ignored here, with one log line per process.
UNSUPPORTED = ("no_repeat_ngram_size", "avoid", "bad_words_ids", "repetition_penalty")


# Requests in flight: (thread, cancel event). At exit they are cancelled and awaited, and the
# engines released, before Python finalises: a thread still inside llama.cpp then aborts the
# process ("FATAL: exception not rethrown").
_in_flight: dict[threading.Thread, threading.Event] = {}
_in_flight_lock = threading.Lock()


def _shutdown(wait_s: float = 10.0) -> None:
    """Cancel every request, wait for their threads (at most wait_s in all), free the engines."""
    with _in_flight_lock:
        running = list(_in_flight.items())
    for _, cancelled in running:
        cancelled.set()
    deadline = time.monotonic() + wait_s
    for thread, _ in running:
        thread.join(max(0.0, deadline - time.monotonic()))
    with LlamaCppChatModel._engines_lock:
        LlamaCppChatModel._engines.clear()


atexit.register(_shutdown)


def _xlc() -> Any:
    # llama.cpp's threads meet at an OpenMP barrier for every operation. GNU OpenMP's default
    # spins there for a long while (GOMP_SPINCOUNT 300,000) before it sleeps, which collapses
    # decoding when the cores are shared; sleeping at once (OMP_WAIT_POLICY=PASSIVE) costs
    # 60% of the speed on idle cores. A short spin is best on both (2 threads, 2 cores,
    # 2026-12-01, bench_generation.py): idle 125 tokens/s (default 127, PASSIVE 52); with two
    # busy processes beside it 47 tokens/s (default 19, PASSIVE 31). Read once, when libgomp
    # loads: set GOMP_SPINCOUNT or OMP_WAIT_POLICY in the environment to override.
    if "OMP_WAIT_POLICY" not in os.environ:
        os.environ.setdefault("GOMP_SPINCOUNT", "10000")
    try:
        import xllamacpp
    except ImportError as e:
        raise BackendUnavailable(f"the llamacpp backend needs xllamacpp: {_INSTALL_HINT}") from e
    return xllamacpp


def default_threads() -> int:
    """CPU threads for llama.cpp when settings.threads is 0: the CPUs this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


@dataclass
class _Engine:
    """One loaded llama.cpp server engine, shared by every instance with the same model."""

    server: Any
    key: str  # the HTTP API's bearer key (used for /tokenize only)
    address: str
    load_s: float
    threads: int

    def tokenize(self, text: str) -> list[int]:
        body = json.dumps({"content": text, "add_special": False}).encode()
        request = urllib.request.Request(
            self.address.rstrip("/") + "/tokenize",
            data=body,
            headers={"Authorization": f"Bearer {self.key}", "Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return [int(t) for t in json.load(response)["tokens"]]
        except (OSError, ValueError, KeyError) as e:
            raise BackendError(f"llama.cpp could not tokenize: {e}") from e


class LlamaCppChatModel:
    """Local LLM on llama.cpp (xllamacpp), streaming, with concurrent requests batched.

    Options (stream and stream_batch): max_new_tokens, temperature (0 = greedy), stop (strings
    that end the reply; not included), top_p, top_k. repetition_penalty, no_repeat_ngram_size,
    avoid and bad_words_ids are not honoured (see UNSUPPORTED). Failures raise BackendError;
    a request that produces nothing for settings.llm_timeout_s seconds is abandoned.
    """

    capabilities: ClassVar[frozenset[Capability]] = frozenset(
        {Capability.STREAMING, Capability.BATCHING}
    )
    _engines: ClassVar[dict[tuple[str, int], _Engine]] = {}
    _engines_lock: ClassVar[threading.Lock] = threading.Lock()
    _warned: ClassVar[set[str]] = set()  # unsupported options already logged

    def __init__(self, settings: Settings, *, options: LlamaCppOptions | None = None) -> None:
        from chatbot.backends.llm_transformers import resolve_model_source

        self.settings = settings  # the cross-cutting ones: threads, temperature, max_new_tokens
        self.options = options or options_from(LlamaCppOptions, settings)
        source = TransformersOptions(model=self.options.model, gguf_file=self.options.gguf_file)
        self.folder, self.gguf_file = resolve_model_source(source)
        if self.gguf_file is None:
            raise BackendUnavailable(
                f"the llamacpp backend loads GGUF files; {self.folder} has none: set "
                "CHATBOT_LLM_MODEL to a folder with a .gguf (and CHATBOT_LLM_GGUF_FILE)"
            )
        self.path = Path(self.folder) / self.gguf_file
        self.threads = settings.threads if settings.threads > 0 else default_threads()
        self.timeout = float(self.options.timeout_s)
        self.name = f"llamacpp:{self.gguf_file}"
        # engines are looked up, not kept: at exit _shutdown() frees them by dropping the dict's
        self._key = (str(self.path.resolve()), self.threads)

    @property
    def load_seconds(self) -> float:
        """Seconds this process took to load the model (0 before load)."""
        engine = LlamaCppChatModel._engines.get(self._key)
        return engine.load_s if engine else 0.0

    def load(self) -> _Engine:
        """Load the GGUF once per process (instances with the same file and threads share it)."""
        engine = LlamaCppChatModel._engines.get(self._key)
        if engine is not None:
            return engine
        with LlamaCppChatModel._engines_lock:
            engine = LlamaCppChatModel._engines.get(self._key)
            if engine is None:
                engine = self._start()
                LlamaCppChatModel._engines[self._key] = engine
        return engine

    warm = load  # the app and server call warm() before they report ready

    def _start(self) -> _Engine:
        xlc = _xlc()
        started = time.perf_counter()
        params = xlc.CommonParams()
        params.model.path = str(self.path)
        params.n_parallel = SLOTS
        params.n_ctx = CONTEXT_TOKENS
        params.kv_unified = True  # slots share one KV pool: a long prompt may use more of it
        params.cpuparams.n_threads = self.threads
        params.cpuparams_batch.n_threads = self.threads
        params.verbosity = -1  # errors only (llama.cpp logs every request otherwise)
        key = secrets.token_urlsafe(32)
        params.api_keys = [key]
        params.endpoint_metrics = False
        try:
            server = xlc.Server(params)
        except Exception as e:  # the binding raises RuntimeError without details
            raise BackendError(f"llama.cpp could not load {self.path}: {e}") from e
        return _Engine(
            server,
            key,
            str(server.listening_address or ""),
            time.perf_counter() - started,
            self.threads,
        )

    def count_tokens(self, text: str) -> int:
        """Number of tokens in `text` (benchmarks use it to turn text into tokens/s)."""
        return len(self.load().tokenize(text)) if text else 0

    def _body(self, messages: list[dict[str, str]], opts: dict[str, Any]) -> dict[str, Any]:
        ignored = sorted(k for k in UNSUPPORTED if opts.get(k) and k not in self._warned)
        if ignored:
            LlamaCppChatModel._warned.update(ignored)
            log.info("llamacpp backend: option(s) %s not supported, ignored", ", ".join(ignored))
        temperature = float(opts.get("temperature", self.settings.temperature))
        body: dict[str, Any] = {
            "messages": messages,
            "stream": True,
            "max_tokens": max(1, int(opts.get("max_new_tokens", self.settings.max_new_tokens))),
            "temperature": temperature,
            "cache_prompt": True,
        }
        if temperature > 0:
            body["top_p"] = float(opts.get("top_p") or 1.0)
            body["top_k"] = int(opts.get("top_k") or 0)
            body["min_p"] = 0.0
        else:
            body["top_k"] = 1  # greedy: the most likely token, whatever the other samplers say
        stop = [s for s in opts.get("stop") or () if s]
        if stop:
            body["stop"] = stop
        return body

    def _run(
        self,
        body: dict[str, Any],
        emit: Callable[[str | None | BaseException], None],
        cancelled: threading.Event,
    ) -> None:
        """Run one request on the calling thread: emit(delta) for each text piece, emit(error)
        on failure, then emit(None)."""
        server = self.load().server

        def on_chunk(chunk: Any) -> bool:
            if cancelled.is_set():
                return True  # ends the request (its slot is freed)
            if isinstance(chunk, str):
                chunk = json.loads(chunk)
            if isinstance(chunk, dict) and "error" in chunk:
                emit(BackendError(f"llama.cpp: {_error_text(chunk)}"))
                return True
            for choice in chunk.get("choices") or ():
                text = (choice.get("delta") or {}).get("content")
                if text:
                    emit(text)
            return False

        try:
            result = server.handle_chat_completions(body, on_chunk)
            if isinstance(result, dict) and "error" in result:
                emit(BackendError(f"llama.cpp: {_error_text(result)}"))
        except Exception as e:  # the binding raises ValueError/RuntimeError for bad requests
            emit(BackendError(f"LLM generation failed: {e}"))
        finally:
            emit(None)

    def _submit(
        self, messages: list[dict[str, str]], opts: dict[str, Any]
    ) -> tuple[queue.Queue[str | None | BaseException], threading.Event]:
        body = self._body(messages, opts)
        events: queue.Queue[str | None | BaseException] = queue.Queue()
        cancelled = threading.Event()

        def run() -> None:
            try:
                self._run(body, events.put, cancelled)
            finally:
                with _in_flight_lock:
                    _in_flight.pop(thread, None)

        thread = threading.Thread(target=run, name="llamacpp", daemon=True)
        with _in_flight_lock:
            _in_flight[thread] = cancelled
        thread.start()
        return events, cancelled

    def stream(self, messages: list[dict[str, str]], **opts: Any) -> Iterator[str]:
        """Stream the reply's text deltas (see the class for options); BackendError on failure."""
        events, cancelled = self._submit(messages, opts)
        try:
            yield from queued_deltas(events, self.timeout, cancelled)
        finally:
            cancelled.set()  # a reader that leaves early ends the generation

    def stream_batch(self, conversations: list[list[dict[str, str]]], **opts: Any) -> MergedBatch:
        """Generate several conversations at once (llama.cpp decodes them in one batch);
        iterate for (row, delta) and (row, None) once per row."""
        batch = MergedBatch(self.timeout, thread_name="llamacpp-batch")
        for messages in conversations:
            batch.add(*self._submit(messages, opts))
        return batch


def _error_text(payload: dict[str, Any]) -> str:
    error = payload.get("error")
    if isinstance(error, dict):
        return str(error.get("message") or error)
    return str(error)


def loaded_engines() -> Sequence[_Engine]:
    """The engines loaded in this process (tests and benchmarks read their load time)."""
    return list(LlamaCppChatModel._engines.values())
