"""The adapter from SIP call events to the phone's call model and the agent state machine.

The SIP engine knows nothing of agent states; this link applies each call event to the core's
:class:`~homeseat.core.calls.Lines` and turns line changes into agent events (Offered on
ringing, Busy on answer, WrapUp on hang-up) with :func:`~homeseat.core.calls.agent_events`.
Runs on its owner's thread (the GUI thread in the app, the test's thread in tests); it does no
I/O and never raises for a refused event: it reports it in the :class:`LinkResult`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from homeseat.core.agent_state import InvalidTransition, StateEvent, Transition
from homeseat.core.calls import Call, InvalidCallTransition, Lines, LinesFull, agent_events
from homeseat.sip.events import CallChanged, SipEvent

__all__ = ["LinkResult", "CallAgentLink"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class LinkResult:
    """What one event did.

    Attributes:
        call: the call after the event (None when the event was not a call change or refused).
        transitions: agent transitions it caused, in order.
        refused: why the call model refused the event ("" when accepted).
        reject_call: the call should be rejected at SIP level (every line is taken).
    """

    call: Call | None = None
    transitions: tuple[Transition, ...] = field(default_factory=tuple)
    refused: str = ""
    reject_call: bool = False


class CallAgentLink:
    """Keeps the phone's :class:`Lines` and drives the agent machine from call events."""

    def __init__(
        self, apply: Callable[[StateEvent], Transition], lines: Lines | None = None
    ) -> None:
        """Send agent events to ``apply``: ``AgentStateMachine.apply``, or in the app
        ``PlatformSession.request`` (which applies and reports to the hub exactly once)."""
        self._apply = apply
        self.lines = lines or Lines()

    def handle(self, event: SipEvent) -> LinkResult:
        """Apply ``event`` if it is a call change; other events change nothing."""
        if not isinstance(event, CallChanged):
            return LinkResult()
        before = self.lines
        try:
            after, call = before.apply(event.event)
        except LinesFull as exc:
            return LinkResult(refused=str(exc), reject_call=True)
        except InvalidCallTransition as exc:
            log.warning("call event refused by the call model: %s", exc)
            return LinkResult(refused=str(exc))
        self.lines = after
        transitions: list[Transition] = []
        for agent_event in agent_events(before, after, call):
            try:
                transitions.append(self._apply(agent_event))
            except InvalidTransition as exc:
                # E.g. an agent who dials while Not Ready stays Not Ready: not an error.
                log.info("agent state unchanged by %s: %s", agent_event.kind.value, exc)
        return LinkResult(call=call, transitions=tuple(transitions))
