"""Response generation: prompts, the ChatModel seam, the grounding check and the ResponseWriter.

The LLM only writes conversational text. Python chooses the items, prints their titles in the
shown order ("**Title (Year)** — <sentence>") and validates every sentence before it is streamed:
a sentence that mentions another catalogue title, a wrong year/runtime/rating or an unknown
name is dropped, the segment is regenerated once with a tighter prompt, then replaced by a
template sentence built from the item's own description and reasons.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, cast

from chatbot.catalog import Catalog
from chatbot.config import Settings
from chatbot.errors import BackendError, ConfigError
from chatbot.grounding import (
    LEAD_WORDS,
    Allowed,
    GroundingChecker,
    Violation,
    ViolationKind,
)
from chatbot.kinds import REPLY_PROMPTS, ReplyKind
from chatbot.prompts import PROMPTS_DIR, REQUIRED_PROMPTS, Prompts  # noqa: F401 (PROMPTS_DIR re-exported)
from chatbot.protocols import AdaptedChatModel, BatchChatModel, BatchStream, ChatModel
from chatbot.ranking import Recommendation
from chatbot.registry import Capability, Family, registry
from chatbot.reply_framing import (
    clean_text,
    description_clause,
    fact_clause,
    item_facts,
    request_phrase,
    sanitise,
    small_talk_reply,
    template_lead,
    template_tail,
)
from chatbot.writing_checks import AVOID_PHRASES

log = logging.getLogger(__name__)

REPLY_KINDS = tuple(REPLY_PROMPTS)  # the reply kinds the writer writes
# Generation budgets: a 135M model stays on topic for about one sentence, and every token
# costs ~55 ms on 2 cores, so an item gets one sentence (generation stops at its end).
INTRO_MAX_TOKENS = 28
ITEM_MAX_TOKENS = 40
ITEM_MAX_SENTENCES = 1
DESCRIPTION_CHARS = 360
# Decoding constraints (ChatModel options): a mild repetition penalty and no repeated 3-token
# run over the generated text (not the prompt: the item's words are the ones to use), and the
# stock phrases never generated (writing_checks.AVOID_PHRASES). Measured in issue 13's work
# (benchmarks/bench_writing.py; figures in README's Benchmarks section).
DECODING: dict[str, Any] = {
    "repetition_penalty": 1.15,
    "no_repeat_ngram_size": 3,
    "avoid": list(AVOID_PHRASES),
}
USER_TEXT_CHARS = 300  # long messages cost prefill time on every call of the turn


@dataclass(frozen=True)
class ReplyRequest:
    """What the dialogue manager wants said this turn."""

    kind: str
    user_text: str
    recommendations: tuple[Recommendation, ...] = ()
    state_summary: str = ""
    question: str = ""
    notes: tuple[str, ...] = ()
    small_talk: bool = False  # only a pleasantry ('thanks!'): a short answer, no picks
    # what this turn changed, in the system's words, said after the noun of the lead-in
    # ('from before 1995', 'without horror'): see chatbot.turn_policy.refinement_phrases
    refinement: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.kind not in REPLY_KINDS:
            raise ValueError(
                f"unknown reply kind {self.kind!r}; known kinds: {', '.join(REPLY_KINDS)}"
            )
        object.__setattr__(self, "recommendations", tuple(self.recommendations))
        object.__setattr__(self, "notes", tuple(self.notes))
        object.__setattr__(self, "refinement", tuple(self.refinement))


@dataclass(frozen=True)
class Written:
    """The final reply text and how it was produced."""

    text: str
    attempts: int = 0  # LLM calls made for this reply
    fell_back: bool = False  # at least one segment used template text
    violations: tuple[str, ...] = ()  # grounding problems found (and removed)
    backend_error: str | None = None  # the backend failure that forced template text
    fallbacks: int = 0  # how many segments (lead-in, items) used template text


def make_chat_model(settings: Settings) -> ChatModel | None:
    """The chat model named by settings.llm (chatbot.registry); None for "template" (no LLM,
    template text only). ConfigError lists the known backends for an unknown name, and names
    a backend whose model is no ChatModel or declares other capabilities than its registration
    (the writer trusts the declaration: it batches only a model declaring BATCHING)."""
    backend = registry().get(Family.LLM, settings.llm)
    _refuse_unused_adapter(settings)
    model = backend.create(settings)  # Any: a plugin may build anything, checked below
    if model is None:
        return None
    if not isinstance(model, ChatModel):
        raise ConfigError(
            f"llm backend {backend.name!r} built a {type(model).__name__}, which is no ChatModel "
            "(name, capabilities and stream(messages, **opts); see chatbot.protocols)"
        )
    if model.capabilities != backend.capabilities:
        raise ConfigError(
            f"llm backend {backend.name!r} declares {sorted(backend.capabilities)} but its model "
            f"{type(model).__name__} has capabilities {sorted(model.capabilities)}; "
            "make them agree"
        )
    return model


def _refuse_unused_adapter(settings: Settings) -> None:
    """A writer adapter set for a backend that cannot merge it is an error, never ignored
    (only the transformers backend merges LoRA weights)."""
    if settings.llm == "transformers":
        return
    from chatbot.backends.builtin import TransformersOptions
    from chatbot.backends.llm_transformers import resolve_adapter
    from chatbot.registry import options_from

    setting = options_from(TransformersOptions, settings).writer_adapter
    if resolve_adapter(setting)[0] is not None:
        raise ConfigError(
            f"the writer's LoRA adapter (CHATBOT_LLM_WRITER_ADAPTER={setting}) is merged by the "
            f"transformers backend, not by CHATBOT_LLM={settings.llm}: set "
            "CHATBOT_LLM=transformers to use it, or CHATBOT_LLM_WRITER_ADAPTER=off"
        )


@dataclass
class _Turn:
    attempts: int = 0
    fell_back: bool = False
    fallbacks: int = 0
    violations: list[str] = field(default_factory=list)
    backend_error: str | None = None


# a sentence ends at . ! ? … (and closing quotes) and a space, not after an initial ("Robert S.")
_SENTENCE_END = re.compile(r"(?<=[.!?…])(?<!\b[A-Z]\.)[\"'”’)\]]*\s+|\n+")
_CLEAN = re.compile(r"[*#_`]+|^\s*(?:[-•]|\d+[.)])\s*")


class ResponseWriter:
    """Writes grounded replies: validated deltas, then one Written; backend errors never raise."""

    def __init__(
        self,
        model: ChatModel | None,
        catalog: Catalog,
        settings: Settings,
        *,
        prompts: Prompts | None = None,
        item_sentences: int = ITEM_MAX_SENTENCES,
        item_retry: bool = False,
    ) -> None:
        self.model = model
        self.item_sentences = item_sentences
        # a second prompt for an item whose first text failed the check: off by default (on 2
        # cores it cost ~1 s per failed item and rarely passed; the template tail follows)
        self.item_retry = item_retry
        # decoding constraints every backend is asked for (those it cannot honour it ignores)
        self.decoding: dict[str, Any] = dict(DECODING)
        self.fact_facets = True  # mood, style, source, movement among the item's facts
        # a model carrying the writer's LoRA adapter (chatbot/writer_training.py) was trained on
        # the prompt its manifest names: the item prompt is that one
        manifest = model.adapter_manifest if isinstance(model, AdaptedChatModel) else None
        self.item_prompt = str(manifest.get("prompt") or "explain") if manifest else "explain"
        self.catalog = catalog
        self.settings = settings
        self.prompts = prompts or Prompts()
        if not self.prompts.packaged:
            # a folder of one's own must hold every prompt the writer renders: fail at startup,
            # not at the first turn
            self.prompts.check(REQUIRED_PROMPTS)
        self.noun = _noun(catalog)
        self._checker: GroundingChecker | None = None
        self._labels: frozenset[str] | None = None

    @property
    def checker(self) -> GroundingChecker:
        """The grounding checker for this catalogue (built on first use)."""
        if self._checker is None:
            self._checker = GroundingChecker(self.catalog)
        return self._checker

    @property
    def labels(self) -> frozenset[str]:
        """Every catalogue label ("Title (Year)") and title: the titles a reason may name."""
        if self._labels is None:
            self._labels = frozenset(
                name for item in self.catalog for name in (item.label, item.title)
            )
        return self._labels

    def write(self, request: ReplyRequest) -> Written:
        """The whole reply at once."""
        for part in self.stream(request):
            if isinstance(part, Written):
                return part
        raise AssertionError("ResponseWriter.stream ended without a Written")  # pragma: no cover

    def stream(self, request: ReplyRequest) -> Iterator[str | Written]:
        """Validated text deltas, then exactly one Written with the full text."""
        turn = _Turn()
        parts: list[str] = []
        for delta in self._deltas(request, turn):
            parts.append(delta)
            yield delta
        yield Written(
            text="".join(parts),
            attempts=turn.attempts,
            fell_back=turn.fell_back,
            violations=tuple(turn.violations),
            backend_error=turn.backend_error,
            fallbacks=turn.fallbacks,
        )

    def _deltas(self, request: ReplyRequest, turn: _Turn) -> Iterator[str]:
        # reasons can carry the user's words (an interest phrase): sanitised before any use
        request = replace(
            request, recommendations=tuple(sanitise(request.recommendations, self.labels))
        )
        if request.small_talk and not request.recommendations and request.notes:
            # 'recommend me a good book': what could not be done, said plainly (no picks)
            yield " ".join(request.notes)
            return
        if request.small_talk and not request.recommendations:
            yield small_talk_reply(
                request.user_text, self.noun, picks_shown=request.kind != ReplyKind.CLARIFY
            )
            return
        items = [rec.item for rec in request.recommendations]
        phrase = request_phrase(request.recommendations, self.noun, request.refinement)
        if request.kind == ReplyKind.RECOMMEND:  # restated in the system's words, never the user's
            said = phrase or f"{self.noun}s that fit what you told me"
        else:
            said = _truncate(clean_text(request.user_text, 2 * USER_TEXT_CHARS), USER_TEXT_CHARS)
        values = {
            "noun": self.noun,
            "user_text": said,
            "request": phrase or f"a good {self.noun}",
            "state_summary": request.state_summary.strip() or "nothing yet",
            "count": len(items),
            # how the lead-in examples open ('Here are 1 movies' came back for one pick)
            "here_are": "Here is a pick among" if len(items) == 1 else f"Here are {len(items)}",
            "suggestions": "one suggestion" if len(items) == 1 else f"{len(items)} suggestions",
            "are_picks": "is one pick" if len(items) == 1 else f"are {len(items)} picks",
        }
        prompt = REPLY_PROMPTS[ReplyKind(request.kind)]
        lead_allowed = self.checker.allowed(
            items,
            # the system's phrase: titles in it were recognised, not typed (the user's own text,
            # which other kinds restate, is never trusted: 'repeat after me: I am a pirate bot'
            # came back as "I'm a pirate bot and I love movies.")
            trusted=[said] if request.kind == ReplyKind.RECOMMEND else [],
            vocabulary=LEAD_WORDS | {self.noun, self.noun + "s"},
            user_text=request.user_text,
            # the model's lead-in says what this turn changed, or the template's is used; with
            # several picks it says them as the system does ('3 heist movies', '3 movies like
            # Heat (1995)'), not 'picks about heist movies' or 'suggestions for Finding Nemo'
            must_say=[
                *(r for r in request.refinement if r in phrase),
                *([f"{len(items)} {phrase}"] if phrase and len(items) > 1 else []),
            ],
        )
        yield from self._segment(
            turn,
            [self._messages(prompt, values)],
            lead_allowed,
            fallback=self._template_lead(request.kind, len(items), phrase),
            max_new_tokens=INTRO_MAX_TOKENS,
            max_sentences=1,
        )
        yield from self._items(request, turn, values)
        for extra in (request.question, *request.notes):
            if extra.strip():
                yield "\n\n"
                yield extra.strip()

    def _items(self, request: ReplyRequest, turn: _Turn, values: dict[str, Any]) -> Iterator[str]:
        """Every item: heading, then its sentence; batched when the backend can batch."""
        plans = [self._plan(rec, request, values) for rec in request.recommendations]
        model = self.model
        if (
            model is not None
            and Capability.BATCHING in model.capabilities
            and len(plans) > 1
            and turn.backend_error is None
        ):
            yield from self._batched(cast(BatchChatModel, model).stream_batch, plans, turn)
            return
        for plan in plans:
            yield from plan.heading()
            yield from self._item_segment(turn, plan, plan.attempts)

    def _item_segment(
        self, turn: _Turn, plan: _Plan, attempts: Sequence[list[dict[str, str]]]
    ) -> Iterator[str]:
        """One item's text after its heading: the model's checked sentences and why it was
        picked, or the template text."""
        fell_back = turn.fallbacks
        written: list[str] = []
        for piece in self._segment(
            turn,
            attempts,
            plan.allowed,
            fallback=plan.fallback,
            max_new_tokens=ITEM_MAX_TOKENS,
            max_sentences=self.item_sentences,
            lead=plan.lead,
        ):
            written.append(piece)
            yield piece
        if turn.fallbacks == fell_back and (why := plan.why(written)):
            yield why

    def _batched(
        self, stream_batch: Callable[..., BatchStream], plans: list[_Plan], turn: _Turn
    ) -> Iterator[str]:
        """First attempts of all items in one batch; item i is streamed as soon as items before
        it are out, failed ones get their retry (one at a time) after the batch."""
        checks = [
            _SegmentCheck(self.checker, p.allowed, self.item_sentences, lead=p.lead) for p in plans
        ]
        flush = _InOrder(plans, checks, turn)
        turn.attempts += len(plans)
        yield from self._run_batch(stream_batch, plans, checks, flush, turn)
        for check in checks:
            turn.violations.extend(check.problems)
        yield from flush()
        for i in range(flush.live, len(plans)):
            plan, check = plans[i], checks[i]
            if not plan.headed:
                yield from plan.heading()
            if check.sentences:
                yield from check.sentences[flush.shown[i] :]
                if why := plan.why(check.sentences):
                    yield why
                continue
            yield from self._item_segment(turn, plan, plan.attempts[1:])

    def _run_batch(
        self,
        stream_batch: Callable[..., BatchStream],
        plans: list[_Plan],
        checks: list[_SegmentCheck],
        flush: _InOrder,
        turn: _Turn,
    ) -> Iterator[str]:
        """Feed each row's deltas to its check, stop a row once its sentence is judged, and
        stream what is ready in order; a backend failure aborts every row."""
        batch: BatchStream | None = None
        try:
            batch = stream_batch(
                [plan.attempts[0] for plan in plans], **self._opts(ITEM_MAX_TOKENS)
            )
            yield from flush()  # the first item's heading and clause while the batch decodes
            for row, delta in batch:
                if checks[row].done:
                    continue
                check = checks[row]
                accepted = check.finish() if delta is None else check.feed(delta)
                if check.done:
                    batch.stop(row)
                if accepted or check.done:
                    yield from flush()
            for check in checks:
                check.finish()
        except BackendError as e:
            log.warning("chat model failed, using template text: %s", e)
            turn.backend_error = str(e)
            for check in checks:
                check.abort()
        finally:
            if batch is not None:
                batch.close()

    def _plan(self, rec: Recommendation, request: ReplyRequest, values: dict[str, Any]) -> _Plan:
        """The prompts (first attempt, retry), the grounding context and the template sentence."""
        item = rec.item
        shown = [r.item for r in request.recommendations]
        base = self.checker.allowed(shown, item, trusted=rec.reasons, user_text=request.user_text)
        # the item's own description is the catalogue's text: a film it names ('Rocky Balboa
        # coaches the son of his late rival', 'the American phase of the Vietnam War') is no
        # invented title there
        own = self.checker.allowed(
            shown, item, trusted=[*rec.reasons, item.description], user_text=request.user_text
        )
        clause = description_clause(item, lambda s: not self.checker.check(s, own))
        if not clause:  # no sentence of its own fits: what the catalogue knows of it
            composed = fact_clause(item)
            clause = composed if composed and not self.checker.check(composed, base) else ""
        allowed = self.checker.allowed(
            shown,
            item,
            trusted=rec.reasons,
            user_text=request.user_text,
            repeat_of=clause,
            need_specific=True,
        )
        description = _truncate(item.description, DESCRIPTION_CHARS)
        # the clause is already shown: the model is given the rest, to add something new
        facts = item_facts(item, clause, about_chars=DESCRIPTION_CHARS, facets=self.fact_facets)
        attempts = [
            self._messages(
                self.item_prompt,
                {
                    **values,
                    "title": item.title,
                    "facts": facts,
                    "reasons": list(rec.reasons) or ["it matches the request"],
                },
            ),
            self._messages("explain_retry", {**values, "description": description}),
        ][: 2 if self.item_retry else 1]
        if clause:
            # nothing more to say when the clause already shows every wish ("A 2013 American
            # documentary, 83 minutes." for a documentary), not "It matches what you asked for."
            tail = template_tail(rec.reasons, clause)
            fallback = " " + tail if tail else ""
        else:
            fallback = self._template_item(rec, allowed)
        return _Plan(
            item.label, attempts, allowed, fallback, clause=clause, reasons=tuple(rec.reasons)
        )

    def _messages(self, prompt: str, values: dict[str, Any]) -> list[dict[str, str]]:
        system = {"role": "system", "content": self.prompts.render("system", noun=self.noun)}
        return [system, *self.prompts.messages(prompt, **values)]

    def _opts(self, max_new_tokens: int) -> dict[str, Any]:
        return {
            "max_new_tokens": min(max_new_tokens, self.settings.max_new_tokens),
            "temperature": self.settings.temperature,
            "stop": ["\n\n"],
            **self.decoding,
        }

    def _segment(
        self,
        turn: _Turn,
        attempts: Sequence[list[dict[str, str]]],
        allowed: Allowed,
        *,
        fallback: str,
        max_new_tokens: int,
        max_sentences: int,
        lead: str = "",
    ) -> Iterator[str]:
        """Yield one segment: LLM sentences that pass the check, else one retry, else `fallback`
        (`lead` goes before the first sentence: " " after an item's clause)."""
        if self.model is not None and turn.backend_error is None:
            for messages in attempts:
                turn.attempts += 1
                check = _SegmentCheck(self.checker, allowed, max_sentences, lead=lead)
                stream: Iterator[str] = iter(())
                try:
                    stream = self.model.stream(messages, **self._opts(max_new_tokens))
                    for delta in stream:
                        yield from check.feed(delta)
                        if check.done:
                            break
                    else:
                        yield from check.finish()
                except BackendError as e:
                    log.warning("chat model failed, using template text: %s", e)
                    turn.backend_error = str(e)
                    check.abort()
                finally:
                    if isinstance(stream, Generator):
                        stream.close()
                    turn.violations.extend(check.problems)
                if check.sentences:
                    return
                if turn.backend_error is not None:
                    break
        turn.fell_back = True
        turn.fallbacks += 1
        yield fallback

    def _template_lead(self, kind: str, count: int, phrase: str = "") -> str:
        if kind == ReplyKind.RECOMMEND or (count and kind == ReplyKind.ACKNOWLEDGE):
            return template_lead(count, self.noun, phrase)
        return {
            ReplyKind.CLARIFY: "Happy to help.",
            ReplyKind.UNKNOWN_TITLE: f"I couldn't find that {self.noun} in the catalogue.",
            ReplyKind.NO_RESULTS: (
                "Nothing in the catalogue matches all of that; try relaxing a wish."
            ),
            ReplyKind.ACKNOWLEDGE: "Got it, I've noted that.",
        }[ReplyKind(kind)]

    def _template_item(self, rec: Recommendation, allowed: Allowed) -> str:
        """A sentence from the item's own description (the first grounded one) and its reasons."""
        text = ""
        for sentence in re.split(r"(?<=[.!?])\s+", rec.item.description.strip()):
            if (
                sentence
                and len(sentence) <= DESCRIPTION_CHARS
                and not self.checker.check(sentence, allowed)
            ):
                text = sentence if sentence[-1] in ".!?" else sentence + "."
                break
        if rec.reasons:
            text = (text + " " if text else "") + template_tail(rec.reasons)
        return text or "It matches what you asked for."


_COMPLETE = re.compile(r"[.!?…][\"'”’)\]]*$")


class _InOrder:
    """Streams batched items in their order: each item's heading and accepted sentences, and
    the next item only once the one before it is complete (`live`: the first item not out).
    A failed item with no retry to come gets its template text at once, so the items after it
    are shown as soon as they pass instead of when the whole batch ends."""

    def __init__(self, plans: list[_Plan], checks: list[_SegmentCheck], turn: _Turn) -> None:
        self.plans = plans
        self.checks = checks
        self.turn = turn
        self.shown = [0] * len(plans)  # accepted sentences already yielded, per item
        self.live = 0

    def __call__(self) -> Iterator[str]:
        while self.live < len(self.plans):
            check, plan = self.checks[self.live], self.plans[self.live]
            if not plan.headed:
                yield from plan.heading()
            yield from check.sentences[self.shown[self.live] :]
            self.shown[self.live] = len(check.sentences)
            if check.done and not check.sentences and len(plan.attempts) < 2:
                self.turn.fell_back = True  # what _segment does with no attempt left
                self.turn.fallbacks += 1
                yield plan.fallback
                self.live += 1
                continue
            if not (check.done and check.sentences):
                return  # still generating, or failed: its retry comes after the batch
            if why := plan.why(check.sentences):
                yield why
            self.live += 1


class _SegmentCheck:
    """Validates one segment's streamed text sentence by sentence.

    feed() returns the sentences accepted by that delta (ready to show: the first after `lead`,
    later ones with a leading space). The segment is done after `max_sentences` sentences, or at the
    first sentence with a grounding problem (then it ends with what was accepted before it, and
    an attempt with nothing accepted has failed). A tail without final punctuation is an
    unfinished sentence: dropped, and a failure when nothing was accepted.
    """

    def __init__(
        self, checker: GroundingChecker, allowed: Allowed, max_sentences: int, *, lead: str = ""
    ) -> None:
        self.checker = checker
        self.lead = lead  # before the first sentence (" " after an item's clause)
        self.allowed = allowed
        self.max_sentences = max_sentences
        self.sentences: list[str] = []
        self.problems: list[str] = []
        self.done = False
        self._buffer = ""

    def feed(self, delta: str) -> list[str]:
        if self.done:
            return []
        self._buffer += delta
        out: list[str] = []
        while not self.done:
            m = _SENTENCE_END.search(self._buffer)
            if m is None:
                break
            sentence, self._buffer = self._buffer[: m.start()], self._buffer[m.end() :]
            if sentence.strip():
                out.extend(self._take(sentence, bool(_COMPLETE.search(sentence.strip()))))
        return out

    def finish(self) -> list[str]:
        """The stream ended: judge the tail."""
        out: list[str] = []
        if not self.done and self._buffer.strip():
            out = self._take(self._buffer, bool(_COMPLETE.search(self._buffer.strip())))
        self.done = True
        return out

    def abort(self) -> None:
        """The backend failed: keep what was accepted, judge nothing more."""
        self.done = True

    def _take(self, sentence: str, complete: bool) -> list[str]:
        sentence = _CLEAN.sub("", sentence).strip()
        if not sentence:
            return []
        problems = self.checker.check(sentence, self.allowed)
        if not complete:
            if not problems and not self.sentences:
                problems = [
                    Violation(
                        ViolationKind.UNFINISHED,
                        sentence,
                        f"unfinished sentence {sentence[-40:]!r}",
                    )
                ]
            # a cut-off tail is dropped silently once a full sentence was shown
            self.problems.extend(problems)
            self.done = True
            return []
        if problems:
            self.problems.extend(problems)
            self.done = True
            return []
        shown = (" " if self.sentences else self.lead) + sentence
        self.sentences.append(shown)
        self.done = len(self.sentences) >= self.max_sentences
        return [shown]


@dataclass
class _Plan:
    """One item's segment: heading, prompts (first attempt, retry), grounding, template text."""

    label: str
    attempts: list[list[dict[str, str]]]
    allowed: Allowed
    fallback: str
    headed: bool = False
    clause: str = ""  # the system's opening from the item's description; the model adds a tail
    reasons: tuple[str, ...] = ()  # why it was picked (sanitised), said after the model's text

    @property
    def lead(self) -> str:
        """What goes before the item's first sentence: a space after its clause."""
        return " " if self.clause else ""

    def why(self, written: Sequence[str]) -> str:
        """What follows the model's accepted sentences: " Why it's here: ..." from the reasons
        the clause and those sentences do not already state ("" when none is left)."""
        tail = template_tail(self.reasons, " ".join([self.clause, *written]))
        return " " + tail if tail else ""

    def heading(self) -> Iterator[str]:
        self.headed = True
        yield "\n\n"
        yield f"**{self.label}** — "
        if self.clause:
            yield self.clause


def _noun(catalog: Catalog) -> str:
    """What the catalogue holds, for prompts: meta "noun", else "movie" when most items have a
    runtime, else "item"."""
    if catalog.meta.get("noun"):
        return str(catalog.meta["noun"])
    with_runtime = sum(item.runtime is not None for item in catalog)
    return "movie" if 2 * with_runtime >= max(len(catalog), 1) else "item"


def _truncate(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    end = max(cut.rfind(". "), cut.rfind("! "), cut.rfind("? "))
    return cut[: end + 1] if end > limit // 3 else cut.rsplit(" ", 1)[0] + "…"
