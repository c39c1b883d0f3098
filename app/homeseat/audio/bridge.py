"""The call audio bridge: microphone source → (suppressor stage) → call, call → speaker sink.

pjsua2 runs on its null sound device; each call's conference port (``homeseat.sip.media``)
asks this bridge for one uplink frame and hands it one downlink frame every ptime. Those
calls come from pjmedia's clock thread, so everything here only moves numpy frames: sources
and sinks never block (a sound device is decoupled by :class:`RingBuffer`, a WAV file is read
from or written to memory). The microphone path has one plug-in point, ``mic_stage``: any
object with ``rate`` and ``process(frame) -> frame`` (the noise-suppression
:class:`~homeseat.audio.pipeline.MicPipeline` fits) runs on each uplink frame.
"""

from __future__ import annotations

import threading
import time
import wave
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

import numpy as np
from numpy.typing import NDArray

__all__ = [
    "Pcm",
    "MicStage",
    "AudioSource",
    "AudioSink",
    "RingBuffer",
    "SilenceSource",
    "ToneSource",
    "WavSource",
    "MemorySink",
    "WavSink",
    "CallAudioBridge",
    "read_wav",
    "write_wav",
    "tone_level_db",
]

#: Mono 16-bit samples: the format pjmedia's conference bridge carries.
Pcm = NDArray[np.int16]


class MicStage(Protocol):
    """A stage on the microphone path (a noise suppressor); runs on the audio thread."""

    rate: int

    def process(self, frame: NDArray[np.generic]) -> NDArray[np.generic]:
        """Process one block; return the same number of samples."""
        ...


class AudioSource(Protocol):
    """Where uplink audio comes from. ``read`` never blocks; it pads with silence."""

    def read(self, samples: int) -> Pcm:
        """Exactly ``samples`` samples."""
        ...


class AudioSink(Protocol):
    """Where downlink audio goes. ``write`` never blocks."""

    def write(self, frame: Pcm) -> None:
        """Take one frame."""
        ...


class RingBuffer:
    """A bounded FIFO of int16 samples between two threads; overflow drops the oldest audio.

    The lock is held only for a copy of a few hundred samples, never across I/O.
    """

    def __init__(self, capacity: int) -> None:
        """Hold at most ``capacity`` samples."""
        self._buf = np.zeros(capacity, dtype=np.int16)
        self._start = 0
        self._size = 0
        self._lock = threading.Lock()
        self.dropped = 0  # samples lost to overflow
        self.underruns = 0  # reads that had to be padded with silence

    @property
    def available(self) -> int:
        """Samples waiting."""
        return self._size

    def write(self, frame: Pcm) -> None:
        """Append ``frame`` (dropping the oldest samples when full)."""
        cap = len(self._buf)
        data = frame[-cap:]
        with self._lock:
            overflow = self._size + len(data) - cap
            if overflow > 0:
                self._start = (self._start + overflow) % cap
                self._size -= overflow
                self.dropped += overflow
            end = (self._start + self._size) % cap
            first = min(len(data), cap - end)
            self._buf[end : end + first] = data[:first]
            self._buf[: len(data) - first] = data[first:]
            self._size += len(data)

    def read(self, samples: int) -> Pcm:
        """Take ``samples`` samples, padded with silence when fewer are waiting."""
        out = np.zeros(samples, dtype=np.int16)
        cap = len(self._buf)
        with self._lock:
            n = min(samples, self._size)
            first = min(n, cap - self._start)
            out[:first] = self._buf[self._start : self._start + first]
            out[first:n] = self._buf[: n - first]
            self._start = (self._start + n) % cap
            self._size -= n
            if n < samples:
                self.underruns += 1
        return out


class SilenceSource:
    """A microphone that says nothing."""

    def read(self, samples: int) -> Pcm:
        """Silence."""
        return np.zeros(samples, dtype=np.int16)


class ToneSource:
    """A sine tone (tests and benchmarks: a known signal to detect at the far end)."""

    def __init__(self, rate: int, freq: float, level: float = 0.3) -> None:
        """``level`` is the peak amplitude as a fraction of full scale."""
        self._rate = rate
        self._freq = freq
        self._amp = level * 32767.0
        self._pos = 0

    def read(self, samples: int) -> Pcm:
        """The next ``samples`` samples of the tone."""
        t = (np.arange(samples) + self._pos) / self._rate
        self._pos += samples
        return (self._amp * np.sin(2.0 * np.pi * self._freq * t)).astype(np.int16)


def _resample(x: NDArray[np.float64], src: int, dst: int) -> NDArray[np.float64]:
    if src == dst or len(x) == 0:
        return x
    n = round(len(x) * dst / src)
    out: NDArray[np.float64] = np.interp(np.arange(n) * (src / dst), np.arange(len(x)), x)
    return out


def read_wav(path: Path, rate: int) -> Pcm:
    """Read a 16-bit PCM WAV file as mono at ``rate`` (channels averaged, linear resampling).

    Raises:
        ValueError: the file is not 16-bit PCM WAV (the message names the file).
    """
    try:
        with wave.open(str(path), "rb") as w:
            if w.getsampwidth() != 2:
                raise ValueError(f"{path}: only 16-bit PCM WAV is supported")
            channels, src_rate = w.getnchannels(), w.getframerate()
            raw = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")
    except (wave.Error, EOFError) as exc:
        raise ValueError(f"{path}: not a readable WAV file ({exc})") from exc
    mono = raw.reshape(-1, channels).astype(np.float64).mean(axis=1)
    return np.clip(_resample(mono, src_rate, rate), -32768, 32767).astype(np.int16)


def write_wav(path: Path, samples: Pcm, rate: int) -> None:
    """Write mono 16-bit PCM."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(samples.astype("<i2").tobytes())


class WavSource:
    """A WAV file as the microphone (loaded into memory first, looped when asked)."""

    def __init__(self, path: Path, rate: int, *, loop: bool = True) -> None:
        """Load ``path`` resampled to ``rate``."""
        self._data = read_wav(path, rate)
        self._pos = 0
        self._loop = loop and len(self._data) > 0

    def read(self, samples: int) -> Pcm:
        """The next ``samples`` samples (silence after the end unless looping)."""
        out = np.zeros(samples, dtype=np.int16)
        filled = 0
        while filled < samples and (self._pos < len(self._data) or self._loop):
            if self._pos >= len(self._data):
                self._pos = 0
            n = min(samples - filled, len(self._data) - self._pos)
            out[filled : filled + n] = self._data[self._pos : self._pos + n]
            self._pos += n
            filled += n
        return out


class MemorySink:
    """Keeps what the call delivered (bounded), for WAV files and tests."""

    def __init__(self, max_seconds: float = 600.0, rate: int = 16000) -> None:
        """Keep at most ``max_seconds`` at ``rate`` (older audio is dropped)."""
        self._frames: list[Pcm] = []
        self._max = int(max_seconds * rate)
        self._count = 0
        self._lock = threading.Lock()

    def write(self, frame: Pcm) -> None:
        """Append a copy of ``frame``."""
        with self._lock:
            self._frames.append(frame.copy())
            self._count += len(frame)
            while self._count > self._max and self._frames:
                self._count -= len(self._frames.pop(0))

    def samples(self) -> Pcm:
        """Everything kept so far."""
        with self._lock:
            if not self._frames:
                return np.zeros(0, dtype=np.int16)
            return np.concatenate(self._frames)


class WavSink(MemorySink):
    """Records the call into a WAV file written by :meth:`close` (no I/O on the audio path)."""

    def __init__(self, path: Path, rate: int, max_seconds: float = 600.0) -> None:
        """Record to ``path`` at ``rate``."""
        super().__init__(max_seconds, rate)
        self.path = path
        self._rate = rate

    def close(self) -> Path:
        """Write the file and return its path."""
        write_wav(self.path, self.samples(), self._rate)
        return self.path


def tone_level_db(samples: Pcm, rate: int, freq: float) -> float:
    """Power of ``freq`` relative to full scale in dB (Goertzel over the whole signal)."""
    x = samples.astype(np.float64) / 32768.0
    if len(x) == 0:
        return -200.0
    k = 2.0 * np.cos(2.0 * np.pi * freq / rate)
    s1 = s2 = 0.0
    for v in x.tolist():
        s1, s2 = v + k * s1 - s2, s1
    power = s1 * s1 + s2 * s2 - k * s1 * s2
    amplitude = 2.0 * np.sqrt(max(power, 0.0)) / len(x)
    return float(20.0 * np.log10(max(amplitude, 1e-10)))


class CallAudioBridge:
    """One call's audio: source → mic stage → uplink, downlink → sink. Audio-thread methods.

    ``uplink`` and ``downlink`` are called by the call's conference port on pjmedia's clock
    thread; :meth:`set_muted` may be called from any thread (one flag read per frame).
    """

    def __init__(
        self,
        rate: int,
        frame_samples: int,
        source: AudioSource,
        sink: AudioSink,
        *,
        mic_stage: MicStage | None = None,
        clock: Callable[[], float] = time.perf_counter,
        on_close: Callable[[], None] | None = None,
    ) -> None:
        """Build for ``frame_samples`` samples per frame at ``rate``.

        Raises:
            ValueError: ``mic_stage`` runs at a different rate than the bridge.
        """
        if mic_stage is not None and mic_stage.rate != rate:
            raise ValueError(
                f"the microphone stage runs at {mic_stage.rate} Hz but the call bridge at "
                f"{rate} Hz; configure both to the same rate"
            )
        self.rate = rate
        self.frame_samples = frame_samples
        self._source = source
        self._sink = sink
        self._stage = mic_stage
        self._clock = clock
        self._on_close = on_close
        self._muted = False
        self.uplink_frames = 0
        self.downlink_frames = 0
        self.stage_errors = 0
        self.stage_seconds = 0.0  # time spent in the mic stage, for the latency benchmark
        self.last_uplink_at = 0.0

    @property
    def muted(self) -> bool:
        """True while the uplink sends silence."""
        return self._muted

    def set_muted(self, muted: bool) -> None:
        """Send silence instead of the microphone (any thread)."""
        self._muted = muted

    def close(self) -> None:
        """The call is over: release what ``on_close`` holds (device streams). Idempotent."""
        on_close, self._on_close = self._on_close, None
        if on_close is not None:
            on_close()

    def uplink(self) -> Pcm:
        """The next frame for the call (pjmedia clock thread)."""
        frame = self._source.read(self.frame_samples)
        if self._stage is not None:
            t0 = self._clock()
            try:
                out = self._stage.process(frame)
                frame = _to_pcm(out, self.frame_samples)
            except Exception:
                self.stage_errors += 1  # the raw microphone goes through instead
            self.stage_seconds += self._clock() - t0
        self.uplink_frames += 1
        self.last_uplink_at = self._clock()
        if self._muted:
            return np.zeros(self.frame_samples, dtype=np.int16)
        return frame

    def downlink(self, frame: Pcm) -> None:
        """One frame from the call (pjmedia clock thread)."""
        self.downlink_frames += 1
        self._sink.write(frame)


def _to_pcm(frame: NDArray[np.generic], samples: int) -> Pcm:
    if frame.dtype == np.int16:
        out: Pcm = np.asarray(frame, dtype=np.int16)
    else:
        out = np.clip(np.asarray(frame, dtype=np.float32) * 32768.0, -32768, 32767).astype(np.int16)
    if len(out) != samples:
        raise ValueError(f"the microphone stage returned {len(out)} samples, not {samples}")
    return out
