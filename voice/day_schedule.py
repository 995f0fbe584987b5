"""The day's rhythm: the built-in jobs and routine cues, run on `schedule` with an injected clock.

The service loop builds one `DaySchedule` and, on every tick:

    for reply in day.run_pending():      # the jobs due now, oldest first
        speak(reply.text)                # and listen for an answer if reply.expects_answer

and after each utterance it handled:

    day.apply(turn.reply.actions)        # "later" moves a job; routine changes reload cues

`run_now(name)` runs one job at once (the `smallwins schedule run` command). Nothing is said in
quiet hours, and what fell in them is not said afterwards; a job is said at most once a day,
recorded in the store, so a restart repeats nothing; a job missed while the device was off is
said once, late, while still useful (`voice.jobs.useful_until`); during the cool-down after a
crisis reply, jobs wait until it ends.

One-off reminders are said once when due, then marked done; one due in quiet hours or in the
cool-down waits until it ends; one missed while the device was off is said at the next start
if it is less than `REMINDER_LATE_LIMIT` late, else dropped without a word.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import schedule

from intents.handlers.reminders import say_due
from intents.skill import Skill
from intents.values import Action, Reply
from intents.veto import safe_routines
from models.store import Store
from voice.config import WEEKDAYS, Settings
from voice.jobs import JobSpec, compose, in_quiet_hours, job_specs, useful_until

Clock = Callable[[], dt.datetime]
_UNITS = ("seconds", "minutes", "hours", "days", "weeks")
REMINDER_LATE_LIMIT = dt.timedelta(hours=3)


class ClockedJob(schedule.Job):
    """A `schedule.Job` that asks its scheduler's clock for the time.

    schedule 1.2 reads `datetime.datetime.now()` inside `should_run`, `run` and
    `_schedule_next_run`, with no way to pass another clock (a request for one was declined
    upstream, dbader/schedule#362). These three are overridden so a simulated week runs in
    milliseconds, with no sleeping and nothing patched. Supported: `every(n).<unit>`,
    `.day.at("HH:MM")` and `.<weekday>.at("HH:MM")`, in local naive time; not `until()`,
    `to()` or time zones, which this program does not use.
    """

    scheduler: ClockedScheduler

    @property
    def should_run(self) -> bool:
        return self.scheduler.clock() >= self.next_run

    def run(self) -> object:
        """Run the job; its next time is set even if it fails, so a failure is not retried
        on every tick (the service loop catches and reports it)."""
        try:
            return self.job_func()
        finally:
            self.last_run = self.scheduler.clock()
            self._schedule_next_run()

    def _schedule_next_run(self) -> None:
        if self.unit not in _UNITS or self.latest is not None or self.at_time_zone is not None:
            raise schedule.ScheduleValueError(f"{self} is not supported with an injected clock")
        now = self.scheduler.clock()
        next_run = now
        if self.start_day is not None:
            next_run += dt.timedelta(days=(WEEKDAYS.index(self.start_day) - now.weekday()) % 7)
        if self.at_time is not None:
            moment: dict[str, int] = {"second": self.at_time.second, "microsecond": 0}
            if self.unit in ("days", "hours") or self.start_day is not None:
                moment["minute"] = self.at_time.minute
            if self.unit == "days" or self.start_day is not None:
                moment["hour"] = self.at_time.hour
            next_run = next_run.replace(**moment)
        period = dt.timedelta(**{self.unit: self.interval})
        if self.interval != 1:
            next_run += period
        while next_run <= now:
            next_run += period
        self.next_run = next_run


class ClockedScheduler(schedule.Scheduler):
    """A `schedule.Scheduler` whose jobs run by `clock` rather than the system time."""

    def __init__(self, clock: Clock) -> None:
        super().__init__()
        self.clock = clock

    def every(self, interval: int = 1) -> ClockedJob:
        return ClockedJob(interval, self)

    @property
    def idle_seconds(self) -> float | None:
        upcoming = self.next_run
        return None if upcoming is None else (upcoming - self.clock()).total_seconds()


@dataclass(frozen=True)
class Fired:
    """Why a job ran: on time, late after a restart, after a snooze, or after the cool-down."""

    name: str
    reason: str  # "time" | "late" | "snooze" | "held"


class DaySchedule:
    def __init__(self, store: Store, settings: Settings, skill: Skill, clock: Clock) -> None:
        self.store = store
        self.settings = settings
        self.skill = skill
        self.clock = clock
        self.scheduler = ClockedScheduler(clock)
        self._due: list[Reply] = []
        self._started = False
        self.reload()

    # --- what the service loop calls ----------------------------------------------------

    def run_pending(self) -> list[Reply]:
        """The replies due now, in the order their jobs were due; an empty list most ticks."""
        self._due = []
        if not self._started:
            self._started = True
            self._catch_up()
        self.scheduler.run_pending()
        self._say_reminders()
        return self._due

    def apply(self, actions: tuple[Action, ...]) -> None:
        """Carry out what a handled reply asks of the schedule."""
        for action in actions:
            if action.name == "snooze":
                self.snooze(action.args["job"], action.args.get("minutes"))
            elif action.name == "routines_changed":
                self.reload()

    def run_now(self, name: str) -> Reply | None:
        """Say job `name` at once, whatever its time, and mark it done for today."""
        spec = self._specs[name]
        return self._speak(spec, self.clock(), once_a_day=False)

    def snooze(self, name: str, minutes: int | None) -> dt.datetime:
        """Say job `name` again in `minutes` (the snooze setting when None)."""
        due = self.clock() + dt.timedelta(minutes=minutes or self.settings.snooze_minutes)
        with self.store.transaction():
            self.store.snooze_job(name, due)
        self._retry_at(name, due, "snooze")
        return due

    def reload(self) -> None:
        """Build the jobs again from the settings and the routines in the store."""
        self.scheduler.clear("daily")
        self._specs = {s.name: s for s in job_specs(self.settings, safe_routines(self.store))}
        for spec in self._specs.values():
            every = self.scheduler.every()
            job = getattr(every, spec.day) if spec.day else every.day
            job.at(spec.at).do(self._fire, Fired(spec.name, "time")).tag("daily", spec.name)
        for name, due in self.store.snoozes().items():
            if name in self._specs and due > self.clock():
                self._retry_at(name, due, "snooze")

    def has_job(self, name: str) -> bool:
        return name in self._specs

    def job_names(self) -> list[str]:
        return list(self._specs)

    @property
    def next_run(self) -> dt.datetime | None:
        return self.scheduler.next_run

    # --- inside ---------------------------------------------------------------------------

    def _catch_up(self) -> None:
        """Once, at start: jobs missed today while off, and snoozes that fell due, said late."""
        now = self.clock()
        for spec in self._specs.values():
            due = dt.datetime.combine(now.date(), spec.at_time)
            if spec.runs_on(now.date()) and due <= now:
                self._fire(Fired(spec.name, "late"))
        for name, due in self.store.snoozes().items():
            if due <= now:
                self._fire(Fired(name, "snooze"))
        with self.store.transaction():
            for reminder in self.store.pending_reminders():
                if reminder.id is not None and now - reminder.due_at > REMINDER_LATE_LIMIT:
                    self.store.set_reminder_status(reminder.id, "dropped")

    def _say_reminders(self) -> None:
        """The reminders now due, each said once, unless quiet hours or the cool-down hold."""
        now = self.clock()
        due = [r for r in self.store.pending_reminders() if r.due_at <= now]
        if not due or in_quiet_hours(now.time(), self.settings) or self._cool_down_ends(now):
            return
        with self.store.transaction():
            ctx = self.skill.context(now)
            for reminder in due:
                reply = say_due(ctx, reminder)
                if reply is not None:
                    ctx.dialogue.remember_reply(reply.text)
                    self._due.append(reply)

    def _retry_at(self, name: str, due: dt.datetime, reason: str) -> None:
        self.scheduler.clear(("retry", name))
        seconds = max(1, round((due - self.clock()).total_seconds()))
        self.scheduler.every(seconds).seconds.do(self._fire_once, Fired(name, reason)) \
            .tag(("retry", name))

    def _fire_once(self, fired: Fired) -> type[schedule.CancelJob]:
        self._fire(fired)
        return schedule.CancelJob

    def _fire(self, fired: Fired) -> None:
        now = self.clock()
        spec = self._specs.get(fired.name)
        if fired.reason == "snooze":
            with self.store.transaction():
                self.store.clear_snooze(fired.name)
        if spec is None or in_quiet_hours(now.time(), self.settings):
            return
        if fired.reason in ("time", "late") and in_quiet_hours(spec.at_time, self.settings):
            return
        if now > useful_until(spec, now.date(), self.settings):
            return
        calm_at = self._cool_down_ends(now)
        if calm_at is not None:
            if fired.reason == "snooze":
                with self.store.transaction():
                    self.store.snooze_job(spec.name, calm_at)
            self._retry_at(spec.name, calm_at, "snooze" if fired.reason == "snooze" else "held")
            return
        reply = self._speak(spec, now, once_a_day=fired.reason != "snooze")
        if reply is not None:
            self._due.append(reply)

    def _cool_down_ends(self, now: dt.datetime) -> dt.datetime | None:
        """When the quiet time after a crisis reply ends, if it is still on."""
        last = self.store.last_crisis_event()
        if last is None:
            return None
        ends = last.at + dt.timedelta(minutes=self.skill.options.crisis_cooldown_minutes)
        return ends if now < ends else None

    def _speak(self, spec: JobSpec, now: dt.datetime, once_a_day: bool) -> Reply | None:
        """Compose and record the job in one transaction; None if it already ran today."""
        slot = now.date().isoformat()
        with self.store.transaction():
            if once_a_day and self.store.job_ran(spec.name, slot):
                return None
            ctx = self.skill.context(now)
            reply = compose(spec, ctx)
            self.store.record_job_run(spec.name, slot, now, "spoken" if reply else "nothing")
            if reply is not None:
                ctx.dialogue.remember_job(spec.name)
                ctx.dialogue.remember_reply(reply.text)
        return reply
