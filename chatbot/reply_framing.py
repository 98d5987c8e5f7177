"""The system-written frame around the LLM's text: sanitised reasons, the request restated in the
system's own words, the description clause that opens each item's sentence, and template text
(also the replies written without the writer: the plain-text fallback, the other-language answer).

Nothing the user typed reaches a prompt's trusted part or the reply verbatim: reasons that carry
the user's words ("matches your interest in <text>") keep only the keywords the item's own text
shares, URLs and markup are removed everywhere, and titles inside reasons must be catalogue
labels. (The ranker creates reasons in `chatbot/ranking.py`; they are sanitised here, at the
writer's boundary, before they reach a prompt or the grounding checker's trusted text.)
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Container, Sequence

from chatbot.catalog import Item
from chatbot.ranking import Recommendation
from chatbot.writing_checks import MARKUP, URL, fold, words

CLAUSE_CHARS = 170  # the description clause that opens an item's sentence
REASON_CHARS = 90
INTEREST_PREFIX = "matches your interest in "
VAGUE_REASON = "close to what you described"  # also '... overall' (chatbot.ranking)
_TITLED = re.compile(r"^(similar to|often talked about together with) (.+)$")
_FACET = re.compile(r"^(.+), which you asked for$")
_ASKED = re.compile(r"^(.+?),? (?:which|in the period) you asked for$")
_LABEL = re.compile(
    r"(?:similar to|together with|who liked|, like|the same kind as) (.+? \(\d{4}\))"
)
# kinds of film: in a topic ('courtroom drama', 'historical drama') the other words say what
_KIND_NOUNS = frozenset(
    ("drama", "dramas", "comedy", "comedies", "thriller", "thrillers", "horror", "romance")
    + ("adventure", "action", "movie", "movies", "film", "films", "flick", "flicks", "story")
    + ("stories",)
)
# the refinement of a request for something different (chatbot.turn_policy): said before the
# noun ('3 different movies'), and no 'like <title>' beside it
UNLIKE_BEFORE = "different"
# 'also thriller, like Rear Window (1954)': what a pick shares with a liked title
_SHARES = re.compile(r"^also (?P<kind>[^,]+), like (?P<title>.+)$")
_PERIOD = re.compile(r"^from \d{4}, in the period you asked for$")


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that give orders rather than describe a wish: never kept as request keywords.
INSTRUCTION_WORDS = _wordset(
    """
    pretend ignore disregard forget say says saying write print output repeat respond reply
    answer tell recommend recommends include includes including catalogue catalog system prompt
    assistant instruction instructions rule rules act role user model please must should
    would could need want wants something anything movie movies film films book books item
    items show give find suggest best ever made like likes love loved
    """
)
_STOP = _wordset(
    "the a an and or of with about in on for to from some any that this it is are be was were "
    "me my i you your we our their its as at by into than then so very really just not no"
    # what any film has, judged, never what one is about ('a smart plot', 'great acting')
    " plot plots story stories acting ending endings script dialogue characters cast twist"
    " soundtrack visuals cinematography pacing"
)


def clean_text(text: str, limit: int = 300) -> str:
    """`text` without URLs, markup or control characters, spaces collapsed, at most `limit`
    characters (cut at a word)."""
    text = URL.sub(" ", text)
    text = MARKUP.sub(lambda m: f" {m.group(1)} " if m.group(1) else " ", text)
    text = re.sub(r"[\x00-\x1f\x7f{}\\]+", " ", text)
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0]
    return text


def keywords(text: str, item: Item | None = None, limit: int = 3) -> list[str]:
    """Describing words of the user's `text` (3+ letters, no stopwords, no order words); with an
    `item`, only those its own title, description, genres, tags or facets contain. Two such
    words next to each other stay one keyword ("high school", "time travel": not "high and
    school")."""
    source: set[str] = set()
    if item is not None:
        parts = [item.title, item.description, *item.genres, *item.tags]
        parts += [v for values in item.facets.values() for v in values]
        source = {_stem(w) for w in words(" ".join(parts))}
    out: list[str] = []
    last = -2  # index of the last word kept
    for i, w in enumerate(words(clean_text(text))):
        if len(w) < 3 or w in _STOP or w in INSTRUCTION_WORDS or not w.isalpha():
            continue
        if item is not None and _stem(w) not in source:
            continue
        if i == last + 1 and out and " " not in out[-1]:
            out[-1] = f"{out[-1]} {w}"
        elif w not in out:
            out.append(w)
        last = i
    return out[:limit]


def sanitise_reason(reason: str, item: Item, labels: Container[str]) -> str:
    """One ranker reason made safe to show and to trust: URLs and markup removed, the user's own
    words reduced to keywords the item shares, titles kept only when they are catalogue labels."""
    reason = clean_text(reason, REASON_CHARS * 2)
    if reason.startswith(INTEREST_PREFIX):
        said = reason[len(INTEREST_PREFIX) :]
        found = keywords(said, item)
        every = [w for w in " ".join(keywords(said, limit=99)).split() if w not in _KIND_NOUNS]
        # the item shares the phrase's head ('chinese martial arts': 'arts'; 'courtroom drama':
        # 'courtroom', the kind says less), not only a modifier ('martial', 'smart' of 'smart
        # plot') or the kind ('drama'), or the phrase is not named
        if not found or (every and every[-1] not in " ".join(found).split()):
            return "close to what you described"
        return INTEREST_PREFIX + _join(found)
    m = _TITLED.match(reason)
    if m and m.group(2).split(",")[0].strip() not in labels:
        return f"{m.group(1)} a title you liked"
    m = _SHARES.match(reason)
    if m and m["title"] not in labels:
        return reason[: m.start("title")] + "a title you liked"
    return reason[:REASON_CHARS].strip()


def sanitise(recs: Sequence[Recommendation], labels: Container[str]) -> list[Recommendation]:
    """Recommendations whose reasons went through `sanitise_reason` (same items and scores); a
    vague 'close to what you described' is left out where a pick has a concrete reason too."""
    out = []
    for r in recs:
        reasons = tuple(dict.fromkeys(sanitise_reason(x, r.item, labels) for x in r.reasons))
        concrete = tuple(x for x in reasons if not x.startswith(VAGUE_REASON))
        out.append(Recommendation(r.item, r.score, concrete or reasons))
    return out


# what a film is based on, said after the noun ('war movies based on a true story', not 'war
# true story movies'; omdb.org's 'source' facet values)
SOURCE_PHRASES = {
    "true story": "based on a true story",
    "novel": "based on a novel",
    "graphic novel": "based on a graphic novel",
    "short story": "based on a short story",
    "theater play": "based on a play",
    "video game": "based on a video game",
    "fairy tale": "based on a fairy tale",
    "children's book": "based on a children's book",
    "literature": "based on literature",
    "comic": "based on a comic",
    "novella": "based on a novella",
}


def request_phrase(
    recs: Sequence[Recommendation], noun: str, refinement: Sequence[str] = ()
) -> str:
    """What the picks answer, in the system's words, from their (sanitised) reasons and what
    this turn changed (`refinement`, phrases after the noun, chatbot.turn_policy): "comedy
    movies like The Matrix (1999)", "movies about space and exploration", "movies like Heat
    (1995), from before 1995"; "" when neither says anything about the request."""
    adjectives: Counter[str] = Counter()
    likes: Counter[str] = Counter()
    topics: Counter[str] = Counter()
    post: Counter[str] = Counter()
    for rec in recs:
        for reason in rec.reasons:
            if m := _TITLED.match(reason):
                if not m.group(2).endswith("a title you liked"):
                    likes[m.group(2).split(",")[0].strip()] += 1
            elif m := _SHARES.match(reason):
                likes[m["title"]] += 1
            elif m := _FACET.match(reason):
                label = m.group(1)
                if label.startswith("no "):  # 'no horror': what was ruled out
                    post["without " + label.removeprefix("no ")] += 1
                elif label.startswith("not "):  # 'not dark', 'not made in France'
                    post["that aren't " + label.removeprefix("not ")] += 1
                elif label.startswith("made in "):
                    post[label] += 1
                elif label.startswith("films with or by "):  # a person: after the noun
                    post[label.removeprefix("films ")] += 1
                elif label.lower() in SOURCE_PHRASES:  # 'based on a true story': after it
                    post[SOURCE_PHRASES[label.lower()]] += 1
                elif label.endswith(" films"):  # 'Pixar films': the name before the noun
                    adjectives[label.removesuffix(" films")] += 1
                else:
                    label = re.sub(r" (?:film|movie)s?$", "", label, flags=re.IGNORECASE)
                    adjectives[label if "-" in label else label.lower()] += 1
            elif reason.startswith(INTEREST_PREFIX):
                for w in _interest_words(reason):
                    topics[w] += 1
            elif _PERIOD.match(reason):
                post["from the years you asked for"] += 1
    adj = " ".join(_uncontained([a for a, _ in adjectives.most_common()])[:2])
    if UNLIKE_BEFORE in refinement:
        adj = f"{UNLIKE_BEFORE} {adj}".strip()
        refinement = [r for r in refinement if r != UNLIKE_BEFORE]
    said = f" {' '.join(words(adj))} "
    # the turn's change comes after the liked titles, unless the adjectives say it
    # ('French-language' / 'in French'); 'like <pick>' only where a pick's reasons tie it to
    # that title (the picks after 'I loved the second one' may all come from elsewhere)
    fresh = [
        r
        for r in refinement
        if not set(words(r)[-1:]) <= set(said.split())
        and (not r.startswith("like ") or r.removeprefix("like ") in likes)
    ]
    after = []
    if (
        likes
        and not adj.startswith(UNLIKE_BEFORE)
        and not any(r.startswith("like ") for r in fresh)
    ):
        after.append("like " + _join([t for t, _ in likes.most_common(2)]))
    after += fresh[:2]
    # a topic the adjectives say already is not said again ('drama movies about drama')
    named = [t for t, _ in topics.most_common() if f" {' '.join(words(t))} " not in said]
    if named:
        after.append("about " + _join(_uncontained(named)[:2]))
    for p, _ in post.most_common(2):
        if p == "from the years you asked for" and any(r.startswith("from ") for r in fresh):
            continue  # the period is said with its years
        label = p.removeprefix("without ").removeprefix("that aren't ")
        if p != label and any(label in r for r in fresh):
            continue  # 'without children's films or family films' says 'without family films'
        if p not in after:
            after.append(p)
    if not adj and not after:
        return ""
    tail = ", ".join(after[:2]).replace(", instead", " instead")  # 'like Heat (1995) instead'
    return " ".join(x for x in (adj, noun + "s", tail) if x)


def _interest_words(reason: str) -> list[str]:
    """The keywords of a sanitised 'matches your interest in a, b and c' reason: [a, b, c]."""
    return reason[len(INTEREST_PREFIX) :].replace(" and ", ", ").split(", ")


def _uncontained(names: Sequence[str]) -> list[str]:
    """`names` without those another one holds as whole words ('school' beside 'high school',
    'comedy' beside 'romantic comedy'): a lead-in never says "about high school and school"."""
    spaced = [f" {' '.join(words(n))} " for n in names]
    return [
        n
        for n, s in zip(names, spaced, strict=True)
        if not any(s != other and s in other for other in spaced)
    ]


def template_lead(count: int, noun: str, phrase: str) -> str:
    """The lead-in without a model: "Here are 3 comedy movies like Heat (1995):"."""
    if count == 1:
        return f"Here is a pick among {phrase}:" if phrase else f"Here is a {noun} for you:"
    if phrase:
        return f"Here are {count} {phrase}:"
    return f"Here are {count} {noun}s that fit what you told me:"


_THANKS = re.compile(r"\b(?:thanks?|thx|ty|cheers|appreciate)\b", re.IGNORECASE)
_BYE = re.compile(r"\b(?:bye|goodbye|good night|goodnight|see you|later|cya)\b", re.IGNORECASE)


# 'no thanks', 'nah thank you': a refusal, which "You're welcome!" would answer wrongly
_DECLINED = re.compile(r"\W*(?:no|nope|nah)\b", re.IGNORECASE)
_GREETING = re.compile(
    r"^\W*(?:hi|hello|hey|hiya|howdy|yo|hola|greetings|good (?:morning|afternoon|evening|day))\b",
    re.IGNORECASE,
)


def small_talk_reply(user_text: str, noun: str, *, picks_shown: bool = True) -> str:
    """The answer to a pleasantry ('thanks!', 'ok cool', 'bye', 'hi there!') or to a question
    about the system ('what can you do?'): nothing was noted, so the reply says so in kind and
    offers the next step; before any picks it says what can be asked. No model call."""
    if not picks_shown:
        hello = (
            "Hi! "
            if _GREETING.search(user_text)
            else "You're welcome! "
            if _THANKS.search(user_text) and not _DECLINED.match(user_text)
            else ""
        )
        return (
            f"{hello}I suggest {noun}s from this catalogue and remember what you tell me. Say "
            f"what you're in the mood for: a genre or a mood, a {noun} you loved, who it's for, "
            "or limits such as length or years. Then tell me what you think of the picks "
            "('not the second one', 'seen it', 'something older') and I'll adjust."
        )
    nudge = f"Ask for more like these, something different, or about any of the {noun}s shown."
    if _BYE.search(user_text):
        return f"Enjoy! Come back any time for another {noun}."
    if _THANKS.search(user_text) and not _DECLINED.match(user_text):
        return f"You're welcome! {nudge}"
    return f"Glad to help. {nudge}"


def template_tail(reasons: Sequence[str], clause: str = "") -> str:
    """The "why it's here" text without a model, from the (sanitised) reasons: wishes the item
    meets are merged ("documentary and from 2004, as you asked"), a title named twice becomes
    "it" the second time, and a wish the `clause` before it already states is left out."""
    said = " " + " ".join(words(clause)) + " "
    asked: list[str] = []
    rest: list[str] = []
    seen: set[str] = set()
    for reason in reasons:
        if m := _ASKED.match(reason):
            label = m.group(1)
            if f" {' '.join(words(label))} " not in said:
                asked.append(label.lower() if label.istitle() else label)
            continue
        if (m := _SHARES.match(reason)) and f" {' '.join(words(m['kind']))} " in said:
            # the kind is in the clause already: 'the same kind as Rear Window (1954)'
            reason = f"the same kind as {m['title']}"
        for label in _LABEL.findall(reason):
            if label in seen:
                reason = reason.replace(label, "it")
            seen.add(label)
        rest.append(reason)
    if re.search(r"\b(?:years?|period|decade|era)\b[^.]*\byou asked\b", clause, re.IGNORECASE):
        # 'It is from the years you asked for.' said before: the year is not said again
        asked = [a for a in asked if not re.match(r"from \d{4}$", a)]
    asked = _uncontained(asked)  # 'dark comedy and comedy' -> 'dark comedy'
    # 'heist, as you asked; matches your interest in heist': the wish is said once
    said_asked = {" ".join(words(a)) for a in asked}
    rest = [
        r
        for r in rest
        if not (
            r.startswith(INTEREST_PREFIX)
            and all(" ".join(words(w)) in said_asked for w in _interest_words(r))
        )
    ]
    parts = ([_join(asked) + ", as you asked"] if asked else []) + rest
    return "Why it's here: " + "; ".join(parts) + "." if parts else ""


def plain_reply(question: str, recs: Sequence[Recommendation]) -> str:
    """The reply when the writer itself failed: the question, then one numbered line per pick
    with its reasons, or a sentence saying nothing matched."""
    lines = [question] if question else []
    for i, rec in enumerate(recs, start=1):
        reason = f" ({'; '.join(rec.reasons)})" if rec.reasons else ""
        lines.append(f"{i}. {rec.item.label}{reason}")
    return "\n".join(lines) or "I could not find anything that matches; try relaxing a constraint."


def why_said(label: str) -> str:
    """What a card's "Why this one?" button says for the user: "Why did you pick Alien (1979)?"."""
    return f"Why did you pick {label}?"


def language_reply(code: str | None) -> str:
    """The answer to a message in a language we do not read (`code`: ISO 639-1, as detected):
    "That looks like French. ..." and how to go on in English."""
    from chatbot.understanding.language import DETECTABLE, ENGLISH

    name = DETECTABLE.get(code or "", "another language")
    return f"That looks like {name}. {ENGLISH.unsupported}"


# A sentence ends at . ! ? and a space, not after an initial ("Robert S. McNamara").
SENTENCE_SPLIT = re.compile(r"(?<=[.!?])(?<!\b[A-Z]\.)\s+")
# a full stop that ends an abbreviation, not a sentence ('Fantastic Mr. Fox', 'a 900lb. bear')
_ABBREVIATION = re.compile(
    r"\b(?:mr|mrs|ms|dr|st|jr|sr|prof|gen|lt|capt|col|sgt|mt|ft|vs|lb|lbs|oz|no|vol|approx|"
    r"etc|inc|ltd|co|jan|feb|mar|apr|aug|sept?|oct|nov|dec|[a-z])\.$",
    re.IGNORECASE,
)
# how a sentence that needs the one before it opens ('But one day she ...', 'Or so she thought.')
_CONTINUES = re.compile(
    r"^(?:but|or|and|so|then|yet|however|meanwhile|still|also|instead|there|here|he|she|they|"
    r"it|its|his|her|their|this|that|these|those|now|soon|later|when|after|until|"
    # 'Let's just say he had to do a few retakes.', 'Because some things seem strange to
    # him, Buron asks ...', 'Eventually ...', 'Commercially the film became ...'
    r"let's|because|since|though|although|while|once|finally|eventually|thus|therefore|even|"
    r"again|unfortunately|luckily|fortunately|suddenly|commercially|moreover|furthermore|"
    r"besides|together|both|each|as a result|in the end|in addition|in (?:english|french|"
    r"german|spanish|italian)\b)\b",
    re.IGNORECASE,
)
# a sentence that ends leaning on the one before ('Dunn is hesitant to train her though.')
_LEANS_BACK = re.compile(r"\b(?:though|too|either|as well|instead|again)\s*[.!?]$", re.I)


def sentences(text: str) -> list[str]:
    """`text` split into sentences, not after an abbreviation ('Mr.', 'lb.', 'St.') nor before a
    lower-case word."""
    out: list[str] = []
    for piece in SENTENCE_SPLIT.split(" ".join(text.split())):
        if out and (_ABBREVIATION.search(out[-1]) or piece[:1].islower()):
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return out


def description_clause(item: Item, ok: Callable[[str], bool]) -> str:
    """The first sentence of the item's description (at most CLAUSE_CHARS characters, complete,
    accepted by `ok`, e.g. the grounding check), or "". A later sentence that leans on the one
    before it ('But one day she ...', 'Or so she thought.') is never taken alone."""
    said = sentences(item.description)
    for k, sentence in enumerate(said):
        if k and (
            _CONTINUES.match(sentence)
            or _LEANS_BACK.search(sentence)
            or len(sentence.split()) < 5
            or _named_before(sentence, " ".join(said[:k]))
        ):
            continue
        if 12 <= len(sentence) <= CLAUSE_CHARS and sentence[-1] in ".!?" and ok(sentence):
            return sentence
    return ""


def _named_before(sentence: str, before: str) -> bool:
    """Whether `sentence` opens with a name that the sentences `before` it gave in full ('Dunn
    is hesitant ...' after 'Frankie Dunn, a trainer, ...'): alone it names someone unknown."""
    m = re.match(r"([A-Z][\w'-]+)\b", sentence)
    if m is None or m.group(1) in ("The", "A", "An", "In", "On", "At", "After", "With"):
        return False
    return bool(re.search(rf"\b[A-Z][\w'.-]+ {re.escape(m.group(1))}\b", before))


def fact_clause(item: Item) -> str:
    """A clause from the item's facts for an item whose description has no sentence to show
    ('Western and drama from 2012, 165 minutes.'); "" without genres."""
    if not item.genres:
        return ""
    kinds = " and ".join(g if g.isupper() else g.lower() for g in item.genres[:2])
    parts = [kinds[:1].upper() + kinds[1:] + (f" from {item.year}" if item.year else "")]
    if item.runtime:
        parts.append(f"{item.runtime} minutes")
    return ", ".join(parts) + "."


def _join(parts: Sequence[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _stem(word: str) -> str:
    word = fold(word)
    if word.endswith("ies") and len(word) > 5:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


# Facets whose values describe what an item is like (movies: mood "Serious, Disturbing", source
# "True Story", standing "Cult Film"): shown to the model as facts, so its sentence has concrete
# words to use that the grounding check accepts (facet values are the item's own text).
# (Not standing or people: "Known as: Blockbuster" gave "It follows a blockbuster.")
DESCRIBING_FACETS = ("mood", "style", "source", "movement")
FACT_LABELS = {"mood": "Mood", "style": "Style", "source": "Based on", "movement": "Movement"}


def item_facts(
    item: Item, clause: str = "", *, about_chars: int = 360, facets: bool = True
) -> list[str]:
    """The fact lines of an item prompt ("Title: ...", "Genres: ...", "Mood: ...", "About: ...").

    "About" is the description beyond the `clause` already shown (the whole description when
    less than 40 characters remain), cut at a sentence within `about_chars`. Years and runtimes
    are left out: the system states them, and a 135M model only restates them ("It is 2001,
    and 123 minutes."). With `facets`, the describing facets' values (DESCRIBING_FACETS) follow
    the genres."""
    lines = [f"Title: {item.title}"]
    if item.genres:
        lines.append(f"Genres: {', '.join(item.genres)}")
    if facets:
        for name in DESCRIBING_FACETS:
            values = [v for v in item.facet(name) if v][:4]
            if values:
                label = FACT_LABELS.get(name, name.title())
                lines.append(f"{label}: {', '.join(values)}")
    text = " ".join(item.description.split())
    rest = text.replace(clause, "", 1).strip() if clause else ""
    about = rest if len(rest) >= 40 else text
    lines.append(f"About: {_cut(about, about_chars)}")
    return lines


def _cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit]
    end = max(cut.rfind(". "), cut.rfind("! "), cut.rfind("? "))
    return cut[: end + 1] if end > limit // 3 else cut.rsplit(" ", 1)[0] + "…"
