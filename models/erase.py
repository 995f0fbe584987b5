"""Delete everything Small Wins wrote, and say what was removed."""

from __future__ import annotations

import shutil
from pathlib import Path

from models.files import leftovers, remove


def erase_everything(folders: list[Path], written: list[Path], begun: list[Path]) -> list[Path]:
    """Remove the `written` files, what killed writes left beside them and beside the files
    whose write was `begun` but not finished, and the `folders` with all they hold; return
    what existed."""
    removed = []
    for path in written:
        if path.is_file():
            path.unlink()
            removed.append(path)
    for path in [*written, *begun]:
        removed += remove(leftovers(path))
    for folder in folders:
        if not folder.exists():
            continue
        removed.extend(sorted(p for p in folder.rglob("*") if p.is_file()))
        shutil.rmtree(folder)
        removed.append(folder)
    return removed
