"""A free transcript read as the closed template sentence it sounds like: only when close,
never toward what the screen flags, removes, answers or keeps a number, never when a "not" is
gained or lost, never while a question or the screen's reply waits."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from rapidfuzz.distance import Levenshtein

from intents.skill import Skill
from models.store import Store
from tests.conftest import NOON, SaysOnce, audio, hearing_of
from voice.closed_sentences import NEVER_TOWARD, SoundsLike, closed_sentences, same_polarity
from voice.pronunciations import Pronunciations
from voice.transcript import Transcript

CASES = yaml.safe_load((Path(__file__).parent / "speech" / "en" / "sounds_like.yaml")
                       .read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def skill() -> Skill:
    return Skill(Store.memory())


@pytest.fixture(scope="module")
def sounds_like(skill: Skill) -> SoundsLike:
    return SoundsLike.build(skill.matcher.intents, skill.heard, skill.flagged)


def test_a_reading_keeps_every_not_and_un() -> None:
    assert same_polarity("i am fine", "i am fine now")
    assert not same_polarity("i am not fine", "i am fine")
    assert not same_polarity("i am unsafe", "i am safe")
    assert not same_polarity("i am safe", "i am unsafe")


def test_words_sound_as_their_phonemes_and_unknown_words_as_their_letters() -> None:
    said = Pronunciations()
    assert len(said.sound("help")) == 4  # HH EH L P
    assert Levenshtein.distance(said.sound("and you"), said.sound("undo")) == 1
    assert said.sound("zqxv") == "zqxv"
    assert said.sound("help zqxv") == said.sound("help") + "zqxv"


def test_the_closed_sentences_hold_commands_but_nothing_that_removes_answers_or_alarms(
        skill: Skill) -> None:
    sentences = closed_sentences(skill.matcher.intents)
    intents = {s.intent for s in sentences}
    assert {"StartBreathing", "Help", "Stop", "Cancel", "WhatDidIDo"} <= intents
    assert not intents & NEVER_TOWARD
    assert all("{" not in s.text and len(s.text.split()) <= 6 for s in sentences)


@pytest.mark.parametrize("case", CASES["read"], ids=lambda c: c["heard"])
def test_a_transcript_close_to_a_command_is_read_as_it(sounds_like: SoundsLike,
                                                       skill: Skill, case: dict) -> None:
    read = sounds_like.correct(Transcript(case["heard"], 0.8))
    assert (read.text, read.heard_as) == (case["read"], case["heard"])
    assert skill.understand(read.text)[1].name == case["intent"]


@pytest.mark.parametrize("heard", CASES["kept"])
def test_other_transcripts_stay_as_heard(sounds_like: SoundsLike, heard: str) -> None:
    assert sounds_like.correct(Transcript(heard, 0.8)) == Transcript(heard, 0.8)


def test_the_hearing_reads_a_misheard_command_as_the_command(
        sounds_like: SoundsLike, tmp_path: Path) -> None:
    skill = Skill(Store.memory())
    heard = hearing_of("start reading for three minutes", skill, tmp_path, sounds_like) \
        .hear(audio())
    assert heard.transcript.heard_as == "start reading for three minutes"
    assert heard.turn.intent is not None and heard.turn.intent.name == "StartBreathing"


def test_after_the_screens_reply_the_next_words_are_read_as_heard(
        sounds_like: SoundsLike, tmp_path: Path) -> None:
    skill = Skill(Store.memory())
    hearing = hearing_of("i want to die", skill, tmp_path, sounds_like)
    assert hearing.hear(audio()).turn.screen.level.value == "crisis"
    hearing.recognizer = SaysOnce("start reading for three minutes")
    assert hearing.transcribe(audio()).text == "start reading for three minutes"


def test_while_a_question_waits_the_answer_is_read_as_heard(
        sounds_like: SoundsLike, tmp_path: Path) -> None:
    skill = Skill(Store.memory())
    skill.handle("let's do the evening reflection", NOON)
    assert skill.waiting(NOON)
    heard = hearing_of("start reading for three minutes", skill, tmp_path, sounds_like)
    assert heard.transcribe(audio()).text == "start reading for three minutes"
