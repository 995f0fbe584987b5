"""The `schedule` library driven by an injected clock: its own Scheduler, nothing patched."""

from __future__ import annotations

import contextlib
from datetime import datetime, timedelta

import pytest
import schedule

from voice.day_schedule import ClockedScheduler

START = datetime(2026, 11, 24, 7, 59, 30)  # a Tuesday


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


def test_daily_and_weekly_jobs_run_by_the_injected_time() -> None:
    clock, ran = Clock(), []
    scheduler = ClockedScheduler(clock)
    scheduler.every().day.at("08:00").do(lambda: ran.append(("daily", clock.now)))
    scheduler.every().thursday.at("18:00").do(lambda: ran.append(("weekly", clock.now)))
    while clock.now < START + timedelta(days=8):
        scheduler.run_pending()
        clock.now += timedelta(seconds=30)
    daily = [at for name, at in ran if name == "daily"]
    assert [at.date() for at in daily] == [START.date() + timedelta(days=i) for i in range(8)]
    assert all(at.time().isoformat() == "08:00:00" for at in daily)
    assert [at for name, at in ran if name == "weekly"] == [datetime(2026, 11, 26, 18, 0)]
    assert schedule.get_jobs() == []  # the module's shared scheduler was never touched


def test_a_one_shot_job_cancels_itself() -> None:
    clock, ran = Clock(), []
    scheduler = ClockedScheduler(clock)
    scheduler.every(600).seconds.do(lambda: ran.append(clock.now) or schedule.CancelJob)
    for _ in range(60):
        clock.now += timedelta(minutes=1)
        scheduler.run_pending()
    assert ran == [START + timedelta(minutes=10)] and scheduler.get_jobs() == []


def test_idle_seconds_follow_the_injected_clock() -> None:
    clock = Clock()
    scheduler = ClockedScheduler(clock)
    scheduler.every().day.at("08:00").do(lambda: None)
    assert scheduler.idle_seconds == 30
    clock.now += timedelta(seconds=20)
    assert scheduler.idle_seconds == 10


def test_what_the_injected_clock_cannot_drive_is_refused() -> None:
    scheduler = ClockedScheduler(Clock())
    with pytest.raises(schedule.ScheduleValueError):
        scheduler.every(5).to(10).minutes.do(lambda: None)


def test_a_failing_job_waits_for_its_next_time_instead_of_every_tick() -> None:
    clock, calls = Clock(), []

    def fails() -> None:
        calls.append(clock.now)
        raise OSError("disk full")

    scheduler = ClockedScheduler(clock)
    scheduler.every().day.at("08:00").do(fails)
    while clock.now < START + timedelta(hours=2):
        clock.now += timedelta(minutes=1)
        with contextlib.suppress(OSError):
            scheduler.run_pending()
    assert calls == [datetime(2026, 11, 24, 8, 0, 30)]
    assert scheduler.next_run == datetime(2026, 11, 25, 8, 0)
