"""Catalogue schema, loading (JSONL or CSV, with header mapping), validation and atomic writing."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import math
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from chatbot.errors import CatalogError, UnknownItemError
from chatbot.fileio import atomic_write_text  # re-exported: the reports write with it

REQUIRED_FIELDS = ("id", "title", "description")
# Known scalar/list fields; any other key becomes a facet (strings) or goes to `extra`.
LIST_FIELDS = ("genres", "tags")
CSV_LIST_SEPARATOR = "|"
KNOWN_FIELDS = (
    *REQUIRED_FIELDS,
    "year",
    "genres",
    "facets",
    "runtime",
    "rating",
    "votes",
    "price",
    "url",
    "image",
    "trailer_url",
    "tags",
    "description_composed",
    "extra",
)


@dataclass(frozen=True, eq=False)
class Item:
    """One recommendable thing (a movie, a book, a product)."""

    id: str
    title: str
    description: str
    year: int | None = None
    genres: tuple[str, ...] = ()
    # other user-facing facets, e.g. style, audience, standing, source, production, country,
    # language
    facets: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    runtime: int | None = None  # minutes
    rating: float | None = None  # 0..10
    votes: int = 0
    price: float | None = None
    url: str | None = None
    image: str | None = None
    trailer_url: str | None = None
    tags: tuple[str, ...] = ()
    description_composed: bool = False  # True when built from facets (no real synopsis)
    extra: Mapping[str, Any] = field(default_factory=dict)  # e.g. redial_ids, original_title

    @property
    def label(self) -> str:
        """Title with year, as users see it: 'Inception (2010)'."""
        return f"{self.title} ({self.year})" if self.year else self.title

    def facet(self, name: str) -> tuple[str, ...]:
        """Values of a facet; 'genre' and 'tag' are facets too."""
        if name in ("genre", "genres"):
            return self.genres
        if name in ("tag", "tags"):
            return self.tags
        return tuple(self.facets.get(name, ()))

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able dict in the documented catalogue schema (None fields omitted)."""
        out: dict[str, Any] = {"id": self.id, "title": self.title, "description": self.description}
        for name in ("year", "runtime", "rating", "price", "url", "image", "trailer_url"):
            value = getattr(self, name)
            if value is not None:
                out[name] = value
        if self.votes:
            out["votes"] = self.votes
        if self.genres:
            out["genres"] = list(self.genres)
        if self.tags:
            out["tags"] = list(self.tags)
        if self.facets:
            out["facets"] = {k: list(v) for k, v in sorted(self.facets.items()) if v}
        if self.description_composed:
            out["description_composed"] = True
        if self.extra:
            out["extra"] = dict(self.extra)
        return out


class Catalog:
    """An immutable, validated collection of items with lookups by id."""

    def __init__(self, items: Iterable[Item], *, meta: Mapping[str, Any] | None = None) -> None:
        self.items: tuple[Item, ...] = tuple(items)
        self.meta: dict[str, Any] = dict(meta or {})
        self._by_id: dict[str, Item] = {}
        for item in self.items:
            if item.id in self._by_id:
                raise CatalogError(f"duplicate id {item.id!r}", field="id")
            self._by_id[item.id] = item
        self._hash: str | None = None

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[Item]:
        return iter(self.items)

    def __contains__(self, item_id: object) -> bool:
        return item_id in self._by_id

    def get(self, item_id: str) -> Item:
        """The item with this id; UnknownItemError if there is none."""
        try:
            return self._by_id[item_id]
        except KeyError:
            raise UnknownItemError(item_id) from None

    @property
    def content_hash(self) -> str:
        """sha256 over the canonical JSON of all items: changes whenever any item changes."""
        if self._hash is None:
            h = hashlib.sha256()
            for item in self.items:
                h.update(json.dumps(item.to_dict(), sort_keys=True, ensure_ascii=False).encode())
                h.update(b"\n")
            self._hash = h.hexdigest()
        return self._hash

    def facet_names(self) -> list[str]:
        """All facet names present, 'genre' first."""
        names: set[str] = set()
        for item in self.items:
            names.update(k for k, v in item.facets.items() if v)
        return ["genre", *sorted(names)]

    def facet_values(self, name: str) -> Counter[str]:
        """How many items carry each value of a facet."""
        counts: Counter[str] = Counter()
        for item in self.items:
            counts.update(item.facet(name))
        return counts


def load_catalog(
    path: str | os.PathLike[str], *, mapping: Mapping[str, str] | str | None = None
) -> Catalog:
    """Load a JSONL or CSV catalogue, validating every row; CatalogError names file, line, field."""
    p = Path(path)
    if not p.exists():
        raise CatalogError(
            "catalogue file not found; build one with `chatbot catalog build` "
            "or point CHATBOT_CATALOG_PATH at your own JSONL/CSV file",
            path=str(p),
        )
    if isinstance(mapping, str):
        mapping = parse_mapping(mapping)
    suffix = p.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        rows = _read_jsonl(p)
    elif suffix in (".csv", ".tsv"):
        # CSV headers are renamed before cells become fields, facets or extras
        rows = _read_csv(p, delimiter="\t" if suffix == ".tsv" else ",", mapping=mapping)
        mapping = None
    else:
        raise CatalogError(
            f"unsupported catalogue format {suffix!r}; use .jsonl or .csv", path=str(p)
        )
    items: list[Item] = []
    seen: dict[str, int] = {}
    for line, row in rows:
        if mapping:
            row = _apply_mapping(row, mapping)
        item = item_from_dict(row, path=str(p), line=line)
        if item.id in seen:
            raise CatalogError(
                f"duplicate id {item.id!r} (first seen on line {seen[item.id]})",
                path=str(p),
                line=line,
                field="id",
            )
        seen[item.id] = line
        items.append(item)
    if not items:
        raise CatalogError("catalogue is empty", path=str(p))
    return Catalog(items, meta=_read_meta(p))


def parse_mapping(text: str) -> dict[str, str]:
    """'title=Name,description=Blurb' -> {'title': 'Name', 'description': 'Blurb'}."""
    out: dict[str, str] = {}
    for part in filter(None, (s.strip() for s in text.split(","))):
        ours, sep, theirs = part.partition("=")
        if not sep or not ours.strip() or not theirs.strip():
            raise CatalogError(f"bad column mapping {part!r}; expected our_field=their_header")
        out[ours.strip()] = theirs.strip()
    return out


def _apply_mapping(row: dict[str, Any], mapping: Mapping[str, str]) -> dict[str, Any]:
    renamed = {theirs: ours for ours, theirs in mapping.items()}
    return {renamed.get(k, k): v for k, v in row.items()}


def _read_meta(p: Path) -> dict[str, Any]:
    meta_path = meta_path_for(p)
    if meta_path.exists():
        try:
            return dict(json.loads(meta_path.read_text(encoding="utf-8")))
        except (ValueError, UnicodeDecodeError) as e:
            raise CatalogError(f"unreadable metadata: {e}", path=str(meta_path)) from e
    return {}


def meta_path_for(p: Path) -> Path:
    """Sidecar metadata (source, license, build figures) for a catalogue file."""
    return p.with_name(p.stem + ".meta.json")


def _read_jsonl(p: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    with p.open("rb") as f:
        for line_no, raw in enumerate(f, start=1):
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as e:
                raise CatalogError(
                    f"not valid UTF-8 (byte {e.start}); re-save the file as UTF-8",
                    path=str(p),
                    line=line_no,
                ) from e
            if not text.strip():
                continue
            try:
                row = json.loads(text)
            except json.JSONDecodeError as e:
                raise CatalogError(
                    f"malformed JSON: {e.msg} (column {e.colno})", path=str(p), line=line_no
                ) from e
            if not isinstance(row, dict):
                raise CatalogError("each line must be a JSON object", path=str(p), line=line_no)
            yield line_no, row


def _read_csv(
    p: Path, *, delimiter: str, mapping: Mapping[str, str] | None = None
) -> Iterator[tuple[int, dict[str, Any]]]:
    raw = p.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line_no = raw[: e.start].count(b"\n") + 1
        raise CatalogError(
            f"not valid UTF-8 (byte {e.start}); re-save the file as UTF-8",
            path=str(p),
            line=line_no,
        ) from e
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = reader.fieldnames
        if not header:
            raise CatalogError("CSV has no header row", path=str(p), line=1)
        if mapping:
            stripped = [h.strip() for h in header]
            unknown = [theirs for theirs in mapping.values() if theirs not in stripped]
            if unknown:
                raise CatalogError(
                    f"--map names column(s) {', '.join(map(repr, unknown))} that the CSV does not "
                    f"have; its header is: {', '.join(stripped)}",
                    path=str(p),
                    line=1,
                )
        for row in reader:
            line_no = reader.line_num
            if None in row:
                raise CatalogError(
                    f"row has {len(header) + len(row[None])} fields, header has {len(header)}",  # type: ignore[index]
                    path=str(p),
                    line=line_no,
                )
            if any(v is None for v in row.values()):
                first_missing = next(k for k, v in row.items() if v is None)
                raise CatalogError(
                    f"row has fewer fields than the header ({len(header)})",
                    path=str(p),
                    line=line_no,
                    field=first_missing,
                )
            if not any((v or "").strip() for v in row.values()):
                continue
            if mapping:
                row = _apply_mapping({k.strip(): v for k, v in row.items()}, mapping)
            yield line_no, _csv_row_to_dict(row)
    except csv.Error as e:
        raise CatalogError(f"malformed CSV: {e}", path=str(p), line=reader.line_num) from e


def _csv_row_to_dict(row: Mapping[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    facets: dict[str, list[str]] = {}
    for key, value in row.items():
        key = key.strip()
        value = value.strip()
        if key in KNOWN_FIELDS:
            if key in LIST_FIELDS:
                out[key] = _split_list(value)
            elif value != "":
                out[key] = value
            elif key in REQUIRED_FIELDS:
                out[key] = ""
        elif key.startswith("extra."):
            if value:
                out.setdefault("extra", {})[key[6:]] = value
        else:
            name = key[6:] if key.startswith("facet.") else key
            if value:
                facets[name] = _split_list(value)
    if facets:
        out["facets"] = facets
    return out


def _split_list(value: str) -> list[str]:
    return [v.strip() for v in value.split(CSV_LIST_SEPARATOR) if v.strip()]


def item_from_dict(
    row: Mapping[str, Any], *, path: str | None = None, line: int | None = None
) -> Item:
    """Validate one row (JSON types or CSV strings) and build an Item; CatalogError names the
    file, line and field of the first problem."""
    r = _RowReader(row, path, line)
    r.check_required()
    facets, extra = r.facets_and_extra()
    composed = r.flag("description_composed")
    votes = r.opt_int("votes", 0, 10**12)
    return Item(
        id=str(row["id"]).strip(),
        title=str(row["title"]).strip(),
        description=str(row["description"]).strip(),
        year=r.opt_int("year", 1800, 2200),
        genres=r.str_list("genres", row.get("genres")),
        facets={k: v for k, v in facets.items() if v},
        runtime=r.opt_int("runtime", 1, 100_000),
        rating=r.opt_float("rating", 0.0, 10.0),
        votes=votes or 0,
        price=r.opt_float("price", 0.0, 1e12),
        url=r.opt_str("url"),
        image=r.opt_str("image"),
        trailer_url=r.opt_str("trailer_url"),
        tags=r.str_list("tags", row.get("tags")),
        description_composed=composed,
        extra=extra,
    )


_N = TypeVar("_N", int, float)


def _whole(value: Any) -> int:
    """12, 12.0, '12' or '1e3' as an int; ValueError for a fraction or text."""
    number = float(value) if isinstance(value, str) else value
    if not isinstance(number, int | float) or not float(number).is_integer():
        raise ValueError(value)
    return int(number)


class _RowReader:
    """Typed reads of one catalogue row's fields; each failure is a CatalogError naming it."""

    def __init__(self, row: Mapping[str, Any], path: str | None, line: int | None) -> None:
        self.row = row
        self.path = path
        self.line = line

    def fail(self, field_name: str, message: str) -> CatalogError:
        return CatalogError(message, path=self.path, line=self.line, field=field_name)

    def check_required(self) -> None:
        """Every required field is a non-empty string (an id may also be a number)."""
        for name in REQUIRED_FIELDS:
            value = self.row.get(name)
            if value is None:
                raise self.fail(name, "required field is missing")
            if isinstance(value, int | float) and not isinstance(value, bool) and name == "id":
                continue
            if not isinstance(value, str):
                raise self.fail(name, f"must be a string, got {type(value).__name__}")
            if not value.strip():
                raise self.fail(name, "required field is empty")

    def opt_int(self, name: str, lo: int, hi: int) -> int | None:
        """A whole number in lo..hi ('12', 12, 12.0, '1e3'), None when absent or empty."""
        return self._number(name, "an integer", _whole, lo, hi)

    def opt_float(self, name: str, lo: float, hi: float) -> float | None:
        """A number in lo..hi (not NaN), None when absent or empty."""
        return self._number(name, "a number", float, lo, hi)

    def _number(self, name: str, noun: str, read: Callable[[Any], _N], lo: _N, hi: _N) -> _N | None:
        """The field read by `read` (ValueError/TypeError: not `noun`) and checked against
        lo..hi; None when absent or empty; a boolean is not a number."""
        value = self.row.get(name)
        if value is None or value == "":
            return None
        if isinstance(value, bool):
            raise self.fail(name, f"must be {noun}, got a boolean")
        try:
            out = read(value)
        except (TypeError, ValueError):
            raise self.fail(name, f"must be {noun}, got {value!r}") from None
        if math.isnan(out) or not lo <= out <= hi:
            raise self.fail(name, f"{value!r} is out of range {lo:g}..{hi:g}")
        return out

    def opt_str(self, name: str) -> str | None:
        value = self.row.get(name)
        if value is None or value == "":
            return None
        if not isinstance(value, str):
            raise self.fail(name, f"must be a string, got {type(value).__name__}")
        return value

    def str_list(self, name: str, value: Any) -> tuple[str, ...]:
        if value is None:
            return ()
        if isinstance(value, str):
            value = _split_list(value)
        if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
            raise self.fail(name, "must be a list of strings")
        return tuple(v.strip() for v in value if v.strip())

    def flag(self, name: str) -> bool:
        """A boolean field: JSON true/false or CSV 1/0, true/false, yes/no, empty (false)."""
        value = self.row.get(name, False)
        if isinstance(value, str):
            text = value.strip().lower()
            if text not in ("1", "true", "yes", "0", "false", "no", ""):
                raise self.fail(name, f"must be true or false, got {value!r}")
            value = text in ("1", "true", "yes")
        if not isinstance(value, bool):
            raise self.fail(name, "must be true or false")
        return value

    def facets_and_extra(self) -> tuple[dict[str, tuple[str, ...]], dict[str, Any]]:
        """`facets` and `extra`, plus every other column: strings (or string lists) become
        facets, anything else goes to extra."""
        facets: dict[str, tuple[str, ...]] = {}
        raw_facets = self.row.get("facets")
        if raw_facets is not None:
            if not isinstance(raw_facets, Mapping):
                raise self.fail(
                    "facets", "must be an object mapping facet names to lists of strings"
                )
            for name, values in raw_facets.items():
                facets[str(name)] = self.str_list(f"facets.{name}", values)
        extra: dict[str, Any] = {}
        raw_extra = self.row.get("extra")
        if raw_extra is not None:
            if not isinstance(raw_extra, Mapping):
                raise self.fail("extra", "must be an object")
            extra.update(raw_extra)
        for key, value in self.row.items():
            if key in KNOWN_FIELDS:
                continue
            if isinstance(value, str) or (
                isinstance(value, list) and all(isinstance(v, str) for v in value)
            ):
                facets[str(key)] = self.str_list(str(key), value)
            else:
                extra[str(key)] = value
        return facets, extra


def write_catalog(
    items: Sequence[Item], path: str | os.PathLike[str], *, meta: Mapping[str, Any] | None = None
) -> Path:
    """Write items as JSONL (and optional sidecar metadata) atomically: temp file, then rename."""
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    Catalog(items)  # validates unique ids before anything is written
    atomic_write_text(p, "".join(json.dumps(i.to_dict(), ensure_ascii=False) + "\n" for i in items))
    if meta is not None:
        atomic_write_text(
            meta_path_for(p), json.dumps(dict(meta), indent=2, ensure_ascii=False) + "\n"
        )
    return p
