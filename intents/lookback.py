"""The weekly look back: what happened, what went with a better mood, and a gentle adjustment."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from statistics import mean

from intents.ladder import KINDS, kind_name, kind_of, smallest
from intents.replies import Replies, spoken_list
from models.records import Mood, Routine, Win

MOST_SPOKEN = 4
CLEAR_DIFFERENCE = 1.0  # mood points, out of ten, before a link is worth saying
SETTLED_DAYS = 3  # days with a win before a kind is judged harder to reach
REACHED_DAYS = 2  # a kind reached on fewer days than this kept falling through


@dataclass(frozen=True)
class MoodLinks:
    """Activities that went with a better mood: right after them, or on the days they happened."""

    lifted: str | None = None
    brighter: str | None = None


def _by_activity(wins: Sequence[Win]) -> dict[str, list[Win]]:
    groups: dict[str, list[Win]] = defaultdict(list)
    for win in wins:
        groups[win.activity.strip().lower()].append(win)
    return groups


def mood_links(wins: Sequence[Win], moods: Sequence[Mood]) -> MoodLinks:
    """From the moods given before and after wins, and from each day's moods."""
    groups = _by_activity(wins)
    lifts = {}
    for key, group in groups.items():
        diffs = [w.mood_after - w.mood_before for w in group
                 if w.mood_before is not None and w.mood_after is not None]
        if diffs and mean(diffs) >= CLEAR_DIFFERENCE:
            lifts[key] = mean(diffs)
    day_scores: dict[date, list[int]] = defaultdict(list)
    for mood in moods:
        day_scores[mood.at.date()].append(mood.score)
    day_mood = {day: mean(scores) for day, scores in day_scores.items()}
    brighter = {}
    for key, group in groups.items():
        with_it = {w.at.date() for w in group} & set(day_mood)
        without = set(day_mood) - with_it
        if len(with_it) >= REACHED_DAYS and without:
            gap = mean(day_mood[d] for d in with_it) - mean(day_mood[d] for d in without)
            if gap >= CLEAR_DIFFERENCE:
                brighter[key] = gap
    lifted = max(lifts, key=lifts.__getitem__, default=None)
    brightest = max((k for k in brighter if k != lifted), key=brighter.__getitem__, default=None)
    return MoodLinks(
        lifted=groups[lifted][0].activity if lifted else None,
        brighter=groups[brightest][0].activity if brightest else None,
    )


def falling_kind(wins: Sequence[Win], routines: Sequence[Routine]) -> str | None:
    """The kind of win that was reached on the fewest days, if it kept falling through."""
    active_days = {w.at.date() for w in wins}
    if len(active_days) < SETTLED_DAYS:
        return None
    reached: dict[str, set[date]] = {kind: set() for kind in KINDS}
    for win in wins:
        kind = kind_of(win, routines)
        if kind is not None:
            reached[kind].add(win.at.date())
    lowest = min(KINDS, key=lambda kind: len(reached[kind]))
    return lowest if len(reached[lowest]) < REACHED_DAYS else None


def look_back(
    wins: Sequence[Win], moods: Sequence[Mood], routines: Sequence[Routine], replies: Replies,
) -> str:
    """The week in plain words: what was done, what lifted the mood, one thing to adjust."""
    parts = [replies.text("LookBack", "opening")]
    if not wins:
        parts.append(replies.text("LookBack", "quiet"))
        return " ".join(parts)
    latest_first: dict[str, str] = {}
    for win in reversed(wins):
        latest_first.setdefault(win.activity.strip().lower(), win.activity)
    said = list(latest_first.values())[:MOST_SPOKEN]
    parts.append(replies.text("LookBack", "did", activities=spoken_list(said)))
    links = mood_links(wins, moods)
    if links.lifted:
        parts.append(replies.text("LookBack", "lift", activity=links.lifted))
    if links.brighter:
        parts.append(replies.text("LookBack", "brighter", activity=links.brighter))
    kind = falling_kind(wins, routines)
    if kind is not None:
        routine = next((r for r in routines if r.active and r.kind == kind), None)
        if routine is not None:
            task = routine.task[0].upper() + routine.task[1:]
            parts.append(replies.text("LookBack", "falling_routine", task=task))
        else:
            parts.append(replies.text(
                "LookBack", "falling_kind", kind_name=kind_name(kind), example=smallest(kind)))
    parts.append(replies.text("LookBack", "closing"))
    return " ".join(parts)
