"""Alert rules and the lead's acknowledgements (pure core, injected clock)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from homeseat.core.agent_state import AgentState
from homeseat.core.alerts import AlertBook, AlertKind, AlertRules, alerts_of, next_due
from homeseat.protocol import AgentPresence
from homeseat.protocol.audio_check import AudioCheckSummary

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
RULES = AlertRules(wrap_up_seconds=120, break_seconds=900, not_ready_seconds=600)


def _agent(state: AgentState, **kw: object) -> AgentPresence:
    fields: dict[str, object] = {
        "user_id": 1,
        "username": "agent1",
        "display_name": "Agent 1",
        "team": "alpha",
        "state": state,
        "since": T0,
        "connected": True,
    }
    fields.update(kw)
    return AgentPresence.model_validate(fields)


def test_each_threshold_fires_only_after_it_passes() -> None:
    wrap = _agent(AgentState.WRAP_UP)
    assert alerts_of(wrap, RULES, T0 + timedelta(seconds=119)) == {}
    assert alerts_of(wrap, RULES, T0 + timedelta(seconds=120)) == {AlertKind.WRAP_UP_LONG: T0}
    brk = _agent(AgentState.NOT_READY, reason="lunch")
    assert AlertKind.BREAK_LONG not in alerts_of(brk, RULES, T0 + timedelta(seconds=899))
    assert AlertKind.BREAK_LONG in alerts_of(brk, RULES, T0 + timedelta(seconds=900))
    nr = _agent(AgentState.NOT_READY, reason="meeting")
    assert set(alerts_of(nr, RULES, T0 + timedelta(seconds=600))) == {AlertKind.NOT_READY_LONG}
    gone = _agent(AgentState.READY, connected=False, last_seen=T0)
    assert alerts_of(gone, RULES, T0 + timedelta(seconds=29)) == {}
    assert set(alerts_of(gone, RULES, T0 + timedelta(seconds=30))) == {AlertKind.DISCONNECTED}
    assert next_due(gone, RULES, T0) == T0 + timedelta(seconds=30)
    assert next_due(_agent(AgentState.READY), RULES, T0) is None


def test_quality_audio_and_help_alert_at_once() -> None:
    check = AudioCheckSummary(
        verdict="fail", noise_floor_dbfs=-30, speech_level_dbfs=-120, engine="spectral", at=T0
    )
    agent = _agent(AgentState.READY, mos=3.1, audio_check=check, help_requested=T0)
    assert set(alerts_of(agent, RULES, T0)) == {
        AlertKind.POOR_MOS,
        AlertKind.AUDIO_FAILED,
        AlertKind.HELP,
    }
    assert (
        alerts_of(agent.model_copy(update={"mos": 3.6}), RULES, T0).get(AlertKind.POOR_MOS) is None
    )
    off = AlertRules(audio_check_failed=False)
    assert AlertKind.AUDIO_FAILED not in alerts_of(agent, off, T0)
    signed_out = agent.model_copy(update={"state": AgentState.SIGNED_OUT})
    assert alerts_of(signed_out, RULES, T0) == {}


def test_book_ticks_due_agents_and_acknowledged_alerts_return_after_clearing() -> None:
    book = AlertBook(RULES)
    wrap = _agent(AgentState.WRAP_UP)
    assert not book.update(wrap, T0)
    assert book.tick(T0 + timedelta(seconds=60)) == []
    assert book.tick(T0 + timedelta(seconds=121)) == [1]
    assert book.loud(1) == {AlertKind.WRAP_UP_LONG}
    assert [a.kind for a in book.loud_alerts()] == [AlertKind.WRAP_UP_LONG]

    assert book.acknowledge(1)
    assert book.loud(1) == frozenset()
    assert AlertKind.WRAP_UP_LONG in book.active(1)
    # Still the same wrap-up: stays quiet.
    assert not book.update(wrap, T0 + timedelta(seconds=200))
    # The condition clears (Ready), then returns (a new wrap-up that runs long): loud again.
    later = T0 + timedelta(seconds=300)
    assert not book.update(_agent(AgentState.READY, since=later), later)
    again = _agent(AgentState.WRAP_UP, since=later)
    book.update(again, later)
    assert book.tick(later + timedelta(seconds=130)) == [1]
    assert book.loud(1) == {AlertKind.WRAP_UP_LONG}


def test_acknowledged_poor_line_stays_quiet_across_state_changes() -> None:
    book = AlertBook(RULES)
    assert book.update(_agent(AgentState.READY, mos=2.9), T0)
    assert book.acknowledge(1, [AlertKind.POOR_MOS])
    later = T0 + timedelta(minutes=5)
    assert not book.update(_agent(AgentState.BUSY, channel="call", mos=2.9, since=later), later)
    assert book.loud(1) == frozenset()
    assert book.update(_agent(AgentState.READY, mos=4.2, since=later), later) is False
    assert book.update(_agent(AgentState.READY, mos=3.0, since=later), later)
    assert book.loud(1) == {AlertKind.POOR_MOS}


def test_help_is_listed_first_and_clear_forgets_everyone() -> None:
    book = AlertBook(RULES)
    book.update(_agent(AgentState.WRAP_UP), T0 + timedelta(seconds=500))
    book.update(
        _agent(AgentState.READY, user_id=2, username="agent2", help_requested=T0),
        T0 + timedelta(seconds=500),
    )
    assert [(a.user_id, a.kind) for a in book.loud_alerts()] == [
        (2, AlertKind.HELP),
        (1, AlertKind.WRAP_UP_LONG),
    ]
    book.clear()
    assert book.loud_alerts() == []
    assert book.tick(T0 + timedelta(hours=1)) == []
