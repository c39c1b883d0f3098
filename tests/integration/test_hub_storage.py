"""The hub's SQLite storage and the dev certificates, on real files."""

from __future__ import annotations

import sqlite3
import ssl
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509

from homeseat.core.agent_state import AgentState
from homeseat.devcerts import DevCerts, make_dev_certs
from homeseat.hub.storage import (
    SCHEMA_VERSION,
    PresenceRow,
    StateEventRow,
    Storage,
    StorageError,
    UserExists,
)


def test_schema_is_versioned_and_a_newer_one_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "hub.sqlite3"
    Storage(path).close()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(StorageError, match="newer"):
        Storage(path)


def test_users_tokens_and_reports(tmp_path: Path) -> None:
    storage = Storage(tmp_path / "hub.sqlite3")
    try:
        lead = storage.add_user(
            "Lead9", display_name="L", password_hash="h", role="lead", team="t1"
        )
        assert "h" not in repr(lead)  # the hash stays out of reprs (and so of logs)
        with pytest.raises(UserExists):
            storage.add_user("lead9", display_name="x", password_hash="h", role="agent", team="t")
        with pytest.raises(StorageError, match="invalid user name"):
            storage.add_user("a b", display_name="x", password_hash="h", role="agent", team="t")
        agent = storage.add_user("a1", display_name="A", password_hash="h", role="agent", team="t2")
        storage.add_lead_team("LEAD9", "t2")
        assert storage.lead_teams(lead) == {"t1", "t2"}
        assert [u.username for u in storage.agents({"t2"})] == ["a1"]
        assert storage.agents(set()) == []

        now = datetime.now(UTC)
        storage.add_token(
            "d1", kind="refresh", user_id=agent.id, client_id="c1", issued_at=now,
            expires_at=now - timedelta(seconds=1),
        )  # fmt: skip
        storage.add_token(
            "d2", kind="access", user_id=agent.id, client_id="c2", issued_at=now,
            expires_at=now + timedelta(hours=1),
        )  # fmt: skip
        assert storage.revoke_tokens(agent.id, "c2") == 1
        token = storage.token("d2")
        assert token is not None
        assert token.revoked
        assert storage.purge_tokens(now) == 1
        assert storage.token("d1") is None

        presence = PresenceRow(agent.id, AgentState.READY, None, None, now, True, now, "v")
        event = StateEventRow(agent.id, "c1", 5, AgentState.READY, None, None, None, now, now)
        assert storage.apply_report(event, presence, actor="a1", peer="127.0.0.1")
        assert not storage.apply_report(event, presence, actor="a1", peer="127.0.0.1")
        assert storage.last_seq(agent.id, "c1") == 5
        assert storage.last_seq(agent.id, "other") == 0
        assert storage.presence(agent.id) == presence
        assert len(storage.audit_entries("state")) == 1
    finally:
        storage.close()


def test_dev_certs_verify_as_production_would(tmp_path: Path) -> None:
    certs = make_dev_certs(tmp_path / "certs")
    assert isinstance(certs, DevCerts)
    assert stat.S_IMODE(certs.key_file.stat().st_mode) == 0o600
    cert = x509.load_pem_x509_certificate(certs.cert_file.read_bytes())
    san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert sorted(map(str, san.get_values_for_type(x509.IPAddress))) == ["127.0.0.1", "::1"]
    assert san.get_values_for_type(x509.DNSName) == ["localhost"]
    assert certs.client_context().verify_mode is ssl.CERT_REQUIRED
    assert certs.server_context() is not None
    assert not (tmp_path / "certs" / "ca-key.pem").exists()  # the CA key is never written
