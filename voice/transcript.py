"""What a recognizer heard."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Transcript:
    """Recognized text, the engine's confidence in it (0-1), and other readings."""

    text: str
    confidence: float
    alternatives: tuple[str, ...] = ()
    decode_seconds: float = 0.0  # processing time spent on this utterance
    audio_seconds: float = 0.0  # length of the audio it was given
    heard_as: str = ""  # the recogniser's own words, when `text` is the template they sound like
    cut_off: str = ""  # the grammar's words, when `text` is the sentence they were read back to

    @property
    def is_empty(self) -> bool:
        return not self.text.strip()
