"""Understanding: one message -> events (titles, references, sentiment, critiques); no LLM."""

from __future__ import annotations

import json
import logging
import re
import statistics
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from chatbot.catalog import Catalog, Item
from chatbot.events import (
    AttributeAvoided,
    AttributePreferred,
    ConstraintCleared,
    ConstraintSet,
    Event,
    EventFormatError,
    ExplorationRequested,
    InterestAvoided,
    InterestExpressed,
    ItemLiked,
    ItemRejected,
    ItemSeen,
    RepeatsAllowed,
    SimilarRequested,
    StateReset,
    event_from_dict,
    make_constraint,
)
from chatbot.interest import InterestState
from chatbot.ranking import popularity

log = logging.getLogger(__name__)

TITLE_CUTOFF = 83.0  # rapidfuzz ratio (0..100) a typed title needs to match a catalogue title
_TOKEN = re.compile(r"\w+(?:['-]\w+)*|[^\w\s]")
_PRONOUNS = ("it", "that", "this", "them", "those")
_CLAUSE_BREAK = {".", "!", "?", ";", ",", "but", "however", "although", "though", "whereas", "yet"}
_LIST_GLUE = {"and", "or", "nor", "also", "the", "a", "an", "too", "as", "well"}


@dataclass(frozen=True)
class Understanding:
    """What a message meant: events to append plus things the reply should mention."""

    events: tuple[Event, ...] = ()
    unknown_titles: tuple[str, ...] = ()
    mentioned: tuple[str, ...] = ()  # item ids the message referred to (titles or 'the second one')
    reset: bool = False
    notes: tuple[str, ...] = ()
    small_talk: bool = False  # only pleasantries ('thanks!', 'ok'): nothing to act on


# A proposer asks a model for events as JSON (see validate_proposed_events); Python decides.
EventProposer = Callable[[str, InterestState], str]


@dataclass
class _Tok:
    text: str  # lowercase
    raw: str  # as typed
    start: int
    used: bool = False


@dataclass
class _Target:
    pos: int  # token index
    kind: str  # "item" | "facet"
    item: Item | None = None
    facet: tuple[str, str] | None = None
    from_reference: bool = False


@dataclass
class _Cue:
    pos: int
    kind: str  # "pos" | "neg" | "seen" | "unseen" | "similar"
    end: int = -1  # first token after the cue


class Vocabulary:
    """Everything understanding learns from a catalogue: titles and facet terms."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.titles: dict[str, list[Item]] = {}
        self.short_titles: dict[str, list[Item]] = {}  # 'star wars' for 'Star Wars: Episode IV'
        for item in catalog:
            key = normalize_title(item.title)
            if key:
                self.titles.setdefault(key, []).append(item)
            for alias in (item.extra.get("original_title"),):
                if isinstance(alias, str) and normalize_title(alias):
                    self.titles.setdefault(normalize_title(alias), []).append(item)
            head = item.title.split(":")[0]
            if head != item.title and len(normalize_title(head).split()) >= 2:
                self.short_titles.setdefault(normalize_title(head), []).append(item)
        self.title_keys = list(self.titles)
        self.max_title_tokens = max((len(k.split()) for k in self.titles), default=1)
        self.facet_terms = _facet_terms(catalog)
        # words that make a lower-case title ambiguous ('scary movie', 'up', 'it')
        self.plain_words = COMMON_WORDS | {w for term in self.facet_terms for w in term}
        self.max_facet_tokens = max((len(k) for k in self.facet_terms), default=1)
        self.languages = set(catalog.facet_values("language"))
        self.countries = set(catalog.facet_values("country"))
        years = [i.year for i in catalog if i.year]
        self.latest_year = max(years) if years else 2025
        prices = [i.price for i in catalog if i.price is not None]
        self.median_price = statistics.median(prices) if prices else None
        self.has_runtime = any(i.runtime for i in catalog)
        self.has_rating = any(i.rating is not None for i in catalog)

    def best_item(
        self, items: Sequence[Item], year: int | None = None, prefer: Sequence[str] = ()
    ) -> Item:
        """Same-titled items: that year's, else one the session knows, else the most popular."""
        if year is not None:
            same = [i for i in items if i.year == year]
            if same:
                items = same
        known = [i for i in items if i.id in prefer]
        return max(known or items, key=popularity)


def normalize_title(text: str) -> str:
    """'The Matrix (1999)' -> 'matrix'; case, punctuation and leading articles do not matter."""
    t = text.lower().replace("&", " and ").replace("’", "'")
    t = re.sub(r"\(\s*\d{4}\s*\)", " ", t)
    t = re.sub(r"[^\w\s]", " ", t)
    words = t.split()
    if words and words[0] in ("the", "a", "an") and len(words) > 1:
        words = words[1:]
    return " ".join(words)


def _facet_terms(catalog: Catalog) -> dict[tuple[str, ...], tuple[str, str]]:
    terms: dict[tuple[str, ...], tuple[str, str]] = {}
    by_norm: dict[str, tuple[str, str]] = {}
    for name in catalog.facet_names():
        if name in ("language", "country"):
            continue
        for value in catalog.facet_values(name):
            norm = _norm_phrase(value)
            if len(norm) < 3 or norm in FILLER_WORDS or norm in ("short", "long"):  # runtime words
                continue
            by_norm.setdefault(norm, ("genre" if name == "genre" else name, value))
            for variant in _variants(norm):
                terms.setdefault(tuple(variant.split()), by_norm[norm])
    for alias, targets in FACET_ALIASES.items():
        for target in targets:
            if target in by_norm:
                terms[tuple(alias.split())] = by_norm[target]  # curated aliases win
                break
    return terms


def _norm_phrase(text: str) -> str:
    words = re.sub(r"[^\w\s]", " ", text.lower().replace("-", " ")).split()
    if len(words) > 1 and words[-1] in ("film", "films", "movie", "movies"):
        words = words[:-1]
    return " ".join(words)


def _variants(norm: str) -> Iterable[str]:
    yield norm
    words = norm.split()
    last = words[-1]
    if last.endswith("y") and len(last) > 3:
        yield " ".join([*words[:-1], last[:-1] + "ies"])
    elif not last.endswith("s"):
        yield " ".join([*words[:-1], last + "s"])


class Understander:
    """Turns messages into events for one catalogue (build once, reuse for every turn)."""

    def __init__(
        self,
        catalog: Catalog,
        *,
        vocabulary: Vocabulary | None = None,
        proposer: EventProposer | None = None,
    ) -> None:
        self.vocab = vocabulary or Vocabulary(catalog)
        self.proposer = proposer  # optional model that suggests extra events (off by default)

    def understand(self, text: str, state: InterestState) -> Understanding:
        """Events for one message given the session's state (never raises for any text)."""
        found = _Parse(self.vocab, text, state).run()
        if self.proposer is None:
            return found
        try:
            raw = self.proposer(text, state)
        except Exception as e:  # a failing model must not cost the turn
            log.warning("event proposer failed (%s); using rule-based understanding only", e)
            return found
        proposed, problems = validate_proposed_events(raw, self.vocab.catalog)
        for problem in problems:
            log.info("dropped a proposed event: %s", problem)
        extra = [e for e in proposed if e not in found.events]
        return replace(found, events=(*found.events, *extra))


def understand(
    text: str, *, state: InterestState, catalog: Catalog, understander: Understander | None = None
) -> Understanding:
    """Events for one message; pass a reusable Understander to avoid rebuilding the vocabulary."""
    return (understander or Understander(catalog)).understand(text, state)


class _Parse:
    def __init__(self, vocab: Vocabulary, text: str, state: InterestState) -> None:
        self.vocab = vocab
        self.state = state
        self.text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
        self.low = self.text.lower()
        self.events: list[Event] = []
        self.notes: list[str] = []
        self.unknown: list[str] = []
        self.targets: list[_Target] = []
        self.cues: list[_Cue] = []
        self.reset = False
        self.critiques: list[str] = []  # 'too recent' / 'too old' / 'too long', in order
        self.critiqued: list[Item] = []  # the items those critiques were about
        self._prefer = (*state.last_shown, *state.shown, *state.liked, *state.disliked)

    # the regex passes work on self.low and blank out what they consumed
    def _consume(self, pattern: str, handler: Any) -> None:
        def repl(m: re.Match[str]) -> str:
            handled = handler(m)
            return " " * len(m.group(0)) if handled is not False else m.group(0)

        self.low = re.sub(pattern, repl, self.low)

    def run(self) -> Understanding:
        self._commands()
        self._constraints()
        self._tokenize()
        self._references()
        self._quoted_titles()
        self._exact_titles()
        self._facets()
        self._find_cues()
        self._fuzzy_titles()
        self._assign()
        self._apply_critiques()
        self._interests()
        mentioned = tuple(dict.fromkeys(t.item.id for t in self.targets if t.item is not None))
        unknown = tuple(dict.fromkeys(self.unknown))
        for title in unknown:
            self.notes.append(self._unknown_note(title))
        words = [t.text for t in self.toks if t.text.isalnum()]
        small_talk = bool(words) and not self.events and not unknown and set(words) <= _SMALL_TALK
        return Understanding(
            events=tuple(_dedupe(self.events)),
            unknown_titles=unknown,
            mentioned=mentioned,
            reset=self.reset,
            notes=tuple(dict.fromkeys(self.notes)),
            small_talk=small_talk,
        )

    def _unknown_note(self, title: str) -> str:
        """A note for the reply, with up to two close catalogue titles as suggestions."""
        from rapidfuzz import fuzz, process

        key = normalize_title(title)
        whole = process.extract(
            key, self.vocab.title_keys, scorer=fuzz.ratio, score_cutoff=70, limit=5
        )
        # a known title inside a longer guess ('Matrix Reloded Extended Cut'); not tiny titles
        part = process.extract(
            key, self.vocab.title_keys, scorer=fuzz.partial_ratio, score_cutoff=85, limit=10
        )
        part = [c for c in part if len(c[0]) >= max(6, 0.4 * len(key))]
        ranked = sorted({*whole, *part}, key=lambda c: -c[1])
        labels = list(
            dict.fromkeys(
                self.vocab.best_item(self.vocab.titles[k], None, self._prefer).label
                for k, _, _ in ranked
            )
        )[:2]
        if labels:
            return f"I don't know the title {title!r}; did you mean {' or '.join(labels)}?"
        return f"I don't know the title {title!r}; is it spelled differently?"

    def _commands(self) -> None:
        def reset(m: re.Match[str]) -> bool:
            self.events.append(StateReset())
            self.reset = True
            self.state = InterestState(turns=self.state.turns)
            return True

        self._consume(
            r"\b(start(ing)? (over|again|afresh|from scratch)|reset( everything)?|"
            r"forget (everything|all that|all of (it|that))|clear (everything|my preferences)|"
            r"new search)\b",
            reset,
        )

        def explore(m: re.Match[str]) -> bool:
            self.events.append(ExplorationRequested())
            return True

        self._consume(
            r"\b(something|anything) (completely |totally |quite )?(different|else|new)\b|"
            r"\bsurprise me\b|"
            r"\bmix it up\b|\brandom( ones?| picks?)?\b|\bsomething unexpected\b",
            explore,
        )

        def repeats(m: re.Match[str]) -> bool:
            self.events.append(RepeatsAllowed())
            return True

        self._consume(
            r"\b(show|give|list) (me )?(them|those|it|that|these|the same( ones)?) again\b|"
            r"\b(even|including|also) (the )?(ones|those|movies|films|items) (i'?ve|i have|"
            r"you'?ve|already) "
            r"(seen|shown|watched)\b",
            repeats,
        )

    def _set(self, name: str, value: Any) -> None:
        self.events.append(make_constraint(name, value))

    def _clear(self, name: str) -> None:
        self.events.append(ConstraintCleared(name))

    def _mark_critiques(self) -> None:
        """'too recent' / 'too old' / 'too long': relative to the item they are about (applied
        after titles are known); a same-length marker word keeps token positions."""
        if not (self.vocab.has_runtime or self.vocab.latest_year):
            return

        def mark(m: re.Match[str]) -> str:
            word = m.group("w")
            kind = {"new": "recent", "modern": "recent", "dated": "old"}.get(word, word)
            self.critiques.append(kind)
            return CRITIQUE_MARK.ljust(len(m.group(0)))

        self.low = re.sub(
            r"(?<!not )(?<!n't )\btoo (?P<w>recent|new|modern|old|dated|long)\b", mark, self.low
        )

    def _apply_critiques(self) -> None:
        if not self.critiques:
            return
        shown = [self.vocab.catalog.get(i) for i in self.state.last_shown]
        about = self.critiqued or [i for i in shown[:1] if i is not None]
        explicit = {e.name for e in self.events if isinstance(e, ConstraintSet)}
        for kind in dict.fromkeys(self.critiques):
            if kind == "long":
                runtimes = [i.runtime for i in about if i.runtime]
                if "runtime_max" not in explicit:
                    ref = min(runtimes) if runtimes else 120
                    self._set("runtime_max", max(60, int(ref) - 15))
                continue
            if {"year_min", "year_max"} & explicit:
                continue  # 'too recent, something from the 90s': the decade says it
            years = [i.year for i in about if i.year]
            if kind == "recent":
                ref = min(years) if years else self.vocab.latest_year - 15
                self._set("year_max", ref - 1)
                if int(self.state.constraints.get("year_min", 0)) >= ref - 1:
                    self._clear("year_min")
            else:
                ref = max(years) if years else self.vocab.latest_year - 40
                self._set("year_min", ref + 1)
                if int(self.state.constraints.get("year_max", 9999)) <= ref + 1:
                    self._clear("year_max")

    def _constraints(self) -> None:
        self._mark_critiques()
        v = self.vocab
        clear_words = {
            "year": ("year_min", "year_max"),
            "years": ("year_min", "year_max"),
            "era": ("year_min", "year_max"),
            "decade": ("year_min", "year_max"),
            "date": ("year_min", "year_max"),
            "age": ("year_min", "year_max"),
            "length": ("runtime_max",),
            "runtime": ("runtime_max",),
            "duration": ("runtime_max",),
            "language": ("language",),
            "country": ("country",),
            "rating": ("rating_min",),
            "price": ("price_min", "price_max"),
            "budget": ("price_min", "price_max"),
        }

        def clear(m: re.Match[str]) -> bool:
            word = next(g for g in m.groups()[::-1] if g in clear_words)
            names = clear_words[word]
            active = [n for n in names if n in self.state.constraints]
            for name in active or names:
                self._clear(name)
            return True

        what = "(" + "|".join(clear_words) + ")"
        self._consume(
            rf"\b(?:any|whatever|every) {what}\b|"
            rf"\b(?:forget|drop|remove|ignore|never ?mind|no more) (?:about )?(?:the |that |"
            rf"my )?{what}"
            r"(?: limit| constraint| filter| restriction)?\b|"
            rf"\bdon'?t care (?:about|for) (?:the )?{what}\b|\b{what} (?:doesn'?t|"
            rf"does not) matter\b",
            clear,
        )
        # decades: the 90s, 1990s, the nineties, early 80s
        decade_words = {
            "twenties": 1920,
            "thirties": 1930,
            "forties": 1940,
            "fifties": 1950,
            "sixties": 1960,
            "seventies": 1970,
            "eighties": 1980,
            "nineties": 1990,
            "noughties": 2000,
        }

        def decade(m: re.Match[str]) -> bool:
            if m.group("word"):
                start = decade_words[m.group("word")]
            else:
                digits = m.group("digits")
                if len(digits) == 4:
                    start = int(digits)
                else:
                    two = int(digits)
                    start = 1900 + two if two >= 30 else 2000 + two
            part = m.group("part") or ""
            lo, hi = start, start + 9
            if part == "early":
                hi = start + 4
            elif part == "late":
                lo = start + 5
            elif part in ("mid", "middle"):
                lo, hi = start + 3, start + 7
            rel = m.group("rel") or ""
            if rel in ("before", "pre", "earlier than", "older than"):
                self._set("year_max", lo - 1)
            elif rel in ("after", "post", "later than", "newer than"):
                self._set("year_min", hi + 1)
            elif rel in ("since",):
                self._set("year_min", lo)
            else:
                self._set("year_min", lo)
                self._set("year_max", hi)
            return True

        self._consume(
            r"\b(?:(?P<rel>before|pre|after|post|since|earlier than|older than|later than|"
            r"newer than)[\s-]+)?"
            r"(?:the )?(?:(?P<part>early|late|mid|middle)[\s-]+)?"
            r"(?:(?P<word>"
            + "|".join(decade_words)
            + r")|'?(?P<digits>(?:19|20)[0-9]0|[3-9]0|00|10)'?s)\b",
            decade,
        )

        def between(m: re.Match[str]) -> bool:
            a, b = sorted((int(m.group("a")), int(m.group("b"))))
            self._set("year_min", a)
            self._set("year_max", b)
            return True

        year = r"(?:1[89]\d\d|20\d\d)"
        self._consume(
            rf"\b(?:between |from )?(?P<a>{year}) ?(?:-|–|to|and|until) ?(?P<b>{year})\b", between
        )

        def relative_year(m: re.Match[str]) -> bool:
            rel, y = m.group("rel"), int(m.group("y"))
            if m.group("neg"):  # "nothing before 1990" = from 1990 on
                flip = {
                    "before": "since",
                    "pre": "since",
                    "older than": "since",
                    "earlier than": "since",
                    "after": "until",
                    "post": "until",
                    "newer than": "until",
                    "later than": "until",
                }
                rel = flip.get(rel, rel)
            if rel in ("after", "post", "newer than", "later than", "more recent than"):
                self._set("year_min", y + 1)
            elif rel in ("since", "from", "starting", "starting from"):
                if m.group("on") or rel != "from":
                    self._set("year_min", y)
                else:
                    self._set("year_min", y)
                    self._set("year_max", y)
            elif rel in ("before", "pre", "older than", "earlier than"):
                self._set("year_max", y - 1)
            elif rel in ("until", "up to", "no later than"):
                self._set("year_max", y)
            elif rel in ("in", "of", "released in", "made in"):
                self._set("year_min", y)
                self._set("year_max", y)
            return True

        self._consume(
            r"\b(?P<neg>(?:nothing|not|no(?: films?| movies?| books?)?|none) (?:made |released |"
            r"from )?)?"
            r"(?P<rel>after|post|newer than|later than|more recent than|since|starting from|"
            r"starting|from|"
            r"before|pre|older than|earlier than|until|up to|no later than|released in|made in|in|"
            r"of)[\s-]+"
            rf"(?P<y>{year})\b(?P<on> ?(?:on|onwards?|and later|or later|and after|\+))?",
            relative_year,
        )
        shown = [
            self.vocab.catalog.get(i) for i in self.state.last_shown if i in self.vocab.catalog
        ]
        shown_years = sorted(i.year for i in shown if i.year)

        def older(m: re.Match[str]) -> bool:
            if any(isinstance(e, ConstraintSet) and e.name.startswith("year") for e in self.events):
                return True  # 'good old classics from the 60s': the decade says it
            if m.group("neg"):
                self._set("year_min", v.latest_year - 25)
                return True
            ref = int(statistics.median(shown_years) if shown_years else v.latest_year - 25)
            self._set("year_max", ref - 1)
            if int(self.state.constraints.get("year_min", 0)) >= ref - 1:
                self._clear("year_min")
            return True

        self._consume(
            r"\b(?P<neg>not (too |so |that )?)?(older|old|oldies|vintage)\b(?! than)( ones|"
            r" movies| films| stuff)?",
            older,
        )

        def newer(m: re.Match[str]) -> bool:
            word = m.group("w")
            if word in ("newer", "more recent") and shown_years:
                ref = min(int(statistics.median(shown_years)) + 1, v.latest_year - 1)
            elif word in ("latest", "brand new"):
                ref = v.latest_year - 4
            else:
                ref = v.latest_year - 10
            self._set("year_min", ref)
            if (
                "year_max" in self.state.constraints
                and int(self.state.constraints["year_max"]) < ref
            ):
                self._clear("year_max")
            return True

        self._consume(
            r"\b(?P<w>newer|more recent|recent|latest|brand new|modern|new releases?|not (too |"
            r"so )?old)\b(?! than)",
            newer,
        )
        # runtime
        if v.has_runtime:
            self._runtime(shown)
        # rating
        if v.has_rating:

            def rated(m: re.Match[str]) -> bool:
                self._set("rating_min", 7.0)
                return True

            self._consume(
                r"\b(highly|high|well|top|best|better)[\s-]rated\b|\bcritically acclaimed\b|"
                r"\bacclaimed\b|"
                r"\b(good|great|strong) (reviews|ratings)\b|\bwell[\s-]reviewed\b",
                rated,
            )

            def rating_number(m: re.Match[str]) -> bool:
                value = float(m.group("n"))
                if value > 10:
                    return False
                self._set("rating_min", value)
                return True

            self._consume(
                r"\b(?:rated|rating|score[sd]?)\s+(?:of\s+)?(?:above|over|at least|more than|>=?|"
                r"higher than)\s+"
                r"(?P<n>\d+(?:\.\d+)?)\b|\b(?P<n2>\d(?:\.\d)?)\s*\+\s*(?:rating|rated|stars)\b",
                lambda m: rating_number(m) if m.group("n") else self._rating2(m),
            )
        # price
        if v.median_price is not None:

            def price(m: re.Match[str]) -> bool:
                amount = float(m.group("n"))
                if m.group("dir") in ("over", "above", "more than", "at least"):
                    self._set("price_min", amount)
                else:
                    self._set("price_max", amount)
                return True

            self._consume(
                r"\b(?P<dir>under|below|less than|cheaper than|at most|max|up to|over|above|"
                r"more than|at least)\s*"
                r"(?:[$€£]\s*)?(?P<n>\d+(?:\.\d+)?)\s*(?:dollars|euros?|pounds|bucks|usd|eur)?\b",
                price,
            )

            def cheap(m: re.Match[str]) -> bool:
                prices = [i.price for i in shown if i.price is not None]
                ref = (
                    statistics.median(prices)
                    if m.group(0).startswith("cheaper") and prices
                    else v.median_price
                )
                self._set("price_max", float(ref or 0))
                return True

            self._consume(r"\b(cheaper|cheap|inexpensive|affordable|budget)\b", cheap)
        # language and country
        self._language_country()

    def _rating2(self, m: re.Match[str]) -> bool:
        self._set("rating_min", float(m.group("n2")))
        return True

    def _drop_constraint_events(self, name: str, keep_last: bool = True) -> None:
        self.events = [e for e in self.events if getattr(e, "name", None) != name]

    def _runtime(self, shown: Sequence[Item]) -> None:
        num = r"(?P<n>\d+(?:\.\d+)?|an?|one|two|three|four|one and a half|an hour and a half)"

        def limit(m: re.Match[str]) -> bool:
            n = m.group("n")
            unit = m.group("unit")
            if n == "an hour and a half":
                minutes = 90.0
            else:
                value = NUMBER_WORDS.get(n)
                amount = float(value) if value is not None else float(n)
                minutes = amount * 60 if unit.startswith("h") else amount
            if n == "an hour and a half":
                minutes = 90.0
            if not 10 <= minutes <= 600:
                return False
            self._set("runtime_max", int(minutes))
            return True

        self._consume(
            r"\b(?:under|less than|shorter than|at most|no (?:more|longer) than|below|within|"
            r"up to)\s*"
            r"(?P<n>an hour and a half)\b(?P<unit>)",
            limit,
        )
        self._consume(
            r"\b(?:under|less than|shorter than|at most|max(?:imum)?|no (?:more|longer) than|"
            r"below|within|up to|"
            rf"<=?)\s*{num}\s*(?P<unit>hours?|hrs?|h|minutes?|mins?|m)\b",
            limit,
        )
        runtimes = sorted(i.runtime for i in shown if i.runtime)

        def shorter(m: re.Match[str]) -> bool:
            word = m.group("w")
            if word.startswith("not"):
                self._set("runtime_max", 120)
            elif word == "shorter" and runtimes:
                self._set("runtime_max", max(60, int(statistics.median(runtimes)) - 10))
            else:
                self._set("runtime_max", 100)
            return True

        self._consume(
            r"\b(?P<w>not (?:too |so |very |that |overly )?long|shorter|short(?! stor)|"
            r"quick(?:er)?)\b"
            r"(?! than)",
            shorter,
        )

    def _language_country(self) -> None:
        v = self.vocab

        def constrain(name: str, code: str, word: str, have: set[str]) -> bool:
            if not have:
                return False  # the catalogue has no such facet: leave the words to the topic
            if code not in have:
                self.notes.append(f"There are no {word.title()} titles in the catalogue.")
            else:
                self.events.append(make_constraint(name, code))
            return True

        def language(m: re.Match[str]) -> bool:
            word = m.group("l1") or m.group("l2")
            if m.group("neg"):
                return False
            return constrain("language", LANGUAGES[word], word + "-language", v.languages)

        langs = "|".join(sorted(LANGUAGES, key=len, reverse=True))
        self._consume(
            rf"\b(?P<neg>no |not |non[\s-])?(?:(?:in|spoken in|dubbed in) (?P<l1>{langs})\b|"
            rf"(?P<l2>{langs})[\s-](?:language|speaking|spoken|audio)\b)",
            language,
        )

        def country(m: re.Match[str]) -> bool:
            if m.group("neg"):
                return False
            word = m.group("adj") or m.group("c")
            return constrain("country", COUNTRIES[word], word, v.countries)

        names = "|".join(sorted(COUNTRIES, key=len, reverse=True))
        self._consume(
            rf"\b(?P<neg>no |not |non[\s-])?(?:(?P<adj>{names})[\s-](?:films?|movies?|cinema|ones|"
            rf"titles|"
            r"productions?|comed(?:y|ies)|dramas?|thrillers?|horror|animation|classics?|books?|"
            r"novels?)\b|"
            rf"(?:from|made in|produced in|shot in) (?:the )?(?P<c>{names})\b)",
            country,
        )

    def _tokenize(self) -> None:
        self.toks: list[_Tok] = []
        same_len = len(self.low) == len(self.text)
        for m in _TOKEN.finditer(self.low):
            raw = self.text[m.start() : m.end()] if same_len else m.group(0)
            self.toks.append(_Tok(m.group(0), raw, m.start()))

    def _words(self, i: int, n: int) -> list[str]:
        return [t.text for t in self.toks[i : i + n]]

    def _free(self, i: int, n: int) -> bool:
        return i + n <= len(self.toks) and not any(t.used for t in self.toks[i : i + n])

    def _use(self, i: int, n: int) -> None:
        for t in self.toks[i : i + n]:
            t.used = True

    def _add_item(self, pos: int, item: Item, *, from_reference: bool = False) -> None:
        self.targets.append(_Target(pos, "item", item=item, from_reference=from_reference))

    def _references(self) -> None:
        shown = [i for i in self.state.last_shown if i in self.vocab.catalog]
        if not shown:
            return
        toks = self.toks
        n = len(shown)
        i = 0
        while i < len(toks):
            w = toks[i].text
            nxt = toks[i + 1].text if i + 1 < len(toks) else ""
            nxt2 = toks[i + 2].text if i + 2 < len(toks) else ""
            picks: list[int] | None = None
            width = 1
            if (
                w == "#"
                and nxt.isdecimal()
                or (
                    w in ("number", "no", "option", "pick", "item")
                    and nxt.isdecimal()
                    and (w != "no" or nxt2 in (".", ""))
                )
            ):
                picks, width = [int(nxt) - 1], 2
            elif (
                w in ("first", "last", "top")
                and nxt in NUMBER_WORDS
                and nxt not in ("a", "an", "one")
            ):
                count = int(NUMBER_WORDS[nxt])
                picks = list(range(count)) if w != "last" else list(range(n - count, n))
                width = 2
            elif w in ORDINALS and (
                nxt
                in (
                    "one",
                    "ones",
                    "movie",
                    "film",
                    "pick",
                    "option",
                    "item",
                    "suggestion",
                    "title",
                    "book",
                )
                or (i > 0 and toks[i - 1].text == "the")
                or len(toks) <= 3
            ):
                idx = ORDINALS[w]
                picks = [n - 1 if idx == -1 else (n // 2 if idx == -2 else idx)]
                width = (
                    2
                    if nxt
                    in (
                        "one",
                        "movie",
                        "film",
                        "pick",
                        "option",
                        "item",
                        "suggestion",
                        "title",
                        "book",
                    )
                    else 1
                )
            elif w == "both" or (w == "neither" and nxt in ("of", "one", "")):
                picks = [0, 1]
                if w == "neither":
                    self.cues.append(_Cue(i, "neg"))
            elif (
                w in ("all", "none", "each") and nxt == "of" and nxt2 in ("them", "those", "these")
            ):
                picks, width = list(range(n)), 3
                if w == "none":
                    self.cues.append(_Cue(i, "neg"))
            elif w == "all" and nxt in ("three", "two", "four", "five"):
                picks, width = list(range(n)), 2
            elif w in ("that", "this") and nxt in ("one", "movie", "film", "pick", "title", "book"):
                picks, width = [0], 2
            elif w.isdecimal() and len(toks) == 1:
                picks = [int(w) - 1]
            if picks is not None and self._free(i, width):
                valid = [p for p in picks if 0 <= p < n]
                if len(valid) < len(picks):
                    self.notes.append(f"There were only {n} picks to refer to.")
                at = i + 1 if w in ("neither", "none") else i  # after its own negative cue
                for p in valid:
                    self._add_item(at, self.vocab.catalog.get(shown[p]), from_reference=True)
                self._use(i, width)
                i += width
                continue
            i += 1

    def _quoted_titles(self) -> None:
        for m in re.finditer(r'"([^"]{1,120})"', self.low):
            inner = m.group(1)
            span = [k for k, t in enumerate(self.toks) if m.start(1) <= t.start < m.end(1)]
            quotes = [k for k, t in enumerate(self.toks) if t.start in (m.start(), m.end() - 1)]
            if not span:
                continue
            item = self._lookup(inner, cutoff=TITLE_CUTOFF - 6)
            raw = self.text[m.start(1) : m.end(1)] if len(self.low) == len(self.text) else inner
            if item is None:
                self.unknown.append(raw.strip())
            else:
                self._add_item(span[0], item)
            self._use(span[0], len(span))
            for k in quotes:
                self.toks[k].used = True

    def _year_after(self, j: int) -> tuple[int | None, int]:
        """A '(1999)' right after token j: (year, tokens to consume)."""
        w = self._words(j, 3)
        if len(w) == 3 and w[0] == "(" and w[1].isdecimal() and len(w[1]) == 4 and w[2] == ")":
            return int(w[1]), 3
        return None, 0

    def _exact_titles(self) -> None:
        toks = self.toks
        i = 0
        while i < len(toks):
            found = False
            for n in range(min(self.vocab.max_title_tokens, len(toks) - i), 0, -1):
                if not self._free(i, n):
                    continue
                words = self._words(i, n)
                if not any(w.isalnum() or "'" in w for w in words):
                    continue
                key = normalize_title(" ".join(words))
                if words[0] in ("the", "a", "an") and n > 1:
                    # 'a fan' is not the film 'Fan'; 'the matrix' is 'The Matrix'
                    same = self.vocab.titles.get(key) or self.vocab.short_titles.get(key) or []
                    if not any(it.title.lower().startswith(words[0] + " ") for it in same):
                        continue
                items = self.vocab.titles.get(key) or self.vocab.short_titles.get(key)
                if not items or not self._title_plausible(i, n, key):
                    continue
                after = self.toks[i + n] if i + n < len(toks) else None
                if after and not after.used and after.raw[:1].isupper() and after.text != "i":
                    continue  # 'Toy Stroy': part of a longer capitalised run (fuzzy)
                year, extra = self._year_after(i + n)
                self._add_item(i, self.vocab.best_item(items, year, self._prefer))
                self._use(i, n + extra)
                i += n + extra
                found = True
                break
            if not found:
                i += 1

    def _title_plausible(self, i: int, n: int, key: str) -> bool:
        words = key.split()
        if all(w.isdecimal() for w in words):
            return False
        first = self.toks[i]
        capitalised = first.raw[:1].isupper() or first.raw[:1].isdecimal()
        nxt = self.toks[i + n].text if i + n < len(self.toks) else ""
        if tuple(self._words(i, n)) in self.vocab.facet_terms and not (capitalised and i > 0):
            return False  # 'horror' is a genre; 'I loved Aliens' is a title
        plain = all(w in self.vocab.plain_words for w in words)
        if not plain and (n > 1 or len(words[0]) >= 4):
            # a distinctive single word typed in lower case inside a longer phrase may be a topic
            return capitalised or n > 1 or len(self.toks) <= 2 or self._cue_before(i)
        if not capitalised:
            return False
        if i == 0:  # every sentence starts with a capital: need more evidence
            if all(w in FILLER_WORDS or w in _SMALL_TALK for w in words):
                return len(self.toks) <= n  # 'Yes, I have seen it' is not the film 'Yes'
            return len(self.toks) <= n + 1 or nxt in (",", "and", "or", "was", "is", "were")
        return self._cue_before(i) or len(self.toks) <= n + 1 or nxt in (",", "and", "or")

    def _cue_before(self, i: int) -> bool:
        before = " ".join(t.text for t in self.toks[max(0, i - 3) : i])
        return bool(
            re.search(
                r"\b(liked?|loved?|enjoy(?:ed)?|hated?|seen|saw|watch(?:ed)?|like|to|as|than|about|of)$",
                before,
            )
        )

    def _lookup(self, text: str, *, cutoff: float = TITLE_CUTOFF) -> Item | None:
        from rapidfuzz import fuzz, process
        from rapidfuzz.distance import DamerauLevenshtein

        year_match = re.search(r"\((\d{4})\)", text)
        year = int(year_match.group(1)) if year_match else None
        key = normalize_title(text)
        if not key:
            return None
        items = self.vocab.titles.get(key) or self.vocab.short_titles.get(key)
        if items:
            return self.vocab.best_item(items, year, self._prefer)
        if len(key) < 4:
            return None
        # fast ratio pre-filter, then Damerau-Levenshtein so a swapped pair of letters is one typo
        candidates = process.extract(
            key, self.vocab.title_keys, scorer=fuzz.ratio, score_cutoff=cutoff - 12, limit=8
        )
        best: tuple[float, str] | None = None
        for title, ratio, _ in candidates:
            similarity = max(ratio, 100 * DamerauLevenshtein.normalized_similarity(key, title))
            if title[:1] == key[:1] and (best is None or similarity > best[0]):
                best = (similarity, title)
        if best is None or best[0] < cutoff:
            return None
        return self.vocab.best_item(self.vocab.titles[best[1]], year, self._prefer)

    def _fuzzy_titles(self) -> None:
        """Typos: spans after a cue ('I loved Interstelar') or capitalised runs."""
        toks = self.toks
        starts: list[int] = []
        cued: set[int] = set()  # spans right after a cue may be reported as unknown titles
        for cue in self.cues:
            if cue.kind in ("pos", "neg", "seen", "similar"):
                starts.append(cue.end)
                cued.add(cue.end)
        for k, t in enumerate(toks):
            if t.raw[:1].isupper() and t.text != "i" and not t.used and (k > 0 or len(toks) <= 4):
                starts.append(k)
        for start in sorted(set(starts)):
            end = start
            while end < len(toks) and not toks[end].used and toks[end].text not in _CLAUSE_BREAK:
                if toks[end].text in ("and", "or") and end > start:
                    break
                end += 1
            if end == start:
                continue
            span = toks[start:end]
            while span and span[0].text in (
                "the",
                "a",
                "an",
                "it",
                "that",
                "this",
                "movie",
                "film",
            ):
                if span[0].text in ("it", "that", "this"):
                    span = []
                    break
                span = span[1:]
                start += 1
            if not span or all(s.text in COMMON_WORDS or s.text in FILLER_WORDS for s in span):
                continue
            best: tuple[Item, int] | None = None
            for j in range(min(len(span), 8), 0, -1):
                words = [s.text for s in span[:j]]
                if j == 1 and (len(words[0]) < 5 or words[0] in COMMON_WORDS):
                    continue
                year, extra = self._year_after(start + j)
                item = self._lookup(" ".join(words) + (f" ({year})" if year else ""))
                if item is not None:
                    best = (item, j + extra)
                    break
            if best is not None:
                self._add_item(start, best[0])
                self._use(start, best[1])
            elif start in cued and self._looks_like_title(span):
                caps = [s for s in span if s.raw[:1].isupper() or s.raw[:1].isdecimal()]
                last = max(k for k, s in enumerate(span) if s in caps)
                self.unknown.append(" ".join(s.raw for s in span[: last + 1]))
                self._use(start, last + 1)

    def _looks_like_title(self, span: Sequence[_Tok]) -> bool:
        first = span[0]
        if not first.raw[:1].isupper() or first.text in COMMON_WORDS or first.text in FILLER_WORDS:
            return False
        if any(first.text in names for names in (LANGUAGES, COUNTRIES)):
            return False
        return not self.text.isupper()

    def _facets(self) -> None:
        toks = self.toks
        i = 0
        while i < len(toks):
            for n in range(min(self.vocab.max_facet_tokens, len(toks) - i), 0, -1):
                if not self._free(i, n):
                    continue
                key = tuple(t.text.replace("-", " ") for t in toks[i : i + n])
                facet = self.vocab.facet_terms.get(key)
                if facet is None and n == 1 and "-" in toks[i].text:
                    facet = self.vocab.facet_terms.get(tuple(toks[i].text.split("-")))
                if facet is not None:
                    self.targets.append(_Target(i, "facet", facet=facet))
                    self._use(i, n)
                    i += n - 1
                    break
            i += 1

    def _find_cues(self) -> None:
        toks = self.toks
        words = [t.text for t in toks]
        i = 0
        while i < len(toks):
            matched = False
            for table, kind in (
                (SEEN_CUES, "seen"),
                (((CRITIQUE_MARK,),), "critique"),
                (SIMILAR_CUES, "similar"),
                (NEGATIVE_CUES, "neg"),
                (POSITIVE_CUES, "pos"),
            ):
                for phrase in table:
                    n = len(phrase)
                    if tuple(words[i : i + n]) == phrase and self._free(i, n):
                        negated = any(w in NEGATORS for w in words[max(0, i - 2) : i])
                        asked = "you" in words[max(0, i - 2) : i]  # 'have you seen X?'
                        if kind == "seen" and asked:
                            kind2 = "pos"
                        elif kind == "pos" and negated:
                            kind2 = "neg"
                        elif kind == "seen" and negated:
                            kind2 = "unseen"
                        elif kind == "neg" and negated and phrase in (("bad",),):
                            kind2 = "pos"
                        else:
                            kind2 = kind
                        if negated:  # the negator belongs to this cue ("haven't seen")
                            self.cues = [c for c in self.cues if not i - 2 <= c.pos < i]
                        self.cues.append(_Cue(i, kind2, i + n))
                        self._use(i, n)
                        i += n
                        matched = True
                        break
                if matched:
                    break
            if not matched:
                if (words[i] in NEGATORS or self._but_means_except(i)) and not toks[i].used:
                    self.cues.append(_Cue(i, "neg", i + 1))
                    toks[i].used = True
                i += 1
        for cue in self.cues:
            if cue.end < 0:
                cue.end = cue.pos + 1

    def _but_means_except(self, k: int) -> bool:
        """'anything but horror': this 'but' negates what follows instead of starting a clause."""
        return (
            self.toks[k].text == "but"
            and k > 0
            and self.toks[k - 1].text in ("anything", "everything", "all", "whatever")
        )

    def _clauses(self) -> list[tuple[int, int]]:
        bounds: list[tuple[int, int]] = []
        start = 0
        for k, t in enumerate(self.toks):
            if t.text in _CLAUSE_BREAK and not self._but_means_except(k):
                bounds.append((start, k))
                start = k + 1
        bounds.append((start, len(self.toks)))
        return bounds

    def _anaphora(self) -> None:
        """'loved it', 'seen that': the item named earlier in the message, else the top pick."""
        shown = [i for i in self.state.last_shown if i in self.vocab.catalog]
        for lo, hi in self._clauses():
            if not any(lo <= c.pos < hi for c in self.cues):
                continue
            if any(lo <= t.pos < hi for t in self.targets):
                continue
            for k in range(lo, hi):
                tok = self.toks[k]
                if tok.used or tok.text not in _PRONOUNS:
                    continue
                earlier = [t for t in self.targets if t.kind == "item" and t.pos < k]
                if earlier:
                    items = [max(earlier, key=lambda t: t.pos).item]
                elif tok.text in ("them", "those"):
                    items = [self.vocab.catalog.get(i) for i in shown]
                else:
                    items = [self.vocab.catalog.get(i) for i in shown[:1]]
                for item in items:
                    assert item is not None
                    self._add_item(k, item, from_reference=True)
                tok.used = True
                break

    def _assign(self) -> None:
        self._anaphora()
        clauses = self._clauses()
        prev_kind: str | None = None
        for lo, hi in clauses:
            cues = [c for c in self.cues if lo <= c.pos < hi]
            targets = sorted((t for t in self.targets if lo <= t.pos < hi), key=lambda t: t.pos)
            pure = (
                bool(targets)
                and not cues
                and all(self.toks[k].used or self.toks[k].text in _LIST_GLUE for k in range(lo, hi))
            )
            for t in targets:
                sentiment = [c for c in cues if c.kind in ("pos", "neg", "similar", "critique")]
                before = [c for c in sentiment if c.pos < t.pos]
                after = [c for c in sentiment if c.pos > t.pos]
                chosen = before[-1].kind if before else (after[0].kind if after else None)
                if chosen is None and pure and prev_kind is not None:
                    chosen = prev_kind
                seen = any(c.kind == "seen" for c in cues)
                if chosen is None and any(c.kind == "unseen" for c in cues):
                    continue  # "I haven't seen that one": nothing to learn
                self._emit(t, chosen, seen)
                prev_kind = chosen
            if not targets:
                prev_kind = None
        # a bare "no thanks" / "not for me" after recommendations: look elsewhere next time
        negative = any(c.kind == "neg" for c in self.cues)
        if not self.targets and negative and self.state.last_shown and not self._has_content():
            self.events.append(ExplorationRequested())

    def _emit(self, t: _Target, sentiment: str | None, seen: bool) -> None:
        if t.kind == "facet" and sentiment == "critique":
            return
        if t.kind == "facet":
            assert t.facet is not None
            facet, value = t.facet
            if sentiment == "neg":
                self.events.append(AttributeAvoided(facet, value))
            else:
                self.events.append(AttributePreferred(facet, value))
            return
        item = t.item
        assert item is not None
        if sentiment == "critique":  # 'X is too recent': about X's year, not a like or dislike
            self.critiqued.append(item)
            return
        if seen:
            self.events.append(ItemSeen(item.id, item.label))
        if sentiment == "neg":
            self.events.append(ItemRejected(item.id, item.label))
        elif sentiment == "similar":
            self.events.append(SimilarRequested(item.id, item.label))
        elif sentiment == "pos" or not seen:
            self.events.append(ItemLiked(item.id, item.label))

    def _content(self, k: int) -> bool:
        t = self.toks[k]
        return (
            not t.used
            and t.text.isalpha()
            and len(t.text) >= 3
            and t.text not in FILLER_WORDS
            and t.text not in _SMALL_TALK
            and t.text not in NEGATORS
            and t.text not in _CLAUSE_BREAK
        )

    def _has_content(self) -> bool:
        return any(self._content(k) for k in range(len(self.toks)))

    def _interests(self) -> None:
        for lo, hi in self._clauses():
            content = [k for k in range(lo, hi) if self._content(k)]
            if not content:
                continue
            # a facet word inside a topic phrase ('space adventures') belongs to the topic
            for t in [t for t in self.targets if t.kind == "facet" and lo <= t.pos < hi]:
                if t.pos - 1 in content or t.pos + 1 in content:
                    self.events = [e for e in self.events if not _is_facet_event(e, t.facet)]
                    content.append(t.pos)
            content.sort()
            a, b = content[0], content[-1]
            words = [
                self.toks[k].text for k in range(a, b + 1) if self.toks[k].text not in NEGATORS
            ]
            phrase = " ".join(words).strip()
            phrase = re.sub(r"\s+([^\w\s])", r"\1", phrase)[:80].strip()
            if not phrase:
                continue
            negative = any(c.kind == "neg" and lo <= c.pos < a for c in self.cues)
            self.events.append(InterestAvoided(phrase) if negative else InterestExpressed(phrase))


def _dedupe(events: list[Event]) -> list[Event]:
    out: list[Event] = []
    for e in events:
        if e not in out:
            out.append(e)
    # later constraint values win over earlier ones of the same name
    last = {e.name: k for k, e in enumerate(out) if isinstance(e, ConstraintSet)}
    return [e for k, e in enumerate(out) if not isinstance(e, ConstraintSet) or last[e.name] == k]


def _is_facet_event(event: Event, facet: tuple[str, str] | None) -> bool:
    return isinstance(event, AttributePreferred | AttributeAvoided) and (
        (event.facet, event.value) == facet
    )


PROPOSABLE = {
    "ItemLiked": ("item_id",),
    "ItemRejected": ("item_id",),
    "ItemSeen": ("item_id",),
    "SimilarRequested": ("item_id",),
    "AttributePreferred": ("facet", "value"),
    "AttributeAvoided": ("facet", "value"),
    "ConstraintSet": ("name", "value"),
    "ConstraintCleared": ("name",),
    "InterestExpressed": ("text",),
    "InterestAvoided": ("text",),
}

EVENT_JSON_SCHEMA: dict[str, Any] = {
    "type": "array",
    "maxItems": 12,
    "items": {
        "type": "object",
        "required": ["type"],
        "properties": {"type": {"enum": sorted(PROPOSABLE)}},
    },
}


def validate_proposed_events(raw: str | Any, catalog: Catalog) -> tuple[list[Event], list[str]]:
    """Events a model proposed as JSON, checked against the catalogue: (accepted, rejections).

    The model proposes, Python decides: unknown types, unknown item ids, facet values that are not
    in the catalogue and badly typed constraints are dropped with a reason; nothing here raises.
    """
    problems: list[str] = []
    try:
        data = json.loads(raw) if isinstance(raw, str) else raw
    except json.JSONDecodeError as e:
        return [], [f"not JSON: {e.msg}"]
    if isinstance(data, Mapping) and isinstance(data.get("events"), list):
        data = data["events"]
    if not isinstance(data, list):
        return [], ["expected a JSON array of events"]
    accepted: list[Event] = []
    for k, entry in enumerate(data[: EVENT_JSON_SCHEMA["maxItems"]]):
        where = f"event {k}"
        if not isinstance(entry, Mapping) or entry.get("type") not in PROPOSABLE:
            problems.append(f"{where}: type must be one of {', '.join(sorted(PROPOSABLE))}")
            continue
        kind = entry["type"]
        fields = {name: entry.get(name) for name in PROPOSABLE[kind]}
        if "item_id" in fields:
            item_id = str(fields["item_id"])
            if item_id not in catalog:
                problems.append(f"{where}: unknown item id {item_id!r}")
                continue
            fields = {"item_id": item_id, "title": catalog.get(item_id).label}
        if "facet" in fields:
            facet, value = fields["facet"], fields["value"]
            if (
                not isinstance(facet, str)
                or not isinstance(value, str)
                or value not in catalog.facet_values(facet)
            ):
                problems.append(
                    f"{where}: {facet!r}={value!r} is not a facet value in the catalogue"
                )
                continue
            if facet == "genres":
                fields["facet"] = "genre"
        if "text" in fields and (not isinstance(fields["text"], str) or not fields["text"].strip()):
            problems.append(f"{where}: text must be a non-empty string")
            continue
        try:
            if kind == "ConstraintSet":
                accepted.append(make_constraint(str(fields["name"]), fields["value"]))
            else:
                accepted.append(event_from_dict({"type": kind, **fields}))
        except EventFormatError as e:
            problems.append(f"{where}: {e}")
    return accepted, problems


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_SMALL_TALK = _words(
    "thanks thank you ty ok okay cool great nice awesome bye goodbye cheers hi hello hey lol haha "
    "perfect wow sure alright fine good got it oh ah hmm um uh yeah yep"
)


def _phrases(text: str) -> tuple[tuple[str, ...], ...]:
    """'not for me|no thanks' -> token tuples, longest first ('not for me' before 'not')."""
    phrases = (tuple(p.split()) for p in text.split("|") if p.strip())
    return tuple(sorted(phrases, key=len, reverse=True))


def _table(text: str) -> dict[str, str]:
    """'french=fr|south korea=KR' -> {'french': 'fr', 'south korea': 'KR'}."""
    pairs = (p.split("=") for p in text.split("|") if p.strip())
    return {k.strip(): v.strip() for k, v in pairs}


def _aliases(text: str) -> dict[str, list[str]]:
    """'funny|funnier = comedy, komödie; ...' -> {'funny': ['comedy', 'komödie'], ...}."""
    out: dict[str, list[str]] = {}
    for rule in filter(str.strip, text.split(";")):
        names, targets = rule.split("=")
        for name in names.split("|"):
            out[name.strip()] = [t.strip() for t in targets.split(",")]
    return out


NEGATORS = _words(
    "not no never don't dont didn't didnt doesn't doesnt isn't wasn't aren't won't can't cannot "
    "haven't havent hasn't hadn't "
    "nothing without neither nor less avoid except none hardly"
)
CRITIQUE_MARK = "critq"  # stands in for 'too recent' and the like once they are read
SEEN_CUES = _phrases(
    "already seen|already watched|already saw|seen|saw|watched|have seen|i've seen"
)
SIMILAR_CUES = _phrases(
    "more like|similar to|something like|anything like|stuff like|movies like|films like|"
    "books like|"
    "ones like|more of|in the style of|along the lines of|similar"
)
NEGATIVE_CUES = _phrases(
    "hated|hate|hates|disliked|dislike|not for me|no thanks|no thank you|not interested|not into|"
    "not a fan|boring|awful|terrible|bad|worst|meh|nah|nope|pass on|skip|no more|enough of|"
    "can't stand|sucked|rubbish|too scary|avoid|get rid of|remove|exclude|none|not really|"
    "overrated|bored"
)
POSITIVE_CUES = _phrases(
    "loved|love|loves|liked|like|likes|enjoyed|enjoy|adore|adored|great|awesome|amazing|favorite|"
    "favourite|fantastic|brilliant|good|perfect|sounds good|fan of|yes|cool|nice|excellent|"
    "wonderful|into|want|prefer|interested in|in the mood for|looking for|keen on|fond of|"
    "not bad|a fan of|interesting|looks good|looks great|sounds great|sounds interesting"
)
ORDINALS = {
    **dict.fromkeys(("first", "1st"), 0),
    **dict.fromkeys(("second", "2nd"), 1),
    **dict.fromkeys(("third", "3rd"), 2),
    **dict.fromkeys(("fourth", "4th"), 3),
    **dict.fromkeys(("fifth", "5th"), 4),
    **dict.fromkeys(("sixth", "6th"), 5),
    **dict.fromkeys(("seventh", "7th"), 6),
    **dict.fromkeys(("eighth", "8th"), 7),
    **dict.fromkeys(("ninth", "9th"), 8),
    **dict.fromkeys(("tenth", "10th"), 9),
    "last": -1,
    "middle": -2,
}
_NUMBERS = "zero one two three four five six seven eight nine ten"
NUMBER_WORDS: dict[str, float] = {
    **{w: n for n, w in enumerate(_NUMBERS.split())},
    **{str(n): n for n in range(1, 11)},
    "a": 1,
    "an": 1,
    "one and a half": 1.5,
}
# alias words -> candidate facet values (normalised); the first one the catalogue has wins
FACET_ALIASES = _aliases(
    """funny|funnier|comedies|comedic|comedy|laugh|hilarious|lighthearted = comedy, komödie;
    rom com|romcom|rom coms = romantic comedy;
    scary|scarier|spooky|creepy|frightening = horror;
    sci fi|scifi|science fiction = science fiction;
    documentary|documentaries|docs|doc = documentary, documentation;
    romantic|romance|love story = romance, romance film;
    animated|cartoon|cartoons = animation;
    anime = japanese animation, animation;
    thrilling|suspense|suspenseful|tense = thriller;
    dramas|dramatic|serious = drama;
    wars|war movie|war movies = war;
    westerns|cowboy|cowboys = western;
    crimes|heist|gangster|mobster = crime;
    mysteries|mystery|whodunit = mystery, mysterie;
    fantasy|magic|magical = fantasy;
    family = family, familienfilm;
    kids|children = family, children s, familienfilm;
    musicals = musical;
    music = music, musical;
    historical|history|period = history, historie;
    biopic|biopics = biography;
    true story = true story, biography;
    adventurous = adventure;
    action packed|explosions = action;
    superhero|superheroes = super hero, action;
    cult|cult classic = cult favourite, cult favorite;
    classic|classics = classic;
    blockbuster|blockbusters = blockbuster;
    indie = independent;
    noir = neo noir, film noir;
    oscar winning|oscar winner = academy award winner;
    poems = poetry"""
)
LANGUAGES = _table(
    "french=fr|german=de|italian=it|spanish=es|japanese=ja|korean=ko|chinese=zh|mandarin=zh|"
    "cantonese=cn|hindi=hi|russian=ru|swedish=sv|danish=da|norwegian=no|finnish=fi|dutch=nl|"
    "portuguese=pt|polish=pl|turkish=tr|persian=fa|farsi=fa|arabic=ar|greek=el|czech=cs|"
    "hungarian=hu|thai=th|english=en"
)
# nationality adjectives and country names -> ISO country code
COUNTRIES = _table(
    "french=FR|german=DE|italian=IT|spanish=ES|japanese=JP|korean=KR|chinese=CN|indian=IN|"
    "bollywood=IN|russian=RU|swedish=SE|danish=DK|norwegian=NO|finnish=FI|dutch=NL|polish=PL|"
    "turkish=TR|iranian=IR|persian=IR|greek=GR|mexican=MX|brazilian=BR|english=GB|british=GB|"
    "american=US|canadian=CA|australian=AU|irish=IE|france=FR|germany=DE|italy=IT|spain=ES|"
    "japan=JP|south korea=KR|korea=KR|china=CN|india=IN|russia=RU|sweden=SE|denmark=DK|"
    "norway=NO|finland=FI|netherlands=NL|holland=NL|brazil=BR|mexico=MX|uk=GB|britain=GB|"
    "england=GB|usa=US|america=US|canada=CA|australia=AU|ireland=IE|iran=IR|hong kong=HK|"
    "new zealand=NZ|argentina=AR|poland=PL|belgium=BE"
)
FILLER_WORDS = _words(
    """movie movies film films flick flicks something anything recommend recommendation
    recommendations suggest suggestion suggestions want wanna looking look watch watching see show
    shows give me please maybe kind sort type one ones stuff thing things tonight today now would
    could can some any the with about and for that this these those what which who where when how
    you your yours i'm i'd i've i'll let's have has had get got find seen really very quite pretty
    just also too more most much many lot lots bit little need needs feel feeling mood like likes
    liked love loved enjoy enjoyed good great nice best better well again still there here them
    they their it's its was were are been being will shall should might must from into onto over
    under book books read reading title titles item items pick picks option options other another
    yes okay sure thanks thank hey hello hi hmm actually probably definitely perhaps rather fine
    interesting interested looks look sounds seems seem only even either else ever preferably
    ideally especially mostly"""
)
# words that, typed in lower case, are more likely ordinary words than a title
COMMON_WORDS = (
    FILLER_WORDS
    | NEGATORS
    | _words(
        """a an the of in on at to by up down out off it he she we us they her him his hers my our i
        me you go going went run drive fast slow dark light black white red blue green love hate fun
        funny life time night nights day days man men woman women girl girls boy boys home house
        world war big little small old new last first second one two three good bad great star
        stars space story true real game games play action heat rain fire ice water sea sky moon
        sun gold money crash cars speed signs split say thing things best better help away back
        after before city town road street fight club boss baby dog dogs cat cats monster monsters
        hero heroes people person king queen mother father son daughter brother sister party
        wedding christmas holiday summer winter spring fall music dance doctor teacher soldier
        school family friends friend dead death live alive lost found rush gravity taken memento
        twins ghost ghosts zombie zombies vampire vampires alien aliens robot robots animal animals
        horse horses shark sharks island islands jungle desert ocean boat ship ships train plane
        police cop cops spy spies killer killers crime drama horror comedy thriller romance western
        fantasy adventure adventures science fiction history documentary animation mystery
        musical"""
    )
)
