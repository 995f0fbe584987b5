"""Shared fixtures: an in-memory store, a fixed clock, the skill, a private home folder, the
command line in its own process, and folders that are read-only or full."""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import subprocess
import sys
import wave
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import numpy as np
import pytest

from intents.skill import Skill
from models.store import Store
from voice.app import App
from voice.closed_sentences import SoundsLike
from voice.config import Settings
from voice.hearing import Hearing
from voice.paths import Paths
from voice.transcript import Transcript

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"
MORNING = datetime(2026, 11, 24, 9, 30)
NOON = datetime(2026, 3, 2, 12, 0)
needs_espeak = pytest.mark.skipif(shutil.which("espeak-ng") is None,
                                  reason="espeak-ng is not installed")


def shared(relative: str) -> Path:
    """A file under ../shared/data, or a skip that says it is missing."""
    path = SHARED_DATA / relative
    if not path.exists():
        pytest.skip(f"shared test data not found: {path}")
    return path


@pytest.fixture
def store() -> Store:
    memory = Store.memory()
    yield memory
    memory.close()


@pytest.fixture
def skill(store: Store) -> Skill:
    return Skill(store, rng=random.Random(7))


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """SMALLWINS_HOME in a fresh temporary folder."""
    root = tmp_path / "home"
    monkeypatch.setenv("SMALLWINS_HOME", str(root))
    return root


def wav_file(path: Path, data: bytes, rate: int, width: int, channels: int = 1) -> Path:
    """A PCM WAV file holding `data`, frames of `channels` samples `width` bytes each."""
    with wave.open(str(path), "wb") as out:
        out.setnchannels(channels)
        out.setsampwidth(width)
        out.setframerate(rate)
        out.writeframes(data)
    return path


def write_wav(path: Path, samples: np.ndarray, rate: int, width: int = 2) -> Path:
    """`samples` in [-1, 1), shape (n,) or (n, channels)."""
    frames = samples if samples.ndim == 2 else samples[:, None]
    if width == 1:
        data = np.clip(frames * 128 + 128, 0, 255).astype(np.uint8).tobytes()
    elif width == 2:
        data = np.clip(frames * 32768, -32768, 32767).astype("<i2").tobytes()
    else:
        ints = np.clip(frames * 2**23, -(2**23), 2**23 - 1).astype("<i4")
        data = ints.view(np.uint8).reshape(-1, 4)[:, :3].tobytes()
    return wav_file(path, data, rate, width, frames.shape[1])


def silent_wav(path: Path, seconds: float) -> Path:
    """Silence, 8-bit at 8 kHz: small to write however long."""
    return wav_file(path, bytes([128]) * int(8000 * seconds), 8000, 1)


def environment(home: Path) -> dict[str, str]:
    """This process's environment, with SMALLWINS_HOME set to `home`."""
    return {**os.environ, "SMALLWINS_HOME": str(home)}


def run(*args: str, stdin: bytes = b"", env_home: Path) -> subprocess.CompletedProcess[bytes]:
    """`python -m voice ARGS` in its own process, with SMALLWINS_HOME set to `env_home`."""
    return subprocess.run([sys.executable, "-m", "voice", *args], input=stdin,
                          capture_output=True, env=environment(env_home), timeout=120,
                          check=False)


def start(*args: str, env_home: Path) -> subprocess.Popen[bytes]:
    """`run`, started and left running; its input goes in by communicate()."""
    return subprocess.Popen([sys.executable, "-m", "voice", *args], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=environment(env_home))


@contextmanager
def write_lock_held(home: Path) -> Iterator[None]:
    """Another program holds the write lock on the database in `home` meanwhile."""
    holder = sqlite3.connect(home / "data" / "smallwins.db", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        holder.execute("ROLLBACK")
        holder.close()


@contextmanager
def tmpfs(folder: Path, options: str = "") -> Iterator[None]:
    """A fresh in-memory file system at `folder` (root only), or a skip that says why not."""
    folder.mkdir(parents=True, exist_ok=True)
    command = ["mount", "-t", "tmpfs", *(["-o", options] if options else []), "tmpfs", str(folder)]
    if os.geteuid() != 0 or subprocess.run(command, capture_output=True, check=False).returncode:
        pytest.skip("mounting a tmpfs needs root, and is not allowed here")
    try:
        yield
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


@contextmanager
def read_only_data(home: Path, fill: Callable[[Path], object]) -> Iterator[Path]:
    """`home`, whose data folder `fill(home)` fills and then cannot be written: chmod, or for
    root a read-only mount."""
    data = home / "data"
    data.mkdir(parents=True)
    if os.geteuid() != 0:
        fill(home)
        data.chmod(0o500)
        try:
            yield home
        finally:
            data.chmod(0o700)
        return
    with tmpfs(data):
        fill(home)
        subprocess.run(["mount", "-o", "remount,ro", str(data)], check=True)
        yield home


@pytest.fixture
def read_only_home(home: Path) -> Iterator[Path]:
    """A home whose data folder holds one win and cannot be written."""
    with read_only_data(home, lambda home: run("text", "I fed the cat", env_home=home)) as home:
        yield home


@pytest.fixture
def full_home(home: Path) -> Iterator[Path]:
    """A home on a tiny file system, holding one saved win, with no space left."""
    with tmpfs(home, "size=512k"):
        assert run("text", "I fed the cat", env_home=home).returncode == 0
        fd = os.open(home / "filler", os.O_WRONLY | os.O_CREAT)
        try:
            while os.write(fd, bytes(4096)):
                pass
        except OSError:
            pass
        finally:
            os.close(fd)
        yield home


class SaysOnce:
    """Stands in for the microphone and the recogniser: every utterance is heard as `text`."""

    def __init__(self, text: str) -> None:
        self.text = text

    def start(self) -> None: ...

    def feed(self, chunk: bytes) -> None: ...

    def finish(self) -> Transcript:
        return Transcript(self.text, 0.8)


def hearing_of(text: str, skill: Skill, tmp_path: Path,
               sounds_like: SoundsLike | None = None) -> Hearing:
    """A hearing at noon whose recogniser hears every utterance as `text`."""
    app = App(paths=Paths(config_dir=tmp_path / "c", data_dir=tmp_path / "d", home=tmp_path),
              settings=Settings(), clock=lambda: NOON)
    return Hearing(SaysOnce(text), skill, app, sounds_like)


def audio() -> Iterable[bytes]:
    """One short chunk: what `SaysOnce` hears does not depend on it."""
    return [b"\0\0" * 320]
