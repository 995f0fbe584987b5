"""How much an utterance reads like the risk examples rather than the quiet ones.

A second reading for what the concept rules miss: a naive Bayes classifier over the words and
word pairs of the example sentences in intents/safety/examples/, each labelled with its kind.
It is fitted here, from those files, the first time it is asked (about a second); nothing is
downloaded and no weights ship apart from the sentences themselves. The score is the
log-odds that the utterance belongs to a risk kind rather than a quiet one.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

import numpy as np

from intents.data import DATA_ROOT, load_yaml
from intents.normalize import normalize

_TOKEN = re.compile(r"\b\w+\b")
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


@dataclass(frozen=True)
class Likeness:
    score: float  # log-odds of a risk kind over a quiet one
    risk_kinds: tuple[str, ...]  # risk kinds likelier than any quiet one, likeliest first


def terms(text: str) -> Counter[str]:
    """The words ("i" among them: who a line is about matters), and each pair of neighbours."""
    words = _TOKEN.findall(text.lower())
    return Counter([*words, *(f"{a} {b}" for a, b in zip(words, words[1:], strict=False))])


@dataclass(frozen=True)
class Terms:
    """The terms seen in at least two example lines, and how rare each is (idf)."""

    index: dict[str, int]
    idf: np.ndarray

    @classmethod
    def of(cls, lines: list[Counter[str]]) -> Terms:
        seen = Counter(term for found in lines for term in found)
        vocabulary = sorted(term for term, n in seen.items() if n >= 2)
        idf = np.log((1 + len(lines)) / (1 + np.array([seen[t] for t in vocabulary]))) + 1
        return cls({term: i for i, term in enumerate(vocabulary)}, idf)

    def vector(self, found: Counter[str]) -> tuple[np.ndarray, np.ndarray]:
        """Sparse tf-idf: the columns of the known terms and their weights, unit length."""
        known = [(self.index[t], n) for t, n in found.items() if t in self.index]
        columns = np.array([c for c, _ in known], dtype=np.int64)
        values = (1 + np.log(np.array([n for _, n in known], dtype=float))) * self.idf[columns]
        norm = np.linalg.norm(values)
        return columns, values / norm if norm else values


@dataclass(frozen=True)
class Classifier:
    """Multinomial naive Bayes, one class per kind, over tf-idf weighted terms."""

    terms: Terms
    kinds: tuple[str, ...]
    risk: np.ndarray  # which kinds are risk kinds
    log_prior: np.ndarray
    log_prob: np.ndarray  # kinds x terms

    @classmethod
    def fit(cls, examples: list[tuple[str, str]], risk_kinds: frozenset[str],
            smoothing: float) -> Classifier:
        found = [terms(normalize(line)) for _, line in examples]
        vocabulary = Terms.of(found)
        kinds = tuple(sorted({kind for kind, _ in examples}))
        row = {kind: i for i, kind in enumerate(kinds)}
        weight = np.full((len(kinds), len(vocabulary.idf)), smoothing)
        for (kind, _), line in zip(examples, found, strict=True):
            columns, values = vocabulary.vector(line)
            weight[row[kind], columns] += values
        share = Counter(kind for kind, _ in examples)
        return cls(vocabulary, kinds, np.array([k in risk_kinds for k in kinds]),
                   np.log(np.array([share[k] for k in kinds]) / len(examples)),
                   np.log(weight / weight.sum(axis=1, keepdims=True)))

    def _joint(self, text: str) -> np.ndarray:
        """The log of each kind's prior times the likelihood of the words."""
        columns, values = self.terms.vector(terms(text))
        return self.log_prior + self.log_prob[:, columns] @ values

    def likeness(self, text: str) -> Likeness:
        joint = self._joint(text)
        score = np.logaddexp.reduce(joint[self.risk]) - np.logaddexp.reduce(joint[~self.risk])
        quiet = joint[~self.risk].max()
        likelier = [i for i in np.argsort(-joint) if self.risk[i] and joint[i] > quiet]
        return Likeness(float(score), tuple(self.kinds[i] for i in likelier))

    def nearest(self, text: str) -> tuple[str, float]:
        """The likeliest kind, and its share of the probability over all kinds."""
        joint = self._joint(text)
        best = int(np.argmax(joint))
        return self.kinds[best], float(np.exp(joint[best] - np.logaddexp.reduce(joint)))


class Resemblance:
    def __init__(self, fit: Callable[[], Classifier], threshold: float,
                 caution: float | None = None, min_words: int = 1,
                 caution_words: int | None = None, clause_caution: float | None = None) -> None:
        self._fit = fit
        self.threshold = threshold  # above it: the check-in question
        self.caution = threshold if caution is None else caution  # above it: a win is confirmed
        self.min_words = min_words  # shorter utterances never get the check-in from it
        # shorter still are not compared; in between, a high score only confirms a win first
        self.caution_words = min_words if caution_words is None else caution_words
        # above it, any one clause read alone has a win or a plan confirmed first
        self.clause_caution = threshold if clause_caution is None else clause_caution
        self.unavailable = False  # set when it could not be fitted

    @classmethod
    def of(cls, examples: list[tuple[str, str]], risk_kinds: frozenset[str], threshold: float,
           smoothing: float = 0.1, min_words: int = 1) -> Resemblance:
        """A check fitted on the given (kind, line) examples."""
        return cls(lambda: Classifier.fit(examples, risk_kinds, smoothing), threshold,
                   min_words=min_words)

    @classmethod
    @cache
    def load(cls, language: str = "en") -> Resemblance:
        """The shipped check; its example files are read only when it is first asked."""
        settings = load_yaml(f"safety/{language}.yaml")["resemblance"]
        risk_kinds = frozenset(settings["risk_kinds"])
        return cls(lambda: Classifier.fit(examples(language), risk_kinds, settings["smoothing"]),
                   settings["threshold"], settings["caution"], settings["min_words"],
                   settings["caution_words"], settings["clause_caution"])

    @cached_property
    def _classifier(self) -> Classifier:
        """Fitted at the first comparison, not at start: a listening device that is never
        spoken to keeps its memory and its first second free."""
        return self._fit()

    def likeness(self, text: str) -> Likeness:
        """The highest score of the whole text and of each of its longer sentences."""
        parts = [text, *(s for s in _SENTENCE.split(text) if s != text and len(s.split()) > 3)]
        return max((self._classifier.likeness(normalize(part)) for part in parts),
                   key=lambda like: like.score)

    def leaning_clause(self, clauses: Iterable[str]) -> bool:
        """True when one clause read alone scores above `clause_caution`: "walked the dog, not
        that it'll matter soon" reads as a win as a whole; its second clause, alone, does not."""
        return any(self._classifier.likeness(normalize(clause)).score > self.clause_caution
                   for clause in clauses if len(clause.split()) >= self.caution_words)


def example_files(language: str = "en", under: str = "safety") -> list[Path]:
    """The example files of intents/<under>/examples/<language>/."""
    return sorted((DATA_ROOT / under / "examples" / language).glob("*.yaml"))


def examples(language: str = "en", leave_out: Path | None = None) -> list[tuple[str, str]]:
    """(kind, line) for every example sentence, from every file but `leave_out`."""
    return lines_by_kind(p for p in example_files(language) if p != leave_out)


def lines_by_kind(paths: Iterable[Path]) -> list[tuple[str, str]]:
    """(kind, line) from files of groups, each a kind and its lines, under intents/."""
    return [(group["kind"], line) for path in paths
            for group in load_yaml(str(path.relative_to(DATA_ROOT))) for line in group["lines"]]
