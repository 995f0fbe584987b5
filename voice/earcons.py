"""Short, soft tones made in code: listening, got it, breathe in, breathe out."""

from __future__ import annotations

import numpy as np

SAMPLE_RATE = 22050
LEVEL = 0.2  # peak amplitude, about -14 dBFS: well below speech
NOTE_ATTACK = 0.010
BREATH_ATTACK = 0.025  # soft, yet the tone is audible within a few ms of its mark


def raised_cosine_envelope(length: int, attack: int, release: int) -> np.ndarray:
    """Rises from 0 to 1 over `attack` samples and falls back to 0 over `release`."""
    envelope = np.ones(length)
    if attack:
        envelope[:attack] = 0.5 - 0.5 * np.cos(np.pi * np.arange(attack) / attack)
    if release:
        fall = np.arange(1, release + 1) / release
        envelope[length - release :] = 0.5 + 0.5 * np.cos(np.pi * fall)
    return envelope


def glide(
    start_hz: float,
    end_hz: float,
    seconds: float,
    sample_rate: int = SAMPLE_RATE,
    attack: float = NOTE_ATTACK,
    release: float = 0.05,
) -> np.ndarray:
    """A sine sweeping evenly in pitch from `start_hz` to `end_hz`, faded in and out (float)."""
    length = round(seconds * sample_rate)
    t = np.arange(length) / sample_rate
    if start_hz == end_hz:
        phase = 2 * np.pi * start_hz * t
    else:
        ratio = end_hz / start_hz
        phase = 2 * np.pi * start_hz * seconds * (ratio ** (t / seconds) - 1) / np.log(ratio)
    # a touch of the octave above makes the sine rounder without making it brighter
    wave = np.sin(phase) + 0.15 * np.sin(2 * phase)
    wave /= np.max(np.abs(wave))
    envelope = raised_cosine_envelope(
        length, round(attack * sample_rate), round(release * sample_rate)
    )
    return wave * envelope


def to_int16(signal: np.ndarray, level: float = LEVEL) -> np.ndarray:
    """Scale a float signal whose peak is 1 to int16 at `level` of full scale."""
    return np.round(signal * level * 32767).astype(np.int16)


def _two_notes(first_hz: float, second_hz: float, sample_rate: int) -> np.ndarray:
    note = 0.12
    overlap = 0.02
    first = glide(first_hz, first_hz, note, sample_rate, release=0.06)
    second = glide(second_hz, second_hz, note + 0.06, sample_rate, release=0.12)
    start = round((note - overlap) * sample_rate)
    out = np.zeros(start + len(second))
    out[: len(first)] += first
    out[start:] += second
    return to_int16(out / np.max(np.abs(out)))


def listening(sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    """'I'm listening': a soft rising fifth, C5 then G5."""
    return _two_notes(523.25, 783.99, sample_rate)


def got_it(sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    """'Got it': a soft falling fifth, G5 then C5."""
    return _two_notes(783.99, 523.25, sample_rate)


def breathe_in(sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    """A low tone rising over a second: breathe in."""
    return to_int16(
        glide(261.63, 392.00, 1.0, sample_rate, attack=BREATH_ATTACK, release=0.4)
    )


def breathe_out(sample_rate: int = SAMPLE_RATE) -> np.ndarray:
    """A low tone falling over a second: breathe out."""
    return to_int16(
        glide(392.00, 261.63, 1.0, sample_rate, attack=BREATH_ATTACK, release=0.4)
    )
