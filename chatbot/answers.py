"""Answers to questions about shown or named items, from catalogue facts and the picks' reasons.

Every sentence is built from the item's own fields (year, runtime, genres, facets, rating and
votes, description) or the reasons stored with the recommendation, so an answer cannot state
anything the catalogue does not hold; where the catalogue is silent the answer says so.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence

from chatbot.catalog import Catalog, Item
from chatbot.filters import (
    AUDIENCES,
    is_kind_of,
    unmarked_adult_signs,
)
from chatbot.filters import (
    OFTEN_WITH as _OFTEN,
)
from chatbot.filters import (
    QUALITY_MARKS as _QUALITIES,
)
from chatbot.locales import COUNTRIES as COUNTRY_ROWS
from chatbot.locales import LANGUAGES as LANGUAGE_ROWS
from chatbot.title_keys import fold_accents
from chatbot.understanding.core import Question

MIN_VOTES = 10  # fewer votes than this: the rating is shown with a warning
# a "why this one?" answer gives the rating only with this many votes (the cards' threshold,
# chatbot.ui_render.MIN_RATING_VOTES: half the omdb movies have 2 votes or fewer)
RATING_VOTES = 20
ABOUT_CHARS = 240  # the one line of what an item is about, at most

# yes/no questions about what a film is ('is it animated?', 'is the last one in black and
# white?', 'is it based on a true story?'): the question's words -> the facet values that say yes
_PROPERTIES: tuple[tuple[str, str, tuple[tuple[str, tuple[str, ...]], ...]], ...] = (
    ("animated", r"animat|cartoon|\banime\b", (("genre", ("Animation", "Cartoon", "Anime")),)),
    (
        "in black and white",
        r"black[\s-]*(?:and|&|n)[\s-]*white|\bb ?& ?w\b",
        (("style", ("Black And White Film",)),),
    ),
    ("a silent film", r"\bsilent\b", (("style", ("Silent Film",)),)),
    (
        "based on a true story",
        r"true (?:story|stories|events)|real (?:story|events|life)|really happen",
        (("source", ("True Story", "Biography")), ("genre", ("Biography", "Biographical"))),
    ),
    (
        "based on a book",
        r"\b(?:book|novel|comic|graphic novel|play)\b",
        (("source", ("Novel", "Literature", "Graphic Novel", "Comic", "Theater Play")),),
    ),
    ("a remake", r"\bremake\b", (("source", ("Remake",)),)),
    ("a documentary", r"documentar", (("genre", ("Documentary",)),)),
    ("a musical", r"\bmusical\b|\bsing(?:ing)?\b", (("genre", ("Musical",)),)),
    ("a short film", r"\bshort film\b|\ba short\b", (("style", ("Short Film",)),)),
)
_QUALITY_WORDS = {
    "scary": r"scar|frighten|creepy|horror",
    "gory": r"gor|bloody",
    "violent": r"violen",
    "sad": r"\bsad(?:der|dest)?\b|depress|cry",
    "funny": r"funn|laugh",
    "romantic": r"romantic|romance",
    "explicit": r"\bsex|explicit",
}


def answer(
    question: Question,
    text: str,
    catalog: Catalog,
    reasons: Mapping[str, str] | None = None,
) -> str:
    """The answer to one question (plain text, one short paragraph per item asked about).

    `reasons` maps item ids to the reasons they were recommended for (from ItemsRecommended)."""
    if not question.item_ids:
        if question.nothing_shown:
            return (
                "I haven't shown you any picks yet, so there is no numbered one to answer "
                "about. Name the title, or tell me what you'd like to watch and I'll suggest some."
            )
        if question.unknown:
            return (
                f"I don't know {_unknown_said(question.unknown)}, so I can't answer that. "
                "Is it spelled differently?"
            )
        return "Which one do you mean? Name the title or say 'the first one', 'the second one'."
    items = [catalog.get(i) for i in question.item_ids if i in catalog]
    if question.topic == "series" and question.relation and question.relation[1] in catalog:
        side, other = question.relation
        parts = [_neighbour(item, side, catalog.get(other)) for item in items[:1]]
        parts += [
            _one(topic, text, item, reasons or {}) for item in items[:1] for topic in question.also
        ]
        return "\n\n".join(parts)
    parts = [
        _series(item, catalog) if topic == "series" else _one(topic, text, item, reasons or {})
        for item in items
        for topic in (question.topic, *question.also)
    ]
    best = _superlative(text, items) if len(items) > 1 else None
    ranked = _RANKED_QUALITY.search(text.lower()) if len(items) > 1 else None
    if best is None and ranked is not None and question.topic == "suitability":
        # 'which of these is the scariest?': the catalogue marks qualities, it ranks none
        best = (
            "The catalogue marks films, it does not rank them by how scary or sad they are; "
            "what it says of each:"
        )
        parts = [re.sub(r"^(?:Yes|Probably not): ", "", p) for p in parts]
    return "\n\n".join([best, *parts] if best else parts)


# 'which is the scariest?', 'is the second one sadder than the first?': a quality compared
_RANKED_QUALITY = re.compile(
    r"\b(?:scar|gor|funn|sadd|creep|blood|dark)i?(?:est|er)\b|\bmost (?:violent|romantic|"
    r"intense|depressing|disturbing|explicit)\b|\bmore (?:violent|romantic|intense|depressing|"
    r"disturbing|explicit)\b"
)


def _neighbour(item: Item, side: str, other: Item) -> str:
    """'what's the sequel to Shrek?': the film right after (side 'after') or before the other
    one in their series, in release order (chatbot.understanding.titles._series_neighbours)."""
    length = f", {item.runtime} minutes" if item.runtime else ""
    return f"The film {side} **{other.label}** in its series is **{item.label}**{length}."


def _series(item: Item, catalog: Catalog) -> str:
    """'is there a sequel?': the other films of the item's series (its `franchise` facet, from
    the catalogue build) in the order they came out, or that the catalogue lists none."""
    label = f"**{item.label}**"
    series = set(item.facet("franchise"))
    if not series:
        return f"The catalogue lists {label} in no series, so I know of no sequel or prequel."
    others = sorted(
        (i for i in catalog if i.id != item.id and series & set(i.facet("franchise"))),
        key=lambda i: (i.year or 9999, i.title),
    )
    name = _join(sorted(series))
    if not others:
        return f"{label} is part of {name}, but the catalogue has no other film of it."
    after = [i.label for i in others if (i.year or 0) > (item.year or 0)]
    before = [i.label for i in others if (i.year or 0) <= (item.year or 0)]
    said = []
    if after:
        said.append(f"after it came {_join(after[:6])}")
    if before:
        said.append(f"before it {_join(before[:6])}")
    return f"{label} is part of {name}; in the catalogue, {' and '.join(said)}."


# 'which one is the newest?': the word, what it compares and whether the largest wins
_SUPERLATIVES = (
    (r"\b(newest|latest|most recent)\b", "year", True, "the newest"),
    (r"\boldest\b", "year", False, "the oldest"),
    # 'alien or aliens, which should i see first?': the order they came out in
    (
        r"\b(?:see|watch|start with)(?: it| them| one)? first\b|\bwhich (?:came|comes) first\b",
        "year",
        False,
        "the earlier one, so start there",
    ),
    (r"\bshortest\b", "runtime", False, "the shortest"),
    (r"\blongest\b", "runtime", True, "the longest"),
    # 'up or coco: which of the two is shorter?': two compared
    (r"\bshorter\b|\bquicker\b", "runtime", False, "the shorter"),
    (r"\blonger\b", "runtime", True, "the longer"),
    (r"\b(?:newer|more recent)\b", "year", True, "the newer"),
    (r"\b(?:older|earlier)\b", "year", False, "the older"),
    (
        r"\b(best|highest|top)[\s-](rated|rating|scored?|reviewed|reviews)\b|\bhighest\b|"
        r"\bbest of\b",
        "rating",
        True,
        "rated highest",
    ),
    (
        r"\b(worst|lowest)[\s-](rated|rating|scored?|reviewed|reviews)\b",
        "rating",
        False,
        "rated lowest",
    ),
    # 'heat or ronin?', 'interstellar vs gravity, which is better?': two films matched up
    (
        r"\bbetter\b|\bwhich(?: one| of them| of the two)? should (?:i|we) (?:watch|pick|see|"
        r"choose|go with)\b|\b(?:vs\.?|versus)\b|^[^,.!?]+ or [^,.!?]+\?",
        "rating",
        True,
        "the better rated of them on omdb.org",
    ),
)


def _unknown_said(title: str) -> str:
    """'the title 'X'' when what was typed reads as a title, else 'that title'."""
    from chatbot.understanding.parse import _reads_as_title

    return f"the title {title!r}" if _reads_as_title(title) else "that title"


def singled_out(question: Question, text: str, catalog: Catalog) -> tuple[str, ...]:
    """The one item a comparing question picks out of those it asks about ('which one is the
    longest?' -> the longest pick's id), else (): what 'that one' points at next."""
    items = [catalog.get(i) for i in question.item_ids if i in catalog]
    ranked = _ranked(text, items) if len(items) > 1 else None
    if ranked is None:
        return ()
    _, name, known, tied, _ = ranked
    return (tied[0].id,) if len(tied) == 1 and len(known) > 1 else ()


def _ranked(
    text: str, items: Sequence[Item]
) -> tuple[str, str, list[Item], list[Item], str] | None:
    """For the first superlative in `text` ('newest', 'longest', 'best rated'): its words, the
    fact compared, the items that have the fact, those tied for first, and a caveat (few
    votes); None when no superlative is asked."""
    for pattern, name, largest, words in _SUPERLATIVES:
        if not re.search(pattern, text.lower()):
            continue
        known = [i for i in items if getattr(i, name) is not None]
        caveat = ""
        if name == "rating" and known:
            trusted = [i for i in known if (i.votes or 0) >= MIN_VOTES]
            if not trusted:
                caveat = ", though on very few votes"  # the ratings are still what there is
            known = trusted or known
        if not known:
            return words, name, [], [], caveat
        pick = (max if largest else min)(known, key=lambda i: getattr(i, name))
        tied = [i for i in known if getattr(i, name) == getattr(pick, name)]
        return words, name, known, tied, caveat
    return None


def _superlative(text: str, items: Sequence[Item]) -> str | None:
    """'**X** is the newest.' over the items asked about, from the fact they all have."""
    ranked = _ranked(text, items)
    if ranked is not None:
        words, name, known, tied, caveat = ranked
        if not known:
            return f"The catalogue does not say which of them is {words}."
        pick = tied[0]
        if len(tied) > 1:
            # 'which is the shortest?' of three films of 115 minutes: none is
            same = {"year": "came out the same year", "runtime": "run the same length"}
            return (
                f"{_join([f'**{i.label}**' for i in tied])} "
                f"{same.get(name, 'are rated the same')}{caveat}."
                if len(tied) == len(known)
                else f"{_join([f'**{i.label}**' for i in tied])} are jointly {words}{caveat}."
            )
        return f"**{pick.label}** is {words}{caveat}."
    return None


def _one(topic: str, text: str, item: Item, reasons: Mapping[str, str]) -> str:
    label = f"**{item.label}**"
    if topic == "year":
        if item.year is None:
            return f"The catalogue does not give a year for {label}."
        return f"{label} came out in {item.year}."
    if topic == "runtime":
        if not item.runtime:
            return f"The catalogue does not give a running time for {label}."
        h, m = divmod(int(item.runtime), 60)
        said = f"{label} runs {item.runtime} minutes ({h} h {m:02d} min)."
        budget = _time_budget(text)
        if budget is None:
            return said
        fits = "fits in" if item.runtime <= budget else "is longer than"
        return f"{said} That {fits} the {_duration(budget)} you have."
    if topic == "rating":
        if re.search(r"\brated (?:r|pg|pg-?13|g|nc-?17)\b|\bage rating\b|\bmpaa\b", text.lower()):
            # 'is it rated R?': an age rating, which the catalogue does not hold
            marks = _marked(item, AUDIENCES["teen"].refuses.items()) or list(item.facet("audience"))
            said = f" It is marked {_join(marks)}." if marks else ""
            return (
                f"The catalogue has no age ratings (R, PG-13 ...) for {label}.{said} "
                f"{_rating(label, item)}"
            )
        return _rating(label, item)
    if topic == "language":
        spoken = [_language_name(c) for c in item.facet("language")]
        if not spoken:
            return f"The catalogue does not say what language {label} is in."
        first = spoken[0]
        rest = f"; it also has {_join(spoken[1:])} in it" if len(spoken) > 1 else ""
        subtitles = "" if first == "English" else " Unless you speak it, that means subtitles."
        asked = re.search(r"\bin ([a-z]+)\b", text.lower())
        code = _language_code(asked.group(1)) if asked else None
        if code is not None:
            yes = code == item.facet("language")[0]
            return f"{'Yes' if yes else 'No'}: {label} is in {first}{rest}.{subtitles}"
        return f"{label} is in {first}{rest}.{subtitles}"
    if topic == "country":
        names = [_country_name(c) for c in item.facet("country")]
        if not names:
            return f"The catalogue does not say where {label} was made."
        made = f"{label} was made in {_join(names)}."
        said_codes = [
            c.code
            for c in COUNTRY_ROWS
            if any(re.search(rf"\b{re.escape(w)}\b", text.lower()) for w in c.words)
        ]
        if said_codes:
            yes = any(code in item.facet("country") for code in said_codes)
            return f"{'Yes' if yes else 'No'}: {made}"
        return made
    if topic == "availability":
        return (
            f"The catalogue does not say where {label} is streaming or showing; it only holds "
            "the film's facts (year, length, genres, rating, synopsis)."
        )
    if topic == "unrecorded":
        return (
            f"The catalogue does not record awards, nominations, budgets or box office for "
            f"{label}; it only holds the film's facts (year, length, genres, rating, synopsis)."
        )
    if topic == "people":
        people = item.facet("person")
        # 'does the 2nd one have Sandra Bullock?', 'is Tom Hanks in it?': yes or no first
        asked = re.search(
            r"\b(?:have|has|star|stars|starring|feature|features|featuring|with)\s+"
            r"([a-z][\w'-]+(?: [a-z][\w'-]+){0,2})(?: in (?:it|that|this|there))?\s*\??\s*$|"
            r"^(?:is|was)\s+([a-z][\w'-]+ [a-z][\w'-]+)\s+in\b|"
            # 'is Goodfellas by Scorsese?', 'was it directed by steven spielberg?'
            r"^(?:is|was)\s.*?\bby\s+([a-z][\w'-]+(?: [a-z][\w'-]+)?)\s*\??\s*$",
            text.lower().strip(),
        )
        name = next((g for g in asked.groups() if g), "") if asked else ""
        if name.split(" ")[0] in ("in", "on", "of", "the", "a", "an", "it", "that", "this"):
            name = ""  # 'who stars in inception': the film, not a person asked about
        if name and name not in ("it", "the film"):
            # a surname alone names the person too ('by scorsese')
            named = next((p for p in people if _same_person(name, p)), None)
            if named is not None:
                return f"Yes: the synopsis of {label} names {named}."
            return (
                f"The synopsis of {label} does not name {name.title()}"
                + (f" (it names {_join(people)})" if people else "")
                + "; the catalogue has no cast lists, so I can't say for sure."
            )
        if re.search(
            r"\bdirect|\bwho (?:made|shot|helmed)\b|\bfilm ?maker|\bbehind (?:it|that|this)\b",
            text.lower(),
        ):
            # 'who directed the 1st one': only a synopsis that says who made it answers that
            from chatbot.understanding.parse import directors_named

            makers = directors_named(item)
            if makers:
                return f"Its description says {label} was made by {_join(makers)}."
            return (
                f"The catalogue has no crew lists and the description of {label} does not say "
                "who directed it" + (f" (it names {_join(people)})." if people else ".")
            )
        if not people:
            return (
                f"The catalogue has no cast or crew for {label}, and its description names no one."
            )
        return f"The catalogue has no cast lists; the description of {label} names {_join(people)}."
    if topic == "genre":
        listed = f"{label} is listed as {_join(item.genres) or 'no genre'}"
        if re.search(r"\bin colou?r\b|\bcolou?r (?:film|movie|one)\b", text.lower()):
            return _in_colour(item, label)
        prop = next((p for p in _PROPERTIES if re.search(p[1], text.lower())), None)
        if prop is not None:
            found = _marked(item, prop[2])
            if found:
                return f"Yes: {label} is listed as {_join(found)}."
            return (
                f"Not that the catalogue says: nothing marks {label} as {prop[0]} "
                f"(it is listed as {_join(item.genres) or 'no genre'})."
            )
        asked = re.search(r"\ban? ([\w\s'-]+?) (?:movie|film|flick|one)\b", text.lower()) or (
            re.search(r"\ban? ([\w'-]+(?: [\w'-]+)?)\s*\?\s*$", text.lower())
        )
        kind = asked.group(1).strip() if asked else ""
        if not kind or kind in ("good", "great", "real", "true"):
            return listed + "."
        where = f"{item.title} {' '.join(item.genres)} {item.description}".lower()
        if all(re.search(rf"\b{re.escape(w[:5])}", where) for w in kind.split()):
            return (
                f"Yes, as far as the catalogue says: {listed}, and its description fits '{kind}'."
            )
        return (
            f"Not that the catalogue says: {listed}, and its description does not call it '{kind}'."
        )
    if topic == "held":
        if item.description_composed:
            return f"Yes, {label} is in the catalogue: {item.description}"
        return f"Yes, {label} is in the catalogue: {_sentences(item.description, 2)}"
    if topic == "plot":
        if re.search(r"\b(?:die|dies|killed|ending|end)\b", text.lower()):
            # 'does anyone die in it?': the synopsis is all there is, and it avoids spoilers
            return (
                f"The catalogue does not say how {label} ends or who dies in it; its synopsis: "
                f"{_sentences(item.description, 2)}"
            )
        if item.description_composed:
            return f"The catalogue has no synopsis of {label}, only its facts: {item.description}"
        return f"{label}: {_sentences(item.description, 3)}"
    if topic == "which":
        return f"That was {label}. {_facts(item)}"  # 'what was the first one again?'
    if topic == "other":
        # 'how old do you have to be to watch it?', 'is it based on a book?' when nothing
        # above reads it: what the catalogue holds, and that it holds nothing more
        return (
            f"I can't answer that from the catalogue: it holds only the facts of {label}. "
            f"{_facts(item)}"
        )
    if topic == "reason":
        why = reasons.get(item.id)
        if not why and re.search(
            r"\bwhy (?:didn'?t|did not|not|haven'?t|have not|wasn'?t|isn'?t|no)\b|"
            r"\bhow come (?:you )?(?:didn'?t|did not|haven'?t|not|no)\b",
            text.lower(),
        ):
            # 'why didn't you suggest They Live?': a film that was no pick
            return (
                f"{label} was not among my picks: others matched what you told me more closely. "
                f"Say you'd like it and I'll take it into account. {_facts(item)}"
            )
        if why:
            because = f"I picked {label} because: {why.rstrip('.')}."
        else:
            because = f"I picked {label} for what you told me so far."
        return f"{because} {_facts(item)}"
    return _suitability(text, label, item)


# 'i have only 2 hours', 'got 90 minutes', 'about an hour and a half left': the time the user has
_BUDGET_RE = re.compile(
    r"\b(?:have|got|only|left|spare|under|within|max|at most)\b[^.?!]*?"
    r"(\d+(?:\.\d+)?)\s*(hours?|hrs?|h|minutes?|mins?)\b",
    re.IGNORECASE,
)


def _time_budget(text: str) -> float | None:
    """The viewing time the user says they have, in minutes ('i have only 2 hours' -> 120), or
    None when the message names none."""
    from chatbot.understanding.core import normalize_slang

    m = _BUDGET_RE.search(normalize_slang(text))
    if m is None:
        return None
    amount = float(m.group(1))
    return amount * 60 if m.group(2).lower().startswith("h") else amount


def _duration(minutes: float) -> str:
    if minutes % 60 == 0:
        hours = int(minutes // 60)
        return f"{hours} hour{'s' if hours != 1 else ''}"
    return f"{int(minutes)} minutes"


def _country_name(code: str) -> str:
    """'GB' -> 'the UK' (chatbot.locales.COUNTRIES); the code itself for a country it lacks."""
    return next((c.name for c in COUNTRY_ROWS if c.code == code), code)


def _language_name(code: str) -> str:
    """'fr' -> 'French' (chatbot.locales.LANGUAGES, else the understanding's language words
    read backwards); the code itself for a language neither names."""
    row = next((lang for lang in LANGUAGE_ROWS if lang.code == code), None)
    if row is not None:
        return row.name
    names = _language_names()
    return names[code].title() if code in names else code


def _language_code(word: str) -> str | None:
    """'persian' -> 'fa', 'farsi' -> 'fa'; None for a word that names no language."""
    from chatbot.understanding.lexicon import LANGUAGES

    return LANGUAGES.get(word.lower())


@functools.cache
def _language_names() -> dict[str, str]:
    from chatbot.understanding.lexicon import LANGUAGES

    return {c: w for w, c in sorted(LANGUAGES.items(), key=lambda x: -len(x[0]))}


def _same_person(name: str, person: str) -> bool:
    """'de niro' names Robert DeNiro, 'scorsese' Martin Scorsese: the whole name or its end,
    compared without spaces, case or punctuation (a surname alone needs four letters)."""
    said = re.sub(r"[^a-z]", "", fold_accents(name.lower()))
    full = re.sub(r"[^a-z]", "", fold_accents(person.lower()))
    return said == full or (len(said) >= 4 and full.endswith(said))


def _facts(item: Item) -> str:
    """The item's facts in a few sentences: year, length, genres, rating (with its vote count,
    only when at least RATING_VOTES voted) and one line of what it is about; a fact the
    catalogue lacks is said to be missing, never guessed."""
    known = [f"came out in {item.year}" if item.year else "has no year in the catalogue"]
    if item.runtime:
        h, m = divmod(int(item.runtime), 60)
        known.append(f"runs {item.runtime} minutes ({h} h {m:02d} min)")
    else:
        known.append("has no running time in the catalogue")
    genres = _join(item.genres)
    known.append(f"is listed as {genres}" if genres else "has no genre listed")
    out = ["It " + ", ".join(known[:-1]) + " and " + known[-1] + "."]
    votes = item.votes or 0
    if item.rating is None:
        out.append("The catalogue has no rating for it.")
    elif votes >= RATING_VOTES:
        out.append(f"Rated {item.rating:.1f}/10 by {votes:,} voters.")
    else:
        noun = "vote" if votes == 1 else "votes"
        out.append(f"Its rating rests on {votes} {noun}, too few to go by.")
    about = "" if item.description_composed else _sentences(item.description, 1)
    if about:
        out.append(f"What it is about: {_cut(about, ABOUT_CHARS)}")
    else:
        out.append("The catalogue has no synopsis of it.")
    return " ".join(out)


def _cut(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:.-") + "…"


def _rating(label: str, item: Item) -> str:
    if item.rating is None:
        return f"The catalogue has no rating for {label}."
    votes = item.votes or 0
    warn = f" (only {votes} votes, so take it lightly)" if votes < MIN_VOTES else ""
    return f"{label} is rated {item.rating:.1f} out of 10 by {votes} omdb.org voters{warn}."


def _suitability(text: str, label: str, item: Item) -> str:
    low = text.lower()
    if re.search(r"\bwhat age\b|\bhow old\b|\bage (?:limit|restriction|range)\b", low):
        # 'what age is Shrek for?', 'how old do you have to be to watch Deadpool?': no age
        # ratings in the catalogue; what it marks for children and for teenagers
        kids = AUDIENCES["children"].admits(item)
        teen = _marked(item, AUDIENCES["teen"].refuses.items())
        if kids:
            fit = "it is fine for children"
        elif teen:
            fit = f"it is marked {_join(teen)}, so not for children or teenagers"
        else:
            fit = "nothing marks it erotic, explicit or extreme, but it is no children's film"
        return (
            f"The catalogue has no age ratings (PG, R ...) for {label}; by what it lists "
            f"({_join(item.genres) or 'no genre'}), {fit}."
        )
    age = re.search(r"\b(\d{1,2})[\s-]*(?:years?[\s-]olds?|yo|yrs?[\s-]olds?)\b", low)
    if re.search(r"\bteen|\bpg-?13\b", low) or (age and 13 <= int(age.group(1)) <= 17):
        refused = _marked(item, AUDIENCES["teen"].refuses.items())
        if refused:
            return f"Not for a teenager: {label} is marked {_join(refused)}."
        return (
            f"{label} is listed as {_join(item.genres) or 'no genre'}; nothing in the catalogue "
            "marks it erotic, explicit or extreme, so it should be fine for a teenager."
        )
    if re.search(r"kid|child|famil|my (son|daughter)|year[\s-]old|suitable|appropriate", low):
        marks = [*item.facet("audience")]
        if AUDIENCES["children"].admits(item):
            return f"{label} is listed as {_join(marks or item.genres)}: fine for children."
        refused = _marked(item, AUDIENCES["children"].refuses.items())
        if refused:
            return f"Not for children: {label} is marked {_join(refused)}."
        signs = unmarked_adult_signs(item)
        if signs:
            return (
                f"Probably not for children: the catalogue does not mark {label} as a family or "
                f"children's film, and it looks made for grown-ups ({_join(signs)})."
            )
        return (
            f"The catalogue does not mark {label} as a family or children's film; it is listed "
            f"as {_join(item.genres)}."
        )
    asked = [q for q, p in _QUALITY_WORDS.items() if re.search(p, low)]
    if not asked:
        return f"{label} is listed as {_join(item.genres)}; {_sentences(item.description, 1)}"
    # 'how scary is it? is it gory?': each quality asked about
    return " ".join(_quality(quality, label, item) for quality in asked)


def _quality(quality: str, label: str, item: Item) -> str:
    """Whether the catalogue marks the item with a quality of `_QUALITY_WORDS`."""
    found = _marked(item, _QUALITIES[quality])
    if found:
        return f"Yes: {label} is listed as {_join(found)}, so expect it to be {quality}."
    near = _marked(item, (("genre", _OFTEN.get(quality, ())),))
    if near:  # 'is it gory?' of a horror film the catalogue marks no further: say so
        return (
            f"The catalogue does not say whether {label} is {quality}: it is listed as "
            f"{_join(near)}, and such films often are."
        )
    return (
        f"Probably not: nothing in the genres or mood of {label} says {quality} "
        f"(it is listed as {_join(item.genres)})."
    )


def _marked(item: Item, wanted: Iterable[tuple[str, Sequence[str]]]) -> list[str]:
    """The item's facet values that are (kinds of) any of the wanted (facet, values)."""
    return [
        v
        for name, values in wanted
        for v in item.facet(name)
        if any(is_kind_of(v, w, name) for w in values)
    ]


def _join(values: Sequence[str]) -> str:
    values = list(dict.fromkeys(values))[:5]
    if len(values) <= 1:
        return "".join(values)
    return ", ".join(values[:-1]) + " and " + values[-1]


_ABBREVIATION = re.compile(r"\b(?:Dr|Mr|Mrs|Ms|St|Jr|Sr|Prof|Capt|Lt|Col|Gen|vs|Mt)\.$")


def _sentences(text: str, n: int) -> str:
    """The first n sentences of `text` ('... inventor Dr. Emmett Brown.' is one sentence)."""
    parts: list[str] = []
    for piece in re.split(r"(?<=[.!?])\s+", text.strip()):
        if parts and _ABBREVIATION.search(parts[-1]):
            parts[-1] = f"{parts[-1]} {piece}"
        else:
            parts.append(piece)
    return " ".join(parts[:n])


def _in_colour(item: Item, label: str) -> str:
    """'is it in colour?': the catalogue marks black-and-white films (style facet), not colour
    ones; an unmarked film from before 1960 may still be black and white, and the answer says
    so."""
    marked = _marked(item, (("style", ("Black And White Film",)),))
    if marked:
        return f"No: {label} is listed as {_join(marked)}."
    if item.year is not None and item.year < 1960:
        return (
            f"The catalogue does not mark {label} as black and white, but many films from "
            f"{item.year} are; it cannot say for sure."
        )
    return f"Most likely: nothing marks {label} as black and white."
