"""Presence at the hub: exactly-once reports, team views, fan-out, grace period, restarts.

Real hub on a loopback port over verified TLS, real websockets clients, real SQLite.
"""

from __future__ import annotations

import asyncio
import json
import time
from datetime import UTC, datetime

from tests.helpers import (
    HubFactory,
    login,
    new_client_id,
    no_message,
    recv,
    recv_type,
    send,
    ws_client,
)
from websockets.asyncio.client import ClientConnection

from homeseat.core.agent_state import AgentState
from homeseat.devcerts import DevCerts
from homeseat.hub import HubServer
from homeseat.hub.auth import hash_password
from homeseat.protocol import (
    Ack,
    AgentPresence,
    ErrorReply,
    SessionEnded,
    StateReport,
    TeamDelta,
    TeamSnapshot,
    TeamSubscribe,
)


def _report(seq: int, state: AgentState, reason: str | None = None) -> StateReport:
    return StateReport(id=f"r{seq}", seq=seq, state=state, reason=reason, at=datetime.now(UTC))


async def _subscribe(ws: ClientConnection) -> dict[str, AgentPresence]:
    await send(ws, TeamSubscribe(id="sub"))
    snapshot = await recv_type(ws, TeamSnapshot)
    assert snapshot.id == "sub"
    return {a.username: a for a in snapshot.agents}


async def _delta_for(ws: ClientConnection, username: str, limit: float = 3.0) -> AgentPresence:
    """The next delta entry about ``username`` (other agents' entries are skipped)."""
    deadline = time.monotonic() + limit
    while True:
        delta = await recv_type(ws, TeamDelta, max(0.01, deadline - time.monotonic()))
        for agent in delta.agents:
            if agent.username == username:
                return agent


async def test_agent_cannot_subscribe_to_the_team(hub: HubServer, certs: DevCerts) -> None:
    async with ws_client(hub, certs) as ws:
        await login(ws, "agent1")
        await send(ws, TeamSubscribe(id="peek"))
        refused = await recv(ws)
        assert isinstance(refused, ErrorReply)
        assert (refused.code, refused.ref) == ("forbidden", "peek")
    assert [e.actor for e in hub.storage.audit_entries("forbidden")] == ["agent1"]


async def test_leads_see_their_own_teams_only(hub: HubServer, certs: DevCerts) -> None:
    async with (
        ws_client(hub, certs) as lead1,
        ws_client(hub, certs) as lead2,
        ws_client(hub, certs) as agent,
    ):
        await login(lead1, "lead1")
        await login(lead2, "lead2")
        alpha = await _subscribe(lead1)
        beta = await _subscribe(lead2)
        assert sorted(alpha) == [f"agent{i}" for i in range(1, 9)]  # agents only, no lead
        assert alpha["agent1"].display_name == "张伟"
        assert alpha["agent1"].team == "alpha"
        assert sorted(beta) == ["agent10", "agent9"]
        await login(agent, "agent9", client_id=new_client_id())
        await send(agent, _report(1, AgentState.READY))
        assert await recv(agent) == Ack(id="r1", seq=1)
        seen = await _delta_for(lead2, "agent9")
        assert seen.state is AgentState.READY
        assert seen.connected
        await no_message(lead1, 0.3)  # beta's news never reach alpha's lead
        # A lead given a second team sees both after subscribing again.
        hub.storage.add_lead_team("lead1", "beta", actor="test")
        both = await _subscribe(lead1)
        assert len(both) == 10
        assert both["agent9"].state is AgentState.READY
    # An admin sees every team.
    admin_hash = await asyncio.to_thread(hash_password, "admin-pass-1")
    hub.storage.add_user(
        "admin1", display_name="管理员", password_hash=admin_hash, role="admin", team="ops"
    )
    async with ws_client(hub, certs) as admin:
        await login(admin, "admin1", "admin-pass-1")
        assert len(await _subscribe(admin)) == 10


async def test_state_report_is_applied_exactly_once_to_the_signed_in_user(
    hub: HubServer, certs: DevCerts
) -> None:
    client_id = new_client_id()
    async with ws_client(hub, certs) as lead, ws_client(hub, certs) as agent:
        await login(lead, "lead1")
        await _subscribe(lead)
        await login(agent, "agent1", client_id=client_id)
        assert (await _delta_for(lead, "agent1")).connected  # the sign-in itself
        await send(agent, _report(1, AgentState.NOT_READY, "break"))
        assert await recv(agent) == Ack(id="r1", seq=1, duplicate=False)
        first = await _delta_for(lead, "agent1")
        assert (first.state, first.reason) == (AgentState.NOT_READY, "break")
        # The same report again (e.g. resent after a reconnect) is acknowledged, not re-applied.
        await send(agent, _report(1, AgentState.NOT_READY, "break"))
        assert await recv(agent) == Ack(id="r1", seq=1, duplicate=True)
        await no_message(lead, 0.3)
        await send(agent, _report(2, AgentState.READY))
        assert await recv(agent) == Ack(id="r2", seq=2)
        assert (await _delta_for(lead, "agent1")).state is AgentState.READY
        await send(agent, _report(1, AgentState.NOT_READY, "lunch"))  # stale
        assert await recv(agent) == Ack(id="r1", seq=1, duplicate=True)
        # A report has no field naming another user: trying to add one is refused outright.
        forged = _report(3, AgentState.BUSY).model_dump(mode="json") | {"username": "agent2"}
        await agent.send(json.dumps(forged))
        refused = await recv(agent)
        assert isinstance(refused, ErrorReply)
        assert (refused.code, refused.ref) == ("invalid", "r3")
    agent1 = hub.storage.user("agent1")
    agent2 = hub.storage.user("agent2")
    assert agent1 is not None
    assert agent2 is not None
    events = hub.storage.state_events(agent1.id)
    assert [(e.seq, e.state, e.client_id) for e in events] == [
        (1, AgentState.NOT_READY, client_id),
        (2, AgentState.READY, client_id),
    ]
    assert hub.storage.state_events(agent2.id) == []
    assert hub.storage.last_seq(agent1.id, client_id) == 2
    audit = hub.storage.audit_entries("state")
    assert [(e.actor, e.detail["seq"]) for e in audit] == [("agent1", 1), ("agent1", 2)]
    # Signing in again from the same installation tells the client what the hub already has.
    async with ws_client(hub, certs) as agent:
        welcome = await login(agent, "agent1", client_id=client_id)
    assert welcome.last_seq == 2
    assert welcome.presence.state is AgentState.READY


async def test_a_burst_of_changes_is_coalesced(hub: HubServer, certs: DevCerts) -> None:
    async with ws_client(hub, certs) as lead, ws_client(hub, certs) as agent:
        await login(lead, "lead1")
        await _subscribe(lead)
        await login(agent, "agent2")
        await _delta_for(lead, "agent2")
        states = [AgentState.READY, AgentState.NOT_READY] * 50
        for seq, state in enumerate(states, start=1):
            await send(
                agent, _report(seq, state, "break" if state is AgentState.NOT_READY else None)
            )
        for seq in range(1, len(states) + 1):
            assert await recv(agent) == Ack(id=f"r{seq}", seq=seq)
        frames = 0
        last: AgentPresence | None = None
        while last is None or last.state is not AgentState.NOT_READY:
            last = await _delta_for(lead, "agent2")
            frames += 1
        await no_message(lead, 0.2)
    assert frames <= 20, f"{frames} frames for 100 changes"


async def test_lead_sees_disconnected_only_after_the_grace_period(
    hub: HubServer, certs: DevCerts
) -> None:
    grace = hub.config.disconnect_grace_seconds
    async with ws_client(hub, certs) as lead:
        await login(lead, "lead1")
        await _subscribe(lead)
        # A blip: the agent comes back within the grace period and is never shown disconnected.
        async with ws_client(hub, certs) as agent:
            await login(agent, "agent3")
        async with ws_client(hub, certs) as agent:
            await login(agent, "agent3")
            deadline = time.monotonic() + grace + 0.5
            while time.monotonic() < deadline:
                try:
                    seen = await _delta_for(lead, "agent3", deadline - time.monotonic())
                except (AssertionError, TimeoutError):
                    break
                assert seen.connected
            # A real drop: shown only once the grace period has passed.
            await agent.close()
        dropped = time.monotonic()
        while True:
            seen = await _delta_for(lead, "agent3", grace + 2.0)
            if not seen.connected:
                break
        waited = time.monotonic() - dropped
    assert grace * 0.9 <= waited <= grace + 1.0
    presence = hub.presence_of("agent3")
    assert presence is not None
    assert not presence.connected


async def test_a_new_connection_replaces_the_old_one(hub: HubServer, certs: DevCerts) -> None:
    async with ws_client(hub, certs) as lead:
        await login(lead, "lead1")
        await _subscribe(lead)
        async with ws_client(hub, certs) as old, ws_client(hub, certs) as new:
            await login(old, "agent4")
            await login(new, "agent4")
            ended = await recv(old)
            assert isinstance(ended, SessionEnded)
            assert ended.reason == "replaced"
            await asyncio.wait_for(old.wait_closed(), 2.0)
            assert hub.online_usernames() >= {"agent4"}
            await send(new, _report(1, AgentState.READY))
            assert await recv(new) == Ack(id="r1", seq=1)
            # The replaced connection's end does not make the agent look disconnected.
            await asyncio.sleep(hub.config.disconnect_grace_seconds + 0.3)
            presence = hub.presence_of("agent4")
            assert presence is not None
            assert presence.connected
    assert len(hub.storage.audit_entries("session.replaced")) == 1


async def test_restart_keeps_last_seq_and_presence(make_hub: HubFactory, certs: DevCerts) -> None:
    first = await make_hub()
    client_id = new_client_id()
    async with ws_client(first, certs) as agent, ws_client(first, certs) as other:
        await login(agent, "agent1", client_id=client_id)
        await login(other, "agent2")
        for seq, state in enumerate((AgentState.NOT_READY, AgentState.READY), start=1):
            await send(agent, _report(seq, state, "break" if seq == 1 else None))
            assert await recv(agent) == Ack(id=f"r{seq}", seq=seq)
        await first.stop()
        for ws in (agent, other):
            ended = await recv(ws)
            assert isinstance(ended, SessionEnded)
            assert ended.reason == "shutdown"
    second = await make_hub(db_path=first.config.db_path)
    async with ws_client(second, certs) as lead, ws_client(second, certs) as agent:
        await login(lead, "lead1")
        team = await _subscribe(lead)
        assert team["agent1"].state is AgentState.READY
        assert team["agent2"].connected  # not shown disconnected before its grace runs out
        welcome = await login(agent, "agent1", client_id=client_id)
        assert welcome.last_seq == 2
        assert welcome.presence.state is AgentState.READY
        await send(agent, _report(2, AgentState.READY))
        assert await recv(agent) == Ack(id="r2", seq=2, duplicate=True)
        # agent2 never came back: after the grace period the lead sees it disconnected.
        gone = await _delta_for(lead, "agent2", second.config.disconnect_grace_seconds + 2.0)
        assert not gone.connected
