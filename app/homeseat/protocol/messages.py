"""Protocol v1: every message between client and hub, as a validated pydantic model.

Frames are JSON text. Each carries ``type`` (the discriminator) and may carry ``id``, a request
id the hub echoes in its reply (``ack``/``error`` name the request they answer). Models forbid
unknown fields so a typo is refused with a precise error rather than silently ignored.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from homeseat.core.agent_state import AgentState

__all__ = [
    "PROTOCOL_VERSION",
    "MAX_FRAME_BYTES",
    "Role",
    "Message",
    "ClientMessage",
    "HubMessage",
    "Hello",
    "Login",
    "Refresh",
    "Logout",
    "StateReport",
    "Ping",
    "TeamSubscribe",
    "Welcome",
    "AuthError",
    "Ack",
    "ErrorReply",
    "Pong",
    "AgentPresence",
    "TeamSnapshot",
    "TeamDelta",
    "SessionEnded",
    "CLIENT_ADAPTER",
    "HUB_ADAPTER",
]

PROTOCOL_VERSION = 1
#: Largest frame either side accepts; larger ones are refused before parsing.
MAX_FRAME_BYTES = 64 * 1024

Role = Literal["agent", "lead", "admin"]
Username = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.@-]+$")]
Code = Annotated[str, Field(min_length=1, max_length=40, pattern=r"^[a-z0-9_]+$")]
RequestId = Annotated[str, Field(min_length=1, max_length=64)]
Token = Annotated[str, Field(min_length=16, max_length=512)]


class Message(BaseModel):
    """Base of every frame: strict, immutable, no unknown fields."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: RequestId | None = None


# ----------------------------------------------------------------------------- client → hub


class Hello(Message):
    """Optional first frame: which protocol and client this is (the hub checks the version)."""

    type: Literal["hello"] = "hello"
    protocol: int = PROTOCOL_VERSION
    client_version: Annotated[str, Field(max_length=40)] = "unknown"


class Login(Message):
    """Sign in with a password. ``client_id`` names this installation (stable across runs)."""

    type: Literal["auth.login"] = "auth.login"
    protocol: int = PROTOCOL_VERSION
    username: Username
    password: Annotated[str, Field(min_length=1, max_length=256)]
    client_id: Annotated[str, Field(min_length=8, max_length=64)]
    client_version: Annotated[str, Field(max_length=40)] = "unknown"


class Refresh(Message):
    """Resume a session with a refresh token (from the keyring) instead of a password."""

    type: Literal["auth.refresh"] = "auth.refresh"
    protocol: int = PROTOCOL_VERSION
    refresh_token: Token
    client_id: Annotated[str, Field(min_length=8, max_length=64)]
    client_version: Annotated[str, Field(max_length=40)] = "unknown"


class Logout(Message):
    """End the session and revoke its tokens."""

    type: Literal["auth.logout"] = "auth.logout"


class StateReport(Message):
    """One agent-state transition from the client's outbox.

    ``seq`` counts up per installation (``client_id``) and survives restarts; the hub applies a
    report once, in order, and acknowledges every report it has (re)seen with :class:`Ack`.
    """

    type: Literal["state.report"] = "state.report"
    seq: Annotated[int, Field(ge=1)]
    state: AgentState
    reason: Code | None = None
    channel: Literal["call", "chat"] | None = None
    wrap_up_code: Code | None = None
    at: datetime  # wall clock of the transition at the client


class Ping(Message):
    """Application heartbeat; the hub answers :class:`Pong` and updates ``last seen``."""

    type: Literal["ping"] = "ping"
    t: float = 0.0  # the sender's clock, echoed back for round-trip time


class TeamSubscribe(Message):
    """A lead asks for the live state of their team(s): a snapshot, then deltas."""

    type: Literal["team.subscribe"] = "team.subscribe"


ClientMessage = Annotated[
    Hello | Login | Refresh | Logout | StateReport | Ping | TeamSubscribe,
    Field(discriminator="type"),
]

# ----------------------------------------------------------------------------- hub → client


class AgentPresence(BaseModel):
    """One agent as a lead sees them."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    user_id: int
    username: Username
    display_name: Annotated[str, Field(max_length=80)]
    team: Annotated[str, Field(max_length=64)]
    state: AgentState
    reason: str | None = None
    channel: str | None = None
    since: datetime
    connected: bool
    last_seen: datetime | None = None
    client_version: str | None = None


class Welcome(Message):
    """Sign-in accepted. ``last_seq`` tells the client which outbox entries the hub already has;
    ``presence`` is the hub's view of this agent, which wins over the client's after a restart."""

    type: Literal["auth.ok"] = "auth.ok"
    protocol: int = PROTOCOL_VERSION
    user_id: int
    username: Username
    display_name: str
    role: Role
    team: str
    access_token: Token
    access_expires_in: int
    refresh_token: Token
    last_seq: int
    presence: AgentPresence
    server_time: datetime


class AuthError(Message):
    """Sign-in refused. ``retry_after`` is set when the account or address is throttled."""

    type: Literal["auth.error"] = "auth.error"
    code: Literal["bad_credentials", "throttled", "disabled", "expired", "revoked", "protocol"]
    message: str
    retry_after: float | None = None


class Ack(Message):
    """A request was accepted. For a state report, ``seq`` is the report acknowledged."""

    type: Literal["ack"] = "ack"
    seq: int | None = None
    duplicate: bool = False


class ErrorReply(Message):
    """A frame was refused; ``code`` is stable for programs, ``message`` is for people."""

    type: Literal["error"] = "error"
    code: Literal[
        "malformed",
        "unknown_type",
        "invalid",
        "too_large",
        "unauthenticated",
        "forbidden",
        "conflict",
        "rate_limited",
        "internal",
    ]
    message: str
    ref: str | None = None  # the id of the refused request, when it had one


class Pong(Message):
    """Answer to :class:`Ping`."""

    type: Literal["pong"] = "pong"
    t: float
    server_time: datetime


class TeamSnapshot(Message):
    """The whole team, sent once after :class:`TeamSubscribe` (and after a reconnect)."""

    type: Literal["team.snapshot"] = "team.snapshot"
    agents: list[AgentPresence]


class TeamDelta(Message):
    """Agents whose presence changed since the last snapshot/delta (coalesced per agent)."""

    type: Literal["team.delta"] = "team.delta"
    agents: list[AgentPresence]


class SessionEnded(Message):
    """The hub closed this session (signed out elsewhere, revoked by a lead or an admin)."""

    type: Literal["session.ended"] = "session.ended"
    reason: Literal["logout", "revoked", "replaced", "shutdown"]
    message: str = ""


HubMessage = Annotated[
    Welcome | AuthError | Ack | ErrorReply | Pong | TeamSnapshot | TeamDelta | SessionEnded,
    Field(discriminator="type"),
]

CLIENT_ADAPTER: TypeAdapter[ClientMessage] = TypeAdapter(ClientMessage)
HUB_ADAPTER: TypeAdapter[HubMessage] = TypeAdapter(HubMessage)
