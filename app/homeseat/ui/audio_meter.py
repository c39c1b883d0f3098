"""The microphone panel: live input meter with clipping light, suppression controls, warnings.

Runs on the Qt main thread. The panel polls a :class:`~homeseat.audio.pipeline.MicPipeline`
(levels, events, state) every 50 ms: the audio thread never touches Qt, and a reading is one
reference read of an immutable snapshot.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from homeseat.audio.meters import Levels, MicCondition
from homeseat.audio.pipeline import MicPipeline, PipelineEvent, PipelineEventKind
from homeseat.ui.theme import styled

__all__ = ["LevelBar", "MicPanel", "engine_label", "event_text"]

# Bottom of the meter scale: quieter than any real room.
METER_FLOOR_DBFS = -60.0
# How long a clipping warning stays up after the last clipped block (ms).
CLIP_HOLD_MS = 2000


def engine_label(name: str) -> str:
    """A person's name for an engine."""
    names = {
        "dfn3": QCoreApplication.translate("MicPanel", "DeepFilterNet (best quality)"),
        "spectral": QCoreApplication.translate("MicPanel", "Classic (light on the CPU)"),
        "webrtc": QCoreApplication.translate("MicPanel", "WebRTC (light on the CPU)"),
        "none": QCoreApplication.translate("MicPanel", "Off"),
    }
    return names.get(name, name)


def event_text(event: PipelineEvent) -> str:
    """What the agent is told about a pipeline event (empty: nothing to say)."""
    kind = event.kind
    if kind is PipelineEventKind.ENGINE_FALLBACK:
        return QCoreApplication.translate(
            "MicPanel", "This computer is too busy for {0}: switched to {1}."
        ).format(engine_label("dfn3"), engine_label(event.engine))
    if kind is PipelineEventKind.ENGINE_FAILED:
        return QCoreApplication.translate(
            "MicPanel", "Noise suppression had a problem: switched to {0}."
        ).format(engine_label(event.engine))
    if kind is PipelineEventKind.ENGINE_UNAVAILABLE:
        return QCoreApplication.translate(
            "MicPanel", "The configured noise suppression is not available here: using {0}."
        ).format(engine_label(event.engine))
    return ""


class LevelBar(QWidget):
    """A horizontal level meter: RMS bar, peak-hold tick, red when the input clips."""

    def __init__(self, parent: QWidget | None = None) -> None:
        """An empty meter."""
        super().__init__(parent)
        self.levels: Levels | None = None
        self.clipping = False
        self.setMinimumSize(QSize(180, 14))

    def set_levels(self, levels: Levels, clipping: bool) -> None:
        """Show a new reading."""
        self.levels, self.clipping = levels, clipping
        self.update()

    @staticmethod
    def fraction(dbfs: float) -> float:
        """Position of ``dbfs`` on the bar (0..1)."""
        return min(1.0, max(0.0, (dbfs - METER_FLOOR_DBFS) / -METER_FLOOR_DBFS))

    def sizeHint(self) -> QSize:
        """Wide and thin."""
        return QSize(240, 14)

    def paintEvent(self, event: QPaintEvent) -> None:
        """Track, bar (green, amber above -12 dBFS, red when clipping) and peak tick."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        painter.setPen(QColor("#c9ced6"))
        painter.setBrush(QColor("#f1f3f6"))
        painter.drawRoundedRect(rect, 4, 4)
        if self.levels is not None:
            width = rect.width() * self.fraction(self.levels.rms_dbfs + 3.0)  # RMS to sine peak
            color = (
                "#d93025"
                if self.clipping
                else "#e8a317"
                if width > rect.width() * 0.8
                else "#1b7f3b"
            )
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(color))
            painter.drawRoundedRect(QRectF(rect.left(), rect.top(), width, rect.height()), 4, 4)
            x = rect.left() + rect.width() * self.fraction(self.levels.peak_hold_dbfs)
            painter.setPen(QColor("#3c4043"))
            painter.drawLine(int(x), int(rect.top()) + 1, int(x), int(rect.bottom()) - 1)
        painter.end()


class MicPanel(QFrame):
    """Input meter, engine in use, bypass and strength controls, and the microphone warnings.

    Warnings, most urgent first: talking while muted, dead or silent microphone, clipping,
    and engine fallback notices (these stay until the next call).
    """

    def __init__(self, pipeline: MicPipeline, parent: QWidget | None = None) -> None:
        """Watch and control ``pipeline``."""
        super().__init__(parent)
        styled(self, "micPanel")
        self._pipeline = pipeline
        self._notice = ""
        self._clip_left_ms = 0
        self.meter = LevelBar(self)
        self.caption = QLabel(self)
        self.engine = QLabel(self)
        self.bypass = QCheckBox(self)
        self.strength = QSlider(Qt.Orientation.Horizontal, self)
        self.strength.setRange(0, 100)
        self.strength.setValue(100)
        self.strength_caption = QLabel(self)
        self.warning = styled(QLabel(self), "micWarning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(
            "QLabel#micWarning { background: #fdecea; color: #a50e0e; border-radius: 4px;"
            " padding: 6px; font-weight: 600; }"
        )
        self.warning.hide()
        self.bypass.toggled.connect(pipeline.set_bypass)
        self.strength.valueChanged.connect(lambda v: pipeline.set_strength(v / 100))
        top = QHBoxLayout()
        top.addWidget(self.caption)
        top.addWidget(self.meter, 1)
        controls = QHBoxLayout()
        controls.addWidget(self.strength_caption)
        controls.addWidget(self.strength, 1)
        controls.addWidget(self.bypass)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.engine)
        layout.addLayout(controls)
        layout.addWidget(self.warning)
        self.timer = QTimer(self)
        self.timer.setInterval(50)
        self.timer.timeout.connect(self.poll)
        self.retranslate()

    def start(self) -> None:
        """Start polling the pipeline."""
        self.timer.start()

    def stop(self) -> None:
        """Stop polling."""
        self.timer.stop()

    def retranslate(self) -> None:
        """Re-read every text in the current language."""
        self.caption.setText(self.tr("Microphone"))
        self.bypass.setText(self.tr("Bypass"))
        self.bypass.setToolTip(self.tr("Send your microphone without noise suppression"))
        self.strength_caption.setText(self.tr("Noise suppression"))
        self.poll()

    def changeEvent(self, event: QEvent) -> None:
        """Follow language switches."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def poll(self) -> None:
        """Read levels, state and events from the pipeline and show them."""
        p = self._pipeline
        for event in p.drain_events():
            text = event_text(event)
            if text:
                self._notice = text
            if event.kind is PipelineEventKind.CLIPPING:
                self._clip_left_ms = CLIP_HOLD_MS
        levels = p.input_levels
        if levels.clipped:
            self._clip_left_ms = CLIP_HOLD_MS
        clipping = self._clip_left_ms > 0
        self._clip_left_ms = max(0, self._clip_left_ms - self.timer.interval())
        self.meter.set_levels(levels, clipping)
        self.engine.setText(
            self.tr("Noise suppression: {0}, {1:.0f} ms delay").format(
                engine_label(p.engine_name), p.latency_ms
            )
        )
        warning = self._warning_text(p, clipping)
        if warning != self.warning.text() or bool(warning) != self.warning.isVisible():
            self.warning.setText(warning)
            self.warning.setVisible(bool(warning))
            self.updateGeometry()

    def _warning_text(self, p: MicPipeline, clipping: bool) -> str:
        if p.muted_talking:
            return self.tr("You are talking while muted: the customer cannot hear you.")
        condition = p.mic_condition
        if condition is MicCondition.DEAD:
            return self.tr("No signal from the microphone: check that it is plugged in.")
        if condition is MicCondition.SILENT:
            return self.tr("The microphone is silent: is its mute switch on?")
        if clipping:
            return self.tr("Your microphone is too loud and distorts: lower its level.")
        return self._notice
