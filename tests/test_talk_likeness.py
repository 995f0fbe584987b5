"""The reading of last resort: the answer-only intent a turn no rule took reads most like,
never a guess that answers or drops an open question."""

from __future__ import annotations

import random
from datetime import timedelta
from pathlib import Path

import pytest
import yaml

from intents.data import load_yaml
from intents.dialogue import Dialogue
from intents.handlers import HANDLERS
from intents.resemblance import example_files, lines_by_kind
from intents.skill import Skill
from intents.talk_likeness import talk_intent
from models.store import Store
from tests.conftest import MORNING

CASES = yaml.safe_load((Path(__file__).parent / "talk" / "en.yaml").read_text(encoding="utf-8"))
SETTINGS = load_yaml("talk/en.yaml")


@pytest.mark.parametrize(("text", "name"), [(c, g["intent"]) for g in CASES["answers"]
                                            for c in g["cases"]])
def test_a_turn_is_answered_by_the_kind_it_reads_like(text: str, name: str) -> None:
    found = talk_intent(text)
    assert found is not None and found.name == name, f"{text!r} -> {found}"


@pytest.mark.parametrize("text", CASES["none"])
def test_words_like_no_kind_are_left_to_the_fallback(text: str) -> None:
    assert talk_intent(text) is None


def test_every_answer_has_examples_and_a_handler() -> None:
    kinds = {kind for kind, _ in lines_by_kind(example_files("en", "talk"))}
    assert set(SETTINGS["answers"]) <= kinds
    assert all(a["intent"] in HANDLERS for a in SETTINGS["answers"].values())


def test_a_guess_never_answers_or_drops_an_open_question() -> None:
    store = Store.memory()
    skill = Skill(store, rng=random.Random(3))
    skill.handle("I'm completely exhausted today", MORNING)
    asked = Dialogue(store, MORNING).pending()
    assert asked is not None
    later = MORNING + timedelta(seconds=20)
    turn = skill.handle("you got that completely wrong", later)
    assert turn.intent is None and Dialogue(store, later).pending() is not None
    store.close()
