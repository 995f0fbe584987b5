"""What every command shares: where things live, the settings, the clock, the store."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from intents.matcher import SentenceError
from intents.own_sentences import sentence_file_problems
from intents.skill import Skill, SkillOptions
from models.exit_codes import (  # noqa: F401 - the commands take them from here
    EXIT_CANT_CREATE,
    EXIT_DATA,
    EXIT_UNAVAILABLE,
    EXIT_USAGE,
)
from models.files import remove, stale_leftovers
from models.store import Store, StoreError
from voice.config import ConfigError, Settings, load_settings
from voice.paths import Paths


class UserError(Exception):
    """A failure the person can fix; the message says how."""

    def __init__(self, message: str, exit_code: int = EXIT_DATA) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def local_now() -> datetime:
    return datetime.now().astimezone().replace(tzinfo=None)


@dataclass
class App:
    paths: Paths
    settings: Settings
    clock: Callable[[], datetime] = local_now
    extra_sentences: list[Path] = field(default_factory=list)
    answered: bool = False  # a reply has been printed; a later error need not repeat it
    _store: Store | None = field(default=None, repr=False)

    @classmethod
    def from_environment(cls) -> App:
        paths = Paths.from_environment()
        try:
            settings = load_settings(paths)
        except ConfigError as error:
            raise UserError(str(error), EXIT_DATA) from error
        return cls(paths=paths, settings=settings)

    def store(self) -> Store:
        """The store, opened (and checked) on first use; what killed writes left is removed."""
        if self._store is None:
            try:
                self._store = Store.open(self.paths.database,
                                         top=self.paths.own_top(self.paths.data_dir))
            except StoreError as error:
                raise UserError(str(error), error.exit_code) from error
            own_folders = (self.paths.exports_dir, self.paths.backups_dir)
            remove(stale_leftovers(own_folders, self._store.written_files(),
                                   self.clock().timestamp()))
        return self._store

    def skill_options(self) -> SkillOptions:
        return SkillOptions(
            locale=self.settings.locale,
            crisis_cooldown_minutes=self.settings.crisis_cooldown_minutes,
            followups=self.settings.followups,
        )

    def sentence_files(self) -> list[Path]:
        """A person's own sentence files in the config folder, less any that cannot be used (each
        named on standard error), then those given for this run, which must all be usable with
        them. Files are checked together, so one may use a list another defines."""
        folder = self.paths.sentences_dir
        own = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
        language = self.skill_options().language
        problems = sentence_file_problems(own, language)
        for problem in problems.values():
            print(f"smallwins: {problem}\nThat file was left out; the built-in sentences "
                  "still work.", file=sys.stderr)
        usable = [path for path in own if path not in problems]
        given = sentence_file_problems([*usable, *self.extra_sentences], language)
        if given:
            raise UserError("\n".join(given.values()), EXIT_DATA)
        return [*usable, *self.extra_sentences]

    def skill(self, store: Store | None = None) -> Skill:
        """The understanding layer over `store` (the real one unless given)."""
        try:
            return Skill.load(store or self.store(), self.skill_options(), self.sentence_files())
        except SentenceError as error:
            raise UserError(str(error), EXIT_DATA) from error

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None
