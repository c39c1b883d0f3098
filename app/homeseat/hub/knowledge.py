"""The hub's knowledge service: serves deltas, pins, feedback and the usage report.

Runs on the hub's loop thread (its store's connection was opened there). The knowledge base
lives in the hub's database file, in its own ``kb_`` tables (see
:class:`homeseat.knowledge.store.KnowledgeStore`), so ``homeseat kb import --db HUB.sqlite3``
can write to it while the hub runs: a poll of SQLite's ``data_version`` (every
``poll_seconds``) notices commits made by other processes and tells every synced client
``kb.changed`` — and ``kb.pins`` when the pins moved — at once.

Sync is pulled: each ``kb.sync`` is answered by one ``kb.delta`` chunk under the frame limit; the
client asks again from ``through`` while it is behind ``latest``. A client that falls far behind
therefore never floods its own send queue, and the rate limit paces a huge first sync.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import weakref
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from homeseat.core.knowledge import Card
from homeseat.hub.storage import User
from homeseat.knowledge.convert import card_to_wire
from homeseat.knowledge.store import KnowledgeStore, Removal
from homeseat.protocol import Ack, ErrorReply, HubMessage, encode
from homeseat.protocol.knowledge import (
    KbCard,
    KbChanged,
    KbDelta,
    KbFeedback,
    KbPin,
    KbPins,
    KbRemoved,
    KbSync,
    KbUsage,
    KbUsageRequest,
    KbUsageRow,
)

__all__ = [
    "KnowledgePeer",
    "KnowledgeHub",
    "open_knowledge",
    "seed_demo_cards",
    "DELTA_BUDGET_BYTES",
    "USAGE_ROWS",
]

log = logging.getLogger(__name__)

#: Bytes of card JSON per ``kb.delta`` frame (the frame limit is 64 KiB; the rest is slack).
DELTA_BUDGET_BYTES = 48 * 1024
#: Changes read per ``kb.delta`` (a chunk holds fewer; this bounds the rows read for nothing).
DELTA_ROWS = 120
#: Rows in a ``kb.usage`` reply (most used first), which keeps it inside one frame.
USAGE_ROWS = 300


class KnowledgePeer(Protocol):
    """What the service needs of a connection (``homeseat.hub.session.Connection``)."""

    client_id: str | None

    def deliver(self, message: HubMessage) -> None:
        """Queue a message for the peer (never blocks)."""
        ...


class KnowledgeHub:
    """Distributes the knowledge base. Lives on the hub's loop thread.

    Args:
        store: the hub's knowledge store (the source of truth).
        poll_seconds: how often to look for changes made by other processes.
        wall: the wall clock.
    """

    def __init__(
        self,
        store: KnowledgeStore,
        *,
        poll_seconds: float = 1.0,
        wall: Callable[[], datetime] | None = None,
    ) -> None:
        self.store = store
        self._poll_seconds = poll_seconds
        self._wall = wall or (lambda: datetime.now(UTC))
        # Connections that synced at least once; weak, so a closed connection just drops out.
        self._peers: weakref.WeakSet[KnowledgePeer] = weakref.WeakSet()
        self._task: asyncio.Task[None] | None = None
        self._seen_version = store.version
        self._seen_pins = store.pins()
        self._seen_data = store.data_version()

    # ------------------------------------------------------------------ lifecycle

    def start(self) -> None:
        """Start polling for changes made by other processes (e.g. ``homeseat kb import``)."""
        self._task = asyncio.get_running_loop().create_task(self._poll(), name="hub-knowledge")

    async def stop(self) -> None:
        """Stop polling and close the store."""
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self.store.close()

    @property
    def peers(self) -> int:
        """Connections that receive knowledge pushes."""
        return len(self._peers)

    # ------------------------------------------------------------------ changes at the hub

    def publish(self, cards: list[Card], removed: list[str] | None = None) -> int:
        """Change the base in this process and tell every client; returns the changes made."""
        changed = self.store.upsert(cards, self._wall())
        changed += self.store.remove(removed or [])
        self.check_changes()
        return changed

    def set_pin(self, card_id: str, pinned: bool, by: str) -> bool:
        """Pin or unpin a card for everyone; returns whether the pins changed."""
        changed = self.store.pin(card_id, pinned, by)
        self.check_changes()
        return changed

    def check_changes(self) -> None:
        """Push ``kb.changed`` / ``kb.pins`` to every synced client if the base moved."""
        version, pins = self.store.version, self.store.pins()
        if version != self._seen_version:
            self._seen_version = version
            self._broadcast(KbChanged(latest=version))
        if pins != self._seen_pins:
            self._seen_pins = pins
            self._broadcast(KbPins(cards=pins))

    def _broadcast(self, message: KbChanged | KbPins) -> None:
        frame = encode(message)
        for peer in list(self._peers):
            deliver_frame = getattr(peer, "deliver_frame", None)
            if deliver_frame is not None:
                deliver_frame(frame)  # encode once for thousands of agents
            else:
                peer.deliver(message)

    async def _poll(self) -> None:
        while True:
            await asyncio.sleep(self._poll_seconds)
            try:
                data = self.store.data_version()
                if data != self._seen_data:
                    self._seen_data = data
                    self.store.refresh()
                    self.check_changes()
            except Exception:
                log.exception("knowledge change poll failed")

    # ------------------------------------------------------------------ requests

    def handle(
        self, peer: KnowledgePeer, user: User, msg: KbSync | KbFeedback | KbPin | KbUsageRequest
    ) -> None:
        """Answer one knowledge request of a signed-in user."""
        if isinstance(msg, KbSync):
            self._sync(peer, user, msg)
        elif isinstance(msg, KbFeedback):
            self._feedback(peer, user, msg)
        elif user.role == "agent":
            self.store_refusal(peer, msg.id, f"only team leads and admins may send {msg.type}")
        elif isinstance(msg, KbPin):
            if msg.pinned and self.store.card(msg.card_id) is None:
                peer.deliver(
                    ErrorReply(code="invalid", message=f"no card {msg.card_id!r}", ref=msg.id)
                )
                return
            self.set_pin(msg.card_id, msg.pinned, user.username)
            log.info(
                "%s %s card %s", user.username, "pinned" if msg.pinned else "unpinned", msg.card_id
            )
            peer.deliver(Ack(id=msg.id))
        else:
            rows = [
                KbUsageRow(
                    card_id=u.card_id,
                    title=u.title[:200],
                    used=u.used,
                    helpful=u.helpful,
                    not_helpful=u.not_helpful,
                )
                for u in self.store.usage()[:USAGE_ROWS]
            ]
            peer.deliver(KbUsage(id=msg.id, rows=rows))

    @staticmethod
    def store_refusal(peer: KnowledgePeer, ref: str | None, message: str) -> None:
        """Refuse a request the user's role does not allow."""
        peer.deliver(ErrorReply(code="forbidden", message=message, ref=ref))

    def _sync(self, peer: KnowledgePeer, user: User, msg: KbSync) -> None:
        self._peers.add(peer)
        latest = self.store.version
        cards: list[KbCard] = []
        removed: list[KbRemoved] = []
        through, budget = msg.since, DELTA_BUDGET_BYTES
        for change in self.store.changes_since(msg.since, limit=DELTA_ROWS):
            if isinstance(change, Card) and not _for(change, user):
                # Not for this agent's team: its copy must not hold it (or must drop it now).
                change = Removal(change.id, change.version)
            if isinstance(change, Removal):
                item: KbCard | KbRemoved = KbRemoved(id=change.id, version=change.version)
            else:
                item = card_to_wire(change)
            size = len(item.model_dump_json().encode("utf-8")) + 1
            if size > budget and (cards or removed):
                break
            budget -= size
            through = change.version
            if isinstance(item, KbRemoved):
                removed.append(item)
            else:
                cards.append(item)
        if not cards and not removed:
            # Up to date — or ahead of this hub (its base was reset): ``through < since`` tells
            # the client to start over from 0.
            through = latest
        peer.deliver(
            KbDelta(id=msg.id, cards=cards, removed=removed, through=through, latest=latest)
        )
        if through >= latest:
            peer.deliver(KbPins(cards=self.store.pins()))

    def _feedback(self, peer: KnowledgePeer, user: User, msg: KbFeedback) -> None:
        for event in msg.events:
            self.store.record_event(
                event.card_id,
                event.kind,
                username=user.username,
                context=event.context,
                at=event.at,
                client_ref=f"{peer.client_id}:{event.ref}",
            )
        peer.deliver(Ack(id=msg.id))


def open_knowledge(db_path: Path | str) -> KnowledgeHub:
    """The knowledge service on the hub's database file (call on the hub's loop thread)."""
    return KnowledgeHub(KnowledgeStore(db_path))


def seed_demo_cards(db_path: Path | str) -> int:
    """Import the shipped sample cards into a hub database (idempotent); returns changes."""
    from homeseat.knowledge.importer import read_cards
    from homeseat.paths import resources_dir

    store = KnowledgeStore(db_path)
    try:
        return store.upsert(read_cards(resources_dir() / "knowledge" / "cards.jsonl").cards)
    finally:
        store.close()


def _for(card: Card, user: User) -> bool:
    """Whether ``user``'s copy may hold ``card`` (leads and admins get every card)."""
    return not card.audience or user.role != "agent" or user.team in card.audience
