"""From text to an Intent, through the hassil sentence templates in intents/sentences/."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import yaml
from hassil import Intents, RecognizeResult, recognize_all
from hassil.util import merge_dict

from intents.activities import clean_activity, parse_activities
from intents.data import DATA_ROOT, lexicon
from intents.normalize import MAX_CHARACTERS, clauses, tidy
from intents.spoken_time import parse_spoken_time
from intents.values import Intent

Validator = Callable[[dict[str, Any], str], dict[str, Any] | None]


class SentenceError(Exception):
    """A custom sentence file cannot be used; the message names the file and the problem."""


def sentence_files(language: str = "en") -> list[Path]:
    return sorted((DATA_ROOT / "sentences" / language).glob("*.yaml"))


def load_intents(language: str = "en", extra_files: Iterable[Path] = ()) -> Intents:
    """The built-in templates, a person's own files, and the lists drawn from the lexicon."""
    merged: dict[str, Any] = {}
    for path in [*sentence_files(language), *extra_files]:
        try:
            with open(path, encoding="utf-8") as handle:
                merge_dict(merged, yaml.safe_load(handle) or {})
        except (OSError, yaml.YAMLError, UnicodeDecodeError) as error:
            raise SentenceError(f"Cannot read sentences from {path}: {error}") from error
    mood_words = sorted(lexicon(language)["mood_words"])
    merged.setdefault("lists", {})["mood_word"] = {"values": mood_words}
    try:
        return Intents.from_dict(merged)
    except Exception as error:  # hassil raises plain exceptions for template syntax
        raise SentenceError(f"A sentence template could not be parsed: {error}") from error


def _score(result: RecognizeResult) -> tuple[int, int, int]:
    """Fewer wildcards, then more literal text, then less wildcard text: best first."""
    wildcards = [e for e in result.entities_list if e.is_wildcard]
    return (len(wildcards), -result.text_chunks_matched, sum(len(e.text or "") for e in wildcards))


class IntentMatcher:
    def __init__(self, intents: Intents, language: str = "en") -> None:
        self.intents = intents
        self.language = language
        self._validators: dict[str, Validator] = {
            "LogWin": self._win,
            "RateMood": self._mood,
            "Number": self._number,
            "StartBreathing": self._breathing,
            "SetIntention": self._text_slot("intention"),
            "LeaveNote": self._text_slot("note"),
            "TagWin": self._text_slot("area"),
            "AddRoutine": self._routine,
            "ChangeRoutine": self._routine,
            "RemoveRoutine": self._routine,
            "Snooze": self._snooze,
        }

    @classmethod
    def load(cls, language: str = "en", extra_files: Iterable[Path] = ()) -> IntentMatcher:
        return cls(load_intents(language, extra_files), language)

    def match(self, text: str) -> Intent | None:
        """The best intent for the whole text, else for its first clause that has one."""
        text = tidy(text[:MAX_CHARACTERS], self.language)
        candidates = [text]
        parts = clauses(text)
        if len(parts) > 1:
            candidates += parts
        for candidate in candidates:
            intent = self._best(candidate)
            if intent is not None:
                return intent
        return None

    def _best(self, text: str) -> Intent | None:
        results = sorted(recognize_all(text, self.intents, language=self.language), key=_score)
        for result in results:
            slots = {name: entity.value for name, entity in result.entities.items()}
            validate = self._validators.get(result.intent.name)
            checked = validate(slots, text) if validate else slots
            if checked is not None:
                return Intent(result.intent.name, checked)
        return None

    # --- slot checks: None rejects the parse so the next best is tried --------------------

    def _win(self, slots: dict[str, Any], text: str) -> dict[str, Any] | None:
        activities = parse_activities(str(slots.get("activity", "")), self.language)
        return {"activities": activities} if activities else None

    def _mood(self, slots: dict[str, Any], text: str) -> dict[str, Any] | None:
        if "score" in slots:
            return {"score": int(slots["score"])}
        word = str(slots.get("mood_word", "")).lower()
        score = lexicon(self.language)["mood_words"].get(word)
        return {"score": score, "word": word} if score is not None else None

    def _number(self, slots: dict[str, Any], text: str) -> dict[str, Any] | None:
        return {"score": int(slots["score"])}

    def _breathing(self, slots: dict[str, Any], text: str) -> dict[str, Any] | None:
        return {"minutes": int(slots["minutes"])} if "minutes" in slots else {}

    def _routine(self, slots: dict[str, Any], text: str) -> dict[str, Any] | None:
        """Words kept as said; a cue time that cannot be read as a time of day rejects the parse."""
        checked: dict[str, Any] = {}
        for name, value in slots.items():
            words = re.sub(r"^(to|my|the)\s+", "", clean_activity(str(value)), flags=re.IGNORECASE)
            if not words:
                return None
            checked[name] = words
        if "cue_time" in checked:
            checked["cue_time"] = parse_spoken_time(checked["cue_time"])
            if checked["cue_time"] is None:
                return None
        return checked

    def _snooze(self, slots: dict[str, Any], text: str) -> dict[str, Any] | None:
        return {"minutes": int(slots["snooze_minutes"])} if "snooze_minutes" in slots else {}

    @staticmethod
    def _text_slot(name: str) -> Validator:
        def check(slots: dict[str, Any], text: str) -> dict[str, Any] | None:
            value = clean_activity(str(slots.get(name, "")))
            value = re.sub(r"^(to|that)\s+", "", value, flags=re.IGNORECASE)
            return {name: value} if value else None

        return check
