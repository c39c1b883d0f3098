"""The team model applies a snapshot, then deltas row by row (no reset), and the pane counts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QSignalSpy
from tests.ui.helpers import WindowFactory

from homeseat.core.agent_state import AgentState
from homeseat.protocol import AgentPresence
from homeseat.ui.team_model import SORT_ROLE, Category, Column

NOW = datetime(2025, 3, 1, 9, 30, tzinfo=UTC)


def _agent(
    uid: int,
    state: str,
    *,
    reason: str | None = None,
    connected: bool = True,
    ago: float = 60.0,
    channel: str | None = None,
) -> AgentPresence:
    return AgentPresence(
        user_id=uid,
        username=f"agent{uid}",
        display_name=f"Agent {uid:02d}",
        team="alpha",
        state=AgentState(state),
        reason=reason,
        channel=channel,
        since=NOW - timedelta(seconds=ago),
        connected=connected,
        last_seen=NOW - timedelta(minutes=2),
        client_version="0.1.0",
    )


def _team() -> list[AgentPresence]:
    return [
        _agent(1, "ready", ago=5),
        _agent(2, "not_ready", reason="lunch", ago=600),
        _agent(3, "busy", channel="call", ago=125),
        _agent(4, "wrap_up", ago=30),
        _agent(5, "ready", connected=False),
        _agent(6, "signed_out", connected=False),
    ]


def _text(model: Any, row: int, column: Column) -> str:
    return str(model.data(model.index(row, column)))


def test_snapshot_then_delta_changes_only_that_row(make_window: WindowFactory) -> None:
    window, _ = make_window(role="lead")
    assert window.team is not None
    model = window.team.model
    model._now = lambda: NOW  # the hub's "since" times are relative to this instant
    window.team.apply_snapshot(_team())
    assert model.rowCount() == 6
    row = model.row_of(2)
    assert row is not None
    assert _text(model, row, Column.STATE) == "Not Ready"
    assert _text(model, row, Column.REASON) == "Lunch"
    assert _text(model, row, Column.TIME) == "10:00"

    resets = QSignalSpy(model.modelReset)
    inserts = QSignalSpy(model.rowsInserted)
    changed: list[tuple[int, int, int, int]] = []

    def record(top: QModelIndex, bottom: QModelIndex, roles: list[int] = []) -> None:  # noqa: B006
        changed.append((top.row(), bottom.row(), top.column(), bottom.column()))

    model.dataChanged.connect(record)
    window.team.apply_delta([_agent(2, "ready", ago=0)])
    model.dataChanged.disconnect(record)

    assert resets.count() == 0
    assert inserts.count() == 0
    # Only the cells a state change shows: state, reason, time in state, calls/chats now.
    assert changed == [(row, row, Column.STATE, Column.WORK)]
    assert _text(model, row, Column.STATE) == "Ready"
    assert _text(model, row, Column.REASON) == ""
    assert _text(model, row, Column.TIME) == "0:00"
    # The other rows are untouched.
    assert _text(model, model.row_of(3) or 0, Column.STATE) == "On a call"


def test_delta_with_a_new_agent_inserts_a_row(make_window: WindowFactory) -> None:
    window, _ = make_window(role="lead")
    assert window.team is not None
    model = window.team.model
    window.team.apply_snapshot(_team())
    resets = QSignalSpy(model.modelReset)
    inserts = QSignalSpy(model.rowsInserted)
    window.team.apply_delta([_agent(9, "ready")])
    assert resets.count() == 0
    assert inserts.count() == 1
    assert model.rowCount() == 7
    assert model.agent_at(model.row_of(9) or 0).username == "agent9"


def test_disconnected_and_counters(make_window: WindowFactory) -> None:
    window, _ = make_window(role="lead")
    pane = window.team
    assert pane is not None
    model = pane.model
    pane.apply_snapshot(_team())
    row = model.row_of(5)
    assert row is not None
    assert _text(model, row, Column.STATE) == "Disconnected"
    assert _text(model, row, Column.LAST_SEEN).startswith("Last seen ")
    assert model.data(model.index(row, Column.STATE), Qt.ItemDataRole.ToolTipRole) == (
        "Last known state: Ready"
    )
    signed_out = model.row_of(6)
    assert signed_out is not None
    assert _text(model, signed_out, Column.STATE) == "Signed out"
    assert model.counts()[Category.READY] == 1
    assert model.counts()[Category.DISCONNECTED] == 1
    assert pane.counter_text(Category.READY) == "Ready  1"
    assert pane.counter_text(Category.DISCONNECTED) == "Disconnected  1"
    assert "5 of 6 signed in" in pane.title.text()

    pane.apply_delta([_agent(5, "ready", connected=True), _agent(1, "busy", channel="chat")])
    assert pane.counter_text(Category.READY) == "Ready  1"
    assert pane.counter_text(Category.BUSY) == "Busy  2"
    assert pane.counter_text(Category.DISCONNECTED) == "Disconnected  0"


def test_ticking_needs_no_model_signal(make_window: WindowFactory) -> None:
    window, _ = make_window(role="lead")
    pane = window.team
    assert pane is not None
    now = [NOW]
    pane.model._now = lambda: now[0]
    pane.apply_snapshot(_team())
    row = pane.model.row_of(1)
    assert row is not None
    assert _text(pane.model, row, Column.TIME) == "0:05"
    changed = QSignalSpy(pane.model.dataChanged)
    resorted = QSignalSpy(pane.proxy.layoutChanged)
    now[0] += timedelta(seconds=60)
    pane.tick()
    assert changed.count() == 0
    assert resorted.count() == 0
    assert _text(pane.model, row, Column.TIME) == "1:05"


def test_sorting_by_time_in_state_is_numeric(make_window: WindowFactory) -> None:
    window, _ = make_window(role="lead")
    pane = window.team
    assert pane is not None
    pane.model._now = lambda: NOW
    pane.apply_snapshot(_team())
    pane.table.sortByColumn(Column.TIME, Qt.SortOrder.DescendingOrder)
    top = pane.proxy.index(0, Column.AGENT)
    assert pane.proxy.data(top) == "Agent 02"  # 10:00 sorts above 2:05 and 0:05
    assert isinstance(pane.proxy.data(pane.proxy.index(0, Column.TIME), SORT_ROLE), float)
    pane.filter.setText("agent 03")
    assert pane.proxy.rowCount() == 1
