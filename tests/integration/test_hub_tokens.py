"""Token lifetimes at the real hub: an expired refresh token is refused, and forgotten."""

from __future__ import annotations

import asyncio

import pytest
from tests.helpers import HubFactory, login, recv, send, ws_client
from tests.sessions import make_session

from homeseat.devcerts import DevCerts
from homeseat.hub.demo import DEMO_PASSWORD
from homeseat.platform.session import SignInError
from homeseat.protocol import AuthError, Refresh
from homeseat.security.secrets import MemorySecretStore


async def test_an_expired_refresh_token_is_refused_and_forgotten(
    make_hub: HubFactory, certs: DevCerts
) -> None:
    hub = await make_hub(refresh_ttl_seconds=0.5, access_ttl_seconds=0.5)
    async with ws_client(hub, certs) as ws:
        welcome = await login(ws, "agent1", client_id="client-expiry")
    await asyncio.sleep(1.0)
    async with ws_client(hub, certs) as ws:
        await send(ws, Refresh(refresh_token=welcome.refresh_token, client_id="client-expiry"))
        refused = await recv(ws)
    assert isinstance(refused, AuthError)
    assert refused.code == "expired"
    failed = hub.storage.audit_entries("refresh.failed")
    assert failed[-1].detail["why"] == "expired"

    # The client: a remembered sign-in that expired is dropped from the keyring, not retried.
    keyring = MemorySecretStore()
    session, _ = make_session(hub.url, certs.ca_file, secrets=keyring, client_id="client-two-x")
    await session.sign_in("agent2", DEMO_PASSWORD)
    await session.close()
    account = f"agent2@{hub.url}"
    assert keyring.get(account) is not None
    await asyncio.sleep(1.0)
    again, _ = make_session(hub.url, certs.ca_file, secrets=keyring, client_id="client-two-x")
    with pytest.raises(SignInError) as exc:
        await again.resume("agent2")
    await again.close()
    assert exc.value.code == "expired"
    assert keyring.get(account) is None
