"""`chatbot train writer`: ReDial recommender sentences turned into writer pairs, the adapter's
manifest and how the backend and the writer find it (fast; the real training run is slow)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from chatbot import writer_training as wt
from chatbot.backends.fake import FakeChatModel
from chatbot.backends.llm_transformers import resolve_adapter
from chatbot.catalog import Catalog, Item
from chatbot.config import Settings
from chatbot.errors import BackendUnavailable, ConfigError
from chatbot.evaluation.redial import parse_dialogue
from chatbot.generation import ReplyRequest, ResponseWriter
from chatbot.ranking import Recommendation

JAWS = Item(
    id="jaws",
    title="Jaws",
    description=(
        "A great white shark terrorises the beach town of Amity. The police chief, a marine "
        "biologist and a fisherman hunt it at sea."
    ),
    year=1975,
    genres=("Thriller", "Adventure"),
    runtime=124,
    facets={"mood": ("Suspenseful", "Scary")},
    extra={"redial_ids": ["111"]},
)
HEAT = Item(
    id="heat",
    title="Heat",
    description="A detective hunts a crew of bank robbers across Los Angeles.",
    year=1995,
    genres=("Crime", "Thriller"),
    runtime=170,
    extra={"redial_ids": ["222"]},
)
CATALOG = Catalog([JAWS, HEAT])


def dialogue(messages: list[tuple[int, str]], conversation: str = "c1") -> dict:
    return {
        "conversationId": conversation,
        "movieMentions": {"111": "Jaws (1975)", "222": "Heat (1995)", "333": "Alien (1979)"},
        "initiatorWorkerId": 1,
        "respondentWorkerId": 2,
        "messages": [{"text": t, "senderWorkerId": w} for w, t in messages],
    }


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Have you seen @111 ? It's great", None),  # a question
        ("I loved @111", None),  # first person, no statement about the movie
        (
            "@111 is about a shark that hunts a beach town.",
            "It is about a shark that hunts a beach town.",
        ),
        ("I like @111 because it has a shark at sea!", "It has a shark at sea."),
        ("@111 is like @333 but wetter", None),  # another title
        ("@111 is a movie you will like", None),  # speaks to the user
        ("@111 is.", None),  # too short
    ],
)
def test_clean_target_keeps_statements_about_the_movie(sentence, expected):
    assert wt.clean_target(sentence, "@111") == expected


def test_request_words_are_the_systems_not_the_users():
    vocab = frozenset({"thriller", "scary"})
    assert wt.request_words("hello! I want a scary thriller", [], vocab) == "scary thriller movies"
    assert wt.request_words("hi there how are you", [], vocab) == "a good movie"
    liked = ["Heat (1995)"]
    assert wt.request_words("hi, I loved @222", liked, vocab) == "movies like Heat (1995)"


def test_recommender_sentences_follow_the_movie_named_last():
    d = parse_dialogue(
        dialogue(
            [
                (1, "hi, I like thrillers like @222"),
                (2, "Try @111. It has a shark at sea. Also @333 and @222 are good"),
            ]
        )
    )
    got = [(rid, s) for rid, s, _, _ in wt.recommender_sentences(d)]
    assert got == [("111", "Try @111."), ("111", "It has a shark at sea.")]
    seeker = [(text, ids) for _, _, text, ids in wt.recommender_sentences(d)]
    assert seeker[0] == ("hi, I like thrillers like @222", ["222"])


def test_build_pairs_keeps_only_what_the_served_check_accepts():
    settings = Settings(llm="template")
    writer = ResponseWriter(None, CATALOG, settings)
    d = parse_dialogue(
        dialogue(
            [
                (1, "I want a scary thriller like @222"),
                (2, "@111 has a marine biologist and a fisherman who hunt a shark at sea."),
                (2, "@111 is a must-watch"),  # stock filler
                (1, "ok"),
                (2, "@111 is about a shark in Miami with Tom Hanks."),  # names the text lacks
            ]
        )
    )
    pairs = wt.build_pairs([d], CATALOG, writer, "served")
    assert [p.target for p in pairs] == [
        "It has a marine biologist and a fisherman who hunt a shark at sea."
    ]
    pair = pairs[0]
    assert pair.item_id == "jaws"
    assert pair.request == "scary thriller movies like Heat (1995)"
    user = pair.messages[-1]["content"]
    assert "Title: Jaws" in user and "I asked for: scary thriller movies like Heat" in user
    assert "must-watch" not in json.dumps([p.messages for p in pairs])


def test_truthful_filter_allows_opinions_but_not_false_claims():
    writer = ResponseWriter(None, CATALOG, Settings(llm="template"))
    assert wt.accepted(writer, JAWS, "It is so scary.", "movies", "served")  # a mood of it
    assert wt.accepted(writer, JAWS, "It was so good.", "movies", "truthful")
    assert not wt.accepted(writer, JAWS, "It was so good.", "movies", "served")
    assert not wt.accepted(writer, JAWS, "It is a documentary.", "movies", "truthful")
    assert not wt.accepted(writer, JAWS, "It stars Tom Hanks.", "movies", "truthful")
    with pytest.raises(ConfigError):
        wt.accepted(writer, JAWS, "It is so scary.", "movies", "everything")


def test_holdout_keeps_a_dialogues_pairs_together():
    pairs = [
        wt.WriterPair(f"d{i % 40}", "jaws", "movies", f"It has a shark {i}.", ())
        for i in range(400)
    ]
    train, held = wt.split_holdout(pairs, 0.25, seed=0)
    assert held and train and len(train) + len(held) == 400
    assert not {p.dialogue_id for p in train} & {p.dialogue_id for p in held}
    assert wt.split_holdout(pairs, 0.25, seed=0) == (train, held)


def test_training_refuses_test_data_and_missing_files(tmp_path: Path):
    settings = Settings(llm="template")
    with pytest.raises(ConfigError, match="not found"):
        wt.train_writer(settings, data=tmp_path / "nope.jsonl", out=tmp_path / "w")
    test_file = tmp_path / "test_dev.jsonl"
    test_file.write_text("{}\n")
    with pytest.raises(ConfigError, match="training dialogues only"):
        wt.train_writer(settings, data=test_file, out=tmp_path / "w")


def write_adapter(folder: Path, prompt: str = "explain_tuned") -> None:
    folder.mkdir(parents=True)
    (folder / "adapter_config.json").write_text("{}")
    (folder / "manifest.json").write_text(json.dumps({"prompt": prompt, "recipe": wt.RECIPE}))


def test_adapter_setting_off_auto_and_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    assert resolve_adapter("off") == (None, None)
    monkeypatch.chdir(tmp_path)  # auto looks in var/writer of the working directory
    assert resolve_adapter("auto") == (None, None)
    write_adapter(tmp_path / "var" / "writer")
    folder, manifest = resolve_adapter("auto")
    assert folder == Path("var/writer") and manifest and manifest["prompt"] == "explain_tuned"
    with pytest.raises(BackendUnavailable, match="holds no adapter"):
        resolve_adapter(str(tmp_path / "empty"))
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "adapter_config.json").write_text("{}")
    (tmp_path / "bad" / "manifest.json").write_text("not json")
    with pytest.raises(BackendUnavailable):
        resolve_adapter(str(tmp_path / "bad"))


def test_the_writer_uses_the_prompt_the_adapter_was_trained_on():
    plain = FakeChatModel(["It has a shark at sea."], cycle=True)
    tuned = FakeChatModel(["It has a shark at sea."], cycle=True)
    tuned.adapter_manifest = {"prompt": "explain_tuned"}  # type: ignore[attr-defined]
    request = ReplyRequest(
        kind="recommend",
        user_text="a scary thriller",
        recommendations=(Recommendation(JAWS, 1.0, ("Thriller, which you asked for",)),),
    )
    for model, examples in ((plain, True), (tuned, False)):
        writer = ResponseWriter(model, CATALOG, Settings(llm="fake"))
        writer.write(request)
        item_call = model.calls[-1]["messages"]
        assert "Title: Jaws" in item_call[-1]["content"]
        # the tuned prompt has no few-shot examples: system + one user message
        assert (len(item_call) > 2) is examples
