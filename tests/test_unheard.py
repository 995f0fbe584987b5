"""What the recogniser lost, put back by the hearing: a deed heard in the present read in the
past, a number heard as the word it sounds like; only when nothing understands the words as
heard, the screen has nothing to say of either, and the reading is understood as what it is
for. A win so read is asked about before it is kept."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from intents.skill import Skill
from models.store import Store
from tests.conftest import NOON, audio, hearing_of
from voice.unheard import as_a_number, in_the_past

CASES = yaml.safe_load((Path(__file__).parent / "speech" / "en" / "unheard.yaml")
                       .read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES["read"], ids=lambda c: c["heard"])
def test_what_the_recogniser_lost_is_put_back(case: dict, tmp_path: Path) -> None:
    heard = hearing_of(case["heard"], Skill(Store.memory()), tmp_path).hear(audio())
    assert (heard.transcript.text, heard.transcript.heard_as) == (case["read"], case["heard"])
    assert heard.turn.intent is not None and heard.turn.intent.name == case["intent"]
    if case["intent"] == "LogWin":  # the deed in the past, asked about before it is kept
        deed = case["read"].split("i ", 1)[1]
        assert heard.turn.intent.slots["activities"] == [deed]
        assert heard.turn.reply.expects_answer and heard.turn.intent.slots["unsure"]


@pytest.mark.parametrize("heard", CASES["kept"])
def test_other_transcripts_stay_as_heard(heard: str, tmp_path: Path) -> None:
    transcript = hearing_of(heard, Skill(Store.memory()), tmp_path).transcribe(audio())
    assert (transcript.text, transcript.heard_as) == (heard, "")


def test_the_readings_alone_refuse_habits_plans_and_cut_short_sentences() -> None:
    """The readings themselves, before the hearing asks the screen and the templates."""
    assert in_the_past("i cut my arm") is None  # "cut" is its own past
    assert in_the_past("i wash the dishes every day") is None
    assert in_the_past("i visit my nan") is None  # "visited": a syllable of its own
    assert as_a_number("i want to") is None  # no rating spoken of: a sentence cut short
    assert as_a_number("my mood isn't too") is None


def test_while_a_question_waits_the_answer_is_read_as_heard(tmp_path: Path) -> None:
    skill = Skill(Store.memory())
    skill.handle("let's do the evening reflection", NOON)
    assert skill.waiting(NOON)
    transcript = hearing_of("i clean the kitchen", skill, tmp_path).transcribe(audio())
    assert transcript.text == "i clean the kitchen"
