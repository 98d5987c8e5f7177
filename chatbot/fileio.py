"""Atomic, owner-only file writes: readers see the old file or the whole new one, never a part.

Used by every writer of built artefacts (catalogue, index, evaluation reports), so they all get
the same guarantees: a temp file in the target folder, fsync, mode 0600 (the artefacts can hold
session-derived data; nothing else on the machine needs to read them), rename over the target,
then fsync of the folder so the rename survives a crash.

Files that a library writes itself (save_pretrained, a converter run as a subprocess) cannot go
through these helpers: their writers create a temp folder with `private_dir` (0700, so nobody
else can reach the files while they are written), then call `restrict_tree` (files 0600, folders
0700) before renaming the folder into place: `temp_dir_beside` makes that temp folder next to
the target (one filesystem, so the rename is atomic) and `replace_tree` renames it into place,
removing an old folder only once the new one is there.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

OWNER_ONLY = 0o600
OWNER_ONLY_DIR = 0o700
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


def atomic_write_with(path: StrPath, write: Callable[[BinaryIO], object]) -> None:
    """atomic_write_bytes for a writer that wants a binary file object (np.save, np.savez,
    pickle.dump): `write` fills an in-memory buffer, which then replaces `path`. Suits artefacts
    that fit in memory (the largest, the item vectors, is tens of MB)."""
    buf = io.BytesIO()
    write(buf)
    atomic_write_bytes(path, buf.getvalue())


def private_dir(path: StrPath) -> Path:
    """Create `path` (and missing parents) as a folder only its owner can enter (0700, whatever
    the umask); an existing folder is restricted too. Returns the path; OSError as raised."""
    folder = Path(path)
    folder.mkdir(parents=True, exist_ok=True, mode=OWNER_ONLY_DIR)
    os.chmod(folder, OWNER_ONLY_DIR)  # mkdir's mode is filtered by the umask
    return folder


def restrict_tree(path: StrPath) -> None:
    """Make every file under `path` owner-only (0600) and every folder 0700, `path` included,
    for folders a library wrote with the umask's modes; links are left alone."""
    root = Path(path)
    os.chmod(root, OWNER_ONLY_DIR)
    for folder, dirs, files in os.walk(root):
        for name in dirs:
            if not os.path.islink(os.path.join(folder, name)):
                os.chmod(os.path.join(folder, name), OWNER_ONLY_DIR)
        for name in files:
            if not os.path.islink(os.path.join(folder, name)):
                os.chmod(os.path.join(folder, name), OWNER_ONLY)


def temp_dir_beside(target: StrPath) -> Path:
    """A fresh, empty owner-only folder (0700) next to `target`, named `.{name}.tmp-{pid}`, for a
    library to write into before `replace_tree` puts it in place; a leftover of an earlier run
    with the same pid is removed first. OSError as raised."""
    target = Path(target)
    tmp = target.with_name(f".{target.name}.tmp-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    return private_dir(tmp)


def replace_tree(tmp: StrPath, target: StrPath) -> None:
    """Rename the finished folder `tmp` (made by `temp_dir_beside`) to `target`. An existing
    `target` is first renamed aside and deleted only after the new folder is in place, so a reader
    finds the old folder or the whole new one (a crash between the renames leaves the old one as
    `.{name}.old-{pid}`). A failed rename puts the old folder back; OSError as raised."""
    tmp, target = Path(tmp), Path(target)
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    moved = False
    if target.exists():
        shutil.rmtree(old, ignore_errors=True)
        os.replace(target, old)
        moved = True
    try:
        os.replace(tmp, target)
    except OSError:
        if moved:
            os.replace(old, target)
        raise
    if moved:
        shutil.rmtree(old, ignore_errors=True)
    _fsync_folder(target.parent)


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
