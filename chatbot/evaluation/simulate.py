"""Simulated users: a hidden target item, answers from its facets, reasons for every rejection."""

from __future__ import annotations

import random
import re
import time
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from chatbot.catalog import Catalog, Item
from chatbot.evaluation.metrics import KS, latency_summary, list_limitations, mean
from chatbot.evaluation.redial import SEEKER, Dialogue, liked_suggestions, redial_item_map
from chatbot.events import AttributePreferred
from chatbot.interest import InterestState
from chatbot.kinds import ReplyKind

if TYPE_CHECKING:
    from chatbot.dialogue import DialogueManager, Reply

COLD_OPENINGS = (
    "Hi! Can you recommend a movie?",
    "Hello, I'm looking for something to watch tonight.",
    "Hey, any movie suggestions?",
)
HINT_FACETS = ("genre", "decade", "mood", "language", "audience", "standing", "source")
MIN_TITLE_CHARS = 6  # one-word titles shorter than this are ordinary words too often


@dataclass(frozen=True)
class UserGoal:
    """Who the simulated user is: a hidden target, how they open, and where that came from."""

    target: Item
    opening: str
    source: str  # "redial" (a real dialogue's opening) | "catalogue" (cold start)
    dialogue_id: str = ""


@dataclass
class SimulatedUser:
    """Answers the bot from its target's facets; never says the target's title."""

    goal: UserGoal
    language_names: dict[str, str] = field(default_factory=dict)
    revealed: list[str] = field(default_factory=list)  # facet names already hinted
    rejected: list[str] = field(default_factory=list)  # item ids the user turned down
    avoided: list[tuple[str, str]] = field(default_factory=list)  # (facet, value) said no to
    # (facet, value) pairs a phrase asks for, as the system reads it: a user never asks for
    # what it turned down ('not into comedy' then 'something funny')
    implies: Callable[[str], set[tuple[str, str]]] | None = None

    def hints(self) -> list[tuple[str, str]]:
        """(facet, phrase) the user could still say about the target, in order of preference."""
        t = self.goal.target
        out: list[tuple[str, str]] = []
        for name in HINT_FACETS:
            if name in self.revealed:
                continue
            value = t.facet(name)[0].lower() if t.facet(name) else ""
            if name == "genre" and t.genres:
                out.append((name, f"{_a(t.genres[0].lower())} movie"))
            elif name == "decade" and t.year:
                out.append((name, f"something from the {t.year // 10 * 10}s"))
            elif name == "language":
                lang = next((v for v in t.facet("language") if v != "en"), None)
                if lang and lang in self.language_names:
                    out.append((name, f"something in {self.language_names[lang].title()}"))
            elif name == "mood" and value:
                out.append((name, f"something {value}"))
            elif name == "source" and value:
                out.append((name, f"something based on a {value}"))
            elif value:
                out.append((name, _a(value)))
        return out

    def next_hint(self) -> str:
        """The next facet of the target, as a user would say it ('' when all are said)."""
        for name, phrase in self.hints():
            self.revealed.append(name)
            if self.implies is None or not self.implies(phrase) & set(self.avoided):
                return phrase
        return ""

    def react(self, items: Sequence[Item]) -> str:
        """Turn down the first shown miss with a reason from the target, and add a hint."""
        t = self.goal.target
        parts: list[str] = []
        miss = items[0] if items else None
        if miss is not None:
            self.rejected.append(miss.id)
            reason = "not for me"
            extra_genres = [g for g in miss.genres if g not in t.genres]
            if t.year and miss.year and miss.year // 10 < t.year // 10:
                reason = "not for me, too old"
            elif t.year and miss.year and miss.year // 10 > t.year // 10:
                reason = "not for me, too recent"
            elif extra_genres:
                self.avoided.append(("genre", extra_genres[0]))
                reason = f"I'm not into {extra_genres[0].lower()}"
            parts.append(f"Not {miss.title}, {reason}.")
        hint = self.next_hint()
        parts.append(f"Maybe {hint}?" if hint else "Something else, please.")
        return " ".join(parts)


def make_goals(
    catalog: Catalog,
    n: int,
    *,
    dialogues: Sequence[Dialogue] = (),
    seed: int = 0,
    cold_share: float = 0.0,
) -> list[UserGoal]:
    """n goals: from ReDial dialogues (liked suggestions + the seeker's opening) when given,
    except `cold_share` of them, then cold starts whose targets are sampled from the catalogue."""
    if n < 1:
        raise ValueError(f"--users must be at least 1, got {n}")
    if not 0.0 <= cold_share <= 1.0:
        raise ValueError(f"--cold-share must be between 0 and 1, got {cold_share}")
    rng = random.Random(seed)
    goals: list[UserGoal] = []
    item_map = redial_item_map(catalog)
    order = list(dialogues)
    rng.shuffle(order)
    n_redial = n - round(n * cold_share)
    for d in order:
        if len(goals) >= n_redial:
            break
        goal = _redial_goal(d, catalog, item_map)
        if goal is not None:
            goals.append(goal)
    # targets users can describe (genre and year) when the catalogue has them
    pool = [i for i in catalog if i.genres and i.year] or list(catalog.items)
    while len(goals) < n and pool:
        target = pool[rng.randrange(len(pool))]
        goals.append(UserGoal(target, COLD_OPENINGS[len(goals) % len(COLD_OPENINGS)], "catalogue"))
    return goals


def _a(phrase: str) -> str:
    return ("an " if phrase[:1].lower() in "aeiou" else "a ") + phrase


def opening_turns(d: Dialogue, max_turns: int = 3) -> list[str]:
    """The seeker's words before the recommender first names a movie (greetings included)."""
    texts: list[str] = []
    for m in d.messages:
        if m.role == SEEKER:
            texts.append(m.text)
        elif m.movie_ids:
            break
    return texts[:max_turns]


def _redial_goal(d: Dialogue, catalog: Catalog, item_map: dict[str, str]) -> UserGoal | None:
    texts = opening_turns(d)
    if not texts:
        return None
    said = {rid for m in d.messages if m.role == SEEKER and m.text in texts for rid in m.movie_ids}
    text = d.render("\n".join(texts))
    for rid in liked_suggestions(d):
        if rid not in item_map or rid in said:
            continue
        target = catalog.get(item_map[rid])
        if not mentions_title(text, target.title):
            return UserGoal(target, text, "redial", d.id)
    return None


def mentions_title(text: str, title: str) -> bool:
    """Whether `title` appears in `text` as whole words, ignoring case."""
    return re.search(rf"(?<!\w){re.escape(title.lower())}(?!\w)", text.lower()) is not None


class TitleSpotter:
    """Finds catalogue titles written in a reply text (for the hallucination check)."""

    def __init__(self, catalog: Catalog):
        # titles that are also facet values ("Action", "Western") say nothing about grounding
        facet_words = {
            _norm(v) for name in catalog.facet_names() for v in catalog.facet_values(name)
        }
        self._titles: dict[str, set[str]] = {}
        for item in catalog:
            key = _norm(item.title)
            words = key.split()
            if key in facet_words:
                continue
            if len(words) >= 2 or (words and len(key) >= MIN_TITLE_CHARS):
                self._titles.setdefault(key, set()).add(item.id)
        self._max_words = max((len(k.split()) for k in self._titles), default=1)

    def unshown(
        self,
        text: str,
        shown: Sequence[Item],
        *,
        known_ids: Collection[str] = (),
        grounded: Sequence[str] = (),
    ) -> list[str]:
        """Titles of catalogue items in `text` other than `shown` and `known_ids` (items the
        conversation already named), unless the words are quoted from `grounded` text (the
        shown items' descriptions and reasons). Longest match wins."""
        for item in shown:  # shown titles are fine: blank them out first
            text = re.sub(re.escape(item.title), " | ", text, flags=re.IGNORECASE)
        words = _norm_keep_case(text)
        ok_ids = {i.id for i in shown} | set(known_ids)
        quoted = " " + " | ".join(_norm(g) for g in grounded) + " "
        found: list[str] = []
        i = 0
        while i < len(words):
            for n in range(min(self._max_words, len(words) - i), 0, -1):
                span = words[i : i + n]
                key = " ".join(w.lower() for w in span)
                ids = self._titles.get(key)
                if ids and _written_as_name(words, i, n):
                    if not ids & ok_ids and f" {key} " not in quoted:
                        found.append(" ".join(span))
                    i += n - 1
                    break
            i += 1
        return found


def _written_as_name(words: Sequence[str], i: int, n: int) -> bool:
    # Titles are written capitalised; a capitalised first word of a sentence is not evidence,
    # so one-word titles count only mid-sentence.
    if not (words[i][:1].isupper() or words[i][:1].isdigit()):
        return False
    return n > 1 or (i > 0 and words[i - 1] != "|")


def _norm(text: str) -> str:
    return " ".join(re.findall(r"[\w']+", text.lower()))


def _norm_keep_case(text: str) -> list[str]:
    # sentence ends become "|" so that a capitalised first word is not taken for a title
    return re.findall(r"[\w']+|\|", re.sub(r"[.!?:;]", " | ", text))


@dataclass
class UserRun:
    """What happened to one simulated user."""

    goal: UserGoal
    success_turn: int | None = None
    turns: int = 0
    latencies_ms: list[float] = field(default_factory=list)
    lists: list[list[str]] = field(default_factory=list)
    violations: int = 0  # turns that showed a rejected item or an avoided facet value
    checks: int = 0  # turns after at least one rejection
    facet_violations: int = 0  # turns that showed an avoided facet value
    facet_checks: int = 0  # turns after at least one avoided facet
    hallucinated: list[str] = field(default_factory=list)
    replies: int = 0
    hallucinated_replies: int = 0
    final_ranking: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    reply_texts: list[str] = field(default_factory=list)
    leaks: int = 0


def run_user(
    manager: DialogueManager,
    goal: UserGoal,
    *,
    turns: int,
    session_id: str,
    spotter: TitleSpotter | None = None,
    depth: int = max(KS),
) -> UserRun:
    """Talk to the dialogue manager until the target is shown or `turns` turns have passed."""
    from chatbot.understanding import LANGUAGES

    names = {code: word for word, code in reversed(LANGUAGES.items()) if " " not in word}

    def implies(phrase: str) -> set[tuple[str, str]]:
        events = manager.understander.understand(phrase, InterestState()).events
        return {(e.facet, e.value) for e in events if isinstance(e, AttributePreferred)}

    user = SimulatedUser(goal, language_names=names, implies=implies)
    spotter = spotter or TitleSpotter(manager.catalog)
    run = UserRun(goal)
    text = goal.opening
    manager.forget(session_id)
    for turn in range(1, turns + 1):
        if goal.source == "catalogue" and turn == 1 and not text:
            text = user.next_hint()
        run.messages.append(text)
        run.leaks += mentions_title(text, goal.target.title)
        start = time.perf_counter()
        reply = manager.respond(session_id, text)
        run.latencies_ms.append((time.perf_counter() - start) * 1000)
        run.turns = turn
        run.reply_texts.append(reply.text)
        items = [r.item for r in reply.items]
        run.lists.append([i.id for i in items])
        _check_feedback(run, user, items)
        _check_text(run, spotter, reply, items)
        if goal.target.id in run.lists[-1]:
            run.success_turn = turn
            break
        text = user.react(items) if reply.kind != ReplyKind.CLARIFY or items else user.next_hint()
        text = text or "Anything else?"
    run.final_ranking = _final_ranking(manager, session_id, depth)
    manager.forget(session_id)
    return run


def _check_feedback(run: UserRun, user: SimulatedUser, items: Sequence[Item]) -> None:
    if not user.rejected and not user.avoided:
        return
    run.checks += 1
    facet_bad = any(value in i.facet(f) for i in items for f, value in user.avoided)
    run.violations += facet_bad or any(i.id in user.rejected for i in items)
    if user.avoided:
        run.facet_checks += 1
        run.facet_violations += facet_bad


def _check_text(run: UserRun, spotter: TitleSpotter, reply: Reply, items: Sequence[Item]) -> None:
    run.replies += 1
    st = reply.state
    known = {*st.liked, *st.disliked, *st.seen, *st.shown}
    grounded = [i.description for i in items] + [x for r in reply.items for x in r.reasons]
    grounded += [reply.summary, *reply.notices]
    found = spotter.unshown(reply.text, items, known_ids=known, grounded=grounded)
    if found:
        run.hallucinated_replies += 1
        run.hallucinated.extend(found)


def _final_ranking(manager: DialogueManager, session_id: str, depth: int) -> list[str]:
    """The ranking behind the last reply, to depth `depth` (its head is what was shown)."""
    from chatbot.events import event_from_dict
    from chatbot.interest import fold

    events = [event_from_dict(d) for d in manager.store.load(session_id)]
    while events and type(events[-1]).__name__ == "ItemsRecommended":
        events.pop()
    return [r.item.id for r in manager.ranker.rank(fold(events), depth)]


def simulate(
    manager: DialogueManager,
    goals: Sequence[UserGoal],
    *,
    turns: int = 5,
    progress: bool = True,
    session_prefix: str = "sim",
) -> list[UserRun]:
    """Run every goal in its own session (see `summarise` for the metrics)."""
    from tqdm import tqdm

    if turns < 1:
        raise ValueError(f"--turns must be at least 1, got {turns}")
    spotter = TitleSpotter(manager.catalog)
    return [
        run_user(manager, goal, turns=turns, session_id=f"{session_prefix}-{n}", spotter=spotter)
        for n, goal in enumerate(tqdm(goals, desc="simulate", unit="user", disable=not progress))
    ]


def summarise(runs: Sequence[UserRun], catalog: Catalog, *, turns: int) -> dict[str, Any]:
    """metrics.json material from finished runs."""
    n = len(runs)
    latencies = [x for r in runs for x in r.latencies_ms]
    lists = [lst for r in runs for lst in r.lists]
    checks = sum(r.checks for r in runs)
    facet_checks = sum(r.facet_checks for r in runs)
    replies = sum(r.replies for r in runs)
    out: dict[str, Any] = {
        "users": n,
        "max_turns": turns,
        "success_by_turn": {
            str(t): sum(1 for r in runs if r.success_turn and r.success_turn <= t) / n if n else 0.0
            for t in range(1, turns + 1)
        },
        "success_rate": sum(1 for r in runs if r.success_turn) / n if n else 0.0,
        "avg_turns": mean([r.turns for r in runs]),
        "avg_turns_to_success": mean([r.success_turn for r in runs if r.success_turn]),
        "recall@k_final": {
            f"recall@{k}": mean([float(r.goal.target.id in r.final_ranking[:k]) for r in runs])
            for k in KS
        },
        "feedback_compliance": 1 - sum(r.violations for r in runs) / checks if checks else 1.0,
        "feedback_checks": checks,
        "avoided_facet_compliance": (
            1 - sum(r.facet_violations for r in runs) / facet_checks if facet_checks else 1.0
        ),
        "avoided_facet_checks": facet_checks,
        "hallucinated_item_rate": (
            sum(r.hallucinated_replies for r in runs) / replies if replies else 0.0
        ),
        "hallucinated_titles": sorted({t for r in runs for t in r.hallucinated})[:50],
        "target_title_leaks": sum(r.leaks for r in runs),
        **latency_summary(latencies),
        "by_source": {},
        "limitations": {**list_limitations(lists, catalog), "by_description": {}},
    }
    for key, group in (
        ("redial", [r for r in runs if r.goal.source == "redial"]),
        ("catalogue", [r for r in runs if r.goal.source == "catalogue"]),
    ):
        if group:
            out["by_source"][key] = _group(group, turns)
    for key, composed in (("real", False), ("composed", True)):
        group = [r for r in runs if r.goal.target.description_composed is composed]
        if group:
            out["limitations"]["by_description"][key] = _group(group, turns)
    return out


def _group(runs: Sequence[UserRun], turns: int) -> dict[str, Any]:
    return {
        "users": len(runs),
        "success_by_turn": {
            str(t): sum(1 for r in runs if r.success_turn and r.success_turn <= t) / len(runs)
            for t in range(1, turns + 1)
        },
        "success_rate": sum(1 for r in runs if r.success_turn) / len(runs),
        "avg_turns": mean([r.turns for r in runs]),
        "recall@10_final": mean([float(r.goal.target.id in r.final_ranking[:10]) for r in runs]),
    }


def transcripts(runs: Sequence[UserRun]) -> list[dict[str, Any]]:
    """Per-user record (target, messages, lists) for debugging the simulator."""
    return [
        {
            "target": r.goal.target.label,
            "source": r.goal.source,
            "messages": r.messages,
            "replies": r.reply_texts,
            "hallucinated": r.hallucinated,
            "lists": r.lists,
            "success_turn": r.success_turn,
        }
        for r in runs
    ]
