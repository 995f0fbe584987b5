"""Reminders by voice: kept, confirmed in the listener's words, listed, cancelled, undone;
asked for a time when none was said; every day a routine; said once when due by the day's
schedule, never in quiet hours, and dropped quietly when long missed while off."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from intents.skill import Skill
from models.records import Reminder
from models.store import Store
from voice.config import Settings
from voice.day_schedule import DaySchedule

TUESDAY = datetime(2026, 11, 24, 9, 30)
DUE_WORDS = "You asked me to remind you"


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def say(skill: Skill, text: str, at: datetime = TUESDAY) -> str:
    return skill.handle(text, at).reply.text


def reminders_said(day: DaySchedule) -> list[str]:
    return [r.text for r in day.run_pending() if DUE_WORDS in r.text]


def test_a_reminder_is_kept_and_confirmed_in_the_listeners_words(store: Store,
                                                                  skill: Skill) -> None:
    reply = say(skill, "remind me at six to take my tablets")
    assert reply.endswith("remind you at 6 in the evening to take your tablets.")
    [kept] = store.pending_reminders()
    assert (kept.text, kept.due_at, kept.created_at) == (
        "take my tablets", datetime(2026, 11, 24, 18, 0), TUESDAY)


def test_a_delay_and_a_day_are_said_back_as_said(store: Store, skill: Skill) -> None:
    assert "in 30 minutes to get the washing out" in say(
        skill, "in thirty minutes, remind me to get the washing out")
    assert "in an hour to ring the chemist" in say(
        skill, "I need you to remind me to ring the chemist in an hour")
    assert "tomorrow at 9 in the morning to call the GP" in say(
        skill, "um, remind me tomorrow at nine to call the GP")
    assert [r.due_at for r in store.pending_reminders()] == [
        TUESDAY + timedelta(minutes=30), TUESDAY + timedelta(hours=1),
        datetime(2026, 11, 25, 9, 0)]


def test_undo_removes_a_reminder_just_set(store: Store, skill: Skill) -> None:
    say(skill, "remind me at six to take my tablets")
    assert "take my tablets" in say(skill, "undo")
    assert store.pending_reminders() == []


def test_the_pending_ones_are_listed_and_the_latest_is_cancelled(store: Store,
                                                                  skill: Skill) -> None:
    assert "don't have any reminders" in say(skill, "what reminders do I have")
    say(skill, "remind me at six to take my tablets")
    say(skill, "remind me in ten minutes to drink some water", TUESDAY + timedelta(minutes=1))
    listed = say(skill, "what reminders do I have", TUESDAY + timedelta(minutes=2))
    assert listed == ("Your reminders: drink some water, at 9:41 in the morning; "
                      "take your tablets, at 6 in the evening.")
    cancelled = say(skill, "cancel the reminder", TUESDAY + timedelta(minutes=3))
    assert cancelled == "Okay, I've cancelled the reminder to drink some water."
    assert [r.text for r in store.pending_reminders()] == ["take my tablets"]


def test_with_no_time_it_asks_when_and_the_answer_sets_it(store: Store, skill: Skill) -> None:
    turn = skill.handle("remind me to ring the chemist", TUESDAY)
    assert turn.reply.text == "When would you like me to remind you?"
    assert turn.reply.expects_answer and store.pending_reminders() == []
    assert "in 10 minutes to ring the chemist" in say(skill, "in ten minutes",
                                                       TUESDAY + timedelta(seconds=20))
    [kept] = store.pending_reminders()
    assert kept.due_at == TUESDAY + timedelta(seconds=20, minutes=10)


def test_every_day_becomes_a_routine_not_a_one_off(store: Store, skill: Skill) -> None:
    assert "routine" in say(skill, "every day at eight remind me to take my pills")
    say(skill, "remind me every evening to stretch")
    assert [(r.task, r.cue_time) for r in store.routines()] == [
        ("take my pills", "08:00"), ("stretch", "19:00")]
    assert store.pending_reminders() == []


def test_a_due_reminder_is_said_once_then_done(store: Store, skill: Skill) -> None:
    say(skill, "remind me at six to take my tablets")
    clock = Clock(datetime(2026, 11, 24, 17, 59))
    day = DaySchedule(store, Settings(), skill, clock)
    assert reminders_said(day) == []
    clock.now = datetime(2026, 11, 24, 18, 0)
    assert reminders_said(day) == [
        "It's 6 in the evening. You asked me to remind you to take your tablets."]
    clock.now += timedelta(minutes=1)
    assert reminders_said(day) == []
    assert store.pending_reminders() == []
    assert reminders_said(DaySchedule(store, Settings(), skill, clock)) == []  # after a restart


def test_a_reminder_due_in_quiet_hours_waits_until_they_end(store: Store, skill: Skill) -> None:
    say(skill, "remind me at eleven pm to lock the back door")
    clock = Clock(datetime(2026, 11, 24, 22, 59))
    day = DaySchedule(store, Settings(), skill, clock)
    heard = []
    while clock.now < datetime(2026, 11, 25, 9, 0):
        heard += [(clock.now, text) for text in reminders_said(day)]
        clock.now += timedelta(minutes=1)
    assert heard == [(datetime(2026, 11, 25, 8, 0),
                      "It's 8 in the morning. You asked me to remind you to lock the back door.")]


def test_one_missed_while_off_is_said_at_start_if_not_long_late(store: Store,
                                                                skill: Skill) -> None:
    store.add_reminder(Reminder("ring the chemist", datetime(2026, 11, 24, 10, 0), TUESDAY))
    store.add_reminder(Reminder("take my tablets", datetime(2026, 11, 24, 12, 0), TUESDAY))
    day = DaySchedule(store, Settings(), skill, Clock(datetime(2026, 11, 24, 14, 0)))
    assert reminders_said(day) == [
        "It's 2 in the afternoon. You asked me to remind you to take your tablets."]
    assert store.pending_reminders() == []


def test_a_reminder_waits_out_the_quiet_time_after_a_crisis_reply(store: Store) -> None:
    skill = Skill(store, rng=random.Random(7))
    say(skill, "remind me in ten minutes to drink some water")
    skill.handle("I want to kill myself", TUESDAY + timedelta(minutes=5))
    clock = Clock(TUESDAY + timedelta(minutes=10))
    day = DaySchedule(store, Settings(), skill, clock)
    assert reminders_said(day) == []
    clock.now = TUESDAY + timedelta(minutes=5, hours=2)
    assert len(reminders_said(day)) == 1


def test_words_that_may_not_be_read_back_are_not_said(store: Store, skill: Skill) -> None:
    store.add_reminder(Reminder("end it all", TUESDAY + timedelta(hours=1), TUESDAY))
    assert "don't have any reminders" in say(skill, "what reminders do I have")
    clock = Clock(TUESDAY + timedelta(hours=1))
    assert reminders_said(DaySchedule(store, Settings(), skill, clock)) == []
    assert store.pending_reminders() == []


def test_reminders_are_exported_with_the_rest(store: Store, skill: Skill) -> None:
    say(skill, "remind me at six to take my tablets")
    [row] = store.table_rows("reminders")
    assert (row["text"], row["due_at"], row["status"]) == (
        "take my tablets", "2026-11-24T18:00:00", "pending")
