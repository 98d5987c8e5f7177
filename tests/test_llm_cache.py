"""Warm-start caches of the local LLM under settings.llm_cache_dir (slow: real GGUF)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from chatbot.backends.llm_transformers import (
    TransformersChatModel,
    hf_cache_dir,
    prepare_hf_folder,
)
from chatbot.config import Settings

pytestmark = pytest.mark.slow


def test_gguf_is_converted_once_and_the_cache_gives_the_same_model(tmp_path: Path) -> None:
    import torch

    settings = Settings.from_env({}, llm_cache_dir=tmp_path, llm_dtype="float32", threads=2)
    cache = hf_cache_dir(settings, "float32")
    assert cache is not None and cache.parent == tmp_path and not cache.exists()
    model = TransformersChatModel(settings)
    tokenizer, from_gguf = model._load()  # de-quantises the GGUF and writes the cache
    manifest = json.loads((cache / "manifest.json").read_text())
    assert manifest["dtype"] == "float32" and manifest["source"].endswith(".gguf")
    assert not list(tmp_path.glob(".*tmp*"))  # written atomically
    assert prepare_hf_folder(settings) == cache  # nothing converted again
    _, from_cache = model._load()  # now read from the safetensors cache
    ids = tokenizer("A quiet film about the sea.", return_tensors="pt")["input_ids"]
    with torch.inference_mode():
        a = from_gguf(ids).logits
        b = from_cache(ids).logits
    assert torch.equal(a, b)  # the same weights, bit for bit


def test_a_broken_cache_is_converted_again(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings = Settings.from_env({}, llm_cache_dir=tmp_path, llm_dtype="float32", threads=2)
    cache = hf_cache_dir(settings, "float32")
    assert cache is not None
    cache.mkdir(parents=True)
    (cache / "manifest.json").write_text("{}")
    (cache / "config.json").write_text("{ broken")
    _, model = TransformersChatModel(settings)._load()
    assert model is not None and "unusable" in caplog.text
    assert json.loads((cache / "manifest.json").read_text())["dtype"] == "float32"
