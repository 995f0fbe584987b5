"""What will be said when on a given day: the built-in jobs, routine cues and snoozes."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time
from typing import Any

from intents.ladder import day_plan
from models.records import Routine
from voice.config import Settings
from voice.jobs import ABOUT, ROUTINE_PREFIX, in_quiet_hours, job_specs


@dataclass(frozen=True)
class AgendaItem:
    at: str  # HH:MM; for a routine cued by another, the time of the one before it
    job: str
    title: str
    says: str
    quiet: bool = False  # falls in quiet hours, so nothing will be said
    after: str | None = None  # the routine this one follows
    snoozed: bool = False


@dataclass(frozen=True)
class Agenda:
    day: date
    quiet_start: str
    quiet_end: str
    items: list[AgendaItem] = field(default_factory=list)
    suggested_wins: list[dict[str, str]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "date": self.day.isoformat(),
            "quiet_hours": {"start": self.quiet_start, "end": self.quiet_end},
            "items": [asdict(item) for item in self.items],
            "suggested_wins": self.suggested_wins,
        }


def routine_line(routine: Routine, routines: list[Routine]) -> str:
    """The seed's form: 'Task: water the plant; cue: 09:00; celebration: a 30-second stretch'."""
    before = next((r.task for r in routines if r.id == routine.after_routine), None)
    cue = routine.cue_time or (f"after {before}" if before else "none")
    parts = [f"Task: {routine.task}", f"cue: {cue}"]
    if routine.completion:
        parts.append(f"completion: {routine.completion}")
    if routine.celebration:
        parts.append(f"celebration: {routine.celebration}")
    if routine.kind:
        parts.append(f"kind: {routine.kind}")
    return "; ".join(parts)


def agenda_for(
    day: date, settings: Settings, routines: list[Routine], snoozes: dict[str, datetime],
) -> Agenda:
    items = []
    for spec in job_specs(settings, routines):
        if not spec.runs_on(day):
            continue
        says = routine_line(spec.routine, routines) if spec.routine else ABOUT[spec.name]
        items.append(AgendaItem(spec.at, spec.name, spec.title, says,
                                quiet=in_quiet_hours(spec.at_time, settings)))
    by_id = {r.id: r for r in routines}
    for routine in routines:
        before = by_id.get(routine.after_routine)
        if routine.active and not routine.cue_time and before is not None and before.cue_time:
            items.append(AgendaItem(
                before.cue_time, f"{ROUTINE_PREFIX}{routine.id}", f"Routine: {routine.task}",
                routine_line(routine, routines), after=before.task,
                quiet=in_quiet_hours(time.fromisoformat(before.cue_time), settings)))
    titles = {item.job: item.title for item in items}
    for name, due in snoozes.items():
        if due.date() == day and name in titles:
            items.append(AgendaItem(due.strftime("%H:%M"), name, titles[name], "Asked again.",
                                    quiet=in_quiet_hours(due.time(), settings), snoozed=True))
    items.sort(key=lambda item: (item.at, item.after is not None))
    wins = [{"text": w.text, "kind": w.kind} for w in day_plan(day, routines)]
    return Agenda(day, settings.quiet_start, settings.quiet_end, items, wins)
