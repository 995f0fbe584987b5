"""Synthetic speech for tests and benchmarks: espeak-ng voices rendered in memory at 16 kHz."""

from __future__ import annotations

import io
import shutil
import subprocess
import wave
from dataclasses import dataclass

import numpy as np

from voice.resample import Resampler, pcm_to_float

# Voices and rates that sound different from each other: accents, a female variant, speeds.
VOICES = (("en-us", 150), ("en-gb", 175), ("en-us+f3", 130), ("en-gb-x-rp+m3", 160))


@dataclass(frozen=True)
class Voice:
    name: str
    rate: int


def available() -> bool:
    return shutil.which("espeak-ng") is not None


def render(text: str, voice: Voice) -> np.ndarray:
    """`text` spoken by espeak-ng, as float samples at 16 kHz with 0.3 s of silence each side."""
    result = subprocess.run(
        ["espeak-ng", "-v", voice.name, "-s", str(voice.rate), "--stdout", text],
        capture_output=True, check=True, timeout=60,
    )
    with wave.open(io.BytesIO(result.stdout)) as wav:
        rate = wav.getframerate()
        data = wav.readframes(wav.getnframes())
        samples = pcm_to_float(data, wav.getsampwidth(), wav.getnchannels())
    resampler = Resampler(rate)
    speech = np.concatenate([resampler.process(samples), resampler.flush()])
    pad = np.zeros(int(0.3 * 16000), dtype=np.float32)
    return np.concatenate([pad, speech, pad])


def voices() -> list[Voice]:
    return [Voice(name, rate) for name, rate in VOICES]
