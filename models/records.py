"""The records Small Wins keeps: plain values passed between the store and its callers."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class Win:
    activity: str
    at: datetime
    area: str | None = None
    mood_before: int | None = None
    mood_after: int | None = None
    enjoyment: int | None = None
    importance: int | None = None
    source: str = "spoken"
    id: int | None = None


@dataclass(frozen=True)
class Intention:
    text: str
    day: date
    created_at: datetime
    status: str = "open"  # open | done | partial (a start made) | not_done | dropped
    id: int | None = None


@dataclass(frozen=True)
class Reminder:
    """A one-off reminder: the words as said ('take my tablets') and when to say them."""

    text: str
    due_at: datetime
    created_at: datetime
    status: str = "pending"  # pending | done | dropped
    id: int | None = None


@dataclass(frozen=True)
class Mood:
    score: int
    at: datetime
    word: str | None = None
    id: int | None = None


@dataclass(frozen=True)
class Reflection:
    at: datetime
    done: str | None = None
    mood_word: str | None = None
    id: int | None = None


@dataclass(frozen=True)
class Note:
    """A note to my future self, replayed on hard days."""

    text: str
    at: datetime
    id: int | None = None


@dataclass(frozen=True)
class BreathingSession:
    started_at: datetime
    planned_seconds: float
    pattern: str
    completed: bool
    played_seconds: float
    feeling_after: int | None = None
    id: int | None = None


@dataclass(frozen=True)
class CrisisEvent:
    """When a crisis or check-in reply was given; never the words that led to it."""

    at: datetime
    category: str
    id: int | None = None


@dataclass(frozen=True)
class Routine:
    """Task, cue, completion, celebration: 'water the plant at 09:00, then stretch'."""

    task: str
    cue_time: str | None = None  # "HH:MM"
    after_routine: int | None = None
    completion: str | None = None
    celebration: str | None = None
    kind: str | None = None  # physical | social | cognitive
    active: bool = True
    id: int | None = None


@dataclass(frozen=True)
class Summary:
    """What happened in a span of days, for spoken look-backs."""

    start: date
    end: date
    wins: list[Win] = field(default_factory=list)
    moods: list[Mood] = field(default_factory=list)
