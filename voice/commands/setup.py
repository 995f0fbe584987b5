"""`smallwins setup`: the helpline region, asked rather than assumed; also on the first `run`."""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import replace
from pathlib import Path

import yaml

from intents.handlers.context import helpline_of
from intents.replies import Replies
from voice.app import EXIT_USAGE, App, UserError
from voice.config import save_settings

REGIONS = Path(__file__).resolve().parents[1] / "regions.yaml"
QUESTION = ("Which country are you in? It chooses the helpline numbers given when things are "
            "hard (for example US, UK, Ireland, or your country's name): ")
NOT_SET = ("The helpline region is not set, so every emergency number is given. "
           "`smallwins setup` chooses yours.")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("setup", help="choose your country, for the helpline numbers it gives")
    p.add_argument("--region", help="US, UK, IE, or your country's name (then other)")
    p.set_defaults(func=setup)


def region_of(answer: str) -> str:
    """'Scotland' -> 'UK'; a country with no helpline of its own here -> 'other'."""
    said = " ".join(re.sub(r"[^\w\s]", " ", answer.lower()).split())
    names = yaml.safe_load(REGIONS.read_text(encoding="utf-8"))
    return next((region for region, words in names.items() if said in words), "other")


def ask_region(app: App) -> str:
    """Ask in the terminal, save the answer, and return the region."""
    answer = input(QUESTION).strip()
    while not answer:
        answer = input("Please type a country, or 'other': ").strip()
    return save_region(app, answer)


def save_region(app: App, answer: str) -> str:
    region = region_of(answer)
    settings = replace(app.settings, locale=region)
    save_settings(app.paths, settings)
    app.settings = settings
    print(f"Saved. {helpline_of(region, Replies()).line}")
    return region


def setup(args: argparse.Namespace, app: App) -> int:
    if args.region is not None:
        if not args.region.strip():
            raise UserError("The region is empty; give US, UK, IE, or your country's name.",
                            EXIT_USAGE)
        save_region(app, args.region)
        return 0
    if not sys.stdin.isatty():
        raise UserError("setup asks which country you are in. Run it in a terminal, or give "
                        "--region US (or UK, IE, or your country's name).", EXIT_USAGE)
    ask_region(app)
    return 0


def ask_on_first_run(app: App) -> None:
    """On a first `run` with no region chosen: ask when there is a terminal, else say so."""
    if app.settings.locale:
        return
    if sys.stdin.isatty():
        ask_region(app)
    else:
        print(NOT_SET, file=sys.stderr)
