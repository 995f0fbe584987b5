"""Which kind of everyday talk a turn reads most like, when no template, cue or clause
reading understood it: the resemblance check's naive Bayes classifier, fitted on the example
lines in intents/talk/examples/. Only kinds whose answer keeps nothing (a feeling heard, a
setback met kindly, low energy, help, words about the conversation, a request it cannot do,
a greeting, thanks, a goodbye) are answered from it; a turn most like a win, a plan or a
command is left to the fallback, which says what can be said."""

from __future__ import annotations

import re
from functools import cache

from intents.data import DATA_ROOT, lexicon, load_yaml, read_yaml
from intents.lemmas import lemma
from intents.normalize import normalize
from intents.resemblance import Classifier
from intents.values import Intent


@cache
def _settings(language: str) -> dict:
    return load_yaml(f"talk/{language}.yaml")


@cache
def _classifier(language: str) -> Classifier:
    """Fitted the first time a turn is not understood (a fraction of a second), not at start."""
    examples = [(group["kind"], line)
                for path in sorted((DATA_ROOT / "talk" / "examples" / language).glob("*.yaml"))
                for group in read_yaml(path) for line in group["lines"]]
    return Classifier.fit(examples, frozenset(), _settings(language)["smoothing"])


def feeling_named(text: str, language: str = "en") -> str | None:
    """"hard" or "good" when the words name a feeling ("my sister was unkind, I'm hurt",
    "proud of myself today"), a hard one first; else None."""
    said = re.sub(lexicon(language)["feeling_lookalikes"], " ", normalize(text, language))
    words = set(re.findall(r"[a-z']+", said))
    words |= {lemma(w) for w in words}

    def named(cues: list[str]) -> bool:
        return bool(words & set(cues)) or any(" " in c and f" {c} " in f" {said} " for c in cues)

    cues = lexicon(language)["feeling_cues"]
    if named([c for c in cues if c not in ("feel", "feeling")]):
        return "hard"
    if named(lexicon(language)["good_feeling_cues"]):
        return "good"
    return "hard" if named(["feel", "feeling"]) else None


def talk_intent(text: str, language: str = "en") -> Intent | None:
    """A feeling its words name, or the answer-only intent they read most like, when they
    clearly do; else None."""
    named = feeling_named(text, language)
    if named is not None:
        return Intent("Feeling", {"good": named == "good", "resembled": "feeling words"})
    settings = _settings(language)
    said = normalize(text, language)
    if len(re.findall(r"\w+", said)) < settings["min_words"]:
        return None
    kind, share = _classifier(language).nearest(said)
    answer = settings["answers"].get(kind)
    if answer is None or share < settings["min_share"]:
        return None
    return Intent(answer["intent"], {**answer.get("slots", {}), "resembled": kind,
                                     "share": round(share, 2)})
