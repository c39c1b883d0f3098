"""Level meters (RMS and peak in dBFS, clipping) and the dead/silent microphone watch.

Runs on the caller's thread (the audio thread); readers on other threads only read the
immutable :class:`Levels` snapshot the meter publishes (one reference assignment per block).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import Enum

import numpy as np

from homeseat.audio.suppress import Frame

__all__ = ["Levels", "LevelMeter", "MicCondition", "MicWatch", "to_dbfs", "SILENCE_DBFS"]

#: What digital silence reads as (a log of zero has no value).
SILENCE_DBFS = -120.0
#: A sample at or above this magnitude counts as clipped (the converter's last code or so).
CLIP_LEVEL = 0.999
#: A block counts as clipped from this many clipped samples on (one can be a legitimate peak).
CLIP_SAMPLES = 3


def to_dbfs(value: float) -> float:
    """Amplitude (1.0 = full scale) in dBFS, floored at :data:`SILENCE_DBFS`."""
    if value <= 0.0:
        return SILENCE_DBFS
    return max(SILENCE_DBFS, 20.0 * math.log10(value))


@dataclass(frozen=True)
class Levels:
    """One meter reading."""

    rms_dbfs: float
    peak_dbfs: float
    peak_hold_dbfs: float  # the highest peak of the last ~1.5 s, for a meter's marker
    clipped: bool  # this block clipped
    clipped_blocks: int  # clipped blocks since start or reset


class LevelMeter:
    """RMS/peak meter with a peak hold and a clipping counter."""

    def __init__(self, rate: int, hold_s: float = 1.5) -> None:
        """Meter ``rate`` Hz audio; the peak marker holds for ``hold_s`` seconds."""
        self._rate = rate
        self._hold_samples = int(hold_s * rate)
        self.reset()

    def reset(self) -> None:
        """Back to silence."""
        self._hold = 0.0
        self._hold_age = 0
        self._clipped_blocks = 0
        self.levels = Levels(SILENCE_DBFS, SILENCE_DBFS, SILENCE_DBFS, False, 0)

    def process(self, block: Frame) -> Levels:
        """Measure one block and publish the reading as :attr:`levels`."""
        if len(block) == 0:
            return self.levels
        mag = np.abs(block)
        peak = float(mag.max())
        rms = math.sqrt(float(np.dot(block, block)) / len(block))
        clipped = int(np.count_nonzero(mag >= CLIP_LEVEL)) >= CLIP_SAMPLES
        if clipped:
            self._clipped_blocks += 1
        self._hold_age += len(block)
        if peak >= self._hold or self._hold_age > self._hold_samples:
            self._hold = peak
            self._hold_age = 0
        self.levels = Levels(
            rms_dbfs=to_dbfs(rms),
            peak_dbfs=to_dbfs(peak),
            peak_hold_dbfs=to_dbfs(self._hold),
            clipped=clipped,
            clipped_blocks=self._clipped_blocks,
        )
        return self.levels


class MicCondition(Enum):
    """What the input signal says about the microphone."""

    OK = "ok"
    DEAD = "dead"  # exact digital zeros: no device, a muted driver or a broken capture path
    SILENT = "silent"  # a signal, but far below any real room: hardware mute switch, unplugged


class MicWatch:
    """Decides :class:`MicCondition` from input levels with time thresholds.

    A real microphone in a quiet room reads -70 to -50 dBFS RMS; below ``silent_dbfs`` for
    ``silent_s`` it is called silent, exact zeros for ``dead_s`` dead. Any block above the
    threshold brings it back to OK at once.
    """

    def __init__(
        self,
        rate: int,
        dead_s: float = 1.5,
        silent_s: float = 4.0,
        silent_dbfs: float = -75.0,
    ) -> None:
        """Watch ``rate`` Hz input."""
        self._rate = rate
        self._dead_samples = int(dead_s * rate)
        self._silent_samples = int(silent_s * rate)
        self._silent_level = 10 ** (silent_dbfs / 20)
        self.reset()

    def reset(self) -> None:
        """Back to OK with no history."""
        self._zeros = 0
        self._quiet = 0
        self.condition = MicCondition.OK

    def process(self, block: Frame) -> MicCondition:
        """Update with one input block; returns the condition now."""
        n = len(block)
        peak = float(np.abs(block).max()) if n else 0.0
        rms = math.sqrt(float(np.dot(block, block)) / n) if n else 0.0
        self._zeros = self._zeros + n if peak == 0.0 else 0
        self._quiet = self._quiet + n if rms < self._silent_level else 0
        if self._zeros >= self._dead_samples:
            self.condition = MicCondition.DEAD
        elif self._quiet >= self._silent_samples:
            self.condition = MicCondition.SILENT
        elif self._quiet == 0:
            self.condition = MicCondition.OK
        return self.condition
