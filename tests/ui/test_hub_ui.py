"""End to end on a real hub: sign in through the dialog, go Ready, the lead's pane follows.

Both windows run in this process on the qasync loop, each with its own real PlatformSession and
local store; the hub is the real server on a loopback port (fixture ``hub``).
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import Qt
from tests.sessions import wait_for
from tests.ui.helpers import test_shell

from homeseat.devcerts import DevCerts
from homeseat.hub import HubServer
from homeseat.platform.session import Link
from homeseat.ui.i18n import Translations
from homeseat.ui.icons import Icons
from homeseat.ui.shell import ClientShell
from homeseat.ui.team_model import Category, Column


async def _close(hub: HubServer, *shells: ClientShell) -> None:
    """Ordered stop, then let the hub see the disconnects while the loop still runs."""
    for shell in shells:
        await shell.close()
    await wait_for(lambda: not hub.online_usernames(), 5, "the hub to see the clients leave")


async def test_sign_in_go_ready_and_the_lead_sees_it(
    qtbot: Any,  # first: its teardown (which pumps Qt events) runs after the hub's
    hub: HubServer,
    certs: DevCerts,
    translations: Translations,
    icons: Icons,
    tmp_path: Path,
) -> None:
    agent = test_shell(hub, certs, "agent", tmp_path, translations, icons)
    lead = test_shell(hub, certs, "lead", tmp_path, translations, icons)
    try:
        signing = asyncio.ensure_future(agent.sign_in_interactive())
        await wait_for(
            lambda: agent._dialog is not None and agent._dialog.isVisible(), 5, "the sign-in dialog"
        )
        dialog = agent._dialog
        assert dialog is not None
        dialog.username.setText("agent1")
        dialog.password.setText("not-the-password")
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
        await wait_for(lambda: not dialog.busy and dialog.error.isVisible(), 10, "refusal")
        assert dialog.error.text() == "Wrong user name or password."

        dialog.password.setText("demo1234")
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
        assert await asyncio.wait_for(signing, 10)
        info = agent.session.info
        assert info is not None
        assert info.role == "agent"
        agent_window = await agent.open_window()
        assert agent_window.team is None
        assert agent_window.connection_label.text().startswith("Online")
        assert not agent_window.insecure_label.isVisible()

        await lead.sign_in("lead1", "demo1234")
        lead_window = await lead.open_window()
        team = lead_window.team
        assert team is not None
        await wait_for(lambda: team.model.row_of(info.user_id) is not None, 5, "the snapshot")
        row = team.model.row_of(info.user_id)
        assert row is not None

        def state_in_lead_pane() -> str:
            return str(team.model.data(team.model.index(row, Column.STATE)))

        await wait_for(lambda: state_in_lead_pane() == "Not Ready", 5, "agent1 Not Ready")
        ready_before = team.model.counts()[Category.READY]

        agent_window.state_bar.menu.ready_action.trigger()  # the agent clicks Ready
        assert agent_window.state_bar.state_button.text() == "Ready"
        await wait_for(lambda: state_in_lead_pane() == "Ready", 5, "the lead to see Ready")
        assert team.model.counts()[Category.READY] == ready_before + 1
        await wait_for(
            lambda: agent_window.reports_label.text() == "All reports delivered", 5, "the ack"
        )
        assert agent.session.link is Link.ONLINE
    finally:
        await _close(hub, agent, lead)


async def test_sign_out_returns_to_the_sign_in_dialog(
    qtbot: Any,  # first: its teardown (which pumps Qt events) runs after the hub's
    hub: HubServer,
    certs: DevCerts,
    translations: Translations,
    icons: Icons,
    tmp_path: Path,
) -> None:
    agent = test_shell(hub, certs, "agent", tmp_path, translations, icons)
    lead = test_shell(hub, certs, "lead", tmp_path, translations, icons)
    running = asyncio.ensure_future(agent.run())
    try:
        await lead.sign_in("lead1", "demo1234")
        lead_window = await lead.open_window()
        team = lead_window.team
        assert team is not None

        await wait_for(lambda: agent._dialog is not None, 5, "the sign-in dialog")
        dialog = agent._dialog
        assert dialog is not None
        dialog.username.setText("agent2")
        dialog.password.setText("demo1234")
        dialog.submit.click()
        await wait_for(lambda: agent.window is not None, 10, "the main window")
        window = agent.window
        assert window is not None
        info = agent.session.info
        assert info is not None
        await wait_for(lambda: team.model.row_of(info.user_id) is not None, 5, "agent2's row")
        row = team.model.row_of(info.user_id)
        assert row is not None

        window._sign_out_action.trigger()  # Account menu → Sign out
        await wait_for(lambda: agent._dialog is not None, 10, "the dialog after sign-out")
        assert agent.window is None
        await wait_for(lambda: not shiboken6.isValid(window), 5, "the old window to go")
        await wait_for(
            lambda: team.model.data(team.model.index(row, Column.STATE)) == "Signed out",
            5,
            "the lead to see Signed out",
        )
        assert agent._dialog is not None
        agent._dialog.reject()  # Quit from the dialog ends the app loop
        assert await asyncio.wait_for(running, 5) == 0
    finally:
        if not running.done():
            agent.request_quit()
            await asyncio.wait_for(running, 5)
        await _close(hub, agent, lead)


async def test_signing_in_elsewhere_ends_this_window_with_an_explanation(
    qtbot: Any,
    hub: HubServer,
    certs: DevCerts,
    translations: Translations,
    icons: Icons,
    tmp_path: Path,
) -> None:
    first = test_shell(hub, certs, "first", tmp_path, translations, icons)
    second = test_shell(hub, certs, "second", tmp_path, translations, icons)
    running = asyncio.ensure_future(first.run())
    try:
        await wait_for(lambda: first._dialog is not None, 5, "the sign-in dialog")
        dialog = first._dialog
        assert dialog is not None
        dialog.username.setText("agent3")
        dialog.password.setText("demo1234")
        dialog.submit.click()
        await wait_for(lambda: first.window is not None, 10, "the main window")

        await second.sign_in("agent3", "demo1234")  # the same agent, on another computer
        await wait_for(lambda: first._dialog is not None, 10, "the dialog after replacement")
        assert first.window is None
        again = first._dialog
        assert again is not None
        assert again.error.isVisible()
        assert again.error.text() == (
            "You signed in on another computer, so this one was signed out."
        )
        assert again.username.text() == ""  # no UI memory in tests (ui_state=None)
        again.reject()
        assert await asyncio.wait_for(running, 5) == 0
    finally:
        if not running.done():
            first.request_quit()
            await asyncio.wait_for(running, 5)
        await _close(hub, first, second)
