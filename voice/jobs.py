"""What each scheduled job is, when it is still worth saying, and what it says."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from intents.handlers.archive import start_reflection
from intents.handlers.context import Context, day_start
from intents.handlers.intentions import ask_checkin, todays_intentions
from intents.handlers.routines import ask_routine
from intents.handlers.support import welcome_back_due
from intents.ladder import day_plan, is_low_day, suggestion_text
from intents.lookback import look_back
from intents.replies import spoken_list
from intents.values import Reply
from intents.veto import only_safe, safe_routines
from models.records import Routine
from models.store import Store
from voice.config import WEEKDAYS, Settings

BUILT_IN = ("morning", "checkin", "evening", "weekly")
TITLES = {
    "morning": "Morning intention",
    "checkin": "Midday check-in",
    "evening": "Evening reflection",
    "weekly": "Weekly look back",
}
ABOUT = {
    "morning": "Greets you, reads back today's plan and intentions, offers today's small wins, "
               "and asks for one precise, doable intention.",
    "checkin": "Asks about an intention not yet done: yes logs it as a win; no offers a smaller "
               "step.",
    "evening": "Asks for one thing you did today and one word for your mood.",
    "weekly": "Looks back on the week: what you did and what went with a better mood.",
}
MORNING_USEFUL_UNTIL = time(12, 0)
CHECKIN_USEFUL_UNTIL = time(18, 0)  # when there is no evening reflection to hand over to
ROUTINE_USEFUL_FOR = timedelta(hours=1)
LOW_MOOD_LOOKBACK = timedelta(hours=18)  # a low mood since yesterday evening makes a low day
ROUTINE_PREFIX = "routine:"


@dataclass(frozen=True)
class JobSpec:
    """One spoken job: its name ('morning', 'routine:3'), its time and, if weekly, its day."""

    name: str
    title: str
    at: str  # HH:MM
    day: str | None = None  # weekday name, for a weekly job
    routine: Routine | None = None

    @property
    def at_time(self) -> time:
        return time.fromisoformat(self.at)

    def runs_on(self, day: date) -> bool:
        return self.day is None or WEEKDAYS[day.weekday()] == self.day


def in_quiet_hours(moment: time, settings: Settings) -> bool:
    """Quiet hours may run past midnight (22:00 to 08:00) or lie within a day (13:00 to 15:00)."""
    start, end = time.fromisoformat(settings.quiet_start), time.fromisoformat(settings.quiet_end)
    if start <= end:
        return start <= moment < end
    return moment >= start or moment < end


def job_specs(settings: Settings, routines: list[Routine]) -> list[JobSpec]:
    """The built-in jobs that are on, then each active routine with a time cue."""
    specs = [JobSpec(name, TITLES[name], job.at, job.day)
             for name, job in settings.jobs.items() if job.enabled and name in TITLES]
    specs += [JobSpec(f"{ROUTINE_PREFIX}{r.id}", f"Routine: {r.task}", r.cue_time, routine=r)
              for r in routines if r.active and r.cue_time]
    return specs


def useful_until(spec: JobSpec, day: date, settings: Settings) -> datetime:
    """The last moment a late run of `spec` on `day` is still worth saying."""
    start = day_start(day)
    if spec.name == "morning":
        limit = start + timedelta(hours=MORNING_USEFUL_UNTIL.hour)
    elif spec.name == "checkin":
        evening = settings.jobs.get("evening")
        handover = evening.at if evening and evening.enabled else CHECKIN_USEFUL_UNTIL.isoformat()
        limit = datetime.combine(day, time.fromisoformat(handover))
    elif spec.routine is not None:
        limit = datetime.combine(day, spec.at_time) + ROUTINE_USEFUL_FOR
    else:
        limit = start + timedelta(days=1)
    quiet = datetime.combine(day, time.fromisoformat(settings.quiet_start))
    if quiet > datetime.combine(day, spec.at_time):
        limit = min(limit, quiet)
    return limit


def compose(spec: JobSpec, ctx: Context) -> Reply | None:
    """What `spec` says now; None when there is nothing worth saying (no open intention)."""
    if spec.routine is not None:
        return ask_routine(ctx, spec.routine)
    if spec.name == "morning":
        return morning(ctx)
    if spec.name == "checkin":
        return checkin(ctx)
    if spec.name == "evening":
        return start_reflection(None, ctx)
    return weekly(ctx)


def low_day(store: Store, now: datetime) -> bool:
    return is_low_day(store.moods_between(now - LOW_MOOD_LOOKBACK, now + timedelta(seconds=1)))


def morning(ctx: Context) -> Reply:
    parts = [ctx.replies.text("Day", "morning_greeting")]
    if welcome_back_due(ctx):
        parts.append(ctx.replies.text("LogWin", "welcome_back"))
    planned = [i.text for i in todays_intentions(ctx) if i.status == "open"]
    if planned:
        parts.append(ctx.replies.text("Day", "morning_plan", intentions=spoken_list(planned)))
    plan = day_plan(ctx.today, safe_routines(ctx.store))
    parts.append(suggestion_text(plan, low_day(ctx.store, ctx.now)))
    parts.append(ctx.replies.text("Day", "morning_ask"))
    return Reply(" ".join(parts), expects_answer=True)


def checkin(ctx: Context) -> Reply | None:
    open_ones = [i for i in todays_intentions(ctx) if i.status == "open"]
    return ask_checkin(ctx, open_ones[0]) if open_ones else None


def weekly(ctx: Context) -> Reply:
    end = day_start(ctx.today) + timedelta(days=1)
    start = end - timedelta(days=7)
    wins = only_safe(ctx.store.wins_between(start, end), lambda w: w.activity)
    text = look_back(wins, ctx.store.moods_between(start, end),
                     safe_routines(ctx.store), ctx.replies)
    return Reply(text)
