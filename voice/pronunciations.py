"""How words sound, from the CMU pronouncing dictionary the PocketSphinx package ships: each
phoneme one character, so that sounds compare as strings. The dictionary (3 MB, 134,000
words) is kept as its 3 MB of text and searched for the words asked about, not parsed whole
(as a table it would hold 19 MB)."""

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
        known = self._look_up(words)
        return "".join(known[word] for word in words)

    def keep(self, words: Iterable[str]) -> None:
        """Look these up once and never forget them (the templates' own words)."""
        self._kept.update(self._look_up(set(words)))

    def _look_up(self, words: Iterable[str]) -> dict[str, str]:
        known = {**self._remembered, **self._kept}
        missing = {word for word in words if word not in known}
        if missing:
            found = self._search(missing)
            if len(self._remembered) + len(found) > REMEMBERED:
                self._remembered = {}
            self._remembered.update(found)
            known.update(found)
        return known

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
