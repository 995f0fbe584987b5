"""`smallwins breathe`: refusals, the no-device error, and what a played session records.

Speech is rendered for real; only the sound card is faked, and only where a test plays.
"""

from __future__ import annotations

import signal
from datetime import datetime
from pathlib import Path

import numpy as np
import pytest

from voice.app import EXIT_CANT_CREATE, EXIT_UNAVAILABLE, EXIT_USAGE, App
from voice.cli import build_parser, main
from voice.commands import breathe
from voice.config import Settings
from voice.paths import Paths


class FakeOutput:
    """Stands in for the sound card; presses Ctrl+C after `stop_after` blocks."""

    def __init__(self, stop_after: int | None = None) -> None:
        self.seconds = 0.0
        self.stop_after = stop_after
        self.blocks = 0

    def open(self, sample_rate: int) -> FakeOutput:
        self.sample_rate = sample_rate
        return self

    def write(self, block: np.ndarray) -> None:
        self.blocks += 1
        self.seconds += len(block) / self.sample_rate
        if self.blocks == self.stop_after:
            signal.raise_signal(signal.SIGINT)  # Ctrl+C, as a person would press it

    def close(self, discard: bool) -> None:
        """Nothing to release."""


@pytest.fixture
def app(tmp_path: Path) -> App:
    paths = Paths(config_dir=tmp_path / "config", data_dir=tmp_path / "data")
    return App(paths=paths, settings=Settings(), clock=lambda: datetime(2025, 3, 1, 9, 30))


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--pattern", "4-7-8"], "never asks you to hold your breath"),
        (["--pattern", "4-12"], "2 to 10 seconds"),
        (["--minutes", "6"], "choose 1 to 5 minutes"),
        (["--minutes", "0"], "choose 1 to 5 minutes"),
    ],
)
def test_bad_lengths_and_patterns_are_refused_before_anything_is_written(
    argv: list[str],
    message: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("SMALLWINS_HOME", str(tmp_path / "home"))
    out = tmp_path / "out.wav"
    assert main(["breathe", *argv, "--to-wav", str(out)]) == EXIT_USAGE
    assert message in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.slow
def test_an_unwritable_wav_path_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SMALLWINS_HOME", str(tmp_path / "home"))
    target = tmp_path / "missing-folder" / "out.wav"
    assert main(["breathe", "--minutes", "1", "--to-wav", str(target)]) == EXIT_CANT_CREATE
    assert f"Cannot write to {target.parent}" in capsys.readouterr().err


@pytest.mark.slow
def test_playing_without_a_sound_device_suggests_a_wav_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    sd = pytest.importorskip("sounddevice")
    if any(d["max_output_channels"] > 0 for d in sd.query_devices()):
        pytest.skip("this machine has a sound output device")
    monkeypatch.setenv("SMALLWINS_HOME", str(tmp_path / "home"))
    assert main(["breathe", "--minutes", "1"]) == EXIT_UNAVAILABLE
    err = capsys.readouterr().err
    assert "No sound output device" in err and "--to-wav" in err


@pytest.mark.slow
def test_a_played_session_is_recorded_as_completed(app: App) -> None:
    args = build_parser().parse_args(["breathe", "--minutes", "1", "--pattern", "3-5"])
    device = FakeOutput()
    assert breathe.run(args, app, output=device) == 0
    [session] = app.store().breathing_sessions()
    assert session.completed and session.pattern == "3-5"
    assert session.planned_seconds == 60 and session.played_seconds == 60
    assert session.started_at == datetime(2025, 3, 1, 9, 30)
    assert session.feeling_after is None  # no one at a terminal to answer
    assert device.seconds > 60


@pytest.mark.slow
def test_a_stopped_session_is_recorded_with_the_breathing_it_had(
    app: App, capsys: pytest.CaptureFixture[str]
) -> None:
    args = build_parser().parse_args(["breathe", "--minutes", "2"])
    handler_before = signal.getsignal(signal.SIGINT)
    device = FakeOutput(stop_after=400)  # 40 s in: well past the opening, mid-breathing
    assert breathe.run(args, app, output=device) == 0
    [session] = app.store().breathing_sessions()
    assert not session.completed and session.pattern == "4-6"
    assert device.seconds == pytest.approx(40.0, abs=0.01)
    assert 0 < session.played_seconds < 40
    out = capsys.readouterr().out
    assert "Press Ctrl+C to stop" in out and "Stopped after" in out
    assert signal.getsignal(signal.SIGINT) is handler_before
