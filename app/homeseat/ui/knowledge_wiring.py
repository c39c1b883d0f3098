"""Wires the knowledge feature into the client shell: local copy, sync, and the panel.

Runs on the Qt main thread (which is also the asyncio loop's, through qasync). Created with the
platform session, before sign-in, so the first connection already syncs; the panel is attached to
the main window once it exists; :meth:`KnowledgeFeature.close` closes the local copy after the
session has stopped.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from homeseat.core.chats import Sender
from homeseat.knowledge.store import KnowledgeStore
from homeseat.knowledge.sync import HubLink, KnowledgeSync
from homeseat.platform.chat import ChatEvent, ChatEventKind
from homeseat.platform.supervision import SupervisionClient
from homeseat.protocol.supervision import LeadNotice, SurgeLevel
from homeseat.ui.chat_pane import ChatArea
from homeseat.ui.knowledge_panel import KnowledgePanel
from homeseat.ui.panes import KnowledgePane

__all__ = [
    "KnowledgeFeature",
    "ChatFollower",
    "SurgeFollower",
    "SurgeTarget",
    "follow_chat",
    "follow_surge",
    "knowledge_path",
]


def knowledge_path(client_store_path: str) -> str:
    """The local knowledge copy lives next to the client store (in memory for a memory store)."""
    if client_store_path == ":memory:":
        return ":memory:"
    return str(Path(client_store_path).with_name("knowledge.sqlite3"))


class KnowledgeFeature:
    """The local knowledge copy, its sync with the hub and the panel over it.

    Args:
        link: the platform session.
        path: the local copy's SQLite file.
    """

    def __init__(self, link: HubLink, path: str) -> None:
        self.store = KnowledgeStore(path)
        self.sync = KnowledgeSync(self.store, link)
        self.panel: KnowledgePanel | None = None

    def attach(self, pane: KnowledgePane, team: str) -> KnowledgePanel:
        """Put a panel for ``team`` into the window's knowledge pane."""
        panel = KnowledgePanel(self.store, team=team, feedback=self.sync.feedback)
        self.sync.add_listener(panel)
        pane.set_panel(panel)
        self.panel = panel
        return panel

    def close(self) -> None:
        """Close the local copy (after the session and the window are gone)."""
        self.store.close()


class ChatFollower:
    """Suggests cards from what the customer says in the chat the agent has open (a
    ``ChatListener``; loop thread = Qt main thread)."""

    def __init__(self, panel: KnowledgePanel, area: ChatArea) -> None:
        self._panel = panel
        self._area = area
        self._seen: dict[str, int] = {}

    def on_chat_event(self, event: ChatEvent) -> None:
        """A new customer line in the open chat (or the only one) becomes suggestions."""
        if event.kind is not ChatEventKind.LINE:
            return
        current = self._area.current_chat()
        if current is not None and current != event.chat_id:
            return
        chat = self._area.client.book.get(event.chat_id)
        if chat is None or not chat.lines:
            return
        line = chat.lines[-1]
        if line.sender is Sender.CUSTOMER and self._seen.get(event.chat_id) != line.seq:
            self._seen[event.chat_id] = line.seq
            self._panel.suggest(line.text)


def follow_chat(panel: KnowledgePanel, area: ChatArea) -> ChatFollower:
    """Suggest cards from customer lines as they arrive (without touching the focus)."""
    follower = ChatFollower(panel, area)
    area.client.add_listener(follower)
    return follower


class SurgeTarget(Protocol):
    """What follows the surge level (the knowledge panel)."""

    def set_surge_level(self, level: int) -> None: ...


class SurgeFollower:
    """Follows the team's surge level (a ``SupervisionListener``; loop thread): from level 2
    the panel shows short scripts first (服务降级)."""

    def __init__(self, panel: SurgeTarget, team: str) -> None:
        self._panel = panel
        self._team = team

    def on_surge(self, level: SurgeLevel) -> None:
        """The hub announced a team's level; only the agent's own team matters here."""
        if level.team == self._team:
            self._panel.set_surge_level(level.level)

    def on_notice(self, notice: LeadNotice) -> None:
        """Not used."""


def follow_surge(panel: SurgeTarget, supervision: SupervisionClient, team: str) -> SurgeFollower:
    """Apply the team's current surge level now and every change from the hub."""
    follower = SurgeFollower(panel, team)
    supervision.add_listener(follower)
    panel.set_surge_level(supervision.surge_level(team))
    return follower
