"""What the writer uses of a chat model is declared in chatbot.protocols and checked there:
a plugin's model missing a ChatModel member is refused by name at startup, and the writer's
adapter prompt comes from the declared AdaptedChatModel.adapter_manifest."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

import pytest

from chatbot.backends.fake import FakeChatModel
from chatbot.config import Settings
from chatbot.errors import ConfigError
from chatbot.generation import ResponseWriter, make_chat_model
from chatbot.protocols import AdaptedChatModel, ChatModel
from chatbot.registry import Backend, Capability, Family, registry, reload_registry
from tests.conftest import BOOKS_PATH

STREAMING = frozenset({Capability.STREAMING})


class NoStream:
    """Declares what its registration says but cannot stream."""

    name = "nostream"
    capabilities: ClassVar[frozenset[Capability]] = STREAMING


class Tuned:
    """A complete chat model carrying an adapter trained on the tuned item prompt."""

    name = "tuned"
    capabilities: ClassVar[frozenset[Capability]] = STREAMING
    adapter_manifest: Mapping[str, Any] | None = {"prompt": "explain_tuned"}

    def stream(self, messages: list[dict[str, str]], **opts: Any) -> Iterator[str]:
        yield "Fine."


def with_backend(name: str, make: Any) -> Any:
    registry().register(Backend(Family.LLM, name, "x", lambda s, o: make(), capabilities=STREAMING))
    try:
        return make_chat_model(Settings.from_env({}, llm=name))
    finally:
        reload_registry()


def test_a_plugin_model_that_is_no_chat_model_is_refused_by_name() -> None:
    with pytest.raises(ConfigError, match="'nostream' built a NoStream, which is no ChatModel"):
        with_backend("nostream", NoStream)
    assert isinstance(with_backend("tuned", Tuned), ChatModel)


def test_the_adapter_manifest_is_a_declared_optional_member() -> None:
    from chatbot.catalog import load_catalog

    catalog = load_catalog(BOOKS_PATH)
    assert isinstance(Tuned(), AdaptedChatModel) and not isinstance(
        FakeChatModel.canned(), AdaptedChatModel
    )
    settings = Settings(llm="fake")
    assert ResponseWriter(Tuned(), catalog, settings).item_prompt == "explain_tuned"
    assert ResponseWriter(FakeChatModel.canned(), catalog, settings).item_prompt == "explain"
    untrained: Any = Tuned()
    untrained.adapter_manifest = None
    assert ResponseWriter(untrained, catalog, settings).item_prompt == "explain"
