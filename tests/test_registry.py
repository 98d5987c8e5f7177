"""The backend registry: built-ins, a third-party plugin installed as a real distribution with an
entry point, options dataclasses behind the documented CHATBOT_* variables, clear errors."""

from __future__ import annotations

import dataclasses
import importlib.metadata
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from chatbot.backends.builtin import OpenAIOptions, SqliteOptions, TransformersOptions
from chatbot.backends.fake import FakeBatchChatModel, FakeChatModel
from chatbot.cli import build_parser, main
from chatbot.config import Settings
from chatbot.errors import ConfigError
from chatbot.generation import ResponseWriter, make_chat_model
from chatbot.registry import (
    ENTRY_POINT_GROUP,
    Backend,
    Capability,
    Family,
    NoOptions,
    Registry,
    build_registry,
    option,
    options_from,
    registry,
    reload_registry,
)
from chatbot.sessions import make_store
from tests.test_generation import GOOD, INTRO, request, run

PLUGIN = """
from dataclasses import dataclass
from typing import ClassVar

from chatbot.registry import Backend, Capability, Family, option


@dataclass(frozen=True)
class EchoOptions:
    prefix: str = option("echo_prefix", ">", "what every reply starts with")
    words: int = option("echo_words", 3, "how many words of the prompt to echo")


class EchoChatModel:
    capabilities: ClassVar[frozenset[Capability]] = frozenset({Capability.STREAMING})

    def __init__(self, options: EchoOptions) -> None:
        self.options = options
        self.name = "echo"

    def stream(self, messages, **opts):
        words = messages[-1]["content"].split()[: self.options.words]
        yield self.options.prefix + " " + " ".join(words) + "."


def register(register):
    register(
        Backend(
            Family.LLM,
            "echo",
            "repeats the prompt (a plugin)",
            lambda settings, options: EchoChatModel(options),
            EchoOptions,
            frozenset({Capability.STREAMING}),
        )
    )
"""


@pytest.fixture
def echo_plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A package `echo_plugin` installed as a distribution whose metadata names it in the
    chatbot.backends entry point group (found by importlib.metadata on sys.path, as pip's
    install would be)."""
    (tmp_path / "echo_plugin.py").write_text(PLUGIN, encoding="utf-8")
    info = tmp_path / "echo_plugin-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: echo-plugin\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(
        f"[{ENTRY_POINT_GROUP}]\necho = echo_plugin:register\n", encoding="utf-8"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    reload_registry()
    yield tmp_path
    monkeypatch.undo()
    sys.modules.pop("echo_plugin", None)
    reload_registry()


def test_builtin_backends_are_listed_by_family_in_registration_order() -> None:
    reg = registry()
    assert reg.names(Family.LLM) == [
        "transformers",
        "onnxruntime",
        "llamacpp",
        "openai",
        "fake",
        "template",
    ]
    assert reg.names("embedder") == ["hash", "sentence-transformers"]
    assert reg.names(Family.INDEX) == ["flat", "hnsw", "ivf"]
    assert reg.names(Family.STORE) == ["memory", "redis", "sqlite"]
    assert reg.get(Family.LLM, "transformers").capabilities == {
        Capability.STREAMING,
        Capability.BATCHING,
    }
    assert reg.get(Family.LLM, "openai").capabilities == {Capability.STREAMING}
    assert reg.get(Family.LLM, "template").options is NoOptions
    # what the registry declares is what the model classes declare (the writer reads the latter)
    from chatbot.backends.llm_llamacpp import LlamaCppChatModel
    from chatbot.backends.llm_onnx import OnnxChatModel
    from chatbot.backends.llm_openai import OpenAIChatModel
    from chatbot.backends.llm_transformers import TransformersChatModel

    for name, cls in [
        ("transformers", TransformersChatModel),
        ("onnxruntime", OnnxChatModel),
        ("llamacpp", LlamaCppChatModel),
        ("openai", OpenAIChatModel),
        ("fake", FakeChatModel),
    ]:
        assert reg.get(Family.LLM, name).capabilities == cls.capabilities, name


def test_cli_choices_and_help_come_from_the_registry(capsys: pytest.CaptureFixture[str]) -> None:
    parser = build_parser()
    with pytest.raises(SystemExit):
        parser.parse_args(["chat", "--llm", "gpt"])
    err = capsys.readouterr().err
    assert "invalid choice: 'gpt'" in err and "'onnxruntime'" in err
    with pytest.raises(SystemExit):
        parser.parse_args(["chat", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert "transformers [batching, streaming]" in help_text
    assert "redis: a Redis server" in help_text


def test_backends_command_lists_options_with_their_variables(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHATBOT_OPENAI_MODEL", "qwen")
    assert main(["backends", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    openai = next(r for r in rows if (r["family"], r["name"]) == ("llm", "openai"))
    assert openai["capabilities"] == ["streaming"]
    model = next(o for o in openai["options"] if o["env"] == "CHATBOT_OPENAI_MODEL")
    assert (model["default"], model["value"]) == ("default", "qwen")
    selected = {r["family"]: r["name"] for r in rows if r["selected"]}
    assert selected == {
        "llm": "onnxruntime",
        "embedder": "sentence-transformers",
        "index": "flat",
        "store": "sqlite",
    }


def test_settings_keep_cross_cutting_fields_and_backends_own_their_options(
    tmp_path: Path,
) -> None:
    fields = {f.name for f in dataclasses.fields(Settings)}
    for own in ("openai_base_url", "sqlite_path", "redis_url", "llm_dtype", "embedder_model"):
        assert own not in fields
    env = {
        "CHATBOT_OPENAI_BASE_URL": "http://10.0.0.1:9000/v1",
        "CHATBOT_LLM_RETRIES": "5",
        "CHATBOT_SQLITE_PATH": str(tmp_path / "s.db"),
        "CHATBOT_LLM_PROMPT_LOOKUP": "0",
    }
    settings = Settings.from_env(env)
    assert options_from(OpenAIOptions, settings) == OpenAIOptions(
        base_url="http://10.0.0.1:9000/v1", retries=5
    )
    assert options_from(SqliteOptions, settings).path == tmp_path / "s.db"
    assert options_from(TransformersOptions, settings).prompt_lookup == 0
    # the documented Python API still reads and sets them by name
    assert settings.sqlite_path == tmp_path / "s.db" and settings.llm_retries == 5
    assert settings.replace(llm_retries="1").llm_retries == 1
    assert Settings().redis_url == "redis://127.0.0.1:6379/0"  # the dataclass's default
    store = make_store(settings)
    assert store.path == tmp_path / "s.db"  # type: ignore[attr-defined]
    model = make_chat_model(settings.replace(llm="openai"))
    assert model.url == "http://10.0.0.1:9000/v1/chat/completions"  # type: ignore[union-attr]
    with pytest.raises(ConfigError, match="setting 'llm_retries': cannot read 'many' as int"):
        Settings.from_env({"CHATBOT_LLM_RETRIES": "many"})
    with pytest.raises(AttributeError):
        _ = settings.no_such_thing


def test_unknown_backend_names_the_known_ones() -> None:
    with pytest.raises(ConfigError, match="unknown session store 'mongo'; known stores: memory"):
        make_store(Settings.from_env({}, store="mongo"))
    with pytest.raises(ConfigError, match="unknown index type 'annoy'; known index types: flat"):
        registry().get("index", "annoy")
    with pytest.raises(ConfigError, match="unknown backend family 'vectors'; known families"):
        registry().get("vectors", "flat")  # not a family


def test_plugin_registers_through_an_entry_point(echo_plugin: Path, books_catalog) -> None:
    reg = registry()
    assert "echo" in reg.names(Family.LLM)
    assert reg.options()["echo_prefix"].env == "CHATBOT_ECHO_PREFIX"
    settings = Settings.from_env({"CHATBOT_LLM": "echo", "CHATBOT_ECHO_PREFIX": "Echo:"})
    assert settings.echo_words == 3
    model = make_chat_model(settings.replace(echo_words=2))
    assert model is not None
    assert "".join(model.stream([{"role": "user", "content": "one two three"}])) == (
        "Echo: one two."
    )
    # the CLI offers it, and the writer uses it like any backend (no batching declared)
    assert build_parser().parse_args(["chat", "--llm", "echo"]).llm == "echo"
    _, written = run(ResponseWriter(model, books_catalog, settings), request(books_catalog))
    assert written.attempts >= 1


def test_a_broken_plugin_is_a_clear_error_not_a_skipped_one(tmp_path: Path) -> None:
    broken = importlib.metadata.EntryPoint(
        name="broken", value="no_such_module_xyz:register", group=ENTRY_POINT_GROUP
    )
    with pytest.raises(ConfigError, match="backend plugin 'broken'.*failed to load"):
        build_registry([broken])
    not_callable = importlib.metadata.EntryPoint(
        name="odd", value="chatbot.registry:ENTRY_POINT_GROUP", group=ENTRY_POINT_GROUP
    )
    with pytest.raises(ConfigError, match="neither a Backend nor a register"):
        build_registry([not_callable])


def test_registration_clashes_are_refused() -> None:
    reg = Registry()
    fake = Backend(Family.LLM, "fake", "x", lambda s, o: FakeChatModel.canned())
    reg.register(fake)
    with pytest.raises(ConfigError, match="registered twice"):
        reg.register(fake)

    @dataclasses.dataclass(frozen=True)
    class Clash:
        timeout: int = option("llm_timeout_s", 5, "an int where others have a float")

    reg.register(Backend(Family.LLM, "a", "x", lambda s, o: None, TransformersOptions))
    with pytest.raises(ConfigError, match="option 'llm_timeout_s' differs"):
        reg.register(Backend(Family.LLM, "b", "x", lambda s, o: None, Clash))

    @dataclasses.dataclass(frozen=True)
    class Shadow:
        port: int = option("port", 1, "a cross-cutting setting")

    with pytest.raises(ConfigError, match="cross-cutting"):
        reg.register(Backend(Family.LLM, "c", "x", lambda s, o: None, Shadow))


def test_a_model_must_declare_what_its_registration_says() -> None:
    reg = registry()
    liar = Backend(
        Family.LLM,
        "liar",
        "declares batching, builds a model that does not",
        lambda s, o: FakeChatModel.canned(),
        capabilities=frozenset({Capability.STREAMING, Capability.BATCHING}),
    )
    reg.register(liar)
    try:
        with pytest.raises(ConfigError, match="llm backend 'liar' declares"):
            make_chat_model(Settings.from_env({}, llm="liar"))
    finally:
        reload_registry()


def test_the_writer_batches_only_a_model_that_declares_batching(books_catalog) -> None:
    class Undeclared(FakeBatchChatModel):
        capabilities = frozenset({Capability.STREAMING})

    model = Undeclared([INTRO, *GOOD])
    settings = Settings.from_env({}, llm="fake")
    _, written = run(ResponseWriter(model, books_catalog, settings), request(books_catalog))
    assert model.batches == [] and len(model.calls) == 4 and not written.fell_back
    declared = FakeBatchChatModel([INTRO, *GOOD])
    run(ResponseWriter(declared, books_catalog, settings), request(books_catalog))
    assert len(declared.batches) == 1
