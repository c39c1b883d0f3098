"""What this client is running and why: the policy status reported to the hub and shown to IT.

Plain frozen dataclasses with a JSON-ready ``to_dict()``; the platform session wraps that in its
protocol message. They hold pointers, rules and shortened values, never secrets. Any thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any, Literal

from homeseat.config.signing import Refusal
from homeseat.config.validation import Problem

__all__ = [
    "DocState",
    "Seen",
    "DocumentStatus",
    "PushResult",
    "PolicyStatus",
    "MAX_REPORTED_PROBLEMS",
]

#: Problems listed per document in a report (the count says how many there were): a status must
#: fit one protocol frame even for a file with a thousand bad keys.
MAX_REPORTED_PROBLEMS = 20

DocKind = Literal["managed", "push", "user"]


class DocState(StrEnum):
    """The state of the latest version seen of one document."""

    OK = "ok"  # applied in full
    PARTIAL = "partial"  # applied, but some keys were refused (see problems)
    REFUSED = "refused"  # not applied; the last good version (if any) stays in force
    MISSING = "missing"  # there is no such document
    EXPIRED = "expired"  # its expiry has passed; no longer applied


@dataclass(frozen=True)
class Seen:
    """The latest version read or received of one document (before it becomes a status)."""

    state: DocState
    serial: int | None = None
    sha256: str | None = None
    problems: tuple[Problem, ...] = ()
    at: datetime | None = None


@dataclass(frozen=True)
class DocumentStatus:
    """One source of configuration.

    Attributes:
        kind: managed file, hub push or user file.
        origin: the file path, or ``hub push``.
        state: the state of the latest version read or received.
        serial: the serial of that version (policies only, when readable).
        sha256: the hash of that version's bytes.
        in_force_serial: serial of the version actually applied (may be the last good one).
        in_force_sha256: hash of the version actually applied; None when nothing is.
        problems: what is wrong with the latest version.
        checked_at: when it was read or received.
    """

    kind: DocKind
    origin: str
    state: DocState
    serial: int | None = None
    sha256: str | None = None
    in_force_serial: int | None = None
    in_force_sha256: str | None = None
    problems: tuple[Problem, ...] = ()
    checked_at: datetime | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "kind": self.kind,
            "origin": self.origin,
            "state": self.state.value,
            "serial": self.serial,
            "sha256": self.sha256,
            "in_force_serial": self.in_force_serial,
            "in_force_sha256": self.in_force_sha256,
            "problems": [p.to_dict() for p in self.problems[:MAX_REPORTED_PROBLEMS]],
            "problem_count": len(self.problems),
            "checked_at": self.checked_at.isoformat() if self.checked_at else None,
        }


@dataclass(frozen=True)
class PushResult:
    """The outcome of one signed push.

    Attributes:
        accepted: True when the policy is (now) in force.
        reason: why it was refused (None when accepted).
        message: details for people.
        serial: the pushed serial, when it could be read.
        at: when the push was handled.
        unchanged: accepted, but it was the policy already in force (a re-send).
        problems: keys of an accepted policy that were refused.
    """

    accepted: bool
    reason: Refusal | None
    message: str
    serial: int | None
    at: datetime
    unchanged: bool = False
    problems: tuple[Problem, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "accepted": self.accepted,
            "reason": self.reason.value if self.reason else None,
            "message": self.message,
            "serial": self.serial,
            "at": self.at.isoformat(),
            "unchanged": self.unchanged,
            "problems": [p.to_dict() for p in self.problems[:MAX_REPORTED_PROBLEMS]],
            "problem_count": len(self.problems),
        }


@dataclass(frozen=True)
class PolicyStatus:
    """Everything IT needs to know about one client's configuration.

    Attributes:
        documents: managed file, hub push and user file, in that order.
        last_push: the outcome of the latest push (None when none arrived since start).
        conflicts: keys dropped because they clashed with others.
        locked_keys: how many keys IT locked.
        effective_sha256: hash of the effective settings (equal hashes: same configuration).
        at: when this status was made.
    """

    documents: tuple[DocumentStatus, ...]
    last_push: PushResult | None
    conflicts: tuple[Problem, ...]
    locked_keys: int
    effective_sha256: str
    at: datetime

    @property
    def healthy(self) -> bool:
        """True when every present document applied in full and nothing clashed."""
        return not self.conflicts and all(
            d.state in (DocState.OK, DocState.MISSING) for d in self.documents
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (the body of the status message to the hub)."""
        return {
            "healthy": self.healthy,
            "documents": [d.to_dict() for d in self.documents],
            "last_push": self.last_push.to_dict() if self.last_push else None,
            "conflicts": [p.to_dict() for p in self.conflicts[:MAX_REPORTED_PROBLEMS]],
            "locked_keys": self.locked_keys,
            "effective_sha256": self.effective_sha256,
            "at": self.at.isoformat(),
        }
