"""Idle lock and watermark on real widgets, with a real session against the real hub."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot
from tests.sessions import make_session, wait_for

from homeseat.core.agent_state import AgentState, EventKind, StateEvent
from homeseat.devcerts import DevCerts
from homeseat.hub import HubServer
from homeseat.hub.demo import DEMO_PASSWORD
from homeseat.platform.lock import PasswordCheck
from homeseat.ui.idle_lock import IDLE_REASON, IdleLock, InputActivity
from homeseat.ui.watermark import Watermark


class FakeTime:
    def __init__(self) -> None:
        self.now = 5000.0

    def __call__(self) -> float:
        return self.now


async def test_idle_lock_goes_not_ready_hides_data_and_unlocks_with_the_password(
    qtbot: QtBot, hub: HubServer, certs: DevCerts
) -> None:
    session, _ = make_session(hub.url, certs.ca_file)
    await session.sign_in("agent1", DEMO_PASSWORD)
    content = QWidget()
    content.resize(800, 500)
    qtbot.addWidget(content)
    content.show()
    time = FakeTime()
    activity = InputActivity(time)
    lock = IdleLock(
        content,
        session.machine,
        session.request,
        PasswordCheck(session).verify,
        activity,
        minutes=10,
        display_name="张伟",
    )
    try:
        session.request(StateEvent(EventKind.GO_READY))
        time.now += 9 * 60
        lock.check()
        assert not lock.locked
        # Input resets the clock: moving the mouse over the window is being there. (The
        # event is handed to the filter directly: QTest's synthetic mouse moves stall qasync.)
        assert activity.idle_seconds() == 9 * 60
        assert not activity.eventFilter(content, _mouse_move_event())  # never consumed
        assert activity.idle_seconds() == 0

        # On a call the screen never locks, however long the agent is silent.
        session.request(StateEvent(EventKind.OFFER, channel="call"))
        session.request(StateEvent(EventKind.ACCEPT))
        time.now += 30 * 60
        lock.check()
        assert not lock.locked
        session.request(StateEvent(EventKind.END))
        session.request(StateEvent(EventKind.FINISH_WRAP_UP, code="resolved"))
        assert session.status.state is AgentState.READY

        time.now += 10 * 60
        lock.check()
        assert lock.locked
        assert lock.screen.geometry() == content.rect()  # everything is covered
        status = session.status
        assert (status.state, status.reason) == (AgentState.NOT_READY, IDLE_REASON)
        await wait_for(
            lambda: (p := hub.presence_of("agent1")) is not None and p.reason == IDLE_REASON,
            what="the hub to see the idle Not Ready",
        )

        lock.screen.password.setText("wrong password")
        QTest.mouseClick(lock.screen.unlock_button, Qt.MouseButton.LeftButton)
        await wait_for(lambda: lock.screen.error.text() != "", what="the refusal")
        assert lock.screen.error.text() == "Wrong password."
        assert lock.locked

        lock.screen.password.setText(DEMO_PASSWORD)
        changes: list[bool] = []
        lock.locked_changed.connect(changes.append)
        # Awaited on the app's own loop (a nested Qt loop would stall the asyncio side).
        QTest.keyClick(lock.screen.password, Qt.Key.Key_Return)
        await wait_for(lambda: changes == [False], within=10, what="the unlock")
        assert not lock.locked
        assert activity.idle_seconds() == 0
        # Unlocking does not put the agent back to Ready: they choose when.
        assert session.status.reason == IDLE_REASON
        audit = [e.action for e in hub.storage.audit_entries() if e.action.startswith("unlock")]
        assert audit == ["unlock.failed", "unlock"]
    finally:
        lock.stop()
        await session.close()


def _mouse_move_event() -> QMouseEvent:
    return QMouseEvent(
        QEvent.Type.MouseMove,
        QPointF(5, 5),
        QPointF(5, 5),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )


def test_watermark_covers_lets_clicks_through_and_names_agent_and_time(qtbot: QtBot) -> None:
    parent = QWidget()
    layout = QVBoxLayout(parent)
    button = QPushButton("reply")
    layout.addWidget(button)
    parent.resize(600, 400)
    qtbot.addWidget(parent)
    moment = datetime(2026, 12, 1, 19, 5)
    mark = Watermark("agent1", parent, now=lambda: moment)
    parent.show()
    qtbot.waitExposed(parent)
    assert mark.geometry() == parent.rect()
    assert mark.text() == "agent1 · 2026-12-01 19:05"
    assert mark.testAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    with qtbot.waitSignal(button.clicked, timeout=2000):
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    parent.resize(700, 500)
    qtbot.wait(10)
    assert mark.geometry() == parent.rect()
    # Something is actually drawn: the watermark changes pixels of an empty widget.
    blank = QWidget()
    blank.resize(400, 300)
    qtbot.addWidget(blank)
    before = blank.grab().toImage()
    Watermark("agent1", blank, now=lambda: moment)
    after = blank.grab().toImage()
    assert before != after
