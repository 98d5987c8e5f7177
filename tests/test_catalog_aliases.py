"""English aliases from ReDial names that a non-English film's own synopsis uses
(catalog.entities.english_title_aliases)."""

from __future__ import annotations

from catalog.entities import english_title_aliases
from chatbot.catalog import Item


def film(n: int, title: str, year: int, description: str, language: str = "ja") -> Item:
    return Item(
        id=f"f{n}",
        title=title,
        year=year,
        description=description,
        facets={"language": (language,)},
    )


FILMS = [
    film(1, "風の谷", 1984, "Valley Of The Winds is an anime film about a princess and a jungle."),
    film(2, "月の舟", 2004, "A boy and a ghost ship. After Valley of the Winds, its maker ..."),
    film(3, "龍の谷", 2000, "Dragon Valley, Hidden Sword tells of two warriors and a lost blade."),
    film(4, "Valley of the Winds", 2019, "Valley of the Winds is a remake.", language="en"),
]


def aliases(items: list[Item]) -> dict[str, list[str]]:
    return {i.title: list(i.extra.get("aliases", ())) for i in items if i.extra.get("aliases")}


def test_a_name_without_a_year_counts_only_where_it_opens_the_synopsis() -> None:
    """ReDial lists 'Spirited Away' without a year; Ponyo's synopsis names Howl's Moving Castle
    further in, which is no name of Ponyo."""
    items, added = english_title_aliases(FILMS, [("Valley of the Winds", None)])
    assert aliases(items) == {"風の谷": ["Valley of the Winds"]}
    assert added == 1


def test_punctuation_does_not_keep_a_name_from_its_synopsis() -> None:
    """'Crouching Tiger, Hidden Dragon' (ReDial) is written without the comma in its synopsis."""
    items, _ = english_title_aliases(FILMS, [("Dragon Valley: Hidden Sword", 2000)])
    assert aliases(items) == {"龍の谷": ["Dragon Valley: Hidden Sword"]}


def test_a_name_with_a_year_needs_the_year() -> None:
    items, added = english_title_aliases(FILMS, [("Dragon Valley, Hidden Sword", 2010)])
    assert added == 0 and not aliases(items)
