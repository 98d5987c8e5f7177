"""The text-to-item model (what the seeker wrote -> what was recommended next).

Hidden structure on the books fixture: a seeker who writes a topic word (a word the books'
texts never use, so retrieval cannot find it) is recommended one fixed book for it; the movies
named around it are random, so EASE cannot find it either.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
import pytest

from chatbot.catalog import load_catalog
from chatbot.config import Settings
from chatbot.events import (
    BeliefRemoved,
    ItemLiked,
    ItemSeen,
    ItemsRecommended,
    StateReset,
    UserSaid,
)
from chatbot.interest import SAID_KEEP, InterestState, fold, item_belief_id
from chatbot.recommender.data import text_pairs
from chatbot.recommender.model import MANIFEST_FILE, EaseModel, model_dir
from chatbot.recommender.text import TEXT_FILE, TextModel, fit_text_model

BOOKS = Path(__file__).resolve().parent.parent / "catalog" / "examples" / "books.jsonl"
# words none of the books' texts use, one per target book
TOPICS = ("zeppelins", "marmalade", "lighthouses", "origami", "beekeeping", "tugboats")


def test_fit_learns_which_words_lead_to_which_items(tmp_path: Path) -> None:
    texts = [
        "anything with zeppelins please",
        "I want zeppelins and airships",
        "a book about marmalade",
        "something sweet, marmalade maybe",
        "lighthouses by the sea",
        "I love lighthouses",
    ] * 3
    targets = [[0], [0], [1], [1], [2], [2]] * 3
    model = fit_text_model(texts, targets, n_items=4, lam=1.0)
    for said, best in ((["what about zeppelins?"], 0), (["hi", "any marmalade stories"], 1)):
        scores = model.scores(said)
        assert scores.shape == (4,) and scores.dtype == np.float32
        assert int(np.argmax(scores)) == best
    assert not model.scores([]).any() and not model.scores(["", "  "]).any()
    assert not model.scores(["nothing it has seen"]).any()  # unknown words score nothing
    loaded = TextModel.load(model.save(tmp_path), n_items=4)
    assert loaded.vocabulary == model.vocabulary
    np.testing.assert_allclose(
        loaded.scores(["zeppelins"]), model.scores(["zeppelins"]), rtol=1e-2, atol=1e-4
    )
    with pytest.raises(ValueError, match="beyond"):
        TextModel.load(tmp_path / TEXT_FILE, n_items=2)


def test_state_keeps_the_latest_messages_and_forgets_them_with_a_belief() -> None:
    said = [UserSaid(f"message {n}") for n in range(SAID_KEEP + 2)]
    state = fold(said)
    assert state.said == tuple(f"message {n}" for n in range(2, SAID_KEEP + 2))
    assert "said" not in state.to_dict()  # the user's words are no belief and not shown
    assert all("message" not in b.label for b in state.beliefs())
    liked = fold([UserSaid("I loved Dune"), ItemLiked("b1")])
    assert liked.said == ("I loved Dune",)
    # removing a belief drops the words too: what stood behind it stops counting at once
    assert fold([BeliefRemoved(item_belief_id("liked", "b1"))], liked).said == ()
    assert fold([StateReset()], liked).said == ()


def _book_dialogues(n: int = 400) -> tuple[list[dict], dict[str, str], dict[str, str]]:
    catalog = load_catalog(BOOKS)
    rid = {item.id: str(1000 + k) for k, item in enumerate(catalog)}
    ids = [item.id for item in catalog]
    target = dict(zip(TOPICS, ids[: len(TOPICS)], strict=True))
    rng = random.Random(5)
    lines = []
    for k in range(n):
        topic = rng.choice(TOPICS)
        a, b = rng.sample([i for i in ids if i not in target.values()], 2)
        messages = [
            (1, f"Hi! I liked @{rid[a]}"),
            (2, f"Have you read @{rid[b]}?"),
            (1, f"no. I'm after something with {topic} in it"),
            (2, f"Then @{rid[target[topic]]} is the one"),
        ]
        names = {rid[i]: catalog.get(i).label for i in (a, b, target[topic])}
        lines.append(
            {
                "conversationId": k,
                "initiatorWorkerId": 1,
                "respondentWorkerId": 2,
                "movieMentions": names,
                "messages": [{"senderWorkerId": s, "text": t} for s, t in messages],
            }
        )
    return lines, rid, target


def _books_with_redial_ids(folder: Path, rid: dict[str, str]) -> Path:
    """The books fixture written to folder/books.jsonl with a ReDial id per book."""
    books = folder / "books.jsonl"
    with books.open("w") as f:
        for item in load_catalog(BOOKS):
            row = item.to_dict()
            row["extra"] = {**row.get("extra", {}), "redial_ids": [rid[item.id]]}
            f.write(json.dumps(row) + "\n")
    return books


def test_text_pairs_leave_out_mentions_and_only_count_new_items(tmp_path: Path) -> None:
    from chatbot.evaluation.redial import parse_dialogue

    lines, rid, target = _book_dialogues(20)
    books = _books_with_redial_ids(tmp_path, rid)
    dialogues = [parse_dialogue(x) for x in lines]
    texts, chosen = text_pairs(dialogues, load_catalog(books), skip_below=0.0, seed=0)
    assert len(texts) == 2 * len(dialogues)  # both recommender turns follow seeker text
    assert all("@" not in t and not any(c.isdigit() for c in t) for t in texts)
    first, second = texts[:2]
    assert first == "Hi! I liked"
    assert second.startswith("Hi! I liked no. I'm after something with")
    assert all(len(c) == 1 for c in chosen)
    some, _ = text_pairs(dialogues, load_catalog(books), skip_below=0.5, seed=0)
    assert 0 < len(some) < len(texts)  # the split by dialogue id


def test_trainer_learns_the_words_and_the_ranker_uses_them(tmp_path: Path) -> None:
    """End to end through the CLI: the text model is kept because it beats EASE alone on the
    held-out dialogues, and a user's topic word moves its book up in the Ranker."""
    from chatbot.cli import main
    from chatbot.ranking import Ranker
    from chatbot.retrieval import Retriever

    lines, rid, target = _book_dialogues()
    books = _books_with_redial_ids(tmp_path, rid)
    data = tmp_path / "train_mini.jsonl"
    data.write_text("".join(json.dumps(x) + "\n" for x in lines))
    env = {
        "CHATBOT_HOME": str(tmp_path / "var"),
        "CHATBOT_INDEX_DIR": str(tmp_path / "var" / "index"),
        "CHATBOT_EMBEDDER": "hash",
    }
    with pytest.MonkeyPatch.context() as mp:
        for k, v in env.items():
            mp.setenv(k, v)
        argv = ["--catalog", str(books), "train", "recommender", "--data", str(data)]
        assert main([*argv, "--no-rerank", "--text"]) == 0
        settings = Settings.from_env(catalog_path=books, embedder="hash")
    folder = model_dir(settings)
    manifest = json.loads((folder / MANIFEST_FILE).read_text())
    held = manifest["holdout"]
    assert manifest["text"]["file"] == TEXT_FILE and manifest["blend"]["text"] > 0
    assert held["model_alone_with_text"]["recall@10"] > held["model_alone"]["recall@10"]
    catalog = load_catalog(books)
    model = EaseModel.load(folder, catalog)
    assert model.text is not None
    ranker = Ranker(catalog, Retriever.open(catalog, settings, progress=False), settings)
    ranker.learned = model
    liked = next(i for i in (item.id for item in catalog) if i not in target.values())
    state = fold([UserSaid("hello"), ItemLiked(liked)])
    before = [r.item.id for r in ranker.rank(state, 40, explain=False)]
    for topic, book in target.items():
        asked = fold([UserSaid(f"anything with {topic}?")], state)
        after = [r.item.id for r in ranker.rank(asked, 40, explain=False)]
        assert after.index(book) <= 2, (topic, after[:5])
        assert after.index(book) == 0 or after.index(book) < before.index(book)
    # the reason says why in words a user understands, and only for the text model's picks
    # (a film the user has seen gives the context: one turned down counts for nothing since
    # the trainer's context weight for a dislike is at most 0)
    shown = fold([UserSaid("hello"), ItemsRecommended((liked,)), ItemSeen(liked)])
    asked = fold([UserSaid("anything with zeppelins?")], shown)
    reasons = {r.item.id: r.reasons for r in ranker.rank(asked, 3)}
    assert "people who asked for something like this often chose it" in reasons[target["zeppelins"]]
    plain = {r.item.id: r.reasons for r in ranker.rank(shown, 3)}
    assert not any("people who asked" in x for rs in plain.values() for x in rs)
    moved = [b for b in target.values() if before.index(b) > 2]
    assert len(moved) >= len(TOPICS) - 3  # most were not near the top before the word
    # words alone do not replace the cold start (nothing else to go by)
    assert model.inputs(fold([UserSaid("zeppelins")])) == ({}, ())
    # the default training (without --text) writes no text model and blends EASE alone
    with pytest.MonkeyPatch.context() as mp:
        for k, v in env.items():
            mp.setenv(k, v)
        assert main([*argv, "--no-rerank"]) == 0
    manifest = json.loads((folder / MANIFEST_FILE).read_text())
    assert manifest["text"] is None and not (folder / TEXT_FILE).exists()
    assert EaseModel.load(folder, catalog).text is None


def test_old_models_without_a_text_model_still_load(tmp_path: Path) -> None:
    """A model of the previous format (no text.npz) loads and scores as before."""
    from chatbot.recommender.model import Blend

    catalog = load_catalog(BOOKS)
    ids = [item.id for item in catalog][:3]
    cols = np.array([[1, 2], [0, 2], [0, 1]], dtype=np.int32)
    vals = np.array([[0.5, 0.1], [0.5, 0.2], [0.1, 0.2]], dtype=np.float32)
    model = EaseModel(ids, cols, vals, np.ones(3, dtype=np.int32), Blend(text=0.5))
    state = InterestState(liked=(ids[0],), said=("zeppelins",))
    context, said = model.inputs(state)
    assert context == {ids[0]: 1.0} and said == ("zeppelins",)
    assert model.scores(context, said).tolist() == model.scores(context).tolist()


def test_words_count_only_where_the_understanding_found_nothing_more_precise() -> None:
    """The text model's input: the latest messages, without the titles the state knows, and
    nothing where two facets were just asked for or a described topic is kept (there the
    popular films of the broader kind pushed out the ones asked for: 'a found footage horror'
    got It and The Exorcist)."""
    from chatbot.recommender.model import Blend

    catalog = load_catalog(BOOKS)
    ids = [item.id for item in catalog][:2]
    cols = np.array([[1], [0]], dtype=np.int32)
    vals = np.ones((2, 1), dtype=np.float32)
    model = EaseModel(ids, cols, vals, np.ones(2, dtype=np.int32), Blend(text=0.5))
    said = ("loved The Italian Job", "not the italian job (1969) either, something fun")
    state = InterestState(
        liked=(ids[0],), titles={ids[0]: "The Italian Job (2003)"}, said=said, turns=2
    )
    context, words = model.inputs(state)
    assert context == {ids[0]: 1.0}
    assert [" ".join(w.split()) for w in words] == ["loved", "not (1969) either, something fun"]
    two = (("genre", "Horror"), ("genre", "Found Footage"))
    assert model.inputs(InterestState(liked=(ids[0],), said=said, focus=two))[1] == ()
    one = (("genre", "Horror"),)
    assert model.inputs(InterestState(liked=(ids[0],), said=said, focus=one))[1]
    kept = InterestState(liked=(ids[0],), said=said, interests=("pirates",))
    assert model.inputs(kept)[1] == ()
    assert model.inputs(InterestState(said=said))[1] == ()  # nothing else to go by
