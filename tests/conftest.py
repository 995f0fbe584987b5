"""Shared fixtures: an in-memory store, a fixed clock, the skill, a private home folder, the
command line in its own process, and folders that are read-only or full."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import pytest

from intents.skill import Skill
from models.store import Store

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"
MORNING = datetime(2026, 11, 24, 9, 30)


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


def run(*args: str, stdin: bytes = b"", env_home: Path) -> subprocess.CompletedProcess[bytes]:
    """`python -m voice ARGS` in its own process, with SMALLWINS_HOME set to `env_home`."""
    env = {**os.environ, "SMALLWINS_HOME": str(env_home)}
    return subprocess.run([sys.executable, "-m", "voice", *args], input=stdin,
                          capture_output=True, env=env, timeout=120, check=False)


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


@pytest.fixture
def read_only_home(home: Path) -> Iterator[Path]:
    """A home whose data folder holds one win and cannot be written: chmod, or for root a
    read-only mount."""
    data = home / "data"
    data.mkdir(parents=True)
    if os.geteuid() != 0:
        run("text", "I fed the cat", env_home=home)
        data.chmod(0o500)
        yield home
        data.chmod(0o700)
        return
    with tmpfs(data):
        run("text", "I fed the cat", env_home=home)
        subprocess.run(["mount", "-o", "remount,ro", str(data)], check=True)
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
