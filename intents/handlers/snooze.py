"""'Later', 'in ten minutes': move the job that just spoke."""

from __future__ import annotations

from intents.handlers.context import Context
from intents.values import Action, Intent, Reply


def snooze(intent: Intent, ctx: Context) -> Reply:
    """The voice layer moves the job; with no minutes said, it uses the snooze setting."""
    job = ctx.dialogue.last_job()
    if job is None:
        return Reply(ctx.replies.text("Snooze", "nothing"))
    minutes = intent.slots.get("minutes")
    ctx.dialogue.clear()
    ctx.dialogue.forget_job()
    action = Action("snooze", {"job": job, "minutes": minutes})
    if minutes:
        return Reply(ctx.replies.text("Snooze", "moved", minutes=minutes), actions=(action,))
    return Reply(ctx.replies.text("Snooze", "moved_later"), actions=(action,))
