"""Writing checks: what makes a recommendation sentence filler, degenerate, leaky or wrong.

Pure functions over plain strings and an `Item`, shared by the grounding checker (which rejects
a model sentence that fails them, so the writer regenerates or falls back) and by the writing
benchmark (`benchmarks/bench_writing.py`, which counts them in final replies). Every detector
returns the offending phrases (empty list: clean), so a failure can be shown to a person.

The phrase lists come from reading SmolLM2-135M's item sentences on the movie catalogue (issue
13: "a must-watch for anyone who loves ...", "a great example of ...", "not available in your
area", "only the facts above"); they name kinds of failure, not single sentences.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

from chatbot.catalog import Item
from chatbot.locales import DECADE_WORDS

_WORD = re.compile(r"\w+(?:['’]\w+)*")


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


URL = re.compile(
    r"(?:https?://|ftp://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|io|ly|tv|be|me|co|uk|de)"
    r"(?:/\S*)?",
    re.I,
)
MARKUP = re.compile(r"<[^>\n]{0,200}>|\[([^\]\n]{0,200})\]\([^)\n]{0,300}\)|[`*_#>|~]+")

# Stock filler: praise that would fit any item. Regexes over the folded (lower-case) text.
STOCK_PHRASES = tuple(
    re.compile(p)
    for p in (
        r"\bmust[- ]?(?:watch|see|read|have)\b",
        r"\b(?:for|to) (?:anyone|everyone|those|people|fans|viewers|anybody) "
        r"(?:who|that) (?:loves?|likes?|enjoys?|wants?|appreciates?|is a fan)",
        r"\bfor (?:all )?fans of\b",
        r"\b(?:a|an) (?:great|perfect|classic|prime|excellent|good|fine) example of\b",
        r"\b(?:a|the) (?:perfect|great|good|ideal|excellent) "
        r"(?:choice|pick|option|movie|film|book|way|watch|read|fit|match|addition)\b",
        r"\byou(?:'ll|'d| will| are going to| would)? (?:surely |definitely |really )?"
        r"(?:love|enjoy|like|adore) (?:it|this|the movie|the film|this movie|this film)\b",
        r"\byou(?:'ll|'d| will| would) (?:surely |definitely |really |absolutely )?"
        r"(?:love|enjoy|adore|be (?:amazed|surprised|delighted|glad|thrilled|hooked))\b",
        r"\b(?:sure|bound|guaranteed) to (?:please|delight|entertain|enjoy|love|keep|make)\b",
        r"\bhighly recommend",
        r"\b(?:don'?t|do not) miss\b",
        r"\bon the edge of (?:your|their) seats?\b",
        r"\b(?:timeless|true|real|modern|instant) (?:classic|masterpiece|gem|treat)\b",
        r"\bmasterpiece\b",
        r"\b(?:the )?(?:best|greatest|finest) (?:[\w-]+ ){0,2}(?:of all times?|ever made|ever)\b",
        r"\bworth (?:a|the) (?:watch|read|look|try)\b",
        r"\b(?:a|this) (?:movie|film|book) (?:that|which) (?:will|is sure to) "
        r"(?:keep|make|leave)\b",
        r"\bthought[- ]provoking\b",
        r"\b(?:is|it's|it is) (?:a|an) (?:great|good|fun|wonderful|amazing|fantastic|"
        r"excellent|enjoyable|entertaining) (?:movie|film|book|watch|read|story|choice)\b",
        r"\b(?:great|perfect|ideal) for (?:a|your) (?:movie|film|date|family|cozy|cosy)? ?"
        r"(?:night|evening|weekend|afternoon)\b",
    )
)

# The surface forms of the stock phrases above that the writer asks a backend never to generate
# (ChatModel option `avoid`; a backend bans each spelling's tokens): suppressing them while
# decoding lets the model write something else instead of failing the check afterwards.
AVOID_PHRASES = (
    "must-",  # must-watch, must-see, must-watched
    "must watch",
    "mustwatch",  # onnxruntime's greedy text once "must-" was banned
    "must see",
    "masterpiece",
    "highly recommend",
    "a great example of",
    "a perfect example of",
    "a classic example of",
    "a perfect choice",
    "a great choice",
    "a great pick",
    "perfect for",
    "for anyone who",
    "for everyone who",
    "for those who",
    "fans of",
    "you'll love",
    "you will love",
    "you'll enjoy",
    "you will enjoy",
    "you would enjoy",
    "you'd enjoy",
    "don't miss",
    "edge of your seat",
    "timeless classic",
    "thought-provoking",
    "worth a watch",
    "sure to",
    "bound to",
    "of all time",
    "ever made",
    "facts above",
    "as an AI",
    "I'm afraid",
    "I'm sorry",
    "available",
    "streaming",
)

# Prompt, role or system text leaking into the reply.
LEAK_PHRASES = tuple(
    re.compile(p)
    for p in (
        r"\bfacts? (?:above|below|given|provided|you(?:'re| are)? given)\b",
        r"\b(?:only )?use (?:only )?the facts\b",
        r"\bas an ai\b",
        r"\blanguage model\b",
        r"\brecommendation assistant\b",
        r"\binstructions?\b",
        r"\bpicked because\b",
        r"(?:^|\n)\s*(?:title|about|year|genres|runtime|movie|reason)s?:",
        r"\bi am looking for\b",
        r"\bthe user\b",
        r"\bprompt\b",
        r"\bi(?:'m| am) (?:afraid|sorry)\b",
        r"\bi (?:can ?not|can't|cannot) (?:recommend|help|find)\b",
        r"\bhere (?:is|are) (?:a|the|some|my)? ?(?:brief )?(?:summary|details)\b",
    )
)

# The reply turning against its own pick, or against the user.
CONTRADICTION_PHRASES = tuple(
    re.compile(p)
    for p in (
        r"\bnot for (?:me|you)\b",
        r"\byou (?:won'?t|will not|wouldn'?t|would not|may not|might not) "
        r"(?:like|enjoy|love|want)\b",
        r"\b(?:i|we) (?:don'?t|do not|wouldn'?t|would not) recommend\b",
        r"\b(?:skip|avoid) (?:it|this)\b",
        r"\bnot (?:worth|recommended|good|great)\b",
        r"\b(?:boring|terrible|awful|bad) (?:movie|film|book)\b",
    )
)

# Claims of kind: allowed only when the item's own genres, facets or description say so.
KIND_CLAIMS: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {
    # kind: (what the sentence says, what the item's text must say to support it)
    "documentary": (
        re.compile(r"\bdocumentar(?:y|ies)\b|\bdocu-?drama\b"),
        re.compile(r"\bdocumentar(?:y|ies)\b|\bdocu-?drama\b"),
    ),
    "animated": (
        re.compile(r"\banimat(?:ed|ion)\b|\bcartoons?\b|\banime\b|\bpixar\b|\bclaymation\b"),
        re.compile(r"\banimat(?:ed|ion)\b|\bcartoons?\b|\banime\b|\bstop[- ]motion\b"),
    ),
    "sequel": (
        re.compile(
            r"\bsequel\b|\bprequel\b|\bfollow[- ]up\b|\b(?:second|third|fourth|final|latest|"
            r"next|last) (?:part|instal(?:l)?ment|chapter|entry|film|movie) (?:in|of)\b|"
            r"\bpart (?:two|three|ii|iii|2|3)\b|\bfranchise\b|\btrilogy\b|\bseries\b"
        ),
        re.compile(
            r"\bsequel\b|\bprequel\b|\bfollow[- ]up\b|\bpart\b|\binstal(?:l)?ment\b|"
            r"\bfranchise\b|\btrilogy\b|\bseries\b|\bchapter\b|\bsecond\b|\bthird\b|"
            r"\bcontinu|\breturns?\b|\bagain\b|\b(?:ii|iii|iv|2|3|4|5)\b"
        ),
    ),
    "true story": (
        re.compile(
            r"\btrue (?:story|events?|life)\b|\breal[- ](?:life|events?|story|people)\b|"
            r"\bbased on (?:a |the )?(?:true|real|actual)\b|\bbiopic\b|\bbiograph"
        ),
        re.compile(
            r"\btrue (?:story|events?)\b|\breal[- ]life\b|\breal events?\b|\bbased on\b|"
            r"\bbiopic\b|\bbiograph|\bhistoric|\bmassacre\b|\bmemoir|\bautobiograph|"
            r"\bthe life of\b|\bthe story of\b"
        ),
    ),
    "availability": (
        re.compile(
            r"\bavailab(?:le|ility)\b|\bstreaming\b|\bstream it\b|\bnetflix\b|\bhulu\b|"
            r"\bprime video\b|\bdisney\+|\bin (?:your|my) (?:area|region|country)\b|"
            r"\bin theat(?:er|re)s\b|\bon (?:dvd|blu-?ray)\b|\bfor free\b|\bfree to watch\b"
        ),
        re.compile(r"(?!x)x"),  # the catalogue says nothing about where to watch: never allowed
    ),
}

_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
_NUM = r"(\d{1,2}(?:\.\d)?|" + "|".join(_NUMBER_WORDS) + r")"
# Ratings in any wording: "rated 2.0", "a rating of 7", "7/10", "8 out of 10", "4 stars", "5-star".
RATING_WORDINGS = (
    re.compile(r"\brated (?:at |a |an )?" + _NUM + r"\b(?!\s*(?:minutes?|hours?|years?|%))"),
    re.compile(r"\b(?:rating|score) of (?:about |around )?" + _NUM + r"\b"),
    re.compile(r"\bscor(?:es|ed|ing) (?:a |an )?" + _NUM + r"\b"),
    re.compile(r"\b" + _NUM + r"\s*(?:/|out of)\s*(?:10|ten)\b"),
    re.compile(r"\b" + _NUM + r"[- ]stars?\b"),
)
_RUNTIME_WORDS = re.compile(
    r"\b(an|one|two|three|four|\d(?:\.\d+)?)(?: and a (half|quarter))?[- ]hours?"
    r"(?: and a (half|quarter))?(?:[- ]and[- ](\d{1,2})[- ]minutes?)?\b"
)
_SHORT_DECADE = re.compile(r"(?:'|’|\b)(\d0)s\b")
_RELEASED = re.compile(r"\b(?:released|made|filmed|premiered|came out|set) in (\d{4})\b")


def fold(text: str) -> str:
    """Lower-case, accents removed, curly quotes made straight."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return plain.replace("’", "'").replace("‘", "'")


def words(text: str) -> list[str]:
    """Folded word tokens (apostrophes kept inside words)."""
    return _WORD.findall(fold(text))


def _found(patterns: Iterable[re.Pattern[str]], text: str) -> list[str]:
    folded = fold(text)
    return [m.group() for p in patterns for m in p.finditer(folded)]


def stock_filler(text: str) -> list[str]:
    """Stock praise phrases ("a must-watch for anyone who loves", "a great example of")."""
    return _found(STOCK_PHRASES, text)


def leaks(text: str) -> list[str]:
    """Prompt or role text leaking into the reply ("only the facts above", "as an AI")."""
    return _found(LEAK_PHRASES, text)


_PLURAL_COMPLEMENT = re.compile(
    r"\b(?:it|this) (?:is|was) (?!a |an |the |one |among |some |two |three )"
    r"(?:[\w'-]+,? ){1,4}(?:movies|films|books|items|titles|picks)\b"
)


# A plot verb whose object is the work itself ("It follows a dystopian classic.", "It follows
# a graphic novel."): the verb needs a character or a story after it.
_WORK_AS_PLOT = re.compile(
    r"\b(?:it|this|the (?:movie|film|book)) (?:follows|tells|chronicles|depicts) "
    r"(?:a|an|the) (?:[\w'-]+,? ){0,5}?(?:movie|film|classic|masterpiece|documentary|novel|"
    r"book|comedy|thriller|drama|romance|trilogy|sequel|blockbuster|adaptation|series)s?\b"
    r"(?! (?:director|maker|star|critic|student|buff|fan|crew|editor|writer)s?\b)"
)


# "It is family film.", "It is true story.", "It is French-language comedy.": a singular count
# noun without its article (SmolLM2 restating a genre label or a source as the complement).
_BARE_SINGULAR = re.compile(
    r"\b(?:it|this) (?:is|was) (?!a |an |the |one |more |less |not |also |both |part )"
    r"(?:(?!(?:a|an|the|about|of|from|on|by|with|for|like|in|set|where|based|such|what|that)\b)"
    r"[\w'-]+,? ){0,3}(?:movie|film|book|item|title|pick|story|comedy|drama|thriller|"
    r"documentary|western|musical|satire|tale|classic|blockbuster|adaptation|biopic|sequel)\b"
    r"(?![- ]?(?:noir|making|maker|gold|telling|teller|line))"
)
# words a film's mood is said in ("It is tense and moving."), beside the catalogue's mood values
FILM_ADJECTIVES = frozenset(
    [
        "fun",
        "thrilling",
        "intense",
        "gripping",
        "tense",
        "moving",
        "heartwarming",
        "heart-warming",
        "charming",
        "gentle",
        "light",
        "lighthearted",
        "light-hearted",
        "witty",
        "clever",
        "smart",
        "sweet",
        "warm",
        "chilling",
        "scary",
        "spooky",
        "tender",
        "powerful",
        "beautiful",
        "haunting",
        "epic",
        "hilarious",
        "playful",
        "dramatic",
        "atmospheric",
        "bittersweet",
        "poignant",
        "inspiring",
        "thoughtful",
        "thought-provoking",
        "feel-good",
        "violent",
        "gory",
        "bloody",
        "slow",
        "fast-paced",
        "action-packed",
        "whimsical",
        "magical",
        "stylish",
        "nostalgic",
        "melancholic",
        "melancholy",
        "silly",
        "absurd",
        "satirical",
        "dreamy",
        "mysterious",
        "eerie",
        "brutal",
        "raw",
        "honest",
        "entertaining",
        "engaging",
        "heartbreaking",
        "unsettling",
        "suspenseful",
        "exciting",
        "funny",
        "sad",
        "dark",
        "creepy",
        "romantic",
        "serious",
        "strange",
        "quirky",
        "touching",
        "uplifting",
        "emotional",
        "bleak",
        "disturbing",
        "relaxed",
    ]
)
_MOOD_COMPLEMENT = re.compile(
    r"^\s*(?:it|this|that) (?:is|was|feels|seems) (?!a |an |the )(?P<c>[^.!?]+?)\s*[.!?]*\s*$",
    re.IGNORECASE,
)
_DEGREE = frozenset(
    [
        "very",
        "quite",
        "rather",
        "really",
        "deeply",
        "often",
        "also",
        "both",
        "so",
        "pretty",
        "truly",
    ]
)


def mood_list_slips(text: str, adjectives: frozenset[str]) -> list[str]:
    """Sentences that start a list of moods and break it: "It is suspenseful and
    thriller-thrilling.", "It is uplifting, and its gate.", "It is Touching, quirky." (each part
    of "It is X, Y and Z" must be a lower-case mood word once the first one is), or say a noun
    as the whole complement ("It is nature.", "It is space."; `adjectives`:
    folded mood words, e.g. FILM_ADJECTIVES with the catalogue's mood values)."""

    def known(part: str) -> bool:
        said = fold(part).split()
        while said[:1] and said[0] in _DEGREE:
            said = said[1:]
        return " ".join(said) in adjectives

    out: list[str] = []
    for sentence in re.split(r"(?<=[.!?])\s+", text.strip()):
        m = _MOOD_COMPLEMENT.match(sentence)
        if m is None:
            continue
        parts = [
            p.strip()
            for p in re.split(r",\s*(?:and\s+|but\s+)?|\s+(?:and|but|yet)\s+", m["c"])
            if p.strip()
        ]
        if parts and known(parts[0]) and any(not known(p) or p != p.lower() for p in parts):
            out.append(sentence.strip())
        elif len(parts) == 1 and not known(parts[0]) and _noun_alone(parts[0]):
            out.append(sentence.strip())  # "It is nature.", "It is space.": a topic word alone
    return out


def _noun_alone(word: str) -> bool:
    """One lower-case word that the parser tags as a common noun in "It is <word>." ('nature',
    'space'; not 'grim', 'weird' or 'cool')."""
    if not re.fullmatch(r"[a-z]+", word):
        return False
    from chatbot.understanding.nlp import parse

    words = parse(f"It is {word}.").words
    return len(words) == 4 and words[2].tag in ("NN", "NNS")


# "Here are 1 movies with Christopher Nolan": one pick said with a plural
_ONE_PLURAL = re.compile(
    r"\b(?:are|these)\s+(?:1|one)\b|\b(?:1|one)\s+(?:(?!of\b|or\b|and\b)[a-z-]+\s+){0,3}?"
    r"(?:movies|films|books|items|picks|suggestions|titles|recommendations)\b"
)


def ungrammatical(text: str) -> list[str]:
    """ "Here are 1 movies": one pick said with a plural; "It is dark movies", "It is family
    saga movies": the request phrase parroted as a plural complement of a singular subject; "It
    is family film": a singular complement without its article; "It follows a dystopian
    classic": a plot verb whose object is a work, not a character or a story."""
    folded = fold(text)
    found = [m.group() for m in _PLURAL_COMPLEMENT.finditer(folded)]
    found += [m.group() for m in _ONE_PLURAL.finditer(folded)]
    found += [m.group() for m in _BARE_SINGULAR.finditer(folded)]
    return found + [m.group() for m in _WORK_AS_PLOT.finditer(folded)]


def contradictions(text: str) -> list[str]:
    """The reply speaking against its own pick ("not for me", "you won't like")."""
    return _found(CONTRADICTION_PHRASES, text)


def degenerate(text: str) -> list[str]:
    """Degenerate repetition: a content word three times ("comedy, comedy, comedy"), a repeated
    phrase of three or more words ("a great example of ... a great example of"), or "X and X"
    ("both The Matrix and The Matrix")."""
    toks = words(text)
    out: list[str] = []
    counts: dict[str, int] = {}
    for tok in toks:
        if len(tok) >= 4 and not tok.isdigit():
            counts[tok] = counts.get(tok, 0) + 1
    out += [f"{w!r} x{n}" for w, n in counts.items() if n >= 3]
    seen: set[tuple[str, ...]] = set()
    for n in (3,):
        for i in range(len(toks) - n + 1):
            gram = tuple(toks[i : i + n])
            if gram in seen and any(len(w) >= 4 for w in gram):
                out.append(" ".join(gram))
                break
            seen.add(gram)
    folded = " ".join(toks)
    for m in re.finditer(r"\b((?:\w+ ){0,3}\w{3,}) (?:and |or |nor )?\1\b", folded):
        out.append(m.group())
    return out


# Works an item can be based on that it is not itself ("Based on: Graphic Novel" made SmolLM2
# write "It is a graphic novel." for Black Panther): said as what the item is, they are false.
SOURCE_MEDIA = re.compile(
    r"\b(?:graphic novels?|novels?|novellas?|short stor(?:y|ies)|comic books?|comics?|manga|"
    r"(?:theat(?:er|re) |stage )?plays?|(?:children's )?books?|video games?|literature)\b"
)
_IS_A = re.compile(
    r"\b(?:it|this|the (?:movie|film))(?: is|'s| was)(?: (?:a|an|the))?"
    r"((?: (?!(?:about|of|from|on|by|with|for|like|based|in|set|where)\b)[\w'-]+,?){0,3}?) ("
    + SOURCE_MEDIA.pattern.removeprefix("\\b").removesuffix("\\b")
    + r")\b"
)


def source_as_kind(text: str, item: Item) -> list[str]:
    """The item called the work it is based on ("It is a graphic novel." for a film whose
    source facet is "Graphic Novel"), unless its genres say it is one (a book catalogue's
    novel): what it is, not what it adapts."""
    said = fold(text)
    sources = " ".join(fold(v) for v in item.facet("source"))
    genres = " ".join(fold(g) for g in item.genres)
    out = []
    for m in _IS_A.finditer(said):
        medium = m.group(2)
        stem_ = medium.rstrip("s") if not medium.endswith("ies") else medium[:-3] + "y"
        if "based on" in m.group(1) or stem_ in genres:
            continue
        if stem_ in sources or SOURCE_MEDIA.search(sources):
            out.append(f"source as kind ({m.group()!r})")
    return out


def kind_claims(text: str, item: Item) -> list[str]:
    """Claims of kind (documentary, animated, sequel, true story, availability) that the item's
    genres, tags, facets and description do not support, and the item called the work it is
    based on (`source_as_kind`)."""
    said = fold(text)
    source = fold(
        " ".join(
            [
                item.title,
                item.description,
                *item.genres,
                *item.tags,
                *(v for values in item.facets.values() for v in values),
            ]
        )
    )
    out = []
    for kind, (claim, support) in KIND_CLAIMS.items():
        m = claim.search(said)
        if m and not support.search(source):
            out.append(f"{kind} ({m.group()!r})")
    return out + source_as_kind(text, item)


def _num(value: str) -> float:
    return float(_NUMBER_WORDS.get(value, value) if value in _NUMBER_WORDS else value)


def wrong_numbers(text: str, item: Item) -> list[str]:
    """Ratings, runtimes and years in wordings the digit patterns miss, checked against the item
    ("rated 2.0" for a film rated 7.0, "two hours" for 95 minutes, "the eighties" for 1995)."""
    said = fold(text)
    desc = fold(item.description)
    out = []
    for pattern in RATING_WORDINGS:
        for m in pattern.finditer(said):
            value = _num(m.group(1))
            scale10 = value if "star" not in m.group() else value * 2
            if m.group() in desc:
                continue
            if item.rating is None or abs(scale10 - item.rating) > 0.55:
                out.append(f"rating {m.group()!r} (the item's is {item.rating})")
    for m in _RUNTIME_WORDS.finditer(said):
        if m.group() in desc:
            continue
        base = m.group(1)
        hours = 1.0 if base == "an" else float(_NUMBER_WORDS.get(base) or base)
        part = m.group(2) or m.group(3)
        hours += {"half": 0.5, "quarter": 0.25}.get(part or "", 0.0)
        hours += int(m.group(4) or 0) / 60
        if item.runtime is None or abs(hours * 60 - item.runtime) > 15:
            out.append(f"runtime {m.group()!r} (the item's is {item.runtime} minutes)")
    decades = [(w, d) for w, d in DECADE_WORDS.items() if re.search(rf"\b{w}\b", said)]
    for m in _SHORT_DECADE.finditer(said):
        short = int(m.group(1))
        decades.append((m.group(), (1900 if short >= 20 else 2000) + short))
    for word, start in decades:
        if word in desc:
            continue
        if item.year is None or not start <= item.year < start + 10:
            out.append(f"decade {word!r} (the item's year is {item.year})")
    for m in _RELEASED.finditer(said):
        if m.group(1) not in desc and (item.year is None or int(m.group(1)) != item.year):
            out.append(f"year {m.group()!r} (the item's is {item.year})")
    return out


def sequel_number(text: str, item: Item, titles: Sequence[str] = ()) -> list[str]:
    """A shown title with a number glued on that the real title lacks ("Titanic 2")."""
    said = fold(text)
    out = []
    for title in (item.title, *titles):
        t = re.escape(fold(title))
        for m in re.finditer(rf"\b{t}\s+(\d{{1,2}}|ii|iii|iv|part \w+)\b", said):
            if fold(m.group()) not in fold(item.title) and m.group() not in fold(item.description):
                out.append(m.group())
    return out


def own_source(text: str, item: Item) -> list[str]:
    """A claim that the item is a sequel, prequel, remake or adaptation of itself ("Smokey and
    the Bandit II ... is the sequel to Smokey and the Bandit II")."""
    said = fold(text)
    t = re.escape(fold(item.title))
    m = re.search(
        rf"\b(?:sequel|prequel|remake|follow[- ]up|adaptation|spin[- ]off) (?:to|of) (?:the )?{t}\b"
        r"(?!\s*(?:\d|ii|iii|iv|:|part))",
        said,
    )
    return [m.group()] if m else []


def copied_run(text: str, user_text: str, source: str = "", min_words: int = 4) -> str:
    """The longest run of `min_words` or more consecutive words of the user's message found in
    `text` and not in `source` (the item's own text), or a URL of the message; "" when none."""
    for url in URL.findall(user_text):
        if fold(url) in fold(text):
            return url
    said = " " + " ".join(words(text)) + " "
    src = " " + " ".join(words(source)) + " "
    user = words(user_text)
    best = ""
    for i in range(len(user)):
        for j in range(len(user), i + min_words - 1, -1):
            run = " ".join(user[i:j])
            if len(run) <= len(best):
                break
            if f" {run} " in said and f" {run} " not in src:
                best = run
                break
    return best


PRAISE_WORDS = _wordset(
    """
    great classic perfect amazing wonderful fantastic brilliant masterpiece love loved lovely
    adore enjoy enjoyable fun twist gem treat must best excellent beautiful powerful compelling
    engaging entertaining exciting thrilling heartwarming charming delightful unique special
    memorable unforgettable stunning captivating hilarious glad sure awesome incredible superb
    favourite favorite recommend recommended delight
    """
)


def empty_praise(text: str, item: Item, request_words: Iterable[str] = ()) -> list[str]:
    """Praise with nothing behind it: a sentence with praise words ("a classic comedy, but with a
    twist") and no concrete word from the item (see `specific_words`) or from the request."""
    asked = {stem(w) for w in request_words}
    out = []
    for sentence in re.split(r"(?<=[.!?])\s+", text.strip()):
        toks = words(sentence)
        praise = [w for w in toks if w in PRAISE_WORDS or stem(w) in PRAISE_WORDS]
        if praise and not specific_words(sentence, item) and not {stem(w) for w in toks} & asked:
            out.append(sentence)
    return out


# Words by which a sentence refers to the request itself ("It matches what you asked for.").
REQUEST_REFERENCES = _wordset("match matches matched asked request requested wish wishes")


def says_nothing(text: str, item: Item, clause: str = "") -> list[str]:
    """Sentences of a model's item text that add nothing concrete: no word from the item's own
    description or facets beyond its title and genres (`specific_words`) that the `clause`
    shown before it does not already say ("It is romance movies.", "It is 2001, and 123
    minutes."), unless it only refers to the request ("It matches what you asked for.")."""
    out = []
    shown = {stem(w) for w in words(clause)}
    for sentence in re.split(r"(?<=[.!?])\s+", text.strip()):
        toks = words(sentence)
        new = [w for w in specific_words(sentence, item) if stem(w) not in shown]
        if not toks or (new and any(w.isalpha() for w in new)):
            continue
        praise = any(w in PRAISE_WORDS or stem(w) in PRAISE_WORDS for w in toks)
        if praise or not {stem(w) for w in toks} & REQUEST_REFERENCES:
            out.append(sentence)
    return out


def ungrounded_words(text: str, item: Item, allowed: Iterable[str] = ()) -> list[str]:
    """Content words of `text` (4+ letters, not generic, praise or stop words) found in neither
    the item's title, description, genres, tags and facets nor `allowed` (the request's words):
    what a small model made up ("a documentary about the 2011 American film festival" for a film
    about ballet: 'festival')."""
    parts = [item.title, item.description, *item.genres, *item.tags]
    parts += [v for values in item.facets.values() for v in values]
    source = {stem(w) for w in words(" ".join(parts))} | {stem(w) for w in allowed}
    out = []
    for w in dict.fromkeys(words(text)):
        if (
            len(w) >= 4
            and w.isalpha()
            and w not in GENERIC_WORDS
            and w not in PRAISE_WORDS
            and w not in STOP_WORDS
            and w not in REQUEST_REFERENCES
            and stem(w) not in source
            and stem(w) not in GENERIC_WORDS
        ):
            out.append(w)
    return out


STOP_WORDS = _wordset(
    """
    also been both does done each from have here into just like more most much only over same
    some such than that them then there these they this very what when where which while will
    with would your yours it's that's isn't aren't doesn't don't
    follow follows followed bring brings brought tell tells told show shows shown turn turns
    keep keeps give gives feel feels feeling need needs want wants wanted wish suit suits
    mean means decide decides begin begins began start starts started try tries help helps
    become becomes became leave leaves lead leads meet meets live lives move moves play plays
    plays make makes going goes gets getting seem seems based mix mixes blend blends
    """
)


def stem(word: str, *, shortest: int = 4) -> str:
    """A crude English stem: plural "-s" and "-ies" removed ("dinosaurs" -> "dinosaur");
    "-s" only from words of `shortest` letters or more, "-ies" from 6 or more."""
    if word.endswith("ies") and len(word) > 5:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) >= shortest:
        return word[:-1]
    return word


def specific_words(text: str, item: Item) -> list[str]:
    """Concrete words of `text` that come from the item's description, facets or facts beyond its
    title and genres (a word of 4+ letters that is not generic praise or a genre name), plus the
    item's runtime or country when stated. Empty: the sentence says nothing specific."""
    title = {stem(w) for w in words(item.title)}
    genre = {stem(w) for g in item.genres for w in words(g)}
    parts = [item.description, *item.tags]
    parts += [v for values in item.facets.values() for v in values]
    source = {stem(w) for w in words(" ".join(parts))}
    out = []
    for w in dict.fromkeys(words(text)):
        s = stem(w)
        if (
            len(w) >= 4
            and s in source
            and s not in title
            and s not in genre
            and w not in GENERIC_WORDS
            and s not in GENERIC_WORDS
        ):
            out.append(w)
    if item.runtime and re.search(rf"\b{item.runtime}\b", text):
        out.append(f"{item.runtime} minutes")
    return out


GENERIC_WORDS = _wordset(
    """
    movie movies film films book books story stories great good best love loves loved lovely
    like likes enjoy enjoys enjoyed watch watching watched fans fan classic perfect must
    anyone everyone people those this that these with from about into their there they them
    what when where which while have has been were will would could should just also very
    more most much many some such only even ever still well make makes made made time times
    life world year years thing things really truly quite well take takes taken come comes
    find finds found look looks other others both each every whole full together first last
    great amazing fantastic wonderful beautiful powerful compelling engaging entertaining
    exciting thrilling heartwarming charming delightful unique special fun funny interesting
    masterpiece example choice pick watch viewers audience audiences minutes minute hours
    hour cast star stars starring directed director plot character characters themes theme tale
    """
)
