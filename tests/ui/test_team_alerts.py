"""The real team pane (model, filter proxy, table, alert strip) with an injected wall clock:
updates touch only their cells, alerts appear when a threshold passes, the lead acknowledges."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QSignalSpy

from homeseat.core.agent_state import AgentState
from homeseat.core.alerts import AlertKind, AlertRules
from homeseat.core.codes import DEFAULT_REASON_CODES
from homeseat.protocol import AgentPresence
from homeseat.protocol.audio_check import AudioCheckSummary
from homeseat.ui.alerts import ALERT_ROW_BG
from homeseat.ui.i18n import Translations
from homeseat.ui.icons import Icons
from homeseat.ui.team_model import ALERT_ROLE, Category, Column
from homeseat.ui.team_pane import TeamPane

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


class WallClock:
    """A wall clock the test moves."""

    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


def _agent(uid: int, state: AgentState, **kw: Any) -> AgentPresence:
    fields: dict[str, Any] = {
        "user_id": uid,
        "username": f"agent{uid}",
        "display_name": f"Agent {uid:02d}",
        "team": "alpha" if uid < 5 else "beta",
        "state": state,
        "since": T0,
        "connected": True,
        "last_seen": T0,
        "client_version": "0.3.0",
    }
    fields.update(kw)
    return AgentPresence.model_validate(fields)


def _pane(qtbot: Any, translations: Translations, icons: Icons, clock: WallClock) -> TeamPane:
    pane = TeamPane(
        DEFAULT_REASON_CODES,
        translations,
        icons,
        rules=AlertRules(wrap_up_seconds=120, break_seconds=900, disconnected_seconds=30),
        now=clock,
    )
    qtbot.addWidget(pane)
    pane.resize(1400, 600)
    pane.show()
    pane.apply_snapshot(
        [
            _agent(1, AgentState.READY),
            _agent(2, AgentState.WRAP_UP),
            _agent(3, AgentState.BUSY, channel="call", handled_today=4, handle_seconds_today=1000),
            _agent(4, AgentState.NOT_READY, reason="break"),
            _agent(5, AgentState.READY, mos=4.1),
            _agent(6, AgentState.SIGNED_OUT, connected=False),
        ]
    )
    return pane


def _text(pane: TeamPane, uid: int, column: Column) -> str:
    model = pane.model
    return str(model.data(model.index(model.row_of(uid) or 0, column)))


def test_new_columns_and_an_update_changes_only_that_row(
    qtbot: Any, translations: Translations, icons: Icons
) -> None:
    clock = WallClock()
    pane = _pane(qtbot, translations, icons, clock)
    assert _text(pane, 3, Column.WORK) == "Call"
    assert _text(pane, 3, Column.HANDLED) == "4"
    assert _text(pane, 3, Column.AHT) == "4:10"
    assert _text(pane, 5, Column.MOS) == "4.1"
    assert _text(pane, 1, Column.LAST_SEEN) == "Connected"

    spy = QSignalSpy(pane.model.dataChanged)
    resets = QSignalSpy(pane.model.modelReset)
    check = AudioCheckSummary(
        verdict="fail", noise_floor_dbfs=-35, speech_level_dbfs=-120, engine="spectral", at=T0
    )
    pane.apply_delta([_agent(5, AgentState.READY, mos=2.8, audio_check=check)])
    row = pane.model.row_of(5)
    assert spy.count() == 1
    top, bottom = spy.at(0)[0], spy.at(0)[1]
    assert (top.row(), bottom.row()) == (row, row)
    assert (top.column(), bottom.column()) == (0, len(Column) - 1)
    assert resets.count() == 0
    assert _text(pane, 5, Column.MOS) == "2.8"
    assert _text(pane, 5, Column.AUDIO) == "Failed"
    assert pane.model.data(pane.model.index(row or 0, 0), ALERT_ROLE) == {
        AlertKind.POOR_MOS,
        AlertKind.AUDIO_FAILED,
    }
    # Ticking with nothing due emits nothing (the time column is only repainted).
    clock.now = T0 + timedelta(seconds=30)
    pane.tick()
    assert spy.count() == 1


def test_alert_appears_when_the_threshold_passes_and_acknowledge_quiets_it(
    qtbot: Any, translations: Translations, icons: Icons
) -> None:
    clock = WallClock()
    pane = _pane(qtbot, translations, icons, clock)
    model, strip = pane.model, pane.alerts
    assert strip.isHidden()
    spy = QSignalSpy(model.dataChanged)
    clock.now = T0 + timedelta(seconds=119)
    pane.tick()
    assert spy.count() == 0
    clock.now = T0 + timedelta(seconds=121)
    pane.tick()
    wrap_row = model.row_of(2)
    assert spy.count() == 1
    assert spy.at(0)[0].row() == wrap_row == spy.at(0)[1].row()
    background = model.data(
        model.index(wrap_row or 0, Column.STATE), Qt.ItemDataRole.BackgroundRole
    )
    assert isinstance(background, QColor)
    assert background.name() == QColor(ALERT_ROW_BG).name()
    qtbot.waitUntil(lambda: strip.isVisible() and strip.list.count() == 1)
    assert "Agent 02 · Wrap-up too long" in strip.list.item(0).text()
    assert strip.title.text() == "1 alert need a look" or strip.title.text().startswith("1 ")

    # The break alert comes later (900 s); the strip lists both, wrap-up first (older... both
    # are the same age: the kind order decides).
    clock.now = T0 + timedelta(seconds=901)
    pane.tick()
    strip.refresh()
    assert [strip.list.item(i).text().split(" · ")[1] for i in range(2)] == [
        "Wrap-up too long",
        "Break too long",
    ]

    strip.list.item(0).setSelected(True)
    strip.acknowledge_selected()
    assert model.book.loud(2) == frozenset()
    assert strip.list.count() == 1
    # Acknowledged: quiet while it lasts; back when it clears and returns.
    pane.apply_delta([_agent(2, AgentState.READY, since=clock.now)])
    pane.apply_delta([_agent(2, AgentState.WRAP_UP, since=clock.now)])
    clock.now += timedelta(seconds=125)
    pane.tick()
    assert model.book.loud(2) == {AlertKind.WRAP_UP_LONG}
    strip.acknowledge_all()
    assert strip.isHidden()


def test_disconnected_and_help_alerts(qtbot: Any, translations: Translations, icons: Icons) -> None:
    clock = WallClock()
    pane = _pane(qtbot, translations, icons, clock)
    pane.apply_delta(
        [
            _agent(1, AgentState.READY, connected=False, last_seen=T0),
            _agent(3, AgentState.BUSY, channel="call", help_requested=T0, help_text="客户投诉"),
        ]
    )
    assert pane.model.book.loud(3) == {AlertKind.HELP}
    tip = pane.model.data(
        pane.model.index(pane.model.row_of(3) or 0, 0), Qt.ItemDataRole.ToolTipRole
    )
    assert "Asks for help: 客户投诉" in str(tip)
    assert pane.model.book.loud(1) == frozenset()
    clock.now = T0 + timedelta(seconds=31)
    pane.tick()
    assert pane.model.book.loud(1) == {AlertKind.DISCONNECTED}


def test_filters_by_state_team_and_name(
    qtbot: Any, translations: Translations, icons: Icons
) -> None:
    pane = _pane(qtbot, translations, icons, WallClock())
    proxy = pane.proxy
    assert proxy.rowCount() == 6
    pane.state_filter.setCurrentIndex(pane.state_filter.findData(Category.READY.value))
    assert proxy.rowCount() == 2
    assert pane.team_filter.isVisible()
    pane.team_filter.setCurrentIndex(pane.team_filter.findData("beta"))
    assert proxy.rowCount() == 1
    pane.state_filter.setCurrentIndex(0)
    assert proxy.rowCount() == 2  # agents 5 and 6 are in beta
    pane.team_filter.setCurrentIndex(0)
    pane.filter.setText("AGENT 0")
    assert proxy.rowCount() == 6
    pane.filter.setText("agent4")  # the user name matches too
    assert proxy.rowCount() == 1
    # A delta that moves a filtered-out agent into view shows it without a reset.
    pane.filter.clear()
    pane.state_filter.setCurrentIndex(pane.state_filter.findData(Category.WRAP_UP.value))
    assert proxy.rowCount() == 1
    pane.apply_delta([_agent(1, AgentState.WRAP_UP)])
    assert proxy.rowCount() == 2
    # Selecting an agent from the alert strip clears the filters that hide them.
    pane.select_agent(4)
    assert pane.state_filter.currentIndex() == 0
    selected = pane.selected_agent()
    assert selected is not None
    assert selected.user_id == 4


def test_context_menu_offers_the_actions_the_row_allows(
    qtbot: Any, translations: Translations, icons: Icons
) -> None:
    pane = _pane(qtbot, translations, icons, WallClock())
    requested: list[tuple[str, int]] = []
    pane.action_requested.connect(lambda kind, uid: requested.append((kind, uid)))
    pane.set_actions_enabled(True)
    pane.select_agent(1)
    row = pane.table.selectionModel().selectedRows()[0].row()
    rect = pane.table.visualRect(pane.proxy.index(row, 0))
    pane.table.customContextMenuRequested.emit(QPoint(rect.center()))
    menu = pane.menu
    assert menu is not None
    actions = {a.objectName(): a for a in menu.actions()}
    assert not actions["answer_help"].isEnabled()  # no hand raised
    assert actions["message"].isEnabled()
    actions["force_not_ready"].trigger()
    menu.close()
    assert requested == [("force_not_ready", 1)]
    assert pane._buttons["message"].isEnabled()
    pane.select_agent(6)  # signed out: no message, no force
    assert not pane._buttons["message"].isEnabled()
    assert pane._buttons["detail"].isEnabled()


def test_a_delta_signals_only_the_cells_whose_fields_changed(
    qtbot: Any, translations: Translations, icons: Icons
) -> None:
    clock = WallClock()
    pane = _pane(qtbot, translations, icons, clock)
    model = pane.model
    spans: list[tuple[int, int, int, int]] = []
    model.dataChanged.connect(
        lambda top, bottom, _roles=(): spans.append(
            (top.row(), bottom.row(), top.column(), bottom.column())
        )
    )
    row = model.row_of(3)
    agent = model.agent_at(row or 0)
    pane.apply_delta([agent.model_copy(update={"handled_today": 5})])
    assert spans == [(row, row, Column.HANDLED, Column.AHT)]
    pane.apply_delta([model.agent_at(row or 0).model_copy(update={"client_version": "1.5.0"})])
    assert spans[-1] == (row, row, Column.VERSION, Column.VERSION)
    pane.apply_delta([model.agent_at(row or 0)])  # the same presence again: nothing to repaint
    assert len(spans) == 2
    assert _text(pane, 3, Column.HANDLED) == "5"
    assert _text(pane, 3, Column.VERSION) == "1.5.0"
    # A raised hand changes the row's tint: the whole row.
    pane.apply_delta([model.agent_at(row or 0).model_copy(update={"help_requested": T0})])
    assert spans[-1] == (row, row, 0, len(Column) - 1)
