"""The team table model: live presence of a lead's agents, updated row by row.

Runs on the Qt main thread. A snapshot resets the model (it replaces everything); a delta touches
only the rows it names: ``dataChanged`` for a known agent, ``rowsInserted`` for a new one. Time in
state is computed when a cell is painted, so the ticking clock needs no model signal at all (the
view just repaints that column): a signal over 5,000 rows every second would make the sorting
proxy re-examine every row. Cell texts are cached per row and rebuilt only when the row changes,
because painting asks ``data()`` for many roles of every visible cell.
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor

from homeseat.core.agent_state import AgentState
from homeseat.core.codes import LabeledCode
from homeseat.protocol import AgentPresence
from homeseat.ui.i18n import Translations
from homeseat.ui.icons import Icons
from homeseat.ui.texts import (
    disconnected_label,
    format_duration,
    reason_label,
    state_label,
)
from homeseat.ui.theme import DISCONNECTED_COLORS, StateColors, state_colors

__all__ = ["Column", "Category", "TeamModel", "SORT_ROLE", "category_of"]

#: Role carrying a sortable value (numbers for durations, lower-case text otherwise).
SORT_ROLE = Qt.ItemDataRole.UserRole + 1

_Index = QModelIndex | QPersistentModelIndex
_CONNECTED_SORT_KEY = 1e12
_DISPLAY = Qt.ItemDataRole.DisplayRole
_DECORATION = Qt.ItemDataRole.DecorationRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_ROLES = frozenset({_DISPLAY, _DECORATION, _FOREGROUND, _TOOLTIP, SORT_ROLE})


class Column(enum.IntEnum):
    """Columns of the team table, in order."""

    AGENT = 0
    TEAM = 1
    STATE = 2
    REASON = 3
    TIME = 4
    CONNECTION = 5
    VERSION = 6


class Category(enum.StrEnum):
    """What the counters above the table count: the state, or Disconnected over any state."""

    READY = "ready"
    NOT_READY = "not_ready"
    OFFERED = "offered"
    BUSY = "busy"
    WRAP_UP = "wrap_up"
    DISCONNECTED = "disconnected"
    SIGNED_OUT = "signed_out"


def category_of(agent: AgentPresence) -> Category:
    """Counter category: a signed-out agent is Signed out, else a lost client is Disconnected."""
    if agent.state is AgentState.SIGNED_OUT:
        return Category.SIGNED_OUT
    if not agent.connected:
        return Category.DISCONNECTED
    return Category(agent.state.value)


def _utc_now() -> datetime:
    return datetime.now(UTC)


class TeamModel(QAbstractTableModel):
    """Rows of :class:`AgentPresence`, keyed by user id.

    Args:
        reason_codes: configured reasons, to label reason codes.
        translations: current language.
        icons: icon cache (state dots).
        now: wall clock (tests pass their own); durations come from the hub's ``since``.
        parent: Qt parent.
    """

    #: Emitted after any change of the counters (snapshot, delta).
    counts_changed = Signal()

    def __init__(
        self,
        reason_codes: Sequence[LabeledCode],
        translations: Translations,
        icons: Icons,
        *,
        now: Callable[[], datetime] = _utc_now,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._codes = tuple(reason_codes)
        self._translations = translations
        self._icons = icons
        self._now = now
        self._rows: list[AgentPresence] = []
        self._texts: list[tuple[str, ...] | None] = []  # per-row cell texts, None = stale
        self._row_of: dict[int, int] = {}
        self._counts: Counter[Category] = Counter()

    # ------------------------------------------------------------------ updates

    def apply_snapshot(self, agents: Iterable[AgentPresence]) -> None:
        """Replace the whole team (after subscribing or a reconnect)."""
        self.beginResetModel()
        self._rows = sorted(agents, key=lambda a: a.display_name.casefold())
        self._texts = [None] * len(self._rows)
        self._row_of = {a.user_id: i for i, a in enumerate(self._rows)}
        self._counts = Counter(category_of(a) for a in self._rows)
        self.endResetModel()
        self.counts_changed.emit()

    def apply_delta(self, agents: Iterable[AgentPresence]) -> None:
        """Update only the rows of ``agents`` (inserting agents not seen before)."""
        last = len(Column) - 1
        for agent in agents:
            row = self._row_of.get(agent.user_id)
            if row is None:
                row = len(self._rows)
                self.beginInsertRows(QModelIndex(), row, row)
                self._rows.append(agent)
                self._texts.append(None)
                self._row_of[agent.user_id] = row
                self.endInsertRows()
            else:
                self._counts[category_of(self._rows[row])] -= 1
                self._rows[row] = agent
                self._texts[row] = None
                self.dataChanged.emit(self.index(row, 0), self.index(row, last))
            self._counts[category_of(agent)] += 1
        self.counts_changed.emit()

    def retranslate(self) -> None:
        """Labels changed language: headers and every cell's text."""
        self._texts = [None] * len(self._rows)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Column) - 1)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(Column) - 1)
            )

    # ------------------------------------------------------------------ queries

    def counts(self) -> dict[Category, int]:
        """How many agents are in each category now."""
        return {c: self._counts.get(c, 0) for c in Category}

    def agent_at(self, row: int) -> AgentPresence:
        """The presence shown in ``row``."""
        return self._rows[row]

    def row_of(self, user_id: int) -> int | None:
        """The row of ``user_id``, or None."""
        return self._row_of.get(user_id)

    # ------------------------------------------------------------------ QAbstractTableModel

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        """Number of agents (flat table)."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        """Number of columns."""
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Translated column titles."""
        if orientation is not Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = {
            Column.AGENT: self.tr("Agent"),
            Column.TEAM: self.tr("Team"),
            Column.STATE: self.tr("State"),
            Column.REASON: self.tr("Reason"),
            Column.TIME: self.tr("Time in state"),
            Column.CONNECTION: self.tr("Connection"),
            Column.VERSION: self.tr("Client version"),
        }
        return titles.get(Column(section)) if 0 <= section < len(Column) else None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Cell values: text, sort keys, state colours, tooltips."""
        if role not in _ROLES:
            return None  # the view asks for many roles per cell; most have no answer
        row, column = index.row(), index.column()
        if not 0 <= row < len(self._rows):
            return None
        agent = self._rows[row]
        if role == _DISPLAY:
            if column == Column.TIME:
                return self._time_text(agent)
            return self._row_texts(row)[column]
        if role == SORT_ROLE:
            return self._sort_key(agent, row, column)
        if column == Column.STATE:
            colors = self._colors(agent)
            if role == _DECORATION:
                return self._icons.dot(colors.fg)
            if role == _FOREGROUND:
                return QColor(colors.fg)
        if role == _TOOLTIP:
            return self._tooltip(agent, Column(column))
        return None

    # ------------------------------------------------------------------ internals

    def _seconds(self, agent: AgentPresence) -> float:
        return max(0.0, (self._now() - agent.since).total_seconds())

    def _colors(self, agent: AgentPresence) -> StateColors:
        if category_of(agent) is Category.DISCONNECTED:
            return DISCONNECTED_COLORS
        return state_colors(agent.state)

    def _state_text(self, agent: AgentPresence) -> str:
        if category_of(agent) is Category.DISCONNECTED:
            return disconnected_label()
        return state_label(agent.state, agent.channel)

    def _row_texts(self, row: int) -> tuple[str, ...]:
        texts = self._texts[row]
        if texts is None:
            texts = self._texts[row] = self._build_texts(self._rows[row])
        return texts

    def _build_texts(self, agent: AgentPresence) -> tuple[str, ...]:
        """Every column's text except the ticking time (computed when painted)."""
        reason = ""
        if agent.state is AgentState.NOT_READY:
            reason = reason_label(agent.reason, self._codes, self._translations.language)
        if agent.connected:
            connection = self.tr("Connected")
        elif agent.last_seen is None:
            connection = self.tr("Never connected")
        else:
            when = _short_time(agent.last_seen, self._now())
            connection = self.tr("Last seen %1").replace("%1", when)
        return (
            agent.display_name or agent.username,
            agent.team,
            self._state_text(agent),
            reason,
            "",  # Column.TIME
            connection,
            agent.client_version or "",
        )

    def _time_text(self, agent: AgentPresence) -> str:
        if agent.state is AgentState.SIGNED_OUT:
            return ""
        return format_duration(self._seconds(agent))

    def _sort_key(self, agent: AgentPresence, row: int, column: int) -> Any:
        if column == Column.TIME:
            # Longest in state first when descending; independent of "now", so the order stays
            # valid while the clock runs and ticking needs no re-sort.
            return -agent.since.timestamp()
        if column == Column.STATE:
            return list(Category).index(category_of(agent))
        if column == Column.CONNECTION:
            # Connected agents sort after every "last seen" time (a number keeps sorting in C++).
            if agent.connected:
                return _CONNECTED_SORT_KEY
            return agent.last_seen.timestamp() if agent.last_seen else 0.0
        return self._row_texts(row)[column].casefold()

    def _tooltip(self, agent: AgentPresence, column: Column) -> str | None:
        if column is Column.AGENT:
            return agent.username
        if column is Column.STATE and category_of(agent) is Category.DISCONNECTED:
            last = state_label(agent.state, agent.channel)
            return self.tr("Last known state: %1").replace("%1", last)
        return None


def _short_time(moment: datetime, now: datetime) -> str:
    local = moment.astimezone()
    if local.date() == now.astimezone().date():
        return local.strftime("%H:%M")
    return local.strftime("%Y-%m-%d %H:%M")
