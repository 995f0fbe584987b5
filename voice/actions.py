"""Carry out what a reply asks for beyond speech: export, delete everything."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from intents.values import Action
from models.erase import erase_everything
from models.errors import translate_error
from models.export import export_text
from models.files import private_folder, write_atomically
from voice.app import App


def remember_if_outside(app: App, path: Path) -> None:
    """Note a file about to be written outside the data folder (before writing it, so that even
    a write cut short is found by delete-everything)."""
    if not path.resolve().is_relative_to(app.paths.data_dir.resolve()):
        app.store().remember_written_file(path, app.clock())


def _written(app: App, output: Path | None, folder: Path, suffix: str,
             write: Callable[[Path], None]) -> Path:
    """Write to `output`, or a dated file in the private `folder`."""
    if output is None:
        try:
            private_folder(folder)
        except OSError as error:  # a read-only data folder, or no space for a new folder
            raise translate_error(error, folder) from error
        output = folder / f"smallwins-{app.clock():%Y%m%d-%H%M%S}.{suffix}"
    remember_if_outside(app, output)
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
    extra = app.store().written_files() if app.paths.database.exists() else []
    app.close()
    folders = [app.paths.data_dir, app.paths.config_dir]
    removed = erase_everything(folders, extra)
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
