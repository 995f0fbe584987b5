"""PocketSphinx with the US English model its wheel ships: JSGF grammar or free decoding."""

from __future__ import annotations

import os
import time

from pocketsphinx import Config, Decoder, get_model_path

from voice.audio import seconds
from voice.recognizers.base import RecognizerError
from voice.transcript import Transcript

FREE_SEARCH = "_default"  # the general language model the default config loads
GRAMMAR_SEARCH = "grammar"
LANGUAGE_MODEL = os.path.join(get_model_path(), "en-us", "en-us.lm.bin")


def new_decoder(language_model: bool = True) -> Decoder:
    """A decoder with the embedded US English model, and its general language model unless
    `language_model` is False (66 MB less: a free pass then loads it when first needed).

    Dither adds noise below one bit: audio with stretches of exact digital silence (a
    generated file, a muted input) otherwise upsets the feature normalisation and sentences
    come out cut short ("i want to" for "I watered the plant").
    """
    if language_model:
        return Decoder(Config(loglevel="FATAL", dither=True))
    return Decoder(Config(loglevel="FATAL", dither=True, lm=None))


class PocketSphinxRecognizer:
    """Streams audio into PocketSphinx; with `jsgf` it can only hear the grammar's sentences.

    Several recognizers may share one decoder (about 90 MB) when they take turns.
    `confidence` is PocketSphinx's path score against the best-scoring states, as a
    probability: on the rhasspy-test recordings 0.78-0.85 for the right sentence of a
    grammar and at most 0.53 when the speech was not one of its sentences.
    """

    def __init__(
        self, jsgf: str | None = None, decoder: Decoder | None = None, nbest: int = 0
    ) -> None:
        self._decoder = decoder if decoder is not None else new_decoder()
        self._search = FREE_SEARCH
        self._language_model_ready = decoder is None
        if jsgf is not None:
            self._search = GRAMMAR_SEARCH
            try:
                self._decoder.add_jsgf_string(GRAMMAR_SEARCH, jsgf)
            except ValueError as error:
                raise RecognizerError(f"PocketSphinx rejected the grammar: {error}") from error
        self._nbest = nbest
        self._audio_bytes = 0
        self._busy = 0.0

    @property
    def decoder(self) -> Decoder:
        return self._decoder

    def knows(self, word: str) -> bool:
        """True when the pronunciation dictionary has the word."""
        return self._decoder.lookup_word(word) is not None

    def start(self) -> None:
        if self._search == FREE_SEARCH and not self._language_model_ready:
            # a shared decoder made without it: load the general model on first use
            self._decoder.add_lm_file(FREE_SEARCH, LANGUAGE_MODEL)
            self._language_model_ready = True
        self._audio_bytes = 0
        self._busy = 0.0
        # switching searches is cheap; asking which one is current crashes PocketSphinx on a
        # decoder that has not had one active yet
        self._decoder.activate_search(self._search)
        self._decoder.start_utt()

    def feed(self, chunk: bytes) -> None:
        began = time.perf_counter()
        self._decoder.process_raw(chunk, no_search=False, full_utt=False)
        self._busy += time.perf_counter() - began
        self._audio_bytes += len(chunk)

    def finish(self) -> Transcript:
        began = time.perf_counter()
        self._decoder.end_utt()
        hyp = self._decoder.hyp()
        text = " ".join(hyp.hypstr.split()) if hyp is not None else ""
        confidence = float(hyp.score) if hyp is not None and text else 0.0
        alternatives = self._alternatives(text) if self._nbest and text else ()
        self._busy += time.perf_counter() - began
        return Transcript(
            text=text,
            confidence=min(max(confidence, 0.0), 1.0),
            alternatives=alternatives,
            decode_seconds=self._busy,
            audio_seconds=seconds(self._audio_bytes),
        )

    def _alternatives(self, best: str) -> tuple[str, ...]:
        found: list[str] = []
        for hyp in self._decoder.nbest():
            text = " ".join(hyp.hypstr.split())
            if text and text != best and text not in found:
                found.append(text)
            if len(found) >= self._nbest:
                break
        return tuple(found)
