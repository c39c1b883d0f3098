"""Guard-rail parts of the suppressor stage: delay lines, gain ramps and the time budget watch.

Runs on the audio thread with the pipeline; :meth:`BudgetWatch.timing` may be read from any
thread (it copies the small ring of recent times).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

import numpy as np

from homeseat.audio.suppress import Frame
from homeseat.audio.suppress_adapt import SampleFifo

__all__ = ["DelayLine", "GainRamp", "BudgetWatch", "FrameTiming", "QuietRoomGate"]


class DelayLine:
    """Delays a stream by a fixed number of samples, exactly (blocks of any length)."""

    def __init__(self, delay: int) -> None:
        """``delay`` samples of initial silence."""
        if delay < 0:
            raise ValueError("negative delay")
        self.delay = delay
        self._fifo = SampleFifo(delay + 4096)
        self.reset()

    def reset(self) -> None:
        """Back to the initial silence."""
        self._fifo.clear()
        self._fifo.push(np.zeros(self.delay, dtype=np.float32))

    def process(self, x: Frame) -> Frame:
        """Push ``x``, return as many samples from ``delay`` samples ago."""
        if self.delay == 0:
            return x
        self._fifo.push(x)
        return self._fifo.pop(len(x))


class GainRamp:
    """Mixes wet and dry with weights that glide linearly to new targets (no clicks)."""

    def __init__(self, length: int) -> None:
        """Glide over ``length`` samples."""
        self._length = length
        self._current = (1.0, 0.0)
        self._start = (1.0, 0.0)
        self._target = (1.0, 0.0)
        self._pos = length

    def jump(self, target: tuple[float, float]) -> None:
        """Set the weights at once (before any audio)."""
        self._current = self._start = self._target = target
        self._pos = self._length

    def mix(self, wet: Frame, dry: Frame, target: tuple[float, float]) -> Frame:
        """``wet * w + dry * d`` with (w, d) moving toward ``target``."""
        if target != self._target:
            self._start, self._target, self._pos = self._current, target, 0
        if self._pos >= self._length:
            w, d = self._target
            if w == 0.0 and d == 1.0:
                return dry.copy()  # bypass is the identity, bit for bit
            if w == 1.0 and d == 0.0:
                return wet
            if w == 0.0 and d == 0.0:
                return np.zeros_like(dry)
            return (wet * np.float32(w) + dry * np.float32(d)).astype(np.float32)
        n = len(wet)
        frac = np.minimum((self._pos + np.arange(1, n + 1)) / self._length, 1.0)
        w0, d0 = self._start
        w1, d1 = self._target
        ww = (w0 + (w1 - w0) * frac).astype(np.float32)
        dd = (d0 + (d1 - d0) * frac).astype(np.float32)
        self._pos += n
        self._current = (float(ww[-1]), float(dd[-1]))
        if self._pos >= self._length:
            self._current = self._target
        return (wet * ww + dry * dd).astype(np.float32)


@dataclass(frozen=True)
class FrameTiming:
    """Suppression time per block over the recent past."""

    blocks: int
    mean_ms: float
    p99_ms: float
    max_ms: float
    budget_ms: float
    late_blocks: int  # among the last ``late_window``


class BudgetWatch:
    """Counts blocks over budget in a sliding window; says when the limit is reached."""

    def __init__(
        self, budget_ms: float, late_limit: int, window: int, warmup: int = 20, keep: int = 1000
    ) -> None:
        """A block is late above ``budget_ms``; ``late_limit`` late ones in ``window`` trip it.

        The first ``warmup`` blocks are timed but not judged: engines allocate and fill their
        caches on the first frames.
        """
        self.budget_ms = budget_ms
        self._warmup = warmup
        self.tripped_late = 0  # late blocks in the window when the limit was last reached
        self._budget_s = budget_ms / 1000.0
        self._limit = late_limit
        self._recent: deque[bool] = deque(maxlen=window)
        self.late_count = 0
        self._times: deque[float] = deque(maxlen=keep)
        self._blocks = 0

    def add(self, elapsed_s: float) -> bool:
        """Record one block's time; True when the late limit is reached (then starts over)."""
        self._times.append(elapsed_s)
        self._blocks += 1
        if self._blocks <= self._warmup:
            return False
        late = elapsed_s > self._budget_s
        if len(self._recent) == self._recent.maxlen and self._recent[0]:
            self.late_count -= 1
        self._recent.append(late)
        self.late_count += late
        if self.late_count >= self._limit:
            self.tripped_late = self.late_count
            self._recent.clear()
            self.late_count = 0
            return True
        return False

    def timing(self) -> FrameTiming:
        """Mean, p99 and max over the kept blocks."""
        times = np.array(list(self._times), dtype=np.float64) * 1000.0
        if len(times) == 0:
            return FrameTiming(0, 0.0, 0.0, 0.0, self.budget_ms, 0)
        return FrameTiming(
            blocks=self._blocks,
            mean_ms=float(times.mean()),
            p99_ms=float(np.percentile(times, 99)),
            max_ms=float(times.max()),
            budget_ms=self.budget_ms,
            late_blocks=self.late_count,
        )


class QuietRoomGate:
    """How much dry signal to let through because the room is quiet (0 = none, 1 = all).

    Every engine alters speech a little (DFN3 costs 0.5-1 PESQ point on clean speech), and
    there is nothing to remove when the background is far below the talker. The gate compares,
    over the last ``window_s``, the loud end of the input power (90th percentile) in blocks the
    VAD calls speech with the peaks (98th percentile) of the blocks at least ``guard_s`` away
    from any speech (the background): intermittent noise (keys, horns) counts at its peaks,
    not at its gaps.
    At ``full_db`` or more, or with the background under ``floor_dbfs``, the dry signal
    passes; at ``zero_db`` or less, none. It closes at once but opens only after ``open_s`` of
    background: a short pause in typing or traffic must not pass for a quiet room.
    """

    def __init__(
        self,
        rate: int,
        block: int,
        window_s: float = 10.0,
        zero_db: float = 35.0,
        full_db: float = 45.0,
        floor_dbfs: float = -70.0,
        min_blocks: int = 20,
        guard_s: float = 0.2,
        open_s: float = 1.0,
    ) -> None:
        """Track ``rate`` Hz input arriving in ``block``-sample blocks."""
        self._n = max(10, int(window_s * rate / block))
        self._guard = max(1, int(guard_s * rate / block))
        self._decide_every = max(1, int(0.1 * rate / block))
        self._open_blocks = max(1, int(open_s * rate / block))
        self._min = min_blocks
        self._zero, self._full = zero_db, full_db
        self._floor_power = 10 ** (floor_dbfs / 10)
        self.reset()

    def reset(self) -> None:
        """Forget the history (no dry signal until enough non-speech has been heard)."""
        self._powers = np.zeros(self._n)
        self._speech = np.zeros(self._n, dtype=bool)
        self._i = 0
        self._count = 0
        self._since_decision = 0
        self.share = 0.0
        self.snr_db = 0.0

    def update(self, x: Frame, speaking: bool) -> float:
        """Add one input block with the latest VAD decision; returns the dry share."""
        self._powers[self._i] = float(np.dot(x, x)) / max(1, len(x))
        self._speech[self._i] = speaking
        self._i = (self._i + 1) % self._n
        self._count = min(self._count + 1, self._n)
        # Deciding costs percentiles over the window: every 100 ms is often enough (the room
        # does not change faster, and the 20 ms mix ramp smooths each step).
        self._since_decision += 1
        if self._since_decision < self._decide_every:
            return self.share
        self._since_decision = 0
        if self._count == self._n:  # chronological order (the ring is full)
            speech = np.roll(self._speech, -self._i)
            powers = np.roll(self._powers, -self._i)
        else:
            speech, powers = self._speech[: self._count], self._powers[: self._count]
        # Background = blocks at least `guard` blocks away from any speech (and not among the
        # newest `guard`): the VAD's decision lags at onsets and word edges, and those blocks
        # must not pass for room noise.
        n = len(speech)
        csum = np.concatenate(([0], np.cumsum(speech)))
        idx = np.arange(n)
        hi = np.minimum(n, idx + self._guard + 1)
        lo = np.maximum(0, idx - self._guard)
        near_speech = csum[hi] - csum[lo] > 0
        near_speech[-self._guard :] = True  # the newest blocks: their speech onset may be unjudged
        noise = powers[~near_speech]
        if len(noise) < self._min:
            return self.share  # not enough background heard yet: keep the last decision
        noise_level = float(np.percentile(noise, 98))
        talk = powers[speech]
        if noise_level <= self._floor_power:
            share = 1.0
        elif len(talk) < self._min:
            share = 0.0
        else:
            talker = float(np.percentile(talk, 90))
            self.snr_db = float(10 * np.log10(max(talker, 1e-14) / noise_level))
            share = float(np.clip((self.snr_db - self._zero) / (self._full - self._zero), 0, 1))
        # Close at once, open only on enough evidence (`open_s` of background), so a pause in
        # the typing or the traffic does not pass for a quiet room.
        if share > self.share and len(noise) < self._open_blocks:
            return self.share
        self.share = share
        return self.share
