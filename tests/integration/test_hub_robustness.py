"""Bad input and abuse at the hub: every bad frame is answered, and only its sender is affected.

Real hub on a loopback port over verified TLS, real websockets clients.
"""

from __future__ import annotations

import asyncio
import json

import pytest
from tests.helpers import HubFactory, login, recv, send, ws_client
from websockets.asyncio.client import ClientConnection
from websockets.exceptions import ConnectionClosed

from homeseat.devcerts import DevCerts
from homeseat.hub import HubServer
from homeseat.protocol import MAX_FRAME_BYTES, ErrorReply, Ping, Pong


async def _alive(ws: ClientConnection, ref: str) -> None:
    await send(ws, Ping(id=ref, t=1.0))
    pong = await recv(ws)
    assert isinstance(pong, Pong)
    assert pong.id == ref


async def _read_until_closed(ws: ClientConnection) -> None:
    for _ in range(1000):
        await recv(ws, 3.0)


def _oversized() -> str:
    frame = json.dumps({"type": "ping", "id": "big", "t": 1.0, "pad": ""})
    return frame.replace('"pad": ""', '"pad": "' + "x" * (MAX_FRAME_BYTES + 10) + '"')


#: (name, frame, expected error code, expected ref)
BAD_FRAMES: list[tuple[str, str | bytes, str, str | None]] = [
    ("not-json", "this is not json", "malformed", None),
    ("not-object", "[1, 2, 3]", "malformed", None),
    ("no-type", '{"id": "t1"}', "malformed", "t1"),
    ("unknown-type", '{"type": "launch.rockets", "id": "u1"}', "unknown_type", "u1"),
    ("wrong-field-type", '{"type": "ping", "id": "v1", "t": "soon"}', "invalid", "v1"),
    (
        "bad-seq",
        '{"type": "state.report", "id": "v2", "seq": 0, "state": "ready", "at": "x"}',
        "invalid",
        "v2",
    ),
    (
        "unknown-state",
        '{"type": "state.report", "id": "v3", "seq": 1, "state": "napping", '
        '"at": "2025-01-01T00:00:00Z"}',
        "invalid",
        "v3",
    ),
    ("unknown-field", '{"type": "ping", "id": "v4", "t": 1, "extra": true}', "invalid", "v4"),
    ("oversized", _oversized(), "too_large", None),
    ("binary", b'{"type": "ping"}', "malformed", None),
]


async def test_bad_frames_are_answered_and_nobody_else_is_affected(
    hub: HubServer, certs: DevCerts
) -> None:
    async with ws_client(hub, certs) as bad, ws_client(hub, certs) as good:
        await login(bad, "agent1")
        await login(good, "agent2")
        for name, frame, code, ref in BAD_FRAMES:
            await bad.send(frame)
            reply = await recv(bad)
            assert isinstance(reply, ErrorReply), name
            assert (reply.code, reply.ref) == (code, ref), name
            assert "Traceback" not in reply.message, name
            await _alive(bad, f"still-open-{name}")  # the sender's connection stays usable
            await _alive(good, f"unaffected-{name}")


async def test_bad_frames_before_sign_in_are_answered_too(hub: HubServer, certs: DevCerts) -> None:
    async with ws_client(hub, certs) as ws:
        await ws.send("{")
        reply = await recv(ws)
        assert isinstance(reply, ErrorReply)
        assert reply.code == "malformed"
        await login(ws, "agent1")


async def test_a_frame_far_over_the_limit_closes_only_its_connection(
    hub: HubServer, certs: DevCerts
) -> None:
    async with ws_client(hub, certs) as bad, ws_client(hub, certs) as good:
        await login(bad, "agent1")
        await login(good, "agent2")
        await bad.send("x" * (MAX_FRAME_BYTES * 4))
        with pytest.raises(ConnectionClosed):
            await asyncio.wait_for(bad.recv(), 3.0)
        assert bad.close_code == 1009  # message too big
        await _alive(good, "unaffected")


async def test_rate_limit_then_close_on_sustained_abuse(
    make_hub: HubFactory, certs: DevCerts
) -> None:
    hub = await make_hub(rate_per_second=20.0, rate_burst=10, rate_abuse_limit=40)
    async with ws_client(hub, certs) as flood, ws_client(hub, certs) as good:
        await login(flood, "agent1")  # the sign-in takes one of the ten
        await login(good, "agent2")
        for i in range(15):
            await send(flood, Ping(id=f"p{i}", t=float(i)))
        replies = [await recv(flood) for _ in range(15)]
        pongs = [r for r in replies if isinstance(r, Pong)]
        limited = [r for r in replies if isinstance(r, ErrorReply)]
        assert 9 <= len(pongs) <= 11
        assert {r.code for r in limited} == {"rate_limited"}
        await asyncio.sleep(0.3)  # the bucket refills: allowed again
        await _alive(flood, "after-pause")
        for i in range(200):
            await flood.send(json.dumps({"type": "ping", "t": i}))
        with pytest.raises(ConnectionClosed):
            await _read_until_closed(flood)
        assert flood.close_code == 1008
        await _alive(good, "unaffected")
