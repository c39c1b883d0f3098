"""VAD after suppression, speech statistics, level meter with clipping, dead/silent mic watch."""

from __future__ import annotations

import numpy as np
import pytest
from tests.audio_clips import pink_noise, speech

from homeseat.audio.meters import LevelMeter, MicCondition, MicWatch, to_dbfs
from homeseat.audio.pipeline import PipelineEventKind, build_pipeline
from homeseat.audio.vad import SpeechStatsAccumulator, VoiceDetector


def feed(detector: VoiceDetector, x: np.ndarray, block: int) -> list[bool]:
    out: list[bool] = []
    for i in range(0, len(x) - block + 1, block):
        out += detector.process(x[i : i + block])
    return out


@pytest.mark.parametrize(("rate", "block"), [(16_000, 160), (48_000, 480), (44_100, 441)])
def test_vad_hears_speech_and_not_silence(rate: int, block: int) -> None:
    x = speech(rate, lead_s=1.0)
    decisions = feed(VoiceDetector(rate), x, block)
    assert len(decisions) == pytest.approx(len(x) / rate * 100, abs=2)
    assert not any(decisions[:90])  # the leading second of silence
    assert sum(decisions) > 150  # most of the ~3 s sentence


def test_vad_after_suppression_ignores_a_fan() -> None:
    rate = 16_000
    pipeline = build_pipeline(rate, "dfn3", fallback=None)
    pipeline.begin_call()
    fan = pink_noise(3 * rate, rate)
    for i in range(0, len(fan), 160):
        pipeline.process(fan[i : i + 160])
    assert pipeline.stats().speech_s < 0.2


def test_speech_statistics_count_segments_and_runs() -> None:
    acc = SpeechStatsAccumulator()
    pattern = [False] * 50 + [True] * 120 + [False] * 30 + [True] * 80 + [False] * 20
    for s in pattern:
        acc.add(s, muted=False)
    acc.add(True, muted=True)
    stats = acc.snapshot()
    assert stats.speech_segments == 3
    assert stats.speech_s == pytest.approx(2.01)
    assert stats.silence_s == pytest.approx(1.0)
    assert stats.longest_speech_s == pytest.approx(1.2)
    assert stats.longest_silence_s == pytest.approx(0.5)
    assert stats.muted_speech_s == pytest.approx(0.01)
    assert stats.talk_ratio == pytest.approx(2.01 / 3.01)


def test_level_meter_reads_dbfs_and_flags_clipping() -> None:
    meter = LevelMeter(48_000)
    t = np.arange(480) / 48_000
    sine = (0.1 * np.sin(2 * np.pi * 1000 * t)).astype(np.float32)
    levels = meter.process(sine)
    assert levels.peak_dbfs == pytest.approx(-20.0, abs=0.1)
    assert levels.rms_dbfs == pytest.approx(-23.0, abs=0.1)
    assert not levels.clipped
    hot = np.clip(sine * 30, -1.0, 1.0).astype(np.float32)
    levels = meter.process(hot)
    assert levels.clipped
    assert levels.clipped_blocks == 1
    assert meter.process(sine).peak_hold_dbfs == pytest.approx(0.0, abs=0.01)
    assert to_dbfs(0.0) == -120.0


def test_mic_watch_tells_dead_from_silent_from_ok() -> None:
    rate = 16_000
    watch = MicWatch(rate)
    zeros = np.zeros(160, dtype=np.float32)
    states = [watch.process(zeros) for _ in range(200)]
    assert states[100] is MicCondition.OK  # 1 s: not yet
    assert states[-1] is MicCondition.DEAD  # 2 s of exact zeros
    hiss = (1e-5 * np.random.default_rng(0).standard_normal(160)).astype(np.float32)
    states = [watch.process(hiss) for _ in range(450)]
    assert states[-1] is MicCondition.SILENT  # -100 dBFS for 4.5 s
    talk = speech(rate)[8000:8160]
    assert watch.process(talk) is MicCondition.OK


def test_pipeline_reports_dead_mic_and_clipping_events() -> None:
    rate = 16_000
    pipeline = build_pipeline(rate, "spectral", fallback=None)
    for _ in range(200):
        pipeline.process(np.zeros(160, dtype=np.float32))
    loud = np.clip(speech(rate) * 40, -1, 1).astype(np.float32)
    for i in range(0, len(loud) - 159, 160):
        pipeline.process(loud[i : i + 160])
    kinds = [e.kind for e in pipeline.drain_events()]
    assert kinds[:2] == [PipelineEventKind.MIC_DEAD, PipelineEventKind.MIC_OK]
    assert PipelineEventKind.CLIPPING in kinds
    assert pipeline.input_levels.clipped_blocks > 3
