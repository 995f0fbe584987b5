"""From one utterance's audio to a Turn: recogniser (grammar from the same templates) + skill."""

from __future__ import annotations

import time
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace

from intents.data import lexicon
from intents.safety import Safety
from intents.skill import Skill
from intents.values import Turn
from models.store import Store
from voice.app import EXIT_UNAVAILABLE, EXIT_USAGE, App, UserError
from voice.closed_sentences import NEVER_TOWARD, SoundsLike
from voice.recognizers import Choosing, Recognizer, RecognizerError, build_recognizer, transcribe
from voice.transcript import Transcript
from voice.unheard import READINGS
from voice.wake import WakeWordDetector, WakeWordError

# Wildcard slots whose phrases are worth putting in the grammar: the common small wins and the
# person's own. Anything else still reaches the general language model.
PHRASE_SLOTS = ("activity",)
OWN_ACTIVITIES = 300  # the most recent distinct ones: the grammar stays small as years pass
# A cut-off reading is never read back to a command that ends or leaves what is going on, or
# answers for help: what was cut off may be why ("i am done with", "help me end").
NEVER_READ_BACK = frozenset({"Cancel", "Stop", "Skip", "Snooze", "NotYet", "Goodbye", "Help"})


@dataclass(frozen=True)
class Heard:
    """One utterance through the whole path, with the time each stage took."""

    transcript: Transcript
    turn: Turn
    understand_seconds: float


def known_activities(store: Store, language: str = "en") -> list[str]:
    """Built-in common wins and the person's own past ones, lower case, without repeats."""
    own = store.recent_activities(OWN_ACTIVITIES)
    return list(dict.fromkeys([*lexicon(language)["known_activities"], *own]))


class Hearing:
    """Owns the recogniser and the skill; `hear` turns audio chunks into a Turn. A transcript
    nothing understands is read as the closed template sentence it sounds like, if one is close,
    or with what the recogniser lost put back (`voice.unheard`), unless a question or the
    screen's reply waits for an answer. A win so read is asked about before it is kept."""

    def __init__(self, recognizer: Recognizer, skill: Skill, app: App,
                 sounds_like: SoundsLike | None = None) -> None:
        self.recognizer = recognizer
        self.skill = skill
        self.sounds_like = sounds_like
        self._app = app
        self._after_risk = False  # the last reply was the screen's: the next words answer it
        self._decoder: ThreadPoolExecutor | None = None  # one thread: the recogniser is not shared

    @classmethod
    def build(cls, app: App, store: Store) -> Hearing:
        skill = app.skill(store)
        phrases = {slot: known_activities(store) for slot in PHRASE_SLOTS}
        try:
            recognizer = build_recognizer(
                app.settings, app.paths, skill.matcher.intents, wildcard_values=phrases,
                choosing=Choosing(lambda text: skill.matcher.match(text) is not None,
                                  skill.flagged, NEVER_TOWARD | NEVER_READ_BACK))
        except RecognizerError as error:
            raise UserError(str(error), EXIT_UNAVAILABLE) from error
        return cls(recognizer, skill, app,
                   SoundsLike.build(skill.matcher.intents, skill.heard, skill.flagged))

    def transcribe(self, chunks: Iterable[bytes]) -> Transcript:
        return self.read(transcribe(self.recognizer, chunks))

    def decode_soon(self, audio: bytes) -> Future[Transcript]:
        """The recogniser's words for one utterance, decoded on the hearing's own thread while
        the caller goes on; `read` them once they are wanted."""
        if self._decoder is None:
            self._decoder = ThreadPoolExecutor(max_workers=1, thread_name_prefix="decode")
        return self._decoder.submit(transcribe, self.recognizer, [audio])

    def read(self, heard: Transcript) -> Transcript:
        """The recogniser's words as the templates read them (see the class). While an answer is
        waited for, the words are taken as heard, a grammar's cut-off reading included."""
        if self._after_risk or self.skill.waiting(self._app.clock()):
            return replace(heard, text=heard.cut_off, cut_off="") if heard.cut_off else heard
        read = heard if self.sounds_like is None else self.sounds_like.correct(heard)
        return read if read.heard_as else self._put_back(read)

    def _put_back(self, heard: Transcript) -> Transcript:
        """What the recogniser lost put back (`voice.unheard`): a deed heard in the present
        read in the past, a number heard as the word it sounds like; only when nothing
        understands the words as heard, the screen has nothing to say of them or of the
        reading (risk, a denial or a reason for care), and the reading is understood as what
        it is for."""
        screen, intent = self.skill.understand(heard.text)
        if screen.says_something or intent is not None:
            return heard
        for reading in READINGS:
            text = reading.read(heard.text, self.skill.options.language)
            if text is None:
                continue
            screen, intent = self.skill.understand(text)
            if not screen.says_something and intent is not None and \
                    intent.name in reading.intents:
                return replace(heard, text=text, heard_as=heard.text)
        return heard

    def is_noise(self, transcript: Transcript) -> bool:
        """Nothing was understood and nothing needs care: not worth a reply."""
        screen, intent = self.skill.understand(transcript.heard_as or transcript.text)
        return intent is None and screen.level is Safety.NONE

    def respond(self, transcript: Transcript) -> Heard:
        began = time.perf_counter()
        # a win in words the hearing read into what was heard is asked about before it is kept
        turn = self.skill.handle(transcript.text, self._app.clock(),
                                 unsure=bool(transcript.heard_as))
        self._after_risk = turn.screen.level is not Safety.NONE
        return Heard(transcript, turn, time.perf_counter() - began)

    def hear(self, chunks: Iterable[bytes]) -> Heard:
        return self.respond(self.transcribe(chunks))


def sounds_like_note(transcript: Transcript) -> str:
    """Where the words were read as something else (the template sentence they sound like, with
    what the recogniser lost put back, or back to a whole sentence), for the log."""
    said = transcript.heard_as or transcript.cut_off
    return f" (the recogniser said: {said})" if said else ""


def wake_detector(app: App) -> WakeWordDetector:
    try:
        return WakeWordDetector(app.settings.wake_word)
    except WakeWordError as error:
        raise UserError(f"{error} Set wake_word in {app.paths.config_file}.", EXIT_USAGE) from error
