"""Synthetic speech for tests and benchmarks, rendered in memory at 16 kHz: espeak-ng voices
(formant synthesis, far from a human voice) and, where installed, flite's (diphone and
cluster-unit voices built from recordings of people)."""

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
FLITE_VOICES = ("slt", "rms", "awb")


@dataclass(frozen=True)
class Voice:
    name: str
    rate: int = 0  # words per minute (espeak-ng); flite speaks at its own pace
    engine: str = "espeak-ng"

    @property
    def label(self) -> str:
        return f"{self.name}@{self.rate}" if self.rate else f"{self.engine}:{self.name}"

    def command(self, text: str) -> list[str]:
        if self.engine == "flite":
            return ["flite", "-voice", self.name, "-t", text, "-o", "/dev/stdout"]
        return ["espeak-ng", "-v", self.name, "-s", str(self.rate), "--stdout", text]


def available(engine: str = "espeak-ng") -> bool:
    return shutil.which(engine) is not None


# A microphone is never digitally silent: exact zeros around a render confuse PocketSphinx's
# feature normalisation (it then cuts sentences short), so renders get a quiet noise floor.
NOISE_FLOOR_DBFS = -60.0


def render(text: str, voice: Voice, seed: int = 0) -> np.ndarray:
    """`text` spoken by `voice`, as float samples at 16 kHz with 0.3 s of room each side."""
    result = subprocess.run(voice.command(text), capture_output=True, check=True, timeout=60)
    with wave.open(io.BytesIO(result.stdout)) as wav:
        rate = wav.getframerate()
        data = wav.readframes(wav.getnframes())
        samples = pcm_to_float(data, wav.getsampwidth(), wav.getnchannels())
    resampler = Resampler(rate)
    speech = np.concatenate([resampler.process(samples), resampler.flush()])
    pad = np.zeros(int(0.3 * 16000), dtype=np.float32)
    clip = np.concatenate([pad, speech, pad])
    floor = np.random.default_rng(seed).normal(0, 10 ** (NOISE_FLOOR_DBFS / 20), clip.size)
    return (clip + floor).astype(np.float32)


def voices() -> list[Voice]:
    return [Voice(name, rate) for name, rate in VOICES]


def flite_voices() -> list[Voice]:
    return [Voice(name, engine="flite") for name in FLITE_VOICES] if available("flite") else []
