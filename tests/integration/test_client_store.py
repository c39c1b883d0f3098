"""The client's SQLite store keeps its installation id and outbox across restarts."""

from __future__ import annotations

from pathlib import Path

from homeseat.core.agent_state import AgentStateMachine, EventKind, StateEvent
from homeseat.platform.local import open_client_store


def test_outbox_and_client_id_survive_reopen(tmp_path: Path) -> None:
    path = tmp_path / "client.sqlite3"
    store = open_client_store(path)
    client_id = store.client_id
    box = store.outbox()
    m = AgentStateMachine({"break"}, {"resolved"})
    box.add(m.apply(StateEvent(EventKind.SIGN_IN)))
    box.add(m.apply(StateEvent(EventKind.GO_READY)))
    box.add(m.apply(StateEvent(EventKind.GO_NOT_READY, reason="break")))
    box.acknowledge(1)
    store.close()

    again = open_client_store(path)
    assert again.client_id == client_id
    box2 = again.outbox()
    assert [(e.seq, e.state.value, e.reason) for e in box2.pending()] == [
        (2, "ready", None),
        (3, "not_ready", "break"),
    ]
    assert box2.next_seq == 4
    again.close()
