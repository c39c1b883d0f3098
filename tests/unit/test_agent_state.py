"""The agent state machine, exhaustively: every (state, event) pair, pending Not Ready, codes, time.

The expected behaviour is written out here independently of ``TRANSITIONS`` (an oracle), so a
change to the table that nobody meant fails a test instead of silently changing behaviour.
"""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from homeseat.core.agent_state import (
    TRANSITIONS,
    AgentState,
    AgentStateMachine,
    AgentStatus,
    Clock,
    EventKind,
    InvalidTransition,
    StateEvent,
)

S = AgentState
E = EventKind

REASONS = frozenset({"break", "lunch", "training"})
SYSTEM_REASONS = frozenset({"signed_in", "idle", "forced", "offline"})
WRAP_UPS = frozenset({"resolved", "callback"})
EPOCH = datetime(2026, 1, 1, 8, 0, tzinfo=UTC)


class FakeClock(Clock):
    """A clock that moves only when told: monotonic seconds, and wall time derived from them."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def monotonic(self) -> float:
        return self.now

    def wall(self) -> datetime:
        return EPOCH + timedelta(seconds=self.now)

    def advance(self, seconds: float) -> None:
        self.now += seconds


#: Events that bring a fresh machine into each state.
PATH: dict[AgentState, list[StateEvent]] = {
    S.SIGNED_OUT: [],
    S.NOT_READY: [StateEvent(E.SIGN_IN)],
    S.READY: [StateEvent(E.SIGN_IN), StateEvent(E.GO_READY)],
    S.OFFERED: [StateEvent(E.SIGN_IN), StateEvent(E.GO_READY), StateEvent(E.OFFER, channel="call")],
    S.BUSY: [
        StateEvent(E.SIGN_IN),
        StateEvent(E.GO_READY),
        StateEvent(E.OFFER, channel="call"),
        StateEvent(E.ACCEPT),
    ],
    S.WRAP_UP: [
        StateEvent(E.SIGN_IN),
        StateEvent(E.GO_READY),
        StateEvent(E.OFFER, channel="call"),
        StateEvent(E.ACCEPT),
        StateEvent(E.END),
    ],
}

#: The oracle: accepted (state, event) pairs and the state they lead to with nothing pending.
EXPECTED: dict[tuple[AgentState, EventKind], AgentState] = {
    (S.SIGNED_OUT, E.SIGN_IN): S.NOT_READY,
    (S.NOT_READY, E.GO_READY): S.READY,
    (S.NOT_READY, E.GO_NOT_READY): S.NOT_READY,
    (S.NOT_READY, E.FORCE_NOT_READY): S.NOT_READY,
    (S.NOT_READY, E.SIGN_OUT): S.SIGNED_OUT,
    (S.READY, E.GO_NOT_READY): S.NOT_READY,
    (S.READY, E.FORCE_NOT_READY): S.NOT_READY,
    (S.READY, E.OFFER): S.OFFERED,
    (S.READY, E.SIGN_OUT): S.SIGNED_OUT,
    (S.OFFERED, E.ACCEPT): S.BUSY,
    (S.OFFERED, E.DECLINE): S.READY,
    (S.OFFERED, E.GO_NOT_READY): S.OFFERED,  # pending
    (S.OFFERED, E.FORCE_NOT_READY): S.OFFERED,  # pending
    (S.BUSY, E.END): S.WRAP_UP,
    (S.BUSY, E.GO_NOT_READY): S.BUSY,  # pending
    (S.BUSY, E.FORCE_NOT_READY): S.BUSY,  # pending
    (S.BUSY, E.GO_READY): S.BUSY,  # cancels a pending Not Ready
    (S.WRAP_UP, E.FINISH_WRAP_UP): S.READY,
    (S.WRAP_UP, E.GO_NOT_READY): S.WRAP_UP,  # pending
    (S.WRAP_UP, E.FORCE_NOT_READY): S.WRAP_UP,  # pending
    (S.WRAP_UP, E.GO_READY): S.READY,  # finishes wrap-up, dropping a pending Not Ready
    (S.WRAP_UP, E.OFFER): S.OFFERED,
}

#: A valid event of each kind (codes and channel filled in where the kind needs them).
SAMPLE_EVENT: dict[EventKind, StateEvent] = {
    E.SIGN_IN: StateEvent(E.SIGN_IN),
    E.GO_READY: StateEvent(E.GO_READY),
    E.GO_NOT_READY: StateEvent(E.GO_NOT_READY, reason="break"),
    E.OFFER: StateEvent(E.OFFER, channel="chat"),
    E.ACCEPT: StateEvent(E.ACCEPT),
    E.DECLINE: StateEvent(E.DECLINE),
    E.END: StateEvent(E.END),
    E.FINISH_WRAP_UP: StateEvent(E.FINISH_WRAP_UP, code="resolved"),
    E.SIGN_OUT: StateEvent(E.SIGN_OUT),
    E.FORCE_NOT_READY: StateEvent(E.FORCE_NOT_READY, reason="forced"),
}

PENDING_STATES = (S.OFFERED, S.BUSY, S.WRAP_UP)


def machine(clock: Clock | None = None) -> AgentStateMachine:
    return AgentStateMachine(REASONS, WRAP_UPS, clock or FakeClock())


def machine_in(state: AgentState, clock: Clock | None = None) -> AgentStateMachine:
    m = machine(clock)
    for event in PATH[state]:
        m.apply(event)
    assert m.status.state is state
    return m


def test_sample_events_cover_every_kind() -> None:
    assert set(SAMPLE_EVENT) == set(EventKind)


def test_table_is_exactly_the_oracle() -> None:
    assert set(TRANSITIONS) == set(EXPECTED)


@pytest.mark.parametrize(
    ("state", "kind"),
    list(itertools.product(AgentState, EventKind)),
    ids=lambda v: str(v.value),
)
def test_every_state_event_pair(state: AgentState, kind: EventKind) -> None:
    m = machine_in(state)
    before = m.status
    event = SAMPLE_EVENT[kind]
    if (state, kind) in EXPECTED:
        transition = m.apply(event)
        assert transition.before == before
        assert transition.after == m.status
        assert transition.event == event
        assert m.status.state is EXPECTED[(state, kind)]
    else:
        with pytest.raises(InvalidTransition, match=f"{kind.value} is not allowed"):
            m.apply(event)
        assert m.status is before


@pytest.mark.parametrize("state", list(AgentState), ids=lambda s: str(s.value))
def test_allowed_lists_exactly_the_accepted_events(state: AgentState) -> None:
    expected = {kind for (s, kind) in EXPECTED if s is state}
    assert machine_in(state).allowed() == expected


def test_sign_in_starts_not_ready() -> None:
    m = machine()
    m.apply(StateEvent(E.SIGN_IN))
    assert (m.status.state, m.status.reason) == (S.NOT_READY, "signed_in")
    m.apply(StateEvent(E.SIGN_OUT))
    m.apply(StateEvent(E.SIGN_IN, reason="training"))
    assert m.status.reason == "training"


def test_sign_out_forgets_everything() -> None:
    m = machine_in(S.READY)
    m.apply(StateEvent(E.SIGN_OUT))
    status = m.status
    assert status.state is S.SIGNED_OUT
    assert (status.reason, status.channel, status.pending_reason, status.wrap_up_code) == (
        None,
        None,
        None,
        None,
    )


# ------------------------------------------------------------------------------ pending Not Ready


@pytest.mark.parametrize("state", PENDING_STATES, ids=lambda s: str(s.value))
@pytest.mark.parametrize("kind", [E.GO_NOT_READY, E.FORCE_NOT_READY], ids=lambda k: str(k.value))
def test_not_ready_during_an_interaction_is_pending(state: AgentState, kind: EventKind) -> None:
    clock = FakeClock()
    m = machine_in(state, clock)
    before = m.status
    clock.advance(3)
    transition = m.apply(StateEvent(kind, reason="lunch"))
    after = m.status
    assert after.state is state
    assert after.pending_reason == "lunch"
    assert not transition.changed_state
    assert (after.since_mono, after.since_wall) == (before.since_mono, before.since_wall)


@pytest.mark.parametrize("state", PENDING_STATES, ids=lambda s: str(s.value))
def test_pending_not_ready_applies_when_wrap_up_ends(state: AgentState) -> None:
    clock = FakeClock()
    m = machine_in(state, clock)
    m.apply(StateEvent(E.GO_NOT_READY, reason="break"))
    rest = {S.OFFERED: [E.ACCEPT, E.END], S.BUSY: [E.END], S.WRAP_UP: []}[state]
    for kind in rest:
        m.apply(StateEvent(kind))
        assert m.status.pending_reason == "break"
    clock.advance(7)
    transition = m.apply(StateEvent(E.FINISH_WRAP_UP, code="callback"))
    status = m.status
    assert (status.state, status.reason, status.pending_reason) == (S.NOT_READY, "break", None)
    assert status.channel is None
    assert status.wrap_up_code == "callback"  # the transition out of wrap-up carries the code
    assert transition.changed_state
    assert status.since_mono == clock.now


def test_a_later_not_ready_request_replaces_the_pending_reason() -> None:
    m = machine_in(S.BUSY)
    m.apply(StateEvent(E.GO_NOT_READY, reason="break"))
    m.apply(StateEvent(E.FORCE_NOT_READY, reason="forced"))
    assert m.status.pending_reason == "forced"


def test_ready_during_a_call_cancels_the_pending_not_ready() -> None:
    m = machine_in(S.BUSY)
    m.apply(StateEvent(E.GO_NOT_READY, reason="break"))
    transition = m.apply(StateEvent(E.GO_READY))
    assert (m.status.state, m.status.pending_reason) == (S.BUSY, None)
    assert not transition.changed_state
    m.apply(StateEvent(E.END))
    m.apply(StateEvent(E.FINISH_WRAP_UP))
    assert (m.status.state, m.status.reason) == (S.READY, None)


def test_ready_during_wrap_up_finishes_it_and_drops_the_pending_not_ready() -> None:
    m = machine_in(S.WRAP_UP)
    m.apply(StateEvent(E.GO_NOT_READY, reason="break"))
    m.apply(StateEvent(E.GO_READY, code="resolved"))
    status = m.status
    assert (status.state, status.pending_reason, status.wrap_up_code) == (
        S.READY,
        None,
        "resolved",
    )


def test_finishing_wrap_up_without_pending_goes_ready() -> None:
    m = machine_in(S.WRAP_UP)
    m.apply(StateEvent(E.FINISH_WRAP_UP, code="resolved"))
    status = m.status
    assert (status.state, status.reason, status.channel, status.wrap_up_code) == (
        S.READY,
        None,
        None,
        "resolved",
    )


@pytest.mark.parametrize(
    "then",
    [StateEvent(E.OFFER, channel="call"), StateEvent(E.GO_NOT_READY, reason="break")],
    ids=["offer", "not_ready"],
)
def test_the_wrap_up_code_is_not_carried_into_later_transitions(then: StateEvent) -> None:
    m = machine_in(S.WRAP_UP)
    m.apply(StateEvent(E.FINISH_WRAP_UP, code="resolved"))
    transition = m.apply(then)
    assert transition.after.wrap_up_code is None


def test_ready_after_a_pending_not_ready_does_not_repeat_the_wrap_up_code() -> None:
    m = machine_in(S.BUSY)
    m.apply(StateEvent(E.GO_NOT_READY, reason="break"))
    m.apply(StateEvent(E.END))
    m.apply(StateEvent(E.FINISH_WRAP_UP, code="resolved"))
    assert m.apply(StateEvent(E.GO_READY)).after.wrap_up_code is None


# ------------------------------------------------------------------------------ decline


def test_decline_returns_to_ready() -> None:
    m = machine_in(S.OFFERED)
    m.apply(StateEvent(E.DECLINE))
    assert (m.status.state, m.status.channel, m.status.reason) == (S.READY, None, None)


def test_decline_returns_to_the_pending_not_ready() -> None:
    m = machine_in(S.OFFERED)
    m.apply(StateEvent(E.GO_NOT_READY, reason="training"))
    m.apply(StateEvent(E.DECLINE))
    status = m.status
    assert (status.state, status.reason, status.pending_reason, status.channel) == (
        S.NOT_READY,
        "training",
        None,
        None,
    )


def test_an_offer_during_wrap_up_then_declined_returns_to_ready() -> None:
    m = machine_in(S.WRAP_UP)
    m.apply(StateEvent(E.OFFER, channel="chat"))
    assert m.status.channel == "chat"
    m.apply(StateEvent(E.DECLINE))
    assert m.status.state is S.READY


def test_accept_keeps_the_offered_channel() -> None:
    m = machine_in(S.READY)
    m.apply(StateEvent(E.OFFER, channel="chat"))
    m.apply(StateEvent(E.ACCEPT))
    assert (m.status.state, m.status.channel) == (S.BUSY, "chat")
    m.apply(StateEvent(E.END))
    assert (m.status.state, m.status.channel) == (S.WRAP_UP, "chat")


# ------------------------------------------------------------------------------ codes


@pytest.mark.parametrize(
    ("state", "event", "message"),
    [
        (S.READY, StateEvent(E.GO_NOT_READY, reason="nap"), "unknown Not Ready reason code"),
        (S.READY, StateEvent(E.GO_NOT_READY), "needs a reason code"),
        (S.READY, StateEvent(E.GO_NOT_READY, reason=""), "needs a reason code"),
        (S.NOT_READY, StateEvent(E.FORCE_NOT_READY, reason="nap"), "unknown Not Ready reason"),
        (S.BUSY, StateEvent(E.GO_NOT_READY, reason="nap"), "unknown Not Ready reason code"),
        (S.WRAP_UP, StateEvent(E.FINISH_WRAP_UP, code="nope"), "unknown wrap-up code"),
        (S.WRAP_UP, StateEvent(E.FINISH_WRAP_UP, code=""), "unknown wrap-up code"),
        (S.WRAP_UP, StateEvent(E.GO_READY, code="nope"), "unknown wrap-up code"),
        (S.SIGNED_OUT, StateEvent(E.SIGN_IN, reason="nap"), "unknown Not Ready reason code"),
        (S.READY, StateEvent(E.OFFER, channel="fax"), "unknown channel"),
        (S.OFFERED, StateEvent(E.ACCEPT, channel="fax"), "unknown channel"),
    ],
)
def test_unknown_codes_are_refused(state: AgentState, event: StateEvent, message: str) -> None:
    m = machine_in(state)
    before = m.status
    with pytest.raises(InvalidTransition, match=message):
        m.apply(event)
    assert m.status is before


@pytest.mark.parametrize("reason", sorted(REASONS | SYSTEM_REASONS))
def test_configured_and_system_reasons_are_accepted(reason: str) -> None:
    m = machine_in(S.READY)
    m.apply(StateEvent(E.GO_NOT_READY, reason=reason))
    assert (m.status.state, m.status.reason) == (S.NOT_READY, reason)


def test_finishing_wrap_up_without_a_code_is_allowed() -> None:
    m = machine_in(S.WRAP_UP)
    m.apply(StateEvent(E.FINISH_WRAP_UP))
    assert (m.status.state, m.status.wrap_up_code) == (S.READY, None)


# ------------------------------------------------------------------------------ time


def test_time_in_state_follows_the_clock() -> None:
    clock = FakeClock(start=100.0)
    m = machine(clock)
    assert m.status.since_mono == 100.0
    m.apply(StateEvent(E.SIGN_IN))
    clock.advance(5.5)
    assert m.status.seconds_in_state(clock.monotonic()) == pytest.approx(5.5)
    m.apply(StateEvent(E.GO_READY))
    assert m.status.since_mono == pytest.approx(105.5)
    assert m.status.since_wall == EPOCH + timedelta(seconds=105.5)
    clock.advance(60)
    assert m.status.seconds_in_state(clock.monotonic()) == pytest.approx(60)


def test_time_in_state_is_never_negative() -> None:
    status = AgentStatus(state=S.READY, since_mono=50.0)
    assert status.seconds_in_state(10.0) == 0.0


def test_timestamps_change_only_with_state_or_reason() -> None:
    clock = FakeClock()
    m = machine_in(S.READY, clock)
    clock.advance(1)
    m.apply(StateEvent(E.GO_NOT_READY, reason="break"))
    first = m.status
    assert first.since_mono == clock.now

    clock.advance(1)
    same = m.apply(StateEvent(E.GO_NOT_READY, reason="break"))  # same state, same reason
    assert not same.changed_state
    assert (m.status.since_mono, m.status.since_wall) == (first.since_mono, first.since_wall)

    clock.advance(1)
    other = m.apply(StateEvent(E.GO_NOT_READY, reason="lunch"))  # same state, new reason
    assert other.changed_state
    assert m.status.since_mono == clock.now
    assert m.status.since_wall == clock.wall()


def test_restore_adopts_the_hubs_word() -> None:
    m = machine_in(S.READY)
    hub_view = AgentStatus(state=S.NOT_READY, reason="lunch", since_mono=1.0, since_wall=EPOCH)
    m.restore(hub_view)
    assert m.status == hub_view
    assert m.allowed() == {k for (s, k) in EXPECTED if s is S.NOT_READY}


# ------------------------------------------------------------------------------ random sequences

KINDS = st.sampled_from(list(EventKind))
ANY_REASON = st.sampled_from([None, "", "break", "lunch", "idle", "bogus"])
ANY_CODE = st.sampled_from([None, "", "resolved", "callback", "bogus"])
ANY_CHANNEL = st.sampled_from([None, "call", "chat", "fax"])
EVENTS = st.builds(StateEvent, kind=KINDS, reason=ANY_REASON, code=ANY_CODE, channel=ANY_CHANNEL)
STEPS = st.lists(st.tuples(EVENTS, st.floats(min_value=0, max_value=100)), max_size=40)

IDLE_STATES = (S.SIGNED_OUT, S.NOT_READY, S.READY)
KNOWN_REASONS = REASONS | SYSTEM_REASONS


def _oracle_state(status: AgentStatus, kind: EventKind) -> AgentState:
    """Where an accepted event leads, including the pending-dependent cases."""
    if kind is E.DECLINE or kind is E.FINISH_WRAP_UP:
        return S.NOT_READY if status.pending_reason else S.READY
    return EXPECTED[(status.state, kind)]


def _check_invariants(status: AgentStatus, last: StateEvent | None) -> None:
    assert isinstance(status.state, AgentState)
    assert (status.reason is not None) == (status.state is S.NOT_READY)
    if status.reason is not None:
        assert status.reason in KNOWN_REASONS
    if status.state in IDLE_STATES:
        assert status.channel is None
        assert status.pending_reason is None
    if status.state in (S.OFFERED, S.BUSY):
        assert status.channel in (None, "call", "chat")
    if status.pending_reason is not None:
        assert status.pending_reason in KNOWN_REASONS
    finished_wrap_up = last is not None and last.kind in (E.FINISH_WRAP_UP, E.GO_READY)
    if status.wrap_up_code is not None:
        assert finished_wrap_up
        assert status.wrap_up_code in WRAP_UPS


@settings(max_examples=300, deadline=None)
@given(STEPS)
def test_random_sequences_never_reach_an_invalid_status(
    steps: list[tuple[StateEvent, float]],
) -> None:
    clock = FakeClock()
    m = machine(clock)
    last_accepted: StateEvent | None = None
    for event, pause in steps:
        clock.advance(pause)
        before = m.status
        try:
            transition = m.apply(event)
        except InvalidTransition:
            assert m.status is before  # a refusal changes nothing
        else:
            after = m.status
            assert transition.before is before
            assert transition.after is after
            assert after.state is _oracle_state(before, event.kind)
            moved = after.state is not before.state or after.reason != before.reason
            assert transition.changed_state == moved
            if moved:
                assert (after.since_mono, after.since_wall) == (clock.now, clock.wall())
            else:
                assert (after.since_mono, after.since_wall) == (
                    before.since_mono,
                    before.since_wall,
                )
            last_accepted = event
        _check_invariants(m.status, last_accepted)
        assert m.status.seconds_in_state(clock.monotonic()) >= 0
