"""Conversations through the skill: each stage fed text, with an in-memory store and set times."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from intents.activities import in_past
from intents.handlers.intentions import ask_checkin
from intents.skill import Skill, SkillOptions
from models.records import Win
from models.store import Store
from tests.conftest import MORNING


def talk(skill: Skill, *lines: str, start: datetime = MORNING) -> list[str]:
    """Say each line ten seconds after the last; return the replies."""
    return [skill.handle(line, start + timedelta(seconds=10 * i)).reply.text
            for i, line in enumerate(lines)]


def test_win_is_confirmed_in_first_person_past_tense(skill: Skill) -> None:
    [reply] = talk(skill, "I just watered the plant")
    assert "Logged: watered the plant." in reply


def test_a_deed_that_reads_like_a_setback_is_asked_about_before_it_is_kept(
        skill: Skill, store: Store) -> None:
    replies = talk(skill, "binned off the gym again and sat in the car")
    assert replies[0].startswith("Shall I log") and store.all_wins() == []
    assert "Logged" not in talk(skill, "no")[0] and store.all_wins() == []


def test_follow_ups_are_before_and_after_by_default(skill: Skill, store: Store) -> None:
    replies = talk(skill, "I watered the plant", "3", "six")
    assert "before" in replies[0] and "now" in replies[1] and "saved" in replies[2].lower()
    [win] = store.all_wins()
    assert (win.mood_before, win.mood_after, win.enjoyment, win.importance) == (3, 6, None, None)


def test_no_follow_ups_when_the_setting_says_none(store: Store) -> None:
    [reply] = talk(Skill(store, SkillOptions(followups="none")), "I watered the plant")
    assert "Logged: watered the plant." in reply and "?" not in reply


def test_follow_up_ratings_are_each_skippable(store: Store) -> None:
    skill = Skill(store, SkillOptions(followups="all"))
    replies = talk(skill, "I watered the plant", "3", "skip", "seven", "about an 8")
    assert "before" in replies[0] and "now" in replies[1] and "enjoy" in replies[2]
    assert "matter" in replies[3] and "saved" in replies[4].lower()
    [win] = store.all_wins()
    assert (win.mood_before, win.mood_after, win.enjoyment, win.importance) == (3, None, 7, 8)


def test_follow_ups_end_on_anything_else(skill: Skill, store: Store) -> None:
    replies = talk(skill, "I watered the plant", "I fed the cat")
    assert "Logged: fed the cat." in replies[1]
    assert len(store.all_wins()) == 2


def test_waiting_or_a_repeat_keeps_the_question_open(skill: Skill, store: Store) -> None:
    replies = talk(skill, "I watered the plant", "hang on, the kettle's boiling", "what?",
                   "sorry, go on", "4")
    assert all("how did you feel before" in r for r in replies[:3])
    assert store.all_wins()[0].mood_before == 4  # answered after three turns that were not


def test_the_evening_reflection_waits_too(skill: Skill, store: Store) -> None:
    talk(skill, "let's reflect on the day")
    replies = talk(skill, "one sec", "I hung the washing out", start=MORNING + timedelta(minutes=1))
    assert "Take your time" in replies[0]
    assert [w.activity for w in store.all_wins()] == ["hung the washing out"]


def test_pending_question_expires(skill: Skill, store: Store) -> None:
    skill.handle("I watered the plant", MORNING)
    reply = skill.handle("7", MORNING + timedelta(hours=1)).reply.text
    assert "mood is 7" in reply  # heard as a mood, not as a late answer
    assert store.all_wins()[0].mood_before is None


def test_two_wins_in_one_sentence_and_undo_by_voice(skill: Skill, store: Store) -> None:
    replies = talk(skill, "I made my bed and ate a proper lunch", "undo")
    assert "made my bed and ate a proper lunch" in replies[0]
    assert "removed" in replies[1] and store.all_wins() == []
    assert talk(skill, "undo")[0] == "There's nothing to undo."


def test_intention_check_in_yes_logs_a_win(skill: Skill, store: Store) -> None:
    talk(skill, "I will stand by the window for five minutes")
    [intention] = store.intentions_for(MORNING.date())
    question = ask_checkin(skill.context(MORNING + timedelta(hours=4)), intention)
    assert question.text == "Earlier you planned to stand by the window for five minutes. " \
        "Did it happen?"
    reply = skill.handle("yes", MORNING + timedelta(hours=4, seconds=5)).reply.text
    assert "Logged: stood by the window for five minutes" in reply  # the deed, done
    assert store.intentions_for(MORNING.date())[0].status == "done"
    assert [w.source for w in store.all_wins()] == ["intention"]


def test_intention_check_in_no_is_forgiving_and_offers_a_smaller_step(skill: Skill,
                                                                       store: Store) -> None:
    talk(skill, "today I want to call my sister")
    [intention] = store.intentions_for(MORNING.date())
    ask_checkin(skill.context(MORNING + timedelta(hours=4)), intention)
    later = MORNING + timedelta(hours=4, seconds=5)
    no = skill.handle("no", later).reply.text
    assert "okay" in no.lower() and "smaller" in no
    yes = skill.handle("yes", later + timedelta(seconds=5)).reply.text
    assert "call my sister for two minutes" in yes
    smaller = store.intentions_for(MORNING.date())[1]
    check = ask_checkin(skill.context(later + timedelta(hours=2)), smaller)
    assert check.text == "Earlier you planned to call your sister for two minutes. Did it happen?"
    assert [i.status for i in store.intentions_for(MORNING.date())] == ["not_done", "open"]
    assert store.all_wins() == []


def test_not_yet_leaves_it_open(skill: Skill, store: Store) -> None:
    talk(skill, "I will drink a glass of water")
    [intention] = store.intentions_for(MORNING.date())
    ask_checkin(skill.context(MORNING), intention)
    assert "no rush" in skill.handle("not yet", MORNING).reply.text
    assert store.intentions_for(MORNING.date())[0].status == "open"


def test_vague_intention_gets_a_nudge_not_a_record(skill: Skill, store: Store) -> None:
    reply = talk(skill, "I will be more productive")[0]
    assert "precise" in reply and store.intentions_for(MORNING.date()) == []


@pytest.mark.parametrize("said, kept", [
    ("I'll try to hoover", "hoover"),
    ("tonight I want to be in bed by ten", "be in bed by ten"),
    ("I'll be at the allotment by nine", "be at the allotment by nine")])
def test_a_lone_verb_or_a_place_and_time_is_a_step_and_kept(
        skill: Skill, store: Store, said: str, kept: str) -> None:
    talk(skill, said)
    assert [i.text for i in store.intentions_for(MORNING.date())] == [kept]


@pytest.mark.parametrize("said", [
    "I will be more patient", "I will do better", "I will try harder",
    "I'll be in a better mood tomorrow"])
def test_a_direction_without_a_step_is_nudged_not_kept(
        skill: Skill, store: Store, said: str) -> None:
    reply = talk(skill, said)[0]
    assert "precise" in reply and store.intentions_for(MORNING.date()) == []


def test_hearing_todays_intentions(skill: Skill) -> None:
    replies = talk(skill, "what are my intentions", "I will water the plant",
                   "I will call my sister", "what's my plan for today")
    assert "haven't set" in replies[0]
    assert replies[3] == "For today you planned: water the plant and call my sister."


def test_mood_words_are_mapped_confirmed_and_adjustable(skill: Skill, store: Store) -> None:
    replies = talk(skill, "I feel pretty low", "4")
    assert "pretty low, about 3 out of 10" in replies[0]
    assert "one small thing" in replies[0]  # the ladder on a low day: one counts
    assert replies[1] == "Okay, changed to 4 out of 10."
    [mood] = store.moods_between(MORNING, MORNING + timedelta(days=1))
    assert (mood.score, mood.word) == (4, "pretty low")


def test_low_energy_names_a_tiny_step_at_once_or_breathing(skill: Skill, store: Store) -> None:
    offer, again, done = talk(skill, "I have no energy", "the tiny one", "done")
    step = next(s for s in skill.replies.data("LowEnergy", "tiny_steps") if s in offer)
    assert "breathe" in offer and step in again
    assert [w.activity for w in store.all_wins()] == [in_past(step)] and in_past(step) in done
    turn = skill.handle("I can't get started", MORNING + timedelta(minutes=5))
    breathe = skill.handle("breathe", MORNING + timedelta(minutes=5, seconds=5))
    assert turn.reply.expects_answer
    assert [a.name for a in breathe.reply.actions] == ["start_breathing"]
    assert breathe.reply.actions[0].args == {"minutes": 2}


def test_breathing_length_is_heard(skill: Skill) -> None:
    turn = skill.handle("start breathing for 4 minutes", MORNING)
    assert turn.reply.actions[0].args == {"minutes": 4}


def test_evening_reflection_saves_one_thing_and_one_word(skill: Skill, store: Store) -> None:
    replies = talk(skill, "evening reflection", "I went for a walk", "calm")
    assert "one thing" in replies[0] and "Logged: went for a walk" in replies[1]
    assert replies[2] == "Thank you. Saved for today."
    [reflection] = store.reflections()
    assert (reflection.done, reflection.mood_word) == ("I went for a walk", "calm")


def test_what_did_i_do_this_week(skill: Skill, store: Store) -> None:
    store.add_wins([Win("called my sister", MORNING - timedelta(days=2))])
    store.add_wins([Win("old thing", MORNING - timedelta(days=9))])
    talk(skill, "I watered the plant")
    reply = skill.handle("what did I do this week", MORNING + timedelta(minutes=5)).reply.text
    assert reply == "This past week, you logged: called my sister and watered the plant."
    empty = skill.handle("what did I do yesterday", MORNING + timedelta(minutes=6)).reply.text
    assert "Anything small counts" in empty


def test_what_did_i_do_since_a_weekday_runs_from_the_last_one_before_today(
        skill: Skill, store: Store) -> None:
    day_before = MORNING - timedelta(days=1)
    asked = f"what have I done since {day_before.strftime('%A').lower()}"
    assert skill.handle(asked, MORNING).reply.text.startswith(
        f"I don't have anything logged since {day_before.strftime('%A')} yet.")
    store.add_wins([Win("called my sister", day_before),
                    Win("old thing", MORNING - timedelta(days=9))])
    assert skill.handle(asked, MORNING).reply.text == \
        f"Since {day_before.strftime('%A')}, you logged: called my sister."
    same_day = f"what have I done since {MORNING.strftime('%A').lower()}"  # a week back
    assert skill.handle(same_day, MORNING).reply.text.endswith("logged: called my sister.")


def test_encourage_me_replays_a_past_win_or_note(skill: Skill, store: Store) -> None:
    assert "don't have anything saved" in talk(skill, "encourage me")[0]
    store.add_wins([Win("called my sister", MORNING - timedelta(days=2))])
    reply = skill.handle("encourage me", MORNING + timedelta(minutes=1)).reply.text
    assert "called my sister" in reply
    talk(skill, "leave a note to my future self: you got through worse",
         start=MORNING + timedelta(minutes=2))
    replies = {skill.handle("encourage me", MORNING + timedelta(minutes=3 + i)).reply.text
               for i in range(12)}
    assert any("you got through worse" in r for r in replies)


@pytest.mark.parametrize("wish", ["can I save a thought for later", "i want to leave a note",
                                  "could you take a note for me"])
def test_a_wish_to_leave_a_note_asks_for_its_words_and_keeps_them(
        skill: Skill, store: Store, wish: str) -> None:
    asked, saved = talk(skill, wish, "the bins go out on tuesdays now")
    assert "note" in asked and "?" in asked and "Saved" in saved
    assert [n.text for n in store.notes()] == ["the bins go out on tuesdays now"]


def test_a_note_asked_for_keeps_nothing_risky_and_can_be_skipped(
        skill: Skill, store: Store) -> None:
    talk(skill, "leave a note", "goodbye everyone, sorry for everything, it's for after")
    talk(skill, "leave a note", "skip", start=MORNING + timedelta(minutes=5))
    assert store.notes() == []


def test_tag_last_win_with_a_life_area(skill: Skill, store: Store) -> None:
    replies = talk(skill, "I called my sister", "that was for my family")
    assert store.all_wins()[0].area == "relationships"
    assert "relationships" in replies[1]


def test_delete_everything_by_voice_is_confirmed_twice(skill: Skill) -> None:
    first, second, third = (skill.handle(t, MORNING + timedelta(seconds=i)).reply
                            for i, t in enumerate(["delete everything", "yes", "yes"]))
    assert "Are you sure" in first.text and "Last check" in second.text
    assert not first.actions and not second.actions
    assert [a.name for a in third.actions] == ["delete_everything"]


def test_delete_everything_stops_at_any_other_answer(skill: Skill) -> None:
    replies = talk(skill, "delete everything", "yes", "no")
    assert replies[2] == "Okay, nothing was deleted."


def test_returning_person_hears_welcome_back_not_a_tally(skill: Skill, store: Store) -> None:
    store.add_wins([Win("fed the cat", MORNING - timedelta(days=12))])
    reply = talk(skill, "I watered the plant")[0]
    assert reply.startswith("Welcome back. ") and "12" not in reply and "days" not in reply


def test_unknown_text_gets_a_gentle_hint(skill: Skill, store: Store) -> None:
    reply = talk(skill, "the cat knocked the vase over")[0]
    assert "help" in reply and store.all_wins() == []


def test_a_request_it_cannot_do_is_told_what_it_can(skill: Skill, store: Store) -> None:
    reply = talk(skill, "what's the weather like")[0]
    assert "can't do that" in reply and "log your wins" in reply and store.all_wins() == []


def test_a_feeling_is_heard_before_anything_is_suggested(skill: Skill, store: Store) -> None:
    reply = talk(skill, "my sister was unkind to me today")[0]
    assert reply.startswith(("That sounds hard", "I hear you")) and "watered" not in reply


def test_a_loss_told_as_a_deed_is_heard_and_never_logged(skill: Skill, store: Store) -> None:
    for said in ("we had to put the cat down yesterday", "buried my granda on friday"):
        reply = talk(skill, said)[0]
        assert reply.startswith("I'm so sorry") or reply.startswith("I'm sorry. Thank you")
    assert store.all_wins() == []


def test_a_win_said_with_its_day_is_dated_that_day(skill: Skill, store: Store) -> None:
    assert MORNING.date() == date(2026, 11, 24)  # a Tuesday
    talk(skill, "yesterday I rang my mum", "skip", "on Monday I went to the GP", "skip",
         "last Tuesday I cleaned the oven", "skip", "this Tuesday I fed the cat", "skip",
         "I went to the gym every Monday")
    days = {w.activity: w.at.date() for w in store.all_wins()}
    assert days == {"rang my mum": date(2026, 11, 23), "went to the GP": date(2026, 11, 23),
                    "cleaned the oven": date(2026, 11, 17), "fed the cat": date(2026, 11, 24),
                    "went to the gym every Monday": date(2026, 11, 24)}


def test_an_intention_for_tomorrow_is_kept_for_tomorrow(skill: Skill, store: Store) -> None:
    reply = talk(skill, "tomorrow I'll try to have a shower")[0]
    tomorrow = MORNING.date() + timedelta(days=1)
    assert [i.text for i in store.intentions_for(tomorrow)] == ["have a shower"]
    assert store.intentions_for(MORNING.date()) == [] and "tomorrow" in reply


def test_empty_and_overlong_text_are_refused_without_storing(skill: Skill, store: Store) -> None:
    assert skill.handle("   ", MORNING).refused == "empty"
    assert skill.handle("I walked " * 1500, MORNING).refused == "too_long"
    assert store.all_wins() == []


def test_overlong_text_is_still_screened(skill: Skill) -> None:
    turn = skill.handle("la " * 4000 + "I want to die", MORNING)
    assert turn.screen.level.value == "crisis" and "988" in turn.reply.text


def test_a_spoken_correction_replaces_the_last_win(skill: Skill, store: Store) -> None:
    talk(skill, "I watered the plan", "skip", "no, I said I watered the plant, not the plan")
    assert [w.activity for w in store.all_wins()] == ["watered the plant"]


def test_a_mood_compared_with_yesterday_uses_yesterdays_value(skill: Skill, store: Store) -> None:
    skill.handle("my mood is 4", MORNING - timedelta(days=1))
    reply = talk(skill, "a bit better than yesterday")[0]
    start = MORNING.replace(hour=0, minute=0)
    assert [m.score for m in store.moods_between(start, start + timedelta(days=1))] == [5]
    assert "5 out of 10" in reply


def test_a_setback_is_met_kindly_and_nothing_is_logged(skill: Skill, store: Store) -> None:
    reply = talk(skill, "I burnt the dinner")[0]
    assert store.all_wins() == [] and "counts" not in reply.lower()


def test_holding_back_is_logged_as_a_win(skill: Skill, store: Store) -> None:
    reply = talk(skill, "I never opened the betting app today")[0]
    assert "Logged: didn't open the betting app today" in reply
    assert [w.activity for w in store.all_wins()] == ["didn't open the betting app today"]


def test_being_in_a_state_is_not_a_win(skill: Skill, store: Store) -> None:
    talk(skill, "I've been crying all day", "I've been really struggling")
    assert store.all_wins() == []


def test_asking_it_to_call_someone_gets_the_helpline(skill: Skill, store: Store) -> None:
    reply = talk(skill, "can you call an ambulance")[0]
    assert "can't do that" in reply and "988" in reply


@pytest.mark.parametrize("said", ["I will do it tonight", "I'm going to go through with it",
                                  "I'll use it tomorrow", "tonight I'm gonna finish it"])
def test_a_plan_whose_act_is_unnamed_is_not_kept(skill: Skill, store: Store, said: str) -> None:
    """'It' with nothing named is no step to take, and may be the act left unsaid: the screen
    or the request for one precise step answers, and nothing is kept."""
    [reply] = talk(skill, said)
    assert store.table_rows("intentions") == [], reply
    assert "precise step" in reply or "988" in reply, reply


def test_a_plan_is_said_back_to_the_person_and_kept_in_their_words(
        skill: Skill, store: Store) -> None:
    [today, tomorrow] = talk(skill, "I'll take my pills after lunch", "tomorrow I will call my mum")
    assert "for today: take your pills after lunch." in today
    assert tomorrow.startswith("Noted for tomorrow: call your mum.")
    assert [i.text for i in store.intentions_for(MORNING.date())] == ["take my pills after lunch"]


def test_a_plan_for_a_weekday_names_the_day_as_a_person_would(skill: Skill) -> None:
    [reply] = talk(skill, "I'm seeing mum on monday")
    assert reply.startswith("Noted for Monday: see mum.")


def test_a_part_of_the_last_win_is_put_right_in_place(skill: Skill, store: Store) -> None:
    talk(skill, "I drank one glass of water", "skip", "make that two glasses, not one glass")
    assert [w.activity for w in store.all_wins()] == ["drank two glasses of water"]


def test_words_the_last_win_does_not_hold_are_asked_for_in_full(
        skill: Skill, store: Store) -> None:
    [_, _, reply] = talk(skill, "I walked the dog", "skip", "no, the bedroom, not the kitchen")
    assert reply.startswith("Your last win is walked the dog.")
    assert [w.activity for w in store.all_wins()] == ["walked the dog"]
