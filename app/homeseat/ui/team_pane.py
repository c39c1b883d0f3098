"""The lead's team pane: state counters, a filter box and the live team table.

Runs on the Qt main thread. The pane owns a :class:`TeamModel` fed by the session's team snapshot
and deltas (through the bridge) and a sorting/filtering proxy for the view.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QWidget,
)

from homeseat.core.agent_state import AgentState
from homeseat.core.codes import LabeledCode
from homeseat.protocol import AgentPresence
from homeseat.ui.i18n import Translations
from homeseat.ui.icons import Icons
from homeseat.ui.panes import Card
from homeseat.ui.team_model import SORT_ROLE, Category, Column, TeamModel
from homeseat.ui.texts import disconnected_label, state_label
from homeseat.ui.theme import DISCONNECTED_COLORS, StateColors, state_colors, styled

__all__ = ["TeamPane"]

# Counters shown above the table, in the order a lead scans them.
_COUNTED = (
    Category.READY,
    Category.OFFERED,
    Category.BUSY,
    Category.WRAP_UP,
    Category.NOT_READY,
    Category.DISCONNECTED,
)


def _category_colors(category: Category) -> StateColors:
    if category is Category.DISCONNECTED:
        return DISCONNECTED_COLORS
    return state_colors(AgentState(category.value))


def _category_label(category: Category) -> str:
    if category is Category.DISCONNECTED:
        return disconnected_label()
    if category is Category.BUSY:
        return state_label(AgentState.BUSY)
    return state_label(AgentState(category.value))


class TeamPane(Card):
    """Counters, filter and table over the team model.

    Args:
        reason_codes: configured reasons (labels for the Reason column).
        translations: current language.
        icons: icon cache.
        parent: Qt parent.
    """

    def __init__(
        self,
        reason_codes: Sequence[LabeledCode],
        translations: Translations,
        icons: Icons,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(icons.named("team"), parent)
        self.model = TeamModel(reason_codes, translations, icons, parent=self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)  # any column: name, team, state, reason
        self.proxy.setDynamicSortFilter(True)

        self._counters: dict[Category, QLabel] = {}
        counters = QHBoxLayout()
        counters.setSpacing(6)
        for category in _COUNTED:
            chip = styled(QLabel(""), "Counter")
            colors = _category_colors(category)
            chip.setStyleSheet(f"QLabel#Counter {{ background: {colors.bg}; color: {colors.fg}; }}")
            counters.addWidget(chip)
            self._counters[category] = chip
        counters.addStretch(1)
        self.filter = QLineEdit()
        self.filter.setClearButtonEnabled(True)
        self.filter.setMaximumWidth(260)
        self.filter.addAction(icons.named("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        counters.addWidget(self.filter)
        self.body.addLayout(counters)

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(Column.AGENT, Qt.SortOrder.AscendingOrder)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(30)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in (
            (Column.AGENT, 170),
            (Column.TEAM, 90),
            (Column.STATE, 130),
            (Column.REASON, 150),
            (Column.TIME, 110),
            (Column.CONNECTION, 140),
        ):
            header.resizeSection(column, width)
        self.body.addWidget(self.table, 1)

        self.model.counts_changed.connect(self._update_counters)
        self.retranslate()

    # ------------------------------------------------------------------ feeding

    def apply_snapshot(self, agents: list[AgentPresence]) -> None:
        """The whole team (the model resets)."""
        self.model.apply_snapshot(agents)

    def apply_delta(self, agents: list[AgentPresence]) -> None:
        """Changed agents only (row updates)."""
        self.model.apply_delta(agents)

    def tick(self) -> None:
        """Advance the time-in-state column: repaint it (no model signal, see TeamModel)."""
        view = self.table
        column = self.proxy.mapFromSource(self.model.index(0, Column.TIME)).column()
        if column < 0:
            return
        x = view.columnViewportPosition(column)
        width = view.columnWidth(column)
        view.viewport().update(x, 0, width, view.viewport().height())

    # ------------------------------------------------------------------ texts

    def retranslate(self) -> None:
        """Re-read texts in the current language."""
        self.filter.setPlaceholderText(self.tr("Filter agents…"))
        self.model.retranslate()
        self._update_counters()

    def counter_text(self, category: Category) -> str:
        """The text of one counter chip (tests read it)."""
        return self._counters[category].text()

    def _update_counters(self) -> None:
        counts = self.model.counts()
        for category, chip in self._counters.items():
            chip.setText(f"{_category_label(category)}  {counts[category]}")
        total = sum(counts.values())
        signed_in = total - counts[Category.SIGNED_OUT]
        self.title.setText(
            self.tr("My team (%1 of %2 signed in)")
            .replace("%1", str(signed_in))
            .replace("%2", str(total))
        )
