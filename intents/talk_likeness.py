"""Which kind of everyday talk a turn reads most like, when no template, cue or clause
reading understood it: the resemblance check's naive Bayes classifier, fitted on the example
lines in intents/talk/examples/. Only kinds whose answer keeps nothing (a feeling heard, a
setback met kindly, low energy, help, words about the conversation, a request it cannot do,
a greeting, thanks, a goodbye) are answered from it; a turn most like a win, a plan or a
command is left to the fallback, which says what can be said."""

from __future__ import annotations

import re
from functools import cache

from intents.data import lexicon, load_yaml
from intents.lemmas import lemma
from intents.normalize import normalize
from intents.resemblance import Classifier, example_files, lines_by_kind
from intents.values import Intent


@cache
def _settings(language: str) -> dict:
    return load_yaml(f"talk/{language}.yaml")


@cache
def _classifier(language: str) -> Classifier:
    """Fitted the first time a turn is not understood (a fraction of a second), not at start."""
    return Classifier.fit(lines_by_kind(example_files(language, "talk")), frozenset(),
                          _settings(language)["smoothing"])


@cache
def _cues(language: str) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Hard feeling cues, good ones, and the bare "feel" words, which count last."""
    bare = frozenset({"feel", "feeling"})
    data = lexicon(language)
    return frozenset(data["feeling_cues"]) - bare, frozenset(data["good_feeling_cues"]), bare


def feeling_named(text: str, language: str = "en") -> str | None:
    """"hard" or "good" when the words name a feeling ("my sister was unkind, I'm hurt",
    "proud of myself today"), a hard one first; else None."""
    return _feeling_in(normalize(text, language), language)


def _feeling_in(said: str, language: str) -> str | None:
    """`feeling_named` on words already normalised."""
    said = re.sub(lexicon(language)["feeling_lookalikes"], " ", said)
    words = set(re.findall(r"[a-z']+", said))
    words |= {lemma(w) for w in words}

    def named(cues: frozenset[str]) -> bool:
        return bool(words & cues) or any(" " in c and f" {c} " in f" {said} " for c in cues)

    hard, good, bare = _cues(language)
    if named(hard):
        return "hard"
    if named(good):
        return "good"
    return "hard" if named(bare) else None


def talk_intent(text: str, language: str = "en") -> Intent | None:
    """A feeling its words name, or the answer-only intent they read most like, when they
    clearly do; else None."""
    said = normalize(text, language)
    named = _feeling_in(said, language)
    if named is not None:
        return Intent("Feeling", {"good": named == "good", "resembled": "feeling words"})
    settings = _settings(language)
    if len(re.findall(r"\w+", said)) < settings["min_words"]:
        return None
    kind, share = _classifier(language).nearest(said)
    answer = settings["answers"].get(kind)
    if answer is None or share < settings["min_share"]:
        return None
    return Intent(answer["intent"], {**answer.get("slots", {}), "resembled": kind,
                                     "share": round(share, 2)})
