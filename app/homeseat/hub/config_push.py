"""Managed configuration at the hub: published signed policies and every client's status.

Runs on the hub's loop thread (and in ``homeseat-hub config`` commands, on their own thread with
their own :class:`~homeseat.hub.storage.Storage`). The hub is only a carrier: it checks that an
envelope is well formed and small enough for one frame, never re-signs or alters it; the
clients verify the signature against the key their managed file pins. Publication by the CLI
writes the database; a running hub notices new rows on its housekeeping tick and sends them out.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

from pydantic import ValidationError

from homeseat.config.signing import PushRefused, parse_envelope
from homeseat.hub.records import User
from homeseat.hub.storage import Storage
from homeseat.protocol import Ack, HubMessage
from homeseat.protocol.config_push import ConfigPush, ConfigStatusReport, PolicyEnvelope

__all__ = [
    "ALL",
    "PublishError",
    "Published",
    "ClientConfigStatus",
    "ConfigPushes",
    "publish",
    "client_statuses",
]

log = logging.getLogger(__name__)

#: The scope of a policy meant for every user.
ALL = "all"


class PublishError(Exception):
    """An envelope the hub will not carry (malformed, too large)."""


@dataclass(frozen=True, slots=True)
class Published:
    """One published policy envelope."""

    id: int
    scope: str
    serial: int | None
    envelope: PolicyEnvelope
    published_by: str
    published_at: datetime


@dataclass(frozen=True, slots=True)
class ClientConfigStatus:
    """What one client (user + installation) last reported."""

    username: str
    client_id: str
    healthy: bool
    at: datetime
    status: dict[str, object]


class _Session(Protocol):
    user: User | None

    def deliver(self, message: HubMessage) -> None: ...


def _serial_of(policy: bytes) -> int | None:
    try:
        value = json.loads(policy).get("serial")
    except (ValueError, AttributeError, RecursionError):
        return None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def publish(storage: Storage, data: bytes, *, scope: str, actor: str) -> Published:
    """Store a signed envelope (file bytes) for ``scope`` (``all`` or a team); audited.

    Raises:
        PublishError: the envelope is malformed or too large for one protocol frame.
    """
    try:
        signed = parse_envelope(data)
        envelope = PolicyEnvelope.model_validate(signed.to_dict())
    except PushRefused as exc:
        raise PublishError(str(exc)) from None
    except ValidationError as exc:
        raise PublishError(
            f"envelope too large or malformed ({exc.error_count()} problem(s))"
        ) from None
    serial = _serial_of(signed.policy)
    now = datetime.now(UTC)
    text = envelope.model_dump_json()
    with storage.transaction() as db:
        cur = db.execute(
            "INSERT INTO config_push (scope, serial, envelope, published_by, published_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (scope, serial, text, actor, now.isoformat()),
        )
    storage.audit("config.publish", actor=actor, target=scope, detail={"serial": serial})
    row_id = int(cur.lastrowid or 0)
    return Published(row_id, scope, serial, envelope, actor, now)


def _published(row: Mapping[str, object]) -> Published:
    return Published(
        id=int(str(row["id"])),
        scope=str(row["scope"]),
        serial=None if row["serial"] is None else int(str(row["serial"])),
        envelope=PolicyEnvelope.model_validate_json(str(row["envelope"])),
        published_by=str(row["published_by"]),
        published_at=datetime.fromisoformat(str(row["published_at"])),
    )


def client_statuses(storage: Storage) -> list[ClientConfigStatus]:
    """Every client's latest policy status, by user name."""
    rows = storage.read(
        "SELECT u.username, s.client_id, s.healthy, s.at, s.status FROM config_status s "
        "JOIN users u ON u.id = s.user_id ORDER BY u.username, s.client_id"
    )
    return [
        ClientConfigStatus(
            r["username"],
            r["client_id"],
            bool(r["healthy"]),
            datetime.fromisoformat(r["at"]),
            json.loads(r["status"]),
        )
        for r in rows
    ]


class ConfigPushes:
    """Sends published policies to the clients they concern; keeps the clients' statuses.

    Args:
        storage: the hub database.
        sessions: the live connections (read only).
    """

    def __init__(self, storage: Storage, sessions: Callable[[], Iterable[_Session]]) -> None:
        self._storage = storage
        self._sessions = sessions
        self._latest: dict[str, Published] = {}
        self._seen_id = 0
        self._task: asyncio.Task[None] | None = None
        self._take()  # what was published before this start: sent at each sign-in

    def start(self, interval: float = 2.0) -> None:
        """Look for newly published policies every ``interval`` seconds (needs a running loop)."""
        self._task = asyncio.create_task(self._watch(interval), name="hub-config-pushes")

    async def stop(self) -> None:
        """Stop looking."""
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _watch(self, interval: float) -> None:
        while True:
            await asyncio.sleep(interval)
            try:
                self.poll()
            except Exception:  # a bad row or a locked database must not end the watching
                log.exception("sending published policies failed")

    def poll(self) -> None:
        """Send newly published envelopes to whom they concern (the hub's housekeeping tick)."""
        fresh = self._take()
        if not fresh:
            return
        for session in list(self._sessions()):
            if session.user is not None:
                push = self._for(session.user)
                if push is not None and push in fresh:
                    session.deliver(_message(push))

    def _take(self) -> list[Published]:
        rows = self._storage.read(
            "SELECT * FROM config_push WHERE id > ? ORDER BY id", (self._seen_id,)
        )
        fresh: list[Published] = []
        for row in rows:
            self._seen_id = max(self._seen_id, int(row["id"]))
            try:
                item = _published(dict(row))
            except (ValidationError, ValueError):
                log.warning("published policy %s is unreadable; skipped", row["id"])
                continue
            self._latest[item.scope] = item
            fresh.append(item)
        return fresh

    def signed_in(self, session: _Session, user: User) -> None:
        """Send the policy that applies to ``user``, if any, right after the welcome."""
        push = self._for(user)
        if push is not None:
            session.deliver(_message(push))

    def report(
        self, session: _Session, user: User, client_id: str, msg: ConfigStatusReport
    ) -> None:
        """Keep a client's status (and audit a refused push, which IT wants to know of)."""
        status = msg.status
        with self._storage.transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO config_status (user_id, client_id, status, healthy, at) "
                "VALUES (?, ?, ?, ?, ?)",
                (
                    user.id,
                    client_id,
                    status.model_dump_json(),
                    int(status.healthy),
                    datetime.now(UTC).isoformat(),
                ),
            )
        push = status.last_push
        if push is not None and not push.accepted:
            self._storage.audit(
                "config.refused",
                actor=user.username,
                target=client_id,
                detail={"serial": push.serial, "reason": push.reason},
            )
        session.deliver(Ack(id=msg.id))

    def _for(self, user: User) -> Published | None:
        """The newest policy for ``user``: their team's or everyone's, whichever is newer."""
        candidates = [p for p in (self._latest.get(user.team), self._latest.get(ALL)) if p]
        return max(candidates, key=lambda p: p.id) if candidates else None


def _message(item: Published) -> ConfigPush:
    return ConfigPush(envelope=item.envelope, scope=item.scope, published_at=item.published_at)
