"""Each benchmark runs once on a small sample and prints its table: proof that it still works.
Nothing here asserts on speed or accuracy; the figures are in the README."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
import yaml
from hassil import Intents, recognize_best

from bench import (
    coffee,
    endpoint,
    idle,
    in_domain,
    latency,
    rhasspy,
    rhino,
    store,
    synth,
    understand,
)
from bench.mixing import to_pcm16

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
COFFEE = DATA / "speech-to-intent"


def need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"shared data not found at {path}")
    return path


def test_rhino_choices_optionals_and_slots_become_hassil() -> None:
    assert rhino.tokens("[brew, Get me] (please) $size:size a $drink:order") == (
        "(brew|get me)", "[please]", "{size}", "a", "{drink:order}")


def test_factoring_says_exactly_what_the_templates_say() -> None:
    templates = [("i", "want", "{a}", "{b}", "tea"), ("i", "want", "{b}", "{a}", "tea"),
                 ("i", "want", "{a}", "tea"), ("i", "want", "tea", "with", "{m}")]
    factored = rhino.factor(templates)
    intents = Intents.from_dict({
        "language": "en",
        "intents": {"Order": {"data": [{"sentences": [factored]}]}},
        "lists": {name: {"values": [name.upper() + "x"]} for name in ("a", "b", "m")},
    })
    said = {"i want ax bx tea", "i want bx ax tea", "i want ax tea", "i want tea with mx"}
    assert all(recognize_best(text, intents) for text in said)
    assert not recognize_best("i want bx tea", intents)


def test_the_coffee_grammar_converts_to_one_sentence_that_parses_an_order() -> None:
    converted = rhino.load(need(COFFEE / "coffee_maker.yaml"))
    intents = Intents.from_dict(yaml.safe_load(yaml.safe_dump(converted.as_hassil())))
    result = recognize_best("can i get a large double shot latte with a bit of soy milk", intents)
    assert result is not None and result.intent.name == "orderDrink"
    assert {k: e.value for k, e in result.entities.items()} == {
        "size": "large", "numberOfShots": "double shot", "coffeeDrink": "latte",
        "milkAmount": "a bit of soy milk"}


def test_label_values_are_compared_without_stray_spaces() -> None:
    assert coffee.accepted({"milkAmount": "soy milk", "size": "large"}, {"milkAmount": " soy milk"})
    assert not coffee.accepted({"milkAmount": "milk"}, {"milkAmount": " soy milk"})
    assert not coffee.accepted(None, {})


@pytest.mark.slow
def test_coffee_benchmark_runs_on_two_clips(capsys: pytest.CaptureFixture[str]) -> None:
    need(COFFEE)
    coffee.main(["--limit", "2", "--levels", "24,6", "--workers", "1"])
    out = capsys.readouterr().out
    assert re.search(r"^\s+24 dB\s+2\s", out, re.M) and re.search(r"^\s+6 dB\s+2\s", out, re.M)
    assert re.fullmatch(r"acceptance: \d+\.\d%", out.strip().splitlines()[-1])


def test_a_long_pause_splits_a_recording_only_when_the_wait_is_shorter() -> None:
    if not synth.available():
        pytest.skip("espeak-ng is not installed")
    voice = synth.voices()[0]
    pause = np.zeros(int(0.5 * 16000))
    spoken = np.concatenate([synth.render("I watered the plant", voice), pause,
                             synth.render("and made a cup of tea", voice)])
    clip = endpoint.Clip("two phrases", "espeak-ng", np.frombuffer(to_pcm16(spoken), "<i2"))
    assert endpoint.ending(clip, 0.6).pieces == 2
    assert endpoint.ending(clip, 1.6).pieces == 1


def test_endpoint_benchmark_runs_on_two_of_each(capsys: pytest.CaptureFixture[str]) -> None:
    need(COFFEE)
    need(DATA / "rhasspy-test")
    if not synth.available():
        pytest.skip("espeak-ng is not installed")
    endpoint.main(["--limit", "2", "--waits", "0.6"])
    out = capsys.readouterr().out
    for source in ("coffee orders", "rhasspy-test", "espeak-ng"):
        assert re.search(rf"^{source}[\w -]* +2 +0\.60 ", out, re.M), source


@pytest.mark.slow
def test_rhasspy_benchmark_runs_on_three_files(capsys: pytest.CaptureFixture[str]) -> None:
    need(DATA / "rhasspy-test")
    rhasspy.main(["--limit", "3"])
    out = capsys.readouterr().out
    assert "plain PocketSphinx" in out and "Rhasspy 2.5, Kaldi (published)" in out
    assert re.fullmatch(r"rhasspy: \d+/3 at \d+\.\dx real time", out.strip().splitlines()[-1])


@pytest.mark.slow
def test_latency_benchmark_runs_unpaced_on_two_utterances(
        capsys: pytest.CaptureFixture[str]) -> None:
    if not synth.available():
        pytest.skip("espeak-ng is not installed")
    latency.main(["--limit", "2", "--no-pace"])
    out = capsys.readouterr().out
    for stage in ("endpoint wait", "decoding", "understanding", "speech synthesis"):
        assert stage in out
    assert re.search(r"^pocketsphinx +\d+\.\d{3} ", out, re.M)  # a row of the engine table
    assert out.strip().splitlines()[-1].startswith("latency: endpoint to reply pocketsphinx ")


@pytest.mark.slow
def test_in_domain_benchmark_runs_every_engine_on_two_utterances(
        capsys: pytest.CaptureFixture[str]) -> None:
    if not synth.available():
        pytest.skip("espeak-ng is not installed")
    need(COFFEE / "kitchen.wav")
    in_domain.main(["--limit", "2", "--espeak", "1", "--levels", "15"])
    out = capsys.readouterr().out
    assert re.search(r"^pocketsphinx +\d+\.\d% ", out, re.M)
    assert re.fullmatch(r"in-domain: pocketsphinx \d+\.\d%.*", out.strip().splitlines()[-1])


@pytest.mark.slow
def test_idle_benchmark_runs_the_real_command_for_a_few_seconds(
        capsys: pytest.CaptureFixture[str]) -> None:
    need(DATA / "wake-word")
    idle.main(["--minutes", "0.1", "--no-realtime"])
    out = capsys.readouterr().out
    assert "false wakes" in out
    assert re.fullmatch(r"idle: \d+\.\d\d% of one core, \d+ MB, \d+ false wakes",
                        out.strip().splitlines()[-1])


def test_store_benchmark_runs_on_a_small_history(capsys: pytest.CaptureFixture[str]) -> None:
    store.main(["--wins", "5", "--history", "500", "--years", "1", "--repeats", "3"])
    out = capsys.readouterr().out
    assert "'synchronous': 2" in out and "weekly look back job" in out
    assert re.fullmatch(r"store: durable win \d+\.\d ms, weekly look back \d+\.\d ms",
                        out.strip().splitlines()[-1])


def test_understand_benchmark_runs_on_a_few_lines(capsys: pytest.CaptureFixture[str]) -> None:
    understand.main(["--limit", "5", "--repeats", "1"])
    out = capsys.readouterr().out
    assert "lines: 5;" in out and re.search(r"^warm\s+\d+\.\d\d\s", out, re.M)
    assert re.fullmatch(r"understand: median \d+\.\d\d ms, p95 \d+\.\d\d ms per utterance \(cold\)",
                        out.strip().splitlines()[-1])
