"""The pre-shift audio check dialog: record, listen raw and suppressed, speaker test, verdict.

Runs on the Qt main thread; recording and analysis run on a worker thread (a real recording
takes five seconds) whose result comes back through a queued signal. The verdict is handed to
whoever reports it to the hub (:attr:`AudioCheckDialog.verdict_ready`).
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from homeseat.audio.check import (
    RECORD_SECONDS,
    AudioCheckResult,
    CheckAudioIO,
    CheckProblem,
    SpeakerResult,
    Verdict,
    analyse_recording,
    detect_tone,
    speaker_test_tone,
    to_summary,
)
from homeseat.audio.engines import DEFAULT_ENGINE
from homeseat.audio.suppress import Frame
from homeseat.protocol.audio_check import AudioCheckSummary
from homeseat.ui.audio_meter import engine_label
from homeseat.ui.theme import styled

__all__ = ["AudioCheckDialog", "problem_advice", "verdict_text"]

log = logging.getLogger(__name__)

_VERDICT_COLORS = {
    Verdict.PASS: ("#1b7f3b", "#e3f4e8"),
    Verdict.WARN: ("#8a5a00", "#fff4dc"),
    Verdict.FAIL: ("#a50e0e", "#fdecea"),
}


def verdict_text(verdict: Verdict) -> str:
    """The verdict as the agent reads it."""
    if verdict is Verdict.PASS:
        return QCoreApplication.translate("AudioCheck", "Ready: your audio is good")
    if verdict is Verdict.WARN:
        return QCoreApplication.translate("AudioCheck", "Usable, but see the advice below")
    return QCoreApplication.translate("AudioCheck", "Not ready: fix the problem below")


def problem_advice(problem: CheckProblem) -> str:
    """One line of advice per problem."""
    texts = {
        CheckProblem.MIC_DEAD: QCoreApplication.translate(
            "AudioCheck", "No signal from the microphone. Plug the headset in and choose it."
        ),
        CheckProblem.MIC_SILENT: QCoreApplication.translate(
            "AudioCheck", "The microphone is silent. Check the mute switch on the headset cable."
        ),
        CheckProblem.NO_SPEECH: QCoreApplication.translate(
            "AudioCheck", "No speech was heard. Record again and read the sentence aloud."
        ),
        CheckProblem.SPEECH_TOO_QUIET: QCoreApplication.translate(
            "AudioCheck", "Your voice is quiet. Move the microphone closer to your mouth."
        ),
        CheckProblem.CLIPPING: QCoreApplication.translate(
            "AudioCheck", "Your voice distorts. Lower the microphone level in the system settings."
        ),
        CheckProblem.NOISY_ROOM: QCoreApplication.translate(
            "AudioCheck",
            "The room is noisy. Suppression helps, but close a window or move away from the TV.",
        ),
        CheckProblem.SPEAKER_NOT_HEARD: QCoreApplication.translate(
            "AudioCheck", "The test tone was not heard. Check the headset and the volume."
        ),
        CheckProblem.SPEAKER_UNTESTED: QCoreApplication.translate(
            "AudioCheck", "Play the test tone and say whether you heard it."
        ),
        CheckProblem.ENGINE_TOO_SLOW: QCoreApplication.translate(
            "AudioCheck",
            "This computer is too slow for the best noise suppression; a lighter one is used.",
        ),
    }
    return texts[problem]


class AudioCheckDialog(QDialog):
    """Record five seconds, play back raw and suppressed, test the speaker, show the verdict."""

    # The latest result (AudioCheckResult), each time it changes (after analysis or the
    # speaker answer); the owner reports ``to_summary(result)`` to the hub.
    verdict_ready = Signal(object)
    _analysed = Signal(object, object, object)  # result, raw, suppressed (from the worker)
    _failed = Signal(str)

    def __init__(
        self, io: CheckAudioIO, engine: str = DEFAULT_ENGINE, parent: QWidget | None = None
    ) -> None:
        """Run the check with ``io`` (sound card or files) and suppression ``engine``."""
        super().__init__(parent)
        styled(self, "audioCheck")
        self._io = io
        self._engine = engine
        self.check_result: AudioCheckResult | None = None
        self._raw: Frame | None = None
        self._suppressed: Frame | None = None
        self._rate = 0
        self._worker: threading.Thread | None = None
        self._status = ("idle", "")
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.sentence = styled(QLabel(self), "checkSentence")
        self.sentence.setWordWrap(True)
        self.sentence.setStyleSheet("font-size: 15px; font-style: italic; padding: 4px 0;")
        self.record_button = QPushButton(self)
        self.play_raw = QPushButton(self)
        self.play_suppressed = QPushButton(self)
        self.play_tone = QPushButton(self)
        self.heard = QPushButton(self)
        self.not_heard = QPushButton(self)
        self.status = QLabel(self)
        self.verdict = styled(QLabel(self), "checkVerdict")
        self.verdict.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.advice = QLabel(self)
        self.advice.setWordWrap(True)
        self.figures = QGridLayout()
        self._figure_labels: list[tuple[QLabel, QLabel]] = [
            (QLabel(self), QLabel(self)) for _ in range(5)
        ]
        for row, (name, value) in enumerate(self._figure_labels):
            self.figures.addWidget(name, row, 0)
            self.figures.addWidget(value, row, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        self.record_button.clicked.connect(self.start_recording)
        self.play_raw.clicked.connect(lambda: self._play("raw"))
        self.play_suppressed.clicked.connect(lambda: self._play("suppressed"))
        self.play_tone.clicked.connect(self._play_tone)
        self.heard.clicked.connect(lambda: self.set_speaker(SpeakerResult.HEARD))
        self.not_heard.clicked.connect(lambda: self.set_speaker(SpeakerResult.NOT_HEARD))
        self._analysed.connect(self._on_analysed, Qt.ConnectionType.QueuedConnection)
        self._failed.connect(self._on_failed, Qt.ConnectionType.QueuedConnection)
        playback = QHBoxLayout()
        playback.addWidget(self.play_raw)
        playback.addWidget(self.play_suppressed)
        speaker = QHBoxLayout()
        speaker.addWidget(self.play_tone)
        speaker.addWidget(self.heard)
        speaker.addWidget(self.not_heard)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.sentence)
        layout.addWidget(self.record_button)
        layout.addWidget(self.status)
        layout.addLayout(playback)
        layout.addLayout(speaker)
        layout.addWidget(self.verdict)
        layout.addWidget(self.advice)
        layout.addLayout(self.figures)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self._enable()
        self.retranslate()

    # ------------------------------------------------------------------ actions

    def start_recording(self) -> None:
        """Record and analyse on a worker thread (five seconds on a real microphone)."""
        if self._worker is not None and self._worker.is_alive():
            return
        self._set_status("recording")
        self.record_button.setEnabled(False)
        self._worker = threading.Thread(target=self._record, name="audio-check", daemon=True)
        self._worker.start()

    def set_speaker(self, speaker: SpeakerResult) -> None:
        """The agent says whether they heard the tone; the verdict is judged again."""
        if self.check_result is None:
            return
        self.check_result = self.check_result.with_speaker(speaker)
        self._show_result()
        self.verdict_ready.emit(self.check_result)

    def summary(self) -> AudioCheckSummary | None:
        """The protocol summary of the current result (None before the first recording)."""
        return to_summary(self.check_result) if self.check_result is not None else None

    # ------------------------------------------------------------------ worker thread

    def _record(self) -> None:
        # Worker thread: no Qt calls here except emitting the queued signals.
        try:
            raw, rate = self._io.record(RECORD_SECONDS)
            result, suppressed = analyse_recording(raw, rate, self._engine)
            captured = self._io.capture_while_playing(speaker_test_tone(rate), rate)
            if captured is not None:
                heard = detect_tone(captured, rate)
                result = result.with_speaker(
                    SpeakerResult.HEARD if heard else SpeakerResult.NOT_HEARD
                )
            self._rate = rate
            self._analysed.emit(result, raw, suppressed)
        except Exception as exc:  # surfaced in the dialog, never lost at the thread boundary
            log.exception("audio check failed")
            self._failed.emit(str(exc))

    # ------------------------------------------------------------------ main thread

    def _on_analysed(self, result: AudioCheckResult, raw: Frame, suppressed: Frame) -> None:
        self.check_result, self._raw, self._suppressed = result, raw, suppressed
        self._set_status("listen")
        self._enable()
        self._show_result()
        self.verdict_ready.emit(result)

    def _on_failed(self, message: str) -> None:
        self._set_status("failed", message)
        self._enable()

    def _play(self, which: str) -> None:
        samples = self._raw if which == "raw" else self._suppressed
        if samples is None:
            return
        try:
            self._io.play(samples, self._rate, which)
        except Exception as exc:  # a device error is shown, not raised into Qt
            log.exception("playback failed")
            self._set_status("playback_failed", str(exc))

    def _play_tone(self) -> None:
        rate = self._rate or 48_000
        try:
            self._io.play(speaker_test_tone(rate), rate, "speaker")
        except Exception as exc:
            log.exception("speaker test failed")
            self._set_status("playback_failed", str(exc))

    def _enable(self) -> None:
        have = self.check_result is not None
        self.record_button.setEnabled(True)
        for button in (self.play_raw, self.play_suppressed, self.play_tone):
            button.setEnabled(have)
        result = self.check_result
        untested = result is not None and result.speaker is not SpeakerResult.HEARD
        self.heard.setEnabled(untested)
        self.not_heard.setEnabled(untested)

    def _show_result(self) -> None:
        result = self.check_result
        if result is None:
            self.verdict.hide()
            self.advice.hide()
            for name, value in self._figure_labels:
                name.hide()
                value.hide()
            return
        fg, bg = _VERDICT_COLORS[result.verdict]
        self.verdict.setStyleSheet(
            f"QLabel#checkVerdict {{ color: {fg}; background: {bg}; border-radius: 6px;"
            " padding: 8px; font-size: 15px; font-weight: 700; }"
        )
        self.verdict.setText(verdict_text(result.verdict))
        self.verdict.show()
        lines = [f"• {problem_advice(p)}" for p in result.problems]
        self.advice.setText("\n".join(lines))
        self.advice.setVisible(bool(lines))
        m = result.measurements
        rows = [
            (self.tr("Background noise"), self.tr("{0:.0f} dBFS").format(m.noise_floor_dbfs)),
            (
                self.tr("After suppression"),
                self.tr("{0:.0f} dBFS ({1:.0f} dB quieter)").format(
                    m.residual_noise_dbfs, m.noise_reduction_db
                ),
            ),
            (
                self.tr("Your voice"),
                self.tr("{0:.0f} dBFS, {1:.1f} s of speech").format(
                    m.speech_level_dbfs, m.speech_s
                ),
            ),
            (
                self.tr("Noise suppression"),
                self.tr("{0}, {1:.0f} ms delay").format(engine_label(m.engine), m.latency_ms),
            ),
            (self.tr("Speaker"), self._speaker_text(result.speaker)),
        ]
        for (name, value), (text, figure) in zip(self._figure_labels, rows, strict=True):
            name.setText(text)
            value.setText(figure)
            name.show()
            value.show()
        self._enable()
        self.adjustSize()  # the verdict, advice and figures need room that was not there

    def _set_status(self, kind: str, detail: str = "") -> None:
        """Show a status line by kind, so a language switch can show it again."""
        self._status = (kind, detail)
        texts = {
            "idle": self.tr("Put your headset on, then press Record."),
            "recording": self.tr("Recording… read the sentence aloud."),
            "listen": self.tr("Listen to yourself, then play the test tone."),
            "failed": self.tr("The check could not run: {0}"),
            "playback_failed": self.tr("Playback failed: {0}"),
        }
        self.status.setText(texts[kind].format(detail))

    def _speaker_text(self, speaker: SpeakerResult) -> str:
        if speaker is SpeakerResult.HEARD:
            return self.tr("heard")
        if speaker is SpeakerResult.NOT_HEARD:
            return self.tr("not heard")
        return self.tr("not tested yet")

    # ------------------------------------------------------------------ Qt

    def retranslate(self) -> None:
        """Re-read every text in the current language."""
        self.setWindowTitle(self.tr("Audio check"))
        self.intro.setText(
            self.tr(
                "Before your shift: record five seconds, listen to how the customer hears you, "
                "and test your headset. Your team lead sees the result."
            )
        )
        self.sentence.setText(
            self.tr("“Thank you for calling, my name is … How can I help you today?”")
        )
        self.record_button.setText(self.tr("Record 5 seconds"))
        self.play_raw.setText(self.tr("Play as recorded"))
        self.play_suppressed.setText(self.tr("Play as the customer hears it"))
        self.play_tone.setText(self.tr("Play test tone"))
        self.heard.setText(self.tr("I heard it"))
        self.not_heard.setText(self.tr("I did not hear it"))
        self._set_status(*self._status)
        self._show_result()

    def changeEvent(self, event: QEvent) -> None:
        """Follow language switches."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
