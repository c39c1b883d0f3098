"""The outbox: agent-state transitions waiting for the hub's acknowledgement.

Every transition gets the next sequence number of this installation and stays in the outbox,
persisted through an :class:`OutboxStore`, until the hub acknowledges it. After a reconnect or a
restart the hub's ``last_seq`` tells which entries it already applied, so each transition reaches
the hub exactly once and in order. Pure logic; the owner (the session, on the event-loop thread)
is the only caller.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from homeseat.core.agent_state import AgentState, Transition

__all__ = ["OutboxEntry", "OutboxStore", "Outbox", "MemoryOutboxStore"]


@dataclass(frozen=True, slots=True)
class OutboxEntry:
    """One transition as it will be reported."""

    seq: int
    state: AgentState
    reason: str | None
    channel: str | None
    wrap_up_code: str | None
    at: datetime


class OutboxStore(Protocol):
    """Where outbox entries survive a restart."""

    def load(self) -> tuple[int, list[OutboxEntry]]:
        """Return (next sequence number, pending entries in order)."""
        ...

    def append(self, entry: OutboxEntry, next_seq: int) -> None:
        """Persist ``entry`` and the next sequence number together (atomically)."""
        ...

    def remove_through(self, seq: int, next_seq: int) -> None:
        """Forget entries up to and including ``seq``; persist ``next_seq``."""
        ...


class MemoryOutboxStore:
    """An outbox store that keeps nothing across restarts (robots, tests of the pure logic)."""

    def __init__(self) -> None:
        self._entries: list[OutboxEntry] = []
        self._next = 1

    def load(self) -> tuple[int, list[OutboxEntry]]:
        return self._next, list(self._entries)

    def append(self, entry: OutboxEntry, next_seq: int) -> None:
        self._entries.append(entry)
        self._next = next_seq

    def remove_through(self, seq: int, next_seq: int) -> None:
        self._entries = [e for e in self._entries if e.seq > seq]
        self._next = next_seq


class Outbox:
    """Numbered, persisted, acknowledged delivery of transitions."""

    def __init__(self, store: OutboxStore) -> None:
        self._store = store
        self._next_seq, self._entries = store.load()

    @property
    def next_seq(self) -> int:
        """The sequence number the next transition will get."""
        return self._next_seq

    def pending(self) -> list[OutboxEntry]:
        """Entries not yet acknowledged, oldest first."""
        return list(self._entries)

    def add(self, transition: Transition) -> OutboxEntry:
        """Number and persist a transition."""
        after = transition.after
        entry = OutboxEntry(
            seq=self._next_seq,
            state=after.state,
            reason=after.reason,
            channel=after.channel,
            wrap_up_code=after.wrap_up_code,
            at=after.since_wall,
        )
        self._next_seq += 1
        self._store.append(entry, self._next_seq)
        self._entries.append(entry)
        return entry

    def acknowledge(self, seq: int) -> None:
        """The hub has ``seq`` (and, by ordering, everything before it)."""
        if any(e.seq <= seq for e in self._entries):
            self._entries = [e for e in self._entries if e.seq > seq]
            self._store.remove_through(seq, self._next_seq)

    def sync(self, hub_last_seq: int) -> None:
        """Adopt the hub's ``last_seq`` after (re)connecting.

        Entries the hub already applied are dropped. If the hub is ahead of our numbering (a
        restored backup, say), numbering continues above it so nothing new is mistaken for a
        duplicate.
        """
        if hub_last_seq >= self._next_seq:
            self._next_seq = hub_last_seq + 1
        self._entries = [e for e in self._entries if e.seq > hub_last_seq]
        self._store.remove_through(hub_last_seq, self._next_seq)
