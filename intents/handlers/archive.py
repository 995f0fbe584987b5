"""The archive: what did I do, encourage me, notes to my future self, evening reflection."""

from __future__ import annotations

from intents.handlers.context import SINCE, Context, period_span, spoken_day
from intents.mood_reading import read_mood
from intents.replies import spoken_list
from intents.values import Intent, Reply
from intents.veto import first_safe, only_safe
from models.records import Mood, Note, Reflection, Win

MOST_SPOKEN = 5


def what_did_i_do(intent: Intent, ctx: Context) -> Reply:
    period = intent.slots.get("period") or "today"
    start, end = period_span(period, ctx.now)
    wins = only_safe(ctx.store.wins_between(start, end), lambda w: w.activity)
    title = ctx.replies.data("Archive", "periods")[period]
    if not wins:
        # "nothing logged so far", never "for so far"; "since Monday", never "for since Monday"
        key = "none_all" if period == "all" else \
            "none_since" if period.startswith(SINCE) else "none"
        return Reply(ctx.replies.text("Archive", key, period=title))
    activities = [w.activity for w in wins]
    heading = title[0].upper() + title[1:]  # "Since Monday", not "Since monday"
    if len(activities) <= MOST_SPOKEN:
        return Reply(ctx.replies.text(
            "Archive", "list", period_title=heading, activities=spoken_list(activities)))
    # The most recent few, spoken; the rest counted, never what was missed.
    return Reply(ctx.replies.text(
        "Archive", "list_more", period_title=heading, count=len(activities),
        activities=spoken_list(activities[-MOST_SPOKEN:])))


def encourage(intent: Intent, ctx: Context) -> Reply:
    """Replay a past win or a note to my future self, never one whose words carry risk."""
    win = first_safe(ctx.replies.shuffled(ctx.store.all_wins()), lambda w: w.activity)
    note = first_safe(ctx.replies.shuffled(ctx.store.notes()), lambda n: n.text)
    if note is not None and (win is None or ctx.replies.choice(["win", "note"]) == "note"):
        return Reply(ctx.replies.text(
            "Archive", "encourage_note", day=spoken_day(note.at, ctx.now), note=note.text))
    if win is None:
        return Reply(ctx.replies.text("Archive", "encourage_none"))
    day = spoken_day(win.at, ctx.now)
    return Reply(ctx.replies.text(
        "Archive", "encourage_win", day=day, Day=day[0].upper() + day[1:], activity=win.activity))


def leave_note(intent: Intent, ctx: Context) -> Reply:
    """The note kept; asked for first when only the wish to leave one was said."""
    if not intent.slots.get("note"):
        ctx.dialogue.ask("note_words")
        return Reply(ctx.replies.text("Archive", "note_ask"), expects_answer=True)
    return _keep_note(intent.slots["note"], ctx)


def answer_note_words(intent: Intent | None, ctx: Context, data: dict) -> Reply:
    """Whatever is said next is the note, unless it is skipped."""
    if intent is not None and intent.name == "Skip":
        return Reply(ctx.replies.text("Archive", "note_skipped"))
    return _keep_note(ctx.utterance.strip(), ctx)


def _keep_note(text: str, ctx: Context) -> Reply:
    ctx.store.add_note(Note(text=text, at=ctx.now))
    return Reply(ctx.replies.text("Archive", "note_saved"))


def hear_notes(intent: Intent, ctx: Context) -> Reply:
    """The last few notes to my future self, never one whose words carry risk."""
    notes = only_safe(ctx.store.notes(), lambda n: n.text)[-MOST_SPOKEN:]
    if not notes:
        return Reply(ctx.replies.text("Archive", "no_notes"))
    return Reply(ctx.replies.text("Archive", "notes", notes=spoken_list(
        [f'"{n.text}"' for n in notes])))


def start_reflection(intent: Intent | None, ctx: Context) -> Reply:
    ctx.dialogue.ask("reflection_done")
    return Reply(ctx.replies.text("Archive", "reflection_start"), expects_answer=True)


def answer_reflection_done(intent: Intent | None, ctx: Context, data: dict) -> Reply:
    """Any words are the thing done; a win among them is logged as well."""
    done = None if intent is not None and intent.name == "Skip" else ctx.utterance.strip()
    ctx.dialogue.ask("reflection_mood", done=done)
    if intent is not None and intent.name == "LogWin" and not ctx.caution:
        activities = intent.slots["activities"]
        ctx.store.add_wins([Win(activity=a, at=ctx.now) for a in activities])
        said = spoken_list(activities)
        return Reply(ctx.replies.text("Archive", "reflection_win", activity=said),
                     expects_answer=True)
    return Reply(ctx.replies.text("Archive", "reflection_mood"), expects_answer=True)


def answer_reflection_mood(intent: Intent | None, ctx: Context, data: dict) -> Reply:
    """The mood word kept with the reflection; a rating said instead is the day's mood too."""
    word = None if intent is not None and intent.name == "Skip" else ctx.utterance.strip()
    ctx.dialogue.clear()
    rated = read_mood(word, ctx.replies.language) if word else None
    with ctx.store.transaction():
        ctx.store.add_reflection(Reflection(at=ctx.now, done=data.get("done"), mood_word=word))
        if rated is not None and rated.score is not None and rated.word is None:
            ctx.store.add_mood(Mood(score=rated.score, at=ctx.now))
    return Reply(ctx.replies.text("Archive", "reflection_saved"))
