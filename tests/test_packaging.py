"""The installed package behaves like the checkout: a wheel built from the sources, installed
(not editable) into a fresh venv, serves a turn on the books catalogue with the prompts it ships.

Offline and fast: the wheel is built without build isolation and installed with --no-deps into a
venv that reads the dependencies from this interpreter's site-packages (a plain path in a .pth
file, so this checkout's editable install is not visible there).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import sysconfig
import time
import urllib.request
from pathlib import Path

import pytest

from chatbot.config import REPO_ROOT
from chatbot.errors import ConfigError
from chatbot.generation import REQUIRED_PROMPTS, Prompts

# what a wheel is built from (a clean clone has these; nothing else may be needed)
SOURCES = ("pyproject.toml", "README.md", "chatbot", "catalog", "prompts")


def _run(*args: str | Path, cwd: Path | None = None) -> str:
    done = subprocess.run(
        [str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, f"{args} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A venv with the wheel installed; returns the venv folder."""
    root = tmp_path_factory.mktemp("wheel")
    src = root / "src"
    src.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "*.pyc")
    for name in SOURCES:
        path = REPO_ROOT / name
        if path.is_dir():
            shutil.copytree(path, src / name, ignore=ignore)
        else:
            shutil.copy2(path, src / name)
    pip = (sys.executable, "-m", "pip")
    _run(*pip, "wheel", "-q", "--no-deps", "--no-build-isolation", "--no-index", src, "-w", root)
    (wheel,) = root.glob("chatbot-*.whl")

    venv = root / "venv"
    _run(sys.executable, "-m", "venv", "--without-pip", venv)
    python = venv / "bin" / "python"
    purelib = _run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])")
    deps = sysconfig.get_paths()["purelib"]
    (Path(purelib.strip()) / "_test_deps.pth").write_text(deps + "\n", encoding="utf-8")
    _run(*pip, "--python", python, "install", "-q", "--no-deps", "--no-index", wheel)
    return venv


def _clean_env(**values: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CHATBOT_")}
    env.pop("PYTHONPATH", None)
    return {**env, **values}


def test_the_wheel_ships_code_prompts_and_the_example_catalogue(installed: Path) -> None:
    code = (
        "import json, chatbot, prompts, catalog; from importlib.resources import files;"
        "print(json.dumps([m.__file__ for m in (chatbot, prompts, catalog)]"
        " + sorted(p.name[:-6] for p in files('prompts').iterdir() if p.name.endswith('.jinja'))"
        " + [str(files('catalog') / 'examples' / 'books.jsonl')]))"
    )
    out = json.loads(_run(installed / "bin" / "python", "-c", code, cwd=installed))
    files, names, books = out[:3], out[3:-1], out[-1]
    assert all(f.startswith(str(installed)) for f in files), files
    assert set(names) >= set(REQUIRED_PROMPTS)
    assert Path(books).is_file()


def test_installed_chatbot_serve_answers_a_turn_with_its_prompts(
    installed: Path, tmp_path: Path
) -> None:
    books = next(installed.glob("lib/python*/site-packages/catalog/examples/books.jsonl"))
    port = _free_port()
    env = _clean_env(
        CHATBOT_CATALOG_PATH=str(books),
        CHATBOT_EMBEDDER="hash",
        CHATBOT_LLM="fake",  # the canned fake: text comes from the model only if prompts load
        CHATBOT_STORE="memory",
    )
    log = (tmp_path / "serve.log").open("w")
    proc = subprocess.Popen(
        [str(installed / "bin" / "chatbot"), "serve", "--port", str(port)],
        cwd=tmp_path,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=1).close()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(
                        f"chatbot serve did not start:\n{(tmp_path / 'serve.log').read_text()}"
                    )
                time.sleep(0.2)
        request = urllib.request.Request(
            f"{base}/v1/sessions/wheel-1/messages",
            data=json.dumps({"text": "a cosy murder mystery"}).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            reply = json.loads(response.read())
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()
    assert len(reply["items"]) == 3
    assert all(item["id"].startswith("book-") for item in reply["items"])
    # the canned model's lead-in (the request restated, ending in '.' where the template's
    # ends in ':') and item sentence: the model was prompted, no template fallback
    lead = reply["text"].split("\n\n")[0]
    assert lead.startswith("Here are 3 ") and lead.endswith("."), lead
    assert reply["text"].count("It matches what you asked for.") == 3
    # defaults are relative to the working directory, never to the installed package's folder
    assert list((tmp_path / "var" / "index").glob("*/manifest.json"))
    assert not list(installed.glob("lib/python*/site-packages/var"))


def test_a_broken_install_fails_at_startup_naming_the_prompt(
    installed: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "venv"
    shutil.copytree(installed, broken, symlinks=True)
    (system,) = broken.glob("lib/python*/site-packages/prompts/system.jinja")
    system.unlink()
    books = next(broken.glob("lib/python*/site-packages/catalog/examples/books.jsonl"))
    done = subprocess.run(
        [str(broken / "bin" / "python"), "-m", "chatbot", "serve", "--port", str(_free_port())],
        cwd=tmp_path,
        env=_clean_env(
            CHATBOT_CATALOG_PATH=str(books),
            CHATBOT_EMBEDDER="hash",
            CHATBOT_LLM="template",
            CHATBOT_STORE="memory",
        ),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2, done.stderr
    assert "prompt(s) system not found" in done.stderr


def test_prompts_that_do_not_render_fail_when_loaded(tmp_path: Path) -> None:
    (tmp_path / "ok.jinja").write_text("### user\n{{ text }}\n")
    (tmp_path / "broken.jinja").write_text("### user\n{% for x in items %}{{ x }}\n")
    with pytest.raises(ConfigError, match=r"broken\.jinja does not render"):
        Prompts(tmp_path)
    (tmp_path / "broken.jinja").unlink()
    assert Prompts(tmp_path).check() == ["ok"]
