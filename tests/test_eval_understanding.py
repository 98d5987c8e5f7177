"""The understanding corpus (issue 12) and `chatbot eval understanding`: data, checks, CLI."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from chatbot.catalog import Catalog, load_catalog
from chatbot.config import REPO_ROOT
from chatbot.dialogue import Reply
from chatbot.errors import ConfigError
from chatbot.evaluation.understanding import (
    CHECKS,
    KINDS,
    Case,
    Observed,
    check_case,
    evaluate,
    expectation_titles,
    load_corpus,
    parse_cases,
    run_case,
)
from chatbot.events import (
    AttributeAvoided,
    AttributePreferred,
    ConstraintSet,
    Event,
    InterestAvoided,
    InterestExpressed,
    ItemLiked,
    ItemRejected,
    ItemSeen,
)
from chatbot.interest import fold
from chatbot.ranking import Recommendation

BOOKS_PATH = REPO_ROOT / "catalog" / "examples" / "books.jsonl"


# ---------------------------------------------------------------- the corpus itself


def test_corpus_size_and_kinds() -> None:
    dev, held = load_corpus("dev"), load_corpus("heldout")
    assert len(dev) + len(held) >= 480
    assert 0.55 <= len(dev) / (len(dev) + len(held)) <= 0.65
    dev_kinds, held_kinds = Counter(c.kind for c in dev), Counter(c.kind for c in held)
    for kind in KINDS:
        assert dev_kinds[kind] >= 25, kind
        assert held_kinds[kind] >= 15, kind
    assert {c.split for c in dev} == {"dev"} and {c.split for c in held} == {"heldout"}


def test_corpus_ids_unique_and_keys_known() -> None:
    cases = load_corpus("all")  # raises on an unknown kind or key, or a duplicate id
    assert len({c.id for c in cases}) == len(cases)
    assert all(set(c.expect) <= set(CHECKS) for c in cases)


def test_dev_and_heldout_share_no_turn_text() -> None:
    dev = {t.strip().lower() for c in load_corpus("dev") for t in c.turns}
    shared = {t.strip().lower() for c in load_corpus("heldout") for t in c.turns} & dev
    assert not shared


def test_dev2_covers_every_kind_and_repeats_no_dev_turn() -> None:
    dev2 = load_corpus("dev2")
    assert Counter(c.kind for c in dev2) == dict.fromkeys(KINDS, 15)
    assert {c.split for c in dev2} == {"dev2"} and all("-d2-" in c.id for c in dev2)
    dev = load_corpus("dev")
    dev_turns = {t.strip().lower() for c in dev for t in c.turns}
    assert not {c.turns for c in dev2} & {c.turns for c in dev}
    # a tested sentence is new unless it is a bare follow-up ("more") after a new request
    assert not {c.turns[0].strip().lower() for c in dev2 if len(c.turns) == 1} & dev_turns


def test_heldout_uses_other_titles_people_and_numbers_than_dev() -> None:
    def titles(cases: list[Case]) -> set[str]:
        keys = ("liked", "rejected", "seen", "not_liked", "not_rejected", "not_seen")
        return {
            t.lower()
            for c in cases
            for k in keys
            for entry in c.expect.get(k, [])
            for t in (entry if isinstance(entry, list) else [entry])
        }

    def names(cases: list[Case]) -> set[str]:
        keys = ("prefer", "avoid", "not_prefer", "not_avoid")
        pairs = [p.lower() for c in cases for k in keys for p in c.expect.get(k, [])]
        return {p for p in pairs if p.startswith(("person:", "studio:"))}

    def numbers(cases: list[Case]) -> set[str]:
        return {n for c in cases for t in c.turns for n in re.findall(r"\d+(?:\.\d+)?", t)}

    dev, held = load_corpus("dev"), load_corpus("heldout")
    assert not titles(dev) & titles(held)
    assert not names(dev) & names(held)
    assert not numbers(dev) & numbers(held)


def test_every_expected_title_and_facet_value_is_in_the_movie_catalogue(
    movies_catalog: Catalog,
) -> None:
    """Marked `catalog` by the conftest hook: runs in `make test`, after the catalogue is built."""
    catalog = movies_catalog
    names = {i.title.lower() for i in catalog} | {i.label.lower() for i in catalog}
    genres = {g.lower() for i in catalog for g in i.genres}
    missing, bad_values = [], []
    for case in load_corpus("all"):
        missing += [f"{case.id}: {t}" for t in expectation_titles(case) if t.lower() not in names]
        for key in ("prefer", "avoid", "not_prefer", "not_avoid"):
            for pair in case.expect.get(key, []):
                facet, _, value = pair.partition(":")
                if facet == "genre" and value.lower() not in genres:
                    bad_values.append(f"{case.id}: {pair}")
    assert not missing
    assert not bad_values


# ---------------------------------------------------------------- data errors


def _line(**overrides: Any) -> str:
    case = {"id": "x-1", "kind": "negation", "turns": ["no horror"], "expect": {"picks_min": 1}}
    case.update(overrides)
    return json.dumps(case)


def test_parse_accepts_a_good_line() -> None:
    (case,) = parse_cases([_line(), ""], "t.jsonl", "dev")
    assert case.id == "x-1" and case.turns == ("no horror",) and case.split == "dev"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "not JSON"),
        (_line(expect={"pick_min": 1}), "unknown expectation key"),
        (_line(kind="negations"), "unknown kind"),
        (_line(turns=[]), "'turns'"),
        (_line(turns=["  "]), "'turns'"),
        (_line(expect={}), "'expect'"),
        (_line(id=""), "'id'"),
        (_line(extra=1), "unknown field"),
        ("[1, 2]", "expected an object"),
    ],
)
def test_parse_rejects_bad_lines(line: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message) as err:
        parse_cases([_line(), line], "t.jsonl", "dev")
    assert "t.jsonl line 2" in str(err.value)


def test_unknown_split_is_an_error() -> None:
    with pytest.raises(ConfigError, match="unknown split"):
        load_corpus("test")


# ---------------------------------------------------------------- expectation checks


@pytest.fixture(scope="module")
def books() -> Catalog:
    return load_catalog(BOOKS_PATH)


def _reply(catalog: Catalog, ids: list[str], kind: str = "recommend", text: str = "") -> Reply:
    state = fold([])
    recs = tuple(Recommendation(catalog.get(i), 1.0, ("because",)) for i in ids)
    return Reply("s", text, recs, state, "", kind)


def _observed(
    catalog: Catalog,
    before: list[Event],
    added: list[Event],
    replies: list[tuple[list[str], str, str]],
) -> Observed:
    return Observed(
        replies=[_reply(catalog, ids, kind, text) for ids, kind, text in replies],
        before=fold(before),
        after=fold(before + added),
    )


def _main(catalog: Catalog) -> Observed:
    """Two turns; the last one records likes, a rejection, a seen item, facets and topics."""
    return _observed(
        catalog,
        [
            ItemLiked("book-001", "The Long Dark Between Stars"),
            AttributePreferred("genre", "Mystery"),
        ],
        [
            ItemLiked("book-009", "Murder at Wexley Hall"),
            ItemRejected("book-034", "Night Shift at the Haunted Motel"),
            ItemRejected("book-015", "The Dragon's Ledger"),
            ItemSeen("book-010", "The Quiet Canal"),
            AttributePreferred("genre", "Fantasy"),
            AttributePreferred("person", "Steven Spielberg"),
            AttributeAvoided("genre", "Horror"),
            ConstraintSet("year_min", 2000),
            InterestExpressed("dogs and friendship"),
            InterestAvoided("sharks"),
        ],
        [
            (["book-015", "book-017", "book-020"], "recommend", "first picks"),
            (["book-013", "book-037", "book-020"], "recommend", "Three picks, one from 2011."),
        ],
    )


def _quiet(catalog: Catalog) -> Observed:
    """Two turns; the last one adds nothing to the state and shows only new items."""
    before: list[Event] = [ItemLiked("book-001", "The Long Dark Between Stars")]
    return _observed(
        catalog, before, [], [(["book-004"], "recommend", ""), (["book-002"], "answer", "")]
    )


# (key, an expectation that holds on _main, one that does not)
ON_MAIN = [
    ("reply_kind", "recommend", "answer"),
    ("reply_kind", ["answer", "recommend"], ["answer", "language"]),
    ("liked", ["Murder at Wexley Hall", "the long dark between stars"], ["Signal Lost"]),
    ("liked", [["Signal Lost", "murder at wexley hall (1988)"]], [["Signal Lost", "Iron Wings"]]),
    ("rejected", ["Night Shift at the Haunted Motel"], ["Murder at Wexley Hall"]),
    ("seen", ["The Quiet Canal"], ["Iron Wings"]),
    ("not_liked", ["Signal Lost"], ["The Long Dark Between Stars"]),
    ("not_rejected", ["Iron Wings"], ["Night Shift at the Haunted Motel (2018)"]),
    ("not_seen", ["Iron Wings"], ["The Quiet Canal (2015)"]),
    ("prefer", ["genre:fantasy", "person:Spielberg", "genre:Mystery"], ["genre:Horror"]),
    ("prefer", ["person:steven spielberg"], ["person:Tom Cruise", "studio:Spielberg"]),
    ("avoid", ["genre:Horror"], ["genre:Fantasy"]),
    ("not_prefer", ["genre:Horror", "style:Fantasy"], ["genre:Mystery"]),
    ("not_avoid", ["genre:Mystery"], ["genre:horror"]),
    ("constraints", {"year_min": 2000}, {"year_min": 1999}),
    ("constraints", {"year_min": [1999, 2000.0]}, {"year_max": 2000}),
    ("constraints_absent", ["year_max"], ["year_min"]),
    ("constraints_present", ["year_min"], ["runtime_max"]),
    ("belief_words_absent", ["next", "dog", "like", "avoiding"], ["dogs"]),  # not the framing
    ("wanted_include", ["dog", "cat|friendship", "fantasy"], ["cat"]),
    ("wanted_exclude", ["shark", "horror"], ["dog"]),
    ("avoided_include", ["shark", "horror"], ["dog"]),
    ("avoided_exclude", ["dog", "fantasy"], ["shark"]),
    ("picks_min", 3, 4),
    ("picks_max", 3, 2),
    ("picks_include_genres", ["Fantasy", "Mystery"], ["Fantasy"]),
    ("picks_exclude_genres", ["Horror", "Romance"], ["Child"]),
    ("picks_include_facets", {"audience": ["children", "young adult"]}, {"audience": ["children"]}),
    (
        "picks_include_facets",
        {"audience": ["children"], "genre": ["fantasy"]},
        {"audience": ["adult"], "genre": ["Horror"]},
    ),
    ("picks_exclude_facets", {"audience": ["adult"]}, {"audience": ["young adult"]}),
    ("picks_include_text", ["bicycle", "clouds", "dragon"], ["bicycle"]),
    ("picks_exclude_text", ["spaceship"], ["dragon"]),
    ("picks_exclude_titles", ["Signal Lost", "The Dragon's Ledger"], ["Iron Wings (2001)"]),
    (
        "picks_among",
        ["The Case of the Borrowed Bicycle", "Timmy and the Cloud Factory", "Iron Wings"],
        ["Iron Wings", "Timmy and the Cloud Factory"],
    ),
    ("rejected_picks_of_turn", {"1": [0]}, {"1": "all"}),
    ("rejected_picks_of_turn", {"1": [-3]}, {"1": [5]}),
    ("rejected_picks_of_turn", {"1": [0]}, {"3": "all"}),
    ("reply_contains", ["2011", "three picks"], ["1999"]),
    ("reply_excludes", ["1999"], ["2011"]),
]


@pytest.mark.parametrize(("key", "holds", "fails"), ON_MAIN)
def test_check_passes_and_fails_on_a_hand_made_case(
    books: Catalog, key: str, holds: Any, fails: Any
) -> None:
    obs = _main(books)
    ok = Case("t", "negation", ("a", "b"), {key: holds}, "dev")
    bad = Case("t", "negation", ("a", "b"), {key: fails}, "dev")
    assert check_case(ok, obs, books) == []
    (failure,) = check_case(bad, obs, books)
    assert failure.startswith(f"{key}: ")


@pytest.mark.parametrize("key", ["no_items_recorded", "no_new_beliefs", "picks_exclude_shown"])
def test_boolean_checks(books: Catalog, key: str) -> None:
    case = Case("t", "question", ("a", "b"), {key: True}, "dev")
    assert check_case(case, _quiet(books), books) == []
    (failure,) = check_case(case, _main(books), books)
    assert failure.startswith(f"{key}: ")


def test_every_check_is_exercised() -> None:
    tested = {k for k, _, _ in ON_MAIN} | {"no_items_recorded", "no_new_beliefs"}
    assert tested | {"picks_exclude_shown"} == set(CHECKS)


def test_all_expectations_must_hold_and_each_failure_is_named(books: Catalog) -> None:
    case = Case("t", "negation", ("a", "b"), {"picks_min": 1, "liked": ["Signal Lost"]}, "dev")
    assert check_case(case, _main(books), books) == [
        "liked: missing ['Signal Lost']; liked = "
        "['The Long Dark Between Stars', 'Murder at Wexley Hall']"
    ]


def test_an_error_in_a_turn_is_a_failed_case(books: Catalog) -> None:
    case = Case("t", "negation", ("a",), {"picks_min": 0}, "dev")
    assert check_case(case, Observed(error="turn 1: ValueError: boom"), books) == [
        "error: turn 1: ValueError: boom"
    ]


# ---------------------------------------------------------------- against a real dialogue manager


def test_run_case_and_evaluate_on_books(books_manager: Any) -> None:
    good = Case(
        "good-1",
        "title_list",
        ("I loved Signal Lost", "no horror please"),
        {
            "liked": ["Signal Lost"],
            "avoid": ["genre:Horror"],
            "picks_exclude_genres": ["Horror"],
            "picks_min": 1,
            "no_items_recorded": True,
        },
        "dev",
    )
    bad = Case("bad-1", "negation", ("no horror please",), {"prefer": ["genre:Horror"]}, "dev")
    obs = run_case(books_manager, good)
    assert not obs.error and len(obs.replies) == 2
    assert check_case(good, obs, books_manager.catalog) == []
    m = evaluate(books_manager, [good, bad], progress=False)
    assert (m["cases"], m["passed"]) == (2, 1)
    assert m["per_kind"]["title_list"]["accuracy"] == 1.0
    assert m["per_kind"]["negation"]["accuracy"] == 0.0
    assert m["failed_checks"] == {"prefer": 1}
    (failure,) = m["failures"]
    assert failure["id"] == "bad-1" and failure["turns"] == ["no horror please"]
    # cases run in fresh sessions: the like from the first case did not leak into the second
    assert "Signal Lost" not in " ".join(failure["beliefs"])


def test_an_exception_inside_a_turn_is_measured_not_raised(
    books_manager: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(session_id: str, text: str) -> Any:
        raise RuntimeError("understanding broke")

    monkeypatch.setattr(books_manager, "respond", boom)
    case = Case("err-1", "question", ("is it scary?",), {"reply_kind": "answer"}, "dev")
    m = evaluate(books_manager, [case], progress=False)
    assert m["passed"] == 0
    assert m["failures"][0]["failed"] == ["error: turn 1: RuntimeError: understanding broke"]


def test_cli_writes_metrics_and_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from chatbot.cli import main

    # keep the books index away from the movie index under var/
    monkeypatch.setenv("CHATBOT_HOME", str(tmp_path))
    monkeypatch.setenv("CHATBOT_INDEX_DIR", str(tmp_path / "index"))
    out = tmp_path / "out"
    argv = ["eval", "understanding", "--split", "heldout", "--kind", "non_english"]
    argv += ["--catalog", str(BOOKS_PATH), "--embedder", "hash", "--out", str(out)]
    assert main([*argv, "--show-failures"]) == 0
    metrics = json.loads((out / "metrics.json").read_text())
    assert metrics["per_kind"]["non_english"]["cases"] == metrics["cases"] >= 15
    assert metrics["run"]["split"] == "heldout" and metrics["run"]["llm"] == "template"
    report = (out / "report.md").read_text()
    assert "| non_english |" in report
    printed = capsys.readouterr().out
    assert "overall" in printed and "non_english" in printed
    assert main(["eval", "understanding", "--kind", "nonsense", "--out", str(out)]) == 2
