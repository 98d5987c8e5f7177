"""Expectation checks of the understanding corpus: one function per `expect` key (see
`chatbot.evaluation.understanding` for what each key means)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from chatbot.catalog import Catalog

if TYPE_CHECKING:
    from chatbot.catalog import Item
    from chatbot.dialogue import Reply
    from chatbot.interest import InterestState

NAMED_FACETS = ("person", "studio")  # facets whose values are names: surnames match full names


@dataclass
class Observed:
    """What a case produced: every reply, the state before and after the last turn, any error."""

    replies: list[Reply] = field(default_factory=list)
    before: InterestState | None = None
    after: InterestState | None = None
    error: str = ""


class View:
    """Read-only accessors over what a case produced, tolerant of state fields that are missing."""

    def __init__(self, catalog: Catalog, obs: Observed):
        if obs.after is None or obs.before is None or not obs.replies:
            raise ValueError("a case without a final state or reply has nothing to check")
        self.catalog = catalog
        self.obs = obs
        self.after = obs.after
        self.before = obs.before
        self.reply = obs.replies[-1]
        self.picks: list[Item] = [r.item for r in self.reply.items]

    def names(self, item_id: str) -> set[str]:
        try:
            item = self.catalog.get(item_id)
        except Exception:  # noqa: BLE001 - an id outside the catalogue keeps its remembered title
            label = self.after.label(item_id)
            return {label.lower(), item_id.lower()}
        return {item.title.lower(), item.label.lower()}

    def ids(self, name: str) -> tuple[str, ...]:
        return tuple(getattr(self.after, name, ()) or ())

    def pairs(self, name: str) -> list[tuple[str, str]]:
        return [(str(f), str(v)) for f, v in getattr(self.after, name, ()) or ()]

    def texts(self, name: str) -> list[str]:
        return [str(t) for t in getattr(self.after, name, ()) or ()]


def _item_names(item: Item) -> set[str]:
    return {item.title.lower(), item.label.lower()}


def _has_title(view: View, ids: Sequence[str], title: str | list[str]) -> bool:
    wanted = {t.lower() for t in as_list(title)}
    return any(view.names(i) & wanted for i in ids)


def _titles(view: View, ids: Sequence[str]) -> list[str]:
    return [view.after.label(i) for i in ids]


def _must_hold(field_name: str) -> Callable[[View, Any], str]:
    def check(view: View, want: Any) -> str:
        ids = view.ids(field_name)
        missing = [t for t in as_list(want) if not _has_title(view, ids, t)]
        return f"missing {missing}; {field_name} = {_titles(view, ids)}" if missing else ""

    return check


def _must_not_hold(field_name: str) -> Callable[[View, Any], str]:
    def check(view: View, want: Any) -> str:
        ids = view.ids(field_name)
        present = [t for t in as_list(want) if _has_title(view, ids, t)]
        return f"unexpected {present}; {field_name} = {_titles(view, ids)}" if present else ""

    return check


def _items_recorded(state: InterestState) -> set[tuple[str, str]]:
    return {
        (name, i) for name in ("liked", "disliked", "seen") for i in getattr(state, name, ()) or ()
    }


def _check_no_items_recorded(view: View, want: Any) -> str:
    added = _items_recorded(view.after) - _items_recorded(view.before)
    if bool(want) and added:
        return "recorded " + ", ".join(f"{n} {view.after.label(i)}" for n, i in sorted(added))
    return ""


def _pair_matches(want: str, facet: str, value: str) -> bool:
    wf, _, wv = want.partition(":")
    if wf.strip().lower() != facet.lower():
        return False
    a, b = wv.strip().lower(), value.strip().lower()
    if a == b:
        return True
    if facet.lower() in NAMED_FACETS:
        return bool(re.search(rf"\b{re.escape(a)}\b", b) or re.search(rf"\b{re.escape(b)}\b", a))
    return False


def _pairs_check(field_name: str, present: bool) -> Callable[[View, Any], str]:
    def check(view: View, want: Any) -> str:
        pairs = view.pairs(field_name)
        bad = [w for w in as_list(want) if any(_pair_matches(w, f, v) for f, v in pairs) != present]
        if not bad:
            return ""
        shown = [f"{f}:{v}" for f, v in pairs]
        return f"{'missing' if present else 'unexpected'} {bad}; {field_name} = {shown}"

    return check


def _same_value(want: Any, got: Any) -> bool:
    if isinstance(want, list):
        return any(_same_value(w, got) for w in want)
    if isinstance(want, int | float) and not isinstance(want, bool):
        try:
            return abs(float(got) - float(want)) < 1e-9
        except (TypeError, ValueError):
            return False
    return str(want).lower() == str(got).lower()


def _check_constraints(view: View, want: Any) -> str:
    got = dict(view.after.constraints)
    bad = {k: v for k, v in want.items() if k not in got or not _same_value(v, got[k])}
    return f"expected {bad}; constraints = {got}" if bad else ""


def _check_constraints_absent(view: View, want: Any) -> str:
    got = dict(view.after.constraints)
    bad = [k for k in as_list(want) if k in got]
    return f"unexpected {bad}; constraints = {got}" if bad else ""


def _check_constraints_present(view: View, want: Any) -> str:
    got = dict(view.after.constraints)
    bad = [k for k in as_list(want) if k not in got]
    return f"missing {bad}; constraints = {got}" if bad else ""


def _check_no_new_beliefs(view: View, want: Any) -> str:
    before = {b.id for b in view.before.beliefs()}
    new = [b.label for b in view.after.beliefs() if b.id not in before]
    gone = before - {b.id for b in view.after.beliefs()}
    if not bool(want) or (not new and not gone):
        return ""
    return f"new beliefs {new}" + (f", {len(gone)} removed" if gone else "")


def _check_belief_words_absent(view: View, want: Any) -> str:
    # what each belief took from the user: the system's own framing ("You like", "Avoiding:",
    # "At most N minutes long") is not something the user said, so it never counts
    after = view.after
    labels = [
        *view.texts("interests"),
        *view.texts("avoided_topics"),
        *(v for _, v in view.pairs("preferred") + view.pairs("avoided")),
        *(after.label(i) for name in ("liked", "disliked", "seen") for i in view.ids(name)),
        *(f"{name} {value}" for name, value in (getattr(after, "constraints", {}) or {}).items()),
    ]
    bad = [
        w
        for w in as_list(want)
        if any(re.search(rf"\b{re.escape(w)}\b", lb, re.I) for lb in labels)
    ]
    return f"words {bad} in beliefs {labels}" if bad else ""


def _word_hit(pattern: str, texts: Sequence[str]) -> bool:
    alts = [a.strip() for a in pattern.split("|") if a.strip()]
    return any(re.search(rf"\b{re.escape(a)}\w{{0,3}}\b", t, re.I) for a in alts for t in texts)


def _wanted_texts(view: View) -> list[str]:
    return view.texts("interests") + [v for _, v in view.pairs("preferred")]


def _avoided_texts(view: View) -> list[str]:
    from chatbot.interest import facet_value_label

    pairs = view.pairs("avoided")
    return (
        view.texts("avoided_topics")
        + [v for _, v in pairs]
        + [facet_value_label(f, v) for f, v in pairs]
    )


def _text_check(source: Callable[[View], list[str]], present: bool) -> Callable[[View, Any], str]:
    def check(view: View, want: Any) -> str:
        texts = source(view)
        bad = [w for w in as_list(want) if _word_hit(w, texts) != present]
        return f"{'missing' if present else 'unexpected'} {bad}; in {texts}" if bad else ""

    return check


def _check_picks_min(view: View, want: Any) -> str:
    return f"{len(view.picks)} picks" if len(view.picks) < int(want) else ""


def _check_picks_max(view: View, want: Any) -> str:
    return (
        f"{len(view.picks)} picks: {[i.label for i in view.picks]}"
        if len(view.picks) > int(want)
        else ""
    )


def _genre_hit(item: Item, words: Sequence[str]) -> bool:
    return any(w.lower() in g.lower() for g in item.genres for w in words)


def _check_include_genres(view: View, want: Any) -> str:
    bad = [f"{i.label} {list(i.genres)}" for i in view.picks if not _genre_hit(i, as_list(want))]
    return f"picks without {want}: {bad}" if bad else ""


def _check_exclude_genres(view: View, want: Any) -> str:
    bad = [f"{i.label} {list(i.genres)}" for i in view.picks if _genre_hit(i, as_list(want))]
    return f"picks with {want}: {bad}" if bad else ""


def _facet_hit(item: Item, wanted: dict[str, Any]) -> bool:
    return any(
        v.lower() in {x.lower() for x in item.facet(name)}
        for name, values in wanted.items()
        for v in as_list(values)
    )


def _check_include_facets(view: View, want: Any) -> str:
    bad = [i.label for i in view.picks if not _facet_hit(i, want)]
    return f"picks without {want}: {bad}" if bad else ""


def _check_exclude_facets(view: View, want: Any) -> str:
    bad = [i.label for i in view.picks if _facet_hit(i, want)]
    return f"picks with {want}: {bad}" if bad else ""


def _text_of(item: Item) -> str:
    return f"{item.title} {item.description}".lower()


def _check_include_text(view: View, want: Any) -> str:
    bad = [i.label for i in view.picks if not any(w.lower() in _text_of(i) for w in as_list(want))]
    return f"picks not mentioning {want}: {bad}" if bad else ""


def _check_exclude_text(view: View, want: Any) -> str:
    bad = [i.label for i in view.picks if any(w.lower() in _text_of(i) for w in as_list(want))]
    return f"picks mentioning {want}: {bad}" if bad else ""


def _check_exclude_titles(view: View, want: Any) -> str:
    wanted = {t.lower() for t in as_list(want)}
    bad = [i.label for i in view.picks if _item_names(i) & wanted]
    return f"picked {bad}" if bad else ""


def _check_among(view: View, want: Any) -> str:
    wanted = {t.lower() for t in as_list(want)}
    bad = [i.label for i in view.picks if not _item_names(i) & wanted]
    return f"picks outside the list: {bad}" if bad else ""


def _check_exclude_shown(view: View, want: Any) -> str:
    earlier = {r.item.id for reply in view.obs.replies[:-1] for r in reply.items}
    bad = [i.label for i in view.picks if i.id in earlier]
    return f"shown again: {bad}" if bool(want) and bad else ""


def _check_rejected_picks_of_turn(view: View, want: Any) -> str:
    disliked = set(view.ids("disliked"))
    problems = []
    for turn, which in want.items():
        n = int(turn)
        if not 1 <= n <= len(view.obs.replies):
            problems.append(f"no turn {n}")
            continue
        items = [r.item for r in view.obs.replies[n - 1].items]
        try:
            chosen = items if which == "all" else [items[int(i)] for i in as_list(which)]
        except IndexError:
            problems.append(f"turn {n} showed only {len(items)} picks")
            continue
        if not chosen:
            problems.append(f"turn {n} showed no picks")
        problems += [
            f"turn {n} pick {i.label} not rejected" for i in chosen if i.id not in disliked
        ]
    return "; ".join(problems)


def _check_reply_kind(view: View, want: Any) -> str:
    kinds = [k.lower() for k in as_list(want)]
    return f"got {view.reply.kind!r}" if str(view.reply.kind).lower() not in kinds else ""


def _check_reply_contains(view: View, want: Any) -> str:
    bad = [w for w in as_list(want) if w.lower() not in view.reply.text.lower()]
    return f"missing {bad} in {view.reply.text[:300]!r}" if bad else ""


def _check_reply_excludes(view: View, want: Any) -> str:
    bad = [w for w in as_list(want) if w.lower() in view.reply.text.lower()]
    return f"found {bad} in {view.reply.text[:300]!r}" if bad else ""


CHECKS: dict[str, Callable[[View, Any], str]] = {
    "reply_kind": _check_reply_kind,
    "liked": _must_hold("liked"),
    "rejected": _must_hold("disliked"),
    "seen": _must_hold("seen"),
    "not_liked": _must_not_hold("liked"),
    "not_rejected": _must_not_hold("disliked"),
    "not_seen": _must_not_hold("seen"),
    "no_items_recorded": _check_no_items_recorded,
    "prefer": _pairs_check("preferred", True),
    "avoid": _pairs_check("avoided", True),
    "not_prefer": _pairs_check("preferred", False),
    "not_avoid": _pairs_check("avoided", False),
    "constraints": _check_constraints,
    "constraints_absent": _check_constraints_absent,
    "constraints_present": _check_constraints_present,
    "no_new_beliefs": _check_no_new_beliefs,
    "belief_words_absent": _check_belief_words_absent,
    "wanted_include": _text_check(_wanted_texts, True),
    "wanted_exclude": _text_check(_wanted_texts, False),
    "avoided_include": _text_check(_avoided_texts, True),
    "avoided_exclude": _text_check(_avoided_texts, False),
    "picks_min": _check_picks_min,
    "picks_max": _check_picks_max,
    "picks_include_genres": _check_include_genres,
    "picks_exclude_genres": _check_exclude_genres,
    "picks_include_facets": _check_include_facets,
    "picks_exclude_facets": _check_exclude_facets,
    "picks_include_text": _check_include_text,
    "picks_exclude_text": _check_exclude_text,
    "picks_exclude_titles": _check_exclude_titles,
    "picks_among": _check_among,
    "picks_exclude_shown": _check_exclude_shown,
    "rejected_picks_of_turn": _check_rejected_picks_of_turn,
    "reply_contains": _check_reply_contains,
    "reply_excludes": _check_reply_excludes,
}


def as_list(value: Any) -> list[Any]:
    """A list as is, anything else as a one-item list."""
    return list(value) if isinstance(value, list | tuple) else [value]
