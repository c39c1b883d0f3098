"""One customer's chat connection at the hub (``/chat/ws``), from the web page or a script.

Runs on the hub's loop thread: one reader task (the websockets handler) plus a writer task that
drains a bounded queue, like an agent's connection, so a slow page cannot stall the hub. The
first frame must be ``customer.start`` (new conversation, or ``resume`` with its token); after
that the page sends lines, typing and leave. Bad frames get an ``error`` and change nothing.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from typing import Any

from pydantic import ValidationError
from websockets.asyncio.server import ServerConnection
from websockets.exceptions import ConnectionClosed

from homeseat.core.agent_state import Clock
from homeseat.hub.chat_config import ChatConfig
from homeseat.hub.chat_router import Chat, ChatRouter
from homeseat.hub.ratelimit import RateLimiter
from homeseat.protocol import MAX_FRAME_BYTES, ErrorReply, Message, ProtocolError, encode
from homeseat.protocol.chat import CustomerLeave, CustomerSend, CustomerStart, CustomerTyping
from homeseat.protocol.customer import CUSTOMER_ADAPTER, CustomerMessage

__all__ = ["CUSTOMER_PATH", "decode_customer", "CustomerConnection"]

log = logging.getLogger(__name__)

#: Where customer pages connect.
CUSTOMER_PATH = "/chat/ws"

_KNOWN = frozenset(CUSTOMER_ADAPTER.json_schema()["discriminator"]["mapping"])


def decode_customer(frame: str | bytes) -> CustomerMessage:
    """Parse a customer frame or raise :class:`ProtocolError` (same codes as the agent side)."""
    if isinstance(frame, bytes):
        raise ProtocolError("malformed", "frames must be JSON text")
    if len(frame) * 4 > MAX_FRAME_BYTES and len(frame.encode("utf-8")) > MAX_FRAME_BYTES:
        raise ProtocolError("too_large", f"frame exceeds {MAX_FRAME_BYTES} bytes")
    try:
        data: Any = json.loads(frame)
    except json.JSONDecodeError as exc:
        raise ProtocolError("malformed", f"not valid JSON: {exc.msg}") from None
    if not isinstance(data, dict) or not isinstance(data.get("type"), str):
        raise ProtocolError("malformed", "a frame must be a JSON object with a string 'type'")
    ref = data.get("id") if isinstance(data.get("id"), str) else None
    if data["type"] not in _KNOWN:
        raise ProtocolError("unknown_type", f"unknown message type {data['type'][:40]!r}", ref)
    try:
        return CUSTOMER_ADAPTER.validate_python(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"][1:]) or "(message)"
        raise ProtocolError(
            "invalid", f"{data['type']}: field {where}: {first['msg']}", ref
        ) from None


class CustomerConnection:
    """Serves one customer page until it closes.

    Args:
        ws: the connection (handshake done).
        router: the chat router.
        config: chat limits.
        clock: for the rate limiter.
    """

    def __init__(
        self, ws: ServerConnection, router: ChatRouter, config: ChatConfig, clock: Clock
    ) -> None:
        self.ws = ws
        self._router = router
        self._queue: asyncio.Queue[str | None] = asyncio.Queue(2000)
        self._limiter = RateLimiter(
            rate=config.customer_rate_per_second,
            burst=config.customer_burst,
            abuse_limit=200,
            abuse_window=10.0,
            monotonic=clock.monotonic,
        )
        self.chat: Chat | None = None
        self._closing = False

    def deliver(self, message: Message) -> None:
        """Queue a message for the page (never blocks; a page that stops reading is dropped)."""
        if self._closing:
            return
        try:
            self._queue.put_nowait(encode(message))
        except asyncio.QueueFull:
            log.warning("a customer page reads too slowly; closing it")
            self._closing = True
            with contextlib.suppress(asyncio.QueueFull):
                self._queue.put_nowait(None)

    def close(self) -> None:
        """Close once what is queued was sent (hub shutdown)."""
        if not self._closing:
            self._closing = True
            with contextlib.suppress(asyncio.QueueFull):
                self._queue.put_nowait(None)

    async def run(self) -> None:
        """Read frames until the page goes away."""
        writer = asyncio.create_task(self._write(), name="hub-customer-writer")
        self._router.attach_customer(self)
        try:
            async for frame in self.ws:
                if self._closing:
                    break
                try:
                    self._on_frame(frame)
                except Exception:
                    log.exception("handling a customer frame failed")
                    self.deliver(ErrorReply(code="internal", message="internal error"))
        except ConnectionClosed:
            pass
        finally:
            self._router.detach_customer(self)
            if self.chat is not None:
                self._router.customer_gone(self.chat, self)
            self._closing = True
            with contextlib.suppress(asyncio.QueueFull):
                self._queue.put_nowait(None)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(writer, 2.0)

    async def _write(self) -> None:
        try:
            while True:
                item = await self._queue.get()
                if item is None:
                    await self.ws.close()
                    return
                await self.ws.send(item)
        except ConnectionClosed:
            pass

    def _on_frame(self, frame: str | bytes) -> None:
        if not self._limiter.allow():
            self.deliver(ErrorReply(code="rate_limited", message="too many messages; slow down"))
            return
        try:
            msg = decode_customer(frame)
        except ProtocolError as exc:
            self.deliver(exc.to_reply())
            return
        if isinstance(msg, CustomerStart):
            self._start(msg)
            return
        chat = self.chat
        if chat is None or self._router.chat(chat.id) is None:
            what = "start a conversation first" if chat is None else "the conversation is over"
            self.deliver(ErrorReply(code="conflict", message=what, ref=msg.id))
            return
        if isinstance(msg, CustomerSend):
            self._router.customer_send(chat, msg.msg_id, msg.text, msg.id)
        elif isinstance(msg, CustomerTyping):
            self._router.customer_typing(chat, msg.typing)
        elif isinstance(msg, CustomerLeave):
            self._router.customer_leave(chat)

    def _start(self, msg: CustomerStart) -> None:
        if self.chat is not None:
            self.deliver(ErrorReply(code="conflict", message="already started", ref=msg.id))
            return
        if msg.resume is not None:
            self.chat = self._router.resume(msg.resume, msg.after_seq, self)
            if self.chat is None and self._router.store.by_token(msg.resume) is None:
                self.deliver(ErrorReply(code="invalid", message="unknown conversation", ref=msg.id))
            return
        opened = self._router.open(msg.team, msg.name, msg.topic, self)
        if opened is None:
            self.deliver(
                ErrorReply(
                    code="rate_limited", message="all agents are busy; try again later", ref=msg.id
                )
            )
            return
        self.chat = opened[0]
