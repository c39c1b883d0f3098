"""Team fan-out: presence changes reach the leads who watch those teams, coalesced.

Runs on the hub's loop thread as one task. Changes are collected per team and per agent (the
latest wins) and sent every ``interval`` seconds at most, so a burst of changes (a robot flapping,
a reconnect storm) costs a lead one frame per interval, not one per change. Frames are encoded
once per distinct set of teams and handed to subscribers without waiting on them: a slow lead
never delays the others (each connection has its own bounded send queue).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Iterable, Sequence
from typing import Protocol

from homeseat.protocol import AgentPresence, TeamDelta, TeamSnapshot, encode

__all__ = ["Subscriber", "TeamFanout", "team_frames"]

log = logging.getLogger(__name__)


class Subscriber(Protocol):
    """Something that takes encoded frames without blocking (a lead's connection)."""

    def deliver_frame(self, frame: str) -> None:
        """Queue one encoded frame for sending."""
        ...


def team_frames(
    agents: Sequence[AgentPresence], chunk: int, *, snapshot: bool, ref: str | None = None
) -> list[str]:
    """Encode agents as frames of at most ``chunk`` agents each.

    A snapshot is one :class:`TeamSnapshot` followed by :class:`TeamDelta` frames for the rest, so
    a team of thousands never makes a frame larger than the protocol allows.
    """
    frames: list[str] = []
    for start in range(0, max(len(agents), 1), chunk):
        part = list(agents[start : start + chunk])
        if snapshot and start == 0:
            frames.append(encode(TeamSnapshot(id=ref, agents=part)))
        elif part:
            frames.append(encode(TeamDelta(agents=part)))
    return frames


class TeamFanout:
    """Subscribers per team; coalesced delivery of presence changes.

    Args:
        interval: seconds changes are coalesced over.
        chunk: agents per frame.
    """

    def __init__(self, interval: float, chunk: int) -> None:
        self._interval = interval
        self._chunk = chunk
        #: subscriber -> teams watched (None: every team, for admins)
        self._subscribers: dict[Subscriber, frozenset[str] | None] = {}
        self._pending: dict[str, dict[int, AgentPresence]] = {}
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self.frames_sent = 0  # for tests and benchmarks

    def start(self) -> None:
        """Start the delivery task (on the running loop)."""
        self._task = asyncio.create_task(self._run(), name="hub-fanout")

    async def stop(self) -> None:
        """Stop delivering; pending changes are dropped (the hub is closing)."""
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._subscribers.clear()
        self._pending.clear()

    def subscribe(self, subscriber: Subscriber, teams: frozenset[str] | None) -> None:
        """Watch ``teams`` (None: all); replaces an earlier subscription of the same subscriber."""
        self._subscribers[subscriber] = teams

    def unsubscribe(self, subscriber: Subscriber) -> None:
        """Stop watching (the lead's connection ended)."""
        self._subscribers.pop(subscriber, None)

    @property
    def subscriber_count(self) -> int:
        """How many connections watch teams."""
        return len(self._subscribers)

    def publish(self, presence: AgentPresence) -> None:
        """An agent's presence changed: deliver it with the next flush."""
        if not self._subscribers:
            return  # nobody watches: nothing to keep
        self._pending.setdefault(presence.team, {})[presence.user_id] = presence
        self._wake.set()

    async def _run(self) -> None:
        while True:
            await self._wake.wait()
            # Collect everything that happens during the interval into one frame per lead.
            await asyncio.sleep(self._interval)
            self._wake.clear()
            pending, self._pending = self._pending, {}
            try:
                self._deliver(pending)
            except Exception:
                # Never let the fan-out task die: log, drop this batch, keep serving.
                log.exception("team fan-out failed; %d team(s) skipped", len(pending))

    def _deliver(self, pending: dict[str, dict[int, AgentPresence]]) -> None:
        cache: dict[frozenset[str] | None, list[str]] = {}
        for subscriber, teams in list(self._subscribers.items()):
            frames = cache.get(teams)
            if frames is None:
                frames = cache[teams] = team_frames(
                    self._select(pending, teams), self._chunk, snapshot=False
                )
            for frame in frames:
                subscriber.deliver_frame(frame)
                self.frames_sent += 1

    @staticmethod
    def _select(
        pending: dict[str, dict[int, AgentPresence]], teams: Iterable[str] | None
    ) -> list[AgentPresence]:
        names = pending.keys() if teams is None else teams
        return [p for team in names for p in pending.get(team, {}).values()]
