"""Load test: N concurrent simulated users over HTTP against a real `chatbot serve` process.

Each user has its own session, sends messages and feedback on items it was shown, and after
every turn checks that the server-side state holds only its own events (no cross-session
leakage). Prints latency percentiles per request kind, error and violation counts.

    .venv/bin/python benchmarks/load_test.py                       # 50 users, 180 s, fakes
    .venv/bin/python benchmarks/load_test.py --duration 30 --users 20
    .venv/bin/python benchmarks/load_test.py --url http://127.0.0.1:8080   # an existing server

By default it starts `python -m chatbot serve` on a free loopback port with a fresh SQLite file,
the hash embedder and template text (measures the service, not the LLM); pass --llm/--embedder
to load real models. API keys are on: every user sends a key bound to the "load-" session prefix
(with --url, pass --api-key), messages and feedback carry an Idempotency-Key, and now and then a
second tenant's key tries to read a user's session (must be 403). The server's resident memory
is sampled, and `uptime` is printed before and after (the machine may be shared). Exit code 1
when any request failed or any leakage was seen.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

REPO = Path(__file__).resolve().parent.parent
BOOKS = REPO / "catalog" / "examples" / "books.jsonl"
MOVIES = REPO / "var" / "catalog" / "movies.jsonl"
OPENINGS = [
    "I loved a quiet science fiction story about space exploration",
    "something funny and light for tonight",
    "a dark mystery with a clever detective",
    "epic fantasy with dragons and old magic",
    "a true story about courage",
    "romance, but not too sweet",
    "a heist with a twist",
    "something for a rainy Sunday with the kids",
]
FOLLOW_UPS = [
    "more like that",
    "something older please",
    "not horror",
    "shorter ones",
    "surprise me",
    "something darker",
]


@dataclass
class Stats:
    """Latencies per request kind, errors and isolation violations."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: list[str] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)
    turns: int = 0
    replays: int = 0  # replies marked Idempotent-Replayed (a fresh key each time: should be 0)
    foreign_reads: int = 0  # another tenant's key trying this user's session
    rss_kb: list[int] = field(default_factory=list)


@dataclass
class User:
    """What one simulated user did, to check the server's state against."""

    sid: str
    messages: int = 0
    liked: list[str] = field(default_factory=list)
    disliked: list[str] = field(default_factory=list)
    seen: list[str] = field(default_factory=list)
    shown: set[str] = field(default_factory=set)

    def feedback(self, item: str, kind: str) -> None:
        """Mirror the state's semantics: a like undoes a dislike and the other way round."""
        if kind == "seen":
            self.seen.append(item)
            return
        mine, other = (self.liked, self.disliked) if kind == "like" else (self.disliked, self.liked)
        if item in other:
            other.remove(item)
        if item not in mine:
            mine.append(item)


async def run_user(
    http: httpx.AsyncClient,
    user: User,
    stats: Stats,
    deadline: float,
    max_requests: int,
    seed: int,
    other_key: str | None = None,
) -> None:
    rng = random.Random(seed)
    requests = 0

    async def call(kind: str, method: str, path: str, **kw: Any) -> httpx.Response | None:
        nonlocal requests
        requests += 1
        start = time.perf_counter()
        try:
            response = await http.request(method, path, **kw)
        except httpx.HTTPError as e:
            stats.errors.append(f"{kind} {user.sid}: {type(e).__name__}: {e}")
            return None
        stats.latencies[kind].append(time.perf_counter() - start)
        if response.headers.get("idempotent-replayed"):
            stats.replays += 1
        if response.status_code >= 400:
            stats.errors.append(
                f"{kind} {user.sid}: HTTP {response.status_code} {response.text[:200]}"
            )
            return None
        return response

    while time.monotonic() < deadline and requests + 3 <= max_requests:
        text = rng.choice(OPENINGS if user.messages == 0 else OPENINGS + FOLLOW_UPS)
        r = await call(
            "message",
            "POST",
            f"/v1/sessions/{user.sid}/messages",
            json={"text": text},
            headers={"Idempotency-Key": uuid.uuid4().hex},
        )
        if r is None:
            return
        user.messages += 1
        stats.turns += 1
        items = [i["id"] for i in r.json()["items"]]
        user.shown.update(items)
        if items and rng.random() < 0.6:
            item = rng.choice(items)
            kind = rng.choice(["like", "like", "dislike", "seen"])
            body = {"item_id": item, "kind": kind}
            f = await call(
                "feedback",
                "POST",
                f"/v1/sessions/{user.sid}/feedback",
                json=body,
                headers={"Idempotency-Key": uuid.uuid4().hex},
            )
            if f is None:
                return
            user.feedback(item, kind)
            user.shown.update(i["id"] for i in f.json()["items"])
        s = await call("state", "GET", f"/v1/sessions/{user.sid}")
        if s is None:
            return
        check_state(user, s.json(), stats)
        if other_key is not None and rng.random() < 0.1:
            stats.foreign_reads += 1
            peek = await http.get(
                f"/v1/sessions/{user.sid}", headers={"Authorization": f"Bearer {other_key}"}
            )
            if peek.status_code != 403:
                stats.violations.append(f"{user.sid}: another tenant's key got {peek.status_code}")


def check_state(user: User, body: dict[str, Any], stats: Stats) -> None:
    """The server's state for this session must be exactly what this user did."""
    state = body["state"]
    problems = []
    if body.get("session_id") != user.sid:
        problems.append(f"session_id {body.get('session_id')!r}")
    if state["turns"] != user.messages:
        problems.append(f"turns {state['turns']} != {user.messages}")
    # the user's own feedback must all be there (understanding may add likes from its text,
    # e.g. "more like that", so extra likes are not leakage; foreign `shown` items would be)
    counts = state.get("counts", {})
    for name, mine in (("liked", user.liked), ("disliked", user.disliked), ("seen", user.seen)):
        theirs = {x["id"] for x in state[name]}
        if counts.get(name, 0) > len(state[name]):  # a bounded list: compare the full count
            if counts[name] < len(mine):
                problems.append(f"{name} count {counts[name]} < {len(mine)}")
        elif not set(mine) <= theirs:
            problems.append(f"{name} lacks {sorted(set(mine) - theirs)[:5]}")
    foreign = set(state["shown"]) - user.shown
    if foreign:
        problems.append(f"shown items this user never received: {sorted(foreign)[:5]}")
    if problems:
        stats.violations.append(f"{user.sid}: " + "; ".join(problems))


async def run_load(
    url: str,
    users: int,
    duration: float,
    max_requests: int,
    seed: int,
    key: str | None = None,
    other_key: str | None = None,
    server_pid: int | None = None,
) -> tuple[Stats, float]:
    stats = Stats()
    limits = httpx.Limits(max_connections=users, max_keepalive_connections=users)
    run_id = f"{os.getpid()}-{int(time.time())}"
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    async with httpx.AsyncClient(base_url=url, timeout=120, limits=limits, headers=headers) as http:
        # one turn before the clock starts: lazily loaded parts (e.g. the NLP pipeline) load now
        warm = f"/v1/sessions/load-warmup-{run_id}"
        started = time.perf_counter()
        (await http.post(f"{warm}/messages", json={"text": OPENINGS[0]})).raise_for_status()
        print(f"warm-up turn: {time.perf_counter() - started:.1f} s")
        await http.delete(warm)
        start = time.monotonic()
        deadline = start + duration
        tasks = [
            run_user(
                http,
                User(f"load-{run_id}-{u}"),
                stats,
                deadline,
                max_requests,
                seed + u,
                other_key,
            )
            for u in range(users)
        ]
        sampler = asyncio.create_task(sample_rss(server_pid, stats, deadline))
        await asyncio.gather(*tasks)
        sampler.cancel()
    return stats, time.monotonic() - start


async def sample_rss(pid: int | None, stats: Stats, deadline: float) -> None:
    """The server's resident memory every 10 s (Linux /proc), to spot leaks."""
    while pid is not None:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    stats.rss_kb.append(int(line.split()[1]))
        except OSError:
            return
        if time.monotonic() > deadline:
            return
        await asyncio.sleep(10)


def uptime() -> str:
    """The load averages (the machine may be shared with other work)."""
    try:
        return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    except OSError:
        return "uptime unavailable"


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def report(stats: Stats, elapsed: float, users: int) -> None:
    total = sum(len(v) for v in stats.latencies.values())
    print(
        f"\n{users} users, {elapsed:.1f} s, {total} requests ({total / elapsed:.1f}/s), "
        f"{stats.turns} message turns"
    )
    print(f"{'kind':<10}{'n':>7}{'p50 ms':>10}{'p95 ms':>10}{'p99 ms':>10}{'max ms':>10}")
    rows = sorted(stats.latencies.items())
    every = [x for _, v in rows for x in v]
    for kind, values in [*rows, ("all", every)]:
        if values:
            ms = [v * 1000 for v in values]
            print(
                f"{kind:<10}{len(ms):>7}{statistics.median(ms):>10.1f}{percentile(ms, 0.95):>10.1f}"
                f"{percentile(ms, 0.99):>10.1f}{max(ms):>10.1f}"
            )
    print(f"errors: {len(stats.errors)}")
    for e in stats.errors[:10]:
        print("  ", e)
    print(f"isolation violations: {len(stats.violations)}")
    for v in stats.violations[:10]:
        print("  ", v)
    print(
        f"another tenant's key refused: {stats.foreign_reads} tries, idempotent replays: "
        f"{stats.replays}"
    )
    if stats.rss_kb:
        first, last, peak = stats.rss_kb[0], stats.rss_kb[-1], max(stats.rss_kb)
        print(
            f"server RSS: {first / 1024:.0f} MB at start, {last / 1024:.0f} MB at the end, "
            f"peak {peak / 1024:.0f} MB ({len(stats.rss_kb)} samples)"
        )
        print("server RSS every 10 s (MB):", " ".join(f"{kb / 1024:.0f}" for kb in stats.rss_kb))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(
    args: argparse.Namespace, home: Path, keys: str
) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    catalog = Path(args.catalog) if args.catalog else (MOVIES if MOVIES.exists() else BOOKS)
    env = {
        **os.environ,
        "CHATBOT_CATALOG_PATH": str(catalog),
        "CHATBOT_EMBEDDER": args.embedder,
        "CHATBOT_HOME": str(home),
        "CHATBOT_SQLITE_PATH": str(home / "sessions.sqlite3"),
        "CHATBOT_API_KEYS": keys,
    }
    if args.embedder == "hash":  # a throwaway index; real embedders reuse the built one
        env["CHATBOT_INDEX_DIR"] = str(home / "index")
    cmd = [sys.executable, "-m", "chatbot", "serve", "--port", str(port)]
    cmd += ["--store", args.store, "--llm", args.llm]
    print(f"starting: {' '.join(cmd)} (catalog {catalog}, embedder {args.embedder})")
    log = open(home / "server.log", "wb")  # noqa: SIM115 - lives as long as the server
    proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + args.startup_timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"server exited:\n{(home / 'server.log').read_text()[-3000:]}")
        try:
            if httpx.get(url + "/readyz", timeout=1).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    sys.exit(f"server did not become healthy within {args.startup_timeout} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50, help="concurrent simulated users")
    parser.add_argument("--duration", type=float, default=180, help="seconds to run")
    parser.add_argument("--max-requests", type=int, default=300, help="request cap per user")
    parser.add_argument("--url", help="an already running server (else one is started)")
    parser.add_argument("--catalog", help="catalogue for the started server (default movies/books)")
    parser.add_argument("--embedder", default="hash", help="hash | sentence-transformers")
    parser.add_argument(
        "--llm",
        default="template",
        help="template | fake | transformers | llamacpp | onnxruntime | openai",
    )
    parser.add_argument("--store", default="sqlite", choices=["memory", "sqlite", "redis"])
    parser.add_argument("--startup-timeout", type=float, default=300)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--api-key", help="key for --url (bound to 'load-' or to no prefix)")
    parser.add_argument("--no-keys", action="store_true", help="start the server without keys")
    args = parser.parse_args()
    if args.users < 1 or args.duration <= 0 or args.max_requests < 3:
        parser.error("--users >= 1, --duration > 0 and --max-requests >= 3 please")

    proc = None
    key, other_key = args.api_key, None
    if args.url is None and not args.no_keys:
        key, other_key = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    with tempfile.TemporaryDirectory(prefix="chatbot-load-") as tmp:
        url = args.url
        if url is None:
            keys = f"{key}=load-,{other_key}=other-" if key and other_key else ""
            proc, url = start_server(args, Path(tmp), keys)
        print("load before:", uptime())
        try:
            print(f"{args.users} users for {args.duration:.0f} s against {url} ...")
            stats, elapsed = asyncio.run(
                run_load(
                    url,
                    args.users,
                    args.duration,
                    args.max_requests,
                    args.seed,
                    key,
                    other_key,
                    proc.pid if proc is not None else None,
                )
            )
            print("load after:", uptime())
        finally:
            if proc is not None:
                proc.send_signal(signal.SIGTERM)
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    proc.kill()
        report(stats, elapsed, args.users)
    return 1 if stats.errors or stats.violations else 0


if __name__ == "__main__":
    sys.exit(main())
