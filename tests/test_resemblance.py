"""The resemblance check: a classifier fitted on a small example set, and how the screen uses
it only where no rule spoke."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from intents.data import load_yaml
from intents.resemblance import Classifier, Resemblance, examples, terms
from intents.safety import Safety, SafetyScreen

KINDS = yaml.safe_load((Path(__file__).parent / "safety" / "kinds.yaml").read_text("utf-8"))
RISK = frozenset(KINDS["risk"])
# Invented for this test: a risk kind and a quiet kind the real examples do not hold.
EXAMPLES = [
    ("check_in", "the purple kettle hums louder every single night"),
    ("check_in", "that purple kettle keeps humming through every night"),
    ("low_mood", "i made toast and sat by the window"),
    ("low_mood", "made some toast, sat at the window for a bit"),
]


def _screen(threshold: float) -> SafetyScreen:
    index = Resemblance.of(EXAMPLES, RISK, threshold)
    return SafetyScreen(load_yaml("safety/en.yaml"), "en", index)


def test_terms_are_words_and_neighbouring_pairs() -> None:
    assert terms("I made a cup of tea, tea!") == {
        "i": 1, "made": 1, "a": 1, "cup": 1, "of": 1, "tea": 2, "i made": 1, "made a": 1,
        "a cup": 1, "cup of": 1, "of tea": 1, "tea tea": 1}


def test_words_never_seen_in_the_examples_say_nothing_either_way() -> None:
    classifier = Classifier.fit(EXAMPLES, RISK, smoothing=0.1)
    unknown = classifier.likeness("zebras juggle oranges")
    assert unknown.score == pytest.approx(0.0)  # two risk lines, two quiet: even odds


def test_a_line_near_risk_examples_scores_above_one_near_quiet_ones() -> None:
    index = Resemblance.of(EXAMPLES, RISK, 0.3)
    near_risk = index.likeness("every night the purple kettle hums")
    near_quiet = index.likeness("sat by the window with my toast")
    assert near_risk.score > 0.3 > 0 > near_quiet.score
    assert near_risk.risk_kinds == ("check_in",) and near_quiet.risk_kinds == ()


def test_the_longest_sentence_is_read_on_its_own_too() -> None:
    index = Resemblance.of(EXAMPLES, RISK, 0.3)
    story = ("Went to the shop and bought bread and milk and a paper. "
             "Every night the purple kettle hums louder.")
    assert index.likeness(story).score > index.likeness(story.replace(". ", ", ")).score


def test_the_screen_asks_the_check_in_question_only_where_no_rule_spoke() -> None:
    screen = _screen(threshold=0.3)
    heard = screen.screen("every night the purple kettle hums")
    assert heard.level is Safety.CHECK_IN and heard.category == "resemblance"
    assert heard.findings[-1].concepts == ("check_in",)
    assert screen.screen("sat by the window with my toast").level is Safety.NONE
    ruled = screen.screen("I want to kill myself")  # the rules' own level and kind stand
    assert ruled.level is Safety.CRISIS and ruled.category != "resemblance"


@pytest.mark.parametrize("line", ["I would never hurt myself, the purple kettle just hums",
                                  "I used to want to die, now the purple kettle just hums"])
def test_a_denial_or_past_ideation_is_not_second_guessed(line: str) -> None:
    assert _screen(threshold=-1.0).screen(line).level is Safety.NONE


def test_the_risk_kinds_of_the_check_are_the_risk_kinds_of_the_corpora() -> None:
    assert set(load_yaml("safety/en.yaml")["resemblance"]["risk_kinds"]) == RISK
    kinds = {kind for kind, _ in examples()}
    assert kinds <= RISK | set(KINDS["quiet"]), kinds - RISK - set(KINDS["quiet"])


def test_explain_says_what_the_line_resembles() -> None:
    from intents.explain import explain

    said = "every night the purple kettle hums"
    lines = explain(said, _screen(threshold=0.3).screen(said), None)
    assert any(line.startswith("resembles:") and "check_in" in line for line in lines)


def test_a_few_words_are_not_compared() -> None:
    index = Resemblance.of(EXAMPLES, RISK, -1.0, min_words=6)
    screen = SafetyScreen(load_yaml("safety/en.yaml"), "en", index)
    assert screen.screen("purple kettle hums").level is Safety.NONE
    assert screen.screen("every night the purple kettle hums").level is Safety.CHECK_IN


def test_beside_an_idiom_set_aside_the_rest_only_has_a_win_confirmed_first() -> None:
    """The idiom accounts for its own clause; the clauses it does not touch are still read,
    and one that reads like risk keeps the turn from being stored at once, without the
    check-in question (an ordinary use explains its neighbours often enough)."""
    index = Resemblance(lambda: Classifier.fit(EXAMPLES, RISK, smoothing=0.1), threshold=0.3,
                        caution=0.3, min_words=3, caution_words=3)
    screen = SafetyScreen(load_yaml("safety/en.yaml"), "en", index)
    beside = screen.screen("I'm dying to see that film, every night the purple kettle hums")
    assert beside.masked and beside.level is Safety.NONE and beside.caution
    quiet = screen.screen("I'm dying to see that film, I sat by the window with my toast")
    assert quiet.masked and not quiet.caution


def test_a_check_that_cannot_load_leaves_the_rules_deciding_and_wins_confirmed() -> None:
    """A broken install (an example file gone) must not stop the screen."""
    def missing() -> Classifier:
        raise FileNotFoundError("intents/safety/examples/en/risk_kinds.yaml")

    index = Resemblance(missing, 0.3)
    screen = SafetyScreen(load_yaml("safety/en.yaml"), "en", index)
    heard = screen.screen("every night the purple kettle hums")
    assert heard.level is Safety.NONE and heard.caution
    assert screen.screen("I want to kill myself").level is Safety.CRISIS


def test_between_the_two_limits_a_high_score_only_has_a_win_confirmed_first() -> None:
    index = Resemblance(lambda: Classifier.fit(EXAMPLES, RISK, smoothing=0.1), threshold=0.3,
                        caution=0.3, min_words=6, caution_words=3)
    screen = SafetyScreen(load_yaml("safety/en.yaml"), "en", index)
    short = screen.screen("purple kettle hums")
    assert short.level is Safety.NONE and short.caution
    assert not screen.screen("kettle hums").caution  # under three words: not read at all
    assert screen.screen("every night the purple kettle hums").level is Safety.CHECK_IN


def test_one_clause_that_reads_like_risk_has_the_win_beside_it_confirmed_first() -> None:
    """The whole turn reads as a win; its second clause, read alone, does not."""
    index = Resemblance(lambda: Classifier.fit(EXAMPLES, RISK, smoothing=0.1), threshold=50.0,
                        caution=50.0, min_words=6, caution_words=3, clause_caution=0.3)
    screen = SafetyScreen(load_yaml("safety/en.yaml"), "en", index)
    assert screen.screen("I washed the car and the purple kettle hums").caution
    assert not screen.screen("I washed the car and then I fed the cat").caution
    assert not screen.screen("the purple kettle hums").caution  # one clause: the whole decides
