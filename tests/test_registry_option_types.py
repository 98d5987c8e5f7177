"""A third-party backend's options are read as their annotated types (`X | None`, Path), an
option type Settings cannot read is refused at registration, and a bad family or capability is
a ConfigError, never a raw ValueError."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Optional

import pytest

from chatbot.config import Settings
from chatbot.errors import ConfigError
from chatbot.registry import Backend, Family, Registry, option, registry, reload_registry


@dataclasses.dataclass(frozen=True)
class PlugOptions:
    n_ctx: int | None = option("plug_n_ctx", None, "context length (None: the model's)")
    top: Optional[float] = option("plug_top", None, "nucleus mass")  # noqa: UP045 - the old spelling
    folder: Path = option("plug_folder", Path("/tmp/plug"), "where the weights are")
    fast: bool = option("plug_fast", False, "take the fast path")
    label: str = option("plug_label", "plug", "a name")


@dataclasses.dataclass(frozen=True)
class ListOptions:
    stops: list[str] = option("plug_stops", (), "stop strings")


@dataclasses.dataclass(frozen=True)
class EitherOptions:
    size: int | str = option("plug_size", 1, "a number or a word")


@pytest.fixture
def plug() -> Iterator[Backend]:
    """The PlugOptions backend, registered in the process's registry for one test."""
    backend = Backend(Family.LLM, "plug", "a plugin", lambda s, o: o, PlugOptions)
    registry().register(backend)
    yield backend
    reload_registry()


def test_plugin_options_are_read_as_their_annotated_types(plug: Backend) -> None:
    env = {
        "CHATBOT_PLUG_N_CTX": "5",
        "CHATBOT_PLUG_TOP": "0.9",
        "CHATBOT_PLUG_FOLDER": "~/weights",
        "CHATBOT_PLUG_FAST": "yes",
    }
    settings = Settings.from_env(env, llm="plug")
    options = plug.options_from(settings)
    assert options == PlugOptions(5, 0.9, Path("~/weights").expanduser(), True, "plug")
    types = {i.field: i.type for i in plug.option_infos()}
    assert types == {"n_ctx": "int", "top": "float", "folder": "Path", "fast": "bool"} | {
        "label": "str"
    }
    assert plug.options_from(Settings.from_env({}, llm="plug")) == PlugOptions()
    with pytest.raises(ConfigError, match="'plug_n_ctx': cannot read 'five' as int"):
        Settings.from_env({"CHATBOT_PLUG_N_CTX": "five"})


@pytest.mark.parametrize(
    ("options", "what"), [(ListOptions, "'stops'.*list"), (EitherOptions, r"'size'.*int \| str")]
)
def test_an_option_type_settings_cannot_read_is_refused_at_registration(
    options: type, what: str
) -> None:
    with pytest.raises(ConfigError, match=f"llm backend 'odd': option {what}.*one of str, int"):
        Registry().register(Backend(Family.LLM, "odd", "x", lambda s, o: o, options))


def test_unresolvable_annotations_are_a_clear_error() -> None:
    @dataclasses.dataclass(frozen=True)
    class Hidden:
        x: Undefined = option("plug_x", 1, "a type nobody imported")  # type: ignore[name-defined]  # noqa: F821

    with pytest.raises(ConfigError, match="llm backend 'h': cannot resolve the option types"):
        Registry().register(Backend(Family.LLM, "h", "x", lambda s, o: o, Hidden))


def test_an_unknown_family_or_capability_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="unknown backend family 'llms'; known families: llm"):
        Backend("llms", "x", "x", lambda s, o: o)  # type: ignore[arg-type]
    with pytest.raises(ConfigError, match="llm backend 'x'.*'stream'.*known capabilities"):
        Backend(Family.LLM, "x", "x", lambda s, o: o, capabilities=frozenset({"stream"}))  # type: ignore[arg-type]
    with pytest.raises(ConfigError, match="unknown backend family"):
        Registry().names("llms")
