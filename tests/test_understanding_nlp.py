"""The NLP pieces of understanding: negation scope, language, facet kinds, audiences, answers."""

from __future__ import annotations

import pytest

from chatbot.answers import answer
from chatbot.catalog import Catalog, Item
from chatbot.events import AttributeAvoided, AttributePreferred, ConstraintSet, ItemsRecommended
from chatbot.filters import (
    AUDIENCES,
    Filters,
    is_kind_of,
    mentions_any,
    parse_filters,
    unmarked_adult_signs,
)
from chatbot.interest import InterestState, fold
from chatbot.understanding import Understander
from chatbot.understanding.core import Question, normalize_slang, normalize_title
from chatbot.understanding.language import foreign_language
from chatbot.understanding.nlp import parse


def negated_words(text: str) -> list[set[str]]:
    p = parse(text)
    return [{p.words[j].text.lower() for j in scope} for _, scope in p.scopes]


def test_negation_scope_stops_where_the_wanted_thing_starts() -> None:
    assert negated_words("not a horror, a comedy") == [{"a", "horror"}]
    assert "comedy" not in set().union(*negated_words("comedies that aren't romantic"))
    assert "romantic" in set().union(*negated_words("comedies that aren't romantic"))
    # a list closed by 'or' stays negated
    assert {"horror", "gore", "zombies"} <= negated_words("no horror, gore or zombies")[0]
    assert "comedy" not in set().union(*negated_words("nothing scary but a comedy"))


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Ich suche einen lustigen Film für heute Abend", "de"),
        ("un film d'horreur s'il vous plaît", "fr"),
        ("quiero ver una comedia romántica", "es"),
        ("面白い映画を教えてください", "ja"),
        # too short for a confident reading; every word an everyday word of that language
        ("una película de miedo", "es"),
        ("ein spannender Krimi", "de"),
        ("quero um filme de terror", "pt"),  # "um" is no hesitation here
    ],
)
def test_messages_in_other_languages_are_recognised(text: str, code: str) -> None:
    assert foreign_language(text) == code


@pytest.mark.parametrize(
    "text",
    [
        "ok",
        "older",
        "a film noir",
        "I loved Amélie",
        "smth scary pls",
        "a Bollywood movie",
        "no Tom Cruise please",
        "something like El laberinto del fauno",
        "Der Untergang was great",
        "kinda mid tbh",
        "gore fest pls",
        "war movies um",  # a dictated hesitation, though 'um' is Portuguese
        "uh comedies por favor",
    ],
)
def test_english_with_foreign_words_stays_english(text: str) -> None:
    assert foreign_language(text) is None


def test_slang_and_accents_are_normalised() -> None:
    assert normalize_slang("smth scary pls w/ my kids") == "something scary please with my kids"
    assert normalize_title("Amélie") == normalize_title("Amelie") == "amelie"


def test_facet_values_cover_their_narrower_kinds() -> None:
    assert is_kind_of("Romantic Comedy", "Romance")
    assert is_kind_of("Teen Horror Film", "Horror")
    assert is_kind_of("Comedy", "Comedies")
    assert not is_kind_of("Science Fiction", "Sciense Fiction")  # a typo is not a kind
    assert not is_kind_of("Dark Comedy", "Romance")
    assert not is_kind_of("Tom Cruise Jr", "Tom Cruise", "person")  # names compare whole


def _movie(genres: tuple[str, ...], audience: tuple[str, ...] = (), text: str = "A film.") -> Item:
    facets = {"audience": audience} if audience else {}
    return Item(id="m", title="M", description=text, genres=genres, facets=facets)


def test_audiences_need_family_films_and_refuse_adult_ones() -> None:
    children, family = AUDIENCES["children"], AUDIENCES["family"]
    assert children.admits(_movie(("Animation", "Comedy")))
    assert children.admits(_movie(("Adventure",), ("Family Film",)))
    assert not children.admits(_movie(("Horror comedy",), ("Family Film",)))
    assert not children.admits(_movie(("Drama",)))  # not marked as a family film
    assert not family.admits(_movie(("Animation",), ("Sexually Explicit",)))
    assert Filters(suitable_for="children").matches(_movie(("Animation",)))
    assert not Filters(genres_none=("Romance",)).matches(_movie(("Romantic Comedy",)))


def _unmarked(genres: tuple[str, ...], text: str = "A film.", **facets: tuple[str, ...]) -> Item:
    return Item(id="u", title="U", description=text, genres=genres, facets=facets)


@pytest.mark.parametrize(
    ("genres", "text", "facets"),
    [
        (("Animation", "Science Fiction", "Anime"), "A film.", {"language": ("ja",)}),
        (("Animation", "Action", "Super Hero"), "A film.", {}),
        (("Animation", "Drama"), "Refugees cross the mountains.", {}),
        (("Animation",), "A film.", {"mood": ("Serious",)}),
        (("Animation",), "A film.", {"source": ("True Story",)}),
        (("Animation", "Comedy"), "Three friends see an R-rated film and start swearing.", {}),
        (("Animation", "Comedy"), "A film.", {"audience": ("Dude Film",)}),
        (("Animation",), "A film.", {"language": ("da",)}),
        (("Fantasy", "Fairy-Tale Film", "Comedy", "Psychodrama"), "Two troubled men.", {}),
        (("Animation", "Comedy", "Dark Comedy"), "A film.", {}),
        (("Animation", "Anime"), "A film.", {"language": ("en", "ja")}),
    ],
)
def test_unmarked_animation_with_signs_of_grown_up_films_is_not_for_children(
    genres: tuple[str, ...], text: str, facets: dict[str, tuple[str, ...]]
) -> None:
    item = _unmarked(genres, text, **facets)
    assert unmarked_adult_signs(item)
    assert not AUDIENCES["children"].admits(item)
    assert not AUDIENCES["family"].admits(item)
    assert not Filters(suitable_for="children").matches(item)
    # the teen and grown-up audiences have no such needs
    assert AUDIENCES["teen"].admits(item)


def test_unmarked_films_for_children_still_pass() -> None:
    children = AUDIENCES["children"]
    assert children.admits(_unmarked(("Animation", "Adventure", "Comedy"), language=("en",)))
    assert children.admits(_unmarked(("Animation", "Action", "Comedy", "Super Hero")))
    assert children.admits(_unmarked(("Animation", "Science Fiction", "Comedy")))
    # a studio that makes films for children vouches for one in another language
    assert children.admits(
        _unmarked(("Animation", "Anime"), language=("ja",), studio=("Studio Ghibli",))
    )
    # a children's mark wins over the signs: a marked drama or action film is the mark's call
    assert children.admits(_movie(("Animation", "Drama"), ("Children's Film",)))
    assert not unmarked_adult_signs(_movie(("Animation", "Action"), ("Family Film",)))


def test_topics_to_avoid_match_their_variants() -> None:
    assert mentions_any("Soldiers in World War II.", ["ww2"])
    assert mentions_any("A zombie outbreak.", ["zombies"])
    assert not mentions_any("A wartime romance in 1917.", ["ww2"])
    # a setting turned down, in the words synopses use for it
    assert mentions_any("During a rescue mission on an unknown planet ...", ["space"])
    assert mentions_any("A spaceship crew wakes up.", ["space"])
    assert not mentions_any("A quiet family drama in a small town.", ["space"])
    assert not Filters(text_none=("ww2",)).matches(_movie(("War",), text="D-Day, 1944."))


def test_new_filter_parts_round_trip_through_expressions() -> None:
    f = Filters(suitable_for="family", text_none=("ww2", "clowns"), genres_none=("Horror",))
    assert parse_filters(f.to_exprs()) == f


@pytest.fixture(scope="module")
def nlu(books_catalog: Catalog) -> Understander:
    return Understander(books_catalog)


def _shown(catalog: Catalog) -> InterestState:
    ids = tuple(i.id for i in list(catalog)[:3])
    return fold([ItemsRecommended(ids)])


def test_questions_are_not_beliefs(nlu: Understander, books_catalog: Catalog) -> None:
    state = _shown(books_catalog)
    got = nlu.understand("is the second one scary?", state)
    assert got.events == () and got.question == Question("suitability", (state.last_shown[1],))
    why = nlu.understand("why did you pick the first one?", state)
    assert why.question is not None and why.question.topic == "reason" and why.events == ()
    # requests phrased as questions are requests
    assert nlu.understand("can you recommend a mystery?", state).question is None


def test_negation_does_not_spill_over(nlu: Understander) -> None:
    got = nlu.understand("not a mystery, a romance", InterestState())
    assert AttributeAvoided("genre", "Mystery") in got.events
    assert AttributePreferred("genre", "Romance") in got.events
    assert AttributeAvoided("genre", "Romance") not in got.events


def test_audience_phrases_set_the_constraint(nlu: Understander) -> None:
    for text, value in [
        ("something for my 6 year old daughter", "children"),
        ("my son is turning 9", "children"),
        ("a book to read with my grandmother", "family"),
        ("the whole family will be there", "family"),
    ]:
        assert ConstraintSet("audience", value) in nlu.understand(text, InterestState()).events
    got = nlu.understand("I'm 6 years older than my sister", InterestState())
    assert not [e for e in got.events if isinstance(e, ConstraintSet) and e.name != "audience"]


def test_filler_and_question_words_never_become_beliefs(nlu: Understander) -> None:
    for text in [
        "what should I read next?",
        "show me something to read after dinner",
        "anything new this year?",
        "give me your best ideas",
    ]:
        state = fold(nlu.understand(text, InterestState()).events)
        assert not state.interests, (text, state.interests)


def test_english_only_messages_are_answered_plainly(nlu: Understander) -> None:
    got = nlu.understand("Ich möchte ein spannendes Buch lesen", InterestState())
    assert got.language == "de" and got.events == ()


def test_answers_come_from_catalogue_facts(books_catalog: Catalog) -> None:
    item = next(iter(books_catalog))
    year = answer(Question("year", (item.id,)), "when did it come out?", books_catalog)
    assert str(item.year) in year
    why = answer(Question("reason", (item.id,)), "why?", books_catalog, {item.id: "space, asked"})
    assert "space, asked" in why
    unknown = answer(Question("year", (), "Moonfall Express"), "", books_catalog)
    assert "don't know the title 'Moonfall Express'" in unknown
    runtime = answer(Question("runtime", (item.id,)), "how long?", books_catalog)
    assert "does not give a running time" in runtime  # books have no runtime: say so


def test_a_childrens_mark_overrides_the_genres_refused_for_children() -> None:
    """An animated family film with a romance in it (WALL-E) suits children; a family-marked
    romance that is not animated (Titanic) does not; adult marks are never overridden."""
    from chatbot.catalog import Item
    from chatbot.filters import AUDIENCES

    def film(genres: tuple[str, ...], audience: tuple[str, ...]) -> Item:
        return Item(
            id="x",
            title="x",
            description="",
            genres=genres,
            facets={"audience": audience} if audience else {},
        )

    children = AUDIENCES["children"]
    assert children.admits(film(("Romance", "Animation"), ("Family Film",)))
    assert not children.admits(film(("Romance", "Drama"), ("Family Film",)))
    assert children.admits(film(("Romance",), ("Children's Film",)))
    assert not children.admits(film(("Horror", "Animation"), ("Family Film",)))
    assert not children.admits(film(("Animation",), ("Family Film", "Violence")))
