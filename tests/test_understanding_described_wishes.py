"""What people want and do not want, said in their own words (corpus pair dev61 / heldout60 and
probe Y of the twenty-fourth session), on the real catalogue: a refusal over words of amount
('not too much blood'), the rest of a refusal another pass took ('nothing rude or crude'), plain
nouns that are titles ('a feeling of dread'), a film part praised as the best there is, a pace
turned down without its mood, films judged after watching, one more film judged among films,
the user's own orders and idioms, describing adjectives that are no verdict, indifference, and
the user's day told with the subject dropped. The sentences and films here are other than the
corpus's and the probe's."""

from __future__ import annotations

import pytest

from chatbot.catalog import Catalog
from chatbot.events import (
    AttributeAvoided,
    AttributePreferred,
    ConstraintSet,
    InterestAvoided,
    InterestExpressed,
    ItemLiked,
    ItemRejected,
    ItemSeen,
)
from chatbot.interest import InterestState
from chatbot.understanding import Understander


@pytest.fixture(scope="module")
def nlu(movies_catalog: Catalog) -> Understander:
    return Understander(movies_catalog, verdicts=None)


def _events(nlu: Understander, text: str) -> tuple[object, ...]:
    return tuple(nlu.understand(text, InterestState()).events)


def _of(events: tuple[object, ...], kind: type) -> set[str]:
    out = set()
    for e in events:
        if isinstance(e, kind):
            out.add(getattr(e, "text", None) or getattr(e, "title", None) or e.value)
    return out


@pytest.mark.parametrize(
    ("text", "avoided"),
    [
        ("a thriller but not too much blood", "blood"),
        ("a comedy without too much shouting", "shouting"),
        ("a drama but not too much crying", "crying"),
        ("a crime film, but not a lot of swearing", "swearing"),
    ],
)
def test_a_refusal_reaches_past_words_of_amount(nlu: Understander, text: str, avoided: str) -> None:
    events = _events(nlu, text)
    assert avoided in _of(events, InterestAvoided), events
    assert avoided not in _of(events, InterestExpressed), events


def test_the_or_member_of_a_refusal_another_pass_took_is_refused(nlu: Understander) -> None:
    # the audience rule takes 'nothing rude'; 'sexy' stays under the same 'nothing'
    events = _events(nlu, "watching with my aunt, nothing rude or sexy")
    assert "sexy" in _of(events, InterestAvoided), events
    assert not _of(events, InterestExpressed), events
    assert any(isinstance(e, ConstraintSet) and e.name == "audience" for e in events), events


@pytest.mark.parametrize(
    "text",
    [
        "i enjoy a feeling of dread",  # a noun of feeling before 'of'
        "a hint of fear is fine",
        "eerie slow dread works for me",  # adjectives the parse hangs on the noun
    ],
)
def test_a_plain_noun_in_a_described_phrase_is_no_title(nlu: Understander, text: str) -> None:
    events = _events(nlu, text)
    assert not any(isinstance(e, (ItemLiked, ItemRejected, ItemSeen)) for e in events), events


def test_a_title_after_praise_for_its_version_stays_a_title(nlu: Understander) -> None:
    # the article and the version or praise word name the film ('the original heat')
    assert "Heat (1995)" in _of(_events(nlu, "loved the original heat"), ItemLiked)


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("you can't beat a great villain", "villain"),
        ("nothing beats a clever twist, more of those", "twist"),
    ],
)
def test_a_film_part_praised_as_the_best_is_a_wish(
    nlu: Understander, text: str, topic: str
) -> None:
    wished = _of(_events(nlu, text), InterestExpressed)
    assert any(topic in t.split() for t in wished), wished


def test_small_talk_praised_as_the_best_is_still_no_wish(nlu: Understander) -> None:
    events = _events(nlu, "nothing beats tea on a sunday, a comedy please")
    assert not _of(events, InterestExpressed), events
    assert "Comedy" in _of(events, AttributePreferred), events


def test_a_pace_refused_keeps_its_mood(nlu: Understander) -> None:
    events = _events(nlu, "a western but no slow burn")
    assert "slow burn" in _of(events, InterestAvoided), events
    assert not _of(events, AttributeAvoided), events  # not every suspenseful film
    assert "Western" in _of(events, AttributePreferred), events
    # wished for, the pace is still read as its mood
    assert _of(_events(nlu, "a slow burn thriller"), AttributePreferred), "no wish read"


def test_a_film_judged_in_the_past_beside_films_watched_was_watched(nlu: Understander) -> None:
    events = _events(nlu, "saw alien and aliens yesterday, prometheus was dull")
    assert {"Alien (1979)", "Aliens (1986)", "Prometheus (2012)"} <= _of(events, ItemSeen)
    assert "Prometheus (2012)" in _of(events, ItemRejected), events
    # alone, a verdict is only a verdict
    alone = _events(nlu, "prometheus was dull")
    assert "Prometheus (2012)" not in _of(alone, ItemSeen), alone


def test_one_more_everyday_word_judged_among_films_is_a_film(nlu: Understander) -> None:
    events = _events(nlu, "liked big fish and edward scissorhands. not into hook tho")
    assert "Hook (1991)" in _of(events, ItemRejected), events
    assert {"Big Fish (2003)", "Edward Scissorhands (1990)"} <= _of(events, ItemLiked)
    # without films around it the same words are a refusal of a thing, no film
    plain = _events(nlu, "a thriller please, not into sports tho")
    assert not _of(plain, ItemRejected), plain


@pytest.mark.parametrize(
    "text", ["subtitles are fine, bring it on", "violence doesn't scare me, bring it on"]
)
def test_the_users_own_order_is_no_title(nlu: Understander, text: str) -> None:
    events = _events(nlu, text)
    assert not any(isinstance(e, (ItemLiked, ItemRejected, ItemSeen)) for e in events), events


def test_an_order_after_a_film_may_still_be_a_title(nlu: Understander) -> None:
    liked = _of(_events(nlu, "loved zodiac, get out and us"), ItemLiked)
    assert {"Zodiac (2007)", "Get Out (2017)", "Us (2019)"} <= liked


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("a heist where the bad guys get away", "Heist"),
        ("a western where the bad guy wins in the end", "Western"),
    ],
)
def test_a_describing_complaint_word_is_no_refusal(
    nlu: Understander, text: str, wanted: str
) -> None:
    events = _events(nlu, text)
    assert wanted in _of(events, AttributePreferred), events
    assert not _of(events, AttributeAvoided) and not _of(events, InterestAvoided), events


@pytest.mark.parametrize(
    "text",
    [
        "i don't mind whether it's old",
        "doesn't matter if it's in french",
        "not too fussed if it's black and white",
        "we really don't care if it's long or old",
    ],
)
def test_indifference_sets_and_refuses_nothing(nlu: Understander, text: str) -> None:
    assert _events(nlu, text) == (), _events(nlu, text)


@pytest.mark.parametrize(
    "text",
    [
        "don't care if it's old, as long as it's a mystery",
        "don't care if it's old as long as it's a mystery",  # no comma before the wish
        "not fussed whether it's old but it has to be a mystery",
    ],
)
def test_indifference_leaves_the_wish_after_it(nlu: Understander, text: str) -> None:
    events = _events(nlu, text)
    assert "Mystery" in _of(events, AttributePreferred), events
    assert not any(isinstance(e, ConstraintSet) for e in events), events


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("drove through the desert all day, need a comedy", "desert"),
        ("walked the dog in the rain, something cozy now", "rain"),
    ],
)
def test_the_users_day_told_without_a_subject_is_no_topic(
    nlu: Understander, text: str, word: str
) -> None:
    events = _events(nlu, text)
    assert not any(word in t for t in _of(events, InterestExpressed)), events
    assert _of(events, AttributePreferred), events


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("a sci-fi film but not alien abduction stuff", "alien"),  # the word names a kind
        ("a friendship story where nobody falls for anyone", "falls"),  # the clause's verb
        ("no posession stuff please", "posession"),  # a misspelt kind of thing, no typo title
    ],
)
def test_an_everyday_word_in_a_description_is_no_film(
    nlu: Understander, text: str, word: str
) -> None:
    events = _events(nlu, text)
    assert not any(isinstance(e, (ItemLiked, ItemRejected, ItemSeen)) for e in events), events
    assert not any(
        isinstance(e, (AttributeAvoided, AttributePreferred)) and e.facet == "franchise"
        for e in events
    ), events


def test_a_film_before_a_part_or_relation_of_it_stays_a_film(nlu: Understander) -> None:
    assert "Alien (1979)" in _of(_events(nlu, "loved alien and aliens"), ItemLiked)
    # a quality asked of a film is a question, no kind of story and no wish
    assert _events(nlu, "is zodiac gory?") == (), _events(nlu, "is zodiac gory?")
    avoided = _events(nlu, "no more alien films")
    assert ("franchise", "Alien") in {
        (e.facet, e.value) for e in avoided if isinstance(e, AttributeAvoided)
    }, avoided


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("something to put on while it snows outside", "snows"),
        ("too bored to think, something easy", "bored"),
    ],
)
def test_weather_and_the_users_state_are_no_topics(nlu: Understander, text: str, word: str) -> None:
    events = _events(nlu, text)
    assert not any(word in t for t in _of(events, InterestExpressed)), events
