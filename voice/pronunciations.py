"""How words sound, from the CMU pronouncing dictionary the PocketSphinx package ships: each
phoneme one character, so that sounds compare as strings. The dictionary (134,000 words) is
kept as its 3 MB of text and searched for the words asked about, not parsed whole (as a table
it would hold 19 MB)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

# The 39 phonemes of the CMU dictionary (PocketSphinx's copy marks no stress), as characters
# from U+0100 on, apart from any letter.
_PHONES = ("AA", "AE", "AH", "AO", "AW", "AY", "B", "CH", "D", "DH", "EH", "ER", "EY", "F", "G",
           "HH", "IH", "IY", "JH", "K", "L", "M", "N", "NG", "OW", "OY", "P", "R", "S", "SH", "T",
           "TH", "UH", "UW", "V", "W", "Y", "Z", "ZH")
_CHARACTER = {phone: chr(0x100 + number) for number, phone in enumerate(_PHONES)}
REMEMBERED = 4096  # words outside the kept ones whose sounds are remembered between turns


def dictionary_path() -> Path:
    import pocketsphinx

    return Path(pocketsphinx.get_model_path()) / "en-us" / "cmudict-en-us.dict"


class Pronunciations:
    """Sounds of words, one character per phoneme. A word the dictionary lacks sounds as its
    letters, which share no character with a phoneme: it matches only itself."""

    def __init__(self, path: Path | None = None) -> None:
        self._path = path or dictionary_path()
        self._kept: dict[str, str] = {}
        self._remembered: dict[str, str] = {}
        self._text = b""

    def sound(self, text: str) -> str:
        """The sound of plain lower-case words, without the spaces between them."""
        words = text.split()
        found = self._missing(words)
        return "".join(self._known(w, found) for w in words)

    def keep(self, words: Iterable[str]) -> None:
        """Look these up once and never forget them (the templates' own words)."""
        words = set(words)
        found = self._missing(words)
        self._kept.update({w: self._known(w, found) for w in words})

    def _known(self, word: str, found: dict[str, str]) -> str:
        for table in (self._kept, found, self._remembered):
            if word in table:
                return table[word]
        raise KeyError(word)

    def _missing(self, words: Iterable[str]) -> dict[str, str]:
        """Search the dictionary once for the words not yet known, and remember them."""
        missing = {w for w in words if w not in self._kept and w not in self._remembered}
        if not missing:
            return {}
        found = self._search(missing)
        if len(self._remembered) + len(found) > REMEMBERED:
            self._remembered = {}
        self._remembered.update(found)
        return found

    def _search(self, words: set[str]) -> dict[str, str]:
        alternatives = b"|".join(re.escape(word.encode()) for word in sorted(words))
        entry = re.compile(rb"^(" + alternatives + rb") ([A-Z ]+)$", re.MULTILINE)
        found: dict[str, str] = {}
        if not self._text:
            self._text = self._path.read_bytes()
        for match in entry.finditer(self._text):
            word = match.group(1).decode()
            found.setdefault(word, "".join(_CHARACTER[p] for p in match.group(2).decode().split()))
        return {word: found.get(word, word.replace("'", "")) for word in words}
