"""Decoding constraints for the local transformers backend (issue 13).

The writer asks every backend for the same constraints, as ChatModel options:

- ``repetition_penalty`` (float > 1): tokens already *generated* are less likely again;
- ``no_repeat_ngram_size`` (int): no n-gram of generated tokens occurs twice;
- ``avoid`` (list of phrases): stock phrases ("must-watch", "a great example of") that may not
  be generated, turned into token-id sequences with the model's own tokenizer.

transformers' own ``repetition_penalty`` and ``no_repeat_ngram_size`` arguments of generate()
count the prompt too (see `transformers.generation.utils._get_logits_processor`): with them the
model is pushed away from the words of the item's description, which are exactly the words a
grounded sentence needs. So the library's processors (`RepetitionPenaltyLogitsProcessor`,
`NoRepeatNGramLogitsProcessor`, `NoBadWordsLogitsProcessor`) are wrapped here to see only the
tokens generated after the prompt; the prompt's length is taken from the first call (generate()
and its assisted decoding first call processors with exactly the prompt).

Torch and transformers are imported lazily (core modules never import them at module level).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any


def phrase_variants(phrase: str) -> list[str]:
    """The spellings of a phrase a model may produce: with and without a leading space,
    lower-case and capitalised ("must-watch" -> "must-watch", " must-watch", "Must-watch", ...)."""
    phrase = " ".join(phrase.split())
    if not phrase:
        return []
    forms = {phrase, phrase[:1].upper() + phrase[1:]}
    return sorted({f for form in forms for f in (form, " " + form)})


@lru_cache(maxsize=64)
def _encode_phrases(tokenizer: Any, phrases: tuple[str, ...]) -> tuple[tuple[int, ...], ...]:
    seqs: set[tuple[int, ...]] = set()
    for phrase in phrases:
        for form in phrase_variants(phrase):
            ids = tuple(tokenizer(form, add_special_tokens=False)["input_ids"])
            if ids:
                seqs.add(ids)
    return tuple(sorted(seqs))


def bad_words_ids(tokenizer: Any, phrases: Sequence[str]) -> list[list[int]]:
    """Token-id sequences of every spelling of `phrases` (see `phrase_variants`), for
    NoBadWordsLogitsProcessor or onnxruntime-genai's banned sequences; cached per tokenizer."""
    return [list(seq) for seq in _encode_phrases(tokenizer, tuple(sorted(set(phrases))))]


class GeneratedOnly:
    """A transformers LogitsProcessor applied to the generated tokens only (not the prompt).

    `inner` is any processor called as ``inner(input_ids, scores)``; it is given
    ``input_ids[:, prompt_len:]``, where prompt_len is the length of the first call's ids.
    """

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.prompt_len: int | None = None

    def __call__(self, input_ids: Any, scores: Any) -> Any:
        if self.prompt_len is None:
            self.prompt_len = int(input_ids.shape[1])
        generated = input_ids[:, self.prompt_len :]
        if generated.shape[1] == 0:
            return scores
        return self.inner(generated, scores)


def logits_processors(tokenizer: Any, opts: dict[str, Any]) -> list[Any]:
    """The LogitsProcessors for one generate() call from the ChatModel options
    `repetition_penalty`, `no_repeat_ngram_size` and `avoid` (absent or neutral: none).
    Raises ValueError for a penalty below 1 or a negative n-gram size."""
    from transformers import (
        NoBadWordsLogitsProcessor,
        NoRepeatNGramLogitsProcessor,
        RepetitionPenaltyLogitsProcessor,
    )

    out: list[Any] = []
    penalty = opts.get("repetition_penalty")
    if penalty is not None and float(penalty) != 1.0:
        if float(penalty) < 1.0:
            raise ValueError(f"repetition_penalty must be at least 1, got {penalty}")
        out.append(GeneratedOnly(RepetitionPenaltyLogitsProcessor(float(penalty))))
    ngram = int(opts.get("no_repeat_ngram_size") or 0)
    if ngram < 0:
        raise ValueError(f"no_repeat_ngram_size must be 0 or more, got {ngram}")
    if ngram:
        out.append(GeneratedOnly(NoRepeatNGramLogitsProcessor(ngram)))
    avoid = [p for p in opts.get("avoid") or () if p.strip()]
    if avoid:
        seqs = bad_words_ids(tokenizer, avoid)
        eos = tokenizer.eos_token_id
        # a sequence's last token is banned once its head was generated (the prompt ends with
        # the assistant header, so a head never comes from the prompt); a one-token phrase
        # is banned from the first token on
        out.append(NoBadWordsLogitsProcessor(seqs, eos_token_id=eos))
    return out


def constrain_logits(
    logits: Any,
    generated: Sequence[int],
    *,
    repetition_penalty: float = 1.0,
    no_repeat_ngram_size: int = 0,
    bad_words: Sequence[Sequence[int]] = (),
) -> Any:
    """The same three constraints on one row's next-token logits (a numpy array whose last axis
    is the vocabulary), for engines without transformers' processors (onnxruntime-genai):
    tokens in `generated` penalised as in CTRL (positive logits divided, negative multiplied),
    the token completing an n-gram already generated banned, the last token of a bad sequence
    banned when its head ends `generated`. Returns a new float32 array."""
    import numpy as np

    out = np.array(logits, dtype=np.float32, copy=True)
    flat = out.reshape(-1, out.shape[-1])
    if repetition_penalty != 1.0 and generated:
        ids = np.unique(np.asarray(generated, dtype=np.int64))
        vals = flat[:, ids]
        flat[:, ids] = np.where(vals > 0, vals / repetition_penalty, vals * repetition_penalty)
    banned: set[int] = set()
    n = no_repeat_ngram_size
    if n > 0 and len(generated) >= n:
        head = tuple(generated[len(generated) - n + 1 :]) if n > 1 else ()
        for i in range(len(generated) - n + 1):
            if tuple(generated[i : i + n - 1]) == head:
                banned.add(int(generated[i + n - 1]))
    for seq in bad_words:
        if seq and (len(seq) == 1 or list(generated[-(len(seq) - 1) :]) == list(seq[:-1])):
            banned.add(int(seq[-1]))
    if banned:
        flat[:, sorted(banned)] = -np.inf
    return out
