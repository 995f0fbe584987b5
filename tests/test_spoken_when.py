"""A reminder's time as said: a delay, a clock time with or without a day, every day."""

from __future__ import annotations

from datetime import datetime

import pytest

from intents.spoken_when import parse_when, split_when

TUESDAY_MORNING = datetime(2026, 11, 24, 9, 30)


@pytest.mark.parametrize(("said", "due"), [
    ("in ten minutes", datetime(2026, 11, 24, 9, 40)),
    ("in an hour", datetime(2026, 11, 24, 10, 30)),
    ("in half an hour", datetime(2026, 11, 24, 10, 0)),
    ("in like 45 mins", datetime(2026, 11, 24, 10, 15)),
    ("in two hours", datetime(2026, 11, 24, 11, 30)),
    ("at six", datetime(2026, 11, 24, 18, 0)),
    ("at half four", datetime(2026, 11, 24, 16, 30)),
    ("at seven pm", datetime(2026, 11, 24, 19, 0)),
    ("at eight tonight", datetime(2026, 11, 24, 20, 0)),
    ("by 4pm", datetime(2026, 11, 24, 16, 0)),
    ("at noon", datetime(2026, 11, 24, 12, 0)),
    ("at 11", datetime(2026, 11, 24, 11, 0)),
    ("tomorrow at nine", datetime(2026, 11, 25, 9, 0)),
    ("at nine tomorrow", datetime(2026, 11, 25, 9, 0)),
    ("tomorrow evening at seven", datetime(2026, 11, 25, 19, 0)),
    ("thursday at ten", datetime(2026, 11, 26, 10, 0)),
])
def test_a_time_as_said_is_the_moment_meant(said: str, due: datetime) -> None:
    when = parse_when(said)
    assert when is not None and when.due_at(TUESDAY_MORNING) == due


@pytest.mark.parametrize(("now", "due"), [
    (datetime(2026, 11, 24, 5, 0), datetime(2026, 11, 24, 18, 0)),  # evening preferred
    (datetime(2026, 11, 24, 12, 0), datetime(2026, 11, 24, 18, 0)),
    (datetime(2026, 11, 24, 18, 30), datetime(2026, 11, 25, 6, 0)),  # the next one ahead
])
def test_six_with_no_day_is_the_next_six_ahead_evening_first(now: datetime,
                                                              due: datetime) -> None:
    when = parse_when("at six")
    assert when is not None and when.due_at(now) == due


def test_a_past_morning_hour_means_this_evening_then_tomorrow() -> None:
    when = parse_when("at nine")
    assert when is not None
    assert when.due_at(datetime(2026, 11, 24, 10, 0)) == datetime(2026, 11, 24, 21, 0)
    assert when.due_at(datetime(2026, 11, 24, 22, 0)) == datetime(2026, 11, 25, 9, 0)


def test_a_stated_half_of_the_day_is_kept_even_when_passed() -> None:
    when = parse_when("at seven pm")
    assert when is not None
    assert when.due_at(datetime(2026, 11, 24, 20, 0)) == datetime(2026, 11, 25, 19, 0)


@pytest.mark.parametrize(("said", "clock"), [
    ("every day at eight", "08:00"), ("every morning", "09:00"), ("daily at 7 pm", "19:00"),
])
def test_every_day_is_daily_with_its_time(said: str, clock: str) -> None:
    when = parse_when(said)
    assert when is not None and when.daily and when.clock == clock


@pytest.mark.parametrize(("said", "clock", "offset"), [
    ("tomorrow", "09:00", 1), ("tomorrow morning", "09:00", 1), ("tomorrow night", "20:00", 1),
    ("before bed", "21:00", None), ("after tea", "19:30", None), ("at lunchtime", "12:30", None),
])
def test_a_day_or_a_part_of_it_is_a_time_said_back(said: str, clock: str,
                                                   offset: int | None) -> None:
    """A day alone is its morning; a part of the day, that part's hour; the reply says which."""
    when = parse_when(said)
    assert when is not None and when.clock == clock
    assert (when.day.offset if when.day else None) == offset


@pytest.mark.parametrize("said", ["the chemist", "in a jar", "soon-ish", "after the kids"])
def test_words_that_are_not_a_time(said: str) -> None:
    assert parse_when(said) is None


def test_the_time_is_found_before_or_after_the_words() -> None:
    what, when = split_when("ring the chemist in an hour", when_first=False)
    assert what == "ring the chemist" and when is not None and when.minutes == 60
    what, when = split_when("half four, pick up Jack from school", when_first=True)
    assert what == "pick up Jack from school" and when is not None and when.clock == "16:30"
    assert split_when("take my tablets", when_first=False) == ("take my tablets", None)
    assert split_when("sit at the table", when_first=False) == ("sit at the table", None)


@pytest.mark.parametrize(("said", "now", "due"), [
    ("at 2", datetime(2026, 11, 24, 19, 30), datetime(2026, 11, 25, 14, 0)),
    ("at half three", datetime(2026, 11, 24, 16, 0), datetime(2026, 11, 25, 15, 30)),
    ("at 11", datetime(2026, 11, 24, 23, 30), datetime(2026, 11, 25, 11, 0)),
])
def test_a_time_that_could_be_either_half_is_not_put_in_the_night(said: str, now: datetime,
                                                                   due: datetime) -> None:
    when = parse_when(said)
    assert when is not None and when.due_at(now) == due
