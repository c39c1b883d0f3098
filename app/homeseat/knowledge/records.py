"""The knowledge store's schema and row types (data only; see :mod:`homeseat.knowledge.store`).

Never edit a released migration step: add a new one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

__all__ = ["MIGRATIONS", "Removal", "Event", "Usage", "ts", "parse_ts"]

MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE kb_cards (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        script TEXT NOT NULL,
        short_script TEXT NOT NULL,
        tags TEXT NOT NULL,
        scenario TEXT NOT NULL,
        audience TEXT NOT NULL,
        valid_from TEXT,
        valid_to TEXT,
        lang TEXT NOT NULL,
        version INTEGER NOT NULL,
        updated_at TEXT,
        deleted INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX kb_cards_version ON kb_cards (version);
    CREATE VIRTUAL TABLE kb_fts USING fts5(
        title, tags, script, body, tokenize = 'unicode61', prefix = '1 2'
    );
    CREATE VIRTUAL TABLE kb_vocab USING fts5vocab(kb_fts, 'row');
    CREATE TABLE kb_pins (
        card_id TEXT PRIMARY KEY,
        position INTEGER NOT NULL,
        pinned_by TEXT NOT NULL DEFAULT '',
        pinned_at TEXT NOT NULL
    );
    CREATE TABLE kb_events (
        id INTEGER PRIMARY KEY,
        card_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        username TEXT NOT NULL DEFAULT '',
        at TEXT NOT NULL,
        context TEXT NOT NULL DEFAULT '',
        client_ref TEXT,
        sent INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX kb_events_card ON kb_events (card_id, kind);
    CREATE UNIQUE INDEX kb_events_ref ON kb_events (username, client_ref);
    """,
)


def ts(moment: datetime | None) -> str | None:
    """A UTC timestamp as fixed-width ISO text (text order is time order)."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def parse_ts(text: str | None) -> datetime | None:
    """The inverse of :func:`ts`."""
    return None if text is None else datetime.fromisoformat(text)


@dataclass(frozen=True, slots=True)
class Removal:
    """A card deleted at ``version`` (a tombstone in a delta)."""

    id: str
    version: int


@dataclass(frozen=True, slots=True)
class Event:
    """A feedback or usage event about a card."""

    id: int
    card_id: str
    kind: str  # helpful | not_helpful | used
    username: str
    at: datetime
    context: str


@dataclass(frozen=True, slots=True)
class Usage:
    """How a card was used and judged (the hub's per-card report)."""

    card_id: str
    title: str
    used: int
    helpful: int
    not_helpful: int
