"""The SQLite store: durability settings, migrations, checks, undo, privacy, failures."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from models.exit_codes import EXIT_DATA, EXIT_TEMPFAIL
from models.migrations import MIGRATIONS
from models.records import CrisisEvent, Intention, Mood, Note, Routine, Win
from models.store import Store, StoreError

NOW = datetime(2026, 11, 24, 9, 0)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "smallwins.db"


def test_open_sets_wal_full_sync_and_private_modes(db_path: Path) -> None:
    store = Store.open(db_path)
    store.add_wins([Win("watered the plant", NOW)])
    check = sqlite3.connect(db_path)
    assert check.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    check.close()
    assert _mode(db_path.parent) == 0o700
    for suffix in ("", "-wal", "-shm"):
        path = Path(f"{db_path}{suffix}")
        assert path.exists() and _mode(path) == 0o600, suffix
    store.close()


def test_synchronous_full_on_the_connection_that_writes(db_path: Path) -> None:
    store = Store.open(db_path)
    assert store.pragmas() == {"journal_mode": "wal", "synchronous": 2, "foreign_keys": 1}
    store.close()


def test_migrations_run_once_in_order(db_path: Path) -> None:
    Store.open(db_path).close()
    Store.open(db_path).close()
    names = [r[0] for r in sqlite3.connect(db_path).execute(
        "SELECT name FROM schema_migrations ORDER BY rowid")]
    assert names == [name for name, _ in MIGRATIONS]


def test_wins_survive_reopen(db_path: Path) -> None:
    store = Store.open(db_path)
    store.add_wins([Win("watered the plant", NOW, area="home", mood_before=3)])
    store.close()
    again = Store.open(db_path)
    [win] = again.all_wins()
    assert (win.activity, win.at, win.area, win.mood_before) == (
        "watered the plant", NOW, "home", 3)


def test_undo_removes_the_whole_last_action(store: Store) -> None:
    store.add_wins([Win("fed the cat", NOW)])
    store.add_wins([Win("made my bed", NOW), Win("ate lunch", NOW)])
    undone = store.undo_last()
    assert undone is not None and [w.activity for w in undone.wins] == ["made my bed", "ate lunch"]
    assert [w.activity for w in store.all_wins()] == ["fed the cat"]
    store.add_intention(Intention("call my sister", NOW.date(), NOW))
    assert store.undo_last().texts == ["call my sister"]
    store.add_mood(Mood(4, NOW))
    assert store.undo_last().kind == "mood"
    assert store.undo_last().wins[0].activity == "fed the cat"
    assert store.undo_last() is None


def test_failed_action_rolls_back_everything_in_it(store: Store) -> None:
    with pytest.raises(StoreError), store.transaction():
        store.add_wins([Win("watered the plant", NOW)])
        store.add_mood(Mood(11, NOW))  # out of range: the CHECK fails
    assert store.all_wins() == []


def test_ranges_and_lookups(store: Store) -> None:
    store.add_wins([Win("old", NOW - timedelta(days=8)), Win("new", NOW)])
    assert [w.activity for w in store.wins_between(NOW - timedelta(days=7), NOW + timedelta(1))] \
        == ["new"]
    store.add_note(Note("you got through worse", NOW))
    assert store.notes()[0].text == "you got through worse"
    store.add_crisis_event(CrisisEvent(NOW, "ideation"))
    assert store.last_crisis_event().category == "ideation"
    routine = store.add_routine(Routine(task="water the plant", cue_time="09:00"))
    assert store.routines() == [routine]
    assert store.record_job_run("morning", "2026-11-24", NOW, "spoken")
    assert not store.record_job_run("morning", "2026-11-24", NOW, "spoken")
    assert store.intentions_for(date(2026, 11, 24)) == []


def test_dialogue_state_expires(store: Store) -> None:
    store.set_dialogue("pending", {"kind": "followup"}, NOW + timedelta(minutes=2))
    assert store.get_dialogue("pending", NOW + timedelta(minutes=1)) == {"kind": "followup"}
    assert store.get_dialogue("pending", NOW + timedelta(minutes=2)) is None


def test_not_a_database_is_left_untouched(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"these are my notes, not a database\n" * 100)
    before = db_path.read_bytes()
    with pytest.raises(StoreError) as caught:
        Store.open(db_path)
    assert caught.value.exit_code == EXIT_DATA
    assert "Move it aside" in str(caught.value) and str(db_path) in str(caught.value)
    assert db_path.read_bytes() == before


def test_damaged_database_fails_quick_check_with_a_clear_message(db_path: Path) -> None:
    store = Store.open(db_path)
    store.add_wins([Win(f"win {i}", NOW) for i in range(500)])
    store.close()
    data = bytearray(db_path.read_bytes())
    data[4096:4096 + 64] = b"\x0f" * 64  # scribble over the second page's b-tree header
    db_path.write_bytes(bytes(data))
    with pytest.raises(StoreError, match="damaged"):
        Store.open(db_path)


def test_locked_database_says_another_program_has_it(db_path: Path) -> None:
    Store.open(db_path).close()
    holder = sqlite3.connect(db_path, isolation_level=None)
    blocked = Store.open(db_path, busy_timeout=0.1)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreError) as caught:
            blocked.add_wins([Win("watered the plant", NOW)])
        assert caught.value.exit_code == EXIT_TEMPFAIL
        assert "another program" in str(caught.value)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    blocked.add_wins([Win("watered the plant", NOW)])
    assert len(blocked.all_wins()) == 1


def test_backup_is_a_consistent_private_copy(db_path: Path, tmp_path: Path) -> None:
    store = Store.open(db_path)
    store.add_wins([Win("watered the plant", NOW)])
    copy = tmp_path / "backup.db"
    store.backup(copy)
    assert _mode(copy) == 0o600
    assert Store.open(copy).all_wins()[0].activity == "watered the plant"


@pytest.mark.skipif(os.geteuid() != 0, reason="mounting a tiny file system needs root")
def test_full_disk_keeps_what_was_saved(tmp_path: Path) -> None:
    mount = tmp_path / "tiny"
    mount.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(mount)],
                             capture_output=True, check=False)
    if mounted.returncode != 0:
        pytest.skip("this machine does not allow mounting a tmpfs")
    store = None
    try:
        store = Store.open(mount / "smallwins.db")
        store.add_wins([Win("watered the plant", NOW)])
        with pytest.raises(StoreError) as caught:
            for i in range(10_000):
                store.add_wins([Win(f"win {i} " + "x" * 500, NOW)])
        assert "disk is full" in str(caught.value)
        assert store.all_wins()[0].activity == "watered the plant"
    finally:
        if store is not None:
            store.close()
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_recent_activities_are_distinct_newest_first_and_capped(store: Store) -> None:
    store.add_wins([Win("Fed the cat", NOW - timedelta(days=3)), Win("made tea", NOW)])
    store.add_wins([Win("fed the cat", NOW - timedelta(days=1))])
    assert store.recent_activities(10) == ["made tea", "fed the cat"]
    assert store.recent_activities(1) == ["made tea"]
