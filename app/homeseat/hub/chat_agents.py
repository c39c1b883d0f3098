"""The agents' chat requests at the hub: send, accept, decline, typing, close, transfer, sync.

A mixin of :class:`~homeseat.hub.chat_router.ChatRouter` (kept apart so each module has one
job): these methods answer one agent's frame on the hub's loop thread and use the router's
queue and offer machinery, declared below and implemented by the router.
"""

from __future__ import annotations

from collections import deque

from homeseat.core.agent_state import Clock
from homeseat.hub.chat_config import ChatConfig
from homeseat.hub.chat_state import AgentPeer, AgentSlot, Chat, to_line
from homeseat.hub.chat_store import ChatStore
from homeseat.hub.records import User
from homeseat.protocol import Ack, ErrorReply
from homeseat.protocol.chat import (
    ChatAccept,
    ChatAck,
    ChatAssigned,
    ChatClose,
    ChatDecline,
    ChatEnded,
    ChatOffer,
    ChatSend,
    ChatSync,
    ChatTransfer,
    ChatTyping,
    CustomerStatus,
    EndReason,
)

__all__ = ["AGENT_MESSAGES", "AgentMessage", "AgentRequests"]

AGENT_MESSAGES = (ChatAccept, ChatDecline, ChatSend, ChatTyping, ChatClose, ChatTransfer, ChatSync)
AgentMessage = (
    ChatAccept | ChatDecline | ChatSend | ChatTyping | ChatClose | ChatTransfer | ChatSync
)


class AgentRequests:
    """Handles chat frames from signed-in agents (mixed into the router)."""

    _config: ChatConfig
    _store: ChatStore
    _clock: Clock
    _chats: dict[str, Chat]
    _queues: dict[str, deque[str]]
    _agents: dict[int, AgentSlot]

    # Implemented by the router.
    def _route(self, team: str) -> None:
        raise NotImplementedError

    def _offer(self, chat: Chat, agent: AgentSlot) -> bool:
        raise NotImplementedError

    def _offer_message(self, chat: Chat) -> ChatOffer:
        raise NotImplementedError

    def _can_take(self, agent: AgentSlot, chat: Chat, *, transfer: bool = False) -> bool:
        raise NotImplementedError

    def _cancel_offer(self, chat: Chat, agent: AgentSlot | None) -> None:
        raise NotImplementedError

    def _withdraw(self, chat: Chat, reason: str, *, notify: bool) -> None:
        raise NotImplementedError

    def _end(self, chat: Chat, reason: EndReason, code: str | None, actor: str | None) -> None:
        raise NotImplementedError

    def handle(self, peer: AgentPeer, user: User, msg: AgentMessage) -> None:
        """A chat message from a signed-in agent's connection."""
        if isinstance(msg, ChatSend):
            self._agent_send(peer, user, msg)
        elif isinstance(msg, ChatTyping):
            chat = self._own(peer, user, msg.chat_id, msg.id)
            if chat is not None and chat.customer_peer is not None:
                chat.customer_peer.deliver(ChatTyping(chat_id=chat.id, typing=msg.typing))
        elif isinstance(msg, ChatAccept):
            self._accept(peer, user, msg)
        elif isinstance(msg, ChatDecline):
            chat = self._chats.get(msg.chat_id)
            if chat is not None and chat.offered_to == user.id:
                self._withdraw(chat, "declined", notify=False)
            peer.deliver(Ack(id=msg.id))
        elif isinstance(msg, ChatClose):
            self._agent_close(peer, user, msg)
        elif isinstance(msg, ChatTransfer):
            self._transfer(peer, user, msg)
        elif isinstance(msg, ChatSync):
            self._sync(peer, user, msg)

    def _agent_slot(self, user: User) -> AgentSlot:
        agent = self._agents.get(user.id)
        if agent is None:
            raise RuntimeError(f"{user.username} has no presence at the chat router")
        return agent

    def _own(self, peer: AgentPeer, user: User, chat_id: str, ref: str | None) -> Chat | None:
        chat = self._chats.get(chat_id)
        if chat is None or chat.agent_id != user.id or chat.status != "active":
            peer.deliver(
                ErrorReply(code="conflict", message=f"chat {chat_id} is not yours", ref=ref)
            )
            return None
        return chat

    def _agent_send(self, peer: AgentPeer, user: User, msg: ChatSend) -> None:
        chat = self._chats.get(msg.chat_id)
        if chat is None or chat.agent_id != user.id:
            # A resend of a line the hub already stored is still acknowledged (its chat may
            # have been closed meanwhile): the client must be able to forget it.
            stored = self._store.lines(msg.chat_id)
            done = next((s for s in stored if s.msg_id == msg.msg_id and s.sender == "agent"), None)
            if done is not None:
                peer.deliver(
                    ChatAck(
                        id=msg.id,
                        chat_id=msg.chat_id,
                        msg_id=msg.msg_id,
                        seq=done.seq,
                        duplicate=True,
                    )
                )
                return
        chat = self._own(peer, user, msg.chat_id, msg.id)
        if chat is None:
            return
        now = self._clock.wall()
        stored_line, duplicate = self._store.add_line(
            chat.id, "agent", msg.msg_id, user.display_name, msg.text, now
        )
        chat.last_seq = max(chat.last_seq, stored_line.seq)
        peer.deliver(
            ChatAck(
                id=msg.id,
                chat_id=chat.id,
                msg_id=msg.msg_id,
                seq=stored_line.seq,
                duplicate=duplicate,
            )
        )
        if not duplicate and chat.customer_peer is not None:
            chat.customer_peer.deliver(to_line(stored_line))

    def _accept(self, peer: AgentPeer, user: User, msg: ChatAccept) -> None:
        chat = self._chats.get(msg.chat_id)
        if chat is not None and chat.status == "active" and chat.agent_id == user.id:
            self._assigned(peer, chat, 0, ref=msg.id)  # accepted twice (a resend): same answer
            return
        if chat is None or chat.offered_to != user.id:
            peer.deliver(
                ErrorReply(
                    code="conflict",
                    message=f"chat {msg.chat_id} is not offered to you",
                    ref=msg.id,
                )
            )
            return
        agent = self._agent_slot(user)
        self._cancel_offer(chat, agent)
        chat.status, chat.agent_id, chat.target = "active", user.id, None
        agent.active.add(chat.id)
        self._store.set_status(
            chat.id, "active", user.id, self._clock.wall(), event="accepted", agent=user.username
        )
        self._assigned(peer, chat, 0, ref=msg.id)
        if chat.customer_peer is not None:
            chat.customer_peer.deliver(CustomerStatus(status="connected", agent=user.display_name))
        self._route(chat.team)  # the agent may take the next one while below capacity

    def _assigned(
        self, peer: AgentPeer, chat: Chat, after_seq: int, ref: str | None = None
    ) -> None:
        peer.deliver(
            ChatAssigned(
                id=ref,
                chat_id=chat.id,
                customer=chat.customer[:80],
                topic=chat.topic[:200],
                capacity=self._config.capacity,
                last_seq=chat.last_seq,
            )
        )
        for stored in self._store.lines(chat.id, after_seq):
            peer.deliver(to_line(stored))

    def _agent_close(self, peer: AgentPeer, user: User, msg: ChatClose) -> None:
        chat = self._chats.get(msg.chat_id)
        if chat is None:
            stored = self._store.chat(msg.chat_id)
            if stored is not None and stored.agent_id == user.id:
                # Closed already (the customer left): keep the agent's wrap-up code.
                self._store.close_chat(
                    msg.chat_id, self._clock.wall(), "closed", msg.wrap_up_code, user.username
                )
                peer.deliver(Ack(id=msg.id))
            else:
                peer.deliver(
                    ErrorReply(
                        code="conflict", message=f"chat {msg.chat_id} is not yours", ref=msg.id
                    )
                )
            return
        if self._own(peer, user, msg.chat_id, msg.id) is None:
            return
        self._end(chat, "closed", msg.wrap_up_code, user.username)
        peer.deliver(Ack(id=msg.id))

    def _transfer(self, peer: AgentPeer, user: User, msg: ChatTransfer) -> None:
        chat = self._own(peer, user, msg.chat_id, msg.id)
        if chat is None:
            return
        target: AgentSlot | None = None
        if msg.to is not None:
            target = next(
                (a for a in self._agents.values() if a.user.username.lower() == msg.to.lower()),
                None,
            )
            if target is None or not self._can_take(target, chat, transfer=True):
                peer.deliver(
                    ErrorReply(
                        code="conflict", message=f"{msg.to} cannot take a chat now", ref=msg.id
                    )
                )
                return
        agent = self._agent_slot(user)
        agent.active.discard(chat.id)
        chat.agent_id, chat.status = None, "queued"
        chat.declined = {user.id}
        chat.transferred_from = user.display_name
        now = self._clock.wall()
        detail = msg.to or "queue"
        self._store.set_status(
            chat.id, "queued", None, now, event="transferred", agent=user.username, detail=detail
        )
        peer.deliver(ChatEnded(chat_id=chat.id, reason="transferred"))
        peer.deliver(Ack(id=msg.id))
        if chat.customer_peer is not None:
            chat.customer_peer.deliver(CustomerStatus(status="queued", position=1))
        if target is not None:
            chat.target = target.user.id
            if not self._offer(chat, target):
                self._queues.setdefault(chat.team, deque()).appendleft(chat.id)
                self._route(chat.team)
        else:
            self._queues.setdefault(chat.team, deque()).appendleft(chat.id)
            self._route(chat.team)

    def _sync(self, peer: AgentPeer, user: User, msg: ChatSync) -> None:
        cursors = {c.chat_id: c.after_seq for c in msg.cursors}
        agent = self._agents.get(user.id)
        for chat in self._chats.values():
            if chat.agent_id == user.id and chat.status == "active":
                self._assigned(peer, chat, cursors.pop(chat.id, 0))
        if agent is not None and agent.offer is not None:
            offered = self._chats.get(agent.offer)
            if offered is not None:
                cursors.pop(offered.id, None)
                peer.deliver(self._offer_message(offered))
        for chat_id, after_seq in cursors.items():
            # Chats the client holds that are no longer its own: say why, with missed lines.
            stored = self._store.chat(chat_id)
            if stored is None:
                continue
            if stored.agent_id == user.id:
                for line in self._store.lines(chat_id, after_seq):
                    peer.deliver(to_line(line))
            reason: EndReason = "closed"
            if stored.status != "closed":
                reason = "transferred"
            elif stored.end_reason in ("customer_left", "closed"):
                reason = stored.end_reason  # type: ignore[assignment]
            peer.deliver(ChatEnded(chat_id=chat_id, reason=reason))
        peer.deliver(Ack(id=msg.id))
