"""The process-wide torch thread: results, errors, order, nested calls."""

from __future__ import annotations

import threading

import pytest

from chatbot import torch_thread


def test_call_returns_the_result_from_the_torch_thread():
    name = torch_thread.call(lambda: threading.current_thread().name)
    assert name == "torch"
    assert not torch_thread.on_torch_thread()


def test_call_reraises_the_error_in_the_caller():
    def boom() -> None:
        raise ValueError("bad input")

    with pytest.raises(ValueError, match="bad input"):
        torch_thread.call(boom)
    assert torch_thread.call(lambda: 2 + 2) == 4  # the thread survives


def test_nested_call_runs_inline_instead_of_deadlocking():
    assert torch_thread.call(lambda: torch_thread.call(lambda: "inner")) == "inner"


def test_jobs_from_many_threads_run_one_at_a_time_in_order_per_caller():
    running, peak, seen = [0], [0], []
    lock = threading.Lock()

    def job(n: int) -> int:
        with lock:
            running[0] += 1
            peak[0] = max(peak[0], running[0])
        seen.append(n)
        with lock:
            running[0] -= 1
        return n

    results: list[int] = []
    threads = [
        threading.Thread(target=lambda n=n: results.append(torch_thread.call(lambda: job(n))))
        for n in range(8)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == list(range(8)) and sorted(seen) == list(range(8))
    assert peak[0] == 1


def test_batcher_merges_calls_that_queue_up_and_splits_the_results():
    gate = threading.Event()
    torch_thread.submit(gate.wait)  # keep the torch thread busy while callers queue
    seen: list[list[str]] = []

    def upper(texts: list[str]) -> list[str]:
        seen.append(texts)
        return [t.upper() for t in texts]

    batcher = torch_thread.Batcher(upper)
    results: dict[int, object] = {}
    inputs = {n: [f"q{n}a", f"q{n}b"][: 1 + n % 2] for n in range(6)}
    threads = [
        threading.Thread(target=lambda n=n: results.update({n: batcher(inputs[n])}))
        for n in range(6)
    ]
    for t in threads:
        t.start()
    import time

    deadline = time.monotonic() + 10
    while sum(len(p.inputs) for p in batcher._pending) < 9:  # all six are waiting
        if time.monotonic() > deadline:
            gate.set()
            pytest.fail("the callers never queued up")
        time.sleep(0.01)
    gate.set()
    for t in threads:
        t.join()
    assert {n: list(r) for n, r in results.items()} == {
        n: [t.upper() for t in texts] for n, texts in inputs.items()
    }
    assert batcher.batches == 1 and len(seen[0]) == 9


def test_batcher_error_reaches_every_caller_of_the_batch():
    def fail(texts: list[str]) -> list[str]:
        raise RuntimeError("encoder broke")

    batcher = torch_thread.Batcher(fail)
    with pytest.raises(RuntimeError, match="encoder broke"):
        batcher(["x"])
    ok = torch_thread.Batcher(lambda texts: [len(t) for t in texts])
    assert list(ok(["abc", "de"])) == [3, 2]
