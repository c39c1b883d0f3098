"""The hub database's schema, one migration per version (``PRAGMA user_version``).

Data only; :class:`homeseat.hub.storage.Storage` applies the steps a database has not had yet.
Never edit a released step: add a new one.
"""

from __future__ import annotations

__all__ = ["MIGRATIONS", "SCHEMA_VERSION"]

MIGRATIONS: tuple[str, ...] = (
    # 1: the first schema.
    """
    CREATE TABLE users (
        id INTEGER PRIMARY KEY,
        username TEXT NOT NULL UNIQUE COLLATE NOCASE,
        display_name TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('agent', 'lead', 'admin')),
        team TEXT NOT NULL,
        disabled INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL
    );
    CREATE TABLE team_leads (
        lead_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        team TEXT NOT NULL,
        PRIMARY KEY (lead_id, team)
    );
    CREATE TABLE tokens (
        hash TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('access', 'refresh')),
        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        client_id TEXT NOT NULL,
        issued_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        revoked INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX tokens_user ON tokens (user_id, client_id);
    CREATE TABLE presence (
        user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
        state TEXT NOT NULL,
        reason TEXT,
        channel TEXT,
        since TEXT NOT NULL,
        connected INTEGER NOT NULL DEFAULT 0,
        last_seen TEXT,
        client_version TEXT
    );
    CREATE TABLE client_seq (
        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        client_id TEXT NOT NULL,
        last_seq INTEGER NOT NULL,
        PRIMARY KEY (user_id, client_id)
    );
    CREATE TABLE state_events (
        id INTEGER PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        client_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        state TEXT NOT NULL,
        reason TEXT,
        channel TEXT,
        wrap_up_code TEXT,
        at_client TEXT NOT NULL,
        at_hub TEXT NOT NULL,
        UNIQUE (user_id, client_id, seq)
    );
    CREATE TABLE audit (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT,
        action TEXT NOT NULL,
        target TEXT,
        detail TEXT NOT NULL DEFAULT '{}',
        peer TEXT
    );
    CREATE INDEX audit_action ON audit (action, id);
    """,
    # 2: supervision (per-team surge level 三级应急, permissions, call quality) and managed
    # configuration (published signed policies, each client's policy status).
    """
    CREATE TABLE surge (
        team TEXT PRIMARY KEY,
        level INTEGER NOT NULL CHECK (level BETWEEN 0 AND 3),
        message TEXT NOT NULL DEFAULT '',
        set_by TEXT NOT NULL DEFAULT '',
        since TEXT NOT NULL
    );
    CREATE TABLE permissions (
        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        permission TEXT NOT NULL,
        PRIMARY KEY (user_id, permission)
    );
    CREATE INDEX state_events_user_time ON state_events (user_id, at_hub);
    CREATE TABLE call_quality (
        id INTEGER PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        at TEXT NOT NULL,
        direction TEXT NOT NULL,
        seconds REAL NOT NULL,
        mos REAL,
        jitter_ms REAL,
        loss_percent REAL,
        rtt_ms REAL
    );
    CREATE INDEX call_quality_user ON call_quality (user_id, at);
    CREATE TABLE config_push (
        id INTEGER PRIMARY KEY,
        scope TEXT NOT NULL,
        serial INTEGER,
        envelope TEXT NOT NULL,
        published_by TEXT NOT NULL,
        published_at TEXT NOT NULL
    );
    CREATE TABLE config_status (
        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        client_id TEXT NOT NULL,
        status TEXT NOT NULL,
        healthy INTEGER NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (user_id, client_id)
    );
    """,
)
#: The schema version this hub writes.
SCHEMA_VERSION = len(MIGRATIONS)
