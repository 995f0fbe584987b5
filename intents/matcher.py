"""From text to an Intent, through the hassil sentence templates in intents/sentences/."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from hassil import Intents, RecognizeResult, recognize_all
from hassil.util import merge_dict

from intents.activities import (
    as_kept,
    as_said,
    asked_at_end,
    clean_activity,
    evidence,
    held_back_activity,
    loss_told,
    mine_for_me,
    parse_activities,
    tempting,
    told_as_deed,
)
from intents.analysis import asks_of_another
from intents.command_cues import cued
from intents.data import DATA_ROOT, lexicon, read_yaml
from intents.deed_likeness import reads_as_loss, reads_as_setback
from intents.lemmas import lemma, verb_form
from intents.mood_reading import mixed_feelings, read_mood
from intents.normalize import MAX_CHARACTERS, clauses, normalize, tidy
from intents.open_reading import LOSS, as_plan, pointed_back, read_open, went_wrong
from intents.spoken_correction import swap
from intents.spoken_day import SpokenDay, day_within, take_day
from intents.spoken_time import parse_spoken_time
from intents.spoken_when import parse_when, split_when
from intents.values import Intent

DATED = ("LogWin", "SetIntention")  # intents that keep the day they were said with
OPEN = ("SetIntention", "RateMood", "Number", "Unsupported")  # open words a cue outranks
Validator = Callable[[dict[str, Any], str], "dict[str, Any] | Intent | None"]


class SentenceError(Exception):
    """A custom sentence file cannot be used; the message names the file and the problem."""


def sentence_files(language: str = "en") -> list[Path]:
    return sorted((DATA_ROOT / "sentences" / language).glob("*.yaml"))


def load_intents(language: str = "en", extra_files: Iterable[Path] = ()) -> Intents:
    """The built-in templates, a person's own files, and the lists drawn from the lexicon."""
    extra = tuple(extra_files)
    return _with_files(language, extra) if extra else _built_in(language)


@cache
def _built_in(language: str) -> Intents:
    """Parsed once: the matcher only reads them."""
    return _with_files(language, ())


def _with_files(language: str, extra_files: tuple[Path, ...]) -> Intents:
    merged: dict[str, Any] = {}
    for path in [*sentence_files(language), *extra_files]:
        try:
            merge_dict(merged, read_yaml(path) or {})
        except (OSError, yaml.YAMLError, UnicodeDecodeError) as error:
            raise SentenceError(f"Cannot read sentences from {path}: {error}") from error
    mood_words = sorted(lexicon(language)["mood_words"])
    merged.setdefault("lists", {})["mood_word"] = {"values": mood_words}
    try:
        return Intents.from_dict(merged)
    except Exception as error:  # hassil raises plain exceptions for template syntax
        raise SentenceError(f"A sentence template could not be parsed: {error}") from error


def _score(result: RecognizeResult) -> tuple[int, int, int]:
    """Fewer wildcards, then more literal text, then less wildcard text: best first."""
    wildcards = [e for e in result.entities_list if e.is_wildcard]
    return (len(wildcards), -result.text_chunks_matched, sum(len(e.text or "") for e in wildcards))


class IntentMatcher:
    def __init__(self, intents: Intents, language: str = "en") -> None:
        self.intents = intents
        self.language = language
        self._validators: dict[str, Validator] = {
            "LogWin": self._win,
            "AbstinenceWin": self._held_back,
            "Correction": self._correction,
            "Setback": self._setback,
            "RateMood": self._mood,
            "Number": self._number,
            "StartBreathing": self._breathing,
            "SetIntention": self._plan,
            "LeaveNote": self._note,
            "TagWin": self._text_slot("area"),
            "AddRoutine": self._routine,
            "ChangeRoutine": self._routine,
            "RemoveRoutine": self._routine,
            "Snooze": self._snooze,
            "Reminder": self._reminder,
        }

    @classmethod
    def load(cls, language: str = "en", extra_files: Iterable[Path] = ()) -> IntentMatcher:
        return cls(load_intents(language, extra_files), language)

    def match(self, text: str) -> Intent | None:
        """The best intent for the whole text, else for its first clause that has one; a win or
        a plan said with its day ("yesterday I rang mum") keeps the day as a slot."""
        intent = self._read(text)
        hello = re.match(lexicon(self.language)["greeting_lead"], text, re.IGNORECASE)
        if intent is not None and intent.name == "Greeting" and hello and \
                len(text[hello.end():].split()) >= 2:  # "hey, remind me in ten minutes..."
            intent = self._read(text[hello.end():]) or intent
        if intent is not None and intent.name == "LogWin" and asks_of_another(text, self.language):
            return Intent("Unsupported", {"question": True})  # "did celtic win": not a deed
        if intent is not None and intent.name == "LogWin" and reads_as_loss(text, self.language):
            return LOSS  # "we had mum cremated on tuesday, just family"
        if intent is not None and intent.name == "LogWin" and went_wrong(text, self.language):
            return Intent("Setback", {})  # "had a few even though I said I wouldn't"
        if intent is not None and intent.name == "LogWin" and reads_as_setback(text, self.language):
            intent = Intent("LogWin", {**intent.slots, "unsure": True})  # asked first
        if intent is not None and intent.name == "RateMood" and "word" in intent.slots and \
                mixed_feelings(text, self.language):
            return None  # "I'm happy but sad too": a feeling told, heard by the last layer
        if intent is not None and intent.name == "SetIntention" and "intention" in intent.slots:
            return self._plan_of_the_turn(intent, text)
        if intent is None or "activities" not in intent.slots:
            return intent
        activities = [as_kept(a, self.language) for a in intent.slots["activities"]]
        return Intent(intent.name, {**intent.slots, "activities": activities})

    def _plan_of_the_turn(self, plan: Intent, text: str) -> Intent:
        """A plan read from a clause, given the task a "do it" points back to in the whole turn
        ("was going to hoover today but I'll do it tomorrow") and the speaker's "me" that is
        "my" as "my" ("go see me nan")."""
        pointed = pointed_back(plan, text, self.language)
        said = str(pointed.slots["intention"])
        return Intent(pointed.name, {**pointed.slots,
                                     "intention": mine_for_me(said, self.language, True)})

    def _read(self, text: str) -> Intent | None:
        if re.search(lexicon(self.language)["refusals"], normalize(text, self.language)):
            return Intent("Cancel", {})  # "I don't want to do the breathing": never started
        text = tidy(text[:MAX_CHARACTERS], self.language)
        intent = self._match(text)
        if intent is None or intent.name != "Correction":
            change = swap(text, self.language)  # "make that two glasses, not one"
            if change is not None:
                return Intent("Correction", {"right": change.right, "wrong": change.wrong})
        # a win's own words carry a day at their end ("rang mum last night, first time in
        # weeks"); one at the end of the turn was in a comment ("he's coming on Monday")
        win = intent is not None and intent.name == "LogWin"
        day, rest = take_day(text, self.language, tail=not win)
        # "tomorrow will be better": the day is what the sentence is about, not when
        about_the_day = re.match(r"^(will|would|is|was|should|could|might|be|has|had)\b", rest,
                                 re.IGNORECASE)
        if day is not None and day.offset != 0 and (intent is None or intent.name in DATED) \
                and not about_the_day:
            dated = self._match(rest)
            if dated is not None and dated.name in DATED:
                return Intent(dated.name, {**dated.slots, "day": day})
        # a win or a setback said without "I" may be a command by its cue ("shut up", "read
        # back my list", "never mind, I'll do it myself")
        bare_win = intent is not None and intent.name in ("LogWin", "Setback") and \
            not re.match(r"^\W*(i|we)\b", text, re.IGNORECASE)
        waiting = None  # "hang on": heard only when nothing else is ("hang on, I made my bed")
        if intent is None or intent.name in (*OPEN, "LogWin", "Setback", "AbstinenceWin"):
            cue = cued(text, self.language)
            if cue is not None and cue.name == "Wait":
                waiting = cue
            elif cue is not None and cue.name == "LowEnergy":  # "I'm cooked", "knackered, but.."
                intent = self._despite_low_energy(text, cue)
            elif intent is None or intent.name in OPEN or bare_win and not (
                    cue is not None and cue.name == "Cancel" and intent.name == "LogWin"):
                intent = cue or intent  # a deed told with "skip it" or "never mind" stays a win
        if waiting is not None and intent is None:  # "one sec, 3": a rating after the wait
            after = "".join(re.split(r"[,.;!?]", text, maxsplit=1)[1:]).strip()
            return (self._mood_in_words(after) if after else None) or \
                read_open(text, self.language) or waiting
        return intent or self._mood_in_words(text) or self._rating_before_comment(text) \
            or read_open(text, self.language) or self._lookup_question(text)

    def _rating_before_comment(self, text: str) -> Intent | None:
        """A rating, then a comment on it after a comma or as "which ...": "I'd give today an
        eight out of ten, which is a first in a long while"."""
        comment = lexicon(self.language)["comment_after_deed"]
        for gap in re.finditer(r",\s*|\s+(?=which\b)", text):
            if gap.start() and re.match(comment, text[gap.end():], re.IGNORECASE):
                return self._mood_in_words(text[:gap.start()])
        return None

    def _despite_low_energy(self, text: str, cue: Intent) -> Intent:
        """Low energy, unless a deed is told with it: "knackered, but I did the dishes",
        "cleared out the fridge, wrecked now". A piece that carries the tiredness is not a
        deed, even where it reads like one ("zonked")."""
        name, slots = "LogWin", {"activities": []}
        data = lexicon(self.language)
        joiners = "|".join([*data["clause_joiners"], "till"])
        joins = rf"[,.;!?]|\b(?:{joiners})\b|{data['win_despite']}"
        for part in re.split(joins, text, flags=re.I):
            part = part.strip()
            if not part or getattr(cued(part, self.language), "name", None) == "LowEnergy":
                continue
            if " " not in part and verb_form(part.lower()) == "participle":
                continue  # "...has got up and gone": a participle alone tells no deed
            found = self._read(part)
            if found is not None and found.name in ("LogWin", "AbstinenceWin"):
                name = found.name  # "didn't have a drink even though I was exhausted"
                slots = {**found.slots, "activities": [*slots["activities"],
                                                       *found.slots["activities"]]}
        return Intent(name, slots) if slots["activities"] else cue

    def _lookup_question(self, text: str) -> Intent | None:
        """A question that asks to look something up ('how far is the moon', 'did celtic
        win'), not about the person or their feelings: it cannot be answered here."""
        said = text.lower()
        if not re.match(lexicon(self.language)["lookup_question"], said) and \
                not asks_of_another(text, self.language):
            return None
        words = {lemma(w) for w in re.findall(r"[a-z']+", said)}
        if words & set(lexicon(self.language)["feeling_cues"]):
            return None
        return Intent("Unsupported", {"question": True})

    def _mood_in_words(self, text: str) -> Intent | None:
        """A rating said in words that no template took: a bare number is a Number (the
        answer to a pending question, else the day's mood)."""
        mood = read_mood(text, self.language)
        if mood is None:
            return None
        if mood.compared_with is not None:
            return Intent("RateMood", {"compared_with": mood.compared_with, "change": mood.change})
        if mood.word is None:
            return Intent("Number", {"score": mood.score})
        return Intent("RateMood", {"score": mood.score, "word": mood.word})

    def _match(self, text: str) -> Intent | None:
        parts = clauses(text)
        whole = self._best(text)
        # a setback with a contrast after it keeps the wins told there: "slept badly but got
        # up and showered"
        if len(parts) > 1 and (whole is None or whole.name == "LogWin" or (
                whole.name == "Setback" and
                re.search(lexicon(self.language)["win_despite"], text.lower()))):
            found = [self._best(part) for part in parts]
            wins = [a for i in found if i is not None and i.name == "LogWin"
                    for a in i.slots["activities"]]
            if wins:  # "Made my bed. That's it, that's the win.": the win, not the comment
                day = next((i.slots["day"] for i in found if i is not None
                            and i.name == "LogWin" and i.slots.get("day")), None)
                return Intent("LogWin", {"activities": wins, **({"day": day} if day else {})})
            if whole is None:  # a plan read in one clause may be one the turn says was not kept
                return next((i for i in found if i is not None and not (
                    i.name == "SetIntention" and self._not_kept(text))), None)
        if whole is None:  # "results came and I failed maths": only a setback is read apart
            data = lexicon(self.language)
            told = re.split(data["told_apart"], text, flags=re.IGNORECASE)[1:]
            return next((i for i in map(self._best, told) if i is not None and
                         i.name == "Setback" and
                         str(i.slots.get("missed", "")).lower() not in data["missed_out"]),
                        None)
        return whole

    def _best(self, text: str) -> Intent | None:
        results = sorted(recognize_all(text, self.intents, language=self.language), key=_score)
        for result in results:
            slots = {name: entity.value for name, entity in result.entities.items()}
            validate = self._validators.get(result.intent.name)
            checked = validate(slots, text) if validate else slots
            if isinstance(checked, Intent):  # the words say another intent ("burnt the toast")
                return checked
            if checked is not None:
                return Intent(result.intent.name, checked)
        return None

    # --- slot checks: None rejects the parse so the next best is tried --------------------

    def _win(self, slots: dict[str, Any], text: str) -> dict[str, Any] | Intent | None:
        """Wins need evidence: something the speaker did. What went wrong is a setback; what
        was said, thought or felt is not a win at all."""
        if asked_at_end(text):
            return None  # "I sent that email, didn't I?": asked, not told
        if loss_told(normalize(text, self.language), self.language):
            return LOSS
        said = as_said(str(slots.get("activity", "")), text)
        activities = parse_activities(said, self.language)
        if activities and not re.match(r"^\W*(i|we)\b", text, re.IGNORECASE) and \
                re.match(lexicon(self.language)["requests"], activities[0].lower()):
            return None  # "read me my wins", "set a reminder": asked for, not done
        dated = [self._dated(a) for a in activities]
        # judged on the words as said: "got that sunday night dread" is no deed once a day is
        # taken out of it
        found = [(self._without_today(a), evidence(whole, self.language))
                 for (a, _), whole in zip(dated, activities, strict=True)]
        wins = [a for a, kind in found if kind == "win"]
        day = next((d for _, d in dated if d is not None), None)
        if wins and not re.match(r"^\W*(i|we)\b", text, re.IGNORECASE) and \
                verb_form(wins[0].split(" ", 1)[0].lower()) == "base" and \
                re.search(lexicon(self.language)["request_signs"], text.lower()):
            return {"activities": wins, "unsure": True}  # "put the radio on": asked, or done?
        setback = any(kind == "setback" for _, kind in found)
        data = lexicon(self.language)
        if found and found[0][1] == "setback" and not re.search(data["win_despite"], text.lower()) \
                and not re.search(data["repair_after"], normalize(text, self.language)):
            return Intent("Setback", {})  # "shouted at my partner and slammed the door"
        if wins:
            return {"activities": wins, "day": day} if day is not None else {"activities": wins}
        return Intent("Setback", {}) if setback else None

    def _dated(self, words: str) -> tuple[str, SpokenDay | None]:
        """'rang my mam last night', 'rang the council yesterday they were useless': the deed,
        and the earlier day said at its end or between it and a comment on it."""
        day, rest = take_day(words, self.language)
        if day is None:
            day, rest = day_within(words, self.language)
        return (rest, day) if day is not None and day.offset != 0 and rest else (words, None)

    def _without_today(self, words: str) -> str:
        """'had a shower this morning' is kept as 'had a shower': today is when it is logged."""
        day, rest = take_day(words, self.language)
        return rest if day is not None and day.offset == 0 and rest else words

    def _held_back(self, slots: dict[str, Any], text: str) -> dict[str, Any] | Intent | None:
        """Holding back from a temptation, on purpose: a win kept as said ("didn't smoke");
        not quitting one is the habit kept, a setback ("didn't quit the pokies"), and so is what
        the words tell as one ("only lasted two days off it", "didn't answer when mum rang")."""
        if re.search(lexicon(self.language)["lacking"], normalize(text, self.language)):
            return None  # "haven't the energy for anything": a lack, not a temptation passed by
        held = held_back_activity(text, self.language)
        quitting = lexicon(self.language)["not_quitting"]
        parts = re.split(lexicon(self.language)["held_back_parts"], held)  # "just left it there"
        if re.search(quitting, text.lower()) or re.search(quitting, held.lower()) or \
                any(evidence(p.strip(), self.language) == "setback" for p in (held, *parts)):
            return Intent("Setback", {})
        on_purpose = re.search(lexicon(self.language)["held_back_on_purpose"], text.lower())
        if not tempting(self._held_back_thing(slots, held), self.language):
            if re.search(lexicon(self.language)["promised_after"], text.lower()):
                return Intent("Setback", {})
            if not on_purpose:
                return None
        activity, day = self._dated(held)
        return {"activities": [activity], "day": day} if day else {"activities": [activity]}

    def _held_back_thing(self, slots: dict[str, Any], held: str) -> str:
        """The words of the held-back slot up to the end of their clause: "didn't get round to
        the washing, it's still sat in the basket" holds back from the washing, not a basket."""
        said = str(slots.get("held_back", ""))
        start = held.lower().find(said.split(" ", 1)[0].lower()) if said else -1
        return re.split(lexicon(self.language)["held_back_parts"], held[max(start, 0):])[0]

    def _correction(self, slots: dict[str, Any], text: str) -> dict[str, Any] | None:
        """'No, I said I watered the plant': the words that replace the last win's."""
        if asked_at_end(text):
            return None
        activity = clean_activity(str(slots.get("activity", "")), self.language)
        activity = re.sub(r"^(i|that)\s+", "", activity, flags=re.IGNORECASE)
        activity = re.split(r",?\s+not\s+", activity, maxsplit=1)[0]
        cleft = re.match(r"^((?:the|my|our) .+?) i (\w+)$", activity, re.IGNORECASE)
        if cleft:  # "it was the kitchen I cleaned": the deed first
            activity = f"{cleft.group(2)} {cleft.group(1)}"
        done = parse_activities(activity, self.language)
        if not done or evidence(done[0], self.language) != "win":
            return None  # "I said that", "got teary", "not what I asked": not a correction
        wrong = str(slots.get("wrong", "")).strip()
        return {"activity": activity, "wrong": wrong} if wrong else {"activity": activity}

    def _setback(self, slots: dict[str, Any], text: str) -> dict[str, Any] | None:
        """Not doing what tempts is not a setback: that parse is left to the abstinence win."""
        missed = str(slots.get("missed", ""))
        if missed and re.search(r"\b(did not|have not|never|had not)\b", text.lower()) and \
                tempting(missed, self.language):
            return None
        told = re.sub(r"^\W*(i|we)\s+", "", text.lower())
        kept = clean_activity(missed, self.language)
        if re.match(lexicon(self.language)["omission_verbs"], kept.lower()) and \
                re.search(r"\b(did not|never)\b", text.lower()) and \
                not re.search(r"\b(not|never)\b", kept.lower()):  # "didn't skip the gym"
            past = verb_form(kept.split()[0].lower()) != "base"  # "never missed a dose"
            said = f"{'never' if past else 'did not'} {kept}"
            activity, day = self._dated(self._without_today(said))
            return Intent("LogWin", {"activities": [activity], **({"day": day} if day else {})})
        if missed and told_as_deed(told, self.language):
            return None  # "dropped the kids at school", "cancelled the subscription I never used"
        return slots

    def _mood(self, slots: dict[str, Any], text: str) -> dict[str, Any] | None:
        if "score" in slots:
            return {"score": int(slots["score"])}
        word = str(slots.get("mood_word", "")).lower()
        score = lexicon(self.language)["mood_words"].get(word)
        return {"score": score, "word": word} if score is not None else None

    def _not_kept(self, text: str) -> bool:
        """A plan told as not kept: "was planning to study but watched reels"; not one moved to
        another time ("... but I'll do it tomorrow")."""
        said = normalize(text, self.language)
        data = lexicon(self.language)
        moved = re.search(data["plan_moved"], said)
        return bool(re.search(data["plan_not_kept"], said)) and not moved

    def _plan(self, slots: dict[str, Any], text: str) -> dict[str, Any] | None:
        """The plan's words without 'today' or 'tonight' at their end: the day is its own."""
        checked = self._text_slot("intention")(slots, text)
        if checked is None or self._arrived(str(slots["intention"]), text):
            return None  # "got to the top of the hill": reached, not a thing to do
        if re.search(lexicon(self.language)["fear_before_plan"], text.lower()):
            return None  # "I'm scared I'll mess up the interview": feared, not planned
        if self._not_kept(text):
            return None  # "was planning to go to the gym but went home": a plan not kept
        if re.match(lexicon(self.language)["not_my_plan"], str(slots["intention"]), re.I):
            return None  # "will it rain this afternoon": asked of the world
        data = lexicon(self.language)

        def without_afterthought(words: str) -> str:
            return re.sub(data["plan_afterthoughts"], "", words, flags=re.I).strip(" ,.")

        kept = without_afterthought(checked["intention"])
        day, rest = take_day(kept, self.language)  # "a meeting tomorrow morning, that's the plan"
        if day is not None and rest and day.offset != 0:
            checked["day"], kept = day, rest
        if re.match(data["place_not_verb"], kept, re.I) and \
                re.search(rf"\bgoing to {re.escape(kept.split()[0])}\b", text, re.I):
            kept = f"go to {kept}"  # "going to a meeting" is the plan to go to one
        checked["intention"] = self._without_today(kept or checked["intention"])
        # an afterthought before the day ("reply to my aunty, I'll do it tonight")
        checked["intention"] = without_afterthought(checked["intention"]) or checked["intention"]
        attempt = re.match(data["plan_attempt"], checked["intention"], re.I)
        if attempt:  # "try walking", "try to walk", "have a go at walking": the plan is "walk"
            tried = checked["intention"][attempt.end():]
            checked["intention"] = as_plan(tried) or (
                tried if attempt.group("to") else checked["intention"])
        else:  # "next thing I'm doing is emptying the dishwasher"
            checked["intention"] = as_plan(checked["intention"]) or checked["intention"]
        return checked

    def _note(self, slots: dict[str, Any], text: str) -> dict[str, Any]:
        """The note's words; none when only "for me" or "for later" followed the request."""
        said = self._text_slot("note")(slots, text)
        note = re.sub(lexicon(self.language)["note_not_words"], "", said["note"],
                      flags=re.I).strip() if said else ""
        return {"note": note} if note else {}

    def _arrived(self, intention: str, text: str) -> bool:
        """'got to' read as arriving where the plan's own words begin ('got to the top')."""
        pattern = lexicon(self.language)["arrived_not_planned"]
        return any(text[m.start(1):].lower().startswith(intention.lower())
                   for m in re.finditer(pattern, text, re.IGNORECASE))

    def _number(self, slots: dict[str, Any], text: str) -> dict[str, Any] | None:
        return {"score": int(slots["score"])}

    def _breathing(self, slots: dict[str, Any], text: str) -> dict[str, Any] | None:
        return {"minutes": int(slots["minutes"])} if "minutes" in slots else {}

    def _routine(self, slots: dict[str, Any], text: str) -> dict[str, Any] | None:
        """Words kept as said; a cue time that cannot be read as a time of day rejects the parse."""
        checked: dict[str, Any] = {}
        for name, value in slots.items():
            words = re.sub(r"^(to|my|the)\s+", "", clean_activity(str(value)), flags=re.IGNORECASE)
            if not words:
                return None
            checked[name] = words
        if "cue_time" in checked:
            checked["cue_time"] = parse_spoken_time(checked["cue_time"])
            if checked["cue_time"] is None:
                return None
        return checked

    def _snooze(self, slots: dict[str, Any], text: str) -> dict[str, Any] | None:
        return {"minutes": int(slots["snooze_minutes"])} if "snooze_minutes" in slots else {}

    def _reminder(self, slots: dict[str, Any], text: str) -> dict[str, Any] | None:
        """What to be reminded of, and when as said ('at six'); a time that cannot be read
        rejects the parse. No time at all is kept as none, to be asked for."""
        what = str(slots.get("what", ""))
        when: str | None = str(slots["when"]) if "when" in slots else None
        if when is not None and parse_when(when, self.language) is None:
            return None
        if when is None:
            what, spoken = split_when(what, bool(slots.get("when_first")), self.language)
            if spoken is None and slots.get("when_first"):  # "a reminder for bin day tomorrow"
                what, spoken = split_when(what, False, self.language)
                if spoken is None:
                    return None
            when = spoken.said.strip(" ,.") if spoken else None
            if when and slots.get("daily"):  # "a daily reminder at 7 to ..."
                when = f"daily {when}"
        words = re.sub(r"^(to|for|about|that)\s+", "", clean_activity(what), flags=re.IGNORECASE)
        first, _, rest = words.partition(" ")
        if verb_form(first.lower()) == "gerund":  # "about putting the bins out"
            words = f"{lemma(first.lower())} {rest}".strip()
        if not words:
            return None
        return {"what": words, "when": when} if when else {"what": words}

    @staticmethod
    def _text_slot(name: str) -> Validator:
        def check(slots: dict[str, Any], text: str) -> dict[str, Any] | None:
            value = clean_activity(str(slots.get(name, "")))
            value = re.sub(r"^(to|that)\s+", "", value, flags=re.IGNORECASE)
            return {name: value} if value else None

        return check
