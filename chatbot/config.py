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
_VAR = VAR_DIR = Path("var")
# raw public data, beside the working directory: ../shared/data/{omdb,redial}
_DATA = Path("..") / "shared" / "data"


@dataclass(frozen=True)
class Settings:
    """The cross-cutting settings; each field can be set by env var CHATBOT_<FIELD_NAME>.

    A backend's own options (model folders, URLs, dtypes, paths of one store) are declared by
    that backend in chatbot.registry and set the same way (CHATBOT_<SETTING>, or a keyword of
    from_env/replace); they are kept in `backend_options` and read as attributes too.
    """

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
    # retrieval: the backends (`chatbot backends` lists them and their options)
    embedder: str = "sentence-transformers"  # a registered embedder ("hash" in tests)
    index_type: str = "flat"  # a registered index type (flat: exact inner product)
    index_dir: Path = _VAR / "index"
    # generation: the chat model backend, and the decoding settings every backend honours
    # a registered llm backend (`chatbot backends` lists them); onnxruntime: the same SmolLM2
    # as 8-bit ONNX with a batched decode loop (README, Benchmarks); transformers stays supported
    llm: str = "onnxruntime"
    temperature: float = 0.0
    max_new_tokens: int = 160
    threads: int = 0  # CPU threads of the local models; 0: torch's default
    # dialogue
    items_per_turn: int = 3
    max_message_chars: int = 2000
    # sessions
    store: str = "sqlite"  # a registered session store (`chatbot backends` lists them)
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
    # backend options set explicitly (env or overrides), by setting name: each backend reads
    # them into its own options dataclass (chatbot.registry; e.g. llm_model, openai_base_url,
    # sqlite_path); a setting not given here takes the default its dataclass declares
    backend_options: tuple[tuple[str, Any], ...] = ()

    def replace(self, **changes: Any) -> Settings:
        """A copy with some fields or backend options changed (coerced like env vars)."""
        fields, options = _split(_coerce_all(changes))
        merged = {**dict(self.backend_options), **options}
        return dataclasses.replace(self, **fields, backend_options=tuple(sorted(merged.items())))

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Defaults, then CHATBOT_* environment variables, then explicit overrides (fields and
        backend options alike)."""
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for name in (*_FIELD_TYPES, *_option_infos()):
            key = _ENV_PREFIX + name.upper()
            if key in env:
                values[name] = env[key]
        values.update({k: v for k, v in overrides.items() if v is not None})
        fields, options = _split(_coerce_all(values))
        return cls(**fields, backend_options=tuple(sorted(options.items())))

    def option_values(self) -> dict[str, Any]:
        """The backend options set explicitly, by setting name."""
        return dict(self.backend_options)

    def __getattr__(self, name: str) -> Any:
        # a backend option read by its setting name (settings.sqlite_path): the value set, else
        # the default its options dataclass declares; backends read their options dataclass
        if name.startswith("_") or name == "backend_options":
            raise AttributeError(name)
        info = _option_infos().get(name)
        if info is None:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        return dict(self.backend_options).get(name, info.default)


_FIELD_TYPES = {f.name: f.type for f in dataclasses.fields(Settings) if f.name != "backend_options"}


def _option_infos() -> Mapping[str, Any]:
    from chatbot.registry import registry

    return registry().options()


def _split(values: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    fields = {k: v for k, v in values.items() if k in _FIELD_TYPES}
    return fields, {k: v for k, v in values.items() if k not in _FIELD_TYPES}


def _coerce_all(values: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    options = _option_infos()
    for name, value in values.items():
        if name in _FIELD_TYPES:
            out[name] = _coerce(name, str(_FIELD_TYPES[name]), value)
        elif name in options:
            out[name] = _coerce(name, options[name].type, value)
        else:
            known = ", ".join(sorted({*_FIELD_TYPES, *options}))
            raise ConfigError(f"unknown setting {name!r}; known settings: {known}")
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
