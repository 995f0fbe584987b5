"""Rendering a plan to one buffer, writing it, and playing it until it ends or is stopped.

Speech is rendered for real; only the sound card is faked.
"""

from __future__ import annotations

import threading
import wave
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from voice import earcons
from voice.breathing_plan import GENTLE_PATTERN, load_script, plan_session
from voice.breathing_render import (
    EDGE_FADE,
    LEAD_IN,
    LINE_PAUSE,
    TAIL,
    TRIM_LEVEL,
    RenderError,
    Rendering,
    SpeechCache,
    play,
    render_session,
    trim,
    write_wav,
)
from voice.speaker import SAMPLE_RATE, TextToSpeech

RATE = SAMPLE_RATE


class FakeOutput:
    """Stands in for the sound card: keeps what it is sent, and can stop after some blocks."""

    def __init__(self, stop: threading.Event | None = None, stop_after: int = 0) -> None:
        self.blocks: list[np.ndarray] = []
        self.discarded: bool | None = None
        self._stop, self._stop_after = stop, stop_after

    def open(self, sample_rate: int) -> FakeOutput:
        return self

    def write(self, block: np.ndarray) -> None:
        self.blocks.append(block)
        if self._stop is not None and len(self.blocks) == self._stop_after:
            self._stop.set()  # as if "stop" were said while this block played

    def close(self, discard: bool) -> None:
        self.discarded = discard


class CountingTTS:
    """Real speech, counting how often the engine is asked."""

    def __init__(self, rate: int = 150) -> None:
        self._tts = TextToSpeech(rate)
        self.renders = 0

    @property
    def voice(self) -> str:
        return self._tts.voice

    @property
    def rate(self) -> int:
        return self._tts.rate

    def render(self, text: str) -> np.ndarray:
        self.renders += 1
        return self._tts.render(text)


def test_trim_keeps_the_sound_and_softens_its_edges() -> None:
    sound = np.full(1000, 8000, dtype=np.int16)
    padded = np.concatenate([np.zeros(300), [TRIM_LEVEL], sound, [-TRIM_LEVEL], np.zeros(50)])
    clip = trim(padded.astype(np.int16))
    assert len(clip) == len(sound)
    fade = round(EDGE_FADE * RATE)
    assert 0 < clip[0] < 8000 * 0.05 and 0 < clip[-1] < 8000 * 0.05
    assert np.all(np.diff(clip[:fade].astype(int)) > 0)
    assert np.all(clip[fade:-fade] == 8000)
    assert len(trim(np.full(100, TRIM_LEVEL, dtype=np.int16))) == 0


def tiny_rendering(seconds: float = 1.0) -> Rendering:
    samples = np.tile(earcons.breathe_in(), 3)[: round(seconds * RATE)]
    return Rendering(samples, RATE, breathing_start_seconds=0.0, breathing_seconds=seconds)


def test_play_runs_to_the_end_when_not_stopped() -> None:
    rendering = tiny_rendering(2.0)
    device = FakeOutput()
    result = play(rendering, threading.Event(), device)
    assert result.completed and result.played_seconds == pytest.approx(2.0)
    assert np.array_equal(np.concatenate(device.blocks), rendering.samples)
    assert device.discarded is False


def test_play_stops_within_a_block_of_the_stop() -> None:
    stop = threading.Event()
    device = FakeOutput(stop, stop_after=3)
    result = play(tiny_rendering(2.0), stop, device)
    assert not result.completed
    assert len(device.blocks) == 3 and device.discarded is True
    assert result.played_seconds == pytest.approx(0.3, abs=0.001)


def test_wav_holds_the_rendering(tmp_path: Path) -> None:
    rendering = tiny_rendering()
    write_wav(rendering, tmp_path / "s.wav")
    with wave.open(str(tmp_path / "s.wav")) as wav:
        assert (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()) == (1, 2, RATE)
        written = np.frombuffer(wav.readframes(wav.getnframes()), dtype="<i2")
    assert np.array_equal(written, rendering.samples)


@pytest.mark.slow
@pytest.mark.parametrize("minutes", [1, 3])
def test_breathing_lasts_exactly_the_minutes_between_opening_and_closing(minutes: int) -> None:
    tts = CountingTTS()
    plan = plan_session(minutes, ask_feeling=False)
    speech = SpeechCache(tts)
    rendering = render_session(plan, speech)
    start = round(rendering.breathing_start_seconds * RATE)
    assert start == rendering.breathing_start_seconds * RATE  # on a sample
    opening = sum(len(speech.clip(line)) for line in plan.opening)
    assert start == opening + round(LINE_PAUSE * RATE) * (len(plan.opening) - 1) + round(
        LEAD_IN * RATE
    )
    closing = sum(len(speech.clip(line)) for line in plan.closing)
    closing += round(LINE_PAUSE * RATE) * (len(plan.closing) - 1) + round(TAIL * RATE)
    assert len(rendering.samples) == start + 60 * minutes * RATE + closing
    # each breath cue's clip sits on its exact sample, with silence just before it
    for cue in plan.cues:
        at = start + round(cue.at_seconds * RATE)
        clip = speech.clip(cue.text) if cue.text else (
            earcons.breathe_in() if cue.kind == "in" else earcons.breathe_out()
        )
        assert np.array_equal(rendering.samples[at : at + len(clip)], clip)
        assert not rendering.samples[at - round(0.3 * RATE) : at].any()
    # the closing's first line starts the moment the breathing ends
    first_closing = speech.clip(plan.closing[0])
    end = start + 60 * minutes * RATE
    assert np.array_equal(rendering.samples[end : end + len(first_closing)], first_closing)


@pytest.mark.slow
def test_spoken_cues_are_rendered_once_per_text_voice_and_rate() -> None:
    tts = CountingTTS()
    speech = SpeechCache(tts)
    plan = plan_session(2, GENTLE_PATTERN)
    render_session(plan, speech)
    distinct = {c.text for c in plan.cues if c.text} | set(plan.opening) | set(plan.closing)
    assert tts.renders == len(distinct)
    render_session(plan, speech)
    assert tts.renders == len(distinct)


@pytest.mark.slow
def test_cue_words_too_long_for_the_breath_are_refused() -> None:
    script = replace(
        load_script(),
        breathe_in="now slowly and gently breathe in through your nose, filling your belly",
    )
    plan = plan_session(1, GENTLE_PATTERN, script=script)
    with pytest.raises(RenderError, match="quiet before the next one"):
        render_session(plan, SpeechCache(TextToSpeech(150)))
