"""The agent's side of customer chat: offers, lines with ids and acks, resync, agent state.

Runs on the session's loop thread (the Qt main thread through qasync in the app). It rides on a
:class:`~homeseat.platform.session.PlatformSession`: it sees every hub message through
``add_handler``, learns about (re)connections as a session listener, and sends with
``session.send``. Delivery: each line the agent writes gets a message id and stays pending in the
:class:`~homeseat.core.chats.ChatBook` until the hub's ``chat.ack``; after every reconnection
the client sends ``chat.sync`` (the hub resends missing lines and offers) and then every pending
line again (the hub drops duplicates). Lines are shown in the hub's ``seq`` order only, and a gap
triggers another sync. Nothing is written to disk: transcripts live at the hub.

Chats drive the agent state (:func:`homeseat.core.chats.state_events`): Busy at capacity,
available below it. Listeners hear :class:`ChatEvent` values on the loop thread.
"""

from __future__ import annotations

import asyncio
import enum
import logging
import time
import uuid
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

from homeseat.core.agent_state import (
    AgentStateMachine,
    AgentStatus,
    InvalidTransition,
    StateEvent,
    Transition,
)
from homeseat.core.chats import ChatBook, ChatError, ChatPhase, Sender, state_events
from homeseat.core.chats import ChatLine as BookLine
from homeseat.platform.session import Link, SessionListener
from homeseat.protocol import Ack, AgentPresence, ErrorReply, HubMessage, Message
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
)

__all__ = ["ChatEventKind", "ChatEvent", "ChatListener", "ChatSessionPort", "ChatClient"]

log = logging.getLogger(__name__)


class ChatEventKind(enum.StrEnum):
    """What happened to a conversation."""

    OFFERED = "offered"
    WITHDRAWN = "withdrawn"
    ACTIVE = "active"
    LINE = "line"  # a line was added (or a pending one acknowledged)
    PENDING = "pending"  # the agent wrote a line that waits for the hub
    TYPING = "typing"
    ENDED = "ended"
    REFUSED = "refused"  # the hub refused an action (detail says why)


@dataclass(frozen=True, slots=True)
class ChatEvent:
    """One change, for listeners (the UI)."""

    kind: ChatEventKind
    chat_id: str
    detail: str = ""


class ChatListener(Protocol):
    """Hears chat events on the loop thread."""

    def on_chat_event(self, event: ChatEvent) -> None: ...


class ChatSessionPort(Protocol):
    """What the chat client needs from the session (PlatformSession provides it)."""

    @property
    def machine(self) -> AgentStateMachine: ...
    @property
    def link(self) -> Link: ...
    def add_handler(self, handler: Callable[[HubMessage], None]) -> None: ...
    def add_listener(self, listener: SessionListener) -> None: ...
    async def send(self, message: Message) -> bool: ...
    def request(self, event: StateEvent) -> Transition: ...


class ChatClient:
    """The agent's chats over one session.

    Args:
        session: the signed-in session.
        author: the agent's display name (shown on their own lines until the hub echoes them).
        capacity: the capacity until the hub says otherwise.
        monotonic: the clock for waiting times.
        new_id: makes message ids (tests may pass their own).
        auto_accept: accept offers at once (client configuration; the hub may ask for it too).
    """

    def __init__(
        self,
        session: ChatSessionPort,
        *,
        author: str = "",
        capacity: int = 3,
        monotonic: Callable[[], float] = time.monotonic,
        new_id: Callable[[], str] | None = None,
        auto_accept: bool = False,
    ) -> None:
        self._session = session
        self.author = author
        self.book = ChatBook(capacity)
        self._now = monotonic
        self._new_id = new_id or (lambda: f"a-{uuid.uuid4().hex}")
        self._listeners: list[ChatListener] = []
        self._visible: str | None = None
        self._closes: dict[str, str] = {}  # chat id -> wrap-up code, until the hub acks
        self._requests: dict[str, str] = {}  # request id -> chat id (accept/close refusals)
        self._tasks: set[asyncio.Task[Any]] = set()
        self._auto_accept_config = auto_accept
        self._detached = False
        self.auto_accept = auto_accept
        self.resent = 0  # lines sent again after a reconnect (for tests and diagnostics)
        session.add_handler(self._on_message)
        session.add_listener(_LinkWatcher(self))
        if session.link is Link.ONLINE:
            self._online()  # made after sign-in (the window): fetch what the hub holds for us

    # ------------------------------------------------------------------ listeners, queries

    def add_listener(self, listener: ChatListener) -> None:
        """Register a listener (called on the loop thread)."""
        self._listeners.append(listener)

    def detach(self) -> None:
        """Stop following the session (its window closed); the session keeps running.

        The session has no way to unregister, so the client just goes quiet: a later window
        makes its own client, which resyncs from the hub.
        """
        self._detached = True
        self._listeners.clear()

    @property
    def detached(self) -> bool:
        """True after :meth:`detach`."""
        return self._detached

    def set_visible(self, chat_id: str | None) -> None:
        """The conversation the agent is looking at (its lines do not count as unread)."""
        self._visible = chat_id
        if chat_id is not None:
            self.book.mark_read(chat_id)

    # ------------------------------------------------------------------ commands

    def accept(self, chat_id: str) -> None:
        """Take an offered chat (the hub answers ``chat.assigned``)."""
        chat = self.book.require(chat_id)
        if chat.phase is not ChatPhase.OFFERED:
            raise ChatError(f"chat {chat_id} is not offered")
        ref = f"accept-{chat_id}"
        self._requests[ref] = chat_id
        self._spawn(self._send(ChatAccept(id=ref, chat_id=chat_id)))

    def decline(self, chat_id: str) -> None:
        """Turn an offered chat down."""
        if self.book.withdraw(chat_id) is not None:
            self._spawn(self._send(ChatDecline(chat_id=chat_id)))
            self._emit(ChatEventKind.WITHDRAWN, chat_id, "declined")
            self._drive_state()

    def send_text(self, chat_id: str, text: str) -> str:
        """Write a line; returns its message id. It is delivered once, whatever the link does.

        Raises:
            ChatError: the chat is not active or the text is empty.
        """
        msg_id = self._new_id()
        self.book.add_pending(chat_id, msg_id, text.strip(), datetime.now(UTC))
        self._emit(ChatEventKind.PENDING, chat_id, msg_id)
        self._spawn(self._send(ChatSend(chat_id=chat_id, msg_id=msg_id, text=text.strip())))
        return msg_id

    def set_typing(self, chat_id: str, typing: bool) -> None:
        """Tell the customer the agent is (not) typing; dropped while offline (it is transient)."""
        chat = self.book.get(chat_id)
        if chat is not None and chat.phase is ChatPhase.ACTIVE:
            self._spawn(self._send(ChatTyping(chat_id=chat_id, typing=typing)))

    def close(self, chat_id: str, wrap_up_code: str) -> None:
        """End the conversation with a wrap-up code (kept and resent until the hub has it)."""
        chat = self.book.require(chat_id)
        if chat.phase is ChatPhase.OFFERED:
            raise ChatError("decline an offer instead of closing it")
        # A chat the customer already left is closed too: the hub still records the code.
        self.book.close(chat_id, wrap_up_code=wrap_up_code, reason="closed")
        self._closes[chat_id] = wrap_up_code
        self._spawn(
            self._send(ChatClose(id=f"close-{chat_id}", chat_id=chat_id, wrap_up_code=wrap_up_code))
        )
        self._emit(ChatEventKind.ENDED, chat_id, "closed")
        self._drive_state()

    def transfer(self, chat_id: str, to: str | None) -> None:
        """Hand the chat to agent ``to`` or back to the queue (None)."""
        chat = self.book.require(chat_id)
        if chat.phase is not ChatPhase.ACTIVE:
            raise ChatError(f"chat {chat_id} is {chat.phase.value}")
        self._spawn(self._send(ChatTransfer(id=f"transfer-{chat_id}", chat_id=chat_id, to=to)))

    def dismiss(self, chat_id: str) -> None:
        """Forget a closed conversation (its tab was closed)."""
        self.book.forget(chat_id)

    async def wait_idle(self) -> None:
        """Wait until every send started so far has been attempted (tests, shutdown)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    # ------------------------------------------------------------------ hub messages

    def _on_message(self, msg: HubMessage) -> None:
        if self._detached:
            return
        now = self._now()
        if isinstance(msg, ChatLine):
            self._line(msg, now)
        elif isinstance(msg, ChatAck):
            if self.book.acknowledge(msg.chat_id, msg.msg_id, msg.seq, self.author, now):
                self._emit(ChatEventKind.LINE, msg.chat_id, msg.msg_id)
            elif self.book.gap(msg.chat_id, msg.seq):
                self._sync([msg.chat_id])
        elif isinstance(msg, ChatOffer):
            self.book.capacity = msg.capacity
            self.auto_accept = msg.auto_accept or self._auto_accept_config
            chat = self.book.offer(msg.chat_id, msg.customer, msg.topic, now)
            self._emit(ChatEventKind.OFFERED, chat.chat_id, msg.transferred_from or "")
            self._drive_state()
            if self.auto_accept:
                self.accept(msg.chat_id)
        elif isinstance(msg, ChatOfferWithdrawn):
            if self.book.withdraw(msg.chat_id) is not None:
                self._emit(ChatEventKind.WITHDRAWN, msg.chat_id, msg.reason)
                self._drive_state()
        elif isinstance(msg, ChatAssigned):
            self.book.capacity = msg.capacity
            held = self.book.get(msg.chat_id)
            if msg.chat_id in self._closes:
                pass  # closed here while the link was down: the close follows the resync
            elif held is None or held.phase is not ChatPhase.ACTIVE:
                self.book.activate(msg.chat_id, msg.customer, msg.topic, now, force=True)
                self._emit(ChatEventKind.ACTIVE, msg.chat_id)
                self._drive_state()
        elif isinstance(msg, ChatTyping):
            self.book.set_customer_typing(msg.chat_id, msg.typing)
            self._emit(ChatEventKind.TYPING, msg.chat_id, "on" if msg.typing else "off")
        elif isinstance(msg, ChatEnded):
            self._ended(msg)
        elif isinstance(msg, Ack) and msg.id is not None and msg.id.startswith("close-"):
            self._closes.pop(msg.id.removeprefix("close-"), None)  # the hub has the close
        elif isinstance(msg, ErrorReply) and msg.ref in self._requests:
            chat_id = self._requests.pop(msg.ref)
            self._emit(ChatEventKind.REFUSED, chat_id, msg.message)

    def _line(self, msg: ChatLine, now: float) -> None:
        chat = self.book.get(msg.chat_id)
        if chat is None:
            return  # not ours (any more): a sync sorts it out
        line = BookLine(msg.seq, msg.msg_id, Sender(msg.sender), msg.author, msg.text, msg.at)
        visible = self._visible == msg.chat_id
        if self.book.receive(msg.chat_id, line, now, visible=visible):
            self._emit(ChatEventKind.LINE, msg.chat_id, msg.msg_id)
        elif self.book.gap(msg.chat_id, msg.seq):
            self._sync([msg.chat_id])

    def _ended(self, msg: ChatEnded) -> None:
        chat = self.book.get(msg.chat_id)
        if chat is None:
            return
        if chat.phase is ChatPhase.OFFERED:
            self.book.withdraw(msg.chat_id)
            self._emit(ChatEventKind.WITHDRAWN, msg.chat_id, msg.reason)
        elif chat.phase is ChatPhase.ACTIVE:
            self.book.close(msg.chat_id, wrap_up_code=None, reason=msg.reason)
            if msg.reason == "transferred":
                self.book.forget(msg.chat_id)  # nothing to wrap up: a colleague has it now
            self._emit(ChatEventKind.ENDED, msg.chat_id, msg.reason)
        else:
            self._closes.pop(msg.chat_id, None)  # the hub knows it is closed
        self._drive_state()

    # ------------------------------------------------------------------ link

    def _online(self) -> None:
        """A (re)connection: resync, then resend what the hub has not acknowledged."""
        if not self._detached:
            self._spawn(self._resync())

    async def _resync(self) -> None:
        chats = self.book.conversations(ChatPhase.ACTIVE, ChatPhase.OFFERED)
        cursors = [ChatCursor(chat_id=c.chat_id, after_seq=c.last_seq) for c in chats]
        if not await self._session.send(ChatSync(id="chat-sync", cursors=cursors[:64])):
            return
        for chat_id, line in list(self.book.pending_lines()):
            self.resent += 1
            if not await self._session.send(
                ChatSend(chat_id=chat_id, msg_id=line.msg_id, text=line.text)
            ):
                return
        for chat_id, code in list(self._closes.items()):
            await self._session.send(
                ChatClose(id=f"close-{chat_id}", chat_id=chat_id, wrap_up_code=code)
            )

    def _sync(self, chat_ids: list[str]) -> None:
        cursors = []
        for chat_id in chat_ids:
            chat = self.book.get(chat_id)
            if chat is not None:
                cursors.append(ChatCursor(chat_id=chat_id, after_seq=chat.last_seq))
        self._spawn(self._send(ChatSync(cursors=cursors)))

    # ------------------------------------------------------------------ internals

    async def _send(self, msg: Message) -> None:
        # False (offline) is fine: lines and closes stay pending and go out after the resync.
        await self._session.send(msg)

    def _drive_state(self) -> None:
        machine = self._session.machine
        offered = bool(self.book.conversations(ChatPhase.OFFERED))
        for event in state_events(
            machine.status, self.book.active_count, self.book.capacity, offered=offered
        ):
            try:
                self._session.request(event)
            except InvalidTransition as exc:
                log.info("chat state change not applied: %s", exc)
                return

    def _emit(self, kind: ChatEventKind, chat_id: str, detail: str = "") -> None:
        event = ChatEvent(kind, chat_id, detail)
        for listener in self._listeners:
            try:
                listener.on_chat_event(event)
            except Exception:
                log.exception("chat listener failed on %s", kind.value)

    def _spawn(self, coro: Coroutine[Any, Any, None]) -> None:
        task = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._task_done)

    def _task_done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("chat task failed", exc_info=task.exception())


class _LinkWatcher:
    """A SessionListener that tells the chat client when the link comes up."""

    def __init__(self, client: ChatClient) -> None:
        self._client = client

    def on_link(self, link: Link, detail: str) -> None:
        if link is Link.ONLINE:
            self._client._online()

    def on_status(self, status: AgentStatus) -> None:
        """Not needed: the client reads the machine when it drives the state."""

    def on_team_snapshot(self, agents: list[AgentPresence]) -> None:
        """Not needed."""

    def on_team_delta(self, agents: list[AgentPresence]) -> None:
        """Not needed."""

    def on_ended(self, reason: str, message: str) -> None:
        """Not needed."""

    def on_error(self, message: str) -> None:
        """Not needed."""
