"""The headless robot agent against the real hub, Kamailio and a baresip caller."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from tests.integration.sip_lab import SipLab, make_tone_wav, tone_db
from tests.sessions import make_session, wait_for

from homeseat.audio.bridge import read_wav
from homeseat.cli import main
from homeseat.config.model import ClientSettings, HubSettings, SipAccount, SipSettings
from homeseat.core.agent_state import AgentState
from homeseat.devcerts import DevCerts
from homeseat.hub import HubServer
from homeseat.hub.demo import DEMO_PASSWORD
from homeseat.security.secrets import MemorySecretStore
from homeseat.sip.robot import RobotOptions, robot_password_entry, run_robot

ROBOT_TONE = 600.0


async def test_robot_answers_plays_records_and_wraps_up(
    hub: HubServer, certs: DevCerts, tmp_path: Path
) -> None:
    lead, lead_seen = make_session(hub.url, certs.ca_file)
    await lead.sign_in("lead1", DEMO_PASSWORD)
    await lead.subscribe_team()
    with SipLab(tmp_path, start_engine=False) as lab:
        settings = ClientSettings(
            hub=HubSettings(url=hub.url, ca_file=certs.ca_file),
            sip=SipSettings(
                accounts=(
                    SipAccount(
                        id="lab", registrar=lab.domain, user="alice", transport="udp",
                        srtp="disabled", register_seconds=60,
                    ),
                ),
                codecs=("PCMU/8000/1",),
            ),
        )  # fmt: skip
        secrets = MemorySecretStore()
        secrets.set(robot_password_entry("agent1"), DEMO_PASSWORD)
        secrets.set("sip:lab", SipLab.USERS["alice"])
        options = RobotOptions(
            username="agent1",
            play=make_tone_wav(tmp_path / "robot.wav", ROBOT_TONE, seconds=5.0),
            record_dir=tmp_path / "recordings",
            answer_after_s=0.5,
            wrap_up_s=1.0,
            bind_address="127.0.0.1",
        )
        stop = asyncio.Event()
        lines: list[str] = []
        robot = asyncio.create_task(
            run_robot(settings, options, secrets, stop=stop, say=lines.append)
        )
        try:
            await wait_for(lambda: any("registered" in s for s in lines), within=15, what="SIP up")
            await wait_for(
                lambda: lead_seen.team["agent1"].state is AgentState.READY, what="robot Ready"
            )
            bob = await asyncio.to_thread(lab.peer, "bob")
            await asyncio.to_thread(bob.command, "dial", f"sip:alice@{lab.domain}")
            await wait_for(
                lambda: lead_seen.team["agent1"].state is AgentState.BUSY,
                within=15,
                what="robot Busy",
            )
            await asyncio.sleep(2.5)
            await asyncio.to_thread(bob.command, "hangup")
            await wait_for(
                lambda: lead_seen.team["agent1"].mos is not None, within=15, what="MOS reported"
            )
            await wait_for(
                lambda: lead_seen.team["agent1"].state is AgentState.READY,
                within=15,
                what="Ready after wrap-up",
            )
        finally:
            stop.set()
            report = await asyncio.wait_for(robot, 30)
            await lead.close()
        assert report.calls_answered == 1
        assert report.errors == []
        (recording,) = report.recordings
        assert recording.parent == tmp_path / "recordings"
        assert tone_db(read_wav(recording, 16000), 16000, SipLab.PEER_TONE) > -20
        await asyncio.to_thread(bob.stop)
        assert bob.heard_tone_db(ROBOT_TONE) > -20  # the caller heard the robot's WAV


def test_cli_refuses_to_start_without_a_sip_account(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "settings.json"
    config.write_text("{}", encoding="utf-8")
    wav = make_tone_wav(tmp_path / "robot.wav", ROBOT_TONE, seconds=1.0)
    argv = ["agent", "--headless", "--config", str(config), "--user", "agent1"]
    code = main([*argv, "--play", str(wav), "--record", str(tmp_path / "rec")])
    assert code == 1
    assert "no SIP account" in capsys.readouterr().err
