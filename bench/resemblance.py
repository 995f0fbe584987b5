"""What the resemblance check adds to the concept rules, and what it costs in false alarms.

    python -m bench.resemblance [--smoothing 0.03,0.1,0.3] [--thresholds 0,1,2,3]

Two tables. Leaving each example file out in turn, the others are the examples and the file
left out is scored: the risk lines the check catches beyond the rules, and the quiet lines
(idioms, near misses, everyday speech) it flags where the rules stay quiet. Then the
held-out sets in tests/safety/heldout/, with every example file in, scored the same way.
Thresholds are chosen on the first table; the second is only measured. The configured
setting is marked with *.
"""

from __future__ import annotations

import argparse
import math
from dataclasses import dataclass
from pathlib import Path

import yaml

from intents.data import DATA_ROOT, load_yaml
from intents.resemblance import Resemblance, example_files, examples
from intents.safety import Safety, SafetyScreen

HELDOUT = Path(__file__).resolve().parents[1] / "tests" / "safety" / "heldout"


@dataclass
class Scored:
    kind: str
    risk: bool
    rules: bool  # the rules alone flag it
    asked: bool  # the check is asked: no rule spoke, nothing set aside, enough words
    score: float

    def caught(self, threshold: float) -> bool:
        return self.rules or (self.asked and self.score > threshold)


def _scored(screen: SafetyScreen, lines: list[tuple[str, str]],
            risk_kinds: frozenset[str]) -> list[Scored]:
    """Each line through the product's screen, its check set never to decide, so each
    threshold can be applied afterwards."""
    scored = []
    for kind, line in lines:
        found = screen.screen(line)
        like = found.resemblance
        scored.append(Scored(kind, kind in risk_kinds, found.level is not Safety.NONE,
                             like is not None, like.score if like else 0.0))
    return scored


def _screen(data: dict, settings: dict, smoothing: float,
            leave_out: Path | None = None) -> SafetyScreen:
    index = Resemblance.of(examples(leave_out=leave_out), frozenset(settings["risk_kinds"]),
                           math.inf, smoothing, settings["min_words"])
    return SafetyScreen(data, "en", index)


def _row(label: str, scored: list[Scored], threshold: float) -> str:
    risk = [s for s in scored if s.risk]
    quiet = [s for s in scored if not s.risk and not s.rules]
    both = sum(s.caught(threshold) for s in risk)
    rules = sum(s.rules for s in risk)
    alarms = sum(s.caught(threshold) for s in quiet)
    return (f"| {label} | {threshold:.2f} | {rules}/{len(risk)} ({rules / len(risk):.1%}) | "
            f"{both - rules} | {both}/{len(risk)} ({both / len(risk):.1%}) | "
            f"{alarms}/{len(quiet)} ({alarms / max(1, len(quiet)):.1%}) |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoothing", default="0.03,0.1,0.3")
    parser.add_argument("--thresholds", default="0,1,1.5,2,2.5,3")
    args = parser.parse_args()
    data = load_yaml("safety/en.yaml")
    settings = data["resemblance"]
    risk_kinds = frozenset(settings["risk_kinds"])
    heldout = [(g["kind"], line) for path in sorted(HELDOUT.glob("*.yaml"))
               for g in yaml.safe_load(path.read_text(encoding="utf-8")) for line in g["lines"]]
    header = ("| lines | threshold | rules alone | added by the check | rules and check | "
              "quiet lines flagged by the check |\n|---|---|---|---|---|---|")
    for smoothing in (float(n) for n in args.smoothing.split(",")):
        left_out: list[Scored] = []
        for path in example_files():
            lines = [(g["kind"], line) for g in load_yaml(str(path.relative_to(DATA_ROOT)))
                     for line in g["lines"]]
            left_out += _scored(_screen(data, settings, smoothing, path), lines, risk_kinds)
        held = _scored(_screen(data, settings, smoothing), heldout, risk_kinds)
        print(f"\nsmoothing = {smoothing}\n{header}")
        for threshold in (float(t) for t in args.thresholds.split(",")):
            mark = " *" if (smoothing, threshold) == (settings["smoothing"],
                                                      settings["threshold"]) else ""
            print(_row(f"each example file left out{mark}", left_out, threshold))
        for threshold in (float(t) for t in args.thresholds.split(",")):
            print(_row("held out", held, threshold))


if __name__ == "__main__":
    main()
