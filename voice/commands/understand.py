"""`smallwins understand` and `smallwins text`: the understanding layer from the command line."""

from __future__ import annotations

import argparse
import json
import sys

from intents.explain import explain
from intents.safety import Screen
from intents.spoken_day import SpokenDay
from intents.values import Intent
from models.store import Store
from voice.actions import run_actions
from voice.app import EXIT_DATA, EXIT_UNAVAILABLE, EXIT_USAGE, App, UserError
from voice.stdin import stdin_lines


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "understand",
        help="show how text is screened and understood (stores nothing)",
        description="Print one JSON object per utterance: text, intent, slots, safety. "
        "With no TEXT, reads one utterance per line from standard input.",
    )
    p.add_argument("text", nargs="*", help="an utterance (words may be given separately)")
    p.add_argument("--explain", action="store_true",
                   help="show each layer: normalised text, clauses, what the screen saw, intent")
    p.set_defaults(func=understand)

    p = sub.add_parser("text", help="say something as if spoken: stores it and prints the reply")
    p.add_argument("text", nargs="+", help="what you would say, e.g. 'I watered the plant'")
    p.add_argument("--speak", action="store_true", help="also speak the reply aloud")
    p.add_argument("--json", action="store_true", help="print the turn as JSON")
    p.set_defaults(func=say_text)

    p = sub.add_parser("chat", help="a typed conversation: one utterance per line, replies printed")
    p.set_defaults(func=chat)


def understood(text: str, screen: Screen, intent: Intent | None) -> dict[str, object]:
    """What was heard and made of it, as the JSON every command prints."""
    slots = {k: v.said if isinstance(v, SpokenDay) else v
             for k, v in (intent.slots if intent else {}).items()}
    return {"text": text, "intent": intent.name if intent else None, "slots": slots,
            "safety": screen.level.value, "safety_kind": screen.category}


def understand(args: argparse.Namespace, app: App) -> int:
    skill = app.skill(Store.memory())
    lines = [(0, " ".join(args.text))] if args.text else stdin_lines()
    status = 0
    for number, utterance in lines:
        if utterance is None:
            print(f"smallwins: standard input line {number} is not UTF-8 text; skipped it. "
                  "Convert the input with iconv -t UTF-8.", file=sys.stderr)
            status = EXIT_DATA
            continue
        screen, intent = skill.understand(utterance)
        if args.explain:
            print("\n".join(explain(utterance, screen, intent)) + "\n", flush=True)
        else:
            print(json.dumps(understood(utterance, screen, intent), ensure_ascii=False),
                  flush=True)
    return status


def say_text(args: argparse.Namespace, app: App) -> int:
    utterance = " ".join(args.text)
    if not utterance.strip():
        raise UserError("Nothing to say: the text is empty. Try: smallwins text "
                        "'I watered the plant'", EXIT_USAGE)
    turn = app.skill().handle(utterance, app.clock())
    if turn.refused:
        raise UserError(f"{turn.reply.text} (The text was {len(utterance)} characters; "
                        "nothing was stored.)", EXIT_DATA)
    if args.json:
        said = {**understood(turn.text, turn.screen, turn.intent), "reply": turn.reply.text}
        print(json.dumps(said, ensure_ascii=False), flush=True)
    else:
        print(turn.reply.text, flush=True)
    app.answered = True
    for line in run_actions(app, turn.reply.actions):
        print(line, flush=True)
    if args.speak:
        from voice.speaker import SpeakerError, speak_once

        try:
            speak_once(turn.reply.text, app.settings)
        except SpeakerError as error:
            raise UserError(f"{error} (The reply above was stored and printed.)",
                            EXIT_UNAVAILABLE) from error
    return 0


def chat(args: argparse.Namespace, app: App) -> int:
    """Type instead of speaking; each line is handled, stored and answered before the next."""
    skill = app.skill()
    interactive = sys.stdin.isatty()
    if interactive:
        print("Say something (Ctrl-D to finish). Try: I watered the plant")
    status = 0
    for number, utterance in stdin_lines():
        if utterance is None:
            print(f"smallwins: line {number} is not UTF-8 text; nothing was stored for it.",
                  file=sys.stderr)
            status = EXIT_DATA
            continue
        if not utterance.strip():
            continue
        turn = skill.handle(utterance, app.clock())
        print(turn.reply.text, flush=True)
        app.answered = True
        for line in run_actions(app, turn.reply.actions):
            print(line, flush=True)
        if any(a.name == "delete_everything" for a in turn.reply.actions):
            break
    return status
