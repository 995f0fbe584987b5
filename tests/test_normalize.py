"""Spoken spellings as data: tests/normalising/en.yaml, said -> read."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from intents.normalize import normalize

CASES = yaml.safe_load((Path(__file__).parent / "normalising" / "en.yaml").read_text("utf-8"))


@pytest.mark.parametrize(("said", "read"), CASES, ids=lambda v: v[:40])
def test_spoken_spelling_is_read_as_written(said: str, read: str) -> None:
    assert normalize(said) == read
