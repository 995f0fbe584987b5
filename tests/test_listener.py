"""Decoding in the pause: the early decoding is used only when it holds all of the speech."""

from __future__ import annotations

from concurrent.futures import Future

import numpy as np

from tests.test_endpoint import as_chunks, burst, quiet
from voice.endpoint import EndpointSettings, EnergyDetector, UtteranceSplitter
from voice.listener import TAIL_SECONDS, Listened, Listener
from voice.transcript import Transcript


class LengthDecoder:
    """Stands in for the recogniser: 'hears' how many bytes it was given, at once."""

    def __init__(self) -> None:
        self.given: list[int] = []

    def decode_soon(self, audio: bytes) -> Future[Transcript]:
        self.given.append(len(audio))
        words: Future[Transcript] = Future()
        words.set_result(Transcript(text=str(len(audio)), confidence=1.0))
        return words


def listen(audio: np.ndarray, decoder: LengthDecoder,
           settings: EndpointSettings | None = None) -> list[Listened]:
    listener = Listener(decoder, UtteranceSplitter(EnergyDetector(), settings))
    return [heard for chunk in as_chunks(audio) for heard in listener.feed(chunk)]


def test_a_pause_is_decoded_before_the_endpoint_and_that_decoding_is_used() -> None:
    decoder = LengthDecoder()
    [heard] = listen(np.concatenate([quiet(0.5), burst(1.0), quiet(1.5)]), decoder)
    assert heard.early and decoder.given == [int(heard.transcript.text)]
    early_bytes = int(heard.transcript.text)  # the speech and 0.6 s of its own quiet after it
    assert early_bytes == heard.utterance.loud_bytes + round(TAIL_SECONDS * 16000) * 2


def test_speech_after_a_pause_is_decoded_again_with_all_of_it() -> None:
    decoder = LengthDecoder()
    audio = np.concatenate([quiet(0.5), burst(0.7), quiet(0.35), burst(0.7), quiet(1.5)])
    [heard] = listen(audio, decoder)
    assert len(decoder.given) == 2  # the first pause, then the second
    assert heard.early and int(heard.transcript.text) == decoder.given[-1]
    assert int(heard.transcript.text) > heard.utterance.loud_bytes > decoder.given[0] - 19200


def test_an_utterance_cut_short_is_decoded_whole() -> None:
    decoder = LengthDecoder()
    settings = EndpointSettings(max_seconds=2.0)
    heard = listen(np.concatenate([quiet(0.3), burst(5.0)]), decoder, settings)
    assert heard and not heard[0].early
    assert int(heard[0].transcript.text) == len(heard[0].utterance.audio)


def test_without_a_quiet_moment_by_loudness_nothing_is_decoded_early() -> None:
    decoder = LengthDecoder()
    listener = Listener(decoder, UtteranceSplitter(EnergyDetector()), pause_seconds=10.0)
    audio = np.concatenate([quiet(0.5), burst(1.0), quiet(1.5)])
    [heard] = [h for chunk in as_chunks(audio) for h in listener.feed(chunk)]
    assert not heard.early and decoder.given == [len(heard.utterance.audio)]
