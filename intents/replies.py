"""Reply texts from intents/responses/: several variants each, chosen so they do not repeat."""

from __future__ import annotations

import random
from typing import Any

from intents.data import load_yaml


class Replies:
    def __init__(self, language: str = "en", rng: random.Random | None = None) -> None:
        self._language = language
        self._rng = rng or random.Random()
        self._last: dict[tuple[str, str], str] = {}

    @property
    def language(self) -> str:
        return self._language

    def data(self, group: str, key: str) -> Any:
        return load_yaml(f"responses/{self._language}/{group}.yaml")[key]

    def text(self, group: str, key: str, **slots: Any) -> str:
        """One variant of `group`/`key`, not the same as last time, with `slots` filled in."""
        value = self.data(group, key)
        if isinstance(value, list):
            choices = [v for v in value if v != self._last.get((group, key))] or value
            value = self._rng.choice(choices)
            self._last[(group, key)] = value
        return " ".join(str(value).split()).format_map(slots)

    def choice(self, items: list[Any]) -> Any:
        return self._rng.choice(items)

    def shuffled(self, items: list[Any]) -> list[Any]:
        """The items in a random order of this rng's choosing (the list is not changed)."""
        return self._rng.sample(items, len(items))


def spoken_list(items: list[str]) -> str:
    """'a', 'a and b', 'a, b, and c'."""
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + ", and " + items[-1]
