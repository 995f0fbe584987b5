"""How long the endpointer should wait: real people's pauses against the wait after speech.

Every recording of real people in ../shared/data (200 coffee orders, 49 rhasspy-test
commands) and our own sentences in espeak-ng go through the product's UtteranceSplitter
with its default speech detector, for each silence wait, followed by the
recording's own quiet. For each wait:

- split: the splitter found a pause long enough to end an utterance while the person still
  had more to say (more than one utterance came out of one recording);
- endpoint: from the last loud frame (within 40 dB of the loudest) to the end of the last
  utterance, in audio time;
- hangover: from the last loud frame to the detector's last frame of speech.

    python -m bench.endpoint [--waits 0.3,0.4,0.5,0.6,0.8] [--limit N]
"""

from __future__ import annotations

import argparse
import statistics
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from bench import synth
from bench.in_domain import load_utterances
from bench.latency import percentile, speech_end
from bench.mixing import to_pcm16
from voice.audio import SAMPLE_RATE, WavSource, chunk_bytes
from voice.endpoint import FRAME_BYTES, EndpointSettings, UtteranceSplitter, default_detector

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
TAIL_SECONDS = 2.0


@dataclass(frozen=True)
class Clip:
    name: str
    source: str  # which set it comes from
    samples: np.ndarray  # int16 at 16 kHz


@dataclass(frozen=True)
class Ending:
    pieces: int  # utterances the recording came out as; more than one is a split
    endpoint: float | None  # None when no utterance came out at all


def real_clips(limit: int) -> Iterator[Clip]:
    for source, folder in (("coffee orders", SHARED / "speech-to-intent" / "clean"),
                           ("rhasspy-test", SHARED / "rhasspy-test" / "wav" / "en")):
        for path in sorted(folder.glob("*.wav"))[: limit or None]:
            pcm = b"".join(WavSource(path).chunks())  # resampled to 16 kHz mono
            yield Clip(path.stem, source, np.frombuffer(pcm, dtype="<i2"))


def synthetic_clips(limit: int) -> Iterator[Clip]:
    voice = synth.voices()[0]
    for index, utterance in enumerate(load_utterances()[: limit or None]):
        samples = synth.render(utterance["text"], voice, seed=index)
        yield Clip(utterance["text"], f"espeak-ng {voice.name}",
                   np.frombuffer(to_pcm16(samples), dtype="<i2"))


def with_tail(clip: Clip) -> bytes:
    """The clip, then its own quietest 100 ms repeated: the room as it sounds after speech."""
    window = SAMPLE_RATE // 10
    starts = range(0, clip.samples.size - window, window // 2)
    quietest = min(starts, key=lambda s: float(np.mean(
        clip.samples[s:s + window].astype(np.float64) ** 2)))
    room = clip.samples[quietest:quietest + window]
    tail = np.tile(room, round(TAIL_SECONDS * SAMPLE_RATE / window))
    return np.concatenate([clip.samples, tail]).astype("<i2").tobytes()


def ending(clip: Clip, wait: float) -> Ending:
    """Split the clip with this silence wait, as the service loop feeds it."""
    end = speech_end(clip.samples.astype(np.float32))
    splitter = UtteranceSplitter(settings=replace(EndpointSettings(), silence_seconds=wait))
    pcm = with_tail(clip)
    step = chunk_bytes()
    utterances = [u for offset in range(0, len(pcm), step)
                  for u in splitter.feed(pcm[offset:offset + step])]
    return Ending(len(utterances), utterances[-1].end - end if utterances else None)


def hangover(clip: Clip) -> float | None:
    """Seconds from the last loud frame to the detector's last frame of speech."""
    detector = default_detector()
    pcm = with_tail(clip)
    voiced = [index for index, offset in enumerate(range(0, len(pcm) - FRAME_BYTES, FRAME_BYTES))
              if detector.speech_probability(pcm[offset:offset + FRAME_BYTES]) >= 0.5]
    if not voiced:
        return None
    return (voiced[-1] + 1) * 0.01 - speech_end(clip.samples.astype(np.float32))


def table(clips: list[Clip], waits: list[float]) -> str:
    lines = [f"{'set':22} {'clips':>5} {'wait s':>6} {'split':>9} {'none':>4} "
             f"{'endpoint median':>15} {'p95':>6}"]
    for source in dict.fromkeys(c.source for c in clips):
        chosen = [c for c in clips if c.source == source]
        for wait in waits:
            endings = [ending(c, wait) for c in chosen]
            delays = [e.endpoint for e in endings if e.endpoint is not None]
            split = sum(e.pieces > 1 for e in endings)
            lines.append(
                f"{source:22} {len(chosen):5} {wait:6.2f} "
                f"{split:4} {100 * split / len(chosen):3.0f}% {len(endings) - len(delays):4} "
                f"{statistics.median(delays):15.3f} {percentile(delays, 0.95):6.3f}")
    return "\n".join(lines)


def hangover_table(clips: list[Clip]) -> str:
    lines = [f"{'set':22} {'hangover median s':>17} {'p5':>6} {'p95':>6}"]
    for source in dict.fromkeys(c.source for c in clips):
        values = [h for c in clips if c.source == source if (h := hangover(c)) is not None]
        lines.append(f"{source:22} {statistics.median(values):17.3f} "
                     f"{percentile(values, 0.05):6.3f} {percentile(values, 0.95):6.3f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--waits", default="0.3,0.4,0.5,0.6,0.8,1.0",
                        help="silence waits to try, seconds")
    parser.add_argument("--limit", type=int, default=0, help="only the first N of each set")
    args = parser.parse_args(argv)
    clips = [*real_clips(args.limit), *synthetic_clips(args.limit)]
    print(f"detector: {type(default_detector()).__name__}, "
          f"default wait {EndpointSettings().silence_seconds} s\n")
    print(hangover_table(clips))
    print()
    print(table(clips, [float(w) for w in args.waits.split(",")]))


if __name__ == "__main__":
    main()
