"""The lead's action dialogs: message, force Not Ready (reason picker), sign out, answer a hand.

Qt main thread, on the qasync loop. A dialog runs its action itself when the lead confirms: it
stays open while the hub answers and shows a refusal in words (translated, by error code) so the
lead can fix and retry; it closes only on success.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from homeseat.core.codes import LabeledCode
from homeseat.platform.supervision import SupervisionError
from homeseat.ui.theme import styled

__all__ = ["supervision_error_text", "ActionDialog", "MAX_TEXT"]

#: The protocol's limit for a lead's text.
MAX_TEXT = 500


def supervision_error_text(code: str) -> str:
    """A supervision refusal in words (codes of :class:`SupervisionError`)."""
    if code == "forbidden":
        return QCoreApplication.translate(
            "Supervision", "You are not allowed to do this for this agent or team."
        )
    if code == "not_found":
        return QCoreApplication.translate("Supervision", "This agent does not exist any more.")
    if code == "offline":
        return QCoreApplication.translate(
            "Supervision",
            "Not delivered: the agent is not connected, or you are offline. Try again later.",
        )
    if code == "timeout":
        return QCoreApplication.translate(
            "Supervision", "The platform did not answer in time. Try again."
        )
    return QCoreApplication.translate(
        "Supervision", "The platform refused the request as invalid. Check what you entered."
    )


class ActionDialog(QDialog):
    """Confirm one action on one agent, optionally with a text and a reason.

    Args:
        title: window title.
        prompt: what will happen, in words.
        run: the action, called with (text, reason) when the lead confirms.
        with_text: show a text box (message, answer).
        reasons: show a reason picker with these codes.
        language: for the reason labels.
        ok_text: the confirm button's text.
        parent: Qt parent.
    """

    def __init__(
        self,
        title: str,
        prompt: str,
        run: Callable[[str, str | None], Awaitable[None]],
        *,
        with_text: bool = False,
        reasons: Sequence[LabeledCode] = (),
        language: str = "en",
        ok_text: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(420)
        self._run = run
        self._too_long = False
        self.task: asyncio.Future[None] | None = None
        layout = QVBoxLayout(self)
        self.prompt = QLabel(prompt)
        self.prompt.setWordWrap(True)
        layout.addWidget(self.prompt)
        self.reason: QComboBox | None = None
        if reasons:
            self.reason = QComboBox()
            for code in reasons:
                self.reason.addItem(code.label(language), code.code)
            layout.addWidget(self.reason)
        self.text: QPlainTextEdit | None = None
        if with_text:
            self.text = QPlainTextEdit()
            self.text.setPlaceholderText(self.tr("Type your message (up to 500 characters)"))
            self.text.setFixedHeight(90)
            self.text.textChanged.connect(self._validate)
            layout.addWidget(self.text)
        self.error = styled(QLabel(""), "ErrorText")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setObjectName("Primary")
        if ok_text:
            ok.setText(ok_text)
        self.buttons.accepted.connect(self.confirm)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._validate()

    @property
    def busy(self) -> bool:
        """True while the hub has not answered."""
        return self.task is not None and not self.task.done()

    def confirm(self) -> None:
        """Run the action (the dialog closes when it succeeds)."""
        if self.busy:
            return
        text = self.text.toPlainText().strip() if self.text is not None else ""
        reason = str(self.reason.currentData()) if self.reason is not None else None
        self.error.hide()
        self.buttons.setEnabled(False)
        self.task = asyncio.ensure_future(self._go(text, reason))

    async def _go(self, text: str, reason: str | None) -> None:
        try:
            await self._run(text, reason)
        except SupervisionError as exc:
            self.error.setText(supervision_error_text(exc.code))
            self.error.show()
            self.buttons.setEnabled(True)
            self._validate()
            return
        self.accept()

    def _validate(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if self.text is None:
            ok.setEnabled(True)
            return
        length = len(self.text.toPlainText().strip())
        ok.setEnabled(0 < length <= MAX_TEXT)
        too_long = self.tr("The message is too long (%1 of 500 characters).")
        if length > MAX_TEXT:
            self.error.setText(too_long.replace("%1", str(length)))
            self.error.show()
            self._too_long = True
        elif self._too_long:
            self.error.hide()  # only the length complaint goes away; a refusal stays
            self._too_long = False
