"""ReDial data: reading dialogues, mapping movie ids to catalogue items, extracting eval cases."""

from __future__ import annotations

import csv
import json
import os
import re
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from chatbot.catalog import Catalog, Item
from chatbot.errors import ChatbotError
from chatbot.evaluation.metrics import (
    KS,
    RecallAccumulator,
    genre_distance,
    latency_summary,
    list_limitations,
)

if TYPE_CHECKING:
    from chatbot.evaluation.baselines import ContextRanker

MENTION = re.compile(r"@(\d+)")
SEEKER = "seeker"
RECOMMENDER = "recommender"


class EvalDataError(ChatbotError):
    """An evaluation data file is missing or malformed; the message names file and line."""


@dataclass(frozen=True)
class Message:
    """One turn: consecutive messages of the same speaker merged (ReDial ids kept as '@123')."""

    role: str  # SEEKER | RECOMMENDER
    text: str
    movie_ids: tuple[str, ...]  # ReDial ids mentioned, in order, without repeats


@dataclass(frozen=True)
class Dialogue:
    """One ReDial conversation."""

    id: str
    messages: tuple[Message, ...]
    movie_names: Mapping[str, str]  # ReDial id -> "Title (Year)"
    # ReDial id -> {"suggested", "seen", "liked"}; {} where the file has an empty list
    seeker_answers: Mapping[str, Mapping[str, int]]
    recommender_answers: Mapping[str, Mapping[str, int]]

    def render(self, text: str) -> str:
        """Replace '@123' by the movie's name, as a user would have typed it."""
        return render_mentions(text, self.movie_names)


@dataclass(frozen=True)
class RedialCase:
    """One recommender turn to predict: what the system sees and what counts as a hit."""

    dialogue_id: str
    turn: int  # index of the recommender turn in Dialogue.messages
    context: tuple[tuple[str, str], ...]  # (role, text with titles) of every earlier turn
    context_movie_ids: tuple[str, ...]  # ReDial ids mentioned before this turn, in order
    context_turn_ids: tuple[tuple[str, ...], ...]  # ReDial ids of each context turn
    target_ids: tuple[str, ...]  # ReDial ids mentioned in this turn ("full" ground truth)

    @property
    def new_target_ids(self) -> tuple[str, ...]:
        """Ground truth under the "new_only" convention: not mentioned earlier."""
        seen = set(self.context_movie_ids)
        return tuple(t for t in self.target_ids if t not in seen)

    def context_text(self, *, roles: Sequence[str] = (SEEKER, RECOMMENDER)) -> str:
        """The context as one text, oldest first."""
        return "\n".join(text for role, text in self.context if role in roles)


def render_mentions(text: str, names: Mapping[str, str]) -> str:
    """'I loved @123' -> 'I loved Heat (1995)'; unknown ids become 'a movie'."""

    def title(m: re.Match[str]) -> str:
        name = names.get(m.group(1))
        return " ".join(name.split()) if name else "a movie"

    return MENTION.sub(title, text)


def read_dialogues(path: str | os.PathLike[str], *, limit: int | None = None) -> list[Dialogue]:
    """Read a ReDial-format JSONL file (first `limit` dialogues); EvalDataError names the line."""
    return list(iter_dialogues(path, limit=limit))


def iter_dialogues(path: str | os.PathLike[str], *, limit: int | None = None) -> Iterator[Dialogue]:
    """Stream dialogues from a ReDial-format JSONL file."""
    p = Path(path)
    if limit is not None and limit < 1:
        raise EvalDataError(f"--limit must be at least 1, got {limit}")
    if not p.is_file():
        raise EvalDataError(
            f"{p}: ReDial file not found; pass --data with a ReDial-format JSONL file "
            "(e.g. /work/shared/data/redial/test_dev.jsonl)"
        )
    count = 0
    with p.open(encoding="utf-8") as f:
        for line_no, line in enumerate(f, start=1):
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
            except json.JSONDecodeError as e:
                raise EvalDataError(f"{p} line {line_no}: malformed JSON: {e.msg}") from e
            yield parse_dialogue(raw, where=f"{p} line {line_no}")
            count += 1
            if limit is not None and count >= limit:
                return
    if count == 0:
        raise EvalDataError(f"{p}: no dialogues in file")


def parse_dialogue(raw: Any, *, where: str = "dialogue") -> Dialogue:
    """Validate one ReDial JSON object; merges consecutive messages of the same speaker."""
    if not isinstance(raw, dict):
        raise EvalDataError(f"{where}: each line must be a JSON object")
    for key in ("messages", "initiatorWorkerId", "respondentWorkerId"):
        if key not in raw:
            raise EvalDataError(f"{where}: field '{key}' is missing (is this a ReDial file?)")
    names = raw.get("movieMentions") or {}
    if not isinstance(names, dict):
        raise EvalDataError(f"{where}: field 'movieMentions' must be an object")
    seeker, recommender = raw["initiatorWorkerId"], raw["respondentWorkerId"]
    turns: list[tuple[str, list[str]]] = []
    for i, msg in enumerate(raw["messages"]):
        if not isinstance(msg, dict) or not isinstance(msg.get("text"), str):
            raise EvalDataError(f"{where}: messages[{i}] needs a string 'text'")
        sender = msg.get("senderWorkerId")
        if sender == seeker:
            role = SEEKER
        elif sender == recommender:
            role = RECOMMENDER
        else:
            raise EvalDataError(f"{where}: messages[{i}] has unknown senderWorkerId {sender!r}")
        if turns and turns[-1][0] == role:
            turns[-1][1].append(msg["text"])
        else:
            turns.append((role, [msg["text"]]))
    messages = []
    for role, texts in turns:
        text = "\n".join(texts)
        ids = tuple(dict.fromkeys(MENTION.findall(text)))
        messages.append(Message(role=role, text=text, movie_ids=ids))
    return Dialogue(
        id=str(raw.get("conversationId", "")),
        messages=tuple(messages),
        movie_names={str(k): str(v or "") for k, v in names.items()},
        # quirk: an empty *Questions field is sometimes [] instead of {}
        seeker_answers=_answers(raw.get("initiatorQuestions"), where, "initiatorQuestions"),
        recommender_answers=_answers(raw.get("respondentQuestions"), where, "respondentQuestions"),
    )


def _answers(value: Any, where: str, key: str) -> dict[str, dict[str, int]]:
    if value is None or value == [] or value == "":
        return {}
    if not isinstance(value, dict):
        raise EvalDataError(f"{where}: field '{key}' must be an object (or an empty list)")
    out: dict[str, dict[str, int]] = {}
    for movie_id, labels in value.items():
        if isinstance(labels, dict):
            out[str(movie_id)] = {k: int(v) for k, v in labels.items() if isinstance(v, int)}
    return out


def extract_cases(dialogues: Sequence[Dialogue]) -> list[RedialCase]:
    """Every recommender turn that mentions at least one movie and has earlier turns."""
    cases = []
    for d in dialogues:
        mentioned: list[str] = []
        for i, msg in enumerate(d.messages):
            if msg.role == RECOMMENDER and msg.movie_ids and i > 0:
                cases.append(
                    RedialCase(
                        dialogue_id=d.id,
                        turn=i,
                        context=tuple((m.role, d.render(m.text)) for m in d.messages[:i]),
                        context_movie_ids=tuple(dict.fromkeys(mentioned)),
                        context_turn_ids=tuple(m.movie_ids for m in d.messages[:i]),
                        target_ids=msg.movie_ids,
                    )
                )
            mentioned.extend(msg.movie_ids)
    return cases


def redial_item_map(catalog: Catalog) -> dict[str, str]:
    """ReDial movie id -> catalogue item id, from Item.extra['redial_ids']."""
    out: dict[str, str] = {}
    for item in catalog:
        ids = item.extra.get("redial_ids") or ()
        if isinstance(ids, str | int):
            ids = (ids,)
        for rid in ids:
            out.setdefault(str(rid), item.id)
    return out


def mention_counts(path: str | os.PathLike[str]) -> Counter[str]:
    """ReDial id -> mentions: dialogues mentioning it (JSONL) or nbMentions (CSV)."""
    p = Path(path)
    counts: Counter[str] = Counter()
    if p.suffix.lower() == ".csv":
        if not p.is_file():
            raise EvalDataError(f"{p}: mention counts file not found")
        with p.open(encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            if not reader.fieldnames or not {"movieId", "nbMentions"} <= set(reader.fieldnames):
                raise EvalDataError(f"{p}: expected columns movieId,nbMentions")
            for line_no, row in enumerate(reader, start=2):
                try:
                    counts[row["movieId"].strip()] += int(row["nbMentions"])
                except (TypeError, ValueError) as e:
                    bad = row["nbMentions"]
                    raise EvalDataError(f"{p} line {line_no}: bad nbMentions {bad!r}") from e
        return counts
    for d in iter_dialogues(p):
        counts.update({rid for msg in d.messages for rid in msg.movie_ids})
    return counts


def liked_suggestions(dialogue: Dialogue) -> list[str]:
    """ReDial ids the recommender suggested and the seeker liked (simulation targets)."""
    answers = dialogue.seeker_answers or dialogue.recommender_answers
    return [
        rid
        for rid, a in answers.items()
        if a.get("suggested") == 1 and a.get("liked") == 1 and rid in dialogue.movie_names
    ]


# Published Recall@k on ReDial's test set (rows beside ours in every report).
REFERENCE: dict[str, dict[str, Any]] = {
    "KBRD": {"convention": "full", "recall@1": 0.030, "recall@10": 0.163, "recall@50": 0.338},
    "KGSF": {"convention": "full", "recall@1": 0.039, "recall@10": 0.183, "recall@50": 0.378},
    "UniCRS": {"convention": "full", "recall@1": 0.051, "recall@10": 0.224, "recall@50": 0.428},
    "GPT-4 (zero-shot)": {"convention": "new_only", "recall@1": 0.050, "recall@10": 0.201},
    "GPT-3.5 (zero-shot)": {"convention": "new_only", "recall@1": 0.043, "recall@10": 0.183},
    "Vicuna-13B (zero-shot)": {"convention": "new_only", "recall@1": 0.034, "recall@10": 0.120},
}
REFERENCE_SOURCES = {
    "KBRD/KGSF/UniCRS": "Wang et al., UniCRS, KDD 2022 (ReDial test set, Table 2)",
    "zero-shot LLMs": "He et al., Large Language Models as Zero-Shot Conversational "
    "Recommenders, CIKM 2023 (ReDial, items mentioned earlier removed)",
}


def evaluate(
    cases: Sequence[RedialCase],
    systems: Sequence[ContextRanker],
    catalog: Catalog,
    item_map: Mapping[str, str],
    *,
    ks: Sequence[int] = KS,
    distance: Callable[[Item, Item], float] | None = None,
    progress: bool = True,
) -> dict[str, Any]:
    """Rank every case with every system; Recall@k under "full" and "new_only", speed, limitations.

    One ranking of depth max(ks) + |context items| per case serves both conventions: "full"
    scores its first max(ks) ids, "new_only" drops items mentioned earlier before scoring.
    """
    ks = tuple(sorted(set(ks)))
    distance = distance or genre_distance
    out: dict[str, Any] = {"cases": len(cases), "ks": list(ks), "full": {}, "new_only": {}}
    speed: dict[str, Any] = {}
    limits: dict[str, Any] = {}
    for system in systems:
        full, new, speed[system.name], limits[system.name] = _evaluate_system(
            system, cases, catalog, item_map, ks, distance, progress
        )
        out["full"][system.name] = full
        out["new_only"][system.name] = new
    first: dict[str, Any] = next(iter(out["full"].values()), {})
    out["out_of_catalogue"] = first.get("out_of_catalogue", 0.0)
    out["speed"] = speed
    out["limitations"] = limits
    out["reference"] = REFERENCE
    out["reference_sources"] = REFERENCE_SOURCES
    return out


def _evaluate_system(
    system: ContextRanker,
    cases: Sequence[RedialCase],
    catalog: Catalog,
    item_map: Mapping[str, str],
    ks: tuple[int, ...],
    distance: Callable[[Item, Item], float],
    progress: bool,
) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any], dict[str, Any]]:
    """One system over every case: its "full" and "new_only" recall, speed and limitations."""
    from tqdm import tqdm

    depth = max(ks)
    full, new, real, composed = (RecallAccumulator(ks) for _ in range(4))
    latencies: list[float] = []
    lists: list[list[str]] = []
    if cases:  # one untimed call loads lazy models, so latency is per turn, not start-up
        system.rank(cases[0], depth)
    for case in tqdm(cases, desc=f"redial {system.name}", unit="turn", disable=not progress):
        seen = {item_map[r] for r in case.context_movie_ids if r in item_map}
        start = time.perf_counter()
        ranked = system.rank(case, depth + len(seen))
        latencies.append((time.perf_counter() - start) * 1000)
        targets = [item_map.get(r) for r in case.target_ids]
        full.add(ranked[:depth], targets)
        for t in targets:
            if t is not None:
                acc = composed if catalog.get(t).description_composed else real
                acc.add(ranked[:depth], [t])
        new_targets = [item_map.get(r) for r in case.new_target_ids]
        new.add([i for i in ranked if i not in seen][:depth], new_targets)
        lists.append(ranked[:10])
    total_s = sum(latencies) / 1000
    speed = {
        "turns_per_s": len(cases) / total_s if total_s else 0.0,
        "items_per_s": full.samples / total_s if total_s else 0.0,
        **latency_summary(latencies),
    }
    top10 = list_limitations(lists, catalog, distance)
    limits = {
        **{f"{name}@10": value for name, value in top10.items()},
        "by_description": {"real": real.result(), "composed": composed.result()},
    }
    return full.result(), new.result(), speed, limits
