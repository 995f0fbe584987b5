"""Text clean-up shared by the safety screen and the intent matcher."""

from __future__ import annotations

import re
from functools import cache

from intents.data import lexicon

MAX_CHARACTERS = 2000
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2014": " ",
                         "\u2013": " ", "\u00a0": " "})


@cache
def _contractions(language: str) -> tuple[re.Pattern[str], dict[str, str]]:
    table = lexicon(language)["contractions"]
    words = sorted(table, key=len, reverse=True)
    alternatives = "|".join(re.escape(w) for w in words)
    pattern = re.compile(rf"(?<![\w'])({alternatives})(?![\w'])", re.IGNORECASE)
    return pattern, table


def expand_contractions(text: str, language: str = "en") -> str:
    """Straight quotes, contractions expanded ("I've" -> "i have"), spaces folded; case kept."""
    text = text.translate(_QUOTES)
    pattern, table = _contractions(language)
    text = pattern.sub(lambda m: table[m.group(1).lower()], text)
    return re.sub(r"\s+", " ", text).strip()


def normalize(text: str, language: str = "en") -> str:
    """Lower-cased `expand_contractions`."""
    return expand_contractions(text.lower(), language)


def clauses(text: str) -> list[str]:
    """Split into sentences and ', but' clauses: 'I used to ..., but today I walked'."""
    parts = re.split(r"(?<=[.!?;])\s+|,?\s+\bbut\b\s+|\s*[;:]\s+", text)
    return [p.strip(" ,.!?;:") for p in parts if p and p.strip(" ,.!?;:")]
