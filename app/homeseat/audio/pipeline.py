"""The microphone path: suppressor → VAD → level meter, with guard rails and events.

:meth:`MicPipeline.process` runs on the audio thread (the bridge's mic-path hook) or on the
offline runner's thread; it never blocks, logs only when an engine fails, and hands events to
other threads through a lock-free deque (:meth:`MicPipeline.drain_events`). The setters
(bypass, mute, strength) may be called from any thread: each stores one value that the audio
thread reads once per block. No Qt here: the UI polls events, levels and statistics.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

import numpy as np
from numpy.typing import NDArray

from homeseat.audio.engines import DEFAULT_ENGINE, FALLBACK_ENGINE, create_engine
from homeseat.audio.meters import LevelMeter, Levels, MicCondition, MicWatch
from homeseat.audio.suppress import Frame, Suppressor, SuppressorError, as_float_frame
from homeseat.audio.suppress_guard import (
    BudgetWatch,
    DelayLine,
    FrameTiming,
    GainRamp,
    QuietRoomGate,
)
from homeseat.audio.vad import SpeechStats, SpeechStatsAccumulator, VoiceDetector

__all__ = [
    "PipelineEventKind",
    "PipelineEvent",
    "PipelineSettings",
    "MicPipeline",
    "build_pipeline",
]

log = logging.getLogger(__name__)


class PipelineEventKind(Enum):
    """What the pipeline tells the rest of the client (the UI translates these)."""

    ENGINE_FALLBACK = "engine_fallback"  # the engine was too slow: the cheap one took over
    ENGINE_FAILED = "engine_failed"  # an engine raised: the next one took over at once
    ENGINE_UNAVAILABLE = "engine_unavailable"  # the configured engine could not be created
    MUTED_TALKING = "muted_talking"
    MUTED_TALKING_ENDED = "muted_talking_ended"
    MIC_DEAD = "mic_dead"
    MIC_SILENT = "mic_silent"
    MIC_OK = "mic_ok"
    CLIPPING = "clipping"


@dataclass(frozen=True)
class PipelineEvent:
    """One event; ``detail`` is for logs and reports (English, no customer data)."""

    kind: PipelineEventKind
    at_s: float  # position in the audio stream, seconds
    engine: str  # the engine producing the output after this event
    detail: str = ""


@dataclass(frozen=True)
class PipelineSettings:
    """Tunables; the defaults are what the client ships with."""

    strength: float = 1.0  # 0 = no suppression, 1 = full; in between limits the attenuation
    max_attenuation_db: float = 30.0  # attenuation limit at strength just below 1
    budget_fraction: float = 0.5  # a block is late when suppression takes over this share of it
    late_limit: int = 20  # this many late blocks ...
    late_window: int = 200  # ... among the last this many (2 s) trigger the fallback
    crossfade_ms: float = 20.0  # engine switches, bypass, mute and strength changes
    prime_ms: float = 200.0  # input history replayed into the fallback before it takes over
    vad_mode: int = 3
    muted_talking_ms: int = 400  # speech while muted for this long raises the warning
    clipping_event_every_s: float = 5.0
    quiet_room_gate: bool = True  # let the dry signal through when there is no noise to remove


def _mix_limit(strength: float, max_db: float) -> float:
    """Share of dry signal to mix in: 0 at full strength, 1 at zero strength."""
    s = min(1.0, max(0.0, strength))
    if s >= 1.0:
        return 0.0
    return float(10 ** (-(s * max_db) / 20))


class MicPipeline:
    """Suppression with fallback, bypass, strength and mute, then VAD, meters and events.

    All engines and the dry path are delayed to one common latency, so switching between them
    (fallback, bypass, strength) is a sample-aligned crossfade without a jump in time.
    """

    def __init__(
        self,
        primary: Suppressor,
        fallback: Suppressor | None = None,
        settings: PipelineSettings | None = None,
        *,
        timer: Callable[[], float] = time.perf_counter,
    ) -> None:
        """Build around ``primary`` (and ``fallback``), both at the device rate, any block."""
        if fallback is not None and fallback.rate != primary.rate:
            raise ValueError("primary and fallback must run at the same device rate")
        self._settings = settings or PipelineSettings()
        self._timer = timer
        self.rate = primary.rate
        self.block = primary.frame_size
        self.latency_samples = max(
            primary.latency_samples, fallback.latency_samples if fallback else 0
        )
        self._active = primary
        self._active_delay = DelayLine(self.latency_samples - primary.latency_samples)
        self._fallback = fallback
        self._fallback_delay = (
            DelayLine(self.latency_samples - fallback.latency_samples) if fallback else None
        )
        self._dry = DelayLine(self.latency_samples)
        self._xfade_len = max(1, int(self._settings.crossfade_ms * self.rate / 1000))
        self._switch_pos: int | None = None  # samples into an engine crossfade, None if none
        self._history: deque[Frame] = deque()
        self._history_len = 0
        self._prime_samples = int(self._settings.prime_ms * self.rate / 1000)
        budget_ms = 1000.0 * self.block / self.rate * self._settings.budget_fraction
        self._budget = BudgetWatch(budget_ms, self._settings.late_limit, self._settings.late_window)
        self._ramp = GainRamp(self._xfade_len)
        self._gate = (
            QuietRoomGate(self.rate, self.block) if self._settings.quiet_room_gate else None
        )
        self._bypass = False
        self._muted = False
        self._strength = self._settings.strength
        self._vad = VoiceDetector(self.rate, mode=self._settings.vad_mode)
        self._in_meter = LevelMeter(self.rate)
        self._out_meter = LevelMeter(self.rate)
        self._mic = MicWatch(self.rate)
        self._stats = SpeechStatsAccumulator()
        self._in_call = False
        self._events: deque[PipelineEvent] = deque(maxlen=256)
        self._samples = 0
        self._muted_speech = 0
        self._muted_talking = False
        self._last_clip_event = -1e9
        self._ramp.jump(self._targets())

    # -- controls (any thread) ----------------------------------------------------------------

    def set_bypass(self, bypass: bool) -> None:
        """Send the raw (delayed) microphone signal instead of the suppressed one."""
        self._bypass = bypass

    def set_muted(self, muted: bool) -> None:
        """Mute the output (silence); VAD keeps listening for the muted-talking warning."""
        self._muted = muted

    def set_strength(self, strength: float) -> None:
        """Suppression strength 0..1 (0 = none, 1 = full); changes are crossfaded."""
        self._strength = min(1.0, max(0.0, strength))

    def begin_call(self) -> None:
        """Start per-call speech statistics from zero."""
        self._stats.reset()
        self._in_call = True

    def end_call(self) -> SpeechStats:
        """Stop counting and return the call's statistics."""
        self._in_call = False
        return self._stats.snapshot()

    def drain_events(self) -> list[PipelineEvent]:
        """Take every event raised since the last call (oldest first)."""
        out: list[PipelineEvent] = []
        while True:
            try:
                out.append(self._events.popleft())
            except IndexError:
                return out

    # -- readings (any thread) ----------------------------------------------------------------

    @property
    def engine_name(self) -> str:
        """The engine whose output is heard now."""
        return self._active.name

    @property
    def latency_ms(self) -> float:
        """Delay added by the pipeline."""
        return 1000.0 * self.latency_samples / self.rate

    @property
    def speaking(self) -> bool:
        """Speech detected in the suppressed signal (smoothed)."""
        return self._vad.speaking

    @property
    def bypass(self) -> bool:
        """The bypass switch."""
        return self._bypass

    @property
    def muted(self) -> bool:
        """The mute switch."""
        return self._muted

    @property
    def strength(self) -> float:
        """Suppression strength 0..1."""
        return self._strength

    @property
    def quiet_room_share(self) -> float:
        """Share of dry signal the quiet-room gate lets through now (0 when it is off)."""
        return self._gate.share if self._gate is not None else 0.0

    @property
    def muted_talking(self) -> bool:
        """Speech detected while muted (the warning is showing)."""
        return self._muted_talking

    @property
    def input_levels(self) -> Levels:
        """Microphone level before suppression (clipping is judged here)."""
        return self._in_meter.levels

    @property
    def output_levels(self) -> Levels:
        """Level of what is sent."""
        return self._out_meter.levels

    @property
    def mic_condition(self) -> MicCondition:
        """OK, silent or dead."""
        return self._mic.condition

    def stats(self) -> SpeechStats:
        """Statistics of the current (or last) call so far."""
        return self._stats.snapshot()

    def timing(self) -> FrameTiming:
        """Suppression time per block over the recent past."""
        return self._budget.timing()

    # -- the audio path (audio thread) -------------------------------------------------------

    def process(self, frame: NDArray[np.generic]) -> NDArray[np.generic]:
        """Process one block (float32 or int16, any length); returns the same length and type."""
        x = as_float_frame(frame)
        n = len(x)
        if n == 0:
            return frame.copy()
        self._remember(x)
        wet = self._suppress(x)
        dry = self._dry.process(x)
        if self._gate is not None:
            self._gate.update(x, self._vad.speaking)
        if self._samples == 0:
            self._ramp.jump(self._targets())  # controls set before any audio apply at once
        out = self._ramp.mix(wet, dry, self._targets())
        self._observe(x, wet, out)
        self._samples += n
        if frame.dtype == np.int16:
            return np.asarray(np.clip(np.round(out * 32768.0), -32768, 32767).astype(np.int16))
        return out

    def reset(self) -> None:
        """Forget all signal history (engines, delays, detectors); settings and engine stay."""
        if self._switch_pos is not None:
            self._finish_switch()  # a fallback under way completes: the slow engine stays out
        self._muted_speech = 0
        self._active.reset()
        self._active_delay.reset()
        self._dry.reset()
        self._vad.reset()
        self._mic.reset()
        self._in_meter.reset()
        self._out_meter.reset()
        self._history.clear()
        self._history_len = 0
        if self._gate is not None:
            self._gate.reset()

    def close(self) -> None:
        """Release the engines."""
        self._active.close()
        if self._fallback is not None:
            self._fallback.close()

    def _targets(self) -> tuple[float, float]:
        """Wanted (wet, dry) weights for the current controls."""
        if self._muted:
            return 0.0, 0.0
        if self._bypass:
            return 0.0, 1.0
        lim = _mix_limit(self._strength, self._settings.max_attenuation_db)
        if self._gate is not None:
            lim = max(lim, self._gate.share)
        return 1.0 - lim, lim

    def _remember(self, x: Frame) -> None:
        """Keep recent input to prime the fallback engine with."""
        if self._fallback is None:
            return
        self._history.append(x)
        self._history_len += len(x)
        while self._history and self._history_len - len(self._history[0]) >= self._prime_samples:
            self._history_len -= len(self._history.popleft())

    def _suppress(self, x: Frame) -> Frame:
        """Run the engine(s); measure time; start or finish a fallback switch."""
        t0 = self._timer()
        try:
            wet = self._active_delay.process(self._active.process(x))
        except Exception as exc:  # an engine bug must not kill the audio thread
            return self._engine_failed(x, exc)
        elapsed = self._timer() - t0
        if self._switch_pos is not None:
            return self._continue_switch(x, wet)
        if self._budget.add(elapsed) and self._fallback is not None:
            detail = (
                f"{self._active.name}: {self._budget.tripped_late} of the last "
                f"{self._settings.late_window} blocks over {self._budget.budget_ms:.2f} ms"
            )
            self._start_switch(PipelineEventKind.ENGINE_FALLBACK, detail)
        return wet

    def _start_switch(self, kind: PipelineEventKind, detail: str) -> None:
        """Prime the fallback with recent input so it continues seamlessly, then crossfade."""
        fallback, delay = self._fallback, self._fallback_delay
        assert fallback is not None
        assert delay is not None
        fallback.reset()
        delay.reset()
        for past in self._history:  # ends with the block just processed by the primary
            delay.process(fallback.process(past))
        self._switch_pos = 0
        self._emit(kind, detail, engine=fallback.name)
        log.warning("noise suppression falls back to %s: %s", fallback.name, detail)

    def _continue_switch(self, x: Frame, wet_old: Frame) -> Frame:
        """One block of the engine crossfade (old fades out, fallback fades in)."""
        fallback, delay = self._fallback, self._fallback_delay
        assert fallback is not None
        assert delay is not None
        assert self._switch_pos is not None
        wet_new = delay.process(fallback.process(x))
        n = len(x)
        pos = self._switch_pos + np.arange(1, n + 1, dtype=np.float32)
        w_new = np.minimum(pos / np.float32(self._xfade_len), np.float32(1.0))
        out: Frame = np.asarray(wet_old * (1.0 - w_new) + wet_new * w_new, dtype=np.float32)
        self._switch_pos += n
        if self._switch_pos >= self._xfade_len:
            self._finish_switch()
        return out

    def _finish_switch(self) -> None:
        old = self._active
        assert self._fallback is not None
        assert self._fallback_delay is not None
        self._active, self._active_delay = self._fallback, self._fallback_delay
        self._fallback, self._fallback_delay = None, None
        self._switch_pos = None
        self._history.clear()
        self._history_len = 0
        old.close()

    def _engine_failed(self, x: Frame, exc: Exception) -> Frame:
        """Replace a failing engine at once: fallback if any, else the dry path."""
        log.exception("noise suppression engine %s failed", self._active.name)
        detail = f"{self._active.name}: {type(exc).__name__}: {exc}"
        if self._fallback is not None and self._switch_pos is None:
            self._history.pop()  # the block the failing engine did not process
            self._history_len -= len(x)
            self._start_switch(PipelineEventKind.ENGINE_FAILED, detail)
            self._finish_switch()
            return self._active_delay.process(self._active.process(x))
        from homeseat.audio.engines.passthrough import Passthrough

        self._emit(PipelineEventKind.ENGINE_FAILED, detail, engine="none")
        self._active = Passthrough(self.rate)
        self._active_delay = DelayLine(self.latency_samples)
        self._fallback = self._fallback_delay = None
        self._switch_pos = None
        return self._active_delay.process(x)

    def _observe(self, x: Frame, wet: Frame, out: Frame) -> None:
        """VAD, meters, mic watch and statistics; raise events on changes."""
        levels = self._in_meter.process(x)
        self._out_meter.process(out)
        if levels.clipped:
            if self._in_call:
                self._stats.add_clipped()
            now = self._samples / self.rate
            if now - self._last_clip_event >= self._settings.clipping_event_every_s:
                self._last_clip_event = now
                self._emit(PipelineEventKind.CLIPPING, f"peak {levels.peak_dbfs:.1f} dBFS")
        before = self._mic.condition
        after = self._mic.process(x)
        if after is not before:
            kinds = {
                MicCondition.DEAD: PipelineEventKind.MIC_DEAD,
                MicCondition.SILENT: PipelineEventKind.MIC_SILENT,
                MicCondition.OK: PipelineEventKind.MIC_OK,
            }
            self._emit(kinds[after], f"input rms {levels.rms_dbfs:.1f} dBFS")
        for speaking in self._vad.process(wet):
            if self._in_call:
                self._stats.add(speaking, self._muted)
            self._track_muted_talking(speaking)

    def _track_muted_talking(self, speaking: bool) -> None:
        """Warn after ``muted_talking_ms`` of speech while muted; clear when it stops."""
        if self._muted and speaking:
            self._muted_speech += 10
            if not self._muted_talking and self._muted_speech >= self._settings.muted_talking_ms:
                self._muted_talking = True
                self._emit(PipelineEventKind.MUTED_TALKING)
            return
        self._muted_speech = 0
        if self._muted_talking:
            self._muted_talking = False
            self._emit(PipelineEventKind.MUTED_TALKING_ENDED)

    def _emit(self, kind: PipelineEventKind, detail: str = "", engine: str | None = None) -> None:
        self._events.append(
            PipelineEvent(kind, self._samples / self.rate, engine or self._active.name, detail)
        )


def build_pipeline(
    rate: int,
    engine: str = DEFAULT_ENGINE,
    fallback: str | None = FALLBACK_ENGINE,
    *,
    block: int | None = None,
    settings: PipelineSettings | None = None,
) -> MicPipeline:
    """Create the engines for a device at ``rate`` Hz and the pipeline around them.

    An engine that cannot be created here (package missing on this platform) is replaced by
    the fallback, and the pipeline's first event says so.
    """
    problem = ""
    try:
        primary: Suppressor = create_engine(engine, rate, block)
    except SuppressorError as exc:
        if fallback is None or fallback == engine:
            raise
        problem = f"{engine}: {exc}"
        primary, fallback = create_engine(fallback, rate, block), None
    second = create_engine(fallback, rate, block) if fallback and fallback != engine else None
    pipeline = MicPipeline(primary, second, settings)
    if problem:
        log.warning("noise suppression engine unavailable, using %s: %s", primary.name, problem)
        pipeline._emit(PipelineEventKind.ENGINE_UNAVAILABLE, problem)
    return pipeline
