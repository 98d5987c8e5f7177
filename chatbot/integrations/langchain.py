"""LangChain adapter: the dialogue manager as a Runnable, the catalogue index as a retriever.

The only module that imports langchain_core; its types never reach the core modules.

    from chatbot.integrations.langchain import CatalogRetriever, DialogueRunnable

    bot = DialogueRunnable(manager)
    bot.invoke({"session_id": "u1", "text": "something like Alien but funny"})["items"]
    docs = CatalogRetriever(retriever=manager.retriever, k=3).invoke("heist with a twist")
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from langchain_core.callbacks import (
    AsyncCallbackManagerForChainRun,
    CallbackManagerForChainRun,
    CallbackManagerForRetrieverRun,
)
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from langchain_core.runnables import Runnable, RunnableConfig
from pydantic import ConfigDict, Field

from chatbot.errors import InputError
from chatbot.filters import Filters

if TYPE_CHECKING:
    from chatbot.dialogue import Reply
    from chatbot.retrieval import Hit

DialogueInput = Mapping[str, Any] | str


class RespondingManager(Protocol):
    """What the Runnable needs from chatbot.dialogue.DialogueManager."""

    def respond(self, session_id: str, text: str) -> Reply: ...
    async def arespond(self, session_id: str, text: str) -> Reply: ...


@runtime_checkable
class SearchingRetriever(Protocol):
    """What the retriever needs from chatbot.retrieval.Retriever."""

    def search(self, query: str, k: int = 10, *, filters: Filters | None = None) -> list[Hit]: ...


class DialogueRunnable(Runnable[DialogueInput, dict[str, Any]]):
    """One chat turn: {"session_id", "text"} (or plain text) in, the Reply as a dict out.

    With plain-text input the session id comes from config {"configurable": {"session_id": ...}},
    else `default_session_id`.
    """

    def __init__(
        self, manager: RespondingManager, *, default_session_id: str = "langchain"
    ) -> None:
        self.manager = manager
        self.default_session_id = default_session_id

    def invoke(
        self, input: DialogueInput, config: RunnableConfig | None = None, **kwargs: Any
    ) -> dict[str, Any]:
        """Run one turn and return Reply.to_dict()."""
        return self._call_with_config(self._respond, input, config)

    async def ainvoke(
        self, input: DialogueInput, config: RunnableConfig | None = None, **kwargs: Any
    ) -> dict[str, Any]:
        """Async variant (the manager's blocking work runs in a worker thread)."""
        return await self._acall_with_config(self._arespond, input, config)

    def _respond(
        self, input: DialogueInput, run_manager: CallbackManagerForChainRun, config: RunnableConfig
    ) -> dict[str, Any]:
        session_id, text = self._parse(input, config)
        result: dict[str, Any] = self.manager.respond(session_id, text).to_dict()
        return result

    async def _arespond(
        self,
        input: DialogueInput,
        run_manager: AsyncCallbackManagerForChainRun,
        config: RunnableConfig,
    ) -> dict[str, Any]:
        session_id, text = self._parse(input, config)
        reply = await self.manager.arespond(session_id, text)
        result: dict[str, Any] = reply.to_dict()
        return result

    def _parse(self, input: DialogueInput, config: RunnableConfig | None) -> tuple[str, str]:
        configured = ((config or {}).get("configurable") or {}).get("session_id")
        if isinstance(input, str):
            return str(configured or self.default_session_id), input
        if not isinstance(input, Mapping):
            raise InputError(
                f"DialogueRunnable input must be text or {{'session_id', 'text'}}, "
                f"got {type(input).__name__}"
            )
        text = input.get("text")
        if not isinstance(text, str):
            raise InputError("DialogueRunnable input needs a 'text' string")
        session_id = input.get("session_id", configured or self.default_session_id)
        if not isinstance(session_id, str) or not session_id:
            raise InputError("DialogueRunnable 'session_id' must be a non-empty string")
        return session_id, text


class CatalogRetriever(BaseRetriever):
    """Catalogue search as a LangChain retriever; metadata: id, title, year, genres, score."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    retriever: SearchingRetriever = Field(description="a chatbot.retrieval.Retriever")
    k: int = Field(default=4, ge=1, description="how many items to return")
    filters: Filters | None = Field(default=None, description="hard filters, or None")

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun
    ) -> list[Document]:
        hits = self.retriever.search(query, k=self.k, filters=self.filters)
        return [hit_to_document(hit) for hit in hits]


def hit_to_document(hit: Hit) -> Document:
    """A retrieval Hit as a Document: label and description as text, fields as metadata."""
    item = hit.item
    return Document(
        page_content=f"{item.label}\n{item.description}",
        metadata={
            "id": item.id,
            "title": item.title,
            "year": item.year,
            "genres": list(item.genres),
            "score": float(hit.score),
        },
    )
