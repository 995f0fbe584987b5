"""Turn hassil sentence templates into recognizer grammars: factored JSGF and a phrase list.

The template structure is kept: every slot list and expansion rule becomes one shared
JSGF rule, every intent one rule, and alternatives stay where the template put them,
so the decoder's search graph grows with the template, not with the sentences it means.
Open-ended (wildcard) lists cannot be spelled out; a sentence that uses one is left out
unless `wildcard_values` gives phrases for it, and is reported in `Grammar.skipped`.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from hassil import (
    Alternative,
    Expression,
    Group,
    Intents,
    ListReference,
    Permutation,
    RangeSlotList,
    RuleReference,
    Sentence,
    Sequence,
    SlotList,
    TextChunk,
    TextSlotList,
    WildcardSlotList,
    sample_expression,
)
from hassil.errors import MissingListError, MissingRuleError
from hassil.numbers import get_rbnf_engine

GRAMMAR_NAME = "smallwins"
TOP_RULE = "command"
_WORD_EDGE = re.compile(r"^[^\w']+|[^\w']+$")
_MAX_DEPTH = 24


class GrammarError(Exception):
    """The templates cannot be turned into a grammar."""


@dataclass(frozen=True)
class SkippedSentence:
    """A template left out of the grammar, and why."""

    intent: str
    template: str
    reason: str


@dataclass(frozen=True)
class Grammar:
    """One expansion of the templates, in the forms the recognizers take."""

    jsgf: str
    phrases: tuple[str, ...]  # every sentence, or every word when there are too many
    words: frozenset[str]
    missing_words: tuple[str, ...] = ()  # not in the recognizer's dictionary, left out
    skipped: tuple[SkippedSentence, ...] = ()

    def vosk_grammar(self, unknown: str | None = "[unk]") -> list[str]:
        """The phrase list for `KaldiRecognizer(model, rate, json.dumps(...))`."""
        return [*self.phrases, unknown] if unknown else list(self.phrases)


# Word-level graph: a template with its text split into words.
@dataclass(frozen=True)
class Words:
    words: tuple[str, ...]


@dataclass(frozen=True)
class Seq:
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Alt:
    items: tuple[Node, ...]
    optional: bool = False


@dataclass(frozen=True)
class Ref:
    name: str


Node = Words | Seq | Alt | Ref
EMPTY = Words(())


class _Unexpandable(Exception):
    """A template part that has no finite list of words."""


def normalize_word(word: str) -> str:
    """Lowercase and strip punctuation at the edges (apostrophes inside stay: "what's")."""
    return _WORD_EDGE.sub("", word.lower())


def split_words(text: str) -> tuple[str, ...]:
    return tuple(w for w in (normalize_word(p) for p in re.split(r"[\s\-_]+", text)) if w)


@dataclass
class _Scope:
    """Slot lists and expansion rules visible to one block of sentences."""

    slot_lists: Mapping[str, SlotList]
    expansion_rules: Mapping[str, Sentence]
    prefix: str  # rule-name prefix for lists and rules local to this block


@dataclass
class _Builder:
    language: str
    wildcard_values: Mapping[str, Iterable[str]]
    global_lists: frozenset[str]
    global_rules: frozenset[str]
    rules: dict[str, Node] = field(default_factory=dict)
    converting: set[str] = field(default_factory=set)

    # hassil expression -> word graph

    def convert(self, expr: Expression, scope: _Scope, depth: int = 0) -> Node:
        if depth > _MAX_DEPTH:
            raise _Unexpandable("expansion rules nest too deep (a rule refers to itself?)")
        if isinstance(expr, TextChunk):
            return Words(split_words(expr.text))
        if isinstance(expr, Alternative):
            branches = [self.convert(item, scope, depth + 1) for item in expr.items]
            return _alt(branches, optional=expr.is_optional)
        if isinstance(expr, Permutation):
            orders = itertools.permutations(
                [self.convert(item, scope, depth + 1) for item in expr.items]
            )
            return _alt([_seq(order) for order in orders])
        if isinstance(expr, Group):
            return self._convert_sequence(expr, scope, depth)
        if isinstance(expr, ListReference):
            return self._list_rule(expr.list_name, scope, depth)
        if isinstance(expr, RuleReference):
            return self._expansion_rule(expr.rule_name, scope, depth)
        raise GrammarError(f"unexpected template part {expr!r}")

    def _convert_sequence(self, group: Group, scope: _Scope, depth: int) -> Node:
        """Parts written without a space between them ("light[s]") are spelled out whole."""
        atoms = list(_atoms(group.items))
        nodes: list[Node] = []
        cluster: list[Expression] = []
        for atom in [*atoms, None]:
            if cluster and (atom is None or not self._glued(cluster[-1], atom, scope)):
                nodes.append(self._convert_cluster(cluster, scope, depth))
                cluster = []
            if atom is not None and not _is_space(atom):
                cluster.append(atom)
        return _seq(nodes)

    def _convert_cluster(self, cluster: list[Expression], scope: _Scope, depth: int) -> Node:
        if len(cluster) == 1:
            return self.convert(cluster[0], scope, depth + 1)
        try:
            texts = set(
                sample_expression(
                    Sequence(items=cluster),
                    dict(scope.slot_lists),
                    dict(scope.expansion_rules),
                    language=self.language,
                )
            )
        except (MissingListError, MissingRuleError) as error:
            raise _Unexpandable(str(error)) from error
        if any("{" in text for text in texts):
            raise _Unexpandable("a wildcard is written against other text")
        return _alt([Words(split_words(text)) for text in sorted(texts)])

    def _glued(self, left: Expression, right: Expression, scope: _Scope) -> bool:
        if _is_space(left) or _is_space(right):
            return False
        left_edges = self._edges(left, scope, 0)
        right_edges = self._edges(right, scope, 0)
        if left_edges is None or right_edges is None:
            return False
        return not (left_edges[1] or right_edges[0])

    def _edges(self, expr: Expression, scope: _Scope, depth: int) -> tuple[bool, bool] | None:
        """Whether every reading starts / ends with a space; None when it is always empty."""
        if depth > _MAX_DEPTH:
            return (False, False)
        if isinstance(expr, TextChunk):
            if not expr.text:
                return None
            return (expr.text[0].isspace(), expr.text[-1].isspace())
        if isinstance(expr, Permutation):
            return (True, True)
        if isinstance(expr, Alternative):
            edges = [e for e in (self._edges(i, scope, depth + 1) for i in expr.items) if e]
            if not edges:
                return None
            return (all(e[0] for e in edges), all(e[1] for e in edges))
        if isinstance(expr, Group):
            edges = [e for e in (self._edges(i, scope, depth + 1) for i in expr.items) if e]
            return (edges[0][0], edges[-1][1]) if edges else None
        if isinstance(expr, RuleReference) and expr.rule_name in scope.expansion_rules:
            return self._edges(scope.expansion_rules[expr.rule_name].expression, scope, depth + 1)
        return (False, False)

    # shared rules

    def _list_rule(self, list_name: str, scope: _Scope, depth: int) -> Ref:
        slot_list = scope.slot_lists.get(list_name)
        if slot_list is None:
            raise _Unexpandable(f"no list called {{{list_name}}}")
        local = list_name not in self.global_lists
        name = _rule_name(("list", scope.prefix if local else "", list_name))
        return self._shared(name, lambda: self._list_body(list_name, slot_list, scope, depth))

    def _list_body(self, name: str, slot_list: SlotList, scope: _Scope, depth: int) -> Node:
        if isinstance(slot_list, WildcardSlotList):
            values = self.wildcard_values.get(name)
            if not values:
                raise _Unexpandable(f"{{{name}}} is a wildcard and has no known values")
            return _alt([Words(split_words(value)) for value in values])
        if isinstance(slot_list, TextSlotList):
            return _alt([self.convert(v.text_in, scope, depth + 1) for v in slot_list.values])
        if isinstance(slot_list, RangeSlotList):
            return _alt([Words(split_words(text)) for text in self._number_words(slot_list)])
        raise _Unexpandable(f"{{{name}}} is a list of a kind with no words")

    def _number_words(self, numbers: RangeSlotList) -> list[str]:
        if not numbers.words:
            raise _Unexpandable(f"{{{numbers.name}}} is a range of digits only")
        engine = get_rbnf_engine(numbers.words_language or self.language)
        spoken: dict[str, None] = {}
        for number in numbers.get_numbers():
            for text in engine.format_number(number).text_by_ruleset.values():
                spoken[text] = None
        return list(spoken)

    def _expansion_rule(self, rule_name: str, scope: _Scope, depth: int) -> Ref:
        rule = scope.expansion_rules.get(rule_name)
        if rule is None:
            raise _Unexpandable(f"no expansion rule called <{rule_name}>")
        local = rule_name not in self.global_rules
        name = _rule_name(("rule", scope.prefix if local else "", rule_name))
        return self._shared(name, lambda: self.convert(rule.expression, scope, depth + 1))

    def _shared(self, name: str, body: Callable[[], Node]) -> Ref:
        if name not in self.rules:
            if name in self.converting:
                raise _Unexpandable(f"<{name}> refers to itself")
            self.converting.add(name)
            try:
                self.rules[name] = body()
            finally:
                self.converting.discard(name)
        return Ref(name)


def intent_graphs(
    intents: Intents, wildcard_values: Mapping[str, Iterable[str]] | None = None
) -> tuple[dict[str, list[Node]], dict[str, Node], list[SkippedSentence]]:
    """Each intent's sentences as word graphs, the shared rules they refer to, and the
    sentences left out (an open slot with no phrases given)."""
    builder = _Builder(
        language=intents.language,
        wildcard_values=wildcard_values or {},
        global_lists=frozenset(intents.slot_lists),
        global_rules=frozenset(intents.expansion_rules),
    )
    skipped: list[SkippedSentence] = []
    intent_nodes: dict[str, list[Node]] = {}
    for intent in intents.intents.values():
        for index, data in enumerate(intent.data):
            scope = _Scope(
                slot_lists={**intents.slot_lists, **data.slot_lists},
                expansion_rules={**intents.expansion_rules, **data.expansion_rules},
                prefix=f"{intent.name}_{index}",
            )
            for sentence in data.sentences:
                try:
                    node = builder.convert(sentence.expression, scope)
                except _Unexpandable as why:
                    skipped.append(SkippedSentence(intent.name, sentence.text or "", str(why)))
                    continue
                intent_nodes.setdefault(intent.name, []).append(node)
    return intent_nodes, builder.rules, skipped


def short_readings(
    node: Node, rules: Mapping[str, Node], most_words: int,
    known: dict[str, frozenset[tuple[str, ...]]] | None = None,
) -> frozenset[tuple[str, ...]]:
    """Every reading of `node` of at most `most_words` words; longer ones are never built."""
    known = {} if known is None else known
    if isinstance(node, Words):
        return frozenset({node.words}) if len(node.words) <= most_words else frozenset()
    if isinstance(node, Ref):
        if node.name not in known:
            known[node.name] = frozenset()  # guards against cycles
            known[node.name] = short_readings(rules[node.name], rules, most_words, known)
        return known[node.name]
    if isinstance(node, Alt):
        found = {()} if node.optional else set()
        for item in node.items:
            found |= short_readings(item, rules, most_words, known)
        return frozenset(found)
    sofar: set[tuple[str, ...]] = {()}
    for item in node.items:
        parts = short_readings(item, rules, most_words, known)
        sofar = {a + b for a in sofar for b in parts if len(a) + len(b) <= most_words}
        if not sofar:
            break
    return frozenset(sofar)


def build_grammar(
    intents: Intents,
    known_word: Callable[[str], bool] | None = None,
    wildcard_values: Mapping[str, Iterable[str]] | None = None,
    max_phrases: int = 10_000,
) -> Grammar:
    """Expand every intent's templates; words `known_word` rejects are left out and listed."""
    intent_nodes, builder_rules, skipped = intent_graphs(intents, wildcard_values)
    pruner = _Pruner(builder_rules, known_word)
    top: dict[str, Node] = {}
    for intent_name, nodes in intent_nodes.items():
        kept = [n for n in (pruner.prune(node) for node in nodes) if n is not None]
        if not kept:
            skipped.append(SkippedSentence(intent_name, "*", "every sentence has unknown words"))
            continue
        top[_rule_name(("intent", intent_name))] = _alt(kept)
    if not top:
        raise GrammarError(
            "No sentence could be put into the grammar"
            + (f"; unknown words: {', '.join(sorted(pruner.missing))}" if pruner.missing else "")
            + (f"; {skipped[0].template}: {skipped[0].reason}" if skipped else "")
        )
    rules = {**top, **{n: b for n, b in pruner.done.items() if b is not None}}
    used = _reachable(top, rules)
    jsgf = _render_jsgf(top, {name: rules[name] for name in rules if name in used})
    words = frozenset(w for body in rules.values() for w in _words_in(body))
    return Grammar(
        jsgf=jsgf,
        phrases=_phrases(_alt(list(top.values())), rules, words, max_phrases),
        words=words,
        missing_words=tuple(sorted(pruner.missing)),
        skipped=tuple(skipped),
    )


class _Pruner:
    """Removes every reading that needs a word outside the dictionary."""

    def __init__(self, rules: Mapping[str, Node], known_word: Callable[[str], bool] | None):
        self.rules = rules
        self.known_word = known_word
        self.missing: set[str] = set()
        self.done: dict[str, Node | None] = {}

    def prune(self, node: Node) -> Node | None:
        if isinstance(node, Words):
            unknown = [w for w in node.words if self.known_word and not self.known_word(w)]
            self.missing.update(unknown)
            return None if unknown else node
        if isinstance(node, Seq):
            items = [self.prune(item) for item in node.items]
            return None if any(i is None for i in items) else _seq(items)  # type: ignore[arg-type]
        if isinstance(node, Alt):
            kept = [b for b in (self.prune(item) for item in node.items) if b is not None]
            if not kept:
                return EMPTY if node.optional else None
            return _alt(kept, optional=node.optional)
        if node.name not in self.done:
            self.done[node.name] = None  # guards against cycles
            self.done[node.name] = self.prune(self.rules[node.name])
        return node if self.done[node.name] is not None else None


def _atoms(items: Iterable[Expression]) -> Iterator[Expression]:
    """Sequence items with text split into words and single spaces."""
    for item in items:
        if isinstance(item, TextChunk):
            for piece in re.findall(r"\s+|\S+", item.text):
                yield TextChunk(" " if piece.isspace() else piece)
        else:
            yield item


def _is_space(expr: Expression) -> bool:
    return isinstance(expr, TextChunk) and expr.text.isspace()


def _seq(items: Iterable[Node]) -> Node:
    flat: list[Node] = []
    for item in items:
        if isinstance(item, Seq):
            flat.extend(item.items)
        elif item != EMPTY:
            flat.append(item)
    merged: list[Node] = []
    for item in flat:  # join neighbouring words
        if merged and isinstance(item, Words) and isinstance(merged[-1], Words):
            merged[-1] = Words(merged[-1].words + item.words)
        else:
            merged.append(item)
    if not merged:
        return EMPTY
    return merged[0] if len(merged) == 1 else Seq(tuple(merged))


def _alt(branches: Iterable[Node], optional: bool = False) -> Node:
    unique: list[Node] = []
    for branch in branches:
        if branch == EMPTY:
            optional = True
        elif branch not in unique:
            unique.append(branch)
    if not unique:
        return EMPTY
    if len(unique) == 1 and not optional:
        return unique[0]
    return Alt(tuple(unique), optional)


def _rule_name(parts: Iterable[str]) -> str:
    return "_".join(re.sub(r"\W", "_", p) for p in parts if p)


def _words_in(node: Node) -> Iterator[str]:
    if isinstance(node, Words):
        yield from node.words
    elif isinstance(node, (Seq, Alt)):
        for item in node.items:
            yield from _words_in(item)


def _refs_in(node: Node) -> Iterator[str]:
    if isinstance(node, Ref):
        yield node.name
    elif isinstance(node, (Seq, Alt)):
        for item in node.items:
            yield from _refs_in(item)


def _reachable(top: Mapping[str, Node], rules: Mapping[str, Node]) -> set[str]:
    seen: set[str] = set()
    todo = list(top)
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo.extend(_refs_in(rules[name]))
    return seen


def _render(node: Node) -> str:
    if isinstance(node, Words):
        return " ".join(node.words)
    if isinstance(node, Ref):
        return f"<{node.name}>"
    if isinstance(node, Seq):
        return " ".join(_render(item) for item in node.items)
    body = " | ".join(_render(item) for item in node.items)
    return f"[ {body} ]" if node.optional else f"( {body} )"


def _render_jsgf(top: Mapping[str, Node], rules: Mapping[str, Node]) -> str:
    lines = [
        "#JSGF V1.0 UTF-8;",
        f"grammar {GRAMMAR_NAME};",
        f"public <{TOP_RULE}> = " + " | ".join(f"<{name}>" for name in top) + ";",
    ]
    for name, body in rules.items():
        text = _render(body)
        if isinstance(body, Alt) and not body.optional:
            text = " | ".join(_render(item) for item in body.items)
        lines.append(f"<{name}> = {text};")
    return "\n".join(lines) + "\n"


def _readings(node: Node, rules: Mapping[str, Node]) -> Iterator[tuple[str, ...]]:
    if isinstance(node, Words):
        yield node.words
    elif isinstance(node, Ref):
        yield from _readings(rules[node.name], rules)
    elif isinstance(node, Alt):
        if node.optional:
            yield ()
        for item in node.items:
            yield from _readings(item, rules)
    else:
        parts = [list(_readings(item, rules)) for item in node.items]
        for combo in itertools.product(*parts):
            yield tuple(word for part in combo for word in part)


def _phrases(
    root: Node, rules: Mapping[str, Node], words: frozenset[str], limit: int
) -> tuple[str, ...]:
    """Every sentence the grammar accepts, or its words alone when there are more than `limit`."""
    phrases: dict[str, None] = {}
    for reading in _readings(root, rules):
        phrases[" ".join(reading)] = None
        if len(phrases) > limit:
            return tuple(sorted(words))
    return tuple(p for p in phrases if p)
