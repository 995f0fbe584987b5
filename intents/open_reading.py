"""The last layer of understanding: when no template or cue took the words, the clause
analysis says whether the speaker tells of something done (a win), something that went
wrong or did not happen (a setback), holding back from a temptation, or a plan.

It reads each clause: its subject must be the speaker, it must not be a question, and the
words before its main verb must be ones that can stand there (a day, a filler, "me and my
daughter", "before my shift"): "On Saturday me and my daughter baked a cake", "Last night
after my shift I cooked instead of getting a takeaway", "I never got to the shops"."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from intents.activities import (
    asked_at_end,
    distress_told,
    evidence,
    held_back_activity,
    is_past_action,
    loss_told,
    opens_deed,
    parse_activities,
    tempting,
)
from intents.analysis import Analysis, Clause, Token, analyse
from intents.data import lexicon
from intents.lemmas import lemma, past_of, verb_form, verb_lemma
from intents.normalize import normalize
from intents.plan_referent import resolved
from intents.spoken_day import SpokenDay, day_within, take_day
from intents.values import Intent

# A loss told as a deed is heard as a feeling, never logged: "we buried my nan today".
LOSS = Intent("Feeling", {"good": False, "loss": True, "resembled": "a loss told"})


@dataclass(frozen=True)
class Lead:
    """Where a clause's main verb is, and whether the words before it negate it."""

    verb: int  # token index of the main verb
    negated: bool


@cache
def _lead_words(language: str) -> dict[str, frozenset[str]]:
    data = lexicon(language)["open_reading"]
    return {name: frozenset(words) for name, words in data.items()
            if name not in ("plan_markers", "gerund_plan_markers", "plan_softeners")}


@cache
def _softeners(language: str) -> tuple[str, ...]:
    """Words that may open a plan's words without being its verb ("actually cook")."""
    return tuple(lexicon(language)["open_reading"]["plan_softeners"])


@cache
def _feelings(language: str = "en") -> frozenset[str]:
    return frozenset(lexicon(language)["feeling_cues"])


def _markers(language: str, kind: str) -> str:
    """A plan's frames as one alternation, the longest first."""
    return "|".join(sorted(lexicon(language)["open_reading"][kind], key=len, reverse=True))


@cache
def _plan_markers(language: str, kind: str = "plan_markers") -> re.Pattern[str]:
    return re.compile(rf"^(?:.*?\b)?(?:{_markers(language, kind)})\s+(?P<said>.+)$")


def _tight(text: str) -> str:
    """A clause's words with its commas back against them: "friday , apply" -> "friday,
    apply"."""
    return re.sub(r" ([,:])", r"\1", text)


@cache
def _plan_frame_alone(language: str) -> re.Pattern[str]:
    """A plan's frame with nothing after it in its clause: "goal for friday,"."""
    return re.compile(rf"^(?:.*?\b)?(?:{_markers(language, 'plan_markers')})[\s,:]*$")


@cache
def _asides(language: str) -> re.Pattern[str]:
    return re.compile(lexicon(language)["rhetorical_asides"])


def pointed_back(plan: Intent | None, text: str, language: str) -> Intent | None:
    """A plan of "do it" or "try that" given the task named earlier in the turn."""
    if plan is None:
        return plan
    slots = resolved(plan.slots, text, language)
    if slots is plan.slots:
        return plan
    said = str(slots["intention"])
    return Intent("SetIntention", {**slots, "intention": as_plan(said) or said})


def read_open(text: str, language: str = "en") -> Intent | None:
    """A win, an abstinence win, a setback or a plan read from the clauses; None when no
    clause tells of one clearly."""
    analysis = analyse(text, language)
    if _asked(analysis, language):
        return None
    if _not_kept_or_broken(analysis.text, language) or distress_told(analysis.text, language):
        return Intent("Setback", {})
    if loss_told(analysis.text, language):
        return LOSS
    day, _ = take_day(analysis.text, language)
    plan_day = day if day is not None else _day_ahead_within(analysis.text, language)
    wins: list[str] = []
    unsure = False
    other: Intent | None = None
    for clause in _joined(analysis.clauses, language):
        if clause.question or clause.subject != "speaker":
            continue
        found = pointed_back(_plan(clause, plan_day, language), analysis.text, language) or \
            _deed(analysis, clause, language)
        # "let", "put", "cut": the same word for now and for then; a habit or a wish ("most
        # days I let it slide") reads like a deed here, so it is asked about first.
        unsure = unsure or (found is not None and found.name == "LogWin" and any(
            verb_form(w.split(" ", 1)[0]) == "base" for w in found.slots["activities"]))
        found = found or _finished_state(clause, language) or \
            _setback_state(analysis, clause, language)
        if found is None:
            continue
        if found.name == "LogWin":
            wins += found.slots["activities"]
        elif other is None:
            other = found
    if wins:
        slots: dict[str, object] = {"activities": wins, "open": True, "unsure": unsure}
        if day is not None and day.offset != 0:
            slots["day"] = day
        return Intent("LogWin", slots)
    return other or _abstained(analysis.text, language)


def _abstained(text: str, language: str) -> Intent | None:
    """Holding back told without a verb: "no vaping today", "three weeks sober", "day twelve
    off the booze", "not a drop of wine this week"."""
    found = re.search(lexicon(language)["abstained_frames"], text)
    if found is None:
        return None
    if found.group("sober") and not (found.group("count") or found.group("tail").strip()):
        return None  # "sober as a judge", "clean sheets": no time kept
    if not found.group("sober") and not tempting(found.group("from"), language):
        return None
    said = _without_day(text[found.end("lead"):found.end()].strip(" ,."), language)
    return Intent("AbstinenceWin", {"activities": [said]}) if said else None


def went_wrong(text: str, language: str = "en") -> bool:
    """A deed told as a lapse: a plan not kept, a thing of one's own broken or taken,
    regretted at its end, given up part way, or told with a sign of a lapse (see `lapse_signs`)
    that no contrast follows ("was wasted after the hike but I made it to the top"); never when
    reaching out is told with it. The regret is read as said ("ugh" is a filler to the
    normaliser)."""
    data = lexicon(language)
    said = normalize(text, language)
    if re.search(data["repair_after"], said):
        return False  # "gave in and asked for help": reaching out is a thing done
    if _not_kept_or_broken(said, language):
        return True
    signs = (m for sign in data["lapse_signs"].values() for m in re.finditer(sign, said))
    return bool(re.search(data["regret_after"], text.lower())) or given_up(said, language) or \
        any(not re.search(data["win_despite"], said[m.end():]) for m in signs)


def _not_kept_or_broken(said: str, language: str) -> bool:
    """A plan not kept ("meant to do the ironing but watched telly"; letting a tempting one go
    is holding back, and another deed done instead is a deed), a thing of one's own broken or
    taken ("the boiler's packed in"), or a bad thing done to the speaker ("the ref sent me
    off"), with no deed of one's own or good news after it ("my shift got cancelled so I went
    for a walk" is a win)."""
    data = lexicon(language)
    not_kept = re.search(data["plan_not_kept"], said)
    if not_kept and not tempting(not_kept.group("plan"), language):
        instead = said[not_kept.end():]  # "... but I did the dishes" is a deed all the same
        deed = re.sub(data["instead_lead"], "", instead).split(",")[0]
        # "... but the pool was shut": nothing done instead
        return bool(re.match(data["plan_gave_way_to"], instead) or
                    not parse_activities(deed, language) or evidence(deed, language) != "win")
    if _told_and_left(data["done_to_me"], said, language):
        return True  # "the ref sent me off", "was made redundant in March"
    starts = [0, *(m.end() for m in re.finditer(data["mishap_starts"], said))]
    # "the letter came. they refused my claim", "..., they took my tools"
    return any(_told_and_left(data["mishap"], said[start:], language) for start in starts)


def _told_and_left(pattern: str, said: str, language: str) -> bool:
    """`pattern` is told, and no deed of one's own or good news follows it."""
    told = re.search(pattern, said)
    return told is not None and \
        not re.search(lexicon(language)["deed_after_mishap"], said[told.end():])


def given_up(text: str, language: str = "en") -> bool:
    """The turn ends in giving up part way: "set off for a run, gave up halfway and came
    home". Going home after it, or not doing the thing ("bottled it and didn't go"), is part
    of the giving up; any other deed after it is a new attempt ("gave up halfway but went
    back and finished it")."""
    data = lexicon(language)
    ends = [m.end() for m in re.finditer(data["gave_up_partway"], text.lower())]
    if not ends:
        return False
    after = re.split(data["clause_joins"], text.lower()[ends[-1]:])
    return all(re.fullmatch(data["gone_home_after"], part.strip()) or
               re.match(data["not_done_after"], part.strip())
               for part in after if part.strip())


def _asked(analysis: Analysis, language: str) -> bool:
    """A question anywhere, a tag question too ('I answered that, didn't I?'); not one said
    for effect at the end ('did my workout, can you believe it?')."""
    aside = _asides(language)
    told = [c for c in analysis.clauses if not aside.fullmatch(_tight(c.text))]
    if len(told) == len(analysis.clauses):
        return any(c.question for c in told) or asked_at_end(analysis.text)
    return not told or any(c.question for c in told) or \
        asked_at_end(aside.sub("", analysis.text))


def _joined(clauses: tuple[Clause, ...], language: str) -> list[Clause]:
    """'me and my daughter baked a cake' is one clause, not two; so is a plan's frame and its
    words ('goal for friday, apply for one job'), and a day to come and what is to be done
    then ('first thing tomorrow, email my supervisor')."""
    joined: list[Clause] = []
    for clause in clauses:
        me_and = joined and f" {joined[-1].text}".endswith(" me") and \
            clause.text.startswith("and ")
        frame_before = joined and (_plan_frame_alone(language).match(_tight(joined[-1].text))
                                   or _time_alone(joined[-1].text, language)
                                   and not re.match(r"(?:i|we|he|she|they|it)\b", clause.text))
        if me_and or frame_before:
            first = joined.pop()
            clause = replace(clause, start=first.start,
                             text=_tight(f"{first.text} {clause.text}"),
                             subject="speaker", negated=first.negated or clause.negated)
        joined.append(clause)
    return joined


def _deed(analysis: Analysis, clause: Clause, language: str) -> Intent | None:
    lead = _lead(analysis.tokens, clause, language)
    if lead is None:
        return None
    words = [t.word for t in analysis.tokens[lead.verb:clause.end] if t.word not in ",.!?;:"]
    phrase = _without_day(" ".join(words), language)
    if not phrase:
        return None
    if lead.negated:
        said = " ".join(t.word for t in analysis.tokens[clause.start:clause.end])
        if evidence(_from_subject(said), language) == "setback":
            return Intent("Setback", {})  # "didn't pick up when my mum rang": not held back
        if evidence(phrase, language) != "win":
            return None
        if tempting(phrase, language):
            return Intent("AbstinenceWin", {"activities": [held_back_activity(
                _without_day(_from_subject(said), language), language)]})
        return Intent("Setback", {})
    kind = evidence(phrase, language)
    if kind == "setback":
        return Intent("Setback", {})
    done = parse_activities(phrase, language)
    if kind != "win" or not done:
        return None
    return Intent("LogWin", {"activities": done})


def _finished_state(clause: Clause, language: str) -> Intent | None:
    """'The bins are out', 'the car's been washed': a chore told by the state it left."""
    data = lexicon(language)
    found = re.match(data["finished_state_frame"], clause.text)
    if found is None or clause.negated:
        return None
    thing, state = found.group("thing"), found.group("state")
    if state in data["finished_particles"]:
        return Intent("LogWin", {"activities": [
            data["finished_particles"][state].format(thing=thing)]})
    if state in data["chore_participles"]:
        return Intent("LogWin", {"activities": [f"{past_of(state)} {thing}"]})
    return None


def _setback_state(analysis: Analysis, clause: Clause, language: str) -> Intent | None:
    """'I was late for work again', 'been ill all week': a state that went wrong, told with
    'was' rather than a verb of doing."""
    words = [t.word for t in analysis.tokens[clause.start:clause.end]]
    if words[:1] in (["i"], ["and"]):
        words = words[1:]
    if not words or words[0] not in ("was", "were", "been") or clause.negated:
        return None
    return Intent("Setback", {}) if evidence(" ".join(words), language) == "setback" else None


def _lead(tokens: tuple[Token, ...], clause: Clause, language: str) -> Lead | None:
    """The clause's main verb, if only words that can come before a verb precede it."""
    words = _lead_words(language)
    negated = False
    i = clause.start
    while i < clause.end:
        tok = tokens[i]
        if tok.word in words["negations"]:
            negated = True
        elif tok.word == "have" and i + 1 < clause.end and tokens[i + 1].word == "got" and \
                not (i + 2 < clause.end and tokens[i + 2].word in words["particles"]):
            return None  # "I've got my kids": having, not doing ("I've got up" is doing)
        elif tok.word in words["auxiliaries"] and _helps_a_verb(tokens, i, clause, negated):
            pass  # "have taken", "did not go", "had cooked"
        elif _noun_follows(tokens, i, words) and i + 1 < clause.end:
            i += 2 if tokens[i + 1].word in words["determiners"] else 1  # "before my shift"
        elif not (tok.word in words["lead"] or tok.hedge or tok.word == ","):
            after = tokens[i + 1].word if i + 1 < clause.end else ""  # "deep cleaned"
            return Lead(i, negated) if _verb_here(tok, negated, after, language) else None
        i += 1
    return None


def _noun_follows(tokens: tuple[Token, ...], i: int, words: dict[str, frozenset[str]]) -> bool:
    """'before my shift', 'me and my daughter': a word that a noun of no concern follows. 'My
    manager had a go' is not one: there the noun is the subject."""
    return tokens[i].word in words["before_a_noun"] or \
        (tokens[i].word == "and" and i > 0 and tokens[i - 1].word == "me")


def _helps_a_verb(tokens: tuple[Token, ...], i: int, clause: Clause, negated: bool) -> bool:
    """Token `i` ('have', 'did') goes with the verb after it ('have just done', 'did not go')."""
    following = next((t for t in tokens[i + 1:clause.end] if not t.hedge), None)
    return following is not None and _verb_after(following, negated)


def _verb_here(tok: Token, negated: bool, after: str = "", language: str = "en") -> bool:
    """A finished action; after a negation its plain form too ('did not go'). Not a feeling
    that looks like one ('just frustrated')."""
    if tok.lemma in _feelings():
        return False
    if opens_deed(tok.word, after, language):
        return True
    return negated and verb_form(tok.word) == "base"


def _verb_after(tok: Token, negated: bool) -> bool:
    return tok.word in ("not", "never") or _verb_here(tok, negated)


def _day_ahead_within(text: str, language: str) -> SpokenDay | None:
    """A day still to come said inside the turn: "when I get home saturday", "if I wake up
    before nine tomorrow"."""
    inside = day_within(text, language)[0]
    return inside if inside is not None and _ahead(inside) else None


def _plan(clause: Clause, day: SpokenDay | None, language: str) -> Intent | None:
    """'I hope I can open the post tomorrow', 'tomorrow morning I am doing the ironing'."""
    data = lexicon(language)
    if clause.negated and not re.search(data["plan_emphasis"], clause.text) or \
            re.search(data["fear_before_plan"], clause.text):
        return None  # "scared I'll mess it up": feared, not planned; "no excuses" is resolve
    led = _time_led_plan(clause.text, language)  # "first thing monday, the post office"
    found = _plan_markers(language).match(clause.text)
    owed = re.match(data["owed_with_a_day"], clause.text)
    if found is None and owed is not None and day is not None and _ahead(day):
        found = owed  # "dentist at ten tomorrow, got to actually go this time"
    gerund = _plan_markers(language, "gerund_plan_markers").match(clause.text)
    planned = as_plan(gerund.group("said")) if gerund is not None else None
    if planned is not None:  # "thinking of calling my brother"
        said = planned
    elif found is not None:
        said = found.group("said")
        if day is None:  # "the goal for tomorrow is to...": the day inside the frame
            day, _ = take_day(clause.text[:found.start("said")].split(" for ")[-1], language)
        said = as_plan(said) or said  # "tomorrow's job is booking the dentist", "next goal
        # is walking to the postbox"
    elif led is not None:
        said = led
    elif clause.tense == "progressive" and day is not None and _ahead(day):
        planned = as_plan(re.sub(r"^.*?\b(?:i|we) (?:am|are) ", "", clause.text))
        if planned is None:
            return None
        said = planned
    else:
        return None
    said = _without_day(said.strip(" ,.!?"), language)
    said = re.sub(rf"^(?:(?:{'|'.join(map(re.escape, _softeners(language)))}) )+", "", said)
    if verb_form(said.split(" ", 1)[0]) != "base" and led is not None:
        said = led  # only its errand: "maybe a walk later" keeps "a walk"
    first = said.split(" ", 1)[0]
    if not said or verb_form(first) != "base" and said != led or \
            re.match(data["not_a_plan"], said):
        return None
    slots: dict[str, object] = {"intention": said}
    if day is not None and day.offset != 0:
        slots["day"] = day
    return Intent("SetIntention", slots)


def as_plan(words: str) -> str | None:
    """'calling my brother' as a plan's words, 'call my brother'; None when the words do not
    open with a gerund."""
    first, _, rest = words.partition(" ")
    if verb_form(first.lower()) != "gerund":
        return None
    return f"{verb_lemma(lemma(first.lower()))} {rest}".strip()


def _time_alone(text: str, language: str) -> bool:
    """A clause that is only a time still to come: "first thing tomorrow,", "after lunch,"."""
    found = _time_led(text, language)
    return found is not None and not found[1]


def _time_led(text: str, language: str) -> tuple[SpokenDay | None, str] | None:
    """The words after the times still to come that open `text` ("tomorrow after my shift,
    laundry" -> "laundry"), with the day among them; None when no such time opens it."""
    day, rest, led = None, text.strip(" ,:"), False
    while True:
        said, after = take_day(rest, language, tail=False)
        if said is not None and (_ahead(said) or said.offset == 0) and after != rest:
            day, rest, led = said, after.strip(" ,:"), True
            continue
        lead = re.match(lexicon(language)["plan_time_leads"], rest)
        if lead is None or not lead.group(0).strip(" ,") or \
                day is None and re.match(r"(?:before|once|coming)\b", rest):
            break  # "before covid, the gym every day" looks back; "tomorrow before work" ahead
        rest, led = rest[lead.end():].strip(" ,:"), True
    return (day, rest) if led else None


@cache
def _hedge_words(language: str) -> re.Pattern[str]:
    hedges = sorted(lexicon(language)["hedges"], key=len, reverse=True)
    return re.compile(rf"\b(?:{'|'.join(map(re.escape, hedges))})\b")


def _only_softeners(words: str, language: str) -> bool:
    """No word here but softeners ("for real", "honestly"), or no word at all."""
    return not re.search("[a-z]", _hedge_words(language).sub("", words.lower()))


def _time_led_plan(text: str, language: str) -> str | None:
    """A plan told as a note to self: a time still to come and then the deed in its plain form
    ("saturday, clear out the shed") or only its errand ("first thing monday, the post office",
    "maybe a walk later if it stops raining"); the plan's words, or None."""
    data = lexicon(language)
    found = _time_led(text, language)
    if found is None:
        hedged = re.sub(data["plan_hedges"], "", text.strip(" ,"))
        tail = re.search(data["plan_time_tails"], hedged)
        if hedged == text.strip(" ,") or tail is None or not re.search(r"\w", tail.group(0)):
            return None  # "maybe a nap" says no time to come
        rest = hedged[:tail.start()].strip(" ,.!?;:")
        return rest if _errand(rest, language) else None
    day, rest = found
    rest = re.sub(data["plan_time_tails"], "", rest).strip(" ,.!?;:")
    rest = re.sub(data["plan_time_modals"], "", rest)
    rest = as_plan(rest) or rest  # "this week, ringing the landlord"
    if _only_softeners(rest, language):
        return None  # "after the party I'm done, for real": no plan's words at all
    first, *after = rest.split()
    if verb_form(first) == "base" and first not in _lead_words(language)["auxiliaries"] and \
            not {first, *after[:2]} & set(data["not_errands"]) and \
            first not in data["not_errand_words"]:
        return rest  # "call the kids"; not "job is booking the dentist"
    # only an errand: a time still to come, not today ("today, a shower. that's the win")
    ahead = day is None or _ahead(day)
    return rest if ahead and _errand(rest, language) else None


def _errand(words: str, language: str) -> bool:
    """A few words naming something to see to, not a verb's clause or a feeling: "the post
    office", "laundry", "dentist", "the ironing pile"."""
    data = lexicon(language)
    said = re.findall(r"[a-z']+", words)
    if not 0 < len(said) <= 6:
        return False
    moods = {*data["mood_words"], *data["mood_words_informal"], *_feelings(language),
             *data["not_errands"], *data["not_errand_words"]}
    return not any(w in moods or is_past_action(w) for w in said)


def _ahead(day: SpokenDay) -> bool:
    """A day still to come: 'tomorrow', 'on Friday', 'next Tuesday' (not 'last Tuesday')."""
    return (day.offset or 0) > 0 or (day.weekday is not None and day.direction != "last")


def _without_day(phrase: str, language: str) -> str:
    day, rest = take_day(phrase, language)
    return (rest if day is not None else phrase).strip(" ,.!?")


def _from_subject(said: str) -> str:
    return re.sub(r"^.*?\b(?:i|we)\b\s*", "", said) if re.search(r"\b(?:i|we)\b", said) else said
