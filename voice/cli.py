"""`smallwins`: the command line. Each sub-command lives in its own module under voice/commands."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from models.store import StoreError
from voice.app import EXIT_DATA, App, UserError
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


def _is_utf8(text: str) -> bool:
    """False for an argument whose bytes were not UTF-8 (Python keeps them as lone surrogates)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _words_are_utf8(args: argparse.Namespace) -> bool:
    """Whether every word given to any command is UTF-8 (file names may be any bytes)."""
    values = [v for value in vars(args).values()
              for v in (value if isinstance(value, list) else [value])]
    return all(_is_utf8(value) for value in values if isinstance(value, str))


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not _words_are_utf8(args):
        answer_risk(args)  # words of risk still get the crisis reply first
        print("smallwins: The text is not UTF-8, so nothing was stored. Set the terminal to "
              "UTF-8 (locale charmap), or convert the words with iconv -t UTF-8.",
              file=sys.stderr)
        return EXIT_DATA
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
    finally:
        app.close()  # the database closed now, not when the process is collected
