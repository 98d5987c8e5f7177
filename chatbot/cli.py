"""The `chatbot` command line: catalogue, index, search, chat, serve, eval."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from chatbot import __version__
from chatbot.config import Settings
from chatbot.errors import ChatbotError

log = logging.getLogger("chatbot")


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser (subcommands and their flags)."""
    parser = argparse.ArgumentParser(
        prog="chatbot",
        description="Conversational recommender: chat about what you like, get grounded picks.",
    )
    parser.add_argument("--version", action="version", version=f"chatbot {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log output (-vv: debug)")
    parser.add_argument("--catalog", dest="catalog_path", help="catalogue file (JSONL or CSV) to use")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    # catalog
    cat = sub.add_parser("catalog", help="build and inspect catalogues")
    cat_sub = cat.add_subparsers(dest="catalog_command", metavar="ACTION", required=True)
    build = cat_sub.add_parser("build", help="build the catalogue JSONL from a source")
    build.add_argument("--source", choices=["omdb", "file"], default="omdb", help="where items come from")
    build.add_argument("--omdb-dir", help="folder with the omdb.org CSV dumps (env CHATBOT_OMDB_DIR)")
    build.add_argument("--redial-dir", help="folder with ReDial's movies_with_mentions.csv")
    build.add_argument("--all", action="store_true", help="include all ~76k omdb movies (scale tests)")
    build.add_argument("--input", help="with --source file: your JSONL/CSV catalogue to validate and convert")
    build.add_argument("--map", dest="mapping", help="CSV column mapping: our_field=their_header,...")
    build.add_argument("--out", help="output JSONL (default: the configured catalogue path)")
    info = cat_sub.add_parser("info", help="counts, facet coverage and license of a catalogue")
    info.add_argument("--json", action="store_true", help="machine-readable output")

    # index
    idx = sub.add_parser("index", help="build or inspect the FAISS index")
    idx_sub = idx.add_subparsers(dest="index_command", metavar="ACTION", required=True)
    ib = idx_sub.add_parser("build", help="embed the catalogue and save the index (skipped when current)")
    ib.add_argument("--force", action="store_true", help="rebuild even when the index is current")
    ib.add_argument("--index-type", choices=["flat", "hnsw", "ivf"], help="index type (default flat)")

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

    # chat
    chat = sub.add_parser("chat", help="chat in the terminal (reads one message per line when piped)")
    chat.add_argument("--session", default="terminal", help="session id (default: terminal)")
    chat.add_argument("--llm", help="transformers | openai | fake | template")

    # serve
    serve = sub.add_parser("serve", help="run the HTTP API (FastAPI, OpenAPI docs at /docs)")
    serve.add_argument("--host", help="bind address (default 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port (default 8080)")
    serve.add_argument("--store", choices=["memory", "sqlite", "redis"], help="session store")
    serve.add_argument("--llm", help="transformers | openai | fake | template")

    # eval
    ev = sub.add_parser("eval", help="offline and simulated-user evaluation with reports")
    ev_sub = ev.add_subparsers(dest="eval_command", metavar="SUITE", required=True)
    red = ev_sub.add_parser("redial", help="Recall@k on ReDial dialogues (full and new-items-only)")
    red.add_argument("--data", help="ReDial-format JSONL (default: <redial dir>/test_dev.jsonl)")
    red.add_argument("--out", default="eval-out/redial", help="output folder for metrics.json and reports")
    red.add_argument("--limit", type=int, help="only the first N dialogues")
    sim = ev_sub.add_parser("simulate", help="simulated users with hidden targets")
    sim.add_argument("--out", default="eval-out/simulate", help="output folder")
    sim.add_argument("--users", type=int, default=100, help="number of simulated users")
    sim.add_argument("--turns", type=int, default=5, help="max turns per user")
    sim.add_argument("--data", help="ReDial-format JSONL to draw targets and openings from")
    sim.add_argument("--llm", help="transformers | openai | fake | template")
    sim.add_argument("--seed", type=int, default=0)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the process exit code."""
    args = build_parser().parse_args(argv)
    level = logging.WARNING - 10 * min(args.verbose, 2)
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(level)
    try:
        settings = Settings.from_env(catalog_path=args.catalog_path)
        handlers = {
            "catalog": _cmd_catalog,
            "index": _cmd_index,
            "search": _cmd_search,
            "chat": _cmd_chat,
            "serve": _cmd_serve,
            "eval": _cmd_eval,
        }
        return handlers[args.command](args, settings)
    except ChatbotError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _cmd_catalog(args: argparse.Namespace, settings: Settings) -> int:
    raise NotImplementedError  # filled in by the catalogue work (issue 2)


def _cmd_index(args: argparse.Namespace, settings: Settings) -> int:
    raise NotImplementedError  # filled in by the retrieval work (issue 3)


def _cmd_search(args: argparse.Namespace, settings: Settings) -> int:
    raise NotImplementedError  # filled in by the retrieval work (issue 3)


def _cmd_chat(args: argparse.Namespace, settings: Settings) -> int:
    raise NotImplementedError  # filled in by the dialogue work (issue 4)


def _cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    raise NotImplementedError  # filled in by the service work (issue 8)


def _cmd_eval(args: argparse.Namespace, settings: Settings) -> int:
    raise NotImplementedError  # filled in by the evaluation work (issue 7)
