"""Hard constraints in a message: years, decades, "too recent", runtime, rating, price, language."""

from __future__ import annotations

import logging
import re
import statistics
from collections.abc import Callable, Sequence

from chatbot.catalog import Item
from chatbot.events import (
    AttributePreferred,
    BeliefRemoved,
    ConstraintSet,
    make_constraint,
)
from chatbot.interest import facet_belief_id
from chatbot.locales import DECADE_WORDS
from chatbot.understanding.core import (
    ParseBase,
    normalize_title,
)
from chatbot.understanding.lexicon import (
    CHILD_AGE_MAX,
    CHILD_WORDS,
    COUNTRIES,
    CRITIQUE_MARK,
    FAMILY_WORDS,
    LANGUAGES,
    NUMBER_WORDS,
    TOKEN_RE,
    WATCHERS,
)

log = logging.getLogger(__name__)
_AGE_WORDS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen"
)


class ConstraintRules(ParseBase):
    """Rule passes for constraints; they blank out what they read."""

    def _mark_critiques(self) -> None:
        """'too recent' / 'too old' / 'too long': relative to the item they are about (applied
        after titles are known); a same-length marker word keeps token positions."""
        words = ["long"] if self.vocab.has_runtime else []
        words += ["recent", "new", "modern", "old", "dated"] if self.vocab.has_year else []
        if not words:
            return

        def mark(m: re.Match[str]) -> str:
            word = m.group("w")
            kind = {"new": "recent", "modern": "recent", "dated": "old"}.get(word, word)
            self.critiques.append(kind)
            return CRITIQUE_MARK.ljust(len(m.group(0)))

        self.low = re.sub(rf"(?<!not )(?<!n't )\btoo (?P<w>{'|'.join(words)})\b", mark, self.low)

    def _apply_comparative(self) -> None:
        """'like the matrix but newer', 'something like Alien, only older': the year is
        compared with the titles the message names, not with the picks on the table."""
        named = [t.item for t in self.targets if t.item is not None and not t.from_reference]
        years = [i.year for i in named if i.year]
        if self.comparative is None or not years:
            return
        index, direction = self.comparative
        if direction == "newer":
            self.events[index] = make_constraint("year_min", max(years) + 1)
        else:
            self.events[index] = make_constraint("year_max", min(years) - 1)

    def _apply_critiques(self) -> None:
        self._apply_comparative()
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

    def _mask_titles(self) -> list[tuple[int, int, str]]:
        """Hide titles that read like constraints ('The 40-Year-Old Virgin', '2001: A Space
        Odyssey', 'The Hangover Part 2') from the constraint passes; (start, end, text) to put
        back."""
        toks = list(TOKEN_RE.finditer(self.low))
        spans: list[tuple[int, int, str]] = []
        i = 0
        while i < len(toks):
            for n in range(min(8, len(toks) - i), 1, -1):
                a, b = toks[i].start(), toks[i + n - 1].end()
                if normalize_title(self.low[a:b]) in self.vocab.risky_titles and (
                    self._title_like(a, b)
                ):
                    spans.append((a, b, self.low[a:b]))
                    i += n - 1
                    break
            i += 1
        for a, b, _ in spans:
            self.low = self.low[:a] + "\x00" * (b - a) + self.low[b:]
        return spans

    def _title_like(self, a: int, b: int) -> bool:
        """The text a..b is written as a title: capitalised, with a digit ('the 40 year old
        virgin'), or right after a sentiment or seen verb ('loved old school'); lower-case
        everyday words ('an old school kung fu movie') are not."""
        raw = self.text[a:b] if len(self.text) == len(self.low) else self.low[a:b]
        if raw[:1].isupper() or any(c.isdigit() for c in raw):
            return True
        before = self.low[max(0, a - 24) : a]
        verbs = r"liked?|loved?|hated?|enjoyed|seen|saw|watched|adored?"
        return bool(re.search(rf"\b({verbs})\s*$", before))

    def _unmask_titles(self, spans: list[tuple[int, int, str]]) -> None:
        for a, b, text in spans:
            if self.low[a:b] == "\x00" * (b - a):
                self.low = self.low[:a] + text + self.low[b:]

    def _audience(self) -> None:
        """Who is watching: 'my 6 year old', 'for the kids', 'with my grandmother', 'the whole
        family' -> the audience constraint ('children' or 'family'), before 'old' means a year."""
        found: list[str] = []
        ages = {w: n for n, w in enumerate(_AGE_WORDS.split(), start=1)}
        gone: list[bool] = []

        def left(m: re.Match[str]) -> bool:
            gone.append(True)
            return True

        child_words = "|".join(sorted(CHILD_WORDS, key=len, reverse=True))
        # 'the kids went to bed', 'without the kids', 'just us adults now': the children have
        # left, so the audience limit they brought goes too
        self._consume(
            rf"\b(?:the|my|our) (?:{child_words})s? (?:have |has |are |is |'re |just )?"
            r"(?:gone|went|fell|are|is)?\s*(?:to bed|to sleep|asleep|in bed|out|away|home|"
            r"at (?:a|their|his|her) \w+)\b|"
            rf"\bwithout (?:the |my |our )?(?:{child_words})s?\b|"
            r"\b(?:just|only) (?:us |the )?(?:adults|grown[\s-]?ups)\b|"
            r"\b(?:adults|grown[\s-]?ups) only\b|\bno (?:kids|children) (?:around|here)\b",
            left,
        )
        if self.state.constraints.get("audience"):
            # 'they're asleep now': 'they' are the children the audience limit is for
            self._consume(
                r"\b(?:they|they're|theyre|they've) (?:are |have |'re |just |finally |all )*"
                r"(?:gone |went |fell |fallen )?(?:to bed|to sleep|asleep|in bed|sleeping)\b",
                left,
            )

        def age(m: re.Match[str]) -> bool:
            if m.group("neg"):
                return True  # 'not for a 5 year old': nothing to learn, but not a year either
            n = m.group("n")
            years = int(n) if n.isdecimal() else ages.get(n, 99)
            if years <= CHILD_AGE_MAX:
                found.append("children")
            elif years < 18:
                found.append("family")
            return True

        words = "|".join(sorted(_AGE_WORDS.split(), key=len, reverse=True))
        self._consume(
            rf"(?P<neg>\bnot (?:for |suitable for )?)?(?:\b(?:for|with) (?:my|our|a|an|the) )?"
            rf"\b(?:aged? )?(?P<n>\d{{1,2}}|{words})"
            r"(?:[\s-]*(?:years?|yrs?)[\s-]*olds?|[\s-]?(?:yo|y/o|year-olds?)|"
            r"[\s-]*(?:years?|yrs?) of age)\b(?:s\b)?"
            r"(?: (?:son|daughter|kid|child|boy|girl|nephew|niece|grandson|granddaughter|"
            r"brother|sister|cousin)s?\b)?",
            age,
        )
        child = "|".join(sorted(CHILD_WORDS, key=len, reverse=True))
        family = "|".join(sorted(FAMILY_WORDS, key=len, reverse=True))
        # 'my little brother is 8', 'my twins are turning 5': anyone of the user's people
        people = "|".join(
            sorted(CHILD_WORDS | WATCHERS | {"twins", "triplets"}, key=len, reverse=True)
        )
        self._consume(
            rf"(?P<neg>)\b(?:my|our|the) (?:(?:little|baby|young|youngest|eldest|oldest|twin) )?"
            rf"(?:{people})s? (?:is|are|'s|'re|just turned|turned|(?:is|are|'s|'re) turning|"
            rf"turns|will be|aged?) (?P<n>\d{{1,2}}|{words})\b(?: years?(?: old)?)?",
            age,
        )

        def watching(kind: str) -> Callable[[re.Match[str]], bool]:
            """A handler: `kind` ('children' or 'family') is watching, unless the match is
            negated ('nothing for kids')."""

            def add(m: re.Match[str]) -> bool:
                if not m.group("neg"):
                    found.append(kind)
                return True

            return add

        kids = watching("children")
        self._consume(
            r"(?P<neg>\b(?:no|not|nothing|non)[\s-](?:for |with )?)?"
            rf"\b(?:(?:my|our|the|two|three|some|a couple of) (?:little |young |small )?(?:{child})"
            r"s?\b|babysitting|babysit|little ones|(?<!about )(?<!of )\b(?:toddlers|kids|children"
            r"|little kids)\b)"
            # 'my kids are grown': no children watching
            r"(?!\s+(?:are|r|is)\s+(?:all\s+|now\s+)?"
            r"(?:grown|adults?|teens|teenagers|older|in college))",
            kids,
        )

        def who(m: re.Match[str]) -> bool:
            if m.group("neg"):
                return True
            found.append("children" if m.group("child") else "family")
            return True

        self._consume(
            r"(?P<neg>\b(?:no|not|nothing|non)[\s-](?:for |with |suitable for )?)?"
            r"(?:\b(?:for|with|watch with|suitable for|appropriate for|safe for|okay for|ok for)"
            r" (?:my |our |the |a |an |some |little |young |small )*"
            rf"(?:(?P<child>{child})|(?:{family}))\b(?:'s|s)?|"
            rf"\b(?P<child2>kids?|child|children)(?:'s)?[\s-](?:movies?|films?|friendly|safe)\b|"
            r"\bfamily[\s-](?:friendly|movies?|films?|night|viewing|evening|time)(?: night)?\b|"
            rf"\b(?:my|our|the) (?:{family})s?\b|"
            r"\b(?:whole|entire) family\b|\ball ages\b)",
            lambda m: who(m) if not m.group("child2") else kids(m),
        )

        self._consume(
            r"(?P<neg>\b(?:no|not|nothing|non)[\s-](?:for |with )?)?\b(?:my|our|a|for|with|have"
            r"|got|two|three|some) (?:teenage (?:son|daughter|kids?|boy|girl|nephew|niece)s?|"
            r"teens|teenagers?)\b|"
            # a rating that names the audience: 'a PG movie', 'rated G'
            r"\b(?:pg(?:-?13)?|g)[\s-](?:rated|movies?|films?)\b|\brated (?:g|pg(?:-?13)?)\b",
            watching("family"),
        )
        self._consume(
            r"(?P<neg>\b(?:no|not|nothing|non)[\s-](?:for |with )?)?"
            r"\b(?:pre-?schoolers?|kindergartners?|kindergarteners?|infants?|little kids)\b",
            kids,
        )
        if gone:
            if "audience" in self.state.constraints:
                self._clear("audience")
            # and the family / children's films asked for with them
            for facet, value in self.state.preferred:
                if facet == "audience" and re.search(r"famil|child|kid", value, re.I):
                    self.events.append(BeliefRemoved(facet_belief_id("preferred", facet, value)))
        elif found:
            self._set("audience", "children" if "children" in found else "family")

    def _constraints(self) -> None:
        masked = self._mask_titles()
        self._audience()
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

        # 'they're in their 80s', 'I'm in my early thirties': an age, not a decade of films
        self._consume(
            r"\bin\s+(?:my|his|her|their|our|your)\s+(?:early\s+|mid\s+|late\s+)?"
            r"(?:(?:19|20)?[0-9]0'?s|teens|twenties|thirties|forties|fifties|sixties|seventies|"
            r"eighties|nineties)\b",
            lambda m: True,
        )

        # 'from this century', 'a 21st century film', 'last century'
        def century(m: re.Match[str]) -> bool:
            if m.group("which") in ("this", "21st", "twenty-first", "twenty first"):
                self._set("year_min", 2000)
            else:
                self._set("year_max", 1999)
            return True

        self._consume(
            r"\b(?P<which>this|21st|twenty[\s-]first|last|previous|20th|twentieth)\s+century\b",
            century,
        )
        # 'an 80s or 90s action movie', 'from the 70s to the 90s': a span of decades
        decade_words = {**DECADE_WORDS, "noughties": 2000}
        one = r"(?:the\s+)?(?:(?:19|20)?[0-9]0'?s|" + "|".join(decade_words) + r")"

        def start_of(text: str) -> int | None:
            t = text.strip().removeprefix("the").strip().rstrip("s").rstrip("'")
            if t in decade_words or f"{t}s" in decade_words:
                return decade_words.get(t, decade_words.get(f"{t}s"))
            if t.isdecimal():
                two = int(t[-2:]) if len(t) == 2 else None
                if len(t) == 4:
                    return int(t)
                if two is not None:
                    return 1900 + two if two >= 30 else 2000 + two
            return None

        def span(m: re.Match[str]) -> bool:
            a, b = start_of(m.group("a")), start_of(m.group("b"))
            if a is None or b is None:
                return False
            lo, hi = min(a, b), max(a, b)
            self._set("year_min", lo)
            self._set("year_max", hi + 9)
            return True

        self._consume(
            rf"\b(?:from\s+|between\s+)?(?P<a>{one})\s+(?:or|and|to|through|-|–)\s+(?P<b>{one})\b",
            span,
        )
        # decades: the 90s, 1990s, the nineties, early 80s

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
            direction = m.group("dir") or m.group("dir2")
            if direction:  # '2000s or later', 'the 80s or earlier', 'the 90s onwards'
                if direction in ("later", "newer", "after", "onwards", "on"):
                    self._set("year_min", lo)
                else:
                    self._set("year_max", hi)
                return True
            if m.group("neg") and rel in ("before", "pre", "earlier than", "older than"):
                self._set("year_min", lo)  # 'not before the 90s'
                return True
            if m.group("neg") and rel in ("after", "post", "later than", "newer than"):
                self._set("year_max", hi)  # 'nothing after the 80s'
                return True
            if m.group("neg") and not rel and not part:
                # 'horror but nothing from the 80s', 'no 90s stuff': that decade left out
                self._set("decade_not", start)
                c = self.state.constraints
                if c.get("year_min") == start and c.get("year_max") == start + 9:
                    self._clear("year_min")
                    self._clear("year_max")
                return True
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
            r"(?:\b(?P<neg>not|no|nothing|anything but|anything except|except|excluding|without|"
            r"but not|avoid|avoiding|none|skip)\s+(?:(?:from|in|of|made in)\s+)?)?"
            r"\b(?:(?P<rel>before|pre|after|post|since|earlier than|older than|later than|"
            r"newer than)[\s-]+)?"
            r"(?:the )?(?:(?P<part>early|late|mid|middle)[\s-]+)?"
            r"(?:(?P<word>"
            + "|".join(decade_words)
            + r")|'?(?P<digits>(?:19|20)[0-9]0|[3-9]0|00|10)'?s)\b"
            r"(?:\s+(?:or|and)\s+(?P<dir>later|newer|after|earlier|older|before)\b|"
            r"\s+(?P<dir2>onwards?)\b)?",
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
            r"of)[\s-]+(?:the year\s+)?"
            rf"(?P<y>{year})\b(?P<on> ?(?:on|onwards?|and later|or later|and after|\+))?",
            relative_year,
        )

        def around(m: re.Match[str]) -> bool:
            y = int(m.group("y") or m.group("y2"))
            self._set("year_min", y - 3)
            self._set("year_max", y + 3)
            return True

        # 'from around 2010', 'circa 1985', '2010 or so', '2010ish': a few years either side
        self._consume(
            rf"\b(?:around|about|roughly|circa|approximately|ca\.?)\s+(?:the year\s+)?"
            rf"(?P<y>{year})\b|\b(?P<y2>{year})(?:\s+or so|\s*-?ish)\b",
            around,
        )

        def onwards(m: re.Match[str]) -> bool:
            if m.group("y2"):
                self._set("year_min", int(m.group("y2")))
                return True
            y = int(m.group("y"))
            self._set("year_min" if m.group("dir") != "earlier" else "year_max", y)
            return True

        # 'a drama released 2010 or later', '2015 onwards', '1990 or earlier'
        self._consume(
            rf"\b(?P<y>{year})\s*(?:or|and) (?P<dir>later|newer|after|earlier)\b|"
            rf"\b(?P<y2>{year})\s*(?:on|onwards|\+)",
            onwards,
        )

        def last_years(m: re.Match[str]) -> bool:
            words = {"decade": 10, "few years": 4, "couple of years": 2, "couple years": 2}
            n = m.group("n")
            span = int(n) if n and n.isdecimal() else NUMBER_WORDS.get(n or "", 0)
            years = (
                int(span) if m.group("unit") == "years" and span else words.get(m.group("unit"), 5)
            )
            self._set("year_min", self.vocab.latest_year - int(years) + 1)
            return True

        if v.has_year:
            self._consume(
                r"\b(?:in |from |over )?the (?:last|past) (?P<n>\d+|two|three|four|five|ten)? ?"
                r"(?P<unit>years|decade|few years|couple of years|couple years)\b",
                last_years,
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
            if m.group(3) == "older":
                self.comparative = (len(self.events), "older")
            self._set("year_max", ref - 1)
            if int(self.state.constraints.get("year_min", 0)) >= ref - 1:
                self._clear("year_min")
            return True

        self._consume(
            r"\b(?P<neg>not (too |so |that )?)?(older|old(?:[\s-]school)?|oldies|vintage)\b"
            r"(?! than)( ones|"
            r" movies| films| stuff)?",
            older,
        )

        def newer(m: re.Match[str]) -> bool:
            word = m.group("w")
            if word in ("newer", "more recent"):
                self.comparative = (len(self.events), "newer")
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
                if not any(
                    isinstance(e, ConstraintSet) and e.name == "rating_min" for e in self.events
                ):
                    self._set("rating_min", 7.0)  # unless a number says how high
                return True

            # 'imdb 7+', 'good reviews, 7.5 and up', '7+ on imdb': a number with a rating word
            self._consume(
                r"\b(?:imdb|rating|rated|score|stars|reviews?)\b[^.!?\d]{0,24}?"
                r"(?P<n2>\d(?:\.\d)?)\s*(?:\+|and up|and above|or (?:more|higher|above|better|up)|"
                r"plus)(?!\w)|\b(?P<n3>\d(?:\.\d)?)\s*\+?\s*(?:on|at) imdb\b",
                self._rating2,
            )

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
                r"(?P<n>\d+(?:\.\d+)?)\b|\b(?P<n2>\d(?:\.\d)?)\s*\+\s*(?:rating|rated|stars)\b|"
                r"\b(?:rated|rating|score[sd]?)\s+(?P<n3>\d(?:\.\d)?)\s*"
                r"(?:\+|or (?:more|higher|above|better))",
                lambda m: rating_number(m) if m.group("n") else self._rating2(m),
            )
            # 'with at least a 7 rating', 'a rating above 7.5', 'minimum rating 7', '8/10 or better'
            self._consume(
                r"\b(?:at least|above|over|more than|minimum(?: of)?|min\.?|no less than)\s+"
                r"(?:an?\s+)?(?P<n>\d(?:\.\d)?)(?:\s*/\s*10)?\s*(?:rating|stars?|score|imdb)\b|"
                r"\b(?:rating|score)\s+(?:above|over|of at least|at least|>=?)\s*"
                r"(?P<n2>\d(?:\.\d)?)\b|"
                r"\bminimum (?:rating|score)\s*(?:of\s*)?(?P<n3>\d(?:\.\d)?)\b",
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
        self._unmask_titles(masked)

    def _rating2(self, m: re.Match[str]) -> bool:
        self._set("rating_min", float(m.group("n2") or m.group("n3")))
        return True

    def _runtime(self, shown: Sequence[Item]) -> None:
        num = r"(?P<n>\d+(?:\.\d+)?|an?|one|two|three|four|one and a half|an hour and (?:a )?half)"

        def longest(lo: int, hi: int, more: int = 0) -> Callable[[re.Match[str]], bool]:
            """A handler: the matched length (+ `more` minutes) is the longest wanted; a length
            outside lo..hi minutes is no film's and is left alone."""

            def handle(m: re.Match[str]) -> bool:
                minutes = _minutes(m)
                if not lo <= minutes <= hi:
                    return False
                self._set("runtime_max", int(minutes) + more)
                return True

            return handle

        limit = longest(10, 600)

        def at_least(m: re.Match[str]) -> bool:
            minutes = _minutes(m)
            if not 10 <= minutes <= 600:
                return False
            self._set("runtime_min", int(minutes))
            if int(self.state.constraints.get("runtime_max", 10_000)) <= minutes:
                self._clear("runtime_max")
            return True

        # 'nothing under 90 minutes', 'no films shorter than 2 hours': at least that long
        self._consume(
            r"\b(?:no|none|nothing)\s+(?:(?:movies?|films?|books?|ones?|stuff)\s+)?"
            r"(?:(?:that's|that is|that are|thats)\s+)?(?:under|shorter than|less than|below)\s*"
            rf"{num}\s*(?P<unit>hours?|hrs?|h|minutes?|mins?|m)\b",
            at_least,
        )

        self._consume(
            r"\b(?:under|less than|shorter than|at most|no (?:more|longer) than|below|within|"
            r"up to)\s*"
            r"(?P<n>an hour and (?:a )?half)\b(?P<unit>)",
            limit,
        )

        def clock(m: re.Match[str]) -> bool:
            hours = 1 if m.group("h") in ("an", "one", "a") else int(m.group("h"))
            minutes = hours * 60 + int(m.group("m") or 0)
            if not 10 <= minutes <= 600:
                return False
            self._set("runtime_max", minutes)
            return True

        # '1h30 tops', '1h45 max', 'a thriller, 1h30': a clock length is the most it may last
        self._consume(
            r"\b(?P<h>\d)\s*h\s*(?P<m>[0-5]\d)\b(?:\s*(?:m|mins?|minutes?)\b)?"
            r"(?:[\s,-]*(?:tops|max(?:imum)?|at most|or less|or under|or shorter)\b)?",
            clock,
        )
        # 'an hour and 45 minutes', '1h30', '1 hour 40', '2h'
        self._consume(
            r"(?:\b(?:under|less than|shorter than|at most|no (?:more|longer) than|not longer than|"
            r"below|within|up to|max(?:imum)?)\s*|<=?\s*)"
            r"(?P<h>\d|an|one|a)\s*(?:h|hrs?|hours?)\s*(?:and\s*)?(?P<m>\d{1,2})?\s*"
            r"(?:m|mins?|minutes?)?\b",
            clock,
        )
        self._consume(
            rf"<=?\s*{num}\s*(?P<unit>hours?|hrs?|h|minutes?|mins?|m)\b",
            limit,
        )
        self._consume(
            r"\b(?:under|less than|shorter than|at most|max(?:imum)?|no (?:more|longer) than|"
            r"not (?:more|longer) than|nothing (?:over|above|longer than|more than)|"
            # 'no movies over two hours', 'none that are longer than 2h'
            r"(?:no|none|nothing|not)\s+(?:(?:movies?|films?|books?|ones?|stuff)\s+)?"
            r"(?:(?:that's|that is|that are|thats)\s+)?(?:over|above|longer than|exceeding)|"
            r"below|within|up to|"
            rf"<=?)\s*{num}\s*(?P<unit>hours?|hrs?|h|minutes?|mins?|m)\b",
            limit,
        )

        def between(m: re.Match[str]) -> bool:
            self._set("runtime_max", int(m.group("hi") or m.group("hi2")))
            return True

        self._consume(
            r"\bbetween \d{2,3} and (?P<hi>\d{2,3}) ?(?:minutes|mins?|m)\b|"
            r"\b\d{2,3} ?(?:-|–|to) ?(?P<hi2>\d{2,3}) ?(?:minutes|mins?|m)\b",
            between,
        )

        self._consume(
            rf"\b(?:around|about|roughly|approximately|approx\.?|~)\s*{num}\s*"
            r"(?P<unit>hours?|hrs?|h|minutes?|mins?|m)\b(?:\s+long)?",
            longest(30, 400, more=10),  # about that long: a little over is fine
        )
        # '90 minutes max', '2 hours tops', '100 min or less', 'an hour and a half at most'
        self._consume(
            rf"\b{num}[\s-]*(?P<unit>hours?|hrs?|h|minutes?|mins?|m)\b(?:[\s-]long)?[\s,-]*"
            r"(?:max(?:imum)?|tops|at[\s-]most|or[\s-]less|or[\s-]shorter|or[\s-]under|"
            r"at the most|max length|long max)\b",
            limit,
        )

        # 'at least 2 hours', 'longer than 100 minutes', 'over 2 hours', '2 hours or more'
        self._consume(
            r"\b(?:at least|longer than|more than|over|no shorter than|not shorter than|"
            r"minimum(?: of)?|min\.?)\s*"
            rf"{num}\s*(?P<unit>hours?|hrs?|h|minutes?|mins?|m)\b(?:\s+long)?",
            at_least,
        )
        self._consume(
            rf"\b{num}[\s-]*(?P<unit>hours?|hrs?|h|minutes?|mins?|m)\b(?:[\s-]long)?[\s,-]*"
            r"(?:or (?:more|longer|over)|\+|minimum|at least)(?!\w)",
            at_least,
        )
        runtimes = sorted(i.runtime for i in shown if i.runtime)

        def shorter(m: re.Match[str]) -> bool:
            if any(isinstance(e, ConstraintSet) and e.name == "runtime_max" for e in self.events):
                return True  # 'not too long, max 1.5 hours': the number says it
            word = m.group("w")
            if word.endswith("long"):
                self._set("runtime_max", 120)
            elif word == "shorter" and runtimes:
                self._set("runtime_max", max(60, int(statistics.median(runtimes)) - 10))
            else:
                self._set("runtime_max", 100)
            return True

        self._consume(
            r"\b(?P<w>(?:not|isn't|is not|aren't|wasn't|shouldn't be) (?:too |so |very |that |"
            r"overly |a )?long(?: one)?|shorter|short(?! stor)|"
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
            done = constrain("country", COUNTRIES[word], word, v.countries)
            spoken = LANGUAGES.get(word)
            if m.group("adj") and spoken not in (None, "en") and spoken in v.languages:
                # 'French films': made in France, and better still in French (not a co-production
                # in English)
                self.events.append(AttributePreferred("language", spoken))
            return done

        names = "|".join(sorted(COUNTRIES, key=len, reverse=True))
        self._consume(
            rf"\b(?P<neg>no |not |non[\s-])?(?:(?P<adj>{names})(?:[\s-](?:films?|movies?|cinema|"
            r"ones|titles|productions?|books?|novels?)\b|"
            # the genre after a nationality stays for the facet pass: 'French comedy'
            r"(?=[\s-](?:[a-z]+[\s-])?(?:comed|dram|thrill|horror|animat|classic|romance|"
            r"romantic|crime|action|war|western|musical|documentar|fantasy|mystery|noir)))|"
            rf"(?:from|made in|produced in|shot in) (?:the )?(?P<c>{names})\b)",
            country,
        )


def _minutes(m: re.Match[str]) -> float:
    """Minutes of a runtime match with groups n (a number or number word) and unit ('2 hours',
    'an hour and a half', '90 mins')."""
    n = m.group("n")
    if n.startswith("an hour and"):
        return 90.0
    value = NUMBER_WORDS.get(n)
    amount = float(value) if value is not None else float(n)
    return amount * 60 if m.group("unit").startswith("h") else amount
