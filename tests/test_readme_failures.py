"""The README's table of what goes wrong, checked row by row against the real command line: each
row's case is run here, and what it quotes and its exit code must be what the program does."""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import REPO, needs_espeak, run, silent_wav, write_lock_held
from voice.audio import list_devices

HEADER = "| case | what you see | exit code |"
Result = subprocess.CompletedProcess[bytes]
Case = Callable[[Path, pytest.FixtureRequest], Result]


def readme_rows() -> dict[str, tuple[str, int]]:
    """case -> (what you see, exit code), from the table under HEADER."""
    lines = (REPO / "README.md").read_text(encoding="utf-8").splitlines()
    start = lines.index(HEADER) + 2
    rows = {}
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        case, seen, code = (cell.strip() for cell in line.strip("|").split(" | "))
        rows[case] = (seen, int(code))
    return rows


def _config(home: Path, text: str) -> None:
    (home / "config").mkdir(parents=True)
    (home / "config" / "config.toml").write_text(text)


def with_settings(text: str) -> Case:
    """A case: `wins` with this config.toml."""
    def case(home: Path, request: pytest.FixtureRequest) -> Result:
        _config(home, text)
        return run("wins", env_home=home)

    return case


def saying(*args: str, stdin: bytes = b"") -> Case:
    """A case: these words for the command line, on a fresh home."""
    def case(home: Path, request: pytest.FixtureRequest) -> Result:
        return run(*args, stdin=stdin, env_home=home)

    return case


def not_a_database(home: Path, request: pytest.FixtureRequest) -> Result:
    (home / "data").mkdir(parents=True)
    (home / "data" / "smallwins.db").write_text("my shopping list\n" * 50)
    return run("text", "I watered the plant", env_home=home)


def locked(home: Path, request: pytest.FixtureRequest) -> Result:
    run("text", "I fed the cat", env_home=home)
    with write_lock_held(home):
        return run("text", "I watered the plant", env_home=home)


def full_disk(home: Path, request: pytest.FixtureRequest) -> Result:
    return run("text", "I watered the plant", env_home=request.getfixturevalue("full_home"))


def read_only_write(home: Path, request: pytest.FixtureRequest) -> Result:
    return run("text", "I watered the plant", env_home=request.getfixturevalue("read_only_home"))


def read_only_read(home: Path, request: pytest.FixtureRequest) -> Result:
    return run("wins", "--all", env_home=request.getfixturevalue("read_only_home"))


def own_sentences_broken(home: Path, request: pytest.FixtureRequest) -> Result:
    own = home / "config" / "sentences" / "mine.yaml"
    own.parent.mkdir(parents=True)
    own.write_text("intents: [1, 2]\n")
    return run("text", "I watered the plant", env_home=home)


def given_sentences_broken(home: Path, request: pytest.FixtureRequest) -> Result:
    folder = request.getfixturevalue("tmp_path")
    bad = folder / "mine.yaml"
    bad.write_text("intents:\n  Water:\n    data:\n      - sentences:\n"
                   "          - I watered the {plant_name}\n")
    return run("listen", "--dry-run", "--sentences", str(bad), "--wav",
               str(silent_wav(folder / "quiet.wav", 1)), env_home=home)


def not_a_wav(home: Path, request: pytest.FixtureRequest) -> Result:
    notes = request.getfixturevalue("tmp_path") / "notes.wav"
    notes.write_text("I walked the dog\n")
    return run("listen", "--dry-run", "--wav", str(notes), env_home=home)


def too_long(home: Path, request: pytest.FixtureRequest) -> Result:
    long = silent_wav(request.getfixturevalue("tmp_path") / "long.wav", 31)
    return run("listen", "--dry-run", "--wav", str(long), env_home=home)


def no_microphone(home: Path, request: pytest.FixtureRequest) -> Result:
    if list_devices():
        pytest.skip("this machine has a microphone, so `run` would start listening")
    return run("run", "--silent", env_home=home)


def speaker_fails(home: Path, request: pytest.FixtureRequest) -> Result:
    _config(home, 'voice = "no-such-voice"\n')
    return run("text", "--speak", "I want to kill myself", env_home=home)


def after_a_win(*args: str) -> Case:
    """A case: these words for the command line, once a first win (number 1) is logged."""
    def case(home: Path, request: pytest.FixtureRequest) -> Result:
        run("text", "I fed the cat", env_home=home)
        return run(*args, env_home=home)

    return case


CASES: dict[str, Case] = {
    "a database file that is not a database": not_a_database,
    "a database another program is writing": locked,
    "a full disk": full_disk,
    "a read-only data folder, when writing": read_only_write,
    "a read-only data folder, when reading": read_only_read,
    "a settings file that is not TOML": with_settings("locale = \n"),
    "a setting of the wrong type": with_settings("locale = 5\n"),
    "an unknown setting": with_settings('colour = "blue"\n'),
    "an empty text": saying("text", " "),
    "a text of 10,000 characters": saying("text", "I walked " * 1112),
    "a text argument that is not UTF-8": saying("text", os.fsdecode(b"I fed the \xff cat")),
    "a line of standard input that is not UTF-8":
        saying("chat", stdin=b"I fed \xff the cat\nI walked\n"),
    "your own sentence file is broken": own_sentences_broken,
    "a sentence file given with `--sentences` is broken": given_sentences_broken,
    "a file given to `listen` that is not a WAV file": not_a_wav,
    "a recording longer than 30 s given to `listen`": too_long,
    "no microphone for `run`": no_microphone,
    "a speaker that fails for `text --speak`": speaker_fails,
    "`wins edit 99 ...` (or `delete`) for a number that is not there":
        after_a_win("wins", "edit", "99", "fed the dog"),
    "`moods edit ID 11`": saying("moods", "edit", "1", "11"),
    "`wins edit ID` with words of risk": after_a_win("wins", "edit", "1", "took all my pills"),
    "`setup` with no terminal to ask in and no `--region`": saying("setup"),
    "`delete-everything` with no terminal to ask in": saying("delete-everything"),
}


def test_every_row_of_the_table_has_a_case_here_and_every_case_a_row() -> None:
    assert list(readme_rows()) == list(CASES)


MARKS = {
    "a database another program is writing": pytest.mark.slow,  # waits 5 s for the lock
    "a speaker that fails for `text --speak`": needs_espeak,
}


@pytest.mark.parametrize("case", [pytest.param(case, marks=MARKS.get(case, ()))
                                  for case in readme_rows()])
def test_the_program_does_what_the_readme_table_says(
        case: str, home: Path, request: pytest.FixtureRequest) -> None:
    seen, code = readme_rows()[case]
    result = CASES[case](home, request)
    out, err = (stream.decode(errors="replace") for stream in (result.stdout, result.stderr))
    assert result.returncode == code, (out, err)
    assert "Traceback" not in err
    quoted = re.findall(r"(output )?`([^`]+)`", seen)
    assert quoted, f"the row for {case!r} quotes nothing to check"
    for output, fragment in quoted:
        assert fragment in (out if output else err), (fragment, out, err)
