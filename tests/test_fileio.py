"""One atomic-write helper for every built artefact: owner-only files, all or nothing."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest

from chatbot.catalog import load_catalog, write_catalog
from chatbot.config import Settings
from chatbot.fileio import atomic_write_bytes, atomic_write_text
from chatbot.retrieval import Retriever
from tests.conftest import BOOKS_PATH


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_written_files_are_owner_only_and_replace_the_old_one(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    target.write_text("old")
    os.chmod(target, 0o644)
    atomic_write_text(target, "new ☃")
    assert target.read_text(encoding="utf-8") == "new ☃"
    assert mode(target) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "index.bin"
    target.write_bytes(b"old")

    def fail(*_args: Any) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["index.bin"]


def test_catalogue_and_index_files_are_owner_only(tmp_path: Path) -> None:
    catalog = load_catalog(BOOKS_PATH)
    path = write_catalog(list(catalog), tmp_path / "books.jsonl", meta={"noun": "book"})
    settings = Settings.from_env(
        {}, catalog_path=path, embedder="hash", index_dir=tmp_path / "index", home=tmp_path
    )
    Retriever.open(load_catalog(path), settings, progress=False)
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert {p.name for p in written} >= {"books.jsonl", "books.meta.json", "manifest.json"}
    assert {p.name: mode(p) for p in written} == {p.name: 0o600 for p in written}
