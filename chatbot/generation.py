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
import unicodedata
from collections import Counter
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from chatbot.catalog import Catalog, Item
from chatbot.config import REPO_ROOT, Settings
from chatbot.errors import BackendError, ConfigError
from chatbot.ranking import Recommendation

log = logging.getLogger(__name__)

REPLY_KINDS = ("recommend", "clarify", "unknown_title", "no_results", "acknowledge")
PROMPTS_DIR = REPO_ROOT / "prompts"
# Generation budgets: a 135M model stays on topic for about one sentence, and every token
# costs ~55 ms on 2 cores, so an item gets one sentence (generation stops at its end).
INTRO_MAX_TOKENS = 28
ITEM_MAX_TOKENS = 40
ITEM_MAX_SENTENCES = 1
DESCRIPTION_CHARS = 360
USER_TEXT_CHARS = 300  # long messages cost prefill time on every call of the turn


class ChatModel(Protocol):
    """A chat LLM: streams text deltas for a list of {"role", "content"} messages.

    Options understood by every backend: max_new_tokens (int), temperature (float, 0 = greedy),
    stop (list of strings). Failures are raised as BackendError.
    """

    name: str

    def stream(self, messages: list[dict[str, str]], **opts: Any) -> Iterator[str]: ...


@dataclass(frozen=True)
class ReplyRequest:
    """What the dialogue manager wants said this turn."""

    kind: str
    user_text: str
    recommendations: tuple[Recommendation, ...] = ()
    state_summary: str = ""
    question: str = ""
    notes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.kind not in REPLY_KINDS:
            raise ValueError(
                f"unknown reply kind {self.kind!r}; known kinds: {', '.join(REPLY_KINDS)}"
            )
        object.__setattr__(self, "recommendations", tuple(self.recommendations))
        object.__setattr__(self, "notes", tuple(self.notes))


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
    """The chat model named by settings.llm; None for "template" (no LLM, template text only)."""
    factories: dict[str, Callable[[Settings], ChatModel | None]] = {
        "transformers": _make_transformers,
        "openai": _make_openai,
        "fake": _make_fake,
        "template": lambda _settings: None,
    }
    try:
        factory = factories[settings.llm]
    except KeyError:
        raise ConfigError(
            f"unknown llm backend {settings.llm!r}; known backends: {', '.join(factories)}"
        ) from None
    return factory(settings)


def _make_transformers(settings: Settings) -> ChatModel:
    from chatbot.backends.llm_transformers import TransformersChatModel

    return TransformersChatModel(settings)


def _make_openai(settings: Settings) -> ChatModel:
    from chatbot.backends.llm_openai import OpenAIChatModel

    return OpenAIChatModel(settings)


def _make_fake(settings: Settings) -> ChatModel:
    from chatbot.backends.fake import FakeChatModel

    return FakeChatModel.canned()


_ROLE_HEADER = re.compile(r"^### (user|assistant)\s*$", re.M)


class Prompts:
    """The Jinja prompt files in prompts/, rendered with StrictUndefined (missing value: error)."""

    def __init__(self, directory: Path = PROMPTS_DIR) -> None:
        import jinja2

        self.directory = Path(directory)
        self._env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(self.directory)),
            undefined=jinja2.StrictUndefined,
            autoescape=False,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=False,
        )

    def messages(self, name: str, **values: Any) -> list[dict[str, str]]:
        """Render a prompt as chat messages: "### user" / "### assistant" lines start a message
        (few-shot examples); a file without them is one user message."""
        text = self.render(name, **values)
        parts = _ROLE_HEADER.split(text)
        if len(parts) == 1:
            return [{"role": "user", "content": text}]
        if parts[0].strip():
            raise ConfigError(f"prompt {name}.jinja: text before the first '### <role>' line")
        return [
            {"role": role, "content": content.strip()}
            for role, content in zip(parts[1::2], parts[2::2], strict=True)
        ]

    def render(self, name: str, **values: Any) -> str:
        """Render prompts/<name>.jinja; ConfigError names the file and the missing value."""
        import jinja2

        try:
            return self._env.get_template(f"{name}.jinja").render(**values).strip()
        except jinja2.TemplateNotFound:
            raise ConfigError(
                f"prompt {name!r} not found: expected {self.directory / name}.jinja"
            ) from None
        except jinja2.UndefinedError as e:
            raise ConfigError(f"prompt {name}.jinja: {e}; pass it when rendering") from e


_TOKEN = re.compile(r"\w+(?:['’]\w+)*")
_QUOTED = re.compile(r"[\"“”]([^\"“”\n]{2,80})[\"“”]")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)(s)?\b")
_MINUTES = re.compile(r"\b(\d{2,3})[\s-]*(?:minutes?|mins?)\b", re.I)
_HOURS = re.compile(r"\b(\d(?:\.\d+)?)[\s-]*hours?\b", re.I)
_RATING = re.compile(r"\b(\d{1,2}(?:\.\d)?)\s*(?:/|out of)\s*10\b", re.I)
_INITIAL_BEFORE = re.compile(r"(?:^|[.!?:;\n—–(\-*\"“”])[\s*\"“”'(]*$")


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOPWORDS = _wordset(
    "a an and are as at be but by for from he her his i if in into is it its me my "
    "no not of on or our she so that the their them they this to up we with you your "
    "was were has have had will would can could do does did what who how when where "
    "why all any one"
)
# Capitalised words that are fine anywhere even when the item text does not contain them.
COMMON_CAPITALISED = _wordset(
    "american british english french german italian spanish japanese korean chinese "
    "indian european african asian christmas monday tuesday wednesday thursday "
    "friday saturday sunday january february march april may june july august "
    "september october november december hollywood oscar oscars"
)


# Genre names that are also everyday words ("a family", "the history of") are not claims.
GENERIC = _wordset("family history music story life love war sport art short classic")
# The words a lead-in may use besides those of the request (it introduces, it claims nothing).
LEAD_WORDS = _wordset(
    "here are is some few picks pick suggestion suggestions option options one two three four "
    "five six seven eight nine ten enjoy hope you your i i'm i've we think will would might may "
    "like love great good perfect sure happy help glad found find something that fit fits "
    "what asked request requested looking tonight watch read movie movies film films book "
    "books title titles item items for to of and with a an the it they these those them this "
    "just right s ll got noted keep mind sorry couldn't could not nothing matches match all "
    "that's thing things drop relax wish wishes one catalogue my in on me let know"
)


def _stem(word: str) -> str:
    if word.endswith("ies") and len(word) > 5:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 4:
        return word[:-1]
    return word


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _words(text: str) -> list[str]:
    return [_fold(m.group()) for m in _TOKEN.finditer(text)]


@dataclass(frozen=True)
class _Tok:
    norm: str
    cap: bool
    initial: bool


def _tokens(text: str) -> list[_Tok]:
    out = []
    for m in _TOKEN.finditer(text):
        word = m.group()
        initial = bool(_INITIAL_BEFORE.search(text[: m.start()]))
        out.append(_Tok(_fold(word), word[0].isupper() or word[0].isdigit(), initial))
    return out


@dataclass
class _Allowed:
    """What a segment may mention: the shown items' titles and the current item's own text."""

    titles: set[tuple[str, ...]]
    text: str  # " w1 w2 ... " folded words of the allowed source text
    words: set[str]
    item: Item | None
    vocabulary: frozenset[str] | None = None  # when set: the only other words allowed

    def contains(self, words: Sequence[str]) -> bool:
        return f" {' '.join(words)} " in self.text


class GroundingChecker:
    """Finds unsupported content: other catalogue titles, wrong facts, unknown names."""

    def __init__(self, catalog: Catalog) -> None:
        self._titles: dict[tuple[str, ...], set[str]] = {}
        self._lengths: dict[str, set[int]] = {}
        self._lower = Counter[str]()  # how often each word appears in lower case in the catalogue
        for item in catalog:
            key = tuple(_words(item.title))
            if key:
                self._titles.setdefault(key, set()).add(item.id)
                self._lengths.setdefault(key[0], set()).add(len(key))
            self._lower.update(
                _fold(m.group())
                for m in _TOKEN.finditer(item.description)
                if m.group()[0].islower()
            )
        # one-word genre names ("horror", "documentary"): claiming one needs support
        self._genres: set[str] = set()
        for genre in catalog.facet_values("genre"):
            words = _words(genre)
            if len(words) == 1 and len(words[0]) >= 4 and _stem(words[0]) not in GENERIC:
                self._genres.add(_stem(words[0]))

    def allowed(
        self,
        shown: Sequence[Item],
        item: Item | None = None,
        extra: Iterable[str] = (),
        trusted: Iterable[str] = (),
        vocabulary: Iterable[str] | None = None,
    ) -> _Allowed:
        """The allowance for one segment: shown titles, the current item's text and `extra`;
        catalogue titles inside `trusted` text (the ranker's reasons) may be mentioned too."""
        trusted = list(trusted)
        parts = [*extra, *trusted]
        if item is not None:
            parts += [item.title, item.description, *item.genres, *item.tags]
            parts += [v for values in item.facets.values() for v in values]
        words = _words("\n".join(parts))
        titles = {tuple(_words(i.title)) for i in shown}
        for text in trusted:
            norms = _words(text)
            for i, word in enumerate(norms):
                for n in self._lengths.get(word, ()):
                    if tuple(norms[i : i + n]) in self._titles:
                        titles.add(tuple(norms[i : i + n]))
        return _Allowed(
            titles=titles,
            text=" " + " ".join(words) + " ",
            words=set(words),
            item=item,
            vocabulary=None if vocabulary is None else frozenset(vocabulary),
        )

    def check(self, text: str, allowed: _Allowed) -> list[str]:
        """Problems in `text` (empty list: grounded)."""
        problems = self._check_titles(text, allowed)
        flagged = {p.split("'")[1] for p in problems if p.startswith("mentions")}
        problems += [p for p in self._check_names(text, allowed) if p.split("'")[1] not in flagged]
        stems = {_stem(w) for w in allowed.words}
        for word in dict.fromkeys(_words(text)):
            if _stem(word) in self._genres and _stem(word) not in stems:
                problems.append(f"calls it {word!r}, which the item or request does not say")
            elif (
                allowed.vocabulary is not None
                and word not in allowed.words
                and word not in allowed.vocabulary
                and _stem(word) not in allowed.vocabulary
                and not word.isdigit()
            ):
                problems.append(f"adds {word!r}, which the request does not mention")
        if allowed.item is not None:
            problems += _check_facts(text, allowed.item, allowed.text)
        else:
            for m in _YEAR.finditer(text):
                if f" {m.group(1)} " not in allowed.text:
                    problems.append(f"year {m.group()} is not supported by the context")
        return problems

    def mentioned_titles(self, text: str, allowed: _Allowed) -> list[str]:
        """Catalogue titles mentioned in `text` that are not allowed (for benchmarks)."""
        return [p for p in self._check_titles(text, allowed) if p.startswith("mentions")]

    def _check_titles(self, text: str, allowed: _Allowed) -> list[str]:
        toks = _tokens(text)
        norms = [t.norm for t in toks]
        problems: list[str] = []
        covered = [False] * len(toks)
        for key in allowed.titles:  # shown titles first: their words are not other titles
            n = len(key)
            for i in range(len(toks) - n + 1):
                if tuple(norms[i : i + n]) == key:
                    covered[i : i + n] = [True] * n
        for i, tok in enumerate(toks):
            for n in sorted(self._lengths.get(tok.norm, ()), reverse=True):
                key = tuple(norms[i : i + n])
                if len(key) < n or key not in self._titles or any(covered[i : i + n]):
                    continue
                span = toks[i : i + n]
                if self._looks_like_title(span, allowed):
                    problems.append(
                        f"mentions {' '.join(key)!r}, a catalogue title that is not shown"
                    )
                    covered[i : i + n] = [True] * n
                    break
        for m in _QUOTED.finditer(text):
            key = tuple(_words(m.group(1)))
            if key and key not in allowed.titles and not allowed.contains(key):
                problems.append(f"quotes {m.group(1)!r}, which is not in the item's text")
        return problems

    def _looks_like_title(self, span: list[_Tok], allowed: _Allowed) -> bool:
        content = [t for t in span if t.norm not in STOPWORDS]
        if not content:
            return False
        if len(span) == 1:
            tok = span[0]
            return (
                tok.cap
                and not tok.initial
                and len(tok.norm) >= 4
                and self._lower[tok.norm] <= 2
                and tok.norm not in allowed.words
            )
        capitalised = [t for t in content if t.cap and not t.initial]
        return bool(capitalised) and 2 * sum(t.cap for t in content) >= len(content)

    def _check_names(self, text: str, allowed: _Allowed) -> list[str]:
        problems = []
        toks = _tokens(text)
        i = 0
        while i < len(toks):
            if not toks[i].cap or toks[i].norm[0].isdigit():
                i += 1
                continue
            j = i
            while j < len(toks) and toks[j].cap and not toks[j].norm[0].isdigit():
                j += 1
            span = [t for t in toks[i:j]]
            i = j
            # a sentence-initial word ("This", "Like") is capitalised anyway: judge the rest
            if span and span[0].initial:
                span = span[1:]
            while span and span[-1].norm in STOPWORDS:
                span = span[:-1]
            words = [t.norm for t in span]
            if not span or allowed.contains(words) or tuple(words) in allowed.titles:
                continue
            if len(span) >= 2:
                problems.append(f"names {' '.join(words)!r}, which is not in the item's text")
            elif (
                not span[0].initial
                and words[0] not in STOPWORDS
                and words[0] not in COMMON_CAPITALISED
                and self._lower[words[0]] == 0
            ):
                problems.append(f"names {words[0]!r}, which is not in the item's text")
        return problems


def _check_facts(text: str, item: Item, source: str) -> list[str]:
    problems = []
    for m in _YEAR.finditer(text):
        year = int(m.group(1))
        if m.group(2):  # a decade: "the 1990s"
            ok = item.year is not None and year <= item.year < year + 10 and year % 10 == 0
        else:
            ok = year == item.year
        if not ok and f" {m.group(1)} " not in source:
            problems.append(f"says {m.group()} but the item's year is {item.year}")
    for m in _MINUTES.finditer(text):
        minutes = int(m.group(1))
        if (
            item.runtime is None or abs(minutes - item.runtime) > 1
        ) and f" {m.group(1)} " not in source:
            problems.append(f"says {m.group()} but the item's runtime is {item.runtime}")
    for m in _HOURS.finditer(text):
        hours = float(m.group(1))
        if (
            item.runtime is None or abs(hours * 60 - item.runtime) > 15
        ) and f" {m.group(1)} " not in source:
            problems.append(f"says {m.group()} but the item's runtime is {item.runtime} minutes")
    for m in _RATING.finditer(text):
        if item.rating is None or abs(float(m.group(1)) - item.rating) > 0.05:
            problems.append(f"says {m.group()} but the item's rating is {item.rating}")
    return problems


@dataclass
class _Turn:
    attempts: int = 0
    fell_back: bool = False
    fallbacks: int = 0
    violations: list[str] = field(default_factory=list)
    backend_error: str | None = None


_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+|\n+")
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
    ) -> None:
        self.model = model
        self.item_sentences = item_sentences
        self.catalog = catalog
        self.settings = settings
        self.prompts = prompts or Prompts()
        self.noun = _noun(catalog)
        self._checker: GroundingChecker | None = None

    @property
    def checker(self) -> GroundingChecker:
        """The grounding checker for this catalogue (built on first use)."""
        if self._checker is None:
            self._checker = GroundingChecker(self.catalog)
        return self._checker

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
        items = [rec.item for rec in request.recommendations]
        values = {
            "noun": self.noun,
            "user_text": _truncate(request.user_text, USER_TEXT_CHARS),
            "state_summary": request.state_summary.strip() or "nothing yet",
            "count": len(items),
            "suggestions": "one suggestion" if len(items) == 1 else f"{len(items)} suggestions",
            "are_picks": "is one pick" if len(items) == 1 else f"are {len(items)} picks",
        }
        prompt = "intro" if request.kind == "recommend" else request.kind
        lead_allowed = self.checker.allowed(
            items,
            extra=[request.user_text, request.state_summary],
            vocabulary=LEAD_WORDS | {self.noun, self.noun + "s"},
        )
        yield from self._segment(
            turn,
            [self._messages(prompt, values)],
            lead_allowed,
            fallback=self._template_lead(request.kind, len(items)),
            max_new_tokens=INTRO_MAX_TOKENS,
            max_sentences=1,
        )
        for rec in request.recommendations:
            yield "\n\n"
            yield f"**{rec.item.label}** — "
            yield from self._item(rec, request, turn, values)
        for extra in (request.question, *request.notes):
            if extra.strip():
                yield "\n\n"
                yield extra.strip()

    def _item(
        self, rec: Recommendation, request: ReplyRequest, turn: _Turn, values: dict[str, Any]
    ) -> Iterator[str]:
        item = rec.item
        allowed = self.checker.allowed(
            [r.item for r in request.recommendations], item, trusted=rec.reasons
        )
        description = _truncate(item.description, DESCRIPTION_CHARS)
        facts = [f"Title: {item.title}"]
        if item.year:
            facts.append(f"Year: {item.year}")
        if item.genres:
            facts.append(f"Genres: {', '.join(item.genres)}")
        if item.runtime:
            facts.append(f"Runtime: {item.runtime} minutes")
        facts.append(f"About: {description}")
        attempts = [
            self._messages(
                "explain",
                {
                    **values,
                    "title": item.title,
                    "facts": facts,
                    "reasons": list(rec.reasons) or ["it matches the request"],
                },
            ),
            self._messages("explain_retry", {**values, "description": description}),
        ]
        yield from self._segment(
            turn,
            attempts,
            allowed,
            fallback=self._template_item(rec, allowed),
            max_new_tokens=ITEM_MAX_TOKENS,
            max_sentences=self.item_sentences,
        )

    def _messages(self, prompt: str, values: dict[str, Any]) -> list[dict[str, str]]:
        system = {"role": "system", "content": self.prompts.render("system", noun=self.noun)}
        return [system, *self.prompts.messages(prompt, **values)]

    def _segment(
        self,
        turn: _Turn,
        attempts: Sequence[list[dict[str, str]]],
        allowed: _Allowed,
        *,
        fallback: str,
        max_new_tokens: int,
        max_sentences: int,
    ) -> Iterator[str]:
        """Yield one segment: LLM sentences that pass the check, else one retry, else `fallback`."""
        if self.model is not None and turn.backend_error is None:
            opts = {
                "max_new_tokens": min(max_new_tokens, self.settings.max_new_tokens),
                "temperature": self.settings.temperature,
                "stop": ["\n\n"],
            }
            for messages in attempts:
                turn.attempts += 1
                accepted = 0
                stream: Iterator[str] = iter(())
                try:
                    stream = self.model.stream(messages, **opts)
                    for sentence, complete in _sentences(stream):
                        sentence = _CLEAN.sub("", sentence).strip()
                        if not sentence:
                            continue
                        problems = self.checker.check(sentence, allowed)
                        if not complete and not problems and accepted == 0:
                            problems = [f"unfinished sentence {sentence[-40:]!r}"]
                        if not complete:
                            # a cut-off tail is dropped silently once a full sentence was shown
                            turn.violations.extend(problems)
                            break
                        if problems:
                            turn.violations.extend(problems)
                            break
                        yield sentence if accepted == 0 else " " + sentence
                        accepted += 1
                        if accepted >= max_sentences:
                            break
                except BackendError as e:
                    log.warning("chat model failed, using template text: %s", e)
                    turn.backend_error = str(e)
                    if accepted:
                        return
                    break
                finally:
                    if isinstance(stream, Generator):
                        stream.close()
                if accepted:
                    return
        turn.fell_back = True
        turn.fallbacks += 1
        yield fallback

    def _template_lead(self, kind: str, count: int) -> str:
        if kind == "recommend" or (count and kind == "acknowledge"):
            if count == 1:
                return f"Here is a {self.noun} that fits what you told me:"
            return f"Here are {count} {self.noun}s that fit what you told me:"
        return {
            "recommend": "",
            "clarify": "Happy to help.",
            "unknown_title": f"I couldn't find that {self.noun} in the catalogue.",
            "no_results": "Nothing in the catalogue matches all of that; try relaxing a wish.",
            "acknowledge": "Got it, I've noted that.",
        }[kind]

    def _template_item(self, rec: Recommendation, allowed: _Allowed) -> str:
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
            text = (text + " " if text else "") + "Picked because: " + "; ".join(rec.reasons) + "."
        return text or "It matches what you asked for."


def _sentences(stream: Iterable[str]) -> Iterator[tuple[str, bool]]:
    """Split streamed deltas into (sentence, complete) pairs; the tail at the end is incomplete
    unless it ends with sentence punctuation."""
    buffer = ""
    for delta in stream:
        buffer += delta
        while True:
            m = _SENTENCE_END.search(buffer)
            if m is None:
                break
            sentence, buffer = buffer[: m.start()], buffer[m.end() :]
            if sentence.strip():
                yield sentence, bool(re.search(r"[.!?…][\"'”’)\]]*$", sentence.strip()))
    if buffer.strip():
        yield buffer, bool(re.search(r"[.!?…][\"'”’)\]]*$", buffer.strip()))


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
