"""Word forms through LemmInflect: one lemma for every inflection, irregular ones included."""

from __future__ import annotations

from functools import cache

from lemminflect import (
    getAllInflections,
    getAllInflectionsOOV,
    getAllLemmas,
    getAllLemmasOOV,
    getInflection,
    getLemma,
)

from intents.data import lexicon

# Which reading of an ambiguous word to take as its lemma, in order. Adjectives and adverbs
# keep their own form ("better off" must not become "good off").
_POS_ORDER = ("VERB", "AUX", "NOUN")


@cache
def lemma(word: str) -> str:
    """'took' -> 'take', 'pills' -> 'pill', 'written' -> 'write'; unknown words as given."""
    if word in _kept():
        return word
    if word in _alike():
        return _alike()[word]
    readings = getAllLemmas(word)
    for pos in _POS_ORDER:
        options = readings.get(pos)
        if options:
            return options[0]
    if not readings and _unknown_gerund(word):  # "hoovering", "doomscrolling"
        return getAllLemmasOOV(word, upos="VERB")["VERB"][0]
    if not readings:  # "hoovered", "decluttered": a verb the dictionary lacks
        found = getAllLemmasOOV(word, upos="VERB").get("VERB", ())
        return next((w for w in found if w in _extra_verbs()), word)
    return word


@cache
def _extra_verbs() -> frozenset[str]:
    """Everyday verbs the dictionary lacks ("hoover", "declutter"): inflected by rule."""
    return frozenset(lexicon()["verbs_beyond_the_dictionary"])


def _unknown_gerund(word: str) -> bool:
    """A verb's -ing form the dictionary does not hold; its lemma is guessed by rule."""
    return len(word) > 6 and word.endswith("ing") and word.isalpha()


@cache
def every_lemma(word: str) -> frozenset[str]:
    """Its lemma under every part of speech: 'vaping' is the noun 'vaping' and the verb 'vape'."""
    return frozenset({lemma(word), *(w for found in getAllLemmas(word).values() for w in found)})


@cache
def readings(word: str) -> tuple[str, ...]:
    """Every form `word` may take in a lemma line: its lemma, and itself when it is also a
    noun in its own right ('thought' is read as 'think', but 'thoughts' as 'thought')."""
    own = word if word in getAllLemmas(word).get("NOUN", ()) else None
    return tuple(dict.fromkeys(w for w in (lemma(word), own) if w))


@cache
def _kept() -> frozenset[str]:
    return frozenset(lexicon()["lemma_keep"])


@cache
def _alike() -> dict[str, str]:
    return dict(lexicon()["lemma_alike"])


def is_word(word: str) -> bool:
    """Is this a word of the language as it stands ('ruin' is; 'thinkin' is not)?"""
    return bool(getAllLemmas(word))


def only_a_noun(word: str) -> bool:
    """A noun and no describing word or verb ending: 'way', 'fault', 'lives'; not 'better',
    'gone', 'going'."""
    found = getAllLemmas(word)
    return "NOUN" in found and not {"ADJ", "ADV"} & found.keys() and \
        verb_form(word) in ("", "base", "third_person")


@cache
def verb_form(word: str) -> str:
    """'past', 'participle', 'past_or_participle', 'gerund', 'third_person' or 'base' ('' for
    a word that is not a verb form)."""
    base = lemma(word)
    forms = getAllInflections(base, upos="VERB") or (
        getAllInflectionsOOV(base, upos="VERB") if base in _extra_verbs() else {})
    if not forms:
        return "gerund" if verb_lemma(word) != word or (
            base != word and _unknown_gerund(word)) else ""
    past = word in forms.get("VBD", ())
    participle = word in forms.get("VBN", ())
    if word != base and past and participle:
        return "past_or_participle"
    if word != base and past:
        return "past"
    if word != base and participle:
        return "participle"
    if word in forms.get("VBG", ()):
        return "gerund"
    if word in forms.get("VBZ", ()):
        return "third_person"
    return "base" if word == base else ""



@cache
def verb_lemma(word: str) -> str:
    """The verb an -ing form comes from, even one kept as a noun ('meeting' -> 'meet');
    any other word as given."""
    verbs = getAllLemmas(word).get("VERB", ()) if word.endswith("ing") else ()
    found = [v for v in verbs if word in getAllInflections(v, upos="VERB").get("VBG", ())]
    return found[0] if found else word


def participle(word: str) -> str:
    """'ringing' -> 'rung', 'painting' -> 'painted'; a word with no verb forms as given."""
    base = (getLemma(word, upos="VERB") or (word,))[0]
    stem = word[:-3] if word.endswith("ing") else word
    for candidate in (base, stem, f"{stem}e", stem[:-1]):  # "hoovering", "making", "stopping"
        if candidate != word and getAllLemmas(candidate).get("VERB"):
            return (getInflection(candidate, tag="VBN") or (word,))[0]
    if _unknown_gerund(word):  # "hoovering" -> "hoovered", by rule
        return (getInflection(base, tag="VBN", inflect_oov=True) or (word,))[0]
    return word


def past_of(word: str) -> str:
    """'drink' -> 'drank', 'open' -> 'opened'; a word with no verb forms as given."""
    forms = getAllInflections(lemma(word), upos="VERB").get("VBD", ())
    if not forms and _unknown_gerund(word):
        forms = getInflection(lemma(word), tag="VBD", inflect_oov=True)
    return forms[0] if forms else word


def simple_past(word: str) -> str:
    """'drunk' -> 'drank', 'swept' -> 'swept'; a word that is not a participle as given."""
    return past_of(word) if verb_form(word) == "participle" else word
