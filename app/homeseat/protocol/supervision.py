"""Protocol v1, supervision: what a team lead does to their team, and what agents ask of leads.

Leads act on one agent at a time (:class:`LeadAction`); the hub checks that the lead leads the
agent's team, writes the action to the audit log, answers the lead with ``ack`` (or ``error``
``forbidden`` / ``not_found`` / ``offline``) and passes the action on to the agent's client as a
:class:`LeadNotice`. A forced Not Ready is *applied by the agent's client* (so it is reported
through the agent's own outbox, in order, and stays pending during a call like any Not Ready).
Agents raise a hand (:class:`HelpRequest`); the request shows in their presence until a lead
answers or the agent lowers it. The surge level (三级应急, 0-3) belongs to a team: the hub keeps
it and sends :class:`SurgeLevel` to everyone of the team when it changes and after each sign-in.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from homeseat.core.agent_state import AgentState
from homeseat.protocol.messages import Message

__all__ = [
    "ActionKind",
    "LeadAction",
    "HelpRequest",
    "TimelineRequest",
    "SurgeSet",
    "LeadNotice",
    "TimelineSegment",
    "Timeline",
    "SurgeLevel",
    "CallQuality",
    "CallQualityReport",
    "SUPERVISION_CLIENT_MESSAGES",
]

Username = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.@-]+$")]
Code = Annotated[str, Field(min_length=1, max_length=40, pattern=r"^[a-z0-9_]+$")]
Team = Annotated[str, Field(min_length=1, max_length=64)]
Text = Annotated[str, Field(max_length=500)]

#: message: a text for the agent · force_not_ready: with ``reason`` · sign_out: revokes the
#: agent's tokens and ends their session · answer_help: a text that also lowers the raised hand.
ActionKind = Literal["message", "force_not_ready", "sign_out", "answer_help"]


class LeadAction(Message):
    """A lead (or admin) acts on one agent of a team they lead."""

    type: Literal["sup.action"] = "sup.action"
    kind: ActionKind
    agent: Username
    text: Text = ""
    reason: Code | None = None  # force_not_ready: the Not Ready reason code


class HelpRequest(Message):
    """An agent raises (or, with ``raised=False``, lowers) their hand for a lead's help."""

    type: Literal["sup.help"] = "sup.help"
    raised: bool = True
    text: Text = ""


class TimelineRequest(Message):
    """Today's state timeline of an agent (a lead of their team, or the agent themself)."""

    type: Literal["sup.timeline.get"] = "sup.timeline.get"
    agent: Username


class SurgeSet(Message):
    """Set a team's surge level (leads with the ``surge`` permission, admins)."""

    type: Literal["surge.set"] = "surge.set"
    team: Team
    level: Annotated[int, Field(ge=0, le=3)]
    message: Text = ""


class CallQuality(BaseModel):
    """How good one finished call's line was (from the SIP stack's RTP statistics)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    at: datetime  # when the call ended
    direction: Literal["inbound", "outbound"]
    seconds: Annotated[float, Field(ge=0, le=86400)]
    mos: Annotated[float, Field(ge=1, le=5)] | None = None
    jitter_ms: Annotated[float, Field(ge=0, le=10000)] | None = None
    loss_percent: Annotated[float, Field(ge=0, le=100)] | None = None
    rtt_ms: Annotated[float, Field(ge=0, le=60000)] | None = None


class CallQualityReport(Message):
    """An agent's client reports a finished call's line quality (no numbers: no customer data)."""

    type: Literal["quality.report"] = "quality.report"
    call: CallQuality


class LeadNotice(Message):
    """To an agent: a lead's message, a forced Not Ready, or the answer to a raised hand."""

    type: Literal["sup.notice"] = "sup.notice"
    kind: Literal["message", "force_not_ready", "answer_help"]
    lead: Username
    lead_name: Annotated[str, Field(max_length=80)]
    text: Text = ""
    reason: Code | None = None
    at: datetime


class TimelineSegment(BaseModel):
    """One stretch of one state; ``end`` None means it is still going on."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    state: AgentState
    reason: str | None = None
    channel: str | None = None
    start: datetime
    end: datetime | None = None


class Timeline(Message):
    """Answer to :class:`TimelineRequest`: the agent's states since local midnight at the hub."""

    type: Literal["sup.timeline"] = "sup.timeline"
    agent: Username
    day_start: datetime
    segments: Annotated[list[TimelineSegment], Field(max_length=400)]
    truncated: bool = False  # more changes than fit one frame: the oldest were left out
    calls: Annotated[list[CallQuality], Field(default_factory=list, max_length=50)]  # latest


class SurgeLevel(Message):
    """A team's surge level, sent on change and after every sign-in."""

    type: Literal["surge.level"] = "surge.level"
    team: Team
    level: Annotated[int, Field(ge=0, le=3)]
    message: Text = ""
    set_by: Annotated[str, Field(max_length=80)] = ""
    since: datetime


#: The client messages :class:`homeseat.hub.supervision.Supervision` handles.
SUPERVISION_CLIENT_MESSAGES = (
    LeadAction,
    HelpRequest,
    TimelineRequest,
    SurgeSet,
    CallQualityReport,
)
