"""Vosk (Kaldi) recognizer over a model folder on disk; never fetches anything."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from voice.audio import SAMPLE_RATE, seconds
from voice.recognizers.base import RecognizerError
from voice.transcript import Transcript

UNKNOWN_WORD = "[unk]"
INSTALL_HINT = (
    "Run `smallwins model install` to fetch the small English model, or "
    "`smallwins model install --from PATH` for a model zip or folder you already have."
)


def load_model(path: Path) -> Any:
    """Load a Vosk model folder; a clear RecognizerError instead of Vosk's bare Exception."""
    import vosk

    vosk.SetLogLevel(-1)
    folder = Path(path)
    if not folder.is_dir():
        raise RecognizerError(f"No Vosk model at {folder}. {INSTALL_HINT}")
    try:
        return vosk.Model(str(folder))  # a path only: model_name/lang would go to the network
    except Exception as error:  # vosk raises a bare Exception("Failed to create a model")
        raise RecognizerError(
            f"The Vosk model at {folder} could not be loaded ({error}); it is incomplete or "
            f"not a Vosk model. {INSTALL_HINT}"
        ) from error


def grammar_json(phrases: list[str]) -> str:
    """The phrase list as Vosk takes it, non-ASCII kept as is."""
    return json.dumps(phrases, ensure_ascii=False)


def parse_result(raw: str) -> Transcript:
    """Read one Vosk result (words with `conf`, or `alternatives`) into a Transcript."""
    data = json.loads(raw)
    if "alternatives" in data:
        readings = [
            (" ".join(str(alt.get("text", "")).split()), float(alt.get("confidence", 0.0)))
            for alt in data["alternatives"]
        ]
        readings = [(text, score) for text, score in readings if text]
        if not readings:
            return Transcript("", 0.0)
        best_text, best_score = readings[0]
        others = tuple(dict.fromkeys(text for text, _ in readings[1:] if text != best_text))
        # alternative scores are unnormalised log-likelihoods: share of the n-best mass
        total = sum(_softmax_weights([score for _, score in readings]))
        confidence = _softmax_weights([score for _, score in readings])[0] / total
        return Transcript(best_text, confidence if best_score else 0.0, others)
    text = " ".join(str(data.get("text", "")).split())
    words = data.get("result") or []
    confs = [float(word.get("conf", 0.0)) for word in words]
    confidence = sum(confs) / len(confs) if confs else (1.0 if text else 0.0)
    return Transcript(text, confidence if text else 0.0)


def _softmax_weights(scores: list[float]) -> list[float]:
    import math

    top = max(scores)
    return [math.exp(score - top) for score in scores]


class VoskRecognizer:
    """Streams audio into a Vosk recognizer, optionally limited to a phrase list."""

    def __init__(
        self, model: Any, phrases: list[str] | None = None, max_alternatives: int = 0
    ) -> None:
        import vosk

        self._model = model
        self._make = lambda: (
            vosk.KaldiRecognizer(model, SAMPLE_RATE, grammar_json(phrases))
            if phrases is not None
            else vosk.KaldiRecognizer(model, SAMPLE_RATE)
        )
        self._max_alternatives = max_alternatives
        self._recognizer: Any = None
        self._segments: list[Transcript] = []
        self._audio_bytes = 0
        self._busy = 0.0

    def knows(self, word: str) -> bool:
        """True when the model's vocabulary has the word."""
        return self._model.vosk_model_find_word(word) >= 0

    def start(self) -> None:
        began = time.perf_counter()
        if self._recognizer is None:
            self._recognizer = self._make()
            self._recognizer.SetWords(True)
            if self._max_alternatives:
                self._recognizer.SetMaxAlternatives(self._max_alternatives)
        else:
            self._recognizer.Reset()
        self._segments = []
        self._audio_bytes = 0
        self._busy = time.perf_counter() - began

    def feed(self, chunk: bytes) -> None:
        began = time.perf_counter()
        if self._recognizer.AcceptWaveform(chunk):  # Vosk found a pause: keep that part
            self._segments.append(parse_result(self._recognizer.Result()))
        self._busy += time.perf_counter() - began
        self._audio_bytes += len(chunk)

    def finish(self) -> Transcript:
        began = time.perf_counter()
        parts = [*self._segments, parse_result(self._recognizer.FinalResult())]
        parts = [part for part in parts if not part.is_empty]
        self._busy += time.perf_counter() - began
        text = " ".join(part.text for part in parts)
        confidence = min((part.confidence for part in parts), default=0.0)
        alternatives = parts[0].alternatives if len(parts) == 1 else ()
        return Transcript(
            text=text,
            confidence=confidence,
            alternatives=alternatives,
            decode_seconds=self._busy,
            audio_seconds=seconds(self._audio_bytes),
        )
