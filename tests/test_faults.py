"""The command line under faults and bad input, in real processes on real files: a clear message
and its exit code, nothing saved lost, nothing written that delete-everything cannot find."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from tests.conftest import run

PYTHON = sys.executable
NOW = datetime(2026, 11, 24, 9, 0)
KILL_PAST_BYTES = 256 * 1024  # a file write past this kills the process (SIGXFSZ)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _wins(home: Path) -> list[str]:
    listed = run("wins", "--all", "--json", env_home=home)
    assert listed.returncode == 0, listed.stderr
    return [json.loads(line)["activity"] for line in listed.stdout.splitlines()]


def _start(home: Path, *args: str) -> subprocess.Popen[bytes]:
    """`python -m voice ARGS`, started and left running; its input goes in by communicate()."""
    env = {**os.environ, "SMALLWINS_HOME": str(home)}
    return subprocess.Popen([PYTHON, "-m", "voice", *args], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)


# --- first run: several commands at once on a new data folder ----------------------------


def test_eight_commands_started_together_on_a_new_folder_all_keep_their_win(
        tmp_path: Path) -> None:
    """Each round a new data folder; every process migrates, or waits for the one that does."""
    for round_number in range(2):
        home = tmp_path / f"home{round_number}"
        processes = [_start(home, "text", "I watered the plant") for _ in range(8)]
        for process in processes:
            out, err = process.communicate(timeout=120)  # no input: stdin closes
            assert process.returncode == 0, err.decode()
            assert b"Logged: watered the plant" in out
        db = sqlite3.connect(home / "data" / "smallwins.db")
        assert db.execute("SELECT COUNT(*) FROM wins").fetchone()[0] == 8
        db.close()
