"""The session → Qt bridge: a SessionListener that re-emits every callback as a Qt signal.

Runs on the Qt main thread. The session lives on the same thread (asyncio through qasync), so the
signals are delivered directly; the bridge exists to keep widgets decoupled from the session and
to make the boundary explicit (widgets connect to signals, never register as listeners).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from homeseat.core.agent_state import AgentStatus
from homeseat.platform.session import Link
from homeseat.protocol import AgentPresence

__all__ = ["SessionBridge"]


class SessionBridge(QObject):
    """Implements ``SessionListener``; each callback becomes a signal of the same meaning."""

    link_changed = Signal(object, str)  # Link, detail
    status_changed = Signal(object)  # AgentStatus
    team_snapshot = Signal(list)  # list[AgentPresence]
    team_delta = Signal(list)  # list[AgentPresence]
    ended = Signal(str, str)  # reason, message
    error = Signal(str)  # message worth showing

    def on_link(self, link: Link, detail: str) -> None:
        """The connection to the hub changed."""
        self.link_changed.emit(link, detail)

    def on_status(self, status: AgentStatus) -> None:
        """The agent's own status changed (or an acknowledgement arrived)."""
        self.status_changed.emit(status)

    def on_team_snapshot(self, agents: list[AgentPresence]) -> None:
        """The whole team (after subscribing or reconnecting)."""
        self.team_snapshot.emit(agents)

    def on_team_delta(self, agents: list[AgentPresence]) -> None:
        """Some team members changed."""
        self.team_delta.emit(agents)

    def on_ended(self, reason: str, message: str) -> None:
        """The hub ended the session (revoked, replaced, logout)."""
        self.ended.emit(reason, message)

    def on_error(self, message: str) -> None:
        """The hub refused something; the message is for people."""
        self.error.emit(message)
