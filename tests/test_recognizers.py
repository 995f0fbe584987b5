"""PocketSphinx on real recordings, bad input through the recognizer, two passes, engine choice."""

from __future__ import annotations

import json
import wave
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from hassil import Intents, recognize_best

from voice.audio import AudioError, WavSource, read_all
from voice.config import Settings
from voice.grammar import build_grammar
from voice.paths import Paths
from voice.recognizers import RecognizerError, build_recognizer, choose_engine, transcribe
from voice.recognizers.pocketsphinx_engine import PocketSphinxRecognizer
from voice.recognizers.two_pass import (
    CloseEnough,
    GrammarAccept,
    ReadBack,
    TwoPassRecognizer,
    parses_with,
    whole_sentences,
)
from voice.transcript import Transcript

FIXTURES = Path(__file__).parent / "fixtures"
DATA = Path(__file__).parents[1].parent / "shared" / "data"
RHASSPY_WAVS = DATA / "rhasspy-test" / "wav" / "en"
COFFEE_WAVS = DATA / "speech-to-intent" / "clean"
SAMPLE = RHASSPY_WAVS / "turn_on_the_garage_light.wav"


def need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"shared data not found at {path}")
    return path


@pytest.fixture(scope="module")
def intents() -> Intents:
    return Intents.from_files([FIXTURES / "rhasspy_en.yaml"])


@pytest.fixture(scope="module")
def free() -> PocketSphinxRecognizer:
    return PocketSphinxRecognizer()


@pytest.fixture(scope="module")
def commands(intents: Intents, free: PocketSphinxRecognizer) -> PocketSphinxRecognizer:
    grammar = build_grammar(intents, known_word=free.knows)
    assert not grammar.missing_words and not grammar.skipped
    return PocketSphinxRecognizer(grammar.jsgf, decoder=free.decoder)


def understood(text: str, intents: Intents) -> tuple[str, dict[str, str]] | None:
    result = recognize_best(text, intents)
    if result is None:
        return None
    return result.intent.name, {name: str(e.value) for name, e in result.entities.items()}


@pytest.mark.slow
def test_rhasspy_recordings_49_of_49(intents: Intents, commands: PocketSphinxRecognizer) -> None:
    wavs = sorted(need(RHASSPY_WAVS).glob("*.wav"))
    assert len(wavs) == 49
    wrong, audio, busy = [], 0.0, 0.0
    for wav in wavs:
        expected = json.loads(wav.with_suffix(".json").read_text())
        heard = transcribe(commands, WavSource(wav).chunks())
        audio += heard.audio_seconds
        busy += heard.decode_seconds
        want = (expected["intent"]["name"], {k: v.strip() for k, v in expected["slots"].items()})
        if understood(heard.text, intents) != want:
            wrong.append((wav.name, heard.text))
    assert wrong == []
    assert audio / busy > 10  # faster than real time with room to spare (measured ~55x)


def write_variant(source: Path, target: Path, rate: int, channels: int) -> Path:
    """A real recording re-recorded at another rate / channel count, with numpy."""
    samples = read_all(WavSource(source)).astype(np.float64)
    t_in = np.arange(samples.size) / 16000
    t_out = np.arange(int(samples.size * rate / 16000)) / rate
    resampled = np.interp(t_out, t_in, samples)
    frames = np.repeat(resampled[:, None], channels, axis=1)
    with wave.open(str(target), "wb") as out:
        out.setnchannels(channels)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(np.clip(frames, -32768, 32767).astype("<i2").tobytes())
    return target


@pytest.mark.slow
@pytest.mark.parametrize(("rate", "channels"), [(8000, 1), (16000, 2), (44100, 1), (44100, 2)])
def test_other_rates_and_channels_decode_the_same(
    tmp_path: Path, intents: Intents, commands, rate: int, channels: int
) -> None:
    wav = write_variant(need(SAMPLE), tmp_path / "v.wav", rate, channels)
    heard = transcribe(commands, WavSource(wav).chunks())
    assert understood(heard.text, intents) == (
        "ChangeLightState",
        {"state": "on", "name": "garage light"},
    )


@pytest.mark.slow
def test_silence_gives_nothing_to_act_on(tmp_path: Path, intents: Intents, free, commands):
    path = tmp_path / "quiet.wav"
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16000)
        out.writeframes(bytes(3 * 32000))
    two_pass = TwoPassRecognizer(commands, free, GrammarAccept(parses_with(intents), 0.65))
    heard = transcribe(two_pass, WavSource(path).chunks())
    assert understood(heard.text, intents) is None


@pytest.mark.slow
def test_truncated_and_text_files_fail_clearly(tmp_path: Path, commands) -> None:
    cut = tmp_path / "cut.wav"
    cut.write_bytes(need(SAMPLE).read_bytes()[:30000])
    with pytest.raises(AudioError, match="truncated"):
        transcribe(commands, WavSource(cut).chunks())
    text = tmp_path / "text.wav"
    text.write_text("turn on the garage light")
    with pytest.raises(AudioError, match="not a WAV file"):
        transcribe(commands, WavSource(text).chunks())
    # transcribe closed each interrupted utterance: the decoder takes the next one
    heard = transcribe(commands, WavSource(need(SAMPLE)).chunks())
    assert heard.text


@pytest.mark.slow
def test_two_pass_keeps_commands_and_frees_other_speech(intents, free, commands) -> None:
    """Recorded commands stay with the grammar; coffee orders (no command) go to the LM."""
    parses = parses_with(intents)
    two_pass = TwoPassRecognizer(commands, free, GrammarAccept(parses, 0.65),
                                 prefer_grammar=CloseEnough(parses, 0.6, lambda text: False))
    for wav in sorted(need(RHASSPY_WAVS).glob("*.wav"))[::6]:
        heard = transcribe(two_pass, WavSource(wav).chunks())
        assert not two_pass.used_free_pass, (wav.name, heard)
        assert heard.confidence >= 0.65
    for wav in sorted(need(COFFEE_WAVS).glob("*.wav"))[:3]:
        heard = transcribe(two_pass, WavSource(wav).chunks())
        assert two_pass.used_free_pass, (wav.name, heard)
        assert understood(heard.text, intents) is None
        assert len(heard.text.split()) >= 3


def test_two_pass_says_nothing_when_too_long_to_replay(intents, free, commands) -> None:
    two_pass = TwoPassRecognizer(commands, free, GrammarAccept(parses_with(intents), 0.65), 0.5)
    noise = (np.random.default_rng(0).normal(0, 3000, 16000).astype("<i2")).tobytes()
    heard = transcribe(two_pass, [noise[i : i + 640] for i in range(0, len(noise), 640)])
    assert heard.text == "" and not two_pass.used_free_pass


def paths_in(tmp_path: Path) -> Paths:
    return Paths(config_dir=tmp_path / "config", data_dir=tmp_path / "data")


def test_auto_is_pocketsphinx_without_a_vosk_model(tmp_path: Path) -> None:
    assert choose_engine(Settings(engine="auto"), paths_in(tmp_path)) == "pocketsphinx"


def test_auto_is_vosk_once_a_model_is_installed(tmp_path: Path) -> None:
    paths = paths_in(tmp_path)
    model = paths.models_dir / "vosk" / "vosk-model-small-en-us-0.15"
    for part in ("am", "conf", "graph"):
        (model / part).mkdir(parents=True)
    assert choose_engine(Settings(engine="auto"), paths) == "vosk"
    assert choose_engine(Settings(engine="PocketSphinx"), paths) == "pocketsphinx"


def test_unknown_engine_and_missing_vosk_model(tmp_path: Path, intents: Intents) -> None:
    with pytest.raises(RecognizerError, match="Unknown speech engine 'kaldi'"):
        choose_engine(Settings(engine="kaldi"), paths_in(tmp_path))
    with pytest.raises(RecognizerError, match="smallwins model install"):
        build_recognizer(Settings(engine="vosk"), paths_in(tmp_path), intents)


@pytest.mark.slow
def test_build_recognizer_hears_a_command(tmp_path: Path, intents: Intents) -> None:
    recognizer = build_recognizer(Settings(), paths_in(tmp_path), intents)
    heard = transcribe(recognizer, WavSource(need(SAMPLE)).chunks())
    assert heard.text == "turn on the garage light"


ORDERS = Intents.from_dict({
    "language": "en",
    "intents": {
        "Order": {"data": [{"sentences": ["[i'd like] a {drink} [with {extra}]"]}]},
        "Win": {"data": [{"sentences": ["i {activity}"]}]},
        "Undo": {"data": [{"sentences": ["undo [that]"]}]},
    },
    "lists": {
        "drink": {"values": ["latte", "mocha"]},
        "extra": {"values": ["sugar", "soy milk"]},
        "activity": {"wildcard": True},
    },
})


class Scripted:
    """Stands in for an engine: returns the next transcript of its script."""

    def __init__(self, *texts: str) -> None:
        self.texts = list(texts)

    def start(self) -> None:
        pass

    def feed(self, chunk: bytes) -> None:
        pass

    def finish(self) -> Transcript:
        return Transcript(self.texts.pop(0), 0.2)


def read_back(flagged: Callable[[str], bool] = lambda text: False) -> ReadBack:
    return ReadBack(whole_sentences(ORDERS, frozenset({"Undo"})), flagged)


@pytest.mark.parametrize(("heard", "read"), [
    ("i'd like a mocha with sugar and", "i'd like a mocha with sugar"),
    ("i'd like a latte with soy", "i'd like a latte"),
    ("a mocha with sugar", "a mocha with sugar"),  # whole already
    ("i'd like a", "i'd like a"),  # nothing whole to read back to
    ("a latte and one two three four five", "a latte and one two three four five"),  # too far
    ("undo that and", "undo that and"),  # never toward what removes
    ("i walked the dog and", "i walked the dog and"),  # never toward an open slot
])
def test_a_cut_off_grammar_reading_is_read_back_to_a_whole_sentence(heard: str, read: str) -> None:
    got = read_back()(Transcript(heard, 0.3))
    assert got.text == read
    assert got.cut_off == ("" if read == heard else heard)


def test_nothing_is_read_back_when_the_screen_has_something_to_say_of_the_words() -> None:
    heard = Transcript("i'd like a latte with all my pills", 0.3)
    got = read_back(lambda text: "pills" in text)(heard)
    assert got.text == "i'd like a latte with all my pills" and not got.cut_off


def two_pass(grammar: str, free: str) -> Transcript:
    parses = parses_with(ORDERS)
    recognizer = TwoPassRecognizer(
        Scripted(grammar), Scripted(free), GrammarAccept(parses, 0.55),
        prefer_grammar=CloseEnough(parses, 0.6, lambda text: "pills" in text),
        read_back=read_back())
    return transcribe(recognizer, [b""])


def test_a_read_back_reading_stands_when_the_free_pass_heard_nearly_the_same() -> None:
    kept = two_pass("i'd like a mocha with sugar and", "i'd like a moka with sugar")
    assert (kept.text, kept.cut_off) == ("i'd like a mocha with sugar",
                                         "i'd like a mocha with sugar and")


@pytest.mark.parametrize(("grammar", "free"), [
    ("i'd like a mocha with sugar and", ""),  # the free pass heard nothing: nothing is kept
    ("i'd like a mocha with sugar", ""),  # nor a whole reading under the bar
    ("i'd like a latte with soy", "id like a latte with soy"),  # nearer what was cut off
    ("i'd like a latte with sugar", "i'd like a latte with sugar pills"),  # the screen's words
    ("i'd like a mocha with sugar and", "i took all my pills"),
])
def test_otherwise_the_free_pass_is_what_was_heard(grammar: str, free: str) -> None:
    heard = two_pass(grammar, free)
    assert heard.text == free and not heard.cut_off
