"""Whisper's written text made plain: numbers in words the text layer reads, no punctuation
surprises, no sound labels, and phrases said over and over kept once."""

from __future__ import annotations

import pytest

from intents.skill import Skill
from intents.spoken_when import parse_when
from voice.spoken_numbers import numbers_in_words
from voice.whisper_text import collapse_repeats, spoken_text


@pytest.mark.parametrize(("written", "said"), [
    ("my mood is 7", "my mood is seven"),
    ("at 7:30", "at seven thirty"),
    ("at 7.30", "at seven thirty"),
    ("at 6:05", "at six oh five"),
    ("at 12:00", "at twelve"),
    ("for 3.5 hours", "for three point five hours"),
    ("the 2nd time", "the second time"),
    ("the 23rd", "the twenty third"),
    ("50% better", "fifty percent better"),
    ("1,250 steps", "one thousand two hundred fifty steps"),
    ("in 45 minutes", "in forty five minutes"),
    ("no numbers here", "no numbers here"),
    # Whisper writes "seven thirty" as "730" (heard from espeak-ng and flite voices)
    ("remind me at 730 to", "remind me at seven thirty to"),
    ("at 1015 pm", "at ten fifteen pm"),
    ("at 700 pm", "at seven pm"),
    ("at 100%", "at one hundred percent"),
    ("about 200 people", "about two hundred people"),
])
def test_numbers_are_said_in_words(written: str, said: str) -> None:
    assert numbers_in_words(written) == said


@pytest.mark.parametrize(("written", "said"), [
    (" I watered the plant.", "i watered the plant"),
    (" Remind me at 7:30 p.m. to take my tablets.",
     "remind me at seven thirty pm to take my tablets"),
    (" I’m okay -- sort of.", "i'm okay sort of"),
    (" Mm-hmm.", "mm-hmm"),
    (" I'd like a 10-minute walk.", "i'd like a ten minute walk"),
    ("[BLANK_AUDIO]", ""),
    (" (upbeat music) ♪", ""),
    (" *sighs* I made my bed.", "i made my bed"),
    (" I fed the cat. I fed the cat. I fed the cat.", "i fed the cat"),
])
def test_written_text_becomes_plain_spoken_words(written: str, said: str) -> None:
    assert spoken_text(written) == said


@pytest.mark.parametrize(("heard", "kept"), [
    ("the the the the plant", "the plant"),
    ("no no", "no no"),
    ("i made my bed i made my bed and ate", "i made my bed and ate"),
    ("i did the washing and the washing up", "i did the washing and the washing up"),
])
def test_repeats_collapse_but_a_double_word_stays(heard: str, kept: str) -> None:
    assert " ".join(collapse_repeats(heard.split())) == kept


@pytest.mark.parametrize(("written", "intent", "slots"), [
    (" My mood is 7.", "RateMood", {"score": 7}),
    (" Start breathing for 3 minutes.", "StartBreathing", {"minutes": 3}),
    (" I went outside for 5 minutes.", "LogWin", {"activities": ["went outside for five minutes"]}),
    (" Yes.", "Yes", {}),
    (" Not yet.", "NotYet", {}),
    (" No, I said I watered the plant, not the plan.", None, None),
])
def test_the_text_layer_reads_the_plain_text_as_the_words_said(
        skill: Skill, written: str, intent: str | None, slots: dict | None) -> None:
    """Same reading as for the words themselves; for a correction, the same as the written."""
    _, heard = skill.understand(spoken_text(written))
    _, said = skill.understand(written)
    assert heard is not None and said is not None
    assert heard.name == said.name
    if intent is not None:
        assert heard.name == intent and heard.slots == slots


@pytest.mark.parametrize(("written", "hour", "minute"), [
    ("remind me at 7:30 p.m.", 19, 30),
    ("remind me at 6:05 in the morning", 6, 5),
    ("remind me at 9 a.m.", 9, 0),
    ("remind me at 730", 7, 30),
])
def test_times_written_in_digits_are_parsed_from_their_words(written: str, hour: int,
                                                              minute: int) -> None:
    when = parse_when(spoken_text(written).removeprefix("remind me "))
    assert when is not None
    assert when.clock == f"{hour:02d}:{minute:02d}"
