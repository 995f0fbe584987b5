"""A simulated week on the day's schedule, driven by an injected clock: nothing sleeps."""

from __future__ import annotations

import random
import time as wall
from dataclasses import replace
from datetime import datetime, time, timedelta

import pytest

from intents.skill import Skill, SkillOptions
from intents.values import Reply
from models.store import Store
from voice.config import Settings
from voice.day_schedule import DaySchedule

MONDAY = datetime(2026, 11, 23, 6, 0)
SUNDAY = MONDAY.date() + timedelta(days=6)


class SimClock:
    """The time, moved by the test."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


def kind(reply: Reply) -> str:
    """Which job a reply came from, by its words."""
    text = reply.text
    for word, name in (("Earlier you planned", "checkin"), ("look back on today", "evening"),
                       ("week", "weekly"), ("small wins for today", "morning"),
                       ("one small thing is plenty", "morning")):
        if word in text:
            return name
    raise AssertionError(f"unknown job text: {text}")


class Week:
    """A day schedule, a skill and a clock over one store; the person answers some jobs."""

    def __init__(self, store: Store, settings: Settings | None = None) -> None:
        self.store = store
        self.settings = settings or Settings()
        self.clock = SimClock(MONDAY)
        self.skill = Skill(store, SkillOptions(crisis_cooldown_minutes=120),
                           rng=random.Random(3))
        self.day = self.start()
        self.heard: list[tuple[datetime, str]] = []

    def start(self) -> DaySchedule:
        """A fresh schedule over the same store, as after a restart."""
        return DaySchedule(self.store, self.settings, self.skill, self.clock)

    def say(self, text: str) -> Reply:
        reply = self.skill.handle(text, self.clock.now).reply
        self.day.apply(reply.actions)
        return reply

    def run_until(self, end: datetime, answer: bool = True) -> None:
        """Tick once a minute; answer each morning with an intention."""
        while self.clock.now < end:
            for reply in self.day.run_pending():
                self.heard.append((self.clock.now, kind(reply)))
                if answer and kind(reply) == "morning":
                    self.say("I will stand by the window for five minutes")
            self.clock.now += timedelta(minutes=1)

    def heard_on(self, day: int) -> list[tuple[str, str]]:
        date = (MONDAY + timedelta(days=day)).date()
        return [(f"{at:%H:%M}", job) for at, job in self.heard if at.date() == date]


DAILY = [("08:30", "morning"), ("13:00", "checkin"), ("20:00", "evening")]


def test_each_job_once_a_day_at_its_time_for_a_week_without_sleeping(store: Store) -> None:
    week = Week(store)
    started = wall.perf_counter()
    week.run_until(MONDAY + timedelta(days=7))
    assert wall.perf_counter() - started < 5  # a week of minutes, no waiting
    for day in range(7):
        expected = list(DAILY)
        if day == 6:
            expected.insert(2, ("18:00", "weekly"))
        assert week.heard_on(day) == expected, day
    quiet = [at for at, _ in week.heard if at.time() >= time(22) or at.time() < time(8)]
    assert quiet == []


def test_a_job_set_inside_quiet_hours_is_never_said_nor_piled_up(store: Store) -> None:
    settings = Settings()
    settings = replace(settings, jobs={**settings.jobs,
                                       "morning": replace(settings.jobs["morning"], at="07:15")})
    week = Week(store, settings)
    week.run_until(MONDAY + timedelta(days=2), answer=False)
    assert [job for _, job in week.heard] == ["evening", "evening"]


def test_snooze_moves_one_job_and_leaves_the_others(store: Store) -> None:
    week = Week(store)
    week.run_until(MONDAY.replace(hour=13, minute=1))
    assert week.heard_on(0)[-1] == ("13:00", "checkin")
    assert "10 minutes" in week.say("in ten minutes").text
    week.run_until(MONDAY.replace(hour=23))
    assert week.heard_on(0) == [("08:30", "morning"), ("13:00", "checkin"),
                                ("13:11", "checkin"), ("20:00", "evening")]  # said at 13:01


def test_later_uses_the_snooze_setting_and_survives_a_restart(store: Store) -> None:
    week = Week(store, replace(Settings(), snooze_minutes=45))
    week.run_until(MONDAY.replace(hour=13, minute=1))
    week.say("later")
    week.run_until(MONDAY.replace(hour=13, minute=20))
    week.day = week.start()  # the device restarts while the snooze waits
    week.run_until(MONDAY.replace(hour=14))
    assert week.heard_on(0)[-2:] == [("13:00", "checkin"), ("13:46", "checkin")]


def test_a_snooze_into_quiet_hours_is_dropped(store: Store) -> None:
    week = Week(store)
    week.run_until(MONDAY.replace(hour=20, minute=1))
    week.say("in 120 minutes")
    week.run_until(MONDAY + timedelta(days=1, hours=4))
    assert week.heard_on(0)[-1] == ("20:00", "evening")
    assert ("08:00", "evening") not in week.heard_on(1)


def test_a_restart_mid_day_repeats_nothing(store: Store) -> None:
    week = Week(store)
    week.run_until(MONDAY.replace(hour=14))
    week.day = week.start()
    week.run_until(MONDAY.replace(hour=15))
    week.day = week.start()
    week.run_until(MONDAY.replace(hour=23))
    assert week.heard_on(0) == DAILY


def test_a_job_missed_while_off_runs_once_late_while_still_useful(store: Store) -> None:
    week = Week(store)
    week.run_until(MONDAY.replace(hour=7))
    week.clock.now = MONDAY.replace(hour=10, minute=15)  # switched off from 7:00 to 10:15
    week.day = week.start()
    week.run_until(MONDAY.replace(hour=10, minute=30))
    week.day = week.start()  # and restarted again: the late morning is not said twice
    week.run_until(MONDAY.replace(hour=11))
    assert week.heard_on(0) == [("10:15", "morning")]


def test_a_job_missed_until_it_is_stale_is_left_unsaid(store: Store) -> None:
    week = Week(store)
    week.clock.now = MONDAY.replace(hour=12, minute=30)  # off all morning
    week.day = week.start()
    week.run_until(MONDAY.replace(hour=23))
    assert [job for _, job in week.heard] == ["evening"]  # no intention, so no check-in


def test_a_crisis_holds_cheerful_jobs_back_for_the_cool_down(store: Store) -> None:
    week = Week(store)
    week.run_until(MONDAY.replace(hour=12))
    week.say("I want to end my life")
    week.run_until(MONDAY.replace(hour=23))
    assert week.heard_on(0) == [("08:30", "morning"), ("14:00", "checkin"), ("20:00", "evening")]


def test_a_crisis_near_the_end_of_a_job_window_drops_it(store: Store) -> None:
    week = Week(store)
    week.run_until(MONDAY.replace(hour=8))
    week.say("I want to end my life")
    week.run_until(MONDAY.replace(hour=13, minute=30))
    assert week.heard_on(0) == [("10:00", "morning"), ("13:00", "checkin")]


def test_weekly_look_back_runs_on_its_set_day(store: Store) -> None:
    settings = Settings()
    weekly = replace(settings.jobs["weekly"], day="wednesday", at="17:30")
    week = Week(store, replace(settings, jobs={**settings.jobs, "weekly": weekly}))
    week.run_until(MONDAY + timedelta(days=7))
    assert [(at.strftime("%a %H:%M")) for at, job in week.heard if job == "weekly"] == \
        ["Wed 17:30"]


def test_the_schedule_says_when_it_next_has_something(store: Store) -> None:
    week = Week(store)
    assert week.day.next_run == MONDAY.replace(hour=8, minute=30)
    assert week.day.scheduler.idle_seconds == pytest.approx(2.5 * 3600)
