"""The constraint table (chatbot.constraints.CONSTRAINTS): complete rows, read by events, the
interest state, ranking and understanding alike."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from chatbot.catalog import Catalog, Item
from chatbot.constraints import (
    CONSTRAINTS,
    clear_words,
    constraint_label,
    constraint_reasons,
    filter_fields,
)
from chatbot.events import CONSTRAINT_TYPES, EventFormatError, make_constraint
from chatbot.filters import Filters
from chatbot.interest import InterestState, fold
from chatbot.understanding import Understander
from chatbot.understanding.constraints import _CLEAR_WORDS

PACKAGE = Path(__file__).resolve().parent.parent / "chatbot"
SAMPLES = {int: 1990, float: 7.5, str: "fr"}


def test_events_carry_exactly_the_constraints_of_the_table() -> None:
    assert {name: row.type for name, row in CONSTRAINTS.items()} == CONSTRAINT_TYPES
    for name, row in CONSTRAINTS.items():
        assert row.name == name
        assert make_constraint(name, SAMPLES[row.type]).value == SAMPLES[row.type]
    with pytest.raises(EventFormatError, match="unknown constraint"):
        make_constraint("length_max", 90)


def test_no_module_names_a_constraint_the_table_lacks() -> None:
    """Every constraint name the package sets, clears or reads as a literal is a table row."""
    call = re.compile(
        r"(?:_set|_clear|make_constraint|ConstraintSet|ConstraintCleared)\(\s*\"(\w+)\""
        r"|\bconstraints(?:\.get\(|\[)\s*\"(\w+)\"|\"(\w+)\" (?:not )?in (?:c|constraints)\b"
    )
    named: dict[str, str] = {}
    for path in PACKAGE.rglob("*.py"):
        for m in call.finditer(path.read_text(encoding="utf-8")):
            named.setdefault(next(g for g in m.groups() if g), path.name)
    assert {"year_min", "runtime_max", "audience"} <= set(named)  # the scan sees the parsers
    unknown = {n: f for n, f in named.items() if n not in CONSTRAINTS}
    assert not unknown, f"constraints missing from chatbot.constraints: {unknown}"


@pytest.mark.parametrize("name", list(CONSTRAINTS))
def test_every_constraint_has_a_label_a_filter_and_clear_words(name: str) -> None:
    row = CONSTRAINTS[name]
    value = SAMPLES[row.type]
    label = constraint_label(name, value)
    assert label and not label.startswith(f"{name}:")
    assert row.filter_field in {f.name for f in dataclasses.fields(Filters)}
    alone = Filters(**filter_fields({name: value}))
    assert alone.active, f"{name} sets no filter"
    assert row.clear_words
    for word in row.clear_words:
        assert name in _CLEAR_WORDS[word], f"{word!r} does not clear {name}"


@pytest.mark.parametrize(
    ("name", "value", "label"),
    [
        ("year_min", 2001, "Only after 2000"),
        ("year_max", 1999, "Only before 2000"),
        ("runtime_max", 90, "At most 90 minutes long"),
        ("runtime_min", 120, "At least 120 minutes long"),
        ("decade_not", 1980, "Not from the 1980s"),
        ("rating_min", 7.0, "Rated at least 7"),
        ("language", "ja", "In Japanese"),
        ("country", "KR", "From South Korea"),
        ("price_min", 5.0, "Price at least 5"),
        ("price_max", 20.5, "Price at most 20.5"),
        ("audience", "children", "Suitable for children (family and children's films only)"),
        (
            "audience",
            "family",
            "Suitable for the whole family (no horror, erotic, adult or violent films)",
        ),
        ("mood_max", 3, "mood_max: 3"),  # a name the table lacks
    ],
)
def test_labels_keep_their_text(name: str, value: object, label: str) -> None:
    assert constraint_label(name, value) == label


def test_constraints_become_the_same_filters_as_before() -> None:
    every = {
        "year_min": 1990,
        "year_max": 1999,
        "runtime_max": 130,
        "runtime_min": 80,
        "decade_not": 1980,
        "rating_min": 7,
        "language": "fr",
        "country": "FR",
        "price_min": 2,
        "price_max": 20,
        "audience": "family",
    }
    assert Filters(**filter_fields(every)).to_exprs() == [
        "country=FR",
        "language=fr",
        "year>=1990",
        "year<=1999",
        "runtime>=80",
        "runtime<=130",
        "rating>=7",
        "price>=2",
        "price<=20",
        "suitable_for=family",
        "decade!=1980",
    ]
    assert filter_fields({"unknown": 1}) == {}


def test_reasons_say_each_thing_once_and_only_what_was_asked() -> None:
    item = Item("m", "Long One", "", year=1995, runtime=130, rating=6.5, votes=50)
    both_years = {"year_min": 1990, "year_max": 1999}
    assert constraint_reasons(both_years, item) == ["from 1995, in the period you asked for"]
    # a lower bound on the length explains the length too (it used to say nothing)
    assert constraint_reasons({"runtime_min": 120}, item) == ["130 minutes long"]
    assert constraint_reasons({"rating_min": 6.0}, item) == ["rated 6.5 by 50 voters"]
    few_votes = dataclasses.replace(item, votes=3)
    assert constraint_reasons({"rating_min": 6.0}, few_votes) == []
    assert constraint_reasons({"language": "fr", "audience": "family"}, item) == []


def test_clear_words_come_from_the_table_in_groups() -> None:
    words = clear_words()
    assert words == _CLEAR_WORDS
    assert words["length"] == ("runtime_max", "runtime_min")
    assert words["decade"] == ("year_min", "year_max", "decade_not")
    assert words["budget"] == ("price_min", "price_max")


@pytest.fixture(scope="module")
def small_nlu() -> Understander:
    """An understander over a handful of comedies with years and runtimes."""
    items = [
        Item(
            f"c{n}",
            f"Comedy Number {n}",
            "A funny film.",
            year=year,
            genres=("Comedy",),
            runtime=runtime,
        )
        for n, (year, runtime) in enumerate([(1984, 95), (1999, 130), (2012, 105), (2020, 140)])
    ]
    return Understander(Catalog(items))


def _beliefs_after(nlu: Understander, *messages: str) -> list[str]:
    state = InterestState()
    for text in messages:
        state = fold(nlu.understand(text, state).events, state)
    return [b.label for b in state.beliefs()]


@pytest.mark.parametrize(
    ("ask", "clear", "label"),
    [
        ("a comedy at least 2 hours long", "any length is fine", "At least 120 minutes long"),
        ("a comedy at most 2 hours long", "any length is fine", "At most 120 minutes long"),
        ("nothing from the 80s", "any decade is fine", "Not from the 1980s"),
        ("a comedy from after 2000", "any year is fine", "Only after 2000"),
    ],
)
def test_a_clear_word_clears_every_constraint_of_its_group(
    small_nlu: Understander, ask: str, clear: str, label: str
) -> None:
    assert label in _beliefs_after(small_nlu, ask)
    assert label not in _beliefs_after(small_nlu, ask, clear)


@pytest.mark.parametrize(
    ("before", "now", "kept"),
    [
        ({"year_min": 1990, "year_max": 1999}, ("year_min", 2000), {"year_min": 2000}),
        ({"year_min": 2010}, ("year_max", 1989), {"year_max": 1989}),
        ({"runtime_max": 90}, ("runtime_min", 120), {"runtime_min": 120}),
        # a bound that keeps the range open leaves the other one alone
        (
            {"year_min": 1990, "year_max": 1999},
            ("year_min", 1995),
            {"year_min": 1995, "year_max": 1999},
        ),
    ],
)
def test_a_bound_past_the_other_one_replaces_it(
    before: dict[str, int], now: tuple[str, int], kept: dict[str, int]
) -> None:
    """'a thriller from the nineties', then 'actually nothing older than the 2000s': the new
    bound is a change of mind, not a second limit that leaves no film (it had found none)."""
    state = InterestState(constraints=before)
    after = state.apply(make_constraint(*now))
    assert dict(after.constraints) == kept
