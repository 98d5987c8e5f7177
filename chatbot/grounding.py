"""Grounding: does a sentence name only the shown items and agree with their facts?"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from chatbot import writing_checks as wc
from chatbot.catalog import Catalog, Item

_TOKEN = re.compile(r"\w+(?:['’]\w+)*")
_QUOTED = re.compile(r"[\"“”]([^\"“”\n]{2,80})[\"“”]")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)(s)?\b")
_MINUTES = re.compile(r"\b(\d{2,3})[\s-]*(?:minutes?|mins?)\b", re.I)
_HOURS = re.compile(r"\b(\d(?:\.\d+)?)[\s-]*hours?\b", re.I)
_RATING = re.compile(r"\b(\d{1,2}(?:\.\d)?)\s*(?:/|out of)\s*10\b", re.I)
_INITIAL_BEFORE = re.compile(r"(?:^|[.!?:;\n—–(\-*\"“”])[\s*\"“”'(]*$")


class ViolationKind(StrEnum):
    """What a grounding problem is about (Violation.kind)."""

    OTHER_TITLE = "other_title"  # names a catalogue title that is not among the picks
    QUOTE = "quote"  # quotes words the item's text does not have
    NAME = "name"  # a person or place the item's text does not name
    GENRE = "genre"  # calls it a genre the item and the request do not say
    OFF_REQUEST = "off_request"  # a word outside the lead-in's vocabulary
    FACT = "fact"  # a year, runtime or rating that is not the item's
    STOCK_FILLER = "stock_filler"
    REPETITION = "repetition"
    LEAK = "leak"  # prompt text in the reply
    UNGRAMMATICAL = "ungrammatical"
    CONTRADICTION = "contradiction"
    KIND_CLAIM = "kind_claim"  # documentary, animated, sequel, true story, availability
    NUMBER = "number"  # a number in other words, or a sequel number
    COPIED = "copied"  # a run copied from the user's message
    NOTHING_CONCRETE = "nothing_concrete"
    UNGROUNDED_WORD = "ungrounded_word"
    UNFINISHED = "unfinished"  # the stream ended mid-sentence (the writer's check)
    OMITTED = "omitted"  # a lead-in leaves out what the turn changed ('from before 1995')


class Violation(str):
    """One grounding problem: the text logs and Written.violations show, with its `kind` and
    `subject` (the title, name, word or phrase it is about) as data, never parsed back."""

    kind: ViolationKind
    subject: str

    def __new__(cls, kind: ViolationKind, subject: str, text: str) -> Violation:
        self = super().__new__(cls, text)
        self.kind = ViolationKind(kind)
        self.subject = subject
        return self

    def __getnewargs__(self) -> tuple[str, str, str]:  # type: ignore[override]
        return (self.kind.value, self.subject, str(self))


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOPWORDS = _wordset(
    "a an and are as at be but by for from he her his i if in into is it its me my "
    "no not of on or our she so that the their them they this to up we with you your "
    "was were has have had will would can could do does did what who how when where "
    "why all any one i'm i've i'd i'll"
)
# Capitalised words that are fine anywhere even when the item text does not contain them.
COMMON_CAPITALISED = _wordset(
    "american british english french german italian spanish japanese korean chinese "
    "indian european african asian christmas monday tuesday wednesday thursday "
    "friday saturday sunday january february march april may june july august "
    "september october november december hollywood oscar oscars"
)


# Genre names that are also everyday words ("a family", "the history of") are not claims.
GENERIC = _wordset("family history music story life love war sport art short classic")
# The words a lead-in may use besides those of the request (it introduces, it claims nothing).
LEAD_WORDS = _wordset(
    "here are is some few picks pick suggestion suggestions option options one two three four "
    "five six seven eight nine ten enjoy hope you your i i'm i've we think will would might may "
    "like love great good perfect sure happy help glad found find something that fit fits "
    "what asked request requested looking tonight watch read movie movies film films book "
    "books title titles item items for to of and with a an the it they these those them this "
    "just right s ll got noted keep mind sorry couldn't could not nothing matches match all "
    "that's thing things drop relax wish wishes one catalogue my in on me let know about"
)


def _stem(word: str) -> str:
    # the genre checks have always kept the "s" of 4-letter words (writing_checks folds them)
    return wc.stem(word, shortest=5)


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _words(text: str) -> list[str]:
    return [_fold(m.group()) for m in _TOKEN.finditer(text)]


@dataclass(frozen=True)
class _Tok:
    norm: str
    cap: bool
    initial: bool


def _in_name(toks: Sequence[_Tok], i: int, n: int) -> bool:
    """The span touches another capitalised word: part of a person's name, not a title."""
    before = (
        i > 0 and toks[i - 1].cap and not toks[i - 1].initial and not toks[i - 1].norm.isdigit()
    )
    after = i + n < len(toks) and toks[i + n].cap and not toks[i + n].norm.isdigit()
    return before or after


def _tokens(text: str) -> list[_Tok]:
    out = []
    for m in _TOKEN.finditer(text):
        word = m.group()
        initial = bool(_INITIAL_BEFORE.search(text[: m.start()]))
        out.append(_Tok(_fold(word), word[0].isupper() or word[0].isdigit(), initial))
    return out


@dataclass
class Allowed:
    """What a segment may mention: the shown items' titles and the current item's own text."""

    titles: set[tuple[str, ...]]
    text: str  # " w1 w2 ... " folded words of the allowed source text
    words: set[str]
    item: Item | None
    vocabulary: frozenset[str] | None = None  # when set: the only other words allowed
    user_text: str = ""  # the user's message: the reply may not copy runs of it
    repeat_of: str = ""  # text already shown in this segment (the system's clause)
    request_words: frozenset[str] = frozenset()  # content words of the trusted reasons
    need_specific: bool = False  # the text must say something concrete (model item text)
    must_say: tuple[str, ...] = ()  # phrases the text must contain (a lead-in's refinement)

    def contains(self, words: Sequence[str]) -> bool:
        return f" {' '.join(words)} " in self.text


class GroundingChecker:
    """Finds unsupported content: other catalogue titles, wrong facts, unknown names."""

    def __init__(self, catalog: Catalog) -> None:
        self._titles: dict[tuple[str, ...], set[str]] = {}
        self._lengths: dict[str, set[int]] = {}
        self._lower = Counter[str]()  # how often each word appears in lower case in the catalogue
        for item in catalog:
            key = tuple(_words(item.title))
            if key:
                self._titles.setdefault(key, set()).add(item.id)
                self._lengths.setdefault(key[0], set()).add(len(key))
            self._lower.update(
                _fold(m.group())
                for m in _TOKEN.finditer(item.description)
                if m.group()[0].islower()
            )
        # the words a mood is said in ("It is tense and moving."): a list of them must hold
        self.adjectives = wc.FILM_ADJECTIVES | {
            " ".join(_words(v)) for v in catalog.facet_values("mood")
        }
        # one-word genre names ("horror", "documentary"): claiming one needs support
        self._genres: set[str] = set()
        for genre in catalog.facet_values("genre"):
            words = _words(genre)
            if len(words) == 1 and len(words[0]) >= 4 and _stem(words[0]) not in GENERIC:
                self._genres.add(_stem(words[0]))

    def allowed(
        self,
        shown: Sequence[Item],
        item: Item | None = None,
        extra: Iterable[str] = (),
        trusted: Iterable[str] = (),
        vocabulary: Iterable[str] | None = None,
        user_text: str = "",
        repeat_of: str = "",
        need_specific: bool = False,
        must_say: Iterable[str] = (),
    ) -> Allowed:
        """The allowance for one segment: shown titles, the current item's text and `extra`;
        catalogue titles inside `trusted` text (the ranker's reasons) may be mentioned too."""
        trusted = list(trusted)
        parts = [*extra, *trusted]
        if item is not None:
            parts += [item.title, item.description, *item.genres, *item.tags]
            parts += [v for values in item.facets.values() for v in values]
        words = _words("\n".join(parts))
        titles = {tuple(_words(i.title)) for i in shown}
        for text in trusted:
            norms = _words(text)
            for i, word in enumerate(norms):
                for n in self._lengths.get(word, ()):
                    if tuple(norms[i : i + n]) in self._titles:
                        titles.add(tuple(norms[i : i + n]))
        return Allowed(
            titles=titles,
            text=" " + " ".join(words) + " ",
            words=set(words),
            item=item,
            vocabulary=None if vocabulary is None else frozenset(vocabulary),
            user_text=user_text,
            repeat_of=repeat_of,
            request_words=frozenset(
                wc.stem(w)
                for w in _words(" ".join(trusted))
                if len(w) >= 4 and w not in wc.GENERIC_WORDS and not w.isdigit()
            ),
            need_specific=need_specific,
            must_say=tuple(must_say),
        )

    def check(self, text: str, allowed: Allowed) -> list[Violation]:
        """Problems in `text` (empty list: grounded)."""
        problems = self._check_titles(text, allowed)
        flagged = {p.subject for p in problems if p.kind is ViolationKind.OTHER_TITLE}
        problems += [p for p in self._check_names(text, allowed) if p.subject not in flagged]
        stems = {_stem(w) for w in allowed.words}
        for word in dict.fromkeys(_words(text)):
            if _stem(word) in self._genres and _stem(word) not in stems:
                problems.append(
                    Violation(
                        ViolationKind.GENRE,
                        word,
                        f"calls it {word!r}, which the item or request does not say",
                    )
                )
            elif (
                allowed.vocabulary is not None
                and word not in allowed.words
                and word not in allowed.vocabulary
                and _stem(word) not in allowed.vocabulary
                and not word.isdigit()
            ):
                problems.append(
                    Violation(
                        ViolationKind.OFF_REQUEST,
                        word,
                        f"adds {word!r}, which the request does not mention",
                    )
                )
        problems += self.writing_problems(text, allowed)
        if allowed.item is not None:
            problems += _check_facts(text, allowed.item, allowed.text)
        else:
            for m in _YEAR.finditer(text):
                if f" {m.group(1)} " not in allowed.text:
                    problems.append(
                        Violation(
                            ViolationKind.FACT,
                            m.group(),
                            f"year {m.group()} is not supported by the context",
                        )
                    )
        return problems

    def writing_problems(self, text: str, allowed: Allowed) -> list[Violation]:
        """Stock filler, degenerate repetition, prompt leaks, self-contradiction, unsupported
        claims of kind (documentary, animated, sequel, true story, availability), numbers in
        other wordings, and runs copied from the user's message (see chatbot.writing_checks)."""
        V, W = Violation, ViolationKind
        problems = [V(W.STOCK_FILLER, p, f"stock filler {p!r}") for p in wc.stock_filler(text)]
        problems += [V(W.REPETITION, p, f"repeats itself ({p})") for p in wc.degenerate(text)]
        if allowed.repeat_of:  # repetition across the system's clause and the model's text
            before = set(wc.degenerate(allowed.repeat_of))
            both = wc.degenerate(f"{allowed.repeat_of} {text}")
            problems += [
                V(W.REPETITION, p, f"repeats the clause ({p})") for p in both if p not in before
            ]
        problems += [V(W.LEAK, p, f"leaks {p!r}") for p in wc.leaks(text)]
        problems += [V(W.UNGRAMMATICAL, p, f"ungrammatical {p!r}") for p in wc.ungrammatical(text)]
        problems += [
            V(W.UNGRAMMATICAL, p, f"breaks its list of moods {p!r}")
            for p in wc.mood_list_slips(text, self.adjectives)
        ]
        problems += [
            V(W.CONTRADICTION, p, f"contradicts the pick ({p!r})") for p in wc.contradictions(text)
        ]
        if allowed.item is not None:
            item = allowed.item
            problems += [V(W.KIND_CLAIM, p, f"claims {p}") for p in wc.kind_claims(text, item)]
            problems += [V(W.NUMBER, p, f"says {p}") for p in wc.wrong_numbers(text, item)]
            problems += [
                V(W.NUMBER, p, f"adds a number: {p!r}") for p in wc.sequel_number(text, item)
            ]
            problems += [V(W.KIND_CLAIM, p, f"claims {p!r}") for p in wc.own_source(text, item)]
        else:
            avail = wc.KIND_CLAIMS["availability"][0].search(wc.fold(text))
            if avail:
                problems.append(
                    V(W.KIND_CLAIM, avail.group(), f"claims availability ({avail.group()!r})")
                )
        if allowed.user_text:
            copied = wc.copied_run(text, allowed.user_text, source=allowed.text)
            if copied:
                problems.append(V(W.COPIED, copied, f"copies the user's words {copied!r}"))
        if allowed.need_specific and allowed.item is not None:
            for sentence in wc.says_nothing(text, allowed.item, allowed.repeat_of):
                problems.append(
                    V(W.NOTHING_CONCRETE, sentence, f"adds nothing concrete: {sentence[:60]!r}")
                )
            for word in wc.ungrounded_words(text, allowed.item, allowed.request_words):
                problems.append(
                    V(W.UNGROUNDED_WORD, word, f"says {word!r}, which the item's text does not")
                )
        folded = f" {' '.join(_words(text))} "
        for phrase in allowed.must_say:
            if f" {' '.join(_words(phrase))} " not in folded:
                problems.append(V(W.OMITTED, phrase, f"leaves out {phrase!r}"))
        if allowed.repeat_of:
            again = wc.copied_run(text, allowed.repeat_of, min_words=4)
            if again:
                problems.append(V(W.REPETITION, again, f"repeats the clause before it ({again!r})"))
        return problems

    def mentioned_titles(self, text: str, allowed: Allowed) -> list[Violation]:
        """Catalogue titles mentioned in `text` that are not allowed (for benchmarks)."""
        problems = self._check_titles(text, allowed)
        return [p for p in problems if p.kind is ViolationKind.OTHER_TITLE]

    def _check_titles(self, text: str, allowed: Allowed) -> list[Violation]:
        toks = _tokens(text)
        norms = [t.norm for t in toks]
        problems: list[Violation] = []
        covered = [False] * len(toks)
        for key in allowed.titles:  # shown titles first: their words are not other titles
            n = len(key)
            for i in range(len(toks) - n + 1):
                if tuple(norms[i : i + n]) == key:
                    covered[i : i + n] = [True] * n
        for i, tok in enumerate(toks):
            for n in sorted(self._lengths.get(tok.norm, ()), reverse=True):
                key = tuple(norms[i : i + n])
                if len(key) < n or key not in self._titles or any(covered[i : i + n]):
                    continue
                span = toks[i : i + n]
                if self._looks_like_title(span, allowed, in_name=_in_name(toks, i, n)):
                    title = " ".join(key)
                    problems.append(
                        Violation(
                            ViolationKind.OTHER_TITLE,
                            title,
                            f"mentions {title!r}, a catalogue title that is not shown",
                        )
                    )
                    covered[i : i + n] = [True] * n
                    break
        for m in _QUOTED.finditer(text):
            key = tuple(_words(m.group(1)))
            if key and key not in allowed.titles and not allowed.contains(key):
                problems.append(
                    Violation(
                        ViolationKind.QUOTE,
                        m.group(1),
                        f"quotes {m.group(1)!r}, which is not in the item's text",
                    )
                )
        return problems

    def _looks_like_title(self, span: list[_Tok], allowed: Allowed, *, in_name: bool) -> bool:
        content = [t for t in span if t.norm not in STOPWORDS]
        if not content:
            return False
        if len(span) == 1:
            tok = span[0]
            # a word of the item's own text passes inside a name ('Jack Lemmon') or as a number;
            # standing alone it names another film ('known for Trainspotting'), item text or not
            quoted_ok = tok.norm in allowed.words and (in_name or tok.norm.isdigit())
            return (
                tok.cap
                and not tok.initial
                and len(tok.norm) >= 4
                and self._lower[tok.norm] <= 2
                and not quoted_ok
            )
        if span[0].initial and span[0].cap:
            # a sentence opening with a whole title of 2+ words reads as naming it ("It follows
            # a programmer ..." and the film It Follows): a reader, and the evaluation's title
            # spotter, cannot tell; the model says it another way or the template text is used
            return True
        capitalised = [t for t in content if t.cap and not t.initial]
        return bool(capitalised) and 2 * sum(t.cap for t in content) >= len(content)

    def _check_names(self, text: str, allowed: Allowed) -> list[Violation]:
        problems = []
        toks = _tokens(text)
        i = 0
        while i < len(toks):
            if not toks[i].cap or toks[i].norm[0].isdigit():
                i += 1
                continue
            j = i
            while j < len(toks) and toks[j].cap and not toks[j].norm[0].isdigit():
                j += 1
            span = [t for t in toks[i:j]]
            i = j
            # a sentence-initial word ("This", "Like") is capitalised anyway: judge the rest
            if span and span[0].initial:
                span = span[1:]
            while span and span[-1].norm in STOPWORDS:
                span = span[:-1]
            words = [t.norm for t in span]
            if not span or allowed.contains(words) or tuple(words) in allowed.titles:
                continue
            if len(span) >= 2:
                name = " ".join(words)
                problems.append(
                    Violation(
                        ViolationKind.NAME, name, f"names {name!r}, which is not in the item's text"
                    )
                )
            elif (
                not span[0].initial
                and words[0] not in STOPWORDS
                and words[0] not in COMMON_CAPITALISED
                and self._lower[words[0]] == 0
            ):
                problems.append(
                    Violation(
                        ViolationKind.NAME,
                        words[0],
                        f"names {words[0]!r}, which is not in the item's text",
                    )
                )
        return problems


def _check_facts(text: str, item: Item, source: str) -> list[Violation]:
    problems = []
    fact = ViolationKind.FACT
    for m in _YEAR.finditer(text):
        year = int(m.group(1))
        if m.group(2):  # a decade: "the 1990s"
            ok = item.year is not None and year <= item.year < year + 10 and year % 10 == 0
        else:
            ok = year == item.year
        if not ok and f" {m.group(1)} " not in source:
            problems.append(
                Violation(fact, m.group(), f"says {m.group()} but the item's year is {item.year}")
            )
    for m in _MINUTES.finditer(text):
        minutes = int(m.group(1))
        if (
            item.runtime is None or abs(minutes - item.runtime) > 1
        ) and f" {m.group(1)} " not in source:
            problems.append(
                Violation(
                    fact, m.group(), f"says {m.group()} but the item's runtime is {item.runtime}"
                )
            )
    for m in _HOURS.finditer(text):
        hours = float(m.group(1))
        if (
            item.runtime is None or abs(hours * 60 - item.runtime) > 15
        ) and f" {m.group(1)} " not in source:
            problems.append(
                Violation(
                    fact,
                    m.group(),
                    f"says {m.group()} but the item's runtime is {item.runtime} minutes",
                )
            )
    for m in _RATING.finditer(text):
        if item.rating is None or abs(float(m.group(1)) - item.rating) > 0.05:
            problems.append(
                Violation(
                    fact, m.group(), f"says {m.group()} but the item's rating is {item.rating}"
                )
            )
    return problems
