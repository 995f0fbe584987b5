"""Time to screen and understand one utterance, through `Skill.understand` (the safety
screen, then the intent matcher for what passed it), on every line of the safety corpora.

    python -m bench.understand [--repeats 3] [--limit N]

Each line is timed cold (its first reading) and warm (later readings, after the word-form
caches hold its words); the table gives the median, the 95th percentile and the slowest.
"""

from __future__ import annotations

import argparse
import platform
import random
import statistics
import time
from pathlib import Path

import yaml

from intents.skill import Skill
from models.store import Store

ROOT = Path(__file__).resolve().parents[1]
CORPORA = (ROOT / "intents" / "safety" / "examples" / "en", ROOT / "tests" / "safety" / "heldout")


def corpus_lines(limit: int | None = None) -> list[tuple[str, str]]:
    """(kind, line) for every line of the development corpus and the held-out set."""
    lines = []
    for path in sorted(p for folder in CORPORA for p in folder.glob("*.yaml")):
        for group in yaml.safe_load(path.read_text(encoding="utf-8")):
            lines += [(group["kind"], text) for text in group["lines"]]
    random.Random(5).shuffle(lines)
    return lines[:limit] if limit else lines


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3, help="warm readings of each line")
    parser.add_argument("--limit", type=int, default=None, help="only the first N lines")
    args = parser.parse_args(argv)

    store = Store.memory()
    began = time.perf_counter()
    skill = Skill(store)
    skill.understand("load everything once")
    load_ms = 1000 * (time.perf_counter() - began)
    lines = corpus_lines(args.limit)
    cold: list[float] = []
    warm: list[float] = []
    for _, text in lines:
        for repeat in range(1 + args.repeats):
            start = time.perf_counter()
            skill.understand(text)
            (cold if repeat == 0 else warm).append(1000 * (time.perf_counter() - start))
    store.close()

    print(f"machine: {platform.machine()}, {platform.processor() or 'cpu'}, "
          f"Python {platform.python_version()}")
    print(f"lines: {len(lines)}; screen, lemmas and templates loaded in {load_ms:.0f} ms")
    print(f"{'reading':10s} {'median ms':>10s} {'p95 ms':>8s} {'max ms':>8s}")
    for name, samples in (("cold", cold), ("warm", warm)):
        if samples:
            print(f"{name:10s} {statistics.median(samples):10.2f} "
                  f"{percentile(samples, 0.95):8.2f} {max(samples):8.2f}")
    print(f"understand: median {statistics.median(cold):.2f} ms, "
          f"p95 {percentile(cold, 0.95):.2f} ms per utterance (cold)")


if __name__ == "__main__":
    main()
