"""Wake-word detection with microWakeWord's built-in models."""

from __future__ import annotations

from typing import Any

BUILTIN_WAKE_WORDS = {
    "alexa": "alexa",
    "hey jarvis": "hey_jarvis",
    "hey mycroft": "hey_mycroft",
    "okay nabu": "okay_nabu",
}


class WakeWordError(Exception):
    """The wake phrase has no model; the message lists the ones there are."""


def model_name(phrase: str) -> str:
    """The built-in model for a phrase such as "Hey Jarvis" or "hey_jarvis"."""
    key = " ".join(phrase.lower().replace("_", " ").replace(",", " ").split())
    key = key.replace("ok ", "okay ")
    if key not in BUILTIN_WAKE_WORDS:
        known = ", ".join(f'"{name}"' for name in BUILTIN_WAKE_WORDS)
        raise WakeWordError(f'There is no wake-word model for "{phrase}"; choose one of {known}.')
    return BUILTIN_WAKE_WORDS[key]


class WakeWordDetector:
    """Feed 16 kHz mono int16 chunks; `feed` returns True on the chunk where the phrase ends."""

    def __init__(self, phrase: str = "alexa") -> None:
        from pymicro_wakeword import MicroWakeWord, MicroWakeWordFeatures, Model

        self.phrase = phrase
        self._model: Any = MicroWakeWord.from_builtin(Model(model_name(phrase)))
        self._features: Any = MicroWakeWordFeatures()
        self._make_features = MicroWakeWordFeatures

    def feed(self, chunk: bytes) -> bool:
        detected = False
        for features in self._features.process_streaming(chunk):
            if self._model.process_streaming(features):
                detected = True
        if detected:
            self.reset()
        return detected

    def reset(self) -> None:
        """Forget the audio so far, e.g. after a detection or while the speaker talks."""
        self._model.reset()
        self._features = self._make_features()
