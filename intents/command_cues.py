"""Commands heard by their cue words when no template took the words, or took them only as
an open plan or mood: "okay stop talking", "can we do some breathing, three minutes", "get
rid of that one", "read me my notes". The cues are data (`command_cues` in the lexicon)."""

from __future__ import annotations

import re
from typing import Any

from intents.data import lexicon
from intents.normalize import normalize, tidy
from intents.values import Intent


def cued(text: str, language: str = "en") -> Intent | None:
    """The first command, in the lexicon's order, whose cue the words carry."""
    lowered = normalize(text, language)
    said = tidy(text, language)  # the same words with their case, when the lengths agree
    said = said if len(said) == len(lowered) else lowered
    for name, patterns in lexicon(language)["command_cues"].items():
        found = next((m for m in (re.search(p, lowered) for p in patterns) if m), None)
        if found is None:
            continue
        slots = _slots(name, lowered, said[found.end():], language)
        if slots is not None:
            return Intent(name, slots)
    return None


def _slots(name: str, lowered: str, after: str, language: str) -> dict[str, Any] | None:
    """The values a cued command carries: minutes, a period, a life area, a note's words;
    None when a command needs one and the words do not give it."""
    data = lexicon(language)
    if name == "StartBreathing":
        numbers = data["number_words"]
        minutes = re.search(r"\b(\d+|" + "|".join(numbers) + r") minutes?\b", lowered)
        if minutes is None:
            return {}
        said = minutes.group(1)
        return {"minutes": int(said) if said.isdigit() else int(numbers[said])}
    if name == "WhatDidIDo":
        period = next((p for p in data["period_words"]  # in the lexicon's order: "so far" last
                       if re.search(rf"\b{p}\b", lowered)), None)
        return {"period": data["period_words"][period]} if period else {}
    if name == "TagWin":
        area = next((a for a, words in data["life_areas"].items()
                     if any(re.search(rf"\b{w}\b", lowered) for w in [a, *words])), None)
        if area is None:  # a tag of the person's own ("label it housework")
            own = re.search(r"\b(?:as|under|with|tag|it|that|this)\s+(?:an? |the )?([a-z]+)\W*$",
                            lowered)
            area = own.group(1) if own else None
        return {"area": area} if area else None
    if name == "LeaveNote":
        note = re.split(r"\b(?:saying|that says|that)\b|[:,.]", after, maxsplit=1)
        words = (note[-1] if len(note) > 1 else after).strip(" ,.:;!?\"'")
        words = re.sub(data["note_not_words"], "", words).strip(" ,.:;!?\"'")
        return {"note": words} if words else {}  # no words yet: they are asked for
    return {}
