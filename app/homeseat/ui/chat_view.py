"""One conversation's tab: transcript, typing indicator, quick replies, reply box, close, transfer.

Runs on the Qt main thread. The view reads the conversation from the real
:class:`~homeseat.core.chats.ChatBook` (through the chat client) and re-renders on request; every
text shown is passed through the masking engine first, so customer identifiers never reach the
screen in plain form (as configured).
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QEvent, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from homeseat.core.chats import ChatPhase, Conversation, Sender
from homeseat.core.codes import LabeledCode
from homeseat.core.masking import Masker
from homeseat.ui.theme import styled

__all__ = ["CHAT_STYLE", "ChatView", "default_quick_replies", "format_wait"]


def _tr(context: str, text: str) -> str:
    """``QCoreApplication.translate`` (lupdate knows this alias, see update-translations.sh)."""
    return QCoreApplication.translate(context, text)


def default_quick_replies() -> list[str]:
    """The shipped quick replies, in the current language."""
    return [
        _tr("QuickReply", "Hello, thank you for contacting us. How can I help you?"),
        _tr("QuickReply", "Let me check that for you, one moment please."),
        _tr("QuickReply", "Could you please give me your order number?"),
        _tr("QuickReply", "Is there anything else I can help you with?"),
        _tr("QuickReply", "Thank you for your patience. Have a nice day!"),
    ]


def format_wait(seconds: float) -> str:
    """m:ss for waiting times."""
    total = int(seconds)
    return f"{total // 60}:{total % 60:02d}"


_SENDER_STYLE = {
    Sender.CUSTOMER: "background:#e2ecfb;",
    Sender.AGENT: "background:#f1f3f5;",
    Sender.SYSTEM: "color:#66717f;",
}


class ChatView(QWidget):
    """The body of one conversation tab.

    Args:
        chat: the conversation (owned by the chat client's book).
        masker: the masking engine used for everything shown.
        wrap_up_codes: codes offered when closing.
        language: current language code, for code labels.
        quick_replies: texts offered in the quick-reply menu (None: the shipped ones).
    """

    send_requested = Signal(str, str)  # chat id, text
    typing_changed = Signal(str, bool)  # chat id, typing
    close_requested = Signal(str, str)  # chat id, wrap-up code
    transfer_requested = Signal(str)  # chat id (to the queue)

    def __init__(
        self,
        chat: Conversation,
        masker: Masker,
        wrap_up_codes: Sequence[LabeledCode],
        language: str,
        quick_replies: Sequence[str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.chat = chat
        self._masker = masker
        self._codes = list(wrap_up_codes)
        self._language = language
        self._custom_replies = list(quick_replies) if quick_replies is not None else None
        self._typing_sent = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.setSpacing(6)
        header = QHBoxLayout()
        self.customer_label = styled(QLabel(), "ChatCustomer")
        self.topic_label = styled(QLabel(), "Muted")
        self.waiting_label = styled(QLabel(), "ChatWaiting")
        header.addWidget(self.customer_label)
        header.addWidget(self.topic_label, 1)
        header.addWidget(self.waiting_label)
        layout.addLayout(header)
        self.transcript = QTextBrowser()
        self.transcript.setOpenLinks(False)
        layout.addWidget(self.transcript, 1)
        self.typing_label = styled(QLabel(), "Muted")
        self.ended_label = styled(QLabel(), "Notice")
        self.ended_label.setWordWrap(True)
        layout.addWidget(self.typing_label)
        layout.addWidget(self.ended_label)
        self.quick = QComboBox()
        self.quick.activated.connect(self._quick_chosen)
        layout.addWidget(self.quick)
        reply_row = QHBoxLayout()
        self.reply = QLineEdit()
        self.reply.setMaxLength(4000)
        self.reply.returnPressed.connect(self.send)
        self.reply.textChanged.connect(self._text_changed)
        self.send_button = styled(QPushButton(), "Primary")
        self.send_button.clicked.connect(self.send)
        reply_row.addWidget(self.reply, 1)
        reply_row.addWidget(self.send_button)
        layout.addLayout(reply_row)
        close_row = QHBoxLayout()
        self.transfer_button = QPushButton()
        self.transfer_button.clicked.connect(lambda: self.transfer_requested.emit(chat.chat_id))
        self.wrap_up = QComboBox()
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self._close_clicked)
        close_row.addWidget(self.transfer_button)
        close_row.addStretch(1)
        close_row.addWidget(self.wrap_up)
        close_row.addWidget(self.close_button)
        layout.addLayout(close_row)
        self.retranslate()
        self.refresh(0.0)

    # ------------------------------------------------------------------ commands

    def send(self) -> None:
        """Send what is in the reply box (nothing for an empty box or a closed chat)."""
        text = self.reply.text().strip()
        if not text or self.chat.phase is not ChatPhase.ACTIVE:
            return
        self.send_requested.emit(self.chat.chat_id, text)
        self.reply.clear()

    def insert_text(self, text: str) -> None:
        """Insert a script (a knowledge card's, a quick reply) at the cursor of the reply box."""
        self.reply.insert(text)
        self.reply.setFocus()

    def set_language(self, language: str) -> None:
        """Code labels follow the UI language."""
        self._language = language
        self.retranslate()

    # ------------------------------------------------------------------ rendering

    def refresh(self, now_mono: float) -> None:
        """Re-read the conversation: lines, pending lines, typing, end, waiting time."""
        chat = self.chat
        self.customer_label.setText(self._masker.mask(chat.customer))
        self.topic_label.setText(self._masker.mask(chat.topic))
        self._render_lines()
        self.typing_label.setText(
            _tr("ChatView", "The customer is typing…") if chat.customer_typing else ""
        )
        self.typing_label.setVisible(chat.customer_typing)
        ended = chat.phase is ChatPhase.CLOSED
        self.ended_label.setVisible(ended)
        if ended:
            if chat.end_reason == "customer_left":
                text = _tr("ChatView", "The customer left the chat. Choose a wrap-up code.")
            else:
                text = _tr("ChatView", "This chat has ended.")
            self.ended_label.setText(text)
        active = chat.phase is ChatPhase.ACTIVE
        for widget in (self.reply, self.send_button, self.quick, self.transfer_button):
            widget.setEnabled(active)
        self.update_waiting(now_mono)

    def update_waiting(self, now_mono: float) -> None:
        """The customer's waiting time (shown only while they wait for an answer)."""
        wait = self.chat.waiting_seconds(now_mono)
        self.waiting_label.setVisible(wait > 0)
        self.waiting_label.setText(
            QCoreApplication.translate("ChatView", "Waiting %1").replace("%1", format_wait(wait))
        )

    def shown_lines(self) -> list[tuple[str, str]]:
        """What the transcript shows, as (sender, masked text), pending lines last."""
        shown = [(line.sender.value, self._masker.mask(line.text)) for line in self.chat.lines]
        shown += [("pending", self._masker.mask(p.text)) for p in self.chat.pending]
        return shown

    def _render_lines(self) -> None:
        parts: list[str] = []
        for line in self.chat.lines:
            author = html.escape(self._masker.mask(line.author))
            text = html.escape(self._masker.mask(line.text)).replace("\n", "<br>")
            align = "right" if line.sender is Sender.AGENT else "left"
            parts.append(
                f'<table width="100%" style="margin:3px 0"><tr><td align="{align}">'
                f'<div style="{_SENDER_STYLE[line.sender]} padding:5px 8px">'
                f'<span style="color:#66717f;font-size:8pt">{author} · '
                f"{line.at.astimezone().strftime('%H:%M')}</span><br>{text}</div>"
                "</td></tr></table>"
            )
        sending = html.escape(QCoreApplication.translate("ChatView", "sending…"))
        for pending in self.chat.pending:
            text = html.escape(self._masker.mask(pending.text))
            parts.append(
                '<table width="100%"><tr><td align="right">'
                f'<div style="color:#8a94a1;padding:5px 8px">{text} '
                f"<i>({sending})</i></div></td></tr></table>"
            )
        self.transcript.setHtml("".join(parts))
        bar = self.transcript.verticalScrollBar()
        bar.setValue(bar.maximum())

    # ------------------------------------------------------------------ texts

    def retranslate(self) -> None:
        """Re-read every text in the current language."""
        self.reply.setPlaceholderText(_tr("ChatView", "Type a reply…"))
        self.send_button.setText(_tr("ChatView", "Send"))
        self.transfer_button.setText(_tr("ChatView", "Back to queue"))
        self.close_button.setText(_tr("ChatView", "Close chat"))
        self.wrap_up.setToolTip(_tr("ChatView", "Wrap-up code"))
        current = self.wrap_up.currentData()
        self.wrap_up.clear()
        for code in self._codes:
            self.wrap_up.addItem(code.label(self._language), code.code)
        if current is not None:
            self.wrap_up.setCurrentIndex(max(0, self.wrap_up.findData(current)))
        self.quick.clear()
        self.quick.addItem(_tr("ChatView", "Quick replies…"))
        replies = (
            self._custom_replies if self._custom_replies is not None else (default_quick_replies())
        )
        for reply in replies:
            self.quick.addItem(reply)

    def changeEvent(self, event: QEvent) -> None:
        """Follow language switches."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.refresh(0.0)
        super().changeEvent(event)

    # ------------------------------------------------------------------ internals

    def _quick_chosen(self, index: int) -> None:
        if index > 0:
            self.insert_text(self.quick.itemText(index))
        self.quick.setCurrentIndex(0)

    def _text_changed(self, text: str) -> None:
        typing = bool(text.strip())
        if typing != self._typing_sent and self.chat.phase is ChatPhase.ACTIVE:
            self._typing_sent = typing
            self.typing_changed.emit(self.chat.chat_id, typing)

    def _close_clicked(self) -> None:
        code = self.wrap_up.currentData()
        if isinstance(code, str):
            self.close_requested.emit(self.chat.chat_id, code)


# The tab's own style: bubbles are drawn in HTML; these hooks style the header.
CHAT_STYLE = """
QLabel#ChatCustomer { font-weight: 600; color: #1f2933; }
QLabel#ChatWaiting { color: #a15c00; background: #fdf0da; border-radius: 6px; padding: 2px 8px; }
QFrame#OfferCard { background: #dcf3ef; border: 1px solid #9fd8cd; border-radius: 8px; }
QLabel#OfferTitle { font-weight: 600; color: #00594f; }
"""
