"""Training data for the recommender: baskets (items that belong together) and tuning cases
(an InterestState before a recommendation, and the items that were chosen there).

Two sources, one shape:
- ReDial-format dialogues: a basket is the set of movies named in one dialogue; a case is a
  recommender turn (the state replayed from the turns before it, through the same understanding
  the dialogue manager uses; targets: the movies the recommender named that were not named
  before, ReDial's "new items" convention).
- Logged sessions of the session store: a basket is what one user liked or said they had seen;
  a case is an ItemLiked for an item the bot had shown (the state just before that like, with the
  liked item back in the pool).
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from chatbot.catalog import Catalog
from chatbot.errors import ConfigError

if TYPE_CHECKING:
    from chatbot.config import Settings
    from chatbot.evaluation.redial import Dialogue
    from chatbot.interest import InterestState

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Case:
    """One moment to recommend: the state then, and the catalogue ids that were chosen."""

    group: str  # dialogue or session id (the split is by group)
    state: InterestState
    targets: tuple[str, ...]


@dataclass(frozen=True)
class TrainingData:
    """Baskets to fit on and cases to tune on, split by dialogue / session."""

    source: str  # "redial" | "sessions"
    baskets: list[list[str]]  # training groups only
    holdout_baskets: list[list[str]]
    cases: list[Case]  # from the hold-out groups only
    groups: int
    holdout_groups: int


def in_holdout(group: str, share: float, seed: int) -> bool:
    """A stable split by group id: the same dialogue lands on the same side for a given seed,
    whatever the file order."""
    digest = hashlib.sha256(f"{seed}:{group}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64 < share


def redial_data(
    dialogues: Sequence[Dialogue],
    catalog: Catalog,
    *,
    holdout: float,
    seed: int,
    max_cases: int | None = None,
) -> TrainingData:
    """Baskets and hold-out cases from ReDial-format dialogues (see the module docstring)."""
    from chatbot.evaluation.baselines import StateReplay
    from chatbot.evaluation.redial import extract_cases, redial_item_map

    item_map = redial_item_map(catalog)
    if not item_map:
        raise ConfigError(
            "the catalogue has no ReDial ids (Item.extra['redial_ids']), so ReDial dialogues "
            "cannot be mapped to its items; train with --from-sessions instead"
        )
    baskets, holdout_baskets, held = [], [], []
    for d in dialogues:
        basket = sorted({item_map[r] for m in d.messages for r in m.movie_ids if r in item_map})
        if in_holdout(d.id, holdout, seed):
            held.append(d)
            holdout_baskets.append(basket)
        elif len(basket) >= 2:
            baskets.append(basket)
    replay = StateReplay(catalog, item_map)
    cases: list[Case] = []
    for c in extract_cases(held):
        targets = tuple(dict.fromkeys(item_map[r] for r in c.new_target_ids if r in item_map))
        if targets:
            cases.append(Case(c.dialogue_id, replay.state_for(c), targets))
        if max_cases is not None and len(cases) >= max_cases:
            break
    return TrainingData("redial", baskets, holdout_baskets, cases, len(dialogues), len(held))


def session_data(
    sessions: Iterable[tuple[str, Sequence[Mapping[str, Any]]]],
    catalog: Catalog,
    *,
    holdout: float,
    seed: int,
) -> TrainingData:
    """Baskets and hold-out cases from logged sessions: (session id, serialised events)."""
    from chatbot.events import EventFormatError, ItemLiked, event_from_dict
    from chatbot.interest import InterestState

    baskets, holdout_baskets, cases = [], [], []
    groups = held = 0
    for sid, raw_events in sessions:
        groups += 1
        is_held = in_holdout(sid, holdout, seed)
        held += is_held
        state = InterestState()
        for raw in raw_events:
            try:
                event = event_from_dict(dict(raw))
            except EventFormatError as e:
                log.info("session %s: skipped an unreadable event (%s)", sid, e)
                continue
            if (
                is_held
                and isinstance(event, ItemLiked)
                and event.item_id in state.shown
                and event.item_id in catalog
                and event.item_id not in state.liked
            ):
                target = event.item_id
                before = replace(
                    state,
                    shown=tuple(i for i in state.shown if i != target),
                    seen=tuple(i for i in state.seen if i != target),
                )
                cases.append(Case(sid, before, (target,)))
            state = state.apply(event)
        basket = sorted({i for i in (*state.liked, *state.seen) if i in catalog})
        if is_held:
            holdout_baskets.append(basket)
        elif len(basket) >= 2:
            baskets.append(basket)
    return TrainingData("sessions", baskets, holdout_baskets, cases, groups, held)


def logged_sessions(settings: Settings) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """Every session of the SQLite session store as (id, events), oldest id first; the ids are
    read from the database file read-only, the events through the store (expired ones skipped)."""
    from chatbot.sessions import make_store

    if settings.store != "sqlite":
        raise ConfigError(
            f"--from-sessions reads the sqlite session store (CHATBOT_STORE=sqlite), not "
            f"{settings.store!r}"
        )
    path = Path(settings.sqlite_path)
    if not path.is_file():
        raise ConfigError(f"{path}: no session database; chat first, or set CHATBOT_SQLITE_PATH")
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            ids = [sid for (sid,) in db.execute("SELECT session_id FROM sessions")]
    except sqlite3.Error as e:
        raise ConfigError(f"{path}: cannot read the sessions table ({e})") from e
    store = make_store(settings)
    for sid in sorted(ids):
        events = store.load(sid)
        if events:
            yield sid, events
