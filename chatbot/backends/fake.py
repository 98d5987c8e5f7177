"""Deterministic fakes shipped with the package, for fast tests and demos."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, ClassVar

from chatbot.registry import Capability

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence
    from typing import Any

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


class FakeChatModel:
    """Scripted chat model: replies in order, records every call, fails loudly when it runs out.

    A reply is a string (streamed word by word), a callable ``messages -> str``, or an
    exception instance (raised when the stream is read). ``max_new_tokens`` is honoured
    as a word budget and ``stop`` strings cut the reply, like a real backend.
    """

    capabilities: ClassVar[frozenset[Capability]] = frozenset({Capability.STREAMING})

    def __init__(
        self,
        replies: Sequence[str | BaseException | Callable[[list[dict[str, str]]], str]] = (),
        *,
        cycle: bool = False,
        name: str = "fake",
    ) -> None:
        self.replies = list(replies)
        self.cycle = cycle
        self.name = name
        self.calls: list[dict[str, Any]] = []  # {"messages", "opts"} per stream() call

    @classmethod
    def canned(cls) -> FakeChatModel:
        """The demo model behind CHATBOT_LLM=fake: one safe sentence per segment, never runs out."""

        def reply(messages: list[dict[str, str]]) -> str:
            prompt = messages[-1]["content"]
            if "would enjoy this" in prompt or "suits someone" in prompt:  # item prompts
                return "It matches what you asked for."
            asked = re.match(r"Introduce (\d+) suggestions for: (.+)$", prompt.strip())
            if asked is not None:  # the lead-in restates the request as the system says it
                return f"Here are {asked.group(1)} {asked.group(2).rstrip('.')}."
            return "Here is what I found for you."

        return cls([reply], cycle=True)

    @classmethod
    def hallucinating(cls, text: str) -> FakeChatModel:
        """A model that always says `text` (e.g. a title or year that is not in the context)."""
        return cls([text], cycle=True, name="fake-hallucinating")

    @property
    def remaining(self) -> int:
        """Scripted replies not used yet."""
        return max(0, len(self.replies) - len(self.calls))

    def stream(self, messages: list[dict[str, str]], **opts: Any) -> Iterator[str]:
        """Stream the next scripted reply."""
        self.calls.append({"messages": [dict(m) for m in messages], "opts": dict(opts)})
        index = len(self.calls) - 1
        if not self.replies or (index >= len(self.replies) and not self.cycle):
            raise AssertionError(
                f"FakeChatModel ran out of replies: call {index + 1}, "
                f"{len(self.replies)} scripted; script more replies"
            )
        return self._words(self.replies[index % len(self.replies)], messages, opts)

    @staticmethod
    def _words(reply: Any, messages: list[dict[str, str]], opts: dict[str, Any]) -> Iterator[str]:
        if isinstance(reply, BaseException):
            raise reply
        text = reply(messages) if callable(reply) else str(reply)
        for stop in opts.get("stop") or ():
            text = text.split(stop, 1)[0]
        import re

        pieces = re.findall(r"\S+\s*", text)
        budget = opts.get("max_new_tokens")
        yield from pieces if budget is None else pieces[: int(budget)]


class FakeBatchChatModel(FakeChatModel):
    """A FakeChatModel that also batches: stream_batch() takes one scripted reply per
    conversation (in row order) and streams the rows' words interleaved, like a real batch,
    with (row, None) when a row's reply has run out."""

    capabilities: ClassVar[frozenset[Capability]] = frozenset(
        {Capability.STREAMING, Capability.BATCHING}
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.batches: list[_FakeBatch] = []  # every stream_batch() result, for inspection

    def stream_batch(self, conversations: list[list[dict[str, str]]], **opts: Any) -> _FakeBatch:
        """One scripted reply per row; a row's exception is raised when its turn comes."""
        self.batches.append(
            _FakeBatch([self.stream(messages, **opts) for messages in conversations])
        )
        return self.batches[-1]


class _FakeBatch:
    def __init__(self, rows: list[Iterator[str]]) -> None:
        self.rows = rows
        self.stopped: set[int] = set()
        self.closed = False
        self.ran_out: set[int] = set()  # rows whose reply ended (not stopped)
        self.emitted = [0] * len(rows)  # deltas yielded per row

    def __iter__(self) -> Iterator[tuple[int, str | None]]:
        live = list(range(len(self.rows)))
        while live and not self.closed:
            for row in list(live):
                if row in self.stopped:
                    live.remove(row)
                    continue
                try:
                    delta = next(self.rows[row])
                except StopIteration:
                    live.remove(row)
                    self.ran_out.add(row)
                    yield row, None
                    continue
                self.emitted[row] += 1
                yield row, delta

    @property
    def exhausted(self) -> bool:
        """Every row's reply ran to its end (none was stopped early)."""
        return len(self.ran_out) == len(self.rows)

    def stop(self, row: int) -> None:
        self.stopped.add(row)

    def close(self) -> None:
        self.closed = True


class FailingChatModel:
    """A chat model that streams `partial` and then fails with BackendError (a mid-stream crash)."""

    capabilities: ClassVar[frozenset[Capability]] = frozenset({Capability.STREAMING})

    def __init__(self, partial: str = "This one is", message: str = "connection reset") -> None:
        self.partial = partial
        self.message = message
        self.name = "fake-failing"
        self.calls = 0

    def stream(self, messages: list[dict[str, str]], **opts: Any) -> Iterator[str]:
        """Yield the partial text word by word, then raise."""
        from chatbot.errors import BackendError

        self.calls += 1
        yield from (w + " " for w in self.partial.split())
        raise BackendError(f"fake backend failed mid-stream: {self.message}")
