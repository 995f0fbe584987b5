"""`smallwins setup`: the helpline region is asked, never assumed; bad answers are clear."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run, wav_file
from voice.cli import main
from voice.commands.setup import region_of


@pytest.mark.parametrize(("said", "region"), [
    ("US", "US"), ("the States", "US"), ("United Kingdom", "UK"), ("Scotland", "UK"),
    ("northern ireland", "UK"), ("Ireland", "IE"), ("Éire", "IE"), ("New Zealand", "other"),
    ("Deutschland", "other"),
])
def test_a_country_is_read_as_its_helpline_region(said: str, region: str) -> None:
    assert region_of(said) == region


def test_setup_saves_the_region_and_the_crisis_reply_uses_it(
        home: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["setup", "--region", "Wales"]) == 0
    assert "Samaritans" in capsys.readouterr().out
    assert 'locale = "UK"' in (home / "config" / "config.toml").read_text()
    main(["text", "I want to die"])
    out = capsys.readouterr().out
    assert "116 123" in out and "988" not in out


def test_with_no_region_chosen_every_number_is_given(home: Path,
                                                     capsys: pytest.CaptureFixture) -> None:
    main(["text", "I want to die"])
    out = capsys.readouterr().out
    assert all(number in out for number in ("988", "116 123", "911", "999", "112"))


def test_setup_without_a_terminal_or_region_says_how(home: Path) -> None:
    result = run("setup", env_home=home)
    assert result.returncode == 64 and b"--region" in result.stderr
    assert not (home / "config" / "config.toml").exists()


def test_an_empty_region_is_refused(home: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["setup", "--region", "  "]) == 64
    assert "The region is empty" in capsys.readouterr().err


def test_a_first_run_with_no_region_says_how_to_choose_one(home: Path, tmp_path: Path) -> None:
    silence = wav_file(tmp_path / "silence.wav", b"\0\0" * 1600, rate=16000, width=2)
    result = run("run", "--silent", "--input-wav", str(silence), env_home=home)
    assert b"smallwins setup" in result.stderr, result.stderr
