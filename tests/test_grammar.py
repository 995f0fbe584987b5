"""Templates to grammars: factored JSGF for PocketSphinx, phrase lists for Vosk."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from hassil import Intents, recognize_best

from voice.grammar import GrammarError, build_grammar
from voice.recognizers.pocketsphinx_engine import PocketSphinxRecognizer

FIXTURES = Path(__file__).parent / "fixtures"
RHASSPY = Path(__file__).parents[1].parent / "shared" / "data" / "rhasspy-test"


def intents_from(text: str) -> Intents:
    return Intents.from_dict(yaml.safe_load(text))


@pytest.fixture(scope="module")
def dictionary() -> PocketSphinxRecognizer:
    return PocketSphinxRecognizer()


def test_rhasspy_grammar_is_factored_into_shared_rules() -> None:
    grammar = build_grammar(Intents.from_files([FIXTURES / "rhasspy_en.yaml"]))
    lines = grammar.jsgf.splitlines()
    assert lines[0] == "#JSGF V1.0 UTF-8;"
    assert "<list_light_name> = living room lamp | garage light | bedroom light;" in lines
    assert "<list_color> = red | green | blue;" in lines
    assert (
        "<intent_ChangeLightState> = turn <list_state> [ the ] <list_light_name>"
        " | turn [ the ] <list_light_name> <list_state>;"
    ) in lines
    assert sum(line.startswith("<list_color>") for line in lines) == 1
    assert len(lines) == 12  # header, top rule, 5 intents, 4 lists, grammar name


def test_rhasspy_phrases_are_exactly_the_recorded_sentences() -> None:
    if not RHASSPY.is_dir():
        pytest.skip(f"shared data not found at {RHASSPY}")
    grammar = build_grammar(Intents.from_files([FIXTURES / "rhasspy_en.yaml"]))
    spoken = {json.loads(p.read_text())["text"] for p in (RHASSPY / "wav/en").glob("*.json")}
    assert set(grammar.phrases) == spoken
    assert grammar.vosk_grammar()[-1] == "[unk]"


def test_words_written_together_are_spelled_out() -> None:
    grammar = build_grammar(
        intents_from("""
language: en
expansion_rules:
  lights: "light[s]"
intents:
  Lights:
    data:
      - sentences: ["turn on the <lights> please", "(switch|turn)ed off"]
""")
    )
    assert "<rule_lights> = light | lights;" in grammar.jsgf
    assert set(grammar.phrases) == {
        "turn on the light please",
        "turn on the lights please",
        "switched off",
        "turned off",
    }


def test_permutations_ranges_and_local_lists() -> None:
    grammar = build_grammar(
        intents_from("""
language: en
lists:
  minutes: {range: {from: 1, to: 3}}
intents:
  Timer:
    data:
      - sentences: ["(set;a timer) for {minutes} {unit}"]
        lists:
          unit: {values: [minutes, seconds]}
""")
    )
    assert "<list_Timer_0_unit> = minutes | seconds;" in grammar.jsgf
    assert "<list_minutes> = one | two | three;" in grammar.jsgf
    assert "a timer set for two seconds" in grammar.phrases
    assert len(grammar.phrases) == 2 * 3 * 2


WINS = """
language: en
lists:
  activity: {wildcard: true}
intents:
  LogWin:
    data:
      - sentences: ["i (just|) {activity}"]
  Undo:
    data:
      - sentences: ["undo [that]"]
"""


def test_wildcard_sentences_are_left_out_and_reported() -> None:
    grammar = build_grammar(intents_from(WINS))
    assert [s.intent for s in grammar.skipped] == ["LogWin"]
    assert "wildcard" in grammar.skipped[0].reason
    assert grammar.phrases == ("undo", "undo that")


def test_known_values_can_stand_in_for_a_wildcard() -> None:
    grammar = build_grammar(
        intents_from(WINS), wildcard_values={"activity": ["walked the dog", "drank water"]}
    )
    assert not grammar.skipped
    assert "i just drank water" in grammar.phrases
    result = recognize_best("i just drank water", intents_from(WINS))
    assert result is not None and result.entities["activity"].value == "drank water"


def test_words_missing_from_the_dictionary_are_reported(dictionary) -> None:
    grammar = build_grammar(
        intents_from("""
language: en
intents:
  Greet:
    data:
      - sentences: ["(hello|hullaballoozle) there", "What's up?"]
"""),
        known_word=dictionary.knows,
    )
    assert grammar.missing_words == ("hullaballoozle",)
    assert grammar.phrases == ("hello there", "what's up")


def test_nothing_left_is_an_error(dictionary) -> None:
    with pytest.raises(GrammarError, match="unknown words: qxzzy"):
        build_grammar(
            intents_from("language: en\nintents:\n  A:\n    data:\n      - sentences: [qxzzy]\n"),
            known_word=dictionary.knows,
        )


def test_pocketsphinx_accepts_the_grammar(dictionary) -> None:
    grammar = build_grammar(Intents.from_files([FIXTURES / "rhasspy_en.yaml"]))
    PocketSphinxRecognizer(grammar.jsgf, decoder=dictionary.decoder)  # raises if rejected
