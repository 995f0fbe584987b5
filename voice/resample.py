"""Streaming conversion of PCM audio to 16 kHz mono int16 with numpy."""

from __future__ import annotations

from math import gcd

import numpy as np

TARGET_RATE = 16_000
_ZERO_CROSSINGS = 8  # per side of the windowed-sinc kernel


def pcm_to_float(data: bytes, sample_width: int, channels: int) -> np.ndarray:
    """Decode interleaved little-endian PCM into one float32 channel in [-1, 1)."""
    if sample_width == 1:
        samples = np.frombuffer(data, dtype=np.uint8).astype(np.float32) - 128.0
        scale = 128.0
    elif sample_width == 2:
        samples = np.frombuffer(data, dtype="<i2").astype(np.float32)
        scale = 32768.0
    elif sample_width == 3:
        raw = np.frombuffer(data, dtype=np.uint8).reshape(-1, 3).astype(np.int32)
        value = raw[:, 0] | (raw[:, 1] << 8) | (raw[:, 2] << 16)
        samples = np.where(value >= 1 << 23, value - (1 << 24), value).astype(np.float32)
        scale = float(1 << 23)
    elif sample_width == 4:
        samples = np.frombuffer(data, dtype="<i4").astype(np.float32)
        scale = float(1 << 31)
    else:
        raise ValueError(f"unsupported sample width: {sample_width} bytes")
    if channels > 1:
        samples = samples.reshape(-1, channels).mean(axis=1)
    return samples / scale


def float_to_pcm16(samples: np.ndarray) -> bytes:
    """Encode float samples as 16-bit little-endian PCM, clipping at full scale."""
    scaled = np.clip(np.rint(samples * 32768.0), -32768, 32767)
    return scaled.astype("<i2").tobytes()


class Resampler:
    """Band-limited rational resampler that keeps its state between blocks."""

    def __init__(self, in_rate: int, out_rate: int = TARGET_RATE) -> None:
        if in_rate <= 0:
            raise ValueError(f"sample rate must be positive, not {in_rate}")
        common = gcd(in_rate, out_rate)
        self._up = out_rate // common  # output samples per period
        self._down = in_rate // common  # input samples per period
        self._passthrough = in_rate == out_rate
        cutoff = 0.45 * min(in_rate, out_rate) / in_rate  # cycles per input sample
        self._half = int(np.ceil(_ZERO_CROSSINGS / (2 * cutoff)))
        offsets = np.arange(-self._half + 1, self._half + 1)  # taps relative to floor(t)
        phases = np.arange(self._up)[:, None] / self._up
        distance = offsets[None, :] - phases
        window = np.cos(np.pi * distance / (2 * self._half)) ** 2
        kernel = 2 * cutoff * np.sinc(2 * cutoff * distance) * window
        self._kernel = kernel.astype(np.float32)
        self._taps = offsets.size
        self._pending = np.zeros(self._half - 1, dtype=np.float32)  # left context
        self._pending_start = -(self._half - 1)  # input index of _pending[0]
        self._next_out = 0  # index of the next output sample

    def process(self, samples: np.ndarray) -> np.ndarray:
        """Resample one block; the output lags the input by the kernel's half width."""
        if self._passthrough:
            return samples
        self._pending = np.concatenate([self._pending, samples.astype(np.float32)])
        return self._emit()

    def flush(self) -> np.ndarray:
        """Resample what is left, padding the end with silence."""
        if self._passthrough:
            return np.zeros(0, dtype=np.float32)
        self._pending = np.concatenate([self._pending, np.zeros(self._half, dtype=np.float32)])
        return self._emit()

    def _emit(self) -> np.ndarray:
        # output n reads input up to floor(n * down / up) + half
        usable = self._pending_start + self._pending.size - self._half
        count = -(-usable * self._up // self._down) - self._next_out
        if count <= 0:
            return np.zeros(0, dtype=np.float32)
        n = np.arange(self._next_out, self._next_out + count, dtype=np.int64)
        base = (n * self._down) // self._up
        phase = (n * self._down) % self._up
        index = base[:, None] - self._pending_start + np.arange(-self._half + 1, self._half + 1)
        out = np.einsum("ij,ij->i", self._pending[index], self._kernel[phase])
        self._next_out += count
        keep_from = int((self._next_out * self._down) // self._up) - self._half + 1
        drop = keep_from - self._pending_start
        if drop > 0:
            self._pending = self._pending[drop:]
            self._pending_start = keep_from
        return out.astype(np.float32)
