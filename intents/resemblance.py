"""How closely an utterance resembles the risk examples rather than the quiet ones.

A second reading for what the concept rules miss: the utterance is embedded with WordLlama's
static token embeddings (weights and tokenizer ship inside the `wordllama` wheel; only its
data files are read here) and compared with the example sentences in
intents/safety/examples/, each labelled with its kind. The score is the similarity carried
by risk examples among the nearest few, less that carried by quiet ones.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, cached_property
from importlib.util import find_spec
from pathlib import Path

import numpy as np

from intents.data import DATA_ROOT, load_yaml
from intents.normalize import normalize

_WEIGHTS = "weights/l2_supercat_256.safetensors"
_TOKENIZER = "tokenizers/l2_supercat_tokenizer_config.json"
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


@dataclass(frozen=True)
class Likeness:
    score: float
    risk_kinds: tuple[str, ...]  # the kinds of the nearest risk examples, closest first


class Embedder:
    """Mean of the token vectors, scaled to unit length."""

    def __init__(self) -> None:
        from safetensors import safe_open
        from tokenizers import Tokenizer

        spec = find_spec("wordllama")  # its files only: the package itself is not imported
        if spec is None or not spec.submodule_search_locations:
            raise ModuleNotFoundError("the wordllama package is not installed")
        root = Path(spec.submodule_search_locations[0])
        self._tokenizer = Tokenizer.from_file(str(root / _TOKENIZER))
        self._tokenizer.no_padding()
        self._tokenizer.no_truncation()
        with safe_open(str(root / _WEIGHTS), framework="np") as weights:
            self._vectors = weights.get_tensor(weights.keys()[0])  # float16, 32000 x 256

    def embed(self, lines: list[str]) -> np.ndarray:
        out = np.zeros((len(lines), self._vectors.shape[1]), dtype=np.float32)
        encodings = self._tokenizer.encode_batch(lines, add_special_tokens=False)
        for row, encoding in enumerate(encodings):
            if encoding.ids:
                out[row] = self._vectors[encoding.ids].astype(np.float32).mean(axis=0)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1, norms)


@cache
def embedder() -> Embedder:
    return Embedder()


class Resemblance:
    def __init__(self, examples: list[tuple[str, str]], risk_kinds: frozenset[str],
                 neighbours: int, threshold: float, caution: float | None = None,
                 min_words: int = 1, vectors: Callable[[], Embedder] | None = None) -> None:
        self._vectors = vectors or embedder
        self._examples = examples
        self._kinds = [kind for kind, _ in examples]
        self._risk = np.array([kind in risk_kinds for kind in self._kinds])
        self.neighbours = neighbours
        self.threshold = threshold  # above it: the check-in question
        self.caution = threshold if caution is None else caution  # above it: a win is confirmed
        self.min_words = min_words  # shorter utterances are not compared
        self.unavailable = False  # set when its vectors could not be read

    @classmethod
    @cache
    def load(cls, language: str = "en") -> Resemblance:
        settings = load_yaml(f"safety/{language}.yaml")["resemblance"]
        return cls(examples(language), frozenset(settings["risk_kinds"]),
                   settings["neighbours"], settings["threshold"], settings["caution"],
                   settings["min_words"])

    @cached_property
    def _matrix(self) -> np.ndarray:
        """Built at the first comparison, not at start: a listening device that is never
        spoken to keeps its memory (about 75 MB) free."""
        return self._vectors().embed([normalize(line) for _, line in self._examples])

    def likeness(self, text: str) -> Likeness:
        """The highest score of the whole text and of each of its longer sentences."""
        parts = [text, *(s for s in _SENTENCE.split(text) if s != text and len(s.split()) > 3)]
        vectors = self._vectors().embed([normalize(part) for part in parts])
        return max((self._score(vector) for vector in vectors), key=lambda x: x.score)

    def _score(self, vector: np.ndarray) -> Likeness:
        similarity = self._matrix @ vector
        nearest = np.argsort(-similarity)[: self.neighbours]
        risk = self._risk[nearest]
        sims = similarity[nearest]
        score = float((sims * risk).sum() - (sims * ~risk).sum()) / self.neighbours
        kinds = dict.fromkeys(self._kinds[i] for i in nearest if self._risk[i])
        return Likeness(score, tuple(kinds))


def example_files(language: str = "en") -> list[Path]:
    return sorted((DATA_ROOT / "safety" / "examples" / language).glob("*.yaml"))


def examples(language: str = "en", leave_out: Path | None = None) -> list[tuple[str, str]]:
    """(kind, line) for every example sentence, from every file but `leave_out`."""
    found = []
    for path in example_files(language):
        if path != leave_out:
            for group in load_yaml(str(path.relative_to(DATA_ROOT))):
                found.extend((group["kind"], line) for line in group["lines"])
    return found
