"""The speaker: real espeak-ng renders, block playback that stops, and the speaking thread.

Only the sound card is faked (`FakeOutput`); speech is always rendered for real.
"""

from __future__ import annotations

import threading
import time
import wave
from pathlib import Path

import numpy as np
import pytest

from voice.config import Settings
from voice.speaker import (
    BLOCK_SECONDS,
    SAMPLE_RATE,
    SoundDeviceOutput,
    Speaker,
    SpeakerError,
    TextToSpeech,
    VoiceSpeaker,
    play,
    speak_once,
    write_wav,
)


class FakeOutput:
    """Stands in for the sound card: keeps every block; can hold the player after a block."""

    def __init__(self, hold_after: int | None = None) -> None:
        self.blocks: list[np.ndarray] = []
        self.discarded: bool | None = None
        self.sample_rate: int | None = None
        self.holding = threading.Event()
        self.release = threading.Event()
        self._hold_after = hold_after

    def open(self, sample_rate: int) -> FakeOutput:
        self.sample_rate = sample_rate
        return self

    def write(self, block: np.ndarray) -> None:
        self.blocks.append(block.copy())
        if self._hold_after is not None and len(self.blocks) == self._hold_after:
            self.holding.set()
            assert self.release.wait(5), "the test never released the fake device"

    def close(self, discard: bool) -> None:
        self.discarded = discard

    @property
    def audio(self) -> np.ndarray:
        return np.concatenate(self.blocks) if self.blocks else np.zeros(0, dtype=np.int16)


class CollectingSpeaker:
    """Collects text instead of sound, as a unit test of a caller would."""

    def __init__(self) -> None:
        self.said: list[str] = []

    def say(self, text: str) -> None:
        self.said.append(text)

    def stop(self) -> None:
        self.said.clear()

    @property
    def is_speaking(self) -> bool:
        return False

    def close(self) -> None:
        """Nothing to release."""


def rms_dbfs(samples: np.ndarray) -> float:
    rms = np.sqrt(np.mean(samples.astype(float) ** 2))
    return float(20 * np.log10(max(rms, 1e-9) / 32767))


def test_a_collecting_fake_and_the_real_speaker_share_the_protocol() -> None:
    assert isinstance(CollectingSpeaker(), Speaker)
    for name in ("say", "stop", "is_speaking", "close"):
        assert hasattr(VoiceSpeaker, name)
    assert not isinstance(object(), Speaker)


def test_play_sends_every_sample_in_short_blocks() -> None:
    samples = (np.arange(SAMPLE_RATE) % 200).astype(np.int16)
    device = FakeOutput()
    result = play(samples, SAMPLE_RATE, device)
    assert result.completed and result.played_seconds == pytest.approx(1.0)
    assert np.array_equal(device.audio, samples)
    assert max(len(b) for b in device.blocks) == round(BLOCK_SECONDS * SAMPLE_RATE)
    assert device.discarded is False and device.sample_rate == SAMPLE_RATE


def test_play_stops_at_the_next_block_and_drops_the_rest() -> None:
    samples = np.ones(3 * SAMPLE_RATE, dtype=np.int16)
    device = FakeOutput()
    result = play(samples, SAMPLE_RATE, device, stopped=lambda: len(device.blocks) >= 4)
    assert not result.completed
    assert len(device.blocks) == 4
    assert result.played_seconds == pytest.approx(4 * BLOCK_SECONDS, abs=1 / SAMPLE_RATE)
    assert device.discarded is True


def test_write_wav_round_trips(tmp_path: Path) -> None:
    samples = np.array([0, 1, -1, 32767, -32768, 1234], dtype=np.int16)
    write_wav(tmp_path / "x.wav", samples, 16000)
    with wave.open(str(tmp_path / "x.wav")) as wav:
        assert (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()) == (1, 2, 16000)
        assert np.array_equal(np.frombuffer(wav.readframes(6), dtype="<i2"), samples)


@pytest.mark.parametrize("rate", [79, 451, 0])
def test_rates_espeak_cannot_do_are_refused(rate: int) -> None:
    with pytest.raises(SpeakerError, match="80 to 450"):
        TextToSpeech(rate)


def test_no_output_device_is_a_clear_error() -> None:
    sd = pytest.importorskip("sounddevice")
    if any(d["max_output_channels"] > 0 for d in sd.query_devices()):
        pytest.skip("this machine has a sound output device")
    with pytest.raises(SpeakerError, match="No sound output device"):
        play(np.zeros(100, dtype=np.int16), SAMPLE_RATE, SoundDeviceOutput())


@pytest.mark.slow
def test_real_speech_is_loud_enough_and_as_long_as_the_words(
    capsys: pytest.CaptureFixture[str],
) -> None:
    text = "Sit or lie down in a way that feels comfortable."  # 11 words
    tts = TextToSpeech(150)
    samples = tts.render(text)
    seconds = len(samples) / SAMPLE_RATE
    # 11 words at 150 words a minute is 4.4 s of careful reading; espeak is brisker than that
    assert 2.0 <= seconds <= 6.0
    assert samples.dtype == np.int16
    assert rms_dbfs(samples) > -30
    # speech, not a constant tone: the loudness moves between syllables
    frames = samples[: len(samples) // 220 * 220].reshape(-1, 220).astype(float)
    loudness = np.sqrt(np.mean(frames**2, axis=1))
    assert np.sum(loudness < 0.1 * loudness.max()) >= 5
    assert np.sum(loudness > 0.5 * loudness.max()) >= 5
    assert capsys.readouterr().out == ""


@pytest.mark.slow
def test_rate_is_applied_on_every_render() -> None:
    text = "Breathe in slowly, and then breathe out."
    slow, fast = TextToSpeech(100), TextToSpeech(220)
    first_slow = slow.render(text)
    fast.render(text)
    # the other rate did not leak in (espeak-ng varies a render by a few milliseconds)
    assert len(slow.render(text)) == pytest.approx(len(first_slow), rel=0.05)
    assert len(first_slow) > 1.6 * len(fast.render(text))


@pytest.mark.slow
def test_voices_resolve_by_short_id_and_unknown_ones_are_refused() -> None:
    us = TextToSpeech(150, "en-us")
    assert us.voice == "gmw/en-us"
    us.render("Hello.")
    assert TextToSpeech(150, "").voice == "gmw/en"  # espeak-ng's default, not the last one set
    with pytest.raises(SpeakerError, match="no espeak-ng voice called 'no-such-voice'.*en-us"):
        TextToSpeech(150, "no-such-voice")


@pytest.mark.slow
def test_the_speaking_thread_plays_what_is_said() -> None:
    device = FakeOutput()
    speaker = VoiceSpeaker(150, output=device)
    try:
        speaker.say("Got it.")
        assert speaker.is_speaking
        assert speaker.wait(5)
        assert not speaker.is_speaking
        # espeak-ng varies each render slightly, so compare length and loudness, not samples
        rendered = speaker.render("Got it.")
        assert len(device.audio) == pytest.approx(len(rendered), abs=0.01 * SAMPLE_RATE)
        assert rms_dbfs(device.audio) == pytest.approx(rms_dbfs(rendered), abs=1)
        assert device.discarded is False
    finally:
        speaker.close()


@pytest.mark.slow
def test_stop_silences_the_sentence_and_drops_the_queue() -> None:
    device = FakeOutput(hold_after=1)
    speaker = VoiceSpeaker(150, output=device)
    try:
        speaker.say("This is a long sentence that would take a few seconds to say aloud.")
        speaker.say("And this one is waiting in the queue.")
        assert device.holding.wait(5)
        started = time.monotonic()
        speaker.stop()
        device.release.set()
        assert speaker.wait(1.0), "still speaking a second after stop()"
        assert time.monotonic() - started < 1.0
        assert len(device.blocks) == 1 and device.discarded is True
        speaker.say("Stopping does not stop it for good.")
        assert speaker.wait(5)
        assert len(device.blocks) > 1
    finally:
        speaker.close()


@pytest.mark.slow
def test_a_bad_voice_fails_in_the_caller_not_on_the_thread() -> None:
    with pytest.raises(SpeakerError, match="no espeak-ng voice"):
        VoiceSpeaker(150, voice="no-such-voice", output=FakeOutput())


@pytest.mark.slow
def test_speak_once_plays_the_text_at_the_configured_rate() -> None:
    slow, fast = FakeOutput(), FakeOutput()
    text = "You watered the plant. That counts."
    assert speak_once(text, Settings(speech_rate=100), slow).completed
    assert speak_once(text, Settings(speech_rate=200), fast).completed
    assert rms_dbfs(slow.audio) > -30
    assert len(slow.audio) > 1.5 * len(fast.audio)
