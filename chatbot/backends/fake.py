"""Deterministic fakes shipped with the package, for fast tests and demos."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    import numpy as np


class HashEmbedder:
    """Deterministic bag-of-words embedder: texts that share words get nearby vectors."""

    def __init__(self, dim: int = 256) -> None:
        if dim < 8:
            raise ValueError(f"HashEmbedder dim must be at least 8, got {dim}")
        self.dim = dim
        self.name = f"hash-{dim}"
        self.calls = 0  # how many texts were embedded (tests count re-embedding with it)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Feature-hash each lower-cased word (and word pair) into a unit vector."""
        import hashlib
        import re

        import numpy as np

        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            words = re.findall(r"\w+", text.lower()) or ["<empty>"]
            features = words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]
            for feature in features:
                digest = hashlib.blake2b(feature.encode(), digest_size=8).digest()
                bucket = int.from_bytes(digest[:4], "little") % self.dim
                sign = 1.0 if digest[4] & 1 else -1.0
                out[row, bucket] += sign * (1.0 if " " not in feature else 0.5)
            norm = float(np.linalg.norm(out[row]))
            if norm == 0.0:  # every feature cancelled out: keep the first one alone
                digest = hashlib.blake2b(features[0].encode(), digest_size=8).digest()
                out[row, int.from_bytes(digest[:4], "little") % self.dim] = 1.0
            else:
                out[row] /= norm
        self.calls += len(texts)
        return out
