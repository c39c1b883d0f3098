"""One agent's day for the lead: the state timeline as a bar chart, time per state, recent calls.

Qt main thread, on the qasync loop. The dialog asks the hub for the timeline when it opens (a
refusal or a missing link is shown in words) and draws it with QPainter: one horizontal bar from
the first state of the day to now, coloured by state, with an hour scale and a legend that says
how long the agent spent in each state.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from homeseat.core.agent_state import AgentState
from homeseat.core.timeline import Segment, totals
from homeseat.platform.supervision import SupervisionError
from homeseat.protocol.supervision import CallQuality, Timeline
from homeseat.ui.alerts import ALERT_FG
from homeseat.ui.icons import Icons
from homeseat.ui.team_dialogs import supervision_error_text
from homeseat.ui.texts import format_duration, state_label
from homeseat.ui.theme import state_colors, styled

__all__ = ["TimelineChart", "AgentDetailDialog", "segments_of"]

_LEGEND_ORDER = (
    AgentState.READY,
    AgentState.OFFERED,
    AgentState.BUSY,
    AgentState.WRAP_UP,
    AgentState.NOT_READY,
    AgentState.SIGNED_OUT,
)


def segments_of(timeline: Timeline) -> list[Segment]:
    """The protocol's segments as core segments."""
    return [Segment(s.state, s.reason, s.channel, s.start, s.end) for s in timeline.segments]


def _utc_now() -> datetime:
    return datetime.now(UTC)


class TimelineChart(QWidget):
    """A horizontal bar of the day's state segments, with an hour scale below.

    Args:
        now: wall clock (open segments run up to it).
        parent: Qt parent.
    """

    def __init__(
        self, now: Callable[[], datetime] = _utc_now, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._now = now
        self._segments: list[Segment] = []
        self.setMinimumHeight(70)

    def set_segments(self, segments: Sequence[Segment]) -> None:
        """Draw these segments (oldest first)."""
        self._segments = list(segments)
        self.update()

    def sizeHint(self) -> QSize:
        """Wide and low."""
        return QSize(640, 76)

    def paintEvent(self, event: QPaintEvent) -> None:
        """Bar (one rectangle per segment), hour ticks and labels."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        bar = QRectF(8, 8, self.width() - 16, 34)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#eceff3"))
        painter.drawRoundedRect(bar, 6, 6)
        if not self._segments:
            painter.setPen(QColor("#66717f"))
            painter.drawText(bar, Qt.AlignmentFlag.AlignCenter, self.tr("No activity today"))
            painter.end()
            return
        now = self._now()
        start = self._segments[0].start
        end = max(now, self._segments[-1].end or now)
        span = max(1.0, (end - start).total_seconds())
        scale = bar.width() / span
        for seg in self._segments:
            x0 = bar.left() + (seg.start - start).total_seconds() * scale
            x1 = bar.left() + ((seg.end or now) - start).total_seconds() * scale
            painter.setBrush(QColor(state_colors(seg.state).fg))
            painter.drawRect(QRectF(x0, bar.top(), max(1.0, x1 - x0), bar.height()))
        painter.setPen(QPen(QColor("#8a94a1"), 1))
        hours = span / 3600
        step = 3600 * (1 if hours <= 12 else 2)
        tick = (int(start.timestamp()) // 3600 + 1) * 3600  # the first full hour after start
        while tick - start.timestamp() <= span:
            x = bar.left() + (tick - start.timestamp()) * scale
            painter.drawLine(int(x), int(bar.bottom()) + 2, int(x), int(bar.bottom()) + 6)
            label = datetime.fromtimestamp(tick).astimezone().strftime("%H:%M")
            painter.drawText(
                QRectF(x - 30, bar.bottom() + 6, 60, 18), Qt.AlignmentFlag.AlignHCenter, label
            )
            tick += step
        painter.end()


class AgentDetailDialog(QDialog):
    """Today of one agent: timeline chart, legend with time per state, recent calls.

    Args:
        name: the agent's display name.
        username: whose timeline to load.
        load: fetches the timeline (``SupervisionClient.timeline``).
        icons: icon cache (legend dots).
        now: wall clock.
        parent: Qt parent.
    """

    def __init__(
        self,
        name: str,
        username: str,
        load: Callable[[str], Awaitable[Timeline]],
        icons: Icons,
        *,
        now: Callable[[], datetime] = _utc_now,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Today: %1").replace("%1", name))
        self.resize(720, 460)
        self._icons = icons
        self._now = now
        self._load = load
        self._username = username
        layout = QVBoxLayout(self)
        title = styled(QLabel(self.tr("%1 – today's states").replace("%1", name)), "CardTitle")
        layout.addWidget(title)
        self.status = styled(QLabel(self.tr("Loading…")), "Muted")
        layout.addWidget(self.status)
        self.chart = TimelineChart(now)
        layout.addWidget(self.chart)
        self.legend = QHBoxLayout()
        self.legend.setSpacing(14)
        layout.addLayout(self.legend)
        self.legend_labels: dict[AgentState, QLabel] = {}
        calls_title = styled(QLabel(self.tr("Recent calls")), "CardTitle")
        layout.addWidget(calls_title)
        self.calls = QTableWidget(0, 4)
        self.calls.setHorizontalHeaderLabels(
            [self.tr("Ended"), self.tr("Direction"), self.tr("Duration"), self.tr("MOS")]
        )
        self.calls.verticalHeader().hide()
        self.calls.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.calls.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.calls.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.calls, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.timeline: Timeline | None = None
        self.task: asyncio.Future[None] = asyncio.ensure_future(self.reload())

    async def reload(self) -> None:
        """Fetch the timeline again and show it (or why it could not be fetched)."""
        try:
            timeline = await self._load(self._username)
        except SupervisionError as exc:
            self.status.setText(supervision_error_text(exc.code))
            self.status.setStyleSheet(f"color: {ALERT_FG};")
            return
        self.show_timeline(timeline)

    def show_timeline(self, timeline: Timeline) -> None:
        """Draw ``timeline``."""
        self.timeline = timeline
        segments = segments_of(timeline)
        self.chart.set_segments(segments)
        now = self._now()
        seconds = totals(segments, now)
        while self.legend.count():
            item = self.legend.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.legend_labels.clear()
        for state in _LEGEND_ORDER:
            if state not in seconds:
                continue
            dot = QLabel()
            dot.setPixmap(self._icons.dot_pixmap(state_colors(state).fg, 12))
            label = QLabel(f"{state_label(state)} {format_duration(seconds[state])}")
            self.legend.addWidget(dot)
            self.legend.addWidget(label)
            self.legend_labels[state] = label
        self.legend.addStretch(1)
        if timeline.truncated:
            self.status.setText(self.tr("Only the latest changes of the day are shown."))
        else:
            start = timeline.day_start.astimezone().strftime("%Y-%m-%d")
            self.status.setText(self.tr("Since midnight, %1").replace("%1", start))
        self._show_calls(timeline.calls)

    def _show_calls(self, calls: Sequence[CallQuality]) -> None:
        self.calls.setRowCount(len(calls))
        for row, call in enumerate(sorted(calls, key=lambda c: c.at, reverse=True)):
            direction = self.tr("Inbound") if call.direction == "inbound" else self.tr("Outbound")
            mos = f"{call.mos:.1f}" if call.mos is not None else "–"
            cells = (
                call.at.astimezone().strftime("%H:%M"),
                direction,
                format_duration(call.seconds),
                mos,
            )
            for column, text in enumerate(cells):
                self.calls.setItem(row, column, QTableWidgetItem(text))
        if not calls:
            self.calls.setRowCount(1)
            self.calls.setItem(0, 0, QTableWidgetItem(self.tr("No calls today")))
