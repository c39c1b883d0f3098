"""The chats area: offers with Accept/Decline, one tab per conversation, unread badges, waits.

Runs on the Qt main thread. :class:`ChatBridge` turns the chat client's events into a Qt signal;
:class:`ChatArea` re-reads the real :class:`~homeseat.core.chats.ChatBook` on each event and on a
one-second tick (waiting times). Everything shown goes through the masking engine.
:func:`attach_chat` puts the area into the main window's chats card.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from homeseat.config.model import ClientSettings, MaskingSettings, MaskRule
from homeseat.core.chats import ChatError, ChatPhase, Conversation
from homeseat.core.codes import LabeledCode
from homeseat.core.masking import Masker, MaskingConfig
from homeseat.platform.chat import ChatClient, ChatEvent, ChatEventKind
from homeseat.platform.session import PlatformSession
from homeseat.ui.chat_view import CHAT_STYLE, ChatView, format_wait
from homeseat.ui.theme import styled

__all__ = ["ChatBridge", "OfferCard", "ChatArea", "attach_chat", "masker_from_settings"]


def _tr(context: str, text: str) -> str:
    """``QCoreApplication.translate`` (lupdate knows this alias, see update-translations.sh)."""
    return QCoreApplication.translate(context, text)


log = logging.getLogger(__name__)


class ChatBridge(QObject):
    """Implements ``ChatListener``: each chat event becomes the ``changed`` signal."""

    changed = Signal(object)  # ChatEvent

    def on_chat_event(self, event: ChatEvent) -> None:
        """A chat changed (loop thread = Qt main thread)."""
        self.changed.emit(event)


class OfferCard(QFrame):
    """One offered chat: who, about what, how long they wait, Accept / Decline."""

    def __init__(self, chat: Conversation, masker: Masker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("OfferCard")
        self.chat = chat
        self._masker = masker
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 10, 6)
        self.title = styled(QLabel(), "OfferTitle")
        self.detail = styled(QLabel(), "Muted")
        texts = QVBoxLayout()
        texts.addWidget(self.title)
        texts.addWidget(self.detail)
        row.addLayout(texts, 1)
        self.accept_button = styled(QPushButton(), "Primary")
        self.decline_button = QPushButton()
        row.addWidget(self.accept_button)
        row.addWidget(self.decline_button)
        self.retranslate()
        self.tick(chat.offered_mono)

    def retranslate(self) -> None:
        """Re-read texts."""
        self.title.setText(
            _tr("ChatArea", "New chat: %1").replace("%1", self._masker.mask(self.chat.customer))
        )
        self.accept_button.setText(_tr("ChatArea", "Accept"))
        self.decline_button.setText(_tr("ChatArea", "Decline"))

    def tick(self, now_mono: float) -> None:
        """Update the waiting time."""
        wait = format_wait(self.chat.waiting_seconds(now_mono))
        topic = self._masker.mask(self.chat.topic)
        text = QCoreApplication.translate("ChatArea", "Waiting %1").replace("%1", wait)
        self.detail.setText(f"{topic} · {text}" if topic else text)


class ChatArea(QWidget):
    """Offers on top, a tab per conversation below.

    Args:
        client: the chat client (its book is the model).
        wrap_up_codes: codes for closing a chat.
        language: returns the current language code.
        masker: the masking engine (configured per field by IT).
        monotonic: the clock of waiting times (the client's).
        quick_replies: configured quick replies (None: the shipped ones).
    """

    def __init__(
        self,
        client: ChatClient,
        wrap_up_codes: Sequence[LabeledCode],
        language: Callable[[], str],
        *,
        masker: Masker | None = None,
        monotonic: Callable[[], float] = time.monotonic,
        quick_replies: Sequence[str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.client = client
        self._codes = list(wrap_up_codes)
        self._language = language
        self._masker = masker or Masker()
        self._now = monotonic
        self._replies = quick_replies
        self.setStyleSheet(CHAT_STYLE)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self.offers_box = QVBoxLayout()
        self.offers_box.setSpacing(6)
        layout.addLayout(self.offers_box)
        self.capacity_label = styled(QLabel(), "Muted")
        layout.addWidget(self.capacity_label)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.currentChanged.connect(self._current_changed)
        layout.addWidget(self.tabs, 1)
        self.empty_label = styled(QLabel(), "EmptyHint")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        layout.addWidget(self.empty_label, 1)
        self.offers: dict[str, OfferCard] = {}
        self.views: dict[str, ChatView] = {}
        self.bridge = ChatBridge(self)
        self.bridge.changed.connect(self.on_event)
        client.add_listener(self.bridge)
        # A window closed without stop() must not leave a client answering for it.
        self.destroyed.connect(client.detach)
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self.tick)
        self._timer.start()
        self.retranslate()
        self.sync()

    # ------------------------------------------------------------------ queries

    def tab_text(self, chat_id: str) -> str:
        """The text of a conversation's tab (name, unread badge, waiting time)."""
        view = self.views[chat_id]
        return self.tabs.tabText(self.tabs.indexOf(view))

    def current_chat(self) -> str | None:
        """The conversation shown now."""
        widget = self.tabs.currentWidget()
        return widget.chat.chat_id if isinstance(widget, ChatView) else None

    # ------------------------------------------------------------------ commands

    def insert_script(self, text: str) -> bool:
        """Put a knowledge card's script into the current reply box; False with no chat open."""
        widget = self.tabs.currentWidget()
        if not isinstance(widget, ChatView) or widget.chat.phase is not ChatPhase.ACTIVE:
            return False
        widget.insert_text(text)
        return True

    def stop(self) -> None:
        """Stop the one-second tick and let go of the session (ordered shutdown)."""
        self._timer.stop()
        self.client.detach()

    # ------------------------------------------------------------------ events

    def on_event(self, event: ChatEvent) -> None:
        """Bring the widgets in line with the book after a chat event."""
        if event.kind is ChatEventKind.REFUSED:
            log.info("chat action refused by the hub: %s", event.detail)
        self.sync()
        if event.kind is ChatEventKind.ACTIVE and self.tabs.count() == 1:
            self.tabs.setCurrentIndex(0)

    def sync(self) -> None:
        """Make offers and tabs match the book."""
        book = self.client.book
        offered = {c.chat_id: c for c in book.conversations(ChatPhase.OFFERED)}
        for chat_id in list(self.offers):
            if chat_id not in offered:
                card = self.offers.pop(chat_id)
                self.offers_box.removeWidget(card)
                card.deleteLater()
        for chat_id, chat in offered.items():
            if chat_id not in self.offers:
                card = OfferCard(chat, self._masker)
                card.accept_button.clicked.connect(lambda _=False, c=chat_id: self._accept(c))
                card.decline_button.clicked.connect(lambda _=False, c=chat_id: self._decline(c))
                self.offers[chat_id] = card
                self.offers_box.addWidget(card)
        shown = {c.chat_id: c for c in book.conversations(ChatPhase.ACTIVE, ChatPhase.CLOSED)}
        for chat_id in list(self.views):
            if chat_id not in shown or self.views[chat_id].chat is not shown[chat_id]:
                view = self.views.pop(chat_id)
                self.tabs.removeTab(self.tabs.indexOf(view))
                view.deleteLater()
        for chat_id, chat in shown.items():
            if chat_id not in self.views:
                self._add_view(chat)
        self.client.set_visible(self.current_chat())
        now = self._now()
        for view in self.views.values():
            view.refresh(now)
        self.tick()

    def tick(self) -> None:
        """Every second: waiting times, badges, the capacity line."""
        now = self._now()
        for card in self.offers.values():
            card.tick(now)
        bar = self.tabs.tabBar()
        for view in self.views.values():
            view.update_waiting(now)
            index = self.tabs.indexOf(view)
            self.tabs.setTabText(index, self._tab_label(view.chat, now))
            unread = view.chat.unread > 0
            bar.setTabTextColor(index, QColor("#1f5fbf" if unread else "#1f2933"))
        book = self.client.book
        self.capacity_label.setText(
            QCoreApplication.translate("ChatArea", "Chats: %1 of %2")
            .replace("%1", str(book.active_count))
            .replace("%2", str(book.capacity))
        )
        has_tabs = bool(self.views)
        self.tabs.setVisible(has_tabs)
        self.capacity_label.setVisible(has_tabs or bool(self.offers))
        self.empty_label.setVisible(not has_tabs and not self.offers)

    # ------------------------------------------------------------------ texts

    def retranslate(self) -> None:
        """Re-read texts."""
        self.empty_label.setText(
            QCoreApplication.translate(
                "ChatArea", "No conversations. New chats appear here while you are Ready."
            )
        )
        for card in self.offers.values():
            card.retranslate()
        for view in self.views.values():
            view.set_language(self._language())
        self.tick()

    def changeEvent(self, event: QEvent) -> None:
        """Follow language switches."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ------------------------------------------------------------------ internals

    def _tab_label(self, chat: Conversation, now: float) -> str:
        name = self._masker.mask(chat.customer)
        if len(name) > 18:
            name = name[:17] + "…"
        if chat.phase is ChatPhase.CLOSED:
            return QCoreApplication.translate("ChatArea", "%1 (ended)").replace("%1", name)
        parts = [name]
        if chat.unread:
            parts.append(f"({chat.unread})")
        wait = chat.waiting_seconds(now)
        if wait >= 1:
            parts.append(format_wait(wait))
        return "  ".join(parts)

    def _add_view(self, chat: Conversation) -> None:
        view = ChatView(chat, self._masker, self._codes, self._language(), self._replies)
        view.send_requested.connect(self._send)
        view.typing_changed.connect(self.client.set_typing)
        view.close_requested.connect(self._close)
        view.transfer_requested.connect(
            lambda c: self._guard(lambda: self.client.transfer(c, None))
        )
        self.views[chat.chat_id] = view
        self.tabs.addTab(view, "")

    def _current_changed(self, _index: int) -> None:
        self.client.set_visible(self.current_chat())
        self.tick()

    def _accept(self, chat_id: str) -> None:
        self._guard(lambda: self.client.accept(chat_id))

    def _decline(self, chat_id: str) -> None:
        self._guard(lambda: self.client.decline(chat_id))

    def _send(self, chat_id: str, text: str) -> None:
        self._guard(lambda: self.client.send_text(chat_id, text))
        self.client.set_typing(chat_id, False)
        self.sync()

    def _close(self, chat_id: str, code: str) -> None:
        chat = self.client.book.get(chat_id)
        if chat is None:
            return
        self._guard(lambda: self.client.close(chat_id, code))
        self.client.dismiss(chat_id)
        self.sync()

    def _guard(self, action: Callable[[], object]) -> None:
        try:
            action()
        except ChatError as exc:
            log.info("chat action not possible: %s", exc)


def masker_from_settings(masking: MaskingSettings) -> Masker:
    """The masking engine configured by IT (``masking`` in the client settings).

    The ``phone`` rule covers mobile, landline (whose area code always shows) and international
    numbers; ``id_card``, ``bank_card`` and ``email`` map one to one.
    """

    def rule(source: MaskRule, **override: object) -> dict[str, object]:
        char = source.mask_char if not source.mask_char.isalnum() else "*"
        values: dict[str, object] = {
            "enabled": source.enabled,
            "keep_start": source.keep_start,
            "keep_end": source.keep_end,
            "mask_char": char,
        }
        values.update(override)
        return values

    phone = masking.phone
    return Masker(
        MaskingConfig.from_mapping(
            {
                "cn_mobile": rule(phone),
                "cn_landline": rule(phone, keep_start=0),
                "intl_phone": rule(phone, keep_start=min(2, phone.keep_start)),
                "cn_id": rule(masking.id_card),
                "bank_card": rule(masking.bank_card),
                "email": rule(masking.email),
            }
        )
    )


def attach_chat(
    pane: QWidget,
    body: QVBoxLayout,
    hide: Sequence[QWidget],
    session: object,
    settings: ClientSettings,
    language: Callable[[], str],
    *,
    author: str,
) -> ChatArea | None:
    """Put a chat area for ``session`` into the chats card (None without a real session)."""
    if not isinstance(session, PlatformSession):
        return None
    client = ChatClient(
        session,
        author=author,
        capacity=max(1, settings.chat.capacity),
        auto_accept=settings.chat.auto_accept,
    )
    area = ChatArea(
        client,
        settings.wrap_up_codes,
        language,
        masker=masker_from_settings(settings.masking),
        parent=pane,
    )
    for widget in hide:
        widget.hide()
    body.addWidget(area, 1)
    return area
