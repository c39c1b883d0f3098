"""The client's supervision service against the real hub: both ends are real sessions."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from tests.sessions import make_session, wait_for

from homeseat.core.agent_state import AgentState, EventKind, StateEvent
from homeseat.devcerts import DevCerts
from homeseat.hub import HubServer
from homeseat.hub.demo import DEMO_PASSWORD
from homeseat.platform.supervision import SupervisionClient, SupervisionError
from homeseat.protocol.supervision import LeadNotice, SurgeLevel


@dataclass
class Heard:
    notices: list[LeadNotice] = field(default_factory=list)
    surges: list[SurgeLevel] = field(default_factory=list)

    def on_notice(self, notice: LeadNotice) -> None:
        self.notices.append(notice)

    def on_surge(self, level: SurgeLevel) -> None:
        self.surges.append(level)


async def test_lead_forces_not_ready_pending_during_a_call_and_messages(
    hub: HubServer, certs: DevCerts
) -> None:
    agent, _ = make_session(hub.url, certs.ca_file)
    lead, lead_seen = make_session(hub.url, certs.ca_file)
    agent_sup, lead_sup = SupervisionClient(agent), SupervisionClient(lead)
    heard = Heard()
    agent_sup.add_listener(heard)
    try:
        await agent.sign_in("agent1", DEMO_PASSWORD)
        await lead.sign_in("lead1", DEMO_PASSWORD)
        await lead.subscribe_team()
        agent.request(StateEvent(EventKind.GO_READY))
        agent.request(StateEvent(EventKind.OFFER, channel="call"))
        agent.request(StateEvent(EventKind.ACCEPT))
        await wait_for(lambda: agent.pending_reports == 0, what="reports delivered")

        await lead_sup.act("force_not_ready", "agent1", reason="meeting")
        await wait_for(lambda: len(heard.notices) == 1, what="the notice")
        # On a call the forced Not Ready waits for the call to end.
        on_call = agent.status
        assert on_call.state is AgentState.BUSY
        assert on_call.pending_reason == "meeting"
        agent.request(StateEvent(EventKind.END))
        wrapping = agent.status
        assert wrapping.state is AgentState.WRAP_UP
        agent.request(StateEvent(EventKind.FINISH_WRAP_UP, code="resolved"))
        assert (agent.status.state, agent.status.reason) == (AgentState.NOT_READY, "meeting")
        await wait_for(
            lambda: lead_seen.team["agent1"].reason == "meeting", what="the lead sees it"
        )
        assert lead_seen.team["agent1"].handled_today == 1

        await lead_sup.act("message", "agent1", text="请回电客户")
        await wait_for(lambda: len(heard.notices) == 2, what="the message")
        assert (heard.notices[1].kind, heard.notices[1].text) == ("message", "请回电客户")

        await agent_sup.raise_hand("需要帮助")
        await wait_for(
            lambda: lead_seen.team["agent1"].help_requested is not None, what="the raised hand"
        )
        await lead_sup.act("answer_help", "agent1", text="马上来")
        await wait_for(lambda: not agent_sup.hand_raised, what="the answer")

        with pytest.raises(SupervisionError) as refused:
            await agent_sup.act("message", "agent2", text="x")
        assert refused.value.code == "forbidden"
        with pytest.raises(SupervisionError) as missing:
            await lead_sup.act("message", "agent3", text="x")
        assert missing.value.code == "offline"

        timeline = await lead_sup.timeline("agent1")
        assert [s.state for s in timeline.segments][-2:] == [
            AgentState.WRAP_UP,
            AgentState.NOT_READY,
        ]
    finally:
        await agent.close()
        await lead.close()


async def test_surge_level_reaches_the_agent_client(hub: HubServer, certs: DevCerts) -> None:
    hub.storage.grant("lead1", "surge", actor="test")
    agent, _ = make_session(hub.url, certs.ca_file)
    lead, _ = make_session(hub.url, certs.ca_file)
    agent_sup, lead_sup = SupervisionClient(agent), SupervisionClient(lead)
    heard = Heard()
    agent_sup.add_listener(heard)
    try:
        await agent.sign_in("agent5", DEMO_PASSWORD)
        await lead.sign_in("lead1", DEMO_PASSWORD)
        assert agent_sup.surge_level("alpha") == 0
        await lead_sup.set_surge("alpha", 3, "全员上线")
        await wait_for(lambda: agent_sup.surge_level("alpha") == 3, what="the level")
        assert heard.surges[-1].message == "全员上线"
        with pytest.raises(SupervisionError) as refused:
            await agent_sup.set_surge("alpha", 0)
        assert refused.value.code == "forbidden"
    finally:
        await agent.close()
        await lead.close()
