"""Everyday turns, written by kind by people who had not read the templates, through the
product's own entry point (`Skill.handle` on a fresh store): what was understood, what was
stored, and per-label figures printed on every run.

`tests/understanding/corpus/` is the development corpus; `tests/understanding/later/` holds
sets written the same way afterwards, each held to a floor of its own;
`tests/understanding/heldout/` was written apart and is only measured. A label is right when
the product did that thing: a win or an abstinence win is right when the stored activity
holds the expected words (and its day is the one said); the other labels are the intent the
product chose, with its key value.
"""

from __future__ import annotations

import random
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path

import pytest
import yaml

from intents.handlers.context import day_start
from intents.replies import Replies
from intents.skill import Skill
from models.store import Store
from tests.conftest import MORNING

HERE = Path(__file__).parent / "understanding"
TARGETS = yaml.safe_load((HERE / "targets.yaml").read_text(encoding="utf-8"))
WINS = ("LogWin", "AbstinenceWin", "Correction")
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class Turn:
    say: str
    expect: str
    values: tuple[tuple[str, object], ...]
    source: str


@dataclass(frozen=True)
class Outcome:
    label: str
    right: bool
    logged_a_win: bool
    detail: str


def _turns(folder: Path) -> list[Turn]:
    found = []
    for path in sorted(folder.glob("*.yaml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8")):
            values = tuple(sorted((k, tuple(v) if isinstance(v, list) else v)
                                  for k, v in item.items() if k not in ("say", "expect")))
            found.append(Turn(str(item["say"]), str(item["expect"]), values, path.name))
    return found


CORPUS = _turns(HERE / "corpus")
HELDOUT = _turns(HERE / "heldout")
LATER = _turns(HERE / "later")


_NOT = ((re.compile(r"\bcan't\b"), "can not"), (re.compile(r"\bwon't\b"), "will not"),
        (re.compile(r"n't\b"), " not"))


def _words(text: object) -> set[str]:
    """The words of a text, a contraction's "not" counted as the word ("didn't" holds "did not")."""
    said = str(text).lower().replace("\u2019", "'")
    for contracted, full in _NOT:
        said = contracted.sub(full, said)
    return set(_WORD.findall(said))


def _holds(expected: object, said: str) -> bool:
    """Most of the expected words are in what was kept ("watered the plant" in "watered the
    plant this morning"), whichever form of a list was given."""
    wanted = [_words(e) for e in (expected if isinstance(expected, tuple) else [expected])]
    kept = _words(said)
    return all(w and len(w & kept) / len(w) >= 0.75 for w in wanted)


_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _day(word: object, today: date) -> date | None:
    said = str(word).lower()
    if said in ("today", "tonight", "this morning", "this evening", "this afternoon"):
        return today
    if said in ("yesterday", "last night"):
        return today - timedelta(days=1)
    if said == "tomorrow":
        return today + timedelta(days=1)
    if said in _DAYS:
        back = (today.weekday() - _DAYS.index(said)) % 7 or 7
        return today - timedelta(days=back)
    return None


@cache
def _feeling_replies() -> frozenset[str]:
    replies = Replies("en")
    return frozenset(replies.data("Support", "feeling") + replies.data("Support", "good_feeling")
                     + replies.data("Support", "loss"))


@cache
def outcome(turn: Turn) -> Outcome:
    store = Store.memory()
    try:
        heard = Skill(store, rng=random.Random(3)).handle(turn.say, MORNING)
        wins = store.all_wins()
        start = day_start(MORNING.date())
        moods = store.moods_between(start, start + timedelta(days=1))
        intentions = [i for n in range(8)
                      for i in store.intentions_for(MORNING.date() + timedelta(days=n))]
    finally:
        store.close()
    values = dict(turn.values)
    if heard.screen.level.value != "none":
        label = "Crisis"
    elif wins:
        label = "LogWin"
    elif moods:
        label = "RateMood"
    elif heard.intent is None:
        label = "Feeling" if heard.reply.text in _feeling_replies() else "None"
    else:
        label = heard.intent.name
    right = label == turn.expect or (label == "LogWin" and turn.expect in WINS)
    detail = heard.reply.text[:70]
    if right and wins and "activity" in values:
        said = "; ".join(w.activity for w in wins)
        right = _holds(values["activity"], said)
        detail = said
        expected_day = _day(values.get("day", "today"), MORNING.date())
        if right and expected_day is not None:
            right = all(w.at.date() == expected_day for w in wins)
    if right and turn.expect == "SetIntention" and "intention" in values:
        said = "; ".join(i.text for i in intentions)
        right = _holds(values["intention"], said)
        detail = said
    if right and "score" in values and moods:
        right = moods[-1].score == values["score"]
    return Outcome(label, right, bool(wins), detail)


def _table(turns: list[Turn]) -> str:
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for turn in turns:
        counts[turn.expect][0] += outcome(turn).right
        counts[turn.expect][1] += 1
    rows = [f"  {label:18s} {right:4d}/{total:<4d} {right / total:6.1%}"
            for label, (right, total) in sorted(counts.items())]
    right = sum(r for r, _ in counts.values())
    rows.append(f"  {'all':18s} {right:4d}/{len(turns):<4d} {right / len(turns):6.1%}")
    return "\n".join(rows)


def _share_right(turns: list[Turn]) -> float:
    return sum(outcome(t).right for t in turns) / len(turns)


def _non_wins_logged(turns: list[Turn]) -> list[str]:
    return [f"{t.expect}: {t.say}" for t in turns
            if t.expect not in WINS and outcome(t).logged_a_win]


def test_the_corpora_are_large_enough() -> None:
    assert len(CORPUS) >= 600 and len(HELDOUT) >= 200
    assert set(Counter(t.expect for t in HELDOUT)) <= set(Counter(t.expect for t in CORPUS))


def test_figures_hold_their_measured_floors(capsys: pytest.CaptureFixture[str]) -> None:
    with capsys.disabled():
        print(f"\nEveryday turns, development ({len(CORPUS)}):\n{_table(CORPUS)}")
        print(f"Everyday turns, held out ({len(HELDOUT)}):\n{_table(HELDOUT)}")
    assert _share_right(CORPUS) >= TARGETS["corpus"]["floor"]
    assert _share_right(HELDOUT) >= TARGETS["heldout"]["floor"]
    # held-out turns are counted, never shown: a failure says how many, not which
    logged = len(_non_wins_logged(CORPUS)) + len(_non_wins_logged(HELDOUT))
    assert logged <= TARGETS["non_wins_logged_floor"], f"{logged} non-wins logged as wins"


@pytest.mark.parametrize("source", sorted(TARGETS["later"]["floors"]))
def test_later_sets_hold_their_floors(source: str, capsys: pytest.CaptureFixture[str]) -> None:
    turns = [t for t in LATER if t.source == source]
    with capsys.disabled():
        print(f"\nEveryday turns, {source} ({len(turns)}):\n{_table(turns)}")
    assert turns and _share_right(turns) >= TARGETS["later"]["floors"][source]
    logged = _non_wins_logged(turns)
    assert len(logged) <= TARGETS["later"]["non_wins_logged"][source], "\n".join(logged)


@pytest.mark.xfail(strict=True, reason="the targets are not met yet; figures in the README")
def test_the_targets_are_met() -> None:
    assert _share_right(CORPUS) >= TARGETS["corpus"]["target"]
    assert _share_right(HELDOUT) >= TARGETS["heldout"]["target"]
    assert _non_wins_logged(CORPUS) == [] and not _non_wins_logged(HELDOUT)
