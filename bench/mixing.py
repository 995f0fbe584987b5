"""Noise mixing as the Picovoice speech-to-intent benchmark describes it.

For each clip: take a random segment of the noise as long as the speech; scale the noise so
that the energy of the loudest 2048-sample frame of speech over that of the noise equals the
wanted SNR; add; normalise the mix to a peak of 0.5.
"""

from __future__ import annotations

import numpy as np

FRAME = 2048
PEAK = 0.5


def loudest_frame_energy(samples: np.ndarray, frame: int = FRAME) -> float:
    """Energy of the loudest whole frame (the whole clip if shorter than one frame)."""
    count = samples.size // frame
    if count == 0:
        return float((samples.astype(np.float64) ** 2).sum())
    frames = samples[: count * frame].astype(np.float64).reshape(count, frame)
    return float((frames**2).sum(axis=1).max())


def mix(speech: np.ndarray, noise: np.ndarray, snr_db: float, rng: np.random.Generator
        ) -> np.ndarray:
    """Speech and noise as float in [-1, 1); returns the mix as float, peak 0.5."""
    if noise.size < speech.size:
        noise = np.tile(noise, int(np.ceil(speech.size / noise.size)))
    start = int(rng.integers(0, noise.size - speech.size + 1))
    segment = noise[start:start + speech.size].astype(np.float64)
    noise_energy = loudest_frame_energy(segment)
    if noise_energy == 0:
        mixed = speech.astype(np.float64)
    else:
        scale = np.sqrt(loudest_frame_energy(speech) / (noise_energy * 10 ** (snr_db / 10)))
        mixed = speech + scale * segment
    peak = np.abs(mixed).max()
    return (mixed * (PEAK / peak) if peak > 0 else mixed).astype(np.float32)


def to_pcm16(samples: np.ndarray) -> bytes:
    return (np.clip(samples, -1, 1 - 1 / 32768) * 32768).astype("<i2").tobytes()
