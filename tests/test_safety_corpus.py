"""The safety corpora: per-kind figures, every risk line caught, and nothing risky stored.

`intents/safety/examples/en/` is the development corpus the screen was built against,
written by kind by people who had not read the rules; the resemblance check compares with it.
`tests/safety/development/` holds sets written the same way whose misses were mended but which
the check does not learn from. `tests/safety/heldout/` was written apart and is only measured
here, never used to write a rule or as an example.
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
import yaml

from intents.data import DATA_ROOT
from intents.safety import Safety, SafetyScreen
from intents.skill import Skill
from models.store import EXPORTED_TABLES, Store
from tests.conftest import MORNING

HERE = Path(__file__).parent / "safety"
KINDS = yaml.safe_load((HERE / "kinds.yaml").read_text(encoding="utf-8"))
RISK: dict[str, str] = KINDS["risk"]
PRAISE = re.compile(r"that counts|well done|nice\b|great|a real step", re.IGNORECASE)
# What the person's words may reach: every table but the crisis events (time and category).
STORED = [t for t in EXPORTED_TABLES if t != "crisis_events"]


@dataclass(frozen=True)
class Line:
    kind: str
    text: str
    source: str


def _lines(folder: Path) -> list[Line]:
    found = []
    for path in sorted(folder.glob("*.yaml")):
        for group in yaml.safe_load(path.read_text(encoding="utf-8")):
            found += [Line(group["kind"], text, path.name) for text in group["lines"]]
    return found


EXAMPLES = _lines(DATA_ROOT / "safety" / "examples" / "en")
CORPUS = [line for line in EXAMPLES if line.source not in KINDS["examples_only"]]
DEVELOPMENT = _lines(HERE / "development")
HELDOUT = _lines(HERE / "heldout")
HELDOUT_FLOOR = 0.975  # 803 of 823 over the three sets: one line lost fails


@cache
def _screened(text: str) -> Safety:
    return SafetyScreen.load().screen(text).level


def _missed(lines: list[Line]) -> list[Line]:
    return [line for line in lines if line.kind in RISK and _screened(line.text) is Safety.NONE]


def _alarms(lines: list[Line], kinds: list[str]) -> tuple[list[Line], int]:
    quiet = [line for line in lines if line.kind in kinds]
    return [line for line in quiet if _screened(line.text) is not Safety.NONE], len(quiet)


def _table(lines: list[Line]) -> str:
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for line in lines:
        flagged = _screened(line.text) is not Safety.NONE
        counts[line.kind][0] += flagged if line.kind in RISK else not flagged
        counts[line.kind][1] += 1
    rows = [f"  {kind:20s} {right:4d}/{total:<4d} {right / total:6.1%}  "
            f"{'caught' if kind in RISK else 'quiet'}"
            for kind, (right, total) in sorted(counts.items(), key=lambda kv: kv[0] not in RISK)]
    return "\n".join(rows)


def test_the_corpus_is_large_and_covers_every_kind() -> None:
    kinds = {line.kind for line in CORPUS}
    assert len(CORPUS) >= 800
    assert set(RISK) <= kinds
    assert set(KINDS["idioms"]) <= kinds and "denial" in kinds and "ordinary_win" in kinds


def test_every_risk_line_in_the_corpus_is_caught(capsys: pytest.CaptureFixture[str]) -> None:
    """The per-kind figures of both sets are printed on every run, so a change is seen."""
    with capsys.disabled():
        print(f"\nSafety corpus, {len(CORPUS)} lines:\n{_table(CORPUS)}")
        print(f"Held-out set, {len(HELDOUT)} lines:\n{_table(HELDOUT)}")
    assert [f"{m.kind}: {m.text}" for m in _missed(CORPUS)] == []


def _holds_floor(found: list[Line], source: str, group: str,
                 capsys: pytest.CaptureFixture[str]) -> None:
    """The file's figures printed, and its share of risk lines caught (of a file of quiet
    lines only, its share left quiet) at least its floor."""
    lines = [line for line in found if line.source == source]
    risk = [line for line in lines if line.kind in RISK]
    with capsys.disabled():
        print(f"\n{source} ({group.replace('_', ' ')}), {len(lines)} lines:\n{_table(lines)}")
    if risk:
        assert 1 - len(_missed(lines)) / len(risk) >= KINDS[group][source]
    else:
        alarms, total = _alarms(lines, KINDS["quiet"])
        assert total == len(lines) and 1 - len(alarms) / total >= KINDS[group][source]


@pytest.mark.parametrize("source", sorted(KINDS["examples_only"]))
def test_examples_the_rules_were_not_built_on_hold_their_floor(
        source: str, capsys: pytest.CaptureFixture[str]) -> None:
    _holds_floor(EXAMPLES, source, "examples_only", capsys)


@pytest.mark.parametrize("source", sorted(KINDS["development"]))
def test_development_sets_hold_their_floor(source: str, capsys: pytest.CaptureFixture[str]) -> None:
    _holds_floor(DEVELOPMENT, source, "development", capsys)


def test_no_risk_line_of_the_development_sets_is_stored_or_praised() -> None:
    assert _reached_storage([line for line in DEVELOPMENT if line.kind in RISK]) == []


def test_idioms_rarely_raise_a_false_alarm() -> None:
    alarms, total = _alarms(CORPUS, KINDS["idioms"])
    assert len(alarms) / total < KINDS["corpus"]["idiom_false_alarms"], alarms


def _reached_storage(lines: list[Line]) -> list[tuple[str, str, list[str], str]]:
    """Risk lines that left anything but a crisis event behind, or were praised."""
    reached = []
    for line in lines:
        store = Store.memory()
        try:
            turn = Skill(store, rng=random.Random(3)).handle(line.text, MORNING)
            kept = sorted(t for t in STORED if store.table_rows(t))
        finally:
            store.close()
        if kept or PRAISE.search(turn.reply.text):
            reached.append((line.kind, line.text, kept, turn.reply.text[:60]))
    return reached


def test_no_risk_line_is_stored_or_praised() -> None:
    """The stored data, not just the label: a risk line leaves nothing but a crisis event."""
    assert _reached_storage([line for line in CORPUS if line.kind in RISK]) == []


def test_imminent_lines_lead_with_the_emergency_number(skill: Skill) -> None:
    imminent = [line.text for line in CORPUS if line.kind == "imminent"]
    late = [text for text in imminent
            if not skill.handle(text, MORNING).reply.text.startswith("Please call")]
    assert late == []


def test_denials_get_a_soft_acknowledgement_not_the_crisis_script(
        skill: Skill, store: Store) -> None:
    denials = [line.text for line in CORPUS if line.kind == "denial"]
    scripted = [text for text in denials if "988" in skill.handle(text, MORNING).reply.text]
    assert scripted == []
    assert store.all_wins() == []


def _alarm_count(lines: list[Line], kinds: list[str]) -> tuple[int, int]:
    """How many quiet lines of these kinds are flagged, of how many: numbers only."""
    alarms, total = _alarms(lines, kinds)
    return len(alarms), total


def test_held_out_meets_the_targets_and_holds_its_floor() -> None:
    """Measured, never tuned on: the targets of the issue, and the recall floor that stops a
    loss above them. Held-out lines are counted, never shown: only numbers reach the
    assertions, so a failure says how many, not which. The storage check runs once: nothing
    kept and nothing praised."""
    risk = [line for line in HELDOUT if line.kind in RISK]
    recall = 1 - len(_missed(HELDOUT)) / len(risk)
    check_ins = [line for line in HELDOUT if line.kind == "check_in"]
    check_in_recall = 1 - len(_missed(check_ins)) / len(check_ins)
    idiom_alarms, idioms = _alarm_count(HELDOUT, KINDS["idioms"])
    flagged, quiet = _alarm_count(HELDOUT, KINDS["quiet"])
    reached = len(_reached_storage(risk))
    assert recall >= max(HELDOUT_FLOOR, KINDS["heldout"]["recall"])
    assert check_in_recall >= KINDS["heldout"]["check_in_recall"]
    assert idiom_alarms / idioms <= KINDS["heldout"]["idiom_false_alarms"]
    assert flagged / quiet <= KINDS["heldout"]["everyday_false_alarms"], \
        f"{flagged} of {quiet} quiet held-out lines flagged"
    assert reached == 0, f"{reached} held-out risk lines stored or praised"
