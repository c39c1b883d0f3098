"""Helpers for tests that talk to a real hub with a raw websockets client.

Every wait is bounded: ``recv`` fails after its ``limit`` in seconds instead of hanging.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from websockets.asyncio.client import ClientConnection, connect

from homeseat.devcerts import DevCerts
from homeseat.hub import HubServer
from homeseat.hub.demo import DEMO_PASSWORD
from homeseat.protocol import (
    MAX_FRAME_BYTES,
    HubMessage,
    Login,
    Message,
    Welcome,
    decode_hub,
    encode,
)

__all__ = [
    "HubFactory",
    "ws_client",
    "recv",
    "recv_type",
    "send",
    "login",
    "no_message",
    "new_client_id",
]

M = TypeVar("M", bound=Message)

#: The type of the ``make_hub`` fixture: ``await make_hub(**HubConfig overrides)``.
HubFactory = Callable[..., Awaitable[HubServer]]


def ws_client(hub: HubServer | str, certs: DevCerts, **kwargs: Any) -> connect:
    """A real websockets client for ``hub`` (a server or its URL), trusting ``certs``' CA.

    Use as ``async with ws_client(hub, certs) as ws:`` (or ``ws = await ws_client(...)``).
    """
    url = hub if isinstance(hub, str) else hub.url
    options: dict[str, Any] = {
        "ssl": certs.client_context() if url.startswith("wss://") else None,
        "open_timeout": 5,
        "close_timeout": 2,
        "max_size": MAX_FRAME_BYTES * 16,
    }
    options.update(kwargs)
    return connect(url, **options)


def new_client_id() -> str:
    """A fresh installation id."""
    return f"test-{uuid.uuid4().hex[:12]}"


async def send(ws: ClientConnection, message: Message) -> None:
    """Send one protocol message."""
    await ws.send(encode(message))


async def recv(ws: ClientConnection, limit: float = 5.0) -> HubMessage:
    """The next message from the hub (fails after ``limit`` seconds)."""
    return decode_hub(await asyncio.wait_for(ws.recv(), limit))


async def recv_type(ws: ClientConnection, kind: type[M], limit: float = 5.0) -> M:
    """The next message of type ``kind``, skipping others (team deltas, pongs...)."""
    deadline = asyncio.get_running_loop().time() + limit
    while True:
        left = deadline - asyncio.get_running_loop().time()
        if left <= 0:
            raise AssertionError(f"no {kind.__name__} within {limit} s")
        msg = await recv(ws, left)
        if isinstance(msg, kind):
            return msg


async def login(
    ws: ClientConnection,
    username: str,
    password: str = DEMO_PASSWORD,
    *,
    client_id: str | None = None,
    ref: str = "login",
) -> Welcome:
    """Sign in on ``ws``; fails unless the hub answers with Welcome."""
    await send(
        ws,
        Login(
            id=ref,
            username=username,
            password=password,
            client_id=client_id or new_client_id(),
            client_version="tests",
        ),
    )
    reply = await recv(ws, 10.0)
    assert isinstance(reply, Welcome), f"sign-in of {username} refused: {reply!r}"
    return reply


async def no_message(ws: ClientConnection, within: float) -> None:
    """Assert that the hub sends nothing for ``within`` seconds."""
    try:
        frame = await asyncio.wait_for(ws.recv(), within)
    except TimeoutError:
        return
    raise AssertionError(f"unexpected frame: {frame!r}")
