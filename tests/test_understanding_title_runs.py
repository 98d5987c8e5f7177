"""Several films in one message, named as people type them (corpus pair dev60 / heldout59 and
probe W of the twenty-third session), on the real catalogue: lists with any separators, a
series with an exception or its numbers after its noun, one more film added to the last
message, 'none of A, B or C', verdict nouns in the plural, the user's elliptical verdict after
someone else's, a version told by its director. The sentences and films here are other than
the corpus's and the probe's."""

from __future__ import annotations

import pytest

from chatbot.catalog import Catalog
from chatbot.config import Settings
from chatbot.dialogue import DialogueManager
from chatbot.events import InterestExpressed, ItemLiked, ItemRejected, ItemSeen
from chatbot.interest import InterestState
from chatbot.sessions import MemorySessionStore
from chatbot.understanding import Understander


@pytest.fixture(scope="module")
def nlu(movies_catalog: Catalog) -> Understander:
    return Understander(movies_catalog, verdicts=None)


def _items(nlu: Understander, text: str) -> dict[str, set[str]]:
    found = nlu.understand(text, InterestState())
    return {
        name: {e.title for e in found.events if isinstance(e, kind)}
        for name, kind in (("liked", ItemLiked), ("rejected", ItemRejected), ("seen", ItemSeen))
    }


def _topics(nlu: Understander, text: str) -> set[str]:
    events = nlu.understand(text, InterestState()).events
    return {e.text for e in events if isinstance(e, InterestExpressed)}


@pytest.mark.parametrize(
    ("text", "key", "films"),
    [
        # full stops, dashes and slashes between lower-case titles, the verdict after them
        ("fargo. zodiac. memento. loved all three.", "liked",
         {"Fargo (1996)", "Zodiac (2007)", "Memento (2000)"}),
        ("adored jaws - alien - rocky", "liked", {"Jaws (1975)", "Alien (1979)", "Rocky (1976)"}),
        ("inception / the departed / the prestige - seen them all", "seen",
         {"Inception (2010)", "The Departed (2006)", "The Prestige (2006)"}),
        # a bulleted list (read as a comma list) and a verdict on its own line
        ("- speed\n- signs\n- jaws\nall watched already", "seen",
         {"Speed (1994)", "Signs (2002)", "Jaws (1975)"}),
    ],
)  # fmt: skip
def test_a_list_typed_with_any_separator(
    nlu: Understander, text: str, key: str, films: set[str]
) -> None:
    found = _items(nlu, text)
    assert films <= found[key], found
    assert not _topics(nlu, text), _topics(nlu, text)


def test_plain_words_are_no_list(nlu: Understander) -> None:
    # small talk and verdict words typed like a list are no films
    assert _items(nlu, "great, thanks. more please") == {"liked": set(), "rejected": set(),
                                                          "seen": set()}  # fmt: skip
    assert _items(nlu, "work and school were too much") == {
        "liked": set(),
        "rejected": set(),
        "seen": set(),
    }


def test_a_series_with_an_exception(nlu: Understander) -> None:
    found = _items(nlu, "loved all the toy story movies except the second")
    assert "Toy Story 2 (1999)" in found["seen"] - found["liked"], found
    assert {"Toy Story (1995)", "Toy Story 3 (2010)"} <= found["liked"], found
    found = _items(nlu, "seen all the shrek films but 3")
    assert "Shrek the Third (2007)" not in found["seen"], found
    assert {"Shrek (2001)", "Shrek 2 (2004)"} <= found["seen"], found


def test_a_series_numbers_after_its_noun(nlu: Understander) -> None:
    found = _items(nlu, "had a back to the future marathon, 1 to 3, all brilliant")
    assert {
        "Back to the Future (1985)",
        "Back to the Future Part II (1989)",
        "Back to the Future Part III (1990)",
    } <= found["liked"], found


def test_a_letter_and_number_beside_a_known_one(nlu: Understander) -> None:
    # 'T3' has too few votes on its own; beside 'T2' it is read as its sibling
    found = _items(nlu, "t1 great, t3 awful")
    assert "Terminator 3: Rise of the Machines (2003)" in found["rejected"], found
    assert "The Terminator (1984)" in found["liked"], found


@pytest.mark.parametrize(
    ("text", "key", "films"),
    [
        ("none of Jaws, Alien or Rocky did much for me", "rejected",
         {"Jaws (1975)", "Alien (1979)", "Rocky (1976)"}),
        ("none of fargo, zodiac or memento were any good", "rejected",
         {"Fargo (1996)", "Zodiac (2007)", "Memento (2000)"}),
    ],
)  # fmt: skip
def test_none_of_a_list(nlu: Understander, text: str, key: str, films: set[str]) -> None:
    found = _items(nlu, text)
    assert films <= found[key], found
    assert not found["liked"], found


def test_none_of_people_is_no_list(nlu: Understander) -> None:
    assert not _items(nlu, "none of my friends have seen Zodiac")["liked"]


def test_verdict_nouns_in_the_plural(nlu: Understander) -> None:
    found = _items(nlu, "saw fargo and zodiac last month, both gems")
    assert {"Fargo (1996)", "Zodiac (2007)"} <= found["liked"], found
    found = _items(nlu, "watched jaws 2 and jaws 3, both duds")
    assert "Jaws 2 (1978)" in found["rejected"], found


def test_a_list_past_when_and_with_whom(nlu: Understander) -> None:
    found = _items(nlu, "watched Fargo at the cinema and Zodiac on netflix, both superb")
    assert {"Fargo (1996)", "Zodiac (2007)"} <= found["liked"], found
    # someone met is no film
    found = _items(nlu, "watched Fargo with the kids and Grandma")
    assert found["liked"] | found["seen"] <= {"Fargo (1996)"}, found


def test_a_title_named_again_takes_its_verdict(nlu: Understander) -> None:
    found = _items(nlu, "signs, her and split - seen them all, liked her the most")
    assert "Her (2013)" in found["liked"], found
    assert {"Signs (2002)", "Split (2016)"} <= found["seen"], found


def test_titles_complained_of_in_lower_case(nlu: Understander) -> None:
    found = _items(nlu, "signs and split were too slow")
    assert {"Signs (2002)", "Split (2016)"} <= found["rejected"], found
    found = _items(nlu, "speed was too slow, heat too")
    assert {"Speed (1994)", "Heat (1995)"} <= found["rejected"], found


def test_a_fragment_judged_with_it(nlu: Understander) -> None:
    assert "Signs (2002)" in _items(nlu, "signs - hated it")["rejected"]
    assert not any(_items(nlu, "school - hated it").values())


def test_the_users_elliptical_verdict_after_someone_elses(nlu: Understander) -> None:
    found = _items(nlu, "my daughter loved Frozen, I didn't")
    assert "Frozen (2013)" in found["rejected"], found
    assert "Frozen (2013)" not in found["liked"], found


def test_a_version_told_by_its_director(nlu: Understander) -> None:
    # no Scarface synopsis names De Palma's star; the years of his films in the person index do
    found = _items(nlu, "scarface, the pacino one, is brilliant")
    assert found["liked"] == {"Scarface (1983)"}, found
    assert "Al Pacino" not in str(nlu.understand("scarface, the pacino one", InterestState()))


@pytest.fixture(scope="module")
def manager(movies_catalog: Catalog, movie_settings: Settings) -> DialogueManager:
    settings = movie_settings.replace(llm="template", store="memory")
    return DialogueManager.from_settings(settings, store=MemorySessionStore())


@pytest.mark.parametrize(
    ("first", "then", "key"),
    [
        ("I've watched Jaws", "and Rocky", "seen"),
        ("couldn't stand Jaws", "rocky too", "disliked"),
        ("loved Jaws", "Rocky as well", "liked"),
    ],
)
def test_one_more_film_takes_the_last_messages_verdict(
    manager: DialogueManager, first: str, then: str, key: str
) -> None:
    sid = f"more-{key}"
    manager.respond(sid, first)
    manager.respond(sid, then)
    state = manager.state(sid)
    held = {state.label(i) for i in getattr(state, key)}
    assert {"Jaws (1975)", "Rocky (1976)"} <= held, state.summary()
    if key != "liked":
        assert not state.liked, state.summary()


def test_the_rest_of_a_series(nlu: Understander) -> None:
    found = _items(nlu, "toy story 1 and 3 were great, the rest were dull")
    assert {"Toy Story 2 (1999)", "Toy Story 4 (2019)"} <= found["rejected"], found
    assert {"Toy Story (1995)", "Toy Story 3 (2010)"} <= found["liked"], found
    # 'the others' after two films of a series is no The Others (2001)
    found = _items(nlu, "the godfather and the godfather part ii rule, the others less so")
    assert "The Others (2001)" not in str(found), found


def test_the_start_of_a_subtitle_beside_its_series(nlu: Understander) -> None:
    # 'empire' beside a Star Wars film is The Empire Strikes Back, not Empire (1964)
    found = _items(nlu, "a new hope and empire were both great")
    assert any("Empire Strikes Back" in t for t in found["liked"]), found
    assert "Empire (1964)" not in found["liked"], found
    # alone it stays the film of that name
    assert "Empire (1964)" in _items(nlu, "loved Empire")["liked"]


def test_seen_one_but_not_the_other(nlu: Understander) -> None:
    found = _items(nlu, "I've watched Alien but not Aliens")
    assert "Alien (1979)" in found["seen"], found
    assert "Aliens (1986)" not in found["rejected"] | found["liked"] | found["seen"], found


def test_a_list_before_an_equals_sign(nlu: Understander) -> None:
    found = _items(nlu, "Fargo + Zodiac + Memento = my perfect night")
    assert {"Fargo (1996)", "Zodiac (2007)", "Memento (2000)"} <= found["liked"], found


def test_a_version_needs_the_name_said_as_one(nlu: Understander) -> None:
    # a possessive after a comma or a person after 'with' says no version of the title before
    found = _items(nlu, "adored heat, hated ocean's thirteen")
    assert found["liked"] == {"Heat (1995)"}, found
    assert "Ocean's Thirteen (2007)" in found["rejected"], found
    events = nlu.understand("a film like heat with tom cruise", InterestState()).events
    assert "Tom Cruise" in str(events) and "The Heat" not in str(events), events


def test_none_of_or_neither_everyday_titles(nlu: Understander) -> None:
    found = _items(nlu, "none of jaws, signs or split really worked for me")
    assert {"Jaws (1975)", "Signs (2002)", "Split (2016)"} <= found["rejected"], found
    found = _items(nlu, "neither speed nor drive did it for me")
    assert {"Speed (1994)", "Drive (2011)"} <= found["rejected"], found
    assert not found["liked"], found


def test_the_exception_is_watched_not_loved(nlu: Understander) -> None:
    found = _items(nlu, "all the back to the future films except the third were great")
    assert "Back to the Future Part III (1990)" in found["seen"], found
    assert "Back to the Future Part III (1990)" not in found["liked"], found
    found = _items(nlu, "all the shrek films except shrek 2, loved them")
    assert "Shrek 2 (2004)" in found["seen"] - found["liked"], found
    assert "Shrek (2001)" in found["liked"], found
    # what is not seen is no exception to a verdict
    found = _items(nlu, "I've seen all the toy story films except the last one")
    assert "Toy Story 4 (2019)" not in found["seen"], found


def test_one_film_then_the_rest_of_its_series(nlu: Understander) -> None:
    found = _items(nlu, "jaws was great, the sequels were awful")
    assert "Jaws (1975)" in found["liked"], found
    assert "Jaws 2 (1978)" in found["rejected"], found


def test_a_chain_of_added_films(manager: DialogueManager) -> None:
    for text in ("seen fargo", "memento too", "and zodiac"):
        manager.respond("chain", text)
    state = manager.state("chain")
    seen = {state.label(i) for i in state.seen}
    assert {"Fargo (1996)", "Memento (2000)", "Zodiac (2007)"} <= seen, state.summary()
    assert not state.liked, state.summary()


def test_the_others_with_a_bare_not(nlu: Understander) -> None:
    found = _items(nlu, "rocky was brilliant, the others not")
    assert "Rocky (1976)" in found["liked"], found
    assert "Rocky IV (1985)" in found["rejected"], found
    assert "Rocky IV (1985)" not in found["liked"], found


def test_a_list_of_kinds_after_neither_or_none_of_names_no_film(nlu: Understander) -> None:
    # 'Western' and 'Musical' are kinds here, not the films of those names
    found = _items(nlu, "neither western nor musical, just a good thriller")
    assert not any(found.values()), found
    found = _items(nlu, "none of war, western or musical tonight")
    assert not any(found.values()), found


def test_a_list_with_a_kinds_name_and_films_is_of_films(nlu: Understander) -> None:
    # 'alien' is a kind of film too; beside Jaws and Predator it is the film
    found = _items(nlu, "none of jaws, alien or predator were any good")
    assert {"Jaws (1975)", "Alien (1979)", "Predator (1987)"} <= found["rejected"], found
