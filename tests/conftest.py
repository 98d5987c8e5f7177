"""Shared fixtures. Append new fixtures; keep each one small and documented."""

from __future__ import annotations

from pathlib import Path

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
