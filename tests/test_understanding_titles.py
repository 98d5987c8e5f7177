"""Titles, lists, franchises and short replies over a small hand-made film catalogue."""

from __future__ import annotations

import dataclasses

import pytest

from catalog.entities import add_people_and_studios, franchise_names, names_known_in
from chatbot.catalog import Catalog, Item
from chatbot.events import (
    AttributeAvoided,
    AttributePreferred,
    ConstraintCleared,
    ConstraintSet,
    Event,
    InterestExpressed,
    ItemLiked,
    ItemRejected,
    ItemSeen,
)
from chatbot.interest import InterestState, fold
from chatbot.understanding import Understander
from chatbot.understanding.core import plain_text
from chatbot.understanding.language import foreign_language


def film(
    n: int,
    title: str,
    year: int,
    genres: tuple[str, ...] = ("Drama",),
    series: str | None = None,
    description: str = "",
    **facets: tuple[str, ...],
) -> Item:
    extra = {"series": series} if series else {}
    if series:
        facets = {**facets, "franchise": (series,)}
    return Item(
        id=f"f{n}",
        title=title,
        year=year,
        genres=genres,
        description=description or f"A {year} film.",
        runtime=110,
        facets=facets,
        extra=extra,
    )


FILMS = [
    film(1, "Casablanca", 1942, ("Romance", "Drama")),
    film(2, "Vertigo", 1958, ("Thriller", "Mystery")),
    film(3, "Rear Window", 1954, ("Thriller",)),
    film(4, "Gladiator", 2000, ("Action", "History")),
    film(5, "Braveheart", 1995, ("Action", "War")),
    film(6, "Die Hard", 1988, ("Action",)),
    film(7, "Predator", 1987, ("Action", "Science Fiction")),
    film(8, "Interstellar", 2014, ("Science Fiction", "Drama")),
    film(9, "It", 1990, ("Horror",)),
    film(10, "It", 2017, ("Horror",)),
    film(11, "Harry Potter and the Philosopher's Stone", 2001, ("Fantasy",), "Harry Potter"),
    film(12, "Harry Potter and the Chamber of Secrets", 2002, ("Fantasy",), "Harry Potter"),
    film(13, "Harry Potter and the Prisoner of Azkaban", 2004, ("Fantasy",), "Harry Potter"),
    film(14, "Toy Story", 1995, ("Animation",), "Toy Story"),
    film(15, "Toy Story 2", 1999, ("Animation",), "Toy Story"),
    film(16, "Toy Story 3", 2010, ("Animation",), "Toy Story"),
    film(17, "The Godfather", 1972, ("Crime",), "The Godfather"),
    film(18, "The Godfather Part II", 1974, ("Crime",), "The Godfather"),
    film(19, "The Godfather Part III", 1990, ("Crime",), "The Godfather"),
    film(20, "The Matrix", 1999, ("Science Fiction",), "The Matrix"),
    film(21, "The Animatrix", 2003, ("Animation",), "The Matrix"),
    film(22, "The Matrix Reloaded", 2003, ("Science Fiction",), "The Matrix"),
    film(23, "Snatch", 2000, ("Crime", "Comedy"), person=("Guy Ritchie",)),
    film(24, "Lock, Stock and Two Smoking Barrels", 1998, ("Crime",), person=("Guy Ritchie",)),
    film(25, "Commando", 1985, ("Action",), person=("Arnold Schwarzenegger",)),
    film(26, "True Lies", 1994, ("Action",), person=("Arnold Schwarzenegger",)),
    film(27, "Old School", 2003, ("Comedy",)),
    film(28, "Moana", 2016, ("Animation", "Adventure"), audience=("Family",)),
    film(29, "Frozen", 2013, ("Animation", "Musical"), audience=("Family",)),
    film(30, "Up", 2009, ("Animation", "Adventure")),
    film(31, "Close Encounters of the Third Kind", 1977, ("Science Fiction",)),
    film(32, "E.T. The Extra-Terrestrial", 1982, ("Science Fiction", "Family")),
    film(33, "1917", 2019, ("War", "Drama")),
    film(34, "Dunkirk", 2017, ("War", "Drama")),
]


@pytest.fixture(scope="module")
def nlu() -> Understander:
    return Understander(Catalog(FILMS))


def events(nlu: Understander, text: str, state: InterestState | None = None) -> list[Event]:
    return list(nlu.understand(text, state or InterestState()).events)


def titles(evs: list[Event], kind: type) -> set[str]:
    return {e.title.rsplit(" (", 1)[0] for e in evs if isinstance(e, kind)}  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Casablanca, Vertigo, Rear Window - all watched", ItemSeen),
        ("Casablanca, Vertigo and Rear Window, seen them all", ItemSeen),
        ("Casablanca, Vertigo. hated both", ItemRejected),
        ("Casablanca and Vertigo - loved them", ItemLiked),
    ],
)
def test_a_list_takes_the_cue_of_its_last_clause(nlu: Understander, text: str, kind: type) -> None:
    evs = events(nlu, text)
    named = {"Casablanca", "Vertigo", "Rear Window"} & {t for t in titles(evs, kind)}
    assert named >= {"Casablanca", "Vertigo"}
    other = {ItemSeen, ItemLiked, ItemRejected} - {kind}
    assert not any(isinstance(e, tuple(other)) for e in evs)


def test_genre_lists_are_not_held_back_for_a_later_cue(nlu: Understander) -> None:
    evs = events(nlu, "action, not sci-fi")
    assert AttributePreferred("genre", "Action") in evs
    assert AttributeAvoided("genre", "Science Fiction") in evs


@pytest.mark.parametrize(
    "text",
    [
        "die hard and predator are my favourites",
        "die hard and predator r my fav action movies",
        "Gladiater and Braveheart are my jam",
    ],
)
def test_lower_case_and_misspelt_list_members_are_titles(nlu: Understander, text: str) -> None:
    liked = titles(events(nlu, text), ItemLiked)
    assert len(liked) == 2, liked


def test_lower_case_titles_in_questions_are_asked_about(nlu: Understander) -> None:
    found = nlu.understand("how long is interstellar", InterestState())
    assert found.question is not None and found.question.topic == "runtime"
    assert found.question.item_ids == ("f8",)
    assert not found.events


def test_a_title_with_its_year_in_brackets_is_that_film(nlu: Understander) -> None:
    shown = ("f4", "f9", "f1")
    found = nlu.understand("Why did you pick It (1990)?", InterestState(last_shown=shown))
    assert found.question is not None and found.question.item_ids == ("f9",)
    assert not found.events


def test_ordinary_lower_case_words_stay_words(nlu: Understander) -> None:
    # 'it', 'old school' and 'predators' are not titles here
    for text in ("is it long?", "an old school action movie"):
        assert not titles(events(nlu, text), ItemLiked)
    # lower-case 'old school' is a period, not the film Old School (2003)
    names = {
        e.name for e in events(nlu, "an old school action movie") if isinstance(e, ConstraintSet)
    }
    assert names == {"year_max"}
    assert titles(events(nlu, "I loved Old School"), ItemLiked) == {"Old School"}


def test_franchises_are_named_facets(nlu: Understander) -> None:
    assert events(nlu, "no more Harry Potter") == [AttributeAvoided("franchise", "Harry Potter")]
    assert AttributePreferred("franchise", "Toy Story") in events(
        nlu, "I love the Toy Story movies"
    )
    # the film when the name is used as a title
    assert titles(events(nlu, "I loved Toy Story"), ItemLiked) == {"Toy Story"}


def test_series_ordinals_and_counts(nlu: Understander) -> None:
    seen = titles(events(nlu, "I've watched the first two Godfather movies"), ItemSeen)
    assert seen == {"The Godfather", "The Godfather Part II"}
    # a spin-off of the same year comes after the film named after the series
    assert titles(events(nlu, "the second Matrix was bad"), ItemRejected) == {"The Matrix Reloaded"}


def test_bare_no_rejects_the_shown_picks(nlu: Understander) -> None:
    shown = ("f4", "f5", "f6")
    state = InterestState(last_shown=shown, shown=shown)
    for text in ("nah", "no thanks", "nope, none"):
        assert {e.item_id for e in events(nlu, text, state) if isinstance(e, ItemRejected)} == set(
            shown
        )


def test_approval_of_the_picks_is_not_a_genre_wish(nlu: Understander) -> None:
    shown = ("f4", "f5", "f6")
    evs = events(nlu, "yeah those sound fun", InterestState(last_shown=shown, shown=shown))
    assert not any(isinstance(e, AttributePreferred) for e in evs)
    assert {e.item_id for e in evs if isinstance(e, ItemLiked)} == set(shown)


def test_names_with_enough_and_possessives(nlu: Understander) -> None:
    assert AttributePreferred("person", "Guy Ritchie") in events(nlu, "Guy Ritchie's crime films")
    avoided = events(nlu, "enough Schwarzenegger, someone else")
    assert AttributeAvoided("person", "Arnold Schwarzenegger") in avoided
    # 'scary enough' is no avoidance
    assert not any(isinstance(e, AttributeAvoided) for e in events(nlu, "is it scary enough?"))


def test_markup_and_links_never_become_beliefs(nlu: Understander) -> None:
    text = "<img src=x onerror=alert(1)> [link](http://example.com) `code` <script>x()</script>"
    assert plain_text(text).split() == ["link"]
    assert not events(nlu, text + " www.evil.com")
    assert titles(events(nlu, "I loved *Casablanca* and __Vertigo__"), ItemLiked) == {
        "Casablanca",
        "Vertigo",
    }


def test_an_audience_drops_the_wishes_it_refuses() -> None:
    state = fold(
        [AttributePreferred("genre", "Horror"), AttributePreferred("genre", "Adventure")],
        InterestState(),
    )
    state = fold([ConstraintSet("audience", "children")], state)
    assert ("genre", "Horror") not in state.preferred
    assert ("genre", "Adventure") in state.preferred


def test_short_foreign_requests_are_recognised() -> None:
    assert foreign_language("Vorrei vedere un film romantico stasera") == "it"
    assert foreign_language("Ein Film mit Tom Hanks bitte") == "de"
    assert foreign_language("giallo or poliziottesco") is None


def test_names_known_in_finds_full_names_and_possessives() -> None:
    known = {"Quentin Tarantino", "Pam Grier"}
    text = "A cult film by Director Quentin Tarantino’s crew, with Pam Grier and Grier's son."
    assert names_known_in(text, known) == ["Quentin Tarantino", "Pam Grier"]
    assert names_known_in("Tarantino alone is no full name.", known) == []


def test_a_name_recognised_in_two_synopses_is_added_where_the_recogniser_missed_it() -> None:
    """spaCy's small English model misses 'a Quentin Tarantino film' in some sentences; the
    name tagged in other synopses is found there too. A name tagged once is not spread."""
    items = [
        film(1, "One", 1994, description="Pulp Fiction is a cult film by Quentin Tarantino."),
        film(2, "Two", 1992, description="The debut of director Quentin Tarantino, in a diner."),
        film(3, "Three", 1997, description="Jackie Brown is a Quentin Tarantino film."),
    ]
    out, _ = add_people_and_studios(items)
    assert all("Quentin Tarantino" in i.facet("person") for i in out), [i.facets for i in out]


def test_franchise_names_come_from_series_the_films_name() -> None:
    items = [
        film(1, "Harry Potter and the Philosopher's Stone", 2001, series="Harry Potter"),
        film(2, "Harry Potter and the Chamber of Secrets", 2002, series="Harry Potter"),
        film(3, "Dr. No", 1962, series="James Bond - 007", description="James Bond's first."),
        film(4, "Goldfinger", 1964, series="James Bond - 007"),
        film(5, "Genesis", 1990, series="Die Bibel"),
        film(6, "Exodus", 1991, series="Die Bibel"),
        film(7, "Lonely", 1990, series="Lonely Series"),
    ]
    assert franchise_names(items) == {
        "Harry Potter": "Harry Potter",
        "James Bond - 007": "James Bond",
    }


@pytest.mark.parametrize(
    ("text", "avoided"),
    [
        ("romance is a no for me. a drama?", "Romance"),
        ("sci-fi is a no-go, what about a thriller?", "Science Fiction"),
        ("I'm so over action movies. give me a crime film", "Action"),
        ("fantasy isn't my thing, how about a war film", "Fantasy"),
    ],
)
def test_a_verb_can_say_no(nlu: Understander, text: str, avoided: str) -> None:
    evs = events(nlu, text)
    assert AttributeAvoided("genre", avoided) in evs
    assert not any(isinstance(e, AttributeAvoided) and e.value != avoided for e in evs)
    assert any(isinstance(e, AttributePreferred) for e in evs)  # the other genre is wanted


@pytest.mark.parametrize(
    ("text", "name", "value"),
    [
        ("horror but nothing from the 80s", "decade_not", 1980),
        ("no 90s stuff please", "decade_not", 1990),
        ("not before the 90s", "year_min", 1990),
        ("a western that's at least 2 hours long", "runtime_min", 120),
        ("a drama over 2 hours", "runtime_min", 120),
        ("a thriller, 1h30 tops", "runtime_max", 90),
        ("creepy under an hour n half", "runtime_max", 90),
        ("something from this century", "year_min", 2000),
        ("an 80s or 90s action movie", "year_min", 1980),
        ("an 80s or 90s action movie", "year_max", 1999),
        ("a movie around 90 minutes", "runtime_max", 100),
        ("not too long, max 1.5 hours", "runtime_max", 90),
    ],
)
def test_constraint_phrasings(nlu: Understander, text: str, name: str, value: int) -> None:
    got = {e.name: e.value for e in events(nlu, text) if isinstance(e, ConstraintSet)}
    assert got.get(name) == value, got


def test_decades_and_minimum_lengths_filter_items() -> None:
    from chatbot.filters import Filters, parse_filters

    f = Filters(decades_none=(1980,), runtime_min=100)
    casablanca, commando = FILMS[0], FILMS[24]
    assert not f.matches(commando)  # 1985
    assert f.matches(casablanca)  # 1942, 110 minutes
    assert not Filters(runtime_min=120).matches(casablanca)
    assert parse_filters(f.to_exprs()) == f
    state = fold([ConstraintSet("decade_not", 1980)], InterestState())
    assert "Not from the 1980s" in [b.label for b in state.beliefs()]


def test_comma_and_lists_and_everyday_words_after_a_past_cue(nlu: Understander) -> None:
    liked = titles(events(nlu, "loved gladiator, braveheart, and predator"), ItemLiked)
    assert liked == {"Gladiator", "Braveheart", "Predator"}
    # a title inside a longer capitalised name is not that title
    assert not titles(events(nlu, "I loved The Lives of Casablanca Nights"), ItemLiked)


def test_yes_no_questions_about_what_a_film_is() -> None:
    from chatbot.answers import answer
    from chatbot.understanding.core import Question

    bw = film(40, "Paths", 1957, ("War",), style=("Black And White Film",), source=("Novel",))
    catalog = Catalog([*FILMS, bw])
    ask = Question("genre", (bw.id,))
    assert answer(ask, "is it in black and white?", catalog).startswith("Yes")
    assert answer(ask, "is it based on a book?", catalog).startswith("Yes")
    assert answer(ask, "is it animated?", catalog).startswith("Not that the catalogue says")
    # horror is not gore: a plain horror film is not called gory, nor said not to be
    gore = answer(Question("suitability", ("f9",)), "is it gory?", catalog)
    assert gore.startswith("The catalogue does not say whether") and "often are" in gore
    # a film of no such genre: probably not
    assert answer(Question("suitability", (bw.id,)), "is it funny?", catalog).startswith(
        "Probably not"
    )


def test_topics_left_out_match_genres_and_stems() -> None:
    from chatbot.filters import Filters

    doc = film(41, "Leaks", 2014, ("Documentary", "Political Documentary"), description="Leaks.")
    assert not Filters(text_none=("politics",)).matches(doc)
    assert Filters(text_none=("dogs",)).matches(doc)


def test_leaving_out_a_franchise_named_like_its_film(nlu: Understander) -> None:
    evs = events(nlu, "something animated, not toy story though")
    assert AttributeAvoided("franchise", "Toy Story") in evs
    # a like or a dislike of the film itself stays about the film
    assert titles(events(nlu, "I didn't like toy story"), ItemRejected) == {"Toy Story"}


@pytest.mark.parametrize(
    "text",
    ["Old school action please", "It was a long week, something light", "Predators scare me"],
)
def test_an_everyday_word_opening_a_sentence_is_no_title(nlu: Understander, text: str) -> None:
    assert not titles(events(nlu, text), ItemLiked)


def test_an_opening_title_said_to_be_good_is_a_title(nlu: Understander) -> None:
    assert titles(events(nlu, "Predator was great"), ItemLiked) == {"Predator"}
    assert titles(events(nlu, "Interstellar"), ItemLiked) == {"Interstellar"}


@pytest.mark.parametrize(
    ("text", "avoided", "wanted"),
    [
        ("comedy yes, action no", "Action", "Comedy"),
        ("spare me the fantasy stuff, a war film", "Fantasy", "War"),
        ("a thriller minus the horror", "Horror", "Thriller"),
        ("zero interest in animation", "Animation", None),
    ],
)
def test_more_ways_to_say_no(
    nlu: Understander, text: str, avoided: str, wanted: str | None
) -> None:
    evs = events(nlu, text)
    assert AttributeAvoided("genre", avoided) in evs
    if wanted:
        assert AttributePreferred("genre", wanted) in evs
    assert not any(isinstance(e, AttributeAvoided) and e.value == wanted for e in evs)


def test_grown_kids_are_no_children_audience(nlu: Understander) -> None:
    evs = events(nlu, "not animated please, my kids are grown")
    assert not any(isinstance(e, ConstraintSet) and e.name == "audience" for e in evs)


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("loved Toy Story 1 and 2", ItemLiked, {"Toy Story", "Toy Story 2"}),
        (
            "seen the godfather 1, 2 and 3",
            ItemSeen,
            {"The Godfather", "The Godfather Part II", "The Godfather Part III"},
        ),
        (
            "I've watched all the Harry Potter films",
            ItemSeen,
            {
                "Harry Potter and the Philosopher's Stone",
                "Harry Potter and the Chamber of Secrets",
                "Harry Potter and the Prisoner of Azkaban",
            },
        ),
        (
            "loved the first and second Godfather",
            ItemLiked,
            {"The Godfather", "The Godfather Part II"},
        ),
        (
            "seen: casablanca, vertigo, rear window",
            ItemSeen,
            {"Casablanca", "Vertigo", "Rear Window"},
        ),
        (
            "my favourites: Casablanca; Vertigo; Gladiator",
            ItemLiked,
            {"Casablanca", "Vertigo", "Gladiator"},
        ),
    ],
)
def test_several_films_of_a_series_or_list_at_once(
    nlu: Understander, text: str, kind: type, expected: set[str]
) -> None:
    assert titles(events(nlu, text), kind) == expected


@pytest.mark.parametrize(
    ("text", "audience"),
    [
        ("we have teenagers, something fun", "teen"),
        ("a PG movie please", "family"),
        ("something for preschoolers", "children"),
        ("family movie night with the grandparents", "family"),
    ],
)
def test_more_audiences(nlu: Understander, text: str, audience: str) -> None:
    evs = events(nlu, text)
    assert ConstraintSet("audience", audience) in evs
    assert not any(isinstance(e, InterestExpressed) for e in evs)  # no 'night', 'teenagers'


def test_questions_over_the_picks_and_genre_questions(nlu: Understander) -> None:
    from chatbot.answers import answer

    shown = ("f4", "f5", "f6")  # Gladiator 2000, Braveheart 1995, Die Hard 1988
    state = InterestState(last_shown=shown, shown=shown)
    found = nlu.understand("which one is the newest?", state)
    assert found.question is not None and set(found.question.item_ids) == set(shown)
    text = answer(found.question, "which one is the newest?", Catalog(FILMS))
    assert text.startswith("**Gladiator (2000)** is the newest.")
    # the rating asked for in other words; with too few votes for any, the best is still named
    ratings = {"f4": 6.5, "f5": 8.0, "f6": 7.0}
    rated = Catalog(
        [
            dataclasses.replace(f, rating=ratings[f.id], votes=3) if f.id in ratings else f
            for f in FILMS
        ]
    )
    for asked_best, best_film, words in (
        ("which has the top score?", "Braveheart", "rated highest, though on very few votes"),
        ("which is the lowest rated?", "Gladiator", "rated lowest"),
    ):
        best = answer(nlu.understand(asked_best, state).question, asked_best, rated)
        assert best.startswith(f"**{best_film}") and words in best.split("\n")[0], best
    asked = nlu.understand("is Casablanca a romance?", InterestState())
    assert asked.question is not None and asked.question.topic == "genre"
    assert not asked.events


def test_capitalised_everyday_words_mid_sentence(nlu: Understander) -> None:
    assert not titles(events(nlu, "a story about Old School friends"), ItemLiked)
    assert not titles(events(nlu, "a movie where It is always raining"), ItemLiked)
    assert titles(events(nlu, "I liked Predator and Commando"), ItemLiked) == {
        "Predator",
        "Commando",
    }


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        # a list that a known title closes links every member before it, in any case
        (
            "big fan of die hard, predator, commando and the godfather",
            ItemLiked,
            {"Die Hard", "Predator", "Commando", "The Godfather"},
        ),
        (
            "my favourites are snatch, commando and the matrix",
            ItemLiked,
            {"Snatch", "Commando", "The Matrix"},
        ),
        # typos inside such a list
        (
            "the godfater, comando and die hard, all time faves",
            ItemLiked,
            {"The Godfather", "Commando", "Die Hard"},
        ),
        # an adjective or adverb that is the whole object of the cue, or the list's last member
        ("hated frozen but loved moana", ItemRejected, {"Frozen"}),
        ("loved toy story 3 and up", ItemLiked, {"Toy Story 3", "Up"}),
        ("1917 and dunkirk were both amazing", ItemLiked, {"1917", "Dunkirk"}),
        # the leading words of exactly one long title, and dotted abbreviations
        ("i loved close encounters", ItemLiked, {"Close Encounters of the Third Kind"}),
        (
            "Seen: Die Hard, E.T., Close Encounters",
            ItemSeen,
            {"Die Hard", "E.T. The Extra-Terrestrial", "Close Encounters of the Third Kind"},
        ),
        # a verdict on all the titles named before ('both', 'them', 'all')
        (
            "watched casablanca and vertigo last week, both great",
            ItemLiked,
            {"Casablanca", "Vertigo"},
        ),
        ("I saw Heat and Vertigo. Loved both", ItemLiked, {"Vertigo"}),
        (
            "saw the first two harry potter movies, didn't like them",
            ItemRejected,
            {"Harry Potter and the Philosopher's Stone", "Harry Potter and the Chamber of Secrets"},
        ),
    ],
)
def test_lists_prefixes_and_verdicts_on_all_of_them(
    nlu: Understander, text: str, kind: type, expected: set[str]
) -> None:
    assert titles(events(nlu, text), kind) == expected


@pytest.mark.parametrize(
    ("text", "liked"),
    [
        ("I loved E.T. It was great.", {"E.T. The Extra-Terrestrial"}),
        ("I loved Predator. It was great.", {"Predator"}),
        ("I loved Predator. Hated Commando.", {"Predator"}),
        ("i loved dark comedies", set()),
        ("something like close to home", set()),
    ],
)
def test_sentence_openers_and_modifiers_are_not_titles(
    nlu: Understander, text: str, liked: set[str]
) -> None:
    evs = events(nlu, text)
    assert titles(evs, ItemLiked) == liked
    assert "It" not in titles(evs, ItemLiked) | titles(evs, ItemRejected)


def test_questions_about_everyday_word_titles_and_unknown_ones(nlu: Understander) -> None:
    found = nlu.understand("how long is up", InterestState())
    assert found.question is not None and found.question.item_ids == ("f30",)
    made_up = nlu.understand("how long is The Marble Lighthouse?", InterestState())
    assert made_up.question is not None and made_up.question.unknown == "Marble Lighthouse"
    assert not made_up.events


def test_idioms_with_negative_words_and_emoji(nlu: Understander) -> None:
    assert AttributePreferred("genre", "Action") in events(
        nlu, "I can't get enough of action movies"
    )
    assert AttributeAvoided("genre", "Action") not in events(
        nlu, "I can't get enough of action movies"
    )
    assert AttributeAvoided("genre", "Action") in events(
        nlu, "action is a hard no for me, crime is fine"
    )
    assert AttributePreferred("genre", "Crime") in events(
        nlu, "action is a hard no for me, crime is fine"
    )
    shown = ("f4", "f5", "f6")
    state = InterestState(last_shown=shown, shown=shown)
    assert titles(events(nlu, "👎", state), ItemRejected) == {"Gladiator", "Braveheart", "Die Hard"}
    for text in ("sure", "perfect, more like these", "yeah"):
        assert not nlu.understand(text, state).small_talk, text
    assert nlu.understand("perfect, thanks!", state).small_talk


def test_when_the_children_leave_their_audience_limit_goes(nlu: Understander) -> None:
    from chatbot.events import BeliefRemoved, ConstraintCleared

    state = fold(events(nlu, "a family film for the whole family"))
    assert state.constraints.get("audience") == "family"
    later = events(nlu, "ok the kids went to bed, now a horror movie for us", state)
    assert ConstraintCleared("audience") in later
    assert AttributePreferred("genre", "Horror") in later
    after = fold(later, state)
    assert "audience" not in after.constraints
    assert all(f != "audience" for f, _ in after.preferred)
    # the kinds wished for while the family watched lapse with them; the new wish stays
    assert after.preferred == (("genre", "Horror"),), after.preferred
    assert any(isinstance(e, BeliefRemoved) for e in later) == bool(state.preferred)
    # no children in the state: nothing to lift, and 'without the kids' is no children audience
    assert not any(
        isinstance(e, ConstraintSet) for e in events(nlu, "a movie without the kids tonight")
    )


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("film night with my grandparents, they're in their 80s", {"year_min", "year_max"}),
        ("something for me, I am in my early thirties", {"year_min", "year_max"}),
    ],
)
def test_ages_are_no_decades_and_i_is_no_title(
    nlu: Understander, text: str, absent: set[str]
) -> None:
    evs = events(nlu, text)
    assert not {e.name for e in evs if isinstance(e, ConstraintSet)} & absent
    assert not titles(evs, ItemLiked)


@pytest.mark.parametrize(
    "text",
    [
        "my sisters are over tonight, maybe a musical",
        "movie night with my cousins, something funny",
        "any recommendations for a rainy sunday afternoon?",
        "a sleepover with a bunch of friends",
    ],
)
def test_who_watches_and_when_are_no_topics(nlu: Understander, text: str) -> None:
    assert not [e for e in events(nlu, text) if isinstance(e, InterestExpressed)]


def test_people_in_the_story_are_still_topics(nlu: Understander) -> None:
    assert InterestExpressed("brothers") in events(nlu, "a movie about two brothers")


def test_interjections_before_a_question_and_half_hours(nlu: Understander) -> None:
    shown = ("f4", "f5", "f6")
    found = nlu.understand("wait why did you suggest the last one", InterestState(last_shown=shown))
    assert found.question is not None and found.question.topic == "reason"
    assert found.question.item_ids == ("f6",) and not found.events
    assert ConstraintSet("runtime_min", 150) in events(nlu, "an epic, at least 2 and a half hours")
    assert ConstraintSet("runtime_max", 150) in events(nlu, "under two and a half hours please")


@pytest.mark.parametrize(
    "text",
    [
        "something to watch on the plane",
        "a movie for a long flight",
        "a film to watch with pizza and beer",
        "a good movie for my birthday party",
        "what should I watch on my lunch break",
        "a movie for a lazy day on the couch",
    ],
)
def test_when_and_where_one_watches_are_no_topics(nlu: Understander, text: str) -> None:
    assert not [e for e in events(nlu, text) if isinstance(e, InterestExpressed)], text


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("a movie with dragons", "dragons"),
        ("a movie set during ww2", "ww2"),
        ("a movie set on a plane", "plane"),
        ("a movie for jazz fans", "jazz"),
    ],
)
def test_the_films_own_setting_and_features_stay_topics(
    nlu: Understander, text: str, topic: str
) -> None:
    assert InterestExpressed(topic) in events(nlu, text)


def test_feeling_bored_is_no_verdict(nlu: Understander) -> None:
    shown = ("f4", "f5", "f6")
    evs = events(nlu, "i'm bored and home alone, any ideas", InterestState(last_shown=shown))
    assert not titles(evs, ItemRejected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("made after the year 2000", {"year_min": 2001}),
        ("a movie from around 2010", {"year_min": 2007, "year_max": 2013}),
        ("something not too old, 2000s or later", {"year_min": 2000}),
        ("the 80s or earlier", {"year_max": 1989}),
        ("no movies over two hours", {"runtime_max": 120}),
        ("nothing under 90 minutes", {"runtime_min": 90}),
        ("something with good reviews, 7.5 and up", {"rating_min": 7.5}),
        ("imdb 7+", {"rating_min": 7.0}),
    ],
)
def test_more_phrasings_of_years_lengths_and_ratings(text: str, expected: dict[str, float]) -> None:
    from dataclasses import replace

    films = [
        replace(film(n, f"Film number {n}", 1950 + 2 * n), rating=5.0 + n / 10)
        for n in range(1, 36)
    ]
    nlu = Understander(Catalog([*films, film(99, "Rated", 2020)]))
    evs = nlu.understand(text, InterestState()).events
    got = {e.name: e.value for e in evs if isinstance(e, ConstraintSet)}
    assert got == expected
    assert not [e for e in evs if isinstance(e, InterestExpressed)]


def test_kind_of_film_and_people_after_a_title(nlu: Understander) -> None:
    assert not titles(events(nlu, "a family film but not a frozen one"), ItemRejected)
    evs = events(nlu, "I loved Predator with Arnold Schwarzenegger")
    assert titles(evs, ItemLiked) == {"Predator"}
    found = nlu.understand("any good movies starring Denzel Washington", InterestState())
    assert not found.unknown_titles  # a person the catalogue does not know, not a title


def test_genre_names_with_an_ampersand_and_taste_after_into() -> None:
    films = [
        film(1, "Snowpiercer", 2013, ("Action", "Utopia & Dystopia")),
        film(2, "Looper", 2012, ("Science Fiction", "Utopia & Dystopia")),
        film(3, "Conan", 1982, ("Sword And Sorcery",)),
    ]
    nlu = Understander(Catalog(films))
    for text in ("I'm not into utopia & dystopia", "not into utopia and dystopia"):
        assert AttributeAvoided("genre", "Utopia & Dystopia") in events(nlu, text), text
    assert AttributePreferred("genre", "Sword And Sorcery") in events(nlu, "some sword and sorcery")


def test_a_prefix_of_function_words_is_no_title() -> None:
    nlu = Understander(Catalog([*FILMS, film(40, "I Can Only Imagine", 2018)]))
    found = nlu.understand("a movie that my son and i can both enjoy", InterestState())
    assert not titles(list(found.events), ItemLiked)
    assert titles(events(nlu, "i loved close encounters"), ItemLiked) == {
        "Close Encounters of the Third Kind"
    }


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("that was bad", ItemRejected),
        ("that one was awful", ItemRejected),
        ("that was great", ItemLiked),
    ],
)
def test_a_verdict_on_that_pick(nlu: Understander, text: str, kind: type) -> None:
    evs = events(nlu, text, InterestState(last_shown=("f4", "f5", "f6")))
    assert titles(evs, kind) == {"Gladiator"}
    other = {ItemLiked, ItemRejected} - {kind}
    assert not any(isinstance(e, tuple(other)) for e in evs)


@pytest.mark.parametrize(
    "text",
    ["the matrix, that was amazing", "the matrix, loved it", "Vertigo, that one was great"],
)
def test_a_title_taken_up_by_a_pronoun(nlu: Understander, text: str) -> None:
    evs = events(nlu, text, InterestState(last_shown=("f4", "f5", "f6")))
    assert titles(evs, ItemLiked) in ({"The Matrix"}, {"Vertigo"}), evs


@pytest.mark.parametrize(
    ("text", "rejects"),
    [
        ("i just finished breaking bad", False),
        ("just watched breaking bad lol", False),
        ("nah i'll pass", True),
        ("not feeling any of these", True),
        ("these are bad", True),
        ("no thanks", True),
    ],
)
def test_a_bare_negative_word_rejects_the_picks_only_when_said_of_them(
    nlu: Understander, text: str, rejects: bool
) -> None:
    evs = events(nlu, text, InterestState(last_shown=("f4", "f5", "f6")))
    assert bool(titles(evs, ItemRejected)) == rejects, evs


def test_newer_or_older_than_the_film_compared_with(nlu: Understander) -> None:
    state = InterestState(last_shown=("f1", "f2", "f3"))  # the 1940s-50s on the table
    evs = events(nlu, "movies like the matrix but newer", state)
    assert ConstraintSet("year_min", 2000) in evs
    evs = events(nlu, "something like Gladiator, only older", state)
    assert ConstraintSet("year_max", 1999) in evs
    assert ConstraintSet("year_min", 1955) in events(nlu, "newer please", state)


@pytest.mark.parametrize(
    "text",
    [
        "just got dumped lol, need something to cheer me up",
        "it's my birthday, treat me to an adventure",
        "my twins are turning 5, a movie for their party",
        "big night in with pizza, action please",
        "i'm home sick with the flu, something easy to watch",
        "my friend Amelia said I should watch a good thriller",
        "my boss is a nightmare lol, anything with crime",
        "i'm in a dark place, need something",
    ],
)
def test_the_users_own_circumstances_are_no_topics(nlu: Understander, text: str) -> None:
    evs = events(nlu, text)
    assert not [e for e in evs if isinstance(e, InterestExpressed)], evs
    assert not titles(evs, ItemLiked)


@pytest.mark.parametrize(
    ("text", "topic"),
    [("a movie about my hometown", "hometown"), ("i'm crazy about sharks", "sharks")],
)
def test_what_the_film_is_about_stays_a_topic(nlu: Understander, text: str, topic: str) -> None:
    assert InterestExpressed(topic) in events(nlu, text)


def test_a_taste_said_as_a_fact_about_the_user_is_kept(nlu: Understander) -> None:
    assert AttributePreferred("genre", "Crime") in events(nlu, "my favourite genre is crime")
    assert AttributePreferred("genre", "Action") in events(nlu, "work was brutal, action please")
    assert not [
        e
        for e in events(nlu, "work was brutal, action please")
        if isinstance(e, AttributePreferred) and e.facet != "genre"
    ]


def test_ages_of_the_users_people(nlu: Understander) -> None:
    for text in ("my little brother is 8", "my twins are turning 5", "my son's 7"):
        assert ConstraintSet("audience", "children") in events(nlu, text), text
    assert not [e for e in events(nlu, "my wife is 30") if isinstance(e, ConstraintSet)]
    kids = InterestState(constraints={"audience": "children"})
    evs = events(nlu, "they're asleep now, a thriller for me", kids)
    assert ConstraintCleared("audience") in evs


@pytest.mark.parametrize(
    ("text", "liked", "rejected"),
    [
        ("dunkirk 🔥 predator 🔥 vertigo 🔥", {"Dunkirk", "Predator", "Vertigo"}, set()),
        (
            "interstelar, the predatr and vertgo are my top 3",
            {"Interstellar", "Predator", "Vertigo"},
            set(),
        ),
        ("loved predator but up was kinda boring", {"Predator"}, {"Up"}),
        (
            "the matrix reloaded was bad, the first one rules",
            {"The Matrix"},
            {"The Matrix Reloaded"},
        ),
    ],
)
def test_lists_ordinals_and_verdicts(
    nlu: Understander, text: str, liked: set[str], rejected: set[str]
) -> None:
    evs = events(nlu, text)
    assert titles(evs, ItemLiked) == liked, evs
    assert titles(evs, ItemRejected) == rejected, evs


def test_questions_with_contractions_and_untried_genres(nlu: Understander) -> None:
    found = nlu.understand("why'd you pick the first one", InterestState(last_shown=("f4",)))
    assert found.question is not None and found.question.topic == "reason"
    assert not found.events
    evs = events(nlu, "never really watched a war film, I'd like to try one")
    assert [e for e in evs if isinstance(e, AttributePreferred)] == [
        AttributePreferred("genre", "War")
    ]
    assert AttributePreferred("genre", "Crime") in events(nlu, "i wouldn't say no to a crime flick")


def test_names_of_the_users_people_and_unknown_longer_titles() -> None:
    films = [*FILMS, film(41, "Annie", 1982, ("Musical",)), film(42, "The Deep", 1977)]
    nlu = Understander(Catalog(films))
    for text in ("my daughter Annie is 8, what would she love", "I loved Jaws of the Deep"):
        found = nlu.understand(text, InterestState())
        assert not titles(list(found.events), ItemLiked), found
        assert not [e for e in found.events if isinstance(e, InterestExpressed)], found
    found = nlu.understand("Vertigo, Step Brothers, Annie - love all of them", InterestState())
    assert "Annie" in titles(list(found.events), ItemLiked)  # a list, not 'my brothers Annie'


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("seen the matrix interstellar vertigo and dunkirk", ItemSeen, 4),
        ("dunkirk 😍 interstellar 😍 vertigo 😐", ItemLiked, 2),
        ("i can't stop watching crime movies lately", AttributePreferred, 1),
    ],
)
def test_run_on_lists_emoji_verdicts_and_idioms(
    nlu: Understander, text: str, kind: type, expected: int
) -> None:
    evs = events(nlu, text)
    assert len([e for e in evs if isinstance(e, kind)]) == expected, evs
    assert not [e for e in evs if isinstance(e, AttributeAvoided)]


def test_a_question_in_a_later_clause_and_people_named_before(nlu: Understander) -> None:
    found = nlu.understand(
        "ok quick one but how long is Interstellar, i have 2 hours", InterestState()
    )
    assert found.question is not None and found.question.topic == "runtime"
    arnold = InterestState(preferred=(("person", "Arnold Schwarzenegger"),))
    assert AttributeAvoided("person", "Arnold Schwarzenegger") in events(
        nlu, "no more arnold", arnold
    )
    liked = InterestState(liked=("f23",))  # Snatch, by Guy Ritchie
    assert AttributePreferred("person", "Guy Ritchie") in events(
        nlu, "more by whoever directed that", liked
    )
    assert AttributeAvoided("person", "Guy Ritchie") in events(
        nlu, "nothing from the guy who made it", liked
    )


def test_whether_the_catalogue_holds_a_film_is_answered_from_its_facts() -> None:
    from chatbot.answers import answer
    from chatbot.understanding.core import Question

    catalog = Catalog(FILMS)
    item = FILMS[0]
    said = answer(Question("held", (item.id,)), f"do you have {item.title}?", catalog)
    assert said.startswith(f"Yes, **{item.label}** is in the catalogue")
    assert item.description.split(".")[0][:30] in said


def test_picks_named_by_number_before_any_were_shown() -> None:
    from chatbot.answers import answer

    nlu = Understander(Catalog(FILMS))
    for text in ("is the third one scary?", "why did you pick #2?", "how long is the last one"):
        found = nlu.understand(text, InterestState())
        assert found.question is not None and found.question.nothing_shown, text
        assert not found.events
        said = answer(found.question, text, Catalog(FILMS))
        assert said.startswith("I haven't shown you any picks yet"), said
    # feedback on a pick by number: nothing is learned and the note says why
    said = nlu.understand("not the 2nd one", InterestState())
    assert not said.events and any("haven't shown you any picks" in n for n in said.notes)
    # once picks are on the table the same words point at them
    state = InterestState(last_shown=("f1", "f2", "f3"), shown=("f1", "f2", "f3"))
    asked = nlu.understand("is the third one scary?", state)
    assert asked.question is not None and asked.question.item_ids == ("f3",)
    # an ordinal after a title of a series is that series' film, with or without 'one'
    rejected = nlu.understand("toy story 1 and 2 are my favs but I hate the third", state)
    assert titles(list(rejected.events), ItemRejected) == {"Toy Story 3"}
    assert titles(list(rejected.events), ItemLiked) == {"Toy Story", "Toy Story 2"}
    assert not rejected.notes


def test_how_long_answers_say_whether_it_fits_the_time_the_user_has() -> None:
    from chatbot.answers import answer
    from chatbot.understanding.core import Question

    catalog = Catalog(FILMS)  # every film runs 110 minutes
    ask = Question("runtime", ("f8",))
    assert (
        answer(ask, "how long is it?", catalog)
        == "**Interstellar (2014)** runs 110 minutes (1 h 50 min)."
    )
    assert answer(ask, "is it long? i have only 90 minutes", catalog).endswith(
        "That is longer than the 90 minutes you have."
    )
    assert answer(ask, "how long is it, we've got two hours", catalog).endswith(
        "That fits in the 2 hours you have."
    )
    nlu = Understander(catalog)
    for text in ("is interstellar long?", "was Interstellar too long? i have 2 hours"):
        found = nlu.understand(text, InterestState())
        assert found.question is not None and found.question.topic == "runtime", text
        assert not found.events, text
    assert nlu.understand("is there something short?", InterestState()).question is None


def test_suitability_for_a_teenager_is_not_a_childs() -> None:
    from chatbot.answers import answer
    from chatbot.understanding.core import Question

    gory = film(42, "Bloodbath", 2009, ("Horror", "Splatter Film"))
    catalog = Catalog([*FILMS, gory])
    teen = answer(Question("suitability", ("f6",)), "is it ok for my 15 year old?", catalog)
    assert "fine for a teenager" in teen
    no = answer(Question("suitability", (gory.id,)), "ok for a teenager?", catalog)
    assert no.startswith("Not for a teenager") and "Splatter Film" in no
    child = answer(Question("suitability", ("f6",)), "is it ok for my 7 year old?", catalog)
    assert "teenager" not in child


def test_suitability_of_unmarked_grown_up_animation_says_why() -> None:
    from chatbot.answers import answer
    from chatbot.understanding.core import Question

    war = film(43, "Refuge", 2017, ("Animation", "Drama"))
    cartoon = film(44, "Barnyard Pals", 2006, ("Animation", "Comedy"))
    catalog = Catalog([*FILMS, war, cartoon])
    no = answer(Question("suitability", (war.id,)), "is it ok for my 7 year old?", catalog)
    assert no.startswith("Probably not for children") and "Drama" in no
    yes = answer(Question("suitability", (cartoon.id,)), "ok for the kids?", catalog)
    assert yes.endswith("fine for children.")


@pytest.mark.parametrize(
    ("text", "kind", "named"),
    [
        # a verdict said of the title after 'was' / 'is', with an intensifier or slang
        ("up was so sweet", ItemLiked, {"Up"}),
        ("gladiator was kinda slow", ItemRejected, {"Gladiator"}),
        # felt, no verdict: the film named, liked by default as any film named without one
        ("predator was intense af", ItemLiked, {"Predator"}),
        ("snatch is underrated", ItemLiked, {"Snatch"}),
        # the subject of a verdict on what it did to the user
        ("frozen creeped me out", ItemLiked, {"Frozen"}),
        # a credit between the title and its verdict
        ("up by pete docter was so good", ItemLiked, {"Up"}),
        # turned down after the title, without a verb
        ("vertigo was great, rear window not so much", ItemRejected, {"Rear Window"}),
        ("dunkirk, couldnt even finish it", ItemRejected, {"Dunkirk"}),
        # watched over and over
        ("frozen and moana are on repeat at our house", ItemLiked, {"Frozen", "Moana"}),
        # two words a verb of liking governs, the second no everyday word
        ("the kids like up and moana", ItemLiked, {"Up", "Moana"}),
    ],
)
def test_verdicts_said_of_everyday_word_titles(
    nlu: Understander, text: str, kind: type, named: set[str]
) -> None:
    assert titles(events(nlu, text), kind) == named


@pytest.mark.parametrize(
    "text",
    [
        "it was funny, really",  # a pronoun before the verdict is no title
        "good to hear and up to you",  # no verb of liking before the pair
        "the party was wild, something fun",
        "work was so slow today, need a laugh",
        "the weather is sad, cheer me up",
    ],
)
def test_verdicts_on_other_subjects_name_no_title(nlu: Understander, text: str) -> None:
    evs = events(nlu, text)
    assert not any(isinstance(e, ItemLiked | ItemRejected | ItemSeen) for e in evs), evs


@pytest.mark.parametrize(
    "text",
    ["now just me, something dark", "ok kids in bed, a thriller", "so just me and my wife now"],
)
def test_the_user_alone_again_drops_the_childrens_limit(nlu: Understander, text: str) -> None:
    state = InterestState(constraints={"audience": "children"})
    assert ConstraintCleared("audience") in events(nlu, text, state)


@pytest.mark.parametrize(
    ("text", "item"),
    [("who directed gladiator", "f4"), ("who's in vertigo?", "f2"), ("who stars in up", "f30")],
)
def test_who_made_or_plays_in_a_named_film_is_asked(
    nlu: Understander, text: str, item: str
) -> None:
    found = nlu.understand(text, InterestState())
    assert found.question is not None and found.question.topic == "people"
    assert found.question.item_ids == (item,)
    assert not found.events


@pytest.mark.parametrize(
    ("text", "name"),
    [("something w denzel", "Denzel"), ("anything starring zendaya", "Zendaya")],
)
def test_a_lone_name_no_synopsis_uses_is_no_topic(nlu: Understander, text: str, name: str) -> None:
    found = nlu.understand(text, InterestState())
    assert not any(isinstance(e, InterestExpressed) for e in found.events), found.events
    assert any(name in note for note in found.notes), found.notes
    # a plural noun after 'with' stays a topic, and so does a kind before a film noun
    assert InterestExpressed("kangaroos") in events(nlu, "something with kangaroos")
    assert InterestExpressed("puppet") in events(nlu, "puppet movies")
    # (claymation is a kind since the sixteenth session: the Stop Motion genre)


def test_near_enough_and_amount_words_are_no_topics(nlu: Understander) -> None:
    # '-ish' says 'about that': the kind itself
    assert AttributePreferred("genre", "Thriller") in events(nlu, "something thriller-ish")
    # an amount or a suggestion is no topic of its own
    for text in ("mostly drama, a tiny bit of romance", "lets go with a thriller"):
        evs = events(nlu, text)
        assert not any(isinstance(e, InterestExpressed) for e in evs), evs


def test_no_after_a_question_mark_answers_it_only_when_it_closes_its_clause(
    nlu: Understander,
) -> None:
    evs = events(nlu, "a thriller? no musicals please")
    assert AttributePreferred("genre", "Thriller") in evs
    assert AttributeAvoided("genre", "Musical") in evs
    assert AttributeAvoided("genre", "Romance") in events(nlu, "romance? nope.")


def test_a_negator_before_a_named_thing_is_not_the_seen_cues(nlu: Understander) -> None:
    evs = events(nlu, "a thriller but not horror i've seen it all")
    assert AttributeAvoided("genre", "Horror") in evs
    assert AttributePreferred("genre", "Horror") not in evs
    # a negator before a cue of two words still turns the verdict after it
    evs = events(nlu, "not really into horror stuff, what about a thriller?")
    assert AttributeAvoided("genre", "Horror") in evs


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("up was such a sweet movie", {"Up"}),
        ("vertigo and gladiator are both 10/10", {"Vertigo", "Gladiator"}),
    ],
)
def test_praise_with_an_article_or_a_score(nlu: Understander, text: str, named: set[str]) -> None:
    assert titles(events(nlu, text), ItemLiked) == named


@pytest.mark.parametrize(
    ("text", "kind", "named"),
    [
        # a verdict verb closing the clause its everyday-word subject opens
        ("gladiator slaps", ItemLiked, {"Gladiator"}),
        ("predator still holds up", ItemLiked, {"Predator"}),
        ("up goes hard honestly", ItemLiked, {"Up"}),
        # a complaint of what the film did to the user
        ("frozen drove me nuts", ItemRejected, {"Frozen"}),
        # a verdict of its own after a comma, no verb
        ("vertigo was great, snatch nah", ItemRejected, {"Snatch"}),
        ("dunkirk was fine, frozen meh", ItemRejected, {"Frozen"}),
        ("casablanca was lovely with my gran, moana not so much", ItemRejected, {"Moana"}),
        # a list member a pronoun takes up again after 'tho'
        ("true lies tho, loved it", ItemLiked, {"True Lies"}),
        # the first film of a series by its number
        ("toy story 1 was great", ItemLiked, {"Toy Story"}),
        # slang: mediocre is a letdown; enjoyed for how bad it is
        ("vertigo was mid", ItemRejected, {"Vertigo"}),
        ("commando is so bad it's good", ItemLiked, {"Commando"}),
        ("frozen so annoying", ItemRejected, {"Frozen"}),
        # a verdict verb after a title of several words
        ("rear window slaps", ItemLiked, {"Rear Window"}),
    ],
)
def test_verdicts_closing_the_clause_of_a_title(
    nlu: Understander, text: str, kind: type, named: set[str]
) -> None:
    assert titles(events(nlu, text), kind) == named


@pytest.mark.parametrize(
    "text",
    ["school sucks, need a laugh", "my week sucked, something fun", "life rocks", "my life sucks"],
)
def test_verdict_verbs_on_the_users_day_name_no_title(nlu: Understander, text: str) -> None:
    evs = events(nlu, text)
    assert not any(isinstance(e, ItemLiked | ItemRejected | ItemSeen) for e in evs), evs


def test_what_a_film_did_to_the_family_is_no_audience(nlu: Understander) -> None:
    evs = events(nlu, "moana made the whole family cry, we adored it")
    assert titles(evs, ItemLiked) == {"Moana"}
    assert not any(isinstance(e, ConstraintSet) for e in evs), evs
    evs = events(nlu, "up made my kids cry")
    assert titles(evs, ItemLiked) == {"Up"}
    assert not any(isinstance(e, ConstraintSet) for e in evs), evs
    # who watches now still sets the audience
    assert ConstraintSet("audience", "family") in events(nlu, "something for the whole family")


@pytest.mark.parametrize(
    ("text", "topic", "items"),
    [
        ("when did up come out", "year", ("f30",)),
        ("what year was frozen released", "year", ("f29",)),
        ("gladiator or braveheart which is better", "rating", ("f4", "f5")),
        ("which one is better, vertigo or casablanca?", "rating", ("f2", "f1")),
        ("who played the dad in up", "people", ("f30",)),
        ("is up good for a first date", "suitability", ("f30",)),
    ],
)
def test_questions_about_films_named_in_lower_case(
    nlu: Understander, text: str, topic: str, items: tuple[str, ...]
) -> None:
    found = nlu.understand(text, InterestState())
    assert found.question is not None, found.events
    assert found.question.topic == topic
    assert set(found.question.item_ids) == set(items)
    assert not found.events


def test_neither_hated_nor_loved_is_no_verdict(nlu: Understander) -> None:
    evs = events(nlu, "i don't hate thrillers but i don't love them either, what else")
    assert not any(isinstance(e, AttributeAvoided | AttributePreferred) for e in evs), evs
    evs = events(nlu, "i dont mind casablanca but i dont love it")
    assert titles(evs, ItemSeen) == {"Casablanca"}
    assert not any(isinstance(e, ItemLiked | ItemRejected) for e in evs), evs
    # not hated, with something else after 'but'
    evs = events(nlu, "i don't hate gladiator but the ending drags")
    assert not titles(evs, ItemRejected), evs
    evs = events(nlu, "i dont hate thrillers but i prefer westerns")
    assert AttributeAvoided("genre", "Thriller") not in evs, evs


def test_initials_fans_type_for_well_known_titles() -> None:
    known = [dataclasses.replace(f, votes=40) for f in FILMS]
    for n, name in enumerate(
        (
            *("All Night Diner", "Ae Fond Kiss", "Star Wars: Episode IV - A New Hope"),
            "Star Wars: Episode V - The Empire Strikes Back",
        )
    ):
        known.append(dataclasses.replace(film(35 + n, name, 1977 + n, series=name[:9]), votes=40))
    nlu = Understander(Catalog(known))
    # a subtitle's initials; an article fans type with the rest
    assert titles(events(nlu, "loved esb so much"), ItemLiked) == {
        "Star Wars: Episode V - The Empire Strikes Back"
    }
    assert titles(events(nlu, "tmr was mid"), ItemRejected) == {"The Matrix Reloaded"}
    # chat abbreviations are no initials
    assert not titles(events(nlu, "afk for a bit, then a comedy"), ItemLiked)
    evs = events(nlu, "loved ceottk and ts2")
    assert titles(evs, ItemLiked) == {"Close Encounters of the Third Kind", "Toy Story 2"}
    assert titles(events(nlu, "ts1 is a classic"), ItemLiked) == {"Toy Story"}
    # an English word is never read as initials ('and' for All Night Diner)
    evs = events(nlu, "action and comedy")
    assert not any(isinstance(e, ItemLiked) for e in evs), evs
    # films few people voted on are not abbreviated
    assert not titles(events(Understander(Catalog(FILMS)), "loved ceottk"), ItemLiked)


def test_whether_a_person_is_in_a_named_film_is_answered(nlu: Understander) -> None:
    from chatbot.answers import answer

    catalog = Catalog(FILMS)
    for text, yes in (("is guy ritchie in snatch?", True), ("is guy ritchie in commando", False)):
        found = nlu.understand(text, InterestState())
        assert found.question is not None and found.question.topic == "people", found.events
        assert not found.events
        said = answer(found.question, text, catalog)
        assert said.startswith("Yes") == yes, said
        assert ("Snatch" if yes else "Commando") in said, said
    # 'who stars in X': the film is named in the answer, never taken for a person
    found = nlu.understand("who stars in commando", InterestState())
    assert found.question is not None
    said = answer(found.question, "who stars in commando", catalog)
    assert "Commando" in said and "In Commando" not in said, said


@pytest.mark.parametrize(
    "text",
    ["the kids are with grandma tonight, date night", "my kids are staying with their dad"],
)
def test_children_away_with_someone_else_set_no_limit(nlu: Understander, text: str) -> None:
    assert not any(isinstance(e, ConstraintSet) for e in events(nlu, text)), events(nlu, text)
    state = InterestState(constraints={"audience": "children"})
    assert ConstraintCleared("audience") in events(nlu, text, state)
    # with the user, they watch
    assert ConstraintSet("audience", "children") in events(nlu, "the kids are with me tonight")


@pytest.mark.parametrize(
    "text",
    [
        "watching with me and the guys, something with car chases",
        "a comedy for the girls tonight",
        "boys' night, give me a war film",
        "the lads want something scary",
    ],
)
def test_the_users_friends_are_no_children(nlu: Understander, text: str) -> None:
    found = events(nlu, text)
    assert not any(isinstance(e, ConstraintSet) for e in found), found
    assert not any(
        isinstance(e, InterestExpressed) and e.text in ("boys", "girls", "guys", "lads")
        for e in found
    ), found


@pytest.mark.parametrize(
    "text",
    [
        "a comedy for the girls, they're 6 and 9",
        "my boys want a funny film",
        "for the little girls",
    ],
)
def test_children_named_with_an_age_or_as_ones_own_stay_children(
    nlu: Understander, text: str
) -> None:
    assert ConstraintSet("audience", "children") in events(nlu, text), events(nlu, text)


def test_a_letter_doubled_in_the_wrong_place_is_a_typo() -> None:
    from chatbot.understanding.titles import _close_enough

    # seven letters allow one edit; the double moved is two edits but one slip
    assert _close_enough("tobbaco", "tobacco")
    assert _close_enough("kallata", "kalatta")
    # other letters, not a slip of doubling: two edits stay too many for a short title
    assert not _close_enough("tobanno", "tobacco")


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("seen toy story 1-3", ItemSeen, {"Toy Story", "Toy Story 2", "Toy Story 3"}),
        (
            "loved the godfather 1 through 3",
            ItemLiked,
            {"The Godfather", "The Godfather Part II", "The Godfather Part III"},
        ),
        (
            "we watched harry potter 1 to 3 last week",
            ItemSeen,
            {
                "Harry Potter and the Philosopher's Stone",
                "Harry Potter and the Chamber of Secrets",
                "Harry Potter and the Prisoner of Azkaban",
            },
        ),
        ("toy story 2 - 3 were sweet", ItemLiked, {"Toy Story 2", "Toy Story 3"}),
    ],
)
def test_a_range_of_series_numbers_names_every_film_in_it(
    nlu: Understander, text: str, kind: type, expected: set[str]
) -> None:
    evs = events(nlu, text)
    assert titles(evs, kind) == expected
    assert not any(isinstance(e, InterestExpressed) for e in evs)


def test_a_range_past_the_catalogue_says_the_missing_film_is_unknown(nlu: Understander) -> None:
    result = nlu.understand("seen toy story 1-4", InterestState())
    assert titles(list(result.events), ItemSeen) == {"Toy Story", "Toy Story 2", "Toy Story 3"}
    assert any("toy story 4" in u.lower() for u in result.unknown_titles)


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("we loved the first two toy stories", ItemLiked, {"Toy Story", "Toy Story 2"}),
        (
            "seen all the godfathers",
            ItemSeen,
            {"The Godfather", "The Godfather Part II", "The Godfather Part III"},
        ),
        (
            "the first and second harry potters were great",
            ItemLiked,
            {"Harry Potter and the Philosopher's Stone", "Harry Potter and the Chamber of Secrets"},
        ),
        ("both toy storys are great", ItemLiked, {"Toy Story", "Toy Story 2"}),
    ],
)
def test_a_series_named_in_the_plural_after_a_count_or_all(
    nlu: Understander, text: str, kind: type, expected: set[str]
) -> None:
    evs = events(nlu, text)
    assert titles(evs, kind) == expected
    assert not any(isinstance(e, InterestExpressed) for e in evs)


def test_a_number_of_the_series_left_out_takes_its_own_verdict(nlu: Understander) -> None:
    evs = events(nlu, "loved toy story 1 and 2 but not 3")
    assert titles(evs, ItemLiked) == {"Toy Story", "Toy Story 2"}
    assert titles(evs, ItemRejected) == {"Toy Story 3"}
    evs = events(nlu, "the godfather 1 and 2 are perfect, except the third")
    assert titles(evs, ItemLiked) == {"The Godfather", "The Godfather Part II"}
    assert "The Godfather Part III" not in titles(evs, ItemLiked)
    # 'seen 1 and 2, not 3': the third is unseen, which is nothing to store
    evs = events(nlu, "seen toy story 1 and 2 but not 3")
    assert titles(evs, ItemSeen) == {"Toy Story", "Toy Story 2"}
    assert not titles(evs, ItemRejected)
