"""`chatbot train writer` for real (slow): a tiny LoRA run on ReDial training dialogues writes an
adapter and a manifest, the transformers backend merges it, and the writer uses its prompt."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from chatbot import writer_training as wt
from chatbot.backends.builtin import TransformersOptions
from chatbot.backends.llm_transformers import TransformersChatModel
from chatbot.config import Settings
from chatbot.generation import ResponseWriter

pytestmark = pytest.mark.slow


def test_a_tiny_run_writes_an_adapter_the_backend_merges(tmp_path: Path, movies_catalog):
    settings = Settings.from_env({}, llm="template", threads=1)
    options = wt.TrainSettings(steps=2, max_dialogues=300, max_eval_pairs=4, threads=1)
    manifest = wt.train_writer(settings, out=tmp_path / "writer", options=options)
    saved = json.loads((tmp_path / "writer" / "manifest.json").read_text())
    assert saved == manifest
    assert manifest["prompt"] == "explain_tuned"
    assert len(manifest["data"]["sha256"]) == 64 and manifest["data"]["dialogues"] == 300
    assert manifest["data"]["train_pairs"] >= 20 and manifest["settings"]["steps"] == 2
    assert manifest["metrics"]["heldout_loss_after"] > 0
    assert (tmp_path / "writer" / "adapter_config.json").is_file()

    plain = TransformersChatModel(Settings.from_env({}, llm="transformers", threads=1))
    tuned = TransformersChatModel(
        Settings.from_env({}, llm="transformers", threads=1),
        options=TransformersOptions(writer_adapter=str(tmp_path / "writer")),
    )
    assert tuned.name.endswith("+writer") and tuned.adapter_manifest == manifest
    messages = [{"role": "user", "content": "Say hello in one short sentence."}]
    text = "".join(tuned.stream(messages, max_new_tokens=12, temperature=0))
    assert text.strip()
    plain.load()
    tuned.load()
    assert tuned._model is not plain._model  # merged weights: a model of its own
    assert ResponseWriter(tuned, movies_catalog, settings).item_prompt == "explain_tuned"
    assert ResponseWriter(plain, movies_catalog, settings).item_prompt == "explain"
