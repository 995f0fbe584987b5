"""Whisper's written text made into what a recogniser of speech says: lower-case words, numbers
in words, no punctuation, no sound labels, and no phrase said over and over."""

from __future__ import annotations

import re

from voice.spoken_numbers import numbers_in_words

# "[BLANK_AUDIO]", "(upbeat music)", "*sighs*", "♪": what Whisper writes for sounds, not words
_SOUND_LABELS = re.compile(r"\[[^\]]*\]|\([^)]*\)|\*[^*]*\*|[♪♫]")
_PARTS_OF_DAY = re.compile(r"\b([ap])\.\s?m\.?(?=\s|$)", re.IGNORECASE)
_NOT_A_WORD = re.compile(r"[^a-z0-9'\- ]")
LONGEST_REPEAT = 8  # words in the longest phrase checked for repeats


def without_sound_labels(text: str) -> str:
    return _SOUND_LABELS.sub(" ", text)


def plain_words(text: str) -> list[str]:
    """Lower case, 'p.m.' as 'pm', punctuation gone; apostrophes and hyphens inside words kept."""
    text = _PARTS_OF_DAY.sub(lambda m: f"{m[1]}m", text).lower().replace("’", "'")
    words = (word.strip("'-") for word in _NOT_A_WORD.sub(" ", text).split())
    return [word for word in words if word]


def collapse_repeats(words: list[str]) -> list[str]:
    """A phrase of two words or more said twice or more in a row, or one word three times or
    more, kept once: "i fed the cat i fed the cat" -> "i fed the cat"; "no no" stays."""
    out = list(words)
    for size in range(1, LONGEST_REPEAT + 1):
        least = 3 if size == 1 else 2
        i = 0
        while i + size * least <= len(out):
            phrase = out[i:i + size]
            count = 1
            while out[i + count * size:i + (count + 1) * size] == phrase:
                count += 1
            if count >= least:
                del out[i + size:i + count * size]
            i += 1
    return out


def spoken_text(written: str) -> str:
    """The whole clean-up, in order."""
    return " ".join(collapse_repeats(plain_words(numbers_in_words(without_sound_labels(written)))))
