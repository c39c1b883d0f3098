"""The lead's team pane: state counters, filters, the alert strip, actions and the live table.

Runs on the Qt main thread. The pane owns a :class:`TeamModel` fed by the session's team snapshot
and deltas (through the bridge) and a :class:`TeamFilter` proxy for the view. Actions on an agent
(buttons and the row's context menu) are emitted as :attr:`TeamPane.action_requested`; the
supervision wiring carries them out (the pane itself talks to nobody).
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Sequence
from datetime import datetime

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QWidget,
)

from homeseat.core.agent_state import AgentState
from homeseat.core.alerts import AlertRules
from homeseat.core.codes import LabeledCode
from homeseat.protocol import AgentPresence
from homeseat.ui.alerts_strip import AlertStrip
from homeseat.ui.i18n import Translations
from homeseat.ui.icons import Icons
from homeseat.ui.panes import Card
from homeseat.ui.team_filter import TeamFilter
from homeseat.ui.team_model import Category, Column, TeamModel
from homeseat.ui.texts import disconnected_label, state_label
from homeseat.ui.theme import DISCONNECTED_COLORS, StateColors, state_colors, styled

__all__ = ["TeamPane", "ACTIONS"]

# Counters shown above the table, in the order a lead scans them.
_COUNTED = (
    Category.READY,
    Category.OFFERED,
    Category.BUSY,
    Category.WRAP_UP,
    Category.NOT_READY,
    Category.DISCONNECTED,
)

#: What a lead can do to one agent (``action_requested`` kinds), in menu order.
ACTIONS = ("detail", "message", "answer_help", "force_not_ready", "sign_out")


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
    """Counters, filters, alerts, actions and the table over the team model.

    Args:
        reason_codes: configured reasons (labels for the Reason column).
        translations: current language.
        icons: icon cache.
        rules: alert thresholds (from the configuration).
        now: wall clock (tests pass their own).
        parent: Qt parent.
    """

    #: The lead asked for an action (one of :data:`ACTIONS`) on an agent (user id).
    action_requested = Signal(str, int)

    def __init__(
        self,
        reason_codes: Sequence[LabeledCode],
        translations: Translations,
        icons: Icons,
        *,
        rules: AlertRules | None = None,
        now: Callable[[], datetime] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(icons.named("team"), parent)
        extra = {"now": now} if now is not None else {}
        self.model = TeamModel(reason_codes, translations, icons, rules=rules, parent=self, **extra)
        self.proxy = TeamFilter(self.model, self)
        self._actions_enabled = False

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
        #: Where the supervision wiring puts the surge control: the right end of the card's
        #: title row (the counters need their row's width).
        self.surge_slot = QHBoxLayout()
        outer = self.layout()
        title_row = outer.itemAt(0) if outer is not None else None
        title_layout = title_row.layout() if title_row is not None else None
        host = title_layout if isinstance(title_layout, QHBoxLayout) else counters
        host.addLayout(self.surge_slot)
        self.body.addLayout(counters)

        filters = QHBoxLayout()
        filters.setSpacing(6)
        self.state_filter = QComboBox()
        self.team_filter = QComboBox()
        self.filter = QLineEdit()
        self.filter.setClearButtonEnabled(True)
        self.filter.setMaximumWidth(240)
        self.filter.addAction(icons.named("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.filter.textChanged.connect(self.proxy.set_text)
        self.state_filter.currentIndexChanged.connect(self._state_chosen)
        self.team_filter.currentIndexChanged.connect(self._team_chosen)
        for combo in (self.state_filter, self.team_filter):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        filters.addWidget(self.state_filter)
        filters.addWidget(self.team_filter)
        filters.addWidget(self.filter)
        filters.addStretch(1)
        self._buttons: dict[str, QPushButton] = {}
        for kind in ACTIONS:
            button = QPushButton()
            button.clicked.connect(lambda _=False, k=kind: self._act_on_selected(k))
            filters.addWidget(button)
            self._buttons[kind] = button
        self.body.addLayout(filters)

        self.alerts = AlertStrip(self.model, icons)
        self.alerts.agent_selected.connect(self.select_agent)
        self.body.addWidget(self.alerts)

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(Column.AGENT, Qt.SortOrder.AscendingOrder)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.doubleClicked.connect(self._double_clicked)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(30)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in (
            (Column.AGENT, 160),
            (Column.TEAM, 70),
            (Column.STATE, 110),
            (Column.REASON, 110),
            (Column.TIME, 80),
            (Column.WORK, 64),
            (Column.HANDLED, 76),
            (Column.AHT, 76),
            (Column.MOS, 56),
            (Column.AUDIO, 72),
            (Column.VERSION, 76),
        ):
            header.resizeSection(column, width)
        # Watching the team is a lead's main job: the table keeps room for about eight rows even
        # when the window is shared with the phone, chats and knowledge.
        self.table.setMinimumHeight(8 * 30 + 34)
        self.body.addWidget(self.table, 1)
        self.menu: QMenu | None = None  # the open context menu (tests trigger its actions)

        self.model.counts_changed.connect(self._update_counters)
        self.model.rowsInserted.connect(self._fill_teams)
        self.model.modelReset.connect(self._fill_teams)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.dataChanged.connect(self._selected_changed)
        self.retranslate()

    # ------------------------------------------------------------------ feeding

    def apply_snapshot(self, agents: list[AgentPresence]) -> None:
        """The whole team (the model resets)."""
        self.model.apply_snapshot(agents)
        # A full cyclic collection walks every tracked object: with a big team (thousands of
        # presences on top of the Qt and pydantic heap) that stalled the GUI thread for 140 ms
        # (tests/bench/test_team_hub_bench.py). What exists now lives long: freeze it out of
        # the collector's walks (reference counting still frees it).
        gc.freeze()

    def apply_delta(self, agents: list[AgentPresence]) -> None:
        """Changed agents only (row updates)."""
        self.model.apply_delta(agents)

    def tick(self) -> None:
        """Re-check due alerts and repaint the time-in-state column (see TeamModel)."""
        self.model.tick()
        view = self.table
        column = self.proxy.mapFromSource(self.model.index(0, Column.TIME)).column()
        if column < 0:
            return
        x = view.columnViewportPosition(column)
        width = view.columnWidth(column)
        view.viewport().update(x, 0, width, view.viewport().height())

    def set_actions_enabled(self, enabled: bool) -> None:
        """Show the action buttons (once somebody carries the actions out)."""
        self._actions_enabled = enabled
        self._update_buttons()

    # ------------------------------------------------------------------ selection

    def selected_agent(self) -> AgentPresence | None:
        """The agent of the selected row, or None."""
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.agent_at(self.proxy.mapToSource(rows[0]).row())

    def select_agent(self, user_id: int) -> None:
        """Select (and scroll to) an agent; clears the filters if they hide them."""
        row = self.model.row_of(user_id)
        if row is None:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            self.state_filter.setCurrentIndex(0)
            self.team_filter.setCurrentIndex(0)
            self.filter.clear()
            index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.selectRow(index.row())
        self.table.scrollTo(index)

    def _act_on_selected(self, kind: str) -> None:
        agent = self.selected_agent()
        if agent is not None:
            self.action_requested.emit(kind, agent.user_id)

    def _double_clicked(self, index: QModelIndex) -> None:
        if self._actions_enabled:
            agent = self.model.agent_at(self.proxy.mapToSource(index).row())
            self.action_requested.emit("detail", agent.user_id)

    def _context_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        if not index.isValid() or not self._actions_enabled:
            return
        self.table.selectRow(index.row())
        agent = self.model.agent_at(self.proxy.mapToSource(index).row())
        menu = QMenu(self)
        for kind in ACTIONS:
            action = menu.addAction(self._action_text(kind))
            action.setObjectName(kind)
            action.setEnabled(self._allowed(kind, agent))
            action.triggered.connect(
                lambda _=False, k=kind, uid=agent.user_id: self.action_requested.emit(k, uid)
            )
        self.menu = menu
        menu.popup(self.table.viewport().mapToGlobal(pos))

    @staticmethod
    def _allowed(kind: str, agent: AgentPresence) -> bool:
        if kind == "answer_help":
            return agent.help_requested is not None
        if kind in ("message", "force_not_ready"):
            return agent.connected and agent.state is not AgentState.SIGNED_OUT
        if kind == "sign_out":
            return agent.state is not AgentState.SIGNED_OUT or agent.connected
        return True

    def _update_buttons(self) -> None:
        agent = self.selected_agent()
        for kind, button in self._buttons.items():
            button.setVisible(self._actions_enabled)
            button.setEnabled(agent is not None and self._allowed(kind, agent))

    def _selected_changed(self, top: QModelIndex, bottom: QModelIndex) -> None:
        # Only the selected row's changes matter to the buttons (a hand raised, a sign-out).
        agent = self.selected_agent()
        if (
            agent is not None
            and top.row() <= (self.model.row_of(agent.user_id) or 0) <= bottom.row()
        ):
            self._update_buttons()

    # ------------------------------------------------------------------ filters

    def _state_chosen(self, index: int) -> None:
        value = self.state_filter.itemData(index)
        self.proxy.set_category(Category(value) if value else None)

    def _team_chosen(self, index: int) -> None:
        value = self.team_filter.itemData(index)
        self.proxy.set_team(str(value) if value else None)

    def _fill_teams(self) -> None:
        teams = self.model.teams()
        current = self.team_filter.currentData()
        known = [self.team_filter.itemData(i) for i in range(1, self.team_filter.count())]
        if known == teams:
            return
        self.team_filter.blockSignals(True)
        self.team_filter.clear()
        self.team_filter.addItem(self.tr("All teams"), "")
        for team in teams:
            self.team_filter.addItem(team, team)
        self.team_filter.setCurrentIndex(max(0, self.team_filter.findData(current)))
        self.team_filter.blockSignals(False)
        self.team_filter.setVisible(len(teams) > 1)
        self._team_chosen(self.team_filter.currentIndex())

    # ------------------------------------------------------------------ texts

    def _action_text(self, kind: str) -> str:
        texts = {
            "detail": self.tr("Today's timeline…"),
            "message": self.tr("Message…"),
            "answer_help": self.tr("Answer raised hand…"),
            "force_not_ready": self.tr("Force Not Ready…"),
            "sign_out": self.tr("Sign out…"),
        }
        return texts[kind]

    def retranslate(self) -> None:
        """Re-read texts in the current language."""
        self.filter.setPlaceholderText(self.tr("Search agents…"))
        current = self.state_filter.currentData()
        self.state_filter.blockSignals(True)
        self.state_filter.clear()
        self.state_filter.addItem(self.tr("All states"), "")
        for category in (*_COUNTED, Category.SIGNED_OUT):
            self.state_filter.addItem(_category_label(category), category.value)
        self.state_filter.setCurrentIndex(max(0, self.state_filter.findData(current)))
        self.state_filter.blockSignals(False)
        if self.team_filter.count():
            self.team_filter.setItemText(0, self.tr("All teams"))
        else:
            self._fill_teams()
        for kind, button in self._buttons.items():
            button.setText(self._action_text(kind))
        self.model.retranslate()
        self.alerts.retranslate()
        self._update_counters()
        self._update_buttons()

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
