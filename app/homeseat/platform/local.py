"""The client's small local store: installation id and the state outbox (SQLite).

It holds no customer data and no secrets: only this installation's id and agent-state
transitions not yet acknowledged by the hub. Used from the event-loop thread only.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import uuid
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import platformdirs

from homeseat.core.agent_state import AgentState
from homeseat.core.outbox import Outbox, OutboxEntry

__all__ = ["ClientStore", "open_client_store", "default_data_dir"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS outbox (seq INTEGER PRIMARY KEY, entry TEXT NOT NULL);
"""


def default_data_dir() -> Path:
    """Per-user data folder (e.g. ~/.local/share/HomeSeat)."""
    return Path(platformdirs.user_data_dir("HomeSeat", appauthor=False))


class ClientStore:
    """SQLite-backed installation id and outbox persistence."""

    def __init__(self, path: Path | str) -> None:
        self._path = str(path)
        self._db = sqlite3.connect(self._path, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")  # a transition must survive a power cut
        self._db.executescript(_SCHEMA)
        row = self._db.execute("SELECT value FROM meta WHERE key='client_id'").fetchone()
        if row is None:
            self.client_id = uuid.uuid4().hex
            self._db.execute("INSERT INTO meta VALUES ('client_id', ?)", (self.client_id,))
        else:
            self.client_id = str(row[0])

    @property
    def path(self) -> str:
        """The SQLite file (or ``:memory:``); other local stores live next to it."""
        return self._path

    def outbox(self) -> Outbox:
        """An outbox persisted in this store."""
        return Outbox(self)

    # -- OutboxStore ----------------------------------------------------------------------------

    def load(self) -> tuple[int, list[OutboxEntry]]:
        """Return (next sequence number, pending entries in order)."""
        row = self._db.execute("SELECT value FROM meta WHERE key='next_seq'").fetchone()
        next_seq = int(row[0]) if row else 1
        entries = [
            _decode(seq, text)
            for seq, text in self._db.execute("SELECT seq, entry FROM outbox ORDER BY seq")
        ]
        return next_seq, entries

    def append(self, entry: OutboxEntry, next_seq: int) -> None:
        """Persist ``entry`` and the next sequence number in one transaction."""
        with self._tx():
            self._db.execute("INSERT INTO outbox VALUES (?, ?)", (entry.seq, _encode(entry)))
            self._set_next(next_seq)

    def remove_through(self, seq: int, next_seq: int) -> None:
        """Drop acknowledged entries and persist the next sequence number."""
        with self._tx():
            self._db.execute("DELETE FROM outbox WHERE seq <= ?", (seq,))
            self._set_next(next_seq)

    def close(self) -> None:
        """Close the database; the store is unusable afterwards."""
        self._db.close()

    def _set_next(self, next_seq: int) -> None:
        self._db.execute(
            "INSERT INTO meta VALUES ('next_seq', ?) "
            "ON CONFLICT(key) DO UPDATE SET value=excluded.value",
            (str(next_seq),),
        )

    @contextlib.contextmanager
    def _tx(self) -> Iterator[None]:
        # Autocommit connection: each write group gets an explicit transaction.
        self._db.execute("BEGIN")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")


def _encode(entry: OutboxEntry) -> str:
    return json.dumps(
        {
            "state": entry.state.value,
            "reason": entry.reason,
            "channel": entry.channel,
            "wrap_up_code": entry.wrap_up_code,
            "at": entry.at.isoformat(),
        }
    )


def _decode(seq: int, text: str) -> OutboxEntry:
    data = json.loads(text)
    return OutboxEntry(
        seq=seq,
        state=AgentState(data["state"]),
        reason=data["reason"],
        channel=data["channel"],
        wrap_up_code=data["wrap_up_code"],
        at=datetime.fromisoformat(data["at"]),
    )


def open_client_store(path: Path | None = None) -> ClientStore:
    """Open (creating if needed) the store at ``path`` or in the user data folder."""
    if path is None:
        folder = default_data_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "client.sqlite3"
    return ClientStore(path)
