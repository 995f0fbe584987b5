"""Whether an utterance holds any speech at all, by the voice activity detector."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from voice.endpoint import FRAME_BYTES, FRAME_SECONDS, MicroVadDetector, SpeechDetector

# Real speech here scored at least 0.26 s of speech frames (49 rhasspy-test recordings); the
# shortest real wake-word clips less, so the bar is low: the gate stops silence and steady
# noise, and Whisper's no-speech probability does the rest.
MIN_SPEECH_SECONDS = 0.1
SPEECH_PROBABILITY = 0.5


@dataclass
class SpeechGate:
    """Counts 10 ms frames the detector calls speech; `heard_speech` once enough were."""

    detector_factory: Callable[[], SpeechDetector] = MicroVadDetector
    min_speech_seconds: float = MIN_SPEECH_SECONDS
    _detector: SpeechDetector | None = field(default=None, init=False)
    _pending: bytes = field(default=b"", init=False)
    _speech_frames: int = field(default=0, init=False)

    def start(self) -> None:
        if self._detector is None:
            self._detector = self.detector_factory()
        self._detector.reset()
        self._pending = b""
        self._speech_frames = 0

    def feed(self, chunk: bytes) -> None:
        if self._detector is None:
            self.start()
        data = self._pending + chunk
        whole = len(data) - len(data) % FRAME_BYTES
        for offset in range(0, whole, FRAME_BYTES):
            frame = data[offset:offset + FRAME_BYTES]
            if self._detector.speech_probability(frame) >= SPEECH_PROBABILITY:  # type: ignore[union-attr]
                self._speech_frames += 1
        self._pending = data[whole:]

    @property
    def speech_seconds(self) -> float:
        return self._speech_frames * FRAME_SECONDS

    @property
    def heard_speech(self) -> bool:
        return self.speech_seconds >= self.min_speech_seconds
