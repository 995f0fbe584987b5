"""Words typed at the command line pass the safety screen before they are stored."""

from __future__ import annotations

from intents.safety import Safety, SafetyScreen
from intents.veto import carries_risk
from models.store import Store
from voice.app import EXIT_DATA, App, UserError


def refuse_risk(app: App, words: str, refusal: str) -> None:
    """Raise `refusal` when the words carry risk of any kind, the crisis reply printed first
    when the screen heard risk now."""
    screen = SafetyScreen.load().screen(words)
    if carries_risk(screen):
        if screen.level is not Safety.NONE:
            print(app.skill(Store.memory()).crisis_reply(screen).text, flush=True)
        raise UserError(refusal, EXIT_DATA)
