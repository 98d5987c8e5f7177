"""What understanding produces, the catalogue vocabulary, and the state the rule passes share."""

from __future__ import annotations

import itertools
import logging
import re
import statistics
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from chatbot.catalog import Catalog, Item
from chatbot.events import (
    ConstraintCleared,
    Event,
    make_constraint,
)
from chatbot.filters import NAMED_FACETS
from chatbot.interest import InterestState
from chatbot.ranking import popularity
from chatbot.title_keys import fold_accents, normalize_title
from chatbot.understanding.lexicon import (
    ABBREVIATIONS,
    ADVERB_SPELLINGS,
    CHAT_ABBREVIATIONS,
    CLAUSE_BREAK,
    COMMON_WORDS,
    COPULA_COMPLAINT,
    COPULA_FILLERS,
    COPULA_PRAISE,
    COPULA_SHAKEN,
    CUE_SPELLINGS,
    DENIAL_TAILS,
    EMOJI,
    FACET_ALIASES,
    FILLER_WORDS,
    NEGATED_COMPLAINT_FILLERS,
    NEGATED_COMPLAINTS,
    NEGATORS,
    REQUEST_VERBS,
    SLANG,
    TOKEN_RE,
    USER_CONDITIONS,
    VERDICT_EMOJI,
    VERDICT_VERBS,
)

if TYPE_CHECKING:
    from chatbot.understanding.verdicts import VerdictModel
from chatbot.understanding.nlp import Parse, Word
from chatbot.understanding.nlp import parse as nlp_parse

_SLANG_RE = re.compile(
    r"(?<![\w'/])(" + "|".join(re.escape(k) for k in sorted(SLANG, key=len, reverse=True)) + r")"
    r"(?![\w'/])",
    re.IGNORECASE,
)


# 'I have enough from action films', 'had enough with musicals', 'enough with the superheroes':
# 'enough of' (the first as a learner of English may write it)
_ENOUGH_FROM_RE = re.compile(
    r"(\b(?:have|had|got|i've|ive|we've|weve)\s+(?:had\s+)?|^\s*|[,.;:!?]\s*)enough\s+(?:from|with)"
    r"(?=\s+(?:the\s+)?[^\W\d_])",
    re.IGNORECASE,
)
# verbs whose object is judged, never what the user did ("I can't stand clowns")
_VERDICT_VERBS = frozenset(
    ("stand", "bear", "abide", "handle", "tolerate", "stomach", "hate", "loathe", "despise")
    + ("detest", "dislike", "avoid", "skip", "fear")
)
# 'enough Schwarzenegger', 'ok enough horror': 'enough' opening a clause is 'enough of' (not
# 'scary enough', 'enough for tonight', 'enough already')
_ENOUGH_RE = re.compile(
    r"(^|[,.;:!?]\s*|\b(?:ok|okay|alright|right|please)\s+)enough\s+"
    r"(?!(?:of|for|to|with|already|said|now|is|was)\b)(?=[^\W\d_])",
    re.IGNORECASE,
)


# a web address typed in a message ('https://www.imdb.com/title/tt0111161/', 'letterboxd.com/...')
LINK_RE = re.compile(r"\b(?:https?://|www\.)\S+|\b[\w.-]+\.(?:com|org|net|io)(?:/\S*)?", re.I)

_MARKUP = (
    (re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL), " "),
    (re.compile(r"</?[a-zA-Z][^<>]*>"), " "),  # HTML tags
    (re.compile(r"```.*?```|`[^`]*`", re.DOTALL), " "),  # code
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),  # [text](link) -> text
    (LINK_RE, " "),
    (re.compile(r"(?m)^\s*(?:#{1,6}|>+|[-*+]\s)\s*"), ""),  # heading, quote, bullet marks
    (re.compile(r"(\*{1,3}|_{2,3}|~~)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # **bold**, ~~strike~~
)


# a list mark opening a line: '- ', '* ', '•', '1.', '2)', '(3)', '#4'
_LINE_BULLET = re.compile(r"^(?:[-•·‣◦▪–—]+|[*+]+(?=\s)|\(?#?\d{1,2}[.):]|#\d{1,2})\s*")
_LINE_NUMBER = re.compile(r"^(\d{1,2})\s+(?=\S)")  # '1 Hook' in a run numbered 1, 2, 3
# words of a sentence, not of a list entry ('haven't seen any of them yet', 'I loved Heat')
_SENTENCE_WORDS = frozenset(
    ("i", "i'm", "im", "i've", "ive", "i'd", "id", "we", "we're", "we've", "you", "my", "our")
    + ("me", "us", "is", "are", "was", "were", "have", "haven't", "havent", "has", "had")
    + ("what", "which", "how", "why", "can", "could", "would", "should", "any", "anything")
    + ("something", "please", "pls", "want", "need", "looking", "recommend", "suggest", "give")
    + ("them", "these", "those", "they", "it", "that", "this")
)
# a line ending in one of these runs on into the next ('I loved Heat and\nDrive was ok', 'I
# loved\nHeat')
_RUNS_ON = frozenset(
    ("and", "or", "but", "with", "the", "a", "an", "of", "to", "for", "like", "loved", "liked")
    + ("hated", "watched", "saw", "seen", "enjoyed", "adored", "rewatched", "love", "hate")
)
_LIST_ENTRY_WORDS = 6  # at most this many words in a line read as a list entry


def _list_entry(line: str) -> bool:
    """Whether a line reads as one entry of a list ('Heat (1995)', 'Drive - 8/10', 'the
    prestige (loved)'), not as a sentence: a few words, no sentence words, no end mark."""
    words = re.findall(r"[\w']+", line.lower())
    return (
        0 < len(words) <= _LIST_ENTRY_WORDS
        and not line.endswith("?")
        and not any(w in _SENTENCE_WORDS for w in words)
    )


def lines_to_sentences(text: str) -> str:
    """A message typed in lines as the sentences it stands for, so that the parser, which reads
    one line of words, sees the lists in it: 'Loved:\\n- Heat\\n- Zodiac\\nMeh:\\n- Tenet' ->
    'Loved: Heat, Zodiac. Meh: Tenet.'. List marks (bullets, '1.', '2)', '#3', or bare numbers
    counting 1, 2, 3 from the first line) are dropped; the entries of one list (marked lines,
    or a run of two or more short lines without sentence words) are joined by commas after the
    line that leads them ('Hated:', 'my watchlist:', a short line right before marked ones);
    every other line ends as a sentence unless it runs on ('... and'). A message of one line
    is returned unchanged."""
    if "\n" not in text.strip():
        return text
    lines = [line.strip() for line in text.splitlines()]
    numbered = [m for line in lines if line and (m := _LINE_NUMBER.match(line))]
    counts = len(numbered) >= 2 and [int(m.group(1)) for m in numbered] == list(
        range(1, len(numbered) + 1)
    )
    rows: list[tuple[str, bool]] = []  # (line without its mark, marked as a list entry)
    for line in lines:
        mark = _LINE_BULLET.match(line) or (_LINE_NUMBER.match(line) if counts else None)
        body = line[mark.end() :].strip() if mark else line
        if body or not line:
            rows.append((body, mark is not None))
    out: list[str] = []
    entries: list[str] = []
    lead = ""

    def close() -> None:
        nonlocal entries, lead
        if entries:
            out.append(f"{lead} {', '.join(entries)}.".strip())
        elif lead:
            out.append(lead.rstrip(":") + ".")
        entries, lead = [], ""

    running = False  # the last sentence goes on in this line ('I loved\nHeat\nand Ronin')
    for k, (body, marked) in enumerate(rows):
        after = rows[k + 1] if k + 1 < len(rows) else ("", False)
        words = re.findall(r"[\w']+|,", body.lower())
        if (
            body
            and not marked
            and out
            and (running or (not entries and not lead and words[:1] in (["and"], ["or"], ["but"])))
        ):
            out[-1] = f"{out[-1].rstrip('.')} {body}"
            running = bool(words) and (words[-1] in _RUNS_ON or words[-1] == ",")
            if not running and not body.endswith(("?", "!", ".")):
                out[-1] += "."
            continue
        running = False
        if not body:
            nxt = next((r for r in rows[k + 1 :] if r[0]), ("", False))
            if not (nxt[1] and (lead or entries)):
                close()  # ('Loved:\n\n- Heat\n\n- Ronin': blank lines inside one list)
            continue
        if body.endswith(":"):
            close()
            lead = body
            continue
        if re.search(r"\w:\s", body):
            close()  # 'OK: Chocolat': a header and its list in one line
            out.append(body if body.endswith(("?", "!", ".")) else body + ".")
            continue
        entry = _list_entry(body)
        if marked and (entry or not lead) and not body.endswith("?"):
            entries.append(body.rstrip(",;."))
            continue
        if (
            not marked
            and entry
            and (lead or entries or (after[0] and _list_entry(after[0]) and not after[1]))
        ):
            entries.append(body.rstrip(",;."))
            continue
        close()
        if after[1] and not marked and not body.endswith(("?", "!", ".")):
            lead = body + ":"  # 'my favourites' right before '- Heat': the list's lead
            continue
        if words and (words[-1] in _RUNS_ON or words[-1] == ","):
            out.append(body)  # 'I loved Heat and' goes on in the next line
            running = True
        else:
            out.append(body if body.endswith(("?", "!", ".")) else body + ".")
    close()
    return " ".join(out)


def plain_text(text: str) -> str:
    """What the user said without markup: HTML tags and entities, URLs, Markdown emphasis,
    links, code and heading marks are dropped, so none of it becomes a belief."""
    import html

    text = html.unescape(text)
    for pattern, repl in _MARKUP:
        text = pattern.sub(repl, text)
    return " ".join(text.split())


# 'those sound fun', 'looks so cool': approval of what was shown, not a wish for comedy
# 'documentary? no. mystery? yes': a wish asked and answered by the user in one go
_ANSWERED_RE = re.compile(
    r"(^|[.!?,;]\s*)"
    r"(?!(?:what|which|who|how|why|when|where|is|are|was|were|do|does|did|can|could|would|will|"
    r"should|have|has|any|anything|something)\b)"
    # ('Titanic? yeah right', 'Love Actually? yeah no': sarcasm and a softened no say no)
    r"([^.!?,;\d]{2,40}?)\?\s*(?P<a>yeah right|yeah no|hell no|god no|lol no|as if|hard no|"
    r"hard pass|no thanks|no thank you|not for me|not for us|no|nope|nah|no way|pass|yes|yeah|"
    r"yep|yup|sure|"
    r"definitely)"
    # ('horror? 🙅 hard pass': the gesture's 'no', then the words)
    r"(?:[\s,]+(?:hard pass|hard no|hell no|no thanks|no way|nope|nah|pass))?"
    # the answer closes its clause ('drama? no musicals please' says no musicals)
    r"\b(?=\s*(?:[.!,;?]|$|(?:thanks|thank|thx|please|pls|but|and|i|i'm|im|not|tonight|"
    r"today|rn|then)\b))[.!,]?",
    re.IGNORECASE,
)
# 'the animated one, no', 'the last one - nope', 'that one: no way': a pick pointed at and answered
# no in one go, as 'the animated one? no' (then read by _ANSWERED_RE); 'the first one, no wait, the
# second' corrects itself and stays
_PICK_ANSWERED_NO_RE = re.compile(
    r"(^|[.!?;]\s*)((?:the|that|this|those|these)\b[^.!?,;:\-–—]{0,40}?"
    r"\b(?:one|ones|pick|picks|option|film|movie|first|second|third|last|middle|latter|former))"
    r"\s*(?:,|:|\s[-–—]+)\s*(no|nope|nah|no way|no thanks|no thank you|pass|hard pass|hard no|"
    r"not for (?:me|us)|not for me either|not for us either|not my thing|not interested)"
    r"(?=\s*(?:[.!,;?]|$|(?:thanks|thank|thx|please|pls|but|and|lol|haha)\b))",
    re.IGNORECASE,
)
# a reply that only praises in slang: 'lowkey fire', 'these r fire fr', 'all bangers ngl'
_SLANG_APPROVAL_RE = re.compile(
    r"\s*(?:(?:lowkey|ngl|so|straight|absolutely|kinda|tbh|honestly|these|those|they|all|are|r|"
    r"look|looks|lookin|looking|actually|fr)\s+)*(?:fire|bangers?|goated|valid)"
    r"(?:\s+(?:ngl|tbh|fr|lol|frfr|no cap))*[\s.!,]*",
    re.IGNORECASE,
)
_APPROVAL_RE = re.compile(
    r"\b(sound|sounds|look|looks|seem|seems)\s+(?:so\s+|really\s+|very\s+|pretty\s+|quite\s+)?"
    r"(?:fun|good|great|cool|nice|awesome|interesting|amazing|perfect|fine|ok|okay|excellent|"
    r"fantastic|brilliant|promising|intriguing)\b",
    re.IGNORECASE,
)


# '2 and a half hours', 'two and a half hrs' -> '2.5 hours' (the runtime rules read decimals)
_AND_A_HALF_RE = re.compile(
    r"\b(\d+|one|two|three|four|five)\s+and\s+(?:a\s+)?half\s+(hours?|hrs?)\b|"
    # 'max two hours and half', 'two hours and a half'
    r"\b(\d+|one|two|three|four|five)\s+(hours?|hrs?)\s+and\s+(?:a\s+)?half\b",
    re.IGNORECASE,
)
SMALL_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
# 'an hour and a half' -> '1.5 hours'; 'half an hour' -> '30 minutes'
# ('one hour and half', as a learner of English may write it)
_HOUR_AND_A_HALF_RE = re.compile(r"\b(?:an?|one|1)\s+hour\s+and\s+(?:a\s+)?half\b", re.IGNORECASE)
_TOO_SCARED_FOR = re.compile(
    r"\b(i'?m|i am|we'?re|we are|she'?s|he'?s|they'?re)\s+(?:way |far |much |a bit |just |kinda )?"
    r"too\s+(?:chicken|scared|wimpy|squeamish|sensitive|jumpy|easily scared|much of a "
    r"(?:wimp|scaredy[- ]cat|baby|chicken))\s+for\b",
    re.IGNORECASE,
)
# 'less of two hours', 'not longer of 95 minutes', 'older of 2000': 'of' for 'than', as a
# learner of English may write it, before a number
_OF_FOR_THAN_RE = re.compile(
    r"\b(less|shorter|longer|more|older|newer|earlier|later)\s+of\s+"
    r"(?=\d|(?:one|two|three|four|five)\b|an?\s+hours?\b)",
    re.IGNORECASE,
)
_HALF_AN_HOUR_RE = re.compile(r"\bhalf\s+an?\s+hour\b", re.IGNORECASE)
# 'a couple hours max', 'a couple of hours tops': two hours ('a few hours' says no number)
_COUPLE_OF_HOURS_RE = re.compile(r"\ba\s+couple\s+(?:of\s+)?(?=hours?\b|hrs?\b)", re.IGNORECASE)
# one kind wanted over another: 'rather a thriller than a horror movie', 'a drama instead of an
# action movie', 'I'd prefer a comedy over a drama', 'a thriller rather than an action film' ->
# '..., not a horror movie' (the second is the one not wanted)
_RATHER_THAN_RE = re.compile(
    r"\brather\s+(?P<x>(?:(?:watch|see|have|go for)\s+)?(?:a |an |some |the )?[\w' -]{1,30}?)"
    r"\s+than\s+",
    re.IGNORECASE,
)
_PREFER_OVER_RE = re.compile(
    r"(?P<x>\bprefer(?:red|s)?\s+(?:a |an |some |the )?[\w' -]{1,30}?)\s+over\s+"
    r"(?=(?:a |an |the |some )?[a-z])",
    re.IGNORECASE,
)
_INSTEAD_OF_RE = re.compile(r"\b(?:rather than|instead of)\b", re.IGNORECASE)
# 'like the godfather but not as long' -> 'shorter': a comparison said with a negation
_NOT_AS = {
    "long": "shorter",
    "old": "newer",
    "new": "older",
    "recent": "older",
    "short": "longer",
    "lengthy": "shorter",
}
_NOT_AS_RE = re.compile(
    r"\b(?:not (?:as|so|that)|less)\s+(" + "|".join(_NOT_AS) + r")\b(?:\s+as\s+(?:that|it|this))?",
    re.IGNORECASE,
)
# the world wars written out ('world war two', 'the second world war', 'World War I'): one topic
# word, so that 'war' inside the name is not the War genre ('a war movie, nothing about world
# war two' wants war films) and the number is not lost; 'World War Z' is a film and stays
_WORLD_WAR_RE = re.compile(
    r"\b(?:the\s+)?(?:world\s+war\s*(?P<a>two|2|ii)|(?P<b>second)\s+world\s+war|"
    r"world\s+war\s*(?P<c>one|1|(?-i:I))|(?P<d>first)\s+world\s+war)(?![\w'-])",
    re.IGNORECASE,
)
_ONES = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen"]
_TEENS += ["eighteen", "nineteen"]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_NUMBER_WORD = "|".join(sorted(_ONES + _TEENS + _TENS + ["a", "an", "hundred"], key=len)[::-1])
# a spelled-out number before a unit the constraint rules read ('ninety minutes max', 'a hundred
# and twenty minutes', 'seven stars'): written as digits; 'the second one' and 'one like it' stay
_SPELLED_RE = re.compile(
    rf"\b((?:(?:{_NUMBER_WORD})(?:[\s-]+(?:and[\s-]+)?)?)+)"
    r"(?=(?:minutes?|mins?|hours?|hrs?|stars?|out of ten|years?[\s-]+olds?|yo)\b)",
    re.IGNORECASE,
)


_ONES_ALT = "|".join(_ONES)
_TEENS_ALT = "|".join(sorted(_TEENS, key=len, reverse=True))
_TENS_ALT = "|".join(_TENS)
_DECADES = {w[:-1] + "ies": 20 + 10 * k for k, w in enumerate(_TENS)}  # 'seventies' -> 70
# a year said in words ('before nineteen seventy', 'from nineteen eighty-five', 'after twenty
# twelve', 'two thousand and five', 'the nineteen nineties') -> digits, which the year rules read
_YEAR_BODY = (
    rf"(?:(?P<c>nineteen|twenty)[\s-]+(?:(?P<dec>{'|'.join(_DECADES)})|(?P<t>{_TENS_ALT})"
    rf"(?:[\s-]+(?P<o>{_ONES_ALT}))?|(?P<teen>{_TEENS_ALT})|(?P<oh>oh|o)[\s-]+(?P<o2>{_ONES_ALT}))"
    rf"|two[\s-]+thousand(?:[\s-]+and)?(?:[\s-]+(?P<mo>{_ONES_ALT}|{_TEENS_ALT}))?)\b"
)
# a year said in words anywhere, with no word before it ('i loved nineteen seventeen')
SPOKEN_YEAR_RE = re.compile(rf"\b(?P<pre>){_YEAR_BODY}", re.IGNORECASE)
# a number said in words ('apollo thirteen', 'toy story three')
SPOKEN_NUMBER_RE = re.compile(
    rf"\b(?P<n>(?:{_TENS_ALT})(?:[\s-]+(?:{_ONES_ALT}))?|{_TEENS_ALT}|{_ONES_ALT})\b", re.IGNORECASE
)
_YEAR_WORDS_RE = re.compile(
    # ('from like nineteen ninety five': a hedge after the preposition)
    r"\b(?P<pre>(?:(?:from|to|until|till|between|and) like|roughly|approximately|"
    r"before|after|from|since|in|until|till|than|the|pre|post|between|and|to|or|"
    r"around|circa|about|early|late|mid|made|released|older|newer)[\s-]+)"
    rf"(?:(?P<c>nineteen|twenty)[\s-]+(?:(?P<dec>{'|'.join(_DECADES)})|(?P<t>{_TENS_ALT})"
    rf"(?:[\s-]+(?P<o>{_ONES_ALT}))?|(?P<teen>{_TEENS_ALT})|(?P<oh>oh|o)[\s-]+(?P<o2>{_ONES_ALT}))"
    rf"|two[\s-]+thousand(?:[\s-]+and)?(?:[\s-]+(?P<mo>{_ONES_ALT}|{_TEENS_ALT}))?)\b",
    re.IGNORECASE,
)
# a verdict on a part of a film is a verdict on the film: 'loved the twist in the sixth sense',
# 'hated the ending of lost highway' -> 'loved the sixth sense' (the part is no topic)
_ASPECT_RE = re.compile(
    r"\b(?P<v>loved|liked|enjoyed|adored|hated|disliked|love|like|enjoy|adore|hate|dislike)"
    r"\s+(?:the|that|its)\s+(?:(?:big|final|whole|last|main)\s+)?(?:twist|twists|ending|end|"
    r"soundtrack|score|music|acting|cast|plot|story|storyline|visuals|cinematography|effects|"
    r"dialogue|dialog|characters|villain|humou?r|jokes|cgi|pacing|atmosphere|vibe|vibes)"
    r"\s+(?:in|of|from)\s+(?=\w)",
    re.IGNORECASE,
)
# 'an hour and forty five', 'one hour and 20 minutes' -> minutes
# 'an hour and ten minutes', 'an hour forty five', 'two hours twenty' (said aloud) -> minutes
_HOUR_AND_RE = re.compile(
    r"\b(?P<h>an|one|1|two|2|three|3)\s+(?:hours?|hrs?)\s+(?P<and>and\s+)?"
    rf"(?P<m>(?:{_TENS_ALT})(?:[\s-]+(?:{_ONES_ALT}))?|"
    rf"{_TEENS_ALT}|{_ONES_ALT}|\d{{1,2}})(?:\s*(?:minutes?|mins?))?\b",
    re.IGNORECASE,
)


def _hour_and_minutes(m: re.Match[str]) -> str:
    """'an hour forty five' -> '105 minutes'; without 'and' only ten minutes or more ('two hours
    one' stays)."""
    hours = 1 if m["h"].lower() in ("an", "one", "1") else _small_number(m["h"])
    minutes = _small_number(m["m"])
    if hours < 1 or (not m["and"] and minutes < 10) or minutes >= 60:
        return m.group(0)
    return f"{60 * hours + minutes} minutes"


# 'an hour and three quarters', 'two hours and a quarter' -> '105 minutes', '135 minutes'
_HOUR_AND_QUARTER_RE = re.compile(
    r"\b(?P<h>an?|one|two|three|1|2|3)\s+hours?\s+and\s+(?:an?\s+)?"
    r"(?P<q>quarter|three[\s-]quarters)(?:\s+of\s+an\s+hour)?\b",
    re.IGNORECASE,
)
# 'seven and a half', '6 and a half' (a rating; hours are read by _AND_A_HALF_RE first)
_POINT_FIVE_RE = re.compile(
    rf"\b(?P<n>{_ONES_ALT}|ten|\d)\s+and\s+a\s+half\b(?!\s*(?:hours?|hrs?|stars?|mins?))",
    re.IGNORECASE,
)


def _small_number(word: str) -> int:
    """'forty five' -> 45, 'twelve' -> 12, '7' -> 7 (up to ninety-nine)."""
    total = 0
    for w in re.split(r"[\s-]+", word.lower()):
        if w.isdecimal():
            total += int(w)
        elif w in _TENS:
            total += 20 + 10 * _TENS.index(w)
        elif w in _TEENS:
            total += 10 + _TEENS.index(w)
        elif w in _ONES:
            total += 1 + _ONES.index(w)
        elif w == "ten":
            total += 10
    return total


# clock times in words where a time of day is said ('leave at eleven', 'it's half past nine',
# 'until quarter to ten', 'by nine thirty') -> '11:00', '9:30', '9:45', '9:30', so the clock
# rows read them
_HOURS = {w: n for n, w in enumerate([*_ONES, "ten", "eleven", "twelve"], start=1)}
_HOUR_ALT = "|".join(sorted(_HOURS, key=len, reverse=True))
_CLOCK_WORDS_RE = re.compile(
    r"\b(?P<pre>at|by|until|till|til|before|it'?s|it is|start(?:s|ing)?|begin(?:s|ning)?|from)"
    r"\s+(?:about\s+|around\s+|already\s+)?"
    rf"(?:(?:a\s+)?(?P<half>half|quarter)\s+(?P<rel>past|to|after)\s+(?P<h1>{_HOUR_ALT})"
    rf"|(?P<h2>{_HOUR_ALT})(?:\s+(?P<mins>thirty|fifteen|forty[\s-]five|o'?clock))?)\b"
    r"(?!\s*(?:years?|yrs?|yo|y/o|minutes?|mins?|hours?|hrs?|stars?|of|films?|movies?)\b)",
    re.IGNORECASE,
)


# what makes a number word a time of day: a start, an end or 'now' said in the message
_CLOCK_CONTEXT = re.compile(
    r"\b(?:start|starts|starting|begin|begins|finish|finished|done|leave|leaves|bed|now|until|"
    r"till|o'?clock|half past|quarter (?:past|to)|tonight|late|lights out|home by)\b",
    re.IGNORECASE,
)


def _clock_in_words(m: re.Match[str]) -> str:
    """'at half past nine' -> 'at 9:30'; 'until quarter to ten' -> 'until 9:45'."""
    if m["half"]:
        hour = _HOURS[m["h1"].lower()]
        past = 30 if m["half"].lower() == "half" else 15
        if m["rel"].lower() == "to":
            hour, past = (hour - 2) % 12 + 1, 60 - past
        return f"{m['pre']} {hour}:{past:02d}"
    mins = (m["mins"] or "").lower().replace("-", " ")
    past = {"thirty": 30, "fifteen": 15, "forty five": 45}.get(mins, 0)
    return f"{m['pre']} {_HOURS[m['h2'].lower()]}:{past:02d}"


# degree words a verdict phrase may carry inside it: 'left me completely cold', 'was really
# not my thing', 'went way over my head'
_INSIDE_CUES = frozenset(
    [
        "completely",
        "totally",
        "utterly",
        "really",
        "rather",
        "pretty",
        "quite",
        "so",
        "absolutely",
        "just",
        "kinda",
        "honestly",
        "entirely",
        "way",
        "fully",
        "much",
    ]
)


def phrase_end(words: Sequence[str], i: int, phrase: tuple[str, ...]) -> int:
    """The end (exclusive) of `phrase` read at words[i:], degree words allowed between its
    words ('left me completely cold' for 'left me cold'); i when it does not match there."""
    if tuple(words[i : i + len(phrase)]) == phrase:
        return i + len(phrase)
    if len(phrase) < 2 or words[i : i + 1] != [phrase[0]]:
        return i
    k = i + 1
    for w in phrase[1:]:
        while k < len(words) and words[k] != w and words[k] in _INSIDE_CUES:
            k += 1
        if k >= len(words) or words[k] != w:
            return i
        k += 1
    return k


def year_in_words(m: re.Match[str]) -> str:
    """The year of a _YEAR_WORDS_RE match as digits, after the word that said it is a year
    ('nineteen eighty-four was great' names the film: no such word before it)."""
    pre = m.group("pre")
    if m.group("c") is None:  # 'two thousand (and) five'
        return pre + str(2000 + (_small_number(m.group("mo")) if m.group("mo") else 0))
    century = 1900 if m.group("c").lower() == "nineteen" else 2000
    if m.group("dec"):
        return f"{pre}{century + _DECADES[m.group('dec').lower()]}s"
    if m.group("oh"):
        return pre + str(century + _small_number(m.group("o2")))
    rest = m.group("teen") or " ".join(x for x in (m.group("t"), m.group("o")) if x)
    return pre + str(century + _small_number(rest))


def spoken_number(words: str) -> int:
    """'thirteen' -> 13, 'twenty-one' -> 21, 'three' -> 3 (a SPOKEN_NUMBER_RE match)."""
    return int(_small_number(words))


def _spelled_number(m: re.Match[str]) -> str:
    """'ninety ' -> '90 ', 'a hundred and twenty ' -> '120 ', 'twenty-five ' -> '25 '; a phrase
    that is no number ('a ', 'an ') is left as it is."""
    words = [w for w in re.split(r"[\s-]+", m.group(1).lower()) if w and w != "and"]
    current, seen = 0, False
    for w in words:
        if w in ("a", "an"):
            continue  # 'a hundred' is 100 below; 'a four star drama' is 4, not 1 + 4
        seen = True
        if w == "hundred":
            current = max(current, 1) * 100
        elif w in _TENS:
            current += 20 + 10 * _TENS.index(w)
        elif w in _TEENS:
            current += 10 + _TEENS.index(w)
        else:
            current += 1 + _ONES.index(w)
    if not seen or current <= 0:
        return m.group(0)
    if words[0] in ("a", "an") and words[1:2] != ["hundred"]:
        return f"{words[0]} {current} "  # 'a three hour epic': the article stays
    return f"{current} "


def _and_a_half(m: re.Match[str]) -> str:
    n = (m.group(1) or m.group(3)).lower()
    return f"{SMALL_NUMBERS.get(n) or int(n)}.5 hours"


def _one_edit(a: str, b: str) -> bool:
    """Whether a and b differ by exactly one insertion, deletion, substitution or swap of two
    neighbouring letters (Damerau-Levenshtein distance 1)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [k for k in range(len(a)) if a[k] != b[k]]
        return len(diff) == 1 or (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    short, long = (a, b) if len(a) < len(b) else (b, a)
    k = next((k for k in range(len(short)) if short[k] != long[k]), len(short))
    return short[k:] == long[k + 1 :]


def _cue_typo(m: re.Match[str]) -> str:
    """'liekd' -> 'liked', 'wacthed' -> 'watched': a rare word (wordfreq Zipf below 2) one
    edit away from a verdict or watching word (CUE_SPELLINGS). 'realy' -> 'really',
    'absolutley' -> 'absolutely', 'somthing' -> 'something': a word of five letters or more
    (Zipf below 3) one edit away from a longer qualifying word (ADVERB_SPELLINGS) that is at
    least 2.5 Zipf more frequent, with the same first letter, no letters added at its end
    ('favorited', 'horribles' are words) and a changed letter (not two swapped) only in a very
    rare word ('witching', 'tonally', 'provably' are words). Other words stay as typed."""
    from wordfreq import zipf_frequency

    word = m.group(0)
    low = word.lower()
    zipf = zipf_frequency(low, "en")
    if zipf < 2.0 and len(low) <= 9:
        cue = next((cue for cue in CUE_SPELLINGS if _one_edit(low, cue)), None)
        if cue is not None:
            return cue
    if zipf >= 3.0 or len(low) < 5:
        return word
    for cue in ADVERB_SPELLINGS:
        if (
            cue[0] == low[0]
            and _one_edit(low, cue)
            and not low.startswith(cue)
            and (len(low) != len(cue) or sorted(low) == sorted(cue) or zipf < 1.5)
            and zipf_frequency(cue, "en") - zipf >= 2.5
        ):
            return cue
    return word


_WORD_RE = re.compile(r"(?<![\w'])[A-Za-z]{4,12}(?![\w'])")
# a word with a letter said three times or more: 'loooved', 'sooo', 'pleeease', 'yesss'
_ELONGATED_RE = re.compile(r"(?<![\w'])[A-Za-z]*([A-Za-z])\1\1[A-Za-z]*(?![\w'])", re.IGNORECASE)
_ROMAN_LETTERS = frozenset("ivxlcdm")


def _unelongated(m: re.Match[str]) -> str:
    """'loooved' -> 'loved', 'sooo' -> 'so', 'gooood' -> 'good', 'pleeease' -> 'please': each
    run of three or more of one letter becomes one or two of it, whichever spelling is the more
    frequent English word (wordfreq Zipf); roman numerals ('Rocky III') and 'www' stay."""
    from wordfreq import zipf_frequency

    word = m.group(0)
    if set(word.lower()) <= _ROMAN_LETTERS or word.lower() == "www":
        return word
    runs = [(r.start(), r.end()) for r in re.finditer(r"([A-Za-z])\1\1+", word, re.IGNORECASE)]
    best, best_zipf = word, -1.0
    for widths in itertools.product((1, 2), repeat=min(len(runs), 4)):
        out, at = [], 0
        for (lo, hi), width in zip(runs, widths, strict=False):
            out.append(word[at:lo] + word[lo : lo + width])
            at = hi
        candidate = "".join(out) + word[at:]
        zipf = zipf_frequency(candidate.lower(), "en")
        if zipf > best_zipf:
            best, best_zipf = candidate, zipf
    # 'clueless tooo': a stretched word is an emphasised one, which 'to' never is
    return _STRETCHED.get(best.lower(), best)


_STRETCHED = {"to": "too"}


_NEG_AUX = r"(?:didn'?t|did not|don'?t|do not|doesn'?t|does not|never)"


_GRADE = (
    # ('i gave memento a 10': a bare number after 'a' is out of ten)
    r"(?:a\s+(?P<n10a>10|[0-9](?:\.5)?)(?![\w/%:-])(?!\.\d)(?!\s*(?:hours?|hrs?|h|minutes?|mins?|"
    r"years?|yrs?|yo|times?|days?|weeks?|months?|pm|am|people|of|x|-|and a half)\b)|"
    r"(?:a\s+)?(?:(?P<n5>[0-5](?:\.5)?|zero|one|two|three|four|five)(?:\s*/\s*5\b|\s+stars?\b"
    r"(?:\s+out of\s+(?:5|five)\b)?|\s+out of\s+(?:5|five)\b)|(?P<n10>10|[0-9](?:\.5)?)\s*"
    r"(?:/\s*10|out of\s+(?:10|ten))\b))"
)
_GRADE_GIVEN_RE = re.compile(
    r"\b(?P<who>(?:i|we|i'd|we'd|i would|we would|i'll|my \w+|our \w+)\s+)?(?:gave|give|rated|"
    r"rate|would give|would rate)\s+(?P<x>(?!(?:me|us|you|it|that|this|them|something|anything|"
    # ('a drama rated at least 8/10' is a limit)
    r"films?|movies?|at|above|over|under|below|more|less|higher|lower|min|minimum|no|not|only|"
    r"just|around|about|roughly)\b)[^,.;!?]{1,40}?)\s+" + _GRADE,
    re.IGNORECASE,
)
_PICK = (
    r"(?:the\s+)?(?:first|second|third|fourth|fifth|last|middle|1st|2nd|3rd|4th|5th)"
    r"(?:\s+(?:one|film|movie|pick))?|#\d|number \d|it|that one|this one|that|this"
)
# a grade given to a pick: '4 stars for the second one', 'the third one: 2 stars at best',
# "i'd give it 5 stars"
_PICK_GRADE_RES = (
    re.compile(rf"\b{_GRADE}\s+(?:for|to)\s+(?P<x>{_PICK})\b", re.IGNORECASE),
    re.compile(
        rf"(?:(?<=^)|(?<=[,.;!?])\s*|\b(?:and|but)\s+)(?P<x>{_PICK})\s*[:,-]?\s*{_GRADE}",
        re.IGNORECASE,
    ),
    re.compile(
        rf"\b(?P<who>(?:i|we|i'd|we'd|i would|we would|i'll)\s+)?(?:gave|give|rated|rate|"
        rf"would give|would rate)\s+(?P<x>{_PICK}|them)\s+{_GRADE}",
        re.IGNORECASE,
    ),
)
# a grade given to a film named after it: 'two stars for Cast Away', '9/10 for Heat, 3/10 for
# Cats' (the name typed with a capital: '4 stars for tonight' or 'for a comedy' grade nothing)
_GRADE_FOR_RE = re.compile(
    rf"\b{_GRADE}\s+for\s+(?P<x>(?-i:[A-Z])[^,.;!?]{{0,40}}?)(?=\s*(?:$|[,.;!?]|\b(?:and|but)\b))",
    re.IGNORECASE,
)
_ELIDED_GRADE_RE = re.compile(
    rf"\b(?P<who>(?:but|and|while|whereas)\s+)(?P<x>[^,.;!?]{{1,40}}?)\s+{_GRADE}", re.IGNORECASE
)


_STAR_GLYPHS_RE = re.compile(r"(?:★|⭐){2,5}☆*|★☆*")
_NAMED_THUMB_RE = re.compile(r"(?<=[\w)'!?.])[ \t]*(?:👍|👎)+(?:\ufe0f)?")
# a score: '9/10', '4 outta 10', '2 stars', '3/5', '85/100', a letter grade ('A+', 'a C') or a
# bare number after a word that grades ('a 9', 'solid 8', 'a perfect 10'; see _graded)
_SCORE = (
    r"(?:(?P<n10>10|[0-9](?:\.5)?)\s*(?:/\s*10|out\s*of\s*(?:10|ten)|outta\s*(?:10|ten)|of 10)\b"
    r"|(?P<n5>[0-5](?:\.5)?|zero|one|two|three|four|five)\s*(?:/\s*5\b|stars?\b(?:\s+out of\s+"
    r"(?:5|five)\b)?|out\s*of\s*(?:5|five)\b|outta\s*(?:5|five)\b)"
    r"|(?P<n100>100|[0-9]{1,2})\s*/\s*100\b"
    r"|(?P<g>[A-DF][+-]?)(?![\w+-])"
    r"|(?P<n>10|[0-9](?:\.5)?)(?![\w/%:-])(?!\.\d))"
)
# what may follow a score given as a verdict ('a 4 star drama', 'rated 8 or more' are limits)
_SCORE_END = (
    r"(?=\s*(?:$|[,.;:!?)(—–-]|\b(?:for|from|at|maybe|honestly|tbh|imo|imho|lol|though|tho|and|"
    r"but|or|easily|easy|tops|in|on|already|then|too|ngl|fr|really|probably|so|max|if|because|"
    r"cuz|since|while|whereas|yet|i|we|it|that|this|the|my|our|genre|territory|level|kind|"
    r"sort|type)\b"
    r"|\s(?=[A-Z])))"
    r"(?!\s*(?:or|and)\s+(?:more|better|higher|above|up|over)\b)(?!\s*\+)"
    r"(?!\s*(?:at least|minimum|min|at a minimum|plus|or so)\b)"
)
# words before a score that grade with it ('a solid 8', 'a perfect 10', 'more of a C')
_GRADING = (
    r"(?P<q>(?:(?:like|more like|more of|maybe|probably|honestly|easily|only|just|barely|still|an?"
    r"|solid|perfect|flat|hard|easy|strong|weak|generous|firm|clear|straight)\s+)*)"
)
# a score after 'is', 'was', 'are', "'s" ('cars 2 is a 2/10', 'pixar is a solid A for me')
_SCORE_AFTER_COPULA_RE = re.compile(
    r"(?P<c>\b(?:is|was|are|were|'s|seems?|feels?|felt|looks?|sounds?|gets?|got|earns?|"
    r"deserves?))\s+" + _GRADING + _SCORE + _SCORE_END
)
# a score right after what it grades ('Heat 9/10', 'ronin maybe a 4 outta 10', 'Jaws A+')
_SCORE_AFTER_NAME_RE = re.compile(
    r"(?<![\s,.;:!?])(?P<c>\s*[:?.,-]?\s+)" + _GRADING + _SCORE + _SCORE_END
)
# words before a score that make it a limit or something else ('at least 8/10', 'top 10')
_NO_VERDICT_BEFORE = re.compile(
    r"\b(?:least|over|above|than|rated|rating|ratings|min|minimum|only|with|under|below|max|most|"
    r"top|around|about|imdb|score|scores|scored|scoring|has|have|had|plan|part|episode|chapter|"
    r"vol|volume|class|grade|type|group|vitamin|rate|rates|critics|reviewers|reviews|reviewed|"
    r"metacritic|rotten|tomatoes|letterboxd|audiences?|people|viewers|users|average|avg)\W*$",
    re.IGNORECASE,
)
# ... and words right before a score with no verb between that make it a limit ('something
# 8/10', 'movies 7/10 and up'; 'heist films are a 10' is a verdict)
_NO_VERDICT_RIGHT_BEFORE = re.compile(
    r"\b(?:something|anything|stuff|films?|movies?|ones)\W*$", re.IGNORECASE
)
# the kinds of film a score may follow ('straight horror a D', 'heist films a 10')
_KIND_BEFORE_SCORE = re.compile(
    r"\b(?:films|movies|flicks|stuff|dramas|comedies|thrillers|westerns|romcoms|musicals|"
    r"documentaries|horror|action|sci-fi|anime|animation|cartoons|biopics|sequels|remakes|"
    r"superhero|heist|crime|romance|war|genre)$",
    re.IGNORECASE,
)
_MASS_KINDS = frozenset(
    ("stuff", "horror", "action", "sci-fi", "anime", "animation", "superhero", "heist", "crime")
    + ("romance", "war", "genre")
)
# a letter grade -> its share of the best grade
_LETTER_SHARE = {"A": 0.95, "B": 0.8, "C": 0.6, "D": 0.35, "F": 0.1}


def _score_share(m: re.Match[str]) -> float:
    """The score matched by _SCORE as a share of the best one (0..1)."""
    if m["n10"] or m["n"]:
        return float(m["n10"] or m["n"]) / 10
    if m["n5"]:
        said = m["n5"].lower()
        return (float(said) if said[0].isdigit() else SMALL_NUMBERS.get(said, 0)) / 5
    if m["n100"]:
        return float(m["n100"]) / 100
    grade = m["g"]
    return _LETTER_SHARE[grade[0]] + (
        0.04 if grade.endswith("+") else -0.04 if grade.endswith("-") else 0
    )


# 'my top 3 pixar: 1. up 2. ratatouille 3. finding nemo': a list numbered from 1 in order
_RANKED_LIST_RE = re.compile(
    r"(?:^|(?<=[\s:]))1[.)]\s+(?P<a>.+?)\s+2[.)]\s+(?P<b>.+?)"
    r"(?:\s+3[.)]\s+(?P<c>.+?))?(?:\s+4[.)]\s+(?P<d>.+?))?(?:\s+5[.)]\s+(?P<e>.+?))?"
    r"(?=\s*(?:$|[.!?;]\s|[.!?;]$))"
)
# 'Die Hard over Lethal Weapon any day': the first is liked, nothing bad said of the other
_ANY_DAY_RE = re.compile(
    r"(?P<x>\b[^,.;!?]{2,40}?)\s+over\s+(?P<y>[^,.;!?]{2,40}?)\s+any\s?day\b", re.IGNORECASE
)


_SCORE_ALONE_RE = re.compile(
    r"^\s*(?:(?:i'?d|i would) (?:say|give it)\s+)?"
    + _GRADING
    + _SCORE
    + r"\s*(?:for me|from me|tbh|honestly|imo)?\s*[.!]*\s*$"
)


def _score_alone(m: re.Match[str]) -> str:
    """'8/10' alone -> 'loved it'; a bare number ('8') or letter ('B') alone stays as it is."""
    if m["n"] or (m["g"] and len(m["g"]) == 1):
        return m[0]
    share = _score_share(m)
    return "loved it" if share >= 0.8 else "watched it" if share >= 0.5 else "hated it"


def _ranked_list(m: re.Match[str]) -> str:
    """'1. up 2. ratatouille 3. finding nemo' -> 'up, ratatouille and finding nemo' (the
    numbers are places in the list, never titles such as 2 or 3)."""
    said = [x.strip().rstrip(",") for x in m.groups() if x]
    return ", ".join(said[:-1]) + " and " + said[-1]


# the words that make a bare number or letter after them a grade ('a 9', 'solid 8', 'like a C')
_GRADE_WORDS = frozenset(("a", "an", "solid", "perfect", "flat", "like"))


def _graded(m: re.Match[str]) -> bool:
    """The match is a score given as a verdict: a bare number or letter only after a word that
    grades ('a 9', 'solid 8', 'an F'; a letter with + or - alone: 'Jaws A+'), a letter only as
    typed in capitals, and nothing before it that makes it a limit ('at least 8/10')."""
    said = m["c"]
    if "," in said:
        # 'Toy Story, 2 out of 10', 'seen the first one, 9/10'; 'a thriller, 7 out of 10' is
        # a limit on the kind asked for
        said_before = m.string[: m.start()].split()
        last = said_before[-1] if said_before else ""
        if not (last[:1].isupper() or last[:1].isdigit() or last.lower() in ("one", "it", "that")):
            return False
    if m["n"] or (m["g"] and len(m["g"]) == 1):
        if ("," in said or "." in said or "?" in said) and not {"solid", "perfect", "flat"} & set(
            m["q"].split()
        ):
            return False  # 'Heat, 8 of us went': only a score written as one ('Heat, 8/10')
        if not set(m["q"].split()) & _GRADE_WORDS and not re.search(r"[:-]", said):
            return False  # 'die hard 2', 'Easy A', 'Plan B': titles ('Predator: F' grades)
    if m["g"] and m["g"][0] not in "ABCDF":
        return False
    before = m.string[: m.start()]
    if m.re is _SCORE_AFTER_NAME_RE and _NO_VERDICT_RIGHT_BEFORE.search(before):
        return False
    return not _NO_VERDICT_BEFORE.search(before)


def _score_after_copula(m: re.Match[str]) -> str:
    """'cars 2 is a 2/10' -> 'cars 2 is awful'; 8 of 10 (4 stars, a B) and up 'great', from
    half up seen with no verdict, else 'awful' (the cut-offs of _grade_given)."""
    if not _graded(m):
        return m[0]
    share = _score_share(m)
    if 0.5 <= share < 0.8 or m["c"][:1] in "gGeEdD":
        # ('the matrix reloaded gets a D from me': the grade, said after the name)
        return _score_after_name(m)  # 'cars is a 6/10': seen, no verdict ('cars (watched it)')
    return f"{m['c']} {'great' if share >= 0.8 else 'awful'}"


def _score_after_name(m: re.Match[str]) -> str:
    """'Heat 9/10' -> 'Heat (loved it)'; 'cars a 5 maybe' -> 'cars (watched it)'."""
    if not _graded(m):
        return m[0]
    share = _score_share(m)
    kind = _KIND_BEFORE_SCORE.search(m.string[: m.start()])
    if kind is not None:
        # 'straight horror a D', 'heavy romance dramas more like a 4': a verdict on a kind
        # ('are awful'), not a film seen; a middling one says nothing of it
        if 0.5 <= share < 0.8:
            return m[0]
        verb = "is" if kind[0].lower() in _MASS_KINDS else "are"
        return f" {verb} {'great' if share >= 0.8 else 'awful'}"
    said = "loved it" if share >= 0.8 else "watched it" if share >= 0.5 else "hated it"
    # said in brackets after the name, as a verdict aside ('Jaws (loved it), Jaws 2 (watched
    # it)': each bracket is its own name's, no verdict spills onto the next)
    rest = m.string[m.end() :].lstrip()
    return f" ({said})" + ("" if not rest or rest[0] in ",.;:!?)" else ",")


def _grade_given(m: re.Match[str]) -> str:
    """'i gave heat 5 stars' -> 'i loved heat'; under half the best grade (2 of 5, 4 of 10) ->
    'disliked'; from half (5 of 10, 2.5 stars: middling) to under 8 of 10 -> 'watched' (seen, no
    verdict); 8 of 10 (4 stars) and up -> 'loved'."""
    if m["n5"]:
        said = m["n5"].lower()
        share = (float(said) if said[0].isdigit() else SMALL_NUMBERS.get(said, 0)) / 5
    else:
        share = float(m["n10"] or m["n10a"]) / 10
    verdict = "loved" if share >= 0.8 else "watched" if share >= 0.5 else "disliked"
    who = m.groupdict().get("who") or "i "
    return f"{who}{verdict} {m['x']}"


def _grade_for(m: re.Match[str]) -> str:
    """'two stars for Cast Away' -> 'i disliked Cast Away' (as _grade_given); not a limit asked
    for ('something with 4 stars for Friday', 'rated at least 8/10 for Heat fans')."""
    if re.search(r"\b(?:with|rated|least|over|above|min|minimum|than)\s+$", m.string[: m.start()]):
        return m[0]
    return _grade_given(m)


_WHOSE_IDIOM_RE = re.compile(
    r"(?P<a>\b(?:not|n't|isn'?t|aren'?t|wasn'?t|weren'?t|hardly|scarcely|never|more|really|exactly|"
    r"just|very much)\s+"
    r"(?:really\s+|quite\s+|exactly\s+|at all\s+)?)(?:their|his|her|our|your|[a-z]+'s)\s+"
    r"(?P<b>cup of tea|thing|jam|kind of (?:film|movie|thing))\b",
    re.IGNORECASE,
)
_RELAYED_QUESTION_RE = re.compile(
    r"(?:^|(?<=[.!?;])\s*)(?:(?:my|our|the) )?[\w'-]+(?: and [\w'-]+)?\s+(?:asks|asked|is asking|"
    r"was asking|wants to know|wanted to know|wonders|is wondering|was wondering)"
    r"(?:\s*[:,-]\s*|\s+)(?P<if>(?:if|whether)\s+)?(?P<q>[^.!?]+)\??",
    re.IGNORECASE,
)
_RELAYED_INVERSION_RE = re.compile(
    r"^(?P<subj>.+?)\s+(?P<aux>is|was|are|were|has|have|had|does|do|did|will|would|can|could|"
    r"should)\s+(?P<rest>.+)$",
    re.IGNORECASE,
)


_BLACK_AND_WHITE_RE = re.compile(
    r"(?<![\w&/])b\s*(?:&|/|\+|'?n'?|and)\s*w(?![\w&/])|\bbla(?:c?k)\s*(?:&|\+|'?n'?|-n-)\s*"
    r"whi?te\b|\bmonochrome\b",
    re.IGNORECASE,
)
_IN_COLOUR_RE = re.compile(
    r"\b(?:(?:shot|filmed|made) )?in (?:full )?colou?r\b(?! (?:grading|palette|scheme)\b)|"
    r"\bcolou?r(?= (?:films?|movies?|ones?|pictures?)\b)",
    re.IGNORECASE,
)
_ASKS_RE = re.compile(r"\s*(?:is|are|was|were|does|do|did|which|what|how)\b", re.IGNORECASE)
# an indirect question wrapped in a polite frame: 'can you tell me if Heat is long?', 'any idea
# what year Jaws came out?', 'do you know what Alien is about?', 'I wonder how long Titanic is',
# 'mind telling me the year of Casablanca?' (the frame asks nothing of its own)
_EMBEDDED_QUESTION_RE = re.compile(
    r"(?P<pre>^|(?<=[.!?;,:\-\u2013\u2014])\s*|\b(?:so|ok|okay|hey|hmm|also|but|and|oh|btw)\s+)"
    r"(?:(?:please|pls|plz)\s+)?"
    r"(?P<frame>(?:i\s+)?(?:wonder|was\s+wondering|am\s+wondering|don'?t\s+suppose)\s+(?:if|whether)"
    r"\s+(?:you|u)\s+(?:could|can|would|might)\s+(?:possibly\s+|please\s+)?(?:tell|let|remind)\s+"
    r"(?:me|us)(?:\s+know)?|"
    r"(?:can|could|would|will|might)\s+(?:you|u|ya)\s+(?:please\s+|pls\s+|maybe\s+|possibly\s+)?"
    r"(?:tell|let|remind)\s+(?:me|us)(?:\s+know)?|(?:tell|let|remind)\s+(?:me|us)(?:\s+know)?|"
    r"(?:(?:do|did|would|does|d'|wouldn'?t|i\s+don'?t\s+suppose)\s*)?(?:you|u|ya|anyone|anybody|"
    r"somebody)\s+(?:(?:would\s+|wouldn'?t\s+)?happen\s+to\s+)?know|"
    r"(?:i'?d|i\s+would)\s+be\s+(?:curious|interested|glad)\s+to\s+(?:hear|know|learn)|"
    r"(?:i'?d|i\s+would)\s+like\s+to\s+(?:hear|learn)|(?:pray\s+)?tell\s+me|(?:(?:do\s+you\s+|you\s+)?(?:have|got)\s+)?any\s*idea|no\s+idea|"
    r"i\s+(?:wonder|wondered|was\s+wondering|am\s+wondering)|i'm\s+wondering|"
    r"(?:just\s+)?wondering|i(?:'d|\s+would)\s+(?:like|love)\s+to\s+know|"
    r"i\s+(?:want|wanna|need)\s+to\s+know|(?:i'm\s+|i\s+am\s+)?curious(?:\s+to\s+know)?|"
    r"(?:(?:do|would)\s+you\s+)?mind\s+(?:telling|saying|reminding)\s+(?:me|us)|"
    r"(?:can|could)\s+(?:you|u)\s+(?:check|find\s+out|look\s+up|say))\s*,?\s+"
    r"(?:(?P<if>if|whether)\s+|(?P<about>(?:a\s+(?:little|bit)|more|something)\s+about\s+)|"
    r"(?P<np>the\s+(?:year|release\s+(?:date|year)|runtime|run\s*time|"
    r"running\s+time|length|rating|score|genres?|director|plot|story|premise)\s+(?:of|for)\s+)|"
    r"(?=(?:what|when|who|how|which|why|where)\b))"
    r"(?P<q>[^.!?]+)\??",
    re.IGNORECASE,
)
_POLITE_OPENER_RE = re.compile(
    # 'Tell me, is Doctor Zhivago terribly long?': the question follows the comma
    r"\b(?:pray\s+)?tell\s+me\s*,\s*(?=(?:is|are|was|were|does|did|do|has|have|how|what|who|when|"
    r"where|why|which)\b)|"
    r"\bi\s+don'?t\s+suppose\s+(?=(?:you|u|there|anyone|it)\b(?!\s+(?:happen\s+to\s+)?know\b))|"
    r"\b(?:is\s+there\s+)?any\s+chance\s+(?:of\s+|that\s+)?(?=\w)",
    re.IGNORECASE,
)
_TRAILING_FRAME_RE = re.compile(
    r"(?<=\w)\s*,?\s*(?:do|d')?\s*(?:you|u) (?:happen to )?know\s*\?+|(?<=\w)\s*,?\s*any idea"
    r"\s*\?+|(?<=\w)\s*,\s*by any chance\s*\?+",
    re.IGNORECASE,
)
# the subject and verb of an indirect wh-question: 'what Alien is about' -> 'what is Alien
# about', 'how long Titanic is' -> 'how long is Titanic'
_EMBEDDED_WH_RE = re.compile(
    r"^(?P<wh>(?:what|which)(?:\s+(?:year|decade|genre|kind\s+of\s+[\w-]+|sort\s+of\s+[\w-]+|"
    r"rating|language|country))?|how(?:\s+(?:long|old|scary|violent|gory|good|bad|sad|funny|"
    r"many\s+\w+|much))?|when|where|why)\s+(?P<subj>(?!(?:is|was|are|were|does|did|do)\b)\S.*?)"
    r"\s+(?P<aux>is|was|are|were)\b(?P<rest>.*)$",
    re.IGNORECASE,
)
# the user's own plans are no fact about a film: 'I wonder what I should watch', 'any idea what
# to watch tonight?', 'can you tell me what you'd pick' stay as they are
_EMBEDDED_OWN_RE = re.compile(
    r"\b(?:i|i'm|i'd|i've|im|me|my|we|we're|we'd|us|our|you|you'd|your|u)\b|\bto\s+(?:watch|see)\b",
    re.IGNORECASE,
)


def direct_questions(text: str) -> str:
    """Indirect questions in a polite frame asked directly: 'can you tell me if Heat is long?'
    -> 'is Heat long?', 'I loved Heat, do you know who directed it?' -> 'I loved Heat, who
    directed it?' (frames about the user's own plans are left alone)."""
    # 'I don't suppose you have any comedies?', 'any chance of a western?': a polite frame,
    # no negation and no topic
    text = _POLITE_OPENER_RE.sub("", text)
    text = _EMBEDDED_QUESTION_RE.sub(_embedded_question, text)
    # 'was that one a remake, do you know?': the frame said after the question
    return _TRAILING_FRAME_RE.sub("?", text)


def _embedded_question(m: re.Match[str]) -> str:
    """'can you tell me if Heat is long?' -> 'is Heat long?'; 'any idea what year Jaws came
    out?' -> 'what year Jaws came out?'; 'do you know what Alien is about' -> 'what is Alien
    about?'; 'mind telling me the year of Casablanca?' -> 'what is the year of Casablanca?'.
    A frame around the user's own plans or the bot's taste is left alone."""
    q = m["q"].strip()
    # 'a little about X before we commit', 'if X is long, as we only have two hours': why it is
    # asked follows the question
    why = re.search(
        r",?\s+(?:before|because|since|as|so that|so|when|while)\s+(?:we|i|my|our)\b.*$", q, re.I
    )
    tail = ""
    if why is not None and why.start() > 0:
        q, tail = q[: why.start()], " " + why.group().lstrip(", ")
    if _EMBEDDED_OWN_RE.search(q) and not re.match(r"(?:you|u) (?:have|got)\b", q, re.I):
        return m[0]
    return m["pre"] + _direct_question(m, q) + tail


def _direct_question(m: re.Match[str], q: str) -> str:
    if m["about"]:
        return f"tell me about {q}?"
    if m["np"]:
        return f"what is {m['np'].strip()} {q}?"
    if m["if"]:
        # "if they're by the same director": the verb apart, to be put first
        # ('if It's a Wonderful Life was in colour': a title's own "It's" when a verb follows)
        if not re.search(r"\b(?:is|was|are|were)\b", q, re.IGNORECASE):
            q = re.sub(r"^(they|we)'re\b", r"\1 are", q, flags=re.IGNORECASE)
            q = re.sub(r"^(it|that|this|he|she)'s\b", r"\1 is", q, flags=re.IGNORECASE)
        if (own := re.match(r"(?:you|u) (?:have|got)\b\s*(?P<rest>.*)$", q, re.I)) is not None:
            return f"do you have {own['rest']}?"
        # 'if there's a film of Pride and Prejudice': whether the catalogue holds it
        of = re.match(
            r"there(?:'s| is| are) (?:a |an |any )?(?:film|movie|version|adaptation)s? of "
            r"(?P<x>.+)$",
            q,
            re.I,
        )
        if of is not None:
            return f"do you have {of['x']}?"
        if (inv := _RELAYED_INVERSION_RE.match(q)) is not None:
            q = f"{inv['aux']} {inv['subj']} {inv['rest']}"
        return q + "?"
    if (wh := _EMBEDDED_WH_RE.match(q)) is not None:
        q = f"{wh['wh']} {wh['aux']} {wh['subj']}{wh['rest']}"
    return q + "?"


def _relayed_question(m: re.Match[str]) -> str:
    """'Tom asks if the third one is scary' -> 'is the third one scary?'; 'Sam asks: did Carol
    win?' -> 'did Carol win?' (an indirect question gets the word order of a direct one)."""
    q = m["q"].strip()
    if m["if"] and (inv := _RELAYED_INVERSION_RE.match(q)) is not None:
        q = f"{inv['aux']} {inv['subj']} {inv['rest']}"
    return q + "?"


def _whose_idiom(m: re.Match[str]) -> str:
    """ "aren't really their cup of tea" -> 'not my cup of tea'; 'more their cup of tea' ->
    'perfect' (the idiom's verdict, said of whoever)."""
    if re.match(r"(?:not|hardly|scarcely|never)\b", m["a"], re.IGNORECASE):
        return f"not my {m['b']} "  # 'is not their cup of tea': the copula stays before it
    if re.search(r"n'?t\b", m["a"], re.IGNORECASE):
        return f"is not my {m['b']} "  # "aren't really their cup of tea"
    return "perfect "


_UP_ONES_STREET_RE = re.compile(
    r"\b(?:right |just |totally )?up (?:my|their|his|her|our|your|[a-z]+'s) (?:street|alley)\b",
    re.IGNORECASE,
)


def _no_opinion(m: re.Match[str]) -> str:
    """'no strong opinion on Titanic' -> 'watched Titanic' (a capitalised name: a film seen,
    no verdict); 'no opinion on horror' says nothing at all (no wish for horror, none against);
    what follows a 'but' is read on. Read the same after "doesn't mind": "he doesn't mind
    musicals but ..." -> "but ...", "doesn't mind Grease" -> 'watched Grease'."""
    parts = re.split(r"\b(?=but|though|although|so\b)", m["rest"], maxsplit=1)
    object_, tail = parts[0], "".join(parts[1:])
    if re.match(r"(?:the |a |an )?[A-Z\"'*]", object_):
        return f"watched {object_}{tail}"
    return tail


# double negatives and hedges, read as the plain verdict they make
_DOUBLE_NEGATIVES = (
    # "it's not that i didn't like interstellar" -> 'i did like interstellar'
    (rf"\b(?:(?:it'?s|its|it is)\s+)?not that (?P<s>i|we) {_NEG_AUX}\s+", r"\g<s> did "),
    # 'i didn't not enjoy the shining', "i'm not NOT into sci fi" -> 'i did enjoy', "i'm into"
    (r"\b(?:didn'?t|did not)\s+not\s+", "did "),
    (r"\bnot\s+not\s+", ""),
    # "i wouldn't say i loved la la land", "can't say i liked it": watched, no verdict
    (
        r"\b(?:wouldn'?t|would not|can'?t|cannot|couldn'?t|could not)\s+(?:really\s+)?"
        r"(?:say|claim)\s+(?:that\s+)?(?:i|we)\s+(?:really\s+)?(?:loved|liked|enjoyed|adored)\b",
        "watched",
    ),
    # "dad doesn't mind musicals but he'd prefer a comedy": fine either way, no wish, nothing
    # turned down ('i don't mind subtitles' is read by the language rule)
    (
        r"\b(?:doesn'?t|does not|don'?t|do not|wouldn'?t|would not|won'?t|will not)\s+"
        r"(?:really\s+)?mind\s+(?!sub(?:title)?s\b|subtitled\b|reading\b)(?P<rest>[^,.;!?]*)",
        _no_opinion,
    ),
    # "i have no strong opinion on titanic", "i'm indifferent to heat", 'neutral on the
    # godfather': watched, no verdict either way
    (
        r"\b(?:(?:i|we)\s+(?:have|had|'ve)\s+|(?:i'?m|i am|i was|we'?re|we are)\s+)?"
        r"(?:(?:got|have|had)\s+)?(?:no|not (?:much|any|a strong)(?: of an?)?)\s+(?:strong\s+|"
        r"real\s+|particular\s+|big\s+)?(?:opinions?|feelings?|views?)\s+(?:either way\s+)?"
        r"(?:on|about|of|re|regarding|towards?)\s+(?P<rest>[^,.;!?]*)",
        _no_opinion,
    ),
    (
        r"\b(?:(?:i'?m|i am|i was|we'?re|we are|i feel|i felt)\s+)?(?:pretty\s+|kind of\s+|"
        r"kinda\s+|fairly\s+|rather\s+|a bit\s+)?(?:indifferent|neutral|ambivalent|"
        r"on the fence)\s+(?:to|towards?|about|on|re|regarding)\s+(?P<rest>[^,.;!?]*)",
        _no_opinion,
    ),
    # 'meh on pretty woman', 'lukewarm on the sequels', 'not sold on heat': a mild no
    (
        r"\b(?:meh|lukewarm|not sold|not big|not huge|not too keen|not keen)\s+(?:on|about)\s+",
        "not a fan of ",
    ),
    # "i wouldn't say i hated la la land", "can't say i disliked it": no strong verdict either way
    (
        r"\b(?:wouldn'?t|would not|can'?t|cannot|couldn'?t|could not)\s+(?:really\s+)?"
        r"(?:say|claim)\s+(?:that\s+)?(?:i|we)\s+",
        "didn't really ",
    ),
)
_DOUBLE_NEGATIVES_RE = tuple((re.compile(p, re.IGNORECASE), r) for p, r in _DOUBLE_NEGATIVES)


_SARCASTIC_ANOTHER_RE = re.compile(
    # the exclamation opens its clause ('heat is great, more like it' is praise) and what comes
    # is more of a kind, not 'more like it'
    r"(?:^|(?<=[.!?;:,])\s*|\b(?:oh|ah|wow|just)\s+)"
    r"(?:great|wonderful|fantastic|perfect|yay|awesome|joy),?\s+(?:yet\s+)?"
    r"(?:another|more)\s+(?!like\b|of the same\b)(?=\w)",
    re.IGNORECASE,
)
_SARCASTIC_NEED_RE = re.compile(
    r"\b(?:(?:yeah|oh)\s+)?(?:sure,?\s+)?(?:because|cause|cuz|coz|'cause)\s+i\s+(?:totally|"
    r"really|definitely|obviously|so)\s+(?:need|want|wanna)\b",
    re.IGNORECASE,
)
# "yeah right, like i'd ever watch another nicholas sparks movie"
_SARCASTIC_EVER_RE = re.compile(
    r"\b(?:yeah right,?\s+)?(?:like|as if) i(?:'d| would)(?: ever)? (?=watch|see|want)",
    re.IGNORECASE,
)


# the household a rule or a taste holds in ('in this house', 'under my roof', 'at our place');
# ('Not in this house.' after a kind keeps only its 'not': a gap, the kind is still wished for)
_HOUSEHOLD_RE = re.compile(
    r"(?<!\bnot)\s*,?\s*\b(?:in|at|around|under) (?:this|our|my) (?:house|home|household|"
    r"family|place|flat|apartment|roof|casa)\b(?!\s*(?:town|country|video|movies?|films?)\b)"
    r"(?=\s*(?:[,.!?;:]|$|\w))",
    re.IGNORECASE,
)


# a concession after the complaint: 'oh great, another superhero movie 🙄 fine, show me one'
_CONCEDED = re.compile(r"\b(?:fine|whatever|go on|ok then|okay then|show me|i guess)\b", re.I)
# a bare 'not' closing the sentence ('... another zombie movie. NOT.'), said once already
_NOT_AFTER = re.compile(r"^([^.!?…]*[.!?…]+)\s*not\s*(?:[.!?…]+|$)", re.IGNORECASE)


def _sarcasm_said(text: str) -> str:
    """'oh great, another superhero movie' -> 'no more superhero movie'; 'because i totally need
    to watch titanic again' -> "i don't want to watch titanic again" (a bare 'NOT.' after such
    a sentence then says nothing more); kept when the user gives in ('..., fine, show me
    one')."""
    for pattern, said in (
        (_SARCASTIC_ANOTHER_RE, "no more "),
        (_SARCASTIC_NEED_RE, "i don't want"),
        (_SARCASTIC_EVER_RE, "i don't want to "),
    ):
        m = pattern.search(text)
        if m is None or _CONCEDED.search(text, m.end()):
            continue
        rest = _NOT_AFTER.sub(r"\1", text[m.end() :], count=1)
        text = text[: m.start()] + said + rest
    return text


def _double_negatives(text: str) -> str:
    """ "it's not that i didn't like X" -> 'i did like X'; "i didn't not enjoy X" -> 'i did
    enjoy X'; "i wouldn't say i hated X" -> "i didn't really hated X" (a negated dislike, read
    as watched without a verdict by the cue reader)."""
    for pattern, repl in _DOUBLE_NEGATIVES_RE:
        text = pattern.sub(repl, text)
    return text


# hesitations of speech and dictation ('um', 'uhh', 'erm', 'hmm'), with a comma around them
# (not after a dash: 'the third one - erm, the second one' is a correction)
_HESITATION_RE = re.compile(
    r"(?<![-\u2013\u2014]\s)(?<![-\u2013\u2014])(?:,\s*)?\b(?:u+m+|u+h+m*|e+r+m+|h+m+)\b(?:\s*,)?",
    re.IGNORECASE,
)


# what a messaging app puts in a message besides the words: a sticker, GIF, photo or voice note
# described in brackets ('[sticker: crying cat]', '[gif]', '[voice note 0:12]'); no word of it is
# the user's
_ATTACHMENT_RE = re.compile(
    r"\[\s*(?:sticker|gif|image|img|photo|pic|picture|video|voice(?: note| message)?|audio|"
    r"meme|emoji|attachment|media|screenshot)\b[^\]\n]{0,60}\]",
    re.IGNORECASE,
)
# what joins and dresses emoji: zero-width joiner, variation selectors, skin tones, the gender
# signs of a joined emoji ('🙅‍♀️', '😮‍💨'); left in, they read as stray symbols
_EMOJI_PARTS_RE = re.compile("[\u200d\ufe0e\ufe0f\U0001f3fb-\U0001f3ff\u2640\u2642]")
# one emoji said again and again ('🔥🔥🔥', '❤️ ❤️'): said once (each would close a list)
# (a run of stars is a grade, read as such: '★★★★★' stays)
_REPEATED_SYMBOL_RE = re.compile(r"([^\w\s.,!?;:'\"()\[\]#/&*+★☆⭐-])(?:\s*\1)+")
# a run of two or more words in capitals ('KNIVES OUT WAS SO GOOD'): shouting, in which
# capitals say nothing about titles; read as lower case (a lone 'NOT' or 'JFK' stays)
_SHOUTED_RE = re.compile(r"(?<![\w'])[A-Z][A-Z'!?.]*(?:\s+[A-Z][A-Z'!?.]*)+(?![\w'])")
_HASHTAG_RE = re.compile(r"(?<![\w&])#([A-Za-z][A-Za-z0-9_]*)")
HASHTAG_WORD_ZIPF = 3.0  # wordfreq: each word a hashtag is split into is at least this common


def _shouted(m: re.Match[str]) -> str:
    words = m.group(0).split()
    if sum(len(w.strip("'!?.")) >= 2 for w in words) < 2:
        return m.group(0)  # 'I LIKE', 'A B': too short to be shouting
    return m.group(0).lower()


def _hashtag(m: re.Match[str]) -> str:
    """'#Cars2' -> 'Cars 2', '#TheDarkKnight' -> 'The Dark Knight', '#movienight' -> 'movie
    night', '#nohorror' -> 'no horror': a hashtag's words, split at capitals and digits, and
    a lower-case run that wordfreq does not know whole ('#zootopia' stays) split into the
    likeliest common English words (unigram odds; at most four, each at least
    HASHTAG_WORD_ZIPF; else kept whole)."""
    tag = m.group(1).replace("_", " ")
    parts = re.findall(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+", tag)
    out: list[str] = []
    for part in parts:
        out.append(_segmented(part) if part.islower() and len(part) >= 6 else part)
    return " " + " ".join(out) + " "


def _segmented(run: str) -> str:
    from wordfreq import zipf_frequency

    if zipf_frequency(run, "en") > 0:
        return run  # a word or name wordfreq knows as such ('zootopia', 'goodfellas')
    best: dict[int, tuple[float, list[str]]] = {0: (0.0, [])}
    for end in range(1, len(run) + 1):
        for start in range(max(0, end - 12), end):
            if start not in best or len(best[start][1]) >= 4:
                continue
            word = run[start:end]
            zipf = zipf_frequency(word, "en")
            if zipf < HASHTAG_WORD_ZIPF or (len(word) == 1 and word not in ("a", "i")):
                continue
            score = best[start][0] + zipf - 9.0  # log10 of the word's frequency: unigram odds
            if end not in best or score > best[end][0]:
                best[end] = (score, [*best[start][1], word])
    return " ".join(best[len(run)][1]) if len(run) in best else run


_NAMED_THEN_ASKED_RE = re.compile(  # (a name typed with a capital, as titles are)
    r"^(?P<name>\s*(?!(?:I|We|My|Our|So|Ok|OK|Okay|Hmm|And|But|A|An|Some|Any)\b)[A-Z0-9]"
    r"(?:[\w'&:.-]+\s*){1,6}?)\s*,[\s,?!]*(?i:(?:like|so|but|ok|okay|wait|hmm)[\s,]+)?"
    r"(?=(?i:is|was|are|does|did|how|what|who|when|why)\s+(?i:it|this|that|they|he|she)\b)"
)
_LAUGHED_AFTER_RE = re.compile(
    r"(?<=[a-z!.])(?<!something)(?<!anything)(?<!movie)(?<!film)(?<!stuff)(?<!smth)"
    r"\s*[😂🤣]+(?=\s*(?:$|[.!?,;]))",
    re.IGNORECASE,
)
_FATIGUE_RE = re.compile(
    r"\b(?P<what>[a-z][\w-]*) fatigue(?: is (?:so |very |too )?real| is "
    r"(?:hitting|kicking in|setting in))?\b",
    re.IGNORECASE,
)


def normalize_chat(text: str) -> str:
    """What a messaging app adds to the words, made plain: attachments in brackets dropped,
    emoji joiners and modifiers removed, one emoji repeated said once, hashtags split into
    words (`_hashtag`), runs of shouted capitals in lower case."""
    text = _ATTACHMENT_RE.sub(" , ", text)
    text = _EMOJI_PARTS_RE.sub("", text)
    text = _REPEATED_SYMBOL_RE.sub(r"\1", text)
    text = _HASHTAG_RE.sub(_hashtag, text)
    return _SHOUTED_RE.sub(_shouted, text)


def normalize_slang(text: str) -> str:
    """'smth scary pls' -> 'something scary please' (chat spellings of the language pack);
    'enough X' opening a clause -> 'enough of X'; 'those sound fun' -> 'those sound good'."""
    text = normalize_chat(text)
    # 'not a horror person... except horror comedy': a trailing off before the exception
    # keeps it in the sentence it excepts from
    text = re.sub(
        r"\s*(?:\.{2,}|…)\s*(?=(?:except|unless|apart from|other than|besides)\b)",
        " ",
        text,
        flags=re.IGNORECASE,
    )
    # 'omg just watched Interstellar, amazing': an exclamation opening the message says how,
    # not what
    text = re.sub(
        r"^\s*(?:omg|omfg|oh my god|oh my gosh|wow|whoa|woah)\b[\s,!.]*(?=\w)",
        "",
        text,
        flags=re.IGNORECASE,
    )
    # 'marvel fatigue is real', 'superhero fatigue': tired of that kind
    text = _FATIGUE_RE.sub(lambda m: f"tired of {m['what']}", text)
    # 'Goodfellas ★★★★★, Casino ★★★': a run of stars is a grade out of five (read below)
    text = _STAR_GLYPHS_RE.sub(lambda m: f" {m[0].count('★') + m[0].count('⭐')}/5 ", text)
    # 'Inception 👍👍 Tenet 👎': a thumb after a name is the verdict on it, not a yes or no
    text = _NAMED_THUMB_RE.sub(lambda m: " 😍" if "👍" in m[0] else " 🤮", text)
    # 'the hangover was hilarious 🤣': laughter closing what was said, no wish for comedy
    # ('something 😂', '😂' alone still ask for a funny film)
    text = _LAUGHED_AFTER_RE.sub(" lol", text)
    for emoji, words in EMOJI.items():
        text = text.replace(emoji, words)
    text = _verdict_emoji(text)
    # any other pictograph separates what stands around it, like a comma ('heat 🍿 ronin')
    text = "".join(" , " if unicodedata.category(c) == "So" else c for c in text)
    # 'Hereditary 👀 like is it actually that scary', 'Coco, is it sad?': a film named alone,
    # then a question about it
    text = _NAMED_THEN_ASKED_RE.sub(lambda m: f"{m['name'].rstrip()}? ", text)
    text = " ".join(text.split())
    text = _ELONGATED_RE.sub(_unelongated, text)
    # 'pulp fiction and um jackie brown': a spoken hesitation is no word of the message
    # ('hmm' alone is a reply of its own: kept)
    text = " ".join(_HESITATION_RE.sub(" ", text).split()) or text
    text = _double_negatives(text)
    # 'a scarey movie thats not to long': 'too' typed as 'to' before a degree adjective
    text = re.sub(
        r"\b(not|way|bit|little|isn'?t|wasn'?t|nothing|aren'?t)\s+to\s+(long|short|scary|"
        r"violent|gory|sad|dark|old|slow|loud|heavy|intense|depressing|bloody|cheesy|serious)\b",
        r"\1 too \2",
        text,
        flags=re.IGNORECASE,
    )
    # '... give me horror /s', '... said no one ever': sarcasm, said as a 'not' of its own
    text = re.sub(
        r"\s*(?:/s|,?\s*said no (?:one|1) ever)\s*(?=[.!]|$)", ". not.", text, flags=re.IGNORECASE
    )
    # sarcasm said with a stock phrase: 'oh great, another superhero movie' -> 'no more ...';
    # 'because i totally need to watch titanic again' -> "i don't want to watch titanic again"
    # (read after '/s' became 'not', so the two say it once)
    text = _sarcasm_said(text)
    # 'the little one is home sick from school': ill at home (no 'sick' verdict on Home)
    text = re.sub(
        r"\b(is|am|are|was|were|stayed|staying|stays) home sick\b",
        r"\1 ill at home",
        text,
        flags=re.IGNORECASE,
    )
    # 'Lucy was dumb fun': praise with a wink, not a complaint ('more dumb fun' stays a wish)
    text = re.sub(
        r"\b(is|was|were|are|'s|so much|such)\s+((?:dumb|stupid|mindless|brainless)\s+fun)\b",
        r"\1 good \2",
        text,
        flags=re.IGNORECASE,
    )
    # 'nothing rated R', 'no R-rated stuff': the film rating, not chat's 'r' for 'are'
    text = re.sub(r"\brated\s+R\b|\bR[\s-]rated\b", "adult-rated", text, flags=re.IGNORECASE)
    text = _SLANG_RE.sub(lambda m: SLANG[m.group(1).lower()], text)
    # a comma left at the end ('Coco slaps, no skips' -> 'Coco slaps,') closes nothing
    text = re.sub(r"[\s,;]+$", "", text)
    # 'i gave heat 5 stars', 'we rated the dark knight 2/5', "i'd give jaws a 9/10": the grade
    # is the verdict it makes, said before the film (no rating limit, no topic)
    for pattern in _PICK_GRADE_RES:
        text = pattern.sub(_grade_given, text)
    text = _GRADE_FOR_RE.sub(_grade_for, text)
    graded = _GRADE_GIVEN_RE.sub(_grade_given, text)
    if graded != text:
        # '... but Jaws 2 a 4/10': the next film's grade with its verb left out
        graded = _ELIDED_GRADE_RE.sub(_grade_given, graded)
    text = graded
    # 'Heat 9/10, ronin maybe a 4 outta 10', 'cars 2 is a 2/10', 'Jaws A+, Jaws: The Revenge an
    # F', 'toy story 3 solid 8': a score given to what was just named is the verdict it makes
    text = _RANKED_LIST_RE.sub(_ranked_list, text)
    # '8/10' as the whole message, after a film was named: the verdict on it
    text = _SCORE_ALONE_RE.sub(_score_alone, text)
    text = _ANY_DAY_RE.sub(lambda m: f"{m['x']} (loved it), more than {m['y']}", text)
    text = _SCORE_AFTER_COPULA_RE.sub(_score_after_copula, text)
    text = _SCORE_AFTER_NAME_RE.sub(_score_after_name, text)
    # "westerns aren't their cup of tea", "right up dad's street": whoever's taste, the verdict
    # the idiom makes (no tea, no street)
    text = _WHOSE_IDIOM_RE.sub(_whose_idiom, text)
    text = re.sub(r"\b(that|this|the \w+) one's\b", r"\1 one is", text, flags=re.IGNORECASE)
    text = _UP_ONES_STREET_RE.sub("perfect", text)
    # "a love story that doesn't end sadly": the adverb says the ending's mood
    text = re.sub(
        r"\b(end|ends|ended|ending)\s+(sadly|unhappily|tragically|in tragedy|in tears)\b",
        lambda m: f"{m[1]} sad",
        text,
        flags=re.IGNORECASE,
    )
    # 'a b&w horror', 'B/W westerns', 'black & white', 'monochrome': the style's one spelling
    # (the tokens of 'b&w' never met its alias)
    text = _BLACK_AND_WHITE_RE.sub("black and white", text)
    if "?" not in text and not _ASKS_RE.match(text):
        # 'something in colour instead', 'colour films only': not black and white ('is it in
        # colour?' stays a question about the film)
        text = _IN_COLOUR_RE.sub("not black and white", text)
    # 'Tom asks if the third one is scary', 'Sam asks: did Carol win any awards?': a question
    # someone else asks, asked (the name is no title, the film named no like)
    text = _RELAYED_QUESTION_RE.sub(_relayed_question, text)
    # 'can you tell me if Heat is long?', 'any idea what year Jaws came out?': the question
    # inside a polite frame is asked (the film named is no like)
    text = direct_questions(text)
    # 'no gore in this house', "we don't do musicals in this family": where a rule holds is
    # no topic (it avoided house films and family films)
    text = _HOUSEHOLD_RE.sub("", text)
    # 'watching w my lil bro', 'smth w the kids': a lone 'w' before whom it is with
    text = re.sub(
        r"\b[wW](?= (?:my|our|the|me|him|her|us|them|friends?|family|mates?|some|a|an)\b)",
        "with",
        text,
    )
    text = re.sub(r"~\s*(?=\d)", "about ", text)  # '~90 min'
    # 'something thriller-ish', '90s-ish', 'scary-ish': near enough is the word itself
    text = re.sub(r"(?<=[A-Za-z0-9])-ish\b", "", text, flags=re.IGNORECASE)
    text = _WORD_RE.sub(_cue_typo, text)
    text = _OF_FOR_THAN_RE.sub(lambda m: f"{m.group(1)} than ", text)
    # 'a thriller under of 2 hours': 'under' as a learner of English may write it
    text = re.sub(
        r"\b(under|below|over|above)\s+of\s+(?=\d|(?:one|two|three|four|five)\b|an?\s+hour)",
        r"\1 ",
        text,
        flags=re.IGNORECASE,
    )
    # 'nobody wants anything from before 1990', 'none of us like musicals': a refusal
    text = re.sub(
        r"\b(?:nobody|no ?one|none of us)\s+(?:here\s+)?(?:wants?|likes?|fancies|feels like)\b",
        "we don't want",
        text,
        flags=re.IGNORECASE,
    )
    # 'none of us speak French', "we don't speak german": nothing in that language
    text = re.sub(
        r"\b(?:nobody|no ?one|none of us)\s+(?:here\s+)?speaks?\s+|"
        r"\b(?:we|i)\s+(?:don't|dont|do not|can't|cant|cannot)\s+speak\s+",
        "nothing in ",
        text,
        flags=re.IGNORECASE,
    )
    # "im too chicken for horror", "we're too squeamish for gore": what they can't handle
    text = _TOO_SCARED_FOR.sub(lambda m: f"{m.group(1)} can't handle", text)
    text = _HOUR_AND_A_HALF_RE.sub("1.5 hours", text)
    text = _HALF_AN_HOUR_RE.sub("30 minutes", text)
    text = _COUPLE_OF_HOURS_RE.sub("2 ", text)
    # 'a run of spoof films', 'a string of 80s action movies': a marathon of them
    text = re.sub(
        r"\b(a|another|one more) (?:run|string|stack|streak|double bill|triple bill) of\b",
        r"\1 marathon of",
        text,
        flags=re.IGNORECASE,
    )
    # 'goodfellas and casino, all 10s': scores of ten each, not the 2010s
    text = re.sub(
        r"\b(all|both|straight|solid|all solid)\s+(10|ten)s\b", r"\1 10/10", text, flags=re.I
    )
    # "didn't enjoy Jurassic Park III one bit": not at all (no 'one' for the first film)
    text = re.sub(r"\b(?:one|a single|one single) bit\b", "at all", text, flags=re.IGNORECASE)
    text = _RATHER_THAN_RE.sub(lambda m: f"{m.group('x')}, not ", text)
    text = _PREFER_OVER_RE.sub(lambda m: f"{m.group('x')}, not ", text)
    text = _INSTEAD_OF_RE.sub("not", text)
    text = _NOT_AS_RE.sub(lambda m: _NOT_AS[m.group(1).lower()], text)
    text = _WORLD_WAR_RE.sub(lambda m: "ww2" if m.group("a") or m.group("b") else "ww1", text)
    text = _AND_A_HALF_RE.sub(_and_a_half, text)
    text = _ASPECT_RE.sub(lambda m: f"{m.group('v')} ", text)
    # 'two hours at the very most', 'at the outside' -> 'at most'; 'at the very least'
    text = re.sub(r"\bat the (?:very )?(most|least)\b", r"at \1", text, flags=re.IGNORECASE)
    text = re.sub(r"\bat the (?:very )?outside\b", "at most", text, flags=re.IGNORECASE)
    text = _HOUR_AND_QUARTER_RE.sub(
        lambda m: (
            f"{60 * max(1, _small_number(m['h'])) + (15 if m['q'].lower() == 'quarter' else 45)}"
            " minutes"
        ),
        text,
    )
    text = _HOUR_AND_RE.sub(_hour_and_minutes, text)
    text = _YEAR_WORDS_RE.sub(year_in_words, text)
    if _CLOCK_CONTEXT.search(text):  # ('my son, at eight, gets scared': an age, no time)
        text = _CLOCK_WORDS_RE.sub(_clock_in_words, text)
    # 'nothing made before the millennium', 'after the turn of the century': the year 2000
    text = re.sub(
        r"\b(before|after|since|pre|post|until)\s+(?:the\s+)?(?:millenn?ium|turn of the "
        r"(?:century|millenn?ium)|y2k)\b",
        r"\1 2000",
        text,
        flags=re.IGNORECASE,
    )
    text = _POINT_FIVE_RE.sub(lambda m: f"{_small_number(m.group('n'))}.5", text)
    text = _SPELLED_RE.sub(_spelled_number, text)
    text = _PICK_ANSWERED_NO_RE.sub(lambda m: f"{m.group(1)}{m.group(2)}? {m.group(3)}", text)
    text = _ANSWERED_RE.sub(_answered, text)
    if _SLANG_APPROVAL_RE.fullmatch(text):
        text = "those look good"  # 'lowkey fire', 'these r fire fr' after the picks
    text = _APPROVAL_RE.sub(lambda m: f"{m.group(1)} good", text)
    text = _ENOUGH_FROM_RE.sub(lambda m: f"{m.group(1)}enough of", text)
    return _ENOUGH_RE.sub(lambda m: f"{m.group(1)}enough of ", text)


def _answered(m: re.Match[str]) -> str:
    """'documentary? no.' -> 'no documentary.'; 'mystery? yes' -> 'mystery.'"""
    said_no = m.group("a").lower() in (
        *("no", "nope", "nah", "no way", "pass"),
        *("yeah right", "yeah no", "hell no", "god no", "lol no", "as if", "hard no"),
        *("hard pass", "no thanks", "no thank you", "not for me", "not for us"),
    )
    return f"{m.group(1)}{'no ' if said_no else ''}{m.group(2).strip()}. "


def _verdict_emoji(text: str) -> str:
    """'inception 😍 interstellar 😍 tenet 😐' -> 'inception , interstellar , love ; tenet ,
    meh ;': each run of titles marked with the same emoji becomes a list its verdict closes.
    One opening a sentence before words ('😍 la la land', '🤮 musicals') is said as a verb
    ('loved la la land'; VERDICT_VERBS)."""
    marks = "|".join(re.escape(e) for e in sorted(VERDICT_EMOJI, key=len, reverse=True))
    text = re.sub(
        rf"(^|[.!?;]\s*)({marks})\s*(?=[^\W\d_])",
        lambda m: f"{m[1]}{VERDICT_VERBS[VERDICT_EMOJI[m[2]]]} ",
        text,
    )
    parts = re.split(f"({marks})", text)
    if len(parts) == 1:
        return text
    out: list[str] = []
    for k in range(1, len(parts), 2):
        verdict = VERDICT_EMOJI[parts[k]]
        nxt = VERDICT_EMOJI.get(parts[k + 2]) if k + 2 < len(parts) else None
        out.append(parts[k - 1])
        same_run = nxt == verdict and parts[k + 1].strip()
        if same_run and parts[k + 1].lstrip()[:1] in (",", ";", "/"):
            # 'Gigli 👎, Catwoman 👎': the comma typed already joins the run ('Gigli , , ...'
            # read the first one as a list of its own with no verdict)
            parts[k + 1] = " , " + parts[k + 1].lstrip()[1:]
            out.append(" ")
            continue
        out.append(
            " , " if same_run else f" , {verdict} ; " if parts[k + 1].strip() else f" , {verdict} "
        )
    out.append(parts[-1])
    return "".join(out)


log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Understanding:
    """What a message meant: events to append plus things the reply should mention."""

    events: tuple[Event, ...] = ()
    unknown_titles: tuple[str, ...] = ()
    mentioned: tuple[str, ...] = ()  # item ids the message referred to (titles or 'the second one')
    reset: bool = False
    notes: tuple[str, ...] = ()
    small_talk: bool = False  # only pleasantries ('thanks!', 'ok'): nothing to act on
    question: Question | None = None  # a question about an item: answer it, learn nothing
    language: str | None = None  # ISO 639-1 code of a message not in a language we read
    more: bool = False  # it asks for other picks ('more please', 'what else?', 'show me others')
    # a question asked beside a request ('how long is Braveheart? if over 2 hours, a shorter war
    # film'): answered before the picks; the events are the request's
    aside: Question | None = None


@dataclass(frozen=True)
class Question:
    """A question about shown or named items ('is the second one scary?', 'why this one?').

    topic: one of QUESTION_TOPICS; item_ids: the items it is about (empty when none could be
    told, e.g. an unknown title; `unknown` then holds the title as typed; `nothing_shown` is
    set when it names a pick by number before any pick was shown)."""

    topic: str
    item_ids: tuple[str, ...] = ()
    unknown: str = ""
    nothing_shown: bool = False  # it names a pick by number ('the second one') before any
    also: tuple[str, ...] = ()  # other topics asked in the same question ('how long is it and
    # is it scary?'), answered after the first
    # ('after' | 'before', the id of the film it is relative to): 'what's the sequel to Shrek?'
    # asks for item_ids[0] as the film after Shrek
    relation: tuple[str, str] | tuple[()] = ()


# A proposer asks a model for events as JSON (see validate_proposed_events); Python decides.
EventProposer = Callable[[str, InterestState], str]


@dataclass
class Tok:
    """A word or punctuation mark of the message; `used` once a pass has read it."""

    text: str  # lowercase
    raw: str  # as typed
    start: int
    used: bool = False


@dataclass
class Target:
    """Something the message is about: an item or a facet value, at a token position."""

    pos: int  # token index
    kind: str  # "item" | "facet"
    item: Item | None = None
    facet: tuple[str, str] | None = None
    from_reference: bool = False
    # a verdict the reference word itself carries ('liked neither', 'none of them'): no other
    # cue or negation of the clause changes it; "except": the film excepted from a series the
    # clause judges, which takes the other side of its verdict (see _Parse._assign)
    verdict: str | None = None


# words that may follow a verdict after a copula ('split was wild af', 'was so funny my wife
# cried'); any other word continues a noun phrase ('was a classic horror film')
_AFTER_A_VERDICT = frozenset(
    ("af", "asf", "lol", "lmao", "haha", "and", "but", "though", "tho", "too", "imo", "ngl")
    + ("honestly", "fr", "to", "in", "at", "as", "when", "because", "cause", "cuz", "so", "i")
    + ("my", "the", "from", "with", "for", "overall", "tbh", "btw", "omg", "though", "also")
)


def copula_verdict(words: Sequence[str], k: int) -> tuple[str, int] | None:
    """The verdict a copula's predicate from token k says of its subject ('was wild': "pos",
    'is so slow': "neg", 'was creepy af': "seen"), as (cue kind, tokens from k to its end), or
    None. Intensifiers between ('so', 'kinda', 'pretty') are taken into it."""
    j = k
    while j < len(words) and words[j] in COPULA_FILLERS:
        j += 1
    if j < len(words) and words[j] == "not" and (end := denial_end(words, j + 1)) is not None:
        return "neg", end - k  # 'shrek the third was not', 'collateral was not at all'
    if j == len(words) or words[j] in ("the", "a", "an") and j + 1 == len(words):
        return None
    # 'was such a sweet movie': an adjective of the tables before a film noun
    article = j + 1 < len(words) and words[j] in ("a", "an")
    for table, kind in ((COPULA_COMPLAINT, "neg"), (COPULA_PRAISE, "pos"), (COPULA_SHAKEN, "seen")):
        for phrase in table:
            start = j + 1 if article and phrase[0] not in ("a", "an") else j
            if tuple(words[start : start + len(phrase)]) == phrase:
                end = start + len(phrase)
                after = words[end] if end < len(words) else ""
                if start > j and after not in ("movie", "film", "one", "flick", "watch"):
                    continue  # 'was a slow burn', 'is a dark comedy'
                if start > j:
                    end += 1
                elif after.isalpha() and after not in _AFTER_A_VERDICT:
                    continue  # 'was a classic horror film': no verdict on the subject
                return kind, end - k
    return None


def negated_complaint_end(words: Sequence[str], k: int) -> int | None:
    """Where a complaint denied by the negator at token k ends: NEGATED_COMPLAINTS after it,
    up to three NEGATED_COMPLAINT_FILLERS between ("can't go wrong", 'no complaints', 'never
    disappoints', "can't find a single flaw"): praise (litotes); None otherwise."""
    if k >= len(words) or words[k] not in NEGATORS or words[k] in ("less", "avoid", "except"):
        return None
    j = k + 1
    while j < len(words) and j - k <= 3 and words[j] in NEGATED_COMPLAINT_FILLERS:
        j += 1
    for start in dict.fromkeys((k + 1, j)):
        for phrase in NEGATED_COMPLAINTS:
            if (end := phrase_end(words, start, phrase)) > start:
                # 'nothing bores me more than horror': the most boring, no praise
                after = words[end : end + 3]
                if after[:1] == ["me"] or after[:1] == ["us"]:
                    after = after[1:]
                if after[:2] in (["more", "than"], ["as", "much"]) or after[:1] == ["like"]:
                    return None
                return end
    return None


def denial_end(words: Sequence[str], k: int) -> int | None:
    """Where a denied copula with nothing after it ends, when token k closes it ('X wasn't',
    'X was not at all.', 'X wasn't for me, Y was'): the index after its tail (DENIAL_TAILS),
    at the end of the text or a clause break; None when a predicate follows ('was not funny')."""
    for tail in DENIAL_TAILS:
        if tuple(words[k : k + len(tail)]) == tail:
            k += len(tail)
            break
    return k if k == len(words) or words[k] in CLAUSE_BREAK else None


@dataclass
class Cue:
    """A sentiment, seen or critique cue and the tokens it spans."""

    pos: int
    kind: str  # "pos" | "neg" | "seen" | "unseen" | "similar"
    end: int = -1  # first token after the cue
    negator: bool = False  # a bare negation word: it reaches only its parsed scope
    watched: bool = False  # a verdict that also says the film was seen ('rewatched it 20 times')


_SOUNDS = (
    (r"(?<=\w)(?:tion|sion|shun|shon)\b", "shn"),
    (r"ph", "f"),
    (r"ck|q|c(?=[aou])", "k"),
    (r"\bkn", "n"),
    (r"gh", ""),
    (r"z", "s"),
    (r"(?<=\w)[aeiouy]+", ""),
    (r"(\w)\1+", r"\1"),
)


def sound_key(key: str) -> str:
    """A rough English sound key of a normalised title: spellings that sound alike ('incepshun'
    / 'inception', 'the dark night' / 'the dark knight') share it; vowels after a word's first
    letter and doubled letters do not count."""
    for pattern, repl in _SOUNDS:
        key = re.sub(pattern, repl, key)
    return key


def held_films_named(said: str, state: InterestState, catalog: Catalog) -> list[Item]:
    """The films the session holds (liked, seen or turned down) whose titles the message `said`
    names as whole words ('seen the godfather.' -> The Godfather): what a next message that only
    adds a film or a sequel's part continues."""
    text = normalize_title(said)
    return [
        catalog.get(i)
        for i in dict.fromkeys((*state.liked, *state.seen, *state.disliked))
        if i in catalog
        and re.search(rf"(?<!\w){re.escape(normalize_title(catalog.get(i).title))}(?!\w)", text)
    ]


class Vocabulary:
    """Everything understanding learns from a catalogue: titles and facet terms."""

    # the learned verdict classifier (chatbot.understanding.verdicts) the Understander sets;
    # None: verdicts come from the lexicon's tables alone
    verdicts: VerdictModel | None = None

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.titles: dict[str, list[Item]] = {}
        self.short_titles: dict[str, list[Item]] = {}  # 'star wars' for 'Star Wars: Episode IV'
        for item in catalog:
            key = normalize_title(item.title)
            if key:
                self.titles.setdefault(key, []).append(item)
            aliases = [
                item.extra.get("original_title"),
                *item.extra.get("aliases", ()),
                *_self_names(item),
            ]
            for alias in aliases:
                akey = normalize_title(alias) if isinstance(alias, str) else ""
                if akey and item not in self.titles.get(akey, ()):
                    self.titles.setdefault(akey, []).append(item)
            for name in (key, *(normalize_title(a) for a in aliases if isinstance(a, str))):
                bare = _without_apostrophe_s(name)
                if bare != name and bare not in self.titles:
                    # 'pans labyrinth', 'schindlers list': the possessive typed without its
                    # apostrophe (normalize_title reads "pan's" as 'pan s')
                    self.short_titles.setdefault(bare, []).append(item)
                other = _numbers_other_way(name)
                if other != name and other not in self.titles:
                    # "ocean's 11" for Ocean's Eleven, 'apollo thirteen' for Apollo 13: a
                    # number after a title's first word, written the other way
                    self.short_titles.setdefault(other, []).append(item)
            head = item.title.split(":")[0]
            hkey = normalize_title(head)
            # 'Anchorman' for 'Anchorman: The Legend of Ron Burgundy'; not 'Alien' for 'Alien:
            # Covenant' when 'Alien' is a title of its own
            # '2001' for '2001: A Space Odyssey' (a number is read as a title only after a cue)
            long_enough = len(hkey.split()) >= 2 or len(hkey) >= 6
            if head != item.title and (long_enough or (hkey.isdecimal() and len(hkey) >= 3)):
                self.short_titles.setdefault(hkey, []).append(item)
            # 'et' / 'e.t.' for 'E.T. The Extra-Terrestrial': an initialism that opens a title
            initials = re.match(r"((?:[a-z] )+[a-z])(?= \w)", key or "")
            if initials and re.match(r"(?:[A-Za-z]\.){2,}", item.title):
                for short in (initials.group(1), initials.group(1).replace(" ", "")):
                    if short not in self.titles:
                        self.short_titles.setdefault(short, []).append(item)
        # 'Wild Strawberries' for Smultronstället: the English name a synopsis of a film not in
        # English opens with, read only where no other film has that name
        for item in catalog:
            for name in _synopsis_names(item):
                key = normalize_title(name)
                if key and key not in self.titles and key not in self.short_titles:
                    self.short_titles.setdefault(key, []).append(item)
        # 'temple of doom', 'the two towers', 'revenge of the sith': the subtitle of exactly one
        # title of a series, when it is no title of its own
        self.subtitle_keys: set[str] = set()
        for tail, items in _subtitles(catalog).items():
            if tail not in self.titles and tail not in self.short_titles:
                self.short_titles[tail] = items
                self.subtitle_keys.add(tail)
        # 'raiders of lost ark', 'return of jedi', 'lord of rings': a title of three words or
        # more typed without the article inside it (as learners and dictation often do)
        self.bare_keys: set[str] = set()  # read as the whole title they stand for
        for key, items in [*self.titles.items(), *self.short_titles.items()]:
            words = key.split()
            bare = " ".join([words[0], *(w for w in words[1:] if w not in ("the", "a", "an"))])
            if (
                bare != key
                and len(bare.split()) >= 3
                and bare not in self.titles
                and bare not in self.short_titles
            ):
                self.short_titles[bare] = list(items)
                if key in self.titles or key in self.subtitle_keys:
                    self.bare_keys.add(bare)
        # 'close encounters': read only where typed exactly, never as a typo's nearest key
        self.prefix_titles = {
            k: v for k, v in _unique_prefixes(self.titles).items() if k not in self.short_titles
        }
        # 'loved shawshank', 'lebowski was great': the one rare word of a well-known title
        for word, items in _distinctive_words(self.titles).items():
            if word not in self.short_titles and word not in self.prefix_titles:
                self.prefix_titles[word] = items
        self.title_keys = list(self.titles)
        self.fuzzy_keys = [
            *self.title_keys,
            *(k for k in self.short_titles if k not in self.titles),
        ]
        self._word_index: dict[str, list[str]] | None = None
        self._sounds: dict[str, list[str]] | None = None
        self._one_word_terms: dict[str, list[tuple[str, tuple[str, str]]]] | None = None
        self._facet_typos: dict[str, tuple[str, str] | None] = {}
        self._descriptions: str | None = None
        self.series = _series(self.titles)
        # titles a constraint pass would read as a year, an age, a length or who is watching
        # (one-word keys such as 'boy', of The Boy, are masked only when written as a title)
        self.risky_titles = {k for k in self.titles if _RISKY.search(k) and self.titles[k]}
        # the catalogue's own series ('Indiana Jones': Raiders of the Lost Ark first) win
        for name, films in _catalogue_series(catalog).items():
            self.series[name] = films
        self.topic_words = _topic_words(catalog)
        # each genre's share of the catalogue: a broad genre ('Romance', 405 of 7,952 films) is
        # what a capitalised genre word names; a narrow one ('Aliens', 33) leaves the film its
        # capitals
        sizes: dict[str, int] = {}
        for item in catalog:
            for genre in item.genres:
                sizes[genre] = sizes.get(genre, 0) + 1
        self.genre_share = {g: n / max(1, len(catalog)) for g, n in sizes.items()}
        self.name_phrases = _name_phrases(catalog)
        self.max_title_tokens = max((len(k.split()) for k in self.titles), default=1)
        self.context_surnames: dict[str, tuple[str, str]] = {}
        # surnames that are everyday words ('cruise', 'cage', 'stone'): their person only when
        # typed with a capital inside a sentence and beside a film noun or 'with' / 'by'
        self.capital_surnames: dict[str, tuple[str, str]] = {}
        self.facet_terms = _facet_terms(catalog, self.context_surnames, self.capital_surnames)
        self.people = {v for f, v in self.facet_terms.values() if f in NAMED_FACETS}
        # person -> how many films of the catalogue name them (a maker's name beats a title)
        self.person_films: dict[str, int] = {}
        for item in catalog:
            for person in item.facet("person"):
                self.person_films[person] = self.person_films.get(person, 0) + 1
        # first names that two or more people of the catalogue have and that the synopses never
        # write in lower case ('michael', 'tom'; not 'detective' or 'queen', which the name
        # recogniser took into a name): a lower-case pair that starts with one may be a person
        # the synopses never name
        firsts: dict[str, int] = {}
        for name in catalog.facet_values("person"):
            words = name.lower().split()
            if len(words) >= 2:
                firsts[words[0]] = firsts.get(words[0], 0) + 1
        lower = set(re.findall(r"\b[a-z]+\b", " ".join(i.description for i in catalog)))
        self.given_names = frozenset(
            w for w, c in firsts.items() if c >= 2 and w.isalpha() and w not in lower
        )
        # franchises named like one of their films ('Toy Story'): a franchise only when used as
        # an attribute ('the Toy Story movies', 'no more Toy Story'), else the film
        self.franchise_titles = _franchise_titles(catalog, self.titles)
        # words that make a lower-case title ambiguous ('scary movie', 'up', 'it')
        self.facet_words = frozenset(w for term in self.facet_terms for w in term)
        self.plain_words = COMMON_WORDS | self.facet_words
        self.max_facet_tokens = max((len(k) for k in self.facet_terms), default=1)
        self.languages = set(catalog.facet_values("language"))
        self.countries = set(catalog.facet_values("country"))
        self.moods = set(catalog.facet_values("mood"))
        self.audiences = set(catalog.facet_values("audience"))
        years = [i.year for i in catalog if i.year]
        self.latest_year = max(years) if years else 2025
        self.has_year = bool(years)
        prices = [i.price for i in catalog if i.price is not None]
        self.median_price = statistics.median(prices) if prices else None
        self.has_runtime = any(i.runtime for i in catalog)
        self.has_rating = any(i.rating is not None for i in catalog)
        # only initials whose words are read as a title ('esb' needs 'the empire strikes back'
        # to be a subtitle key)
        self.acronyms = {}
        for short, phrase in _acronyms(catalog, self.titles).items():
            tail = _SUBTITLE_SPLIT.split(phrase)[-1]
            if tail != phrase and normalize_title(tail) in self.subtitle_keys:
                phrase = normalize_title(tail)  # 'esb' -> 'empire strikes back'
            key = normalize_title(phrase)
            if key in self.titles or key in self.short_titles or key in self.prefix_titles:
                self.acronyms[short] = phrase

    def mentions(self, phrase: str) -> bool:
        """Whether any description contains `phrase` (lower case) as whole words, as in 'denzel
        washington'; the lower-cased descriptions are joined on first use (about 2 MB for the
        movie catalogue; one look-up takes about a millisecond)."""
        if self._descriptions is None:
            self._descriptions = "\n".join(i.description.lower() for i in self.catalog)
        # 'jean pierre jeunet' finds 'Jean-Pierre Jeunet' and the other way round
        words = re.split(r"[\s-]+", phrase.lower().strip())
        pattern = r"(?<!\w)" + r"[\s-]+".join(map(re.escape, words)) + r"(?!\w)"
        return re.search(pattern, self._descriptions) is not None

    def facet_typo(self, word: str) -> tuple[str, str] | None:
        """The facet value of a one-word facet term `word` is a slip of ('superheros' ->
        'superheroes', 'documentry' -> 'documentary'; 'singin' -> 'singing', its g dropped): a
        word of five letters or more, rare in English (wordfreq Zipf below 2.5), one edit away
        (Damerau-Levenshtein) from exactly one term value with the same first letter, a term
        at least 1.5 Zipf more frequent. None when no term or more than one value is that
        close; memoised per word."""
        from wordfreq import zipf_frequency

        if word in self._facet_typos:
            return self._facet_typos[word]
        found = self.facet_terms.get((word + "g",)) if word.endswith("in") else None
        if found is None and len(word) >= 5 and word.isalpha() and zipf_frequency(word, "en") < 2.5:
            if self._one_word_terms is None:
                self._one_word_terms = {}
                for key, value in self.facet_terms.items():
                    if len(key) == 1 and key[0].isalpha() and len(key[0]) >= 4:
                        self._one_word_terms.setdefault(key[0][0], []).append((key[0], value))
            near = {
                value
                for term, value in self._one_word_terms.get(word[0], ())
                if value[0] not in NAMED_FACETS
                and _one_edit(word, term)
                and zipf_frequency(term, "en") - zipf_frequency(word, "en") >= 1.5
            }
            found = next(iter(near)) if len(near) == 1 else None
        self._facet_typos[word] = found
        return found

    def spelt_like_a_topic(self, word: str) -> bool:
        """Whether `word` is one or two letters from a word the synopses use ('dinosuars' for
        'dinosaurs'; rapidfuzz ratio >= 85 over the topic words of the same first letter)."""
        from rapidfuzz import fuzz, process

        near = [w for w in self.topic_words if w[:1] == word[:1] and abs(len(w) - len(word)) <= 2]
        return process.extractOne(word, near, scorer=fuzz.ratio, score_cutoff=85) is not None

    def sounds_like(self, key: str) -> list[str]:
        """Title keys spelt differently but said alike ('incepshun' -> 'inception'); built on
        first use."""
        if self._sounds is None:
            self._sounds = {}
            for k in self.fuzzy_keys:
                self._sounds.setdefault(sound_key(k), []).append(k)
        return self._sounds.get(sound_key(key), [])

    def titles_with_word(self, word: str) -> list[str]:
        """Title keys that contain this word ('amelie') as a whole word, most popular first;
        only for words too rare in English to be a coincidence (wordfreq zipf < 3)."""
        from wordfreq import zipf_frequency

        if " " in word or len(word) < 4 or zipf_frequency(word, "en") >= 3.0:
            return []
        if self._word_index is None:
            index: dict[str, list[str]] = {}
            for key in self.titles:
                for w in set(key.split()):
                    index.setdefault(w, []).append(key)
            self._word_index = index
        keys = self._word_index.get(word, [])
        return sorted(keys, key=lambda k: -max(popularity(i) for i in self.titles[k]))

    def best_item(
        self, items: Sequence[Item], year: int | None = None, prefer: Sequence[str] = ()
    ) -> Item:
        """Same-titled items: that year's, else one the session knows, else the most popular
        feature film. A short (40 minutes or less, the Academy's line) is named only when nothing
        longer has the title: ReDial's movie list calls Shyamalan's film 'Signs (2008)', so the
        12-minute short of that year had more mentions than Signs (2002)."""
        if year is not None:
            same = [i for i in items if i.year == year]
            if same:
                items = same
        known = [i for i in items if i.id in prefer]
        if not known:
            features = [i for i in items if not i.runtime or i.runtime >= SHORT_FILM_MINUTES]
            items = features or items
        return max(known or items, key=popularity)


# a prefix must end on a content word: 'i can' is not I Can Only Imagine, 'the man who' is not
# The Man Who Knew Too Much (spaCy's English stop words, plus words that open a sequel's number)
ACRONYM_MIN_VOTES = 5  # omdb.org votes: about the catalogue's top quarter (27%)
ACRONYM_ONE_LETTER_VOTES = 50  # omdb.org votes: about the catalogue's top 2%
ACRONYM_MAX_ZIPF = 3.0  # wordfreq: 'lotr' 2.6 and 'tmnt' 2.5 are read; 'ngl' 2.9 needs a film
_ACRONYM_ARTICLES = frozenset(("the", "a", "an"))


def _acronyms(catalog: Catalog, titles: dict[str, list[Item]]) -> dict[str, str]:
    """What fans type for well-known titles -> the title words to read instead: the initials of
    a title's words before any colon or of its subtitle, of three words or more ('lotr' -> 'lord
    of the rings', 'bttf' -> 'back to the future', 'esb' -> 'empire strikes back'), or of two
    after an article ('tdk' -> 'dark knight'), and of a numbered sequel's name with its
    number ('t2' -> 'terminator 2'). Only films with ACRONYM_MIN_VOTES votes or more count
    (nobody abbreviates an obscure film); an initialism two of them share goes to the one with
    three times the votes of the other or to none; one that is an English word (wordfreq zipf
    >= ACRONYM_MAX_ZIPF, 'abc', 'tbh'), chat slang or a title of its own is never read so."""
    from wordfreq import zipf_frequency

    found: dict[str, dict[str, int]] = {}
    for item in catalog:
        if item.votes < ACRONYM_MIN_VOTES:
            continue
        parts = [item.title.split(":")[0]]
        tail = re.split(r"\s*(?::|\s[-–—]\s)\s*", item.title)[-1]
        if tail != item.title and tail not in parts:
            parts.append(tail)  # 'esb' for 'Star Wars: Episode V - The Empire Strikes Back'
        for k, part in enumerate(parts):
            # a subtitle's initials stand for the whole title ('rotk': the subtitle alone may
            # name no title of its own)
            _acronyms_of(part, item, titles, found, item.title if k else None)
    # 't2 yes, t3 no': once one numbered film of a series is known by a letter and its number,
    # its numbered siblings are too, however few votes they have
    lettered = {
        phrase.rsplit(" ", 1)[0]
        for short, phrases in found.items()
        if len(short) == 2 and short[1].isdecimal()
        for phrase in phrases
    }
    for item in catalog:
        words = [w for w in normalize_title(item.title.split(":")[0]).split() if w]
        while words and words[0] in _ACRONYM_ARTICLES:
            words = words[1:]
        if (
            ACRONYM_MIN_VOTES <= item.votes < ACRONYM_ONE_LETTER_VOTES
            and len(words) == 2
            and words[1].isdecimal()
            and words[0] in lettered
        ):
            found.setdefault(words[0][0] + words[1], {})[" ".join(words)] = item.votes
    out: dict[str, str] = {}
    for short, phrases in found.items():
        if len(short) < 2 or short in titles or short in SLANG or short in CHAT_ABBREVIATIONS:
            continue
        if short.isalpha() and (len(short) < 3 or zipf_frequency(short, "en") >= ACRONYM_MAX_ZIPF):
            continue
        ranked = sorted(phrases.items(), key=lambda kv: kv[1], reverse=True)
        if len(ranked) > 1 and ranked[0][1] < 3 * ranked[1][1]:
            continue
        out[short] = ranked[0][0]
    return out


def _acronyms_of(
    name: str,
    item: Item,
    titles: dict[str, list[Item]],
    found: dict[str, dict[str, int]],
    whole: str | None = None,
) -> None:
    """Add the initialisms of one part of a title (its name before a colon, or its subtitle)
    to `found` (initialism -> {words to read: votes}); `whole` is read instead of the part's
    words when given."""
    words = [w for w in normalize_title(name).split() if w]
    while words and words[0] in _ACRONYM_ARTICLES:
        words = words[1:]
    if words and words[-1].isdecimal() and len(words) >= 2 and not words[0].isdecimal():
        # 'terminator 2' -> 't2', 'toy story 3' -> 'ts3'; one letter and a number only for
        # the best-known films (ACRONYM_ONE_LETTER_VOTES: 'b2', 'r2' mean other things)
        short = "".join(w[0] for w in words[:-1]) + words[-1]
        if len(words) == 2 and item.votes < ACRONYM_ONE_LETTER_VOTES:
            return
        found.setdefault(short, {})[" ".join(words)] = item.votes
        base = " ".join(words[:-1])
        if words[-1] == "2" and base in titles:
            # 't1' beside 't2': the first film, called by the series' name
            found.setdefault(short[:-1] + "1", {})[base] = item.votes
    elif len(words) >= 2 and all(w.isalpha() for w in words):
        # 'tdk' -> 'the dark knight': with the article, as fans type it (and as it is read)
        article = re.match(r"(the|a|an) ", name.lower())
        phrase = " ".join([article.group(1), *words] if article else words)
        shorts = ["".join(w[0] for w in words)] if len(words) >= 3 else []
        if article:
            shorts.append(article.group(1)[0] + "".join(w[0] for w in words))
        phrase = whole or phrase
        for short in shorts:
            votes = found.setdefault(short, {})
            votes[phrase] = max(votes.get(phrase, 0), item.votes)


# ('like' is a preposition there: 'nothing like Saw' is not Nothing Like the Holidays)
_PREFIX_STOP = frozenset({"vs", "part", "chapter", "episode", "like"})
NAME_WORD_MIN_VOTES = 20  # omdb.org votes: about the catalogue's best-known 5%
NAME_WORD_MAX_ZIPF = 3.0  # wordfreq: 'shawshank' 2.6, 'lebowski' 2.7; 'clockwork' 3.2 is a word


def _distinctive_words(titles: dict[str, list[Item]]) -> dict[str, list[Item]]:
    """Words fans use alone for a well-known title: a word of five letters or more that is rare
    in English (wordfreq zipf < NAME_WORD_MAX_ZIPF), occurs in exactly one title key and is no
    title of its own, of a film with NAME_WORD_MIN_VOTES votes or more ('shawshank' -> The
    Shawshank Redemption, 'lebowski' -> The Big Lebowski, 'mononoke' -> Princess Mononoke). Read
    like a title's leading words: only where a verdict, a list or the whole message says so."""
    from wordfreq import zipf_frequency

    keys_of: dict[str, set[str]] = {}
    for key in titles:
        for word in set(key.split()):
            keys_of.setdefault(word, set()).add(key)
    out: dict[str, list[Item]] = {}
    for word, keys in keys_of.items():
        if len(keys) != 1 or len(word) < 5 or not word.isalpha() or word in titles:
            continue
        items = titles[next(iter(keys))]
        if max(it.votes for it in items) < NAME_WORD_MIN_VOTES:
            continue
        if zipf_frequency(word, "en") >= NAME_WORD_MAX_ZIPF:
            continue
        out[word] = list(items)
    return out


def _unique_prefixes(titles: dict[str, list[Item]]) -> dict[str, list[Item]]:
    """Leading words that begin exactly one long title and no other: 'close encounters' for Close
    Encounters of the Third Kind, 'eternal sunshine' for Eternal Sunshine of the Spotless Mind,
    'e t' for E.T. The Extra-Terrestrial. A prefix has two or more words, ends on a content word,
    and is no title of its own; whether a typed span is meant as a title is decided where it is
    read, as for any title."""
    from spacy.lang.en.stop_words import STOP_WORDS

    stop = _PREFIX_STOP | STOP_WORDS
    counts: dict[str, set[str]] = {}
    for key in titles:
        words = key.split()
        for n in range(2, len(words)):
            acronym = all(len(w) == 1 for w in words[:n])  # 'e t' for 'E.T. The ...'
            if words[n - 1] not in stop and (len(words[n - 1]) > 1 or acronym):
                counts.setdefault(" ".join(words[:n]), set()).add(key)
    return {
        prefix: list(titles[next(iter(keys))])
        for prefix, keys in counts.items()
        # not '30 minutes' for 30 Minutes or Less: a length, a year or an age reads first
        if len(keys) == 1 and prefix not in titles and not _RISKY.search(prefix)
    }


_SUBTITLE_SPLIT = re.compile(r"\s*(?::|\s[-–—]\s)\s*|\s+and\s+the\s+", re.IGNORECASE)


def _subtitles(catalog: Catalog) -> dict[str, list[Item]]:
    """Subtitle keys -> their one title: the part after ':', ' - ' or ' and the ' ('Indiana
    Jones and the Temple of Doom' -> 'temple of doom', 'Star Wars: Episode V - The Empire Strikes
    Back' -> 'empire strikes back'). A subtitle counts when it has two or more words, one of
    them rare enough to name something (wordfreq zipf < 4.3, so not 'the beginning' or 'part
    ii') or four or more words with 'of the' ('return of the king'), and belongs to one title
    only."""
    from wordfreq import zipf_frequency

    found: dict[str, list[Item]] = {}
    for item in catalog:
        parts = _SUBTITLE_SPLIT.split(item.title)
        for tail in parts[1:]:
            key = normalize_title(tail)
            words = key.split()
            if len(words) < 2 or words[0] in ("episode", "part", "chapter"):
                continue
            if not any(zipf_frequency(w, "en") < 4.3 for w in words if w.isalpha()) and not (
                # 'The Return of the King', 'Rise of the Machines': a longer 'X of the Y' names
                # its film though every word is common
                (len(words) >= 4 and re.search(r"\b(?:of|to) (?:the|an?)\b", key))
                # 'A New Hope': three words as titled, of one of the best-known films
                or (len(tail.split()) >= 3 and item.votes >= ACRONYM_ONE_LETTER_VOTES)
            ):
                continue
            found.setdefault(key, [])
            if item not in found[key]:
                found[key].append(item)
    return {k: v for k, v in found.items() if len(v) == 1}


_RISKY = re.compile(
    r"\d|\b(old|older|new|newer|year|years|hour|hours|minutes|long|short|modern|recent|"
    # who is watching: 'The Boy', 'My Girl', 'The Kids Are All Right', 'Meet the Parents'
    r"kids?|child|children|boys?|girls?|baby|babies|sons?|daughters?|family|teens?|teenagers?|"
    r"parents|mom|dad|mother|father|grandma|grandpa|adults?)\b"
)


_SEQUEL = re.compile(r"^(?:\d+|[ivx]+|part \w+|episode \w+|chapter \w+|and the \w+)\b")


def _series(titles: dict[str, list[Item]]) -> dict[str, list[Item]]:
    """Franchise head ('toy story') -> its films in release order: titles that are the head
    or the head followed by a number, a roman numeral, 'part'/'episode'/'chapter' or a subtitle
    after a colon ('Star Wars: Episode V')."""
    out: dict[str, list[Item]] = {}
    for key, items in titles.items():
        for item in items:
            raw = fold_accents(item.title).lower()
            for head in _heads(key, raw):
                if len(head) >= 3:
                    out.setdefault(head, []).append(item)
    return {
        h: sorted(dict.fromkeys(items), key=lambda i: (i.year or 9999, i.title))
        for h, items in out.items()
        if len(set(items)) >= 2
    }


def _catalogue_series(catalog: Catalog) -> dict[str, list[Item]]:
    """Series name key -> its films in release order, from items' extra["series"]; in the same
    year a film named after the series comes first ('The Matrix Reloaded' before 'The Animatrix',
    a spin-off)."""
    out: dict[str, list[Item]] = {}
    for item in catalog:
        name = item.extra.get("series")
        if isinstance(name, str) and normalize_title(name):
            out.setdefault(normalize_title(name), []).append(item)

    def order(key: str, item: Item) -> tuple[int, bool, str]:
        named = f" {key} " in f" {normalize_title(item.title)} "
        return (item.year or 9999, not named, item.title)

    return {
        k: sorted(v, key=lambda i, k=k: order(k, i))  # type: ignore[misc]
        for k, v in out.items()
        if len(v) >= 2
    }


def _heads(key: str, raw: str) -> Iterable[str]:
    words = key.split()
    for n in range(1, len(words) + 1):
        head, rest = " ".join(words[:n]), " ".join(words[n:])
        before_colon = raw.split(":")[0].strip(" .")
        if not rest or _SEQUEL.match(rest) or before_colon in (head, "the " + head):
            yield head


def _self_names(item: Item) -> list[str]:
    """Names the item's synopsis opens with as its subject that the recogniser took for a person
    ('Spirited Away is an Oscar winning film' for 千と千尋の神隠し): the film's English name. Only
    for films titled in another script or language ('Adam Sandler is Little Nicky' is a person)."""
    if item.title.isascii() or "en" in item.facet("language"):
        return []
    return [
        v
        for v in item.facet("person")
        if re.match(rf"{re.escape(v)}\s+(?:is|was)\b", item.description)
    ]


# a synopsis that opens with the film's own name: 'Wild Strawberries is a drama from Swedish
# director Ingmar Bergman', 'A Fistful of Dollars (1964) is the first ...', 'Wings of Desire is
# Wim Wender's artistically beautiful film': a capitalised name, 'is', and a word for a film soon
_OPENING_NAME = re.compile(
    r"^(?P<name>[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|of|the|a|an|and|in|on|at|to|from|for|with))"
    r"{1,6})\s+(?:\(\d{4}\)\s+)?(?:is|was)\s+(?P<what>(?:[\w'’-]+\s+){0,8}?)"
    r"(?:film|movie|drama|comedy|thriller|documentary|classic|masterpiece|adaptation|sequel|"
    r"western|musical|melodrama|satire|epic|debut|feature|picture|animation|anime|tale|story)s?\b"
)


def _synopsis_names(item: Item) -> list[str]:
    """The English name a synopsis of a film not in English opens with as its subject ('Wild
    Strawberries is a drama from Swedish director Ingmar Bergman' for Smultronstället), when a
    word for a film follows soon ('Russ Duritz is a successful image consultant' names a
    character). Two words or more; none for a film whose first language is English."""
    if (item.facet("language") or ("en",))[0] == "en":
        return []
    m = _OPENING_NAME.match(item.description)
    if m is None:
        return []
    # "Jean Renoir's The Rules of the Game": the name after its maker's possessive
    name = m["name"]
    maker = re.match(r"(?P<who>.+?)['’]s\s+(?=[A-Z])", name)
    if maker is not None and maker["who"].lower() in {p.lower() for p in item.facet("person")}:
        name = name[maker.end() :]
    name = re.sub(
        r"\s+(?:the|a|an|and|of|in|on|at|to|from|for|with|this|it|he|she)$", "", name, flags=re.I
    )
    if normalize_title(name) == normalize_title(item.title) or len(name.split()) < 2:
        return []
    return [name]


_SURNAME_PARTICLES = frozenset(
    ("de", "del", "della", "di", "da", "van", "von", "der", "den", "le", "la", "du", "st", "mac")
)


# number words and their digits, for titles that write a number one way ("Ocean's Eleven",
# 'Apollo 13'); 'one' is left out ('rogue one' is typed so, and 'the first one' is no number)
_NUMBER_WORDS = dict(
    zip(
        re.findall(
            r"\w+",
            "two three four five six seven eight nine ten eleven twelve thirteen fourteen "
            "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy "
            "eighty ninety hundred",
        ),
        [*map(str, range(2, 21)), *map(str, range(30, 100, 10)), "100"],
        strict=True,
    )
)
_NUMBER_DIGITS = {v: k for k, v in _NUMBER_WORDS.items()}


def _numbers_other_way(key: str) -> str:
    """A normalised title with every number after its first word written the other way
    ('ocean s eleven' -> 'ocean s 11', 'apollo 13' -> 'apollo thirteen'); the first word stays
    ('seven samurai', '12 angry men': a number opening a title is typed as the title has it)."""
    words = key.split()
    swapped = [_NUMBER_WORDS.get(w) or _NUMBER_DIGITS.get(w) or w for w in words[1:]]
    return " ".join([*words[:1], *swapped])


def _without_apostrophe_s(key: str) -> str:
    """A normalised title with each possessive 's' joined back to its word ('pan s labyrinth'
    -> 'pans labyrinth')."""
    return re.sub(r"(?<=\w) s\b", "s", key)


def _lower_case_pairs(catalog: Catalog) -> set[tuple[str, str]]:
    """Pairs of adjacent words that some synopsis writes both in lower case ('hip hop')."""
    out: set[tuple[str, str]] = set()
    for item in catalog:
        words = re.findall(r"[\w']+", item.description)
        pairs = zip(words, words[1:], strict=False)
        out.update((a, b) for a, b in pairs if a[:1].islower() and b[:1].islower())
    return out


def _not_a_person(key: str, titles: set[str]) -> bool:
    """A 'name' that is a title, or part of two titles or more ('Kung Fu': Kung Fu Panda, Kung
    Fu Yoga), is a concept the recogniser mistook for a person."""
    if key in titles:
        return True
    pattern = re.compile(rf"(?<!\w){re.escape(key)}(?!\w)")
    return sum(1 for t in titles if pattern.search(t)) >= 2


def _topic_words(catalog: Catalog) -> dict[str, float]:
    """Word -> share of descriptions that contain it, over the catalogue's descriptions."""
    counts: dict[str, int] = {}
    n = 0
    for item in catalog:
        n += 1
        for w in set(re.findall(r"[a-z][a-z'-]+", item.description.lower())):
            counts[w] = counts.get(w, 0) + 1
    return {w: c / max(1, n) for w, c in counts.items()}


def _name_phrases(catalog: Catalog, min_items: int = 3) -> frozenset[tuple[str, str]]:
    """Lower-cased word pairs that the descriptions write as one capitalised name inside a
    sentence ('New York', 'World War', 'Los Angeles'), in at least `min_items` descriptions: a
    user may type them in lower case ('set in new york')."""
    counts: dict[tuple[str, str], int] = {}
    for item in catalog:
        pairs = re.findall(r"(?<=[a-z,] )([A-Z][a-z]+) (?=([A-Z][a-z]+))", item.description)
        for pair in {(a.lower(), b.lower()) for a, b in pairs}:
            counts[pair] = counts.get(pair, 0) + 1
    return frozenset(p for p, c in counts.items() if c >= min_items)


def _franchise_term(value: str, titles: set[str]) -> bool:
    """A franchise name that can stand alone as a term: not a catalogue title ('Toy Story') and
    not one everyday word ('Saw', 'Speed': wordfreq zipf >= 3)."""
    from wordfreq import zipf_frequency

    key = normalize_title(value)
    if key in titles:
        return False
    words = key.split()
    return not (len(words) == 1 and zipf_frequency(words[0], "en") >= 3.0)


def _franchise_titles(
    catalog: Catalog, titles: dict[str, list[Item]]
) -> dict[tuple[str, ...], tuple[str, str]]:
    """Token key -> ("franchise", name) for franchises named exactly like a catalogue title."""
    out: dict[tuple[str, ...], tuple[str, str]] = {}
    for value in catalog.facet_values("franchise"):
        if normalize_title(value) in titles:
            norm = _norm_phrase(fold_accents(value))
            out[tuple(norm.split())] = ("franchise", value)
            words = norm.split()
            if words[0] == "the" and len(words) > 1:
                out[tuple(words[1:])] = ("franchise", value)  # 'the Matrix movies'
    return out


def _facet_terms(
    catalog: Catalog,
    by_context: dict[str, tuple[str, str]] | None = None,
    by_capital: dict[str, tuple[str, str]] | None = None,
) -> dict[tuple[str, ...], tuple[str, str]]:
    """Facet terms (word tuple -> (facet, value)); `by_context`, when given, is filled with the
    surnames that are also common first names or words ('nolan', 'burton', 'willis': wordfreq
    zipf 3.5 to 4) and so name their person only beside 'by' / 'with' / 'film' (see
    the parser's `_surname_in_context` in chatbot.understanding.parse); `by_capital` with the
    clear surnames of people with three films or more that are everyday words ('cruise',
    'cage'), their person only when capitalised beside a film noun or 'by' / 'with'."""
    from wordfreq import zipf_frequency

    terms: dict[tuple[str, ...], tuple[str, str]] = {}
    by_norm: dict[str, tuple[str, str]] = {}
    surnames: dict[str, set[str]] = {}
    firsts: dict[str, set[str]] = {}
    # names a synopsis opens with as its subject ('Spirited Away is an Oscar winning film'): the
    # film's own (English) name, which the recogniser took for a person
    self_named = {v for i in catalog for v in _self_names(i)}
    # word pairs the synopses write in lower case ('hip hop music'): a concept, so a 'person' of
    # that name ('Hip Hop') is one the recogniser made up
    lower_pairs = _lower_case_pairs(catalog)
    # titles and their aliases: 'Spirited Away' (the English name of 千と千尋の神隠し) is no person
    titles = {
        form
        for i in catalog
        for name in (i.title, *(a for a in i.extra.get("aliases", ()) if isinstance(a, str)))
        for form in (normalize_title(name), _without_apostrophe_s(normalize_title(name)))
    }
    for name in ("franchise", "studio", "person"):  # a franchise's name is no character's
        for value in catalog.facet_values(name):
            norm = _norm_phrase(fold_accents(value))
            if len(norm) < 3 or (
                name == "person"
                and (
                    _not_a_person(normalize_title(value), titles)
                    or value in self_named
                    or tuple(value.lower().split()) in lower_pairs
                )
            ):
                continue  # the recogniser sometimes takes a title for a name ('Toy Story')
            if name == "franchise" and not _franchise_term(value, titles):
                continue  # 'Toy Story', 'Saw', 'Speed': the film's or everyday word's first
            terms.setdefault(tuple(norm.split()), (name, value))
            if norm.endswith(" s") and name == "franchise":
                # "Ocean's" is typed as one word ("no ocean's movies", "not Ocean's")
                parts = norm.split()[:-1]
                terms.setdefault((*parts[:-1], parts[-1] + "'s"), (name, value))
            last = norm.split()[-1]
            if name == "person" and len(norm.split()) > 1:
                surnames.setdefault(last, set()).add(value)
                firsts.setdefault(norm.split()[0], set()).add(value)
                parts = norm.split()
                if len(parts) > 2 and parts[-2] in _SURNAME_PARTICLES:
                    # 'De Niro', 'Van Damme', 'Del Toro': the surname with its particle
                    terms.setdefault(tuple(parts[-2:]), (name, value))
    for value in catalog.facet_values("studio"):
        # 'DC' for DC Comics, 'Ghibli' for Studio Ghibli: an acronym or a rare word of the name
        for word in value.split():
            w = word.lower().strip(".")
            if (word.isupper() and len(word) >= 2) or (len(w) >= 4 and zipf_frequency(w, "en") < 3):
                terms.setdefault((w,), ("studio", value))
    films_of: dict[str, int] = {}
    titles_of: dict[str, set[str]] = {}
    for item in catalog:
        for person in item.facet("person"):
            films_of[person] = films_of.get(person, 0) + 1
            titles_of.setdefault(person, set()).add(normalize_title(item.title))
    lower_words = {w for pair in lower_pairs for w in pair} if by_context is not None else set()
    for last, values in surnames.items():
        # 'a Spielberg film': a surname names the person when only one person has it, or one of
        # them has at least three times the films of any other ('a Nolan film' is Christopher
        # Nolan's, not Jonathan's), and it is not an everyday English word ('Stone', 'Wood')
        ranked = sorted(values, key=lambda v: -films_of.get(v, 0))
        # 'Federico Fellini' and 'Frederico Fellini': one person spelt two ways in the
        # synopses (first names a letter or two apart) counts once, as the one with more films
        ranked = [
            v for k, v in enumerate(ranked) if not any(_same_first_name(v, w) for w in ranked[:k])
        ]
        counts = [films_of.get(v, 0) for v in ranked]
        clear = len(ranked) == 1 or (counts[0] >= 3 and counts[0] >= 3 * counts[1])
        if titles_of.get(ranked[0], set()) == {last}:
            # 'not Constantine tho': a title character (John Constantine) named only in the
            # synopsis of the film of that name; the surname alone is the film
            continue
        if clear and len(last) >= 4:
            # 'something Lynchian', 'Hitchcockian suspense', 'Kubrick-esque', 'Felliniesque':
            # the adjective of a surname names the person whose films it is made from, when it is
            # no everyday word ('christian', 'victorian')
            for adjective in _name_adjectives(last):
                # ('Tati-esque' names him with one film; 'romanesque' is no Danny Roman's)
                if "-" in adjective or (
                    counts[0] >= 2 and zipf_frequency(adjective, "en") < NAME_ADJECTIVE_ZIPF
                ):
                    terms.setdefault(tuple(_norm_phrase(adjective).split()), ("person", ranked[0]))
        if clear and len(last) >= 4 and zipf_frequency(last, "en") < 3.5:
            terms.setdefault((last,), ("person", ranked[0]))
        elif (
            clear
            and by_context is not None
            and len(last) >= 4
            and zipf_frequency(last, "en") < SURNAME_IN_CONTEXT_ZIPF
            and last not in lower_words  # 'gore', 'dove': words the synopses use
        ):
            by_context.setdefault(last, ("person", ranked[0]))
        elif clear and by_capital is not None and len(last) >= 4 and counts[0] >= 3:
            by_capital.setdefault(last, ("person", ranked[0]))  # 'Cruise movies', 'with Cage'
    if by_context is not None:
        # 'something with keanu', 'an arnold movie', 'quentin's films': a first name names its
        # person in the same places as a common surname, when one person of the catalogue has
        # it (or one has three times the films of any other), it is nobody's surname and the
        # synopses never write it as a word ('will', 'rose')
        lower = set(re.findall(r"\b[a-z]+\b", " ".join(i.description for i in catalog)))
        for first, values in firsts.items():
            ranked = sorted(values, key=lambda v: -films_of.get(v, 0))
            counts = [films_of.get(v, 0) for v in ranked]
            if (
                (len(ranked) == 1 or (counts[0] >= 3 and counts[0] >= 3 * counts[1]))
                and len(first) >= 4
                and first.isalpha()
                and zipf_frequency(first, "en") < FIRST_NAME_IN_CONTEXT_ZIPF
                and first not in surnames
                and first not in lower
                and (first,) not in terms
            ):
                by_context.setdefault(first, ("person", ranked[0]))
    for name in catalog.facet_names():
        if name in ("language", "country", *NAMED_FACETS):
            continue
        for value in catalog.facet_values(name):
            norm = _norm_phrase(value)
            if len(norm) < 3 or norm in FILLER_WORDS or norm in ("short", "long"):  # runtime words
                continue
            by_norm.setdefault(norm, ("genre" if name == "genre" else name, value))
            for variant in _variants(norm):
                terms.setdefault(tuple(variant.split()), by_norm[norm])
    for alias, targets in FACET_ALIASES.items():
        for target in map(_norm_phrase, targets):  # 'splatter film' is the value 'splatter'
            if target in by_norm:
                terms[tuple(alias.split())] = by_norm[target]  # curated aliases win
                if " " not in alias and alias.endswith("y") and len(alias) > 3:
                    # 'sillier', 'creepier', 'gorier': the comparative reads as the word
                    terms.setdefault((alias[:-1] + "ier",), by_norm[target])
                break
    for people in (("adults",), ("seniors",), ("teens",), ("couples",)):
        terms.pop(people, None)  # 'that adults will also enjoy': who watches, not a kind of film
    return terms


NAME_ADJECTIVE_ZIPF = 3.0  # wordfreq zipf under which 'lynchian' is no everyday word


def _name_adjectives(surname: str) -> tuple[str, ...]:
    """Adjectives made from a surname, lower case: 'lynch' -> 'lynchian', 'lynchesque',
    'lynch-esque'; 'welles' -> 'wellesian'; 'shakespeare' -> 'shakespearean'. (No '-like':
    read as two words it would make 'more like' Thomas More's.)"""
    stem = surname[:-1] if surname[-1] in "aeiou" else surname
    forms = {surname + "ian", stem + "ian", surname + "esque", surname + "-esque"}
    if surname.endswith("e"):
        forms.add(surname + "an")  # 'shakespearean'
    return tuple(sorted(forms))


def _same_first_name(a: str, b: str) -> bool:
    """Two full names with the same surname whose first names are one edit apart
    and start with the same letter ('Federico' / 'Frederico'; not 'Ingrid' / 'Ingmar')."""
    from rapidfuzz.distance import DamerauLevenshtein

    fa, fb = a.split()[0].lower(), b.split()[0].lower()
    return (
        a.split()[1:] == b.split()[1:]
        and fa[:1] == fb[:1]
        and min(len(fa), len(fb)) >= 4
        and DamerauLevenshtein.distance(fa, fb) <= 1
    )


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


# times and occasions of watching: 'movie night', 'a rainy sunday afternoon' are no topics
OCCASION_NOUNS = frozenset(
    ("night", "nights", "evening", "evenings", "afternoon", "afternoons", "morning", "mornings")
    + ("weekend", "weekends", "sunday", "saturday", "friday", "sleepover", "sleepovers")
    + ("party", "parties", "anniversary", "gathering", "get-together", "hangout")
    + ("day", "days", "weeknight", "weeknights", "weekday", "weekdays")
    # 'a fast and furious marathon', 'our christmas tradition': how the watching is planned
    + ("marathon", "marathons", "binge", "tradition", "traditions", "session", "sessions")
)
# surnames as common as this (wordfreq zipf; 'nolan' 3.64, 'willis' 3.69) name a person only
# after 'by' / 'with' / 'starring' or before 'film' / 'movie'; 'gore' 3.75 and 'dove' 3.67 are
# words, so never alone
SURNAME_IN_CONTEXT_ZIPF = 4.0
# a short film runs 40 minutes or less (the Academy of Motion Picture Arts and Sciences' rule)
SHORT_FILM_MINUTES = 41
# first names as common as this ('arnold' 4.0, 'keanu' 2.9; not 'steven' 4.24) name their one
# person of the catalogue in the same places ('something with keanu', 'an arnold movie')
FIRST_NAME_IN_CONTEXT_ZIPF = 4.1
# journeys a film is watched on ('long flight tomorrow', 'a long train ride'): no topic unless
# the film is about one ('a movie about a flight')
JOURNEY_NOUNS = frozenset(("flight", "flights", "ride", "journey", "commute", "layover"))
# travelling or moving: where the user goes is no topic ('going on a long flight tomorrow')
TRAVEL_VERBS = frozenset(("go", "head", "fly", "travel", "move", "leave", "drive", "commute"))
# what people eat or drink while watching ('eating pizza', 'having sushi'): no topic
MEAL_VERBS = frozenset(("eat", "drink", "cook", "order", "grab", "munch", "sip"))
# where people watch ('on the couch', 'in bed'): no topic
VIEWING_PLACES = frozenset(("couch", "sofa", "bed", "laptop", "phone", "tv", "tablet"))
# what people watch with ('with tea', 'with popcorn and a blanket'): no topic
VIEWING_COMPANIONS = frozenset(
    ("tea", "coffee", "pizza", "popcorn", "snack", "wine", "beer", "cocoa", "chocolate")
    + ("ice", "cream", "blanket", "takeout", "takeaway", "chip", "candy", "drink", "nachos")
)
# what the user is ill with ('home with the flu', 'I have a cold'): no topic unless the film is
# about it ('a film about a virus outbreak')
AILMENTS = frozenset(
    ("flu", "cold", "fever", "headache", "migraine", "covid", "cough", "bug", "virus", "stomach")
    + ("sniffles", "hangover", "toothache", "backache", "injury", "surgery", "operation")
)
# weather said of the day ('so grey and gloomy outside', "it's freezing"): no topic
WEATHER_WORDS = frozenset(
    ("gloomy", "grey", "gray", "freezing", "rainy", "snowy", "stormy", "foggy", "chilly", "hot")
    + ("sunny", "cold", "windy", "humid", "miserable", "dreary", "wet", "muggy")
)
# seasons a film can be set in ('a film set in winter'), though the parser tags them as dates
SEASONS = frozenset(("winter", "summer", "autumn", "fall", "spring", "wintertime", "summertime"))
# holidays a film can be about ('Christmas movies'), though the parser tags them as dates
HOLIDAYS = frozenset(
    ("christmas", "xmas", "thanksgiving", "halloween", "easter", "hanukkah", "valentine's")
    + ("valentines", "valentine", "new year's", "diwali", "holiday", "holidays")
)
# nouns for the film itself: a word below one of them describes the film ('a movie about my
# hometown', 'something where a dog dies'), whatever else the sentence says about the user
FILM_NOUNS = frozenset(
    ("movie", "movies", "film", "films", "flick", "flicks", "something", "anything", "one")
    + ("ones", "story", "stories", "documentary", "doc", "show", "picture", "thing", "stuff")
)
# adjectives of taste: what follows them is what the user wants ('crazy about sharks')
TASTE_ADJECTIVES = frozenset(
    ("crazy", "mad", "nuts", "keen", "fond", "big", "interested", "fascinated", "obsessed")
    + ("hooked", "passionate", "curious", "excited", "wild", "sweet", "partial", "huge")
)
# subjects that name a taste: what they are said to be is a wish ('my favourite genre is horror')
TASTE_SUBJECTS = frozenset(
    ("genre", "favourite", "favorite", "fave", "type", "taste", "thing", "jam", "kind", "pick")
    + ("choice", "preference", "movie", "film", "go-to", "weakness", "comfort")
)
# whose: what follows is a noun of someone's ('my favourite', 'of my life')
POSSESSIVES = frozenset(("my", "our", "his", "her", "their", "your"))
# words that place a clause in the user's here and now ('the heat is unbearable here')
HERE_AND_NOW = frozenset(
    ("here", "outside", "today", "tonight", "now", "rn", "currently", "lately", "atm")
)
# verbs of watching whose circumstances ('watch on the plane') are no topic
VIEWING_VERBS = frozenset(
    ("watch", "see", "put", "play", "stream", "view")
    + ("recommend", "suggest", "show", "find", "enjoy", "relax", "chill", "fall", "try", "read")
    + ("listen",)
)
SETTING_VERBS = frozenset(("set", "take", "happen", "base", "film", "shoot", "star", "feature"))
# nouns of how much one likes a kind of film ('a horror buff', 'on a western kick')
TASTE_NOUNS = frozenset(
    ("lover", "fan", "enthusiast", "buff", "nerd", "geek", "addict", "junkie", "fanatic")
    + ("freak", "kick", "phase", "binge", "streak", "spree", "craze", "person", "guy", "gal")
    + ("lovers", "fans", "buffs", "nerds", "geeks", "addicts", "junkies", "fanatics", "freaks")
)
_SENTENCE_OPENERS = frozenset(
    ["It", "I", "He", "She", "We", "They", "This", "That", "There", "Then", "But", "And", "So"]
)


# words that take a wish back ('forget the comedy part', 'scratch pixar', 'never mind romance')
_TAKE_BACK = frozenset(
    ("forget", "scratch", "scrap", "ditch", "drop", "nevermind", "never mind", "lose", "cancel")
    + ("undo", "ignore", "disregard", "remove", "delete", "erase", "take back", "strike")
)
# words between a take-back verb and what it takes back ('forget the', 'never mind my', 'take
# back what i said about', 'ignore everything i told you about')
_BETWEEN_TAKE_BACK_AND_WHAT = frozenset(
    ("the", "that", "those", "all", "about", "my", "of", "what", "everything", "i", "we")
    + ("said", "told", "you", "u", "just", "wrote", "typed", "mentioned", "earlier", "before")
)


# a title's article after its colon or dash that reads like a letter grade ('2001: A Space
# Odyssey', 'Rogue One: A Star Wars Story')
_GRADE_LIKE_ARTICLE = re.compile(r"\s*[:\-–]\s*[A-DF]\s")
# id of the vocabulary -> (that vocabulary, its pattern): the object is kept beside its id, so
# an id reused by a later vocabulary is never served the old catalogue's titles
_ARTICLE_TITLES: dict[int, tuple[Vocabulary, re.Pattern[str] | None]] = {}


def _articles_kept(text: str, vocab: Vocabulary) -> str:
    """`text` with the article of a catalogue title said in full, such as '2001: A Space
    Odyssey', in lower case, so the letter-grade readings of `normalize_slang` ('Heat: A')
    never take it for a grade (the titles are matched without regard to case)."""
    if ":" not in text and "-" not in text and "–" not in text:
        return text
    key = id(vocab)
    if _ARTICLE_TITLES.get(key, (None, None))[0] is not vocab:
        names = sorted(
            {item.title for item in vocab.catalog if _GRADE_LIKE_ARTICLE.search(item.title)},
            key=len,
            reverse=True,
        )
        _ARTICLE_TITLES[key] = (
            vocab,
            (
                re.compile(
                    r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)",
                    re.IGNORECASE,
                )
                if names
                else None
            ),
        )
    pattern = _ARTICLE_TITLES[key][1]
    if pattern is None:
        return text
    return pattern.sub(lambda m: _GRADE_LIKE_ARTICLE.sub(lambda a: a.group(0).lower(), m[0]), text)


class ParseBase:
    """One message being read: the shared state the rule passes work on."""

    toks: list[Tok]

    def __init__(self, vocab: Vocabulary, text: str, state: InterestState) -> None:
        self.vocab = vocab
        self.state = state
        text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
        self.text = normalize_slang(plain_text(normalize_chat(_articles_kept(text, vocab))))
        self.low = self.text.lower()
        self.events: list[Event] = []
        self.commands_read = 0  # phrases _consume acted on (commands, constraints, requests)
        self.notes: list[str] = []
        self.unknown: list[str] = []
        self.targets: list[Target] = []
        self.cues: list[Cue] = []
        # franchise targets that head the places of their films ('the Matrix trilogy: the first')
        self.headings: set[int] = set()
        # titles said to have done something to the user ('Up made me bawl'): no list's verdict
        self.effects: set[int] = set()
        self.reset = False
        self.no_picks_referred = False  # 'the second one' said before anything was shown
        # 'the one with the plane' when no pick (or several) has a plane: which one is unknown
        self.vague_reference = False
        # 'loved the one where the guy relives the same day': a film described, not named, and
        # none on the table or liked fits: its words are no wish, 'it' is not a pick
        self.described_unplaced = False
        # 'I read Dune', 'the Fargo TV series': titles named as another medium's work
        self.other_media: list[Item] = []
        # (token, length) of days that are titles ('Mother's Day') read as days, not titles
        self.implausible: set[tuple[int, int]] = set()
        self._cap_lists: set[tuple[int, int]] | None = None  # see TitleRules._capitalised_lists
        self.critiques: list[str] = []  # 'too recent' / 'too old' / 'too long', in order
        self.critiqued: list[Item] = []  # the items those critiques were about
        # facet values turned down only in degree ('not too scary'): see `_kept_kinds`
        self.softened: set[tuple[str, str]] = set()
        # 'newer' / 'older' read before titles are known: (event index, direction) to set again
        # relative to a title named in the same message ('like the matrix but newer')
        self.comparative: tuple[int, str] | None = None
        self._longer_tentative = False  # 'longer' set with nothing to compare yet
        # readings that need the message's titles first ('not by the same director')
        self.deferred: list[Callable[[], None]] = []
        # token positions of places in a list the message named ('..., liked the first two')
        self.list_places: set[int] = set()
        # ordinals first read as picks when none were shown ('the middle one')
        self.pickless: set[int] = set()
        # film -> ('after' | 'before', the film it is relative to): 'the sequel to Shrek'
        self.relatives: dict[str, tuple[str, str]] = {}
        # the film 'the sequel to X' / 'the next one' was said of when it has none ('the sequel
        # to Gladiator'): a question about it is answered with what the catalogue knows
        self.neighbour_missing: Item | None = None
        # films the message takes back ('I take back what I said about Cats'): 'it' said after
        # is about them ('..., it really grew on me')
        self.forgotten: list[Item] = []
        # event index -> token position of the target it was said of (see _Parse._emit)
        self.emitted_at: dict[int, int] = {}
        self.bare_at: set[int] = set()  # positions of films emitted with no word of their own
        self._prefer = (*state.last_shown, *state.shown, *state.liked, *state.disliked)
        self._syntax: Parse | None = None

    def _taken_back_at(self, pos: int) -> int | None:
        """Where a take-back verb before token `pos` starts ('forget the', 'never mind my',
        'scratch all that'), or None."""
        k = pos - 1
        # ('forget what i said about fargo', 'i take back everything i told you about cats')
        while k >= 0 and self.toks[k].text in _BETWEEN_TAKE_BACK_AND_WHAT:
            k -= 1
        if k < 0:
            return None
        verb = self.toks[k].text
        two = f"{self.toks[k - 1].text} {verb}" if k > 0 else ""
        if two in _TAKE_BACK:
            return k - 1
        return k if verb in _TAKE_BACK else None

    def _taken_off_at(self, pos: int, end: int) -> int | None:
        """Where 'take' / 'cross' / 'knock' before the title at tokens `pos` to `end` starts
        when 'off' or 'out' follows it ('take ronin off', 'cross heat off my list'), or None."""
        k = pos - 1
        while k >= 0 and self.toks[k].text == "the":
            k -= 1
        if k < 0 or self.toks[k].text not in ("take", "cross", "knock", "strike", "scratch"):
            return None
        return k if end < len(self.toks) and self.toks[end].text in ("off", "out") else None

    # the regex passes work on self.low and blank out what they consumed
    def _consume(self, pattern: str, handler: Any) -> None:
        def repl(m: re.Match[str]) -> str:
            handled = handler(m)
            if handled is not False:
                self.commands_read += 1  # 'perfect, more like these' is a request, not small talk
            if isinstance(handled, str):
                return handled  # what is left of the match to read on (same length)
            return " " * len(m.group(0)) if handled is not False else m.group(0)

        self.low = re.sub(pattern, repl, self.low)

    def _set(self, name: str, value: Any) -> None:
        self.events.append(make_constraint(name, value))

    def _clear(self, name: str) -> None:
        self.events.append(ConstraintCleared(name))

    @property
    def syntax(self) -> Parse:
        """The spaCy parse of the message (see chatbot.understanding.nlp)."""
        if self._syntax is None:
            self._syntax = nlp_parse(self.text)
        return self._syntax

    def _negated(self) -> dict[int, set[int]]:
        """Token index of each negation word -> token indices it negates (from the parse)."""
        out: dict[int, set[int]] = {}
        for start, spans in self.syntax.negated_offsets():
            k = self._tok_at(start)
            if k is None:
                continue
            scope = {j for a, _ in spans if (j := self._tok_at(a)) is not None and j != k}
            close = self._aside_end(k)
            if close is not None:
                # 'I liked Alien (not the sequels) and Jaws': an aside's negation stays inside it
                scope = {j for j in scope if j < close}
            out.setdefault(k, set()).update(scope)
        return out

    def _aside_end(self, k: int) -> int | None:
        """Index of the ')' closing a parenthesis open at token k, or None when k is not inside
        one ('Lion King (the old one, not the new), Aladdin': the aside ends at the ')'; a
        version read inside it may have closed the '(' early: '(1994), not the new)')."""
        if not any(t.text == "(" for t in self.toks[:k]):
            return None
        depth = 0  # a year in brackets inside the aside: '(not Psycho (1998))'
        for j in range(k + 1, len(self.toks)):
            if self.toks[j].text == "(":
                depth += 1
            elif self.toks[j].text == ")":
                if depth == 0:
                    return j
                depth -= 1
        return None

    def _tok_at(self, offset: int) -> int | None:
        for k, t in enumerate(self.toks):
            if t.start <= offset < t.start + len(t.text):
                return k
        return None

    def _word(self, k: int) -> Word | None:
        """The parsed word at token k (None when the parse splits words differently)."""
        w = self.syntax.word_at(self.toks[k].start)
        return self.syntax.words[w] if w is not None else None

    def _about_before(self, k: int, *, on: bool = True) -> bool:
        """'about' / 'on' / 'of' shortly before token k: what follows is the story's subject
        (`on=False`: not 'on', which also places the watching: 'on a long flight')."""
        words = ("about", "on", "of") if on else ("about", "of")
        return any(t.text in words for t in self.toks[max(0, k - 3) : k])

    def _story_of(self, k: int) -> bool:
        """Token k is what the film is about or where it is set ('a movie about a flight',
        'set on a train ride'), not where it is watched ('on a long flight')."""
        before = {t.text for t in self.toks[max(0, k - 5) : k]}
        return self._about_before(k, on=False) or bool(before & {"set", "takes", "happens"})

    def _in_time_phrase(self, k: int) -> bool:
        """Token k is the object of a time preposition ('after dinner', 'before bed')."""
        w = self._word(k)
        if w is None:
            return False
        head = self.syntax.words[w.head]
        if (
            w.text.lower() in HOLIDAYS
            and w.dep in ("compound", "amod", "nmod", "poss")
            and head.text.lower() in FILM_NOUNS
        ):
            return False  # 'Christmas movies', 'a Halloween film': what the films are about
        if (
            w.text.lower() in HOLIDAYS
            and k > 0
            and self.toks[k - 1].text in ("with", "about", "without", "no", "w/", "re")
        ):
            return False  # 'nothing with Christmas', 'a film about Halloween': the story's
        if w.text.lower() in SEASONS and self._story_of(k):
            return False  # 'a film set in winter', 'a story that happens in summer': the setting
        if w.ent in ("DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "MONEY"):
            return True  # 'on saturday', 'this weekend', 'late': when or how much, not what
        if w.text.lower() in OCCASION_NOUNS:
            return True  # 'movie night', 'a lazy evening': the occasion, not the story
        if (w.lemma in VIEWING_COMPANIONS or w.lemma == "blanket") and not self._story_of(k):
            return True  # 'blankets and tea', 'popcorn is ready': what goes with the watching
        if w.lemma in AILMENTS and w.pos == "NOUN" and not self._story_of(k):
            return True  # "I'm home with the flu", 'I have a cold': how the user is
        if (
            w.lemma in WEATHER_WORDS
            and w.pos == "ADJ"
            and re.search(r"\b(?:outside|out there|today|weather|it's|its|it is)\b", self.low)
            and not self._story_of(k)
        ):
            return True  # "it's so grey and gloomy outside": the day's weather
        if w.dep in ("nsubj", "nsubjpass") and self.syntax.words[w.head].pos == "VERB":
            at = next(j for j, x in enumerate(self.syntax.words) if x is w)
            if any(
                c.head == at and c.dep == "poss" and c.text.lower() in ("my", "our")
                for c in self.syntax.words
            ):
                return True  # 'my phone rang', 'my dog barked at the tv': the user's day
        if w.text.lower() in JOURNEY_NOUNS and not self._story_of(k):
            return True  # 'long flight tomorrow', 'on a train ride': where it is watched
        head = self.syntax.words[w.head]
        if w.dep in ("amod", "compound") and (
            head.ent in ("DATE", "TIME")
            or head.text.lower() in OCCASION_NOUNS
            or (head.text.lower() in JOURNEY_NOUNS and not self._story_of(k))
        ):
            return True  # 'a rainy sunday afternoon', 'a cozy night in': when, not what
        if w.dep == "npadvmod" or self.syntax.words[w.head].dep == "npadvmod":
            return True  # 'last week', 'yesterday', 'tonight': when, not what
        if w.dep == "acomp" and w.pos == "ADJ" and not self._describes_the_film(w):
            return True  # "it's late", "what's worth seeing": said of something, not a topic
        if self._viewing_context(w):
            return True  # 'something to watch on the plane', 'a film for a long flight'
        if self._said_of_the_user(w):
            return True  # 'it's my birthday', 'just got dumped', 'my twins are turning 5'
        eaten = w  # 'ordering thai food': the noun the adjective belongs to
        while eaten.dep in ("amod", "compound") and self.syntax.words[eaten.head] is not eaten:
            eaten = self.syntax.words[eaten.head]
        meal = self.syntax.words[eaten.head]
        if (
            eaten.dep == "dobj"
            and (meal.lemma in MEAL_VERBS or meal.text.lower() == "having")
            and meal.dep not in ("relcl", "acl")
        ):
            return True  # 'eating pizza on the couch', 'having sushi tonight': the evening
        # "I've taken a break": what the user did, not what they want; not what a film is said
        # to have in a clause about it ('a film about the sea that does not involve sharks')
        return (
            w.dep == "dobj"
            and head.pos == "VERB"
            and head.lemma not in REQUEST_VERBS
            and head.lemma not in ("star", "feature", "direct")  # 'anything starring X'
            # "I can't stand clowns", 'we cannot abide gore': a verdict on the thing
            and head.lemma not in _VERDICT_VERBS
            and head.dep != "relcl"
        )

    def _describes_the_film(self, w: Word) -> bool:
        """The word hangs below a film noun or an 'about' ('a movie about my hometown',
        'something where a dog dies'), per the dependency parse."""
        words = self.syntax.words
        seen: set[int] = set()
        while w.head not in seen and words[w.head] is not w:
            seen.add(w.head)
            head = words[w.head]
            text = head.text.lower()
            if (text in FILM_NOUNS and head.pos != "VERB") or text in ("about", "where"):
                return True  # not the verb 'show me something'

            facet = self.vocab.facet_terms.get((text,))
            if facet is not None and facet[0] == "genre" and w.dep == "relcl":
                return True  # 'a romance that's not cheesy': the clause says what it is like
            w = head
        return False

    def _said_of_the_user(self, w: Word) -> bool:
        """The word tells the user's own circumstances, not what the film is about: a noun the
        user owns ('it's my birthday', 'my twins are turning 5'), or a verb of what happened to
        or is done by the user or their people ('just got dumped', 'we moved house'), unless it
        describes the film ('a movie about my hometown', 'a film where a dog gets dumped').
        From the dependency parse; verbs of wanting and watching (REQUEST_VERBS) never count."""
        if self._describes_the_film(w):
            return False
        words = self.syntax.words
        children = [c for c in words if words[c.head] is w and c is not w]
        if w.pos in ("NOUN", "PROPN") and any(
            c.dep == "poss" and c.text.lower() in POSSESSIVES for c in children
        ):
            return True
        if self._here_and_now(w):
            return True  # 'the heat is unbearable here', 'heat of summer here and im melting'
        if w.text.lower() in USER_CONDITIONS and not (
            w.dep == "amod" and words[w.head].pos in ("NOUN", "PROPN")
        ):
            return True  # 'hungover on a sunday, need something easy': how the user is
        prep = words[w.head]
        if (
            w.dep == "pobj"
            and prep.text.lower() in ("at", "in", "on")
            and words[prep.head].text.lower() in USER_CONDITIONS
        ):
            return True  # 'stuck at the station': where the user is
        phrase = w  # the head of the word's noun phrase ('a dark place', 'a nightmare lol')
        while phrase.dep in ("compound", "amod") and words[phrase.head] is not phrase:
            phrase = words[phrase.head]
        if phrase.dep == "conj" and phrase.pos == "ADJ" and words[phrase.head].dep == "acomp":
            phrase = words[phrase.head]  # 'my wife is pregnant and emotional'
        if (
            phrase.pos in ("NOUN", "ADJ")
            and phrase.dep in ("attr", "acomp")
            and not (phrase is not w and phrase.lemma in TASTE_NOUNS)
        ):  # "i'm a horror fan" says what the user likes
            # 'my boss is a nightmare', 'work was brutal': said of the user's world
            verb = words[phrase.head]
            between = [x.text for x in words if verb.start < x.start < phrase.start]
            if (
                verb.lemma == "be"
                # a complement follows its verb: in 'no more pixar im sick of it' the parse
                # makes 'pixar' the complement of "i'm", but a user's state comes after "i'm"
                and phrase.start > verb.start
                and "," not in between
                and any(
                    words[c.head] is verb
                    and c.dep == "nsubj"
                    and self._users_own(c)
                    and c.lemma not in TASTE_SUBJECTS  # 'my favourite genre is horror'
                    for c in words
                )
            ):
                return True
        if phrase.dep == "pobj" and phrase.lemma != "mood":
            # "i'm in a dark place", "we're at the beach": where the user is, not a topic
            prep = words[phrase.head]
            verb = words[prep.head]
            subjects = [c for c in words if words[c.head] is verb and c.dep == "nsubj"]
            if (
                prep.text.lower() in ("in", "at", "on")
                and verb.lemma == "be"
                and any(c.text.lower() in ("i", "we") for c in subjects)
            ):
                return True
            if (
                prep.text.lower() in ("in", "at", "on", "to", "for")
                and verb.lemma in TRAVEL_VERBS
                and verb.dep not in ("relcl", "acl", "pcomp")
                and all(c.text.lower() in ("i", "we") for c in subjects)
            ):
                return True  # 'going on a long flight tomorrow', 'i just moved to Paris'
        if w.pos != "VERB" or w.lemma in REQUEST_VERBS or w.lemma in VIEWING_VERBS:
            return False
        up = w
        while up.dep in ("xcomp", "conj", "advcl") and words[up.head] is not up:
            up = words[up.head]
            if up.lemma in REQUEST_VERBS or up.lemma in VIEWING_VERBS:
                return False  # 'just want to laugh': what the user wants to feel
        subjects = [c for c in children if c.dep in ("nsubj", "nsubjpass")]
        if not subjects:
            # 'just got dumped', 'dumped by my boyfriend': a fragment about the speaker
            return w.tag in ("VBN", "VBD")  # not "westerns please" (a noun parsed as a verb)
        return any(
            c.text.lower() in ("i", "we", "me", "us")
            or any(g.dep == "poss" and words[g.head] is c for g in words)
            for c in subjects
        )

    def _here_and_now(self, w: Word) -> bool:
        """The word is in a noun phrase that tells the user's surroundings now: the subject of
        a clause placed here and now ('the heat is unbearable here', 'the snow outside is
        crazy') or a fragment placed so ('heat of summer here'); never a kind of film or a
        film noun ("what's a good drama to watch tonight"), never inside a clause about a film
        ('a film where the heat is unbearable'). From the dependency parse."""
        words = self.syntax.words
        top = w  # the head of the noun phrase ('summer' in 'heat of summer' is under 'heat')
        while (
            top.dep in ("compound", "amod", "conj", "pobj", "prep") and words[top.head] is not top
        ):
            if words[top.head].pos in ("VERB", "AUX"):
                break
            top = words[top.head]
        if (
            top.pos not in ("NOUN", "PROPN")
            or (top.text.lower(),) in self.vocab.facet_terms
            or top.text.lower() in FILM_NOUNS
            or (w.text.lower(),) in self.vocab.facet_terms
        ):
            return False

        def placed(head: Word) -> bool:
            return any(
                words[c.head] is head and c is not head and c.text.lower() in HERE_AND_NOW
                for c in words
            )

        if top.dep in ("nsubj", "nsubjpass"):
            verb = words[top.head]
            return verb.dep not in ("relcl", "acl") and (placed(verb) or placed(top))
        return top.dep == "ROOT" and placed(top)

    def _users_own(self, w: Word) -> bool:
        """'my boss', 'our week', 'work' (no article: the user's own), 'i', 'we'."""
        words = self.syntax.words
        if w.text.lower() in ("i", "we", "work", "life", "today", "school"):
            return True
        return any(
            words[c.head] is w and c.dep == "poss" and c.text.lower() in POSSESSIVES for c in words
        )

    def _viewing_context(self, w: Word) -> bool:
        """The word names when, where or why the user watches, not what the film is about: the
        object of a preposition of circumstance ('on the plane', 'for our anniversary', 'with
        pizza and beer', 'in the car') that belongs to the watching ('something to watch on
        the plane') or is 'for' / 'while' / 'after' / 'during' an occasion; 'a documentary on
        climate change', 'a movie with dragons', 'set during WW2' stay topics (dependency parse)."""
        words = self.syntax.words
        while w.dep in ("conj", "compound", "amod", "poss") and words[w.head] is not w:
            w = words[w.head]  # 'with pizza and beer', 'for my birthday party'
        if w.dep != "pobj" or w.lemma in TASTE_NOUNS:
            return False  # 'movies for dog lovers': a taste, not an occasion
        prep = words[w.head]
        head = words[prep.head]
        word = prep.text.lower()
        if word in (
            "about",
            "of",
            "like",
            "than",
            "as",
            "from",
            "by",
            "between",
            "against",
            "into",
        ):
            return False
        if word in ("on", "in") and w.lemma in VIEWING_PLACES and head.lemma not in SETTING_VERBS:
            return True  # 'eating pizza on the couch', 'something to watch in bed'
        if head.pos in ("VERB", "AUX"):
            # 'set on a plane', 'shot in Iceland' are the film's own place and time
            return head.lemma in VIEWING_VERBS or (
                word in ("after", "before", "until", "while") and head.lemma not in SETTING_VERBS
            )
        if head.dep == "pobj" and self._viewing_context(head):
            return True  # 'for a lazy day on the couch': part of the occasion
        while head.pos == "ADP" and words[head.head] is not head:
            head = words[head.head]  # 'a big night in with pizza': 'with' hangs on 'in'
        if head.text.lower() in OCCASION_NOUNS:
            return True  # 'a big night in with pizza', 'a party at my place'
        if word == "with" and w.lemma in VIEWING_COMPANIONS:
            return True  # 'a good movie for a rainy afternoon with tea'
        if head.pos == "ADJ" and head.dep == "acomp" and head.lemma not in TASTE_ADJECTIVES:
            verb = words[head.head]
            if any(
                words[c.head] is verb and c.dep == "nsubj" and c.text.lower() in ("i", "we")
                for c in words
            ):
                return True  # "i'm home sick with the flu": the user's state, not a topic
        return word in ("for", "while", "after", "before", "during", "until", "at")

    def _pos(self, k: int) -> str:
        """Universal part of speech of token k ('' when the parse splits words differently)."""
        w = self.syntax.word_at(self.toks[k].start)
        return self.syntax.words[w].pos if w is not None else ""

    def _tokenize(self) -> None:
        self.toks: list[Tok] = []
        same_len = len(self.low) == len(self.text)
        for m in TOKEN_RE.finditer(self.low):
            raw = self.text[m.start() : m.end()] if same_len else m.group(0)
            self.toks.append(Tok(m.group(0), raw, m.start()))

    def _same_sentence(self, a: int, b: int) -> bool:
        """No sentence ends between tokens a and b."""
        return not any(
            self.toks[k].text in ("!", "?")
            or self.toks[k].text == "."
            and not self._abbreviation_dot(k)
            for k in range(a, b)
        )

    def _abbreviation_dot(self, k: int) -> bool:
        """The '.' at token k closes an abbreviation glued to it: a single letter ('E.T.',
        'L.A.') or a title such as 'Dr.' / 'Mr.' followed by more of the sentence."""
        if k == 0:
            return False
        prev = self.toks[k - 1]
        if prev.start + len(prev.text) != self.toks[k].start:
            return False
        nxt = self.toks[k + 1].raw if k + 1 < len(self.toks) else ""
        if nxt in _SENTENCE_OPENERS:
            return False  # 'I loved E.T. It was great.': the dot ends that sentence too
        single = len(prev.text) == 1 and prev.text.isalpha() and prev.text != "i"
        return single or (prev.text in ABBREVIATIONS and bool(nxt))

    def _words(self, i: int, n: int) -> list[str]:
        return [t.text for t in self.toks[i : i + n]]

    def _free(self, i: int, n: int) -> bool:
        return i + n <= len(self.toks) and not any(t.used for t in self.toks[i : i + n])

    def _use(self, i: int, n: int) -> None:
        for t in self.toks[i : i + n]:
            t.used = True

    def _add_item(
        self, pos: int, item: Item, *, from_reference: bool = False, verdict: str | None = None
    ) -> None:
        self.targets.append(
            Target(pos, "item", item=item, from_reference=from_reference, verdict=verdict)
        )
