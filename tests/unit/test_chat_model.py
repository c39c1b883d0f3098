"""The pure chat model: phases, capacity, ordered transcripts, acks, and what chats do to state."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from homeseat.core.agent_state import AgentState, AgentStateMachine, EventKind, StateEvent
from homeseat.core.chats import ChatBook, ChatError, ChatLine, ChatPhase, Sender, state_events

AT = datetime(2026, 3, 1, tzinfo=UTC)


def _line(seq: int, sender: Sender = Sender.CUSTOMER, msg_id: str | None = None) -> ChatLine:
    return ChatLine(seq, msg_id or f"m{seq}", sender, "x", f"text {seq}", AT)


def test_offer_activate_close_and_capacity() -> None:
    book = ChatBook(capacity=2)
    book.offer("a", "Ann", "bill", 0.0)
    assert book.require("a").phase is ChatPhase.OFFERED
    assert book.offer("a", "Ann", "bill", 5.0).offered_mono == 0.0  # a resent offer: same chat
    book.activate("a", "Ann", "bill", 1.0)
    book.activate("b", "Bob", "", 1.0)
    assert book.at_capacity
    with pytest.raises(ChatError, match="capacity"):
        book.activate("c", "Cy", "", 2.0)
    book.activate("c", "Cy", "", 2.0, force=True)  # the hub's word after a resync wins
    assert book.active_count == 3
    book.close("c", wrap_up_code="resolved", reason="closed")
    assert book.require("c").wrap_up_code == "resolved"
    with pytest.raises(ChatError, match="closed"):
        book.add_pending("c", "m", "late", AT)
    book.forget("c")
    assert book.get("c") is None
    assert book.withdraw("a") is None  # active chats are not withdrawn
    with pytest.raises(ValueError, match="at least 1"):
        ChatBook(capacity=0)


def test_lines_in_order_unread_waiting_and_typing() -> None:
    book = ChatBook()
    book.activate("a", "Ann", "", 0.0)
    assert book.receive("a", _line(1), 10.0, visible=False)
    assert not book.receive("a", _line(1), 11.0, visible=False)  # duplicate
    assert not book.receive("a", _line(3), 11.0, visible=False)  # gap
    assert book.gap("a", 3)
    assert book.require("a").unread == 1
    assert book.require("a").waiting_seconds(15.0) == 15.0  # waiting since the offer
    book.set_customer_typing("a", True)
    assert book.require("a").customer_typing
    book.add_pending("a", "own-1", "hello", AT)
    assert book.acknowledge("a", "own-1", 2, "Agent", 20.0)
    assert book.require("a").waiting_seconds(30.0) == 0.0  # answered
    assert book.receive("a", _line(3), 40.0, visible=True)
    assert book.require("a").waiting_seconds(45.0) == 5.0
    assert not book.require("a").customer_typing  # a line ends "typing"
    assert book.require("a").unread == 1  # the visible one did not count
    book.mark_read("a")
    assert book.unread_total == 0
    with pytest.raises(ChatError, match="empty"):
        book.add_pending("a", "x", "   ", AT)


def test_an_echo_of_an_own_line_replaces_the_pending_one() -> None:
    book = ChatBook()
    book.activate("a", "Ann", "", 0.0)
    book.add_pending("a", "own", "hi", AT)
    # The ack was lost in a cut; the resync brings the stored line instead.
    assert book.receive("a", _line(1, Sender.AGENT, "own"), 1.0, visible=True)
    assert not book.require("a").pending
    # The late ack (of the resend) only clears, never duplicates.
    assert not book.acknowledge("a", "own", 1, "Agent", 2.0)
    assert len(book.require("a").lines) == 1


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(1, 12), max_size=60))
def test_any_delivery_order_with_resyncs_gives_one_ordered_copy(arrivals: list[int]) -> None:
    """Lines arrive in any order and any number of times; after each refusal (a gap) the hub
    resends everything above the client's last seq. The result is always 1..n, once each."""
    book = ChatBook()
    book.activate("a", "Ann", "", 0.0)
    for seq in arrivals:
        if not book.receive("a", _line(seq), 0.0, visible=True) and book.gap("a", seq):
            for again in range(book.require("a").last_seq + 1, seq + 1):
                assert book.receive("a", _line(again), 0.0, visible=True)
    seqs = [line.seq for line in book.require("a").lines]
    assert seqs == list(range(1, len(seqs) + 1))
    assert len(seqs) == max(arrivals, default=0)


def _machine() -> AgentStateMachine:
    machine = AgentStateMachine({"break"}, {"resolved"})
    machine.apply(StateEvent(EventKind.SIGN_IN))
    machine.apply(StateEvent(EventKind.GO_READY))
    return machine


def _drive(machine: AgentStateMachine, active: int, capacity: int, offered: bool) -> None:
    for event in state_events(machine.status, active, capacity, offered=offered):
        machine.apply(event)


def _state(machine: AgentStateMachine) -> AgentState:
    return machine.status.state  # a call, so mypy does not narrow across state changes


def test_chats_drive_the_agent_state() -> None:
    m = _machine()
    _drive(m, 0, 2, offered=True)
    assert (m.status.state, m.status.channel) == (AgentState.OFFERED, "chat")
    _drive(m, 1, 2, offered=False)  # accepted, one place left: available again
    assert _state(m) is AgentState.READY
    _drive(m, 1, 2, offered=True)
    _drive(m, 2, 2, offered=False)  # accepted the second: at capacity
    assert (m.status.state.value, m.status.channel) == ("busy", "chat")
    m.apply(StateEvent(EventKind.GO_NOT_READY, reason="break"))  # pending while chatting
    _drive(m, 2, 2, offered=False)
    assert _state(m) is AgentState.BUSY
    _drive(m, 1, 2, offered=False)  # one closed: the pending break starts
    assert (m.status.state, m.status.reason) == (AgentState.NOT_READY, "break")
    _drive(m, 1, 2, offered=False)  # Not Ready is never touched by chats
    assert _state(m) is AgentState.NOT_READY


def test_a_full_capacity_resync_goes_busy_directly_and_calls_are_left_alone() -> None:
    m = _machine()
    _drive(m, 3, 3, offered=False)
    assert _state(m) is AgentState.BUSY
    m2 = _machine()
    m2.apply(StateEvent(EventKind.OFFER, channel="call"))
    assert state_events(m2.status, 0, 3, offered=False) == []
