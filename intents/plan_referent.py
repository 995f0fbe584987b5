"""What "it" or "that" stands for in a plan: the task named earlier in the same turn.

"I ought to defrost the freezer, I'll do it this evening" plans to defrost the freezer; "the
laundry needs folding so I'll do that" plans to fold the laundry.
"""

from __future__ import annotations

import re
from functools import cache

from intents.data import lexicon
from intents.lemmas import lemma
from intents.spoken_day import take_day


@cache
def _patterns(language: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    data = lexicon(language)["plan_referent"]
    return (re.compile(data["pointer"], re.IGNORECASE), re.compile(data["task"], re.IGNORECASE),
            re.compile(data["needs_doing"], re.IGNORECASE))


def _named_before(intention: str, text: str, language: str) -> tuple[str, str] | None:
    """The task an intention of "do it" or "try that" points back to, and the words after the
    pointer ("tomorrow instead"); None when the intention names its own task or none was named."""
    pointer, named_task, needs_doing = _patterns(language)
    pointed = pointer.match(intention)
    if pointed is None:
        return None
    said = text.lower()
    spot = said.rfind(pointed.group(0).lower())
    if spot <= 0:
        return None  # the pointer is not in the words as said, or nothing comes before it
    earlier, after = said[:spot], intention[pointed.end():].strip()
    found = list(named_task.finditer(earlier))
    if found:
        return found[-1].group("task").strip(), after
    needed = list(needs_doing.finditer(earlier))
    if needed:
        return f"{lemma(needed[-1].group('verb'))} {needed[-1].group('thing')}", after
    return None


def resolved(slots: dict[str, object], text: str, language: str = "en") -> dict[str, object]:
    """The plan's slots with a pointing "do it" replaced by its task, and the day said after
    the pointer ("I'll do it tomorrow instead") taken as the plan's day."""
    pointed = _named_before(str(slots.get("intention", "")), text, language)
    if pointed is None:
        return slots
    task, after = pointed
    day, _ = take_day(after, language)
    kept = {**slots, "intention": task}
    if day is not None and day.offset != 0:
        kept["day"] = day
    return kept
