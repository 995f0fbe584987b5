"""Idle cost: `smallwins run` listening for its wake phrase on room noise and speech that
never says it. Builds the recording (kitchen noise, with real people's coffee orders and
"computer" / "jarvis" wake-word clips dropped in), feeds it at the pace of speech to the real
command in a child process, and reads the child's CPU time and memory from /proc.

    python -m bench.idle [--minutes 10] [--no-realtime]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bench.mixing import to_pcm16
from voice.audio import SAMPLE_RATE, WavSource

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
SPEECH_FOLDERS = ("speech-to-intent/clean", "wake-word/computer", "wake-word/jarvis")
NOISE_BELOW_SPEECH_DB = 20.0  # the kitchen stays this far under the talkers, in RMS
PAGE = os.sysconf("SC_PAGE_SIZE")
TICKS = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Recording:
    path: Path
    seconds: float
    clips: int
    speech_seconds: float


@dataclass(frozen=True)
class Usage:
    """What the child used: start-up, then listening."""

    startup_cpu: float  # seconds of CPU before it said it was listening
    listening_cpu: float
    listening_wall: float
    rss_median_mb: float  # while listening
    rss_peak_mb: float  # the whole run (ru_maxrss)
    wakes: int
    utterances: int

    @property
    def cpu_share(self) -> float:
        """Of one core, while listening."""
        return self.listening_cpu / self.listening_wall


def read_clip(path: Path) -> np.ndarray:
    pcm = b"".join(WavSource(path).chunks())
    return np.frombuffer(pcm, dtype="<i2").astype(np.float32) / 32768


def rms(samples: np.ndarray) -> float:
    return float(np.sqrt(np.mean(samples.astype(np.float64) ** 2)))


def build_recording(folder: Path, minutes: float, data: Path, seed: int) -> Recording:
    """Kitchen noise throughout, 20 dB under the talkers; speech clips in random order with
    1-5 s between them."""
    rng = random.Random(seed)
    clips = [p for name in SPEECH_FOLDERS for p in sorted((data / name).glob("*.wav"))]
    rng.shuffle(clips)
    total = int(minutes * 60 * SAMPLE_RATE)
    speech = np.zeros(total, dtype=np.float32)
    placed, spoken, levels = 0, 0, []
    cursor = int(rng.uniform(1, 5) * SAMPLE_RATE)
    for clip in clips:
        samples = read_clip(clip)
        if cursor + samples.size > total:
            break
        speech[cursor:cursor + samples.size] = samples
        levels.append(rms(samples))
        placed, spoken = placed + 1, spoken + samples.size
        cursor += samples.size + int(rng.uniform(1, 5) * SAMPLE_RATE)
    noise = read_clip(data / "speech-to-intent" / "kitchen.wav")
    talk = statistics.median(levels) if levels else 0.1
    gain = talk / rms(noise) * 10 ** (-NOISE_BELOW_SPEECH_DB / 20)
    mixed = speech + np.resize(noise, total).astype(np.float32) * gain
    peak = float(np.abs(mixed).max()) or 1.0
    path = folder / "idle.wav"
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(SAMPLE_RATE)
        wav.writeframes(to_pcm16(mixed * min(1.0, 0.9 / peak)))
    return Recording(path, total / SAMPLE_RATE, placed, spoken / SAMPLE_RATE)


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime


def rss_mb(pid: int) -> float:
    pages = int(Path(f"/proc/{pid}/statm").read_text().split()[1])
    return pages * PAGE / 2**20


def measure(recording: Recording, realtime: bool, home: Path) -> Usage:
    command = [sys.executable, "-m", "voice", "run", "--input-wav", str(recording.path),
               "--silent", *(["--realtime"] if realtime else [])]
    env = {**os.environ, "SMALLWINS_HOME": str(home)}
    child = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, cwd=Path(__file__).resolve().parents[1])
    listening = threading.Event()
    lines: list[str] = []

    def read_stderr() -> None:
        assert child.stderr is not None
        for line in child.stderr:
            lines.append(line)
            if line.startswith("Listening for"):
                listening.set()

    reader = threading.Thread(target=read_stderr, daemon=True)
    reader.start()
    out = threading.Thread(target=lambda: child.stdout and child.stdout.read(), daemon=True)
    out.start()
    listening.wait()
    started, cpu_start, rss, cpu_last = time.monotonic(), cpu_seconds(child.pid), [], 0.0
    ended = started
    while True:
        done, status, usage = os.wait4(child.pid, os.WNOHANG)
        if done:
            break
        cpu_last, ended = cpu_seconds(child.pid), time.monotonic()
        rss.append(rss_mb(child.pid))
        time.sleep(1.0)
    child.returncode = os.waitstatus_to_exitcode(status)
    reader.join()
    text = "".join(lines)
    if child.returncode or "Stopped." not in text:
        raise SystemExit(f"smallwins run failed:\n{text}")
    found = re.search(r"wake phrase (\d+) time\(s\), (\d+) utterance", text)
    return Usage(
        startup_cpu=cpu_start, listening_cpu=cpu_last - cpu_start,
        listening_wall=max(1e-9, ended - started),
        rss_median_mb=statistics.median(rss) if rss else 0.0, rss_peak_mb=usage.ru_maxrss / 1024,
        wakes=int(found.group(1)) if found else -1,
        utterances=int(found.group(2)) if found else -1,
    )


def table(recording: Recording, usage: Usage) -> str:
    return "\n".join([
        f"{'audio':>9} {'clips':>6} {'CPU % of one core':>18} {'start-up CPU s':>15} "
        f"{'RSS MB':>7} {'peak MB':>8} {'false wakes':>12}",
        f"{recording.seconds / 60:7.1f} m {recording.clips:>6} {100 * usage.cpu_share:18.2f} "
        f"{usage.startup_cpu:15.2f} {usage.rss_median_mb:7.0f} {usage.rss_peak_mb:8.0f} "
        f"{usage.wakes:>12}",
    ])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--no-realtime", dest="realtime", action="store_false",
                        help="feed the file as fast as it goes (CPU share is then meaningless)")
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        recording = build_recording(Path(folder), args.minutes, args.data, args.seed)
        print(f"idle: {recording.seconds / 60:.1f} min of kitchen noise with {recording.clips} "
              f"clips ({recording.speech_seconds / 60:.1f} min) of speech without the wake "
              f"phrase, {'at the pace of speech' if args.realtime else 'as fast as it goes'}",
              flush=True)
        usage = measure(recording, args.realtime, Path(folder) / "home")
    print(table(recording, usage))
    print(f"idle: {100 * usage.cpu_share:.2f}% of one core, {usage.rss_median_mb:.0f} MB, "
          f"{usage.wakes} false wakes")


if __name__ == "__main__":
    main()
