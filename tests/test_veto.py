"""Risk vetoes everything downstream: nothing risky is kept, praised or read back, and every
answer to a pending question passes the screen first."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
import yaml

from intents.skill import Skill
from models.records import Intention, Note, Win
from models.store import Store
from tests.conftest import MORNING

LATER = MORNING + timedelta(minutes=1)
ASKED_FIRST = yaml.safe_load((Path(__file__).parent / "safety" / "asked_first.yaml")
                             .read_text(encoding="utf-8"))


def test_a_would_be_win_naming_a_means_is_asked_about_first(skill: Skill, store: Store) -> None:
    turn = skill.handle("I got a hot towel shave with a proper blade", MORNING)
    assert turn.reply.text.startswith("Shall I log that you") and turn.reply.expects_answer
    assert store.all_wins() == []
    kept = skill.handle("yes", LATER).reply.text
    assert [w.activity for w in store.all_wins()] == ["got a hot towel shave with a proper blade"]
    assert kept.startswith("Logged:") and "counts" not in kept and "Well done" not in kept


def test_a_no_keeps_nothing(skill: Skill, store: Store) -> None:
    skill.handle("I got a hot towel shave with a proper blade", MORNING)
    assert skill.handle("no", LATER).reply.text == "Okay, I haven't logged it."
    assert store.all_wins() == []


def test_a_plan_naming_a_means_is_asked_about_first_and_kept_on_a_yes(
        skill: Skill, store: Store) -> None:
    turn = skill.handle("I am going to get a hot towel shave with a proper blade tomorrow", MORNING)
    assert turn.reply.text.startswith("Shall I keep your plan to") and turn.reply.expects_answer
    assert store.intentions_for(MORNING.date() + timedelta(days=1)) == []
    skill.handle("yes", LATER)
    kept = store.intentions_for(MORNING.date() + timedelta(days=1))
    assert [i.text for i in kept] == ["get a hot towel shave with a proper blade"]


def test_a_plan_asked_about_and_declined_is_not_kept(skill: Skill, store: Store) -> None:
    skill.handle("I am going to get a hot towel shave with a proper blade tomorrow", MORNING)
    assert skill.handle("no", LATER).reply.text == "Okay, I haven't kept it."
    assert store.intentions_for(MORNING.date() + timedelta(days=1)) == []


def test_past_risk_said_as_a_win_is_heard_and_not_kept(skill: Skill, store: Store) -> None:
    reply = skill.handle("I had those dark thoughts years ago", MORNING).reply.text
    assert store.all_wins() == [] and '"help"' in reply and "988" not in reply


def test_risky_words_already_stored_are_never_read_back(skill: Skill, store: Store) -> None:
    """Kept before the screen knew them: encourage me, the day's list and intentions skip them."""
    store.add_wins([Win(activity="wrote my goodbye letters", at=MORNING),
                    Win(activity="watered the plant", at=MORNING)])
    store.add_note(Note(text="it will all be over soon", at=MORNING))
    store.add_intention(Intention(text="give the cat away for good", day=MORNING.date(),
                                  created_at=MORNING))
    for minute in range(12):
        said = skill.handle("encourage me", MORNING + timedelta(minutes=minute)).reply.text
        assert "goodbye" not in said and "over soon" not in said
    listed = skill.handle("what did I do today", LATER).reply.text
    assert "watered the plant" in listed and "goodbye" not in listed
    assert "cat" not in skill.handle("what are my intentions", LATER).reply.text


def test_an_answer_to_a_pending_question_passes_the_screen_first(
        skill: Skill, store: Store) -> None:
    skill.handle("I watered the plant", MORNING)  # asks how I felt before, 0 to 10
    reply = skill.handle("honestly I just want to disappear forever", LATER).reply.text
    assert "988" in reply
    assert [w.mood_before for w in store.all_wins()] == [None]


def test_a_reflection_that_carries_risk_is_answered_and_not_kept(
        skill: Skill, store: Store) -> None:
    skill.handle("evening reflection", MORNING)
    assert "988" in skill.handle("wrote letters to everyone for after", LATER).reply.text
    assert store.table_rows("reflections") == []


def test_a_denial_is_believed_and_nothing_is_kept(skill: Skill, store: Store) -> None:
    reply = skill.handle("I'm not going to hurt myself, I just had a rough day", MORNING)
    assert reply.reply.text.startswith("Okay.") and "988" not in reply.reply.text
    assert store.all_wins() == [] and store.crisis_events() == []


def test_a_risk_phrase_cut_short_is_asked_about_never_kept(skill: Skill, store: Store) -> None:
    """What a recogniser may leave of a crisis line: the harm verb with its object lost."""
    for minute, heard in enumerate(["I want to kill", "I'm going to end my",
                                    "I've been thinking about ending", "I took my own"]):
        turn = skill.handle(heard, MORNING + timedelta(minutes=minute))
        assert turn.screen.level.value == "check_in" and "988" in turn.reply.text, heard
    assert store.all_wins() == [] and store.table_rows("intentions") == []


def test_a_means_in_a_reflection_is_not_kept_as_a_win(skill: Skill, store: Store) -> None:
    skill.handle("evening reflection", MORNING)
    skill.handle("I got a hot towel shave with a proper blade", LATER)
    assert store.all_wins() == []


def test_a_routine_whose_words_carry_risk_is_never_spoken(skill: Skill, store: Store) -> None:
    from models.records import Routine

    store.add_routine(Routine(task="write my goodbye letters", cue_time="09:00"))
    store.add_routine(Routine(task="water the plant", cue_time="10:00"))
    listed = skill.handle("what are my routines", MORNING).reply.text
    assert "plant" in listed and "goodbye" not in listed


def test_a_long_text_is_screened_at_its_end_in_good_time(skill: Skill) -> None:
    turn = skill.handle("la " * 30000 + "I want to kill myself", MORNING)
    assert turn.screen.level.value == "crisis"


def test_the_questions_before_keeping_speak_to_the_person(skill: Skill, store: Store) -> None:
    asked = skill.handle("I got a hot towel shave with a proper blade at my barber's",
                         MORNING).reply.text
    assert asked.startswith("Shall I log that you got a hot towel shave with a proper blade at "
                            "your barber")
    skill.handle("yes", LATER)
    assert [w.activity for w in store.all_wins()] == [
        "got a hot towel shave with a proper blade at my barber's"]


@pytest.mark.parametrize("said", ASKED_FIRST["asked"])
def test_a_deed_beside_a_warning_sign_is_asked_about_never_praised(
        said: str, skill: Skill, store: Store) -> None:
    """Asked first, or heard by the screen itself; never kept or praised."""
    turn = skill.handle(said, MORNING)
    asked = turn.reply.text.startswith("Shall I log that you") and turn.reply.expects_answer
    assert asked or turn.screen.level.value != "none"
    assert store.all_wins() == []


@pytest.mark.parametrize("said", ASKED_FIRST["kept"])
def test_its_lookalikes_with_a_use_or_a_reason_are_kept(
        said: str, skill: Skill, store: Store) -> None:
    skill.handle(said, MORNING)
    assert len(store.all_wins()) == 1
