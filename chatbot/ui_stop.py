"""Stopping a reply: the model's streams end once the session's Stop flag is set.

The web UI's session worker binds its stop flag to the thread that runs a turn; the wrapper
around the chat model raises BackendError at the next token once the flag is set, so the writer
finishes the turn with template text and the turn still returns (and stores) its items.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

from chatbot.errors import BackendError


class StopSignal:
    """The stop flag of the turn the current thread runs (each session worker sets its own)."""

    def __init__(self) -> None:
        self._local = threading.local()

    def bind(self, event: threading.Event | None) -> None:
        """Make `event` the stop flag of this thread's model calls (None: no flag)."""
        self._local.event = event

    def current(self) -> threading.Event | None:
        """This thread's stop flag, if any."""
        return getattr(self._local, "event", None)


class StoppableChatModel:
    """A ChatModel wrapper whose streams end with BackendError once the calling thread's stop
    flag is set: the writer then finishes the turn with template text (no more generation), so
    a stopped turn still returns and stores its items. Everything else is the wrapped model's."""

    def __init__(self, inner: Any, signal: StopSignal) -> None:
        self.inner = inner
        self.signal = signal

    def __getattr__(self, name: str) -> Any:
        if name == "stream_batch":
            batch = self.inner.stream_batch  # AttributeError when the backend cannot batch
            return lambda conversations, **opts: _StoppableBatch(
                batch(conversations, **opts), self.signal.current()
            )
        return getattr(self.inner, name)

    def stream(self, messages: list[dict[str, str]], **opts: Any) -> Iterator[str]:
        """The wrapped stream, cut short (BackendError) when the stop flag is set."""
        stop = self.signal.current()
        _check(stop)
        inner = self.inner.stream(messages, **opts)
        try:
            for delta in inner:
                _check(stop)
                yield delta
        finally:
            close = getattr(inner, "close", None)
            if close is not None:
                close()


class _StoppableBatch:
    def __init__(self, inner: Any, stop: threading.Event | None) -> None:
        self.inner = inner
        self.stop_flag = stop

    def __iter__(self) -> Iterator[tuple[int, str | None]]:
        for event in self.inner:
            if self.stop_flag is not None and self.stop_flag.is_set():
                self.inner.close()
                _check(self.stop_flag)
            yield event

    def stop(self, row: int) -> None:
        self.inner.stop(row)

    def close(self) -> None:
        self.inner.close()


def _check(stop: threading.Event | None) -> None:
    if stop is not None and stop.is_set():
        raise BackendError("stopped by the user")
