"""The streaming interface every recognizer offers."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from voice.transcript import Transcript


class RecognizerError(Exception):
    """A recognizer cannot be set up; the message says what to do."""


class Recognizer(Protocol):
    """Fed one utterance's 16 kHz mono int16 chunks: `start()`, `feed()` each, `finish()`."""

    def start(self) -> None: ...

    def feed(self, chunk: bytes) -> None: ...

    def finish(self) -> Transcript: ...


def transcribe(recognizer: Recognizer, chunks: Iterable[bytes]) -> Transcript:
    """Run one utterance through a recognizer."""
    recognizer.start()
    try:
        for chunk in chunks:
            recognizer.feed(chunk)
    except BaseException:
        recognizer.finish()  # close the utterance, so the next one can start
        raise
    return recognizer.finish()
