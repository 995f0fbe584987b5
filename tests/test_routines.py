"""Routines by voice and by command: task, cue, completion, celebration; and spoken times."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from intents.skill import Skill
from intents.spoken_time import parse_spoken_time, spoken_clock
from models.records import Routine
from models.store import Store
from voice.cli import main
from voice.config import Settings
from voice.day_schedule import DaySchedule

NINE = datetime(2026, 11, 24, 9, 0)


def say(skill: Skill, text: str, at: datetime = NINE) -> str:
    return skill.handle(text, at).reply.text


@pytest.mark.parametrize(("said", "hhmm"), [
    ("9", "09:00"), ("nine thirty", "09:30"), ("7 pm", "19:00"), ("8pm", "20:00"),
    ("half past six in the evening", "18:30"), ("quarter to eight", "07:45"),
    ("21:00", "21:00"), ("noon", "12:00"), ("6", "18:00"), ("ten oh five", "10:05"),
    ("12 am", "00:00"), ("every day at 8", "08:00"), ("the table at 8 pm", None), ("25:00", None),
])
def test_spoken_times(said: str, hhmm: str | None) -> None:
    assert parse_spoken_time(said) == hhmm


def test_times_are_said_back_in_words() -> None:
    assert [spoken_clock(t) for t in ("09:00", "13:30", "12:00", "20:00")] == \
        ["9 in the morning", "1:30 in the afternoon", "noon", "8 in the evening"]


def test_routines_are_added_listed_changed_and_removed_by_voice(store: Store,
                                                               skill: Skill) -> None:
    reply = skill.handle("add a routine to water the plant at nine in the morning and celebrate "
                         "with a 30-second stretch", NINE).reply
    assert reply.text == "Added a routine: water the plant, at 9 in the morning. " \
        "Afterwards, your celebration: a 30-second stretch."
    assert [a.name for a in reply.actions] == ["routines_changed"]
    say(skill, "add a routine: stretch after water the plant")
    assert say(skill, "what are my routines") == "Your routines: water the plant, at 9 in the " \
        "morning; stretch, after water the plant."
    assert say(skill, "move the water the plant routine to 10") == \
        "Okay, water the plant is now at 10 in the morning."
    assert store.routines()[0].cue_time == "10:00"
    assert say(skill, "remove the stretch routine") == "Removed the routine: stretch."
    assert "couldn't find a routine called juggling" in say(skill, "delete the juggling routine")
    assert [r.task for r in store.routines()] == ["water the plant"]


def test_a_routine_cue_then_done_logs_it_celebrates_and_cues_the_next(store: Store,
                                                                     skill: Skill) -> None:
    first = store.add_routine(Routine(task="water the plant", cue_time="09:00",
                                      celebration="a 30-second stretch"))
    store.add_routine(Routine(task="open the curtains", after_routine=first.id))
    day = DaySchedule(store, Settings(), skill, lambda: NINE)
    *_, cue = day.run_pending()  # after the morning, said late at start-up
    assert "water the plant" in cue.text and cue.expects_answer
    done = say(skill, "done", NINE + timedelta(minutes=3))
    assert done.startswith("Logged: water the plant. Now your celebration: a 30-second stretch.")
    assert "open the curtains" in done
    assert "Logged: open the curtains" in say(skill, "yes", NINE + timedelta(minutes=5))
    assert [(w.activity, w.source) for w in store.all_wins()] == \
        [("water the plant", "routine"), ("open the curtains", "routine")]


def test_a_routine_not_done_is_let_go_gently(store: Store, skill: Skill) -> None:
    store.add_routine(Routine(task="water the plant", cue_time="09:00"))
    DaySchedule(store, Settings(), skill, lambda: NINE).run_pending()
    assert say(skill, "no", NINE + timedelta(minutes=1)) == \
        "That's okay. It can wait for another time."
    assert store.all_wins() == []


def test_a_routine_added_by_voice_is_cued_the_same_day(store: Store, skill: Skill) -> None:
    clock = [NINE.replace(hour=8)]
    day = DaySchedule(store, Settings(), skill, lambda: clock[0])
    day.apply(skill.handle("add a routine: water the plant at 9", clock[0]).reply.actions)
    clock[0] = NINE
    assert any("water the plant" in r.text for r in day.run_pending())


def test_routine_command_add_list_remove(home: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["routine", "add", "Task: water the plant; cue: 09:00; "
                 "completion: the soil is damp; celebration: a 30-second stretch"]) == 0
    assert main(["routine", "add", "text a friend", "--at", "19:00", "--kind", "social"]) == 0
    capsys.readouterr()
    main(["routine", "list"])
    assert capsys.readouterr().out.splitlines() == [
        "  1. Task: water the plant; cue: 09:00; completion: the soil is damp; "
        "celebration: a 30-second stretch",
        "  2. Task: text a friend; cue: 19:00; kind: social",
    ]
    assert main(["routine", "remove", "1"]) == 0
    assert main(["routine", "remove", "text a friend"]) == 0
    capsys.readouterr()
    main(["routine", "list", "--json"])
    assert capsys.readouterr().out == ""
    assert main(["routine", "add", "water the plant", "--at", "09:00"]) == 0
    capsys.readouterr()
    main(["routine", "list", "--json"])
    assert json.loads(capsys.readouterr().out)["cue_time"] == "09:00"
