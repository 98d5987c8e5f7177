"""Title lists as people type them (corpus pair dev62 / heldout61 and probe T of the
twenty-fifth session), on the real catalogue: a number after a word of limit, a series counted
by its episodes, lists of films not seen, a heading of favourite films, dots and commas that
belong to a title, 'along with', 'we did see', semicolons after a heading, a bare 'not' or a
thumb after a film, a film turned down in a clause of its own, one more film or a sequel's part
added in the next message, 'only X was good', 'every X except', a year of the user's life.
The sentences and films here are other than the corpus's and the probe's."""

from __future__ import annotations

from dataclasses import replace

import pytest

from chatbot.catalog import Catalog, Item
from chatbot.events import ConstraintSet, InterestExpressed, ItemLiked, ItemRejected, ItemSeen
from chatbot.interest import InterestState
from chatbot.understanding import Understander


@pytest.fixture(scope="module")
def nlu(movies_catalog: Catalog) -> Understander:
    return Understander(movies_catalog, verdicts=None)


def _film(catalog: Catalog, title: str, year: int) -> Item:
    found = [i for i in catalog if i.title == title and i.year == year]
    assert len(found) == 1, (title, year, found)
    return found[0]


def _items(nlu: Understander, text: str, state: InterestState | None = None) -> dict[str, set[str]]:
    found = nlu.understand(text, state or InterestState())
    return {
        name: {e.title for e in found.events if isinstance(e, kind)}
        for name, kind in (("liked", ItemLiked), ("rejected", ItemRejected), ("seen", ItemSeen))
    }


def test_a_number_after_a_word_of_limit_is_an_amount(nlu: Understander) -> None:
    found = nlu.understand("a comedy, less than 88 minutes long", InterestState())
    assert ConstraintSet("runtime_max", 88) in found.events, found.events
    assert not _items(nlu, "a comedy, less than 88 minutes long")["liked"]
    # the film itself, named after a verdict, is still the film
    assert _items(nlu, "loved 88 minutes")["liked"] == {"88 Minutes (2007)"}


@pytest.mark.parametrize(
    ("text", "key", "films"),
    [
        ("star wars 5 and 6 were the best", "liked",
         {"Star Wars: Episode V - The Empire Strikes Back (1980)",
          "Star Wars: Episode VI - Return of the Jedi (1983)"}),
        ("i hated star wars 1 to 3", "rejected",
         {"Star Wars: Episode I - The Phantom Menace (1999)",
          "Star Wars: Episode II - Attack of the Clones (2002)",
          "Star Wars: Episode III - Revenge of the Sith (2005)"}),
    ],
)  # fmt: skip
def test_a_series_that_says_its_episodes_is_counted_by_episode(
    nlu: Understander, text: str, key: str, films: set[str]
) -> None:
    assert _items(nlu, text)[key] == films


@pytest.mark.parametrize(
    "text",
    [
        "i've seen none of them: alien, aliens, predator",
        "seen neither jaws nor alien",
        "haven't watched either rocky or predator",
    ],
)
def test_films_said_not_to_be_seen_get_nothing(nlu: Understander, text: str) -> None:
    found = nlu.understand(text, InterestState())
    assert not [e for e in found.events if isinstance(e, (ItemLiked, ItemRejected, ItemSeen))]
    assert not [e for e in found.events if isinstance(e, InterestExpressed)], found.events


@pytest.mark.parametrize(
    ("text", "films"),
    [
        ("my favourite films are the shining and the matrix",
         {"The Shining (1980)", "The Matrix (1999)"}),
        ("fave movies the departed heat casino",
         {"The Departed (2006)", "Heat (1995)", "Casino (1995)"}),
    ],
)  # fmt: skip
def test_a_heading_of_favourite_films_names_films(
    nlu: Understander, text: str, films: set[str]
) -> None:
    assert _items(nlu, text)["liked"] == films
    # a heading that says no films names none
    assert not _items(nlu, "my favourite things are the rain and the snow")["liked"]


@pytest.mark.parametrize(
    ("text", "key", "films"),
    [
        # the dots of initials and abbreviations, and a title's own commas
        ("l.a. confidential, heat and e.t. - loved them all", "liked",
         {"L.A. Confidential (1997)", "Heat (1995)", "E.T. The Extra-Terrestrial (1982)"}),
        ("monsters, inc. and coco were lovely", "liked", {"Monsters, Inc. (2001)", "Coco (2017)"}),
        ("planes, trains & automobiles and heat - seen both", "seen",
         {"Planes, Trains & Automobiles (1987)", "Heat (1995)"}),
        # joiners and headings
        ("loved Predator along with Aliens", "liked", {"Predator (1987)", "Aliens (1986)"}),
        ("watched: jaws; alien; heat", "seen", {"Jaws (1975)", "Alien (1979)", "Heat (1995)"}),
        ("we did see Jaws", "seen", {"Jaws (1975)"}),
        ("i like steven spielberg, jaws and jurassic park", "liked",
         {"Jaws (1975)", "Jurassic Park (1993)"}),
    ],
)  # fmt: skip
def test_a_list_whatever_its_punctuation(
    nlu: Understander, text: str, key: str, films: set[str]
) -> None:
    found = _items(nlu, text)
    assert found[key] == films, found
    assert not (found["rejected"] if key != "rejected" else found["liked"]), found


@pytest.mark.parametrize(
    ("text", "liked", "rejected"),
    [
        ("scream was great, scream 2 not", "Scream (1996)", "Scream 2 (1997)"),
        ("alien 👍 prometheus 👎", "Alien (1979)", "Prometheus (2012)"),
    ],
)
def test_a_bare_not_or_a_thumb_after_a_film(
    nlu: Understander, text: str, liked: str, rejected: str
) -> None:
    found = _items(nlu, text)
    assert found["liked"] == {liked} and found["rejected"] == {rejected}, found


def test_a_film_turned_down_in_a_clause_of_its_own(nlu: Understander) -> None:
    found = _items(nlu, "a thriller, not the departed though")
    assert found["rejected"] == {"The Departed (2006)"}, found
    # with a subject and a verb of its own, the words are the user's ('home alone' is the
    # user's evening, neither the film nor its series)
    found = nlu.understand("i'm not home alone tonight", InterestState())
    assert not found.events, found.events


@pytest.mark.parametrize(
    ("text", "liked", "rejected"),
    [
        ("watched rocky, rocky iv and rocky v; only liked the first",
         {"Rocky (1976)"}, {"Rocky IV (1985)", "Rocky V (1990)"}),
        ("saw alien, aliens and prometheus - only alien was any good",
         {"Alien (1979)"}, {"Aliens (1986)", "Prometheus (2012)"}),
    ],
)  # fmt: skip
def test_only_the_films_said_to_be_good_are_liked(
    nlu: Understander, text: str, liked: set[str], rejected: set[str]
) -> None:
    found = _items(nlu, text)
    assert found["liked"] == liked and found["rejected"] == rejected, found
    # without 'only', the rest stay seen, neither liked nor turned down
    found = _items(nlu, "saw alien, aliens and prometheus - alien was good")
    assert found["liked"] == {"Alien (1979)"} and not found["rejected"], found


def test_every_film_of_a_series_but_some(nlu: Understander) -> None:
    found = _items(nlu, "seen every lethal weapon except the last one")
    assert found["seen"] == {
        "Lethal Weapon (1987)", "Lethal Weapon 2 (1989)", "Lethal Weapon 3 (1992)"
    }, found  # fmt: skip


def test_a_year_of_the_users_life_is_no_constraint(nlu: Understander) -> None:
    found = nlu.understand("back in 2015 we watched inside out", InterestState())
    assert not [e for e in found.events if isinstance(e, ConstraintSet)], found.events
    assert _items(nlu, "back in 2015 we watched inside out")["seen"] == {"Inside Out (2015)"}
    # a year the films are asked from still is one
    found = nlu.understand("something from 2015 please", InterestState())
    assert ConstraintSet("year_min", 2015) in found.events, found.events


def test_one_more_film_or_part_in_the_next_message(
    nlu: Understander, movies_catalog: Catalog
) -> None:
    seen = _film(movies_catalog, "300", 2007)
    state = replace(InterestState(seen=(seen.id,)), said=("seen 300",))
    assert _items(nlu, "also 21.", state)["seen"] == {"21 (2008)"}
    # a number after a message that named no film is no film
    assert not _items(nlu, "also 21.", replace(InterestState(), said=("a comedy",)))["seen"]
    bttf = _film(movies_catalog, "Back to the Future", 1985)
    state = replace(InterestState(liked=(bttf.id,)), said=("loved back to the future",))
    assert _items(nlu, "part ii was fun too", state)["liked"] == {
        "Back to the Future Part II (1989)"
    }


def test_not_the_last_one_after_seen_denies_the_watching(
    nlu: Understander, movies_catalog: Catalog
) -> None:
    picks = tuple(
        _film(movies_catalog, t, y).id
        for t, y in (("Jaws", 1975), ("Alien", 1979), ("Predator", 1987))
    )
    state = InterestState(shown=picks, last_shown=picks)
    found = _items(nlu, "seen the first two, not the last one", state)
    assert found["seen"] == {"Jaws (1975)", "Alien (1979)"} and not found["rejected"], found
    # with a verdict said before it, the 'not' turns the film down
    found = _items(nlu, "loved the first, not the last one", state)
    assert found["rejected"] == {"Predator (1987)"}, found


@pytest.mark.parametrize(
    "text",
    [
        "none of these have I watched: fargo, zodiac, se7en",
        "neither fargo nor zodiac, but I have seen se7en",
    ],
)
def test_films_said_not_seen_with_the_verb_elsewhere(nlu: Understander, text: str) -> None:
    found = _items(nlu, text)
    assert not found["liked"] and not found["rejected"], found
    assert found["seen"] <= {"Se7en (1995)"}, found


def test_films_named_with_a_doubt_or_not_only(nlu: Understander) -> None:
    found = _items(nlu, "zodiac was superb, not sure about fargo")
    assert found["liked"] == {"Zodiac (2007)"} and not found["rejected"], found
    found = _items(nlu, "not only fargo but also zodiac were superb")
    assert found["liked"] == {"Fargo (1996)", "Zodiac (2007)"} and not found["rejected"], found


def test_a_numeric_title_after_a_favourites_heading(nlu: Understander) -> None:
    assert _items(nlu, "my favourite film is probably 300")["liked"] == {"300 (2007)"}
    # a number after a heading that names no films is no film
    assert not _items(nlu, "my favourite number is 300")["liked"]


def test_a_film_left_out_after_a_request(nlu: Understander) -> None:
    found = _items(nlu, "a sci-fi film please, but not gravity")
    assert found["rejected"] == {"Gravity (2013)"}, found
    # at the message's start the words are the user's ('not alone' is company)
    assert not _items(nlu, "not alone, my brother wants a western too")["rejected"]


def test_the_only_film_seen_or_liked(nlu: Understander) -> None:
    assert _items(nlu, "the only movie we watched in june was fargo")["seen"] == {"Fargo (1996)"}
    assert _items(nlu, "zodiac is the only crime film i like")["liked"] == {"Zodiac (2007)"}


def test_a_second_range_of_the_same_series(nlu: Understander) -> None:
    found = _items(nlu, "loved toy story 1-2 but 3-4 were meh")
    assert found["liked"] == {"Toy Story (1995)", "Toy Story 2 (1999)"}, found
    assert found["rejected"] == {"Toy Story 3 (2010)", "Toy Story 4 (2019)"}, found


def test_a_sequel_added_whose_title_is_a_verb(nlu: Understander, movies_catalog: Catalog) -> None:
    saw = _film(movies_catalog, "Saw", 2004)
    state = replace(InterestState(disliked=(saw.id,)), said=("hated saw",))
    assert _items(nlu, "saw 3 as well", state)["rejected"] == {"Saw 3 (2006)"}
    # after a message that named no film, the words are the user's
    assert not _items(nlu, "home alone as well", replace(InterestState(), said=("bored",)))["liked"]


def test_none_of_them_with_a_verb_of_its_own_turns_the_list_down(nlu: Understander) -> None:
    found = _items(nlu, "I've seen Fargo, Zodiac and Se7en, and frankly none of them did it for me")
    assert found["rejected"] == {"Fargo (1996)", "Zodiac (2007)", "Se7en (1995)"}, found


def test_a_range_after_a_marathon_is_read_once(nlu: Understander) -> None:
    found = _items(nlu, "did a lethal weapon marathon, 1 to 3, loved them")
    assert found["liked"] == {
        "Lethal Weapon (1987)", "Lethal Weapon 2 (1989)", "Lethal Weapon 3 (1992)"
    }, found  # fmt: skip
