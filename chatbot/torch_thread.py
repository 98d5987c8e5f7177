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
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

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
