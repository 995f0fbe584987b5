"""`smallwins schedule`: see and change the built-in jobs, quiet hours and snooze; run a job now."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict, replace

from voice.app import EXIT_USAGE, App, UserError
from voice.config import WEEKDAYS, Settings, is_clock_time, save_settings
from voice.day_schedule import DaySchedule
from voice.jobs import BUILT_IN, ROUTINE_PREFIX, TITLES


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("schedule", help="the day's spoken jobs: list, set, off, on, quiet, run")
    actions = p.add_subparsers(dest="schedule_command", metavar="ACTION", required=True)

    q = actions.add_parser("list", help="each built-in job, its time and whether it is on")
    q.add_argument("--json", action="store_true", help="print one JSON object")
    q.set_defaults(func=list_jobs)

    q = actions.add_parser("set", help="change a job's time (and turn it on)")
    q.add_argument("job", choices=BUILT_IN)
    q.add_argument("time", metavar="HH:MM")
    q.add_argument("--day", choices=WEEKDAYS, help="the weekday, for the weekly look back")
    q.set_defaults(func=set_job)

    for name, enabled in (("off", False), ("on", True)):
        q = actions.add_parser(name, help=f"turn a built-in job {name}")
        q.add_argument("job", choices=BUILT_IN)
        q.set_defaults(func=switch_job, enabled=enabled)

    q = actions.add_parser("quiet", help="set quiet hours, when nothing is spoken")
    q.add_argument("start", metavar="START", help="HH:MM, like 22:00")
    q.add_argument("end", metavar="END", help="HH:MM, like 08:00")
    q.set_defaults(func=set_quiet)

    q = actions.add_parser("snooze", help="how long 'later' waits when no time is said")
    q.add_argument("minutes", type=int)
    q.set_defaults(func=set_snooze)

    q = actions.add_parser("run", help="say a job now, as it would be said at its time")
    q.add_argument("job", help=f"{', '.join(BUILT_IN)}, or {ROUTINE_PREFIX}ID for a routine")
    q.add_argument("--json", action="store_true", help="print the reply as JSON")
    q.set_defaults(func=run_job)


def list_jobs(args: argparse.Namespace, app: App) -> int:
    settings = app.settings
    if args.json:
        print(json.dumps({
            "jobs": {name: asdict(job) for name, job in settings.jobs.items()},
            "quiet_hours": {"start": settings.quiet_start, "end": settings.quiet_end},
            "snooze_minutes": settings.snooze_minutes,
        }, indent=2))
        return 0
    for name, job in settings.jobs.items():
        when = f"{job.day.capitalize()} {job.at}" if job.day else job.at
        state = "on" if job.enabled else "off"
        print(f"{name:<8} {when:>16}  {state:<3}  {TITLES.get(name, name)}")
    print(f"quiet hours {settings.quiet_start} to {settings.quiet_end}; "
          f"'later' waits {settings.snooze_minutes} minutes")
    return 0


def _save(app: App, settings: Settings, message: str) -> int:
    save_settings(app.paths, settings)
    app.settings = settings
    print(message)
    return 0


def _time(text: str) -> str:
    if not is_clock_time(text):
        raise UserError(f"{text!r} is not a time of day; write it as HH:MM, like 08:30.",
                        EXIT_USAGE)
    return text


def set_job(args: argparse.Namespace, app: App) -> int:
    job = app.settings.jobs[args.job]
    if args.day and job.day is None:
        raise UserError(f"{args.job} runs every day; --day is only for the weekly look back.",
                        EXIT_USAGE)
    changed = replace(job, at=_time(args.time), enabled=True, day=args.day or job.day)
    jobs = {**app.settings.jobs, args.job: changed}
    when = f"on {changed.day.capitalize()}s at {changed.at}" if changed.day else f"at {changed.at}"
    return _save(app, replace(app.settings, jobs=jobs), f"{TITLES[args.job]}: {when}.")


def switch_job(args: argparse.Namespace, app: App) -> int:
    jobs = {**app.settings.jobs,
            args.job: replace(app.settings.jobs[args.job], enabled=args.enabled)}
    state = "on" if args.enabled else "off"
    return _save(app, replace(app.settings, jobs=jobs), f"{TITLES[args.job]}: {state}.")


def set_quiet(args: argparse.Namespace, app: App) -> int:
    settings = replace(app.settings, quiet_start=_time(args.start), quiet_end=_time(args.end))
    return _save(app, settings, f"Quiet hours: {args.start} to {args.end}.")


def set_snooze(args: argparse.Namespace, app: App) -> int:
    if not 1 <= args.minutes <= 180:
        raise UserError("Snooze minutes must be from 1 to 180.", EXIT_USAGE)
    settings = replace(app.settings, snooze_minutes=args.minutes)
    return _save(app, settings, f"'Later' now waits {args.minutes} minutes.")


def run_job(args: argparse.Namespace, app: App) -> int:
    store = app.store()
    day = DaySchedule(store, app.settings, app.skill(store), app.clock)
    if not day.has_job(args.job):
        known = ", ".join(day.job_names())
        raise UserError(f"There is no job called {args.job!r} that is on; known: {known}.",
                        EXIT_USAGE)
    reply = day.run_now(args.job)
    text = reply.text if reply else None
    if args.json:
        print(json.dumps({"job": args.job, "reply": text,
                          "expects_answer": bool(reply and reply.expects_answer)}))
    else:
        print(text or "Nothing to say right now (no intention is still open today).")
    return 0
