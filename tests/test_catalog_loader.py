"""Bring-your-own catalogues: JSONL and mapped CSV; every bad input names file, line, field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from catalog.info import convert_catalog_file
from chatbot.catalog import Item, load_catalog, write_catalog
from chatbot.config import REPO_ROOT
from chatbot.errors import CatalogError

EXAMPLES = REPO_ROOT / "catalog" / "examples"
PRODUCTS_MAP = (
    "id=SKU,title=Product name,description=Blurb,genres=Category,price=Price (EUR),year=Released"
)

GOOD = {"id": "b1", "title": "A Book", "description": "About things."}


def jsonl(path: Path, *rows: object) -> Path:
    path.write_text(
        "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows), encoding="utf-8"
    )
    return path


def load_error(path: Path, **kw: object) -> CatalogError:
    with pytest.raises(CatalogError) as e:
        load_catalog(path, **kw)  # type: ignore[arg-type]
    return e.value


def test_books_example_loads_with_facets(books_catalog) -> None:  # type: ignore[no-untyped-def]
    assert len(books_catalog) == 40
    genres = books_catalog.facet_values("genre")
    assert genres["Science Fiction"] >= 6 and genres["Mystery"] >= 4
    assert books_catalog.facet_values("language")["fr"] >= 3
    space = [i for i in books_catalog if "space exploration" in i.tags]
    assert len(space) >= 3
    assert sum(1 for i in books_catalog if "pages" in i.extra) >= 20
    assert all(i.price is not None and i.year for i in books_catalog)


def test_products_csv_with_mapping() -> None:
    cat = load_catalog(EXAMPLES / "products.csv", mapping=PRODUCTS_MAP)
    kettle = cat.get("kt-100")
    assert kettle.title == "Harbour Kettle"
    assert kettle.genres == ("Kitchen", "Appliances")  # "|" separates list values
    assert kettle.price == 39.9 and kettle.year == 2021
    assert kettle.facet("Colour") == ("Silver", "Black")  # unmapped columns become facets


def test_csv_mapping_naming_an_absent_column(tmp_path: Path) -> None:
    err = load_error(EXAMPLES / "products.csv", mapping="id=SKU,title=Name,description=Blurb")
    assert err.line == 1 and "'Name'" in str(err) and "Product name" in str(err)


def test_csv_without_mapping_needs_our_headers() -> None:
    err = load_error(EXAMPLES / "products.csv")
    assert err.field == "id" and err.line == 2


def test_jsonl_skips_blank_lines_and_keeps_unknown_keys(tmp_path: Path) -> None:
    p = jsonl(tmp_path / "c.jsonl", GOOD, "", {**GOOD, "id": "b2", "mood": ["calm"], "pages": 3})
    cat = load_catalog(p)
    assert cat.get("b2").facet("mood") == ("calm",)
    assert cat.get("b2").extra == {"pages": 3}


def test_malformed_json_row(tmp_path: Path) -> None:
    p = jsonl(tmp_path / "c.jsonl", GOOD, '{"id": "b2", "title": "x",')
    err = load_error(p)
    assert (err.path, err.line) == (str(p), 2)
    assert "c.jsonl line 2" in str(err) and "malformed JSON" in str(err)


@pytest.mark.parametrize(
    ("row", "field", "words"),
    [
        ({"id": "b2", "description": "d"}, "title", "missing"),
        ({"id": "b2", "title": "  ", "description": "d"}, "title", "empty"),
        ({"id": "b2", "title": "t", "description": ""}, "description", "empty"),
        ({"id": "b2", "title": ["t"], "description": "d"}, "title", "must be a string"),
        ({**GOOD, "id": "b2", "year": "nineteen"}, "year", "integer"),
        ({**GOOD, "id": "b2", "year": True}, "year", "boolean"),
        ({**GOOD, "id": "b2", "rating": 11}, "rating", "out of range"),
        ({**GOOD, "id": "b2", "price": "cheap"}, "price", "number"),
        ({**GOOD, "id": "b2", "genres": [1, 2]}, "genres", "list of strings"),
        ({**GOOD, "id": "b2", "facets": ["x"]}, "facets", "object"),
        ({**GOOD, "id": "b2", "facets": {"language": [3]}}, "facets.language", "list of strings"),
        (
            {**GOOD, "id": "b2", "description_composed": "maybe"},
            "description_composed",
            "true or false",
        ),
    ],
)
def test_bad_field_names_file_line_and_field(
    tmp_path: Path, row: dict, field: str, words: str
) -> None:
    p = jsonl(tmp_path / "c.jsonl", GOOD, row)
    err = load_error(p)
    assert (err.path, err.line, err.field) == (str(p), 2, field)
    assert f"line 2: field '{field}'" in str(err)
    assert words in str(err)


def test_description_composed_accepts_csv_style_strings(tmp_path: Path) -> None:
    p = jsonl(tmp_path / "c.jsonl", {**GOOD, "description_composed": "yes"})
    assert load_catalog(p).get("b1").description_composed is True


def test_duplicate_id_names_both_lines(tmp_path: Path) -> None:
    p = jsonl(tmp_path / "c.jsonl", GOOD, {**GOOD, "id": "b2"}, GOOD)
    err = load_error(p)
    assert (err.line, err.field) == (3, "id")
    assert "first seen on line 1" in str(err)


def test_broken_utf8_jsonl_and_csv(tmp_path: Path) -> None:
    p = tmp_path / "c.jsonl"
    p.write_bytes(json.dumps(GOOD).encode() + b"\n" + b'{"id": "b2", "title": "Caf\xe9"}\n')
    err = load_error(p)
    assert err.line == 2 and "UTF-8" in str(err)
    c = tmp_path / "c.csv"
    c.write_bytes(b"id,title,description\nb1,ok,fine\nb2,Caf\xe9,bad\n")
    err = load_error(c)
    assert err.line == 3 and "UTF-8" in str(err)


def test_csv_row_with_extra_fields(tmp_path: Path) -> None:
    c = tmp_path / "c.csv"
    c.write_text("id,title,description\nb1,t,d\nb2,t,d,surplus\n", encoding="utf-8")
    err = load_error(c)
    assert err.line == 3 and "4 fields, header has 3" in str(err)


def test_csv_row_with_missing_fields(tmp_path: Path) -> None:
    c = tmp_path / "c.csv"
    c.write_text("id,title,description,year\nb1,t,d,2001\nb2,t\n", encoding="utf-8")
    err = load_error(c)
    assert (err.line, err.field) == (3, "description")
    assert "fewer fields" in str(err)


def test_csv_empty_required_cell(tmp_path: Path) -> None:
    c = tmp_path / "c.csv"
    c.write_text('id,title,description\nb1,"",d\n', encoding="utf-8")
    err = load_error(c)
    assert (err.line, err.field) == (2, "title") and "empty" in str(err)


def test_empty_missing_and_unknown_format(tmp_path: Path) -> None:
    assert "empty" in str(load_error(jsonl(tmp_path / "e.jsonl", "")))
    assert "not found" in str(load_error(tmp_path / "absent.jsonl"))
    (tmp_path / "c.xml").write_text("<x/>")
    assert ".jsonl or .csv" in str(load_error(tmp_path / "c.xml"))
    assert "JSON object" in str(load_error(jsonl(tmp_path / "l.jsonl", "[1, 2]")))


def test_failed_conversion_leaves_the_old_output_intact(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    convert_catalog_file(jsonl(tmp_path / "good.jsonl", GOOD), out)
    before = out.read_bytes(), (tmp_path / "out.meta.json").read_bytes()
    bad = jsonl(tmp_path / "bad.jsonl", GOOD, {**GOOD, "id": "b2"}, {"id": "b3", "title": "x"})
    with pytest.raises(CatalogError):
        convert_catalog_file(bad, out)
    assert (out.read_bytes(), (tmp_path / "out.meta.json").read_bytes()) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "bad.jsonl",
        "good.jsonl",
        "out.jsonl",
        "out.meta.json",
    ]  # no temp files left behind


def test_write_catalog_rejects_duplicates_before_touching_the_file(tmp_path: Path) -> None:
    out = tmp_path / "c.jsonl"
    write_catalog([Item(id="a", title="A", description="d")], out)
    before = out.read_text()
    dup = [Item(id="x", title="X", description="d"), Item(id="x", title="Y", description="d")]
    with pytest.raises(CatalogError, match="duplicate id 'x'"):
        write_catalog(dup, out)
    assert out.read_text() == before


def test_round_trip_through_write_and_load(tmp_path: Path, books_catalog) -> None:  # type: ignore[no-untyped-def]
    out = write_catalog(books_catalog.items, tmp_path / "books.jsonl", meta={"source": "test"})
    again = load_catalog(out)
    assert again.content_hash == books_catalog.content_hash
    assert again.meta == {"source": "test"}


def test_convert_refuses_to_overwrite_its_input(tmp_path: Path) -> None:
    p = jsonl(tmp_path / "c.jsonl", GOOD)
    with pytest.raises(CatalogError, match="overwrite the input"):
        convert_catalog_file(p, p)
