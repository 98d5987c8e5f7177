"""Which film of a shared title the user means: 'halloween (the 1978 one)', 'true grit, the
original', 'the old psycho', 'parasite 2019', 'oldboy, the korean original', and a second
mention of another version in the same message ('... but the 2007 remake was garbage', 'not the
remake', 'the peter jackson one was too long').

The message is rewritten before it is read: each such mention becomes the title with its year in
brackets ('halloween (1978)'), which the title rules read as that film, so the year, 'remake' or
'korean' said to tell the films apart sets no year limit, wish or topic. A mention is rewritten
only when exactly one film of the title fits what is said; otherwise the text stays as it is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from chatbot.catalog import Item
from chatbot.filters import ANIMATION_GENRES
from chatbot.ranking import popularity
from chatbot.title_keys import normalize_title
from chatbot.understanding.core import Vocabulary

_OLD = ("original", "orig", "old", "older", "oldest", "classic", "earlier", "real", "proper")
# the animated film of a title or the one with actors ('the lion king, the cartoon')
_DRAWN = ("cartoon", "animated", "animation", "drawn")
_ACTED = ("live action", "live-action", "real life", "real-life")
_NEW = ("remake", "reboot", "new", "newer", "newest", "recent", "latest", "modern")
# adjectives of a country or its language -> ISO 3166 code of the catalogue's country facet
COUNTRY_WORDS = {
    "korean": "KR",
    "american": "US",
    "hollywood": "US",
    "japanese": "JP",
    "french": "FR",
    "swedish": "SE",
    "british": "GB",
    "english": "GB",
    "german": "DE",
    "spanish": "ES",
    "italian": "IT",
    "chinese": "CN",
    "danish": "DK",
    "norwegian": "NO",
    "mexican": "MX",
    "indian": "IN",
    "australian": "AU",
    "dutch": "NL",
    "thai": "TH",
    "russian": "RU",
}
_WHICH = "|".join((*_OLD, *_NEW, *_DRAWN, *_ACTED, *COUNTRY_WORDS))
_NOUN = r"(?:one|version|film|movie|remake|original|take)"
_YEAR = r"(?:19|20)\d\d"
# right after the title: ' 2019', ' (1978)', ', the 1982 one', ' (the 1978 one)', ', the
# original with john wayne', ' - the korean original', " '68"
_AFTER = re.compile(
    r"\s*(?:,|\(|-|–|:)?\s*(?:the\s+)?"
    rf"(?:(?:(?:one|version|film|movie)\s+)?(?:from\s+|of\s+)?(?P<year>{_YEAR})|"
    rf"(?:(?:one\s+)?from\s+)?(?:19|20)?'?(?P<decade>\d0)'?s\b|"
    rf"(?:(?:one\s+)?from\s+)?'(?P<yy>\d\d)|(?:(?:one\s+)?from\s+)?(?P<bare>\d\d)(?![\w'])(?!\s*(?:min|hour|hr|time|year|yr|yo|%))|(?P<which>{_WHICH})(?=\s|,|\)|$))"
    rf"(?:\s+{_NOUN})?(?:\s+(?:with|starring)\s+[a-z]+(?:\s+[a-z]+)?)?"
    # 'the original one from 1960': the year says it again (it sets no year limit)
    rf"(?:\s+from\s+(?:(?:the\s+)?(?:19|20)?\d0'?s|(?P<from>{_YEAR})\b))?\s*\)?",
    re.IGNORECASE,
)
# right after the title, a person: ', the peter jackson one', ' with sandra bullock', ' (the one
# with john wayne)'
_AFTER_NAME = re.compile(
    r"\s*(?:,|\(|-|–)?\s*(?:the\s+(?P<name>[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2}?)\s+"
    r"(?:one|version|original|remake|take|film|movie)\b|"
    r"(?:the\s+one\s+)?(?:with|starring|by)\s+(?P<with>[a-z]+(?:\s+[a-z]+)?))\s*\)?",
    re.IGNORECASE,
)
# right after the title, a person's possessive: 'Roma, Cuarón's, not the Fellini one'
_AFTER_POSSESSIVE = re.compile(
    r"\s*(?:,|\(|-|–)\s*(?P<name>[a-z][\w-]+(?:\s+[a-z][\w-]+)?)['’]s\b(?:\s+(?:one|version|film|movie))?",
    re.IGNORECASE,
)
# right before the title: 'the old psycho', 'the original halloween', 'the 2010 true grit'
# ('a real psycho', 'an old psycho' are no version: an indefinite article says a kind of person)
_BEFORE_NAME = re.compile(r"\b(?P<name>[a-z][\w-]+(?:\s+[a-z][\w-]+)?)['’]s\s+$", re.IGNORECASE)
_BEFORE = re.compile(
    rf"(?<!\ba )(?<!\ban )\b(?:the\s+)?(?:(?P<year>{_YEAR})|(?P<which>{_WHICH}))\s+$",
    re.IGNORECASE,
)
# elsewhere in the message: 'the 2007 remake', 'the remake', 'the original', 'the old one', 'the
# korean one', 'the peter jackson one', 'the other one'
_ELSEWHERE = re.compile(
    rf"\bthe\s+(?:(?P<year>{_YEAR})\s+|'?(?P<yy>\d\d)\s+|(?P<which>{_WHICH}|other)\s+|"
    r"(?P<name>[a-z]+(?:\s+[a-z]+)?)\s+)?(?P<noun>remake|original|reboot|one|version|prequel|"
    # 'not the live action': the kind alone names the version
    r"(?<=the )live[\s-]action|(?<=the )cartoon)\b"
    # 'not the one from 2003'
    rf"(?:\s+from\s+(?P<from>{_YEAR}))?",
    re.IGNORECASE,
)
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?", re.IGNORECASE)
# a year typed right after a title: 'parasite 2019', 'dune (2021)'
_YEAR_AFTER = re.compile(rf"\s*\(?\s*(?P<year>{_YEAR})\b\s*\)?")
_LIKE_BEFORE = re.compile(r"\b(?:like|to|than|as)\s+(?:the\s+)?$", re.IGNORECASE)
# 'parasite from 2019', 'the one made in 1982': the year of the film meant, said with 'from'
# (not a limit: 'like heat from 2010 onwards', 'from 1990 to 2000')
_FROM_YEAR_AFTER = re.compile(
    rf"\s*(?:(?:the one |the version )?(?:from|made in|released in|of)\s+)(?P<year>{_YEAR})\b"
    r"(?!\s*(?:on\b|onwards?|or (?:later|newer|after|earlier|before|older)|and (?:later|after|"
    r"up|on|before|earlier)|\+|-|–|to\b|until|till|through|s\b))"
)
_YEAR_SLACK = 1  # years: release dates differ by country and festival
PERSON_ERA_YEARS = 12  # a version this far from every film of a person's is not theirs


@dataclass(frozen=True)
class _Mention:
    start: int  # character offsets of the title in the text
    end: int
    versions: tuple[Item, ...]  # the films of that title, oldest first
    # a common word typed without the title's article ('it', 'her', 'up', 'thing'): read as a
    # title only with a year right after it ('it 2017', 'it (the 1990 one)')
    weak: bool = False
    spelt: str = ""  # the catalogue's title, for a mention typed with a typo


def _fits(versions: Sequence[Item], m: re.Match[str], *, other: Item | None = None) -> list[Item]:
    """The versions what the match says fits: a year, a two-digit year, old / new, a country
    or a person the film's people or description name; other = the version meant elsewhere."""
    pool = [v for v in versions if v is not other]
    said = m.groupdict()
    year = said.get("year") or said.get("from")
    if year:
        return [v for v in pool if v.year == int(year)]
    decade = said.get("decade")
    if decade:  # 'the 70s one': the version of that decade (of the last hundred years)
        return [v for v in pool if v.year is not None and v.year % 100 // 10 == int(decade) // 10]
    yy = said.get("yy") or said.get("bare")
    if yy:
        return [v for v in pool if v.year is not None and v.year % 100 == int(yy)]
    which = (said.get("which") or "").lower()
    noun = (said.get("noun") or "").lower().replace("-", " ")
    if not which and noun in (*_DRAWN, *_ACTED):
        which = noun
    if not which and said.get("noun") and said["noun"].lower() in ("remake", "reboot"):
        which = "new"
    if not which and said.get("noun") and said["noun"].lower() == "original":
        which = "old"
    if which == "other":
        return pool if other is not None and len(pool) == 1 else []
    if which in COUNTRY_WORDS:
        return _known([v for v in pool if COUNTRY_WORDS[which] in v.facet("country")])
    if which in _DRAWN or which in _ACTED:
        # a cartoon first: the 2016 Jungle Book is listed as computer animation too
        drawn = [v for v in versions if "Cartoon" in v.genres] or [
            v for v in versions if any(g in ANIMATION_GENRES for g in v.genres)
        ]
        if which in _DRAWN:
            return _known([v for v in drawn if v in pool])
        return _known([v for v in pool if "Cartoon" not in v.genres and v not in drawn[:1]])
    dated = [v for v in pool if v.year is not None]
    if which in _NEW and dated:
        # the newest, known or not yet: few had rated the 2021 Dune when the data was taken
        return [max(dated, key=lambda v: v.year or 0)]
    dated = _known(dated) if len(dated) > 2 else dated
    if which in _OLD and dated:
        return [min(dated, key=lambda v: v.year or 0)]
    name = (said.get("name") or said.get("with") or "").lower()
    if name:
        named = [v for v in pool if _names(v, name)]
        # 'the lynch one': his film and the TV cut both name him; the best known is meant
        return [max(named, key=lambda v: v.votes)] if named else []
    return []


_FILLER_AROUND = re.compile(
    r"^(?:(?:i mean|i meant|i mean t|sorry|no|nope|actually|lol|oops|wait|tho|though|pls|please|"
    r"ofc|obviously|haha)[\s,!.]*)*$",
    re.IGNORECASE,
)


def _only_says_which(text: str, start: int, end: int) -> bool:
    """The sentence of text[start:end] says nothing else ('... the new one.', 'the remake i
    mean'): it tells which film an earlier mention meant."""
    before = text[:start]
    cut = max(before.rfind(c) for c in ".!?;")
    if cut < 0:
        return False  # in the same sentence as the title: a film of its own
    after = re.split(r"[.!?;]", text[end:], maxsplit=1)[0]
    return bool(_FILLER_AROUND.match(before[cut + 1 :].strip(" ,-"))) and bool(
        _FILLER_AROUND.match(after.strip(" ,-"))
    )


def _gap(m: re.Match[str]) -> str:
    """The space a rewritten span took from the text after it ('... one) was' keeps one)."""
    return " " if m.group(0)[-1:].isspace() else ""


def _known(films: list[Item]) -> list[Item]:
    """Of several films of a title, the known ones ('the old jungle book' is the 1967 cartoon,
    not a 1942 film few know; 'the live action one' the 2017 film, not a TV film): more than a
    fifth of the best known one's popularity (omdb.org votes and ReDial mentions)."""
    if len(films) < 2:
        return films
    most = max(popularity(v) for v in films)
    return [v for v in films if popularity(v) * 5 > most]


def _names(item: Item, name: str) -> bool:
    """Whether the film's people or description name the person ('peter jackson', 'lynch');
    a common word ('the best one', 'the scary one') names nobody."""
    from wordfreq import zipf_frequency

    people = " | ".join(item.facet("person")).lower()
    surname = name.split()[-1]
    if len(surname) < 4 or zipf_frequency(surname, "en") >= 4.8:
        return False
    return bool(
        re.search(rf"\b{re.escape(surname)}\b", people)
        or re.search(rf"\b{re.escape(name)}\b", item.description.lower())
    )


class VersionReader:
    """Rewrites mentions of a shared title that say which film they mean (see the module)."""

    def __init__(self, vocab: Vocabulary) -> None:
        from wordfreq import zipf_frequency

        self.vocab = vocab
        self.shared: dict[str, tuple[Item, ...]] = {}
        self.common: set[str] = set()
        for key, items in vocab.titles.items():
            years = {i.year for i in items if i.year is not None}
            if len(years) >= 2:
                self.shared[key] = tuple(sorted(items, key=lambda i: i.year or 0))
                if " " not in key and zipf_frequency(key, "en") >= 5.0:
                    self.common.add(key)
        self.max_words = max((len(k.split()) for k in self.shared), default=0)
        # the years of each person's films (the person index), to tell whose film a version is
        self.person_years: dict[str, list[int]] = {}
        for item in vocab.catalog:
            for person in item.facet("person"):
                if item.year is not None:
                    self.person_years.setdefault(person, []).append(item.year)

    def _misspelt_mention(self, text: str) -> list[_Mention]:
        """One shared title typed with a typo ('total recal (arnie version, not the remake)'),
        found only when the message goes on to say which film it means or names another
        version: a span of 2-4 words close to one shared title (rapidfuzz ratio >= 90)."""
        from rapidfuzz import fuzz, process

        if _ELSEWHERE.search(text) is None:
            return []
        words = list(_WORD.finditer(text))
        keys = [k for k in self.shared if len(k) >= 8 and k not in self.common]
        for n in (4, 3, 2):
            for i in range(len(words) - n + 1):
                a, b = words[i].start(), words[i + n - 1].end()
                key = normalize_title(text[a:b])
                if len(key) < 8 or key in self.vocab.titles:
                    continue
                best = process.extractOne(key, keys, scorer=fuzz.ratio, score_cutoff=90)
                if best is not None:
                    versions = self.shared[best[0]]
                    return [_Mention(a, b, versions, spelt=versions[-1].title.lower())]
        return []

    def _mentions(self, text: str) -> list[_Mention]:
        words = list(_WORD.finditer(text))
        found: list[_Mention] = []
        i = 0
        longest = self.vocab.max_title_tokens
        while i < len(words):
            for n in range(min(longest, len(words) - i), 0, -1):
                a, b = words[i].start(), words[i + n - 1].end()
                if n > 1 and words[i + n - 1].group(0).lower() in ("the", "a", "an"):
                    continue  # 'king kong, the peter jackson one': no inverted article
                key = normalize_title(text[a:b])
                if key in self.shared:
                    typed = text[a:b].lower().split()
                    weak = key in self.common and len(typed) == len(key.split())
                    found.append(_Mention(a, b, self.shared[key], weak))
                    i += n
                    break
                if n > 1 and key in self.vocab.titles:
                    i += n  # 'American Psycho (2000)': no Psycho inside a longer title
                    break
            else:
                i += 1
        return found

    def missing_by_person(self, text: str) -> list[tuple[str, str, tuple[Item, ...]]]:
        """Titles said as a person's film ("Tarkovsky's Stalker", 'Oldboy, the Park Chan-wook
        original') when no film of that title is theirs: the person is in the person index, no
        version names them, and every version is more than PERSON_ERA_YEARS from each of their
        films there. Returns (title as typed, the person, the films of that title)."""
        out: list[tuple[str, str, tuple[Item, ...]]] = []
        words = list(_WORD.finditer(text))
        longest = self.vocab.max_title_tokens
        i = 0
        while i < len(words):
            for n in range(min(longest, len(words) - i), 0, -1):
                a, b = words[i].start(), words[i + n - 1].end()
                key = normalize_title(text[a:b])
                items = self.vocab.titles.get(key)
                if not items or (n == 1 and not text[a : a + 1].isupper()):
                    continue
                said = (
                    _BEFORE_NAME.search(text[:a])
                    or _AFTER_NAME.match(text, b)
                    or _AFTER_POSSESSIVE.match(text, b)
                )
                name = (said.group("name") or "") if said is not None else ""
                person = self._person(name)
                if person is not None and not any(_names(v, name.lower()) for v in items):
                    years = self.person_years.get(person, [])
                    if years and all(
                        v.year is not None
                        and min(abs(v.year - y) for y in years) > PERSON_ERA_YEARS
                        for v in items
                    ):
                        out.append((text[a:b], person, tuple(items)))
                i += n - 1
                break
            i += 1
        return out

    def _of_persons_era(self, versions: Sequence[Item], said: re.Match[str]) -> list[Item]:
        """The version a person of the person index is meant by when no version's people or
        description name them ('the thing (the carpenter one)', 'scarface, the pacino one'):
        of the versions within PERSON_ERA_YEARS of one of their films, the best known; [] when
        the name is nobody in the index or no version is of their time."""
        from wordfreq import zipf_frequency

        name = (said.groupdict().get("name") or "").lower()
        words = name.split()
        if not words or len(words[-1]) < 4 or zipf_frequency(words[-1], "en") >= 4.8:
            return []  # 'the scary one', 'the best one': no person
        person = self._person(name)
        if person is not None:
            people = [person]
        else:  # 'the carpenter one': a surname alone, the years of everyone of that name
            people = [p for p in self.person_years if p.lower().split()[-1:] == words[-1:]]
        years = [y for p in people for y in self.person_years[p]]
        era = [
            v
            for v in versions
            if years
            and v.year is not None
            and min(abs(v.year - y) for y in years) <= PERSON_ERA_YEARS
        ]
        if era:
            return [self.vocab.best_item(era)]
        if not people and len(words) >= 2:
            # 'wild (the reese witherspoon one)': a full name the index lacks; the version
            # people know best is the one such a name is said of
            return [self.vocab.best_item(list(versions))]
        return []

    def _person(self, name: str) -> str | None:
        """The person of the person index a name said names ('tarkovsky', 'park chan-wook')."""
        words = tuple(re.sub(r"[^\w\s]", " ", name.lower().replace("-", " ")).split())
        for k in range(len(words)):
            found = self.vocab.facet_terms.get(words[k:])
            if found is not None and found[0] == "person":
                return found[1]
        return None

    def missing_versions(self, text: str) -> list[tuple[str, int, tuple[Item, ...]]]:
        """Titles typed with a year no film of that title has ('parasite 2019' when the
        catalogue holds only Parasite (1982) under that name): (title as typed, year, the films
        of that title), so that no other film is taken for the one meant. Common words ('saw
        2012') are no such titles."""
        from wordfreq import zipf_frequency

        words = list(_WORD.finditer(text))
        out: list[tuple[str, int, tuple[Item, ...]]] = []
        longest = self.vocab.max_title_tokens
        i = 0
        while i < len(words):
            for n in range(min(longest, len(words) - i), 0, -1):
                a, b = words[i].start(), words[i + n - 1].end()
                if n > 1 and words[i + n - 1].group(0).lower() in ("the", "a", "an"):
                    continue
                key = normalize_title(text[a:b])
                items = self.vocab.titles.get(key)
                after = _YEAR_AFTER.match(text, b) if items else None
                if (
                    items
                    and after is None
                    and not _LIKE_BEFORE.search(text[:a])
                    # 'a comedy made in 1971' is a kind and a year, no The Comedy (2012)
                    and tuple(key.split()) not in self.vocab.facet_terms
                    and not re.search(r"\b(?:an?|some|any|another)\s+$", text[:a], re.IGNORECASE)
                ):
                    # 'parasite from 2019 was great'; not 'something like heat from 2010',
                    # where the year limits the picks
                    after = _FROM_YEAR_AFTER.match(text, b)
                if not items or after is None:
                    continue
                if normalize_title(text[a : after.end()]) in self.vocab.titles:
                    break  # 'blade runner 2049': the year is part of a longer title
                i += n - 1  # the longest title here ('american psycho (2000)', not 'psycho')
                year = int(after.group("year"))
                common = " " not in key and zipf_frequency(key, "en") >= 5.0
                if not (
                    common
                    or key.isdecimal()
                    or any(
                        it.year is not None and abs(it.year - year) <= _YEAR_SLACK for it in items
                    )
                ):
                    out.append((text[a:b], year, tuple(items)))
                break
            i += 1
        return out

    def rewrite(self, text: str) -> str:
        """The text with each mention that says which film it means written 'title (year)'."""
        if not self.shared:
            return text
        mentions = self._mentions(text) or self._misspelt_mention(text)
        if not mentions:
            return text
        edits: list[tuple[int, int, str]] = []  # (start, end, new text)
        chosen: dict[int, Item] = {}
        for k, m in enumerate(mentions):
            title = m.spelt or text[m.start : m.end]
            after = _AFTER.match(text, m.end)
            if m.weak and (after is None or not (after.group("year") or after.group("yy"))):
                continue
            before = _BEFORE.search(text[: m.start]) or _BEFORE_NAME.search(text[: m.start])
            if before is not None:
                # 'hated the 2017 mummy, the 1999 one is fun': said before the title, the
                # words after it name the other film
                fits = _fits(m.versions, before)
                if len(fits) == 1:
                    edits.append((before.start(), m.end, f"{title} ({fits[0].year})"))
                    chosen[k] = fits[0]
                    continue
            if after is not None and after.end() > m.end:
                fits = _fits(m.versions, after)
                if len(fits) == 1:
                    edits.append((m.start, after.end(), f"{title} ({fits[0].year}){_gap(after)}"))
                    chosen[k] = fits[0]
                    continue
            after_name = _AFTER_NAME.match(text, m.end)
            named = after_name or _AFTER_POSSESSIVE.match(text, m.end)
            if named is not None:
                fits = _fits(m.versions, named)
                if not fits and after_name is not None and after_name.group("name"):
                    # ('heat, hated ocean's twelve': a possessive after a comma names nobody's
                    # version unless a film of it names them, as _fits reads)
                    fits = self._of_persons_era(m.versions, after_name)
                if len(fits) == 1:
                    edits.append((m.start, named.end(), f"{title} ({fits[0].year}){_gap(named)}"))
                    chosen[k] = fits[0]
                    continue
        strong = [k for k, m in enumerate(mentions) if not m.weak]
        if len(strong) == 1:
            k = strong[0]
            edits += self._elsewhere(text, mentions[k], chosen.get(k), edits)
        for start, end, new in sorted(edits, reverse=True):
            text = text[:start] + new + text[end:]
        # 'halloween, the 2007 one, was trash': the film said is the subject of the verdict
        return re.sub(
            r"(?<=\(\d{4}\)),\s+(?=(?:was|is|were|are|felt|feels|has|had|looks|looked|still)\b)",
            " ",
            text,
        )

    def _elsewhere(
        self, text: str, m: _Mention, meant: Item | None, edits: list[tuple[int, int, str]]
    ) -> list[tuple[int, int, str]]:
        """'... but the 2007 remake was garbage': another version of the one title the message
        names, said after it; the first mention, when it said no version, is then the other
        one ('loved the thing but not the remake': the 1982 film)."""
        out: list[tuple[int, int, str]] = []
        title = m.spelt or text[m.start : m.end]
        taken = [(a, b) for a, b, _ in edits]
        for ref in _ELSEWHERE.finditer(text, m.end):
            if any(a <= ref.start() < b for a, b in taken):
                continue
            noun = ref.group("noun").lower()
            bare_one = noun in ("one", "version") and not any(
                ref.group(g) for g in ("year", "yy", "which", "name", "from")
            )
            if bare_one:
                continue
            fits = _fits(m.versions, ref, other=meant)
            if len(fits) != 1 or fits[0] is meant:
                continue
            if meant is None and _only_says_which(text, ref.start(), ref.end()):
                # 'i liked the time machine. the new one': which film the first mention meant
                return [
                    (m.start, m.end, f"{title} ({fits[0].year})"),
                    (ref.start(), ref.end(), ""),
                ]
            out.append((ref.start(), ref.end(), f"{title} ({fits[0].year})"))
            if meant is None:
                rest = [v for v in m.versions if v is not fits[0]]
                if len(rest) == 1 or (ref.group("which") or noun) in _NEW + ("remake", "reboot"):
                    # the one named first is the other (the best known other when the remake
                    # is said: 'the mummy, not the remake' is the 1999 film, not the 1932 one)
                    first = self.vocab.best_item(rest)
                    out.append((m.start, m.end, f"{title} ({first.year})"))
                    meant = first
            break
        return out
