"""Card, panel and footer rendering of the web UI (pure functions)."""

from __future__ import annotations

import re

import pytest

from chatbot.ui_render import (
    MIN_RATING_VOTES,
    attribution_html,
    card_meta_line,
    clean_genres,
    feedback_message,
    item_label,
    literal_text,
    rating_text,
    render_card,
    render_panel,
    reply_markdown,
    reply_text,
    safe_link,
    shorten,
)

MOVIE = {
    "id": "m1",
    "title": "Inception",
    "year": 2010,
    "genres": ["Science Fiction", "Thriller"],
    "runtime": 148,
    "rating": 8.14,
    "votes": 1234,
    "description": "A thief who steals corporate secrets through dream-sharing technology. " * 10,
    "description_composed": False,
    "trailer_url": "https://www.youtube.com/watch?v=YoHD9XEInc0",
    "url": "https://www.omdb.org/movie/1",
    "price": None,
    "reason": "because you liked The Matrix",
    "reasons": ["because you liked The Matrix", "sci-fi"],
}


def test_card_shows_every_field() -> None:
    html = render_card(MOVIE)
    assert "Inception" in html and "(2010)" in html
    assert "Science Fiction, Thriller · 2 h 28 min · ★ 8.1/10 (1,234 votes)" in html
    assert "<strong>Why:</strong> because you liked The Matrix" in html
    assert 'href="https://www.youtube.com/watch?v=YoHD9XEInc0"' in html and "Trailer" in html
    assert 'data-item-id="m1"' in html
    assert "…" in html and len(html) < 2400  # long synopses are shortened
    # every button names the film and carries the item id
    for act, spoken in [("like", "Like"), ("dislike", "Not for me"), ("why", "Why this one")]:
        assert f'data-act="{act}" data-item="m1" aria-label="{spoken}: Inception (2010)"' in html


def test_card_escapes_catalogue_text_and_drops_unsafe_links() -> None:
    evil = {
        **MOVIE,
        "title": "<script>alert(1)</script>",
        "reason": "<img src=x onerror=alert(1)>",
        "trailer_url": "javascript:alert(1)",
        "url": None,
    }
    html = render_card(evil)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<img" not in html
    assert "javascript:" not in html and "Trailer" not in html and "rec-links" not in html
    assert 'aria-label="Like: &lt;script&gt;' in html


def test_card_with_minimal_item_and_composed_description() -> None:
    html = render_card(
        {
            "id": "b1",
            "title": "A Book",
            "description": "Built from facts.",
            "description_composed": True,
        }
    )
    assert "A Book" in html and "rec-year" not in html and "rec-meta" not in html
    assert "from catalogue facts" in html
    assert "Why:" not in html


def test_reason_falls_back_to_first_of_reasons() -> None:
    assert "Why:</strong> sci-fi" in render_card({**MOVIE, "reason": "", "reasons": ["sci-fi"]})


def test_meta_line_short_runtime_and_price() -> None:
    assert card_meta_line({"runtime": 45, "price": 12.5}) == "45 min · 12.50"
    assert card_meta_line({}) == ""


def test_shorten_cuts_at_word_boundary() -> None:
    assert shorten("short text", 50) == "short text"
    out = shorten("one two three four five six", 12)
    assert out == "one two…" and len(out) <= 12


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://a.org/x", True),
        ("http://a.org", True),
        ("javascript:alert(1)", False),
        ("/rel", False),
        (None, False),
    ],
)
def test_safe_link(url: object, ok: bool) -> None:
    assert (safe_link(url) is not None) is ok


def test_item_label_and_feedback_message() -> None:
    assert item_label(MOVIE) == "Inception (2010)"
    assert item_label({"id": "x", "title": "Untitled"}) == "Untitled"
    assert feedback_message("dislike", "Inception (2010)") == "Not for me: Inception (2010)"
    with pytest.raises(ValueError, match="unknown feedback kind 'love'"):
        feedback_message("love", "x")


def test_reply_markdown_appends_notices() -> None:
    assert reply_markdown(" Hi ", ()) == "Hi"
    assert reply_markdown("Hi", ["I don't know 'Foo'.", " "]) == "Hi\n\n> Note: I don't know 'Foo'."
    # a note the writer already put in its text is not repeated
    assert reply_markdown("Hi\n\nI don't know 'Foo'.", ["I don't know 'Foo'."]).count("Foo") == 1


def test_attribution_from_sources_list() -> None:
    meta = {
        "sources": [
            {
                "what": "Movie data",
                "name": "omdb.org",
                "url": "https://www.omdb.org",
                "license": "CC BY 2.0 DE",
                "license_url": "https://creativecommons.org/licenses/by/2.0/de/",
            },
            {
                "name": "ReDial",
                "license": "CC BY 4.0",
                "license_url": "https://creativecommons.org/licenses/by/4.0/",
            },
        ]
    }
    html = attribution_html(meta)
    assert "Movie data from" in html and ">omdb.org</a>" in html
    assert (
        'href="https://creativecommons.org/licenses/by/2.0/de/"' in html
        and ">CC BY 2.0 DE</a>" in html
    )
    assert "ReDial (" in html and ">CC BY 4.0</a>" in html and " · " in html


def test_attribution_single_source_plain_text_and_none() -> None:
    html = attribution_html({"source": "omdb.org", "license": "CC BY 2.0 DE"})
    assert "omdb.org (CC BY 2.0 DE)" in html
    assert "Data: me" in attribution_html({"attribution": "Data: me"})
    assert attribution_html({}) == ""


def test_genre_line_holds_genre_names_only() -> None:
    genres = ["Horror", "Standing", "Exorcism Film", "Empire Awards - Winner", "horror"]
    assert clean_genres(genres, ["standing", "mood"]) == ["Horror", "Exorcism Film"]
    assert clean_genres(["Drama", "Guldbagge Award – Nomination"]) == ["Drama"]
    assert "Award" not in card_meta_line({"genres": ["Drama", "Emmy Award - Winner"]})


def test_rating_only_with_enough_votes_and_says_how_many() -> None:
    assert rating_text(8.0, 2) is None
    assert rating_text(8.0, MIN_RATING_VOTES) == f"★ 8.0/10 ({MIN_RATING_VOTES} votes)"
    assert rating_text(7.25, None) == "★ 7.2/10"  # a catalogue without vote counts
    assert rating_text(None, 500) is None
    assert "★" not in card_meta_line({"rating": 8.0, "votes": 2, "runtime": 90})


def test_user_text_is_literal_and_reply_html_is_text() -> None:
    import html as html_lib

    typed = "<img src=x onerror=alert(1)> **bold** _x_ [a](b)\n    code\n# not a heading"
    shown = literal_text(typed)
    assert html_lib.unescape(shown).replace("\u00a0", " ") == typed
    bare = re.sub(r"&#\d+;", "", shown)
    for ch in "<>*_[]#":
        assert ch not in bare
    assert reply_text("**A (1999)** <b>x</b> & y") == "**A (1999)** &lt;b&gt;x&lt;/b&gt; &amp; y"


def test_panel_summary_and_buttons_come_from_the_same_beliefs() -> None:
    beliefs = [{"id": "b1", "label": "You like Alien (1979)"}, {"id": "b2", "label": "No <horror>"}]
    html = render_panel("You like Alien.", beliefs)
    assert html.count('class="belief-btn"') == 2 and 'data-count="2"' in html
    assert 'data-belief="b1" aria-label="Forget: You like Alien (1979)"' in html
    assert "No &lt;horror&gt;" in html
    assert "Nothing yet" in render_panel("", [])


def test_attribution_from_ready_made_lines_links_urls() -> None:
    meta = {
        "source": "omdb + redial",
        "attribution": [
            "Movie data from omdb.org (https://www.omdb.org), CC BY 2.0 DE https://creativecommons.org/licenses/by/2.0/de/",
            "ReDial <b>(CC BY 4.0 https://creativecommons.org/licenses/by/4.0/)",
        ],
    }
    html = attribution_html(meta)
    assert (
        '<a href="https://www.omdb.org" target="_blank" rel="noopener noreferrer">omdb.org</a>'
        in html
    )
    assert ">CC BY 2.0 DE</a>" in html  # the words before a URL become its text
    assert '<a href="https://creativecommons.org/licenses/by/4.0/"' in html
    assert ">https://" not in html  # no raw URL is shown as text
    assert "&lt;b&gt;" in html and "<b>" not in html
