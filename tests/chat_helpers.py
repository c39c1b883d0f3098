"""Helpers for chat tests: protocol samples and a scripted customer over a raw WebSocket.

Every wait is bounded. The customer speaks the real ``/chat/ws`` protocol, exactly as the web
page does (msg ids, acks, resume with ``after_seq``, resend of unacknowledged lines).
"""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from tests.sessions import Recorder, make_session, wait_for
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from homeseat.core.agent_state import AgentState, EventKind, StateEvent
from homeseat.devcerts import DevCerts
from homeseat.hub import HubServer
from homeseat.hub.demo import DEMO_PASSWORD
from homeseat.platform.chat import ChatClient
from homeseat.platform.session import PlatformSession
from homeseat.protocol import Message, encode
from homeseat.protocol.chat import (
    ChatAccept,
    ChatAck,
    ChatAssigned,
    ChatClose,
    ChatCursor,
    ChatDecline,
    ChatEnded,
    ChatLine,
    ChatOffer,
    ChatOfferWithdrawn,
    ChatSend,
    ChatSync,
    ChatTransfer,
    ChatTyping,
    CustomerLeave,
    CustomerSend,
    CustomerStart,
    CustomerStatus,
    CustomerTyping,
    CustomerWelcome,
)
from homeseat.protocol.customer import TO_CUSTOMER_ADAPTER

__all__ = [
    "CHAT_CLIENT_SAMPLES",
    "CHAT_HUB_SAMPLES",
    "ScriptedCustomer",
    "chat_agent",
    "transcript",
    "hub_transcript",
    "customer_transcript",
]

AT = datetime(2026, 3, 1, 9, 30, 15, 250000, tzinfo=UTC)

CHAT_CLIENT_SAMPLES: list[Message] = [
    ChatAccept(id="a1", chat_id="c0123"),
    ChatDecline(chat_id="c0123"),
    ChatSend(id="s1", chat_id="c0123", msg_id="m-1", text="您好，请问有什么可以帮您？"),
    ChatTyping(chat_id="c0123", typing=True),
    ChatClose(id="x", chat_id="c0123", wrap_up_code="resolved"),
    ChatTransfer(chat_id="c0123", to="agent2"),
    ChatSync(cursors=[ChatCursor(chat_id="c0123", after_seq=4)]),
]

CHAT_HUB_SAMPLES: list[Message] = [
    ChatOffer(
        chat_id="c0123",
        customer="张女士",
        topic="账单",
        team="alpha",
        waiting_since=AT,
        expires_in=15.0,
        capacity=3,
    ),
    ChatOfferWithdrawn(chat_id="c0123", reason="timeout"),
    ChatAssigned(chat_id="c0123", customer="张女士", capacity=3, last_seq=2),
    ChatLine(
        chat_id="c0123", seq=1, msg_id="m-1", sender="customer", author="张女士", text="hi", at=AT
    ),
    ChatAck(chat_id="c0123", msg_id="m-1", seq=1, duplicate=True),
    ChatTyping(chat_id="c0123", typing=False),
    ChatEnded(chat_id="c0123", reason="customer_left"),
]


@dataclass
class ScriptedCustomer:
    """A customer that reconnects and resends like the web page does.

    Args:
        url: the hub's base URL (``wss://127.0.0.1:port``).
        certs: the CA to trust.
        name: the customer's name.
        team: which team's queue.
    """

    url: str
    certs: DevCerts | None
    name: str = "Customer"
    topic: str = ""
    team: str = "alpha"
    chat_id: str | None = None
    token: str | None = None
    lines: list[ChatLine] = field(default_factory=list)
    pending: dict[str, str] = field(default_factory=dict)  # msg_id -> text, unacknowledged
    statuses: list[CustomerStatus] = field(default_factory=list)
    agent_typing: list[bool] = field(default_factory=list)
    ended: bool = False
    duplicates_seen: int = 0
    _ws: ClientConnection | None = None
    _reader: asyncio.Task[None] | None = None
    _welcomed: asyncio.Event = field(default_factory=asyncio.Event)

    @classmethod
    def for_hub(cls, hub: HubServer, certs: DevCerts, **kwargs: Any) -> ScriptedCustomer:
        """A customer of ``hub``."""
        return cls(hub.url, certs, **kwargs)

    @property
    def last_seq(self) -> int:
        """The last line held."""
        return self.lines[-1].seq if self.lines else 0

    @property
    def connected(self) -> bool:
        """True while the WebSocket is open."""
        return self._ws is not None

    async def connect(self) -> None:
        """Open (or resume) the conversation; resends unacknowledged lines."""
        ssl = self.certs.client_context() if self.url.startswith("wss://") and self.certs else None
        self._welcomed = asyncio.Event()
        self._ws = await connect(self.url + "/chat/ws", ssl=ssl, open_timeout=5, close_timeout=1)
        start = CustomerStart(name=self.name, topic=self.topic, team=self.team)
        if self.token is not None:
            start = start.model_copy(update={"resume": self.token, "after_seq": self.last_seq})
        await self._ws.send(encode(start))
        self._reader = asyncio.create_task(self._read(self._ws))
        await asyncio.wait_for(self._welcomed.wait(), 5)
        for msg_id, text in list(self.pending.items()):
            await self._send(CustomerSend(msg_id=msg_id, text=text))

    async def say(self, text: str) -> str:
        """Send a line (kept until acknowledged, resent after a reconnect)."""
        msg_id = f"cust-{uuid.uuid4().hex[:16]}"
        self.pending[msg_id] = text
        await self._send(CustomerSend(msg_id=msg_id, text=text))
        return msg_id

    async def typing(self, on: bool) -> None:
        """Tell the agent we are typing."""
        await self._send(CustomerTyping(typing=on))

    async def leave(self) -> None:
        """End the conversation."""
        await self._send(CustomerLeave())

    def cut(self) -> None:
        """Drop the TCP connection abruptly (no close handshake): a network cut."""
        ws = self._ws
        if ws is not None:
            ws.transport.abort()

    async def close(self) -> None:
        """Close politely and stop reading."""
        ws, self._ws = self._ws, None
        if ws is not None:
            await ws.close()
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._reader

    def texts(self) -> list[tuple[str, str]]:
        """The transcript as (sender, text)."""
        return [(line.sender, line.text) for line in self.lines]

    async def _send(self, msg: Message) -> None:
        ws = self._ws
        if ws is None:
            return  # offline: kept in ``pending`` for the next connection
        with contextlib.suppress(ConnectionClosed):
            await ws.send(encode(msg))

    def _take(self, line: ChatLine) -> bool:
        if line.seq <= self.last_seq:
            self.duplicates_seen += 1
            return True
        if line.seq != self.last_seq + 1:
            return False
        self.lines.append(line)
        if line.sender == "customer":
            self.pending.pop(line.msg_id, None)
        return True

    async def _read(self, ws: ClientConnection) -> None:
        try:
            async for frame in ws:
                msg = TO_CUSTOMER_ADAPTER.validate_json(frame)
                if isinstance(msg, CustomerWelcome):
                    self.chat_id, self.token = msg.chat_id, msg.resume_token
                    self._welcomed.set()
                elif isinstance(msg, ChatLine):
                    if not self._take(msg):
                        ws.transport.abort()  # a gap: resync by reconnecting
                elif isinstance(msg, ChatAck):
                    text = self.pending.get(msg.msg_id)
                    if text is not None:
                        line = ChatLine(
                            chat_id=msg.chat_id,
                            seq=msg.seq,
                            msg_id=msg.msg_id,
                            sender="customer",
                            author=self.name,
                            text=text,
                            at=datetime.now(UTC),
                        )
                        if not self._take(line):
                            ws.transport.abort()
                elif isinstance(msg, CustomerStatus):
                    self.statuses.append(msg)
                    self.ended = self.ended or msg.status == "ended"
                elif isinstance(msg, ChatTyping):
                    self.agent_typing.append(msg.typing)
                elif isinstance(msg, ChatEnded):
                    self.ended = True
        except ConnectionClosed:
            pass
        finally:
            if self._ws is ws:
                self._ws = None


async def chat_agent(
    hub: HubServer, certs: DevCerts, username: str, *, ready: bool = True
) -> tuple[PlatformSession, Recorder, ChatClient]:
    """A signed-in agent (real PlatformSession) with a chat client, Ready by default."""
    session, recorder = make_session(hub.url, certs.ca_file, reconnect_max=0.3)
    client = ChatClient(session, author=username)
    info = await session.sign_in(username, DEMO_PASSWORD, remember=False)
    client.author = info.display_name
    if ready:
        session.request(StateEvent(EventKind.GO_READY))
        await wait_for(
            lambda: _hub_state(hub, username) is AgentState.READY, 5, f"{username} Ready at hub"
        )
    return session, recorder, client


def _hub_state(hub: HubServer, username: str) -> AgentState | None:
    presence = hub.presence_of(username)
    return None if presence is None else presence.state


def transcript(client: ChatClient, chat_id: str) -> list[tuple[int, str, str]]:
    """The agent's copy of a transcript as (seq, sender, text)."""
    chat = client.book.require(chat_id)
    return [(line.seq, line.sender.value, line.text) for line in chat.lines]


def hub_transcript(hub: HubServer, chat_id: str) -> list[tuple[int, str, str]]:
    """The hub's stored transcript as (seq, sender, text)."""
    return [(line.seq, line.sender, line.text) for line in hub.chat.store.lines(chat_id)]


def customer_transcript(customer: ScriptedCustomer) -> list[tuple[int, str, str]]:
    """The customer's copy as (seq, sender, text)."""
    return [(line.seq, line.sender, line.text) for line in customer.lines]
