"""`chatbot eval understanding`: score turn understanding on a hand-written corpus, per kind.

The corpus is package data, `chatbot/evaluation/corpus/understanding_{dev,dev2,heldout}.jsonl`,
one case per line: `{"id", "kind", "turns": [str, ...], "expect": {...}, "note"?}`. Each case runs
in a fresh session of one real `DialogueManager`; `expect` is checked after the last turn and a case
passes only when every expectation holds. The held-out part is only scored, never tuned on.
`understanding_{dev3,heldout2}.jsonl` were written later by an independent author who did not
read the understanding code or the earlier corpus; heldout2 is only scored, never read or tuned on.
`understanding_{dev4,heldout3}.jsonl` are a fourth batch by another such author; heldout3 likewise.
`understanding_{dev5,heldout4}.jsonl` are a fifth batch by a third such author; heldout4 likewise.
`understanding_{dev6,heldout5}.jsonl` are a sixth batch by a fourth such author; heldout5 likewise.
`understanding_{dev7,heldout6}.jsonl` are a seventh batch by a fifth such author; heldout6 likewise.
`understanding_{dev8,heldout7}.jsonl` are an eighth batch by a sixth such author; heldout7 likewise.
`understanding_{dev9,heldout8}.jsonl` are a ninth batch by a seventh such author; heldout8 likewise.
`understanding_{dev10,heldout9}.jsonl` are a tenth batch by an eighth such author; heldout9 too.
`understanding_{dev11,heldout10}.jsonl` and `understanding_{dev12,heldout11}.jsonl` are two more
batches by a ninth and a tenth such author; heldout10 and heldout11 likewise.
`understanding_{dev13,heldout12}.jsonl` and `understanding_{dev14,heldout13}.jsonl` are two more
by an eleventh and a twelfth such author; heldout12 and heldout13 likewise.

Expectation keys (all optional). Titles match an item's `title` or its `label` ("Title (Year)"),
case-insensitively; in `liked` / `rejected` / `seen` an inner list means "any of these".
Facet pairs are written "facet:value" and compared case-insensitively; for the `person` and
`studio` facets a value also matches when one name holds the other as whole words
("person:Spielberg" matches "Steven Spielberg").

- `reply_kind`: str or list of str, the final `Reply.kind`.
- `liked`, `rejected`, `seen`: titles that must be in state.liked / disliked / seen;
  `not_liked`, `not_rejected`, `not_seen`: titles that must not be there.
- `no_items_recorded`: true → the last turn adds no liked / disliked / seen item.
- `prefer`, `avoid`, `not_prefer`, `not_avoid`: "facet:value" pairs in (or not in)
  state.preferred / state.avoided.
- `constraints`: {name: value}; each must equal state.constraints[name] (numbers as numbers,
  a list means any of these); `constraints_absent` / `constraints_present`: names.
- `no_new_beliefs`: true → the set of belief ids after the last turn equals the set before it.
- `belief_words_absent`: words that no belief holds as a whole word, looking at what each belief
  took from the user (interest text, facet value, item title, constraint name and value), not at
  the system's framing of its label ("You like ...", "At most 100 minutes long").
- `wanted_include` / `wanted_exclude`: words ("a|b" = either) that must (must not) start a word of
  a wanted thing: free-text interests and preferred facet values. `avoided_include` /
  `avoided_exclude`: the same for avoided topics and avoided facet values. A word matches a
  word that starts with it and has at most three more letters ("dog" matches "dogs").
- `picks_min`, `picks_max`: bounds on the number of items in the final reply.
- `picks_include_genres`: every pick has a genre containing one of these (substring);
  `picks_exclude_genres`: no pick has a genre containing any of these.
- `picks_include_facets` / `picks_exclude_facets`: {facet: [values]} (`genre` is a facet too);
  every pick has one of the values under one of the facets / no pick has any of them (exact
  value, case-insensitive). The audience cases accept a family/children's audience facet or an
  animation genre, since many plainly suitable films (Moana) carry no audience facet.
- `picks_include_text` / `picks_exclude_text`: every pick's title + description contains one of
  these / no pick's contains any (case-insensitive substring).
- `picks_exclude_titles`: no pick has one of these titles; `picks_among`: every pick has one.
- `picks_exclude_shown`: true → no final pick was shown earlier in the case.
- `rejected_picks_of_turn`: {"N": "all" | [index, ...]}: the picks of reply N (1-based; indices
  0-based, negative from the end) must be in state.disliked after the last turn.
- `reply_contains` / `reply_excludes`: strings that must (must not) appear in the final reply
  text (case-insensitive).

The checks live in `chatbot.evaluation.understanding_checks` (one function per key).
An unknown kind or key, a malformed line or a duplicate id is a data error (`ConfigError`, exit 2);
a failed expectation or an exception inside a turn is a failed case, never a crash.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any

from chatbot.catalog import Catalog
from chatbot.config import Settings
from chatbot.errors import ConfigError
from chatbot.evaluation.report import Section, new_figure, png, write_report
from chatbot.evaluation.understanding_checks import CHECKS, Observed, View, as_list

if TYPE_CHECKING:
    from chatbot.dialogue import DialogueManager

KINDS = (
    "negation",
    "negated_description",
    "spurious_title",
    "title_list",
    "question",
    "audience",
    "people_studio",
    "facet_hierarchy",
    "constraint_phrasing",
    "topic_keeping",
    "non_english",
)
# dev2: a second development batch written later by another author (other titles, people, studios,
# numbers and writing styles); scored on its own until its overlap with the held-out part is checked
# dev3 / heldout2: a third batch written by an independent author without reading the
# understanding code or the earlier corpus files; dev3 is for development, heldout2 is only scored
# dev4 / heldout3: a fourth batch by another independent author (same rules: no understanding code,
# no held-out files read), same mix of kinds in both; dev4 is for development, heldout3 only scored
# dev5 / heldout4: a fifth batch by a third independent author (same rules: no understanding code,
# no held-out files or held-out reports read), written in pairs (one variant of each case idea in
# each file, other sentences/titles/people/numbers), titles and facet values checked against the
# catalogue; dev5 is for development, heldout4 only scored, never read or tuned on
# dev6 / heldout5: a sixth batch by a fourth independent author (same rules: no understanding code,
# no held-out or dev5 files, held-out reports or understanding git history read), written in pairs
# (one variant of each case idea per file), titles, people, studios, genre values and "every pick"
# pool sizes (at least 6 items) checked against the catalogue; dev6 is for development, heldout5
# only scored, never read or tuned on
# dev7 / heldout6: a seventh batch by a fifth independent author (same rules: no understanding code,
# no held-out, dev5 or dev6 files, held-out reports or understanding git history read), written in
# pairs (one variant of each case idea per file, other sentences/titles/people/numbers), titles,
# people, studios, genre values and "every pick" pool sizes (at least 6 items) checked against the
# catalogue; dev7 is for development, heldout6 only scored, never read or tuned on
# dev8 / heldout7: an eighth batch by a sixth independent author (same rules: no understanding code,
# no earlier corpus files, held-out reports or understanding git history read), written in pairs
# (one variant of each case idea per file, other sentences/titles/numbers), titles checked against
# the catalogue; dev8 is for development, heldout7 only scored, never read or tuned on
# dev9 / heldout8: a ninth batch by a seventh independent author (same rules), written in pairs
# with an emphasis on chat-style typing (fragments, slang, typos, emoji, references across turns);
# dev9 is for development, heldout8 only scored, never read or tuned on
# dev10 / heldout9: a tenth batch by an eighth independent author (same rules), written at the same
# time as dev9 without reading it, with an emphasis on long chatty messages (context, several
# constraints and verdicts in one message, hedges, half-remembered titles and names); dev10 is for
# development, heldout9 only scored, never read or tuned on
# dev11 / heldout10: an eleventh batch by a ninth independent author (same rules), English as a
# second language and formal full sentences, weighted to title lists, ordinary words, constraint
# phrasings, topic keeping and negation; dev12 / heldout11: a twelfth batch by a tenth author
# written at the same time, multi-turn refinements, corrections and mid-conversation questions;
# dev11 and dev12 are for development, heldout10 and heldout11 only scored, never read or tuned on
# dev13 / heldout12: everyday words that collide with titles, typo'd title lists, numbers mixed in
# one message; dev14 / heldout13: negation in all its forms, negated story descriptions, people and
# studios, facet hierarchies; by an eleventh and a twelfth independent author written at the same
# time; dev13 and dev14 for development, heldout12 and heldout13 only scored, never read or tuned on
# dev20 / heldout19: choosing for someone else (children, teenagers, partners, grandparents and
# what they loved or hated), time budgets and length / suitability questions, subtitles, language
# and country said casually, typos in titles and in the verbs around them; by another independent
# author; dev20 for development, heldout19 only scored, never read or tuned on
# dev21 / heldout20: long messages mixing likes, dislikes, wishes and self-corrections, people
# named casually (lower case, one name, possessives), numbers in many forms, feedback on shown
# picks over several turns, everyday words that are titles; by another independent author; dev21
# for development, heldout20 only scored, never read or tuned on
# dev22 / heldout21: corrections and take-backs, comparisons to a named film ("like X but
# shorter"), several constraints in one sentence, slang and abbreviations, questions mixed into
# requests, people by last name or possessive, audiences said indirectly, non-English messages
# in several languages; by another independent author; dev22 for development, heldout21 only
# scored, never read or tuned on
# dev23 / heldout22: feedback on shown picks over several turns, mood and tone words, occasions,
# everyday words that are titles inside ordinary sentences, negation with scope, several titles
# with mixed verdicts in one message, directors and actors with or without first names,
# non-English messages in several languages; by another independent author; dev23 for
# development, heldout22 only scored, never read or tuned on
# dev24 / heldout23: numbers and scales in constraints (stars, "8+", "under 1h45", year ranges),
# studios, franchises and series, small talk around requests and picks, questions about the
# shown picks, situations and company said in many wordings, topics refined over 3-4 turns,
# lower-case titles in long casual sentences with verdicts; by another independent author;
# dev24 for development, heldout23 only scored, never read or tuned on
# dev25 / heldout24: corrections and going back to an earlier topic, references to earlier picks
# and turns ("newer than these", "not that old"), decades and periods in words, countries and
# languages of films, content intensity ("not too gory", "no jump scares"), greetings before any
# request, conversations of 3-4 turns; by another independent author; dev25 for development,
# heldout24 only scored, never read or tuned on
# dev26 / heldout25: everyday words that are titles (and the same words in ordinary sentences),
# title lists with mixed verdicts, feedback on shown picks over several turns, going back to an
# earlier topic after a change of audience, intensity on a kind that is kept ("scary but not too
# scary"), people by first name, surname or possessive, "not X" kinds and negated stories,
# questions about shown picks, constraints in many phrasings, five languages; by a twenty-fourth
# independent author; dev26 for development, heldout25 only scored, never read or tuned on
# dev27 / heldout26: everyday-word titles as the subject of a verdict and in household lists,
# a change of company and back, "a little X is fine but mostly Y" mixes, intensity on a kept
# kind, people by first name or possessive, questions about picks, constraints, five languages
# (non-English messages get the "language" reply); by a twenty-fifth independent author;
# heldout26 scored 0.917 before any fix, only scored, never read or tuned on
# dev28 / heldout27: more weight on everyday-word titles in sentences about the user's day and
# with slang verdicts, title lists with abbreviations and "which is better" comparisons, topics
# kept over 3-4 turns through feedback, constraints and a change of company; questions by film
# name; by a twenty-sixth independent author; heldout27 only scored, never read or tuned on
# dev29 / heldout28: spread evenly over the kinds, chat style with small talk mixed into
# requests, sarcastic and hedged verdicts, titles with "and", lists over two turns, numbers in
# words, "that director" pointing back, a wide range of older and foreign films; by a
# twenty-seventh independent author; heldout28 only scored, never read or tuned on
# dev30 / heldout29: spread evenly over the kinds, chat-style slang and small talk, hedged and
# sarcastic verdicts ("didn't hate", "NOT."), positional verdicts over a list ("loved the first
# two"), everyday-word titles, a change of company over the turns, surnames without accents,
# decades to leave out added later; by a twenty-eighth independent author; heldout29 only
# scored, never read or tuned on
# dev31 / heldout30: weighted toward title lists (one name, several films told apart by a year or
# "the original"; sequels by number; foreign films by their English names), everyday-word titles
# in small talk, topics kept over 3-4 turns and negation inside longer sentences ("anything but",
# "i could do without"); by a twenty-ninth independent author; heldout30 only scored, never read
# or tuned on
# dev32 / heldout31: weighted toward questions about a pick or a named film, audience (ages,
# grandparents, a date, children leaving or joining), people and studios, constraints in many
# wordings and negated descriptions; by a thirtieth independent author; heldout31 only scored,
# never read or tuned on
# dev33 / heldout32: weighted toward title lists (verdicts that differ inside one list, typos,
# "&" / "plus"), everyday words and made-up titles in small talk, negation in long sentences and
# topics kept over 3-4 turns of feedback, typed as on a phone (lowercase, no apostrophes, no
# punctuation); by a thirty-first independent author; heldout32 only scored, never read or tuned on
# dev34 / heldout33: people explaining themselves at length (backstory, corrections and changes of
# mind, two people's tastes in one message, hedged verdicts), everyday-word and made-up titles,
# negation far from what it negates, topics kept over 3-4 turns of feedback; by a thirty-second
# independent author; heldout33 only scored, never read or tuned on
# dev35 / heldout34: terse phone typing (slang, run-on sentences, one- or two-word answers to a
# shown list), ReDial-style "Title (Year)" among small talk, genre words as typed, audience words
# said against a kind, everyday-word and made-up titles; by a thirty-third independent author;
# heldout34 only scored, never read or tuned on
# dev36 / heldout35: articulate adults writing small paragraphs (context first, the wish last;
# titles in quotes or asterisks; corrections in the next turn; several household members' tastes;
# comparisons and hedged verdicts), everyday-word and made-up titles, answers to a shown list in
# full sentences; by a thirty-fourth independent author; heldout35 only scored, never read or
# tuned on
# dev37 / heldout36: speech-to-text dictation (lower case, little punctuation, numbers and years
# spoken as words, fillers, self-repairs mid-sentence, run-ons, small transcription slips in
# titles), a few typed normally for contrast; by a thirty-fifth independent author, in pairs;
# heldout36 only scored, never read or tuned on
# dev38 / heldout37: one person relaying a group deciding together in a messaging app (several
# people's wishes, vetoes and votes in one message, compromises, someone leaving or joining,
# friends' names that are titles or everyday words, majority verdicts on shown picks over 2-4
# turns, questions relayed from the group), typos and emoji; by a thirty-sixth independent
# author, in pairs; heldout37 only scored, never read or tuned on
# dev39 / heldout38: a polite, indirect adult: questions in frames ('can you tell me if ...',
# 'any idea who directed ...', 'I was wondering what ... is about'), requests in the same frames,
# a verdict and a question in one message, hedged verdicts, styles spelt out ('b&w', 'in
# colour'); by a thirty-seventh independent author, in pairs; the non_english cases' and the
# audience values' expectations were set to the issue's rule and the system's names by a script
# (the author had been told 'teens' / 'adults'); heldout38 only scored, never read or tuned on
# dev40 / heldout39: couples deciding together (two tastes, vetoes lifted, compromises), a genre
# fan (sequels, remakes, exceptions, seen lists) and self-corrections, picks named by a detail of
# their story; by a thirty-eighth independent author, in pairs, who checked every title and
# facet value against the catalogue file; heldout39 only scored, never read or tuned on
# dev41 / heldout40: people texting while multitasking (one thought over 2-4 messages, answers to
# the picks by position, "brb"), film-buff shorthand (surnames and possessives, movements and eras,
# constraints in unusual forms), everyday words that are titles in small talk and as real
# mentions, negation with scope; by a thirty-ninth independent author, in pairs, who checked
# every title, person, studio and facet value against the catalogue file and never ran the
# product on them; heldout40 only scored, never read or tuned on
# dev42 / heldout41: a film-club regular catching up after a holiday (long messages with lists of
# 3-6 titles under mixed verdicts, typos, missing articles, numeric titles and sequels by
# ordinal, everyday words that are titles beside real ones, made-up titles among real ones), 12
# title-list and 12 spurious-title cases each; by a fortieth independent author, in pairs, who
# checked every title and facet value against the catalogue file and never ran the product on
# them; the audience cases' expectations were set to the system's constraint names by a script
# (the author had written them as wanted words); heldout41 only scored, never read or tuned on
# dev43 / heldout42: an adult writing English as a second language (missing or wrong articles,
# literal translations such as 'I am not liking horror', 'film of Spielberg', 'more old please',
# 'I have already saw Titanic', word-order slips, a native word or two, misspelt titles), with
# lists under mixed verdicts, negation with scope, questions, audience, people and studios,
# kinds, constraints, topic keeping and whole messages in other languages; by a forty-first
# independent author, in pairs, who checked every title, person, studio and facet value against
# the catalogue file and never ran the product on them; heldout42 only scored, never read or
# tuned on
# dev44 / heldout43: a person talking through speech-to-text (no punctuation, run-on sentences,
# fillers such as 'um' and 'you know', corrections mid-sentence, years and lengths spelt out as
# words, transcription slips in titles such as 'se seven' or 'the god father'), 12 title-list and
# 12 spurious-title cases each; by a forty-second independent author, in pairs, who checked every
# title, person, studio and facet value against the catalogue file and never ran the product on
# them; heldout43 only scored, never read or tuned on
# dev45 / heldout44: verdicts given as scores, rankings and comparisons rather than 'I liked'
# (ratings out of 10 or 5, 'two stars at best', letter grades, thumbs and emoji, 'X over Y any
# day', 'nowhere near as good as', ranked and top-N lists, overrated / underrated; a middling
# 5-6 or a C is neither liked nor rejected), scores of everyday things whose words are titles,
# made-up titles, plus negation, questions, audience, people and studios, facet hierarchy,
# constraints, topic keeping and whole messages in other languages; by a forty-third
# independent author, in pairs, who checked every title, person, studio and facet value against
# the catalogue file and never ran the product on them; heldout44 only scored, never read or
# tuned on
# dev46 / heldout45: people who change their mind and correct themselves ('a comedy, no wait, a
# thriller', 'scratch casino, never got round to it', 'I take back what I said about cats',
# 'ignore the 90s thing', 'the kids went to bed', 'wrong tom', the reverse of two verdicts),
# correction words that are also titles (Nope, Backtrack, Forget Paris, Whatever Works), plus
# the other kinds and self-corrections in other languages; by a forty-fourth independent
# author, in pairs, who checked every title, person, studio and facet value against the
# catalogue file and never ran the product on them; heldout45 only scored, never read or tuned
# on
# dev47 / heldout46: choosing for or with other people whose tastes differ (whose verdict it is
# and which way it points: 'my roommate hated Inception but I loved it', critics against the
# user; films a co-viewer has seen; someone away tonight sets no limit; names, occasions and
# relations that are titles), plus the other kinds; by a forty-fifth independent author, in
# pairs, who checked every title, person, studio and facet value against the catalogue file and
# never ran the product on them; heldout46 only scored, never read or tuned on
# dev48 / heldout47: teachers, youth leaders and parents choosing for a group of young people (a
# class period, ages and grades, 'nothing above PG', 'the principal said no violence', films
# already shown in class or that the kids hated), school words and foreign words that are titles,
# plus the other kinds; by a forty-sixth independent author, in pairs, who checked every title,
# person, studio and facet value against the catalogue file and never ran the product on them;
# heldout47 only scored, never read or tuned on
# dev49 / heldout48: people planning a marathon or catching up on a franchise (a whole series
# rated in one message, films named by ordinal, roman numeral, subtitle alone, series nickname or
# "the one after X", originals told from remakes by year, the total time of a night against each
# film's length), marathon words that are titles ("saw", "what comes next", "split"), plus the
# other kinds; by a forty-seventh independent author, in pairs, who checked every title, person,
# studio and facet value against the catalogue file and never ran the product on them; heldout48
# only scored, never tuned on (its lines were shown once by a diff read after the session's final
# measurement, and no code changed after that)
# dev50 / heldout49: a film buff who talks like a critic (verdicts in critic vocabulary, directors
# as adjectives and possessives, versions told apart by director, decade or country, movements
# and labels such as neo-noir or neorealism, craft words that are no wish about the plot, 'X type
# stuff', seen lists after a kind, 'other than X'), plus the other kinds; by a forty-eighth
# independent author, in pairs, who checked every title, person, studio and facet value against
# the catalogue file and never ran the product on them; heldout49 only scored, never read or
# tuned on
# dev51 / heldout50: someone chatting with the bot inside a messaging app (emoji and reactions
# as verdicts or wishes, hashtags, stretched letters, chat abbreviations, replies that quote the
# bot, stickers and laughter that store nothing, half-remembered titles, chat words and idioms
# that are titles), plus the other kinds; by a forty-ninth independent author, in pairs, who
# checked every title, person, studio and facet value against the catalogue file and never ran
# the product on them; heldout50 only scored, never read or tuned on
# dev52 / heldout51: someone who describes their taste through everything but films (TV series,
# books, video games, songs, podcasts, real events and their own life) and through moods and
# occasions; a show, book, game or song that shares its name with a film is no verdict on the
# film unless the film is meant, a book read is no film seen, occasion words that are titles
# ('date night', 'hangover', 'flight', 'insomnia') are no titles; plus the other kinds; by a
# fiftieth independent author, in pairs, who checked every title, person, studio and facet value
# against the catalogue file and never ran the product on them; heldout51 only scored, never
# read or tuned on
# dev53 / heldout52: someone coming back to the conversation over an evening or over days
# (reports on earlier picks by position after watching them, going back to an earlier list or
# wish, starting over with a new wish in the same message, the situation changing between turns,
# earlier verdicts corrected), everyday phrases that are titles, plus the other kinds; by a
# fifty-first independent author, in pairs, who checked every title, person, studio and facet
# value against the catalogue file and never ran the product on them (constraint names were set
# to the system's by a script); heldout52 only scored, never read or tuned on
# dev54 / heldout53: people who paste or type lists of films (watch histories and rankings in
# lines, bullets or numbers, a header giving the verdict for the lines under it, a score or word
# after each title, lists inside sentences joined by 'as well as', 'plus', '&' or slashes, years in
# brackets, lower case and typos), lists of everyday things whose names are titles, a made-up
# title among real ones, plus the other kinds; by a fifty-second independent author, in pairs,
# who checked every title, person, studio and facet value against the catalogue file and never
# ran the product on them; heldout53 only scored, never read or tuned on
# dev55 / heldout54: several films given their own verdicts in one message, in words of the
# user's own (verbs such as 'dragged' or 'walked out', slang, scores, emoji, comparisons, a verdict
# before the film, one verdict for a group), films named by a description or a nickname, titles
# that are ordinary words used as titles and as plain words next to real titles, somebody else's
# taste beside the user's, plus the other kinds; by a fifty-third independent author, in pairs, who
# checked every title and facet value against the catalogue file and never ran the product on
# them; heldout54 only scored, never read or tuned on
# dev56 / heldout55: films asked for relative to films named ('like Inception but less
# confusing', 'Alien meets The Thing', 'a lighter Se7en') and films compared as verdicts ('Ronin is
# not a patch on Heat', 'Jaws > Jaws 2'), anchors whose titles are ordinary words, plus the other
# kinds; by a fifty-fourth independent author, in pairs, who checked every title and facet value
# against the catalogue file and never ran the product on them; heldout55 only scored, never read
# or tuned on
# dev57 / heldout56: what people do not want said in everyday words ('nothing with singing', 'no
# cartoons', 'not Disney', 'no more space stuff', 'no talking animals') and held on later turns,
# look-alikes that exclude nothing ('space is fascinating', 'nothing beats Heat') and exclusions
# lifted again, plus the other kinds; by a fifty-fifth independent author, in pairs, who checked
# every title and facet value against the catalogue file and never ran the product on them;
# heldout56 only scored, never read or tuned on
# dev58 / heldout57: several films named in one message, each with its own verdict in everyday
# words ('Heat had me hooked, Drive was all style, Up made me bawl', 'rocky yes, rocky 4 cheesy',
# ratings, emoji, rankings, 'the shark one'), titles that are ordinary words, numbers and sequels,
# foreign films by their English names, plus the other kinds; by a fifty-sixth independent author,
# in pairs, who checked every title and facet value against the catalogue file and never ran the
# product on them; heldout57 only scored, never read or tuned on
# dev59 / heldout58: negation words that do not simply reject: praise said with 'not' ("can't go
# wrong with Pixar", 'no complaints about Drive'), double negation, limits rather than bans ('not
# too scary'), exceptions ('no animation except Pixar', 'anything but romance'), negation over
# lists, negated descriptions, negation about the user ("haven't seen Heat yet"), corrections,
# plus the other kinds; by a fifty-seventh independent author, in pairs, who checked every title
# and facet value against the catalogue file and never ran the product on them; heldout58 only
# scored, never read or tuned on
# dev60 / heldout59: several films in one message and films named in unusual ways: lists with
# mixed verdicts and many separators ('&', '/', '+', line breaks, numbered or dashed lists),
# verdicts by position, lists over two turns, everyday-word and numeric titles, sequels and
# ordinals ('all the Harry Potters except the last'), short names (LOTR, T2), films sharing a name,
# foreign films by English names, typos, and lists that are no films (genres, people, moods), plus
# the other kinds; by a fifty-eighth independent author, in pairs, who checked every title and
# facet value against the catalogue file and never ran the product on them; heldout59 only
# scored, never read or tuned on
# dev61 / heldout60: what people want and do not want said in their own words rather than by
# genre (plot, content, mood, endings: 'nothing where the dog dies', 'no jump scares', 'a romance
# where nobody cheats', 'not based on a true story'), held over later turns ('less violent',
# 'without all the singing', then 'more'), look-alikes that exclude nothing ('I don't mind
# subtitles', 'nothing beats a good twist'), catalogue titles hidden in ordinary phrases ('true
# crime', 'a ghost story', 'this heat is killing me'), numbers and children that set no
# constraint, plus the other kinds; by a fifty-ninth independent author, in pairs, who checked
# every title and facet value against the catalogue file and never ran the product on them;
# heldout60 only scored, never read or tuned on
# dev62 / heldout61: title lists as people really type them (a verdict per film, 'both', 'all
# three', 'neither of them', 'the last two', lists split over turns, lower case without
# punctuation, typos, '/', '+', '&' and line breaks, numeric titles, titles holding 'and' or a
# comma, ordinals and sequel numbers, a genre, actor, TV show or book among the films), plus the
# other kinds; by a sixtieth independent author, in pairs, who checked every title and facet value
# against the catalogue file and never ran the product on them; heldout61 only scored, never read
# or tuned on
SPLITS = (
    "dev", "dev2", "heldout", "dev3", "heldout2", "dev4", "heldout3", "dev5", "heldout4",
    "dev6", "heldout5", "dev7", "heldout6", "dev8", "heldout7", "dev9", "heldout8",
    "dev10", "heldout9", "dev11", "heldout10", "dev12", "heldout11",
    "dev13", "heldout12", "dev14", "heldout13", "dev15", "heldout14", "dev16", "heldout15",
    "dev17", "heldout16", "dev18", "heldout17", "dev19", "heldout18", "dev20", "heldout19",
    "dev21", "heldout20", "dev22", "heldout21", "dev23", "heldout22", "dev24", "heldout23",
    "dev25", "heldout24", "dev26", "heldout25", "dev27", "heldout26",
    "dev28", "heldout27", "dev29", "heldout28", "dev30", "heldout29", "dev31", "heldout30",
    "dev32", "heldout31", "dev33", "heldout32", "dev34", "heldout33", "dev35", "heldout34",
    "dev36", "heldout35", "dev37", "heldout36", "dev38", "heldout37", "dev39", "heldout38",
    "dev40", "heldout39", "dev41", "heldout40", "dev42", "heldout41", "dev43", "heldout42",
    "dev44", "heldout43",
    "dev45", "heldout44",
    "dev46", "heldout45",
    "dev47", "heldout46",
    "dev48", "heldout47",
    "dev49", "heldout48",
    "dev50", "heldout49",
    "dev51", "heldout50",
    "dev52", "heldout51",
    "dev53", "heldout52",
    "dev54", "heldout53",
    "dev55", "heldout54",
    "dev56", "heldout55",
    "dev57", "heldout56",
    "dev58", "heldout57",
    "dev59", "heldout58",
    "dev60", "heldout59",
    "dev61", "heldout60",
    "dev62", "heldout61",
)  # fmt: skip
TARGET_OVERALL = 0.95  # issue 12: held-out overall
TARGET_KIND = 0.90  # issue 12: every kind


@dataclass(frozen=True)
class Case:
    """One corpus case: turns typed by the user and what must hold after the last one."""

    id: str
    kind: str
    turns: tuple[str, ...]
    expect: dict[str, Any]
    split: str
    note: str = ""


# ---------------------------------------------------------------- corpus


def load_corpus(split: str = "dev") -> list[Case]:
    """The packaged corpus for one of SPLITS or 'all'; data errors raise ConfigError."""
    if split not in (*SPLITS, "all"):
        raise ConfigError(f"unknown split {split!r}; choose from {', '.join(SPLITS)}, all")
    cases: list[Case] = []
    folder = resources.files("chatbot.evaluation") / "corpus"
    for name in SPLITS if split == "all" else (split,):
        source = f"understanding_{name}.jsonl"
        cases += parse_cases(
            (folder / source).read_text(encoding="utf-8").splitlines(), source, name
        )
    seen: set[str] = set()
    for case in cases:
        if case.id in seen:
            raise ConfigError(f"duplicate case id {case.id!r}")
        seen.add(case.id)
    return cases


def parse_cases(lines: Iterable[str], source: str, split: str) -> list[Case]:
    """Cases from JSONL lines; a bad line, kind or expectation key raises ConfigError."""
    out: list[Case] = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{source} line {n}"
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as e:
            raise ConfigError(f"{where}: not JSON ({e.msg})") from e
        if not isinstance(raw, dict):
            raise ConfigError(f"{where}: expected an object")
        unknown = set(raw) - {"id", "kind", "turns", "expect", "note"}
        if unknown:
            raise ConfigError(f"{where}: unknown field(s) {sorted(unknown)}")
        cid, kind, turns, expect = (
            raw.get("id"),
            raw.get("kind"),
            raw.get("turns"),
            raw.get("expect"),
        )
        if not isinstance(cid, str) or not cid:
            raise ConfigError(f"{where}: field 'id' must be a non-empty string")
        if kind not in KINDS:
            raise ConfigError(f"{where}: unknown kind {kind!r}; known: {', '.join(KINDS)}")
        if not (
            isinstance(turns, list)
            and turns
            and all(isinstance(t, str) and t.strip() for t in turns)
        ):
            raise ConfigError(f"{where}: field 'turns' must be a non-empty list of texts")
        if not isinstance(expect, dict) or not expect:
            raise ConfigError(f"{where}: field 'expect' must be a non-empty object")
        bad = sorted(set(expect) - set(CHECKS))
        if bad:
            raise ConfigError(
                f"{where}: unknown expectation key(s) {bad}; known: {', '.join(CHECKS)}"
            )
        out.append(Case(cid, kind, tuple(turns), expect, split, str(raw.get("note", ""))))
    return out


# ---------------------------------------------------------------- running


def run_case(manager: DialogueManager, case: Case) -> Observed:
    """Play the case's turns in a fresh session; an exception ends the case as an error."""
    session = f"eval-understanding-{case.id}-{uuid.uuid4().hex[:8]}"
    obs = Observed()
    try:
        for i, text in enumerate(case.turns):
            if i == len(case.turns) - 1:
                obs.before = manager.state(session)
            obs.replies.append(manager.respond(session, text))
        obs.after = manager.state(session)
    except Exception as e:  # noqa: BLE001 - a crash is a measured failure, not the end of the run
        obs.error = f"turn {len(obs.replies) + 1}: {type(e).__name__}: {e}"
    finally:
        with contextlib.suppress(Exception):  # cleanup only
            manager.forget(session)
    return obs


def check_case(case: Case, obs: Observed, catalog: Catalog) -> list[str]:
    """Failed expectations as 'key: what was seen' lines (empty when the case passed)."""
    if obs.error or obs.after is None or obs.before is None or not obs.replies:
        return [f"error: {obs.error or 'no reply'}"]
    view = View(catalog, obs)
    failures = []
    for key, want in case.expect.items():
        try:
            problem = CHECKS[key](view, want)
        except Exception as e:  # noqa: BLE001 - a state shape we do not know is a failure
            problem = f"check raised {type(e).__name__}: {e}"
        if problem:
            failures.append(f"{key}: {problem}")
    return failures


def evaluate(
    manager: DialogueManager, cases: Sequence[Case], *, progress: bool = True
) -> dict[str, Any]:
    """Run and check every case; accuracy per kind and overall, with every failure."""
    from tqdm import tqdm

    results = []
    for case in tqdm(cases, desc="understanding", unit="case", disable=not progress):
        obs = run_case(manager, case)
        failed = check_case(case, obs, manager.catalog)
        last = obs.replies[-1] if obs.replies else None
        results.append(
            {
                "id": case.id,
                "kind": case.kind,
                "split": case.split,
                "passed": not failed,
                "turns": list(case.turns),
                "failed": failed,
                "reply_kind": getattr(last, "kind", None),
                "picks": [r.item.label for r in last.items] if last is not None else [],
                "beliefs": [b.label for b in obs.after.beliefs()] if obs.after is not None else [],
            }
        )
    return summarise(results)


def summarise(results: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Per-kind and overall accuracy, failures by expectation key, and the failed cases."""
    per_kind: dict[str, dict[str, Any]] = {}
    for kind in KINDS:
        rows = [r for r in results if r["kind"] == kind]
        if rows:
            passed = sum(r["passed"] for r in rows)
            per_kind[kind] = {"cases": len(rows), "passed": passed, "accuracy": passed / len(rows)}
    by_key: dict[str, int] = {}
    for r in results:
        for line in r["failed"]:
            key = line.split(":", 1)[0]
            by_key[key] = by_key.get(key, 0) + 1
    passed = sum(r["passed"] for r in results)
    return {
        "cases": len(results),
        "passed": passed,
        "accuracy": passed / len(results) if results else 0.0,
        "per_kind": per_kind,
        "failed_checks": dict(sorted(by_key.items(), key=lambda kv: -kv[1])),
        "failures": [r for r in results if not r["passed"]],
        "targets": {"overall": TARGET_OVERALL, "kind": TARGET_KIND},
    }


def run_understanding(
    settings: Settings,
    *,
    split: str = "dev",
    out: str | os.PathLike[str] | None = None,
    kind: str | None = None,
    manager: DialogueManager | None = None,
    progress: bool = True,
) -> dict[str, Any]:
    """`chatbot eval understanding`: load, run, write metrics.json and report.md/.html to `out`."""
    from chatbot.dialogue import DialogueManager
    from chatbot.sessions import MemorySessionStore

    if kind is not None and kind not in KINDS:
        raise ConfigError(f"unknown kind {kind!r}; choose from {', '.join(KINDS)}")
    cases = load_corpus(split)
    if kind is not None:
        cases = [c for c in cases if c.kind == kind]
    started = time.time()
    if manager is None:
        manager = DialogueManager.from_settings(settings, store=MemorySessionStore())
    metrics = evaluate(manager, cases, progress=progress)
    metrics["run"] = {
        "split": split,
        "kind": kind,
        "llm": settings.llm,
        "embedder": getattr(getattr(manager.retriever, "embedder", None), "name", None),
        "catalog": str(settings.catalog_path),
        "catalog_items": len(manager.catalog),
        "seconds": round(time.time() - started, 1),
    }
    write_report(
        out or f"eval-out/understanding-{split}",
        f"Understanding corpus ({split})",
        metrics,
        report_sections(metrics),
    )
    return metrics


def report_sections(m: dict[str, Any]) -> list[Section]:
    """Per-kind table and plot, the most failed checks, then every failed case."""
    rows = [
        [kind, str(v["cases"]), str(v["passed"]), f"{v['accuracy']:.3f}"]
        for kind, v in m["per_kind"].items()
    ]
    rows.append(["overall", str(m["cases"]), str(m["passed"]), f"{m['accuracy']:.3f}"])
    figures = {"understanding_accuracy": accuracy_plot(m)} if m["per_kind"] else {}
    summary = Section(
        "Accuracy per kind",
        paragraphs=[
            f"{m['passed']} of {m['cases']} cases pass ({m['accuracy']:.3f}); "
            "targets from issue 12: "
            f"held-out overall ≥ {TARGET_OVERALL:.2f}, every kind ≥ {TARGET_KIND:.2f}. "
            f"LLM `{m['run']['llm']}`, embedder `{m['run']['embedder']}`, "
            f"{m['run']['catalog_items']} catalogue items, {m['run']['seconds']} s."
        ],
        headers=["kind", "cases", "passed", "accuracy"],
        rows=rows,
        figures=figures,
    )
    checks = Section(
        "Failed expectations by key",
        headers=["expectation", "failures"],
        rows=[[k, str(v)] for k, v in m["failed_checks"].items()],
    )
    failures = Section(
        "Failed cases",
        paragraphs=[
            f"`{f['id']}` ({f['kind']}): "
            + " → ".join(f"“{t}”" for t in f["turns"])
            + f" — reply kind `{f['reply_kind']}`, picks {f['picks']}. "
            + "; ".join(f["failed"])
            for f in m["failures"]
        ]
        or ["none"],
    )
    return [summary, checks, failures]


def accuracy_plot(m: dict[str, Any]) -> bytes:
    """Horizontal bars: accuracy per kind, with the per-kind target as a dotted line."""
    kinds = list(m["per_kind"])[::-1]
    values = [m["per_kind"][k]["accuracy"] for k in kinds]
    fig = new_figure(7.0, 0.35 * len(kinds) + 1.2)
    ax = fig.add_subplot()
    bars = ax.barh(kinds, values, color="tab:blue")
    ax.bar_label(bars, fmt="%.2f", fontsize=7, padding=2)
    ax.axvline(TARGET_KIND, color="k", ls=":", lw=1, label=f"target per kind {TARGET_KIND:.2f}")
    ax.set_xlim(0, 1.08)
    ax.set_xlabel("share of cases passed")
    split, overall = m["run"]["split"], m["accuracy"]
    ax.set_title(f"Understanding accuracy per kind ({split}, overall {overall:.2f})")
    ax.legend(fontsize=7, loc="lower right")
    return png(fig)


def format_failure(f: dict[str, Any]) -> str:
    """One failed case for the terminal: id, turns, then each failed expectation."""
    lines = [f"FAIL {f['id']} ({f['kind']}): " + " | ".join(f["turns"])]
    lines.append(f"    reply kind {f['reply_kind']}; picks {f['picks']}")
    lines += [f"    - {line}" for line in f["failed"]]
    return "\n".join(lines)


def expectation_titles(case: Case) -> list[str]:
    """Every catalogue title an expectation names (for checking the corpus against a catalogue)."""
    out: list[str] = []
    for key in (
        "liked", "rejected", "seen", "not_liked", "not_rejected", "not_seen",
        "picks_exclude_titles", "picks_among",
    ):  # fmt: skip
        for t in case.expect.get(key, []):
            out += [str(x) for x in as_list(t)]
    return out
