"""Decoding constraints (issue 13): the writer asks for them, the local backends honour them over
the generated tokens only (the item's words in the prompt stay usable)."""

from __future__ import annotations

import numpy as np
import pytest

from chatbot.backends import llm_onnx
from chatbot.backends.llm_decoding import (
    GeneratedOnly,
    bad_words_ids,
    constrain_logits,
    logits_processors,
    phrase_variants,
)
from chatbot.writing_checks import AVOID_PHRASES


def test_phrase_variants_cover_spacing_and_capitals() -> None:
    assert phrase_variants("must watch") == [
        " Must watch",
        " must watch",
        "Must watch",
        "must watch",
    ]
    assert phrase_variants("  ") == []


def test_constrain_logits_penalises_generated_tokens_only() -> None:
    logits = np.array([[2.0, -2.0, 2.0, 1.0]], dtype=np.float32)
    out = constrain_logits(logits, [0, 1], repetition_penalty=2.0)
    assert out.tolist() == [[1.0, -4.0, 2.0, 1.0]]  # token 2 (not generated) untouched
    assert logits.tolist() == [[2.0, -2.0, 2.0, 1.0]]  # a copy, the input is left alone


def test_constrain_logits_bans_a_repeated_ngram_and_bad_sequences() -> None:
    logits = np.zeros((1, 1, 6), dtype=np.float32)
    out = constrain_logits(logits, [1, 2, 3, 1], no_repeat_ngram_size=2)
    assert np.isneginf(out[0, 0, 2]) and np.isfinite(out[0, 0, [0, 1, 3, 4, 5]]).all()
    out = constrain_logits(logits, [4, 3], bad_words=[(5,), (3, 4), (2, 4)])
    assert np.isneginf(out[0, 0, [5, 4]]).all() and np.isfinite(out[0, 0, :4]).all()


def test_generated_only_hides_the_prompt_from_the_library_processor() -> None:
    torch = pytest.importorskip("torch")
    from transformers import NoRepeatNGramLogitsProcessor, RepetitionPenaltyLogitsProcessor

    prompt = torch.tensor([[1, 2, 1, 2]])  # the prompt repeats the bigram (1, 2)
    ngram = GeneratedOnly(NoRepeatNGramLogitsProcessor(2))
    scores = torch.zeros((1, 5))
    assert torch.isfinite(ngram(prompt, scores.clone())).all()  # first call: the prompt itself
    after = torch.tensor([[1, 2, 1, 2, 3, 1]])  # generated: 3, 1 -> (1, 2) not yet generated
    assert torch.isfinite(ngram(after, scores.clone())).all()
    again = torch.tensor([[1, 2, 1, 2, 3, 1, 3]])  # generated 3, 1, 3: (3, 1) again is banned
    assert torch.isneginf(ngram(again, scores.clone())[0, 1])
    penalty = GeneratedOnly(RepetitionPenaltyLogitsProcessor(2.0))
    ones = torch.ones((1, 5))
    assert penalty(prompt, ones.clone()).tolist() == [[1.0] * 5]  # prompt tokens not penalised
    out = penalty(torch.tensor([[1, 2, 1, 2, 4]]), ones.clone())
    assert out[0, 4] == 0.5 and out[0, 1] == 1.0


class _Tok:
    eos_token_id = 0

    def __call__(self, text: str, add_special_tokens: bool = False) -> dict[str, list[int]]:
        return {"input_ids": [ord(c) for c in text]}


def test_logits_processors_from_options() -> None:
    pytest.importorskip("transformers")
    assert logits_processors(_Tok(), {}) == []
    assert logits_processors(_Tok(), {"repetition_penalty": 1.0, "avoid": [" "]}) == []
    procs = logits_processors(
        _Tok(), {"repetition_penalty": 1.2, "no_repeat_ngram_size": 3, "avoid": ["ab"]}
    )
    assert len(procs) == 3
    assert [ord("a"), ord("b")] in bad_words_ids(_Tok(), ["ab"])
    assert [ord(" "), ord("A"), ord("b")] in bad_words_ids(_Tok(), ["ab"])
    with pytest.raises(ValueError, match="repetition_penalty"):
        logits_processors(_Tok(), {"repetition_penalty": 0.5})


def test_the_writer_asks_every_backend_for_the_constraints() -> None:
    from chatbot.backends.fake import FakeChatModel
    from chatbot.catalog import Item
    from chatbot.config import Settings
    from chatbot.generation import ReplyRequest, ResponseWriter
    from chatbot.ranking import Recommendation

    item = Item(
        id="m1",
        title="Iron Wings",
        description="A pilot loses her wings. She rebuilds a glider from scrap in the desert.",
        year=1999,
        genres=("Drama",),
    )
    from chatbot.catalog import Catalog

    model = FakeChatModel(["Here is one pick.", "She rebuilds a glider from scrap."])
    writer = ResponseWriter(model, Catalog([item]), Settings())
    writer.write(ReplyRequest("recommend", "a drama", (Recommendation(item, 1.0, ()),)))
    for call in model.calls:
        opts = call["opts"]
        assert opts["repetition_penalty"] > 1 and opts["no_repeat_ngram_size"] == 3
        assert set(AVOID_PHRASES) <= set(opts["avoid"])


def test_the_onnx_decode_loop_applies_the_ngram_ban_to_generated_tokens() -> None:
    from tests.test_llm_onnx import EOS, FakeRows, FakeTokenizer, ids

    rows = FakeRows()
    rows.scripts = {40: ids("abcab")}
    rows.prompt_len = {40: 3}
    scheduler = llm_onnx._Scheduler(rows, FakeTokenizer(), {EOS})
    job = llm_onnx._Job(
        prompt=[40, 1, 2],  # the prompt holds 'ab' too: it does not count
        max_new_tokens=10,
        search={},
        stop=(),
        bad_words=(),
        no_repeat_ngram_size=2,
    )
    scheduler.submit(job)
    text = "".join(llm_onnx._events(job, 5.0))
    assert text == "abca"  # 'b' after 'a' would repeat the generated 'ab'
