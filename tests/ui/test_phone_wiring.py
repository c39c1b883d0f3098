"""The softphone wired into the real main window: engine, pane, agent state, device fallback."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot
from tests.integration.sip_lab import SipLab
from tests.ui.helpers import WindowFactory

from homeseat.audio.devices import DeviceRole, list_devices
from homeseat.config.model import ClientSettings, SipAccount, SipSettings
from homeseat.core.agent_state import AgentState, EventKind, StateEvent
from homeseat.core.masking import Masker
from homeseat.security.secrets import MemorySecretStore
from homeseat.ui.icons import Icons
from homeseat.ui.phone_wiring import PhoneFeature, history_path


def test_softphone_replaces_the_placeholder_and_drives_the_window_state(
    make_window: WindowFactory,
    qtbot: QtBot,
    icons: Icons,
    settings: ClientSettings,
    tmp_path: Path,
) -> None:
    window, session = make_window()
    session.request(StateEvent(EventKind.GO_READY))
    with SipLab(tmp_path, start_engine=False) as lab:
        account = SipAccount(
            id="lab", registrar=lab.domain, user="alice", transport="udp", srtp="disabled"
        )
        with_sip = settings.model_copy(
            update={"sip": SipSettings(accounts=(account,), codecs=("PCMU/8000/1",))}
        )
        secrets = MemorySecretStore()
        secrets.set("sip:lab", SipLab.USERS["alice"])
        feature = PhoneFeature(
            with_sip,
            session,
            secrets,
            "agent1",
            history_path(str(tmp_path / "client.sqlite3")),
            bind_address="127.0.0.1",
        )
        try:
            feature.start()
            pane = feature.attach(window, icons, Masker())
            assert not window.phone.isVisible()  # the placeholder made way
            assert pane.isVisible()
            qtbot.waitUntil(lambda: feature.controller.registered, timeout=10_000)
            bob = lab.peer("bob", answer_mode="manual")
            bob.command("dial", f"sip:alice@{lab.domain}")
            qtbot.waitUntil(pane.answer_button.isEnabled, timeout=10_000)
            assert session.status.state is AgentState.OFFERED
            QTest.mouseClick(pane.answer_button, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(lambda: session.status.state is AgentState.BUSY, timeout=10_000)
            if not any(d.fits(DeviceRole.MICROPHONE) for d in list_devices()):
                # No sound hardware here: the call goes on in silence and the agent is told.
                qtbot.waitUntil(pane.error.isVisible, timeout=5_000)
                assert "No microphone found" in pane.error.text()
            QTest.mouseClick(pane.hangup_button, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(lambda: session.status.state is AgentState.WRAP_UP, timeout=10_000)
            assert pane.history.count() == 1
        finally:
            feature.close()
    assert (tmp_path / "calls.sqlite3").exists()
