"""Run any engine at any device rate and block size: streaming resampler and re-framing adapter.

Runs on the caller's thread (the audio thread in real time, the caller in the offline runner).
The resampler is a polyphase windowed-sinc FIR written with numpy: unlike soxr's streaming mode,
whose better qualities release output in bursts of 30-80 ms, it returns output on every call,
so the adapter adds only the filters' group delay plus at most one engine frame of buffering.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray

from homeseat.audio.suppress import Frame, Suppressor

__all__ = ["Resampler", "SampleFifo", "RateAdapter"]

#: Sinc zero crossings on each side of the prototype filter, per unit of the larger factor.
_ZEROS = 24
#: Pass band edge as a fraction of the lower Nyquist frequency.
_CUTOFF = 0.9
#: Kaiser window shape: about 80 dB stop-band attenuation.
_BETA = 8.0


class Resampler:
    """Streaming rational resampler from ``rate_in`` to ``rate_out`` (float32, mono).

    Every call returns all output samples whose input is known, so the output count per call
    is steady (e.g. exactly 160 for each 480 samples in from 48 kHz to 16 kHz).
    """

    def __init__(self, rate_in: int, rate_out: int) -> None:
        """Design the filter for ``rate_in`` → ``rate_out`` (both positive integers in Hz)."""
        if rate_in <= 0 or rate_out <= 0:
            raise ValueError("sample rates must be positive")
        g = math.gcd(rate_in, rate_out)
        self._up = rate_out // g
        self._down = rate_in // g
        self.rate_in = rate_in
        self.rate_out = rate_out
        up, down = self._up, self._down
        # Half length is a multiple of `down` so the group delay is a whole number of output
        # samples: the pipeline aligns dry and wet signal to the sample.
        half = down * math.ceil(_ZEROS * max(up, down) / down)
        n_taps = 2 * half + 1
        cutoff = 0.5 * _CUTOFF / max(up, down)  # cycles per sample at the up-sampled rate
        k = np.arange(n_taps, dtype=np.float64) - half
        proto = 2 * cutoff * np.sinc(2 * cutoff * k) * np.kaiser(n_taps, _BETA) * up
        self._taps = math.ceil(n_taps / up)
        padded = np.zeros(up * self._taps, dtype=np.float64)
        padded[:n_taps] = proto
        # phases[p, t] = h[p + t*up]: the taps that meet input x[n - t] for output phase p.
        self._phases = padded.reshape(self._taps, up).T.astype(np.float32).copy()
        self.delay_out = half // down  # group delay in output samples
        self.reset()

    def reset(self) -> None:
        """Forget the input history (as if preceded by silence)."""
        self._hist = np.zeros(self._taps - 1, dtype=np.float32)
        self._n_in = 0
        self._m_next = 0

    def total_out(self, n_in: int) -> int:
        """How many output samples exist after ``n_in`` input samples in total."""
        return (n_in * self._up + self._down - 1) // self._down

    def process(self, x: Frame) -> Frame:
        """Resample the next block of input; returns every output sample now computable."""
        n_total = self._n_in + len(x)
        m_end = self.total_out(n_total)
        buf = np.concatenate((self._hist, x))
        if m_end > self._m_next:
            m = np.arange(self._m_next, m_end, dtype=np.int64)
            pos = m * self._down
            phase = pos % self._up
            base = pos // self._up - self._n_in + self._taps - 1
            idx = base[:, None] - np.arange(self._taps, dtype=np.int64)[None, :]
            y: Frame = np.asarray(
                np.einsum("ij,ij->i", self._phases[phase], buf[idx]), dtype=np.float32
            )
        else:
            y = np.zeros(0, dtype=np.float32)
        self._m_next = m_end
        self._n_in = n_total
        self._hist = buf[len(buf) - (self._taps - 1) :].copy()
        return y


class SampleFifo:
    """A first-in first-out queue of float32 samples (grows as needed, never shrinks)."""

    def __init__(self, capacity: int = 4096) -> None:
        """Start empty with room for ``capacity`` samples."""
        self._buf = np.zeros(max(capacity, 16), dtype=np.float32)
        self._len = 0

    def __len__(self) -> int:
        return self._len

    def push(self, x: NDArray[np.float32]) -> None:
        """Append samples at the end."""
        need = self._len + len(x)
        if need > len(self._buf):
            grown = np.zeros(max(need, 2 * len(self._buf)), dtype=np.float32)
            grown[: self._len] = self._buf[: self._len]
            self._buf = grown
        self._buf[self._len : need] = x
        self._len = need

    def pop(self, n: int) -> Frame:
        """Remove and return the first ``n`` samples (``n`` must not exceed ``len(self)``)."""
        if n > self._len:
            raise ValueError(f"pop({n}) from a FIFO holding {self._len}")
        out = self._buf[:n].copy()
        rest = self._len - n
        self._buf[:rest] = self._buf[n : self._len]
        self._len = rest
        return out

    def clear(self) -> None:
        """Drop every sample."""
        self._len = 0


class RateAdapter(Suppressor):
    """Presents an engine at the device's rate, taking blocks of any length.

    Input is resampled to the engine's rate, cut into the engine's frames, processed, resampled
    back and returned with the same length as it came in. The output queue starts with just
    enough silence (computed from the nominal block size) never to run dry, so the added delay
    is fixed and known: :attr:`latency_samples` is exact to the sample.
    """

    def __init__(self, inner: Suppressor, rate: int, block: int | None = None) -> None:
        """Wrap ``inner`` for a device at ``rate`` Hz delivering ``block`` samples per call."""
        self._inner = inner
        self._rate = rate
        self._block = block if block is not None else round(rate / 100)
        same = rate == inner.rate
        self._to_engine = None if same else Resampler(rate, inner.rate)
        self._from_engine = None if same else Resampler(inner.rate, rate)
        self._direct = same and self._block == inner.frame_size
        self._prefill = 0 if self._direct else self._needed_prefill()
        self._in = SampleFifo()
        self._out = SampleFifo()
        self.underruns = 0
        engine_delay = inner.latency_samples * rate / inner.rate
        resampler_delay = 0.0
        if self._to_engine is not None and self._from_engine is not None:
            resampler_delay = (
                self._to_engine.delay_out * rate / inner.rate + self._from_engine.delay_out
            )
        self._latency = self._prefill + round(engine_delay + resampler_delay)
        self.reset()

    def _needed_prefill(self) -> int:
        """Largest shortfall of output behind input over many blocks (pure integer counting)."""
        frame = self._inner.frame_size
        worst = 0
        for k in range(1, 2001):
            n = k * self._block
            engine_in = self._to_engine.total_out(n) if self._to_engine else n
            engine_out = frame * (engine_in // frame)
            produced = self._from_engine.total_out(engine_out) if self._from_engine else engine_out
            worst = max(worst, n - produced)
        return worst

    @property
    def name(self) -> str:
        """The wrapped engine's name."""
        return self._inner.name

    @property
    def inner(self) -> Suppressor:
        """The wrapped engine."""
        return self._inner

    @property
    def rate(self) -> int:
        """The device rate."""
        return self._rate

    @property
    def frame_size(self) -> int:
        """The nominal block size (any length is accepted)."""
        return self._block

    @property
    def latency_samples(self) -> int:
        """Total delay at the device rate: buffering, resampling and the engine."""
        return self._latency

    def process(self, frame: Frame) -> Frame:
        """Suppress one block of any length; returns the same number of samples."""
        if frame.dtype != np.float32 or frame.ndim != 1:
            raise ValueError(f"{self.name}: expected mono float32, got {frame.shape} {frame.dtype}")
        if self._direct and len(frame) == self._block:
            return self._inner.process(frame)
        x = self._to_engine.process(frame) if self._to_engine else frame
        self._in.push(x)
        size = self._inner.frame_size
        while len(self._in) >= size:
            y = self._inner.process(self._in.pop(size))
            self._out.push(self._from_engine.process(y) if self._from_engine else y)
        n = len(frame)
        if len(self._out) < n:
            # Only a caller changing its block size gets here: pay one gap, keep the timing.
            self.underruns += 1
            self._out.push(np.zeros(n - len(self._out), dtype=np.float32))
        return self._out.pop(n)

    def reset(self) -> None:
        """Reset the engine, the resamplers and the queues (back to the initial silence)."""
        self._inner.reset()
        for r in (self._to_engine, self._from_engine):
            if r is not None:
                r.reset()
        self._in.clear()
        self._out.clear()
        self._out.push(np.zeros(self._prefill, dtype=np.float32))

    def close(self) -> None:
        """Close the wrapped engine."""
        self._inner.close()
