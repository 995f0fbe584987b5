"""Plan a paced-breathing session: what is said, and at which second each breath cue falls."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Any

import yaml

MIN_PHASE_SECONDS = 2
MAX_PHASE_SECONDS = 10
MIN_MINUTES = 1
MAX_MINUTES = 5
DEFAULT_MINUTES = 2

_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]


class PlanError(ValueError):
    """A pattern or length the guide cannot use; the message says what would work."""


@dataclass(frozen=True)
class Pattern:
    """Seconds breathing in, then seconds breathing out; never a hold."""

    inhale_seconds: int
    exhale_seconds: int

    def __post_init__(self) -> None:
        for name, value in (("in", self.inhale_seconds), ("out", self.exhale_seconds)):
            if not MIN_PHASE_SECONDS <= value <= MAX_PHASE_SECONDS:
                raise PlanError(
                    f"Breathing {name} for {value} seconds is outside what this guide uses: "
                    f"each part must be {MIN_PHASE_SECONDS} to {MAX_PHASE_SECONDS} seconds."
                )

    @property
    def cycle_seconds(self) -> int:
        return self.inhale_seconds + self.exhale_seconds

    def __str__(self) -> str:
        return f"{self.inhale_seconds}-{self.exhale_seconds}"


DEFAULT_PATTERN = Pattern(4, 6)
GENTLE_PATTERN = Pattern(3, 5)
NAMED_PATTERNS = {"default": DEFAULT_PATTERN, "gentle": GENTLE_PATTERN}


def parse_pattern(text: str) -> Pattern:
    """'4-6' (seconds in, seconds out), or a name: 'default' (4-6), 'gentle' (3-5)."""
    cleaned = text.strip().lower()
    if cleaned in NAMED_PATTERNS:
        return NAMED_PATTERNS[cleaned]
    parts = re.split(r"\s*[-:/]\s*", cleaned)
    if not all(part.isascii() and part.isdigit() for part in parts) or len(parts) < 2:
        raise PlanError(
            f"'{text}' is not a pattern. Give whole seconds in and out, such as 4-6, "
            "or 'gentle' for 3-5."
        )
    if len(parts) > 2:
        raise PlanError(
            f"'{text}' has a hold in it. This guide never asks you to hold your breath: "
            "give two numbers, seconds in and seconds out, such as 4-6."
        )
    return Pattern(int(parts[0]), int(parts[1]))


class Breath(StrEnum):
    IN = "in"
    OUT = "out"


@dataclass(frozen=True)
class Cue:
    """One breath cue: spoken when `text` is set, a soft tone when it is empty."""

    at_seconds: float  # from the start of the breathing
    kind: Breath
    text: str = ""


@dataclass(frozen=True)
class Script:
    """The words around the breaths, from breathing_script.yaml."""

    opening: tuple[str, ...]
    breathe_in: str
    breathe_out: str
    spoken_cycles: int
    closing: tuple[str, ...]
    feeling_question: str


@dataclass(frozen=True)
class BreathingPlan:
    """Opening lines in order, then timed breath cues, then closing lines from the end."""

    pattern: Pattern
    breathing_seconds: int
    opening: tuple[str, ...]
    cues: tuple[Cue, ...]
    closing: tuple[str, ...]  # the first one starts exactly at `breathing_seconds`


@cache
def load_script() -> Script:
    """The packaged script; a missing or malformed key is a packaging bug and says so."""
    raw = yaml.safe_load(resources.files("voice").joinpath("breathing_script.yaml").read_text())
    try:
        return Script(
            opening=_lines(raw, "opening"),
            breathe_in=_text(raw, "breathe_in"),
            breathe_out=_text(raw, "breathe_out"),
            spoken_cycles=int(raw["spoken_cycles"]),
            closing=_lines(raw, "closing"),
            feeling_question=_text(raw, "feeling_question"),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise ValueError(f"breathing_script.yaml is malformed: {error!r}") from error


def _text(raw: dict[str, Any], key: str) -> str:
    value = raw[key]
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{key} must be a non-empty string")
    return value


def _lines(raw: dict[str, Any], key: str) -> tuple[str, ...]:
    value = raw[key]
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{key} must be a list of strings")
    return tuple(value)


def _check_minutes(minutes: int) -> int:
    if isinstance(minutes, bool) or not isinstance(minutes, int):
        raise PlanError(f"The length must be a whole number of minutes, not {minutes!r}.")
    if not MIN_MINUTES <= minutes <= MAX_MINUTES:
        raise PlanError(
            f"{minutes} minutes is outside what this guide offers: choose "
            f"{MIN_MINUTES} to {MAX_MINUTES} minutes."
        )
    return minutes


def plan_session(
    minutes: int = DEFAULT_MINUTES,
    pattern: Pattern = DEFAULT_PATTERN,
    *,
    ask_feeling: bool = True,
    script: Script | None = None,
) -> BreathingPlan:
    """The whole session: only full breaths are cued; any remainder is quiet rest."""
    _check_minutes(minutes)
    script = script or load_script()
    breathing_seconds = minutes * 60
    fields = {
        "duration": f"{_WORDS[minutes]} minute{'s' if minutes > 1 else ''}",
        "inhale": _WORDS[pattern.inhale_seconds],
        "exhale": _WORDS[pattern.exhale_seconds],
    }
    cues: list[Cue] = []
    for cycle in range(breathing_seconds // pattern.cycle_seconds):
        start = cycle * pattern.cycle_seconds
        spoken = cycle < script.spoken_cycles
        cues.append(Cue(start, Breath.IN, script.breathe_in if spoken else ""))
        cues.append(
            Cue(start + pattern.inhale_seconds, Breath.OUT, script.breathe_out if spoken else "")
        )
    closing = script.closing + ((script.feeling_question,) if ask_feeling else ())
    return BreathingPlan(
        pattern=pattern,
        breathing_seconds=breathing_seconds,
        opening=tuple(line.format(**fields) for line in script.opening),
        cues=tuple(cues),
        closing=closing,
    )
