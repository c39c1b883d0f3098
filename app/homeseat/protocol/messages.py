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
from homeseat.core.version import VERSION_PATTERN

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
Token = Annotated[str, Field(min_length=16, max_length=512, repr=False)]  # never in a repr


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
    password: Annotated[str, Field(min_length=1, max_length=256, repr=False)]
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


# Feature messages live in their own modules (pre-shift audio check: issue 4, customer chat:
# issue 6, knowledge base: issue 7); they need ``Message`` defined above.
from homeseat.protocol.audio_check import AudioCheckReport, AudioCheckSummary  # noqa: E402
from homeseat.protocol.chat import (  # noqa: E402
    ChatAccept,
    ChatAck,
    ChatAssigned,
    ChatClose,
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
from homeseat.protocol.config_push import ConfigPush, ConfigStatusReport  # noqa: E402
from homeseat.protocol.knowledge import (  # noqa: E402
    KbChanged,
    KbDelta,
    KbFeedback,
    KbPin,
    KbPins,
    KbSync,
    KbUsage,
    KbUsageRequest,
)
from homeseat.protocol.lock import Unlock  # noqa: E402
from homeseat.protocol.supervision import (  # noqa: E402
    CallQualityReport,
    HelpRequest,
    LeadAction,
    LeadNotice,
    SurgeLevel,
    SurgeSet,
    Timeline,
    TimelineRequest,
)

ClientMessage = Annotated[
    Hello
    | Login
    | Refresh
    | Logout
    | StateReport
    | Ping
    | TeamSubscribe
    | ChatAccept
    | ChatDecline
    | ChatSend
    | ChatTyping
    | ChatClose
    | ChatTransfer
    | ChatSync
    | KbSync
    | KbFeedback
    | KbPin
    | KbUsageRequest
    | AudioCheckReport
    | LeadAction
    | HelpRequest
    | TimelineRequest
    | SurgeSet
    | CallQualityReport
    | ConfigStatusReport
    | Unlock,
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
    audio_check: AudioCheckSummary | None = None  # the latest audio check (kept in memory)
    # Supervision (kept in memory, rebuilt from the state events after a hub restart):
    help_requested: datetime | None = None  # a raised hand, since when
    help_text: Annotated[str, Field(max_length=500)] = ""
    handled_today: int = 0  # contacts (Busy periods) finished since local midnight
    handle_seconds_today: float = 0.0  # their talk + wrap-up time: AHT = this / handled_today
    mos: float | None = None  # line quality of the agent's last call (1-5)


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
    recommended_client: Annotated[str, Field(pattern=VERSION_PATTERN)] | None = Field(
        default=None,
        description="Client version IT recommends (none: no advice); older clients show a notice.",
    )
    permissions: Annotated[list[Code], Field(max_length=16)] = Field(
        default_factory=list,
        description="Permissions beyond the role (e.g. 'surge'): the client shows what they allow.",
    )


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
        "not_found",
        "offline",
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
    Welcome
    | AuthError
    | Ack
    | ErrorReply
    | Pong
    | TeamSnapshot
    | TeamDelta
    | SessionEnded
    | ChatOffer
    | ChatOfferWithdrawn
    | ChatAssigned
    | ChatLine
    | ChatAck
    | ChatTyping
    | ChatEnded
    | KbDelta
    | KbChanged
    | KbPins
    | KbUsage
    | LeadNotice
    | Timeline
    | SurgeLevel
    | ConfigPush,
    Field(discriminator="type"),
]

CLIENT_ADAPTER: TypeAdapter[ClientMessage] = TypeAdapter(ClientMessage)
HUB_ADAPTER: TypeAdapter[HubMessage] = TypeAdapter(HubMessage)
