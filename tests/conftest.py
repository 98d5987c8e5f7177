"""Shared fixtures. Append new fixtures; keep each one small and documented."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from chatbot.catalog import Catalog, load_catalog
from chatbot.config import REPO_ROOT, Settings

BOOKS_PATH = REPO_ROOT / "catalog" / "examples" / "books.jsonl"


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
