"""Supervision at the hub: leads' actions, raised hands, timelines, call quality, surge levels.

Runs on the hub's loop thread (called by :class:`homeseat.hub.session.Connection`). Every
request is authorized here against the signed-in user of the connection it came on: a lead acts
only on agents of the teams they lead, an agent only on themself, admins on everyone; every
refusal is audited and answered ``forbidden``. Every action is audited before it takes effect.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Literal, Protocol

from homeseat.core.agent_state import Clock
from homeseat.core.timeline import Change, Segment, day_stats, merge_oldest, segments_between
from homeseat.hub.auth import Authenticator
from homeseat.hub.presence import PresenceBook
from homeseat.hub.records import StateEventRow, SurgeRow, User
from homeseat.hub.storage import Storage
from homeseat.protocol import Ack, AgentPresence, ErrorReply, HubMessage
from homeseat.protocol.supervision import (
    CallQualityReport,
    HelpRequest,
    LeadAction,
    LeadNotice,
    SurgeLevel,
    SurgeSet,
    Timeline,
    TimelineRequest,
    TimelineSegment,
)

__all__ = ["Peer", "Supervision", "SURGE_PERMISSION"]

EndReason = Literal["logout", "revoked", "replaced", "shutdown"]

log = logging.getLogger(__name__)

#: The permission a lead needs to set their team's surge level (admins always may).
SURGE_PERMISSION = "surge"
_TIMELINE_LIMIT = 400

SupervisionRequest = LeadAction | HelpRequest | TimelineRequest | SurgeSet | CallQualityReport


class Peer(Protocol):
    """What supervision needs of a connection (``homeseat.hub.session.Connection``)."""

    peer: str
    user: User | None

    def deliver(self, message: HubMessage) -> None:
        """Queue a message for this connection."""
        ...

    def end(self, reason: EndReason, message: str, code: int = 1000) -> None:
        """End the session: say why, then close."""
        ...


@dataclass
class _Day:
    start: datetime
    before: Change | None
    changes: list[Change]


def _changes(rows: list[StateEventRow], floor: datetime | None) -> list[Change]:
    """Changes timed as the presence book times them: the client's clock, kept between the
    previous change and the hub's receipt (see ``PresenceBook.apply_report``)."""
    out: list[Change] = []
    for row in rows:
        at = row.at_client if floor is None else max(row.at_client, floor)
        at = min(at, row.at_hub)
        out.append(Change(at, row.state, row.reason, row.channel))
        floor = at
    return out


class Supervision:
    """Leads' actions and what agents ask of leads; the teams' surge levels.

    Args:
        storage: the hub database.
        presence: the presence book (raised hands and stats show in presence).
        auth: to revoke the tokens of an agent a lead signs out.
        clock: wall clock.
        sessions: live connections by user id (the server's own map, read only).
    """

    def __init__(
        self,
        storage: Storage,
        presence: PresenceBook,
        auth: Authenticator,
        clock: Clock,
        sessions: Mapping[int, Peer],
    ) -> None:
        self._storage = storage
        self._presence = presence
        self._auth = auth
        self._clock = clock
        self._sessions = sessions
        self._surge = storage.surge_levels()
        self._days: dict[int, _Day] = {}

    # ------------------------------------------------------------------ hooks

    def signed_in(self, conn: Peer, user: User) -> None:
        """Tell a new session the surge level of its team(s)."""
        teams = {user.team} if user.role == "agent" else self._teams_of(user)
        for team in sorted(teams):
            row = self._surge.get(team)
            if row is not None:
                conn.deliver(_surge_message(row))

    def enrich(self, user: User, new: AgentPresence) -> AgentPresence:
        """Add today's handling figures to a presence a state report just changed."""
        start = _local_midnight(self._clock.wall())
        day = self._days.get(user.id)
        if day is None or day.start != start:
            day = self._load(user, start)  # the database has this report already
        else:
            day.changes.append(Change(new.since, new.state, new.reason, new.channel))
        stats = day_stats(self._segments(day), self._clock.wall())
        return new.model_copy(
            update={"handled_today": stats.handled, "handle_seconds_today": stats.handle_seconds}
        )

    # ------------------------------------------------------------------ requests

    def handle(self, conn: Peer, user: User, msg: SupervisionRequest) -> None:
        """Serve one supervision request of the signed-in ``user``."""
        if isinstance(msg, HelpRequest):
            self._help(conn, user, msg)
        elif isinstance(msg, CallQualityReport):
            self._quality(conn, user, msg)
        elif isinstance(msg, LeadAction):
            self._action(conn, user, msg)
        elif isinstance(msg, TimelineRequest):
            self._timeline(conn, user, msg)
        else:
            self._set_surge(conn, user, msg)

    def _help(self, conn: Peer, user: User, msg: HelpRequest) -> None:
        now = self._clock.wall()
        self._presence.annotate(
            user,
            help_requested=now if msg.raised else None,
            help_text=msg.text if msg.raised else "",
        )
        action = "help.raise" if msg.raised else "help.lower"
        self._storage.audit(action, actor=user.username, target=user.username, peer=conn.peer)
        conn.deliver(Ack(id=msg.id))

    def _quality(self, conn: Peer, user: User, msg: CallQualityReport) -> None:
        self._storage.add_call_quality(user.id, msg.call)
        if msg.call.mos is not None:
            self._presence.annotate(user, mos=msg.call.mos)
        conn.deliver(Ack(id=msg.id))

    def _action(self, conn: Peer, lead: User, msg: LeadAction) -> None:
        agent = self._agent_led_by(conn, lead, msg.agent, msg.id, f"sup.{msg.kind}")
        if agent is None:
            return
        if msg.kind == "force_not_ready" and msg.reason is None:
            conn.deliver(
                ErrorReply(code="invalid", message="force_not_ready needs a reason", ref=msg.id)
            )
            return
        target = self._sessions.get(agent.id)
        detail: dict[str, object] = {"chars": len(msg.text)}  # what was said stays private
        if msg.reason:
            detail["reason"] = msg.reason
        if msg.kind == "sign_out":
            self._storage.audit(
                "sup.sign_out",
                actor=lead.username,
                target=agent.username,
                detail=detail,
                peer=conn.peer,
            )
            self._auth.revoke_user(agent, lead.username)
            if target is not None:
                target.end("revoked", "your team lead signed you out")
            self._presence.signed_out(agent)
            conn.deliver(Ack(id=msg.id))
            return
        if msg.kind == "answer_help":
            self._presence.annotate(agent, help_requested=None, help_text="")
        elif target is None:
            conn.deliver(
                ErrorReply(code="offline", message=f"{agent.username} is not connected", ref=msg.id)
            )
            return
        self._storage.audit(
            f"sup.{msg.kind}",
            actor=lead.username,
            target=agent.username,
            detail=detail,
            peer=conn.peer,
        )
        if target is not None:
            target.deliver(
                LeadNotice(
                    kind=msg.kind,
                    lead=lead.username,
                    lead_name=lead.display_name[:80],
                    text=msg.text,
                    reason=msg.reason,
                    at=self._clock.wall(),
                )
            )
        conn.deliver(Ack(id=msg.id))

    def _timeline(self, conn: Peer, user: User, msg: TimelineRequest) -> None:
        if msg.agent.lower() == user.username.lower():
            agent: User | None = user
        else:
            agent = self._agent_led_by(conn, user, msg.agent, msg.id, "sup.timeline")
        if agent is None:
            return
        day = self._load(agent, _local_midnight(self._clock.wall()))
        segments, truncated = merge_oldest(self._segments(day), _TIMELINE_LIMIT)
        conn.deliver(
            Timeline(
                id=msg.id,
                agent=agent.username,
                day_start=day.start,
                segments=[_segment_message(s) for s in segments],
                truncated=truncated,
                calls=self._storage.call_quality_since(agent.id, day.start, limit=50),
            )
        )

    def _set_surge(self, conn: Peer, user: User, msg: SurgeSet) -> None:
        allowed = user.role == "admin" or (
            user.role == "lead"
            and msg.team in self._teams_of(user)
            and SURGE_PERMISSION in self._storage.permissions(user.id)
        )
        if not allowed:
            self._refuse(conn, user, "surge.set", msg.team, msg.id, "you may not set this level")
            return
        row = SurgeRow(msg.team, msg.level, msg.message, user.display_name[:80], self._clock.wall())
        self._storage.set_surge(row, actor=user.username, peer=conn.peer)
        self._surge[msg.team] = row
        log.info("%s set the surge level of %s to %d", user.username, msg.team, msg.level)
        conn.deliver(Ack(id=msg.id))  # first: the lead's own copy of the level follows
        frame = _surge_message(row)
        for session in list(self._sessions.values()):
            member = session.user
            if member is None:
                continue
            if member.team == msg.team or (
                member.role != "agent" and msg.team in self._teams_of(member)
            ):
                session.deliver(frame)

    # ------------------------------------------------------------------ internals

    def _teams_of(self, user: User) -> frozenset[str]:
        if user.role == "admin":
            return frozenset(u.team for u in self._storage.users())
        if user.role == "lead":
            return self._storage.lead_teams(user)
        return frozenset()

    def _agent_led_by(
        self, conn: Peer, lead: User, name: str, ref: str | None, action: str
    ) -> User | None:
        """The agent ``name`` if ``lead`` may act on them; else refuse (and audit) and None."""
        if lead.role == "agent":
            self._refuse(conn, lead, action, name, ref, "only team leads may do this")
            return None
        agent = self._storage.user(name)
        if agent is None or agent.role != "agent":
            conn.deliver(ErrorReply(code="not_found", message=f"no agent {name!r}", ref=ref))
            return None
        if lead.role != "admin" and agent.team not in self._teams_of(lead):
            self._refuse(conn, lead, action, name, ref, "this agent is not in your team")
            return None
        return agent

    def _refuse(
        self, conn: Peer, user: User, action: str, target: str, ref: str | None, why: str
    ) -> None:
        self._storage.audit(
            "forbidden",
            actor=user.username,
            target=target,
            detail={"action": action},
            peer=conn.peer,
        )
        conn.deliver(ErrorReply(code="forbidden", message=why, ref=ref))

    def _load(self, user: User, start: datetime) -> _Day:
        before, rows = self._storage.state_events_since(user.id, start)
        prior = _changes([before], None)[0] if before else None
        day = _Day(start, prior, _changes(rows, prior.at if prior else None))
        self._days[user.id] = day
        return day

    @staticmethod
    def _segments(day: _Day) -> list[Segment]:
        return segments_between(day.before, day.changes, day.start)

    def surge_level(self, team: str) -> int:
        """A team's current surge level (0 when never set)."""
        row = self._surge.get(team)
        return row.level if row else 0


def _local_midnight(now: datetime) -> datetime:
    local = now.astimezone()
    return local.replace(hour=0, minute=0, second=0, microsecond=0)


def _surge_message(row: SurgeRow) -> SurgeLevel:
    return SurgeLevel(
        team=row.team, level=row.level, message=row.message, set_by=row.set_by, since=row.since
    )


def _segment_message(seg: Segment) -> TimelineSegment:
    return TimelineSegment(
        state=seg.state, reason=seg.reason, channel=seg.channel, start=seg.start, end=seg.end
    )
