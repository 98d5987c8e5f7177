"""Hard filters on catalogue facets (genre, year, runtime, language, price...) as row masks."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from chatbot.catalog import Item
from chatbot.errors import InputError

_NUMERIC = ("year", "runtime", "rating", "price")
_EXPR = re.compile(r"^\s*([A-Za-z_][\w-]*)\s*(!=|>=|<=|=|>|<)\s*(.*?)\s*$")
FILTER_GRAMMAR = (
    "genre=Drama, genre!=Horror, year>=1990, year<=1999, runtime<=120, language=fr, "
    "country=FR, rating>=7, price<=20, decade!=1980, genre_spared=Horror comedy (a narrower genre "
    "a genre!= lets through), FACET=VALUE, FACET!=VALUE (VALUE may be A,B for any of)"
)


@dataclass(frozen=True)
class Filters:
    """Hard constraints on items; unset fields do not constrain; a missing value fails a bound."""

    genres_any: tuple[str, ...] = ()
    genres_none: tuple[str, ...] = ()
    year_min: int | None = None
    year_max: int | None = None
    runtime_min: int | None = None
    runtime_max: int | None = None
    languages: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    rating_min: float | None = None
    price_min: float | None = None
    price_max: float | None = None
    facets_any: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    facets_none: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    suitable_for: str | None = None  # an AUDIENCES key: 'children' or 'family'
    text_none: tuple[str, ...] = ()  # topics the title and description must not mention
    decades_none: tuple[int, ...] = ()  # decades to leave out, by first year (1980: 1980-1989)
    # narrower genres a refused genre spares ("I don't usually like horror, but I'd love a
    # horror comedy": genres_none Horror, genres_spared Horror comedy)
    genres_spared: tuple[str, ...] = ()

    @property
    def active(self) -> bool:
        """True when at least one constraint is set."""
        return bool(self.to_exprs())

    def matches(self, item: Item) -> bool:
        """Whether one item satisfies every constraint."""
        for name, want, none in self.value_constraints():
            have = item.facet(name)
            if want and not any(is_kind_of(v, w, name) for v in have for w in want):
                return False
            if any(
                is_kind_of(v, r, name) and not self._spared(have, r, name)
                for v in have
                for r in none
            ):
                return False
        if self.suitable_for is not None and not AUDIENCES[self.suitable_for].admits(item):
            return False
        if self.text_none and mentions_any(_content_text(item), self.text_none):
            return False
        if self.decades_none and (item.year is None or item.year // 10 * 10 in self.decades_none):
            return False
        for name, lo, hi in self._bounds():
            value = getattr(item, name)
            if value is None or (lo is not None and value < lo) or (hi is not None and value > hi):
                return False
        return True

    def _spared(self, have: Sequence[str], refused: str, name: str) -> bool:
        """An item with these values of facet `name` carries a spared genre narrower than
        the refused value, so the refusal passes it by."""
        return name == "genre" and any(
            is_kind_of(v, s, name) and is_kind_of(s, refused, name) and s != refused
            for v in have
            for s in self.genres_spared
        )

    def spared_of(self, refused: str) -> tuple[str, ...]:
        """The spared genres narrower than a refused genre."""
        return tuple(
            s for s in self.genres_spared if s != refused and is_kind_of(s, refused, "genre")
        )

    def matches_content(self, item: Item) -> bool:
        """The audience and topic parts of the filter alone (see matches)."""
        if self.suitable_for is not None and not AUDIENCES[self.suitable_for].admits(item):
            return False
        return not (self.text_none and mentions_any(_content_text(item), self.text_none))

    def to_exprs(self) -> list[str]:
        """The filter as expressions that parse_filters reads back to an equal Filters."""
        out = []
        for name, want, none in self.value_constraints():
            if want:
                out.append(f"{name}={','.join(want)}")
            if none:
                out.append(f"{name}!={','.join(none)}")
        for name, lo, hi in self._bounds():
            if lo is not None:
                out.append(f"{name}>={_num(lo)}")
            if hi is not None:
                out.append(f"{name}<={_num(hi)}")
        if self.suitable_for is not None:
            out.append(f"suitable_for={self.suitable_for}")
        if self.text_none:
            out.append(f"text!={','.join(self.text_none)}")
        if self.decades_none:
            out.append(f"decade!={','.join(str(d) for d in self.decades_none)}")
        if self.genres_spared:
            out.append(f"genre_spared={','.join(self.genres_spared)}")
        return out

    def value_constraints(self) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
        """(facet name, values wanted (any of), values refused) per constrained facet."""
        names: dict[str, tuple[list[str], list[str]]] = {}

        def add(name: str, values: Iterable[str], slot: int) -> None:
            bucket = names.setdefault(name, ([], []))[slot]
            seen = {v.casefold() for v in bucket}
            bucket.extend(v for v in values if v.casefold() not in seen)

        add("genre", self.genres_any, 0)
        add("genre", self.genres_none, 1)
        add("language", self.languages, 0)
        add("country", self.countries, 0)
        for name, values in self.facets_any.items():
            add(name, values, 0)
        for name, values in self.facets_none.items():
            add(name, values, 1)
        return [
            (n, tuple(want), tuple(none))
            for n, (want, none) in sorted(names.items())
            if want or none
        ]

    def _bounds(self) -> list[tuple[str, float | None, float | None]]:
        bounds = [
            ("year", self.year_min, self.year_max),
            ("runtime", self.runtime_min, self.runtime_max),
            ("rating", self.rating_min, None),
            ("price", self.price_min, self.price_max),
        ]
        return [b for b in bounds if b[1] is not None or b[2] is not None]


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


# filters that take a plain list of words: name -> (its one operator, Filters field, what it is)
_WORD_LISTS = {
    "text": ("!=", "text_none", "topics to leave out"),
    "genre_spared": ("=", "genres_spared", "genres a refusal spares"),
}


def parse_filters(exprs: Sequence[str], *, facet_names: Iterable[str] | None = None) -> Filters:
    """Parse CLI-style filter expressions; InputError says which one is wrong and why.

    With facet_names (e.g. catalog.facet_names()), unknown facet names are rejected too.
    """
    known = None if facet_names is None else {n.casefold() for n in facet_names}
    acc: dict[str, Any] = {"facets_any": {}, "facets_none": {}}
    for expr in exprs:
        m = _EXPR.match(expr)
        if not m or not m.group(3):
            raise InputError(f"bad filter {expr!r}; expected NAME OP VALUE, e.g. {FILTER_GRAMMAR}")
        name, op, raw = m.group(1).casefold(), m.group(2), m.group(3)
        name = {
            "genres": "genre",
            "tags": "tag",
            "languages": "language",
            "countries": "country",
        }.get(name, name)
        if name in _NUMERIC:
            _parse_bound(expr, name, op, raw, acc)
            continue
        if name == "suitable_for":
            if op != "=" or raw not in AUDIENCES:
                raise InputError(f"filter {expr!r}: use suitable_for={'|'.join(AUDIENCES)}")
            acc["suitable_for"] = raw
            continue
        if name == "decade":
            if op != "!=" or not all(v.strip().isdecimal() for v in raw.split(",")):
                raise InputError(f"filter {expr!r}: use decade!=1980 (decades to leave out)")
            decades = tuple(int(v) // 10 * 10 for v in raw.split(","))
            acc["decades_none"] = tuple(dict.fromkeys([*acc.get("decades_none", ()), *decades]))
            continue
        if name in _WORD_LISTS:
            want_op, field_name, what = _WORD_LISTS[name]
            if op != want_op:
                raise InputError(f"filter {expr!r}: {name} takes {want_op} ({what})")
            words = tuple(v.strip() for v in raw.split(",") if v.strip())
            acc[field_name] = tuple(dict.fromkeys([*acc.get(field_name, ()), *words]))
            continue
        if op not in ("=", "!="):
            raise InputError(f"filter {expr!r}: {name} takes = or != (a list of values), not {op}")
        values = tuple(v.strip() for v in raw.split(",") if v.strip())
        if not values:
            raise InputError(f"filter {expr!r}: no value after {op}")
        if known is not None and name not in known | {"genre", "tag", "language", "country"}:
            names = sorted(known | {"tag", "language", "country"}) + list(_NUMERIC)
            raise InputError(f"filter {expr!r}: unknown facet {name!r}; known: {', '.join(names)}")
        if name == "language":
            values = tuple(v.lower() for v in values)
        elif name == "country":
            values = tuple(v.upper() for v in values)
        slot = {("genre", "="): "genres_any", ("genre", "!="): "genres_none"}.get((name, op))
        if slot is None and op == "=" and name in ("language", "country"):
            slot = "languages" if name == "language" else "countries"
        if slot is not None:
            acc[slot] = tuple(dict.fromkeys([*acc.get(slot, ()), *values]))
        else:
            bucket = acc["facets_any" if op == "=" else "facets_none"]
            bucket[name] = tuple(dict.fromkeys([*bucket.get(name, ()), *values]))
    return Filters(**acc)


def _parse_bound(expr: str, name: str, op: str, raw: str, acc: dict[str, Any]) -> None:
    try:
        value = float(raw)
    except ValueError:
        raise InputError(f"filter {expr!r}: {raw!r} is not a number") from None
    if not math.isfinite(value):
        raise InputError(f"filter {expr!r}: {raw!r} is not a finite number")
    integral = name in ("year", "runtime")
    if integral and not value.is_integer():
        raise InputError(f"filter {expr!r}: {name} must be a whole number")
    step = 1.0 if integral else 1e-9  # makes > and < inclusive bounds
    lo = hi = None
    if op in (">=", "="):
        lo = value
    if op in ("<=", "="):
        hi = value
    if op == ">":
        lo = value + step
    if op == "<":
        hi = value - step
    if op == "!=":
        raise InputError(f"filter {expr!r}: {name} takes >=, <=, >, < or =, not !=")
    if name == "rating" and hi is not None:
        raise InputError(f"filter {expr!r}: rating takes a lower bound only (rating>=7)")
    cast: Callable[[float], Any] = int if integral else float
    if lo is not None:
        key = f"{name}_min"
        acc[key] = cast(lo) if acc.get(key) is None else max(acc[key], cast(lo))
    if hi is not None:
        key = f"{name}_max"
        acc[key] = cast(hi) if acc.get(key) is None else min(acc[key], cast(hi))


class FilterColumns:
    """Catalogue fields as numpy columns so that a filter becomes a bool mask in milliseconds."""

    def __init__(self, items: Sequence[Item]) -> None:
        self._items = items
        self.n = len(items)
        self._numeric = {
            name: np.array(
                [np.nan if getattr(i, name) is None else getattr(i, name) for i in items]
            )
            for name in _NUMERIC
        }
        self._postings: dict[str, dict[str, np.ndarray]] = {}

    def values_mask(self, name: str, values: Iterable[str]) -> np.ndarray:
        """Rows carrying any of these (case-folded) values of a facet."""
        if name not in self._postings:
            rows: dict[str, list[int]] = {}
            for row, item in enumerate(self._items):
                for value in {v.casefold() for v in item.facet(name)}:
                    rows.setdefault(value, []).append(row)
            self._postings[name] = {v: np.array(r, dtype=np.int64) for v, r in rows.items()}
        mask = np.zeros(self.n, dtype=bool)
        for value in values:
            mask[self._postings[name].get(value, np.empty(0, dtype=np.int64))] = True
        return mask

    def kinds_mask(self, name: str, values: Iterable[str]) -> np.ndarray:
        """Rows carrying any of these values or a narrower one ('Romance': 'Romantic Comedy')."""
        self.values_mask(name, ())
        wanted = list(values)
        return self.values_mask(
            name, {v for v in self._postings[name] if any(is_kind_of(v, w, name) for w in wanted)}
        )

    def mask(self, filters: Filters) -> np.ndarray:
        out = np.ones(self.n, dtype=bool)
        for name, want, none in filters.value_constraints():
            if want:
                out &= self.kinds_mask(name, want)
            for refused in none:
                hit = self.kinds_mask(name, (refused,))
                spared = filters.spared_of(refused) if name == "genre" else ()
                if spared:
                    hit = hit & ~self.kinds_mask(name, spared)
                out &= ~hit
        if filters.suitable_for is not None or filters.text_none:
            out &= np.array([filters.matches_content(i) for i in self._items], dtype=bool)
        for name, lo, hi in filters._bounds():
            col = self._numeric[name]
            with np.errstate(invalid="ignore"):
                ok = ~np.isnan(col)
                if lo is not None:
                    ok &= col >= lo
                if hi is not None:
                    ok &= col <= hi
            out &= ok
        if filters.decades_none:
            # 'not from the 2000s': as `Filters.matches` (no year: left out too)
            years = self._numeric["year"]
            with np.errstate(invalid="ignore"):
                decade = np.floor(years / 10) * 10
                out &= ~np.isnan(years) & ~np.isin(decade, list(filters.decades_none))
        return out


# Facets whose values are names (a person, a studio, a franchise): asked for by name ('a Spielberg
# film', 'no more Marvel', 'no Harry Potter'), compared as whole values, never as kinds of things
NAMED_FACETS = ("person", "studio", "franchise")
# Facets whose values name kinds of things, so that a value covers its narrower ones
_FLAT = frozenset(("language", "country", *NAMED_FACETS))
_WORDS = re.compile(r"[a-z0-9]+")


_SUFFIXES = frozenset(("", "s", "es", "ce", "ces", "tic", "ic", "y", "ies", "al", "ical", "ian"))


def _stem_match(a: str, b: str) -> bool:
    """'romance' ~ 'romantic', 'comedy' ~ 'comedic': the same stem of five letters or more with
    a common English ending after it (a typo such as 'sciense' is not a kind of science)."""
    if a == b:
        return True
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n >= 5 and a[n:] in _SUFFIXES and b[n:] in _SUFFIXES


def is_kind_of(value: str, broader: str, facet: str = "genre") -> bool:
    """Whether a facet value is `broader` or a narrower kind of it: every word of 'Romance' is in
    'Romantic Comedy' (same stem), every word of 'Horror' in 'Teen Horror Film'. People,
    studios, languages and countries compare as whole values."""
    if value.casefold() == broader.casefold():
        return True
    if facet in _FLAT:
        return False
    have = _WORDS.findall(value.casefold())
    return all(any(_stem_match(w, h) for h in have) for w in _WORDS.findall(broader.casefold()))


# topic -> other ways descriptions write it (the first is the canonical name), for a topic
# turned down
TOPIC_VARIANTS: tuple[tuple[str, ...], ...] = (
    ("world war ii", "world war 2", "ww2", "wwii", "second world war", "d-day", "the holocaust"),
    ("world war i", "world war 1", "ww1", "wwi", "first world war", "great war"),
    ("vietnam war", "vietnam"),
    ("zombies", "zombie", "undead"),
    ("vampires", "vampire"),
    ("sharks", "shark"),
    ("spiders", "spider"),
    ("clowns", "clown"),
    ("dogs", "dog", "puppy", "puppies"),
    # the words synopses use for a setting turned down ('no more space stuff': Alien's synopsis
    # says 'an unknown planet' and 'ship', not 'space')
    (
        "space", "outer space", "spaceship", "spaceships", "spacecraft", "space station",
        "astronaut", "astronauts", "starship", "galaxy", "galactic", "planet", "planets",
        "space opera",
    ),
    ("aliens", "alien", "extraterrestrial", "extraterrestrials", "ufo", "ufos"),
    ("robots", "robot", "android", "androids", "cyborg", "cyborgs"),
    ("werewolves", "werewolf"),
    ("snakes", "snake", "serpent", "serpents"),
)  # fmt: skip


def topic_variants(topic: str) -> tuple[str, ...]:
    """All spellings of a topic that TOPIC_VARIANTS knows, the topic itself first."""
    key = topic.casefold().strip()
    for group in TOPIC_VARIANTS:
        if key in group:
            return (key, *[g for g in group if g != key])
    return (key,)


def _content_text(item: Item) -> str:
    """What a topic to leave out is looked for in: title, description and genres."""
    return f"{item.title}. {item.description} {'. '.join(item.genres)}"


def mentions_any(text: str, topics: Iterable[str]) -> bool:
    """Whether a text names any of the topics (or a variant) as whole words, ignoring case; a
    one-word topic also matches a word of the same stem ('politics': 'Political Documentary')."""
    low = text.casefold()
    words: set[str] | None = None
    for topic in topics:
        for variant in topic_variants(topic):
            if re.search(rf"(?<![\w-]){re.escape(variant)}(?![\w-])", low):
                return True
        key = topic.casefold().strip()
        if " " not in key and len(key) >= 5:
            words = set(_WORDS.findall(low)) if words is None else words
            if any(_stem_match(key, w) for w in words):
                return True
    return False


@dataclass(frozen=True)
class Audience:
    """Who is watching: the facet values an item needs (any of) and the ones it must not have."""

    needs: Mapping[str, tuple[str, ...]]
    refuses: Mapping[str, tuple[str, ...]]
    # refusals that a children's mark overrides (see _marked): WALL-E (an animated Family Film
    # with Romance) suits a 6-year-old, Titanic (a Family Film with Romance) does not
    unless_marked: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # an item that meets the needs only by its genre (animated, a fairy tale) and carries no
    # family or children's mark must also show none of the signs of grown-up films
    # (unmarked_adult_signs): the catalogue has no age rating, and unmarked animation mixes
    # Moana with Persepolis, Appleseed and South Park
    check_unmarked: bool = False

    def _marked(self, item: Item) -> bool:
        """Marked as a children's film, or as a family film of a needed genre (an animated
        family film): Titanic's 'Family Film' mark alone does not count."""
        audience = {v.casefold() for v in item.facet("audience")}
        if "children's film" in audience:
            return True
        genres = {g.casefold() for g in self.needs.get("genre", ())}
        return "family film" in audience and any(g.casefold() in genres for g in item.genres)

    def refuses_value(self, facet: str, value: str) -> bool:
        """Whether items with this facet value are refused ('genre', 'Slasher Film')."""
        return any(is_kind_of(value, r, facet) for r in self.refuses.get(facet, ()))

    def admits(self, item: Item) -> bool:
        """Whether the item suits this audience (refused values include narrower kinds)."""
        marked = self._marked(item)
        for name, values in self.refuses.items():
            soft = self.unless_marked.get(name, ()) if marked else ()
            if any(
                is_kind_of(v, r, name) for v in item.facet(name) for r in values if r not in soft
            ):
                return False
        if not self.needs:
            return True
        if not any(
            v.casefold() in {n.casefold() for n in values}
            for name, values in self.needs.items()
            for v in item.facet(name)
        ):
            return False
        return not (self.check_unmarked and unmarked_adult_signs(item))


_ADULT = {
    "genre": (
        "Horror",
        "Erotic",
        "Splatter Film",
        "Slasher Film",
        "Splatstick",
        "Gross Out Film",
        "Cannibal-Movie",
    ),
    "audience": ("Adult", "Violence", "Sexually Explicit", "Mature"),
    "mood": ("Erotic", "Disturbing", "Revolting", "Gross", "Deviant"),
    "standing": ("Pretty Hard Stuff",),
}
_TEEN = {
    "genre": ("Erotic", "Splatter Film", "Splatstick", "Gross Out Film", "Cannibal-Movie"),
    "audience": ("Adult", "Sexually Explicit"),
    "mood": ("Erotic", "Revolting", "Gross", "Deviant"),
    "standing": ("Pretty Hard Stuff",),
}
# the animated kinds: without an audience mark most of them (Moana, Frozen II) are still made for
# children, so turning children's and family films down leaves them out too (see
# Ranker.filters), unless animation is asked for ('animated, but not for kids')
ANIMATION_GENRES = ("Animation", "Computer Animation", "Cartoon", "Stop Motion")
_FAMILY_NEEDS = {
    "audience": ("Family Film", "Children's Film"),
    "genre": (*ANIMATION_GENRES, "Fairy-Tale Film"),
}
# Signs that an animated or fairy-tale film without a family or children's mark is made for
# grown-ups (used by the children's and family audiences; source of the values: the omdb.org
# categories of the movie catalogue, checked against the 217 unmarked films the children's
# audience admitted before, 2026-12-03: Persepolis, Appleseed, The Animatrix, Superman:
# Doomsday, South Park: Bigger, Longer & Uncut, The Fisher King ...). A film of a studio that
# makes films for children (_KIDS_STUDIOS) needs only to pass the refusals. Wrongly leaving a
# children's film out costs one pick; wrongly showing a grown-up one to a child costs trust.
_KIDS_STUDIOS = ("Disney", "Pixar", "DreamWorks", "Aardman", "Studio Ghibli")
_GROWNUP_MARKS = {
    "audience": ("Dude Film", "Teen Film"),
    "genre": (
        "Cyberpunk",
        "Utopia & Dystopia",
        "Psychodrama",
        "Social Drama",
        "Melodrama",
        "Documentary",
        "Dark Comedy",
    ),
    "mood": ("Serious", "Dark", "Sad", "Disturbing"),
    "source": ("True Story",),
    "production": ("Independent Film",),
}
# kinds that an unmarked film for children has only with comedy (Lego Batman, The Mitchells vs
# the Machines), not alone (Appleseed: Ex Machina, Superman: Unbound, Watership Down)
_GROWNUP_WITHOUT_COMEDY = ("Action", "Science Fiction", "Super Hero", "Drama")
# words of a description that a children's film does not have
_GROWNUP_WORDS = re.compile(
    r"\b(?:r-rated|sex(?:ual|y)?|drugs?|stoners?|marijuana|curs(?:es|ing)|swearing|nud(?:e|ity)"
    r"|naked|murder(?:s|ed|er|ous)?|kill(?:s|ed|er|ers|ing)?|blood(?:y|shed)?|wars?|vampires?"
    r"|zombies?|taliban|suicide|prostitut\w*|massacre|torture\w*|gore|corpses?)\b",
    re.IGNORECASE,
)


def unmarked_adult_signs(item: Item) -> list[str]:
    """Why an item without a family or children's mark looks made for grown-ups, for the
    children's and family audiences: its marks (a Teen Film, Social Drama, a Serious mood, a true
    story), an action, science-fiction, super-hero or drama film without comedy, a description
    with words such as 'R-rated' or 'murder', or no English among its languages. [] when it has
    a family or children's mark, or comes from a studio that makes films for children."""
    audience = {v.casefold() for v in item.facet("audience")}
    if audience & {"family film", "children's film"}:
        return []
    if any(s in _KIDS_STUDIOS for s in item.facet("studio")):
        return []
    signs = [
        v
        for name, values in _GROWNUP_MARKS.items()
        for v in item.facet(name)
        if any(is_kind_of(v, m, name) for m in values)
    ]
    if not any(is_kind_of(g, "Comedy") for g in item.genres):
        signs += [g for g in item.genres if g in _GROWNUP_WITHOUT_COMEDY]
    if "Anime" in item.genres and all(g in (*ANIMATION_GENRES, "Anime") for g in item.genres):
        # anime of no other kind (Kingsglaive, Naruto): made for teenagers more often than not;
        # Pokémon (an adventure) and Ghibli's films (their studio) pass
        signs.append("anime of no other kind")
    found = _GROWNUP_WORDS.search(item.description)
    if found:
        signs.append(f"'{found.group(0)}' in its description")
    languages = item.facet("language")
    if languages and "en" not in languages:
        signs.append("not in English")
    return signs


# Source of the values: the omdb.org categories of the movie catalogue (audience facet
# "Family Film" / "Children's Film"); other catalogues without them get the refusals only
# (see Ranker._audience).
AUDIENCES: dict[str, Audience] = {
    "children": Audience(
        needs=_FAMILY_NEEDS,
        refuses={
            **_ADULT,
            "genre": (
                *_ADULT["genre"],
                "Thriller",
                "War",
                "Crime",
                "Gangster Film",
                "Mafia Film",
                "Romance",  # and its kinds: Titanic is no film for a 6-year-old
                "Disaster",
            ),
            # 'Dude Film' beside 'Family Film' marks the films grown men and teenagers watch
            # (Blazing Saddles, Iron Man 2, X-Men: First Class), not small children
            "audience": (*_ADULT["audience"], "Explicit Language", "Dude Film"),
        },
        unless_marked={
            "genre": ("Thriller", "War", "Crime", "Romance", "Disaster"),
        },
        check_unmarked=True,
    ),
    "family": Audience(needs=_FAMILY_NEEDS, refuses=_ADULT, check_unmarked=True),
    # a teenager (13-17, 'my 16 year old', 'PG-13'): any genre, horror and action included, but
    # nothing erotic, explicit or extreme (about the US PG-13 line)
    "teen": Audience(needs={}, refuses=_TEEN),
    # grown-ups of the family watching along ('with my mom', 'for my dad'): any kind of film a
    # grown-up picks, but nothing erotic, explicit or gross (a teenager's limits)
    "grownups": Audience(needs={}, refuses=_TEEN),
}


# a quality of a film (what a suitability question asks about, chatbot.answers) -> the
# (facet, values) that say the film has it
QUALITY_MARKS: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "scary": (
        ("genre", ("Horror", "Thriller")),
        ("mood", ("Creepy", "Suspenseful", "Disturbing")),
    ),
    "gory": (
        ("genre", ("Splatter Film", "Slasher Film", "Gore")),  # horror alone is not gore
        ("audience", ("Violence",)),
        ("mood", ("Gross", "Revolting")),
    ),
    "violent": (("audience", ("Violence",)), ("genre", ("War", "Martial Arts", "Splatter Film"))),
    "sad": (("mood", ("Sad", "Touching", "Bleak")), ("genre", ("Tragedy", "Melodrama"))),
    "funny": (("genre", ("Comedy",)), ("mood", ("Funny",))),
    "romantic": (("genre", ("Romance",)), ("mood", ("Romantic",))),
    "explicit": (("audience", ("Sexually Explicit", "Adult", "Explicit Language")),),
    "dark": (("mood", ("Dark", "Bleak", "Disturbing")), ("genre", ("Film Noir", "Neo-Noir"))),
}
# genres whose films often have a quality the catalogue does not mark on each of them
OFTEN_WITH: dict[str, tuple[str, ...]] = {
    "gory": ("Horror", "War"),
    "violent": ("Action", "Crime", "Thriller", "Horror", "Western"),
    "scary": ("Mystery",),
    "sad": ("Drama",),
    "dark": ("Horror", "Thriller", "Crime", "War"),
}
# Turned-down facet values the catalogue marks on few of the films that have them -> the
# qualities they stand for (omdb.org marks 250 of its 7,956 films as violent, and none of
# Saving Private Ryan, Black Hawk Down or Hacksaw Ridge; 79 as splatter films; 287 as sad).
# A film without the mark may still have the quality: "without violence" is said of a pick only
# when nothing in its genres or mood says it (see `unsure_without`).
SPARSE_MARKS: dict[tuple[str, str], tuple[str, ...]] = {
    ("audience", "Violence"): ("violent", "gory"),
    ("genre", "Splatter Film"): ("gory",),
    ("genre", "Gore"): ("gory",),
    ("mood", "Sad"): ("sad",),
    ("mood", "Bleak"): ("sad",),
    ("mood", "Dark"): ("dark",),
    ("mood", "Creepy"): ("scary",),
    ("mood", "Disturbing"): ("scary",),
    ("audience", "Sexually Explicit"): ("explicit",),
}


# Words in a description that say a film has a quality the catalogue seldom marks (used to rank
# films without them first when the quality is turned down; never to claim its absence).
QUALITY_TEXT = {
    "violent": re.compile(
        r"\b(?:kill\w*|murder\w*|massacre\w*|slaughter\w*|brutal\w*|violen\w*|bloody|"
        r"blood|gun\w*|shoot\w*|assassin\w*|tortur\w*|battle\w*|combat|war|warfare|revenge|"
        r"vengeance|gangsters?|hitman|hit man|mob|mafia|cartel|rampage)\b",
        re.IGNORECASE,
    ),
    "gory": re.compile(
        r"\b(?:gore|gory|blood\w*|slaughter\w*|dismember\w*|mutilat\w*|cannibal\w*|"
        r"butcher\w*|massacre\w*|zombies?|flesh)\b",
        re.IGNORECASE,
    ),
    "sad": re.compile(
        r"\b(?:death|dies|dying|die|grief|griev\w*|tragic\w*|tragedy|cancer|terminal\w*|"
        r"mourn\w*|loss|heartbreak\w*|suicide|funeral|widow\w*)\b",
        re.IGNORECASE,
    ),
    "dark": re.compile(
        r"\b(?:murder\w*|serial killer|abuse\w*|despair|torment\w*|sinister|evil|"
        r"nightmar\w*|obsess\w*|madness|insan\w*|psychopath\w*|kidnap\w*|disturb\w*)\b",
        re.IGNORECASE,
    ),
    "scary": re.compile(
        r"\b(?:terrif\w*|horrif\w*|haunt\w*|demon\w*|ghosts?|monsters?|killer|possess\w*|"
        r"creep\w*|nightmar\w*)\b",
        re.IGNORECASE,
    ),
}


def shows_signs(item: Item, facet: str, value: str) -> int:
    """How many signs say `item` may have a sparsely marked quality turned down (SPARSE_MARKS):
    one for marks or genres (`unsure_without`), one for words of its description
    (QUALITY_TEXT); 0 for a value the catalogue marks systematically."""
    qualities = SPARSE_MARKS.get((facet, value), ())
    if not qualities:
        return 0
    text = f"{item.title} {item.description}"
    worded = any(q in QUALITY_TEXT and QUALITY_TEXT[q].search(text) for q in qualities)
    return int(bool(unsure_without(item, facet, value))) + int(worded)


def unsure_without(item: Item, facet: str, value: str) -> list[str]:
    """Why the catalogue cannot vouch that `item` has none of a turned-down (facet, value) it
    marks sparsely (SPARSE_MARKS): the item's facet values that mark the same quality or its
    genres whose films often have it (OFTEN_WITH), e.g. ['War'] for Saving Private Ryan and
    ('audience', 'Violence'); [] when nothing says so, or the value is marked systematically
    (a genre such as Horror: "without horror" is a fact of the catalogue)."""
    out: list[str] = []
    for quality in SPARSE_MARKS.get((facet, value), ()):
        marks = (*QUALITY_MARKS[quality], ("genre", OFTEN_WITH.get(quality, ())))
        out.extend(
            v
            for name, values in marks
            for v in item.facet(name)
            if (name, v) != (facet, value) and any(is_kind_of(v, w, name) for w in values)
        )
    return list(dict.fromkeys(out))
