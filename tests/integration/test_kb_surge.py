"""The surge level set by a lead at the real hub switches an agent's knowledge scripts."""

from __future__ import annotations

from tests.sessions import make_session, wait_for

from homeseat.devcerts import DevCerts
from homeseat.hub import HubServer
from homeseat.hub.demo import DEMO_PASSWORD
from homeseat.platform.supervision import SupervisionClient
from homeseat.ui.knowledge_wiring import follow_surge


class Panel:
    """Records what the knowledge panel would be told (the panel itself: tests/ui)."""

    def __init__(self) -> None:
        self.levels: list[int] = []

    def set_surge_level(self, level: int) -> None:
        self.levels.append(level)


async def test_surge_switches_scripts_for_the_team_only(hub: HubServer, certs: DevCerts) -> None:
    hub.storage.grant("lead1", "surge", actor="test")
    agent, _ = make_session(hub.url, certs.ca_file)
    other, _ = make_session(hub.url, certs.ca_file)
    lead, _ = make_session(hub.url, certs.ca_file)
    agent_sup, other_sup, lead_sup = (SupervisionClient(s) for s in (agent, other, lead))
    alpha, beta = Panel(), Panel()
    try:
        await agent.sign_in("agent5", DEMO_PASSWORD)
        await other.sign_in("agent9", DEMO_PASSWORD)  # team beta
        await lead.sign_in("lead1", DEMO_PASSWORD)
        follow_surge(alpha, agent_sup, "alpha")
        follow_surge(beta, other_sup, "beta")
        assert alpha.levels == [0]  # the current level is applied at once
        await lead_sup.set_surge("alpha", 2, "高峰")
        await wait_for(lambda: alpha.levels[-1] == 2, what="level 2 at the agent's panel")
        await lead_sup.set_surge("alpha", 0)
        await wait_for(lambda: alpha.levels[-1] == 0, what="back to 0")
        assert alpha.levels == [0, 2, 0]
        assert beta.levels == [0]  # another team's surge changes nothing here
    finally:
        for session in (agent, other, lead):
            await session.close()
