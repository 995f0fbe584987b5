"""Carry out what a reply asks for beyond speech: export, delete everything."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

from intents.values import Action
from models.erase import erase_everything
from models.errors import translate_error
from models.export import export_text
from models.files import private_folder, write_atomically
from voice.app import App


@contextmanager
def recorded_if_outside(app: App, path: Path) -> Iterator[None]:
    """Around writing a file outside the data folder: note it as begun first (so what a write
    cut short leaves is found by delete-everything), as written once it is whole, and not at
    all if the write failed (so a file someone else puts there later is left alone)."""
    outside = not path.resolve().is_relative_to(app.paths.data_dir.resolve())
    if outside:
        app.store().remember_written_file(path, app.clock())
    try:
        yield
    except BaseException:
        if outside:
            app.store().forget_unwritten_file(path)
        raise
    if outside:
        app.store().confirm_written_file(path)


def _written(app: App, output: Path | None, folder: Path, suffix: str,
             write: Callable[[Path], None]) -> Path:
    """Write to `output`, or a dated file in the private `folder`."""
    if output is None:
        try:
            private_folder(folder, app.paths.own_top(folder))
        except OSError as error:  # a read-only data folder, or no space for a new folder
            raise translate_error(error, folder) from error
        output = folder / f"smallwins-{app.clock():%Y%m%d-%H%M%S}.{suffix}"
    with recorded_if_outside(app, output):
        write(output)
    return output


def export_history(app: App, fmt: str, output: Path | None) -> Path:
    """Write the history as JSON or CSV; the default place is the exports folder."""
    content = export_text(app.store(), fmt)
    return _written(app, output, app.paths.exports_dir, fmt,
                    lambda path: write_atomically(path, content))


def backup_history(app: App, output: Path | None) -> Path:
    """A copy of the database; the default place is the backups folder."""
    return _written(app, output, app.paths.backups_dir, "db", app.store().backup)


def delete_everything(app: App) -> list[Path]:
    """Remove the database, backups, exports (wherever written), settings and models."""
    store = app.store() if app.paths.database.exists() else None
    written = store.written_files(only_whole=True) if store else []
    begun = [path for path in store.written_files() if path not in written] if store else []
    app.close()
    folders = [app.paths.data_dir, app.paths.config_dir]
    removed = erase_everything(folders, written, begun)
    home = app.paths.home
    if home is not None and home.is_dir() and not any(home.iterdir()):
        home.rmdir()
        removed.append(home)
    return removed


def run_actions(app: App, actions: tuple[Action, ...]) -> list[str]:
    """Do each action; return lines to show the person."""
    lines = []
    for action in actions:
        if action.name == "export":
            path = export_history(app, action.args.get("format", "json"), None)
            lines.append(f"Exported to {path}")
        elif action.name == "delete_everything":
            lines += [f"Removed {p}" for p in delete_everything(app)]
        elif action.name == "snooze":
            minutes = action.args.get("minutes") or app.settings.snooze_minutes
            due = app.clock() + timedelta(minutes=minutes)
            app.store().snooze_job(action.args["job"], due)
            lines.append(f"Moved to {due:%H:%M}.")
        elif action.name == "start_breathing":
            lines.append(f"To breathe now: smallwins breathe --minutes {action.args['minutes']}")
    return lines
