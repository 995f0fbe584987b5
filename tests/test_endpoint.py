"""Utterance splitting: an utterance ends after at most 0.6 s of quiet."""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np
import pytest

from voice.audio import WavSource, read_all
from voice.endpoint import (
    EndpointSettings,
    EnergyDetector,
    MicroVadDetector,
    UtteranceSplitter,
)

RHASSPY_WAVS = Path(__file__).parents[1].parent / "shared" / "data" / "rhasspy-test" / "wav" / "en"


def burst(seconds: float, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).normal(0, 4000, int(16000 * seconds))


def quiet(seconds: float) -> np.ndarray:
    return np.random.default_rng(1).normal(0, 20, int(16000 * seconds))


def as_chunks(samples: np.ndarray, size: int = 640) -> list[bytes]:
    data = np.clip(samples, -32768, 32767).astype("<i2").tobytes()
    return [data[i : i + size] for i in range(0, len(data), size)]


def test_two_bursts_with_a_long_pause_are_two_utterances() -> None:
    audio = np.concatenate([quiet(0.5), burst(1.0), quiet(1.0), burst(0.5), quiet(1.0)])
    utterances = list(UtteranceSplitter(EnergyDetector()).split(as_chunks(audio)))
    assert len(utterances) == 2 and all(u.complete for u in utterances)
    first, second = utterances
    assert first.end - 1.5 <= 0.6 + 0.01  # ended within 0.6 s of the speech stopping
    assert 0.5 - 0.6 <= first.start <= 0.5  # the pre-roll keeps the onset
    assert second.start < 2.5 < second.end


def test_a_short_pause_does_not_split() -> None:
    audio = np.concatenate([quiet(0.5), burst(0.7), quiet(0.3), burst(0.7), quiet(1.0)])
    assert len(list(UtteranceSplitter(EnergyDetector()).split(as_chunks(audio)))) == 1


def test_chunk_size_does_not_matter() -> None:
    audio = np.concatenate([quiet(0.5), burst(1.0), quiet(1.0)])
    small = list(UtteranceSplitter(EnergyDetector()).split(as_chunks(audio, 100)))
    large = list(UtteranceSplitter(EnergyDetector()).split(as_chunks(audio, 9600)))
    assert small == large and len(small) == 1


def test_long_speech_is_cut_and_an_unfinished_one_is_flushed() -> None:
    settings = EndpointSettings(max_seconds=2.0)
    audio = np.concatenate([quiet(0.3), burst(5.0)])
    utterances = list(UtteranceSplitter(EnergyDetector(), settings).split(as_chunks(audio)))
    assert [u.complete for u in utterances] == [False, False, False]
    assert all(u.seconds <= 2.0 for u in utterances)


def test_silence_has_no_utterance() -> None:
    assert list(UtteranceSplitter().split(as_chunks(quiet(3.0)))) == []


@pytest.mark.slow
def test_microvad_finds_each_recorded_command_once() -> None:
    """Each real recording after a second of quiet, as a microphone would hear it."""
    if not RHASSPY_WAVS.is_dir():
        pytest.skip(f"shared data not found at {RHASSPY_WAVS}")
    single, waits = 0, []
    wavs = sorted(RHASSPY_WAVS.glob("*.wav"))
    for wav in wavs:
        speech = read_all(WavSource(wav)).astype(np.float64)
        audio = np.concatenate([np.zeros(16000), speech, np.zeros(16000)])
        utterances = list(UtteranceSplitter(MicroVadDetector()).split(as_chunks(audio)))
        single += len(utterances) == 1 and utterances[0].complete
        if utterances:
            waits.append(utterances[-1].end - (1 + speech.size / 16000))
    assert single >= 47  # measured 49 of 49
    # after the recording's last sample (speech may end a little before it)
    assert np.median(waits) <= 0.6  # measured 0.46 s
    assert max(waits) <= 0.75  # measured 0.72 s: microVAD's hangover varies


@pytest.mark.slow
def test_thirty_minute_file_is_split_as_it_streams(tmp_path: Path) -> None:
    """A burst each minute for 30 minutes: 30 utterances, none held back to the end."""
    path = tmp_path / "day.wav"
    minute = np.concatenate([quiet(1.0), burst(1.5), quiet(57.5)])
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16000)
        for _ in range(30):
            out.writeframes(np.clip(minute, -32768, 32767).astype("<i2").tobytes())
    splitter = UtteranceSplitter(EnergyDetector())
    starts = [u.start for u in splitter.split(WavSource(path).chunks())]
    assert len(starts) == 30
    assert starts[-1] == pytest.approx(29 * 60 + 1.0, abs=0.7)
