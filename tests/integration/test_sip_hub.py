"""A real SIP call drives the agent's reported state at the real hub; the lead sees the MOS."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

from tests.integration.sip_lab import SipLab
from tests.sessions import make_session, wait_for

from homeseat.core.agent_state import AgentState, EventKind, StateEvent
from homeseat.core.calls import Call, CallEventKind
from homeseat.devcerts import DevCerts
from homeseat.hub import HubServer
from homeseat.hub.demo import DEMO_PASSWORD
from homeseat.platform.session import PlatformSession
from homeseat.platform.supervision import SupervisionClient
from homeseat.sip.agent_link import CallAgentLink
from homeseat.sip.events import CallChanged, CallQuality
from homeseat.sip.reporting import quality_report

K = CallEventKind


def _state(session: PlatformSession) -> AgentState:
    # A call, not an attribute: mypy would otherwise narrow the state across awaits.
    return session.status.state


async def test_sip_call_reports_busy_wrap_up_and_quality_to_the_lead(
    hub: HubServer, certs: DevCerts, tmp_path: Path
) -> None:
    agent, _ = make_session(hub.url, certs.ca_file)
    lead, lead_seen = make_session(hub.url, certs.ca_file)
    supervision = SupervisionClient(agent)
    try:
        await agent.sign_in("agent1", DEMO_PASSWORD)
        await lead.sign_in("lead1", DEMO_PASSWORD)
        await lead.subscribe_team()
        agent.request(StateEvent(EventKind.GO_READY))
        link = CallAgentLink(agent.request)  # applies and reports to the hub exactly once
        with SipLab(tmp_path) as lab:
            lab.register()
            bob = lab.peer("bob")
            done = 0
            last: list[Call] = []

            async def until(kind: CallEventKind) -> None:
                nonlocal done
                while True:
                    events = lab.events.events
                    while done < len(events):
                        ev = events[done]
                        done += 1
                        result = link.handle(ev)
                        if result.call is not None:
                            last[:] = [result.call]
                        if isinstance(ev, CallChanged) and ev.event.kind is kind:
                            return
                    await asyncio.sleep(0.02)

            bob.command("dial", f"sip:alice@{lab.domain}")
            await asyncio.wait_for(until(K.INCOMING), 10)
            assert _state(agent) is AgentState.OFFERED
            lab.engine.answer(last[0].call_id)
            await asyncio.wait_for(until(K.ANSWERED), 10)
            assert _state(agent) is AgentState.BUSY
            await wait_for(
                lambda: lead_seen.team["agent1"].state is AgentState.BUSY, what="lead sees Busy"
            )
            await asyncio.sleep(1.5)  # a quality sample or two
            bob.command("hangup")
            await asyncio.wait_for(until(K.END), 10)
            assert _state(agent) is AgentState.WRAP_UP
            samples = [e for e in lab.events.events if isinstance(e, CallQuality)]
            assert samples, "no line-quality sample during the call"
            report = quality_report(last[0], samples[-1].score, datetime.now(UTC))
        await supervision.report_call(report)
        await wait_for(
            lambda: (
                lead_seen.team["agent1"].state is AgentState.WRAP_UP
                and lead_seen.team["agent1"].mos == report.mos
            ),
            what="lead sees wrap-up and the MOS",
        )
        assert report.mos is not None
        assert report.mos > 4.0
    finally:
        await agent.close()
        await lead.close()
