"""The command line under faults and bad input, in real processes on real files: a clear message
and its exit code, nothing saved lost, nothing written that delete-everything cannot find."""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from models.records import Win
from models.store import Store
from tests.conftest import (
    environment,
    needs_espeak,
    read_only_data,
    run,
    silent_wav,
    start,
    write_lock_held,
)

PYTHON = sys.executable
NOW = datetime(2026, 11, 24, 9, 0)
KILL_PAST_BYTES = 256 * 1024  # a file write past this kills the process (SIGXFSZ)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _wins(home: Path) -> list[str]:
    listed = run("wins", "--all", "--json", env_home=home)
    assert listed.returncode == 0, listed.stderr
    return [json.loads(line)["activity"] for line in listed.stdout.splitlines()]


# --- first run: several commands at once on a new data folder ----------------------------


@pytest.mark.slow
def test_eight_commands_started_together_on_a_new_folder_all_keep_their_win(
        tmp_path: Path) -> None:
    """Each round a new data folder; every process migrates, or waits for the one that does."""
    for round_number in range(2):
        home = tmp_path / f"home{round_number}"
        processes = [start("text", "I watered the plant", env_home=home) for _ in range(8)]
        for process in processes:
            out, err = process.communicate(timeout=120)  # no input: stdin closes
            assert process.returncode == 0, err.decode()
            assert b"Logged: watered the plant" in out
        db = sqlite3.connect(home / "data" / "smallwins.db")
        assert db.execute("SELECT COUNT(*) FROM wins").fetchone()[0] == 8
        db.close()


# --- a locked database, a full disk ------------------------------------------------------


def _refused_while_locked(home: Path, writes: dict[str, tuple[tuple[str, ...], bytes]]) -> None:
    """Each of `writes` (name: arguments, input), started together while another program
    holds the write lock, says so with exit 75."""
    with write_lock_held(home):
        started = {name: start(*args, env_home=home) for name, (args, _) in writes.items()}
        done = {name: (process.communicate(writes[name][1], timeout=120), process.returncode)
                for name, process in started.items()}
    for name, ((_, err), code) in done.items():
        assert code == 75, (name, err.decode())
        assert b"in use by another program" in err and b"Traceback" not in err, name


@pytest.mark.slow
def test_every_write_to_a_locked_database_says_another_program_has_it(
        home: Path, tmp_path: Path) -> None:
    assert run("text", "I fed the cat", env_home=home).returncode == 0
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    _refused_while_locked(home, {
        "text": (("text", "I watered the plant"), b""),
        "chat": (("chat",), b"I watered the plant\n"),
        "routine": (("routine", "add", "water the plant"), b""),
        "export": (("export", "-o", str(outside / "mine.json")), b""),
        "backup": (("backup", "-o", str(outside / "mine.db")), b""),
        "job": (("schedule", "run", "morning"), b""),
    })
    assert list(outside.iterdir()) == []
    assert _wins(home) == ["fed the cat"]


@pytest.mark.slow
@needs_espeak
def test_a_breathing_wav_is_not_written_while_the_database_is_locked(
        home: Path, tmp_path: Path) -> None:
    assert run("text", "I fed the cat", env_home=home).returncode == 0
    wav = tmp_path / "calm.wav"
    _refused_while_locked(home, {"breathe": (("breathe", "--minutes", "1", "--to-wav",
                                               str(wav)), b"")})
    assert not wav.exists()


@pytest.mark.parametrize("args", [
    ("text", "I watered the plant"),
    ("export",),
    ("backup",),
    ("schedule", "set", "morning", "09:00"),
    pytest.param(("breathe", "--minutes", "1", "--to-wav", "HOME/data/calm.wav"),
                 marks=needs_espeak),
])
def test_a_full_disk_during_a_write_says_so_and_keeps_what_was_saved(
        full_home: Path, args: tuple[str, ...]) -> None:
    result = run(*(arg.replace("HOME", str(full_home)) for arg in args), env_home=full_home)
    assert result.returncode == 74, result.stderr
    assert b"The disk is full" in result.stderr and b"Traceback" not in result.stderr
    (full_home / "filler").unlink()
    assert _wins(full_home) == ["fed the cat"]


# --- killed while writing ------------------------------------------------------------------


def _many_wins(home: Path) -> int:
    store = Store.open(home / "data" / "smallwins.db")
    store.add_wins([Win(f"win {i} " + "x" * 400, NOW) for i in range(2500)])
    store.close()
    return 2500


def _killed_mid_write(home: Path, *args: str) -> int:
    """The CLI, killed by the kernel the moment it writes past KILL_PAST_BYTES in any file."""
    code = ("import signal, sys; signal.signal(signal.SIGXFSZ, signal.SIG_DFL); "
            "from voice.cli import main; sys.exit(main(sys.argv[1:]))")
    env = {**environment(home), "PYTHONDONTWRITEBYTECODE": "1"}

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (KILL_PAST_BYTES, KILL_PAST_BYTES))

    return subprocess.run([PYTHON, "-c", code, *args], env=env, preexec_fn=limit,
                          capture_output=True, timeout=120, check=False).returncode


def test_a_backup_killed_mid_write_leaves_no_unusable_file(home: Path, tmp_path: Path) -> None:
    saved = _many_wins(home)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    target = outside / "copy.db"
    assert _killed_mid_write(home, "backup", "-o", str(target)) == -signal.SIGXFSZ
    assert not target.exists()
    an_hour_ago = time.time() - 3600
    for left in outside.iterdir():  # what the killed write left, found stale by the next one
        os.utime(left, (an_hour_ago, an_hour_ago))
    assert run("backup", "-o", str(target), env_home=home).returncode == 0
    assert list(outside.iterdir()) == [target]
    copy = Store.open(target)
    assert len(copy.all_wins()) == saved
    copy.close()


def test_an_export_killed_mid_write_leaves_nothing_delete_everything_cannot_find(
        home: Path, tmp_path: Path) -> None:
    _many_wins(home)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    assert _killed_mid_write(home, "export", "-o", str(outside / "mine.json")) == \
        -signal.SIGXFSZ
    assert not (outside / "mine.json").exists()
    assert run("delete-everything", "--yes", env_home=home).returncode == 0
    assert list(outside.iterdir()) == [] and not home.exists()


def test_what_a_killed_export_left_behind_is_cleaned_at_a_later_start(home: Path) -> None:
    _many_wins(home)
    assert _killed_mid_write(home, "export") == -signal.SIGXFSZ
    exports = home / "data" / "exports"
    [left] = list(exports.iterdir())
    assert left.name.startswith(".")
    an_hour_ago = time.time() - 3600
    os.utime(left, (an_hour_ago, an_hour_ago))
    assert run("wins", env_home=home).returncode == 0
    assert list(exports.iterdir()) == []


# --- bad input -------------------------------------------------------------------------------


def test_a_text_argument_that_is_not_utf8_is_refused_clearly(home: Path) -> None:
    result = run("text", os.fsdecode(b"I fed the \xff cat"), env_home=home)
    assert result.returncode == 65, result.stderr
    assert b"not UTF-8" in result.stderr and b"Traceback" not in result.stderr
    assert result.stdout == b""
    assert _wins(home) == []


BROKEN_SENTENCES = {
    "a list that is not defined": "intents:\n  WaterPlants:\n    data:\n"
                                  "      - sentences:\n          - I watered the {plant_name}\n",
    "a rule that is not defined": "intents:\n  WaterPlants:\n    data:\n"
                                  "      - sentences:\n          - <my_plants> are watered\n",
    "a template that does not parse": "intents:\n  WaterPlants:\n    data:\n"
                                      "      - sentences:\n          - I watered (the plant\n",
    "a list where a mapping belongs": "- I watered the plant\n",
    "intents that are a list": "intents: [1, 2]\n",
    "sentences that are not a list": "intents:\n  WaterPlants:\n    data:\n"
                                     "      - sentences: 3\n",
    "not YAML": "intents: [\n",
}


@pytest.mark.parametrize("broken", list(BROKEN_SENTENCES))
def test_a_broken_own_sentence_file_is_named_and_the_built_in_commands_still_work(
        home: Path, broken: str) -> None:
    own = home / "config" / "sentences" / "mine.yaml"
    own.parent.mkdir(parents=True)
    own.write_text(BROKEN_SENTENCES[broken])
    said = b"help\nI watered the plant\ndelete everything\nno\n"
    result = run("chat", stdin=said, env_home=home)
    assert result.returncode == 0, result.stderr
    assert str(own).encode() in result.stderr and b"left out" in result.stderr
    assert b"Traceback" not in result.stderr
    out = result.stdout.decode()
    assert "You can tell me a win" in out and "Logged: watered the plant" in out
    assert "Are you sure?" in out
    assert _wins(home) == ["watered the plant"]


def test_a_broken_sentence_file_given_for_one_run_is_refused_by_name(
        home: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(BROKEN_SENTENCES["a list that is not defined"])
    quiet = silent_wav(tmp_path / "quiet.wav", 1)
    result = run("listen", "--dry-run", "--sentences", str(bad), "--wav", str(quiet),
                 env_home=home)
    assert result.returncode == 65 and b"Traceback" not in result.stderr
    assert str(bad).encode() in result.stderr and b"{plant_name}" in result.stderr


# --- privacy: every file written is private and found by delete-everything ------------------


@needs_espeak
def test_a_breathing_wav_is_private_and_delete_everything_removes_it(
        home: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    wav = outside / "calm.wav"
    assert run("breathe", "--minutes", "1", "--to-wav", str(wav), env_home=home).returncode == 0
    assert _mode(wav) == 0o600
    result = run("delete-everything", "--yes", env_home=home)
    assert f"Removed {wav}" in result.stdout.decode()
    assert list(outside.iterdir()) == [] and not home.exists()


def test_a_new_home_folder_and_everything_in_it_is_private(home: Path) -> None:
    assert run("schedule", "set", "morning", "09:00", env_home=home).returncode == 0
    assert run("text", "I fed the cat", env_home=home).returncode == 0
    for folder in (home, home / "config", home / "data"):
        assert _mode(folder) == 0o700, folder
    assert _mode(home / "config" / "config.toml") == 0o600


def test_reading_works_on_a_read_only_data_folder(read_only_home: Path) -> None:
    assert _wins(read_only_home) == ["fed the cat"]
    exported = run("export", "-o", "-", env_home=read_only_home)
    assert exported.returncode == 0, exported.stderr
    assert json.loads(exported.stdout)["wins"][0]["activity"] == "fed the cat"


@pytest.mark.parametrize("command", ["export", "backup"])
def test_writing_into_a_read_only_data_folder_says_where_it_cannot_write(
        read_only_home: Path, command: str) -> None:
    result = run(command, env_home=read_only_home)
    assert result.returncode == 73, result.stderr
    assert f"Cannot write to {read_only_home / 'data'}".encode() in result.stderr
    assert b"Traceback" not in result.stderr


PLANT_LIST = "lists:\n  plant_name:\n    values:\n      - fern\n      - cactus\n"
PLANT_INTENT = ("intents:\n  WaterFern:\n    data:\n      - sentences:\n"
                "          - I watered the {plant_name}\n")


def test_own_sentences_may_use_a_list_another_own_file_defines(home: Path) -> None:
    folder = home / "config" / "sentences"
    folder.mkdir(parents=True)
    (folder / "a_lists.yaml").write_text(PLANT_LIST)
    (folder / "b_intents.yaml").write_text(PLANT_INTENT)
    (folder / "c_broken.yaml").write_text(BROKEN_SENTENCES["a rule that is not defined"])
    result = run("text", "I watered the fern", env_home=home)
    assert result.returncode == 0, result.stderr
    assert b"I understood that" in result.stdout, result.stdout
    assert result.stderr.count(b"left out") == 1 and b"c_broken.yaml" in result.stderr
    assert b"<my_plants>" in result.stderr


def test_sentence_files_given_for_one_run_may_share_their_lists(
        home: Path, tmp_path: Path) -> None:
    (tmp_path / "lists.yaml").write_text(PLANT_LIST)
    (tmp_path / "intents.yaml").write_text(PLANT_INTENT)
    result = run("listen", "--dry-run", "--sentences", str(tmp_path / "lists.yaml"),
                 "--sentences", str(tmp_path / "intents.yaml"), "--wav",
                 str(silent_wav(tmp_path / "quiet.wav", 1)), env_home=home)
    assert result.returncode == 0, result.stderr
    assert b"Traceback" not in result.stderr and result.stderr == b""


def test_a_write_leaves_another_writers_temporary_file_alone(home: Path) -> None:
    """Only a leftover untouched for a long time is a killed write; a fresh one is in progress."""
    assert run("schedule", "set", "morning", "09:00", env_home=home).returncode == 0
    in_progress = home / "config" / ".config.toml.k2x9q0.tmp"
    killed = home / "config" / ".config.toml.a81zzq.tmp"
    in_progress.write_text("another writer's settings")
    killed.write_text("a write killed long ago")
    an_hour_ago = time.time() - 3600
    os.utime(killed, (an_hour_ago, an_hour_ago))
    assert run("schedule", "set", "morning", "09:30", env_home=home).returncode == 0
    assert in_progress.read_text() == "another writer's settings"
    assert not killed.exists()


def test_a_file_that_cannot_be_written_is_called_a_file(home: Path, tmp_path: Path) -> None:
    folder = tmp_path / "a folder"
    folder.mkdir()
    result = run("export", "-o", str(folder), env_home=home)
    assert result.returncode == 74, result.stderr
    assert f"The file {folder} failed".encode() in result.stderr
    assert b"database" not in result.stderr and b"Traceback" not in result.stderr


def _wins_partly_in_the_log(staging: Path) -> Callable[[Path], None]:
    """Fill a home with a database whose last win is committed to its -wal file only, and no
    -shm file: as a copy taken while another program held the database open."""
    def fill(home: Path) -> None:
        assert run("text", "I fed the cat", env_home=staging).returncode == 0
        db = staging / "data" / "smallwins.db"
        holder = sqlite3.connect(db)  # reading, so the next command's close merges nothing
        holder.execute("SELECT COUNT(*) FROM wins").fetchone()
        try:
            assert run("text", "I watered the plant", env_home=staging).returncode == 0
            assert Path(f"{db}-wal").stat().st_size > 0
            for suffix in ("", "-wal"):
                shutil.copyfile(f"{db}{suffix}", home / "data" / f"smallwins.db{suffix}")
        finally:
            holder.close()

    return fill


def test_a_read_only_folder_with_unmerged_wins_says_how_to_read_them(
        home: Path, tmp_path: Path) -> None:
    with read_only_data(home, _wins_partly_in_the_log(tmp_path / "staging")):
        result = run("wins", "--all", env_home=home)
    assert result.returncode == 73, (result.stdout, result.stderr)
    assert b"smallwins.db-wal" in result.stderr and b"writable once" in result.stderr
    assert result.stdout == b"" and b"Traceback" not in result.stderr


def test_a_path_whose_write_failed_is_not_deleted_later(home: Path, tmp_path: Path) -> None:
    """The export failed, so the file the person later puts at that path is theirs."""
    assert run("text", "I fed the cat", env_home=home).returncode == 0
    target = tmp_path / "mine.json"
    target.mkdir()  # the export cannot be renamed over a folder
    assert run("export", "-o", str(target), env_home=home).returncode == 74
    target.rmdir()
    target.write_text("the person's own notes")
    assert run("delete-everything", "--yes", env_home=home).returncode == 0
    assert target.read_text() == "the person's own notes" and not home.exists()


def test_a_routine_argument_that_is_not_utf8_is_refused_clearly(home: Path) -> None:
    result = run("routine", "add", os.fsdecode(b"water the \xff plant"), env_home=home)
    assert result.returncode == 65, result.stderr
    assert b"not UTF-8" in result.stderr and b"Traceback" not in result.stderr
    listed = run("routine", "list", env_home=home)
    assert listed.returncode == 0 and listed.stdout.startswith(b"No routines yet")


def test_only_the_programs_own_folders_are_made_private(tmp_path: Path) -> None:
    """Without SMALLWINS_HOME the folders go under ~/.local/share and ~/.config: those are the
    person's, and keep the usual mode when the program has to make them."""
    user = tmp_path / "user"
    user.mkdir()
    env = {key: value for key, value in os.environ.items()
           if key != "SMALLWINS_HOME" and not key.startswith("XDG_")}
    for args in (("schedule", "set", "morning", "09:00"), ("text", "I fed the cat")):
        result = subprocess.run([PYTHON, "-m", "voice", *args], env={**env, "HOME": str(user)},
                                capture_output=True, check=False)
        assert result.returncode == 0, result.stderr
    umask = os.umask(0o022)
    os.umask(umask)
    for mine in (".config/smallwins", ".local/share/smallwins"):
        assert _mode(user / mine) == 0o700, mine
    for theirs in (".config", ".local", ".local/share"):
        assert _mode(user / theirs) == 0o777 & ~umask, theirs
