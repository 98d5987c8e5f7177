"""OpenAIChatModel against a real HTTP server on loopback speaking the OpenAI wire format."""

from __future__ import annotations

import time

import pytest

from chatbot.backends.llm_openai import OpenAIChatModel
from chatbot.config import Settings
from chatbot.errors import BackendError
from chatbot.generation import ReplyRequest, ResponseWriter, make_chat_model
from chatbot.ranking import Recommendation
from tests.openai_stub_server import OpenAIStub

MESSAGES = [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hi"}]


@pytest.fixture
def stub():
    with OpenAIStub() as server:
        yield server


def model_for(stub: OpenAIStub, **settings) -> tuple[OpenAIChatModel, list[float]]:
    sleeps: list[float] = []
    values = {"llm": "openai", "openai_base_url": stub.base_url, "llm_timeout_s": 2.0, **settings}
    model = OpenAIChatModel(Settings.from_env({}, **values), sleep=sleeps.append)
    return model, sleeps


def test_streams_sse_deltas_and_sends_the_request(stub):
    stub.behaviour.replies = ["It is a quiet, clever mystery."]
    model, _ = model_for(stub, openai_api_key="sk-test", openai_model="tiny")
    deltas = list(model.stream(MESSAGES, max_new_tokens=12, temperature=0.0, stop=["\n\n"]))
    assert len(deltas) > 1, "streamed in pieces, not one blob"
    assert "".join(deltas) == "It is a quiet, clever mystery."
    sent = stub.behaviour.requests[0]
    assert sent["auth"] == "Bearer sk-test"
    assert sent["body"]["messages"] == MESSAGES
    expected = {"model": "tiny", "stream": True, "max_tokens": 12, "stop": ["\n\n"]}
    assert {k: sent["body"][k] for k in expected} == expected


def test_plain_json_answer_is_accepted(stub):
    stub.behaviour.plain_json = True
    model, _ = model_for(stub)
    assert "".join(model.stream(MESSAGES)) == "Hello there."


def test_retries_5xx_and_429_with_exponential_backoff(stub):
    stub.behaviour.fail_times = 2
    stub.behaviour.fail_status = 429
    model, sleeps = model_for(stub, llm_retries=2)
    assert "".join(model.stream(MESSAGES)) == "Hello there."
    assert sleeps == [0.5, 1.0]
    assert len(stub.behaviour.requests) == 3


def test_gives_up_after_the_configured_retries(stub):
    stub.behaviour.fail_times = 5
    model, sleeps = model_for(stub, llm_retries=1)
    with pytest.raises(BackendError, match=r"HTTP 503.*after 2 attempt"):
        list(model.stream(MESSAGES))
    assert len(stub.behaviour.requests) == 2 and sleeps == [0.5]


def test_client_errors_are_not_retried_and_say_what_to_check(stub):
    stub.behaviour.status = 401
    model, sleeps = model_for(stub, llm_retries=3)
    with pytest.raises(BackendError, match="HTTP 401.*CHATBOT_OPENAI_API_KEY"):
        list(model.stream(MESSAGES))
    assert len(stub.behaviour.requests) == 1 and sleeps == []


def test_connection_refused_is_retried_then_reported():
    with OpenAIStub() as gone:
        url = gone.base_url  # a port that is closed after the block
    model = OpenAIChatModel(
        Settings.from_env({}, openai_base_url=url, llm_retries=2), sleep=lambda s: None
    )
    with pytest.raises(BackendError, match="cannot reach.*is the server running.*3 attempt"):
        list(model.stream(MESSAGES))


def test_hanging_server_times_out(stub):
    stub.behaviour.hang_s = 3.0
    model, sleeps = model_for(stub, llm_timeout_s=0.5, llm_retries=2)
    start = time.monotonic()
    with pytest.raises(BackendError, match="sent nothing for 0.5 s.*CHATBOT_LLM_TIMEOUT_S"):
        list(model.stream(MESSAGES))
    assert time.monotonic() - start < 2.5 and sleeps == []


def test_garbage_is_a_clear_error(stub):
    stub.behaviour.garbage = True
    model, _ = model_for(stub)
    with pytest.raises(BackendError, match="not JSON"):
        list(model.stream(MESSAGES))


def test_writer_over_http_is_grounded_and_falls_back_on_a_hang(stub, books_catalog):
    stub.behaviour.replies = [
        "Here are two picks for you.",
        "It is a moody mystery set around a drained canal.",
        "You will also love Iron Wings.",  # hallucinated title: caught, retried
        "It is a closed-circle whodunit in a snowbound manor.",
    ]
    settings = Settings.from_env({}, llm="openai", openai_base_url=stub.base_url, llm_timeout_s=2)
    recs = tuple(Recommendation(books_catalog.get(i), 1.0) for i in ("book-010", "book-009"))
    req = ReplyRequest("recommend", "a cosy mystery", recs, "")
    written = ResponseWriter(make_chat_model(settings), books_catalog, settings).write(req)
    # the hallucinated title is caught; the item keeps the system's own text (no second prompt
    # by default), and both picks are still named
    assert "Iron Wings" not in written.text
    assert "The Quiet Canal" in written.text and "Murder at Wexley Hall" in written.text
    assert written.fell_back and any("Iron Wings" in v for v in written.violations)

    stub.behaviour.hang_s = 2.0
    hung = settings.replace(llm_timeout_s=0.3)
    written = ResponseWriter(make_chat_model(hung), books_catalog, hung).write(req)
    assert written.backend_error and written.fell_back
    assert (
        "The Quiet Canal (2015)" in written.text and "Murder at Wexley Hall (1988)" in written.text
    )
