"""The hub survives clients that vanish or stall, and nobody else notices.

Real hub on a loopback port over verified TLS, real websockets clients. A vanished client drops
its TCP connection without a close frame (a laptop lid shut, Wi-Fi gone); a stalled client stops
reading (a frozen machine) so the hub's frames pile up for it.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import time
from datetime import UTC, datetime
from pathlib import Path

from tests.helpers import HubFactory, login, recv, recv_type, send, ws_client
from tests.sessions import add_agents
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from homeseat.core.agent_state import AgentState
from homeseat.devcerts import DevCerts
from homeseat.hub import HubServer
from homeseat.protocol import Ack, StateReport, TeamDelta, TeamSnapshot, TeamSubscribe


def _report(seq: int, state: AgentState) -> StateReport:
    reason = "break" if state is AgentState.NOT_READY else None
    return StateReport(id=f"r{seq}", seq=seq, state=state, reason=reason, at=datetime.now(UTC))


async def test_a_vanished_client_is_noticed_and_others_carry_on(
    make_hub: HubFactory, certs: DevCerts
) -> None:
    hub: HubServer = await make_hub(disconnect_grace_seconds=0.5, ws_ping_interval_seconds=0.5)
    async with ws_client(hub, certs) as lead, ws_client(hub, certs) as other:
        await login(lead, "lead1")
        await send(lead, TeamSubscribe(id="s"))
        await recv_type(lead, TeamSnapshot)
        await login(other, "agent2")
        gone = await ws_client(hub, certs)
        await login(gone, "agent1")
        gone.transport.abort()  # no close frame, no FIN handshake: just gone
        deadline = time.monotonic() + 10
        seen_disconnected = False
        while time.monotonic() < deadline and not seen_disconnected:
            delta = await recv_type(lead, TeamDelta, 10)
            seen_disconnected = any(
                a.username == "agent1" and not a.connected for a in delta.agents
            )
        assert seen_disconnected
        assert "agent1" not in hub.online_usernames()
        # The others never noticed anything.
        await send(other, _report(1, AgentState.READY))
        assert await recv(other) == Ack(id="r1", seq=1)


async def test_a_stalled_reader_is_cut_off_without_slowing_anyone(
    make_hub: HubFactory, certs: DevCerts, demo_db: Path
) -> None:
    add_agents(demo_db, "alpha", 300, lead="lead1b")  # big snapshots for alpha's lead
    hub: HubServer = await make_hub(send_queue_frames=8)
    # A lead whose machine froze: tiny receive buffer, and it stops reading after sign-in.
    raw = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    raw.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    raw.setblocking(False)
    await asyncio.get_running_loop().sock_connect(raw, ("127.0.0.1", hub.port))
    stalled = await connect(
        hub.url, sock=raw, ssl=certs.client_context(), server_hostname="127.0.0.1"
    )
    async with ws_client(hub, certs) as watcher, ws_client(hub, certs) as agent:
        await login(stalled, "lead1")
        await login(watcher, "lead2")  # another team's lead, served all along
        await login(agent, "agent1")
        stalled.transport.pause_reading()
        # The frozen client still had asked for its team over and over before freezing: each
        # answer is a snapshot of 308 agents the hub must queue for it.
        started = time.monotonic()
        seq = 0
        while "lead1" in hub.online_usernames() and time.monotonic() - started < 15:
            with contextlib.suppress(ConnectionClosed):
                await send(stalled, TeamSubscribe(id=f"s{seq}"))
            seq += 1
            state = AgentState.READY if seq % 2 else AgentState.NOT_READY
            await send(agent, _report(seq, state))
            assert isinstance(await recv(agent), Ack)  # the agent is never slowed
            await asyncio.sleep(0.025)  # under the per-connection rate limit (50/s)
        assert "lead1" not in hub.online_usernames(), "the stalled lead was never cut off"
        # Measured here: cut off ~3.5 s after it stopped reading (queue full, then 2 s grace).
        assert time.monotonic() - started < 12
        # The other lead is unaffected and still served.
        await send(watcher, TeamSubscribe(id="w2"))
        assert (await recv_type(watcher, TeamSnapshot)).id == "w2"
    stalled.transport.abort()
