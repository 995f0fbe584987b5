"""A win put right straight after it was logged, in the person's own words: "no, the bed, I
made the bed", "sheets, I washed the sheets", "not the cat, the dog"."""

from __future__ import annotations

import re

from intents.data import lexicon
from intents.normalize import normalize
from intents.values import Intent

_SWAP = re.compile(r"^(?:(?:no|nope|sorry|oops)\W+)*not (?:the |my |a |an )?(?P<wrong>[\w' ]+?)"
                   r"\W+(?:it was |i said )?(?:the |my |a |an )?(?P<right>[\w' ]+)$")


def corrected(text: str, intent: Intent | None, last: str, language: str = "en") -> str | None:
    """The last win's words as they should read, or None when this is not a correction."""
    said = normalize(text, language).strip(" .!?")
    cues = lexicon(language)["spoken_correction"]
    if re.search(cues["adds"], said):
        return None  # "no, I also fed the cat": one more win, not this one put right
    swap = _SWAP.match(said)
    if swap and re.search(rf"\b{re.escape(swap['wrong'])}\b", last.lower()):
        return re.sub(rf"\b{re.escape(swap['wrong'])}\b", swap["right"], last, flags=re.I)
    if intent is None or intent.name != "LogWin" or len(intent.slots["activities"]) != 1:
        return None
    new: str = intent.slots["activities"][0]
    head = said.split(",")[0]
    echoed = "," in said and bool(set(head.split()) & set(new.lower().split()) -
                                  set(cues["not_echo"]))
    return new if re.match(cues["lead"], said) or echoed else None
