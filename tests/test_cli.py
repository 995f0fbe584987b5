"""The command line as a person uses it: real processes, a private home folder, bad input."""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from intents.data import load_yaml
from tests.conftest import needs_espeak, run, write_lock_held
from voice.cli import main

PYTHON = sys.executable


def files_under(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*")) if root.exists() else []


def test_understand_prints_json_per_line_and_writes_nothing(home: Path) -> None:
    said = b"I watered the plant\nI want to die\nthe cat knocked the vase over\n"
    result = run("understand", stdin=said, env_home=home)
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert lines[0] == {"text": "I watered the plant", "intent": "LogWin",
                        "slots": {"activities": ["watered the plant"]}, "safety": "none",
                        "safety_kind": None}
    assert lines[1]["safety"] == "crisis" and lines[1]["intent"] is None
    assert lines[1]["safety_kind"] == "passive_wish"
    assert lines[2]["intent"] is None
    assert not home.exists()


def test_understand_explain_shows_each_layer(home: Path) -> None:
    said = "I fed the cat, she'll need a new home after tonight"
    result = run("understand", "--explain", said, env_home=home)
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode()
    assert "normalised:  i fed the cat, she will need a new home after tonight" in out
    assert 'clause 1:    "i fed the cat ,"  about=speaker tense=past' in out
    assert "-> crisis:" in out and "screen:      crisis" in out
    assert "intent:      none (the screen decided)" in out
    assert not home.exists()


def test_understand_explain_shows_what_was_set_aside(home: Path) -> None:
    result = run("understand", "--explain", "I nearly died laughing at that show", env_home=home)
    out = result.stdout.decode()
    assert 'set aside:   "nearly die laugh"' in out and "screen:      none" in out


def test_understand_takes_words_as_arguments(home: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["understand", "I'm", "dead", "tired"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["safety"] == "none" and out["intent"] == "LowEnergy"


def test_non_utf8_stdin_is_reported_and_the_rest_still_understood(home: Path) -> None:
    result = run("understand", stdin=b"I walked\xff\xfe the dog\nI fed the cat\n", env_home=home)
    assert result.returncode == 65
    assert b"line 1 is not UTF-8" in result.stderr
    assert json.loads(result.stdout)["slots"] == {"activities": ["fed the cat"]}


def test_text_logs_and_confirms(home: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["text", "I watered the plant"]) == 0
    assert "Logged: watered the plant." in capsys.readouterr().out
    assert main(["wins", "--today", "--json"]) == 0
    [win] = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert win["activity"] == "watered the plant"


def test_empty_text_is_a_usage_error(home: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["text", "  "]) == 64
    assert "the text is empty" in capsys.readouterr().err


def test_ten_thousand_characters_are_refused_and_nothing_lost(home: Path,
                                                              capsys: pytest.CaptureFixture
                                                              ) -> None:
    main(["text", "I fed the cat"])
    assert main(["text", "I walked " * 1112]) == 65
    err = capsys.readouterr().err
    assert "shorter sentence" in err and "nothing was stored" in err
    main(["wins", "--all", "--json"])
    assert [json.loads(x)["activity"] for x in capsys.readouterr().out.splitlines()] == \
        ["fed the cat"]


def test_a_file_that_is_not_a_database_is_left_as_it_was(home: Path,
                                                         capsys: pytest.CaptureFixture) -> None:
    db = home / "data" / "smallwins.db"
    db.parent.mkdir(parents=True)
    db.write_text("my shopping list\n" * 50)
    before = db.read_bytes()
    assert main(["text", "I watered the plant"]) == 65
    err = capsys.readouterr().err
    assert "not a Small Wins database" in err and "mv " in err
    assert db.read_bytes() == before


def test_read_only_data_folder_gives_a_clear_message_and_loses_nothing(
        read_only_home: Path) -> None:
    result = run("text", "I watered the plant", env_home=read_only_home)
    assert result.returncode == 73, result.stderr
    assert b"Cannot write to" in result.stderr and b"SMALLWINS_HOME" in result.stderr
    db = read_only_home / "data" / "smallwins.db"
    rows = sqlite3.connect(f"file:{db}?mode=ro&immutable=1", uri=True).execute(
        "SELECT activity FROM wins").fetchall()
    assert rows == [("fed the cat",)]


def test_a_win_survives_kill_9_right_after_its_confirmation(home: Path) -> None:
    env = {**os.environ, "SMALLWINS_HOME": str(home)}
    process = subprocess.Popen([PYTHON, "-m", "voice", "chat"], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, env=env)
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write(b"I watered the plant\n")
    process.stdin.flush()
    confirmation = process.stdout.readline()
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    assert b"Logged: watered the plant." in confirmation
    result = run("wins", "--all", "--json", env_home=home)
    assert json.loads(result.stdout)["activity"] == "watered the plant"


def test_export_then_delete_everything_leaves_nothing_behind(
        home: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    for text in ("I watered the plant", "I will call my sister", "my mood is 6",
                 "leave a note to my future self: keep going"):
        assert main(["text", text]) == 0
    assert main(["export", "--format", "json", "-o", str(outside / "mine.json")]) == 0
    assert main(["export", "--format", "csv"]) == 0
    assert main(["backup"]) == 0
    exported = json.loads((outside / "mine.json").read_text())
    assert exported["wins"][0]["activity"] == "watered the plant"
    assert exported["notes"][0]["text"] == "keep going"
    [csv_file] = (home / "data" / "exports").glob("*.csv")
    assert "wins,1," in csv_file.read_text()

    modes = {p.relative_to(home): stat.S_IMODE(p.stat().st_mode) for p in files_under(home)}
    assert all(mode == (0o700 if (home / p).is_dir() else 0o600)
               for p, mode in modes.items() if p.parts[0] == "data"), modes
    assert stat.S_IMODE((outside / "mine.json").stat().st_mode) == 0o600

    capsys.readouterr()
    assert main(["delete-everything", "--yes"]) == 0
    said = capsys.readouterr().out
    assert f"Removed {outside / 'mine.json'}" in said and "smallwins.db" in said
    assert not home.exists() and files_under(outside) == []


def test_delete_everything_asks_for_yes_outside_a_terminal(home: Path) -> None:
    run("text", "I fed the cat", env_home=home)
    result = run("delete-everything", env_home=home)
    assert result.returncode == 64 and b"--yes" in result.stderr
    assert (home / "data" / "smallwins.db").exists()


def test_settings_file_errors_say_what_to_fix(home: Path, capsys: pytest.CaptureFixture) -> None:
    (home / "config").mkdir(parents=True)
    (home / "config" / "config.toml").write_text("locale = \n")
    assert main(["text", "I fed the cat"]) == 65
    assert "config.toml is not valid TOML" in capsys.readouterr().err


BROKEN_SETTINGS = {
    "region of the wrong type": "locale = 5\n",
    "an unknown setting": 'colour = "blue"\n',
    "an unknown key in a job": "[jobs.morning]\nbogus = 1\n",
    "a job time of the wrong type": "[jobs.morning]\nat = 830\n",
    "a job table that is not a table": "jobs = 3\n",
    "not TOML at all": "locale = \n",
    "a speech rate in words": 'speech_rate = "slow"\n',
    "a cooldown that is true or false": "crisis_cooldown_minutes = true\n",
    "a quiet hour that is a number": "quiet_start = 2200\n",
    "a snooze out of range": "snooze_minutes = 0\n",
    "follow-ups that are not a choice": 'followups = "some"\n',
    "an unknown job": '[jobs.lunch]\nat = "12:30"\n',
    "a weekday that is not one": '[jobs.weekly]\nday = "someday"\n',
}
CRISIS = "I want to kill myself"


def _has_every_number(out: str) -> bool:
    return all(number in out for number in ("988", "116 123", "911", "999", "112"))


def _has_the_numbers_of(region: str, out: str) -> bool:
    """Every number the helplines of `region` give (Safety.yaml), in `out`."""
    helpline = load_yaml("responses/en/Safety.yaml")["helplines"][region]
    numbers = re.findall(r"\d[\d ]*\d", f"{helpline['line']} {helpline['emergency']}")
    return bool(numbers) and all(number in out for number in numbers)


@pytest.mark.parametrize("broken", list(BROKEN_SETTINGS))
def test_a_crisis_line_gets_helplines_whatever_is_wrong_with_the_settings(
        home: Path, broken: str) -> None:
    (home / "config").mkdir(parents=True)
    (home / "config" / "config.toml").write_text(BROKEN_SETTINGS[broken])
    result = run("text", CRISIS, env_home=home)
    assert _has_every_number(result.stdout.decode()), result.stdout
    assert result.returncode == 65 and b"config.toml" in result.stderr
    assert b"Traceback" not in result.stderr


def test_follow_ups_follow_the_setting(home: Path) -> None:
    (home / "config").mkdir(parents=True)
    (home / "config" / "config.toml").write_text('followups = "none"\n')
    result = run("text", "I watered the plant", env_home=home)
    assert result.returncode == 0 and b"?" not in result.stdout, result.stdout


@pytest.mark.parametrize("broken", list(BROKEN_SETTINGS))
def test_a_broken_setting_is_named_with_what_it_expects(home: Path, broken: str) -> None:
    (home / "config").mkdir(parents=True)
    (home / "config" / "config.toml").write_text(BROKEN_SETTINGS[broken])
    result = run("text", "I watered the plant", env_home=home)
    assert result.returncode == 65 and result.stdout == b""
    assert b"Traceback" not in result.stderr and b"config.toml" in result.stderr


def test_a_crisis_line_in_chat_gets_helplines_when_the_settings_are_broken(home: Path) -> None:
    (home / "config").mkdir(parents=True)
    (home / "config" / "config.toml").write_text("locale = 5\n")
    result = run("chat", stdin=b"I watered the plant\nI took all my pills\n", env_home=home)
    assert result.stdout.decode().startswith("Please call your local emergency number")


@pytest.mark.parametrize("region", ["US", "UK", "IE"])
def test_a_crisis_line_gets_helplines_when_the_store_is_read_only(
        read_only_home: Path, region: str) -> None:
    """The store opens to read, so the settings' region is known; only the record is lost."""
    (read_only_home / "config").mkdir(exist_ok=True)
    (read_only_home / "config" / "config.toml").write_text(f'locale = "{region}"\n')
    result = run("text", CRISIS, env_home=read_only_home)
    assert _has_the_numbers_of(region, result.stdout.decode()), result.stdout
    assert result.returncode == 0 and b"Traceback" not in result.stderr


def test_a_crisis_line_is_printed_before_the_speaker_is_tried(home: Path) -> None:
    """With no sound device the speaker fails (exit 69); the reply is already out."""
    result = run("text", "--speak", CRISIS, env_home=home)
    assert _has_the_numbers_of("US", result.stdout.decode()), result.stdout
    assert result.returncode in (0, 69) and b"Traceback" not in result.stderr


@needs_espeak
def test_a_crisis_line_gets_helplines_when_the_speaker_fails(home: Path) -> None:
    (home / "config").mkdir(parents=True)
    (home / "config" / "config.toml").write_text('voice = "no-such-voice"\n')
    result = run("text", "--speak", CRISIS, env_home=home)
    assert _has_the_numbers_of("US", result.stdout.decode()), result.stdout
    assert result.returncode == 69 and b"no-such-voice" in result.stderr
    assert b"Traceback" not in result.stderr


@pytest.mark.slow
def test_a_crisis_line_gets_helplines_when_the_store_is_locked(home: Path) -> None:
    assert run("text", "I fed the cat", env_home=home).returncode == 0
    with write_lock_held(home):
        result = run("text", CRISIS, env_home=home)
    assert _has_the_numbers_of("US", result.stdout.decode()), result.stdout
    assert result.returncode == 0 and b"Traceback" not in result.stderr


def test_a_crisis_line_gets_helplines_when_the_disk_is_full(full_home: Path) -> None:
    result = run("text", CRISIS, env_home=full_home)
    assert _has_every_number(result.stdout.decode()), result.stdout
    assert result.returncode == 74 and b"The disk is full" in result.stderr


def test_a_crisis_line_gets_helplines_when_an_own_sentence_file_is_broken(home: Path) -> None:
    own = home / "config" / "sentences" / "mine.yaml"
    own.parent.mkdir(parents=True)
    own.write_text("intents: [1, 2]\n")
    result = run("text", CRISIS, env_home=home)
    assert _has_the_numbers_of("US", result.stdout.decode()), result.stdout
    assert result.returncode == 0 and b"mine.yaml" in result.stderr
    assert b"Traceback" not in result.stderr


def test_a_crisis_line_gets_helplines_when_the_text_is_not_utf8(home: Path) -> None:
    result = run("text", os.fsdecode(CRISIS.encode() + b" \xff"), env_home=home)
    assert _has_every_number(result.stdout.decode()), result.stdout
    assert result.returncode == 65 and b"not UTF-8" in result.stderr
    assert b"Traceback" not in result.stderr


def test_a_routine_that_carries_risk_is_not_added(home: Path) -> None:
    result = run("routine", "add", "write my goodbye letters", env_home=home)
    assert result.returncode == 65 and "988" in result.stdout.decode()
    listed = run("routine", "list", env_home=home)
    assert b"goodbye" not in listed.stdout
