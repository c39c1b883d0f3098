"""WebRTC's noise suppressor through ``pywebrtc-audio`` (wheels for Linux, Windows, macOS).

Runs on the caller's thread. A cheap, well-known classical suppressor (Wiener filter driven by a
speech-probability model); 16, 32 or 48 kHz in 10 ms frames.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from homeseat.audio.suppress import Frame, Suppressor, SuppressorError

__all__ = ["WebRtcNoiseSuppressor", "WEBRTC_RATES"]

#: Delay in samples per rate, measured by cross-correlation of clean speech in and out: 6 ms of
#: look-ahead, plus the band-split filter bank above 16 kHz.
WEBRTC_RATES: dict[int, int] = {16_000: 96, 32_000: 196, 48_000: 335}


class WebRtcNoiseSuppressor(Suppressor):
    """WebRTC NS at ``level`` 0-3 (6, 12, 18 or 21 dB of suppression)."""

    def __init__(self, rate: int = 48_000, level: int = 3) -> None:
        """Create the suppressor; raises SuppressorError if the package or rate is missing."""
        if rate not in WEBRTC_RATES:
            raise SuppressorError(f"webrtc: unsupported rate {rate} (16000, 32000 or 48000)")
        if not 0 <= level <= 3:
            raise SuppressorError(f"webrtc: level must be 0-3, got {level}")
        try:
            from pywebrtc_audio import NoiseSuppressor
        except ImportError as exc:
            raise SuppressorError("WebRTC noise suppressor not installed (pywebrtc-audio)") from exc
        self._rate = rate
        self._level = level
        self._ns: Any = NoiseSuppressor(sample_rate=rate, num_channels=1, level=level)

    @property
    def name(self) -> str:
        """``webrtc``."""
        return "webrtc"

    @property
    def rate(self) -> int:
        """The rate chosen at creation."""
        return self._rate

    @property
    def latency_samples(self) -> int:
        """About 6-7 ms."""
        return WEBRTC_RATES[self._rate]

    @property
    def speech_probability(self) -> float:
        """WebRTC's speech probability for the last frame (0-1)."""
        return float(self._ns.speech_probability)

    def process(self, frame: Frame) -> Frame:
        """Suppress one 10 ms frame."""
        self._check(frame)
        out = self._ns.process(frame)
        return np.asarray(out, dtype=np.float32)

    def reset(self) -> None:
        """Forget the noise estimate."""
        self._ns.reset()
