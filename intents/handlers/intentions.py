"""Morning intentions, hearing them back, and the check-in: did it happen?"""

from __future__ import annotations

import re
from datetime import date

from intents.activities import in_past
from intents.checkin_answers import checkin_answer
from intents.handlers.context import Context
from intents.lemmas import verb_form
from intents.replies import spoken_list
from intents.second_person import to_listener
from intents.spoken_day import SpokenDay
from intents.values import Intent, Reply
from intents.veto import only_safe
from models.records import Intention, Win

# Directions or states rather than steps ("be better", "be kinder", "not be so tired"; a place
# or a time is a step: "be in bed by eleven"), or
# a verb whose only object is "it" or "that", the act left unnamed ("use it now", "go through
# with it tonight"): answered with a nudge toward one precise action, and not kept.
VAGUE = re.compile(
    r"^((get|do|try to be|try|feel)\s+(better|harder|more|happier|productive|healthier|good|"
    r"my best|things|stuff|something|it|okay|ok|fine|organi[sz]ed|my life together)\b"
    r"|be\b(?! ((in|at) (bed|the|my|work|school|church|town|class)|up (by|at|before|early)"
    r"|out (of the house|by|before)|home|back|ready|dressed|on time|asleep|outside|there)\b)|not\b"
    r"|(better|okay|ok|fine|stuff|well|good|more|less)\s*$"
    r"|(\w+\s+){1,2}(with\s+)?(it|that|this)(\s+(now|tonight|today|tomorrow|later|soon|then"
    r"|at last|after all))?\s*$)",
    re.IGNORECASE,
)


def set_intention(intent: Intent, ctx: Context) -> Reply:
    text: str = intent.slots["intention"]
    one_word = len(text.split()) < 2 and not text.endswith("ing") and verb_form(text) != "base"
    if VAGUE.match(text) or one_word:  # a lone verb is a step: "shower", "hoover"
        return Reply(ctx.replies.text("Intentions", "vague"), expects_answer=True)
    spoken: SpokenDay | None = intent.slots.get("day")
    day = spoken.date(ctx.today, ahead=True) if spoken is not None else ctx.today
    day = max(day, ctx.today)
    if ctx.caution:  # a means or harm word, or a clause that reads like risk: asked first
        ctx.dialogue.ask("confirm_intention", intention=text, day=day.isoformat())
        return Reply(ctx.replies.text("Intentions", "confirm_first", intention=to_listener(text)),
                     expects_answer=True)
    ctx.store.add_intention(Intention(text=text, day=day, created_at=ctx.now))
    said = to_listener(text)
    if day != ctx.today:
        named = spoken.spoken.removeprefix("on ")  # "Noted for Monday", not "for on Monday"
        return Reply(ctx.replies.text("Intentions", "set_for", intention=said, day=named))
    return Reply(ctx.replies.text("Intentions", "set", intention=said))


def answer_confirm_intention(intent: Intent | None, ctx: Context, data: dict) -> Reply | None:
    """Yes keeps the plan for its day, plainly; no keeps nothing."""
    def keep() -> str:
        ctx.store.add_intention(Intention(text=data["intention"],
                                          day=date.fromisoformat(data["day"]), created_at=ctx.now))
        said = to_listener(data["intention"])
        return ctx.replies.text("Intentions", "confirm_kept", intention=said)

    return ctx.kept_if_yes(
        intent, keep, lambda: ctx.replies.text("Intentions", "confirm_declined"))


def todays_intentions(ctx: Context) -> list[Intention]:
    """Today's intentions that may be read back."""
    return only_safe(ctx.store.intentions_for(ctx.today), lambda i: i.text)


def list_intentions(intent: Intent | None, ctx: Context) -> Reply:
    intentions = todays_intentions(ctx)
    if not intentions:
        return Reply(ctx.replies.text("Intentions", "list_none"))
    open_ones = [i.text for i in intentions if i.status in ("open", "not_done")]
    done = [i.text for i in intentions if i.status in ("done", "partial")]
    parts = []
    if open_ones:
        parts.append(ctx.replies.text("Intentions", "list", intentions=spoken_list(open_ones)))
    if done:
        parts.append(ctx.replies.text("Intentions", "list_done", done=spoken_list(done)))
    return Reply(" ".join(parts))


def ask_checkin(ctx: Context, intention: Intention) -> Reply:
    """The check-in question for an open intention; the answer comes as the next utterance."""
    ctx.dialogue.ask("checkin", intention_id=intention.id, text=intention.text)
    return Reply(
        ctx.replies.text("Intentions", "checkin_question", intention=to_listener(intention.text)),
        expects_answer=True,
    )


def answer_checkin(intent: Intent | None, ctx: Context, data: dict) -> Reply | None:
    """Yes, no, not yet, or partly, in the person's own words ('only got halfway', 'never got
    round to it', 'oh yes, all done'); anything else is heard as itself."""
    said = checkin_answer(ctx.utterance, intent)
    if said is None:
        return None
    text = data["text"]
    if said == "partly":
        ctx.dialogue.clear()
        activity = f"started to {text}"
        with ctx.store.transaction():
            ctx.store.set_intention_status(data["intention_id"], "partial")
            ctx.store.add_wins([Win(activity=activity, at=ctx.now, source="intention")])
        return Reply(ctx.replies.text("Intentions", "checkin_partly",
                                      activity=to_listener(activity)))
    if said == "not_yet":
        ctx.dialogue.clear()
        return Reply(ctx.replies.text("Intentions", "checkin_not_yet"))
    if said == "no":
        ctx.store.set_intention_status(data["intention_id"], "not_done")
        ctx.dialogue.ask("smaller_step", text=text)
        return Reply(ctx.replies.text("Intentions", "checkin_no"), expects_answer=True)
    ctx.dialogue.clear()
    done = in_past(text)  # kept as the deed done: "posted my sister's card"
    with ctx.store.transaction():
        ctx.store.set_intention_status(data["intention_id"], "done")
        ctx.store.add_wins([Win(activity=done, at=ctx.now, source="intention")])
    key = "checkin_yes" if ctx.cheerful else "checkin_yes_plain"
    return Reply(ctx.replies.text("Intentions", key, intention=to_listener(done)))


def answer_smaller_step(intent: Intent | None, ctx: Context, data: dict) -> Reply | None:
    said = ctx.yes_or_no(intent)
    if said is None:
        return None
    if not said:
        return Reply(ctx.replies.text("Intentions", "smaller_declined"))
    smaller = ctx.replies.text("Intentions", "smaller_step", plan=data["text"])
    ctx.store.add_intention(Intention(text=smaller, day=ctx.today, created_at=ctx.now))
    return Reply(ctx.replies.text("Intentions", "smaller_set", intention=smaller))
