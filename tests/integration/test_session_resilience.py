"""Exactly-once, in-order state reports across hub restarts, client restarts and a full team.

Real parts only: the hub is the real server on a loopback port over TLS, the client is the real
``PlatformSession`` and, where a restart of the client is shown, its real SQLite outbox.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from tests.helpers import HubFactory
from tests.sessions import add_agents, make_session, wait_for

from homeseat.core.agent_state import AgentState, EventKind, StateEvent
from homeseat.devcerts import DevCerts
from homeseat.hub import HubServer, Storage
from homeseat.hub.demo import DEMO_PASSWORD
from homeseat.platform.local import open_client_store
from homeseat.platform.session import Link
from homeseat.security.secrets import MemorySecretStore


def _history(db: Path, username: str) -> list[tuple[int, AgentState, str | None]]:
    """(seq, state, reason) of every report the hub applied for ``username``, oldest first."""
    storage = Storage(db)
    try:
        user = storage.user(username)
        assert user is not None
        return [(e.seq, e.state, e.reason) for e in storage.state_events(user.id)]
    finally:
        storage.close()


OFFLINE_CHANGES = [
    StateEvent(EventKind.GO_READY),
    StateEvent(EventKind.GO_NOT_READY, reason="break"),
    StateEvent(EventKind.GO_READY),
]


async def test_changes_made_while_the_hub_is_down_arrive_once_in_order(
    make_hub: HubFactory, certs: DevCerts, demo_db: Path
) -> None:
    hub = await make_hub()
    port = hub.port
    agent, _ = make_session(hub.url, certs.ca_file)
    lead, lead_seen = make_session(hub.url, certs.ca_file)
    try:
        await agent.sign_in("agent1", DEMO_PASSWORD)
        await lead.sign_in("lead1", DEMO_PASSWORD)
        await lead.subscribe_team()
        await wait_for(lambda: lead_seen.snapshots == 1, what="the team snapshot")
        await wait_for(lambda: agent.pending_reports == 0, what="the sign-in report")
        before = _history(demo_db, "agent1")

        await hub.stop()
        await wait_for(lambda: agent.link is not Link.ONLINE, what="the agent to see the outage")
        for event in OFFLINE_CHANGES:
            agent.request(event)
        assert agent.pending_reports == 3
        assert agent.status.state is AgentState.READY  # the agent works on while offline

        hub = await make_hub(port=port)  # same database, same address
        await wait_for(lambda: agent.pending_reports == 0, within=15, what="the outbox to drain")
        after = _history(demo_db, "agent1")[len(before) :]
        assert [(state, reason) for _, state, reason in after] == [
            (AgentState.READY, None),
            (AgentState.NOT_READY, "break"),
            (AgentState.READY, None),
        ]
        seqs = [seq for seq, _, _ in after]
        assert seqs == sorted(seqs)
        assert len(set(seqs)) == 3

        # The lead reconnected too, got a fresh snapshot and converges on the agent's state.
        await wait_for(lambda: lead_seen.snapshots >= 2, within=15, what="a new snapshot")
        await wait_for(
            lambda: (
                lead_seen.team["agent1"].state is AgentState.READY
                and lead_seen.team["agent1"].connected
            ),
            within=15,
            what="the lead's view to converge",
        )
        # Reconnecting twice more sends nothing again: the hub already has every seq.
        await hub.stop()
        hub = await make_hub(port=port)
        await wait_for(lambda: agent.link is Link.ONLINE, within=15, what="the agent back")
        await asyncio.sleep(0.3)
        assert _history(demo_db, "agent1")[len(before) :] == after
    finally:
        await agent.close()
        await lead.close()


async def test_the_outbox_survives_a_client_restart(
    make_hub: HubFactory, certs: DevCerts, demo_db: Path, tmp_path: Path
) -> None:
    hub = await make_hub()
    port = hub.port
    keyring = MemorySecretStore()  # stands for the OS keyring, which outlives the app
    store = open_client_store(tmp_path / "client.sqlite3")
    agent, _ = make_session(hub.url, certs.ca_file, store=store, secrets=keyring)
    await agent.sign_in("agent2", DEMO_PASSWORD)
    await wait_for(lambda: agent.pending_reports == 0, what="the sign-in report")
    before = _history(demo_db, "agent2")

    await hub.stop()
    await wait_for(lambda: agent.link is not Link.ONLINE, what="the agent to see the outage")
    for event in OFFLINE_CHANGES:
        agent.request(event)
    await agent.close()  # the app quits (or crashes) with three reports undelivered
    store.close()

    hub = await make_hub(port=port)
    store = open_client_store(tmp_path / "client.sqlite3")
    again, _ = make_session(hub.url, certs.ca_file, store=store, secrets=keyring)
    try:
        assert again.pending_reports == 3
        info = await again.resume("agent2")  # the refresh token from the keyring
        assert info is not None
        assert info.username == "agent2"
        await wait_for(lambda: again.pending_reports == 0, within=15, what="the outbox to drain")
        states = [(state, reason) for _, state, reason in _history(demo_db, "agent2")]
        assert states[len(before) : len(before) + 3] == [
            (AgentState.READY, None),
            (AgentState.NOT_READY, "break"),
            (AgentState.READY, None),
        ]
        # The new run signs in Not Ready, after the old run's reports and not before them.
        assert states[len(before) + 3 :] == [(AgentState.NOT_READY, states[-1][1])]
        assert states[-1][0] is AgentState.NOT_READY
    finally:
        await again.close()
        store.close()


async def test_fifty_agents_every_change_reaches_the_lead(
    make_hub: HubFactory, certs: DevCerts, demo_db: Path
) -> None:
    names = add_agents(demo_db, "gamma", 50, lead="lead3")
    hub: HubServer = await make_hub()
    lead, lead_seen = make_session(hub.url, certs.ca_file)
    agents = [make_session(hub.url, certs.ca_file)[0] for _ in names]
    try:
        await lead.sign_in("lead3", DEMO_PASSWORD)
        await lead.subscribe_team()
        await wait_for(lambda: lead_seen.snapshots == 1, what="the team snapshot")
        assert set(lead_seen.team) == set(names)  # the lead's own team and nobody else
        await asyncio.gather(
            *(a.sign_in(n, DEMO_PASSWORD) for a, n in zip(agents, names, strict=True))
        )

        reasons = ["break", "lunch", "training", "meeting"]
        for round_ in range(4):
            for agent in agents:
                agent.request(StateEvent(EventKind.GO_READY))
            await wait_for(
                lambda: all(lead_seen.team[n].state is AgentState.READY for n in names),
                within=15,
                what=f"round {round_}: every agent Ready at the lead",
            )
            for agent in agents:
                agent.request(StateEvent(EventKind.GO_NOT_READY, reason=reasons[round_]))
            await wait_for(
                lambda: all(
                    lead_seen.team[n].reason == reasons[round_]  # noqa: B023 (waited here)
                    for n in names
                ),
                within=15,
                what=f"round {round_}: every agent's new reason at the lead",
            )
        # Every change was its own delta for the lead (spaced by the waits, none coalesced away).
        seen = {
            n: [(p.state, p.reason) for _, p in lead_seen.deltas if p.username == n] for n in names
        }
        for n in names:
            changes = [s for s in seen[n] if s[0] in (AgentState.READY, AgentState.NOT_READY)]
            assert changes[-8:] == [
                item
                for r in reasons
                for item in ((AgentState.READY, None), (AgentState.NOT_READY, r))
            ], n
    finally:
        await asyncio.gather(*(a.close() for a in agents))
        await lead.close()
