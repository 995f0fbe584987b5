"""What the model installers share: the models found in a folder, the one to use, their size."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class InstalledModel:
    """A model folder in the models folder."""

    name: str
    path: Path
    size_bytes: int


def installed(root: Path, complete: Callable[[Path], bool]) -> list[InstalledModel]:
    """The model folders under `root` that `complete` accepts, by name; staging folders
    (hidden) are left out."""
    if not root.is_dir():
        return []
    return [
        InstalledModel(folder.name, folder, folder_size(folder))
        for folder in sorted(root.iterdir())
        if folder.is_dir() and not folder.name.startswith(".") and complete(folder)
    ]


def preferred(models: list[InstalledModel], default: str) -> Path | None:
    """The default model when installed, else the first installed."""
    for model in models:
        if model.name == default:
            return model.path
    return models[0].path if models else None


def folder_size(folder: Path) -> int:
    return sum(file.stat().st_size for file in folder.rglob("*") if file.is_file())
