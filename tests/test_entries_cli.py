"""`smallwins wins|moods|notes|intentions`: list with numbers, edit and delete one entry, and
bad input refused with a clear error and nothing changed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from voice.cli import main


def _said(capsys: pytest.CaptureFixture, *turns: str) -> None:
    for turn in turns:
        assert main(["text", turn]) == 0
    capsys.readouterr()


def _listed(capsys: pytest.CaptureFixture, kind: str) -> list[dict]:
    capsys.readouterr()
    assert main([kind, "--all", "--json"]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


@pytest.fixture
def wins(home: Path, capsys: pytest.CaptureFixture) -> list[dict]:
    _said(capsys, "I watered the plant and fed the cat")
    return _listed(capsys, "wins")


def test_wins_are_listed_with_their_numbers(wins: list[dict],
                                            capsys: pytest.CaptureFixture) -> None:
    assert main(["wins"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == [str(w["id"]) for w in wins]
    assert lines[0].endswith("watered the plant")


def test_a_win_is_corrected_by_its_number(wins: list[dict],
                                          capsys: pytest.CaptureFixture) -> None:
    assert main(["wins", "edit", str(wins[0]["id"]), "watered the basil"]) == 0
    assert "watered the basil" in capsys.readouterr().out
    assert [w["activity"] for w in _listed(capsys, "wins")] == ["watered the basil", "fed the cat"]


def test_a_win_is_deleted_by_its_number(wins: list[dict], capsys: pytest.CaptureFixture) -> None:
    assert main(["wins", "delete", str(wins[1]["id"])]) == 0
    assert [w["activity"] for w in _listed(capsys, "wins")] == ["watered the plant"]


def test_a_mood_note_and_plan_are_corrected_and_deleted(home: Path,
                                                        capsys: pytest.CaptureFixture) -> None:
    _said(capsys, "my mood is 6", "note to myself: you got through last winter",
          "tomorrow I will call the dentist")
    [mood], [note], [plan] = (_listed(capsys, k) for k in ("moods", "notes", "intentions"))
    assert main(["moods", "edit", str(mood["id"]), "4"]) == 0
    assert main(["notes", "edit", str(note["id"]), "you got through last winter, and more"]) == 0
    assert main(["intentions", "edit", str(plan["id"]), "ring the dentist"]) == 0
    assert _listed(capsys, "moods")[0]["score"] == 4
    assert _listed(capsys, "notes")[0]["text"] == "you got through last winter, and more"
    assert _listed(capsys, "intentions")[0]["text"] == "ring the dentist"
    for kind, entry in (("moods", mood), ("notes", note), ("intentions", plan)):
        assert main([kind, "delete", str(entry["id"])]) == 0
        assert _listed(capsys, kind) == []


@pytest.mark.parametrize(("argv", "error"), [
    (["wins", "edit", "one", "fed the dog"], "'one' is not a number"),
    (["wins", "edit", "99", "fed the dog"], "There is no win number 99"),
    (["wins", "delete", "99"], "There is no win number 99"),
    (["wins", "edit", "{first}", "   "], "The new words are empty"),
    (["moods", "edit", "{first}", "11"], "'11' is not a mood score"),
    (["moods", "edit", "{first}", "low"], "'low' is not a mood score"),
])
def test_bad_input_is_refused_and_nothing_changes(home: Path, capsys: pytest.CaptureFixture,
                                                  argv: list[str], error: str) -> None:
    _said(capsys, "I fed the cat", "my mood is 6")
    before = _listed(capsys, "wins"), _listed(capsys, "moods")
    first = str((before[1] if argv[0] == "moods" else before[0])[0]["id"])
    assert main([a.format(first=first) for a in argv]) == 64
    assert error in capsys.readouterr().err
    assert (_listed(capsys, "wins"), _listed(capsys, "moods")) == before


def test_words_with_risk_are_not_stored_and_get_the_crisis_reply(
        wins: list[dict], capsys: pytest.CaptureFixture) -> None:
    assert main(["wins", "edit", str(wins[0]["id"]), "took all my pills at once"]) == 65
    out, err = capsys.readouterr()
    assert "988" in out and "The win was left as it was." in err
    assert [w["activity"] for w in _listed(capsys, "wins")] == ["watered the plant", "fed the cat"]
