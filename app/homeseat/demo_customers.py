"""Scripted customers and chatting robots for ``homeseat demo``.

Runs on the caller's asyncio loop (the Qt main thread's qasync loop in the demo). A
:class:`DemoCustomer` speaks the customer page's protocol on the hub's ``/chat/ws`` exactly as the
web page does (message ids, acks); a :class:`CustomerCrowd` keeps a few of them coming, so the
demo's agent window gets real offers. :class:`RobotChat` lets a robot agent take chats: it
accepts offers, answers with canned lines and closes with a wrap-up code. Every task logs its
failure instead of dying silently.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import ssl
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake

from homeseat.core.chats import ChatPhase, Sender
from homeseat.platform.chat import ChatClient, ChatEvent, ChatEventKind
from homeseat.protocol import encode
from homeseat.protocol.chat import (
    ChatLine,
    CustomerLeave,
    CustomerSend,
    CustomerStart,
    CustomerStatus,
)
from homeseat.protocol.customer import TO_CUSTOMER_ADAPTER

__all__ = ["Script", "SCRIPTS", "DemoCustomer", "CustomerCrowd", "RobotChat"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Script:
    """What one demo customer says."""

    name: str
    topic: str
    lines: tuple[str, ...]


SCRIPTS: tuple[Script, ...] = (
    Script(
        "陈先生 13812345678",
        "账单疑问",
        ("你好，我这个月的话费好像多扣了50元", "我的手机号就是13812345678", "好的，谢谢"),
    ),
    Script("Mary Jones", "Refund", ("Hi, I'd like a refund for order 88231", "Thanks a lot!")),
    Script(
        "王女士",
        "宽带故障",
        ("家里宽带从昨晚开始断了", "身份证号11010519491231002X，麻烦查一下", "什么时候能修好？"),
    ),
    Script("Li Na", "Card", ("My card 6222021234567890128 was charged twice", "OK, thank you")),
    Script("赵先生", "套餐变更", ("想把套餐换成便宜一点的", "邮箱 zhao.lei@example.com", "好的")),
)

_ANSWERS = (
    "您好，我来帮您处理。",
    "Let me check that for you, one moment please.",
    "已经为您查询到了，请稍等。",
    "Is there anything else I can help you with?",
)


class DemoCustomer:
    """One scripted customer.

    Args:
        base_url: the hub (``wss://host:port``).
        ca_file: the CA that signed the hub's certificate (None: system CAs / plain ws).
        script: what to say.
        rng: pauses between lines.
        pace: multiplies every pause.
    """

    def __init__(
        self,
        base_url: str,
        ca_file: Path | None,
        script: Script,
        rng: random.Random,
        *,
        pace: float = 1.0,
        team: str = "alpha",
    ) -> None:
        self._url = base_url.rstrip("/") + "/chat/ws"
        self._ca_file = ca_file
        self.script = script
        self._rng = rng
        self._pace = pace
        self._team = team
        self.lines: list[ChatLine] = []
        self.connected_to: str | None = None
        self._agent_lines = asyncio.Event()

    async def run(self) -> None:
        """Open a chat, wait for an agent, say the script (waiting for answers), then leave."""
        context: ssl.SSLContext | None = None
        if self._url.startswith("wss://"):
            context = ssl.create_default_context(
                cafile=str(self._ca_file) if self._ca_file else None
            )
        try:
            async with connect(self._url, ssl=context, open_timeout=10) as ws:
                await ws.send(
                    encode(
                        CustomerStart(
                            name=self.script.name, topic=self.script.topic, team=self._team
                        )
                    )
                )
                reader = asyncio.create_task(self._read(ws))
                try:
                    await self._talk(ws)
                finally:
                    reader.cancel()
                    with contextlib.suppress(asyncio.CancelledError):
                        await reader
        except (OSError, InvalidHandshake, ConnectionClosed) as exc:
            log.info("demo customer %s gave up: %s", self.script.topic, type(exc).__name__)

    async def _talk(self, ws: ClientConnection) -> None:
        # Customers wait up to two minutes in the queue, like patient people do.
        for _ in range(1200):
            if self.connected_to is not None:
                break
            await asyncio.sleep(0.1)
        else:
            return
        for text in self.script.lines:
            await asyncio.sleep(self._rng.uniform(1.0, 3.0) * self._pace)
            await ws.send(encode(CustomerSend(msg_id=f"demo-{uuid.uuid4().hex}", text=text)))
            self._agent_lines.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._agent_lines.wait(), 40 * self._pace)
        await asyncio.sleep(self._rng.uniform(2.0, 4.0) * self._pace)
        await ws.send(encode(CustomerLeave()))
        await asyncio.sleep(0.5)

    async def _read(self, ws: ClientConnection) -> None:
        with contextlib.suppress(ConnectionClosed):
            async for frame in ws:
                msg = TO_CUSTOMER_ADAPTER.validate_json(frame)
                if isinstance(msg, ChatLine):
                    self.lines.append(msg)
                    if msg.sender == "agent":
                        self._agent_lines.set()
                elif isinstance(msg, CustomerStatus) and msg.status == "connected":
                    self.connected_to = msg.agent or "?"


class CustomerCrowd:
    """Sends a new scripted customer every so often, a few at a time.

    Args:
        base_url: the hub.
        ca_file: its CA.
        rng: which script, and when.
        every: seconds between new customers (on average).
        at_once: customers at most in flight.
        pace: multiplies the customers' pauses.
    """

    def __init__(
        self,
        base_url: str,
        ca_file: Path | None,
        rng: random.Random,
        *,
        every: float = 8.0,
        at_once: int = 6,
        pace: float = 1.0,
    ) -> None:
        self._base_url = base_url
        self._ca_file = ca_file
        self._rng = rng
        self._every = every
        self._at_once = at_once
        self._pace = pace
        self._task: asyncio.Task[None] | None = None
        self._customers: set[asyncio.Task[None]] = set()
        self.started = 0

    def start(self) -> None:
        """Start sending customers (on the running loop)."""
        self._task = asyncio.get_running_loop().create_task(self._loop(), name="demo-customers")
        self._task.add_done_callback(_log_failure)

    async def stop(self) -> None:
        """Stop: no new customers, the ones in flight are cut off."""
        tasks = [t for t in (self._task, *self._customers) if t is not None]
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._customers.clear()

    async def _loop(self) -> None:
        await asyncio.sleep(1.0)
        while True:
            if len(self._customers) < self._at_once:
                script = SCRIPTS[self.started % len(SCRIPTS)]
                customer = DemoCustomer(
                    self._base_url,
                    self._ca_file,
                    script,
                    random.Random(self._rng.random()),
                    pace=self._pace,
                )
                task = asyncio.get_running_loop().create_task(customer.run())
                self._customers.add(task)
                task.add_done_callback(self._customers.discard)
                task.add_done_callback(_log_failure)
                self.started += 1
            await asyncio.sleep(self._rng.uniform(0.5, 1.5) * self._every)


class RobotChat:
    """Makes a robot agent take chats: accept, answer each customer line, close after a few.

    Args:
        client: the robot's chat client.
        rng: pauses and answers.
        wrap_up_codes: codes to close with.
        pace: multiplies every pause.
    """

    def __init__(
        self,
        client: ChatClient,
        rng: random.Random,
        wrap_up_codes: list[str],
        *,
        pace: float = 1.0,
    ) -> None:
        self._client = client
        self._rng = rng
        self._codes = wrap_up_codes or ["resolved"]
        self._pace = pace
        self._tasks: set[asyncio.Task[None]] = set()
        client.add_listener(self)

    def on_chat_event(self, event: ChatEvent) -> None:
        """React like an agent would (on the loop thread)."""
        chat = self._client.book.get(event.chat_id)
        if chat is None:
            return
        if event.kind is ChatEventKind.OFFERED and chat.phase is ChatPhase.OFFERED:
            self._later(self._rng.uniform(0.5, 2.0), self._accept, event.chat_id)
        elif event.kind is ChatEventKind.LINE and chat.lines:
            if chat.lines[-1].sender is Sender.CUSTOMER:
                self._later(self._rng.uniform(1.5, 4.0), self._answer, event.chat_id)
        elif event.kind is ChatEventKind.ENDED and chat.end_reason == "customer_left":
            self._later(self._rng.uniform(1.0, 3.0), self._wrap_up, event.chat_id)

    async def stop(self) -> None:
        """Cancel pending reactions."""
        for task in list(self._tasks):
            task.cancel()
        for task in list(self._tasks):
            with contextlib.suppress(asyncio.CancelledError):
                await task

    def _accept(self, chat_id: str) -> None:
        chat = self._client.book.get(chat_id)
        if chat is not None and chat.phase is ChatPhase.OFFERED:
            self._client.accept(chat_id)

    def _answer(self, chat_id: str) -> None:
        chat = self._client.book.get(chat_id)
        if chat is not None and chat.phase is ChatPhase.ACTIVE and chat.awaiting_reply:
            self._client.send_text(chat_id, self._rng.choice(_ANSWERS))

    def _wrap_up(self, chat_id: str) -> None:
        chat = self._client.book.get(chat_id)
        if chat is not None and chat.phase is ChatPhase.CLOSED:
            self._client.close(chat_id, self._rng.choice(self._codes))
            self._client.dismiss(chat_id)

    def _later(self, delay: float, action: Callable[[str], None], chat_id: str) -> None:
        async def run() -> None:
            await asyncio.sleep(delay * self._pace)
            action(chat_id)

        task = asyncio.get_running_loop().create_task(run())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        task.add_done_callback(_log_failure)


def _log_failure(task: asyncio.Task[None]) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error("demo chat task failed", exc_info=task.exception())
