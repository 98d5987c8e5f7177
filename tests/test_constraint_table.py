"""The constraint table (understanding.constraints.RULES): one row per phrase, read in order."""

from __future__ import annotations

import re

import pytest

from chatbot.catalog import Catalog
from chatbot.events import ConstraintCleared, ConstraintSet
from chatbot.interest import InterestState
from chatbot.understanding import Understander
from chatbot.understanding.constraints import RULES, ConstraintRule

# one phrase each row is there for; a new row needs one
EXAMPLES = {
    "friends_watching": "movie night with me and the girls",
    "children_left": "the kids went to bed",
    "for_adults": "a drama for grown ups only",
    "children_asleep": "they're asleep now",
    "audience_back": "the kids are back",
    "age": "for my 6 year old",
    "person_age": "my little brother is 8",
    "person_age_pronoun": "my nephew is visiting, he's 6",
    "school_grade": "for my 3rd grade class",
    "children": "with my kids",
    "watching_with": "for my grandmother",
    "teens": "with my teenage son",
    "young_children": "for preschoolers",
    "cleared": "any year",
    "people_in_their_decade": "they're in their 80s",
    "users_lifetime": "something from before i was born, i'm 30",
    "born_in": "I was born in 2001",
    "runtime_time_we_have": "we only have an hour",
    "runtime_time_to_kill": "2 hours to kill on a plane",
    "clean_content": "nothing inappropriate please",
    "century": "from this century",
    "decade_span": "an 80s or 90s action movie",
    "decade": "something from the early 90s",
    "year_span": "between 1990 and 2000",
    "year_relative": "nothing before 1990",
    "year_around": "circa 1985",
    "year_onwards": "2015 or later",
    "last_years": "from the last 5 years",
    "older": "something older",
    "newer": "something newer",
    "this_year": "something from this year",
    "this_decade": "a thriller made this decade",
    "runtime_nothing_under": "nothing under 90 minutes",
    "runtime_under_hour_and_half": "under an hour and a half",
    "runtime_hour_and_half_max": "hour and a half tops",
    "runtime_clock": "1h30 tops",
    "runtime_hours_minutes_max": "2 hours 10 max",
    "runtime_until_clock_time": "we should be finished by 11, starting at 9:20",
    "runtime_under_hours_minutes": "less than 1 hour 40",
    "runtime_at_most_sign": "<= 100 minutes",
    "runtime_short_refused": "not watching anything under 90 minutes",
    "runtime_at_most": "no movies over two hours",
    "runtime_between": "between 90 and 120 minutes",
    "runtime_about": "about 2 hours long",
    "runtime_of_the_film": "a fun 90 min movie",
    "runtime_compound": "a 100 minute thriller",
    "runtime_max_after": "90 minutes max",
    "runtime_is_my_limit": "90 minutes is my limit",
    "runtime_over_is_out": "anything over 2 hours is out",
    "runtime_at_least": "at least 2 hours",
    "runtime_or_more": "2 hours or more",
    "shorter": "not too long",
    "longer": "something longer than those",
    "long": "a long movie for a rainy sunday",
    "longer_the_better": "the longer the better",
    "than_a_pick": "newer than the first one",
    "stars_out_of_five": "three stars out of five",
    "rating_number_and_up": "imdb 7+",
    "rating_out_of_ten": "a war film, 8 out of 10",
    "best_films": "the best comedy films",
    "rated_well": "highly rated",
    "rated_above": "rated above 7.5",
    "rating_at_least": "with at least a 7 rating",
    "rating_raised": "bump the rating to 7",
    "rating_raised_it": "ok make it 8+",
    "rating_decimal_and_up": "westerns, say 6.5 or better",
    "rating_bare_number": "a mystery, at least a 6",
    "price_limit": "under 20 dollars",
    "cheap": "something cheap",
    "no_subtitles": "not in the mood for subtitles",
    "no_foreign": "no foreign films please",
    "foreign_wanted": "something foreign",
    "subtitles_fine": "subtitles are fine",
    "language": "dubbed in french",
    "users_origin": "i am from brazil",
    "country": "french films",
    "request_dropped": "forget what i said about shorter",
    "bound_lifted": "longer is fine now",
    "runtime_bare_number": "up to 110 is fine",
    "own_limit_judged": "ok 80 is too strict",
    "language_or_country_not": "a thriller, nothing in english please",
    "languages_or_countries": "preferably french or german",
}


def test_rows_are_named_once_and_the_audience_rows_come_first() -> None:
    names = [r.name for r in RULES]
    assert len(names) == len(set(names))
    kinds = [r.constraint for r in RULES]
    # the audience rows are read before the critiques ('too old') are marked and the rest after,
    # so they must be the table's first rows, or a row would be read out of its place
    n = kinds.count("audience")
    assert n and kinds[:n] == ["audience"] * n
    assert set(kinds) == {
        "audience",
        "any",
        "year",
        "runtime",
        "rating",
        "price",
        "language",
        "country",
    }


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_each_row_is_the_first_to_read_its_example(rule: ConstraintRule) -> None:
    assert set(EXAMPLES) == {r.name for r in RULES}
    text = EXAMPLES[rule.name]
    first = next((r.name for r in RULES if re.search(r.pattern, text)), None)
    assert first == rule.name, f"{text!r} is read by row {first!r} before {rule.name!r}"


def test_rows_for_what_the_catalogue_lacks_are_not_read(books_catalog: Catalog) -> None:
    """The books have years, prices and languages but no runtimes or ratings."""
    nlu = Understander(books_catalog)

    def constraints(text: str) -> dict[str, object]:
        got = nlu.understand(text, InterestState()).events
        return {e.name: e.value for e in got if isinstance(e, ConstraintSet)}

    assert constraints("from the early 90s") == {"year_min": 1990, "year_max": 1994}
    assert constraints("something for my 6 year old") == {"audience": "children"}
    assert constraints("under 20 dollars") == {"price_max": 20.0}
    assert "rating_min" not in constraints("highly rated")
    assert "runtime_max" not in constraints("not too long")


def test_the_audience_cleared_when_they_left_comes_back_with_them(
    movies_catalog: Catalog,
) -> None:
    """'for my 7 year old', then 'she's asleep, something for me', then 'the kids are back':
    the children's audience comes back (it had kept the grown-up's wish alone)."""
    nlu = Understander(movies_catalog)

    def events(text: str, state: InterestState) -> list[object]:
        return list(nlu.understand(text, state).events)

    state = InterestState().apply(ConstraintSet("audience", "children"))
    state = state.apply(ConstraintCleared("audience"))
    assert state.cleared == {"audience": "children"}
    for text in ("the little ones are back, anything?", "ok, with the kids again now"):
        assert ConstraintSet("audience", "children") in events(text, state), text
    assert not [e for e in events("they're back", InterestState()) if isinstance(e, ConstraintSet)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("movies from the two thousands", {"year_min": 2000, "year_max": 2009}),
        ("something from the aughts", {"year_min": 2000, "year_max": 2009}),
        ("a chill 95 min film", {"runtime_max": 105}),
        ("the 90 minute mark is where it drags", {}),
    ],
)
def test_decades_and_lengths_said_in_words(
    movies_catalog: Catalog, text: str, expected: dict[str, int]
) -> None:
    """'the two thousands' is the 2000s (it had stored 'thousands'); 'a fun 90 min movie' is a
    film of about that length (it had stored nothing)."""
    got = Understander(movies_catalog).understand(text, InterestState()).events
    assert {e.name: e.value for e in got if isinstance(e, ConstraintSet)} == expected


@pytest.mark.parametrize(
    "text",
    [
        "english only please",
        "only english, thanks",
        "not in the mood for anything with subtitles, maybe a thriller",
    ],
)
def test_english_only_is_the_language_and_no_topic(movies_catalog: Catalog, text: str) -> None:
    got = Understander(movies_catalog).understand(text, InterestState()).events
    assert ConstraintSet("language", "en") in got
    assert not [e for e in got if type(e).__name__ == "InterestExpressed"], got
