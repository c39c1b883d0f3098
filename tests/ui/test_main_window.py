"""The main window over a real session and state machine (offscreen widgets)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from tests.ui.helpers import ManualClock, WindowFactory

from homeseat.config.model import ClientSettings
from homeseat.core.agent_state import AgentState, AgentStatus, EventKind, StateEvent
from homeseat.ui.i18n import Translations
from homeseat.ui.icons import Icons
from homeseat.ui.tray import Tray


def test_agent_window_has_no_team_pane(make_window: WindowFactory) -> None:
    window, _ = make_window(role="agent")
    assert window.team is None
    assert window.phone.isVisible()
    assert window.chats.isVisible()
    assert window.knowledge.isVisible()
    assert window.chats.empty_title.text() == "No conversations"
    assert "No SIP account configured" in window.phone.notice.text()
    assert not any(key.isEnabled() for key in window.phone.keys)
    assert window.windowTitle() == "HomeSeat – Wang Wei 王伟"


def test_lead_window_shows_team_pane(make_window: WindowFactory) -> None:
    window, _ = make_window(role="lead", name="Li Na 李娜")
    assert window.team is not None
    assert window.team.isVisible()
    assert window.team.model.columnCount() == 12
    assert window.state_bar._team_label.text() == "Team lead · alpha"


def test_state_control_drives_the_state_machine(make_window: WindowFactory) -> None:
    window, session = make_window()
    bar = window.state_bar
    assert session.status.state is AgentState.NOT_READY
    assert bar.state_button.text() == "Not Ready · Just signed in"
    assert window.reports_label.text() == "1 report waiting to be sent"

    bar.menu.ready_action.trigger()
    assert session.machine.status.state is AgentState.READY
    assert bar.state_button.text() == "Ready"
    assert window.state_label.text() == "State: Ready"
    assert window.reports_label.text() == "2 reports waiting to be sent"

    bar.menu.action_for_reason("lunch").trigger()
    after = session.status
    assert after.state is AgentState.NOT_READY
    assert after.reason == "lunch"
    assert bar.state_button.text() == "Not Ready · Lunch"
    assert bar.menu.action_for_reason("lunch").isChecked()


def test_pending_not_ready_during_a_call_and_wrap_up(
    make_window: WindowFactory, clock: ManualClock
) -> None:
    window, session = make_window(wrap_up_seconds=30)
    bar = window.state_bar
    bar.menu.ready_action.trigger()
    session.request(StateEvent(EventKind.OFFER, channel="call"))
    assert bar.state_button.text() == "Ringing"
    session.request(StateEvent(EventKind.ACCEPT))
    assert bar.state_button.text() == "On a call"
    assert not bar.menu.ready_action.isEnabled()  # nothing pending to cancel yet

    bar.menu.action_for_reason("break").trigger()
    status = session.machine.status
    assert status.state is AgentState.BUSY
    assert status.pending_reason == "break"
    assert bar.pending_label.isVisible()
    assert bar.pending_label.text() == "Next: Not Ready · Break"
    assert bar.menu.ready_action.text() == "Stay Ready after this interaction"

    clock.now += 95
    session.request(StateEvent(EventKind.END))
    assert bar.wrap_up_box.isVisible()
    assert bar.state_button.text() == "Wrap-up"
    assert not bar.wrap_up_done.isEnabled()  # a wrap-up code is needed first
    clock.now += 12
    bar.tick()
    assert bar._time.text() == "0:12"
    assert bar._wrap_left.text() == "0:18 left"

    bar.wrap_up_combo.setCurrentIndex(bar.wrap_up_combo.findData("resolved"))
    assert bar.wrap_up_done.isEnabled()
    bar.wrap_up_done.click()
    status = session.machine.status
    assert status.state is AgentState.NOT_READY
    assert status.reason == "break"
    assert status.wrap_up_code == "resolved"
    assert not bar.wrap_up_box.isVisible()
    assert not bar.pending_label.isVisible()


def test_wrap_up_ends_by_itself_when_time_is_up(
    make_window: WindowFactory, clock: ManualClock
) -> None:
    window, session = make_window(wrap_up_seconds=20)
    window.state_bar.menu.ready_action.trigger()
    for kind in (EventKind.OFFER, EventKind.ACCEPT, EventKind.END):
        session.request(StateEvent(kind, channel="chat" if kind is EventKind.OFFER else None))
    assert session.status.state is AgentState.WRAP_UP
    clock.now += 21
    window.state_bar.tick()
    assert session.machine.status.state is AgentState.READY
    assert session.machine.status.wrap_up_code is None


def test_refused_change_is_explained(make_window: WindowFactory) -> None:
    window, session = make_window()
    assert not window.request(StateEvent(EventKind.FINISH_WRAP_UP, code="resolved"))
    assert session.machine.status.state is AgentState.NOT_READY
    assert "not possible" in window.statusBar().currentMessage()


def test_time_in_state_ticks(make_window: WindowFactory, clock: ManualClock, qtbot: Any) -> None:
    window, _ = make_window()
    clock.now += 65
    qtbot.waitUntil(lambda: window.state_bar._time.text() == "1:05", timeout=2500)
    window.stop()
    assert not window.ticking


def test_account_menu_offers_sign_out_and_quit(make_window: WindowFactory, qtbot: Any) -> None:
    window, _ = make_window()
    with qtbot.waitSignal(window.sign_out_requested, timeout=1000):
        window._sign_out_action.trigger()
    with qtbot.waitSignal(window.quit_requested, timeout=1000):
        window._quit_action.trigger()
    assert window.account_button.menu() is not None
    assert window.state_bar.state_button.menu() is window.state_bar.menu
    assert window.state_bar.state_button.cursor().shape() == Qt.CursorShape.PointingHandCursor


def test_tray_menu_follows_the_state(
    qtbot: Any, settings: ClientSettings, translations: Translations, icons: Icons
) -> None:
    tray = Tray(settings.reason_codes, translations, icons)
    busy = AgentStatus(state=AgentState.BUSY, channel="call", pending_reason="lunch")
    tray.set_status(busy, frozenset({EventKind.GO_NOT_READY, EventKind.GO_READY, EventKind.END}))
    assert tray.icon.toolTip() == "HomeSeat – On a call"
    assert tray.menu.ready_action.text() == "Stay Ready after this interaction"
    assert tray.menu.ready_action.isEnabled()
    assert tray.menu.action_for_reason("lunch").isChecked()
    with qtbot.waitSignal(tray.menu.requested, timeout=1000) as blocker:
        tray.menu.action_for_reason("break").trigger()
    assert blocker.args == [StateEvent(EventKind.GO_NOT_READY, reason="break")]
    assert tray.menu._quit is not None
    with qtbot.waitSignal(tray.menu.quit_requested, timeout=1000):
        tray.menu._quit.trigger()
    translations.set_language("zh_CN")
    tray.retranslate()
    assert tray.icon.toolTip() == "HomeSeat – 通话中"
    assert tray.menu._quit.text() == "退出"
    tray.close()
    qtbot.waitUntil(lambda: not tray.icon.isVisible(), timeout=1000)
