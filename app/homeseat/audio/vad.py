"""Voice activity detection after suppression (webrtcvad) and per-call speech statistics.

Runs on the caller's thread (the audio thread in real time). webrtcvad takes 10 ms int16 frames
at 8, 16, 32 or 48 kHz; other device rates are resampled to 16 kHz first.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

import numpy as np
import webrtcvad

from homeseat.audio.suppress import Frame
from homeseat.audio.suppress_adapt import Resampler, SampleFifo

__all__ = ["VoiceDetector", "SpeechStats", "SpeechStatsAccumulator"]

_VAD_RATES = (8_000, 16_000, 32_000, 48_000)


class VoiceDetector:
    """Smoothed speech/non-speech decision on a stream of any block size.

    A raw webrtcvad decision is made every 10 ms; speech starts when ``onset`` of the last
    ``onset_window`` decisions are speech (one click is not speech) and ends after ``hangover_ms``
    without speech (the gaps between words are not silence).
    """

    def __init__(
        self,
        rate: int,
        mode: int = 3,
        onset: int = 3,
        onset_window: int = 5,
        hangover_ms: int = 300,
    ) -> None:
        """Detect speech in ``rate`` Hz audio with webrtcvad aggressiveness ``mode`` (0-3)."""
        self._vad = webrtcvad.Vad(mode)
        self._resampler = None if rate in _VAD_RATES else Resampler(rate, 16_000)
        self._vad_rate = rate if self._resampler is None else 16_000
        self._frame = self._vad_rate // 100
        self._fifo = SampleFifo()
        self._recent: deque[bool] = deque(maxlen=onset_window)
        self._onset = onset
        self._hangover = max(1, hangover_ms // 10)
        self._since_speech = self._hangover
        self.speaking = False
        self.frames = 0  # 10 ms decisions made so far

    def reset(self) -> None:
        """Back to silence, history forgotten."""
        if self._resampler is not None:
            self._resampler.reset()
        self._fifo.clear()
        self._recent.clear()
        self._since_speech = self._hangover
        self.speaking = False

    def process(self, block: Frame) -> list[bool]:
        """Feed a block; returns the smoothed decision for each 10 ms completed inside it."""
        x = self._resampler.process(block) if self._resampler is not None else block
        self._fifo.push(x)
        decisions: list[bool] = []
        while len(self._fifo) >= self._frame:
            f = self._fifo.pop(self._frame)
            pcm = (np.clip(f, -1.0, 32767 / 32768) * 32768.0).astype("<i2").tobytes()
            raw = bool(self._vad.is_speech(pcm, self._vad_rate))
            self._recent.append(raw)
            if raw:
                self._since_speech = 0
            else:
                self._since_speech += 1
            if not self.speaking and sum(self._recent) >= self._onset:
                self.speaking = True
            elif self.speaking and self._since_speech >= self._hangover:
                self.speaking = False
            self.frames += 1
            decisions.append(self.speaking)
        return decisions


@dataclass(frozen=True)
class SpeechStats:
    """Speech and silence over a call (or any span), for the agent and the lead."""

    speech_s: float
    silence_s: float
    speech_segments: int
    longest_speech_s: float
    longest_silence_s: float
    muted_speech_s: float  # speech while the agent was muted
    clipped_frames: int

    @property
    def talk_ratio(self) -> float:
        """Share of the time with speech (0 when nothing was measured)."""
        total = self.speech_s + self.silence_s
        return self.speech_s / total if total > 0 else 0.0


class SpeechStatsAccumulator:
    """Counts 10 ms decisions into :class:`SpeechStats` (plain counters, audio-thread cheap)."""

    def __init__(self) -> None:
        """Start at zero."""
        self.reset()

    def reset(self) -> None:
        """Start over."""
        self._speech = 0
        self._silence = 0
        self._segments = 0
        self._run = 0
        self._run_speech = False
        self._longest = {True: 0, False: 0}
        self._muted_speech = 0
        self._clipped = 0

    def add(self, speaking: bool, muted: bool) -> None:
        """Count one 10 ms decision."""
        if speaking:
            self._speech += 1
            if muted:
                self._muted_speech += 1
        else:
            self._silence += 1
        if speaking != self._run_speech or self._run == 0:
            if speaking:
                self._segments += 1
            self._run_speech = speaking
            self._run = 0
        self._run += 1
        self._longest[speaking] = max(self._longest[speaking], self._run)

    def add_clipped(self) -> None:
        """Count one clipped input block."""
        self._clipped += 1

    def snapshot(self) -> SpeechStats:
        """The figures so far."""
        return SpeechStats(
            speech_s=self._speech / 100,
            silence_s=self._silence / 100,
            speech_segments=self._segments,
            longest_speech_s=self._longest[True] / 100,
            longest_silence_s=self._longest[False] / 100,
            muted_speech_s=self._muted_speech / 100,
            clipped_frames=self._clipped,
        )
