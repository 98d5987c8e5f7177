"""Every artefact a build writes is owner-only (0600), whatever the umask: the catalogue, the
index, the trained recommender and its re-ranker, evaluation reports with plots, the UI secret
and the LLM caches that libraries write (save_pretrained, the ONNX builder)."""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from chatbot.catalog import load_catalog, write_catalog
from chatbot.config import Settings
from chatbot.evaluation.report import Section, write_report
from chatbot.fileio import private_dir, replace_tree, restrict_tree, temp_dir_beside
from chatbot.recommender.model import MODEL_FILE, model_dir
from chatbot.recommender.rerank import RERANKER_FILE, Reranker
from tests.conftest import BOOKS_PATH
from tests.test_learned_recommender import train_on_books
from tests.test_recommender_rerank import tiny_booster


@pytest.fixture(autouse=True)
def usual_umask() -> Iterator[None]:
    """The common umask 022, under which a plain write makes a file 0644 (world-readable)."""
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def loose_files(root: Path) -> dict[str, str]:
    """{relative path: mode} of every file under root that anyone but its owner can use."""
    out = {}
    for p in root.rglob("*"):
        if p.is_file() and stat.S_IMODE(p.stat().st_mode) & 0o077:
            out[str(p.relative_to(root))] = oct(stat.S_IMODE(p.stat().st_mode))
    return out


def test_a_small_build_writes_only_owner_only_files(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Books catalogue + hash index + recommender trained with its re-ranker + a report."""
    catalog = load_catalog(BOOKS_PATH)
    write_catalog(list(catalog), tmp_path / "books.jsonl", meta={"noun": "book"})
    _, _, settings, _ = train_on_books(tmp_path_factory, "owner-only", 120, 3, rank_share=0.3)
    folder = model_dir(settings)
    Reranker(tiny_booster(), baskets=10).save(folder / RERANKER_FILE)
    png = b"\x89PNG\r\n\x1a\n"
    write_report(tmp_path / "report", "t", {"a": 1}, [Section("s", figures={"fig": png})])
    home = Path(settings.home)
    assert (folder / MODEL_FILE).is_file() and (folder / RERANKER_FILE).is_file()
    assert not [p for p in home.rglob("*tmp*")]  # atomic writes leave no temp files
    assert Reranker.load(folder / RERANKER_FILE, baskets=10).booster.num_trees() > 0
    assert (tmp_path / "report" / "plots" / "fig.png").read_bytes() == png
    assert len([p for p in home.rglob("*") if p.is_file()]) >= 5
    assert loose_files(home) == {} and loose_files(tmp_path) == {}


def test_ui_secret_is_owner_only_from_the_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No window in which the key is world-readable: a chmod after the write does not count
    (here it does nothing, as for a process killed between the write and the chmod)."""
    import app

    monkeypatch.setattr(Path, "chmod", lambda *_a, **_k: None)

    settings = Settings.from_env({}, home=tmp_path / "home")
    secret = app.ui_secret(settings)
    path = tmp_path / "home" / "ui-secret"
    assert path.read_text() == secret and app.ui_secret(settings) == secret
    assert loose_files(tmp_path) == {}


class _Saves:
    """Stands in for a transformers model or tokenizer: save_pretrained writes plain files."""

    def __init__(self, *names: str) -> None:
        self.names = names
        self.dtype = "torch.float32"
        self.config = type("Config", (), {})()

    def save_pretrained(self, folder: str) -> None:
        os.makedirs(folder, exist_ok=True)
        for name in self.names:
            (Path(folder) / name).write_text("{}")


def test_the_llm_cache_written_by_save_pretrained_is_owner_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from chatbot.backends.llm_transformers import TransformersChatModel

    llm: Any = object.__new__(TransformersChatModel)
    llm.folder, llm.gguf_file = tmp_path / "src", "m.gguf"
    pair = (_Saves("tokenizer.json", "tokenizer_config.json"), _Saves("config.json"))
    monkeypatch.setattr(llm, "_from_pretrained", lambda *_: pair, raising=False)
    cache = tmp_path / "cache" / "hf-m"
    cache.parent.mkdir()
    llm._load_gguf_and_cache(cache)
    assert {p.name for p in cache.iterdir()} == {
        "tokenizer.json",
        "tokenizer_config.json",
        "config.json",
        "manifest.json",
    }
    assert loose_files(tmp_path) == {}
    assert stat.S_IMODE(cache.stat().st_mode) == 0o700


def test_restrict_tree_and_private_dir(tmp_path: Path) -> None:
    folder = private_dir(tmp_path / "a" / "b")
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    (folder / "sub").mkdir()
    (folder / "sub" / "x.bin").write_bytes(b"x")
    (folder / "y.txt").write_text("y")
    assert set(loose_files(tmp_path)) == {"a/b/sub/x.bin", "a/b/y.txt"}
    restrict_tree(folder)
    assert loose_files(tmp_path) == {}
    assert stat.S_IMODE((folder / "sub").stat().st_mode) == 0o700


def test_the_onnx_cache_written_by_the_builder_is_owner_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The converter runs as a subprocess that writes with the umask's modes."""
    import subprocess

    from chatbot.backends import llm_onnx, llm_transformers
    from chatbot.backends.builtin import OnnxOptions

    src = tmp_path / "src"
    src.mkdir()
    (src / "config.json").write_text("{}")
    (src / "model.safetensors").write_bytes(b"w")
    (src / "tokenizer.json").write_text("{}")

    def builder(cmd: list[str], **_: Any) -> subprocess.CompletedProcess[str]:
        out = Path(cmd[cmd.index("-o") + 1])
        os.makedirs(out, exist_ok=True)  # as onnxruntime-genai's builder does
        for name in ("genai_config.json", "model.onnx", "tokenizer.json"):
            (out / name).write_text("{}")
        return subprocess.CompletedProcess(cmd, 0, "", "")

    monkeypatch.setattr(llm_onnx, "_og", lambda: None)
    monkeypatch.setattr(llm_transformers, "prepare_hf_folder", lambda *_a, **_k: src)
    monkeypatch.setattr(llm_onnx.subprocess, "run", builder)
    options = OnnxOptions(model=str(src), gguf_file="", cache_dir=tmp_path / "cache")
    target = llm_onnx.prepare_onnx_model(options, progress=False)
    assert (target / "manifest.json").is_file() and (target / "model.onnx").is_file()
    assert loose_files(tmp_path / "cache") == {}


# writers that bypass chatbot.fileio: a plain write, a rename of one's own, np.save to a path
# (np.save into a buffer or the file object atomic_write_with hands over is fine), a library
# writing a folder (save_pretrained, sentence-transformers' save, copytree)
_BYPASS = re.compile(
    r"\.write_text\(|\.write_bytes\(|\bos\.replace\(|\.replace\(path\)|\.save_model\("
    r"|\bnp\.save(?:z|z_compressed)?\((?!\s*(?:buf|f)\b)|\bopen\([^)\n]*[\"'][wax]b?[\"']"
    r"|\.save_pretrained\(|\.save\(str\(|\bcopytree\("
)
# files where a library writes a folder into a private temp folder (`tmp`), which is restricted
# with restrict_tree and then renamed into place
_FOLDER_RENAMES = {
    "chatbot/backends/llm_transformers.py",
    "chatbot/backends/llm_onnx.py",
    "chatbot/writer_training.py",
    "chatbot/recommender/encoder.py",
}
_INTO_TMP = re.compile(
    r"os\.replace\(tmp|\.save_pretrained\(str\(tmp\)|\.save\(str\(tmp\)|copytree\([^,]+, tmp\b"
)


def bypasses(name: str, text: str) -> list[str]:
    """'path:line: code' of each write in `text` (the source of file `name`) that bypasses
    chatbot.fileio; a comment line is no write."""
    hits = []
    for m in _BYPASS.finditer(text):
        line = text[text.rfind("\n", 0, m.start()) + 1 : text.find("\n", m.start())]
        if line.lstrip().startswith("#"):
            continue
        if name in _FOLDER_RENAMES and _INTO_TMP.search(line):
            continue
        hits.append(f"{name}:{text.count(chr(10), 0, m.start()) + 1}: {line.strip()}")
    return hits


def test_every_artefact_writer_goes_through_the_helper() -> None:
    root = Path(__file__).resolve().parents[1]
    hits = []
    for path in [root / "app.py", *sorted((root / "chatbot").rglob("*.py"))]:
        name = str(path.relative_to(root))
        if name != "chatbot/fileio.py":
            hits += bypasses(name, path.read_text(encoding="utf-8"))
    assert hits == []


def test_the_source_scan_catches_a_library_writing_the_final_folder() -> None:
    encoder = "chatbot/recommender/encoder.py"
    assert bypasses(encoder, "    model.save(str(out_dir))\n") != []
    assert bypasses(encoder, "    shutil.copytree(src, mdir)\n") != []
    assert bypasses("chatbot/x.py", "    model.save_pretrained(str(tmp))\n") != []
    assert bypasses(encoder, "    model.save_pretrained(str(folder))\n") != []
    assert bypasses(encoder, "    model.save(str(tmp))\n    # copytree(src, mdir)\n") == []


def test_replace_tree_keeps_the_old_folder_until_the_new_one_is_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "model"
    target.mkdir()
    (target / "old.bin").write_bytes(b"old")
    tmp = temp_dir_beside(target)
    assert tmp.parent == tmp_path and stat.S_IMODE(tmp.stat().st_mode) == 0o700
    (tmp / "new.bin").write_bytes(b"new")
    real = os.replace

    def failing(src: Any, dst: Any) -> None:
        if Path(src) == tmp:
            raise OSError("disk full")
        real(src, dst)

    monkeypatch.setattr(os, "replace", failing)
    with pytest.raises(OSError):
        replace_tree(tmp, target)
    assert [p.name for p in target.iterdir()] == ["old.bin"]  # the old folder is back
    monkeypatch.setattr(os, "replace", real)
    replace_tree(tmp, target)
    assert [p.name for p in target.iterdir()] == ["new.bin"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model"]  # no temp or old left
