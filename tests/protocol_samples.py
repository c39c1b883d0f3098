"""Sample messages of the supervision, configuration and lock protocol modules (codec tests)."""

from __future__ import annotations

import base64
from datetime import UTC, datetime

from homeseat.core.agent_state import AgentState
from homeseat.protocol import Message
from homeseat.protocol.audio_check import AudioCheckReport, AudioCheckSummary
from homeseat.protocol.config_push import (
    ConfigPush,
    ConfigStatus,
    ConfigStatusReport,
    PolicyEnvelope,
    ReportedDocument,
    ReportedProblem,
    ReportedPush,
)
from homeseat.protocol.lock import Unlock
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
    TimelineSegment,
)

__all__ = ["MORE_CLIENT_SAMPLES", "MORE_HUB_SAMPLES"]

AT = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
SHA = "ab" * 32
CALL = CallQuality(at=AT, direction="inbound", seconds=184.5, mos=4.2, jitter_ms=3.1)
STATUS = ConfigStatus(
    healthy=False,
    documents=[
        ReportedDocument(kind="managed", origin="/etc/homeseat/policy.json", state="ok", serial=4),
        ReportedDocument(
            kind="push",
            origin="hub push",
            state="refused",
            serial=9,
            sha256=SHA,
            problems=[ReportedProblem(pointer="", rule="signature", message="tampered")],
            problem_count=1,
        ),
        ReportedDocument(kind="user", origin="~/.config/HomeSeat/settings.json", state="missing"),
    ],
    last_push=ReportedPush(accepted=False, reason="tampered", message="bad signature", at=AT),
    locked_keys=3,
    effective_sha256=SHA,
    at=AT,
)

MORE_CLIENT_SAMPLES: list[Message] = [
    LeadAction(id="a1", kind="force_not_ready", agent="agent2", reason="meeting"),
    LeadAction(id="a2", kind="message", agent="agent2", text="请回电"),
    HelpRequest(id="h", text="客户要投诉"),
    TimelineRequest(id="t", agent="agent2"),
    SurgeSet(id="s", team="alpha", level=2, message="疫情高峰"),
    CallQualityReport(id="q", call=CALL),
    ConfigStatusReport(id="c", status=STATUS),
    Unlock(id="u", password="correct horse battery"),
    AudioCheckReport(  # issue 4
        id="ac",
        check=AudioCheckSummary(
            verdict="warn",
            problems=["noisy_room", "speaker_untested"],
            noise_floor_dbfs=-41.5,
            speech_level_dbfs=-24.0,
            engine="dfn3",
            at=AT,
        ),
    ),
]

MORE_HUB_SAMPLES: list[Message] = [
    LeadNotice(kind="message", lead="lead1", lead_name="王组长", text="请回电", at=AT),
    Timeline(
        id="t",
        agent="agent2",
        day_start=AT.replace(hour=0, minute=0),
        segments=[
            TimelineSegment(state=AgentState.READY, start=AT, end=AT),
            TimelineSegment(state=AgentState.BUSY, channel="call", start=AT),
        ],
        calls=[CALL],
    ),
    SurgeLevel(team="alpha", level=2, message="疫情高峰", set_by="王组长", since=AT),
    ConfigPush(
        envelope=PolicyEnvelope(
            format="homeseat-signed-policy/1",
            policy=base64.b64encode(b'{"schema": 1, "serial": 9}').decode(),
            signature=base64.b64encode(b"\x00" * 64).decode(),
        ),
        scope="all",
        published_at=AT,
    ),
]
