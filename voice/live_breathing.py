"""The breathing guide inside the service loop: played on its own thread, stopped by voice."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from intents.values import Action
from models.records import BreathingSession
from voice.app import App
from voice.breathing_plan import parse_pattern, plan_session
from voice.breathing_render import SpeechCache, play, render_session
from voice.speaker import AudioOutput, TextToSpeech


@dataclass
class LiveBreathing:
    """Renders the whole session first (exact timing), then plays it until done or stopped."""

    app: App
    output: AudioOutput
    _thread: threading.Thread | None = None
    _stop: threading.Event | None = None

    def start(self, action: Action) -> None:
        plan = plan_session(int(action.args.get("minutes", 2)), parse_pattern("4-6"),
                            ask_feeling=False)
        tts = TextToSpeech(self.app.settings.speech_rate, self.app.settings.voice)
        rendering = render_session(plan, SpeechCache(tts))
        self._stop = threading.Event()
        started_at = self.app.clock()

        def play_and_record() -> None:
            assert self._stop is not None
            playback = play(rendering, self._stop, self.output)
            breathed = min(max(0.0, playback.played_seconds - rendering.breathing_start_seconds),
                           rendering.breathing_seconds)
            self.app.store().add_breathing_session(BreathingSession(
                started_at=started_at, planned_seconds=rendering.breathing_seconds,
                pattern=str(plan.pattern), completed=breathed >= rendering.breathing_seconds,
                played_seconds=round(breathed, 1)))

        self._thread = threading.Thread(target=play_and_record, name="breathing", daemon=True)
        self._thread.start()

    def active(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def stop(self) -> None:
        if self._stop is not None:
            self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=2)
