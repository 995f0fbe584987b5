"""The breathing planner: exact cue times, full breaths only, no holds, clear refusals."""

from __future__ import annotations

import re

import pytest

from voice.breathing_plan import (
    GENTLE_PATTERN,
    Breath,
    Pattern,
    PlanError,
    load_script,
    parse_pattern,
    plan_session,
)


@pytest.mark.parametrize("minutes", [1, 2, 3, 4, 5])
def test_default_pattern_cues_fall_on_0_4_10_14_for_the_whole_length(minutes: int) -> None:
    plan = plan_session(minutes)
    assert plan.breathing_seconds == 60 * minutes
    expected = []
    for start in range(0, 60 * minutes, 10):
        expected += [(start, Breath.IN), (start + 4, Breath.OUT)]
    assert [(c.at_seconds, c.kind) for c in plan.cues] == expected
    # the last breath out ends exactly when the breathing part does
    assert plan.cues[-1].at_seconds + 6 == plan.breathing_seconds


def test_default_is_two_minutes_of_4_6() -> None:
    plan = plan_session()
    assert str(plan.pattern) == "4-6" and plan.breathing_seconds == 120
    assert [c.at_seconds for c in plan.cues[:5]] == [0, 4, 10, 14, 20]


def test_words_for_the_first_breaths_then_tones() -> None:
    script = load_script()
    plan = plan_session(2)
    spoken = script.spoken_cycles * 2
    assert [c.text for c in plan.cues[:spoken]] == [
        script.breathe_in,
        script.breathe_out,
    ] * script.spoken_cycles
    assert spoken < len(plan.cues)
    assert all(c.text == "" for c in plan.cues[spoken:])


def test_gentle_pattern_cues_only_full_breaths_and_rests_for_the_remainder() -> None:
    plan = plan_session(1, GENTLE_PATTERN)
    ins = [c.at_seconds for c in plan.cues if c.kind is Breath.IN]
    outs = [c.at_seconds for c in plan.cues if c.kind is Breath.OUT]
    assert ins == [0, 8, 16, 24, 32, 40, 48]
    assert outs == [3, 11, 19, 27, 35, 43, 51]
    assert plan.breathing_seconds == 60


def test_opening_says_the_length_and_pattern_and_the_safety_lines() -> None:
    plan = plan_session(1, Pattern(5, 7))
    opening = " ".join(plan.opening).lower()
    assert "one minute." in opening
    assert "in for five seconds, and out for seven" in opening
    assert "comfortable" in opening
    assert "don't need to force" in opening
    assert "dizzy" in opening and "breathe normally" in opening
    assert "say stop" in opening
    assert "{" not in opening
    assert "two minutes" in " ".join(plan_session(2).opening)


def test_closing_ends_with_the_feeling_question_only_when_asked() -> None:
    question = load_script().feeling_question
    assert plan_session(1).closing[-1] == question
    assert question not in plan_session(1, ask_feeling=False).closing
    assert plan_session(1, ask_feeling=False).closing


def test_script_makes_calm_claims_only_and_never_asks_for_a_hold() -> None:
    script = load_script()
    words = " ".join(
        script.opening + script.closing + (script.breathe_in, script.breathe_out)
    ).lower()
    assert "may help" in words
    for claim in ("cure", "treat", "therapy", "heal", "will make you", "fix your"):
        assert claim not in words
    assert not re.search(r"\bhold", words)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("4-6", Pattern(4, 6)), (" 3 - 5 ", Pattern(3, 5)), ("gentle", GENTLE_PATTERN),
     ("default", Pattern(4, 6)), ("2-10", Pattern(2, 10)), ("10:2", Pattern(10, 2))],
)
def test_parse_pattern(text: str, expected: Pattern) -> None:
    assert parse_pattern(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("4-7-8", "hold"),
        ("4-4-4-4", "hold"),
        ("4-0-6", "hold"),
        ("1-6", "2 to 10 seconds"),
        ("4-11", "2 to 10 seconds"),
        ("0-6", "2 to 10 seconds"),
        ("4.5-6", "whole seconds"),
        ("four-six", "whole seconds"),
        ("4", "whole seconds"),
        ("", "whole seconds"),
        ("-4-6", "whole seconds"),
    ],
)
def test_bad_patterns_are_refused_clearly(text: str, message: str) -> None:
    with pytest.raises(PlanError, match=message):
        parse_pattern(text)


def test_a_pattern_cannot_be_built_out_of_range() -> None:
    with pytest.raises(PlanError, match="2 to 10 seconds"):
        Pattern(4, 12)


@pytest.mark.parametrize("minutes", [0, 6, -1, 60])
def test_lengths_outside_1_to_5_minutes_are_refused(minutes: int) -> None:
    with pytest.raises(PlanError, match="choose 1 to 5 minutes"):
        plan_session(minutes)


@pytest.mark.parametrize("minutes", [1.5, "2", True])
def test_lengths_must_be_whole_minutes(minutes: object) -> None:
    with pytest.raises(PlanError, match="whole number of minutes"):
        plan_session(minutes)  # type: ignore[arg-type]


@pytest.mark.parametrize("pattern", ["4-6", "3-5", "2-2", "10-10", "7-3"])
@pytest.mark.parametrize("minutes", [1, 5])
def test_no_plan_ever_holds_the_breath(pattern: str, minutes: int) -> None:
    """In and out alternate, and each breath out begins the moment the breath in ends."""
    parsed = parse_pattern(pattern)
    plan = plan_session(minutes, parsed)
    kinds = [c.kind for c in plan.cues]
    assert kinds == [Breath.IN, Breath.OUT] * (len(kinds) // 2)
    for before, after in zip(plan.cues, plan.cues[1:], strict=False):
        gap = after.at_seconds - before.at_seconds
        phase = parsed.inhale_seconds if before.kind is Breath.IN else parsed.exhale_seconds
        assert gap == phase
    assert plan.cues[-1].at_seconds + parsed.exhale_seconds <= plan.breathing_seconds
