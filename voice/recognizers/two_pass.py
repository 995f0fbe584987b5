"""Commands through a grammar, open-ended speech through the general model."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from hassil import Intents, recognize_best

from voice.audio import SAMPLE_RATE, SAMPLE_WIDTH
from voice.recognizers.base import Recognizer, transcribe
from voice.transcript import Transcript

MAX_REPLAY_SECONDS = 30.0


@dataclass(frozen=True)
class GrammarAccept:
    """Keep the grammar's reading when it is confident and the templates parse it."""

    intents: Intents
    min_confidence: float

    def __call__(self, transcript: Transcript) -> bool:
        if transcript.is_empty or transcript.confidence < self.min_confidence:
            return False
        return recognize_best(transcript.text, self.intents) is not None


class TwoPassRecognizer:
    """Decodes with the grammar while the audio streams in; when `accept` rejects that
    reading, the utterance (kept in memory, up to `max_replay_seconds`) is decoded again
    by the free pass, whose text can hold what no grammar lists ("I walked the dog")."""

    def __init__(
        self,
        grammar_pass: Recognizer,
        free_pass: Recognizer,
        accept: Callable[[Transcript], bool],
        max_replay_seconds: float = MAX_REPLAY_SECONDS,
    ) -> None:
        self.grammar_pass = grammar_pass
        self.free_pass = free_pass
        self.accept = accept
        self._limit = int(max_replay_seconds * SAMPLE_RATE) * SAMPLE_WIDTH
        self._kept: list[bytes] = []
        self._kept_bytes = 0
        self._overflow = False
        self.used_free_pass = False

    def start(self) -> None:
        self._kept = []
        self._kept_bytes = 0
        self._overflow = False
        self.used_free_pass = False
        self.grammar_pass.start()

    def feed(self, chunk: bytes) -> None:
        self.grammar_pass.feed(chunk)
        if self._kept_bytes + len(chunk) <= self._limit:
            self._kept.append(chunk)
            self._kept_bytes += len(chunk)
        else:
            self._overflow = True

    def finish(self) -> Transcript:
        first = self.grammar_pass.finish()
        if self.accept(first):
            self._kept = []
            return first
        if self._overflow:  # too long to hear again: say nothing rather than guess
            self._kept = []
            return Transcript("", 0.0, (), first.decode_seconds, first.audio_seconds)
        second = transcribe(self.free_pass, self._kept)
        self._kept = []
        self.used_free_pass = True
        return Transcript(
            text=second.text,
            confidence=second.confidence,
            alternatives=second.alternatives,
            decode_seconds=first.decode_seconds + second.decode_seconds,
            audio_seconds=second.audio_seconds,
        )
