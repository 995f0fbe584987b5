"""Mood ratings, and low-energy moments: one tiny action or a breathing session."""

from __future__ import annotations

import re
from datetime import timedelta

from intents.activities import in_past, said_done
from intents.data import lexicon
from intents.handlers.context import Context, day_start
from intents.ladder import LOW_MOOD, day_plan, suggestion_text
from intents.normalize import normalize
from intents.spoken_day import SpokenDay
from intents.values import Action, Intent, Reply
from intents.veto import safe_routines
from models.records import Mood, Win

DEFAULT_BREATHING_MINUTES = 2


def rate_mood(intent: Intent, ctx: Context) -> Reply:
    if "compared_with" in intent.slots:
        return _compared(intent, ctx)
    score: int = intent.slots["score"]
    word: str | None = intent.slots.get("word")
    mood = ctx.store.add_mood(Mood(score=score, at=ctx.now, word=word))
    if word:
        text = ctx.replies.text("RateMood", "word", word=word, score=score)
        ctx.dialogue.ask("mood_adjust", mood_id=mood.id)
    else:
        text = ctx.replies.text("RateMood", "score", score=score)
    if score <= LOW_MOOD:
        one = suggestion_text(day_plan(ctx.today, safe_routines(ctx.store)), low_day=True)
        text = f"{text} {one}"
    return Reply(text, expects_answer=bool(word))


def _compared(intent: Intent, ctx: Context) -> Reply:
    """'Better than yesterday': that day's last rating moved by the change, or a question
    when there is none to start from."""
    spoken: SpokenDay = intent.slots["compared_with"]
    day = spoken.date(ctx.today, ahead=False)
    start = day_start(day)
    earlier = ctx.store.moods_between(start, start + timedelta(days=1))
    if not earlier:
        return Reply(ctx.replies.text("RateMood", "compared_unknown", day=spoken.spoken),
                     expects_answer=True)
    score = max(0, min(10, earlier[-1].score + intent.slots["change"]))
    ctx.store.add_mood(Mood(score=score, at=ctx.now, word=None))
    return Reply(ctx.replies.text("RateMood", "compared", day=spoken.spoken, score=score,
                                  before=earlier[-1].score))


def answer_mood_adjust(intent: Intent | None, ctx: Context, data: dict) -> Reply | None:
    if intent is None or intent.name != "Number":
        return None
    ctx.dialogue.clear()
    ctx.store.update_mood(data["mood_id"], intent.slots["score"])
    return Reply(ctx.replies.text("RateMood", "adjusted", score=intent.slots["score"]))


def low_energy(intent: Intent, ctx: Context) -> Reply:
    """One tiny step named at once, breathing as the other way: on a day like that, a choice
    to make is one thing too many."""
    return Reply(ctx.replies.text("LowEnergy", "offer", step=_step_offered(ctx)),
                 expects_answer=True)


def tiny_step(intent: Intent | None, ctx: Context) -> Reply:
    return Reply(ctx.replies.text("LowEnergy", "tiny_step", step=_step_offered(ctx)),
                 expects_answer=True)


def _step_offered(ctx: Context) -> str:
    """One of the tiny steps, kept as the open question until it is done or let go."""
    step = ctx.replies.choice(ctx.replies.data("LowEnergy", "tiny_steps"))
    ctx.dialogue.ask("tiny_step", step=step)
    return step


def answer_tiny_step(intent: Intent | None, ctx: Context, data: dict) -> Reply | None:
    """'Done', 'did it', 'drank it': the tiny step offered is logged, in the past tense.
    Asked for ('the tiny one', 'okay'), it is said again; 'breathe' starts the breathing
    instead; no or cancel lets it go."""
    said = normalize(ctx.utterance, ctx.replies.language)
    choice = lexicon(ctx.replies.language)["low_energy_choice"]
    name = intent.name if intent is not None else ""
    if said_done(ctx.utterance):  # not "forget it" or "done nothing": see `said_done`
        ctx.dialogue.clear()
        activity = in_past(data["step"])
        ctx.store.add_wins([Win(activity=activity, at=ctx.now)])
        return Reply(ctx.replies.text("LogWin", "one", activity=activity))
    if name in ("No", "Cancel"):
        ctx.dialogue.clear()
        return Reply(ctx.replies.text("LowEnergy", "declined"))
    if re.search(choice["tiny"], said) or name in ("TinyStep", "Yes"):  # "not the breathing"
        return Reply(ctx.replies.text("LowEnergy", "tiny_step", step=data["step"]),
                     expects_answer=True)
    if re.search(choice["breathe"], said) or name == "StartBreathing":
        ctx.dialogue.clear()
        return start_breathing(intent if name == "StartBreathing" else None, ctx)
    return None


def start_breathing(intent: Intent | None, ctx: Context) -> Reply:
    minutes = (intent.slots.get("minutes") if intent else None) or DEFAULT_BREATHING_MINUTES
    return Reply(
        ctx.replies.text("Breathing", "start", minutes=minutes),
        actions=(Action("start_breathing", {"minutes": minutes}),),
    )
