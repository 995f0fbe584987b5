"""Speech recognizers behind one streaming interface, and the choice between them."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from hassil import Intents

from voice.config import Settings
from voice.grammar import build_grammar
from voice.paths import Paths
from voice.recognizers.base import Recognizer, RecognizerError, transcribe
from voice.recognizers.two_pass import (
    CloseEnough,
    GrammarAccept,
    ReadBack,
    TwoPassRecognizer,
    parses_with,
    whole_sentences,
)

__all__ = [
    "Choosing",
    "Recognizer",
    "RecognizerError",
    "build_recognizer",
    "choose_engine",
    "transcribe",
]

# whisper: Whisper hears everything, the templates read its text; whisper+grammar: the
# PocketSphinx grammar pass first, Whisper for what that pass sets aside.
ENGINES = ("auto", "pocketsphinx", "vosk", "whisper", "whisper+grammar")
# Below these, the grammar's reading is set aside and the general model hears the utterance.
# PocketSphinx: on rhasspy-test's grammar, right sentences scored 0.78-0.85 and other speech
# at most 0.53; on the product grammar, real coffee orders and wake-word clips (other speech)
# at most 0.50, and our own sentences in espeak-ng voices at 15 dB mostly 0.50-0.65. At 0.55
# no other speech became a command, and half of our sentences skip the second decode.
POCKETSPHINX_MIN_CONFIDENCE = 0.55
# Vosk: mean word confidence; not measured on English speech (no English model here).
VOSK_MIN_CONFIDENCE = 0.7
# Below the bar, the grammar's reading is still kept when the free pass heard nearly the same
# (character similarity); measured on the in-domain speech set (bench/in_domain.py).
CLOSE_ENOUGH = 0.6
# What `auto` picks when a Whisper model is installed. Measured (README, "Speech engines side
# by side"): whisper+grammar was 8.5 points better at 15 dB on our synthetic sentences but
# replied 2.4 times later, and its grammar holds the crisis phrasings, a bias toward alarming
# sentences that Whisper alone does not have.
AUTO_WHISPER = "whisper"


def choose_engine(settings: Settings, paths: Paths) -> str:
    """`auto` is Whisper when a Whisper model is installed and faster-whisper can run it,
    else Vosk when a Vosk model is, else PocketSphinx."""
    from importlib.util import find_spec

    from voice import vosk_models, whisper_models

    engine = settings.engine.strip().lower()
    if engine not in ENGINES:
        raise RecognizerError(
            f"Unknown speech engine '{settings.engine}'; choose one of {', '.join(ENGINES)}."
        )
    if engine == "auto":
        if whisper_models.find_model(paths) is not None and find_spec("faster_whisper"):
            return AUTO_WHISPER
        return "vosk" if vosk_models.find_model(paths) is not None else "pocketsphinx"
    return engine


Phrases = Mapping[str, Iterable[str]]


@dataclass(frozen=True)
class Choosing:
    """How a grammar pass's reading is weighed against the free pass's: `understood` says a
    reading is a whole sentence, `flagged` that the screen has something to say of words, and
    `never_read_back` names intents a cut-off reading is never read back to."""

    understood: Callable[[str], bool]
    flagged: Callable[[str], bool]
    never_read_back: frozenset[str] = frozenset()

    def close_enough(self) -> CloseEnough:
        return CloseEnough(self.understood, CLOSE_ENOUGH, self.flagged)

    def read_back(self, intents: Intents) -> ReadBack:
        whole = whole_sentences(intents, self.never_read_back)
        return ReadBack(lambda text: whole(text) and self.understood(text), self.flagged)


def _nothing_flagged(text: str) -> bool:
    return False


def build_recognizer(
    settings: Settings,
    paths: Paths,
    intents: Intents,
    wildcard_values: Phrases | None = None,
    choosing: Choosing | None = None,
) -> Recognizer:
    """The grammar built from `intents` first, the engine's general model as the fallback;
    Whisper alone hears everything, and the templates read its text afterwards.

    `wildcard_values` puts known phrases for open slots ("I {activity}") into the grammar;
    `choosing` weighs the two passes' readings (default: a template matches, nothing flagged).
    """
    choosing = choosing or Choosing(parses_with(intents), _nothing_flagged)
    engine = choose_engine(settings, paths)
    if engine == "vosk":
        return _vosk(paths, intents, choosing, wildcard_values)
    if engine == "whisper":
        return _whisper(paths)
    if engine == "whisper+grammar":
        commands = _pocketsphinx_grammar(intents, wildcard_values)
        return _two_pass(commands, _whisper(paths), intents, choosing,
                         POCKETSPHINX_MIN_CONFIDENCE)
    return _pocketsphinx(intents, choosing, wildcard_values)


def _two_pass(commands: Recognizer, free: Recognizer, intents: Intents, choosing: Choosing,
              min_confidence: float) -> TwoPassRecognizer:
    return TwoPassRecognizer(commands, free, GrammarAccept(choosing.understood, min_confidence),
                             prefer_grammar=choosing.close_enough(),
                             read_back=choosing.read_back(intents))


def _whisper(paths: Paths) -> Recognizer:
    from voice.recognizers.whisper_engine import INSTALL_HINT, WhisperRecognizer, load_model
    from voice.whisper_models import find_model

    folder = find_model(paths)
    if folder is None:
        raise RecognizerError(f"The Whisper engine is chosen but no Whisper model is "
                              f"installed. {INSTALL_HINT} Or set engine = \"pocketsphinx\".")
    return WhisperRecognizer(load_model(folder))


def _pocketsphinx_grammar(intents: Intents, wildcard_values: Phrases | None) -> Recognizer:
    """The grammar pass alone, on a decoder without the general language model."""
    from voice.recognizers.pocketsphinx_engine import PocketSphinxRecognizer, new_decoder

    decoder = new_decoder(language_model=False)
    grammar = build_grammar(intents, known_word=lambda word: decoder.lookup_word(word) is not None,
                            wildcard_values=wildcard_values)
    return PocketSphinxRecognizer(grammar.jsgf, decoder=decoder)


def _pocketsphinx(
    intents: Intents, choosing: Choosing, wildcard_values: Phrases | None = None
) -> Recognizer:
    from voice.recognizers.pocketsphinx_engine import PocketSphinxRecognizer, new_decoder

    # One decoder for both passes; its general language model (66 MB) is loaded only when
    # the first utterance needs the free pass.
    free = PocketSphinxRecognizer(decoder=new_decoder(language_model=False))
    grammar = build_grammar(intents, known_word=free.knows, wildcard_values=wildcard_values)
    commands = PocketSphinxRecognizer(grammar.jsgf, decoder=free.decoder)
    return _two_pass(commands, free, intents, choosing, POCKETSPHINX_MIN_CONFIDENCE)


def _vosk(
    paths: Paths,
    intents: Intents,
    choosing: Choosing,
    wildcard_values: Phrases | None = None,
) -> Recognizer:
    from voice.recognizers.vosk_engine import VoskRecognizer, load_model
    from voice.vosk_models import find_model

    folder = find_model(paths)
    if folder is None:
        raise RecognizerError(
            "The Vosk engine is chosen but no Vosk model is installed. Run "
            "`smallwins model install` (or `smallwins model install --from PATH`), "
            'or set engine = "pocketsphinx".'
        )
    model = load_model(folder)
    free = VoskRecognizer(model)
    grammar = build_grammar(intents, known_word=free.knows, wildcard_values=wildcard_values)
    unknown = "[unk]" if free.knows("[unk]") else None
    commands = VoskRecognizer(model, grammar.vosk_grammar(unknown))
    return _two_pass(commands, free, intents, choosing, VOSK_MIN_CONFIDENCE)
