"""`chatbot eval` end to end: metrics.json keys, Markdown with plots, self-contained HTML."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from chatbot.catalog import write_catalog
from chatbot.cli import main
from chatbot.config import Settings
from chatbot.evaluation.redial import extract_cases, read_dialogues
from chatbot.evaluation.run import run_redial
from tests.test_eval_redial import MINI, mini_catalog

REDIAL_DIR = Settings.from_env({}).redial_dir


@pytest.fixture
def mini_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A catalogue with the mini fixture's ReDial ids, a hash index under tmp_path."""
    write_catalog(mini_catalog().items, tmp_path / "mini.jsonl")
    (tmp_path / "counts.csv").write_text("movieId,movieName,nbMentions\n1006,X (2009),5\n")
    monkeypatch.setenv("CHATBOT_INDEX_DIR", str(tmp_path / "index"))
    monkeypatch.setenv("CHATBOT_LLM", "template")
    return tmp_path


def assert_self_contained(html_path: Path, n_plots: int) -> None:
    text = html_path.read_text()
    assert text.count("src='data:image/png;base64,") == n_plots
    assert not re.search(r"(src|href)=['\"]?(https?:)?//", text)  # nothing fetched from outside
    assert "<script" not in text


def test_cli_redial_writes_metrics_and_reports(
    mini_env: Path, capsys: pytest.CaptureFixture
) -> None:
    out = mini_env / "out"
    code = main(
        [
            "--catalog",
            str(mini_env / "mini.jsonl"),
            "eval",
            "redial",
            "--data",
            str(MINI),
            "--out",
            str(out),
            "--embedder",
            "hash",
            "--popularity",
            str(mini_env / "counts.csv"),
        ]
    )
    assert code == 0
    m = json.loads((out / "metrics.json").read_text())
    for conv in ("full", "new_only"):
        assert set(m[conv]) == {
            "popular",
            "content",
            "handtuned",
            "dialogue",
            "mentioned",
            "dialogue+mentioned",
        }
        for res in m[conv].values():
            assert all(0.0 <= res[f"recall@{k}"] <= 1.0 for k in (1, 5, 10, 20, 50))
    assert m["out_of_catalogue"] == pytest.approx(1 / 8)
    # the copy rows only move "full": new_only drops the copied movies before scoring
    assert m["new_only"]["dialogue+mentioned"] == m["new_only"]["dialogue"]
    assert m["new_only"]["mentioned"]["recall@50"] == 0.0
    # popularity puts i1006 first: a hit at rank 1 for the m2 turn (1 of 8 full samples)
    assert m["full"]["popular"]["recall@1"] == pytest.approx(1 / 8)
    assert "latencies_ms" not in json.dumps(m)  # raw lists go to raw.json
    assert json.loads((out / "raw.json").read_text())
    md = (out / "report.md").read_text()
    assert "| UniCRS | published | 0.051 |" in md and "![recall_full](plots/recall_full.png)" in md
    plots = sorted(p.name for p in (out / "plots").glob("*.png"))
    assert plots == [
        "by_description.png",
        "latency.png",
        "popularity_bias.png",
        "recall_full.png",
        "recall_new_only.png",
    ]
    assert all((out / "plots" / p).read_bytes().startswith(b"\x89PNG") for p in plots)
    assert_self_contained(out / "report.html", len(plots))
    assert "full     popular" in capsys.readouterr().out


def test_popularity_from_the_evaluated_file_is_refused(mini_env: Path) -> None:
    code = main(
        ["--catalog", str(mini_env / "mini.jsonl"), "eval", "redial", "--data", str(MINI)]
        + ["--popularity", str(MINI), "--out", str(mini_env / "o"), "--systems", "popular"]
    )
    assert code == 2


def test_unknown_system_is_refused(mini_env: Path, capsys: pytest.CaptureFixture) -> None:
    code = main(
        ["--catalog", str(mini_env / "mini.jsonl"), "eval", "redial", "--data", str(MINI)]
        + ["--out", str(mini_env / "o"), "--systems", "popular,oracle"]
    )
    assert code == 2 and "unknown system(s) ['oracle']" in capsys.readouterr().err


def test_cli_simulate_writes_metrics_and_reports(mini_env: Path) -> None:
    out = mini_env / "sim"
    code = main(
        ["--catalog", str(mini_env / "mini.jsonl"), "eval", "simulate", "--data", str(MINI)]
        + ["--users", "4", "--turns", "2", "--out", str(out), "--embedder", "hash"]
    )
    assert code == 0
    m = json.loads((out / "metrics.json").read_text())
    for key in ("success_by_turn", "avg_turns", "feedback_compliance", "hallucinated_item_rate"):
        assert key in m
    assert set(m["success_by_turn"]) == {"1", "2"}
    assert {"p50", "p95"} <= set(m["latency_ms"])
    assert m["hallucinated_item_rate"] == 0.0 and m["target_title_leaks"] == 0
    assert len(json.loads((out / "transcripts.json").read_text())) == 4
    assert_self_contained(out / "report.html", len(list((out / "plots").glob("*.png"))))


def test_real_dialogues_on_the_real_catalogue(tmp_path: Path, movie_settings: Settings) -> None:
    """The first real test_dev dialogues against the built movie catalogue (hash embeddings)."""
    if not Path(movie_settings.catalog_path).exists():
        pytest.fail("var/catalog/movies.jsonl is missing: run `make setup` first")
    data = REDIAL_DIR / "test_dev.jsonl"
    # the hash index is saved under var/index like any other: built once, then loaded
    settings = movie_settings.replace(embedder="hash")
    m = run_redial(settings, data=data, out=tmp_path / "out", limit=5, progress=False)
    assert m["cases"] == len(extract_cases(read_dialogues(data, limit=5))) > 5
    assert m["out_of_catalogue"] < 0.25  # most ReDial movies are matched to the catalogue
    # the most-popular baseline finds some of the (popular) ReDial targets in its top 50
    assert m["full"]["popular"]["recall@50"] > 0.0
    for conv in ("full", "new_only"):
        for res in m[conv].values():
            recalls = [res[f"recall@{k}"] for k in (1, 5, 10, 20, 50)]
            assert recalls == sorted(recalls)  # Recall@k never drops as k grows
    assert (tmp_path / "out" / "report.html").exists()
