"""Times of day as people say them ('nine thirty', 'half past 7 in the evening') and back."""

from __future__ import annotations

import re

_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
          "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen"]
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50}
_MORNING = ("am", "a.m.", "a m", "in the morning")
_LATER = ("pm", "p.m.", "p m", "in the afternoon", "in the evening", "at night", "tonight")
_PREFIXES = ("every day at", "each day at", "daily at", "at", "around", "about")
# Hours said without 'am' or 'pm': 7 to 11 are mornings, 1 to 6 afternoons and evenings.
_FIRST_MORNING_HOUR = 7


def spoken_number(words: list[str]) -> int | None:
    """'9', 'nine', 'forty five', 'oh five' -> the number, or None."""
    if len(words) == 1 and words[0].isdigit():
        return int(words[0])
    if words[:1] == ["oh"] and len(words) == 2:
        words = words[1:]
    total = 0
    for i, word in enumerate(words):
        if word in _TENS and i == 0:
            total += _TENS[word]
        elif word in _UNITS and (i == 0 or total >= 20 and _UNITS.index(word) < 10):
            total += _UNITS.index(word)
        else:
            return None
    return total if words else None


def _split_part_of_day(text: str) -> tuple[str, str | None]:
    for suffix, part in [*((s, "am") for s in _MORNING), *((s, "pm") for s in _LATER)]:
        if text.endswith(" " + suffix) or text.endswith(suffix) and text[:-len(suffix)].isdigit():
            return text[: -len(suffix)].strip(), part
    return text, None


def _hour_and_minute(text: str) -> tuple[int, int] | None:
    if text in ("noon", "midday"):
        return 12, 0
    if text == "midnight":
        return 0, 0
    words = text.replace(":", " ").replace(".", " ").split()
    # "half four" is half past four, as said in Britain and Ireland.
    relative = {"half past": 30, "quarter past": 15, "quarter to": -15, "half": 30}
    for phrase, offset in relative.items():
        if text.startswith(phrase + " "):
            hour = spoken_number(text[len(phrase) + 1:].split())
            if hour is None:
                return None
            return (hour - 1, 45) if offset < 0 else (hour, offset)
    if words[-2:] == ["o", "clock"] or words[-1:] == ["oclock"]:
        words = words[: -2 if words[-1] == "clock" else -1]
    for cut in range(1, len(words) + 1):
        hour = spoken_number(words[:cut])
        minute = spoken_number(words[cut:]) if cut < len(words) else 0
        if hour is not None and minute is not None and hour <= 23 and minute <= 59:
            return hour, minute
    return None


def parse_spoken_time(said: str) -> str | None:
    """'9', 'nine thirty', '7 pm', 'half past six in the evening', 'half four', '21:00'
    -> 'HH:MM'."""
    text = " ".join(said.lower().replace("o'clock", "oclock").split()).strip(" .,")
    for prefix in _PREFIXES:
        if text.startswith(prefix + " "):
            text = text[len(prefix) + 1:]
    text, part = _split_part_of_day(text)
    found = _hour_and_minute(text) if text else None
    if found is None:
        return None
    hour, minute = found
    twenty_four = re.fullmatch(r"\d{2}:\d{2}", text) is not None or hour > 12 or hour == 0
    if part == "pm" and hour < 12:
        hour += 12
    elif part == "am" and hour == 12:
        hour = 0
    elif part is None and not twenty_four and hour < _FIRST_MORNING_HOUR:
        hour += 12
    if part is not None and (hour > 23 or twenty_four and found[0] > 12):
        return None
    return f"{hour:02d}:{minute:02d}"


def spoken_clock(hhmm: str) -> str:
    """'09:00' -> '9 in the morning', '13:30' -> '1:30 in the afternoon', '12:00' -> 'noon'."""
    hour, minute = (int(part) for part in hhmm.split(":"))
    if (hour, minute) == (12, 0):
        return "noon"
    if (hour, minute) == (0, 0):
        return "midnight"
    part = "in the morning" if hour < 12 else "in the afternoon" if hour < 17 else \
        "in the evening" if hour < 22 else "at night"
    shown = hour % 12 or 12
    return f"{shown}:{minute:02d} {part}" if minute else f"{shown} {part}"
