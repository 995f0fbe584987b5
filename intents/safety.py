"""The safety screen: crisis, check-in or none, decided by phrasing before anything else."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from intents.data import load_yaml
from intents.normalize import normalize


class Safety(StrEnum):
    NONE = "none"
    CHECK_IN = "check_in"
    CRISIS = "crisis"


@dataclass(frozen=True)
class Screen:
    """What the screen found: the level, its category, and whether past ideation was mentioned."""

    level: Safety
    category: str | None = None
    past_ideation: bool = False


@dataclass(frozen=True)
class _Rule:
    level: Safety
    category: str
    any_of: tuple[re.Pattern[str], ...]
    all_of: tuple[re.Pattern[str], ...]

    def matches(self, text: str) -> bool:
        if self.all_of:
            return all(p.search(text) for p in self.all_of)
        return any(p.search(text) for p in self.any_of)


@dataclass(frozen=True)
class _Mask:
    pattern: re.Pattern[str]
    past: bool


class SafetyScreen:
    def __init__(self, masks: list[_Mask], rules: list[_Rule], language: str) -> None:
        self._masks = masks
        self._rules = rules
        self._language = language

    @classmethod
    @cache
    def load(cls, language: str = "en") -> SafetyScreen:
        data = load_yaml(f"safety/{language}.yaml")
        masks = [_Mask(re.compile(m["pattern"]), bool(m.get("past"))) for m in data["masks"]]
        rules = [
            _Rule(
                level=level,
                category=rule["category"],
                any_of=tuple(re.compile(p) for p in rule.get("patterns", [])),
                all_of=tuple(re.compile(p) for p in rule.get("all", [])),
            )
            for level, key in ((Safety.CRISIS, "crisis"), (Safety.CHECK_IN, "check_in"))
            for rule in data[key]
        ]
        return cls(masks, rules, language)

    def screen(self, text: str) -> Screen:
        remaining = normalize(text, self._language)
        past = False
        for mask in self._masks:
            remaining, count = mask.pattern.subn(" ", remaining)
            past = past or (mask.past and count > 0)
        for rule in self._rules:
            if rule.matches(remaining):
                return Screen(rule.level, rule.category, past)
        return Screen(Safety.NONE, None, past)
