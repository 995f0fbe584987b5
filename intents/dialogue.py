"""The one place that holds what the assistant is waiting for, and until when."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from models.store import Store

PENDING = "pending"
LAST_REPLY = "last_reply"
LAST_REPLY_SECONDS = 600
SPOKEN_JOB = "spoken_job"
SPOKEN_JOB_SECONDS = 1800  # "later" moves the job that spoke within this time

# How long each kind of question waits for its answer.
WAIT_SECONDS = {
    "followup": 180,
    "confirm_win": 180,
    "confirm_intention": 180,
    "mood_adjust": 120,
    "tiny_step": 1800,
    "checkin": 900,
    "routine": 900,
    "reminder_when": 180,
    "smaller_step": 300,
    "reflection_done": 300,
    "reflection_mood": 300,
    "note_words": 180,
    "delete_first": 120,
    "delete_second": 120,
}


@dataclass(frozen=True)
class Pending:
    kind: str
    data: dict[str, Any] = field(default_factory=dict)


class Dialogue:
    def __init__(self, store: Store, now: datetime) -> None:
        self._store = store
        self._now = now

    def pending(self) -> Pending | None:
        value = self._store.get_dialogue(PENDING, self._now)
        return Pending(value["kind"], value["data"]) if value else None

    def ask(self, kind: str, **data: Any) -> None:
        expires = self._now + timedelta(seconds=WAIT_SECONDS[kind])
        self._store.set_dialogue(PENDING, {"kind": kind, "data": data}, expires)

    def clear(self) -> None:
        self._store.clear_dialogue(PENDING)

    def remember_reply(self, text: str) -> None:
        expires = self._now + timedelta(seconds=LAST_REPLY_SECONDS)
        self._store.set_dialogue(LAST_REPLY, {"text": text}, expires)

    def last_reply(self) -> str | None:
        value = self._store.get_dialogue(LAST_REPLY, self._now)
        return value["text"] if value else None

    def last_question(self) -> str:
        """The question in what was said last ("Logged: ... How do you feel now, from 0 to
        10?"), or ''."""
        asked = re.findall(r"[^.?!]*\?", self.last_reply() or "")
        return asked[-1].strip() if asked else ""

    def remember_job(self, job: str) -> None:
        """The scheduled job that just spoke, so that 'later' knows what to move."""
        expires = self._now + timedelta(seconds=SPOKEN_JOB_SECONDS)
        self._store.set_dialogue(SPOKEN_JOB, {"job": job}, expires)

    def last_job(self) -> str | None:
        value = self._store.get_dialogue(SPOKEN_JOB, self._now)
        return value["job"] if value else None

    def forget_job(self) -> None:
        self._store.clear_dialogue(SPOKEN_JOB)
