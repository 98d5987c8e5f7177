"""Hard filters on catalogue facets (genre, year, runtime, language, price...) as row masks."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from chatbot.catalog import Item
from chatbot.errors import InputError

_NUMERIC = ("year", "runtime", "rating", "price")
_EXPR = re.compile(r"^\s*([A-Za-z_][\w-]*)\s*(!=|>=|<=|=|>|<)\s*(.*?)\s*$")
FILTER_GRAMMAR = (
    "genre=Drama, genre!=Horror, year>=1990, year<=1999, runtime<=120, language=fr, "
    "country=FR, rating>=7, price<=20, FACET=VALUE, FACET!=VALUE (VALUE may be A,B for any of)"
)


@dataclass(frozen=True)
class Filters:
    """Hard constraints on items; unset fields do not constrain; a missing value fails a bound."""

    genres_any: tuple[str, ...] = ()
    genres_none: tuple[str, ...] = ()
    year_min: int | None = None
    year_max: int | None = None
    runtime_min: int | None = None
    runtime_max: int | None = None
    languages: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    rating_min: float | None = None
    price_min: float | None = None
    price_max: float | None = None
    facets_any: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    facets_none: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def active(self) -> bool:
        """True when at least one constraint is set."""
        return bool(self.to_exprs())

    def matches(self, item: Item) -> bool:
        """Whether one item satisfies every constraint."""
        for name, want, none in self.value_constraints():
            have = {v.casefold() for v in item.facet(name)}
            if want and not have & {v.casefold() for v in want}:
                return False
            if have & {v.casefold() for v in none}:
                return False
        for name, lo, hi in self._bounds():
            value = getattr(item, name)
            if value is None or (lo is not None and value < lo) or (hi is not None and value > hi):
                return False
        return True

    def to_exprs(self) -> list[str]:
        """The filter as expressions that parse_filters reads back to an equal Filters."""
        out = []
        for name, want, none in self.value_constraints():
            if want:
                out.append(f"{name}={','.join(want)}")
            if none:
                out.append(f"{name}!={','.join(none)}")
        for name, lo, hi in self._bounds():
            if lo is not None:
                out.append(f"{name}>={_num(lo)}")
            if hi is not None:
                out.append(f"{name}<={_num(hi)}")
        return out

    def value_constraints(self) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
        """(facet name, values wanted (any of), values refused) per constrained facet."""
        names: dict[str, tuple[list[str], list[str]]] = {}

        def add(name: str, values: Iterable[str], slot: int) -> None:
            bucket = names.setdefault(name, ([], []))[slot]
            seen = {v.casefold() for v in bucket}
            bucket.extend(v for v in values if v.casefold() not in seen)

        add("genre", self.genres_any, 0)
        add("genre", self.genres_none, 1)
        add("language", self.languages, 0)
        add("country", self.countries, 0)
        for name, values in self.facets_any.items():
            add(name, values, 0)
        for name, values in self.facets_none.items():
            add(name, values, 1)
        return [
            (n, tuple(want), tuple(none))
            for n, (want, none) in sorted(names.items())
            if want or none
        ]

    def _bounds(self) -> list[tuple[str, float | None, float | None]]:
        bounds = [
            ("year", self.year_min, self.year_max),
            ("runtime", self.runtime_min, self.runtime_max),
            ("rating", self.rating_min, None),
            ("price", self.price_min, self.price_max),
        ]
        return [b for b in bounds if b[1] is not None or b[2] is not None]


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def parse_filters(exprs: Sequence[str], *, facet_names: Iterable[str] | None = None) -> Filters:
    """Parse CLI-style filter expressions; InputError says which one is wrong and why.

    With facet_names (e.g. catalog.facet_names()), unknown facet names are rejected too.
    """
    known = None if facet_names is None else {n.casefold() for n in facet_names}
    acc: dict[str, Any] = {"facets_any": {}, "facets_none": {}}
    for expr in exprs:
        m = _EXPR.match(expr)
        if not m or not m.group(3):
            raise InputError(f"bad filter {expr!r}; expected NAME OP VALUE, e.g. {FILTER_GRAMMAR}")
        name, op, raw = m.group(1).casefold(), m.group(2), m.group(3)
        name = {
            "genres": "genre",
            "tags": "tag",
            "languages": "language",
            "countries": "country",
        }.get(name, name)
        if name in _NUMERIC:
            _parse_bound(expr, name, op, raw, acc)
            continue
        if op not in ("=", "!="):
            raise InputError(f"filter {expr!r}: {name} takes = or != (a list of values), not {op}")
        values = tuple(v.strip() for v in raw.split(",") if v.strip())
        if not values:
            raise InputError(f"filter {expr!r}: no value after {op}")
        if known is not None and name not in known | {"genre", "tag", "language", "country"}:
            names = sorted(known | {"tag", "language", "country"}) + list(_NUMERIC)
            raise InputError(f"filter {expr!r}: unknown facet {name!r}; known: {', '.join(names)}")
        if name == "language":
            values = tuple(v.lower() for v in values)
        elif name == "country":
            values = tuple(v.upper() for v in values)
        slot = {("genre", "="): "genres_any", ("genre", "!="): "genres_none"}.get((name, op))
        if slot is None and op == "=" and name in ("language", "country"):
            slot = "languages" if name == "language" else "countries"
        if slot is not None:
            acc[slot] = tuple(dict.fromkeys([*acc.get(slot, ()), *values]))
        else:
            bucket = acc["facets_any" if op == "=" else "facets_none"]
            bucket[name] = tuple(dict.fromkeys([*bucket.get(name, ()), *values]))
    return Filters(**acc)


def _parse_bound(expr: str, name: str, op: str, raw: str, acc: dict[str, Any]) -> None:
    try:
        value = float(raw)
    except ValueError:
        raise InputError(f"filter {expr!r}: {raw!r} is not a number") from None
    if not math.isfinite(value):
        raise InputError(f"filter {expr!r}: {raw!r} is not a finite number")
    integral = name in ("year", "runtime")
    if integral and not value.is_integer():
        raise InputError(f"filter {expr!r}: {name} must be a whole number")
    step = 1.0 if integral else 1e-9  # makes > and < inclusive bounds
    lo = hi = None
    if op in (">=", "="):
        lo = value
    if op in ("<=", "="):
        hi = value
    if op == ">":
        lo = value + step
    if op == "<":
        hi = value - step
    if op == "!=":
        raise InputError(f"filter {expr!r}: {name} takes >=, <=, >, < or =, not !=")
    if name == "rating" and hi is not None:
        raise InputError(f"filter {expr!r}: rating takes a lower bound only (rating>=7)")
    cast: Callable[[float], Any] = int if integral else float
    if lo is not None:
        key = f"{name}_min"
        acc[key] = cast(lo) if acc.get(key) is None else max(acc[key], cast(lo))
    if hi is not None:
        key = f"{name}_max"
        acc[key] = cast(hi) if acc.get(key) is None else min(acc[key], cast(hi))


class FilterColumns:
    """Catalogue fields as numpy columns so that a filter becomes a bool mask in milliseconds."""

    def __init__(self, items: Sequence[Item]) -> None:
        self._items = items
        self.n = len(items)
        self._numeric = {
            name: np.array(
                [np.nan if getattr(i, name) is None else getattr(i, name) for i in items]
            )
            for name in _NUMERIC
        }
        self._postings: dict[str, dict[str, np.ndarray]] = {}

    def values_mask(self, name: str, values: Iterable[str]) -> np.ndarray:
        """Rows carrying any of these (case-folded) values of a facet."""
        if name not in self._postings:
            rows: dict[str, list[int]] = {}
            for row, item in enumerate(self._items):
                for value in {v.casefold() for v in item.facet(name)}:
                    rows.setdefault(value, []).append(row)
            self._postings[name] = {v: np.array(r, dtype=np.int64) for v, r in rows.items()}
        mask = np.zeros(self.n, dtype=bool)
        for value in values:
            mask[self._postings[name].get(value, np.empty(0, dtype=np.int64))] = True
        return mask

    def mask(self, filters: Filters) -> np.ndarray:
        out = np.ones(self.n, dtype=bool)
        for name, want, none in filters.value_constraints():
            if want:
                out &= self.values_mask(name, {v.casefold() for v in want})
            if none:
                out &= ~self.values_mask(name, {v.casefold() for v in none})
        for name, lo, hi in filters._bounds():
            col = self._numeric[name]
            with np.errstate(invalid="ignore"):
                ok = ~np.isnan(col)
                if lo is not None:
                    ok &= col >= lo
                if hi is not None:
                    ok &= col <= hi
            out &= ok
        return out
