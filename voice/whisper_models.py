"""Install, list and remove Whisper models (CTranslate2 folders) in the models folder.

A model is written into a hidden staging folder beside the installed ones, every file checked
against the catalogue's size and SHA-256, and only then renamed into place: an interrupted or
refused install leaves nothing behind, and never touches the folder it was given.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import BinaryIO

import yaml

from models.files import private_folder, private_tree
from voice.model_folders import InstalledModel, folder_size, installed, preferred
from voice.paths import Paths
from voice.vosk_models import ModelError, Progress

DEFAULT_MODEL = "whisper-tiny.en"
BLOCK = 1 << 16


@dataclass(frozen=True)
class ModelFile:
    name: str
    size_bytes: int
    sha256: str


@dataclass(frozen=True)
class CatalogueEntry:
    """A Whisper model the catalogue (whisper_models.yaml) knows how to fetch and check."""

    name: str
    about: str
    url: str
    files: tuple[ModelFile, ...]

    @property
    def size_bytes(self) -> int:
        return sum(file.size_bytes for file in self.files)


@cache
def catalogue() -> dict[str, CatalogueEntry]:
    text = resources.files("voice").joinpath("whisper_models.yaml").read_text(encoding="utf-8")
    return {
        name: CatalogueEntry(name, entry["about"], entry["url"], tuple(
            ModelFile(file, spec["bytes"], spec["sha256"].lower())
            for file, spec in entry["files"].items()))
        for name, entry in yaml.safe_load(text).items()
    }


def entry(name: str) -> CatalogueEntry:
    known = catalogue()
    if name not in known:
        raise ModelError(f"No Whisper model called '{name}' is known; "
                         f"choose one of {', '.join(known)}.")
    return known[name]


def models_dir(paths: Paths) -> Path:
    return paths.models_dir / "whisper"


def list_models(paths: Paths) -> list[InstalledModel]:
    """Installed models whose files are all there, by name."""
    known = catalogue()
    return installed(models_dir(paths), lambda folder: folder.name in known
                     and not _missing_files(folder, known[folder.name]))


def find_model(paths: Paths) -> Path | None:
    """The model to use: the default one when installed, else the first installed."""
    return preferred(list_models(paths), DEFAULT_MODEL)


def install_from_path(paths: Paths, source: Path, name: str = DEFAULT_MODEL) -> InstalledModel:
    """Copy a model folder from disk into the models folder, every file checked first."""
    wanted = entry(name)
    source = Path(source).expanduser()
    if not source.exists():
        raise ModelError(f"{source} does not exist.")
    if not source.is_dir():
        raise ModelError(f"{source} is not a folder. A Whisper model is a folder holding "
                         f"{', '.join(file.name for file in wanted.files)}.")
    missing = _missing_files(source, wanted)
    if missing:
        raise ModelError(
            f"{source} does not look like the {name} model: it has no {', '.join(missing)}. "
            f"Download the files from {wanted.url}")

    def copy(file: ModelFile, out: BinaryIO, progress: Progress | None) -> str:
        with (source / file.name).open("rb") as handle:
            return _copy(handle, out, progress)

    return _install(paths, wanted, copy, str(source), None)


def install_from_url(paths: Paths, name: str = DEFAULT_MODEL, url: str | None = None,
                     progress: Progress | None = None, timeout: float = 30.0) -> InstalledModel:
    """Download a model's files (from `url` when given, else the catalogue's) and install."""
    wanted = entry(name)
    base = url or wanted.url

    def fetch(file: ModelFile, out: BinaryIO, progress: Progress | None) -> str:
        address = base.rstrip("/") + "/" + file.name
        try:
            with urllib.request.urlopen(address, timeout=timeout) as response:
                return _copy(response, out, progress)
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise ModelError(
                f"Could not download {address} ({reason}). This computer may be offline. On a "
                f"computer with internet access, download the files of {wanted.url} into one "
                f"folder, copy it here, and run `smallwins model install {name} --from PATH`."
            ) from error

    return _install(paths, wanted, fetch, base, progress)


def remove_model(paths: Paths, name: str) -> Path:
    """Delete an installed model; returns the folder removed."""
    folder = models_dir(paths) / name
    if name not in catalogue() or not folder.is_dir():
        installed = ", ".join(m.name for m in list_models(paths)) or "none"
        raise ModelError(f"No model called '{name}' is installed (installed: {installed}).")
    shutil.rmtree(folder)
    return folder


Writer = Callable[[ModelFile, BinaryIO, Progress | None], str]  # returns the SHA-256 written


def _install(paths: Paths, wanted: CatalogueEntry, write: Writer, origin: str,
             progress: Progress | None) -> InstalledModel:
    root = models_dir(paths)
    private_folder(root, paths.own_top(root))
    final = root / wanted.name
    if final.exists():
        raise ModelError(
            f"A model called '{wanted.name}' is already installed at {final}; "
            f"remove it first with `smallwins model remove {wanted.name}`.")
    with tempfile.TemporaryDirectory(dir=root, prefix=".staging-") as staging:
        folder = Path(staging) / wanted.name
        folder.mkdir()
        done = 0
        for file in wanted.files:
            def step(count: int, _: int | None, before: int = done) -> None:
                if progress:
                    progress(before + count, wanted.size_bytes)

            with (folder / file.name).open("wb") as out:
                digest = write(file, out, step)
            size = (folder / file.name).stat().st_size
            if size != file.size_bytes or digest != file.sha256:
                raise ModelError(
                    f"{file.name} from {origin} is damaged or not the expected file "
                    f"({size} bytes, SHA-256 {digest}; expected {file.size_bytes} bytes, "
                    f"SHA-256 {file.sha256}). Nothing was installed. Try again, or fetch the "
                    f"files from {wanted.url} and run "
                    f"`smallwins model install {wanted.name} --from PATH`.")
            done += size
        private_tree(folder)
        folder.rename(final)  # same disk: the model appears whole or not at all
    return InstalledModel(wanted.name, final, folder_size(final))


def _copy(source: BinaryIO, out: BinaryIO, progress: Progress | None) -> str:
    digest = hashlib.sha256()
    done = 0
    while block := source.read(BLOCK):
        out.write(block)
        digest.update(block)
        done += len(block)
        if progress:
            progress(done, None)
    return digest.hexdigest()


def _missing_files(folder: Path, wanted: CatalogueEntry) -> list[str]:
    return [file.name for file in wanted.files if not (folder / file.name).is_file()]


