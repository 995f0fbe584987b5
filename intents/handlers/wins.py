"""Logging wins, the optional ratings after them, tagging, and undo."""

from __future__ import annotations

import re
from datetime import datetime

from intents.activities import evidence
from intents.data import lexicon
from intents.handlers.context import Context
from intents.normalize import normalize
from intents.replies import spoken_list
from intents.second_person import to_listener
from intents.spoken_correction import Swap, corrected, said_again, shares_words, swapped
from intents.spoken_day import SpokenDay
from intents.values import Intent, Reply
from models.records import Win

# The ratings asked after a win, by the `followups` setting. "few" asks the two the weekly look
# back uses to link what was done to mood; "all" adds enjoyment and importance.
FOLLOWUPS = {"few": ("mood_before", "mood_after"),
             "all": ("mood_before", "mood_after", "enjoyment", "importance"),
             "none": ()}


def log_win(intent: Intent, ctx: Context) -> Reply:
    activities: list[str] = intent.slots["activities"]
    # A means or harm word, or words that may be a request ("put the radio on"): asked
    # first, kept only on a yes, never praised.
    if ctx.caution or intent.slots.get("unsure"):
        ctx.dialogue.ask("confirm_win", activities=activities)
        said = to_listener(spoken_list(activities))
        return Reply(ctx.replies.text("LogWin", "confirm_first", activities=said),
                     expects_answer=True)
    at = _when(intent, ctx)
    saved = ctx.store.add_wins([Win(activity=a, at=at) for a in activities])
    return confirm_wins(ctx, activities, [w.id for w in saved if w.id is not None])


def _when(intent: Intent, ctx: Context) -> datetime:
    """Now, or the same time on the earlier day the win was said with ("yesterday I...")."""
    day: SpokenDay | None = intent.slots.get("day")
    if day is None:
        return ctx.now
    when = day.date(ctx.today, ahead=False)
    return ctx.now if when >= ctx.today else datetime.combine(when, ctx.now.time())


def answer_confirm_win(intent: Intent | None, ctx: Context, data: dict) -> Reply | None:
    """Yes keeps the win, plainly; no keeps nothing."""
    activities: list[str] = data["activities"]

    def keep() -> str:
        ctx.store.add_wins([Win(activity=a, at=ctx.now) for a in activities])
        return ctx.replies.text("LogWin", "plain_one", activity=spoken_list(activities))

    return ctx.kept_if_yes(intent, keep, lambda: ctx.replies.text("LogWin", "confirm_declined"))


def confirm_wins(ctx: Context, activities: list[str], win_ids: list[int]) -> Reply:
    """The spoken confirmation, in proportion, and the first optional follow-up question."""
    plain = "" if ctx.cheerful else "plain_"
    if len(activities) == 1:
        text = ctx.replies.text("LogWin", f"{plain}one", activity=activities[0])
    else:
        text = ctx.replies.text(
            "LogWin", f"{plain}several", count=len(activities), activities=spoken_list(activities)
        )
    asked = FOLLOWUPS[ctx.followups]
    if not asked or not ctx.cheerful:
        return Reply(text)
    ctx.dialogue.ask("followup", win_ids=win_ids, remaining=list(asked))
    return Reply(f"{text} {ctx.replies.text('LogWin', 'followup_first')}", expects_answer=True)


def answer_followup(intent: Intent | None, ctx: Context, data: dict) -> Reply | None:
    """A number or 'skip' answers the current question; anything else ends the follow-ups."""
    remaining: list[str] = data["remaining"]
    last = ctx.store.last_win()
    fixed = corrected(ctx.utterance, intent, last.activity, ctx.replies.language) \
        if last is not None and last.id in data["win_ids"] else None
    if fixed is not None and last is not None and last.id is not None:
        if ctx.caution:
            return Reply(ctx.replies.text("Safety", "held_back"))
        ctx.store.update_win(last.id, activity=fixed)  # the question still waits
        return Reply(ctx.replies.text("LogWin", "corrected", activity=fixed))
    if intent is None or intent.name not in ("Number", "Skip", "Cancel", "No"):
        return None
    if intent.name in ("Cancel", "No"):
        ctx.dialogue.clear()
        return Reply(ctx.replies.text("LogWin", "followup_stop"))
    if intent.name == "Number":
        for win_id in data["win_ids"]:
            ctx.store.update_win(win_id, **{remaining[0]: intent.slots["score"]})
    rest = remaining[1:]
    if not rest:
        ctx.dialogue.clear()
        return Reply(ctx.replies.text("LogWin", "followup_done"))
    ctx.dialogue.ask("followup", win_ids=data["win_ids"], remaining=rest)
    return Reply(ctx.replies.data("LogWin", "followup")[rest[0]], expects_answer=True)


def tag_win(intent: Intent, ctx: Context) -> Reply:
    win = ctx.store.last_win()
    if win is None or win.id is None:
        return Reply(ctx.replies.text("Archive", "tag_none"))
    area = life_area(intent.slots["area"])
    ctx.store.update_win(win.id, area=area)
    return Reply(ctx.replies.text("Archive", "tagged", activity=win.activity, area=area))


def correct(intent: Intent, ctx: Context) -> Reply:
    """A misheard win put right in place: the last win's words replaced, nothing added."""
    if ctx.caution:  # a means or harm word: not kept from a correction either
        return Reply(ctx.replies.text("Safety", "held_back"))
    win = ctx.store.last_win()
    told = intent.slots.get("activity")
    language = ctx.replies.language
    deed = (said_again(told, language) or told) if told else ""  # "I said watered. I ..."
    signed = _said_as_correction(ctx)
    if len(deed.split()) > 1 and evidence(deed, language) == "win" and (
            win is None or not _puts_right(intent, win.activity, signed, language)):
        # the win told; asked about first unless it was said as a correction
        return log_win(Intent("LogWin", {"activities": [deed], "unsure": not signed}), ctx)
    if win is None or win.id is None:
        return Reply(ctx.replies.text("LogWin", "nothing_to_correct"))
    fixed = told or \
        swapped(win.activity, Swap(intent.slots["right"], intent.slots.get("wrong")))
    if fixed is None:  # "I meant Tuesday", or words the last win does not hold
        return Reply(ctx.replies.text("LogWin", "correct_which",
                                      activity=to_listener(win.activity)))
    ctx.store.update_win(win.id, activity=fixed)
    return Reply(ctx.replies.text("LogWin", "corrected", activity=fixed))


def _said_as_correction(ctx: Context) -> bool:
    """The turn opens as a correction: "no", "sorry", "I said", "you misheard"."""
    language = ctx.replies.language
    said_as_one = lexicon(language)["spoken_correction"]["said_as_one"]
    return bool(re.match(said_as_one, normalize(ctx.utterance, language)))


def _puts_right(intent: Intent, last: str, signed: bool, language: str) -> bool:
    """Whether "not X, I Y" corrects the last win: it opens as a correction, or X echoes the
    win. "Not much, but I did reply to the landlord" is a win told."""
    wrong = intent.slots.get("wrong")
    if not wrong or signed:
        return True  # "I said ...", "change it to ...": a correction by its frame or its sign
    return shares_words(wrong, last, language)


def undo(intent: Intent, ctx: Context) -> Reply:
    undone = ctx.store.undo_last()
    ctx.dialogue.clear()
    if undone is None:
        return Reply(ctx.replies.text("Undo", "nothing"))
    if undone.wins:
        return Reply(ctx.replies.text(
            "Undo", "removed_wins", activities=spoken_list([w.activity for w in undone.wins])))
    if undone.texts:
        return Reply(ctx.replies.text("Undo", "removed_other", what=spoken_list(undone.texts)))
    # Moods and reflections are the entries with no words to read back.
    return Reply(ctx.replies.text(
        "Undo", "removed_mood" if undone.kind == "mood" else "removed_reflection"))


def life_area(said: str) -> str:
    """'my family' -> 'relationships'; a value not in the list is kept as said."""
    word = said.lower().removeprefix("my ").strip()
    for area, synonyms in lexicon()["life_areas"].items():
        if word == area or word in synonyms:
            return area
    return word
