"""Acceptance: `smallwins breathe --minutes 1 --to-wav out.wav` puts every cue on its mark.

The cue times are found in the written WAV by onset detection on its energy envelope, and
compared with the marks the pattern promises (4 s in, 6 s out: 0, 4, 10, 14, 20 ... s).
"""

from __future__ import annotations

import re
import wave
from pathlib import Path

import numpy as np
import pytest

from models.store import Store
from voice.cli import main

TOLERANCE = 0.010
ONSET_LEVEL_DBFS = -45.0  # a cue has begun once its sound rises above this
QUIET_BEFORE_ONSET = 0.25  # ... after at least this long below it
LEAD_IN_QUIET = 2.0  # the breathing starts after the longest quiet of the opening


def read_wav(path: Path) -> tuple[np.ndarray, int]:
    with wave.open(str(path)) as wav:
        assert (wav.getnchannels(), wav.getsampwidth()) == (1, 2)
        rate = wav.getframerate()
        return np.frombuffer(wav.readframes(wav.getnframes()), dtype="<i2"), rate


def loud_samples(samples: np.ndarray, rate: int, window: float = 0.002) -> np.ndarray:
    """Indices where the RMS over the preceding `window` is above the onset level."""
    x = samples.astype(float)
    width = max(1, round(window * rate))
    energy = np.convolve(x**2, np.ones(width) / width)[: len(x)]
    return np.flatnonzero(np.sqrt(energy) > 32767 * 10 ** (ONSET_LEVEL_DBFS / 20))


def onsets_after_quiet(samples: np.ndarray, rate: int, quiet: float) -> np.ndarray:
    """Seconds at which sound begins after at least `quiet` seconds below the onset level."""
    loud = loud_samples(samples, rate)
    gaps = np.diff(loud, prepend=-len(samples) - round(quiet * rate) - 1)
    return loud[gaps > quiet * rate] / rate


def expected_marks(inhale: int, exhale: int, seconds: int) -> list[int]:
    marks = []
    for start in range(0, seconds - inhale - exhale + 1, inhale + exhale):
        marks += [start, start + inhale]
    return marks


def test_expected_marks_follow_the_issue() -> None:
    assert expected_marks(4, 6, 60)[:5] == [0, 4, 10, 14, 20]
    assert expected_marks(4, 6, 60)[-1] == 54


def test_onset_detection_finds_bursts_after_quiet() -> None:
    rate = 1000
    samples = np.zeros(5 * rate, dtype=np.int16)
    for start in (500, 1500, 1700, 3000):  # 1700 follows 1500 too closely to count
        samples[start : start + 100] = 3000
    assert list(onsets_after_quiet(samples, rate, QUIET_BEFORE_ONSET)) == [0.5, 1.5, 3.0]


@pytest.mark.slow
def test_breathe_one_minute_to_wav_puts_every_cue_within_10_ms_of_its_mark(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SMALLWINS_HOME", str(tmp_path / "home"))
    out = tmp_path / "out.wav"

    assert main(["breathe", "--minutes", "1", "--to-wav", str(out)]) == 0

    samples, rate = read_wav(out)
    duration = len(samples) / rate
    onsets = onsets_after_quiet(samples, rate, QUIET_BEFORE_ONSET)

    # The breathing starts with the first sound after the opening's long quiet (the first
    # sound of all is the opening), which is where the command says it starts.
    start = onsets_after_quiet(samples, rate, LEAD_IN_QUIET)[1]
    said = re.search(r"breathing runs from ([\d.]+) s to ([\d.]+) s", capsys.readouterr().out)
    assert said, "the command should say where the breathing lies"
    assert abs(start - float(said[1])) <= TOLERANCE
    assert float(said[2]) - float(said[1]) == pytest.approx(60, abs=0.001)
    assert start > 10, "a spoken opening comes first"
    start = float(said[1])  # marks count from the start the command gives, to the millisecond

    marks = expected_marks(4, 6, 60)
    found = onsets[(onsets >= start - TOLERANCE) & (onsets < start + 60 - TOLERANCE)] - start
    assert len(found) == len(marks), f"cues found at {np.round(found, 3)}"
    errors = np.abs(found - np.array(marks))
    assert errors.max() <= TOLERANCE, f"worst cue is {errors.max() * 1000:.1f} ms off"

    # Closing: it begins as the 60 s of breathing end, and the file ends soon after it.
    closing = onsets[onsets >= start + 60 - TOLERANCE]
    assert len(closing) and abs(closing[0] - (start + 60)) <= TOLERANCE
    last_sound = loud_samples(samples, rate)[-1] / rate
    assert last_sound - (start + 60) > 3, "a spoken closing follows the breathing"
    assert 0 < duration - last_sound <= 1.5
    # The opening is speech from the first moment, without a pause as long as the lead-in,
    # which is between 2 and 3.5 s of quiet.
    sound = loud_samples(samples, rate) / rate
    opening = sound[sound < start - TOLERANCE]
    assert opening[0] < 0.1
    assert np.diff(opening).max() < LEAD_IN_QUIET
    assert LEAD_IN_QUIET <= start - opening[-1] <= 3.5

    # Nothing is recorded for a file: no session, only where the file is, for delete-everything.
    store = Store.open(tmp_path / "home" / "data" / "smallwins.db")
    assert store.breathing_sessions() == [] and store.written_files() == [out.resolve()]
    store.close()
