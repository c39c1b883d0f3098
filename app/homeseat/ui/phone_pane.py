"""The softphone pane: registration, two lines with quality, call controls, dial pad, history.

Runs on the Qt main thread and renders a :class:`~homeseat.ui.phone_controller.PhoneController`
(the model); every button calls the controller. Numbers are masked on screen with the shared
:class:`~homeseat.core.masking.Masker`; the dial field shows what the agent types.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from homeseat.core.calls import Call, CallState, Direction, remote_party
from homeseat.core.masking import Masker
from homeseat.core.quality import QualityGrade, QualityScore
from homeseat.sip.events import RegState
from homeseat.sip.history import HistoryEntry
from homeseat.ui.icons import Icons
from homeseat.ui.panes import Card
from homeseat.ui.phone_controller import PhoneController
from homeseat.ui.texts import format_duration
from homeseat.ui.theme import styled

__all__ = ["LineRow", "SoftphonePane"]

_DIAL_KEYS = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "0", "#")
_GRADE_COLOURS = {
    QualityGrade.GOOD: "#2e7d32",
    QualityGrade.FAIR: "#b26a00",
    QualityGrade.POOR: "#c62828",
}


class LineRow(QFrame):
    """One line: number (masked), state, talk time and the line-quality indicator."""

    def __init__(self, line: int, parent: QWidget | None = None) -> None:
        """Show line number ``line``."""
        super().__init__(parent)
        self.line = line
        self.setObjectName("PhoneLine")
        self.set_ringing(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(2)
        top = QHBoxLayout()
        self.party = QLabel("")
        self.party.setStyleSheet("font-size: 12pt; font-weight: 600; color: #1f2933;")
        self.duration = QLabel("")
        self.duration.setStyleSheet("color: #3e4a59;")
        top.addWidget(self.party, 1)
        top.addWidget(self.duration)
        self.state = QLabel("")
        self.state.setStyleSheet("color: #66717f;")
        self.quality = QLabel("")  # its own row: it must never be clipped
        layout.addLayout(top)
        layout.addWidget(self.state)
        layout.addWidget(self.quality)

    def set_ringing(self, ringing: bool) -> None:
        """Highlight the line while a call is offered on it."""
        background, border = ("#fff4e0", "#f0b35a") if ringing else ("#f6f8fb", "#e3e8ef")
        self.setStyleSheet(
            f"QFrame#PhoneLine {{ background: {background}; border: 1px solid {border};"
            " border-radius: 8px; }"
        )


class SoftphonePane(Card):
    """The phone area of the agent desktop."""

    def __init__(
        self,
        icons: Icons,
        controller: PhoneController,
        masker: Masker,
        *,
        clock: Callable[[], float] = time.monotonic,
        parent: QWidget | None = None,
    ) -> None:
        """Render ``controller``; mask numbers with ``masker``."""
        super().__init__(icons.named("phone"), parent)
        self.controller = controller
        self._masker = masker
        self._clock = clock
        self.registration = QLabel("")
        self.registration.setWordWrap(True)
        self.error = styled(QLabel(""), "ErrorText")
        self.error.setWordWrap(True)
        self.error.hide()
        self.empty = styled(QLabel(""), "Muted")
        self.rows = [LineRow(1), LineRow(2)]
        self.answer_button = styled(QPushButton(""), "Primary")
        self.reject_button = QPushButton("")
        self.hangup_button = QPushButton("")
        self.hold_button = QPushButton("")
        self.mute_button = QPushButton("")
        self.transfer_button = QPushButton("")
        self.number = QLineEdit()
        self.call_button = styled(QPushButton(""), "Primary")
        self.keys: list[QPushButton] = []
        self.history_title = styled(QLabel(""), "Muted")
        self.history = QListWidget()
        self.history.setMaximumHeight(120)
        self._layout()
        self._connect()
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._tick)
        self._timer.start()
        self.setMinimumWidth(260)
        self.retranslate()
        self.refresh()

    def _layout(self) -> None:
        self.body.addWidget(self.registration)
        self.body.addWidget(self.error)
        self.body.addWidget(self.empty)
        for row in self.rows:
            self.body.addWidget(row)
        actions = QGridLayout()
        actions.setSpacing(6)
        buttons = (
            self.answer_button,
            self.reject_button,
            self.hangup_button,
            self.hold_button,
            self.mute_button,
            self.transfer_button,
        )
        for i, button in enumerate(buttons):
            actions.addWidget(button, i // 3, i % 3)
        self.body.addLayout(actions)
        self.body.addWidget(self.number)
        grid = QGridLayout()
        grid.setSpacing(6)
        for i, key in enumerate(_DIAL_KEYS):
            button = styled(QPushButton(key), "DialKey")
            grid.addWidget(button, i // 3, i % 3)
            self.keys.append(button)
        self.body.addLayout(grid)
        self.body.addWidget(self.call_button)
        self.body.addWidget(self.history_title)
        self.body.addWidget(self.history)
        self.body.addStretch(1)

    def _connect(self) -> None:
        c = self.controller
        c.lines_changed.connect(self.refresh)
        c.registration_changed.connect(self.refresh)
        c.quality_changed.connect(self.refresh)
        c.history_changed.connect(self._fill_history)
        c.error.connect(self._show_error)
        self.number.textChanged.connect(self.refresh)
        self.number.returnPressed.connect(self._dial)
        self.call_button.clicked.connect(self._dial)
        self.answer_button.clicked.connect(lambda: self._on_current(c.answer, CallState.RINGING))
        self.reject_button.clicked.connect(lambda: self._on_current(c.reject, CallState.RINGING))
        self.hangup_button.clicked.connect(lambda: self._on_current(c.hangup, None))
        self.hold_button.clicked.connect(self._toggle_hold)
        self.mute_button.clicked.connect(self._toggle_mute)
        self.transfer_button.clicked.connect(self._transfer)
        for key in self.keys:
            key.clicked.connect(partial(self._key, key.text()))

    # -- actions ------------------------------------------------------------------------------

    def _on_current(self, action: Callable[[str], None], state: CallState | None) -> None:
        call = self.controller.current()
        if call is not None and (state is None or call.state is state):
            action(call.call_id)

    def _dial(self) -> None:
        if self.controller.dial(self.number.text()) is not None:
            self.number.clear()

    def _toggle_hold(self) -> None:
        call = self._talking_or_held()
        if call is not None:
            self.controller.toggle_hold(call)

    def _toggle_mute(self) -> None:
        call = self._talking_or_held()
        if call is not None:
            self.controller.toggle_mute(call)

    def _transfer(self) -> None:
        call = self._talking_or_held()
        if call is not None and self.number.text().strip():
            self.controller.transfer(call.call_id, self.number.text())
            self.number.clear()

    def _key(self, key: str) -> None:
        call = self.controller.current()
        if call is not None and call.state is CallState.CONNECTED:
            self.controller.send_dtmf(call.call_id, key)  # digits go to the IVR / customer
        else:
            self.number.insert(key)

    def _talking_or_held(self) -> Call | None:
        call = self.controller.current()
        if call is not None and call.state in (CallState.CONNECTED, CallState.HELD):
            return call
        return None

    def _show_error(self, message: str) -> None:
        self.error.setText(self.tr("Phone error: %1").replace("%1", message))
        self.error.show()

    # -- rendering ----------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Re-read texts."""
        self.title.setText(self.tr("Phone"))
        self.empty.setText(self.tr("No calls"))
        self.answer_button.setText(self.tr("Answer"))
        self.reject_button.setText(self.tr("Reject"))
        self.hangup_button.setText(self.tr("Hang up"))
        self.transfer_button.setText(self.tr("Transfer"))
        self.transfer_button.setToolTip(self.tr("Type the colleague's number, then Transfer"))
        self.number.setPlaceholderText(self.tr("Number to call"))
        self.call_button.setText(self.tr("Call"))
        self.history_title.setText(self.tr("Recent calls"))
        self.refresh()
        self._fill_history()

    def refresh(self) -> None:
        """Redraw from the controller's state."""
        c = self.controller
        self._render_registration()
        lines = c.lines
        self.empty.setVisible(lines.idle)
        for row in self.rows:
            call = lines.on_line(row.line)
            row.setVisible(call is not None)
            if call is not None:
                self._render_row(row, call)
        current = c.current()
        state = current.state if current else None
        ringing = state is CallState.RINGING
        talking = state in (CallState.CONNECTED, CallState.HELD)
        self.answer_button.setEnabled(ringing)
        self.reject_button.setEnabled(ringing)
        self.hangup_button.setEnabled(current is not None and not ringing)
        self.hold_button.setEnabled(talking)
        self.mute_button.setEnabled(talking)
        held = state is CallState.HELD
        self.hold_button.setText(self.tr("Resume") if held else self.tr("Hold"))
        muted = current is not None and current.muted
        self.mute_button.setText(self.tr("Unmute") if muted else self.tr("Mute"))
        has_number = bool(self.number.text().strip())
        self.transfer_button.setEnabled(talking and has_number)
        self.call_button.setEnabled(
            has_number and c.registered and lines.free_line() is not None and not ringing
        )

    def _render_registration(self) -> None:
        reg = self.controller.registration
        if reg is None or reg.state is RegState.REGISTERING:
            text, colour = self.tr("Connecting the phone line…"), "#66717f"
        elif reg.state is RegState.REGISTERED:
            text, colour = self.tr("Phone line ready"), "#2e7d32"
        elif reg.code in (401, 403, 407):
            text, colour = self.tr("Phone line refused the sign-in: ask IT support"), "#c62828"
        else:
            text = self.tr("Phone line unreachable (%1); retrying").replace("%1", str(reg.code))
            colour = "#c62828"
        self.registration.setText(f"● {text}")
        self.registration.setStyleSheet(f"color: {colour};")

    def _render_row(self, row: LineRow, call: Call) -> None:
        party = self._masker.mask(remote_party(call.remote))
        row.party.setText(party)
        row.set_ringing(call.state is CallState.RINGING)
        row.state.setText(self._state_text(call))
        row.duration.setText(format_duration(call.talk_seconds(self._clock())))
        score = self.controller.quality.get(call.call_id)
        row.quality.setText(self._quality_text(score))
        row.quality.setVisible(score is not None)
        row.quality.setToolTip(self._quality_tip(score))

    def _state_text(self, call: Call) -> str:
        line = self.tr("Line %1").replace("%1", str(call.line))
        state = call.state
        if state is CallState.RINGING:
            text = self.tr("Call waiting") if call.waiting else self.tr("Incoming call")
        elif state is CallState.DIALING:
            text = self.tr("Ringing out…") if call.alerting else self.tr("Calling…")
        elif state is CallState.HELD:
            text = self.tr("On hold")
        elif state is CallState.TRANSFERRING:
            text = self.tr("Transferring…")
        elif call.remote_held:
            text = self.tr("Held by the other party")
        else:
            text = self.tr("Connected")
        if call.muted:
            text += " · " + self.tr("muted")
        return f"{line} · {text}"

    def _quality_text(self, score: QualityScore | None) -> str:
        if score is None:
            return ""
        colour = _GRADE_COLOURS[score.grade]
        label = {
            QualityGrade.GOOD: self.tr("Good line"),
            QualityGrade.FAIR: self.tr("Fair line"),
            QualityGrade.POOR: self.tr("Poor line"),
        }[score.grade]
        return f'<span style="color:{colour}">●</span> {label} · MOS {score.mos:.1f}'

    def _quality_tip(self, score: QualityScore | None) -> str:
        if score is None:
            return ""
        return (
            self.tr("Jitter %1 ms, loss %2 %, round trip %3 ms, codec %4")
            .replace("%1", f"{score.jitter_ms:.1f}")
            .replace("%2", f"{score.loss_percent:.1f}")
            .replace("%3", f"{score.rtt_ms:.0f}")
            .replace("%4", score.codec)
        )

    def _tick(self) -> None:
        if not self.controller.lines.idle:
            self.refresh()

    def _fill_history(self) -> None:
        self.history.clear()
        if self.controller.history is None:
            return
        for entry in self.controller.history.recent(20):
            self.history.addItem(self._history_text(entry))

    def _history_text(self, entry: HistoryEntry) -> str:
        arrow = "↙" if entry.direction is Direction.INBOUND else "↗"
        party = self._masker.mask(remote_party(entry.remote))
        when = entry.ended_at.astimezone().strftime("%H:%M")
        if entry.talk_seconds > 0:
            detail = format_duration(entry.talk_seconds)
        else:
            detail = self.tr("not answered")
        return f"{arrow} {party} · {detail} · {when}"
