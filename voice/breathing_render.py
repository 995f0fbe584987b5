"""Turn a breathing plan into one buffer of sound, each cue at its exact sample, and play it.

Timing is exact by construction: every cue is copied to the sample where its second falls,
so nothing depends on sleeping or on how fast speech renders.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from voice import earcons
from voice.breathing_plan import Breath, BreathingPlan
from voice.speaker import SAMPLE_RATE, AudioOutput, Playback, SoundDeviceOutput, SpeechRenderer
from voice.speaker import play as play_samples
from voice.speaker import write_wav as write_samples

LINE_PAUSE = 0.8  # between spoken lines of the opening and closing
LEAD_IN = 2.5  # quiet between the opening and the first breath
TAIL = 1.0  # quiet after the last line, so the end is not cut
MIN_QUIET_BEFORE_CUE = 0.3  # every breath cue starts out of silence
TRIM_LEVEL = 150  # about -47 dBFS: quieter edges of a spoken clip are dropped
EDGE_FADE = 0.005  # seconds of fade at each trimmed edge, so nothing clicks

TONES = {Breath.IN: earcons.breathe_in, Breath.OUT: earcons.breathe_out}


class RenderError(ValueError):
    """The plan cannot be rendered as asked; the message says why."""


def trim(samples: np.ndarray, level: int = TRIM_LEVEL) -> np.ndarray:
    """The clip from its first to its last sample louder than `level`, with soft edges."""
    loud = np.flatnonzero(np.abs(samples.astype(np.int32)) > level)
    if not len(loud):
        return np.zeros(0, dtype=np.int16)
    clip = samples[loud[0] : loud[-1] + 1].astype(float)
    fade = min(round(EDGE_FADE * SAMPLE_RATE), len(clip) // 2)
    if fade:
        ramp = 0.5 - 0.5 * np.cos(np.pi * np.arange(1, fade + 1) / (fade + 1))
        clip[:fade] *= ramp
        clip[-fade:] *= ramp[::-1]
    return np.round(clip).astype(np.int16)


class SpeechCache:
    """Spoken clips, trimmed to their sound, kept in memory per (text, voice, rate)."""

    def __init__(self, tts: SpeechRenderer) -> None:
        self._tts = tts
        self._clips: dict[tuple[str, str, int], np.ndarray] = {}

    def clip(self, text: str) -> np.ndarray:
        key = (text, self._tts.voice, self._tts.rate)
        if key not in self._clips:
            self._clips[key] = trim(self._tts.render(text))
        return self._clips[key]


@dataclass(frozen=True)
class Rendering:
    """A whole session as mono int16 samples, and where in it the breathing lies."""

    samples: np.ndarray
    sample_rate: int
    breathing_start_seconds: float
    breathing_seconds: float

    @property
    def duration_seconds(self) -> float:
        return len(self.samples) / self.sample_rate


def render_session(plan: BreathingPlan, speech: SpeechCache) -> Rendering:
    """Opening lines in turn, the breath cues on their marks, then the closing lines."""
    rate = SAMPLE_RATE
    pause, lead_in, tail = (round(s * rate) for s in (LINE_PAUSE, LEAD_IN, TAIL))
    opening = [speech.clip(line) for line in plan.opening]
    closing = [speech.clip(line) for line in plan.closing]
    start = sum(len(c) for c in opening) + pause * (len(opening) - 1) + lead_in
    end = start + plan.breathing_seconds * rate
    placed: list[tuple[int, np.ndarray]] = []
    at = 0
    for clip in opening:
        placed.append((at, clip))
        at += len(clip) + pause
    tones = {kind: make(rate) for kind, make in TONES.items()}
    for cue in plan.cues:
        clip = speech.clip(cue.text) if cue.text else tones[cue.kind]
        placed.append((start + round(cue.at_seconds * rate), clip))
    at = end
    for clip in closing:
        placed.append((at, clip))
        at += len(clip) + pause
    _check_quiet_before_each_cue(placed[len(opening) : len(opening) + len(plan.cues) + 1], rate)
    samples = np.zeros(at - pause + tail, dtype=np.int16)
    for offset, clip in placed:
        samples[offset : offset + len(clip)] = clip
    return Rendering(samples, rate, start / rate, float(plan.breathing_seconds))


def _check_quiet_before_each_cue(placed: list[tuple[int, np.ndarray]], rate: int) -> None:
    quiet = round(MIN_QUIET_BEFORE_CUE * rate)
    for (offset, clip), (next_offset, _) in zip(placed, placed[1:], strict=False):
        if offset + len(clip) + quiet > next_offset:
            raise RenderError(
                f"A cue lasting {len(clip) / rate:.1f} s does not leave "
                f"{MIN_QUIET_BEFORE_CUE} s of quiet before the next one "
                f"{(next_offset - offset) / rate:.1f} s later: use a faster speech rate, "
                "shorter cue words, or a longer pattern."
            )


def write_wav(rendering: Rendering, path: Path) -> None:
    write_samples(path, rendering.samples, rendering.sample_rate)


def play(
    rendering: Rendering, stop: threading.Event, output: AudioOutput | None = None
) -> Playback:
    """Play the session until it ends or `stop` is set (noticed within a tenth of a second)."""
    return play_samples(
        rendering.samples, rendering.sample_rate, output or SoundDeviceOutput(), stop.is_set
    )
