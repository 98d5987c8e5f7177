"""The writer's batched item path (a backend with stream_batch), with scripted fakes (fast)."""

from __future__ import annotations

import pytest

from chatbot.backends.fake import FakeBatchChatModel, FakeChatModel
from chatbot.config import Settings
from chatbot.errors import BackendError
from chatbot.generation import ResponseWriter
from tests.test_generation import GOOD, INTRO, SHOWN, request, run, shown_labels


@pytest.fixture
def settings() -> Settings:
    return Settings.from_env({}, llm="fake")


def test_batched_items_give_the_same_reply_as_one_at_a_time(books_catalog, settings):
    batched = FakeBatchChatModel([INTRO, *GOOD])
    _, one = run(ResponseWriter(batched, books_catalog, settings), request(books_catalog))
    _, two = run(
        ResponseWriter(FakeChatModel([INTRO, *GOOD]), books_catalog, settings),
        request(books_catalog),
    )
    assert one.text == two.text
    assert shown_labels(one.text) == [books_catalog.get(i).label for i in SHOWN]
    assert (one.attempts, one.fell_back, one.violations) == (4, False, ())
    assert len(batched.batches) == 1 and len(batched.calls) == 4
    # the three item prompts went into the one batch, in the shown order
    for call, item_id in zip(batched.calls[1:], SHOWN, strict=True):
        assert books_catalog.get(item_id).title in call["messages"][-1]["content"]


def test_first_item_streams_before_the_batch_ends(books_catalog, settings):
    short = "It is hard physics."  # item 1 finishes long before items 2 and 3
    model = FakeBatchChatModel([INTRO, short, *GOOD[1:]])
    writer = ResponseWriter(model, books_catalog, settings)
    for part in writer.stream(request(books_catalog)):
        if isinstance(part, str) and part.strip() == short:  # after the clause and a space
            batch = model.batches[0]
            assert not batch.exhausted and 0 in batch.stopped
            assert batch.emitted[1] < len(GOOD[1].split()), "item 2 was still generating"
            break
    else:
        pytest.fail("the first item's sentence was never streamed")


def test_each_row_stops_after_its_sentence(books_catalog, settings):
    long = [g + " And then it goes on and on about other things." for g in GOOD]
    model = FakeBatchChatModel([INTRO, *long])
    _, written = run(ResponseWriter(model, books_catalog, settings), request(books_catalog))
    batch = model.batches[0]
    assert batch.stopped == {0, 1, 2} and not batch.exhausted
    assert "goes on" not in written.text and all(g in written.text for g in GOOD)
    # a row is stopped once the word after its sentence shows the sentence has ended
    assert all(n <= len(g.split()) + 1 for n, g in zip(batch.emitted, GOOD, strict=True))


def test_failed_row_is_retried_after_the_batch_and_order_is_kept(books_catalog, settings):
    model = FakeBatchChatModel(
        [
            INTRO,
            "You will also love Iron Wings, a gripping adventure.",  # row 1: an unshown title
            GOOD[1],
            GOOD[2],
            "It first came out in 1999.",  # the retry of item 1 contradicts its year
        ]
    )
    deltas, written = run(
        ResponseWriter(model, books_catalog, settings, item_retry=True), request(books_catalog)
    )
    assert "Iron Wings" not in written.text and "1999" not in written.text
    assert not any("Iron Wings" in d or "1999" in d for d in deltas)
    assert written.attempts == 5 and written.fell_back and written.fallbacks == 1
    assert shown_labels(written.text) == [books_catalog.get(i).label for i in SHOWN]
    first = books_catalog.get(SHOWN[0])
    assert first.description.split(".")[0] in written.text  # template text for item 1
    assert written.text.index(first.label) < written.text.index(GOOD[1])
    # the retry used the tighter prompt for item 1
    assert "Start with" in model.calls[4]["messages"][-1]["content"]


def test_a_batch_that_fails_gives_template_text_and_no_more_calls(books_catalog, settings):
    model = FakeBatchChatModel([INTRO, GOOD[0], BackendError("server went away"), GOOD[2]])
    _, written = run(ResponseWriter(model, books_catalog, settings), request(books_catalog))
    assert written.backend_error and "went away" in written.backend_error
    assert shown_labels(written.text) == [books_catalog.get(i).label for i in SHOWN]
    assert len(model.calls) == 4 and written.fallbacks >= 2
    assert "Why it's here:" in written.text


def test_one_item_does_not_batch(books_catalog, settings):
    model = FakeBatchChatModel([INTRO, GOOD[0]])
    req = request(books_catalog, recommendations=request(books_catalog).recommendations[:1])
    _, written = run(ResponseWriter(model, books_catalog, settings), req)
    assert model.batches == [] and GOOD[0] in written.text and written.attempts == 2


def test_with_two_sentences_the_first_streams_before_the_second_is_done(books_catalog, settings):
    first, second = "It is hard physics.", "Its engineer is slow to decide about the signal."
    # the other rows outlast item 1, so only item 1's own progress can release its sentence
    slow = [g[:-1] + ", told at great length over many many pages." for g in GOOD[1:]]
    model = FakeBatchChatModel([INTRO, f"{first} {second}", *slow])
    writer = ResponseWriter(model, books_catalog, settings, item_sentences=2)
    for part in writer.stream(request(books_catalog)):
        if isinstance(part, str) and part.strip() == first:
            assert model.batches[0].emitted[0] <= len(first.split()) + 1
            break
    else:
        pytest.fail("the first sentence was never streamed")


def test_items_stream_as_they_pass_not_when_the_batch_ends(books_catalog, settings):
    """Issue 15 (streaming in lumps): item 1's heading is out before the model's first word
    (its card can show), a failed item with no retry gets its template text at once, and the
    next item's sentence is streamed while a later row is still generating."""
    slow = "It is a story told " + "very " * 30 + "slowly in deep space."
    model = FakeBatchChatModel(
        [INTRO, "You will also love Iron Wings, a gripping adventure.", GOOD[1], slow]
    )
    writer = ResponseWriter(model, books_catalog, settings)  # item_retry off: the default
    first = books_catalog.get(SHOWN[0]).label
    seen_heading = seen_second = False
    for part in writer.stream(request(books_catalog)):
        if isinstance(part, str) and first in part:
            assert sum(model.batches[0].emitted) == 0, "heading waited for the model"
            seen_heading = True
        if isinstance(part, str) and part.strip() == GOOD[1]:
            batch = model.batches[0]
            assert batch.emitted[2] < len(slow.split()), "item 2 waited for the batch to end"
            seen_second = True
    assert seen_heading and seen_second
    written = part
    assert "Iron Wings" not in written.text and written.fallbacks >= 1
    assert shown_labels(written.text) == [books_catalog.get(i).label for i in SHOWN]
