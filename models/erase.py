"""Delete everything Small Wins wrote, and say what was removed."""

from __future__ import annotations

import shutil
from pathlib import Path

from models.files import leftovers, remove


def erase_everything(folders: list[Path], extra_files: list[Path]) -> list[Path]:
    """Remove `extra_files`, what killed writes to them left beside them, and the `folders`
    with all they hold; return what existed."""
    removed = []
    for path in extra_files:
        if path.is_file():
            path.unlink()
            removed.append(path)
        removed += remove(leftovers(path))
    for folder in folders:
        if not folder.exists():
            continue
        removed.extend(sorted(p for p in folder.rglob("*") if p.is_file()))
        shutil.rmtree(folder)
        removed.append(folder)
    return removed
