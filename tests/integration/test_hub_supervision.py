"""Supervision at the hub: every lead action and request authorized, audited and delivered.

Real hub on a loopback port over verified TLS, real websockets clients, real SQLite. Demo
accounts: lead1 leads alpha (agent1..agent8), lead2 leads beta (agent9, agent10).
"""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from tests.helpers import HubFactory, login, no_message, recv, recv_type, send, ws_client
from websockets.asyncio.client import ClientConnection

from homeseat.core.agent_state import AgentState
from homeseat.devcerts import DevCerts
from homeseat.hub import HubServer, Storage
from homeseat.protocol import (
    Ack,
    AgentPresence,
    AuthError,
    ErrorReply,
    Message,
    Refresh,
    SessionEnded,
    StateReport,
    TeamDelta,
    TeamSnapshot,
    TeamSubscribe,
)
from homeseat.protocol.supervision import (
    CallQuality,
    CallQualityReport,
    HelpRequest,
    LeadAction,
    LeadNotice,
    SurgeLevel,
    SurgeSet,
    Timeline,
    TimelineRequest,
)


async def _reply(ws: ClientConnection, ref: str, limit: float = 5.0) -> Ack | ErrorReply:
    """The hub's answer to request ``ref`` (other frames are skipped)."""
    deadline = time.monotonic() + limit
    while True:
        msg = await recv(ws, max(0.01, deadline - time.monotonic()))
        if (isinstance(msg, Ack) and msg.id == ref) or (
            isinstance(msg, ErrorReply) and msg.ref == ref
        ):
            return msg


async def _ask(ws: ClientConnection, message: Message) -> Ack | ErrorReply:
    await send(ws, message)
    assert message.id is not None
    return await _reply(ws, message.id)


async def _delta_for(ws: ClientConnection, username: str, limit: float = 3.0) -> AgentPresence:
    deadline = time.monotonic() + limit
    while True:
        delta = await recv_type(ws, TeamDelta, max(0.01, deadline - time.monotonic()))
        for agent in delta.agents:
            if agent.username == username:
                return agent


def _report(
    seq: int, state: AgentState, *, reason: str | None = None, channel: str | None = None
) -> StateReport:
    return StateReport(
        id=f"r{seq}", seq=seq, state=state, reason=reason, channel=channel, at=datetime.now(UTC)
    )


ACTIONS = [
    LeadAction(id="a1", kind="message", agent="agent1", text="hi"),
    LeadAction(id="a2", kind="force_not_ready", agent="agent1", reason="meeting"),
    LeadAction(id="a3", kind="sign_out", agent="agent1"),
    LeadAction(id="a4", kind="answer_help", agent="agent1", text="coming"),
    TimelineRequest(id="a5", agent="agent1"),
    SurgeSet(id="a6", team="alpha", level=2, message="peak"),
]


@pytest.mark.parametrize("actor", ["agent2", "lead2"])
async def test_agents_and_other_teams_leads_are_refused_everything(
    actor: str, hub: HubServer, certs: DevCerts
) -> None:
    async with ws_client(hub, certs) as target, ws_client(hub, certs) as ws:
        await login(target, "agent1")
        await login(ws, actor)
        for request in ACTIONS:
            reply = await _ask(ws, request)
            assert isinstance(reply, ErrorReply), request
            assert reply.code == "forbidden", request
        # Nothing reached agent1, and agent1 is still signed in.
        await send(target, _report(1, AgentState.READY))
        assert isinstance(await recv(target), Ack)
    refusals = hub.storage.audit_entries("forbidden")
    assert [(e.actor, e.target) for e in refusals][-len(ACTIONS) :] == [(actor, "agent1")] * 5 + [
        (actor, "alpha")
    ]
    assert hub.storage.audit_entries("sup.sign_out") == []


async def test_agent_cannot_subscribe_or_act_on_themself_as_lead(
    hub: HubServer, certs: DevCerts
) -> None:
    async with ws_client(hub, certs) as ws:
        await login(ws, "agent1")
        assert isinstance(await _ask(ws, TeamSubscribe(id="s")), ErrorReply)
        # An agent may read their own timeline, not message themself as a lead would.
        assert isinstance(
            await _ask(ws, LeadAction(id="m", kind="message", agent="agent1")), ErrorReply
        )
        await send(ws, TimelineRequest(id="t", agent="agent1"))
        timeline = await recv_type(ws, Timeline)
        assert timeline.agent == "agent1"


async def test_message_and_forced_not_ready_reach_the_agent(
    hub: HubServer, certs: DevCerts
) -> None:
    async with ws_client(hub, certs) as lead, ws_client(hub, certs) as agent:
        await login(lead, "lead1")
        await login(agent, "agent1")
        assert await _ask(
            lead, LeadAction(id="m", kind="message", agent="agent1", text="好的")
        ) == Ack(id="m")
        notice = await recv_type(agent, LeadNotice)
        assert (notice.kind, notice.lead, notice.lead_name, notice.text) == (
            "message",
            "lead1",
            "王组长",
            "好的",
        )
        reply = await _ask(lead, LeadAction(id="f", kind="force_not_ready", agent="agent1"))
        assert isinstance(reply, ErrorReply)
        assert reply.code == "invalid"
        forced = LeadAction(id="f2", kind="force_not_ready", agent="agent1", reason="meeting")
        assert await _ask(lead, forced) == Ack(id="f2")
        notice = await recv_type(agent, LeadNotice)
        assert (notice.kind, notice.reason) == ("force_not_ready", "meeting")
        # An unknown agent, and an agent who is not connected, get a precise answer.
        missing = await _ask(lead, LeadAction(id="x", kind="message", agent="nobody"))
        assert isinstance(missing, ErrorReply)
        assert missing.code == "not_found"
        offline = await _ask(lead, LeadAction(id="y", kind="message", agent="agent3"))
        assert isinstance(offline, ErrorReply)
        assert offline.code == "offline"
    audit = [(e.actor, e.action, e.target, e.detail) for e in hub.storage.audit_entries()]
    assert ("lead1", "sup.message", "agent1", {"chars": 2}) in audit
    assert ("lead1", "sup.force_not_ready", "agent1", {"chars": 0, "reason": "meeting"}) in audit
    assert "好的" not in repr(audit)  # what a lead says stays out of the audit log


async def test_lead_signs_an_agent_out_and_their_tokens_die(
    hub: HubServer, certs: DevCerts
) -> None:
    async with ws_client(hub, certs) as lead, ws_client(hub, certs) as agent:
        await login(lead, "lead1")
        await send(lead, TeamSubscribe(id="s"))
        await recv_type(lead, TeamSnapshot)
        welcome = await login(agent, "agent2", client_id="c-agent2")
        assert await _ask(lead, LeadAction(id="o", kind="sign_out", agent="agent2")) == Ack(id="o")
        ended = await recv_type(agent, SessionEnded)
        assert ended.reason == "revoked"
        seen = await _delta_for(lead, "agent2")
        while seen.state is not AgentState.SIGNED_OUT:
            seen = await _delta_for(lead, "agent2")
        assert not seen.connected
    async with ws_client(hub, certs) as again:
        await send(
            again,
            Refresh(refresh_token=welcome.refresh_token, client_id="c-agent2", client_version="t"),
        )
        refused = await recv(again)
        assert isinstance(refused, AuthError)
        assert refused.code == "revoked"
    assert [e.target for e in hub.storage.audit_entries("sup.sign_out")] == ["agent2"]


async def test_raised_hand_shows_to_the_lead_until_answered(
    hub: HubServer, certs: DevCerts
) -> None:
    async with ws_client(hub, certs) as lead, ws_client(hub, certs) as agent:
        await login(lead, "lead1")
        await send(lead, TeamSubscribe(id="s"))
        await recv_type(lead, TeamSnapshot)
        await login(agent, "agent3")
        assert await _ask(agent, HelpRequest(id="h", text="客户要投诉")) == Ack(id="h")
        seen = await _delta_for(lead, "agent3")
        while seen.help_requested is None:
            seen = await _delta_for(lead, "agent3")
        assert seen.help_text == "客户要投诉"
        answer = LeadAction(id="ans", kind="answer_help", agent="agent3", text="我来接")
        assert await _ask(lead, answer) == Ack(id="ans")
        notice = await recv_type(agent, LeadNotice)
        assert (notice.kind, notice.text) == ("answer_help", "我来接")
        seen = await _delta_for(lead, "agent3")
        assert seen.help_requested is None
        # The agent can also lower the hand themself.
        await _ask(agent, HelpRequest(id="h2"))
        assert (await _delta_for(lead, "agent3")).help_requested is not None
        await _ask(agent, HelpRequest(id="h3", raised=False))
        assert (await _delta_for(lead, "agent3")).help_requested is None


async def test_surge_level_needs_the_permission_reaches_the_team_and_survives_restart(
    make_hub: HubFactory, certs: DevCerts, demo_db: Path
) -> None:
    hub = await make_hub()
    async with (
        ws_client(hub, certs) as lead,
        ws_client(hub, certs) as agent,
        ws_client(hub, certs) as other,
    ):
        await login(lead, "lead1")
        await login(agent, "agent1")
        await login(other, "agent9")  # team beta
        no_permission = await _ask(lead, SurgeSet(id="s1", team="alpha", level=2))
        assert isinstance(no_permission, ErrorReply)
        assert no_permission.code == "forbidden"
        hub.storage.grant("lead1", "surge", actor="test")
        assert await _ask(
            lead, SurgeSet(id="s2", team="alpha", level=2, message="疫情高峰")
        ) == Ack(id="s2")
        level = await recv_type(agent, SurgeLevel)
        assert (level.team, level.level, level.message, level.set_by) == (
            "alpha",
            2,
            "疫情高峰",
            "王组长",
        )
        assert isinstance(await recv_type(lead, SurgeLevel), SurgeLevel)  # the lead sees it too
        await no_message(other, 0.5)  # another team's agent hears nothing
        beta = await _ask(lead, SurgeSet(id="s3", team="beta", level=3))
        assert isinstance(beta, ErrorReply)  # not lead1's team, permission or not
    port = hub.port
    await hub.stop()
    hub = await make_hub(port=port)
    async with ws_client(hub, certs) as agent:
        await login(agent, "agent2")
        level = await recv_type(agent, SurgeLevel)  # right after the welcome
        assert (level.team, level.level) == ("alpha", 2)
    assert [e.target for e in hub.storage.audit_entries("surge.set")] == ["alpha"]


async def test_handled_today_timeline_and_call_quality(hub: HubServer, certs: DevCerts) -> None:
    async with ws_client(hub, certs) as lead, ws_client(hub, certs) as agent:
        await login(lead, "lead1")
        await send(lead, TeamSubscribe(id="s"))
        await recv_type(lead, TeamSnapshot)
        await login(agent, "agent4")
        steps: list[tuple[AgentState, str | None]] = [
            (AgentState.READY, None),
            (AgentState.OFFERED, "call"),
            (AgentState.BUSY, "call"),
            (AgentState.WRAP_UP, "call"),
            (AgentState.READY, None),
            (AgentState.BUSY, "chat"),
        ]
        for seq, (state, channel) in enumerate(steps, start=1):
            step = _report(seq, state, channel=channel)  # timed now: the hub keeps client times
            await send(agent, step)
            assert isinstance(await _reply(agent, step.id or ""), Ack)
            await asyncio.sleep(0.05)
        call = CallQuality(
            at=datetime.now(UTC),
            direction="inbound",
            seconds=0.1,
            mos=4.1,
            jitter_ms=3.0,
            loss_percent=0.0,
            rtt_ms=2.0,
        )
        assert isinstance(await _ask(agent, CallQualityReport(id="q", call=call)), Ack)
        seen = await _delta_for(lead, "agent4")
        while seen.mos is None:
            seen = await _delta_for(lead, "agent4")
        assert seen.handled_today == 1  # the chat in progress is not counted yet
        assert 0.05 < seen.handle_seconds_today < 5
        assert seen.mos == 4.1
        await send(lead, TimelineRequest(id="t", agent="agent4"))
        timeline = await recv_type(lead, Timeline)
    states = [s.state for s in timeline.segments]
    assert states[-6:] == [
        AgentState.READY,
        AgentState.OFFERED,
        AgentState.BUSY,
        AgentState.WRAP_UP,
        AgentState.READY,
        AgentState.BUSY,
    ]
    assert timeline.segments[-1].end is None
    assert all(
        a.end == b.start for a, b in zip(timeline.segments, timeline.segments[1:], strict=False)
    )
    assert timeline.day_start <= timeline.segments[0].start
    assert timeline.day_start > datetime.now(UTC) - timedelta(days=1, hours=1)
    assert [c.mos for c in timeline.calls] == [4.1]


def test_permissions_are_stored_and_audited(tmp_path: Path) -> None:
    storage = Storage(tmp_path / "hub.sqlite3")
    try:
        from homeseat.hub.auth import hash_password

        storage.add_user(
            "l", display_name="L", password_hash=hash_password("x" * 12), role="lead", team="t"
        )
        user = storage.user("l")
        assert user is not None
        assert storage.permissions(user.id) == frozenset()
        storage.grant("l", "surge", actor="admin")
        storage.grant("l", "surge", actor="admin")  # idempotent
        assert storage.permissions(user.id) == frozenset({"surge"})
        assert [e.target for e in storage.audit_entries("permission.grant")] == ["l", "l"]
    finally:
        storage.close()
