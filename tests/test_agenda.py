"""`smallwins agenda` and `smallwins schedule`: the day seen before it happens; settings kept."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from voice.cli import main
from voice.config import load_settings
from voice.paths import Paths

SUNDAY = "2026-11-29"
MONDAY = "2026-11-30"


def cli(capsys: pytest.CaptureFixture, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def agenda(capsys: pytest.CaptureFixture, *args: str) -> dict:
    code, out, err = cli(capsys, "agenda", "--json", *args)
    assert code == 0, err
    return json.loads(out)


def times(data: dict) -> list[tuple[str, str]]:
    return [(item["at"], item["job"]) for item in data["items"]]


def test_tomorrow_lists_the_built_in_jobs_with_their_times(
        home: Path, capsys: pytest.CaptureFixture) -> None:
    before = datetime.now().date()
    data = agenda(capsys)
    tomorrow = {(d + timedelta(days=1)).isoformat() for d in (before, datetime.now().date())}
    assert data["date"] in tomorrow
    expected = [("08:30", "morning"), ("13:00", "checkin"), ("20:00", "evening")]
    if date.fromisoformat(data["date"]).weekday() == 6:
        expected.insert(2, ("18:00", "weekly"))
    assert times(data) == expected
    assert data["quiet_hours"] == {"start": "22:00", "end": "08:00"}
    assert len(data["suggested_wins"]) == 3
    assert {w["kind"] for w in data["suggested_wins"]} == {"physical", "social", "cognitive"}


def test_a_changed_setting_and_an_added_routine_show_in_the_agenda(
        home: Path, capsys: pytest.CaptureFixture) -> None:
    assert cli(capsys, "schedule", "set", "morning", "09:15")[0] == 0
    assert cli(capsys, "schedule", "off", "checkin")[0] == 0
    assert cli(capsys, "schedule", "set", "weekly", "17:00", "--day", "monday")[0] == 0
    code, out, _ = cli(capsys, "routine", "add",
                       "Task: water the plant; cue: 09:00; celebration: a 30-second stretch",
                       "--kind", "physical")
    assert code == 0 and "Added routine 1" in out
    assert cli(capsys, "routine", "add", "stretch", "--after", "water the plant")[0] == 0
    data = agenda(capsys, "--date", MONDAY)
    assert times(data) == [("09:00", "routine:1"), ("09:00", "routine:2"),
                           ("09:15", "morning"), ("17:00", "weekly"), ("20:00", "evening")]
    routine = data["items"][0]
    assert routine["says"] == "Task: water the plant; cue: 09:00; " \
        "celebration: a 30-second stretch; kind: physical"
    assert data["items"][1]["after"] == "water the plant"
    assert "water the plant" in [w["text"] for w in data["suggested_wins"]]
    assert "weekly" not in [job for _, job in times(agenda(capsys, "--date", SUNDAY))]


def test_schedule_changes_persist_in_the_settings_file(
        home: Path, capsys: pytest.CaptureFixture) -> None:
    cli(capsys, "schedule", "set", "evening", "19:30")
    cli(capsys, "schedule", "quiet", "21:30", "07:30")
    cli(capsys, "schedule", "snooze", "15")
    settings = load_settings(Paths.from_environment())
    assert settings.jobs["evening"].at == "19:30"
    assert (settings.quiet_start, settings.quiet_end, settings.snooze_minutes) == \
        ("21:30", "07:30", 15)
    code, out, _ = cli(capsys, "schedule", "list", "--json")
    assert json.loads(out)["jobs"]["evening"] == {"at": "19:30", "enabled": True, "day": None}


def test_a_job_in_quiet_hours_is_listed_as_not_spoken(
        home: Path, capsys: pytest.CaptureFixture) -> None:
    cli(capsys, "schedule", "set", "morning", "07:00")
    [morning] = [item for item in agenda(capsys, "--date", MONDAY)["items"]
                 if item["job"] == "morning"]
    assert morning["quiet"] is True
    code, out, _ = cli(capsys, "agenda", "--date", MONDAY)
    assert "(quiet hours: not spoken)" in out


@pytest.mark.parametrize(("args", "message"), [
    (("agenda", "--date", "tomorrow"), "YYYY-MM-DD"),
    (("schedule", "set", "morning", "8.30"), "HH:MM"),
    (("schedule", "set", "morning", "08:30", "--day", "monday"), "every day"),
    (("schedule", "quiet", "22:00", "25:00"), "HH:MM"),
    (("schedule", "run", "lunch"), "known: morning"),
    (("routine", "add", "water the plant", "--at", "9"), "HH:MM"),
    (("routine", "add", "Task: water the plant; when: 09:00"), "name: value"),
    (("routine", "remove", "juggle"), "routine list"),
])
def test_mistakes_say_how_to_fix_them(home: Path, capsys: pytest.CaptureFixture,
                                      args: tuple[str, ...], message: str) -> None:
    code, _, err = cli(capsys, *args)
    assert code == 64 and message in err


def test_a_bad_time_in_the_settings_file_names_the_line(
        home: Path, capsys: pytest.CaptureFixture) -> None:
    paths = Paths.from_environment()
    paths.config_dir.mkdir(parents=True)
    paths.config_file.write_text('[jobs.morning]\nat = "8:30"\n')
    code, _, err = cli(capsys, "agenda")
    assert code == 65 and "jobs.morning.at = '8:30'" in err and "HH:MM" in err


def test_schedule_run_says_a_job_now_and_later_snoozes_it(
        home: Path, capsys: pytest.CaptureFixture) -> None:
    cli(capsys, "text", "I will stand by the window for five minutes")
    code, out, _ = cli(capsys, "schedule", "run", "checkin", "--json")
    said = json.loads(out)
    assert said["reply"].startswith("Earlier you planned to stand by the window")
    assert said["expects_answer"] is True
    code, out, _ = cli(capsys, "text", "later")
    assert "come back to it" in out and "Moved to" in out
    snoozed = [item for item in agenda(capsys, "--date", datetime.now().date().isoformat())
               ["items"] if item["snoozed"]]
    assert [item["job"] for item in snoozed] in (["checkin"], [])  # [] only across midnight
