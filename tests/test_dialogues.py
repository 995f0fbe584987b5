"""Multi-turn dialogues, written by kind by someone who had not read the templates, played
through the product's own entry point (`Skill.handle`, one store, the clock moving on a
minute a turn). After each turn the stored data is checked against what the person clearly
meant; a dialogue is right when every turn holds. Per-group figures are printed on each run.

Events the companion starts itself (the check-in on the latest plan, the evening
reflection) go through the same handlers the day's schedule calls.
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path

import pytest
import yaml

from intents.activities import in_past
from intents.handlers.archive import start_reflection
from intents.handlers.context import day_start
from intents.handlers.intentions import ask_checkin
from intents.replies import Replies
from intents.skill import Skill
from models.store import Store
from tests.conftest import MORNING

HERE = Path(__file__).parent / "understanding"
TARGETS = yaml.safe_load((HERE / "targets.yaml").read_text(encoding="utf-8"))["dialogues"]


def _dialogues(folder: str) -> tuple[dict, ...]:
    return tuple(d for path in sorted((HERE / folder).glob("*.yaml"))
                 for d in yaml.safe_load(path.read_text(encoding="utf-8")))


DEVELOPMENT, HELD_OUT, LATER = "dialogues", "dialogues_heldout", "dialogues_later"
SETS = {name: _dialogues(name) for name in (DEVELOPMENT, HELD_OUT, LATER)}
_WORD = re.compile(r"[a-z0-9]+")
_RATINGS = ("mood_before", "mood_after", "enjoyment", "importance")


@dataclass(frozen=True)
class Played:
    name: str
    right: bool
    detail: str  # the first turn that did not hold, and why


def _holds(expected: object, said: list[str]) -> bool:
    """Most of each expected phrase's words are in one of the stored texts."""
    kept = [set(_WORD.findall(s.lower())) for s in said]
    for phrase in expected if isinstance(expected, list) else [expected]:
        want = set(_WORD.findall(str(phrase).lower()))
        if not any(want and len(want & k) / len(want) >= 0.75 for k in kept):
            return False
    return True


@cache
def _tiny_steps() -> tuple[str, ...]:
    """The steps the companion offers, as they read once done ('drank a glass of water')."""
    return tuple(in_past(s) for s in Replies("en").data("LowEnergy", "tiny_steps"))


def _start(event: str, skill: Skill, now: datetime) -> str:
    ctx = skill.context(now)
    if event == "checkin":
        intentions = skill.store.intentions_for(now.date())
        if not intentions:
            return "no plan to check in on"
        reply = ask_checkin(ctx, intentions[-1])
    elif event == "reflection":
        reply = start_reflection(None, ctx)
    else:
        return f"the companion cannot start '{event}'"
    ctx.dialogue.remember_reply(reply.text)  # as the day's schedule does when it speaks
    return ""


def _broken(expect: dict, skill: Skill, before: list, now: datetime, reply: str) -> str:
    """What in `expect` does not hold after the turn, or ''."""
    store = skill.store
    wins = store.all_wins()
    new = [w.activity for w in wins[len(before):]]
    start = day_start(now.date())
    moods = store.moods_between(start, start + timedelta(days=1))
    intentions = store.intentions_for(now.date()) + store.intentions_for(
        now.date() + timedelta(days=1))
    for key, value in expect.items():
        if key == "logged" and not _holds(value, new):
            return f"logged {new}, not {value!r}"
        if key == "logged_step" and not any(w in _tiny_steps() for w in new):
            return f"logged {new}, not the tiny step"
        if key == "nothing_logged" and new:
            return f"logged {new}"
        if key == "rated":
            ratings = [getattr(w, r) for w in wins[-1:] for r in _RATINGS] + \
                      [m.score for m in moods]
            if value not in ratings:
                return f"no rating of {value} kept"
        if key == "mood" and value not in [m.score for m in moods]:
            return f"no mood of {value} kept"
        if key == "intention" and not _holds(value, [i.text for i in intentions]):
            return f"no plan {value!r} kept"
        if key == "intention_status" and (not intentions or intentions[-1].status != value):
            return f"plan status {intentions[-1].status if intentions else None}, not {value}"
        if key == "partial" and not _holds(value, new):
            return f"no partial win {value!r} kept"
        if key == "replaced" and (len(wins) != len(before) or not wins
                                  or not _holds(value, [wins[-1].activity])):
            return f"wins now {[w.activity for w in wins[-2:]]}, not {value!r} in place"
        if key == "asked_again" and "?" not in reply:
            return "the question was not asked again"
    return ""


@cache
def played(name: str, index: int) -> Played:
    dialogue = SETS[name][index]
    store = Store.memory()
    skill = Skill(store, rng=random.Random(5))
    now = MORNING
    try:
        for n, turn in enumerate(dialogue["turns"], 1):
            now += timedelta(minutes=1)
            if "event" in turn:
                problem = _start(turn["event"], skill, now)
            else:
                before = store.all_wins()
                reply = skill.handle(turn["say"], now).reply.text
                problem = _broken(turn.get("expect") or {}, skill, before, now, reply)
                if problem:
                    problem = f"{problem} (said {turn['say']!r}; reply {reply[:60]!r})"
            if problem:
                return Played(dialogue["name"], False, f"turn {n}: {problem}")
    finally:
        store.close()
    return Played(dialogue["name"], True, "")


def _group(name: str) -> str:
    return name.split(" ", 1)[0]


def _table(name: str) -> str:
    dialogues = SETS[name]
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for i in range(len(dialogues)):
        result = played(name, i)
        counts[_group(result.name)][0] += result.right
        counts[_group(result.name)][1] += 1
    rows = [f"  {g:6s} {r:3d}/{t:<3d} {r / t:6.1%}" for g, (r, t) in sorted(counts.items())]
    right = sum(r for r, _ in counts.values())
    rows.append(f"  {'all':6s} {right:3d}/{len(dialogues):<3d} {right / len(dialogues):6.1%}")
    return "\n".join(rows)


def _share_right(name: str) -> float:
    return sum(played(name, i).right for i in range(len(SETS[name]))) / len(SETS[name])


def test_there_are_enough_dialogues() -> None:
    assert all(len(dialogues) >= 40 for dialogues in SETS.values())
    assert all(2 <= len(d["turns"]) <= 6 for dialogues in SETS.values() for d in dialogues)


def test_dialogues_hold_their_measured_floors(capsys: pytest.CaptureFixture[str]) -> None:
    with capsys.disabled():
        for name, dialogues in SETS.items():
            print(f"\n{name} ({len(dialogues)}):\n{_table(name)}")
    assert _share_right(DEVELOPMENT) >= TARGETS["floor"]
    assert _share_right(HELD_OUT) >= TARGETS["heldout_floor"]
    assert _share_right(LATER) >= TARGETS["later_floor"]


@pytest.mark.xfail(strict=True, reason="the targets are not met yet; figures in the README")
def test_dialogues_meet_the_target() -> None:
    assert _share_right(DEVELOPMENT) >= TARGETS["target"]
    assert _share_right(HELD_OUT) >= TARGETS["target"]
    assert _share_right(LATER) >= TARGETS["target"]
