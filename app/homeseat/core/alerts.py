"""Alert rules for team leads: which agents need a look, and which of those the lead has seen.

Pure: the rules read an agent's presence (anything shaped like
:class:`~homeseat.protocol.AgentPresence`) and a wall clock. :class:`AlertBook` remembers the
alerts of every agent and the ones the lead acknowledged: an acknowledged alert stays quiet until
its condition clears and then comes back. Time-based alerts are due at a known moment, so the book
keeps a heap of those moments and a tick re-checks only the agents whose moment has come
(thousands of agents, one tick a second).
"""

from __future__ import annotations

import enum
import heapq
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from homeseat.core.agent_state import AgentState

__all__ = [
    "AlertKind",
    "AlertRules",
    "AgentFacts",
    "Alert",
    "AlertBook",
    "alerts_of",
    "next_due",
    "BREAK_REASONS",
]

#: Not Ready reason codes that count as a break ("break too long"); others are "Not Ready".
BREAK_REASONS = frozenset({"break", "lunch"})


class AlertKind(enum.StrEnum):
    """Why a lead is alerted, in the order the alert strip lists them (most urgent first)."""

    HELP = "help"
    DISCONNECTED = "disconnected"
    WRAP_UP_LONG = "wrap_up_long"
    BREAK_LONG = "break_long"
    NOT_READY_LONG = "not_ready_long"
    POOR_MOS = "poor_mos"
    AUDIO_FAILED = "audio_failed"


@dataclass(frozen=True, slots=True)
class AlertRules:
    """Thresholds (from the ``alerts`` section of the client configuration)."""

    wrap_up_seconds: float = 120
    break_seconds: float = 900
    not_ready_seconds: float = 600
    disconnected_seconds: float = 30
    poor_mos: float = 3.5
    audio_check_failed: bool = True


class _Verdict(Protocol):
    @property
    def verdict(self) -> str: ...
    @property
    def at(self) -> datetime: ...


class AgentFacts(Protocol):
    """What the rules read of an agent (``AgentPresence`` has all of it)."""

    @property
    def user_id(self) -> int: ...
    @property
    def state(self) -> AgentState: ...
    @property
    def reason(self) -> str | None: ...
    @property
    def since(self) -> datetime: ...
    @property
    def connected(self) -> bool: ...
    @property
    def last_seen(self) -> datetime | None: ...
    @property
    def mos(self) -> float | None: ...
    @property
    def help_requested(self) -> datetime | None: ...
    @property
    def audio_check(self) -> _Verdict | None: ...


@dataclass(frozen=True, slots=True)
class Alert:
    """One active alert of one agent (``since``: when its condition started)."""

    user_id: int
    kind: AlertKind
    since: datetime


def _timed(agent: AgentFacts, rules: AlertRules) -> tuple[AlertKind, datetime, float] | None:
    """The time-based rule that applies to the agent now: kind, start, threshold seconds."""
    if agent.state is AgentState.SIGNED_OUT:
        return None
    if not agent.connected:
        start = agent.last_seen or agent.since
        return AlertKind.DISCONNECTED, start, rules.disconnected_seconds
    if agent.state is AgentState.WRAP_UP:
        return AlertKind.WRAP_UP_LONG, agent.since, rules.wrap_up_seconds
    if agent.state is AgentState.NOT_READY:
        if agent.reason in BREAK_REASONS:
            return AlertKind.BREAK_LONG, agent.since, rules.break_seconds
        return AlertKind.NOT_READY_LONG, agent.since, rules.not_ready_seconds
    return None


def alerts_of(agent: AgentFacts, rules: AlertRules, now: datetime) -> dict[AlertKind, datetime]:
    """The agent's active alerts and since when each condition holds."""
    out: dict[AlertKind, datetime] = {}
    if agent.state is AgentState.SIGNED_OUT:
        return out  # a signed-out agent is nobody's worry, whatever was last reported
    if agent.help_requested is not None:
        out[AlertKind.HELP] = agent.help_requested
    timed = _timed(agent, rules)
    if timed is not None:
        kind, start, limit = timed
        if (now - start).total_seconds() >= limit:
            out[kind] = start
    if agent.mos is not None and agent.mos < rules.poor_mos:
        out[AlertKind.POOR_MOS] = agent.since
    check = agent.audio_check
    if rules.audio_check_failed and check is not None and check.verdict == "fail":
        out[AlertKind.AUDIO_FAILED] = check.at  # a new failed check is a new alert
    return out


def next_due(agent: AgentFacts, rules: AlertRules, now: datetime) -> datetime | None:
    """When a time-based alert of the agent will start, if it has not yet (else None)."""
    timed = _timed(agent, rules)
    if timed is None:
        return None
    _, start, limit = timed
    due = start + timedelta(seconds=limit)
    return due if due > now else None


class AlertBook:
    """Every agent's alerts and the lead's acknowledgements.

    Args:
        rules: the thresholds.
    """

    def __init__(self, rules: AlertRules) -> None:
        self.rules = rules
        self._active: dict[int, dict[AlertKind, datetime]] = {}
        self._acked: dict[int, set[AlertKind]] = {}
        self._due: list[tuple[datetime, int]] = []  # heap of (moment, user id)
        self._agents: dict[int, AgentFacts] = {}

    # ------------------------------------------------------------------ updates

    def clear(self) -> None:
        """Forget everyone (before a new snapshot)."""
        self._active.clear()
        self._acked.clear()
        self._due.clear()
        self._agents.clear()

    def update(self, agent: AgentFacts, now: datetime) -> bool:
        """Re-evaluate one agent (new presence or a due moment); True when their *loud* alerts
        (active and not acknowledged) changed."""
        uid = agent.user_id
        self._agents[uid] = agent
        before = self.loud(uid)
        active = alerts_of(agent, self.rules, now)
        # An acknowledged alert whose condition cleared (or restarted) is forgotten: next time
        # it is loud again.
        old = self._active.get(uid, {})
        if AlertKind.POOR_MOS in active and AlertKind.POOR_MOS in old:
            active[AlertKind.POOR_MOS] = old[AlertKind.POOR_MOS]  # still the same poor line
        acked = self._acked.get(uid)
        if acked:
            acked &= {k for k in acked if k in active and active[k] == old.get(k)}
            if not acked:
                del self._acked[uid]
        if active:
            self._active[uid] = active
        else:
            self._active.pop(uid, None)
        due = next_due(agent, self.rules, now)
        if due is not None:
            heapq.heappush(self._due, (due, uid))
        return self.loud(uid) != before

    def tick(self, now: datetime) -> list[int]:
        """Re-check the agents whose time-based alert is due; returns those whose loud alerts
        changed."""
        changed: list[int] = []
        while self._due and self._due[0][0] <= now:
            _, uid = heapq.heappop(self._due)
            agent = self._agents.get(uid)
            if agent is not None and self.update(agent, now):
                changed.append(uid)
        return changed

    def acknowledge(self, user_id: int, kinds: Iterable[AlertKind] | None = None) -> bool:
        """The lead saw these alerts of the agent (all when ``kinds`` is None); True if any
        loud alert went quiet."""
        active = self._active.get(user_id)
        if not active:
            return False
        chosen = set(active) if kinds is None else set(kinds) & set(active)
        before = self.loud(user_id)
        self._acked.setdefault(user_id, set()).update(chosen)
        return self.loud(user_id) != before

    # ------------------------------------------------------------------ queries

    def active(self, user_id: int) -> dict[AlertKind, datetime]:
        """Every active alert of the agent (loud or acknowledged)."""
        return dict(self._active.get(user_id, {}))

    def loud(self, user_id: int) -> frozenset[AlertKind]:
        """Active alerts of the agent the lead has not acknowledged."""
        active = self._active.get(user_id)
        if not active:
            return frozenset()
        return frozenset(active) - self._acked.get(user_id, set())

    def loud_alerts(self) -> list[Alert]:
        """All loud alerts, most urgent kind first, then oldest first."""
        order = {kind: i for i, kind in enumerate(AlertKind)}
        out = [
            Alert(uid, kind, active[kind])
            for uid, active in self._active.items()
            for kind in self.loud(uid)
        ]
        out.sort(key=lambda a: (order[a.kind], a.since))
        return out
