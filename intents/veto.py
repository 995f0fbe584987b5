"""Risk vetoes what is kept and what is said back: words the screen finds risky, denied or
about past ideation are never stored, and stored words that screen so are never read aloud."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from intents.safety import Safety, SafetyScreen, Screen
from models.records import Routine
from models.store import Store

T = TypeVar("T")


def carries_risk(screen: Screen) -> bool:
    """Risk of any kind the screen heard, a denied or a past one included."""
    return screen.level is not Safety.NONE or screen.denial or screen.past_ideation


def safe_words(text: str, language: str = "en") -> bool:
    """True when the words carry no risk, not even a denied or a past one."""
    return not carries_risk(SafetyScreen.rules_only(language).screen(text))


def only_safe(items: Iterable[T], text: Callable[[T], str], language: str = "en") -> list[T]:
    """The items whose words may be read back (a win, a note, an intention), in order."""
    return [item for item in items if safe_words(text(item), language)]


def first_safe(items: Iterable[T], text: Callable[[T], str], language: str = "en") -> T | None:
    """The first item whose words may be read back, screening no more than it needs."""
    return next((item for item in items if safe_words(text(item), language)), None)


def routine_words(routine: Routine) -> str:
    """Everything a routine says aloud: its task, how it is done, its celebration."""
    return " ".join(w for w in (routine.task, routine.completion, routine.celebration) if w)


def safe_routines(store: Store, language: str = "en") -> list[Routine]:
    """The routines that may be spoken: any whose words carry risk stay silent."""
    return only_safe(store.routines(), routine_words, language)
