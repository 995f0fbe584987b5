"""A WAV file's header, read here rather than by the standard library's `wave`, which refuses
WAVE_FORMAT_EXTENSIBLE: the header sox and many recorders write for 24-bit or multi-channel
audio."""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

FORMAT_PCM = 0x0001
FORMAT_EXTENSIBLE = 0xFFFE
SUPPORTED_WIDTHS = (1, 2, 3, 4)
# A writer that streams (espeak-ng --stdout) cannot know the length and writes a size near
# 2 or 4 GB; from such a header on, the file is read to its end with no truncation check.
STREAMED_DATA_BYTES = 0x7FFF_0000


class WavHeaderError(Exception):
    """The header cannot be used; the message names the file and what to do."""


@dataclass(frozen=True)
class WavInfo:
    """The format a WAV file declares, and where its samples start."""

    sample_rate: int
    channels: int
    sample_width: int
    frames: int
    data_start: int = 0
    streamed: bool = False  # the length is a placeholder: read to the end of the file

    @property
    def duration(self) -> float:
        return self.frames / self.sample_rate if self.sample_rate else 0.0

    @property
    def frame_size(self) -> int:
        return self.channels * self.sample_width


def read_header(handle: BinaryIO, path: Path) -> WavInfo:
    """Walk the RIFF chunks up to `data`; the handle is left at the first sample."""
    riff = handle.read(12)
    if len(riff) < 12 or riff[:4] != b"RIFF" or riff[8:] != b"WAVE":
        if riff[:4] == b"RIFF" and len(riff) < 12:
            raise _cut(path)
        raise WavHeaderError(f"{path} is not a WAV file (it does not start with RIFF and WAVE). "
                             "Use a PCM .wav recording.")
    fmt: tuple[int, int, int, int] | None = None
    while True:
        head = handle.read(8)
        if len(head) < 8:
            raise _cut(path)
        kind, size = head[:4], struct.unpack("<I", head[4:])[0]
        if kind == b"fmt ":
            fmt = _format(handle.read(size), path)
            if size % 2:
                handle.read(1)
        elif kind == b"data":
            if fmt is None:
                raise WavHeaderError(f"{path} has its samples before their format (no 'fmt ' "
                                     "chunk first). Record or convert it again.")
            return _checked(path, fmt, size, handle.tell())
        else:
            handle.seek(size + size % 2, 1)  # chunks are padded to an even length


def _format(body: bytes, path: Path) -> tuple[int, int, int, int]:
    """(format tag, channels, sample rate, bits per sample); EXTENSIBLE gives its sub-format."""
    if len(body) < 16:
        raise _cut(path)
    tag, channels, rate, _, _, bits = struct.unpack("<HHIIHH", body[:16])
    if tag == FORMAT_EXTENSIBLE and len(body) >= 40:
        tag = struct.unpack("<H", body[24:26])[0]  # the first two bytes of the sub-format GUID
    if tag != FORMAT_PCM:
        raise WavHeaderError(
            f"{path} is a WAV file in a format this program cannot read (format {tag:#06x}, "
            f"not integer PCM); convert it to 16-bit PCM, e.g. "
            f"`sox {path} -b 16 -e signed-integer out.wav`."
        )
    return tag, channels, rate, bits


def _checked(path: Path, fmt: tuple[int, int, int, int], data_bytes: int, start: int) -> WavInfo:
    _, channels, rate, bits = fmt
    width = (bits + 7) // 8
    if width not in SUPPORTED_WIDTHS:
        raise WavHeaderError(
            f"{path} uses {width * 8}-bit samples; supported are 8, 16, 24 and 32-bit PCM. "
            f"Convert it, e.g. `sox {path} -b 16 out.wav`."
        )
    if rate <= 0 or channels <= 0:
        raise WavHeaderError(f"{path} has a broken header ({rate} Hz, {channels} ch).")
    return WavInfo(sample_rate=rate, channels=channels, sample_width=width,
                   frames=data_bytes // (channels * width), data_start=start,
                   streamed=data_bytes >= STREAMED_DATA_BYTES)


def _cut(path: Path) -> WavHeaderError:
    return WavHeaderError(f"{path} is truncated: it ends inside the WAV header.")
