"""A free transcript read as the closed template sentence it sounds like, when one is close.

A recogniser without a grammar hears the sentence but not always the domain's words ("start
reading for three minutes" for "start breathing for three minutes"). Every short sentence the
templates spell out in full (no open slot) is kept as a string of phonemes; a short transcript
that the templates do not understand and the safety screen has nothing to say of is compared
with them all, and read as the nearest when few enough phonemes differ. Never toward a
sentence the screen flags (unclear audio is not pushed toward an alarming sentence), never
toward one that removes or answers (a sound changed must not delete an entry or say "yes"),
and never when a "not" or an "un-" would be gained or lost ("i'm not fine" is not "i'm fine").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache

from hassil import Intents
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from intents.data import lexicon
from intents.normalize import normalize
from voice.grammar import intent_graphs, short_readings
from voice.pronunciations import Pronunciations
from voice.transcript import Transcript
from voice.whisper_text import spoken_text

MOST_WORDS = 6  # longer transcripts are open speech, and longer sentences rarely misheard whole
FEWEST_PHONES = 5  # a word or two this short sounds like too many things
MOST_DIFFERENT = 0.25  # share of phonemes that may differ (edits over the longer sound)
# Never read toward: crisis phrasings (no bias toward an alarming sentence); sentences whose
# number would be kept as said (a mood of ten from "i fail again"); what removes or gives away
# at once ("and you?" must not undo a win); answers that mean something said ("yes", "i'm fine").
NEVER_TOWARD = frozenset({
    "CrisisLanguage", "RateMood", "Number", "Undo", "CancelReminder", "DeleteEverything",
    "RemoveRoutine", "Export", "Yes", "No", "ImFine"})


@dataclass(frozen=True)
class ClosedSentence:
    intent: str
    text: str  # plain words, as a recogniser says them


@dataclass(frozen=True)
class Nearest:
    sentence: ClosedSentence
    difference: float  # edits over the longer sound, 0-1


def spoken(text: str) -> str:
    """The form both sides are compared in: normalised, then plain spoken words."""
    return spoken_text(normalize(text))


def closed_sentences(intents: Intents, most_words: int = MOST_WORDS) -> list[ClosedSentence]:
    """Every reading of a template with no open slot, up to `most_words` words."""
    graphs, rules, _ = intent_graphs(intents)
    known: dict[str, frozenset[tuple[str, ...]]] = {}
    found: dict[str, ClosedSentence] = {}
    for name, nodes in graphs.items():
        if name in NEVER_TOWARD:
            continue
        for node in nodes:
            for reading in sorted(short_readings(node, rules, most_words, known)):
                words = spoken(" ".join(reading))
                if words and len(words.split()) <= most_words:
                    found.setdefault(words, ClosedSentence(name, words))
    return list(found.values())


class SoundsLike:
    """The closed sentences by sound, and the reading of a transcript as the nearest one."""

    def __init__(self, sentences: list[ClosedSentence], understood: Callable[[str], bool],
                 flagged: Callable[[str], bool], pronunciations: Pronunciations | None = None,
                 most_different: float = MOST_DIFFERENT) -> None:
        """`understood`: something is made of the words as heard; `flagged`: the safety
        screen has something to say of them."""
        self.most_different = most_different
        self._flagged = flagged
        self._pronunciations = pronunciations or Pronunciations()
        self._pronunciations.keep(word for s in sentences for word in s.text.split())
        by_sound = {self._pronunciations.sound(s.text): s for s in sentences}
        self._sounds = list(by_sound)
        self._sentences = list(by_sound.values())
        self._understood = understood

    @classmethod
    def build(cls, intents: Intents, understood: Callable[[str], bool],
              flagged: Callable[[str], bool]) -> SoundsLike:
        return cls(closed_sentences(intents), understood, flagged)

    def nearest(self, text: str) -> Nearest | None:
        """The closed sentence that sounds most like `text`, within the bar."""
        return self._nearest(spoken(text))

    def _nearest(self, words: str) -> Nearest | None:
        if not words or len(words.split()) > MOST_WORDS:
            return None
        sound = self._pronunciations.sound(words)
        if len(sound) < FEWEST_PHONES:
            return None
        found = process.extractOne(sound, self._sounds, scorer=Levenshtein.normalized_distance,
                                   score_cutoff=self.most_different)
        if found is None:
            return None
        _, difference, index = found
        return Nearest(self._sentences[index], difference)

    def correct(self, transcript: Transcript) -> Transcript:
        """The transcript read as the nearest closed sentence, when nothing understands it as
        heard; otherwise as it was."""
        words = spoken(transcript.text)
        if not words or len(words.split()) > MOST_WORDS or self._understood(transcript.text):
            return transcript
        nearest = self._nearest(words)
        if nearest is None or nearest.sentence.text == words or \
                not same_polarity(words, nearest.sentence.text) or \
                self._flagged(nearest.sentence.text):
            return transcript
        return replace(transcript, text=nearest.sentence.text, heard_as=transcript.text)


def same_polarity(heard: str, sentence: str) -> bool:
    """The same negations in both, and no word that is the other's with "un-" before it."""
    said, read = heard.split(), sentence.split()
    negations = _negations()
    if [w for w in said if w in negations] != [w for w in read if w in negations]:
        return False
    return not any(w.startswith("un") and w[2:] in b for a, b in ((said, read), (read, said))
                   for w in a)


@cache
def _negations() -> frozenset[str]:
    return frozenset(lexicon()["negations"])
