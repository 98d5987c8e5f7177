"""FAISS inner-product indexes (flat, HNSW, IVF) with allow-mask search that never comes short."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np

from chatbot.errors import BackendUnavailable, VectorIndexError

INDEX_KINDS = ("flat", "hnsw", "ivf")
# Below this many allowed rows an approximate index is skipped: scoring the rows directly is exact
# and costs less than a graph walk or list scan that a selector would mostly reject.
_EXACT_SUBSET_ROWS = 4096


def _faiss() -> Any:
    try:
        import faiss
    except ImportError as e:
        raise BackendUnavailable(
            "the FAISS index needs faiss-cpu: run `.venv/bin/pip install faiss-cpu==1.15.1`"
        ) from e
    return faiss


def default_params(kind: str, n: int) -> dict[str, int]:
    """Build and search parameters for an index of n vectors."""
    if kind == "hnsw":
        return {"M": 32, "ef_construction": 80, "ef_search": 96}
    if kind == "ivf":
        # about 4*sqrt(n) lists, but at least 39 training points per list (FAISS's minimum)
        nlist = max(1, min(int(4 * math.sqrt(n)), n // 39))
        return {"nlist": nlist, "nprobe": min(nlist, max(8, nlist // 16))}
    return {}


class FaissIndexKind:
    """Builds and loads FAISS indexes of one kind (the registry's `index` backends)."""

    def __init__(self, kind: str) -> None:
        if kind not in INDEX_KINDS:
            raise VectorIndexError(f"unknown index type {kind!r}; known: {', '.join(INDEX_KINDS)}")
        self.kind = kind
        # flat and HNSW keep their rows (a zero-copy view); IVF needs them passed back in
        self.keeps_vectors = kind != "ivf"

    def build(self, vectors: np.ndarray) -> FaissIndex:
        """Index these rows ((n, dim) float32, L2-normalised) with default parameters."""
        return FaissIndex.build(vectors, self.kind)

    def load(
        self, data: bytes, params: Mapping[str, int], vectors: np.ndarray | None
    ) -> FaissIndex:
        """An index from FaissIndex.to_bytes() output."""
        return FaissIndex.from_bytes(data, self.kind, params, vectors)


class FaissIndex:
    """A FAISS index over L2-normalised rows; search(vecs, k, allowed) returns (scores, rows)."""

    def __init__(
        self, index: Any, kind: str, params: Mapping[str, int], vectors: np.ndarray | None = None
    ) -> None:
        self.kind = kind
        self.params = dict(params)
        self.exact_subset_rows = _EXACT_SUBSET_ROWS  # filters this selective are scored exactly
        # One thread per query: a single query is too small to split, and on a busy 2-core box an
        # OpenMP team waits for descheduled workers (measured: 24 ms vs 1.6 ms median at 20k).
        # Concurrent sessions still search in parallel from their own threads.
        self.search_threads = 1
        self._index = index
        self.dim = int(index.d)
        self.ntotal = int(index.ntotal)
        self.vectors = vectors if vectors is not None else self._stored_vectors()
        if self.vectors.shape != (self.ntotal, self.dim):
            raise VectorIndexError(
                f"{kind} index holds {self.ntotal}x{self.dim} vectors but "
                f"{self.vectors.shape[0]}x{self.vectors.shape[1]} were given; rebuild the index"
            )

    @classmethod
    def build(cls, vectors: np.ndarray, kind: str = "flat", **params: int) -> FaissIndex:
        """Index these row vectors (float32, L2-normalised) with the given kind."""
        faiss = _faiss()
        if kind not in INDEX_KINDS:
            raise VectorIndexError(f"unknown index type {kind!r}; known: {', '.join(INDEX_KINDS)}")
        x = np.ascontiguousarray(vectors, dtype=np.float32)
        if x.ndim != 2 or x.shape[0] == 0:
            raise VectorIndexError(f"cannot index an array of shape {x.shape}; need (n>0, dim)")
        n, d = x.shape
        p = {**default_params(kind, n), **params}
        if kind == "flat":
            index = faiss.IndexFlatIP(d)
        elif kind == "hnsw":
            index = faiss.IndexHNSWFlat(d, p["M"], faiss.METRIC_INNER_PRODUCT)
            index.hnsw.efConstruction = p["ef_construction"]
        else:
            p["nlist"] = max(1, min(p["nlist"], n))
            p["nprobe"] = max(1, min(p["nprobe"], p["nlist"]))
            quantizer = faiss.IndexFlatIP(d)
            index = faiss.IndexIVFFlat(quantizer, d, p["nlist"], faiss.METRIC_INNER_PRODUCT)
            rng = np.random.default_rng(0)
            sample = x if n <= 64 * p["nlist"] else x[rng.choice(n, 64 * p["nlist"], replace=False)]
            index.train(sample)
        index.add(x)
        return cls(index, kind, p, vectors=x if kind == "ivf" else None)

    @classmethod
    def from_bytes(
        cls, data: bytes, kind: str, params: Mapping[str, int], vectors: np.ndarray | None = None
    ) -> FaissIndex:
        """Load a serialised index (IVF also needs its row vectors for exact fallbacks)."""
        faiss = _faiss()
        try:
            index = faiss.deserialize_index(np.frombuffer(data, dtype=np.uint8))
        except RuntimeError as e:
            raise VectorIndexError(f"unreadable {kind} index: {e}") from e
        if kind == "ivf" and vectors is None:
            raise VectorIndexError("an IVF index needs its row vectors to load")
        return cls(index, kind, params, vectors=vectors)

    def to_bytes(self) -> bytes:
        """The index serialised by FAISS."""
        return bytes(_faiss().serialize_index(self._index))

    def search(
        self, vecs: np.ndarray, k: int, allowed: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Top-k rows by inner product per query; allowed is a bool mask (or row ids) to keep.

        Returns (scores, rows), each (n_queries, k), padded with -inf / -1; every query gets
        min(k, number of allowed rows) real results, approximate index or not.
        """
        q = np.ascontiguousarray(np.atleast_2d(vecs), dtype=np.float32)
        if q.ndim != 2 or q.shape[1] != self.dim:
            raise VectorIndexError(f"query shape {q.shape} does not match index dim {self.dim}")
        mask = self._mask(allowed)
        n_allowed = self.ntotal if mask is None else int(np.count_nonzero(mask))
        want = min(k, n_allowed)
        scores = np.full((q.shape[0], max(k, 0)), -np.inf, dtype=np.float32)
        rows = np.full((q.shape[0], max(k, 0)), -1, dtype=np.int64)
        if want <= 0:
            return scores, rows
        if mask is not None and self.kind != "flat" and n_allowed <= self.exact_subset_rows:
            return self._exact(q, k, mask)
        got_scores, got_rows = self._faiss_search(q, k, mask)
        short = np.count_nonzero(got_rows >= 0, axis=1) < want
        if short.any():  # an approximate index missed allowed rows: score them exactly
            exact_scores, exact_rows = self._exact(q[short], k, mask)
            got_scores[short], got_rows[short] = exact_scores, exact_rows
        return got_scores, got_rows

    def _faiss_search(
        self, q: np.ndarray, k: int, mask: np.ndarray | None
    ) -> tuple[np.ndarray, np.ndarray]:
        faiss = _faiss()
        bits = None
        selector = None
        if mask is not None:
            bits = np.packbits(mask, bitorder="little")
            selector = faiss.IDSelectorBitmap(len(bits), faiss.swig_ptr(bits))
        if self.kind == "hnsw":
            params: Any = faiss.SearchParametersHNSW()
            params.efSearch = max(self.params.get("ef_search", 64), k)
        elif self.kind == "ivf":
            params = faiss.SearchParametersIVF()
            params.nprobe = self.params.get("nprobe", 1)
        else:
            params = faiss.SearchParameters()
        if selector is not None:
            params.sel = selector
        # omp_set_num_threads is per calling thread in libgomp: restore it for later builds
        before = faiss.omp_get_max_threads()
        faiss.omp_set_num_threads(self.search_threads)
        try:
            scores, rows = self._index.search(q, k, params=params)
        finally:
            faiss.omp_set_num_threads(before)
        del bits  # the selector points into it until the search has finished
        return scores, rows.astype(np.int64, copy=False)

    def _exact(
        self, q: np.ndarray, k: int, mask: np.ndarray | None
    ) -> tuple[np.ndarray, np.ndarray]:
        candidates = np.arange(self.ntotal) if mask is None else np.flatnonzero(mask)
        # einsum runs in this thread; BLAS would start a thread team (slow under contention)
        sims = np.einsum("qd,nd->qn", q, self.vectors[candidates])
        take = min(k, len(candidates))
        scores = np.full((q.shape[0], k), -np.inf, dtype=np.float32)
        rows = np.full((q.shape[0], k), -1, dtype=np.int64)
        top = np.argpartition(-sims, take - 1, axis=1)[:, :take]
        top_sims = np.take_along_axis(sims, top, axis=1)
        order = np.argsort(-top_sims, axis=1, kind="stable")
        scores[:, :take] = np.take_along_axis(top_sims, order, axis=1)
        rows[:, :take] = candidates[np.take_along_axis(top, order, axis=1)]
        return scores, rows

    def _mask(self, allowed: np.ndarray | None) -> np.ndarray | None:
        if allowed is None:
            return None
        allowed = np.asarray(allowed)
        if allowed.dtype == bool:
            if allowed.shape != (self.ntotal,):
                raise VectorIndexError(
                    f"allow-mask has shape {allowed.shape}; expected ({self.ntotal},)"
                )
            return allowed
        mask = np.zeros(self.ntotal, dtype=bool)
        ids = allowed.astype(np.int64, copy=False).ravel()
        if ids.size and (ids.min() < 0 or ids.max() >= self.ntotal):
            raise VectorIndexError(f"allowed row ids must lie in 0..{self.ntotal - 1}")
        mask[ids] = True
        return mask

    def _stored_vectors(self) -> np.ndarray:
        """A zero-copy view of the vectors FAISS stores (flat and HNSW keep them in id order)."""
        faiss = _faiss()
        storage = self._index
        if self.kind == "hnsw":
            storage = faiss.downcast_index(self._index.storage)
        if not isinstance(storage, faiss.IndexFlat):
            raise VectorIndexError(f"{self.kind} index does not keep its vectors; pass them in")
        flat = faiss.rev_swig_ptr(storage.get_xb(), self.ntotal * self.dim)
        return np.asarray(flat).reshape(self.ntotal, self.dim)
