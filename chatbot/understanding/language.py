"""Which language a message is in, and the language packs understanding can read.

Understanding reads English only; a `LanguagePack` is the seam where another language plugs in
(its word tables and the sentence that says what the bot understands). Detection uses lingua
(lingua-language-detector, n-gram models shipped in the wheel), restricted to the languages users
of a movie catalogue most often write in, so that short English messages are not misread as
something exotic. Only messages of two words or more with a confident non-English reading
count: "ok", "older" or a lone title are never turned away.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from typing import Any

from chatbot.locales import DETECTED_NAMES
from chatbot.understanding import lexicon

# ISO 639-1 code -> English name, for the languages detection tells apart (chatbot.locales)
DETECTABLE: dict[str, str] = DETECTED_NAMES
MIN_CONFIDENCE = 0.8
MAX_OWN_CONFIDENCE = 0.3
MIN_OWN_EVIDENCE = 0.1  # below this lingua all but rules the pack's language out
EVERYDAY_ZIPF = 3.0  # wordfreq Zipf frequency from which a word is an everyday word of a language
_WORD = re.compile(r"[^\W\d_]+")
_lock = threading.Lock()
_detector: Any = None


@dataclass(frozen=True)
class LanguagePack:
    """The word tables of one language understanding can read."""

    code: str  # ISO 639-1
    name: str
    slang: dict[str, str] = field(default_factory=dict)  # chat spellings -> words ('pls')
    # sounds of hesitation in speech and dictation ('um', 'uh'), no words of the language: left
    # out before the language is told ('war movies um' is English, though 'um' is Portuguese)
    hesitations: frozenset[str] = frozenset()
    unsupported: str = (
        "Sorry, I can only read English for now: this catalogue and the model understand English."
        " Tell me in English what you would like to watch."
    )


ENGLISH = LanguagePack(
    "en", "English", slang=lexicon.SLANG, hesitations=frozenset(("um", "umm", "uh", "uhh", "erm"))
)
PACKS: dict[str, LanguagePack] = {"en": ENGLISH}


def _lingua() -> Any:
    global _detector
    with _lock:
        if _detector is None:
            from lingua import IsoCode639_1, LanguageDetectorBuilder

            codes = [getattr(IsoCode639_1, c.upper()) for c in DETECTABLE]
            _detector = LanguageDetectorBuilder.from_iso_codes_639_1(*codes).build()
        return _detector


def detect(text: str) -> tuple[str, float]:
    """(ISO 639-1 code, confidence 0..1) of the message's most likely language.

    Messages of fewer than two words are taken as English with confidence 0 (too short to tell)."""
    words = _WORD.findall(text)
    if len(words) < 2:
        return "en", 0.0
    scores = confidences(text)
    if not scores:
        return "en", 0.0
    code = max(scores, key=lambda c: scores[c])
    return code, scores[code]


def confidences(text: str) -> dict[str, float]:
    """ISO 639-1 code -> lingua's confidence (they sum to 1 over DETECTABLE)."""
    detector = _lingua()
    with _lock:
        values = detector.compute_language_confidence_values(text)
    return {v.language.iso_code_639_1.name.lower(): float(v.value) for v in values}


def foreign_language(text: str, pack: LanguagePack = ENGLISH) -> str | None:
    """The code of the language the message is written in when it is not the pack's, else None:
    two words or more, and another language either confident (>= MIN_CONFIDENCE) or the
    pack's own language all but ruled out (< MAX_OWN_CONFIDENCE)."""
    if pack.hesitations:
        text = " ".join(w for w in text.split() if w.lower().strip(",.!?") not in pack.hesitations)
    letters = [c for c in text if c.isalpha()]
    if letters and sum(not c.isascii() for c in letters) >= 0.6 * len(letters) >= 3:
        # Japanese, Chinese, Korean, Russian, Arabic...: no spaces to count words by
        scores = confidences(text)
        code = max(scores, key=lambda c: scores[c]) if scores else "und"
        return None if code == pack.code else code
    words = _WORD.findall(text)
    if len(words) == 1:
        return _one_foreign_word(words[0].lower(), pack)
    if not words:
        return None
    scores = confidences(text)
    if not scores:
        return None
    code = max(scores, key=lambda c: scores[c])
    own = scores.get(pack.code, 0.0)
    own_words = _function_words(text, pack.code)
    for other in sorted(scores, key=lambda c: -scores[c])[:3]:
        foreign = _function_words(text, other) - own_words
        if other != pack.code and (
            (len(foreign) >= 3 and len(own_words) <= 1) or (len(foreign) >= 2 and not own_words)
        ):
            return other  # 'Gibt es gute Science-Fiction-Filme aus den 80ern?': loanwords
    if code == pack.code:
        return None
    foreign_words = _function_words(text, code) - own_words
    if scores[code] >= MIN_CONFIDENCE:
        # 'giallo or poliziottesco': the pack's own function words and none of the other
        # language's make it the pack's language with a few foreign terms
        return None if own_words and not foreign_words else code
    if (
        own < MIN_OWN_EVIDENCE
        and scores[code] >= 0.4
        and foreign_words
        and not own_words
        and _share_unknown(text, pack.code) >= 0.5
    ):
        # 'Vorrei vedere un film romantico stasera': the pack's language all but ruled out, a
        # function word of the other one, and most words not in the pack's vocabulary
        return code
    if own < MAX_OWN_CONFIDENCE and len(words) >= 2 and _all_everyday_there(text, code, pack.code):
        # 'una comedia francesa', 'ein lustiger Film': too short for a confident reading, but
        # every word is an everyday word of that language and none is of the pack's
        return code
    # a weaker reading counts when the message also uses that language's function words
    # ('un film d'horreur s'il vous plaît'), not just a foreign title or term ('a film noir')
    if own < MAX_OWN_CONFIDENCE and scores[code] > 1.5 * own and len(foreign_words) >= 2:
        return code
    return None


# languages a one-word message is looked up in (wordfreq's lists)
_ONE_WORD_LANGUAGES = ("es", "fr", "de", "it", "pt", "nl", "sv", "pl", "tr")


def _one_foreign_word(word: str, pack: LanguagePack) -> str | None:
    """A one-word message with a letter English does not use ('más', 'größer', 'não') that is
    no word of the pack's language and an everyday word of another: that language, else None
    (too little to tell: 'no', 'si', 'ok')."""
    from wordfreq import zipf_frequency

    own = zipf_frequency(word, pack.code)
    if all(c.isascii() for c in word) or own >= 3.5:
        return None
    found = {code: zipf_frequency(word, code) for code in _ONE_WORD_LANGUAGES}
    code = max(found, key=lambda c: found[c])
    # far more common there than in the pack's language ('más' 6.6 in Spanish, 2.8 in English;
    # not 'café', used in both)
    return code if found[code] >= 4.0 and found[code] - own >= 2.5 else None


def _zipf(word: str, code: str) -> float:
    """wordfreq's Zipf frequency of `word` in language `code`; 0.0 where wordfreq needs a
    tokenizer that is not installed (Chinese needs jieba, Japanese and Korean MeCab): the word
    is then taken as unknown there."""
    from wordfreq import zipf_frequency

    try:
        return float(zipf_frequency(word, code))
    except ImportError:
        return 0.0


def _all_everyday_there(text: str, code: str, own: str) -> bool:
    """Every word of the message is an everyday word of language `code` (wordfreq Zipf
    frequency at or above EVERYDAY_ZIPF; Speer et al. 2018) and no more common in language
    `own`, and two of them are far more common in `code` ('una comedia francesa'; 'film' is
    shared by both)."""
    words = _WORD.findall(text.lower())
    there = [_zipf(w, code) for w in words]
    here = [_zipf(w, own) for w in words]
    return (
        all(a >= EVERYDAY_ZIPF and a >= b - 0.3 for a, b in zip(there, here, strict=True))
        and sum(a - b >= 1.5 for a, b in zip(there, here, strict=True)) >= 2
    )


def _share_unknown(text: str, code: str) -> float:
    """Share of the message's words that are not everyday words of the language (wordfreq Zipf
    frequency below EVERYDAY_ZIPF; wordfreq's word lists, Speer et al. 2018)."""
    words = _WORD.findall(text.lower())
    if not words:
        return 0.0
    return sum(_zipf(w, code) < EVERYDAY_ZIPF for w in words) / len(words)


def _function_words(text: str, code: str) -> set[str]:
    """The words of the text that are stop words of that language (spaCy's lists)."""
    import importlib

    try:
        stop = importlib.import_module(f"spacy.lang.{code}.stop_words").STOP_WORDS
    except (ImportError, AttributeError):
        return set()
    return {w for w in re.findall(r"[^\W\d_]+", text.lower()) if w in stop}
