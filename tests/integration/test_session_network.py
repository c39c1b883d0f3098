"""The client rides through network failures between it and the hub (a real TCP proxy in the
middle): state changes made during the outage arrive once, in order, and the lead converges."""

from __future__ import annotations

from pathlib import Path

from tests.netproxy import NetProxy
from tests.sessions import make_session, wait_for

from homeseat.core.agent_state import AgentState, EventKind, StateEvent
from homeseat.devcerts import DevCerts
from homeseat.hub import HubServer, Storage
from homeseat.hub.demo import DEMO_PASSWORD
from homeseat.platform.session import Link


def _reports(db: Path, username: str) -> list[tuple[int, AgentState, str | None]]:
    storage = Storage(db)
    try:
        user = storage.user(username)
        assert user is not None
        return [(e.seq, e.state, e.reason) for e in storage.state_events(user.id)]
    finally:
        storage.close()


async def test_cut_and_blackhole_lose_nothing_and_duplicate_nothing(
    hub: HubServer, certs: DevCerts, demo_db: Path
) -> None:
    proxy = NetProxy("127.0.0.1", hub.port)
    await proxy.start()
    agent, _ = make_session(f"wss://127.0.0.1:{proxy.port}", certs.ca_file)
    lead, lead_seen = make_session(hub.url, certs.ca_file)
    try:
        await agent.sign_in("agent1", DEMO_PASSWORD)
        await lead.sign_in("lead1", DEMO_PASSWORD)
        await lead.subscribe_team()
        await wait_for(lambda: agent.pending_reports == 0, what="the sign-in report")
        before = len(_reports(demo_db, "agent1"))

        # 1. A report in flight when the line is cut (it may or may not have arrived).
        agent.request(StateEvent(EventKind.GO_READY))
        proxy.cut()
        agent.request(StateEvent(EventKind.GO_NOT_READY, reason="break"))
        await wait_for(lambda: agent.pending_reports == 0, within=15, what="delivery after cut")

        # 2. A slow line (every chunk held 300 ms each way): slower, but nothing lost.
        proxy.delay = 0.3
        agent.request(StateEvent(EventKind.GO_READY))
        agent.request(StateEvent(EventKind.GO_NOT_READY, reason="training"))
        await wait_for(lambda: agent.pending_reports == 0, within=15, what="delivery when slow")
        assert agent.link is Link.ONLINE
        proxy.delay = 0.0

        # 3. A dead line that says nothing (only the heartbeat's timeout can tell).
        proxy.blackhole()
        agent.request(StateEvent(EventKind.GO_READY))
        agent.request(StateEvent(EventKind.GO_NOT_READY, reason="lunch"))
        await wait_for(lambda: agent.link is not Link.ONLINE, within=20, what="the dead line seen")
        assert agent.pending_reports >= 2
        proxy.heal()
        await wait_for(lambda: agent.pending_reports == 0, within=30, what="delivery after heal")

        got = _reports(demo_db, "agent1")[before:]
        assert [(s, r) for _, s, r in got] == [
            (AgentState.READY, None),
            (AgentState.NOT_READY, "break"),
            (AgentState.READY, None),
            (AgentState.NOT_READY, "training"),
            (AgentState.READY, None),
            (AgentState.NOT_READY, "lunch"),
        ]
        seqs = [seq for seq, _, _ in got]
        assert seqs == sorted(set(seqs))  # in order, once each
        await wait_for(
            lambda: lead_seen.team["agent1"].reason == "lunch", what="the lead converges"
        )
        assert lead_seen.team["agent1"].connected
    finally:
        await agent.close()
        await lead.close()
        await proxy.stop()
