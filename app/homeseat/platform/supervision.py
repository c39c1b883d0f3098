"""The client side of supervision: lead actions, raised hands, notices, timelines, surge level.

Lives on the event-loop thread (the Qt main thread under qasync), next to the
:class:`~homeseat.platform.session.PlatformSession` it rides on. Requests that expect an answer
are matched to the hub's ``ack``/``error``/``sup.timeline`` by their id and fail with a clear
:class:`SupervisionError` when the hub refuses, the link is down, or no answer comes in time.
A lead's forced Not Ready is applied to the agent's own state machine (and so reported through
the outbox like any change, pending while a call lasts).
"""

from __future__ import annotations

import logging
from typing import Protocol

from homeseat.core.agent_state import AgentState, EventKind, InvalidTransition, StateEvent
from homeseat.platform.requests import RequestChannel, RequestFailed
from homeseat.platform.session import PlatformSession
from homeseat.protocol import HubMessage, Message
from homeseat.protocol.supervision import (
    ActionKind,
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

__all__ = ["SupervisionError", "SupervisionListener", "SupervisionClient"]

log = logging.getLogger(__name__)

_ANSWER_SECONDS = 10.0


#: A refused or unanswered supervision request (``code``: the hub's error code, ``offline``,
#: ``timeout``).
SupervisionError = RequestFailed


class SupervisionListener(Protocol):
    """Who hears about notices and surge changes (the UI bridge); loop thread."""

    def on_notice(self, notice: LeadNotice) -> None: ...
    def on_surge(self, level: SurgeLevel) -> None: ...


class SupervisionClient:
    """Supervision requests over a session, and what the hub tells about supervision.

    Args:
        session: the signed-in session (its handler list gets this client's reader).
    """

    def __init__(self, session: PlatformSession) -> None:
        self._session = session
        self._requests = RequestChannel(session, "sup", _ANSWER_SECONDS)
        self._listeners: list[SupervisionListener] = []
        #: Latest surge level of each team this user belongs to or leads.
        self.surge: dict[str, SurgeLevel] = {}
        self.hand_raised = False
        session.add_handler(self._on_message)

    def add_listener(self, listener: SupervisionListener) -> None:
        """Register a listener (called on the loop thread)."""
        self._listeners.append(listener)

    # ------------------------------------------------------------------ agents

    async def raise_hand(self, text: str = "") -> None:
        """Ask the team's leads for help (shows in the agent's row at the lead)."""
        await self._ask(HelpRequest(id=self._id(), raised=True, text=text))
        self.hand_raised = True

    async def lower_hand(self) -> None:
        """Withdraw the help request."""
        await self._ask(HelpRequest(id=self._id(), raised=False))
        self.hand_raised = False

    async def report_call(self, call: CallQuality) -> None:
        """Report a finished call's line quality (leads see the MOS)."""
        await self._ask(CallQualityReport(id=self._id(), call=call))

    # ------------------------------------------------------------------ leads

    async def act(
        self, kind: ActionKind, agent: str, *, text: str = "", reason: str | None = None
    ) -> None:
        """Message an agent, force them Not Ready, sign them out, or answer their raised hand."""
        await self._ask(LeadAction(id=self._id(), kind=kind, agent=agent, text=text, reason=reason))

    async def timeline(self, agent: str) -> Timeline:
        """Today's timeline of ``agent`` (or of oneself)."""
        reply = await self._ask(TimelineRequest(id=self._id(), agent=agent))
        assert isinstance(reply, Timeline)
        return reply

    async def set_surge(self, team: str, level: int, message: str = "") -> None:
        """Set a team's surge level (needs the surge permission at the hub)."""
        await self._ask(SurgeSet(id=self._id(), team=team, level=level, message=message))

    def surge_level(self, team: str) -> int:
        """The current level of ``team`` (0 when the hub never said otherwise)."""
        level = self.surge.get(team)
        return level.level if level else 0

    # ------------------------------------------------------------------ internals

    def _id(self) -> str:
        return self._requests.new_id()

    async def _ask(self, message: Message) -> HubMessage:
        return await self._requests.ask(message)

    def _on_message(self, msg: HubMessage) -> None:
        if isinstance(msg, LeadNotice):
            self._notice(msg)
        elif isinstance(msg, SurgeLevel):
            self.surge[msg.team] = msg
            for listener in self._listeners:
                listener.on_surge(msg)

    def _notice(self, notice: LeadNotice) -> None:
        if notice.kind == "answer_help":
            self.hand_raised = False
        if notice.kind == "force_not_ready" and notice.reason:
            self._force_not_ready(notice.reason)
        for listener in self._listeners:
            listener.on_notice(notice)

    def _force_not_ready(self, reason: str) -> None:
        status = self._session.status
        if status.state is AgentState.SIGNED_OUT or (
            status.state is AgentState.NOT_READY and status.reason == reason
        ):
            return
        try:
            # Pending (applied when the contact ends) while the agent is on a call or chat.
            self._session.request(StateEvent(EventKind.FORCE_NOT_READY, reason=reason))
        except InvalidTransition as exc:
            # E.g. a reason code this client is not configured with: the notice still shows.
            log.warning("cannot apply the forced Not Ready (%s): %s", reason, exc)
