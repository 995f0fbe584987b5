"""One-off reminders by voice: set, ask when, list, cancel; and the words said when one is due.
A reminder said for every day becomes a routine."""

from __future__ import annotations

from datetime import datetime

from intents.handlers.context import Context
from intents.handlers.routines import add_routine
from intents.second_person import to_listener
from intents.spoken_time import spoken_clock
from intents.spoken_when import SpokenWhen, parse_when
from intents.values import Intent, Reply
from intents.veto import only_safe
from models.records import Reminder


def when_words(ctx: Context, due: datetime, when: SpokenWhen | None = None) -> str:
    """'in 30 minutes' for a delay, else 'at 6 in the evening', 'tomorrow at 9 in the
    morning' or 'on Thursday at 10 in the morning'."""
    if when is not None and when.minutes is not None:
        hours, minutes = divmod(when.minutes, 60)
        if minutes == 0:
            return ctx.replies.text("Reminders", "in_an_hour" if hours == 1 else "in_hours",
                                    hours=hours)
        if hours == 0:
            return ctx.replies.text("Reminders", "in_a_minute" if minutes == 1 else
                                    "in_minutes", minutes=minutes)
    time = spoken_clock(due.strftime("%H:%M"))
    days = (due.date() - ctx.today).days
    key = "today_at" if days == 0 else "tomorrow_at" if days == 1 else "day_at"
    return ctx.replies.text("Reminders", key, time=time, day=due.strftime("%A"))


def set_reminder(intent: Intent, ctx: Context) -> Reply:
    what: str = intent.slots["what"]
    when = parse_when(intent.slots["when"]) if "when" in intent.slots else None
    if when is None or when.clock is None and when.minutes is None:
        ctx.dialogue.ask("reminder_when", what=what, daily=when is not None and when.daily)
        return Reply(ctx.replies.text("Reminders", "ask_when"), expects_answer=True)
    return _keep(ctx, what, when)


def answer_reminder_when(intent: Intent | None, ctx: Context, data: dict) -> Reply | None:
    """The time for a reminder asked about; words that are not a time are heard as usual."""
    if intent is not None and intent.name == "Cancel":
        return None
    when = parse_when(ctx.utterance)
    if when is None or when.clock is None and when.minutes is None:
        return None
    ctx.dialogue.clear()
    if data.get("daily") and not when.daily:
        when = SpokenWhen(when.said, clock=when.clock, daily=True) if when.clock else when
    return _keep(ctx, data["what"], when)


def _keep(ctx: Context, what: str, when: SpokenWhen) -> Reply:
    if when.daily and when.clock is not None:
        return add_routine(Intent("AddRoutine", {"task": what, "cue_time": when.clock}), ctx)
    due = when.due_at(ctx.now)
    ctx.store.add_reminder(Reminder(text=what, due_at=due, created_at=ctx.now))
    return Reply(ctx.replies.text("Reminders", "set", when=when_words(ctx, due, when),
                                  what=to_listener(what)))


def pending_reminders(ctx: Context) -> list[Reminder]:
    """The reminders not yet said whose words may be read back, soonest first."""
    return only_safe(ctx.store.pending_reminders(), lambda r: r.text)


def list_reminders(intent: Intent | None, ctx: Context) -> Reply:
    reminders = pending_reminders(ctx)
    if not reminders:
        return Reply(ctx.replies.text("Reminders", "list_none"))
    items = [ctx.replies.text("Reminders", "item", what=to_listener(r.text),
                              when=when_words(ctx, r.due_at)) for r in reminders]
    return Reply(ctx.replies.text("Reminders", "list", reminders="; ".join(items)))


def cancel_reminder(intent: Intent | None, ctx: Context) -> Reply:
    """Cancels the reminder set most recently, of those not yet said."""
    reminders = ctx.store.pending_reminders()
    if not reminders:
        return Reply(ctx.replies.text("Reminders", "cancel_none"))
    latest = max(reminders, key=lambda r: (r.created_at, r.id or 0))
    assert latest.id is not None
    ctx.store.remove_reminder(latest.id)
    return Reply(ctx.replies.text("Reminders", "cancelled", what=to_listener(latest.text)))


def say_due(ctx: Context, reminder: Reminder) -> Reply | None:
    """The words for a reminder that is due, and it is marked done; None (and done) when its
    words may not be read back."""
    assert reminder.id is not None
    ctx.store.set_reminder_status(reminder.id, "done")
    if not only_safe([reminder], lambda r: r.text):
        return None
    return Reply(ctx.replies.text("Reminders", "due", time=spoken_clock(ctx.now.strftime("%H:%M")),
                                  what=to_listener(reminder.text)))
