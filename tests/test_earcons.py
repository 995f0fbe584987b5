"""The earcons: right length, soft, click-free, and moving in the right direction."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from voice import earcons

RATE = earcons.SAMPLE_RATE
ALL = [earcons.listening, earcons.got_it, earcons.breathe_in, earcons.breathe_out]


def pitch(segment: np.ndarray) -> float:
    """The strongest frequency in a segment, in Hz."""
    windowed = segment.astype(float) * np.hanning(len(segment))
    spectrum = np.abs(np.fft.rfft(windowed, n=8 * len(segment)))
    return float(np.argmax(spectrum) * RATE / (8 * len(segment)))


def dbfs(peak: float) -> float:
    return 20 * np.log10(peak / 32767)


@pytest.mark.parametrize("make", ALL, ids=lambda f: f.__name__)
def test_int16_mono_soft_and_short(make: Callable[[], np.ndarray]) -> None:
    tone = make()
    assert tone.dtype == np.int16 and tone.ndim == 1
    assert 0.15 <= len(tone) / RATE <= 1.2
    assert -20 <= dbfs(float(np.max(np.abs(tone)))) <= -10


@pytest.mark.parametrize("make", ALL, ids=lambda f: f.__name__)
def test_starts_and_ends_in_silence_without_clicks(make: Callable[[], np.ndarray]) -> None:
    tone = make().astype(float)
    assert tone[0] == 0 and tone[-1] == 0
    # A click is a jump between neighbouring samples far above what the tone's own pitch makes.
    # The highest partial is the octave of G5 (1568 Hz); a sine of peak A changes by at most
    # 2*pi*f/rate*A per sample.
    peak = np.max(np.abs(tone))
    assert np.max(np.abs(np.diff(tone))) <= 2 * np.pi * 1568 / RATE * peak * 1.05
    # and the first and last 2 ms are quiet
    edge = round(0.002 * RATE)
    assert np.max(np.abs(tone[:edge])) < 0.1 * peak
    assert np.max(np.abs(tone[-edge:])) < 0.1 * peak


def test_breathe_in_rises_and_breathe_out_falls() -> None:
    quarter = RATE // 4
    rise, fall = earcons.breathe_in(), earcons.breathe_out()
    # from C4 towards G4 and back: the third quarter is a good 40 Hz away from the first
    assert pitch(rise[2 * quarter : 3 * quarter]) - pitch(rise[:quarter]) > 40
    assert pitch(fall[:quarter]) - pitch(fall[2 * quarter : 3 * quarter]) > 40


def test_listening_goes_up_a_fifth_and_got_it_comes_down() -> None:
    note = round(0.08 * RATE)
    up, down = earcons.listening(), earcons.got_it()
    assert pitch(up[:note]) == pytest.approx(523.25, abs=8)
    assert pitch(up[-2 * note : -note]) == pytest.approx(783.99, abs=8)
    assert pitch(down[:note]) == pytest.approx(783.99, abs=8)
    assert pitch(down[-2 * note : -note]) == pytest.approx(523.25, abs=8)


def test_envelope_is_a_raised_cosine() -> None:
    envelope = earcons.raised_cosine_envelope(100, 10, 20)
    assert envelope[0] == 0 and envelope[-1] == pytest.approx(0)
    assert envelope[5] == pytest.approx(0.5)
    assert np.all(envelope[10:80] == 1)
    assert np.all(np.diff(envelope[:11]) > 0) and np.all(np.diff(envelope[80:]) < 0)
