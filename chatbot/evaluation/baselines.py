"""Systems compared on ReDial: most-popular, content-only retrieval, the dialogue manager's turn
policy (chatbot.turn_policy.plan_turn, as the manager plans a turn)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Protocol

from chatbot.catalog import Catalog
from chatbot.evaluation.redial import RECOMMENDER, SEEKER, RedialCase
from chatbot.events import Event
from chatbot.interest import InterestState, fold
from chatbot.understanding.core import Understanding

if TYPE_CHECKING:
    from chatbot.config import Settings
    from chatbot.retrieval import Retriever
    from chatbot.turn_policy import TurnPlan

MEMO = 4096  # rankings a DialogueRanker keeps (more than the dev half's 1,833 turns)
CONTEXT_WORDS = 200  # MiniLM reads 256 word pieces and cuts the end: keep the latest words


class ContextRanker(Protocol):
    """A system under test: ranks catalogue ids given a dialogue context."""

    name: str

    def rank(self, case: RedialCase, k: int) -> list[str]:
        """The k best catalogue item ids for the recommender turn of `case`, best first."""
        ...


class PopularityRanker:
    """Most-mentioned ReDial movies first (counts from training dialogues), same list for all."""

    name = "popular"

    def __init__(self, catalog: Catalog, counts: Mapping[str, int], item_map: Mapping[str, str]):
        per_item: dict[str, int] = {}
        for rid, n in counts.items():
            item_id = item_map.get(rid)
            if item_id is not None:
                per_item[item_id] = per_item.get(item_id, 0) + n
        if not per_item:
            raise ValueError(
                "no ReDial mention count maps to a catalogue item: is the catalogue built with "
                "ReDial ids (Item.extra['redial_ids'])?"
            )
        # unmentioned items follow by votes, so that any k can be served
        self._order = sorted(
            (item.id for item in catalog),
            key=lambda i: (-per_item.get(i, 0), -catalog.get(i).votes, i),
        )

    def rank(self, case: RedialCase, k: int) -> list[str]:
        """The k most popular items, whatever the context."""
        return self._order[:k]


class MentionedFirst:
    """The conversation's own movies first, newest first, then `inner`'s ranking (or nothing).

    Under the "full" convention a recommender turn's ground truth includes movies named earlier
    in the dialogue (9.7% of the dev half's targets; He et al., CIKM 2023, sec. 3.2, show that
    copying them is a shortcut the published "full" figures reward). The product never shows a
    movie the conversation already named, so this is an evaluation-only row: it measures how much
    of a "full" figure that shortcut explains. Under "new_only" it equals `inner` (the copied
    movies are removed before scoring). Movies the replayed state holds as disliked are not
    copied when `inner` is a DialogueRanker. Its latency is the copy step plus `inner` (memoised
    when `inner` is also evaluated on its own).
    """

    def __init__(self, item_map: Mapping[str, str], inner: ContextRanker | None = None):
        self.item_map = item_map
        self.inner = inner
        self.name = f"{inner.name}+mentioned" if inner is not None else "mentioned"

    def rank(self, case: RedialCase, k: int) -> list[str]:
        """Context movies (catalogue ids, latest mention first), then `inner`'s, k in all."""
        disliked: set[str] = set()
        if isinstance(self.inner, DialogueRanker):
            disliked = set(self.inner.state_for(case).disliked)
        newest: list[str] = []
        for ids in reversed(case.context_turn_ids):
            for rid in reversed(ids):
                item = self.item_map.get(rid)
                if item is not None and item not in newest and item not in disliked:
                    newest.append(item)
        rest = self.inner.rank(case, k) if self.inner is not None else []
        return list(dict.fromkeys([*newest, *rest]))[:k]


class ContentRanker:
    """Content-only retrieval: the latest context words as a query to Retriever.search."""

    name = "content"

    def __init__(self, retriever: Retriever, *, seeker_only: bool = False):
        self.retriever = retriever
        self.roles = (SEEKER,) if seeker_only else (SEEKER, RECOMMENDER)
        self._vectors: dict[str, Any] = {}

    def query(self, case: RedialCase) -> str:
        """The latest CONTEXT_WORDS words of the context."""
        words = case.context_text(roles=self.roles).split()
        return " ".join(words[-CONTEXT_WORDS:]) or "movie"

    def prefetch(self, cases: Sequence[RedialCase], batch: int = 64) -> None:
        """Embed every case's query in batches before ranking (latency then excludes it)."""
        texts = list(dict.fromkeys(self.query(case) for case in cases))
        for start in range(0, len(texts), batch):
            chunk = texts[start : start + batch]
            vecs = self.retriever.embedder.embed(chunk)
            self._vectors.update(zip(chunk, vecs, strict=True))

    def rank(self, case: RedialCase, k: int) -> list[str]:
        """Nearest catalogue items to the embedded context."""
        text = self.query(case)
        query = self._vectors.get(text)
        hits = self.retriever.search(text if query is None else query, k=k)
        return [hit.item.id for hit in hits]


@dataclass(frozen=True)
class ReplayedTurn:
    """The latest seeker turn of a ReDial context, as the dialogue manager would meet it."""

    before: InterestState  # the state before the seeker's latest message
    events: tuple[Event, ...]  # that message's events, then what the recommender showed after it
    understanding: Understanding  # what that message meant (empty when no seeker spoke yet)

    @property
    def state(self) -> InterestState:
        """The state after the whole context."""
        return fold(self.events, self.before)


_EMPTY_TURN = ReplayedTurn(InterestState(), (), Understanding())


class StateReplay:
    """Replays a ReDial context the way the dialogue manager would see it.

    Seeker turns go through the Understander and store what the turn policy stores for a typed
    message (chatbot.turn_policy.user_turn_events); movies the recommender mentioned become
    ItemsRecommended (they are what the bot would have shown, so the Ranker will not repeat
    them). The replay is kept per dialogue so that each turn only processes what is new.
    """

    def __init__(self, catalog: Catalog, item_map: Mapping[str, str]):
        from chatbot.understanding import Understander

        self.item_map = item_map
        self.understander = Understander(catalog)
        self._dialogue: str | None = None
        self._done = 0
        self._turn = _EMPTY_TURN

    def turn_for(self, case: RedialCase) -> ReplayedTurn:
        """The latest seeker turn of the context of `case` (incremental within one dialogue)."""
        from chatbot.events import ItemsRecommended
        from chatbot.turn_policy import user_turn_events

        if case.dialogue_id != self._dialogue or len(case.context) < self._done:
            self._dialogue, self._done, self._turn = case.dialogue_id, 0, _EMPTY_TURN
        turn = self._turn
        turns = list(zip(case.context, case.context_turn_ids, strict=True))
        for (role, text), redial_ids in turns[self._done :]:
            if role == SEEKER:
                state = turn.state
                understanding = self.understander.understand(text, state)
                events = tuple(user_turn_events(text, understanding))
                turn = ReplayedTurn(state, events, understanding)
            else:
                shown = [self.item_map[r] for r in redial_ids if r in self.item_map]
                if shown:
                    event = ItemsRecommended(item_ids=tuple(dict.fromkeys(shown)))
                    turn = replace(turn, events=(*turn.events, event))
        self._done, self._turn = len(case.context), turn
        return turn

    def state_for(self, case: RedialCase) -> InterestState:
        """The InterestState after the context of `case` (incremental within one dialogue)."""
        return self.turn_for(case).state


class DialogueRanker:
    """The dialogue manager's path without the LLM: StateReplay -> plan_turn (the turn policy the
    manager uses, which asks the Ranker for picks).

    ReDial's targets are turns where the recommender recommended, so each is planned as a
    recommending turn (kind "recommend"): what the policy learns from each message, the state
    it folds and the picks it ranks are the manager's; whether it would have recommended at all
    after small talk or a question is not what ReDial measures.

    `learned`: "auto" ranks as the product does (the trained recommender when one is built for
    this catalogue), None forces the hand-tuned ranking, or pass a loaded model.
    """

    name = "dialogue"

    def __init__(
        self,
        catalog: Catalog,
        retriever: Retriever,
        settings: Settings,
        item_map: Mapping[str, str],
        *,
        learned: Any = "auto",
        name: str | None = None,
    ):
        from chatbot.ranking import Ranker

        self.catalog = catalog
        self.item_map = item_map
        self.ranker = Ranker(catalog, retriever, settings, learned=learned)
        self.replay = StateReplay(catalog, item_map)
        self.labels = frozenset(name for item in catalog for name in (item.label, item.title))
        self._memo: dict[tuple[str, int, int], list[str]] = {}
        self.memoize = False
        if name:
            self.name = name

    def state_for(self, case: RedialCase) -> InterestState:
        """The InterestState after the context of `case`."""
        return self.replay.state_for(case)

    def prefetch(self, cases: Sequence[RedialCase]) -> None:
        """Embed the query texts of every case's state in batches before ranking (the per-turn
        latency then leaves out the query embedding, which is the same with or without the
        trained model)."""
        replay = StateReplay(self.catalog, self.item_map)
        states = [replay.state_for(case) for case in cases]
        self.ranker.cache_size = max(self.ranker.cache_size, 4 * len(states) + 16)
        self.ranker.prefetch(states)

    def plan(self, case: RedialCase, k: int) -> TurnPlan:
        """The turn policy's plan for the recommender turn of `case`, with k picks."""
        from chatbot.kinds import ReplyKind
        from chatbot.turn_policy import plan_turn

        turn = self.replay.turn_for(case)
        return plan_turn(
            turn.before,
            turn.events,
            turn.understanding,
            self.ranker,
            items=k,
            labels=self.labels,
            kind=ReplyKind.RECOMMEND,
            explain=False,
        )

    def rank(self, case: RedialCase, k: int) -> list[str]:
        """Replay the context and plan the turn with the production policy and Ranker. With
        `memoize` set (by `chatbot eval redial` when a wrapper such as MentionedFirst ranks
        behind it) the latest MEMO rankings are kept and reused."""
        if not self.memoize:
            return [rec.item.id for rec in self.plan(case, k).recommendations]
        key = (case.dialogue_id, case.turn, k)
        ranked = self._memo.get(key)
        if ranked is None:
            ranked = [rec.item.id for rec in self.plan(case, k).recommendations]
            self._memo[key] = ranked
            while len(self._memo) > MEMO:
                del self._memo[next(iter(self._memo))]
        return list(ranked)
