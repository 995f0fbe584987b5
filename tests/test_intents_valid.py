"""The intents validator: every intent has sentences, tests, a handler and a reply of its own;
every reply key is used; every key the code asks for exists; every placeholder is filled."""

from __future__ import annotations

import ast
import random
import re
import string
from datetime import datetime
from pathlib import Path

import pytest
import yaml

from intents.data import DATA_ROOT, lexicon
from intents.handlers import ANSWERS, HANDLERS
from intents.replies import Replies
from intents.skill import CRISIS_PHRASE, Skill
from models.store import Store

ROOT = Path(__file__).resolve().parents[1]
SENTENCES = ROOT / "intents" / "sentences" / "en"
RESPONSES = ROOT / "intents" / "responses" / "en"
SENTENCE_TESTS = ROOT / "tests" / "sentences" / "en"
SAFETY_TESTS = ROOT / "tests" / "safety" / "en.yaml"
CORPUS = ROOT / "tests" / "understanding" / "corpus"
CODE = [p for folder in ("intents", "voice") for p in sorted((ROOT / folder).rglob("*.py"))]
MORNING = datetime(2026, 3, 2, 10, 0)
MIN_TESTS = 3  # test sentences per intent, across the sentence tests and the corpus


def _load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


GROUPS: dict[str, dict] = {p.stem: _load(p) for p in sorted(RESPONSES.glob("*.yaml"))}
TEMPLATED = {name: data for p in sorted(SENTENCES.glob("*.yaml"))
             for name, data in (_load(p).get("intents") or {}).items()}
CUED = set(lexicon()["command_cues"])
RESEMBLED = {a["intent"] for a in _load(DATA_ROOT / "talk" / "en.yaml")["answers"].values()}
INTENTS = sorted(set(TEMPLATED) | CUED | RESEMBLED)


def _tested() -> dict[str, list[str]]:
    """Intent -> the utterances the tests expect it for."""
    said: dict[str, list[str]] = {}
    for path in sorted(SENTENCE_TESTS.glob("*.yaml")):
        for group in _load(path)["tests"]:
            texts = [c[0] if isinstance(c, list) else c for c in group["cases"]]
            said.setdefault(group["intent"], []).extend(texts)
    for path in sorted(CORPUS.glob("*.yaml")):
        for case in _load(path):
            if case.get("expect"):
                said.setdefault(case["expect"], []).append(case["say"])
    said.setdefault(CRISIS_PHRASE, []).extend(_load(SAFETY_TESTS)["crisis"])
    return said


TESTED = _tested()


@pytest.mark.parametrize("name", sorted(TEMPLATED))
def test_templated_intent_has_sentences(name: str) -> None:
    sentences = [s for block in TEMPLATED[name]["data"] for s in block["sentences"]]
    assert sentences, f"{name} has no sentence templates"


@pytest.mark.parametrize("name", INTENTS)
def test_intent_has_tests(name: str) -> None:
    assert len(TESTED.get(name, [])) >= MIN_TESTS, (
        f"{name}: {len(TESTED.get(name, []))} test sentences, at least {MIN_TESTS} wanted")


@pytest.mark.parametrize("name", INTENTS)
def test_intent_has_a_handler(name: str) -> None:
    assert name in HANDLERS or name == CRISIS_PHRASE, f"{name} has no handler"


def test_every_handler_answers_an_intent_that_can_be_heard() -> None:
    orphans = set(HANDLERS) - set(INTENTS) - {"LogWin", "RateMood", "Setback", "SetIntention"}
    assert orphans == set()


@pytest.mark.parametrize("name", [n for n in INTENTS if n in HANDLERS])
def test_intent_answers_with_a_reply_of_its_own(name: str) -> None:
    """The first tested sentence of each intent, said with nothing pending, gets a reply that
    is not the fallback: the intent's own handler spoke."""
    keys = ("fallback",) if name == "Feeling" else ("fallback", "feeling")  # its own reply
    fallback = {" ".join(v.split()) for key in keys
                for v in Replies("en").data("Support", key)}
    text = TESTED[name][0]
    store = Store.memory()
    try:
        reply = Skill(store, rng=random.Random(1)).handle(text, MORNING).reply.text
    finally:
        store.close()
    assert reply.strip() and reply not in fallback, f"{name}: {text!r} -> {reply!r}"


# Reply keys: what the code asks for, read from the code itself.

class _Uses(ast.NodeVisitor):
    """Every replies.text/.data call with a known group: the keys it may ask for and the
    placeholders it fills; and every whole-file load of a reply group."""

    def __init__(self, path: Path, tree: ast.Module) -> None:
        self.path = path
        self.module = tree
        self.function: ast.AST = tree
        self.calls: list[tuple[str, str, set[str] | None, set[str]]] = []
        self.unresolved: list[str] = []

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        outer, self.function = self.function, node
        self.generic_visit(node)
        self.function = outer

    def visit_Call(self, node: ast.Call) -> None:
        self.generic_visit(node)
        func = node.func
        if not (isinstance(func, ast.Attribute) and func.attr in ("text", "data")
                and len(node.args) >= 2 and isinstance(node.args[0], ast.Constant)
                and node.args[0].value in GROUPS):
            return
        group = node.args[0].value
        keys = self._keys(node.args[1], group)
        where = f"{self.path.relative_to(ROOT)}:{node.lineno}"
        if keys is None:
            self.unresolved.append(f"{where} {ast.unparse(node.args[1])}")
            return
        filled = {k.arg for k in node.keywords if k.arg} if func.attr == "text" else None
        for key in keys:
            self.calls.append((where, group, filled, {key}))

    def _keys(self, node: ast.AST, group: str) -> set[str] | None:
        """The keys an expression may evaluate to, or None when the code does not say."""
        known = GROUPS[group]
        if isinstance(node, ast.Constant) and node.value is None:
            return set()
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return {node.value}
        if isinstance(node, ast.IfExp):
            a, b = self._keys(node.body, group), self._keys(node.orelse, group)
            return None if a is None or b is None else a | b
        if isinstance(node, ast.JoinedStr):
            pattern = "".join(re.escape(v.value) if isinstance(v, ast.Constant) else "[a-z_]*"
                              for v in node.values)
            return {k for k in known if re.fullmatch(pattern, k)} or None
        if isinstance(node, ast.Attribute) and node.attr == "name":
            return {k for k in known if k in INTENTS} or None
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr == "get" and isinstance(node.func.value, ast.Name):
            table = self._module_dict(node.func.value.id)
            default = self._keys(node.args[1], group) if len(node.args) > 1 else set()
            return None if table is None or default is None else table | default
        if isinstance(node, ast.Name):
            found: set[str] = set()
            for stmt in ast.walk(self.function):
                if isinstance(stmt, ast.Assign) and any(
                        isinstance(t, ast.Name) and t.id == node.id for t in stmt.targets):
                    keys = self._keys(stmt.value, group)
                    if keys is None:
                        return None
                    found |= keys
            return found or None
        return None

    def _module_dict(self, name: str) -> set[str] | None:
        for stmt in self.module.body:
            if isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Dict) and any(
                    isinstance(t, ast.Name) and t.id == name for t in stmt.targets):
                return {v.value for v in stmt.value.values if isinstance(v, ast.Constant)}
        return None


def _read_code() -> tuple[list[tuple[str, str, set[str] | None, set[str]]], list[str], set[str]]:
    calls, unresolved, whole = [], [], set()
    for path in CODE:
        source = path.read_text(encoding="utf-8")
        uses = _Uses(path, ast.parse(source))
        uses.visit(uses.module)
        calls += uses.calls
        unresolved += uses.unresolved
        for group in re.findall(r"responses/\{\w+\}/(\w+)\.yaml", source):
            whole |= {f"{group}/{k}" for k in GROUPS[group] if f'"{k}"' in source}
    return calls, unresolved, whole


CALLS, UNRESOLVED, WHOLE_FILE_KEYS = _read_code()


def _variants(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for item in value for v in _variants(item)]
    if isinstance(value, dict):
        return [v for item in value.values() for v in _variants(item)]
    return []


def _placeholders(text: str) -> set[str]:
    return {re.split(r"[.\[]", field)[0] for _, field, _, _ in string.Formatter().parse(text)
            if field is not None}


def test_every_reply_key_the_code_asks_for_can_be_told() -> None:
    assert UNRESOLVED == [], "reply keys the validator cannot read from the code"


def test_every_reply_key_the_code_asks_for_exists() -> None:
    missing = [f"{where} {group}/{key}" for where, group, _, keys in CALLS for key in keys
               if key not in GROUPS[group]]
    assert missing == []


def test_every_reply_key_is_used() -> None:
    used = {f"{group}/{key}" for _, group, _, keys in CALLS for key in keys} | WHOLE_FILE_KEYS
    unused = [f"{group}/{key}" for group, keys in GROUPS.items() for key in keys
              if f"{group}/{key}" not in used]
    assert unused == []


def test_every_placeholder_is_filled() -> None:
    """Each variant of a key spoken through replies.text has its placeholders given by every
    call that may speak it; a key only read as data has none left unfilled in a plain string."""
    unfilled = []
    for where, group, filled, keys in CALLS:
        for key in keys & set(GROUPS[group]):
            for variant in _variants(GROUPS[group][key]):
                gap = _placeholders(variant) - (filled if filled is not None else set())
                if filled is not None and gap:
                    unfilled.append(f"{where} {group}/{key}: {sorted(gap)} in {variant[:40]!r}")
    assert unfilled == []


def test_answers_are_the_pending_questions_the_dialogue_asks() -> None:
    """Every pending question has an answer handler, and every answer handler a question."""
    asked = set()
    for path in CODE:
        asked |= set(re.findall(r"dialogue\.ask\(\s*\"(\w+)\"", path.read_text(encoding="utf-8")))
    assert asked - set(ANSWERS) == set()
    assert set(ANSWERS) - asked == set()


def test_command_cues_are_written_as_the_normaliser_prints() -> None:
    """Cues are searched in normalised words: a form the normaliser always rewrites ("can
    not" becomes "cannot") can never be found there, and a cue waiting for it never fires."""
    rewritten = [said for said, kept in lexicon()["contractions"].items()
                 if " " in said and said not in kept]
    cues = [*(p for patterns in lexicon()["command_cues"].values() for p in patterns),
            lexicon()["refusals"]]
    waiting = [(form, cue[:60]) for cue in cues for form in rewritten
               if re.search(rf"\b{re.escape(form)}\b", cue)]
    assert waiting == []


@pytest.mark.parametrize("path", sorted(DATA_ROOT.rglob("*.yaml")), ids=lambda p: p.name)
def test_every_data_file_reads_the_same_without_libyaml(path: Path) -> None:
    """Without libyaml the data is read by PyYAML's own parser, which is stricter: a quote
    lost in a list must fail here, not on a machine whose PyYAML was built without it."""
    text = path.read_text(encoding="utf-8")
    fast = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506
    assert yaml.load(text, Loader=yaml.SafeLoader) == fast  # noqa: S506
