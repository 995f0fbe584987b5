"""What reading a free transcript as the closed sentence it sounds like does to speech that is
not for us, and to everyday turns as typed: real people's recordings of other things (wake
words, coffee orders, Rhasspy's test set) through Whisper and the product's hearing, and the
everyday turns of the development and later sets. Counts what the reading changed, and into what.

    python -m bench.sounds_like [--limit N] [--whisper-from PATH] [--no-audio]
"""

from __future__ import annotations

import argparse
import tempfile
from collections import Counter
from pathlib import Path

import yaml

from bench import engines
from intents.skill import Skill
from models.store import Store
from voice.audio import WavSource
from voice.closed_sentences import SoundsLike
from voice.hearing import Hearing
from voice.recognizers import transcribe

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"
OTHER_SPEECH = {
    "wake words": [DATA / "wake-word" / word for word in ("alexa", "computer", "jarvis")],
    "coffee orders": [DATA / "speech-to-intent" / "clean"],
    "rhasspy-test": [DATA / "rhasspy-test" / "wav" / "en"],
}
# the development corpus and the later sets; the held-out sets are never read here
EVERYDAY = [REPO / "tests" / "understanding" / name for name in ("corpus", "later")]


def other_speech(hearing: Hearing, sounds_like: SoundsLike, limit: int) -> list[str]:
    """Per set: clips, transcripts changed, and each change."""
    rows = []
    for name, folders in OTHER_SPEECH.items():
        clips = [clip for folder in folders
                 for clip in sorted(folder.glob("*.wav"))[:limit or None]]
        changed = []
        for clip in clips:
            heard = transcribe(hearing.recognizer, WavSource(clip).chunks())
            read = sounds_like.correct(heard)
            if read.text != heard.text:
                changed.append(f"    {clip.name}: '{heard.text}' -> '{read.text}'")
        rows.append(f"{name:14} {len(clips):5} clips  {len(changed):3} read as a template sentence")
        rows += changed
    return rows


def everyday_turns(skill: Skill, sounds_like: SoundsLike) -> list[str]:
    """Everyday turns the templates do not understand as typed: how many the
    reading changes, and whether into the intent the turn is labelled with."""
    outcome: Counter[str] = Counter()
    wrong = []
    for path in sorted(p for folder in EVERYDAY for p in folder.glob("*.yaml")):
        for turn in yaml.safe_load(path.read_text(encoding="utf-8")):
            text = turn["say"]
            if skill.heard(text):
                continue
            outcome["not understood as typed"] += 1
            nearest = sounds_like.nearest(text)
            if nearest is None:
                continue
            right = nearest.sentence.intent == turn["expect"]
            outcome["read as its labelled intent" if right else "read as another intent"] += 1
            if not right:
                wrong.append(f"    '{text}' ({turn['expect']}) -> '{nearest.sentence.text}' "
                             f"({nearest.sentence.intent}, {nearest.difference:.2f})")
    return [f"{key:32} {value:5}" for key, value in outcome.items()] + wrong


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=0, help="clips per folder (default all)")
    parser.add_argument("--whisper-from", type=Path, default=engines.bundled_whisper())
    parser.add_argument("--no-audio", action="store_true", help="the typed turns only")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as home:
        paths = engines.private_paths(Path(home), None if args.no_audio else args.whisper_from)
        store = Store.memory()
        if args.no_audio:
            skill = Skill(store)
            sounds_like = SoundsLike.build(skill.matcher.intents, skill.heard, skill.flagged)
        else:
            hearing, _ = engines.hearing("whisper", paths, store)
            skill, sounds_like = hearing.skill, hearing.sounds_like
            assert sounds_like is not None
            print("\n".join(other_speech(hearing, sounds_like, args.limit)))
        print("\n".join(everyday_turns(skill, sounds_like)))


if __name__ == "__main__":
    main()
