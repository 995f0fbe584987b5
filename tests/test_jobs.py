"""What each job says: the morning, the check-in and its answers, the look back; the wording."""

from __future__ import annotations

import random
import re
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import yaml

from intents.data import DATA_ROOT
from intents.skill import Skill
from models.records import Intention, Mood, Routine, Win
from models.store import Store
from voice.config import Settings
from voice.day_schedule import DaySchedule

TUESDAY = datetime(2026, 11, 24, 13, 0)
SUNDAY_EVENING = datetime(2026, 11, 29, 18, 0)
EXPECTED = Path(__file__).parent / "safety" / "expected.yaml"
FORBIDDEN = [re.compile(p, re.IGNORECASE)
             for p in yaml.safe_load(EXPECTED.read_text())["forbidden_wording"]]
SHAME = re.compile(r"\b(should|failed|again\?|missed|lazy|why didn)", re.IGNORECASE)
SPOKEN_FIRST = ["Day", "Ladder", "LookBack", "Routines", "Snooze"]


def day_at(store: Store, skill: Skill, when: datetime) -> DaySchedule:
    return DaySchedule(store, Settings(), skill, lambda: when)


def planned(store: Store, text: str = "stand by the window", day: datetime = TUESDAY) -> None:
    store.add_intention(Intention(text=text, day=day.date(), created_at=day.replace(hour=8)))


def test_check_in_yes_logs_the_intention_as_a_win(store: Store, skill: Skill) -> None:
    planned(store)
    question = day_at(store, skill, TUESDAY).run_now("checkin")
    assert question is not None and question.expects_answer
    assert question.text == "Earlier you planned to stand by the window. Did it happen?"
    reply = skill.handle("yes I did", TUESDAY + timedelta(seconds=20)).reply.text
    assert "Logged: stood by the window" in reply
    [win] = store.all_wins()
    assert (win.activity, win.source) == ("stood by the window", "intention")
    assert store.intentions_for(TUESDAY.date())[0].status == "done"


def test_check_in_no_is_forgiving_and_offers_a_smaller_step(store: Store, skill: Skill) -> None:
    planned(store)
    day_at(store, skill, TUESDAY).run_now("checkin")
    reply = skill.handle("no", TUESDAY + timedelta(seconds=20)).reply
    assert not SHAME.search(reply.text) and not any(p.search(reply.text) for p in FORBIDDEN)
    assert "smaller" in reply.text and reply.expects_answer
    assert store.all_wins() == []
    smaller = skill.handle("yes", TUESDAY + timedelta(seconds=40)).reply.text
    assert "stand by the window for two minutes" in smaller


def test_check_in_has_nothing_to_say_when_nothing_is_open(store: Store, skill: Skill) -> None:
    assert day_at(store, skill, TUESDAY).run_now("checkin") is None


def test_morning_reads_back_the_plan_offers_three_and_asks(store: Store, skill: Skill) -> None:
    morning = TUESDAY.replace(hour=8, minute=30)
    planned(store, "call my sister")
    reply = day_at(store, skill, morning).run_now("morning")
    assert reply is not None and reply.expects_answer
    assert "morning" in reply.text.lower() and "call my sister" in reply.text
    assert "Three small wins for today" in reply.text and "one small" in reply.text


def test_morning_after_a_low_mood_offers_one_and_says_it_counts(store: Store,
                                                               skill: Skill) -> None:
    store.add_mood(Mood(score=2, at=TUESDAY.replace(hour=7)))
    reply = day_at(store, skill, TUESDAY.replace(hour=8, minute=30)).run_now("morning")
    assert reply is not None and "one small thing is plenty" in reply.text
    assert "That one counts" in reply.text and "Three" not in reply.text


def test_morning_welcomes_back_without_saying_how_long(store: Store, skill: Skill) -> None:
    store.add_wins([Win("watered the plant", TUESDAY - timedelta(days=12))])
    reply = day_at(store, skill, TUESDAY.replace(hour=8, minute=30)).run_now("morning")
    assert reply is not None and "Welcome back." in reply.text
    assert not any(p.search(reply.text) for p in FORBIDDEN)


def _week_of_wins(store: Store) -> None:
    start = SUNDAY_EVENING - timedelta(days=6)
    for day in range(7):
        at = (start + timedelta(days=day)).replace(hour=10)
        store.add_wins([Win("drank a glass of water", at)])
        if day % 2 == 0:
            store.add_wins([Win("went for a walk", at.replace(hour=11), mood_before=3,
                                mood_after=6)])
            store.add_mood(Mood(score=7, at=at.replace(hour=19)))
        else:
            store.add_mood(Mood(score=4, at=at.replace(hour=19)))
    store.add_wins([Win("read one page of a book", start.replace(hour=15))])


def test_weekly_look_back_names_what_went_with_a_better_mood(store: Store, skill: Skill) -> None:
    _week_of_wins(store)
    reply = day_at(store, skill, SUNDAY_EVENING).run_now("weekly")
    assert reply is not None
    text = reply.text
    assert "went for a walk" in text and "drank a glass of water" in text
    assert "lift your mood: went for a walk" in text
    # social steps never happened: a gentle suggestion, never a count of what was missed
    assert "Steps toward other people were harder to reach" in text
    assert "lower the bar" in text and "You may want to" in text
    assert not re.search(r"\d", text.replace("one page", ""))
    assert not any(p.search(text) for p in FORBIDDEN)


def test_weekly_look_back_suggests_a_new_cue_for_a_routine_that_fell_through(
        store: Store, skill: Skill) -> None:
    _week_of_wins(store)
    store.add_routine(Routine(task="text a friend", cue_time="19:00", kind="social"))
    text = day_at(store, skill, SUNDAY_EVENING).run_now("weekly").text
    assert "Text a friend was harder to reach this week" in text and "cue" in text


def test_a_quiet_week_is_met_kindly(store: Store, skill: Skill) -> None:
    text = day_at(store, skill, SUNDAY_EVENING).run_now("weekly").text
    assert "quiet week, and that's allowed" in text
    assert not any(p.search(text) for p in FORBIDDEN)


@pytest.mark.parametrize("seed", range(6))
def test_every_job_text_keeps_the_wording_rules(store: Store, seed: int) -> None:
    """Each job, in several states and with each reply variant, against forbidden_wording."""
    skill = Skill(store, rng=random.Random(seed))
    _week_of_wins(store)
    store.add_routine(Routine(task="water the plant", cue_time="09:00", kind="physical",
                              celebration="a 30-second stretch"))
    planned(store, day=SUNDAY_EVENING)
    store.add_mood(Mood(score=2, at=SUNDAY_EVENING.replace(hour=7)))
    day = day_at(store, skill, SUNDAY_EVENING)
    texts = [day.run_now(name).text for name in ("morning", "checkin", "evening", "weekly",
                                                 "routine:1")]
    for text in texts:
        assert not [p.pattern for p in FORBIDDEN if p.search(text)], text


def test_every_reply_variant_spoken_first_keeps_the_wording_rules() -> None:
    def strings(value: object) -> list[str]:
        if isinstance(value, str):
            return [value]
        if isinstance(value, dict):
            return [s for v in value.values() for s in strings(v)]
        if isinstance(value, list):
            return [s for v in value for s in strings(v)]
        return []

    for group in SPOKEN_FIRST:
        data = yaml.safe_load((DATA_ROOT / "responses" / "en" / f"{group}.yaml").read_text())
        for text in strings(data):
            assert not [p.pattern for p in FORBIDDEN if p.search(text)], (group, text)
