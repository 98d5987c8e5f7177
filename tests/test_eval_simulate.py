"""Simulated users: goals, reactions that never leak the target, metrics from hand-made runs."""

from __future__ import annotations

from typing import Any

import pytest

from chatbot.catalog import Catalog, Item
from chatbot.evaluation.redial import read_dialogues
from chatbot.evaluation.simulate import (
    COLD_OPENINGS,
    SimulatedUser,
    TitleSpotter,
    UserGoal,
    UserRun,
    make_goals,
    mentions_title,
    run_user,
    simulate,
    summarise,
)
from tests.test_eval_redial import MINI, mini_catalog


def item(id: str, title: str, year: int, genres: tuple[str, ...], **facets: Any) -> Item:
    return Item(
        id=id,
        title=title,
        description="x",
        year=year,
        genres=genres,
        facets={k: tuple(v) for k, v in facets.items()},
    )


TARGET = item("t", "Secret Target", 1995, ("Horror", "Thriller"), mood=["Creepy"], language=["fr"])


def test_user_hints_from_facets_and_gives_reasons_without_the_title() -> None:
    user = SimulatedUser(UserGoal(TARGET, "hi", "catalogue"), language_names={"fr": "french"})
    assert user.next_hint() == "a horror movie"
    old = item("a", "Old One", 1950, ("Horror",))
    new = item("b", "New One", 2019, ("Horror",))
    comedy = item("c", "Funny One", 1996, ("Comedy", "Horror"))
    said = [user.react([old]), user.react([new]), user.react([comedy]), user.react([])]
    assert said[0] == "Not Old One, not for me, too old. Maybe something from the 1990s?"
    assert said[1] == "Not New One, not for me, too recent. Maybe something creepy?"
    assert said[2] == "Not Funny One, I'm not into comedy. Maybe something in French?"
    assert said[3] == "Something else, please."  # nothing shown, no hints left
    assert user.rejected == ["a", "b", "c"]
    assert user.avoided == [("genre", "Comedy")]
    assert not any(mentions_title(s, TARGET.title) for s in said)


def test_goals_from_redial_openings_then_cold_starts() -> None:
    catalog = mini_catalog()
    goals = make_goals(catalog, 5, dialogues=read_dialogues(MINI), seed=1)
    redial = [g for g in goals if g.source == "redial"]
    # m1 -> 1002 (a liked suggestion); m3 -> 1007; m2 is skipped: the recommender names a
    # movie before the seeker says anything
    assert sorted(g.target.id for g in redial) == ["i1002", "i1007"]
    m1 = next(g for g in redial if g.dialogue_id == "m1")
    assert m1.opening == "Hi, I love space movies like Interstellar (2014)\nAnything similar?"
    for g in redial:
        assert not mentions_title(g.opening, g.target.title)
        assert "@" not in g.opening
    cold = [g for g in goals if g.source == "catalogue"]
    assert len(cold) == 3 and all(g.opening in COLD_OPENINGS for g in cold)
    assert make_goals(catalog, 5, dialogues=read_dialogues(MINI), seed=1) == goals
    with pytest.raises(ValueError, match="at least 1"):
        make_goals(catalog, 0)
    mixed = make_goals(catalog, 4, dialogues=read_dialogues(MINI), cold_share=0.5)
    assert [g.source for g in mixed] == ["redial", "redial", "catalogue", "catalogue"]
    adventure = item("v", "V", 2001, ("Adventure",))
    assert SimulatedUser(UserGoal(adventure, "", "catalogue")).next_hint() == "an adventure movie"
    with pytest.raises(ValueError, match="between 0 and 1"):
        make_goals(catalog, 4, cold_share=2)


def test_title_spotter_finds_only_unshown_catalogue_titles() -> None:
    catalog = Catalog(
        [
            item("1", "The Long Goodbye", 1973, ("Crime",)),
            item("2", "Heat", 1995, ("Crime",)),
            item("3", "Chinatown", 1974, ("Crime",)),
            item("4", "Brazil", 1985, ("Comedy",)),
        ]
    )
    spotter = TitleSpotter(catalog)
    shown = [catalog.get("1")]
    assert spotter.unshown("You might enjoy **The Long Goodbye (1973)**.", shown) == []
    found = spotter.unshown("Try The Long Goodbye or even Chinatown instead.", [catalog.get("2")])
    assert found == ["The Long Goodbye", "Chinatown"]
    # short one-word titles ("Heat") and sentence-initial words are ordinary words
    assert spotter.unshown("Heat builds. Brazil is far. In the heat of it", shown) == []
    # a capitalised one-word title of 6+ letters mid-sentence counts (a known false-positive risk)
    assert spotter.unshown("I also like Brazil a lot", shown) == ["Brazil"]
    assert spotter.unshown("see chinatown too", shown) == []  # lower case: not a name
    # titles the conversation already named, or words quoted from a shown item's description
    assert spotter.unshown("Like The Long Goodbye, try it", [], known_ids={"1"}) == []
    grounded = ["A detective in the style of Chinatown."]
    assert spotter.unshown("A detective in the style of Chinatown.", shown, grounded=grounded) == []
    grounded = ["A remake of the-long goodbye"]
    assert spotter.unshown("A remake of The Long Goodbye", [], grounded=grounded) == []


def test_titles_that_are_facet_values_are_ignored() -> None:
    catalog = Catalog(
        [item("1", "Western", 1990, ("Drama",)), item("2", "Old West", 1950, ("Western",))]
    )
    assert TitleSpotter(catalog).unshown("A fine Western for you", []) == []


def test_summarise_hand_checked() -> None:
    catalog = mini_catalog()
    a, b, c = catalog.get("i1001"), catalog.get("i1002"), catalog.get("i1003")  # c composed
    runs = [
        UserRun(UserGoal(a, "hi", "redial"), success_turn=1, turns=1, latencies_ms=[10.0]),
        UserRun(UserGoal(b, "hi", "catalogue"), success_turn=3, turns=3, latencies_ms=[1, 2, 3]),
        UserRun(UserGoal(c, "hi", "catalogue"), turns=3, latencies_ms=[4, 5, 6]),
    ]
    runs[0].final_ranking = ["i1001"]
    runs[1].final_ranking = ["f00"] * 9 + ["i1002"]
    runs[2].final_ranking = ["f00"] * 60
    runs[1].checks, runs[1].violations = 2, 1
    runs[2].checks = 2
    runs[1].replies, runs[2].replies, runs[0].replies = 3, 3, 1
    runs[2].hallucinated_replies = 1
    m = summarise(runs, catalog, turns=3)
    third = pytest.approx(1 / 3)
    assert m["success_by_turn"] == {"1": third, "2": third, "3": pytest.approx(2 / 3)}
    assert m["avg_turns"] == pytest.approx(7 / 3)
    assert m["avg_turns_to_success"] == 2.0
    assert m["recall@k_final"]["recall@1"] == pytest.approx(1 / 3)
    assert m["recall@k_final"]["recall@10"] == pytest.approx(2 / 3)
    assert m["feedback_compliance"] == pytest.approx(3 / 4)
    assert m["avoided_facet_compliance"] == 1.0 and m["avoided_facet_checks"] == 0
    assert m["hallucinated_item_rate"] == pytest.approx(1 / 7)
    assert m["latency_ms"]["p50"] == 4.0
    assert m["by_source"]["catalogue"]["users"] == 2
    assert m["limitations"]["by_description"]["composed"]["success_rate"] == 0.0
    assert m["limitations"]["by_description"]["real"]["success_rate"] == 1.0


def test_users_against_a_real_dialogue_manager(books_manager: Any) -> None:
    catalog = books_manager.catalog
    goals = make_goals(catalog, 4, seed=3)
    runs = simulate(books_manager, goals, turns=3, progress=False)
    for run in runs:
        assert 1 <= run.turns <= 3 and len(run.latencies_ms) == run.turns == len(run.lists)
        assert run.leaks == 0
        if run.success_turn is not None:
            assert run.goal.target.id in run.lists[run.success_turn - 1]
        else:
            assert all(run.goal.target.id not in lst for lst in run.lists)
        # the final ranking is rebuilt from the stored events: its head is the last list shown
        assert run.final_ranking[: len(run.lists[-1])] == run.lists[-1]
    m = summarise(runs, catalog, turns=3)
    assert m["hallucinated_item_rate"] == 0.0  # template text names only shown items
    assert m["target_title_leaks"] == 0


def test_rejected_items_are_checked_on_later_turns(books_manager: Any) -> None:
    target = books_manager.catalog.items[-1]
    run = run_user(books_manager, UserGoal(target, "", "catalogue"), turns=3, session_id="chk")
    shown_after_rejects = run.turns - 1 if run.success_turn is None else run.success_turn - 1
    # every turn after the first carries at least one rejection to check
    assert run.checks == shown_after_rejects
    assert run.messages[0]  # a cold start with no opening says a hint instead


def test_feedback_checks_count_rejected_items_and_avoided_facets() -> None:
    from chatbot.evaluation.simulate import _check_feedback

    goal = UserGoal(TARGET, "hi", "catalogue")
    user, run = SimulatedUser(goal), UserRun(goal)
    drama, comedy = item("d", "D", 1995, ("Drama",)), item("c", "C", 1995, ("Comedy",))
    _check_feedback(run, user, [comedy])  # nothing said yet: nothing to check
    user.rejected.append("d")
    _check_feedback(run, user, [drama])  # a rejected item came back
    user.avoided.append(("genre", "Comedy"))
    _check_feedback(run, user, [comedy])  # an avoided genre came back
    _check_feedback(run, user, [item("x", "X", 1995, ("Horror",))])
    assert (run.checks, run.violations) == (3, 2)
    assert (run.facet_checks, run.facet_violations) == (2, 1)


def test_the_user_never_asks_for_what_it_turned_down() -> None:
    funny = Item("t", "Target", "d", year=1953, genres=("Family",), facets={"mood": ("Funny",)})
    implied = {"something funny": {("genre", "Comedy")}}
    user = SimulatedUser(UserGoal(funny, "", "catalogue"), implies=lambda p: implied.get(p, set()))
    user.avoided.append(("genre", "Comedy"))
    user.revealed += ["genre", "decade"]
    assert user.next_hint() != "something funny"
    assert "mood" in user.revealed  # skipped for good, not offered again later
