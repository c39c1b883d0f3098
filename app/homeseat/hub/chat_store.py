"""Chat transcripts in the hub's SQLite database: conversations, numbered lines, routing events.

Runs on the hub's loop thread (the connection belongs to the thread that opened it). It opens its
own connection to the hub's database file, so the chat tables have their own schema version
(table ``chat_schema``) and migrate independently of the core schema. A line is stored once per
(conversation, sender side, message id): storing it again returns the first ``seq`` and
``duplicate=True``, which is what makes resends after a reconnect harmless.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

__all__ = ["CHAT_MIGRATIONS", "StoredLine", "StoredChat", "ChatStore", "token_digest"]

CHAT_MIGRATIONS: tuple[str, ...] = (
    # 1: conversations, lines and routing events.
    """
    CREATE TABLE chat_conversations (
        id TEXT PRIMARY KEY,
        team TEXT NOT NULL,
        customer TEXT NOT NULL,
        topic TEXT NOT NULL DEFAULT '',
        resume_hash TEXT NOT NULL UNIQUE,
        status TEXT NOT NULL CHECK (status IN ('queued', 'offered', 'active', 'closed')),
        agent_id INTEGER,
        created_at TEXT NOT NULL,
        closed_at TEXT,
        end_reason TEXT,
        wrap_up_code TEXT,
        last_seq INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX chat_open ON chat_conversations (status) WHERE status != 'closed';
    CREATE TABLE chat_lines (
        chat_id TEXT NOT NULL REFERENCES chat_conversations(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        msg_id TEXT NOT NULL,
        sender TEXT NOT NULL CHECK (sender IN ('customer', 'agent', 'system')),
        author TEXT NOT NULL,
        text TEXT NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (chat_id, seq),
        UNIQUE (chat_id, sender, msg_id)
    );
    CREATE TABLE chat_events (
        id INTEGER PRIMARY KEY,
        chat_id TEXT NOT NULL,
        at TEXT NOT NULL,
        kind TEXT NOT NULL,
        agent TEXT,
        detail TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX chat_events_chat ON chat_events (chat_id, id);
    """,
)


def token_digest(token: str) -> str:
    """What is stored of a customer's resume token (never the token itself)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _ts(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


@dataclass(frozen=True, slots=True)
class StoredLine:
    """One stored transcript line."""

    chat_id: str
    seq: int
    msg_id: str
    sender: str
    author: str
    text: str
    at: datetime


@dataclass(frozen=True, slots=True)
class StoredChat:
    """One stored conversation (without its lines)."""

    id: str
    team: str
    customer: str
    topic: str
    status: str
    agent_id: int | None
    created_at: datetime
    end_reason: str | None
    wrap_up_code: str | None
    last_seq: int


class ChatStore:
    """The chat tables. Use from the thread that created it only.

    Args:
        path: the hub's SQLite file, or ``":memory:"`` (then the chats live in memory only).
    """

    def __init__(self, path: Path | str) -> None:
        self._db = sqlite3.connect(str(path), isolation_level=None, timeout=5.0)
        self._db.row_factory = sqlite3.Row
        if str(path) != ":memory:":
            self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("PRAGMA foreign_keys=ON")
        self._migrate()

    def _migrate(self) -> None:
        self._db.execute("CREATE TABLE IF NOT EXISTS chat_schema (version INTEGER NOT NULL)")
        row = self._db.execute("SELECT version FROM chat_schema").fetchone()
        version = 0 if row is None else int(row[0])
        if version > len(CHAT_MIGRATIONS):
            raise RuntimeError(f"chat schema {version} is newer than this hub")
        for number in range(version, len(CHAT_MIGRATIONS)):
            self._db.executescript(
                f"BEGIN; {CHAT_MIGRATIONS[number]} DELETE FROM chat_schema; "
                f"INSERT INTO chat_schema VALUES ({number + 1}); COMMIT;"
            )

    def close(self) -> None:
        """Close the connection."""
        self._db.close()

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    # ------------------------------------------------------------------ conversations

    def create(
        self, chat_id: str, team: str, customer: str, topic: str, resume_token: str, at: datetime
    ) -> None:
        """Store a new queued conversation."""
        with self._tx() as db:
            db.execute(
                "INSERT INTO chat_conversations (id, team, customer, topic, resume_hash, status,"
                " created_at) VALUES (?, ?, ?, ?, ?, 'queued', ?)",
                (chat_id, team, customer, topic, token_digest(resume_token), _ts(at)),
            )
            self._event(db, chat_id, at, "created", None, team)

    def by_token(self, resume_token: str) -> StoredChat | None:
        """The conversation a resume token opens."""
        row = self._db.execute(
            "SELECT * FROM chat_conversations WHERE resume_hash = ?",
            (token_digest(resume_token),),
        ).fetchone()
        return None if row is None else self._chat(row)

    def chat(self, chat_id: str) -> StoredChat | None:
        """One conversation."""
        row = self._db.execute("SELECT * FROM chat_conversations WHERE id = ?", (chat_id,))
        found = row.fetchone()
        return None if found is None else self._chat(found)

    def open_chats(self) -> list[StoredChat]:
        """Conversations not closed, oldest first (reloaded when the hub starts)."""
        rows = self._db.execute(
            "SELECT * FROM chat_conversations WHERE status != 'closed' ORDER BY created_at"
        )
        return [self._chat(r) for r in rows]

    def set_status(
        self,
        chat_id: str,
        status: str,
        agent_id: int | None,
        at: datetime,
        *,
        event: str,
        agent: str | None = None,
        detail: str = "",
    ) -> None:
        """Move a conversation to ``status`` (with its agent) and log the routing event."""
        with self._tx() as db:
            db.execute(
                "UPDATE chat_conversations SET status = ?, agent_id = ? WHERE id = ?",
                (status, agent_id, chat_id),
            )
            self._event(db, chat_id, at, event, agent, detail)

    def close_chat(
        self, chat_id: str, at: datetime, reason: str, wrap_up_code: str | None, agent: str | None
    ) -> None:
        """Close a conversation (keeping the first reason; a later wrap-up code is kept)."""
        with self._tx() as db:
            db.execute(
                "UPDATE chat_conversations SET status = 'closed',"
                " closed_at = COALESCE(closed_at, ?), end_reason = COALESCE(end_reason, ?),"
                " wrap_up_code = COALESCE(?, wrap_up_code) WHERE id = ?",
                (_ts(at), reason, wrap_up_code, chat_id),
            )
            self._event(db, chat_id, at, "closed", agent, wrap_up_code or reason)

    def events(self, chat_id: str) -> list[tuple[str, str | None, str]]:
        """Routing events of a conversation: (kind, agent, detail), in order."""
        rows = self._db.execute(
            "SELECT kind, agent, detail FROM chat_events WHERE chat_id = ? ORDER BY id", (chat_id,)
        )
        return [(r["kind"], r["agent"], r["detail"]) for r in rows]

    # ------------------------------------------------------------------ lines

    def add_line(
        self, chat_id: str, sender: str, msg_id: str, author: str, text: str, at: datetime
    ) -> tuple[StoredLine, bool]:
        """Store a line once; returns (the stored line, duplicate)."""
        with self._tx() as db:
            old = db.execute(
                "SELECT * FROM chat_lines WHERE chat_id = ? AND sender = ? AND msg_id = ?",
                (chat_id, sender, msg_id),
            ).fetchone()
            if old is not None:
                return self._line(old), True
            seq = 1 + int(
                db.execute(
                    "SELECT last_seq FROM chat_conversations WHERE id = ?", (chat_id,)
                ).fetchone()[0]
            )
            db.execute(
                "INSERT INTO chat_lines (chat_id, seq, msg_id, sender, author, text, at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (chat_id, seq, msg_id, sender, author, text, _ts(at)),
            )
            db.execute("UPDATE chat_conversations SET last_seq = ? WHERE id = ?", (seq, chat_id))
        return StoredLine(chat_id, seq, msg_id, sender, author, text, at), False

    def lines(self, chat_id: str, after_seq: int = 0) -> list[StoredLine]:
        """Lines above ``after_seq``, in order."""
        rows = self._db.execute(
            "SELECT * FROM chat_lines WHERE chat_id = ? AND seq > ? ORDER BY seq",
            (chat_id, after_seq),
        )
        return [self._line(r) for r in rows]

    # ------------------------------------------------------------------ rows

    @staticmethod
    def _event(
        db: sqlite3.Connection,
        chat_id: str,
        at: datetime,
        kind: str,
        agent: str | None,
        detail: str,
    ) -> None:
        db.execute(
            "INSERT INTO chat_events (chat_id, at, kind, agent, detail) VALUES (?, ?, ?, ?, ?)",
            (chat_id, _ts(at), kind, agent, detail),
        )

    @staticmethod
    def _line(row: sqlite3.Row) -> StoredLine:
        return StoredLine(
            chat_id=row["chat_id"],
            seq=row["seq"],
            msg_id=row["msg_id"],
            sender=row["sender"],
            author=row["author"],
            text=row["text"],
            at=datetime.fromisoformat(row["at"]),
        )

    @staticmethod
    def _chat(row: sqlite3.Row) -> StoredChat:
        return StoredChat(
            id=row["id"],
            team=row["team"],
            customer=row["customer"],
            topic=row["topic"],
            status=row["status"],
            agent_id=row["agent_id"],
            created_at=datetime.fromisoformat(row["created_at"]),
            end_reason=row["end_reason"],
            wrap_up_code=row["wrap_up_code"],
            last_seq=row["last_seq"],
        )
