"""The team table model: live presence of a lead's agents, updated row by row.

Runs on the Qt main thread. A snapshot resets the model (it replaces everything); a delta touches
only the rows it names: ``dataChanged`` for a known agent, ``rowsInserted`` for a new one. Time in
state is computed when a cell is painted, so the ticking clock needs no model signal at all (the
view just repaints that column): a signal over 5,000 rows every second would make the sorting
proxy re-examine every row. Cell texts are cached per row and rebuilt only when the row changes,
because painting asks ``data()`` for many roles of every visible cell.

Alerts (:mod:`homeseat.core.alerts`) are kept in an :class:`AlertBook`: a delta re-checks its
agents, the one-second :meth:`TeamModel.tick` re-checks only agents whose threshold is due, and an
acknowledgement touches one row; each emits ``dataChanged`` for the rows whose alerts changed.
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
from homeseat.core.alerts import AlertBook, AlertKind, AlertRules
from homeseat.core.codes import LabeledCode
from homeseat.protocol import AgentPresence
from homeseat.ui.alerts import ACKED_ROW_BG, ALERT_FG, ALERT_ROW_BG, alert_label
from homeseat.ui.i18n import Translations
from homeseat.ui.icons import Icons
from homeseat.ui.texts import (
    channel_label,
    disconnected_label,
    format_duration,
    reason_label,
    state_label,
)
from homeseat.ui.theme import DISCONNECTED_COLORS, StateColors, state_colors

__all__ = ["Column", "Category", "TeamModel", "SORT_ROLE", "ALERT_ROLE", "category_of"]

#: Role carrying a sortable value (numbers for durations, lower-case text otherwise).
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
#: Role carrying the row's loud alerts (a frozenset of AlertKind).
ALERT_ROLE = Qt.ItemDataRole.UserRole + 2

_Index = QModelIndex | QPersistentModelIndex
_CONNECTED_SORT_KEY = 1e12
_DISPLAY = Qt.ItemDataRole.DisplayRole
_DECORATION = Qt.ItemDataRole.DecorationRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_BACKGROUND = Qt.ItemDataRole.BackgroundRole
_ROLES = frozenset(
    {_DISPLAY, _DECORATION, _FOREGROUND, _TOOLTIP, _BACKGROUND, SORT_ROLE, ALERT_ROLE}
)
_VERDICT_ORDER = {"fail": 0, "warn": 1, "pass": 2}


class Column(enum.IntEnum):
    """Columns of the team table, in order."""

    AGENT = 0
    TEAM = 1
    STATE = 2
    REASON = 3
    TIME = 4
    WORK = 5  # calls and chats now
    HANDLED = 6
    AHT = 7
    MOS = 8
    AUDIO = 9
    VERSION = 10
    LAST_SEEN = 11


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
        rules: alert thresholds (from the configuration).
        now: wall clock (tests pass their own); durations come from the hub's ``since``.
        parent: Qt parent.
    """

    #: Emitted after any change of the counters (snapshot, delta).
    counts_changed = Signal()
    #: Emitted when the set of loud alerts changed (the alert strip re-reads it).
    alerts_changed = Signal()

    def __init__(
        self,
        reason_codes: Sequence[LabeledCode],
        translations: Translations,
        icons: Icons,
        *,
        rules: AlertRules | None = None,
        now: Callable[[], datetime] = _utc_now,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.book = AlertBook(rules or AlertRules())
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
        self.book.clear()
        now = self._now()
        for agent in self._rows:
            self.book.update(agent, now)
        self.endResetModel()
        self.counts_changed.emit()
        self.alerts_changed.emit()

    def apply_delta(self, agents: Iterable[AgentPresence]) -> None:
        """Update only the rows of ``agents`` (inserting agents not seen before)."""
        last = len(Column) - 1
        now = self._now()
        alerts = False
        new: dict[int, AgentPresence] = {}
        for agent in agents:
            row = self._row_of.get(agent.user_id)
            if row is None:
                new[agent.user_id] = agent  # inserted below, all in one block
                continue
            before = self._rows[row]
            self._counts[category_of(before)] -= 1
            self._counts[category_of(agent)] += 1
            self._rows[row] = agent
            self._texts[row] = None
            marks = self._alert_marks(agent.user_id)
            loud_changed = self.book.update(agent, now)
            alerts |= loud_changed
            if loud_changed or marks != self._alert_marks(agent.user_id):
                first, end = 0, last  # the row's tint and the agent's alert icon changed
            else:
                span = _changed_columns(before, agent)
                if span is None:
                    continue  # nothing a cell shows changed
                first, end = span
            self.dataChanged.emit(self.index(row, first), self.index(row, end))
        if new:
            # One insertion for a whole frame of new agents (a 5,000-agent snapshot arrives as
            # one snapshot frame and then deltas of 200): the proxy re-sorts once per frame.
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
            for agent in new.values():
                self._row_of[agent.user_id] = len(self._rows)
                self._rows.append(agent)
                self._texts.append(None)
                self._counts[category_of(agent)] += 1
                alerts |= self.book.update(agent, now)
            self.endInsertRows()
        self.counts_changed.emit()
        if alerts:
            self.alerts_changed.emit()

    def tick(self) -> None:
        """Re-check the alerts that fell due (one ``dataChanged`` per row that changed)."""
        changed = self.book.tick(self._now())
        for uid in changed:
            self._row_changed(uid)
        if changed:
            self.alerts_changed.emit()

    def acknowledge(self, user_id: int, kinds: Iterable[AlertKind] | None = None) -> None:
        """The lead saw the agent's alerts (all, or ``kinds``): they go quiet until they clear."""
        if self.book.acknowledge(user_id, kinds):
            self._row_changed(user_id)
            self.alerts_changed.emit()

    def _alert_marks(self, user_id: int) -> tuple[bool, bool]:
        return bool(self.book.loud(user_id)), bool(self.book.active(user_id))

    def _row_changed(self, user_id: int) -> None:
        row = self._row_of.get(user_id)
        if row is not None:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))

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

    def agent_by_id(self, user_id: int) -> AgentPresence | None:
        """The presence of ``user_id``, or None."""
        row = self._row_of.get(user_id)
        return None if row is None else self._rows[row]

    def teams(self) -> list[str]:
        """The teams present, sorted (for the team filter)."""
        return sorted({a.team for a in self._rows})

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
        """Translated column titles (short), with the long meaning as a tooltip."""
        if orientation is not Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            titles = {
                Column.AGENT: self.tr("Agent"),
                Column.TEAM: self.tr("Team"),
                Column.STATE: self.tr("State"),
                Column.REASON: self.tr("Reason"),
                Column.TIME: self.tr("Time"),
                Column.WORK: self.tr("Now"),
                Column.HANDLED: self.tr("Handled"),
                Column.AHT: self.tr("AHT"),
                Column.MOS: self.tr("MOS"),
                Column.AUDIO: self.tr("Audio"),
                Column.VERSION: self.tr("Version"),
                Column.LAST_SEEN: self.tr("Last seen"),
            }
            return titles[Column(section)]
        if role == Qt.ItemDataRole.ToolTipRole:
            tips = {
                Column.TIME: self.tr("Time in the current state"),
                Column.WORK: self.tr("Calls and chats the agent is on now"),
                Column.HANDLED: self.tr("Calls and chats handled today"),
                Column.AHT: self.tr("Average handle time today (talk and wrap-up)"),
                Column.MOS: self.tr("Line quality of the last call (MOS, 1-5)"),
                Column.AUDIO: self.tr("Result of the latest audio check"),
                Column.VERSION: self.tr("Client version"),
            }
            return tips.get(Column(section))
        return None

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
        if role == ALERT_ROLE:
            return self.book.loud(agent.user_id)
        if role == _BACKGROUND:
            return self._background(agent.user_id)
        if column == Column.STATE:
            colors = self._colors(agent)
            if role == _DECORATION:
                return self._icons.dot(colors.fg)
            if role == _FOREGROUND:
                return QColor(colors.fg)
        if column == Column.AGENT and role == _DECORATION:
            return self._icons.named("warning") if self.book.loud(agent.user_id) else None
        if role == _FOREGROUND and self._poor(agent, Column(column)):
            return QColor(ALERT_FG)
        if role == _TOOLTIP:
            return self._tooltip(agent, Column(column))
        return None

    # ------------------------------------------------------------------ internals

    def _background(self, user_id: int) -> QColor | None:
        if self.book.loud(user_id):
            return QColor(ALERT_ROW_BG)
        if self.book.active(user_id):
            return QColor(ACKED_ROW_BG)
        return None

    def _poor(self, agent: AgentPresence, column: Column) -> bool:
        if column is Column.MOS:
            return agent.mos is not None and agent.mos < self.book.rules.poor_mos
        if column is Column.AUDIO:
            return agent.audio_check is not None and agent.audio_check.verdict == "fail"
        return False

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
        work = ""
        if agent.connected and agent.state in (AgentState.OFFERED, AgentState.BUSY):
            work = channel_label(agent.channel) or state_label(agent.state)
        aht = ""
        if agent.handled_today:
            aht = format_duration(agent.handle_seconds_today / agent.handled_today)
        return (
            agent.display_name or agent.username,
            agent.team,
            self._state_text(agent),
            reason,
            "",  # Column.TIME
            work,
            str(agent.handled_today) if agent.handled_today else "",
            aht,
            f"{agent.mos:.1f}" if agent.mos is not None else "",
            self._audio_text(agent),
            agent.client_version or "",
            connection,
        )

    def _audio_text(self, agent: AgentPresence) -> str:
        check = agent.audio_check
        if check is None:
            return ""
        if check.verdict == "pass":
            return self.tr("Passed")
        if check.verdict == "warn":
            return self.tr("Warning")
        return self.tr("Failed")

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
        if column == Column.LAST_SEEN:
            # Connected agents sort after every "last seen" time (a number keeps sorting in C++).
            if agent.connected:
                return _CONNECTED_SORT_KEY
            return agent.last_seen.timestamp() if agent.last_seen else 0.0
        # Numbers sort in C++ too; "no value" sorts below every real one.
        if column == Column.HANDLED:
            return float(agent.handled_today)
        if column == Column.AHT:
            n = agent.handled_today
            return agent.handle_seconds_today / n if n else -1.0
        if column == Column.MOS:
            return agent.mos if agent.mos is not None else -1.0
        if column == Column.AUDIO:
            check = agent.audio_check
            return float(_VERDICT_ORDER[check.verdict]) if check else 9.0
        return self._row_texts(row)[column].casefold()

    def _tooltip(self, agent: AgentPresence, column: Column) -> str | None:
        if column is Column.AGENT:
            loud = self.book.loud(agent.user_id)
            if not loud:
                return agent.username
            words = [alert_label(k) for k in AlertKind if k in loud]
            if AlertKind.HELP in loud and agent.help_text:
                words[0] += f": {agent.help_text}"
            return "\n".join([agent.username, *words])
        if column is Column.AUDIO and agent.audio_check is not None:
            return ", ".join(agent.audio_check.problems) or None
        if column is Column.STATE and category_of(agent) is Category.DISCONNECTED:
            last = state_label(agent.state, agent.channel)
            return self.tr("Last known state: %1").replace("%1", last)
        return None


#: Which columns show each presence field (a delta repaints only the cells whose field changed).
_FIELD_COLUMNS: dict[str, tuple[Column, ...]] = {
    "display_name": (Column.AGENT,),
    "username": (Column.AGENT,),
    "help_requested": (Column.AGENT,),
    "help_text": (Column.AGENT,),
    "team": (Column.TEAM,),
    "state": (Column.STATE, Column.REASON, Column.TIME, Column.WORK),
    "channel": (Column.STATE, Column.WORK),
    "connected": (Column.STATE, Column.WORK, Column.LAST_SEEN),
    "reason": (Column.REASON,),
    "since": (Column.TIME,),
    "handled_today": (Column.HANDLED, Column.AHT),
    "handle_seconds_today": (Column.AHT,),
    "mos": (Column.MOS,),
    "audio_check": (Column.AUDIO,),
    "client_version": (Column.VERSION,),
    "last_seen": (Column.LAST_SEEN,),
}


def _changed_columns(old: AgentPresence, new: AgentPresence) -> tuple[int, int] | None:
    """First and last column whose cells differ between two presences of one agent."""
    columns = [
        column
        for name, shown in _FIELD_COLUMNS.items()
        if getattr(old, name) != getattr(new, name)
        for column in shown
    ]
    return (min(columns), max(columns)) if columns else None


def _short_time(moment: datetime, now: datetime) -> str:
    local = moment.astimezone()
    if local.date() == now.astimezone().date():
        return local.strftime("%H:%M")
    return local.strftime("%Y-%m-%d %H:%M")
