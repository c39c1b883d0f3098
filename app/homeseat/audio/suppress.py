"""The common interface of noise-suppression engines, and the stage the call bridge plugs in.

An engine runs on whichever thread calls :meth:`Suppressor.process` (the audio thread of the
bridge, or the caller of the offline runner); engines are not thread-safe and hold no thread.

The stable interface for the microphone path (used by ``homeseat.audio.bridge``) is
:func:`create_mic_stage`. It returns a :class:`MicStage`:

- ``process(frame) -> frame``: one block of mono int16 or float32 samples at ``rate``
  (10 ms: 160 samples at 16 kHz, 480 at 48 kHz; other lengths work too), returned with the
  same length and type, delayed by ``latency_samples``;
- ``reset()``: forget the signal history (between calls), keeping settings and engine;
- ``rate``, ``latency_samples``, ``latency_ms``: read-only facts of the stage;
- ``set_bypass``, ``set_muted``, ``set_strength``: controls, callable from any thread.

These names do not change; everything else in the pipeline may.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import TYPE_CHECKING, Protocol

import numpy as np
from numpy.typing import NDArray

if TYPE_CHECKING:
    from homeseat.audio.pipeline import MicPipeline

__all__ = [
    "Frame",
    "Suppressor",
    "SuppressorError",
    "as_float_frame",
    "MicStage",
    "create_mic_stage",
]

#: One block of mono float32 samples in [-1, 1].
Frame = NDArray[np.float32]


class SuppressorError(RuntimeError):
    """An engine cannot be created or cannot process audio (the message says why)."""


def as_float_frame(frame: NDArray[np.generic]) -> Frame:
    """Return ``frame`` as contiguous mono float32 in [-1, 1] (int16 is scaled by 1/32768)."""
    if frame.ndim != 1:
        raise ValueError(f"expected a mono (1-D) frame, got shape {frame.shape}")
    if frame.dtype == np.int16:
        return (frame.astype(np.float32) * np.float32(1.0 / 32768.0)).astype(np.float32)
    if frame.dtype == np.float32:
        return np.ascontiguousarray(frame)
    return np.ascontiguousarray(frame, dtype=np.float32)


class Suppressor(ABC):
    """A streaming noise suppressor working in fixed frames at its own sample rate.

    ``process`` takes exactly :attr:`frame_size` samples (10 ms at :attr:`rate`) and returns
    the same number of samples; the output is the input delayed by :attr:`latency_samples`
    (the alignment the pipeline relies on to mix dry and wet signal and to crossfade engines).
    """

    @property
    @abstractmethod
    def name(self) -> str:
        """Short engine name as used in settings and on the command line."""

    @property
    @abstractmethod
    def rate(self) -> int:
        """Sample rate in Hz of the frames this engine takes and returns."""

    @property
    @abstractmethod
    def latency_samples(self) -> int:
        """Delay between input and output, in samples at :attr:`rate`."""

    @property
    def frame_size(self) -> int:
        """Samples per frame: 10 ms at :attr:`rate` (rounded for rates like 22050)."""
        return round(self.rate / 100)

    @property
    def latency_ms(self) -> float:
        """Delay between input and output in milliseconds."""
        return 1000.0 * self.latency_samples / self.rate

    @abstractmethod
    def process(self, frame: Frame) -> Frame:
        """Suppress noise in one frame of :attr:`frame_size` float32 samples."""

    @abstractmethod
    def reset(self) -> None:
        """Forget all signal history (noise estimates, overlap buffers), keeping settings."""

    def close(self) -> None:  # noqa: B027 - most engines hold no native resources
        """Release native resources; the engine must not be used afterwards."""

    def _check(self, frame: Frame) -> None:
        """Refuse a frame of the wrong size or type (a caller bug, never silently fixed)."""
        if frame.shape != (self.frame_size,) or frame.dtype != np.float32:
            raise ValueError(
                f"{self.name}: expected {self.frame_size} float32 samples, "
                f"got {frame.shape} {frame.dtype}"
            )


class MicStage(Protocol):
    """The suppressor stage as the call bridge sees it (implemented by ``MicPipeline``)."""

    @property
    def rate(self) -> int:
        """Sample rate of the frames in and out (Hz)."""
        ...

    @property
    def latency_samples(self) -> int:
        """Delay from input to output in samples at :attr:`rate`."""
        ...

    @property
    def latency_ms(self) -> float:
        """The same delay in milliseconds."""
        ...

    def process(self, frame: NDArray[np.generic]) -> NDArray[np.generic]:
        """Process one int16 or float32 block; returns the same length and type."""
        ...

    def reset(self) -> None:
        """Forget the signal history (call between calls)."""
        ...

    def set_bypass(self, bypass: bool) -> None:
        """Send the raw (equally delayed) microphone signal."""
        ...

    def set_muted(self, muted: bool) -> None:
        """Send silence; speech is still detected for the muted-talking warning."""
        ...

    def set_strength(self, strength: float) -> None:
        """Suppression strength from 0 (none) to 1 (full)."""
        ...


def create_mic_stage(
    rate: int,
    engine: str = "auto",
    *,
    strength: float = 1.0,
    bypass: bool = False,
    block: int | None = None,
) -> MicPipeline:
    """Build the microphone stage for a device or call at ``rate`` Hz (16000 or 48000 typical).

    Args:
        rate: sample rate of the frames the caller will pass.
        engine: an engine name (``dfn3``, ``spectral``, ``webrtc``, ``none``) or a settings
            value (``auto``, ``off``, ``rnnoise``); an engine not available on this machine is
            replaced by the cheap one, and the stage's first event says so.
        strength: initial suppression strength 0..1.
        bypass: start bypassed.
        block: samples per call when not 10 ms.

    Returns:
        A :class:`MicStage` (the full :class:`~homeseat.audio.pipeline.MicPipeline`, which also
        offers events, meters and speech statistics).
    """
    from homeseat.audio.engines import engine_for_setting
    from homeseat.audio.pipeline import build_pipeline

    stage = build_pipeline(rate, engine_for_setting(engine), block=block)
    stage.set_strength(strength)
    stage.set_bypass(bypass)
    return stage
