"""One thread for all torch work of the process (embedder and local LLM).

On a machine with few cores, torch's OpenMP runtime (libgomp) gives every thread that runs a
parallel op its own team of worker threads. Once more team threads exist than CPUs, libgomp
stops spin-waiting between ops and puts its threads to sleep after each one, and a 135M model
decodes ~1.4x slower (measured 42 vs 60 ms per token in bfloat16 on 2 cores, when the UI's
request threads embed queries while another thread generates). Running every torch call on
this one thread keeps one team, so both the embedder and the LLM keep full speed. Calls are
served in order; a call made from the torch thread itself runs at once (no deadlock).
"""

from __future__ import annotations

import atexit
import queue
import threading
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_jobs: queue.SimpleQueue[Callable[[], None]] = queue.SimpleQueue()
_thread: threading.Thread | None = None
_start_lock = threading.Lock()


class _Stop(Exception):
    """Ends the torch thread (sent at interpreter exit)."""


def _serve() -> None:
    while True:
        try:
            _jobs.get()()
        except _Stop:
            return


def _shutdown() -> None:
    """Let the torch thread finish its queue and end before the interpreter does: a thread
    still inside torch at exit made the C++ runtime abort ("terminate called without an active
    exception", exit status 134) after loading two models."""
    thread = _thread
    if thread is None or not thread.is_alive():
        return

    def stop() -> None:
        raise _Stop

    _jobs.put(stop)
    thread.join(timeout=10)


def on_torch_thread() -> bool:
    """True when called from the torch thread."""
    return threading.current_thread() is _thread


def submit(job: Callable[[], None]) -> None:
    """Queue `job` (it must not raise) to run after the jobs already queued."""
    global _thread
    with _start_lock:
        if _thread is None:
            _thread = threading.Thread(target=_serve, name="torch", daemon=True)
            _thread.start()
            atexit.register(_shutdown)
    _jobs.put(job)


def call(fn: Callable[[], T]) -> T:
    """Run fn() on the torch thread and return its result (or raise its exception)."""
    if on_torch_thread():
        return fn()
    done = threading.Event()
    result: list[T] = []
    error: list[BaseException] = []

    def job() -> None:
        try:
            result.append(fn())
        except BaseException as e:  # re-raised in the calling thread
            error.append(e)
        finally:
            done.set()

    submit(job)
    done.wait()
    if error:
        raise error[0]
    return result[0]


class Batcher(Generic[T, R]):
    """Merges the calls that queue up while the torch thread is busy into one call.

    `fn` maps a list of inputs to a same-length sequence of outputs (an encoder over texts).
    Under load, fifty users' query embeddings cost one batched encode instead of fifty queued
    ones. An error fails every call of that batch (with that error).
    """

    def __init__(self, fn: Callable[[list[T]], Sequence[R]]) -> None:
        self.fn = fn
        self.batches = 0  # calls of fn (tests and benchmarks read it)
        self._pending: list[_Pending[T, R]] = []
        self._lock = threading.Lock()

    def __call__(self, inputs: Sequence[T]) -> Sequence[R]:
        if on_torch_thread():
            return self.fn(list(inputs))
        request: _Pending[T, R] = _Pending(list(inputs))
        with self._lock:
            self._pending.append(request)
            first = len(self._pending) == 1
        if first:  # later callers join this drain until it starts
            submit(self._drain)
        request.done.wait()
        if request.error is not None:
            raise request.error
        return request.result

    def _drain(self) -> None:
        with self._lock:
            batch, self._pending = self._pending, []
        if not batch:
            return
        try:
            outputs = self.fn([x for request in batch for x in request.inputs])
            self.batches += 1
            start = 0
            for request in batch:
                request.result = outputs[start : start + len(request.inputs)]
                start += len(request.inputs)
        except BaseException as e:  # handed to every caller of the batch
            for request in batch:
                request.error = e
        finally:
            for request in batch:
                request.done.set()


class _Pending(Generic[T, R]):
    def __init__(self, inputs: list[T]) -> None:
        self.inputs = inputs
        self.result: Sequence[R] = ()
        self.error: BaseException | None = None
        self.done = threading.Event()
