"""`smallwins agenda`: what will be said when, so the day can be seen before it happens."""

from __future__ import annotations

import argparse
import json
from datetime import date, timedelta

from voice.agenda import agenda_for
from voice.app import EXIT_USAGE, App, UserError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "agenda", help="list what will be said when (tomorrow unless --date is given)",
        description="The built-in jobs, routine cues and snoozes of one day, in time order. "
        "Items in quiet hours are shown but not spoken.",
    )
    p.add_argument("--date", metavar="YYYY-MM-DD", help="the day to show (default: tomorrow)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=run)


def run(args: argparse.Namespace, app: App) -> int:
    day = _day(args.date, app)
    store = app.store()
    agenda = agenda_for(day, app.settings, store.routines(), store.snoozes())
    if args.json:
        print(json.dumps(agenda.as_json(), ensure_ascii=False, indent=2))
        return 0
    print(f"{day:%A %d %B %Y}  (quiet hours {agenda.quiet_start} to {agenda.quiet_end})")
    if not agenda.items:
        print("Nothing will be said on this day.")
    for item in agenda.items:
        notes = [f"after {item.after}"] * bool(item.after) + ["snoozed"] * item.snoozed \
            + ["quiet hours: not spoken"] * item.quiet
        note = f"  ({'; '.join(notes)})" if notes else ""
        print(f"  {item.at}  {item.title}{note}\n         {item.says}")
    print("Small wins suggested for the day: "
          + "; ".join(f"{w['text']} ({w['kind']})" for w in agenda.suggested_wins))
    return 0


def _day(text: str | None, app: App) -> date:
    if text is None:
        return app.clock().date() + timedelta(days=1)
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise UserError(f"--date {text!r} is not a date; write it as YYYY-MM-DD, "
                        "like 2026-11-25.", EXIT_USAGE) from error
