"""Robot agents for the demo: real PlatformSessions that live through a shift on a random schedule.

Runs on the caller's asyncio loop (the Qt main thread's qasync loop in ``homeseat demo``). Each
robot signs in with a password like an agent, then goes Ready, gets offered calls and chats,
takes them, wraps up, sometimes asks for a break during a call (pending Not Ready), and the
"flaky" one loses its connection now and then, so a lead's pane shows every state.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections.abc import Sequence

from homeseat.config.model import HubSettings
from homeseat.core.agent_state import (
    AgentState,
    AgentStateMachine,
    EventKind,
    InvalidTransition,
    StateEvent,
)
from homeseat.core.codes import LabeledCode
from homeseat.core.outbox import MemoryOutboxStore, Outbox
from homeseat.demo_customers import RobotChat
from homeseat.platform.chat import ChatClient
from homeseat.platform.session import PlatformSession, SessionInfo
from homeseat.security.secrets import MemorySecretStore

__all__ = ["Robot"]

log = logging.getLogger(__name__)


class Robot:
    """One simulated agent.

    Args:
        username: the hub account.
        password: its password.
        hub: how to reach the hub.
        reason_codes: Not Ready reasons it may pick.
        wrap_up_codes: wrap-up codes it may pick.
        rng: random source (seeded in tests).
        pace: multiplies every wait (smaller is livelier).
        flaky: drop the connection now and then (shows "Disconnected" to the lead).
    """

    def __init__(
        self,
        username: str,
        password: str,
        hub: HubSettings,
        *,
        reason_codes: Sequence[LabeledCode],
        wrap_up_codes: Sequence[LabeledCode],
        rng: random.Random,
        pace: float = 1.0,
        flaky: bool = False,
    ) -> None:
        self.username = username
        self._password = password
        self._rng = rng
        self._pace = pace
        self._flaky = flaky
        self._reasons = [c.code for c in reason_codes]
        self._wrap_up_codes = [c.code for c in wrap_up_codes]
        machine = AgentStateMachine(set(self._reasons), set(self._wrap_up_codes))
        self.session = PlatformSession(
            hub,
            machine=machine,
            outbox=Outbox(MemoryOutboxStore()),
            secrets=MemorySecretStore(),
            client_id=f"demo-robot-{username}",
            client_version="demo-robot",
        )
        self._task: asyncio.Task[None] | None = None
        # Real customer chats from the hub (issue 6): the robot takes them like an agent.
        self.chat = RobotChat(
            ChatClient(self.session, author=username), rng, self._wrap_up_codes, pace=pace
        )

    async def start(self) -> SessionInfo:
        """Sign in (raises SignInError) and start living."""
        info = await self.session.sign_in(self.username, self._password, remember=False)
        self._task = asyncio.get_running_loop().create_task(
            self._live(), name=f"robot-{self.username}"
        )
        self._task.add_done_callback(self._task_done)
        return info

    async def stop(self) -> None:
        """Stop living and close the session (no sign-out: the demo is ending)."""
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await self.chat.stop()
        await self.session.close()

    # ------------------------------------------------------------------ behaviour

    async def _pause(self, low: float, high: float) -> None:
        await asyncio.sleep(self._rng.uniform(low, high) * self._pace)

    def _do(self, event: StateEvent) -> bool:
        try:
            self.session.request(event)
        except InvalidTransition as exc:
            # The schedule below follows the state table, so this means a resync moved us.
            log.info("robot %s: %s", self.username, exc)
            return False
        return True

    async def _live(self) -> None:
        # Shifts start Not Ready (the hub's word); robots get to work quickly so a lead's pane
        # shows every state within seconds of the demo starting.
        await self._pause(0.2, 1.5)
        if self._rng.random() < 0.3:
            # Some start their shift on a break or in a meeting, as on a real floor.
            self._do(StateEvent(EventKind.GO_NOT_READY, reason=self._rng.choice(self._reasons)))
        else:
            self._do(StateEvent(EventKind.GO_READY))
        next_drop = self._rng.uniform(12, 25)
        elapsed = 0.0
        while True:
            started = asyncio.get_running_loop().time()
            await self._step()
            elapsed += asyncio.get_running_loop().time() - started
            if self._flaky and elapsed > next_drop:
                await self._drop_connection()
                elapsed, next_drop = 0.0, self._rng.uniform(15, 30)

    async def _step(self) -> None:
        state = self.session.status.state
        if state is AgentState.NOT_READY:
            await self._pause(2.0, 7.0)
            self._do(StateEvent(EventKind.GO_READY))
        elif state is AgentState.READY:
            await self._pause(0.5, 3.5)
            if self._rng.random() < 0.12:
                self._do(StateEvent(EventKind.GO_NOT_READY, reason=self._rng.choice(self._reasons)))
            else:
                self._do(
                    # Chats come from the hub's real customers now; pretend calls only.
                    StateEvent(EventKind.OFFER, channel="call")
                )
        elif state is AgentState.OFFERED:
            await self._pause(0.8, 2.5)
            self._do(
                StateEvent(EventKind.ACCEPT if self._rng.random() < 0.9 else EventKind.DECLINE)
            )
        elif state is AgentState.BUSY:
            await self._pause(1.0, 4.0)
            if self._rng.random() < 0.25 and self.session.status.pending_reason is None:
                self._do(StateEvent(EventKind.GO_NOT_READY, reason=self._rng.choice(self._reasons)))
            await self._pause(0.5, 6.0)
            self._do(StateEvent(EventKind.END))
        elif state is AgentState.WRAP_UP:
            await self._pause(1.0, 6.0)
            self._do(
                StateEvent(EventKind.FINISH_WRAP_UP, code=self._rng.choice(self._wrap_up_codes))
            )
        else:  # signed out by the hub: nothing more to do
            await self._pause(1.0, 2.0)

    async def _drop_connection(self) -> None:
        """Lose the link for a while (closing, not signing out), then sign in again."""
        await self.session.close()
        # Longer than the hub's grace period (15 s by default), so leads see "Disconnected".
        await self._pause(20.0, 30.0)
        await self.session.sign_in(self.username, self._password, remember=False)

    def _task_done(self, task: asyncio.Task[None]) -> None:
        if not task.cancelled() and task.exception() is not None:
            log.error("robot %s stopped", self.username, exc_info=task.exception())
