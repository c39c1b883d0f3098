"""The softphone's call model: two lines, call waiting, table-driven states. Pure, no I/O.

A call goes ``Idle → Dialing | Ringing → Connected ⇄ Held → (Transferring) → Ended(reason)``.
:class:`Lines` is the whole phone at one instant (at most ``max_lines`` live calls); applying a
:class:`CallEvent` returns a new :class:`Lines` and the changed :class:`Call`, or raises
:class:`InvalidCallTransition`. Nothing here knows SIP: the SIP engine turns pjsua2 callbacks
into :class:`CallEvent` values, and :func:`agent_events` turns line changes into the agent
state machine's events (Offered on ringing, Busy on answer, WrapUp on hang-up).

Not thread-aware: the owner of a :class:`Lines` value (the SIP engine thread, or the GUI thread
for its mirror) is the only one applying events. Values are immutable, so they may be handed to
other threads freely.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from homeseat.core.agent_state import EventKind, StateEvent

__all__ = [
    "CallState",
    "Direction",
    "EndReason",
    "CallEventKind",
    "CallEvent",
    "Call",
    "Lines",
    "InvalidCallTransition",
    "LinesFull",
    "CALL_TRANSITIONS",
    "LIVE_STATES",
    "agent_events",
    "remote_party",
]


class CallState(enum.StrEnum):
    """Where one call stands."""

    IDLE = "idle"
    DIALING = "dialing"  # outbound, not answered yet (``alerting`` once the far end rings)
    RINGING = "ringing"  # inbound, offered to the agent
    CONNECTED = "connected"
    HELD = "held"  # put on hold by us
    TRANSFERRING = "transferring"  # a REFER is under way
    ENDED = "ended"


class Direction(enum.StrEnum):
    """Who placed the call."""

    INBOUND = "inbound"
    OUTBOUND = "outbound"


class EndReason(enum.StrEnum):
    """Why a call ended."""

    HANGUP_LOCAL = "hangup_local"  # the agent hung up (or cancelled an outbound call)
    HANGUP_REMOTE = "hangup_remote"  # the other party hung up
    REJECTED = "rejected"  # the agent rejected an inbound call
    MISSED = "missed"  # the caller gave up before the agent answered
    BUSY = "busy"  # the called party was busy (486/600)
    DECLINED = "declined"  # the called party declined (603) or the call was refused (4xx)
    NO_ANSWER = "no_answer"  # nobody answered (408/480)
    TRANSFERRED = "transferred"  # handed to someone else by a transfer
    ANSWERED_ELSEWHERE = "answered_elsewhere"
    FAILED = "failed"  # network, media (e.g. SRTP refused) or server failure


class CallEventKind(enum.StrEnum):
    """What can happen to a call."""

    DIAL = "dial"  # an outbound call is placed (creates the call)
    INCOMING = "incoming"  # an inbound call is offered (creates the call)
    ALERTING = "alerting"  # the far end is ringing (180/183)
    ANSWERED = "answered"  # media and dialog established
    HOLD = "hold"
    RESUME = "resume"
    REMOTE_HOLD = "remote_hold"  # the other party put us on hold
    REMOTE_RESUME = "remote_resume"
    MUTE = "mute"
    UNMUTE = "unmute"
    TRANSFER = "transfer"  # we sent a REFER
    TRANSFER_FAILED = "transfer_failed"  # the REFER or the transferred call failed
    END = "end"


@dataclass(frozen=True, slots=True)
class CallEvent:
    """One thing that happened to call ``call_id`` at monotonic time ``at``.

    ``remote``, ``direction`` and ``account_id`` matter only for DIAL and INCOMING (they create
    the call); ``reason`` and ``code`` only for END.
    """

    kind: CallEventKind
    call_id: str
    at: float
    remote: str = ""
    account_id: str = ""
    reason: EndReason | None = None
    code: int | None = None


@dataclass(frozen=True, slots=True)
class Call:
    """One call on one line. Immutable: every change makes a new one.

    Attributes:
        call_id: stable id given by the engine (not the SIP Call-ID).
        line: 1 or 2, the line this call occupies.
        direction: inbound or outbound.
        remote: the other party's address or number, unmasked (screens mask it).
        account_id: the SIP account the call belongs to.
        state: where the call stands.
        started_at, connected_at, ended_at: monotonic times.
        end_reason, end_code: why it ended and the SIP status code when there was one.
        muted: the microphone is not sent to this call.
        remote_held: the other party has put us on hold.
        alerting: an outbound call is ringing at the far end.
        waiting: an inbound call offered while the other line was in use (call waiting).
        resume_state: where a failed transfer returns (CONNECTED or HELD).
    """

    call_id: str
    line: int
    direction: Direction
    remote: str
    account_id: str
    state: CallState
    started_at: float
    connected_at: float | None = None
    ended_at: float | None = None
    end_reason: EndReason | None = None
    end_code: int | None = None
    muted: bool = False
    remote_held: bool = False
    alerting: bool = False
    waiting: bool = False
    resume_state: CallState = CallState.CONNECTED

    @property
    def live(self) -> bool:
        """True until the call has ended."""
        return self.state is not CallState.ENDED

    @property
    def was_connected(self) -> bool:
        """True when the call was ever answered."""
        return self.connected_at is not None

    def talk_seconds(self, now: float) -> float:
        """Seconds since answer (up to the end), 0 when never answered."""
        if self.connected_at is None:
            return 0.0
        end = self.ended_at if self.ended_at is not None else now
        return max(0.0, end - self.connected_at)


class InvalidCallTransition(ValueError):
    """An event the call's current state does not accept; the message says why."""


class LinesFull(InvalidCallTransition):
    """A new call while every line is taken."""


_Rule = Callable[[Call, CallEvent], Call]
S = CallState
K = CallEventKind


def _to(state: CallState) -> _Rule:
    def rule(call: Call, ev: CallEvent) -> Call:
        return replace(call, state=state)

    return rule


def _answered(call: Call, ev: CallEvent) -> Call:
    return replace(call, state=S.CONNECTED, connected_at=ev.at, alerting=False, waiting=False)


def _alerting(call: Call, ev: CallEvent) -> Call:
    return replace(call, alerting=True)


def _muted(value: bool) -> _Rule:
    def rule(call: Call, ev: CallEvent) -> Call:
        return replace(call, muted=value)

    return rule


def _remote_held(value: bool) -> _Rule:
    def rule(call: Call, ev: CallEvent) -> Call:
        return replace(call, remote_held=value)

    return rule


def _transfer(call: Call, ev: CallEvent) -> Call:
    return replace(call, state=S.TRANSFERRING, resume_state=call.state)


def _transfer_failed(call: Call, ev: CallEvent) -> Call:
    return replace(call, state=call.resume_state)


def _end(call: Call, ev: CallEvent) -> Call:
    reason = ev.reason or EndReason.FAILED
    if call.state is S.TRANSFERRING and ev.reason in (None, EndReason.HANGUP_LOCAL):
        reason = EndReason.TRANSFERRED  # we dropped our leg after the REFER succeeded
    return replace(
        call, state=S.ENDED, ended_at=ev.at, end_reason=reason, end_code=ev.code, alerting=False
    )


_TALKING = (S.CONNECTED, S.HELD, S.TRANSFERRING)

#: The behaviour of one call. A (state, event) pair missing here is refused.
CALL_TRANSITIONS: dict[tuple[CallState, CallEventKind], _Rule] = {
    (S.IDLE, K.DIAL): _to(S.DIALING),
    (S.IDLE, K.INCOMING): _to(S.RINGING),
    (S.DIALING, K.ALERTING): _alerting,
    (S.DIALING, K.ANSWERED): _answered,
    (S.DIALING, K.END): _end,
    (S.RINGING, K.ANSWERED): _answered,
    (S.RINGING, K.END): _end,
    (S.CONNECTED, K.HOLD): _to(S.HELD),
    (S.HELD, K.RESUME): _to(S.CONNECTED),
    (S.CONNECTED, K.TRANSFER): _transfer,
    (S.HELD, K.TRANSFER): _transfer,
    (S.TRANSFERRING, K.TRANSFER_FAILED): _transfer_failed,
    # pjsua re-confirms media while a REFER is pending; it changes nothing.
    (S.TRANSFERRING, K.ANSWERED): lambda call, ev: call,
    **{(s, K.MUTE): _muted(True) for s in (*_TALKING, S.DIALING, S.RINGING)},
    **{(s, K.UNMUTE): _muted(False) for s in (*_TALKING, S.DIALING, S.RINGING)},
    **{(s, K.REMOTE_HOLD): _remote_held(True) for s in _TALKING},
    **{(s, K.REMOTE_RESUME): _remote_held(False) for s in _TALKING},
    **{(s, K.END): _end for s in _TALKING},
}

#: States of a call that still occupies its line.
LIVE_STATES = frozenset(s for s in CallState if s not in (S.IDLE, S.ENDED))


@dataclass(frozen=True, slots=True)
class Lines:
    """The phone at one instant: the live calls, each on its own line.

    Attributes:
        calls: live calls, ordered by line number.
        max_lines: how many calls may be live at once (two: one talking, one waiting or held).
    """

    calls: tuple[Call, ...] = ()
    max_lines: int = 2

    def get(self, call_id: str) -> Call | None:
        """The live call ``call_id``, or None."""
        for call in self.calls:
            if call.call_id == call_id:
                return call
        return None

    def on_line(self, line: int) -> Call | None:
        """The live call on ``line``, or None."""
        for call in self.calls:
            if call.line == line:
                return call
        return None

    def free_line(self) -> int | None:
        """The lowest free line number, or None when every line is taken."""
        used = {c.line for c in self.calls}
        for line in range(1, self.max_lines + 1):
            if line not in used:
                return line
        return None

    @property
    def idle(self) -> bool:
        """True when no call is live."""
        return not self.calls

    def talking(self) -> Call | None:
        """The call the microphone goes to: connected and not held by us, or None."""
        for call in self.calls:
            if call.state is S.CONNECTED:
                return call
        return None

    def others(self, call_id: str) -> tuple[Call, ...]:
        """Live calls other than ``call_id``."""
        return tuple(c for c in self.calls if c.call_id != call_id)

    def apply(self, event: CallEvent) -> tuple[Lines, Call]:
        """Apply ``event``; return the new lines and the call as it is after the event.

        Raises:
            LinesFull: DIAL or INCOMING while every line is taken.
            InvalidCallTransition: the event does not fit the call's state, or names an
                unknown call, or creates a call that already exists.
        """
        if event.kind in (K.DIAL, K.INCOMING):
            return self._create(event)
        call = self.get(event.call_id)
        if call is None:
            raise InvalidCallTransition(f"{event.kind.value}: no live call {event.call_id!r}")
        rule = CALL_TRANSITIONS.get((call.state, event.kind))
        if rule is None:
            raise InvalidCallTransition(
                f"{event.kind.value} is not allowed for a call in state {call.state.value}"
            )
        new = rule(call, event)
        if new.state is S.ENDED:
            calls = self.others(call.call_id)
        else:
            calls = tuple(new if c.call_id == call.call_id else c for c in self.calls)
        return replace(self, calls=calls), new

    def _create(self, event: CallEvent) -> tuple[Lines, Call]:
        if self.get(event.call_id) is not None:
            raise InvalidCallTransition(f"call {event.call_id!r} already exists")
        line = self.free_line()
        if line is None:
            raise LinesFull(f"all {self.max_lines} lines are in use")
        direction = Direction.OUTBOUND if event.kind is K.DIAL else Direction.INBOUND
        idle = Call(
            call_id=event.call_id,
            line=line,
            direction=direction,
            remote=event.remote,
            account_id=event.account_id,
            state=S.IDLE,
            started_at=event.at,
            waiting=direction is Direction.INBOUND and bool(self.calls),
        )
        new = CALL_TRANSITIONS[(S.IDLE, event.kind)](idle, event)
        calls = tuple(sorted((*self.calls, new), key=lambda c: c.line))
        return replace(self, calls=calls), new


def agent_events(before: Lines, after: Lines, call: Call) -> tuple[StateEvent, ...]:
    """The agent state machine's events implied by one call change (``before`` → ``after``).

    The agent is offered a call when an inbound call rings on an idle phone, is Busy when the
    first call is answered (an outbound call counts as offered and accepted at once), and goes
    to wrap-up when the last call that was answered has ended. A missed or rejected offer is a
    DECLINE. Calls on the second line while the agent is already busy change nothing. The caller
    applies these to its :class:`~homeseat.core.agent_state.AgentStateMachine`; an agent who
    dials while Not Ready stays Not Ready (the machine refuses OFFER there, by design).
    """
    others_before = before.others(call.call_id)
    busy_before = any(c.was_connected for c in others_before)
    if call.state is S.RINGING and not others_before:
        return (StateEvent(EventKind.OFFER, channel="call"),)
    if call.state is S.CONNECTED and before.get(call.call_id) is not None:
        was = before.get(call.call_id)
        if was is not None and not was.was_connected and not busy_before:
            if call.direction is Direction.OUTBOUND:
                return (
                    StateEvent(EventKind.OFFER, channel="call"),
                    StateEvent(EventKind.ACCEPT, channel="call"),
                )
            return (StateEvent(EventKind.ACCEPT, channel="call"),)
    if call.state is S.ENDED:
        if after.calls and any(c.was_connected for c in after.calls):
            return ()
        if call.was_connected:
            # A waiting call still ringing becomes the agent's next offer.
            if any(c.state is S.RINGING for c in after.calls):
                return (StateEvent(EventKind.END), StateEvent(EventKind.OFFER, channel="call"))
            return (StateEvent(EventKind.END),)
        if call.direction is Direction.INBOUND and not others_before:
            return (StateEvent(EventKind.DECLINE),)
    return ()


_URI_USER = re.compile(r"sips?:([^@;>]+)@")


def remote_party(remote: str) -> str:
    """The number or user of a SIP address (``"Bob" <sip:1380013@pbx>`` → ``1380013``).

    Unmasked: screens and logs pass the result through the masker.
    """
    m = _URI_USER.search(remote)
    if m:
        return m.group(1)
    return remote.strip().strip("<>").removeprefix("sip:").removeprefix("sips:")
