"""Title keys: the one normalisation of titles for matching.

Every place that matches titles compares keys made here: the understanding's title, series and
alias tables against what the user typed, and the catalogue builder's linking of ReDial's movie
names to catalogue movies (`catalog.redial`). Two spellings of one title get one key; the key is
lower-case ASCII-folded words separated by single spaces.
"""

from __future__ import annotations

import re
import unicodedata

# letters NFKD does not decompose, and symbols spelled out
_SYMBOLS = {
    "&": " and ",
    "½": " 1/2 ",
    "æ": "ae",
    "œ": "oe",
    "ø": "o",
    "ß": "ss",
    "ł": "l",
    "đ": "d",
}
_YEAR = re.compile(r"\(\s*\d{4}\s*\)")
# a catalogue's inverted article: 'Matrix, The', 'Misérables, Les'
_TRAILING_ARTICLE = re.compile(r"\s*,\s*(?:the|a|an|le|la|les|el|der|die|das|il)$")
_NON_WORD = re.compile(r"[^\w\s]")
LEADING_ARTICLES = ("the", "a", "an")
# sequel numbers: 'The Hangover Part II', 'the hangover part 2' and 'the hangover 2' are one title
_ROMAN = {"ii": "2", "iii": "3", "iv": "4", "vi": "6", "vii": "7", "viii": "8", "ix": "9"}


def fold_accents(text: str) -> str:
    """'Amélie' -> 'Amelie' (letters without their combining marks)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def normalize_title(text: str) -> str:
    """The matching key of a title: 'The Matrix (1999)' and 'Matrix, The' -> 'matrix';
    'Léon: The Professional' -> 'leon the professional'; 'The Hangover Part II' -> 'hangover 2'.
    Case, accents, punctuation, a year in brackets, a leading English article (not a title's
    only word: 'The' stays 'the') or an inverted one at the end, and Roman sequel numbers after
    the first word do not matter. An apostrophe parts words like any punctuation ("Ocean's
    Eleven" -> 'ocean s eleven'), so a key found in running text keeps working with possessives
    ("James Bond's first" contains 'james bond')."""
    t = text.lower()
    for symbol, spelled in _SYMBOLS.items():
        t = t.replace(symbol, spelled)
    t = _TRAILING_ARTICLE.sub("", _YEAR.sub(" ", fold_accents(t)).strip())
    words = _NON_WORD.sub(" ", t).split()
    if words and words[0] in LEADING_ARTICLES and len(words) > 1:
        words = words[1:]
    words = [words[0], *(_ROMAN.get(w, w) for w in words[1:])] if words else words
    words = [
        w
        for k, w in enumerate(words)
        if not (w == "part" and k + 1 < len(words) and words[k + 1].isdecimal())
    ]
    return " ".join(words)
