"""Which handler answers each intent, and each pending question. One table, read top to bottom."""

from __future__ import annotations

from collections.abc import Callable

from intents.handlers import (
    archive,
    intentions,
    mood,
    reminders,
    routines,
    snooze,
    support,
    wins,
)
from intents.handlers.context import Context
from intents.values import Intent, Reply

Handler = Callable[[Intent, Context], Reply]
Answer = Callable[[Intent | None, Context, dict], Reply | None]

HANDLERS: dict[str, Handler] = {
    "LogWin": wins.log_win,
    "AbstinenceWin": wins.log_win,
    "Undo": wins.undo,
    "Correction": wins.correct,
    "TagWin": wins.tag_win,
    "SetIntention": intentions.set_intention,
    "ListIntentions": intentions.list_intentions,
    "RateMood": mood.rate_mood,
    "LowEnergy": mood.low_energy,
    "TinyStep": mood.tiny_step,
    "StartBreathing": mood.start_breathing,
    "WhatDidIDo": archive.what_did_i_do,
    "EncourageMe": archive.encourage,
    "LeaveNote": archive.leave_note,
    "HearNotes": archive.hear_notes,
    "StartReflection": archive.start_reflection,
    "Setback": support.setback,
    "Returning": support.returning,
    "Help": support.help_reply,
    "Feeling": support.feeling,
    "ImFine": support.im_fine,
    "Repeat": support.repeat,
    "Wait": support.wait,
    "Stop": support.stop,
    "Cancel": support.cancel,
    "Export": support.export,
    "DeleteEverything": support.delete_everything,
    "AddRoutine": routines.add_routine,
    "ChangeRoutine": routines.change_routine,
    "RemoveRoutine": routines.remove_routine,
    "ListRoutines": routines.list_routines,
    "Snooze": snooze.snooze,
    "Reminder": reminders.set_reminder,
    "ListReminders": reminders.list_reminders,
    "CancelReminder": reminders.cancel_reminder,
    "Greeting": support.talk,
    "Thanks": support.talk,
    "Goodbye": support.talk,
    "ConversationRef": support.talk,
    "Unsupported": support.talk,
    # Answers said with nothing pending.
    "Number": mood.rate_mood,
    "Yes": support.acknowledge,
    "No": support.acknowledge,
    "NotYet": support.acknowledge,
    "Skip": support.acknowledge,
}

# A pending question takes the next utterance first. Free-text answers (reflection) take any
# text that is not a command; the others return None for an utterance that is not an answer,
# and it is then handled as usual.
ANSWERS: dict[str, Answer] = {
    "followup": wins.answer_followup,
    "confirm_win": wins.answer_confirm_win,
    "confirm_intention": intentions.answer_confirm_intention,
    "checkin": intentions.answer_checkin,
    "routine": routines.answer_routine,
    "reminder_when": reminders.answer_reminder_when,
    "smaller_step": intentions.answer_smaller_step,
    "mood_adjust": mood.answer_mood_adjust,
    "tiny_step": mood.answer_tiny_step,
    "reflection_done": archive.answer_reflection_done,
    "reflection_mood": archive.answer_reflection_mood,
    "note_words": archive.answer_note_words,
    "delete_first": support.answer_delete_first,
    "delete_second": support.answer_delete_second,
}
FREE_TEXT = {"reflection_done", "reflection_mood", "note_words"}
COMMANDS = {"Stop", "Cancel", "Help", "Undo"}
# Asked while a question is open, these leave it open: the next turn still answers it.
KEEPS_PENDING = {"Repeat", "Wait"}
# Said while a question is open, these are answered as asides; they are never taken as the
# answer to a question in free words, and the question is asked again after them.
ASIDES = {"Unsupported", "ConversationRef", "Greeting", "Thanks"}
