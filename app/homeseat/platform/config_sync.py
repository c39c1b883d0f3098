"""Configuration between this client and the hub: take signed pushes, report the policy status.

Lives on the event-loop thread with the :class:`~homeseat.platform.session.PlatformSession` and
the :class:`~homeseat.config.service.ConfigService`. A push is handed to the service, which
verifies it (signature against the pinned key, serial, expiry) and keeps the previous
configuration when it refuses; the status (including why a push was refused) goes back to the
hub after every change and every time the link comes up, so IT always sees what runs here.
"""

from __future__ import annotations

import asyncio
import logging

from pydantic import ValidationError

from homeseat.config.service import ConfigService
from homeseat.config.status import PolicyStatus
from homeseat.core.agent_state import AgentStatus
from homeseat.platform.session import Link, PlatformSession
from homeseat.protocol import AgentPresence, HubMessage
from homeseat.protocol.config_push import ConfigPush, ConfigStatus, ConfigStatusReport

__all__ = ["ConfigSync"]

log = logging.getLogger(__name__)


class ConfigSync:
    """Applies the hub's pushes to the config service and reports its status to the hub.

    Args:
        session: the hub session (its handlers and listeners get this object's readers).
        service: the client's configuration service.
    """

    def __init__(self, session: PlatformSession, service: ConfigService) -> None:
        self._session = session
        self._service = service
        self._tasks: set[asyncio.Task[None]] = set()
        self.reports_sent = 0
        session.add_handler(self._on_message)
        session.add_listener(self)
        self._unsubscribe = service.subscribe_status(self._on_status)

    def close(self) -> None:
        """Stop reporting (the session may live on)."""
        self._unsubscribe()
        for task in self._tasks:
            task.cancel()

    # ------------------------------------------------------------------ hub → client

    def _on_message(self, msg: HubMessage) -> None:
        if isinstance(msg, ConfigPush):
            result = self._service.apply_push(msg.envelope.model_dump(exclude_none=True))
            if result.accepted:
                log.info("policy push %s accepted (scope %s)", result.serial, msg.scope)
            else:
                log.warning("policy push refused: %s", result.message)
            # The service reports its status itself (subscribe_status) after a push.

    # ------------------------------------------------------------------ client → hub

    def _on_status(self, status: PolicyStatus) -> None:
        self._report(status)

    def _report(self, status: PolicyStatus) -> None:
        if self._session.link is not Link.ONLINE:
            return  # sent again when the link comes up
        try:
            body = ConfigStatus.model_validate(status.to_dict())
        except ValidationError as exc:  # a bug here must not break the session: say it
            log.error("policy status does not fit the protocol: %s", exc)
            return
        task = asyncio.get_running_loop().create_task(self._send(body))
        self._tasks.add(task)
        task.add_done_callback(self._done)

    async def _send(self, body: ConfigStatus) -> None:
        if await self._session.send(ConfigStatusReport(status=body)):
            self.reports_sent += 1

    def _done(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("reporting the policy status failed", exc_info=task.exception())

    # ------------------------------------------------------------------ SessionListener

    def on_link(self, link: Link, detail: str) -> None:
        """The link came up: tell the hub what runs here."""
        if link is Link.ONLINE:
            self._report(self._service.status())

    def on_status(self, status: AgentStatus) -> None:
        """Not used."""

    def on_team_snapshot(self, agents: list[AgentPresence]) -> None:
        """Not used."""

    def on_team_delta(self, agents: list[AgentPresence]) -> None:
        """Not used."""

    def on_ended(self, reason: str, message: str) -> None:
        """Not used."""

    def on_error(self, message: str) -> None:
        """Not used."""
