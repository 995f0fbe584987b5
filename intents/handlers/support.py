"""Help, setbacks, coming back, 'I'm fine', repeat, stop, export and delete-everything."""

from __future__ import annotations

import re
from datetime import timedelta

from intents.data import lexicon
from intents.handlers.context import Context
from intents.talk_likeness import feeling_named
from intents.values import Action, Intent, Reply

SELF_CRITICAL = ("useless", "failure", "a mess", "lazy", "hopeless")


def resources(ctx: Context) -> str:
    return ctx.replies.text(
        "Safety", "resources", line=ctx.helpline.line, emergency=ctx.helpline.emergency)


def help_reply(intent: Intent | None, ctx: Context) -> Reply:
    """What can be said, and always where to find support."""
    return Reply(f"{ctx.replies.text('Support', 'help')} {resources(ctx)}")


def setback(intent: Intent, ctx: Context) -> Reply:
    lowered = ctx.utterance.lower()
    if any(word in lowered for word in SELF_CRITICAL):
        key = "self_critical"
    elif intent.slots.get("missed"):
        key = "missed"
    else:
        key = "general"
    return Reply(ctx.replies.text("Setback", key))


def returning(intent: Intent, ctx: Context) -> Reply:
    return Reply(ctx.replies.text("Setback", "Returning"))


def im_fine(intent: Intent, ctx: Context) -> Reply:
    """Acknowledged without arguing; after a crisis reply, help stays one word away."""
    if ctx.recent_crisis:
        return Reply(ctx.replies.text("Safety", "fine_after_crisis"))
    return Reply(ctx.replies.text("Support", "fine"))


def repeat(intent: Intent, ctx: Context) -> Reply:
    last = ctx.dialogue.last_reply()
    return Reply(last or ctx.replies.text("Support", "nothing_to_repeat"))


def wait(intent: Intent, ctx: Context) -> Reply:
    """"Hang on": take your time, and any open question stays open."""
    question = ctx.dialogue.last_question() if ctx.dialogue.pending() is not None else ""
    if question:
        return Reply(ctx.replies.text("Support", "wait_pending", question=question),
                     expects_answer=True)
    return Reply(ctx.replies.text("Support", "wait"))


def stop(intent: Intent, ctx: Context) -> Reply:
    ctx.dialogue.clear()
    return Reply(ctx.replies.text("Breathing", "stop"), actions=(Action("stop"),))


def custom_intent(intent: Intent, ctx: Context) -> Reply:
    """An intent from a person's own sentence file, which no built-in handler knows."""
    return Reply(ctx.replies.text("Support", "custom_intent"))


def acknowledge(intent: Intent, ctx: Context) -> Reply:
    return Reply(ctx.replies.text("Support", "acknowledge"))


def not_understood(ctx: Context) -> Reply:
    """Feelings are heard first ("my sister was unkind to me"), a good one gladly ("proud of
    myself today"); otherwise what can be said."""
    named = feeling_named(ctx.utterance)
    key = "fallback" if named is None else "good_feeling" if named == "good" else "feeling"
    return Reply(ctx.replies.text("Support", key))


def feeling(intent: Intent, ctx: Context) -> Reply:
    """A feeling told, named or read from the words: heard first, a good one gladly, a loss
    with sorrow and no step to take."""
    key = "loss" if intent.slots.get("loss") else \
        "good_feeling" if intent.slots.get("good") else "feeling"
    return Reply(ctx.replies.text("Support", key))


def talk(intent: Intent, ctx: Context) -> Reply:
    """Greetings, thanks, goodbyes, words about the conversation, requests it cannot do; a
    request to call or ring anyone also gets the helpline, since it cannot call for help.
    "You misunderstood" just after a crisis reply is taken without arguing."""
    if intent.name == "ConversationRef" and ctx.recent_crisis:  # "you misunderstood"
        return Reply(ctx.replies.text("Safety", "fine_after_crisis"))
    key = "unsupported_question" if intent.slots.get("question") else intent.name
    text = ctx.replies.text("Support", key)
    if intent.name == "Unsupported" and re.search(lexicon()["call_words"], ctx.utterance.lower()):
        text = f"{text} {resources(ctx)}"
    return Reply(text)


def cancel(intent: Intent, ctx: Context) -> Reply:
    ctx.dialogue.clear()
    return Reply(ctx.replies.text("Support", "cancel"))


def export(intent: Intent, ctx: Context) -> Reply:
    return Reply(
        ctx.replies.text("Support", "export"), actions=(Action("export", {"format": "json"}),)
    )


def delete_everything(intent: Intent, ctx: Context) -> Reply:
    ctx.dialogue.ask("delete_first")
    return Reply(ctx.replies.text("Support", "delete_first"), expects_answer=True)


def answer_delete_first(intent: Intent | None, ctx: Context, data: dict) -> Reply:
    """Two yeses in a row delete everything; anything else keeps it all."""
    if intent is None or intent.name != "Yes":
        return _keep_everything(ctx)
    ctx.dialogue.ask("delete_second")
    return Reply(ctx.replies.text("Support", "delete_second"), expects_answer=True)


def answer_delete_second(intent: Intent | None, ctx: Context, data: dict) -> Reply:
    if intent is None or intent.name != "Yes":
        return _keep_everything(ctx)
    ctx.dialogue.clear()
    return Reply(ctx.replies.text("Support", "delete_done"), actions=(Action("delete_everything"),))


def welcome_back_due(ctx: Context, away: timedelta = timedelta(days=3)) -> bool:
    """Back after some days away: greeted, never told how long."""
    last = ctx.store.last_action_at()
    return last is not None and ctx.now - last >= away


def _keep_everything(ctx: Context) -> Reply:
    ctx.dialogue.clear()
    return Reply(ctx.replies.text("Support", "delete_cancelled"))
