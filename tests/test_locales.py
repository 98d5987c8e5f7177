"""The one language/country table: codes and words are unambiguous, every row is complete."""

from __future__ import annotations

import re

from catalog import omdb
from chatbot.locales import (
    COUNTRIES,
    COUNTRY_ADJECTIVES,
    COUNTRY_WORDS,
    DETECTED_NAMES,
    LANGUAGE_NAMES,
    LANGUAGE_WORDS,
    LANGUAGES,
)
from chatbot.understanding import language, lexicon


def test_codes_are_unique_and_shaped_like_the_catalogue_facets() -> None:
    assert len(LANGUAGE_NAMES) == sum(lang.named for lang in LANGUAGES)
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


def test_each_language_and_country_is_one_row() -> None:
    codes = [lang.code for lang in LANGUAGES]
    detected = [lang.detect for lang in LANGUAGES if lang.detect]
    assert len(codes) == len(set(codes))
    assert len(detected) == len(set(detected))  # two rows read as one detected language
    assert len({c.code for c in COUNTRIES}) == len(COUNTRIES)


def test_every_detectable_language_has_a_name_detection_knows() -> None:
    from lingua import IsoCode639_1

    for lang in LANGUAGES:
        if lang.detect:
            assert lang.name and re.fullmatch(r"[a-z]{2}", lang.detect)
            assert hasattr(IsoCode639_1, lang.detect.upper()), lang  # lingua would fail to build
        else:
            assert lang.named, lang  # a row neither named nor detected serves nothing
    assert "en" in DETECTED_NAMES  # the pack's own language must be one detection can report


def test_the_understanding_tables_are_derived_from_the_one_table() -> None:
    assert lexicon.LANGUAGES == LANGUAGE_WORDS
    assert lexicon.COUNTRIES == COUNTRY_WORDS
    detectable = language.DETECTABLE
    assert detectable == {lang.detect: lang.name for lang in LANGUAGES if lang.detect}
    # a language detection reads but the catalogue does not name stays out of descriptions
    assert "uk" in language.DETECTABLE and "uk" not in LANGUAGE_NAMES
    assert language.DETECTABLE["nb"] == LANGUAGE_NAMES["no"] == "Norwegian"
    # 'French films': the adjective names both the country and the language
    assert (lexicon.COUNTRIES["french"], lexicon.LANGUAGES["french"]) == ("FR", "fr")
