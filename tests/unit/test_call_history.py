"""Call history in real SQLite (a file in tmp_path)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from homeseat.core.calls import Call, CallEvent, CallEventKind, Direction, EndReason, Lines
from homeseat.core.quality import LineStats, estimate
from homeseat.sip.history import CallHistory

K = CallEventKind


def _ended_call(call_id: str, remote: str, talk: float) -> tuple[Lines, Call]:
    lines, _ = Lines().apply(CallEvent(K.DIAL, call_id, 0.0, remote=remote, account_id="a"))
    lines, _ = lines.apply(CallEvent(K.ANSWERED, call_id, 1.0))
    return lines.apply(CallEvent(K.END, call_id, 1.0 + talk, reason=EndReason.HANGUP_LOCAL))


def test_history_keeps_calls_with_quality_newest_first(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    history = CallHistory(path, keep=2)
    score = estimate(LineStats(jitter_ms=2.0, loss=0.0, rtt_ms=10.0, codec="PCMU/8000"))
    when = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    for i in range(3):
        _, call = _ended_call(f"c{i}", f"sip:1380013800{i}@pbx", 30.0 + i)
        history.record(call, when, score if i == 2 else None)
    history.close()
    reopened = CallHistory(path)
    entries = reopened.recent()
    assert [e.call_id for e in entries] == ["c2", "c1"]  # only the newest two are kept
    assert entries[0].remote == "sip:13800138002@pbx"
    assert entries[0].talk_seconds == pytest.approx(32.0)
    assert entries[0].direction is Direction.OUTBOUND
    assert entries[0].mos == score.mos
    assert entries[1].mos is None
    assert entries[0].ended_at == when
    reopened.close()


def test_a_live_call_is_refused() -> None:
    history = CallHistory(":memory:")
    _lines, call = Lines().apply(CallEvent(K.DIAL, "c1", 0.0, remote="x"))
    with pytest.raises(ValueError, match="has not ended"):
        history.record(call, datetime.now(UTC), None)


def test_a_closed_history_lists_nothing() -> None:
    history = CallHistory(":memory:")
    history.close()
    assert history.closed
    assert history.recent() == []
