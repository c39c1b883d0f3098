"""Idle lock: after N minutes without input and no call or chat, lock the window.

Qt main thread. An application-wide event filter notes the last keyboard, mouse or touch input.
A timer checks it; when the agent has been away long enough and is not serving anyone, the
agent is put Not Ready (``idle``, reported like any change) and an opaque lock screen covers the
window, so nothing a customer said stays readable on an unattended screen. Unlocking asks for the
agent's password, checked by the hub on the running session (throttled like a sign-in); an agent
who cannot unlock (wrong person, no network) can sign out from the lock screen.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from homeseat.core.agent_state import AgentState, AgentStateMachine, EventKind, StateEvent
from homeseat.platform.requests import RequestFailed

__all__ = ["IDLE_REASON", "InputActivity", "LockScreen", "IdleLock"]

log = logging.getLogger(__name__)

#: The system Not Ready reason of an idle-locked agent.
IDLE_REASON = "idle"
#: While serving someone the screen never locks (the agent is working, maybe only listening).
_SERVING = frozenset({AgentState.OFFERED, AgentState.BUSY})
_INPUT = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


class InputActivity(QObject):
    """Remembers when the user last touched keyboard, mouse or screen (application-wide).

    Args:
        monotonic: the clock (tests pass their own).
    """

    def __init__(self, monotonic: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self._monotonic = monotonic
        self.last_input = monotonic()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Note input; never consumes the event."""
        if event.type() in _INPUT:
            self.last_input = self._monotonic()
        return False

    def reset(self) -> None:
        """Count from now (as if the user had just touched something)."""
        self.last_input = self._monotonic()

    def idle_seconds(self) -> float:
        """Seconds since the last input."""
        return max(0.0, self._monotonic() - self.last_input)


class LockScreen(QWidget):
    """An opaque cover over the window: who is signed in, a password box, unlock, sign out."""

    unlock_requested = Signal(str)
    sign_out_requested = Signal()

    def __init__(self, display_name: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("LockScreen")
        self.setAutoFillBackground(True)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet("QWidget#LockScreen { background: #1f2937; } QLabel { color: #f9fafb; }")
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 20px; font-weight: 600;")
        self.who = QLabel(display_name)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.returnPressed.connect(self._unlock)
        self.error = QLabel()
        self.error.setStyleSheet("color: #fca5a5;")
        self.error.setWordWrap(True)
        self.unlock_button = QPushButton()
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self._unlock)
        self.sign_out_button = QPushButton()
        self.sign_out_button.clicked.connect(self.sign_out_requested.emit)
        # One narrow centred column, like a desktop's own lock screen.
        column = QWidget(self)
        column.setFixedWidth(320)
        inner = QVBoxLayout(column)
        inner.setSpacing(10)
        for widget in (self.title, self.who):
            inner.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        inner.addWidget(self.password)
        inner.addWidget(self.error)
        buttons = QHBoxLayout()
        buttons.addWidget(self.sign_out_button)
        buttons.addWidget(self.unlock_button)
        inner.addLayout(buttons)
        box = QVBoxLayout(self)
        box.addStretch(1)
        box.addWidget(column, 0, Qt.AlignmentFlag.AlignHCenter)
        box.addStretch(2)
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        """Re-read texts in the current language."""
        self.title.setText(self.tr("Locked while you were away"))
        self.password.setPlaceholderText(self.tr("Password"))
        self.unlock_button.setText(self.tr("Unlock"))
        self.sign_out_button.setText(self.tr("Sign out"))

    def cover(self) -> None:
        """Show over the whole parent and take the keyboard."""
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.error.clear()
        self.password.clear()
        self.show()
        self.raise_()
        self.password.setFocus()

    def _unlock(self) -> None:
        if self.password.text():
            self.unlock_button.setEnabled(False)
            self.unlock_requested.emit(self.password.text())


class IdleLock(QObject):
    """Locks ``window`` after ``minutes`` idle; unlocks with the password checked by the hub.

    Args:
        window: the widget to cover (the main window's central area or the window itself).
        machine: the agent state machine (read: serving? written via ``request``).
        request: applies a state event and reports it (the session's ``request``).
        verify: checks the agent's password at the hub; raises RequestFailed when refused.
        activity: input tracker (installed on the application by :meth:`start`).
        minutes: idle time before locking.
        display_name: shown on the lock screen.
    """

    locked_changed = Signal(bool)
    sign_out_requested = Signal()

    def __init__(
        self,
        window: QWidget,
        machine: AgentStateMachine,
        request: Callable[[StateEvent], object],
        verify: Callable[[str], Awaitable[None]],
        activity: InputActivity,
        *,
        minutes: int,
        display_name: str,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._machine = machine
        self._request = request
        self._verify = verify
        self.activity = activity
        self.minutes = minutes
        self.screen = LockScreen(display_name, window)
        self.screen.unlock_requested.connect(self._on_unlock)
        self.screen.sign_out_requested.connect(self.sign_out_requested.emit)
        self._timer = QTimer(self)
        self._timer.setInterval(5000)
        self._timer.timeout.connect(self.check)
        self._tasks: set[asyncio.Task[None]] = set()
        window.installEventFilter(self)  # keep the cover sized to the window

    @property
    def locked(self) -> bool:
        """True while the lock screen is up."""
        return self.screen.isVisible()

    def start(self) -> None:
        """Watch input application-wide and check every few seconds."""
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.activity)
        self._timer.start()

    def stop(self) -> None:
        """Stop watching (ordered shutdown)."""
        self._timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.activity)
        for task in self._tasks:
            task.cancel()

    def check(self) -> None:
        """Lock now if the agent has been idle long enough and serves nobody."""
        if self.locked or self._machine.status.state in _SERVING:
            return
        if self._machine.status.state is AgentState.SIGNED_OUT:
            return
        if self.activity.idle_seconds() >= self.minutes * 60:
            self.lock()

    def lock(self) -> None:
        """Go Not Ready (idle) and cover the window."""
        status = self._machine.status
        if status.state is AgentState.READY or (
            status.state in (AgentState.NOT_READY, AgentState.WRAP_UP)
            and status.reason != IDLE_REASON
        ):
            try:
                self._request(StateEvent(EventKind.FORCE_NOT_READY, reason=IDLE_REASON))
            except ValueError as exc:  # InvalidTransition: the lock still goes up
                log.warning("idle lock could not set Not Ready: %s", exc)
        log.info("idle lock after %d minute(s) without input", self.minutes)
        self.screen.cover()
        self.locked_changed.emit(True)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Keep the cover the size of the window."""
        if watched is self._window and event.type() == QEvent.Type.Resize and self.locked:
            self.screen.setGeometry(self._window.rect())
        return False

    def _on_unlock(self, password: str) -> None:
        task = asyncio.get_event_loop().create_task(self._unlock(password))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _unlock(self, password: str) -> None:
        try:
            await self._verify(password)
        except RequestFailed as exc:
            self.screen.error.setText(self._refusal_text(exc))
            self.screen.password.selectAll()
            return
        except Exception:  # the lock must never get stuck on a bug: say so, stay locked
            log.exception("unlocking failed")
            self.screen.error.setText(self.tr("Unlocking failed. Try again or sign out."))
            return
        finally:
            self.screen.unlock_button.setEnabled(True)
        self.activity.reset()  # unlocking is input: a full idle period before the next lock
        self.screen.hide()
        self.locked_changed.emit(False)

    def _refusal_text(self, exc: RequestFailed) -> str:
        if exc.code == "bad_credentials":
            return self.tr("Wrong password.")
        if exc.code == "throttled":
            return self.tr("Too many attempts. Wait a moment and try again.")
        if exc.code in ("offline", "timeout"):
            return self.tr("Cannot reach the platform. Try again, or sign out.")
        return self.tr("The platform refused to unlock. Sign out and sign in again.")
