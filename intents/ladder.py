"""The staggered ladder: three small wins a day across kinds, one on a low day."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from intents.data import load_yaml
from intents.replies import spoken_list
from models.records import Mood, Routine, Win

KINDS = ("physical", "social", "cognitive")
LOW_MOOD = 3  # a mood at or under this is a low day: one win is offered, not three
WEEK_DAYS = 7


@dataclass(frozen=True)
class MicroWin:
    text: str
    kind: str
    routine_id: int | None = None


def _data(language: str) -> dict:
    return load_yaml(f"responses/{language}/Ladder.yaml")


def day_plan(day: date, routines: Sequence[Routine] = (), language: str = "en") -> list[MicroWin]:
    """One win of each kind for `day`: a timed routine of that kind, else one from the pool.

    The pool turns by the date, so the plan for a day is the same whenever it is asked for.
    """
    pool = _data(language)["pool"]
    plan = []
    for offset, kind in enumerate(KINDS):
        routine = next((r for r in routines if r.active and r.kind == kind and r.cue_time), None)
        if routine is not None:
            plan.append(MicroWin(routine.task, kind, routine.id))
            continue
        choices = pool[kind]
        plan.append(MicroWin(choices[(day.toordinal() + offset * 3) % len(choices)], kind))
    return plan


def week_plan(start: date, routines: Sequence[Routine] = (), language: str = "en") \
        -> dict[date, list[MicroWin]]:
    """Three wins a day for the seven days from `start`."""
    days = (start + timedelta(days=i) for i in range(WEEK_DAYS))
    return {day: day_plan(day, routines, language) for day in days}


def is_low_day(moods: list[Mood]) -> bool:
    """The latest mood given was low."""
    return bool(moods) and moods[-1].score <= LOW_MOOD


def suggestions(plan: list[MicroWin], low_day: bool) -> list[MicroWin]:
    """Three on most days; on a low day, the body's one alone."""
    return plan[:1] if low_day else plan


def suggestion_text(plan: list[MicroWin], low_day: bool, language: str = "en") -> str:
    """The ladder said aloud: three wins, or one with the word that one counts."""
    data = _data(language)
    offered = suggestions(plan, low_day)
    if low_day:
        return " ".join(data["one"].split()).format(win=offered[0].text)
    return " ".join(data["three"].split()).format(wins=spoken_list([w.text for w in offered]))


def kind_of(win: Win, routines: Sequence[Routine] = (), language: str = "en") -> str | None:
    """physical, social or cognitive: by its tag, its routine, or the words it was said in."""
    data = _data(language)
    if win.area in data["area_kinds"]:
        return data["area_kinds"][win.area]
    said = win.activity.lower()
    for routine in routines:
        if routine.kind and routine.task.lower() in said:
            return routine.kind
    words = set(re.findall(r"[a-z]+", said))
    hits = {kind: len(words & set(data["kind_words"][kind])) for kind in KINDS}
    best = max(KINDS, key=lambda kind: hits[kind])
    return best if hits[best] else None


def kind_name(kind: str, language: str = "en") -> str:
    return _data(language)["kind_names"][kind]


def smallest(kind: str, language: str = "en") -> str:
    """The lowest bar of a kind: the first win in its pool."""
    return _data(language)["pool"][kind][0]
