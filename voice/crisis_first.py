"""When the settings or the store cannot be used, words of risk still get the crisis reply,
with every emergency number, before the error is reported."""

from __future__ import annotations

import argparse
import sys

from intents.safety import Safety
from intents.skill import Skill, SkillOptions
from models.store import Store

# Commands that take words from the person, and where the words are.
TEXT_COMMANDS = ("text", "chat")


def said(args: argparse.Namespace) -> list[str]:
    """The utterances a text command was given, read without needing anything else."""
    if args.command == "text":
        return [" ".join(args.text)]
    lines = []
    for raw in sys.stdin.buffer:
        try:
            lines.append(raw.decode("utf-8").rstrip("\r\n"))
        except UnicodeDecodeError:
            continue
    return lines


def answer_risk(args: argparse.Namespace) -> None:
    """Print the crisis reply for each utterance that carries risk; store nothing."""
    if getattr(args, "command", None) not in TEXT_COMMANDS:
        return
    skill = Skill(Store.memory(), SkillOptions(locale=""))
    for utterance in said(args):
        screen, _ = skill.understand(utterance)
        if screen.level is not Safety.NONE:
            print(skill.crisis_reply(screen).text, flush=True)
