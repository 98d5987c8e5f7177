"""ReDial names -> catalogue movies: title/year normalisation and matching rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalog.redial import (
    Candidate,
    RedialMovie,
    load_redial_movies,
    match_redial,
    split_title_year,
)
from chatbot.errors import CatalogError
from chatbot.title_keys import normalize_title


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Jumanji  (2017)", ("Jumanji", 2017)),
        ("The Mummy ", ("The Mummy", None)),
        ("Why Him%3F (2016)", ("Why Him?", 2016)),
        ("Les Misérables  (2012)", ("Les Misérables", 2012)),
        ("1984 (1984)", ("1984", 1984)),
    ],
)
def test_split_title_year(name: str, expected: tuple[str, int | None]) -> None:
    assert split_title_year(name) == expected


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("The Matrix", "Matrix, The"),
        ("Léon: The Professional", "Leon - The Professional"),
        ("Amélie", "AMELIE"),
        ("Ocean's Eleven", "Ocean’s  Eleven"),
        ("Fast & Furious", "Fast and Furious"),
        ("Nausicaä of the Valley of the Wind", "Nausicaa of the Valley of the Wind"),
        ("Æon Flux", "Aeon Flux"),
        ("Saw II", "Saw 2"),
        ("The Hangover Part II", "Hangover 2"),
        ("The Matrix (1999)", "the matrix"),
    ],
)
def test_normalize_title_equates_variants(a: str, b: str) -> None:
    # the one title key: ReDial linking and the understanding compare titles by it
    assert normalize_title(a) == normalize_title(b)


def test_normalize_title_keeps_different_titles_apart() -> None:
    assert normalize_title("Alien") != normalize_title("Aliens")
    assert normalize_title("It") != normalize_title("The")
    assert normalize_title("Die Hard") == "die hard"  # only English articles are dropped


def test_a_leading_article_of_another_language_may_be_missing_on_one_side() -> None:
    cands = [Candidate("x", "Der Golem", 1915), Candidate("y", "The Golem", 2018)]
    result = match_redial([movie("1", "The Golem", 1915), movie("2", "Golem", 2018)], cands)
    assert {m.movie_id: k for k, ms in result.by_item.items() for m in ms} == {"1": "x", "2": "y"}


def movie(mid: str, title: str, year: int | None, mentions: int = 1) -> RedialMovie:
    return RedialMovie(mid, f"{title} ({year})", title, year, mentions)


CANDS = [
    Candidate("a", "The Mummy", 1932, popularity=5),
    Candidate("b", "The Mummy", 1999, popularity=80),
    Candidate("c", "The Mummy", 2017, popularity=10),
    Candidate("d", "Independence Day", 1996, popularity=50),
    Candidate("e", "Independence Day", 1983, popularity=1),
    Candidate("f", "Night Watch", 2004, popularity=3),
    Candidate("g", "Night Watch", 2006, popularity=3),
    Candidate("h", "Jumanji", 1995, popularity=30),
    Candidate("i", "Jumanji: Welcome to the Jungle", 2017, popularity=20),
    Candidate("j", "Solaris", 1972, popularity=9),
]


def test_matching_rules() -> None:
    movies = [
        movie("1", "The Mummy", 1999),  # exact year among three
        movie("2", "Mummy, The", 2018),  # year +1 and only one candidate there: 2017
        movie("3", "Night Watch", 2005),  # +-1 is ambiguous (2004 and 2006): no match
        movie("4", "Jumanji", 2017),  # main title of the 2017 film
        RedialMovie("5", "Solaris ", "Solaris", None, 2),  # no year, unique title
        RedialMovie("6", "The Mummy ", "The Mummy", None, 2),  # no year, one clearly best known
        movie("7", "Independence Day", 2000),  # year far off: no match
        movie("8", "Nothing Like It", 2001),
    ]
    result = match_redial(movies, CANDS)
    got = {m.movie_id: item for item, ms in result.by_item.items() for m in ms}
    assert got == {"1": "b", "2": "c", "4": "i", "5": "j", "6": "b"}
    assert result.stats["exact_year"] == 1
    assert result.stats["year_off_by_one"] == 1
    assert result.stats["title_part"] == 1
    assert result.stats["no_year"] == 2
    assert result.stats["unmatched"] == 3
    assert [m.movie_id for m in result.by_item["b"]] == ["1", "6"]


def test_exact_year_wins_over_off_by_one() -> None:
    cands = [Candidate("x", "Heat", 1995), Candidate("y", "Heat", 1996)]
    result = match_redial([movie("1", "Heat", 1995)], cands)
    assert list(result.by_item) == ["x"]
    assert result.stats["year_off_by_one"] == 0


def test_no_year_with_comparable_popularity_is_left_alone() -> None:
    cands = [Candidate("x", "Ghost", 1990, popularity=30), Candidate("y", "Ghost", 2023, 25)]
    result = match_redial([RedialMovie("1", "Ghost", "Ghost", None, 3)], cands)
    assert result.by_item == {}


def test_load_redial_movies(tmp_path: Path) -> None:
    (tmp_path / "movies_with_mentions.csv").write_text(
        'movieId,movieName,nbMentions\n1,Heat (1995),4\n2,"Up, Up  (2009)",2\n', encoding="utf-8"
    )
    movies = load_redial_movies(tmp_path)
    assert movies == [
        RedialMovie("1", "Heat (1995)", "Heat", 1995, 4),
        RedialMovie("2", "Up, Up  (2009)", "Up, Up", 2009, 2),
    ]


def test_load_redial_movies_errors(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="CHATBOT_REDIAL_DIR"):
        load_redial_movies(tmp_path)
    (tmp_path / "movies_with_mentions.csv").write_text(
        "movieId,movieName,nbMentions\n1,X (1990),many\n"
    )
    with pytest.raises(CatalogError) as e:
        load_redial_movies(tmp_path)
    assert e.value.line == 2 and e.value.field == "nbMentions"


def test_title_part_needs_more_than_a_one_word_subtitle() -> None:
    cands = [Candidate("x", "Justice League: War", 2014), Candidate("y", "M - Eine Stadt", 1931)]
    result = match_redial([movie("1", "War", 2014), movie("2", "M", 1931)], cands)
    assert {m.movie_id: k for k, ms in result.by_item.items() for m in ms} == {"2": "y"}


def test_co_mentions_count_movies_named_in_the_same_dialogue(tmp_path: Path) -> None:
    from catalog.redial import co_mentions

    path = tmp_path / "train.jsonl"
    dialogue = '{{"movieMentions": {{{}}}, "messages": []}}'
    lines = [
        dialogue.format('"1": "A", "2": "B", "3": "C"'),
        dialogue.format('"1": "A", "2": "B"'),
        dialogue.format('"2": "B", "9": "not in the catalogue"'),
        "",
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    item_of = {"1": "m1", "2": "m2", "3": "m3"}
    lists, dialogues = co_mentions(path, item_of)
    assert dialogues == 3
    assert lists["m1"] == [["m2", 2], ["m3", 1]]
    assert lists["m3"] == [["m1", 1], ["m2", 1]]
    strong, _ = co_mentions(path, item_of, min_count=2, top=1)
    assert strong == {"m1": [["m2", 2]], "m2": [["m1", 2]]}


def test_co_mentions_name_the_line_of_a_broken_dialogue(tmp_path: Path) -> None:
    from catalog.redial import co_mentions

    path = tmp_path / "train.jsonl"
    path.write_text('{"movieMentions": {}}\n{not json\n', encoding="utf-8")
    with pytest.raises(CatalogError, match="line 2"):
        co_mentions(path, {})
