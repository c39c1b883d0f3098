"""The hub server: accepts WebSocket connections and wires storage, auth, presence and fan-out.

Runs entirely on the asyncio loop that calls :meth:`HubServer.start` (the storage connection is
opened there too, so it belongs to that loop's thread). Start order: database → presence book →
fan-out → listening socket. Stop order: stop accepting → ``session.ended(shutdown)`` to everyone →
connections closed → presence flushed → database closed.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from argon2 import PasswordHasher
from websockets.asyncio.server import Server, ServerConnection, serve

from homeseat.core.agent_state import SYSTEM_CLOCK, Clock
from homeseat.hub.auth import Authenticator
from homeseat.hub.chat_customer import CUSTOMER_PATH, CustomerConnection
from homeseat.hub.chat_router import ChatRouter
from homeseat.hub.chat_store import ChatStore
from homeseat.hub.chat_web import process_request
from homeseat.hub.config import HubConfig
from homeseat.hub.config_push import ConfigPushes
from homeseat.hub.fanout import TeamFanout
from homeseat.hub.knowledge import KnowledgeHub, open_knowledge
from homeseat.hub.presence import PresenceBook
from homeseat.hub.session import Connection, HubServices
from homeseat.hub.storage import Storage, User
from homeseat.hub.supervision import Supervision
from homeseat.protocol import AgentPresence

__all__ = ["HubServer"]

log = logging.getLogger(__name__)

#: Seconds between housekeeping rounds (expired tokens, last-seen times).
HOUSEKEEPING_SECONDS = 60.0
#: How long :meth:`HubServer.stop` waits for connections to close before aborting them.
STOP_TIMEOUT_SECONDS = 5.0


class HubServer:
    """The reference central platform. Lives on the loop that calls :meth:`start`.

    Args:
        config: where to listen and store, and the limits.
        storage: an already open database to use instead of opening ``config.db_path``; it
            must have been opened on the loop's thread. The server closes it at :meth:`stop`.
        clock: wall and monotonic clocks (tests may pass their own).
        hasher: argon2 parameters for passwords.
    """

    def __init__(
        self,
        config: HubConfig,
        *,
        storage: Storage | None = None,
        clock: Clock | None = None,
        hasher: PasswordHasher | None = None,
    ) -> None:
        self.config = config
        self._given_storage = storage
        self._clock = clock or SYSTEM_CLOCK
        self._hasher = hasher
        self._services: HubServices | None = None
        self._server: Server | None = None
        self._port = 0
        self._connections: set[Connection] = set()
        self._sessions: dict[int, Connection] = {}
        self._housekeeping: asyncio.Task[None] | None = None
        self._stopping = False
        self._chat: ChatRouter | None = None

    # ------------------------------------------------------------------ properties

    @property
    def port(self) -> int:
        """The TCP port listened on (known after :meth:`start`)."""
        return self._port

    @property
    def url(self) -> str:
        """``wss://host:port`` (``ws://`` without TLS); clients connect here."""
        host = self.config.host
        if ":" in host:
            host = f"[{host}]"
        return f"{'wss' if self.config.tls else 'ws'}://{host}:{self._port}"

    @property
    def storage(self) -> Storage:
        """The database (use on the hub's loop thread only)."""
        return self._require().storage

    @property
    def knowledge(self) -> KnowledgeHub:
        """The knowledge service (use on the hub's loop thread only)."""
        knowledge = self._require().knowledge
        assert knowledge is not None
        return knowledge

    @property
    def config_pushes(self) -> ConfigPushes | None:
        """Published policies and clients' statuses (hub loop thread; None when stopped)."""
        return self._services.config_pushes if self._services is not None else None

    @property
    def chat(self) -> ChatRouter:
        """Customer-chat routing and transcripts (use on the hub's loop thread only)."""
        if self._chat is None:
            raise RuntimeError("the hub is not running")
        return self._chat

    @property
    def running(self) -> bool:
        """True between :meth:`start` and :meth:`stop`."""
        return self._server is not None and not self._stopping

    def online_usernames(self) -> set[str]:
        """Users with a signed-in connection now."""
        return {c.user.username for c in self._sessions.values() if c.user is not None}

    def presence_of(self, username: str) -> AgentPresence | None:
        """The hub's current view of a user, or None when there is no such user."""
        services = self._require()
        user = services.storage.user(username)
        return None if user is None else services.presence.get(user)

    # ------------------------------------------------------------------ lifecycle

    async def start(self) -> None:
        """Open the database and start listening; raises OSError if the port is taken."""
        if self._services is not None:
            raise RuntimeError("the hub is already started")
        storage = self._given_storage or Storage(self.config.db_path)
        fanout = TeamFanout(self.config.fanout_interval_seconds, self.config.snapshot_chunk)
        chat = self._chat = ChatRouter(
            self.config.chat, ChatStore(storage.path), self._clock, self._session_of
        )

        def changed(user: User, presence: AgentPresence) -> None:
            if user.role == "agent":  # leads see agents only
                fanout.publish(presence)
                chat.presence_changed(user, presence)  # Ready agents take queued chats

        presence = PresenceBook(storage, self._clock, self.config.disconnect_grace_seconds, changed)
        auth = Authenticator(storage, self.config, self._clock, self._hasher)
        supervision = Supervision(storage, presence, auth, self._clock, self._sessions)
        presence.enrich = supervision.enrich  # today's handled contacts, with every report
        pushes = ConfigPushes(storage, self._sessions.values)
        self._services = HubServices(
            config=self.config,
            storage=storage,
            auth=auth,
            supervision=supervision,
            config_pushes=pushes,
            presence=presence,
            fanout=fanout,
            clock=self._clock,
            registry=self,
            chat=chat,
            knowledge=open_knowledge(self.config.db_path),
        )
        knowledge = self._services.knowledge
        try:
            presence.start()
            pushes.start(self.config.config_poll_seconds)
            chat.start()
            fanout.start()
            if knowledge is not None:
                knowledge.start()
            self._server = await serve(
                self._handle,
                self.config.host,
                self.config.port,
                ssl=self.config.ssl_context(),
                # A little above the protocol limit, so a slightly oversized frame reaches the
                # codec and gets a precise "too_large" reply; far larger ones are cut off early.
                max_size=self.config.max_frame_bytes * 2,
                max_queue=16,
                compression=None,  # predictable memory per connection with thousands of them
                ping_interval=self.config.ws_ping_interval_seconds,
                ping_timeout=self.config.ws_ping_interval_seconds,
                close_timeout=2,
                process_request=process_request,  # the customer chat page (hub/web)
            )
        except BaseException:
            await fanout.stop()
            chat.stop()
            chat.store.close()
            if knowledge is not None:
                await knowledge.stop()
            presence.close()
            storage.close()
            self._services = None
            raise
        self._port = int(self._server.sockets[0].getsockname()[1])
        self._housekeeping = asyncio.create_task(self._housekeep(), name="hub-housekeeping")
        log.info("hub listening on %s", self.url)

    async def stop(self) -> None:
        """Shut down in order; connections are told ``session.ended(shutdown)`` first."""
        timeout = STOP_TIMEOUT_SECONDS
        services, server = self._services, self._server
        if services is None or self._stopping:
            return
        self._stopping = True
        try:
            if server is not None:
                server.close(close_connections=False)  # stop accepting; handlers keep running
            for conn in list(self._connections):
                conn.end("shutdown", "the hub is shutting down", code=1001)
            if self._chat is not None:
                self._chat.close_customers()
            if server is not None:
                try:
                    await asyncio.wait_for(server.wait_closed(), timeout)
                except TimeoutError:
                    log.warning("connections did not close in %.0f s; aborting them", timeout)
                    for conn in list(self._connections):
                        conn.ws.transport.abort()
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(server.wait_closed(), 2.0)
        finally:
            if self._housekeeping is not None:
                self._housekeeping.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await self._housekeeping
            await services.fanout.stop()
            if services.chat is not None:
                services.chat.stop()
                services.chat.store.close()
            if services.config_pushes is not None:
                await services.config_pushes.stop()
            services.presence.close()
            if services.knowledge is not None:
                await services.knowledge.stop()
            services.storage.close()
            self._services = None
            self._server = None
            log.info("hub stopped")

    # ------------------------------------------------------------------ administration

    async def revoke_user(self, username: str, actor: str) -> bool:
        """Revoke all of a user's tokens, sign them out and end their live session.

        Returns:
            False when there is no such user.
        """
        services = self._require()
        user = services.storage.user(username)
        if user is None:
            return False
        services.auth.revoke_user(user, actor)
        conn = self._sessions.get(user.id)
        if conn is not None:
            conn.end("revoked", "your session was ended by an administrator")
        services.presence.signed_out(user)
        log.info("%s revoked the session of %s", actor, user.username)
        return True

    # ------------------------------------------------------------------ Registry (connections)

    def attach(self, connection: Connection, user: User) -> None:
        """Make ``connection`` the user's live session; an older one is ended as replaced."""
        services = self._require()
        old = self._sessions.get(user.id)
        self._sessions[user.id] = connection
        if old is not None and old is not connection:
            services.fanout.unsubscribe(old)
            old.end("replaced", "signed in elsewhere")
            services.storage.audit(
                "session.replaced",
                actor=user.username,
                target=user.username,
                peer=connection.peer,
                detail={"old_peer": old.peer, "old_client_id": old.client_id or ""},
            )

    def detach(self, connection: Connection) -> None:
        """Forget a closed connection; a dropped live session starts the grace period."""
        self._connections.discard(connection)
        services = self._services
        if services is None:
            return
        services.fanout.unsubscribe(connection)
        user = connection.user
        if user is None or self._sessions.get(user.id) is not connection:
            return  # never signed in, or already replaced
        del self._sessions[user.id]
        if connection.end_reason is None and not self._stopping:
            services.presence.disconnected(user)

    # ------------------------------------------------------------------ internals

    def _session_of(self, user_id: int) -> Connection | None:
        return self._sessions.get(user_id)

    def _require(self) -> HubServices:
        if self._services is None:
            raise RuntimeError("the hub is not running")
        return self._services

    async def _handle(self, ws: ServerConnection) -> None:
        services = self._services
        if services is None or self._stopping:
            await ws.close(1001, "shutting down")
            return
        if ws.request is not None and ws.request.path.startswith(CUSTOMER_PATH):
            await CustomerConnection(ws, self.chat, self.config.chat, self._clock).run()
            return
        conn = Connection(ws, services)
        self._connections.add(conn)
        try:
            await conn.run()
        except Exception:
            # Connection.run handles its own errors; this is the last line of defence.
            log.exception("connection handler of %r failed", conn)
        finally:
            self._connections.discard(conn)

    async def _housekeep(self) -> None:
        while True:
            await asyncio.sleep(HOUSEKEEPING_SECONDS)
            services = self._services
            if services is None:
                return
            try:
                purged = services.auth.purge_expired()
                services.presence.flush()
                if purged:
                    log.info("purged %d expired token(s)", purged)
            except Exception:
                log.exception("hub housekeeping failed")
