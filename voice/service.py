"""The service loop: one loop owns the state; audio in, wake phrase, utterance, reply out.

Per chunk of audio (20 ms): run the day's jobs that are due, then
- while the assistant speaks or guides breathing, only listen for "stop" (half duplex);
- while waiting, feed the wake-word detector; on the wake phrase, play the listening tone;
- while listening, feed the endpointer and the recogniser (voice/listener.py: decoding
  starts in the pause); when an utterance ends: screen, understand, act, reply. After a
  question, listen again without the wake phrase.
Time inside the loop is audio time (samples consumed), so a file plays the same at any speed.
Every failure in handling is caught, logged without personal text, and answered aloud.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import Enum
from typing import Protocol

from intents.values import Action, Reply
from voice.app import App
from voice.audio import SAMPLE_RATE, SAMPLE_WIDTH
from voice.endpoint import UtteranceSplitter
from voice.hearing import Hearing, sounds_like_note
from voice.listener import Listener
from voice.speaker import Speaker
from voice.stop_word import StopSpotter
from voice.transcript import Transcript
from voice.wake import WakeWordDetector

log = logging.getLogger("smallwins")

LISTEN_SECONDS = 8.0  # after the wake phrase, how long to wait for speech to start
ANSWER_SECONDS = 6.0  # after a question, how long to wait for the answer
SCHEDULE_EVERY_SECONDS = 1.0
# Speech that starts this soon after the wake phrase may be its tail ("...xa"): when it is not
# understood, it is ignored and listening goes on.
WAKE_TAIL_SECONDS = 0.5
FAILED = "Sorry, I couldn't save that. Please try again in a moment."


class Mode(Enum):
    WAITING = "waiting for the wake phrase"
    LISTENING = "listening"


class Schedule(Protocol):
    """What the loop needs of the day's schedule (voice.day_schedule.DaySchedule)."""

    def run_pending(self) -> list[Reply]: ...

    def apply(self, actions: tuple[Action, ...]) -> None: ...


class Guide(Protocol):
    """Something long the assistant plays that "stop" must end (the breathing guide)."""

    def start(self, action: Action) -> None: ...

    def active(self) -> bool: ...

    def stop(self) -> None: ...


@dataclass
class Stats:
    wakes: int = 0
    utterances: int = 0
    replies: list[str] = field(default_factory=list)


class Service:
    def __init__(
        self,
        app: App,
        hearing: Hearing,
        wake: WakeWordDetector,
        speaker: Speaker,
        schedule: Schedule | None = None,
        guide: Guide | None = None,
        stop_spotter: StopSpotter | None = None,
        splitter: Callable[[], UtteranceSplitter] = UtteranceSplitter,
        earcon: Callable[[str], None] = lambda name: None,
        report: Callable[[str], None] = print,
    ) -> None:
        self.app = app
        self.hearing = hearing
        self.wake = wake
        self.speaker = speaker
        self.schedule = schedule
        self.guide = guide
        self.stop_spotter = stop_spotter
        self._new_splitter = splitter
        self._earcon = earcon
        self._report = report
        self.stats = Stats()
        self.mode = Mode.WAITING
        self._listener: Listener | None = None
        self._audio_seconds = 0.0
        self._listen_until = 0.0
        self._next_schedule = 0.0
        self.stopping = threading.Event()

    def run(self, chunks: Iterable[bytes]) -> Stats:
        """Until the audio ends or `stopping` is set."""
        for chunk in chunks:
            if self.stopping.is_set():
                break
            self._audio_seconds += len(chunk) / (SAMPLE_RATE * SAMPLE_WIDTH)
            self._run_schedule()
            if self._busy():
                if self.stop_spotter is not None and self.stop_spotter.feed(chunk):
                    self._stop_talking()
                continue
            if self.mode is Mode.WAITING:
                if self.wake.feed(chunk):
                    self.stats.wakes += 1
                    self._listen(LISTEN_SECONDS)
                    self._earcon("listening")
                continue
            self._listen_to(chunk)
        return self.stats

    def _busy(self) -> bool:
        return self.speaker.is_speaking or (self.guide is not None and self.guide.active())

    def _listen(self, seconds: float) -> None:
        self.mode = Mode.LISTENING
        self._listener = Listener(self.hearing, self._new_splitter())
        self._listen_until = self._audio_seconds + seconds

    def _listen_to(self, chunk: bytes) -> None:
        assert self._listener is not None
        for listened in self._listener.feed(chunk):
            transcript = self.hearing.read(listened.transcript)
            near_wake = listened.utterance.start < WAKE_TAIL_SECONDS
            if (transcript.is_empty or near_wake) and self.hearing.is_noise(transcript):
                continue
            self.mode = Mode.WAITING
            self._listener = None
            self._earcon("got it")
            self._handle(transcript)
            return
        if self._audio_seconds > self._listen_until and not self._listener.in_speech:
            self.mode = Mode.WAITING
            self._listener = None
            self.wake.reset()

    def _handle(self, transcript: Transcript) -> None:
        self.stats.utterances += 1
        try:
            heard = self.hearing.respond(transcript)
            reply = heard.turn.reply
            self._report(f"heard: {heard.transcript.text or '(nothing)'}"
                         f"{sounds_like_note(heard.transcript)}")
        except Exception:  # noqa: BLE001 - any failure is answered aloud, never a crash
            log.exception("handling an utterance failed")
            self._say(Reply(FAILED))
            return
        self._say(reply)
        self._act(reply.actions)

    def _act(self, actions: tuple[Action, ...]) -> None:
        from voice.actions import run_actions

        for action in actions:
            try:
                if action.name == "start_breathing" and self.guide is not None:
                    self.guide.start(action)
                elif action.name == "stop":
                    self._stop_talking()
                elif action.name in ("export", "delete_everything"):
                    for line in run_actions(self.app, (action,)):
                        self._report(line)
                    if action.name == "delete_everything":
                        self.stopping.set()
            except Exception:  # noqa: BLE001
                log.exception("action %s failed", action.name)
                self._say(Reply(FAILED))
        if self.schedule is not None:
            self.schedule.apply(actions)

    def _say(self, reply: Reply) -> None:
        self.stats.replies.append(reply.text)
        self._report(f"reply: {reply.text}")
        self.speaker.say(reply.text)
        if reply.expects_answer:
            self._listen(ANSWER_SECONDS)

    def _stop_talking(self) -> None:
        self.speaker.stop()
        if self.guide is not None and self.guide.active():
            self.guide.stop()
        self._report("stopped")

    def _run_schedule(self) -> None:
        if self.schedule is None or self._audio_seconds < self._next_schedule:
            return
        self._next_schedule = self._audio_seconds + SCHEDULE_EVERY_SECONDS
        try:
            replies = self.schedule.run_pending()
        except Exception:  # noqa: BLE001
            log.exception("a scheduled job failed")
            return
        for reply in replies:
            self._say(reply)
