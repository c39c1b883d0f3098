"""The real client session (homeseat.platform) against the real hub: one protocol, both ends."""

from __future__ import annotations

from tests.sessions import make_session, wait_for

from homeseat.core.agent_state import AgentState, EventKind, StateEvent
from homeseat.devcerts import DevCerts
from homeseat.hub import HubServer
from homeseat.hub.demo import DEMO_PASSWORD


def _state(hub: HubServer, username: str) -> tuple[AgentState, bool]:
    presence = hub.presence_of(username)
    assert presence is not None
    return presence.state, presence.connected


async def test_client_sessions_sign_in_report_watch_and_sign_out(
    hub: HubServer, certs: DevCerts
) -> None:
    agent, _ = make_session(hub.url, certs.ca_file)
    lead, lead_seen = make_session(hub.url, certs.ca_file)
    try:
        info = await agent.sign_in("agent1", DEMO_PASSWORD)
        assert (info.role, info.team, info.display_name) == ("agent", "alpha", "张伟")
        lead_info = await lead.sign_in("lead1", DEMO_PASSWORD)
        assert lead_info.role == "lead"
        await lead.subscribe_team()
        await wait_for(lambda: lead_seen.snapshots == 1, what="the team snapshot")
        assert len(lead_seen.team) == 8

        agent.request(StateEvent(EventKind.GO_READY))
        await wait_for(lambda: _state(hub, "agent1") == (AgentState.READY, True), what="ready")
        await wait_for(lambda: agent.pending_reports == 0, what="all reports acknowledged")
        await wait_for(
            lambda: lead_seen.team["agent1"].state is AgentState.READY, what="the lead's view"
        )

        await agent.sign_out()
        await wait_for(
            lambda: _state(hub, "agent1") == (AgentState.SIGNED_OUT, False), what="signed out"
        )
        await wait_for(
            lambda: lead_seen.team["agent1"].state is AgentState.SIGNED_OUT,
            what="the lead sees the sign-out",
        )
    finally:
        await agent.close()
        await lead.close()
