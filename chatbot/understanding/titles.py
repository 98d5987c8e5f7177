"""Titles in a message: references to the last picks, quoted, exact and fuzzy titles."""

from __future__ import annotations

import itertools
import logging
import re
from collections.abc import Sequence
from dataclasses import replace

from chatbot.catalog import Item
from chatbot.filters import NAMED_FACETS
from chatbot.locales import COUNTRY_WORDS
from chatbot.understanding.core import (
    FILM_NOUNS,
    POSSESSIVES,
    TASTE_ADJECTIVES,
    Cue,
    ParseBase,
    Tok,
    copula_verdict,
    denial_end,
    fold_accents,
    held_films_named,
    negated_complaint_end,
    normalize_chat,
    normalize_title,
    phrase_end,
)
from chatbot.understanding.lexicon import (
    CHAT_ABBREVIATIONS,
    CLAUSE_BREAK,
    COMMON_WORDS,
    COPULA_COMPLAINT,
    COPULA_FILLERS,
    COPULA_PRAISE,
    COPULAS,
    COUNTRIES,
    CRITIQUE_MARK,
    DENIED_COPULAS,
    EFFECT_PHRASES,
    FILLER_WORDS,
    JUDGED_PARTS,
    LANGUAGES,
    LUKEWARM_CUES,
    NEGATIVE_CUES,
    NEGATORS,
    NOT_A_FILM_NAME,
    NUMBER_WORDS,
    ORDINALS,
    POSITIVE_CUES,
    PRONOUNS,
    QUESTION_STARTS,
    RELATIVE_FILLER,
    RELATIVE_PRONOUNS,
    SEEN_CUES,
    SHAKEN_CUES,
    SIMILAR_CUES,
    SMALL_TALK,
    SUBJECT_VERDICTS,
    TIMES_AFTER_LAST,
    TITLE_CUTOFF,
    VERDICT_EMOJI,
    WATCHERS,
    _words,
)
from chatbot.understanding.nlp import Word

log = logging.getLogger(__name__)

# verbs of verdict or viewing in the past that a film's name follows ('i loved the ...')
_PAST_VIEWING = frozenset(
    ("loved", "liked", "hated", "enjoyed", "adored", "disliked", "watched", "rewatched", "saw")
)
# words that end the name after such a verb ('... the midnight lantern last night'; named apart
# from the _CLAUSE_ENDS below, which it was shadowed by)
_NAME_ENDS = frozenset(
    ("and", "but", "so", "because", "though", "too", "yesterday", "tonight", "with",
     "at", "on", "in", "a", "when", "lol", "again", "twice", "once", "it", "then", "or")
)  # fmt: skip

# between a copula and 'too': 'was way too long', 'is a bit too slow', 'was far too old'
_DEGREE_WORDS = frozenset(
    ("way", "waaay", "waay", "far", "just", "a", "bit", "little", "kinda", "kind", "of", "so")
    + ("really", "much", "slightly", "somewhat", "pretty", "rather", "honestly", "lowkey")
)


# 'the Toy Story movies', 'the Alien franchise': nouns after a name that make it the franchise
FRANCHISE_NOUNS = frozenset(
    ("movies", "films", "flicks", "series", "franchise", "saga", "trilogy", "sequels", "ones")
    # 'a Toy Story marathon', 'a Lord of the Rings binge': every film of it
    + ("marathon", "marathons", "binge", "boxset", "collection", "quadrilogy")
)
# 'dont recommend', 'do not show me', 'no need to suggest' right before a title
_DONT_SHOW_BEFORE = (
    r"(?:\bdon'?t|\bdo not|\bno need to|\bstop) (?:recommend|recommending|suggest|suggesting|"
    r"show|showing|give|giving|offer|offering)(?: me| us)?(?: the)?$"
)
# when something happened: the opening words of a longer title ('Last Night in Soho', 'One Day
# in September') said as a time are no title
_WHEN_PHRASES = frozenset(
    (
        "last night",
        "last week",
        "last weekend",
        "last year",
        "last time",
        "last summer",
        "the other night",
        "the other day",
        "one day",
        "one night",
        "this weekend",
        "this morning",
        "this afternoon",
        "tonight",
        "yesterday",
        "next time",
    )
)
# 'Alien and Aliens, I love both': words after a verdict that point back at a list
PLURAL_BACK = frozenset(("both", "all", "them", "those", "these", "each", "three", "four"))
# 'do you have X?': asking whether the catalogue holds a title names it
AVAILABILITY_ASKS = (
    "do you have", "have you got", "you got", "do you guys have", "got any copies of",
    "is there", "can i watch", "can i find", "can you find", "do you stock", "do you carry",
    "have you heard of", "ever heard of", "do you know",
)  # fmt: skip
# verbs of watching in a relative clause after a title ("Heat, which I haven't seen")
WATCH_VERBS = frozenset(("seen", "saw", "watched", "watch", "see", "heard", "rewatched"))
# 'my dog Babe', 'our cat Garfield': a capitalised word right after one of these is a name
PET_NOUNS = frozenset(
    ("dog", "dogs", "cat", "cats", "puppy", "kitten", "pet", "hamster", "parrot", "bird")
    + ("rabbit", "bunny", "horse", "pony", "goldfish", "turtle", "pup", "doggo", "kitty")
)
# 'the second one', 'the first film': the noun after an ordinal that makes it a reference
PICK_NOUNS = (
    *("one", "movie", "film", "pick", "option", "item", "suggestion", "title", "book", "thing"),
    *("choice", "recommendation", "rec"),
)


# 'im up', "we're home alone tonight": what follows says how the user is, not a title
_I_AM = frozenset(("i'm", "im", "we're", "were", "i’m", "we’re"))
# what only a person does or is, said right after a name ('Juno can't stand sci-fi', 'Matilda
# is 8', "Tom's seen it", 'Sam vetoed horror'): that name is someone in the room, no film
_PERSONS_PREDICATE = re.compile(
    r"(?:(?:is|are|'s|was)\s+(?:both\s+|also\s+|now\s+|only\s+)?(?:\d+(?![\d.]|\s*(?:min|hour|"
    r"hr|h\b|stars?|out|/|%|points?))|here|joining|coming|"
    r"pregnant|allergic|away|out|home|back|fine with|ok with|okay with|not coming|not here|"
    r"scared of|afraid of|into|obsessed with|(?:\d+|a|an)\s+(?:years?|yr)s?\s+old)|"
    r"(?:can't|cant|cannot|won't|wont|doesn't|doesnt|does not|didn't|didnt)\s+(?:stand|handle|"
    r"watch|like|do(?!\s+(?:it|much|anything|a\s+thing)\s+for\b)|bear|sit)|"
    r"(?:has|'s|hasn't|has not|have)\s+(?:already\s+)?seen|"
    r"hates|loves|likes|wants|prefers|says|said|votes|voted|vetoed|vetoes|thinks|refuses|"
    r"suggested|picked|chose|insists|just arrived|arrived)\b"
)
_VERDICT_ADVERBS = frozenset(
    ("really", "totally", "absolutely", "completely", "genuinely", "honestly", "seriously")
    + ("properly", "lowkey", "highkey", "literally", "truly", "actually")
)
# a verb denied right after a title ('Heat never impressed me', "Ronin didn't hold my
# attention"): the negations, and the words that may sit between them and the verb
_DENYING = frozenset(
    ("didn't", "didnt", "doesn't", "doesnt", "never", "did", "does", "won't", "wont")
)
_DENIED_VERB_FILLERS = frozenset(("even", "exactly", "quite", "ever", "just", "fully", "much"))
_IRREGULAR_PAST = {
    **{"make": "made", "do": "did", "get": "got", "give": "gave", "hold": "held"},
    **{"keep": "kept", "leave": "left", "blow": "blew", "win": "won", "hit": "hit"},
    **{"catch": "caught", "take": "took", "feel": "felt", "grip": "gripped", "stick": "stuck"},
    **{"strike": "struck", "hook": "hooked", "draw": "drew", "move": "moved"},
}
_YES_OR_NO = frozenset(("no", "yes", "nope", "yep", "yeah", "nah"))
_INTERJECTION_ENDS = frozenset((",", "!", ".", "…", ";", ":", "-", "–", "—"))
_AFTER_YES_OR_NO = frozenset(("please", "pls", "definitely", "absolutely", "thanks"))
_COURTESY_END = frozenset(("please", "pls", "plz", "thanks", "thx", "tho", "though", "lol"))
_DEGREE_AFTER_I_AM = frozenset(
    ("not", "too", "so", "really", "very", "quite", "never", "just", "kinda", "pretty", "totally")
    + ("a", "bit", "little", "lowkey", "literally", "still", "always")
)
# 'I was home alone all week', 'we were up all night': how one was, in the past
_I_AM2 = (["i", "am"], ["we", "are"], ["i", "was"], ["we", "were"])


def _names_of(item: Item) -> list[str]:
    """The item's title and the names it goes by (original title, aliases)."""
    names = [item.title, item.extra.get("original_title"), *item.extra.get("aliases", ())]
    return [n for n in names if isinstance(n, str) and n]


# what a film is said to be too much of ('Up was too sad', 'Heat was too long')
_FILM_QUALITIES = frozenset(
    ("long", "slow", "sad", "scary", "violent", "gory", "boring", "dark", "depressing", "short")
    + ("confusing", "silly", "cheesy", "predictable", "intense", "graphic", "childish", "bloody")
    + ("creepy", "weird", "disturbing", "corny", "sappy", "brutal", "grim", "bleak", "preachy")
)


class TitleRules(ParseBase):
    """Rule passes that find the items a message is about."""

    def _references(self) -> None:
        shown = [i for i in self.state.last_shown if i in self.vocab.catalog]
        if not shown:
            return  # see _references_without_picks, read after the series' ordinals
        # 'Films I've seen recently: Parasite, Get Out, Hereditary', then 'liked the first
        # two, the last one was too much': places in the list the user told of, not the picks
        shown = self._own_list_told_of() or shown
        toks = self.toks
        n = len(shown)
        referred: set[int] = set()  # the picks referred to so far
        # ('i like the others but not the first': the place named after 'the others')
        placed = {
            _place(ORDINALS[t.text], n)
            for k, t in enumerate(toks)
            if t.text in ORDINALS and k > 0 and toks[k - 1].text == "the"
        }
        i = 0
        while i < len(toks):
            w = toks[i].text
            nxt = toks[i + 1].text if i + 1 < len(toks) else ""
            nxt2 = toks[i + 2].text if i + 2 < len(toks) else ""
            prev = toks[i - 1].text if i > 0 else ""
            picks: list[int] | None = None
            width = 1
            if (
                (referred or placed)
                and prev == "the"
                and (
                    w in ("others", "rest")
                    or (w == "other" and (nxt in NUMBER_WORDS or nxt in (*PICK_NOUNS, "ones")))
                )
            ):
                # 'not that one, the others look ok', 'the first is seen, the other two are
                # fine', 'i like the others but not the first': the picks not named, no The
                # Others (2001)
                picks = [p for p in range(n) if p not in referred | placed]
                width = 1 + (w == "other" and (nxt in NUMBER_WORDS or nxt in (*PICK_NOUNS, "ones")))
            elif (
                w == "#"
                and nxt.isdecimal()
                or (
                    w in ("number", "no", "option", "pick", "item")
                    and nxt.isdecimal()
                    and (w != "no" or nxt2 in (".", ""))
                )
            ):
                picks, width = [int(nxt) - 1], 2
            elif (
                w in ("first", "last", "top")
                and nxt in NUMBER_WORDS
                and nxt not in ("a", "an", "one")
            ):
                count = int(NUMBER_WORDS[nxt])
                picks = list(range(count)) if w != "last" else list(range(n - count, n))
                width = 2
            elif w in ORDINALS and self._ordinal_opens_title(i):
                pass  # 'seen the sixth sense', 'loved the third man': the film, no pick
            elif w in ORDINALS and (
                # ("first one's a no": the pick with its 'is')
                nxt in (*PICK_NOUNS, "ones", "one's", "one’s")
                or (i > 0 and toks[i - 1].text == "the")
                or len(toks) <= 3
                # 'seen the 1st one, 2nd looks boring': an ordinal opening a clause, said of
                or (
                    (i == 0 or toks[i - 1].text in (",", ".", ";", "and", "but", "so"))
                    and nxt in ("looks", "look", "sounds", "seems", "is", "was", "'s", "looked")
                )
                # '1st ✅ 2nd ❌' ('1st , good ; 2nd , bad'): a verdict mark after each place
                or (
                    (i == 0 or toks[i - 1].text in (",", ".", ";", "and", "but", "so"))
                    and nxt == ","
                    and nxt2 in _MARKED_VERDICTS
                )
                # 'the first and second', 'the first, second and last': one list of picks
                or (
                    i > 1
                    and toks[i - 1].text in ("and", ",", "or")
                    and toks[i - 2].text in ORDINALS
                )
            ):
                idx = ORDINALS[w]
                picks = [_place(idx, n)]
                width = 2 if nxt in (*PICK_NOUNS, "one's", "one’s") else 1
            elif (
                w == "both"
                and not _subject_before(toks, i)
                and len(own := self._named_in_last_words()) == 2
                and self._free(i, 1)
            ):
                # 'finally watched La La Land and Whiplash', then 'both masterpieces': the two
                # films the user named, not two of the three picks shown after them
                for item_id in own:
                    self._add_item(i, self.vocab.catalog.get(item_id), from_reference=True)
                self._use(i, 1)
                i += 1
                continue
            elif (w == "both" and not _subject_before(toks, i)) or (
                w == "neither" and nxt in ("of", "one", "")
            ):
                picks = [0, 1]
                if w == "neither":
                    self.cues.append(Cue(i, "neg"))
            elif (
                w in ("all", "none", "each", "any")
                and nxt == "of"
                and nxt2 in ("them", "those", "these")
            ):
                picks, width = list(range(n)), 3
                if w == "none":
                    self.cues.append(Cue(i, "neg"))
                elif w == "any" and self._asks():
                    # 'any of these in French?', 'are any of them under 90 minutes?': a question
                    # about the picks, no verdict on them ('any of these is fine' takes them)
                    picks = []
            elif w == "all" and nxt in ("three", "two", "four", "five"):
                picks, width = list(range(n)), 2
            elif (
                w in ("that", "this")
                and nxt in ("one", "movie", "film", "pick", "title", "book")
                # ('after that one I need something lighter': the film just watched, no pick)
                and prev not in ("after", "before", "since", "following")
                # ('that one where the dad dresses up as a nanny': told apart by what follows)
                and not (w == "that" and nxt2 in ("where", "with", "about"))
            ):
                # the one the last answer was about ('tell me about the second one' -> "I'll
                # watch that one"), else the top pick
                said_of = [shown.index(x) for x in self.state.discussed if x in shown]
                praised = self._praised_before_these_picks()
                if not said_of and praised is not None and prev in ("like", "to", "as"):
                    # 'the animated one, yes' then 'more like that one': the film just liked,
                    # which the picks on the table were chosen after, not the top new pick
                    if self._free(i, 2):
                        self._add_item(i, praised, from_reference=True)
                        self._use(i, 2)
                    i += 2
                    continue
                picks, width = said_of[:1] or [0], 2
            elif w.isdecimal() and len(toks) == 1:
                picks = [int(w) - 1]
            if picks is not None and self._free(i, width):
                valid = [p for p in picks if 0 <= p < n]
                if len(valid) < len(picks):
                    self.notes.append(f"There were only {n} picks to refer to.")
                referred.update(valid)
                # 'neither' / 'none of them' are verdicts themselves: 'loved neither' rejects both
                verdict = "neg" if w in ("neither", "none") else None
                for p in valid:
                    item = self.vocab.catalog.get(shown[p])
                    self._add_item(i, item, from_reference=True, verdict=verdict)
                self._use(i, width)
                i += width
                continue
            i += 1

    def _own_list_told_of(self) -> list[str]:
        """The films the user's last message listed (in the order typed), when this message
        gives past verdicts by place ('the first two were great, the last one bored me') and
        that list had none: at least two films, each only seen, none liked or turned down, none
        a pick. [] otherwise, and for a question or a message that names the picks ('of
        these', 'your suggestions')."""
        state = self.state
        own = self._named_in_last_words()
        if len(own) < 2 or self._asks():
            return []
        if any(i in state.liked or i in state.disliked or i not in state.seen for i in own):
            return []
        words = self.syntax.words
        if not any(w.tag == "VBD" for w in words):
            return []  # 'the first one looks good': the picks just shown
        if any(t.text in ("these", "those", "picks", "suggestions", "recs") for t in self.toks):
            return []
        if any(t.text in _WATCHING_WORDS for t in self.toks):
            return []  # 'watched the first one last night': a pick, the list was seen before
        last = next(
            (t for t in reversed(state.said) if re.search(r"[^\W\d_]", normalize_chat(t))), ""
        )
        text = normalize_title(last.lower())

        def at(item_id: str) -> int:
            name = re.escape(normalize_title(self.vocab.catalog.get(item_id).title))
            m = re.search(rf"\b{name}\b", text)
            return m.start() if m else len(text)

        return sorted(own, key=at)

    def _named_in_last_words(self) -> list[str]:
        """The films the user's last message with words in it ('[sticker: crying cat]', '😭😭'
        have none) named by title and the state holds a verdict on, none of them a pick on the
        table; [] when a pick was chosen or asked about since."""
        state = self.state
        if any(i in state.last_shown for i in state.discussed):
            return []
        last = next(
            (t for t in reversed(state.said) if re.search(r"[^\W\d_]", normalize_chat(t))), None
        )
        if last is None:
            return []
        said = {"liked": state.liked, "disliked": state.disliked, "seen": state.seen}
        named = self._said_items_named(said, normalize_title(last.lower()))
        return [item_id for item_id in named if item_id not in state.last_shown]

    def _said_items_named(
        self, said: dict[str, tuple[str, ...]], text: str, *, before: str = ""
    ) -> dict[str, str]:
        """Item id -> its kind ('liked' / 'disliked' / 'seen', the keys of `said`) for the items
        whose normalised title `text` names as whole words (after the pattern `before`)."""
        out: dict[str, str] = {}
        for kind, ids in said.items():
            for item_id in ids:
                if item_id not in self.vocab.catalog:
                    continue
                name = re.escape(normalize_title(self.vocab.catalog.get(item_id).title))
                if re.search(rf"\b{before}{name}\b", text):
                    out[item_id] = kind
        return out

    def _title_cased(self, i: int, n: int) -> bool:
        """Tokens i..i+n are two words or more, each capitalised as typed (small joining words
        may stay lower case: 'Lord of War'), and the parse reads them as no place, date, event,
        group or nationality."""
        words = [t for t in self.toks[i : i + n] if t.text[:1].isalnum()]
        if len(words) < 2 or self.text.isupper():
            return False  # ('LIFE IS HARD': shouted, no title case)
        if any(not t.raw[:1].isupper() and t.text not in _GLUE_NO_AND for t in words):
            return False
        return not any(
            (w := self._word(k)) is not None
            and w.ent in ("GPE", "LOC", "DATE", "EVENT", "FAC", "NORP", "TIME")
            for k in range(i, i + n)
        )

    def _praised_before_these_picks(self) -> Item | None:
        """The film the user liked last, when it was a pick shown before the picks now on the
        table (so it was liked from the set before them); None otherwise."""
        if not self.state.liked:
            return None
        last = self.state.liked[-1]
        if last in self.state.last_shown or last not in self.state.shown:
            return None
        return self.vocab.catalog.get(last) if last in self.vocab.catalog else None

    def _asks(self) -> bool:
        """The message is a question: it has a question mark or opens with a question word or
        an auxiliary ('are any of these funny', 'which one is shortest')."""
        return "?" in self.text or (
            bool(self.toks)
            and self.toks[0].text
            in ("are", "is", "do", "does", "can", "could", "would", "will", "which", "what", "how")
        )

    def _references_without_picks(self) -> None:
        """'not the second one', 'is the last one gory?', 'number 2' before anything was shown:
        the words point at picks there are none of; they are read as such (no Second Act, no
        wish for anything) and the reply says so."""
        if any(i in self.vocab.catalog for i in self.state.last_shown):
            return
        toks = self.toks
        for i, tok in enumerate(toks):
            nxt = toks[i + 1].text if i + 1 < len(toks) else ""
            width = 0
            numbered = tok.text in ("#", "number", "option", "pick") and nxt.isdecimal()
            if numbered or (tok.text in ORDINALS and nxt in ("one", "ones", "pick", "option")):
                width = 2
            elif tok.text in ORDINALS and len(toks) <= 3:
                width = 1  # 'the second', 'second?'
            if width and self._free(i, width):
                self._use(i, width)
                self.no_picks_referred = True
                self.pickless.add(i)
                self.notes.append(_NO_PICKS_NOTE)

    def _described_reference(self, *, in_message: bool = False) -> None:
        """'more like the one with the shark', 'the one about the wedding': a film on the table
        or one the user liked, told apart by words of its synopsis, title or genres. Only when
        exactly one of them has the most of those words; the phrase is then no title ('The One')
        and no topic."""
        toks = self.toks
        for i in range(len(toks) - 2):
            if not (
                toks[i].text in ("the", "that")
                and toks[i + 1].text in ("one", "movie", "film")
                # ('the one on the island', 'the film set in space', 'the one that has a shark')
                and toks[i + 2].text in DESCRIBING_WORDS
                # (the first pass took 'the one' of a description it could not place)
                and (self._free(i, 3) or (in_message and self._free(i + 2, 1)))
                and not any(t.pos == i for t in self.targets)
            ):
                continue
            end = i + 3
            while end < len(toks) and toks[end].text not in CLAUSE_BREAK and not toks[end].used:
                end += 1
            words = [
                t.text
                for t in toks[i + 3 : end]
                if t.text.isalpha() and len(t.text) >= 3 and t.text not in FILLER_WORDS
            ]
            pool = dict.fromkeys([*self.state.last_shown, *reversed(self.state.liked)])
            items = [self.vocab.catalog.get(x) for x in pool if x in self.vocab.catalog]
            if in_message:
                # 'watched Jaws and Titanic; the one with the iceberg was a slog'
                items = self._titles_named_before(i)
                if len(items) < 2:
                    continue
            if toks[i + 1].raw[:1].islower():
                self._use(i, 2)  # whichever film it is, 'the one with ...' is no The One
            if not in_message and words and not items and self._film_described(i, end):
                self._use(i, end - i)
                continue
            if not words or not items:
                continue

            scores = sorted(((_hits(it, words), n) for n, it in enumerate(items)), reverse=True)
            if (
                not in_message
                and (scores[0][0] == 0 or (len(scores) > 1 and scores[1][0] == scores[0][0]))
                and self._film_described(i, end)
            ):
                self._use(i, end - i)
                continue
            if scores[0][0] == 0 or (len(scores) > 1 and scores[1][0] == scores[0][0]):
                if toks[i + 1].raw[:1].islower() and self.state.last_shown and not in_message:
                    # no pick (or several) fits the description: asked which one is meant,
                    # never the first pick by default nor a topic
                    self.vague_reference = True
                    self.notes.append(_WHICH_ONE_NOTE)
                    self._use(i, end - i)
                continue
            self._add_item(i, items[scores[0][1]], from_reference=True)
            self._use(i, end - i)

    def _film_described(self, i: int, end: int) -> bool:
        """Tokens i..end ('the one where the guy keeps reliving the same day', 'the movie with
        the scorpion jacket') describe one film the user watched or judged, which no pick and no
        liked film fits: a verdict, seen or 'like it' cue in the message, the phrase not set
        after a title it describes ('Drive, the one with ...'), no capitalised title run in it.
        Then nothing of it is stored and the reply asks for the title (the catalogue's
        synopses are too short to find a film from its plot: a word-overlap search placed 2 of
        17 such descriptions)."""
        toks = self.toks
        if toks[i + 1].raw[:1].isupper() or end - i < 5:
            return False
        if i > 0 and toks[i - 1].text in (",", "-", "–", "—", "(", ":"):
            return False  # 'I loved Drive, the one with the scorpion jacket': Drive's
        if not _JUDGED_OR_WATCHED.search(self.low) or _ASKED_FOR.search(self.low):
            # 'the movie with the highest rating', 'I want the one with great reviews': a
            # request (the cues are read later)
            return False
        if _title_case_run(toks[i + 3 : end]) >= 2:
            return False  # 'the one with Tom Hanks' is left to the person index
        self.described_unplaced = True
        self.notes.append(_DESCRIBED_NOTE)
        return True

    def _titles_named_before(self, k: int) -> list[Item]:
        """The items this message names before token k (in order, each once)."""
        found = sorted(
            (t for t in self.targets if t.kind == "item" and t.pos < k), key=lambda t: t.pos
        )
        return list({t.item.id: t.item for t in found if t.item is not None}.values())

    def _named_pick(self, *, in_message: bool = False) -> None:
        """'the Hitchcock one, is it in colour?', 'the French one', 'the heist one': one of the
        picks on the table told apart by a person, studio, series, kind or language of it (or a
        word of its synopsis) that no other pick has; the words are then no title (the film
        Hitchcock) and no wish. With `in_message` (after the title passes), one of the titles
        the message named before ('watched Jaws, Alien and Titanic; loved the shark one')."""
        toks = self.toks
        shown = [
            self.vocab.catalog.get(i) for i in self.state.last_shown if i in self.vocab.catalog
        ]
        if len(shown) < 2 and not in_message:
            return
        for i in range(len(toks) - 2):
            if toks[i].text != "the" or not self._free(i, 1):
                continue
            if in_message:
                shown = self._titles_named_before(i)
                if len(shown) < 2:
                    continue
            for n in (3, 2, 1):
                end = i + 1 + n
                if end >= len(toks) or toks[end].text not in _PICK_NOUNS:
                    continue
                words = [t.text for t in toks[i + 1 : end]]
                # (after the facet pass 'heist' of 'the heist one' is a facet target: still free)
                read_as_kind = {t.pos for t in self.targets if t.kind == "facet"}
                free = all(
                    not toks[k].used or (in_message and k in read_as_kind)
                    for k in range(i + 1, end + 1)
                )
                if not free or any(
                    w in ORDINALS or w in _NOT_TELLING or not w.isalpha() for w in words
                ):
                    continue
                facet = self.vocab.facet_terms.get(tuple(words))
                if facet is None and n == 1:
                    facet = self.vocab.context_surnames.get(words[0])
                fits = []
                if facet is not None:
                    fits = [it for it in shown if facet[1] in it.facet(facet[0])]
                if not fits:  # ('the shark one': no pick is marked so; Jaws' synopsis says it)
                    fits = [it for it in shown if _hits(it, words) == n]
                turned_down = i > 0 and toks[i - 1].text in ("not", "no", "skip", "without")
                if len(fits) == 1 or (
                    # 'not the mission impossible ones': each pick of that series goes
                    turned_down and facet is not None and 1 < len(fits) < len(shown)
                ):
                    for it in fits:
                        self._add_item(i, it, from_reference=True)
                    self.targets = [
                        t for t in self.targets if not (t.kind == "facet" and i < t.pos <= end)
                    ]
                    self._use(i, n + 2)
                    break

    def _quoted_titles(self) -> None:
        for m in re.finditer(r'"([^"]{1,120})"', self.low):
            inner = m.group(1)
            span = [k for k, t in enumerate(self.toks) if m.start(1) <= t.start < m.end(1)]
            quotes = [k for k, t in enumerate(self.toks) if t.start in (m.start(), m.end() - 1)]
            if not span:
                continue
            item = self._lookup(inner, cutoff=TITLE_CUTOFF - 6)
            raw = self.text[m.start(1) : m.end(1)] if len(self.low) == len(self.text) else inner
            if item is None:
                self.unknown.append(raw.strip())
            else:
                self._add_item(span[0], item)
            self._use(span[0], len(span))
            for k in quotes:
                self.toks[k].used = True

    def _year_after(self, j: int) -> tuple[int | None, int]:
        """A '(1999)' right after token j: (year, tokens to consume)."""
        w = self._words(j, 3)
        if len(w) == 3 and w[0] == "(" and w[1].isdecimal() and len(w[1]) == 4 and w[2] == ")":
            return int(w[1]), 3
        return None, 0

    def _run_on_titles(self) -> None:
        """'i loved the notebook dirty dancing and pretty woman', 'heat collateral and drive,
        hated all three': a list of three or more titles dictated or typed without commas,
        where the words before the last 'and' split exactly into catalogue titles (the fewest,
        longest ones) and a verdict or 'seen' is said in the sentence. Each member alone would
        be read as the start of a longer unknown name."""
        toks = self.toks
        words = [t.text for t in toks]
        for a, joiner in enumerate(words):
            if joiner not in ("and", "&", "or", "plus") or not 0 < a < len(toks) - 1:
                continue
            last = next(
                (n for n in range(self.vocab.max_title_tokens, 0, -1) if self._member(a + 1, n)),
                None,
            )
            if last is None or not self._free(a + 1, last):
                continue
            split: list[tuple[int, int]] | None = None
            for s in range(a - 2, -1, -1):
                if (
                    not _wordlike(words[s])
                    or not self._same_sentence(s, a)
                    or words[s] in (*PRONOUNS, "i", "we", "they", "he", "she", "my", "our")
                    # 'I want to watch Heat and Ronin': the list starts after the verb, no The
                    # Watch (2012)
                    or words[s] in WATCH_VERBS
                    or any(
                        (words[s],) in table for table in (SEEN_CUES, POSITIVE_CUES, NEGATIVE_CUES)
                    )
                ):
                    break  # 'we saw up coco and inside out': the list starts after the verb
                split = self._split_into_titles(s, a) or split
            if split is None or len(split) < 2:
                continue
            lo, hi = split[0][0], a + 1 + last
            while lo > 0 and self._same_sentence(lo - 1, a):
                lo -= 1
            while hi < len(toks) and self._same_sentence(hi, a):
                hi += 1
            said = words[lo:hi]
            if not any(
                tuple(said[j : j + len(p)]) == p
                for table in (SEEN_CUES, POSITIVE_CUES, NEGATIVE_CUES)
                for p in table
                for j in range(len(said))
            ):
                continue
            for i, n in (*split, (a + 1, last)):
                self._add_item(i, self._member_item(i, n))
                self._use(i, n)

    def _people_counted(self, i: int) -> bool:
        """Token i is a number word that counts people ('Seven of us on the sofa', 'four of
        them'), no title."""
        toks = self.toks
        return (
            toks[i].text in _NUMBER_WORDS
            and i + 2 < len(toks)
            and toks[i + 1].text == "of"
            and toks[i + 2].text in ("us", "them", "you", "my", "our", "the", "those")
        )

    def _member(self, i: int, n: int) -> bool:
        """Tokens i..i+n are free and exactly a catalogue title ('the notebook', 'aliens');
        never a lower-case fan noun ('a huge Elvis fan and Walk the Line')."""
        if i + n > len(self.toks) or not self._free(i, n):
            return False
        words = self._words(i, n)
        if n == 1 and words[0] in _FAN_NOUNS and not self.toks[i].raw[:1].isupper():
            return False
        if not all(_wordlike(w) for w in words) or words[-1] in ("the", "a", "an", "and"):
            return False
        key = normalize_title(" ".join(words))
        items = self.vocab.titles.get(key, [])
        if words[0] in ("the", "a", "an"):
            items = [it for it in items if it.title.lower().startswith(words[0] + " ")]
        return bool(items)

    def _member_item(self, i: int, n: int) -> Item:
        words = self._words(i, n)
        items = self.vocab.titles[normalize_title(" ".join(words))]
        if words[0] in ("the", "a", "an"):
            items = [it for it in items if it.title.lower().startswith(words[0] + " ")]
        else:
            bare = [it for it in items if normalize_title(it.title) == it.title.lower()]
            items = bare or items
        return self.vocab.best_item(items, None, self._prefer)

    def _split_into_titles(self, lo: int, hi: int) -> list[tuple[int, int]] | None:
        """Tokens lo..hi split into the fewest catalogue titles, as (start, length) pairs."""
        best: dict[int, list[tuple[int, int]] | None] = {hi: []}
        for i in range(hi - 1, lo - 1, -1):
            options = [
                [(i, n), *rest]
                for n in range(1, min(self.vocab.max_title_tokens, hi - i) + 1)
                if (rest := best.get(i + n)) is not None and self._member(i, n)
            ]
            best[i] = min(options, key=len) if options else None
        return best[lo]

    def _unknown_after_verdict(self) -> None:
        """'i loved the midnight lantern', 'we watched the silver harbor last week': a name of
        two to four words after 'the', right after a verb of verdict or viewing in the past and
        ending its clause, that the catalogue has neither as a title nor as a kind, person or
        part of a film ('i loved the sad ending', 'hated the car chases'): a film the
        catalogue lacks, reported and recorded nowhere (as a name typed in capitals is)."""
        toks = self.toks
        for v, tok in enumerate(toks[:-3]):
            if tok.text not in _PAST_VIEWING or toks[v + 1].text != "the":
                continue
            end = v + 2
            while (
                end < len(toks)
                and _wordlike(toks[end].text)
                and toks[end].text not in _NAME_ENDS
                and not (
                    toks[end].text == "last"
                    and end + 1 < len(toks)
                    and toks[end + 1].text in TIMES_AFTER_LAST
                )
            ):
                end += 1
            n = end - v - 2
            if not 2 <= n <= 4 or not self._free(v + 1, n + 1):
                continue
            words = self._words(v + 2, n)
            tags = [self._word(k) for k in range(v + 2, end)]
            if (
                any(
                    not w.isalpha() or w in NOT_A_FILM_NAME or w in NUMBER_WORDS or w in ORDINALS
                    for w in words
                )
                or any(t is None or t.pos not in ("NOUN", "PROPN", "ADJ") for t in tags)
                or (
                    tags[-1] is not None
                    and (tags[-1].pos == "ADJ" or tags[-1].tag in ("NNS", "NNPS"))
                )
                or any(
                    tuple(words[a:b]) in self.vocab.facet_terms
                    for a in range(n)
                    for b in range(a + 1, n + 1)
                )
                or " ".join(words) in {p.lower() for p in self.vocab.people}
            ):
                continue
            self.unknown.append(" ".join(t.raw for t in toks[v + 1 : end]))
            self._use(v + 1, n + 1)

    def _exact_titles(self) -> None:
        toks = self.toks
        i = 0
        while i < len(toks):
            found = False
            for n in range(min(self.vocab.max_title_tokens, len(toks) - i), 0, -1):
                if not self._free(i, n):
                    continue
                words = self._words(i, n)
                if not (_wordlike(words[0]) and _wordlike(words[-1])):
                    continue  # a title span starts and ends with a word, not ',' or '?'
                if (
                    n > 2
                    and words[-2] == ","
                    and words[-1] in ("the", "a", "an")
                    and i + n < len(toks)
                    and _wordlike(toks[i + n].text)
                ):
                    continue  # 'titanic, the notebook': the article opens the next title
                key = normalize_title(" ".join(words))
                if words[0] in ("the", "a", "an") and n > 1:
                    # 'a fan' is not the film 'Fan'; 'the matrix' is 'The Matrix'
                    same = (
                        self.vocab.titles.get(key)
                        or self.vocab.short_titles.get(key)
                        or self.vocab.prefix_titles.get(key)
                        or []
                    )
                    if not any(it.title.lower().startswith(words[0] + " ") for it in same):
                        continue
                items = self.vocab.titles.get(key) or self.vocab.prefix_titles.get(key)
                if (
                    items
                    and key not in self.vocab.titles
                    and len(words) == 2
                    and words[0] in ("my", "our", "his", "her", "your")
                    and words[1] in _SOMEONES
                ):
                    items = None  # 'My sister gave me a tip': no My Sister's Keeper
                owned = self._possessive_title(i, n, key)
                if not items and owned:
                    # "what's Coco's rating?", "Titanic's ending": the film whose thing it is
                    items, key = self.vocab.titles[owned], owned
                if not items and key in self.vocab.short_titles:
                    # 'Star Wars' alone is the first of them (Episode IV, 1977); 'oceans eleven'
                    # names films of one title (1960, 2001): the best known, as any shared title
                    shorts = self.vocab.short_titles[key]
                    if len({normalize_title(it.title) for it in shorts}) > 1:
                        items = sorted(shorts, key=lambda it: it.year or 9999)[:1]
                    else:
                        items = list(shorts)
                start = self._unknown_name_start(i, n) if items else None
                if start is not None:
                    # 'loved the velvet lighthouse': a longer name the catalogue does not have,
                    # reported (with its look-alikes) and recorded nowhere
                    self.unknown.append(" ".join(t.raw for t in toks[start : i + n]))
                    self._use(start, i + n - start)
                    i += n
                    found = True
                    break
                if not items or not (owned or self._title_plausible(i, n, key)):
                    continue
                if self._cuts_facet_term(i, n):
                    continue  # 'loved the star wars movies' is no The Star: the franchise
                if (
                    key not in self.vocab.titles
                    and key not in self.vocab.bare_keys
                    and not self._partial_title_said(i, n)
                ):
                    continue  # 'Friday night and I want ...' is no Friday Night Lights
                after = self.toks[i + n] if i + n < len(toks) else None
                if (
                    after
                    and not after.used
                    and after.raw[:1].isupper()
                    and after.text not in ("and", "or", "plus")
                    and after.text not in _I_PRONOUN  # 'Inception I've seen three times'
                ):
                    continue  # 'Toy Stroy': part of a longer capitalised run (fuzzy); not
                    # 'Heat And Ronin', where the joiner is capitalised as every word is
                counted = (
                    after is not None
                    and after.text.isdecimal()
                    and i + n + 1 < len(toks)
                    and toks[i + n + 1].text in _UNIT_WORDS
                )  # "I've seen Ronin 3 times": the film, then how often
                if (
                    toks[i].raw[:1].isupper()
                    and not counted
                    and _title_case_run(toks[i:], glue=_GLUE_INSIDE) > n
                    and not self._listed_before_verdict(i, n)  # 'Alien and Aliens, I love both'
                    and (i, n) not in self._capitalised_lists()  # 'Alien and Aliens: loved both'
                ):
                    continue  # 'Spirit of the Forgotten Harbour' is not 'The Spirit'
                if (
                    any(t.raw[:1].isupper() for t in toks[i : i + n])
                    and self._inside_title_run(i)
                    and not self._person_asked_in(i, n)  # 'is Tom Hanks in Big?'
                    # 'I loved Ryan Gosling in Drive': a film the person is in
                    and not (i >= 2 and toks[i - 1].text == "in" and self._a_person_ends_at(i - 2))
                ):
                    continue  # 'The Lives of Others' is not 'The Others'
                if (
                    after
                    and after.text.isdecimal()
                    and len(after.text) <= 2
                    and not any(c.isdigit() for c in key)
                    and not (
                        i + n + 1 < len(toks) and toks[i + n + 1].text in _UNIT_WORDS
                    )  # "seen alien 3 times": the film, then how often
                ):
                    continue  # 'Alien vs Predator 3': a sequel the catalogue may not have

                longer = self._typo_extends(i, n, key)
                if longer is not None:
                    self._add_item(i, longer)  # 'home alon' is Home Alone, not Home
                    self._use(i, n + 1)
                    i += n + 1
                    found = True
                    break
                year, extra = self._year_after(i + n)
                article = words[0] if words[0] in ("the", "a", "an") else self._article_over(i)
                items = _of_year(items, year)
                if article is None:
                    # 'Heat' is Heat (1995), not The Heat (2013), unless only the latter exists
                    # ('pride and prejudice' is also Pride & Prejudice (2005): '&' is 'and')
                    bare = [it for it in items if normalize_title(it.title) == _as_typed(it.title)]
                    items = bare or items
                else:
                    # 'the notebook' is The Notebook (2004), not Notebook (2018); so is 'the
                    # boring notebook' (the article before words that praise or pick a version)
                    said = [it for it in items if it.title.lower().startswith(article + " ")]
                    items = said or items
                best = self._series_mate(key, items) or self.vocab.best_item(
                    items, year, self._prefer
                )
                self._add_item(i, best)
                self._use(i, n + extra)
                if owned:
                    self._use(i + n, 1)  # "Titanic's ending": no topic 'ending'
                if not extra and not owned:
                    # 'lock stock and two smoking barells': the rest of the title, misspelt
                    extra = self._rest_of_title_typed(i + n, len(key.split()), best)
                    if not normalize_title(best.title).startswith(key):
                        extra = 0
                    self._use(i + n, extra)
                modifiers = self._cue_over_modifiers(i)
                if modifiers is not None:
                    self._use(modifiers, i - modifiers)  # 'the original matrix': no topic
                i += n + extra
                found = True
                break
            if not found:
                i += 1

    def _possessive_title(self, i: int, n: int, key: str) -> str:
        """The title key of a span typed with a possessive before a thing every film has
        ("Coco's rating", "titanic's ending", "Heat's director"): the possessor's key when it
        is a catalogue title, else ''."""
        last = self.toks[i + n - 1].text
        after = self.toks[i + n].text if i + n < len(self.toks) else ""
        if not re.search(r"\w['’]s$", last) or after not in _POSSESSED:
            return ""
        owner = key[:-2] if key.endswith(" s") else ""
        return owner if owner in self.vocab.titles else ""

    def _fragment_before_verdict(self, i: int, n: int) -> bool:
        """The span is a sentence of its own ('collateral?', 'inception.') and the next one
        opens with a verdict ('overrated imo', 'loved it', 'seen it', 'way too long')."""
        toks = self.toks
        if i > 0 and toks[i - 1].text not in CLAUSE_BREAK and toks[i - 1].text != "but":
            return False
        if i + n >= len(toks) - 1 or toks[i + n].text not in _FRAGMENT_ENDS:
            return False
        tail = tuple(t.text for t in toks[i + n + 1 : i + n + 5])
        if tail[:1] and tail[0] in ("a", "an", "some", "something", "more", "any", "anything"):
            return False  # 'robots. a fun one': what is wished for, no verdict
        skipped = 0
        while tail[:1] and (tail[0] in _DEGREE_WORDS or tail[0] in ("it", "was", "is")):
            tail = tail[1:]  # 'it was way too long'
            skipped += 1
        return (
            tail[:1] == ("too",)
            or any(
                tail[: len(p)] == p
                for table in (POSITIVE_CUES, NEGATIVE_CUES, SEEN_CUES, LUKEWARM_CUES, SHAKEN_CUES)
                for p in table
            )
            # 'Drive? no complaints at all'
            or negated_complaint_end(tail, 0) is not None
            # 'gravity: gorgeous', 'heat - a classic', 'troy: abysmal': the copula's verdicts
            # and the learned ones, said without the copula
            or (
                not skipped
                and (
                    copula_verdict([t.text for t in toks], i + n + 1) is not None
                    or self._learned_verdict(i + n + 1) is not None
                )
            )
        )

    def _judged_as_it(self, k: int) -> bool:
        """Tokens from k are a verdict verb on 'it' ('loved it', 'hated it', 'seen it twice',
        'couldn't finish it'): the fragment before it names something watched."""
        tail = tuple(t.text for t in self.toks[k : k + 5])
        if "it" not in tail[1:4]:
            return False
        verb = tail[: tail.index("it")]
        return any(
            verb == p or verb + ("it",) == p
            for table in (POSITIVE_CUES, NEGATIVE_CUES, SEEN_CUES, LUKEWARM_CUES)
            for p in table
        )

    def _rest_of_title_typed(self, k: int, said: int, item: Item) -> int:
        """How many tokens from k type the rest of `item`'s title after its first `said` words
        were matched ('lock stock' + 'and two smoking barells'), with typos: each word within
        one edit (two from six letters on); 0 when they do not."""
        from rapidfuzz.distance import DamerauLevenshtein

        words = normalize_title(item.title).split()
        if len(words) <= said:
            return 0
        rest = words[said:]
        toks = self.toks[k : k + len(rest)]
        if len(toks) < len(rest) or any(t.used for t in toks):
            return 0
        for t, w in zip(toks, rest, strict=True):
            allowed = 0 if len(w) < 4 else 1 if len(w) < 6 else 2
            if DamerauLevenshtein.distance(t.text, w) > allowed:
                return 0
        return len(rest)

    def _article_over(self, i: int) -> str | None:
        """'the' when it stands before one or two words that praise or pan a film right before
        token i ('hated the boring notebook', 'the hilarious hangover'), else None. Not words
        that pick a version: 'the original heat' may be the older film of the name."""
        k = self._before_modifiers(i, _PRAISE_WORDS)
        return "the" if k < i - 1 and k >= 0 and self.toks[k].text == "the" else None

    def _before_modifiers(self, i: int, words: frozenset[str]) -> int:
        """The token before the one or two `words` that stand right before token i (i - 1 when
        none do): where 'the' of 'the hilarious superbad' would be."""
        k = i - 1
        while k > i - 3 and k >= 0 and self.toks[k].text in words:
            k -= 1
        return k

    def _cue_over_modifiers(self, i: int) -> int | None:
        """'loved the original matrix', 'seen the hilarious superbad': a verdict, 'the', one or
        two words that pick a version or praise it (_NAME_MODIFIERS, praise cues), then the
        span at token i: what the verdict is on is the title. The first modifier's token, else
        None."""
        toks = self.toks
        k = self._before_modifiers(i, _VERSION_OR_PRAISE)
        said = (
            k < i - 1
            and k >= 1
            and toks[k].text == "the"
            and not toks[k].used
            and self._past_cue_before(k)
        )
        return k + 1 if said else None

    def _unknown_name_start(self, i: int, n: int) -> int | None:
        """A verdict's object 'the <word> <title>' where the word is no version, praise,
        degree, name or kind ('loved the velvet lighthouse', 'seen the crimson matrix'): the
        user named a longer title than the catalogue's; where 'the' stands, else None. Not
        'loved the original matrix', 'the amazing up', 'the pixar one', 'the 1999 matrix'."""
        toks = self.toks
        if toks[i].raw[:1].isupper() or i < 2:
            return None
        k = i - 1
        while k > i - 3 and k >= 0 and toks[k].text not in ("the", "a", "an"):
            k -= 1
        if k < 0 or k == i - 1 or toks[k].text != "the" or toks[k].used:
            return None
        if not (self._cue_before(k) or self._past_cue_before(k)):
            return None
        for j in range(k + 1, i):
            t, w = toks[j], toks[j].text
            if (
                t.used
                or not w.isalpha()
                or t.raw[:1].isupper()
                or w in _NAME_MODIFIERS
                or w in ORDINALS
                or w in COUNTRIES
                or w in _DEGREE_WORDS
                or w in TASTE_ADJECTIVES
                or (w,) in POSITIVE_CUES
                or (w,) in NEGATIVE_CUES
                or (w,) in LUKEWARM_CUES
                or self.vocab.facet_terms.get((w,)) is not None
                or self._everyday_word(w, j)
            ):
                return None
        if self._lookup(" ".join(t.text for t in toks[k : i + n])) is not None:
            return None  # a title of its own after all (a typo of one)
        return k

    def _cuts_facet_term(self, i: int, n: int) -> bool:
        """A facet term of several words starts inside tokens i..i+n and ends after them
        ('star' in 'star wars', 'science' in 'science fiction'): the span is part of that
        facet, never a title of its own."""
        longest = self.vocab.max_facet_tokens
        for j in range(i, i + n):
            for m in range(2, longest + 1):
                if (
                    i + n < j + m <= len(self.toks)
                    and tuple(self._words(j, m)) in self.vocab.facet_terms
                ):
                    return True
        return False

    def _typo_extends(self, i: int, n: int, key: str) -> Item | None:
        """The word after an exact title is no English word and, with it, the span is a typo
        of a longer title that starts with that one ('home alon' -> Home Alone, not Home;
        'toy story 3' stays exact): that longer title, else None."""
        if i + n >= len(self.toks):
            return None
        after = self.toks[i + n]
        if after.used or not after.text.isalpha() or len(after.text) < 3:
            return None
        if after.text in COMMON_WORDS or after.text in FILLER_WORDS or self._is_word(after.text):
            return None
        longer = self._lookup(f"{key} {after.text}")
        if longer is None or not normalize_title(longer.title).startswith(key + " "):
            return None
        return longer

    def _after_subject(self, i: int) -> bool:
        """Token i follows a subject pronoun, maybe with an adverb between ('i saw', 'we
        already saw', 'she just watched')."""
        k = i - 1
        if k >= 0 and self.toks[k].text in _SUBJECT_ADVERBS:
            k -= 1
        return k >= 0 and self.toks[k].text in _SUBJECTS

    def _held_by_the_state(self, key: str) -> bool:
        """A film of the title `key` is one the session holds as liked, disliked or seen."""
        held = {*self.state.liked, *self.state.disliked, *self.state.seen}
        return any(item.id in held for item in self.vocab.titles.get(key, ()))

    def _a_makers_name(self, key: str, i: int) -> bool:
        """The one word at token i is the name of a person with at least `_MAKER_FILMS` films in
        the catalogue ('Hitchcock': 8) as well as a film's title (Hitchcock, 2012): said without
        a film's mark (a year, 'the film', 'saw' / 'watched' before it), it is the person."""
        term = self.vocab.facet_terms.get((key,))
        if term is None or term[0] != "person":
            return False
        if self.vocab.person_films.get(term[1], 0) < _MAKER_FILMS:
            return False
        before = [t.text for t in self.toks[max(0, i - 2) : i]]
        if (
            before[-1:]
            and before[-1] in _FILM_MARKS
            or before in (["the", "film"], ["the", "movie"])
        ):
            return False
        return not (i + 1 < len(self.toks) and self.toks[i + 1].text in ("(", "film", "movie"))

    def _title_plausible(self, i: int, n: int, key: str) -> bool:
        from wordfreq import zipf_frequency

        words = key.split()
        first = self.toks[i]
        nxt = self.toks[i + n].text if i + n < len(self.toks) else ""
        year, _ = self._year_after(i + n)
        if year is not None and any(it.year == year for it in self.vocab.titles.get(key, ())):
            return True  # 'It (1990)', 'Up (2009)': a title with its own year in brackets
        prev_word = self.toks[i - 1].text if i > 0 else ""
        if (
            n == 1
            and words[0] in _YES_OR_NO
            and (i == 0 or prev_word in CLAUSE_BREAK)
            and (nxt == "" or nxt in _INTERJECTION_ENDS)
        ):
            return False  # 'Nope, not feeling those', 'nah.': an answer, not the film Nope
        if key in _DAYS and (prev_word in _BEFORE_A_DAY or words[0] in _BEFORE_A_DAY):
            return False  # 'never a Friday without a comedy', 'every Sunday': a day
        if self._contrast_ellipsis(i, n) and self._judged_before(i):
            return True  # "psycho was not for me, jaws was": set against a film judged before
        if self._meant_after_not(i, n):
            return True  # 'not Drive, sorry, Heat': the film meant, after the one taken back
        if first.raw[:1].isupper() and (i, n) in self._capitalised_lists():
            return True  # 'seen a lot of films, Heat, Drive, Crash...', 'Big, Elf and Home
            # Alone are our christmas favourites': capitalised titles listed, three or more
        if n == 1 and first.raw[:1].isupper() and self._persons_predicate(i + 1):
            return False  # 'Juno can't stand sci-fi', 'Matilda is 8': a friend, no film
        if (
            not first.raw[:1].isupper()
            and self._everyday_words(words)
            and (
                prev_word in POSSESSIVES
                or (words[0] in POSSESSIVES and key not in self.vocab.titles)
            )
        ):
            # 'Heat is my favourite, Ronin too': what is someone's is a noun of theirs, no The
            # Favourite, and no part of My Favorite Year ('loved my girl' still names My Girl)
            return False
        if (
            n == 2
            and words[0] in ("before", "after", "until", "till", "by", "past")
            and words[1] in _TIMES_OF_DAY
            and not first.raw[:1].isupper()
            and prev_word not in _NAMING_A_FILM
        ):
            # 'something I can finish before midnight', 'home by sunset': when, no Before
            # Midnight (2013); no typo of it either
            self.implausible.add((i, n))
            return False
        if n == 1 and self._a_makers_name(key, i):
            return False  # 'I like Hitchcock': the director, not the 2012 biopic
        if n == 1 and not first.raw[:1].isupper() and key in _FAN_NOUNS and i > 0:
            return False  # 'a huge Elvis fan', 'horror buffs': who likes it, no Fan (2016)
        if n == 1 and self._people_counted(i):
            return False  # 'Seven of us on the sofa': how many, no Seven (1979)
        if (
            n == 1
            and key in _YES_OR_NO
            and not first.raw[:1].isupper()
            and not self._cue_before(i)
            and not self._past_cue_before(i)
            # ('nope was great actually': the subject of a verdict is the film)
            and not (nxt in ("was", "is") and self._cue_after(i, n))
        ):
            return False  # 'the first two yes, Hook no': a verdict mark, no Yes (2004)
        apposed = self._apposed_version(i + n) if first.raw[:1].isupper() else 0
        if apposed:
            # 'Heat, the Michael Mann film': which film it is, said after it; the words of
            # the apposition say which version and are no wish of their own
            self._use(i + n, apposed)
            return True
        if first.raw[:1].isupper() and prev_word == "in" and self._a_person_ends_at(i - 2):
            return True  # 'Ryan Gosling in Drive', 'Meg Ryan in Sleepless in Seattle': the film
        if (
            words[0] in _DAYS
            and (nxt if n == 1 else words[1] if n == 2 else "") in _PARTS_OF_A_DAY
            and key not in self.vocab.titles
            # ('watch Saturday night?': the day and its part are no whole title even after a
            # cue; only the rest of the title typed makes them one)
            and (n == 2 or (not self._cue_before(i) and not self._past_cue_before(i)))
        ) or (n == 1 and key in _DAYS and nxt in _PARTS_OF_A_DAY):
            # 'poker Friday night', 'every Sunday morning': a time, no Friday (1995) and no
            # Friday Night Lights
            return False
        if prev_word == "in" and i >= 2 and self.toks[i - 2].text in _SETTING_VERBS:
            return False  # 'a thriller set in Manhattan', 'takes place in Chicago': the place
        if (
            n == 1
            and not first.raw[:1].isupper()
            and (
                prev_word in ("a", "an")
                or (i >= 2 and self.toks[i - 2].text in ("a", "an") and self._pos(i - 1) == "ADJ")
            )
        ):
            return False  # 'my neighbour is a real psycho': a noun with its article, no title
        if not first.raw[:1].isupper() and self._after_i_am(i) and self._everyday_words(words):
            return False  # 'im up', "we're home alone", 'i am big on thrillers': how one is
        if (
            n == 1
            and not first.raw[:1].isupper()
            and self._after_subject(i)
            and self._pos(i) in ("VERB", "AUX")
        ):
            return False  # 'the second i already saw': the verb, no Saw (2004)
        said_on = tuple(t.text for t in self.toks[i : i + n + 3])
        if any(
            len(p) > n and said_on[: len(p)] == p and p[:n] == said_on[:n]
            for table in (NEGATIVE_CUES, POSITIVE_CUES)
            for p in table
        ):
            return False  # 'the teen is fed up with both': the verdict, no Fed Up (2014)
        if (
            len(words) == 2
            and words[1] in ("movie", "film")
            and self.vocab.facet_terms.get((words[0],), ("", ""))[0] == "genre"
            and not self._cue_before(i)
            and not self._past_cue_before(i)
            and year is None
        ):
            return False  # 'Superhero movie for my 14 year old': the kind, no Superhero Movie
        if prev_word in _BEFORE_A_DAY and (
            words[0] in _DAY_WORDS
            and (n == 1 or (n == 2 and words[1] in _PARTS_OF_A_DAY | {"eve", "day", "weekend"}))
            # "it's Mother's Day", 'for Valentine's Day', "on New Year's Eve": a holiday
            or words[-1] in ("day", "eve")
            and 2 <= n <= 3
            and self.toks[i + n - 2].text.endswith("'s")
            or words in (["independence", "day"], ["christmas", "eve"], ["new", "year"])
        ):
            # "it's Friday, we're wiped out", 'on sunday', "it's christmas eve": a day, not the
            # film Friday (1995) or Christmas Eve (2015); no typo of it either
            self.implausible.add((i, n))
            return False
        if i >= 2 and [t.text for t in self.toks[i - 2 : i]] in _NAMED_AS_FILM:
            return key in self.vocab.titles  # 'what is the movie coco about': named as a film
        if self._same_again(i, n) or (
            self._not_as_seen(i, n) and key in self.vocab.titles and not _stop_word(words[0])
        ):
            # 'loved heat. ronin too': one more title with the last sentence's say; "not jaws,
            # i've seen it"
            return True
        if (
            self._taken_back_at(i) is not None or self._taken_off_at(i, i + n) is not None
        ) and self._held_by_the_state(key):
            return True  # 'hated cats', then 'I take back what I said about cats'
        if (
            n == 2
            and not first.raw[:1].isupper()
            and words[0] in _INTERJECTIONS
            and words[1] in _VOCATIVES
            and (i == 0 or prev_word in CLAUSE_BREAK)
            and nxt not in ("was", "is", "'s", "were", "has", "had")  # 'yes man was hilarious'
        ):
            return False  # 'yes man, more of that vibe', 'oh boy': said to the bot, no Yes Man
        if (
            self._held_by_the_state(key)
            and (i == 0 or prev_word in CLAUSE_BREAK)
            and i + n + 1 < len(self.toks)
            and (
                (nxt in ("i", "we") and self._pos(i + n + 1) in ("VERB", "AUX", "ADV"))
                # 'Hook, cross that one off', 'Titanic, scratch that': taken back
                or (nxt in (",", "-") and self.toks[i + n + 1].text in _TAKING_BACK)
            )
        ):
            return True  # 'Moon I only saw half of, take it off': a film the session holds,
            # put first as the object of what the user says of it
        if (
            self._held_by_the_state(key)
            and (i == 0 or prev_word in CLAUSE_BREAK)
            and nxt in (",", "-", ":")
            and self._closing_verdict(i + n + 1, everyday=False)
        ):
            # 'watched Arrival, Gravity and The Martian', then 'gravity 🥱' ('gravity , boring'):
            # a film the session holds, said again with a verdict after it
            return True
        if self._the_title_turned_down(i, n, key):
            return True  # 'not the notebook, too cheesy': The Notebook turned down
        if (
            self._fronted_object(i + n)
            and not (n == 1 and _stop_word(words[0]))
            and prev_word not in _FRONTING_NOT_AFTER
        ):
            return True  # 'ronin i couldnt stand', 'the notebook she hated': its verdict after
        if self._cue_over_modifiers(i) is not None and not (
            n == 1 and (words[0] in FILM_NOUNS or words[0] in PRONOUNS or words[0] in FILLER_WORDS)
        ):
            return True  # 'loved the original matrix', 'loved the hilarious superbad'
        if n == 1 and not first.raw[:1].isupper() and self._plain_noun_phrase(i):
            return False  # 'creepy slow dread is fine', 'a sense of dread': a noun, no Dread

        if (
            n == 1
            and not first.raw[:1].isupper()
            and i >= 2
            and [t.text for t in self.toks[i - 2 : i]] in (["fan", "of"], ["fans", "of"])
            and (w := self._word(i)) is not None
            and w.tag in ("NNS", "NNPS")
        ):
            return False  # 'not a fan of spiders': a kind of thing, no Spiders (2013)
        if (
            self._release_asked(i, n)
            or self._person_asked_in(i, n)
            or (self._compared(i, n) and not (n == 1 and words[0] in FILLER_WORDS))
        ) and not (n == 1 and words[0] in PRONOUNS):
            return True  # 'when did big come out', 'rocky or creed, which is better?': a title
        if (
            not first.raw[:1].isupper()
            and prev_word in ("was", "were", "am", "is", "are", "be", "been", "got", "get", "so")
            and _verdict_phrase(words)
        ):
            return False  # 'just watched Parasite and was blown away': praise, not Blown Away
        if (
            not first.raw[:1].isupper()
            and words[-1] in ("movie", "film", "movies", "films", "flick")
            and prev_word in ("a", "an", "another", "some", "any", "more", "other", "one")
        ):
            return False  # 'another superhero movie', 'a scary movie': a kind, no title
        if (
            not first.raw[:1].isupper()
            and prev_word == "to"
            and i >= 2
            and self.toks[i - 2].text in _INFINITIVE_HEADS
            and self._pos(i) in ("VERB", "AUX")
        ):
            return False  # 'i just need to get out this weekend': what the user wants to do
        if (
            i > 0
            and self.toks[i - 1].text == "the"
            and not self.toks[i - 1].used
            and not first.raw[:1].isupper()
            and self._everyday_words(words)
            and not any(
                it.title.lower().startswith("the ") for it in self.vocab.titles.get(key, ())
            )
            and not self._cue_before(i - 1)
            and not self._past_cue_before(i - 1)
        ):
            return False  # 'the traffic downtown was horrible' is no Traffic (2000)
        if (
            not first.raw[:1].isupper()
            and i + n < len(self.toks)
            and self.toks[i + n].text.isalpha()
            # 'loved frozen and toy story': a list of titles, not one longer name
            and not (
                self.toks[i + n].text in ("and", "or", "nor", "plus")
                and self._title_starts(i + n + 1)
            )
            and (self._cue_before(i) or self._past_cue_before(i))  # 'loved the island ...'
            and self._modifies_later_noun(i + n - 1, len(self.toks))
            and self._lookup_longer_fails(i, n)
        ):
            return False  # 'loved the island harbor chronicles': a word of an unknown name
        if self._attribute_span(i, n) and not any(
            normalize_title(it.title) == key for it in self.vocab.titles.get(key, ())
        ):
            return False  # 'an Eddie Murphy comedy' is no Eddie Murphy: Delirious
        if n == 1 and self._in_name_pair(i):
            return False  # 'no keanu reeves': one word of a person's name, not Keanu (2016)
        if nxt in ("with", "starring", "by") and self._named_with_its_person(i + n + 1, key):
            return True  # 'ghost with patrick swayze was so good': Ghost (1990), which he is in
        before = self.toks[i - 1] if i > 0 else None
        if (
            before is not None
            and not before.used
            and before.text.isalpha()
            and len(before.text) >= 4
            and zipf_frequency(before.text, "en") < 1.0
            and self._lookup(f"{before.text} {key}") is not None
        ):
            return False  # 'the shawshenk redemption': the end of a misspelt longer title
        on_table = set(self.state.last_shown)
        if (
            on_table
            and not first.raw[:1].isupper()
            and prev_word in ("into", "of")
            and self.vocab.facet_terms.get(tuple(words), ("", ""))[0] == "genre"
        ):
            # "i'm not into comedy", 'not a fan of romance' with The Comedy (2012) / Romance
            # (1999) among the picks: the kind of film, as these idioms say of kinds (the pick
            # was turned down and comedies stayed in); 'heat - loved it' is still the pick
            return False
        if (
            on_table
            and any(it.id in on_table for it in self.vocab.titles.get(key, ()))
            # not 'signs of alien life'
            and (i + n >= len(self.toks) or self._pos(i + n) not in ("NOUN", "PROPN"))
            # 'something like it' with It (2017) on the table: the pronoun
            and not (n == 1 and first.raw.islower() and first.text in PRONOUNS)
        ):
            return True  # 'heat - loved it' with Heat among the picks: that pick
        if self._topic_of_films(i):
            return False  # 'movies about the Wall Street crash': what the films are about
        if (
            not first.raw[:1].isupper()
            and words[-1] in TASTE_ADJECTIVES
            and nxt in ("about", "for", "on", "of", "with")
        ):
            return False  # 'my son is crazy about trains' is no Crazy (2000)
        if all(
            self.toks[k].text.isalpha()
            and not self.toks[k].raw[:1].isupper()
            and (when := self._word(k)) is not None
            and when.ent in ("DATE", "TIME")
            for k in range(i, i + n)
        ) and not (
            # 'hated the shining, it and halloween': a date word typed as a list's member
            prev_word in (",", "and", "or", "&", ";")
            and self._next_in_list(i)
            and nxt in END_OF_OBJECT
        ):
            # 'watched dune yesterday', 'saw heat last night': when, not the film Yesterday or
            # Last Night in Soho
            return False
        article = self.toks[i - 1].text if i > 0 else ""
        if article in ("a", "an") and not first.raw[:1].isupper():
            # 'hated heat, a comedy please' is no 'The Comedy'; 'a few good men' is A Few Good Men
            named = self.vocab.titles.get(key) or self.vocab.prefix_titles.get(key) or []
            if not any(it.title.lower().startswith(article + " ") for it in named):
                return False
        if all(w.isdecimal() for w in words):
            # '1917', '300', '2012' only right after a cue ('I really liked 1917'), never a year
            # or a length ('after 1990', '90 minutes')
            prev = self.toks[i - 1].text if i > 0 else ""
            # '1408 was genuinely creepy': a number no film was made in, as the subject of a
            # verdict, is a title ('2012 was a great year' stays a year)
            first_films = 1880
            subject = (
                (prev in CLAUSE_BREAK or prev in ("and", ""))
                and nxt in ("was", "is")
                and not first_films <= int(words[0]) <= self.vocab.latest_year + 2
            )
            # '1917 was stunning', '2012 was garbage': a film's verdict with no time in it
            # ('2012 was a great year', '1999 was the best summer' are years)
            said_of_a_film = (
                (prev in CLAUSE_BREAK or prev in ("and", ""))
                and nxt in ("was", "is")
                and self._verdict_without_time(i + n + 1)
                and (self._cue_after(i, n) or self._learned_verdict(i + n + 1) is not None)
            )
            return (
                (i > 0 and (self._cue_before(i, numeric=True) or self._next_in_list(i)))
                or self._before_listed_title(i, n)  # '1917 and dunkirk were both amazing'
                # 'seen 1917.' -> 'also 300.', '21 too': one more film added to the films the
                # last message judged (no number of minutes or years says only 'also' / 'too')
                or (self._added_to_last(i, n, key, words) and self._films_said_last())
                or subject
                or said_of_a_film
                or self._listed_under_both(i, n)  # '2046 and 1408 were both excellent'
            ) and (nxt not in ("s", "minutes", "mins", "min", "hours", "years", "year"))
        capitalised = first.raw[:1].isupper() or first.raw[:1].isdecimal()
        if (
            not capitalised
            and i >= 2
            and self.toks[i - 1].text in COPULAS
            and copula_verdict([t.text for t in self.toks], i) is not None
        ):
            return False  # 'Heat was wild, Drive was great': the verdict, no Wild (2016)
        if (
            words == ["once"]
            and not capitalised
            and i > 0
            and (self.toks[i - 1].used or self.toks[i - 1].text in ("it", "them", "that"))
        ):
            return False  # 'watched Avatar once, never again': how often, no Once (2006)
        if key in self.vocab.subtitle_keys and not capitalised:
            # 'loved temple of doom', 'raiders, temple of doom and last crusade': a subtitle in
            # lower case only as a title said so; not 'a movie about artificial intelligence'
            return (
                self._past_cue_before(i)
                or self._next_in_list(i)
                or self._before_listed_title(i, n)
                or self._listed_before_verdict(i, n)
                or self._cue_after(i, n)
            )
        if self._someones_name(i):
            return False  # 'my friend Amelia said ...': the friend's name, not Amelia (2009)
        if year is None and self._when_said(i):
            return False  # 'coming over on Friday', 'by Christmas': when, not the film
        if n == 1 and self._nationality(i) and year is None:
            # 'it mustn't be American', 'something British': where a film is from, not The
            # American (2010) ('I loved The American' types the article: the span opens there)
            return False
        if (
            n >= 2
            and words[0] in ("my", "our", "your", "his", "her", "their")
            and not capitalised
            and self._everyday_words(words[1:])
            and not (
                self._past_cue_before(i)
                or self._next_in_list(i)
                or self._before_listed_title(i, n)
                or self._listed_before_verdict(i, n)
            )
        ):
            return False  # 'my life is a mess this week', 'our house is a zoo': the user's own
        if first.text == "i" and not any(t.raw[:1].isupper() for t in self.toks[i + 1 : i + n]):
            # 'I am in my thirties' is no title 'I Am': the pronoun is always capitalised
            return n > 1 and (self._cue_before(i) or self._about_span(i, n))
        facet = self.vocab.facet_terms.get(tuple(self._words(i, n)))
        if (
            facet is not None
            and (
                not (capitalised and i > 0)
                or (
                    _names_its_genre(words, facet)
                    and self.vocab.genre_share.get(facet[1], 0.0) >= BROAD_GENRE_SHARE
                )
            )
            and not self._next_in_list(i)
            and not (capitalised and self._listed_before_verdict(i, n))
            and not self._same_series_named(key)
            and not self._contrast_ellipsis(i, n)
            # 'seen alien' -> 'aliens too': a film of the series the user just named
            and not (self._added_to_last(i, n, key, words) and self._series_of_state(key))
        ):
            # 'horror' is a genre; 'I loved Aliens', 'terminator 2 and aliens' titles, and so
            # is a capitalised list a verdict closes ('Alien and Aliens, I love both')
            return False
        if facet is not None and facet[0] in NAMED_FACETS and self._attribute_context(i, n):
            return False  # 'a Hitchcock movie' is the director, not the 2012 biopic
        if self._franchise_at(i, n) is not None:
            return False  # 'the Toy Story movies', 'no more Toy Story': the franchise
        if not capitalised and (nxt in KIND_NOUNS or nxt == "story"):
            return False  # 'a road trip movie', 'not a princess one': a kind of film
        if n == 1 and not capitalised and self._modifies_next_noun(i):
            return False  # 'not alien invasion', 'no zombie apocalypse stuff': a kind of story
        if (
            n == 1
            and not capitalised
            and words[0] in KIND_NOUNS | {"stuff"}
            # (the constraint pass has blanked the decade out of the tokens: the message's text)
            and re.search(r"\b'?(?:19|20)?\d0'?s\s*$", self.text[: first.start].lower())
        ):
            return False  # '80s stuff is boring': the decade's films, no The Stuff (1985)
        if self._closed_by_yes_or_no(i, n) and (capitalised or not self._everyday_words(words)):
            return True  # 'Titanic no, too much crying. Forrest Gump yes': a verdict per title
        if self._bracketed_verdict(i + n):
            return True  # 'toy story 3 (loved it), cars 2 (hated it)': a score said after it
        if self._listed_subject_of_verdict(i, n) and (
            capitalised or n >= 2 or words[0] in self.vocab.titles
        ):
            return True  # 'the dark knight and heat are my favs': a list the verdict is of
        if (
            i >= 2
            and self.toks[i - 1].text in ("and", "&", "n")
            and nxt in ("are", "were", "r")
            and any(
                t.kind == "item"
                and t.item is not None
                and all(x.used for x in self.toks[t.pos : i - 1])
                and self._listed_subject_of_verdict(t.pos, i - 1 - t.pos)
                for t in self.targets
                if t.pos < i - 1
            )
        ):
            return True  # 'room and wild were too depressing': the second of the two
        if self._listed_run(i, n):
            return True  # 'heat. ronin. collateral. all loved.', 'loved collateral - drive - heat'
        if self._named_again(i, n, key):
            return True  # 'big, her and signs - seen them all, liked her the most'
        if self._after_favourites(i):
            return True  # 'my favourite movies are the dark knight and ...', 'fav movies the ...'
        if not capitalised and self._opens_verdict_clause(
            i, n, words, distinctive=not self._everyday_words(words)
        ):
            return True  # 'superbad had me in stitches', 'life is beautiful wrecked me'
        if (
            n > 1
            and not capitalised
            and self._everyday_phrase(words, i, n)
            and not self._before_listed_title(i, n)
            and not self._opens_verdict_clause(i, n, words)  # 'life is beautiful wrecked me'
            # 'jaws / close encounters / e.t. - loved every one': a later member of a list of
            # films found that a verdict closes
            and not (self._next_in_list(i) and self._listed_before_verdict(i, n))
        ):
            return False  # "I'm home alone this weekend" is not the film Home Alone
        if (
            n == 1
            and not capitalised
            and (words[0] in WATCH_VERBS or (words[0],) in SEEN_CUES)
            and not self._past_cue_before(i)
            and self._pos(i) in ("VERB", "AUX")
            and nxt not in END_OF_OBJECT
            and nxt not in ("was", "is", "and", "or", ",")
        ):
            return False  # 'saw heat and ronin': the verb, not the film Saw
        if (
            n == 1
            and not capitalised
            and all(not t.text.isalnum() for k, t in enumerate(self.toks) if k != i)
            and key in self.vocab.titles
            and words[0] not in SMALL_TALK
            and words[0] not in FILLER_WORDS
            and words[0] not in PRONOUNS
            and words[0] not in _MORE_WORDS
            and not _verdict_phrase(words)
        ):
            return True  # 'up' or 'heat' as the whole message (what did you like?): the film
        if self._added_to_last(i, n, key, words):
            return True  # 'seen heat' -> 'and ronin', 'the room too': one more film named
        if self._bare_title_list(i, n):
            return True  # 'ratatouille and coco', 'also up, cars and coco': nothing but titles
        if self._listed_under_both(i, n):
            return True  # 'cars and up were both boring', '2046 and 1408, both excellent'
        if self._paired_verdicts(i, n):
            return True  # 'Signs underrated, Speed fun, Drive gorgeous': a list of verdicts
        if n == 1 and not capitalised and self._everyday_word(words[0], i):
            # 'what should I watch next?' is not the film 'Next'; 'i loved heat' is Heat
            # 'but us was kinda boring', 'but up was meh': a word that cannot be a subject, as
            # the subject of a verdict, is the film's name
            prev = self.toks[i - 1].text if i > 0 else ""
            # 'us by jordan peele was so good', 'big with tom hanks is a classic': the credit
            # between the word and its verdict names who made or played in it
            credited = self._after_credit(i + n)
            told = self.toks[credited].text if credited < len(self.toks) else ""
            misused = (
                words[0] not in SUBJECT_WORDS
                # 'traffic was awful, need something light': the user's day, no Traffic (2000)
                and words[0] not in USERS_DAY
                # 'we both thought cars was boring': what one thought is a clause of its own
                and (prev in CLAUSE_BREAK or prev in ("and", "but", "", *_OPINION_VERBS))
                and (
                    (
                        (told in ("was", "is") or told in DENIED_COPULAS)
                        and self._cue_after(i, credited - i)
                    )
                    # 'room was too sad, wild too': a film's quality complained of
                    or (told in ("was", "is") and self._too_of_a_film(credited + 1))
                    # 'signs freaked me out', 'her made me cry': a word that is no pronoun
                    # a sentence opens with, as the subject of a verdict on what it did
                    or (
                        credited == i + n < len(self.toks)
                        and self._pos(i + n) in ("VERB", "AUX")
                        and self._verdict_at(i + n)
                        and any("me" in p or p in EFFECT_PHRASES for p in self._verdicts_at(i + n))
                    )
                    # 'taken slaps', 'heat goes hard': a verdict verb closing the clause;
                    # '..., frozen not so much', '..., cars meh': a verdict of its own
                    or (
                        credited == i + n
                        and words[0] not in USERS_DAY
                        and (
                            self._subject_verdict_at(i + n)
                            or self._closing_verdict(i + n, everyday=True)
                        )
                    )
                )
            )
            if not (
                self._past_cue_before(i)
                or self._next_in_list(i)
                or self._before_listed_title(i, n)
                or self._asked_about(i, n)  # 'how long is heat', 'is up scary?'
                or self._excluded_title(i, n)  # 'a shark movie that isnt jaws'
                or misused
                # 'loved alien but not aliens', 'alien and aliens', 'aliens was too much': a film
                # of the series the message names ('alien, something with aliens' is the kind)
                or (
                    self._same_series_named(key)
                    and (
                        prev in ("not", "and", "or", "than", ",", "vs", "&")
                        or nxt in ("was", "is", "too", "as")
                    )
                )
                or (words[0] not in self.vocab.plain_words and self._second_after_cue(i))
                # 'not elf either', 'no heat either': one more title turned down like the last
                or self._turned_down_too(i, n)
                or self._one_more_too(i, n, words)  # 'room was too sad, wild too'
                or self._not_as_seen(i, n)
                # 'gravity? overrated tbh': a word said alone, then judged (not 'seriously?')
                or (
                    self._fragment_before_verdict(i, n)
                    and not any(w in FILLER_WORDS | SMALL_TALK | set(PRONOUNS) for w in words)
                    and (
                        all(zipf_frequency(w, "en") < BARE_NOUN_TITLE_MAX_ZIPF for w in words)
                        # 'heat - loved it', 'drive: seen it twice': the verdict takes the word
                        # back as its object, so it names something watched
                        or (words[0] not in USERS_DAY and self._judged_as_it(i + n + 1))
                    )
                )
                # 'recommend a thriller, not drive though': a film left out after the request
                or self._refused_after_a_request(i, n)
            ):
                return False
            if misused or self._turned_down_too(i, n) or self._not_as_seen(i, n):
                return True
            if self._refused_after_a_request(i, n):
                return True
            if self._pos(i) in ("NOUN", "PROPN"):
                return True
            after = self._word(i + 1) if i + 1 < len(self.toks) else None
            if (
                prev in ("watched", "saw", "seen", "rewatched", "finished")
                and words[0] not in PRONOUNS
                and words[0] not in _NOT_WATCHED_TITLES
                and (
                    nxt in END_OF_OBJECT
                    or nxt == "with"
                    or (after is not None and after.ent in ("DATE", "TIME"))
                )
            ):
                return True  # 'watched up yesterday, loved it': what was watched is a film
            if (
                self._before_listed_title(i, n)
                and (prev in CLAUSE_BREAK or prev in ("also", "plus", "and", ""))
                and words[0] not in FILLER_WORDS
                and words[0] not in SMALL_TALK
            ):
                return True  # 'also up, ratatouille and coco': the first title of a list
            prev = self.toks[i - 1].text if i > 0 else ""
            if self._asked_who(i) and words[0] not in FILLER_WORDS | SMALL_TALK | set(PRONOUNS):
                return True  # 'who stars in up', "who's in heat"
            if (
                self._asked_about(i, n)
                and prev in ("is", "was", "did", "does")
                and words[0] not in FILLER_WORDS
                and words[0] not in SMALL_TALK
                and self._pos(i) in ("ADV", "ADP", "ADJ", "VERB")
            ):
                return True  # 'how long is up', 'is frozen scary?'
            if (
                self._next_in_list(i)
                and nxt in END_OF_OBJECT
                and words[0] not in FILLER_WORDS
                and (
                    self._pos(i) in ("ADV", "ADP", "ADJ", "VERB")
                    # 'loved get out, us and split': a pronoun no list of films goes on with
                    or (self._pos(i) == "PRON" and words[0] not in _LIST_PRONOUNS)
                    # 'hated the shining, it and halloween': one between two titles found
                    or (self._pos(i) == "PRON" and self._before_listed_title(i, n))
                )
            ):
                return True  # 'loved shrek 2, toy story 3 and up': the list's last title
            if prev in ("what's", "whats", "how's", "hows"):
                return False  # "what's next?", 'whats new': the idiom asks for films
            # an adjective or participle as the whole object of 'hated' is a title ('hated
            # frozen but loved moana'); one before a noun is not ('loved dark comedies')
            # nor is a particle the object of a verdict ('hated up, loved coco' is Up)
            verdict = prev in ("loved", "liked", "hated", "adored", "enjoyed", "loves", "likes")
            verdict = verdict or prev in ("hates", "adores", "enjoys")
            # 'the kids like up and wall-e': the first of two titles a verdict governs
            verdict = verdict or (prev in ("like", "love") and self._before_listed_title(i, n))
            # 'huge fan of up and coco': what one is a fan of is the verdict's object too
            fan_of = prev == "of" and i >= 2 and self.toks[i - 2].text in ("fan", "fans")
            verdict = verdict or fan_of
            pos = ("ADJ", "VERB", "ADV", "ADP") if verdict else ("ADJ", "VERB")
            # 'i did enjoy memento', "i didn't hate gravity": the same past verdict
            pprev = self.toks[i - 2].text if i >= 2 else ""
            past = prev in ("loved", "liked", "hated", "adored", "enjoyed") or (
                prev in ("enjoy", "like", "love", "hate", "dislike")
                and pprev in ("did", "didn't", "didnt", "not", "never")
            )
            if (
                past
                and n == 1
                and (word := self._word(i)) is not None
                # (the parse tags a rare noun as a pronoun: 'elf' PRP)
                and (word.tag in ("NN", "NNP") or word.pos == "PRON")
                and not _stop_word(words[0])
                # not a word everyone uses daily ('loved water', 'hated work': zipf >= 4.5)
                and zipf_frequency(words[0], "en") < BARE_NOUN_TITLE_MAX_ZIPF
                and words[0] not in FILLER_WORDS
                and words[0] not in SMALL_TALK
            ):
                # 'i loved elf', 'hated heat': a bare singular noun as the whole object of a
                # past verdict names one thing watched ('loved dogs' is a kind, plural)
                pos = (*pos, "NOUN", "PROPN", "PRON")
            if nxt in ("were", "are", "both", "r") and self._next_in_list(i):
                return True  # 'monsters, inc. and up were great': the last of a list judged
            return self._pos(i) in pos and nxt in END_OF_OBJECT
        if self._next_in_list(i):
            return True  # 'I've watched Titanic, Avatar and Aliens', 'loved Se7en and zodiac'
        plain = all(w in self.vocab.plain_words for w in words)
        if not plain and (n > 1 or len(words[0]) >= 4) and not (i == 0 and capitalised):
            # a distinctive single word typed in lower case inside a longer phrase may be a topic
            return (
                capitalised
                # not 'the cabin': the article is no second word; not 'gore is fine, bring it
                # on': an order said as a clause of its own is the user's, no title
                or (len(words) > 1 and not self._own_imperative(i, n))
                or len(self.toks) <= 2
                or self._cue_before(i)
                or self._past_cue_before(i)  # 'my favorite movies are jaws and alien'
                or self._about_span(i, n)
                or self._second_after_cue(i)  # 'my kids like up and wall-e'
                or self._opens_verdict_clause(i, n, words, distinctive=True)
                or self._fragment_before_verdict(i, n)  # 'collateral? overrated imo'
                or self._refused_alone(i, n)  # 'no horror, and not the notebook'
                # 'interstellar and the dark knigth are my top 2': a list a verdict closes
                or (
                    i == 0
                    and (
                        self._listed_before_verdict(i, n)
                        or (
                            i + n < len(self.toks)
                            and self.toks[i + n].text in (",", "and", "&")
                            and self._verdict_closes_list(i + n)
                        )
                    )
                )
                # 'creed was fine, rambo nah': a verdict closing the clause the word opens
                or (
                    (i == 0 or self.toks[i - 1].text in CLAUSE_OPENERS)
                    and self._closing_verdict(i + n, everyday=False)
                )
            )
        if not capitalised:
            # lower case needs the sentence to be about it: 'how long is interstellar', 'die
            # hard and predator are my favourites', 'loved get out'
            return (
                self._about_span(i, n)
                or self._past_cue_before(i)
                # '..., rambo kinda meh': a verdict closing the clause the title opens
                or (
                    i > 0
                    and self.toks[i - 1].text in CLAUSE_OPENERS
                    and self.toks[i - 1].text not in ("and", "so", "then")
                    and not self._everyday_words(words)
                    and self._closing_verdict(i + n, everyday=False)
                )
                # 'life is beautiful wrecked me', 'memento bored me to death'
                or self._opens_verdict_clause(
                    i, n, words, distinctive=not self._everyday_words(words)
                )
                or self._fragment_before_verdict(i, n)  # 'memento. loved it'
            )
        starts_sentence = i > 0 and (
            self.toks[i - 1].text in ("!", "?")
            or (self.toks[i - 1].text == "." and not self._abbreviation_dot(i - 1))
        )
        if starts_sentence and all(w in FILLER_WORDS or w in SMALL_TALK for w in words):
            return False  # 'I loved Jaws. It was great.': the pronoun, not the film It
        if i == 0:  # every sentence starts with a capital: need more evidence
            if all(w in FILLER_WORDS or w in SMALL_TALK for w in words):
                # 'Yes, I have seen it' is not the film 'Yes'; 'Big was great, nothing too
                # long' is the film Big: a capitalised word, no pronoun, judged right after
                return len(self.toks) <= n or (
                    n == 1
                    and first.raw[:1].isupper()
                    and words[0] not in PRONOUNS
                    and words[0] not in _YES_OR_NO
                    and words[0] != "they"
                    and (nxt in COPULAS or nxt in DENIED_COPULAS)
                    and self._cue_after(i, n)
                )
            if self._everyday_words(words):
                # 'Next please', 'Seven of us are watching', 'Home alone this weekend': an
                # everyday word opening a sentence is that word unless the message is the title,
                # it opens a list of titles or is said to be good or bad ('Heat was great')
                return (
                    len(self.toks) <= n
                    or (nxt in ("?", "!", ".") and len(self.toks) == n + 1)
                    # 'Die Hard is a Christmas movie', 'Fight Club is a cult classic': every
                    # word capitalised as a title is, the subject of 'is' / 'was' (not a place
                    # or a day: 'New York is lovely', 'Black Friday is coming')
                    or (nxt in ("is", "was") and self._title_cased(i, n))
                    # 'Little Women, the Greta Gerwig one': the version said after the title
                    or (
                        nxt in (",", "-", "–", "—")
                        and self._title_cased(i, n)
                        and re.match(
                            r"the\s+(?:[\w'.-]+\s+){0,3}(?:one|version|remake|original)\b",
                            " ".join(t.text for t in self.toks[i + n + 1 : i + n + 7]),
                        )
                        is not None
                    )
                    or self._before_listed_title(i, n)
                    or self._listed_before_verdict(i, n)  # 'Alien and Aliens, I love both'
                    or self._listed_run(i, n)  # 'Heat + Ronin + Collateral = perfect'
                    or ((nxt in COPULAS or nxt in DENIED_COPULAS) and self._cue_after(i, n))
                    # 'Speed rocks', 'Heat sucks, Ronin too': typed as a title, judged by a verb
                    or (
                        first.raw[:1].isupper()
                        and not self.text.isupper()
                        and self._verb_verdict_closes(i + n)
                    )
                    or self._capitalised_fragment_judged(i, n)  # 'Heat - magnificent'
                    # 'Heat never disappoints, I rewatch it', 'Heat never impressed me and ...'
                    or (first.raw[:1].isupper() and self._denied_after(i + n))
                    # 'Up was too sad', 'Heat was way too long': a film's quality complained of
                    or (nxt in COPULAS and self._too_of_a_film(i + n + 1))
                    or self._watched_clause_after(i, n)  # "Heat, which I haven't seen, ..."
                    or self._numbered_subject(words, i, n)  # 'Toy Story 3 made me cry'
                    # 'City of God blew me away': the subject of a verdict said right after it
                    or (self._subject_of_clause(i, n) and self._verdict_at(i + n))
                    # 'Up made me cry', 'Signs freaked me out': what it did to the user (the
                    # parse may read the word as a particle, not the subject)
                    or (
                        i + n < len(self.toks)
                        and self._pos(i + n) in ("VERB", "AUX")
                        and words[0] not in SUBJECT_WORDS
                        and any("me" in p or p in EFFECT_PHRASES for p in self._verdicts_at(i + n))
                    )
                )
            return (
                len(self.toks) <= n + 1
                or nxt in (",", "and", "or", "was", "is", "were")
                # 'Pulp Fiction knocked my socks off': a distinctive name as the subject
                or self._subject_of_clause(i, n)
                or self._fragment_before_verdict(i, n)  # 'Troy: abysmal'
                or self._opens_verdict_clause(i, n, words)  # 'Manchester by the Sea wrecked me'
                # 'Jaws rules but Jaws 2 was awful': a verdict verb closing the clause it opens
                or self._subject_verdict_at(i + n)
            )
        prev = self.toks[i - 1].text
        if self._everyday_words(words) and not self._past_cue_before(i):
            # 'a story about Love and Loss', 'where the Heat is on': capitals alone do not make
            # everyday words a title; a verb of liking or watching, a list of titles, a
            # question or a verdict does
            return (
                bool(
                    re.search(
                        r"\b(like|love|liked|loved|enjoy|enjoyed|hate|hated|watch|watching|"
                        r"rewatched|adored?|disliked?|despised?|detest(?:ed)?|"
                        r"(?:can't|cant|cannot|couldn't|couldnt) stand|"
                        # 'couldn't even finish Cats', 'sit through Cats', 'worst film ever:
                        # Cats': a capitalised word as the object of watching is the film
                        r"finish|finished|sit through|sat through|get through|got through|"
                        r"watched|rewatch|rewatching|walked out of|turned off|recommend|"
                        r"(?:movie|film|ever|year|week) :|"
                        r"similar to|such as|"
                        r"lines of|vein of|style of|as good as|better than|reminds me of|"
                        r"called|titled|named|fan of|fans of|"
                        # 'the prequel to The Dark Knight', 'the one after The Two Towers'
                        r"(?:sequel|prequel) (?:to|of)|(?:one|film|movie|part|comes|came) "
                        r"(?:after|before))$",
                        " ".join(t.text for t in self.toks[max(0, i - 3) : i]),
                    )
                )
                or self._negated_complaint_before(i)  # 'no complaints about Drive'
                or len(self.toks) <= n + 1
                # 'no Love Actually', 'not Home Alone again': a title-cased name turned down
                # ('not Up, not Coco': one capitalised word after a 'not' opening its clause)
                or (
                    prev in ("no", "not")
                    and (
                        self._title_cased(i, n)
                        or (
                            n == 1
                            and self.toks[i].raw[:1].isupper()
                            and (i == 1 or self.toks[i - 2].text in (",", ".", ";", "!", "?"))
                        )
                    )
                )
                or self._next_in_list(i)
                or self._before_listed_title(i, n)
                or self._capitalised_fragment_judged(i, n)  # 'ok so Heat - magnificent'
                or self._contrast_ellipsis(i, n)  # "Titanic wasn't for me, but Ghost was"
                # 'Heat was great, and Up made me bawl': a capitalised everyday title opening a
                # clause of its own, judged or said to have moved the user right after it
                or (
                    self.toks[i].raw[:1].isupper()
                    and not self.text.isupper()
                    and prev in (",", "and", "but", ";", "&")
                    and i + n < len(self.toks)
                    and self._pos(i + n) in ("VERB", "AUX")
                    and any(
                        "me" in p or p in EFFECT_PHRASES or p in POSITIVE_CUES or p in NEGATIVE_CUES
                        for p in self._verdicts_at(i + n)
                    )
                )
                or self._asked_about(i, n)  # "what's the rating of Get Out?"
                # 'Jaws 🔥🔥, Speed 👍👍' ('Jaws, great; Speed, amazing'): a capitalised
                # entry graded as the films before it were
                or (
                    prev in (";", ".", "!", "?", ",")
                    and first.raw[:1].isupper()
                    and nxt in (",", "-", ":")
                    and any(t.kind == "item" for t in self.targets)
                    and self._closing_verdict(i + n + 1, everyday=False)
                )
                # 'Lucy was great fun, Taken too', 'loved Lost in Translation, oh and Her too':
                # a capitalised entry that takes the verdict of the film before it
                or (
                    prev in (",", "and", "&", "plus")
                    and first.raw[:1].isupper()
                    and nxt in ("too", "also")
                    and (
                        i + n + 1 >= len(self.toks)
                        or self.toks[i + n + 1].text in (*CLAUSE_BREAK, "lol", "tbh", "honestly")
                    )
                    and any(t.kind == "item" for t in self.targets)
                )
                or prev in ("is", "was", "did", "does", "has", "how", "what's", "whats")
                or (
                    (nxt in ("looks", "sounds") or nxt in COPULAS or nxt in DENIED_COPULAS)
                    and self._cue_after(i, n)
                )
                # '..., but Gravity left me cold': the subject of a verdict said right after it
                or (
                    prev in CLAUSE_OPENERS
                    and self._subject_of_clause(i, n)
                    and self._verdict_at(i + n)
                    # ('... but Dave hated Big': a person hates, a film does not)
                    and not (n == 1 and self._subject_of_a_person(i))
                )
                # '... but Gravity was too slow for them': a film's quality complained of, the
                # word capitalised after a clause opener ('but the heat was too much' stays)
                or (
                    prev in CLAUSE_OPENERS
                    and self.toks[i].raw[:1].isupper()
                    and nxt in COPULAS
                    and self._too_of_a_film(i + n + 1)
                )
            )
        return (
            self._cue_before(i)
            or len(self.toks) <= n + 1
            or nxt in (",", "and", "or")
            or prev in ("is", "was", "did", "does", "has", "how", "what's", "whats")
            # 'is Alien a horror film?', "what's Memento about?"
            or nxt in ("was", "is", "were", "looks", "sounds")  # 'Gravity was stunning'
            # 'honestly Pulp Fiction blew me away' ('and Rocky wants a western' is a friend)
            or (self._subject_of_clause(i, n) and not (n == 1 and self._subject_of_a_person(i)))
            or self._asked_who(i)  # "who's in Oppenheimer?" (a name that is also a person's)
        )

    def _judged_among_films(self) -> None:
        """A lower-case word that is the whole object of a verdict cue ('not into split tho',
        'hated traffic') in a message that names two or more catalogue films elsewhere: among
        films, a word a verdict is said of is one more film (run after the cues are found)."""
        films = {t.item.id for t in self.targets if t.kind == "item" and t.item is not None}
        if len(films) < 2:
            return
        for c in list(self.cues):
            k = c.end
            if c.kind not in ("pos", "neg") or k >= len(self.toks) or self.toks[k].used:
                continue
            tok = self.toks[k]
            nxt = self.toks[k + 1].text if k + 1 < len(self.toks) else ""
            if nxt not in END_OF_OBJECT and nxt not in ("tho", "though", "either", "really"):
                continue
            items = self.vocab.titles.get(tok.text)
            if (
                not items
                or not tok.text.isalpha()
                or _stop_word(tok.text)
                or tok.text in FILLER_WORDS
                or tok.text in PRONOUNS
                or any(t.pos == k for t in self.targets)
            ):
                continue
            bare = [it for it in items if normalize_title(it.title) == _as_typed(it.title)]
            self._add_item(k, self.vocab.best_item(bare or items, None, self._prefer))
            self._use(k, 1)

    def _own_imperative(self, i: int, n: int) -> bool:
        """The lower-case span opens a clause of its own with a verb in its base form ('..., bring
        it on', '..., get over it'), and no film is named before it nor a cue said of it: an
        order or idiom of the user's, not a title."""
        if i == 0 or self.toks[i - 1].text not in (",", ".", "!", ";", "-", "so", "then"):
            return False
        w = self._word(i)
        if w is None or w.tag != "VB":
            return False
        if any(t.kind == "item" and t.pos < i for t in self.targets):
            return False
        return not (self._cue_before(i) or self._past_cue_before(i) or self._cue_after(i, n))

    def _modifies_next_noun(self, i: int) -> bool:
        """The lower-case word at token i is a noun the parse hangs on the noun right after it
        ('alien invasion', 'shark attack'), which names no part of a film ('the jaws theme',
        'the alien sequel' still name films), with no verdict or watching verb before it."""
        if i + 1 >= len(self.toks) or self.toks[i + 1].used:
            return False
        nxt = self.toks[i + 1].text
        if nxt in JUDGED_PARTS or nxt in FILM_NOUNS or nxt in _FILM_RELATIONS:
            return False
        if (
            self._closing_verdict(i + 1, everyday=True)
            or self._subject_verdict_at(i + 1)
            or self._verdict_at(i + 1)
        ):
            return False  # 'gladiator slaps', 'frozen meh': the verdict on the film before it
        if (nxt,) in self.vocab.facet_terms or self._asked_about(i, 1):
            return False  # 'is se7en gory?': a quality asked of the film, no kind of story
        here = self.syntax.word_at(self.toks[i].start)
        after = self.syntax.word_at(self.toks[i + 1].start)
        if here is None or after is None:
            return False
        w = self.syntax.words[here]
        # (the parse may call the word an adjective: 'alien' amod of 'invasion', or hang it on
        # the last noun of the phrase: 'alien abduction stuff')
        words = self.syntax.words
        if w.dep not in ("compound", "amod") or not after <= w.head <= after + 2:
            return False
        if any(words[j].pos not in ("NOUN", "ADJ", "PROPN") for j in range(after, w.head + 1)):
            return False
        if words[w.head].pos != "NOUN":
            return False
        return not (self._cue_before(i) or self._past_cue_before(i) or self._next_in_list(i))

    def _plain_noun_phrase(self, i: int) -> bool:
        """The lower-case word at token i heads a noun phrase of plain words: adjectives the
        parse hangs on it ('creepy slow dread', 'real heat between the leads') or a noun of
        amount or feeling before 'of' ('a sense of dread', 'a bit of gore', 'lots of heat'),
        with no verdict or watching verb before them. A title is named, not described so."""
        if i >= 2 and self.toks[i - 1].text == "of" and self.toks[i - 2].text in _AMOUNT_HEADS:
            return True
        if self._past_cue_before(i) or self._next_in_list(i):
            return False
        w = self._word(i)
        if w is None or i == 0 or self.toks[i - 1].used:
            return False
        j = self.syntax.word_at(self.toks[i - 1].start)
        here = self.syntax.word_at(self.toks[i].start)
        if j is None or here is None:
            return False
        before = self.syntax.words[j]
        if not (before.pos == "ADJ" and before.dep == "amod" and before.head == here):
            return False
        k = i - 1
        while k > 0 and self._pos(k - 1) == "ADJ" and not self.toks[k - 1].used:
            k -= 1
        # 'the underrated signs', 'the original heat': words that praise a film or pick its
        # version after 'the' name it
        return not (
            k > 0
            and self.toks[k - 1].text in ("the", "that", "this")
            and all(t.text in _VERSION_OR_PRAISE for t in self.toks[k:i])
        )

    def _the_title_turned_down(self, i: int, n: int, key: str) -> bool:
        """'not the notebook', 'no the ring please': a clause that is only 'not' / 'no', 'the'
        and a title that opens with 'The' turns that film down (the article said with it)."""
        toks = self.toks
        lead = i if toks[i].text == "the" else i - 1
        if lead < 1 or toks[lead].text != "the" or toks[lead - 1].text not in ("not", "no"):
            return False
        if lead >= 2 and toks[lead - 2].text not in (",", ".", "!", "?", ";"):
            # ('a mafia movie but not the godfather': which films to leave out, no verdict)
            return False
        end = i + n
        nxt = toks[end].text if end < len(toks) else ""
        words = [t.text for t in toks[lead + 1 : end]]
        return (
            (nxt in ("", ",", ".", "!", ";") or nxt in ("either", "again", "please", "pls"))
            and not any(w in FILLER_WORDS or w in PRONOUNS for w in words)
            and any(it.title.lower().startswith("the ") for it in self.vocab.titles.get(key, ()))
        )

    def _attribute_span(self, i: int, n: int) -> bool:
        """Tokens i..i+n stand between an article and a kind of film ('an Eddie Murphy comedy',
        'a Nolan movie'): they describe the film asked for, they do not name it."""
        prev = self.toks[i - 1].text if i > 0 else ""
        nxt = self.toks[i + n].text if i + n < len(self.toks) else ""
        kind = self.vocab.facet_terms.get((nxt,))
        return prev in ("a", "an", "some", "any") and (
            nxt in KIND_NOUNS or (kind is not None and kind[0] == "genre")
        )

    def _in_name_pair(self, i: int) -> bool:
        """Token i and its neighbour are a pair the descriptions write as one name ('keanu
        reeves', 'new york'), typed in lower case or as a name."""
        words = [t.text for t in self.toks]
        pairs = self.vocab.name_phrases
        return (i > 0 and (words[i - 1], words[i]) in pairs) or (
            i + 1 < len(words) and (words[i], words[i + 1]) in pairs
        )

    def _named_with_its_person(self, k: int, key: str) -> bool:
        """The words from token k name a person the title `key`'s film has in its person facet
        ('ghost with patrick swayze', 'rope by alfred hitchcock'), or the surname of one, a
        word rare in English ('heat with pacino and de niro')."""
        from wordfreq import zipf_frequency

        said = " ".join(t.text for t in self.toks[k : k + 4])
        near = {t.text for t in self.toks[k : k + 3]}
        for item in self.vocab.titles.get(key, ()):
            for p in item.facet("person"):
                if said == p.lower() or said.startswith(p.lower() + " "):
                    return True
                surname = fold_accents(p.split()[-1].lower())
                if len(surname) >= 4 and surname in near and zipf_frequency(surname, "en") < 3.5:
                    return True
        return False

    def _second_after_cue(self, i: int) -> bool:
        """Token i is the second of two words a verb of liking or watching governs ('my kids
        like up and wall-e'): the first word is one word, or one with its article ('i love the
        sopranos and the matrix'), and 'and' or ',' joins them."""
        first = i - 3 if i >= 4 and self.toks[i - 3].text in ("the", "a", "an") else i - 2
        before = " ".join(t.text for t in self.toks[max(0, first - 3) : first])
        return (
            i >= 3
            and self.toks[i - 1].text in ("and", "&", ",")
            and self.toks[i - 2].text.isalpha()
            # a verb, not 'good to hear and nope on fast 8'
            and re.search(
                r"\b(?:likes?|loves?|liked|loved|enjoy(?:s|ed)?|adore[sd]?|watch(?:es|ed)?|"
                r"seen|saw|hated?|hates)$",
                before,
            )
            is not None
        )

    def _after_credit(self, k: int) -> int:
        """The token after a credit that starts at token k: 'by' / 'with' / 'starring' and a
        person's name of two or three words whose first word is a given name of the catalogue's
        people, that is capitalised, or whose last word is rare in English (wordfreq zipf < 3)
        and no word of the synopses ('by jordan peele', 'with Tom Hanks'); k when there is
        none."""
        if k >= len(self.toks) or self.toks[k].text not in ("by", "with", "starring"):
            return k
        end = k + 1
        while (
            end < len(self.toks)
            and end - k <= 3
            and self.toks[end].text.isalpha()
            and self.toks[end].text not in ("was", "is", "were", "and", "but", "a", "the")
        ):
            end += 1
        name = self.toks[k + 1 : end]
        if not 2 <= len(name) <= 3:
            return k
        from wordfreq import zipf_frequency

        given = name[0].text in self.vocab.given_names
        capitals = all(t.raw[:1].isupper() for t in name)
        # 'by jordan peele': a surname no synopsis uses as a word and rare in English
        surname = name[-1].text
        rare = surname not in self.vocab.topic_words and zipf_frequency(surname, "en") < 3.0
        return end if given or capitals or rare else k

    def _subject_of_clause(self, i: int, n: int) -> bool:
        """Tokens i..i+n are the parsed subject of a verb that follows them ('Pulp Fiction
        knocked my socks off', 'Inception stuck with me'): the phrase heads a subject, or is a
        compound inside one."""
        for k in range(i, i + n):
            w = self._word(k)
            if w is None:
                continue
            head = self.syntax.words[w.head]
            if w.dep in ("nsubj", "nsubjpass") or (
                w.dep == "compound"
                and head.dep in ("nsubj", "nsubjpass")
                and head.start < self.toks[i + n - 1].start + len(self.toks[i + n - 1].raw)
            ):
                verb = self.syntax.words[w.head if w.dep != "compound" else head.head]
                return verb.pos in ("VERB", "AUX") and verb.start > self.toks[i].start
        return False

    def _ordinal_opens_title(self, i: int) -> bool:
        """The ordinal at token i opens a catalogue title of two to five words ('the sixth
        sense', 'the third man', 'the fifth element'), not a pick ('the second one')."""
        nxt = self.toks[i + 1].text if i + 1 < len(self.toks) else ""
        if nxt in (*PICK_NOUNS, "ones", "one's", "one’s"):
            return False
        words = [t.text for t in self.toks[i : i + 5]]
        return any(
            normalize_title(" ".join(words[:n])) in self.vocab.titles
            for n in range(2, len(words) + 1)
        )

    def _persons_predicate(self, k: int) -> bool:
        """What follows token k is said of a person, never of a film ('can't stand sci-fi',
        'is 8', 'are both here', "'s seen it", 'is joining us', 'hates musicals'), also after
        'and <Name>' ('Amelie and Ray are both here')."""
        words = [t.text for t in self.toks]
        if k + 1 < len(words) and words[k] == "and" and self.toks[k + 1].raw[:1].isupper():
            k += 2
        rest = " ".join(words[k : k + 5])
        return _PERSONS_PREDICATE.match(rest) is not None

    def _closed_by_yes_or_no(self, i: int, n: int) -> bool:
        """Tokens i..i+n-1 make up their clause up to a closing 'no' / 'yes' ('Titanic no, too
        much crying', 'but Forrest Gump yes, very much')."""
        toks = self.toks
        if (
            i > 0
            and toks[i - 1].text not in CLAUSE_BREAK
            and toks[i - 1].text not in ("but", "and")
        ):
            return False
        k = i + n
        if k >= len(toks) or toks[k].text not in _YES_OR_NO:
            return False
        return k + 1 == len(toks) or toks[k + 1].text in CLAUSE_BREAK | _AFTER_YES_OR_NO

    def _after_i_am(self, i: int) -> bool:
        """Token i follows 'I'm' / 'we're' / 'I was', with a degree or a 'not' between or not
        ('im up', 'im not brave enough', "i'm too big for that"): what follows says how the
        user is."""
        j = i
        while j > 0 and self.toks[j - 1].text in _DEGREE_AFTER_I_AM:
            j -= 1
        before = self.toks[j - 1].text if j > 0 else ""
        return before in _I_AM or [t.text for t in self.toks[max(0, j - 2) : j]] in _I_AM2

    def _everyday_words(self, words: Sequence[str]) -> bool:
        """Every word is everyday English (wordfreq Zipf frequency 4 or more: 'next', 'home
        alone', 'seven'), so opening a sentence with them says nothing about a title."""
        from wordfreq import zipf_frequency

        return all(zipf_frequency(w, "en") >= 4.0 for w in words if w.isalpha())

    def _comparative_at(self, k: int) -> bool:
        """Token k is a comparative, per the parse or in 'the twistier the better' (the parse
        calls 'scarier' there a noun)."""
        w = self._word(k)
        after = [t.text for t in self.toks[k + 1 : k + 3]]
        word = self.toks[k].text
        return (w is not None and w.tag in ("JJR", "RBR") and word.endswith("er")) or (
            after[:1] == ["the"] and after[1:] in (["better"], ["more"], ["worse"], ["merrier"])
        )

    def _story_names(self) -> None:
        """Mark as used the places, pets and people of what the user tells of their life, per
        the parse, so that no title, person or topic is read from them: a place the user went
        to, came from or is in ('just got back from Chicago', 'moved to Philadelphia', 'Munich
        then London'; not 'a heist set in Paris'), a name given ('a cat named Milk', 'named her
        Coco', 'who calls himself the Gladiator', 'calling my renovation the Titanic'; not 'a
        movie called Coco', "it's called Up") and a name beside who the person is ('my
        father-in-law Sully'). Never right after a verdict or viewing word ('loved Chicago')."""
        for k in range(len(self.toks)):
            w = self._word(k)
            if w is None or self.toks[k].used or not self._story_name_at(k, w):
                continue
            words = self.syntax.words
            here = words.index(w)
            lo = k
            # the name's own words before it: 'the Joker', 'Las Vegas', 'New York City'
            while lo > 0 and (x := self._word(lo - 1)) is not None and x.head == here:
                if x.dep not in ("det", "compound") and not (x.ent and x.ent == w.ent):
                    break
                lo -= 1
            if self._cue_before(lo) or self._past_cue_before(lo):
                continue
            self._use(lo, k + 1 - lo)

    def _non_film_lists(self) -> None:
        """Mark as used the entries of a list of things that are no films, so that no title,
        unknown title or topic is read from them: a list led by a kind of thing ('my friends
        Juno, Matilda and Lucy', 'my dogs are called Max, Babe and Bolt', 'songs I like:
        Hallelujah, Yesterday', 'shopping list: milk, eggs', 'Days I'm free: Monday, Friday',
        'to do: laundry, dentist'), by a verb of travel ('visiting Paris, Chicago and
        Casablanca', 'off to Chicago and then Philadelphia', 'we toured Dunkirk, Munich'), or
        names said to come round ('Juno and Lucy are coming over'). A verdict or fan word inside
        the list keeps it ('my kids are Frozen fans'), as do a film noun before a colon ('books
        I loved as films: Misery, Carrie') and people's likes after one ('Kids: Frozen, Moana')."""
        toks = self.toks
        for k in range(len(toks)):
            start, lower_ok, single = self._non_film_lead(k)
            if start < 0:
                continue
            end = self._list_entries_end(start, lower_ok=lower_ok, single=single)
            if end > start:
                lead = k if toks[k].text in _NON_FILM_KINDS | {"list"} else start
                while lead > 0 and toks[lead - 1].text in _NON_FILM_LISTS | {"band"}:
                    lead -= 1  # 'band names I like:', 'shopping list:': no topic either
                self._use(lead, end - lead)
        for k in range(1, len(toks) - 1):
            if toks[k].text in ("are", "were") and toks[k + 1].text in _ARRIVING:
                start = k
                while start > 0 and (
                    toks[start - 1].text in (",", "and", "&")
                    or (toks[start - 1].raw[:1].isupper() and toks[start - 1].text.isalpha())
                ):
                    start -= 1
                names = [t for t in toks[start:k] if t.text.isalpha() and t.text != "and"]
                if len(names) >= 2 and toks[start].raw[:1].isupper():
                    self._use(start, k - start)

    def _non_film_lead(self, k: int) -> tuple[int, bool, bool]:
        """(first token of the list, lowercase entries allowed, one entry is enough) when a lead
        of a list of no films ends at token k (see `_non_film_lists`); (-1, False, False) when
        none does."""
        toks = self.toks
        word = toks[k].text
        if (
            word in _LIST_LEAD_WORDS
            and word.isalpha()
            and len(self.low) == len(self.text)
            and _KIND_OWNED.search(self.text[: toks[k].start].lower())
            and not any(t.text.isalpha() for t in toks[:k])
        ):
            # 'my kids are Annie, Paul and Joy' after the audience read took 'my kids' away
            j = k
            while j < len(toks) and toks[j].text in _LIST_LEAD_WORDS:
                j += 1
            return j, False, False
        # 'shopping list: milk, eggs', 'to do: laundry, dentist': chores led by two words
        shopping = (word == "list" and k > 0 and toks[k - 1].text in _NON_FILM_LISTS) or (
            word == "do"
            and k > 0
            and toks[k - 1].text == "to"
            and k + 1 < len(toks)
            and toks[k + 1].text == ":"
        )
        if word in _NON_FILM_KINDS or shopping:
            if k + 1 < len(toks) and toks[k + 1].text in FILM_NOUNS:
                return -1, False, False  # 'my kids movies', 'games night film'
            # 'songs I like: ...', "Days I'm free: ...", 'shopping list: ...'
            colon = next(
                (j for j in range(k + 1, min(k + 6, len(toks))) if toks[j].text == ":"), None
            )
            between = {toks[j].text for j in range(k + 1, colon)} if colon is not None else set()
            if (
                colon is not None
                and not between & {".", "!", "?", ","}
                and not between & FILM_NOUNS  # 'books I loved as films: Misery, Carrie'
                # 'Kids: Frozen, Moana' says what the kids like; 'friends coming over: Juno,
                # Annie' names them
                and (word not in _PEOPLE_KINDS or between & _ARRIVING)
            ):
                return colon + 1, True, False
            owner = k > 0 and (
                toks[k - 1].text in _OWNERS or (k > 1 and toks[k - 2].text in _OWNERS)
            )
            if not owner:
                return -1, False, False
            j = k + 1
            while j < len(toks) and toks[j].text in _LIST_LEAD_WORDS:
                j += 1
            return j, False, False
        for lead in _TRAVEL_LEADS:
            if tuple(t.text for t in toks[k : k + len(lead)]) == lead:
                j = k + len(lead)
                if j < len(toks) and toks[j].text == ":":
                    j += 1
                return j, False, True
        return -1, False, False

    def _list_entries_end(self, start: int, *, lower_ok: bool, single: bool) -> int:
        """The token after the last entry of a list of short names from `start` ('Juno, Matilda
        and Lucy', 'Chicago and then Philadelphia'); `start` when no such list is there, or
        when it holds a verdict or a fan word."""
        toks = self.toks
        entries, size, k, end = 0, 0, start, start
        while k < len(toks):
            t = toks[k]
            if t.text in _LIST_JOINS:
                if size == 0 and entries == 0:
                    return start
                size = 0
                k += 1
                continue
            if not (t.text.isalpha() or "'" in t.text) or t.text in _LIST_STOPS:
                break
            if t.text in _FAN_WORDS or (t.text,) in POSITIVE_CUES or (t.text,) in NEGATIVE_CUES:
                return start
            if size == 0 and not lower_ok and not t.raw[:1].isupper():
                break
            size += 1
            if size > 3:
                return start if entries == 0 else end
            if size == 1:
                entries += 1
            end = k + 1
            k += 1
        return end if entries >= (1 if single else 2) else start

    def _story_name_at(self, k: int, w: Word) -> bool:
        """The parsed word w at token k heads a place, a pet's or a person's name in a story
        (see `_story_names`)."""
        words = self.syntax.words
        head = words[w.head]
        if w.pos not in ("PROPN", "NOUN", "ADJ") or w.head == words.index(w):
            return False
        if head.lemma.lower() in _NAMING_VERBS and w.dep in _NAMED_DEPS:
            here = words.index(w)
            if w.dep == "dobj" and any(
                x.head == w.head and x.dep in ("oprd", "ccomp", "xcomp", "acomp") and x is not w
                for x in words[here + 1 :]
            ):
                return False  # "I'd call Heat a masterpiece": what is called so, a film
            named = [
                x
                for x in words
                if x.head == w.head and x.dep in ("dobj", "nsubjpass", "nsubj") and x is not w
            ]
            if head.dep in ("acl", "relcl"):
                named.append(words[head.head])  # 'a cat named Milk', 'a movie called Coco'
            return not any(x.text.lower() in FILM_NOUNS | _FILM_PRONOUNS for x in named)
        if self._names_a_thing(w, head):
            return True
        if w.ent in ("GPE", "LOC"):
            x = w
            for _ in range(8):
                # 'a film about a trip to Berlin': what the film is about, a topic
                if x.text.lower() in ("about", "following") or x.text.lower() in FILM_NOUNS:
                    return False
                if x.head == words.index(x):
                    break
                x = words[x.head]
            for a, b in ((k + 1, k + 2), (k - 1, k - 2)):
                if 0 <= b < len(self.toks) and self.toks[a].text == "then":
                    other = self._word(b)
                    if other is not None and other.ent in ("GPE", "LOC"):
                        return True  # 'Munich then Chicago': an itinerary
            x = w
            for _ in range(3):
                if x.dep == "pobj" and words[x.head].text.lower() in _PLACE_PREPOSITIONS:
                    x = words[words[x.head].head]  # 'from Chicago' -> 'back' -> 'got'
                    while x.pos == "ADV" and x.head != words.index(x):
                        x = words[x.head]
                    if x.pos == "NOUN":
                        return x.lemma.lower() in _TRIP_NOUNS  # 'work trip to Fargo'
                    return x.pos in ("VERB", "AUX") and x.lemma.lower() in _MOVING_VERBS
                if x.dep not in ("appos", "conj", "npadvmod") or x.head == words.index(x):
                    return False
                x = words[x.head]
                if x.pos in ("VERB", "AUX"):
                    # 'Travelling this month, Munich then London, so I need ...': the travel
                    # verb may hang on the same verb as the places
                    here = words.index(x)
                    return x.lemma.lower() in _MOVING_VERBS or any(
                        y.head == here and y.pos == "VERB" and y.lemma.lower() in _MOVING_VERBS
                        for y in words
                    )
            return False
        return (
            w.dep == "appos"
            and w.pos == "PROPN"
            and (head.text.lower() in WATCHERS or head.lemma.lower() in WATCHERS)
            # ('Kids: Frozen, Moana': a header and what it says of them, no name)
            and not (k > 0 and self.toks[k - 1].text == ":")
        )

    def _names_a_thing(self, w: Word, head: Word) -> bool:
        """A capitalised name before the thing it names, with an article or possessive on the
        thing: 'a Halloween party', 'the Titanic museum', 'a Frozen themed birthday' (an event,
        a place, an object named after something, not a film); or a place climbed or visited
        ('climbed Everest'). A thing of films ('the Heat remake', 'a Star Wars fan', 'the
        Inception soundtrack') keeps the name a title."""
        words = self.syntax.words
        here = words.index(w)
        if (
            w.dep == "dobj"
            and w.ent in ("GPE", "LOC", "FAC")
            and head.lemma.lower() in _VISITING_VERBS
        ):
            return True  # 'my brother climbed Everest'
        noun = head.lemma.lower()
        if (
            w.dep not in ("compound", "amod", "nmod")
            or not w.text[:1].isupper()
            or head.pos != "NOUN"
            or not 0 < w.head - here <= 2
            or noun in FILM_NOUNS | _FILM_THINGS | KIND_NOUNS
            # 'an Alfred Hitchcock thriller', 'a Disney cartoon': a kind of film by someone
            or (noun,) in self.vocab.facet_terms
            or (head.text.lower(),) in self.vocab.facet_terms
            or noun in self.vocab.facet_words
            # only a name that is a title on its own ('Halloween', 'Titanic', 'Frozen')
            or normalize_title(w.text) not in self.vocab.titles
            or (here > 0 and words[here - 1].dep == "compound" and words[here - 1].head == here)
            or any(words[j].dep not in ("amod", "compound") for j in range(here + 1, w.head))
        ):
            return False
        if not any(
            x.head == w.head and x.dep in ("det", "poss") and x.lemma.lower() != "this"
            for x in words[:here]
        ):
            return False
        # the name and the noun may be a title themselves ('The Sixth Sense', 'The Dark Knight')
        phrase = [x.text for x in words[here : w.head + 1]]
        for said in (phrase, ["the", *phrase]):
            key = normalize_title(" ".join(said))
            if key in self.vocab.titles or key in self.vocab.prefix_titles:
                return False
        return True

    def _fronted_object(self, k: int) -> bool:
        """Tokens from k are a subject and a verdict with nothing after it in the clause: what
        stands before is the verdict's object, put first ('love actually i couldnt stand',
        'ronin he hated', 'goodfellas i never even finished', 'the second one he vetoed')."""
        toks = self.toks
        j = k
        if (
            j < len(toks)
            and toks[j].text in (",", "-", "–", "—")
            and k > 0
            and toks[k - 1].text not in _YES_OR_NO
            and toks[k - 1].text not in FILLER_WORDS
            and toks[k - 1].text not in SMALL_TALK
        ):
            # 'Cats, we couldn't sit through', 'Heat - I will always love it' ('Yes, I've seen
            # it' answers the bot)
            j += 1
        if j < len(toks) and toks[j].text in ("my", "our", "his", "her"):
            j += 1
        if j >= len(toks) or toks[j].text not in _FRONTING_SUBJECTS:
            return False
        j += 1
        starts = [j]  # the verdict may start with an adverb ('never finished') or after it
        while j < len(toks) and toks[j].text in _FRONTING_ADVERBS:
            j += 1
            starts.append(j)
        for j in starts:
            words = [t.text for t in toks[j : j + 5]]
            for table in (POSITIVE_CUES, NEGATIVE_CUES, SEEN_CUES, LUKEWARM_CUES):
                for phrase in table:
                    m = len(phrase)
                    if tuple(words[:m]) != phrase:
                        continue
                    end = j + m  # ('at home i loved it': 'it' is the object, nothing before)
                    if phrase[-1] in ("of", "with", "on", "from"):
                        # 'titanic we walked out of', 'cats i'm sick of': the preposition left
                        # at the end of its clause; none other takes its object
                        if end >= len(toks) or toks[end].text in _CLAUSE_ENDS:
                            return True
                        continue
                    if phrase[-1] in ("want", "wanna") and end + 1 < len(toks):
                        # 'rocky v i never want to see again': the verb of watching after it
                        if toks[end].text in ("see", "watch", "rewatch"):
                            end += 1
                        elif toks[end].text == "to" and toks[end + 1].text in ("see", "watch"):
                            end += 2
                    while end < len(toks) and toks[end].text in _AFTER_A_FRONTED_VERDICT:
                        end += 1  # 'heat i could watch again and again', 'cats i hated too'
                    if (
                        end + 1 < len(toks)
                        and toks[end + 1].text == "times"
                        and (toks[end].text.isdecimal() or toks[end].text in NUMBER_WORDS)
                    ):
                        end += 2  # 'inception i've seen three times'
                    elif (
                        end + 2 < len(toks)
                        and toks[end].text == "a"
                        and toks[end + 2].text == "times"
                    ):
                        end += 3  # 'jaws i've watched a hundred times'
                    if end >= len(toks) or toks[end].text in _CLAUSE_ENDS:
                        return True
                    if (
                        k > 0
                        and toks[end].text in ("it", "that", "them")
                        and (
                            end + 1 >= len(toks)
                            or toks[end + 1].text not in ("one", "movie", "film")
                        )
                    ):
                        return True  # 'casino i honestly didn't like it': the object said again
        return False

    def _after_favourites(self, i: int) -> bool:
        """Token i opens what a heading of the user's favourite films names: 'my favourite
        movies are the dark knight and inception', 'fav movies the dark knight inception',
        'all-time favourite films: ...', 'my top 3 movies would be ...' (a film, not the topic
        'dark knight'). The heading has to say films ('my favourite things are the rain and
        the snow' names none)."""
        before = " ".join(t.text for t in self.toks[max(0, i - 7) : i])
        return _FAVOURITES_HEADING.search(before) is not None

    def _past_cue_before(self, i: int) -> bool:
        """Right after 'loved', 'watched', 'saw'...: what one loves or watches is a film."""
        k = i - 1
        while k > 0 and self.toks[k].text in (":", "-", "–", "—"):
            k -= 1  # 'seen: matrix, memento'
        prev = self.toks[k].text if k >= 0 else ""
        if prev in (
            *("loved", "liked", "watched", "saw", "seen", "enjoyed", "hated", "adored"),
            *("rewatched", "re-watched", "rewatching", "watching", "tried"),
            *("disliked", "despised", "detested", "loathed", "vetoed"),
        ):
            return True
        pprev = self.toks[k - 1].text if k >= 1 else ""
        if prev in ("enjoy", "like", "love", "hate", "dislike") and pprev in (
            *("did", "didn't", "didnt", "not", "never"),
        ):
            return True  # 'i did enjoy memento', "i didn't hate gravity"
        if prev in ("watch", "see", "rewatch") and pprev in ("to", "gonna", "wanna"):
            return True  # 'i want to watch get out', 'going to see up'
        if prev == "to" and pprev in ("round", "around"):
            return True  # 'never got round to the godfather'
        word = self._word(i)
        if prev in ("loves", "likes", "adores", "enjoys", "hates") and (
            word is not None and word.tag not in ("NNS", "NNPS")
        ):
            return True  # 'she loves frozen' (not 'my son loves trains': a kind of thing)
        after = self.toks[i + 1].text if i + 1 < len(self.toks) else ""
        if (
            prev == "of"
            and pprev in ("fan", "fans")
            and self.vocab.facet_terms.get((self.toks[i].text,)) is None
            and self.toks[i].text not in PRONOUNS
            and (word is None or word.tag not in ("NNS", "NNPS"))
        ):
            # 'not a fan of heat tbh', 'huge fan of up': a film one is a fan of (not 'a fan of
            # cars': a kind of thing)
            return True
        if prev == "finished" and (after in END_OF_OBJECT or after == "with"):
            return True  # 'just finished cars with my son'
        if prev == "through" and pprev in ("sit", "sat", "get", "got", "sitting", "getting"):
            return True  # "i couldn't sit through the notebook": what one sits through is a film
        if prev == "finish" and pprev in (
            "couldn't",
            "couldnt",
            "didn't",
            "didnt",
            "even",
            "never",
        ):
            return True  # "couldn't even finish the notebook"
        said = " ".join(t.text for t in self.toks[max(0, k - 3) : k + 1])
        if re.search(r"\bfavou?rites?(?: (?:movies?|films?|ones))? (?:is|are|include)$", said):
            return True  # 'my faves are alien, aliens and predator'
        if re.search(
            r"(?:^|\b(?:wait|no|sorry|oops|sry|actually),? )i mean$|\bi meant$|"
            r"\bi was (?:thinking of|talking about)$",
            said,
        ):
            return True  # a correction names a film: 'wait no, i meant the holiday'

        # 'something like heat', 'similar to up': what a film is compared with is a film; not
        # 'more of a crime thing' (a kind of film)
        before = tuple(t.text for t in self.toks[max(0, i - 2) : i])
        if before == ("more", "of"):
            return False
        opens = k == 0 or (k > 0 and self.toks[k - 1].text in (".", "!", "?", ",", ";"))
        # 'like drive but less violent': 'like' opening the message compares
        return (
            before in SIMILAR_CUES
            or before[-1:] in SIMILAR_CUES
            and prev != "like"
            or (prev == "like" and opens)
        )

    def _cue_before(self, i: int, *, numeric: bool = False) -> bool:
        before = " ".join(t.text for t in self.toks[max(0, i - 3) : i])
        before = re.sub(r"\s*[:\-–—]+$", "", before)  # 'seen: inception, ...'
        if numeric and self._after_favourites(i):
            return True  # 'my favourite movie is probably 1917', 'top films: 300, ...'
        if numeric and re.search(r"\b(fan of|favou?rites? (?:is|are)|love|loved)$", before):
            return True  # 'big fan of 21', 'my favourite is 1917'
        verbs = (
            # (the third person too: 'she likes mean girls', 'my son loves home alone')
            r"liked?|likes|loved?|loves|enjoy(?:ed|s)?|hated?|hates|seen|saw|"
            r"(?:re-?)?watch(?:ed|ing|es)?|like|adored?|adores|(?:we|i) tried|"
            r"disliked?|dislikes|despised?|despises|detest(?:ed|s)?|"
            r"(?:can't|cant|cannot|couldn't|couldnt) stand|"
            # 'we would never sit through Cats', "couldn't finish the notebook"
            r"sit through|sat through|get through|got through|finish|"
            # 'never got round to the godfather'
            r"(?:got|get|gotten) a?round to"
        )
        if re.search(
            r"\b(?:songs?|soundtrack|music|scenes?|villain|characters?|ending|theme|quotes?|"
            r"lines?|princess|hero|heroine|robot|monster) from$",
            before,
        ):
            return True  # 'loves the song from encanto', 'the villain from up': the film
        went = " ".join(t.text for t in self.toks[max(0, i - 5) : i])
        if not numeric and re.search(_TRAVELLED_TO, went):
            return False  # 'going up north to the cabin': where the user goes, no film
        if self._negated_complaint_before(i):
            return True  # "can't go wrong with heat", 'no complaints about drive'
        return bool(
            re.search(rf"\b({verbs})$" if numeric else rf"\b({verbs}|to|as|than|about|of)$", before)
        )

    def _negated_complaint_before(self, i: int) -> bool:
        """A denied complaint (`negated_complaint_end`) ends right before token i, or before a
        preposition there ("can't go wrong with Heat", 'no complaints about Drive', "couldn't
        stop laughing at Airplane!"): praise whose object is the span at i."""
        words = [t.text for t in self.toks]
        stops = {i, i - 1} if i >= 1 and words[i - 1] in _COMPLAINT_OBJECT_WORDS else {i}
        return any(negated_complaint_end(words, k) in stops for k in range(max(0, i - 9), i))

    def _inside_title_run(self, i: int) -> bool:
        """Token i continues a capitalised run that started earlier and is no title found
        ('I loved The Lives of Others': 'Others' is not the film The Others)."""
        k = i - 1
        while k > 0 and self.toks[k].text in _GLUE_NO_AND and not self.toks[k].used:
            k -= 1
        if k < 1 or k == i - 1 and self.toks[k].text in _GLUE_NO_AND:
            return False
        if self.toks[k - 1].text in ("!", "?") or (
            self.toks[k - 1].text == "." and not self._abbreviation_dot(k - 1)
        ):
            return False  # 'I loved Jaws. Hated Alien.': a sentence's first word is capitalised
        prev = self.toks[k]
        return (
            k < i
            and prev.raw[:1].isupper()
            and not prev.used
            and prev.text != "i"
            and prev.text not in SMALL_TALK
        )

    def _topic_of_films(self, i: int) -> bool:
        """Token i opens the object of 'about' after a film noun ('movies about the Wall Street
        crash', 'a documentary about Titanic'): a topic, never a verdict on a film of that name
        ('what is Inception about?', 'tell me about Heat' keep their titles)."""
        k = i - 1
        if self.toks[i].text == "about":
            k = i  # 'a film about a boy who ...' is no About a Boy
        while k >= 0 and self.toks[k].text in ("the", "a", "an"):
            k -= 1
        if k < 1 or self.toks[k].text != "about":
            return False
        k -= 1
        while k > 0 and self._pos(k) == "ADJ":
            k -= 1  # 'films about ...', 'movies mostly about ...' reach the noun
        if self._pos(k) == "ADV" and k > 0:
            k -= 1  # 'movies mostly about ...'
        return self.toks[k].text in FILM_NOUNS - {"one", "thing"}

    def _excluded_title(self, i: int, n: int) -> bool:
        """The span is the whole object of an exclusion ('a shark movie that isnt jaws',
        'anything except frozen', 'something other than heat', which the slang table reads as
        'except'): a film named to be left out."""
        before = tuple(t.text for t in self.toks[max(0, i - 2) : i])
        nxt = self.toks[i + n].text if i + n < len(self.toks) else ""
        return nxt in END_OF_OBJECT and (
            before[-1:] in (("isn't",), ("wasn't",), ("except",), ("besides",))
            or before in (("apart", "from"), ("except", "for"))
        )

    def _about_span(self, i: int, n: int) -> bool:
        """The sentence is about the span as a title even in lower case."""
        return (
            self._asked_about(i, n)
            or self._excluded_title(i, n)
            or self._cue_after(i, n)
            or self._before_listed_title(i, n)
            or self._listed_before_verdict(i, n)
        )

    def _watched_clause_after(self, i: int, n: int) -> bool:
        """A relative clause about watching follows the span: "Heat, which I haven't seen",
        'Up, that we watched twice'."""
        words = [t.text for t in self.toks[i + n : i + n + 7]]
        if words[:1] == [","]:
            words = words[1:]
        if words[:1] not in (["which"], ["that"]):
            return False
        return any(w in WATCH_VERBS for w in words[1:6])

    def _partial_title_said(self, i: int, n: int) -> bool:
        """The leading words of one long title ('close encounters') name it only when the
        sentence says so: a verb of liking or watching before them, another title in the same
        list, or a verdict of which they are the subject ('eternal sunshine was great')."""
        nxt = self.toks[i + n].text if i + n < len(self.toks) else ""
        if " ".join(self._words(i, n)) in _WHEN_PHRASES and not self.toks[i].raw[:1].isupper():
            return False  # 'i watched scream 2 last night' is no Last Night in Soho
        if (
            self.toks[i].text in ("i", "you", "we", "they", "he", "she")
            and not self.toks[i].raw[:1].isupper()
        ):
            # 'the first one i think is boring' is no I Think I Love My Wife: a sentence of one's
            # own opens the same way, so only a cue or a list makes it a title
            return (
                self._cue_before(i)
                or self._past_cue_before(i)
                or self._next_in_list(i)
                or self._before_listed_title(i, n)
            )
        return (
            self._cue_before(i)
            or self._past_cue_before(i)
            or self._next_in_list(i)
            or self._before_listed_title(i, n)
            or ((nxt in COPULAS or nxt in DENIED_COPULAS) and self._cue_after(i, n))
            or len(self.toks) <= n + 1
            or self._compared(i, n)  # 'shawshank > green mile'
            or self._subject_verdict_at(i + n)  # 'terminator 2 still holds up'
            # 'Terminator 2 is even better than the first': a film compared with another
            or (
                nxt in COPULAS
                and re.match(
                    r"(?:even |way |much |so much |far |a lot )?(?:better|worse) than\b",
                    " ".join(t.text for t in self.toks[i + n + 1 : i + n + 5]),
                )
                is not None
            )
        )

    def _listed_before_verdict(self, i: int, n: int) -> bool:
        """The span opens a list of short members that a verdict closes: 'goodfellas, casino,
        heat - all great', 'heat, ronin and collateral, seen them all'."""
        words = [t.text for t in self.toks]
        k = i + n
        seps = (",", "and", "&", "-", ";", "/")
        for _ in range(6):  # members
            # 'heat, ronin and collateral. all bangers': a sentence of the verdict on them all
            closing = (
                k + 1 < len(words) and words[k] in (".", "!") and words[k + 1] in ("all", "both")
            )
            if k < len(words) and words[k] == "." and self._abbreviation_dot(k):
                k += 1  # 'e.t.': the dot after the last initial of a title, no sentence end
                closing = (
                    k + 1 < len(words)
                    and words[k] in (".", "!")
                    and words[k + 1] in ("all", "both")
                )
            if k >= len(words) or (words[k] not in seps and not closing):
                return False
            while k < len(words) and (words[k] in seps or (closing and words[k] in (".", "!"))):
                k += 1
            if closing:
                k += 1  # 'all' / 'both' says the verdict is of the list
            # the verdict may have its subject: 'Alien and Aliens, I love both'
            subject = k < len(words) and words[k] in ("i", "we", "i've", "we've")
            at = k + 1 if subject else k
            cue = [
                len(p)
                for table in (POSITIVE_CUES, NEGATIVE_CUES, SEEN_CUES)
                for p in table
                if tuple(words[at : at + len(p)]) == p
            ]
            if (self._cue_after(at - 1, 0, adjacent=True) or cue) and (
                not subject or self._refers_back(at + max(cue, default=1))
            ):
                return True
            start = k
            while (
                k < len(words)
                and words[k]
                not in (
                    ",",
                    "and",
                    "&",
                    "-",
                    ";",
                    "/",
                    ".",
                    "!",
                    "?",
                )
                or (k < len(words) and words[k] == "." and self._abbreviation_dot(k))
            ):
                k += 1
            if k - start > 4 + sum(w == "." for w in words[start:k]) or k == start:
                return False  # a clause, not a title
        return False

    def _asked_about(self, i: int, n: int) -> bool:
        """A question about the span: 'how long is interstellar', 'is coco scary?', 'what year
        did jaws come out'."""
        prev = self.toks[i - 1].text if i > 0 else ""
        first = self.toks[0].text
        question = "?" in self.text or first in QUESTION_STARTS
        before = " ".join(t.text for t in self.toks[max(0, i - 4) : i])
        if question and before.endswith(AVAILABILITY_ASKS):
            return True  # 'have you got The Velvet Lighthouse?', 'do you have heat?'
        if self._asked_who(i):
            return True  # 'who directed jaws', "who's in heat?", 'who stars in up'
        if question and prev == "on" and i >= 2 and self.toks[i - 2].text in _FACT_NOUNS:
            return True  # "what's the runtime on inside out", 'any info on the sting?'
        end = self.toks[i + n].text if i + n < len(self.toks) else "?"
        if (
            prev == "in"
            and end in ("?", ".", "!")
            and len(self.toks) > 2
            and self.toks[0].text in ("is", "are", "was", "were")
            and self.toks[1].text == "there"
        ):
            return True  # 'is there a lot of gore in Alien?': what is in the film named
        return question and prev in (
            "is",
            "was",
            "did",
            "does",
            "about",
            "of",
            "for",
            "what's",
            "how's",
            "whats",
        )

    def _release_asked(self, i: int, n: int) -> bool:
        """The span stands where a question asks when a film came out or how long it is: 'when
        did big come out', 'what year was heat released', 'how long is aliens?' (only a film
        comes out, is released or has a running time there)."""
        before = " ".join(t.text for t in self.toks[max(0, i - 3) : i])
        after = " ".join(t.text for t in self.toks[i + n : i + n + 3])
        if re.search(r"(?:^|\b)(?:when|what year|which year) (?:did|was|is|does)$", before):
            return bool(
                re.match(r"(?:come out|came out|get released|released|come|release)\b", after)
            )
        # 'how long is aliens?', 'what's the runtime of jaws': only a film has a length
        return bool(
            re.search(r"(?:^|\b)(?:how long (?:is|was)|(?:runtime|length) of)$", before)
            and (not after or re.match(r"[?.!,]|(?:in total|exactly)\b", after))
        )

    def _person_asked_in(self, i: int, n: int) -> bool:
        """The span ends a question whether a person the catalogue knows is in it: 'is tom
        hanks in big?', 'was al pacino in heat'."""
        words = [t.text for t in self.toks]
        if i + n < len(words) and words[i + n] not in ("?", ".", "!"):
            return False
        if i >= 4 and words[0] in ("is", "was") and words[i - 1] == "in":
            known = self.vocab.facet_terms.get(tuple(words[1 : i - 1]))
            return known is not None and known[0] == "person"
        # 'did Nolan write Memento?', 'does Tom Hanks star in Big?', 'did kubrick direct
        # spartacus': a person's part in the film asked about (a name of one to three words)
        m = re.match(
            r"(?:did|does|do) (?P<who>[\w.'-]+(?: [\w.'-]+){0,2}) (?:direct|make|write|produce|"
            r"shoot|score|(?:star|act|appear|play|feature) in) $",
            " ".join(words[:i]) + " ",
        )
        if m is None:
            return False
        who = m["who"].split()
        return not set(who) & {
            *PRONOUNS,
            "i",
            "we",
            "they",
            "he",
            "she",
            "you",
            "u",
            "ya",
            "anyone",
            "anybody",
            "any",
            "the",
        }

    def _compared(self, i: int, n: int) -> bool:
        """The span is one of two things a question compares: 'rocky or creed, which is
        better?', 'it or the conjuring which one is scarier', 'which is better, heat or
        ronin?'. Only the two members of 'A or B' next to the 'which' question count."""
        words = [t.text for t in self.toks]
        if self._ranked_or_versus(i, n, words):
            return True
        ask = re.compile(
            r"which(?: one| of them| of the two)? (?:(?:is|was|'s|would be) \w+|"
            r"should (?:i|we) (?:watch|pick|see|choose|go with))"
        )
        text = " ".join(words)
        if not re.search(r"\bwhich\b", text) or "or" not in words:
            return False
        after = " ".join(words[i + n : i + n + 6])
        before = " ".join(words[max(0, i - 8) : i])
        # the first member: 'A or B[,] which is ...'
        first = re.match(r"or (?:the )?[\w'-]+(?: [\w'-]+){0,4}? ,? ?" + ask.pattern, after)
        opens = i == 0 or words[i - 1] in CLAUSE_BREAK or words[i - 1] in ("so", "ok")
        if first and opens:
            return True
        # the second member: 'A or B[,] which is ...' / 'which is better, A or B'
        if re.match(r",? ?" + ask.pattern, after) and re.search(r"\bor$", before):
            return True
        return bool(
            re.search(ask.pattern + r" ,(?: (?:the )?[\w'-]+){1,5} or$", before)
            or (re.search(ask.pattern + r" ,$", before) and re.match(r"or\b", after))
        ) and (i + n == len(words) or words[i + n] in ("?", "or", "."))

    def _same_again(self, i: int, n: int) -> bool:
        """The span is a whole sentence but for 'too' / 'as well' after a sentence that named a
        title ('toy story 3 made me cry. inside out too.', 'hated cats. the room too')."""
        words = [t.text for t in self.toks]
        if i > 0 and words[i - 1] == "the":
            i, n = i - 1, n + 1
        if i < 2 or words[i - 1] not in (".", "!", "?"):
            return False
        tail = words[i + n : i + n + 3]
        said = tail[:1] == ["too"] or tail[:2] == ["as", "well"]
        rest = tail[1:] if tail[:1] == ["too"] else tail[2:]
        return (
            said
            and (not rest or rest[0] in (".", "!", "?"))
            and any(t.kind == "item" and t.pos < i for t in self.targets)
        )

    def _far_from_plain_words(self, words: Sequence[str], item: Item) -> bool:
        """Lower-case English words with no typo among them ('remember the name') are some
        title only when spelt within a letter of it, two in a name of 16 letters or more ('silence
        of the lamb'); a look-alike
        further off (Remember Me) is another sentence, not a misspelt title."""
        if len(words) < 2 or not all(
            w.isalpha() and (self._is_word(w) or _very_common(w)) for w in words
        ):
            return False
        from rapidfuzz.distance import Levenshtein

        typed = " ".join(words)
        aliases = [a for a in item.extra.get("aliases", ()) if isinstance(a, str)]
        names = {normalize_title(item.title), *(normalize_title(a) for a in aliases)}
        named = [*self.vocab.prefix_titles.get(typed, ()), *self.vocab.short_titles.get(typed, ())]
        if any(it.id == item.id for it in named):
            return False  # 'close encounters', 'temple of doom': a short name of the title
        allowed = 1 if len(typed) < 16 else 2
        return all(Levenshtein.distance(typed, name) > allowed for name in names)

    def _not_as_seen(self, i: int, n: int) -> bool:
        """ "not jaws i've seen it", 'no heat, seen it already': a title turned down because it
        was watched."""
        prev = self.toks[i - 1].text if i > 0 else ""
        after = " ".join(t.text for t in self.toks[i + n : i + n + 8])
        before = " ".join(t.text for t in self.toks[max(0, i - 5) : i])
        # 'please dont recommend the shining, ive seen it': the same refusal said as a request
        refused = (
            prev in ("not", "no")
            or re.search(_DONT_SHOW_BEFORE, before) is not None
            # 'not Jaws or Jaws 2, seen both': the second of a list turned down
            or re.search(r"\b(?:not|no)\s+[^.;!?]{1,40}?\s+(?:or|and|nor|,)\s*$", before)
            is not None
        )
        # ('not Jaws or Jaws 2, seen both': the first, with the rest of the list after it)
        after = re.sub(r"^(?:or|and|nor|,)\s+(?:[^,.;!?\s]+\s+){1,5}?(?=,)", "", after)
        return refused and re.match(SEEN_IT_AFTER, after) is not None

    def _turned_down_too(self, i: int, n: int) -> bool:
        """'not elf either', 'no heat either': the whole message turns one more title down, as
        the user did the last one."""
        words = [t.text for t in self.toks if t.text not in (".", "!", "?")]
        return (
            i >= 1
            and words[i - 1 : i] in (["not"], ["no"], ["nor"])
            and words[i + n : i + n + 1] == ["either"]
            and len(words) <= i + n + 2
            and all(w in ("not", "no", "nor", "and", "ok", "okay", "also") for w in words[: i - 1])
        )

    def _added_to_last(self, i: int, n: int, key: str, words: list[str]) -> bool:
        """The message only adds the span, a catalogue title, to what the user said before:
        'and ronin', 'the room too', 'also drive' (after an earlier message)."""
        return (
            bool(self.state.said)
            and key in self.vocab.titles
            and all(
                not t.text.isalnum() or t.text in _ADDED_WORDS
                for k, t in enumerate(self.toks)
                if not i <= k < i + n
            )
            and any(t.text in _ADDED_WORDS for t in self.toks)
            and not any(w in SMALL_TALK or w in FILLER_WORDS or w in PRONOUNS for w in words)
            and not _verdict_phrase(words)
        )

    def _films_said_last(self) -> bool:
        """The user's last message named a film the session holds (liked, seen or turned
        down): a message after it that only adds a title continues that list."""
        return bool(self.state.said) and bool(
            held_films_named(self.state.said[-1], self.state, self.vocab.catalog)
        )

    def _series_of_state(self, key: str) -> bool:
        """A film of this title is in the same series as a film the session holds as liked,
        seen or turned down ('seen alien' -> 'aliens too')."""
        catalog = self.vocab.catalog
        held = {
            catalog.get(i).extra.get("series")
            for i in (*self.state.liked, *self.state.seen, *self.state.disliked)
            if i in catalog
        } - {None, ""}
        return bool(held) and any(
            it.extra.get("series") in held for it in self.vocab.titles.get(key, ())
        )

    def _same_series_named(self, key: str) -> bool:
        """A film of this title is in the same series (the catalogue's omdb.org series) as a
        title the message already names: 'i loved alien but not aliens' ('aliens' is otherwise
        the kind of film)."""
        named = {
            t.item.extra.get("series")
            for t in self.targets
            if t.kind == "item" and t.item is not None
        } - {None, ""}
        return bool(named) and any(
            it.extra.get("series") in named for it in self.vocab.titles.get(key, ())
        )

    def _ranked_or_versus(self, i: int, n: int, words: list[str]) -> bool:
        """The span is a member of a ranking or a match-up of films: 'the prestige > inception >
        tenet', 'shawshank > green mile imo', 'interstellar vs gravity', 'heat versus ronin',
        or one of the two of a message that is only 'A or B?' ('godfather or goodfellas?').
        Each member is at most five words and opens or closes at a clause edge."""
        edge = CLAUSE_BREAK | {""}
        prev = words[i - 1] if i > 0 else ""
        nxt = words[i + n] if i + n < len(words) else ""
        link = (">", "vs", "versus", "vs.", "<")
        # 'a > b': the word before the member or after it links two members of one match-up
        if prev in link or nxt in link:
            # the member fills the place between the links and the clause edges ('return' of
            # 'return of the jedi' is no member)
            far = words[i - 2] if i > 1 else ""
            closes = nxt in link or nxt in edge or nxt in CHAT_ABBREVIATIONS
            opens = prev in link or prev in edge
            return (
                opens
                and closes
                and ((prev in link and far not in edge) or (nxt in link and i + n + 1 < len(words)))
            )
        # 'is A as good as B?', 'was A better than B': the two compared in a question
        text = " ".join(words)
        asked = re.match(
            r"(?:is|was|are|were) (?P<a>.+?) (?:as good as|better than|worse than|"
            r"scarier than|funnier than|as scary as|as funny as) (?P<b>.+?)\s*(?:[?,.!]|$)",
            text,
        )
        if asked is not None:
            a0 = len(text[: asked.start("a")].split())
            b0 = len(text[: asked.start("b")].split())
            a1, b1 = a0 + len(asked["a"].split()), b0 + len(asked["b"].split())
            if (i, i + n) in ((a0, a1), (b0, b1)) or (
                words[i - 1 : i] == ["the"] and (i - 1, i + n) in ((a0, a1), (b0, b1))
            ):
                return True
        # 'A or B?' as a whole sentence: the two compared
        start = max((k + 1 for k in range(i) if words[k] in edge - {""}), default=0)
        end = next((k for k in range(i + n, len(words)) if words[k] in edge - {""}), len(words))
        sentence = words[start:end]
        if "or" not in sentence or end >= len(words) or words[end] != "?":
            return False
        cut = sentence.index("or")
        left, right = sentence[:cut], sentence[cut + 1 :]
        if any(self.vocab.facet_terms.get(tuple(side)) for side in (left, right)):
            return False  # 'comedy or drama?': two kinds of film
        return (
            0 < len(left) <= 5
            and 0 < len(right) <= 5
            and (i == start and i + n == start + cut or i == start + cut + 1 and i + n == end)
        )

    def _asked_who(self, i: int) -> bool:
        """A question who made or plays in the film at token i: 'who directed jaws', "who's
        in heat?", 'who stars in up'."""
        before = " ".join(t.text for t in self.toks[max(0, i - 7) : i])
        return self.toks[0].text in ("who", "who's", "whos") and bool(
            re.search(
                r"\b(?:direct(?:ed|s)?|made|make|wrote|write|produced|(?:stars?|starred|plays?|"
                r"played|acts?|acted|is|was|are|were|'s|s) in|"
                # 'who plays the joker in the dark knight', 'who voiced woody in toy story'
                r"(?:plays?|played|voices?|voiced) (?:the |a |an )?[\w'-]+(?: [\w'-]+)? in)$",
                before,
            )
        )

    def _cue_after(self, i: int, n: int, *, adjacent: bool = False) -> bool:
        """A verb and a sentiment or seen cue right after the span: 'predator was great',
        'gladiator and braveheart are my favourites', 'casablanca - all watched', 'the matrix,
        that was amazing' (a pronoun taking the span up again). With `adjacent`, the cue must
        come first after those words ('the matrix, loved it'; not 'home alone, i'd like ...')."""
        words = [t.text for t in self.toks]
        k = i + n
        while k < len(words) and words[k] in (
            *("and", "or", ",", "&", "-", "both", "all", "were"),
            *("tho", "though"),  # 'pretty woman tho, love it'
        ):
            k += 1
        if k > i + n and words[k - 1] in (",", "-") and k < len(words) and words[k] in PRONOUNS:
            k += 1  # the pronoun that takes the span up again
            if k < len(words) and words[k] in ("one", "movie", "film"):
                k += 1
        if (
            k < len(words)
            and words[k] in DENIED_COPULAS
            and denial_end(words, k + 1) is not None
            and not all(w in PRONOUNS or w in FILLER_WORDS for w in words[i : i + n])
        ):
            return True  # 'collateral wasn't', 'cars wasn't at all': a verdict on the film
        if (
            k < len(words)
            and words[k] in DENIED_COPULAS
            and not all(w in PRONOUNS or w in FILLER_WORDS for w in words[i : i + n])
            and not any(t.raw[:1].isupper() for t in self.toks[k + 1 : k + 4])
        ):
            # 'gravity wasnt good at all', 'heat wasn't what i expected': a denied verdict
            return _cue_within(words[k : k + 6], (POSITIVE_CUES, NEGATIVE_CUES, LUKEWARM_CUES))
        if k < len(words) and words[k] in ("was", "is", "were", "are"):
            k += 1
        if adjacent and any(w in ("and", "or", "&") for w in words[i + n : k]):
            return False  # 'watched X last night and loved it': the verdict is X's
        j = k
        while j > i + n and j < len(words) and words[j] in _DEGREE_WORDS:
            j += 1  # 'was way too confusing', 'is a bit too long'
        if (
            not adjacent
            and words[j : j + 1] in (["too"], [CRITIQUE_MARK])
            and k > i + n
            and words[k - 1] in COPULAS
            and not self._everyday_words([w for w in words[i : i + n] if w != "the"])
        ):
            # 'inception was too confusing': a complaint about the film ('the heat was too
            # much today' is the weather)
            return True
        if words[k : k + 2] == ["one", "of"] and k + 2 < len(words):
            k += 3  # 'Alien is one of my all-time faves': the cue follows 'one of my'
        if (
            k > i + n
            and words[k - 1] in COPULAS
            and (
                copula_verdict(words, k) is not None
                # a verdict the tables lack ('Heat was abysmal'): for a span typed as a title
                # or of words not everyday ('the heat was unbearable today' is the weather)
                or (
                    (
                        self.toks[i].raw[:1].isupper()
                        or not self._everyday_words([w for w in words[i : i + n] if w != "the"])
                    )
                    and self._learned_verdict(k) is not None
                )
            )
            # not 'it was funny', 'the old one is a classic': a pronoun is no title
            and not all(w in PRONOUNS or w in FILLER_WORDS for w in words[i : i + n])
            # not 'that tickled me was Epic (2013)': a capitalised word is a title of its own
            # (in the predicate: 'Heat was wild, Drive was great' has the next title after it)
            and not any(
                t.raw[:1].isupper()
                for t in itertools.takewhile(
                    lambda t: t.text not in CLAUSE_BREAK, self.toks[k : k + 3]
                )
            )
        ):
            return True  # 'split was wild', 'drive was so slow'
        tables = (POSITIVE_CUES, NEGATIVE_CUES, SEEN_CUES, SHAKEN_CUES, LUKEWARM_CUES)
        if k > i + n and words[k - 1] in (",", "-"):
            # 'Heat, so overrated', 'Heat - really boring': the words of degree before it
            while k < len(words) and words[k] in _DEGREE_WORDS:
                k += 1
        if k > i + n and _cue_within(words[k : k + 4], tables, first_only=adjacent):
            return True
        # 'Heat, magnificent', 'Troy - abysmal': a verdict the tables lack, the whole clause
        # after the comma or dash
        return (
            not adjacent
            and k == i + n + 1
            and words[k - 1] in (",", "-", "–", "—", ":")
            and self._learned_verdict(k) is not None
        )

    def _learned_verdict(self, k: int) -> tuple[str, int] | None:
        """The learned classifier's verdict (chatbot.understanding.verdicts) on the predicate
        that opens at token k and runs to the clause's end ('abysmal', 'a total bore'), as (cue
        kind, tokens); None without the model, for a predicate of more than six words or one
        that holds a title, facet or cue the parse already read ('a war film', 'long with my
        dad'), or one the model gives no verdict at its threshold."""
        model = self.vocab.verdicts
        if model is None:
            return None
        words = [t.text for t in self.toks]
        end = next((j for j in range(k, len(words)) if words[j] in CLAUSE_BREAK), len(words))
        if not 0 < end - k <= 6 or not self._free(k, end - k):
            return None
        if any(t.pos in range(k, end) for t in self.targets) or not any(
            w.isalpha() for w in words[k:end]
        ):
            return None
        if _cue_within(
            words[k + 1 : end],
            (POSITIVE_CUES, NEGATIVE_CUES, SHAKEN_CUES, LUKEWARM_CUES, EFFECT_PHRASES, SEEN_CUES),
        ):
            # 'terrifying in the best way', 'never seen it': the tables read the rest of it
            return None
        found = model.read(words[k:end])
        return None if found.kind is None else (found.kind, end - k)

    def _title_end(self, pos: int) -> int:
        """The token after the title that starts at token `pos`: the run of used words (a
        title's tokens are used once found), at most the longest title's length."""
        end = pos + 1
        while (
            end < len(self.toks)
            and end - pos < self.vocab.max_title_tokens
            and self.toks[end].used
            and self.toks[end].text.isalnum()
            and not any(t.pos == end for t in self.targets)
        ):
            end += 1
        return end

    def _denied_verb_verdict(self, k: int, *, subject: bool = True) -> tuple[str, int] | None:
        """A verb denied right after a title that opens its clause, in words the cue tables lack
        ('Heat never impressed me', "Ronin didn't hold my attention", "Coco didn't scare me"),
        read by the learned classifier (in the verb's past form too: 'grab me' -> 'grabbed
        me'), as (cue kind, tokens from the negation at k to the clause's end). Praise denied is
        a complaint ("neg"); a complaint or an effect denied, or a verb the model gives no
        verdict said of the user ('me', 'my', 'us'), says watched ("seen"). None otherwise
        ('Dune 3 doesn't come out till June'), and without `subject` the title before is not
        looked for (title plausibility asks before the title is taken)."""
        words = [t.text for t in self.toks]
        if k >= len(words) or words[k] not in _DENYING or self.toks[k].used:
            return None
        j = k + 2 if words[k] in ("did", "does", "do") else k + 1
        if j - k == 2 and words[k + 1 : k + 2] != ["not"]:
            return None
        while j < len(words) and words[j] in _VERDICT_ADVERBS | _DENIED_VERB_FILLERS:
            j += 1
        # the clause ends at a break or at 'and' / 'or' ('Heat never impressed me and Drive
        # bored me')
        end = next(
            (m for m in range(j, len(words)) if words[m] in CLAUSE_BREAK | {"and", "or", "&"}),
            len(words),
        )
        if not 0 < end - j <= 5 or not self._free(k, end - k) or not words[j].isalpha():
            return None
        if any(t.pos in range(k, end) for t in self.targets):
            return None
        if subject and not any(
            t.kind == "item"
            and self._title_end(t.pos) == k
            and (t.pos == 0 or words[t.pos - 1] in CLAUSE_BREAK | {"and", "&"})
            for t in self.targets
        ):
            return None
        felt = (SHAKEN_CUES, EFFECT_PHRASES)
        if any(
            _cue_within([verb, *words[j + 1 : end]], felt, first_only=True)
            for verb in dict.fromkeys((words[j], *_past_forms(words[j])))
        ):
            return "seen", end - k  # "Alien never scared me", "Coco didn't wreck me"
        tables = (POSITIVE_CUES, NEGATIVE_CUES, SHAKEN_CUES, LUKEWARM_CUES, EFFECT_PHRASES)
        if _cue_within(words[j:end], tables) or negated_complaint_end(words, k) is not None:
            return None  # "didn't like it", "never disappoints": the tables read them
        model = self.vocab.verdicts
        kinds = set()
        if model is not None:
            rest = words[j + 1 : end]
            for verb in dict.fromkeys((words[j], *_past_forms(words[j]))):
                if (found := model.read([verb, *rest]).kind) is not None:
                    kinds.add(found)
        if "pos" in kinds:
            return "neg", end - k
        if kinds or set(words[j:end]) & {"me", "my", "us", "our"}:
            return "seen", end - k
        return None

    def _meant_after_not(self, i: int, n: int) -> bool:
        """The message opens with 'not <a title>,' and the span is all that follows, bar a word
        of apology ('not Drive, sorry, Heat', 'not aliens, alien. the first one'): the film
        meant instead of one named before."""
        m = OPENS_NOT_X.match(self.text.lower())
        if m is None or normalize_title(m["x"]) not in self.vocab.titles:
            return False
        words = [t.text for t in self.toks]
        k = next((j for j, w in enumerate(words) if w in CLAUSE_BREAK | {"-"}), -1)
        if k < 0 or i <= k:
            return False
        between = [w for w in words[k:i] if w not in CLAUSE_BREAK | {"-"}]
        after = words[i + n : i + n + 1]
        return all(w in _APOLOGIES for w in between) and (
            not after or after[0] in CLAUSE_BREAK | {"-"}
        )

    def _denied_after(self, k: int) -> bool:
        """A complaint denied (`negated_complaint_end`) or a verb denied
        (`_denied_verb_verdict`) opens at token k: a verdict on the subject before it."""
        words = [t.text for t in self.toks]
        if k < len(words) and words[k] in ("has", "had", "is", "was", "'s"):
            k += 1  # 'Speed has not a single dull moment'
        return (
            negated_complaint_end(words, k) is not None
            or self._denied_verb_verdict(k, subject=False) is not None
        )

    def _judged_before(self, i: int) -> bool:
        """A film found before token i has a denied or complaining verdict right after it in
        its clause ('drive was not for me, ...', "heat wasn't great, ...")."""
        words = [t.text for t in self.toks]
        return any(
            t.kind == "item"
            and t.pos < i
            and (
                _cue_within(words[t.pos + 1 : i], (NEGATIVE_CUES,))
                or any(w in DENIED_COPULAS or w == "not" for w in words[t.pos + 1 : i])
            )
            for t in self.targets
        )

    def _contrast_ellipsis(self, i: int, n: int) -> bool:
        """The span after 'but' is the subject of a bare 'was' / 'did' closing the clause, set
        against a film named before ("Titanic wasn't for me, but Ghost was", 'Heat didn't work
        for me but Ronin did'): the verb stands for the verdict said before, turned round."""
        k = i + n
        words = [t.text for t in self.toks]
        return (
            i >= 2
            # ('drive was not for me, heat was': the comma sets them against each other too)
            and words[i - 1] in ("but", ",", ";", "whereas", "while")
            and k < len(words)
            and words[k] in _ELLIPTIC_VERBS
            and (k + 1 == len(words) or words[k + 1] in CLAUSE_BREAK | {"!", "lol"})
            and any(t.kind == "item" and t.pos < i - 1 for t in self.targets)
        )

    def _capitalised_fragment_judged(self, i: int, n: int) -> bool:
        """Everyday words typed capitalised as a title, then ':', a dash or a comma and a
        verdict that is the whole clause ('Heat - magnificent', 'Gravity: gorgeous', 'Heat, my
        favourite'); not a heading before a list ('Heat: the films I love') nor a comma before
        a clause of its own ('Fine, I loved Heat')."""
        k = i + n
        toks = self.toks
        if not (
            toks[i].raw[:1].isupper()
            and not self.text.isupper()
            and k + 1 < len(toks)
            and toks[k].text in (":", "-", "–", "—", ",", "?")
        ):
            return False
        if toks[k].text != ",":  # ('Drive? No complaints at all')
            return self._fragment_before_verdict(i, n)
        words = [t.text for t in toks]
        end = next((j for j in range(k + 1, len(words)) if words[j] in CLAUSE_BREAK), len(words))
        clause = tuple(words[k + 1 : end])
        if not 0 < len(clause) <= 6:
            return False
        said = copula_verdict(words, k + 1)
        if said is not None and said[0] != "seen" and k + 1 + said[1] == end:
            return True
        if any(clause == p for table in (POSITIVE_CUES, NEGATIVE_CUES) for p in table):
            return True
        return self._learned_verdict(k + 1) is not None

    def _verb_verdict_closes(self, k: int) -> bool:
        """A one-word verdict verb in the present or past ('rocks', 'slaps', 'sucked', from the
        cue tables) is token k and closes its clause ('Speed rocks but Split was dumb'), so it
        judges the words before it; not 'Heat rocks the house'."""
        words = [t.text for t in self.toks]
        if k >= len(words) or not re.fullmatch(r"[a-z]+(?:s|ed)", words[k]):
            return False
        if (words[k],) not in POSITIVE_CUES and (words[k],) not in NEGATIVE_CUES:
            return False
        return k + 1 == len(words) or words[k + 1] in CLAUSE_BREAK

    def _verdict_without_time(self, k: int) -> bool:
        """A copula's predicate opening at token k names no stretch of time up to the clause's
        end ('stunning', 'the weakest'; not 'a great year', 'a rough summer for me')."""
        words = [t.text for t in self.toks]
        end = next((j for j in range(k, len(words)) if words[j] in CLAUSE_BREAK), len(words))
        return not any(w.removesuffix("s") in _TIME_NOUNS | _SEASONS for w in words[k:end])

    def _before_listed_title(self, i: int, n: int) -> bool:
        """The span is followed by ',' / 'and' / 'or' and a title already found: the first
        member of a list ('die hard and predator are my favourites')."""
        k = i + n
        if k < len(self.toks) and self._run_on_member_at(k):
            return True  # 'the matrix inception and tenet - seen them all': no comma typed
        if k < len(self.toks) and self.toks[k].text == "." and self._abbreviation_dot(k):
            k += 1  # 'Monsters, Inc. and Up were great': the dot of the title's abbreviation
        # 'Heat meets Ocean's Eleven': a cross of two titles is a list of two
        if k >= len(self.toks) or self.toks[k].text not in (",", "and", "or", "&", "meets"):
            return False
        starts = {k + 1}  # the next title may start at its article ('and the prestige') or after
        if k + 1 < len(self.toks) and self.toks[k + 1].text in ("the", "a", "an"):
            starts.add(k + 2)
        return any(t.kind == "item" and t.pos in starts for t in self.targets)

    def _run_on_member_at(self, k: int) -> bool:
        """A title already found starts at token k and a list goes on after it with ',' or
        'and' and another title: k is the second member of a list typed without commas."""
        here = [t for t in self.targets if t.kind == "item" and t.pos == k]
        if not here:
            return False
        end = k
        while end < len(self.toks) and self.toks[end].used:
            end += 1
        return self._before_listed_title(k, end - k) if end > k else False

    def _listed_under_both(self, i: int, n: int) -> bool:
        """The clause is nothing but two or more catalogue titles (exact keys, joined by 'and',
        ',', '&', 'or') and then 'were both' / 'are all' / ', both' with a verdict: 'cars and up
        were both boring', '2046 and 1408, both excellent'; the span i..i+n one of them."""
        toks = self.toks
        lo = i
        while lo > 0 and toks[lo - 1].text not in CLAUSE_BREAK - {","}:
            lo -= 1
        end = next(
            (
                e
                for e in range(i + n, min(len(toks), i + n + 12))
                if toks[e].text in ("were", "are", "both", "all")
                and any(t.text in ("both", "all") for t in toks[e : e + 2])
            ),
            None,
        )
        if end is None:
            return False
        k = end
        while k < len(toks) and toks[k].text in ("were", "are", "both", "all", "so", "really"):
            k += 1
        if not (self._closing_verdict(k, everyday=False) or self._verdict_at(k)):
            return False
        words = [t.text for t in toks[lo:end]]
        while words and words[-1] == ",":
            words.pop()
        spans = self._title_spans(words, {",", "and", "or", "&"})
        return spans is not None and len(spans) >= 2 and (i - lo, n) in spans

    def _paired_verdicts(self, i: int, n: int) -> bool:
        """The message is two or more clauses of a title and a verdict that takes no object
        ('Signs underrated, Speed fun, Drive gorgeous', 'heat superb, ronin meh'), the span
        i..i+n the title of one: shorthand that rates films one by one. One such clause alone
        is no evidence for an everyday word ('traffic awful')."""
        bounds = [-1, *(k for k, t in enumerate(self.toks) if t.text in CLAUSE_BREAK)]
        bounds.append(len(self.toks))
        rated: list[int] = []
        for a, b in itertools.pairwise(bounds):
            start = a + 1
            if start >= b:
                continue
            for m in range(min(b - start - 1, 6), 0, -1):
                words = [t.text for t in self.toks[start : start + m]]
                if words[0] in ("the", "a", "an", "my", "our", "this", "that"):
                    break  # 'the food awful': a thing with its article, no shorthand title
                key = normalize_title(" ".join(words))
                if key not in self.vocab.titles or any(w in _LIST_PRONOUNS for w in words):
                    continue
                if self._closing_verdict(start + m, everyday=False) or (
                    # 'up yes, cars no. something for the kids': a yes or a no per title
                    self._closed_by_yes_or_no(start, m)
                ):
                    rated.append(start)
                break
        return len(rated) >= 2 and i in rated

    def _bare_title_list(self, i: int, n: int) -> bool:
        """The message is nothing but two or more catalogue titles (exact keys) joined by ',',
        'and', 'or', '&' (with 'also' / 'plus' / 'too' / 'both' around them), the span i..i+n
        one of them: 'ratatouille and coco' answers what one liked or goes on with a list.
        Pronouns, filler and small-talk words never count as such a title ('me and you')."""
        joins = {",", "and", "or", "&", "+", "/", "also", "plus", "too", "both", ".", "!"}
        words = [t.text for t in self.toks]
        spans = self._title_spans(words, joins)
        if spans is None or any(
            m == 1
            and (words[k] in SMALL_TALK or words[k] in FILLER_WORDS or words[k] in _LIST_PRONOUNS)
            for k, m in spans
        ):
            return False  # 'me and you': pronouns, filler and small talk are no such titles
        return len(spans) >= 2 and (i, n) in spans

    def _one_more_too(self, i: int, n: int, words: list[str]) -> bool:
        """'room was too sad, wild too', 'loved heat, drive also': after a film the message
        judged, a title closing its clause with 'too' / 'also' takes that film's verdict; no
        pronoun, person, filler or word of the user's day ('loved heat, my wife too')."""
        toks = self.toks
        prev = toks[i - 1].text if i > 0 else ""
        nxt = toks[i + n].text if i + n < len(toks) else ""
        after = toks[i + n + 1].text if i + n + 1 < len(toks) else ""
        return (
            # ('loved heat and collateral. miami vice too honestly': a sentence of its own)
            prev in (",", "and", "&", "plus", ".", "!", ";")
            and nxt in ("too", "also")
            and (not after or after in CLAUSE_BREAK or after in _AFTERTHOUGHTS)
            and any(t.kind == "item" and t.pos < i for t in self.targets)
            and not any(
                w in PRONOUNS
                or w in SMALL_TALK
                or w in FILLER_WORDS
                or w in USERS_DAY
                or w in _SOMEONES
                for w in words
            )
        )

    def _named_again(self, i: int, n: int, key: str) -> bool:
        """The span repeats, word for word, a title the message already named before it, as
        the object of a verdict or watching verb or the subject of a copula ('big, her and
        signs - seen them all, liked her the most', 'heat and ronin, heat was better')."""
        typed = [t.text for t in self.toks[i : i + n]]
        prev = self.toks[i - 1].text if i > 0 else ""
        nxt = self.toks[i + n].text if i + n < len(self.toks) else ""
        if not (prev in _RUN_VERBS or nxt in COPULAS) or typed in (["it"], ["that"], ["this"]):
            return False  # ('saw It (1990) and Carrie and enjoyed it': the pronoun of Carrie)
        return any(
            t.kind == "item"
            and t.item is not None
            and t.pos < i - n
            and not t.from_reference
            and [x.text for x in self.toks[t.pos : t.pos + n]] == typed
            and normalize_title(t.item.title) == key
            for t in self.targets
        )

    def _title_ending_at(self, words: list[str], e: int) -> int:
        """Width (1-6) of the longest catalogue title (exact key) whose words end right before
        index e, with no list join inside; 0 when none."""
        return next((m for m in range(min(e, 6), 0, -1) if self._run_member(words[e - m : e])), 0)

    def _title_starting_at(self, words: list[str], k: int) -> int:
        """Width (1-6) of the longest catalogue title (exact key) starting at index k, with no
        list join inside; 0 when none."""
        widths = range(min(len(words) - k, 6), 0, -1)
        return next((m for m in widths if self._run_member(words[k : k + m])), 0)

    def _run_member(self, span: list[str]) -> bool:
        """The words are one catalogue title (exact key) with no list join inside, opening and
        closing on a word ('collateral =': a sign is no word of a title)."""
        return (
            any(c.isalnum() for c in span[0])
            and any(c.isalnum() for c in span[-1])
            and not any(w in _RUN_JOINS for w in span)
            and normalize_title(" ".join(span)) in self.vocab.titles
        )

    def _listed_run(self, i: int, n: int) -> bool:
        """The span i..i+n is one of two or more catalogue titles (exact keys) typed as a list
        with nothing else between them, whatever the separators (',', 'and', '&', '+', '/', '-',
        '.', a bullet or numbered line), and the list stands on its own: it opens the message
        or a sentence, or follows a verb of liking or watching ('loved collateral - drive -
        heat'), and ends the message or a sentence, or is followed by a break before the
        verdict on all of them ('heat. ronin. collateral. all loved.', 'the dark knight /
        batman begins / the prestige - loved all three'). Small talk, verdict words and the
        user's day never count as members, filler words ('big') only in a list of three or
        more, and a list needs two members that are no pronouns."""
        words = [t.text for t in self.toks]
        spans = [(i, n)]
        j = i
        while j >= 2 and words[j - 1] in _RUN_JOINS:
            sep = j - 1
            if words[sep] == "and" and sep >= 1 and words[sep - 1] == ",":
                sep -= 1  # 'goodfellas, the departed, and casino'
            m = self._title_ending_at(words, sep)
            if not m:
                break
            j = sep - m
            spans.insert(0, (j, m))
        e = i + n
        while e + 1 < len(words) and words[e] in _RUN_JOINS:
            start = e + 1
            if words[e] == "," and words[start] == "and":
                start += 1
            m = self._title_starting_at(words, start) if start < len(words) else 0
            if not m:
                break
            spans.append((start, m))
            e = start + m
        members = [" ".join(words[k : k + m]) for k, m in spans]
        if any(
            w in SMALL_TALK
            or w in _MORE_WORDS
            or w in USERS_DAY
            # ('great, thanks. more'): a verdict word is no member ('big' is)
            or any(p == (w,) for p in (*POSITIVE_CUES, *NEGATIVE_CUES, *LUKEWARM_CUES))
            or (w in FILLER_WORDS and len(spans) < 3)
            for w in members
        ):
            return False
        if sum(1 for w in members if w not in _LIST_PRONOUNS) < 2:
            return False
        before = words[j - 1] if j > 0 else ""
        opens = (
            before in ("", ".", "!", "?", ":", ";", "-", "–", "—")
            or before in _RUN_VERBS
            # 'seen them all: heat, ronin and drive'
            or (j >= 2 and words[j - 2] in _RUN_VERBS and before in ("all", "both", ":"))
        )
        after = words[e] if e < len(words) else ""
        closes = after in ("", ".", "!", "?", ":", "-", "–", "—", ",", ";", "=")
        return opens and closes

    def _series_mates_again(self) -> None:
        """A one-word title read before the films of the message were all found ('A New Hope
        and Empire': Empire (1964), then A New Hope) is read again against all of them, as
        `_series_mate` reads it against those found before it."""
        for k, t in enumerate(self.targets):
            if t.kind != "item" or t.item is None or t.from_reference:
                continue
            key = normalize_title(t.item.title)
            if self.toks[t.pos].text != key:
                continue
            saved = self.targets
            self.targets = saved[:k] + saved[k + 1 :]
            try:
                mate = self._series_mate(key, [t.item])
            finally:
                self.targets = saved
            if mate is not None:
                self.targets[k] = replace(t, item=mate)

    def _series_mate(self, key: str, items: Sequence[Item]) -> Item | None:
        """'Jurassic Park was great, the lost world was bad': a longer title that starts with
        the words typed (The Lost World: Jurassic Park) and shares a franchise, series or
        person with a film this message named before or the session holds, when none of the
        films of the typed title does (The Lost World (1998)); None otherwise."""
        mates = [t.item for t in self.targets if t.item is not None]
        mates += [
            self.vocab.catalog.get(i)
            for i in (*self.state.liked, *self.state.seen, *self.state.disliked)
            if i in self.vocab.catalog
        ]
        # every film of the typed title, not only those of a year said or a version meant
        items = [*items, *self.vocab.titles.get(key, ())]
        if not mates or any(it in mates for it in items):
            return None  # ('loved the mummy but not the remake': the title said again)

        def kin(a: Item, b: Item) -> bool:
            if a.id == b.id:
                return False
            shared = any(
                set(a.facet(f)) & set(b.facet(f)) for f in ("franchise", "person", "studio")
            )
            series = a.extra.get("series")
            return shared or (bool(series) and series == b.extra.get("series"))

        if any(kin(it, m) for it in items for m in mates):
            return None
        longer = [
            it
            for k, its in self.vocab.titles.items()
            if k.startswith(key + " ") and len(k) - len(key) < 40
            for it in its
        ]
        # 'the first star wars and empire': the start of a subtitle ('The Empire Strikes Back')
        longer += [
            it
            for k in self.vocab.subtitle_keys
            if k.startswith(key + " ") and len(k) - len(key) < 40
            for it in self.vocab.short_titles.get(k, ())
        ]
        found = [it for it in longer if any(kin(it, m) for m in mates)]
        return found[0] if len({it.id for it in found}) == 1 else None

    def _apposed_version(self, k: int) -> int:
        """How many tokens from k make up an apposition that tells a film apart by a capitalised
        name: ', the Cronenberg one', ', the Michael Mann film' (0: none)."""
        toks = self.toks
        if k + 3 >= len(toks) or toks[k].text != "," or toks[k + 1].text != "the":
            return 0
        j = k + 2
        while j < len(toks) and j < k + 5 and toks[j].raw[:1].isupper():
            j += 1
        if j == k + 2 or j >= len(toks) or toks[j].text not in ("one", "version", "film", "movie"):
            return 0
        return j + 1 - k

    def _a_person_ends_at(self, k: int) -> bool:
        """Tokens up to k end a person's name of the person index, typed with capitals ('Ryan
        Gosling', 'Hanks'), not as someone met ('saw Tom Hanks in London')."""
        for m in (3, 2, 1):
            if k - m + 1 < 0:
                continue
            toks = self.toks[k - m + 1 : k + 1]
            found = self.vocab.facet_terms.get(tuple(t.text for t in toks))
            if (
                found is not None
                and found[0] == "person"
                and all(t.raw[:1].isupper() for t in toks)
            ):
                # ('I saw Tom Hanks in London once', 'met Hugh Grant in Notting Hill': the
                # person met, where they were, no film)
                return k - m < 0 or self.toks[k - m].text not in _MEETING_VERBS
        return False

    def _capitalised_lists(self) -> set[tuple[int, int]]:
        """(start, length) of each title in a list of three or more catalogue titles (exact
        keys), each typed with a capital, joined by ',' / 'and' / 'or' / '&' / '...' alone
        ('Heat, Drive, Crash...'), fewer than half of them days or places per the parse, or of
        two joined by 'and' / 'or' that are no day, place or person ('Speed and Taken'); read
        once per message."""
        if self._cap_lists is not None:
            return self._cap_lists
        joins = {",", "and", "or", "&", "...", "…"}
        words = [t.text for t in self.toks]
        out: set[tuple[int, int]] = set()
        a = 0
        while a < len(words):
            if not self.toks[a].raw[:1].isupper() or words[a] in joins:
                a += 1
                continue
            best: list[tuple[int, int]] = []
            for b in range(min(len(words), a + 40), a, -1):
                if words[b - 1] in joins:
                    continue
                spans = self._title_spans(words[a:b], joins)
                if spans:
                    best = [(a + k, m) for k, m in spans]
                    break
            # ('Yes, Heat and Drive are great': a word of talk is no member)
            while best and best[0][1] == 1 and _talk_word(words[best[0][0]]):
                best = best[1:]
            capitalised = all(self.toks[k].raw[:1].isupper() for k, _ in best)
            # ('Monday, Tuesday and Friday are my movie nights', 'London, Paris and Rome are my
            # favourite cities': days and places the parse knows, no list of films)
            places = sum(
                m == 1
                and (
                    words[k] in _WHEN_WORDS
                    or ((w := self._word(k)) is not None and w.ent in ("GPE", "LOC", "DATE"))
                )
                for k, m in best
            )
            # two titles joined by 'and' / 'or', the second capitalised inside the sentence,
            # and neither a day, a place or a person ('Speed and Taken bored me'; not 'Anna
            # and Elsa loved it', 'Monday and Friday')
            pair = (
                len(best) == 2
                and capitalised
                and places == 0
                and words[best[1][0] - 1] in ("and", "or", "&")
                and best[1][0] == best[0][0] + best[0][1] + 1
                # (the parse may take one title for a name: 'Signs and Split' has Split a
                # person; two names, 'Anna and Elsa', are people)
                and not all(
                    (w := self._word(k)) is not None and w.ent in ("PERSON", "ORG", "NORP")
                    for k, _ in best
                )
            )
            if (len(best) >= 3 or pair) and capitalised and places * 2 < len(best):
                out.update(best)
                a = best[-1][0] + best[-1][1]
            else:
                a += 1
        self._cap_lists = out
        return out

    def _title_spans(self, words: list[str], joins: set[str]) -> list[tuple[int, int]] | None:
        """`words` cut into catalogue titles (exact keys, the longest first, up to six words)
        with only `joins` between them: (start, length) of each; None when a word belongs to
        no title or two titles touch ('a war epic': no 'and' or ',' between the members)."""
        spans: list[tuple[int, int]] = []
        k = 0
        while k < len(words):
            if words[k] in joins:
                k += 1
                continue
            m = next(
                (
                    m
                    for m in range(min(len(words) - k, 6), 0, -1)
                    if not any(w in joins for w in words[k : k + m])
                    and normalize_title(" ".join(words[k : k + m])) in self.vocab.titles
                ),
                0,
            )
            if not m or (spans and spans[-1][0] + spans[-1][1] == k):
                return None
            spans.append((k, m))
            k += m
        return spans

    def _next_in_list(self, i: int) -> bool:
        """Token i follows ',', 'and' or 'or' right after a title already found."""
        if self._next_past_adverbial(i):
            return True
        k = i - 1
        if k > 0 and self.toks[k].text in ("the", "a", "an"):
            k -= 1
        if (
            k > 1
            and self.toks[k].text in ("also", "plus", "then")
            and self.toks[k - 1].text
            in (
                ",",
                "and",
                ";",
            )
        ):
            k -= 1  # 'loved heat, also goodfellas', 'the matrix reloaded, plus die hard 2'
        if (
            k >= 1
            and self.toks[k].used
            and self._run_on_list(k)
            # 'Speed fun, Drive gorgeous': the verdict on the title, no next member
            and not (k == i - 1 and self._closing_verdict(i, everyday=False))
        ):
            return True  # 'seen the matrix inception tenet and dunkirk': no commas typed
        if k < 1 or self.toks[k].text not in (",", "and", "or", "&", ";", "+", "/"):
            return False
        if k > 1 and self.toks[k].text in ("and", "or") and self.toks[k - 1].text == ",":
            k -= 1  # 'goodfellas, the departed, and casino'
        last = k - 1
        if last > 0 and self.toks[last].text == "." and self._abbreviation_dot(last):
            last -= 1  # 'monsters, inc. and up': the dot of the title before
        if any(t.kind == "item" and t.pos < k and self.toks[last].used for t in self.targets):
            return True
        # 'hated the shining, it and halloween': the member before is a one-word title not yet
        # taken (a pronoun, a date word) that itself follows a title found
        j = k - 1
        return (
            j >= 2
            and not self.toks[j].used
            and self.toks[j].text in self.vocab.titles
            and self.toks[j - 1].text in (",", "and", "or", "&")
            and self.toks[j - 2].used
            and any(t.kind == "item" and t.pos < j - 1 for t in self.targets)
        )

    def _next_past_adverbial(self, i: int) -> bool:
        """'watched Up with the kids and Heat after they went to bed, both great', 'watched
        drive yesterday, then speed, both awesome': token i follows 'and' / ',' / 'then' after
        a title found and a short phrase of when, where or with whom it was watched (one to
        four words, no verb, name or conjunction among them, per the parse); the title is
        capitalised, or the message goes on to a verdict on both or all of them."""
        toks = self.toks
        k = i - 1
        if k >= 1 and toks[k].text == "then":
            k -= 1
        if k < 2 or toks[k].text not in (",", "and"):
            return False
        if toks[k].text == "," and toks[k + 1].text != "then" and k + 1 != i:
            return False
        start = k
        while start > 0 and not toks[start - 1].used and k - start < 4:
            start -= 1
        between = range(start, k)
        if (
            (not toks[start - 1].used if start > 0 else True)
            or not 1 <= len(between) <= 4
            or not any(t.kind == "item" and t.pos < start for t in self.targets)
        ):
            return False
        if any(
            toks[m].text in CLAUSE_BREAK
            or self._pos(m) in ("VERB", "AUX", "PROPN", "SCONJ", "CCONJ", "")
            or toks[m].text in ("but", "and", "or", "not", "no")
            for m in between
        ):
            return False
        if toks[i].raw[:1].isupper() and not self.text.istitle():
            return True
        rest = {t.text for t in toks[i + 1 :]}
        return bool(rest & {"both", "all", "each"})

    def _run_on_list(self, k: int) -> bool:
        """Token k ends a title found after a seen or sentiment cue that opens the sentence's
        list ('seen the matrix inception ...'), so the title typed right after it is the next
        member even without a comma."""
        ends = [
            t
            for t in self.targets
            if t.kind == "item" and t.pos <= k and all(x.used for x in self.toks[t.pos : k + 1])
        ]
        if not ends:
            return False
        first = min(t.pos for t in ends)
        start = first
        while start > 0 and self._same_sentence(start - 1, first):
            start -= 1
        words = [t.text for t in self.toks[start:first]]
        return any(
            tuple(words[j : j + len(p)]) == p
            for table in (SEEN_CUES, POSITIVE_CUES, NEGATIVE_CUES)
            for p in table
            for j in range(len(words))
        )

    def _attribute_context(self, i: int, n: int) -> bool:
        """'a Spielberg film', 'by Hitchcock', 'no more Marvel': a name used as an attribute."""
        nxt = self.toks[i + n].text if i + n < len(self.toks) else ""
        prev = self.toks[i - 1].text if i > 0 else ""
        return nxt in ("movie", "movies", "film", "films", "flick", "flicks", "picture", "'s") or (
            prev in ("by", "from", "with", "starring", "a", "an", "some", "any", "more", "no")
        )

    def _franchise_at(self, i: int, n: int) -> tuple[str, str] | None:
        """("franchise", name) when tokens i..i+n name a franchise called like one of its films
        and are used as a franchise: 'the Toy Story movies', 'any Matrix sequels', 'no more
        Toy Story'; None otherwise ('I loved Toy Story' is the film)."""
        words = tuple(self._words(i, n))
        if len(words) > 1 and words[0] == "the":
            words = words[1:]
        named = self.vocab.franchise_titles.get(words)
        if named is None:
            return None
        nxt = self.toks[i + n].text if i + n < len(self.toks) else ""
        prev = self.toks[i - 1].text if i > 0 else ""
        # 'no more Toy Story', 'not jurassic park though': leaving one out leaves the franchise out
        if nxt.isdecimal() and len(nxt) <= 2:
            return None  # 'not Alien 3': one film of the series, not all of it
        after = " ".join(t.text for t in self.toks[i + n : i + n + 8])
        if prev in _LEAVE_OUT and re.match(SEEN_IT_AFTER, after):
            return None  # "not jaws i've seen it": that film, turned down as seen
        if nxt in FRANCHISE_NOUNS or prev in _LEAVE_OUT:
            return named
        if prev == "all" or (prev == "the" and i > 1 and self.toks[i - 2].text == "all"):
            return named  # 'i have watched all the lord of the rings'
        if prev in ("or", "nor", "and", ",") and i >= 3:
            # 'not star wars or star trek': the second series is left out as the first
            low = [t.text for t in self.toks]
            for k in range(max(1, i - 5), i - 1):
                first = tuple(low[k : i - 1])
                if first[:1] == ("the",):
                    first = first[1:]
                if first in self.vocab.franchise_titles and low[k - 1] in _LEAVE_OUT:
                    return named
        return None

    def _everyday_phrase(self, words: Sequence[str], i: int, n: int) -> bool:
        """Lower-case everyday words ('home alone', 'gone girl') read as a title only right
        after a cue ('I loved gone girl'), in a question about it, or before 'was' / 'is'."""
        from wordfreq import zipf_frequency

        if not all(zipf_frequency(w, "en") >= 4.0 for w in words if w.isalpha()):
            return False
        if any(t.text in (",", ":") for t in self.toks[i + 1 : i + n - 1]):
            return False  # 'monsters, inc.', 'crazy, stupid, love': typed with its own commas
        prev = self.toks[i - 1].text if i > 0 else ""
        nxt = self.toks[i + n].text if i + n < len(self.toks) else ""
        return not (
            self._cue_before(i)
            or prev in ("what's", "is", "was", "how", "about", "did", "does")
            # a list member, but not "i'm bored and home alone" (joined to how one feels)
            or (
                prev in ("and", ",", "or")
                and (
                    i < 2
                    or self._pos(i - 2) != "ADJ"
                    or self.toks[i - 2].used
                    # 'interstellar and the dark knight': a rare word is no feeling
                    or zipf_frequency(self.toks[i - 2].text, "en") < 4.0
                    # 'ridley scott, alien and blade runner': a title that is itself a list
                    # member before it
                    or (
                        i >= 3
                        and self.toks[i - 3].text in (",", "&", ";")
                        and self.toks[i - 2].text in self.vocab.titles
                    )
                )
                # ('pizza and the couch, as good as it gets on a friday': after a comma, a
                # list member ends where the next one starts, or has a film beside it)
                and (
                    prev != ","
                    or nxt in (",", "and", "or", "&", ".", "!", ";", "")
                    or any(t.kind == "item" and t.pos < i for t in self.targets)
                    or self._before_listed_title(i, n)
                )
            )
            or nxt in ("was", "is", "were", "rated", "about")
            or (prev in ("also", "plus") and self._next_in_list(i))  # '..., also die hard 2'
            or len(self.toks) <= n + 1
            or self._cue_after(i, n, adjacent=True)  # 'the matrix, that was amazing'
            or (i > 0 and self.toks[i - 1].used and self._run_on_list(i - 1))
            or self._numbered_subject(words, i, n)  # 'toy story 3 made me cry'
            or self._asked_who(i)  # 'who is in the matrix'
            # "what's the runtime on inside out"
            or (prev == "on" and self._asked_about(i, n))
            or self._one_more_too(i, n, list(words))  # '... miami vice too honestly'
            or self._refused_alone(i, n)  # 'not miami vice though'
            # 'hated saw' -> 'saw 2 as well': one more film added to the last message's
            or (
                self._added_to_last(i, n, normalize_title(" ".join(words)), list(words))
                and self._films_said_last()
            )
        )

    def _refused_after_a_request(self, i: int, n: int) -> bool:
        """An everyday word that is a title, turned down alone after a request in the same
        message ('recommend a thriller, not drive though', 'a space film but not gravity'); not
        at the message's start ('not alone, my wife is here') nor a word of the user's day."""
        k = i - 1
        return (
            n == 1
            and k >= 2
            and self.toks[k].text == "not"
            and self.toks[k - 1].text in (",", "but")
            and self.toks[i].text not in USERS_DAY
            and self.toks[i].text not in FILLER_WORDS
            and self.toks[i].text not in PRONOUNS
            and self._refused_alone(i, n)
        )

    def _refused_alone(self, i: int, n: int) -> bool:
        """The span is all a clause opened by 'not' says ('not miami vice though', ', and not
        the notebook'): a film turned down by name, the verb left out ("i'm not home alone
        tonight" has its subject and goes on). A series' name is left to the franchise reading
        ('a mafia movie but not the godfather' leaves the series out of the picks)."""
        toks = self.toks
        words = tuple(self._words(i, n))
        if self.vocab.franchise_titles.get(words[1:] if words[:1] == ("the",) else words):
            return False  # 'a mafia movie but not the godfather': the series is left out
        k = i - 1
        if k >= 0 and toks[k].text in ("the", "a", "an") and toks[i].text not in ("the", "a"):
            k -= 1
        if k < 0 or toks[k].text != "not":
            return False
        opener = toks[k - 1].text if k > 0 else ""
        nxt = toks[i + n].text if i + n < len(toks) else ""
        after = toks[i + n + 1].text if i + n + 1 < len(toks) else ""
        return (opener == "" or opener in CLAUSE_OPENERS or opener in ("just", "definitely")) and (
            nxt in ("", ",", ".", "!", "?", ";")
            or (nxt in _AFTERTHOUGHTS and after in ("", ",", ".", "!", "?", ";"))
        )

    def _opens_verdict_clause(
        self, i: int, n: int, words: Sequence[str], *, distinctive: bool = False
    ) -> bool:
        """A title typed in lower case opens its clause right before a verdict phrase of
        several words ('life is beautiful wrecked me', 'the lion king had me in tears'): of
        several words, or (`distinctive`) one word that is no everyday word ('inception bored
        me'); two everyday words ('the ending wrecked me') are not enough. One everyday word
        that is a whole title is one before a verdict on what it did to the user ('heat bored
        me to death', 'up wrecked me'), unless it is the user's own day ('work bored me'). A
        verdict of the user's relative clause counts the same ('then inception which was meh',
        'alien, which i hated')."""
        if i > 0 and self.toks[i - 1].text not in CLAUSE_OPENERS:
            return False
        at = self._relative_verdict_start(i + n)
        # one word is a verdict in a relative clause ('inception, which was meh')
        said = [p for p in self._verdicts_at(at) if len(p) >= 2 or at != i + n]
        if (
            not said
            and n >= 2
            and at == i + n
            and self.toks[i].text not in ("my", "our", "his", "her", "their", "your")
            and not set(words) & USERS_DAY
            and self._subject_verdict_at(at)
        ):
            return True  # 'the dark knight slaps' ('my life sucks' is the user's)
        if not said:
            return False
        if (n < 2 and not distinctive) or (n < 3 and self._everyday_words(words)):
            return (
                n == 1
                # ('up wrecked me', 'heat never disappoints': a complaint denied)
                and (at != i + n or any("me" in p or "us" in p or p[0] in NEGATORS for p in said))
                and words[0] in self.vocab.titles
                and words[0] not in PRONOUNS
                and words[0] not in FILLER_WORDS
                and words[0] not in SMALL_TALK
                and words[0] not in USERS_DAY
                and not self.toks[i].text.isdecimal()
            )
        return True

    def _relative_verdict_start(self, k: int) -> int:
        """Where the verdict after a title at k starts when a relative clause says it ('alien,
        which i hated': the token of 'hated'); k without such a clause."""
        j = k + 1 if k < len(self.toks) and self.toks[k].text == "," else k
        if j >= len(self.toks) or self.toks[j].text not in RELATIVE_PRONOUNS:
            return k
        end = j + 1
        while end < len(self.toks) and self.toks[end].text in RELATIVE_FILLER:
            end += 1
        return end

    def _verdicts_at(self, k: int) -> list[tuple[str, ...]]:
        """The verdict phrases (praise, complaint, being shaken) that open at token k, or after
        an adverb there ('it follows really creeped me out')."""
        while k < len(self.toks) and self.toks[k].text in _VERDICT_ADVERBS:
            k += 1
        tail = [t.text for t in self.toks[k : k + 8]]
        said = [
            p
            for table in (POSITIVE_CUES, NEGATIVE_CUES, SHAKEN_CUES, EFFECT_PHRASES)
            for p in table
            if phrase_end(tail, 0, p) > 0
        ]
        if (end := negated_complaint_end(tail, 0)) is not None:
            said.append(tuple(tail[:end]))  # 'Heat never disappoints', 'Drive never gets old'
        elif (denied := self._denied_verb_verdict(k, subject=False)) is not None:
            said.append(tuple(tail[: denied[1]]))  # 'Heat never impressed me'
        return said

    def _too_of_a_film(self, k: int) -> bool:
        """Tokens from k say 'too' of a quality films have ('too sad', 'way too long', 'a bit
        too slow'; a length or age already read as a critique): what the subject before the
        copula was is a film ('the heat was too much' stays the weather)."""
        words = [t.text for t in self.toks[k : k + 4]]
        if words[:1] == [CRITIQUE_MARK]:
            return True
        while words and words[0] in ("way", "far", "much", "a", "bit", "little", "just", "so"):
            words = words[1:]
        return words[:1] == ["too"] and words[1:2] != [] and words[1] in _FILM_QUALITIES

    def _subject_verdict_at(self, k: int) -> bool:
        """A verdict verb said of the subject before it opens at token k and closes its clause
        ('taken slaps', 'heat goes hard, ...', 'jaws still holds up and ...'): SUBJECT_VERDICTS."""
        tail = [t.text for t in self.toks[k : k + 7]]
        for p in SUBJECT_VERDICTS:
            if (end := phrase_end(tail, 0, p)) > 0:
                after = self.toks[k + end].text if k + end < len(self.toks) else ""
                if after in CLAUSE_BREAK or after in _AFTER_A_CLOSING_VERDICT:
                    return True
        return False

    def _closing_verdict(self, k: int, *, everyday: bool) -> bool:
        """A verdict of its own opens at token k and closes its clause ('..., rambo nah',
        '..., frozen not so much', 'heat meh tho'): a praise, complaint or lukewarm phrase
        that takes no object. After an everyday word (`everyday`) only phrases of several
        words or CLOSING_INTERJECTIONS count ('cars meh'; 'the party great' is no verdict)."""
        while k < len(self.toks) and self.toks[k].text in COPULA_FILLERS:
            k += 1  # '(500) days of summer kinda annoying', 'heat so good'
        tail = tuple(t.text for t in self.toks[k : k + 5])
        for table in (POSITIVE_CUES, NEGATIVE_CUES, LUKEWARM_CUES, SUBJECT_VERDICTS):
            for p in table:
                if tail[: len(p)] != p:
                    continue
                if p[0] in ("like", "likes", "love", "loves", "want", "into", "prefer", "enjoy"):
                    continue  # they take an object
                if everyday and len(p) < 2 and p[0] not in CLOSING_INTERJECTIONS:
                    continue
                after = self.toks[k + len(p)].text if k + len(p) < len(self.toks) else ""
                if after in CLAUSE_BREAK or after in _AFTER_A_CLOSING_VERDICT:
                    return True
        return False

    def _verdict_at(self, k: int) -> bool:
        """A verdict phrase of its own opens at token k ('blew me away', 'sucked', 'made my
        day'), not a lone 'like' or 'want' (which take an object after them)."""
        return any(
            len(p) >= 2 or p[0] not in ("like", "likes", "want", "into", "love", "loves")
            for p in self._verdicts_at(k)
        )

    def _numbered_subject(self, words: Sequence[str], i: int, n: int) -> bool:
        """Everyday words with a sequel number ('toy story 3', 'Cars 2') as the parsed subject
        of a verb after them ('toy story 3 made me cry'): the numbered film, which everyday
        words followed by a small number rarely are otherwise."""
        return (
            n > 1
            and words[-1].isdecimal()
            and len(words[-1]) <= 2
            and self._subject_of_clause(i, n)
        )

    def _everyday_word(self, word: str, i: int) -> bool:
        """A word of everyday English in that position: adverbs, prepositions, pronouns and
        anything about as frequent as 'stupid' or 'next' (wordfreq zipf >= 4)."""
        from wordfreq import zipf_frequency

        if self._pos(i) in ("ADV", "ADP", "AUX", "DET", "PRON", "SCONJ", "CCONJ", "PART"):
            return True
        return zipf_frequency(word, "en") >= 4.0

    def _lookup(
        self,
        text: str,
        *,
        cutoff: float = TITLE_CUTOFF,
        exact_only: bool = False,
        full_only: bool = False,
    ) -> Item | None:
        """The item a typed title names: exact (with `full_only` the whole title only, else also
        a name it goes by, a short title or unique prefix: 'empire strikes back'), else the
        closest title within `cutoff` (rapidfuzz ratio / Damerau-Levenshtein, or one that
        sounds alike); None when none is close enough or `exact_only` is set."""
        from rapidfuzz import fuzz, process
        from rapidfuzz.distance import DamerauLevenshtein

        year_match = re.search(r"\((\d{4})\)", text)
        year = int(year_match.group(1)) if year_match else None
        key = normalize_title(text)
        if not key:
            return None
        items = self.vocab.titles.get(key)
        if full_only:
            items = [it for it in items or () if normalize_title(it.title) == key]
        elif not items:
            items = self.vocab.short_titles.get(key) or self.vocab.prefix_titles.get(key)
        if items:
            items = _of_year(items, year)
        if items and len(items) > 1:
            # 'Room' is Room (2015), 'the room' The Room (2003): the title as typed, article
            # and all, wins over one the key only shares
            typed = re.sub(r"\s*\(\d{4}\)\s*$", "", " ".join(text.lower().split()))
            # (a name it goes by counts as typed: 'Oldboy' is Oldeuboi (2003), 70 votes, more
            # than the 2013 remake's title with 4)
            items = [
                it
                for it in items
                if any(_as_typed(name) == _as_typed(typed) for name in _names_of(it))
            ] or items
        if items:
            return self.vocab.best_item(items, year, self._prefer)
        if len(key) < 4 or exact_only:
            return None
        # fast ratio pre-filter, then Damerau-Levenshtein so a swapped pair of letters is one typo
        candidates = process.extract(
            key, self.vocab.fuzzy_keys, scorer=fuzz.ratio, score_cutoff=cutoff - 12, limit=8
        )
        best: tuple[float, str] | None = None
        for title, ratio, _ in candidates:
            similarity = max(ratio, 100 * DamerauLevenshtein.normalized_similarity(key, title))
            if title[:1] == key[:1] and (best is None or similarity > best[0]):
                best = (similarity, title)
        if best is None or best[0] < cutoff or not _close_enough(key, best[1]):
            # 'Incepshun', 'the Dark Night': spelt as it sounds
            sounds = [t for t in self.vocab.sounds_like(key) if t[:1] == key[:1]]
            if len(sounds) != 1 or len(key) < 6:
                return None
            best = (float(cutoff), sounds[0])
        found = self.vocab.titles.get(best[1]) or self.vocab.short_titles[best[1]]
        return self.vocab.best_item(found, year, self._prefer)

    def _fuzzy_titles(self) -> None:
        """Typos: spans after a cue ('I loved Interstelar') or capitalised runs."""
        toks = self.toks
        starts: list[int] = []
        cued: set[int] = set()  # spans right after a cue may be reported as unknown titles
        for cue in self.cues:
            if (
                cue.negator
                and self.toks[cue.pos].text in _AUX_NEGATIONS
                and cue.end < len(toks)
                and (w := self._word(cue.end)) is not None
                and w.tag == "VB"
            ):
                continue  # "can't remember the name": the verb is negated, no title follows
            if (
                cue.negator
                and cue.end < len(toks)
                and not toks[cue.end].raw[:1].isupper()
                and (w := self._word(cue.end)) is not None
                and w.tag in ("VBZ", "VBD", "VBP")
            ):
                continue  # 'nobody falls in love': the verb of the clause, no typo of a title
            if (
                cue.end + 1 < len(toks)
                and not toks[cue.end].raw[:1].isupper()
                and toks[cue.end + 1].text in ("stuff", "things", "vibes", "type", "kinda")
            ):
                continue  # 'no posession stuff': a kind of thing, no typo of a title
            if cue.kind in ("pos", "neg", "seen", "similar"):
                starts.append(cue.end)
                cued.add(cue.end)
        sentiment = [c.pos for c in self.cues if c.kind in ("pos", "neg", "seen", "similar")]
        for k, t in enumerate(toks):
            inside_run = k > 1 and toks[k - 1].raw[:1].isupper() and not toks[k - 1].used
            # 'my favourite film is Neon Orchards of Tulsa': a title-cased run after a cue
            if (
                t.raw[:1].isupper()
                and not inside_run
                and any(p < k for p in sentiment)
                and _title_case_run(toks[k:]) >= 2
                and not any(toks[j].text in CLAUSE_BREAK for j in range(max(sentiment), k))
            ):
                cued.add(k)
            if (
                t.raw[:1].isupper()
                and k >= 2
                and toks[k - 1].text in ("called", "titled", "named")
                and any(toks[j].text in FILM_NOUNS for j in range(max(0, k - 4), k - 1))
            ):
                starts.append(k)  # 'a film called The Lighthouse Keeper's Daughter': a title
                cued.add(k)
            if (
                t.raw[:1].isupper()
                and k >= 2
                and toks[k - 1].text in ("movie", "film")
                and (toks[k - 2].text == "the" or (toks[k - 2].text.isdecimal() and k >= 3))
                and _title_case_run(toks[k:]) >= 2
            ):
                starts.append(k)  # 'recommend the 2027 movie Galaxy Lawyers': named as a title
                cued.add(k)
            run = _title_case_run(toks[k:])
            if t.raw[:1].isupper() and not inside_run and run >= 2 and self._asked_about(k, run):
                cued.add(k)  # 'how long is The Marble Lighthouse?': asked about as a title
            if (
                t.raw[:1].isupper()
                and t.text != "i"
                and not t.used
                and not inside_run  # 'The Marmalade Conspiracy' starts once, at 'The'
                # ('never a Friday without a comedy': a day, no Friday (1995))
                and not (t.text in _DAYS and k > 0 and toks[k - 1].text in _BEFORE_A_DAY)
                and (
                    k > 0
                    or len(toks) <= 4
                    # 'Gladiater and Braveheart are my jam': a list that a known title closes
                    or self._before_listed_title(k, max(1, _title_case_run(toks[k:], _GLUE_NO_AND)))
                )
            ):
                starts.append(k)
            # the next title of a list: 'I loved Pulp Fiction and the godfahter'; a list that
            # a known title closes: 'the shawshank redmption, the godfater and pulp fiction'
            if t.text in ("and", "or", ",", "&") and (
                any(x.kind == "item" and x.pos != k + 1 for x in self.targets)
                or any(c.kind in ("pos", "neg", "seen") and c.pos < k for c in self.cues)
                or self._verdict_closes_list(k)
            ):
                starts.append(k + 1)
                cued.add(k + 1)
        # 'the lord of the rigns was amazing', 'jurasic park is one of my faves': a
        # misspelt name as the subject of a verdict opens its clause (the span ends at the verb)
        ends: dict[int, int] = {}
        for k, t in enumerate(toks):
            if t.text not in ("was", "is", "were", "are") or k == 0:
                continue
            s = k - 1
            while s > 0 and toks[s - 1].text not in CLAUSE_BREAK and toks[s - 1].text != "and":
                s -= 1
            while s < k and toks[s].text in FILLER_WORDS | {"the", "so", "but"}:
                s += 1  # the article is dropped below; 'so', 'well' are no part of it
            single = k - s == 1 and len(toks[s].text) >= 5 and not self._is_word(toks[s].text)
            # 'the traffic downtown was horrible': English words, no typo, are no title
            typed = single or not all(self._is_word(x.text) for x in toks[s:k] if x.text.isalpha())
            if (
                (k - s >= 2 or single)
                and typed
                and not any(x.used for x in toks[s:k])
                and self._cue_after(s, k - s)
            ):
                starts.append(s)
                ends[s] = k
        first_end = next((k for k, t in enumerate(toks) if t.text in (",", "and", "&")), 0)
        # (not when a title found ends right there: 'the cabin had Fargo and Insomnia')
        ends_a_title = any(
            x.kind == "item" and x.pos < first_end and all(t.used for t in toks[x.pos : first_end])
            for x in self.targets
        )
        if (
            first_end
            and not ends_a_title
            and (
                any(x.kind == "item" and x.pos > first_end for x in self.targets)
                or self._verdict_closes_list(first_end)
            )
        ):
            starts.append(0)  # the first member of such a list
        for start in sorted(set(starts)):
            end = start
            while end < len(toks) and toks[end].text not in CLAUSE_BREAK:
                if toks[end].used and not self._facet_before_typo(end):
                    break
                if toks[end].text in ("and", "or") and end > start or end == ends.get(start):
                    break
                end += 1
            if end == start:
                continue
            span = toks[start:end]
            was_cued = start in cued
            # 'Gone Girl (2014) Or Red Sparrow (2018)': a list's joiner, capitalised or not, opens
            # the next title, no part of it
            while span and span[0].text in (
                *("the", "a", "an", "it", "that", "this", "movie", "film"),
                *(("or", "and", "plus") if start > 0 else ()),
            ):
                if span[0].text in ("it", "that", "this"):
                    span = []
                    break
                span = span[1:]
                start += 1
            # ('no spiders please': the courtesy is no word of a title)
            while len(span) > 1 and span[-1].text in _COURTESY_END:
                span = span[:-1]
            if len(span) == 1 and span[0].raw[:1].isupper() and self._persons_predicate(start + 1):
                continue  # 'Amelie and Ray are both here': friends, no films
            if not span or all(s.text in COMMON_WORDS or s.text in FILLER_WORDS for s in span):
                continue
            if self._topic_of_films(start):
                continue  # 'movies about the Wall Street crash': a topic, no title
            if len(span) == 1 and self._when_said(start):
                continue  # 'coming over on Friday', 'every Halloween': when, no title
            if len(span) == 1 and self._nationality(start) and toks[start - 1].text != "the":
                continue  # "it mustn't be American": where it is from, no The American
            if (
                start > 0
                and toks[start - 1].text in ("in", "at", "near", "around", "from")
                and (w := self._word(start)) is not None
                and w.ent in ("GPE", "LOC", "FAC")
            ):
                continue  # 'not one set in Las Vegas' is no Last Vegas
            if (
                span[0].text in WATCHERS
                and not span[0].raw[:1].isupper()
                and not self._past_cue_before(start)
            ):
                continue  # "where nobody's parents die": people, not the film Parents
            if (
                len(span) >= 2
                and span[0].text in ("my", "our", "his", "her", "their", "your")
                and span[1].text in WATCHERS
                and not span[0].raw[:1].isupper()
            ):
                continue  # 'my wife and I both loved ...' is no My Life
            if (
                (start > 0 and toks[start - 1].text in PERSON_CUES) or self._someones_name(start)
            ) and span[0].raw[:1].isupper():
                continue  # 'starring Denzel Washington', 'my friend Amelia': a person
            kind_at = next(
                (j for j, s in enumerate(span) if s.text in KIND_NOUNS and j > 0), len(span)
            )
            if kind_at < len(span) and not span[0].raw[:1].isupper():
                span = span[:kind_at]  # 'not a princess one': a kind of film, no title
                if len(span) == 1 and self._is_word(span[0].text):
                    continue
            if len(span) == 1 and not span[0].raw[:1].isupper() and self._is_word(span[0].text):
                continue  # an ordinary English word in lower case ('not stupid'), not a typo
            if not span[0].raw[:1].isupper() and self._after_i_am(start):
                continue  # 'im not brave enough for horror': how the user is, no Brave
            best: tuple[Item, int] | None = None
            run = _title_case_run(span)
            for j in range(min(len(span), 8), 0, -1):
                words = [s.text for s in span[:j]]
                if j == 1 and (len(words[0]) < 5 or words[0] in COMMON_WORDS):
                    continue
                if all(_very_common(w) for w in words):
                    continue  # 'about the' is no typo of About Time: a typo has a rarer word
                if j < len(span) and (words[-1], span[j].text) in self.vocab.name_phrases:
                    continue  # 'no keanu reeves': a name is cut, no Keanu (2016)
                if self._attribute_span(start, j):
                    continue  # 'an Eddie Murphy comedy' is no Eddie Murphy: Delirious
                if j < run:
                    break  # 'Spirit of the Forgotten Harbour': a known title inside an unknown one
                if (
                    j >= 2
                    and not span[0].raw[:1].isupper()
                    and " ".join(words) in self.vocab.prefix_titles
                    and " ".join(words) not in self.vocab.titles
                    and not self._partial_title_said(start, j)
                    and not (start > 0 and toks[start - 1].text in ("not", "no"))
                ):
                    continue  # 'please, my dog died' is no My Dog Skip (as on the exact path)
                if (
                    j >= 2
                    and not span[0].raw[:1].isupper()
                    and normalize_title(" ".join(words)) in self.vocab.titles
                    and self._everyday_phrase(words, start, j)
                    and not self._before_listed_title(start, j)
                    and not self._opens_verdict_clause(start, j, words)
                    # 'toy story yes, cars nah': a member of a list of titles stays one
                    and not any(t.kind == "item" for t in self.targets)
                ):
                    break  # 'home alone tonight and kinda bored': everyday words the exact
                    # path turned down are no typo of the same title here, and no shorter
                    # title inside them is ('alien and blade runner' is no Blade)
                if (start, j) in self.implausible:
                    # "it's Mother's Day": the words of a day the exact path turned down at
                    # this place are no typo of its title
                    continue
                said = [w for w in words if any(c.isalnum() for c in w)]
                if (
                    len(said) == 2
                    and said[0] in ("last", "this", "next", "that", "every")
                    and said[1] in _PARTS_OF_A_DAY | {"week", "weekend", "month", "year"}
                    and not span[0].raw[:1].isupper()
                ):
                    break  # 'Watched last night: Ronin': when, no Last Night in Soho
                if self._day_said(start, words):
                    break  # "it's Friday, we're wiped out", 'a horror film for Halloween',
                    # 'a thriller for Friday night?', 'game night on Friday - any comedy?'
                if j == 1 and not span[0].raw[:1].isupper() and self._comparative_at(start):
                    break  # 'the twistier the better' is no typo of Twister
                if j == 1 and self._people_counted(start):
                    break  # 'Seven of us on the sofa': how many
                if (
                    j == 2
                    and words[0] in ("my", "our", "his", "her", "your")
                    and words[1] in _SOMEONES
                ):
                    break  # 'My sister gave me a tip': the user's sister, no My Sister's Keeper
                year, extra = self._year_after(start + j)
                # one English word ('Conspiracy') is that title or none, never a look-alike
                exact = j == 1 and self._is_word(words[0])
                if exact and j < len(span) and self._modifies_later_noun(start, start + len(span)):
                    break  # 'the midnight harbor tapes': a word of a longer, unknown name
                if (
                    exact
                    and not span[0].raw[:1].isupper()
                    and start > 0
                    and self._pos(start - 1) == "ADJ"
                ):
                    break  # 'bad traffic on the way home': a thing an adjective describes
                # ... and as a whole title, not the end of one ('nothing impossible to follow'
                # is no Mission: Impossible)
                item = self._lookup(
                    " ".join(words) + (f" ({year})" if year else ""),
                    exact_only=exact,
                    full_only=exact and not span[0].raw[:1].isupper(),
                )
                plain_key = " ".join(w for w in words if any(c.isalnum() for c in w))
                if item is not None and plain_key.split()[:1] not in (["the"], ["a"], ["an"]):
                    # 'films i like: heat, drive': the words typed are Heat (1995) itself, not
                    # The Heat (2013), as on the exact path
                    plain = [
                        it
                        for it in self.vocab.titles.get(plain_key, ())
                        if it.title.lower() == plain_key
                    ]
                    if plain and item not in plain:
                        item = self.vocab.best_item(plain, year, self._prefer)
                if item is not None and not self._far_from_plain_words(words, item):
                    best = (item, j + extra)
                    break
            if best is not None:
                # 'the dark knigth': a kind word read inside the misspelt title is no wish
                self.targets = [
                    t
                    for t in self.targets
                    if not (t.kind == "facet" and start <= t.pos < start + best[1])
                ]
                self._add_item(start, best[0])
                self._use(start, best[1])
                # 'lock stock and two smoking barells': the rest of the title, misspelt too
                self._use(
                    start + best[1], self._rest_of_title_typed(start + best[1], best[1], best[0])
                )
            elif any(
                (a.text, b.text) in self.vocab.name_phrases for a, b in itertools.pairwise(span)
            ):
                continue  # 'no Keanu Reeves please': a name the descriptions use, left as a topic
            elif (was_cued or start in cued) and self._looks_like_title(span):
                caps = [s for s in span if s.raw[:1].isupper() or s.raw[:1].isdecimal()]
                last = max(k for k, s in enumerate(span) if s in caps)
                if all(s.text in _NAME_PARTICLES for s in span[: last + 1]):
                    continue  # 'with Pacino and De Niro': the particle of a name read as one
                after = start + last + 1
                nxt = toks[after] if after < len(toks) else None
                if nxt is not None and (
                    any(
                        (*(s.text for s in span[k : last + 1]), nxt.text) in self.vocab.facet_terms
                        for k in range(last + 1)
                    )
                    or (
                        nxt.raw[:1].isupper()
                        and (self.vocab.facet_terms.get((nxt.text,)) or ("",))[0]
                        in ("studio", "person", "franchise")
                    )
                ):
                    continue  # 'not Studio Ghibli', 'Walt Disney': the first word of a name
                if (
                    nxt is not None
                    and nxt.text in ("one", "ones", "version", "versions", "cut", "remake")
                    and start > 0
                    and toks[start - 1].text == "the"
                ):
                    continue  # 'not the CGI one', 'the Adam West one': which version, no title
                self.unknown.append(" ".join(s.raw for s in span[: last + 1]))
                self._use(start, last + 1)

    def _title_starts(self, k: int) -> bool:
        """A catalogue title is typed from token k on ('toy story' in '... and toy story')."""
        for n in range(min(6, len(self.toks) - k), 0, -1):
            key = normalize_title(" ".join(t.text for t in self.toks[k : k + n]))
            if key and key in self.vocab.titles:
                return True
        return False

    def _lookup_longer_fails(self, i: int, n: int) -> bool:
        """No title of the catalogue starts with tokens i..i+n and the word after them."""
        longer = normalize_title(" ".join(t.text for t in self.toks[i : i + n + 1]))
        return (
            longer not in self.vocab.titles
            and longer not in self.vocab.prefix_titles  # unique beginnings of longer titles
            and longer not in self.vocab.short_titles
        )

    def _facet_before_typo(self, k: int) -> bool:
        """Token k was read as a kind word and the word after it is no English word ('the dark
        knigth', 'the silense of the lambs'): it may open a misspelt title."""
        nxt = self.toks[k + 1].text if k + 1 < len(self.toks) else ""
        return (
            any(t.kind == "facet" and t.pos == k for t in self.targets)
            and nxt.isalpha()
            and len(nxt) >= 4
            and not self._is_word(nxt)
        )

    def _modifies_later_noun(self, k: int, end: int) -> bool:
        """Token k, typed in lower case, modifies a noun after it before token `end` ('the
        midnight harbor tapes': 'midnight' is part of a longer name, no title of its own)."""
        if self.toks[k].raw[:1].isupper():
            return False
        w = self._word(k)
        if w is None or w.dep not in ("compound", "amod", "nmod"):
            return False
        head = self.syntax.words[w.head]
        return (
            head.pos in ("NOUN", "PROPN")
            and head.ent not in ("DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY")
            and head.text.lower() not in FILM_PARTS
            and head.text.lower() not in _AMOUNT_NOUNS
            # 'loved the terminal lol': chat after the title, no word of a longer name
            and head.text.lower() not in CHAT_ABBREVIATIONS
            and not _LAUGH.fullmatch(head.text.lower())
            # 'seen the matrix interstellar vertigo': a run-on list of titles
            and normalize_title(head.text) not in self.vocab.titles
            and head.text.lower() not in KIND_NOUNS
            and head.text.lower() not in FRANCHISE_NOUNS
            and any(
                self.toks[j].start == head.start
                and not self.toks[j].used
                # 'gladiator slaps' (the parse may read the verdict as a noun)
                and not self._verdict_at(j)
                and not self._subject_verdict_at(j)
                for j in range(k + 1, end)
            )
        )

    def _verdict_closes_list(self, k: int) -> bool:
        """The ',' / 'and' at token k separates short members of a list that a verdict right
        after it closes ('interstelar, the prestigue and inceptoin are my top 3'); not 'seven of
        us are watching tonight, something everyone will like'."""
        cue = next((c for c in self.cues if c.kind in ("pos", "neg", "seen") and c.pos > k), None)
        if cue is None:
            return False
        seps = (",", "and", "&", ";", "/")
        start = k
        while start > 0 and self.toks[start - 1].text not in (*seps, ".", "!", "?"):
            start -= 1
        members: list[list[str]] = [[]]
        for t in self.toks[start : cue.pos]:
            if t.text in (".", "!", "?", "but", "though", "however"):
                return False
            if t.text in seps:
                members.append([])
            elif t.text not in ("are", "is", "were", "was", "my", "all", "both", "the", "a"):
                members[-1].append(t.text)
        if members[-1] in (["i"], ["we"]) and not self._refers_back(cue.end):
            return False  # 'Friday night and I want a gangster film': no list, a subject
        return all(0 < len(m) <= 4 for m in members)

    def _refers_back(self, k: int) -> bool:
        """'both' / 'them' / 'all' within three tokens from k: a verdict on what came before."""
        return any(t.text in PLURAL_BACK for t in self.toks[k : k + 3])

    def _someones_name(self, i: int) -> bool:
        """Token i is a capitalised word right after one of the user's people or pets ('my
        friend Amelia', 'our cat Garfield'): that one's name, no title, person or topic."""
        if self.toks[i].raw[:1].isupper():
            return (
                self._word_before(i) in (WATCHERS | PET_NOUNS)
                or self._subject_of_a_person(i)
                or self._company_name(i)  # 'just me and Annie tonight'
            )
        # typed or dictated in lower case ('my friend alice recommended something', 'my son
        # max loves dinosaurs'): a proper noun, per the parse, right after 'my friend'
        said = re.search(
            r"\b(?:my|our|his|her|their|your)\s+([\w'-]+)\s+$",
            self.text[: self.toks[i].start].lower(),
        )
        w = self._word(i)
        return (
            said is not None
            and said.group(1) in (WATCHERS | PET_NOUNS)
            and w is not None
            and (w.pos == "PROPN" or w.dep == "appos" or self._subject_of_next_verb(i))
        )

    def _company_name(self, k: int) -> bool:
        """Token k is a capitalised name said with the user as company ('only me and Ali now',
        'Sam and I', 'Priya and me'): a person watching, never a topic."""
        if not self.toks[k].raw[:1].isupper():
            return False
        before = [t.text for t in self.toks[max(0, k - 3) : k]]
        after = [t.text for t in self.toks[k + 1 : k + 3]]
        # ('the prestige lost me and Jaws was fun': 'me' is an object, Jaws the next subject;
        # only 'just / only / it's me and ...' says who watches)
        company = before[-2:] in (["me", "and"], ["i", "and"], ["us", "and"]) and (
            len(before) < 3
            # ('not for me and Titanic was too long': a verdict, then the next film)
            or before[0] in ("just", "only", "it's", "its", "now", "tonight")
        )
        # 'Rocky and I want ...' opens its clause ('I loved Heat and I also liked Ronin' does not)
        prev = self.toks[k - 1].text if k > 0 else ""
        opens = k == 0 or prev in CLAUSE_BREAK or prev in ("so", "just", "only", "then", "now")
        return company or (opens and after in (["and", "i"], ["and", "me"]))

    def _subject_of_next_verb(self, i: int) -> bool:
        """Token i is the subject of the verb right after it, per the parse ('my friend sophie
        recommended ...' where the parse calls the name a noun)."""
        if i + 1 >= len(self.toks):
            return False
        w, nxt = self._word(i), self._word(i + 1)
        return (
            w is not None
            and nxt is not None
            and w.dep in ("nsubj", "compound")
            and nxt.pos in ("VERB", "AUX")
        )

    def _day_said(self, i: int, words: Sequence[str]) -> bool:
        """Words from token i name a day as when: a day's name after a word of time ('on
        Friday', "it's Sunday"), or with a part of the day after it ('Friday night', 'Sunday
        morning -'), nothing but punctuation behind; 'Friday Night Lights' goes on."""
        if not words or words[0] not in _DAY_WORDS:
            return False
        rest = [w for w in words[1:] if any(c.isalnum() for c in w)]
        after_when = i > 0 and self.toks[i - 1].text in _BEFORE_A_DAY
        if not rest:
            return after_when
        return len(rest) == 1 and rest[0] in _PARTS_OF_A_DAY

    def _when_said(self, i: int) -> bool:
        """Token i is a day, month or holiday after a word of time ('on Friday', 'every
        Halloween', 'by Christmas', 'next Sunday'), or a date per the parse after one."""
        if i == 0 or self.toks[i - 1].text not in _WHEN_BEFORE:
            return False
        w = self._word(i)
        return self.toks[i].text in _WHEN_WORDS or (w is not None and w.ent in ("DATE", "TIME"))

    def _nationality(self, i: int) -> bool:
        """Token i is a nationality adjective ('American', 'British', 'French'), per the
        country words and the parse (a country's name, 'Brazil', may be the film's)."""
        w = self._word(i)
        return (
            self.toks[i].text in COUNTRY_WORDS
            and w is not None
            and (w.pos == "ADJ" or w.ent == "NORP")
        )

    def _subject_of_a_person(self, i: int) -> bool:
        """Token i is a one-word capitalised subject of a verb only a person does ('Arthur
        refuses to watch ...', 'Brian likes war films', 'Howard thinks ...'): someone's name,
        per the parse ('Up made me cry', 'Heat dragged' keep their films)."""
        w = self._word(i)
        if w is None or w.dep not in ("nsubj", "nsubjpass"):
            return False
        if i + 1 < len(self.toks) and self.toks[i + 1].raw[:1].isupper():
            return False  # a longer name or title
        words = self.syntax.words
        verb = words[w.head]
        between = [x for x in words if w.start < x.start < verb.start]
        # the verb follows its subject with at most an auxiliary, a negation or an adverb
        # between ('Arthur simply refuses', 'Brian doesn't like'); not 'Goodfellas, Casino,
        # Heat - I loved all three', which the parse may hang on 'loved'
        after = [x.text.lower() for x in words if x.head == w.head and x.start > verb.start]
        said = verb.text.lower()
        # (the parse lemmatises 'hated' as 'hat': the typed form's stems count too)
        stems = {verb.lemma, said, said[:-1], said[:-2], said[:-3]}
        return (
            (bool(stems & _PERSON_VERBS) or (verb.lemma == "come" and "out" not in after))
            and verb.start > w.start
            and all(x.pos in ("AUX", "PART", "ADV") for x in between)
        )

    def _word_before(self, i: int) -> str:
        """The word typed right before token i, even where a rule pass has read it ('my
        daughter Annie is 8': 'daughter' went to the audience)."""
        m = re.search(r"([\w'-]+)\s+$", self.text[: self.toks[i].start].lower())
        return m.group(1) if m else ""  # nothing when a comma stands between ('Step Brothers, X')

    def _is_word(self, word: str) -> bool:
        """An English word (wordfreq zipf >= 3: 'stupid', 'dogs'), so not a misspelt title."""
        from wordfreq import zipf_frequency

        return zipf_frequency(word, "en") >= 3.0

    def _series_number(self) -> None:
        """'harry potter 3', 'rocky 4', 'rambo 2', 'alien 3': a series' name and a number that
        together are no title of the catalogue. The film numbered so ('Rocky IV', 'First Blood
        Part II', 'Episode V'); in a series told apart by subtitles (no film is called just the
        series' name: Harry Potter, The Lord of the Rings) the nth in release order; else the
        film is unknown ('alien 3': the catalogue has no Alien 3), said so and nothing is
        stored (its name is no topic either)."""
        toks = self.toks
        for i in range(len(toks)):
            for n in range(min(6, len(toks) - i - 1), 0, -1):
                if not self._free(i, n + 1):
                    continue
                head = normalize_title(" ".join(self._words(i, n)))
                films = self.vocab.series.get(head)
                said = toks[i + n].text
                number = int(said) if said.isdecimal() and len(said) == 1 else None
                if not films or number is None or number == 0:
                    continue
                after = toks[i + n + 1].text if i + n + 1 < len(toks) else ""
                if after.isdecimal() or after in _UNIT_WORDS:
                    continue  # 'heat 2 hours', 'alien 3 stars': no number of a film
                key = normalize_title(f"{head} {said}")
                if (
                    key in self.vocab.titles
                    or key in self.vocab.short_titles
                    or key in self.vocab.prefix_titles
                ):
                    continue  # 'die hard 2', 'terminator 2': a title (the exact pass)
                film = self._numbered_film(head, films, number)
                width = n + 1
                if film is not None:
                    self._add_item(i, film)
                    width += self._subtitle_after(i + width, film, key)
                else:
                    self.unknown.append(" ".join(t.raw for t in toks[i : i + n + 1]))
                self._use(i, width)
                break

    def _subtitle_after(self, j: int, film: Item, said: str) -> int:
        """How many tokens from j spell the rest of the film's title after what was said of it
        ('home alone 2' + ' - Lost in New York'), punctuation between included; 0 when they do
        not."""
        title = normalize_title(film.title).split()
        head = said.split()
        if title[: len(head)] != head or len(title) == len(head):
            return 0
        rest, k = title[len(head) :], j
        for word in rest:
            while k < len(self.toks) and self.toks[k].text in (":", "-", "–", "—", ","):
                k += 1
            if k >= len(self.toks) or normalize_title(self.toks[k].text) != word:
                return 0
            k += 1
        return k - j

    def _numbered_film(self, head: str, films: list[Item], number: int) -> Item | None:
        """The film numbered `number` in the series `head` (its films in release order): the one
        numbered so ('Rocky IV', 'First Blood Part II', 'Episode V', 'Toy Story 4'); for 1 the
        film called by the series' name ('toy story 1'); in a series told apart by subtitles only
        (no film is called just the series' name: Harry Potter) the nth in release order; None
        when the catalogue has no such film ('rocky 2': no Rocky II)."""
        roman = _ROMAN[number] if number < len(_ROMAN) else str(number)
        numbered = [
            f
            for f in films
            if re.search(rf"\s(?:part\s+)?(?:{number}|{roman})$", f.title.lower())
            and not re.search(r":[^:]*\bpart\s+[ivx\d]+$", f.title.lower())
            or re.search(rf"\bepisode\s+(?:{number}|{roman})\b", f.title.lower())
            or normalize_title(f.title).startswith(f"{head} {number} ")
        ]
        named = [f for f in films if normalize_title(f.title) == head]
        if len(numbered) == 1:
            return numbered[0]
        if number == 1 and not numbered and named:
            return min(named, key=lambda f: f.year or 9999)
        if not named and not numbered and number <= len(films):
            return films[number - 1]
        return None

    def _franchise_ordinals(self) -> None:
        """'the first Star Wars', 'the second Toy Story', 'the last Harry Potter film': the nth
        film of a series in release order."""
        toks = self.toks
        for i, t in enumerate(toks):
            if t.text not in ORDINALS or t.used:
                continue
            if i > 0 and toks[i - 1].text in _SUBJECT_PRONOUNS:
                continue  # 'I first saw Casablanca in 1955': when, no Saw (2004)
            # 'the first two Godfather movies', 'the last 3 Fast & Furious films': a count
            nxt = toks[i + 1].text if i + 1 < len(toks) else ""
            count = (
                int(NUMBER_WORDS[nxt])
                # ('the first one' is a pick, never a count of one: "the first one, it was
                # ok" was the first film of the It series)
                if t.text in ("first", "last")
                and nxt in NUMBER_WORDS
                and nxt not in ("a", "an", "one")
                else 0
            )
            skip = 1 if count else 0
            for n in range(min(6, len(toks) - i - 1 - skip), 0, -1):
                if not self._free(i + 1 + skip, n) or not _wordlike(toks[i + 1 + skip].text):
                    continue  # a series' name starts with a word, not ',' ('the first, it')
                head = normalize_title(" ".join(self._words(i + 1 + skip, n)))
                if n == 1 and head in PICK_NOUNS and self.state.last_shown:
                    continue  # 'the first thing you suggested': a pick, not The Thing's series
                if (
                    n == 1
                    and head in _WHEN_WORDS
                    and not (
                        i + 2 + skip < len(toks)
                        and toks[i + 2 + skip].text in (*FRANCHISE_NOUNS, "movie", "film")
                    )
                ):
                    continue  # 'the last Friday before the holidays': a day, not a Friday film
                films = self.vocab.series.get(head) or (
                    self._plural_series(head) if count else None
                )
                if not films:
                    continue
                idx = ORDINALS[t.text]
                if count:
                    chosen = films[:count] if idx == 0 else films[-count:]
                else:
                    k = len(films) - 1 if idx == -1 else (len(films) // 2 if idx == -2 else idx)
                    chosen = [films[k]] if 0 <= k < len(films) else []
                    numbered = _numbered_in(films, head, idx) if idx >= 0 else None
                    if numbered is not None:
                        # 'the second conjuring' is The Conjuring 2, not the second film of
                        # the series out (Annabelle, 2014): the number the title carries
                        chosen = [numbered]
                    elif idx >= 1 and _numbered_past(films, head, idx + 1):
                        # 'the third rocky' where the catalogue has Rocky, IV and V: the film
                        # numbered 3 is missing, not Rocky V
                        name = " ".join(x.raw for x in toks[i + 1 + skip : i + 1 + skip + n])
                        self.notes.append(f"The catalogue has no {name} {idx + 1}.")
                        self._use(i, n + 1 + skip)
                        break
                for film in chosen:
                    self._add_item(i, film)
                if not chosen or count > len(films):
                    name = " ".join(t.raw for t in toks[i + 1 + skip : i + 1 + skip + n])
                    self.notes.append(f"I know only {len(films)} {name} films.")
                width = n + 1 + skip
                if i + width < len(toks) and toks[i + width].text in ("movie", "film", "one"):
                    width += 1
                self._use(i, width)
                break

    def _rest_of_series(self) -> None:
        """'shrek 1 and 2 loved, the rest meh', 'taken was great, the others not so much':
        after films of one series, 'the rest' / 'the others' opening a clause are the series'
        other films (its features), which take that clause's verdict ('the sequels' are read
        by _relative_of_named_series)."""
        toks = self.toks
        for r in range(1, len(toks) - 1):
            if not (
                toks[r].text == "the"
                and toks[r + 1].text in ("rest", "others")
                and toks[r - 1].text in CLAUSE_BREAK | {"and", "but"}
                # ('the rest of the week was awful': no films)
                and (r + 2 >= len(toks) or toks[r + 2].text != "of")
            ):
                continue
            # ('the others' was read as The Others (2001): no film here)
            others = [
                t
                for t in self.targets
                if t.pos == r and t.item is not None and normalize_title(t.item.title) == "others"
            ]
            named = [
                t.item
                for t in self.targets
                if t.kind == "item"
                and t.item is not None
                and not t.from_reference
                and t not in others
            ]
            series = {it.extra.get("series") for it in named}
            if (
                not named
                or len(series) != 1
                or None in series
                or "" in series
                or any(t.pos > r for t in self.targets)
                or (toks[r + 1].used and not others)
            ):
                return
            films = _features(self._series_of(named[0]) or []) or self._series_of(named[0]) or []
            # 'shrek 1 and 2, the rest': the films called Shrek, not the Puss in Boots spin-offs
            stem = normalize_title(named[0].title).split()[0]
            called = [f for f in films if normalize_title(f.title).startswith(stem)]
            films = called if len(called) > len(named) else films
            self.targets = [t for t in self.targets if t not in others]
            # 'shrek was great, the others not': a bare 'not' closing the clause turns them down
            tail = r + 2 + (r + 2 < len(toks) and toks[r + 2].text in ("were", "are"))
            denied = (
                tail < len(toks)
                and toks[tail].text in ("not", "no", "nah", "nope")
                and (tail + 1 == len(toks) or toks[tail + 1].text in CLAUSE_BREAK)
            )
            for film in films:
                if film not in named:
                    self._add_item(r + 1, film, verdict="neg" if denied else None)
            self._use(r, 2 + (tail + 1 - r - 2 if denied else 0))
            return

    def _ordinal_of_named_list(self) -> None:
        """'saw alien and jaws, loved the first one', 'watched heat, ronin and drive. liked the
        first two', 'the second was meh', 'loved the latter': after two or more films the
        message names (of different series), an ordinal, 'the former' / 'the latter' or 'the
        first / last N' is a place in that list, not a pick shown before and not a film of
        one of their series ('the first one' after 'the matrix reloaded' alone stays the first
        Matrix, _ordinal_of_named_series). The place takes the verdict of its own clause."""
        toks = self.toks
        placed: list[Item] = []  # the films the places so far stand for
        for k, t in enumerate(toks):
            w = t.text
            prev = toks[k - 1].text if k > 0 else ""
            nxt = toks[k + 1].text if k + 1 < len(toks) else ""
            rest = w in ("others", "rest") or (
                w == "other"
                and (nxt in NUMBER_WORDS or nxt in (*PICK_NOUNS, "ones", *END_OF_OBJECT))
            )
            # '..., the first one was great, second was slow': a place after a place
            going_on = bool(self.list_places) and prev in (",", "and", "but") and w in ORDINALS
            # 'Heat, Ronin and Collateral: first two yes, last one no': a place opening a clause
            # with a count or 'one' after it, no article needed
            going_on = going_on or (
                prev in ("", ":", "-", "–", ",", ";", ".")
                and w in ORDINALS
                and (nxt in NUMBER_WORDS or nxt in ("one", "ones"))
            )
            if not going_on and (
                prev != "the" or not (w in ORDINALS or w in ("former", "latter") or rest)
            ):
                continue
            if rest and placed:
                # 'the middle one was meh, the others were great' is no The Others (2001)
                self.targets = [
                    x
                    for x in self.targets
                    if not (x.pos == k - 1 and x.item is not None and not x.from_reference)
                ]
                t.used = False
            after = self._word(k + 1) if k + 1 < len(toks) else None
            if (
                after is not None
                and after.pos in ("NOUN", "PROPN")
                and nxt not in (*PICK_NOUNS, "ones")
                and nxt not in NUMBER_WORDS
                and not any(c[0] == nxt for c in (*POSITIVE_CUES, *NEGATIVE_CUES, *LUKEWARM_CUES))
            ):
                # 'the second half of jaws drags', 'the first time' ('the second meh' is a verdict)
                continue
            if (
                t.used
                and k not in self.pickless
                and not any(x.pos == k and x.from_reference for x in self.targets)
            ):
                continue  # read as something else ('the first Star Wars')
            named = [
                x
                for x in sorted(self.targets, key=lambda x: x.pos)
                if x.item is not None and not x.from_reference and x.pos < k
            ]
            films = list(dict.fromkeys(x.item for x in named if x.item is not None))
            if len(films) < 2:
                continue
            count = (
                int(NUMBER_WORDS[nxt])
                if w in ("first", "last", "former", "latter", "other")
                and nxt in NUMBER_WORDS
                and nxt not in ("a", "an", "one")
                else 0
            )
            shared = [f for f in self.vocab.series.values() if all(film in f for film in films)]
            if shared and w == "first" and not count and shared[0][0] not in films:
                # 'the matrix reloaded and revolutions were bad, the first one rules': the
                # series' first film, which the list leaves out (_ordinal_of_named_series)
                continue
            if rest:
                # 'the middle one was meh, the others were great', 'the other two'
                chosen = [f for f in films if f not in placed]
                if not placed or not chosen or (count and count != len(chosen)):
                    continue
                width = 2 if count else 1
            elif count:
                chosen = films[:count] if w in ("first", "former") else films[-count:]
                width = 2
            else:
                idx = {"former": 0, "latter": -1}.get(w, ORDINALS.get(w, 0))
                i = len(films) - 1 if idx == -1 else (len(films) // 2 if idx == -2 else idx)
                if not 0 <= i < len(films):
                    continue
                chosen = [films[i]]
                width = 1
            if k + width < len(toks) and toks[k + width].text in (*PICK_NOUNS, "ones"):
                width += 1
            self.targets = [x for x in self.targets if x.pos != k]
            for film in chosen:
                self._add_item(k, film)
            placed.extend(chosen)
            self.list_places.add(k)
            self._use(k, width)
            if k in self.pickless:
                # a place in the list the message named was first read as a pick: no note
                self.pickless.discard(k)
                if not self.pickless:
                    self.no_picks_referred = False
                    self.notes = [n for n in self.notes if n != _NO_PICKS_NOTE]

    def _ordinal_of_named_series(self) -> None:
        """'the matrix reloaded was bad, the first one rules': an ordinal with 'one' / 'movie'
        after a title of a series names that series' film in release order, not a pick."""
        toks = self.toks
        for k, t in enumerate(toks):
            nxt = toks[k + 1].text if k + 1 < len(toks) else ""
            prev = toks[k - 1].text if k > 0 else ""
            noun = nxt in ("one", "movie", "film", "part", "installment")
            # 'toy story 1 and 2 are my favs but I hate the third': the ordinal alone
            # ('... and the second one, the third made me cry': the ordinal before its verb)
            alone = prev == "the" and (
                nxt in END_OF_OBJECT
                or nxt in ("was", "is")
                or (k + 1 < len(toks) and self._pos(k + 1) in ("VERB", "AUX"))
            )
            if t.text not in ORDINALS or not (noun or alone):
                continue
            if (
                t.used
                and not any(x.pos == k and x.from_reference for x in self.targets)
                and k not in self.pickless
            ):
                continue  # read as something else than a pick ('the first Star Wars')
            # ('I loved toy story. the second one was even better': with no picks on the table
            # the film may be named in the sentence before)
            found = self._series_named_before(k, same_sentence=bool(self.state.last_shown))
            if found is None:
                continue
            if k in self.pickless:
                # 'the Toy Story films: the second one is the best': no pick pointed at, the
                # film of the series named before
                self.pickless.discard(k)
                if not self.pickless:
                    self.no_picks_referred = False
                    self.notes = [n for n in self.notes if n != _NO_PICKS_NOTE]
            films = _features(found[1]) or found[1]
            idx = ORDINALS[t.text]
            i = len(films) - 1 if idx == -1 else (len(films) // 2 if idx == -2 else idx)
            numbered = (
                _numbered_in(films, normalize_title(found[0].title), idx)
                or _numbered_in(films, normalize_title(films[0].title), idx)
                if idx
                else None
            )
            if numbered is not None and numbered in films:
                # 'Toy Story (not the fourth one)': Toy Story 4, not the 2014 special between
                i = films.index(numbered)
            if not 0 <= i < len(films):
                continue
            self.targets = [x for x in self.targets if x.pos != k]
            self._add_item(k, films[i])
            self._use(k, 2 if noun else 1)

    def _franchise_heading_before(self, k: int, *, after: int) -> tuple[Item, list[Item]] | None:
        """A franchise named as a series before token k and after token `after` ('the Matrix
        trilogy: loved the first two', 'the Toy Story films - the third made me cry'): its
        first film and its series in release order; the franchise is then the films' heading,
        no wish, so its target is dropped. None when there is none."""
        heads = [
            x
            for x in self.targets
            if x.kind == "facet"
            and x.facet is not None
            and x.facet[0] == "franchise"
            and after < x.pos < k
            and any(w in _SERIES_NOUNS for w in (t.text for t in self.toks[x.pos : x.pos + 5]))
        ]
        if not heads:
            return None
        head = max(heads, key=lambda x: x.pos)
        assert head.facet is not None
        value = head.facet[1]
        members = {it.id for it in self.vocab.catalog if value in it.facet("franchise")}
        best = max(
            (f for f in self.vocab.series.values() if len({x.title for x in f}) > 1),
            key=lambda f: sum(x.id in members for x in f),
            default=None,
        )
        if best is None or sum(x.id in members for x in best) < 2:
            return None
        films = [f for f in best if f.id in members] or list(best)
        self.headings.add(head.pos)
        return films[0], films

    def _series_named_before(
        self, k: int, *, same_sentence: bool
    ) -> tuple[Item, list[Item]] | None:
        """The film the message named last before token k (in k's sentence only, or in any),
        and its series (see _series_of); None when there is none."""
        named = [
            x
            for x in self.targets
            if x.item is not None
            and not x.from_reference
            and x.pos < k
            and (not same_sentence or self._same_sentence(x.pos, k))
        ]
        heading = self._franchise_heading_before(k, after=max((x.pos for x in named), default=-1))
        if heading is not None:
            return heading
        if not named:
            return None
        item = max(named, key=lambda x: x.pos).item
        assert item is not None
        films = self._series_of(item)
        return None if films is None else (item, films)

    def _series_named_earlier(self) -> tuple[Item, list[Item]] | None:
        """The film the user named last in earlier turns and its series, when this message
        names no film."""
        if any(x.item is not None for x in self.targets):
            return None
        order = {item_id: k for k, item_id in enumerate(self.state.titles)}
        said = [*self.state.liked, *self.state.disliked, *self.state.seen]
        named = [i for i in said if i in self.vocab.catalog]
        if not named:
            return None
        item = self.vocab.catalog.get(max(named, key=lambda i: order.get(i, -1)))
        films = self._series_of(item)
        return None if films is None else (item, films)

    def _series_last_words(self) -> None:
        """'the matrix was great, reloaded was ok, revolutions was terrible': a word said after
        a film of a series, with a verdict or a comma after it, that is the last word of the
        title of another film of that series (The Matrix Revolutions) names that film."""
        toks = self.toks
        named = [t for t in self.targets if t.item is not None and not t.from_reference]
        for k, tok in enumerate(toks):
            if tok.used or not tok.text.isalpha() or len(tok.text) < 4 or k == 0:
                continue
            before = [t for t in named if t.pos < k]
            if not before or toks[k - 1].text not in (",", "and", "but", ";", "."):
                continue
            nxt = toks[k + 1].text if k + 1 < len(toks) else ""
            if nxt not in ("was", "is", "were", ",", ".", "", "too", "also", "not"):
                continue
            series = self._series_of(before[-1].item) if before[-1].item is not None else None
            films = [
                f
                for f in series or ()
                if f is not before[-1].item and normalize_title(f.title).split()[-1] == tok.text
            ]
            if len(films) == 1:
                self._add_item(k, films[0])
                self._use(k, 1)
                named.append(self.targets[-1])

    def _series_of(self, item: Item) -> list[Item] | None:
        """The series the item is a film of (release order), when its films have titles of
        their own (not remakes of one title: 'Heat' 1986 and 1995)."""
        return next(
            (
                f
                for f in self.vocab.series.values()
                if item in f and len({normalize_title(x.title) for x in f}) > 1
            ),
            None,
        )

    def _relative_of_named_series(self) -> None:
        """'i liked the descent but not the sequel', 'toy story 2 and 3 were great, part 4 not
        so much', 'the third godfather was a letdown but i loved the first two': a sequel, a
        prequel, a part by number or the first films, said after a film of a series in the
        same sentence, are those films of that series."""
        toks = self.toks
        words = ("sequel", "sequels", "prequel", "prequels", "part", "first", "last")
        for k, t in enumerate(toks):
            if t.used or t.text not in words:
                continue
            prev = toks[k - 1].text if k > 0 else ""
            nxt = toks[k + 1].text if k + 1 < len(toks) else ""
            picked: list[Item] = []
            width = 1
            # the film named last, in this sentence or one before ('shrek. the sequel. loved
            # it'); 'the sequel to alien' names its own film
            found = self._series_named_before(k, same_sentence=False)
            if found is None and t.text not in ("first", "last"):
                # 'loved back to the future', then 'part 2 not so much': the film named last
                # in the conversation ('the first two' then are picks on the table)
                found = self._series_named_earlier()
            if found is None or nxt == "to":
                continue
            item, films = found
            at = films.index(item)
            # the films of the series itself: 'the matrix sequels' are not The Animatrix
            head = normalize_title(item.title).split()[0]
            features = [
                f
                for f in films
                if (not f.runtime or f.runtime > 40)
                and any(w.startswith(head) for w in normalize_title(f.title).split())
            ] or films
            # 'the matrix was great, matrix sequels not so much': the series' own name
            own_words = normalize_title(item.title).split()
            named_series = t.text in ("sequels", "prequels") and (
                (prev in own_words and not toks[k - 1].used)
                # 'Die Hard, sequels not so much': the film just named, then its sequels
                or (prev in (",", "-") and k > 1 and toks[k - 2].text in own_words)
            )
            if t.text in ("sequel", "sequels", "prequel", "prequels") and (
                prev in ("the", "its", "their", "a") or named_series
            ):
                later = t.text.startswith("sequel")
                # one sequel is the next film of the series (Batman Begins before The Dark
                # Knight); 'the sequels' are the later films that carry the series' name
                pool = (
                    features
                    if t.text.endswith("s")
                    else [f for f in films if not f.runtime or f.runtime > 40]
                )
                side = [f for f in (films[at + 1 :] if later else films[:at]) if f in pool]
                picked = side if t.text.endswith("s") else side[:1] if later else side[-1:]
                named = {it.id for it in self._titles_named_before(k)}
                if later and t.text == "sequel" and at > 0 and films[at - 1].id in named:
                    # 'Jaws > Jaws 2. The sequel was a cash grab': the film and its sequel
                    # both named, the sequel is the one named after it
                    picked = [item]
            elif t.text == "part" and nxt in NUMBER_WORDS and prev != "that":
                n = int(NUMBER_WORDS[nxt])
                numbered = [f for f in films if re.search(rf"\b{n}\b", normalize_title(f.title))]
                if len(numbered) == 1:
                    picked = numbered
                elif 1 <= n <= len(features):
                    picked = [features[n - 1]]
                width = 2
            elif (
                t.text in ("first", "last")
                and prev == "the"
                and nxt in ("two", "three", "2", "3")
                and (k + 2 >= len(toks) or toks[k + 2].text in (*END_OF_OBJECT, "were", "are"))
            ):
                n = int(NUMBER_WORDS[nxt])
                picked = features[:n] if t.text == "first" else features[-n:]
                width = 2
            if not picked:
                continue
            for film in picked:
                self._add_item(k, film)
            self._use(k, width)
            if named_series and prev not in (",", "-"):
                self._use(k - 1, 1)

    def _listed_subject_of_verdict(self, i: int, n: int) -> bool:
        """Tokens i..i+n open a list of two that is the subject of a plural verdict ('the dark
        knight and heat are my two favs', 'heat and collateral were amazing'): the first member
        is a film like the one after it (the user's own day is not: 'work and school are
        killing me')."""
        toks, k = self.toks, i + n
        if k >= len(toks) or toks[k].text not in ("and", "&", "n"):
            return False
        if i > 0 and toks[i - 1].text not in CLAUSE_OPENERS:
            return False
        said = [t.text for t in toks[i:k]]
        if set(said) & (USERS_DAY | set(PRONOUNS)) or said[0] in ("my", "our", "his", "her"):
            return False
        for j in range(k + 2, min(len(toks), k + 6)):
            if toks[j].text in CLAUSE_BREAK or toks[j].text in ("and", "&", ","):
                return False
            if toks[j].text in ("are", "were", "r"):
                rest = [t.text for t in toks[j + 1 : j + 9]]
                while rest and rest[0] in COPULA_FILLERS:
                    rest = rest[1:]
                praised = any(
                    tuple(rest[: len(p)]) == p for p in (*COPULA_PRAISE, *COPULA_COMPLAINT)
                )
                # 'room and wild were too depressing': a film's quality complained of
                praised = praised or self._too_of_a_film(j + 1)
                return bool(praised or self._verdicts_at(j + 1)) and not (
                    {t.text for t in toks[k + 1 : j]} & (USERS_DAY | set(PRONOUNS))
                )
        return False

    def _bracketed_verdict(self, j: int) -> bool:
        """Tokens from j are a verdict in brackets: '(loved it)', '(hated it)', '(watched it)'
        (as a score after a name is read: chatbot.understanding.core._score_after_name), or a
        word of verdict alone: '(loved)', '(meh)', '(seen)'."""
        said = self._words(j, 4)
        if said[:1] != ["("] or len(said) < 3:
            return False
        if said[2] == ")":
            # 'Heat (loved), Drive (meh)': a word of verdict alone in the brackets
            return said[1] in _BRACKET_VERDICTS | _BRACKET_WORDS
        return said[2:] == ["it", ")"] and said[1] in _BRACKET_VERDICTS

    def _series_neighbours(self) -> None:
        """'the sequel to Shrek', 'Home Alone and the one after it', 'what came before The Two
        Towers?', 'we watched The Bourne Identity, what's the next one?': the film right after
        (or before) a film of a series, in release order (its features; shorts and specials
        between are skipped). The film it is relative to is the one named in the phrase, else
        the one the message named last, else the one the last answer was about or the user
        named last in the conversation. The phrase is never a title ('The One', 'Next') nor a
        topic; with no film to go by, or none after it, a note says so."""
        toks = self.toks
        k = 0
        while k < len(toks):
            found = self._neighbour_phrase(k)
            if found is None:
                k += 1
                continue
            end, later, base_at = found
            base = None
            if base_at is not None:
                named = [
                    x
                    for x in self.targets
                    if x.item is not None and base_at <= x.pos < base_at + 2 and x.pos >= end - 1
                ]
                if named:
                    base = named[0]
            if base is not None:
                item = base.item
            else:  # ('the one after the party': no film where one was named, nothing to go by)
                item = None if base_at is not None else self._neighbour_base(k)
            # whatever was read inside the phrase ('the one' as The One) goes
            self.targets = [
                x for x in self.targets if not (k <= x.pos < end and x is not base and x.item)
            ]
            self._use(k, end - k)
            if base_at is not None and item is None:
                k = end
                continue  # 'the one after the party was fun': no film named there
            if item is None:
                self.notes.append(
                    "Name the film first, and I'll find the one "
                    f"{'after' if later else 'before'} it."
                )
                k = end
                continue
            films = self._series_of(item)
            pool = _features(films or ())
            if item not in pool:
                pool = list(films or ())
            at = pool.index(item) if item in pool else -1
            side = pool[at + 1 : at + 2] if later else pool[max(0, at - 1) : at] if at > 0 else []
            if films is None and base is not None and toks[k].text == "the":
                k = end  # 'the one after the party was fun': The Party, in no series
                continue
            if base is not None:
                # the film the phrase is relative to is no like of its own ('the sequel to X')
                self.targets = [x for x in self.targets if x is not base]
            if at < 0 or not side:
                where = "after" if later else "before"
                series = "its series" if films else "a series"
                self.notes.append(f"The catalogue has no film {where} {item.label} in {series}.")
                self.neighbour_missing = item  # a question about it is answered with its series
                k = end
                continue
            self._add_item(k, side[0])
            self.relatives[side[0].id] = ("after" if later else "before", item.id)
            k = end

    def _neighbour_phrase(self, k: int) -> tuple[int, bool, int | None] | None:
        """At token k, a phrase naming the film after or before another: (end token, after?,
        token where that other film is named or None when it is 'it' / not said)."""
        toks = self.toks

        def word(j: int) -> str:
            return toks[j].text if 0 <= j < len(toks) else ""

        def base(j: int) -> tuple[int, int | None]:
            # what the phrase is relative to: a pronoun, nothing, or a film named at j
            if word(j) in ("it", "this", "that", "them", "those"):
                return (j + 2 if word(j + 1) == "one" else j + 1), None
            if word(j) in ("", ",", ".", "?", "!", "and", "too", "as", "then", "please"):
                return j, None
            return j + 1, j

        w = word(k)
        if w in ("sequel", "prequel") and word(k + 1) in ("to", "of"):
            end, at = base(k + 2)
            return (end, w == "sequel", at) if at is not None else None
        if w in ("next", "previous", "following") and word(k + 1) in _NEIGHBOUR_NOUNS:
            if word(k - 1) not in ("the", "its", "their") or word(k + 2) in _TIME_NOUNS:
                return None  # 'see you next time', 'a next one': no film of a series
            if word(k + 2) in ("after", "before"):
                end, at = base(k + 3)  # 'the next one after Alien'
                return end, word(k + 2) == "after", at
            return k + 2, w != "previous", None
        if w == "the" and word(k + 1) in _NEIGHBOUR_NOUNS:
            j = k + 2
            while word(j) in ("right", "just", "directly", "that", "which", "comes", "came"):
                j += 1
            if word(j) in ("after", "before"):
                end, at = base(j + 1)
                return end, word(j) == "after", at
            return None
        if w == "what" and word(k + 1) in ("comes", "came"):
            j = k + 2
            while word(j) in ("right", "just", "directly", "next"):
                j += 1
            if word(j) in ("after", "before"):
                end, at = base(j + 1)
                return end, word(j) == "after", at
        return None

    def _neighbour_base(self, k: int) -> Item | None:
        """The film 'the one after it' / 'the next one' is relative to when the phrase names
        none: the film of a series this message named last before k, else the one the last
        answer was about or the user named last in the conversation (one in a series first,
        else any, whose lack of a series is then said); None when no film was named."""
        found = self._series_named_before(k, same_sentence=False)
        if found is not None:
            return found[0]
        catalog = self.vocab.catalog
        said = [*self.state.discussed[-1:]]
        order = {item_id: n for n, item_id in enumerate(self.state.titles)}
        said += sorted(
            {*self.state.liked, *self.state.disliked, *self.state.seen},
            key=lambda i: -order.get(i, -1),
        )
        with_series = [i for i in said if i in catalog and self._series_of(catalog.get(i))]
        known = [i for i in said if i in catalog]
        # ('I liked Zodiac' -> 'what's the next one?': Zodiac, in no series, said so)
        return catalog.get((with_series or known)[0]) if known else None

    def _series_lists(self) -> None:
        """Several films of a series at once: 'both Kill Bill movies', 'all the Lord of the Rings
        films', 'the first and second Godfather', 'Toy Story 1 and 2', 'back to the future 1, 2
        and 3' (series in release order, as for ordinals)."""
        toks = self.toks
        i = 0
        while i < len(toks):
            done = (
                self._series_all(i)
                or self._series_ordinals(i)
                or self._series_numbers(i)
                or self._series_named_numbers(i)
            )
            i += done or 1

    def _series_at(self, j: int, plural: bool = False) -> tuple[list[Item], int] | None:
        """(films, width) of the longest series name starting at token j, if free; with plural
        also the name said in the plural ('the terminators', 'all the rockys')."""
        for n in range(min(6, len(self.toks) - j), 0, -1):
            if self._free(j, n):
                head = normalize_title(" ".join(self._words(j, n)))
                films = self.vocab.series.get(head) or (
                    self._plural_series(head) if plural else None
                )
                if films:
                    return films, n
        return None

    def _plural_series(self, head: str) -> list[Item] | None:
        """The films of a series named in the plural ('terminators', 'toy stories', 'rockys',
        'harry potters'), said after a count or 'all' / 'both'; None when the singular is no
        series' name."""
        for plural, singular in (("ies", "y"), ("s", ""), ("es", "")):
            if head.endswith(plural) and len(head) > len(plural) + 2:
                films = self.vocab.series.get(head[: -len(plural)] + singular)
                if films:
                    return films
        return None

    def _series_all(self, i: int) -> int:
        watched = self.toks[i].text in ("the", "whole", "entire") and any(
            t.text in WATCH_VERBS | {"finished", "binged"} for t in self.toks[max(0, i - 3) : i]
        )
        if (self.toks[i].text not in ("all", "both", "every") and not watched) or self.toks[i].used:
            return 0
        j = i + 1
        while j < len(self.toks) and self.toks[j].text in (
            "the",
            "of",
            "three",
            "four",
            "two",
            "whole",
            "entire",
        ):
            j += 1
        found = self._series_at(j, plural=True)
        if found is None:
            return 0
        films, n = found
        end = j + n
        if watched and (end >= len(self.toks) or self.toks[end].text not in _WHOLE_SERIES):
            return 0  # 'seen the toy story one' is one film; 'seen the toy story trilogy' all
        named_plural = self.vocab.series.get(normalize_title(" ".join(self._words(j, n)))) is None
        has_noun = end < len(self.toks) and self.toks[end].text in (
            *FRANCHISE_NOUNS,
            *(() if named_plural else ("movie", "film")),
        )
        if (
            not named_plural
            and not has_noun
            and not (self.toks[i].text == "every" and self._past_cue_before(i))
        ):
            return 0  # 'all Toy Story' without 'movies' stays the franchise wish ('seen every
            # harry potter except the last two' is every film of it; 'a scary one every
            # Halloween' is the holiday)
        end += has_noun  # 'all the rockys movies', 'all the toy story films'
        # 'all the toy storys' are its features, not the 22-minute special between them
        films = _features(films) or films
        if named_plural:
            # 'all the shreks': the films called Shrek, not the Puss in Boots spin-offs
            said = normalize_title(" ".join(self._words(j, n)))
            called = [
                f
                for f in films
                if any(
                    normalize_title(f.title).startswith(said[: len(said) - cut])
                    for cut in (1, 2, 3)
                    if len(said) - cut >= 3
                )
            ]
            films = called if len(called) >= 2 else films
        films = films[:2] if self.toks[i].text == "both" else films
        excepted = self._series_exception(end, films)
        if excepted is not None:
            # 'loved all the harry potters except the last one': the verdict falls on the
            # others; the film excepted takes the other side of it (watched, not loved)
            left, width = excepted
            films = [f for f in films if f not in left]
            for film in left:
                self._add_item(end, film, verdict="except")
            end += width
        for film in films:
            self._add_item(i, film)
        self._use(i, end - i)
        return end - i

    def _series_member_at(self, k: int, films: list[Item]) -> tuple[Item, int] | None:
        """(film, width) of the longest title of one of `films` typed from token k ('rocky v',
        'the last crusade' as the film's own title, 'toy story 4'); None when none is."""
        words = [t.text for t in self.toks]
        for m in range(min(6, len(words) - k), 0, -1):
            key = normalize_title(" ".join(words[k : k + m]))
            found = [f for f in films if normalize_title(f.title) == key]
            if len(found) == 1:
                return found[0], m
        return None

    def _series_exception(self, j: int, films: list[Item]) -> tuple[list[Item], int] | None:
        """(films excepted, width) of 'except the last one', 'but the first two', 'apart from
        the third', 'other than the 2nd and 3rd', 'except 4', 'except rocky v' at token j, after
        a whole series ('all the harry potters'): places and numbers in the series in release
        order, or one of its titles; None when no such phrase (or it would except them all)."""
        toks = self.toks
        k = j
        if k < len(toks) and toks[k].text == ",":
            k += 1
        two = " ".join(t.text for t in toks[k : k + 2])
        if two in ("apart from", "other than", "except for", "save for", "but for"):
            k += 2
        elif k < len(toks) and toks[k].text in ("except", "but", "besides", "bar", "minus"):
            k += 1
        else:
            return None
        named = self._series_member_at(k, films)
        if named is not None:
            # 'all the rocky films except rocky v': the exception by its title
            film, width = named
            return ([film], k + width - j) if len(films) > 1 else None
        if k < len(toks) and toks[k].text == "the":
            k += 1
        left: list[Item] = []
        while k < len(toks) and (
            (toks[k].text in ORDINALS and toks[k].text != "middle")
            or (toks[k].text.isdecimal() and 1 <= int(toks[k].text) <= len(films))
        ):
            # 'except the last', 'but the first two', 'except 4' (the fourth film)
            place = int(toks[k].text) - 1 if toks[k].text.isdecimal() else ORDINALS[toks[k].text]
            k += 1
            count = NUMBER_WORDS.get(toks[k].text) if k < len(toks) else None
            if isinstance(count, int) and count >= 2 and toks[k].text not in ("a", "an"):
                k += 1  # 'the last two', 'the first three'
                left += films[-count:] if place == -1 else films[:count] if place == 0 else []
            elif -len(films) <= place < len(films):
                left.append(films[place])
            if k < len(toks) and toks[k].text in (
                "one",
                "ones",
                "movie",
                "film",
                "movies",
                "films",
            ):
                k += 1
            nxt = k + 1 if k < len(toks) and toks[k].text in (",", "and", "&") else k
            nxt += 1 if nxt < len(toks) and toks[nxt].text == "the" else 0
            if nxt == k or nxt >= len(toks) or toks[nxt].text not in ORDINALS:
                break  # 'the first and the third' goes on; 'the last one, sadly' ends
            k = nxt
        if not left or len(left) >= len(films):
            return None
        return list(dict.fromkeys(left)), k - j

    def _series_ordinals(self, i: int) -> int:
        toks = self.toks
        picks: list[int] = []
        j = i
        while j < len(toks) and toks[j].text in ORDINALS and ORDINALS[toks[j].text] >= 0:
            picks.append(ORDINALS[toks[j].text])
            j += 1
            if j < len(toks) and toks[j].text in (",", "and", "&", "or"):
                j += 1
        if len(picks) < 2 or toks[i].used:
            return 0
        found = self._series_at(j, plural=True)
        if found is None:
            return 0
        films, n = found
        for k in picks:
            if k < len(films):
                self._add_item(i, films[k])
        end = j + n + (1 if j + n < len(toks) and toks[j + n].text in ("movies", "films") else 0)
        self._use(i, end - i)
        return end - i

    def _series_named_numbers(self, i: int) -> int:
        """ "Ocean's Eleven, Twelve and Thirteen": after a film of a series whose titles end in
        a number word, the next number words of the list are its other films (never the films
        12 (2008) or Thirteen (2003)); width read, 0 when not such a list."""
        toks = self.toks
        for n in range(min(6, len(toks) - i - 1), 0, -1):
            if not self._free(i, n):
                continue
            head = normalize_title(" ".join(self._words(i, n)))
            films = self.vocab.series.get(head)
            if not films:
                continue
            named = {normalize_title(f.title): f for f in films}
            j, picked = i + n, list[Item]()
            while j < len(toks) and toks[j].text in _NUMBER_NAMES:
                said = _NUMBER_NAMES[toks[j].text]
                film = named.get(f"{head} {said}") or named.get(f"{head} {toks[j].text}")
                nxt = toks[j + 1].text if j + 1 < len(toks) else ""
                if picked and nxt[:1].isalpha() and nxt not in _AFTER_A_LISTED_NUMBER:
                    break  # "Ocean's Eleven and 12 Angry Men": the number starts a title
                if film is None:
                    break
                picked.append(film)
                j += 1
                if j + 1 < len(toks) and toks[j].text in (",", "and", "&"):
                    j += 1
            if len(picked) < 2:
                continue
            if toks[j - 1].text in (",", "and", "&"):
                j -= 1
            for film in picked:
                self._add_item(i, film)
            self._use(i, j - i)
            return j - i
        return 0

    def _series_numbers(self, i: int) -> int:
        found = self._series_at(i)
        if found is None:
            return 0
        films, n = found
        toks, j = self.toks, i + n
        numbers: list[int] = []
        # 'a Mission Impossible marathon, 1 to 3', 'the rocky films: 1 and 2': the numbers after
        # the series' noun and a break
        skip = j
        if skip < len(toks) and toks[skip].text in (*FRANCHISE_NOUNS, *_PLACE_NOUNS):
            skip += 1
            if skip < len(toks) and toks[skip].text in (",", ":", "-"):
                skip += 1
            if skip < len(toks) and (
                self._number_range(skip, len(films)) is not None
                or (
                    toks[skip].text.isdecimal()
                    and skip + 2 < len(toks)
                    and toks[skip + 1].text in (",", "and", "&")
                    and toks[skip + 2].text.isdecimal()
                )
            ):
                j = skip
        while j < len(toks):
            word = toks[j].text
            span = self._number_range(j, len(films))
            if span is not None:
                # 'toy story 1-4', 'rocky 1 to 3', 'the godfather 1 through 3': every number between
                (low, high), width = span
                numbers.extend(range(low, high + 1))
                j += width
                if j < len(toks) and toks[j].text in (",", "and", "&"):
                    j += 1
                continue
            number = NUMBER_WORDS.get(word) if word not in ("a", "an") else None
            if number is None and word in _ROMAN_NUMBERS:
                number = _ROMAN_NUMBERS[word]
            if number is None or not toks[j].used and not 1 <= number <= len(films) + 1:
                break
            if word == "i" and numbers and toks[j - 1].text not in (",", "and", "&"):
                break  # 'Rocky V I never want to see again': the pronoun, not Rocky I
            if word == "i" and j + 1 < len(toks) and self._pos(j + 1) in ("VERB", "AUX", "PART"):
                break  # "my son loved Cars 2, I didn't": the pronoun, the subject of a verb
            numbers.append(int(number))
            j += 1
            if j < len(toks) and toks[j].text in (",", "and", "&"):
                j += 1
        if len(numbers) < 2:
            return 0
        head = normalize_title(" ".join(self._words(i, n)))
        for k in numbers:
            film = self._numbered_film(head, films, k) if k >= 1 else None
            if film is not None:
                self._add_item(i, film)
            else:
                self.unknown.append(f"{' '.join(t.raw for t in toks[i : i + n])} {k}")
        self._use(i, j - i)
        # 'toy story 1 and 2 but not 3', 'rocky 1-4 except 3': a number of the same series
        # left out takes the verdict of its own clause
        m = re.match(
            r"(?:but not|except(?: for)?|minus|not)(?: the)? (\d|[a-z]+)\b",
            " ".join(t.text for t in toks[j : j + 5] if t.text != ","),
        )
        seen = re.search(
            r"\b(?:seen|saw|watched|have watched)\b", self.text[: toks[i].start].lower()
        )
        if m and not seen:  # 'seen rocky 1 and 2, not 3' says 3 is unseen: nothing to store
            k = int(NUMBER_WORDS.get(m.group(1)) or ORDINALS.get(m.group(1), -2) + 1)
            words = len(m.group(0).split())
            film = self._numbered_film(head, films, int(k)) if 1 <= int(k) <= 9 else None
            if film is not None and film not in [x.item for x in self.targets]:
                at = j + words - 1 + (1 if toks[j].text == "," else 0)
                self._add_item(at, film)
                self._use(at, 1)
        return j - i

    def _number_range(self, j: int, size: int) -> tuple[tuple[int, int], int] | None:
        """((low, high), tokens) of a range of film numbers starting at token j: '1-4' (one
        token), '1 - 3', '1 to 3', '1 through 3', '1 thru 3'; None when token j starts none or
        the range leaves the series' size + 1 (a sequel the catalogue lacks is said to be
        unknown by the caller)."""
        toks = self.toks
        low: int | None
        high: int | None
        m = re.fullmatch(r"(\d)-(\d)", toks[j].text)
        if m:
            low, high, width = int(m.group(1)), int(m.group(2)), 1
        elif (
            j + 2 < len(toks)
            and _film_number(toks[j].text) is not None
            and toks[j + 1].text in ("-", "to", "through", "thru")
            and _film_number(toks[j + 2].text) is not None
        ):
            # ('star wars episodes iv to vi': numbers in roman too)
            low, high, width = _film_number(toks[j].text), _film_number(toks[j + 2].text), 3
        else:
            return None
        if low is None or high is None or not 1 <= low < high <= size + 1:
            return None
        return (low, high), width

    def _looks_like_title(self, span: Sequence[Tok]) -> bool:
        first = span[0]
        if self.text.isupper() or not first.raw[:1].isupper():
            return False
        run = _title_case_run(span)
        capitals = sum(1 for t in span[:run] if t.raw[:1].isupper())
        after = self._word(self.toks.index(span[run])) if run < len(span) else None
        if (
            after is not None
            and span[run].text.isalpha()
            and after.pos == "NOUN"
            and after.ent not in ("DATE", "TIME")  # 'watched Inception Rising yesterday'
            and after.dep != "npadvmod"
        ):
            return False  # 'New York stories', 'Pixar movies': the names describe what follows
        if capitals >= 2:
            return True  # 'The Dark Knights of Venice': title case, ordinary words or not
        if first.text in COMMON_WORDS or first.text in FILLER_WORDS:
            return False
        if any(first.text in names for names in (LANGUAGES, COUNTRIES)):
            return False
        return not self.text.isupper()


# words that can be a sentence's subject; any other word as the subject of 'was great' is a
# title ('us was boring', 'up was meh')
SUBJECT_WORDS = frozenset(
    ("i", "you", "he", "she", "it", "we", "they", "this", "that", "there", "what", "which")
    + ("who", "everything", "nothing", "something", "anything", "everyone", "all", "each")
    + ("mine", "yours", "one", "which", "these", "those", "both", "neither", "either")
)
# words after which a capitalised name is a person ('starring Denzel Washington')
PERSON_CUES = frozenset(("starring", "featuring", "with", "by", "actor", "actress", "director"))
# nouns that make the words before them a kind of film ('a princess one', 'a heist type')
# nouns that, after lower-case words, say a kind of film ('a road trip movie', 'no possession
# stuff'), not the end of a title
KIND_NOUNS = frozenset(
    ("one", "ones", "movie", "movies", "film", "films", "flick", "flicks", "type", "kind")
    + ("thing", "things", "stuff", "vibe", "vibes", "genre")
)
# words after which a franchise named like its film is left out as a whole ('isnt jaws')
# 'i've seen it', ', seen it already', 'ive seen it like 10 times' right after a title
# who likes a thing, said after it ('a huge Elvis fan', 'a horror buff'): no title
_FAN_NOUNS = frozenset(("fan", "fans", "buff", "buffs", "nerd", "geek", "addict", "junkie", "stan"))
_NUMBER_WORDS = frozenset(
    ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")
)
SEEN_IT_AFTER = (
    # ('not the matrix tho ive seen it a million times')
    r"[,.!\s]*(?:(?:please|pls|plz|tho|though|lol|haha|cause|cuz|bc|because|since|as)[,.!\s]+)?"
    r"(?:(?:i've|ive|i have|i already|i've already|i have already|i already have|already|"
    r"cause i've|since i've|we've|we have|we've already|we already|they've|they have|"
    r"(?:the |my |our )?(?:kids|children|boys|girls|family) have|(?:he|she) has|everyone has|"
    # (a watcher read as who watches)
    r"we all have|we both have|have|has|we|i|they)(?: already)? )?"
    r"(?:(?:seen|watched|saw) (?:it|that|that one|this one|them|both|them both|both of them|"
    r"them all|all of them|those)\b|already (?:seen|watched)\b|"
    r"(?:seen|watched) (?:it )?already\b)"
)
_LEAVE_OUT = frozenset(
    ("more", "other", "any", "not", "no", "except", "besides", "isn't", "wasn't")
)
# the user's own day, which bores or wrecks them more often than a film of that name
# where a story happens ('set in Chicago', 'takes place in Philadelphia', 'filmed in Casablanca'):
# the words after 'in' name a place, not the film of that name
_SETTING_VERBS = frozenset(
    ("set", "place", "located", "based", "filmed", "shot", "happens", "happening", "unfolds")
)
# nouns of a film's parts: 'loved the heat soundtrack' still names Heat
FILM_PARTS = frozenset(
    ("ending", "endings", "cast", "soundtrack", "score", "remake", "remakes", "sequel", "sequels")
    + ("prequel", "prequels", "reboot", "original", "version", "versions", "trailer", "scene")
    + ("scenes", "character", "characters", "villain", "plot", "twist", "music", "trilogy")
    + ("saga", "series", "franchise", "universe", "ones", "era", "vibes", "vibe", "energy")
)
# how much or how often: 'loved inception lots', 'seen heat loads of times'
# negations that go with a verb ("can't remember", "don't know")
_AUX_NEGATIONS = frozenset(
    ("can't", "cant", "cannot", "don't", "dont", "won't", "wont", "didn't", "didnt", "couldn't")
    + ("couldnt", "doesn't", "doesnt", "wouldn't", "wouldnt", "shouldn't", "never")
)


# what a film is to another film ('the alien sequel', 'a jaws rip-off'): a title before these is one
_FILM_RELATIONS = frozenset(
    ("sequel", "sequels", "prequel", "prequels", "remake", "remakes", "reboot", "franchise")
    + ("series", "trilogy", "saga", "rip", "ripoff", "knockoff", "spinoff", "spin", "cast")
    + ("theme", "trailer", "poster", "fans", "fan", "marathon", "universe", "films", "movies")
)
# nouns of amount or feeling that take 'of' before a plain noun ('a sense of dread', 'a hint of
# heat'); films are named after the nouns of their parts ('the ending of up') and never these
_AMOUNT_HEADS = frozenset(
    ("sense", "feeling", "bit", "lot", "lots", "touch", "hint", "dash", "amount", "level")
    + ("atmosphere", "air", "mood", "vibe", "vibes", "tons", "loads", "plenty", "fear", "kind")
    + ("sort", "type", "element", "elements", "degree", "ton", "load", "bunch", "splash")
)


def _place(ordinal: int, n: int) -> int:
    """The pick index an ORDINALS value names among `n` picks (-1: the last, -2: the middle)."""
    return n - 1 if ordinal == -1 else (n // 2 if ordinal == -2 else ordinal)


# what every film has, after a title's possessive ("Coco's rating", "Titanic's ending")
_POSSESSED = _words(
    "rating ratings score runtime length ending end plot story storyline premise cast "
    "director directors soundtrack music score trailer year release sequel sequels prequel "
    "remake villain hero characters script cinematography twist themes message budget "
    "reviews review synopsis genre setting actors actor lead star stars"
)
# two words that say the next is a film's name ('the movie coco', 'that film her')
_NAMED_AS_FILM = [
    *([a, b] for a in ("the", "that", "this") for b in ("movie", "film", "flick")),
    *([a, b] for a in ("movie", "film") for b in ("called", "named")),
]
# pronouns that may follow a list of titles as themselves ('loved heat, and you?')
# what may stand between the members of a list of titles typed with nothing else
# ('heat. ronin. collateral.', 'collateral - drive - heat', 'the dark knight / the prestige')
_RUN_JOINS = frozenset(
    (",", "and", "&", "+", "/", "-", "–", "—", ".", ";", "plus", "or", "then", "also", "x")
)
# verbs a list of titles may follow ('loved collateral - drive - heat', 'seen up, big, elf')
_RUN_VERBS = frozenset(
    ("loved", "liked", "enjoyed", "adored", "hated", "disliked", "seen", "saw", "watched")
    + ("rewatched", "love", "like", "enjoy", "adore", "hate", "dislike", "watch", "faves")
    + ("favourites", "favorites", "favs", "favs:")
)
# the words around a title that only adds it to the list of the message before ('and ronin',
# 'the room too', 'also drive', 'heat as well')
_ADDED_WORDS = frozenset(("and", "also", "plus", "too", "as", "well", "aswell", "oh", "ditto"))
_LIST_PRONOUNS = frozenset(
    ("i", "me", "you", "he", "him", "she", "her", "we", "they", "them", "it", "myself", "mine")
    + ("yourself", "everyone", "everything", "all", "both", "one", "yours", "that", "this")
)
# the small words of surnames ('De Niro', 'Van Damme', 'Del Toro'): never a title alone
_NAME_PARTICLES = frozenset(
    ("de", "van", "von", "da", "di", "del", "der", "den", "la", "le", "du", "st", "mc", "ter")
)
# laughter typed after a sentence: 'haha', 'hahaha', 'lolol', 'xd'
_LAUGH = re.compile(r"(?:ha|he|ja|hi)+h?|lo(?:l|lo)+|x+d+|l+m+f*a+o+")
_AMOUNT_NOUNS = frozenset(
    ("lots", "lot", "tons", "ton", "loads", "load", "heaps", "bunch", "times", "time", "bits")
    + ("night", "nights", "weekend", "week", "today", "tonight", "yesterday", "morning")
)
# going somewhere: the place after 'to' is no title ('we're heading to the beach', 'going up
# north to the cabin'); 'similar to', 'listen to' stay cues
# the words between a denied complaint and the film it praises ('no complaints about Drive',
# "can't go wrong with Pixar", "couldn't stop laughing at Airplane!")
_COMPLAINT_OBJECT_WORDS = frozenset(("with", "about", "in", "at", "of", "for", "on", "by"))
_TRAVELLED_TO = re.compile(
    r"\b(?:go|goes|going|went|gone|head|heading|headed|drive|driving|drove|fly|flying|flew|"
    r"move|moving|moved|travel|travelling|traveling|travelled|traveled|road trip|trip|"
    r"back|way|get|getting|got)\b(?: \w+){0,2} to$"
)
# what may follow a verdict that closes its clause ('heat goes hard honestly', 'cars meh tho')
_AFTER_A_CLOSING_VERDICT = frozenset(
    ("", "and", "lol", "lmao", "tbh", "imo", "fr", "ngl", "honestly", "tho", "though", "af")
)
# one-word verdicts that close a clause about an everyday-word title ('..., cars meh')
CLOSING_INTERJECTIONS = frozenset(
    ("nah", "meh", "nope", "yuck", "ugh", "trash", "garbage", "overrated", "underrated", "mid")
    + ("boring", "annoying", "cringe", "cringey", "lame", "mediocre")
    # lukewarm shorthand ('heat ok-ish', 'cars so-so'): watched, no verdict either way
    + ("so-so", "ok-ish", "okay-ish", "okish", "okayish")
)
# the user's day ('traffic was awful', 'work sucked'): never a title or a topic as the subject
USERS_DAY = frozenset(
    ("work", "life", "today", "school", "class", "everything", "everyone", "nothing", "this")
    + ("that", "traffic", "weather", "week", "day", "job", "college", "exams", "homework")
    + ("commute", "boss", "dinner", "meeting", "morning", "rain", "journey", "shift", "exam")
)
# what may stand right before a title that opens a clause ('honestly, the dark knight ...')
# words said after what a clause names, closing it ('miami vice too honestly', 'not heat tho')
_AFTERTHOUGHTS = frozenset(
    ("honestly", "tbh", "lol", "ngl", "haha", "though", "tho", "either", "please", "pls", "plz")
    + ("thanks", "thx", "really", "actually", "imo")
)
CLAUSE_OPENERS = frozenset(
    (",", ".", "!", "?", ";", "and", "but", "so", "also", "then", "honestly", "tbh", "ok", "okay",
     "man")
)  # fmt: skip
# verbs an infinitive follows: 'need to get out', 'want to crash', 'going to run'
_INFINITIVE_HEADS = frozenset(
    ("need", "needs", "want", "wants", "have", "has", "got", "going", "try", "trying", "used")
    + ("able", "supposed", "gotta", "wanna", "gonna", "hoping", "hope", "plan", "planning")
)
_WHICH_ONE_NOTE = (
    "I can't tell which pick you mean from that; say 'the first one', 'the second one' or name "
    "the title."
)
# the words a verdict emoji after a name stands for (lexicon.VERDICT_EMOJI)
_MARKED_VERDICTS = frozenset(VERDICT_EMOJI.values())
# an interjection and a word for whom it is said to, opening a lower-case message
_INTERJECTIONS = frozenset(("yes", "yeah", "yep", "no", "nah", "nope", "oh", "ok", "okay", "hey"))
_VOCATIVES = frozenset(
    ("man", "dude", "bro", "boy", "girl", "mate", "sir", "boss", "guys", "babe", "buddy", "fam")
)
# a verdict, a viewing or 'like it' anywhere in a message that describes a film
_JUDGED_OR_WATCHED = re.compile(
    r"\b(?:lov(?:e|ed|es)|lik(?:e|ed)|hat(?:e|ed)|saw|seen|watched|rewatched|enjoyed|adored|"
    r"cried|favou?rite|boring|awful|great|amazing|terrible|overrated|brilliant|scared me)\b"
)
_ASKED_FOR = re.compile(
    r"\b(?:want|wanna|need|looking for|show me|give me|recommend|suggest|find me|got any|"
    r"is there|are there|do you have|in the mood)\b"
)
_DESCRIBED_NOTE = (
    "I can't tell which film you described; tell me its title and I'll take it into account."
)
_NO_PICKS_NOTE = (
    "I haven't shown you any picks yet, so there is nothing to refer to by number. Tell me a "
    "film you like or what you're in the mood for."
)
_OPINION_VERBS = ("thought", "think", "found", "felt", "reckon", "reckoned", "guess")
END_OF_OBJECT = frozenset(
    ("", ",", ".", "!", "?", ";", "and", "but", "or", "though", "too")
    # 'seen heat, drive and taken already': an adverb or a filler after the object
    + ("already", "yesterday", "again", "twice", "lol", "tbh", "ngl", "haha")
)


BARE_NOUN_TITLE_MAX_ZIPF = 4.5  # wordfreq: 'elf' 3.4, 'heat' 4.9, 'water' 5.6


# words that pick a version or praise it without changing the name ('the original matrix', 'the
# new dune', 'the whole lord of the rings'): no part of a longer, unknown title
_NAME_MODIFIERS = frozenset(
    ("original", "orig", "og", "old", "older", "oldest", "classic", "real", "proper", "new")
    + ("newer", "newest", "latest", "recent", "modern", "remake", "reboot", "animated")
    + ("cartoon", "live", "action", "first", "second", "third", "last", "whole", "entire")
    + ("same", "other", "good", "great", "best", "greatest", "worst", "amazing", "awesome")
    + ("brilliant", "excellent", "fantastic", "wonderful", "incredible", "hilarious", "iconic")
    + ("underrated", "overrated", "beautiful", "perfect", "epic", "legendary", "famous", "one")
    + ("version", "film", "movie", "sequel", "prequel", "extended", "uncut", "directors")
)
_PRAISE_WORDS = frozenset(
    ("hilarious", "gorgeous", "stunning", "underrated", "overrated", "terrible", "awful", "dumb")
    + ("boring", "cheesy", "mighty", "masterful", "wonderful", "lovely", "sweet", "classic")
)
# of those, what may stand between 'the' and a title after a verdict ('loved the original
# matrix'); not determiners or ordinals ('loved the whole thing', 'the last time')
_VERSION_OR_PRAISE = (_NAME_MODIFIERS | _PRAISE_WORDS) - frozenset(
    ("whole", "entire", "same", "other", "one", "version", "film", "movie", "first", "second")
    + ("third", "last", "action", "live", "good", "great", "best", "greatest", "worst")
)
# who may say a verdict on a film put before them ('ronin he hated', 'heat my wife loved')
_FRONTING_SUBJECTS = frozenset(
    ("i", "he", "she", "we", "they", "wife", "husband", "gf", "bf", "girlfriend", "boyfriend")
    + ("i've", "we've", "i'd", "we'd", "i'll", "ive")
    + ("partner", "kids", "son", "daughter", "mom", "mum", "dad")
)
_FRONTING_ADVERBS = frozenset(
    ("never", "even", "really", "just", "honestly", "totally", "absolutely", "kinda", "also")
    + ("actually", "still", "literally", "rly", "def", "definitely", "so", "both")
    # 'rocky v i could happily never see again', 'heat i will always love'
    + ("could", "would", "will", "can", "might", "happily", "gladly", "always", "do", "did")
    # 'speed i found pretty dull', 'heat i thought was great'
    + ("found", "find", "thought", "think", "pretty", "quite", "rather", "was", "have", "had")
)
# what may stand between such a verdict and the end of its clause ('... never see again')
_AFTER_A_FRONTED_VERDICT = frozenset(("again", "anymore", "ever", "twice", "too", "either"))
# a word before the span that makes it a phrase of its own ('as a kid i loved ...', 'at home')
_FRONTING_NOT_AFTER = frozenset(
    ("at", "as", "in", "on", "for", "with", "from", "by", "after", "before", "during", "since")
    + ("like", "a", "an", "my", "our", "his", "her", "their", "this", "that", "to", "into")
)
_CLAUSE_ENDS = frozenset(
    (",", ".", "!", "?", ";", ":", "but", "and", "though", "tho", "lol", "haha", "tbh", "ngl")
    + ("so", "-", "–", "—")
)
# what a question asks 'on' a film ("what's the runtime on inside out")
_FACT_NOUNS = frozenset(
    ("runtime", "length", "rating", "ratings", "info", "details", "score", "reviews", "lowdown")
    + ("plot", "story", "synopsis", "year", "release", "verdict", "take", "thoughts")
)


# a genre with at least this share of the catalogue's items is one people name and capitalise
# (movies: Romance 5%, Western 1.6%; not Aliens 0.4% or Heist 0.6%)
BROAD_GENRE_SHARE = 0.01


def _features(films: Sequence[Item]) -> list[Item]:
    """The feature films of `films` (runtime over 40 minutes or unknown), in their order:
    shorts and TV specials of a series ('Toy Story That Time Forgot', 22 minutes) left out."""
    return [f for f in films if not f.runtime or f.runtime > 40]


def _numbered_past(films: Sequence[Item], head: str, number: int) -> bool:
    """A film of `films` carries the series name `head` and a number above `number` ('the
    third rocky' where the catalogue has Rocky IV and V: the third is missing, not Rocky V;
    'the third shrek' with only Shrek 2 numbered is Shrek the Third, third out)."""
    pattern = re.compile(rf"{re.escape(head)}(?: part| chapter)? (\d+)(?: .*)?")
    return any(
        (m := pattern.fullmatch(normalize_title(f.title))) is not None and int(m.group(1)) > number
        for f in films
    )


def _numbered_in(films: Sequence[Item], head: str, idx: int) -> Item | None:
    """The film of `films` whose title carries the series name `head` and the number idx + 1
    ('the conjuring 2', 'rocky iii', 'toy story part 2'; the first is the one titled just
    `head`); None when no title or several say so."""
    number = idx + 1
    if number == 1:
        found = [f for f in films if normalize_title(f.title) == head]
    else:
        said = rf"(?:{number}|{_ROMAN[number]})" if number < len(_ROMAN) else str(number)
        pattern = re.compile(rf"{re.escape(head)}(?: part| chapter)? {said}(?: .*)?")
        found = [f for f in films if pattern.fullmatch(normalize_title(f.title))]
    return found[0] if len(found) == 1 else None


def _talk_word(word: str) -> bool:
    """A word of the talk around titles ('yes', 'ok', 'me'), never a listed title."""
    return word in _YES_OR_NO or word in _INTERJECTIONS or word in _LIST_PRONOUNS


# verbs right before a title that say it is one ('i loved before sunrise')
_NAMING_A_FILM = frozenset(
    ("loved", "love", "liked", "like", "enjoyed", "enjoy", "hated", "hate", "adore", "adored")
    + ("watched", "seen", "saw", "rewatched", "recommend", "about", "is", "was")
)
# times of day a film title may name after 'before' / 'after' / 'until' ('before midnight')
_TIMES_OF_DAY = frozenset(
    ("midnight", "sunrise", "sunset", "dawn", "dusk", "dark", "noon", "bedtime", "dinner")
    + ("lunch", "breakfast", "tonight", "tomorrow", "morning", "evening", "nightfall")
)
# verbs that take a film said first back ('Hook, cross that one off')
_TAKING_BACK = frozenset(("cross", "scratch", "take", "remove", "delete", "strike", "forget"))
# words that say a film was watched ('watched the first one last night')
_WATCHING_WORDS = frozenset(
    ("watched", "saw", "seen", "finished", "rewatched", "caught", "tried", "streamed")
)
# verbs of meeting someone ('I saw Tom Hanks in London once'): the person, not a film they are in
_MEETING_VERBS = frozenset(("saw", "see", "seen", "met", "meet", "into", "spotted", "spot"))
_DAYS = frozenset(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))
# 'not Aliens, sorry, Alien', 'no, not heat - drive': the film named before, taken back first
OPENS_NOT_X = re.compile(
    r"^\W*(?:no\W+|oops\W+|sorry\W+)?not\s+(?:the\s+)?(?P<x>[^,.;!?-]+?)\s*[,.;!?-]"
)
# the words a correction may put between the film taken back and the one meant
_APOLOGIES = frozenset(
    ("sorry", "oops", "whoops", "i", "mean", "meant", "actually", "rather", "my", "bad", "no")
)
# words before a weekday that make it the day ('never a Friday without ...', 'every Sunday')
_BEFORE_A_DAY = frozenset(("a", "every", "each", "any", "one", "this"))
# days, months and holidays said as when ('on friday', 'every halloween'), after these words
_WHEN_BEFORE = frozenset(
    ("on", "this", "next", "last", "by", "until", "till", "every", "since", "from", "over")
)
_WHEN_WORDS = frozenset(
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "weekend",
        "christmas",
        "halloween",
        "easter",
        "thanksgiving",
        # 'on holiday', 'on vacation': when, not The Holiday (2006) nor Vacation (1983)
        "holiday",
        "holidays",
        "vacation",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ]
)
# verbs whose subject is a person, never a film: the subject is someone's name
_PERSON_VERBS = frozenset(
    [
        "like",
        "love",
        "hate",
        "adore",
        "enjoy",
        "prefer",
        "want",
        "refuse",
        "think",
        "say",
        "abide",
        "fancy",
        "insist",
        "reckon",
        "wish",
        "hope",
        "mention",
        "suggest",
        "ask",
        "tell",
        "watch",
        "dislike",
        "detest",
        "loathe",
        "despise",
        "worship",
    ]
)


def _past_forms(verb: str) -> tuple[str, ...]:
    """The past forms an English verb may take ('grab' -> 'grabbed', 'impress' -> 'impressed',
    'hold' -> 'held', 'wow' -> 'wowed'), by the regular rules and a few irregular verbs; a
    guess the classifier reads beside the verb as typed."""
    if verb in _IRREGULAR_PAST:
        return (_IRREGULAR_PAST[verb],)
    if verb.endswith("e"):
        return (verb + "d",)
    if len(verb) > 2 and verb.endswith("y") and verb[-2] not in "aeiou":
        return (verb[:-1] + "ied",)
    if len(verb) <= 4 and verb[-1] not in "aeiouwxy" and verb[-2:-1] in tuple("aeiou"):
        return (verb + verb[-1] + "ed", verb + "ed")
    return (verb + "ed",)


def _cue_within(
    tail: Sequence[str], tables: Sequence[tuple[tuple[str, ...], ...]], *, first_only: bool = False
) -> bool:
    """A phrase of one of the cue `tables` starts in `tail` (at its first word only, with
    `first_only`)."""
    starts = range(1) if first_only else range(len(tail))
    return any(phrase_end(tail, j, p) > j for table in tables for p in table for j in starts)


def _names_its_genre(words: list[str], facet: tuple[str, str]) -> bool:
    """The words are a genre's own name ('Romance', 'Comedy', 'Westerns'), which people
    capitalise as often as a title: capitals alone make no Romance (1999) or The Comedy (2012)
    when the genre is broad (a year in brackets, quotes, 'the movie ...' or the article typed
    still do)."""
    said = " ".join(words)
    name = facet[1].lower()
    return facet[0] == "genre" and said in (name, name + "s", name + "es")


def _stop_word(word: str) -> bool:
    """spaCy's English stop words ('it', 'everything', 'nothing')."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return word in STOP_WORDS


def _verdict_phrase(words: Sequence[str]) -> bool:
    """The words are one whole verdict phrase ('blown away', 'love', 'meh')."""
    return tuple(words) in POSITIVE_CUES or tuple(words) in NEGATIVE_CUES


_PICK_NOUNS = frozenset(("one", "ones", "film", "films", "movie", "movies", "version"))
# words before 'one' that say which version or which place, not what a pick is about
_NOT_TELLING = frozenset(
    (
        "other",
        "same",
        "last",
        "next",
        "new",
        "newer",
        "old",
        "older",
        "original",
        "remake",
        "right",
        "wrong",
        "good",
        "bad",
        "best",
        "worst",
        "long",
        "short",
        "longer",
        "shorter",
        "middle",
        "previous",
        "latest",
        "final",
        "only",
        "whole",
        "real",
        "actual",
        "very",
    )
)


# number words that end titles of a series ("Ocean's Eleven, Twelve and Thirteen")
# nouns for every film of a series, after 'seen the ...' ('seen the Lord of the Rings trilogy')
_WHOLE_SERIES = frozenset(
    ("trilogy", "series", "saga", "franchise", "quadrilogy", "films", "movies", "sequels")
)
_NUMBER_WORD_LIST = (
    ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
    + ("eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen")
    + ("eighteen", "nineteen", "twenty")
)
# (the word, or its figures as the message may carry them: 'Twelve' is read as '12')
_NUMBER_NAMES = {
    **{w: w for w in _NUMBER_WORD_LIST},
    **{str(n): w for n, w in enumerate(_NUMBER_WORD_LIST, start=1)},
}
_AFTER_A_LISTED_NUMBER = frozenset(
    ("and", "or", "on", "tonight", "this", "were", "was", "are", "is", "please", "too", "then")
    + ("for", "at", "with", "in", "all", "both", "but", "though", "so", "i", "we")
)
_BRACKET_VERDICTS = frozenset(("loved", "liked", "hated", "disliked", "watched", "enjoyed"))
# words of verdict alone in brackets after a title ('Drive (meh)', 'Alien (seen)')
_BRACKET_WORDS = frozenset(
    ("meh", "great", "fine", "ok", "okay", "good", "bad", "awful", "boring", "amazing", "seen")
    + ("brilliant", "terrible", "excellent", "superb", "mid", "dull", "overrated", "classic")
)
# what 'the next ...' / 'the ... after' names: a film of a series ('the one after Alien')
_NEIGHBOUR_NOUNS = frozenset(
    ("one", "film", "movie", "part", "installment", "instalment", "chapter", "entry")
)
_TIME_NOUNS = frozenset(("time", "week", "weekend", "day", "night", "month", "year", "morning"))
# nouns that name a franchise as a series of films ('the Matrix trilogy', 'the Alien films')
_SERIES_NOUNS = frozenset(
    ("trilogy", "films", "movies", "series", "saga", "franchise", "quadrilogy", "sequels")
)
# a verb that stands for a whole verdict said before it ('but Ghost was', 'but Ronin did')
_ELLIPTIC_VERBS = frozenset(("was", "is", "were", "are", "did", "does", "do"))
# what may close a title said alone before its verdict ('collateral? overrated', 'heat: a classic')
_FRAGMENT_ENDS = frozenset(("?", ".", "...", ":", "-", "–", "—"))
_SEASONS = frozenset(("summer", "winter", "spring", "autumn", "fall", "decade", "vintage", "era"))
# who someone is to the user ('my sister', 'our neighbour'): never the start of a title alone
_SOMEONES = WATCHERS | frozenset(("boss", "teacher", "doctor"))
# words after 'the one' / 'the film' that describe which one ('the one with the shark')
DESCRIBING_WORDS = ("with", "about", "where", "in", "on", "set", "that", "featuring", "starring")
_DAY_WORDS = _DAYS | frozenset(
    ("christmas", "halloween", "easter", "thanksgiving", "tonight", "today", "tomorrow")
)
# parts of a day after a day's name ('Friday night'): a time, no Friday (1995)
_PARTS_OF_A_DAY = frozenset(
    ("night", "nights", "morning", "mornings", "evening", "evenings", "afternoon", "afternoons")
    + ("lunch", "brunch", "dinner", "breakfast")
)
# verbs that give a name ('a cat named Milk', 'everyone calls him the Joker') and where the
# name stands in their parse
_NAMING_VERBS = frozenset(("name", "call", "nickname", "dub", "christen"))
# kinds of people: their list after a colon may be what they like ('Kids: Frozen, Moana')
_PEOPLE_KINDS = frozenset(
    ("friends", "kids", "children", "sons", "daughters", "sisters", "brothers", "cousins")
    + ("nieces", "nephews", "grandkids", "grandchildren", "guests", "neighbours", "neighbors")
    + ("coworkers", "colleagues", "classmates", "teammates", "roommates", "flatmates", "names")
)
# kinds of things a list of no films is led by ('my friends Juno, Matilda and Lucy', 'songs I
# like: Hallelujah, Yesterday'; see TitleRules._non_film_lists)
_NON_FILM_KINDS = _PEOPLE_KINDS | frozenset(
    ("dogs", "cats", "pets", "puppies", "kittens", "horses", "cities", "towns", "stops")
    + ("destinations", "countries", "songs", "bands", "albums", "artists", "singers", "books")
    + ("novels", "authors", "podcasts", "games", "days", "groceries", "ingredients", "teams")
    + ("players", "trip", "itinerary", "reminder", "reminders", "chores", "errands", "tasks")
)
# lists of no films ('shopping list: milk, eggs'; not 'the club's summer list: Knives Out')
_NON_FILM_LISTS = frozenset(("shopping", "grocery", "to-do", "todo", "packing", "guest"))
_OWNERS = frozenset(("my", "our", "his", "her", "their", "the", "your"))
# such a kind with its owner right before the text's first word ('my kids| are Annie, ...')
_KIND_OWNED = re.compile(
    r"\b(?:my|our|his|her|their|the|your)\s+(?:\w+\s+)?(?:"
    + "|".join(sorted(_NON_FILM_KINDS))
    + r")\s*$"
)
# between such a kind and its entries: 'my kids are Annie, Paul and Joy', 'dogs called Max'
_LIST_LEAD_WORDS = frozenset(("are", "is", "called", "named", "include", ":", ",", "-", "–", "—"))
# a trip's places follow these ('visiting Paris, Chicago', 'off to Chicago and then Philadelphia')
_TRAVEL_LEADS = (
    ("off", "to"),
    ("visiting",),
    ("flying", "to"),
    ("trip", "to"),
    ("travelling", "to"),
    ("traveling", "to"),
    ("heading", "to"),
    ("driving", "to"),
    ("road", "trip", "through"),
    ("toured",),
    ("trip", "went"),
    ("went", "to"),
    ("been", "to"),
    ("flew", "to"),
    ("drove", "to"),
    ("travelled", "to"),
    ("traveled", "to"),
    ("stopped", "in"),
)
_LIST_JOINS = frozenset((",", "and", "or", "&", "/", "then", "plus"))
# words that end a list of names ('... and Lucy are coming', '... Casablanca next month')
_LIST_STOPS = frozenset(
    ("are", "is", "were", "was", "for", "next", "this", "tonight", "tomorrow", "today", "on")
    + ("in", "at", "to", "who", "which", "that", "but", "so", "because", "coming", "will")
    + ("have", "has", "we", "i", "you", "they", "he", "she", "it", "all", "both", "with")
)
_FAN_WORDS = frozenset(("fans", "fan", "lovers", "obsessed", "into", "love", "loves"))
_ARRIVING = frozenset(("coming", "visiting", "staying", "here", "over", "arriving"))
_NAMED_DEPS = frozenset(("oprd", "dobj", "attr", "xcomp", "appos", "npadvmod", "ccomp"))
# what is named when it is a film ("it's called Up", 'that one named ...')
_FILM_PRONOUNS = frozenset(("it", "that", "this", "what", "which"))
# prepositions of where one goes, comes from or is ('back from Chicago', 'moved to Philadelphia')
_PLACE_PREPOSITIONS = frozenset(
    ("from", "to", "in", "at", "near", "around", "through", "into", "across", "outside", "via")
    + ("toward", "towards")
)
# verbs of going or living somewhere ('travelling for work, Munich then London', 'I live in Rome')
_MOVING_VERBS = frozenset(
    ("travel", "go", "move", "fly", "drive", "visit", "live", "grow", "commute", "return")
    + ("head", "relocate", "stay", "tour", "backpack", "holiday", "vacation", "get", "come")
    + ("arrive", "land", "work", "study", "spend", "walk", "sail", "cruise", "ride")
    + ("camp", "hike", "bear", "born", "ski", "swim", "surf", "cycle", "bike", "raise", "marry")
)
# how many films a person needs in the catalogue before their name beats a title ('Hitchcock')
_MAKER_FILMS = 5
# words before a name that make it the film's title ('watched Hitchcock', 'the biopic Hitchcock')
_FILM_MARKS = frozenset(
    ("saw", "seen", "watched", "watch", "rewatched", "rewatch", "watching", "biopic", "movie")
    + ("film", "titled", "called", "named")
)
# verbs of a place visited or climbed, the place their object ('climbed Everest', 'toured Alcatraz')
_VISITING_VERBS = frozenset(
    ("climb", "summit", "visit", "tour", "trek", "explore", "conquer", "hike", "ski", "cross")
)
# things of a film that a title names when it stands before them ('the Heat remake', 'a Star
# Wars fan', 'the Titanic soundtrack'): the name is the film's
_FILM_THINGS = frozenset(
    ("remake", "reboot", "sequel", "prequel", "trailer", "poster", "scene", "ending", "cast")
    + ("director", "soundtrack", "score", "rewatch", "marathon", "series", "franchise", "fan")
    + ("trilogy", "saga", "vibe", "type", "kind", "style", "quote", "villain", "character")
    + ("moment", "version", "universe", "spin", "actor", "actress", "plot", "twist", "theme")
    + ("song", "music", "level", "energy", "feel", "mood", "tone", "era", "sort", "rip")
    + ("knockoff", "knock", "copy", "clone", "lover", "lovers", "fandom", "obsession", "binge")
    + ("night", "nights", "watch", "screening", "showing", "premiere", "release", "dvd", "box")
    + ("collection", "set", "boxset", "cut", "edition", "one", "ones", "adaptation", "book")
    + ("cartoon", "adaptations", "novel", "game", "show", "reference", "homage")
)
# journeys and stays a place is the end of ('work trip to Fargo', 'our honeymoon in Rome')
_TRIP_NOUNS = frozenset(
    ("trip", "journey", "flight", "holiday", "vacation", "visit", "move", "drive", "tour")
    + ("conference", "honeymoon", "weekend", "layover", "stay", "stopover", "hike", "cruise")
)
# words before a day that make it a time ("it's Friday", 'on Sunday', 'this Christmas')
_BEFORE_A_DAY = frozenset(
    ("it's", "its", "is", "on", "this", "next", "last", "every", "until", "till", "since", "by")
    + ("for", "before", "after", "over", "friday", "saturday", "sunday", "happy", "it")
)


def _as_typed(title: str) -> str:
    """A title as people type it: lower case, '&' said as 'and', no dots ('Mr. & Mrs. Smith'
    -> 'mr and mrs smith'); articles and colons stay ('The Room', 'Jumanji: Welcome ...')."""
    return " ".join(title.lower().replace("&", "and").replace(".", "").split())


def _of_year(items: Sequence[Item], year: int | None) -> list[Item]:
    """The items of the year said, when one is ('Solaris (1972)': the year wins over the title
    as typed, since Соля́рис goes by Solaris and the 2002 film is called so); else all."""
    if year is None:
        return list(items)
    return [it for it in items if it.year == year] or list(items)


def _hits(item: Item, words: Sequence[str]) -> int:
    """How many of the words (or their singulars) start a word of the item's title, synopsis,
    genres or the people and studios the catalogue lists for it ('the one with keanu')."""
    named = (*item.facet("person"), *item.facet("studio"))
    text = " ".join((item.title, item.description, *item.genres, *named)).lower()
    return sum(bool(re.search(rf"\b{re.escape(w.rstrip('s'))}", text)) for w in words)


def _single(word: str) -> str:
    """The word with each doubled letter once ('gattaca' -> 'gataca')."""
    return re.sub(r"(.)\1+", r"\1", word)


def _close_enough(typed: str, title: str) -> bool:
    """A typo, not another title: at most one edit in 7+ letters, two in 9+, three in 14+
    (Damerau-Levenshtein; 'godfahter' -> 'godfather' is one swap); in 5-6 letters one swap or
    one letter left out."""
    from rapidfuzz.distance import DamerauLevenshtein

    length = min(len(typed), len(title))
    allowed = 3 if length >= 14 else 2 if length >= 9 else 1 if length >= 7 else 0
    if re.findall(r"\d+", typed) != re.findall(r"\d+", title):
        return False  # 'Alien vs Predator 3' is no typo of 'AVP: Alien vs. Predator'
    distance = DamerauLevenshtein.distance(typed, title)
    if length >= 5 and distance == 1 and sorted(typed) == sorted(title):
        return True  # two letters swapped ('Matirx') is a typo even in a short title
    if len(typed) >= 5 and distance == 1 and len(typed) == len(title) - 1:
        return True  # one letter left out ('matrx', 'vertgo'), the commonest slip
    if length >= 6 and distance <= 2 and _single(typed) == _single(title):
        return True  # a letter doubled in the wrong place or not at all ('gatacca', 'gatacca')
    return distance <= allowed


# words after 'watched' / 'seen' that are never a film's name there ('until I've seen one')
# words that alone ask for more picks, not for the film of that name ('next', 'another')
_MORE_WORDS = frozenset(
    ("next", "again", "another", "other", "others", "else", "different", "similar", "same")
    + ("random", "surprise", "whatever", "anything", "something", "nothing", "everything")
)
_NOT_WATCHED_TITLES = frozenset(
    ("him", "her", "you", "me", "us", "everything", "nothing", "something", "anything")
    + ("one", "ones", "some", "any", "all", "both", "either", "neither", "none", "most")
    + ("many", "few", "more", "less", "enough", "lots", "plenty", "again", "twice", "once")
)


def _very_common(word: str) -> bool:
    """One of the commonest English words (wordfreq zipf >= 5.5: 'about', 'the', 'what')."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en") >= 5.5


_SUBJECTS = frozenset(
    ("i", "we", "you", "u", "he", "she", "they", "ive", "weve", "nobody", "somebody", "someone")
    + ("everyone", "everybody", "noone", "anyone", "anybody")
)
_SUBJECT_ADVERBS = frozenset(
    ("already", "just", "never", "also", "recently", "finally", "once", "actually", "totally")
    + ("def", "definitely", "probably", "prob", "even", "both", "all", "have", "had", "'ve")
)


def _wordlike(token: str) -> bool:
    return bool(re.match(r"\w", token))


def _subject_before(toks: Sequence[Tok], i: int) -> bool:
    """'my kids would both enjoy', 'we have both seen it': 'both' belongs to a subject, not to
    the last picks."""
    prev = toks[i - 1].text if i > 0 else ""
    nxt = toks[i + 1].text if i + 1 < len(toks) else ""
    if prev in ("have", "had", "we've", "weve", "they've", "are", "were", "we're") and nxt in (
        _BOTH_DID
    ):
        return True
    return prev in (
        "would",
        "will",
        "can",
        "could",
        "should",
        "might",
        "may",
        "must",
        "we",
        "they",
    ) or (
        # "something we'd both enjoy", "they'll both like"
        prev in ("we'd", "wed", "we'll", "they'd", "they'll", "you'd", "you'll", "we’d", "they’d")
    )


# what 'we have both ...' did: 'both' is the subject's ('we have both seen it')
_BOTH_DID = frozenset(
    ("seen", "watched", "loved", "liked", "hated", "enjoyed", "adored", "disliked", "cried")
    + ("laughed", "fallen", "agreed", "been", "read", "wanted", "thought", "found", "got")
)


# the heading of a list of the user's favourite films, right before its first title (see
# TitleRules._after_favourites)
_FAVOURITES_HEADING = re.compile(
    r"(?:^|\b(?:my|our|his|her|their|all|time|all-time)\s+|^(?:all\s*-?\s*)?(?:time\s+)?)"
    r"(?:fave?|favs?|favou?rites?|top(?:\s+\d+|\s+(?:three|five|ten))?)\s+"
    r"(?:movies|films|movie|film|flicks|picks)"
    r"(?:\s+(?:ever|of\s+all\s+time|right\s+now|lately|atm))?"
    r"(?:\s*[:\-–—=]|\s+(?:are|is|r|was|would\s+be|include|probably|prob|definitely|"
    r"has\s+to\s+be|have\s+to\s+be|gotta\s+be))*\s*$"
)
_ROMAN_NUMBERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6}
# the noun a series' films are counted by ('star wars episodes 4 to 6', 'rocky parts 1 and 2')
_PLACE_NOUNS = ("episode", "episodes", "part", "parts", "pt", "pts")


def _film_number(word: str) -> int | None:
    """A film's number as typed in a range: '4' -> 4, 'iv' -> 4 (up to vi); None otherwise."""
    if word.isdecimal():
        return int(word)
    return _ROMAN_NUMBERS.get(word)


_ROMAN = ("", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix")
# words after a number that make it a length, a rating or an age, not a film's number
_UNIT_WORDS = frozenset(
    ("hours", "hour", "hrs", "hr", "minutes", "mins", "min", "stars", "star", "years", "year")
    + ("times", "time", "x")  # "i've seen alien 3 times"
)
_RUN_GLUE = frozenset(
    ("of", "the", "and", "in", "on", "a", "an", "to", "at", "for", "from", "with")
)


_GLUE_NO_AND = _RUN_GLUE - {"and", "a", "an"}
# what joins the words of one unknown title ('Spirit of the Forgotten Harbour'); 'with' and
# 'from' rather join a film to its people ('Heat with Al Pacino')
_GLUE_INSIDE = _GLUE_NO_AND - {"with", "from"}


# who does something ('I first saw ...', 'we last watched ...'): an ordinal after them is when
_SUBJECT_PRONOUNS = frozenset(
    ("i", "we", "he", "she", "they", "you", "i've", "we've", "ive", "weve", "who", "had", "have")
)
# 'I' and its contractions, always capitalised: never a word of a title run after a title
_I_PRONOUN = frozenset(("i", "i'm", "i've", "i'd", "i'll", "i’m", "i’ve", "i’d", "i’ll"))
# media and platforms written in capitals after a title ('Fargo on DVD', 'Heat on TV')
_MEDIA_ACRONYMS = frozenset(("dvd", "dvds", "tv", "vhs", "imax", "hbo", "bbc", "itv", "uk", "usa"))
# services a film is watched on ('Gladiator on Netflix'), written with a capital
_SERVICES = frozenset(("netflix", "hulu", "youtube", "iplayer", "prime", "mubi", "plex", "kanopy"))


def _title_case_run(span: Sequence[Tok], glue: frozenset[str] = _RUN_GLUE) -> int:
    """Length of the title-cased run a span starts with ('Spirit of the Forgotten Harbour' is 5:
    small words count when a capitalised word follows); 0 when it starts in lower case."""
    run = 0
    for k, tok in enumerate(span):
        if tok.text in ("and", "or") and tok.text not in glue:
            break  # 'Heat And Ronin': a list's joiner, capitalised as every word is
        if k and (
            tok.text in _I_PRONOUN
            or tok.text in _SERVICES
            # 'saw Casablanca in 1955 at the Odeon': when it was seen (a constraint pass
            # blanked it: a gap between the words), not a longer title
            or (re.fullmatch(r"(?:19|20)\d\d", tok.text) and span[k - 1].text == "in")
            or tok.start - (span[k - 1].start + len(span[k - 1].raw)) > 3
            or (tok.raw.isupper() and tok.text in _MEDIA_ACRONYMS)
            # 'watched Gladiator on Sunday': when it was watched, not a longer title
            or (tok.text in _WHEN_BEFORE and k + 1 < len(span) and span[k + 1].text in _DAYS)
        ):
            break  # 'The Prestige I adore', 'Insomnia on DVD': the pronoun, a medium
        if tok.raw[:1].isupper() or tok.raw[:1].isdecimal():
            run = k + 1
        elif tok.text not in glue:
            break
    return run
