"""Days as people say them at the start or end of a turn ("yesterday", "on Monday", "last
night", "tomorrow morning"): taken out of the words and kept as the day they name."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from intents.data import lexicon

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True)
class SpokenDay:
    """A day counted from today (`offset`), or a weekday looked for back or ahead."""

    said: str
    offset: int | None = None
    weekday: int | None = None
    direction: str = ""  # "last", "next", "this" or "" (the nearest one, past for wins)

    @property
    def spoken(self) -> str:
        """The day as said back, its weekday capitalised: "on monday" -> "on Monday"."""
        words = self.said.split()
        return " ".join(w.capitalize() if w in WEEKDAYS else w for w in words)

    def date(self, today: date, ahead: bool) -> date:
        """The day meant: for a win the nearest such day before today, for a plan the next."""
        if self.offset is not None:
            return today + timedelta(days=self.offset)
        assert self.weekday is not None
        if self.direction == "this" and self.weekday == today.weekday():
            return today
        forward = self.direction == "next" or (ahead and self.direction != "last")
        if forward:
            return today + timedelta(days=(self.weekday - today.weekday()) % 7 or 7)
        return today - timedelta(days=(today.weekday() - self.weekday) % 7 or 7)


@cache
def _patterns(language: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str],
                                       dict[str, int]]:
    data = lexicon(language)["day_words"]
    offsets: dict[str, int] = data["offsets"]
    parts = "|".join(re.escape(p) for p in data["parts"])
    named = "|".join(sorted(map(re.escape, offsets), key=len, reverse=True))
    weekday = rf"(?:(?:on|last|next|this) )?(?:{'|'.join(WEEKDAYS)})"
    phrase = rf"(?:{named}|{weekday})(?: (?:{parts}))?"
    before = "|".join(sorted(map(re.escape, data["before"]), key=len, reverse=True))
    lead = re.compile(rf"^(?:(?:{before})[\s,]+)*({phrase})\b[\s,]*", re.IGNORECASE)
    not_when = "".join(rf"(?<!\b{w})" for w in ("for", "until", "till", "by", "before", "after",
                                                 "since", "from", "about", "to", "every",
                                                 "each", "a"))  # "on a friday": any Friday
    tail = re.compile(rf"{not_when}[\s,]+({phrase})[\s.!?]*$", re.IGNORECASE)
    inside = re.compile(rf"{not_when}[\s,]+({phrase})\b", re.IGNORECASE)
    return lead, tail, inside, offsets


def take_day(text: str, language: str = "en", tail: bool = True) -> tuple[SpokenDay | None, str]:
    """The day named at the start or (with `tail`) the end of `text`, and the text without it."""
    lead, at_end, _, offsets = _patterns(language)
    for pattern in (lead, at_end) if tail else (lead,):
        found = pattern.search(text)
        if found:
            rest = (text[:found.start()] + " " + text[found.end():]).strip(" ,")
            return _read(found.group(1).lower(), offsets), rest
    return None, text


def day_within(text: str, language: str = "en") -> tuple[SpokenDay | None, str]:
    """A day said after a deed and before a comment on it ('rang the council yesterday they
    were useless'): the day, and the words before it."""
    _, _, inside, offsets = _patterns(language)
    found = inside.search(text)
    if found is None or not text[:found.start()].strip():
        return None, text
    return _read(found.group(1).lower(), offsets), text[:found.start()].strip(" ,")


def _read(said: str, offsets: dict[str, int]) -> SpokenDay:
    words = said.split()
    for size in range(len(words), 0, -1):
        head = " ".join(words[:size])
        if head in offsets:
            return SpokenDay(said, offset=offsets[head])
    direction = words[0] if words[0] in ("last", "next", "this") else ""
    day = next(w for w in words if w in WEEKDAYS)
    return SpokenDay(said, weekday=WEEKDAYS.index(day), direction=direction)
