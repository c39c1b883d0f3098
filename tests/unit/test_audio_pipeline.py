"""The microphone pipeline: offline = real time, fallback, bypass, strength, mute, failures."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from tests.audio_clips import mix_at_snr, pink_noise, rms_db, speech

from homeseat.audio.engines import create_engine
from homeseat.audio.offline import denoise_file, read_wav, run_pipeline, write_wav
from homeseat.audio.pipeline import MicPipeline, PipelineEventKind, PipelineSettings, build_pipeline
from homeseat.audio.suppress import Frame, Suppressor, create_mic_stage

RATE = 16_000
BLOCK = 160


def noisy_speech(rate: int = RATE, snr: float = 5.0, lead_s: float = 0.5) -> Frame:
    clean = speech(rate, lead_s=lead_s)
    return mix_at_snr(clean, pink_noise(len(clean), rate, seed=7), snr)


def blocks(pipeline: MicPipeline, x: Frame, size: int = BLOCK) -> Frame:
    """What the call bridge does: one block at a time, as the audio thread delivers them."""
    n = len(x) // size * size
    return np.concatenate([pipeline.process(x[i : i + size]) for i in range(0, n, size)])


def test_offline_runner_reproduces_the_real_time_path_bit_for_bit(tmp_path: Path) -> None:
    x = noisy_speech()
    x = x[: 40 * BLOCK * 6]  # 2.4 s: half a second of noise, then speech
    live = blocks(build_pipeline(RATE, "dfn3", fallback=None), x)
    offline = run_pipeline(build_pipeline(RATE, "dfn3", fallback=None), x, align=False)
    np.testing.assert_array_equal(live, offline)
    # The file runner writes the same samples, lined up with the input (delay removed).
    src, dst = tmp_path / "in.wav", tmp_path / "out.wav"
    write_wav(src, x, RATE)
    x16 = read_wav(src)[0]
    report = denoise_file(src, dst, "dfn3")
    lat = build_pipeline(RATE, "dfn3", fallback=None).latency_samples
    tail = np.zeros(lat + BLOCK, dtype=np.float32)
    expected = blocks(build_pipeline(RATE, "dfn3", fallback=None), np.concatenate([x16, tail]))
    ref = tmp_path / "ref.wav"
    write_wav(ref, expected[lat : lat + len(x16)], RATE)
    assert dst.read_bytes() == ref.read_bytes()
    assert report.engine == "dfn3"
    assert report.latency_ms == pytest.approx(1000 * lat / RATE)
    assert 0.2 < report.speech_share < 0.95


def test_fallback_triggers_under_an_artificial_cpu_budget() -> None:
    # A budget of 0.1 µs per block: no engine can keep it, so the guard must switch.
    settings = PipelineSettings(budget_fraction=1e-5, late_limit=5, late_window=20)
    pipeline = build_pipeline(RATE, "dfn3", "spectral", settings=settings)
    out = blocks(pipeline, noisy_speech())
    kinds = [e.kind for e in pipeline.drain_events()]
    assert PipelineEventKind.ENGINE_FALLBACK in kinds
    assert pipeline.engine_name == "spectral"
    assert len(out) == len(noisy_speech()) // BLOCK * BLOCK
    timing = pipeline.timing()
    assert timing.budget_ms == pytest.approx(1e-4)
    assert timing.p99_ms > timing.budget_ms


class SteppedClock:
    """A timer that reports each block as taking ``slow_ms`` from block ``slow_from`` on."""

    def __init__(self, slow_from: int, slow_ms: float) -> None:
        self.calls = 0
        self.now = 0.0
        self._slow_from = slow_from
        self._slow = slow_ms / 1000

    def __call__(self) -> float:
        self.calls += 1
        block = self.calls // 2
        if self.calls % 2 == 0:  # the second call of a block: after the engine ran
            self.now += self._slow if block >= self._slow_from else 1e-5
        return self.now


def test_fallback_switch_is_glitch_free() -> None:
    x = noisy_speech(snr=10.0)
    settings = PipelineSettings(late_limit=3, late_window=10, quiet_room_gate=False)
    switched = MicPipeline(
        create_engine("dfn3", RATE),
        create_engine("spectral", RATE),
        settings,
        timer=SteppedClock(slow_from=120, slow_ms=50.0),
    )
    out = blocks(switched, x)
    events = [e for e in switched.drain_events() if e.kind is PipelineEventKind.ENGINE_FALLBACK]
    assert len(events) == 1
    at = int(events[0].at_s * RATE)
    # Before the switch: exactly the primary's output.
    primary_only = MicPipeline(
        create_engine("dfn3", RATE), create_engine("spectral", RATE), settings, timer=lambda: 0.0
    )
    before = blocks(primary_only, x)
    np.testing.assert_array_equal(out[:at], before[:at])
    # Around the switch: no click (no sample jump larger than the signal's own) and no gap.
    jumps = np.abs(np.diff(out))
    region = slice(at - 2 * BLOCK, at + 6 * BLOCK)
    assert jumps[region].max() <= 1.5 * np.percentile(jumps[: at - 4 * BLOCK], 99.9)
    levels = [rms_db(out[i : i + BLOCK]) for i in range(region.start, region.stop, BLOCK)]
    ref_levels = [rms_db(x[i : i + BLOCK]) for i in range(region.start, region.stop, BLOCK)]
    assert min(a - b for a, b in zip(levels, ref_levels, strict=True)) > -30.0
    assert switched.engine_name == "spectral"


def test_bypass_and_zero_strength_send_the_input_delayed_exactly() -> None:
    x = noisy_speech()
    for setup in ("bypass", "strength0"):
        pipeline = build_pipeline(RATE, "spectral", fallback=None)
        if setup == "bypass":
            pipeline.set_bypass(True)
        else:
            pipeline.set_strength(0.0)
        lat = pipeline.latency_samples
        out = blocks(pipeline, x)
        np.testing.assert_array_equal(out[lat:], x[: len(out) - lat])


def test_strength_scales_the_attenuation() -> None:
    x = noisy_speech(snr=5.0)[:RATE]
    pause = slice(int(0.15 * RATE), int(0.45 * RATE))
    residual = {}
    for strength in (1.0, 0.5):
        settings = PipelineSettings(strength=strength, quiet_room_gate=False)
        pipeline = build_pipeline(RATE, "dfn3", fallback=None, settings=settings)
        out = run_pipeline(pipeline, x)
        residual[strength] = rms_db(out[pause])
    noise = rms_db(x[pause])
    assert residual[1.0] < noise - 25.0
    # Half strength caps the attenuation at 15 dB (half of the 30 dB limit).
    assert noise - 17.0 < residual[0.5] < noise - 12.0


def test_muted_speech_raises_the_warning_and_sends_silence() -> None:
    pipeline = build_pipeline(RATE, "spectral", fallback=None)
    pipeline.set_muted(True)
    pipeline.begin_call()
    out = blocks(pipeline, speech(RATE))
    assert np.all(out[-len(out) // 2 :] == 0.0)
    kinds = [e.kind for e in pipeline.drain_events()]
    # Raised while the sentence is spoken, cleared once the agent stops talking.
    assert kinds.index(PipelineEventKind.MUTED_TALKING) < kinds.index(
        PipelineEventKind.MUTED_TALKING_ENDED
    )
    stats = pipeline.end_call()
    assert stats.muted_speech_s > 1.0
    pipeline.set_muted(False)
    blocks(pipeline, speech(RATE))
    assert PipelineEventKind.MUTED_TALKING not in [e.kind for e in pipeline.drain_events()]
    assert not pipeline.muted_talking


def test_int16_frames_in_int16_frames_out() -> None:
    stage = create_mic_stage(48_000, "spectral")
    frame = (np.sin(np.arange(480) / 5) * 8000).astype(np.int16)
    out = stage.process(frame)
    assert out.dtype == np.int16
    assert out.shape == (480,)
    assert stage.latency_ms == pytest.approx(10.0)
    stage.reset()


class BrokenEngine(Suppressor):
    """An engine with a bug that shows on its 50th frame (the guard must survive it)."""

    def __init__(self) -> None:
        self.frames = 0

    name = "broken"
    rate = RATE
    latency_samples = 0

    def process(self, frame: Frame) -> Frame:
        self.frames += 1
        if self.frames >= 50:
            raise RuntimeError("model state corrupted")
        return frame.copy()

    def reset(self) -> None:
        self.frames = 0


def test_a_failing_engine_is_replaced_at_once() -> None:
    # A frozen clock: only the failure, never the time budget, may cause the switch here.
    pipeline = MicPipeline(BrokenEngine(), create_engine("spectral", RATE), timer=lambda: 0.0)
    out = blocks(pipeline, noisy_speech())
    events = pipeline.drain_events()
    failed = [e for e in events if e.kind is PipelineEventKind.ENGINE_FAILED]
    assert len(failed) == 1
    assert "model state corrupted" in failed[0].detail
    assert pipeline.engine_name == "spectral"
    assert rms_db(out[-RATE // 2 :]) > -60.0  # audio kept flowing


def test_an_engine_missing_here_falls_back_and_says_so() -> None:
    stage = create_mic_stage(RATE, "rnnoise")  # a settings value with no engine in this build
    events = stage.drain_events()
    assert events[0].kind is PipelineEventKind.ENGINE_UNAVAILABLE
    assert "rnnoise" in events[0].detail
    assert stage.engine_name == "spectral"


def test_quiet_room_gate_lets_clean_speech_through_and_closes_in_noise() -> None:
    clean = speech(RATE, lead_s=1.5)
    pipeline = build_pipeline(RATE, "dfn3", fallback=None)
    out = run_pipeline(pipeline, clean)
    assert pipeline.quiet_room_share == 1.0
    # Once the gate has heard a second of silent room, the voice goes out unaltered.
    settled = RATE * 14 // 10
    np.testing.assert_allclose(out[settled:], clean[settled:], atol=1e-6)
    noisy = mix_at_snr(clean, pink_noise(len(clean), RATE, seed=9), 10.0)
    pipeline = build_pipeline(RATE, "dfn3", fallback=None)
    run_pipeline(pipeline, noisy)
    assert pipeline.quiet_room_share == 0.0
