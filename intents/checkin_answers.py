"""The answer to "Did it happen?" in the person's own words: yes, no, not yet, or partly."""

from __future__ import annotations

import re

from intents.activities import said_done
from intents.data import lexicon
from intents.normalize import normalize
from intents.values import Intent

_BY_INTENT = {"Yes": "yes", "No": "no", "NotYet": "not_yet"}


def checkin_answer(text: str, intent: Intent | None, language: str = "en") -> str | None:
    """'partly', 'not_yet', 'no' or 'yes'; None when the words are not an answer. A part
    done outranks a no ("no, only got halfway"), not yet outranks both."""
    said = normalize(text, language).strip(" .!?")
    cues = lexicon(language)["checkin_answers"]
    for answer in ("not_yet", "partly", "no", "yes"):
        if re.search(cues[answer], said):
            return answer
    if said_done(text, language):
        return "yes"
    return _BY_INTENT.get(intent.name) if intent is not None else None
