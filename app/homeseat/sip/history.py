"""Call history in SQLite: one row per ended call, with its line quality.

Numbers are stored as dialled (redial needs them; the file lives in the agent's private data
folder) and masked only where they are shown. Used from one thread (the GUI thread in the
app); the connection is opened with ``check_same_thread`` left on so misuse fails loudly.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from homeseat.core.calls import Call, Direction, EndReason
from homeseat.core.quality import QualityScore

__all__ = ["HistoryEntry", "CallHistory"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS call_history (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    call_id TEXT NOT NULL,
    account_id TEXT NOT NULL,
    direction TEXT NOT NULL,
    remote TEXT NOT NULL,
    ended_at TEXT NOT NULL,
    talk_seconds REAL NOT NULL,
    end_reason TEXT NOT NULL,
    end_code INTEGER,
    mos REAL,
    jitter_ms REAL,
    loss_percent REAL,
    rtt_ms REAL,
    codec TEXT
);
CREATE INDEX IF NOT EXISTS call_history_ended ON call_history (ended_at);
"""


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One ended call as stored."""

    call_id: str
    account_id: str
    direction: Direction
    remote: str
    ended_at: datetime
    talk_seconds: float
    end_reason: EndReason
    end_code: int | None
    mos: float | None
    codec: str | None


class CallHistory:
    """The history file; :meth:`close` it when done."""

    def __init__(self, path: Path | str, *, keep: int = 1000) -> None:
        """Open (or create) ``path``; ``":memory:"`` for a throwaway history."""
        self._db = sqlite3.connect(str(path))
        self._db.executescript(_SCHEMA)
        self._keep = keep
        self._closed = False

    @property
    def closed(self) -> bool:
        """True after :meth:`close`."""
        return self._closed

    def close(self) -> None:
        """Close the file (a view may still ask for :meth:`recent`: it then gets nothing)."""
        self._closed = True
        self._db.close()

    def record(self, call: Call, ended_at: datetime, quality: QualityScore | None) -> None:
        """Store an ended call (and drop the oldest rows beyond ``keep``)."""
        if call.end_reason is None:
            raise ValueError(f"call {call.call_id} has not ended")
        ended = call.ended_at if call.ended_at is not None else call.started_at
        with self._db:
            self._db.execute(
                "INSERT INTO call_history (call_id, account_id, direction, remote, ended_at,"
                " talk_seconds, end_reason, end_code, mos, jitter_ms, loss_percent, rtt_ms, codec)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    call.call_id,
                    call.account_id,
                    call.direction.value,
                    call.remote,
                    ended_at.isoformat(),
                    call.talk_seconds(ended),
                    call.end_reason.value,
                    call.end_code,
                    quality.mos if quality else None,
                    quality.jitter_ms if quality else None,
                    quality.loss_percent if quality else None,
                    quality.rtt_ms if quality else None,
                    quality.codec if quality else None,
                ),
            )
            self._db.execute(
                "DELETE FROM call_history WHERE id NOT IN"
                " (SELECT id FROM call_history ORDER BY id DESC LIMIT ?)",
                (self._keep,),
            )

    def recent(self, limit: int = 50) -> list[HistoryEntry]:
        """The newest ``limit`` calls, newest first (none once the history is closed)."""
        if self._closed:
            return []
        rows = self._db.execute(
            "SELECT call_id, account_id, direction, remote, ended_at, talk_seconds, end_reason,"
            " end_code, mos, codec FROM call_history ORDER BY id DESC LIMIT ?",
            (limit,),
        ).fetchall()
        return [
            HistoryEntry(
                call_id=r[0],
                account_id=r[1],
                direction=Direction(r[2]),
                remote=r[3],
                ended_at=datetime.fromisoformat(r[4]),
                talk_seconds=float(r[5]),
                end_reason=EndReason(r[6]),
                end_code=r[7],
                mos=r[8],
                codec=r[9],
            )
            for r in rows
        ]
