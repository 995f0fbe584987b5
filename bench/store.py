"""The memory store on a real SQLite file (WAL, synchronous=FULL): the time to log one win
durably, and the weekly look back over ten years of synthetic history (40,000 wins).

    python -m bench.store [--wins 200] [--history 40000] [--years 10] [--repeats 50]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from intents.data import lexicon
from intents.skill import Skill, SkillOptions
from models.records import Mood, Win
from models.store import Store
from voice.hearing import known_activities
from voice.jobs import weekly

NOW = datetime(2034, 6, 1, 20, 0)


@dataclass(frozen=True)
class Timing:
    what: str
    samples: list[float]  # seconds

    @property
    def median_ms(self) -> float:
        return 1000 * statistics.median(self.samples)

    @property
    def p95_ms(self) -> float:
        ordered = sorted(self.samples)
        return 1000 * ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def timed(what: str, repeats: int, action: Callable[[int], object]) -> Timing:
    samples = []
    for index in range(repeats):
        began = time.perf_counter()
        action(index)
        samples.append(time.perf_counter() - began)
    return Timing(what, samples)


def history(count: int, years: int, rng: random.Random) -> tuple[list[Win], list[Mood]]:
    """`count` wins spread over `years` up to NOW, from the common small wins, with moods;
    one mood score a day."""
    activities = lexicon("en")["known_activities"]
    start = NOW - timedelta(days=365 * years)
    span = (NOW - start).total_seconds()
    moments = sorted(start + timedelta(seconds=rng.uniform(0, span)) for _ in range(count))
    wins = []
    for at in moments:
        before = rng.randint(2, 8) if rng.random() < 0.3 else None
        after = min(10, before + rng.randint(0, 3)) if before is not None else None
        wins.append(Win(activity=rng.choice(activities), at=at, mood_before=before,
                        mood_after=after))
    moods = [Mood(score=rng.randint(1, 10), at=start + timedelta(days=day, hours=21))
             for day in range(365 * years)]
    return wins, moods


def log_wins(store: Store, skill: Skill, repeats: int) -> list[Timing]:
    activities = lexicon("en")["known_activities"]
    direct = timed("log a win (Store.add_wins, one durable transaction)", repeats,
                   lambda i: store.add_wins([Win(activity=activities[i % len(activities)],
                                                 at=NOW - timedelta(minutes=repeats - i))]))
    spoken = timed("log a win by voice text (Skill.handle 'I watered the plants')", repeats,
                   lambda i: skill.handle("I watered the plants", NOW))
    return [direct, spoken]


def look_backs(store: Store, skill: Skill, repeats: int) -> list[Timing]:
    return [
        timed("weekly look back job (voice.jobs.weekly)", repeats,
              lambda i: weekly(skill.context(NOW))),
        timed("'what did I do this week' (Skill.handle)", repeats,
              lambda i: skill.handle("what did I do this week", NOW)),
        timed("start-up: the person's own wins into the grammar", max(1, repeats // 10),
              lambda i: known_activities(store)),
    ]


def table(timings: list[Timing]) -> str:
    lines = [f"{'what':66} {'median ms':>10} {'p95 ms':>8} {'n':>5}"]
    for t in timings:
        lines.append(f"{t.what:66} {t.median_ms:10.2f} {t.p95_ms:8.2f} {len(t.samples):>5}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wins", type=int, default=200, help="durable logs to time")
    parser.add_argument("--history", type=int, default=40_000, help="wins of history")
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--repeats", type=int, default=50, help="look backs to time")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--dir", type=Path, help="where the database goes (a temporary folder "
                        "on this disk; fsync costs what this disk makes it cost)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(dir=args.dir) as folder:
        store = Store.open(Path(folder) / "data" / "smallwins.db")
        skill = Skill(store, SkillOptions(followups="none"), rng=random.Random(args.seed))
        print(f"store: {store.path.name} {store.pragmas()}")
        logged = log_wins(store, skill, args.wins)
        print(table(logged))

        fresh = Store.open(Path(folder) / "history" / "smallwins.db")
        skill = Skill(fresh, SkillOptions(followups="none"), rng=random.Random(args.seed))
        wins, moods = history(args.history, args.years, random.Random(args.seed))
        began = time.perf_counter()
        fresh.add_wins(wins)  # one transaction
        with fresh.transaction():
            for mood in moods:
                fresh.add_mood(mood)
        print(f"history: {len(wins)} wins and {len(moods)} moods over {args.years} years, "
              f"written in {time.perf_counter() - began:.1f} s")
        summaries = look_backs(fresh, skill, args.repeats)
        print(table(summaries))
        fresh.close()
        store.close()
    print(f"store: durable win {logged[0].median_ms:.1f} ms, "
          f"weekly look back {summaries[0].median_ms:.1f} ms")


if __name__ == "__main__":
    main()
