"""`smallwins routine add|list|remove`: task, cue, completion and celebration."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict

from intents.handlers.routines import find_routine
from intents.ladder import KINDS
from intents.veto import routine_words
from models.records import Routine
from models.store import Store
from voice.agenda import routine_line
from voice.app import EXIT_USAGE, App, UserError
from voice.commands.screened import refuse_risk
from voice.config import is_clock_time

SEED_FIELDS = {"task", "cue", "completion", "celebration", "kind"}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("routine", help="routines: a task, its cue, and a small celebration")
    actions = p.add_subparsers(dest="routine_command", metavar="ACTION", required=True)

    q = actions.add_parser(
        "add", help="add a routine",
        description="Either give the parts as options, or one line in the form "
        "'Task: water the plant; cue: 09:00; celebration: a 30-second stretch'.")
    q.add_argument("task", help="what to do, or the whole routine in the form above")
    cue = q.add_mutually_exclusive_group()
    cue.add_argument("--at", metavar="HH:MM", help="the time of day it is asked for")
    cue.add_argument("--after", metavar="ROUTINE", help="asked for when this routine is done")
    q.add_argument("--completion", help="how you know it is done, e.g. 'the plant is watered'")
    q.add_argument("--celebration", help="a small celebration, e.g. 'a 30-second stretch'")
    q.add_argument("--kind", choices=KINDS, help="which kind of small win it is")
    q.set_defaults(func=add)

    q = actions.add_parser("list", help="list routines")
    q.add_argument("--json", action="store_true", help="print one JSON object per routine")
    q.set_defaults(func=list_routines)

    q = actions.add_parser("remove", help="remove a routine, by number or by task")
    q.add_argument("routine", help="the number `routine list` shows, or the task")
    q.set_defaults(func=remove)


def parse_seed_line(line: str) -> dict[str, str]:
    """'Task: water the plant; cue: 09:00; celebration: a stretch' -> its parts."""
    parts = {}
    for piece in line.split(";"):
        name, sep, value = piece.partition(":")
        name = name.strip().lower()
        if not sep or name not in SEED_FIELDS or not value.strip():
            raise UserError(f"Could not read {piece.strip()!r}: write each part as 'name: value', "
                            f"with names from {', '.join(sorted(SEED_FIELDS))}.", EXIT_USAGE)
        parts[name] = value.strip()
    return parts


def _lookup(store: Store, said: str) -> Routine:
    routine = next((r for r in store.routines() if str(r.id) == said), None) \
        or find_routine(store, said)
    if routine is None:
        raise UserError(f"No routine matches {said!r}; `smallwins routine list` shows them.",
                        EXIT_USAGE)
    return routine


def add(args: argparse.Namespace, app: App) -> int:
    parts = parse_seed_line(args.task) if ":" in args.task else {"task": args.task}
    cue = parts.pop("cue", None)
    at, after = args.at, args.after
    if cue is not None:
        at, after = (cue, None) if is_clock_time(cue) else (None, cue.removeprefix("after "))
    if at is not None and not is_clock_time(at):
        raise UserError(f"{at!r} is not a time of day; write it as HH:MM, like 09:00.",
                        EXIT_USAGE)
    kind = parts.get("kind", args.kind)
    if kind is not None and kind not in KINDS:
        raise UserError(f"kind {kind!r}: use one of {', '.join(KINDS)}.", EXIT_USAGE)
    words = routine_words(Routine(task=parts["task"],
                                  completion=parts.get("completion", args.completion),
                                  celebration=parts.get("celebration", args.celebration)))
    refuse_risk(app, words, "That routine was not added.")
    store = app.store()
    before = _lookup(store, after) if after else None
    routine = store.add_routine(Routine(
        task=parts["task"], cue_time=at, after_routine=before.id if before else None,
        completion=parts.get("completion", args.completion),
        celebration=parts.get("celebration", args.celebration), kind=kind,
    ))
    print(f"Added routine {routine.id}. {routine_line(routine, store.routines())}")
    return 0


def list_routines(args: argparse.Namespace, app: App) -> int:
    routines = app.store().routines()
    if args.json:
        for routine in routines:
            print(json.dumps(asdict(routine), ensure_ascii=False))
        return 0
    if not routines:
        print("No routines yet. Try: smallwins routine add 'Task: water the plant; cue: 09:00; "
              "celebration: a 30-second stretch'")
    for routine in routines:
        print(f"{routine.id:>3}. {routine_line(routine, routines)}")
    return 0


def remove(args: argparse.Namespace, app: App) -> int:
    store = app.store()
    routine = _lookup(store, args.routine)
    store.remove_routine(routine.id or 0)
    print(f"Removed routine {routine.id}: {routine.task}")
    return 0
