"""What the hub's database holds, as immutable records, and the errors it raises.

Plain data shared by the storage, the authenticator and the presence book (hub loop thread).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from homeseat.core.agent_state import AgentState

__all__ = [
    "Role",
    "TokenKind",
    "ROLES",
    "StorageError",
    "UserExists",
    "UnknownUser",
    "User",
    "PresenceRow",
    "TokenRow",
    "StateEventRow",
    "AuditEntry",
    "SurgeRow",
]

Role = Literal["agent", "lead", "admin"]
TokenKind = Literal["access", "refresh"]
ROLES: tuple[Role, ...] = ("agent", "lead", "admin")


class StorageError(Exception):
    """A request the database cannot satisfy; the message says why."""


class UserExists(StorageError):
    """The user name is taken (names are compared without case)."""


class UnknownUser(StorageError):
    """No such user."""


@dataclass(frozen=True, slots=True)
class User:
    """A hub account. ``password_hash`` is an argon2 hash and never leaves the hub."""

    id: int
    username: str
    display_name: str
    role: Role
    team: str
    disabled: bool
    created_at: datetime
    password_hash: str = field(repr=False)


@dataclass(frozen=True, slots=True)
class PresenceRow:
    """A user's stored presence."""

    user_id: int
    state: AgentState
    reason: str | None
    channel: str | None
    since: datetime
    connected: bool
    last_seen: datetime | None
    client_version: str | None


@dataclass(frozen=True, slots=True)
class TokenRow:
    """A stored token (only its digest is known)."""

    kind: TokenKind
    user_id: int
    client_id: str
    expires_at: datetime
    revoked: bool


@dataclass(frozen=True, slots=True)
class StateEventRow:
    """One applied state report."""

    user_id: int
    client_id: str
    seq: int
    state: AgentState
    reason: str | None
    channel: str | None
    wrap_up_code: str | None
    at_client: datetime
    at_hub: datetime


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One audit record. ``detail`` never holds passwords or tokens."""

    id: int
    at: datetime
    actor: str | None
    action: str
    target: str | None
    detail: dict[str, Any]
    peer: str | None


@dataclass(frozen=True, slots=True)
class SurgeRow:
    """A team's surge level (三级应急) and who set it when."""

    team: str
    level: int
    message: str
    set_by: str
    since: datetime
