"""Whether an utterance may hold speech at all: the voice activity detector, or loudness that
rises and falls as speech does. Digital silence, a steady hiss or a hum never passes."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from voice.endpoint import FRAME_BYTES, FRAME_SECONDS, MicroVadDetector, SpeechDetector

# microVAD scores short words low (espeak-ng's "no": at most 0.06 in every frame), so it alone
# would drop them; it opens the gate for speech in loud steady noise.
MIN_SPEECH_SECONDS = 0.1
SPEECH_PROBABILITY = 0.5
# The loudest 50 ms over the quietest tenth of the frames. Measured: one-word commands in
# espeak-ng and flite voices 43-53 dB, real recordings 51-87 dB, kitchen noise alone 9-19 dB
# (Whisper's no-speech rule drops that), silence, steady hiss and hum 0-1 dB.
MIN_LOUDNESS_RANGE_DB = 6.0
WINDOW_FRAMES = 5
QUIET_PERCENTILE = 10


@dataclass
class SpeechGate:
    """Fed an utterance's audio; `heard_speech` when it may hold speech."""

    detector_factory: Callable[[], SpeechDetector] = MicroVadDetector
    _detector: SpeechDetector | None = field(default=None, init=False)
    _pending: bytes = field(default=b"", init=False)
    _speech_frames: int = field(default=0, init=False)
    _levels_db: list[float] = field(default_factory=list, init=False)

    def start(self) -> None:
        if self._detector is None:
            self._detector = self.detector_factory()
        self._detector.reset()
        self._pending = b""
        self._speech_frames = 0
        self._levels_db = []

    def feed(self, chunk: bytes) -> None:
        if self._detector is None:
            self.start()
        assert self._detector is not None
        data = self._pending + chunk
        whole = len(data) - len(data) % FRAME_BYTES
        for offset in range(0, whole, FRAME_BYTES):
            frame = data[offset:offset + FRAME_BYTES]
            if self._detector.speech_probability(frame) >= SPEECH_PROBABILITY:
                self._speech_frames += 1
            samples = np.frombuffer(frame, dtype="<i2").astype(np.float64) / 32768.0
            self._levels_db.append(10 * math.log10(float(np.mean(samples**2)) + 1e-10))
        self._pending = data[whole:]

    @property
    def speech_seconds(self) -> float:
        """How long the voice activity detector called speech."""
        return self._speech_frames * FRAME_SECONDS

    @property
    def loudness_range_db(self) -> float:
        if len(self._levels_db) < WINDOW_FRAMES:
            return 0.0
        levels = np.array(self._levels_db)
        loudest = np.convolve(levels, np.ones(WINDOW_FRAMES) / WINDOW_FRAMES, "valid").max()
        return float(loudest - np.percentile(levels, QUIET_PERCENTILE))

    @property
    def heard_speech(self) -> bool:
        return (self.speech_seconds >= MIN_SPEECH_SECONDS
                or self.loudness_range_db >= MIN_LOUDNESS_RANGE_DB)
