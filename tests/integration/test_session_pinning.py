"""Certificate pinning against the real hub: the right key signs in, any other is refused
before the password leaves the client."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding

from homeseat.config.model import HubSettings
from homeseat.core.agent_state import AgentStateMachine
from homeseat.core.codes import DEFAULT_REASON_CODES, DEFAULT_WRAP_UP_CODES
from homeseat.core.outbox import MemoryOutboxStore, Outbox
from homeseat.devcerts import DevCerts
from homeseat.hub import HubServer
from homeseat.hub.demo import DEMO_PASSWORD
from homeseat.platform.session import PlatformSession, SignInError
from homeseat.security.pinning import pin_matches, spki_pin
from homeseat.security.secrets import MemorySecretStore


def _session(hub: HubServer, ca: Path, pins: tuple[str, ...]) -> PlatformSession:
    settings = HubSettings(url=hub.url, ca_file=ca, pin_sha256=pins)
    return PlatformSession(
        settings,
        machine=AgentStateMachine(
            {c.code for c in DEFAULT_REASON_CODES}, {c.code for c in DEFAULT_WRAP_UP_CODES}
        ),
        outbox=Outbox(MemoryOutboxStore()),
        secrets=MemorySecretStore(),
        client_id="pin-test",
        client_version="test",
    )


def _leaf_der(certs: DevCerts) -> bytes:
    """The hub's own certificate (first of its chain file), DER-encoded."""
    chain = x509.load_pem_x509_certificates(certs.cert_file.read_bytes())
    return chain[0].public_bytes(Encoding.DER)


def _hub_pin(certs: DevCerts) -> str:
    return spki_pin(_leaf_der(certs))


async def test_the_pinned_key_signs_in_and_another_is_refused_before_the_password(
    hub: HubServer, certs: DevCerts
) -> None:
    good = _session(hub, certs.ca_file, (_hub_pin(certs),))
    try:
        info = await good.sign_in("agent1", DEMO_PASSWORD)
        assert info.username == "agent1"
    finally:
        await good.close()
    logins_before = len(hub.storage.audit_entries("login"))
    other = base64.b64encode(b"\x01" * 32).decode()
    bad = _session(hub, certs.ca_file, (other,))
    with pytest.raises(SignInError) as refused:
        await bad.sign_in("agent2", DEMO_PASSWORD)
    await bad.close()
    assert refused.value.code == "pin_mismatch"
    # The hub never saw a sign-in attempt: no success, no failure.
    assert len(hub.storage.audit_entries("login")) == logins_before
    assert not [e for e in hub.storage.audit_entries("login.failed") if e.target == "agent2"]


def test_pin_matching_rules(certs: DevCerts) -> None:
    der = _leaf_der(certs)
    pin = spki_pin(der)
    assert len(base64.b64decode(pin)) == 32
    assert pin_matches(der, [])  # no pin configured: nothing to check
    assert pin_matches(der, ["backup-pin", pin])
    assert not pin_matches(der, ["backup-pin"])
    assert not pin_matches(None, [pin])
