"""Concurrent turns with the real local LLM: N users at once through the dialogue manager.

    .venv/bin/python benchmarks/load_test_llm.py                          # 8 users x 3 turns
    .venv/bin/python benchmarks/load_test_llm.py --users 16 --engine transformers
    .venv/bin/python benchmarks/load_test_llm.py --users 8 --engine llamacpp

Every user has its own session and sends its turns back to back (no think time), so all N
turns of a round are in flight together: the worst case for a shared decode loop. Models and
the index load before the clock starts (as `chatbot serve` does before it reports ready).
Prints turn latency p50/p95/p99/max, first-text latency, errors, how many generations the
engine ran side by side, and `uptime` before and after (the machine may be shared). In-process,
without HTTP (benchmarks/load_test.py measures the service; pass it --llm for real models).
Exit code 1 when any turn failed.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from chatbot.config import Settings  # noqa: E402
from chatbot.dialogue import DialogueManager, Reply  # noqa: E402
from chatbot.sessions import MemorySessionStore  # noqa: E402

OPENINGS = [
    "I loved The Matrix and Interstellar",
    "something funny and light for tonight",
    "a dark mystery with a clever detective",
    "a true story about courage",
    "an animated film for the whole family",
    "a French drama, nothing too long",
    "a scary movie from the 80s",
    "a romantic comedy please",
]
FOLLOW_UPS = ["something funnier", "older, please", "not the second one", "more like the first"]


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def make_model(engine: str, settings: Settings) -> Any:
    kind, _, dtype = engine.partition(":")
    if kind == "template":  # no LLM: what the rest of a turn costs (understanding, ranking)
        return None
    if kind == "llamacpp":
        from chatbot.backends.llm_llamacpp import LlamaCppChatModel

        return LlamaCppChatModel(settings)
    if kind == "onnxruntime":
        from chatbot.backends.llm_onnx import OnnxChatModel

        return OnnxChatModel(settings)
    if kind == "transformers":
        from chatbot.backends.llm_transformers import TransformersChatModel

        return TransformersChatModel(settings, dtype=dtype or None)
    raise SystemExit(
        f"unknown engine {engine!r}; use llamacpp, onnxruntime or transformers[:dtype]"
    )


def uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=8)
    parser.add_argument("--turns", type=int, default=3, help="turns per user (default 3)")
    parser.add_argument(
        "--engine",
        default="onnxruntime",
        help="llamacpp | onnxruntime | transformers[:dtype] | template (no LLM)",
    )
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--catalog", help="catalogue (default: settings.catalog_path)")
    args = parser.parse_args()

    settings = Settings.from_env(threads=args.threads, catalog_path=args.catalog or None)
    started = time.perf_counter()
    model = make_model(args.engine, settings)
    if model is None:
        settings = settings.replace(llm="template")
    else:
        model.load()
    manager = DialogueManager.from_settings(settings, store=MemorySessionStore(), chat_model=model)
    manager.respond("warm-up", "a good movie")  # first-use costs (title index, prompts)
    name = model.name if model is not None else "template (no LLM)"
    print(f"engine {name}; ready in {time.perf_counter() - started:.1f} s")
    print(f"before: {uptime()}")

    latencies: list[float] = []
    firsts: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()

    def user(u: int) -> None:
        sid = f"load-{u}"
        texts = [OPENINGS[u % len(OPENINGS)], *FOLLOW_UPS]
        for turn in range(args.turns):
            text = texts[turn % len(texts)]
            start = time.perf_counter()
            first = None
            reply = None
            try:
                for part in manager.stream(sid, text):
                    if isinstance(part, Reply):
                        reply = part
                    elif first is None and part.strip():
                        first = time.perf_counter()
            except Exception as e:  # counted and shown: a load test must not stop at one
                with lock:
                    errors.append(f"user {u} turn {turn}: {type(e).__name__}: {e}")
                continue
            end = time.perf_counter()
            with lock:
                latencies.append(end - start)
                firsts.append((first or end) - start)
                if reply is None or not reply.text.strip():
                    errors.append(f"user {u} turn {turn}: empty reply")

    wall = time.perf_counter()
    threads = [threading.Thread(target=user, args=(u,)) for u in range(args.users)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - wall
    print(f"after:  {uptime()}")
    n = len(latencies)
    print(
        f"{args.users} users x {args.turns} turns: {n} turns in {wall:.1f} s, errors {len(errors)}"
    )
    if n:
        print(
            f"turn latency: p50 {statistics.median(latencies):.2f} s, "
            f"p95 {pct(latencies, 0.95):.2f} s, p99 {pct(latencies, 0.99):.2f} s, "
            f"max {max(latencies):.2f} s"
        )
        print(f"first text: p50 {statistics.median(firsts):.2f} s, p95 {pct(firsts, 0.95):.2f} s")
    scheduler = getattr(model, "scheduler", None)
    if scheduler is not None:
        print(f"generations decoded side by side: up to {scheduler.max_active}")
        if hasattr(scheduler, "prefill_s"):  # the onnxruntime scheduler's own counters
            print(
                f"engine: prefill {scheduler.prefill_s:.1f} s for {scheduler.prefilled} prompt "
                f"tokens ({scheduler.reused} of them from cached prefixes); decode "
                f"{scheduler.decode_s:.1f} s for {scheduler.decoded} tokens in "
                f"{scheduler.steps} steps"
            )
    for e in errors[:10]:
        print("  " + e)
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
