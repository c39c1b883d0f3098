"""Surge level (三级应急): the banner every agent of the team sees, and the lead's control.

Qt main thread, on the qasync loop. The banner follows the hub's ``surge.level`` messages (sent on
every change and after every sign-in, so a reconnect restores it); level 0 hides it. The control
sets the level for a lead's team; the hub decides who may, and a refusal is shown in words.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from homeseat.platform.supervision import SupervisionError
from homeseat.protocol.supervision import SurgeLevel
from homeseat.ui.team_dialogs import supervision_error_text
from homeseat.ui.theme import styled

__all__ = ["SurgeBanner", "SurgeControl", "SurgeDialog", "surge_name", "SURGE_COLORS"]

#: Background and text colour per level (1 amber, 2 orange, 3 red).
SURGE_COLORS = {1: ("#fff4cc", "#6b5200"), 2: ("#ffe1c2", "#7a3a00"), 3: ("#b3261e", "#ffffff")}


def surge_name(level: int) -> str:
    """The level in words."""
    if level == 1:
        return QCoreApplication.translate("Surge", "Surge level 1 – busy")
    if level == 2:
        return QCoreApplication.translate("Surge", "Surge level 2 – very busy")
    if level == 3:
        return QCoreApplication.translate("Surge", "Surge level 3 – emergency")
    return QCoreApplication.translate("Surge", "Normal operation")


class SurgeBanner(QLabel):
    """A coloured strip with the team's surge level and the lead's message (hidden at 0)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.level: SurgeLevel | None = None
        self.hide()

    def set_level(self, level: SurgeLevel) -> None:
        """Show ``level`` (the latest of the agent's team)."""
        self.level = level
        self._show()

    def retranslate(self) -> None:
        """Re-read texts in the current language."""
        self._show()

    def changeEvent(self, event: QEvent) -> None:
        """Follow language switches."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _show(self) -> None:
        level = self.level
        if level is None or level.level == 0:
            self.hide()
            return
        bg, fg = SURGE_COLORS[level.level]
        self.setStyleSheet(
            f"QLabel {{ background: {bg}; color: {fg}; padding: 8px 16px; font-weight: 600;"
            " font-size: 11pt; }"
        )
        text = surge_name(level.level)
        if level.message:
            joined = QCoreApplication.translate("Surge", "%1: %2")  # zh_CN uses a full-width colon
            text = joined.replace("%1", text).replace("%2", level.message)
        self.setText(text)
        self.show()


class SurgeDialog(QDialog):
    """Pick a level and a message for a team; runs the change and shows refusals."""

    def __init__(
        self,
        team: str,
        current: int,
        run: Callable[[int, str], Awaitable[None]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Surge level of %1").replace("%1", team))
        self.setMinimumWidth(420)
        self._run = run
        self.task: asyncio.Future[None] | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Every agent of the team sees this at once.")))
        self.level = QComboBox()
        for value in range(4):
            self.level.addItem(surge_name(value), value)
        self.level.setCurrentIndex(current)
        layout.addWidget(self.level)
        self.message = QLineEdit()
        self.message.setMaxLength(500)
        self.message.setPlaceholderText(self.tr("Message to the team (optional)"))
        layout.addWidget(self.message)
        self.error = styled(QLabel(""), "ErrorText")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.confirm)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def confirm(self) -> None:
        """Send the level (the dialog closes when the hub accepts it)."""
        if self.task is not None and not self.task.done():
            return
        self.error.hide()
        self.buttons.setEnabled(False)
        level = int(self.level.currentData())
        self.task = asyncio.ensure_future(self._go(level, self.message.text().strip()))

    async def _go(self, level: int, message: str) -> None:
        try:
            await self._run(level, message)
        except SupervisionError as exc:
            self.error.setText(supervision_error_text(exc.code))
            self.error.show()
            self.buttons.setEnabled(True)
            return
        self.accept()


class SurgeControl(QWidget):
    """The lead's surge button in the team pane: shows the level, opens :class:`SurgeDialog`.

    Args:
        team: the lead's team.
        current: reads the team's level now.
        run: sets a level (``SupervisionClient.set_surge`` for this team).
        parent: Qt parent.
    """

    def __init__(
        self,
        team: str,
        current: Callable[[], int],
        run: Callable[[int, str], Awaitable[None]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._team = team
        self._current = current
        self._run = run
        self.dialog: SurgeDialog | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.button = QPushButton()
        self.button.clicked.connect(self.open_dialog)
        layout.addWidget(self.button)
        self.refresh()

    def refresh(self) -> None:
        """Show the current level on the button."""
        level = self._current()
        # Level 0 says what the button is for; the others name themselves.
        self.button.setText(surge_name(level) if level else self.tr("Surge level: normal"))
        width = self.button.fontMetrics().horizontalAdvance(self.button.text())
        self.button.setMinimumWidth(width + 40)  # never cut the level's name
        if level:
            bg, fg = SURGE_COLORS[level]
            self.button.setStyleSheet(f"QPushButton {{ background: {bg}; color: {fg}; }}")
        else:
            self.button.setStyleSheet("")
        self.button.setToolTip(self.tr("Set the surge level of team %1").replace("%1", self._team))

    def changeEvent(self, event: QEvent) -> None:
        """Follow language switches."""
        if event.type() == QEvent.Type.LanguageChange:
            self.refresh()
        super().changeEvent(event)

    def open_dialog(self) -> None:
        """Ask for the new level."""
        self.dialog = SurgeDialog(self._team, self._current(), self._run, self)
        self.dialog.open()
