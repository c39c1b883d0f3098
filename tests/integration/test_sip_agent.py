"""A real SIP call drives the agent state machine through the call/agent link."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.integration.sip_lab import SipLab

from homeseat.core.agent_state import AgentState, AgentStateMachine, EventKind, StateEvent
from homeseat.core.calls import CallEventKind, CallState
from homeseat.sip.agent_link import CallAgentLink
from homeseat.sip.events import CallChanged

K = CallEventKind


@pytest.fixture
def lab(tmp_path: Path) -> Iterator[SipLab]:
    with SipLab(tmp_path) as lab:
        lab.register()
        yield lab


class Feeder:
    """Feeds the engine's events into the link in order, on the test's thread."""

    def __init__(self, lab: SipLab, link: CallAgentLink, machine: AgentStateMachine) -> None:
        self.lab, self.link, self.machine, self.done = lab, link, machine, 0

    def until(self, kind: CallEventKind) -> AgentState:
        self.lab.wait_call(kind, after=self.done)
        for ev in self.lab.events.events[self.done :]:
            self.done += 1
            self.link.handle(ev)
            if isinstance(ev, CallChanged) and ev.event.kind is kind:
                break
        return self.machine.status.state


def _ready_agent() -> AgentStateMachine:
    machine = AgentStateMachine({"break"}, {"solved"})
    machine.apply(StateEvent(EventKind.SIGN_IN))
    machine.apply(StateEvent(EventKind.GO_READY))
    return machine


def test_inbound_call_offers_busies_and_wraps_up_the_agent(lab: SipLab) -> None:
    machine = _ready_agent()
    link = CallAgentLink(machine.apply)
    feed = Feeder(lab, link, machine)
    bob = lab.peer("bob")
    bob.command("dial", f"sip:alice@{lab.domain}")
    assert feed.until(K.INCOMING) is AgentState.OFFERED
    (call,) = link.lines.calls
    assert call.state is CallState.RINGING
    lab.engine.answer(call.call_id)
    assert feed.until(K.ANSWERED) is AgentState.BUSY
    bob.command("hangup")
    assert feed.until(K.END) is AgentState.WRAP_UP
    assert link.lines.idle


def test_missed_call_returns_the_agent_to_ready(lab: SipLab) -> None:
    machine = _ready_agent()
    link = CallAgentLink(machine.apply)
    feed = Feeder(lab, link, machine)
    bob = lab.peer("bob")
    bob.command("dial", f"sip:alice@{lab.domain}")
    assert feed.until(K.INCOMING) is AgentState.OFFERED
    bob.command("hangup")  # the caller gives up before the agent answers
    assert feed.until(K.END) is AgentState.READY


def test_outbound_call_makes_the_agent_busy_then_wrap_up(lab: SipLab) -> None:
    machine = _ready_agent()
    link = CallAgentLink(machine.apply)
    feed = Feeder(lab, link, machine)
    lab.peer("bob")
    call_id = lab.engine.dial("alice", "bob")
    assert feed.until(K.DIAL) is AgentState.READY
    assert feed.until(K.ANSWERED) is AgentState.BUSY
    lab.engine.hangup(call_id)
    assert feed.until(K.END) is AgentState.WRAP_UP
