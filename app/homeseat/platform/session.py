"""The client's session with the hub: sign-in, heartbeat, reconnect, resync, exactly-once reports.

Runs on one asyncio loop (the Qt main thread's, through qasync, in the app; a plain loop in
robots and tests). Nothing here blocks the loop: network work is ``async`` and the keyring and the
local store are quick local calls.

Lifecycle: ``sign_in`` (password) or ``resume`` (refresh token from the keyring) makes the first
connection; a supervisor task then owns the link, reconnecting with jittered exponential backoff
and re-authenticating with the rotating refresh token. After each (re)connection the hub's
``last_seq`` drops what it already has from the outbox and the rest is sent again, in order.
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import logging
import random
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Protocol

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidURI

from homeseat.config.model import HubSettings
from homeseat.core.agent_state import (
    AgentState,
    AgentStateMachine,
    AgentStatus,
    EventKind,
    StateEvent,
    Transition,
)
from homeseat.core.outbox import Outbox, OutboxEntry
from homeseat.protocol import (
    MAX_FRAME_BYTES,
    Ack,
    AgentPresence,
    AuthError,
    ErrorReply,
    HubMessage,
    Login,
    Logout,
    Message,
    Ping,
    Pong,
    ProtocolError,
    Refresh,
    SessionEnded,
    StateReport,
    TeamDelta,
    TeamSnapshot,
    TeamSubscribe,
    Welcome,
    decode_hub,
    encode,
)
from homeseat.protocol.audio_check import AudioCheckReport, AudioCheckSummary
from homeseat.security.pinning import pin_matches
from homeseat.security.secrets import SecretStore

__all__ = ["Link", "SessionInfo", "SignInError", "SessionListener", "PlatformSession"]

log = logging.getLogger(__name__)


class Link(enum.StrEnum):
    """The state of the connection to the hub."""

    OFFLINE = "offline"
    CONNECTING = "connecting"
    ONLINE = "online"
    SIGNED_OUT = "signed_out"


@dataclass(frozen=True, slots=True)
class SessionInfo:
    """Who is signed in, as the hub said."""

    user_id: int
    username: str
    display_name: str
    role: str
    team: str
    insecure: bool
    recommended_client: str | None = None  # the hub's advice (update notice)
    permissions: frozenset[str] = frozenset()  # beyond the role, e.g. "surge" (issue 5)


class SignInError(Exception):
    """Sign-in refused or impossible; ``code`` is stable, ``message`` is for people."""

    def __init__(self, code: str, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.retry_after = retry_after


class SessionListener(Protocol):
    """Receives session events on the loop thread."""

    def on_link(self, link: Link, detail: str) -> None: ...
    def on_status(self, status: AgentStatus) -> None: ...
    def on_team_snapshot(self, agents: list[AgentPresence]) -> None: ...
    def on_team_delta(self, agents: list[AgentPresence]) -> None: ...
    def on_ended(self, reason: str, message: str) -> None: ...
    def on_error(self, message: str) -> None: ...


class _Ended(Exception):
    """The hub ended the session for good; no reconnect."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message


class PlatformSession:
    """One signed-in user's link to the hub. Lives on the event-loop thread."""

    def __init__(
        self,
        settings: HubSettings,
        *,
        machine: AgentStateMachine,
        outbox: Outbox,
        secrets: SecretStore,
        client_id: str,
        client_version: str,
        rng: random.Random | None = None,
    ) -> None:
        self._settings = settings
        self._machine = machine
        self._outbox = outbox
        self._secrets = secrets
        self._client_id = client_id
        self._client_version = client_version
        self._rng = rng or random.Random()
        self._listeners: list[SessionListener] = []
        self._ws: ClientConnection | None = None
        self._info: SessionInfo | None = None
        self._link = Link.SIGNED_OUT
        self._refresh_token: str | None = None
        self._remember = False
        self._want_team = False
        self._subscribed_on: ClientConnection | None = None  # the link TeamSubscribe went on
        self._audio_check: AudioCheckSummary | None = None  # re-sent after every reconnect
        self._supervisor: asyncio.Task[None] | None = None
        self._closing = False
        self._sent_through = 0  # highest seq written on the current connection
        self._last_rtt: float | None = None
        self._handlers: list[Callable[[HubMessage], None]] = []  # feature services (issue 7)

    # ------------------------------------------------------------------ properties & listeners

    def add_handler(self, handler: Callable[[HubMessage], None]) -> None:
        """Let a feature service (knowledge, chat...) see every hub message, on the loop thread."""
        self._handlers.append(handler)

    async def send(self, message: Message) -> bool:
        """Send a feature message now; False when offline (the caller keeps it for later)."""
        ws = self._ws
        if ws is None or self._link is not Link.ONLINE:
            return False
        try:
            await ws.send(encode(message))
        except ConnectionClosed:
            return False
        return True

    def add_listener(self, listener: SessionListener) -> None:
        """Register a listener; it is called on the loop thread."""
        self._listeners.append(listener)

    @property
    def info(self) -> SessionInfo | None:
        """The signed-in user, or None."""
        return self._info

    @property
    def link(self) -> Link:
        """Connection state."""
        return self._link

    @property
    def status(self) -> AgentStatus:
        """The agent's own status."""
        return self._machine.status

    @property
    def machine(self) -> AgentStateMachine:
        """The agent state machine this session reports."""
        return self._machine

    @property
    def pending_reports(self) -> int:
        """Transitions the hub has not acknowledged yet."""
        return len(self._outbox.pending())

    @property
    def round_trip(self) -> float | None:
        """Last heartbeat round-trip time in seconds."""
        return self._last_rtt

    # ------------------------------------------------------------------ sign-in

    async def sign_in(self, username: str, password: str, *, remember: bool = True) -> SessionInfo:
        """Sign in with a password; raises :class:`SignInError`."""
        login = Login(
            username=username,
            password=password,
            client_id=self._client_id,
            client_version=self._client_version,
        )
        self._remember = remember
        return await self._first_connect(login)

    async def resume(self, username: str) -> SessionInfo | None:
        """Sign in with the refresh token kept in the keyring, if there is one."""
        token = self._secrets.get(self._account(username))
        if token is None:
            return None
        self._remember = True
        refresh = Refresh(
            refresh_token=token, client_id=self._client_id, client_version=self._client_version
        )
        try:
            return await self._first_connect(refresh, username=username)
        except SignInError as exc:
            if exc.code in ("expired", "revoked", "bad_credentials", "disabled"):
                self._secrets.delete(self._account(username))
            raise

    async def _first_connect(self, auth: Login | Refresh, username: str = "") -> SessionInfo:
        if self._supervisor is not None:
            raise SignInError("protocol", "already signed in")
        self._closing = False
        self._set_link(Link.CONNECTING, "")
        try:
            ws, welcome = await self._connect(auth)
        except SignInError:
            self._set_link(Link.SIGNED_OUT, "")
            raise
        self._adopt_welcome(welcome)
        # Online from here on (not only once the supervisor task runs): a feature may send
        # right after sign_in() returns.
        self._ws, self._sent_through = ws, 0
        self._set_link(Link.ONLINE, "")
        if self._machine.status.state is AgentState.SIGNED_OUT:
            self._record(self._machine.apply(StateEvent(EventKind.SIGN_IN)))
        self._supervisor = asyncio.create_task(self._supervise(ws), name="hub-session")
        self._supervisor.add_done_callback(self._supervisor_done)
        assert self._info is not None
        return self._info

    # ------------------------------------------------------------------ commands

    def request(self, event: StateEvent) -> Transition:
        """Apply a state event and report it exactly once (raises ``InvalidTransition``)."""
        transition = self._machine.apply(event)
        self._record(transition)
        return transition

    async def subscribe_team(self) -> None:
        """Ask for the team's live state (leads); renewed after every reconnect."""
        self._want_team = True
        await self._subscribe_once()

    async def report_audio_check(self, check: AudioCheckSummary) -> bool:
        """Tell the hub (and so the leads) the audio-check verdict; True if sent now.

        The latest verdict is kept and sent again after every reconnect, so it is not lost.
        """
        self._audio_check = check
        if self._ws is not None and self._link is Link.ONLINE:
            await self._send(AudioCheckReport(check=check))
            return True
        return False

    async def sign_out(self) -> None:
        """Report sign-out, revoke the tokens at the hub and forget the keyring entry."""
        if EventKind.SIGN_OUT in self._machine.allowed():
            self.request(StateEvent(EventKind.SIGN_OUT))
        ws = self._ws
        self._closing = True  # the hub closes the link after Logout: do not reconnect
        if ws is not None and self._link is Link.ONLINE:
            with contextlib.suppress(ConnectionClosed, TimeoutError):
                await self._flush()
                await asyncio.wait_for(ws.send(encode(Logout(id="logout"))), 3)
                # Wait until the hub closes or a short time passes; reports go first.
                await asyncio.wait_for(ws.wait_closed(), 3)
        if self._info is not None:
            self._secrets.delete(self._account(self._info.username))
        await self.close()
        self._set_link(Link.SIGNED_OUT, "")

    async def close(self) -> None:
        """Stop the link without signing out (quit the app; the hub sees a disconnect)."""
        self._closing = True
        task, self._supervisor = self._supervisor, None
        if self._ws is not None:
            with contextlib.suppress(Exception):
                await self._ws.close()
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._ws = None

    # ------------------------------------------------------------------ internals

    def _account(self, username: str) -> str:
        return f"{username}@{self._settings.url}"

    def _record(self, transition: Transition) -> None:
        if transition.changed_state:
            self._outbox.add(transition)
            if self._ws is not None and self._link is Link.ONLINE:
                task = asyncio.get_running_loop().create_task(self._flush_safely())
                task.add_done_callback(_log_task_failure)
        self._emit_status()

    def _ssl_context(self) -> ssl.SSLContext | None:
        if not self._settings.url.startswith("wss://"):
            return None
        ctx = ssl.create_default_context()
        if self._settings.ca_file is not None:
            ctx.load_verify_locations(cafile=str(self._settings.ca_file))
        ctx.minimum_version = ssl.TLSVersion.TLSv1_2
        return ctx

    async def _connect(self, auth: Login | Refresh) -> tuple[ClientConnection, Welcome]:
        """Open a connection and authenticate on it; raises :class:`SignInError`."""
        try:
            ws = await connect(
                self._settings.url,
                ssl=self._ssl_context(),
                open_timeout=10,
                max_size=MAX_FRAME_BYTES * 16,  # snapshots of large teams are big
                ping_interval=self._settings.heartbeat_seconds,
                ping_timeout=self._settings.heartbeat_seconds * 2,
                close_timeout=2,
            )
        except ssl.SSLError as exc:
            raise SignInError("tls", f"TLS failed: {exc.reason or exc}") from None
        except (OSError, TimeoutError, InvalidHandshake, InvalidURI) as exc:
            raise SignInError("unreachable", f"hub unreachable: {type(exc).__name__}") from None
        if self._settings.pin_sha256:
            # Checked before any credential is sent: a wrong key never sees the password.
            tls = ws.transport.get_extra_info("ssl_object")
            der = tls.getpeercert(binary_form=True) if tls is not None else None
            if not pin_matches(der, self._settings.pin_sha256):
                await ws.close()
                raise SignInError("pin_mismatch", "the hub's certificate key is not the pinned one")
        try:
            await ws.send(encode(auth))
            reply = decode_hub(await asyncio.wait_for(ws.recv(), 15))
        except (ConnectionClosed, TimeoutError, ProtocolError) as exc:
            await ws.close()
            detail = type(exc).__name__
            raise SignInError("unreachable", f"no answer to sign-in: {detail}") from None
        if isinstance(reply, AuthError):
            await ws.close()
            raise SignInError(reply.code, reply.message, reply.retry_after)
        if not isinstance(reply, Welcome):
            await ws.close()
            raise SignInError("protocol", f"unexpected reply {reply.type}")
        return ws, reply

    def _adopt_welcome(self, welcome: Welcome) -> None:
        self._info = SessionInfo(
            user_id=welcome.user_id,
            username=welcome.username,
            display_name=welcome.display_name,
            role=welcome.role,
            team=welcome.team,
            insecure=self._settings.url.startswith("ws://"),
            recommended_client=welcome.recommended_client,
            permissions=frozenset(welcome.permissions),
        )
        self._refresh_token = welcome.refresh_token
        if self._remember:
            self._secrets.set(self._account(welcome.username), welcome.refresh_token)
        self._outbox.sync(welcome.last_seq)
        self._resync_state(welcome.presence)

    def _resync_state(self, presence: AgentPresence) -> None:
        """Adopt the hub's view when we have nothing newer to tell it (e.g. a forced state)."""
        status = self._machine.status
        if self._outbox.pending() or status.state is AgentState.SIGNED_OUT:
            return
        if presence.state is AgentState.SIGNED_OUT:
            return  # the hub lost track (signed out by a restart); our reports will fix it
        if (presence.state, presence.reason) != (status.state, status.reason):
            age = max(0.0, (datetime.now(UTC) - presence.since).total_seconds())
            self._machine.restore(
                replace(
                    status,
                    state=presence.state,
                    reason=presence.reason,
                    channel=presence.channel,
                    since_wall=presence.since,
                    since_mono=time.monotonic() - age,
                )
            )
            self._emit_status()

    async def _supervise(self, ws: ClientConnection) -> None:
        """Own the link: serve a connection, and reconnect when it drops."""
        attempt = 0
        current: ClientConnection | None = ws
        while not self._closing:
            if current is None:
                delay = self._backoff(attempt)
                self._set_link(Link.OFFLINE, f"reconnecting in {delay:.1f} s")
                await asyncio.sleep(delay)
                attempt += 1
                self._set_link(Link.CONNECTING, "")
                try:
                    current, welcome = await self._connect(self._refresh_message())
                except SignInError as exc:
                    if exc.code in ("expired", "revoked", "disabled", "bad_credentials"):
                        raise _Ended(exc.code, exc.message) from None
                    log.info("reconnect failed: %s", exc.code)
                    continue
                self._adopt_welcome(welcome)
            attempt = 0
            await self._serve(current)
            current = None

    def _refresh_message(self) -> Refresh:
        assert self._refresh_token is not None
        return Refresh(
            refresh_token=self._refresh_token,
            client_id=self._client_id,
            client_version=self._client_version,
        )

    def _backoff(self, attempt: int) -> float:
        """Full-jitter exponential backoff, so a hub restart is not met by a thundering herd."""
        lo, hi = self._settings.reconnect_min_seconds, self._settings.reconnect_max_seconds
        ceiling = min(hi, lo * (2**attempt))
        return lo + self._rng.uniform(0, max(0.0, ceiling - lo))

    async def _serve(self, ws: ClientConnection) -> None:
        """Run one connection until it closes; raises :class:`_Ended` when the hub ends us."""
        if self._ws is not ws:  # a reconnect (the first link was adopted by sign-in)
            self._ws, self._sent_through = ws, 0
        self._set_link(Link.ONLINE, "")
        heartbeat = asyncio.create_task(self._heartbeat(ws), name="hub-heartbeat")
        try:
            await self._flush()
            await self._subscribe_once()
            if self._audio_check is not None:
                await self._send(AudioCheckReport(check=self._audio_check))
            async for frame in ws:
                self._handle(frame)
        except ConnectionClosed:
            pass
        finally:
            heartbeat.cancel()
            self._ws = None
        log.info("hub connection closed (code %s)", ws.close_code)

    async def _heartbeat(self, ws: ClientConnection) -> None:
        with contextlib.suppress(ConnectionClosed):
            while True:
                await ws.send(encode(Ping(t=time.monotonic())))
                await asyncio.sleep(self._settings.heartbeat_seconds)

    def _handle(self, frame: str | bytes) -> None:
        try:
            msg: HubMessage = decode_hub(frame)
        except ProtocolError as exc:
            log.warning("hub sent a bad frame: %s", exc.code)
            return
        for handler in self._handlers:
            try:
                handler(msg)
            except Exception:  # a feature's bug must not take the session down
                log.exception("handling %s failed", msg.type)
        if isinstance(msg, Ack):
            if msg.seq is not None:
                self._outbox.acknowledge(msg.seq)
                self._emit_status()
        elif isinstance(msg, Pong):
            self._last_rtt = time.monotonic() - msg.t
        elif isinstance(msg, TeamSnapshot):
            for listener in self._listeners:
                listener.on_team_snapshot(msg.agents)
        elif isinstance(msg, TeamDelta):
            for listener in self._listeners:
                listener.on_team_delta(msg.agents)
        elif isinstance(msg, ErrorReply):
            log.warning("hub refused a message: %s (%s)", msg.code, msg.ref)
            for listener in self._listeners:
                listener.on_error(msg.message)
        elif isinstance(msg, SessionEnded):
            if msg.reason == "shutdown":
                # A hub restart (deploy, crash recovery) is an outage, not the end of the
                # session: the link closes next and the supervisor reconnects with backoff.
                log.info("hub is shutting down; will reconnect")
                return
            raise _Ended(msg.reason, msg.message)

    async def _subscribe_once(self) -> None:
        """Subscribe to the team on the current link if wanted and not done on it yet."""
        ws = self._ws
        online = ws is not None and self._link is Link.ONLINE
        if self._want_team and online and self._subscribed_on is not ws:
            self._subscribed_on = ws
            await self._send(TeamSubscribe())

    async def _flush(self) -> None:
        """Send every outbox entry not yet written on this connection, in order."""
        for entry in self._outbox.pending():
            if entry.seq <= self._sent_through or self._ws is None:
                continue
            await self._ws.send(encode(_report(entry)))
            self._sent_through = entry.seq

    async def _flush_safely(self) -> None:
        # A send that fails here is not lost: the entry stays in the outbox for the next link.
        with contextlib.suppress(ConnectionClosed):
            await self._flush()

    async def _send(self, msg: TeamSubscribe | Logout | AudioCheckReport) -> None:
        if self._ws is not None:
            with contextlib.suppress(ConnectionClosed):
                await self._ws.send(encode(msg))

    def _supervisor_done(self, task: asyncio.Task[None]) -> None:
        if task.cancelled():
            return
        exc = task.exception()
        if isinstance(exc, _Ended):
            if exc.reason in ("revoked", "expired", "disabled") and self._info is not None:
                self._secrets.delete(self._account(self._info.username))
            self._supervisor = None
            self._set_link(Link.SIGNED_OUT, exc.reason)
            for listener in self._listeners:
                listener.on_ended(exc.reason, exc.message)
        elif exc is not None:
            log.error("hub session task failed", exc_info=exc)
            self._supervisor = None
            self._set_link(Link.OFFLINE, "internal error")
            for listener in self._listeners:
                listener.on_error(f"session stopped: {type(exc).__name__}")

    def _set_link(self, link: Link, detail: str) -> None:
        if link is self._link and not detail:
            return
        self._link = link
        for listener in self._listeners:
            listener.on_link(link, detail)

    def _emit_status(self) -> None:
        status = self._machine.status
        for listener in self._listeners:
            listener.on_status(status)


def _report(entry: OutboxEntry) -> StateReport:
    return StateReport(
        seq=entry.seq,
        state=entry.state,
        reason=entry.reason,
        channel=entry.channel,
        wrap_up_code=entry.wrap_up_code,
        at=entry.at,
    )


def _log_task_failure(task: asyncio.Task[None]) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error("session background task failed", exc_info=task.exception())
