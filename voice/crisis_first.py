"""When the settings or the store cannot be used, words of risk still get the crisis reply,
with every emergency number, before the error is reported."""

from __future__ import annotations

import argparse
from collections.abc import Iterator

from intents.safety import Safety
from intents.skill import Skill, SkillOptions
from models.store import Store
from voice.stdin import stdin_lines

# Commands that take words from the person, and where the words are.
TEXT_COMMANDS = ("text", "chat")


def said(args: argparse.Namespace) -> Iterator[str]:
    """The utterances a text command was given, one at a time, as they arrive."""
    if args.command == "text":
        yield " ".join(args.text)
        return
    for _, line in stdin_lines():
        if line is not None:
            yield line


def answer_risk(args: argparse.Namespace) -> None:
    """Print the crisis reply for each utterance that carries risk, as soon as it is read;
    store nothing."""
    if getattr(args, "command", None) not in TEXT_COMMANDS:
        return
    skill = Skill(Store.memory(), SkillOptions(locale=""))
    for utterance in said(args):
        screen, _ = skill.understand(utterance)
        if screen.level is not Safety.NONE:
            print(skill.crisis_reply(screen).text, flush=True)
