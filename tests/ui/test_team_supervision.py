"""Supervision end to end: a lead's window and agents' windows, real sessions, a real hub.

Every action goes from the lead's pane (dialogs) through the lead's session to the real hub and
from there to the agent's window (banner, raise-hand button, state, surge banner).
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tests.helpers import HubFactory
from tests.sessions import wait_for
from tests.ui.helpers import test_shell

from homeseat.core.agent_state import AgentState, EventKind, StateEvent
from homeseat.core.alerts import AlertKind
from homeseat.devcerts import DevCerts
from homeseat.hub import HubServer, Storage
from homeseat.hub.demo import DEMO_PASSWORD
from homeseat.hub.records import SurgeRow
from homeseat.platform.session import Link
from homeseat.ui.agent_detail import AgentDetailDialog
from homeseat.ui.i18n import Translations
from homeseat.ui.icons import Icons
from homeseat.ui.shell import ClientShell, Outcome
from homeseat.ui.team_dialogs import ActionDialog
from homeseat.ui.team_pane import TeamPane
from homeseat.ui.team_supervision import SupervisionUi


def _ui(shell: ClientShell) -> SupervisionUi:
    assert shell.supervision_ui is not None
    return shell.supervision_ui


async def _act(
    shell: ClientShell, kind: str, uid: int, text: str = "", reason: str | None = None
) -> ActionDialog:
    actions = _ui(shell).actions
    assert actions is not None
    actions.run(kind, uid)
    dialog = actions.dialog
    assert isinstance(dialog, ActionDialog)
    assert dialog.isVisible()
    if dialog.text is not None:
        dialog.text.setPlainText(text)
    if reason is not None:
        assert dialog.reason is not None
        dialog.reason.setCurrentIndex(dialog.reason.findData(reason))
    dialog.confirm()
    assert dialog.task is not None
    await asyncio.wait_for(dialog.task, 15)
    return dialog


def _uid(pane: TeamPane, username: str) -> int:
    for row in range(pane.model.rowCount()):
        agent = pane.model.agent_at(row)
        if agent.username == username:
            return agent.user_id
    raise AssertionError(f"{username} not in the pane")


async def test_lead_actions_and_surge_reach_the_agent_window(
    qtbot: Any,  # first: its teardown (which pumps Qt events) runs after the hub's
    hub: HubServer,
    certs: DevCerts,
    translations: Translations,
    icons: Icons,
    tmp_path: Path,
) -> None:
    hub.storage.grant("lead1", "surge", actor="test")
    agent = test_shell(hub, certs, "agent", tmp_path, translations, icons)
    lead = test_shell(hub, certs, "lead", tmp_path, translations, icons)
    late = test_shell(hub, certs, "late", tmp_path, translations, icons)
    other = test_shell(hub, certs, "other", tmp_path, translations, icons)
    try:
        await agent.sign_in("agent1", DEMO_PASSWORD)
        agent_window = await agent.open_window()
        await lead.sign_in("lead1", DEMO_PASSWORD)
        lead_window = await lead.open_window()
        pane = lead_window.team
        assert pane is not None
        info = agent.session.info
        assert info is not None
        uid = info.user_id
        await wait_for(lambda: pane.model.row_of(uid) is not None, 10, "the agent's row")
        ui = _ui(agent)
        assert ui.hand is not None
        assert ui.actions is None  # agents have no team actions
        assert _ui(lead).hand is None

        # The agent raises a hand: the lead's row alerts; the lead answers in a dialog.
        ui.hand.click()
        await wait_for(ui.hand.isChecked, 10, "the hand to go up")
        assert ui.hand.text() == "Hand raised"
        await wait_for(lambda: AlertKind.HELP in pane.model.book.loud(uid), 10, "help alert")
        pane.alerts.refresh()
        assert "Asks for help" in pane.alerts.list.item(0).text()
        dialog = await _act(lead, "answer_help", uid, "我马上过来")
        assert not dialog.isVisible()
        await wait_for(lambda: not ui.hand.isChecked(), 10, "the answer to lower the hand")
        assert ui.notices.isVisible()
        assert ui.notices.text.text() == "王组长 answered your raised hand: 我马上过来"
        await wait_for(lambda: not pane.model.book.loud(uid), 10, "the help alert to clear")

        # A message shows in the banner and in the history.
        await _act(lead, "message", uid, "请回电客户")
        await wait_for(lambda: len(ui.notices.notices) == 2, 10, "the message")
        assert ui.notices.text.text() == "Message from 王组长: 请回电客户"
        ui.notices.show_history()
        assert ui.notices.dialog is not None
        assert ui.notices.dialog.list.count() == 2
        assert "请回电客户" in ui.notices.dialog.list.item(0).text()  # newest first
        ui.notices.dialog.close()

        # Force Not Ready with a reason picked from the configured codes.
        agent_window.request(StateEvent(EventKind.GO_READY))
        await _act(lead, "force_not_ready", uid, reason="meeting")
        await wait_for(lambda: agent.machine.status.reason == "meeting", 10, "the forced Not Ready")
        assert agent.machine.status.state is AgentState.NOT_READY
        assert agent_window.state_bar.state_button.text() == "Not Ready · Meeting"
        assert ui.notices.text.text() == "王组长 set you to Not Ready (Meeting)."

        # Today's timeline of the agent.
        actions = _ui(lead).actions
        assert actions is not None
        actions.run("detail", uid)
        detail = actions.dialog
        assert isinstance(detail, AgentDetailDialog)
        await asyncio.wait_for(detail.task, 15)
        assert detail.timeline is not None
        assert {AgentState.READY, AgentState.NOT_READY} <= set(detail.legend_labels)
        assert detail.legend_labels[AgentState.READY].text().startswith("Ready ")
        detail.close()

        # A refusal is shown in words: agent3 is not signed in.
        refused = await _act(lead, "message", _uid(pane, "agent3"), "hello")
        assert refused.isVisible()
        assert refused.error.text() == (
            "Not delivered: the agent is not connected, or you are offline. Try again later."
        )
        refused.reject()

        # Surge level 3: the agent's banner shows it at once.
        control = _ui(lead).surge_control
        assert control is not None
        assert control.button.text() == "Surge level: normal"
        control.open_dialog()
        surge = control.dialog
        assert surge is not None
        surge.level.setCurrentIndex(3)
        surge.message.setText("全员上线，暂停休息")
        surge.confirm()
        assert surge.task is not None
        await asyncio.wait_for(surge.task, 15)
        await wait_for(ui.surge.isVisible, 10, "the surge banner")
        assert ui.surge.text() == "Surge level 3 – emergency: 全员上线，暂停休息"
        await wait_for(lambda: control.button.text().startswith("Surge level 3"), 10, "lead")

        # Another agent signing in later sees the level straight away.
        await late.sign_in("agent2", DEMO_PASSWORD)
        await late.open_window()
        await wait_for(_ui(late).surge.isVisible, 10, "the banner after sign-in")
        assert "全员上线" in _ui(late).surge.text()

        # A lead without the surge permission gets no surge control (the hub says who has it).
        await other.sign_in("lead2", DEMO_PASSWORD)
        await other.open_window()
        assert other.session.info is not None
        assert other.session.info.permissions == frozenset()
        assert _ui(other).surge_control is None
        assert lead.session.info is not None
        assert lead.session.info.permissions == {"surge"}

        # Sign the agent out: their window ends with an explanation.
        await _act(lead, "sign_out", uid)
        outcome, _ = await asyncio.wait_for(agent.wait(), 15)
        assert outcome is Outcome.ENDED
    finally:
        for shell in (agent, lead, late, other):
            await shell.close()
        await wait_for(lambda: not hub.online_usernames(), 10, "the hub to see the clients leave")


async def test_surge_banner_follows_the_hub_after_a_reconnect(
    qtbot: Any,
    make_hub: HubFactory,
    certs: DevCerts,
    demo_db: Path,
    translations: Translations,
    icons: Icons,
    tmp_path: Path,
) -> None:
    hub = await make_hub()
    port = hub.port
    agent = test_shell(hub, certs, "agent", tmp_path, translations, icons)
    try:
        await agent.sign_in("agent3", DEMO_PASSWORD)
        await agent.open_window()
        ui = _ui(agent)
        assert ui.surge.isHidden()
        # The hub goes away; meanwhile operations raise the team's level (in its database).
        await hub.stop()
        await wait_for(lambda: agent.session.link is not Link.ONLINE, 10, "the link to drop")
        storage = Storage(demo_db)
        try:
            storage.set_surge(
                SurgeRow("alpha", 2, "系统故障，请使用备用话术", "ops", datetime.now(UTC)),
                actor="ops",
            )
        finally:
            storage.close()
        hub = await make_hub(port=port)  # same database, same address
        await wait_for(lambda: agent.session.link is Link.ONLINE, 15, "the reconnect")
        await wait_for(ui.surge.isVisible, 10, "the level sent after the reconnect")
        assert ui.surge.text() == "Surge level 2 – very busy: 系统故障，请使用备用话术"
    finally:
        await agent.close()
        await wait_for(lambda: not hub.online_usernames(), 10, "the hub to see the agent leave")
