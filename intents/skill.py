"""One utterance in, one reply out: safety screen first, then dialogue, intent and handler."""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from intents.dialogue import Dialogue, Pending
from intents.handlers import ANSWERS, ASIDES, COMMANDS, FREE_TEXT, HANDLERS, KEEPS_PENDING
from intents.handlers.context import Context, Helpline, helpline_of
from intents.handlers.support import custom_intent, help_reply, not_understood, welcome_back_due
from intents.matcher import IntentMatcher
from intents.normalize import MAX_CHARACTERS
from intents.replies import Replies
from intents.safety import Safety, SafetyScreen, Screen
from intents.talk_likeness import talk_intent
from intents.values import Intent, Reply, Turn
from intents.veto import safe_words
from models.records import CrisisEvent
from models.store import Store, StoreError

LOGGING_INTENTS = {"LogWin", "SetIntention", "RateMood"}
# Crisis phrasings in the sentence templates exist for the speech grammar; the screen is
# expected to catch them all, and treats any it missed as a check-in.
CRISIS_PHRASE = "CrisisLanguage"


# Kinds of risk with a reply of their own in Safety.yaml; the others get the crisis reply
# or the check-in question by their level.
_REPLY_OF = {"imminent": "imminent", "means_question": "means_question",
             "resemblance": "gentle_check_in", "resemblance_urgent": "gentle_check_in_urgent"}


def _leaning(intent: Intent | None, screen: Screen) -> bool:
    """A win only the last layer read ("open"), from words the resemblance check finds more
    like the risk examples than the quiet ones (log-odds above even): confirmed first."""
    like = screen.resemblance
    return intent is not None and bool(intent.slots.get("open")) and like is not None and \
        like.score > 0


@dataclass(frozen=True)
class SkillOptions:
    locale: str = ""  # no region chosen: every emergency number
    crisis_cooldown_minutes: int = 120
    followups: str = "few"  # few, all or none: see FOLLOWUPS
    language: str = "en"


class Skill:
    def __init__(
        self,
        store: Store,
        options: SkillOptions | None = None,
        matcher: IntentMatcher | None = None,
        rng: random.Random | None = None,
    ) -> None:
        self.store = store
        self.options = options or SkillOptions()
        self.matcher = matcher or IntentMatcher.load(self.options.language)
        self.screen = SafetyScreen.load(self.options.language)
        self.replies = Replies(self.options.language, rng)

    @classmethod
    def load(
        cls, store: Store, options: SkillOptions, extra_sentences: Iterable[Path] = (),
        rng: random.Random | None = None,
    ) -> Skill:
        return cls(store, options, IntentMatcher.load(options.language, extra_sentences), rng)

    def context(self, now: datetime, utterance: str = "") -> Context:
        last = self.store.last_crisis_event()
        cooldown = timedelta(minutes=self.options.crisis_cooldown_minutes)
        return Context(
            store=self.store,
            now=now,
            replies=self.replies,
            dialogue=Dialogue(self.store, now),
            helpline=self.helpline(),
            utterance=utterance,
            recent_crisis=last is not None and now - last.at < cooldown,
            followups=self.options.followups,
        )

    def helpline(self) -> Helpline:
        return helpline_of(self.options.locale, self.replies)

    def understand(self, text: str) -> tuple[Screen, Intent | None]:
        """Screen, then match what passed the screen; nothing is stored."""
        screen = self.screen.screen(text)
        if screen.level is not Safety.NONE or len(text) > MAX_CHARACTERS:
            return screen, None
        intent = self.matcher.match(text) or talk_intent(text, self.options.language)
        if intent is not None and intent.name == CRISIS_PHRASE:
            return Screen(Safety.CHECK_IN, "crisis_phrase", screen.past_ideation), None
        return screen, intent

    def flagged(self, text: str) -> bool:
        """The screen has something to say of `text`: risk, a denial, past ideation or a reason
        for care."""
        return self.screen.screen(text).says_something

    def heard(self, text: str) -> bool:
        """The screen or the templates make something of `text` as it is."""
        return self.flagged(text) or self.matcher.match(text) is not None

    def waiting(self, now: datetime) -> bool:
        """A question is open: the next words answer it."""
        return Dialogue(self.store, now).pending() is not None

    def handle(self, text: str, now: datetime, unsure: bool = False) -> Turn:
        """Everything one utterance does, in one transaction. `unsure`: the words are a
        reading of what was heard, so a win in them is asked about before it is kept."""
        screen, intent = self.understand(text)
        if unsure and intent is not None and intent.name == "LogWin":
            intent = Intent("LogWin", {**intent.slots, "unsure": True})
        if screen.level is not Safety.NONE:
            return self._crisis_turn(text, screen, now)
        # The veto's screen reads the words about to be kept, inside the transaction: compiled
        # before the write lock is taken, so other processes never wait for its rules.
        SafetyScreen.rules_only(self.options.language)
        with self.store.transaction():
            ctx = self.context(now, text)
            refused = None
            if not text.strip() or len(text) > MAX_CHARACTERS:
                refused = "empty" if not text.strip() else "too_long"
                reply = Reply(self.replies.text("Support", refused))
            elif screen.denial:
                reply = Reply(self.replies.text("Safety", "denial"))
            else:
                ctx.caution = screen.caution or _leaning(intent, screen)
                intent, reply = self._respond(intent, ctx)
                if screen.past_ideation:
                    reply = Reply(f"{reply.text} {self.replies.text('Safety', 'past_mention')}",
                                  reply.actions, reply.expects_answer)
            ctx.dialogue.remember_reply(reply.text)
        return Turn(text=text, screen=screen, intent=intent, reply=reply, refused=refused)

    def _crisis_turn(self, text: str, screen: Screen, now: datetime) -> Turn:
        """The crisis reply first; then, if the store can take it, the time and category (never
        the words). A store that fails loses only that record, never the reply."""
        reply = self.crisis_reply(screen)
        try:
            with self.store.transaction():
                self.store.add_crisis_event(
                    CrisisEvent(at=now, category=screen.category or "unknown"))
                dialogue = Dialogue(self.store, now)
                dialogue.clear()
                dialogue.remember_reply(reply.text)
        except StoreError:
            pass
        return Turn(text=text, screen=screen, intent=None, reply=reply)

    def crisis_reply(self, screen: Screen) -> Reply:
        """Fixed text from data, with the helpline; needs nothing but the shipped replies."""
        key = _REPLY_OF.get(screen.category or "",
                            "crisis" if screen.level is Safety.CRISIS else "check_in")
        helpline = self.helpline()
        return Reply(self.replies.text(
            "Safety", key, line=helpline.line, emergency=helpline.emergency))

    def _respond(self, intent: Intent | None, ctx: Context) -> tuple[Intent | None, Reply]:
        pending = ctx.dialogue.pending()
        if pending is not None and intent is not None and "resembled" in intent.slots:
            intent = None  # a guess from resemblance never answers nor drops a question
        if not self._storable(intent, pending, ctx):
            ctx.dialogue.clear()
            return intent, Reply(self.replies.text("Safety", "held_back"))
        if pending is not None and intent is not None and intent.name in KEEPS_PENDING:
            return intent, HANDLERS[intent.name](intent, ctx)
        if pending is not None:
            is_command = intent is not None and intent.name in COMMANDS
            aside = intent is not None and intent.name in ASIDES
            if pending.kind in FREE_TEXT and (is_command or aside):
                reply = None
            else:
                reply = ANSWERS[pending.kind](intent, ctx, pending.data)
            if reply is not None:
                return intent, reply
            if is_command or pending.data.get("held_over"):
                ctx.dialogue.clear()
            else:  # one turn that is not its answer ("sorry, the telly") keeps it
                ctx.dialogue.ask(pending.kind, **{**pending.data, "held_over": True})
                question = ctx.dialogue.last_question()
                if intent is None and question:
                    return None, Reply(self.replies.text("Support", "asked_again",
                                                         question=question),
                                       expects_answer=True)
                if aside and question:
                    answered = HANDLERS[intent.name](intent, ctx)
                    again = self.replies.text("Support", "asked_after_aside", question=question)
                    return intent, Reply(f"{answered.text} {again}", answered.actions,
                                         expects_answer=True)
        if intent is None:
            return None, not_understood(ctx)
        welcome = intent.name in LOGGING_INTENTS and welcome_back_due(ctx)
        handler = HANDLERS.get(intent.name, custom_intent)
        reply = handler(intent, ctx)
        if welcome:
            reply = Reply(f"{self.replies.text('LogWin', 'welcome_back')} {reply.text}",
                          reply.actions, reply.expects_answer)
        return intent, reply

    def _storable(self, intent: Intent | None, pending: Pending | None, ctx: Context) -> bool:
        """Words about to be kept (a win, an intention, a note, a reflection) carry no risk,
        not even a past or a denied one."""
        words = [v for v in (intent.slots.values() if intent else ()) if isinstance(v, str)]
        words += [a for a in (intent.slots.get("activities", []) if intent else [])]
        if pending is not None and pending.kind in FREE_TEXT:
            words.append(ctx.utterance)
        return all(safe_words(w, self.options.language) for w in words)

    def help(self, now: datetime) -> Reply:
        return help_reply(None, self.context(now))
