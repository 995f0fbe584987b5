"""The safety screen and the replies around it, on the shared set and on unseen phrasings."""

from __future__ import annotations

import csv
import random
import re
from datetime import timedelta
from pathlib import Path

import pytest
import yaml

from intents.safety import Safety, SafetyScreen
from intents.skill import Skill, SkillOptions
from models.store import EXPORTED_TABLES, Store
from tests.conftest import MORNING, shared

HERE = Path(__file__).parent / "safety"
EXPECTED = yaml.safe_load((HERE / "expected.yaml").read_text(encoding="utf-8"))
PHRASINGS = yaml.safe_load((HERE / "en.yaml").read_text(encoding="utf-8"))


def _shared_rows() -> list[dict[str, str]]:
    path = shared("safety/utterances.csv")
    with open(path, encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _rows(kind: str) -> list[dict[str, str]]:
    try:
        return [row for row in _shared_rows() if row["expected"] == kind]
    except pytest.skip.Exception:
        return []


def _forbidden(text: str, patterns: list[str]) -> list[str]:
    return [p for p in patterns if re.search(p, text, re.IGNORECASE)]


def _everything_stored(store: Store) -> str:
    return repr([store.table_rows(t) for t in EXPORTED_TABLES])


@pytest.fixture(scope="module")
def screen() -> SafetyScreen:
    return SafetyScreen.load()


def test_shared_set_is_present() -> None:
    assert len(_shared_rows()) == 45


@pytest.mark.parametrize("row", _rows("crisis") + _rows("check_in"), ids=lambda r: r["id"])
def test_shared_crisis_and_check_in_are_caught(skill: Skill, store: Store, row: dict) -> None:
    turn = skill.handle(row["utterance"], MORNING)
    assert turn.screen.level.value == row["expected"]
    assert "988" in turn.reply.text and "device" in turn.reply.text
    assert not _forbidden(turn.reply.text, EXPECTED["crisis_forbidden"])
    assert store.all_wins() == []
    # Only the time and a category are kept: never the words.
    assert [e.category for e in store.crisis_events()] == [turn.screen.category]
    assert row["utterance"].lower() not in _everything_stored(store).lower()


@pytest.mark.parametrize("row", _rows("safe"), ids=lambda r: r["id"])
def test_shared_safe_items_are_not_flagged(screen: SafetyScreen, row: dict) -> None:
    assert screen.screen(row["utterance"]).level is Safety.NONE


@pytest.mark.parametrize("row", _rows("win"), ids=lambda r: r["id"])
def test_shared_wins_are_logged_as_said(skill: Skill, store: Store, row: dict) -> None:
    turn = skill.handle(row["utterance"], MORNING)
    assert turn.screen.level is Safety.NONE
    expected = EXPECTED["win_activities"][int(row["id"])]
    assert [w.activity for w in store.all_wins()] == expected
    assert "Logged" in turn.reply.text
    for activity in expected:
        assert activity in turn.reply.text


@pytest.mark.parametrize("row", _rows("setback"), ids=lambda r: r["id"])
def test_shared_setbacks_get_no_streak_or_shame_wording(skill: Skill, row: dict) -> None:
    for attempt in range(4):  # every variant the rotation may pick
        turn = skill.handle(row["utterance"], MORNING + timedelta(minutes=attempt))
        assert turn.intent is not None and turn.intent.name in ("Setback", "Returning")
        assert not _forbidden(turn.reply.text, EXPECTED["forbidden_wording"]), turn.reply.text


@pytest.mark.parametrize("kind", ["crisis", "check_in"])
def test_unseen_phrasings_are_caught(screen: SafetyScreen, kind: str) -> None:
    """Caught means answered with help: a crisis reply or the gentle check-in question."""
    missed = [t for t in PHRASINGS[kind] if screen.screen(t).level is Safety.NONE]
    assert missed == []


def test_unseen_idioms_are_not_flagged(screen: SafetyScreen) -> None:
    flagged = [t for t in PHRASINGS["safe"] if screen.screen(t).level is not Safety.NONE]
    assert flagged == []


def test_win_with_crisis_language_is_not_celebrated_or_stored(skill: Skill, store: Store) -> None:
    turn = skill.handle("I cleaned the kitchen but I want to die", MORNING)
    assert turn.screen.level is Safety.CRISIS
    assert store.all_wins() == []
    assert not _forbidden(turn.reply.text, EXPECTED["crisis_forbidden"])


def test_imminent_danger_leads_with_the_emergency_number(store: Store) -> None:
    us = Skill(store, SkillOptions(locale="US"), rng=random.Random(1))
    assert us.handle("I took all my pills", MORNING).reply.text.startswith("Please call 911 now")


def test_with_no_region_chosen_every_emergency_number_comes_first(skill: Skill) -> None:
    text = skill.handle("I took all my pills", MORNING).reply.text
    first = text.split(" now")[0]
    assert first.startswith("Please call") and all(n in first for n in ("911", "999", "112"))


@pytest.mark.parametrize(
    ("locale", "numbers"),
    [("US", ["988", "911"]), ("UK", ["116 123", "999"]), ("IE", ["116 123", "112"]),
     ("DE", ["find a helpline", "emergency number"])],
)
def test_helpline_follows_the_locale(store: Store, locale: str, numbers: list[str]) -> None:
    skill = Skill(store, SkillOptions(locale=locale), rng=random.Random(1))
    for text in ("I want to die", "help"):
        reply = skill.handle(text, MORNING).reply.text
        assert all(n in reply for n in numbers), reply


def test_cool_down_holds_back_celebration_then_ends(skill: Skill) -> None:
    skill.handle("I don't want to wake up tomorrow", MORNING)
    during = skill.handle("I watered the plant", MORNING + timedelta(minutes=30)).reply
    assert during.text == "Logged: watered the plant."
    assert not during.expects_answer
    after = skill.handle("I fed the cat", MORNING + timedelta(hours=3)).reply
    assert after.text != "Logged: fed the cat." and after.text.startswith(("Logged", "Got it"))


def test_help_always_gives_resources_even_mid_dialogue(skill: Skill) -> None:
    skill.handle("I watered the plant", MORNING)  # a follow-up question is now pending
    reply = skill.handle("help", MORNING + timedelta(seconds=20)).reply.text
    assert "988" in reply and "I watered the plant" in reply


def test_im_fine_after_crisis_is_acknowledged_without_arguing(skill: Skill) -> None:
    skill.handle("I can't do this anymore", MORNING)
    reply = skill.handle("I'm fine, you misunderstood", MORNING + timedelta(minutes=1)).reply.text
    assert reply.startswith("Okay.") and '"help"' in reply
    repeat = skill.handle("I'm fine", MORNING + timedelta(minutes=2)).reply.text
    assert "988" not in repeat


@pytest.mark.parametrize("said", ["that's not what I meant", "you misunderstood me",
                                  "I was only joking"])
def test_a_misunderstanding_after_crisis_is_taken_without_arguing(skill: Skill, said: str) -> None:
    skill.handle("I can't do this anymore", MORNING)
    after = skill.handle(said, MORNING + timedelta(minutes=1)).reply.text
    assert after == skill.replies.text("Safety", "fine_after_crisis")


def test_a_misunderstanding_with_no_crisis_is_asked_again(skill: Skill) -> None:
    reply = skill.handle("that's not what I meant", MORNING).reply.text
    assert reply == skill.replies.text("Support", "ConversationRef")


def test_repeat_says_the_crisis_reply_again(skill: Skill) -> None:
    first = skill.handle("I want to die", MORNING).reply.text
    assert skill.handle("repeat", MORNING + timedelta(seconds=30)).reply.text == first


def test_past_ideation_logs_the_win_and_mentions_help_once(skill: Skill, store: Store) -> None:
    reply = skill.handle(
        "I used to want to die, but today I went for a walk.", MORNING).reply.text
    assert [w.activity for w in store.all_wins()] == ["went for a walk"]
    assert reply.count('"help"') == 1 and "988" not in reply


def test_crisis_phrases_in_the_speech_grammar_are_all_screened(screen: SafetyScreen) -> None:
    """Every sentence the recogniser can hear as crisis language is caught by the screen."""
    from hassil.sample import sample_intents

    from intents.matcher import load_intents

    intents = load_intents()
    sentences = [text for _, text in sample_intents(intents, intent_names={"CrisisLanguage"})]
    assert len(sentences) > 100
    missed = [t for t in sentences if screen.screen(t).level is Safety.NONE]
    assert missed == []
