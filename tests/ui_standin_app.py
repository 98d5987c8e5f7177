"""`python tests/ui_standin_app.py --port N`: the real web UI over the stand-in manager (books,
words streamed with a delay, a slow start), for browser tests of timing-dependent behaviour."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import app  # noqa: E402
from chatbot.catalog import load_catalog  # noqa: E402
from chatbot.config import REPO_ROOT, Settings  # noqa: E402
from chatbot.ui_session import ManagerSource  # noqa: E402
from tests.test_app_standin import StandInManager  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--word-delay", type=float, default=0.15)
    parser.add_argument("--load-delay", type=float, default=2.0)
    parser.add_argument(
        "--load-until",
        type=Path,
        default=None,
        help="finish loading only once this file exists (a test's gate; --load-delay is the "
        "least wait), so a slow machine cannot end the loading state before the test looks",
    )
    args = parser.parse_args()
    settings = Settings.from_env(port=args.port, max_message_chars=300)
    catalog = load_catalog(REPO_ROOT / "catalog" / "examples" / "books.jsonl")
    source = ManagerSource()

    def load(src: ManagerSource) -> StandInManager:
        time.sleep(args.load_delay)  # the page must show that it is loading meanwhile
        deadline = time.monotonic() + 600
        while args.load_until and not args.load_until.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        return StandInManager(catalog, delay_s=args.word_delay)

    source.load_in_background(load)
    demo = app.build_app(source, settings)
    print("serving", flush=True)
    app.serve(demo, settings, block=True)


if __name__ == "__main__":
    main()
