"""Requests that expect an answer from the hub, matched by id (event-loop thread).

A feature service sends a message with an ``id`` and awaits the hub's answer: ``ack``, a typed
reply carrying the same ``id`` (a timeline, ...), or a refusal (``error`` naming it in ``ref``,
``auth.error`` with its ``id``), which is raised as :class:`RequestFailed`. A request fails as
``offline`` when the link is down and ``timeout`` when no answer comes.
"""

from __future__ import annotations

import asyncio
import itertools

from homeseat.platform.session import PlatformSession
from homeseat.protocol import AuthError, ErrorReply, HubMessage, Message

__all__ = ["RequestFailed", "RequestChannel"]


class RequestFailed(Exception):
    """The hub refused (its error code), or ``offline`` / ``timeout``; message for people."""

    def __init__(self, code: str, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.retry_after = retry_after


class RequestChannel:
    """Sends requests over a session and hands each its answer.

    Args:
        session: the hub session (its handler list gets this channel's reader).
        prefix: request ids start with this (tells features apart in logs).
        timeout: seconds to wait for an answer.
    """

    def __init__(self, session: PlatformSession, prefix: str, timeout: float = 10.0) -> None:
        self._session = session
        self._prefix = prefix
        self._timeout = timeout
        self._ids = itertools.count(1)
        self._waiting: dict[str, asyncio.Future[HubMessage]] = {}
        session.add_handler(self._on_message)

    def new_id(self) -> str:
        """A fresh request id."""
        return f"{self._prefix}-{next(self._ids)}"

    async def ask(self, message: Message) -> HubMessage:
        """Send ``message`` (which must have an id) and return the answer; raises RequestFailed."""
        if message.id is None:
            raise ValueError("a request needs an id (use new_id())")
        future: asyncio.Future[HubMessage] = asyncio.get_running_loop().create_future()
        self._waiting[message.id] = future
        try:
            if not await self._session.send(message):
                raise RequestFailed("offline", "not connected to the platform")
            try:
                reply = await asyncio.wait_for(future, self._timeout)
            except TimeoutError:
                raise RequestFailed("timeout", "the platform did not answer") from None
        finally:
            self._waiting.pop(message.id, None)
        if isinstance(reply, ErrorReply):
            raise RequestFailed(reply.code, reply.message)
        if isinstance(reply, AuthError):
            raise RequestFailed(reply.code, reply.message, reply.retry_after)
        return reply

    def _on_message(self, msg: HubMessage) -> None:
        # Whatever carries a waiting request's id (or names it in ``ref``) is its answer.
        ref = msg.ref if isinstance(msg, ErrorReply) else msg.id
        future = self._waiting.get(ref) if ref is not None else None
        if future is not None and not future.done():
            future.set_result(msg)
