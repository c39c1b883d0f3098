"""Protocol v1, managed configuration: signed policy pushes and each client's policy status.

IT signs a policy (``homeseat config sign``) and publishes the envelope at the hub
(``homeseat-hub config publish``). The hub sends the newest envelope that applies to a user
(:class:`ConfigPush`) after every sign-in and to everyone concerned when a newer one is
published. The hub never alters or re-signs it: the client verifies the Ed25519 signature over
the exact policy bytes against the key pinned by its managed file, refuses rollbacks and expired
policies, and reports what it runs (:class:`ConfigStatusReport`) after every change and every
sign-in, so IT reads each client's state at the hub (``homeseat-hub config status``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, JsonValue

from homeseat.protocol.messages import Message

__all__ = [
    "PolicyEnvelope",
    "ConfigPush",
    "ReportedProblem",
    "ReportedDocument",
    "ReportedPush",
    "ConfigStatus",
    "ConfigStatusReport",
]

_Short = Annotated[str, Field(max_length=200)]
_Sha = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
_B64 = Annotated[str, Field(max_length=48 * 1024, pattern=r"^[A-Za-z0-9+/=]*$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PolicyEnvelope(_Strict):
    """A signed policy exactly as ``homeseat config sign`` wrote it (base64 fields)."""

    format: Annotated[str, Field(max_length=40)]
    policy: _B64
    signature: Annotated[str, Field(max_length=200, pattern=r"^[A-Za-z0-9+/=]*$")]
    key: Annotated[str, Field(max_length=200, pattern=r"^[A-Za-z0-9+/=]*$")] | None = None


class ConfigPush(Message):
    """The newest policy published for this user (sent after sign-in and on publication)."""

    type: Literal["config.push"] = "config.push"
    envelope: PolicyEnvelope
    scope: Annotated[str, Field(max_length=64)]  # "all" or a team
    published_at: datetime


class ReportedProblem(_Strict):
    """One refused key or document problem (see ``homeseat.config.validation.Problem``)."""

    pointer: _Short
    rule: _Short
    message: Annotated[str, Field(max_length=500)]
    value: JsonValue = None
    origin: _Short | None = None


class ReportedDocument(_Strict):
    """One configuration source as the client sees it."""

    kind: Literal["managed", "push", "user"]
    origin: Annotated[str, Field(max_length=400)]
    state: Literal["ok", "partial", "refused", "missing", "expired"]
    serial: int | None = None
    sha256: _Sha | None = None
    in_force_serial: int | None = None
    in_force_sha256: _Sha | None = None
    problems: Annotated[list[ReportedProblem], Field(max_length=20)] = []
    problem_count: Annotated[int, Field(ge=0)] = 0
    checked_at: datetime | None = None


class ReportedPush(_Strict):
    """The outcome of the latest push the client received."""

    accepted: bool
    reason: _Short | None = None
    message: Annotated[str, Field(max_length=500)] = ""
    serial: int | None = None
    at: datetime
    unchanged: bool = False
    problems: Annotated[list[ReportedProblem], Field(max_length=20)] = []
    problem_count: Annotated[int, Field(ge=0)] = 0


class ConfigStatus(_Strict):
    """Everything IT needs to know about one client's configuration."""

    healthy: bool
    documents: Annotated[list[ReportedDocument], Field(max_length=3)]
    last_push: ReportedPush | None = None
    conflicts: Annotated[list[ReportedProblem], Field(max_length=20)] = []
    locked_keys: Annotated[int, Field(ge=0)] = 0
    effective_sha256: _Sha
    at: datetime


class ConfigStatusReport(Message):
    """The client's policy status (after every change, and after every sign-in)."""

    type: Literal["config.status"] = "config.status"
    status: ConfigStatus
