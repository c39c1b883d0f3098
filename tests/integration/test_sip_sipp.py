"""DTMF from a foreign caller (SIPp): RFC 4733 events in RTP and SIP INFO reach our engine."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.integration.sip_lab import SipLab

from homeseat.core.calls import CallEventKind, EndReason
from homeseat.sip.events import DtmfReceived, EngineStarted

K = CallEventKind
SCENARIO = Path(__file__).parent / "sipp" / "dtmf_uac.xml"


@pytest.fixture
def lab(tmp_path: Path) -> Iterator[SipLab]:
    with SipLab(tmp_path) as lab:
        lab.register()
        yield lab


def test_dtmf_from_sipp_by_rfc4733_and_sip_info(lab: SipLab, tmp_path: Path) -> None:
    sipp = shutil.which("sipp")
    assert sipp is not None, "SIPp is not installed (Debian package sip-tester)"
    port = lab.events.wait_for(EngineStarted).sip_ports["udp"]
    proc = subprocess.Popen(
        [sipp, f"127.0.0.1:{port}", "-sf", str(SCENARIO), "-m", "1", "-i", "127.0.0.1",
         "-mi", "127.0.0.1", "-p", "0", "-mp", "0", "-timeout", "40s", "-timeout_error",
         "-trace_err", "-error_file", str(tmp_path / "sipp-errors.log"), "-nostdin"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
    )  # fmt: skip
    try:
        offered = lab.wait_call(K.INCOMING)
        assert "4001@" in offered.remote
        lab.engine.answer(offered.call_id)
        digits = [
            lab.events.wait_for(DtmfReceived, timeout=15.0).digit,
            lab.events.wait_for(DtmfReceived, lambda d: d.digit != "7", timeout=15.0).digit,
        ]
        assert digits == ["7", "3"]
        end = lab.wait_call(K.END, offered.call_id, timeout=15.0)
        assert end.reason is EndReason.HANGUP_REMOTE
        _, err = proc.communicate(timeout=20)
        assert proc.returncode == 0, err.decode(errors="replace")[-2000:]
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
