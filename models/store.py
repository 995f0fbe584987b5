"""The SQLite store: durable, private, checked at start-up, one transaction per user action."""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from models.errors import StoreError, damaged, translate_error
from models.exit_codes import EXIT_CANT_CREATE
from models.files import private_folder, write_whole
from models.migrations import MIGRATIONS
from models.records import (
    BreathingSession,
    CrisisEvent,
    Intention,
    Mood,
    Note,
    Reflection,
    Reminder,
    Routine,
    Win,
)

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_SECONDS = 5.0
SNOOZE_PREFIX = "snooze:"
UNDOABLE_TABLES = ("wins", "intentions", "moods", "reflections", "notes", "reminders")
# The entries a person may correct or remove by number, and the column that holds their words.
EDITABLE_COLUMNS = {"wins": "activity", "intentions": "text", "notes": "text", "moods": "score"}


def _editable(table: str) -> str:
    """The column holding the words of a table whose entries are changed by number."""
    if table not in EDITABLE_COLUMNS:
        raise ValueError(f"entries of {table} are not changed by number")
    return EDITABLE_COLUMNS[table]


@dataclass(frozen=True)
class Undone:
    """What an undo removed."""

    kind: str
    wins: list[Win]
    texts: list[str]


def private_file(path: Path) -> None:
    """Owner read/write only."""
    if path.exists():
        os.chmod(path, 0o600)


def _iso(value: datetime | date) -> str:
    return value.isoformat(timespec="seconds") if isinstance(value, datetime) else value.isoformat()


def _dt(text: str) -> datetime:
    return datetime.fromisoformat(text)


class Store:
    def __init__(self, connection: sqlite3.Connection, path: Path | None) -> None:
        self._db = connection
        self.path = path
        self._depth = 0
        self._batch: int | None = None

    # --- opening -------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path, busy_timeout: float = BUSY_TIMEOUT_SECONDS,
             top: Path | None = None) -> Store:
        """Open (creating if needed) the database at `path`, in a private folder (with those
        missing from `top` down; see private_folder). In a folder that cannot be written, an
        existing database is opened to read: writing then says so."""
        if path.exists() and not os.access(path.parent, os.W_OK):
            return cls._open_to_read(path, busy_timeout)
        try:
            private_folder(path.parent, top)
        except OSError as error:
            raise translate_error(error, path) from error
        if path.exists():
            _check_header(path)
        elif not os.access(path.parent, os.W_OK):
            raise translate_error(sqlite3.OperationalError("unable to open"), path)
        old_umask = os.umask(0o077)
        try:
            connection = sqlite3.connect(
                path, timeout=busy_timeout, isolation_level=None, check_same_thread=False
            )
            store = cls(connection, path)
            store._prepare(durable=True)
        except sqlite3.Error as error:
            raise translate_error(error, path) from error
        finally:
            os.umask(old_umask)
        for suffix in ("", "-wal", "-shm"):
            private_file(Path(f"{path}{suffix}"))
        return store

    @classmethod
    def _open_to_read(cls, path: Path, busy_timeout: float) -> Store:
        """Read-only; `immutable` when SQLite cannot even make its shared-memory file there."""
        _check_header(path)
        try:
            return cls(_reader(path, "mode=ro", busy_timeout), path)
        except sqlite3.Error:
            pass
        log = Path(f"{path}-wal")
        if log.exists() and log.stat().st_size > 0 and not Path(f"{path}-shm").exists():
            raise StoreError(  # reading without the log would hide what it holds
                f"{path} has saved changes in {log} that cannot be read while {path.parent} "
                "cannot be written. Nothing was changed. Make the folder writable once "
                f"(chmod u+w '{path.parent}') and run smallwins again, so the log is merged into "
                "the database; after that it can be read from a read-only folder.",
                EXIT_CANT_CREATE,
            )
        try:
            return cls(_reader(path, "mode=ro&immutable=1", busy_timeout), path)
        except sqlite3.Error as error:
            raise translate_error(error, path) from error

    @classmethod
    def memory(cls) -> Store:
        """An in-memory store, for tests and dry runs."""
        connection = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        store = cls(connection, None)
        store._prepare(durable=False)
        return store

    def _prepare(self, durable: bool) -> None:
        self._db.row_factory = sqlite3.Row
        self._db.execute("PRAGMA foreign_keys = ON")
        if durable:
            mode = self._db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if mode.lower() != "wal":
                raise StoreError(f"Could not switch {self.path} to WAL mode (got {mode}).")
            self._db.execute("PRAGMA synchronous = FULL")
            result = self._db.execute("PRAGMA quick_check").fetchone()[0]
            if result != "ok":
                raise damaged(self.path or ":memory:")
        self._migrate()

    def _migrate(self) -> None:
        """Run what is pending under the write lock, reading the done list again once it is
        held: several first runs at once make the schema once, the others wait."""
        if not self._pending_migrations():
            return
        self._db.execute("BEGIN IMMEDIATE")
        try:
            self._db.execute("CREATE TABLE IF NOT EXISTS schema_migrations"
                             " (name TEXT PRIMARY KEY, at TEXT NOT NULL)")
            for name, sql in self._pending_migrations():
                for statement in sql.split(";"):
                    if statement.strip():
                        self._db.execute(statement)
                self._db.execute(
                    "INSERT INTO schema_migrations VALUES (?, ?)", (name, _iso(datetime.now()))
                )
            self._db.execute("COMMIT")
        except sqlite3.Error:
            self._rollback()
            raise

    def _pending_migrations(self) -> list[tuple[str, str]]:
        made = self._db.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
        ).fetchone()
        done = {row[0] for row in self._db.execute("SELECT name FROM schema_migrations")} \
            if made else set()
        return [(name, sql) for name, sql in MIGRATIONS if name not in done]

    def close(self) -> None:
        self._db.close()

    def pragmas(self) -> dict[str, object]:
        """The durability settings in force on this connection."""
        names = ("journal_mode", "synchronous", "foreign_keys")
        return {name: self._query(f"PRAGMA {name}")[0][0] for name in names}

    # --- transactions --------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One user action: everything inside commits together or not at all."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            raise translate_error(error, self.path or ":memory:") from error
        self._depth = 1
        try:
            yield
            self._db.execute("COMMIT")
        except sqlite3.Error as error:
            self._rollback()
            raise translate_error(error, self.path or ":memory:") from error
        except BaseException:
            self._rollback()
            raise
        finally:
            self._depth = 0
            self._batch = None

    def _rollback(self) -> None:
        """Undo the open transaction, if SQLite has not already (it does on a full disk)."""
        if self._db.in_transaction:
            self._db.execute("ROLLBACK")

    def _execute(self, sql: str, params: tuple[Any, ...] = ()) -> sqlite3.Cursor:
        with self.transaction():
            return self._db.execute(sql, params)

    def _query(self, sql: str, params: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        try:
            return self._db.execute(sql, params).fetchall()
        except sqlite3.Error as error:
            raise translate_error(error, self.path or ":memory:") from error

    def _action(self, kind: str, at: datetime) -> int:
        """The batch id shared by everything one user action adds, so undo removes it whole."""
        if self._batch is None:
            cursor = self._db.execute(
                "INSERT INTO actions (at, kind) VALUES (?, ?)", (_iso(at), kind)
            )
            self._batch = int(cursor.lastrowid or 0)
        return self._batch

    # --- wins ----------------------------------------------------------------------------

    def add_wins(self, wins: list[Win]) -> list[Win]:
        """Log wins said together, as one undoable action."""
        saved = []
        with self.transaction():
            for win in wins:
                batch = self._action("win", win.at)
                cursor = self._db.execute(
                    "INSERT INTO wins (activity, at, area, mood_before, mood_after, enjoyment,"
                    " importance, source, batch) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (win.activity, _iso(win.at), win.area, win.mood_before, win.mood_after,
                     win.enjoyment, win.importance, win.source, batch),
                )
                saved.append(replace(win, id=cursor.lastrowid))
        return saved

    def update_win(self, win_id: int, **values: int | str | None) -> None:
        allowed = {"activity", "area", "mood_before", "mood_after", "enjoyment", "importance"}
        if not values or not set(values) <= allowed:
            raise ValueError(f"can only update {sorted(allowed)}")
        columns = ", ".join(f"{name} = ?" for name in values)
        self._execute(f"UPDATE wins SET {columns} WHERE id = ?", (*values.values(), win_id))

    def last_win(self) -> Win | None:
        rows = self._query("SELECT * FROM wins ORDER BY at DESC, id DESC LIMIT 1")
        return _win(rows[0]) if rows else None

    def wins_between(self, start: datetime, end: datetime) -> list[Win]:
        """Wins at or after `start` and before `end`, oldest first."""
        rows = self._query(
            "SELECT * FROM wins WHERE at >= ? AND at < ? ORDER BY at, id", (_iso(start), _iso(end))
        )
        return [_win(row) for row in rows]

    def recent_activities(self, limit: int) -> list[str]:
        """The person's own distinct activities, lower case, most recently logged first."""
        rows = self._query(
            "SELECT lower(activity) AS said FROM wins GROUP BY said ORDER BY MAX(at) DESC LIMIT ?",
            (limit,),
        )
        return [row["said"] for row in rows]

    def all_wins(self) -> list[Win]:
        return [_win(row) for row in self._query("SELECT * FROM wins ORDER BY at, id")]

    # --- undo ----------------------------------------------------------------------------

    def undo_last(self) -> Undone | None:
        """Remove everything the last undoable action added."""
        with self.transaction():
            row = self._db.execute(
                "SELECT id, kind FROM actions WHERE id IN ("
                + " UNION ".join(f"SELECT batch FROM {t}" for t in UNDOABLE_TABLES)
                + ") ORDER BY id DESC LIMIT 1"
            ).fetchone()
            if row is None:
                return None
            batch, kind = row["id"], row["kind"]
            rows = self._db.execute("SELECT * FROM wins WHERE batch = ?", (batch,))
            wins = [_win(r) for r in rows]
            texts = [w.activity for w in wins]
            for table, column in (("intentions", "text"), ("notes", "text"), ("reminders", "text")):
                texts += [r[0] for r in self._db.execute(
                    f"SELECT {column} FROM {table} WHERE batch = ?", (batch,))]
            for table in UNDOABLE_TABLES:
                self._db.execute(f"DELETE FROM {table} WHERE batch = ?", (batch,))
            self._db.execute("DELETE FROM actions WHERE id = ?", (batch,))
        return Undone(kind=kind, wins=wins, texts=texts)

    # --- intentions ----------------------------------------------------------------------

    def add_intention(self, intention: Intention) -> Intention:
        with self.transaction():
            batch = self._action("intention", intention.created_at)
            cursor = self._db.execute(
                "INSERT INTO intentions (text, day, created_at, status, batch)"
                " VALUES (?, ?, ?, ?, ?)",
                (intention.text, _iso(intention.day), _iso(intention.created_at),
                 intention.status, batch),
            )
        return replace(intention, id=cursor.lastrowid)

    def intentions_for(self, day: date) -> list[Intention]:
        rows = self._query("SELECT * FROM intentions WHERE day = ? ORDER BY id", (_iso(day),))
        return [_intention(row) for row in rows]

    def intentions_between(self, start: date, end: date) -> list[Intention]:
        """Intentions for days from `start` up to, not including, `end`."""
        rows = self._query(
            "SELECT * FROM intentions WHERE day >= ? AND day < ? ORDER BY day, id",
            (_iso(start), _iso(end)),
        )
        return [_intention(row) for row in rows]

    def set_intention_status(self, intention_id: int, status: str) -> None:
        self._execute("UPDATE intentions SET status = ? WHERE id = ?", (status, intention_id))

    # --- moods, reflections, notes -------------------------------------------------------

    def add_mood(self, mood: Mood) -> Mood:
        with self.transaction():
            batch = self._action("mood", mood.at)
            cursor = self._db.execute(
                "INSERT INTO moods (score, at, word, batch) VALUES (?, ?, ?, ?)",
                (mood.score, _iso(mood.at), mood.word, batch),
            )
        return replace(mood, id=cursor.lastrowid)

    def update_mood(self, mood_id: int, score: int) -> None:
        self._execute("UPDATE moods SET score = ? WHERE id = ?", (score, mood_id))

    def moods_between(self, start: datetime, end: datetime) -> list[Mood]:
        rows = self._query(
            "SELECT * FROM moods WHERE at >= ? AND at < ? ORDER BY at, id", (_iso(start), _iso(end))
        )
        return [Mood(score=r["score"], at=_dt(r["at"]), word=r["word"], id=r["id"]) for r in rows]

    def add_reflection(self, reflection: Reflection) -> Reflection:
        with self.transaction():
            batch = self._action("reflection", reflection.at)
            cursor = self._db.execute(
                "INSERT INTO reflections (at, done, mood_word, batch) VALUES (?, ?, ?, ?)",
                (_iso(reflection.at), reflection.done, reflection.mood_word, batch),
            )
        return replace(reflection, id=cursor.lastrowid)

    def reflections(self) -> list[Reflection]:
        return [
            Reflection(at=_dt(r["at"]), done=r["done"], mood_word=r["mood_word"], id=r["id"])
            for r in self._query("SELECT * FROM reflections ORDER BY at, id")
        ]

    def add_note(self, note: Note) -> Note:
        with self.transaction():
            batch = self._action("note", note.at)
            cursor = self._db.execute(
                "INSERT INTO notes (text, at, batch) VALUES (?, ?, ?)",
                (note.text, _iso(note.at), batch),
            )
        return replace(note, id=cursor.lastrowid)

    def notes(self) -> list[Note]:
        return [
            Note(text=r["text"], at=_dt(r["at"]), id=r["id"])
            for r in self._query("SELECT * FROM notes ORDER BY at, id")
        ]

    # --- any entry, by number ----------------------------------------------------------------

    def edit_entry(self, table: str, entry_id: int, value: str | int) -> bool:
        """Whether the entry of `table` numbered `entry_id` was there to take the new value."""
        column = _editable(table)
        cursor = self._execute(f"UPDATE {table} SET {column} = ? WHERE id = ?", (value, entry_id))
        return cursor.rowcount == 1

    def remove_entry(self, table: str, entry_id: int) -> bool:
        """Whether the entry of `table` numbered `entry_id` was there to remove."""
        _editable(table)
        cursor = self._execute(f"DELETE FROM {table} WHERE id = ?", (entry_id,))
        return cursor.rowcount == 1

    # --- reminders ------------------------------------------------------------------------

    def add_reminder(self, reminder: Reminder) -> Reminder:
        with self.transaction():
            batch = self._action("reminder", reminder.created_at)
            cursor = self._db.execute(
                "INSERT INTO reminders (text, due_at, status, created_at, batch)"
                " VALUES (?, ?, ?, ?, ?)",
                (reminder.text, _iso(reminder.due_at), reminder.status,
                 _iso(reminder.created_at), batch),
            )
        return replace(reminder, id=cursor.lastrowid)

    def pending_reminders(self) -> list[Reminder]:
        """Reminders not yet said, soonest first."""
        rows = self._query(
            "SELECT * FROM reminders WHERE status = 'pending' ORDER BY due_at, id")
        return [_reminder(row) for row in rows]

    def set_reminder_status(self, reminder_id: int, status: str) -> None:
        self._execute("UPDATE reminders SET status = ? WHERE id = ?", (status, reminder_id))

    def remove_reminder(self, reminder_id: int) -> bool:
        return self._execute("DELETE FROM reminders WHERE id = ?", (reminder_id,)).rowcount > 0

    # --- breathing, crisis events --------------------------------------------------------

    def add_breathing_session(self, session: BreathingSession) -> int:
        cursor = self._execute(
            "INSERT INTO breathing_sessions (started_at, planned_seconds, pattern, completed,"
            " played_seconds, feeling_after) VALUES (?, ?, ?, ?, ?, ?)",
            (_iso(session.started_at), session.planned_seconds, session.pattern,
             int(session.completed), session.played_seconds, session.feeling_after),
        )
        return int(cursor.lastrowid or 0)

    def breathing_sessions(self) -> list[BreathingSession]:
        return [
            BreathingSession(
                started_at=_dt(r["started_at"]), planned_seconds=r["planned_seconds"],
                pattern=r["pattern"], completed=bool(r["completed"]),
                played_seconds=r["played_seconds"], feeling_after=r["feeling_after"], id=r["id"],
            )
            for r in self._query("SELECT * FROM breathing_sessions ORDER BY started_at, id")
        ]

    def add_crisis_event(self, event: CrisisEvent) -> None:
        self._execute(
            "INSERT INTO crisis_events (at, category) VALUES (?, ?)",
            (_iso(event.at), event.category),
        )

    def last_crisis_event(self) -> CrisisEvent | None:
        rows = self._query("SELECT * FROM crisis_events ORDER BY at DESC, id DESC LIMIT 1")
        return CrisisEvent(at=_dt(rows[0]["at"]), category=rows[0]["category"], id=rows[0]["id"]) \
            if rows else None

    def crisis_events(self) -> list[CrisisEvent]:
        return [
            CrisisEvent(at=_dt(r["at"]), category=r["category"], id=r["id"])
            for r in self._query("SELECT * FROM crisis_events ORDER BY at, id")
        ]

    # --- routines ------------------------------------------------------------------------

    def add_routine(self, routine: Routine) -> Routine:
        cursor = self._execute(
            "INSERT INTO routines (task, cue_time, after_routine, completion, celebration, kind,"
            " active) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (routine.task, routine.cue_time, routine.after_routine, routine.completion,
             routine.celebration, routine.kind, int(routine.active)),
        )
        return replace(routine, id=cursor.lastrowid)

    def update_routine(self, routine: Routine) -> None:
        if routine.id is None:
            raise ValueError("routine has no id")
        self._execute(
            "UPDATE routines SET task = ?, cue_time = ?, after_routine = ?, completion = ?,"
            " celebration = ?, kind = ?, active = ? WHERE id = ?",
            (routine.task, routine.cue_time, routine.after_routine, routine.completion,
             routine.celebration, routine.kind, int(routine.active), routine.id),
        )

    def remove_routine(self, routine_id: int) -> bool:
        return self._execute("DELETE FROM routines WHERE id = ?", (routine_id,)).rowcount > 0

    def routines(self) -> list[Routine]:
        return [
            Routine(
                task=r["task"], cue_time=r["cue_time"], after_routine=r["after_routine"],
                completion=r["completion"], celebration=r["celebration"], kind=r["kind"],
                active=bool(r["active"]), id=r["id"],
            )
            for r in self._query("SELECT * FROM routines ORDER BY id")
        ]

    # --- scheduled job runs --------------------------------------------------------------

    def record_job_run(self, job: str, slot: str, at: datetime, outcome: str) -> bool:
        """Mark `job` done for `slot` (e.g. a date); False if it already ran for that slot."""
        cursor = self._execute(
            "INSERT OR IGNORE INTO job_runs (job, slot, at, outcome) VALUES (?, ?, ?, ?)",
            (job, slot, _iso(at), outcome),
        )
        return cursor.rowcount > 0

    def job_ran(self, job: str, slot: str) -> bool:
        return bool(self._query("SELECT 1 FROM job_runs WHERE job = ? AND slot = ?", (job, slot)))

    # --- dialogue state ------------------------------------------------------------------

    def set_dialogue(self, name: str, value: dict[str, Any], expires_at: datetime) -> None:
        self._execute(
            "INSERT OR REPLACE INTO dialogue (name, value, expires_at) VALUES (?, ?, ?)",
            (name, json.dumps(value), _iso(expires_at)),
        )

    def get_dialogue(self, name: str, now: datetime) -> dict[str, Any] | None:
        """The pending value, or None once it has expired."""
        rows = self._query("SELECT value, expires_at FROM dialogue WHERE name = ?", (name,))
        if not rows or _dt(rows[0]["expires_at"]) <= now:
            return None
        return json.loads(rows[0]["value"])

    def clear_dialogue(self, name: str) -> None:
        self._execute("DELETE FROM dialogue WHERE name = ?", (name,))

    # --- snoozed jobs: kept beside the dialogue state, as something to say at a set time ---

    def snooze_job(self, job: str, due_at: datetime) -> None:
        """Say `job` again at `due_at`; a later snooze of the same job replaces this one."""
        self.set_dialogue(f"{SNOOZE_PREFIX}{job}", {"due_at": _iso(due_at)}, due_at)

    def snoozes(self) -> dict[str, datetime]:
        """Every snoozed job and when it is due, including any that fell due while off."""
        rows = self._query(
            "SELECT name, value FROM dialogue WHERE substr(name, 1, ?) = ?",
            (len(SNOOZE_PREFIX), SNOOZE_PREFIX),
        )
        return {r["name"][len(SNOOZE_PREFIX):]: _dt(json.loads(r["value"])["due_at"])
                for r in rows}

    def clear_snooze(self, job: str) -> None:
        self.clear_dialogue(f"{SNOOZE_PREFIX}{job}")

    # --- activity, files ----------------------------------------------------------------

    def last_action_at(self) -> datetime | None:
        rows = self._query("SELECT MAX(at) FROM actions")
        return _dt(rows[0][0]) if rows and rows[0][0] else None

    def remember_written_file(self, path: Path, at: datetime) -> None:
        """Note a file about to be written outside the data folder, as not yet written, so that
        delete-everything finds what a write cut short leaves beside it. A path written before
        stays written."""
        self._execute(
            "INSERT INTO written_files (path, at, written) VALUES (?, ?, 0)"
            " ON CONFLICT (path) DO NOTHING",
            (str(path.resolve()), _iso(at)),
        )

    def confirm_written_file(self, path: Path) -> None:
        """The file noted is now whole under its name: delete-everything removes it."""
        self._execute("UPDATE written_files SET written = 1 WHERE path = ?",
                      (str(path.resolve()),))

    def forget_unwritten_file(self, path: Path) -> None:
        """The write failed before the file was ours: whatever is there later is not."""
        self._execute("DELETE FROM written_files WHERE path = ? AND written = 0",
                      (str(path.resolve()),))

    def written_files(self, only_whole: bool = False) -> list[Path]:
        """Files written outside the data folder; with `only_whole`, those known to be whole
        under their name (the rest were cut short: only leftovers beside them are ours)."""
        rows = self._query("SELECT path FROM written_files" +
                           (" WHERE written = 1" if only_whole else ""))
        return [Path(row["path"]) for row in rows]

    def table_rows(self, table: str) -> list[dict[str, Any]]:
        """Every row of a table as plain values, for export."""
        if table not in EXPORTED_TABLES:
            raise ValueError(f"not an exported table: {table}")
        return [dict(row) for row in self._query(f"SELECT * FROM {table} ORDER BY id")]

    def backup(self, destination: Path) -> None:
        """A consistent copy through SQLite's online backup API, readable by the owner only,
        under its name only once it is whole."""
        try:
            write_whole(destination, self._copy_to)
        except (sqlite3.Error, OSError) as error:
            raise translate_error(error, destination) from error

    def _copy_to(self, destination: Path) -> None:
        target = sqlite3.connect(destination)
        try:
            with target:
                self._db.backup(target)
        finally:
            target.close()


EXPORTED_TABLES = (
    "wins", "intentions", "moods", "reflections", "notes", "breathing_sessions",
    "crisis_events", "routines", "reminders",
)


def _reader(path: Path, options: str, busy_timeout: float) -> sqlite3.Connection:
    """A read-only connection that has shown it can read, or the error that stopped it."""
    connection = sqlite3.connect(f"{path.absolute().as_uri()}?{options}", uri=True,
                                 timeout=busy_timeout, isolation_level=None,
                                 check_same_thread=False)
    try:
        connection.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
    except sqlite3.Error:
        connection.close()
        raise
    connection.row_factory = sqlite3.Row
    return connection


def _check_header(path: Path) -> None:
    try:
        with open(path, "rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise translate_error(error, path) from error
    if header and header != SQLITE_HEADER:
        raise damaged(path)


def _win(row: sqlite3.Row) -> Win:
    return Win(
        activity=row["activity"], at=_dt(row["at"]), area=row["area"],
        mood_before=row["mood_before"], mood_after=row["mood_after"], enjoyment=row["enjoyment"],
        importance=row["importance"], source=row["source"], id=row["id"],
    )


def _intention(row: sqlite3.Row) -> Intention:
    return Intention(
        text=row["text"], day=date.fromisoformat(row["day"]), created_at=_dt(row["created_at"]),
        status=row["status"], id=row["id"],
    )


def _reminder(row: sqlite3.Row) -> Reminder:
    return Reminder(
        text=row["text"], due_at=_dt(row["due_at"]), created_at=_dt(row["created_at"]),
        status=row["status"], id=row["id"],
    )
