"""The day as segments, and the handling figures (handled contacts, AHT) read from it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from homeseat.core.agent_state import AgentState as S
from homeseat.core.timeline import (
    Change,
    day_stats,
    local_midnight,
    merge_oldest,
    segments_between,
    totals,
)

T0 = datetime(2026, 12, 1, 0, 0, tzinfo=UTC)


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def test_segments_start_at_the_period_and_the_last_one_is_open() -> None:
    before = Change(T0 - timedelta(hours=3), S.NOT_READY, "break")
    segs = segments_between(
        before, [Change(at(10), S.READY), Change(at(12), S.BUSY, None, "call")], T0
    )
    assert [(s.state, s.start, s.end) for s in segs] == [
        (S.NOT_READY, T0, at(10)),
        (S.READY, at(10), at(12)),
        (S.BUSY, at(12), None),
    ]
    assert segs[0].reason == "break"
    assert segs[2].channel == "call"
    assert segs[2].seconds(at(13)) == 60


def test_a_clock_stepping_back_never_makes_a_negative_segment() -> None:
    segs = segments_between(None, [Change(at(10), S.READY), Change(at(9), S.BUSY)], T0)
    # The late change is moved up to the earlier one; the zero-length Ready disappears.
    assert [(s.state, s.start, s.end) for s in segs] == [(S.BUSY, at(10), None)]


def test_handled_contacts_count_talk_plus_wrap_up_once_over() -> None:
    changes = [
        Change(at(0), S.READY),
        Change(at(1), S.OFFERED),
        Change(at(2), S.BUSY),  # 3 min talk
        Change(at(5), S.WRAP_UP),  # 1 min wrap-up
        Change(at(6), S.READY),
        Change(at(7), S.BUSY),  # 2 min, no wrap-up
        Change(at(9), S.NOT_READY, "break"),
        Change(at(20), S.READY),
        Change(at(21), S.BUSY),  # in progress: not counted
    ]
    segs = segments_between(None, changes, T0)
    stats = day_stats(segs, at(30))
    assert stats.handled == 2
    assert stats.handle_seconds == (4 + 2) * 60
    assert stats.average_handle_seconds == 180
    assert day_stats([], at(1)).average_handle_seconds is None


def test_a_contact_in_wrap_up_counts_only_when_wrap_up_ends() -> None:
    changes = [Change(at(0), S.BUSY), Change(at(2), S.WRAP_UP)]
    assert day_stats(segments_between(None, changes, T0), at(3)).handled == 0
    done = [*changes, Change(at(4), S.READY)]
    assert day_stats(segments_between(None, done, T0), at(5)).handle_seconds == 240


def test_totals_and_merge() -> None:
    segs = segments_between(None, [Change(at(0), S.READY), Change(at(5), S.BUSY)], T0)
    assert totals(segs, at(6)) == {S.READY: 300, S.BUSY: 60}
    kept, dropped = merge_oldest(segs, 1)
    assert (kept, dropped) == (segs[1:], True)
    assert merge_oldest(segs, 5) == (segs, False)
    assert local_midnight(at(600)) == T0
