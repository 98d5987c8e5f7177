"""The backend registry: every pluggable backend by family and name, with its options and
capabilities, in the style of simonw/llm's plugin registry.

A backend (a chat model, an embedder, a vector index kind, a session store) is a `Backend`:
its family, name, one line of help, a small frozen options dataclass whose fields say which
setting (and so which `CHATBOT_<SETTING>` variable) sets them, its capabilities (streaming,
batching) and a factory. The built-in backends register through the same hook a third-party
package uses: a function `register(register)` (or a `Backend` object) named in the entry point
group `chatbot.backends` of the package's metadata, e.g. in its pyproject.toml:

    [project.entry-points."chatbot.backends"]
    mine = "my_package.chatbot_plugin:register"

The CLI builds its `--llm/--embedder/--store/--index-type` choices and help from here, and
`chatbot backends` lists every backend with its options.
"""

from __future__ import annotations

import dataclasses
import importlib.metadata
import pathlib
import threading
import types
import typing
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any, TypeVar

from chatbot.errors import ConfigError

if TYPE_CHECKING:
    from chatbot.config import Settings

ENTRY_POINT_GROUP = "chatbot.backends"
_T = TypeVar("_T")


class Family(StrEnum):
    """The kinds of pluggable backend; each is chosen by one setting (`Family.setting`)."""

    LLM = "llm"
    EMBEDDER = "embedder"
    INDEX = "index"
    STORE = "store"

    @property
    def setting(self) -> str:
        """The Settings field (and CHATBOT_ variable) that names this family's backend."""
        return {"index": "index_type"}.get(self.value, self.value)

    @property
    def noun(self) -> str:
        """What one backend of this family is called in messages."""
        return _NOUNS[self.value][0]

    @property
    def plural(self) -> str:
        return _NOUNS[self.value][1]


_NOUNS = {
    "llm": ("llm backend", "backends"),
    "embedder": ("embedder", "embedders"),
    "index": ("index type", "index types"),
    "store": ("session store", "stores"),
}


class Capability(StrEnum):
    """What a backend can do beyond its family's minimum (declared, never probed)."""

    STREAMING = "streaming"  # a chat model yields text as it is generated
    BATCHING = "batching"  # a chat model generates several conversations at once (stream_batch)


def option(setting: str, default: Any, help: str, *, choices: Iterable[str] = ()) -> Any:
    """A field of a backend's options dataclass, set by the setting `setting` (env var
    CHATBOT_<SETTING>); several backends may share one setting (same type and default)."""
    return field(
        default=default, metadata={"setting": setting, "help": help, "choices": tuple(choices)}
    )


# the types an option may have (or `<type> | None`), by the name Settings reads values with
OPTION_TYPES: dict[type, str] = {
    str: "str",
    int: "int",
    float: "float",
    bool: "bool",
    pathlib.Path: "Path",  # read with expanduser()
}


@dataclass(frozen=True)
class NoOptions:
    """The options of a backend that has none."""


@dataclass(frozen=True)
class OptionInfo:
    """One option as the CLI and Settings see it."""

    setting: str  # the setting name; the environment variable is CHATBOT_<SETTING>
    field: str  # the attribute of the options dataclass
    type: str  # one of OPTION_TYPES' names: how a string value (CHATBOT_<SETTING>) is read
    default: Any
    help: str
    choices: tuple[str, ...] = ()

    @property
    def env(self) -> str:
        return "CHATBOT_" + self.setting.upper()


@dataclass(frozen=True)
class Backend:
    """One pluggable backend: `make(settings, options)` builds it (imports stay inside it)."""

    family: Family
    name: str
    help: str
    make: Callable[[Settings, Any], Any]
    options: type = NoOptions
    capabilities: frozenset[Capability] = frozenset()

    def __post_init__(self) -> None:
        object.__setattr__(self, "family", as_family(self.family))
        try:
            capabilities = frozenset(map(Capability, self.capabilities))
        except ValueError as e:
            raise ConfigError(
                f"{self.family.noun} {self.name!r}: {e}; known capabilities: "
                f"{', '.join(Capability)}"
            ) from None
        object.__setattr__(self, "capabilities", capabilities)
        if not self.name or self.name != self.name.strip():
            raise ConfigError(f"a {self.family.noun} needs a name without outer spaces")
        if not dataclasses.is_dataclass(self.options):
            raise ConfigError(f"{self.family.noun} {self.name!r}: options must be a dataclass")

    def option_infos(self) -> tuple[OptionInfo, ...]:
        """Its options, in declaration order."""
        infos = []
        label = f"{self.family.noun} {self.name!r}"
        hints = _type_hints(label, self.options)
        for f in dataclasses.fields(self.options):
            setting = f.metadata.get("setting")
            if not setting:
                raise ConfigError(
                    f"{label}: option {f.name!r} names no setting "
                    "(declare it with chatbot.registry.option)"
                )
            infos.append(
                OptionInfo(
                    setting=setting,
                    field=f.name,
                    type=_option_type(label, f.name, hints[f.name]),
                    default=f.default,
                    help=f.metadata.get("help", ""),
                    choices=f.metadata.get("choices", ()),
                )
            )
        return tuple(infos)

    def options_from(self, settings: Settings) -> Any:
        """Its options dataclass filled from settings (defaults where a setting is not set)."""
        return options_from(self.options, settings)

    def create(self, settings: Settings, options: Any = None) -> Any:
        """Build the backend (options default to those the settings give)."""
        return self.make(settings, self.options_from(settings) if options is None else options)


def as_family(value: Family | str) -> Family:
    """The Family named `value`; ConfigError naming the known families otherwise."""
    try:
        return Family(value)
    except ValueError:
        known = ", ".join(Family)
        raise ConfigError(f"unknown backend family {value!r}; known families: {known}") from None


def _type_hints(label: str, options: type) -> dict[str, Any]:
    """The resolved annotations of an options dataclass (strings under `from __future__ import
    annotations`); ConfigError when one names something its module does not define."""
    try:
        return typing.get_type_hints(options)
    except Exception as e:  # NameError, TypeError: whatever evaluating the annotation raised
        raise ConfigError(
            f"{label}: cannot resolve the option types of {options.__qualname__} ({e}); "
            "import the types it names at module level"
        ) from e


def _option_type(label: str, name: str, hint: Any) -> str:
    """The OPTION_TYPES name of an annotation (`X | None` and `Optional[X]` read as X);
    ConfigError for any other type."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        members = [a for a in typing.get_args(hint) if a is not type(None)]
        hint = members[0] if len(members) == 1 else hint
    type_name = OPTION_TYPES.get(hint) if isinstance(hint, type) else None
    if type_name is None:
        allowed = ", ".join(t.__name__ for t in OPTION_TYPES)
        raise ConfigError(
            f"{label}: option {name!r} has the unsupported type {hint!r}; an option is one of "
            f"{allowed} (or that type | None), read from its CHATBOT_ variable"
        )
    return type_name


def options_from(options: type[_T], settings: Settings) -> _T:
    """An options dataclass filled from the settings its fields name (defaults otherwise)."""
    values = settings.option_values()
    kwargs = {}
    for f in dataclasses.fields(options):  # type: ignore[arg-type]
        setting = f.metadata.get("setting")
        if setting in values:
            kwargs[f.name] = values[setting]
    return options(**kwargs)


Hook = Callable[[Callable[[Backend], None]], None]


class Registry:
    """Backends by family and name, in registration order."""

    def __init__(self) -> None:
        self._backends: dict[Family, dict[str, Backend]] = {f: {} for f in Family}
        self._options: dict[str, OptionInfo] = {}

    def register(self, backend: Backend) -> None:
        """Add a backend; ConfigError when its name is taken or an option clashes."""
        family = self._backends[backend.family]
        if backend.name in family:
            raise ConfigError(
                f"{backend.family.noun} {backend.name!r} is registered twice (two plugins?)"
            )
        infos = backend.option_infos()
        from chatbot.config import Settings

        cross_cutting = {f.name for f in dataclasses.fields(Settings)}
        for info in infos:
            known = self._options.get(info.setting)
            if info.setting in cross_cutting:
                raise ConfigError(
                    f"{backend.family.noun} {backend.name!r}: option setting {info.setting!r} "
                    "is a cross-cutting setting; give the option its own name"
                )
            if known is not None and (known.type, known.default) != (info.type, info.default):
                raise ConfigError(
                    f"{backend.family.noun} {backend.name!r}: option {info.setting!r} differs "
                    f"from another backend's ({info.type} {info.default!r} vs "
                    f"{known.type} {known.default!r})"
                )
        for info in infos:
            self._options.setdefault(info.setting, info)
        family[backend.name] = backend

    def names(self, family: Family | str) -> list[str]:
        """The backend names of a family, in registration order."""
        return list(self._backends[as_family(family)])

    def backends(self, family: Family | str | None = None) -> list[Backend]:
        """Every backend (of one family), in registration order."""
        families = list(Family) if family is None else [as_family(family)]
        return [b for f in families for b in self._backends[f].values()]

    def get(self, family: Family | str, name: str) -> Backend:
        """The backend; ConfigError naming the known ones when there is none by that name."""
        family = as_family(family)
        try:
            return self._backends[family][name]
        except KeyError:
            known = ", ".join(self._backends[family])
            raise ConfigError(
                f"unknown {family.noun} {name!r}; known {family.plural}: {known}"
            ) from None

    def create(self, family: Family | str, settings: Settings) -> Any:
        """The backend of this family that settings name, built with its options."""
        family = as_family(family)
        return self.get(family, str(getattr(settings, family.setting))).create(settings)

    def options(self) -> Mapping[str, OptionInfo]:
        """Every backend option by setting name (what CHATBOT_<SETTING> may set)."""
        return dict(self._options)

    def help(self, family: Family | str) -> str:
        """One line per backend for --help: name, capabilities, help."""
        parts = []
        for b in self.backends(family):
            caps = f" [{', '.join(sorted(b.capabilities))}]" if b.capabilities else ""
            parts.append(f"{b.name}{caps}: {b.help}")
        return "; ".join(parts)


def load_entry_points(
    registry: Registry,
    entry_points: Iterable[importlib.metadata.EntryPoint] | None = None,
) -> None:
    """Register what every `chatbot.backends` entry point names: a register(register) hook
    or a Backend. A plugin that fails to load is a ConfigError naming it (never skipped)."""
    if entry_points is None:
        entry_points = importlib.metadata.entry_points(group=ENTRY_POINT_GROUP)
    for ep in entry_points:
        try:
            target = ep.load()
        except Exception as e:  # noqa: BLE001 - any import failure of a plugin is reported
            raise ConfigError(
                f"backend plugin {ep.name!r} ({ep.value}) failed to load: {e}; "
                "fix or uninstall the package that provides it"
            ) from e
        if isinstance(target, Backend):
            registry.register(target)
        elif callable(target):
            target(registry.register)
        else:
            raise ConfigError(
                f"backend plugin {ep.name!r} ({ep.value}) is neither a Backend nor a "
                "register(register) function"
            )


_default: Registry | None = None
_default_lock = threading.Lock()


def registry() -> Registry:
    """The process's registry: the built-in backends, then every installed plugin's."""
    global _default
    with _default_lock:
        if _default is None:
            _default = build_registry()
        return _default


def build_registry(
    entry_points: Iterable[importlib.metadata.EntryPoint] | None = None,
) -> Registry:
    """A fresh registry: built-ins through their hook, then the entry points' backends."""
    from chatbot.backends.builtin import register as register_builtin

    fresh = Registry()
    register_builtin(fresh.register)
    load_entry_points(fresh, entry_points)
    return fresh


def reload_registry() -> Registry:
    """Build the process's registry again (after installing a plugin, or in tests)."""
    global _default
    with _default_lock:
        _default = build_registry()
        return _default
