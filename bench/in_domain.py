"""In-domain speech: our own utterances in synthetic voices, with kitchen noise, through the
whole path (recogniser with the grammar from our templates, then the safety screen and the
intent matcher). Prints a table per voice; the last line is `in-domain: N.N%`.

    python -m bench.in_domain [--snr 15] [--limit N] [--engine pocketsphinx]
"""

from __future__ import annotations

import argparse
import time
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import yaml

from bench import synth
from bench.mixing import mix, to_pcm16
from intents.safety import Safety
from models.store import Store
from voice.app import App
from voice.audio import WavSource
from voice.hearing import Hearing

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


def fresh_hearing(engine: str) -> Hearing:
    """A hearing over an in-memory store: nothing a benchmark says is kept."""
    app = App.from_environment()
    app = replace(app, settings=replace(app.settings, engine=engine))
    return Hearing.build(app, Store.memory())


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--snr", type=float, default=15.0, help="kitchen noise, dB SNR")
    parser.add_argument("--clean", action="store_true", help="no noise")
    parser.add_argument("--limit", type=int, default=0, help="only the first N utterances")
    parser.add_argument("--engine", default="pocketsphinx", choices=("pocketsphinx", "vosk"))
    parser.add_argument("--espeak", type=int, default=len(synth.VOICES),
                        help="how many espeak-ng voices (default all)")
    parser.add_argument("--flite", action="store_true", help="also flite's voices")
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args()
    utterances = load_utterances()[: args.limit or None]
    began = time.perf_counter()
    voices = synth.voices()[: args.espeak] + (synth.flite_voices() if args.flite else [])
    outcomes = run(fresh_hearing(args.engine), utterances, voices,
                   None if args.clean else load_noise(), None if args.clean else args.snr)
    print(f"engine {args.engine}, {'clean' if args.clean else f'kitchen noise at {args.snr} dB'}"
          f", {len(utterances)} utterances, {time.perf_counter() - began:.0f} s")
    print(table(outcomes))
    if args.show_errors:
        for o in outcomes:
            if not o.right:
                print(f"  {o.voice:20} {o.text!r} -> {o.heard!r}")
    right = sum(o.right for o in outcomes)
    print(f"in-domain: {100 * right / len(outcomes):.1f}%")


if __name__ == "__main__":
    main()
