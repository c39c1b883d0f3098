"""The first-run network check: hub round trips over the signed-in session, SIP registration.

``HubPinger`` runs on the event-loop thread (the Qt main thread under qasync). ``EngineSipProbe``
is awaited there too, but registers in a child process (``homeseat sip-probe``) on a short-lived
:class:`~homeseat.sip.engine.SipEngine` whose own thread owns pjsua2; a plain thread waits for the
child so the wizard stays responsive. The probe is behind the small :class:`SipProbe` interface,
so the app can hand the wizard its running phone's registration instead, once the phone starts
that early.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import logging
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Protocol, TextIO

from homeseat.config.model import ClientSettings, SipAccount, SipSettings
from homeseat.core.first_run import NetworkReport, SipCheck, SipState
from homeseat.platform.session import PlatformSession
from homeseat.protocol import HubMessage, Ping, Pong
from homeseat.security.secrets import SecretStore
from homeseat.sip.events import (
    AccountConfig,
    EngineConfig,
    RegistrationChanged,
    RegState,
    SipEvent,
    SrtpUse,
    Transport,
)

__all__ = [
    "HubPinger",
    "SipProbe",
    "EngineSipProbe",
    "NoSipProbe",
    "engine_account",
    "register_once",
    "probe_command",
    "sip_probe_main",
    "run_network_check",
]

log = logging.getLogger(__name__)


class HubPinger:
    """Measures application-level round trips to the hub (loop thread).

    Args:
        session: a signed-in session; the pinger sees its messages through a handler.
    """

    _ids = itertools.count(1)

    def __init__(self, session: PlatformSession) -> None:
        self._session = session
        self._waiting: dict[float, asyncio.Future[float]] = {}
        session.add_handler(self._on_message)

    async def measure(self, count: int = 3, wait: float = 5.0) -> tuple[float, ...]:
        """``count`` round trips in milliseconds, one after another.

        Raises:
            ConnectionError: the session is not online.
            TimeoutError: the hub did not answer one ping within ``wait`` seconds.
        """
        loop = asyncio.get_running_loop()
        results: list[float] = []
        for _ in range(count):
            sent_at = time.monotonic()
            future: asyncio.Future[float] = loop.create_future()
            self._waiting[sent_at] = future
            try:
                ok = await self._session.send(Ping(id=f"first-run-{next(self._ids)}", t=sent_at))
                if not ok:
                    raise ConnectionError("not connected to the hub")
                answered_at = await asyncio.wait_for(future, wait)
            finally:
                self._waiting.pop(sent_at, None)
            results.append((answered_at - sent_at) * 1000.0)
        return tuple(results)

    def _on_message(self, msg: HubMessage) -> None:
        if isinstance(msg, Pong):
            future = self._waiting.get(msg.t)
            if future is not None and not future.done():
                future.set_result(time.monotonic())


class SipProbe(Protocol):
    """Tells whether the agent's SIP account registers (awaited on the loop thread)."""

    async def check(self, settings: ClientSettings, username: str) -> SipCheck:
        """Register the first configured account of ``username`` and say how it went."""
        ...


class NoSipProbe:
    """For a computer where the SIP stack is not wanted: reports "not configured" or unavailable."""

    async def check(self, settings: ClientSettings, username: str) -> SipCheck:
        """NOT_CONFIGURED without accounts, else UNAVAILABLE."""
        if not settings.sip.accounts:
            return SipCheck(SipState.NOT_CONFIGURED)
        return SipCheck(SipState.UNAVAILABLE, settings.sip.accounts[0].id, "no SIP stack")


def engine_account(account: SipAccount, password: str, settings: ClientSettings) -> AccountConfig:
    """The engine's account for a configured one (already ``for_agent``).

    The engine registers at the address-of-record's domain, so an account whose ``domain``
    differs from its ``registrar`` is registered at the domain (the usual SBC set-up has both
    the same, or an ``outbound_proxy``, which the phone handles).
    """
    registrar = account.registrar.removeprefix("sips:").removeprefix("sip:")
    return AccountConfig(
        account_id=account.id,
        user=account.auth_user or account.user,
        domain=account.domain or registrar,
        password=password,
        transport=Transport(account.transport),
        srtp=SrtpUse(account.srtp),
        ca_file=settings.sip.ca_file,
        verify_server=settings.sip.verify_server,
        reg_timeout_s=account.register_seconds,
        retry_s=30,
    )


def register_once(
    config: AccountConfig, codecs: tuple[str, ...], bind_address: str, timeout: float
) -> SipCheck:
    """Register ``config`` with a short-lived engine, wait for the answer, stop (blocking).

    Runs in the ``homeseat sip-probe`` child process: the engine's own thread does every pjsua2
    call, and its shutdown (which collects garbage to destroy pjsua2 objects in order) can
    never touch the GUI process's Qt objects.
    """
    from homeseat.sip.engine import SipEngine

    events: queue.SimpleQueue[SipEvent] = queue.SimpleQueue()
    engine = SipEngine(EngineConfig(bind_address=bind_address, codecs=codecs), events.put)
    engine.start()
    try:
        engine.add_account(config)
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                event = events.get(timeout=left)
            except queue.Empty:
                break
            if not isinstance(event, RegistrationChanged) or event.account_id != config.account_id:
                continue
            if event.state is RegState.REGISTERED:
                return SipCheck(
                    SipState.REGISTERED, config.account_id, f"{event.code} {event.reason}"
                )
            if event.state is RegState.FAILED:
                return SipCheck(SipState.FAILED, config.account_id, event.explanation)
        return SipCheck(SipState.TIMEOUT, config.account_id, f"no answer in {timeout:.0f} s")
    finally:
        engine.stop()


def probe_command() -> list[str]:
    """How to start ``homeseat sip-probe``: the bundle's console executable, or this Python."""
    if getattr(sys, "frozen", False):
        exe = Path(sys.executable)
        console = exe.with_name("homeseat-cli.exe")  # Windows: HomeSeat.exe has no stdout
        return [str(console if console.exists() else exe), "sip-probe"]
    return [sys.executable, "-m", "homeseat.cli", "sip-probe"]


def sip_probe_main(stdin: TextIO, stdout: TextIO) -> int:
    """``homeseat sip-probe``: one JSON request on stdin (with the password), one answer out.

    The password travels through the pipe, never on the command line (design: no secrets in
    argv). Exit code 0 whenever an answer was written, 2 for a request that cannot be read.
    """
    logging.basicConfig(level=logging.ERROR)
    try:
        request = json.loads(stdin.read())
        sip = SipSettings.model_validate(request["sip"])
        account = SipAccount.model_validate(request["account"])
        config = engine_account(account, str(request["password"]), ClientSettings(sip=sip))
        bind, timeout = str(request.get("bind", "")), float(request.get("timeout", 10.0))
    except (ValueError, KeyError, TypeError) as exc:
        print(json.dumps({"error": f"bad request: {type(exc).__name__}"}), file=stdout)
        return 2
    try:
        result = register_once(config, sip.codecs, bind, timeout)
    except Exception as exc:
        result = SipCheck(SipState.UNAVAILABLE, account.id, f"{type(exc).__name__}: {exc}")
    answer = {"state": result.state.value, "account": result.account, "detail": result.detail}
    print(json.dumps(answer), file=stdout, flush=True)
    return 0


class EngineSipProbe:
    """Registers once with a short-lived SIP engine in a child process (``homeseat sip-probe``).

    A child process, because pjsua2 allows one endpoint per process (the phone's, later) and
    because the engine's ordered shutdown collects Python garbage on its own thread, which
    must not finalise the wizard's Qt objects there.

    Args:
        secrets: where the SIP password is (keyring entry ``sip:<account id>``).
        timeout: seconds to wait for the registrar's answer.
        bind_address: local address for SIP ("" any; tests use 127.0.0.1).
        command: how to start the child (default :func:`probe_command`).
    """

    def __init__(
        self,
        secrets: SecretStore,
        timeout: float = 10.0,
        bind_address: str = "",
        command: list[str] | None = None,
    ) -> None:
        self._secrets = secrets
        self._timeout = timeout
        self._bind = bind_address
        self._command = command or probe_command()

    async def check(self, settings: ClientSettings, username: str) -> SipCheck:
        """Register the first account; never raises (a failure is a :class:`SipCheck`)."""
        if not settings.sip.accounts:
            return SipCheck(SipState.NOT_CONFIGURED)
        account = settings.sip.accounts[0].for_agent(username)
        password = self._secrets.get(account.keyring_account)
        if not password:
            return SipCheck(
                SipState.NO_PASSWORD, account.id, f"keyring entry {account.keyring_account}"
            )
        request = json.dumps(
            {
                "sip": settings.sip.model_dump(mode="json"),
                "account": account.model_dump(mode="json"),
                "password": password,
                "bind": self._bind,
                "timeout": self._timeout,
            }
        )
        loop = asyncio.get_running_loop()
        done: asyncio.Future[SipCheck] = loop.create_future()

        def work() -> None:
            # A plain thread waits for the child (qasync's executor is a QThread pool).
            try:
                result = self._run_child(account.id, request)
            except Exception as exc:  # surfaced in the wizard, never lost at the boundary
                log.exception("SIP check failed")
                result = SipCheck(SipState.UNAVAILABLE, account.id, f"{type(exc).__name__}: {exc}")
            loop.call_soon_threadsafe(_settle, done, result)

        threading.Thread(target=work, name="first-run-sip", daemon=True).start()
        return await done

    def _run_child(self, account_id: str, request: str) -> SipCheck:
        try:
            child = subprocess.run(
                self._command,
                input=request,
                capture_output=True,
                text=True,
                timeout=self._timeout + 30,  # start-up and the engine's own shutdown
                check=False,
            )
        except subprocess.TimeoutExpired:
            return SipCheck(SipState.TIMEOUT, account_id, "the SIP check did not finish")
        lines = child.stdout.strip().splitlines()
        try:
            answer = json.loads(lines[-1]) if lines else {}
            return SipCheck(SipState(answer["state"]), answer["account"], answer["detail"])
        except (ValueError, KeyError, TypeError):
            tail = (child.stderr.strip().splitlines() or [f"exit code {child.returncode}"])[-1]
            return SipCheck(SipState.UNAVAILABLE, account_id, tail[:200])


def _settle(future: asyncio.Future[SipCheck], result: SipCheck) -> None:
    if not future.done():  # the wizard may have given up (cancelled) meanwhile
        future.set_result(result)


async def run_network_check(
    session: PlatformSession,
    pinger: HubPinger,
    sip: SipProbe,
    settings: ClientSettings,
    username: str,
) -> NetworkReport:
    """Hub round trips and SIP registration, side by side; never raises."""
    sip_task = asyncio.ensure_future(sip.check(settings, username))
    round_trips: tuple[float, ...] = ()
    error = ""
    try:
        round_trips = await pinger.measure()
    except (ConnectionError, TimeoutError) as exc:
        error = str(exc) or type(exc).__name__
    except Exception as exc:
        log.exception("hub round-trip check failed")
        error = f"{type(exc).__name__}: {exc}"
    try:
        sip_result = await sip_task
    except Exception as exc:
        log.exception("SIP check failed")
        sip_result = SipCheck(SipState.UNAVAILABLE, "", f"{type(exc).__name__}: {exc}")
    finally:
        if not sip_task.done():
            sip_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await sip_task
    return NetworkReport(round_trips, sip_result, error)
