"""`smallwins breathe`: a paced-breathing session, played now or written to a WAV file."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

from models.files import write_file
from models.records import BreathingSession
from voice.actions import recorded_if_outside
from voice.app import EXIT_UNAVAILABLE, EXIT_USAGE, App, UserError
from voice.breathing_plan import DEFAULT_MINUTES, PlanError, parse_pattern, plan_session
from voice.breathing_render import Rendering, SpeechCache, play, render_session, write_wav
from voice.speaker import AudioOutput, SoundDeviceOutput, SpeakerError, TextToSpeech


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "breathe",
        help="a few minutes of slow, guided breathing (in 4 s, out 6 s; no holds)",
        description="Slow breathing with spoken cues, then soft tones. It may help you feel "
        "calmer. Stop any time with Ctrl+C; if you feel dizzy, stop and breathe normally.",
    )
    p.add_argument(
        "--minutes", type=int, default=DEFAULT_MINUTES, help="1 to 5 (default %(default)s)"
    )
    p.add_argument(
        "--pattern",
        default="4-6",
        help="seconds in-out, such as 4-6 (the default) or 3-5 ('gentle'); 2 to 10 each",
    )
    p.add_argument(
        "--to-wav",
        type=Path,
        metavar="FILE",
        help="write the session to a WAV file instead of playing it (nothing is recorded)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace, app: App, output: AudioOutput | None = None) -> int:
    """Write the session to `--to-wav`, or play it on `output` (the sound card) and record it."""
    to_wav: Path | None = args.to_wav
    # the closing question is only spoken when a typed answer can be taken
    ask_feeling = to_wav is None and sys.stdin.isatty()
    try:
        plan = plan_session(args.minutes, parse_pattern(args.pattern), ask_feeling=ask_feeling)
    except PlanError as error:
        raise UserError(str(error), EXIT_USAGE) from error
    try:
        tts = TextToSpeech(app.settings.speech_rate, app.settings.voice)
        rendering = render_session(plan, SpeechCache(tts))
    except (SpeakerError, ValueError) as error:
        raise UserError(str(error), EXIT_UNAVAILABLE) from error
    if to_wav is not None:
        return _write(rendering, to_wav, app)
    return _play_and_record(rendering, str(plan.pattern), app, output or SoundDeviceOutput())


def _write(rendering: Rendering, path: Path, app: App) -> int:
    """Written whole, mode 0600, and recorded so that delete-everything finds it."""
    with recorded_if_outside(app, path):
        write_file(path, lambda temporary: write_wav(rendering, temporary))
    start = rendering.breathing_start_seconds
    print(
        f"Wrote {path}: {rendering.duration_seconds:.3f} s in all; the breathing runs from "
        f"{start:.3f} s to {start + rendering.breathing_seconds:.3f} s."
    )
    return 0


def _play_and_record(rendering: Rendering, pattern: str, app: App, output: AudioOutput) -> int:
    started_at = app.clock()
    print("Breathing session starting. Press Ctrl+C to stop at any time.")
    stop = threading.Event()
    try:
        with _ctrl_c_sets(stop):
            playback = play(rendering, stop, output)
    except SpeakerError as error:
        raise UserError(
            f"{error} To listen later, write it to a file: smallwins breathe --to-wav FILE.",
            EXIT_UNAVAILABLE,
        ) from error
    breathed = min(
        max(0.0, playback.played_seconds - rendering.breathing_start_seconds),
        rendering.breathing_seconds,
    )
    completed = breathed >= rendering.breathing_seconds
    app.store().add_breathing_session(
        BreathingSession(
            started_at=started_at,
            planned_seconds=rendering.breathing_seconds,
            pattern=pattern,
            completed=completed,
            played_seconds=round(breathed, 1),
            feeling_after=_ask_feeling() if playback.completed else None,
        )
    )
    if completed:
        print("Session saved.")
    else:
        print(f"Stopped after {breathed:.0f} s of breathing. That's fine; it is saved.")
    return 0


@contextmanager
def _ctrl_c_sets(stop: threading.Event) -> Iterator[None]:
    """While playing, Ctrl+C asks the player to stop instead of tearing it down."""

    def handler(signum: int, frame: FrameType | None) -> None:
        stop.set()

    previous = signal.signal(signal.SIGINT, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _ask_feeling() -> int | None:
    """The spoken question's answer, typed: 0 to 10, or nothing."""
    if not sys.stdin.isatty():
        return None
    while True:
        try:
            answer = input("How do you feel now, from 0 to 10? (Enter to skip) ").strip()
        except (EOFError, KeyboardInterrupt):
            return None
        if not answer:
            return None
        if answer.isdigit() and 0 <= int(answer) <= 10:
            return int(answer)
        print("A number from 0 to 10, please, or just Enter.")
