"""A person's own sentence files, checked one at a time against the built-in templates and lists
before use: a mistake is named with its file, and never reaches the built-in commands."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import yaml
from hassil import Intents
from hassil.expression import Expression, Group, ListReference, RuleReference, Sentence

from intents.matcher import load_intents

EXAMPLE = "intents:\n  Name:\n    data:\n      - sentences:\n          - I watered the plants"


def sentence_file_problem(path: Path, language: str = "en") -> str | None:
    """What makes `path` unusable, said with its name and how to fix it; None if it is fine."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        return f"{path} cannot be read as YAML ({error})."
    shape = _shape_problem(raw)
    if shape:
        return f"{path}: {shape}; it should look like:\n{EXAMPLE}"
    try:
        intents = load_intents(language, [path])
        unknown = sorted(set(_unknown_references(intents, set((raw or {}).get("intents", {})))))
    except Exception as error:  # noqa: BLE001 - hassil raises plain exceptions for bad templates
        return f"{path}: a sentence template could not be parsed ({error})."
    if unknown:
        defined = ", ".join(sorted(intents.slot_lists))
        return (f"{path} uses {', '.join(unknown)}, which no file defines. Define it under "
                f"'lists:' or 'expansion_rules:' in that file, or use a built-in list: {defined}.")
    return None


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
