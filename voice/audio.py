"""Audio sources: 16 kHz mono int16 PCM chunks from a WAV file or a microphone."""

from __future__ import annotations

import queue
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any, BinaryIO, Protocol

import numpy as np

from voice.resample import TARGET_RATE, Resampler, float_to_pcm16, pcm_to_float
from voice.wav_header import WavHeaderError, WavInfo, read_header

SAMPLE_RATE = TARGET_RATE
SAMPLE_WIDTH = 2
CHUNK_MS = 20
_NO_DEVICE_HINT = (
    "Try `smallwins text` to type instead, or `smallwins listen --wav FILE` to use a recording."
)


class AudioError(Exception):
    """Audio cannot be read; the message says what is wrong and what to do."""


class AudioSource(Protocol):
    """Anything that yields 16 kHz mono int16 PCM chunks."""

    def chunks(self) -> Iterator[bytes]: ...


def chunk_bytes(chunk_ms: int = CHUNK_MS) -> int:
    """Bytes in one chunk of `chunk_ms` milliseconds at 16 kHz mono int16."""
    return SAMPLE_RATE * chunk_ms // 1000 * SAMPLE_WIDTH


def seconds(byte_count: int) -> float:
    """Duration of `byte_count` bytes of 16 kHz mono int16 audio."""
    return byte_count / (SAMPLE_RATE * SAMPLE_WIDTH)


class Pacer:
    """Holds each chunk back until its time has come, so a file plays like a live device."""

    def __init__(
        self,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._clock = clock
        self._sleep = sleep
        self._start: float | None = None
        self._played = 0.0

    def wait(self, duration: float) -> None:
        """Wait until the audio before this chunk has played, then count `duration`."""
        now = self._clock()
        if self._start is None:
            self._start = now
        ahead = self._start + self._played - now
        if ahead > 0:
            self._sleep(ahead)
        self._played += duration


class WavSource:
    """Streams a WAV file of any rate and channel count as 16 kHz mono int16 chunks; with
    `max_seconds`, a longer file is refused (from its header when it says, else on the way)."""

    def __init__(
        self,
        path: str | Path,
        realtime: bool = False,
        chunk_ms: int = CHUNK_MS,
        pacer: Pacer | None = None,
        max_seconds: float | None = None,
    ) -> None:
        self.path = Path(path)
        self.realtime = realtime
        self.chunk_ms = chunk_ms
        self._pacer = pacer
        self.max_seconds = max_seconds

    def info(self) -> WavInfo:
        """Read the header only."""
        with self._open() as handle:
            return self._header(handle)

    def chunks(self) -> Iterator[bytes]:
        """Yield chunks of `chunk_ms`; the last may be shorter. Reads the file a block at a time."""
        size = chunk_bytes(self.chunk_ms)
        pacer = (self._pacer or Pacer()) if self.realtime else None
        pending = b""
        for block in self._converted_blocks():
            pending += block
            while len(pending) >= size:
                chunk, pending = pending[:size], pending[size:]
                if pacer:
                    pacer.wait(seconds(len(chunk)))
                yield chunk
        if pending:
            if pacer:
                pacer.wait(seconds(len(pending)))
            yield pending

    def __iter__(self) -> Iterator[bytes]:
        return self.chunks()

    def _converted_blocks(self) -> Iterator[bytes]:
        with self._open() as handle:
            info = self._header(handle)
            if self.max_seconds is not None and not info.streamed and \
                    info.duration > self.max_seconds:
                raise AudioError(self._too_long(f"is {info.duration:.0f} s long"))
            limit = None if self.max_seconds is None else \
                int(self.max_seconds * info.sample_rate)
            resampler = Resampler(info.sample_rate)
            block_frames = max(info.sample_rate // 10, 1)  # 100 ms of input at a time
            remaining = info.frames
            while remaining > 0:
                data = handle.read(min(block_frames, remaining) * info.frame_size)
                got = len(data) // info.frame_size
                if got == 0:
                    break
                remaining -= got
                if limit is not None and info.frames - remaining > limit:
                    raise AudioError(self._too_long(f"is longer than {self.max_seconds:.0f} s"))
                samples = pcm_to_float(data[: got * info.frame_size], info.sample_width,
                                       info.channels)
                yield float_to_pcm16(resampler.process(samples))
            yield float_to_pcm16(resampler.flush())
            if remaining > 0 and not info.streamed:
                raise AudioError(
                    f"{self.path} is truncated: its header promises {info.frames} frames "
                    f"({info.duration:.2f} s) but it ends after {info.frames - remaining}. "
                    "Record or copy it again."
                )

    def _too_long(self, length: str) -> str:
        return (f"{self.path} {length}; one recording is one utterance, of up to "
                f"{self.max_seconds:.0f} s. Cut it shorter, e.g. "
                f"`sox {self.path} short.wav trim 0 {self.max_seconds:.0f}`.")

    def _header(self, handle: BinaryIO) -> WavInfo:
        try:
            return read_header(handle, self.path)
        except WavHeaderError as error:
            raise AudioError(str(error)) from error

    def _open(self) -> BinaryIO:
        try:
            return open(self.path, "rb")
        except FileNotFoundError as error:
            raise AudioError(f"{self.path} does not exist.") from error
        except IsADirectoryError as error:
            raise AudioError(f"{self.path} is a folder, not a WAV file.") from error


@dataclass(frozen=True)
class InputDevice:
    """A sound device that can record."""

    index: int
    name: str
    channels: int
    default_samplerate: float
    is_default: bool = False


def _sounddevice() -> ModuleType:
    try:
        import sounddevice
    except OSError as error:  # the Python package is there, the C library is not
        raise AudioError(
            "The PortAudio library is missing, so the microphone cannot be used. "
            "Install it with `sudo apt install libportaudio2`. " + _NO_DEVICE_HINT
        ) from error
    return sounddevice


def _input_devices(sd: ModuleType) -> list[InputDevice]:
    try:
        default_in = sd.default.device[0]
    except (AttributeError, IndexError, TypeError):
        default_in = -1
    return [
        InputDevice(
            index=index,
            name=str(device["name"]),
            channels=int(device["max_input_channels"]),
            default_samplerate=float(device["default_samplerate"]),
            is_default=index == default_in,
        )
        for index, device in enumerate(sd.query_devices())
        if int(device["max_input_channels"]) > 0
    ]


def list_devices() -> list[InputDevice]:
    """The devices that can record, in PortAudio's order."""
    return _input_devices(_sounddevice())


def pick_device(devices: list[InputDevice], wanted: int | str | None) -> InputDevice:
    """Choose by index, by (part of) a name, or the default; clear errors otherwise."""
    if not devices:
        raise AudioError("No microphone was found. " + _NO_DEVICE_HINT)
    if wanted is None or wanted == "":
        defaults = [device for device in devices if device.is_default]
        return (defaults or devices)[0]
    names = ", ".join(f"{device.index}: {device.name}" for device in devices)
    if isinstance(wanted, int) or str(wanted).strip().isdigit():
        for device in devices:
            if device.index == int(wanted):
                return device
        raise AudioError(f"No input device has index {wanted}. Input devices: {names}.")
    needle = str(wanted).strip().lower()
    exact = [device for device in devices if device.name.lower() == needle]
    matches = exact or [device for device in devices if needle in device.name.lower()]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise AudioError(f"No input device is called '{wanted}'. Input devices: {names}.")
    found = ", ".join(f"{device.index}: {device.name}" for device in matches)
    raise AudioError(f"'{wanted}' matches several devices ({found}); use the index.")


class MicrophoneSource:
    """Records 16 kHz mono int16 chunks from a sound device; the audio stays in memory."""

    def __init__(self, device: int | str | None = None, chunk_ms: int = CHUNK_MS) -> None:
        self.device = device
        self.chunk_ms = chunk_ms

    def chunks(self) -> Iterator[bytes]:
        """Open the device and yield chunks until the consumer stops iterating."""
        sd = _sounddevice()
        device = pick_device(_input_devices(sd), self.device)
        rate = self._rate_for(sd, device)
        resampler = Resampler(rate)
        blocks: queue.Queue[bytes] = queue.Queue()

        def on_audio(data: Any, frames: int, when: Any, status: Any) -> None:
            blocks.put(bytes(data))

        try:
            stream = sd.RawInputStream(
                samplerate=rate,
                blocksize=rate * self.chunk_ms // 1000,
                device=device.index,
                channels=1,
                dtype="int16",
                callback=on_audio,
            )
        except sd.PortAudioError as error:
            raise AudioError(f"Cannot open '{device.name}': {error}. " + _NO_DEVICE_HINT) from error
        with stream:
            while True:
                block = blocks.get()
                if rate == SAMPLE_RATE:
                    yield block
                else:
                    samples = resampler.process(pcm_to_float(block, SAMPLE_WIDTH, 1))
                    yield float_to_pcm16(samples)

    def __iter__(self) -> Iterator[bytes]:
        return self.chunks()

    @staticmethod
    def _rate_for(sd: ModuleType, device: InputDevice) -> int:
        """16 kHz when the device takes it, else its own rate (resampled here)."""
        try:
            sd.check_input_settings(
                device=device.index, samplerate=SAMPLE_RATE, channels=1, dtype="int16"
            )
        except sd.PortAudioError:
            return int(device.default_samplerate)
        return SAMPLE_RATE


def read_all(source: AudioSource) -> np.ndarray:
    """All of a (short) source's audio as int16 samples; for tests and tools."""
    return np.frombuffer(b"".join(source.chunks()), dtype="<i2")
