"""Hard constraints in a message: years, decades, "too recent", runtime, rating, price, language."""

from __future__ import annotations

import logging
import re
import statistics
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial

from chatbot.catalog import Item
from chatbot.constraints import clear_words
from chatbot.events import (
    AttributeAvoided,
    AttributePreferred,
    BeliefRemoved,
    ConstraintSet,
    ItemRejected,
    make_constraint,
)
from chatbot.interest import facet_belief_id, interest_belief_id
from chatbot.locales import DECADE_WORDS
from chatbot.understanding.core import (
    FILM_NOUNS,
    SMALL_NUMBERS,
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
    NEGATIVE_CUES,
    NUMBER_WORDS,
    TOKEN_RE,
    WATCHERS,
    _words,
)
from chatbot.understanding.nlp import subtree

log = logging.getLogger(__name__)
_AGE_WORDS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen"
)
# pattern pieces the rules below share (longest first, so that 'children' wins over 'child')
_AGES = {w: n for n, w in enumerate(_AGE_WORDS.split(), start=1)}
_AGE_ALT = "|".join(sorted(_AGE_WORDS.split(), key=len, reverse=True))
_CHILD_ALT = "|".join(sorted(CHILD_WORDS, key=len, reverse=True))
# grown-up relatives: no audience of their own, with or without 'with' / 'for' ('a movie for my
# dad, he loves westerns', 'my mom is crazy about musicals'), like a partner; grandparents and the
# whole family are ('my grandma is staying with us')
# what a film did to them, not who watches now ('up made the whole family cry', 'it made my
# kids laugh so hard')
_NOT_MOVED = (
    r"(?!\s+(?:family\s+)?(?:all\s+)?(?:cry|cried|bawl|sob|tear up|laugh|scream)\b)"
    # 'from when my grandparents were kids': a time of their life, they are not watching
    r"(?!\s+(?:were|was)\s+(?:\w+\s+)?(?:kids?|young|little|children|a child|teens|teenagers|"
    r"growing up|born|in school)\b)"
)
_NOT_MOVED += (
    # 'my son recommended Heat', 'my grandson tells me ...': who gave the tip, not who watches
    r"(?!\s+(?:(?:just|once|always|keeps?|has|had)\s+)?(?:recommended|recommends|suggested|"
    r"suggests|tells me|told me|says|said|showed me|mentioned|raves? about|swears by|got me into|"
    r"introduced me to|keeps? talking about|sent me|lent me|gave me)\b)"
)
_GROWN_UPS = frozenset(
    ("parents", "mom", "mum", "dad", "mother", "father", "mother-in-law", "aunt", "uncle")
)
_GROWN_ALT = "|".join(sorted(_GROWN_UPS, key=len, reverse=True))
_ELDERS_ALT = "|".join(sorted(FAMILY_WORDS - _GROWN_UPS, key=len, reverse=True))
# 'my little brother is 8', 'my twins are turning 5': anyone of the user's people
_PEOPLE_ALT = "|".join(
    sorted(CHILD_WORDS | WATCHERS | {"twins", "triplets"}, key=len, reverse=True)
)
# 'any year', 'forget the language', "don't care about the price": each word -> the constraints
# it clears, from the constraint table ('length': runtime_max and runtime_min)
_CLEAR_WORDS = clear_words()
_CLEAR_ALT = "(" + "|".join(_CLEAR_WORDS) + ")"
# verbs that drop a constraint named after them ('forget the length', 'scrap the 80s thing')
_DROP = (
    r"(?:forget|drop|remove|ignore|never ?mind|no more|scrap|scratch|ditch|lose|cancel|undo|"
    r"get rid of|skip(?:ping)?|lift|take back|take off|clear|"
    # 'I changed my mind about the 80s', 'change of plan on the length'
    r"(?:i'?ve |i have |i )?(?:changed|change) my mind(?= about| on)|change of (?:plan|heart)"
    r"(?= about| on))"
    # 'forget what I said about the 80s', 'ignore what I told you about the length'
    r"(?: what i (?:just )?(?:said|told you|asked for|asked|wrote|typed)(?= about| on| regarding))?"
)
# 'the two thousands', 'the aughts', 'the twenty tens': decades past 1999 said in words
_DECADE_WORDS = {
    **DECADE_WORDS,
    "noughties": 2000,
    "aughts": 2000,
    "two thousands": 2000,
    "twenty tens": 2010,
}
_DECADE = r"(?:the\s+)?(?:(?:19|20)?[0-9]0'?s|" + "|".join(_DECADE_WORDS) + r")"
# between the decades of a span or list: 'the 80s or 90s', '60s, 70s or 80s', '60s/70s', '60s 70s'
_DECADE_SEP = r"(?:\s*,\s*(?:or\s+|and\s+)?|\s*/\s*|\s+(?:or|and|to|through|-|–)\s+|\s+)"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
# 'pixar is for babies', 'cartoons are for little kids': too young for whoever says it
_TOO_YOUNG_FOR_THEM = re.compile(
    r"\b(?:is|are|'s|'re) (?:just |only |so )?for (?:babies|toddlers|little kids|infants)$"
)
# a year said with two digits after an apostrophe ("'99", "'05"; not the decade "'90s")
_SHORT_YEAR = r"'\d\d(?!s\b|\d)"
# a time of the user's life -> their ages then (years of age, first and last)
_LIFE_STAGES = {
    "kid": (5, 12),
    "child": (5, 12),
    "childhood": (5, 12),
    "little": (4, 10),
    "young": (5, 15),
    "youth": (10, 19),
    "growing": (5, 17),
    "teen": (13, 19),
    "teens": (13, 19),
    "teenager": (13, 19),
    "teenage": (13, 19),
    "high": (14, 18),
    "college": (18, 22),
    "uni": (18, 22),
    "school": (6, 18),
}
_LENGTH = r"(?P<n>\d+(?:\.\d+)?|an?|one|two|three|four|one and a half|an hour and (?:a )?half)"
_LANGUAGE_ALT = "|".join(sorted(LANGUAGES, key=len, reverse=True))
_COUNTRY_ALT = "|".join(sorted(COUNTRIES, key=len, reverse=True))
# languages that name no country ('hindi', 'tamil', 'mandarin'): 'hindi movies' asks for the
# language; 'french films' is the country rule's (made in France, better still in French)
# a kind of film right after an adjective (left for the facet pass): ' comedy', ' war drama'
_KIND_AHEAD = (
    r"(?=[\s-](?:[a-z]+[\s-])?(?:comed|dram|thrill|horror|animat|classic|romance|"
    r"romantic|crime|action|war|western|musical|documentar|fantasy|mystery|noir))"
)
_PLACE_ALT = "|".join(sorted(set(LANGUAGES) | set(COUNTRIES), key=len, reverse=True))
_LANGUAGE_ONLY_ALT = "|".join(sorted(set(LANGUAGES) - set(COUNTRIES), key=len, reverse=True))


# the lead of a refusal of content ('no ', 'nothing with any ', 'she hates ') before its noun
_CLEAN_LEAD = re.compile(
    r"(.*?\b)(?:any |too much |much |the |all the )?(?:sex|nudity|swearing|cursing|bad language|"
    r"foul language|naked|nude|inappropriate|explicit|raunchy|dirty|sexual|nsfw|r[\s-]?rated)"
)
# a list that goes on after a match: ', drugs', ' or gore', ' and violence', ' nor blood'
# (not a new say: 'no swearing and make it funny', 'no nudity, a comedy please')
_LIST_GOES_ON = re.compile(
    r"\s*(?:,|\bor\b|\band\b|\bnor\b)\s*(?!(?:a|an|some|something|anything|but|maybe|just|"
    r"rather|instead|though|so|then|i|we|you|it|give|show|recommend|make|keep|find|what|how|"
    r"please|pls|ideally|preferably|my|our|his|her|their|the|she|he|they|its?|is|are)\b)[a-z]"
)

# a clause about the user's own past, before 'in <year>' ('I first saw Casablanca', 'we were
# married', 'my husband and I met')
_LIFE_EVENT_BEFORE = re.compile(
    r"\b(?:i|we|(?:my|our) \w+ and i|i'd|we'd)\s+(?:\w+\s+){0,2}?(?:saw|watched|met|married|"
    r"got married|were married|was born|were born|moved|went|lived|grew up|remember|first saw|"
    r"first watched|visited|retired|graduated)\b(?![^,]*\b(?:films?|movies?|something|anything)"
    r"\b)",
    re.IGNORECASE,
)

# words that say a year is rough ('from like 1995', 'about 2005')
_HEDGE = r"(?:like|about|around|roughly|approximately|circa|maybe|say),? "


# the ages or teens that follow are said of the kids ('they're teenagers', 'the kids are 14')
_SAID_OF_THE_KIDS = re.compile(
    r"\b(?:they|kids|children|kiddos|both)\s*(?:'re|’re|are|r)\b(?!\s+(?:little|small|young))",
    re.IGNORECASE,
)


# "don't care if it's old or in another language", "doesn't matter whether it's black and white",
# "not bothered if it's long": indifference to a property, up to the clause's end
_INDIFFERENT_TO = (
    r"\b(?:(?:i|we)\s+)?(?:(?:really\s+)?(?:don'?t|do\s+not|doesn'?t|does\s+not|won'?t)\s+"
    r"(?:really\s+)?(?:care|mind|matter)|(?:i'?m\s+|we'?re\s+)?not\s+(?:too\s+|that\s+)?"
    r"(?:bothered|fussed|picky|fussy))\s+(?:about\s+)?(?:if|whether)\s+"
    # (up to a 'but' / 'as long as' that says what is wanted after it)
    r"(?:(?!\bbut\b|\bas\s+long\s+as\b|\bjust\b)[^,.;!?])*"
)

# a word of limit or comparison right before a number: 'under 88 minutes', 'no longer than 21',
# 'at least 300', 'up to 12' (see ConstraintRules._limit_before)
_LIMIT_WORDS = re.compile(
    r"(?:\b(?:under|over|below|above|within|max(?:imum)?|min(?:imum)?|around|about|roughly|"
    r"approx(?:imately)?|less\s+than|more\s+than|fewer\s+than|longer\s+than|shorter\s+than|"
    r"older\s+than|newer\s+than|at\s+(?:the\s+)?(?:most|least|max)|up\s+to|no\s+more\s+than|"
    r"no\s+longer\s+than|not\s+over)|[<>]=?|~)\s*$"
)

# a year said as when the user did something ('in 2012 i saw avatar', 'back in 2009 we got
# married'): 'in YEAR', then the doer and a verb in the past
_WHEN_IT_HAPPENED = (
    # (opening a clause: not 'films made in 2012 i liked')
    r"(?:^|(?<=[,.;!?])|(?<=\band )|(?<=\bbut )|(?<=\bso ))\s*"
    r"(?:back\s+)?in\s+(?:19|20)\d\d\b\s*,?\s*(?=(?:i|we|my\s+\w+|our\s+\w+|me\s+and\s+\w+)"
    r"\s+(?:first\s+|finally\s+|actually\s+)?(?:\w+ed|saw|went|got|had|was|were|did|took|met|"
    r"made|came|left|grew|fell|seen|watched)\b)"
)


class ConstraintRules(ParseBase):
    """Rule passes for constraints; they blank out what they read.

    The phrases are the rows of `RULES` (below the class), read in order by `_constraints`;
    the handlers here turn one match into constraint events.
    """

    # what the audience rules found in this message (set up by _constraints)
    _watching: list[str]  # 'children' / 'family' / 'teen' / 'grownups' per phrase on who watches
    _aged: list[str]  # the same, from an age said ('six 15-year-olds', 'my son is 8')
    _children_left: bool  # 'the kids went to bed', 'just us adults now'
    _limit_only: bool  # 'never mind the kid-friendly part': the limit taken back, not the wishes
    _shown: list[Item]  # the picks on the table, in the catalogue

    def _mark_critiques(self) -> None:
        """'too recent' / 'too old' / 'too long': relative to the item they are about (applied
        after titles are known); a same-length marker word keeps token positions."""
        words = ["long"] if self.vocab.has_runtime else []
        words += ["recent", "new", "modern", "old", "dated"] if self.vocab.has_year else []
        if not words:
            return

        said = self.text.lower() if len(self.text) == len(self.low) else self.low

        def mark(m: re.Match[str]) -> str:
            word = m.group("w")
            if word == "old" and _TOO_OLD_FOR.match(said, m.start()):
                return m.group(0)  # 'too old for the 10 yo': too grown-up, no year
            if _LIMIT_BEFORE.search(re.split(r"[,.;!?]", said[: m.start()])[-1]):
                return m.group(0)  # 'anything over 2 hours is too long': the limit's verdict
            kind = {"new": "recent", "modern": "recent", "dated": "old"}.get(word, word)
            self.critiques.append(kind)
            return CRITIQUE_MARK.ljust(len(m.group(0)))

        # 'not too long', 'neither too sad nor too long': a wish for what comes, no critique
        negated = "(?<!not )(?<!n't )(?<!nor )(?<!neither )(?<!nothing )"
        self.low = re.sub(rf"{negated}\btoo (?P<w>{'|'.join(words)})\b", mark, self.low)

    def _apply_comparative(self) -> None:
        """'like the matrix but newer', 'something like Alien, only older': the year is
        compared with the titles the message names, not with the picks on the table."""
        named = [t.item for t in self.targets if t.item is not None and not t.from_reference]
        if self.comparative is None:
            return
        index, direction = self.comparative
        if direction in ("shorter", "longer"):
            # 'the departed but shorter', 'Gravity but longer': measured from the film named
            # (the picks' lengths, or no limit, when none is named)
            runtimes = [int(i.runtime) for i in named if i.runtime]
            if not runtimes:
                if direction == "longer" and self._longer_tentative:
                    del self.events[index]  # 'longer' with nothing to compare
                return
            if direction == "shorter":
                # (at least ten minutes and 15% shorter: 'the godfather but shorter', 175
                # minutes, is at most 149)
                shortest = min(runtimes)
                limit = max(60, min(shortest - 10, round(shortest * 0.85)))
                self.events[index] = make_constraint("runtime_max", limit)
            else:
                self.events[index] = make_constraint("runtime_min", max(runtimes) + 10)
            return
        years = [i.year for i in named if i.year]
        if not years:
            return
        if direction == "newer":
            self.events[index] = make_constraint("year_min", max(years) + 1)
        else:
            self.events[index] = make_constraint("year_max", min(years) - 1)

    def _apply_critiques(self) -> None:
        self._apply_comparative()
        if not self.critiques:
            return
        shown = [self.vocab.catalog.get(i) for i in self.state.last_shown]
        # 'not the third, too old': the film turned down in the message, else the first pick
        turned_down = [
            self.vocab.catalog.get(e.item_id)
            for e in self.events
            if isinstance(e, ItemRejected) and e.item_id in self.vocab.catalog
        ]
        about = self.critiqued or turned_down or [i for i in shown[:1] if i is not None]
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
            for n in range(min(8, len(toks) - i), 0, -1):
                a, b = toks[i].start(), toks[i + n - 1].end()
                key = normalize_title(self.low[a:b])
                risky = key in self.vocab.risky_titles and (
                    self._title_like(a, b)
                    if len(key.split()) >= 2
                    else self._written_as_title(a, b)
                )
                if risky or self._with_its_year(key, b):
                    spans.append((a, b, self.low[a:b]))
                    i += n - 1
                    break
            i += 1
        for a, b, _ in spans:
            self.low = self.low[:a] + "\x00" * (b - a) + self.low[b:]
        return spans

    def _written_as_title(self, a: int, b: int) -> bool:
        """The text a..b is a one-word title with its article, every word capitalised, not at
        the start of a sentence ('loved The Boy', 'like The Kid'; not 'the boy', 'THE BOY',
        'The Kid is 6')."""
        if len(self.text) != len(self.low):
            return False
        raw = self.text[a:b]
        words = raw.split()
        quoted = self.text[a - 1 : a] in ('"', "'") and self.text[b : b + 1] in ('"', "'")
        if not quoted and re.search(r"(?:^|[.!?]\s*)$", self.text[:a].rstrip()):
            return False  # 'The kid is 6': a sentence's first word is capitalised anyway
        return len(words) >= 2 and not raw.isupper() and all(w[:1].isupper() for w in words)

    def _with_its_year(self, key: str, b: int) -> bool:
        """The title `key` is followed by the year of a catalogue film of that name, as ReDial
        writes its movies ('Kids (1995)', 'The Boy (2016)'): a title, whatever its words."""
        year = re.match(r"\s*\((\d{4})\)", self.low[b:])
        if year is None:
            return False
        return any(str(item.year) == year.group(1) for item in self.vocab.titles.get(key, ()))

    def _title_like(self, a: int, b: int) -> bool:
        """The text a..b is written as a title: capitalised, with a digit ('the 40 year old
        virgin'), or right after a sentiment or seen verb ('loved old school'); lower-case
        everyday words ('an old school kung fu movie') are not."""
        raw = self.text[a:b] if len(self.text) == len(self.low) else self.low[a:b]
        if raw[:1].isdigit() and self._limit_before(a):
            return False  # 'must be under 88 minutes': a limit, not the film 88 Minutes
        if raw[:1].isupper() or any(c.isdigit() for c in raw):
            return True
        if self._rare_long_title(raw):
            return True  # 'honey, i shrunk the kids and sex, lies, and videotape - seen both'
        before = self.low[max(0, a - 24) : a]
        verbs = r"liked?|loved?|hated?|enjoyed|seen|saw|watched|adored?"
        return bool(re.search(rf"\b({verbs})\s*$", before))

    @staticmethod
    def _rare_long_title(raw: str) -> bool:
        """A title of three words or more with a word rare in English (wordfreq Zipf below
        3.6: 'shrunk', 'pajamas', 'addams') is typed as that title, in any case; 'meet the
        parents', 'the kids are all right' are everyday words and say who is watching."""
        from wordfreq import zipf_frequency

        words = re.findall(r"[a-z]+", raw.lower())
        return len(words) >= 3 and any(len(w) > 3 and zipf_frequency(w, "en") < 3.6 for w in words)

    def _limit_before(self, a: int) -> bool:
        """A word of limit or comparison ends the text before character `a` ('under', 'less
        than', 'no longer than', 'at least', 'within', 'up to', '<'): a number after it is an
        amount ('under 88 minutes', 'over 21'), not the title that starts with it."""
        return bool(_LIMIT_WORDS.search(self.low[max(0, a - 30) : a]))

    def _unmask_titles(self, spans: list[tuple[int, int, str]]) -> None:
        for a, b, text in spans:
            if self.low[a:b] == "\x00" * (b - a):
                self.low = self.low[:a] + text + self.low[b:]

    def _constraints(self) -> None:
        """Read the message's constraints: the rows of RULES in order, each on the text the rows
        before it left; titles that read like constraints are hidden meanwhile."""
        masked = self._mask_titles()
        self._watching, self._children_left, self._aged = [], False, []
        # the entries of _watching that only say 'the kids' / 'my children', no age
        self._kids_unaged: list[int] = []
        self._clean = False  # 'nothing too explicit': fit for a family unless a viewer is said
        self._limit_only = False
        self._shown = [
            self.vocab.catalog.get(i) for i in self.state.last_shown if i in self.vocab.catalog
        ]
        # "don't care if it's old", 'not bothered whether it is black and white': what the user
        # does not mind is neither a wish nor a refusal (blanked before any rule reads it)
        self._consume(_INDIFFERENT_TO, lambda m: None)
        # 'in 2012 i saw avatar', 'back in 2009 we watched up': when something happened in the
        # user's life, no year asked of the films
        self._consume(_WHEN_IT_HAPPENED, lambda m: None)
        self._read_rules(r for r in RULES if r.constraint == "audience")
        self._settle_audience()  # before 'old' means a year: 'my 6 year old'
        self._hours_and_minutes()
        self._mark_critiques()
        self._read_rules(r for r in RULES if r.constraint != "audience")
        self._unmask_titles(masked)

    def _read_rules(self, rules: Iterable[ConstraintRule]) -> None:
        for rule in rules:
            if rule.when(self):
                self._consume(rule.pattern, partial(rule.handler, self))

    # who is watching: 'my 6 year old', 'for the kids', 'with my grandmother', 'the whole family'
    # -> the audience constraint ('children', 'family' or 'teen')

    def _settle_audience(self) -> None:
        if self._children_left:
            # 'the little one is in bed, the teen wants a scary movie': who is still watching
            older = [w for w in self._watching if w in ("teen", "grownups")]
            if older:
                self._set("audience", min(older, key=("teen", "grownups").index))
            elif "audience" in self.state.constraints:
                self._clear("audience")
            # and the family / children's films asked for with them
            for facet, value in self.state.preferred:
                if facet == "audience" and re.search(r"famil|child|kid", value, re.I):
                    self.events.append(BeliefRemoved(facet_belief_id("preferred", facet, value)))
            if not self._limit_only:
                self._wishes_for_the_children_lapse()
        elif self._watching or self._clean:
            # the youngest or most sensitive viewer decides: children, then family, then teens,
            # then grown-ups watching along; clean content asked for is a family's limit
            # ('watching with my aunt, she hates swearing'), but with a teen it is the teen's
            # ('with my teenage son, nothing too explicit': films for teens carry no adult ones)
            watching = list(self._watching)
            if (
                self._kids_unaged
                and (self._aged or "teen" in watching)
                and _SAID_OF_THE_KIDS.search(self.text) is not None
            ):
                # "my kids aren't little any more, they're teenagers", 'the kids are 14 and
                # 16': the ages said of them decide, not the word 'kids'
                watching = [
                    w for k, w in enumerate(watching) if k not in self._kids_unaged
                ] or watching
            if self._clean and "teen" not in watching:
                watching.append("family")
            if self._aged and re.search(
                r"\b(?:daughter|son|kid|child)(?:'s|s')", self.text.lower()
            ):
                # "my daughter's sleepover: six 15-year-olds": whose party it is says no age;
                # the ages said do
                watching = self._aged
            strictest = min(watching, key=("children", "family", "teen", "grownups").index)
            self._set("audience", strictest)

    def _wishes_for_the_children_lapse(self) -> None:
        """The children have gone and older people watch now ('now for my husband and me, a
        heist movie', 'forget the kids, date night'): the kinds and topics wished for while
        the audience was children or family (dinosaurs, animation, musicals) were wishes for
        them and lapse, as a new evening's request; films liked or turned down stay."""
        if self.state.constraints.get("audience") not in ("children", "family"):
            return
        for facet, value in self.state.preferred:
            if facet != "audience":
                self.events.append(BeliefRemoved(facet_belief_id("preferred", facet, value)))
        for text in self.state.interests:
            self.events.append(BeliefRemoved(interest_belief_id(text)))

    def _audience_back(self, m: re.Match[str]) -> bool:
        """The ones the audience was set for are watching again."""
        self._watching.append(str(self.state.cleared["audience"]))
        return True

    def _left(self, m: re.Match[str]) -> bool:
        self._children_left = True
        # 'never mind the kid-friendly part' takes the limit back, not the wishes said with it
        # ('a kid-friendly fantasy film' stays a fantasy film); 'forget the kids, date night'
        # says the children are gone
        self._limit_only = bool(
            re.match(r"(?:forget|never ?mind|nvm|scratch|drop|ignore|ditch)\b", m.group(0))
            and re.search(r"\b(?:friendly|part|thing|limit|filter|bit|stuff)\b", m.group(0))
        )
        return True

    def _hours_and_minutes(self) -> None:
        """'an hour and forty minutes', 'two hours and 15 mins' -> '100 minutes', '135 minutes'
        (padded to the same length: token positions stay), so every runtime row reads them."""

        def total(m: re.Match[str]) -> str:
            h, n = m.group("h"), m.group("m").replace("-", " ")
            hours = int(h) if h.isdecimal() else _TENS[h]
            mins = int(n) if n.isdecimal() else _TENS[n]
            said = f"{hours * 60 + mins} minutes"
            return said + " " * max(0, len(m.group(0)) - len(said))

        self.low = _HOURS_AND_MINUTES.sub(total, self.low)

    def _age(self, m: re.Match[str]) -> bool:
        if m.group("neg"):
            return True  # 'not for a 5 year old': nothing to learn, but not a year either
        self._watcher_aged(m.string[m.start("n") : m.end()], m.group(0))
        return True

    def _watcher_aged(self, ages_said: str, who: str) -> None:
        """The audience for someone of the youngest age in `ages_said` ('kids are 9, 4 and
        15'): children up to CHILD_AGE_MAX, a relative one watches with (`who` names one: 'my
        grandmother ... 85') the family, under 18 teenagers ('my 16 year old son')."""
        ages = [a for a in re.findall(r"\d+|[a-z-]+", ages_said) if a.isdecimal() or a in _AGES]
        years = min((int(a) if a.isdecimal() else _AGES[a] for a in ages), default=99)
        before = len(self._watching)
        if years <= CHILD_AGE_MAX:
            self._watching.append("children")
        elif set(re.findall(r"[a-z-]+", who)) & FAMILY_WORDS:
            self._watching.append("family")
        elif years < 18:
            self._watching.append("teen")
        self._aged.extend(self._watching[before:])

    def _age_of_someone_named(self, m: re.Match[str]) -> bool:
        """'..., he's 7' after 'my little brother' / 'my grandmother' within 30 characters of
        the same sentence: that person's age."""
        named = re.search(
            rf"\b(?:my|our|the) (?:\w+ )?(?:{_PEOPLE_ALT})s?\b[^.!?]{{0,30}}?$",
            m.string[: m.start()],
        )
        if named is None:
            return False
        self._watcher_aged(m.string[m.start("n") : m.end()], named.group(0))
        return True

    def _teens(self, m: re.Match[str]) -> bool:
        """Teenagers are watching ('my teenage son', 'PG-13'); 'PG' / 'G' is a family film."""
        if (
            m.group("neg")
            or self._judged_badly(m)
            or self._films_for_them_refused(m)
            or self._a_character(m)
        ):
            return True
        said = m.group(0)
        younger = re.search(r"\b(?:g|pg)\b(?!-?13)", said) is not None
        self._watching.append("family" if younger else "teen")
        return True

    def _grade(self, m: re.Match[str]) -> bool:
        """A school grade is an age of about grade + 6 (US grades); younger schools are
        children."""
        years = 5 if m.group("young") else int(m.group("n")) + 6
        self._watching.append(
            "children" if years <= CHILD_AGE_MAX else "teen" if years < 18 else "family"
        )
        return True

    def _judged_badly(self, m: re.Match[str]) -> bool:
        """The rest of the match's clause says it is bad ('kids movies are boring', 'family
        films are not my thing'): the user turns that kind down, nobody is watching with them."""
        rest = re.split(r"[,.;!?]|\bbut\b", m.string[m.end() :], maxsplit=1)[0]
        words = tuple(re.findall(r"[\w']+", rest.lower()))
        kind_named = re.search(r"\b(?:movies?|films?|stuff|flicks?|ones|friendly)\s*$", m.group(0))
        if not kind_named and (not words or words[0] not in _KIND_AFTER_WHO):
            # 'the kids hate horror', 'the little one had nightmares after jaws': said of people
            # watching, not of a kind of film
            return False
        # the verdict follows the kind itself ('kids movies are so boring'), not a new subject
        # ('with my grandma and she hates violence': she is watching)
        k = 0
        while k < len(words) and words[k] in _BEFORE_VERDICT:
            k += 1
        return any(words[k : k + len(cue)] == cue for cue in NEGATIVE_CUES)

    def _a_character(self, m: re.Match[str]) -> bool:
        """The child or teenager the match names is someone in a story, not a viewer (read off
        the dependency parse): what a film is about ('a film about a teenager who becomes a
        spy'), the subject of a scene ('the one where the kid sees dead people') or someone in a
        named film ('the kid in Home Alone is so funny'). Only a person with an article counts:
        'my kid', 'for a kid who loves trains' and 'the kids want ...' are watching."""
        syntax = self.syntax
        k = syntax.word_at(m.end() - 1)
        if k is None:
            return False
        words = syntax.words
        noun, head = words[k], words[words[k].head]
        if noun.pos not in ("NOUN", "PROPN") or not any(
            w.head == k and w.dep == "det" and w.lemma in ("a", "an", "the") for w in words
        ):
            return False
        if noun.dep == "pobj" and head.lemma == "about":
            return True  # what the film is about
        if noun.dep in ("nsubj", "nsubjpass") and any(
            w.head == noun.head and w.dep == "advmod" and w.lemma in ("where", "when")
            for w in words
        ):
            return True  # a scene: 'the one where the kid ...'
        # 'the kid in home alone is so funny' (said of them, not 'the teen in the house wants
        # horror': what someone watching wants)
        judged = noun.dep == "nsubj" and head.lemma == "be"
        for j, w in enumerate(words):
            if judged and w.head == k and w.dep == "prep" and w.lemma == "in":
                # 'the kid in home alone': the object of 'in' (its whole phrase) is a title
                obj = next(
                    (x for x, v in enumerate(words) if v.head == j and v.dep == "pobj"), None
                )
                if obj is None:
                    continue
                span = sorted(subtree(words, obj))
                said = " ".join(words[x].text for x in span)
                if normalize_title(said) in self.vocab.titles:
                    return True
        return False

    def _kids(self, m: re.Match[str]) -> bool:
        """Children are watching, unless the match is negated ('nothing for kids'), the kind
        is called bad ('kids movies are boring') or the child is in a story (`_a_character`)."""
        if self._judged_badly(m) or self._a_character(m):
            return True
        if _GROWN_UPS_ONLY.search(m.string):
            return True  # 'the baby won't stop crying, something for us grown-ups': no child
        if (
            not m.group("neg")
            and not self._negated_list(m)
            and not self._turned_down_before(m)
            and not self._films_for_them_refused(m)
        ):
            if re.search(r"\b(?:kids|children|kiddos)\b", m.group(0), re.I):
                self._kids_unaged.append(len(self._watching))
            self._watching.append("children")
        else:
            self._not_for_children(m)
        return True

    def _films_for_them_refused(self, m: re.Match[str]) -> bool:
        """'not these stupid films for teenagers', 'I hate movies for kids': the films made for
        them are turned down; nobody of that age is watching."""
        clause = re.split(r"[,.;!?]|\bbut\b", m.string[: m.start()])[-1].lower()
        return (
            re.search(
                r"\b(?:not|no|none of|never|hate|hates|can't stand|don't want|dont want)\b"
                r"(?:\s+[\w']+){0,3}?\s+(?:films?|movies?|stuff|ones|flicks?)(?:\s+made)?"
                r"(?:\s+(?:for|with)(?:\s+(?:the|my|our|little|young))?)?\s*$",
                clause,
            )
            is not None
        )

    def _turned_down_before(self, m: re.Match[str]) -> bool:
        """The kind is the object of a verdict against it in its clause ("i'm not into
        children's films", "i don't want a kids movie", 'sick of kids movies'): a kind turned
        down, nobody young watching."""
        clause = re.split(r"[,.;!?]|\bbut\b", m.string[: m.start()])[-1]
        words = re.findall(r"[\w']+", clause.lower())
        while words:
            if words[-2:] in (["don't", "want"], ["dont", "want"], ["not", "want"]):
                return True
            if words[-1] in ("no", "not", "never") or any(
                tuple(words[-len(cue) :]) == cue for cue in NEGATIVE_CUES
            ):
                return True
            if words[-1] not in _KIND_DETERMINERS:
                return False
            words.pop()
        return False

    def _not_for_children(self, m: re.Match[str] | None = None) -> None:
        """'an animated movie for adults, not for kids', 'not a family movie': no films made for
        children or families (omdb.org's audience categories, where the catalogue has them),
        and no children's or family limit said before ('actually, not for kids'). 'not for my
        kids, they are 5' (the match `m` names the user's own) says the picks do not suit
        them: nothing here."""
        if m is not None and re.search(r"\b(?:my|our)\b", m.group(0)):
            return
        self.events.extend(
            AttributeAvoided("audience", v)
            for v in ("Children's Film", "Family Film")
            if v in self.vocab.audiences
        )
        if self.state.constraints.get("audience") in ("children", "family"):
            self._clear("audience")

    def _for_adults(self, m: re.Match[str]) -> bool:
        """'a comedy for adults', 'adults only', 'adults-only night': nobody young is watching
        (no "grownups" audience: that one limits explicit content for grown-up family)."""
        self._children_left = True
        self._not_for_children()
        return True

    def _family(self, m: re.Match[str]) -> bool | str:
        """Clean content is asked for (a family's limit, see _settle_audience), unless the match
        is negated ('not for teens') or called bad.
        A list going on after a refused kind of content keeps the refusal's lead for the rest:
        'no nudity or drugs' leaves 'no ... or drugs' to read (drugs refused, not wanted)."""
        if not m.group("neg") and not self._judged_badly(m):
            self._clean = True
        lead = _CLEAN_LEAD.match(m.group(0))
        if lead and lead.group(1).strip() and _LIST_GOES_ON.match(m.string, m.end()):
            return lead.group(1).ljust(len(m.group(0)))
        return True

    def _negated_list(self, m: re.Match[str]) -> bool:
        """The match is a later member of a negated 'or' list in its clause: 'not in the mood
        for anything animated or anything for kids', 'no horror or kids stuff'."""
        clause = re.split(r"[,.;!?]|\bbut\b", m.string[: m.start()])[-1].lower()
        neg = None
        for found in re.finditer(r"\b(?:not|no|nothing|never|don't|dont|without|nor)\b", clause):
            neg = found
        return neg is not None and re.search(r"\b(?:or|nor)\b", clause[neg.end() :]) is not None

    def _who(self, m: re.Match[str]) -> bool:
        if _TOO_YOUNG_FOR_THEM.search(m.string[: m.end()]):
            return False  # 'my teen thinks pixar is for babies': a verdict, read as one later
        if m.group("child2"):
            return self._kids(m)  # 'kids movies'
        if (
            not m.group("neg")
            and not m.group("grown")
            and (self._negated_list(m) or self._films_for_them_refused(m))
        ):
            self._not_for_children(m)  # 'but not these silly films for kids'
            return True
        if m.group("neg") and not m.group("grown"):
            self._not_for_children(m)  # 'not a family movie', 'nothing for little ones'
            return True
        if m.group("neg") or self._judged_badly(m):
            return True
        if m.group("grown"):
            # 'with my mom', 'for my dad': grown-ups watching along, not a children's evening
            self._watching.append("grownups")
            return True
        self._watching.append("children" if m.group("child") else "family")
        return True

    # years

    def _clear_named(self, m: re.Match[str]) -> bool:
        if m.group("dec") or m.group("tl") or m.group("tl2"):
            # a decade or a time limit dropped by name: the year or length bounds set
            bounds: tuple[str, ...] = (
                ("year_min", "year_max", "decade_not")
                if m.group("dec")
                else ("runtime_max", "runtime_min")
            )
            dropped = [n for n in bounds if n in self.state.constraints]
            for name in dropped:
                self._clear(name)
            start = (
                _decade_start(m.group("dec").removeprefix("nineteen ")) if m.group("dec") else None
            )
            if not dropped and start is not None:
                self._set("decade_not", start)  # 'drop the 90s stuff' with no years set
            return True
        word = next(g for g in m.groups()[::-1] if g in _CLEAR_WORDS)
        names = _CLEAR_WORDS[word]
        active = [n for n in names if n in self.state.constraints]
        for name in active or names:
            self._clear(name)
        return True

    def _read_only(self, m: re.Match[str]) -> bool:
        return True  # read so that no later rule takes it, and nothing to learn

    def _lifetime(self, m: re.Match[str]) -> bool:
        """Years relative to the user's birth, said in the same message as a year of birth
        ('born in 95', 'before i was born (1992)') or an age ("i'm 30"; birth = this year minus
        the age). Before: up to the year before; after: from it; childhood 5-12, teens 13-19,
        high school 14-18, college 18-22 years of age. Without a year or age nothing is set
        (the words are read, so they become no topic)."""
        born = self._birth_year()
        if born is None:
            return True
        # 'no films older than me', 'nothing from before i was born': the other side of it
        negated = re.search(
            r"\b(?:no|nothing|none|not|never|don't want|dont want)\b[\w\s']{0,25}$",
            self.low[: m.start()],
        )
        if negated and (m.group("before") or m.group("after")):
            if m.group("before"):
                self._set("year_min", born)
            else:
                self._set("year_max", born - 1)
            return True
        if m.group("before"):
            self._set("year_max", born - 1)
            return True
        if m.group("after"):
            self._set("year_min", born)
            return True
        stage = m.group("stage") or m.group("stage2") or ""
        ages = _LIFE_STAGES.get(stage.split()[0], (5, 12))
        self._set("year_min", born + ages[0])
        self._set("year_max", born + ages[1])
        return True

    def _birth_year(self) -> int | None:
        """The user's year of birth from this message: 'born in 1995' / 'born in 95' / 'born
        (1992)' / 'i was born (1992)', 'before i was born (1992)', or an age ("i'm 30", 'im 40',
        'i am 25 years old'); None without one."""
        import datetime

        born = re.search(
            r"\bborn\s*(?:in\s+|\(\s*)?(?:'|the year\s+)?(?P<y>(?:19|20)\d\d|\d\d)\b", self.low
        )
        if born:
            year = int(born.group("y"))
            if year < 100:
                year += 1900 if year > datetime.date.today().year % 100 else 2000
            return year
        age = re.search(
            r"\b(?:i'?m|im|i am|me being)\s+(?:now\s+|only\s+|almost\s+|nearly\s+)?"
            r"(?P<a>[1-9]\d)\b(?!\s*(?:min|mins|minutes|hours?|hrs?|%|mil|k\b))",
            self.low,
        )
        if age:
            return datetime.date.today().year - int(age.group("a"))
        return None

    def _century(self, m: re.Match[str]) -> bool:
        if m.group("which") in ("this", "21st", "twenty-first", "twenty first"):
            self._set("year_min", 2000)
        else:
            self._set("year_max", 1999)
        return True

    def _decade_span(self, m: re.Match[str]) -> bool:
        a, b = _decade_start(m.group("a")), _decade_start(m.group("b"))
        if a is None or b is None:
            return False
        lo, hi = min(a, b), max(a, b)
        before = _clause_before(m)
        if re.search(r"\b(?:no|not|nothing|none|never|except)\b(?:\s+\w+){0,3}\s*$", before) or (
            _DISLIKED_BEFORE.search(before)
        ):
            # 'nothing from the 90s or 2000s' (it had asked for exactly those years): the
            # years after them, or before them; two decades in the middle: the first is left
            # out and the note says the other could not be
            if hi + 9 >= self.vocab.latest_year - 1:
                self._set("year_max", lo - 1)
            elif lo <= 1930:
                self._set("year_min", hi + 10)
            else:
                self._set("decade_not", lo)
                self.notes.append(
                    f"I can leave out one decade at a time: the {lo}s are out; say 'not the "
                    f"{hi}s' instead if that is the one."
                )
            return True
        self._set("year_min", lo)
        self._set("year_max", hi + 9)
        return True

    def _decade(self, m: re.Match[str]) -> bool:
        if m.group("digits") == "10" and re.search(
            r"\b(?:all|both|straight|solid|all of them|each)\s+$", m.string[: m.start()].lower()
        ):
            return False  # 'goodfellas and casino, all 10s': scores of ten, not the 2010s
        if (
            not m.group("rel")
            and not m.group("neg")
            and (
                _SAID_OF_A_FILM_BEFORE.search(m.string[: m.start()].lower())
                or _release_said_of_a_film(m.string[: m.start()])
            )
        ):
            return True  # 'Twister is peak 90s', 'Heat is so 90s': how a film was, no limit
        if m.group("word"):
            start = _DECADE_WORDS[m.group("word")]
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
        # "not a fan of anything made before the 90s": a relation turned down
        disliked = bool(rel) and _DISLIKED_BEFORE.search(_clause_before(m)) is not None
        if (m.group("neg") or disliked) and rel in ("before", "pre", "earlier than", "older than"):
            self._set("year_min", lo)  # 'not before the 90s'
            return True
        if (m.group("neg") or disliked) and rel in ("after", "post", "later than", "newer than"):
            self._set("year_max", hi)  # 'nothing after the 80s'
            return True
        if not rel and not part and _DISLIKED_AFTER.match(m.string[m.end() :].lower()):
            # 'they think 80s stuff is boring', '90s movies suck': the decade turned down
            self._set("decade_not", start)
            return True
        if m.group("neg") and not rel and not part:
            if any(
                isinstance(e, ConstraintSet) and e.name == "year_min" and e.value != start
                for e in self.events
            ):
                # 'sorry, the 80s, not the 70s': a correction; the decade just set is the wish
                # and already leaves the other out
                return True
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

    def _year_span(self, m: re.Match[str]) -> bool:
        a, b = sorted((_full_year(m.group("a")), _full_year(m.group("b"))))
        if m.group("or"):
            # 'a thriller from 1994 or 1995' (either year, said after 'from' or 'in');
            # '1917 or 1984?' are two films
            said = m.string[max(0, m.start() - 12) : m.start()] + m.group(0)[:5]
            if b - a > 3 or not re.search(r"\b(?:from|in|of|between)\s*(?:\d|$)", said):
                return False
        elif (
            re.search(r"\band\b", m.group(0))
            and not re.match(r"(?:between|from)\b", m.group(0))
            and not re.search(
                r"\b(?:between|from|years?|made|released|era)\s*$", m.string[: m.start()]
            )
            and all(normalize_title(m.group(g)) in self.vocab.titles for g in ("a", "b"))
        ):
            return False  # 'loved 1917 and 2012': two films, no span ('between 1990 and 2000')
        self._set("year_min", a)
        self._set("year_max", b)
        return True

    def _relative_year(self, m: re.Match[str]) -> bool:
        rel, y = m.group("rel"), _full_year(m.group("y"))
        if (
            rel == "in"
            and not m.group("neg")
            and _LIFE_EVENT_BEFORE.search(re.split(r"[.;!?]", m.string[: m.start()])[-1])
        ):
            # 'I first saw Casablanca in 1955', 'we were married in 1968': when something
            # happened in the user's life, no limit on the picks
            return True
        if (
            rel in ("in", "released in", "made in")
            and not m.group("neg")
            and _release_said_of_a_film(m.string[: m.start("y")])
        ):
            return True  # 'Avatar came out in 2009 and I loved it': when a film came out
        if rel == "of" and m.group("y").startswith("'"):
            return False  # "Summer of '42", "Class of '92": a title's way of naming a year
        # "nothing before 1990" = from 1990 on; so is "not a fan of anything made before 1990"
        if m.group("neg") or _limit_turned_down(m):
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

    def _around_year(self, m: re.Match[str]) -> bool:
        y = int(m.group("y") or m.group("y2"))
        self._set("year_min", y - 3)
        self._set("year_max", y + 3)
        return True

    def _onwards(self, m: re.Match[str]) -> bool:
        if m.group("y2"):
            self._set("year_min", int(m.group("y2")))
            return True
        y = int(m.group("y"))
        self._set("year_min" if m.group("dir") != "earlier" else "year_max", y)
        return True

    def _last_years(self, m: re.Match[str]) -> bool:
        words = {"decade": 10, "few years": 4, "couple of years": 2, "couple years": 2}
        n = m.group("n")
        span = int(n) if n and n.isdecimal() else NUMBER_WORDS.get(n or "", 0)
        years = int(span) if m.group("unit") == "years" and span else words.get(m.group("unit"), 5)
        self._set("year_min", self.vocab.latest_year - int(years) + 1)
        return True

    def _negated_before(self, at: int) -> bool:
        """A negation opens the clause before offset `at` of the lower-cased text ('nothing old',
        'not really into old films', "i don't want old stuff"); not one a clause break ends."""
        clause = re.split(r"[.,;!?]|\bbut\b", self.low[:at])[-1]
        if re.search(
            r"\b(?:(?:don'?t|do not|wouldn'?t|would not|never) mind|not against|"
            r"(?:don'?t|do not) care|no problem with)\b",
            clause,
        ):
            return False  # "i don't mind old films": fine with them
        if re.search(
            r"\b(?:never|haven'?t|have not|hardly ever|not yet) (?:really )?(?:seen|watched|"
            r"tried|got into|gotten into|been into)\b(?! (?:a|an|one) )",
            clause,
        ):
            return False  # "i've never seen any old movies, what's a good classic?": not yet
        return (
            re.search(
                r"\b(?:no|not|nothing|never|don'?t|doesn'?t|without|hate|avoid|skip(?:ping)?|"
                r"(?:tired|sick) of|done with|"
                r"(?:can'?t|cannot) (?:stand|do|handle))\b",
                clause,
            )
            is not None
        )

    def _shown_years(self) -> list[int]:
        return sorted(i.year for i in self._shown if i.year)

    def _than_a_pick(self, m: re.Match[str]) -> bool:
        """'newer than the first one' (from the year after it), 'older than the second one',
        'shorter / longer than the third' (a minute under / over its length); False when no
        such pick is on the table or it lacks the fact."""
        if re.match(r"\s*(?:is|was|are|were|isn'?t|wasn'?t)\s+(?:the|that|this|it)\b", self.low):
            return False  # 'is the first one longer than the third?': a question comparing two
        shown = self._shown
        place = {"first": 0, "1st": 0, "top": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2}
        k = place.get(m["p"], len(shown) - 1 if m["p"] == "last" else len(shown) // 2)
        if not 0 <= k < len(shown):
            return False
        pick, word = shown[k], m["w"]
        if word in ("newer", "more recent", "later", "older", "earlier"):
            if pick.year is None:
                return False
            if word in ("older", "earlier"):
                self._set("year_max", pick.year - 1)
            else:
                self._set("year_min", pick.year + 1)
            return True
        if not pick.runtime:
            return False
        if word == "shorter":
            self._set("runtime_max", int(pick.runtime) - 1)
        else:
            self._set("runtime_min", int(pick.runtime) + 1)
        return True

    def _film_after(self, end: int) -> bool:
        """The words right after character `end` of the message open with a catalogue title of
        two or more words, or of one word that is no kind of film ('the old mad max', 'the old
        Psycho'; not 'old westerns')."""
        words = re.findall(r"[\w'’:-]+", self.low[end : end + 80])[:6]
        for n in range(len(words), 0, -1):
            key = normalize_title(" ".join(words[:n]))
            if key not in self.vocab.titles:
                continue
            return n > 1 or not (
                words[0] in FILM_NOUNS
                or words[0] in self.vocab.facet_words
                or words[0].rstrip("s") in self.vocab.facet_words
                or words[0] in ("ones", "one", "stuff", "school", "classics", "classic", "days")
            )
        return False

    def _old_thing_after(self, end: int) -> bool:
        """The word right after 'old' (ending at character `end` of the message) is a noun of
        everyday things the parse knows ('projector', 'laptop', 'sofa'), not a film or a kind
        of film ('old westerns', 'old classics', 'something old')."""
        after = re.match(r"[\s-]+([a-z]+)", self.low[end:])
        if after is None:
            return False
        word = after.group(1)
        if word in FILM_NOUNS or word in ("school", "classics", "classic"):
            return False
        if word in self.vocab.facet_words or word.rstrip("s") in self.vocab.facet_words:
            return False  # 'old westerns', 'old musicals'
        if len(self.text) != len(self.low):
            return False
        at = self.syntax.word_at(end + after.start(1))
        return at is not None and self.syntax.words[at].pos == "NOUN"

    def _older(self, m: re.Match[str]) -> bool:
        v = self.vocab
        if any(isinstance(e, ConstraintSet) and e.name.startswith("year") for e in self.events):
            return True  # 'good old classics from the 60s': the decade says it
        if m.group(3) == "older" and not m.group(4) and _AGED.search(self.text.lower()):
            # 'something a bit older, for a 10 year old': an older child, not older films
            return True
        said = self.text.lower() if len(self.text) == len(m.string) else m.string
        if _TOO_OLD_FOR.search(said[max(0, m.start() - 12) : m.end() + 5]):
            return True  # 'a bit old for them': too grown-up for someone, no year
        if re.search(
            r"\b(?:i'?m|i am|we'?re|we are)\s+(?:a bit |much |way |so )?$", said[: m.start()]
        ):
            return True  # "im older now", "we're old": the user's age, no year
        if m.group(3) == "old" and not m.group(4) and self._old_thing_after(m.end()):
            return True  # 'the old projector', 'my old laptop': a thing the user has, no year
        if (
            m.group(3) == "old"
            and re.match(r"\s+one\b", said[m.end() :])
            and re.search(r"\b(?:the|my|our|his|her|their|your|that)\s+$", said[: m.start()])
        ):
            # 'my new phone is not a patch on my old one', 'the 2011 thing is a joke compared to
            # the old one': a thing or a version named, no wish for older films
            return True
        if m.group(3) == "old" and not m.group(4) and self._film_after(m.end()):
            return True  # 'the old mad max not so much': which version of a film, no year
        if m.group("neg") or self._negated_before(m.start()):
            # 'not too old', 'nothing old please', 'not really into old black and white stuff'
            self._set("year_min", v.latest_year - 25)
            return True
        shown_years = self._shown_years()
        ref = int(statistics.median(shown_years) if shown_years else v.latest_year - 25)
        if m.group(3) == "older":
            self.comparative = (len(self.events), "older")
        bottom = self.state.constraints.get("year_min")
        if bottom is not None and ref - 1 - int(bottom) < 2:
            # 'an 80s comedy' then 'older': the picks sit at the start of the years asked
            # for, so older is before them
            ref = min(ref, int(bottom)) if int(bottom) <= ref else ref
            self._clear("year_min")
        self._set("year_max", ref - 1)
        return True

    def _this_year(self, m: re.Match[str]) -> bool:
        latest = self.vocab.latest_year
        year = latest if (m.group("w") or m.group("w2")) == "this" else latest - 1
        self._set("year_min", year)
        if year < latest:
            self._set("year_max", year)
        return True

    def _this_decade(self, m: re.Match[str]) -> bool:
        self._set("year_min", self.vocab.latest_year // 10 * 10)
        return True

    def _newer(self, m: re.Match[str]) -> bool:
        v = self.vocab
        word = m.group("w")
        shown_years = self._shown_years()
        if any(isinstance(e, ConstraintSet) and e.name == "year_min" for e in self.events):
            return True  # 'newer, like 90s onwards': the years said win over the comparison
        if any(isinstance(e, ConstraintSet) and e.name == "year_max" for e in self.events):
            return True  # 'before 1970, the newer ones feel fake': newer is what is not wanted
        if not word.startswith("not") and (
            self._negated_before(m.start()) or _RECENT_JUDGED.match(m.string, m.end())
        ):
            # 'a heist film, not the modern ones', 'nothing recent please', 'modern films are
            # far too loud': the older ones
            shown_years = self._shown_years()
            ref = int(statistics.median(shown_years)) if shown_years else v.latest_year - 10
            self._set("year_max", ref - 1)
            return True
        if word in ("newer", "more recent"):
            self.comparative = (len(self.events), "newer")
        if word in ("newer", "more recent") and shown_years:
            ref = min(int(statistics.median(shown_years)) + 1, v.latest_year - 1)
        elif word in ("latest", "brand new"):
            ref = v.latest_year - 4
        else:
            ref = v.latest_year - 10
        top = self.state.constraints.get("year_max")
        if top is not None and int(top) - ref < 2:
            # 'a 70s thriller' then 'newer': the picks sit at the end of the years asked for,
            # so newer is after them ('before 2000' alone stays while years are left inside it)
            ref = max(ref, int(top) + 1) if int(top) >= ref - 1 else ref
            self._clear("year_max")
        self._set("year_min", ref)
        return True

    # runtime

    def _longest(self, m: re.Match[str], lo: int, hi: int, more: int = 0) -> bool:
        """The matched length (+ `more` minutes) is the longest wanted; a length outside lo..hi
        minutes is no film's and is left alone."""
        minutes = _minutes(m)
        if not lo <= minutes <= hi:
            return False
        self._set("runtime_max", int(minutes) + more)
        return True

    def _runtime_limit(self, m: re.Match[str]) -> bool:
        if (
            re.match(r"\s*(?:under|less than|shorter than|below)\b", m.group(0))
            and _TURNED_DOWN_AFTER.match(m.string, m.end())
            and 10 <= (minutes := _minutes(m)) <= 600
        ):
            # 'anything under 80 minutes feels too short': the shorter ones are turned down
            self._set("runtime_min", int(minutes))
            return True
        if (
            re.match(r"\s*(?:under|less than|shorter than|below)\b", m.group(0))
            and _NEGATED_MODAL_BEFORE.search(m.string[: m.start()])
            and 10 <= (minutes := _minutes(m)) <= 600
        ):
            # "it shouldn't be shorter than 90 minutes", "can't run under an hour": at least
            self._set("runtime_min", int(minutes))
            return True
        return self._longest(m, 10, 600)

    def _runtime_of_the_film(self, m: re.Match[str]) -> bool:
        """'a fun 90 min movie': the length after 'a' (and a word) says how long the film is."""
        if not re.search(r"\ban?\s+(?:[a-z]+\s+)?$", m.string[: m.start()]):
            return False
        return self._runtime_about(m)

    def _runtime_compound(self, m: re.Match[str]) -> bool | str:
        """'a 90 minute comedy' (about that long), 'a 50-minute class period' (at most that
        long: the time there is to watch in); not 'a 2 hour wait', 'a 10 minute walk'."""
        before = m.string[: m.start()]
        if before.strip() and not re.search(r"\b(?:an?|one|any|some)\s+(?:[a-z]+\s+)?$", before):
            return False
        what = m.group("what")
        if what in _NOT_A_FILM_AFTER_LENGTH or re.match(
            r"\s+(?:are|is|get|feel|seem|drag)\b", m.string[m.end() :]
        ):
            return False  # '2 hour movies are too long': said of such films, read below
        if what in _TIME_SLOTS:
            # the time there is (no topic 'flight'); a slot of over 4 hours leaves out no film
            return _minutes(m) > 240 or self._longest(m, 10, 240)
        if not self._runtime_about(m):
            return False
        # the word after the length is read on ('a 90 minute comedy' asks for comedy)
        return " " * (m.start("what") - m.start()) + m.string[m.start("what") : m.end()]

    def _runtime_about(self, m: re.Match[str]) -> bool:
        return self._longest(m, 30, 400, more=10)  # about that long: a little over is fine

    def _runtime_at_least(self, m: re.Match[str]) -> bool:
        minutes = _minutes(m)
        if not 10 <= minutes <= 600:
            return False
        if _limit_turned_down(m):
            # "I don't like anything longer than 100 minutes", "not into films over 2 hours",
            # 'anything over 2 hours is too long': what is turned down is the longer ones
            return self._longest(m, 10, 600)
        self._set("runtime_min", int(minutes))
        if int(self.state.constraints.get("runtime_max", 10_000)) <= minutes:
            self._clear("runtime_max")
        return True

    def _clock(self, m: re.Match[str]) -> bool:
        hours = 1 if m.group("h") in ("an", "one", "a") else int(m.group("h"))
        minutes = hours * 60 + int(m.group("m") or 0)
        if not 10 <= minutes <= 600:
            return False
        self._set("runtime_max", minutes)
        return True

    def _until_clock_time(self, m: re.Match[str]) -> bool:
        """'done by 9:30, it's 8 now': minutes from the start (or now) said elsewhere in the
        message to the end time, on a 12-hour clock; nothing without a start time."""
        rest = m.string[: m.start()] + " " + m.string[m.end() :]
        start = _CLOCK_START.search(rest)
        if start is None:
            return False
        end_at, start_at = _clock_minutes(m.group("end")), _clock_minutes(start.group("at"))
        if end_at is None or start_at is None:
            return False
        minutes = (end_at - start_at) % (12 * 60)
        if not 20 <= minutes <= 300:
            return False
        self._set("runtime_max", minutes)
        return True

    def _runtime_between(self, m: re.Match[str]) -> bool:
        """'between 90 and 120 minutes', '2 to 3 hours': both bounds, in minutes."""
        if m.group("hi_mh"):
            said = m.group("hi_mh")
            lo = float(m.group("lo_m"))
            hi = 60 * (float(said) if said[0].isdigit() else SMALL_NUMBERS[said])
        elif m.group("hi_h"):
            lo, hi = (
                60 * (float(w) if w[0].isdigit() else SMALL_NUMBERS[w])
                for w in (m.group("lo_h"), m.group("hi_h"))
            )
        else:
            lo = float(m.group("lo") or m.group("lo2"))
            hi = float(m.group("hi") or m.group("hi2"))
        if lo >= hi:
            return False  # '3 to 2 hours': no range
        self._set("runtime_min", int(lo))
        self._set("runtime_max", int(hi))
        return True

    def _longer(self, m: re.Match[str]) -> bool:
        """'longer' (than the picks shown): at least 10 minutes over their median (at least
        100), and no length limit below it any more."""
        if any(isinstance(e, ConstraintSet) and e.name == "runtime_min" for e in self.events):
            return True  # 'longer, at least two hours': the number says it
        runtimes = sorted(i.runtime for i in self._shown if i.runtime)
        # with nothing to compare it is no wish, unless the message names a film to compare
        # with ('Gravity but longer', read when the titles are known: _apply_comparative)
        self._longer_tentative = not runtimes and "runtime_max" not in self.state.constraints
        floor = max(100, int(statistics.median(runtimes)) + 10) if runtimes else 100
        if "runtime_max" in self.state.constraints:
            self._clear("runtime_max")
        if self.comparative is None:
            self.comparative = (len(self.events), "longer")
        elif self._longer_tentative:
            return False
        self._set("runtime_min", floor)
        return True

    def _long(self, m: re.Match[str]) -> bool | str:
        """'a long movie', 'something long': at least LONG_FILM_MINUTES, and no length limit
        below it any more. Not a wish when it is said of a film ('that was a long one', 'is it
        a long movie?') or only allowed ('I don't mind a long movie', 'long films are fine'):
        then only an upper limit is lifted."""
        # what the later passes still read: the kind ('a long war film' is a war film)
        rest = _LONG_WORD.sub(lambda w: " " * len(w.group()), m.group(0))
        if any(isinstance(e, ConstraintSet) and e.name.startswith("runtime") for e in self.events):
            return rest  # 'a long one, at least 150 minutes': the number says it
        before = m.string[: m.start()]
        if _SAID_OF_A_FILM.search(before):
            return False
        if _CANNOT_DO.search(before):
            # "I can't do long movies tonight", 'too tired for a long film': a shorter one
            if not any(isinstance(e, ConstraintSet) for e in self.events):
                self._set("runtime_max", 120)
            return rest
        if "runtime_max" in self.state.constraints:
            self._clear("runtime_max")
        if not (
            _ONLY_ALLOWED_BEFORE.search(before) or _ONLY_ALLOWED_AFTER.match(m.string, m.end())
        ):
            self._set("runtime_min", LONG_FILM_MINUTES)
        return rest

    def _shorter(self, m: re.Match[str]) -> bool:
        if any(isinstance(e, ConstraintSet) and e.name == "runtime_max" for e in self.events):
            return True  # 'not too long, max 1.5 hours': the number says it
        if "runtime_min" in self.state.constraints:
            # 'an epic over 3 hours', then 'shorter than that': the lower bound goes
            self._clear("runtime_min")
        word = m.group("w")
        runtimes = sorted(i.runtime for i in self._shown if i.runtime)
        if word == "shorter" and self.comparative is None:
            self.comparative = (len(self.events), "shorter")
        if word.endswith("long"):
            self._set("runtime_max", 120)
        elif word == "shorter" and runtimes:
            self._set("runtime_max", max(60, int(statistics.median(runtimes)) - 10))
        else:
            self._set("runtime_max", 100)
        return True

    # rating

    def _rated(self, m: re.Match[str]) -> bool:
        if not any(isinstance(e, ConstraintSet) and e.name == "rating_min" for e in self.events):
            self._set("rating_min", 7.0)  # unless a number says how high
        return True

    def _best_films(self, m: re.Match[str]) -> bool | str:
        """'the best movie of 1994': at least 7 (as 'highly rated'); the words after 'best'
        are read on ('the best horror films' asks for horror). After a copula it is a verdict
        ('heat and the godfather are the best crime movies ever'): left to be read as one."""
        before = m.string[: m.start()]
        if re.search(r"(?:\b(?:is|are|was|were)|'s|'re)\s+$", before) and not re.search(
            r"\b(?:what|which)(?:'s|'re|\s+(?:is|are|was|were))\s+$", before
        ):
            return False
        self._rated(m)
        return " " * (m.end("best") - m.start()) + m.string[m.end("best") : m.end()]

    def _stars(self, m: re.Match[str]) -> bool:
        said = m.group("n")
        stars = float(said) if said[0].isdigit() else SMALL_NUMBERS[said.lower()]
        self._set("rating_min", min(2 * stars, 8.5))
        return True

    def _rating_number(self, m: re.Match[str]) -> bool | str:
        if not m.group("n"):
            return self._rating2(m)
        value = float(m.group("n"))
        if value > 10:
            return False
        self._set("rating_min", value)
        return True

    def _rating_out_of_ten(self, m: re.Match[str]) -> bool | str:
        if _GRADE_GIVEN.search(_clause_before(m)):
            return True  # 'i'd give heat a 9 out of 10': the user's grade of a film, no limit
        return self._rating_number(m)

    def _rating2(self, m: re.Match[str]) -> bool | str:
        groups = m.groupdict()
        name = next(g for g in ("n2", "n3", "n4", "n5") if groups.get(g))
        self._set("rating_min", float(groups[name]))
        whole = m.group(0)
        cue = re.match(r"\w+", whole)
        number = m.start(name) - m.start()
        if cue is None or number <= cue.end():
            return True
        # 'rated thrillers only, like 7.5+': the words between the rating word and its number
        # stay for the other rules (the genre)
        return " " * cue.end() + whole[cue.end() : number] + " " * (len(whole) - number)

    # price

    def _price(self, m: re.Match[str]) -> bool:
        amount = float(m.group("n"))
        if m.group("dir") in ("over", "above", "more than", "at least"):
            self._set("price_min", amount)
        else:
            self._set("price_max", amount)
        return True

    def _cheap(self, m: re.Match[str]) -> bool:
        prices = [i.price for i in self._shown if i.price is not None]
        ref = (
            statistics.median(prices)
            if m.group(0).startswith("cheaper") and prices
            else self.vocab.median_price
        )
        self._set("price_max", float(ref or 0))
        return True

    # language and country

    def _constrain(self, name: str, code: str, word: str, have: set[str]) -> bool:
        if not have:
            return False  # the catalogue has no such facet: leave the words to the topic
        if code not in have:
            self.notes.append(f"There are no {word.title()} titles in the catalogue.")
        else:
            self.events.append(make_constraint(name, code))
        return True

    def _language(self, m: re.Match[str]) -> bool:
        word = m.group("l1") or m.group("l2") or m.group("l3") or m.group("l4") or m.group("l5")
        if m.group("neg"):
            return False
        if m.group("l4") and re.search(
            r"\b(?:not|no|never|without)\s+(?:an?\s+)?$", m.string[: m.start()]
        ):
            return False  # 'not a hindi drama': the negation pass reads it
        return self._constrain(
            "language", LANGUAGES[word], word + "-language", self.vocab.languages
        )

    def _language_or_country_not(self, m: re.Match[str]) -> bool:
        avoided = [
            self._place_avoided(m.group("l"), m.group("c")),
            *(
                [self._place_avoided(m.group("l2"), m.group("c2"))]
                if m.group("l2") or m.group("c2")
                else []
            ),
        ]
        if None in avoided:
            return False
        self.events.extend(a for a in avoided if a is not None)
        return True

    def _place_avoided(self, spoken: str | None, made: str | None) -> AttributeAvoided | None:
        """The avoid event for a language word ('French': the language when the catalogue has
        it) or a country word; None when the catalogue has neither."""
        v = self.vocab
        if spoken and LANGUAGES[spoken] in v.languages:
            return AttributeAvoided("language", LANGUAGES[spoken])
        word = spoken or made
        code = COUNTRIES.get(word) if word else None
        if code is None or code not in v.countries:
            return None
        return AttributeAvoided("country", code)

    def _languages_or_countries(self, m: re.Match[str]) -> bool:
        v = self.vocab
        wished: list[tuple[str, str]] = []
        for word in (m.group("a"), m.group("b"), m.group("c")):
            if not word:
                continue
            spoken = LANGUAGES.get(word)
            made = COUNTRIES.get(word)
            if (
                spoken is not None
                and spoken in v.languages
                and (made is None or word.endswith(("ish", "ese", "ian", "an", "ch", "ic")))
            ):
                wished.append(("language", spoken))  # 'French', 'Japanese': the language
            elif made is not None and made in v.countries:
                wished.append(("country", made))  # 'Japan', 'Korea': the country
            else:
                return False
        self.events.extend(AttributePreferred(f, code) for f, code in dict.fromkeys(wished))
        return True

    def _request_dropped(self, m: re.Match[str]) -> bool:
        """'forget what I said about older': the limit that asking for older films set (the
        latest year) goes; 'newer' the earliest year, 'longer' the shortest length, 'shorter'
        the longest. Nothing else is read."""
        word = m.group("w")
        name = {
            "older": "year_max",
            "old": "year_max",
            "newer": "year_min",
            "new": "year_min",
            "recent": "year_min",
            "more recent": "year_min",
            "longer": "runtime_min",
            "long": "runtime_min",
            "shorter": "runtime_max",
            "short": "runtime_max",
        }[word]
        if name in self.state.constraints:
            self._clear(name)
        return True

    def _bound_lifted(self, m: re.Match[str]) -> bool:
        """'longer is fine now' clears the length limit set before ('under 100 minutes'),
        'older ones are ok' the earliest year; no limit on that side: no topic, nothing else."""
        name = BOUND_OF[m.group("w")]
        if name in self.state.constraints:
            self._clear(name)
        return True

    def _runtime_bare_number(self, m: re.Match[str]) -> bool:
        """A number without a unit is minutes only when a length limit is already set and the
        number fits one ('80 is too strict, up to 110 is fine')."""
        c = self.state.constraints
        if "runtime_max" not in c and "runtime_min" not in c:
            return False
        minutes = int(m.group("n") or m.group("n2"))
        if not 40 <= minutes <= 300:
            return False
        self._set("runtime_max", minutes)
        if int(c.get("runtime_min", 0)) >= minutes:
            self._clear("runtime_min")
        return True

    def _no_subtitles(self, m: re.Match[str]) -> bool | str:
        if re.search(r"\b(?:mind|care|problem|issue|bother)", m.group(0)):
            return True  # "don't mind subtitles": no wish either way, and no topic
        if "en" not in self.vocab.languages:
            return False
        self.events.append(make_constraint("language", "en"))
        if ("language", "en") in self.state.avoided:
            # 'something foreign', then 'actually no foreign films': English after all
            self.events.append(BeliefRemoved(facet_belief_id("avoided", "language", "en")))
        if re.match(r"\s*,?\s*(?:or|and|nor)\b", m.string[m.end() :]):
            # 'not in the mood for subtitles or black and white': the dislike reaches on
            said = m.group(0)
            word = re.search(r"\b(?:sub(?:title)?s|subtitled|captions)\b\s*$", said)
            if word is not None:
                return said[: word.start()] + " " * (len(said) - word.start())
        return True

    def _foreign_wanted(self, m: re.Match[str]) -> bool:
        """'something foreign': English-language films left out, an English-only limit gone."""
        if "en" not in self.vocab.languages:
            return False
        if self.state.constraints.get("language") == "en":
            self._clear("language")
        self.events.append(AttributeAvoided("language", "en"))
        return True

    def _subtitles_fine(self, m: re.Match[str]) -> bool:
        """'subtitles are fine': an English-only limit said before goes; no topic either way."""
        if self.state.constraints.get("language") == "en":
            self._clear("language")
        return True

    def _users_origin(self, m: re.Match[str]) -> bool:
        """'I am from Brazil': the country is read (no Brazil (1985), no wish for it)."""
        return True

    def _country(self, m: re.Match[str]) -> bool:
        if m.group("neg"):
            return False
        v = self.vocab
        word = m.group("adj") or m.group("c") or m.group("adj2")
        adj = m.group("adj") or m.group("adj2")
        done = self._constrain("country", COUNTRIES[word], word, v.countries)
        spoken = LANGUAGES.get(word)
        if adj and spoken not in (None, "en") and spoken in v.languages:
            # 'French films': made in France, and better still in French (not a co-production
            # in English)
            self.events.append(AttributePreferred("language", spoken))
        return done


# a dislike that takes what follows as its object ("don't like anything", "not into films",
# "not a fan of anything", "hate movies that are"): a bound after it is turned down
_DISLIKED_BEFORE = re.compile(
    r"(?:\b(?:don't|dont|do not|doesn't|does not|never|won't|wouldn't)\s+(?:really\s+)?(?:like|"
    r"want|enjoy|watch|do|need|care for)|\bnot\s+(?:really\s+)?(?:into|a fan of|a big fan of|"
    r"interested in|keen on|up for|in the mood for)|\b(?:hate|hates|dislike|dislikes|can't stand|"
    r"cannot stand|avoid|skip(?:ping)?|sick of|tired of|"
    r"(?:can't|cant|cannot) (?:do|handle|sit through|"
    r"deal with|take)|"
    # "howard won't come if it's over two hours", 'she falls asleep if it runs past 90 mins'
    r"(?:won'?t|will not|wouldn'?t|would not|refuses? to|(?:can'?t|cannot) (?:be bothered to)?)"
    r"\s*(?:come|watch|stay|sit|go|join)(?: (?:in|through it|along|with us))? if|"
    r"(?:falls?|fell) asleep if|(?:leaves?|walks? out|gives? up|gets? bored) if|"
    # 'we banned anything after 2000', 'rule out films over 2 hours'
    r"ban|bans|banned|banning|rule out|ruled out|ruling out|exclude|excluding|excluded|veto|"
    r"vetoed|nix|"
    # 'my mom falls asleep in anything over 90 mins', 'the kids get bored by anything over ...'
    r"(?:falls?|fell|falling) asleep (?:in|during|to|through)|(?:gets?|got|getting) "
    r"(?:bored|restless|fidgety) (?:in|by|with|during)|zones? out (?:in|during)))"
    r"\s+(?:(?:anything|any|films?|movies?|stuff|"
    r"something|ones?|flicks?|that's|that is|that are|thats|which is|which are|that|made|"
    # 'i hate when movies are over 2 hours', 'i hate it when they run longer than ...'
    r"released|shot|filmed|produced|when|it|they|are|is|run|runs|go|goes|last|lasts|it's|its|"
    r"they're|theyre|runs? past|goes past)\s+)*$"
)


# 'gave it a 9', 'i'd rate heat an 8', 'scored the departed': a grade given to a film before
# the number (not 'a drama rated 8 out of 10': nothing between the verb and the number)
_GRADE_GIVEN = re.compile(
    r"\b(?:give|gave|giving|given|rate|rated|rating|score|scored)\s+"
    r"(?!(?:an?|at|above|over|of|more|higher|no|not|min|minimum)\b)\S+(?:\s+\S+){0,4}?"
    r"\s+(?:an?\s+)?$"
)


# a verdict right after a decade turns it down ('80s stuff is boring', '90s movies suck',
# 'the 70s are too slow for me')
# newer films judged badly ('modern films are far too loud', 'new releases are all rubbish')
_RECENT_JUDGED = re.compile(
    r"\s*(?:(?:films?|movies?|ones|stuff|cinema|releases?|pictures)\s+)?(?:are|is|were)\s+"
    r"(?:(?:all|so|far|way|much|just|really|mostly|too)\s+)*(?:too\s+\w+|rubbish|noisy|loud|"
    r"shallow|soulless|empty|garbage|awful|terrible|boring|dreadful|junk|trash|dull|bad|"
    r"overrated)\b",
    re.IGNORECASE,
)
_DISLIKED_AFTER = re.compile(
    r"\s*(?:(?:stuff|movies?|films?|flicks|ones|cinema|ones)\s+)?(?:(?:is|are|r|were|was)\s+)?"
    r"(?:(?:so|really|pretty|kinda|just|too|always|mostly|all)\s+)*"
    r"(?:boring|dull|lame|cheesy|corny|dated|trash|garbage|terrible|awful|bad|overrated|cringe|"
    r"cringey|slow|suck|sucks|sucked|bore me|bores me|meh|not my thing|a no|"
    # 'anything from the eighties has aged horribly', "80s stuff doesn't hold up"
    r"(?:has |have )?aged (?:badly|horribly|poorly|terribly|awfully)|"
    r"(?:has|have|does|do)(?:n't|nt| not) (?:aged|age|hold up|held up)(?: well)?)\b"
)


# a limit said as what is not wanted, after it: 'anything over 2 hours is too long', 'before
# 1980 is too old for us', 'under 80 minutes feels too short', 'more than 2 hours is a no'
_TURNED_DOWN_AFTER = re.compile(
    r"\s*(?:(?:is|are|'s|s|feels?|seems?|would be|will be|gets?|gonna be)\s+)?"
    r"(?:(?:way|just|a bit|a little|far|kinda|much|simply|honestly|probably)\s+)*"
    r"(?:too (?:long|short|old|new|recent|dated|much|early|late)\b|a no\b|a no-go\b|"
    r"a deal ?breaker\b|out of the question|off the table|pushing it|not ok(?:ay)?\b|"
    r"a stretch\b|no good\b|banned\b|forbidden\b|off[\s-]limits\b|not allowed\b|ruled out\b|"
    r"vetoed\b)"
)
# what comes before such a verdict: a limit ('anything over 2 hours is ', 'before 1980 is ');
# its 'too long' / 'too old' is then no critique of the picks (the limit rule reads it)
_LIMIT_BEFORE = re.compile(
    r"\b(?:more than|over|longer than|past|after|before|under|less than|shorter than|"
    r"older than|newer than|earlier than|later than|pre|post)\s+(?:the\s+)?[\w.']+"
    r"(?:\s*(?:minutes?|mins?|hours?|hrs?|h|m))?\s+"
    r"(?:(?:is|are|'s|s|feels?|seems?|would be|will be|gets?|gonna be)\s+)?"
    r"(?:(?:way|just|a bit|a little|far|kinda|much|simply|honestly|probably)\s+)*$"
)


def _limit_turned_down(m: re.Match[str]) -> bool:
    """The limit matched is what the user turns down: said after a dislike ("I don't like
    anything over 2 hours", "we banned anything after 2000") or followed by a verdict on it
    ("anything over 2 hours is too long", "before 1980 is a no")."""
    return bool(
        _DISLIKED_BEFORE.search(_clause_before(m)) or _TURNED_DOWN_AFTER.match(m.string, m.end())
    )


def _clause_before(m: re.Match[str]) -> str:
    """The lower-cased words of the match's clause before it ('a comedy, I'm not into films
    over 2 hours' -> "i'm not into films ")."""
    before = m.string[: m.start()]
    return re.split(r"[,.;!?]|\bbut\b", before)[-1].lower()


def _decade_start(text: str) -> int | None:
    """The first year of a decade as written: 'the 80s' / "80's" / '1980s' / 'eighties' -> 1980;
    None for anything else."""
    t = text.strip().removeprefix("the").strip().rstrip("s").rstrip("'")
    if t in _DECADE_WORDS or f"{t}s" in _DECADE_WORDS:
        return _DECADE_WORDS.get(t, _DECADE_WORDS.get(f"{t}s"))
    if t.isdecimal():
        two = int(t[-2:]) if len(t) == 2 else None
        if len(t) == 4:
            return int(t)
        if two is not None:
            return 1900 + two if two >= 30 else 2000 + two
    return None


_TENS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3,
    "five": 5, "ten": 10, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "twenty five": 25, "twenty-five": 25, "forty five": 45, "forty-five": 45,
}  # fmt: skip
_HOURS_AND_MINUTES = re.compile(
    r"\b(?P<h>an?|one|two|three|[1-3]) hours? and (?P<m>[1-5]?\d|five|ten|fifteen|"
    r"twenty[ -]five|twenty|thirty|forty[ -]five|forty|fifty)\s*(?:minutes?|mins?)\b"
)


_CLOCK_TIME = (
    r"(?:1[0-2]|[1-9])(?:[:.][0-5]\d)?(?!\d|[:.]\d)\s*(?:am|pm|a\.m\.|p\.m\.)?"
    r"(?!\s*(?:mins?|minutes?|h|hrs?|hours?|years?|yo)\b)"
)
# when the watching starts: 'we start at 7:30', "it's 8 now", 'starting at 8.15'
_CLOCK_START = re.compile(
    r"\b(?:(?:we|i)(?:'ll| will)?\s+(?:start|begin)(?:ing)?(?:\s+at)?|start(?:s|ing)?\s+at|"
    r"begin(?:ning)?\s+at|it'?s|it is|its|now)\s+(?:about\s+|around\s+|already\s+)?"
    rf"(?P<at>{_CLOCK_TIME})(?:\s*now)?\b"
)


def _clock_minutes(text: str) -> int | None:
    """Minutes past 12 on a 12-hour clock: '7:30' -> 450, '9' -> 540, '10.15pm' -> 615."""
    m = re.match(r"\s*(\d{1,2})(?:[:.](\d{2}))?", text)
    if m is None:
        return None
    return (int(m.group(1)) % 12) * 60 + int(m.group(2) or 0)


def _minutes(m: re.Match[str]) -> float:
    """Minutes of a runtime match with groups n (a number or number word) and unit ('2 hours',
    'an hour and a half', '90 mins')."""
    n = m.group("n")
    if re.match(r"(?:an? )?hour and", n):
        return 90.0
    value = NUMBER_WORDS.get(n)
    amount = float(value) if value is not None else float(n)
    return amount * 60 if m.group("unit").startswith("h") else amount


def _always(p: ConstraintRules) -> bool:
    return True


def _audience_set(p: ConstraintRules) -> bool:
    return bool(p.state.constraints.get("audience"))


def _has_year(p: ConstraintRules) -> bool:
    return bool(p.vocab.has_year)


# 'a long movie': at least this many minutes (the longest 6% of omdb.org's 7,881 films with a
# runtime, 484 of them; its median is 101 minutes)
LONG_FILM_MINUTES = 140
_LONG_WORD = re.compile(r"\b(?:long(?:ish)?|lengthy)\b")
# the kinds of film a length word may stand before ('a long drama', 'long war epics')
_LONG_KINDS = (
    r"dramas?|thrillers?|comed(?:y|ies)|documentar(?:y|ies)|westerns?|sci-fi|fantasy|fantasies"
    r"|adventures?|romances?|musicals?|biopics?|anime|war films?|horrors?|mysteries|mystery"
)
# 'that was a long one', 'is it a long movie?', 'the godfather is a long film': said of a film
_SAID_OF_A_FILM = re.compile(
    r"\b(?:was|were|is|are|'s|its|it's|thats|that's|seems?|looks?|felt|feels?)"
    r"(?:\s+(?:it|that|this|one|they|those|these))?\s+(?:such\s+)?(?:an?\s+)?"
    r"(?:(?:really|very|bit|little|kinda|pretty|quite|super)\s+)*$"
)
# a copula with a word of degree before a decade ('Twister is peak 90s', 'Heat was so 90s', 'it
# feels such an 80s movie'), not a film asked for ('something that is 80s' keeps its limit)
_SAID_OF_A_FILM_BEFORE = re.compile(
    r"(?<!that )(?<!which )(?<!that's )\b(?:is|was|'s|feels|felt|looks|screams)\s+"
    r"(?:so|such|peak|very|totally|pure|proper|soo+|super|extremely|the most|dated|"
    r"quintessential)\s+(?:an?\s+|the\s+)?$|"
    # 'The Matrix aged well for a 90s movie', 'holds up for an 80s film'
    r"\b(?:aged well|ages well|holds up|held up|still works|is great|was great|not bad)\s+for\s+"
    r"an?\s+$"
)
# a film's release said of it ('Avatar came out in 2009 and I loved it', 'Jurassic Park came out
# in the 90s'); not films asked for ('something that came out in the 90s')
_RELEASED_BEFORE = re.compile(
    r"\b(?:came out|come out|was released|got released|was made|premiered|hit (?:the )?"
    r"(?:cinemas|theaters|theatres))\s+(?:back\s+)?(?:in\s+)?(?:the\s+)?$"
)
_ASKED_BEFORE = re.compile(
    r"\b(?:something|anything|films?|movies?|ones?|stuff|picks?|which|that|a|an|some|any)\b"
)


def _release_said_of_a_film(before: str) -> bool:
    """The clause before a year or decade says when a film came out, of a film named (see
    _RELEASED_BEFORE); `before` is the message up to the year."""
    clause = re.split(r"[.;!?,]", before.lower())[-1]
    m = _RELEASED_BEFORE.search(clause)
    return m is not None and _ASKED_BEFORE.search(clause[: m.start()]) is None


# 'I don't mind a long movie', 'fine with something long', 'long films are ok': allowed only
# 'for us grown-ups', 'once the kids sleep', 'after they're in bed': the children are mentioned,
# the film is for the adults
_GROWN_UPS_ONLY = re.compile(
    r"\bfor (?:us |the )?(?:grown[- ]?ups|grownups|adults)\b|\bjust (?:the )?adults\b|"
    r"\bfor (?:me|myself)\b(?! and)|"
    r"\b(?:kids|children|baby|he|she|they)(?: are| is|'re|'s)? (?:sleeps?|asleep|in bed)\b|"
    r"\b(?:kids|children|baby|he|she|they) (?:go|goes|went|have gone|has gone) to (?:bed|sleep)\b|"
    r"\bwhat should we watch after\b",
    re.IGNORECASE,
)
# "I can't do long movies", 'not in the mood for a long one', 'too tired for something long'
_CANNOT_DO = re.compile(
    r"\b(?:can'?t|cannot|can not|couldn'?t|won'?t|don'?t want|do not want|not in the mood for|"
    r"no more|too tired for|hate|not up for|not feeling)\s+(?:do\s+|watch\s+|sit through\s+)?"
    r"(?:an?\s+|any\s+|the\s+)?(?:(?:really|very|super)\s+)?$"
)
_ONLY_ALLOWED_BEFORE = re.compile(
    r"\b(?:(?:don'?t|do not|wouldn'?t|would not|doesn'?t|won'?t)\s+mind|(?:fine|ok|okay|happy"
    r"|cool|good)\s+with|(?:even|also|or|can be|could be|may be|might be)|not against)"
    r"\s+(?:an?\s+|a\s+really\s+|something\s+)?$"
)
_ONLY_ALLOWED_AFTER = re.compile(
    r"\s+(?:is|are|would be|'s)\s+(?:totally\s+|also\s+|perfectly\s+)?(?:fine|ok|okay|good too"
    r"|no problem|allowed)\b"
)


def _has_runtime(p: ConstraintRules) -> bool:
    return bool(p.vocab.has_runtime)


_STAR_WORDS = "|".join(SMALL_NUMBERS)
# "shouldn't be", "can't run", 'must not go' right before a length: the length is ruled out
_NEGATED_MODAL_BEFORE = re.compile(
    r"\b(?:can't|cant|cannot|can not|mustn't|mustnt|must not|shouldn't|shouldnt|should not|"
    r"won't|wont|will not|couldn't|couldnt|isn't|isnt|not) (?:be|run|go|last)(?: any)?\s*$"
)
# 'too old for them', 'a bit old for the 10 yo': too grown-up for someone, no year ('too old for
# my taste' stays a complaint about the year)
_TOO_OLD_FOR = re.compile(
    r"\b(?:too|a bit|a little|bit|kinda|kind of|rather|quite|way|pretty) old\s+for\b"
    r"(?!\s+(?:my|our)\s+(?:taste|liking))"
)
# 'older than 1990' is a year rule's; 'newer than these', 'older than that' compare with the
# picks shown
_NOT_THAN_A_YEAR = (
    r"(?! than (?!(?:these|those|them|that|this|the (?:picks|ones|films|movies|last|"
    r"previous))\b))"
)
_AGED = re.compile(r"\b\d{1,2}[\s-]*(?:years?|yrs?)[\s-]*olds?\b|\b\d{1,2}\s*y/?o\b")
_AGE_CONTEXT = re.compile(
    r"\b(?:kids?|child(?:ren)?|son|daughter|boys?|girls?|nephews?|nieces?|grand\w*|ages?d?|"
    r"old|years?|yrs?|yo|teens?|toddlers?|students?|class|people|guests?|friends)\b"
)


def _has_rating(p: ConstraintRules) -> bool:
    return bool(p.vocab.has_rating)


def _has_price(p: ConstraintRules) -> bool:
    return p.vocab.median_price is not None


@dataclass(frozen=True)
class ConstraintRule:
    """One row of the constraint table: a phrase and what reading it does.

    name: what the phrase says, for readers and tests ('decade', 'runtime_at_most').
    constraint: the constraint it reads ('audience', 'year', 'runtime', 'rating', 'price',
        'language', 'country'; 'any' for phrases that clear one).
    pattern: a regex on the lower-cased message.
    handler: turns a match into events; False leaves the text for later rows; a string (as
        long as the match) is what of it the later passes still read.
    when: the row applies to this message and catalogue (no runtime rows for books without one).
    """

    name: str
    constraint: str
    pattern: str
    handler: Callable[[ConstraintRules, re.Match[str]], bool | str]
    when: Callable[[ConstraintRules], bool] = _always


_R = ConstraintRules
# 'nothing for kids', 'a cartoon that isn't for little kids': the audience it is not for
_NOT_FOR = r"(?:no|not|nothing|non|isn't|aren't|wasn't|is not|are not)"
# words between a verdict and the kind it is on ('sick of all those kids movies')
_KIND_DETERMINERS = frozenset(
    ("a", "an", "any", "the", "those", "these", "more", "another", "all", "some", "really")
    + ("watching", "other", "such", "cheesy", "silly", "dumb", "animated", "of", "kind", "sort")
)
# what follows 'kids' / 'family' when a kind of film is meant ('kids movies are boring', 'family
# stuff is not my thing'), not the people ('the kids hate horror')
_KIND_AFTER_WHO = frozenset(("movies", "movie", "films", "film", "flicks", "stuff", "ones"))
# what may stand between a kind of film and the verdict on it ('family films are just not my
# thing', 'kids movies r always so boring')
_BEFORE_VERDICT = frozenset(
    ("movies", "movie", "films", "film", "flicks", "stuff", "ones", "are", "is", "r", "were")
    + ("was", "just", "so", "really", "too", "kinda", "always", "usually", "honestly", "pretty")
    + ("very", "super", "mostly", "generally", "all", "kind", "of", "a", "bit", "tbh", "imo")
)
# 'me and the girls', 'out with the boys', 'the lads': the user's friends, no children's evening
# ('my girls', 'the little boys', 'the girls are 6 and 8', 'for the boys, they're 7' stay
# children: an age said in the same sentence)
_FRIENDS_SAID = (
    r"(?:the|some) (?:boys|girls|lads|guys)\b"
    r"(?![^.!?;]*?\b(?:are|r|'re|is|aged?|ages|turned|turning)\s+"
    rf"(?:(?:all|both|only|just|about|around)\s+)?(?:\d|{_AGE_ALT})"
    # 'me and the girls (8 and 12)': their ages in brackets
    r"|\s*\(\s*(?:ages?\s*)?\d{1,2}\b)"
)
_FRIENDS = rf"(?!{_FRIENDS_SAID})"  # put before a children's phrase: not the friends
_WHO = rf"(?P<neg>\b{_NOT_FOR}[\s-](?:a |an )?(?:(?:meant |made )?for |with )?)?"
_UNIT = r"(?P<unit>hours?|hrs?|h|minutes?|mins?|m)\b"
# the limit that a length or an age said to be fine again takes away ('longer is fine now')
BOUND_OF = {
    "longer": "runtime_max",
    "long": "runtime_max",
    "shorter": "runtime_min",
    "short": "runtime_min",
    "older": "year_min",
    "old": "year_min",
    "newer": "year_max",
}
# 'a 2 hour flight', 'a 50-minute class period': a time the film has to fit in
_TIME_SLOTS = _words(
    "flight drive train bus ride commute class lesson period break lunch window slot session "
    "journey layover trip gap evening night"
)
# 'a 2 hour wait', 'a 10 minute walk', 'a 3 hour drive away': no film's length
_NOT_A_FILM_AFTER_LENGTH = _words(
    "wait walk delay run workout nap meeting call queue away of to left ago or and max tops "
    "less plus more at"
)
# 'no kids in danger', 'nothing with children getting hurt': what happens to them in the story,
# nobody watching
_STORY_AFTER = (
    r"(?!\s+(?:in (?:danger|peril|jeopardy)|(?:getting |being |get )?(?:hurt|harmed|killed|"
    r"injured|kidnapped|abused|dying|die|dies|died)\b|"
    # 'a horror movie without kids in it', 'no children as the main characters'
    r"in (?:it|them|the (?:film|movie|story))\b|on screen\b|as (?:the )?(?:main|lead)\b))"
)

# Every constraint phrase, in the order it is read: a row reads only the text the rows before it
# left, so the longer or more specific phrase comes first ('no movies over two hours' before
# 'over two hours'; a decade span before a decade). The audience rows are read before the
# critiques ('too old') are marked; the rest after.
# a refusal to watch films of a length, up to the word that says which side ('no way am I
# sitting through anything ', "no chance I'm watching films that run "): runtime_short_refused,
# runtime_at_most
_REFUSED_WATCHING = (
    r"(?:not|never|no (?:way|chance) (?:am i|i'm|im|are we|we're|is (?:he|she|my \w+))|won't|wont|"
    r"refuse to|ain't|aint)\s+(?:\w+\s+){0,2}?(?:sitting through|sit through|watching|watch|"
    r"doing|do)\s+(?:anything|something|any(?:thing)? (?:films?|movies?)|a (?:film|movie)|"
    r"films?|movies?)\s+(?:(?:that's|that is|that runs?)\s+)?"
)
RULES: tuple[ConstraintRule, ...] = (
    # -- who is watching --
    # 'movie night with me and the girls', 'watching with the boys', "girls' night": friends,
    # read here so that neither the children's rules below nor the topics take 'boys' / 'girls'
    ConstraintRule(
        "friends_watching",
        "audience",
        rf"(?:\b(?:with|for) (?:me and )?|\bme and |^|(?<=[.!?,] )){_FRIENDS_SAID}|"
        r"\b(?:girls?|boys?|guys|lads)(?:'|'s)? night\b",
        _R._read_only,
    ),
    # 'the kids went to bed', 'without the kids', 'just us adults now': the children have left,
    # so the audience limit they brought goes too
    ConstraintRule(
        "children_left",
        "audience",
        r"(?:\b(?:both |all )?(?:the|my|our) |\bboth |^|(?<=[.!?,] )|"
        rf"\b(?:ok|okay|now|alright|so),? )(?:{_CHILD_ALT}|little ones?|youngest|"
        r"little (?:guy|man|girl|boy)|"
        # 'the 6yo went to bed', 'the 7 year old is asleep now'
        r"\d{1,2}\s*(?:yo|y/o|yrs? olds?|years? olds?|-years?-olds?))s? "
        r"(?:have |has |are |is |'re |just )?(?:finally |all |both |already |now |just )*"
        r"(?:gone|went|fell|are|is)?\s*(?:to bed|to sleep|(?:fast |sound )?asleep|in bed|out|"
        # 'my toddler is napping so ...', 'the baby is down for her nap'
        r"napping|sleeping|having (?:a|their|his|her) naps?|taking (?:a|their|his|her) naps?|"
        r"down for (?:a|the|their|his|her) naps?|at (?:day ?care|daycare|nursery|preschool)|"
        r"away|home|gone(?!\s+(?:wild|crazy|mad|missing|quiet|soft))|"
        # 'ok the grandkids left', 'the kids went to grandma's'
        r"left(?=\s*(?:now|[,.!;]|$|so\b|and\b))|"
        r"(?<=went )to (?:my |our |their |his |her )?\w+'?s\b|"
        r"at (?:a|their|his|her) \w+|at (?:my |our )?\w+'s|at school|at camp|"
        # 'kids are at grandmas', 'the kids are at their dads': the possessive without its
        # apostrophe
        r"at (?:my |our )?(?:grandmas?|grandpas?|grannys?|nanas?|nans?|moms|mums|dads|"
        r"grandparents|friends|cousins|aunts|uncles)\b|"
        # 'the kids are with grandma tonight', 'kids are staying with their dad'
        r"(?:staying |sleeping over )?with (?:grandmother|grandfather|grandma|granny|nana|nan|"
        r"grandpa|grandparents|"
        r"(?:their|my|our|his|her|the|a) \w+))(?!\w)|"
        # ('a horror movie without kids in it' says what the film has, not who watches)
        rf"\bwithout (?:the |my |our )?(?:{_CHILD_ALT})s?\b{_STORY_AFTER}|"
        r"\b(?:just|only) (?:us |the )?(?:adults|grown[\s-]?ups)\b|"
        r"\bno (?:kids|children) (?:around|here)\b|"
        # 'forget the kid thing, its just me now': nobody else is watching any more
        rf"\b(?:forget|never ?mind|nvm|scratch|drop|ignore|ditch) (?:about )?(?:the |my )?"
        rf"(?:kid[\s-]friendly|family[\s-]friendly|{_CHILD_ALT}|teenagers?|teens?|family)s?"
        r"(?: thing| part| stuff| bit| limit| filter)?\b|"
        # "doesn't need to be family friendly anymore", 'no need for kid stuff now'
        r"\b(?:doesn'?t|does not|don'?t|do not|no longer|needn'?t) (?:need|have|has) to be "
        r"(?:family|kid|child|kids)[\s-]?(?:friendly|safe|appropriate)\b|"
        r"\bno (?:longer|more) (?:need to be )?(?:family|kid)[\s-]friendly\b|"
        r"\bno need for (?:kid|kids|kiddie|family|children's) (?:stuff|films|movies|things)\b|"
        r"\b(?:it'?s|its|it is) just me(?: now| tonight)?\b(?! and\b)|\bjust me (?:now|tonight)\b|"
        # 'now just me, something dark', 'ok just me and my wife now': grown-ups alone
        r"\b(?:now|ok|okay|alright|so),? (?:it'?s |its )?just (?:me|us)"
        r"(?: and (?:my|the) (?:wife|husband|partner|gf|bf|girlfriend|boyfriend|date|buddies|"
        r"mates|friends?|roommates?|fianc[eé]e?))?(?= now| tonight|[,.!?]|$)|"
        # 'now for my husband and me', 'now just the two of us': a couple alone
        r"\b(?:now|ok|okay|alright|so),? (?:it'?s |its )?(?:just |only )?(?:for |with )?"
        r"(?:me and (?:my|the) (?:wife|husband|partner|gf|bf|girlfriend|boyfriend|hubby|other "
        r"half)|(?:my|the) (?:wife|husband|partner|gf|bf|girlfriend|boyfriend|hubby|other half) "
        r"and (?:me|i)|the two of us|us two)\b|\bjust the two of us\b|"
        # 'actually no, make it something for me': the user alone again
        r"\b(?:make it|actually|instead|now|no,?)\s+(?:something|one|a (?:movie|film))\s+"
        r"(?:just |only )?for me\b|\bsomething (?:just|only) for me\b|\bjust for me\b",
        _R._left,
    ),
    # 'a comedy for adults', 'adults only': no children's or family films
    ConstraintRule(
        "for_adults",
        "audience",
        r"\bfor (?:the )?(?:adults|grown[\s-]?ups)(?:[\s-]only)?\b"
        r"|\b(?:adults|grown[\s-]?ups)[\s-]only\b",
        _R._for_adults,
    ),
    # 'ok they're back up, something for them again', 'the kids are back': the audience cleared
    # when they left comes back
    ConstraintRule(
        "audience_back",
        "audience",
        r"(?P<neg>)\b(?:they'?re|theyre|they are|(?:the )?(?:kids|children|little ones) "
        r"(?:are|r)) (?:all )?back\b|\b(?:for|with) (?:them|the kids|the children|the little "
        r"ones) again\b",
        _R._audience_back,
        when=lambda p: "audience" not in p.state.constraints and "audience" in p.state.cleared,
    ),
    # 'they're asleep now', 'she fell asleep': the children the audience limit is for
    ConstraintRule(
        "children_asleep",
        "audience",
        r"\b(?:they|they're|theyre|they've|she|she's|shes|he|he's|hes) "
        r"(?:are |is |has |have |'re |'s |just |finally |all |back )*"
        r"(?:gone |went |fell |fallen )?(?:back )?(?:to bed|to sleep|asleep|in bed|sleeping)\b|"
        # 'he left. i want a romcom', 'they went home': the children the limit was for are gone
        r"\b(?:he|she|they|he's|she's|they're|hes|shes|theyre) (?:just |finally |has |have |'s |"
        r"'ve )?(?:left|gone home|went home|gone)(?= now|[,.!]|$| so\b| and\b)",
        _R._left,
        when=_audience_set,
    ),
    # 'my 6 year old', 'for a 10-year-old', 'not for a 5 year old'
    ConstraintRule(
        "age",
        "audience",
        rf"(?P<neg>\bnot (?:for |suitable for )?)?(?:\b(?:for|with) (?:my|our|a|an|the) )?"
        rf"\b(?:aged? )?(?P<n>\d{{1,2}}|{_AGE_ALT})"
        r"(?:[\s-]*(?:years?|yrs?)[\s-]*olds?|[\s-]?(?:yo|y/o|year-olds?)|"
        r"[\s-]*(?:years?|yrs?) of age)\b(?:s\b)?"
        r"(?: (?:son|daughter|kid|child|boy|girl|nephew|niece|grandson|granddaughter|"
        r"brother|sister|cousin)s?\b)?",
        _R._age,
    ),
    # 'my 3rd grade class', 'a kindergarten group': school years give the age (grade + 6)
    ConstraintRule(
        "school_grade",
        "audience",
        r"(?P<neg>)\b(?P<n>\d{1,2})(?:st|nd|rd|th)[\s-]grade(?:rs?)?\b|"
        r"\b(?P<young>kindergarten|preschool|pre-k|nursery school|elementary school|"
        r"primary school)\b",
        _R._grade,
    ),
    # 'my little brother is 8', 'my twins are turning 5'
    ConstraintRule(
        "person_age",
        "audience",
        rf"(?P<neg>)\b(?:(?:my|our|the) )?"
        rf"(?:(?:little|lil|baby|young|youngest|eldest|oldest|twin) )?"
        # ('the youngest is 5': the youngest decides)
        rf"(?:(?:{_PEOPLE_ALT})s?|(?<=the )(?:youngest|littlest)(?: one)?) "
        rf"(?:is|are|'s|'re|just turned|turned|(?:is|are|'s|'re) turning|"
        rf"turns|will be|aged?) (?P<n>\d{{1,2}}|{_AGE_ALT})\b"
        # 'kids are 15 and 17': the youngest decides
        rf"(?:(?:,| and|, and) (?P<n2>\d{{1,2}}|{_AGE_ALT})\b)*(?: years?(?: old)?)?",
        _R._age,
    ),
    # 'my little brother is here, he's 7': the age said of the person just named (only the age
    # is read here: 'my son loved Cars and Planes, he is 5' keeps its titles)
    ConstraintRule(
        "person_age_pronoun",
        "audience",
        rf"(?P<neg>)\b(?:he|she|they)(?:'s| is|'re| are| just turned| turned) (?:aged )?"
        rf"(?P<n>\d{{1,2}}|{_AGE_ALT})\b(?! (?:minutes|mins|hours|stars|out of))",
        _R._age_of_someone_named,
    ),
    ConstraintRule(
        "children",
        "audience",
        _WHO
        + rf"\b{_FRIENDS}(?:(?:my|our|the|two|three|some|a couple of) (?:little |young |small )?"
        rf"(?:{_CHILD_ALT})"
        # ('the baby one - not for us': a pick told apart by what it is about, nobody watching)
        r"s?\b(?!\s+(?:one|ones|movie|movies|film|films)\b)|"
        r"babysitting\b|babysit\b|little ones|(?<!about )(?<!of )(?<!teenage )"
        # 'creepy children freak me out': children the story has, nobody watching
        r"(?<!creepy )(?<!evil )(?<!possessed )(?<!scary )(?<!killer )(?<!demon )(?<!zombie )"
        # 'from when my parents were kids': a time of life, nobody watching
        r"(?<!were )(?<!was )(?<!as )(?<!being )"
        r"\b(?:toddlers|kids|children|little kids)\b(?!\s+(?:freak|creep|scare)\w*)|"
        # 'the little one is home sick', 'my little guy', 'the kiddo': a young child
        r"\b(?:the|my|our) (?:little (?:one|guy|man|monster|dude)|kiddo)\b|"
        r"\b(?:my|our) little (?:girl|boy)\b|"
        # 'my little sister is watching': a younger sibling or cousin is a child
        r"\b(?:my|our) (?:little|lil|baby|kid) (?:sister|brother|sis|bro|cousin|sibling)s?\b)"
        # 'my kids are grown': no children watching
        r"(?!\s+(?:are|r|is|'s|'re)\s+(?:all\s+|now\s+|both\s+)?(?:an?\s+)?"
        r"(?:grown|adults?|teens?|teenagers?|older|in college|in high school))"
        + _NOT_MOVED
        + _STORY_AFTER,
        _R._kids,
    ),
    # 'nothing inappropriate', 'no sex scenes', 'keep it clean': fit for the whole family
    ConstraintRule(
        "clean_content",
        "audience",
        r"(?P<neg>)\b(?:nothing|no) (?:too |overly |that |very |so )?(?:inappropriate|explicit|"
        r"raunchy|dirty|sexual|nsfw|r[\s-]?rated|rude|crude|vulgar|smutty|filthy|lewd)\b|"
        r"\bno (?:sex(?: scenes?)?|nudity|swearing|bad language|"
        r"naked people|nude scenes?|naked scenes?)\b|"
        # 'nothing with bad language', 'without any swearing'
        r"\b(?:nothing|none|no films?|no movies?) with (?:any |too much |much )?"
        r"(?:sex(?: scenes?)?|nudity|swearing|cursing|bad language|foul language|naked people|"
        r"nude scenes?)\b|"
        # 'she hates swearing', "i can't stand sex scenes": the same wish, said as a dislike
        r"\b(?:hates?|can't stand|cannot stand|dislikes?|don't like|doesn't like|without|"
        r"minds?|offended by) (?:the |any |all the )?(?:swearing|cursing|bad language|"
        r"sex scenes?|nudity)\b|"
        r"\bkeep it clean\b",
        _R._family,
    ),
    # 'for my grandmother', 'kids movies', 'family night', 'the whole family', 'all ages'
    ConstraintRule(
        "watching_with",
        "audience",
        rf"(?P<neg>\b{_NOT_FOR}[\s-](?:a |an )?(?:(?:meant |made )?for |with |suitable for )?)?"
        r"(?:\b(?:for|with|watch with|suitable for|appropriate for|safe for|okay for|ok for)"
        rf" {_FRIENDS}(?:my |our |the |a |an |some |little |young |small )*"
        # ('for the whole day' is a time, 'the whole series' a span of films: no people)
        r"(?!whole\s+(?:day|days|night|week|weekend|evening|afternoon|morning|month|year|time|"
        r"summer|winter|holiday|trip|flight|drive|series|franchise|thing|movie|film|way)\b)"
        rf"(?:(?P<child>{_CHILD_ALT})|(?P<grown>{_GROWN_ALT})|(?:{_ELDERS_ALT}))\b(?:'s|s)?"
        + _STORY_AFTER
        + r"|"
        rf"\b(?P<child2>kids?|child|children)(?:'s)?[\s-](?:movies?|films?|friendly|safe)\b|"
        r"\bfamily[\s-](?:friendly|movies?|films?|night|viewing|evening|time)(?: night)?\b|"
        # 'the family' alone is what a film is about ('the acting, the family stuff')
        # ('the whole sunday' is a time, 'the whole family' / 'the whole gang' are people)
        r"\b(?:my|our|the(?! family\b)) "
        r"(?!whole\b(?! (?:family|clan|household)\b))"
        rf"(?:{_ELDERS_ALT})s?\b{_NOT_MOVED}|"
        rf"\b(?:whole|entire) family\b{_NOT_MOVED}|\ball ages\b|"
        # "we're a family looking for ...", 'as a family', 'a family of four': who is watching
        r"\b(?:we'?re|we are|as|for) a (?:big |young |small )?family\b"
        r"(?!\s+(?:films?|movies?|dramas?|comed(?:y|ies)|sagas?|stor(?:y|ies)|members?|"
        r"friend|business|home|house|tree|reunion)\b)|"
        r"\bfamily of (?:three|four|five|six|seven|eight|[3-9])\b)",
        _R._who,
    ),
    ConstraintRule(
        "teens",
        "audience",
        _WHO + r"\b(?:my|our|a|for|with|have"
        r"|got|two|three|some|(?:a )?(?:bunch|group|couple|few|crowd|gang|handful|load|lot)s? of"
        r"|several|(?:a )?few|a couple) (?:teenage (?:son|daughter|kids?|boy|girl|nephew|niece)s?|"
        r"teens|teenagers?)\b|"
        # 'my teen wants a scary movie', 'the teen is so over marvel': a teenager of the house
        # (not 'the teen comedy', 'a teen movie': a kind of film)
        r"(?<!in )\b(?:my|our|the|his|her|your) (?:teens?|teenagers?)\b(?!-|\s+(?:movies?|films?|"
        r"flicks?|comed|"
        r"drama|horror|romance|romcom|rom-com|slasher|thriller|musical|stuff|genre|years|age|angst|"
        r"classics?|favou?rites?|idols?|stars?|heart|wolf|titans|spirit))|"
        # 'my son is a teenager', 'our kids are teens now', 'my daughter is in high school'
        rf"\b(?:my|our) (?:{_CHILD_ALT})s? (?:is|are|'s|'re) (?:all |now |both )*(?:an? )?"
        r"(?:teens?|teenagers?|in high school)\b|"
        # "my kids aren't little any more, they're teenagers"
        r"\bthey(?:'re|’re| are| r)\s+(?:all |now |both )*(?:teens|teenagers)\b|"
        # a rating that names the audience: 'a PG movie', 'rated G'
        r"\b(?:pg(?:-?13)?|g)[\s-](?:rated|movies?|films?)\b|\brated (?:g|pg(?:-?13)?)\b|"
        r"\bpg[\s-]?13\b|"
        # 'nothing rated R', 'no R-rated stuff': what teenagers may see
        r"\b(?:no|nothing|not|without|avoid|skip(?:ping)?|never)\s+(?:anything\s+|any\s+)?"
        r"adult-rated\b",
        _R._teens,
    ),
    ConstraintRule(
        "young_children",
        "audience",
        _WHO + r"\b(?:pre-?schoolers?|kindergartners?|kindergarteners?|infants?|little kids)\b",
        _R._kids,
    ),
    # -- any constraint dropped: 'any year', 'forget the language', "price doesn't matter" --
    ConstraintRule(
        "cleared",
        "any",
        rf"\b(?:any|whatever|every) {_CLEAR_ALT}\b|"
        rf"\b{_DROP} (?:about |on |regarding )?(?:the |that |my )?{_CLEAR_ALT}"
        r"(?: limit| constraint| filter| restriction| thing| part| bit| stuff| idea)?\b|"
        # 'actually scrap the 80s thing', 'forget the eighties', 'drop the time limit'
        rf"\b{_DROP} (?:about |on |regarding )?(?:the |that |my )?"
        r"(?:(?P<dec>'?[1-9]0s|(?:nineteen )?"
        r"(?:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))|"
        # ('scratch the time thing': the length limit, not a constraint on years)
        r"(?P<tl>(?:time|length)(?= (?:limit|thing|constraint|cap|restriction|bit|part)\b)))"
        r"(?: limit| constraint| filter| restriction| thing| part| bit| stuff| idea)?"
        r"(?!\s*(?:films?|movies?|stuff|ones?|action|horror|comed\w*|dramas?|thrillers?))\b|"
        rf"\bdon'?t care (?:about|for) (?:the )?{_CLEAR_ALT}\b|\b{_CLEAR_ALT} (?:doesn'?t|"
        rf"does not) matter\b|"
        # 'no time limit now', 'there's no length limit any more': the limit dropped
        r"\bno (?P<tl2>time|length|runtime) (?:limit|cap|restriction|constraint)s?\b"
        r"(?= now| any ?more| after all| tonight| then|\s*[,.!?]|\s*$)",
        _R._clear_named,
    ),
    # 'forget what I said about older', 'scrap the shorter thing': the limit that request set
    ConstraintRule(
        "request_dropped",
        "any",
        rf"\b{_DROP} (?:about |on |regarding )?(?:the |that |my |it being )?"
        r"(?P<w>older|newer|longer|shorter|more recent|recent|old|new|long|short)"
        r"(?: ones?| films?| movies?| stuff| thing| part| bit| idea| request| one)?\b"
        r"(?!\s+(?:than|films?|movies?|comed\w*|dramas?|horror|thrillers?|action))",
        _R._request_dropped,
    ),
    # 'longer is fine now', 'older ones are ok too': the bound on that side is lifted
    ConstraintRule(
        "bound_lifted",
        "any",
        r"\b(?P<w>longer|shorter|older|newer|long|short|old)(?: ones?| films?| movies?| stuff)? "
        r"(?:is|are|would be|'s) (?:also |totally |perfectly |now |too )?(?:fine|ok|okay|good|"
        r"alright|no problem)(?: (?:now|too|as well|with me|by me))?\b",
        _R._bound_lifted,
    ),
    ConstraintRule(
        "people_in_their_decade",
        "year",
        r"\bin\s+(?:my|his|her|their|our|your)\s+(?:early\s+|mid\s+|late\s+)?"
        r"(?:(?:19|20)?[0-9]0'?s|teens|twenties|thirties|forties|fifties|sixties|seventies|"
        r"eighties|nineties)\b",
        _R._read_only,
    ),
    # 'ok 80 is too strict', 'that limit is too narrow': said of the user's own limit, not of
    # the picks (a new limit usually follows)
    ConstraintRule(
        "own_limit_judged",
        "any",
        r"\b(?:(?:that|this|it|the limit|that limit|\d{2,4}(?: minutes| mins)?)\s+"
        r"(?:is|'s|was)\s+)?"
        r"(?:too|a bit|way too|kinda|kind of) (?:strict|narrow|limiting|restrictive|tight)\b",
        _R._read_only,
    ),
    # 'something from before i was born (1992)', 'older than me, im 30', 'from when i was a
    # teen, i'm 40': years of the user's own life, from the birth year or age said with it
    ConstraintRule(
        "users_lifetime",
        "year",
        r"\b(?P<before>(?:before|older than) (?:i was born|me|my birth)|made before i was born)\b|"
        r"\b(?P<after>(?:after|since) i was born|(?:younger|newer) than me)\b|"
        r"\bfrom (?:back )?when i was (?:a |in )?(?P<stage>kid|child|little|young|teen|teenager|"
        r"high school|college|uni|growing up)\b|"
        r"\bfrom my (?P<stage2>childhood|teens|teenage years|teen years|high school years|"
        r"college years|school days|youth)\b",
        _R._lifetime,
    ),
    # 'I was born in 2001', 'my dad was born in the 50s': a person's year, not the films'
    ConstraintRule(
        "born_in",
        "year",
        rf"\bborn\s+(?:in\s+)?(?:the\s+)?(?:{_YEAR}|(?:19|20)?[0-9]0'?s)\b",
        _R._read_only,
    ),
    # 'from this century', 'a 21st century film', 'last century'
    ConstraintRule(
        "century",
        "year",
        r"\b(?P<which>this|21st|twenty[\s-]first|last|previous|20th|twentieth)\s+century\b",
        _R._century,
    ),
    # 'an 80s or 90s action movie', 'from the 70s to the 90s': a span of decades
    ConstraintRule(
        "decade_span",
        "year",
        rf"\b(?:from\s+|between\s+)?(?P<a>{_DECADE})(?:{_DECADE_SEP}{_DECADE})*{_DECADE_SEP}"
        rf"(?P<b>{_DECADE})\b",
        _R._decade_span,
    ),
    # decades: the 90s, 1990s, the nineties, early 80s, not before the 90s, the 2000s or later
    ConstraintRule(
        "decade",
        "year",
        r"(?:\b(?P<neg>not|no|nothing|anything but|anything except|except|excluding|without|"
        r"but not|avoid|avoiding|none|skip(?:ping)?)\s+"
        r"(?:(?:films?|movies?|flicks?|stuff|anything)\s+)?"
        r"(?:(?:from|in|of|made in|made|released)\s+)?)?"
        r"\b(?:(?P<rel>before|pre|after|post|since|earlier than|older than|later than|"
        r"newer than)[\s-]+)?"
        r"(?:the )?(?:(?P<part>early|late|mid|middle)[\s-]+)?"
        r"(?:(?P<word>"
        + "|".join(_DECADE_WORDS)
        + r")|'?(?P<digits>(?:19|20)[0-9]0|[3-9]0|00|10)'?s)\b"
        r"(?:\s+(?:or|and)\s+(?P<dir>later|newer|after|earlier|older|before)\b|"
        r"\s+(?P<dir2>onwards?)\b)?",
        _R._decade,
    ),
    ConstraintRule(
        "year_span",
        "year",
        # ('from 1994 or 1995': either year, near each other; '1917 or 1984' are two titles)
        # ('from like 1995 to like 2005', 'roughly 1990 until about 2000': hedged ends)
        # ("between 1990 and '99", "from '85 to '95": a year said with two digits)
        rf"\b(?:between |from )?(?:{_HEDGE})?(?P<a>{_YEAR}|{_SHORT_YEAR}) ?"
        rf"(?:-|–|to|and|until|till|(?P<or>or)) ?(?:{_HEDGE})?(?P<b>{_YEAR}|{_SHORT_YEAR})\b",
        _R._year_span,
    ),
    # 'after 2000', 'nothing before 1990', 'released in 2015', 'from 2010 on'
    ConstraintRule(
        "year_relative",
        "year",
        # 'nothing before 1990', "i'm not into anything before 1980", "don't want stuff from
        # before 1970"
        r"\b(?P<neg>(?:(?:nothing|not|no(?: films?| movies?| books?)?|none)|(?:not (?:really |"
        r"that |too )?into|don'?t (?:want|like|do)|do not (?:want|like)|can'?t (?:do|stand)|"
        r"hate|no interest in) (?:anything|stuff|films?|movies?|ones?)) (?:made |released |"
        r"from )?)?"
        r"(?P<rel>after|post|newer than|later than|more recent than|since|starting from|"
        r"starting|from|"
        r"before|pre|older than|earlier than|until|up to|no later than|released in|made in|in|"
        r"of)[\s-]+(?:the year\s+)?"
        rf"(?P<y>{_YEAR}|{_SHORT_YEAR})\b"
        r"(?P<on> ?(?:on|onwards?|and later|or later|and after|\+))?",
        _R._relative_year,
    ),
    # 'from around 2010', 'circa 1985', '2010 or so', '2010ish': a few years either side
    ConstraintRule(
        "year_around",
        "year",
        rf"\b(?:around|about|roughly|circa|approximately|ca\.?)\s+(?:the year\s+)?"
        rf"(?P<y>{_YEAR})\b|\b(?P<y2>{_YEAR})(?:\s+or so|\s*-?ish)\b",
        _R._around_year,
    ),
    # 'a drama released 2010 or later', '2015 onwards', '1990 or earlier'
    ConstraintRule(
        "year_onwards",
        "year",
        rf"\b(?P<y>{_YEAR})\s*(?:or|and) (?P<dir>later|newer|after|earlier)\b|"
        # ('liked the 2004 one more': a film told by its year, no limit)
        rf"\b(?P<y2>{_YEAR})\s*(?:on|onwards|\+)(?!\w)",
        _R._onwards,
    ),
    # 'from the last 5 years', 'in the past decade'
    ConstraintRule(
        "last_years",
        "year",
        r"\b(?:in |from |over )?the (?:last|past) (?P<n>\d+|two|three|four|five|ten)? ?"
        r"(?P<unit>years|decade|few years|couple of years|couple years)\b",
        _R._last_years,
        when=_has_year,
    ),
    # 'something older', 'old school', 'not too old' (relative to the picks on the table)
    # 'something newer than the first one', 'shorter than the 2nd': one pick's year or length
    ConstraintRule(
        "than_a_pick",
        "any",
        r"\b(?P<w>newer|more recent|older|earlier|later|shorter|longer) than (?:the )?"
        r"(?P<p>first|second|third|last|middle|1st|2nd|3rd|top)(?: one| pick| film| movie)?\b",
        _R._than_a_pick,
    ),
    ConstraintRule(
        "older",
        "year",
        # not a bare 'old' before someone or something the story has: 'the old man', 'an old
        # house', 'old-fashioned' (an old western, old comedies, something old are films)
        # ('heat or ronin, which is older?' asks which of two)
        r"\b(?P<neg>not (too |so |that )?)?((?<!which is )(?<!which one is )older|"
        r"old[\s-]school|oldies|vintage|"
        # ('it never gets old', 'that joke got old': worn out, no year)
        r"(?<!get )(?<!gets )(?<!getting )(?<!got )(?<!grow )(?<!grows )"
        r"old(?![\s-](?:man|men|woman|women|lady|ladies|guy|guys|people|person|folks?|"
        r"friends?|couple|boy|girl|house|houses|home|mansion|car|cars|town|city|village|days|"
        r"times|age|world|dog|cat|fashioned|timers?|timey|flame|wounds?|habits?)\b))\b"
        rf"{_NOT_THAN_A_YEAR}( ones|"
        r" movies| films| stuff)?",
        _R._older,
    ),
    ConstraintRule(
        "newer",
        "year",
        r"\b(?P<w>newer|more recent|recent|latest|brand new|new releases?|not (too |so )?old|"
        # 'a modern-day fantasy', 'a modern retelling', 'set in modern times': the story's
        # setting, not when the film was made
        r"modern(?![\s-](?:day|times?|theat\w*|retellings?|adaptations?|versions?|takes? on|"
        r"twists? on|updates?|settings?|world|society|life|art|dance|warfare|classics?|fairy)\b))"
        rf"\b{_NOT_THAN_A_YEAR}",
        _R._newer,
    ),
    # 'something from this year', 'released last year': the catalogue's latest year(s)
    ConstraintRule(
        "this_year",
        "year",
        r"\b(?:from|released|made|out|came out) (?P<w>this|last) year\b|\b(?P<w2>this) year's\b",
        _R._this_year,
        when=_has_year,
    ),
    # 'made this decade', 'something from this decade': the catalogue's latest decade
    ConstraintRule(
        "this_decade",
        "year",
        r"\b(?:(?:from|made|released|out|of|in) )?this decade(?:'s)?\b",
        _R._this_decade,
        when=_has_year,
    ),
    # -- runtime --
    # 'nothing under 90 minutes', 'no films shorter than 2 hours': at least that long
    ConstraintRule(
        "runtime_nothing_under",
        "runtime",
        r"\b(?:no|none|nothing|not|isn't|isnt|aren't|arent)\s+"
        r"(?:(?:movies?|films?|books?|ones?|stuff)\s+)?"
        r"(?:(?:that's|that is|that are|thats)\s+)?(?:under|shorter than|less than|below)\s*"
        rf"{_LENGTH}\s*{_UNIT}",
        _R._runtime_at_least,
        when=_has_runtime,
    ),
    ConstraintRule(
        "runtime_under_hour_and_half",
        "runtime",
        r"\b(?:under|less than|shorter than|at most|no (?:more|longer) than|below|within|"
        r"up to)\s*"
        r"(?P<n>an hour and (?:a )?half)\b(?P<unit>)",
        _R._runtime_limit,
        when=_has_runtime,
    ),
    # 'hour and a half tops', 'an hour and a half max'
    ConstraintRule(
        "runtime_hour_and_half_max",
        "runtime",
        r"\b(?P<n>(?:an? )?hour and (?:a )?half)\s*(?:,\s*)?(?:tops|max(?:imum)?|"
        r"at (?:the )?most|or less|or shorter|or under)\b(?P<unit>)",
        _R._runtime_limit,
        when=_has_runtime,
    ),
    # '1h30 tops', '1h45 max', 'a thriller, 1h30': a clock length is the most it may last
    ConstraintRule(
        "runtime_clock",
        "runtime",
        r"\b(?P<h>\d)\s*h\s*(?P<m>[0-5]\d)\b(?:\s*(?:m|mins?|minutes?)\b)?"
        r"(?:[\s,-]*(?:tops|max(?:imum)?|at most|or less|or under|or shorter)\b)?",
        _R._clock,
        when=_has_runtime,
    ),
    # 'under an hour and 45 minutes', 'less than 1 hour 40', '< 2h'
    ConstraintRule(
        "runtime_under_hours_minutes",
        "runtime",
        r"(?:\b(?:(?<!not )(?<!isn't )(?<!isnt )(?<!no )(?:under|less than|shorter than)|"
        r"at most|no (?:more|longer) than|not longer than|"
        r"nothing (?:over|above|longer than|more than)|below|within|up to|max(?:imum)?|tops|"
        r"at the (?:very )?most)\s*|"
        r"<=?\s*)"
        r"(?P<h>\d|an|one|a)\s*(?:h|hrs?|hours?)\s*(?:and\s*)?(?P<m>\d{1,2})?\s*"
        r"(?:m|mins?|minutes?)?\b",
        _R._clock,
        when=_has_runtime,
    ),
    # '1 hour 20 max', 'an hour 40 tops': hours and minutes, then the word that makes it a limit
    ConstraintRule(
        "runtime_hours_minutes_max",
        "runtime",
        r"\b(?P<h>\d|an|one|a)\s*(?:h|hrs?|hours?)\s*(?:and\s*)?(?P<m>[0-5]?\d)\s*"
        r"(?:m|mins?|minutes?)?\s*(?:,\s*)?(?:tops|max(?:imum)?|at (?:the )?most|or less|"
        r"or shorter|or under)\b",
        _R._clock,
        when=_has_runtime,
    ),
    # 'gotta be done by 9, we start at 7:30', 'finished by 10:30, its 8:45 now', 'finish before
    # half past nine, we're starting at eight': the time between
    # now (or the start) and the end is the most the film may last
    ConstraintRule(
        "runtime_until_clock_time",
        "runtime",
        r"\b(?:(?:done|finished|finish|over|wrapped up|wrap up|through|bed|asleep|ending|end|"
        r"off|home|back)\s+(?:by|before)|(?:home|back)\s+at|"
        r"(?:leave|leaves|leaving|go|goes|finish|finishes|end|ends|close|stop|stops|bed|"
        r"bedtime|lights out|done|over|closes|lock up)\s+at|(?:until|till|til))\s+"
        rf"(?P<end>{_CLOCK_TIME})",
        _R._until_clock_time,
        when=_has_runtime,
    ),
    # 'we only have an hour', 'i've got like 90 minutes', 'only got two hours': the time there is
    ConstraintRule(
        "runtime_time_we_have",
        "runtime",
        r"\b(?:we|i)(?:'ve| have)?\s+(?:only\s+|just\s+)?(?:have|got)\s+(?:only\s+|just\s+)?"
        rf"(?:like\s+|about\s+|around\s+|roughly\s+|maybe\s+)?{_LENGTH}\s*{_UNIT}",
        _R._runtime_limit,
        when=_has_runtime,
    ),
    # '2 hours to kill', 'got 90 minutes to spare', 'an hour free': the time there is
    ConstraintRule(
        "runtime_time_to_kill",
        "runtime",
        rf"\b{_LENGTH}\s*{_UNIT}\s+(?:to kill|to spare|free|left|of free time)\b",
        _R._runtime_limit,
        when=_has_runtime,
    ),
    ConstraintRule(
        "runtime_at_most_sign",
        "runtime",
        rf"<=?\s*{_LENGTH}\s*{_UNIT}",
        _R._runtime_limit,
        when=_has_runtime,
    ),
    # "not watching anything under 90 minutes", "I won't sit through films shorter than 80
    # minutes": a short length refused is a least length (before the rule below reads 'under')
    ConstraintRule(
        "runtime_short_refused",
        "runtime",
        rf"\b{_REFUSED_WATCHING}(?:under|shorter than|less than)\s*{_LENGTH}\s*{_UNIT}",
        _R._runtime_at_least,
        when=_has_runtime,
    ),
    ConstraintRule(
        "runtime_at_most",
        "runtime",
        # 'not under 2 hours' is at least two hours
        r"\b(?:(?<!not )(?<!isn't )(?<!isnt )(?<!no )(?:under|less than|shorter than)|at most|"
        r"max(?:imum)?|tops|at the (?:very )?most|no (?:more|longer) than|"
        r"not (?:more|longer) than|nothing (?:over|above|longer than|more than|north of)|"
        # 'no movies over two hours', 'none that are longer than 2h', "that isn't over 2 hours"
        # "it can't be longer than 100 minutes", "mustn't run over 90 minutes"
        r"(?:no|none|nothing|not|isn't|isnt|aren't|arent|shouldn't be|won't be|doesn't run|"
        r"(?:can't|cant|cannot|can not|mustn't|mustnt|must not|shouldn't|shouldnt|should not|"
        r"won't|wont|will not|musn't|couldn't|couldnt) (?:be|run|go|last)(?: any)?)\s+"
        r"(?:(?:movies?|films?|books?|ones?|stuff)\s+)?"
        r"(?:(?:that's|that is|that are|thats)\s+)?(?:over|above|longer than|exceeding|north of)|"
        # "can't be more than an hour and a half", "can't go past 2 hours", "mustn't exceed 95"
        r"(?:can't|cant|cannot|can not|mustn't|mustnt|must not|shouldn't|shouldnt|should not|"
        r"won't|wont|will not|couldn't|couldnt) (?:(?:be|run|go|last)(?: any)? (?:more than|past)|"
        r"exceed)|(?:not|never) (?:to )?exceed|"
        # 'none of them can go past the two hour mark', 'nothing should run over 2 hours'
        r"(?:nothing|no films?|no movies?|none) (?:that|which) (?:runs?|goes|lasts|is) "
        r"(?:past|over|longer than|more than)|"
        r"(?:none|nothing|no film|no movie|not one|no one)(?: of (?:them|those|these|the (?:films|"
        r"movies)))? (?:can|could|should|may|"
        r"must|will|is allowed to) (?:(?:be|run|go|last)(?: any)? (?:more than|past|over|"
        r"longer than)|exceed)|"
        r"below|within|up to|"
        # "no way am I sitting through anything longer than two hours", "I'm not watching
        # films over 2 hours tonight", "won't sit through anything more than 100 minutes"
        rf"{_REFUSED_WATCHING}(?:over|longer than|more than)|"
        rf"<=?)\s*(?:the\s+(?=\d))?{_LENGTH}\s*{_UNIT}(?:[\s-]mark\b)?",
        _R._runtime_limit,
        when=_has_runtime,
    ),
    ConstraintRule(
        "runtime_between",
        "runtime",
        r"\bbetween (?P<lo>\d{2,3}) and (?P<hi>\d{2,3}) ?(?:minutes|mins?|m)\b|"
        r"\b(?P<lo2>\d{2,3}) ?(?:-|–|to) ?(?P<hi2>\d{2,3}) ?(?:minutes|mins?|m)\b|"
        # 'between 2 and 3 hours long', '1.5 to 2 hours', 'one to two hours'
        r"\b(?:between )?(?P<lo_h>[1-4](?:\.5)?|one|two|three|four) ?(?:-|–|to|and) ?"
        r"(?P<hi_h>[1-5](?:\.5)?|two|three|four|five) ?(?:hours?|hrs?|h)\b|"
        # '90 min to 2 hrs'
        r"\b(?:between )?(?P<lo_m>\d{2,3}) ?(?:minutes|mins?|m) ?(?:-|–|to|and) ?"
        r"(?P<hi_mh>[1-5](?:\.5)?|two|three|four|five) ?(?:hours?|hrs?|h)\b",
        _R._runtime_between,
        when=_has_runtime,
    ),
    ConstraintRule(
        "runtime_about",
        "runtime",
        rf"\b(?:around|about|roughly|approximately|approx\.?|~|like|say|maybe)\s*{_LENGTH}\s*"
        rf"{_UNIT}(?:\s+long)?"
        # 'like 80 min tops', 'maybe 2 hrs max': a limit, read by the rows below
        r"(?!\s*(?:tops|max|maximum|or (?:less|under|shorter)|at (?:the )?most)\b)",
        _R._runtime_about,
        when=_has_runtime,
    ),
    # 'a fun 90 min movie', 'a 2 hour film': a film of about that length
    ConstraintRule(
        "runtime_of_the_film",
        "runtime",
        rf"\b(?P<n>\d{{2,3}}|one|two|three)[\s-]?{_UNIT}(?:[\s-]long)?\s+"
        r"(?=(?:\w+\s+)?(?:movie|film|flick|one|thing)s?\b)",
        _R._runtime_of_the_film,
        when=_has_runtime,
    ),
    # 'a 90 minute comedy', 'a three-hour epic': a length said as an adjective of the film
    # (singular unit); 'a 50-minute class period', 'a 2 hour flight': the time there is
    ConstraintRule(
        "runtime_compound",
        "runtime",
        r"\b(?P<n>\d{2,3}|\d(?:\.\d)?|one|two|three|four)[\s-](?P<unit>hour|hr|minute|min)[\s-]"
        r"(?:long[\s-])?(?P<what>[a-z]+)\b",
        _R._runtime_compound,
        when=_has_runtime,
    ),
    # '90 minutes max', '2 hours tops', '100 min or less', 'an hour and a half at most'
    ConstraintRule(
        "runtime_max_after",
        "runtime",
        rf"\b{_LENGTH}[\s-]*{_UNIT}(?:[\s-]long)?"
        # '90 minutes a film, tops', '2 hours each max': the limit of each film
        r"(?:\s+(?:a|per|each)(?:\s+(?:film|movie|flick|one))?|\s+each)?[\s,-]*"
        r"(?:max(?:imum)?|tops|at[\s-]most|or[\s-]less|or[\s-]shorter|or[\s-]under|"
        r"at the most|max length|long max)\b",
        _R._runtime_limit,
        when=_has_runtime,
    ),
    # 'an hour and a half is my limit', '2 hours is the max': the longest film wanted
    ConstraintRule(
        "runtime_is_my_limit",
        "runtime",
        rf"\b{_LENGTH}\s*{_UNIT}\s+(?:is|'s|=)\s+(?:my|our|the|a hard|my hard|our hard)\s+"
        r"(?:limit|max|maximum|cap|ceiling|upper limit|cut-?off)\b",
        _R._runtime_limit,
        when=_has_runtime,
    ),
    # 'anything over two and a half hours is out', 'over 2 hours is too long', 'films longer
    # than 100 minutes are a no': what is longer is turned down (read before 'over 2 hours')
    ConstraintRule(
        "runtime_over_is_out",
        "runtime",
        r"\b(?:(?:anything|everything|whatever|something|stuff|all|films?|movies?|"
        r"ones?)\s+(?:that(?:'s| is| are| runs?| goes)?\s+)?)?(?:over|above|longer than|"
        r"more than|past)\s+"
        rf"{_LENGTH}\s*{_UNIT}(?:\s+long)?\s+(?:is|are|'s|=)\s+(?:(?:just|simply|definitely|"
        r"totally|way|a bit|far) )?(?:out|too long|too much|a no(?:-go)?|off the table|"
        r"not happening|a dealbreaker|a deal breaker|pushing it|overkill)\b",
        _R._runtime_limit,
        when=_has_runtime,
    ),
    # 'at least 2 hours', 'longer than 100 minutes', 'over 2 hours', '2 hours or more'
    ConstraintRule(
        "runtime_at_least",
        "runtime",
        r"\b(?:at least|(?<!not )(?<!no )(?:longer than|more than)|(?<!not )(?<!isn't )over|"
        r"no shorter than|not shorter than|"
        r"(?:not|isn't|isnt|no less than|not less than)\s+(?:under|shorter than|less than)|"
        r"minimum(?: of)?|min\.?)\s*"
        rf"{_LENGTH}\s*{_UNIT}(?:\s+long)?",
        _R._runtime_at_least,
        when=_has_runtime,
    ),
    ConstraintRule(
        "runtime_or_more",
        "runtime",
        rf"\b{_LENGTH}[\s-]*{_UNIT}(?:[\s-]long)?[\s,-]*"
        r"(?:or (?:more|longer|over)|\+|plus|minimum|at least)(?!\w)",
        _R._runtime_at_least,
        when=_has_runtime,
    ),
    # with a length limit set: 'up to 110 is fine', 'ok 80 is too strict, 110 max' (no unit)
    ConstraintRule(
        "runtime_bare_number",
        "runtime",
        r"\b(?:up to|under|below|at most|no more than|less than|max(?:imum)?(?: of)?)\s+"
        r"(?P<n>\d{2,3})\b(?!\s*(?:%|stars?|years?|'?s\b|/|dollars?|bucks|euros?|pounds?|quid|\$|€|£))|"
        r"\b(?P<n2>\d{2,3})\s+(?:max|tops|or less|at most)\b",
        _R._runtime_bare_number,
        when=_has_runtime,
    ),
    # 'not too long', 'something shorter', 'a quick one'
    ConstraintRule(
        "shorter",
        "runtime",
        r"\b(?P<w>(?:not|no|nor|neither|nothing|isn't|is not|aren't|wasn't|shouldn't be) "
        r"(?:too |so |very |that |"
        # 'up or soul, which is shorter?': which of two is asked, no wish
        r"overly |a )?long(?: one)?|(?<!which is )(?<!which one is )(?<!which's )shorter|"
        r"(?<!too )short(?! stor)|"
        r"quick(?:er)?)\b"
        # ('shorter than that': than the picks shown; 'shorter than 2 hours' is a number's)
        r"(?! than(?! (?:that|those|these|them|this|the last ones?)\b))",
        _R._shorter,
        when=_has_runtime,
    ),
    # 'a long movie', 'something long', 'a long epic for a rainy sunday': a long film
    ConstraintRule(
        "long",
        "runtime",
        r"(?<!not )(?<!too )(?<!so )(?<!how )(?<!no )(?<!as )\b(?:long(?:ish)?|lengthy)"
        r"(?:\s+(?:and|&)\s+[a-z]+)?(?:\s+[a-z-]+)?\s+(?:ones?|films?|movies?|flicks?|epics?|watch"
        rf"|sagas?|{_LONG_KINDS})\b|"
        r"\b(?:something|anything|sth|smth|one)\s+(?:really |very |properly |nice and |quite )?"
        r"(?:long(?:ish)?|lengthy)\b(?!\s*-)(?!\s+(?:time|ago|days?|weeks?|weekend|story|stories"
        r"|shot|way|run|term|haul|flight|drive|trip|list|while|night|shift)\b)",
        _R._long,
        when=_has_runtime,
    ),
    # 'the longer the better', 'the longest film you have': long ones
    ConstraintRule(
        "longer_the_better",
        "runtime",
        r"\bthe longer the better\b|\bthe longest (?:one|film|movie|thing)s?\b",
        _R._long,
        when=_has_runtime,
    ),
    # 'longer', 'something longer than those' after picks or a length limit: longer ones
    ConstraintRule(
        "longer",
        "runtime",
        r"(?<!no )(?<!any )(?<!not )(?<!which is )(?<!which one is )\blonger\b"
        r"(?! than(?! (?:that|those|these|them|this|the last ones?)\b))"
        r"(?! (?:ago|time|term|run|story|stories|version|cut|edition)\b)",
        _R._longer,
        when=_has_runtime,
    ),
    # -- rating --
    # 'a four star drama', 'at least 4 stars', '3.5 out of 5 or better', '4/5': stars out of
    # five, twice that on the catalogue's ten-point scale (capped at 8.5: 184 of omdb.org's
    # 5,910 rated films reach it, 5 of them 10)
    ConstraintRule(
        "stars_out_of_five",
        "rating",
        rf"\b(?P<n>[1-5](?:\.5)?|{_STAR_WORDS})(?:[\s-]*stars?\b(?:\s*out of\s*(?:5|five)\b)?"
        r"|\s*out of\s*(?:5|five)\b|\s*/\s*5\b)(?! (?:hotel|general|wars?)\b)",
        _R._stars,
        when=_has_rating,
    ),
    # 'imdb 7+', 'good reviews, 7.5 and up', '7+ on imdb': a number with a rating word
    ConstraintRule(
        "rating_number_and_up",
        "rating",
        r"\b(?:imdb|rating|rated|score|stars|reviews?)\b[^.!?\d]{0,24}?"
        r"(?P<n2>\d(?:\.\d)?)\s*(?:\+|and up|and above|or (?:more|higher|above|better|up)|"
        r"plus)(?!\w)|\b(?P<n3>\d(?:\.\d)?)\s*\+?\s*(?:on|at) imdb\b",
        _R._rating2,
        when=_has_rating,
    ),
    # 'at least 8 out of 10', 'a drama rated 8 out of 10 or more', '7.5/10': out of ten says it
    # is a rating; the number is the least wanted (before 'highly rated' sets 7)
    ConstraintRule(
        "rating_out_of_ten",
        "rating",
        r"(?<![\d.])(?P<n>\d(?:\.\d)?)\s*(?:out of|/)\s*(?:10|ten)\b(?![\d.])"
        r"(?:\s*(?:at least|or (?:more|better|higher|above)|minimum|min|and up|\+))?",
        _R._rating_out_of_ten,
        when=_has_rating,
    ),
    # 'the best movie of 1994', 'the best horror films': the well rated ones ('my best friend',
    # 'the best part' say nothing of ratings)
    ConstraintRule(
        "best_films",
        "rating",
        r"\b(?P<best>(?:the|some|any|your|all[\s-]time) (?:very )?best)\s+(?:[a-z-]+\s+){0,2}?"
        r"(?:movies?|films?|flicks?)\b",
        _R._best_films,
        when=_has_rating,
    ),
    ConstraintRule(
        "rated_well",
        "rating",
        r"\b(highly|high|well|top|best|better)[\s-]rated\b|\bcritically acclaimed\b|"
        r"\bacclaimed\b|"
        # ('a great score' is the music; 'a high score', 'good scores' the rating)
        r"\b(good|great|strong|high|top|excellent) (reviews|ratings?|scores)\b|"
        r"\b(high|top|strong) score\b|"
        r"\bwell[\s-]reviewed\b|\bhighly[\s-](?:reviewed|scored)\b",
        _R._rated,
        when=_has_rating,
    ),
    ConstraintRule(
        "rated_above",
        "rating",
        r"\b(?:rated|rating|score[sd]?)\s+(?:of\s+)?(?:above|over|at least|more than|>=?|"
        r"higher than)\s+"
        r"(?P<n>\d+(?:\.\d+)?)\b|\b(?P<n2>\d(?:\.\d)?)\s*\+\s*(?:rating|rated|stars)\b|"
        r"\b(?:rated|rating|score[sd]?)\s+(?P<n3>\d(?:\.\d)?)\s*"
        r"(?:\+|or (?:more|higher|above|better))",
        _R._rating_number,
        when=_has_rating,
    ),
    # 'with at least a 7 rating', 'a rating above 7.5', 'minimum rating 7', '8/10 or better'
    ConstraintRule(
        "rating_at_least",
        "rating",
        r"\b(?:at least|above|over|more than|minimum(?: of)?|min\.?|no less than)\s+"
        r"(?:an?\s+)?(?P<n>\d(?:\.\d)?)(?:\s*/\s*10)?\s*(?:rating|stars?|score|imdb)\b|"
        r"\b(?:rating|score|imdb|imdb rating)\s+(?:above|over|of at least|at least|>=?)\s*"
        r"(?P<n2>\d(?:\.\d)?)\b|"
        r"\bminimum (?:rating|score)\s*(?:of\s*)?(?P<n3>\d(?:\.\d)?)\b|"
        # 'at least 8/10', '7.5/10 or better', '8/10+': out of ten says it is a rating
        r"\b(?:at least|above|over|more than|minimum(?: of)?|min\.?|no less than)\s+"
        r"(?P<n4>\d(?:\.\d)?)\s*/\s*10\b|"
        r"\b(?P<n5>\d(?:\.\d)?)\s*/\s*10\s*(?:\+|or (?:more|higher|above|better)|minimum|min|"
        r"and (?:up|above|higher|over)|plus)",
        _R._rating_number,
        when=_has_rating,
    ),
    # 'bump the rating to 7', 'raise the minimum score to 7.5', 'set the bar at 8': the least
    # rating said as a change of the setting
    ConstraintRule(
        "rating_raised",
        "rating",
        r"\b(?:bump|raise|push|up|put|set|move|change|make|turn|lift|take|lower|loosen|drop|"
        r"reduce|bring|relax)(?:\s+(?:up|down))?\s+(?:the\s+)?"
        r"(?:min(?:imum)?\s+)?(?:rating|score|bar|threshold|imdb(?: rating)?)"
        r"(?:\s+(?:up|limit|floor|minimum|min|requirement))?\s+(?:up\s+)?(?:to|at)\s+"
        r"(?:at least\s+)?(?:an?\s+)?(?P<n>\d(?:\.\d)?|10)(?![\d.])(?:\s*/\s*10)?"
        r"(?:\s*(?:\+|and up|or (?:more|higher|better|above)))?",
        _R._rating_number,
        when=_has_rating,
    ),
    # with a least rating set: 'ok make it 8+', 'bump it to 7.5', 'raise it to 8': the new least
    ConstraintRule(
        "rating_raised_it",
        "rating",
        r"\b(?:(?:make|bump|raise|push|up|take|lift|lower|loosen|drop|reduce|bring|relax|move)"
        r"\s+(?:it|that|the bar)(?:\s+(?:up|down))?|go (?:up|down))\s+(?:to\s+)?"
        r"(?:an?\s+)?(?P<n>[4-9](?:\.\d)?|10)(?![\d.])"
        r"(?:\s*(?:\+|and up|or (?:more|higher|better|above)|/\s*10))?"
        r"(?!\s*(?:[%:-]|years?|yrs?|minutes?|mins?|m\b|hours?|hrs?|h\b|stars?|[a-z]*s\b))",
        _R._rating_number,
        when=lambda p: _has_rating(p) and "rating_min" in p.state.constraints,
    ),
    # 'thrillers, like 7.5+', '7.5 or higher': a number with a decimal that is at least some
    # value is a rating even without a rating word (a length names its unit)
    ConstraintRule(
        "rating_decimal_and_up",
        "rating",
        r"(?<![\d.])(?P<n2>\d\.\d)\s*(?:\+|and up|and above|or (?:more|higher|above|better|up)|"
        r"plus)(?!\w)(?!\s*(?:hours?|hrs?|h|stars?|hr)\b)",
        _R._rating2,
        when=_has_rating,
    ),
    # 'thriller, at least a 7 please', 'over 7 and under 2h', 'nothing under 7.5': a number from
    # 5 to 9.9 after 'at least' / 'over' / 'nothing below' with no unit and nobody's age in the
    # message is a rating (runtimes, years and ages name their unit or are larger; 'kids over
    # 7' was read as an age before)
    ConstraintRule(
        "rating_bare_number",
        "rating",
        r"\b(?:at least(?: an?)?|over|above|more than|no less than|(?:nothing|none|no(?:thing)? "
        r"rated|not) (?:under|below|less than|lower than|worse than))\s+(?P<n>[5-9](?:\.\d)?)"
        r"(?![\d.,/%:-]?\d)(?!\s*(?:[%/+:-]|years?|yrs?|y/?o|y\.o|minutes?|mins?|m\b|hours?|"
        r"hrs?|h\b|stars?|out of|of\b|and a half|times?|people|films?|movies?|kids|[a-z]*s\b|"
        r"seasons?|episodes?))",
        _R._rating_number,
        when=lambda p: _has_rating(p) and not p._watching and not _AGE_CONTEXT.search(p.text),
    ),
    # -- price --
    ConstraintRule(
        "price_limit",
        "price",
        r"\b(?P<dir>under|below|less than|cheaper than|at most|max|up to|over|above|"
        r"more than|at least)\s*"
        r"(?:[$€£]\s*)?(?P<n>\d+(?:\.\d+)?)\s*(?:dollars|euros?|pounds|bucks|usd|eur)?\b",
        _R._price,
        when=_has_price,
    ),
    ConstraintRule(
        "cheap",
        "price",
        r"\b(cheaper|cheap|inexpensive|affordable|budget)\b",
        _R._cheap,
        when=_has_price,
    ),
    # -- language and country --
    # 'no subtitles', 'not in the mood for subtitles', 'hate reading subs': in English (the
    # language this catalogue's user reads); 'subtitles are fine' and 'I don't mind subtitles'
    # say nothing
    ConstraintRule(
        "no_subtitles",
        "language",
        r"\b(?:no|not|without|nothing with|none with|nothing|none|hate|can't stand|cannot stand|"
        r"can'?t do|won'?t read|don't want|do not want|don't like|do not like|tired of|sick of|"
        r"skip(?:ping)?|avoid|too tired for|too tired to read)\b[^.,;!?]{0,45}?\b"
        r"(?:sub(?:title)?s|subtitled|captions)\b|"
        # 'subtitles are not allowed', 'subtitled stuff is a no-go for my dad'
        r"\b(?:sub(?:title)?s|subtitled (?:ones?|films?|movies?|stuff)|captions)\s+(?:are|is)\s+"
        r"(?:(?:a )?(?:no|no-go|hard no|dealbreaker|deal breaker)\b|banned|not allowed|forbidden|"
        r"off the table|off[\s-]limits|out of the question|too much|annoying)",
        _R._no_subtitles,
    ),
    # 'no foreign films', 'nothing foreign', "don't like foreign language movies": in English
    ConstraintRule(
        "no_foreign",
        "language",
        r"\b(?:no|not|without|nothing|none|hate|can't stand|cannot stand|can'?t do|don't want|"
        r"do not want|don't like|do not like|tired of|sick of|skip(?:ping)?|avoid|not into|"
        r"not a fan of)"
        r"\b[^.,;!?]{0,20}?\b(?:foreign|non[\s-]?english)\b(?:[\s-]language)?"
        r"(?![\s-]+(?:country|countries|land|"
        r"lands|places?|policy|affairs|legion|exchange|student|correspondent|film award))",
        _R._no_subtitles,
    ),
    # 'something foreign', 'a foreign language film': anything but English (what the language
    # limit turned down, 'no subtitles', goes)
    ConstraintRule(
        "foreign_wanted",
        "language",
        r"(?<!not )(?<!no )\b(?:an?|some|something|anything|any|more)\s+(?:foreign|international|"
        r"non[\s-]?english|world[\s-]cinema)\b(?:[\s-]language)?"
        r"(?=\s*(?:films?|movies?|flicks?|ones?|stuff|cinema|pictures?|thriller|comedy|drama|"
        r"horror|[a-z]+ (?:films?|movies?)|[,.!?]|$))",
        _R._foreign_wanted,
    ),
    ConstraintRule(
        "subtitles_fine",
        "language",
        r"\b(?:sub(?:title)?s|subtitled ones?|captions)\s+(?:are|is)\s+(?:totally |perfectly )?"
        r"(?:fine|ok|okay|good|no problem)\b|"
        r"\b(?:fine|ok|okay|happy|good) with (?:reading )?(?:sub(?:title)?s|subtitled ones?)\b|"
        # 'a korean movie with subtitles': said of the film, no topic
        r"\b(?:with|w/) (?:english )?sub(?:title)?s\b|\bsubtitled\b",
        _R._subtitles_fine,
    ),
    # 'a thriller, nothing in English please', 'not American please', 'no french ones': that
    # language or country left out (a title such as The American is not meant)
    ConstraintRule(
        "language_or_country_not",
        "language",
        r"\b(?:not|nothing|no|none|never|non[\s-]?|"
        # "it mustn't be american", "the film shouldn't be french"
        r"(?:mustn'?t|must not|shouldn'?t|should not|can'?t|cannot|isn'?t|wasn'?t) be|"
        # 'a film that isn't in English', 'ones that aren't French'
        r"(?:isn'?t|aren'?t|wasn'?t|weren'?t|is not|are not|was not|were not))\s+"
        # 'westerns that weren't made in Italy', 'not shot in America'
        r"(?:an?\s+|any\s+)?(?:(?:made|produced|shot|filmed)\s+)?(?:in\s+|from\s+)?(?:the\s+)?"
        rf"(?:(?P<l>{_LANGUAGE_ALT})(?:[\s-](?:language|speaking|spoken|audio))?|"
        rf"(?P<c>{_COUNTRY_ALT}))(?:[\s-](?:films?|movies?|ones?|stuff|productions?|cinema))?"
        # 'nothing in English or French': the second one is left out too
        rf"(?:\s*,?\s+(?:or|nor|and)\s+(?:in\s+|from\s+)?(?:(?P<l2>{_LANGUAGE_ALT})|"
        rf"(?P<c2>{_COUNTRY_ALT}))(?:[\s-](?:films?|movies?|ones?|stuff|productions?|cinema))?)?"
        r"(?=\s*(?:[,.;!?]|$|please|pls|thanks|though|either|for me|anymore|this time|and\b|"
        r"or\b|but\b))",
        _R._language_or_country_not,
    ),
    # 'preferably French or German', 'from Korea or Japan', 'italian or spanish films': each
    # one is wished for (a limit can hold only one)
    ConstraintRule(
        "languages_or_countries",
        "language",
        rf"\b(?<!not )(?<!no )(?:(?:in|from)\s+)?(?P<a>{_PLACE_ALT})(?:,\s*(?P<b>{_PLACE_ALT}))?"
        rf"\s*,?\s+or\s+(?:(?:in|from)\s+)?(?P<c>{_PLACE_ALT})\b(?:[\s-](?:language|speaking|"
        r"films?|movies?|ones|cinema))?",
        _R._languages_or_countries,
    ),
    ConstraintRule(
        "language",
        "language",
        rf"\b(?P<neg>no |not |non[\s-])?(?:(?:in|spoken in|dubbed in) (?P<l1>{_LANGUAGE_ALT})\b|"
        rf"(?P<l2>{_LANGUAGE_ALT})[\s-](?:language|speaking|spoken|audio|only)\b|"
        # 'english only', 'only english please'
        rf"\bonly (?:in )?(?P<l5>{_LANGUAGE_ALT})\b(?! (?:and|or|subtitles|subs)\b)|"
        rf"(?P<l3>{_LANGUAGE_ONLY_ALT})[\s-](?:films?|movies?|cinema|ones|titles|flicks?)\b|"
        # a language no country table names, before a genre: 'a tamil drama', 'bengali comedy'
        rf"(?P<l4>{_LANGUAGE_ONLY_ALT}){_KIND_AHEAD})",
        _R._language,
    ),
    ConstraintRule(
        # 'I am from Brazil', "we're originally from france", 'I live in Japan now': where the
        # user is from or lives, no wish and no film of that name (read before 'country')
        "users_origin",
        "country",
        r"\b(?:(?:i am|i'm|i’m|im|we are|we're|we’re|i come|we come|i came|we came|my family "
        r"is|my wife is|my husband is)(?: originally| also)? from|(?:i|we) (?:now )?(?:live|lived|"
        r"grew up|was born|were born)(?: now)? in) (?:the )?"
        rf"(?P<c>{_COUNTRY_ALT})\b",
        _R._users_origin,
    ),
    ConstraintRule(
        "country",
        "country",
        rf"\b(?P<neg>no |not |non[\s-])?(?:(?P<adj>{_COUNTRY_ALT})(?:[\s-](?:films?|movies?|"
        r"cinema|ones|titles|productions?|books?|novels?)\b|"
        # the genre after a nationality stays for the facet pass: 'French comedy'
        rf"{_KIND_AHEAD})|"
        rf"(?:from|made in|produced in|shot in) (?:the )?(?P<c>{_COUNTRY_ALT})\b|"
        # 'something french maybe', 'anything korean?': the nationality is the whole wish
        r"(?:(?<=something )|(?<=anything )|(?<=maybe )|(?<=preferably )|(?<=ideally )|"
        r"(?<=how about )|(?<=what about )|(?<=make it )|(?<=actually )|(?<=rather ))"
        rf"(?P<adj2>{_COUNTRY_ALT})(?=\s*(?:$|[.,!?;]|(?:please|pls|maybe|perhaps|ideally|"
        r"tonight|instead|this time|for once|for a change|would be (?:nice|good|great)|"
        r"with|about|where|that|set in|from|made|released|in|around|or|and)\b)))",
        _R._country,
    ),
)


def _full_year(said: str) -> int:
    """'1999' -> 1999; "'99" -> 1999, "'05" -> 2005 (two digits up to this year's are this
    century's)."""
    if not said.startswith("'"):
        return int(said)
    n = int(said[1:])
    return 2000 + n if n <= time.gmtime().tm_year % 100 else 1900 + n
