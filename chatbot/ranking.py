"""Ranking: turn the interest state into scored, explained candidates."""

from __future__ import annotations

import functools
import math
import re
import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from chatbot.catalog import Catalog, Item
from chatbot.config import Settings
from chatbot.constraints import HIGH_RATING, constraint_reasons, filter_fields, rating_reason
from chatbot.errors import InputError
from chatbot.filters import (
    ANIMATION_GENRES,
    NAMED_FACETS,
    is_kind_of,
    shows_signs,
    unmarked_adult_signs,
    unsure_without,
)
from chatbot.interest import InterestState, facet_value_label, turned_down_label
from chatbot.locales import LANGUAGE_HOMES
from chatbot.title_keys import normalize_title

if TYPE_CHECKING:
    from chatbot.filters import Filters
    from chatbot.recommender.encoder import EncoderModel
    from chatbot.recommender.model import EaseModel
    from chatbot.retrieval import Hit, Retriever

# score = similarity to the query + these bonuses (similarities are cosines in -1..1)
PREFERRED_BOOST = 0.06  # per preferred facet value the item has (at most two count)
FOCUS_BOOST = 0.10  # for a facet value asked for in the latest message
# for a film the catalogue marks as a family or children's film while children or the whole
# family watch: positive evidence of fitting the audience goes before unmarked films that only
# pass its limits (Maleficent after the marked fantasy films); the size of one preferred facet
MARKED_AUDIENCE_BOOST = PREFERRED_BOOST
# per sign that an item has a sparsely marked quality turned down (chatbot.filters.shows_signs)
SPARSE_SIGN_PENALTY = 0.15
_MARKS = frozenset(("family film", "children's film"))
POPULARITY_WEIGHT = 0.3  # times log-popularity scaled to 0..1
RATING_WEIGHT = 0.02  # times (rating - 6) / 4, for rated items
DISLIKED_WEIGHT = 0.35  # how strongly disliked items push the query away
QUERY_CACHE_SIZE = 512
MIN_RATING_VOTES = 3  # votes behind a rating that meets a rating asked for (see _credible)
SHORT_MINUTES = 40  # shorter items are short films or episodes, offered only when asked for
DIVERSITY = 0.15  # MMR weight: how much a pick's similarity to earlier picks costs
EXPLORE_DIVERSITY = 0.5  # "something different": also far from what was shown last
# items the catalogue says people name together with a liked one (extra["co_mentioned"], from
# ReDial's training dialogues for the movies): weight x log(1 + n) / log(1 + strongest n)
CO_MENTION_WEIGHT = 0.5
# a title that shares a word with a liked film's title without being of its series (The Heat
# for Heat); twice the similarity gap between a close and a middling neighbour in MiniLM (at
# 0.1 The Heat stayed third for 'like Heat but shorter', helped by the title in its item text)
TITLE_ECHO_PENALTY = 0.2
CO_MENTION_OFF_WISH = 0.2  # the share left for an item without any facet value the user wants
# an avoided topic that means the sequels ('no sequels', 'no follow-ups'; see Ranker._sequels)
_SEQUEL_TOPIC = re.compile(r"(?:sequels?|follow[- ]?ups?|part (?:twos?|2s?|ii))")
# items whose text names the described topic that join the candidates (most popular first)
TOPIC_CANDIDATES = 120
REASON_DEPTH_SHARE = 0.02  # "similar to X": among X's nearest 2% of the catalogue (at least 10)


@dataclass(frozen=True)
class Candidate:
    """A candidate's score parts: base + popularity weight x pop + learned weight x learned."""

    item: Item
    base: float  # similarity + facet boosts + rating (+ co-mention boost without a model)
    pop: float  # log-popularity scaled to 0..1
    learned: float  # the trained model's score, 0..1 of the turn's best (0 without a model)
    encoder: float = 0.0  # the fine-tuned encoder's cosine to the context (0 without one)


@dataclass(frozen=True, eq=False)
class Recommendation:
    """One ranked candidate and the signals that chose it (shown to the LLM and the user)."""

    item: Item
    score: float
    reasons: tuple[str, ...] = ()


def _mention_votes(item: Item) -> float:
    """ReDial mentions counted as votes (a mention counts like ten votes)."""
    mentions = item.extra.get("redial_mentions", 0)
    return 10.0 * (mentions if isinstance(mentions, int | float) else 0)


def popularity(item: Item) -> float:
    """Votes plus ReDial mentions (a mention counts like ten votes)."""
    return float(item.votes) + _mention_votes(item)


class Ranker:
    """Scores candidates from the retriever against an InterestState and explains each pick.

    With a trained recommender (`chatbot train recommender`; `learned="auto"` loads the one built
    for this catalogue, None forces the hand-tuned ranking) its best items join the candidates
    and its score is blended in (weights tuned on held-out training dialogues, see
    chatbot.recommender). Hard filters, rejections and seen items apply to every candidate.
    The opt-in fine-tuned encoder (`chatbot train recommender --encoder`; `encoder="auto"`
    loads it when `learned` is "auto" too, so the hand-tuned ranking stays hand-tuned) adds
    its best items to the candidates and its tuned cosine weight to the score.
    """

    def __init__(
        self,
        catalog: Catalog,
        retriever: Retriever,
        settings: Settings,
        *,
        learned: EaseModel | None | str = "auto",
        encoder: EncoderModel | None | str = "auto",
    ) -> None:
        self.catalog = catalog
        self.retriever = retriever
        self.settings = settings
        if isinstance(learned, str):
            if learned != "auto":
                raise ValueError(f"learned must be a model, None or 'auto', not {learned!r}")
            from chatbot.recommender.model import load_model

            if encoder == "auto":
                from chatbot.recommender.encoder import load_encoder

                encoder = load_encoder(catalog, settings)
            learned = load_model(catalog, settings)
        if isinstance(encoder, str):
            if encoder != "auto":
                raise ValueError(f"encoder must be a model, None or 'auto', not {encoder!r}")
            encoder = None
        self.learned = learned
        self.encoder = encoder
        pops = [popularity(i) for i in catalog]
        top = max(pops, default=0.0)
        self._pop = {
            i.id: (math.log1p(p) / math.log1p(top) if top > 0 else 0.0)
            for i, p in zip(catalog, pops, strict=True)
        }
        self._by_popularity = sorted(range(len(catalog)), key=lambda r: (-pops[r], r))
        # "one of the most popular" is only claimed for the top 2% that have any popularity at all
        top_rows = self._by_popularity[: max(20, len(catalog) // 50)]
        self._popular_ids = {catalog.items[r].id for r in top_rows if pops[r] > 0}
        self.reason_depth = max(10, int(len(catalog) * REASON_DEPTH_SHARE))
        # the same interests are embedded again every turn: remember recent query vectors
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._vectors_lock = threading.Lock()
        self.cache_size = QUERY_CACHE_SIZE

    def embed(self, text: str) -> np.ndarray:
        """The retriever's query vector for `text`, from a small per-ranker cache."""
        with self._vectors_lock:
            vec = self._vectors.get(text)
            if vec is not None:
                self._vectors.move_to_end(text)
                return vec
        vec = self.retriever.embed_query(text)
        vec.setflags(write=False)
        with self._vectors_lock:
            self._vectors[text] = vec
            if len(self._vectors) > self.cache_size:
                self._vectors.popitem(last=False)
        return vec

    def prefetch(self, states: Iterable[InterestState], batch: int = 64) -> None:
        """Embed the query texts of many states in batches (offline tuning and evaluation: one
        batched encode is many times faster than one encode per turn)."""
        states_list = list(states)
        todo_enc: list[str] = []
        with self._vectors_lock:
            todo = list(dict.fromkeys(t for s in states_list for t in _query_texts(s) if t))
            todo = [t for t in todo if t not in self._vectors]
        for start in range(0, len(todo), batch):
            chunk = todo[start : start + batch]
            vecs = self.retriever.embedder.embed(chunk)
            with self._vectors_lock:
                for text, vec in zip(chunk, vecs, strict=True):
                    vec.setflags(write=False)
                    self._vectors[text] = vec
                while len(self._vectors) > self.cache_size:
                    self._vectors.popitem(last=False)
        if self.encoder is not None:
            from chatbot.recommender.encoder import context_text

            for state in states_list:
                text = context_text(state, functools.partial(_label_of, state, self.catalog))
                if text:
                    todo_enc.append(text)
            todo_enc = list(dict.fromkeys(todo_enc))
            self.encoder.cache_size = max(self.encoder.cache_size, len(todo_enc) + QUERY_CACHE_SIZE)
            for start in range(0, len(todo_enc), batch):
                self.encoder.embed(todo_enc[start : start + batch])

    def filters(self, state: InterestState, *, with_focus: bool = False) -> Filters:
        """Hard constraints of the state (and avoided facets) as retrieval Filters."""
        from chatbot.filters import Filters

        genres_none = tuple(v for f, v in state.avoided if f == "genre")
        if any(
            f == "audience" and v in ("Children's Film", "Family Film") for f, v in state.avoided
        ) and not any(
            f == "genre" and v in ANIMATION_GENRES for f, v in (*state.preferred, *state.focus)
        ):
            # 'something for grownups' after Frozen: Moana carries no audience mark, only its
            # animation says who it is made for (it had been the first pick)
            genres_none = (*genres_none, *(g for g in ANIMATION_GENRES if g not in genres_none))
        facets_none: dict[str, tuple[str, ...]] = {}
        for f, v in state.avoided:
            if f != "genre":
                facets_none[f] = (*facets_none.get(f, ()), v)
        genres_any: tuple[str, ...] = ()
        facets_any: dict[str, tuple[str, ...]] = {}
        if with_focus:
            genres_any = tuple(v for f, v in state.focus if f == "genre")
            for f, v in state.focus:
                if f != "genre":
                    facets_any[f] = (*facets_any.get(f, ()), v)
        hard = filter_fields(state.constraints)  # the constraint table's filters
        hard["suitable_for"] = self._audience(hard.get("suitable_for"))
        return Filters(
            **hard,
            genres_any=genres_any,
            genres_none=genres_none,
            # 'no horror' and 'a horror comedy tonight': the narrower kind asked for stays in
            genres_spared=tuple(
                v
                for f, v in state.preferred
                if f == "genre"
                and any(af == "genre" and av != v and is_kind_of(v, av) for af, av in state.avoided)
            ),
            facets_any=facets_any,
            facets_none=facets_none,
            # a person avoided is also left out where a synopsis names them ('not Tarantino');
            # so is a name the person index lacks ('no adam sandler movies': 50 First Dates
            # says "(Sandler)")
            text_none=tuple(
                dict.fromkeys(
                    (
                        *(n for t in state.avoided_topics for n in self._topic_names(t)),
                        *(n for f, v in state.avoided if f == "person" for n in self._names(v)),
                    )
                )
            ),
        )

    @functools.cached_property
    def _everyday_words(self) -> frozenset[str]:
        """Words the catalogue's descriptions write in lower case ('cruise', 'stone', 'cage'):
        a surname among them is an everyday word as well."""
        return frozenset(
            w for item in self.catalog for w in re.findall(r"\b[a-z]{4,}\b", item.description)
        )

    def _names(self, name: str) -> tuple[str, ...]:
        """How a synopsis may name a person: the full name, and the surname when the catalogue
        never writes it as an everyday word ('Tarantino', 'Sandler' yes; 'Cruise', 'Stone' no)
        and it is no common English word (wordfreq Zipf frequency below 4.5)."""
        from wordfreq import zipf_frequency

        parts = name.split()
        last = parts[-1].lower() if parts else ""
        if (
            len(parts) >= 2
            and len(last) >= 4
            and last not in self._everyday_words
            and zipf_frequency(last, "en") < 4.5
        ):
            return (name, parts[-1])
        return (name,)

    @functools.cached_property
    def _sequels(self) -> frozenset[str]:
        """Ids of the items that follow an earlier item of their series (extra["series"], omdb.org's
        movie series): an earlier one has the same title without its number, part or subtitle
        ('Jaws 2', 'Thor: Ragnarok' after Thor, 'The Godfather Part II'), the series is named
        after an earlier one ('Aliens' in the series Alien), or both titles open with the
        series' name ('Harry Potter and the Chamber of Secrets'). Black Panther, first of its
        name in the Marvel Cinematic Universe, is none; nor is a film the catalogue marks a
        remake. Prequels count (the catalogue does not tell them apart)."""
        series: dict[str, list[Item]] = {}
        for item in self.catalog:
            name = item.extra.get("series")
            if isinstance(name, str) and item.year is not None:
                series.setdefault(name, []).append(item)
        out: set[str] = set()
        for name, members in series.items():
            named = normalize_title(name)
            for item in members:
                if "Remake" in item.facet("source"):
                    continue  # The Lion King (2019) retells the first, it does not follow it
                base, title = _base_title(item.title), normalize_title(item.title)
                if any(
                    e.year is not None
                    and e.year < item.year  # type: ignore[operator]
                    and (
                        _base_title(e.title) == base
                        or _base_title(e.title) == named
                        or (title.startswith(named) and normalize_title(e.title).startswith(named))
                    )
                    for e in members
                ):
                    out.add(item.id)
        return frozenset(out)

    def _topic_names(self, topic: str) -> tuple[str, ...]:
        """A topic turned down, and its last word when the topic may be a name (two or three
        words, `_names`): 'adam sandler' -> ('adam sandler', 'sandler'); 'time travel' ->
        ('time travel',)."""
        words = topic.split()
        if 2 <= len(words) <= 3 and all(w.isalpha() for w in words):
            return self._names(topic)
        return (topic,)

    def _audience(self, value: object) -> str | None:
        """The audience constraint as a filter; 'children' needs the catalogue's family /
        children's facets, without them it keeps only the refusals ('family')."""
        from chatbot.filters import AUDIENCES

        if not isinstance(value, str) or value not in AUDIENCES:
            return None
        needs = AUDIENCES[value].needs
        if needs and not self._has_audience_values(value):
            return "family"
        return value

    @functools.cache  # noqa: B019 - one Ranker per catalogue, a handful of audiences
    def _has_audience_values(self, audience: str) -> bool:
        """Whether the catalogue has any facet value the audience needs (counted once)."""
        from chatbot.filters import AUDIENCES

        needs = AUDIENCES[audience].needs
        return any(set(v) & set(self.catalog.facet_values(n)) for n, v in needs.items())

    def rank(
        self,
        state: InterestState,
        k: int | None = None,
        *,
        exclude: Iterable[str] = (),
        explain: bool = True,
    ) -> list[Recommendation]:
        """The best k items for this state, best first, never ones the user rejected or saw.

        explain=False skips the reasons (faster, for offline evaluation at large k)."""
        k = self.settings.items_per_turn if k is None else k
        if k < 0:
            raise InputError(f"k must be 0 or more, got {k}")
        if k == 0:
            return []
        excluded = state.excluded() | set(exclude)
        if any(_SEQUEL_TOPIC.fullmatch(t.casefold().strip()) for t in state.avoided_topics):
            excluded |= self._sequels  # 'no sequels please'
        candidates = self.candidates(state, k, excluded)
        if not candidates:
            # no signal at all, or none of the learned model's items passes the hard filters
            # ('a film in Spanish', then 'from Mexico': the catalogue's popular ones that do)
            return self._popular(state, k, excluded, explain=explain)
        totals = self.totals(state, candidates)
        scored = [(t, c.item) for t, c in zip(totals, candidates, strict=True)]
        scored.sort(key=lambda t: (-t[0], t[1].id))
        avoid = [i for i in state.last_shown if i in self.catalog] if state.explore else []
        picked = self._diversify(
            scored, k, EXPLORE_DIVERSITY if state.explore else DIVERSITY, avoid
        )
        if len(picked) < k and not state.focus and not state.interests:
            # few candidates came through the hard filters and nothing was described or asked
            # for as a kind (only the learned model's items: 'something in Spanish', then 'newer
            # than these' had one pick): popular items that pass the filters fill up; a topic
            # keeps fewer picks ('a submarine movie', 'another one')
            taken = excluded | {item.id for _, item in picked}
            more = self._popular(state, k - len(picked), taken, explain=False)
            picked += [(0.0, r.item) for r in more]
        if not explain:
            return [Recommendation(item, round(score, 4)) for score, item in picked]
        explainer = _Explainer(self, state)
        return [
            Recommendation(item, round(score, 4), explainer.reasons(item)) for score, item in picked
        ]

    def explained(self, state: InterestState, item_ids: Sequence[str]) -> list[Recommendation]:
        """Picks kept from the list on screen, with this state's reasons and score 0.0 (they are
        not ranked again: `chatbot.turn_policy` keeps them in place while feedback replaces the
        others). KeyError for an id not in the catalogue."""
        explainer = _Explainer(self, state)
        return [
            Recommendation(item, 0.0, explainer.reasons(item))
            for item in (self.catalog.get(i) for i in item_ids)
        ]

    def totals(
        self,
        state: InterestState,
        candidates: Sequence[Candidate],
        *,
        encoder_weight: float | None = None,
    ) -> list[float]:
        """Each candidate's total score: the trained re-ranker's when the model has one
        (chatbot.recommender), else base + popularity + learned score by their weights; plus
        the encoder's weight (its tuned one unless `encoder_weight` is given) x its cosine."""
        totals = None if self.learned is None else self.learned.rescore(self, state, candidates)
        if totals is None:
            pop_w, learned_w = self.weights()
            totals = [c.base + pop_w * c.pop + learned_w * c.learned for c in candidates]
        if encoder_weight is None:
            encoder_weight = self.encoder.blend.weight if self.encoder is not None else 0.0
        if encoder_weight:
            totals = [
                t + encoder_weight * c.encoder for t, c in zip(totals, candidates, strict=True)
            ]
        return list(totals)

    def weights(self) -> tuple[float, float]:
        """(popularity weight, learned weight): the trained blend's, or the hand-tuned ones."""
        if self.learned is None:
            return POPULARITY_WEIGHT, 0.0
        return self.learned.blend.popularity, self.learned.blend.learned

    def candidates(
        self, state: InterestState, k: int, excluded: set[str], *, pool: int | None = None
    ) -> list[Candidate] | None:
        """Scored candidates for the state (None: no signal at all, the cold start applies).

        Retrieval's nearest items to the query (and, without a trained model, the items
        co-mentioned with liked ones; with one, its best-scoring items), all through the hard
        filters and never `excluded` ones."""
        query = self._query(state)
        learned = self._learned(state)
        if query is None and not learned:
            return None
        pool = pool or max(8 * k, 60)
        hits: list[Hit] = []
        if query is not None:
            mmr = 0.5 if state.explore else 0.0  # a more varied pool to choose from
            if state.focus:
                focus = self.filters(state, with_focus=True)
                hits = self.retriever.search(query, pool, exclude=excluded, filters=focus, mmr=mmr)
            if len(hits) < pool:
                seen_ids = {h.item.id for h in hits}
                more = self.retriever.search(
                    query, pool, exclude=excluded | seen_ids, filters=self.filters(state), mmr=mmr
                )
                hits = [*hits, *more]
        co = self.co_mentioned(state) if self.learned is None else {}
        extra: Iterable[str] = co
        if learned and self.learned is not None:
            extra = sorted(learned, key=lambda i: -learned[i])[: self.learned.blend.candidates * 2]
        if self.learned is not None:
            extra = [*extra, *self.learned.extra_candidates()]
        context = self.encoder_vector(state)
        chosen: set[str] = set()  # the fine-tuned encoder's own picks for this context
        if context is not None and self.encoder is not None:
            # the fine-tuned encoder's best items for this context join through the same filters
            n = self.encoder.blend.candidates
            chosen = set(self.encoder.top(context, n, exclude=excluded))
            extra = [*extra, *chosen]
        if state.interests and self._topic_holds(state):
            # the catalogue's items that name the described topic join the pool (a lexical
            # candidate source beside the embedding search: 'something with submarines', then
            # 'more', 'more' keep finding submarine films after the nearest ones are shown;
            # 'a space adventure', 'none of these', 'older': space films of the genre asked
            # for, older ones, after the nearest are turned down)
            extra = [*extra, *self._naming(state.interests[-1])[:TOPIC_CANDIDATES]]
        hits = [*hits, *self._extra_hits(state, query, extra, excluded, hits)]
        hits = [h for h in hits if _credible(h.item, state)]
        if state.focus:
            # the topic asked for is a hard wish while enough items have it ('a heist movie',
            # then 'yes' / 'more'): other candidates only fill up when it runs out
            on_topic = [h for h in hits if _on_topic(h.item, state.focus)]
            if on_topic:
                hits = on_topic  # fewer picks that fit beat filling up with ones that do not
            refined = [p for p in state.refined if p in state.focus]
            rest = [p for p in state.focus if p not in refined]
            if refined and rest:
                # 'a heist movie', then 'funnier': funny heist films while enough items are
                # both (a comparative narrows the topic; it does not add another one)
                both = [
                    h
                    for h in hits
                    if all(_has(h.item, *p) for p in refined) and _on_topic(h.item, rest)
                ]
                topic = [h for h in hits if h not in both and _on_topic(h.item, rest)]
                if len(both) >= k:
                    hits = both
                elif both or topic:
                    # the topic outranks the comparative; fewer picks that keep it beat
                    # filling up with ones that only have the comparative's kind
                    hits = [*both, *topic]
            if state.interests and self._topic_holds(state):
                # 'a space adventure': the genre and the words that narrow it ('space'), while
                # enough items of the genre name them
                named = [h for h in hits if _shares_words(state.interests[-1], h.item)]
                hits = named if len(named) >= k else hits
            if len({f for f, _ in state.focus}) > 1:
                # 'black and white westerns', 'a silent comedy': the items with every kind of
                # facet asked for while enough have them (a style is no mere wish beside a
                # genre: plain westerns had come first)
                every = [h for h in hits if _focus_share(h.item, state.focus) == 1.0]
                if len(every) >= k:
                    hits = every
            genres = {v for f, v in state.focus if f == "genre"}
            if state.explore and len(genres) >= 2:
                # 'a treasure hunting adventure', then 'anything else?': look elsewhere within
                # all of it while enough items have every genre asked for
                every = [h for h in hits if all(_has(h.item, "genre", g) for g in genres)]
                if len(every) >= k:
                    hits = every
        elif state.interests and self._topic_holds(state):
            # a described topic ('something with dinosaurs', then 'good ones', 'more', or 'more
            # of that' on a pick about it) is kept the same way while items name it
            # (the fine-tuned encoder's own picks stay: it read the whole context)
            on_topic = [
                h for h in hits if _shares_words(state.interests[-1], h.item) or h.item.id in chosen
            ]
            if on_topic and (not state.liked or len(on_topic) >= k):
                hits = on_topic  # with likes to go by, only while enough items name it
        made_in = [h for h in hits if _made_in(h.item, state)]
        if len(made_in) >= k:
            # 'a film in Spanish': not Wonder Woman, dubbed into six languages (within the
            # topic: 'a Spanish thriller' keeps thrillers when few are made in Spain)
            hits = made_in
        pops = self._pop
        echo = self._echo_sources(state)  # once per ranking, not per candidate
        return [
            Candidate(
                h.item,
                self._score(state, h.item, h.score, co, echo),
                pops.get(h.item.id, 0.0),
                learned.get(h.item.id, 0.0),
                self._encoder_score(context, h.item.id),
            )
            for h in hits
        ]

    def encoder_vector(self, state: InterestState) -> np.ndarray | None:
        """The fine-tuned encoder's context vector for the state (None without an encoder or
        without anything in the state for it to read)."""
        if self.encoder is None:
            return None
        return self.encoder.context_vector(state, self.catalog)

    def _encoder_score(self, context: np.ndarray | None, item_id: str) -> float:
        if context is None or self.encoder is None:
            return 0.0
        row = self.encoder.row.get(item_id)
        return 0.0 if row is None else float(self.encoder.vectors[row] @ context)

    def _learned(self, state: InterestState) -> dict[str, float]:
        """{item id: 0..1} from the trained model for this state's items ({} without a model)."""
        if self.learned is None:
            return {}
        return self.learned.normalised(*self.learned.inputs(state))

    def _diversify(
        self, scored: Sequence[tuple[float, Item]], k: int, weight: float, avoid: Sequence[str]
    ) -> list[tuple[float, Item]]:
        """Greedy MMR: each pick pays `weight` x its similarity to what is already picked (or to
        the items in `avoid`), so three sequels of one film do not fill a turn."""
        if not scored or weight <= 0:
            return list(scored[:k])
        head = list(scored[: max(4 * k, 40)])  # diversity only reorders the best candidates
        vecs = np.stack([self.retriever.item_vector(item.id) for _, item in head])
        scores = np.array([score for score, _ in head])
        from chatbot.retrieval import mmr_order

        seen = np.stack([self.retriever.item_vector(i) for i in avoid]) if avoid else None
        order = mmr_order(vecs, scores, k, weight, clip=True, seen=seen)
        out = [head[i] for i in order]
        taken = set(order.tolist())
        rest = [pair for n, pair in enumerate(head) if n not in taken] + list(scored[len(head) :])
        return out + rest[: max(0, k - len(out))]

    def clarifying_question(self, state: InterestState) -> str:
        """One question that helps most when the state holds no signal yet."""
        genres = self.catalog.facet_values("genre").most_common(40)
        allowed = [g for g, _ in genres if ("genre", g) not in state.avoided]
        examples = ", ".join(allowed[:3])
        if examples:
            return (
                f"What are you in the mood for: a genre like {examples}, a topic, "
                "or a title you loved recently?"
            )
        return "What are you in the mood for: a topic, or a title you loved recently?"

    def _query(self, state: InterestState) -> np.ndarray | None:
        parts: list[np.ndarray] = []
        wish, avoided = _query_texts(state)
        if wish:
            parts.append(self.embed(wish))
        liked = [i for i in state.liked[-6:] if i in self.catalog]
        if liked:
            vecs = [self.retriever.item_vector(i) for i in liked]
            if state.anchor in self.catalog:
                vecs += [self.retriever.item_vector(state.anchor)] * max(2, len(vecs))  # type: ignore[arg-type]
            parts.append(_unit(np.mean(vecs, axis=0)))
        if not parts:
            return None
        q = np.sum(parts, axis=0)
        disliked = [i for i in state.disliked[-6:] if i in self.catalog]
        if disliked:
            q = q - DISLIKED_WEIGHT * _unit(
                np.mean([self.retriever.item_vector(i) for i in disliked], axis=0)
            )
        if avoided:
            q = q - DISLIKED_WEIGHT * self.embed(avoided)
        norm = float(np.linalg.norm(q))
        return q / norm if norm > 1e-6 else None

    @functools.lru_cache(maxsize=256)  # noqa: B019 - one Ranker per catalogue
    def _naming(self, topic: str) -> tuple[str, ...]:
        """Ids of the items whose text names a word of the topic (_shares_words), most popular
        first; one pass over the catalogue per topic (about 10 ms for 8,000 films)."""
        ids = [item.id for item in self.catalog if _shares_words(topic, item)]
        return tuple(sorted(ids, key=lambda i: -self._pop.get(i, 0.0)))

    def _topic_holds(self, state: InterestState) -> bool:
        """The described topic is still the wish: nothing liked, or every recent like is about
        it too ('a treasure hunt movie', then 'more of that' on National Treasure)."""
        recent = [i for i in state.liked[-3:] if i in self.catalog]
        return all(_shares_words(state.interests[-1], self.catalog.get(i)) for i in recent)

    def co_mentioned(self, state: InterestState) -> dict[str, float]:
        """{item id: 0..1}: how strongly the liked items' co-mention lists point at each item."""
        counts: dict[str, float] = {}
        for liked in state.liked[-6:]:
            if liked not in self.catalog:
                continue
            for other, n in self.catalog.get(liked).extra.get("co_mentioned", ()):
                counts[str(other)] = counts.get(str(other), 0.0) + float(n)
        top = max(counts.values(), default=0.0)
        return {i: math.log1p(n) / math.log1p(top) for i, n in counts.items()} if top else {}

    def _extra_hits(
        self,
        state: InterestState,
        query: np.ndarray | None,
        ids: Iterable[str],
        excluded: set[str],
        hits: Sequence[Hit],
    ) -> list[Hit]:
        """Items (co-mentioned, or the trained model's best) that the embedding search did not
        return, if they pass the hard filters; similarity 0 when there is no query."""
        from chatbot.retrieval import Hit

        have = {h.item.id for h in hits} | excluded
        filters = self.filters(state)
        out = []
        for item_id in ids:
            if item_id in have or item_id not in self.catalog:
                continue
            have.add(item_id)  # the sources may name an item twice: it is one candidate
            item = self.catalog.get(item_id)
            if filters.matches(item):
                vec = self.retriever.item_vector(item_id)
                out.append(Hit(item, 0.0 if query is None else float(query @ vec)))
        return out

    def _score(
        self,
        state: InterestState,
        item: Item,
        similarity: float,
        co: dict[str, float],
        echo: tuple[tuple[Item, ...], frozenset[str]] | None = None,
    ) -> float:
        """Similarity plus facet, rating and co-mention boosts (popularity and the trained
        model's score are added by the caller)."""
        score = similarity
        prefs = sum(1 for f, v in state.preferred if _has(item, f, v))
        co_mention = CO_MENTION_WEIGHT * co.get(item.id, 0.0)
        if (state.preferred or state.focus) and not prefs:
            # what the user asked for ('something funnier') outranks what others talked about
            co_mention *= CO_MENTION_OFF_WISH
        score += co_mention
        score += PREFERRED_BOOST * min(prefs, 2)
        if state.focus:
            # in full for an item with every kind of facet asked for ('black and white
            # westerns': a style and a genre), in part for one with some of them
            score += FOCUS_BOOST * _focus_share(item, state.focus)
        if item.rating is not None:
            score += RATING_WEIGHT * (item.rating - 6.0) / 4.0
        if state.constraints.get("audience") in ("children", "family") and any(
            v.casefold() in _MARKS for v in item.facet("audience")
        ):
            score += MARKED_AUDIENCE_BOOST
        for facet, value in state.avoided:
            # 'crime movies, no violence': the catalogue marks few films violent, so those its
            # genres or description say may be come after those nothing says it of
            score -= SPARSE_SIGN_PENALTY * shows_signs(item, facet, value)
        if self._echoes_a_liked_title(state, item, echo):
            score -= TITLE_ECHO_PENALTY
        return score

    def _echo_sources(self, state: InterestState) -> tuple[tuple[Item, ...], frozenset[str]]:
        """The films whose titles a pick may echo (the last six liked and the anchor) and the
        words the user asked about (no echo: 'a treasure hunt movie' with National Treasure
        liked keeps Treasure Planet)."""
        ids = dict.fromkeys(i for i in (*state.liked[-6:], state.anchor) if i and i in self.catalog)
        asked = frozenset(
            w for text in state.interests[-3:] for w in re.findall(r"[a-z0-9]+", text.lower())
        )
        return tuple(self.catalog.get(i) for i in ids), asked

    def _echoes_a_liked_title(
        self,
        state: InterestState,
        item: Item,
        sources: tuple[tuple[Item, ...], frozenset[str]] | None = None,
    ) -> bool:
        """The item's title shares a word with the title of a film the user liked or asked
        for films like, without being of its series or having half of that film's genres
        ('Heat' liked: The Heat (2013), an action comedy; 'Up': Up in the Air). Such items come
        near in the embedding because the titles are in the item texts, not because the films
        are alike (a probe of the product found them among the picks for 'like Heat without
        the shootouts' and 'like Up but for adults'). `sources`: _echo_sources(state), when
        the caller has it."""
        liked, asked = sources if sources is not None else self._echo_sources(state)
        if not liked or any(other.id == item.id for other in liked):
            return False
        words = _title_words(item.title) - asked
        series = {item.extra.get("series"), *item.facet("franchise")} - {None}
        for other in liked:
            if not words & _title_words(other.title):
                continue
            other_series = {other.extra.get("series"), *other.facet("franchise")} - {None}
            if series & other_series or not other.genres:
                continue
            # (a film of the same kind is a neighbour in its own right: The Girl on the Train
            # for Gone Girl has both its thriller genres, Gone Baby Gone two of its three)
            if len(set(item.genres) & set(other.genres)) / len(set(other.genres)) < 0.5:
                return True
        return False

    def _popular(
        self, state: InterestState, k: int, excluded: set[str], *, explain: bool = True
    ) -> list[Recommendation]:
        """Cold start: popular picks that pass the filters, one per leading genre where possible."""
        mask = self.retriever.allowed_mask(
            self.filters(state, with_focus=bool(state.focus)), excluded
        )
        rows = [r for r in self._by_popularity if mask is None or mask[r]]
        if not rows and state.focus:
            mask = self.retriever.allowed_mask(self.filters(state), excluded)
            rows = [r for r in self._by_popularity if mask is None or mask[r]]
        made_in = [r for r in rows if _made_in(self.catalog.items[r], state)]
        if len(made_in) >= k:
            rows = made_in  # see candidates()
        # 'highly rated ones please' before anything else: a rating of enough votes, as for
        # the other candidates (_credible), not the popular films a handful of people rated
        credible = [r for r in rows if _credible(self.catalog.items[r], state)]
        if len(credible) >= k:
            rows = credible
        if state.explore:
            rows = rows[min(len(rows) // 4, 30 + 7 * state.turns % 40) :] or rows
        picked: list[Item] = []
        used_genres: set[str] = set()
        for r in rows[: 40 * k]:
            item = self.catalog.items[r]
            lead = item.genres[0] if item.genres else ""
            if lead and lead in used_genres:
                continue
            picked.append(item)
            used_genres.add(lead)
            if len(picked) == k:
                break
        for r in rows:
            if len(picked) == k:
                break
            item = self.catalog.items[r]
            if item not in picked:
                picked.append(item)
        explainer = _Explainer(self, state) if explain else None
        return [
            Recommendation(
                item,
                round(self._pop.get(item.id, 0.0), 4),
                explainer.reasons(item, cold=True) if explainer else (),
            )
            for item in picked
        ]


class _Explainer:
    """Truthful reasons: each names a signal that actually holds for the item."""

    def __init__(self, ranker: Ranker, state: InterestState) -> None:
        self.ranker = ranker
        self.state = state
        retr = ranker.retriever
        # "similar to X" is claimed only for items among X's nearest neighbours (the top 2% of
        # the catalogue by similarity): a rank, so it means the same for every embedder
        depth = ranker.reason_depth
        self.liked = []
        for item_id in (i for i in state.liked[-6:] if i in ranker.catalog):
            vec = retr.item_vector(item_id)
            near = {h.item.id for h in retr.search(vec, depth + 1)}
            self.liked.append((item_id, vec, near))
        # liked item -> the items named together with it, strongest first
        self.co = {
            liked: [str(other) for other, _ in ranker.catalog.get(liked).extra["co_mentioned"]]
            for liked, _, _ in self.liked
            if ranker.catalog.get(liked).extra.get("co_mentioned")
        }
        # liked item -> the items the trained model says people who liked it chose
        learned = ranker.learned
        self.chosen = (
            {liked: set(learned.neighbours(liked)) for liked, _, _ in self.liked}
            if learned is not None
            else {}
        )
        # the fine-tuned encoder's best items for this context: what people who asked for
        # something like this chose (chatbot.recommender.encoder)
        # (and the text model's best items for the user's words: what people who wrote
        # something like this were recommended, chatbot.recommender.text)
        self.asked: set[str] = learned.asked_for(state) if learned is not None else set()
        context = ranker.encoder_vector(state)
        if context is not None and ranker.encoder is not None:
            from chatbot.recommender.encoder import REASON_DEPTH

            top = ranker.encoder.top(context, REASON_DEPTH, exclude=state.excluded())
            self.asked |= set(top)
        self.interests = []
        for text in state.interests[-3:]:
            near = {h.item.id for h in retr.search(ranker.embed(text), depth)}
            self.interests.append((text, near))

    def reasons(self, item: Item, *, cold: bool = False) -> tuple[str, ...]:
        state, out = self.state, []
        vec = self.ranker.retriever.item_vector(item.id)
        close = [(float(vec @ v), i) for i, v, near in self.liked if item.id in near]
        if close:
            liked_id = max(close)[1]
            out.append(f"similar to {_title(state, liked_id, self.ranker.catalog)}")
        chose = [liked for liked, others in self.chosen.items() if item.id in others]
        if chose:
            title = _title(state, chose[-1], self.ranker.catalog)
            out.append(f"people who liked {title} often chose this")
        if item.id in self.asked and not chose:
            out.append("people who asked for something like this often chose it")
        talked = [
            liked
            for liked, others in self.co.items()
            if item.id in others[:10] and liked not in chose
        ]
        if talked:
            title = _title(state, talked[0], self.ranker.catalog)
            out.append(f"often talked about together with {title}")
        for text, near in self.interests:
            if item.id in near or _shares_words(text, item):
                out.append(f"matches your interest in {text}")
                break
        for facet, value in dict.fromkeys(state.preferred):
            if _has(item, facet, value):
                out.append(f"{facet_value_label(facet, value)}, which you asked for")
        # the period, length and rating asked for, then a high rating even when not asked for
        out.extend(constraint_reasons(state.constraints, item))
        rated = rating_reason(item)
        if rated and rated not in out and (item.rating or 0) >= HIGH_RATING:
            out.append(rated)
        if cold and item.id in self.ranker._popular_ids:
            out.append(_popular_reason(item))
        if cold and state.explore:
            out.append("a less obvious pick, as you asked for something different")
        if not out:
            out.extend(self._fallback(item, cold=cold))
        return tuple(out)

    def _fallback(self, item: Item, *, cold: bool) -> list[str]:
        """What still holds for a pick no signal above explains (it came through the blend of
        all of them): the genres or moods it shares with the latest liked title ('also
        thriller, like Rear Window (1954)'), that it is one of the most popular titles or well
        rated, that it has none of what was last ruled out ('no Horror, which you asked for');
        'close to what you described overall' only when nothing concrete holds."""
        state, out = self.state, []
        for liked, _, _ in reversed(self.liked):
            other = self.ranker.catalog.get(liked)
            shared = [g for g in item.genres if g in other.genres][:2]
            if not shared:
                moods = set(other.facet("mood"))
                shared = [m for m in item.facet("mood") if m in moods][:1]
            if shared:
                kind = " and ".join(g.lower() for g in shared)
                title = _title(state, liked, self.ranker.catalog)
                out.append(f"also {kind}, like {title}")
                break
        if item.id in self.ranker._popular_ids:
            out.append(_popular_reason(item))
        rated = rating_reason(item)
        if rated and not out:
            out.append(rated)
        if state.avoided and not out:
            facet, value = state.avoided[-1]
            if value not in item.facet(facet) and not unsure_without(item, facet, value):
                label, adjective = turned_down_label(facet, value)
                no = "not" if adjective else "no"  # 'not dark', 'not made in France'
                out.append(f"{no} {label}, which you asked for")
        if not out:
            out.append("a popular pick" if cold else "close to what you described overall")
        return out


def _query_texts(state: InterestState) -> tuple[str, str]:
    """(what the user wants, what they avoid) as the texts the query embeds ('' for none)."""
    wish = "; ".join([*state.interests[-3:], *(v for _, v in state.preferred[-4:])])
    return wish, "; ".join(state.avoided_topics[-3:])


def _credible(item: Item, state: InterestState) -> bool:
    """Whether an item that passes the hard filters is one to offer: a rating asked for is met
    by a rating at least MIN_RATING_VOTES people gave (on omdb.org 1,380 of 5,910 rated films
    have a single vote; one vote of 9 says little), and a short film or TV episode (under
    SHORT_MINUTES) only comes when the user asks for something under an hour; animated films
    asked for "not for kids" are ones that look made for grown-ups (`unmarked_adult_signs`:
    The Boss Baby and The Emoji Movie carry no children's mark, but nothing grown-up either)."""
    if "rating_min" in state.constraints and (item.votes or 0) < MIN_RATING_VOTES:
        return False
    if (
        _grownup_animation(state)
        and any(g in ANIMATION_GENRES for g in item.genres)
        and not unmarked_adult_signs(item)
    ):
        return False
    limit = state.constraints.get("runtime_max")
    short_asked = isinstance(limit, (int, float)) and limit < 60
    return item.runtime is None or item.runtime >= SHORT_MINUTES or short_asked


def _grownup_animation(state: InterestState) -> bool:
    """Animation is asked for and children's or family films turned down ('animated movies,
    but not for kids'), or grown-ups' films asked for ('adult animation')."""
    return (
        any(f == "audience" and v in ("Children's Film", "Family Film") for f, v in state.avoided)
        # 'adult animation pls': the grown-up audience asked for
        or any(f == "audience" and v in ("Adult", "Mature") for f, v in state.preferred)
    ) and any(
        f == "genre" and v in (*ANIMATION_GENRES, "Anime")
        for f, v in (*state.preferred, *state.focus)
    )


# countries whose films list English as one of several languages because it is theirs
ENGLISH_SPEAKING = frozenset(("US", "GB", "AU", "CA", "NZ", "IE"))


def _made_in(item: Item, state: InterestState) -> bool:
    """Whether the item is a film of the country and language asked for, not a co-production
    or a film dubbed into it: its first-listed country is the country asked for (omdb.org lists
    the main production country first: The Help is 'US', 'AE', 'IN'), and the language asked
    for is its only one, one of several without English, or, beside English, one of a film
    from a country that speaks it (Wonder Woman (2017) lists seven, Spanish among them). True
    when neither is asked for."""
    country = state.constraints.get("country")
    if isinstance(country, str):
        countries = item.facet("country")
        if not countries or countries[0].upper() != country.upper():
            return False
    language = state.constraints.get("language")
    if isinstance(language, str) and language != "en":
        languages = item.facet("language")
        if language not in languages:
            return False
        first = set(item.facet("country")[:1])
        homes = LANGUAGE_HOMES.get(language)
        if len(languages) > 1 and "en" in languages:
            # an English-language film that lists the language too: only one from a country
            # that speaks it (Amores perros), not The Life of David Gale ('DE', 'US')
            return bool(first & homes) if homes else not first <= ENGLISH_SPEAKING
    return True


def _on_topic(item: Item, focus: Sequence[tuple[str, str]]) -> bool:
    """The item fits the topic: one of the genres asked for when genres were asked for ('a
    Korean thriller' needs a thriller; Korean is a wish), else any facet value asked for."""
    genres = [v for f, v in focus if f == "genre"]
    named = [(f, v) for f, v in focus if f in NAMED_FACETS]
    if named and not any(_has(item, f, v) for f, v in named):
        return False  # 'DreamWorks animation', 'Bruce Willis action movies': the name is asked for
    if genres:
        return any(_has(item, "genre", v) for v in genres)
    return bool(named) or any(_has(item, f, v) for f, v in focus)


def _focus_share(item: Item, focus: Sequence[tuple[str, str]]) -> float:
    """The share (0..1) of the kinds of facet asked for (genre, style, country ...) of which
    the item has at least one value asked for."""
    kinds: dict[str, list[str]] = {}
    for f, v in focus:
        kinds.setdefault(f, []).append(v)
    if not kinds:
        return 0.0
    met = sum(1 for f, values in kinds.items() if any(_has(item, f, v) for v in values))
    return met / len(kinds)


def _has(item: Item, facet: str, value: str) -> bool:
    """The item has this facet value or a narrower kind of it ('Romance': 'Romantic Comedy')."""
    from chatbot.filters import is_kind_of

    return any(is_kind_of(v, value, facet) for v in item.facet(facet))


def _label_of(state: InterestState, catalog: Catalog, item_id: str) -> str:
    return _title(state, item_id, catalog)


def _popular_reason(item: Item) -> str:
    """Why a popular item is popular, in the terms of `popularity`: mostly the conversations
    that mention it ('one of the titles people talk about most': a film rated by 5 people on
    omdb.org but named in 300 ReDial chats) or its votes ('one of the most popular titles')."""
    if _mention_votes(item) > item.votes:
        return "one of the titles people talk about most"
    return "one of the most popular titles"


def _title(state: InterestState, item_id: str, catalog: Catalog) -> str:
    if item_id in state.titles:
        return state.titles[item_id]
    return catalog.get(item_id).label if item_id in catalog else item_id


# genre and kind nouns: in a described topic ('courtroom drama') the other words say what
_KIND_WORDS = frozenset(
    ("drama", "dramas", "comedy", "comedies", "action", "thriller", "thrillers", "horror")
    + ("romance", "adventure", "movie", "movies", "film", "films", "story", "stories", "flick")
)
_STOP = frozenset(
    re.findall(
        r"\w+",
        "the a an and or of with about in on for to from some any not but too one ones who how "
        "what get set lot bit old new",
    )
)


@functools.lru_cache(maxsize=4096)
def _title_words(title: str) -> frozenset[str]:
    """The content words of a title, lower case, plurals also in the singular ('The Heat' ->
    {'heat'}, 'Grown Ups' -> {'grown', 'ups', 'up'})."""
    words = {w for w in re.findall(r"[a-z0-9]{2,}", title.lower()) if w not in _STOP}
    return frozenset(words | {w[:-1] for w in words if len(w) > 2 and w.endswith("s")})


def _shares_words(text: str, item: Item) -> bool:
    """The item's description, genres or tags name a word of the topic, by its stem ('dog' ->
    'dogs', 'boxing' -> 'boxer', 'treasure hunt' -> 'treasure'), or its title the word or its
    stem as a whole word. Genre nouns inside a topic ('courtroom drama') do not count while a
    more specific word is there."""
    words = {w for w in re.findall(r"[a-z]{3,}", text.lower()) if w not in _STOP}
    words = (words - _KIND_WORDS) or words
    if not words:
        return False
    haystack = " ".join([item.description, *item.genres, *item.tags]).lower()
    if any(re.search(rf"\b{re.escape(_stem(w))}", haystack) for w in words):
        return True
    # in the title a whole word, not the start of one ('a dog' names no Dogma)
    title = _title_words(item.title)
    return any(w in title or _stem(w) in title for w in words)


def _stem(word: str) -> str:
    """A crude English stem for prefix matching: 'boxing' -> 'box', 'hunters' -> 'hunt',
    'zombies' -> 'zombie'; never shorter than three letters."""
    if word.endswith("ss"):
        return word  # 'chess', 'boss'
    for suffix in ("ing", "ers", "er", "es", "ed", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)]
            return stem[:-1] if suffix == "ing" and len(stem) > 3 and stem[-1] == stem[-2] else stem
    return word


def _unit(v: np.ndarray) -> np.ndarray:
    n = float(np.linalg.norm(v))
    return v / n if n > 1e-9 else v


def _base_title(title: str) -> str:
    """A title without a leading article, its subtitle (after ':' or ' - ') and a closing
    number, roman numeral, 'Part N' or 'Chapter N' (normalize_title's form):
    'The Godfather Part II' -> 'godfather', 'Thor: Ragnarok' -> 'thor', 'Jaws 2' -> 'jaws'."""
    head = re.split(r"\s*:\s*|\s+-\s+", title, maxsplit=1)[0]
    key = normalize_title(head)
    key = re.sub(r"^(?:the|a|an)\s+", "", key)
    return re.sub(r"(?:\s+(?:part|chapter|vol|volume))?\s+(?:\d+|[ivx]+)$", "", key).strip()
