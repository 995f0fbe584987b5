"""A win's activity as the person said it: fillers off, split into actions, checked past tense."""

from __future__ import annotations

import re
from functools import cache

from intents.data import lexicon
from intents.lemmas import lemma, past_of, simple_past, verb_form
from intents.normalize import normalize

_NEGATIONS = {"not", "never", "nothing", "no"}
_DONE = ("past", "participle", "past_or_participle")


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
    """Does this word begin a finished action: 'watered', 'took', 'swept', 'drunk'?"""
    irregular, not_past, _, _ = _words(language)
    word = word.lower().strip(",.!?;:")
    if word in not_past:
        return False
    return word in irregular or verb_form(word) in _DONE or \
        (len(word) > 3 and word.endswith("ed"))


def unsentenced(activity: str, language: str = "en") -> str:
    """'Tied the tomatoes up' -> 'tied the tomatoes up': the capital was the sentence's, not
    the word's, and the words are read back inside other sentences."""
    first = activity.split(" ", 1)[0]
    if first[:1].isupper() and first[1:].islower() and is_past_action(first, language):
        return activity[:1].lower() + activity[1:]
    return activity


def asked_at_end(text: str) -> bool:
    """Said as a question: 'I sent that email, didn't I?', 'I fed the cat?'."""
    return bool(re.search(r"\?\W*$|\b(did|do|have|was|am|is|are)( not)? (i|you|we)\W*$",
                          text.lower()))


def evidence(activity: str, language: str = "en") -> str:
    """What a past-tense phrase reports: "win" (something done), "setback" (something that
    went wrong or was not chosen: "burnt the toast", "had a rough night") or "not_action"
    (words said, thought or felt: "said that already", "felt awful")."""
    data = lexicon(language)
    words = activity.lower().split()
    if not words:
        return "not_action"
    line = " ".join(lemma(w.strip(",.!?;:")) for w in words)
    if lemma(words[0]) in data["setback_verbs"] or \
            any(re.match(rf"(?:{p})\b", line) for p in data["setback_phrases"]):
        return "setback"
    if tempting(activity, language) and re.search(data["lapse_markers"], activity.lower()):
        return "setback"
    if len(words) > 1 and words[1] in ("you", "u"):  # "did you get that?"
        return "not_action"
    if len(words) == 1 and words[0].strip(",.!?") in data["not_alone"]:  # "I'm done. Done."
        return "not_action"
    if lemma(words[0]) == "be":  # "been crying all day" tells of a state, not a thing done
        return "not_action"
    if any(re.match(p, line) for p in data["social_speech"]):
        return "win"
    if lemma(words[0]) in data["not_action_verbs"] or \
            any(activity.lower().startswith(p) for p in data["not_action_starts"]):
        return "not_action"
    return "win"


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
    return [_in_simple_past(a) for a in split_activities(activity, language)]


def _in_simple_past(activity: str, language: str = "en") -> str:
    """'drunk a glass of water' (after "I've") is kept as 'drank a glass of water'."""
    for said, past in lexicon(language)["past_rewrites"].items():
        if activity.lower().startswith(f"{said} "):
            return past + activity[len(said):]
    first, _, rest = activity.partition(" ")
    if lemma(first.lower()) == "be":
        return activity
    past = simple_past(first.lower())
    return activity if past == first.lower() else f"{past} {rest}".strip()


def tempting(words: str, language: str = "en") -> bool:
    """Do these words name a temptation ("a drink", "my ex's insta", "the betting app")?"""
    lowered = words.lower()
    found = {lemma(w) for w in re.findall(r"[a-z]+", lowered)}
    return bool(found & set(lexicon(language)["temptations"])) or \
        any(p in lowered for p in lexicon(language)["temptation_phrases"])


def held_back_activity(text: str, language: str = "en") -> str:
    """'I didn't have a drink tonight' -> "didn't have a drink tonight"."""
    said = clean_activity(text, language)
    for full, short in lexicon(language)["recontract"].items():
        said = re.sub(rf"\b{full}\b", short, said, flags=re.IGNORECASE)
    return said


def said_done(text: str, language: str = "en") -> bool:
    """'Done', 'okay I did it', 'right that's done now', 'drank it': what was asked is done."""
    said = normalize(text, language).strip(" .!?")
    return bool(re.search(lexicon(language)["said_done"], said))


def in_past(step: str) -> str:
    """A step offered, as done by the person: 'stand up and stretch your arms' -> 'stood up
    and stretched my arms'."""
    parts = []
    for part in step.split(" and "):
        first, _, rest = part.partition(" ")
        parts.append(f"{past_of(first)} {rest}".strip())
    return re.sub(r"\byour\b", "my", " and ".join(parts))
