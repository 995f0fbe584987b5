"""What a recogniser's words lose of what was said, and the readings that put it back.

- The past ending: the "-ed" of a regular past that adds no syllable ("washed", "cleaned") is
  hardly sounded before a consonant, so "I washed the dishes" is heard as "i wash the dishes".
- A number heard as the word it sounds like, right after the words of a rating: "my mood is for".

Each reading gives another text or None. The hearing keeps one only when nothing understands
the words as heard, the screen has nothing to say of either, and the reading is understood as
what it is for; a win read so is asked about before it is kept (`Hearing._put_back`)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from intents.data import lexicon
from intents.lemmas import past_of, verb_form
from intents.normalize import alternatives

VOWEL_LETTERS = "aeiou"  # a next word starting with one sounds the "-ed" clearly


@dataclass(frozen=True)
class Reading:
    """A reading of a transcript, and the intents it must be understood as to be kept."""

    read: Callable[[str, str], str | None]
    intents: tuple[str, ...]


@cache
def _past_words(language: str) -> tuple[re.Pattern[str], re.Pattern[str], frozenset[str],
                                        frozenset[str]]:
    """The words that may come before "I", the words that say a habit, a time ahead, a want, a
    question or someone else's deed, the verbs whose present tells a state, and the words no
    deed ends on."""
    told = lexicon(language)["past_heard"]
    return (re.compile(rf"^((?:(?:{alternatives(told['before_i'])}),? )*)i (\w+) (\w.*)$"),
            re.compile(rf"(?<![\w'])(?:{alternatives(told['not_the_past'])})(?![\w'])"),
            frozenset(told["states"]), frozenset(told["cut_short"]))


def in_the_past(text: str, language: str = "en") -> str | None:
    """`text` with the verb right after "I" in the past, if it tells a deed and its regular
    past ending is the kind speech loses before the next word's consonant, nothing says a
    habit, a time ahead, a want, a question or someone else's deed, and the sentence is not
    cut short; else None."""
    said, not_past, states, cut_short = _past_words(language)
    lowered = text.strip().lower()
    found = said.match(lowered)
    if found is None or not_past.search(lowered):
        return None
    lead, verb, rest = found.groups()
    if verb in states or rest.split()[-1] in cut_short or rest[0] in VOWEL_LETTERS:
        return None
    if verb_form(verb) != "base" or verb in lexicon(language)["hedges"] or verb[-1] in "td":
        return None  # "i still ...", and "visit" -> "visited", a syllable no recogniser drops
    past = past_of(verb)
    return f"{lead}i {past} {rest}" if past.endswith("ed") and past != verb else None


@cache
def _number_sounds(language: str) -> tuple[dict[str, str], re.Pattern[str], re.Pattern[str]]:
    """Words heard for numbers, the words of a rating they must follow at the end of the turn
    (or before "out of ten"), and the words that make it no rating."""
    told = lexicon(language)["number_heard_as"]
    sounds: dict[str, str] = told["sounds"]
    after, heard = alternatives(told["after"]), alternatives(list(sounds))
    where = re.compile(rf"(?<![\w'])(?:{after}) ({heard})"
                       r"(?=\s*(?:out of (?:ten|10))?\s*[.!]?\s*$)")
    never = re.compile(rf"(?<![\w'])(?:{alternatives(told['never_with'])})(?![\w'])|n't\b|\?")
    return sounds, where, never


def as_a_number(text: str, language: str = "en") -> str | None:
    """`text` with the word said right after a rating's words read as the number it sounds
    like ("my mood is for" -> "my mood is four"), unless a "not" or a question is in it; else
    None."""
    sounds, where, never = _number_sounds(language)
    lowered = text.strip().lower()
    found = where.search(lowered)
    if found is None or never.search(lowered):
        return None
    return lowered[:found.start(1)] + sounds[found.group(1)] + lowered[found.end(1):]


# The readings, in the order they are tried, and what each must be understood as.
READINGS = (Reading(in_the_past, ("LogWin",)),
            Reading(as_a_number, ("RateMood", "Number")))
