"""Atomic, owner-only file writes: readers see the old file or the whole new one, never a part.

Used by every writer of built artefacts (catalogue, index, evaluation reports), so they all get
the same guarantees: a temp file in the target folder, fsync, mode 0600 (the artefacts can hold
session-derived data; nothing else on the machine needs to read them), rename over the target,
then fsync of the folder so the rename survives a crash.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

OWNER_ONLY = 0o600
StrPath = str | os.PathLike[str]


def atomic_write_bytes(path: StrPath, data: bytes, *, mode: int = OWNER_ONLY) -> None:
    """Replace `path` with `data` atomically (the folder must exist); OSError as raised by the
    system, with no temp file left behind."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_folder(target.parent)


def atomic_write_text(path: StrPath, text: str, *, mode: int = OWNER_ONLY) -> None:
    """atomic_write_bytes for UTF-8 text."""
    atomic_write_bytes(path, text.encode("utf-8"), mode=mode)


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # some platforms/filesystems cannot open a folder; the rename still happened
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def file_sha256(path: StrPath) -> str:
    """Hex SHA-256 of a file's bytes, read in 1 MiB blocks (for manifests' data hashes);
    OSError when it cannot be read."""
    h = hashlib.sha256()
    with Path(path).open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()
