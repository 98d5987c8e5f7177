"""The one language/country table: codes and words are unambiguous, every row is complete."""

from __future__ import annotations

import re

from catalog import omdb
from chatbot.locales import (
    COUNTRIES,
    COUNTRY_ADJECTIVES,
    COUNTRY_WORDS,
    LANGUAGE_NAMES,
    LANGUAGE_WORDS,
    LANGUAGES,
)


def test_codes_are_unique_and_shaped_like_the_catalogue_facets() -> None:
    assert len(LANGUAGE_NAMES) == len(LANGUAGES)
    assert len(COUNTRY_ADJECTIVES) == len(COUNTRIES)
    assert all(re.fullmatch(r"[a-z]{2}", lang.code) for lang in LANGUAGES)
    assert all(re.fullmatch(r"[A-Z]{2}", c.code) for c in COUNTRIES)
    assert all(lang.name and c.name and c.adjective for lang in LANGUAGES for c in COUNTRIES)


def test_every_request_word_names_exactly_one_language_or_country() -> None:
    # a word listed twice would silently map to whichever row came last
    assert len(LANGUAGE_WORDS) == sum(len(lang.words) for lang in LANGUAGES)
    assert len(COUNTRY_WORDS) == sum(len(c.words) for c in COUNTRIES)
    words = [*LANGUAGE_WORDS, *COUNTRY_WORDS]
    assert all(w == w.lower().strip() and w for w in words)


def test_common_words_are_not_places() -> None:
    # "recommend us something", "in it", "no thanks" are not the USA, India, Italy or Norway
    for word in ("us", "in", "it", "no", "de", "es", "is", "el", "he"):
        assert word not in COUNTRY_WORDS and word not in LANGUAGE_WORDS


def test_the_catalogue_builder_reads_the_table() -> None:
    assert omdb.COUNTRY_ADJECTIVES is COUNTRY_ADJECTIVES
    assert omdb.LANGUAGE_NAMES is LANGUAGE_NAMES
