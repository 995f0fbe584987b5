"""Files Small Wins writes: readable by the owner only, and whole or not there at all."""

from __future__ import annotations

import contextlib
import glob
import os
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from models.errors import translate_error

# A temporary file untouched this long belongs to a write that was killed, not one under way.
STALE_SECONDS = 600


def private_folder(path: Path, top: Path | None = None) -> None:
    """Create `path` 0700, and any missing folders from `top` (the highest of the program's own
    folders; `path` itself unless given) down to it 0700 too; missing folders above `top`, such
    as ~/.local/share, are the person's and get the usual mode."""
    top = top or path
    missing = [folder for folder in (path, *path.parents) if not folder.exists()]
    for folder in reversed(missing):
        with contextlib.suppress(FileExistsError):  # another process made it first
            if folder.is_relative_to(top):
                folder.mkdir(mode=0o700)
            else:
                folder.mkdir()
    os.chmod(path, 0o700)


def private_tree(root: Path) -> None:
    """Folders 0700 and files 0600, all the way down."""
    for folder, _, files in os.walk(root):
        os.chmod(folder, 0o700)
        for name in files:
            os.chmod(os.path.join(folder, name), 0o600)


def write_whole(path: Path, write: Callable[[Path], None]) -> None:
    """`write` fills a private temporary file beside `path`, which is then fsynced and renamed
    over `path`, and the folder fsynced: a reader finds the old file or the whole new one."""
    remove(stale_leftovers([], [path], time.time()))
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    temporary = Path(name)
    try:
        write(temporary)
        fd = os.open(temporary, os.O_RDONLY)
        try:
            os.fchmod(fd, 0o600)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temporary, path)
    finally:  # this write's own file, and any journal SQLite kept beside it; no one else's
        remove(path.parent.glob(f"{glob.escape(temporary.name)}*"))
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)


def write_file(path: Path, write: Callable[[Path], None]) -> None:
    """`write_whole`, with a failure said as what to do (a StoreError)."""
    try:
        write_whole(path, write)
    except OSError as error:
        raise translate_error(error, path, "file") from error


def write_atomically(path: Path, content: str) -> None:
    """`content` as UTF-8 under `path`, whole or not at all, mode 0600."""
    write_file(path, lambda temporary: temporary.write_text(content, encoding="utf-8",
                                                            newline=""))


def leftovers(path: Path) -> list[Path]:
    """Temporary files a write to `path` left beside it (with any journal SQLite kept)."""
    pattern = f".{glob.escape(path.name)}.*.tmp*"
    return sorted(path.parent.glob(pattern)) if path.parent.is_dir() else []


def stale_leftovers(folders: Iterable[Path], files: Iterable[Path], now: float) -> list[Path]:
    """What killed writes left: any temporary file in our own `folders`, and beside each of
    the `files` written elsewhere, untouched for STALE_SECONDS before `now` (seconds)."""
    found = [p for folder in folders if folder.is_dir() for p in folder.glob(".*.tmp*")]
    found += [p for path in files for p in leftovers(path)]
    return sorted(p for p in set(found) if p.is_file() and now - p.stat().st_mtime > STALE_SECONDS)


def remove(paths: Iterable[Path]) -> list[Path]:
    """Delete the files that can be deleted; return those that were."""
    removed = []
    for path in paths:
        with contextlib.suppress(OSError):  # gone already, or on a read-only folder
            path.unlink()
            removed.append(path)
    return removed
