"""`smallwins wins`, `export`, `backup` and `delete-everything`: seeing and owning the history."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from intents.handlers.context import period_span
from models.export import export_text
from voice.actions import backup_history, delete_everything, export_history
from voice.app import EXIT_USAGE, App, UserError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("wins", help="list logged wins")
    span = p.add_mutually_exclusive_group()
    for period, label in (("today", "today's"), ("week", "the last 7 days'"), ("all", "every")):
        span.add_argument(f"--{period}", dest="period", action="store_const", const=period,
                          help=f"{label} wins")
    p.add_argument("--json", action="store_true", help="print JSON, one object per win")
    p.set_defaults(func=list_wins, period="week")

    p = sub.add_parser("export", help="write the whole history to a JSON or CSV file")
    p.add_argument("--format", choices=("json", "csv"), default="json")
    p.add_argument("-o", "--output", type=Path,
                   help="file to write (default: the exports folder); '-' for standard output")
    p.set_defaults(func=export)

    p = sub.add_parser("backup", help="copy the database safely, even while it is in use")
    p.add_argument("-o", "--output", type=Path, help="file to write (default: the backups folder)")
    p.set_defaults(func=backup)

    p = sub.add_parser("delete-everything",
                       help="delete every file Small Wins wrote, and say what was removed")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    p.set_defaults(func=delete)


def list_wins(args: argparse.Namespace, app: App) -> int:
    start, end = period_span(args.period, app.clock())
    wins = app.store().wins_between(start, end)
    if args.json:
        for win in wins:
            print(json.dumps({
                "id": win.id, "at": win.at.isoformat(), "activity": win.activity,
                "area": win.area, "mood_before": win.mood_before, "mood_after": win.mood_after,
                "enjoyment": win.enjoyment, "importance": win.importance,
            }, ensure_ascii=False))
        return 0
    if not wins:
        print("No wins logged in this span yet. Any small thing counts.")
    for win in wins:
        area = f"  [{win.area}]" if win.area else ""
        print(f"{win.at:%a %d %b %H:%M}  {win.activity}{area}")
    return 0


def export(args: argparse.Namespace, app: App) -> int:
    if args.output == Path("-"):
        sys.stdout.write(export_text(app.store(), args.format))
        return 0
    path = export_history(app, args.format, args.output)
    print(f"Exported to {path}")
    return 0


def backup(args: argparse.Namespace, app: App) -> int:
    print(f"Backed up to {backup_history(app, args.output)}")
    return 0


def delete(args: argparse.Namespace, app: App) -> int:
    if not args.yes:
        if not sys.stdin.isatty():
            raise UserError("delete-everything asks twice before deleting. Run it in a terminal, "
                            "or add --yes to confirm in a script.", EXIT_USAGE)
        for question in ("This deletes every win, intention, mood, note, export, backup and "
                         "setting. It cannot be undone. Continue? [y/N] ",
                         "Last check: delete everything now? [y/N] "):
            if input(question).strip().lower() not in ("y", "yes"):
                print("Nothing was deleted.")
                return 0
    removed = delete_everything(app)
    if not removed:
        print("There was nothing to delete.")
    for path in removed:
        print(f"Removed {path}")
    return 0
