"""Ordered schema migrations: each runs once, in order, inside one transaction."""

from __future__ import annotations

MIGRATIONS: list[tuple[str, str]] = [
    (
        "m001_initial",
        """
        CREATE TABLE wins (
            id INTEGER PRIMARY KEY,
            activity TEXT NOT NULL,
            at TEXT NOT NULL,
            area TEXT,
            mood_before INTEGER CHECK (mood_before BETWEEN 0 AND 10),
            mood_after INTEGER CHECK (mood_after BETWEEN 0 AND 10),
            enjoyment INTEGER CHECK (enjoyment BETWEEN 0 AND 10),
            importance INTEGER CHECK (importance BETWEEN 0 AND 10),
            source TEXT NOT NULL DEFAULT 'spoken',
            batch INTEGER NOT NULL
        );
        CREATE INDEX wins_at ON wins (at);
        CREATE TABLE intentions (
            id INTEGER PRIMARY KEY,
            text TEXT NOT NULL,
            day TEXT NOT NULL,
            created_at TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'open',
            batch INTEGER NOT NULL
        );
        CREATE INDEX intentions_day ON intentions (day);
        CREATE TABLE moods (
            id INTEGER PRIMARY KEY,
            score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),
            at TEXT NOT NULL,
            word TEXT,
            batch INTEGER NOT NULL
        );
        CREATE INDEX moods_at ON moods (at);
        CREATE TABLE reflections (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            done TEXT,
            mood_word TEXT,
            batch INTEGER NOT NULL
        );
        CREATE TABLE notes (
            id INTEGER PRIMARY KEY,
            text TEXT NOT NULL,
            at TEXT NOT NULL,
            batch INTEGER NOT NULL
        );
        CREATE TABLE breathing_sessions (
            id INTEGER PRIMARY KEY,
            started_at TEXT NOT NULL,
            planned_seconds REAL NOT NULL,
            pattern TEXT NOT NULL,
            completed INTEGER NOT NULL,
            played_seconds REAL NOT NULL,
            feeling_after INTEGER CHECK (feeling_after BETWEEN 0 AND 10)
        );
        CREATE TABLE crisis_events (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            category TEXT NOT NULL
        );
        CREATE TABLE routines (
            id INTEGER PRIMARY KEY,
            task TEXT NOT NULL,
            cue_time TEXT,
            after_routine INTEGER REFERENCES routines (id) ON DELETE SET NULL,
            completion TEXT,
            celebration TEXT,
            kind TEXT,
            active INTEGER NOT NULL DEFAULT 1
        );
        CREATE TABLE job_runs (
            job TEXT NOT NULL,
            slot TEXT NOT NULL,
            at TEXT NOT NULL,
            outcome TEXT NOT NULL,
            PRIMARY KEY (job, slot)
        );
        CREATE TABLE dialogue (
            name TEXT PRIMARY KEY,
            value TEXT NOT NULL,
            expires_at TEXT NOT NULL
        );
        CREATE TABLE written_files (
            path TEXT PRIMARY KEY,
            at TEXT NOT NULL
        );
        CREATE TABLE actions (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            kind TEXT NOT NULL
        );
        """,
    ),
    (
        "m002_written_files_pending",
        """
        ALTER TABLE written_files ADD COLUMN written INTEGER NOT NULL DEFAULT 1;
        """,
    ),
    (
        "m003_reminders",
        """
        CREATE TABLE reminders (
            id INTEGER PRIMARY KEY,
            text TEXT NOT NULL,
            due_at TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'pending',
            created_at TEXT NOT NULL,
            batch INTEGER NOT NULL
        );
        CREATE INDEX reminders_due ON reminders (status, due_at);
        """,
    ),
]
