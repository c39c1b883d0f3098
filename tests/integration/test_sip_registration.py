"""Registration against a real Kamailio with digest auth (pjsua2 engine on its own thread)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.integration.sip_lab import SipLab

from homeseat.core.calls import CallEventKind
from homeseat.sip.events import EngineStarted, RegistrationChanged, RegState, Transport

K = CallEventKind


@pytest.fixture
def lab(tmp_path: Path) -> Iterator[SipLab]:
    with SipLab(tmp_path) as lab:
        yield lab


def test_engine_starts_on_loopback_and_registers(lab: SipLab) -> None:
    started = lab.events.wait_for(EngineStarted)
    assert started.sip_ports["udp"] > 0
    reg = lab.register()
    assert reg.code == 200
    assert reg.expires_s > 0
    assert "registered" in reg.explanation


def test_wrong_password_is_refused_with_a_clear_reason(lab: SipLab) -> None:
    lab.engine.add_account(lab.account(password="not-the-password"))
    reg = lab.events.wait_for(RegistrationChanged)
    assert reg.state is RegState.FAILED
    assert reg.code in (401, 403)
    assert "user name or password" in reg.explanation
    # The engine keeps running: a correct account still registers.
    ok = lab.register(account_id="alice2")
    assert ok.state is RegState.REGISTERED


def test_unknown_account_command_is_reported_not_fatal(lab: SipLab) -> None:
    from homeseat.sip.events import EngineError

    lab.engine.dial("nobody", "bob")
    err = lab.events.wait_for(EngineError)
    assert "nobody" in err.message
    assert lab.register().state is RegState.REGISTERED


@pytest.mark.parametrize("transport", [Transport.UDP, Transport.TCP])
def test_registration_recovers_after_kamailio_restart(lab: SipLab, transport: Transport) -> None:
    lab.register(transport=transport, reg_timeout_s=6)
    lab.registrar.restart(down_seconds=1.0)
    mark = lab.events.mark()
    back = lab.events.wait_for(
        RegistrationChanged,
        lambda e: e.state is RegState.REGISTERED,
        timeout=30.0,
        after=mark,
    )
    assert back.code == 200
    # The new Kamailio knows where alice is: a foreign client's call reaches us.
    bob = lab.peer("bob")
    bob.command("dial", f"sip:alice@{lab.domain}")
    offered = lab.wait_call(K.INCOMING, after=mark)
    assert "bob" in offered.remote


def test_reregister_on_request_after_a_network_change(lab: SipLab) -> None:
    lab.register()
    mark = lab.events.mark()
    lab.engine.reregister("alice")
    again = lab.events.wait_for(
        RegistrationChanged, lambda e: e.state is RegState.REGISTERED, after=mark
    )
    assert again.code == 200


def test_kamailio_does_not_outlive_a_crashed_owner(tmp_path: Path) -> None:
    # A test run that crashes must not leave registrars behind (parent-death signal).
    script = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from homeseat.sip.labregistrar import LabRegistrar, LabRegistrarConfig\n"
        "lab = LabRegistrar(LabRegistrarConfig(users={'a': 'b'}, workdir=Path(sys.argv[1])))\n"
        "lab.start()\n"
        "print(lab._proc.pid, flush=True)\n"
        "os._exit(3)  # no cleanup, like a segfault\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "k")],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert out.returncode == 3, out.stderr
    pid = int(out.stdout.split()[0])
    deadline = time.monotonic() + 10.0
    while _alive(pid):
        assert time.monotonic() < deadline, f"kamailio {pid} outlived its owner"
        time.sleep(0.1)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie is dead too (its parent, init, reaps it soon).
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            return f.read().split()[2] != "Z"
    except FileNotFoundError:
        return False
