"""The top bar: who is signed in, the big state control, time in state, and wrap-up.

Runs on the Qt main thread. The bar never changes state itself: it emits :attr:`StateBar.requested`
with a StateEvent and the window hands that to the session (which applies it to the real state
machine and reports it). It then shows whatever status comes back.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from homeseat.core.agent_state import AgentState, AgentStatus, EventKind, StateEvent
from homeseat.core.codes import LabeledCode
from homeseat.ui.i18n import Translations
from homeseat.ui.icons import Icons
from homeseat.ui.state_menu import StateMenu
from homeseat.ui.texts import format_duration, reason_label, state_label
from homeseat.ui.theme import state_colors, styled

__all__ = ["StateBar"]


def _initials(name: str) -> str:
    """Avatar text: a Chinese name's given name (last two characters), else Latin initials."""
    parts = name.split()
    if not parts:
        return "?"
    cjk = [p for p in parts if not p.isascii()]
    if cjk:
        return cjk[-1][-2:]
    if len(parts) == 1:
        return parts[0][:2].upper()
    return (parts[0][0] + parts[-1][0]).upper()


class StateBar(QFrame):
    """Agent name, state control, time in state, pending Not Ready and the wrap-up control.

    Args:
        reason_codes: configured Not Ready reasons.
        wrap_up_codes: configured wrap-up codes.
        wrap_up_seconds: wrap-up time before it ends by itself (0: no limit).
        translations: current language.
        icons: icon cache.
        monotonic: clock for time in state (tests pass their own).
        parent: Qt parent.
    """

    requested = Signal(object)  # StateEvent

    def __init__(
        self,
        reason_codes: Sequence[LabeledCode],
        wrap_up_codes: Sequence[LabeledCode],
        wrap_up_seconds: int,
        translations: Translations,
        icons: Icons,
        *,
        monotonic: Callable[[], float] = time.monotonic,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("TopBar")
        self._reason_codes = tuple(reason_codes)
        self._wrap_up_codes = tuple(wrap_up_codes)
        self._wrap_up_seconds = wrap_up_seconds
        self._translations = translations
        self._monotonic = monotonic
        self._status = AgentStatus()
        self._allowed: frozenset[EventKind] = frozenset()
        self._auto_finished_at: float | None = None
        self._role = ""
        self._team = ""

        self._avatar = styled(QLabel("?"), "Avatar")
        self._avatar.setFixedSize(40, 40)
        self._avatar.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._name = styled(QLabel(""), "AgentName")
        self._team_label = styled(QLabel(""), "AgentTeam")
        who = QVBoxLayout()
        who.setSpacing(0)
        who.addWidget(self._name)
        who.addWidget(self._team_label)

        self.menu = StateMenu(self._reason_codes, translations, icons, parent=self)
        self.menu.requested.connect(self.requested.emit)
        self.state_button = styled(QToolButton(), "StateButton")
        self.state_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.state_button.setMenu(self.menu)
        self.state_button.setCursor(Qt.CursorShape.PointingHandCursor)

        self._time = styled(QLabel("0:00"), "TimeInState")
        self._time.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._time_caption = styled(QLabel(""), "TimeCaption")
        self._time_caption.setAlignment(Qt.AlignmentFlag.AlignRight)
        clock = QVBoxLayout()
        clock.setSpacing(0)
        clock.addWidget(self._time)
        clock.addWidget(self._time_caption)

        self.pending_label = styled(QLabel(""), "Pending")
        self.pending_label.hide()

        # The wrap-up banner is a second row under the bar, shown only in wrap-up, so the first
        # row never gets crowded at the minimum window width.
        self.wrap_up_box = styled(QFrame(), "WrapUpBox")
        self._wrap_title = styled(QLabel(""), "WrapUpTitle")
        self.wrap_up_combo = QComboBox()
        self.wrap_up_combo.setMinimumContentsLength(16)
        self.wrap_up_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self._wrap_left = styled(QLabel(""), "WrapUpLeft")
        self._wrap_left.setMinimumWidth(90)
        self.wrap_up_done = styled(QPushButton(""), "Primary")
        self.wrap_up_done.clicked.connect(self._finish_wrap_up)
        self.wrap_up_combo.currentIndexChanged.connect(self._update_done_button)
        wrap = QHBoxLayout(self.wrap_up_box)
        wrap.setContentsMargins(12, 6, 12, 6)
        wrap.setSpacing(10)
        wrap.addWidget(self._wrap_title)
        wrap.addWidget(self.wrap_up_combo)
        wrap.addWidget(self.wrap_up_done)
        wrap.addWidget(self._wrap_left)
        wrap.addStretch(1)
        self.wrap_up_box.hide()

        self._row = QHBoxLayout()
        self._row.setSpacing(12)
        self._row.addWidget(self._avatar)
        self._row.addLayout(who)
        self._row.addStretch(1)
        self._row.addWidget(self.pending_label)
        self._row.addSpacing(8)
        self._row.addLayout(clock)
        self._row.addWidget(self.state_button)
        rows = QVBoxLayout(self)
        rows.setContentsMargins(16, 10, 16, 10)
        rows.setSpacing(8)
        rows.addLayout(self._row)
        rows.addWidget(self.wrap_up_box)
        self.retranslate()

    # ------------------------------------------------------------------ public

    def set_agent(self, display_name: str, team: str, role: str) -> None:
        """Show who is signed in."""
        self._name.setText(display_name)
        self._avatar.setText(_initials(display_name))
        self._team, self._role = team, role
        self._update_team_label()

    def add_trailing(self, widget: QWidget) -> None:
        """Put ``widget`` at the right end of the bar (the window's account menu)."""
        self._row.addWidget(widget)

    def set_status(self, status: AgentStatus, allowed: frozenset[EventKind]) -> None:
        """Show ``status``; ``allowed`` enables the menu entries."""
        entering_wrap_up = (
            status.state is AgentState.WRAP_UP and self._status.state is not AgentState.WRAP_UP
        )
        self._status = status
        self._allowed = allowed
        self.menu.update_for(status, allowed)
        if entering_wrap_up:
            self.wrap_up_combo.setCurrentIndex(-1)
            self._auto_finished_at = None
        self.wrap_up_box.setVisible(status.state is AgentState.WRAP_UP)
        self._show_status()
        self.tick()

    def tick(self) -> None:
        """Refresh time in state and the wrap-up countdown (called every second)."""
        elapsed = self._status.seconds_in_state(self._monotonic())
        self._time.setText(format_duration(elapsed))
        if self._status.state is not AgentState.WRAP_UP or self._wrap_up_seconds <= 0:
            self._wrap_left.clear()
            return
        left = self._wrap_up_seconds - elapsed
        self._wrap_left.setText(self.tr("%1 left").replace("%1", format_duration(max(0, left))))
        if left <= 0 and self._auto_finished_at != self._status.since_mono:
            # Wrap-up time is over: return the agent (or apply the pending Not Ready) once.
            self._auto_finished_at = self._status.since_mono
            self.requested.emit(StateEvent(EventKind.FINISH_WRAP_UP, code=self._selected_code()))

    def retranslate(self) -> None:
        """Re-read every text in the current language."""
        self._time_caption.setText(self.tr("time in state"))
        self._wrap_title.setText(self.tr("Wrap-up"))
        self.wrap_up_combo.setPlaceholderText(self.tr("Choose a wrap-up code"))
        self.wrap_up_done.setText(self.tr("Done"))
        self.state_button.setToolTip(self.tr("Change your state"))
        language = self._translations.language
        current = self.wrap_up_combo.currentIndex()
        self.wrap_up_combo.blockSignals(True)
        self.wrap_up_combo.clear()
        for code in self._wrap_up_codes:
            self.wrap_up_combo.addItem(code.label(language), code.code)
        self.wrap_up_combo.setCurrentIndex(current)
        self.wrap_up_combo.blockSignals(False)
        self._update_team_label()
        self._show_status()
        self.tick()

    # ------------------------------------------------------------------ Qt

    def changeEvent(self, event: QEvent) -> None:
        """Follow language switches."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ------------------------------------------------------------------ internals

    def _update_team_label(self) -> None:
        if self._role in ("lead", "admin"):
            role = self.tr("Team lead") if self._role == "lead" else self.tr("Administrator")
        else:
            role = self.tr("Agent")
        self._team_label.setText(f"{role} · {self._team}" if self._team else role)

    def _show_status(self) -> None:
        status = self._status
        language = self._translations.language
        text = state_label(status.state, status.channel)
        if status.state is AgentState.NOT_READY and status.reason:
            text = f"{text} · {reason_label(status.reason, self._reason_codes, language)}"
        self.state_button.setText(text)
        colors = state_colors(status.state)
        self.state_button.setStyleSheet(
            f"QToolButton#StateButton {{ background: {colors.bg}; color: {colors.fg};"
            f" border: 2px solid {colors.fg}; }}"
        )
        if status.pending_reason and status.state is not AgentState.NOT_READY:
            label = reason_label(status.pending_reason, self._reason_codes, language)
            self.pending_label.setText(self.tr("Next: Not Ready · %1").replace("%1", label))
            self.pending_label.setToolTip(
                self.tr("You will be Not Ready when this interaction and its wrap-up end.")
            )
            self.pending_label.show()
        else:
            self.pending_label.hide()
        self._update_done_button()

    def _selected_code(self) -> str | None:
        data = self.wrap_up_combo.currentData()
        return data if isinstance(data, str) else None

    def _update_done_button(self) -> None:
        self.wrap_up_done.setEnabled(
            EventKind.FINISH_WRAP_UP in self._allowed and self._selected_code() is not None
        )

    def _finish_wrap_up(self) -> None:
        code = self._selected_code()
        if code is not None:
            self.requested.emit(StateEvent(EventKind.FINISH_WRAP_UP, code=code))
