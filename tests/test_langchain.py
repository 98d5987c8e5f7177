"""LangChain adapter: the manager as a Runnable, the index as a BaseRetriever."""

from __future__ import annotations

import ast
import asyncio
from pathlib import Path
from typing import Any

import pytest
from langchain_core.documents import Document
from langchain_core.runnables import RunnableLambda

from chatbot.errors import InputError
from chatbot.integrations.langchain import CatalogRetriever, DialogueRunnable


def test_runnable_runs_turns_per_session(books_manager: Any) -> None:
    bot = DialogueRunnable(books_manager)
    reply = bot.invoke({"session_id": "lc1", "text": "space exploration and first contact"})
    assert reply["session_id"] == "lc1"
    assert reply["text"]
    assert reply["items"] and all(i["id"] in books_manager.catalog for i in reply["items"])
    bot.invoke("more like that", config={"configurable": {"session_id": "lc1"}})
    bot.invoke("a cosy mystery")  # default session
    assert books_manager.state("lc1").turns == 2
    assert books_manager.state("langchain").turns == 1


def test_runnable_async_batch_and_composition(books_manager: Any) -> None:
    bot = DialogueRunnable(books_manager)
    reply = asyncio.run(bot.ainvoke({"session_id": "a1", "text": "a heist story"}))
    assert reply["session_id"] == "a1" and reply["items"]
    batch = bot.batch([{"session_id": f"b{i}", "text": "dragons and magic"} for i in range(3)])
    assert [r["session_id"] for r in batch] == ["b0", "b1", "b2"]
    chain = (
        RunnableLambda(lambda q: {"session_id": "c1", "text": q})
        | bot
        | RunnableLambda(lambda r: [i["title"] for i in r["items"]])
    )
    titles = chain.invoke("robots")
    assert titles and all(isinstance(t, str) for t in titles)


@pytest.mark.parametrize(
    "bad", [5, None, {"session_id": "x"}, {"text": 3}, {"text": "hi", "session_id": ""}]
)
def test_runnable_rejects_bad_input(books_manager: Any, bad: Any) -> None:
    with pytest.raises(InputError):
        DialogueRunnable(books_manager).invoke(bad)


def test_runnable_passes_manager_errors_through(books_manager: Any) -> None:
    with pytest.raises(InputError, match="empty"):
        DialogueRunnable(books_manager).invoke({"session_id": "e", "text": "   "})


def test_retriever_returns_documents_with_metadata(books_parts: Any) -> None:
    catalog, retriever, _, _ = books_parts
    docs = CatalogRetriever(retriever=retriever, k=3).invoke("generation ship space signal")
    assert len(docs) == 3
    assert all(isinstance(d, Document) for d in docs)
    top = docs[0].metadata
    assert top["id"] == "book-001"  # the book whose description matches best
    for doc in docs:
        item = catalog.get(doc.metadata["id"])
        assert doc.metadata["title"] == item.title
        assert doc.metadata["year"] == item.year
        assert item.description in doc.page_content
    scores = [d.metadata["score"] for d in docs]
    assert scores == sorted(scores, reverse=True)


def test_retriever_async_and_k(books_parts: Any) -> None:
    _, retriever, _, _ = books_parts
    docs = asyncio.run(CatalogRetriever(retriever=retriever, k=7).ainvoke("murder mystery"))
    assert len(docs) == 7
    with pytest.raises(ValueError):
        CatalogRetriever(retriever=retriever, k=0)


def test_only_the_adapter_imports_langchain() -> None:
    root = Path(__file__).resolve().parent.parent / "chatbot"
    offenders = []
    for path in root.rglob("*.py"):
        if path.name == "langchain.py" and path.parent.name == "integrations":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(n.split(".")[0] in {"langchain", "langchain_core"} for n in names):
                offenders.append(str(path.relative_to(root)))
    assert offenders == []


def test_retriever_keeps_its_typed_filters_and_refuses_a_non_retriever(books_parts: Any) -> None:
    from chatbot.filters import Filters

    catalog, retriever, _, _ = books_parts
    only = Filters(genres_any=("Mystery",))
    lc = CatalogRetriever(retriever=retriever, k=3, filters=only)
    assert lc.filters is only  # passed through as given, not rebuilt
    docs = lc.invoke("space")
    assert docs and all("Mystery" in catalog.get(d.metadata["id"]).genres for d in docs)
    with pytest.raises(ValueError):  # pydantic's ValidationError: no search() to call
        CatalogRetriever(retriever=object(), k=3)
