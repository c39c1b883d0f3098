"""Helpers that build real client sessions against a real hub (used by tests and benchmarks)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

from homeseat.config.model import HubSettings
from homeseat.core.agent_state import AgentStateMachine, AgentStatus
from homeseat.core.codes import DEFAULT_REASON_CODES, DEFAULT_WRAP_UP_CODES
from homeseat.core.outbox import MemoryOutboxStore, Outbox
from homeseat.hub import Storage
from homeseat.hub.auth import hash_password
from homeseat.hub.demo import DEMO_PASSWORD
from homeseat.platform.local import ClientStore
from homeseat.platform.session import Link, PlatformSession
from homeseat.protocol import AgentPresence
from homeseat.security.secrets import MemorySecretStore, SecretStore

__all__ = ["Recorder", "add_agents", "make_session", "wait_for"]


@dataclass
class Recorder:
    """A SessionListener that records everything it hears, with arrival times."""

    links: list[Link] = field(default_factory=list)
    statuses: list[AgentStatus] = field(default_factory=list)
    team: dict[str, AgentPresence] = field(default_factory=dict)
    deltas: list[tuple[float, AgentPresence]] = field(default_factory=list)
    snapshots: int = 0
    ended: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    on_delta_hook: Callable[[AgentPresence], None] | None = None

    def on_link(self, link: Link, detail: str) -> None:
        self.links.append(link)

    def on_status(self, status: AgentStatus) -> None:
        self.statuses.append(status)

    def on_team_snapshot(self, agents: list[AgentPresence]) -> None:
        self.snapshots += 1
        self.team = {a.username: a for a in agents}

    def on_team_delta(self, agents: list[AgentPresence]) -> None:
        now = time.perf_counter()
        for a in agents:
            self.team[a.username] = a
            self.deltas.append((now, a))
            if self.on_delta_hook is not None:
                self.on_delta_hook(a)

    def on_ended(self, reason: str, message: str) -> None:
        self.ended.append(reason)

    def on_error(self, message: str) -> None:
        self.errors.append(message)


def make_session(
    url: str,
    ca_file: Path | None,
    *,
    store: ClientStore | None = None,
    secrets: SecretStore | None = None,
    client_id: str | None = None,
    reconnect_max: float = 0.5,
) -> tuple[PlatformSession, Recorder]:
    """A real PlatformSession with a recorder attached (fast reconnects for tests)."""
    settings = HubSettings(
        url=url,
        ca_file=ca_file,
        allow_insecure=url.startswith("ws://"),
        reconnect_min_seconds=0.05,
        reconnect_max_seconds=reconnect_max,
        heartbeat_seconds=2.0,
    )
    machine = AgentStateMachine(
        {c.code for c in DEFAULT_REASON_CODES}, {c.code for c in DEFAULT_WRAP_UP_CODES}
    )
    outbox = store.outbox() if store is not None else Outbox(MemoryOutboxStore())
    cid = store.client_id if store is not None else (client_id or f"test-{id(machine):x}")
    session = PlatformSession(
        settings,
        machine=machine,
        outbox=outbox,
        secrets=secrets or MemorySecretStore(),
        client_id=cid,
        client_version="test",
    )
    recorder = Recorder()
    session.add_listener(recorder)
    return session, recorder


async def wait_for(
    predicate: Callable[[], bool] | Callable[[], Awaitable[bool]],
    within: float = 5.0,
    what: str = "condition",
) -> None:
    """Poll ``predicate`` until true; fail with ``what`` after ``within`` seconds."""
    deadline = time.monotonic() + within
    while True:
        result = predicate()
        if asyncio.iscoroutine(result):
            result = await result
        if result:
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {within} s waiting for {what}")
        await asyncio.sleep(0.01)


def add_agents(db: Path, team: str, count: int, *, lead: str) -> list[str]:
    """Add a team to a hub database (before the hub starts): ``lead`` and ``count`` agents.

    Every account gets :data:`DEMO_PASSWORD`; the hash is computed once (argon2 is slow on
    purpose) and shared. Returns the agents' user names.
    """
    password_hash = hash_password(DEMO_PASSWORD)
    storage = Storage(db)
    try:
        storage.add_user(
            lead, display_name=f"{team} lead", password_hash=password_hash, role="lead", team=team
        )
        names = [f"{team}-agent{i:03d}" for i in range(count)]
        for i, name in enumerate(names):
            storage.add_user(
                name,
                display_name=f"{team} 座席 {i:03d}",
                password_hash=password_hash,
                role="agent",
                team=team,
            )
        return names
    finally:
        storage.close()
