"""One knowledge card, rendered: title, tags, the script to say or send, and the Markdown body.

Runs on the Qt main thread. The script comes first because that is what the agent needs in the
middle of a conversation; in a surge (level 2 and above, 服务降级) the short script is shown
instead, with the full one a click away. Copy and "Insert into chat" hand the script on and count
as the card being used; helpful / not helpful are one click each.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from homeseat.core.knowledge import SURGE_SHORT_SCRIPTS, Card, script_for
from homeseat.ui.theme import styled

__all__ = ["CardView"]


class CardView(QFrame):
    """Shows one card (or nothing). Signals carry the card id and, for scripts, the text."""

    # (card id, script text): the agent wants the script in the chat input.
    insert_requested = Signal(str, str)
    # (card id, kind) with kind "used", "helpful" or "not_helpful".
    feedback = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("KbCardView")
        # Local look of the card; the app-wide theme has no rules for these names.
        self.setStyleSheet(
            "QLabel#KbCardTitle { font-size: 11pt; font-weight: 600; color: #1f2933; }"
            "QLabel#KbCaption { color: #66717f; font-size: 8.5pt; font-weight: 600; }"
            "QLabel#KbScript { background: #eef4fe; border: 1px solid #c9dafa;"
            " border-radius: 6px; padding: 8px; color: #1f2933; }"
        )
        self._card: Card | None = None
        self._surge = 0
        self._show_full = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(6)
        self.title = styled(QLabel(""), "KbCardTitle")
        self.title.setWordWrap(True)
        self.meta = styled(QLabel(""), "Muted")
        self.meta.setWordWrap(True)
        self.script_caption = styled(QLabel(""), "KbCaption")
        self.script = styled(QLabel(""), "KbScript")
        self.script.setWordWrap(True)
        # The whole script must show; the Markdown body below scrolls instead.
        self.script.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.script.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.toggle_full = QPushButton("")
        self.toggle_full.setFlat(True)
        self.toggle_full.clicked.connect(self._toggle_full)
        actions = QHBoxLayout()
        actions.setSpacing(6)
        self.insert_button = styled(QPushButton(""), "Primary")
        self.copy_button = QPushButton("")
        self.helpful_button = QPushButton("")
        self.unhelpful_button = QPushButton("")
        actions.addWidget(self.insert_button, 1)
        actions.addWidget(self.copy_button)
        judge = QHBoxLayout()
        judge.setSpacing(6)
        self.judge_caption = styled(QLabel(""), "Muted")
        judge.addWidget(self.judge_caption)
        judge.addStretch(1)
        for button in (self.helpful_button, self.unhelpful_button):
            judge.addWidget(button)
        # Buttons never take the keyboard focus: the agent keeps typing where they were.
        for button in (
            self.insert_button,
            self.copy_button,
            self.helpful_button,
            self.unhelpful_button,
            self.toggle_full,
        ):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.insert_button.clicked.connect(self._insert)
        self.copy_button.clicked.connect(self._copy)
        self.helpful_button.clicked.connect(lambda: self._feedback("helpful"))
        self.unhelpful_button.clicked.connect(lambda: self._feedback("not_helpful"))
        self.body = QTextBrowser()
        self.body.setOpenExternalLinks(False)
        self.body.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.body.setMinimumHeight(60)
        layout.addWidget(self.title)
        layout.addWidget(self.meta)
        layout.addWidget(self.script_caption)
        layout.addWidget(self.script)
        layout.addWidget(self.toggle_full, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addLayout(actions)
        layout.addWidget(self.body, 1)
        layout.addLayout(judge)
        self.retranslate()
        self.show_card(None)

    @property
    def card(self) -> Card | None:
        """The card shown."""
        return self._card

    def script_text(self) -> str:
        """The script as shown now (short in a surge unless the agent asked for the full one)."""
        if self._card is None:
            return ""
        return self._card.script if self._show_full else script_for(self._card, self._surge)

    def show_card(self, card: Card | None) -> None:
        """Render ``card`` (None: hide everything)."""
        self._card = card
        self._show_full = False
        for widget in (
            self.title,
            self.meta,
            self.script_caption,
            self.script,
            self.body,
            self.judge_caption,
        ):
            widget.setVisible(card is not None)
        for button in (
            self.insert_button,
            self.copy_button,
            self.helpful_button,
            self.unhelpful_button,
        ):
            button.setVisible(card is not None)
        if card is None:
            self.toggle_full.setVisible(False)
            return
        self.title.setText(card.title)
        self.body.setMarkdown(card.body)
        self._render_script()

    def set_surge_level(self, level: int) -> None:
        """Follow the platform's surge level (short scripts first from level 2)."""
        self._surge = level
        self._show_full = False
        if self._card is not None:
            self._render_script()

    def _render_script(self) -> None:
        card = self._card
        assert card is not None
        short = (
            self._surge >= SURGE_SHORT_SCRIPTS and bool(card.short_script) and not self._show_full
        )
        self.script.setText(self.script_text() or self.tr("(this card has no script)"))
        self.script_caption.setText(self.tr("Short script (surge)") if short else self.tr("Script"))
        self.toggle_full.setVisible(
            self._surge >= SURGE_SHORT_SCRIPTS and bool(card.short_script) and bool(card.script)
        )
        self.toggle_full.setText(
            self.tr("Show short script") if self._show_full else self.tr("Show full script")
        )
        tags = " · ".join(card.tags)
        self.meta.setText(tags)
        has_script = bool(self.script_text())
        self.insert_button.setEnabled(has_script)
        self.copy_button.setEnabled(has_script)

    def _toggle_full(self) -> None:
        self._show_full = not self._show_full
        self._render_script()

    def _insert(self) -> None:
        if self._card is not None and self.script_text():
            self.insert_requested.emit(self._card.id, self.script_text())
            self.feedback.emit(self._card.id, "used")

    def _copy(self) -> None:
        if self._card is not None and self.script_text():
            QGuiApplication.clipboard().setText(self.script_text())
            self.feedback.emit(self._card.id, "used")

    def _feedback(self, kind: str) -> None:
        if self._card is not None:
            self.feedback.emit(self._card.id, kind)

    def retranslate(self) -> None:
        """Re-read texts."""
        self.insert_button.setText(self.tr("Insert into chat"))
        self.insert_button.setToolTip(self.tr("Put the script into the chat input"))
        self.copy_button.setText(self.tr("Copy"))
        self.copy_button.setToolTip(self.tr("Copy the script to the clipboard"))
        self.judge_caption.setText(self.tr("Was this card helpful?"))
        self.helpful_button.setText(self.tr("Yes"))
        self.unhelpful_button.setText(self.tr("No"))
        if self._card is not None:
            self._render_script()
