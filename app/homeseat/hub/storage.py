"""The hub's SQLite database: users, team leads, tokens, presence, applied reports and audit.

One connection, owned by the thread that created it (the hub's loop thread, or the CLI's main
thread): sqlite3 enforces that. Calls are short local transactions (WAL, synchronous=NORMAL), quick
enough to run on the loop. Tokens are stored only as SHA-256 digests; passwords only as argon2
hashes. The schema is versioned with ``PRAGMA user_version`` and migrated on open.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

from homeseat.core.agent_state import AgentState
from homeseat.hub.records import (
    ROLES,
    AuditEntry,
    PresenceRow,
    Role,
    StateEventRow,
    StorageError,
    SurgeRow,
    TokenKind,
    TokenRow,
    UnknownUser,
    User,
    UserExists,
)
from homeseat.hub.schema import MIGRATIONS, SCHEMA_VERSION
from homeseat.protocol.supervision import CallQuality

__all__ = [
    "SCHEMA_VERSION",
    "ROLES",
    "Role",
    "TokenKind",
    "StorageError",
    "UserExists",
    "UnknownUser",
    "User",
    "PresenceRow",
    "TokenRow",
    "StateEventRow",
    "AuditEntry",
    "SurgeRow",
    "Storage",
]


#: What the protocol accepts as a user name at sign-in.
_USERNAME = re.compile(r"^[A-Za-z0-9_.@-]{1,64}$")


def _ts(moment: datetime) -> str:
    """A UTC timestamp as fixed-width ISO text, so text order is time order."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def _dt(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


def _now() -> datetime:
    return datetime.now(UTC)


class Storage:
    """The hub's database. Use from the thread that created it only.

    Args:
        path: SQLite file (its folder must exist) or ``":memory:"``.
    """

    def __init__(self, path: Path | str) -> None:
        self._path = str(path)
        self._db = sqlite3.connect(self._path, isolation_level=None, timeout=5.0)
        self._db.row_factory = sqlite3.Row
        if self._path != ":memory:":
            self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("PRAGMA foreign_keys=ON")
        self._migrate()

    # ------------------------------------------------------------------ lifecycle

    def _migrate(self) -> None:
        version = int(self._db.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            raise StorageError(
                f"database schema {version} is newer than this hub ({SCHEMA_VERSION})"
            )
        for number in range(version, SCHEMA_VERSION):
            # executescript commits on its own; the version bump follows each step.
            self._db.executescript(
                f"BEGIN; {MIGRATIONS[number]} PRAGMA user_version = {number + 1}; COMMIT;"
            )

    @property
    def path(self) -> str:
        """The database file (or ``":memory:"``)."""
        return self._path

    def close(self) -> None:
        """Checkpoint the WAL into the main file and close."""
        try:
            if self._path != ":memory:":
                self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
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

    def transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        """A write transaction on this database, for the hub's feature stores that keep their
        tables here (same thread; their tables come with this schema's migrations)."""
        return self._tx()

    def read(self, sql: str, args: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        """Rows of one query (same thread), for the hub's feature stores."""
        return self._db.execute(sql, args).fetchall()

    # ------------------------------------------------------------------ users

    @staticmethod
    def _user(row: sqlite3.Row) -> User:
        return User(
            id=row["id"],
            username=row["username"],
            display_name=row["display_name"],
            role=cast(Role, row["role"]),
            team=row["team"],
            disabled=bool(row["disabled"]),
            created_at=datetime.fromisoformat(row["created_at"]),
            password_hash=row["password_hash"],
        )

    def add_user(
        self,
        username: str,
        *,
        display_name: str,
        password_hash: str,
        role: Role,
        team: str,
        actor: str | None = None,
    ) -> User:
        """Create an account (and audit it); raises :class:`UserExists`."""
        if role not in ROLES:
            raise StorageError(f"unknown role {role!r}; use one of {', '.join(ROLES)}")
        if not _USERNAME.match(username):
            raise StorageError(f"invalid user name {username!r}: use 1-64 of A-Z a-z 0-9 _ . @ -")
        try:
            with self._tx() as db:
                cur = db.execute(
                    "INSERT INTO users (username, display_name, password_hash, role, team, "
                    "created_at) VALUES (?, ?, ?, ?, ?, ?)",
                    (username, display_name, password_hash, role, team, _ts(_now())),
                )
                self._audit(db, actor, "user.add", username, {"role": role, "team": team})
        except sqlite3.IntegrityError:
            raise UserExists(f"user {username!r} already exists") from None
        user = self.user_by_id(int(cast(int, cur.lastrowid)))
        assert user is not None
        return user

    def user(self, username: str) -> User | None:
        """The account named ``username`` (without regard to case), or None."""
        row = self._db.execute("SELECT * FROM users WHERE username = ?", (username,)).fetchone()
        return None if row is None else self._user(row)

    def user_by_id(self, user_id: int) -> User | None:
        """The account with this id, or None."""
        row = self._db.execute("SELECT * FROM users WHERE id = ?", (user_id,)).fetchone()
        return None if row is None else self._user(row)

    def users(self) -> list[User]:
        """All accounts, by team then name."""
        rows = self._db.execute("SELECT * FROM users ORDER BY team, username").fetchall()
        return [self._user(r) for r in rows]

    def agents(self, teams: Iterable[str] | None) -> list[User]:
        """Enabled agents of ``teams`` (all teams when None), by team then name."""
        query = "SELECT * FROM users WHERE role = 'agent' AND disabled = 0"
        args: tuple[str, ...] = ()
        if teams is not None:
            args = tuple(teams)
            query += f" AND team IN ({', '.join('?' * len(args))})" if args else " AND 0"
        rows = self._db.execute(query + " ORDER BY team, username", args).fetchall()
        return [self._user(r) for r in rows]

    def set_disabled(self, username: str, disabled: bool, *, actor: str | None = None) -> User:
        """Disable or enable an account (and audit it); raises :class:`UnknownUser`."""
        with self._tx() as db:
            cur = db.execute(
                "UPDATE users SET disabled = ? WHERE username = ?", (int(disabled), username)
            )
            if cur.rowcount == 0:
                raise UnknownUser(f"no user {username!r}")
            action = "user.disable" if disabled else "user.enable"
            self._audit(db, actor, action, username, {})
        user = self.user(username)
        assert user is not None
        return user

    def set_password_hash(self, user_id: int, password_hash: str) -> None:
        """Replace a password hash (after a parameter upgrade or a password change)."""
        with self._tx() as db:
            db.execute("UPDATE users SET password_hash = ? WHERE id = ?", (password_hash, user_id))

    def add_lead_team(self, username: str, team: str, *, actor: str | None = None) -> None:
        """Let a lead (or admin) lead ``team`` too; raises :class:`UnknownUser`/StorageError."""
        user = self.user(username)
        if user is None:
            raise UnknownUser(f"no user {username!r}")
        if user.role == "agent":
            raise StorageError(f"{username!r} is an agent; only leads and admins lead teams")
        with self._tx() as db:
            db.execute(
                "INSERT OR IGNORE INTO team_leads (lead_id, team) VALUES (?, ?)", (user.id, team)
            )
            self._audit(db, actor, "user.lead_team", username, {"team": team})

    def lead_teams(self, user: User) -> frozenset[str]:
        """The teams ``user`` leads: always their own, plus any added ones."""
        rows = self._db.execute("SELECT team FROM team_leads WHERE lead_id = ?", (user.id,))
        return frozenset({user.team, *(r["team"] for r in rows)})

    # ------------------------------------------------------------------ tokens

    def add_token(
        self,
        digest: str,
        *,
        kind: TokenKind,
        user_id: int,
        client_id: str,
        issued_at: datetime,
        expires_at: datetime,
    ) -> None:
        """Store a token's digest."""
        with self._tx() as db:
            db.execute(
                "INSERT INTO tokens (hash, kind, user_id, client_id, issued_at, expires_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (digest, kind, user_id, client_id, _ts(issued_at), _ts(expires_at)),
            )

    def token(self, digest: str) -> TokenRow | None:
        """The token with this digest, or None."""
        row = self._db.execute("SELECT * FROM tokens WHERE hash = ?", (digest,)).fetchone()
        if row is None:
            return None
        return TokenRow(
            kind=cast(TokenKind, row["kind"]),
            user_id=row["user_id"],
            client_id=row["client_id"],
            expires_at=datetime.fromisoformat(row["expires_at"]),
            revoked=bool(row["revoked"]),
        )

    def revoke_token(self, digest: str) -> bool:
        """Revoke one token; True when it was live."""
        with self._tx() as db:
            cur = db.execute(
                "UPDATE tokens SET revoked = 1 WHERE hash = ? AND revoked = 0", (digest,)
            )
        return cur.rowcount > 0

    def revoke_tokens(self, user_id: int, client_id: str | None = None) -> int:
        """Revoke a user's tokens (of one installation when ``client_id`` is given)."""
        query = "UPDATE tokens SET revoked = 1 WHERE user_id = ? AND revoked = 0"
        args: tuple[Any, ...] = (user_id,)
        if client_id is not None:
            query += " AND client_id = ?"
            args = (user_id, client_id)
        with self._tx() as db:
            cur = db.execute(query, args)
        return cur.rowcount

    def purge_tokens(self, before: datetime) -> int:
        """Delete tokens that expired before ``before``."""
        with self._tx() as db:
            cur = db.execute("DELETE FROM tokens WHERE expires_at < ?", (_ts(before),))
        return cur.rowcount

    # ------------------------------------------------------------------ presence & reports

    @staticmethod
    def _presence(row: sqlite3.Row) -> PresenceRow:
        return PresenceRow(
            user_id=row["user_id"],
            state=AgentState(row["state"]),
            reason=row["reason"],
            channel=row["channel"],
            since=datetime.fromisoformat(row["since"]),
            connected=bool(row["connected"]),
            last_seen=_dt(row["last_seen"]),
            client_version=row["client_version"],
        )

    def presence(self, user_id: int) -> PresenceRow | None:
        """A user's stored presence, or None if they never signed in."""
        row = self._db.execute("SELECT * FROM presence WHERE user_id = ?", (user_id,)).fetchone()
        return None if row is None else self._presence(row)

    def all_presence(self) -> list[PresenceRow]:
        """Every stored presence."""
        return [self._presence(r) for r in self._db.execute("SELECT * FROM presence")]

    @staticmethod
    def _save_presence(db: sqlite3.Connection, p: PresenceRow) -> None:
        db.execute(
            "INSERT OR REPLACE INTO presence (user_id, state, reason, channel, since, connected, "
            "last_seen, client_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                p.user_id,
                p.state.value,
                p.reason,
                p.channel,
                _ts(p.since),
                int(p.connected),
                None if p.last_seen is None else _ts(p.last_seen),
                p.client_version,
            ),
        )

    def save_presence(self, presences: Iterable[PresenceRow]) -> None:
        """Store presences (one transaction)."""
        with self._tx() as db:
            for p in presences:
                self._save_presence(db, p)

    def last_seq(self, user_id: int, client_id: str) -> int:
        """The highest report sequence applied for this user and installation (0: none)."""
        row = self._db.execute(
            "SELECT last_seq FROM client_seq WHERE user_id = ? AND client_id = ?",
            (user_id, client_id),
        ).fetchone()
        return 0 if row is None else int(row["last_seq"])

    def apply_report(
        self, event: StateEventRow, presence: PresenceRow, *, actor: str, peer: str | None
    ) -> bool:
        """Apply a state report exactly once, atomically.

        The report, the new presence, the installation's sequence and the audit record are
        written together, and only when ``event.seq`` is above the stored ``last_seq``.

        Returns:
            True when applied, False when it was a duplicate (nothing written).
        """
        with self._tx() as db:
            row = db.execute(
                "SELECT last_seq FROM client_seq WHERE user_id = ? AND client_id = ?",
                (event.user_id, event.client_id),
            ).fetchone()
            if row is not None and event.seq <= int(row["last_seq"]):
                return False
            db.execute(
                "INSERT INTO state_events (user_id, client_id, seq, state, reason, channel, "
                "wrap_up_code, at_client, at_hub) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    event.user_id,
                    event.client_id,
                    event.seq,
                    event.state.value,
                    event.reason,
                    event.channel,
                    event.wrap_up_code,
                    _ts(event.at_client),
                    _ts(event.at_hub),
                ),
            )
            db.execute(
                "INSERT OR REPLACE INTO client_seq (user_id, client_id, last_seq) VALUES (?, ?, ?)",
                (event.user_id, event.client_id, event.seq),
            )
            self._save_presence(db, presence)
            detail = {"seq": event.seq, "state": event.state.value, "client_id": event.client_id}
            if event.reason:
                detail["reason"] = event.reason
            self._audit(db, actor, "state", actor, detail, peer, event.at_hub)
        return True

    def state_events(self, user_id: int) -> list[StateEventRow]:
        """A user's applied reports, oldest first."""
        rows = self._db.execute(
            "SELECT * FROM state_events WHERE user_id = ? ORDER BY id", (user_id,)
        ).fetchall()
        return [self._event(r) for r in rows]

    @staticmethod
    def _event(r: sqlite3.Row) -> StateEventRow:
        return StateEventRow(
            user_id=r["user_id"],
            client_id=r["client_id"],
            seq=r["seq"],
            state=AgentState(r["state"]),
            reason=r["reason"],
            channel=r["channel"],
            wrap_up_code=r["wrap_up_code"],
            at_client=datetime.fromisoformat(r["at_client"]),
            at_hub=datetime.fromisoformat(r["at_hub"]),
        )

    def state_events_since(
        self, user_id: int, since: datetime
    ) -> tuple[StateEventRow | None, list[StateEventRow]]:
        """The report in force at ``since`` (or None) and the reports after it, oldest first."""
        rows = self._db.execute(
            "SELECT * FROM state_events WHERE user_id = ? AND at_hub < ? ORDER BY at_hub DESC, "
            "id DESC LIMIT 1",
            (user_id, _ts(since)),
        ).fetchall()
        before = self._event(rows[0]) if rows else None
        rows = self._db.execute(
            "SELECT * FROM state_events WHERE user_id = ? AND at_hub >= ? ORDER BY at_hub, id",
            (user_id, _ts(since)),
        ).fetchall()
        return before, [self._event(r) for r in rows]

    # ------------------------------------------------------------------ supervision

    def surge_levels(self) -> dict[str, SurgeRow]:
        """Every team's surge level that was ever set."""
        rows = self._db.execute("SELECT * FROM surge").fetchall()
        return {
            r["team"]: SurgeRow(
                r["team"], r["level"], r["message"], r["set_by"], datetime.fromisoformat(r["since"])
            )
            for r in rows
        }

    def set_surge(self, row: SurgeRow, *, actor: str, peer: str | None = None) -> None:
        """Set a team's surge level (and audit it)."""
        with self._tx() as db:
            db.execute(
                "INSERT OR REPLACE INTO surge (team, level, message, set_by, since) "
                "VALUES (?, ?, ?, ?, ?)",
                (row.team, row.level, row.message, row.set_by, _ts(row.since)),
            )
            detail = {"level": row.level, "message": row.message}
            self._audit(db, actor, "surge.set", row.team, detail, peer)

    def permissions(self, user_id: int) -> frozenset[str]:
        """What ``user_id`` was granted beyond their role (e.g. ``surge``)."""
        rows = self._db.execute("SELECT permission FROM permissions WHERE user_id = ?", (user_id,))
        return frozenset(r["permission"] for r in rows)

    def grant(self, username: str, permission: str, *, actor: str | None = None) -> None:
        """Grant ``permission`` to a user (idempotent; audited)."""
        user = self.user(username)
        if user is None:
            raise UnknownUser(f"no user {username!r}")
        with self._tx() as db:
            db.execute("INSERT OR IGNORE INTO permissions VALUES (?, ?)", (user.id, permission))
            self._audit(db, actor, "permission.grant", username, {"permission": permission})

    def add_call_quality(self, user_id: int, call: CallQuality) -> None:
        """Keep one finished call's line quality (no numbers: nothing about the customer)."""
        with self._tx() as db:
            db.execute(
                "INSERT INTO call_quality (user_id, at, direction, seconds, mos, jitter_ms, "
                "loss_percent, rtt_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    user_id,
                    _ts(call.at),
                    call.direction,
                    call.seconds,
                    call.mos,
                    call.jitter_ms,
                    call.loss_percent,
                    call.rtt_ms,
                ),
            )

    def call_quality_since(self, user_id: int, since: datetime, limit: int) -> list[CallQuality]:
        """The latest ``limit`` calls of a user since ``since``, oldest first."""
        rows = self._db.execute(
            "SELECT * FROM call_quality WHERE user_id = ? AND at >= ? ORDER BY at DESC LIMIT ?",
            (user_id, _ts(since), limit),
        ).fetchall()
        return [
            CallQuality(
                at=datetime.fromisoformat(r["at"]),
                direction=r["direction"],
                seconds=r["seconds"],
                mos=r["mos"],
                jitter_ms=r["jitter_ms"],
                loss_percent=r["loss_percent"],
                rtt_ms=r["rtt_ms"],
            )
            for r in reversed(rows)
        ]

    # ------------------------------------------------------------------ audit

    @staticmethod
    def _audit(
        db: sqlite3.Connection,
        actor: str | None,
        action: str,
        target: str | None,
        detail: Mapping[str, Any],
        peer: str | None = None,
        at: datetime | None = None,
    ) -> None:
        db.execute(
            "INSERT INTO audit (at, actor, action, target, detail, peer) VALUES (?, ?, ?, ?, ?, ?)",
            (
                _ts(at or _now()),
                actor,
                action,
                target,
                json.dumps(dict(detail), ensure_ascii=False, sort_keys=True),
                peer,
            ),
        )

    def audit(
        self,
        action: str,
        *,
        actor: str | None = None,
        target: str | None = None,
        detail: Mapping[str, Any] | None = None,
        peer: str | None = None,
    ) -> None:
        """Record an audit entry. Callers never put passwords or tokens in ``detail``."""
        with self._tx() as db:
            self._audit(db, actor, action, target, detail or {}, peer)

    def audit_entries(self, action: str | None = None, limit: int = 1000) -> list[AuditEntry]:
        """The latest audit entries (of one action when given), oldest first."""
        query = "SELECT * FROM audit"
        args: tuple[Any, ...] = ()
        if action is not None:
            query += " WHERE action = ?"
            args = (action,)
        rows = self._db.execute(query + " ORDER BY id DESC LIMIT ?", (*args, limit)).fetchall()
        return [
            AuditEntry(
                id=r["id"],
                at=datetime.fromisoformat(r["at"]),
                actor=r["actor"],
                action=r["action"],
                target=r["target"],
                detail=json.loads(r["detail"]),
                peer=r["peer"],
            )
            for r in reversed(rows)
        ]
