"""The audio-check verdict travels client → real hub → the lead's team view; bad ones refused."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.helpers import login, recv_type, send, ws_client
from tests.sessions import make_session, wait_for

from homeseat.devcerts import DevCerts
from homeseat.hub import HubServer
from homeseat.hub.demo import DEMO_PASSWORD
from homeseat.protocol import Ack, ErrorReply
from homeseat.protocol.audio_check import AudioCheckReport, AudioCheckSummary


def summary(verdict: str = "warn") -> AudioCheckSummary:
    return AudioCheckSummary(
        verdict=verdict,
        problems=["noisy_room"] if verdict == "warn" else [],
        noise_floor_dbfs=-41.5,
        speech_level_dbfs=-24.0,
        engine="dfn3",
        at=datetime(2026, 12, 1, 8, 55, tzinfo=UTC),
    )


async def test_lead_sees_the_agents_audio_check(hub: HubServer, certs: DevCerts) -> None:
    agent, _ = make_session(hub.url, certs.ca_file)
    lead, lead_seen = make_session(hub.url, certs.ca_file)
    try:
        await agent.sign_in("agent2", DEMO_PASSWORD)
        await lead.sign_in("lead1", DEMO_PASSWORD)
        await lead.subscribe_team()
        await wait_for(lambda: lead_seen.snapshots == 1, what="the team snapshot")
        assert lead_seen.team["agent2"].audio_check is None

        assert await agent.report_audio_check(summary("warn"))
        await wait_for(
            lambda: lead_seen.team["agent2"].audio_check is not None, what="the lead's view"
        )
        seen = lead_seen.team["agent2"].audio_check
        assert seen == summary("warn")
        presence = hub.presence_of("agent2")
        assert presence is not None
        assert presence.audio_check == summary("warn")

        # A second check replaces the first.
        await agent.report_audio_check(summary("pass"))
        await wait_for(
            lambda: (c := lead_seen.team["agent2"].audio_check) is not None and c.verdict == "pass",
            what="the new verdict",
        )
    finally:
        await agent.close()
        await lead.close()


async def test_malformed_audio_check_is_refused_and_the_session_lives(
    hub: HubServer, certs: DevCerts
) -> None:
    async with ws_client(hub, certs) as ws:
        await login(ws, "agent3")
        bad = (
            '{"type":"audio.check","id":"c1","check":{"verdict":"great","noise_floor_dbfs":5,'
            '"speech_level_dbfs":-20,"engine":"dfn3","at":"2026-12-01T08:00:00Z"}}'
        )
        await ws.send(bad)
        error = await recv_type(ws, ErrorReply)
        assert error.code == "invalid"
        assert "verdict" in error.message
        await send(ws, AudioCheckReport(id="c2", check=summary("fail")))
        ack = await recv_type(ws, Ack)
        assert ack.id == "c2"
    presence = hub.presence_of("agent3")
    assert presence is not None
    assert presence.audio_check is not None
    assert presence.audio_check.verdict == "fail"
