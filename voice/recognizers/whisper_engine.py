"""Whisper through faster-whisper (CTranslate2, int8, two threads) over a model folder on disk.

The utterance is kept while it streams in and decoded when it ends. Guards against Whisper's
known failures: audio with no speech in it is never decoded (the voice activity detector),
segments the model itself finds empty are dropped (no-speech probability with a low average
log-probability), and the text is made plain (voice/whisper_text.py). Nothing steers the
decoding: no initial prompt and no hotwords, so unclear audio is never pushed toward any
sentence, alarming ones least of all.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from voice.audio import seconds
from voice.recognizers.base import RecognizerError
from voice.recognizers.speech_gate import SpeechGate
from voice.transcript import Transcript
from voice.whisper_text import spoken_text

CPU_THREADS = 2
INSTALL_HINT = (
    "Run `smallwins model install whisper-tiny.en`, or "
    "`smallwins model install whisper-tiny.en --from PATH` for a model folder you already have."
)


@dataclass(frozen=True)
class Decoding:
    """How Whisper decodes: greedy at temperature 0 (no sampling, which is where Whisper
    invents text), each utterance on its own, and Whisper's own no-speech rule."""

    beam_size: int = 1
    no_speech_threshold: float = 0.6
    log_prob_threshold: float = -1.0


@dataclass(frozen=True)
class Segment:
    """What Whisper said about one stretch of the utterance."""

    text: str
    no_speech_prob: float
    avg_logprob: float


class WhisperModelLike(Protocol):
    def transcribe(self, audio: np.ndarray, **options: Any) -> tuple[Iterable[Any], Any]: ...


def is_speech(segment: Segment, decoding: Decoding) -> bool:
    """Whisper's rule: likely no speech and a weak reading together mean nothing was said."""
    return not (segment.no_speech_prob > decoding.no_speech_threshold
                and segment.avg_logprob < decoding.log_prob_threshold)


def confidence(segments: list[Segment]) -> float:
    """The mean token probability, from the segments' average log-probabilities."""
    if not segments:
        return 0.0
    return min(1.0, math.exp(sum(s.avg_logprob for s in segments) / len(segments)))


def load_model(folder: Path) -> WhisperModelLike:
    """Load a CTranslate2 Whisper folder on the CPU; a clear RecognizerError when it cannot."""
    try:
        from faster_whisper import WhisperModel
    except ImportError as error:
        raise RecognizerError(
            "A Whisper model is installed but faster-whisper is not. Run "
            "`pip install 'smallwins[whisper]'`, or set engine = \"pocketsphinx\"."
        ) from error
    folder = Path(folder)
    if not (folder / "model.bin").is_file():
        raise RecognizerError(f"No Whisper model at {folder}. {INSTALL_HINT}")
    try:  # a path only: a bare model name would go to the network
        return WhisperModel(str(folder), device="cpu", compute_type="int8",
                            cpu_threads=CPU_THREADS, num_workers=1)
    except Exception as error:  # CTranslate2 raises RuntimeError, tokenizers its own kinds
        raise RecognizerError(
            f"The Whisper model at {folder} could not be loaded ({error}); it is incomplete "
            f"or not a Whisper model. {INSTALL_HINT}"
        ) from error


class WhisperRecognizer:
    """Keeps the utterance's audio as it streams in and decodes it once it ends."""

    def __init__(self, model: WhisperModelLike, gate: SpeechGate | None = None,
                 decoding: Decoding = Decoding()) -> None:
        self._model = model
        self._gate = gate if gate is not None else SpeechGate()
        self._decoding = decoding
        self._audio: list[bytes] = []
        self._busy = 0.0

    def start(self) -> None:
        self._audio = []
        self._busy = 0.0
        self._gate.start()

    def feed(self, chunk: bytes) -> None:
        began = time.perf_counter()
        self._audio.append(chunk)
        self._gate.feed(chunk)
        self._busy += time.perf_counter() - began

    def finish(self) -> Transcript:
        began = time.perf_counter()
        pcm = b"".join(self._audio)
        self._audio = []
        kept = self.segments(pcm) if self._gate.heard_speech else []
        text = spoken_text(" ".join(segment.text for segment in kept))
        self._busy += time.perf_counter() - began
        return Transcript(text=text, confidence=confidence(kept) if text else 0.0,
                          decode_seconds=self._busy, audio_seconds=seconds(len(pcm)))

    def segments(self, pcm: bytes) -> list[Segment]:
        """Whisper's segments for 16 kHz int16 audio, those it found empty left out."""
        samples = np.frombuffer(pcm, dtype="<i2").astype(np.float32) / 32768.0
        found, _ = self._model.transcribe(
            samples, language="en", task="transcribe", beam_size=self._decoding.beam_size,
            temperature=0.0, condition_on_previous_text=False, without_timestamps=True,
            vad_filter=False, initial_prompt=None, hotwords=None,
            no_speech_threshold=self._decoding.no_speech_threshold,
            log_prob_threshold=self._decoding.log_prob_threshold)
        readings = [Segment(s.text, s.no_speech_prob, s.avg_logprob) for s in found]
        return [segment for segment in readings if is_speech(segment, self._decoding)]
