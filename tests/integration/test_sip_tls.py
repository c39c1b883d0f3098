"""SIP over TLS (certificate verified against the lab CA) with mandatory SRTP, vs baresip."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.integration.sip_lab import SipLab

from homeseat.core.calls import CallEventKind, EndReason
from homeseat.sip.events import RegistrationChanged, RegState, SrtpUse, Transport

K = CallEventKind
HEARD_DB = -20.0


@pytest.fixture
def lab(tmp_path: Path) -> Iterator[SipLab]:
    with SipLab(tmp_path, tls=True) as lab:
        yield lab


def _tls_account(lab: SipLab, **overrides: object) -> dict[str, object]:
    assert lab.certs is not None
    fields: dict[str, object] = {
        "domain": lab.tls_domain,
        "transport": Transport.TLS,
        "srtp": SrtpUse.MANDATORY,
        "ca_file": lab.certs.ca_file,
    }
    fields.update(overrides)
    return fields


def test_tls_registration_verifies_the_certificate(lab: SipLab, tmp_path: Path) -> None:
    reg = lab.register(**_tls_account(lab))
    assert reg.code == 200
    # A CA that did not sign the registrar's certificate: the TLS handshake is refused.
    from homeseat.devcerts import make_dev_certs

    other = make_dev_certs(tmp_path / "other-ca")
    lab.engine.add_account(
        lab.account(account_id="alice2", **_tls_account(lab, ca_file=other.ca_file))
    )
    failed = lab.events.wait_for(
        RegistrationChanged, lambda e: e.account_id == "alice2", timeout=15.0
    )
    assert failed.state is RegState.FAILED


def test_tls_call_with_mandatory_srtp_carries_audio_both_ways(lab: SipLab) -> None:
    lab.register(**_tls_account(lab))
    bob = lab.peer("bob", transport="tls", extra_account=";mediaenc=srtp-mand")
    call_id = lab.engine.dial("alice", "bob")
    lab.wait_call(K.ANSWERED, call_id, timeout=15.0)
    bob.wait_event("CALL_ESTABLISHED")
    time.sleep(2.0)
    lab.engine.hangup(call_id)
    assert lab.wait_call(K.END, call_id).reason is EndReason.HANGUP_LOCAL
    trace = (lab.workdir / "bob" / "baresip.log").read_text(errors="replace")
    assert "RTP/SAVP" in trace  # the media was offered and answered as SRTP
    assert lab.heard_db(call_id, SipLab.PEER_TONE) > HEARD_DB
    bob.stop()
    assert bob.heard_tone_db(SipLab.OUR_TONE) > HEARD_DB
