"""Text clean-up shared by the safety screen and the intent matcher: one normalised text."""

from __future__ import annotations

import re
from functools import cache

from intents.data import lexicon
from intents.lemmas import is_word, only_a_noun, participle, past_of, verb_form

MAX_CHARACTERS = 2000
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2014": " ",
                         "\u2013": " ", "\u00a0": " ", "`": "'"})
# A false start: the same short word said twice ("I I just", "to to").
_STUTTER = re.compile(r"\b(i|to|the|a|my|it|we|and|but|was|am|want|just|so|he|she|they)"
                      r"((?:\s*,)?\s+\1\b)+", re.IGNORECASE)
# A false start of two words ("I have, I have opened", "I was I was going").
_STUTTER_PAIR = re.compile(r"\b((?:i|we|it|he|she|they|you) \w+)((?:\s*,)?\s+\1\b)+",
                           re.IGNORECASE)
# "like" said before a verb of the past and what it was done to ("I like took the bins out",
# "I like walked to the shop"): a filler there. Not before a food or a thing ("I like baked
# potatoes"), where the past form is a describing word.
_LIKE_BEFORE = re.compile(
    r"\b(i|we|he|she|they|just|so|and) like (\w+)(?= (?:the|a|an|my|our|his|her|their|some|"
    r"it|them|him|me|us|out|up|down|off|over|round|around|back|to|for|into|through|all|that|"
    r"this|these|those)\b)", re.IGNORECASE)

# "could you like remind me": "like" between a request and its verb is a filler.
_LIKE_IN_ASKING = re.compile(r"\b(could|can) you like (?=(\w+))", re.IGNORECASE)

# What the table above leaves: "nobody'll", "everyone'd", "mum's gonna" stay readable.
_CLITIC_WORDS = {"'ll": "will", "'d": "would", "'ve": "have", "'re": "are", "'m": "am",
                 "n't": "not"}
_CLITICS = re.compile(r"(\w+?)('ll|'d|'ve|'re|'m|n't)\b", re.IGNORECASE)

# "its" and "ill" typed without the apostrophe, told by the word after them.
_BARE_ITS = re.compile(
    r"\bits (?=(\w+ing|time|never|not|so|too|over|fine|ok|okay|like|all|just|been|the|a|my|"
    r"really|hard|bad|late|no|nothing|always|only|still|because|about|pointless|hopeless|"
    r"gonna|going|happening|done|finished|ready|here|there|what|how|weird|alright|decided|"
    r"sorted|settled|final|booked|planned|arranged)\b)",
    re.IGNORECASE)
# "it's been", "he's got": the "'s" before a participle is "has", never "is".
_HAS_NOT_IS = re.compile(r"\b(\w+) is (been|got|gotten|had)\b", re.IGNORECASE)
_BARE_ILL = re.compile(
    r"\bill (?=(be|do|go|have|just|never|get|see|make|take|try|call|tell|probably|finally|not|"
    r"kill|end|die|leave|write|give|miss|need|ever|always|let|stop|keep|sort)\b)", re.IGNORECASE)
# "be" left out before "going to", as Caribbean, West African and Singapore English may: "last
# class i ever going to teach" is "i am ever going to".
_BARE_GOING = re.compile(r"(?<![\w'])(i|we|they|you|he|she)(?= (?:(?:ever|never|also|still|really|"
                         r"just|now|only|definitely|surely) )?going to\b)", re.IGNORECASE)
_BE_FOR = {"i": "am", "he": "is", "she": "is"}
_AUXILIARY_BEFORE = re.compile(r"\b(am|are|is|was|were|be|been|will|would|do|does|did|have|has|had|"
                               r"can|could|should|shall|might|may|must|ai|aint)\W*$", re.IGNORECASE)


def _bare_going(match: re.Match[str]) -> str:
    """'i going to' -> 'i am going to'; 'are you going to' keeps its own 'are'."""
    who = match.group(1)
    if _AUXILIARY_BEFORE.search(match.string[: match.start()]):
        return who
    return f"{who} {_BE_FOR.get(who.lower(), 'are')}"


# Scots "no" for "not" before a verb's -ing after a person: "a'm no wantin tae", "he's no
# coming". "There's no getting out of it" keeps its "no".
_NO_FOR_NOT = re.compile(r"(?:^|(?<=\bi )|(?<=\bhe )|(?<=\bshe )|(?<=\bwe )|(?<=\bthey )"
                         r"|(?<=\byou ))(am|is|are|was|were)\s+no\s+(?=(\w+ing)\b)", re.IGNORECASE)


def _no_for_not(match: re.Match[str]) -> str:
    verb = match.group(2).lower()
    return f"{match.group(1)} not " if verb_form(verb) == "gerund" and not only_a_noun(verb) \
        else match.group(0)


# "thinkin", "goin'", "feelin": the g that speech drops.
_G_DROPPED = re.compile(r"\b([a-z]{2,}in)'?(?![\w'])", re.IGNORECASE)


def _restore_g(match: re.Match[str]) -> str:
    word = match.group(1)
    if is_word(word.lower()) or verb_form(f"{word.lower()}g") != "gerund":
        return match.group(0)
    return f"{word}g"


def _like_before(match: re.Match[str]) -> str:
    if verb_form(match.group(2).lower()) in ("past", "past_or_participle"):
        return f"{match.group(1)} {match.group(2)}"
    return match.group(0)


def _like_in_asking(match: re.Match[str]) -> str:
    if verb_form(match.group(2).lower()) == "base":
        return f"{match.group(1)} you "
    return match.group(0)


def _expanded(match: re.Match[str], table: dict[str, str], language: str) -> str:
    """A spelling read from the table, except "everyone's" before a noun, which is whose
    ("in everyone's way"), not "everyone is"."""
    said = match.group(1).lower()
    after = re.match(r"\s+(\w+)", match.string[match.end():])
    words = lexicon(language)
    noun = after.group(1).lower() if after else ""
    if said in words["owner_or_is"] and only_a_noun(noun) \
            and noun not in words["owner_never_before"]:
        return f"{table[said].removesuffix(' is')}'s"  # "everyones way" -> "everyone's way"
    return table[said]


def alternatives(words: list[str]) -> str:
    """A regex alternation of `words`, escaped, longest first so a longer phrase wins."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _contractions(language: str) -> tuple[re.Pattern[str], dict[str, str]]:
    table = lexicon(language)["contractions"]
    # a spelling may carry a clitic: "naebody'd" is read as "nobody'd", then "nobody would"
    words = alternatives(list(table))
    pattern = re.compile(rf"(?<![\w'])({words})(?!\w)(?!'(?!(?:ll|d|ve|re|m)\b))", re.IGNORECASE)
    return pattern, table


@cache
def _ah_for_i(language: str) -> re.Pattern[str]:
    """'ah' standing for 'I' before a verb ("ah want tae", "ah'm"); read before fillers."""
    verbs = alternatives(lexicon(language)["ah_for_i_before"])
    return re.compile(rf"(?<![\w'])ah(?=\s?(?:{verbs})(?![\w]))", re.IGNORECASE)


@cache
def _fillers(language: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str],
                                      re.Pattern[str], re.Pattern[str]]:
    fillers = lexicon(language)["fillers"]
    sounds = alternatives(fillers["anywhere"])
    anywhere = re.compile(rf"(?<![\w'])({sounds})(?![\w'])[,.]?", re.IGNORECASE)
    set_off = alternatives(fillers["between_commas"])
    between = re.compile(rf"(^|[,.!?;:]\s*)({set_off})(\s*,|\s*$|(?=\s*[.!?;:]))",
                         re.IGNORECASE)
    waiting = alternatives(fillers["mid_clause_before"])
    mid_clause = re.compile(rf"(?<![\w'])({waiting})\s*,\s*(?=(?:{sounds})(?![\w']))",
                            re.IGNORECASE)
    closing = alternatives(fillers["clause_end"])
    kept = "".join(rf"(?<!\b{re.escape(w)})" for w in fillers["clause_end_not_after"])
    clause_end = re.compile(rf"(?<=\w){kept}\s+({closing})(?=\s*(?:[,.!?;:]|$))",
                            re.IGNORECASE)
    hedge = fillers["hedge_before_a_time"]
    hedged = re.compile(rf"\b({alternatives(hedge['after'])}) (?:{alternatives(hedge['words'])}) "
                        rf"(?=(?:{alternatives(hedge['before'])})\b)", re.IGNORECASE)
    return anywhere, between, mid_clause, clause_end, hedged


@cache
def _lead_ins(language: str) -> re.Pattern[str]:
    """Words that open a turn before its subject ("so like I...", "yeah so I..."), dropped."""
    words = "|".join(map(re.escape, lexicon(language)["lead_ins"]))
    return re.compile(rf"^(?:(?:{words})[\s,]+)+(?=i\b)", re.IGNORECASE)


@cache
def _exclamations(language: str) -> re.Pattern[str]:
    """Exclamations that open a turn ("wah", "chur"), dropped whatever follows but "gwaan"
    ("wah gwaan" is hello)."""
    words = alternatives(lexicon(language)["turn_exclamations"])
    return re.compile(rf"^(?:(?:{words})[\s,.!]+(?=\w)(?!gwaan|gwan))+", re.IGNORECASE)


@cache
def _address_after_no(language: str) -> re.Pattern[str]:
    """A word of address after a turn's first "no" ("nah bro, I said..."), dropped."""
    words = alternatives(lexicon(language)["address_after_no"])
    return re.compile(rf"^(\W*(?:no|nah|naw|nope)),?\s+(?:{words})\b(?!')\s*,?", re.IGNORECASE)


# "I'm after ringing her" (Irish English): I have just rung her.
_AFTER_DOING = re.compile(r"\b(i|we) (?:am|are) (just )?after (\w+ing)\b", re.IGNORECASE)


def _have_done(match: re.Match[str]) -> str:
    done = participle(match.group(3).lower())
    return f"{match.group(1)} have {match.group(2) or ''}{done}"


_ILL = re.compile(r"(?:(?<![\w'])(\w+) )?(?<![\w'])ill(?= (\w+))", re.IGNORECASE)


def _ill(match: re.Match[str], language: str) -> str:
    """'ill' written for "I'll" before a verb ("maybe ill bake"), not 'ill' the state
    ("mentally ill people", "was ill so")."""
    before, after = (match.group(1) or "").lower(), match.group(2).lower()
    if before in lexicon(language)["ill_as_a_state_after"] or verb_form(after) != "base":
        return match.group(0)
    return f"{match.group(1)} i'll" if before else "i'll"


@cache
def _mi_before(language: str) -> re.Pattern[str]:
    """Jamaican 'mi', the word before it if any, and the word after it, past any `skipped`
    ones (none when it ends a clause)."""
    skipped = alternatives(lexicon(language)["mi_before"]["skipped"])
    after = rf"(?= (?:(?:{skipped}) )*(\w+))|(?=\s*(?:[,.!?;]|$))"
    return re.compile(rf"(?:(\w+) )?(?<![\w'])mi(?:{after})", re.IGNORECASE)


def _mi(match: re.Match[str], language: str) -> str:
    """Jamaican 'mi': "my" before a noun of one's own ("tek mi life", "mi belly"); "me" after
    a verb or a preposition, before a particle or at a clause's end ("bring mi back", "nobody
    woulda miss mi"); "I" before a verb or a modal ("mi drink it", "mi just wah close", "mi
    cyaan"); else "my"."""
    before, said = (match.group(1) or ""), (match.group(2) or "").lower()
    lead = f"{before} " if before else ""
    words = lexicon(language)["mi_before"]
    object_of = before.lower() in words["me_after"]
    if said in words["my"] and not (object_of and said in words["particles"]):
        return f"{lead}my"
    if object_of and only_a_noun(said) and said not in words["me_before"]:
        return f"{lead}my"  # "remember mi birthday"
    if not said or object_of:
        return f"{lead}me"
    return lead + ("i" if said in words["i"] or verb_form(said) in ("base", "past") else "my")


@cache
def _me_for_my(language: str) -> re.Pattern[str]:
    """The northern and Irish "me" for "my" before a part of the body: "round me neck"."""
    parts = alternatives(lexicon(language)["me_is_my_before"])
    return re.compile(rf"(?<![\w'])me(?= (?:own )?(?:{parts})(?![\w']))", re.IGNORECASE)


# Jamaican "waan" before a verb is "want to": "mi nuh waan live".
_WAAN = re.compile(r"(?<![\w'])waan (\w+)", re.IGNORECASE)


def _waan_to(match: re.Match[str]) -> str:
    verb = match.group(1)
    return f"want to {verb}" if verb_form(verb.lower()) == "base" else match.group(0)


# Jamaican "fi" before a verb is "to": "want di current fi pull mi out".
_FI_TO = re.compile(r"(?<![\w'])(?<!sci )fi (\w+)", re.IGNORECASE)  # not "sci fi"
_FI_FOR_BEFORE = frozenset({"my", "me", "him", "her", "them", "dem", "you", "yu", "the", "di",
                            "everybody", "everyone", "all"})


def _fi_to(match: re.Match[str]) -> str:
    """Jamaican "fi": "to" before a verb ("fi read"), "for" before whom it is for ("fi my
    mother")."""
    word = match.group(1)
    if word.lower() in _FI_FOR_BEFORE:
        return f"for {word}"
    return f"to {word}" if verb_form(word.lower()) == "base" else match.group(0)


# Pidgin "am" after a verb is its object: "after that I no go need am again", "i don take
# am"; not before a subject ("so tired am I").
_AM_IT = re.compile(r"(?<![\w'])(\w+) am(?![\w'])(?! (?:i|we|they|you|he|she)\b)", re.IGNORECASE)


def _am_it(match: re.Match[str]) -> str:
    verb = match.group(1)
    return f"{verb} it" if verb_form(verb.lower()) in ("base", "past") else match.group(0)


# Pidgin "don" and Jamaican "done" before a verb tell a thing done: "i don wash the car" -> "i
# washed the car", "mi done decide" -> "i decided".
_DONE_DON = re.compile(r"(?<![\w'])(i|we|e|dem|they|you|she|he|mi) (?:don|done) (\w+)",
                       re.IGNORECASE)


def _done_don(match: re.Match[str], language: str) -> str:
    who, verb = match.group(1), match.group(2).lower()
    if verb_form(verb) != "base" or verb in lexicon(language)["don_not_a_deed"]:
        return match.group(0)  # "e don reach", "i don ready" (I am ready): left to the table
    who = {"e": "it", "dem": "they", "mi": "i"}.get(who.lower(), who)
    return f"{who} {past_of(verb)}"


def tidy(text: str, language: str = "en") -> str:
    """Quotes straightened, fillers and false starts dropped, contractions and spoken
    spellings expanded ("I've" -> "i have", "gonna" -> "going to"), spaces folded; case kept."""
    text = text.translate(_QUOTES)
    text = re.sub(r"\.{3,}|\u2026", " ", text)  # a trailing-off pause, not a full stop
    text = _ah_for_i(language).sub("i", text)
    text = _ILL.sub(lambda found: _ill(found, language), text)
    anywhere, between, mid_clause, clause_end, hedged = _fillers(language)
    text = clause_end.sub("", text)
    text = hedged.sub(lambda m: f"{m.group(1)} ", text)
    text = mid_clause.sub(lambda m: f"{m.group(1)} ", text)
    text = anywhere.sub(" ", text)
    for _ in range(3):  # "like, you know, I..." sheds one layer per pass
        text = re.sub(r"^[\s,.;:]+", "", text)
        text = between.sub(lambda m: m.group(1), text)
    text = re.sub(r"\s*,(\s*[,.!?;:])+", lambda m: m.group(1).strip()[-1], text)
    text = _DONE_DON.sub(lambda found: _done_don(found, language), text)
    text = _WAAN.sub(_waan_to, text)
    pattern, table = _contractions(language)
    text = pattern.sub(lambda m: _expanded(m, table, language), text)
    text = _mi_before(language).sub(lambda found: _mi(found, language), text)
    text = _me_for_my(language).sub("my", text)
    text = _FI_TO.sub(_fi_to, text)
    text = _AM_IT.sub(_am_it, text)
    text = _CLITICS.sub(lambda m: f"{m.group(1)} {_CLITIC_WORDS[m.group(2).lower()]}", text)
    text = _G_DROPPED.sub(_restore_g, text)
    text = _NO_FOR_NOT.sub(_no_for_not, text)
    text = _BARE_ITS.sub("it is ", text)
    text = _BARE_ILL.sub("i will ", text)
    text = _BARE_GOING.sub(_bare_going, text)
    text = _HAS_NOT_IS.sub(lambda m: f"{m.group(1)} has {m.group(2)}", text)
    text = _AFTER_DOING.sub(_have_done, text)
    text = _STUTTER_PAIR.sub(lambda m: m.group(1), text)
    text = _STUTTER.sub(lambda m: m.group(1), text)
    text = _LIKE_BEFORE.sub(_like_before, text)
    text = _LIKE_IN_ASKING.sub(_like_in_asking, text)
    text = _lead_ins(language).sub("", text)
    text = _exclamations(language).sub("", text)
    text = _address_after_no(language).sub(lambda m: f"{m.group(1)} ", text)
    text = re.sub(r"\s+([,.!?;:])", r"\1", text)
    text = re.sub(r"^[\s,.;:]+", "", text)
    return re.sub(r"\s+", " ", text).strip()


def normalize(text: str, language: str = "en") -> str:
    """Lower-cased `tidy`."""
    return tidy(text.lower(), language)


def clauses(text: str) -> list[str]:
    """Split into sentences and ', but' clauses: 'I used to ..., but today I walked'."""
    parts = re.split(r"(?<=[.!?;])\s+|,?\s+\bbut\b\s+|\s*[;:]\s+", text)
    return [p.strip(" ,.!?;:") for p in parts if p and p.strip(" ,.!?;:")]
