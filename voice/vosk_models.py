"""Install, list and remove Vosk models in the models folder."""

from __future__ import annotations

import hashlib
import shutil
import tempfile
import urllib.error
import urllib.request
import zipfile
from collections.abc import Callable
from pathlib import Path

from models.files import private_folder, private_tree
from voice.model_folders import InstalledModel, folder_size, installed, preferred
from voice.paths import Paths

DEFAULT_MODEL = "vosk-model-small-en-us-0.15"
DEFAULT_URL = f"https://alphacephei.com/vosk/models/{DEFAULT_MODEL}.zip"
DEFAULT_SHA256 = "30f26242c4eb449f948e42cb302dd7a686cb29a3423a8367f99ff41780942498"
REQUIRED_PARTS = ("am", "conf")  # every Vosk model has these folders
GRAPH_PARTS = ("graph", "HCLG.fst", "HCLr.fst")  # and a decoding graph, in one of these forms

Progress = Callable[[int, int | None], None]  # bytes done, bytes in all (None when unknown)


class ModelError(Exception):
    """A model cannot be installed, found or removed; the message says what to do."""


def models_dir(paths: Paths) -> Path:
    return paths.models_dir / "vosk"


def list_models(paths: Paths) -> list[InstalledModel]:
    """Installed models that look complete, by name."""
    return installed(models_dir(paths), lambda folder: not _missing_parts(folder))


def find_model(paths: Paths) -> Path | None:
    """The model to use: the default English one when installed, else the first installed."""
    return preferred(list_models(paths), DEFAULT_MODEL)


def check_model_folder(folder: Path) -> None:
    """Raise ModelError unless `folder` looks like a Vosk model."""
    missing = _missing_parts(folder)
    if missing:
        raise ModelError(
            f"{folder} does not look like a Vosk model: it has no {', '.join(missing)}. "
            "A model folder holds am/, conf/ and graph/ (or HCLG.fst); download one from "
            "https://alphacephei.com/vosk/models"
        )


def install_from_path(paths: Paths, source: Path, name: str | None = None) -> InstalledModel:
    """Copy a model from a folder or unpack it from a zip into the models folder."""
    source = Path(source).expanduser()
    if not source.exists():
        raise ModelError(f"{source} does not exist.")
    with tempfile.TemporaryDirectory(dir=_staging_root(paths)) as staging:
        if source.is_dir():
            folder = source
        elif zipfile.is_zipfile(source):
            folder = _unzip(source, Path(staging))
        else:
            raise ModelError(f"{source} is neither a folder nor a zip file.")
        check_model_folder(folder)
        return _move_into_place(paths, folder, name or _model_name(source), copy=source.is_dir())


def install_from_url(
    paths: Paths,
    url: str = DEFAULT_URL,
    sha256: str | None = DEFAULT_SHA256,
    progress: Progress | None = None,
    timeout: float = 30.0,
) -> InstalledModel:
    """Download a model zip, check its SHA-256, and install it."""
    with tempfile.TemporaryDirectory(dir=_staging_root(paths)) as staging:
        archive = Path(staging) / "model.zip"
        digest = _download(url, archive, progress, timeout)
        if sha256 and digest != sha256.lower():
            raise ModelError(
                f"The download from {url} is damaged or not the expected file "
                f"(SHA-256 {digest}, expected {sha256}). Try again, or download it another "
                "way and run `smallwins model install --from PATH`."
            )
        folder = _unzip(archive, Path(staging) / "unpacked")
        check_model_folder(folder)
        return _move_into_place(paths, folder, _model_name(Path(url.rsplit("/", 1)[-1])))


def remove_model(paths: Paths, name: str) -> Path:
    """Delete an installed model; returns the folder removed."""
    root = models_dir(paths)
    folder = root / name
    if "/" in name or "\\" in name or name in ("", ".", "..") or not folder.is_dir():
        installed = ", ".join(m.name for m in list_models(paths)) or "none"
        raise ModelError(f"No model called '{name}' is installed (installed: {installed}).")
    shutil.rmtree(folder)
    return folder


def _download(url: str, target: Path, progress: Progress | None, timeout: float) -> str:
    digest = hashlib.sha256()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response, target.open("wb") as out:
            length = response.headers.get("Content-Length")
            total = int(length) if length and length.isdigit() else None
            done = 0
            while block := response.read(1 << 16):
                out.write(block)
                digest.update(block)
                done += len(block)
                if progress:
                    progress(done, total)
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise ModelError(
            f"Could not download {url} ({reason}). This computer may be offline. On a "
            "computer with internet access, download that file, copy it here, and run "
            "`smallwins model install --from PATH`."
        ) from error
    return digest.hexdigest()


def _unzip(archive: Path, target: Path) -> Path:
    """Unpack safely; returns the model folder (the zip's single top folder, if it has one)."""
    target.mkdir(parents=True, exist_ok=True)
    try:
        with zipfile.ZipFile(archive) as bundle:
            for member in bundle.namelist():
                resolved = (target / member).resolve()
                if not resolved.is_relative_to(target.resolve()):
                    raise ModelError(f"{archive} holds a path outside its folder: {member}")
            bundle.extractall(target)
    except zipfile.BadZipFile as error:
        raise ModelError(f"{archive} is not a readable zip file ({error}).") from error
    entries = [entry for entry in target.iterdir() if not entry.name.startswith("__MACOSX")]
    if len(entries) == 1 and entries[0].is_dir() and _missing_parts(target):
        return entries[0]
    return target


def _move_into_place(paths: Paths, folder: Path, name: str, copy: bool = False) -> InstalledModel:
    root = models_dir(paths)
    private_folder(root, paths.own_top(root))
    final = root / name
    if final.exists():
        raise ModelError(
            f"A model called '{name}' is already installed at {final}; "
            f"remove it first with `smallwins model remove {name}`."
        )
    if copy:
        shutil.copytree(folder, final)
    else:
        shutil.move(str(folder), str(final))
    private_tree(final)
    return InstalledModel(name, final, folder_size(final))


def _staging_root(paths: Paths) -> Path:
    """Unpack next to the models so the final move is a rename on the same disk."""
    root = models_dir(paths)
    private_folder(root, paths.own_top(root))
    return root


def _missing_parts(folder: Path) -> list[str]:
    missing = [f"{part}/" for part in REQUIRED_PARTS if not (folder / part).is_dir()]
    if not any((folder / part).exists() for part in GRAPH_PARTS):
        missing.append("graph/ or HCLG.fst")
    return missing


def _model_name(source: Path) -> str:
    return source.name.removesuffix(".zip") or "model"


