"""A win's activity as the person said it: fillers off, split into actions, checked past tense."""

from __future__ import annotations

import re
from functools import cache

from intents.data import lexicon

_NEGATIONS = {"not", "never", "nothing", "no"}


@cache
def _words(language: str) -> tuple[frozenset[str], frozenset[str], list[str], list[str]]:
    data = lexicon(language)
    fillers = sorted(data["win_fillers"], key=len, reverse=True)
    prefixes = sorted(data["win_prefixes"], key=len, reverse=True)
    return frozenset(data["irregular_past"]), frozenset(data["not_past"]), fillers, prefixes


def _achieved(text: str, language: str) -> bool:
    """'managed to open the curtains': done, though the verb after it is not past tense."""
    lowered = text.lower()
    return any(lowered.startswith(f"{p} ") for p in lexicon(language)["achieved_prefixes"])


def is_past_action(word: str, language: str = "en") -> bool:
    """Does this word begin a finished action: 'watered', 'took'?"""
    irregular, not_past, _, _ = _words(language)
    word = word.lower().strip(",.!?;:")
    if word in not_past:
        return False
    return word in irregular or (len(word) > 3 and word.endswith("ed"))


def _strip_leading(text: str, phrases: list[str]) -> str:
    changed = True
    while changed:
        changed = False
        for phrase in phrases:
            match = re.match(rf"{re.escape(phrase)}\b[\s,:]*", text, re.IGNORECASE)
            if match and match.end() < len(text):
                text = text[match.end():]
                changed = True
    return text


def clean_activity(text: str, language: str = "en") -> str:
    """'log a win: I just finally washed a dish!' -> 'washed a dish'."""
    _, _, fillers, prefixes = _words(language)
    text = text.strip(" \t,.!?;:\"'")
    text = _strip_leading(text, prefixes)
    text = re.sub(r"^i\b\s*", "", text, flags=re.IGNORECASE)
    text = _strip_leading(text, fillers)
    text = re.split(r",?\s+\bbut\b\s+|\s*[.;!?]\s+", text, maxsplit=1)[0]
    return text.strip(" \t,.!?;:\"'")


def split_activities(text: str, language: str = "en") -> list[str]:
    """'made my bed and ate a proper lunch' -> two actions; 'had tea and toast' stays one."""
    tokens = re.split(r"(,?\s+(?:and then|and|then|also|plus)\s+|,\s+)", text)
    parts = [tokens[0]]
    for joiner, piece in zip(tokens[1::2], tokens[2::2], strict=True):
        action = clean_activity(piece, language)
        if action and is_past_action(action.split(" ", 1)[0], language):
            parts.append(action)
        else:
            parts[-1] += joiner + piece
    return parts


def parse_activities(text: str, language: str = "en") -> list[str]:
    """The wins in a phrase, or an empty list when it does not describe a finished action."""
    activity = clean_activity(text, language)
    words = activity.split()
    if _achieved(activity, language):
        return [activity]
    if not words or not is_past_action(words[0], language):
        return []
    if len(words) > 1 and words[1].lower() in _NEGATIONS:
        return []
    return split_activities(activity, language)
