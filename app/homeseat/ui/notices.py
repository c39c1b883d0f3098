"""What a team lead tells an agent: a banner at the top of the agent's window and its history.

Qt main thread. A new notice (message, forced Not Ready, answer to a raised hand) shows in the
banner until the agent closes it (a lead's word must not vanish while the agent looks away); every
notice of the session is kept in the history the agent can open from the banner.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from homeseat.core.codes import LabeledCode
from homeseat.protocol.supervision import LeadNotice
from homeseat.ui.i18n import Translations
from homeseat.ui.icons import Icons
from homeseat.ui.texts import reason_label

__all__ = ["NoticeBanner", "NoticeHistory", "notice_text"]

_STYLE = """
QFrame#NoticeBanner { background: #e2ecfb; border-bottom: 1px solid #b9cdf0; }
QLabel#NoticeText { color: #173d7a; font-size: 11pt; }
QToolButton#NoticeClose { border: none; font-size: 13pt; color: #173d7a; padding: 0 6px; }
"""


def notice_text(notice: LeadNotice, codes: Sequence[LabeledCode], language: str) -> str:
    """The notice in one sentence, naming the lead."""
    lead = notice.lead_name or notice.lead
    if notice.kind == "force_not_ready":
        reason = reason_label(notice.reason, codes, language)
        text = QCoreApplication.translate("Notice", "%1 set you to Not Ready (%2).")
        text = text.replace("%1", lead).replace("%2", reason)
        return f"{text} {notice.text}".strip()
    if notice.kind == "answer_help":
        text = QCoreApplication.translate("Notice", "%1 answered your raised hand: %2")
        return text.replace("%1", lead).replace("%2", notice.text)
    text = QCoreApplication.translate("Notice", "Message from %1: %2")
    return text.replace("%1", lead).replace("%2", notice.text)


class NoticeHistory(QDialog):
    """Every notice of this session, newest first."""

    def __init__(self, lines: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Messages from your team lead"))
        self.resize(520, 360)
        layout = QVBoxLayout(self)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        for line in reversed(lines):
            self.list.addItem(line)
        if not lines:
            self.list.addItem(self.tr("No messages yet."))
        layout.addWidget(self.list)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class NoticeBanner(QFrame):
    """The latest lead notice, with a close button and the history.

    Args:
        codes: reason codes (for a forced Not Ready's reason).
        translations: current language.
        icons: icon cache.
        parent: Qt parent.
    """

    def __init__(
        self,
        codes: Sequence[LabeledCode],
        translations: Translations,
        icons: Icons,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("NoticeBanner")
        self.setStyleSheet(_STYLE)
        self._codes = tuple(codes)
        self._translations = translations
        self.notices: list[LeadNotice] = []
        self.history: list[str] = []
        self.dialog: NoticeHistory | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 8, 12, 8)
        icon = QLabel()
        icon.setPixmap(icons.named("team").pixmap(QSize(20, 20)))
        layout.addWidget(icon)
        self.text = QLabel("")
        self.text.setObjectName("NoticeText")
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.text, 1)
        self.history_button = QPushButton()
        self.history_button.clicked.connect(self.show_history)
        layout.addWidget(self.history_button)
        self.close_button = QToolButton()
        self.close_button.setObjectName("NoticeClose")
        self.close_button.setText("×")
        self.close_button.clicked.connect(self.hide)
        layout.addWidget(self.close_button)
        self.hide()
        self.retranslate()

    def add(self, notice: LeadNotice) -> None:
        """Show a new notice (and keep it in the history)."""
        line = notice_text(notice, self._codes, self._translations.language)
        when = notice.at.astimezone().strftime("%H:%M")
        self.notices.append(notice)
        self.history.append(f"{when}  {line}")
        self.text.setText(line)
        self.show()

    def show_history(self) -> None:
        """Open the list of this session's notices."""
        self.dialog = NoticeHistory(self.history, self)
        self.dialog.open()

    def retranslate(self) -> None:
        """Re-read texts in the current language (the latest notice too)."""
        self.history_button.setText(self.tr("All messages…"))
        self.close_button.setToolTip(self.tr("Close"))
        if self.notices:
            last = self.notices[-1]
            self.text.setText(notice_text(last, self._codes, self._translations.language))

    def changeEvent(self, event: QEvent) -> None:
        """Follow language switches."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
