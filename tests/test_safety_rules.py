"""The safety rules as data: every concept they name exists, and no rule waits for a word the
screen never reads (a softener such as "just" or "finally" is left out of the line)."""

from __future__ import annotations

import re

import yaml

from intents.data import DATA_ROOT, lexicon
from intents.safety import SafetyScreen

RULES = yaml.safe_load((DATA_ROOT / "safety" / "en.yaml").read_text(encoding="utf-8"))
REFERENCE = re.compile(r"\{(\w+)\}")
BUILT_IN = {"_", "gap", "gap6", "gap10"}


def _patterns() -> list[str]:
    found = [e for entries in RULES["concepts"].values() for e in entries]
    found += RULES["masks"] + RULES["past_ideation"] + RULES["caution"] + RULES["turned_on_oneself"]
    found += RULES["dismissed_reasons"]
    found += [p for rule in RULES["rules"] for p in rule["patterns"]]
    found += [rule["unless"] for rule in RULES["rules"] if "unless" in rule]
    found += [RULES["named_after"]["pattern"], RULES["named_after"]["deed"]]
    return found


def test_the_rules_compile() -> None:
    assert SafetyScreen(RULES)


def test_every_concept_named_is_defined_and_every_concept_is_used() -> None:
    named = {name for p in _patterns() for name in REFERENCE.findall(p)}
    assert named - BUILT_IN - set(RULES["concepts"]) == set()
    assert set(RULES["concepts"]) - named == set()


def test_no_rule_waits_for_a_softener_the_line_leaves_out() -> None:
    softeners = {h for h in lexicon()["hedges"] if " " not in h}
    waiting = []
    for pattern in _patterns():
        plain = re.sub(r"\\\w|\{\w+\}|\(\?<?[!=][^)]*\)", " ", pattern)
        waiting += [(pattern, w) for w in re.findall(r"[a-z]+", plain) if w in softeners]
    assert waiting == []
