"""The staggered ladder: three wins a day across kinds, one on a low day."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from intents.ladder import KINDS, day_plan, kind_of, suggestion_text, week_plan
from intents.skill import Skill
from models.records import Routine, Win
from tests.conftest import MORNING

MONDAY = date(2026, 11, 23)


def test_the_week_spreads_three_doable_wins_a_day_across_kinds() -> None:
    plan = week_plan(MONDAY)
    assert len(plan) == 7
    for wins in plan.values():
        assert [w.kind for w in wins] == list(KINDS)
    physical = {wins[0].text for wins in plan.values()}
    assert len(physical) == 7  # the days differ
    assert day_plan(MONDAY) == day_plan(MONDAY)  # and a day is the same whenever it is asked


def test_a_timed_routine_of_a_kind_takes_that_kinds_place() -> None:
    routine = Routine(task="water the plant", cue_time="09:00", kind="physical", id=4)
    plan = day_plan(MONDAY, [routine])
    assert (plan[0].text, plan[0].routine_id) == ("water the plant", 4)


def test_three_on_most_days_one_on_a_low_day_that_counts() -> None:
    plan = day_plan(MONDAY)
    assert suggestion_text(plan, low_day=False).startswith("Three small wins for today")
    one = suggestion_text(plan, low_day=True)
    assert plan[0].text in one and plan[1].text not in one and "That one counts" in one


def test_a_low_mood_answer_offers_one_win(skill: Skill) -> None:
    reply = skill.handle("my mood is 2", MORNING).reply.text
    assert "one small thing is plenty" in reply and "That one counts" in reply
    steady = skill.handle("my mood is 6", MORNING + timedelta(minutes=1)).reply.text
    assert "plenty" not in steady


def test_wins_are_sorted_into_kinds() -> None:
    at = datetime(2026, 11, 23, 10)
    routine = Routine(task="feed the birds", kind="physical")
    assert kind_of(Win("went for a walk", at)) == "physical"
    assert kind_of(Win("called my sister", at)) == "social"
    assert kind_of(Win("read two pages", at)) == "cognitive"
    assert kind_of(Win("did a thing", at, area="relationships")) == "social"
    assert kind_of(Win("feed the birds", at), [routine]) == "physical"
    assert kind_of(Win("did a thing", at)) is None
