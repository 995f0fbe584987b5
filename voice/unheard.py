"""What a recogniser's words lose of what was said, and the readings that put it back.

- The past ending: before a consonant the "-ed" of a regular past is hardly sounded, so "I
  washed the dishes" is heard as "i wash the dishes".
- A number heard as the word it sounds like: "my mood is for", "i'd say to".

Each reading gives another text or None; the hearing keeps it only when nothing but a
likeness reads the words as heard, and the reading is understood as what it is for (see
`Hearing.read`)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from intents.data import lexicon
from intents.lemmas import past_of, verb_form


@dataclass(frozen=True)
class Reading:
    """A reading of a transcript, and the intents it must be understood as to be kept."""

    read: Callable[[str, str], str | None]
    intents: tuple[str, ...]


@cache
def _past_words(language: str) -> tuple[re.Pattern[str], re.Pattern[str], frozenset[str]]:
    """The words that may come before "I", the words that say a habit or a time ahead, and
    the verbs whose present tells a state."""
    told = lexicon(language)["past_heard"]
    lead = "|".join(re.escape(w) for w in told["before_i"])
    not_past = "|".join(re.escape(w) for w in told["not_the_past"])
    return (re.compile(rf"^((?:(?:{lead}),? )*)i (\w+)( .+)$"),
            re.compile(rf"(?<![\w'])(?:{not_past})(?![\w'])"), frozenset(told["states"]))


def in_the_past(text: str, language: str = "en") -> str | None:
    """`text` with its first verb after "I" in the past, if that verb tells a deed, has a
    regular past ending that speech loses, and nothing says a habit or a time ahead; else
    None."""
    said, not_past, states = _past_words(language)
    found = said.match(text.strip().lower())
    if found is None or not_past.search(text.lower()):
        return None
    lead, verb, rest = found.groups()
    past = past_of(verb)
    if verb in states or verb_form(verb) != "base" or past == verb or not past.endswith("ed"):
        return None
    return f"{lead}i {past}{rest}"


@cache
def _number_sounds(language: str) -> tuple[dict[str, str], re.Pattern[str], re.Pattern[str]]:
    """Words heard for numbers, where a number is said (last, or before "out of ten"), and the
    words of a rating that must be in the turn."""
    told = lexicon(language)["number_heard_as"]
    sounds: dict[str, str] = told["sounds"]
    words = "|".join(re.escape(w) for w in sounds)
    rating = "|".join(re.escape(w) for w in told["rating_words"])
    return (sounds,
            re.compile(rf"(?<![\w'])({words})(?=\s*(?:out of (?:ten|10))?\s*[.!?]?\s*$)"),
            re.compile(rf"(?<![\w'])(?:{rating})(?![\w'])"))


def as_a_number(text: str, language: str = "en") -> str | None:
    """`text` with the word said where a number goes read as the number it sounds like, in
    a turn that speaks of a rating ("my mood is for" -> "my mood is four"); else None."""
    sounds, where, rating = _number_sounds(language)
    lowered = text.strip().lower()
    found = where.search(lowered)
    if found is None or not rating.search(lowered):
        return None
    return lowered[:found.start()] + sounds[found.group(1)] + lowered[found.end():]


# The readings, in the order they are tried, and what each must be understood as.
READINGS = (Reading(in_the_past, ("LogWin", "Setback", "AbstinenceWin")),
            Reading(as_a_number, ("RateMood", "Number")))
