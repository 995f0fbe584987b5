"""`smallwins export`, `backup` and `delete-everything`: owning the whole history."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from models.export import export_text
from voice.actions import backup_history, delete_everything, export_history
from voice.app import EXIT_USAGE, App, UserError


def register(sub: argparse._SubParsersAction) -> None:
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
