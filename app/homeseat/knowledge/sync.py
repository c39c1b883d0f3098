"""The client's side of knowledge distribution: keep the local copy in step with the hub.

Runs on the client's event-loop thread (the Qt main thread through qasync in the app), the thread
that opened the local :class:`~homeseat.knowledge.store.KnowledgeStore`. After every
(re)connection it asks the hub for the changes since its version and applies them chunk by
chunk, each in one transaction, so a dropped link mid-sync resumes where it stopped. While
offline, search and suggestions keep working from the local copy, and feedback events wait in the
store's outbox until the hub acknowledges them.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from datetime import UTC, datetime
from typing import Any, Protocol, cast

from homeseat.core.agent_state import AgentStatus
from homeseat.knowledge.convert import card_from_wire
from homeseat.knowledge.store import KnowledgeStore, Removal
from homeseat.platform.session import Link
from homeseat.protocol import Ack, AgentPresence, HubMessage, Message
from homeseat.protocol.knowledge import (
    FeedbackKind,
    KbChanged,
    KbDelta,
    KbEvent,
    KbFeedback,
    KbPin,
    KbPins,
    KbSync,
)

__all__ = ["HubLink", "KnowledgeListener", "KnowledgeSync", "FEEDBACK_KINDS"]

log = logging.getLogger(__name__)

FEEDBACK_KINDS = ("helpful", "not_helpful", "used")


class HubLink(Protocol):
    """What the sync needs of :class:`homeseat.platform.session.PlatformSession`."""

    def add_handler(self, handler: Callable[[HubMessage], None]) -> None: ...
    def add_listener(self, listener: Any) -> None: ...
    async def send(self, message: Message) -> bool: ...


class KnowledgeListener(Protocol):
    """Told (on the loop thread) when the local copy changed."""

    def on_cards_changed(self, version: int) -> None: ...
    def on_pins_changed(self, pins: list[str]) -> None: ...


class KnowledgeSync:
    """Keeps a local knowledge store in step with the hub. Lives on the loop thread.

    Args:
        store: the local copy (opened on this thread).
        link: the platform session (messages in, messages out, link changes).
        wall: the wall clock (event times).
    """

    def __init__(
        self,
        store: KnowledgeStore,
        link: HubLink,
        *,
        wall: Callable[[], datetime] | None = None,
    ) -> None:
        self.store = store
        self._link = link
        self._wall = wall or (lambda: datetime.now(UTC))
        self._listeners: list[KnowledgeListener] = []
        self._online = False
        self._syncing = False
        self._requests = 0
        self._in_flight: dict[str, list[int]] = {}  # feedback batch id → event ids
        self._tasks: set[asyncio.Task[None]] = set()
        self.last_sync_seconds: float | None = None
        self._sync_started = 0.0
        link.add_handler(self.handle)
        link.add_listener(self)

    def add_listener(self, listener: KnowledgeListener) -> None:
        """Register a listener (the knowledge panel)."""
        self._listeners.append(listener)

    @property
    def syncing(self) -> bool:
        """True while a sync is under way."""
        return self._syncing

    # ------------------------------------------------------------------ agent actions

    def feedback(self, card_id: str, kind: str, context: str = "") -> None:
        """Record helpful / not helpful / used; sent now if online, else after reconnecting."""
        if kind not in FEEDBACK_KINDS:
            raise ValueError(f"unknown feedback kind {kind!r}")
        self.store.record_event(card_id, kind, context=context, at=self._wall())
        if self._online:
            self._spawn(self._flush_feedback())

    def pin(self, card_id: str, pinned: bool = True) -> None:
        """Ask the hub to pin or unpin a card for everyone (leads and admins)."""
        self._spawn(self._send(KbPin(id=self._next_id("kbp"), card_id=card_id, pinned=pinned)))

    def sync_now(self) -> None:
        """Ask the hub for what changed since this copy's version."""
        if self._online:
            self._syncing = True
            self._sync_started = asyncio.get_running_loop().time()
            self._spawn(self._send(KbSync(id=self._next_id("kbs"), since=self.store.version)))

    # ------------------------------------------------------------------ SessionListener

    def on_link(self, link: Link, detail: str) -> None:
        """Sync and send waiting feedback whenever the link comes up."""
        self._online = link is Link.ONLINE
        if self._online:
            self._in_flight.clear()  # unacknowledged batches are sent again
            self.sync_now()
            self._spawn(self._flush_feedback())
        else:
            self._syncing = False

    def on_status(self, status: AgentStatus) -> None:
        """Not used."""

    def on_team_snapshot(self, agents: list[AgentPresence]) -> None:
        """Not used."""

    def on_team_delta(self, agents: list[AgentPresence]) -> None:
        """Not used."""

    def on_ended(self, reason: str, message: str) -> None:
        """The session ended: nothing more to send."""
        self._online = False

    def on_error(self, message: str) -> None:
        """Not used (errors about knowledge requests are logged by the session)."""

    # ------------------------------------------------------------------ hub messages

    def handle(self, msg: HubMessage) -> None:
        """Apply one message from the hub (others are ignored)."""
        if isinstance(msg, KbDelta):
            self._apply(msg)
        elif isinstance(msg, KbChanged):
            if msg.latest != self.store.version and not self._syncing:
                self.sync_now()
        elif isinstance(msg, KbPins):
            if self.store.set_pins(msg.cards):
                for listener in self._listeners:
                    listener.on_pins_changed(list(msg.cards))
        elif isinstance(msg, Ack) and msg.id is not None and msg.id in self._in_flight:
            self.store.mark_sent(self._in_flight.pop(msg.id))

    def _apply(self, delta: KbDelta) -> None:
        if delta.through < self.store.version and not delta.cards and not delta.removed:
            log.warning(
                "the hub's knowledge base (v%d) is behind this copy (v%d): starting over",
                delta.through,
                self.store.version,
            )
            self.store.clear()
            self.sync_now()
            return
        self.store.apply(
            [card_from_wire(c) for c in delta.cards],
            [Removal(r.id, r.version) for r in delta.removed],
            delta.through,
        )
        if delta.through < delta.latest:
            self.sync_now()  # pull the next chunk
            return
        self._syncing = False
        self.last_sync_seconds = asyncio.get_running_loop().time() - self._sync_started
        for listener in self._listeners:
            listener.on_cards_changed(self.store.version)

    # ------------------------------------------------------------------ internals

    def _next_id(self, prefix: str) -> str:
        self._requests += 1
        return f"{prefix}-{self._requests}"

    async def _send(self, message: Message) -> None:
        if not await self._link.send(message):
            log.info("offline: %s not sent (redone after reconnecting)", type(message).__name__)

    async def _flush_feedback(self) -> None:
        waiting = {i for ids in self._in_flight.values() for i in ids}
        events = [e for e in self.store.pending_events() if e.id not in waiting]
        for start in range(0, len(events), 100):
            batch = events[start : start + 100]
            batch_id = self._next_id("kbf")
            self._in_flight[batch_id] = [e.id for e in batch]
            message = KbFeedback(
                id=batch_id,
                events=[
                    KbEvent(
                        ref=e.id,
                        card_id=e.card_id,
                        kind=cast(FeedbackKind, e.kind),
                        at=e.at,
                        context=e.context,
                    )
                    for e in batch
                ],
            )
            if not await self._link.send(message):
                self._in_flight.pop(batch_id, None)
                return

    def _spawn(self, coro: Coroutine[Any, Any, None]) -> None:
        task = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._done)

    def _done(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("knowledge sync task failed", exc_info=task.exception())
