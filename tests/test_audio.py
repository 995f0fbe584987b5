"""WavSource, the resampler, pacing and device choice."""

from __future__ import annotations

import struct
import tracemalloc
import wave
from pathlib import Path

import numpy as np
import pytest

from tests.conftest import write_wav
from voice.audio import (
    AudioError,
    InputDevice,
    MicrophoneSource,
    Pacer,
    WavSource,
    chunk_bytes,
    list_devices,
    pick_device,
    read_all,
)
from voice.resample import Resampler


def tone(rate: int, seconds: float, hz: float = 440.0, level: float = 0.5) -> np.ndarray:
    t = np.arange(int(rate * seconds)) / rate
    return (level * np.sin(2 * np.pi * hz * t)).astype(np.float32)


def dominant_hz(samples: np.ndarray) -> float:
    spectrum = np.abs(np.fft.rfft(samples.astype(np.float64)))
    return float(np.argmax(spectrum) * 16000 / samples.size)


@pytest.mark.parametrize("rate", [8000, 11025, 22050, 24000, 44100, 48000, 16000])
def test_resampler_keeps_pitch_and_length(rate: int) -> None:
    resampler = Resampler(rate)
    x = tone(rate, 1.0, hz=1000)
    out = np.concatenate([resampler.process(x[i : i + 999]) for i in range(0, x.size, 999)])
    out = np.concatenate([out, resampler.flush()])
    assert out.size == 16000
    reference = 0.5 * np.sin(2 * np.pi * 1000 * np.arange(16000) / 16000)
    assert np.abs(out[200:-200] - reference[200:-200]).max() < 0.002


def test_resampler_removes_what_16k_cannot_hold() -> None:
    resampler = Resampler(44100)
    out = np.concatenate([resampler.process(tone(44100, 1.0, hz=9000)), resampler.flush()])
    assert np.sqrt(np.mean(out[200:-200] ** 2)) < 0.01  # was 0.35 rms before


@pytest.mark.parametrize(
    ("rate", "channels", "width"),
    [(8000, 1, 2), (44100, 2, 2), (16000, 1, 1), (48000, 1, 3), (22050, 6, 2)],
)
def test_any_wav_becomes_16k_mono(tmp_path: Path, rate: int, channels: int, width: int) -> None:
    mono = tone(rate, 0.5, hz=500)
    samples = np.repeat(mono[:, None], channels, axis=1) if channels > 1 else mono
    source = WavSource(write_wav(tmp_path / "in.wav", samples, rate, width))
    chunks = list(source.chunks())
    assert all(len(c) == chunk_bytes() for c in chunks[:-1])
    out = read_all(source)
    assert out.size == 8000
    assert abs(dominant_hz(out) - 500) <= 4
    assert 0.4 < np.abs(out).max() / 32768 < 0.55


def test_stereo_is_averaged_not_one_channel(tmp_path: Path) -> None:
    left = tone(16000, 0.5, hz=300)
    stereo = np.stack([left, -left], axis=1)  # opposite phases cancel when averaged
    out = read_all(WavSource(write_wav(tmp_path / "s.wav", stereo, 16000)))
    assert np.abs(out).max() <= 1


def test_silence_and_empty_files_are_fine(tmp_path: Path) -> None:
    silent = read_all(WavSource(write_wav(tmp_path / "q.wav", np.zeros(16000), 16000)))
    assert silent.size == 16000 and not silent.any()
    assert list(WavSource(write_wav(tmp_path / "e.wav", np.zeros(0), 44100)).chunks()) == []


def test_truncated_wav_says_so_after_the_audio_it_has(tmp_path: Path) -> None:
    whole = (write_wav(tmp_path / "w.wav", tone(16000, 1.0), 16000)).read_bytes()
    cut = tmp_path / "cut.wav"
    cut.write_bytes(whole[: len(whole) // 2])
    got = []
    with pytest.raises(AudioError, match="truncated: its header promises 16000 frames"):
        for chunk in WavSource(cut).chunks():
            got.append(chunk)
    assert 7000 < len(b"".join(got)) // 2 <= 8000


def test_wav_cut_inside_its_header(tmp_path: Path) -> None:
    whole = write_wav(tmp_path / "w.wav", tone(16000, 0.1), 16000).read_bytes()
    (tmp_path / "h.wav").write_bytes(whole[:20])
    with pytest.raises(AudioError, match="ends inside the WAV header"):
        list(WavSource(tmp_path / "h.wav").chunks())


def test_text_file_named_wav(tmp_path: Path) -> None:
    (tmp_path / "notes.wav").write_text("I walked the dog\n")
    with pytest.raises(AudioError, match="is not a WAV file"):
        list(WavSource(tmp_path / "notes.wav").chunks())


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(AudioError, match="does not exist"):
        WavSource(tmp_path / "nope.wav").info()
    with pytest.raises(AudioError, match="is a folder"):
        WavSource(tmp_path).info()


def _header(format_tag: int, bits: int, data: bytes) -> bytes:
    block = bits // 8
    fmt = struct.pack("<HHIIHH", format_tag, 1, 16000, 16000 * block, block, bits)
    body = b"WAVE" + b"fmt " + struct.pack("<I", 16) + fmt + b"data" + struct.pack("<I", len(data))
    return b"RIFF" + struct.pack("<I", len(body) + len(data)) + body + data


def test_unsupported_sample_width(tmp_path: Path) -> None:
    (tmp_path / "w64.wav").write_bytes(_header(1, 64, bytes(800)))
    with pytest.raises(AudioError, match="64-bit samples; supported are 8, 16, 24 and 32"):
        list(WavSource(tmp_path / "w64.wav").chunks())


def test_float_wav_names_the_fix(tmp_path: Path) -> None:
    (tmp_path / "f.wav").write_bytes(_header(3, 32, bytes(800)))
    with pytest.raises(AudioError, match="convert it to 16-bit PCM"):
        list(WavSource(tmp_path / "f.wav").chunks())


def _extensible(path: Path, frames: np.ndarray, rate: int, bits: int) -> Path:
    """WAVE_FORMAT_EXTENSIBLE, as sox writes for 24-bit or more than two channels."""
    channels, width = frames.shape[1], bits // 8
    ints = np.clip(frames * 2 ** (bits - 1), -(2 ** (bits - 1)), 2 ** (bits - 1) - 1)
    data = ints.astype("<i4").view(np.uint8).reshape(-1, 4)[:, :width].tobytes()
    pcm_guid = struct.pack("<H", 1) + bytes.fromhex("000000001000800000aa00389b71")
    fmt = struct.pack("<HHIIHHHHI", 0xFFFE, channels, rate, rate * channels * width,
                      channels * width, bits, 22, bits, (1 << channels) - 1) + pcm_guid
    body = (b"WAVE" + b"fmt " + struct.pack("<I", len(fmt)) + fmt
            + b"LIST" + struct.pack("<I", 5) + b"INFO\0\0"  # an odd-sized chunk, padded
            + b"data" + struct.pack("<I", len(data)) + data)
    path.write_bytes(b"RIFF" + struct.pack("<I", len(body)) + body)
    return path


@pytest.mark.parametrize(("channels", "bits"), [(8, 24), (2, 24), (1, 16), (8, 16), (6, 32)])
def test_extensible_wav_from_sox_becomes_16k_mono(tmp_path: Path, channels: int,
                                                  bits: int) -> None:
    mono = tone(48000, 0.5, hz=500)
    source = WavSource(_extensible(tmp_path / "x.wav", np.repeat(mono[:, None], channels, axis=1),
                                   48000, bits))
    assert (source.info().channels, source.info().sample_width) == (channels, bits // 8)
    out = read_all(source)
    assert out.size == 8000
    assert abs(dominant_hz(out) - 500) <= 4
    assert 0.4 < np.abs(out).max() / 32768 < 0.55


def test_extensible_float_wav_names_the_fix(tmp_path: Path) -> None:
    raw = bytearray(_extensible(tmp_path / "f.wav", np.zeros((100, 2)), 16000, 32).read_bytes())
    guid_at = raw.index(b"\x00\x00\x00\x00\x10\x00\x80\x00") - 2
    raw[guid_at:guid_at + 2] = struct.pack("<H", 3)  # IEEE float samples
    (tmp_path / "f.wav").write_bytes(bytes(raw))
    with pytest.raises(AudioError, match="convert it to 16-bit PCM"):
        list(WavSource(tmp_path / "f.wav").chunks())


def test_a_recording_longer_than_the_limit_is_refused_before_decoding(tmp_path: Path) -> None:
    path = write_wav(tmp_path / "long.wav", np.zeros(8000 * 40), 8000, width=1)
    with pytest.raises(AudioError, match="40 s long; .*up to 30 s"):
        next(WavSource(path, max_seconds=30).chunks())
    assert read_all(WavSource(path)).size == 16000 * 40


def test_a_streamed_recording_stops_at_the_limit(tmp_path: Path) -> None:
    data = bytes(2 * 16000 * 3)
    raw = bytearray(_header(1, 16, data))
    raw[40:44] = struct.pack("<I", 0x7FFFF000)
    (tmp_path / "stream.wav").write_bytes(bytes(raw))
    got = []
    with pytest.raises(AudioError, match="longer than 2 s"):
        for chunk in WavSource(tmp_path / "stream.wav", max_seconds=2).chunks():
            got.append(chunk)
    assert len(b"".join(got)) <= 2 * 16000 * 2


def test_streamed_wav_with_unknown_length_is_read_to_its_end(tmp_path: Path) -> None:
    """espeak-ng --stdout writes a placeholder size; that is not a truncated file."""
    data = (tone(16000, 0.5) * 32767).astype("<i2").tobytes()
    raw = bytearray(_header(1, 16, data))
    raw[40:44] = struct.pack("<I", 0x7FFFF000)
    (tmp_path / "stream.wav").write_bytes(bytes(raw))
    assert read_all(WavSource(tmp_path / "stream.wav")).size == 8000


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def test_realtime_paces_chunks_like_a_device(tmp_path: Path) -> None:
    clock = FakeClock()
    path = write_wav(tmp_path / "t.wav", tone(16000, 1.0), 16000)
    source = WavSource(path, realtime=True, pacer=Pacer(clock=clock, sleep=clock.sleep))
    count = sum(1 for _ in source.chunks())
    assert count == 50
    assert clock.now - 100.0 == pytest.approx(0.98)  # the last chunk goes out at 0.98 s
    assert not WavSource(path).realtime


DEVICES = [
    InputDevice(0, "HDA Intel PCH: ALC257 Analog (hw:0,0)", 2, 44100.0),
    InputDevice(3, "USB Audio Device: Mic (hw:1,0)", 1, 48000.0, is_default=True),
    InputDevice(4, "USB Audio Device: Line (hw:1,1)", 1, 48000.0),
]


def test_pick_device_by_index_name_or_default() -> None:
    assert pick_device(DEVICES, None).index == 3
    assert pick_device(DEVICES, 0).index == 0
    assert pick_device(DEVICES, "4").index == 4
    assert pick_device(DEVICES, "alc257").index == 0
    with pytest.raises(AudioError, match="matches several devices"):
        pick_device(DEVICES, "usb audio")
    with pytest.raises(AudioError, match="No input device has index 9"):
        pick_device(DEVICES, 9)
    with pytest.raises(AudioError, match="No input device is called 'webcam'"):
        pick_device(DEVICES, "webcam")
    with pytest.raises(AudioError, match="smallwins text"):
        pick_device([], None)


def test_no_sound_card_gives_a_clear_error() -> None:
    devices = list_devices()
    if devices:
        pytest.skip(f"this machine has {len(devices)} input device(s)")
    with pytest.raises(AudioError, match="No microphone was found.*smallwins listen --wav"):
        next(MicrophoneSource().chunks())


@pytest.mark.slow
def test_thirty_minutes_stream_in_bounded_memory(tmp_path: Path) -> None:
    """A 30-minute 8 kHz file: read as a stream, never whole, and never hanging."""
    path = tmp_path / "long.wav"
    minute = (tone(8000, 60.0, hz=200, level=0.1) * 32767).astype("<i2").tobytes()
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(8000)
        for _ in range(30):
            out.writeframes(minute)
    tracemalloc.start()
    total = sum(len(chunk) for chunk in WavSource(path).chunks())
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert total == 30 * 60 * 16000 * 2
    assert peak < 5_000_000  # the file is 28.8 MB and its 16 kHz audio 57.6 MB
