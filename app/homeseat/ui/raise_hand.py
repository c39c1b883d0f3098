"""The agent's raise-hand button: ask the team lead for help, or withdraw the request.

Qt main thread, on the qasync loop. The button shows the request as the hub knows it: it turns on
only after the hub accepted the raised hand, and off when the agent lowers it or a lead answers.
A refusal (e.g. offline) puts it back and says why.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtWidgets import QToolButton, QWidget

from homeseat.platform.supervision import SupervisionError
from homeseat.ui.icons import Icons
from homeseat.ui.team_dialogs import supervision_error_text

__all__ = ["RaiseHandButton"]

_STYLE = """
QToolButton#RaiseHand {
    border: 1px solid #c9d1db; border-radius: 8px; padding: 6px 12px; background: #ffffff;
}
QToolButton#RaiseHand:checked { background: #fff1c2; border-color: #d9a300; color: #6b5200; }
"""


class RaiseHandButton(QToolButton):
    """Checkable: checked while the agent's hand is up.

    Args:
        raise_hand: sends the request (``SupervisionClient.raise_hand``).
        lower_hand: withdraws it.
        icons: icon cache.
        parent: Qt parent.
    """

    #: A refusal, in words (the window shows it).
    failed = Signal(str)

    def __init__(
        self,
        raise_hand: Callable[[], Awaitable[None]],
        lower_hand: Callable[[], Awaitable[None]],
        icons: Icons,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("RaiseHand")
        self.setStyleSheet(_STYLE)
        self.setCheckable(True)
        self.setIcon(icons.named("team"))
        self.setIconSize(QSize(18, 18))
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self._raise = raise_hand
        self._lower = lower_hand
        self.task: asyncio.Future[None] | None = None
        self.clicked.connect(self._clicked)
        self.retranslate()

    def answered(self) -> None:
        """A lead answered: the hand is down."""
        self.setChecked(False)
        self.retranslate()

    def retranslate(self) -> None:
        """Re-read texts in the current language."""
        if self.isChecked():
            self.setText(self.tr("Hand raised"))
            self.setToolTip(self.tr("Your team lead has been asked for help. Click to withdraw."))
        else:
            self.setText(self.tr("Raise hand"))
            self.setToolTip(self.tr("Ask your team lead for help"))

    def changeEvent(self, event: QEvent) -> None:
        """Follow language switches."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _clicked(self, checked: bool) -> None:
        if self.task is not None and not self.task.done():
            self.setChecked(not checked)  # one request at a time
            return
        self.setChecked(not checked)  # shown only once the hub agrees
        self.setEnabled(False)
        self.task = asyncio.ensure_future(self._send(checked))

    async def _send(self, up: bool) -> None:
        try:
            await (self._raise() if up else self._lower())
        except SupervisionError as exc:
            if exc.code in ("offline", "timeout"):
                self.failed.emit(
                    self.tr("Your team lead could not be reached: you are offline. Try again.")
                )
            else:
                self.failed.emit(supervision_error_text(exc.code))
        else:
            self.setChecked(up)
        finally:
            self.setEnabled(True)
            self.retranslate()
