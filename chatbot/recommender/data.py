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
from dataclasses import dataclass, field, replace
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
    # cases of a second held-out share that the re-ranker learns from (their groups are in
    # neither `baskets` nor `cases`, so the EASE scores it sees are as unseen as at serving)
    rank_cases: list[Case] = field(default_factory=list)
    rank_baskets: list[list[str]] = field(default_factory=list)
    rank_groups: int = 0


def in_holdout(group: str, share: float, seed: int) -> bool:
    """A stable split by group id: the same dialogue lands on the same side for a given seed,
    whatever the file order."""
    return group_position(group, seed) < share


def group_position(group: str, seed: int) -> float:
    """The group's stable place in 0..1 (the split: below `holdout` tune, then `rank_share`
    re-ranker training, the rest fits the item-to-item model)."""
    digest = hashlib.sha256(f"{seed}:{group}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def redial_data(
    dialogues: Sequence[Dialogue],
    catalog: Catalog,
    *,
    holdout: float,
    seed: int,
    max_cases: int | None = None,
    rank_share: float = 0.0,
    max_rank_cases: int | None = None,
) -> TrainingData:
    """Baskets and hold-out cases from ReDial-format dialogues (see the module docstring);
    `rank_share` of the dialogues (after the `holdout` share) give the re-ranker's cases."""
    from chatbot.evaluation.baselines import StateReplay
    from chatbot.evaluation.redial import extract_cases, redial_item_map

    item_map = redial_item_map(catalog)
    if not item_map:
        raise ConfigError(
            "the catalogue has no ReDial ids (Item.extra['redial_ids']), so ReDial dialogues "
            "cannot be mapped to its items; train with --from-sessions instead"
        )
    baskets, holdout_baskets, rank_baskets = [], [], []
    held: list[Dialogue] = []
    ranked: list[Dialogue] = []
    for d in dialogues:
        basket = sorted({item_map[r] for m in d.messages for r in m.movie_ids if r in item_map})
        where = group_position(d.id, seed)
        if where < holdout:
            held.append(d)
            holdout_baskets.append(basket)
        elif where < holdout + rank_share:
            ranked.append(d)
            rank_baskets.append(basket)
        elif len(basket) >= 2:
            baskets.append(basket)
    replay = StateReplay(catalog, item_map)

    def replayed(part: Sequence[Dialogue], limit: int | None) -> list[Case]:
        out: list[Case] = []
        for c in extract_cases(part):
            targets = tuple(dict.fromkeys(item_map[r] for r in c.new_target_ids if r in item_map))
            if targets:
                out.append(Case(c.dialogue_id, replay.state_for(c), targets))
            if limit is not None and len(out) >= limit:
                break
        return out

    cases = replayed(held, max_cases)
    rank_cases = replayed(ranked, max_rank_cases) if ranked else []
    return TrainingData(
        "redial",
        baskets,
        holdout_baskets,
        cases,
        len(dialogues),
        len(held),
        rank_cases=rank_cases,
        rank_baskets=rank_baskets,
        rank_groups=len(ranked),
    )


def text_pairs(
    dialogues: Sequence[Dialogue],
    catalog: Catalog,
    *,
    skip_below: float,
    seed: int,
) -> tuple[list[str], list[tuple[str, ...]]]:
    """Training pairs of the text-to-item model (chatbot.recommender.text): for every
    recommender turn of the dialogues whose split position is at least `skip_below` (0: all),
    the seeker's last SAID_KEEP messages before it (joined by spaces) and the catalogue ids of
    the movies first named there. Movie mentions are left out of the text ('@123' -> ' '): the
    movies are EASE's part, and a title's words would otherwise count for its neighbours even
    where the user turns it down ('not Heat, too violent'). Turns without seeker text or
    without a catalogue movie are left out."""
    from chatbot.evaluation.redial import MENTION, RECOMMENDER, SEEKER, redial_item_map
    from chatbot.interest import SAID_KEEP

    item_map = redial_item_map(catalog)
    texts: list[str] = []
    targets: list[tuple[str, ...]] = []
    for d in dialogues:
        if group_position(d.id, seed) < skip_below:
            continue
        said: list[str] = []
        named: set[str] = set()
        for msg in d.messages:
            if msg.role == RECOMMENDER and msg.movie_ids and said:
                new = (item_map[r] for r in msg.movie_ids if r not in named and r in item_map)
                chosen = tuple(dict.fromkeys(new))
                text = " ".join(said[-SAID_KEEP:]).strip()
                if chosen and text:
                    texts.append(text)
                    targets.append(chosen)
            elif msg.role == SEEKER:
                said.append(" ".join(MENTION.sub(" ", msg.text).split()))
            named.update(msg.movie_ids)
    return texts, targets


def session_data(
    sessions: Iterable[tuple[str, Sequence[Mapping[str, Any]]]],
    catalog: Catalog,
    *,
    holdout: float,
    seed: int,
    rank_share: float = 0.0,
) -> TrainingData:
    """Baskets and hold-out cases from logged sessions: (session id, serialised events);
    `rank_share` of the sessions (after the `holdout` share) give the re-ranker's cases."""
    from chatbot.events import EventFormatError, ItemLiked, event_from_dict
    from chatbot.interest import InterestState

    baskets: list[list[str]] = []
    holdout_baskets: list[list[str]] = []
    rank_baskets: list[list[str]] = []
    cases: list[Case] = []
    rank_cases: list[Case] = []
    groups = held = ranked = 0
    for sid, raw_events in sessions:
        groups += 1
        where = group_position(sid, seed)
        is_held = where < holdout
        is_ranked = not is_held and where < holdout + rank_share
        held += is_held
        ranked += is_ranked
        sink = cases if is_held else rank_cases
        state = InterestState()
        for raw in raw_events:
            try:
                event = event_from_dict(dict(raw))
            except EventFormatError as e:
                log.info("session %s: skipped an unreadable event (%s)", sid, e)
                continue
            if (
                (is_held or is_ranked)
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
                sink.append(Case(sid, before, (target,)))
            state = state.apply(event)
        basket = sorted({i for i in (*state.liked, *state.seen) if i in catalog})
        if is_held:
            holdout_baskets.append(basket)
        elif is_ranked:
            rank_baskets.append(basket)
        elif len(basket) >= 2:
            baskets.append(basket)
    return TrainingData(
        "sessions",
        baskets,
        holdout_baskets,
        cases,
        groups,
        held,
        rank_cases=rank_cases,
        rank_baskets=rank_baskets,
        rank_groups=ranked,
    )


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
