"""The data files the product reads: no key written twice, where YAML would keep the second
without a word and the first would silently stop counting."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from yaml.constructor import ConstructorError

ROOT = Path(__file__).parent.parent
DATA = sorted(p for folder in ("intents", "voice") for p in (ROOT / folder).rglob("*.yaml"))


class _OnceOnly(yaml.SafeLoader):
    """A loader that refuses a mapping holding the same key twice."""


def _mapping(loader: _OnceOnly, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: set[object] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise ConstructorError(None, None, f"{key!r} is written twice", key_node.start_mark)
        seen.add(key)
    return yaml.SafeLoader.construct_mapping(loader, node, deep)


_OnceOnly.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


@pytest.mark.parametrize("path", DATA, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_key_is_written_twice(path: Path) -> None:
    yaml.load(path.read_text(encoding="utf-8"), Loader=_OnceOnly)  # noqa: S506 - a SafeLoader


def test_a_key_written_twice_is_refused() -> None:
    with pytest.raises(ConstructorError, match="written twice"):
        yaml.load("a: 1\nb: 2\na: 3\n", Loader=_OnceOnly)  # noqa: S506 - a SafeLoader
