"""The voice path from the command line: `listen` on files, `run` with a WAV as microphone."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import wave
from pathlib import Path

import numpy as np
import pytest

from bench.mixing import to_pcm16
from bench.synth import Voice, available, render
from tests.conftest import REPO, shared, silent_wav, wav_file
from voice.audio import WavSource

PYTHON = sys.executable
RHASSPY_FIXTURE = REPO / "tests" / "fixtures" / "rhasspy_en.yaml"


def smallwins(home: Path, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SMALLWINS_HOME": str(home)}
    return subprocess.run([PYTHON, "-m", "voice", *args], capture_output=True, text=True,
                          env=env, timeout=timeout, check=False)


def write_wav(path: Path, samples: np.ndarray, rate: int = 16000, channels: int = 1) -> Path:
    return wav_file(path, to_pcm16(samples), rate, 2, channels)


def samples_of(path: Path) -> np.ndarray:
    return np.frombuffer(b"".join(WavSource(path).chunks()), dtype="<i2").astype(np.float32) / 32768


@pytest.mark.slow
def test_listen_hears_real_recordings_with_custom_sentences(home: Path) -> None:
    folder = shared("rhasspy-test/wav/en")
    files = sorted(folder.glob("*.wav"))[:6]
    result = smallwins(home, "listen", "--dry-run", "--json", "--sentences",
                       str(RHASSPY_FIXTURE), "--wav", *map(str, files))
    assert result.returncode == 0, result.stderr
    outputs = [json.loads(line) for line in result.stdout.splitlines()]
    for wav, out in zip(files, outputs, strict=True):
        expected = json.loads(wav.with_suffix(".json").read_text())
        assert out["intent"] == expected["intent"]["name"], (wav.name, out)
        assert out["decode_seconds"] < out["audio_seconds"]
    assert not home.exists() or not (home / "data" / "smallwins.db").exists()


@pytest.mark.slow
def test_listen_takes_odd_rates_and_channels(home: Path, tmp_path: Path) -> None:
    recording = shared("rhasspy-test/wav/en/turn_on_the_living_room_lamp.wav")
    speech = samples_of(recording)
    stereo = np.repeat(speech[:, None], 2, axis=1).reshape(-1)
    with wave.open(str(recording)) as original:
        native = np.frombuffer(original.readframes(original.getnframes()), "<i2") / 32768
        native_rate = original.getframerate()
    files = [
        write_wav(tmp_path / "8k.wav", speech[::2], rate=8000),
        write_wav(tmp_path / "stereo.wav", stereo, channels=2),
        write_wav(tmp_path / "native.wav", native.astype(np.float32), rate=native_rate),
    ]
    result = smallwins(home, "listen", "--dry-run", "--json", "--sentences",
                       str(RHASSPY_FIXTURE), "--wav", *map(str, files))
    assert result.returncode == 0, result.stderr
    intents = [json.loads(line)["intent"] for line in result.stdout.splitlines()]
    assert intents[1:] == ["ChangeLightState", "ChangeLightState"]
    assert intents[0] in ("ChangeLightState", None)  # 8 kHz loses what PocketSphinx needs


def test_listen_reports_unreadable_files_and_goes_on(home: Path, tmp_path: Path) -> None:
    text = tmp_path / "notes.wav"
    text.write_text("this is not audio\n")
    silence = write_wav(tmp_path / "silence.wav", np.zeros(16000, dtype=np.float32))
    whole = write_wav(tmp_path / "whole.wav", np.zeros(16000, dtype=np.float32))
    truncated = tmp_path / "truncated.wav"
    truncated.write_bytes(whole.read_bytes()[:30])
    result = smallwins(home, "listen", "--dry-run", "--json", "--wav", str(text), str(silence),
                       str(truncated))
    assert result.returncode == 65
    assert "notes.wav" in result.stderr and "not a WAV" in result.stderr
    heard = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(heard) == 1 and heard[0]["transcript"] == "" and heard[0]["intent"] is None
    assert "truncated.wav" in result.stderr


def test_listen_refuses_an_hour_of_silence_at_once(home: Path, tmp_path: Path) -> None:
    hour = silent_wav(tmp_path / "hour.wav", 3600)
    result = smallwins(home, "listen", "--dry-run", "--wav", str(hour), timeout=60)
    assert result.returncode == 65 and result.stdout == ""
    assert "hour.wav is 3600 s long" in result.stderr and "up to 30 s" in result.stderr


def _wake_then(text: str, tmp_path: Path) -> Path:
    """A real person saying "alexa", a pause, then `text` in a synthetic voice."""
    alexa = samples_of(sorted(shared("wake-word/alexa").glob("*.wav"))[0])
    room = np.random.default_rng(3).normal(0, 1e-3, 16000).astype(np.float32)
    speech = render(text, Voice("en-us", 150))
    return write_wav(tmp_path / "morning.wav", np.concatenate([room, alexa, room, speech, room]))


@pytest.mark.slow
@pytest.mark.skipif(not available(), reason="espeak-ng is not installed")
def test_run_with_a_wav_as_microphone_hears_wake_phrase_and_logs_a_win(home: Path,
                                                                      tmp_path: Path) -> None:
    audio = _wake_then("I took a shower", tmp_path)
    # The day's jobs follow the real clock; one falling due now would ask a question and take
    # the recording as its answer, so they are off for this run.
    config = home / "config" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text("".join(f"[jobs.{name}]\nenabled = false\n"
                              for name in ("morning", "checkin", "evening", "weekly")))
    result = smallwins(home, "run", "--input-wav", str(audio), "--silent")
    assert result.returncode == 0, result.stderr
    assert "Heard the wake phrase 1 time(s), 1 utterance(s)" in result.stderr
    assert "reply: Logged: took a shower" in result.stdout or \
        "Logged: took a shower" in result.stdout, result.stdout
    wins = smallwins(home, "wins", "--all", "--json")
    assert [json.loads(x)["activity"] for x in wins.stdout.splitlines()] == ["took a shower"]
    data_files = [p.name for p in (home / "data").rglob("*") if p.is_file()]
    assert not [n for n in data_files if n.endswith((".wav", ".raw", ".pcm", ".flac"))]


def test_run_without_a_microphone_says_what_to_do(home: Path) -> None:
    result = smallwins(home, "run", "--silent")
    assert result.returncode == 69
    assert "No microphone" in result.stderr and "smallwins text" in result.stderr


def test_run_refuses_an_unreadable_input_file(home: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.wav"
    bad.write_text("hello")
    result = smallwins(home, "run", "--input-wav", str(bad), "--silent")
    assert result.returncode == 69 and "bad.wav" in result.stderr
