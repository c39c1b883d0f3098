"""An agent's day as a list of state segments, and the handling figures leads read from it.

Pure functions over plain values: the hub builds them from its state events, the lead's detail
view draws them, and the tests check them without any I/O.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from homeseat.core.agent_state import AgentState

__all__ = [
    "Change",
    "Segment",
    "DayStats",
    "segments_between",
    "day_stats",
    "totals",
    "merge_oldest",
    "local_midnight",
]


@dataclass(frozen=True, slots=True)
class Change:
    """The agent entered ``state`` at ``at``."""

    at: datetime
    state: AgentState
    reason: str | None = None
    channel: str | None = None


@dataclass(frozen=True, slots=True)
class Segment:
    """``state`` from ``start`` to ``end`` (None: still going on)."""

    state: AgentState
    reason: str | None
    channel: str | None
    start: datetime
    end: datetime | None

    def seconds(self, now: datetime) -> float:
        """Length of the segment, counting an open one up to ``now``."""
        return max(0.0, ((self.end or now) - self.start).total_seconds())


@dataclass(frozen=True, slots=True)
class DayStats:
    """Contacts handled (Busy periods that ended) and their talk + wrap-up time."""

    handled: int = 0
    handle_seconds: float = 0.0

    @property
    def average_handle_seconds(self) -> float | None:
        """Average handle time (AHT), or None before the first contact."""
        return self.handle_seconds / self.handled if self.handled else None


def segments_between(
    before: Change | None, changes: Iterable[Change], start: datetime
) -> list[Segment]:
    """Segments from ``start`` on, given the change in force at ``start`` and later changes.

    Args:
        before: the last change before ``start`` (None when the agent had no state yet).
        changes: changes at or after ``start``, oldest first.
        start: the start of the period (e.g. local midnight).
    """
    out: list[Segment] = []
    current = before
    opened = start
    for change in changes:
        at = max(change.at, opened)  # clocks may step back a little: never a negative segment
        if current is not None and at > opened:
            out.append(Segment(current.state, current.reason, current.channel, opened, at))
        current, opened = change, at
    if current is not None:
        out.append(Segment(current.state, current.reason, current.channel, opened, None))
    return out


def day_stats(segments: Sequence[Segment], now: datetime) -> DayStats:
    """Handled contacts and handle time: a Busy period plus the wrap-up right after it.

    A contact counts once it is over (the agent left Busy and, if they wrapped up, left
    WrapUp too); the one in progress is not counted yet.
    """
    handled = 0
    seconds = 0.0
    in_contact = 0.0
    open_contact = False
    for seg in segments:
        if seg.state is AgentState.BUSY:
            open_contact = True  # back-to-back Busy segments (a transfer) are one contact
            in_contact += seg.seconds(now)
        elif seg.state is AgentState.WRAP_UP and open_contact:
            in_contact += seg.seconds(now)
        elif open_contact:
            handled += 1
            seconds += in_contact
            open_contact, in_contact = False, 0.0
    if open_contact and segments and segments[-1].end is not None:
        handled += 1
        seconds += in_contact
    return DayStats(handled, seconds)


def totals(segments: Sequence[Segment], now: datetime) -> dict[AgentState, float]:
    """Seconds spent in each state (the detail view's bar)."""
    out: dict[AgentState, float] = {}
    for seg in segments:
        out[seg.state] = out.get(seg.state, 0.0) + seg.seconds(now)
    return out


def merge_oldest(segments: list[Segment], limit: int) -> tuple[list[Segment], bool]:
    """At most ``limit`` segments (the newest); returns them and whether any were dropped."""
    if len(segments) <= limit:
        return segments, False
    return segments[len(segments) - limit :], True


def local_midnight(now: datetime) -> datetime:
    """Start of ``now``'s day in ``now``'s own time zone."""
    return now.replace(hour=0, minute=0, second=0, microsecond=0)
