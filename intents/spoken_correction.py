"""A win put right straight after it was logged, in the person's own words: "no, the bed, I
made the bed", "sheets, I washed the sheets", "not the cat, the dog", "make that two glasses,
not one"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from intents.activities import is_past_action, parse_activities
from intents.data import lexicon
from intents.normalize import normalize
from intents.values import Intent

_DETERMINER = re.compile(r"^(?:the|my|a|an|our|at|on|in) ")
_ALIKE = 0.5  # how alike a word said alone must be to the one it puts right ("bed", "bread")


@dataclass(frozen=True)
class Swap:
    """The words said to be wrong (None when a deed is said again in full, or only the new
    words are said) and the words that replace them."""

    right: str
    wrong: str | None = None


def swap(text: str, language: str = "en") -> Swap | None:
    """The part of the last entry put right, when the turn is said as a correction: with a sign
    before it ("no", "you misheard") or in a correction's own frame ("make that ...")."""
    said = normalize(text, language).strip(" .!?")
    cues = lexicon(language)["spoken_correction"]
    marked = re.match(cues["marker"], said)
    if marked is None and not re.match(cues["framed"], said):
        return None
    rest = said[marked.end():] if marked else said
    found = _framed(rest, language)
    if found and re.fullmatch(cues["who_spoke"], found["wrong"].strip()):
        return None  # "that was my husband speaking, not me": who spoke, not a win's words
    if found:
        right = re.sub(r"^i ", "", found["right"].strip())
        whole = is_past_action(right.split(" ", 1)[0], language)
        return Swap(right, None if whole else found["wrong"].strip())
    told = re.match(r"^(?:(?:make|change) (?:it|that)(?: to)?|i meant) (?P<right>.+)$", rest)
    return Swap(told["right"].strip()) if told and not rest.startswith("i meant to ") else None


def _framed(rest: str, language: str) -> re.Match[str] | None:
    """The first of a correction's own frames the words after its sign fit ("X, not Y")."""
    return next((found for found in (re.match(frame, rest) for frame in
                                     lexicon(language)["spoken_correction"]["swaps"]) if found),
                None)


def _not_echo(language: str) -> set[str]:
    """Words that carry no meaning of a deed: never an echo, never put in a deed's place."""
    return set(lexicon(language)["spoken_correction"]["not_echo"])


def swapped(entry: str, change: Swap) -> str | None:
    """The entry with the wrong words replaced, with or without their determiner ("the
    kitchen" or "kitchen"), or the whole entry when a deed was said in full ("I said I watered
    the plant, not the plan"); None when the entry does not hold the wrong words."""
    if change.wrong is None:
        return change.right if is_past_action(change.right.split(" ", 1)[0]) else None
    for wrong, right in ((change.wrong, change.right),
                         (_DETERMINER.sub("", change.wrong), _DETERMINER.sub("", change.right))):
        pattern = rf"\b{re.escape(wrong)}\b"
        if wrong and re.search(pattern, entry, re.IGNORECASE):
            return re.sub(pattern, right, entry, count=1, flags=re.IGNORECASE)
    return None


def corrected(text: str, intent: Intent | None, last: str, language: str = "en") -> str | None:
    """The last win's words as they should read, or None when this is not a correction."""
    said = normalize(text, language).strip(" .!?")
    cues = lexicon(language)["spoken_correction"]
    if re.search(cues["adds"], said):
        return None  # "no, I also fed the cat": one more win, not this one put right
    change = swap(text, language)
    fixed = swapped(last, change) if change is not None else None
    if fixed is not None or (change is not None and change.wrong is not None):
        return fixed  # "dog, not dug" when the entry already says "dog": nothing to put right
    signed = re.match(cues["lead"], said) or re.match(cues["marker"], said)
    if intent is not None and intent.name == "LogWin" and len(intent.slots["activities"]) == 1:
        new: str = intent.slots["activities"][0]
    else:  # "naw a wash i put a wash on": the deed said again after the sign
        if signed is None:
            return None
        rest = re.sub(cues["told_as"], "", said[signed.end():].strip(" ,.!"))
        framed = _framed(rest, language)
        if framed:  # "no love, dog not dug": the words said to be wrong must be in the entry
            return swapped(last, Swap(framed["right"].strip(), framed["wrong"].strip()))
        told = re.search(cues["again"], rest)
        deed = told.group("deed") if told else _last_deed(rest, language)
        done = parse_activities(deed, language) if deed else []
        if len(done) != 1:  # "nah I said maths homework", "no, the cat": the right words alone
            return _aligned(last, told.group("deed") if told else rest, language)
        new = done[0]
    first = re.split(r"[,.]", said, maxsplit=1)[0]  # "bin. I emptied the bin"
    echoed = first != said and shares_words(first, new, language)
    return new if signed or echoed else None


def _last_deed(said: str, language: str) -> str:
    """The words from the last finished action on ("not hearses partner, horses, fed the
    horses" -> "fed the horses"), or ''."""
    words = said.split()
    starts = [i for i, w in enumerate(words)
              if is_past_action(w, language, words[i + 1] if i + 1 < len(words) else "")]
    return " ".join(words[starts[-1]:]) if starts else ""


def shares_words(one: str, other: str, language: str = "en") -> bool:
    """Whether two phrases share a word that carries meaning ("sheets" in "sheets, I washed
    the sheets"), not only "I", "the" or "my"."""
    return bool(set(one.lower().split()) & set(other.lower().split()) - _not_echo(language))


def said_again(text: str, language: str = "en") -> str | None:
    """The one deed told after the last "I" ("watered, I watered the plants" -> "watered the
    plants"), or None."""
    again = re.search(lexicon(language)["spoken_correction"]["again"], text, re.IGNORECASE)
    done = parse_activities(again.group("deed"), language) if again else []
    return done[0] if len(done) == 1 else None


def _aligned(entry: str, right: str, language: str = "en") -> str | None:
    """The entry with the words that sound most like `right` replaced by them, where some of
    them already agree ("did my maps homework" + "maths homework" -> "did my maths homework"),
    or one word put right by one that is spelt much like it ("made the bread" + "bed")."""
    words, new = entry.split(), right.split()
    if len(new) == 1:  # a thing put right, not the deed's verb nor a number ("no, five")
        if new[0] in lexicon(language)["number_words"] or new[0] in _not_echo(language) \
                or not new[0].isalpha():
            return None
        likeness = [(SequenceMatcher(None, w.lower(), new[0]).ratio(), i)
                    for i, w in enumerate(words[1:], 1) if w.lower() != new[0] and len(w) > 2]
        alike, at = max(likeness, default=(0.0, 0))
        return " ".join(words[:at] + new + words[at + 1:]) if alike >= _ALIKE else None
    spans = [(sum(a.lower() == b.lower()
                  for a, b in zip(words[i:i + len(new)], new, strict=True)), i)
             for i in range(len(words) - len(new) + 1)]
    agree, at = max(spans, default=(0, 0))
    if not 0 < agree < len(new):
        return None
    return " ".join(words[:at] + new + words[at + len(new):])
