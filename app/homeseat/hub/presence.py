"""The hub's live presence book: every user's state and connection, persisted write-through.

Runs on the hub's loop thread. A state report or a (re)connection changes the book at once and
is written to SQLite in the same step; a dropped connection starts a grace timer, and only when it
runs out without a new connection is the agent marked disconnected (so a Wi-Fi blip does not
flash "disconnected" on the lead's pane). Each change is handed to ``on_change`` (the fan-out).
``last_seen`` from heartbeats is kept in memory and written with the next change or at close.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterable
from datetime import UTC

from homeseat.core.agent_state import AgentState, Clock
from homeseat.hub.storage import PresenceRow, StateEventRow, Storage, User
from homeseat.protocol import AgentPresence, StateReport
from homeseat.protocol.audio_check import AudioCheckSummary

__all__ = ["PresenceBook"]

log = logging.getLogger(__name__)

ChangeListener = Callable[[User, AgentPresence], None]


def _row(p: AgentPresence) -> PresenceRow:
    return PresenceRow(
        user_id=p.user_id,
        state=p.state,
        reason=p.reason,
        channel=p.channel,
        since=p.since,
        connected=p.connected,
        last_seen=p.last_seen,
        client_version=p.client_version,
    )


class PresenceBook:
    """Presence of every user who has an entry, keyed by user id.

    Args:
        storage: the hub database (same thread).
        clock: wall clock for timestamps.
        grace_seconds: how long a dropped connection may take to come back.
        on_change: called with (user, new presence) after every visible change.
    """

    def __init__(
        self, storage: Storage, clock: Clock, grace_seconds: float, on_change: ChangeListener
    ) -> None:
        self._storage = storage
        self._clock = clock
        self._grace = grace_seconds
        self._on_change = on_change
        self._book: dict[int, AgentPresence] = {}
        self._grace_timers: dict[int, asyncio.TimerHandle] = {}
        self._dirty: set[int] = set()  # last_seen changed but not written
        #: Adds derived figures (today's handled contacts) to a presence a report changed.
        self.enrich: Callable[[User, AgentPresence], AgentPresence] | None = None

    # ------------------------------------------------------------------ lifecycle

    def start(self) -> None:
        """Load stored presence; connections the last run left open get a fresh grace period.

        After a hub restart every client reconnects within a few seconds; those who do are
        never shown as disconnected, the others are once their grace runs out.
        """
        users = {u.id: u for u in self._storage.users()}
        for row in self._storage.all_presence():
            user = users.get(row.user_id)
            if user is None:
                continue
            self._book[user.id] = self._model(user, row)
            if row.connected:
                self._start_grace(user)

    def close(self) -> None:
        """Stop the grace timers and write what is only in memory (call on the loop)."""
        for timer in self._grace_timers.values():
            timer.cancel()
        self._grace_timers.clear()
        self.flush()

    # ------------------------------------------------------------------ queries

    def get(self, user: User) -> AgentPresence:
        """The user's presence (signed out and disconnected if they never signed in)."""
        current = self._book.get(user.id)
        if current is None:
            current = AgentPresence(
                user_id=user.id,
                username=user.username,
                display_name=user.display_name[:80],
                team=user.team,
                state=AgentState.SIGNED_OUT,
                since=user.created_at,
                connected=False,
            )
            self._book[user.id] = current
        return current

    def view(self, agents: Iterable[User]) -> list[AgentPresence]:
        """Presence of ``agents`` in the given order (for a team snapshot)."""
        return [self.get(user) for user in agents]

    # ------------------------------------------------------------------ changes

    def connected(self, user: User, client_version: str) -> AgentPresence:
        """A connection of ``user`` signed in: cancel any grace timer, mark them connected."""
        timer = self._grace_timers.pop(user.id, None)
        if timer is not None:
            timer.cancel()
        now = self._clock.wall()
        new = self.get(user).model_copy(
            update={"connected": True, "last_seen": now, "client_version": client_version}
        )
        self._commit(user, new)
        return new

    def disconnected(self, user: User) -> None:
        """The user's connection dropped: start the grace period."""
        self.touch(user)
        self._start_grace(user)

    def signed_out(self, user: User) -> AgentPresence:
        """The user signed out (or was signed out): signed_out and not connected, at once."""
        timer = self._grace_timers.pop(user.id, None)
        if timer is not None:
            timer.cancel()
        current = self.get(user)
        now = self._clock.wall()
        update: dict[str, object] = {"connected": False, "last_seen": now}
        if current.state is not AgentState.SIGNED_OUT:
            update.update(state=AgentState.SIGNED_OUT, reason=None, channel=None, since=now)
        new = current.model_copy(update=update)
        self._commit(user, new)
        return new

    def set_audio_check(self, user: User, check: AudioCheckSummary) -> AgentPresence:
        """Keep ``user``'s latest audio check and show it to the leads (memory only, like a
        heartbeat: it is re-sent by the client after a reconnect, so a hub restart loses little).
        """
        new = self.get(user).model_copy(update={"audio_check": check})
        self._book[user.id] = new
        self._notify(user, new)
        return new

    def annotate(self, user: User, **fields: object) -> AgentPresence:
        """Change presence fields kept in memory only (raised hand, line quality) and show it."""
        new = self.get(user).model_copy(update=fields)
        self._book[user.id] = new
        self._notify(user, new)
        return new

    def touch(self, user: User) -> None:
        """A heartbeat: remember ``last_seen`` (written later, not fanned out)."""
        current = self.get(user)
        self._book[user.id] = current.model_copy(update={"last_seen": self._clock.wall()})
        self._dirty.add(user.id)

    def apply_report(
        self, user: User, client_id: str, report: StateReport, peer: str | None
    ) -> bool:
        """Apply a state report of ``user`` exactly once; False when it was a duplicate."""
        now = self._clock.wall()
        current = self.get(user)
        at = report.at if report.at.tzinfo is not None else report.at.replace(tzinfo=UTC)
        # The client's clock says when it happened (reports may arrive late after a drop), but
        # it cannot be trusted to run true: keep "since" between the previous change and now.
        since = min(max(at, current.since), now)
        new = current.model_copy(
            update={
                "state": report.state,
                "reason": report.reason,
                "channel": report.channel,
                "since": since,
                "connected": True,
                "last_seen": now,
            }
        )
        event = StateEventRow(
            user_id=user.id,
            client_id=client_id,
            seq=report.seq,
            state=report.state,
            reason=report.reason,
            channel=report.channel,
            wrap_up_code=report.wrap_up_code,
            at_client=at,
            at_hub=now,
        )
        if not self._storage.apply_report(event, _row(new), actor=user.username, peer=peer):
            return False
        self._dirty.discard(user.id)
        if self.enrich is not None:
            new = self.enrich(user, new)
        self._book[user.id] = new
        self._notify(user, new)
        return True

    # ------------------------------------------------------------------ internals

    def _model(self, user: User, row: PresenceRow) -> AgentPresence:
        return AgentPresence(
            user_id=user.id,
            username=user.username,
            display_name=user.display_name[:80],
            team=user.team,
            state=row.state,
            reason=row.reason,
            channel=row.channel,
            since=row.since,
            connected=row.connected,
            last_seen=row.last_seen,
            client_version=row.client_version,
        )

    def _start_grace(self, user: User) -> None:
        old = self._grace_timers.pop(user.id, None)
        if old is not None:
            old.cancel()
        loop = asyncio.get_running_loop()
        self._grace_timers[user.id] = loop.call_later(self._grace, self._grace_over, user)

    def _grace_over(self, user: User) -> None:
        # A timer callback: an exception here would only reach the loop's handler, so log it.
        try:
            self._grace_timers.pop(user.id, None)
            current = self.get(user)
            if current.connected:
                self._commit(user, current.model_copy(update={"connected": False}))
        except Exception:
            log.exception("marking %s disconnected failed", user.username)

    def _commit(self, user: User, new: AgentPresence) -> None:
        self._storage.save_presence([_row(new)])
        self._dirty.discard(user.id)
        self._book[user.id] = new
        self._notify(user, new)

    def _notify(self, user: User, new: AgentPresence) -> None:
        try:
            self._on_change(user, new)
        except Exception:
            log.exception("presence fan-out failed for %s", user.username)

    def flush(self) -> None:
        """Write the ``last_seen`` times that are only in memory (housekeeping, close)."""
        rows = [_row(self._book[uid]) for uid in self._dirty if uid in self._book]
        self._dirty.clear()
        if rows:
            self._storage.save_presence(rows)
