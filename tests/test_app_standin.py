"""A small stand-in for DialogueManager (the contract in docs/architecture.md), for UI tests.

It streams a canned reply word by word (a lead-in, then a bold 'Title (Year)' heading and a
sentence per pick, as the real writer does), then a Reply-like object; dislikes and seen items drop
out of the next recommendations; beliefs are removable; "thanks" gets a short answer without
items and a question about a pick an answer that adds no beliefs. Calls are recorded.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from chatbot.catalog import Catalog
from chatbot.errors import InputError


@dataclass(frozen=True)
class StandInBelief:
    id: str
    label: str


@dataclass
class StandInState:
    interests: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)

    def beliefs(self) -> list[StandInBelief]:
        out = [
            StandInBelief(f"interest-{i}", f"Interested in: {t}")
            for i, t in enumerate(self.interests)
        ]
        out += [StandInBelief(f"disliked-{r}", f"Not for you: {r}") for r in self.rejected]
        return out

    def summary(self) -> str:
        return " ".join(b.label + "." for b in self.beliefs()) or "No preferences yet."


@dataclass(frozen=True)
class StandInReply:
    session_id: str
    text: str
    items: tuple[dict[str, Any], ...]
    state: StandInState
    notices: tuple[str, ...] = ()
    kind: str = "recommend"

    def to_dict(self) -> dict[str, Any]:
        return {
            "session_id": self.session_id,
            "text": self.text,
            "items": list(self.items),
            "state": {},
            "summary": self.state.summary(),
            "beliefs": [{"id": b.id, "label": b.label} for b in self.state.beliefs()],
            "kind": self.kind,
            "notices": list(self.notices),
        }


class StandInManager:
    """Per-session state in a dict keyed by session id (a stand-in for the session store)."""

    def __init__(self, catalog: Catalog, *, k: int = 3, delay_s: float = 0.0) -> None:
        self.catalog = catalog
        self.k = k
        self.delay_s = delay_s
        self.states: dict[str, StandInState] = {}
        self.calls: list[tuple[Any, ...]] = []
        self._lock = threading.Lock()

    def _state(self, sid: str) -> StandInState:
        with self._lock:
            return self.states.setdefault(sid, StandInState())

    def _words(self, text: str) -> Iterator[str]:
        for word in text.split(" "):
            if self.delay_s:
                threading.Event().wait(self.delay_s)
            yield word + " "

    def _reply(self, sid: str, lead: str) -> Iterator[str | StandInReply]:
        state = self._state(sid)
        items = [i for i in self.catalog if i.id not in state.rejected][: self.k]
        text = lead + "".join(f"\n\n**{i.label}** — it fits." for i in items)
        yield from self._words(text)
        dicts = tuple(
            {
                **i.to_dict(),
                "genres": list(i.genres),
                "reason": f"matches {state.interests[-1:]}",
                "reasons": [],
            }
            for i in items
        )
        yield StandInReply(sid, text, dicts, state)

    def _talk(self, sid: str, text: str, kind: str) -> Iterator[str | StandInReply]:
        yield from self._words(text)
        yield StandInReply(sid, text, (), self._state(sid), kind=kind)

    def stream(self, sid: str, text: str) -> Iterator[str | StandInReply]:
        self.calls.append(("stream", sid, text))
        if text.strip() == "boom":
            raise InputError("the stand-in refuses 'boom'")
        if text.strip().lower().startswith("thanks"):
            return self._talk(sid, "You're welcome!", "acknowledge")
        if text.lower().startswith("why did you pick "):
            return self._talk(sid, f"I picked {text[17:].rstrip('?')} because it fits.", "answer")
        self._state(sid).interests.append(text)
        return self._reply(sid, f"Picks for {text}.")

    def stream_feedback(self, sid: str, item_id: str, kind: str) -> Iterator[str | StandInReply]:
        self.calls.append(("feedback", sid, item_id, kind))
        self.catalog.get(item_id)
        if kind in ("dislike", "seen"):
            self._state(sid).rejected.append(item_id)
        return self._reply(sid, f"Noted {kind} {item_id}.")

    def stream_explain(self, sid: str, item_id: str) -> Iterator[str | StandInReply]:
        self.calls.append(("explain", sid, item_id))
        item = self.catalog.get(item_id)
        return self._talk(sid, f"I picked **{item.label}** because it fits.", "answer")

    def state(self, sid: str) -> StandInState:
        return self._state(sid)

    def remove_belief(self, sid: str, belief_id: str) -> StandInState:
        self.calls.append(("remove_belief", sid, belief_id))
        state = self._state(sid)
        ids = [b.id for b in state.beliefs()]
        if belief_id not in ids:
            raise InputError(f"no belief {belief_id!r} in this session")
        if belief_id.startswith("interest-"):
            del state.interests[int(belief_id.split("-", 1)[1])]
        else:
            state.rejected.remove(belief_id.split("-", 1)[1])
        return state

    def reset(self, sid: str) -> StandInState:
        self.calls.append(("reset", sid))
        with self._lock:
            self.states[sid] = StandInState()
            return self.states[sid]

    def forget(self, sid: str) -> None:
        self.calls.append(("forget", sid))
        with self._lock:
            self.states.pop(sid, None)
