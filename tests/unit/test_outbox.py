"""The outbox numbers, keeps and forgets transitions exactly as the hub acknowledges them."""

from __future__ import annotations

from homeseat.core.agent_state import AgentStateMachine, EventKind, StateEvent
from homeseat.core.outbox import MemoryOutboxStore, Outbox


def _machine() -> AgentStateMachine:
    return AgentStateMachine({"break"}, {"resolved"})


def test_numbers_in_order_and_acknowledges_through_seq() -> None:
    box = Outbox(MemoryOutboxStore())
    m = _machine()
    seqs = [
        box.add(m.apply(StateEvent(EventKind.SIGN_IN))).seq,
        box.add(m.apply(StateEvent(EventKind.GO_READY))).seq,
        box.add(m.apply(StateEvent(EventKind.GO_NOT_READY, reason="break"))).seq,
    ]
    assert seqs == [1, 2, 3]
    box.acknowledge(2)
    assert [e.seq for e in box.pending()] == [3]
    assert box.pending()[0].reason == "break"


def test_survives_restart_through_its_store() -> None:
    store = MemoryOutboxStore()
    box = Outbox(store)
    m = _machine()
    box.add(m.apply(StateEvent(EventKind.SIGN_IN)))
    box.add(m.apply(StateEvent(EventKind.GO_READY)))
    again = Outbox(store)
    assert [e.seq for e in again.pending()] == [1, 2]
    assert again.next_seq == 3


def test_sync_drops_what_the_hub_has_and_never_reuses_numbers() -> None:
    box = Outbox(MemoryOutboxStore())
    m = _machine()
    box.add(m.apply(StateEvent(EventKind.SIGN_IN)))
    box.add(m.apply(StateEvent(EventKind.GO_READY)))
    box.sync(1)
    assert [e.seq for e in box.pending()] == [2]
    box.sync(10)  # the hub is ahead (restored backup): numbering continues above it
    assert box.pending() == []
    assert box.add(m.apply(StateEvent(EventKind.GO_NOT_READY, reason="break"))).seq == 11
