"""Several films in one message, each with its own verdict (corpus pair dev58 / heldout57 and
probe S of the twenty-first session), on the real catalogue. The Understander here has no
learned verdict model: these hold on the tables alone (tests/test_understanding_verdicts.py
covers what the model adds)."""

from __future__ import annotations

import pytest

from chatbot.catalog import Catalog
from chatbot.events import ItemLiked, ItemRejected, ItemSeen
from chatbot.interest import InterestState
from chatbot.understanding import Understander


@pytest.fixture(scope="module")
def nlu(movies_catalog: Catalog) -> Understander:
    return Understander(movies_catalog, verdicts=None)


def _read(nlu: Understander, text: str) -> dict[str, set[str]]:
    found = nlu.understand(text, InterestState())
    return {
        name: {e.title for e in found.events if isinstance(e, kind)}
        for name, kind in (("liked", ItemLiked), ("rejected", ItemRejected), ("seen", ItemSeen))
    }


@pytest.mark.parametrize(
    ("text", "liked", "rejected"),
    [
        # a title-cased everyday word judged by a verb that closes its clause
        ("Speed rocks but Split was dumb", {"Speed (1994)"}, {"Split (2016)"}),
        ("Gravity slaps", {"Gravity (2013)"}, set()),
        # a verdict after 'was' is no title of its own, and no list member
        ("Heat was wild, Drive was great", {"Heat (1995)", "Drive (2011)"}, set()),
        # numeric titles as the subject of a verdict
        ("1917 was great", {"1917 (2019)"}, set()),
        # the negation before a comma does not reach a list with its own verdict
        (
            "not the gory kind, Hereditary and The Babadook were perfect",
            {"Hereditary (2018)", "The Babadook (2014)"},
            set(),
        ),
        # 'all' inside the verdict phrase is not 'all of them'
        ("Heat was great, Drive was all style no substance", {"Heat (1995)"}, {"Drive (2011)"}),
        # the user's own verdict on the films someone else likes
        (
            "my brother loves Superbad and Step Brothers, I find them both dumb",
            set(),
            {"Superbad (2007)", "Step Brothers (2008)"},
        ),
        # an elliptic 'but X was' turns the complaint before it round
        ("Titanic (1997) wasn't for me, but Ghost was", {"Ghost (1990)"}, {"Titanic (1997)"}),
        # a count of viewings that makes a favourite
        (
            "couldn't finish The Irishman, but Goodfellas and Casino I've rewatched a dozen times",
            {"Goodfellas (1990)", "Casino (1995)"},
            {"The Irishman (2019)"},
        ),
        # a franchise named as a series heads the places of its films
        (
            "the Matrix trilogy: loved the first two, the third dragged",
            {"The Matrix (1999)", "The Matrix Reloaded (2003)"},
            {"The Matrix Revolutions (2003)"},
        ),
        ("the toy story films: the second one is the best", {"Toy Story 2 (1999)"}, set()),
        # a capitalised everyday title opening a clause, said to have moved the user
        ("Heat was great, and Up made me cry", {"Heat (1995)", "Up (2009)"}, set()),
        # what a film did to the user is said of it alone, not the list's verdict before it
        (
            "Heat was great, Drive was dull, Up made me bawl",
            {"Heat (1995)", "Up (2009)"},
            {"Drive (2011)"},
        ),
        # 'once' after a film is how often it was watched
        ("watched Avatar once, never again", set(), {"Avatar (2009)"}),
    ],
)
def test_each_film_lands_where_the_user_put_it(
    nlu: Understander, text: str, liked: set[str], rejected: set[str]
) -> None:
    got = _read(nlu, text)
    assert got["liked"] == liked
    assert got["rejected"] == rejected


@pytest.mark.parametrize(
    "text",
    [
        "Rain sucks",  # no film Rain judged
        "2012 was a great year for me",  # a year
        "Loved Elvis. Is there room for another music biopic?",  # no Room (2015)
        "Heat was great but Ronin was",  # no complaint to turn round
    ],
)
def test_look_alikes_judge_no_other_film(nlu: Understander, text: str) -> None:
    got = _read(nlu, text)
    assert not got["rejected"]
    assert got["liked"] <= {"Elvis (2022)", "Heat (1995)", "Ronin (1998)"}


def test_a_few_viewings_are_no_favourite(nlu: Understander) -> None:
    for text in ("seen Heat twice", "I've seen Ronin 3 times"):
        got = _read(nlu, text)
        assert len(got["seen"]) == 1 and not got["liked"], text


def test_a_pickless_ordinal_named_by_its_series_leaves_no_note(nlu: Understander) -> None:
    found = nlu.understand("the toy story films: the second one is the best", InterestState())
    assert not found.notes


def test_a_favourite_by_count_is_seen_too(nlu: Understander) -> None:
    got = _read(nlu, "I've seen The Apartment and Some Like It Hot a dozen times")
    films = {"The Apartment (1960)", "Some Like It Hot (1959)"}
    assert got["liked"] == films and got["seen"] == films


def test_a_question_before_a_no_turns_no_film_down(nlu: Understander) -> None:
    got = _read(nlu, "who directed jaws? no wait I know, spielberg. what else did he make?")
    assert not got["rejected"]
