"""Screen protection: a faint watermark over customer data, and (Windows) capture exclusion.

Qt main thread. Agents at home work where others can see or photograph the screen; a watermark
with the agent's id and the time makes a photographed screen traceable (common practice in
contact centres). It is a transparent child widget that lets every click through.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QEvent, QObject, QPointF, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

__all__ = ["Watermark", "exclude_from_capture"]

log = logging.getLogger(__name__)

_WDA_EXCLUDEFROMCAPTURE = 0x11  # Windows 10 2004+: not in screenshots, recordings, sharing


class Watermark(QWidget):
    """Tiles ``label · time`` diagonally over its parent, faintly, updated every minute.

    Args:
        label: who is signed in (their user name, never a customer's data).
        parent: the widget to cover.
        now: wall clock (tests pass their own).
    """

    def __init__(
        self, label: str, parent: QWidget, now: Callable[[], datetime] = datetime.now
    ) -> None:
        super().__init__(parent)
        self.setObjectName("Watermark")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground, True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._label = label
        self._now = now
        self._timer = QTimer(self)
        self._timer.setInterval(60_000)
        self._timer.timeout.connect(self.update)
        self._timer.start()
        parent.installEventFilter(self)
        self.setGeometry(parent.rect())
        self.raise_()
        self.show()

    def text(self) -> str:
        """What is drawn (tests read it)."""
        return f"{self._label} · {self._now():%Y-%m-%d %H:%M}"

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Follow the parent's size and stay on top of its other children."""
        parent = self.parentWidget()
        follows = event.type() in (QEvent.Type.Resize, QEvent.Type.ChildAdded)
        if parent is not None and watched is parent and follows:
            self.setGeometry(parent.rect())
            self.raise_()
        return False

    def paintEvent(self, event: QPaintEvent) -> None:
        """Draw the tiled, rotated, nearly transparent text."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(self.font())
        font.setPointSize(11)
        painter.setFont(font)
        painter.setPen(QColor(100, 110, 130, 22))  # readable in a photo, not in the way
        text = self.text()
        step_x, step_y = 320, 140
        painter.rotate(-20)
        width, height = self.width(), self.height()
        for y in range(-height, height * 2, step_y):
            for x in range(-width, width * 2, step_x):
                painter.drawText(QPointF(x, y), text)
        painter.end()


def exclude_from_capture(window: QWidget) -> bool:
    """Keep ``window`` out of screenshots and screen sharing; True when the OS did it.

    Only Windows offers this (``SetWindowDisplayAffinity``); elsewhere it is logged and False.
    """
    if sys.platform != "win32":
        log.info("capture exclusion is only available on Windows")
        return False
    import ctypes  # Windows only

    user32 = ctypes.windll.user32  # type: ignore[attr-defined,unused-ignore]
    ok = bool(user32.SetWindowDisplayAffinity(int(window.winId()), _WDA_EXCLUDEFROMCAPTURE))
    if not ok:
        log.warning("SetWindowDisplayAffinity failed; the window can be captured")
    return ok
