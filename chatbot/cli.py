"""The `chatbot` command line: catalogue, index, search, chat, serve, eval."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from chatbot import __version__
from chatbot.config import Settings
from chatbot.errors import ChatbotError
from chatbot.evaluation.understanding import SPLITS as UNDERSTANDING_SPLITS
from chatbot.kinds import FeedbackKind
from chatbot.registry import Family, registry

if TYPE_CHECKING:
    from chatbot.dialogue import DialogueManager, Reply

log = logging.getLogger("chatbot")
_Subcommands = argparse._SubParsersAction  # what add_subparsers returns


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser (subcommands and their flags)."""
    parser = argparse.ArgumentParser(
        prog="chatbot",
        description="Conversational recommender: chat about what you like, get grounded picks.",
    )
    parser.add_argument("--version", action="version", version=f"chatbot {__version__}")
    parser.add_argument(
        "-v", "--verbose", action="count", default=0, help="more log output (-vv: debug)"
    )
    parser.add_argument(
        "--catalog", dest="catalog_path", help="catalogue file (JSONL or CSV) to use"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for add in (
        _add_catalog_commands,
        _add_index_and_search,
        _add_chat_and_serve,
        _add_eval_commands,
        _add_train_commands,
        _add_backends_command,
    ):
        add(sub)
    return parser


def _add_catalog_commands(sub: _Subcommands) -> None:
    """The subcommands for catalogue build and info."""
    # catalog
    cat = sub.add_parser("catalog", help="build and inspect catalogues")
    cat_sub = cat.add_subparsers(dest="catalog_command", metavar="ACTION", required=True)
    build = cat_sub.add_parser("build", help="build the catalogue JSONL from a source")
    build.add_argument(
        "--source", choices=["omdb", "file"], default="omdb", help="where items come from"
    )
    build.add_argument(
        "--omdb-dir", help="folder with the omdb.org CSV dumps (env CHATBOT_OMDB_DIR)"
    )
    build.add_argument("--redial-dir", help="folder with ReDial's movies_with_mentions.csv")
    build.add_argument(
        "--all", action="store_true", help="include all ~76k omdb movies (scale tests)"
    )
    build.add_argument(
        "--input", help="with --source file: your JSONL/CSV catalogue to validate and convert"
    )
    build.add_argument(
        "--map", dest="mapping", help="CSV column mapping: our_field=their_header,..."
    )
    build.add_argument("--out", help="output JSONL (default: the configured catalogue path)")
    info = cat_sub.add_parser("info", help="counts, facet coverage and license of a catalogue")
    info.add_argument("--json", action="store_true", help="machine-readable output")


def _add_index_and_search(sub: _Subcommands) -> None:
    """The subcommands for index build and search."""
    # index
    idx = sub.add_parser("index", help="build or inspect the FAISS index")
    idx_sub = idx.add_subparsers(dest="index_command", metavar="ACTION", required=True)
    ib = idx_sub.add_parser(
        "build", help="embed the catalogue and save the index (skipped when current)"
    )
    ib.add_argument("--force", action="store_true", help="rebuild even when the index is current")
    add_backend_flag(ib, Family.INDEX, "--index-type")
    ib.add_argument(
        "--catalog", dest="catalog_path", default=argparse.SUPPRESS, help="catalogue file to index"
    )

    # search
    search = sub.add_parser("search", help="show what retrieval returns for a query")
    search.add_argument("query", help="free text, e.g. 'space exploration drama'")
    search.add_argument("--k", type=int, default=10, help="how many results")
    search.add_argument(
        "--filter",
        action="append",
        default=[],
        metavar="EXPR",
        help="hard filter, repeatable: genre=Drama, genre!=Horror, year>=1990, year<=1999, "
        "runtime<=120, language=fr, country=FR, rating>=7, price<=20, FACET=VALUE",
    )
    search.add_argument("--mmr", type=float, help="diversity 0..1 (0: none)")
    search.add_argument("--json", action="store_true", help="machine-readable output")


def _add_chat_and_serve(sub: _Subcommands) -> None:
    """The subcommands for the terminal chat and the HTTP API."""
    # chat
    chat = sub.add_parser(
        "chat", help="chat in the terminal (reads one message per line when piped)"
    )
    chat.add_argument("--session", default="terminal", help="session id (default: terminal)")
    add_backend_flag(chat, Family.LLM, "--llm")
    add_backend_flag(chat, Family.STORE, "--store")
    add_backend_flag(chat, Family.EMBEDDER, "--embedder")

    # serve
    serve = sub.add_parser("serve", help="run the HTTP API (FastAPI, OpenAPI docs at /docs)")
    serve.add_argument("--host", help="bind address (default 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port (default 8080)")
    add_backend_flag(serve, Family.STORE, "--store")
    add_backend_flag(serve, Family.LLM, "--llm")
    serve.add_argument(
        "--insecure",
        action="store_true",
        help="allow a non-loopback --host without API keys (only behind a proxy that "
        "authenticates every request)",
    )


def _add_eval_commands(sub: _Subcommands) -> None:
    """The subcommands for eval redial, simulate and understanding."""
    # eval
    ev = sub.add_parser("eval", help="offline and simulated-user evaluation with reports")
    ev_sub = ev.add_subparsers(dest="eval_command", metavar="SUITE", required=True)
    red = ev_sub.add_parser("redial", help="Recall@k on ReDial dialogues (full and new-items-only)")
    red.add_argument("--data", help="ReDial-format JSONL (default: <redial dir>/test_dev.jsonl)")
    red.add_argument(
        "--out", default="eval-out/redial", help="output folder for metrics.json and reports"
    )
    red.add_argument("--limit", type=int, help="only the first N dialogues")
    red.add_argument(
        "--popularity",
        help="mention counts for the most-popular baseline: training JSONL or "
        "movies_with_mentions.csv (default: <redial dir>/train_partial.jsonl)",
    )
    red.add_argument(
        "--systems",
        default="popular,content,handtuned,dialogue,mentioned,dialogue+mentioned",
        help="comma-separated systems to compare (handtuned: without the trained recommender; "
        "mentioned, X+mentioned: evaluation-only rows that copy the conversation's movies "
        "first, what the published 'full' convention rewards)",
    )
    add_backend_flag(red, Family.EMBEDDER, "--embedder")
    red.add_argument(
        "--prefetch",
        action="store_true",
        help="embed all query texts in batches first (faster; latency then excludes embedding)",
    )
    sim = ev_sub.add_parser("simulate", help="simulated users with hidden targets")
    sim.add_argument("--out", default="eval-out/simulate", help="output folder")
    sim.add_argument("--users", type=int, default=100, help="number of simulated users")
    sim.add_argument("--turns", type=int, default=5, help="max turns per user")
    sim.add_argument("--data", help="ReDial-format JSONL to draw targets and openings from")
    add_backend_flag(sim, Family.LLM, "--llm")
    sim.add_argument("--seed", type=int, default=0)
    add_backend_flag(sim, Family.EMBEDDER, "--embedder")
    sim.add_argument(
        "--cold-share",
        type=float,
        default=0.5,
        help="with --data: share of users who start cold with a catalogue-sampled target",
    )
    und = ev_sub.add_parser(
        "understanding", help="accuracy per failure kind on the understanding corpus (issue 12)"
    )
    und.add_argument(
        "--split",
        default="dev",
        choices=(*UNDERSTANDING_SPLITS, "all"),
    )
    und.add_argument("--out", help="output folder (default: eval-out/understanding-<split>)")
    und.add_argument(
        "--catalog", dest="understanding_catalog", metavar="PATH", help="catalogue file to use"
    )
    und.add_argument("--kind", help="only the cases of this failure kind")
    und.add_argument("--show-failures", action="store_true", help="print every failed case")
    add_backend_flag(und, Family.LLM, "--llm", default="template")
    add_backend_flag(und, Family.EMBEDDER, "--embedder")


def _add_train_commands(sub: _Subcommands) -> None:
    """The subcommands for train recommender."""
    # train
    tr = sub.add_parser("train", help="train models from data (see README, Training)")
    tr_sub = tr.add_subparsers(dest="train_command", metavar="MODEL", required=True)
    rec = tr_sub.add_parser(
        "recommender",
        help="learn the recommender from ReDial training dialogues or logged sessions",
    )
    rec.add_argument(
        "--data", help="ReDial-format training JSONL (default: <redial dir>/train_partial.jsonl)"
    )
    rec.add_argument(
        "--from-sessions",
        action="store_true",
        help="learn from the liked/disliked/seen events of the sqlite session store instead",
    )
    rec.add_argument("--out", help="output folder (default: var/recommender/<catalogue name>)")
    rec.add_argument(
        "--holdout", type=float, default=0.1, help="share of dialogues/sessions held out to tune"
    )
    rec.add_argument("--seed", type=int, default=0, help="seed of the hold-out split")
    rec.add_argument("--max-cases", type=int, help="tune on at most N held-out turns (faster)")
    rec.add_argument(
        "--no-popularity-cap",
        action="store_true",
        help="choose the blend by recall alone, even if it recommends popular items more often",
    )
    rec.add_argument(
        "--rank-share",
        type=float,
        default=0.2,
        help="share of dialogues/sessions (after the hold-out) that train the re-ranker",
    )
    rec.add_argument(
        "--max-rank-cases",
        type=int,
        default=1500,
        help="train the re-ranker on at most N turns (default 1500; fewer is faster)",
    )
    rec.add_argument(
        "--no-rerank",
        action="store_true",
        help="no LightGBM re-ranker: blend the EASE score into the hand-tuned score only",
    )
    rec.add_argument(
        "--text",
        action="store_true",
        help="also fit the text-to-item model (what the seeker wrote -> what was recommended; "
        "opt-in: it raised ReDial recall@10 but lowered simulated users' success)",
    )
    rec.add_argument(
        "--catalog",
        dest="catalog_path",
        default=argparse.SUPPRESS,
        help="catalogue file the model is for (default: the configured catalogue)",
    )
    add_backend_flag(rec, Family.EMBEDDER, "--embedder")
    enc = rec.add_argument_group("fine-tuned encoder (opt-in, chatbot/recommender/encoder.py)")
    enc.add_argument(
        "--encoder",
        action="store_true",
        help="fine-tune MiniLM as a dual encoder (context -> recommended movie) and write it to "
        "<model folder>/encoder (the EASE model is left as it is)",
    )
    enc.add_argument("--epochs", type=int, default=3, help="at most N epochs (early-stopped)")
    enc.add_argument(
        "--batch-size", type=int, default=64, help="pairs per batch (in-batch negatives)"
    )
    enc.add_argument("--lr", type=float, default=3e-5, help="AdamW learning rate")
    enc.add_argument(
        "--device", default="auto", help="auto (CUDA when available, else CPU), cpu or cuda"
    )
    enc.add_argument("--max-pairs", type=int, help="fine-tune on at most N pairs (faster on CPU)")
    enc.add_argument("--max-dialogues", type=int, help="only the first N training dialogues")
    enc.add_argument(
        "--eval-items",
        type=int,
        help="early-stop on a corpus of N items, not the whole catalogue (faster on CPU)",
    )
    enc.add_argument(
        "--pairs-only",
        action="store_true",
        help="write the training pairs (encoder/pairs.jsonl.gz) and stop, to fine-tune elsewhere",
    )
    enc.add_argument(
        "--encoder-model",
        help="an already fine-tuned folder (python -m chatbot.recommender.encoder finetune, "
        "e.g. on a GPU machine) instead of fine-tuning here",
    )
    rec.add_argument(
        "--if-missing",
        action="store_true",
        help="skip when the model was built from the same catalogue ids and training data",
    )
    _add_train_writer_command(tr_sub)
    ver = tr_sub.add_parser(
        "verdicts",
        help="fit the verdict classifier understanding asks for predicates its tables lack "
        "('Troy was abysmal'; chatbot/understanding/verdicts.py; writes var/verdicts)",
    )
    ver.add_argument("--out", help="output folder (default: <home>/verdicts)")
    ver.add_argument("--C", type=float, default=4.0, help="inverse L2 strength of the regression")
    ver.add_argument("--seed", type=int, default=0)


def _add_train_writer_command(tr_sub: Any) -> None:
    """train writer: the LoRA adapter for SmolLM2's item sentence (chatbot/writer_training.py)."""
    wr = tr_sub.add_parser(
        "writer",
        help="fine-tune a LoRA adapter for the item sentence on ReDial recommender sentences "
        "(needs the `train` extra; writes var/writer)",
    )
    wr.add_argument(
        "--data", help="ReDial-format training JSONL (default: <redial dir>/train_partial.jsonl)"
    )
    wr.add_argument("--out", help="output folder (default: var/writer)")
    wr.add_argument("--steps", type=int, default=120, help="optimizer steps")
    wr.add_argument("--batch-size", type=int, default=4, help="pairs per step")
    wr.add_argument("--lr", type=float, default=3e-4, help="learning rate")
    wr.add_argument("--rank", type=int, default=8, help="LoRA rank")
    wr.add_argument("--max-length", type=int, default=256, help="tokens per pair (longer: dropped)")
    wr.add_argument("--holdout", type=float, default=0.1, help="share of dialogues held out")
    wr.add_argument("--seed", type=int, default=0)
    wr.add_argument("--threads", type=int, default=2, help="torch CPU threads")
    wr.add_argument(
        "--filter",
        choices=("served", "truthful"),
        default="truthful",
        help="served: only sentences the served check accepts (few); truthful: every truth check "
        "holds, opinions without concrete words allowed",
    )
    wr.add_argument("--max-dialogues", type=int, default=0, help="only the first N dialogues")


def _add_backends_command(sub: _Subcommands) -> None:
    """The backends listing."""
    bk = sub.add_parser("backends", help="list the backends (built-in and plugins) and options")
    bk.add_argument("--json", action="store_true", help="machine-readable output")


def add_backend_flag(
    parser: argparse.ArgumentParser, family: Family, flag: str, **kwargs: Any
) -> None:
    """A --llm/--store/... flag whose choices and help come from the backend registry."""
    reg = registry()
    default = kwargs.get("default") or getattr(Settings(), family.setting)
    parser.add_argument(
        flag,
        choices=reg.names(family),
        metavar="NAME",
        help=f"{family.noun} (default {default}): {reg.help(family)}",
        **kwargs,
    )


def _flags(args: argparse.Namespace, *names: str) -> dict[str, Any]:
    """The parsed flags `names` as keyword arguments of the same names: the commands hand their
    flags on to functions whose parameters are named like them."""
    return {name: getattr(args, name) for name in names}


def configure_logging(level: int) -> None:
    """Send the `chatbot` loggers to stderr at `level`; calling it again replaces, never stacks."""
    for old in [h for h in log.handlers if getattr(h, "_chatbot_cli", False)]:
        log.removeHandler(old)
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    handler._chatbot_cli = True  # type: ignore[attr-defined]
    log.addHandler(handler)
    log.setLevel(level)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the process exit code."""
    args = build_parser().parse_args(argv)
    configure_logging(logging.WARNING - 10 * min(args.verbose, 2))
    try:
        settings = Settings.from_env(catalog_path=args.catalog_path)
        handlers = {
            "catalog": _cmd_catalog,
            "index": _cmd_index,
            "search": _cmd_search,
            "chat": _cmd_chat,
            "serve": _cmd_serve,
            "eval": _cmd_eval,
            "train": _cmd_train,
            "backends": _cmd_backends,
        }
        return handlers[args.command](args, settings)
    except ChatbotError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _cmd_catalog(args: argparse.Namespace, settings: Settings) -> int:
    import json
    from pathlib import Path

    from catalog.info import convert_catalog_file, format_summary, summarize_catalog
    from chatbot.catalog import load_catalog

    if args.catalog_command == "info":
        path = Path(settings.catalog_path)
        catalog = load_catalog(path, mapping=settings.catalog_mapping or None)
        summary = summarize_catalog(catalog, path=path)
        text = json.dumps(summary, indent=2, ensure_ascii=False) if args.json else None
        print(text or format_summary(summary))
        return 0
    if args.source == "file":
        if not args.input:
            print("error: --source file needs --input YOUR_CATALOGUE.jsonl|.csv", file=sys.stderr)
            return 2
        src = Path(args.input)
        out = Path(args.out) if args.out else Path(settings.home) / "catalog" / f"{src.stem}.jsonl"
        mapping = args.mapping or settings.catalog_mapping or None
        cat = convert_catalog_file(src, out, mapping=mapping)
        print(f"wrote {len(cat):,} items to {out}; use it with --catalog {out}")
        return 0
    from catalog.omdb import build_omdb_catalog

    report = build_omdb_catalog(
        Path(args.omdb_dir) if args.omdb_dir else settings.omdb_dir,
        Path(args.redial_dir) if args.redial_dir else settings.redial_dir,
        Path(args.out) if args.out else Path(settings.catalog_path),
        include_all=args.all,
        progress=True,
    )
    print(report.summary())
    return 0


def _cmd_index(args: argparse.Namespace, settings: Settings) -> int:
    from chatbot.catalog import load_catalog
    from chatbot.retrieval import Retriever

    if args.index_type:
        settings = settings.replace(index_type=args.index_type)
    catalog = load_catalog(settings.catalog_path, mapping=settings.catalog_mapping or None)
    retriever = Retriever.open(catalog, settings, progress=True, force=args.force)
    print(retriever.summary())
    return 0


def _cmd_search(args: argparse.Namespace, settings: Settings) -> int:
    import difflib
    import json

    from chatbot.catalog import load_catalog
    from chatbot.errors import InputError
    from chatbot.filters import parse_filters
    from chatbot.retrieval import Retriever

    if args.k < 1:
        raise InputError(f"--k must be at least 1, got {args.k}")
    catalog = load_catalog(settings.catalog_path, mapping=settings.catalog_mapping or None)
    filters = parse_filters(args.filter, facet_names=catalog.facet_names())
    for name, *value_sets in filters.value_constraints():
        present = {v.casefold(): v for v in catalog.facet_values(name)}
        for value in {v.casefold() for values in value_sets for v in values} - present.keys():
            close = difflib.get_close_matches(value, list(present), n=3)
            hint = f"; did you mean {', '.join(present[c] for c in close)}?" if close else ""
            print(f"note: no item has {name} {value!r}{hint}", file=sys.stderr)
    retriever = Retriever.open(catalog, settings, progress=True)
    hits = retriever.search(args.query, args.k, filters=filters, mmr=args.mmr or 0.0)
    if args.json:
        rows = [
            {
                "rank": rank,
                "id": hit.item.id,
                "title": hit.item.title,
                "year": hit.item.year,
                "genres": list(hit.item.genres),
                "score": round(hit.score, 4),
            }
            for rank, hit in enumerate(hits, start=1)
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return 0
    if not hits:
        print("no items match these filters", file=sys.stderr)
        return 1
    width = min(60, max(len(h.item.label) for h in hits))
    for rank, hit in enumerate(hits, start=1):
        label = hit.item.label
        if len(label) > width:
            label = label[: width - 1] + "…"
        genres = ", ".join(hit.item.genres) or "-"
        print(f"{rank:>3}. {label:<{width}}  {hit.score:6.3f}  {genres}")
    return 0


def _cmd_chat(args: argparse.Namespace, settings: Settings) -> int:
    from chatbot.dialogue import DialogueManager

    overrides = {"llm": args.llm, "store": args.store, "embedder": args.embedder}
    settings = settings.replace(**{k: v for k, v in overrides.items() if v})
    tty = sys.stdin.isatty()
    if tty:
        print("Loading the catalogue, the index and the language model...", file=sys.stderr)
    manager = DialogueManager.from_settings(settings)
    chat = _TerminalChat(manager, args.session, tty=tty, out=sys.stdout)
    chat.run(sys.stdin)
    return 0


class _TerminalChat:
    """`chatbot chat`: one message or /command a line; replies stream when on a terminal."""

    HELP = (
        "Tell me what you like ('I loved Alien', 'no horror', 'from the 90s', 'the second one').\n"
        "Commands: /state (what I know)  /forget N (drop belief N)  "
        + "  ".join(f"/{kind} N" for kind in FeedbackKind)
        + "\n"
        "          /reset (start over)  /help  /quit"
    )

    def __init__(self, manager: DialogueManager, session: str, *, tty: bool, out: TextIO) -> None:
        self.manager = manager
        self.sid = session
        self.tty = tty
        self.out = out
        self.last: list[str] = []  # ids of the items listed last, for /like N etc.

    def run(self, lines: TextIO) -> None:
        """Read lines until end of input or /quit; bad input is a notice, never an exit."""
        from chatbot.errors import InputError

        out = self.out
        if self.tty:
            summary = self.manager.state(self.sid).summary()
            print(f"Session {self.sid!r}. {summary}\n{self.HELP}", file=out)
        elif (state := self.manager.state(self.sid)).turns:
            # piped input goes on with a stored session: say so (on stderr, the replies stay
            # clean) and how to start afresh
            print(
                f"Going on with session {self.sid!r} ({state.turns} "
                f"turn{'s' if state.turns != 1 else ''} so far: "
                f"{state.summary()}); --session NAME or /reset starts afresh, --store memory "
                "keeps nothing.",
                file=sys.stderr,
            )
        while True:
            if self.tty:
                out.write("\nyou> ")
                out.flush()
            line = lines.readline()
            if not line:
                break
            line = line.strip()
            if not line:
                continue
            try:
                if line.startswith("/"):
                    if not self.command(line):
                        break
                    continue
                if self.tty:
                    out.write("bot> ")
                self.turn(self.manager.stream(self.sid, line))
            except InputError as e:
                print(f"  ! {e}", file=out)

    def turn(self, parts: Iterator[str | Reply]) -> None:
        """Print a turn's text deltas (on a terminal) and then its reply."""
        streamed = False
        for part in parts:
            if isinstance(part, str):
                if self.tty:
                    self.out.write(part)
                    self.out.flush()
                    streamed = True
            else:
                if streamed:
                    self.out.write("\n")
                self.show(part, streamed)

    def show(self, reply: Reply, streamed: bool) -> None:
        """The reply's text (unless streamed), notices and numbered picks with their reasons."""
        out = self.out
        if not streamed:
            print(reply.text, file=out)
        for notice in reply.notices:
            if notice.strip() not in reply.text:  # the reply already says it: once is enough
                print(f"  ! {notice}", file=out)
        self.last[:] = [r.item.id for r in reply.items]
        for n, rec in enumerate(reply.items, start=1):
            genres = ", ".join(rec.item.genres[:3])
            print(f"  {n}. {rec.item.label}" + (f" · {genres}" if genres else ""), file=out)
            if rec.reasons:
                print(f"     why: {'; '.join(rec.reasons)}", file=out)
        out.flush()

    def command(self, line: str) -> bool:
        """Run one /command; False for /quit."""
        name, _, arg = line[1:].partition(" ")
        out, manager, sid = self.out, self.manager, self.sid
        number = int(arg) - 1 if arg.strip().isdigit() else None
        if name in ("quit", "exit", "q"):
            return False
        if name == "help":
            print(self.HELP, file=out)
        elif name == "reset":
            manager.reset(sid)
            print("Starting over. What are you in the mood for?", file=out)
        elif name == "state":
            state = manager.state(sid)
            print(state.summary(), file=out)
            for n, belief in enumerate(state.beliefs(), start=1):
                print(f"  {n}. {belief.label}", file=out)
        elif name == "forget" and number is not None:
            beliefs = manager.state(sid).beliefs()
            if not 0 <= number < len(beliefs):
                print(f"No belief {arg.strip()}; /state lists them.", file=out)
            else:
                print(manager.remove_belief(sid, beliefs[number].id).summary(), file=out)
        elif name in tuple(FeedbackKind) and number is not None:
            if not 0 <= number < len(self.last):
                print(f"No item {arg.strip()} in the last list.", file=out)
            else:
                self.turn(manager.stream_feedback(sid, self.last[number], name))
        else:
            print(f"Unknown command {line!r}.\n{self.HELP}", file=out)
        return True


def _cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    from chatbot.dialogue import DialogueManager
    from chatbot.server import create_app
    from chatbot.server_auth import ApiKeys, check_exposure
    from chatbot.server_limits import run_server
    from chatbot.sessions import make_store

    settings = settings.replace(
        **{k: v for k, v in {"store": args.store, "llm": args.llm}.items() if v is not None}
    )
    host = args.host or settings.host
    port = args.port or 8080  # settings.port is the web UI's port
    settings = settings.replace(host=host)
    keys = ApiKeys.from_settings(settings)
    check_exposure(host, keys, insecure=args.insecure)  # before minutes of model loading
    manager = DialogueManager.from_settings(settings, store=make_store(settings))
    app = create_app(manager, settings, keys=keys)
    log.warning(
        "serving on http://%s:%d (docs at /docs), store=%s, %s",
        host,
        port,
        settings.store,
        f"{len(keys.keys)} API keys" if keys.enabled else "no API keys",
    )
    run_server(app, settings, host=host, port=port)
    return 0


def _cmd_backends(args: argparse.Namespace, settings: Settings) -> int:
    """Every registered backend by family: capabilities, help and options (env variables)."""
    import json

    rows = [
        {
            "family": str(b.family),
            "name": b.name,
            "selected": getattr(settings, b.family.setting) == b.name,
            "capabilities": sorted(b.capabilities),
            "help": b.help,
            "options": [
                {
                    "env": o.env,
                    "type": o.type,
                    "default": str(o.default),
                    "value": str(getattr(settings, o.setting)),
                    "help": o.help,
                }
                for o in b.option_infos()
            ],
        }
        for b in registry().backends()
    ]
    if args.json:
        print(json.dumps(rows, indent=1, ensure_ascii=False))
        return 0
    for row in rows:
        mark = "*" if row["selected"] else " "
        caps = f" [{', '.join(row['capabilities'])}]" if row["capabilities"] else ""
        print(f"{mark} {row['family']:<9}{row['name']}{caps}: {row['help']}")
        for o in row["options"]:
            print(f"      {o['env']}={o['value']}  ({o['type']}) {o['help']}")
    return 0


def _cmd_train(args: argparse.Namespace, settings: Settings) -> int:
    from pathlib import Path

    from chatbot.recommender.model import model_dir
    from chatbot.recommender.train import is_current, train_recommender

    if args.train_command == "writer":
        return _cmd_train_writer(args, settings)
    if args.train_command == "verdicts":
        return _cmd_train_verdicts(args, settings)
    if args.embedder:
        settings = settings.replace(embedder=args.embedder)
    if args.encoder:
        return _cmd_train_encoder(args, settings)
    folder = Path(args.out) if args.out else model_dir(settings)
    if args.if_missing and not args.from_sessions and is_current(settings, folder, args.data):
        print(f"recommender in {folder} is up to date (drop --if-missing to retrain)")
        return 0
    flags = _flags(args, "data", "from_sessions", "out", "holdout", "seed", "max_cases")
    flags |= _flags(args, "rank_share", "max_rank_cases")
    train_recommender(
        settings,
        popularity_cap=not args.no_popularity_cap,
        rerank=not args.no_rerank,
        text=args.text,
        **flags,
    )
    return 0


def _cmd_train_verdicts(args: argparse.Namespace, settings: Settings) -> int:
    import json
    from pathlib import Path

    from chatbot.understanding.verdicts import train_verdicts

    out = Path(args.out) if args.out else settings.home / "verdicts"
    catalog = settings.catalog_path if Path(settings.catalog_path).is_file() else None
    manifest = train_verdicts(out, catalog_path=catalog, c=args.C, seed=args.seed)
    print(json.dumps({"out": str(out), **manifest["metrics"]}, indent=1))
    return 0


def _cmd_train_writer(args: argparse.Namespace, settings: Settings) -> int:
    import json

    from chatbot.writer_training import TrainSettings, train_writer

    options = TrainSettings(
        steps=args.steps,
        batch_size=args.batch_size,
        lr=args.lr,
        rank=args.rank,
        alpha=2 * args.rank,
        max_length=args.max_length,
        holdout=args.holdout,
        seed=args.seed,
        threads=args.threads,
        filter=args.filter,
        max_dialogues=args.max_dialogues,
    )
    manifest = train_writer(settings, data=args.data, out=args.out, options=options)
    print(json.dumps(manifest["metrics"]))
    return 0


def _cmd_train_encoder(args: argparse.Namespace, settings: Settings) -> int:
    from chatbot.errors import ConfigError
    from chatbot.recommender.encoder import EncoderTrainOptions, train_encoder

    if args.from_sessions:
        raise ConfigError("--encoder learns from ReDial-format dialogues, not --from-sessions")
    flags = _flags(args, "holdout", "seed", "epochs", "batch_size", "lr", "device", "max_pairs")
    flags |= _flags(args, "max_dialogues", "max_cases", "eval_items", "encoder_model", "pairs_only")
    options = EncoderTrainOptions(popularity_cap=not args.no_popularity_cap, **flags)
    train_encoder(settings, data=args.data, out=args.out, options=options)
    return 0


def _cmd_eval(args: argparse.Namespace, settings: Settings) -> int:
    from chatbot.evaluation.run import run_redial, run_simulation

    if args.eval_command == "understanding":
        return _cmd_eval_understanding(args, settings)

    overrides = {"embedder": args.embedder, "llm": getattr(args, "llm", None)}
    settings = settings.replace(**{k: v for k, v in overrides.items() if v})
    if args.eval_command == "redial":
        systems = [s.strip() for s in args.systems.split(",") if s.strip()]
        flags = _flags(args, "data", "out", "limit", "popularity", "prefetch")
        m = run_redial(settings, systems=systems, **flags)
        print(f"{m['cases']} turns, out_of_catalogue {m['out_of_catalogue']:.3f}")
        for conv in ("full", "new_only"):
            for name, r in m[conv].items():
                recalls = "  ".join(f"R@{k} {r[f'recall@{k}']:.3f}" for k in m["ks"])
                print(f"{conv:<9}{name:<10}{recalls}")
    else:
        flags = _flags(args, "users", "turns", "data", "out", "seed", "cold_share")
        m = run_simulation(settings, **flags)
        print(
            f"{m['users']} users: success {m['success_rate']:.3f}, avg turns {m['avg_turns']:.2f}, "
            f"feedback compliance {m['feedback_compliance']:.3f}, "
            f"hallucinated {m['hallucinated_item_rate']:.3f}, "
            f"p50/p95 {m['latency_ms'].get('p50', 0):.0f}/{m['latency_ms'].get('p95', 0):.0f} ms"
        )
    print(f"wrote {args.out}/metrics.json, report.md, report.html")
    return 0


def _cmd_eval_understanding(args: argparse.Namespace, settings: Settings) -> int:
    from chatbot.evaluation.understanding import format_failure, run_understanding

    overrides = {
        "llm": args.llm,
        "embedder": args.embedder,
        "catalog_path": args.understanding_catalog,
        "store": "memory",
    }
    settings = settings.replace(**{k: v for k, v in overrides.items() if v})
    out = args.out or f"eval-out/understanding-{args.split}"
    m = run_understanding(settings, split=args.split, out=out, kind=args.kind)
    if args.show_failures:
        for failure in m["failures"]:
            print(format_failure(failure))
    for kind, v in m["per_kind"].items():
        print(f"{kind:<20} {v['passed']:>4}/{v['cases']:<4} {v['accuracy']:.3f}")
    print(f"{'overall':<20} {m['passed']:>4}/{m['cases']:<4} {m['accuracy']:.3f}")
    print(f"wrote {out}/metrics.json, report.md, report.html")
    return 0
