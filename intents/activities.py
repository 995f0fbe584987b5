"""A win's activity as the person said it: fillers off, split into actions, checked past tense."""

from __future__ import annotations

import itertools
import re
from functools import cache

from intents.data import lexicon
from intents.lemmas import every_lemma, lemma, past_of, simple_past, verb_form, verb_lemma
from intents.normalize import normalize

_NEGATIONS = {"not", "never", "nothing", "no"}
_DONE = ("past", "participle", "past_or_participle")


@cache
def _words(language: str) -> tuple[frozenset[str], frozenset[str], list[str], list[str]]:
    data = lexicon(language)
    fillers = sorted(data["win_fillers"], key=len, reverse=True)
    prefixes = sorted(data["win_prefixes"], key=len, reverse=True)
    return frozenset(data["irregular_past"]), frozenset(data["not_past"]), fillers, prefixes


@cache
def _feeling_verbs(language: str) -> frozenset[str]:
    return frozenset(lexicon(language)["feeling_verbs"])


def _achieved(text: str, language: str) -> bool:
    """'managed to open the curtains': done, though the verb after it is not past tense."""
    lowered = text.lower()
    return any(lowered.startswith(f"{p} ") for p in lexicon(language)["achieved_prefixes"])


@cache
def _deed_openers(language: str) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    data = lexicon(language)
    return (frozenset(data["deeds_with_an_object"]), frozenset(data["object_openers"]),
            frozenset(data["compound_verb_firsts"]))


def is_past_action(word: str, language: str = "en", after: str = "") -> bool:
    """Does this word begin a finished action: 'watered', 'took', 'swept', 'drunk'? `after`
    is the word that follows it, when known ("moved the boxes" is a deed, "so moved" is not)."""
    irregular, not_past, _, _ = _words(language)
    word = word.lower().strip(",.!?;:")
    deeds_with_an_object, object_openers, _ = _deed_openers(language)
    if word in deeds_with_an_object and after.lower().strip(",.!?;:") in object_openers:
        return True
    if word in not_past or every_lemma(word) & _feeling_verbs(language):
        return False  # "frustrated cos my knees won't work": a state, not a deed
    return word in irregular or verb_form(word) in _DONE or \
        (len(word) > 3 and word.endswith("ed"))


def opens_deed(word: str, after: str, language: str = "en") -> bool:
    """`word`, with `after` following it, opens a finished action: one word ('watered the
    plant', 'moved the boxes') or two ('deep cleaned', 'batch cooked', 'video called')."""
    return is_past_action(word, language, after) or \
        (word.lower() in _deed_openers(language)[2] and is_past_action(after, language))


def as_kept(activity: str, language: str = "en") -> str:
    """The words as they are kept and read back inside other sentences: without the capital
    that only opened the sentence ('Tied the tomatoes up'), contractions as people say them
    ('did not go in' -> "didn't go in"), the speaker's "me" that is "my" as "my" ('rang me
    mam' -> 'rang my mam')."""
    first = activity.split(" ", 1)[0]
    if first[:1].isupper() and first[1:].islower() and is_past_action(first, language):
        activity = activity[:1].lower() + activity[1:]
    for full, short in lexicon(language)["recontract"].items():
        activity = re.sub(rf"\b{full}\b", short, activity, flags=re.IGNORECASE)
    return mine_for_me(activity, language)


def mine_for_me(words: str, language: str = "en", known_only: bool = False) -> str:
    """The speaker's "me" that is "my" as "my": 'rang me mam', 'go see me nan'. With
    `known_only`, only before a person, a body part or a thing of one's own the lexicon names
    (a plan's "me" is as often the object: "ask her to visit me soon")."""
    def owned(word: str) -> bool:
        return _known_mine(word, language) if known_only else _owned_by_me(word, language)
    return re.sub(r"\bme (?=([a-z]+)\b)",
                  lambda me: "my " if owned(me.group(1)) else me.group(0), words)


def _known_mine(word: str, language: str) -> bool:
    data = lexicon(language)
    return word in data["me_as_my_nouns"] or word in data["mi_before"]["my"] or \
        word in data["me_is_my_before"] or word in data["me_as_my_people"]


def _owned_by_me(word: str, language: str) -> bool:
    """After the speaker's "me", `word` is a thing of theirs ("me mam", "me stretches"), not
    the rest of a verb's words ("got me a coffee", "made me laugh")."""
    data = lexicon(language)
    return word not in data["me_not_my_before"] and \
        (verb_form(word) != "base" or word in data["me_as_my_nouns"] or
         word in data["mi_before"]["my"])


def asked_at_end(text: str) -> bool:
    """Said as a question: 'I sent that email, didn't I?', 'I fed the cat?'."""
    return bool(re.search(r"\?\W*$|\b(did|do|have|was|am|is|are)( not)? (i|you|we)\W*$",
                          text.lower()))


def told_as_deed(activity: str, language: str = "en") -> bool:
    """A setback's verb in a phrase that tells of a deed: "dropped the kids at school",
    "cancelled the subscription I never used", "gave up my seat" (`setback_verb_deeds`)."""
    return _deed_in(_lemma_line(activity), language)


def _lemma_line(activity: str) -> str:
    return " ".join(lemma(w.strip(",.!?;:")) for w in activity.lower().split())


def _deed_in(line: str, language: str) -> bool:
    return any(re.match(rf"(?:{p})", line) for p in lexicon(language)["setback_verb_deeds"])


def _with_distress(pattern: str, language: str) -> re.Pattern[str]:
    """A lexicon pattern with its `{distress}` spelled out."""
    return re.compile(pattern.replace("{distress}", lexicon(language)["distress"]))


@cache
def _setback_phrases(language: str) -> tuple[re.Pattern[str], ...]:
    return tuple(_with_distress(rf"(?:{p})\b", language)
                 for p in lexicon(language)["setback_phrases"])


@cache
def _distress_had(language: str) -> re.Pattern[str]:
    return _with_distress(lexicon(language)["distress_had"], language)


def distress_told(said: str, language: str = "en") -> bool:
    """In normalised words, a hard moment that happened to one ("had a panic attack") with
    no contrast after it ("... but still got to work")."""
    found = _distress_had(language).search(said)
    return found is not None and \
        not re.search(lexicon(language)["win_despite"], said[found.end():])


def loss_told(said: str, language: str = "en") -> bool:
    """In normalised words, a loss told as a deed ("we had to put the cat down", "buried my
    nan today"): a feeling to hear, never a win to praise."""
    data = lexicon(language)
    return any(re.search(p, said) for p in data["loss_told"]) and \
        not re.search(data["loss_not_told"], said)


def evidence(activity: str, language: str = "en") -> str:
    """What a past-tense phrase reports: "win" (something done), "setback" (something that
    went wrong or was not chosen: "burnt the toast", "had a rough night") or "not_action"
    (words said, thought or felt: "said that already", "felt awful")."""
    data = lexicon(language)
    words = activity.lower().split()
    if not words:
        return "not_action"
    plain = normalize(activity, language)  # contractions spelt out: "didnt" -> "did not"
    line = _lemma_line(plain)
    outcome = re.match(data["outcome_leads"], line)
    if outcome and len(words) > 2 and evidence(" ".join(words[2:]), language) == "setback":
        return "setback"  # "ended up smoking half a pack": the deed it ended in decides
    if re.search(data["not_held_back"], plain):
        return "setback"  # going without food or water is never held back
    if lemma(words[0]) in data["passed_up"] and tempting(" ".join(words[1:]), language) and \
            not re.search(data["passed_up_not"], plain):
        return "win"  # "skipped the pub quiz pints": held back from the temptation
    if not _deed_in(line, language) and (
            lemma(words[0]) in data["setback_verbs"] or
            re.match(data["setback_said"], activity.lower()) or
            any(p.match(line) for p in _setback_phrases(language))):
        return "setback"
    said = activity.lower()
    first = plain.split()[:2]
    negated = first[:1] in (["not"], ["never"], ["no"], ["zero"]) or \
        first[1:2] in (["not"], ["never"])
    # "went all day without a vape", "never touched the vape all day": held back
    if not negated and not re.search(data["went_without"], said):
        habit = _lemma_forms(said) & set(data["excess_habits"])
        repeated = re.match(data["lapse_repeated"], said)  # "ordered another takeaway"
        if tempting(activity, language) and (re.search(data["lapse_markers"], said) or repeated) \
                or habit and re.search(data["excess_markers"], said):
            return "setback"
    if re.search(data["regret_after"], said):
        return "setback"
    if len(words) > 1 and words[1] in ("you", "u"):  # "did you get that?"
        return "not_action"
    if negated:
        return "not_action"  # "didn't answer the phone": not done; held back is read elsewhere
    if " ".join(words[:2]) in data["not_past"]:  # "fed up", "burnt out": a state
        return "not_action"
    if " ".join(w.strip(",.!?") for w in words) in data["not_alone"]:  # "Done.", "just found out"
        return "not_action"
    if lemma(words[0]) == "be":  # "been crying all day" tells of a state, not a thing done
        return "not_action"
    if came_over(words, language):
        return "not_action"
    if any(activity.lower().startswith(f"{w} ") for w in data["not_quite"]):
        return "not_action"  # "nearly rang my ex (but didn't)": not done
    if re.match(data["received"], line):  # "got a message from my old friend": it came to me
        return "not_action"
    if re.match(data["answered_here"], said):  # "answered that already": said in this talk
        return "not_action"
    if any(re.match(p, line) for p in data["social_speech"]):
        return "win"
    if lemma(words[0]) in data["not_action_verbs"] or \
            any(activity.lower().startswith(p) for p in data["not_action_starts"]):
        return "not_action"
    return "win"


def came_over(words: list[str], language: str = "en") -> bool:
    """'got a bit teary', 'felt so proud', '(have) got this knot in my stomach': a feeling
    that came over one, not something done ('got a new job', 'got up')."""
    if not words or words[0] not in ("got", "became", "felt"):
        return False
    data = lexicon(language)
    rest = [w.strip(",.!?;:") for w in words[1:] if w not in data["feeling_degree"]]
    feelings = set(data["feeling_cues"]) | set(data["good_feeling_cues"])
    if words[0] == "got" and set(rest[:4]) & set(data["reserves"]):
        return True  # "got about two percent battery", "got no energy left"
    if bool(rest) and (rest[0] in feelings or lemma(rest[0]) in feelings):
        return True
    nouns = set(data["feeling_nouns"])
    said = f" {' '.join(rest)} "
    if any(f" {noun} " in said for noun in nouns if " " in noun):
        return True  # "got a lot on my mind"
    # a feeling named at the end of its words: "got that sunday night dread", not "got a new
    # flat" or "got my stress levels down"
    named = list(itertools.takewhile(lambda w: w not in data["feeling_ends"], rest))
    return bool(named) and len(named) <= 4 and (named[-1] in nouns or lemma(named[-1]) in nouns)


def _strip_leading(text: str, phrases: list[str]) -> str:
    changed = True
    while changed:
        changed = False
        for phrase in phrases:
            match = re.match(rf"{re.escape(phrase)}\b[\s,:]*", text, re.IGNORECASE)
            if match and match.end() < len(text):
                text = text[match.end():]
                changed = True
    return text


def as_said(words: str, text: str) -> str:
    """The slot's words with the commas the sentence had ('rang mum last night first time'
    -> 'rang mum last night, first time'): a comma may end a deed's words."""
    parts = re.findall(r"[\w']+", words)
    if not parts:
        return words
    found = re.search(r"[\s,;:]+".join(map(re.escape, parts)), text, re.IGNORECASE)
    return found.group(0) if found else words


def clean_activity(text: str, language: str = "en") -> str:
    """'log a win: I just finally washed a dish!' -> 'washed a dish'."""
    _, _, fillers, prefixes = _words(language)
    text = text.strip(" \t,.!?;:\"'")
    text = _strip_leading(text, prefixes)
    text = re.sub(r"^i\b\s*", "", text, flags=re.IGNORECASE)
    text = _strip_leading(text, fillers)
    for filler in fillers:  # "called the plumber finally"
        text = re.sub(rf"[\s,]+{re.escape(filler)}$", "", text, flags=re.IGNORECASE)
    conceded = "|".join(lexicon(language)["concessions"] + lexicon(language)["reasons_after_deed"])
    text = re.split(rf",?\s+\b(?:but|{conceded})\b\s+|\s*[.;!?]\s+", text, maxsplit=1)[0]
    return _plain_past(text.strip(" \t,.!?;:\"'"), language)


def _plain_past(text: str, language: str = "en") -> str:
    """A deed said with emphasis, in the plain past: 'did reply to the landlord' -> 'replied
    to the landlord'; 'did the dishes' stays."""
    emphatic = re.match(lexicon(language)["emphatic_did"], text, re.IGNORECASE)
    if emphatic is None or verb_form(emphatic.group("verb").lower()) != "base":
        return text
    return in_past(text[emphatic.start("verb"):])


def split_activities(text: str, language: str = "en") -> list[str]:
    """'made my bed and ate a proper lunch' -> two actions; 'had tea and toast' stays one."""
    tokens = re.split(r"(,?\s+(?:and then|and|then|also|plus)\s+|,\s+)", text)
    parts = [tokens[0]]
    comment = lexicon(language)["comment_after_deed"]
    for joiner, piece in zip(tokens[1::2], tokens[2::2], strict=True):
        action = clean_activity(piece, language)
        words = action.lower().split()
        if "," in joiner and re.match(comment, piece.strip().lower()):
            break  # "rang my mam, first time in weeks": the rest is about the deed
        if words and opens_deed(words[0], " ".join(words[1:2]), language) and \
                not set(words[1:2]) & _NEGATIONS:
            parts.append(action)  # "did not shower" is not a second deed
        else:
            parts[-1] += joiner + piece
    return parts


def parse_activities(text: str, language: str = "en") -> list[str]:
    """The wins in a phrase, or an empty list when it does not describe a finished action."""
    activity = clean_activity(text, language)
    words = activity.split()
    if _achieved(activity, language):
        return [activity]
    if not words or not (opens_deed(words[0], " ".join(words[1:2]), language) or
                         told_as_deed(activity, language)):
        return []
    if len(words) > 1 and words[1].lower() in _NEGATIONS:
        return []
    return [_in_simple_past(a) for a in split_activities(activity, language)]


def _in_simple_past(activity: str, language: str = "en") -> str:
    """'drunk a glass of water' (after "I've") is kept as 'drank a glass of water'."""
    for said, past in lexicon(language)["past_rewrites"].items():
        if activity.lower().startswith(f"{said} "):
            return past + activity[len(said):]
    first, _, rest = activity.partition(" ")
    if lemma(first.lower()) == "be":
        return activity
    past = simple_past(first.lower())
    return activity if past == first.lower() else f"{past} {rest}".strip()


def _lemma_forms(lowered: str) -> set[str]:
    """Every lemma each word may have ("bets" -> bet, "scrolled" -> scroll)."""
    return {form for w in re.findall(r"[a-z]+", lowered) for form in every_lemma(w)}


def tempting(words: str, language: str = "en") -> bool:
    """Do these words name a temptation ("a drink", "my ex's insta", "the betting app")?"""
    lowered = words.lower()
    return bool(_lemma_forms(lowered) & set(lexicon(language)["temptations"])) or \
        any(p in lowered for p in lexicon(language)["temptation_phrases"])


def held_back_activity(text: str, language: str = "en") -> str:
    """'I didn't have a drink tonight' -> 'did not have a drink tonight' (kept as "didn't");
    'nearly rang my ex but didn't' -> 'did not ring my ex'; 'wanted a fag but didn't' -> 'did not
    have a fag'."""
    not_quite = "|".join(lexicon(language)["not_quite"])
    nearly = re.search(rf"\b({not_quite}) (\w+)(.*?),? but (?:i )?(?:did not|never)\b", text,
                       re.IGNORECASE)
    if nearly:
        how, first, rest = nearly.group(1).lower(), nearly.group(2).lower(), nearly.group(3)
        if how in lexicon(language)["wanting"]:
            return f"did not have {first}{rest}"  # a thing wanted: "wanted a fag but didn't"
        return f"did not {lemma(first)}{rest}"
    return _as_not_done(clean_activity(text, language), language)


def _as_not_done(held: str, language: str) -> str:
    """A holding back told by its effort or as "never", kept as what was not done: 'managed not
    to text him' -> 'did not text him', 'stopped myself ordering a takeaway' -> 'did not order a
    takeaway', 'never opened the betting app' -> 'did not open the betting app'. 'never once
    said sorry' and 'never touch no weed' are kept as said."""
    told = re.match(lexicon(language)["held_back_told_as"], held, re.IGNORECASE)
    if told is None:
        return held
    verb = next(word for word in told.groupdict().values() if word).lower()
    said_as = verb_form(verb)
    if told["past"] and not (said_as in _DONE or said_as == "base" and past_of(verb) == verb):
        return held  # after "never", only a past form is a deed held back ("never once ...")
    return f"did not {verb_lemma(lemma(verb))}{held[told.end():]}"


def said_done(text: str, language: str = "en") -> bool:
    """'Done', 'okay I did it', 'right that's done now', 'drank it': what was asked is done."""
    said = normalize(text, language).strip(" .!?")
    return bool(re.search(lexicon(language)["said_done"], said))


def in_past(step: str) -> str:
    """A step offered, as done by the person: 'stand up and stretch your arms' -> 'stood up
    and stretched my arms'."""
    parts = []
    for part in step.split(" and "):
        first, _, rest = part.partition(" ")
        parts.append(f"{past_of(first)} {rest}".strip())
    return re.sub(r"\byour\b", "my", " and ".join(parts))
