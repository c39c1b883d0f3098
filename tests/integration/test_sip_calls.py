"""Calls between our pjsua2 engine and baresip (a foreign client) through Kamailio.

Our side sends a 440 Hz tone and records per call; baresip sends 1 kHz and records what it
hears, so audio is proven to cross in each direction by finding the other side's tone.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.integration.sip_lab import SipLab, tone_db

from homeseat.core.calls import CallEventKind, EndReason, Lines
from homeseat.sip.events import CallChanged, CallQuality, DtmfMethod

K = CallEventKind
#: A tone at the sender's -10 dBFS must arrive above this (G.711 loses well under 1 dB).
HEARD_DB = -20.0
#: ... and the sender's own tone must not come back (no loop, no echo).
ABSENT_DB = -45.0


@pytest.fixture
def lab(tmp_path: Path) -> Iterator[SipLab]:
    with SipLab(tmp_path) as lab:
        lab.register()
        yield lab


def _sip_trace(lab: SipLab, user: str) -> str:
    return (lab.workdir / user / "baresip.log").read_text(errors="replace")


def test_outbound_call_audio_both_ways_dtmf_mute_hangup(lab: SipLab) -> None:
    bob = lab.peer("bob")
    call_id = lab.engine.dial("alice", "bob")
    lab.wait_call(K.ANSWERED, call_id)
    bob.wait_event("CALL_ESTABLISHED")
    time.sleep(2.0)  # two seconds of tone each way

    lab.engine.send_dtmf(call_id, "5#")
    digits = [bob.wait_event("CALL_DTMF_START").get("param") for _ in range(2)]
    assert digits == ["5", "#"]

    quality = lab.events.wait_for(CallQuality, lambda q: q.call_id == call_id)
    assert quality.rx_packets > 20
    assert quality.score.mos > 4.0

    lab.engine.set_muted(call_id, True)
    lab.wait_call(K.MUTE, call_id)
    time.sleep(1.5)
    lab.engine.hangup(call_id)
    end = lab.wait_call(K.END, call_id)
    assert end.reason is EndReason.HANGUP_LOCAL
    bob.wait_event("CALL_CLOSED")

    assert lab.heard_db(call_id, SipLab.PEER_TONE) > HEARD_DB
    assert lab.heard_db(call_id, SipLab.OUR_TONE) < ABSENT_DB
    bob.stop()  # baresip finishes its recordings on exit
    heard = bob.heard_samples()
    assert tone_db(heard[:16000], 8000, SipLab.OUR_TONE) > HEARD_DB
    # While muted (the last second before hang-up) bob heard nothing from us.
    assert tone_db(heard[-8000:], 8000, SipLab.OUR_TONE, skip_s=0.0) < ABSENT_DB


def test_hold_and_resume_are_seen_by_the_peer(lab: SipLab) -> None:
    bob = lab.peer("bob")
    call_id = lab.engine.dial("alice", "bob")
    lab.wait_call(K.ANSWERED, call_id)
    bob.wait_event("CALL_ESTABLISHED")
    lab.engine.hold(call_id)
    lab.wait_call(K.HOLD, call_id)
    held_trace = _sip_trace(lab, "bob")
    lab.engine.resume(call_id)
    lab.wait_call(K.RESUME, call_id)
    time.sleep(0.5)
    trace = _sip_trace(lab, "bob")
    # bob received a re-INVITE offering a=sendonly (hold), then one offering sendrecv again.
    assert "a=sendonly" in held_trace
    resume_part = trace[len(held_trace) :]
    assert "INVITE sip:bob" in resume_part
    assert "a=sendrecv" in resume_part
    time.sleep(1.0)
    lab.engine.hangup(call_id)
    lab.wait_call(K.END, call_id)
    # Audio flows again after the resume.
    assert lab.heard_db(call_id, SipLab.PEER_TONE) > HEARD_DB


def test_inbound_call_answered_then_peer_hangs_up(lab: SipLab) -> None:
    bob = lab.peer("bob")
    bob.command("dial", f"sip:alice@{lab.domain}")
    offered = lab.wait_call(K.INCOMING)
    assert "bob@" in offered.remote
    _lines, call = Lines().apply(offered)
    assert call.line == 1
    lab.engine.answer(offered.call_id)
    lab.wait_call(K.ANSWERED, offered.call_id)
    bob.wait_event("CALL_ESTABLISHED")
    time.sleep(2.0)
    bob.command("hangup")
    end = lab.wait_call(K.END, offered.call_id)
    assert end.reason is EndReason.HANGUP_REMOTE
    assert lab.heard_db(offered.call_id, SipLab.PEER_TONE) > HEARD_DB
    bob.stop()
    assert bob.heard_tone_db(SipLab.OUR_TONE) > HEARD_DB


def test_inbound_call_rejected(lab: SipLab) -> None:
    bob = lab.peer("bob")
    bob.command("dial", f"sip:alice@{lab.domain}")
    offered = lab.wait_call(K.INCOMING)
    lab.engine.reject(offered.call_id)
    end = lab.wait_call(K.END, offered.call_id)
    assert end.reason is EndReason.REJECTED
    closed = bob.wait_event("CALL_CLOSED")
    assert "486" in str(closed.get("param"))


def test_blind_transfer_reaches_the_target(lab: SipLab) -> None:
    bob = lab.peer("bob")
    carol = lab.peer("carol")
    call_id = lab.engine.dial("alice", "bob")
    lab.wait_call(K.ANSWERED, call_id)
    bob.wait_event("CALL_ESTABLISHED")
    lab.engine.transfer(call_id, "carol")
    lab.wait_call(K.TRANSFER, call_id)
    incoming = carol.wait_event("CALL_ESTABLISHED", timeout=15.0)
    assert "bob@" in str(incoming.get("peeruri"))
    end = lab.wait_call(K.END, call_id, timeout=15.0)
    assert end.reason is EndReason.TRANSFERRED
    assert "REFER sip:bob" in _sip_trace(lab, "bob")
    changes = [e.event.kind for e in lab.events.events if isinstance(e, CallChanged)]
    assert changes[-2:] == [K.TRANSFER, K.END]


def test_dtmf_by_sip_info_when_configured(lab: SipLab) -> None:
    lab.register(account_id="alice-info", dtmf=DtmfMethod.SIP_INFO)
    bob = lab.peer("bob")
    call_id = lab.engine.dial("alice-info", "bob")
    lab.wait_call(K.ANSWERED, call_id)
    bob.wait_event("CALL_ESTABLISHED")
    lab.engine.send_dtmf(call_id, "9")
    deadline = time.monotonic() + 10.0
    while "application/dtmf-relay" not in _sip_trace(lab, "bob"):
        assert time.monotonic() < deadline, "bob never received a SIP INFO with the digit"
        time.sleep(0.1)
    trace = _sip_trace(lab, "bob")
    info = trace[trace.index("INFO sip:bob") :]
    assert "Signal=9" in info
    lab.engine.hangup(call_id)
    lab.wait_call(K.END, call_id)
