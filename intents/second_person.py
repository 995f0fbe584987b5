"""Words said back to the person who said them: 'take my tablets' -> 'take your tablets'."""

from __future__ import annotations

import re
from functools import cache

from intents.data import lexicon


@cache
def _pattern(language: str) -> tuple[re.Pattern[str], dict[str, str]]:
    table: dict[str, str] = lexicon(language)["second_person"]
    words = "|".join(re.escape(w) for w in sorted(table, key=len, reverse=True))
    return re.compile(rf"(?<![\w'])({words})(?![\w'])", re.IGNORECASE), table


def to_listener(text: str, language: str = "en") -> str:
    """The same words with the speaker's 'I', 'me' and 'my' turned into 'you' and 'your'."""
    pattern, table = _pattern(language)
    return pattern.sub(lambda m: table[m.group(1).lower()], text)
