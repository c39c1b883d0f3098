"""The agent's customer chats: Offered → Active(unread) → Closed, several at once up to a capacity.

Pure model, no I/O. Owned by one thread (the Qt main thread in the app, a task in robots and
tests), which is the only caller. Each conversation keeps its transcript ordered by the hub's
per-conversation ``seq``; the agent's own lines wait in ``pending`` (by message id) until the hub
acknowledges them with their ``seq``, so a line is never shown twice nor lost, whatever the link
does. :func:`state_events` says which agent-state events the chats imply (Busy at capacity).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from homeseat.core.agent_state import AgentState, AgentStatus, EventKind, StateEvent

__all__ = [
    "ChatPhase",
    "Sender",
    "ChatLine",
    "PendingLine",
    "Conversation",
    "ChatBook",
    "ChatError",
    "state_events",
]


class ChatPhase(enum.StrEnum):
    """Where a conversation stands for this agent."""

    OFFERED = "offered"
    ACTIVE = "active"
    CLOSED = "closed"


class Sender(enum.StrEnum):
    """Who wrote a line."""

    CUSTOMER = "customer"
    AGENT = "agent"
    SYSTEM = "system"


class ChatError(ValueError):
    """A chat operation the conversation's phase does not allow; the message says why."""


@dataclass(frozen=True, slots=True)
class ChatLine:
    """One line of a transcript as the hub numbered it."""

    seq: int
    msg_id: str
    sender: Sender
    author: str
    text: str
    at: datetime


@dataclass(frozen=True, slots=True)
class PendingLine:
    """One of the agent's lines not yet acknowledged by the hub."""

    msg_id: str
    text: str
    at: datetime


@dataclass(slots=True)
class Conversation:
    """One customer conversation. Mutated only through :class:`ChatBook`."""

    chat_id: str
    customer: str
    topic: str
    phase: ChatPhase
    offered_mono: float
    waiting_since_mono: float  # since the customer's oldest unanswered line (or the offer)
    lines: list[ChatLine] = field(default_factory=list)
    pending: list[PendingLine] = field(default_factory=list)
    unread: int = 0
    customer_typing: bool = False
    awaiting_reply: bool = True
    wrap_up_code: str | None = None
    end_reason: str | None = None

    @property
    def last_seq(self) -> int:
        """The highest ``seq`` held (0 for none)."""
        return self.lines[-1].seq if self.lines else 0

    def waiting_seconds(self, now_mono: float) -> float:
        """How long the customer has waited for the agent (0 once answered)."""
        if not self.awaiting_reply or self.phase is ChatPhase.CLOSED:
            return 0.0
        return max(0.0, now_mono - self.waiting_since_mono)


class ChatBook:
    """Every conversation of one agent, with the capacity the platform allows.

    Args:
        capacity: how many active chats the agent may hold at once (at least 1).
    """

    def __init__(self, capacity: int = 3) -> None:
        self._chats: dict[str, Conversation] = {}
        self.capacity = capacity
        self._seen_ids: dict[str, set[str]] = {}

    @property
    def capacity(self) -> int:
        """Active chats allowed at once."""
        return self._capacity

    @capacity.setter
    def capacity(self, value: int) -> None:
        if value < 1:
            raise ValueError(f"chat capacity must be at least 1, not {value}")
        self._capacity = value

    # ------------------------------------------------------------------ queries

    def get(self, chat_id: str) -> Conversation | None:
        """A conversation by id."""
        return self._chats.get(chat_id)

    def require(self, chat_id: str) -> Conversation:
        """A conversation by id, or :class:`ChatError`."""
        chat = self._chats.get(chat_id)
        if chat is None:
            raise ChatError(f"no conversation {chat_id!r}")
        return chat

    def conversations(self, *phases: ChatPhase) -> list[Conversation]:
        """Conversations in the given phases (all when none given), oldest offer first."""
        chats = sorted(self._chats.values(), key=lambda c: c.offered_mono)
        return [c for c in chats if not phases or c.phase in phases]

    @property
    def active_count(self) -> int:
        """Active conversations."""
        return sum(1 for c in self._chats.values() if c.phase is ChatPhase.ACTIVE)

    @property
    def at_capacity(self) -> bool:
        """True when no more chats may be taken."""
        return self.active_count >= self._capacity

    @property
    def unread_total(self) -> int:
        """Unread customer lines over all conversations."""
        return sum(c.unread for c in self._chats.values())

    # ------------------------------------------------------------------ lifecycle

    def offer(self, chat_id: str, customer: str, topic: str, now_mono: float) -> Conversation:
        """A chat is offered (again, after a transfer, if it was closed here before)."""
        chat = self._chats.get(chat_id)
        if chat is not None and chat.phase is not ChatPhase.CLOSED:
            return chat  # the hub re-sends offers after a reconnect: idempotent
        chat = Conversation(chat_id, customer, topic, ChatPhase.OFFERED, now_mono, now_mono)
        self._chats[chat_id] = chat
        self._seen_ids[chat_id] = set()
        return chat

    def withdraw(self, chat_id: str) -> Conversation | None:
        """An offer went away (timed out, taken elsewhere, customer left): forget it."""
        chat = self._chats.get(chat_id)
        if chat is not None and chat.phase is ChatPhase.OFFERED:
            del self._chats[chat_id]
            self._seen_ids.pop(chat_id, None)
            return chat
        return None

    def activate(
        self, chat_id: str, customer: str, topic: str, now_mono: float, *, force: bool = False
    ) -> Conversation:
        """The hub assigned the chat to this agent (after accept, a transfer or a resync).

        Args:
            force: accept even above capacity (the hub's word after a resync wins).

        Raises:
            ChatError: at capacity and not forced.
        """
        chat = self._chats.get(chat_id)
        if chat is not None and chat.phase is ChatPhase.ACTIVE:
            return chat
        if self.at_capacity and not force:
            raise ChatError(f"at chat capacity ({self._capacity})")
        if chat is None or chat.phase is ChatPhase.CLOSED:
            chat = self.offer(chat_id, customer, topic, now_mono)
        chat.phase = ChatPhase.ACTIVE
        return chat

    def close(self, chat_id: str, *, wrap_up_code: str | None, reason: str) -> Conversation:
        """The conversation ended here (closed by the agent, left by the customer, moved)."""
        chat = self.require(chat_id)
        chat.phase = ChatPhase.CLOSED
        chat.wrap_up_code = wrap_up_code or chat.wrap_up_code
        chat.end_reason = chat.end_reason or reason
        chat.customer_typing = False
        return chat

    def forget(self, chat_id: str) -> None:
        """Drop a closed conversation (its tab was dismissed)."""
        chat = self._chats.get(chat_id)
        if chat is not None and chat.phase is ChatPhase.CLOSED:
            del self._chats[chat_id]
            self._seen_ids.pop(chat_id, None)

    # ------------------------------------------------------------------ lines

    def receive(self, chat_id: str, line: ChatLine, now_mono: float, *, visible: bool) -> bool:
        """Add a line from the hub in ``seq`` order; False for a duplicate or out-of-order one.

        Args:
            visible: the agent is looking at this conversation (no unread count then).

        A line with a gap before it is refused (False); the owner asks the hub to resend from
        :attr:`Conversation.last_seq`, which then arrives in order.
        """
        chat = self.require(chat_id)
        if line.seq != chat.last_seq + 1:
            return False
        chat.lines.append(line)
        self._seen_ids.setdefault(chat_id, set()).add(line.msg_id)
        if line.sender is Sender.AGENT:
            chat.pending = [p for p in chat.pending if p.msg_id != line.msg_id]
            chat.awaiting_reply = False
        elif line.sender is Sender.CUSTOMER:
            chat.customer_typing = False
            if not chat.awaiting_reply:
                chat.awaiting_reply = True
                chat.waiting_since_mono = now_mono
            if not visible:
                chat.unread += 1
        return True

    def gap(self, chat_id: str, seq: int) -> bool:
        """True when a line numbered ``seq`` would leave a hole (a resend is needed)."""
        chat = self._chats.get(chat_id)
        return chat is not None and seq > chat.last_seq + 1

    def add_pending(self, chat_id: str, msg_id: str, text: str, at: datetime) -> PendingLine:
        """The agent wrote a line; it waits for the hub's acknowledgement.

        Raises:
            ChatError: the conversation is not active, or the text is empty.
        """
        chat = self.require(chat_id)
        if chat.phase is not ChatPhase.ACTIVE:
            raise ChatError(f"conversation {chat_id} is {chat.phase.value}")
        if not text.strip():
            raise ChatError("an empty message is not sent")
        line = PendingLine(msg_id, text, at)
        chat.pending.append(line)
        return line

    def acknowledge(
        self, chat_id: str, msg_id: str, seq: int, author: str, now_mono: float
    ) -> bool:
        """The hub stored the agent's line as ``seq``; True when that added it to the transcript.

        An ack for a line already in the transcript (a resend after a reconnect) only clears it
        from ``pending``.
        """
        chat = self._chats.get(chat_id)
        if chat is None:
            return False
        pending = next((p for p in chat.pending if p.msg_id == msg_id), None)
        if msg_id in self._seen_ids.get(chat_id, set()) or pending is None:
            chat.pending = [p for p in chat.pending if p.msg_id != msg_id]
            return False
        line = ChatLine(seq, msg_id, Sender.AGENT, author, pending.text, pending.at)
        # False when lines before it are missing: the resync then brings it in order.
        return self.receive(chat_id, line, now_mono, visible=True)

    def mark_read(self, chat_id: str) -> None:
        """The agent looked at the conversation."""
        chat = self._chats.get(chat_id)
        if chat is not None:
            chat.unread = 0

    def set_customer_typing(self, chat_id: str, typing: bool) -> None:
        """The customer started or stopped typing."""
        chat = self._chats.get(chat_id)
        if chat is not None and chat.phase is ChatPhase.ACTIVE:
            chat.customer_typing = typing

    def pending_lines(self) -> Iterable[tuple[str, PendingLine]]:
        """Every unacknowledged line, per conversation in order (to resend after a reconnect)."""
        for chat in self.conversations(ChatPhase.ACTIVE):
            for line in chat.pending:
                yield chat.chat_id, line


def state_events(
    status: AgentStatus, active: int, capacity: int, *, offered: bool
) -> list[StateEvent]:
    """The agent-state events that make ``status`` agree with the chats.

    The rule (issue 6): Busy (chat) while at capacity; available for more (Ready) below it.
    An outstanding offer shows as Offered. Chats never touch Not Ready, a call, or wrap-up of a
    call: a chat ended at capacity finishes its wrap-up at once, because the chat's wrap-up code
    was given when it was closed. A pending Not Ready is applied by the machine itself when the
    agent leaves Busy, so a break asked for during chats starts when the agent drops below
    capacity, and no new chat is offered meanwhile.

    Args:
        status: the agent's status now.
        active: active chats.
        capacity: chat capacity.
        offered: a chat offer is outstanding.
    """
    state, channel = status.state, status.channel
    events: list[StateEvent] = []
    if state is AgentState.READY:
        if active >= capacity:
            events += [
                StateEvent(EventKind.OFFER, channel="chat"),
                StateEvent(EventKind.ACCEPT, channel="chat"),
            ]
        elif offered:
            events.append(StateEvent(EventKind.OFFER, channel="chat"))
    elif state is AgentState.OFFERED and channel == "chat" and not offered:
        # The offer was answered: Busy when that filled the last place, else back to Ready.
        if active >= capacity:
            events.append(StateEvent(EventKind.ACCEPT, channel="chat"))
        else:
            events.append(StateEvent(EventKind.DECLINE))
    elif state is AgentState.BUSY and channel == "chat" and active < capacity:
        events += [StateEvent(EventKind.END), StateEvent(EventKind.FINISH_WRAP_UP)]
    return events
