"""The headless robot agent: signs in, goes Ready, answers calls, plays a WAV, records each call.

Platform teams load-test a deployment with many of these; the integration tests use one. It
runs on one asyncio loop (the caller's); the SIP engine runs on its own thread and its events
cross to the loop with ``call_soon_threadsafe``. Secrets come from the keyring only: the hub
session resumes with its remembered refresh token, else signs in with the password stored
under ``robot-password:<user>``; the SIP password is under ``sip:<account id>``.
Each call is recorded to ``<record dir>/call-<n>.wav`` (no customer number in the name).
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from homeseat import __version__
from homeseat.audio.bridge import CallAudioBridge, WavSink, WavSource
from homeseat.config.model import ClientSettings
from homeseat.core.agent_state import AgentState, AgentStateMachine, EventKind, StateEvent
from homeseat.core.calls import CallEventKind, CallState
from homeseat.core.outbox import MemoryOutboxStore, Outbox
from homeseat.core.quality import QualityScore
from homeseat.platform.session import PlatformSession
from homeseat.platform.supervision import SupervisionClient
from homeseat.security.secrets import SecretStore
from homeseat.sip.agent_link import CallAgentLink
from homeseat.sip.engine import SipEngine
from homeseat.sip.events import (
    CallChanged,
    CallQuality,
    EngineError,
    RegistrationChanged,
    RegState,
    SipEvent,
)
from homeseat.sip.reporting import quality_report
from homeseat.sip.settings import account_config, engine_config

__all__ = ["RobotOptions", "RobotReport", "RobotError", "run_robot", "robot_password_entry"]

log = logging.getLogger(__name__)
K = CallEventKind


def robot_password_entry(username: str) -> str:
    """The keyring entry holding a robot's hub password."""
    return f"robot-password:{username}"


class RobotError(RuntimeError):
    """The robot cannot work (sign-in refused, no SIP account or password...)."""


@dataclass(frozen=True, slots=True)
class RobotOptions:
    """What the robot does.

    Attributes:
        username: the hub user it signs in as.
        play: WAV file played (looped) into every call.
        record_dir: where each call's received audio is written.
        answer_after_s: ringing time before it answers.
        wrap_up_s: wrap-up time before it goes Ready again.
        duration_s: stop after this long (None: until ``stop`` is set).
        account_id: the SIP account of the configuration (None: the first).
        bind_address: local address for SIP and RTP ("" for any).
    """

    username: str
    play: Path
    record_dir: Path
    answer_after_s: float = 1.0
    wrap_up_s: float = 3.0
    duration_s: float | None = None
    account_id: str | None = None
    bind_address: str = ""


@dataclass
class RobotReport:
    """What the robot did."""

    calls_answered: int = 0
    recordings: list[Path] = field(default_factory=list)
    mos: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


async def _sign_in(session: PlatformSession, secrets: SecretStore, username: str) -> None:
    with contextlib.suppress(Exception):
        if await session.resume(username) is not None:
            return
    password = secrets.get(robot_password_entry(username))
    if not password:
        raise RobotError(
            f"no remembered session and no password in the keyring entry "
            f"{robot_password_entry(username)!r} for {username!r}"
        )
    await session.sign_in(username, password)


async def run_robot(
    settings: ClientSettings,
    options: RobotOptions,
    secrets: SecretStore,
    *,
    stop: asyncio.Event | None = None,
    say: Callable[[str], None] = lambda line: log.info("%s", line),
) -> RobotReport:
    """Work as a robot agent until ``options.duration_s`` passes or ``stop`` is set."""
    accounts = settings.sip.accounts
    account = next(
        (a for a in accounts if options.account_id in (None, a.id)),
        None,
    )
    if account is None:
        raise RobotError("the configuration has no SIP account for the robot")
    sip_account = account_config(
        settings.sip, account, options.username, secrets.get(account.keyring_account)
    )
    source_check = WavSource(options.play, 16000)  # refuse a bad WAV before signing in
    del source_check
    options.record_dir.mkdir(parents=True, exist_ok=True)
    machine = AgentStateMachine(
        {c.code for c in settings.reason_codes}, {c.code for c in settings.wrap_up_codes}
    )
    session = PlatformSession(
        settings.hub,
        machine=machine,
        outbox=Outbox(MemoryOutboxStore()),
        secrets=secrets,
        client_id=f"robot-{options.username}",
        client_version=f"{__version__}+robot",
    )
    supervision = SupervisionClient(session)
    report = RobotReport()
    loop = asyncio.get_running_loop()
    inbox: asyncio.Queue[SipEvent] = asyncio.Queue()
    sinks: dict[str, WavSink] = {}

    numbers = itertools.count(1)  # never reused: a finished call's file is not overwritten

    def audio(call_id: str, rate: int, frame: int) -> CallAudioBridge:
        sink = WavSink(options.record_dir / f"call-{next(numbers)}.wav", rate)
        sinks[call_id] = sink
        return CallAudioBridge(rate, frame, WavSource(options.play, rate), sink)

    def post(event: SipEvent) -> None:  # engine thread → this loop
        loop.call_soon_threadsafe(inbox.put_nowait, event)

    engine = SipEngine(
        engine_config(settings.sip, bind_address=options.bind_address),
        post,
        audio_factory=audio,
    )
    stop = stop or asyncio.Event()
    if options.duration_s is not None:
        loop.call_later(options.duration_s, stop.set)
    try:
        await _sign_in(session, secrets, options.username)
        session.request(StateEvent(EventKind.GO_READY))
        say(f"signed in as {options.username}, Ready")
        await loop.run_in_executor(None, engine.start)
        engine.add_account(sip_account)
        link = CallAgentLink(session.request)
        quality: dict[str, QualityScore] = {}

        async def answer_later(call_id: str) -> None:
            await asyncio.sleep(options.answer_after_s)
            call = link.lines.get(call_id)
            if call is not None and call.state is CallState.RINGING:
                engine.answer(call_id)

        async def finish_wrap_up() -> None:
            await asyncio.sleep(options.wrap_up_s)
            if machine.status.state is AgentState.WRAP_UP:
                code = settings.wrap_up_codes[0].code if settings.wrap_up_codes else None
                session.request(StateEvent(EventKind.FINISH_WRAP_UP, code=code))
                say("wrap-up done, Ready")

        tasks: set[asyncio.Task[None]] = set()

        def spawn(coro: Coroutine[Any, Any, None]) -> None:
            task = loop.create_task(coro)
            tasks.add(task)
            task.add_done_callback(tasks.discard)

        while not stop.is_set():
            getter = asyncio.ensure_future(inbox.get())
            stopper = asyncio.ensure_future(stop.wait())
            done, _ = await asyncio.wait({getter, stopper}, return_when=asyncio.FIRST_COMPLETED)
            stopper.cancel()
            if getter not in done:
                getter.cancel()
                break
            event = getter.result()
            if isinstance(event, RegistrationChanged):
                say(f"SIP {event.account_id}: {event.explanation}")
                if event.state is RegState.FAILED:
                    report.errors.append(event.explanation)
                continue
            if isinstance(event, EngineError):
                report.errors.append(event.message)
                say(f"SIP error: {event.message}")
                continue
            if isinstance(event, CallQuality):
                quality[event.call_id] = event.score
                continue
            result = link.handle(event)
            if result.reject_call and isinstance(event, CallChanged):
                engine.reject(event.event.call_id)
            call = result.call
            if call is None or not isinstance(event, CallChanged):
                continue
            kind = event.event.kind
            if kind is K.INCOMING:
                say(f"call {call.call_id} ringing on line {call.line}")
                spawn(answer_later(call.call_id))
            elif kind is K.ANSWERED:
                report.calls_answered += 1
                say(f"call {call.call_id} answered")
            elif kind is K.END:
                score = quality.pop(call.call_id, None)
                sink = sinks.pop(call.call_id, None)
                if sink is not None:
                    report.recordings.append(await loop.run_in_executor(None, sink.close))
                if score is not None:
                    report.mos.append(score.mos)
                if call.was_connected:
                    spawn(supervision.report_call(quality_report(call, score, datetime.now(UTC))))
                    spawn(finish_wrap_up())
                say(f"call {call.call_id} ended ({call.end_reason})")
        for task in list(tasks):
            task.cancel()
    finally:
        await loop.run_in_executor(None, engine.stop)
        for sink in sinks.values():  # calls cut by the shutdown still leave their recording
            report.recordings.append(sink.close())
        with contextlib.suppress(Exception):
            await session.sign_out()
        await session.close()
    return report
