"""Endpointing and decoding together: the decoding starts in the pause, before the endpoint.

The splitter ends an utterance only after a stretch of quiet, as the speech detector hears
it (EndpointSettings.silence_seconds, after the detector's hangover). Loudness has no
hangover: once the utterance has been quiet by loudness for `pause_seconds`, the audio so
far is decoded on the hearing's thread while the endpoint is still being waited for. When
the utterance ends with nothing loud after that point, that decoding is its transcript: it
holds every loud frame, so all of the speech. When something loud came after (the person
went on), the whole utterance is decoded as it would have been without it.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Protocol

from voice.audio import SAMPLE_RATE, SAMPLE_WIDTH
from voice.endpoint import Utterance, UtteranceSplitter
from voice.transcript import Transcript

# Quiet (by loudness) before a decoding starts early. Long enough to pass the closure of a
# stop consonant; far shorter than the endpoint, which comes a median 0.75 s after a
# person's last word (README, "The endpoint wait, measured on real people").
PAUSE_SECONDS = 0.2
# The quiet an early decoding is given after the speech, made of the pause's own audio
# repeated: PocketSphinx ends its search worse on a short tail ("I took a shower you" with
# 0.2 s of quiet after it, "I took a shower" with 0.4 s and more).
TAIL_SECONDS = 0.6


class Decoder(Protocol):
    """What the listener needs of the hearing (voice.hearing.Hearing)."""

    def decode_soon(self, audio: bytes) -> Future[Transcript]: ...


@dataclass(frozen=True)
class Listened:
    """One utterance, the recogniser's words for it, and when its end was found."""

    utterance: Utterance
    transcript: Transcript
    ended_at: float  # time.perf_counter() when the splitter ended the utterance
    early: bool  # the words come from the decoding started in the pause


@dataclass(frozen=True)
class _Guess:
    loud_bytes: int
    words: Future[Transcript]


class Listener:
    """Feed chunks; each utterance comes out with its words once it has ended."""

    def __init__(self, decoder: Decoder, splitter: UtteranceSplitter,
                 pause_seconds: float = PAUSE_SECONDS) -> None:
        self.decoder = decoder
        self.splitter = splitter
        self.pause_seconds = pause_seconds
        self._guess: _Guess | None = None

    @property
    def in_speech(self) -> bool:
        return self.splitter.in_speech

    def feed(self, chunk: bytes) -> Iterator[Listened]:
        for utterance in self.splitter.feed(chunk):
            yield self._words_for(utterance)
        self._maybe_guess()

    def _maybe_guess(self) -> None:
        splitter = self.splitter
        if not splitter.in_speech or splitter.quiet_seconds < self.pause_seconds:
            return
        if self._guess is not None and self._guess.loud_bytes == splitter.loud_bytes:
            return  # this pause is being decoded already
        if self._guess is not None:
            self._guess.words.cancel()  # a pause the person spoke after; if not started yet
        heard = splitter.heard_so_far()
        self._guess = _Guess(splitter.loud_bytes,
                             self.decoder.decode_soon(with_tail(heard, splitter.loud_bytes)))

    def _words_for(self, utterance: Utterance) -> Listened:
        ended = time.perf_counter()
        guess, self._guess = self._guess, None
        if guess is not None and utterance.complete and guess.loud_bytes == utterance.loud_bytes:
            return Listened(utterance, guess.words.result(), ended, early=True)
        if guess is not None:
            guess.words.cancel()
        words = self.decoder.decode_soon(utterance.audio).result()
        return Listened(utterance, words, ended, early=False)


def with_tail(audio: bytes, loud_bytes: int) -> bytes:
    """`audio` with the quiet after its last loud frame repeated to TAIL_SECONDS."""
    quiet = audio[loud_bytes:]
    wanted = round(TAIL_SECONDS * SAMPLE_RATE) * SAMPLE_WIDTH
    if not quiet or len(quiet) >= wanted:
        return audio
    repeats = -(-(wanted - len(quiet)) // len(quiet))
    return audio + (quiet * repeats)[:wanted - len(quiet)]
