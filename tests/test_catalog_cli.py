"""`chatbot catalog build|info` end to end through chatbot.cli.main."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from chatbot.catalog import load_catalog
from chatbot.cli import main
from chatbot.config import REPO_ROOT

EXAMPLES = REPO_ROOT / "catalog" / "examples"
FIXTURES = Path(__file__).parent / "fixtures"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_books_pipeline_build_then_info_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "books.jsonl"
    code, text, _ = run(
        capsys,
        "catalog",
        "build",
        "--source",
        "file",
        "--input",
        str(EXAMPLES / "books.jsonl"),
        "--out",
        str(out),
    )
    assert code == 0 and "wrote 40 items" in text
    code, text, _ = run(capsys, "--catalog", str(out), "catalog", "info", "--json")
    assert code == 0
    info = json.loads(text)
    assert info["items"] == 40 and info["with_abstract"] == 40
    assert info["coverage"]["year"] == 1.0 and info["coverage"]["genre"] == 1.0
    assert info["coverage"]["runtime"] == 0.0 and info["coverage"]["price"] == 1.0
    assert info["coverage"]["language"] == 1.0
    assert info["top_genres"][0] == ["Science Fiction", 11]
    assert info["source"] == "file: books.jsonl"


def test_info_reads_the_books_example_directly(capsys: pytest.CaptureFixture[str]) -> None:
    code, text, _ = run(capsys, "--catalog", str(EXAMPLES / "books.jsonl"), "catalog", "info")
    assert code == 0
    assert "40 (40 with a real description" in text
    assert "Top genres: Science Fiction (11)" in text
    assert "License: not stated" in text


def test_products_csv_with_map_flag(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "products.jsonl"
    code, _, err = run(
        capsys,
        "catalog",
        "build",
        "--source",
        "file",
        "--input",
        str(EXAMPLES / "products.csv"),
        "--map",
        "id=SKU,title=Product name,description=Blurb,genres=Category,price=Price (EUR)",
        "--out",
        str(out),
    )
    assert code == 0, err
    assert load_catalog(out).get("tn-900").price == 189.0


def test_bad_input_exits_2_with_file_line_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "title": "A", "description": "d"}\n{"id": "b", "title": ""}\n')
    out = tmp_path / "out.jsonl"
    code, _, err = run(
        capsys, "catalog", "build", "--source", "file", "--input", str(bad), "--out", str(out)
    )
    assert code == 2
    assert "bad.jsonl line 2: field 'title'" in err
    assert not out.exists()


def test_omdb_build_and_info_on_the_mini_dump(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "movies.jsonl"
    code, text, _ = run(
        capsys,
        "catalog",
        "build",
        "--omdb-dir",
        str(FIXTURES / "omdb_mini"),
        "--redial-dir",
        str(FIXTURES / "redial_movies_mini"),
        "--out",
        str(out),
    )
    assert code == 0 and "wrote 4 movies" in text
    assert "(2 with an English abstract, 3 linked to ReDial)" in text
    code, text, _ = run(capsys, "--catalog", str(out), "catalog", "info")
    assert code == 0
    assert "omdb.org" in text and "by/2.0/de" in text and "ReDial" in text and "by/4.0" in text
    code, text, _ = run(capsys, "--catalog", str(out), "catalog", "info", "--json")
    info = json.loads(text)
    assert (info["items"], info["with_abstract"], info["with_redial_ids"]) == (4, 2, 3)
    assert info["coverage"]["rating"] == 0.25 and info["coverage"]["mood"] == 0.25


def test_missing_omdb_dir_says_how_to_get_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(
        capsys, "catalog", "build", "--omdb-dir", str(tmp_path), "--out", str(tmp_path / "m.jsonl")
    )
    assert code == 2 and "download_omdb.sh" in err


def test_info_on_a_missing_catalogue(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--catalog", str(tmp_path / "none.jsonl"), "catalog", "info")
    assert code == 2 and "chatbot catalog build" in err
