"""Carry out what a reply asks for beyond speech: export, delete everything."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from intents.values import Action
from models.erase import erase_everything
from models.export import export_csv, export_json, write_atomically
from voice.app import App


def export_history(app: App, fmt: str, output: Path | None) -> Path:
    """Write the history as JSON or CSV; the default place is the exports folder."""
    store = app.store()
    content = export_json(store) if fmt == "json" else export_csv(store)
    now = app.clock()
    if output is None:
        app.paths.exports_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        output = app.paths.exports_dir / f"smallwins-{now:%Y%m%d-%H%M%S}.{fmt}"
    write_atomically(output, content)
    if not output.resolve().is_relative_to(app.paths.data_dir.resolve()):
        store.remember_written_file(output, now)
    return output


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
