"""The hub's sign-in: passwords, throttling, disabled accounts, token rotation, logout, revoke.

Real hub on a loopback port over verified TLS, real websockets clients, real SQLite.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from pathlib import Path

import pytest
from tests.helpers import HubFactory, login, new_client_id, recv, send, ws_client
from websockets.exceptions import ConnectionClosed

from homeseat.devcerts import DevCerts
from homeseat.hub import HubServer
from homeseat.hub.demo import DEMO_PASSWORD
from homeseat.protocol import (
    Ack,
    AuthError,
    ErrorReply,
    Hello,
    Login,
    Logout,
    Ping,
    Pong,
    Refresh,
    SessionEnded,
    Welcome,
)


def _login(username: str, password: str, ref: str = "l", client_id: str | None = None) -> Login:
    return Login(
        id=ref, username=username, password=password, client_id=client_id or new_client_id()
    )


def _database_bytes(path: Path) -> bytes:
    return path.read_bytes() + Path(f"{path}-wal").read_bytes()


async def test_login_ok_and_bad_password(
    hub: HubServer, certs: DevCerts, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    async with ws_client(hub, certs) as ws:
        await send(ws, _login("agent1", "wrong-password", "bad"))
        refused = await recv(ws)
        assert isinstance(refused, AuthError)
        assert (refused.code, refused.id, refused.retry_after) == ("bad_credentials", "bad", None)
        # An unknown name gets the very same answer: nothing tells which names exist.
        await send(ws, _login("nobody", "wrong-password", "bad2"))
        unknown = await recv(ws)
        assert isinstance(unknown, AuthError)
        assert (unknown.code, unknown.message) == ("bad_credentials", refused.message)
        # The connection stays usable: the right password now signs in.
        welcome = await login(ws, "agent1", client_id="client-agent1")
    assert (welcome.id, welcome.username, welcome.display_name) == ("login", "agent1", "张伟")
    assert (welcome.role, welcome.team, welcome.last_seq) == ("agent", "alpha", 0)
    assert welcome.access_token != welcome.refresh_token
    assert welcome.access_expires_in == 900
    assert welcome.presence.connected
    assert welcome.presence.username == "agent1"
    failed = hub.storage.audit_entries("login.failed")
    assert [(e.target, e.detail["why"]) for e in failed] == [
        ("agent1", "bad_password"),
        ("nobody", "unknown_user"),
    ]
    assert [e.target for e in hub.storage.audit_entries("login")] == ["agent1"]
    # Secrets never reach the logs or the audit trail.
    audit_text = repr(hub.storage.audit_entries())
    for secret in ("wrong-password", DEMO_PASSWORD, welcome.access_token, welcome.refresh_token):
        assert secret not in caplog.text
        assert secret not in audit_text


async def test_throttling_locks_name_and_address_with_growing_retry_after(
    make_hub: HubFactory, certs: DevCerts
) -> None:
    hub: HubServer = await make_hub(throttle_lock_seconds=0.5)
    async with ws_client(hub, certs) as ws:
        for attempt in range(4):
            await send(ws, _login("agent3", f"guess-{attempt}"))
            reply = await recv(ws)
            assert isinstance(reply, AuthError)
            assert reply.code == "bad_credentials"
        await send(ws, _login("agent3", "guess-5"))
        locked = await recv(ws)
        assert isinstance(locked, AuthError)
        assert locked.code == "throttled"
        assert locked.retry_after is not None
        assert 0.3 <= locked.retry_after <= 0.5
        # While locked even the right password is not checked; the same address is locked too.
        for name in ("agent3", "agent4"):
            await send(ws, _login(name, DEMO_PASSWORD))
            reply = await recv(ws)
            assert isinstance(reply, AuthError), name
            assert reply.code == "throttled", name
            assert reply.retry_after is not None
            assert reply.retry_after > 0
        await asyncio.sleep(0.6)
        # The next round of failures locks for twice as long.
        for attempt in range(5):
            await send(ws, _login("agent3", f"again-{attempt}"))
            reply = await recv(ws)
        assert isinstance(reply, AuthError)
        assert reply.code == "throttled"
        assert reply.retry_after is not None
        assert 0.8 <= reply.retry_after <= 1.0
        await asyncio.sleep(1.1)
        assert (await login(ws, "agent3")).username == "agent3"
    locks = hub.storage.audit_entries("login.locked")
    assert [(e.target, e.detail["key"]) for e in locks] == [
        ("agent3", "user"),
        ("agent3", "peer"),
        ("agent3", "user"),
        ("agent3", "peer"),
    ]
    assert all(e.peer == "127.0.0.1" for e in locks)
    throttled = hub.storage.audit_entries("login.throttled")
    assert [e.target for e in throttled] == ["agent3", "agent4"]
    assert len(hub.storage.audit_entries("login.failed")) == 10


async def test_disabled_user_is_refused(hub: HubServer, certs: DevCerts) -> None:
    hub.storage.set_disabled("agent5", True, actor="test")
    async with ws_client(hub, certs) as ws:
        await send(ws, _login("agent5", "not-the-password"))
        wrong = await recv(ws)
        # Only someone who knows the password learns that the account is disabled.
        assert isinstance(wrong, AuthError)
        assert wrong.code == "bad_credentials"
        await send(ws, _login("agent5", DEMO_PASSWORD))
        refused = await recv(ws)
        assert isinstance(refused, AuthError)
        assert refused.code == "disabled"
    assert [e.target for e in hub.storage.audit_entries("login.disabled")] == ["agent5"]


async def test_refresh_rotates_and_the_old_token_is_refused(
    hub: HubServer, certs: DevCerts, demo_db: Path
) -> None:
    client_id = new_client_id()
    async with ws_client(hub, certs) as ws:
        first = await login(ws, "agent2", client_id=client_id)
    async with ws_client(hub, certs) as ws:
        await send(ws, Refresh(id="r", refresh_token=first.refresh_token, client_id=client_id))
        second = await recv(ws)
        assert isinstance(second, Welcome)
        assert second.id == "r"
        assert second.username == "agent2"
        assert second.refresh_token != first.refresh_token
        assert second.access_token != first.access_token
    async with ws_client(hub, certs) as ws:
        await send(ws, Refresh(refresh_token=first.refresh_token, client_id=client_id))
        old = await recv(ws)
        assert isinstance(old, AuthError)
        assert old.code == "revoked"
        # A token is bound to its installation.
        await send(ws, Refresh(refresh_token=second.refresh_token, client_id=new_client_id()))
        elsewhere = await recv(ws)
        assert isinstance(elsewhere, AuthError)
        assert elsewhere.code == "bad_credentials"
        await send(ws, Refresh(refresh_token="x" * 43, client_id=client_id))
        unknown = await recv(ws)
        assert isinstance(unknown, AuthError)
        assert unknown.code == "bad_credentials"
    # The access token of a superseded pair no longer works; the new one does.
    assert hub._require().auth.verify_access(first.access_token) is None
    user = hub._require().auth.verify_access(second.access_token)
    assert user is not None
    assert user.username == "agent2"
    # Only digests are stored.
    raw = _database_bytes(demo_db)
    for token in (first.refresh_token, second.refresh_token, second.access_token):
        assert token.encode() not in raw
    assert hashlib.sha256(second.refresh_token.encode()).hexdigest().encode() in raw
    whys = [e.detail["why"] for e in hub.storage.audit_entries("refresh.failed")]
    assert whys == ["revoked", "other_client", "unknown"]


async def test_first_message_must_sign_in(hub: HubServer, certs: DevCerts) -> None:
    async with ws_client(hub, certs) as ws:
        await send(ws, Ping(id="p", t=1.0))
        refused = await recv(ws)
        assert isinstance(refused, ErrorReply)
        assert (refused.code, refused.ref) == ("unauthenticated", "p")
        await send(ws, Hello(id="h", client_version="tests"))
        assert await recv(ws) == Ack(id="h")
        await send(ws, Hello(id="h2", protocol=2))
        wrong = await recv(ws)
        assert isinstance(wrong, ErrorReply)
        assert (wrong.code, wrong.ref) == ("invalid", "h2")
        await send(
            ws,
            Login(id="l2", protocol=2, username="agent1", password="x", client_id=new_client_id()),
        )
        old_client = await recv(ws)
        assert isinstance(old_client, AuthError)
        assert old_client.code == "protocol"
        await login(ws, "agent1")
        await send(ws, _login("agent1", DEMO_PASSWORD, "again"))
        again = await recv(ws)
        assert isinstance(again, ErrorReply)
        assert (again.code, again.ref) == ("conflict", "again")
        await send(ws, Ping(id="p2", t=2.0))
        pong = await recv(ws)
        assert isinstance(pong, Pong)
        assert (pong.id, pong.t) == ("p2", 2.0)


async def test_sign_in_must_happen_in_time(make_hub: HubFactory, certs: DevCerts) -> None:
    hub: HubServer = await make_hub(auth_timeout_seconds=0.3)
    async with ws_client(hub, certs) as ws:
        refused = await recv(ws, 2.0)
        assert isinstance(refused, ErrorReply)
        assert refused.code == "unauthenticated"
        await asyncio.wait_for(ws.wait_closed(), 2.0)
        assert ws.close_code == 1008


async def test_logout_revokes_tokens_signs_out_and_closes(hub: HubServer, certs: DevCerts) -> None:
    client_id = new_client_id()
    async with ws_client(hub, certs) as ws:
        welcome = await login(ws, "agent6", client_id=client_id)
        await send(ws, Logout(id="bye"))
        assert await recv(ws) == Ack(id="bye")
        await asyncio.wait_for(ws.wait_closed(), 2.0)
        assert ws.close_code == 1000
    presence = hub.presence_of("agent6")
    assert presence is not None
    assert (presence.state, presence.connected) == ("signed_out", False)
    async with ws_client(hub, certs) as ws:
        await send(ws, Refresh(refresh_token=welcome.refresh_token, client_id=client_id))
        reply = await recv(ws)
        assert isinstance(reply, AuthError)
        assert reply.code == "revoked"
    assert [e.detail["client_id"] for e in hub.storage.audit_entries("logout")] == [client_id]


async def test_revoke_user_ends_the_session(hub: HubServer, certs: DevCerts) -> None:
    client_id = new_client_id()
    async with ws_client(hub, certs) as ws:
        welcome = await login(ws, "agent7", client_id=client_id)
        assert await hub.revoke_user("agent7", actor="lead1")
        ended = await recv(ws)
        assert isinstance(ended, SessionEnded)
        assert ended.reason == "revoked"
        with pytest.raises(ConnectionClosed):
            await asyncio.wait_for(ws.recv(), 2.0)
    assert "agent7" not in hub.online_usernames()
    presence = hub.presence_of("agent7")
    assert presence is not None
    assert presence.state == "signed_out"
    async with ws_client(hub, certs) as ws:
        await send(ws, Refresh(refresh_token=welcome.refresh_token, client_id=client_id))
        reply = await recv(ws)
        assert isinstance(reply, AuthError)
        assert reply.code == "revoked"
    revokes = hub.storage.audit_entries("revoke")
    assert [(e.actor, e.target, e.detail["tokens_revoked"]) for e in revokes] == [
        ("lead1", "agent7", 2)
    ]
    assert not await hub.revoke_user("nobody", actor="lead1")
