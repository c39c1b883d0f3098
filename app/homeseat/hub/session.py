"""One client connection at the hub: sign-in, then the signed-in user's requests.

Runs on the hub's loop thread, one reader task per connection (websockets' handler task) plus a
writer task that drains a bounded send queue, so nothing any other connection does (a slow lead,
a flood of bad frames) can block this one, and this one cannot block the others. Frames are
handled in order. Every refused frame gets an :class:`ErrorReply` naming the problem; unexpected
exceptions are logged here and answered with ``internal``, never with a stack trace.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Coroutine
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from websockets.asyncio.server import ServerConnection
from websockets.exceptions import ConnectionClosed

from homeseat.core.agent_state import Clock
from homeseat.hub.auth import Authenticator, AuthRefused, Grant
from homeseat.hub.chat_router import AGENT_MESSAGES, ChatRouter
from homeseat.hub.config import HubConfig
from homeseat.hub.config_push import ConfigPushes
from homeseat.hub.fanout import TeamFanout, team_frames
from homeseat.hub.knowledge import KnowledgeHub
from homeseat.hub.presence import PresenceBook
from homeseat.hub.ratelimit import RateLimiter
from homeseat.hub.storage import Storage, User
from homeseat.hub.supervision import Supervision
from homeseat.protocol import (
    PROTOCOL_VERSION,
    Ack,
    ClientMessage,
    ErrorReply,
    Hello,
    HubMessage,
    Login,
    Logout,
    Ping,
    Pong,
    ProtocolError,
    Refresh,
    SessionEnded,
    StateReport,
    TeamSubscribe,
    Welcome,
    decode_client,
    encode,
)
from homeseat.protocol.audio_check import AudioCheckReport
from homeseat.protocol.config_push import ConfigStatusReport
from homeseat.protocol.knowledge import KB_CLIENT_MESSAGES
from homeseat.protocol.lock import Unlock
from homeseat.protocol.supervision import SUPERVISION_CLIENT_MESSAGES

__all__ = ["EndReason", "Registry", "HubServices", "Connection"]

log = logging.getLogger(__name__)

EndReason = Literal["logout", "revoked", "replaced", "shutdown"]
_CLOSE_GRACE_SECONDS = 2.0


class Registry(Protocol):
    """Who is signed in where (the server): one live connection per user."""

    def attach(self, connection: Connection, user: User) -> None:
        """``connection`` signed in as ``user``; it replaces any older one of that user."""
        ...

    def detach(self, connection: Connection) -> None:
        """``connection`` is gone (called once, whatever the reason)."""
        ...


@dataclass(frozen=True, slots=True)
class HubServices:
    """What a connection works with; all of it lives on the hub's loop thread."""

    config: HubConfig
    storage: Storage
    auth: Authenticator
    presence: PresenceBook
    fanout: TeamFanout
    clock: Clock
    registry: Registry
    knowledge: KnowledgeHub | None = None  # issue 7: the knowledge base
    chat: ChatRouter | None = None  # issue 6: customer chat routing
    supervision: Supervision | None = None  # issue 5: leads' actions, surge level
    config_pushes: ConfigPushes | None = None  # issue 8: signed policies, clients' status


@dataclass(frozen=True, slots=True)
class _Close:
    code: int
    reason: str


class Connection:
    """Serves one WebSocket connection until it closes.

    Args:
        ws: the connection (its handshake is done).
        services: the hub's shared parts.
    """

    def __init__(self, ws: ServerConnection, services: HubServices) -> None:
        self.ws = ws
        self._s = services
        address = ws.remote_address
        self.peer = str(address[0]) if address else "unknown"
        self.user: User | None = None
        self.client_id: str | None = None
        #: Why the hub ended this session, if it did (None: the client went away or is here).
        self.end_reason: EndReason | None = None
        self._closing = False
        cfg = services.config
        self._queue: asyncio.Queue[str | _Close] = asyncio.Queue(cfg.send_queue_frames)
        self._limiter = RateLimiter(
            rate=cfg.rate_per_second,
            burst=cfg.rate_burst,
            abuse_limit=cfg.rate_abuse_limit,
            abuse_window=cfg.rate_abuse_window_seconds,
            monotonic=services.clock.monotonic,
        )
        self._tasks: set[asyncio.Task[None]] = set()

    def __repr__(self) -> str:
        who = self.user.username if self.user else "-"
        return f"Connection({who} from {self.peer})"  # not user@host: reads as an e-mail

    # ------------------------------------------------------------------ lifecycle

    async def run(self) -> None:
        """Read and handle frames until the connection closes; then clean up."""
        writer = asyncio.create_task(self._write(), name=f"hub-writer-{self.peer}")
        loop = asyncio.get_running_loop()
        auth_timer = loop.call_later(self._s.config.auth_timeout_seconds, self._auth_expired)
        try:
            async for frame in self.ws:
                if self._closing:
                    continue  # ended by the hub: read out what is in flight, act on none of it
                await self._on_frame(frame)
        except ConnectionClosed:
            pass
        finally:
            auth_timer.cancel()
            try:
                self._s.registry.detach(self)
            except Exception:
                log.exception("cleaning up %r failed", self)
            self._closing = True
            with contextlib.suppress(asyncio.QueueFull):
                self._queue.put_nowait(_Close(1000, ""))
            # Let the writer send what is queued; wait_for cancels it if that takes too long.
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(writer, 2.0)

    def deliver(self, message: HubMessage) -> None:
        """Queue a message for this connection (never blocks)."""
        self.deliver_frame(encode(message))

    def deliver_frame(self, frame: str) -> None:
        """Queue an encoded frame; a reader too slow to keep up is disconnected."""
        try:
            self._queue.put_nowait(frame)
        except asyncio.QueueFull:
            if not self._closing:
                log.warning(
                    "%r reads too slowly (%d frames queued); closing it", self, self._queue.qsize()
                )
                self._closing = True
                self._spawn(self._hard_close(1008, "too slow"))

    def end(self, reason: EndReason, message: str, code: int = 1000) -> None:
        """The hub ends this session: say why, then close once what is queued was sent."""
        if self.end_reason is not None:
            return
        self.end_reason = reason
        self.deliver(SessionEnded(reason=reason, message=message))
        self.close(code, reason)

    def close(self, code: int, reason: str) -> None:
        """Close after the frames already queued; frames that arrive later are ignored."""
        if self._closing:
            return
        self._closing = True
        try:
            self._queue.put_nowait(_Close(code, reason))
        except asyncio.QueueFull:
            self._spawn(self._hard_close(code, reason))

    # ------------------------------------------------------------------ internals: I/O

    async def _write(self) -> None:
        try:
            while True:
                item = await self._queue.get()
                if isinstance(item, _Close):
                    await self._hard_close(item.code, item.reason)  # bounded, see there
                    return
                await self.ws.send(item)
        except ConnectionClosed:
            pass
        except Exception:
            log.exception("writing to %r failed", self)
            await self._hard_close(1011, "internal error")

    async def _hard_close(self, code: int, reason: str) -> None:
        # A peer that stopped reading never drains what we write, so even the close frame can
        # wait forever behind the queued data: give the handshake a moment, then drop the TCP
        # connection (measured: without this a stalled lead held its slot ~20 s).
        try:
            await asyncio.wait_for(self.ws.close(code, reason), _CLOSE_GRACE_SECONDS)
        except TimeoutError:
            log.warning("%r did not take the close frame; dropping the connection", self)
            self.ws.transport.abort()
        except Exception:  # already closed or broken: nothing left to close
            self.ws.transport.abort()

    def _spawn(self, coro: Coroutine[Any, Any, None]) -> None:
        task = asyncio.create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def _auth_expired(self) -> None:
        if self.user is None and not self._closing:
            self.deliver(ErrorReply(code="unauthenticated", message="sign-in timed out"))
            self.close(1008, "sign-in timed out")

    async def _on_frame(self, frame: str | bytes) -> None:
        if not self._limiter.allow():
            if self._limiter.abusive:
                log.warning("%r keeps exceeding the rate limit; closing it", self)
                self.deliver(ErrorReply(code="rate_limited", message="too many messages; closing"))
                self.close(1008, "rate limit")
            else:
                self.deliver(
                    ErrorReply(code="rate_limited", message="too many messages; slow down")
                )
            return
        if isinstance(frame, bytes):
            self.deliver(ErrorReply(code="malformed", message="frames must be JSON text"))
            return
        limit = self._s.config.max_frame_bytes
        # The codec enforces the protocol's limit; a hub may be configured stricter. A frame of
        # n characters has at most 4n UTF-8 bytes, so short frames are never measured.
        if len(frame) * 4 > limit and len(frame.encode("utf-8")) > limit:
            self.deliver(ErrorReply(code="too_large", message=f"frame exceeds {limit} bytes"))
            return
        try:
            msg = decode_client(frame)
        except ProtocolError as exc:
            self.deliver(exc.to_reply())
            return
        try:
            await self._dispatch(msg)
        except Exception:
            log.exception("handling %s from %r failed", msg.type, self)
            self.deliver(ErrorReply(code="internal", message="internal error", ref=msg.id))

    # ------------------------------------------------------------------ internals: requests

    async def _dispatch(self, msg: ClientMessage) -> None:
        if isinstance(msg, Hello):
            self._hello(msg)
        elif isinstance(msg, Login | Refresh):
            if self.user is not None:
                self.deliver(ErrorReply(code="conflict", message="already signed in", ref=msg.id))
            else:
                await self._sign_in(msg)
        elif self.user is None:
            self.deliver(
                ErrorReply(
                    code="unauthenticated",
                    message="sign in first (auth.login or auth.refresh)",
                    ref=msg.id,
                )
            )
        elif isinstance(msg, StateReport):
            self._report(self.user, msg)
        elif isinstance(msg, Ping):
            self._s.presence.touch(self.user)
            self.deliver(Pong(id=msg.id, t=msg.t, server_time=self._s.clock.wall()))
        elif isinstance(msg, TeamSubscribe):
            self._subscribe(self.user, msg)
        elif isinstance(msg, KB_CLIENT_MESSAGES) and self._s.knowledge is not None:
            self._s.knowledge.handle(self, self.user, msg)
        elif isinstance(msg, Logout):
            self._logout(self.user, msg)
        elif isinstance(msg, Unlock):
            await self._unlock(self.user, msg)
        elif isinstance(msg, ConfigStatusReport) and self._s.config_pushes is not None:
            assert self.client_id is not None
            self._s.config_pushes.report(self, self.user, self.client_id, msg)
        elif isinstance(msg, SUPERVISION_CLIENT_MESSAGES) and self._s.supervision is not None:
            self._s.supervision.handle(self, self.user, msg)
        elif isinstance(msg, AGENT_MESSAGES) and self._s.chat is not None:
            self._s.chat.handle(self, self.user, msg)
        elif isinstance(msg, AudioCheckReport):
            # Like a state report, it always concerns the signed-in user of this connection.
            self._s.presence.set_audio_check(self.user, msg.check)
            self.deliver(Ack(id=msg.id))

    def _hello(self, msg: Hello) -> None:
        if msg.protocol != PROTOCOL_VERSION:
            self.deliver(
                ErrorReply(
                    code="invalid",
                    message=f"protocol {msg.protocol} not supported; this hub speaks "
                    f"{PROTOCOL_VERSION}",
                    ref=msg.id,
                )
            )
        else:
            self.deliver(Ack(id=msg.id))

    async def _sign_in(self, msg: Login | Refresh) -> None:
        if msg.protocol != PROTOCOL_VERSION:
            refusal = AuthRefused(
                "protocol", f"protocol {msg.protocol} not supported; update the client"
            )
            self.deliver(refusal.to_reply(msg.id))
            return
        auth = self._s.auth
        try:
            if isinstance(msg, Login):
                grant = await auth.login(msg.username, msg.password, msg.client_id, self.peer)
            else:
                grant = await auth.refresh(msg.refresh_token, msg.client_id, self.peer)
        except AuthRefused as refusal:
            log.info("sign-in refused from %s: %s", self.peer, refusal.code)
            self.deliver(refusal.to_reply(msg.id))
            return
        if self._closing:
            return  # the connection went away (or the hub is stopping) while we checked
        self._welcome(grant, msg.client_version, msg.id)

    def _welcome(self, grant: Grant, client_version: str, ref: str | None) -> None:
        user = grant.user
        self.user, self.client_id = user, grant.client_id
        self._s.registry.attach(self, user)
        presence = self._s.presence.connected(user, client_version)
        log.info("%s signed in from %s (client %s)", user.username, self.peer, client_version)
        self.deliver(
            Welcome(
                id=ref,
                user_id=user.id,
                username=user.username,
                display_name=user.display_name,
                role=user.role,
                team=user.team,
                access_token=grant.access_token,
                access_expires_in=grant.access_expires_in,
                refresh_token=grant.refresh_token,
                last_seq=self._s.storage.last_seq(user.id, grant.client_id),
                presence=presence,
                server_time=self._s.clock.wall(),
                recommended_client=self._s.config.recommended_client,
                permissions=sorted(self._s.storage.permissions(user.id)),  # issue 5: surge
            )
        )
        if self._s.supervision is not None:
            self._s.supervision.signed_in(self, user)  # e.g. the team's surge level
        if self._s.config_pushes is not None:
            self._s.config_pushes.signed_in(self, user)  # the newest policy published for them

    def _report(self, user: User, msg: StateReport) -> None:
        # A report carries no user: it always applies to the signed-in user of this connection.
        assert self.client_id is not None
        applied = self._s.presence.apply_report(user, self.client_id, msg, self.peer)
        self.deliver(Ack(id=msg.id, seq=msg.seq, duplicate=not applied))

    def _subscribe(self, user: User, msg: TeamSubscribe) -> None:
        if user.role == "agent":
            self._s.storage.audit(
                "forbidden", actor=user.username, target="team.subscribe", peer=self.peer
            )
            self.deliver(
                ErrorReply(code="forbidden", message="only team leads see team data", ref=msg.id)
            )
            return
        teams = None if user.role == "admin" else self._s.storage.lead_teams(user)
        # Subscribe first, then snapshot: a change made in between reaches the lead as a delta.
        self._s.fanout.subscribe(self, teams)
        agents = self._s.presence.view(self._s.storage.agents(teams))
        for frame in team_frames(agents, self._s.config.snapshot_chunk, snapshot=True, ref=msg.id):
            self.deliver_frame(frame)

    async def _unlock(self, user: User, msg: Unlock) -> None:
        try:
            await self._s.auth.verify_password(user, msg.password, self.peer)
        except AuthRefused as refusal:
            self.deliver(refusal.to_reply(msg.id))
            return
        self.deliver(Ack(id=msg.id))

    def _logout(self, user: User, msg: Logout) -> None:
        assert self.client_id is not None
        self._s.auth.logout(user, self.client_id, self.peer)
        self.end_reason = "logout"
        self._s.presence.signed_out(user)
        log.info("%s signed out", user.username)
        self.deliver(Ack(id=msg.id))
        self.close(1000, "signed out")
