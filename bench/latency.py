"""Latency from the end of speech to the first sample of the reply, stage by stage.

Our own utterances (tests/speech/en/utterances.yaml) spoken by espeak-ng are fed at the pace
of speech, chunk by chunk, through the pieces the service loop uses: the UtteranceSplitter
(endpoint wait), the recogniser (decoding, as the loop does it: the whole utterance once it
has ended; `finish` is the part left if it had been fed while the person spoke), the skill
(understanding, with a durable write to a real store) and TextToSpeech.render (the reply's
first sample exists when the render returns). Times are wall-clock, from the moment the
last sample of speech would have reached the microphone.

    python -m bench.latency [--limit N] [--no-pace]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bench import synth
from bench.in_domain import load_utterances
from bench.mixing import to_pcm16
from models.store import Store
from voice.app import App
from voice.audio import SAMPLE_RATE, chunk_bytes
from voice.config import Settings
from voice.endpoint import Utterance, UtteranceSplitter
from voice.hearing import Hearing
from voice.paths import Paths
from voice.speaker import TextToSpeech

TAIL_SECONDS = 2.0  # quiet after the speech, for the endpointer to find
SPEECH_FLOOR_DB = -40.0  # a 10 ms frame this far under the loudest is not speech
TARGET_REPLY_SECONDS = 0.4
TARGET_ENDPOINT_SECONDS = 0.6


@dataclass(frozen=True)
class Stages:
    """Seconds for one utterance, each stage measured from where the previous one ended."""

    text: str
    heard: str
    endpoint: float
    decode: float
    finish: float  # of `decode`, the part after the last audio was fed
    understand: float
    synthesis: float

    @property
    def reply(self) -> float:
        """From the endpoint to the reply's first sample."""
        return self.decode + self.understand + self.synthesis

    @property
    def total(self) -> float:
        return self.endpoint + self.reply


def speech_end(samples: np.ndarray) -> float:
    """Seconds to the end of the last 10 ms frame within 40 dB of the loudest."""
    frame = SAMPLE_RATE // 100
    count = samples.size // frame
    energy = (samples[: count * frame].astype(np.float64).reshape(count, frame) ** 2).mean(axis=1)
    loud = np.nonzero(energy >= energy.max() * 10 ** (SPEECH_FLOOR_DB / 10))[0]
    return (int(loud[-1]) + 1) * frame / SAMPLE_RATE


def endpoint(pcm: bytes, end_of_speech: float, pace: bool) -> tuple[Utterance, float] | None:
    """Feed `pcm` to a fresh splitter, chunk by chunk (in real time when `pace`); the
    utterance and how long after the end of speech it came out, or None if none did."""
    splitter = UtteranceSplitter()
    step = chunk_bytes()
    started = time.perf_counter()
    for offset in range(0, len(pcm), step):
        chunk = pcm[offset:offset + step]
        arrives = (offset + len(chunk)) / (2 * SAMPLE_RATE)  # a device hands over whole chunks
        if pace:
            wait = started + arrives - time.perf_counter()
            if wait > 0:
                time.sleep(wait)
        for utterance in splitter.feed(chunk):
            if pace:
                return utterance, time.perf_counter() - started - end_of_speech
            return utterance, arrives - end_of_speech
    return None


def stopwatch(action: Callable[[], object]) -> tuple[object, float]:
    began = time.perf_counter()
    result = action()
    return result, time.perf_counter() - began


def measure(hearing: Hearing, voice_out: TextToSpeech, text: str, voice: synth.Voice, seed: int,
            pace: bool) -> Stages | None:
    """None when the endpointer heard no utterance in it (the service would not reply)."""
    samples = synth.render(text, voice, seed=seed)
    end = speech_end(samples)
    tail = np.random.default_rng(seed).normal(0, 10 ** (synth.NOISE_FLOOR_DBFS / 20),
                                              int(TAIL_SECONDS * SAMPLE_RATE))
    ended = endpoint(to_pcm16(np.concatenate([samples, tail])), end, pace)
    if ended is None:
        return None
    utterance, waited = ended
    recognizer = hearing.recognizer
    _, fed = stopwatch(lambda: (recognizer.start(), recognizer.feed(utterance.audio)))
    transcript, finish = stopwatch(recognizer.finish)
    heard, understand = stopwatch(lambda: hearing.respond(transcript))  # type: ignore[arg-type]
    _, synthesis = stopwatch(lambda: voice_out.render(heard.turn.reply.text))  # type: ignore
    return Stages(text, transcript.text, waited, fed + finish, finish,  # type: ignore
                  understand, synthesis)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def table(results: list[Stages]) -> str:
    rows = [("endpoint wait", [r.endpoint for r in results]),
            ("decoding (whole utterance)", [r.decode for r in results]),
            ("  of which finish", [r.finish for r in results]),
            ("understanding + store", [r.understand for r in results]),
            ("speech synthesis", [r.synthesis for r in results]),
            ("endpoint to first reply sample", [r.reply for r in results]),
            ("end of speech to first reply sample", [r.total for r in results])]
    lines = [f"{'stage':38} {'median s':>9} {'p95 s':>7} {'max s':>7}"]
    for name, values in rows:
        lines.append(f"{name:38} {statistics.median(values):9.3f} "
                     f"{percentile(values, 0.95):7.3f} {max(values):7.3f}")
    return "\n".join(lines)


def fresh_hearing(home: Path) -> tuple[Hearing, App]:
    """The service's hearing over a new store on disk, with default settings: nothing of the
    person's is read or kept."""
    paths = Paths(config_dir=home / "config", data_dir=home / "data", home=home)
    app = App(paths=paths, settings=Settings(engine="pocketsphinx"))
    return Hearing.build(app, Store.open(paths.database)), app


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="only the first N utterances")
    parser.add_argument("--no-pace", dest="pace", action="store_false",
                        help="feed as fast as it goes; endpoint wait counted in audio time")
    parser.add_argument("--show", action="store_true", help="one line per utterance")
    args = parser.parse_args(argv)
    utterances = load_utterances()[: args.limit or None]
    voice = synth.voices()[0]
    with tempfile.TemporaryDirectory() as home:
        hearing, app = fresh_hearing(Path(home))
        voice_out = TextToSpeech(app.settings.speech_rate, app.settings.voice)
        voice_out.render("Ready.")  # the engine's first render loads espeak-ng's voice
        measured = {u["text"]: measure(hearing, voice_out, u["text"], voice, index, args.pace)
                    for index, u in enumerate(utterances)}
    results = [stages for stages in measured.values() if stages is not None]
    missed = [text for text, stages in measured.items() if stages is None]
    print(f"latency: {len(results)} utterances, espeak-ng {voice.name} at {voice.rate} wpm, "
          f"{'fed at the pace of speech' if args.pace else 'not paced'}"
          + (f"; no utterance found in {len(missed)}: {missed}" if missed else ""))
    print(table(results))
    if args.show:
        for r in results:
            print(f"  {r.total:6.3f} s  {r.text!r} -> {r.heard!r}")
    reply = [r.reply for r in results]
    print(f"latency: endpoint to reply {statistics.median(reply):.3f} s median, "
          f"{percentile(reply, 0.95):.3f} s p95 (target {TARGET_REPLY_SECONDS} s); endpoint "
          f"wait {statistics.median([r.endpoint for r in results]):.3f} s median "
          f"(target {TARGET_ENDPOINT_SECONDS} s)")


if __name__ == "__main__":
    main()
