"""A mood said in words: a number anywhere in a short turn ("bit of a four day", "I'd give
today a one"), a mood word ("grand", "pants", "so-so") or a comparison with an earlier day
("a bit better than yesterday")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from intents.data import lexicon
from intents.normalize import normalize
from intents.spoken_day import SpokenDay, take_day

_MAX_WORDS = 16  # a longer turn is a story, not a rating


@dataclass(frozen=True)
class MoodReading:
    score: int | None = None
    word: str | None = None
    compared_with: SpokenDay | None = None  # "better than yesterday": that day's value
    change: int = 0  # added to it


@cache
def _data(language: str) -> tuple[dict[str, int], dict[str, int], re.Pattern[str],
                                   re.Pattern[str], re.Pattern[str]]:
    data = lexicon(language)
    words = {**data["mood_words"], **data["mood_words_informal"]}
    numbers = data["number_words"]
    moods = "|".join(sorted(map(re.escape, words), key=len, reverse=True))
    number = "|".join(["10", r"\d"] + sorted(numbers, key=len, reverse=True))
    spec = data["mood_reading"]
    rating = re.compile(rf"(?<![\w-])(?<!no )(?<!every )(?<!out of )(?<!/)({number})(?![\w-])"
                        rf"(?!\s+(?:{'|'.join(spec['units'])})\b)")
    mood = re.compile(rf"(?<![\w-])({moods})(?![\w-])")
    compare = re.compile(rf"\b(?:(?P<much>{'|'.join(spec['much'])}) )?"
                         rf"(?P<how>{'|'.join(spec['better'] + spec['worse'] + spec['same'])})"
                         rf"(?: than| as)? (?P<day>.+)$")
    return words, numbers, rating, mood, compare


def _pair(said: str, numbers: dict[str, int], between: str) -> tuple[int, int] | None:
    """Two numbers said as one answer ("between five and six", "two to four"): the middle,
    rounded down, and where the pair ends."""
    for found in re.finditer(between, said):
        low, high = (int(w) if w.isdigit() else numbers.get(w) for w in found.group("low", "high"))
        if low is not None and high is not None and 0 <= low < high <= 10 and high - low <= 2:
            return (low + high) // 2, found.end()
    return None


@cache
def _clause_readers(language: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A clause about the speaker ("I", "feeling", "mood"), and one that opens with a mood
    word after at most the `openers` ("pretty rubbish")."""
    spec = lexicon(language)["mood_reading"]
    about_me = re.compile(rf"\b(?:{'|'.join(spec['about_me'])}|i)\b")
    mood = _data(language)[3].pattern
    opening = re.compile(rf"^(?:(?:{'|'.join(spec['openers'])})\s+)*(?:{mood})")
    return about_me, opening


def _own_words(said: str, language: str) -> set[str]:
    """The mood words said in a clause about the speaker or opening one: "calm" in "the kids
    are down for a nap and I feel calm", nothing in "takings are right down"."""
    about_me, opening = _clause_readers(language)
    mood = _data(language)[3]
    own: set[str] = set()
    for clause in re.split(lexicon(language)["mood_reading"]["clause_break"], said):
        clause = clause.strip()
        if about_me.search(clause) or opening.match(clause):
            own.update(mood.findall(clause))
    return own


def _with_its_story(said: str, word: str, score: int, spec: dict[str, Any]) -> bool:
    """The mood word told with what it is about, or with a remark on it; a word that also
    opens talk ("okay about that") stays a rating, and only a low feeling is told as having
    no reason ("sad and I don't know why")."""
    told = rf"\b{re.escape(word)}"
    return bool(re.search(told + spec["reason_after"], said)
                or (word not in spec["discourse"] and re.search(told + spec["about_it"], said))
                or re.search(spec["remark_on_it"], said)
                or (score < 5 and re.search(spec["unexplained"], said)))


def _mixed(named: list[str], words: dict[str, int], gap: int) -> bool:
    """Mood words far apart on the scale said together."""
    scores = [words[w] for w in named]
    return bool(scores) and max(scores) - min(scores) > gap and min(scores) < 5 < max(scores)


def mixed_feelings(text: str, language: str = "en") -> bool:
    """Mood words far apart on the scale, each said of the speaker: "I'm happy but sad too"."""
    spec = lexicon(language)["mood_reading"]
    own = _own_words(normalize(text, language), language)
    return _mixed(sorted(own), _data(language)[0], spec["mixed_gap"])


def read_mood(text: str, language: str = "en") -> MoodReading | None:
    said = normalize(text, language).strip(" .!?")
    said = re.sub(r"\b(\w+)-ish\b", r"\1 ish", said)  # "six-ish"
    said = re.sub(r"\b(\d+) ?- ?(\d+)\b", r"\1 to \2", said)  # "6-7"
    said = re.sub(r"\b(\w+) over (?:ten|10)\b", r"\1 out of 10", said)  # "seven over ten"
    said = re.sub(r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten) by (?:ten|10)\b",
                  r"\1 out of 10", said)  # "7 by 10"
    said = re.sub(r"\b(?:on )?(?:a|the) scale of (?:one|1|zero|0) to (?:ten|10)\b,?", "", said)
    said = re.sub(r"\b(\w+) and a half\b", r"\1", said)  # "three and a half": the whole
    scaled = re.search(r"\bout of (?:ten|10)\b", said)
    if not said or (len(said.split()) > _MAX_WORDS and not scaled):
        return None  # a longer turn is a story, unless it names the scale
    words, numbers, rating, mood, compare = _data(language)
    said = re.sub(r"\b([a-z]+) ish\b", lambda m: m.group(1) if m.group(1) in words else m.group(0),
                  said)  # "ok-ish": the word, hedged
    spec = lexicon(language)["mood_reading"]
    found = compare.search(said)
    if found:
        after = found.group("day")
        day, _ = take_day(after, language)
        if day is not None and after.lower().startswith(day.said.split()[0]):
            how = found.group("how")
            step = 2 if found.group("much") in spec["much_more"] else 1
            change = step if how in spec["better"] else -step if how in spec["worse"] else 0
            if re.search(r"\b(not|no|never)\s+(\w+\s+)?$", said[:found.start()]):
                change = 0  # "no better than yesterday": the same, not a step up
            return MoodReading(compared_with=day, change=change)
    about_me = bool(re.search(rf"\b(?:{'|'.join(spec['about_me'])})\b", said))
    short = len(said.split()) <= 3
    at_end = about_me or len(said.split()) <= spec["rating_at_end_words"]
    framed = [m for m in rating.finditer(said)
              if short or re.search(spec["rating_before"], said[:m.start()])
              or re.match(spec["rating_after"], said[m.end():])
              or (not said[:m.start()].strip(" ,.")
                  and re.match(spec["rating_opens"], said[m.end():]))
              or (at_end and not said[m.end():].strip() and m.group(1) != "one")]
    framed = [m for m in framed if not re.match(spec["counted_after"], said[m.end():])
              and not (m.group(1) == "one" and re.search(spec["one_as_a_thing"], said[:m.start()]))]
    scores = [int(n) if n.isdigit() else numbers[n] for n in (m.group(1) for m in framed)]
    scores = [s for s in scores if 0 <= s <= 10]
    pair = _pair(said, numbers, spec["between"])
    if pair is not None and not any(m.start() >= pair[1] for m in framed):
        return MoodReading(score=pair[0])  # not "a one or two, nah, two": the last said wins
    if scores:
        return MoodReading(score=scores[-1])  # "yesterday a three, today more like a six"
    named = mood.findall(said) or mood.findall(text.lower())
    # "the low is coming back", "a great time", "the results came back fine": a thing named,
    # not how the speaker is
    named = [w for w in named if not re.search(
        rf"\b(the|a|an|this|that) {re.escape(w)}\b(?! ({spec['mood_nouns']})\b)", said)
        and not re.search(rf"\b({'|'.join(spec['moving'])})( back| out| off| through| home)?"
                          rf" {re.escape(w)}\b", said)]
    own = _own_words(said, language)
    named = [w for w in named if w in own]
    opens = _clause_readers(language)[1].match(said)
    if _mixed(named, words, spec["mixed_gap"]):
        return None  # "happy and sad at the same time": a feeling told, not a number
    if named and (about_me or opens):
        word = max(named, key=len)
        if word in spec["discourse"] and not about_me and \
                re.match(rf"{re.escape(word)}\b(?! ({spec['mood_nouns']})\b)\W*\w", said):
            return None  # "ok hang on", "alright, give me a sec": a word that opens talk
        if re.search(rf"\bnot\s+(\w+\s+)?{re.escape(word)}\b", said):
            return None  # "not grand", "not content at all": not that word's score
        if _with_its_story(said, word, words[word], spec):
            return None  # a feeling heard, not a number (lexicon: reason_after and after it)
        return MoodReading(score=words[word], word=word)
    return None
