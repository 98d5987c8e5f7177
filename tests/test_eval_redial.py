"""ReDial reading, case extraction and Recall@k under both conventions, hand-checked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from chatbot.catalog import Catalog, Item
from chatbot.evaluation.baselines import MentionedFirst, PopularityRanker
from chatbot.evaluation.metrics import (
    RecallAccumulator,
    coverage,
    genre_distance,
    intra_list_diversity,
    percentiles,
    popularity_bias,
    recall_at_k,
)
from chatbot.evaluation.redial import (
    REFERENCE,
    EvalDataError,
    RedialCase,
    evaluate,
    extract_cases,
    liked_suggestions,
    mention_counts,
    read_dialogues,
    redial_item_map,
    render_mentions,
)

MINI = Path(__file__).parent / "fixtures" / "redial_mini.jsonl"
REDIAL_IDS = ("1001", "1002", "1003", "1004", "1005", "1006", "1007", "1008")
COMPOSED = {"i1003", "i1008"}


def mini_catalog() -> Catalog:
    """i1001..i1008 carry ReDial ids 1001..1008 (9999 is not in the catalogue) + 60 fillers."""
    items = [
        Item(
            id=f"i{rid}",
            title=f"Movie {rid}",
            description="A film.",
            genres=("Drama",) if int(rid) % 2 else ("Comedy", "Drama"),
            votes=int(rid) - 1000,
            description_composed=f"i{rid}" in COMPOSED,
            extra={"redial_ids": [rid]},
        )
        for rid in REDIAL_IDS
    ]
    items += [
        Item(id=f"f{n:02d}", title=f"Filler {n}", description="x", votes=100 + n) for n in range(60)
    ]
    return Catalog(items)


class ScriptedRanker:
    """The same ranking for every case (fillers after the scripted head)."""

    name = "scripted"

    def __init__(self, head: list[str]):
        self.order = head + [f"f{n:02d}" for n in range(60)]
        self.depths: list[int] = []

    def rank(self, case: RedialCase, k: int) -> list[str]:
        self.depths.append(k)
        return self.order[:k]


def test_reads_dialogues_merging_turns_and_tolerating_empty_question_lists() -> None:
    dialogues = read_dialogues(MINI)
    assert [d.id for d in dialogues] == ["m1", "m2", "m3"]
    first = dialogues[0]
    # two consecutive seeker messages are one turn
    assert [m.role for m in first.messages] == ["seeker", "recommender"] * 2 + ["seeker"]
    assert first.messages[0].text == "Hi, I love space movies like @1001\nAnything similar?"
    assert first.messages[3].movie_ids == ("1003", "1001", "9999")
    assert first.recommender_answers == {}  # respondentQuestions is [] in the file
    assert dialogues[1].seeker_answers == {}
    assert read_dialogues(MINI, limit=2)[-1].id == "m2"


def test_extracts_recommender_turns_with_movies_and_context() -> None:
    cases = extract_cases(read_dialogues(MINI))
    # m2 opens with a recommender mention (no context) and ends with a turn without movies
    assert [(c.dialogue_id, c.turn) for c in cases] == [
        ("m1", 1),
        ("m1", 3),
        ("m2", 2),
        ("m3", 1),
        ("m3", 3),
    ]
    c2 = cases[1]
    assert c2.context_movie_ids == ("1001", "1002")
    assert c2.target_ids == ("1003", "1001", "9999")
    assert c2.new_target_ids == ("1003", "9999")
    assert c2.context[0] == (
        "seeker",
        "Hi, I love space movies like Interstellar (2014)\nAnything similar?",
    )
    assert "@" not in cases[4].context_text()
    assert cases[4].new_target_ids == ("1008",)


def test_render_mentions_names_unknown_ids_generically() -> None:
    assert render_mentions("saw @1 and @2", {"1": "Heat  (1995)"}) == "saw Heat (1995) and a movie"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            '{"messages": [], "initiatorWorkerId": 1, "respondentWorkerId": 2}\n{not json\n',
            "line 2: malformed JSON",
        ),
        ('{"messages": []}\n', "field 'initiatorWorkerId' is missing"),
        (
            '{"messages": [{"text": "hi", "senderWorkerId": 3}], "initiatorWorkerId": 1, '
            '"respondentWorkerId": 2}\n',
            "unknown senderWorkerId 3",
        ),
        (
            '{"messages": [], "initiatorWorkerId": 1, "respondentWorkerId": 2, '
            '"initiatorQuestions": 5}\n',
            "'initiatorQuestions' must be an object",
        ),
        ("\n", "no dialogues"),
    ],
)
def test_malformed_files_name_the_problem(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(content)
    with pytest.raises(EvalDataError, match=message):
        read_dialogues(path)


def test_missing_file_and_bad_limit_are_clear(tmp_path: Path) -> None:
    with pytest.raises(EvalDataError, match="not found; pass --data"):
        read_dialogues(tmp_path / "nope.jsonl")
    with pytest.raises(EvalDataError, match="at least 1"):
        read_dialogues(MINI, limit=0)


def test_recall_at_k_counts_each_target_once() -> None:
    assert recall_at_k(["a", "b", "c"], ["c", "x"], 2) == 0.0
    assert recall_at_k(["a", "b", "c"], ["c", "x"], 3) == 0.5
    assert recall_at_k(["a"], ["a", "a"], 1) == 1.0
    assert recall_at_k(["a"], [], 1) == 0.0
    with pytest.raises(ValueError, match="k must be at least 1"):
        recall_at_k(["a"], ["a"], 0)


def test_accumulator_micro_and_turn_averages_keep_missing_items_in_denominator() -> None:
    acc = RecallAccumulator(ks=(1, 2))
    acc.add(["a", "b"], ["b", None])  # 1 of 2 found at k=2, None is out of catalogue
    acc.add(["c", "d"], ["c"])
    acc.add(["e"], [])  # no targets: not a turn
    r = acc.result()
    assert r["samples"] == 3 and r["turns"] == 2
    assert r["recall@1"] == pytest.approx(1 / 3)
    assert r["recall@2"] == pytest.approx(2 / 3)
    assert r["turn_recall@2"] == pytest.approx((0.5 + 1.0) / 2)
    assert r["out_of_catalogue"] == pytest.approx(1 / 3)


def test_evaluate_hand_checked_full_and_new_only() -> None:
    catalog = mini_catalog()
    item_map = redial_item_map(catalog)
    assert "9999" not in item_map and item_map["1001"] == "i1001"
    cases = extract_cases(read_dialogues(MINI))
    ranker = ScriptedRanker(["i1001", "i1007", "i1002", "i1003", "i1006", "i1008"])
    out = evaluate(cases, [ranker], catalog, item_map, progress=False)
    full, new = out["full"]["scripted"], out["new_only"]["scripted"]
    # full: 8 target items, 1 out of catalogue; only i1001 (case 2) is ranked first
    assert full["samples"] == 8 and out["out_of_catalogue"] == pytest.approx(1 / 8)
    assert full["recall@1"] == pytest.approx(1 / 8)
    assert full["recall@5"] == pytest.approx(6 / 8)  # i1008 is 6th, 9999 never
    assert full["recall@10"] == pytest.approx(7 / 8)
    assert full["turn_recall@5"] == pytest.approx((1 + 2 / 3 + 1 + 1 + 0.5) / 5)
    # new_only: targets mentioned before are dropped, and so are earlier items from the ranking
    assert new["samples"] == 6
    assert new["recall@1"] == 0.0
    assert new["recall@5"] == pytest.approx(5 / 6)
    assert new["recall@50"] == pytest.approx(5 / 6)
    # depth: 50 plus the number of earlier-mentioned catalogue items
    assert ranker.depths == [50, 51, 52, 52, 50, 51]  # a warm-up call, then one per case
    split = out["limitations"]["scripted"]["by_description"]
    assert split["real"]["samples"] == 5 and split["real"]["recall@1"] == pytest.approx(1 / 5)
    assert split["composed"]["samples"] == 2 and split["composed"]["recall@5"] == pytest.approx(
        1 / 2
    )
    assert out["reference"]["UniCRS"]["recall@10"] == 0.224
    assert set(REFERENCE) >= {"KBRD", "KGSF", "UniCRS", "GPT-4 (zero-shot)"}
    json.dumps(out)  # metrics.json material


def test_mentioned_first_copies_the_conversation_and_only_moves_the_full_figures() -> None:
    catalog = mini_catalog()
    item_map = redial_item_map(catalog)
    cases = extract_cases(read_dialogues(MINI))
    c2 = cases[1]  # seeker named 1001, the recommender 1002; the turn names 1003, 1001, 9999
    alone = MentionedFirst(item_map)
    assert alone.name == "mentioned"
    assert alone.rank(c2, 5) == ["i1002", "i1001"]  # latest mention first, nothing invented
    for case in cases:  # exactly the earlier movies the catalogue has, nothing invented
        earlier = {item_map[r] for r in case.context_movie_ids if r in item_map}
        assert set(alone.rank(case, 50)) == earlier
    assert alone.rank(c2, 1) == ["i1002"]
    wrapped = MentionedFirst(item_map, ScriptedRanker(["i1001", "i1007", "i1002", "i1003"]))
    assert wrapped.name == "scripted+mentioned"
    assert wrapped.rank(c2, 4) == ["i1002", "i1001", "i1007", "i1003"]  # no duplicates
    head = ["i1003", "i1006", "i1008", "i1002"]
    plain, copying = ScriptedRanker(head), MentionedFirst(item_map, ScriptedRanker(head))
    out = evaluate(cases, [plain, copying], catalog, item_map, progress=False)
    # new_only drops the copied movies before scoring: the same figures as the inner ranking
    assert out["new_only"]["scripted+mentioned"] == out["new_only"]["scripted"]
    # full: the repeats i1001 (m1, turn 3) and i1007 (m3, turn 3) are found only by the copy
    assert out["full"]["scripted"]["recall@50"] == pytest.approx(4 / 8)
    assert out["full"]["scripted+mentioned"]["recall@50"] == pytest.approx(6 / 8)


def test_mention_counts_from_dialogues_and_csv(tmp_path: Path) -> None:
    counts = mention_counts(MINI)
    assert counts["1007"] == 1 and counts["1001"] == 1  # once per dialogue, however often
    csv_path = tmp_path / "movies_with_mentions.csv"
    csv_path.write_text("movieId,movieName,nbMentions\n1,A (2000),3\n2,B (2001),7\n")
    assert mention_counts(csv_path) == {"1": 3, "2": 7}
    csv_path.write_text("movieId,movieName,nbMentions\n1,A (2000),many\n")
    with pytest.raises(EvalDataError, match="line 2: bad nbMentions 'many'"):
        mention_counts(csv_path)


def test_popularity_ranker_orders_by_mentions_then_votes() -> None:
    catalog = mini_catalog()
    ranker = PopularityRanker(
        catalog, {"1005": 9, "1002": 4, "9999": 100}, redial_item_map(catalog)
    )
    case = extract_cases(read_dialogues(MINI))[0]
    assert ranker.rank(case, 3) == ["i1005", "i1002", "f59"]  # then most votes
    with pytest.raises(ValueError, match="redial_ids"):
        PopularityRanker(catalog, {"424242": 1}, {})


def test_liked_suggestions_are_simulation_targets() -> None:
    d1, d2, _ = read_dialogues(MINI)
    assert liked_suggestions(d1) == ["1002", "1003"]
    assert liked_suggestions(d2) == ["1006"]  # falls back to the recommender's answers


def test_limitations_figures() -> None:
    catalog = mini_catalog()  # 68 items: the top 10% by votes is 7 fillers f53..f59
    bias = popularity_bias([["f59", "i1001"], ["f58", "f57"]], catalog)
    assert bias["recommended_share"] == pytest.approx(3 / 4)
    assert bias["catalogue_share"] == pytest.approx(7 / 68)
    assert coverage([["a", "b"], ["b"]], 10)["coverage"] == pytest.approx(0.2)
    a, b = catalog.get("i1001"), catalog.get("i1002")  # Drama vs Comedy+Drama
    assert genre_distance(a, b) == pytest.approx(0.5)
    assert intra_list_diversity([a, b, a], genre_distance) == pytest.approx((0.5 + 0 + 0.5) / 3)
    assert intra_list_diversity([a], genre_distance) == 0.0


def test_percentiles_interpolate() -> None:
    p = percentiles([1.0, 2.0, 3.0, 4.0, 5.0], qs=(50, 95))
    assert p["p50"] == 3.0 and p["p95"] == pytest.approx(4.8) and p["max"] == 5.0
    assert percentiles([]) == {}
