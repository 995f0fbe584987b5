"""A person's own sentence files, checked together with the built-in templates and lists before
use; when they do not work together, each file at fault is named with what is wrong, and never
reaches the built-in commands."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml
from hassil import Intents
from hassil.expression import Expression, Group, ListReference, RuleReference, Sentence
from hassil.parser import ParseError

from intents.matcher import SentenceError, load_intents

EXAMPLE = "intents:\n  Name:\n    data:\n      - sentences:\n          - I watered the plants"


def sentence_file_problems(files: Sequence[Path], language: str) -> dict[Path, str]:
    """Nothing when `files` work together with the built-ins (each may use what another
    defines). Otherwise each file at fault, with what is wrong said with its name and how to
    fix it."""
    raw, problems = {}, {}
    for path in files:
        raw[path], problem = _read(path)
        problem = problem or _shape_problem(raw[path])
        if problem:
            problems[path] = f"{path}: {problem}; it should look like:\n{EXAMPLE}"
    usable = [path for path in files if path not in problems]
    try:
        intents = load_intents(language, usable)
    except SentenceError as error:
        return {**problems, **_unloadable(usable, language, str(error))}
    defined = ", ".join(sorted(intents.slot_lists))
    for path in usable:
        try:
            unknown = sorted(set(_unknown_references(intents, set((raw[path] or {})
                                                                  .get("intents", {})))))
        except ParseError as error:
            problems[path] = f"{path}: a sentence template could not be parsed ({error})."
            continue
        if unknown:
            problems[path] = (
                f"{path} uses {', '.join(unknown)}, which no file defines. Define it under "
                f"'lists:' or 'expansion_rules:' in one of your sentence files, or use a "
                f"built-in list: {defined}.")
    return problems


def _unloadable(files: Sequence[Path], language: str, together: str) -> dict[Path, str]:
    """The files that cannot be loaded even alone beside the built-ins; failing that (they only
    clash with each other), all of them with the error they give together."""
    alone = {}
    for path in files:
        try:
            load_intents(language, [path])
        except SentenceError as error:
            alone[path] = str(error)
    return alone or {path: together for path in files}


def _read(path: Path) -> tuple[Any, str | None]:
    """The YAML in `path`, to check its shape before hassil merges it, or why it is unreadable."""
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8")), None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        return None, f"cannot be read as YAML ({error})"


def _shape_problem(raw: Any) -> str | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        return f"it holds a {type(raw).__name__}, not a mapping with 'intents:' at the top"
    for key in ("intents", "lists", "expansion_rules"):
        if not isinstance(raw.get(key, {}), dict):
            return f"'{key}:' should be a mapping of names, not a {type(raw[key]).__name__}"
    for name, intent in raw.get("intents", {}).items():
        data = intent.get("data") if isinstance(intent, dict) else None
        if not isinstance(data, list) or not all(_is_block(block) for block in data):
            return f"intent {name} should have 'data:', a list of blocks each with 'sentences:'"
    return None


def _is_block(block: Any) -> bool:
    sentences = block.get("sentences") if isinstance(block, dict) else None
    return isinstance(sentences, list) and all(isinstance(s, str) for s in sentences)


def _unknown_references(intents: Intents, names: set[str]) -> Iterator[str]:
    """Each {list} and <rule> that the intents `names` use and nothing defines."""
    for name in names:
        for data in intents.intents[name].data:
            lists = {**intents.slot_lists, **data.slot_lists}
            rules = {**intents.expansion_rules, **data.expansion_rules}
            for sentence in data.sentences:
                yield from _unknown_in(sentence.expression, lists, rules, set())


def _unknown_in(expression: Expression, lists: Mapping[str, Any],
                rules: Mapping[str, Sentence], seen: set[str]) -> Iterator[str]:
    if isinstance(expression, ListReference):
        if expression.list_name not in lists and not expression.is_inline_range:
            yield f"{{{expression.list_name}}}"
    elif isinstance(expression, RuleReference):
        name = expression.rule_name
        if name not in rules:
            yield f"<{name}>"
        elif name not in seen:
            seen.add(name)
            yield from _unknown_in(rules[name].expression, lists, rules, seen)
    elif isinstance(expression, Group):
        for item in expression.items:
            yield from _unknown_in(item, lists, rules, seen)
