"""Build the movie catalogue from the omdb.org CSV dumps, linked to ReDial's movie list."""

from __future__ import annotations

import csv
import re
import sys
import time
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from catalog.entities import (
    add_people_and_studios,
    distinctive_subtitle,
    english_title_aliases,
)
from catalog.redial import (
    TRAIN_FILE,
    Candidate,
    MatchResult,
    RedialMovie,
    co_mentions,
    load_redial_movies,
    match_redial,
)
from chatbot.catalog import Item, write_catalog
from chatbot.errors import CatalogError
from chatbot.locales import COUNTRY_ADJECTIVES, LANGUAGE_NAMES

OMDB_LICENSE = "omdb.org data, CC BY 2.0 DE, https://creativecommons.org/licenses/by/2.0/de/"
OMDB_CREDIT = (
    "Movie data from omdb.org (the open media database, https://www.omdb.org), "
    "CC BY 2.0 DE https://creativecommons.org/licenses/by/2.0/de/"
)
REDIAL_CREDIT = (
    "Movie list and mentions from ReDial (Li et al., NeurIPS 2018, "
    "https://redialdata.github.io/website/), CC BY 4.0 https://creativecommons.org/licenses/by/4.0/"
)
DOWNLOAD_HINT = (
    "get the public dumps with `bash catalog/download_omdb.sh DIR` "
    "(https://www.omdb.org/content/Help:DataDownload), "
    "then pass --omdb-dir DIR or set CHATBOT_OMDB_DIR"
)
REQUIRED_FILES = (
    "all_movies.csv",
    "movie_abstracts_en.csv",
    "all_categories.csv",
    "category_names.csv",
    "movie_categories.csv",
    "movie_details.csv",
    "all_votes.csv",
    "movie_countries.csv",
    "movie_languages.csv",
    "trailers.csv",
)

MIN_ABSTRACT_WORDS = 5
MAX_RUNTIME = 1000  # minutes; longer values in the dump are typos (a year typed as runtime)


_NULL = "\ue000"  # stands in for an unquoted \N until the csv module has split the row
_NULL_FIELD = re.compile(r"(^|,)\\N(?=,|\r?\n|$)")


def read_mysql_csv(
    path: Path, *, columns: int | None = None
) -> Iterator[tuple[int, list[str | None]]]:
    """Rows of a MySQL dump CSV as (line, fields): backslash escapes, unquoted \\N is None,
    quoted fields may span lines. The header row is skipped; `columns` checks the field count."""

    def lines(f: Any) -> Iterator[str]:
        # a literal backslash in the data is written \\, so ",\N" can only be a NULL
        for raw in f:
            yield _NULL_FIELD.sub(lambda m: m.group(1) + _NULL, raw) if "\\N" in raw else raw

    try:
        with path.open(encoding="utf-8", newline="") as f:
            reader = csv.reader(lines(f), escapechar="\\", strict=True)
            header = next(reader, None)
            if header is None:
                raise CatalogError("file is empty (expected a header row)", path=str(path), line=1)
            width = columns or len(header)
            for row in reader:
                if not row:
                    continue
                if len(row) != width:
                    raise CatalogError(
                        f"row has {len(row)} fields, expected {width} ({', '.join(header)})",
                        path=str(path),
                        line=reader.line_num,
                    )
                yield reader.line_num, [None if v == _NULL else v for v in row]
    except UnicodeDecodeError as e:
        raise CatalogError(f"not valid UTF-8 ({e.reason})", path=str(path)) from e
    except csv.Error as e:
        raise CatalogError(f"malformed CSV: {e}", path=str(path)) from e


# Names that omdb.org lists as "English" but that are German (or clumsy); checked by tests.
GERMAN_TO_ENGLISH = {
    "Komödie": "Comedy",
    "Mysterie": "Mystery",
    "Historie": "History",
    "katastrophe": "Disaster",
    "Computeranimation": "Computer Animation",
    "Familienfilm": "Family Film",
    "Kurzfilm": "Short Film",
    "Experimentalfilm": "Experimental Film",
    "Debütfilm": "Debut Film",
    "Parodie": "Parody",
    "Vampirfilm": "Vampire Film",
    "Zombiefilm": "Zombie Film",
    "Heimatfilm": "Heimat Film",
    "Hommage": "Homage",
    "Essayfilm": "Essay Film",
    "Groteske": "Grotesque",
    "Gruselfilm": "Spooky Film",
    "Gebirgsschmonzette": "Mountain Melodrama",
    "Fliegerfilm": "Aviation Film",
    "Öko-Horror": "Eco-Horror",
    "Gesellschaftskomödie": "Comedy of Manners",
    "Animalhorror": "Animal Horror",
    "wahre Geschichte": "True Story",
    "Überlieferung": "Oral Tradition",
    "Fabel": "Fable",
    "Post-War Trümmerfilm": "Post-War Rubble Film",
    "Neue Sachlichkeit": "New Objectivity",
    "Quizshow": "Quiz Show",
    "Kollywood-Film": "Kollywood Film",
    "Mollywood-Film": "Mollywood Film",
    "Masala-Film": "Masala Film",
    "Musicvideo": "Music Video",
    "Wǔxiá": "Wuxia",
    "poliziesco": "Poliziesco",
    "Gefühle": "Emotions",
    "Emotionen > Spannend": "Suspenseful",
    "Berührend": "Touching",
    "Ernst": "Serious",
    "düster": "Dark",
    "unheimlich": "Creepy",
    "Verstörend": "Disturbing",
    "Entspannt": "Relaxed",
    "Ekelig": "Gross",
    "Bedrückend": "Bleak",
    "Misery": "Sad",
    "Goofy": "Quirky",
    "Deutscher Fernsehpreis": "German Television Award",
    "Deutscher Comedypreis": "German Comedy Award",
    "Grimme Preis": "Grimme Award",
    # English, but not how people ask for them
    "Sci-Fi": "Science Fiction",
    "Documentation": "Documentary",
    "Romance Film": "Romance",
    "War Film": "War",
    "Biographical picture": "Biography",
    "Erotic Film": "Erotic",
    "Tragic Comedy Film": "Tragicomedy",
    "Japanese Animation Film": "Anime",
    "Martial-Arts": "Martial Arts",
    "Ghost-Movie": "Ghost Film",
    "Cult Favorite": "Cult Favourite",
}
_AWARD_SUFFIX = re.compile(r"\s*[-–]\s*(Gewinner|Nominierung)\s*$")
_AWARD_WORDS = {"Gewinner": "Winner", "Nominierung": "Nomination"}

# category roots (by English name) -> facet name; "genre" fills Item.genres
ROOT_FACETS = {
    "Genre": "genre",
    "Style": "style",
    "Target group": "audience",
    "Standing": "standing",
    "Source": "source",
    "Production": "production",
    "Filmmaking Movement": "movement",
}
SKIPPED_ROOTS = ("Keyword", "Technical term")
MOOD_PARENT = "Gefühle"  # the one part of "Technical term" worth keeping: how a film feels
# sub-genres whose top-level parent would mislabel them (a romance is not always a drama)
TOP_LEVEL_GENRES = ("Romance", "Mystery", "War", "Biography")
GAME_STYLES = (
    "Singleplayer",
    "Multiplayer",
    "Co-op",
    "Online multiplayer",
    "Local multiplayer",
    "Competitive",
    "Open World Game",
    "Shooter Game",
    "Platform Game",
    "Role-playing Game",
    "Jump ’n’ Run",
    "Metroidvania",
    "Rogue-like",
    "Simulation",
)


def english_name(name: str, german_to_english: Mapping[str, str]) -> str:
    """The English display name of a category name (which omdb sometimes gives in German)."""
    name = " ".join(name.split())
    m = _AWARD_SUFFIX.search(name)
    if m:
        base = name[: m.start()]
        return f"{german_to_english.get(base, base)} - {_AWARD_WORDS[m.group(1)]}"
    return german_to_english.get(name, name)


def german_to_english_table(names: Mapping[str, Mapping[str, str]]) -> dict[str, str]:
    """The explicit table, plus German names that another category translates: omdb lists some
    categories under an English name that is the German one ('Kurzfilm'), where another
    category with the same German name has a real English name ('Short')."""
    de_to_en: dict[str, str] = {}
    english: set[str] = set()
    for by_lang in names.values():
        en, de = by_lang.get("en"), by_lang.get("de")
        if en and de and en != de:
            de_to_en.setdefault(de, en)
            english.add(en)
    table = {de: en for de, en in de_to_en.items() if de not in english}
    table.update(GERMAN_TO_ENGLISH)
    return table


@dataclass(frozen=True)
class CategoryTree:
    """omdb's category tree: for each category id, its facet and English name."""

    facet: Mapping[str, str]  # category id -> facet name ("genre", "style", "mood", ...)
    name: Mapping[str, str]  # category id -> English name
    top_genre: Mapping[str, str]  # genre category id -> English name of its top-level genre
    top_names: frozenset[str] = frozenset()  # English names of the top-level genres

    @classmethod
    def from_rows(
        cls,
        categories: Sequence[tuple[str, str | None, str]],
        names: Mapping[str, Mapping[str, str]],
    ) -> CategoryTree:
        """Build from all_categories (id, parent_id, root_id) and category_names rows."""
        table = german_to_english_table(names)
        parent = {cid: pid for cid, pid, _ in categories}
        root = {cid: rid for cid, _, rid in categories}
        raw = {
            cid: names.get(cid, {}).get("en") or names.get(cid, {}).get("de") or "" for cid in root
        }
        eng = {cid: english_name(n, table) for cid, n in raw.items() if n}
        mood_ids = {cid for cid, n in raw.items() if n == MOOD_PARENT}
        facet: dict[str, str] = {}
        top: dict[str, str] = {}
        for cid, rid in root.items():
            if cid == rid or cid not in eng:
                continue
            root_name = raw.get(rid, "")
            if root_name in SKIPPED_ROOTS:
                if parent.get(cid) in mood_ids:
                    facet[cid] = "mood"
                continue
            facet[cid] = ROOT_FACETS.get(root_name) or _snake(eng.get(rid, rid))
            if facet[cid] == "genre":
                node, seen = cid, set()
                while parent.get(node) not in (None, rid) and node not in seen:
                    if eng.get(node) in TOP_LEVEL_GENRES:
                        break
                    seen.add(node)
                    node = parent[node] or rid
                top[cid] = eng.get(node, eng[cid])
        return cls(facet=facet, name=eng, top_genre=top, top_names=frozenset(top.values()))


def _snake(name: str) -> str:
    return re.sub(r"[^0-9a-z]+", "_", name.lower()).strip("_")


@dataclass
class OmdbDump:
    """The tables of an omdb.org dump that the catalogue needs, keyed by movie id."""

    movies: dict[str, tuple[str, int | None]] = field(default_factory=dict)  # id -> (name, year)
    abstracts: dict[str, str] = field(default_factory=dict)
    categories: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    runtime: dict[str, int] = field(default_factory=dict)
    votes: dict[str, tuple[float, int]] = field(default_factory=dict)
    countries: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    languages: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    trailers: dict[str, list[tuple[str, str, str]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    tree: CategoryTree = field(default_factory=lambda: CategoryTree({}, {}, {}))
    series: dict[str, str] = field(default_factory=dict)  # movie id -> movie series name


def check_omdb_dir(omdb_dir: Path) -> None:
    """CatalogError saying how to get the dumps when the folder or a file is missing."""
    if not omdb_dir.is_dir():
        raise CatalogError(f"omdb.org dump folder not found; {DOWNLOAD_HINT}", path=str(omdb_dir))
    missing = [name for name in REQUIRED_FILES if not (omdb_dir / name).is_file()]
    if missing:
        raise CatalogError(f"missing {', '.join(missing)}; {DOWNLOAD_HINT}", path=str(omdb_dir))


def _series_names(root: Path, parents: Mapping[str, str]) -> dict[str, str]:
    """Movie id -> the name of its movie series ('Indiana Jones'), from all_movieseries.csv
    (optional: without it no movie has a series)."""
    path = root / "all_movieseries.csv"
    if not path.is_file():
        return {}
    names = {
        sid: " ".join(name.split())
        for _, (sid, name, *_rest) in _typed(read_mysql_csv(path), path, 4)
        if name and name.strip()
    }
    return {mid: names[p] for mid, p in parents.items() if p in names}


def load_dump(omdb_dir: str | Path, *, progress: bool = False) -> OmdbDump:
    """Read the dump files into memory (a few seconds)."""
    from tqdm import tqdm

    root = Path(omdb_dir)
    check_omdb_dir(root)
    dump = OmdbDump()
    files = tqdm(
        REQUIRED_FILES, desc="reading omdb dump", unit="file", file=sys.stderr, disable=not progress
    )
    for name in files:
        path = root / name
        rows = read_mysql_csv(path)
        if name == "all_movies.csv":
            parents: dict[str, str] = {}
            for _, (mid, title, parent, date) in _typed(rows, path, 4):
                if title and title.strip():
                    dump.movies[mid] = (" ".join(title.split()), _year(date))
                    if parent:
                        parents[mid] = parent
            dump.series = _series_names(root, parents)
        elif name == "movie_abstracts_en.csv":
            for _, (mid, text) in _typed(rows, path, 2):
                text = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
                # a few "abstracts" are placeholders ('500', 'i like this one!'): not a synopsis
                if len(text.split()) < MIN_ABSTRACT_WORDS:
                    continue
                if is_german_synopsis(text):  # the "English" file holds a few German abstracts
                    continue
                if is_vandalised(text):  # '... becomes DA BOMB at football. #rorywazerelolololol'
                    continue
                if len(text) > len(dump.abstracts.get(mid, "")):
                    dump.abstracts[mid] = text
        elif name == "movie_categories.csv":
            for _, (mid, cid) in _typed(rows, path, 2):
                dump.categories[mid].append(cid)
        elif name == "movie_details.csv":
            for line, (mid, runtime, *_rest) in _typed(rows, path, 5):
                value = _int(runtime, path, line, "runtime")
                if value and 0 < value <= MAX_RUNTIME:
                    dump.runtime[mid] = value
        elif name == "all_votes.csv":
            for line, (mid, avg, count) in _typed(rows, path, 3):
                n = _int(count, path, line, "votes_count") or 0
                if n > 0 and avg is not None:
                    dump.votes[mid] = (round(min(max(float(avg), 0.0), 10.0), 2), n)
        elif name == "movie_countries.csv":
            for _, (mid, code) in _typed(rows, path, 2):
                if code and len(code.strip()) == 2:
                    dump.countries[mid].append(code.strip().upper())
        elif name == "movie_languages.csv":
            for _, (mid, code) in _typed(rows, path, 2):
                code = (code or "").strip().lower()
                if len(code) == 2 and code != "xx":
                    dump.languages[mid].append(code)
        elif name == "trailers.csv":
            for _, (_tid, key, mid, lang, source) in _typed(rows, path, 5):
                if key and key.strip():
                    dump.trailers[mid].append(
                        (key.strip(), (lang or "").lower(), (source or "").lower())
                    )
    categories: list[tuple[str, str | None, str]] = []
    for _, (cid, parent, rid) in _typed(read_mysql_csv(root / "all_categories.csv"), root, 3):
        categories.append((cid, parent, rid or cid))
    names: dict[str, dict[str, str]] = defaultdict(dict)
    for _, (cid, name, lang) in _typed(read_mysql_csv(root / "category_names.csv"), root, 3):
        if name and lang:
            names[cid][lang] = name
    dump.tree = CategoryTree.from_rows(categories, names)
    return dump


def _typed(
    rows: Iterator[tuple[int, list[str | None]]], path: Path, width: int
) -> Iterator[tuple[int, Any]]:
    for line, row in rows:
        if len(row) != width:
            raise CatalogError(
                f"expected {width} columns, got {len(row)}", path=str(path), line=line
            )
        if row[0] is None:
            raise CatalogError("id column is NULL", path=str(path), line=line)
        yield line, row


def _int(value: str | None, path: Path, line: int, name: str) -> int | None:
    if value is None or value.strip() == "":
        return None
    try:
        return int(float(value))
    except ValueError:
        raise CatalogError(
            f"not a number: {value!r}", path=str(path), line=line, field=name
        ) from None


def _year(date: str | None) -> int | None:
    if date and len(date) >= 4 and date[:4].isdigit():
        year = int(date[:4])
        return year if 1800 <= year <= 2200 else None
    return None


NOUN_GENRES = (
    "Drama",
    "Comedy",
    "Thriller",
    "Western",
    "Musical",
    "Documentary",
    "Romance",
    "Satire",
)
STANDING_SENTENCES = {
    "Cult Favourite": "Cult favourite.",
    "Classic": "A classic.",
    "Milestone": "A milestone of film history.",
    "Blockbuster": "A blockbuster.",
    "Academy Award - Winner": "Academy Award winner.",
    "Nominated for Academy Award": "Academy Award nominee.",
    "National Film Registry": "In the US National Film Registry.",
}


def compose_description(
    *,
    year: int | None,
    genres: Sequence[str],
    countries: Sequence[str],
    languages: Sequence[str],
    runtime: int | None,
    facets: Mapping[str, Sequence[str]],
) -> str:
    """A readable stand-in synopsis from facets: 'A 1994 American crime drama, 154 minutes.
    Cult favourite.' (used when omdb has no English abstract)."""
    adjectives = [COUNTRY_ADJECTIVES[c] for c in countries[:2] if c in COUNTRY_ADJECTIVES]
    kind = _genre_phrase(genres)
    words = [str(year)] if year else []
    if adjectives:
        words.append("-".join(adjectives))
    words.append(kind)
    article = "An" if words[0][0].lower() in "aeiou" or words[0].startswith(("18", "8")) else "A"
    first = f"{article} {' '.join(words)}"
    if runtime:
        first += f", {runtime} minutes"
    sentences = [first + "."]
    if languages and languages[0] != "en" and languages[0] in LANGUAGE_NAMES:
        sentences.append(f"In {LANGUAGE_NAMES[languages[0]]}.")
    source = [
        s
        for s in facets.get("source", ())
        if s in ("Novel", "Graphic Novel", "True Story", "Biography")
    ]
    if source:
        sentences.append(
            "Based on a true story."
            if source[0] == "True Story"
            else f"Based on a {source[0].lower()}."
        )
    moods = [m.lower() for m in facets.get("mood", ())[:3]]
    if moods:
        sentences.append(f"{', '.join(moods).capitalize()}.")
    for standing in facets.get("standing", ()):
        if standing in STANDING_SENTENCES:
            sentences.append(STANDING_SENTENCES[standing])
            break
    return " ".join(sentences)


def _holds(longer: str, genre: str) -> bool:
    """Whether `genre`'s words stand as whole words in `longer` (split at spaces and hyphens)."""

    def spaced(text: str) -> str:
        return " " + " ".join(re.split(r"[\s-]+", text.lower())) + " "

    return spaced(genre) in spaced(longer)


def _genre_phrase(genres: Sequence[str]) -> str:
    picked = list(genres[:2])
    # "Comedy" adds nothing next to "Romantic Comedy", "High School Comedy Film" or
    # "Italo-Western" ("a high school comedy film comedy", "an italo-western western")
    picked = [g for g in picked if not any(o != g and _holds(o, g) for o in picked)]
    if not picked:
        return "film"
    nouns = [g for g in picked if g.split()[-1] in NOUN_GENRES]
    if nouns:
        noun = nouns[-1]
        return " ".join([*(g.lower() for g in picked if g != noun), noun.lower()])
    phrase = " ".join(g.lower() for g in picked)
    return phrase if phrase.endswith(("film", "movie")) else phrase + " film"


def trailer_url(trailers: Sequence[tuple[str, str, str]]) -> str | None:
    """Prefer an English YouTube trailer, then any YouTube, then Vimeo."""
    ranked = sorted(
        (t for t in trailers if t[2] in ("youtube", "vimeo")),
        key=lambda t: (t[2] != "youtube", t[1] != "en"),
    )
    if not ranked:
        return None
    key, _lang, source = ranked[0]
    if source == "vimeo":
        return f"https://vimeo.com/{key}"
    return f"https://www.youtube.com/watch?v={key}"


# category names filed under genres in the dump that are standings or awards, not genres
_NOT_A_GENRE = re.compile(r"^Standing$| - (Winner|Nomination)$")


def movie_item(mid: str, dump: OmdbDump, redial: Sequence[RedialMovie] = ()) -> Item:
    """One catalogue item for omdb movie `mid`."""
    title, year = dump.movies[mid]
    tree = dump.tree
    specific: list[str] = []
    top: list[str] = []
    facets: dict[str, list[str]] = defaultdict(list)
    for cid in dump.categories.get(mid, ()):
        kind = tree.facet.get(cid)
        if kind is None:
            continue
        name = tree.name[cid]
        if kind == "genre":
            parent = tree.top_genre.get(cid, name)
            if parent != name and parent not in top:
                top.append(parent)
            if name not in specific:
                specific.append(name)
        elif name not in facets[kind]:
            facets[kind].append(name)
    # broad genres first so that genres[:2] reads like a genre ("crime drama")
    broad = [g for g in specific if g in tree.top_names]
    genres = [g for g in dict.fromkeys([*broad, *top, *specific]) if not _NOT_A_GENRE.search(g)]
    countries = list(dict.fromkeys(dump.countries.get(mid, ())))
    languages = list(dict.fromkeys(dump.languages.get(mid, ())))
    if countries:
        facets["country"] = countries
    if languages:
        facets["language"] = languages
    runtime = dump.runtime.get(mid)
    rating, votes = dump.votes.get(mid, (None, 0))
    abstract = dump.abstracts.get(mid)
    if abstract and _HEADLESS.match(abstract):
        # 'is an animated fantasy film from 1978 ...': the abstract left its title out
        abstract = f"{title} {abstract}"
    description = abstract or compose_description(
        year=year,
        genres=genres,
        countries=countries,
        languages=languages,
        runtime=runtime,
        facets=facets,
    )
    extra: dict[str, Any] = {"omdb_id": int(mid)}
    if mid in dump.series:
        extra["series"] = dump.series[mid]  # omdb.org's movie series ('Indiana Jones')
    if redial:
        extra["redial_ids"] = [m.movie_id for m in redial]
        extra["redial_mentions"] = sum(m.mentions for m in redial)
        # ReDial's English names of the linked movies: 'Amélie' for the French original title
        aliases = [m.title for m in redial if m.title.casefold() != title.casefold()]
        aliases += [
            part.strip()
            for m in redial
            for part in re.split(r"\s*(?::|\s[-–—]\s)\s*", m.title)[1:]
            if distinctive_subtitle(part) and part.casefold() != title.casefold()
        ]
        if aliases:
            extra["aliases"] = list(dict.fromkeys(aliases))
    return Item(
        id=f"omdb:{mid}",
        title=title,
        description=description,
        year=year,
        genres=tuple(genres),
        facets={k: tuple(v) for k, v in facets.items() if v},
        runtime=runtime,
        rating=rating,
        votes=votes,
        url=f"https://www.omdb.org/movie/{mid}",
        trailer_url=trailer_url(dump.trailers.get(mid, ())),
        description_composed=abstract is None,
        extra=extra,
    )


def is_game(mid: str, dump: OmdbDump) -> bool:
    """omdb also lists some video games; the movie catalogue leaves them out."""
    return any(
        dump.tree.facet.get(c) == "style" and dump.tree.name.get(c) in GAME_STYLES
        for c in dump.categories.get(mid, ())
    )


@dataclass(frozen=True)
class BuildReport:
    """What a build wrote, for the CLI and the metadata sidecar."""

    path: Path
    items: int
    seconds: float
    meta: Mapping[str, Any]

    def summary(self) -> str:
        """One line for the person who ran the build: items, file, seconds and the main counts."""
        counts = self.meta["counts"]
        return (
            f"wrote {self.items:,} movies to {self.path} in {self.seconds} s "
            f"({counts['with_abstract']:,} with an English abstract, "
            f"{counts['with_redial_ids']:,} linked to ReDial)"
        )


_GERMAN = frozenset(
    re.findall(
        r"\S+",
        "und der die das über mit ein eine einer nicht ist sich auf für von dem den des im zu "
        "wird wie auch aber noch",
    )
)
_ENGLISH = frozenset(
    re.findall(r"\S+", "the and of a to in is with his her that for on as by an it from who")
)


# an abstract that opens with its verb: the title it starts with was left out
_HEADLESS = re.compile(r"(?:is|was|are|were)\s")
# marks of a defaced abstract: a hashtag ('#rorywazere...'; not '#1 NASCAR driver'), chat
# laughter ('lolololol', 'lmao')
_VANDAL_MARKS = re.compile(r"#[^\W\d_]\w*|\b(?:lo){2,}l?\b|\blol+\b|\blmao\b|\brofl\b", re.I)


def is_vandalised(text: str) -> bool:
    """The abstract carries marks of vandalism (a hashtag, chat laughter): not a synopsis to
    quote ('... becomes DA BOMB at football and bosses. #rorywazerelolololol')."""
    return _VANDAL_MARKS.search(text) is not None


def is_german_synopsis(text: str) -> bool:
    """More German than English function words: the synopsis is not English."""
    words = re.findall(r"[a-zäöüß]+", text.lower())
    german = sum(w in _GERMAN for w in words)
    return german >= 2 and german > sum(w in _ENGLISH for w in words)


def build_movie_items(
    dump: OmdbDump,
    redial_movies: Sequence[RedialMovie],
    *,
    include_all: bool = False,
    progress: bool = False,
) -> tuple[list[Item], dict[str, Any]]:
    """Items for movies with an English abstract or a ReDial match (all movies with include_all)."""
    from tqdm import tqdm

    candidates = (
        Candidate(mid, title, year, popularity=dump.votes.get(mid, (0.0, 0))[1])
        for mid, (title, year) in dump.movies.items()
    )
    matches: MatchResult = match_redial(redial_movies, candidates)
    items: list[Item] = []
    skipped_games = 0
    ids = tqdm(
        sorted(dump.movies, key=int),
        desc="building items",
        unit="movie",
        file=sys.stderr,
        disable=not progress,
    )
    for mid in ids:
        redial = matches.by_item.get(mid, ())
        if not (include_all or redial or mid in dump.abstracts):
            continue
        if not redial and is_game(mid, dump):
            skipped_games += 1
            continue
        items.append(movie_item(mid, dump, redial))
    stats = {
        "omdb_movies": len(dump.movies),
        "items": len(items),
        "with_abstract": sum(not i.description_composed for i in items),
        "composed_description": sum(i.description_composed for i in items),
        "with_redial_ids": sum(1 for i in items if i.extra.get("redial_ids")),
        "skipped_games": skipped_games,
        "redial_match": dict(matches.stats),
    }
    return items, stats


def _with_co_mentions(items: list[Item], train: Path) -> tuple[list[Item], dict[str, Any]]:
    """Attach extra["co_mentioned"]: the movies ReDial's training dialogues name together."""
    item_of = {rid: i.id for i in items for rid in i.extra.get("redial_ids", ())}
    neighbours, dialogues = co_mentions(train, item_of)
    out = [
        replace(i, extra={**i.extra, "co_mentioned": neighbours[i.id]}) if i.id in neighbours else i
        for i in items
    ]
    return out, {"source": train.name, "dialogues": dialogues, "items": len(neighbours)}


def build_omdb_catalog(
    omdb_dir: str | Path,
    redial_dir: str | Path | None,
    out: str | Path,
    *,
    include_all: bool = False,
    progress: bool = False,
) -> BuildReport:
    """Read the dumps, match ReDial, write the catalogue JSONL and its .meta.json atomically."""
    started = time.perf_counter()
    dump = load_dump(omdb_dir, progress=progress)
    redial_movies = load_redial_movies(redial_dir) if redial_dir is not None else []
    items, stats = build_movie_items(
        dump, redial_movies, include_all=include_all, progress=progress
    )
    if not items:
        raise CatalogError(
            "no movies selected: the dump has no English abstracts", path=str(omdb_dir)
        )
    train = Path(redial_dir) / TRAIN_FILE if redial_dir is not None else None
    if train is not None and train.exists():
        items, stats["co_mentions"] = _with_co_mentions(items, train)
    items, stats["entities"] = add_people_and_studios(items, progress=progress)
    linked = {rid for i in items for rid in i.extra.get("redial_ids", ())}
    items, stats["entities"]["english_title_aliases"] = english_title_aliases(
        items, ((m.title, m.year) for m in redial_movies if m.movie_id not in linked)
    )
    seconds = round(time.perf_counter() - started, 2)
    credits = [OMDB_CREDIT] + ([REDIAL_CREDIT] if redial_movies else [])
    meta = {
        "source": "omdb" + (" + redial" if redial_movies else ""),
        "selection": "all omdb movies" if include_all else "English abstract or ReDial match",
        "license": OMDB_LICENSE,
        "attribution": credits,
        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "build_seconds": seconds,
        "counts": {
            k: v for k, v in stats.items() if k not in ("redial_match", "co_mentions", "entities")
        },
        "entities": stats["entities"],
        "redial_match": stats["redial_match"],
    }
    if "co_mentions" in stats:
        meta["co_mentions"] = stats["co_mentions"]
    path = write_catalog(items, out, meta=meta)
    return BuildReport(path=path, items=len(items), seconds=seconds, meta=meta)
