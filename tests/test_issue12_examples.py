"""Every example of the understanding issue, on the real movie catalogue (MiniLM index, template
writer), written in the expectation language of `chatbot eval understanding`."""

from __future__ import annotations

from typing import Any

import pytest

from chatbot.catalog import Catalog
from chatbot.config import Settings
from chatbot.dialogue import DialogueManager
from chatbot.evaluation.understanding import Case, check_case, run_case

pytestmark = pytest.mark.slow

EXAMPLES: list[tuple[str, list[str], dict[str, Any]]] = [
    # 1. negation spills onto the wanted thing
    (
        "neg-comedy",
        ["not a horror, a comedy"],
        {"avoid": ["genre:Horror"], "prefer": ["genre:Comedy"], "not_avoid": ["genre:Comedy"]},
    ),
    (
        "neg-relative",
        ["comedies from the 90s that aren't romantic"],
        {
            "prefer": ["genre:Comedy"],
            "avoid": ["genre:Romance"],
            "constraints": {"year_min": 1990, "year_max": 1999},
            "picks_include_genres": ["Comedy"],
            "picks_exclude_genres": ["Romance", "Romantic"],
        },
    ),
    (
        "neg-long",
        ["a scary movie that isn't too long"],
        {
            "prefer": ["genre:Horror"],
            "not_avoid": ["genre:Horror"],
            "constraints_present": ["runtime_max"],
        },
    ),
    # 2. negated descriptions
    (
        "neg-cry",
        ["a movie about dogs that won't make me cry"],
        {"wanted_include": ["dog"], "wanted_exclude": ["cry"]},
    ),
    (
        "neg-ww2",
        ["a good war film but not about WW2"],
        {"prefer": ["genre:War"], "picks_exclude_titles": ["Inglourious Basterds"]},
    ),
    # 3. ordinary words and unknown titles
    (
        "next",
        ["what should I watch next?"],
        {"not_liked": ["Next"], "belief_words_absent": ["next"]},
    ),
    ("stupid", ["something funny but not stupid"], {"not_rejected": ["The Stupids"]}),
    ("amelie", ["I loved Amelie"], {"not_liked": ["Amelia"]}),
    (
        "made-up",
        ["I loved Moonfall Express 2"],
        {"no_items_recorded": True, "reply_kind": ["unknown_title", "clarify"]},
    ),
    (
        "junk",
        ["something from after 2010, a new one, 100 minutes max, the second half of the year"],
        {"wanted_exclude": ["after", "year", "new", "minutes", "max", "second"]},
    ),
    # 4. title lists, numbers, typos, franchise ordinals
    (
        "list-seen",
        ["I've already seen The Matrix, Inception and Interstellar", "more", "more"],
        {
            "seen": ["The Matrix", "Inception", "Interstellar"],
            "picks_exclude_titles": ["Inception", "The Matrix", "Interstellar"],
        },
    ),
    ("numeric", ["I really liked 1917"], {"liked": ["1917"]}),
    (
        "typo-list",
        ["I loved Pulp Fiction and the godfahter"],
        {"liked": ["Pulp Fiction", "The Godfather"]},
    ),
    (
        "ordinal",
        ["I loved the first Star Wars"],
        {
            "liked": ["Star Wars: Episode IV – A New Hope"],
            "picks_exclude_titles": ["Star Wars: Episode IV – A New Hope"],
        },
    ),
    # 5. questions get answers, not beliefs
    (
        "q-scary",
        ["a heist movie", "is the second one scary?"],
        {"reply_kind": "answer", "no_new_beliefs": True},
    ),
    (
        "q-year",
        ["what year did The Wizard of Oz come out?"],
        {"reply_kind": "answer", "no_new_beliefs": True, "reply_contains": ["1939"]},
    ),
    (
        "q-why",
        ["a heist movie", "why did you pick the first one?"],
        {"reply_kind": "answer", "no_new_beliefs": True, "reply_contains": ["because"]},
    ),
    # 6. audience
    (
        "kids",
        ["I loved The Conjuring", "now something for my 6 year old daughter"],
        {
            "constraints": {"audience": "children"},
            "picks_exclude_genres": ["Horror"],
            "picks_exclude_titles": ["Insidious", "The Exorcist"],
            "picks_min": 1,
        },
    ),
    (
        "grandmother",
        ["a movie I can watch with my grandmother"],
        {"constraints_present": ["audience"], "picks_exclude_titles": ["Dirty Grandpa"]},
    ),
    (
        "family-then-not",
        ["a family movie", "not the first two"],
        {"picks_exclude_genres": ["Horror"], "rejected_picks_of_turn": {"1": [0, 1]}},
    ),
    # 7. people and studios
    (
        "marvel",
        ["a superhero movie", "no more Marvel"],
        {"avoid": ["studio:Marvel"], "picks_exclude_titles": ["The Avengers"]},
    ),
    (
        "cruise",
        ["Tom Cruise action movies", "no Tom Cruise please", "more"],
        {"avoid": ["person:Tom Cruise"], "picks_exclude_titles": ["Mission: Impossible III"]},
    ),
    (
        "hitchcock",
        ["a Hitchcock movie"],
        {"not_liked": ["Hitchcock"], "prefer": ["person:Alfred Hitchcock"]},
    ),
    # 8. facets form a hierarchy
    (
        "no-romance",
        ["comedies, no romance", "more"],
        {"picks_exclude_genres": ["Romance", "Romantic"], "picks_include_genres": ["Comedy"]},
    ),
    (
        "french-comedy",
        ["a French comedy from the 2000s under 100 minutes, highly rated"],
        {
            "prefer": ["genre:Comedy"],
            "constraints": {"country": "FR", "year_min": 2000, "year_max": 2009},
            "constraints_present": ["runtime_max", "rating_min"],
        },
    ),
    ("heist", ["a heist movie"], {"prefer": ["genre:Heist"], "picks_include_genres": ["Heist"]}),
    # 9. phrasings of supported constraints
    (
        "90-max",
        ["an action movie, 90 minutes max"],
        {"prefer": ["genre:Action"], "constraints": {"runtime_max": 90}},
    ),
    ("smth", ["smth scary pls"], {"prefer": ["genre:Horror"]}),
    # 10. affirmations and rejections keep the topic
    ("yes", ["a heist movie", "yes"], {"picks_include_genres": ["Heist"]}),
    (
        "none-older",
        ["a space adventure", "none of these", "older"],
        {
            "picks_exclude_titles": ["Brave", "Adventures in Babysitting"],
            "wanted_include": ["space"],
            "picks_min": 2,
        },
    ),
    # 11. non-English input
    (
        "german",
        ["Ich suche einen lustigen Film für heute Abend"],
        {"reply_kind": "language", "no_new_beliefs": True, "picks_max": 0},
    ),
]


@pytest.fixture(scope="module")
def manager(movies_catalog: Catalog, movie_settings: Settings) -> DialogueManager:
    settings = movie_settings.replace(llm="template", store="memory")
    return DialogueManager.from_settings(settings)


@pytest.mark.parametrize(("name", "turns", "expect"), EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_issue_example(
    manager: DialogueManager,
    movies_catalog: Catalog,
    name: str,
    turns: list[str],
    expect: dict[str, Any],
) -> None:
    case = Case(name, "issue", tuple(turns), expect, "issue")
    obs = run_case(manager, case)
    failures = check_case(case, obs, movies_catalog)
    picks = [r.item.label for r in obs.replies[-1].items] if obs.replies else []
    assert not failures, f"{turns}: {failures}; picks {picks}"


def test_amelie_is_asked_about_or_found(manager: DialogueManager) -> None:
    reply = manager.respond("amelie", "I loved Amelie")
    liked = [manager.catalog.get(i).title for i in reply.state.liked]
    assert liked == ["Le fabuleux destin d'Amélie Poulain"] or (
        not liked and "Amélie Poulain" in reply.text
    ), (liked, reply.text)
