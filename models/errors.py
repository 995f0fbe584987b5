"""Failures of the store and of the files Small Wins writes, as messages that say what to do."""

from __future__ import annotations

import errno
import shutil
import sqlite3
from pathlib import Path
from typing import Literal

from models.exit_codes import EXIT_CANT_CREATE, EXIT_DATA, EXIT_IO, EXIT_TEMPFAIL

# A folder that is missing, read-only or someone else's
CANNOT_WRITE = (errno.ENOENT, errno.EACCES, errno.EPERM, errno.EROFS)
FULL_DISK_BYTES = 1 << 20  # less free than this, and an I/O error means the disk is full


class StoreError(Exception):
    """The store cannot do what was asked; the message says what to do. Nothing was lost."""

    def __init__(self, message: str, exit_code: int = EXIT_DATA) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def translate_error(error: sqlite3.Error | OSError, path: Path | str,
                    kind: Literal["database", "file"] = "database") -> StoreError:
    """Turn a low-level failure into a message that says what to do; `kind` is what `path` is."""
    text = str(error).lower()
    if _disk_full(error, Path(path)):
        return StoreError(
            "The disk is full, so this was not saved. Everything saved before is safe. "
            "Free some space and say it again.",
            EXIT_IO,
        )
    if "locked" in text or "busy" in text:
        return StoreError(
            f"The database {path} is in use by another program (is another smallwins running?). "
            "Nothing was changed. Close the other one and try again.",
            EXIT_TEMPFAIL,
        )
    if "readonly" in text or "read-only" in text or "unable to open" in text or (
        isinstance(error, OSError) and error.errno in CANNOT_WRITE
    ):
        return StoreError(
            f"Cannot write to {Path(path).parent}. Nothing was changed. Check that the folder "
            "exists and belongs to you (chmod u+rwx), or set SMALLWINS_HOME to another folder.",
            EXIT_CANT_CREATE,
        )
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return damaged(path)
    return StoreError(f"The {kind} {path} failed: {error}. Nothing was changed.", EXIT_IO)


def _disk_full(error: sqlite3.Error | OSError, path: Path) -> bool:
    """ENOSPC, SQLite's 'disk is full', or an I/O error (such as growing the -shm file) on a
    disk with next to no space left."""
    if isinstance(error, OSError):
        return error.errno in (errno.ENOSPC, errno.EDQUOT)
    name = getattr(error, "sqlite_errorname", "")
    if name == "SQLITE_FULL":
        return True
    if not name.startswith("SQLITE_IOERR"):
        return False
    folder = next((p for p in (path, *path.parents) if p.is_dir()), Path("/"))
    return shutil.disk_usage(folder).free < FULL_DISK_BYTES


def damaged(path: Path | str) -> StoreError:
    return StoreError(
        f"{path} is not a Small Wins database or is damaged, so it was left untouched. "
        f"Move it aside (mv '{path}' '{path}.broken') to start afresh, or restore a copy "
        "from the backups folder beside it.",
        EXIT_DATA,
    )
