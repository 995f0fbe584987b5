"""`smallwins wins|moods|notes|intentions [list|edit ID VALUE|delete ID]`: each entry by number."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any

from intents.handlers.context import period_span
from models.store import Store
from voice.app import EXIT_USAGE, App, UserError
from voice.commands.screened import refuse_risk


@dataclass(frozen=True)
class EntryKind:
    """One kind of entry: its table, how it is listed and what its new value must be."""

    table: str
    one: str  # "win"
    default_period: str
    between: Callable[[Store, datetime, datetime], list[Any]]
    line: Callable[[Any], str]
    number: bool = False  # the value is a score from 0 to 10, not words


def _when(at: datetime) -> str:
    return f"{at:%a %d %b %H:%M}"


KINDS = {
    "wins": EntryKind(
        "wins", "win", "week", lambda s, a, b: s.wins_between(a, b),
        lambda w: f"{_when(w.at)}  {w.activity}" + (f"  [{w.area}]" if w.area else "")),
    "moods": EntryKind(
        "moods", "mood", "week", lambda s, a, b: s.moods_between(a, b),
        lambda m: f"{_when(m.at)}  {m.score} of 10" + (f" ({m.word})" if m.word else ""),
        number=True),
    "notes": EntryKind(
        "notes", "note", "all", lambda s, a, b: [n for n in s.notes() if a <= n.at < b],
        lambda n: f"{_when(n.at)}  {n.text}"),
    # plans from the first day of the span on, the ones still ahead included
    "intentions": EntryKind(
        "intentions", "intention", "week",
        lambda s, a, b: s.intentions_between(a.date(), date.max),
        lambda i: f"{i.day:%a %d %b}  {i.text}  ({i.status.replace('_', ' ')})"),
}
EMPTY = {"wins": "No wins logged in this span yet. Any small thing counts.",
         "moods": "No moods given in this span.", "notes": "No notes yet.",
         "intentions": "No plans in this span."}


def register(sub: argparse._SubParsersAction) -> None:
    for name, kind in KINDS.items():
        p = sub.add_parser(name, help=f"list {name}, or edit or delete one by its number")
        span = p.add_mutually_exclusive_group()
        for period, label in (("today", "today's"), ("week", "the last 7 days'"),
                              ("all", "every")):
            span.add_argument(f"--{period}", dest="period", action="store_const", const=period,
                              help=f"{label} {name}")
        p.add_argument("--json", action="store_true", help=f"print one JSON object per {kind.one}")
        p.set_defaults(func=list_entries, kind=name, period=kind.default_period)
        actions = p.add_subparsers(dest="action", metavar="ACTION")
        q = actions.add_parser("list", help=f"list {name} with their numbers (the default)")
        q.set_defaults(func=list_entries)
        q = actions.add_parser("edit", help=f"correct a {kind.one}, by the number the list shows")
        q.add_argument("id", help=f"the {kind.one}'s number")
        q.add_argument("value", metavar="SCORE" if kind.number else "TEXT",
                       help="the mood from 0 to 10" if kind.number else "the corrected words")
        q.set_defaults(func=edit_entry)
        q = actions.add_parser("delete", help=f"remove a {kind.one}, by its number")
        q.add_argument("id", help=f"the {kind.one}'s number")
        q.set_defaults(func=delete_entry)


def list_entries(args: argparse.Namespace, app: App) -> int:
    kind = KINDS[args.kind]
    entries = kind.between(app.store(), *period_span(args.period, app.clock()))
    if args.json:
        for entry in entries:
            print(json.dumps(asdict(entry), default=_iso, ensure_ascii=False))
        return 0
    if not entries:
        print(EMPTY[args.kind])
    for entry in entries:
        print(f"{entry.id:>4}  {kind.line(entry)}")
    return 0


def _iso(value: date) -> str:
    return value.isoformat()


def _number(said: str, kind: EntryKind) -> int:
    if not said.strip().isdigit():
        raise UserError(f"{said!r} is not a number; `smallwins {kind.table} --all` lists the "
                        f"{kind.table} with their numbers.", EXIT_USAGE)
    return int(said)


def _value(said: str, kind: EntryKind, app: App) -> str | int:
    if kind.number:
        if not said.strip().isdigit() or int(said) > 10:
            raise UserError(f"{said!r} is not a mood score; give a whole number from 0 to 10.",
                            EXIT_USAGE)
        return int(said)
    words = " ".join(said.split())
    if not words:
        raise UserError(f"The new words are empty; the {kind.one} was left as it was.",
                        EXIT_USAGE)
    refuse_risk(app, words, f"The {kind.one} was left as it was.")
    return words


def _not_there(kind: EntryKind, entry_id: int) -> UserError:
    return UserError(f"There is no {kind.one} number {entry_id}; `smallwins {kind.table} --all` "
                     "lists them with their numbers.", EXIT_USAGE)


def edit_entry(args: argparse.Namespace, app: App) -> int:
    kind = KINDS[args.kind]
    entry_id = _number(args.id, kind)
    value = _value(args.value, kind, app)
    if not app.store().edit_entry(kind.table, entry_id, value):
        raise _not_there(kind, entry_id)
    print(f"Changed {kind.one} {entry_id} to: {value}" + (" of 10" if kind.number else ""))
    return 0


def delete_entry(args: argparse.Namespace, app: App) -> int:
    kind = KINDS[args.kind]
    entry_id = _number(args.id, kind)
    if not app.store().remove_entry(kind.table, entry_id):
        raise _not_there(kind, entry_id)
    print(f"Deleted {kind.one} {entry_id}.")
    return 0
