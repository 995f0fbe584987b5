"""Reading a normalised utterance: its words with their lemmas, and its clauses with who each
is about, its tense, and whether it is negated or asked."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from intents.data import lexicon
from intents.lemmas import lemma, past_of, verb_form
from intents.normalize import normalize

_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|[.,!?;:]")
_END = frozenset(".!?;:")
_NEGATION_WINDOW = 5
# A negation this close to a leading "if" belongs to the condition ("if I wasn't ..."); further on,
# it is the main clause's ("if I'm honest I don't want to ...").
_CONDITION_REACH = 3


@dataclass(frozen=True)
class Token:
    word: str
    lemma: str
    form: str  # see lemmas.verb_form
    hedge: bool = False  # a softener ("just", "kind of"), left out of the lemma line


@dataclass(frozen=True)
class Clause:
    start: int  # index of its first token
    end: int  # one past its last token
    text: str
    subject: str  # "speaker", "generic" (someone), "other" (he, my friend, the phone)
    tense: str  # "past", "perfect", "progressive", "future", "present" or "conditional"
    negated: bool
    question: bool
    thing: bool = False  # its subject is a thing ("the weather", "this toothache")


@dataclass(frozen=True)
class Analysis:
    text: str  # the normalised text
    tokens: tuple[Token, ...]
    clauses: tuple[Clause, ...]
    line: str  # the lemmas, one space apart, softeners left out: what concept rules read
    offsets: tuple[int, ...]  # where each token of `line` starts in it, by token index

    def token_at(self, offset: int) -> int:
        """The token that starts at or covers a character offset of `line`."""
        index = 0
        for i, start in enumerate(self.offsets):
            if start < 0:
                continue
            if start > offset:
                break
            index = i
        return index

    def clause_of(self, token: int) -> Clause:
        for clause in self.clauses:
            if clause.start <= token < clause.end:
                return clause
        return self.clauses[-1]

    def subject_of(self, start: int, end: int) -> str:
        """Who the words from token `start` to `end` are about: the nearest person named
        before them in their clause ("she wants to..."), else the first one named among
        them ("once the kids are away I'll do it"), else the clause's own subject."""
        clause = self.clause_of(start)
        words = _words()
        for i in range(start - 1, clause.start - 1, -1):  # "they make me want to die": me
            found = _subject_at(self.tokens, i, words["people"]) or \
                ("speaker" if self.tokens[i].word == "me" else "")
            if found:
                return found
        for i in range(start, end + 1):
            found = _subject_at(self.tokens, i, words["people"])
            if found:
                return found
        return clause.subject

    def thing_before(self, token: int) -> bool:
        """A thing named just before `token` in its clause, its subject: "watched the train go
        over the viaduct"."""
        start = self.clause_of(token).start
        return token - 2 >= start and _names_a_thing(self.tokens[token - 2:token + 1], _words())

    def negated_before(self, token: int) -> bool:
        """A negation shortly before `token` in its clause that is not turned back ('can't
        stop', 'not sure')."""
        clause = self.clause_of(token)
        if self._asked_back_and_denied(clause):
            return True
        words = _words()
        said = f" {clause.text} "
        if any(f" {b} " in said for b in words["breakers"]):  # "why not", "yet", "only reason"
            return False
        if self.tokens[token].word in words["polarity"]:  # "don't think anyone would notice"
            return False
        before = " ".join(t.lemma for t in self.tokens[clause.start:token + 1])
        if words["denial_frames"].search(before) and not self._turned_by_but(clause):
            return True  # "it's not that I want to die, I just want the week over"
        start = max(clause.start, token - _NEGATION_WINDOW)
        for i in range(start, token):
            if self.tokens[i].word not in words["negations"]:
                continue
            if self.tokens[i].word == "no" and i + 1 < len(self.tokens) and \
                    self.tokens[i + 1].word in words["answers"]:  # "did I? no, I ..." answers
                continue
            between = {t.lemma for t in self.tokens[i + 1:token] if not t.hedge}
            if not between <= words["bridges"]:  # the negation belongs to another verb
                continue
            if i - clause.start <= _CONDITION_REACH and \
                    self.tokens[clause.start].word in words["conditional"]:
                continue  # "if I wasn't dragging them down": a condition, not a denial
            after = [t for t in self.tokens[i + 1:i + 6] if not t.hedge]
            following = " ".join(t.lemma for t in after[:4])
            if not any((following == r or following.startswith(f"{r} "))
                       and not _gerund_follows(r, after, words["kept_before_a_gerund"])
                       for r in words["reversers"]):
                return True
        return False

    def _turned_by_but(self, clause: Clause) -> bool:
        """A later clause opens with "but": "not that I want to die or anything, but I've been
        looking at the bridge" takes the denial back."""
        at = self.clauses.index(clause)
        return any(c.text.split()[:1] == ["but"] for c in self.clauses[at + 1:])

    def _asked_back_and_denied(self, clause: Clause) -> bool:
        """The clause is a question said back and the next one answers it no: "if you're
        asking whether I want to hurt myself, no, I don't", "killing myself? god no"."""
        at = self.clauses.index(clause)
        asked = [c.text for c in self.clauses[max(0, at - 1):at + 1]]
        answer = [c.text for c in self.clauses[at + 1:]]
        echo, no, kept = _answered_back()
        said_back = clause.question and len(clause.text.split()) <= SAID_BACK_WORDS and \
            (at == 0 or self.clauses[at - 1].text.rstrip()[-1:] in ".?!") and \
            clause.text.split()[0].lower() not in _words()["question_frames"]
        return (said_back or any(echo.search(text) for text in asked)) and bool(answer) and \
            bool(no.search(answer[0])) and all(kept.search(text) for text in answer[1:])


# A question this short, a sentence of its own with no question frame, answered no at once, is
# the words said back: "suicidal? no" (not "would anyone care? no").
SAID_BACK_WORDS = 4


def _gerund_follows(reverser: str, after: list[Token], frames: frozenset[str]) -> bool:
    """A frame that keeps its negation before a gerund ("don't feel like harming myself"),
    though before a clause it is turned back ("don't feel like I can go on")."""
    if reverser not in frames:
        return False
    said = len(reverser.split())
    return len(after) > said and after[said].form == "gerund"


@cache
def _answered_back(language: str = "en") -> tuple[re.Pattern[str], ...]:
    data = lexicon(language)
    return tuple(re.compile(data[key]) for key in ("asked_back", "answered_no", "answer_kept"))


@cache
def _words(language: str = "en") -> dict[str, frozenset[str] | dict[str, str]]:
    data = lexicon(language)
    subjects = {w: "other" if kind == "things" else kind
                for kind, ws in data["subjects"].items() for w in ws}
    people = {w: subjects[w] for w in data["pronouns"]}
    return {
        "subjects": subjects,
        "people": people,
        "skips": frozenset(data["subject_skips"]),
        "joiners": frozenset(data["clause_joiners"]),
        "negations": frozenset(data["negations"]),
        "reversers": frozenset(data["negation_reversers"]),
        "kept_before_a_gerund": frozenset(data["negation_kept_before_a_gerund"]),
        "denial_frames": re.compile("|".join(data["denial_frames"])),
        "bridges": frozenset(data["negation_bridges"]),
        "adverbs_after_negation": frozenset(data["joiners_after_a_negation"]),
        "breakers": tuple(data["denial_breakers"]),
        "answers": frozenset(data["answer_no_before"]),
        "questions": frozenset(data["question_words"]),
        "asked_openers": frozenset(data["asked_of_another_openers"]),
        "asked_verbs": re.compile(
            r"(?<!\bthe )(?<!\ba )(?<!\ban )(?<!\bmy )(?<!\bto )(?<!\bof )"
            rf"\b(?:{'|'.join(data['asked_of_another_verbs'])})"
            rf"(?: (?:{'|'.join(data['asked_of_another_after'])}))*\W*$"),
        "question_frames": frozenset(data["question_frames"]),
        "then_said": frozenset(data["then_said_after_when"]),
        "then_said_openers": frozenset(data["then_said_openers"]),
        "wh": frozenset(("how", "what", "which", "where", "why", "who", "whats", "hows")),
        "hedges": frozenset(data["hedges"]),
        "determiners": frozenset(data["thing_determiners"]),
        "own_state": frozenset(data["own_state_nouns"]),
        "not_things": frozenset(data["not_a_thing_after_determiner"]),
        "creatures": frozenset(data["creatures"]),
        "person_nouns": frozenset(data["person_nouns"]),
        "polarity": frozenset(data["negative_polarity"]),
        "so_intensifies": frozenset(data["so_intensifies_after"]),
        "subordinators": frozenset(data["leading_subordinators"]),
        "conditional": tuple(data["conditional_leads"]),
    }


def _subject_at(tokens: tuple[Token, ...], i: int, subjects: dict[str, str]) -> str:
    pair = f"{tokens[i].word} {tokens[i + 1].word}" if i + 1 < len(tokens) else ""
    return subjects.get(pair) or subjects.get(tokens[i].word, "")


def _hedges(words: list[str], hedges: frozenset[str]) -> list[bool]:
    """Which words are softeners, single words or pairs ('kind of')."""
    marks = [False] * len(words)
    for i, word in enumerate(words):
        if i + 1 < len(words) and f"{word} {words[i + 1]}" in hedges:
            marks[i] = marks[i + 1] = True
        elif word in hedges:
            marks[i] = True
    return marks


def _tokens(text: str) -> tuple[Token, ...]:
    words = [w.removesuffix("'s") for w in _TOKEN.findall(text.replace("cannot", "can not"))]
    hedge = _hedges(words, _words()["hedges"])  # type: ignore[arg-type]
    return tuple(Token(w, lemma(w), verb_form(w), h) for w, h in zip(words, hedge, strict=True))


def _tense(tokens: tuple[Token, ...]) -> str:
    if tokens and tokens[0].word in ("if", "unless", "suppose", "supposing"):
        return "conditional"
    tokens = tuple(t for t in tokens if t.word not in ("not", "never"))
    lemmas = [t.lemma for t in tokens]
    for i, tok in enumerate(tokens):
        nxt = tokens[i + 1:i + 4]
        if tok.word in ("will", "shall") or lemmas[i:i + 3] == ["be", "go", "to"]:
            return "future"
        if tok.lemma == "have" and tok.word != "had" and nxt[:1] and nxt[0].word == "got":
            return "present"  # "I've got the ironing", "I've got to": having, not done
        if tok.lemma == "have" and any(t.form in ("participle", "past_or_participle")
                                       for t in nxt[:2]) and tok.word != "had":
            return "perfect"
        if tok.lemma == "be" and any(t.form == "gerund" for t in nxt[:2]):
            return "progressive"
    thing_determiners = _words()["determiners"]
    if any(t.form in ("past", "past_or_participle") and not (  # "the thought of": a noun
            i and tokens[i - 1].word in thing_determiners) or t.word in ("was", "were", "had")
           for i, t in enumerate(tokens)):
        return "past"
    return "present"


def _clause(tokens: tuple[Token, ...], start: int, end: int) -> Clause:
    words = _words()
    part = tokens[start:end]
    subject = ""
    thing = False
    for i in range(start, end):  # the first word after any joiner is the subject, or none
        if tokens[i].word in words["skips"] or tokens[i].hedge or tokens[i].word == ",":
            continue
        subject = _subject_at(tokens, i, words["subjects"])
        thing = (not subject and _names_a_thing(tokens[i:end], words)) or \
            _names_a_creature(tokens[i:end], words)
        if thing and i == start and _names_a_person(tokens[i:end], words):
            subject = "other"  # "the skip man took them", not "so the girls know who gets what"
        break
    # "when I got home": a time told, not asked ("when did I...", "when I got home?" ask)
    then_said = _then_said(part)
    told = len(part) > 2 and part[0].word in words["wh"] | words["questions"] and \
        part[1].word in ("i", "we") and (_told_as_past(part[2]) or then_said)
    question = bool(part) and part[-1].word == "?" or (not told and bool(part) and (
        part[0].word in words["wh"]
        or (part[0].word in words["questions"] and len(part) > 1
            and part[1].word in words["subjects"])
        or _asked_of_another(part, words)))
    if subject and subject != "speaker" and len(part) > 4 and then_said:
        subject = "speaker"  # "once the kids are down I'll fold the washing"
    return Clause(
        start=start, end=end, text=" ".join(t.word for t in part),
        subject=subject or "speaker", tense=_tense(part),
        negated=any(t.word in words["negations"] for t in part), question=question,
        thing=thing,
    )


def _names_a_creature(part: tuple[Token, ...], words: dict[str, Any]) -> bool:
    """'wasp got trapped', 'the cat was trapped': a creature, bare or after a determiner."""
    head = part[1] if len(part) > 1 and part[0].word in words["determiners"] else part[0]
    return head.word in words["creatures"]


def _names_a_person(part: tuple[Token, ...], words: dict[str, Any]) -> bool:
    """'the skip man took them', 'the lady at the till': a person named by a role."""
    for token in part[1:4]:
        if token.word in words["person_nouns"] or token.word.endswith(("man", "men")):
            return True
        if not token.word.isalpha() or token.word in words["not_things"]:
            return False
    return False


def _names_a_thing(part: tuple[Token, ...], words: dict[str, Any]) -> bool:
    """'the weather', 'this toothache': a determiner and a noun that is not the speaker's own
    state (their life, the pain)."""
    noun = part[1] if len(part) > 2 else None
    return noun is not None and part[0].word in words["determiners"] and noun.word.isalpha() \
        and not {noun.word, noun.lemma} & (words["own_state"] | words["not_things"])


def _main_after_lead(tokens: tuple[Token, ...], bounds: list[int]) -> list[int]:
    """Where the main clause starts after a leading one with no comma between: "because the
    kids were at school | I got the hoovering done"."""
    leads = _words()["subordinators"]
    found = []
    for start, end in zip(bounds, bounds[1:], strict=False):
        if end - start < 4 or tokens[start].word not in leads:
            continue
        for i in range(start + 3, end - 1):
            verb = next((t for t in tokens[i + 1:end] if not t.hedge), None)
            if tokens[i].word in ("i", "we") and verb is not None and _told_as_past(verb):
                found.append(i)
                break
    return found


def asks_of_another(text: str, language: str = "en") -> bool:
    """The first clause asks after someone or something else ("did celtic win")."""
    analysis = analyse(text, language)
    first = analysis.clauses[0] if analysis.clauses else None
    return first is not None and \
        _asked_of_another(analysis.tokens[first.start:first.end], _words(language))


def _asked_of_another(part: tuple[Token, ...], words: dict[str, Any]) -> bool:
    """"did celtic win", "has the parcel come yet": a question of someone or something else."""
    text = " ".join(t.word for t in part)
    return len(part) > 2 and part[0].word in words["asked_openers"] and \
        part[1].word not in words["subjects"] and part[1].word not in words["negations"] and \
        bool(words["asked_verbs"].search(text))


def _then_said(part: tuple[Token, ...]) -> bool:
    """'when I get home saturday I want to take the kids fishing', 'once the kids are down I'll
    fold the washing': after a time or a condition, the speaker says what they will do; the
    clause is theirs, and not a question."""
    words = _words()
    return bool(part) and part[0].word in words["then_said_openers"] and any(
        a.word in ("i", "we") and b.word in words["then_said"]
        for a, b in zip(part[3:], part[4:], strict=False))


def _told_as_past(token: Token) -> bool:
    """'made', 'swept'; and 'read', 'put', the past spelled as the present."""
    return token.form in ("past", "past_or_participle") or \
        (token.form == "base" and past_of(token.word) == token.word)


def _clauses(tokens: tuple[Token, ...]) -> tuple[Clause, ...]:
    joiners = _words()["joiners"]
    bounds = [0]
    for i, tok in enumerate(tokens):
        if tok.word in _END or tok.word == ",":
            bounds.append(i + 1)
        elif tok.word in joiners and i > bounds[-1] and not (
                tok.word == "so" and tokens[i - 1].lemma in _words()["so_intensifies"]) and not (
                tok.word in _words()["adverbs_after_negation"]
                and tokens[i - 1].word in _words()["negations"]):
            bounds.append(i)  # but not "I'm so tired" or "never once": they say how much
    bounds.append(len(tokens))
    bounds = sorted(set(bounds) | set(_main_after_lead(tokens, bounds)))
    spans = [(a, b) for a, b in zip(bounds, bounds[1:], strict=False) if b > a]
    return tuple(_clause(tokens, a, b) for a, b in spans) or (_clause(tokens, 0, 0),)


def analyse(text: str, language: str = "en") -> Analysis:
    """Normalise, split into words and clauses, and read each word's lemma."""
    normalised = normalize(text, language)
    tokens = _tokens(normalised)
    parts: list[str] = []
    offsets: list[int] = []
    position = 0
    for tok in tokens:
        if tok.hedge:
            offsets.append(-1)
            continue
        offsets.append(position)
        parts.append(tok.lemma)
        position += len(tok.lemma) + 1
    return Analysis(normalised, tokens, _clauses(tokens), " ".join(parts), tuple(offsets))
