"""The two eval commands end to end: load, run, write metrics.json and reports."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from chatbot.catalog import Catalog, atomic_write_text, load_catalog
from chatbot.config import Settings
from chatbot.errors import ConfigError
from chatbot.evaluation.baselines import (
    ContentRanker,
    ContextRanker,
    DialogueRanker,
    MentionedFirst,
    PopularityRanker,
)
from chatbot.evaluation.redial import (
    evaluate,
    extract_cases,
    mention_counts,
    read_dialogues,
    redial_item_map,
)
from chatbot.evaluation.report import (
    recommender_summary,
    redial_sections,
    simulate_sections,
    write_report,
)

if TYPE_CHECKING:
    from chatbot.dialogue import DialogueManager
    from chatbot.retrieval import Retriever

# "handtuned": the dialogue manager's ranking without the trained recommender; "dialogue": as
# the product ranks (with the trained recommender when one is built for the catalogue);
# "mentioned" / "dialogue+mentioned": evaluation-only rows, the conversation's own movies copied
# first (baselines.MentionedFirst), to show what the "full" convention rewards
SYSTEMS = ("popular", "content", "handtuned", "dialogue", "mentioned", "dialogue+mentioned")


def run_redial(
    settings: Settings,
    *,
    data: str | os.PathLike[str] | None = None,
    out: str | os.PathLike[str] = "eval-out/redial",
    limit: int | None = None,
    popularity: str | os.PathLike[str] | None = None,
    systems: Sequence[str] = SYSTEMS,
    progress: bool = True,
    prefetch: bool = False,
) -> dict[str, Any]:
    """`chatbot eval redial`: Recall@k of each system under both conventions, with reports.

    prefetch: embed the dialogue systems' query texts in batches first (much faster on a busy
    machine; their latency then leaves out the query embedding)."""
    from chatbot.retrieval import Retriever

    unknown = [s for s in systems if s not in SYSTEMS]
    if unknown or not systems:
        raise ConfigError(f"unknown system(s) {unknown}; choose from {', '.join(SYSTEMS)}")
    data_path, pop_path = _redial_paths(settings, data, popularity)
    started = time.time()
    dialogues = read_dialogues(data_path, limit=limit)
    cases = extract_cases(dialogues)
    catalog = load_catalog(settings.catalog_path, mapping=settings.catalog_mapping or None)
    item_map = redial_item_map(catalog)
    retriever = None
    if {"content", "handtuned", "dialogue", "dialogue+mentioned"} & set(systems):
        retriever = Retriever.open(catalog, settings, progress=progress)
    built: list[ContextRanker] = []
    for name in systems:
        if name.endswith("+mentioned"):
            inner = next((s for s in built if s.name == name.removesuffix("+mentioned")), None)
            inner = inner or _redial_system(
                name.removesuffix("+mentioned"), catalog, retriever, settings, item_map, pop_path
            )
            if isinstance(inner, DialogueRanker):
                inner.memoize = True  # ranked once for both rows
            built.append(MentionedFirst(item_map, inner))
        elif name == "mentioned":
            built.append(MentionedFirst(item_map))
        else:
            built.append(_redial_system(name, catalog, retriever, settings, item_map, pop_path))
    # a "+mentioned" row wraps its system: prefetch and the recommender summary look inside
    ranked_by = [s.inner if isinstance(s, MentionedFirst) and s.inner else s for s in built]
    learned = next(
        (s.ranker.learned for s in ranked_by if isinstance(s, DialogueRanker) and s.ranker.learned),
        None,
    )
    if prefetch:
        for system in dict.fromkeys(ranked_by):
            if isinstance(system, DialogueRanker | ContentRanker):
                system.prefetch(cases)
    metrics = evaluate(cases, built, catalog, item_map, progress=progress)
    metrics["run"] = {
        "data": str(data_path),
        "dialogues": len(dialogues),
        "limit": limit,
        "catalog": str(settings.catalog_path),
        "catalog_items": len(catalog),
        "catalog_items_with_redial_ids": len(set(item_map.values())),
        "embedder": retriever.embedder.name if retriever is not None else None,
        "popularity_source": str(pop_path),
        "recommender": recommender_summary(learned.manifest) if learned is not None else None,
        "prefetch": prefetch,
        "seconds": round(time.time() - started, 1),
    }
    write_report(out, "ReDial offline evaluation", metrics, redial_sections(metrics))
    return metrics


def _redial_paths(
    settings: Settings,
    data: str | os.PathLike[str] | None,
    popularity: str | os.PathLike[str] | None,
) -> tuple[Path, Path]:
    """The evaluated dialogues and the popularity source (ConfigError when they are the same)."""
    data_path = Path(data) if data else Path(settings.redial_dir) / "test_dev.jsonl"
    pop_path = Path(popularity) if popularity else Path(settings.redial_dir) / "train_partial.jsonl"
    if pop_path.resolve() == data_path.resolve():
        raise ConfigError(
            f"--popularity {pop_path} is the evaluated file: popularity must come from training "
            "dialogues (train_partial.jsonl) or movies_with_mentions.csv"
        )
    return data_path, pop_path


def _redial_system(
    name: str,
    catalog: Catalog,
    retriever: Retriever | None,
    settings: Settings,
    item_map: dict[str, str],
    pop_path: Path,
) -> ContextRanker:
    """One compared system by its name in SYSTEMS (all but 'popular' need the retriever)."""
    if name == "popular":
        return PopularityRanker(catalog, mention_counts(pop_path), item_map)
    if name == "content":
        return ContentRanker(retriever)  # type: ignore[arg-type]
    if name == "handtuned":
        return DialogueRanker(catalog, retriever, settings, item_map, learned=None, name=name)  # type: ignore[arg-type]
    return DialogueRanker(catalog, retriever, settings, item_map)  # type: ignore[arg-type]


def run_simulation(
    settings: Settings,
    *,
    users: int = 100,
    turns: int = 5,
    data: str | os.PathLike[str] | None = None,
    out: str | os.PathLike[str] = "eval-out/simulate",
    seed: int = 0,
    cold_share: float = 0.5,
    manager: DialogueManager | None = None,
    progress: bool = True,
) -> dict[str, Any]:
    """`chatbot eval simulate`: simulated users against the dialogue manager, with reports."""
    from chatbot.dialogue import DialogueManager
    from chatbot.evaluation.simulate import make_goals, simulate, summarise, transcripts
    from chatbot.sessions import MemorySessionStore

    if turns < 1:
        raise ConfigError(f"--turns must be at least 1, got {turns}")
    if users < 1:
        raise ConfigError(f"--users must be at least 1, got {users}")
    started = time.time()
    if manager is None:
        manager = DialogueManager.from_settings(settings, store=MemorySessionStore())
    dialogues = read_dialogues(data) if data else []
    try:
        goals = make_goals(
            manager.catalog, users, dialogues=dialogues, seed=seed, cold_share=cold_share
        )
    except ValueError as e:
        raise ConfigError(str(e)) from e
    runs = simulate(manager, goals, turns=turns, progress=progress)
    metrics = summarise(runs, manager.catalog, turns=turns)
    metrics["run"] = {
        "data": str(data) if data else None,
        "llm": settings.llm,
        "embedder": manager.retriever.embedder.name,
        "catalog": str(settings.catalog_path),
        "seed": seed,
        "cold_share": cold_share if data else 1.0,
        "seconds": round(time.time() - started, 1),
    }
    paths = write_report(out, "Simulated users", metrics, simulate_sections(metrics))
    atomic_write_text(
        paths["metrics"].with_name("transcripts.json"),
        json.dumps(transcripts(runs), indent=1, ensure_ascii=False) + "\n",
    )
    return metrics
