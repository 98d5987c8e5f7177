"""Retrieval: embed the catalogue, persist a FAISS index, search it with filters and MMR."""

from __future__ import annotations

import hashlib
import io
import json
import logging
import math
import re
import threading
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from chatbot.catalog import Catalog, Item
from chatbot.config import Settings
from chatbot.errors import InputError, VectorIndexError
from chatbot.fileio import atomic_write_bytes
from chatbot.filters import FilterColumns, Filters
from chatbot.protocols import Embedder, IndexBuilder, VectorIndex
from chatbot.registry import Family, registry

log = logging.getLogger(__name__)

MANIFEST_FORMAT = 1
# texts handed to the embedder at once: it sorts them by length, so larger chunks pad less
_EMBED_BATCH = 512
# text vectors kept for reuse beyond the current catalogue's (other catalogues, older versions)
_VECTOR_CACHE_EXTRA = 20_000


@dataclass(frozen=True, eq=False)
class Hit:
    """One retrieved item and its similarity to the query."""

    item: Item
    score: float


def make_embedder(settings: Settings) -> Embedder:
    """The embedder named by settings.embedder (chatbot.registry); ConfigError lists the known
    names."""
    embedder: Embedder = registry().create(Family.EMBEDDER, settings)
    return embedder


def item_text(item: Item) -> str:
    """What gets embedded for an item: title, year, genres, facets, tags, description."""
    parts = [item.label + "."]
    if item.genres:
        parts.append("Genres: " + ", ".join(item.genres) + ".")
    for name, values in sorted(item.facets.items()):
        if values:
            parts.append(f"{name.capitalize()}: {', '.join(values)}.")
    if item.tags:
        parts.append("Tags: " + ", ".join(item.tags) + ".")
    parts.append(item.description)
    return " ".join(parts)


class Retriever:
    """Catalogue embeddings in a vector index: search by text or vector with filters and MMR."""

    def __init__(
        self,
        catalog: Catalog,
        embedder: Embedder,
        index: VectorIndex,
        vectors: np.ndarray,
        *,
        index_type: str = "flat",
        path: Path | None = None,
    ) -> None:
        if vectors.shape != (len(catalog), embedder.dim):
            raise VectorIndexError(
                f"{vectors.shape[0]}x{vectors.shape[1]} vectors for {len(catalog)} items of "
                f"dim {embedder.dim}; rebuild the index with `chatbot index build --force`"
            )
        self.catalog = catalog
        self.embedder = embedder
        self.index = index
        self.vectors = vectors
        self.index_type = index_type
        self.path = path  # the folder the index was saved in (None: not persisted)
        self.built = False  # True when open() had to build the index rather than load it
        self.open_seconds: float | None = None  # how long open() took (None: not opened)
        self._rows = {item.id: row for row, item in enumerate(catalog.items)}
        self._columns: FilterColumns | None = None
        self._masks: dict[tuple[str, ...], np.ndarray] = {}
        self._masks_lock = threading.Lock()  # sessions search from several threads

    @classmethod
    def open(
        cls,
        catalog: Catalog,
        settings: Settings,
        *,
        embedder: Embedder | None = None,
        progress: bool = True,
        force: bool = False,
    ) -> Retriever:
        """Load the saved index when it matches catalogue and embedder, else build and save it.

        The result's ``built`` says which happened and ``open_seconds`` how long it took.
        """
        started = time.perf_counter()
        kind = settings.index_type
        builder: IndexBuilder = registry().create(Family.INDEX, settings)
        embedder = embedder or make_embedder(settings)
        folder = index_folder(settings.index_dir, catalog, embedder)
        store = _IndexFolder(folder, catalog, embedder)
        index, vectors = store.load(builder, force=force)
        if index is None or vectors is None:
            retriever = cls._build(store, builder, progress=progress, vectors=vectors)
        else:
            retriever = cls(catalog, embedder, index, vectors, index_type=kind, path=folder)
        retriever.open_seconds = time.perf_counter() - started
        return retriever

    @classmethod
    def _build(
        cls,
        store: _IndexFolder,
        builder: IndexBuilder,
        *,
        progress: bool,
        vectors: np.ndarray | None,
    ) -> Retriever:
        if vectors is None:
            cache = TextVectorCache(store.folder.parent, store.embedder)
            vectors = embed_items(
                store.catalog.items, store.embedder, progress=progress, cache=cache
            )
            store.save_vectors(vectors)
        index = builder.build(vectors)
        store.save_index(index)
        if builder.keeps_vectors:
            vectors = index.vectors  # flat and HNSW keep the rows: share them, not a second copy
        retriever = cls(
            store.catalog,
            store.embedder,
            index,
            vectors,
            index_type=builder.kind,
            path=store.folder,
        )
        retriever.built = True
        return retriever

    def summary(self) -> str:
        """One line for whoever opened the index: kind, built or loaded, time, size, folder."""
        what = "built" if self.built else "up to date, loaded"
        took = f" in {self.open_seconds:.1f}s" if self.open_seconds is not None else ""
        return (
            f"{self.index_type} index {what}{took}: "
            f"{len(self.catalog)} items, {self.embedder.name} (dim {self.embedder.dim}), "
            f"in {self.path}"
        )

    def __len__(self) -> int:
        return len(self.catalog)

    def embed_query(self, text: str) -> np.ndarray:
        """The query's unit vector, shape (dim,)."""
        if not text or not text.strip():
            raise InputError("empty search query; say what you are looking for")
        return self.embedder.embed([text])[0]

    def item_vector(self, item_id: str) -> np.ndarray:
        """An item's unit vector, shape (dim,); UnknownItemError for ids not in the catalogue."""
        self.catalog.get(item_id)
        return np.array(self.vectors[self._rows[item_id]], dtype=np.float32)

    def allowed_mask(
        self, filters: Filters | None, exclude: Iterable[str] = ()
    ) -> np.ndarray | None:
        """Bool mask of rows that pass the filters and are not excluded (None: every row)."""
        mask = None
        if filters is not None and filters.active:
            key = tuple(filters.to_exprs())
            with self._masks_lock:
                mask = self._masks.get(key)
                if mask is None:
                    if self._columns is None:
                        self._columns = FilterColumns(self.catalog.items)
                    mask = self._columns.mask(filters)
                    mask.flags.writeable = False  # shared by every search with this filter
                    if len(self._masks) >= 64:  # forget the oldest filter
                        self._masks.pop(next(iter(self._masks)))
                    self._masks[key] = mask
        if isinstance(exclude, str):  # one id, not its characters
            exclude = (exclude,)
        rows = [self._rows[i] for i in exclude if i in self._rows]  # ids of other catalogues: no-op
        if rows:
            mask = np.ones(len(self.catalog), dtype=bool) if mask is None else mask.copy()
            mask[rows] = False
        return mask

    def search(
        self,
        query: str | np.ndarray,
        k: int = 10,
        *,
        exclude: Iterable[str] = (),
        filters: Filters | None = None,
        mmr: float = 0.0,
    ) -> list[Hit]:
        """Best k items for a text or vector; never fewer than k when k items pass the filters.

        mmr in 0..1 trades relevance for diversity (0: pure relevance); scores stay similarities.
        """
        if k < 0:
            raise InputError(f"k must be 0 or more, got {k}")
        if not 0.0 <= mmr <= 1.0:
            raise InputError(f"mmr must lie in 0..1, got {mmr}")
        q = self._query_vector(query)
        mask = self.allowed_mask(filters, exclude)
        n_allowed = len(self.catalog) if mask is None else int(np.count_nonzero(mask))
        k = min(k, n_allowed)
        if k == 0:
            return []
        pool = min(n_allowed, max(4 * k, 40)) if mmr > 0 else k
        scores, rows = self.index.search(q[None, :], pool, mask)
        keep = rows[0] >= 0
        scores, rows = scores[0][keep], rows[0][keep]
        if mmr > 0 and len(rows) > k:
            order = mmr_order(self.vectors[rows], scores, k, mmr, relevance_weight=1.0 - mmr)
            scores, rows = scores[order], rows[order]
        return [
            Hit(self.catalog.items[r], float(s)) for s, r in zip(scores[:k], rows[:k], strict=True)
        ]

    def _query_vector(self, query: str | np.ndarray) -> np.ndarray:
        if isinstance(query, str):
            return self.embed_query(query)
        q = np.asarray(query, dtype=np.float32).reshape(-1)
        if q.shape != (self.embedder.dim,):
            raise InputError(
                f"query vector has shape {np.shape(query)}; expected ({self.embedder.dim},)"
            )
        norm = float(np.linalg.norm(q))
        if not math.isfinite(norm) or norm == 0.0:
            raise InputError("query vector is zero or not finite; nothing to search for")
        return q / norm


def mmr_order(
    vecs: np.ndarray,
    relevance: np.ndarray,
    k: int,
    diversity: float,
    *,
    relevance_weight: float = 1.0,
    clip: bool = False,
    seen: np.ndarray | None = None,
) -> np.ndarray:
    """Greedy maximal marginal relevance (Carbonell & Goldstein, SIGIR 1998): the indices of
    min(k, n) rows in pick order, each maximising
    relevance_weight * relevance - diversity * (similarity to the nearest row already picked
    or in `seen`). vecs: (n, dim) unit rows; relevance: (n,); seen: (m, dim) rows that count
    as picked (items shown before); clip: a negative similarity costs nothing (no bonus).
    The first pick pays nothing when there is nothing to be near."""
    n = len(relevance)
    nearest = np.full(n, -np.inf, dtype=np.result_type(relevance.dtype, vecs.dtype))
    for row in () if seen is None else seen:  # one product per row: the picks' own rounding
        nearest = np.maximum(nearest, vecs @ row)
    taken = np.zeros(n, dtype=bool)
    picked: list[int] = []
    for _ in range(min(k, n)):
        similarity = np.where(np.isneginf(nearest), 0.0, nearest)
        if clip:
            similarity = np.clip(similarity, 0.0, None)
        value = relevance_weight * relevance - diversity * similarity
        best = int(np.argmax(np.where(taken, -np.inf, value)))
        taken[best] = True
        picked.append(best)
        nearest = np.maximum(nearest, vecs @ vecs[best])
    return np.array(picked, dtype=np.int64)


def embed_items(
    items: Sequence[Item],
    embedder: Embedder,
    *,
    progress: bool = True,
    cache: TextVectorCache | None = None,
) -> np.ndarray:
    """Embed every item's text (float32, (len(items), dim)), with a progress bar on stderr.

    With a cache, texts embedded before (by this embedder, in any catalogue) are reused: after
    editing one row only that row is embedded. The cache is then updated.
    """
    from tqdm import tqdm

    texts = [item_text(i) for i in items]
    out = np.zeros((len(items), embedder.dim), dtype=np.float32)
    todo = list(range(len(items)))
    keys: list[bytes] = []
    if cache is not None:
        keys = [TextVectorCache.key(t) for t in texts]
        known = cache.load()
        todo = []
        for row, key in enumerate(keys):
            vector = known.get(key)
            if vector is None:
                todo.append(row)
            else:
                out[row] = vector
        if len(todo) < len(items):
            log.info(
                "embedding %d of %d items (%d reused)",
                len(todo),
                len(items),
                len(items) - len(todo),
            )
    with tqdm(total=len(todo), desc="embedding", unit="item", disable=not progress) as bar:
        for start in range(0, len(todo), _EMBED_BATCH):
            rows = todo[start : start + _EMBED_BATCH]
            out[rows] = embedder.embed([texts[r] for r in rows])
            bar.update(len(rows))
    if cache is not None and (todo or not cache.path.exists()):
        cache.save(keys, out)
    return out


class TextVectorCache:
    """Vectors of texts one embedder has embedded, keyed by the text's SHA-256:
    `<index_dir>/text-vectors-<embedder>.npz` (keys (n, 32) uint8, vectors (n, dim) float32).

    Keyed by the embedded text itself, so a row whose text did not change is never embedded
    again, whatever else changed in the catalogue. An unreadable file is ignored (re-embed).
    """

    def __init__(self, index_dir: Path, embedder: Embedder) -> None:
        slug = re.sub(r"[^A-Za-z0-9._-]+", "_", embedder.name).strip("_")[:80]
        self.path = Path(index_dir) / f"text-vectors-{slug}.npz"
        self.dim = embedder.dim
        self._keys: np.ndarray | None = None
        self._vectors: np.ndarray | None = None

    @staticmethod
    def key(text: str) -> bytes:
        return hashlib.sha256(text.encode("utf-8")).digest()

    def load(self) -> dict[bytes, np.ndarray]:
        """{text key: vector} from the file ({} when missing or unusable)."""
        try:
            with np.load(self.path, allow_pickle=False) as data:
                keys, vectors = data["keys"], data["vectors"]
            if keys.shape != (len(vectors), 32) or vectors.shape[1:] != (self.dim,):
                raise ValueError(f"shapes {keys.shape} / {vectors.shape}")
            if vectors.dtype != np.float32:
                raise ValueError(f"dtype {vectors.dtype}")
        except FileNotFoundError:
            return {}
        except (OSError, ValueError, KeyError) as e:
            log.warning("text-vector cache %s is unusable (%s); embedding again", self.path, e)
            return {}
        self._keys, self._vectors = keys, vectors
        return {k.tobytes(): v for k, v in zip(keys, vectors, strict=True)}

    def save(self, keys: Sequence[bytes], vectors: np.ndarray) -> None:
        """Store these vectors, plus up to _VECTOR_CACHE_EXTRA older ones not among them."""
        new_keys = np.frombuffer(b"".join(keys), dtype=np.uint8).reshape(len(keys), 32)
        all_keys, all_vectors = new_keys, np.asarray(vectors, dtype=np.float32)
        if self._keys is not None and self._vectors is not None and len(self._keys):
            current = set(keys)
            old = [i for i, k in enumerate(self._keys) if k.tobytes() not in current]
            old = old[-_VECTOR_CACHE_EXTRA:]
            if old:
                all_keys = np.concatenate([self._keys[old], new_keys])
                all_vectors = np.concatenate([self._vectors[old], all_vectors])
        buf = io.BytesIO()
        np.savez(buf, keys=all_keys, vectors=all_vectors)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(self.path, buf.getvalue())
        except OSError as e:
            log.warning("could not save the text-vector cache %s (%s)", self.path, e)
        self._keys, self._vectors = all_keys, all_vectors


def index_folder(index_dir: Path, catalog: Catalog, embedder: Embedder) -> Path:
    """Where the index for this catalogue and embedder lives: one folder per pair."""
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", embedder.name).strip("_")[:80]
    return Path(index_dir) / f"{catalog.content_hash[:16]}-{slug}"


class _IndexFolder:
    """manifest.json + vectors.npy + index-<type>.faiss; every file is checksummed and atomic."""

    def __init__(self, folder: Path, catalog: Catalog, embedder: Embedder) -> None:
        self.folder = folder
        self.catalog = catalog
        self.embedder = embedder
        self.manifest_path = folder / "manifest.json"

    def load(
        self, builder: IndexBuilder, *, force: bool
    ) -> tuple[VectorIndex | None, np.ndarray | None]:
        """(index, vectors) as far as they are usable; (None, ...) means build the index."""
        if force:
            return None, None
        manifest = self._manifest()
        if manifest is None:
            return None, None
        vectors = None
        kind = builder.kind
        try:
            entry = manifest["indexes"].get(kind)
            if entry is not None and entry.get("vectors_sha256") == manifest["vectors"]["sha256"]:
                return self._load_index(manifest, entry, builder)
        except (VectorIndexError, KeyError, TypeError, ValueError, OSError) as e:
            log.warning("%s index in %s is unusable (%s); rebuilding it", kind, self.folder, e)
        try:
            vectors = self._load_vectors(manifest)
        except (VectorIndexError, KeyError, TypeError, ValueError, OSError) as e:
            log.warning(
                "embeddings in %s are unusable (%s); re-embedding the catalogue", self.folder, e
            )
        return None, vectors

    def _manifest(self) -> dict[str, Any] | None:
        if not self.manifest_path.exists():
            return None
        try:
            manifest = json.loads(self.manifest_path.read_text(encoding="utf-8"))
            expected = self._identity()
            for key, value in expected.items():
                if manifest.get(key) != value:
                    raise VectorIndexError(f"{key} differs from the catalogue/embedder")
            return dict(manifest)
        except (VectorIndexError, ValueError, UnicodeDecodeError, AttributeError) as e:
            log.warning("index manifest %s is unusable (%s); rebuilding", self.manifest_path, e)
            return None

    def _identity(self) -> dict[str, Any]:
        return {
            "format": MANIFEST_FORMAT,
            "catalog_hash": self.catalog.content_hash,
            "embedder": self.embedder.name,
            "dim": self.embedder.dim,
            "count": len(self.catalog),
            "item_ids": [i.id for i in self.catalog.items],
        }

    def _load_vectors(self, manifest: Mapping[str, Any]) -> np.ndarray:
        data = _read_checked(self.folder / "vectors.npy", manifest["vectors"]["sha256"])
        vectors = np.load(io.BytesIO(data), allow_pickle=False)
        if vectors.dtype != np.float32 or vectors.shape != (len(self.catalog), self.embedder.dim):
            raise VectorIndexError(f"vectors.npy holds {vectors.dtype} {vectors.shape}")
        return vectors

    def _load_index(
        self, manifest: Mapping[str, Any], entry: Mapping[str, Any], builder: IndexBuilder
    ) -> tuple[VectorIndex, np.ndarray]:
        data = _read_checked(self.folder / entry["file"], entry["sha256"])
        vectors = None if builder.keeps_vectors else self._load_vectors(manifest)
        index = builder.load(data, entry.get("params", {}), vectors)
        if (index.ntotal, index.dim) != (len(self.catalog), self.embedder.dim):
            raise VectorIndexError(f"index holds {index.ntotal}x{index.dim} vectors")
        return index, index.vectors

    def save_vectors(self, vectors: np.ndarray) -> None:
        """Write vectors.npy and a fresh manifest (drops index entries built from older vectors)."""
        buf = io.BytesIO()
        np.save(buf, vectors, allow_pickle=False)
        data = buf.getvalue()
        manifest = {**self._identity(), "vectors": {"file": "vectors.npy", "sha256": _sha(data)}}
        self._write(manifest, {"vectors.npy": data}, indexes={})

    def save_index(self, index: VectorIndex) -> None:
        """Write index-<kind>.faiss and record it in the manifest."""
        data = index.to_bytes()
        manifest = self._manifest()
        if manifest is None:  # vectors were never saved (e.g. read-only folder); nothing to add to
            return
        name = f"index-{index.kind}.faiss"
        entry = {
            "file": name,
            "sha256": _sha(data),
            "params": index.params,
            "vectors_sha256": manifest["vectors"]["sha256"],
        }
        self._write(
            manifest, {name: data}, indexes={**manifest.get("indexes", {}), index.kind: entry}
        )

    def _write(
        self, manifest: dict[str, Any], files: Mapping[str, bytes], *, indexes: dict[str, Any]
    ) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            for name, data in files.items():
                atomic_write_bytes(self.folder / name, data)
            text = json.dumps({**manifest, "indexes": indexes}, indent=1) + "\n"
            atomic_write_bytes(self.manifest_path, text.encode())
        except OSError as e:
            log.warning(
                "could not save the index in %s (%s); using it from memory only", self.folder, e
            )


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read_checked(path: Path, sha256: str) -> bytes:
    data = path.read_bytes()
    if _sha(data) != sha256:
        raise VectorIndexError(f"{path.name} checksum mismatch (corrupt or partly written)")
    return data
