"""The knowledge panel: search as you type, cards suggested from the conversation, hot-topic pins.

Runs on the Qt main thread, on the local knowledge store (opened on this thread). A search is a
single SQLite query measured at ≤ 10 ms p99 on 100,000 cards (docs/benchmarks.md), so it runs
here, after a short debounce that folds fast keystrokes into one query; each search's time is kept
in :attr:`KnowledgePanel.last_search_ms` and a slow one is logged. The list shows pinned cards
first (operations' hot topics, 问题集中度), then search results — or, while the search box is
empty, the cards suggested from what the customer last said. Suggestions update the list without
touching the keyboard focus, so an agent typing a reply is never interrupted.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from homeseat.core.knowledge import Card, ScoredCard, visible
from homeseat.knowledge.store import KnowledgeStore
from homeseat.ui.knowledge_card_view import CardView
from homeseat.ui.theme import styled

__all__ = ["KnowledgePanel", "DEBOUNCE_MS", "SLOW_SEARCH_MS"]

log = logging.getLogger(__name__)

# Keystrokes closer together than this are folded into one search.
DEBOUNCE_MS = 60
# A search slower than this is logged (the budget is 10 ms p99).
SLOW_SEARCH_MS = 30.0
# Data role: the card id of a list row (None for section headers).
CARD_ID_ROLE = Qt.ItemDataRole.UserRole
# Data role: which section a header row names ("pins", "results", "suggested").
SECTION_ROLE = Qt.ItemDataRole.UserRole + 1
RESULTS = 8
SUGGESTIONS = 3

Feedback = Callable[[str, str, str], None]  # (card id, kind, context)


class KnowledgePanel(QWidget):
    """Search, suggestions and pins over a :class:`KnowledgeStore`.

    Args:
        store: the local knowledge copy.
        team: the agent's team (cards for other audiences stay hidden).
        feedback: called with (card id, kind, context) for "used", "helpful", "not_helpful";
            the app passes :meth:`homeseat.knowledge.sync.KnowledgeSync.feedback`.
        wall: the wall clock (validity windows).
    """

    # The agent asked to put a script into the chat input (text).
    insert_requested = Signal(str)

    def __init__(
        self,
        store: KnowledgeStore,
        *,
        team: str | None = None,
        feedback: Feedback | None = None,
        wall: Callable[[], datetime] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._team = team
        self._feedback = feedback
        self._wall = wall or (lambda: datetime.now(UTC))
        self._surge = 0
        self._results: list[ScoredCard] = []
        self._suggested: list[ScoredCard] = []
        self._suggested_from = ""
        self._chosen: str | None = None  # the card the agent clicked (kept across updates)
        self._auto = False
        self.last_search_ms: float | None = None
        self.searches = 0

        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_text)
        self.status = styled(QLabel(""), "Muted")
        self.list = QListWidget()
        self.list.setObjectName("KbList")
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.list.setUniformItemSizes(False)
        self.list.setWordWrap(True)
        self.list.currentItemChanged.connect(self._on_current)
        self.list.itemClicked.connect(self._on_clicked)
        self.view = CardView()
        self.view.insert_requested.connect(self._on_insert)
        self.view.feedback.connect(self._on_feedback)
        split = QSplitter(Qt.Orientation.Vertical)
        split.setChildrenCollapsible(False)
        split.addWidget(self.list)
        split.addWidget(self.view)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        # The card (script and buttons) must stay usable however many rows the list has.
        self.list.setMinimumHeight(110)
        self.view.setMinimumHeight(230)
        split.setSizes([200, 420])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.search)
        layout.addWidget(self.status)
        layout.addWidget(split, 1)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.run_search)
        self.retranslate()
        self._rebuild()

    # ------------------------------------------------------------------ inputs

    def set_surge_level(self, level: int) -> None:
        """The platform's surge level: from 2 on, short scripts first (and favoured)."""
        if level == self._surge:
            return
        self._surge = level
        self.view.set_surge_level(level)
        if self.search.text().strip():
            self.run_search()
        self._update_status()

    def suggest(self, text: str, lang: str | None = None) -> list[ScoredCard]:
        """Propose cards for something the customer said (a chat line, a transcript event).

        Updates the list without moving the keyboard focus; returns the suggestions.
        """
        if not text.strip():
            return []
        self._suggested = self._store.suggest(
            text,
            lang,
            limit=SUGGESTIONS,
            team=self._team,
            surge_level=self._surge,
            now=self._wall(),
        )
        self._suggested_from = text
        if not self.search.text().strip():
            self._rebuild()
        return list(self._suggested)

    def run_search(self) -> None:
        """Search for the box's text now (normally called by the debounce timer)."""
        self._debounce.stop()
        text = self.search.text()
        if not text.strip():
            self._results = []
            self._rebuild()
            return
        started = time.perf_counter()
        self._results = self._store.search(
            text,
            limit=RESULTS,
            as_you_type=True,
            team=self._team,
            surge_level=self._surge,
            now=self._wall(),
        )
        self.last_search_ms = (time.perf_counter() - started) * 1000.0
        self.searches += 1
        if self.last_search_ms > SLOW_SEARCH_MS:
            log.warning("knowledge search took %.1f ms", self.last_search_ms)
        self._rebuild()

    # ------------------------------------------------------------------ KnowledgeListener

    def on_cards_changed(self, version: int) -> None:
        """The local copy changed (a sync finished): refresh what is shown."""
        if self.search.text().strip():
            self.run_search()
        elif self._suggested_from:
            self.suggest(self._suggested_from)
        else:
            self._rebuild()

    def on_pins_changed(self, pins: list[str]) -> None:
        """Operations pinned or unpinned hot topics: show them on top at once."""
        self._rebuild()

    # ------------------------------------------------------------------ what is shown

    def shown_ids(self) -> list[str]:
        """Card ids in the list, top to bottom (section headers skipped)."""
        ids = []
        for row in range(self.list.count()):
            card_id = self.list.item(row).data(CARD_ID_ROLE)
            if isinstance(card_id, str):
                ids.append(card_id)
        return ids

    def pinned_ids(self) -> list[str]:
        """Pinned cards that apply to this agent now, in pin order."""
        now = self._wall()
        cards = self._store.cards(self._store.pins())
        return [c.id for c in cards if visible(c, now, self._team)]

    def select(self, card_id: str) -> None:
        """Show a card of the list in the card view."""
        for row in range(self.list.count()):
            if self.list.item(row).data(CARD_ID_ROLE) == card_id:
                self.list.setCurrentRow(row)
                return

    def _rebuild(self) -> None:
        current = self._chosen
        pins = self.pinned_ids()
        searching = bool(self.search.text().strip())
        rest = self._results if searching else self._suggested
        rest_ids = [r.card_id for r in rest if r.card_id not in pins]
        self.list.blockSignals(True)
        self.list.clear()
        if pins:
            self._header("pins")
            for card in self._store.cards(pins):
                self._row(card, pinned=True)
        if rest_ids:
            self._header("results" if searching else "suggested")
            for card in self._store.cards(rest_ids):
                self._row(card, pinned=False)
        self.list.blockSignals(False)
        shown = self.shown_ids()
        self._auto = True
        try:
            if current in shown:
                self.select(current)  # keep the card the agent chose
            elif shown and (searching or current is None):
                # Open the best match for this customer or query; pins stay in view above it.
                self.select(rest_ids[0] if rest_ids else shown[0])
            # Otherwise the agent keeps reading their card even if new suggestions replaced it.
        finally:
            self._auto = False
        self._update_status()

    def _section_title(self, section: str) -> str:
        if section == "pins":
            return self.tr("Hot topics")
        if section == "results":
            return self.tr("Results")
        return self.tr("Suggested for this customer")

    def _header(self, section: str) -> None:
        item = QListWidgetItem(self._section_title(section).upper())
        item.setData(SECTION_ROLE, section)
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
        font.setBold(True)
        item.setFont(font)
        item.setForeground(QColor("#66717f"))
        self.list.addItem(item)

    def _row(self, card: Card, pinned: bool) -> None:
        tags = " · ".join(card.tags[:3])
        item = QListWidgetItem(f"{card.title}\n{tags}" if tags else card.title)
        if pinned:
            item.setBackground(QColor("#fff4dc"))  # the amber of a notice: operations say so
        item.setData(CARD_ID_ROLE, card.id)
        item.setSizeHint(QSize(0, 44 if tags else 28))
        item.setToolTip(card.title)
        self.list.addItem(item)

    def _update_status(self) -> None:
        parts = []
        if self._surge >= 2:
            parts.append(
                self.tr("Surge level %1: short scripts first").replace("%1", str(self._surge))
            )
        if self.search.text().strip() and not self._results:
            parts.append(self.tr("No card matches"))
        self.status.setText(" · ".join(parts))
        self.status.setVisible(bool(parts))

    # ------------------------------------------------------------------ events

    def _on_text(self, _text: str) -> None:
        self._chosen = None  # a new query: open its best match
        self._debounce.start()

    def _on_current(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        card_id = item.data(CARD_ID_ROLE) if item is not None else None
        if not isinstance(card_id, str):
            return
        if not self._auto:
            self._chosen = card_id
        self.view.show_card(self._store.card(card_id))

    def _on_clicked(self, item: QListWidgetItem) -> None:
        card_id = item.data(CARD_ID_ROLE)
        if isinstance(card_id, str):
            self._chosen = card_id

    def _on_insert(self, card_id: str, text: str) -> None:
        self.insert_requested.emit(text)

    def _on_feedback(self, card_id: str, kind: str) -> None:
        context = "search" if self.search.text().strip() else "suggestion"
        if self._feedback is not None:
            self._feedback(card_id, kind, context)

    def retranslate(self) -> None:
        """Re-read texts (without touching the store: headers are renamed in place)."""
        self.search.setPlaceholderText(self.tr("Search knowledge cards…"))
        for row in range(self.list.count()):
            item = self.list.item(row)
            section = item.data(SECTION_ROLE)
            if isinstance(section, str):
                item.setText(self._section_title(section).upper())
        self._update_status()

    def changeEvent(self, event: QEvent) -> None:
        """Follow language switches."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
