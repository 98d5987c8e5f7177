"""Reading a local LLM backend's generation threads: one row's queue, or several rows merged.

The llama.cpp and ONNX Runtime backends run each generation in a worker that puts text deltas
on a `queue.Queue`, then `None` when it ends (or an exception when it fails); the reader waits
at most `timeout` seconds for each. Both share these readers (the transformers backend's own
streamer raises `queue.Empty` itself and uses only `silent_for`).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator

from chatbot.errors import BackendError

# what a generation worker puts on its queue: a text delta, None at the end, or its failure
Delta = str | None | BaseException


def silent_for(timeout: float) -> BackendError:
    """The error for a model that produced nothing for `timeout` seconds."""
    return BackendError(
        f"the LLM produced nothing for {timeout:g} s (busy or stuck); "
        "raise CHATBOT_LLM_TIMEOUT_S or use a smaller model"
    )


def queued_deltas(
    events: queue.Queue[Delta], timeout: float, cancelled: threading.Event
) -> Iterator[str]:
    """One row's text deltas until its `None`; its exception is raised; BackendError (and
    `cancelled` set) when nothing arrives for `timeout` seconds."""
    while True:
        try:
            event = events.get(timeout=timeout)
        except queue.Empty:
            cancelled.set()
            raise silent_for(timeout) from None
        if event is None:
            return
        if isinstance(event, BaseException):
            raise event
        yield event


class MergedBatch:
    """A BatchStream over rows that generate side by side, one queue each (`add` them in row
    order): iterating gives (row, delta), and (row, None) once per row; a stopped row's deltas
    are dropped; the first row failure is raised once every row has ended."""

    def __init__(self, timeout: float, *, thread_name: str = "llm-batch") -> None:
        self.timeout = timeout
        self.thread_name = thread_name
        self.stopped: list[bool] = []
        self._cancel: list[threading.Event] = []
        self._merged: queue.Queue[tuple[int, Delta]] = queue.Queue()
        self._left = 0

    def add(self, events: queue.Queue[Delta], cancel: threading.Event) -> None:
        """The next row: its queue, and the event that cancels its generation."""
        row = len(self._cancel)
        self._cancel.append(cancel)
        self.stopped.append(False)
        self._left += 1

        def pump() -> None:
            while True:
                event = events.get()
                self._merged.put((row, event))
                if event is None:
                    return

        threading.Thread(target=pump, name=self.thread_name, daemon=True).start()

    def __iter__(self) -> Iterator[tuple[int, str | None]]:
        failure: BaseException | None = None
        while self._left:
            try:
                row, event = self._merged.get(timeout=self.timeout)
            except queue.Empty:
                self.close()
                raise silent_for(self.timeout) from None
            if isinstance(event, BaseException):
                failure = failure or event
                continue
            if event is None:
                self._left -= 1
            if not self.stopped[row]:
                yield row, event
        if failure is not None:
            raise failure

    def stop(self, row: int) -> None:
        """Row `row` generates no more (the others go on)."""
        self.stopped[row] = True
        self._cancel[row].set()

    def close(self) -> None:
        """Stop every row."""
        for row in range(len(self._cancel)):
            self.stop(row)
