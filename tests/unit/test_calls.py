"""The call model: lines, call waiting, transitions and the agent events they imply."""

from __future__ import annotations

import pytest

from homeseat.core.agent_state import AgentState, AgentStateMachine, EventKind, StateEvent
from homeseat.core.calls import (
    CALL_TRANSITIONS,
    Call,
    CallEvent,
    CallEventKind,
    CallState,
    Direction,
    EndReason,
    InvalidCallTransition,
    Lines,
    LinesFull,
    agent_events,
    remote_party,
)

K = CallEventKind
S = CallState


def ev(kind: CallEventKind, call_id: str = "c1", at: float = 0.0, **kw: object) -> CallEvent:
    return CallEvent(kind=kind, call_id=call_id, at=at, **kw)  # type: ignore[arg-type]


def run(lines: Lines, *events: CallEvent) -> tuple[Lines, Call]:
    call: Call | None = None
    for event in events:
        lines, call = lines.apply(event)
    assert call is not None
    return lines, call


def test_inbound_call_rings_connects_and_ends() -> None:
    lines, call = Lines().apply(ev(K.INCOMING, remote="sip:13800138000@pbx", account_id="a"))
    assert call.state is S.RINGING
    assert call.direction is Direction.INBOUND
    assert call.line == 1
    assert not call.waiting
    lines, call = lines.apply(ev(K.ANSWERED, at=2.0))
    assert call.state is S.CONNECTED
    assert call.connected_at == 2.0
    lines, call = lines.apply(ev(K.END, at=12.5, reason=EndReason.HANGUP_REMOTE, code=200))
    assert call.state is S.ENDED
    assert call.end_reason is EndReason.HANGUP_REMOTE
    assert call.talk_seconds(100.0) == pytest.approx(10.5)
    assert lines.idle


def test_outbound_call_alerting_then_busy() -> None:
    lines, call = run(Lines(), ev(K.DIAL, remote="sip:bob@pbx"), ev(K.ALERTING))
    assert call.state is S.DIALING
    assert call.alerting
    assert call.direction is Direction.OUTBOUND
    lines, call = lines.apply(ev(K.END, reason=EndReason.BUSY, code=486))
    assert call.end_reason is EndReason.BUSY
    assert call.end_code == 486
    assert not call.alerting
    assert not call.was_connected
    assert call.talk_seconds(5.0) == 0.0


def test_hold_resume_mute_and_remote_hold() -> None:
    lines, call = run(Lines(), ev(K.DIAL), ev(K.ANSWERED), ev(K.HOLD))
    assert call.state is S.HELD
    assert lines.talking() is None
    lines, call = run(lines, ev(K.RESUME), ev(K.MUTE), ev(K.REMOTE_HOLD))
    assert call.state is S.CONNECTED
    assert call.muted
    assert call.remote_held
    assert lines.talking() == call
    lines, call = run(lines, ev(K.UNMUTE), ev(K.REMOTE_RESUME))
    assert not call.muted
    assert not call.remote_held


def test_transfer_success_ends_as_transferred_and_failure_returns() -> None:
    lines, call = run(Lines(), ev(K.INCOMING), ev(K.ANSWERED), ev(K.HOLD), ev(K.TRANSFER))
    assert call.state is S.TRANSFERRING
    failed, call = lines.apply(ev(K.TRANSFER_FAILED))
    assert call.state is S.HELD, "a failed transfer returns to where the call was"
    assert failed.get("c1") == call
    _, call = lines.apply(ev(K.END, reason=EndReason.HANGUP_LOCAL))
    assert call.end_reason is EndReason.TRANSFERRED
    _, call = lines.apply(ev(K.END, reason=EndReason.HANGUP_REMOTE))
    assert call.end_reason is EndReason.HANGUP_REMOTE


def test_call_waiting_takes_line_two_and_a_third_call_is_refused() -> None:
    lines, _first = run(Lines(), ev(K.INCOMING, "a"), ev(K.ANSWERED, "a"))
    lines, second = lines.apply(ev(K.INCOMING, "b"))
    assert second.line == 2
    assert second.waiting
    assert second.state is S.RINGING
    with pytest.raises(LinesFull):
        lines.apply(ev(K.INCOMING, "c"))
    with pytest.raises(LinesFull):
        lines.apply(ev(K.DIAL, "d"))
    # Agent holds line 1 and answers line 2.
    lines, _ = lines.apply(ev(K.HOLD, "a"))
    lines, second = lines.apply(ev(K.ANSWERED, "b"))
    assert not second.waiting
    assert lines.talking() == second
    # Line 1 ends: line 2 keeps its number, the freed line 1 is reused first.
    lines, _ = lines.apply(ev(K.END, "a", reason=EndReason.HANGUP_REMOTE))
    assert lines.free_line() == 1
    assert lines.on_line(2) == second
    lines, third = lines.apply(ev(K.DIAL, "e"))
    assert third.line == 1
    assert [c.line for c in lines.calls] == [1, 2]


@pytest.mark.parametrize(
    ("events", "bad"),
    [
        ((), ev(K.ANSWERED)),  # unknown call
        ((ev(K.DIAL),), ev(K.HOLD)),  # cannot hold before answer
        ((ev(K.DIAL),), ev(K.DIAL)),  # duplicate id
        ((ev(K.INCOMING), ev(K.ANSWERED)), ev(K.RESUME)),  # not held
        ((ev(K.INCOMING), ev(K.ANSWERED)), ev(K.TRANSFER_FAILED)),
        ((ev(K.INCOMING),), ev(K.REMOTE_HOLD)),
    ],
)
def test_refused_events(events: tuple[CallEvent, ...], bad: CallEvent) -> None:
    lines = Lines()
    for e in events:
        lines, _ = lines.apply(e)
    with pytest.raises(InvalidCallTransition):
        lines.apply(bad)


def test_every_state_but_idle_and_ended_can_end() -> None:
    ending = {s for (s, k) in CALL_TRANSITIONS if k is K.END}
    assert ending == {S.DIALING, S.RINGING, S.CONNECTED, S.HELD, S.TRANSFERRING}
    assert not any(s is S.ENDED for (s, _) in CALL_TRANSITIONS)


def _drive(machine: AgentStateMachine, events: tuple[StateEvent, ...]) -> None:
    for event in events:
        machine.apply(event)


def test_agent_events_follow_an_inbound_call() -> None:
    machine = AgentStateMachine({"break"}, {"done"})
    machine.apply(StateEvent(EventKind.SIGN_IN))
    machine.apply(StateEvent(EventKind.GO_READY))
    lines = Lines()
    states = []
    for event in (ev(K.INCOMING), ev(K.ANSWERED), ev(K.HOLD), ev(K.RESUME), ev(K.END)):
        new, call = lines.apply(event)
        _drive(machine, agent_events(lines, new, call))
        lines = new
        states.append(machine.status.state)
    assert states == [
        AgentState.OFFERED,
        AgentState.BUSY,
        AgentState.BUSY,
        AgentState.BUSY,
        AgentState.WRAP_UP,
    ]


def test_agent_events_missed_call_declines_and_outbound_is_busy() -> None:
    lines, call = Lines().apply(ev(K.INCOMING))
    after, ended = lines.apply(ev(K.END, reason=EndReason.MISSED))
    assert agent_events(lines, after, ended) == (StateEvent(EventKind.DECLINE),)

    lines, call = Lines().apply(ev(K.DIAL))
    assert agent_events(Lines(), lines, call) == ()
    after, call = lines.apply(ev(K.ANSWERED))
    assert [e.kind for e in agent_events(lines, after, call)] == [
        EventKind.OFFER,
        EventKind.ACCEPT,
    ]
    lines, failed = Lines().apply(ev(K.DIAL, "x"))
    after, failed = lines.apply(ev(K.END, "x", reason=EndReason.BUSY))
    assert agent_events(lines, after, failed) == (), "an unanswered outbound call changes nothing"


def test_agent_events_with_a_second_line() -> None:
    machine = AgentStateMachine(set(), set())
    machine.apply(StateEvent(EventKind.SIGN_IN))
    machine.apply(StateEvent(EventKind.GO_READY))
    lines = Lines()
    script = [
        ev(K.INCOMING, "a"),
        ev(K.ANSWERED, "a"),
        ev(K.INCOMING, "b"),  # call waiting: still Busy
        ev(K.END, "a", reason=EndReason.HANGUP_REMOTE),  # a ends while b rings: wrap-up, offer
        ev(K.ANSWERED, "b"),
        ev(K.END, "b", reason=EndReason.HANGUP_LOCAL),
    ]
    seen = []
    for event in script:
        new, call = lines.apply(event)
        _drive(machine, agent_events(lines, new, call))
        lines = new
        seen.append(machine.status.state)
    assert seen == [
        AgentState.OFFERED,
        AgentState.BUSY,
        AgentState.BUSY,
        AgentState.OFFERED,
        AgentState.BUSY,
        AgentState.WRAP_UP,
    ]


def test_ending_a_held_call_while_another_talks_keeps_agent_busy() -> None:
    lines, _ = run(Lines(), ev(K.INCOMING, "a"), ev(K.ANSWERED, "a"), ev(K.HOLD, "a"))
    lines, _ = run(lines, ev(K.DIAL, "b"), ev(K.ANSWERED, "b"))
    after, ended = lines.apply(ev(K.END, "a", reason=EndReason.HANGUP_REMOTE))
    assert agent_events(lines, after, ended) == ()


@pytest.mark.parametrize(
    ("remote", "party"),
    [
        ('"Bob" <sip:13800138000@pbx.example;transport=tls>', "13800138000"),
        ("sip:bob@127.0.0.1:5060", "bob"),
        ("<sips:4001@sbc>", "4001"),
        ("13800138000", "13800138000"),
    ],
)
def test_remote_party_extracts_the_number(remote: str, party: str) -> None:
    assert remote_party(remote) == party
