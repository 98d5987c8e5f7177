"""Retrieval benchmark: build and reload times, filtered query latency and memory at 3 sizes.

    .venv/bin/python benchmarks/bench_retrieval.py          # full run (15-25 min on 2 cores)
    .venv/bin/python benchmarks/bench_retrieval.py --quick  # small run (about a minute)

Parts (each runs in its own subprocess so that its peak RSS is its own):
  embed   MiniLM throughput on catalogue texts, float32 vs bfloat16 (items/s, cosine between the
          two), the cold build of the whole catalogue with the default embedder (dtype auto),
          and a one-row edit of the catalogue (re-opening embeds only that row).
  movies  the configured movie catalogue (~8k) with the real all-MiniLM-L6-v2: cold build
          (embedding + index + save), warm reload, query latency with filters per index type.
  all     all ~76k omdb movies (`chatbot catalog build --all` into a temp dir); real filters,
          but vectors from a seeded random embedder unless --embed-all (MiniLM on 76k texts
          takes well over 10 min on 2 cores), so the latency is measured, not the relevance.
  random  1M random unit vectors (384-d) straight into FaissIndex, with random allow-masks of
          50% / 10% / 1% / 0.1% selectivity plus 20 excluded rows.
Latency is Retriever.search (or FaissIndex.search) with a precomputed query vector, k=10, the
filter mask cache warm; query embedding is timed separately. "build s" of the first (flat) row
includes embedding the catalogue; hnsw/ivf rows reuse the saved vectors. "disk MB" is vectors.npy
plus that index's file (random part: the serialised index). Figures are printed, not asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from chatbot.catalog import Catalog, load_catalog  # noqa: E402
from chatbot.config import Settings  # noqa: E402
from chatbot.filters import parse_filters  # noqa: E402
from chatbot.retrieval import Retriever  # noqa: E402

FILTER_SETS: list[list[str]] = [
    [],
    ["genre=Drama"],
    ["year>=1990", "year<=1999"],
    ["genre!=Horror", "runtime<=120"],
    ["language=fr"],
    ["rating>=7"],
    ["genre=Science Fiction", "year>=2000"],
]
QUERIES = [
    "space exploration drama",
    "a funny heist with a twist",
    "romantic comedy in paris",
    "gritty crime thriller in new york",
    "animated film for the whole family",
    "slow atmospheric horror in a remote house",
    "war film about friendship",
    "coming of age story in a small town",
]


class RandomEmbedder:
    """Seeded random unit vectors per text: exercises the full pipeline at scale, no relevance."""

    def __init__(self, dim: int = 384) -> None:
        self.dim = dim
        self.name = f"random-unit-{dim}"

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            out[row] = np.random.default_rng(zlib.crc32(text.encode())).standard_normal(self.dim)
        return out / np.linalg.norm(out, axis=1, keepdims=True)


def _rss_mb() -> tuple[float, float]:
    """(current RSS, peak RSS) of this process in MiB."""
    current = 0.0
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                current = int(line.split()[1]) / 1024
    return current, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ms = sorted(s * 1000 for s in samples)
    return statistics.median(ms), ms[min(len(ms) - 1, int(round(0.95 * (len(ms) - 1))))]


def _time_queries(run: Callable[[int], Any], n: int) -> tuple[float, float]:
    for i in range(min(10, n)):  # warm-up: caches, filter masks, page faults
        run(i)
    samples = []
    for i in range(n):
        start = time.perf_counter()
        run(i)
        samples.append(time.perf_counter() - start)
    return _percentiles(samples)


def _catalog_latency(
    retriever: Retriever, query_vecs: np.ndarray, n: int, *, mmr: float = 0.0
) -> tuple[float, float]:
    filters = [parse_filters(f) for f in FILTER_SETS]
    ids = [i.id for i in retriever.catalog.items[:20]]

    def run(i: int) -> Any:
        return retriever.search(
            query_vecs[i % len(query_vecs)],
            k=10,
            filters=filters[i % len(filters)],
            exclude=ids if i % 2 else (),
            mmr=mmr,
        )

    return _time_queries(run, n)


def _mask_ms(retriever: Retriever) -> float:
    """Cost of computing one filter mask from scratch (the cache is per filter, per process)."""
    retriever._masks.clear()
    start = time.perf_counter()
    for f in FILTER_SETS[1:]:
        retriever.allowed_mask(parse_filters(f))
    return (time.perf_counter() - start) * 1000 / (len(FILTER_SETS) - 1)


def part_catalog(
    catalog: Catalog, embedder_factory: Callable[[], Any], label: str, n_queries: int
) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="bench-index-") as tmp:
        for kind in ("flat", "hnsw", "ivf"):
            settings = Settings.from_env({}, index_dir=Path(tmp), index_type=kind)
            embedder = embedder_factory()
            start = time.perf_counter()
            Retriever.open(catalog, settings, embedder=embedder, progress=False)
            build_s = time.perf_counter() - start
            # warm reload: a fresh embedder object (the model is not loaded to reload an index)
            start = time.perf_counter()
            fresh = Catalog(catalog.items)  # no cached content hash: reload pays for hashing
            reloaded = Retriever.open(fresh, settings, embedder=embedder_factory(), progress=False)
            reload_s = time.perf_counter() - start
            assert not reloaded.built, "reload rebuilt the index"
            start = time.perf_counter()
            query_vecs = embedder.embed(QUERIES)
            embed_ms = (time.perf_counter() - start) * 1000 / len(QUERIES)
            p50, p95 = _catalog_latency(reloaded, query_vecs, n_queries)
            _, mmr_p95 = _catalog_latency(reloaded, query_vecs, max(20, n_queries // 4), mmr=0.5)
            folder = reloaded.path
            files = ["vectors.npy", f"index-{kind}.faiss"]  # the folder also holds other kinds
            index_bytes = sum((folder / f).stat().st_size for f in files) if folder else 0
            rows.append(
                {
                    "size": f"{label} {len(catalog):,}",
                    "index": kind,
                    "build_s": build_s,  # the first kind includes embedding; later ones reuse it
                    "reload_s": reload_s,
                    "p50_ms": p50,
                    "p95_ms": p95,
                    "mmr_p95_ms": mmr_p95,
                    "mask_ms": _mask_ms(reloaded),
                    "embed_query_ms": embed_ms,
                    "disk_mb": index_bytes / 2**20,
                    "rss_mb": _rss_mb()[0],
                    "peak_rss_mb": _rss_mb()[1],
                }
            )
            print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
    return rows


def part_random(n: int, n_queries: int, kinds: Sequence[str]) -> list[dict[str, Any]]:
    from chatbot.backends.index_faiss import FaissIndex

    rng = np.random.default_rng(0)
    dim = 384
    vectors = rng.standard_normal((n, dim), dtype=np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    queries = vectors[rng.choice(n, 64, replace=False)] + 0.05 * rng.standard_normal(
        (64, dim), dtype=np.float32
    )
    masks = []
    for share in (0.5, 0.1, 0.01, 0.001):
        mask = rng.random(n) < share
        mask[rng.choice(n, 20, replace=False)] = False  # exclusions
        masks.append(mask)
    rows: list[dict[str, Any]] = []
    params: dict[str, dict[str, int]] = {
        "flat": {},
        "hnsw": {"M": 16, "ef_construction": 40, "ef_search": 64},
        "ivf": {"nlist": 1024, "nprobe": 16},
    }
    for kind in kinds:
        start = time.perf_counter()
        index = FaissIndex.build(vectors, kind, **params[kind])
        build_s = time.perf_counter() - start
        data = index.to_bytes()
        start = time.perf_counter()
        FaissIndex.from_bytes(data, kind, index.params, vectors if kind == "ivf" else None)
        reload_s = time.perf_counter() - start

        def run(i: int, index: Any = index) -> Any:
            return index.search(
                queries[i % len(queries)], 10, masks[i % len(masks)] if i % 5 else None
            )

        p50, p95 = _time_queries(run, n_queries)
        rows.append(
            {
                "size": f"random {n:,}",
                "index": kind,
                "build_s": build_s,
                "reload_s": reload_s,
                "p50_ms": p50,
                "p95_ms": p95,
                "disk_mb": len(data) / 2**20,
                "rss_mb": _rss_mb()[0],
                "peak_rss_mb": _rss_mb()[1],
            }
        )
        print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
        del index, data
    return rows


def _all_catalog(out_dir: Path) -> Path:
    path = out_dir / "all_movies.jsonl"
    cmd = [sys.executable, "-m", "chatbot", "catalog", "build", "--all", "--out", str(path)]
    start = time.perf_counter()
    subprocess.run(cmd, cwd=REPO, check=True, stdout=subprocess.DEVNULL)
    print(f"built the --all catalogue in {time.perf_counter() - start:.0f}s", file=sys.stderr)
    return path


def part_embed(catalog: Catalog, sample: int) -> list[dict[str, Any]]:
    """float32 vs bfloat16 items/s, cold build time, one-row update time (see the docstring)."""
    from dataclasses import replace

    from chatbot.backends.embed_sentence_transformers import SentenceTransformerEmbedder
    from chatbot.retrieval import item_text

    texts = [item_text(i) for i in catalog.items[:sample]]
    row: dict[str, Any] = {"part": "embed", "items": len(catalog), "sample": len(texts)}
    vectors = {}
    for dtype in ("float32", "bfloat16"):
        embedder = SentenceTransformerEmbedder(dtype=dtype)
        embedder.embed(["load the model before the clock starts"])
        start = time.perf_counter()
        vectors[dtype] = embedder.embed(texts)
        row[f"{dtype}_items_s"] = len(texts) / (time.perf_counter() - start)
    cosine = (vectors["float32"] * vectors["bfloat16"]).sum(axis=1)
    row["cosine_min"], row["cosine_mean"] = float(cosine.min()), float(cosine.mean())
    with tempfile.TemporaryDirectory(prefix="bench-embed-") as tmp:
        settings = Settings.from_env({}, index_dir=Path(tmp))
        embedder = SentenceTransformerEmbedder(dtype=settings.embedder_dtype)
        row["default_dtype"] = embedder.dtype
        embedder.embed(["load the model before the clock starts"])
        start = time.perf_counter()
        Retriever.open(catalog, settings, embedder=embedder, progress=False)
        row["cold_build_s"] = time.perf_counter() - start
        items = list(catalog.items)
        middle = len(items) // 2
        items[middle] = replace(items[middle], description=items[middle].description + " (Edited.)")
        counting = _Counting(embedder)
        start = time.perf_counter()
        edited = Retriever.open(Catalog(items), settings, embedder=counting, progress=False)
        row["one_row_update_s"] = time.perf_counter() - start
        row["one_row_embedded"] = counting.calls
        assert edited.built
    print(json.dumps(row), file=sys.stderr, flush=True)
    return [row]


class _Counting:
    def __init__(self, inner: Any) -> None:
        self.inner, self.name, self.dim, self.calls = inner, inner.name, inner.dim, 0

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        self.calls += len(texts)
        return self.inner.embed(texts)


def print_embed(row: dict[str, Any]) -> None:
    print(
        f"MiniLM on {row['sample']} catalogue texts: float32 {row['float32_items_s']:.0f} "
        f"items/s, bfloat16 {row['bfloat16_items_s']:.0f} items/s "
        f"({row['bfloat16_items_s'] / row['float32_items_s']:.2f}x); cosine bf16 vs f32 "
        f"min {row['cosine_min']:.5f}, mean {row['cosine_mean']:.5f}"
    )
    print(
        f"cold build of {row['items']:,} items ({row['default_dtype']}, embed + flat index + "
        f"save): {row['cold_build_s']:.1f} s ({row['items'] / row['cold_build_s']:.0f} items/s)"
    )
    print(
        f"one-row edit: re-open took {row['one_row_update_s']:.2f} s, "
        f"{row['one_row_embedded']} text(s) embedded\n"
    )


def run_part(args: argparse.Namespace) -> list[dict[str, Any]]:
    settings = Settings.from_env()
    if args.part == "embed":
        catalog = load_catalog(settings.catalog_path, mapping=settings.catalog_mapping or None)
        if args.quick:
            catalog = Catalog(catalog.items[:1000])
        return part_embed(catalog, 256 if args.quick else args.embed_sample)
    if args.part == "movies":
        catalog = load_catalog(settings.catalog_path, mapping=settings.catalog_mapping or None)
        if args.quick:
            from chatbot.backends.fake import HashEmbedder

            catalog = Catalog(catalog.items[:2000])
            return part_catalog(catalog, lambda: HashEmbedder(384), "movies[hash]", 100)
        from chatbot.backends.embed_sentence_transformers import SentenceTransformerEmbedder

        model = SentenceTransformerEmbedder()  # shared: reload timing must not load weights
        return part_catalog(catalog, lambda: model, "movies", args.queries)
    if args.part == "all":
        with tempfile.TemporaryDirectory(prefix="bench-all-") as tmp:
            catalog = load_catalog(_all_catalog(Path(tmp)))
        if args.quick:
            catalog = Catalog(catalog.items[:20000])
        if args.embed_all:
            from chatbot.backends.embed_sentence_transformers import SentenceTransformerEmbedder

            model = SentenceTransformerEmbedder()
            return part_catalog(catalog, lambda: model, "all", args.queries)
        return part_catalog(catalog, RandomEmbedder, "all[random]", args.queries)
    return part_random(
        100_000 if args.quick else 1_000_000, args.queries, args.random_kinds.split(",")
    )


def print_table(rows: list[dict[str, Any]]) -> None:
    cols = [
        ("size", "size", "{}"),
        ("index", "index", "{}"),
        ("build_s", "build s", "{:.2f}"),
        ("reload_s", "reload s", "{:.3f}"),
        ("p50_ms", "p50 ms", "{:.2f}"),
        ("p95_ms", "p95 ms", "{:.2f}"),
        ("mmr_p95_ms", "mmr p95", "{:.2f}"),
        ("mask_ms", "mask ms", "{:.2f}"),
        ("embed_query_ms", "embed q ms", "{:.1f}"),
        ("disk_mb", "disk MB", "{:.1f}"),
        ("peak_rss_mb", "peak RSS MB", "{:.0f}"),
    ]
    cells = [[h for _, h, _ in cols]]
    for row in rows:
        cells.append([fmt.format(row[k]) if k in row else "-" for k, _, fmt in cols])
    widths = [max(len(r[i]) for r in cells) for i in range(len(cols))]
    for n, r in enumerate(cells):
        print(
            "  ".join(
                c.rjust(w) if i > 1 else c.ljust(w)
                for i, (c, w) in enumerate(zip(r, widths, strict=True))
            )
        )
        if n == 0:
            print("  ".join("-" * w for w in widths))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, hash/random vectors")
    parser.add_argument("--parts", default="embed,movies,all,random", help="comma list of parts")
    parser.add_argument(
        "--embed-sample", type=int, default=1024, help="texts for float32 vs bfloat16 items/s"
    )
    parser.add_argument("--queries", type=int, default=400, help="timed queries per index")
    parser.add_argument("--embed-all", action="store_true", help="embed the 76k with MiniLM")
    parser.add_argument(
        "--random-kinds",
        default="flat,hnsw,ivf",
        help="index types for the 1M random part (HNSW on 1M takes 5-15 min on 2 cores)",
    )
    parser.add_argument("--part", help=argparse.SUPPRESS)
    parser.add_argument("--json", action="store_true", help="print rows as JSON too")
    args = parser.parse_args(argv)
    if args.part:  # child process: one part, rows as JSON on stdout
        print(json.dumps(run_part(args)))
        return 0
    rows: list[dict[str, Any]] = []
    for part in args.parts.split(","):
        cmd = [sys.executable, __file__, "--part", part, "--queries", str(args.queries)]
        cmd += ["--quick"] if args.quick else []
        cmd += ["--embed-all"] if args.embed_all else []
        cmd += ["--random-kinds", args.random_kinds, "--embed-sample", str(args.embed_sample)]
        start = time.perf_counter()
        done = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, env=os.environ)
        if done.returncode != 0:
            print(f"part {part} failed (exit {done.returncode})", file=sys.stderr)
            continue
        rows += json.loads(done.stdout.strip().splitlines()[-1])
        print(f"part {part}: {time.perf_counter() - start:.0f}s", file=sys.stderr)
    print(
        f"\nretrieval benchmark ({'quick' if args.quick else 'full'}), k=10, {args.queries} queries"
    )
    print(f"cores: {os.cpu_count()}, load average: {os.getloadavg()[0]:.1f}\n")
    for row in rows:
        if row.get("part") == "embed":
            print_embed(row)
    rows = [r for r in rows if r.get("part") != "embed"]
    if rows:
        print_table(rows)
    if args.json:
        print(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
