"""Commands through a grammar, open-ended speech through the general model."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from difflib import SequenceMatcher

from hassil import Intents, recognize_best

from voice.audio import SAMPLE_RATE, SAMPLE_WIDTH
from voice.recognizers.base import Recognizer, transcribe
from voice.transcript import Transcript

MAX_REPLAY_SECONDS = 30.0


@dataclass(frozen=True)
class GrammarAccept:
    """Keep the grammar's reading when it is confident and understood as a whole sentence.

    `understood` is the intent matcher (with its slot checks), so a sentence the decoder cut
    short ("start breathing for three") is not taken for a command.
    """

    understood: Callable[[str], bool]
    min_confidence: float

    def __call__(self, transcript: Transcript) -> bool:
        if transcript.is_empty or transcript.confidence < self.min_confidence:
            return False
        return self.understood(transcript.text)


def parses_with(intents: Intents) -> Callable[[str], bool]:
    """Understood means: some template of `intents` matches."""
    return lambda text: recognize_best(text, intents) is not None


def whole_sentences(intents: Intents, never: frozenset[str] = frozenset()) -> Callable[[str], bool]:
    """A reading some template matches with no open slot, of an intent not in `never`."""
    def whole(text: str) -> bool:
        result = recognize_best(text, intents)
        return result is not None and result.intent.name not in never and \
            not any(entity.is_wildcard for entity in result.entities.values())
    return whole


@dataclass(frozen=True)
class ReadBack:
    """A grammar search that misses its final state ends on a cut-off path ("... with sugar
    and"): read it back to where it last was a whole sentence, dropping at most `most_dropped`
    words and keeping at least `fewest_kept`. Never when the screen has something to say of the
    words as heard (a risk phrase cut short is the screen's to answer), and never toward an open
    slot (what followed may be the rest of a win). The reading keeps what was heard in
    `cut_off`."""

    whole: Callable[[str], bool]
    flagged: Callable[[str], bool]
    most_dropped: int = 4
    fewest_kept: int = 3

    def __call__(self, heard: Transcript) -> Transcript:
        words = heard.text.split()
        if not words or self.whole(heard.text) or self.flagged(heard.text):
            return heard
        for dropped in range(1, min(self.most_dropped, len(words) - self.fewest_kept) + 1):
            text = " ".join(words[:-dropped])
            if self.whole(text):
                return replace(heard, text=text, cut_off=heard.text)
        return heard


def _words(text: str) -> list[str]:
    return text.lower().split()


@dataclass(frozen=True)
class CloseEnough:
    """After the free pass, keep the grammar's reading when the two heard nearly the same.

    A grammar reading below the confidence bar is often still right: the free pass then
    hears the same sentence with a slip ("i took a shot you" for "i took a shower"). When the
    free pass heard nothing (a reading under the bar is not kept on its own), more words after
    the grammar's sentence ("i walked the dog to the park"), something else altogether, or words
    the screen has something to say of (the grammar may have turned "i took all my pills" into an
    everyday sentence), the free pass wins. A reading read back from a cut-off path also loses
    when the free pass is nearer the words that were cut off than the sentence kept.
    """

    understood: Callable[[str], bool]
    min_similarity: float
    flagged: Callable[[str], bool]

    def __call__(self, grammar: Transcript, free: Transcript) -> bool:
        if grammar.is_empty or free.is_empty or not self.understood(grammar.text) or \
                self.flagged(free.text):
            return False
        said, heard = _words(grammar.text), _words(free.text)
        if len(heard) >= len(said) + 2 and heard[: len(said) - 1] == said[: len(said) - 1]:
            return False
        similarity = _likeness(grammar.text, free.text)
        if grammar.cut_off and _likeness(grammar.cut_off, free.text) > similarity:
            return False
        return similarity >= self.min_similarity


def _likeness(one: str, other: str) -> float:
    return SequenceMatcher(None, one.lower(), other.lower()).ratio()


class TwoPassRecognizer:
    """Decodes with the grammar while the audio streams in; when `accept` rejects that
    reading, the utterance (kept in memory, up to `max_replay_seconds`) is decoded again
    by the free pass, whose text can hold what no grammar lists ("I walked the dog"). A grammar
    reading cut short is read back to a whole sentence (`read_back`) and kept only when the
    free pass heard nearly the same (`prefer_grammar`), never on its own confidence."""

    def __init__(
        self,
        grammar_pass: Recognizer,
        free_pass: Recognizer,
        accept: Callable[[Transcript], bool],
        max_replay_seconds: float = MAX_REPLAY_SECONDS,
        prefer_grammar: Callable[[Transcript, Transcript], bool] | None = None,
        read_back: Callable[[Transcript], Transcript] | None = None,
    ) -> None:
        self.grammar_pass = grammar_pass
        self.free_pass = free_pass
        self.accept = accept
        self.prefer_grammar = prefer_grammar
        self.read_back = read_back
        self._limit = int(max_replay_seconds * SAMPLE_RATE) * SAMPLE_WIDTH
        self._kept: list[bytes] = []
        self._kept_bytes = 0
        self._overflow = False
        self.used_free_pass = False

    def start(self) -> None:
        self._kept = []
        self._kept_bytes = 0
        self._overflow = False
        self.used_free_pass = False
        self.grammar_pass.start()

    def feed(self, chunk: bytes) -> None:
        self.grammar_pass.feed(chunk)
        if self._kept_bytes + len(chunk) <= self._limit:
            self._kept.append(chunk)
            self._kept_bytes += len(chunk)
        else:
            self._overflow = True

    def finish(self) -> Transcript:
        first = self.grammar_pass.finish()
        if self.accept(first):
            self._kept = []
            return first
        if self._overflow:  # too long to hear again: say nothing rather than guess
            self._kept = []
            return Transcript("", 0.0, (), first.decode_seconds, first.audio_seconds)
        second = transcribe(self.free_pass, self._kept)
        self._kept = []
        self.used_free_pass = True
        whole = self.read_back(first) if self.read_back else first
        chosen = whole if self.prefer_grammar and self.prefer_grammar(whole, second) else second
        return Transcript(
            text=chosen.text,
            confidence=chosen.confidence,
            alternatives=chosen.alternatives,
            decode_seconds=first.decode_seconds + second.decode_seconds,
            audio_seconds=second.audio_seconds,
            cut_off=chosen.cut_off,
        )
