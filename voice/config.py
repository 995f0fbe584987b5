"""Settings in `config.toml`: read with defaults, written back when a command changes them."""

from __future__ import annotations

import re
import tomllib
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from intents.handlers.wins import FOLLOWUPS
from models.errors import translate_error
from models.files import private_folder, write_atomically
from voice.paths import Paths

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_HHMM = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


class ConfigError(Exception):
    """The settings file cannot be read; the message says how to fix it."""


@dataclass(frozen=True)
class Job:
    """A built-in spoken job: when it runs and whether it is on."""

    at: str
    enabled: bool = True
    day: str | None = None  # weekday name for weekly jobs


def _default_jobs() -> dict[str, Job]:
    return {
        "morning": Job(at="08:30"),
        "checkin": Job(at="13:00"),
        "evening": Job(at="20:00"),
        "weekly": Job(at="18:00", day="sunday"),
    }


@dataclass(frozen=True)
class Settings:
    locale: str = ""  # helpline region: US, UK, IE or other; unset gives every number
    speech_rate: int = 150  # words per minute; calm and steady
    voice: str = ""  # espeak-ng voice id; empty for the system default
    engine: str = "auto"  # auto, pocketsphinx, vosk, whisper, whisper+grammar
    wake_word: str = "alexa"
    input_device: str = ""
    crisis_cooldown_minutes: int = 120
    quiet_start: str = "22:00"
    quiet_end: str = "08:00"
    snooze_minutes: int = 30  # how long "later" waits, when no time is said
    followups: str = "few"  # ratings after a win: few (before and after), all, or none
    jobs: dict[str, Job] = field(default_factory=_default_jobs)


def load_settings(paths: Paths) -> Settings:
    """Read `config.toml`; missing keys keep their defaults."""
    path = paths.config_file
    if not path.exists():
        return Settings()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(
            f"{path} is not valid TOML ({error}). Fix the line it names, or move the file "
            "away to start again from the defaults."
        ) from error
    return _settings_from_dict(raw, path)


_TYPE_WORDS = {str: "text in quotes", int: "a whole number", bool: "true or false"}


def _expect(key: str, value: Any, kind: type, path: Path) -> None:
    """A value of the wrong type is named with the key and what it should be."""
    if type(value) is not kind:  # bool is an int to isinstance; not here
        raise ConfigError(f"{path}: {key} = {value!r} should be {_TYPE_WORDS[kind]}.")


def _settings_from_dict(raw: dict[str, Any], path: Path) -> Settings:
    defaults = Settings()
    known = {f.name for f in fields(Settings)}
    unknown = sorted(set(raw) - known)
    if unknown:
        raise ConfigError(f"{path}: unknown setting(s) {', '.join(unknown)}.")
    values = {k: v for k, v in raw.items() if k != "jobs"}
    for key, value in values.items():
        _expect(key, value, type(getattr(defaults, key)), path)
    jobs = _default_jobs()
    raw_jobs = raw.get("jobs", {})
    if not isinstance(raw_jobs, dict):
        raise ConfigError(f"{path}: jobs should be tables like [jobs.morning].")
    job_keys = {"at": str, "enabled": bool, "day": str}
    for name, job in raw_jobs.items():
        if name not in jobs:
            raise ConfigError(f"{path}: unknown job '{name}'; known: {', '.join(jobs)}.")
        if not isinstance(job, dict):
            raise ConfigError(f"{path}: jobs.{name} should be a table like [jobs.{name}].")
        for key, value in job.items():
            if key not in job_keys:
                raise ConfigError(f"{path}: unknown key jobs.{name}.{key}; known: "
                                  f"{', '.join(job_keys)}.")
            _expect(f"jobs.{name}.{key}", value, job_keys[key], path)
        jobs[name] = replace(jobs[name], **job)
    settings = Settings(**values, jobs=jobs)
    problem = settings_problem(settings)
    if problem:
        raise ConfigError(f"{path}: {problem}")
    return settings


def is_clock_time(text: object) -> bool:
    """'08:30' yes; '8:30', '24:00' and 830 no."""
    return isinstance(text, str) and _HHMM.match(text) is not None


def settings_problem(settings: Settings) -> str | None:
    """What is wrong with the schedule settings, said so it can be fixed; None if nothing."""
    times = {"quiet_start": settings.quiet_start, "quiet_end": settings.quiet_end}
    times.update({f"jobs.{name}.at": job.at for name, job in settings.jobs.items()})
    for key, value in times.items():
        if not is_clock_time(value):
            return f"{key} = {value!r} is not a time of day; write it as HH:MM, like \"08:30\"."
    for name, job in settings.jobs.items():
        if job.day is not None and job.day not in WEEKDAYS:
            days = ", ".join(WEEKDAYS)
            return f"jobs.{name}.day = {job.day!r} is not a weekday; use one of {days}."
    if not isinstance(settings.snooze_minutes, int) or not 1 <= settings.snooze_minutes <= 180:
        return f"snooze_minutes = {settings.snooze_minutes!r}; use a whole number from 1 to 180."
    if settings.followups not in FOLLOWUPS:
        return f"followups = {settings.followups!r}; use one of {', '.join(map(repr, FOLLOWUPS))}."
    return None


def save_settings(paths: Paths, settings: Settings) -> None:
    """Write every setting, atomically, readable by the owner only."""
    lines = []
    data = asdict(settings)
    jobs = data.pop("jobs")
    for key, value in data.items():
        lines.append(f"{key} = {_toml_value(value)}")
    for name, job in jobs.items():
        lines.append(f"\n[jobs.{name}]")
        lines.extend(f"{k} = {_toml_value(v)}" for k, v in job.items() if v is not None)
    try:
        private_folder(paths.config_dir, paths.own_top(paths.config_dir))
    except OSError as error:
        raise translate_error(error, paths.config_file) from error
    write_atomically(paths.config_file, "\n".join(lines) + "\n")


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    escaped = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'
