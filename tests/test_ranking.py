"""Ranking over the books (hash embeddings): exclusions, constraints, boosts, truthful reasons."""

from __future__ import annotations

from typing import Any

import pytest

from chatbot.catalog import Catalog
from chatbot.config import Settings
from chatbot.errors import InputError
from chatbot.events import (
    AttributeAvoided,
    AttributePreferred,
    ConstraintSet,
    ExplorationRequested,
    InterestExpressed,
    ItemLiked,
    ItemRejected,
    ItemSeen,
    ItemsRecommended,
    RepeatsAllowed,
    SimilarRequested,
)
from chatbot.interest import InterestState, fold
from chatbot.ranking import Ranker


@pytest.fixture(scope="module")
def ranker(books_parts: tuple[Any, Any, Any, Settings]) -> Ranker:
    catalog, retriever, _, settings = books_parts
    return Ranker(catalog, retriever, settings)


@pytest.fixture(scope="module")
def books(books_parts: tuple[Any, Any, Any, Settings]) -> Catalog:
    return books_parts[0]  # type: ignore[no-any-return]


SPACE = fold(
    [InterestExpressed("space exploration"), ItemLiked("book-001", "The Long Dark Between Stars")]
)


def ids(recs: list[Any]) -> list[str]:
    return [r.item.id for r in recs]


def test_default_k_is_items_per_turn_and_results_are_distinct(ranker: Ranker) -> None:
    recs = ranker.rank(SPACE)
    assert len(recs) == ranker.settings.items_per_turn == 3
    many = ranker.rank(SPACE, 30)
    assert len(many) == 30 and len(set(ids(many))) == 30
    assert many[0].score == max(r.score for r in many)


def test_k_larger_than_what_is_left_returns_everything_allowed(
    ranker: Ranker, books: Catalog
) -> None:
    recs = ranker.rank(SPACE, 60)
    assert set(ids(recs)) == {i.id for i in books} - {"book-001"}


def test_liked_rejected_seen_and_shown_items_never_come_back(ranker: Ranker) -> None:
    state = SPACE
    for e in [
        ItemsRecommended(("book-002", "book-003", "book-004")),
        ItemRejected("book-005"),
        ItemSeen("book-006"),
    ]:
        state = state.apply(e)
    banned = {"book-001", "book-002", "book-003", "book-004", "book-005", "book-006"}
    for k in (1, 3, 10, 34):
        assert not banned & set(ids(ranker.rank(state, k)))
    assert len(ranker.rank(state, 50)) == 40 - len(banned)


def test_repeats_when_asked_for_but_never_rejected_ones(ranker: Ranker) -> None:
    state = fold(
        [
            *_events(SPACE),
            ItemsRecommended(("book-002",)),
            ItemRejected("book-005"),
            RepeatsAllowed(),
        ]
    )
    got = set(ids(ranker.rank(state, 40)))
    assert "book-002" in got and "book-001" in got and "book-005" not in got


def _events(state: InterestState) -> list[Any]:
    return [InterestExpressed(t) for t in state.interests] + [
        ItemLiked(i, state.titles.get(i, "")) for i in state.liked
    ]


def test_avoided_genres_are_absent_and_constraints_hold(ranker: Ranker) -> None:
    state = fold(
        [
            *_events(SPACE),
            AttributeAvoided("genre", "Horror"),
            ConstraintSet("year_min", 2005),
            ConstraintSet("price_max", 15.0),
            ConstraintSet("language", "en"),
        ]
    )
    recs = ranker.rank(state, 40)
    assert recs
    for r in recs:
        assert "Horror" not in r.item.genres
        assert r.item.year is not None and r.item.year >= 2005
        assert r.item.price is not None and r.item.price <= 15.0
        assert "en" in r.item.facet("language")


def test_impossible_constraints_give_no_results(ranker: Ranker) -> None:
    assert ranker.rank(SPACE.apply(ConstraintSet("year_min", 2100)), 3) == []


def test_a_genre_asked_for_now_leads_the_picks(ranker: Ranker) -> None:
    state = SPACE.apply(AttributePreferred("genre", "Mystery"))
    recs = ranker.rank(state, 3)
    assert all("Mystery" in r.item.genres for r in recs)
    assert all("Mystery, which you asked for" in r.reasons for r in recs)
    # the topic stays for the next turn ('yes', 'more', 'none of these'): more mystery books
    shown = ItemsRecommended(tuple(ids(recs)))
    later = state.apply(shown)
    assert later.focus == (("genre", "Mystery"),)
    assert all("Mystery" in r.item.genres for r in ranker.rank(later, 3))
    # once a new anchor replaces the topic the preference is a boost, not a filter: other
    # genres may come back, but mystery books still rank higher than without the preference
    # 'more like those' keeps the topic; a new anchor (a title not just shown) replaces it
    assert later.apply(SimilarRequested(recs[0].item.id, recs[0].item.title)).focus
    anchor = next(i for i in ranker.catalog if i.id not in ids(recs))
    later = later.apply(SimilarRequested(anchor.id, anchor.title))
    assert later.focus == ()
    with_pref = ranker.rank(later, 40)
    without = ranker.rank(SPACE.apply(SimilarRequested(anchor.id, anchor.title)), 40)
    assert {"Mystery"} != {g for r in with_pref for g in r.item.genres}

    def mean_rank(recs: list[Any]) -> float:
        ranks = [k for k, r in enumerate(recs) if "Mystery" in r.item.genres]
        return sum(ranks) / len(ranks)

    assert mean_rank(with_pref) < mean_rank(without)


def test_feedback_moves_the_ranking(ranker: Ranker) -> None:
    before = ids(ranker.rank(SPACE, 5))
    after = ids(ranker.rank(SPACE.apply(ItemRejected(before[0])), 5))
    assert before[0] not in after
    assert after != before


def test_reasons_are_truthful(ranker: Ranker, books: Catalog) -> None:
    state = SPACE.apply(AttributePreferred("genre", "Adventure")).apply(
        ConstraintSet("year_min", 2000)
    )
    retriever = ranker.retriever
    near = {h.item.id for h in retriever.search(retriever.item_vector("book-001"), 11)}
    recs = ranker.rank(state, 20)
    assert any(reason.startswith("similar to ") for r in recs for reason in r.reasons)
    for r in recs:
        for reason in r.reasons:
            if reason.startswith("similar to "):
                assert reason == "similar to The Long Dark Between Stars"
                assert r.item.id in near  # among the liked book's ten nearest neighbours
            elif reason.endswith(", which you asked for"):
                assert reason.split(",")[0] in r.item.genres
            elif reason.startswith("from "):
                assert reason.startswith(f"from {r.item.year}") and r.item.year >= 2000
            elif reason.startswith("highly rated"):
                assert r.item.rating is not None and r.item.rating >= 7.5
                # said with the number of votes, and only with enough of them
                assert reason.endswith(f"by {r.item.votes} voters") and (r.item.votes or 0) >= 20
        assert r.reasons


def test_cold_start_is_popular_and_diverse_with_a_question(ranker: Ranker, books: Catalog) -> None:
    recs = ranker.rank(InterestState(), 3)
    assert len(recs) == 3
    leads = [r.item.genres[0] for r in recs]
    assert len(set(leads)) == 3
    question = ranker.clarifying_question(InterestState())
    assert question.endswith("?") and "Science Fiction" in question
    # the books have no popularity data, so no pick may claim to be popular
    assert not any("most popular" in reason for r in recs for reason in r.reasons)


def test_cold_start_respects_constraints_and_exploration_changes_picks(ranker: Ranker) -> None:
    state = fold([AttributeAvoided("genre", "Science Fiction"), ConstraintSet("language", "fr")])
    recs = ranker.rank(state, 3)
    assert recs and all(
        "Science Fiction" not in r.item.genres and "fr" in r.item.facet("language") for r in recs
    )
    plain = ids(ranker.rank(InterestState(), 3))
    surprising = ids(ranker.rank(fold([ExplorationRequested()]), 3))
    assert plain != surprising


def test_bad_k(ranker: Ranker) -> None:
    assert ranker.rank(SPACE, 0) == []
    with pytest.raises(InputError):
        ranker.rank(SPACE, -1)


def test_popularity_prior_on_the_movies(movies_catalog: Catalog) -> None:
    from chatbot.ranking import popularity

    ranked = sorted(movies_catalog, key=popularity, reverse=True)[:20]
    assert all(i.votes > 0 or i.extra.get("redial_mentions") for i in ranked)


def test_picks_are_diverse_and_exploring_moves_away_from_the_last_picks(ranker: Ranker) -> None:
    retriever = ranker.retriever
    plain = ranker.rank(SPACE, 3)
    shown = SPACE.apply(ItemsRecommended(tuple(ids(plain))))
    again = ranker.rank(shown, 3)
    explore = ranker.rank(shown.apply(ExplorationRequested()), 3)
    assert ids(explore) != ids(again)

    def closeness(recs: list[Any]) -> float:
        vecs = [retriever.item_vector(i) for i in ids(plain)]
        return max(float(retriever.item_vector(r.item.id) @ v) for r in recs for v in vecs)

    assert closeness(explore) <= closeness(again)


def test_explain_false_gives_the_same_ranking_without_reasons(ranker: Ranker) -> None:
    for state in (SPACE, InterestState()):
        explained = ranker.rank(state, 20)
        bare = ranker.rank(state, 20, explain=False)
        assert ids(bare) == ids(explained)
        assert all(r.reasons == () for r in bare) and all(r.reasons for r in explained)


@pytest.fixture(scope="module")
def co_ranker(books: Catalog, tmp_path_factory: pytest.TempPathFactory) -> Ranker:
    """The books, where readers of book-001 often also talked about the comedy book-024."""
    from dataclasses import replace

    from chatbot.retrieval import Retriever

    items = [
        replace(i, extra={**i.extra, "co_mentioned": [["book-024", 5], ["book-002", 1]]})
        if i.id == "book-001"
        else i
        for i in books
    ]
    catalog = Catalog(items, meta=books.meta)
    home = tmp_path_factory.mktemp("co-home")
    settings = Settings.from_env(
        {}, embedder="hash", llm="template", store="memory", home=home, index_dir=home / "index"
    )
    return Ranker(catalog, Retriever.open(catalog, settings, progress=False), settings)


def test_items_named_together_with_a_liked_one_rank_higher(
    ranker: Ranker, co_ranker: Ranker
) -> None:
    liked = fold([ItemLiked("book-001", "The Long Dark Between Stars")])
    without = ids(ranker.rank(liked, 40))
    with_co = co_ranker.rank(liked, 40)
    assert ids(with_co).index("book-024") < (
        without.index("book-024") if "book-024" in without else 40
    )
    reasons = {r.item.id: r.reasons for r in with_co}
    assert any("often talked about together with" in r for r in reasons["book-024"])


def test_co_mentions_respect_filters_and_rejections(co_ranker: Ranker) -> None:
    liked = [ItemLiked("book-001", "The Long Dark Between Stars")]
    assert "book-024" not in ids(
        co_ranker.rank(fold([*liked, AttributeAvoided("genre", "Comedy")]), 40)
    )
    rejected = fold([*liked, ItemRejected("book-024", "The Wedding Planner's Rival")])
    assert "book-024" not in ids(co_ranker.rank(rejected, 40))


def test_a_wish_outranks_what_others_talked_about(
    co_ranker: Ranker, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the wish as a lasting preference, not the topic of this turn (that one is a hard wish)
    state = fold(
        [
            ItemLiked("book-001", "The Long Dark Between Stars"),
            AttributePreferred("genre", "Science Fiction"),  # book-024 is a comedy
            SimilarRequested("book-001", "The Long Dark Between Stars"),
        ]
    )
    assert state.focus == () and state.preferred
    gated = ids(co_ranker.rank(state, 40)).index("book-024")
    monkeypatch.setattr("chatbot.ranking.CO_MENTION_OFF_WISH", 1.0)
    ungated = ids(co_ranker.rank(state, 40)).index("book-024")
    assert gated > ungated


def test_an_item_two_candidate_sources_name_is_one_candidate(
    ranker: Ranker, books: Catalog
) -> None:
    """The trained model's best items and the items naming a topic may overlap: a pick must
    never be listed twice (seen as 'Logan (2017)', 'Logan (2017)')."""
    first, second = list(books)[:2]
    got = ranker._extra_hits(InterestState(), None, [first.id, second.id, first.id], set(), [])
    assert [h.item.id for h in got] == [first.id, second.id]


def test_turning_down_childrens_films_leaves_out_unmarked_animation(ranker: Ranker) -> None:
    """'something for grownups' after Frozen: Moana carries no audience mark, so the animated
    kinds go with the children's and family films, unless animation is asked for ('animated,
    but not for kids')."""
    grown = InterestState(avoided=(("audience", "Children's Film"), ("audience", "Family Film")))
    assert "Animation" in ranker.filters(grown).genres_none
    animated = InterestState(preferred=(("genre", "Animation"),), avoided=grown.avoided)
    assert "Animation" not in ranker.filters(animated).genres_none
    assert "Animation" not in ranker.filters(InterestState()).genres_none


def test_marked_family_films_go_first_while_children_watch(ranker: Ranker) -> None:
    """An unmarked film that only passes the children's limits (Maleficent, a fairy tale) ranks
    after a film the catalogue marks as a family film, at the same similarity."""
    from chatbot.catalog import Item
    from chatbot.events import ConstraintSet

    marked = Item(id="m", title="M", description="A film.", facets={"audience": ("Family Film",)})
    plain = Item(id="p", title="P", description="A film.")
    kids = fold([ConstraintSet("audience", "children")])
    assert ranker._score(kids, marked, 0.5, {}) > ranker._score(kids, plain, 0.5, {})
    # nobody young watching: the mark is no reason to rank a film higher
    alone = InterestState()
    assert ranker._score(alone, marked, 0.5, {}) == ranker._score(alone, plain, 0.5, {})


def test_picks_no_signal_explains_say_what_still_holds(ranker: Ranker, books: Catalog) -> None:
    """Beyond the liked book's nearest neighbours a pick says the genre it shares with it, and
    after 'no science fiction' that it has none; every such claim holds for the pick."""
    liked = fold([ItemLiked("book-001", "The Long Dark Between Stars")])
    genres = set(books.get("book-001").genres)
    shared = [x for r in ranker.rank(liked, 40) for x in r.reasons if x.startswith("also ")]
    assert shared
    for r in ranker.rank(liked, 40):
        for reason in r.reasons:
            if reason.startswith("also "):
                kinds = reason.removeprefix("also ").split(", like ")[0].split(" and ")
                assert reason.endswith(", like The Long Dark Between Stars")
                assert all(k in {g.lower() for g in set(r.item.genres) & genres} for k in kinds)
    avoided = liked.apply(AttributeAvoided("genre", "Science Fiction"))
    recs = ranker.rank(avoided, 40)
    said = [r for r in recs if "no science fiction, which you asked for" in r.reasons]
    assert said and all("Science Fiction" not in r.item.genres for r in recs)
    assert not any("close to what you described overall" in r.reasons for r in recs)


def test_a_popular_pick_says_where_its_popularity_comes_from() -> None:
    """Coco is named in hundreds of ReDial chats but rated by 5 people on omdb.org: 'one of the
    most popular titles' beside '5 voters' on its card read as false."""
    from chatbot.catalog import Item
    from chatbot.ranking import _popular_reason

    talked = Item(id="c", title="Coco", description="", votes=5, extra={"redial_mentions": 300})
    voted = Item(id="v", title="Voted", description="", votes=900, extra={"redial_mentions": 2})
    assert _popular_reason(talked) == "one of the titles people talk about most"
    assert _popular_reason(voted) == "one of the most popular titles"
