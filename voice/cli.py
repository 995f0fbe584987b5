"""`smallwins`: the command line. Each sub-command lives in its own module under voice/commands."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from models.store import StoreError
from voice.app import App, UserError
from voice.commands import COMMAND_MODULES
from voice.crisis_first import answer_risk


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="smallwins",
        description="An offline voice companion for logging small wins.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        app = App.from_environment()
    except UserError as error:
        answer_risk(args)
        print(f"smallwins: {error}", file=sys.stderr)
        return error.exit_code
    try:
        return args.func(args, app)
    except (UserError, StoreError) as error:
        if not app.answered or args.command == "chat":  # chat: the lines not yet read
            answer_risk(args)
        print(f"smallwins: {error}", file=sys.stderr)
        return error.exit_code
    except Exception:
        if not app.answered:
            answer_risk(args)
        raise
    except KeyboardInterrupt:
        return 130
