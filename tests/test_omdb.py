"""The omdb.org builder: MySQL CSV quirks, German->English categories, items, the real build."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from catalog.omdb import (
    GERMAN_TO_ENGLISH,
    build_omdb_catalog,
    compose_description,
    english_name,
    german_to_english_table,
    read_mysql_csv,
    trailer_url,
)
from chatbot.catalog import load_catalog
from chatbot.config import Settings
from chatbot.errors import CatalogError

FIXTURES = Path(__file__).parent / "fixtures"
MINI = FIXTURES / "omdb_mini"
REDIAL_MINI = FIXTURES / "redial_movies_mini"

# German words omdb.org files under "en"; none may reach the catalogue
GERMAN_MARKERS = re.compile(
    r"[äöüß]|komödie|film$|gewinner|nominierung|preis|historie|mysterie|parodie|gefühle|"
    r"düster|unheimlich|groteske|katastrophe|überlieferung|geschichte",
    re.IGNORECASE,
)
ENGLISH_FILM_WORDS = {"Film", "Short Film"}  # "... Film" in English is fine


def looks_german(name: str) -> bool:
    """A genre/facet name that still carries German."""
    if name.endswith(" Film") or name.endswith(" film") or name in ENGLISH_FILM_WORDS:
        name = name.rsplit(" ", 1)[0]
    return bool(GERMAN_MARKERS.search(name))


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_mysql_csv_null_escaped_quotes_and_embedded_newlines(tmp_path: Path) -> None:
    f = write(
        tmp_path / "t.csv",
        '"id","text","other"\n'
        '"1","she said \\"hi\\"",\\N\n'
        '"2","two\nlines, with a comma","N"\n'
        '"3",\\N,\\N\n'
        '"4","a literal backslash \\\\N stays","x"\n',
    )
    rows = list(read_mysql_csv(f))
    assert [r for _, r in rows] == [
        ["1", 'she said "hi"', None],
        ["2", "two\nlines, with a comma", "N"],  # a quoted "N" is the letter, not NULL
        ["3", None, None],
        ["4", "a literal backslash \\N stays", "x"],
    ]
    assert [line for line, _ in rows] == [2, 4, 5, 6]  # physical line where each row ends


def test_mysql_csv_wrong_field_count_names_file_and_line(tmp_path: Path) -> None:
    f = write(tmp_path / "bad.csv", '"a","b"\n"1","2"\n"3"\n')
    with pytest.raises(CatalogError) as e:
        list(read_mysql_csv(f))
    assert e.value.line == 3
    assert "bad.csv" in str(e.value) and "1 fields, expected 2" in str(e.value)


def test_mysql_csv_broken_utf8_is_a_catalog_error(tmp_path: Path) -> None:
    f = tmp_path / "latin1.csv"
    f.write_bytes('"id","name"\n"1","Caf\xe9"\n'.encode("latin-1"))
    with pytest.raises(CatalogError, match="UTF-8"):
        list(read_mysql_csv(f))


def test_german_category_names_are_translated() -> None:
    assert english_name("Komödie", GERMAN_TO_ENGLISH) == "Comedy"
    assert english_name("Historie", GERMAN_TO_ENGLISH) == "History"
    assert english_name("Sci-Fi", GERMAN_TO_ENGLISH) == "Science Fiction"
    assert english_name("Drama", GERMAN_TO_ENGLISH) == "Drama"
    assert (
        english_name("Grimme Preis - Nominierung", GERMAN_TO_ENGLISH) == "Grimme Award - Nomination"
    )
    assert english_name("Bambi - Gewinner", GERMAN_TO_ENGLISH) == "Bambi - Winner"


def test_translation_table_learns_from_the_names_file() -> None:
    names = {
        "1": {"en": "Lustspielchen", "de": "Lustspielchen"},  # German under "en"
        "2": {"en": "Little Comedy", "de": "Lustspielchen"},  # ... translated elsewhere
        "3": {"en": "Drama", "de": "dramatisch"},
        "4": {"en": "Thriller", "de": "Drama"},  # "Drama" is English too: never rewritten
    }
    table = german_to_english_table(names)
    assert table["Lustspielchen"] == "Little Comedy"
    assert "Drama" not in table
    assert table["Komödie"] == "Comedy"  # explicit entries win


@pytest.fixture(scope="module")
def mini(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    out = tmp_path_factory.mktemp("mini") / "movies.jsonl"
    build_omdb_catalog(MINI, REDIAL_MINI, out)
    return {json.loads(line)["id"]: json.loads(line) for line in out.read_text().splitlines()}


def test_mini_selection_abstract_or_redial_no_games(mini: dict[str, dict]) -> None:
    # 1 and 5 have abstracts, 2 and 3 only a ReDial match; 4 has neither; 6 is a video game
    assert sorted(mini) == ["omdb:1", "omdb:2", "omdb:3", "omdb:5"]


def test_mini_item_fields(mini: dict[str, dict]) -> None:
    m = mini["omdb:1"]
    assert m["description"].startswith('A pilot nicknamed "Comet"')
    assert "\nHer crew" in m["description"]
    assert m["genres"] == ["Science Fiction", "Comedy"]
    assert m["facets"]["mood"] == ["Dark"]  # technical terms other than moods are left out
    assert m["facets"]["standing"] == ["Cult Favourite"]
    assert (m["year"], m["runtime"], m["rating"], m["votes"]) == (1999, 136, 7.8, 12)
    assert m["trailer_url"] == "https://www.youtube.com/watch?v=enKEY456"  # English preferred
    assert m["extra"]["redial_ids"] == ["100", "103"]
    assert m["extra"]["redial_mentions"] == 11
    assert "description_composed" not in m


def test_mini_composed_description_and_dropped_values(mini: dict[str, dict]) -> None:
    cafe = mini["omdb:2"]
    assert cafe["description_composed"] is True
    assert cafe["description"] == "A 2005 French-Belgian romantic comedy. In French."
    assert "runtime" not in cafe  # runtime 0 means unknown
    assert "rating" not in cafe  # no votes, no rating
    assert cafe["genres"] == ["Comedy", "Romantic Comedy"]  # sub-genre brings its parent
    assert cafe["facets"]["audience"] == ["Family Film"]
    assert cafe["facets"]["standing"] == ["Grimme Award - Nomination"]
    watch = mini["omdb:3"]
    assert "language" not in watch.get("facets", {})  # "xx" and NULL are no language
    assert watch["extra"]["redial_ids"] == ["102"]  # ReDial says 1995, omdb 1994
    assert watch["trailer_url"] == "https://vimeo.com/778899"
    assert watch["description_composed"] is True  # its abstract is a placeholder
    letter_n = mini["omdb:5"]
    assert letter_n["title"] == "N" and "year" not in letter_n  # quoted "N" vs \N date
    assert "runtime" not in letter_n  # 2013 minutes is a year typed as runtime


def test_mini_meta_has_license_credits_and_counts(tmp_path: Path) -> None:
    out = tmp_path / "m.jsonl"
    report = build_omdb_catalog(MINI, REDIAL_MINI, out)
    meta = json.loads((tmp_path / "m.meta.json").read_text())
    assert meta["license"].startswith("omdb.org") and "by/2.0/de" in meta["license"]
    assert any("ReDial" in a and "by/4.0" in a for a in meta["attribution"])
    assert meta["counts"]["items"] == report.items == 4
    assert meta["counts"]["skipped_games"] == 1
    assert meta["redial_match"]["unmatched"] == 1
    assert load_catalog(out).meta["source"] == "omdb + redial"


def test_all_flag_includes_movies_without_abstract_or_match(tmp_path: Path) -> None:
    report = build_omdb_catalog(MINI, REDIAL_MINI, tmp_path / "all.jsonl", include_all=True)
    ids = [i.id for i in load_catalog(report.path)]
    assert "omdb:4" in ids and "omdb:6" not in ids
    short = load_catalog(report.path).get("omdb:4")
    assert short.facet("style") == ("Short Film",)


def test_missing_dump_folder_says_how_to_get_it(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="download_omdb.sh"):
        build_omdb_catalog(tmp_path / "nope", REDIAL_MINI, tmp_path / "out.jsonl")
    (tmp_path / "partial").mkdir()
    with pytest.raises(CatalogError, match="missing all_movies.csv"):
        build_omdb_catalog(tmp_path / "partial", REDIAL_MINI, tmp_path / "out.jsonl")
    assert not (tmp_path / "out.jsonl").exists()


def test_compose_description_reads_well() -> None:
    text = compose_description(
        year=1994,
        genres=["Crime", "Drama", "Gangster Film"],
        countries=["US"],
        languages=["en"],
        runtime=154,
        facets={"standing": ["Cult Favourite"]},
    )
    assert text == "A 1994 American crime drama, 154 minutes. Cult favourite."
    assert compose_description(
        year=None, genres=[], countries=[], languages=[], runtime=None, facets={}
    ) == ("A film.")
    assert "an 1" not in compose_description(
        year=1984, genres=["Horror"], countries=[], languages=[], runtime=None, facets={}
    )


@pytest.mark.parametrize(
    ("genres", "kind"),
    [
        (["High School Comedy Film", "Comedy"], "high school comedy film"),
        (["Italo-Western", "Western"], "italo-western film"),
        (["Horror", "Teen Horror Film"], "teen horror film"),
        (["Action", "Comedy"], "action comedy"),
    ],
)
def test_a_genre_inside_another_is_said_once(genres: list[str], kind: str) -> None:
    """'A 2004 American high school comedy film comedy', 'an italo-western western' (79 films)."""
    text = compose_description(
        year=2004, genres=genres, countries=["US"], languages=["en"], runtime=90, facets={}
    )
    assert text == f"A 2004 American {kind}, 90 minutes."


def test_trailer_preference() -> None:
    assert trailer_url([("a", "de", "youtube"), ("b", "en", "youtube")]).endswith("v=b")
    assert trailer_url([("v", "en", "vimeo"), ("y", "de", "youtube")]).endswith("v=y")
    assert trailer_url([("g", "en", "generic")]) is None


@pytest.mark.catalog  # reads the real omdb.org dumps: not part of the fast offline suite
def test_real_build_from_shared_data(tmp_path: Path) -> None:
    settings = Settings.from_env()
    if not (Path(settings.omdb_dir) / "all_movies.csv").exists():
        pytest.skip(f"omdb.org dumps not at {settings.omdb_dir} (see catalog/download_omdb.sh)")
    report = build_omdb_catalog(settings.omdb_dir, settings.redial_dir, tmp_path / "movies.jsonl")
    catalog = load_catalog(report.path)
    assert len(catalog) >= 7000
    german = {g for g in catalog.facet_values("genre") if looks_german(g)}
    assert not german, f"German genre names left: {sorted(german)}"
    for facet in ("style", "audience", "standing", "source", "production", "mood"):
        left = {v for v in catalog.facet_values(facet) if looks_german(v)}
        assert not left, f"German {facet} values left: {sorted(left)}"
    by_label = {i.label: i for i in catalog}
    for label in ("The Matrix (1999)", "Inception (2010)", "Pulp Fiction (1994)"):
        assert by_label[label].extra.get("redial_ids"), label
    assert "Science Fiction" in by_label["The Matrix (1999)"].genres
    assert sum(1 for i in catalog if i.extra.get("redial_ids")) >= 5000
    # 4,012 abstracts, minus the German ones the "English" file holds
    assert sum(1 for i in catalog if not i.description_composed) >= 3900
    assert all(
        i.facet("language") == tuple(c for c in i.facet("language") if len(c) == 2) for i in catalog
    )
    # people and studios named in the synopses, and ReDial's English names as aliases
    cruise = [i for i in catalog if "Tom Cruise" in i.facet("person")]
    assert len(cruise) >= 3 and all("Tom Cruise" in i.description for i in cruise)
    assert any("Pixar" in i.facet("studio") for i in catalog if "Toy Story" in i.title)
    assert "Amélie" in by_label["Le fabuleux destin d'Amélie Poulain (2001)"].extra["aliases"]
    assert report.meta["entities"]["people"] > 500


def test_build_attaches_co_mentions_from_training_dialogues(tmp_path: Path) -> None:
    import shutil

    redial = tmp_path / "redial"
    shutil.copytree(REDIAL_MINI, redial)
    (redial / "train_partial.jsonl").write_text(
        '{"movieMentions": {"100": "Space Voyage (1999)", "102": "Night Watch (1995)"}}\n',
        encoding="utf-8",
    )
    out = tmp_path / "m.jsonl"
    build_omdb_catalog(MINI, redial, out)
    catalog = load_catalog(out)
    linked = {i.id: i.extra.get("co_mentioned") for i in catalog if i.extra.get("co_mentioned")}
    assert len(linked) == 2 and all(len(v) == 1 and v[0][1] == 1 for v in linked.values())
    assert catalog.meta["co_mentions"]["dialogues"] == 1


@pytest.mark.parametrize(
    ("text", "german"),
    [
        (
            "Sci-Fi-Geschichte über intelligente Roboter, überdeckt mit einer dicken Schicht.",
            True,
        ),
        (
            "Die Zwillinge Luisa und Lukas erfahren durch Zufall, dass ihre Mutter lebt.",
            True,
        ),
        ("A detective in Berlin hunts a killer with the help of his old partner.", False),
        ("Der Untergang, the last days of Hitler in the bunker, told by his secretary.", False),
    ],
)
def test_german_abstracts_in_the_english_file_are_recognised(text: str, german: bool) -> None:
    from catalog.omdb import is_german_synopsis

    assert is_german_synopsis(text) is german


@pytest.mark.parametrize(
    ("text", "vandalised"),
    [
        ("A boy is fostered and becomes a football star. Also lol. #bestmovieever", True),
        ("Two brothers run a diner in Ohio, lolololol, until a stranger arrives.", True),
        ("#1 NASCAR driver Ricky Bobby stays atop the heap thanks to a pact.", False),
        ("A lola-loving DJ from Lolland lands a hit record in the summer of 1985.", False),
    ],
)
def test_defaced_abstracts_are_recognised(text: str, vandalised: bool) -> None:
    from catalog.omdb import is_vandalised

    assert is_vandalised(text) is vandalised


def test_an_abstract_that_leaves_its_title_out_gets_it_back() -> None:
    from catalog.omdb import OmdbDump, movie_item

    dump = OmdbDump()
    dump.movies["7"] = ("Harbour Lights", 1978)
    dump.abstracts["7"] = "is an animated film about a lighthouse keeper and his cat."
    item = movie_item("7", dump)
    assert item.description == (
        "Harbour Lights is an animated film about a lighthouse keeper and his cat."
    )
    assert not item.description_composed
