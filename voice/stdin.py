"""Lines of standard input, read as bytes so that one line that is not UTF-8 loses no other."""

from __future__ import annotations

import sys
from collections.abc import Iterator


def stdin_lines() -> Iterator[tuple[int, str | None]]:
    """(line number, text) per line; text is None for a line that is not UTF-8."""
    for number, raw in enumerate(sys.stdin.buffer, start=1):
        try:
            yield number, raw.decode("utf-8").rstrip("\r\n")
        except UnicodeDecodeError:
            yield number, None
