"""Sentence tests as data: tests/sentences/en/*.yaml, utterance -> intent and slots."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from intents.matcher import IntentMatcher

CASES_DIR = Path(__file__).parent / "sentences" / "en"


def _cases() -> list[tuple[str, str | None, object]]:
    cases = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        for group in yaml.safe_load(path.read_text(encoding="utf-8"))["tests"]:
            for case in group["cases"]:
                text, slots = (case[0], case[1]) if isinstance(case, list) else (case, None)
                cases.append((text, group["intent"], slots))
    return cases


@pytest.fixture(scope="module")
def matcher() -> IntentMatcher:
    return IntentMatcher.load()


@pytest.mark.parametrize(("text", "intent", "slots"), _cases(), ids=lambda v: str(v)[:40])
def test_sentence(matcher: IntentMatcher, text: str, intent: str | None, slots: object) -> None:
    found = matcher.match(text)
    assert (found.name if found else None) == intent, f"{text!r} -> {found}"
    if isinstance(slots, list):
        assert found is not None and found.slots["activities"] == slots
    elif isinstance(slots, dict):
        assert found is not None and found.slots == slots
