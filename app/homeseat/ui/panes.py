"""The work areas of the main window: phone, chats and knowledge (placeholders for now).

Runs on the Qt main thread. Each pane is a white card with a title; the softphone, chat and
knowledge issues replace the bodies, keeping the class names and the card frame.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from homeseat.ui.icons import Icons
from homeseat.ui.theme import styled

__all__ = ["Card", "PhonePane", "ChatsPane", "KnowledgePane"]

_DIAL_KEYS = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "0", "#")


class Card(QFrame):
    """A titled white card; subclasses fill :attr:`body` and implement ``retranslate``."""

    def __init__(self, icon: QIcon, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Card")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(14, 12, 14, 14)
        outer.setSpacing(10)
        header = QHBoxLayout()
        header.setSpacing(8)
        icon_label = QLabel()
        icon_label.setPixmap(icon.pixmap(QSize(20, 20)))
        self.title = styled(QLabel(""), "CardTitle")
        header.addWidget(icon_label)
        header.addWidget(self.title)
        header.addStretch(1)
        outer.addLayout(header)
        self.body = QVBoxLayout()
        self.body.setSpacing(8)
        outer.addLayout(self.body, 1)

    def retranslate(self) -> None:
        """Re-read texts (overridden)."""

    def changeEvent(self, event: QEvent) -> None:
        """Follow language switches."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def _empty_state(title: QLabel, hint: QLabel) -> QVBoxLayout:
    box = QVBoxLayout()
    box.addStretch(1)
    for label in (title, hint):
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        box.addWidget(label)
    box.addStretch(2)
    return box


class PhonePane(Card):
    """Dial pad and call controls; disabled until a SIP account is configured."""

    def __init__(self, icons: Icons, parent: QWidget | None = None) -> None:
        super().__init__(icons.named("phone"), parent)
        self.notice = styled(QLabel(""), "Notice")
        self.notice.setWordWrap(True)
        self.number = QLineEdit()
        self.number.setEnabled(False)
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        grid = QGridLayout()
        grid.setSpacing(6)
        self.keys: list[QPushButton] = []
        for i, key in enumerate(_DIAL_KEYS):
            button = styled(QPushButton(key), "DialKey")
            button.setEnabled(False)
            grid.addWidget(button, i // 3, i % 3)
            self.keys.append(button)
        self.call_button = styled(QPushButton(""), "Primary")
        self.call_button.setEnabled(False)
        self.body.addWidget(self.notice)
        self.body.addWidget(self.number)
        self.body.addLayout(grid)
        self.body.addWidget(self.call_button)
        self.body.addStretch(1)
        self.setMinimumWidth(230)
        self.retranslate()

    def retranslate(self) -> None:
        """Re-read texts."""
        self.title.setText(self.tr("Phone"))
        self.notice.setText(
            self.tr("No SIP account configured. Ask IT support to set up your phone line.")
        )
        self.number.setPlaceholderText(self.tr("Number to call"))
        self.call_button.setText(self.tr("Call"))


class ChatsPane(Card):
    """Customer conversations; shows an empty state until the chat feature arrives."""

    def __init__(self, icons: Icons, parent: QWidget | None = None) -> None:
        super().__init__(icons.named("chat"), parent)
        self.empty_title = styled(QLabel(""), "EmptyTitle")
        self.empty_hint = styled(QLabel(""), "EmptyHint")
        self.body.addLayout(_empty_state(self.empty_title, self.empty_hint))
        self.setMinimumWidth(260)
        self.retranslate()

    def retranslate(self) -> None:
        """Re-read texts."""
        self.title.setText(self.tr("Chats"))
        self.empty_title.setText(self.tr("No conversations"))
        self.empty_hint.setText(self.tr("New chats appear here while you are Ready."))


class KnowledgePane(Card):
    """Knowledge cards: a search box and suggestions (search arrives with the knowledge issue)."""

    def __init__(self, icons: Icons, parent: QWidget | None = None) -> None:
        super().__init__(icons.named("knowledge"), parent)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icons.named("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.empty_title = styled(QLabel(""), "EmptyTitle")
        self.empty_hint = styled(QLabel(""), "EmptyHint")
        self.body.addWidget(self.search)
        self.body.addLayout(_empty_state(self.empty_title, self.empty_hint))
        self.setMinimumWidth(240)
        self.retranslate()

    def set_panel(self, panel: QWidget) -> None:
        """Put the knowledge panel (ui/knowledge_panel.py) in place of the placeholder."""
        for widget in (self.search, self.empty_title, self.empty_hint):
            widget.hide()  # their layout keeps only stretch-less spacers: the panel gets it all
        self.body.addWidget(panel, 1)

    def retranslate(self) -> None:
        """Re-read texts."""
        self.title.setText(self.tr("Knowledge"))
        self.search.setPlaceholderText(self.tr("Search knowledge cards…"))
        self.empty_title.setText(self.tr("No suggestions yet"))
        self.empty_hint.setText(
            self.tr("Cards that match the conversation will be suggested here.")
        )
