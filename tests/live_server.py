"""`chatbot serve` in a subprocess on loopback (fakes: hash embeddings, template text), and a
throwaway redis-server that a test may kill or freeze."""

from __future__ import annotations

import os
import resource
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from chatbot.config import REPO_ROOT

BOOKS = REPO_ROOT / "catalog" / "examples" / "books.jsonl"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LiveServer:
    """One `python -m chatbot serve` process; `env` adds CHATBOT_* settings."""

    def __init__(
        self,
        home: Path,
        *,
        store: str = "sqlite",
        env: dict[str, str] | None = None,
        args: tuple[str, ...] = (),
        open_files: int | None = None,
    ) -> None:
        self.home = home
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.db = home / "db" / "sessions.sqlite3"
        self.store = store
        self.extra_env = env or {}
        self.args = args
        self.open_files = open_files
        self.proc: subprocess.Popen[bytes] | None = None
        self.log_path = home / "server.log"

    def command(self) -> list[str]:
        cmd = [sys.executable, "-m", "chatbot", "serve", "--port", str(self.port)]
        return [*cmd, "--store", self.store, "--llm", "template", *self.args]

    def environ(self) -> dict[str, str]:
        return {
            **os.environ,
            "CHATBOT_CATALOG_PATH": str(BOOKS),
            "CHATBOT_EMBEDDER": "hash",
            "CHATBOT_HOME": str(self.home),
            "CHATBOT_INDEX_DIR": str(self.home / "index"),
            "CHATBOT_SQLITE_PATH": str(self.db),
            **self.extra_env,
        }

    def start(self, *, wait_ready: bool = True) -> None:
        limit = self.open_files

        def lower_open_files() -> None:
            if limit is not None:  # both limits, so the server cannot raise it back
                resource.setrlimit(resource.RLIMIT_NOFILE, (limit, limit))

        log = open(self.log_path, "ab")  # noqa: SIM115 - closed in stop()
        self._log = log
        self.proc = subprocess.Popen(
            self.command(),
            env=self.environ(),
            stdout=log,
            stderr=subprocess.STDOUT,
            preexec_fn=lower_open_files,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                pytest.fail(f"server exited: {self.log_text()[-2000:]}")
            try:
                r = httpx.get(self.url + ("/readyz" if wait_ready else "/livez"), timeout=2)
                if r.status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        pytest.fail(f"server not ready within 60 s: {self.log_text()[-2000:]}")

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if hasattr(self, "_log"):
            self._log.close()


class RedisProcess:
    """A redis-server of the test's own (append-only persistence), to kill, freeze, restart."""

    def __init__(self, folder: Path) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            pytest.fail("redis-server is not installed: run `make system-deps`")
        self.binary = binary
        self.folder = folder
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        cmd = [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
        cmd += ["--appendonly", "yes", "--dir", str(self.folder)]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"redis-server did not start on port {self.port}")
                time.sleep(0.05)

    def signal(self, sig: int) -> None:
        assert self.proc is not None
        self.proc.send_signal(sig)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGCONT)
            self.proc.kill()
            self.proc.wait()
