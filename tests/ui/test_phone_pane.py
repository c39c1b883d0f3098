"""The phone pane on a real SIP call: pjsua2 engine, Kamailio, a baresip caller, real widgets."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from tests.integration.sip_lab import SipLab

from homeseat.core.agent_state import AgentState, AgentStateMachine, EventKind, StateEvent
from homeseat.core.calls import CallState, remote_party
from homeseat.core.masking import Masker
from homeseat.protocol.supervision import CallQuality
from homeseat.sip.agent_link import CallAgentLink
from homeseat.sip.history import CallHistory
from homeseat.ui.i18n import Translations
from homeseat.ui.icons import Icons
from homeseat.ui.phone_controller import PhoneController
from homeseat.ui.phone_pane import SoftphonePane

SHOTS = Path(os.environ.get("HOMESEAT_SCREENSHOTS", ""))
CUSTOMER = "13800138000"


def shoot(widget: SoftphonePane, name: str) -> None:
    """Save a screenshot when HOMESEAT_SCREENSHOTS names a folder (docs/screenshots)."""
    if os.environ.get("HOMESEAT_SCREENSHOTS"):
        widget.resize(300, 660)
        widget.grab().save(str(SHOTS / name))


class Phone:
    """The real model and view around a real engine."""

    def __init__(self, tmp_path: Path, icons: Icons) -> None:
        self.machine = AgentStateMachine({"break"}, {"solved"})
        self.machine.apply(StateEvent(EventKind.SIGN_IN))
        self.machine.apply(StateEvent(EventKind.GO_READY))
        self.history = CallHistory(tmp_path / "history.sqlite")
        self.controller = PhoneController("alice", CallAgentLink(self.machine.apply), self.history)
        self.pane = SoftphonePane(icons, self.controller, Masker())
        self.reports: list[CallQuality] = []
        self.controller.call_finished.connect(self.reports.append)


@pytest.fixture
def phone(tmp_path: Path, icons: Icons, qtbot: QtBot) -> Iterator[tuple[Phone, SipLab]]:
    ph = Phone(tmp_path, icons)
    qtbot.addWidget(ph.pane)
    ph.pane.show()
    with SipLab(tmp_path, listeners=(ph.controller.post,)) as lab:
        ph.controller.attach(lab.engine)
        lab.register()
        qtbot.waitUntil(lambda: ph.controller.registered, timeout=10_000)
        yield ph, lab
    ph.history.close()
    # Delete the pane now: a language switch in a later test must not reach a stale view.
    ph.pane.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_incoming_call_rings_is_answered_by_button_then_wrap_up(
    phone: tuple[Phone, SipLab], qtbot: QtBot, translations: Translations
) -> None:
    ph, lab = phone
    pane = ph.pane
    assert "ready" in pane.registration.text()
    assert not pane.answer_button.isEnabled()
    shoot(pane, "phone-idle-en.png")
    translations.set_language("zh_CN")
    shoot(pane, "phone-idle-zh_CN.png")
    translations.set_language("en")

    customer = lab.peer(CUSTOMER, answer_mode="manual")
    customer.command("dial", f"sip:alice@{lab.domain}")
    qtbot.waitUntil(pane.answer_button.isEnabled, timeout=10_000)
    assert ph.machine.status.state is AgentState.OFFERED
    row = pane.rows[0]
    assert row.isVisible()
    assert row.party.text() == "138****8000"  # masked on screen
    assert CUSTOMER not in row.party.text()
    assert "Incoming call" in row.state.text()
    shoot(pane, "phone-ringing-en.png")
    translations.set_language("zh_CN")
    shoot(pane, "phone-ringing-zh_CN.png")
    translations.set_language("en")

    QTest.mouseClick(pane.answer_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ph.machine.status.state is AgentState.BUSY, timeout=10_000)
    assert ph.controller.current() is not None
    assert "Connected" in row.state.text()
    qtbot.waitUntil(lambda: "MOS" in row.quality.text(), timeout=10_000)
    assert pane.hold_button.isEnabled()
    shoot(pane, "phone-in-call-en.png")
    translations.set_language("zh_CN")
    shoot(pane, "phone-in-call-zh_CN.png")
    translations.set_language("en")

    QTest.mouseClick(pane.hangup_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ph.machine.status.state is AgentState.WRAP_UP, timeout=10_000)
    assert pane.empty.isVisible()
    assert pane.history.count() == 1
    item = pane.history.item(0).text()
    assert "138****8000" in item
    assert CUSTOMER not in item
    (entry,) = ph.history.recent()
    assert remote_party(entry.remote) == CUSTOMER  # stored as dialled, masked on screen
    assert entry.mos is not None
    (report,) = ph.reports  # what the hub is told: quality, no number
    assert report.mos == entry.mos
    assert report.direction == "inbound"
    assert CUSTOMER not in report.model_dump_json()


def test_dial_hold_mute_and_dtmf_from_the_pane(phone: tuple[Phone, SipLab], qtbot: QtBot) -> None:
    ph, lab = phone
    pane = ph.pane
    bob = lab.peer("bob")
    assert not pane.call_button.isEnabled()  # nothing typed yet
    for key in "bob":
        pane.number.insert(key)
    QTest.mouseClick(pane.call_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ph.machine.status.state is AgentState.BUSY, timeout=10_000)
    bob.wait_event("CALL_ESTABLISHED")
    QTest.mouseClick(pane.keys[0], Qt.MouseButton.LeftButton)  # "1" goes out as DTMF
    assert bob.wait_event("CALL_DTMF_START").get("param") == "1"
    QTest.mouseClick(pane.mute_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: pane.mute_button.text() == "Unmute", timeout=5_000)
    QTest.mouseClick(pane.hold_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: pane.hold_button.text() == "Resume", timeout=5_000)
    call = ph.controller.current()
    assert call is not None
    assert call.state is CallState.HELD
    assert "On hold" in pane.rows[0].state.text()
    QTest.mouseClick(pane.hold_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: pane.hold_button.text() == "Hold", timeout=5_000)
    QTest.mouseClick(pane.hangup_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ph.machine.status.state is AgentState.WRAP_UP, timeout=10_000)


def test_call_waiting_on_line_two_holds_line_one_on_answer(
    phone: tuple[Phone, SipLab], qtbot: QtBot
) -> None:
    ph, lab = phone
    pane = ph.pane
    bob = lab.peer("bob", answer_mode="manual")
    carol = lab.peer("carol", answer_mode="manual")
    bob.command("dial", f"sip:alice@{lab.domain}")
    qtbot.waitUntil(pane.answer_button.isEnabled, timeout=10_000)
    QTest.mouseClick(pane.answer_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ph.machine.status.state is AgentState.BUSY, timeout=10_000)
    carol.command("dial", f"sip:alice@{lab.domain}")
    qtbot.waitUntil(lambda: pane.rows[1].isVisible(), timeout=10_000)
    assert "Call waiting" in pane.rows[1].state.text()
    assert pane.rows[1].party.text() == "carol"
    QTest.mouseClick(pane.answer_button, Qt.MouseButton.LeftButton)  # answers the waiting call
    qtbot.waitUntil(
        lambda: (
            [c.state for c in ph.controller.lines.calls] == [CallState.HELD, CallState.CONNECTED]
        ),
        timeout=10_000,
    )
    assert ph.machine.status.state is AgentState.BUSY
    QTest.mouseClick(pane.hangup_button, Qt.MouseButton.LeftButton)  # hangs up carol (talking)
    qtbot.waitUntil(lambda: len(ph.controller.lines.calls) == 1, timeout=10_000)
    assert ph.machine.status.state is AgentState.BUSY  # bob is still on hold
    QTest.mouseClick(pane.hold_button, Qt.MouseButton.LeftButton)  # resume bob
    qtbot.waitUntil(lambda: pane.hold_button.text() == "Hold", timeout=10_000)
    QTest.mouseClick(pane.hangup_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ph.machine.status.state is AgentState.WRAP_UP, timeout=10_000)


def test_auto_answer_after_the_configured_delay(phone: tuple[Phone, SipLab], qtbot: QtBot) -> None:
    ph, lab = phone
    ph.controller.auto_answer_after_s = 1.0
    bob = lab.peer("bob", answer_mode="manual")
    bob.command("dial", f"sip:alice@{lab.domain}")
    qtbot.waitUntil(lambda: ph.machine.status.state is AgentState.OFFERED, timeout=10_000)
    qtbot.waitUntil(lambda: ph.machine.status.state is AgentState.BUSY, timeout=10_000)
    bob.wait_event("CALL_ESTABLISHED")
    bob.command("hangup")
    qtbot.waitUntil(lambda: ph.machine.status.state is AgentState.WRAP_UP, timeout=10_000)
