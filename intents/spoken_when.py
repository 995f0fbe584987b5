"""When a reminder is for, as people say it ('in ten minutes', 'at half four', 'tomorrow at
nine', 'every morning'), and the moment that means from now."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from typing import Any

from intents.data import lexicon
from intents.normalize import normalize
from intents.spoken_day import SpokenDay, take_day
from intents.spoken_time import parse_spoken_time, spoken_number

_FIXED = ("noon", "midday", "midnight")


@dataclass(frozen=True)
class SpokenWhen:
    """A delay in minutes, or a clock time ('HH:MM') with an optional day; `other_half` is the
    same clock twelve hours on when 'six' could be morning or evening; `daily` for every day
    (then `clock` may be None when no time was said)."""

    said: str
    minutes: int | None = None
    clock: str | None = None
    other_half: str | None = None
    day: SpokenDay | None = None
    daily: bool = False
    language: str = "en"

    def due_at(self, now: datetime) -> datetime:
        """The moment meant: a delay from now; a clock time on its day; a clock time with no
        day is the next one ahead that is not in the night ('at six' said at noon is 18:00,
        said at 18:30 it is 06:00 tomorrow; 'at two' said at 19:30 is 14:00 tomorrow)."""
        now = now.replace(microsecond=0)
        if self.minutes is not None:
            return now + timedelta(minutes=self.minutes)
        assert self.clock is not None
        if self.day is not None:
            day = max(self.day.date(now.date(), ahead=True), now.date())
            due = _on(day, self.clock)
            return due if due > now else due + timedelta(days=1)
        halves = [c for c in (self.clock, self.other_half) if c]  # the likelier first
        tomorrow = now.date() + timedelta(days=1)
        ahead = [due for due in (_on(now.date(), c) for c in halves) if due > now]
        ahead += sorted(_on(tomorrow, c) for c in halves)
        if self.other_half is None:
            return ahead[0]
        start, end = _data(self.language)["night"]
        awake = [d for d in ahead if end <= f"{d:%H:%M}" < start]
        return (awake or ahead)[0]


def _on(day: object, clock: str) -> datetime:
    return datetime.fromisoformat(f"{day}T{clock}")


@cache
def _data(language: str) -> dict[str, Any]:
    return lexicon(language)["reminder_when"]


def _strip(text: str, words: list[str], at_start: bool) -> str:
    for word in sorted(words, key=len, reverse=True):
        if at_start and text.startswith(word + " "):
            return text[len(word) + 1:]
        if not at_start and text.endswith(" " + word):
            return text[: -len(word) - 1]
    return text


def _delay(text: str, data: dict[str, Any]) -> int | None:
    if text in data["delay_phrases"]:
        return int(data["delay_phrases"][text])
    found = re.fullmatch(data["delay"], text)
    if found is None:
        return None
    amount = found.group("amount")
    count = data["amounts"].get(amount) or spoken_number(amount.replace("-", " ").split())
    if not count:
        return None
    return count * 60 if found.group("unit").startswith("h") else count


def _clock(text: str, data: dict[str, Any], later: bool) -> tuple[str, str | None] | None:
    """The clock time and, when the words leave morning or evening open, its other half."""
    text = _strip(text, data["leads"], at_start=True)
    clock = parse_spoken_time(f"{text} pm" if later else text)
    if clock is None or later or any(w in text for w in _FIXED):
        return (clock, None) if clock else None
    morning, evening = parse_spoken_time(f"{text} am"), parse_spoken_time(f"{text} pm")
    halves = {morning, evening} - {None, clock}
    return clock, halves.pop() if morning and evening and halves else None


def parse_when(said: str, language: str = "en") -> SpokenWhen | None:
    """What `said` means as a reminder's time, or None when it is not a time."""
    data = _data(language)
    text = normalize(said, language).strip(" ,.!?")
    for _ in range(2):
        text = _strip(text, data["trailers"], at_start=False)
    daily = next((d for d in sorted(data["daily"], key=len, reverse=True)
                  if re.search(rf"(^|\s){d}(\s|$)", text)), None)
    if daily is not None:
        text = re.sub(rf"(^|\s){daily}(\s|$)", " ", text).strip()
        text = _strip(text, data["leads"], at_start=False)
        if not text:
            return SpokenWhen(said, clock=data["daily_times"].get(daily), daily=True)
        found = _clock(text, data, later=False)
        return SpokenWhen(said, clock=found[0], daily=True) if found else None
    minutes = _delay(text, data)
    if minutes is not None:
        return SpokenWhen(said, minutes=minutes)
    found = _clock(text, data, later=False)
    if found is not None:
        return SpokenWhen(said, clock=found[0], other_half=found[1], language=language)
    part = data["part_times"].get(_strip(text, data["leads"], at_start=True))
    if part is not None:  # "before bed", "at lunchtime": today, at that part's time
        return SpokenWhen(said, clock=part)
    day, rest = take_day(text, language)
    if day is None:
        return None
    if not rest:  # "tomorrow morning", "on friday": the part's time, else the morning's
        named = next((t for p, t in data["part_times"].items() if day.said.endswith(p)), None)
        return SpokenWhen(said, clock=named or data["day_time"], day=day)
    later = any(day.said.endswith(part) for part in data["later_parts"])
    found = _clock(rest, data, later)
    return SpokenWhen(said, clock=found[0], day=day) if found else None


def split_when(text: str, when_first: bool, language: str = "en") -> tuple[str, SpokenWhen | None]:
    """A reminder's words and its time, when the time leads them ('half four, pick up Jack')
    or ends them ('ring the chemist in an hour'); the words alone when no time is there."""
    words = text.split()
    markers = _data(language)["tail_markers"]
    cuts = range(len(words) - 1, 0, -1) if when_first else range(1, len(words))
    for cut in cuts:
        when_words, rest = (words[:cut], words[cut:]) if when_first else (words[cut:], words[:cut])
        if not when_first and when_words[0].lower() not in markers:
            continue
        when = parse_when(" ".join(when_words), language)
        if when is not None:
            return " ".join(rest).strip(" ,."), when
    return text, None
