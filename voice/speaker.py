"""The mouth: text to speech with pyttsx3 (espeak-ng), and sound out through a device.

`TextToSpeech` renders text to int16 samples in memory. `VoiceSpeaker` gives that engine to
one worker thread, which renders and plays queued text and can be stopped mid-sentence.
`play` sends any buffer to the output in short blocks, checking for a stop between them.
"""

from __future__ import annotations

import contextlib
import functools
import io
import logging
import queue
import threading
import wave
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any, Protocol, runtime_checkable

import numpy as np

from voice.config import Settings

log = logging.getLogger(__name__)

SAMPLE_RATE = 22050  # what pyttsx3's espeak-ng driver writes
MIN_RATE = 80  # espeak-ng's slowest words per minute
MAX_RATE = 450
BLOCK_SECONDS = 0.1  # a stop is noticed within one block
DEFAULT_VOICE = "en"


class SpeakerError(Exception):
    """Speech or sound output is not possible; the message says how to fix it."""


@runtime_checkable
class Speaker(Protocol):
    """Says text aloud; a test can stand in something that only collects the text."""

    def say(self, text: str) -> None: ...

    def stop(self) -> None: ...

    @property
    def is_speaking(self) -> bool: ...

    def close(self) -> None: ...


class SpeechRenderer(Protocol):
    """Turns text into mono int16 samples at `SAMPLE_RATE`."""

    @property
    def voice(self) -> str: ...

    @property
    def rate(self) -> int: ...

    def render(self, text: str) -> np.ndarray: ...


RENDER_ATTEMPTS = 3


class TextToSpeech:
    """pyttsx3 with espeak-ng, rendering to memory. Use it from one thread only."""

    def __init__(self, rate: int, voice: str = "") -> None:
        if not MIN_RATE <= rate <= MAX_RATE:
            raise SpeakerError(
                f"A speech rate of {rate} words per minute is outside what espeak-ng can do; "
                f"use {MIN_RATE} to {MAX_RATE} (150 is calm)."
            )
        self._engine, self._espeak = _espeak_engine()
        self._rate = rate
        # "" means espeak-ng's own default, "en"; named so it holds whatever was set before
        self._voice = _resolve_voice(self._engine, voice or DEFAULT_VOICE)

    @property
    def voice(self) -> str:
        return self._voice

    @property
    def rate(self) -> int:
        return self._rate

    def render(self, text: str) -> np.ndarray:
        """The spoken text as mono int16 samples at `SAMPLE_RATE`, never touching the disk."""
        if not text.strip():
            return np.zeros(0, dtype=np.int16)
        # espeak-ng now and then hands back nothing for a fresh engine; a second try works.
        for _ in range(RENDER_ATTEMPTS):
            samples = self._render_once(text)
            if samples.any():
                return samples
        raise SpeakerError("espeak-ng returned no sound for a non-empty text.")

    def _render_once(self, text: str) -> np.ndarray:
        # pyttsx3 keeps one engine per process: set our voice and rate on every use.
        self._engine.setProperty("voice", self._voice)
        self._engine.setProperty("rate", self._rate)
        # espeak-ng applies settings on its own thread; without waiting for it, a render can
        # come out at the previous rate, or empty (seen in 3 of 800 renders).
        self._espeak.Synchronize()
        buffer = io.BytesIO()
        # The espeak driver hands the target to `wave.open`, so a BytesIO works; it also
        # prints "Audio saved to ..." on every render, which is not ours to show.
        with contextlib.redirect_stdout(io.StringIO()):
            self._engine.save_to_file(text, buffer)
            self._engine.runAndWait()
        if not buffer.getbuffer().nbytes:
            return np.zeros(0, dtype=np.int16)
        buffer.seek(0)
        with wave.open(buffer) as wav:
            if wav.getframerate() != SAMPLE_RATE or wav.getnchannels() != 1:
                raise SpeakerError(
                    f"pyttsx3 produced {wav.getframerate()} Hz, {wav.getnchannels()} channel "
                    f"audio; expected {SAMPLE_RATE} Hz mono."
                )
            return np.frombuffer(wav.readframes(wav.getnframes()), dtype=np.int16).copy()


@functools.cache
def _espeak_engine() -> tuple[Any, ModuleType]:
    """pyttsx3's espeak driver (the one that can render to memory) and its espeak-ng binding.

    Kept for the life of the process. pyttsx3 holds engines only weakly, so each new owner
    got a new driver on espeak-ng's single, process-wide callback; with engines coming and
    going like that, renders came back empty in about half of the test runs, and in none of
    25 runs with one engine kept.
    """
    try:
        import pyttsx3
        from pyttsx3.drivers import _espeak

        return pyttsx3.init("espeak"), _espeak
    except (ImportError, OSError, RuntimeError) as error:
        raise SpeakerError(
            f"Text to speech is not available ({error}). Install espeak-ng with "
            "`sudo apt install espeak-ng libespeak-ng1`."
        ) from error


def _resolve_voice(engine: Any, wanted: str) -> str:
    """The espeak-ng voice id for `wanted`: an id ('gmw/en-us'), a short id ('en-us') or a name."""
    voices = engine.getProperty("voices")
    key = wanted.strip().lower()
    for voice in voices:
        if key in (voice.id.lower(), voice.id.lower().rsplit("/", 1)[-1], voice.name.lower()):
            return str(voice.id)
    english = sorted(v.id.rsplit("/", 1)[-1] for v in voices if "/en" in v.id)
    raise SpeakerError(
        f"There is no espeak-ng voice called '{wanted}'. English voices here: "
        f"{', '.join(english) or 'none'}. Set `voice` in config.toml to one of them, "
        "or to \"\" for the default."
    )


def write_wav(path: Path, samples: np.ndarray, sample_rate: int = SAMPLE_RATE) -> None:
    """Write mono int16 samples to a WAV file."""
    # opened here so a bad path fails cleanly (wave.open leaves a broken object behind)
    with open(path, "wb") as handle, wave.open(handle, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(sample_rate)
        wav.writeframes(samples.astype("<i2").tobytes())


# --- sound out ----------------------------------------------------------------------


class AudioStream(Protocol):
    def write(self, block: np.ndarray) -> None:
        """Queue a block of mono int16 samples, waiting while the device's buffer is full."""

    def close(self, discard: bool) -> None:
        """Finish playing what is queued, or drop it at once when `discard`."""


class AudioOutput(Protocol):
    def open(self, sample_rate: int) -> AudioStream: ...


@dataclass(frozen=True)
class Playback:
    """How a play went: seconds sent to the device, and whether it reached the end."""

    played_seconds: float
    completed: bool


def play(
    samples: np.ndarray,
    sample_rate: int,
    output: AudioOutput,
    stopped: Callable[[], bool] = lambda: False,
    block_seconds: float = BLOCK_SECONDS,
) -> Playback:
    """Play in short blocks; when `stopped()` turns true, drop the rest and return."""
    block = max(1, round(block_seconds * sample_rate))
    stream = output.open(sample_rate)
    sent = 0
    try:
        while sent < len(samples):
            if stopped():
                break
            stream.write(samples[sent : sent + block])
            sent = min(len(samples), sent + block)
    finally:
        stream.close(discard=sent < len(samples))
    return Playback(played_seconds=sent / sample_rate, completed=sent >= len(samples))


def speak_once(text: str, settings: Settings, output: AudioOutput | None = None) -> Playback:
    """Say one text with the configured voice and rate; return once it has been played."""
    samples = TextToSpeech(settings.speech_rate, settings.voice).render(text)
    return play(samples, SAMPLE_RATE, output or SoundDeviceOutput())


class SoundDeviceOutput:
    """The default (or a named) output device, through sounddevice; imported on first use."""

    def __init__(self, device: int | str | None = None) -> None:
        self._device = device

    def open(self, sample_rate: int) -> AudioStream:
        sd = _sounddevice()
        try:
            stream = sd.OutputStream(
                samplerate=sample_rate, channels=1, dtype="int16", device=self._device
            )
            stream.start()
        except (sd.PortAudioError, ValueError) as error:
            raise SpeakerError(
                f"No sound output device could be opened ({error}). Connect speakers or "
                "headphones, or write the sound to a file instead."
            ) from error
        return _SoundDeviceStream(stream)


class _SoundDeviceStream:
    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, block: np.ndarray) -> None:
        self._stream.write(np.ascontiguousarray(block, dtype=np.int16).reshape(-1, 1))

    def close(self, discard: bool) -> None:
        if discard:
            self._stream.abort()
        else:
            self._stream.stop()
        self._stream.close()


def _sounddevice() -> ModuleType:
    try:
        import sounddevice
    except OSError as error:  # the Python package is there, the C library is not
        raise SpeakerError(
            "The PortAudio library is missing, so sound cannot be played. "
            "Install it with `sudo apt install libportaudio2`."
        ) from error
    return sounddevice


# --- the speaking thread ------------------------------------------------------------


@dataclass(frozen=True)
class _Say:
    text: str
    generation: int


@dataclass(frozen=True)
class _Render:
    text: str
    result: Future[np.ndarray]


class VoiceSpeaker:
    """Speaks queued text on its own thread, which alone owns the speech engine."""

    def __init__(self, rate: int, voice: str = "", output: AudioOutput | None = None) -> None:
        self._output = output or SoundDeviceOutput()
        self._requests: queue.Queue[_Say | _Render | None] = queue.Queue()
        self._lock = threading.Lock()
        self._generation = 0  # bumped by stop(); older requests to speak are dropped
        self._pending = 0
        self._idle = threading.Event()
        self._idle.set()
        ready: Future[TextToSpeech] = Future()
        self._thread = threading.Thread(
            target=self._run, args=(rate, voice, ready), name="speaker", daemon=True
        )
        self._thread.start()
        tts = ready.result()  # raises SpeakerError here, in the caller, if set-up fails
        self._voice, self._rate = tts.voice, tts.rate

    @property
    def voice(self) -> str:
        return self._voice

    @property
    def rate(self) -> int:
        return self._rate

    @property
    def is_speaking(self) -> bool:
        """True from `say` until that text has been played, skipped or stopped."""
        return not self._idle.is_set()

    def say(self, text: str) -> None:
        """Queue text to be spoken after anything already queued."""
        with self._lock:
            self._pending += 1
            self._idle.clear()
            self._requests.put(_Say(text, self._generation))

    def stop(self) -> None:
        """Silence the current sentence within a block and drop everything queued."""
        with self._lock:
            self._generation += 1

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until nothing is left to say; False if `timeout` passed first."""
        return self._idle.wait(timeout)

    def render(self, text: str) -> np.ndarray:
        """Speech as samples, rendered on the speaking thread after anything queued."""
        result: Future[np.ndarray] = Future()
        self._requests.put(_Render(text, result))
        return result.result()

    def close(self) -> None:
        """Stop speaking and end the thread."""
        self.stop()
        self._requests.put(None)
        self._thread.join(timeout=5)

    def _run(self, rate: int, voice: str, ready: Future[TextToSpeech]) -> None:
        try:
            tts = TextToSpeech(rate, voice)
        except SpeakerError as error:
            ready.set_exception(error)
            return
        ready.set_result(tts)
        while (request := self._requests.get()) is not None:
            if isinstance(request, _Render):
                self._do_render(tts, request)
            else:
                self._do_say(tts, request)

    @staticmethod
    def _do_render(tts: TextToSpeech, request: _Render) -> None:
        try:
            request.result.set_result(tts.render(request.text))
        except Exception as error:  # handed to the waiting caller
            request.result.set_exception(error)

    def _do_say(self, tts: TextToSpeech, request: _Say) -> None:
        def stopped() -> bool:
            return self._generation != request.generation

        try:
            if not stopped():
                play(tts.render(request.text), SAMPLE_RATE, self._output, stopped)
        except Exception:  # the thread must live on; the text itself is never logged
            log.exception("could not speak a %d-character reply", len(request.text))
        finally:
            with self._lock:
                self._pending -= 1
                if self._pending == 0:
                    self._idle.set()
