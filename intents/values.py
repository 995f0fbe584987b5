"""The values passed between understanding stages."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from intents.safety import Screen


@dataclass(frozen=True)
class Intent:
    name: str
    slots: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Action:
    """Something the voice layer does beyond speaking: start breathing, export, erase, stop."""

    name: str
    args: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Reply:
    text: str
    actions: tuple[Action, ...] = ()
    expects_answer: bool = False  # listen again without the wake phrase


@dataclass(frozen=True)
class Turn:
    """One utterance, start to end: what was heard, screened, understood and answered."""

    text: str
    screen: Screen
    intent: Intent | None
    reply: Reply
    refused: str | None = None  # "empty" or "too_long": the utterance could not be taken in
