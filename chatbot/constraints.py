"""The hard constraints a session can set, one row each: the one table that events (value
types), the interest state (labels, what setting one drops), ranking (filters, reasons) and
understanding (the words that clear one: 'any length is fine') read.

A new constraint is one new row here (plus the phrases that set it in
chatbot.understanding.constraints.RULES); tests/test_constraints.py checks that every row is
complete and that nothing names a constraint the table lacks.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from chatbot.locales import COUNTRY_NAMES, LANGUAGE_NAMES

if TYPE_CHECKING:
    from chatbot.catalog import Item

HIGH_RATING = 7.5  # an item rated this or more is 'highly rated' (and said so without asking)
MIN_RATING_VOTES = 20  # as the web UI's cards (chatbot.ui_render): fewer votes are noise

# The words that clear a group of constraints ('any year', 'forget the length', "the price
# doesn't matter"): every constraint of the group, whichever of them was set.
YEAR_WORDS = ("year", "years", "era", "decade", "date", "age")
LENGTH_WORDS = ("length", "lengths", "runtime", "runtimes", "duration")
RATING_WORDS = ("rating", "ratings", "score", "scores")
# ('drop the subtitles thing' after 'nothing with subtitles': the language limit goes)
LANGUAGE_WORDS = ("language", "languages", "subtitles", "subtitle", "subs", "english only")
COUNTRY_WORDS = ("country", "countries")
PRICE_WORDS = ("price", "prices", "budget", "cost")
AUDIENCE_WORDS = ("audience",)


@dataclass(frozen=True)
class Constraint:
    """One hard constraint: its name in events and the state, the type of its value, and what
    each part of the bot does with it.

    label: the belief the state shows for a value ('At least 120 minutes long').
    filter_field, to_filter: the chatbot.filters.Filters field it sets and that field's value
    from the constraint's value (1980 -> decades_none=(1980,)).
    reason: why an item that passed the filter was picked ('118 minutes long'), or None when
    the item gives no such reason; None for a constraint the ranker never explains.
    clear_words: the words that clear it ('any decade': year_min, year_max and decade_not).
    phrase: the value said after a noun in a lead-in ('movies from before 1995', 'at most 100
    minutes long'); None for a constraint a lead-in does not restate.
    refuses: whether a facet wish (facet, value) contradicts the constraint's value, so that
    setting the constraint drops the wish ('for my 8 year old' drops Horror); None for none.
    facet: the catalogue facet the same words also set as a wish ('a French drama' prefers
    language fr), whose wishes and avoidances a clear drops too ('any language is fine').
    """

    name: str
    type: type[int] | type[float] | type[str]
    label: Callable[[Any], str]
    filter_field: str
    to_filter: Callable[[Any], Any]
    clear_words: tuple[str, ...]
    reason: Callable[[Item], str | None] | None = None
    refuses: Callable[[Any, str, str], bool] | None = None
    facet: str | None = None
    phrase: Callable[[Any], str] | None = None


def _period_reason(item: Item) -> str | None:
    return f"from {item.year}, in the period you asked for" if item.year else None


def _length_reason(item: Item) -> str | None:
    return f"{item.runtime} minutes long" if item.runtime else None


def rating_reason(item: Item) -> str | None:
    """'highly rated 8.1 by 2300 voters' ('rated' below HIGH_RATING); None without a rating or
    with fewer than MIN_RATING_VOTES votes (a rating over a handful of votes is noise)."""
    votes = item.votes or 0
    if item.rating is None or votes < MIN_RATING_VOTES:
        return None
    word = "highly rated" if item.rating >= HIGH_RATING else "rated"
    return f"{word} {item.rating:.1f} by {votes} voters"


def _audience_label(value: Any) -> str:
    if value == "children":
        return "Suitable for children (family and children's films only)"
    if value == "teen":
        return "Suitable for teenagers (nothing erotic, explicit or extreme)"
    if value == "grownups":
        return "Fine to watch with grown-up family (nothing erotic, explicit or extreme)"
    return "Suitable for the whole family (no horror, erotic, adult or violent films)"


def _audience_phrase(value: Any) -> str:
    return {
        "children": "for children",
        "teen": "for teenagers",
        "grownups": "to watch with grown-up family",
    }.get(str(value), "for the whole family")


def _audience_refuses(value: Any, facet: str, facet_value: str) -> bool:
    from chatbot.filters import AUDIENCES  # numpy and the catalogue: loaded when first needed

    audience = AUDIENCES.get(str(value))
    return audience is not None and audience.refuses_value(facet, facet_value)


def _one(cast: Callable[[Any], Any]) -> Callable[[Any], tuple[Any, ...]]:
    return lambda v: (cast(v),)


def _bound(
    name: str,
    type: type[int] | type[float],
    label: str | Callable[[Any], str],
    words: tuple[str, ...],
    reason: Callable[[Item], str | None] | None = None,
    phrase: str | Callable[[Any], str] | None = None,
) -> Constraint:
    """A number bound read by the catalogue filter of the same name ('year_min'); a str
    `label` formats the value with {v} ('At most {v} minutes long')."""
    text = label if callable(label) else (lambda v: label.format(v=type(v)))
    said = phrase if callable(phrase) or phrase is None else (lambda v: phrase.format(v=type(v)))
    return Constraint(
        name=name,
        type=type,
        label=text,
        filter_field=name,
        to_filter=type,
        clear_words=words,
        reason=reason,
        phrase=said,
    )


# every constraint by name, in the order the ranker gives its reasons
CONSTRAINTS: Mapping[str, Constraint] = {
    c.name: c
    for c in (
        _bound(
            "year_min",
            int,
            lambda v: f"Only after {int(v) - 1}",
            YEAR_WORDS,
            _period_reason,
            lambda v: f"from {int(v)} or later",
        ),
        _bound(
            "year_max",
            int,
            lambda v: f"Only before {int(v) + 1}",
            YEAR_WORDS,
            _period_reason,
            lambda v: f"from before {int(v) + 1}",
        ),
        _bound(
            "runtime_max",
            int,
            "At most {v} minutes long",
            LENGTH_WORDS,
            _length_reason,
            "at most {v} minutes long",
        ),
        _bound(
            "runtime_min",
            int,
            "At least {v} minutes long",
            LENGTH_WORDS,
            _length_reason,
            "at least {v} minutes long",
        ),
        Constraint(
            name="decade_not",  # a decade to leave out, by its first year ('not the 80s': 1980)
            type=int,
            label=lambda v: f"Not from the {int(v)}s",
            filter_field="decades_none",
            to_filter=_one(int),
            clear_words=YEAR_WORDS,
            phrase=lambda v: f"not from the {int(v)}s",
        ),
        _bound(
            "rating_min",
            float,
            "Rated at least {v:g}",
            RATING_WORDS,
            rating_reason,
            "rated {v:g} or more",
        ),
        Constraint(
            name="language",  # ISO 639-1 code ('fr')
            type=str,
            label=lambda v: f"In {LANGUAGE_NAMES.get(str(v), str(v))}",
            filter_field="languages",
            to_filter=_one(str),
            clear_words=LANGUAGE_WORDS,
            facet="language",
            phrase=lambda v: f"in {LANGUAGE_NAMES.get(str(v), str(v))}",
        ),
        Constraint(
            name="country",  # ISO 3166-1 alpha-2 code ('KR')
            type=str,
            label=lambda v: f"From {COUNTRY_NAMES.get(str(v), str(v))}",
            filter_field="countries",
            to_filter=_one(str),
            clear_words=COUNTRY_WORDS,
            facet="country",
            phrase=lambda v: f"from {COUNTRY_NAMES.get(str(v), str(v))}",
        ),
        _bound("price_min", float, "Price at least {v:g}", PRICE_WORDS),
        _bound("price_max", float, "Price at most {v:g}", PRICE_WORDS),
        Constraint(
            name="audience",  # who watches: 'children', 'family', 'teen', 'grownups' (AUDIENCES)
            type=str,
            label=_audience_label,
            filter_field="suitable_for",
            to_filter=str,
            clear_words=AUDIENCE_WORDS,
            refuses=_audience_refuses,
            phrase=_audience_phrase,
        ),
    )
}


def constraint_label(name: str, value: Any) -> str:
    """A readable phrase for one constraint ('Only after 2000'); 'name: value' for a name the
    table lacks."""
    row = CONSTRAINTS.get(name)
    return row.label(value) if row is not None else f"{name}: {value}"


def constraint_phrases(constraints: Mapping[str, Any]) -> list[str]:
    """The constraints as phrases after a noun, in table order ('from before 1995', 'at most
    100 minutes long'); a period bounded on both sides is one phrase ('from 1980 to 1989', 'from
    the 1980s'); constraints without a phrase (price) are left out."""
    c = dict(constraints)
    out: list[str] = []
    if "year_min" in c and "year_max" in c:
        lo, hi = int(c.pop("year_min")), int(c.pop("year_max"))
        if lo == hi:
            out.append(f"from {lo}")
        elif lo % 10 == 0 and hi == lo + 9:
            out.append(f"from the {lo}s")
        else:
            out.append(f"from {lo} to {hi}")
    for name, row in CONSTRAINTS.items():
        if name in c and row.phrase is not None:
            out.append(row.phrase(c[name]))
    return out


def filter_fields(constraints: Mapping[str, Any]) -> dict[str, Any]:
    """The constraints as chatbot.filters.Filters keyword arguments ({'year_min': 1990,
    'decades_none': (1980,), ...}); names the table lacks are left out."""
    return {
        row.filter_field: row.to_filter(constraints[name])
        for name, row in CONSTRAINTS.items()
        if name in constraints
    }


def constraint_reasons(constraints: Mapping[str, Any], item: Item) -> list[str]:
    """Why `item` suits the constraints set ('from 1995, in the period you asked for', '118
    minutes long'), in table order, each said once."""
    out: list[str] = []
    for name, row in CONSTRAINTS.items():
        text = row.reason(item) if row.reason is not None and name in constraints else None
        if text and text not in out:
            out.append(text)
    return out


def clear_words() -> dict[str, tuple[str, ...]]:
    """Each word that clears constraints -> the names it clears, in table order ({'length':
    ('runtime_max', 'runtime_min'), ...})."""
    out: dict[str, tuple[str, ...]] = {}
    for name, row in CONSTRAINTS.items():
        for word in row.clear_words:
            out[word] = (*out.get(word, ()), name)
    return out
