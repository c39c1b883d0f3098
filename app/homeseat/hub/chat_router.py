"""Chat routing at the hub: queue per team, offers to Ready agents with free capacity, delivery.

Runs on the hub's loop thread; every method is a quick synchronous step (SQLite writes are short
local transactions), so conversations never wait on each other. A conversation is ``queued``
until an agent of its team is Ready, connected, below capacity and has no other open offer; it
is then ``offered`` to the one with the fewest chats (longest in state first) until the offer
timer runs out, when it goes to the next agent. Accepted, it is ``active`` with that agent until
closed, moved (transfer to an agent or back to the queue), or the agent goes away for good
(signed out, or disconnected past the grace period), which requeues it.

Every line is stored once (:class:`ChatStore`), acknowledged to its sender and forwarded to the
other side; resyncs resend what a side is missing. Failures inside a step are logged by the
caller (the connection handlers) and answered with ``internal``.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from collections import deque
from collections.abc import Callable

from homeseat.core.agent_state import AgentState, Clock
from homeseat.hub.chat_agents import AGENT_MESSAGES, AgentRequests
from homeseat.hub.chat_config import ChatConfig
from homeseat.hub.chat_state import AgentPeer, AgentSlot, Chat, Peer, to_line
from homeseat.hub.chat_store import ChatStore
from homeseat.hub.records import User
from homeseat.protocol import AgentPresence
from homeseat.protocol.chat import (
    ChatAck,
    ChatEnded,
    ChatOffer,
    ChatOfferWithdrawn,
    ChatTyping,
    CustomerStatus,
    CustomerWelcome,
    EndReason,
)

__all__ = ["Peer", "AgentPeer", "ChatRouter", "Chat", "AGENT_MESSAGES"]

log = logging.getLogger(__name__)


class ChatRouter(AgentRequests):
    """Queues, offers and carries customer chats. Lives on the hub's loop thread.

    Args:
        config: capacity, offer timeout, auto-accept.
        store: the chat tables.
        clock: wall and monotonic clocks.
        lookup: the live connection of a signed-in user id (None when offline).
    """

    def __init__(
        self,
        config: ChatConfig,
        store: ChatStore,
        clock: Clock,
        lookup: Callable[[int], AgentPeer | None],
    ) -> None:
        self._config = config
        self._store = store
        self._clock = clock
        self._lookup = lookup
        self._chats: dict[str, Chat] = {}
        self._queues: dict[str, deque[str]] = {}
        self._agents: dict[int, AgentSlot] = {}
        self._customers: set[Peer] = set()

    @property
    def store(self) -> ChatStore:
        """The transcripts."""
        return self._store

    def start(self) -> None:
        """Reload open conversations after a restart: active ones keep their agent."""
        now = self._clock.monotonic()
        for stored in self._store.open_chats():
            chat = Chat(
                stored.id, stored.team, stored.customer, stored.topic, now, stored.created_at
            )
            chat.last_seq = stored.last_seq
            if stored.status == "active" and stored.agent_id is not None:
                chat.status, chat.agent_id = "active", stored.agent_id
            self._chats[chat.id] = chat
            if chat.status == "queued" or stored.status == "offered":
                chat.status = "queued"
                self._queues.setdefault(chat.team, deque()).append(chat.id)

    def attach_customer(self, peer: Peer) -> None:
        """A customer connection opened (closed by :meth:`close_customers` at shutdown)."""
        self._customers.add(peer)

    def detach_customer(self, peer: Peer) -> None:
        """A customer connection closed."""
        self._customers.discard(peer)

    def close_customers(self) -> None:
        """Hub shutdown: close every customer page (they resume with their token later)."""
        for peer in list(self._customers):
            peer.close()

    def stop(self) -> None:
        """Cancel the offer timers (the store is closed by the server)."""
        for chat in self._chats.values():
            for timer in (chat.offer_timer, chat.retry_timer):
                if timer is not None:
                    timer.cancel()

    # ------------------------------------------------------------------ queries

    def chat(self, chat_id: str) -> Chat | None:
        """An open conversation."""
        return self._chats.get(chat_id)

    def queued(self, team: str) -> int:
        """Conversations waiting in ``team``'s queue."""
        return len(self._queues.get(team, ()))

    def active_of(self, user_id: int) -> set[str]:
        """Chats an agent holds."""
        agent = self._agents.get(user_id)
        return set(agent.active) if agent else set()

    # ------------------------------------------------------------------ agents

    def presence_changed(self, user: User, presence: AgentPresence) -> None:
        """An agent's presence changed: requeue their chats if they left, route if Ready."""
        agent = self._agents.get(user.id)
        if agent is None:
            agent = self._agents[user.id] = AgentSlot(user, presence)
            for chat in self._chats.values():
                if chat.agent_id == user.id and chat.status == "active":
                    agent.active.add(chat.id)
        agent.presence = presence
        if presence.state is AgentState.SIGNED_OUT or not presence.connected:
            self._agent_gone(agent)
        self._route(user.team)

    def _agent_gone(self, agent: AgentSlot) -> None:
        """Signed out or disconnected past the grace period: nothing may wait on them."""
        if agent.offer is not None:
            chat = self._chats.get(agent.offer)
            if chat is not None:
                self._withdraw(chat, "unavailable", notify=False)
        for chat_id in sorted(agent.active):
            chat = self._chats.get(chat_id)
            if chat is None:
                continue
            chat.agent_id, chat.status = None, "queued"
            chat.declined = set()
            self._store.set_status(
                chat.id,
                "queued",
                None,
                self._clock.wall(),
                event="requeued",
                agent=agent.user.username,
            )
            self._queues.setdefault(chat.team, deque()).appendleft(chat.id)
            if chat.customer_peer is not None:
                chat.customer_peer.deliver(CustomerStatus(status="queued", position=1))
        agent.active.clear()

    # ------------------------------------------------------------------ customers

    def open(self, team: str, customer: str, topic: str, peer: Peer) -> tuple[Chat, str] | None:
        """A new customer conversation; returns it and its resume token (None: queue full)."""
        if sum(len(q) for q in self._queues.values()) >= self._config.max_queued:
            return None
        chat_id = "c" + secrets.token_hex(8)
        token = secrets.token_urlsafe(24)
        now = self._clock.wall()
        self._store.create(chat_id, team, customer, topic, token, now)
        chat = Chat(chat_id, team, customer, topic, self._clock.monotonic(), now)
        chat.customer_peer = peer
        self._chats[chat_id] = chat
        self._queues.setdefault(team, deque()).append(chat_id)
        peer.deliver(CustomerWelcome(chat_id=chat_id, resume_token=token))
        peer.deliver(CustomerStatus(status="queued", position=self.queued(team)))
        self._route(team)
        return chat, token

    def resume(self, token: str, after_seq: int, peer: Peer) -> Chat | None:
        """A customer page came back with its token: resend what it is missing."""
        stored = self._store.by_token(token)
        if stored is None:
            return None
        peer.deliver(CustomerWelcome(chat_id=stored.id, resume_token=token))
        for line in self._store.lines(stored.id, after_seq):
            peer.deliver(to_line(line))
        chat = self._chats.get(stored.id)
        if chat is None:  # closed meanwhile
            peer.deliver(ChatEnded(chat_id=stored.id, reason="closed"))
            peer.deliver(CustomerStatus(status="ended"))
            return None
        chat.customer_peer = peer
        if chat.status == "active" and chat.agent_id is not None:
            agent = self._agents.get(chat.agent_id)
            name = agent.user.display_name if agent else None
            peer.deliver(CustomerStatus(status="connected", agent=name))
        else:
            peer.deliver(CustomerStatus(status="queued", position=self._position(chat)))
        return chat

    def customer_send(self, chat: Chat, msg_id: str, text: str, ref: str | None) -> None:
        """A customer's line: store once, acknowledge, forward to the agent."""
        peer = chat.customer_peer
        stored, duplicate = self._store.add_line(
            chat.id, "customer", msg_id, chat.customer, text, self._clock.wall()
        )
        chat.last_seq = max(chat.last_seq, stored.seq)
        if peer is not None:
            peer.deliver(
                ChatAck(id=ref, chat_id=chat.id, msg_id=msg_id, seq=stored.seq, duplicate=duplicate)
            )
        if not duplicate and chat.status == "active" and chat.agent_id is not None:
            agent_peer = self._lookup(chat.agent_id)
            if agent_peer is not None:
                agent_peer.deliver(to_line(stored))

    def customer_typing(self, chat: Chat, typing: bool) -> None:
        """Tell the agent the customer is (not) typing."""
        if chat.status == "active" and chat.agent_id is not None:
            agent_peer = self._lookup(chat.agent_id)
            if agent_peer is not None:
                agent_peer.deliver(ChatTyping(chat_id=chat.id, typing=typing))

    def customer_leave(self, chat: Chat) -> None:
        """The customer ended the conversation."""
        self._end(chat, "customer_left", None, None)

    def customer_gone(self, chat: Chat, peer: Peer) -> None:
        """The customer's connection closed (they may resume with the token)."""
        if chat.customer_peer is peer:
            chat.customer_peer = None

    # ------------------------------------------------------------------ routing

    def _position(self, chat: Chat) -> int:
        queue = self._queues.get(chat.team, deque())
        return queue.index(chat.id) + 1 if chat.id in queue else 1

    def _can_take(self, agent: AgentSlot, chat: Chat, *, transfer: bool = False) -> bool:
        p = agent.presence
        if not p.connected or agent.offer is not None or agent.user.role != "agent":
            return False
        if len(agent.active) >= self._config.capacity or self._lookup(agent.user.id) is None:
            return False
        if transfer:
            return p.state in (AgentState.READY, AgentState.BUSY) and (
                p.state is AgentState.READY or p.channel == "chat"
            )
        return p.state is AgentState.READY and agent.user.team == chat.team

    def _route(self, team: str) -> None:
        """Offer waiting chats of ``team``, oldest first, while someone can take one.

        A chat every available agent has passed on waits one offer timeout before it goes
        round again (so a decline is not answered by the same offer at once), without holding
        up the chats behind it.
        """
        queue = self._queues.get(team)
        if not queue:
            return
        kept: deque[str] = deque()
        seen: set[str] = set()
        while queue:
            chat_id = queue.popleft()
            chat = self._chats.get(chat_id)
            if chat is None or chat.status != "queued" or chat_id in seen:
                continue
            seen.add(chat_id)
            candidates = [a for a in self._agents.values() if self._can_take(a, chat)]
            if not candidates:  # nobody of this team can take a chat now
                kept.append(chat_id)
                kept.extend(queue)
                queue.clear()
                break
            fresh = [a for a in candidates if a.user.id not in chat.declined]
            if not fresh:
                self._retry_later(chat)
                kept.append(chat_id)
                continue
            best = min(fresh, key=lambda a: (len(a.active), a.presence.since, a.user.id))
            if not self._offer(chat, best):
                kept.append(chat_id)
        queue.extend(kept)

    def _retry_later(self, chat: Chat) -> None:
        if chat.retry_timer is None:
            chat.retry_timer = asyncio.get_running_loop().call_later(
                self._config.offer_timeout_seconds, self._retry, chat.id
            )

    def _retry(self, chat_id: str) -> None:
        # A timer callback: log here, nothing above it would.
        try:
            chat = self._chats.get(chat_id)
            if chat is not None:
                chat.retry_timer = None
                chat.declined.clear()
                self._route(chat.team)
        except Exception:
            log.exception("re-offering chat %s failed", chat_id)

    def _offer_message(self, chat: Chat) -> ChatOffer:
        left = max(0.1, chat.offer_deadline - self._clock.monotonic())
        return ChatOffer(
            chat_id=chat.id,
            customer=chat.customer[:80],
            topic=chat.topic[:200],
            team=chat.team,
            waiting_since=chat.waiting_since,
            expires_in=round(left, 3),
            capacity=self._config.capacity,
            auto_accept=self._config.auto_accept,
            transferred_from=chat.transferred_from,
        )

    def _offer(self, chat: Chat, agent: AgentSlot) -> bool:
        """Offer ``chat`` to ``agent``; False when they went offline (the chat keeps waiting)."""
        peer = self._lookup(agent.user.id)
        if peer is None:
            return False
        timeout = self._config.offer_timeout_seconds
        chat.status, chat.offered_to = "offered", agent.user.id
        chat.offer_deadline = self._clock.monotonic() + timeout
        agent.offer = chat.id
        chat.offer_timer = asyncio.get_running_loop().call_later(timeout, self._expired, chat.id)
        self._store.set_status(
            chat.id,
            "offered",
            None,
            self._clock.wall(),
            event="offered",
            agent=agent.user.username,
        )
        peer.deliver(self._offer_message(chat))
        return True

    def _expired(self, chat_id: str) -> None:
        # A timer callback: an exception would only reach the loop's handler, so log it here.
        try:
            chat = self._chats.get(chat_id)
            if chat is not None and chat.status == "offered":
                self._withdraw(chat, "timeout", notify=True)
        except Exception:
            log.exception("expiring the offer of chat %s failed", chat_id)

    def _cancel_offer(self, chat: Chat, agent: AgentSlot | None) -> None:
        if chat.offer_timer is not None:
            chat.offer_timer.cancel()
            chat.offer_timer = None
        if agent is not None and agent.offer == chat.id:
            agent.offer = None
        chat.offered_to = None

    def _withdraw(self, chat: Chat, reason: str, *, notify: bool) -> None:
        """An offer ends unanswered: the chat goes back to the head of its queue."""
        agent_id = chat.offered_to
        agent = self._agents.get(agent_id) if agent_id is not None else None
        self._cancel_offer(chat, agent)
        if agent_id is not None:
            chat.declined.add(agent_id)
        if notify and agent_id is not None:
            peer = self._lookup(agent_id)
            if peer is not None:
                peer.deliver(ChatOfferWithdrawn(chat_id=chat.id, reason=reason))
        chat.status, chat.target = "queued", None
        self._store.set_status(
            chat.id,
            "queued",
            None,
            self._clock.wall(),
            event=f"offer_{reason}",
            agent=agent.user.username if agent else None,
        )
        self._queues.setdefault(chat.team, deque()).appendleft(chat.id)
        self._route(chat.team)

    def _end(self, chat: Chat, reason: EndReason, code: str | None, actor: str | None) -> None:
        """Close a conversation for everyone."""
        agent_id = chat.agent_id
        if chat.status == "offered" and chat.offered_to is not None:
            offered = self._agents.get(chat.offered_to)
            peer = self._lookup(chat.offered_to)
            self._cancel_offer(chat, offered)
            if peer is not None:
                peer.deliver(ChatOfferWithdrawn(chat_id=chat.id, reason="customer_left"))
        chat.status = "closed"
        if chat.retry_timer is not None:
            chat.retry_timer.cancel()
        self._store.close_chat(chat.id, self._clock.wall(), reason, code, actor)
        del self._chats[chat.id]
        if chat.customer_peer is not None:
            chat.customer_peer.deliver(ChatEnded(chat_id=chat.id, reason=reason))
            chat.customer_peer.deliver(CustomerStatus(status="ended"))
        if agent_id is not None:
            agent = self._agents.get(agent_id)
            if agent is not None:
                agent.active.discard(chat.id)
            peer = self._lookup(agent_id)
            if peer is not None and reason != "closed":
                peer.deliver(ChatEnded(chat_id=chat.id, reason=reason))
        self._route(chat.team)
