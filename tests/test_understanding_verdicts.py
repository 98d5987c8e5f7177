"""The learned verdict classifier (chatbot.understanding.verdicts): what it learns from, the
artefact `chatbot train verdicts` writes, and what understanding does with it on the real
catalogue (a film judged in words the cue tables lack)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from chatbot.catalog import Catalog
from chatbot.config import Settings
from chatbot.events import ItemLiked, ItemRejected
from chatbot.interest import InterestState
from chatbot.understanding import Understander
from chatbot.understanding import lexicon as lx
from chatbot.understanding.verdicts import (
    CLASSES,
    MANIFEST_FILE,
    VerdictModel,
    load_default,
    train_verdicts,
    training_phrases,
)


def test_the_training_phrases_are_the_tables_own_labels() -> None:
    texts, labels = training_phrases(["Film Noir", "Heist"])
    label_of = dict(zip(texts, labels, strict=True))
    assert len(label_of) == len(texts)  # each phrase once, with one label
    assert label_of["a masterpiece"] == CLASSES.index("pos")
    assert label_of["a slog"] == CLASSES.index("neg")
    assert label_of["film noir"] == CLASSES.index("none")  # a kind describes, it does not judge
    assert label_of["three hours long"] == CLASSES.index("none")
    complaints = {" ".join(p) for p in lx.COPULA_COMPLAINT}
    assert all(label_of[p] == CLASSES.index("neg") for p in complaints)
    assert set(labels) == {0, 1, 2}


@pytest.fixture(scope="module")
def model(movie_settings: Settings) -> VerdictModel:
    found = load_default(movie_settings.home / "verdicts")
    if found is None:
        pytest.fail("var/verdicts is missing: run `make setup` (or `chatbot train verdicts`)")
    return found


@pytest.mark.parametrize(
    ("words", "kind"),
    [
        ("abysmal", "neg"),
        ("atrocious", "neg"),
        ("a disappointment", "neg"),
        ("a total bore", "neg"),
        ("magnificent", "pos"),
        ("a joy to watch", "pos"),
        # descriptions get no verdict: the film named stays liked as before
        ("a war film", None),
        ("in french", None),
        ("about vampires", None),
        ("three hours", None),
    ],
)
def test_the_model_reads_words_the_tables_lack(
    model: VerdictModel, words: str, kind: str | None
) -> None:
    for table in (lx.COPULA_COMPLAINT, lx.COPULA_PRAISE, lx.NEGATIVE_CUES, lx.POSITIVE_CUES):
        assert tuple(words.split()) not in table  # unseen in training
    assert model.read(words.split()).kind == kind


@pytest.fixture(scope="module")
def readers(movies_catalog: Catalog, model: VerdictModel) -> tuple[Understander, Understander]:
    return Understander(movies_catalog, verdicts=model), Understander(movies_catalog, verdicts=None)


def _titles(nlu: Understander, text: str, kind: type) -> set[str]:
    return {e.title for e in nlu.understand(text, InterestState()).events if isinstance(e, kind)}


@pytest.mark.parametrize(
    ("text", "liked", "disliked"),
    [
        ("Troy was abysmal", set(), {"Troy (2004)"}),
        ("Gladiator was a triumph, Troy was atrocious", {"Gladiator (2000)"}, {"Troy (2004)"}),
        ("Heat was wild, Drive was atrocious", {"Heat (1995)"}, {"Drive (2011)"}),
        ("1917 was stunning, 2012 was garbage", {"1917 (2019)"}, {"2012 (2009)"}),
        ("Troy was a war film", {"Troy (2004)"}, set()),
        # no copula typed
        ("Troy: abysmal", set(), {"Troy (2004)"}),
        # a cue of the tables later in the clause reads it, not the classifier
        ("Hereditary? terrifying in the best way", {"Hereditary (2018)"}, set()),
        ("Heat, magnificent. Drive, abysmal", {"Heat (1995)"}, {"Drive (2011)"}),
        # places of a franchise named as a series, judged in words the tables lack
        (
            "the Shrek films - the last two were lazy",
            set(),
            {"Shrek the Third (2007)", "Shrek Forever After (2010)"},
        ),
    ],
)
def test_a_film_judged_in_other_words_lands_where_the_user_put_it(
    readers: tuple[Understander, Understander], text: str, liked: set[str], disliked: set[str]
) -> None:
    nlu, _ = readers
    assert liked <= _titles(nlu, text, ItemLiked)
    assert _titles(nlu, text, ItemRejected) == disliked


def test_without_the_model_the_tables_alone_decide(
    readers: tuple[Understander, Understander],
) -> None:
    nlu, tables_only = readers
    assert _titles(nlu, "Troy was abysmal", ItemRejected) == {"Troy (2004)"}
    assert _titles(tables_only, "Troy was abysmal", ItemRejected) == set()
    # the weather is no film, with or without the model
    for reader in readers:
        assert not reader.understand("the heat was unbearable today", InterestState()).events
        assert not reader.understand("2012 was a great year for me", InterestState()).events


@pytest.mark.slow
def test_train_verdicts_writes_weights_and_a_manifest(
    tmp_path: Path, movie_settings: Settings
) -> None:
    manifest = train_verdicts(tmp_path, catalog_path=movie_settings.catalog_path, progress=False)
    written = json.loads((tmp_path / MANIFEST_FILE).read_text())
    assert written == manifest
    assert written["data"]["catalog_sha256"] and written["data"]["lexicon_sha256"]
    assert written["metrics"]["cv_accuracy"] > 0.7
    assert written["metrics"]["none_as_verdict_rate"] < 0.1
    loaded = VerdictModel.load(tmp_path)
    assert loaded.weights.shape == (3, 384) and loaded.bias.shape == (3,)
    assert np.isfinite(loaded.weights).all()
    assert loaded.read(["abysmal"]).kind == "neg"


def test_an_encoder_that_fails_gives_no_verdict_and_no_error(model: VerdictModel) -> None:
    broken = VerdictModel(model.weights, model.bias, "/nonexistent/model", model.threshold)
    assert broken.read(["abysmal"]).kind is None  # logged once, then the tables alone
    assert broken.read(["atrocious"]).kind is None
