"""Numbers written as digits ("3", "7:30", "2nd", "50%") said back in words ("three",
"seven thirty", "second", "fifty percent"), the way people say them and templates list them."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any

import yaml

# 7:30, 7.30 (minutes under 60 only), 1,000, 3.5, 2nd, 50%
_NUMBER = re.compile(
    r"(?P<hour>\d{1,2})[:.](?P<minute>[0-5]\d)(?!\d)"
    r"|(?P<whole>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<fraction>\d+))?"
    r"(?P<ordinal>st|nd|rd|th)?(?P<percent>%)?"
)


_RUN_TOGETHER = re.compile(r"\b(?P<hour>[01]?\d|2[0-3])(?P<minute>[0-5]\d)\b(?!%)")
_PART_OF_DAY = re.compile(r"^\s*(?:[ap]\.?\s?m\b)", re.IGNORECASE)


@cache
def _words() -> dict[str, Any]:
    text = resources.files("voice").joinpath("number_words.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def cardinal(number: int) -> str:
    """0-999,999 in words ("forty two"); larger numbers digit by digit."""
    words = _words()
    if number < 20:
        return words["units"][number]
    if number < 100:
        tens, unit = divmod(number, 10)
        return words["tens"][tens] + (f" {words['units'][unit]}" if unit else "")
    if number < 1000:
        hundreds, rest = divmod(number, 100)
        return f"{words['units'][hundreds]} {words['hundred']}" + (
            f" {cardinal(rest)}" if rest else "")
    if number < 1_000_000:
        thousands, rest = divmod(number, 1000)
        return f"{cardinal(thousands)} {words['thousand']}" + (f" {cardinal(rest)}" if rest else "")
    return digits(str(number))


def ordinal(number: int) -> str:
    """'1' -> 'first', '23' -> 'twenty third'."""
    words = _words()
    if number < 20:
        return words["ordinal_units"][number]
    if number < 100:
        tens, unit = divmod(number, 10)
        if not unit:
            return words["ordinal_tens"][tens]
        return f"{words['tens'][tens]} {words['ordinal_units'][unit]}"
    return cardinal(number) + "th"


def digits(text: str) -> str:
    """Each digit said on its own: '05' -> 'zero five'."""
    return " ".join(_words()["units"][int(d)] for d in text)


def clock(hour: int, minute: int) -> str:
    """'7:30' -> 'seven thirty', '7:05' -> 'seven oh five', '7:00' -> 'seven'."""
    if minute == 0:
        return cardinal(hour)
    if minute < 10:
        return f"{cardinal(hour)} oh {cardinal(minute)}"
    return f"{cardinal(hour)} {cardinal(minute)}"


def _spoken(match: re.Match[str]) -> str:
    if match["hour"] is not None:
        return clock(int(match["hour"]), int(match["minute"]))
    whole = int(match["whole"].replace(",", ""))
    if match["ordinal"]:
        said = ordinal(whole)
    else:
        said = cardinal(whole)
        if match["fraction"]:
            said += f" {_words()['point']} {digits(match['fraction'])}"
    if match["percent"]:
        said += f" {_words()['percent']}"
    return f" {said} "


def _run_together_times(text: str) -> str:
    """'at 730' and '730 pm' as 'at 7:30' and '7:30 pm'."""
    cues = set(_words()["before_a_time"])

    def time_of_day(match: re.Match[str]) -> str:
        before = text[: match.start()].split()
        cued = bool(before) and before[-1].lower() in cues and match["minute"] != "00"
        if cued or _PART_OF_DAY.match(text[match.end():]):
            return f"{match['hour']}:{match['minute']}"
        return match[0]

    return _RUN_TOGETHER.sub(time_of_day, text)


def numbers_in_words(text: str) -> str:
    """Every number written in digits said in words; other text as it was."""
    return " ".join(_NUMBER.sub(_spoken, _run_together_times(text)).split())
