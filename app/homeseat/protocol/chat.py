"""Protocol v1, customer chat: the agent's chat messages and the customer page's messages.

Agents speak these on their signed-in connection (they join ``ClientMessage``/``HubMessage``).
Customers speak on ``/chat/ws`` with no account: ``customer.start`` opens (or, with its
``resume`` token, resumes) one conversation. Delivery is the same both ways: every line carries a
sender-chosen ``msg_id``; the hub stores it once, numbers it with the conversation's next
``seq`` and answers ``chat.ack``; a line sent again (after a reconnect) is acknowledged with
``duplicate: true`` and not stored or forwarded twice. After reconnecting, the agent sends
``chat.sync`` and the customer ``customer.start`` with ``after_seq``: the hub resends every line
above it, in ``seq`` order, so both transcripts end up complete, ordered and without duplicates.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from homeseat.protocol.messages import Message

__all__ = [
    "MAX_CHAT_TEXT",
    "ChatCursor",
    "ChatAccept",
    "ChatDecline",
    "ChatSend",
    "ChatTyping",
    "ChatClose",
    "ChatTransfer",
    "ChatSync",
    "ChatOffer",
    "ChatOfferWithdrawn",
    "ChatAssigned",
    "ChatLine",
    "ChatAck",
    "ChatEnded",
    "CustomerStart",
    "CustomerSend",
    "CustomerTyping",
    "CustomerLeave",
    "CustomerWelcome",
    "CustomerStatus",
    "AGENT_CHAT_MESSAGES",
    "HUB_CHAT_MESSAGES",
]

#: Longest line of chat text, in characters (a frame stays far below the size limit).
MAX_CHAT_TEXT = 4000

ChatId = Annotated[str, Field(min_length=1, max_length=40, pattern=r"^[A-Za-z0-9_-]+$")]
MsgId = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")]
Text = Annotated[str, Field(min_length=1, max_length=MAX_CHAT_TEXT)]
Code = Annotated[str, Field(min_length=1, max_length=40, pattern=r"^[a-z0-9_]+$")]
Team = Annotated[str, Field(min_length=1, max_length=64)]
Username = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.@-]+$")]
EndReason = Literal["closed", "customer_left", "transferred", "requeued"]


class ChatCursor(BaseModel):
    """How far the client's copy of one conversation goes."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    chat_id: ChatId
    after_seq: Annotated[int, Field(ge=0)] = 0


# ----------------------------------------------------------------------------- agent → hub


class ChatAccept(Message):
    """The agent takes an offered chat; the hub answers ``chat.assigned`` (or ``error``)."""

    type: Literal["chat.accept"] = "chat.accept"
    chat_id: ChatId


class ChatDecline(Message):
    """The agent turns an offered chat down; it is offered to the next agent."""

    type: Literal["chat.decline"] = "chat.decline"
    chat_id: ChatId


class ChatSend(Message):
    """One line of the agent's (or, on ``/chat/ws``, see ``customer.send``) text."""

    type: Literal["chat.send"] = "chat.send"
    chat_id: ChatId
    msg_id: MsgId
    text: Text


class ChatTyping(Message):
    """Someone started or stopped typing (agent → hub → customer and back)."""

    type: Literal["chat.typing"] = "chat.typing"
    chat_id: ChatId
    typing: bool


class ChatClose(Message):
    """The agent ends the conversation with a wrap-up code; acknowledged with ``ack``."""

    type: Literal["chat.close"] = "chat.close"
    chat_id: ChatId
    wrap_up_code: Code


class ChatTransfer(Message):
    """Hand the conversation to another agent (``to``) or back to the queue (``to`` absent)."""

    type: Literal["chat.transfer"] = "chat.transfer"
    chat_id: ChatId
    to: Username | None = None


class ChatSync(Message):
    """After each (re)connection: what the client holds. The hub resends what is missing:
    every chat assigned to the agent (``chat.assigned``, then lines above ``after_seq``), an
    outstanding offer, and ``chat.ended`` for a named chat that is no longer the agent's."""

    type: Literal["chat.sync"] = "chat.sync"
    cursors: Annotated[list[ChatCursor], Field(max_length=64)] = Field(default_factory=list)


# ----------------------------------------------------------------------------- hub → agent


class ChatOffer(Message):
    """A queued chat is offered to this agent until ``expires_in`` seconds pass.

    ``capacity`` is the agent's chat capacity and ``auto_accept`` the platform's wish that the
    client accept at once; ``transferred_from`` names the agent who handed it over.
    """

    type: Literal["chat.offer"] = "chat.offer"
    chat_id: ChatId
    customer: Annotated[str, Field(max_length=80)]
    topic: Annotated[str, Field(max_length=200)] = ""
    team: Team
    waiting_since: datetime
    expires_in: float
    capacity: Annotated[int, Field(ge=1)]
    auto_accept: bool = False
    transferred_from: str | None = None


class ChatOfferWithdrawn(Message):
    """An offer is no longer open: it timed out, the customer left, or it was moved."""

    type: Literal["chat.withdrawn"] = "chat.withdrawn"
    chat_id: ChatId
    reason: Literal["timeout", "customer_left", "declined", "unavailable"]


class ChatAssigned(Message):
    """The chat is this agent's now (after accept, a transfer, or a resync)."""

    type: Literal["chat.assigned"] = "chat.assigned"
    chat_id: ChatId
    customer: Annotated[str, Field(max_length=80)]
    topic: Annotated[str, Field(max_length=200)] = ""
    capacity: Annotated[int, Field(ge=1)]
    last_seq: Annotated[int, Field(ge=0)]


class ChatLine(Message):
    """One stored line of a transcript, numbered ``seq`` (1, 2, ...) in its conversation."""

    type: Literal["chat.message"] = "chat.message"
    chat_id: ChatId
    seq: Annotated[int, Field(ge=1)]
    msg_id: MsgId
    sender: Literal["customer", "agent", "system"]
    author: Annotated[str, Field(max_length=80)]
    text: Text
    at: datetime


class ChatAck(Message):
    """The hub stored the sender's line ``msg_id`` as ``seq`` (``duplicate``: it already had it)."""

    type: Literal["chat.ack"] = "chat.ack"
    chat_id: ChatId
    msg_id: MsgId
    seq: Annotated[int, Field(ge=1)]
    duplicate: bool = False


class ChatEnded(Message):
    """The conversation is over for this side: closed, the customer left, or moved away."""

    type: Literal["chat.ended"] = "chat.ended"
    chat_id: ChatId
    reason: EndReason


AGENT_CHAT_MESSAGES = (
    ChatAccept,
    ChatDecline,
    ChatSend,
    ChatTyping,
    ChatClose,
    ChatTransfer,
    ChatSync,
)
HUB_CHAT_MESSAGES = (
    ChatOffer,
    ChatOfferWithdrawn,
    ChatAssigned,
    ChatLine,
    ChatAck,
    ChatTyping,
    ChatEnded,
)

# ----------------------------------------------------------------------------- customer page


class CustomerStart(Message):
    """Open a conversation, or resume one with ``resume`` (the token from ``customer.welcome``)
    and ``after_seq`` (the last line the page shows)."""

    type: Literal["customer.start"] = "customer.start"
    name: Annotated[str, Field(min_length=1, max_length=80)]
    topic: Annotated[str, Field(max_length=200)] = ""
    team: Team = "alpha"
    resume: Annotated[str, Field(min_length=16, max_length=128)] | None = None
    after_seq: Annotated[int, Field(ge=0)] = 0


class CustomerSend(Message):
    """One line of the customer's text."""

    type: Literal["customer.send"] = "customer.send"
    msg_id: MsgId
    text: Text


class CustomerTyping(Message):
    """The customer started or stopped typing."""

    type: Literal["customer.typing"] = "customer.typing"
    typing: bool


class CustomerLeave(Message):
    """The customer ends the conversation."""

    type: Literal["customer.leave"] = "customer.leave"


class CustomerWelcome(Message):
    """The conversation is open; keep ``resume_token`` to come back after a dropped link."""

    type: Literal["customer.welcome"] = "customer.welcome"
    chat_id: ChatId
    resume_token: str


class CustomerStatus(Message):
    """Where the customer stands: waiting in the queue, with an agent, or finished."""

    type: Literal["customer.status"] = "customer.status"
    status: Literal["queued", "connected", "ended"]
    agent: str | None = None
    position: int | None = None
