"""The safety screen: concepts from intents/safety/<language>.yaml, composed into rules over
the analysed utterance, decide crisis, check-in or none before anything else runs."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from typing import Any

import yaml

from intents.analysis import Analysis, Clause, analyse
from intents.data import lexicon, load_yaml
from intents.lemmas import readings
from intents.resemblance import Likeness, Resemblance

log = logging.getLogger(__name__)


class Safety(StrEnum):
    NONE = "none"
    CHECK_IN = "check_in"
    CRISIS = "crisis"


_RANK = {Safety.NONE: 0, Safety.CHECK_IN: 1, Safety.CRISIS: 2}
MAX_SCREENED = 8000  # characters; longer text is read at its beginning and its end
_MASKED = "~"  # what a masked word's letters become, so its offsets stay where they were
_WORD = r"[\w']+"
_BUILTINS = {
    "_": rf"(?:{_WORD} )",
    "gap": rf"(?:{_WORD} ){{0,3}}",
    "gap6": rf"(?:{_WORD} ){{0,6}}",
    "gap10": rf"(?:{_WORD} ){{0,10}}",
}
_REFERENCE = re.compile(r"\{(\w+)\}")
_GAP_SPACE = re.compile(r"\{(_|gap|gap6|gap10)\} ")
_LITERAL = re.compile(r"(?<![\\\w<?])[a-z]+(?![\w<>])")


@dataclass(frozen=True)
class Finding:
    """One rule that matched: its kind, the level it gave, and the concepts it saw."""

    kind: str
    level: Safety
    clause: str
    words: str  # the lemmas the rule matched
    concepts: tuple[str, ...]
    about: str  # "speaker", "generic" or "other"
    negated: bool = False
    explained_by: str = ""  # the ordinary reason beside it that cancels it ("the garage")


@dataclass(frozen=True)
class Screen:
    """What the screen found. `category` is the deciding kind. A `denial` ("I'd never hurt
    myself") and `past_ideation` are not risk, but are answered gently; `caution` marks a
    means or harm word in an otherwise ordinary utterance, or words close to the risk
    examples though not close enough to ask."""

    level: Safety
    category: str | None = None
    past_ideation: bool = False
    denial: bool = False
    caution: bool = False
    findings: tuple[Finding, ...] = ()
    masked: tuple[str, ...] = ()  # idioms and ordinary uses taken out before the rules read
    analysis: Analysis | None = field(default=None, compare=False, repr=False)
    resemblance: Likeness | None = None  # asked only when no rule spoke

    @property
    def says_something(self) -> bool:
        """Risk, a denial, past ideation or a reason for care."""
        return self.level is not Safety.NONE or self.denial or self.past_ideation or \
            self.caution


@dataclass(frozen=True)
class _Rule:
    kind: str
    level: Safety
    about: str  # "speaker" or "any"
    denial: bool
    survived: bool  # a negation told in the past is an urge lived through, not a denial
    when: frozenset[str]
    unmasked: bool  # reads the line before idiom masks (questions about means)
    short: int  # only for utterances of at most this many words (0: any length)
    unless: re.Pattern[str] | None  # an ordinary reason in the same sentence cancels a match
    unless_line: bool  # the reason must hold for the whole line, not the clauses around
    patterns: tuple[tuple[re.Pattern[str], dict[str, str]], ...]


class _Compiler:
    """Expands `{concept}` references into regular expressions over the lemma line."""

    def __init__(self, concepts: dict[str, list[str]]) -> None:
        self._concepts = concepts
        self._expanded: dict[str, str] = {}

    def concept(self, name: str, seen: tuple[str, ...] = ()) -> str:
        if name in _BUILTINS:
            return _BUILTINS[name]
        if name in seen:
            raise ValueError(f"safety concept {name!r} refers to itself")
        if name not in self._expanded:
            try:
                entries = self._concepts[name]
            except KeyError:
                raise ValueError(f"safety rule uses an unknown concept {{{name}}}") from None
            body = "|".join(self._inline(e, (*seen, name)) for e in entries)
            self._expanded[name] = f"(?:{body})"
        return self._expanded[name]

    def _inline(self, text: str, seen: tuple[str, ...]) -> str:
        return _REFERENCE.sub(lambda m: self.concept(m.group(1), seen),
                              _tight(_as_lemmas(text)))

    def any_of(self, texts: list[str]) -> re.Pattern[str]:
        """One pattern that matches where any of `texts` does."""
        return self.pattern("|".join(f"(?:{text})" for text in texts))[0]

    def pattern(self, text: str) -> tuple[re.Pattern[str], dict[str, str]]:
        """A rule's pattern; each concept it names becomes a group, so a match tells which."""
        groups: dict[str, str] = {}

        def group(match: re.Match[str]) -> str:
            name = match.group(1)
            if name in _BUILTINS:
                return _BUILTINS[name]
            key = f"c{len(groups)}"
            groups[key] = name
            return f"(?P<{key}>{self.concept(name)})"

        body = _REFERENCE.sub(group, _tight(_as_lemmas(text)))
        return re.compile(rf"(?<![\w'])(?:{body})(?![\w'])"), groups


def _as_lemmas(text: str) -> str:
    """The words of a pattern as the line spells them: 'took' reads as 'take', 'pills' as
    'pill', so a rule may be written in plain words. Concept names and escapes stay."""
    parts = _REFERENCE.split(text)  # words, then a concept's name, then words, ...
    return "".join(_LITERAL.sub(lambda m: _either(readings(m.group(0))), p) if i % 2 == 0
                   else f"{{{p}}}" for i, p in enumerate(parts))


def _either(words: tuple[str, ...]) -> str:
    return words[0] if len(words) == 1 else f"(?:{'|'.join(words)})"


def _tight(text: str) -> str:
    """'{gap} word' and '{gap}word' mean the same: a gap already ends with its space."""
    return _GAP_SPACE.sub(r"{\1}", text)


_SPEAKER = re.compile(r"\b(i|me|my|myself)\b")


def _around(line: str, analysis: Analysis, token: int, not_yet_done: re.Pattern[str],
            plan: bool, wide: bool = False) -> str:
    """The clause of `token` and the clauses either side of it, within its sentence: where an
    ordinary reason may explain the words ("doing it tomorrow, the ironing"), not a chore
    finished three clauses earlier ("rang the council ... and I'm doing it on Sunday"). A
    finished action beside a plan still ahead does not explain it ("put a wash on, and I'll
    do it tonight"), unless it is done again. `wide` reads two clauses back and the sentence
    before as well ("tomorrow, laundry. that's the plan"), never across a finished action."""
    clauses = analysis.clauses
    at = next(i for i, c in enumerate(clauses) if c is analysis.clause_of(token))
    ahead = plan and clauses[at].tense != "past" and " again" not in f" {clauses[at].text}"

    def finished(i: int) -> bool:
        clause = clauses[i]
        return clause.tense == "past" and clause.subject == "speaker" \
            and not clause.thing and not not_yet_done.search(clause.text)

    def done(i: int) -> bool:
        return ahead and finished(i)

    first = at
    for i in range(at - 1, max(at - (2 if wide else 1), 0) - 1, -1):
        if done(i) or (i < at - 1 and (finished(i) or finished(at - 1))):
            break
        first = i
    after = min(at + 1, len(clauses) - 1)
    last = clauses[at if done(after) else after]
    tokens = [t for t in range(clauses[first].start, last.end) if analysis.offsets[t] >= 0]
    if not tokens:
        return ""
    start = analysis.offsets[tokens[0]]
    end = analysis.offsets[tokens[-1]] + len(analysis.tokens[tokens[-1]].lemma)
    offset = analysis.offsets[token] if analysis.offsets[token] >= 0 else start
    sentence_start = max(line.rfind(c, 0, offset) for c in ".!?") + 1
    if wide and sentence_start > 0:
        sentence_start = max(line.rfind(c, 0, sentence_start - 1) for c in ".!?") + 1
    ends = [i for i in (line.find(c, offset) for c in ".!?") if i >= 0]
    return line[max(start, sentence_start):min(end, min(ends, default=len(line)))]


def _mask(line: str, pattern: re.Pattern[str], masked: list[str],
          keep: re.Pattern[str] | None = None) -> str:
    """Blank out what `pattern` matches, keeping every offset where it was, and add it to
    `masked`; a match followed by `keep` ("... on purpose", "... for my wrists") stays."""

    def blank(match: re.Match[str]) -> str:
        if keep is not None and keep.search(line[match.end():]):
            return match.group(0)
        masked.append(match.group(0).strip())
        return re.sub(r"[^ ]", _MASKED, match.group(0))

    return pattern.sub(blank, line)



def _line_after(match: re.Match[str]) -> str:
    """The rest of the match's sentence."""
    return re.split(r"[.!?]", match.string[match.end():], maxsplit=1)[0]


def _told_among_deeds(analysis: Analysis, clause: Clause) -> bool:
    """Said among the day's deeds ("got up, didn't kill myself, went back to bed"): an occasion."""
    return any(c is not clause and c.subject == "speaker" and c.tense == "past" and not c.negated
               for c in analysis.clauses)


def _resembled_kind(like: Likeness) -> str:
    """The likeliest risk kind where it changes the reply: a question about means is not
    answered; an act under way brings the emergency number into the question (the reading
    is too unsure for the emergency reply itself). Else "resemblance"."""
    likeliest = like.risk_kinds[0] if like.risk_kinds else ""
    if likeliest == "imminent":
        return "resemblance_urgent"
    return likeliest if likeliest == "means_question" else "resemblance"


class SafetyScreen:
    def __init__(self, data: dict[str, Any], language: str = "en",
                 resemblance: Resemblance | None = None) -> None:
        compiler = _Compiler(data["concepts"])
        self._language = language
        self._resemblance = resemblance
        self._masks = [compiler.pattern(p)[0] for p in data["masks"]]
        self._turned_on_oneself = compiler.any_of(data["turned_on_oneself"])
        self._past = [compiler.pattern(p)[0] for p in data["past_ideation"]]
        self._reopened = compiler.any_of(data["past_reopened"])
        self._dismissed = [compiler.pattern(p)[0] for p in data["dismissed_reasons"]]
        self._not_yet_done = re.compile(
            rf"^\W*(?:\w+ ){{0,2}}(?:{'|'.join(data['not_yet_done'])}) to ")
        self._caution = [compiler.pattern(p)[0] for p in data["caution"]]
        self._scope = re.compile(data["scoped_to_a_thing"]["pattern"])
        self._not_a_scope = frozenset(data["scoped_to_a_thing"]["not_things"]) | \
            frozenset(lexicon(language)["own_state_nouns"])
        self._named_after = compiler.pattern(data["named_after"]["pattern"])[0]
        self._named_kinds = frozenset(data["named_after"]["kinds"])
        self._named_deed = compiler.pattern(data["named_after"]["deed"])[0]
        self._settled = re.compile(data["named_after"]["settled"])
        self._only_thought = re.compile(data["only_thought"])
        self._survived_when = re.compile(data["survived_when"])
        self._aimed_not = re.compile(data["aimed_not"])
        self._denied_after = re.compile(data["denied_after"])
        self._denied_when_asked = re.compile(data["denied_when_asked"])
        self._rules = [
            _Rule(
                kind=rule["kind"],
                level=Safety(rule["level"]),
                about=rule.get("about", "speaker"),
                denial=rule.get("denial", True),
                survived=rule.get("survived", False),
                when=frozenset(rule.get("when", ())),
                unmasked=rule.get("unmasked", False),
                short=rule.get("short", 0),
                unless=compiler.pattern(rule["unless"])[0] if "unless" in rule else None,
                unless_line=rule.get("unless_over") == "line",
                patterns=tuple(compiler.pattern(p) for p in rule["patterns"]),
            )
            for rule in data["rules"]
        ]

    @classmethod
    @cache
    def load(cls, language: str = "en") -> SafetyScreen:
        """The whole screen, for what a person says: the rules, then the resemblance check."""
        return cls(load_yaml(f"safety/{language}.yaml"), language, Resemblance.load(language))

    @classmethod
    @cache
    def rules_only(cls, language: str = "en") -> SafetyScreen:
        """The rules alone, for words already heard whole: the pieces about to be stored or
        read back ("watered the plant") are too short for the resemblance check."""
        return cls(load_yaml(f"safety/{language}.yaml"), language)

    def screen(self, text: str) -> Screen:
        """What `text` says of risk. Past a few thousand characters, its beginning and its
        end are read (no one says more at once), the graver of the two deciding."""
        if len(text) > MAX_SCREENED:
            half = MAX_SCREENED // 2
            readings = (self._screen(text[:half]), self._screen(text[-half:]))
            return max(readings, key=lambda s: _RANK[s.level])
        return self._screen(text)

    def _screen(self, text: str) -> Screen:
        analysis = analyse(text, self._language)
        line = analysis.line
        for pattern in self._dismissed:
            line = _mask(line, pattern, [])
        past_words: list[str] = []
        for pattern in self._past:
            line = _mask(line, pattern, past_words, self._reopened)
        past = bool(past_words)
        unmasked = line
        masked: list[str] = []
        for pattern in self._masks:
            line = _mask(line, pattern, masked, self._turned_on_oneself)
        caution = any(p.search(line) for p in self._caution)
        words = _words(analysis)
        findings = [f for rule in self._rules if not rule.short or words <= rule.short
                    for f in self._apply(rule, unmasked if rule.unmasked else line, analysis)]
        risky = [f for f in findings if not f.negated and f.level is not Safety.NONE]
        if not risky:
            denial = any(f.negated for f in findings)
            like = None
            left = _unmasked(analysis, line) if masked else _Unmasked.of(analysis)
            if self._asks_resemblance(left.words, denial or past):
                assert self._resemblance is not None
                like = self._likeness(left.text)
                caution = caution or self._resemblance.unavailable
            if like is not None and self._resemblance is not None:
                if like.score > self._resemblance.threshold and self._long_enough(left.words) \
                        and not masked and not self._named_after.search(line):
                    found = Finding("resemblance", Safety.CHECK_IN, left.text,
                                    f"score {like.score:.2f}", like.risk_kinds, "speaker")
                    return Screen(Safety.CHECK_IN, _resembled_kind(like), past, False,
                                  caution, (*findings, found), tuple(masked), analysis, like)
                caution = caution or like.score > self._resemblance.caution or (
                    len(left.clauses) > 1 and self._resemblance.leaning_clause(left.clauses))
            return Screen(Safety.NONE, "denial" if denial else None, past, denial, caution,
                          tuple(findings), tuple(masked), analysis, like)
        top = max(risky, key=lambda f: (_RANK[f.level], f.kind == "imminent"))
        return Screen(top.level, top.kind, past, False, caution, tuple(findings),
                      tuple(masked), analysis)

    def _likeness(self, text: str) -> Likeness | None:
        """The resemblance score; None when its examples cannot be read (a broken install),
        which leaves the rules alone deciding and every win confirmed before it is kept."""
        assert self._resemblance is not None
        try:
            return self._resemblance.likeness(text)
        except (OSError, ValueError, KeyError, yaml.YAMLError):
            log.exception("the resemblance check could not load; the rules decide alone")
            self._resemblance.unavailable = True
            return None

    def _asks_resemblance(self, words: int, spoken_for: bool) -> bool:
        """Not for a denial or past ideation (the words are accounted for), nor for a few
        words, too few to resemble anything reliably."""
        if self._resemblance is None or spoken_for:
            return False
        return words >= self._resemblance.caution_words

    def _long_enough(self, words: int) -> bool:
        """Long enough for the check-in question; shorter lines only have a win confirmed."""
        assert self._resemblance is not None
        return words >= self._resemblance.min_words

    def _apply(self, rule: _Rule, line: str, analysis: Analysis) -> list[Finding]:
        """The rule's first finding of risk, else its first negated one (a denial) or one an
        ordinary reason explains."""
        quiet: list[Finding] = []
        for pattern, groups in rule.patterns:
            for match in pattern.finditer(line):
                finding = self._finding(rule, match, groups, analysis)
                if finding is None:
                    continue
                if not finding.negated and not finding.explained_by:
                    return [finding]
                quiet = quiet or [finding]
        return quiet

    def _finding(self, rule: _Rule, match: re.Match[str], groups: dict[str, str],
                 analysis: Analysis) -> Finding | None:
        token = analysis.token_at(match.start())
        last = analysis.token_at(max(match.start(), match.end() - 1))
        clause = analysis.clause_of(token)
        if rule.when and clause.tense not in rule.when:
            return None
        about = "speaker" if rule.about == "any" else analysis.subject_of(token, last)
        of_a_thing = (rule.kind == "check_in" and clause.thing) or \
            (rule.about != "any" and analysis.thing_before(token))
        if about == "other" or \
                (of_a_thing and not _SPEAKER.search(f"{clause.text} {match.group(0)}")):
            return None  # "the weather's been hopeless": said of a thing, the speaker unnamed
        plan = rule.kind == "intent_plan"
        reason = None
        if rule.unless is not None:
            scope = match.string if rule.unless_line else \
                _around(match.string, analysis, token, self._not_yet_done, plan)
            reason = rule.unless.search(scope)
        explained = reason.group(0).strip() if reason is not None else self._explained(rule, match)
        if explained:
            return Finding(rule.kind, Safety.NONE, clause.text, match.group(0).strip(), (),
                           about, explained_by=explained)
        level = rule.level
        if plan and rule.unless is not None and rule.unless.search(
                _around(match.string, analysis, token, self._not_yet_done, plan, wide=True)):
            level = Safety.CHECK_IN  # a task named a sentence back may be what "it" is: ask
        if about == "generic" and level is Safety.CRISIS:
            level = Safety.CHECK_IN
        concepts = tuple(sorted({name for key, name in groups.items() if match.group(key)}))
        denied_after = bool(self._denied_after.match(match.string[match.end():])) \
            or self._asked_and_denied(match)
        negated = rule.denial and (analysis.negated_before(token) or denied_after)
        if negated and (self._aimed_not.search(clause.text) or (
                rule.survived and not denied_after and clause.tense in ("past", "perfect")
                and not self._only_thought.search(clause.text)
                and (self._survived_when.search(analysis.text)
                     or _told_among_deeds(analysis, clause)))):
            negated, level = False, Safety.CHECK_IN  # "didn't kill myself today, go me"
        return Finding(rule.kind, level, clause.text, match.group(0).strip(), concepts, about,
                       negated)

    def _asked_and_denied(self, match: re.Match[str]) -> bool:
        """The risk words alone at the start, then a flat no: "self harm? no never"."""
        return not match.string[:match.start()].strip(" ,.?!") \
            and len(match.group(0).split()) <= 3 \
            and bool(self._denied_when_asked.match(match.string[match.end():]))

    def _explained(self, rule: _Rule, match: re.Match[str]) -> str:
        """The everyday thing a check-in's words are about, said at once after them ("worthless
        at darts"), or the thing a veiled plan's "it" is named as later in its sentence ("it'll
        all be over by Friday, the exams I mean"); empty when neither is said."""
        after = _line_after(match)
        if rule.kind == "check_in" and rule.level is Safety.CHECK_IN:
            scope = self._scope.match(after)
            if scope and not {scope["thing"], scope["next"]} & self._not_a_scope:
                return scope.group(0).strip()
        if rule.kind in self._named_kinds:
            named = self._named_after.search(after)
            if named:
                return named.group(0).strip()
        if rule.kind == "intent_plan" and self._settled.search(match.group(0)):
            deed = self._named_deed.search(after)
            if deed:
                return deed.group(0).strip()
        return ""


def _words(analysis: Analysis, clauses: tuple[Clause, ...] | None = None) -> int:
    """How many words the utterance, or the given clauses of it, hold."""
    spans = analysis.clauses if clauses is None else clauses
    return sum(1 for c in spans for t in analysis.tokens[c.start:c.end] if t.word[0].isalnum())


@dataclass(frozen=True)
class _Unmasked:
    """What the resemblance check reads: the text no mask touched, its words, its clauses."""

    text: str
    words: int
    clauses: tuple[str, ...]

    @classmethod
    def of(cls, analysis: Analysis) -> _Unmasked:
        return cls(analysis.text, _words(analysis), tuple(c.text for c in analysis.clauses))


def _unmasked(analysis: Analysis, line: str) -> _Unmasked:
    """The clauses an idiom or ordinary use did not touch: "I'm dead on my feet" set aside,
    "and nobody would even notice" still read. Only a win's confirmation rests on them."""
    whole = tuple(c for c in analysis.clauses
                  if all(line[analysis.offsets[i]] != _MASKED for i in range(c.start, c.end)
                         if analysis.offsets[i] >= 0))
    return _Unmasked(" ".join(c.text for c in whole), _words(analysis, whole),
                     tuple(c.text for c in whole))
