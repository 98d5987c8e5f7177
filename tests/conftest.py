"""Shared fixtures. Append new fixtures; keep each one small and documented."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from chatbot.catalog import Catalog, load_catalog
from chatbot.config import REPO_ROOT, Settings

BOOKS_PATH = REPO_ROOT / "catalog" / "examples" / "books.jsonl"
# fixtures that read the real movie catalogue under var/ (built by `make setup`)
CATALOG_FIXTURES = frozenset({"movie_settings", "movies_catalog"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that uses the real movie catalogue (directly or through another fixture)
    `catalog`, so `make test-fast` runs on a fresh clone and `make test` runs them after setup."""
    for item in items:
        if CATALOG_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.catalog)


@pytest.fixture(scope="session")
def books_catalog() -> Catalog:
    """The hand-written 40-book example catalogue (bring-your-own-catalogue fixture)."""
    return load_catalog(BOOKS_PATH)


@pytest.fixture(scope="session")
def movie_settings() -> Settings:
    """Default settings: the real omdb catalogue built by `make setup` under var/."""
    return Settings.from_env()


@pytest.fixture(scope="session")
def movies_catalog(movie_settings: Settings) -> Catalog:
    """The real movie catalogue (built by `make setup`)."""
    path = Path(movie_settings.catalog_path)
    if not path.exists():
        pytest.fail(f"{path} is missing: run `make setup` (or `chatbot catalog build`) first")
    return load_catalog(path)


@pytest.fixture(scope="session")
def books_parts(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, Any, Any, Settings]:
    """(catalog, retriever, writer, settings) over the books: HashEmbedder index, template text."""
    from chatbot.generation import ResponseWriter
    from chatbot.retrieval import Retriever

    home = tmp_path_factory.mktemp("books-home")
    settings = Settings.from_env(
        {},
        catalog_path=BOOKS_PATH,
        embedder="hash",
        llm="template",
        store="memory",
        home=home,
        index_dir=home / "index",
        sqlite_path=home / "sessions.sqlite3",
    )
    catalog = load_catalog(BOOKS_PATH)
    retriever = Retriever.open(catalog, settings, progress=False)
    return catalog, retriever, ResponseWriter(None, catalog, settings), settings


@pytest.fixture
def books_manager(books_parts: tuple[Any, Any, Any, Settings]) -> Any:
    """A real DialogueManager over the books with fakes (hash embeddings, template text) and
    a fresh in-memory session store per test."""
    from chatbot.dialogue import DialogueManager
    from chatbot.sessions import MemorySessionStore

    catalog, retriever, writer, settings = books_parts
    return DialogueManager(catalog, retriever, writer, MemorySessionStore(), settings)


@pytest.fixture(scope="session")
def real_embedder() -> Any:
    """The default all-MiniLM-L6-v2 sentence-transformers embedder, loaded once per session."""
    from chatbot.backends.embed_sentence_transformers import SentenceTransformerEmbedder

    embedder = SentenceTransformerEmbedder()
    embedder.embed(["load the model now, not inside the first test"])
    return embedder


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    """A throwaway redis-server on a free loopback port, no persistence, killed at teardown."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.fail("redis-server is not installed: run `make system-deps` (Debian: redis-server)")
    port = _free_port()
    proc = subprocess.Popen(
        [binary, "--save", "", "--appendonly", "no", "--port", str(port), "--bind", "127.0.0.1"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"redis-server did not start on port {port}")
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        proc.kill()
        proc.wait()


@pytest.fixture(scope="session")
def served_chat_model():
    """The LLM `make run` serves (the default backend, onnxruntime), loaded once; slow tests."""
    from chatbot.generation import make_chat_model

    settings = Settings.from_env({}, threads=1)
    assert settings.llm == "onnxruntime"
    model = make_chat_model(settings)
    assert model is not None
    model.warm()
    return model


@pytest.fixture(scope="session")
def real_chat_model():
    """The real SmolLM2-135M GGUF via the transformers backend, loaded once; slow tests only."""
    from chatbot.backends.llm_transformers import TransformersChatModel

    # one thread: on a shared 2-core machine a 2-thread team stalls whenever a core is busy
    model = TransformersChatModel(Settings.from_env({}, llm="transformers", threads=1))
    model.load()
    return model
