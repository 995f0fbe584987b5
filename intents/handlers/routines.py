"""Routines by voice: add, change, remove, list; and the answer when a routine's cue comes."""

from __future__ import annotations

from dataclasses import replace

from intents.handlers.context import Context
from intents.spoken_time import spoken_clock
from intents.values import Action, Intent, Reply
from intents.veto import safe_routines
from models.records import Routine, Win
from models.store import Store

CHANGED = Action("routines_changed")  # the day's schedule reloads its routine cues


def find_routine(store: Store, name: str) -> Routine | None:
    """The routine whose task is `name`, or the one whose task holds it or is held by it."""
    said = " ".join(name.lower().split())
    routines = store.routines()
    exact = [r for r in routines if r.task.lower() == said]
    close = [r for r in routines if said in r.task.lower() or r.task.lower() in said]
    return (exact or close or [None])[0]


def cue_words(ctx: Context, routine: Routine) -> str:
    """'at 9 in the morning' or 'after water the plant'."""
    if routine.cue_time:
        return ctx.replies.text("Routines", "cue_time", time=spoken_clock(routine.cue_time))
    before = next((r for r in ctx.store.routines() if r.id == routine.after_routine), None)
    return ctx.replies.text("Routines", "cue_after", task=before.task if before else "another")


def add_routine(intent: Intent, ctx: Context) -> Reply:
    slots = intent.slots
    after = None
    if "after" in slots:
        after = find_routine(ctx.store, slots["after"])
        if after is None:
            return Reply(ctx.replies.text("Routines", "no_such", name=slots["after"]))
    routine = ctx.store.add_routine(Routine(
        task=slots["task"], cue_time=slots.get("cue_time"),
        after_routine=after.id if after else None, celebration=slots.get("celebration"),
    ))
    celebration = ctx.replies.text("Routines", "added_celebration",
                                   celebration=routine.celebration) if routine.celebration else ""
    text = ctx.replies.text("Routines", "added", task=routine.task, cue=cue_words(ctx, routine),
                            celebration_part=celebration)
    return Reply(text.strip(), actions=(CHANGED,))


def change_routine(intent: Intent, ctx: Context) -> Reply:
    routine = find_routine(ctx.store, intent.slots["routine"])
    if routine is None:
        return Reply(ctx.replies.text("Routines", "no_such", name=intent.slots["routine"]))
    changed = replace(routine, cue_time=intent.slots["cue_time"], after_routine=None)
    ctx.store.update_routine(changed)
    return Reply(ctx.replies.text("Routines", "changed", task=changed.task,
                                  cue=cue_words(ctx, changed)), actions=(CHANGED,))


def remove_routine(intent: Intent, ctx: Context) -> Reply:
    routine = find_routine(ctx.store, intent.slots["routine"])
    if routine is None or routine.id is None:
        return Reply(ctx.replies.text("Routines", "no_such", name=intent.slots["routine"]))
    ctx.store.remove_routine(routine.id)
    return Reply(ctx.replies.text("Routines", "removed", task=routine.task), actions=(CHANGED,))


def list_routines(intent: Intent | None, ctx: Context) -> Reply:
    routines = [r for r in safe_routines(ctx.store) if r.active]
    if not routines:
        return Reply(ctx.replies.text("Routines", "list_none"))
    items = [ctx.replies.text("Routines", "item", task=r.task, cue=cue_words(ctx, r))
             for r in routines]
    return Reply(ctx.replies.text("Routines", "list", routines="; ".join(items)))


def ask_routine(ctx: Context, routine: Routine) -> Reply:
    """The routine's cue, spoken; 'done' or 'yes' as the next utterance completes it."""
    ctx.dialogue.ask("routine", routine_id=routine.id, task=routine.task,
                     celebration=routine.celebration)
    if routine.completion:
        text = ctx.replies.text("Routines", "ask_completion", task=routine.task,
                                completion=routine.completion)
    else:
        text = ctx.replies.text("Routines", "ask", task=routine.task)
    return Reply(text, expects_answer=True)


def answer_routine(intent: Intent | None, ctx: Context, data: dict) -> Reply | None:
    if intent is None or intent.name not in ("Yes", "No", "NotYet", "LogWin"):
        return None
    ctx.dialogue.clear()
    if intent.name == "No":
        return Reply(ctx.replies.text("Routines", "not_done"))
    if intent.name == "NotYet":
        return Reply(ctx.replies.text("Routines", "not_yet"))
    task = data["task"]
    ctx.store.add_wins([Win(activity=task, at=ctx.now, source="routine")])
    if not ctx.cheerful:
        text = ctx.replies.text("Routines", "done_plain", task=task)
    elif data.get("celebration"):
        text = ctx.replies.text("Routines", "done", task=task, celebration=data["celebration"])
    else:
        text = ctx.replies.text("Routines", "done_simple", task=task)
    following = [r for r in safe_routines(ctx.store) if r.active and r.after_routine ==
                 data["routine_id"]]
    if not following:
        return Reply(text)
    ctx.dialogue.remember_job(f"routine:{following[0].id}")
    ask = ask_routine(ctx, following[0])
    return Reply(f"{text} {ask.text}", expects_answer=True)
