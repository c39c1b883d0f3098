"""The agent state machine: table-driven, pure, timestamped.

States follow design.md: ``SignedOut → NotReady(reason) ⇄ Ready → Offered → Busy → WrapUp →
Ready | NotReady(pending reason)``. A Not-Ready request made while an interaction is offered or
under way is kept *pending* and applied when the interaction (and its wrap-up) ends.

The machine is not thread-aware: its owner (the GUI thread in the app, a task in the robot agent)
is the only caller. It never does I/O; each accepted event returns a :class:`Transition` that the
caller hands to the outbox so it reaches the hub exactly once.
"""

from __future__ import annotations

import enum
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

__all__ = [
    "AgentState",
    "AgentStatus",
    "Clock",
    "EventKind",
    "InvalidTransition",
    "StateEvent",
    "Transition",
    "AgentStateMachine",
    "SYSTEM_CLOCK",
    "TRANSITIONS",
]


class AgentState(enum.StrEnum):
    """Where an agent stands, as the platform counts it."""

    SIGNED_OUT = "signed_out"
    NOT_READY = "not_ready"
    READY = "ready"
    OFFERED = "offered"
    BUSY = "busy"
    WRAP_UP = "wrap_up"


class EventKind(enum.StrEnum):
    """What can happen to an agent."""

    SIGN_IN = "sign_in"
    GO_READY = "go_ready"
    GO_NOT_READY = "go_not_ready"
    OFFER = "offer"
    ACCEPT = "accept"
    DECLINE = "decline"  # rejected or timed out: back to where the agent was
    END = "end"  # the interaction ended (hang-up, chat closed)
    FINISH_WRAP_UP = "finish_wrap_up"
    SIGN_OUT = "sign_out"
    FORCE_NOT_READY = "force_not_ready"  # a lead's or the system's word (e.g. idle lock)


@dataclass(frozen=True, slots=True)
class StateEvent:
    """One event with what it carries: a reason code, a wrap-up code, a channel."""

    kind: EventKind
    reason: str | None = None
    code: str | None = None
    channel: str | None = None  # "call" | "chat" for OFFER/ACCEPT


@dataclass(frozen=True, slots=True)
class AgentStatus:
    """The agent's state now. Immutable: every change makes a new one."""

    state: AgentState = AgentState.SIGNED_OUT
    reason: str | None = None  # Not-Ready reason code
    channel: str | None = None  # channel of the offered/busy interaction
    wrap_up_code: str | None = None
    pending_reason: str | None = None  # Not Ready asked for during an interaction
    since_mono: float = 0.0  # monotonic clock, for durations
    since_wall: datetime = field(default_factory=lambda: datetime.fromtimestamp(0, UTC))

    def seconds_in_state(self, now_mono: float) -> float:
        """Time spent in this state, never negative."""
        return max(0.0, now_mono - self.since_mono)


@dataclass(frozen=True, slots=True)
class Transition:
    """A change of state, ready to be reported: what changed, when, and why."""

    before: AgentStatus
    after: AgentStatus
    event: StateEvent

    @property
    def changed_state(self) -> bool:
        """True when the visible state (not just a pending reason) changed."""
        return self.before.state is not self.after.state or (
            self.before.reason != self.after.reason
        )


class InvalidTransition(ValueError):
    """An event that the current state does not accept; the message says why."""


class Clock:
    """Monotonic and wall clocks; tests pass their own."""

    def monotonic(self) -> float:
        """Seconds on a clock that never goes back."""
        return time.monotonic()

    def wall(self) -> datetime:
        """Current UTC wall-clock time, for reports."""
        return datetime.now(UTC)


SYSTEM_CLOCK = Clock()

S = AgentState
E = EventKind
_Rule = Callable[[AgentStatus, StateEvent], AgentStatus]


def _to(state: AgentState) -> _Rule:
    """A rule that moves to ``state``, keeping any pending reason."""

    def rule(cur: AgentStatus, ev: StateEvent) -> AgentStatus:
        return replace(cur, state=state, reason=None, wrap_up_code=None)

    return rule


def _not_ready(cur: AgentStatus, ev: StateEvent) -> AgentStatus:
    return replace(
        cur,
        state=S.NOT_READY,
        reason=ev.reason,
        channel=None,
        wrap_up_code=None,
        pending_reason=None,
    )


def _pend_not_ready(cur: AgentStatus, ev: StateEvent) -> AgentStatus:
    return replace(cur, pending_reason=ev.reason)


# A wrap-up code belongs to the transition that leaves wrap-up; every later transition clears
# it, so a report never carries the previous interaction's code.


def _go_ready(cur: AgentStatus, ev: StateEvent) -> AgentStatus:
    return replace(
        cur, state=S.READY, reason=None, channel=None, wrap_up_code=None, pending_reason=None
    )


def _offer(cur: AgentStatus, ev: StateEvent) -> AgentStatus:
    return replace(cur, state=S.OFFERED, channel=ev.channel, reason=None, wrap_up_code=None)


def _accept(cur: AgentStatus, ev: StateEvent) -> AgentStatus:
    return replace(cur, state=S.BUSY, channel=ev.channel or cur.channel, wrap_up_code=None)


def _decline(cur: AgentStatus, ev: StateEvent) -> AgentStatus:
    # A declined or missed offer returns the agent to Ready, or to the pending Not Ready.
    if cur.pending_reason is not None:
        return _not_ready(cur, StateEvent(E.GO_NOT_READY, reason=cur.pending_reason))
    return replace(cur, state=S.READY, channel=None)


def _end(cur: AgentStatus, ev: StateEvent) -> AgentStatus:
    return replace(cur, state=S.WRAP_UP, wrap_up_code=None)


def _finish_wrap_up(cur: AgentStatus, ev: StateEvent) -> AgentStatus:
    if cur.pending_reason is not None:
        done = _not_ready(cur, StateEvent(E.GO_NOT_READY, reason=cur.pending_reason))
        return replace(done, wrap_up_code=ev.code)
    return replace(cur, state=S.READY, channel=None, wrap_up_code=ev.code)


def _sign_out(cur: AgentStatus, ev: StateEvent) -> AgentStatus:
    return AgentStatus(state=S.SIGNED_OUT)


def _sign_in(cur: AgentStatus, ev: StateEvent) -> AgentStatus:
    # Every shift starts Not Ready: going Ready is the agent's own decision.
    return replace(
        AgentStatus(), state=S.NOT_READY, reason=ev.reason or "signed_in", pending_reason=None
    )


#: The whole behaviour of the machine. A (state, event) pair missing here is refused.
TRANSITIONS: dict[tuple[AgentState, EventKind], _Rule] = {
    (S.SIGNED_OUT, E.SIGN_IN): _sign_in,
    (S.NOT_READY, E.GO_READY): _go_ready,
    (S.NOT_READY, E.GO_NOT_READY): _not_ready,  # change of reason
    (S.NOT_READY, E.FORCE_NOT_READY): _not_ready,
    (S.NOT_READY, E.SIGN_OUT): _sign_out,
    (S.READY, E.GO_NOT_READY): _not_ready,
    (S.READY, E.FORCE_NOT_READY): _not_ready,
    (S.READY, E.OFFER): _offer,
    (S.READY, E.SIGN_OUT): _sign_out,
    (S.OFFERED, E.ACCEPT): _accept,
    (S.OFFERED, E.DECLINE): _decline,
    (S.OFFERED, E.GO_NOT_READY): _pend_not_ready,
    (S.OFFERED, E.FORCE_NOT_READY): _pend_not_ready,
    (S.BUSY, E.END): _end,
    (S.BUSY, E.GO_NOT_READY): _pend_not_ready,
    (S.BUSY, E.FORCE_NOT_READY): _pend_not_ready,
    (S.BUSY, E.GO_READY): lambda cur, ev: replace(cur, pending_reason=None),  # cancel pending
    (S.WRAP_UP, E.FINISH_WRAP_UP): _finish_wrap_up,
    (S.WRAP_UP, E.GO_NOT_READY): _pend_not_ready,
    (S.WRAP_UP, E.FORCE_NOT_READY): _pend_not_ready,
    (S.WRAP_UP, E.GO_READY): lambda cur, ev: _finish_wrap_up(replace(cur, pending_reason=None), ev),
    (S.WRAP_UP, E.OFFER): _offer,  # a platform may offer during wrap-up when configured
}


class AgentStateMachine:
    """Owns the agent's status and applies events through :data:`TRANSITIONS`.

    Reason and wrap-up codes are checked against the configured lists, so a typo in a button
    cannot report a code the platform does not know. Runs on its owner's thread only.
    """

    def __init__(
        self,
        reason_codes: frozenset[str] | set[str],
        wrap_up_codes: frozenset[str] | set[str],
        clock: Clock = SYSTEM_CLOCK,
        *,
        system_reasons: frozenset[str] = frozenset({"signed_in", "idle", "forced", "offline"}),
    ) -> None:
        self._reasons = frozenset(reason_codes) | system_reasons
        self._wrap_up_codes = frozenset(wrap_up_codes)
        self._clock = clock
        self._status = AgentStatus(since_mono=clock.monotonic(), since_wall=clock.wall())

    @property
    def status(self) -> AgentStatus:
        """The current status."""
        return self._status

    def allowed(self) -> frozenset[EventKind]:
        """Event kinds the current state accepts (for enabling buttons)."""
        return frozenset(k for (s, k) in TRANSITIONS if s is self._status.state)

    def restore(self, status: AgentStatus) -> None:
        """Adopt a status the hub reported after a resync (the hub's word wins)."""
        self._status = status

    def apply(self, event: StateEvent) -> Transition:
        """Apply ``event`` and return the transition, or raise :class:`InvalidTransition`."""
        cur = self._status
        rule = TRANSITIONS.get((cur.state, event.kind))
        if rule is None:
            raise InvalidTransition(f"{event.kind.value} is not allowed in state {cur.state.value}")
        self._check_codes(event)
        new = rule(cur, event)
        if new.state is not cur.state or new.reason != cur.reason:
            new = replace(new, since_mono=self._clock.monotonic(), since_wall=self._clock.wall())
        self._status = new
        return Transition(before=cur, after=new, event=event)

    def _check_codes(self, event: StateEvent) -> None:
        if event.kind in (E.GO_NOT_READY, E.FORCE_NOT_READY):
            if not event.reason:
                raise InvalidTransition("a Not Ready request needs a reason code")
            if event.reason not in self._reasons:
                raise InvalidTransition(f"unknown Not Ready reason code: {event.reason!r}")
        # Sign-in may name its initial Not Ready reason, and Ready during wrap-up finishes it
        # with a code: both are checked like any other code.
        if (
            event.kind is E.SIGN_IN
            and event.reason is not None
            and event.reason not in self._reasons
        ):
            raise InvalidTransition(f"unknown Not Ready reason code: {event.reason!r}")
        if event.code is not None and event.code not in self._wrap_up_codes:
            raise InvalidTransition(f"unknown wrap-up code: {event.code!r}")
        if event.kind in (E.OFFER, E.ACCEPT) and event.channel not in (None, "call", "chat"):
            raise InvalidTransition(f"unknown channel: {event.channel!r}")
