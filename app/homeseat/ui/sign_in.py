"""The sign-in dialog: user name, password, "remember me", errors in the UI language.

Runs on the Qt main thread; the sign-in itself is a coroutine run as a task on the qasync loop,
so the dialog stays responsive (busy state) while the hub answers. Never uses ``exec()``: a nested
event loop under qasync would starve the asyncio tasks.
"""

from __future__ import annotations

import asyncio
import logging
import math
from collections.abc import Awaitable, Callable
from typing import Any

from PySide6.QtCore import QEvent, QSize, Qt, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from homeseat.platform.session import SignInError
from homeseat.ui.texts import sign_in_error_text
from homeseat.ui.theme import styled

__all__ = ["SignInDialog", "SignInFunction"]

log = logging.getLogger(__name__)

#: ``sign_in(username, password, remember)``: returns when signed in, raises SignInError.
SignInFunction = Callable[[str, str, bool], Awaitable[Any]]


class SignInDialog(QDialog):
    """Asks for credentials and runs ``sign_in`` until it succeeds or the agent quits.

    Args:
        sign_in: the coroutine function that signs in.
        hub_label: where the agent signs in (shown small, helps IT on the phone).
        icon: the application icon.
        can_remember: False when no secure keyring exists (the checkbox is disabled and says why).
        username: pre-filled user name (last one used).
        parent: Qt parent.
    """

    def __init__(
        self,
        sign_in: SignInFunction,
        *,
        hub_label: str,
        icon: QIcon,
        can_remember: bool = True,
        remember: bool = True,
        username: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._sign_in = sign_in
        self._can_remember = can_remember
        self._task: asyncio.Task[None] | None = None
        self._error_code: str | None = None
        self._error_retry: float | None = None
        self._plain_error: str | None = None
        self.setWindowIcon(icon)
        self.setModal(True)
        self.setMinimumWidth(380)

        logo = QLabel()
        logo.setPixmap(icon.pixmap(QSize(48, 48)))
        self._heading = styled(QLabel(""), "AgentName")
        self._hub = styled(QLabel(hub_label), "Muted")
        head_text = QVBoxLayout()
        head_text.setSpacing(2)
        head_text.addWidget(self._heading)
        head_text.addWidget(self._hub)
        head = QHBoxLayout()
        head.setSpacing(12)
        head.addWidget(logo)
        head.addLayout(head_text, 1)

        self.username = QLineEdit(username)
        self.username.setMaxLength(64)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setMaxLength(256)
        self.remember = QCheckBox()
        self.remember.setChecked(remember and can_remember)
        self.remember.setEnabled(can_remember)
        self._user_label = QLabel()
        self._password_label = QLabel()
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setVerticalSpacing(10)
        form.addRow(self._user_label, self.username)
        form.addRow(self._password_label, self.password)
        form.addRow("", self.remember)

        self.error = styled(QLabel(""), "ErrorText")
        self.error.setWordWrap(True)
        self.error.hide()
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # indeterminate while the hub answers
        self.progress.setTextVisible(False)
        self.progress.setFixedHeight(4)
        self.progress.hide()

        self.submit = styled(QPushButton(""), "Primary")
        self.submit.setDefault(True)  # Enter submits
        self.submit.clicked.connect(self._on_submit)
        self.cancel = QPushButton("")
        self.cancel.setAutoDefault(False)
        self.cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel)
        buttons.addWidget(self.submit)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 22, 24, 20)
        layout.setSpacing(14)
        layout.addLayout(head)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.progress)
        layout.addLayout(buttons)
        (self.password if username else self.username).setFocus()
        self.retranslate()

    # ------------------------------------------------------------------ public

    @property
    def busy(self) -> bool:
        """True while a sign-in is under way."""
        return self._task is not None and not self._task.done()

    async def run(self) -> bool:
        """Show the dialog and wait until it closes; True when signed in."""
        loop = asyncio.get_running_loop()
        done: asyncio.Future[int] = loop.create_future()

        def finished(result: int) -> None:
            if not done.done():
                done.set_result(result)

        self.finished.connect(finished)
        self.open()
        # Logged once the show has been processed: the startup benchmark waits for this line.
        QTimer.singleShot(0, lambda: log.info("sign-in window shown"))
        try:
            return await done == QDialog.DialogCode.Accepted.value
        finally:
            self.finished.disconnect(finished)

    def show_error(self, error: SignInError) -> None:
        """Show ``error`` in words of the UI language (and keep them on language switches)."""
        self._error_code, self._error_retry, self._plain_error = (
            error.code,
            error.retry_after,
            None,
        )
        self._show_error_text()

    def show_plain_error(self, message: str) -> None:
        """Show a message that has no code (already in words)."""
        self._error_code, self._plain_error = None, message
        self._show_error_text()

    def retranslate(self) -> None:
        """Re-read every text in the current language."""
        self.setWindowTitle(self.tr("Sign in – HomeSeat"))
        self._heading.setText(self.tr("Sign in to HomeSeat"))
        self._user_label.setText(self.tr("User name"))
        self._password_label.setText(self.tr("Password"))
        self.username.setPlaceholderText(self.tr("Your agent user name"))
        self.remember.setText(self.tr("Keep me signed in on this computer"))
        if not self._can_remember:
            self.remember.setToolTip(
                self.tr("This computer has no secure password store, so you sign in each time.")
            )
        self.cancel.setText(self.tr("Quit"))
        self.submit.setText(self.tr("Signing in…") if self.busy else self.tr("Sign in"))
        self._show_error_text()

    # ------------------------------------------------------------------ Qt

    def changeEvent(self, event: QEvent) -> None:
        """Follow language switches."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def reject(self) -> None:
        """Quit: cancel a sign-in under way first."""
        if self._task is not None and not self._task.done():
            self._task.cancel()
        super().reject()

    # ------------------------------------------------------------------ internals

    def _show_error_text(self) -> None:
        if self._error_code == "throttled" and self._error_retry:
            seconds = max(1, math.ceil(self._error_retry))
            text = self.tr("Too many attempts. Try again in %n second(s).", "", seconds)
        elif self._error_code is not None:
            text = sign_in_error_text(self._error_code)
        elif self._plain_error is not None:
            text = self._plain_error
        else:
            self.error.hide()
            return
        self.error.setText(text)
        self.error.show()

    def _on_submit(self) -> None:
        if self.busy:
            return
        user = self.username.text().strip()
        password = self.password.text()
        if not user or not password:
            self.show_plain_error(self.tr("Enter your user name and password."))
            (self.username if not user else self.password).setFocus()
            return
        self._set_busy(True)  # at once, so a second Enter cannot start another attempt
        self._task = asyncio.get_running_loop().create_task(
            self._attempt(user, password, self.remember.isChecked()), name="sign-in"
        )

    async def _attempt(self, user: str, password: str, remember: bool) -> None:
        try:
            await self._sign_in(user, password, remember)
        except SignInError as exc:
            self._set_busy(False)
            self.show_error(exc)
            self.password.selectAll()
            self.password.setFocus()
            return
        except asyncio.CancelledError:
            self._set_busy(False)
            raise
        except Exception:
            # Never die silently at the task boundary: log it and tell the agent.
            log.exception("sign-in failed unexpectedly")
            self._set_busy(False)
            self.show_plain_error(
                self.tr("Sign-in failed because of an unexpected error. Contact IT support.")
            )
            return
        self._set_busy(False)
        self.password.clear()  # the password does not outlive the dialog
        self.accept()

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.username, self.password, self.remember, self.submit):
            widget.setEnabled(not busy)
        if not busy:
            self.remember.setEnabled(self._can_remember)
        self.progress.setVisible(busy)
        if busy:
            self.error.hide()
        self.submit.setText(self.tr("Signing in…") if busy else self.tr("Sign in"))
