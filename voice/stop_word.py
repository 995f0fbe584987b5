"""Hearing "stop" while the assistant talks or guides breathing: keyword spotting."""

from __future__ import annotations

from pocketsphinx import Config, Decoder

# Measured on espeak-ng voices: 1e-10 missed one "stop" in three and woke on none of six
# other phrases; lower thresholds caught all three but also fired on other speech.
DEFAULT_THRESHOLD = 1e-12


class StopSpotter:
    """Feed 16 kHz mono int16 chunks; `feed` is True once "stop" has been said."""

    def __init__(self, phrase: str = "stop", threshold: float = DEFAULT_THRESHOLD) -> None:
        self._decoder = Decoder(Config(keyphrase=phrase, kws_threshold=threshold,
                                       loglevel="FATAL"))
        self._decoder.start_utt()

    def feed(self, chunk: bytes) -> bool:
        self._decoder.process_raw(chunk)
        if self._decoder.hyp() is None:
            return False
        self.reset()
        return True

    def reset(self) -> None:
        self._decoder.end_utt()
        self._decoder.start_utt()
