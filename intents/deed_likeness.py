"""Whether a deed told as a win reads far more like the setbacks, or the losses, people tell:
the resemblance check's naive Bayes classifier, fitted on the examples in intents/deeds/."""

from __future__ import annotations

from functools import cache

from intents.data import load_yaml
from intents.normalize import normalize
from intents.resemblance import Classifier


@cache
def _settings(language: str) -> dict:
    return load_yaml(f"deeds/{language}.yaml")


@cache
def _classifier(language: str) -> Classifier:
    """Fitted the first time a win is read (a fraction of a second), not at start."""
    data = _settings(language)
    examples = [("win", line) for line in data["wins"]] + \
        [("setback", line) for line in data["setbacks"]]
    return Classifier.fit(examples, frozenset({"setback"}), data["smoothing"])


@cache
def _loss_classifier(language: str) -> Classifier:
    """Wins, setbacks and losses; a loss read against both of the others."""
    data = _settings(language)
    examples = [(kind, line) for kind, key in (("win", "wins"), ("win", "loss_lookalikes"),
                                               ("setback", "setbacks"), ("loss", "losses"))
                for line in data[key]]
    return Classifier.fit(examples, frozenset({"loss"}), data["smoothing"])


def reads_as_loss(text: str, language: str = "en") -> bool:
    """'we had mum cremated on tuesday': a loss told as a deed, heard as a feeling."""
    score = _loss_classifier(language).likeness(normalize(text, language)).score
    return score > _settings(language)["loss_threshold"]


def setback_odds(text: str, language: str = "en") -> float:
    """The log-odds that the words tell of a setback rather than a win."""
    return _classifier(language).likeness(normalize(text, language)).score


def reads_as_setback(text: str, language: str = "en") -> bool:
    """'ate the whole tub standing at the freezer': asked about before it is kept."""
    return setback_odds(text, language) > _settings(language)["threshold"]
