"""Every seam in one place: the protocols a backend implements (chatbot.registry names them).

A chat model, an embedder, a vector index (and the builder that makes and loads one) and a
session store. Core modules use these types only; backends under chatbot/backends/ implement
them without importing this module (structural typing).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any, ClassVar, Protocol, runtime_checkable

import numpy as np

from chatbot.registry import Capability

Event = dict[str, Any]  # an event serialised to plain data (see chatbot.events)


@runtime_checkable
class ChatModel(Protocol):
    """A chat LLM: streams text deltas for a list of {"role", "content"} messages.

    Options understood by every backend: max_new_tokens (int), temperature (float, 0 = greedy),
    stop (list of strings). Failures are raised as BackendError. `capabilities` declares what
    it can do beyond streaming (Capability.BATCHING: it is a BatchChatModel). Runtime-checkable:
    make_chat_model refuses a plugin's model that lacks a member.
    """

    name: str
    capabilities: ClassVar[frozenset[Capability]]

    def stream(self, messages: list[dict[str, str]], **opts: Any) -> Iterator[str]: ...


@runtime_checkable
class AdaptedChatModel(Protocol):
    """A chat model that may carry the writer's LoRA adapter (chatbot/writer_training.py):
    `adapter_manifest` is the adapter's manifest (a dict; its "prompt" names the item prompt
    the adapter was trained on), None when none is loaded. The writer checks for it with
    isinstance; a model without the attribute has no adapter."""

    adapter_manifest: Mapping[str, Any] | None


class BatchStream(Protocol):
    """(row, text delta) pairs of several conversations generated together, and (row, None)
    once when a row has ended; stop(row) ends one row early (its sentence is complete),
    close() ends them all."""

    def __iter__(self) -> Iterator[tuple[int, str | None]]: ...

    def stop(self, row: int) -> None: ...

    def close(self) -> None: ...


class BatchChatModel(ChatModel, Protocol):
    """A ChatModel that declares Capability.BATCHING: it generates several conversations in one
    batch (the writer uses it for the item sentences; decoding a batch of three costs about one
    sequence's time on a memory-bound CPU)."""

    def stream_batch(
        self, conversations: list[list[dict[str, str]]], **opts: Any
    ) -> BatchStream: ...


class Embedder(Protocol):
    """Turns texts into L2-normalised float32 vectors, shape (len(texts), dim); `name`
    identifies the model (it is part of the index manifest)."""

    @property
    def name(self) -> str: ...

    @property
    def dim(self) -> int: ...

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...


class VectorIndex(Protocol):
    """Top-k inner-product search over `ntotal` L2-normalised rows of `dim` floats.

    `vectors` are the rows it was built from ((ntotal, dim) float32; MMR and exact fallbacks
    read them), `kind` the index type that built it, `params` its build and search parameters
    (saved in the manifest), `to_bytes()` the serialised index (IndexBuilder.load reads it).
    """

    kind: str
    params: dict[str, int]
    dim: int
    ntotal: int
    vectors: np.ndarray

    def search(
        self, vecs: np.ndarray, k: int, allowed: np.ndarray | None
    ) -> tuple[np.ndarray, np.ndarray]:
        """(scores, rows), each (n_queries, k) padded with -inf / -1; `allowed` is a bool mask
        over rows (None: all rows)."""
        ...

    def to_bytes(self) -> bytes: ...


class IndexBuilder(Protocol):
    """Makes and loads the vector indexes of one kind (a registry `index` backend)."""

    kind: str
    # True when the index keeps its rows (index.vectors shares them); False when loading needs
    # the row vectors passed back in (IVF)
    keeps_vectors: bool

    def build(self, vectors: np.ndarray) -> VectorIndex:
        """Index these rows ((n, dim) float32, L2-normalised)."""
        ...

    def load(
        self, data: bytes, params: Mapping[str, int], vectors: np.ndarray | None
    ) -> VectorIndex:
        """An index from to_bytes() output; VectorIndexError when unreadable."""
        ...


class SessionStore(Protocol):
    """Durable event logs keyed by session id."""

    def load(self, session_id: str) -> list[Event]:
        """All events of a session in order ([] for an unknown or expired session)."""
        ...

    def append(self, session_id: str, events: Sequence[Event]) -> None:
        """Append events atomically (all or none) and refresh the session's expiry."""
        ...

    def delete(self, session_id: str) -> None:
        """Forget a session entirely (its events and its idempotency records)."""
        ...

    def purge_expired(self) -> int:
        """Delete every session idle for longer than the TTL; returns how many were removed."""
        ...

    def check(self) -> None:
        """Raise BackendError unless the store is reachable and writable (readiness probe)."""
        ...

    def idempotent_reply(self, session_id: str, key: str) -> tuple[bool, Event | None]:
        """(seen, stored reply) for an Idempotency-Key: seen is True when a turn was stored with
        this key; the reply is None when the turn landed but its reply was never saved."""
        ...

    def save_idempotent_reply(self, session_id: str, key: str, reply: Event) -> None:
        """Keep the reply of the turn stored under `key` (for a client's retry)."""
        ...
