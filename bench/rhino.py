"""Convert a Picovoice Rhino context (YAML) into our sentence format (hassil YAML).

Rhino writes `[a, b]` for a choice, `(a)` for an optional part and `$slot:name` for a slot.
The 80 coffee templates are one sentence set written out by hand (every order of size,
roast and shots; every ending); PocketSphinx inlines every copy of a slot list, so a
one-to-one translation makes a search graph too large to run in real time. The templates
are therefore factored into one equivalent hassil sentence: shared prefixes and suffixes
are written once, and a set that is a product of heads and tails around a word every
sentence has once (the drink) is written as heads, word, tails.

    python -m bench.rhino coffee_maker.yaml > coffee.yaml
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

Token = str  # a word, a choice "(a|b)" or an optional "[a]" in hassil syntax, or "{slot}"
Tokens = tuple[Token, ...]

_PART = re.compile(r"\[[^\]]*\]|\([^)]*\)|\$\w+:\w+|[^\s\[\]()$]+")


@dataclass(frozen=True)
class Converted:
    """One Rhino context in hassil's terms: intent -> one factored sentence, and the lists."""

    language: str
    sentences: dict[str, str]
    lists: dict[str, list[str]]

    def as_hassil(self) -> dict:
        return {
            "language": self.language,
            "intents": {name: {"data": [{"sentences": [sentence]}]}
                        for name, sentence in self.sentences.items()},
            "lists": {name: {"values": values} for name, values in self.lists.items()},
        }


def tokens(expression: str) -> Tokens:
    """A Rhino expression as hassil tokens, its words in lower case."""
    out: list[Token] = []
    for part in _PART.findall(expression):
        if part.startswith("["):
            out.append("(" + "|".join(p.strip().lower() for p in part[1:-1].split(",")) + ")")
        elif part.startswith("("):
            out.append("[" + part[1:-1].strip().lower() + "]")
        elif part.startswith("$"):
            kind, name = part[1:].split(":")
            out.append("{" + kind + "}" if kind == name else "{" + kind + ":" + name + "}")
        else:
            out.append(part.lower())
    return tuple(out)


def factor(sentences: Iterable[Tokens]) -> str:
    """One hassil template that says exactly the given token sequences."""
    return " ".join(_factor(frozenset(sentences)).split())


def _factor(group: frozenset[Tokens]) -> str:
    if not group or group == {()}:
        return ""
    head = _common_prefix(group)
    if head:
        return " ".join(head) + " " + _factor(frozenset(s[len(head):] for s in group))
    tail = _common_prefix(frozenset(s[::-1] for s in group))[::-1]
    if tail:
        return _factor(frozenset(s[: len(s) - len(tail)] for s in group)) + " " + " ".join(tail)
    pivot = _product_pivot(group)
    if pivot is not None:
        heads = frozenset(s[: s.index(pivot)] for s in group)
        tails = frozenset(s[s.index(pivot) + 1:] for s in group)
        return f"{_factor(heads)} {pivot} {_factor(tails)}"
    return _alternatives(group)


def _alternatives(group: frozenset[Tokens]) -> str:
    """Branch on the first token; tokens followed by the same rest share one branch."""
    rests: dict[Token, set[Tokens]] = defaultdict(set)
    for sentence in group:
        if sentence:
            rests[sentence[0]].add(sentence[1:])
    by_rest: dict[frozenset[Tokens], list[Token]] = defaultdict(list)
    for first, rest in sorted(rests.items()):
        by_rest[frozenset(rest)].append(first)
    branches = []
    for rest, firsts in by_rest.items():
        lead = firsts[0] if len(firsts) == 1 else "(" + "|".join(firsts) + ")"
        branches.append(f"{lead} {_factor(rest)}".strip())
    body = "|".join(branches)
    if () in group:
        return f"[{body}]"
    return f"({body})" if len(branches) > 1 else body


def _common_prefix(group: frozenset[Tokens]) -> Tokens:
    shortest = min(group, key=len)
    for index, token in enumerate(shortest):
        if any(s[index] != token for s in group):
            return shortest[:index]
    return shortest


def _product_pivot(group: frozenset[Tokens]) -> Token | None:
    """A token every sentence has exactly once, splitting the set into heads x tails."""
    first = next(iter(group))
    for token in first:
        if not all(s.count(token) == 1 for s in group):
            continue
        heads = {s[: s.index(token)] for s in group}
        tails = {s[s.index(token) + 1:] for s in group}
        if len(heads) * len(tails) == len(group):
            return token
    return None


def convert(rhino: dict, language: str = "en") -> Converted:
    context = rhino["context"]
    sentences = {
        intent: factor(tokens(expression) for expression in expressions)
        for intent, expressions in context["expressions"].items()
    }
    lists = {name: [" ".join(v.lower().split()) for v in values]
             for name, values in context.get("slots", {}).items()}
    return Converted(language, sentences, lists)


def load(path: Path) -> Converted:
    return convert(yaml.safe_load(path.read_text(encoding="utf-8")))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("context", type=Path, help="Rhino context YAML")
    args = parser.parse_args(argv)
    yaml.safe_dump(load(args.context).as_hassil(), sys.stdout, sort_keys=False, width=1000)


if __name__ == "__main__":
    main()
