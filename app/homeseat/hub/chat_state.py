"""What the chat router holds: open conversations, agents, and the peers it talks to.

Plain data, owned by the hub's loop thread (:class:`~homeseat.hub.chat_router.ChatRouter`).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from homeseat.hub.chat_store import StoredLine
from homeseat.hub.records import User
from homeseat.protocol import AgentPresence, HubMessage, Message
from homeseat.protocol.chat import ChatLine

__all__ = ["Peer", "AgentPeer", "Chat", "AgentSlot", "to_line"]


class Peer(Protocol):
    """A customer's connection: the router queues messages for it."""

    def deliver(self, message: Message) -> None:
        """Queue a message; never blocks."""
        ...

    def close(self) -> None:
        """Close after what is queued (hub shutdown)."""
        ...


class AgentPeer(Protocol):
    """A signed-in agent's connection."""

    def deliver(self, message: HubMessage) -> None:
        """Queue a message; never blocks."""
        ...


@dataclass(slots=True)
class Chat:
    """One open conversation as the router holds it."""

    id: str
    team: str
    customer: str
    topic: str
    created_mono: float
    waiting_since: datetime  # creation (wall clock), for offers
    status: str = "queued"
    agent_id: int | None = None
    offered_to: int | None = None
    offer_timer: asyncio.TimerHandle | None = None
    offer_deadline: float = 0.0
    declined: set[int] = field(default_factory=set)
    transferred_from: str | None = None
    target: int | None = None  # a transfer to a named agent
    retry_timer: asyncio.TimerHandle | None = None
    customer_peer: Peer | None = None
    last_seq: int = 0


@dataclass(slots=True)
class AgentSlot:
    """An agent as the router sees them: presence, chats held, the open offer."""

    user: User
    presence: AgentPresence
    active: set[str] = field(default_factory=set)
    offer: str | None = None


def to_line(stored: StoredLine) -> ChatLine:
    """A stored line as the protocol sends it."""
    return ChatLine(
        chat_id=stored.chat_id,
        seq=stored.seq,
        msg_id=stored.msg_id,
        sender=stored.sender,
        author=stored.author[:80],
        text=stored.text,
        at=stored.at,
    )
