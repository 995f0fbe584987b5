"""Shared fixtures: an in-memory store, a fixed clock, the skill, a private home folder."""

from __future__ import annotations

import random
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
