"""Signed policies through the real hub to real clients, and what IT reads back at the hub.

IT publishes with ``homeseat-hub config publish`` (run in a subprocess, as IT would, while the
hub runs); the client's real ConfigService verifies and applies or refuses; its status report
comes back to the hub's database, where ``homeseat-hub config status`` shows it.
"""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from tests.helpers import HubFactory
from tests.sessions import make_session, wait_for

from homeseat.config.paths import ConfigPaths
from homeseat.config.service import ConfigService
from homeseat.config.signing import generate_private_key, public_key_text, sign_policy
from homeseat.devcerts import DevCerts
from homeseat.hub import HubServer
from homeseat.hub.config_push import client_statuses
from homeseat.hub.demo import DEMO_PASSWORD
from homeseat.platform.config_sync import ConfigSync
from homeseat.platform.session import PlatformSession


def _policy(serial: int, capacity: int) -> bytes:
    body = {"schema": 1, "serial": serial, "defaults": {"chat": {"capacity": capacity}}}
    return json.dumps(body).encode()


def _hub_cli(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(Path(sys.executable).parent / "homeseat-hub"), *args, "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def _envelope(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.fixture
def key() -> Ed25519PrivateKey:
    return generate_private_key()


def _client(tmp_path: Path, key: Ed25519PrivateKey, name: str) -> ConfigService:
    folder = tmp_path / name
    folder.mkdir()
    paths = ConfigPaths(folder / "policy.json", folder / "settings.json", folder / "state")
    managed = {"schema": 1, "serial": 1, "signing_key": public_key_text(key)}
    paths.managed.write_text(json.dumps(managed), encoding="utf-8")
    service = ConfigService(paths)
    service.load()
    return service


async def _signed_in(
    hub: HubServer, certs: DevCerts, service: ConfigService, user: str
) -> tuple[PlatformSession, ConfigSync]:
    session, _ = make_session(hub.url, certs.ca_file)
    sync = ConfigSync(session, service)
    await session.sign_in(user, DEMO_PASSWORD)
    return session, sync


def _status_of(hub: HubServer, user: str) -> dict[str, object] | None:
    for row in client_statuses(hub.storage):
        if row.username == user:
            return row.status
    return None


async def test_published_policy_reaches_running_clients_and_it_sees_their_status(
    make_hub: HubFactory, certs: DevCerts, demo_db: Path, tmp_path: Path, key: Ed25519PrivateKey
) -> None:
    hub = await make_hub(config_poll_seconds=0.1)
    alpha = _client(tmp_path, key, "alpha")
    beta = _client(tmp_path, key, "beta")
    a_session, _ = await _signed_in(hub, certs, alpha, "agent1")
    b_session, _ = await _signed_in(hub, certs, beta, "agent9")
    try:
        await wait_for(lambda: _status_of(hub, "agent1") is not None, what="the first report")
        assert alpha.settings.chat.capacity == 3

        envelope = sign_policy(_policy(5, capacity=5), key).to_bytes()
        done = _hub_cli(demo_db, "config", "publish", str(_envelope(tmp_path, "p5.json", envelope)))
        assert done.returncode == 0, done.stderr
        assert "serial 5 for everyone" in done.stdout
        await wait_for(lambda: alpha.settings.chat.capacity == 5, what="the push at alpha")
        await wait_for(lambda: beta.settings.chat.capacity == 5, what="the push at beta")

        def pushed_ok(user: str) -> bool:
            status = _status_of(hub, user)
            push = status.get("last_push") if status else None
            return isinstance(push, dict) and push.get("serial") == 5 and bool(push["accepted"])

        await wait_for(lambda: pushed_ok("agent1"), what="alpha's status at the hub")

        # A policy for team beta only, then a tampered one for everyone.
        beta_only = sign_policy(_policy(6, capacity=1), key).to_bytes()
        path = _envelope(tmp_path, "p6.json", beta_only)
        assert _hub_cli(demo_db, "config", "publish", str(path), "--team", "beta").returncode == 0
        await wait_for(lambda: beta.settings.chat.capacity == 1, what="beta's team push")
        assert alpha.settings.chat.capacity == 5

        signed = sign_policy(_policy(7, capacity=9), key).to_dict()
        forged = dict(signed, policy=base64.b64encode(_policy(7, capacity=10)).decode())
        path = _envelope(tmp_path, "forged.json", json.dumps(forged).encode())
        assert _hub_cli(demo_db, "config", "publish", str(path)).returncode == 0

        def refused(user: str) -> bool:
            status = _status_of(hub, user)
            push = status.get("last_push") if status else None
            return isinstance(push, dict) and push.get("reason") == "tampered"

        await wait_for(lambda: refused("agent1"), what="the refusal at the hub")
        assert alpha.settings.chat.capacity == 5  # the last good policy stays in force
        assert any(e.target for e in hub.storage.audit_entries("config.refused"))

        table = _hub_cli(demo_db, "config", "status")
        assert table.returncode == 0
        assert "agent1" in table.stdout
        assert "refused:tampered" in table.stdout
        listing = json.loads(_hub_cli(demo_db, "config", "status", "--json").stdout)
        assert {row["user"] for row in listing} == {"agent1", "agent9"}
    finally:
        await a_session.close()
        await b_session.close()


async def test_a_client_signing_in_later_gets_the_newest_policy_and_refuses_rollback(
    make_hub: HubFactory, certs: DevCerts, demo_db: Path, tmp_path: Path, key: Ed25519PrivateKey
) -> None:
    hub = await make_hub(config_poll_seconds=0.1)
    first = sign_policy(_policy(8, capacity=4), key).to_bytes()
    assert (
        _hub_cli(demo_db, "config", "publish", str(_envelope(tmp_path, "8", first))).returncode == 0
    )
    service = _client(tmp_path, key, "late")
    session, _ = await _signed_in(hub, certs, service, "agent2")
    try:
        await wait_for(lambda: service.settings.chat.capacity == 4, what="the push at sign-in")
        older = sign_policy(_policy(3, capacity=2), key).to_bytes()
        assert (
            _hub_cli(demo_db, "config", "publish", str(_envelope(tmp_path, "3", older))).returncode
            == 0
        )

        def rolled_back() -> bool:
            status = _status_of(hub, "agent2")
            push = status.get("last_push") if status else None
            return isinstance(push, dict) and push.get("reason") == "rollback"

        await wait_for(rolled_back, what="the rollback refusal")
        assert service.settings.chat.capacity == 4
    finally:
        await session.close()


def test_publish_refuses_what_is_not_a_signed_policy(demo_db: Path, tmp_path: Path) -> None:
    plain = _envelope(tmp_path, "plain.json", b'{"schema": 1, "serial": 2}')
    refused = _hub_cli(demo_db, "config", "publish", str(plain))
    assert refused.returncode == 1
    assert "refused" in refused.stderr
    assert "not a signed policy" in refused.stderr
    missing = _hub_cli(demo_db, "config", "publish", str(tmp_path / "nope.json"))
    assert missing.returncode == 1
    assert "cannot read" in missing.stderr
    empty = _hub_cli(demo_db, "config", "status")
    assert "no client has reported yet" in empty.stdout
