"""What every handler is given: the store, the time, the replies and the dialogue state."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from intents.dialogue import Dialogue
from intents.replies import Replies
from intents.spoken_day import WEEKDAYS
from intents.values import Intent, Reply
from models.store import Store

SINCE = "since_"  # a period from a weekday until now: "since_monday"


@dataclass(frozen=True)
class Helpline:
    line: str
    emergency: str


def helpline_of(locale: str, replies: Replies) -> Helpline:
    """The region's helpline; no region chosen (or one that is not a word) gets every
    emergency number, so none is missing."""
    lines = replies.data("Safety", "helplines")
    entry = lines.get(locale.upper(), lines["other"]) if isinstance(locale, str) and locale \
        else lines["unknown"]
    return Helpline(line=entry["line"], emergency=entry["emergency"])


@dataclass
class Context:
    store: Store
    now: datetime
    replies: Replies
    dialogue: Dialogue
    helpline: Helpline
    utterance: str = ""
    recent_crisis: bool = False  # within the quiet time after a crisis or check-in reply
    followups: str = "few"  # which ratings follow a win: few, all or none
    caution: bool = False  # the words name a means of harm, though the screen found no risk

    @property
    def cheerful(self) -> bool:
        """Celebration is held back after a crisis or check-in reply, and when the words
        name a means of harm ("I sorted my pills"): confirmed gently, never praised."""
        return not self.recent_crisis and not self.caution

    @property
    def today(self) -> date:
        return self.now.date()

    def yes_or_no(self, intent: Intent | None) -> bool | None:
        """The answer to a pending yes-or-no question (cancel is a no), which closes it; None
        when the words are not an answer and are to be heard as themselves."""
        if intent is None or intent.name not in ("Yes", "No", "Cancel"):
            return None
        self.dialogue.clear()
        return intent.name == "Yes"

    def kept_if_yes(self, intent: Intent | None, keep: Callable[[], str],
                    declined: Callable[[], str]) -> Reply | None:
        """The answer to "shall I keep …?": yes runs `keep`, no keeps nothing, each saying its
        reply; None when the words are not an answer and are to be heard as themselves."""
        said = self.yes_or_no(intent)
        if said is None:
            return None
        return Reply(keep() if said else declined())


def day_start(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time())


def spoken_day(when: datetime, now: datetime) -> str:
    """'today', 'yesterday', 'on Tuesday' within a week, else 'on 3 November'."""
    days = (now.date() - when.date()).days
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 7:
        return f"on {when.strftime('%A')}"
    return f"on {when.day} {when.strftime('%B')}"


def period_span(period: str, now: datetime) -> tuple[datetime, datetime]:
    """Start and end of a spoken period, ending now."""
    today = day_start(now.date())
    tomorrow = today + timedelta(days=1)
    spans = {
        "today": (today, tomorrow),
        "yesterday": (today - timedelta(days=1), today),
        "week": (today - timedelta(days=6), tomorrow),
        "last_week": (today - timedelta(days=13), today - timedelta(days=6)),
        "month": (today - timedelta(days=29), tomorrow),
        "all": (datetime.min, tomorrow),
    }
    if period.startswith(SINCE):  # "since monday": from the last one before today
        weekday = WEEKDAYS.index(period.removeprefix(SINCE))
        back = (today.weekday() - weekday) % 7 or 7
        return today - timedelta(days=back), tomorrow
    return spans[period]
