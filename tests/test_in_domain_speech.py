"""In-domain speech: our own utterances in synthetic voices with kitchen noise at 15 dB,
through the whole path (recogniser with the grammar from our templates, safety screen,
intent matcher): the embedded default on espeak-ng's and flite's voices, and Whisper tiny.en on
Piper's neural voice. See bench/in_domain.py; its figures are in the README."""

from __future__ import annotations

import pytest

from bench import synth
from bench.engines import available, bundled_whisper, private_paths
from bench.in_domain import Outcome, fresh_hearing, load_noise, load_utterances, run
from tests.conftest import shared
from voice.hearing import Hearing

SNR_DB = 15.0
TARGET = 0.95
# Measured with PocketSphinx (the embedded default) at 15 dB; a change that loses accuracy
# fails here. espeak-ng's formant voices are far from human speech for the acoustic model.
ESPEAK_FLOOR = 0.55  # measured 0.646 (en-us 70.8%, en-gb 58.5%)
FLITE_FLOOR = 0.40  # measured 0.523 on slt
# Everyday lines misheard into words that read as risk and screened (the target is none):
# measured 2 of 195, both "today I want to go for a walk": heard by the free pass as "today i
# want to go through it off" (en-us) and as "today i want to go far enough" (flite's slt), which
# the resemblance check asks about. The second has come since a close grammar reading ("today i
# went to bed on time") no longer wins over a free pass the screen has something to say of: the
# grammar must never turn risk words into an everyday sentence, and this is what that costs.
# Taught ordinary outings as quiet examples, the check stopped asking about both, but stopped
# catching three risk lines of going too (README, "Measured and not kept").
FALSE_ALARM_CEILING = 2
# Measured with Whisper tiny.en on Piper's "joe" at its own pace, 15 dB: 81.5% (53 of 65; 80.0%
# before a deed heard in the present was read in the past, and asked about). One crisis line is
# lost to Whisper ("I want to die" heard as "i went to die").
WHISPER_PIPER_FLOOR = 0.78

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not synth.available(), reason="espeak-ng is not installed"),
]


def _share(outcomes: list[Outcome]) -> float:
    return sum(o.right for o in outcomes) / len(outcomes)


def pocketsphinx(tmp_path_factory: pytest.TempPathFactory) -> Hearing:
    """A fresh hearing on the embedded default, in a home of its own."""
    return fresh_hearing("pocketsphinx", private_paths(tmp_path_factory.mktemp("home")))


@pytest.fixture(scope="module")
def espeak(tmp_path_factory: pytest.TempPathFactory) -> list[Outcome]:
    shared("speech-to-intent/kitchen.wav")
    # two of the four voices (US and UK), to keep CI's run short; bench.in_domain runs all
    return run(pocketsphinx(tmp_path_factory), load_utterances(), synth.voices()[:2],
               load_noise(), SNR_DB)


@pytest.fixture(scope="module")
def flite(tmp_path_factory: pytest.TempPathFactory) -> list[Outcome]:
    voices = synth.flite_voices()[:1]  # slt; bench.in_domain --flite 3 runs all three
    if not voices:
        pytest.skip("flite is not installed")
    shared("speech-to-intent/kitchen.wav")
    return run(pocketsphinx(tmp_path_factory), load_utterances(), voices, load_noise(), SNR_DB)


@pytest.fixture(scope="module")
def whisper_on_piper(tmp_path_factory: pytest.TempPathFactory) -> list[Outcome]:
    voices = synth.piper_voices()[:1]
    model = bundled_whisper()
    if not voices or model is None:
        pytest.skip("Piper's voice or the Whisper tiny.en weights are not installed (test extra)")
    paths = private_paths(tmp_path_factory.mktemp("whisper-home"), model)
    if "whisper" not in available(paths):
        pytest.skip("faster-whisper is not installed (test extra)")
    shared("speech-to-intent/kitchen.wav")
    return run(fresh_hearing("whisper", paths), load_utterances(), voices, load_noise(), SNR_DB)


def test_the_set_is_large_and_covers_every_kind() -> None:
    utterances = load_utterances()
    assert len(utterances) >= 60
    intents = {u.get("intent") for u in utterances}
    assert {"LogWin", "SetIntention", "RateMood", "StartBreathing", "Stop", "Help",
            "Setback"} <= intents
    assert sum("safety" in u for u in utterances) >= 8


def _false_alarms(outcomes: list[Outcome]) -> list[tuple[str, str, str]]:
    """Everyday lines screened as risk from what was heard, with what was heard."""
    return [(o.voice, o.text, o.heard) for o in outcomes if not o.is_crisis_line and o.screened]


def test_misheard_speech_raises_no_more_false_alarms_than_measured(
        espeak: list[Outcome], flite: list[Outcome], capsys: pytest.CaptureFixture[str]) -> None:
    """A change that lets more misheard everyday lines through as risk fails here."""
    alarms = _false_alarms(espeak + flite)
    with capsys.disabled():
        print(f"\neveryday lines screened from audio: {len(alarms)}", *alarms, sep="\n  ")
    assert len(alarms) <= FALSE_ALARM_CEILING


@pytest.mark.xfail(strict=True, reason="two everyday lines, misheard at 15 dB, read as risk "
                   "('today i want to go through it off', 'today i want to go far enough'); "
                   "the figures are in the README")
def test_nothing_safe_is_screened_as_a_crisis_from_audio(espeak: list[Outcome],
                                                         flite: list[Outcome]) -> None:
    """Misheard speech must not raise a false alarm: no everyday line is screened."""
    assert _false_alarms(espeak + flite) == []


def test_espeak_voices_stay_above_the_measured_floor(espeak: list[Outcome]) -> None:
    assert _share(espeak) >= ESPEAK_FLOOR


def test_flite_voices_stay_above_the_measured_floor(flite: list[Outcome]) -> None:
    assert _share(flite) >= FLITE_FLOOR


@pytest.mark.xfail(strict=True, reason="the 95% target is not met with PocketSphinx on these "
                   "synthetic voices at 15 dB; the figures are in the README")
def test_intent_and_key_slot_right_for_95_percent(espeak: list[Outcome],
                                                   flite: list[Outcome]) -> None:
    assert _share(espeak) >= TARGET and _share(flite) >= TARGET


@pytest.mark.xfail(strict=True, reason="some crisis lines are misheard by PocketSphinx on "
                   "synthetic voices at 15 dB; the figures are in the README")
def test_every_crisis_line_is_screened_from_the_audio(espeak: list[Outcome],
                                                      flite: list[Outcome]) -> None:
    missed = [(o.voice, o.text) for o in espeak + flite if o.is_crisis_line and not o.right]
    assert missed == []


def test_whisper_on_a_neural_voice_stays_above_the_measured_floor(
        whisper_on_piper: list[Outcome]) -> None:
    assert _share(whisper_on_piper) >= WHISPER_PIPER_FLOOR


def test_whisper_on_a_neural_voice_raises_no_false_alarm(
        whisper_on_piper: list[Outcome]) -> None:
    assert _false_alarms(whisper_on_piper) == []
