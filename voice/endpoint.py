"""Split a stream of audio chunks into utterances: speech that ends after a pause."""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from voice.audio import SAMPLE_RATE, SAMPLE_WIDTH

FRAME_BYTES = SAMPLE_RATE // 100 * SAMPLE_WIDTH  # 10 ms
FRAME_SECONDS = 0.01
# A frame within this much of the utterance's loudest frame so far is loud: speech, not the
# quiet after it. Loudness has no hangover, so it shows a pause before the detector does; in
# loud noise every frame is loud and no pause shows.
LOUD_DB = 35.0


class SpeechDetector(Protocol):
    """Scores 10 ms of 16 kHz mono int16 audio: the probability that it is speech.

    `hangover_seconds` is how long it keeps saying "speech" after speech stops; the
    splitter takes it off the silence it waits for.
    """

    hangover_seconds: float

    def speech_probability(self, frame: bytes) -> float: ...

    def reset(self) -> None: ...


class MicroVadDetector:
    """Home Assistant's microVAD: a small neural network, its own 10 ms frames."""

    # measured on the 49 rhasspy-test recordings: it ends a median 0.29 s after EnergyDetector
    hangover_seconds = 0.3

    def __init__(self) -> None:
        from pymicro_vad import MicroVad

        self._vad = MicroVad()
        self._last = 0.0

    def speech_probability(self, frame: bytes) -> float:
        probability = self._vad.process_10ms(frame)
        if probability >= 0:  # -1 while it fills its window
            self._last = probability
        return self._last

    def reset(self) -> None:
        self._vad.reset()
        self._last = 0.0


class EnergyDetector:
    """Loudness over a tracked noise floor, for when microVAD is not installed."""

    hangover_seconds = 0.0

    def __init__(self, margin_db: float = 12.0, floor_db: float = -60.0) -> None:
        self.margin_db = margin_db
        self._initial_floor = floor_db
        self._floor = floor_db

    def speech_probability(self, frame: bytes) -> float:
        level = 10 * math.log10(frame_power(frame) + 1e-10)
        # the floor falls at once to quieter frames and creeps up (about 3 dB a second)
        self._floor = level if level < self._floor else self._floor + 0.03
        return 1.0 if level > self._floor + self.margin_db else 0.0

    def reset(self) -> None:
        self._floor = self._initial_floor


@dataclass(frozen=True)
class EndpointSettings:
    """When speech starts and ends. An utterance ends after `silence_seconds` of quiet."""

    threshold: float = 0.5  # speech probability that counts as speech
    start_seconds: float = 0.1  # speech needed to start an utterance
    silence_seconds: float = 0.6
    pre_roll_seconds: float = 0.6  # audio kept from before the start (microVAD reacts late)
    max_seconds: float = 20.0  # an utterance is cut here even without a pause


@dataclass(frozen=True)
class Utterance:
    """One stretch of speech with a little audio either side; `start` and `end` in seconds."""

    audio: bytes
    start: float
    end: float
    complete: bool = True  # False when it was cut at max_seconds or the stream stopped
    loud_bytes: int = 0  # how much of `audio` runs to the end of its last loud frame

    @property
    def seconds(self) -> float:
        return len(self.audio) / (SAMPLE_RATE * SAMPLE_WIDTH)


class UtteranceSplitter:
    """Feed chunks of any size; complete utterances come out as they end."""

    def __init__(
        self, detector: SpeechDetector | None = None, settings: EndpointSettings | None = None
    ) -> None:
        self.detector = detector if detector is not None else default_detector()
        self.settings = settings or EndpointSettings()
        s = self.settings
        self._start_frames = max(1, round(s.start_seconds / FRAME_SECONDS))
        waited = s.silence_seconds - self.detector.hangover_seconds
        self._end_frames = max(1, round(waited / FRAME_SECONDS))
        self._max_frames = max(1, round(s.max_seconds / FRAME_SECONDS))
        self._pre_roll: deque[tuple[bytes, float]] = deque(
            maxlen=round(s.pre_roll_seconds / FRAME_SECONDS) + self._start_frames
        )  # frames with their power
        self._pending = b""
        self._frame_index = 0
        self._speech: list[bytes] | None = None  # frames of the utterance under way
        self._start_frame = 0
        self._voiced_run = 0
        self._quiet_run = 0
        self._loudest = 0.0  # the power of the utterance's loudest frame so far
        self._loud_frames = 0  # frames of the utterance up to its last loud one

    @property
    def in_speech(self) -> bool:
        """An utterance has started and not yet ended."""
        return self._speech is not None

    @property
    def loud_bytes(self) -> int:
        """How much of the utterance under way runs to the end of its last loud frame."""
        return self._loud_frames * FRAME_BYTES

    @property
    def quiet_seconds(self) -> float:
        """How long the utterance under way has been quiet by loudness (0 when none is)."""
        if self._speech is None:
            return 0.0
        return (len(self._speech) - self._loud_frames) * FRAME_SECONDS

    def heard_so_far(self) -> bytes:
        """The audio of the utterance under way, up to now."""
        return b"".join(self._speech or [])

    def feed(self, chunk: bytes) -> Iterator[Utterance]:
        """Take a chunk; yield each utterance that ended inside it."""
        self._pending += chunk
        whole = len(self._pending) - len(self._pending) % FRAME_BYTES
        frames, self._pending = self._pending[:whole], self._pending[whole:]
        for offset in range(0, whole, FRAME_BYTES):
            done = self._frame(frames[offset : offset + FRAME_BYTES])
            if done is not None:
                yield done

    def flush(self) -> Utterance | None:
        """End of stream: the utterance under way, if any, marked incomplete."""
        if self._speech is None:
            return None
        return self._close(complete=False)

    def split(self, chunks: Iterable[bytes]) -> Iterator[Utterance]:
        """Every utterance in a finite stream."""
        for chunk in chunks:
            yield from self.feed(chunk)
        last = self.flush()
        if last is not None:
            yield last

    def _frame(self, frame: bytes) -> Utterance | None:
        self._frame_index += 1
        voiced = self.detector.speech_probability(frame) >= self.settings.threshold
        power = frame_power(frame)
        if self._speech is None:
            self._pre_roll.append((frame, power))
            self._voiced_run = self._voiced_run + 1 if voiced else 0
            if self._voiced_run >= self._start_frames:
                self._speech = []
                for kept, kept_power in self._pre_roll:
                    self._add(kept, kept_power)
                self._start_frame = self._frame_index - len(self._speech)
                self._pre_roll.clear()
                self._quiet_run = 0
            return None
        self._add(frame, power)
        self._quiet_run = 0 if voiced else self._quiet_run + 1
        if self._quiet_run >= self._end_frames:
            return self._close(complete=True)
        if len(self._speech) >= self._max_frames:
            return self._close(complete=False)
        return None

    def _add(self, frame: bytes, power: float) -> None:
        assert self._speech is not None
        self._speech.append(frame)
        self._loudest = max(self._loudest, power)
        if power > 0 and power >= self._loudest * 10 ** (-LOUD_DB / 10):
            self._loud_frames = len(self._speech)

    def _close(self, complete: bool) -> Utterance:
        frames = self._speech or []
        loud = self.loud_bytes
        self._speech = None
        self._voiced_run = 0
        self._quiet_run = 0
        self._loudest = 0.0
        self._loud_frames = 0
        end = self._start_frame + len(frames)
        return Utterance(
            audio=b"".join(frames),
            start=self._start_frame * FRAME_SECONDS,
            end=end * FRAME_SECONDS,
            complete=complete,
            loud_bytes=loud,
        )


def frame_power(frame: bytes) -> float:
    """Mean square of a frame of int16 samples, on a 0-1 scale."""
    samples = np.frombuffer(frame, dtype="<i2").astype(np.float32) / 32768.0
    return float(np.mean(samples * samples))


def default_detector() -> SpeechDetector:
    """microVAD when it is installed, else the energy detector."""
    try:
        return MicroVadDetector()
    except ImportError:
        return EnergyDetector()
