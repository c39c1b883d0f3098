"""The microphone panel and the audio-check dialog on real widgets (offscreen), real pipeline."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
from pytestqt.qtbot import QtBot
from tests.audio_clips import mix_at_snr, pink_noise, speech

from homeseat.audio.check import FileCheckIO, SpeakerResult, Verdict, speaker_test_tone
from homeseat.audio.offline import write_wav
from homeseat.audio.pipeline import PipelineSettings, build_pipeline
from homeseat.ui.audio_check import AudioCheckDialog
from homeseat.ui.audio_meter import MicPanel
from homeseat.ui.i18n import Translations

RATE = 16_000
SHOTS = Path(os.environ.get("HOMESEAT_SCREENSHOTS", ""))


def feed(pipeline: object, x: np.ndarray) -> None:
    for i in range(0, len(x) - 159, 160):
        pipeline.process(x[i : i + 160])  # type: ignore[attr-defined]


def shoot(widget: object, name: str) -> None:
    """Save a screenshot when HOMESEAT_SCREENSHOTS names a folder (docs/screenshots)."""
    if os.environ.get("HOMESEAT_SCREENSHOTS"):
        widget.adjustSize()  # type: ignore[attr-defined]
        widget.grab().save(str(SHOTS / name))  # type: ignore[attr-defined]


def test_muted_talking_warning_appears_when_speech_is_played_into_a_muted_call(
    qtbot: QtBot,
) -> None:
    # No fallback: on a loaded machine the time guard could switch engines and show its notice.
    pipeline = build_pipeline(RATE, "dfn3", fallback=None)
    panel = MicPanel(pipeline)
    qtbot.addWidget(panel)
    panel.show()
    pipeline.begin_call()
    pipeline.set_muted(True)
    talk = speech(RATE)
    feed(pipeline, talk[: len(talk) * 2 // 3])  # still talking
    panel.poll()
    assert panel.warning.isVisible()
    assert "talking while muted" in panel.warning.text()
    shoot(panel, "mic-panel-muted-talking.png")
    feed(pipeline, np.zeros(RATE, dtype=np.float32) + np.float32(1e-3))  # stopped talking
    panel.poll()
    assert not panel.warning.isVisible(), panel.warning.text()
    assert pipeline.end_call().muted_speech_s > 1.0


def test_meter_shows_level_and_clipping_and_controls_drive_the_pipeline(qtbot: QtBot) -> None:
    pipeline = build_pipeline(RATE, "spectral", fallback=None)
    panel = MicPanel(pipeline)
    qtbot.addWidget(panel)
    loud = np.clip(speech(RATE) * 40, -1, 1).astype(np.float32)
    feed(pipeline, loud[:8000])
    panel.poll()
    assert panel.meter.clipping
    assert panel.meter.levels is not None
    assert panel.meter.levels.peak_dbfs == 0.0
    assert "too loud" in panel.warning.text()
    panel.bypass.setChecked(True)
    assert pipeline.bypass
    panel.strength.setValue(40)
    assert abs(pipeline.strength - 0.4) < 1e-9
    assert "Classic" in panel.engine.text()


def test_fallback_notice_is_shown(qtbot: QtBot) -> None:
    settings = PipelineSettings(budget_fraction=1e-5, late_limit=5, late_window=20)
    pipeline = build_pipeline(RATE, "dfn3", "spectral", settings=settings)
    panel = MicPanel(pipeline)
    qtbot.addWidget(panel)
    feed(pipeline, mix_at_snr(speech(RATE), pink_noise(len(speech(RATE)), RATE), 10.0))
    panel.poll()
    assert "too busy" in panel.warning.text()
    assert "Classic" in panel.engine.text()


def test_audio_check_dialog_headless(
    qtbot: QtBot, tmp_path: Path, translations: Translations
) -> None:
    clean = speech(RATE, lead_s=0.8)
    rec = tmp_path / "mic.wav"
    write_wav(rec, mix_at_snr(clean, pink_noise(len(clean), RATE, seed=2), 22.0), RATE)
    io = FileCheckIO(rec, tmp_path / "played")
    dialog = AudioCheckDialog(io, "dfn3")
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.play_raw.isEnabled()
    verdicts: list[object] = []
    dialog.verdict_ready.connect(verdicts.append)
    dialog.record_button.click()
    qtbot.waitUntil(lambda: dialog.check_result is not None, timeout=60_000)
    result = dialog.check_result
    assert result is not None
    assert result.verdict is Verdict.WARN
    assert dialog.play_suppressed.isEnabled()
    assert dialog.verdict.text() == "Usable, but see the advice below"
    assert "test tone" in dialog.advice.text()
    dialog.play_raw.click()
    dialog.play_suppressed.click()
    dialog.play_tone.click()
    assert [p.name for p in io.played] == [
        "speaker.wav",
        "raw.wav",
        "suppressed.wav",
        "speaker.wav",
    ]
    dialog.heard.click()
    assert dialog.check_result is not None
    assert dialog.check_result.speaker is SpeakerResult.HEARD
    assert dialog.check_result.verdict is Verdict.PASS
    assert dialog.verdict.text() == "Ready: your audio is good"
    assert not dialog.heard.isEnabled()
    summary = dialog.summary()
    assert summary is not None
    assert summary.verdict == "pass"
    assert len(verdicts) == 2
    shoot(dialog, "audio-check-pass.png")
    translations.set_language("zh_CN")
    assert dialog.verdict.text() == "就绪：您的音频良好"
    assert dialog.record_button.text() == "录音 5 秒"
    shoot(dialog, "audio-check-pass-zh_CN.png")


def test_audio_check_dialog_shows_a_failing_speaker(qtbot: QtBot, tmp_path: Path) -> None:
    clean = speech(RATE, lead_s=0.8)
    rec, loop = tmp_path / "mic.wav", tmp_path / "loop.wav"
    write_wav(rec, mix_at_snr(clean, pink_noise(len(clean), RATE, seed=2), 4.0), RATE)
    write_wav(loop, speaker_test_tone(RATE) * np.float32(0.0), RATE)
    dialog = AudioCheckDialog(FileCheckIO(rec, tmp_path / "played", loop), "dfn3")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.start_recording()
    qtbot.waitUntil(lambda: dialog.check_result is not None, timeout=60_000)
    assert dialog.check_result is not None
    assert dialog.check_result.verdict is Verdict.FAIL
    assert "test tone was not heard" in dialog.advice.text()
    assert "room is noisy" in dialog.advice.text()
    shoot(dialog, "audio-check-fail.png")
