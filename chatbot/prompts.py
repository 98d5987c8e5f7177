"""The prompt files (package data `prompts/*.jinja`), the variables the code passes to each,
and the startup check that holds every prompt file to them.

Each prompt's variables are declared once, here (`PROMPT_VARIABLES`): the writer passes them
(tests/test_prompts.py records its real calls and fails when the two differ) and a prompt may
use nothing else. `Prompts(...)` checks every file when it is built, the packaged folder or a
folder of the user's own: a file that is not UTF-8, does not parse, uses a variable the code
does not pass, renders empty or does not split into messages is a ConfigError at startup that
names the file, never template text in the first reply.
"""

from __future__ import annotations

import difflib
import logging
import re
from collections.abc import Sequence
from importlib import resources
from importlib.resources.abc import Traversable
from typing import TYPE_CHECKING, Any

from chatbot.errors import ConfigError
from chatbot.kinds import REPLY_PROMPTS

if TYPE_CHECKING:
    import jinja2

log = logging.getLogger(__name__)

# the values of every turn's prompts (ResponseWriter._deltas builds them)
TURN_VARIABLES = frozenset(
    {"noun", "user_text", "request", "state_summary", "count", "suggestions", "are_picks"}
    | {"here_are"}
)
# an item's prompt adds the item (ResponseWriter._plan); its retry adds the description
ITEM_VARIABLES = TURN_VARIABLES | {"title", "facts", "reasons"}
RETRY_VARIABLES = TURN_VARIABLES | {"description"}
# the tuned item prompt is also rendered by writer_training.item_messages, which passes only
# these: a prompt may use what every caller passes
TUNED_VARIABLES = frozenset({"noun", "request", "facts", "title"})


# the prompts of the reply kinds the writer writes ("intro" for recommend)
KIND_PROMPTS = tuple(REPLY_PROMPTS.values())


# prompt name -> the variables the code passes when it renders that prompt (and all it may use)
PROMPT_VARIABLES: dict[str, frozenset[str]] = {
    "system": frozenset({"noun"}),
    **dict.fromkeys(KIND_PROMPTS, TURN_VARIABLES),
    "explain": ITEM_VARIABLES,
    "explain_retry": RETRY_VARIABLES,
    "explain_tuned": TUNED_VARIABLES,
}
# the prompts the writer renders: a packaged install without one of them is broken
# (explain_tuned is rendered only with a writer adapter, whose manifest names it)
REQUIRED_PROMPTS = tuple(name for name in PROMPT_VARIABLES if name != "explain_tuned")
# representative values for the startup render, one per declared variable
SAMPLE_VALUES: dict[str, Any] = {
    "noun": "movie",
    "user_text": "something funny for tonight",
    "request": "funny movies",
    "state_summary": "likes comedies; avoids horror",
    "count": 3,  # the default items_per_turn
    "suggestions": "2 suggestions",
    "are_picks": "are 2 picks",
    "here_are": "Here are 2",
    "title": "The Quiet Canal",
    "facts": ["Title: The Quiet Canal", "Genres: Mystery", "About: A detective in the rain."],
    "reasons": ["genre: Mystery"],
    "description": "A detective in the rain.",
}


def _packaged_prompts() -> Traversable:
    try:
        return resources.files("prompts")
    except ModuleNotFoundError as e:
        raise ConfigError(
            "the 'prompts' package (the prompt templates) is not installed: reinstall chatbot"
        ) from e


# package data (prompts/*.jinja), so an installed wheel renders what the checkout renders
PROMPTS_DIR = _packaged_prompts()
_ROLE_HEADER = re.compile(r"^### (user|assistant)\s*$", re.M)


class Prompts:
    """The Jinja prompt files of `directory` (default: the package `prompts`), rendered with
    StrictUndefined. Every file is checked when this is built (see `check`), so a broken install
    or a broken prompt of the user's own folder fails at startup (ConfigError)."""

    def __init__(self, directory: Traversable | None = None) -> None:
        import jinja2

        self.directory: Traversable = PROMPTS_DIR if directory is None else directory
        self.packaged = directory is None
        self._env = jinja2.Environment(
            loader=jinja2.FunctionLoader(self._source),
            undefined=jinja2.StrictUndefined,
            autoescape=False,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=False,
        )
        self.check(REQUIRED_PROMPTS if self.packaged else ())

    def _source(self, filename: str) -> str | None:
        path = self.directory.joinpath(filename)
        return _read(path) if path.is_file() else None

    def names(self) -> list[str]:
        """The prompt names (files <name>.jinja), sorted."""
        return sorted(
            p.name[: -len(".jinja")] for p in self.directory.iterdir() if p.name.endswith(".jinja")
        )

    def check(self, required: Sequence[str] = ()) -> list[str]:
        """Check every prompt file; returns the names. ConfigError names the file for: a required
        prompt missing; a file that is not UTF-8 or does not parse; a variable the code does not
        pass (PROMPT_VARIABLES; with "did you mean"); a render (StrictUndefined, SAMPLE_VALUES)
        that fails, is empty or whitespace only, or does not split into non-empty messages. A
        file the code never renders is an error in the packaged folder, and only checked for
        syntax and emptiness in a user's folder (where it is ignored)."""
        names = self.names()
        missing = [n for n in required if n not in names]
        if missing:
            raise ConfigError(
                f"prompt(s) {', '.join(missing)} not found in {self.directory}: "
                "a broken install? reinstall chatbot"
            )
        for name in names:
            self._check_one(name)
        return names

    def _check_one(self, name: str) -> None:
        """Check one file (see `check`); ConfigError names it, also for any Jinja error (an
        unknown filter or test, a bad tag) and any exception the sample render raises."""
        import jinja2

        path = self.directory.joinpath(f"{name}.jinja")
        try:
            self._check_source(name, path)
        except ConfigError:
            raise
        except jinja2.TemplateSyntaxError as e:  # TemplateAssertionError too: unknown filter
            raise ConfigError(
                f"prompt {path} does not render: {e.message} (line {e.lineno})"
            ) from e
        except Exception as e:  # a template can raise anything while rendering: name the file
            raise ConfigError(f"prompt {path} does not render: {type(e).__name__}: {e}") from e

    def _check_source(self, name: str, path: Traversable) -> None:
        import jinja2

        source = _read(path)
        if not source.strip():
            raise ConfigError(f"prompt {path} is empty: write the prompt text in it")
        ast = self._env.parse(source, name=f"{name}.jinja")
        declared = PROMPT_VARIABLES.get(name)
        if declared is None and self.packaged:
            raise ConfigError(
                f"prompt {path} is rendered by no code: declare its variables in "
                "chatbot.prompts.PROMPT_VARIABLES or remove it"
            )
        if declared is None:  # a user's extra file: its values are unknown, so render leniently
            log.warning("prompt %s is not one the writer renders; it is ignored", path)
            lenient = self._env.overlay(undefined=jinja2.ChainableUndefined)
            _split_messages(name, _render_checked(lenient, name, path, {}))
            return
        _check_variables(path, ast, declared)
        values = {v: SAMPLE_VALUES[v] for v in declared}
        text = _render_checked(self._env, name, path, values)
        if not text:
            raise ConfigError(f"prompt {path} renders empty: write the prompt text in it")
        empty = [m["role"] for m in _split_messages(name, text) if not m["content"]]
        if empty:
            raise ConfigError(f"prompt {path}: an empty '### {empty[0]}' message")

    def messages(self, name: str, **values: Any) -> list[dict[str, str]]:
        """Render a prompt as chat messages: "### user" / "### assistant" lines start a message
        (few-shot examples); a file without them is one user message."""
        messages = _split_messages(name, self.render(name, **values))
        empty = [m["role"] for m in messages if not m["content"]]
        if empty:  # the same rule as the startup check, for values it did not try
            raise ConfigError(f"prompt {name}.jinja renders an empty '### {empty[0]}' message")
        return messages

    def render(self, name: str, **values: Any) -> str:
        """Render prompts/<name>.jinja with the declared variables of `name` (others passed are
        not given to it); ConfigError names the file and a missing value."""
        import jinja2

        declared = PROMPT_VARIABLES.get(name)
        if declared is not None:
            lacking = sorted(declared - values.keys())
            if lacking:
                raise ConfigError(
                    f"prompt {name}.jinja: no value for {', '.join(lacking)}; pass it when "
                    "rendering (chatbot.prompts.PROMPT_VARIABLES declares it)"
                )
            values = {k: values[k] for k in declared}
        try:
            text = self._env.get_template(f"{name}.jinja").render(**values).strip()
        except jinja2.TemplateNotFound:
            raise ConfigError(
                f"prompt {name!r} not found: expected {self.directory.joinpath(name)}.jinja"
            ) from None
        except jinja2.UndefinedError as e:
            raise ConfigError(f"prompt {name}.jinja: {e}; pass it when rendering") from e
        except Exception as e:  # a template's own arithmetic or filters fail with any error
            raise ConfigError(f"prompt {name}.jinja does not render: {e!r}") from e
        if not text:
            raise ConfigError(f"prompt {name}.jinja renders empty for these values")
        return text


def _read(path: Traversable) -> str:
    """The text of a prompt file, without a UTF-8 byte order mark (which editors on Windows
    write: it would reach the model as U+FEFF); ConfigError names a file that is not UTF-8."""
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as e:
        raise ConfigError(
            f"prompt {path} is not UTF-8 text ({e.reason} at byte {e.start}): save it as UTF-8"
        ) from None


def _render_checked(
    env: jinja2.Environment, name: str, path: Traversable, values: dict[str, Any]
) -> str:
    """The stripped render of `name`; ConfigError names the file when it does not render."""
    import jinja2

    try:
        return env.get_template(f"{name}.jinja").render(**values).strip()
    except jinja2.TemplateSyntaxError:
        raise  # _check_one names the line
    except jinja2.TemplateError as e:
        raise ConfigError(f"prompt {path} does not render: {e}") from e


def _check_variables(
    path: Traversable, ast: jinja2.nodes.Template, declared: frozenset[str]
) -> None:
    """ConfigError for the first variable `ast` uses that is not in `declared`."""
    from jinja2 import meta

    unknown = sorted(meta.find_undeclared_variables(ast) - declared)
    if unknown:
        close = difflib.get_close_matches(unknown[0], declared, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise ConfigError(
            f"prompt {path}: unknown variable {unknown[0]!r}{hint}; the code passes "
            f"{', '.join(sorted(declared))}"
        )


def _split_messages(name: str, text: str) -> list[dict[str, str]]:
    parts = _ROLE_HEADER.split(text)
    if len(parts) == 1:
        return [{"role": "user", "content": text}]
    if parts[0].strip():
        raise ConfigError(f"prompt {name}.jinja: text before the first '### <role>' line")
    return [
        {"role": role, "content": content.strip()}
        for role, content in zip(parts[1::2], parts[2::2], strict=True)
    ]
