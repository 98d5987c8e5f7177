"""ReDial's movie list and matching its "Title (Year)" names to catalogue movies."""

from __future__ import annotations

import csv
import json
import re
import urllib.parse
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from chatbot.errors import CatalogError
from chatbot.title_keys import normalize_title

MOVIES_FILE = "movies_with_mentions.csv"

_YEAR_SUFFIX = re.compile(r"^(?P<title>.*?)\s*\((?P<year>\d{4})\)\s*$")
# a leading article of another language, which one source may leave out ('Der Golem' is ReDial's
# 'The Golem'); matched on title keys, which have lost an English one already
_FOREIGN_ARTICLE = re.compile(r"^(?:le|la|les|l|el|los|las|der|die|das|il)\s+")
_TITLE_PARTS = re.compile(r"\s*(?::|\s[-–—]\s)\s*")


@dataclass(frozen=True)
class RedialMovie:
    """One movie of ReDial's movie list."""

    movie_id: str
    name: str  # as written in ReDial: "Title (Year)"
    title: str
    year: int | None
    mentions: int


@dataclass(frozen=True)
class MatchResult:
    """Which catalogue ids each ReDial movie matched, and how."""

    by_item: Mapping[str, tuple[RedialMovie, ...]]  # catalogue id -> ReDial movies
    stats: Mapping[str, int] = field(default_factory=dict)


def split_title_year(name: str) -> tuple[str, int | None]:
    """'Jumanji  (2017)' -> ('Jumanji', 2017); 'The Mummy ' -> ('The Mummy', None)."""
    if "%" in name:
        name = urllib.parse.unquote(name)  # a few names are URL-encoded: 'Why Him%3F (2016)'
    m = _YEAR_SUFFIX.match(name)
    if m:
        return _squash(m.group("title")), int(m.group("year"))
    return _squash(name), None


def title_keys(title: str) -> tuple[str, ...]:
    """The keys a title links by: its key (chatbot.title_keys.normalize_title), then that key
    without a leading article of another language ('Der Golem' -> ('der golem', 'golem'))."""
    key = normalize_title(title)
    return tuple(k for k in dict.fromkeys((key, _FOREIGN_ARTICLE.sub("", key))) if k)


def title_parts(title: str) -> list[str]:
    """Main title and subtitle keys: 'Jumanji: Welcome to the Jungle' -> ['jumanji',
    'welcome to the jungle'] (empty for a title without a subtitle). A one-word subtitle
    ('Justice League: War') is too generic to match on and is left out."""
    parts = _TITLE_PARTS.split(title, maxsplit=1)
    if len(parts) < 2:
        return []
    main, sub = (normalize_title(p) for p in parts)
    return [k for k in (main, sub if len(sub.split()) >= 2 else "") if k]


def _squash(text: str) -> str:
    return " ".join(text.split())


def load_redial_movies(redial_dir: str | Path) -> list[RedialMovie]:
    """Read movies_with_mentions.csv (movieId, movieName, nbMentions)."""
    path = Path(redial_dir) / MOVIES_FILE
    if not path.exists():
        raise CatalogError(
            f"ReDial movie list not found; put ReDial's {MOVIES_FILE} there "
            "(https://redialdata.github.io/website/) or set CHATBOT_REDIAL_DIR",
            path=str(path),
        )
    out: list[RedialMovie] = []
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        missing = {"movieId", "movieName", "nbMentions"} - set(reader.fieldnames or ())
        if missing:
            raise CatalogError(f"missing columns {sorted(missing)}", path=str(path), line=1)
        for row in reader:
            try:
                mentions = int(row["nbMentions"] or 0)
            except ValueError:
                raise CatalogError(
                    f"not a number: {row['nbMentions']!r}",
                    path=str(path),
                    line=reader.line_num,
                    field="nbMentions",
                ) from None
            title, year = split_title_year(row["movieName"] or "")
            if not title:
                continue
            out.append(RedialMovie(row["movieId"].strip(), row["movieName"], title, year, mentions))
    return out


@dataclass(frozen=True)
class Candidate:
    """A catalogue movie that ReDial names can be matched against."""

    item_id: str
    title: str
    year: int | None
    popularity: int = 0  # votes; breaks ties for ReDial names without a year
    alt_titles: Sequence[str] = ()


def match_redial(movies: Iterable[RedialMovie], candidates: Iterable[Candidate]) -> MatchResult:
    """Match by normalised title and exact year, then year ±1 when that is unambiguous; names
    without a year match only a title that is unique (or far more popular than the rest)."""
    index: dict[str, list[Candidate]] = defaultdict(list)
    by_part: dict[str, list[Candidate]] = defaultdict(list)
    for cand in candidates:
        titles = (cand.title, *cand.alt_titles)
        for key in {k for t in titles for k in title_keys(t)}:
            index[key].append(cand)
        for key in {k for t in titles for k in title_parts(t)}:
            by_part[key].append(cand)
    by_item: dict[str, list[RedialMovie]] = defaultdict(list)
    stats = {
        "redial_movies": 0,
        "exact_year": 0,
        "year_off_by_one": 0,
        "no_year": 0,
        "title_part": 0,
        "unmatched": 0,
    }
    for movie in movies:
        stats["redial_movies"] += 1
        found, how = _match_one(movie, _candidates(index, movie.title))
        if found is None and movie.year is not None:
            found, how = _match_part(movie, index, by_part)
        if found is None:
            stats["unmatched"] += 1
            continue
        stats[how] += 1
        by_item[found.item_id].append(movie)
    stats["matched"] = stats["redial_movies"] - stats["unmatched"]
    stats["matched_items"] = len(by_item)
    return MatchResult({k: tuple(v) for k, v in by_item.items()}, stats)


def _match_part(
    movie: RedialMovie, index: Mapping[str, list[Candidate]], by_part: Mapping[str, list[Candidate]]
) -> tuple[Candidate | None, str]:
    """Same year, and one title is the other's main title or subtitle ('Jumanji (2017)' ->
    'Jumanji: Welcome to the Jungle'); only when exactly one movie fits."""
    key = normalize_title(movie.title)
    pool = [*by_part.get(key, ()), *(c for k in title_parts(movie.title) for c in index.get(k, ()))]
    found = {c.item_id: c for c in pool if c.year == movie.year}
    if len(found) == 1:
        return next(iter(found.values())), "title_part"
    return None, ""


def _candidates(index: Mapping[str, list[Candidate]], title: str) -> list[Candidate]:
    """The catalogue movies indexed under any of the title's keys, each once."""
    found = {c.item_id: c for k in title_keys(title) for c in index.get(k, ())}
    return list(found.values())


def _match_one(movie: RedialMovie, cands: list[Candidate]) -> tuple[Candidate | None, str]:
    if not cands:
        return None, ""
    if movie.year is None:
        if len(cands) == 1:
            return cands[0], "no_year"
        ranked = sorted(cands, key=lambda c: -c.popularity)
        # a bare title ("The Mummy") means the one everybody knows, when there clearly is one
        if ranked[0].popularity >= 20 and ranked[0].popularity >= 3 * ranked[1].popularity:
            return ranked[0], "no_year"
        return None, ""
    exact = [c for c in cands if c.year == movie.year]
    if len(exact) == 1:
        return exact[0], "exact_year"
    if len(exact) > 1:
        return max(exact, key=lambda c: c.popularity), "exact_year"
    near = [c for c in cands if c.year is not None and abs(c.year - movie.year) == 1]
    if len(near) == 1:
        return near[0], "year_off_by_one"
    return None, ""


TRAIN_FILE = "train_partial.jsonl"


def co_mentions(
    dialogues: str | Path,
    item_of: Mapping[str, str],
    *,
    top: int = 30,
    min_count: int = 1,
) -> tuple[dict[str, list[list[Any]]], int]:
    """Movies named in the same ReDial dialogue, per catalogue item: {item_id: [[other_id,
    count], ...]} (most frequent first), plus the number of dialogues read. `item_of` maps
    ReDial movie ids to catalogue ids. Read from training dialogues only, never the test split."""
    path = Path(dialogues)
    pairs: dict[str, Counter[str]] = defaultdict(Counter)
    n = 0
    with path.open(encoding="utf-8") as f:
        for line_no, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                mentions = json.loads(line).get("movieMentions") or {}
            except (ValueError, AttributeError):
                raise CatalogError(
                    "not a ReDial dialogue (JSON object per line)", path=str(path), line=line_no
                ) from None
            ids = sorted({item_of[m] for m in mentions if m in item_of})
            n += 1
            for a in ids:
                for b in ids:
                    if a != b:
                        pairs[a][b] += 1
    out = {
        a: [[b, c] for b, c in counts.most_common(top) if c >= min_count]
        for a, counts in pairs.items()
    }
    return {a: v for a, v in out.items() if v}, n
