"""Rhasspy's test set: 49 real commands, intents and slots right, and speed as a multiple of
real time, beside Rhasspy 2.5's published report; a plain PocketSphinx decode (its general
language model, no grammar) of the same files in the same run gives a speed on this machine.

    python -m bench.rhasspy [--wavs DIR] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from hassil import Intents, recognize_best

from voice.audio import WavSource
from voice.config import Settings
from voice.paths import Paths
from voice.recognizers import Recognizer, build_recognizer, transcribe
from voice.recognizers.pocketsphinx_engine import PocketSphinxRecognizer

REPO = Path(__file__).resolve().parents[1]
WAVS = REPO.parent / "shared" / "data" / "rhasspy-test" / "wav" / "en"
GRAMMAR = REPO / "tests" / "fixtures" / "rhasspy_en.yaml"
# output/en/test_*/report.json: correct_intent_and_entities, average_transcription_speedup
PUBLISHED = (("Rhasspy 2.5, PocketSphinx", 49, 13.0), ("Rhasspy 2.5, Kaldi", 49, 34.9))


@dataclass(frozen=True)
class Outcome:
    wav: str
    heard: str
    right: bool
    decode_seconds: float
    audio_seconds: float


@dataclass(frozen=True)
class Score:
    name: str
    right: int
    total: int
    speedup: float  # mean over files of audio / decoding time, as Rhasspy reports it
    overall: float  # all audio / all decoding time


def expected(wav: Path) -> tuple[str, dict[str, str]]:
    data = json.loads(wav.with_suffix(".json").read_text(encoding="utf-8"))
    return data["intent"]["name"], {k: str(v).strip() for k, v in data["slots"].items()}


def understood(text: str, intents: Intents) -> tuple[str, dict[str, str]] | None:
    result = recognize_best(text, intents)
    if result is None:
        return None
    return result.intent.name, {k: str(e.value).strip() for k, e in result.entities.items()}


def run(recognizer: Recognizer, wavs: list[Path], intents: Intents) -> list[Outcome]:
    outcomes = []
    for wav in wavs:
        heard = transcribe(recognizer, WavSource(wav).chunks())
        outcomes.append(Outcome(wav.name, heard.text,
                                understood(heard.text, intents) == expected(wav),
                                heard.decode_seconds, heard.audio_seconds))
    return outcomes


def score(name: str, outcomes: list[Outcome]) -> Score:
    return Score(
        name=name,
        right=sum(o.right for o in outcomes),
        total=len(outcomes),
        speedup=statistics.mean(o.audio_seconds / o.decode_seconds for o in outcomes),
        overall=sum(o.audio_seconds for o in outcomes) / sum(o.decode_seconds for o in outcomes),
    )


def ours(intents: Intents) -> Recognizer:
    """The embedded default as `smallwins` builds it: grammar pass, general-model fallback."""
    with tempfile.TemporaryDirectory() as home:  # no settings or model of the person's
        paths = Paths(config_dir=Path(home) / "config", data_dir=Path(home) / "data")
        return build_recognizer(Settings(engine="pocketsphinx"), paths, intents)


def table(scores: list[Score]) -> str:
    lines = [f"{'engine':44} {'intent+slots':>13} {'x real time':>12} {'overall':>8}"]
    for s in scores:
        lines.append(f"{s.name:44} {s.right:>6}/{s.total:<6} {s.speedup:12.1f} "
                     f"{s.overall:8.1f}")
    for name, right, speed in PUBLISHED:
        lines.append(f"{name + ' (published)':44} {right:>6}/{49:<6} {speed:12.1f} {'':>8}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wavs", type=Path, default=WAVS, help="WAVs with a .json beside each")
    parser.add_argument("--grammar", type=Path, default=GRAMMAR, help="hassil sentences")
    parser.add_argument("--limit", type=int, default=0, help="only the first N files")
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args(argv)
    wavs = sorted(args.wavs.glob("*.wav"))[: args.limit or None]
    if not wavs:
        sys.exit(f"no WAV files in {args.wavs}")
    intents = Intents.from_files([args.grammar])
    ours_out = run(ours(intents), wavs, intents)
    plain_out = run(PocketSphinxRecognizer(), wavs, intents)
    mine = score("Small Wins (PocketSphinx grammar + fallback)", ours_out)
    plain = score("plain PocketSphinx 5 (general model)", plain_out)
    print(f"rhasspy-test: {len(wavs)} recordings from {args.wavs}")
    print(table([mine, plain]))
    if args.show_errors:
        for o in ours_out:
            if not o.right:
                print(f"  {o.wav}: heard {o.heard!r}")
    print(f"speed against plain PocketSphinx on this machine: {mine.speedup / plain.speedup:.1f}x;"
          f" Rhasspy's PocketSphinx against real time: {PUBLISHED[0][2]}x")
    print(f"rhasspy: {mine.right}/{mine.total} at {mine.speedup:.1f}x real time")


if __name__ == "__main__":
    main()
