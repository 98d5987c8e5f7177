"""Benchmark response generation with the local LLM engines on the real movie catalogue.

    .venv/bin/python benchmarks/bench_generation.py            # N=200 replies, 2 threads
    .venv/bin/python benchmarks/bench_generation.py --n 20 --engines onnxruntime,transformers:int8
    .venv/bin/python benchmarks/bench_generation.py --n 20 --engines llamacpp,transformers

Engines: llamacpp (llama.cpp in process via xllamacpp's prebuilt wheel, the GGUF as it is),
onnxruntime (8-bit ONNX converted from the GGUF), transformers[:dtype]; llama.cpp built from
source (llama-cpp-python, when installed) on the same GGUF and prompt as the reference, with a
side-by-side table and the ratio of each engine to it.
Measures: load time, decode tokens/s and model time to first token, writer time to first
streamed (validated) text, end-to-end latency p50/p95 of 3-item replies, peak RSS, and
grounding over N replies: share of replies needing a regeneration or a template fallback,
and mentions of catalogue titles that were not shown in the final replies (must be 0).
Not a timed test: figures depend on the machine and on whatever else is running.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from chatbot.backends.llm_onnx import OnnxChatModel  # noqa: E402
from chatbot.backends.llm_transformers import (  # noqa: E402
    TransformersChatModel,
    resolve_model_source,
)
from chatbot.catalog import Catalog, load_catalog  # noqa: E402
from chatbot.config import Settings  # noqa: E402
from chatbot.evaluation.simulate import TitleSpotter  # noqa: E402
from chatbot.generation import ReplyRequest, ResponseWriter, Written  # noqa: E402
from chatbot.grounding import STOPWORDS  # noqa: E402
from chatbot.ranking import Recommendation  # noqa: E402

REQUESTS = [
    "something {g} for tonight",
    "I'm in the mood for a good {g} film",
    "can you suggest a {g} movie?",
    "a {g} movie my friends would like",
    "show me some {g}",
]
HEADING = re.compile(r"\*\*(.+?)\*\* — ")


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def make_requests(catalog: Catalog, n: int, k: int, seed: int) -> list[ReplyRequest]:
    rng = random.Random(seed)
    by_genre: dict[str, list] = {}
    for item in catalog:
        for genre in item.genres:
            by_genre.setdefault(genre, []).append(item)
    genres = sorted(g for g, items in by_genre.items() if len(items) >= 20)
    out = []
    for _ in range(n):
        genre = rng.choice(genres)
        items = rng.sample(by_genre[genre], k)
        recs = tuple(
            Recommendation(it, 1.0, (f"genre: {genre}", f"matches '{genre.lower()}'"))
            for it in items
        )
        text = rng.choice(REQUESTS).format(g=genre.lower())
        out.append(ReplyRequest("recommend", text, recs, f"likes {genre.lower()}"))
    return out


SPEED_MESSAGES = [{"role": "user", "content": "Tell me a long story about a lighthouse keeper."}]


def decode_speed(model: Any, runs: int = 3) -> tuple[float, float, float]:
    """(tokens/s while decoding, seconds to the first token, the same for the first run) for a
    long free-form answer. The median first token is over repeats of one prompt, whose prefix
    an engine with a prompt cache has kept (llama-cpp-python does, and so do the llamacpp and
    onnxruntime backends); the first run's is a prompt the engine has not seen."""
    messages = SPEED_MESSAGES
    speeds, firsts = [], []
    for _ in range(runs):
        start = time.perf_counter()
        first, text = None, ""
        for delta in model.stream(messages, max_new_tokens=96, temperature=0):
            first = first or time.perf_counter()
            text += delta
        end = time.perf_counter()
        tokens = model.count_tokens(text)
        speeds.append((tokens - 1) / (end - first) if first and end > first else 0.0)
        firsts.append((first or end) - start)
    return statistics.median(speeds), statistics.median(firsts), firsts[0]


def llamacpp_speed(settings: Settings, threads: int, runs: int = 3) -> dict[str, float] | None:
    """Load, first token and decode tokens/s of llama.cpp on the same GGUF and prompt (greedy);
    None when llama-cpp-python is not installed or the model is not a GGUF."""
    try:
        from llama_cpp import Llama
    except ImportError:
        return None
    folder, gguf = resolve_model_source(settings)
    if gguf is None:
        return None
    start = time.perf_counter()
    llm = Llama(str(folder / gguf), n_ctx=2048, n_threads=threads, verbose=False)
    load = time.perf_counter() - start
    speeds, firsts = [], []
    for _ in range(runs):
        start = time.perf_counter()
        first, chunks = None, 0
        for chunk in llm.create_chat_completion(
            SPEED_MESSAGES, max_tokens=96, temperature=0.0, top_k=1, stream=True
        ):
            if chunk["choices"][0]["delta"].get("content"):
                first = first or time.perf_counter()
                chunks += 1
        end = time.perf_counter()
        speeds.append((chunks - 1) / (end - first) if first and end > first else 0.0)
        firsts.append((first or end) - start)
    return {
        "load": load,
        "decode": statistics.median(speeds),
        "first": statistics.median(firsts),
        "cold": firsts[0],
    }


def make_model(engine: str, settings: Settings) -> Any:
    """llamacpp | onnxruntime | transformers[:dtype]."""
    kind, _, dtype = engine.partition(":")
    if kind == "llamacpp":
        from chatbot.backends.llm_llamacpp import LlamaCppChatModel

        return LlamaCppChatModel(settings)
    if kind == "onnxruntime":
        return OnnxChatModel(settings)
    if kind == "transformers":
        return TransformersChatModel(settings, dtype=dtype or None)
    raise SystemExit(
        f"unknown engine {engine!r}; use llamacpp, onnxruntime or transformers[:dtype]"
    )


def strict_mentions(text: str, shown: set[str], titles: dict[str, str]) -> list[str]:
    """Any multi-word catalogue title (any case) outside the headings that was not shown."""
    body = HEADING.sub("", text).lower()
    words = " " + " ".join(re.findall(r"\w+(?:['’]\w+)*", body)) + " "
    return [title for key, title in titles.items() if title not in shown and f" {key} " in words]


def run(args: argparse.Namespace) -> None:
    settings = Settings.from_env(threads=args.threads, catalog_path=args.catalog or None)
    catalog = load_catalog(settings.catalog_path)
    requests = make_requests(catalog, args.n, args.items, args.seed)
    titles = {}
    for item in catalog:
        words = re.findall(r"\w+(?:['’]\w+)*", item.title.lower())
        if len(words) >= 2 and any(w not in STOPWORDS for w in words):
            titles[" ".join(words)] = item.title
    print(f"catalogue: {len(catalog)} items from {settings.catalog_path}")
    print(f"threads: {args.threads}, replies: {args.n} x {args.items} items, seed {args.seed}")
    spotter = TitleSpotter(catalog)
    dump = open(args.dump, "w", encoding="utf-8") if args.dump else None  # noqa: SIM115
    engines = args.engines.split(",")
    speeds: dict[str, dict[str, float]] = {}
    reference = None if args.no_llamacpp else llamacpp_speed(settings, args.threads)
    if reference is not None:
        speeds["llama.cpp"] = reference
    for engine in engines:
        dtype = engine
        start = time.perf_counter()
        model = make_model(engine, settings)
        model.load()
        load = time.perf_counter() - start
        print(
            f"\n== {engine}: {model.name}, batched items {hasattr(model, 'stream_batch')}: "
            f"loaded in {load:.2f} s"
        )
        speed, first, cold = decode_speed(model)
        speeds[engine] = {"load": load, "decode": speed, "first": first, "cold": cold}
        print(
            f"decode: {speed:.1f} tokens/s; model time to first token {first * 1000:.0f} ms "
            f"(a prompt not seen before: {cold * 1000:.0f} ms)"
        )
        writer = ResponseWriter(model, catalog, settings)
        writer.checker.allowed([])  # build the title index before timing
        latencies, firsts = [], []
        regenerated = fell_back = segments = fallback_segments = 0
        hallucinated, checker_flags, strict, llm_tokens = 0, 0, [], 0
        n = args.n if engine == engines[0] else min(args.n, args.compare_n)
        if n == 0:
            continue
        for i, req in enumerate(requests[:n]):
            start = time.perf_counter()
            first_at = None
            written = None
            for part in writer.stream(req):
                if isinstance(part, Written):
                    written = part
                elif first_at is None and part.strip():
                    first_at = time.perf_counter()
            end = time.perf_counter()
            assert written is not None
            latencies.append(end - start)
            firsts.append((first_at or end) - start)
            segs = 1 + len(req.recommendations)
            segments += segs
            fallback_segments += written.fallbacks
            regenerated += written.attempts > segs
            fell_back += written.fell_back
            shown = [r.item for r in req.recommendations]
            assert HEADING.findall(written.text) == [it.label for it in shown], written.text
            allowed = writer.checker.allowed(
                shown, extra=[r for x in req.recommendations for r in x.reasons]
            )
            # the writer's own checker, over the whole reply: flags words of an item's own
            # description that are also titles elsewhere (reported, for review)
            checker_flags += bool(writer.checker.mentioned_titles(written.text, allowed))
            # independent check (the evaluation's TitleSpotter): a catalogue title written
            # as a name that is neither shown nor quoted from the shown items' facts
            grounded = [it.description for it in shown] + [req.user_text, req.state_summary]
            grounded += [r for x in req.recommendations for r in x.reasons]
            found = spotter.unshown(written.text, shown, grounded=grounded)
            hallucinated += bool(found)
            if found:
                print(f"  hallucinated {found} in:\n{written.text}", file=sys.stderr)
            if dump is not None:
                row = {
                    "dtype": dtype,
                    "user_text": req.user_text,
                    "items": [it.id for it in shown],
                    "text": written.text,
                    "attempts": written.attempts,
                    "fallbacks": written.fallbacks,
                    "violations": list(written.violations),
                    "unshown_titles": found,
                    "seconds": round(end - start, 3),
                }
                dump.write(json.dumps(row, ensure_ascii=False) + "\n")
            strict += strict_mentions(written.text, {it.title for it in shown}, titles)
            llm_tokens += model.count_tokens(written.text)
            if args.progress and (i + 1) % args.progress == 0:
                print(
                    f"  [{i + 1}/{n}] p50 {statistics.median(latencies):.2f} s, "
                    f"regenerated {regenerated}, fell back {fell_back}, "
                    f"hallucinated {hallucinated}",
                    file=sys.stderr,
                    flush=True,
                )
            if args.show and i < args.show:
                print(f"--- {req.user_text!r} ({end - start:.1f} s)\n{written.text}")
        print(
            f"writer time to first text: p50 {statistics.median(firsts):.2f} s, "
            f"p95 {pct(firsts, 0.95):.2f} s"
        )
        print(
            f"turn latency ({args.items} items): p50 {statistics.median(latencies):.2f} s, "
            f"p95 {pct(latencies, 0.95):.2f} s, mean {statistics.mean(latencies):.2f} s over {n}"
        )
        print(f"reply text: {llm_tokens / n:.0f} tokens per reply on average")
        print(
            f"grounding: {regenerated / n:.1%} of replies needed a regeneration, "
            f"{fell_back / n:.1%} used template text for at least one segment "
            f"({fallback_segments / segments:.1%} of {segments} segments)"
        )
        print(
            f"hallucinated-item rate in final replies: {hallucinated / n:.1%} ({hallucinated}/{n}; "
            "TitleSpotter: a catalogue title written as a name, not shown, not in the facts)"
        )
        print(
            f"whole-reply grounding-checker flags: {checker_flags}/{n} (a title-word from an "
            "item's own description, e.g. an actor's first name; see --dump)"
        )
        print(
            f"strict check (any-case multi-word title match, needs review): {len(strict)} "
            f"{sorted(set(strict))[:10]}"
        )
        print(f"peak RSS so far: {rss_mb():.0f} MB")
    print_engines(speeds)
    if dump is not None:
        dump.close()
        print(f"replies written to {args.dump}")


def print_engines(speeds: dict[str, dict[str, float]]) -> None:
    """Side-by-side load / first token / decode, with ratios to llama.cpp when it ran."""
    ref = speeds.get("llama.cpp")
    print("\n== engines, same GGUF, same prompt, greedy, 96 new tokens")
    print("(first: median of 3 runs of one prompt, its prefix cached; cold: the first run)")
    head = f"{'engine':<24}{'load s':>8}{'first ms':>10}{'cold ms':>9}{'decode tok/s':>14}"
    print(head + (f"{'decode vs llama.cpp':>21}{'first vs':>10}{'cold vs':>9}" if ref else ""))
    for name, row in speeds.items():
        line = (
            f"{name:<24}{row['load']:>8.2f}{row['first'] * 1000:>10.0f}"
            f"{row['cold'] * 1000:>9.0f}{row['decode']:>14.1f}"
        )
        if ref:
            line += (
                f"{row['decode'] / ref['decode']:>20.2f}x{row['first'] / ref['first']:>9.2f}x"
                f"{row['cold'] / ref['cold']:>8.2f}x"
            )
        print(line)
    if not ref:
        print(
            "(llama.cpp not installed: `pip install llama-cpp-python==0.3.36` builds it from "
            "source, ~10 min on 2 cores; reference figures in the README)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=200, help="replies to generate (default 200)")
    parser.add_argument("--items", type=int, default=3, help="items per reply (default 3)")
    parser.add_argument("--threads", type=int, default=2, help="torch threads (default 2)")
    parser.add_argument(
        "--engines",
        default="onnxruntime,transformers",
        help="comma list of llamacpp, onnxruntime, transformers[:auto|float32|bfloat16|int8]; "
        "the first "
        "gets --n replies, the others --compare-n (default onnxruntime,transformers)",
    )
    parser.add_argument("--compare-n", type=int, default=20, help="replies for other engines")
    parser.add_argument("--no-llamacpp", action="store_true", help="skip the llama.cpp reference")
    parser.add_argument("--catalog", help="catalogue file (default: settings.catalog_path)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--show", type=int, default=0, help="print the first N replies")
    parser.add_argument("--progress", type=int, default=25, help="progress line every N replies")
    parser.add_argument("--dump", help="write every reply as JSON lines to this file")
    run(parser.parse_args())


if __name__ == "__main__":
    main()
