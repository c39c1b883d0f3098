"""The SIP engine: pjsua2 on one owner thread, commands in through a queue, events out.

``SipEngine`` runs on its own thread (``homeseat-sip``); its public methods may be called from
any thread: they only put a command on the queue. The owner thread creates the pjsua2
endpoint with ``threadCnt = 0`` and ``mainThreadOnly``, pumps ``libHandleEvents``, executes
commands between pumps, and hands every event to ``on_event`` (called on the owner thread:
it must not block; the Qt adapter re-emits through a queued signal, tests use a queue).
Audio runs on pjsua2's null device; each call's audio goes through a
:class:`~homeseat.audio.bridge.CallAudioBridge` made by ``audio_factory``.
Shutdown hangs up every call, deletes every Call and Account object, then calls
``libDestroy`` (pjsua2 aborts the process if one of them outlives it).
"""

from __future__ import annotations

import gc
import itertools
import logging
import queue
import threading
import time
import weakref
from collections.abc import Callable
from typing import Any

import pjsua2 as pj

from homeseat.audio.bridge import CallAudioBridge, MemorySink, SilenceSource
from homeseat.core.calls import CallEvent, CallEventKind, EndReason
from homeseat.core.quality import LineStats, estimate
from homeseat.sip.events import (
    AccountConfig,
    CallChanged,
    CallQuality,
    DtmfMethod,
    DtmfReceived,
    EngineConfig,
    EngineError,
    EngineStarted,
    EngineStopped,
    SipEvent,
    SrtpUse,
    Transport,
)
from homeseat.sip.media import BridgePort
from homeseat.sip.pjobjects import EngineAccount, EngineCall

__all__ = ["SipEngine", "SipEngineError", "AudioFactory"]

log = logging.getLogger(__name__)

K = CallEventKind
#: Builds the audio bridge of a new call: (call id, rate, samples per frame) → bridge.
AudioFactory = Callable[[str, int, int], CallAudioBridge]

_SRTP = {
    SrtpUse.DISABLED: pj.PJMEDIA_SRTP_DISABLED,
    SrtpUse.OPTIONAL: pj.PJMEDIA_SRTP_OPTIONAL,
    SrtpUse.MANDATORY: pj.PJMEDIA_SRTP_MANDATORY,
}
_PJ_TRANSPORT = {
    Transport.UDP: pj.PJSIP_TRANSPORT_UDP,
    Transport.TCP: pj.PJSIP_TRANSPORT_TCP,
    Transport.TLS: pj.PJSIP_TRANSPORT_TLS,
}


class SipEngineError(RuntimeError):
    """The engine could not start (the message says why)."""


def _silent_bridge(call_id: str, rate: int, frame: int) -> CallAudioBridge:
    return CallAudioBridge(rate, frame, SilenceSource(), MemorySink(5.0, rate))


class _LogWriter(pj.LogWriter):  # type: ignore[misc]  # pjsua2 has no type hints
    """pjsua's log lines into our logger (pjsua never logs passwords; levels kept low)."""

    def write(self, entry: pj.LogEntry) -> None:
        log.debug("pjsua: %s", str(entry.msg).rstrip())


class SipEngine:
    """pjsua2 owner: runs on its own thread; public methods are thread-safe command senders."""

    def __init__(
        self,
        config: EngineConfig,
        on_event: Callable[[SipEvent], None],
        *,
        audio_factory: AudioFactory | None = None,
    ) -> None:
        """Prepare; nothing runs until :meth:`start`."""
        self.config = config
        self._on_event = on_event
        self._audio_factory = audio_factory or _silent_bridge
        self._commands: queue.SimpleQueue[tuple[str, Callable[[], None]]] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._startup_error: BaseException | None = None
        self._stopping = threading.Event()
        self._ids = itertools.count(1)
        # Owned by the engine thread only:
        self._ep: Any = None
        self._transports: dict[tuple[Transport, str], int] = {}
        self._accounts: dict[str, EngineAccount] = {}
        self._account_cfg: dict[str, AccountConfig] = {}
        self._calls: dict[str, EngineCall] = {}
        self._ports: dict[str, BridgePort] = {}  # bound to a live call
        self._free_ports: list[BridgePort] = []  # the pool (see homeseat.sip.media)
        self._graveyard: list[object] = []
        #: Every Call and Account made, weakly: teardown checks that all are gone.
        self.pj_objects: weakref.WeakSet[object] = weakref.WeakSet()
        self._next_stats = 0.0
        self._log_writer: _LogWriter | None = None
        # Readable from any thread (the dict is only mutated on the engine thread):
        self.bridges: dict[str, CallAudioBridge] = {}
        self.sip_ports: dict[str, int] = {}

    # -- lifecycle (caller's thread) ---------------------------------------------------------

    def start(self, timeout: float = 15.0) -> None:
        """Start the owner thread and wait until pjsua2 runs; raise :class:`SipEngineError`."""
        if self._thread is not None:
            raise SipEngineError("the SIP engine was already started")
        self._thread = threading.Thread(target=self._run, name="homeseat-sip", daemon=True)
        self._thread.start()
        if not self._ready.wait(timeout):
            raise SipEngineError(f"the SIP engine did not start within {timeout:.0f} s")
        if self._startup_error is not None:
            raise SipEngineError(f"the SIP engine failed to start: {self._startup_error}")

    def stop(self, timeout: float = 15.0) -> None:
        """Hang up, unregister, destroy pjsua2 and join the thread (bounded by ``timeout``)."""
        thread = self._thread
        if thread is None:
            return
        self._stopping.set()
        thread.join(timeout)
        if thread.is_alive():
            log.error("the SIP engine thread did not stop within %.0f s", timeout)

    @property
    def running(self) -> bool:
        """True while the owner thread runs."""
        return self._thread is not None and self._thread.is_alive()

    # -- commands (any thread) ---------------------------------------------------------------

    def _submit(self, name: str, fn: Callable[[], None]) -> None:
        self._commands.put((name, fn))

    def add_account(self, cfg: AccountConfig) -> None:
        """Create (and register) an account."""
        self._submit("add_account", lambda: self._do_add_account(cfg))

    def remove_account(self, account_id: str) -> None:
        """Unregister and delete an account."""
        self._submit("remove_account", lambda: self._do_remove_account(account_id))

    def reregister(self, account_id: str) -> None:
        """Register again now (after a network change)."""
        self._submit("reregister", lambda: self._account(account_id).setRegistration(True))

    def dial(self, account_id: str, number: str) -> str:
        """Place a call; returns its call id at once (events follow)."""
        call_id = f"c{next(self._ids)}"
        self._submit("dial", lambda: self._do_dial(call_id, account_id, number))
        return call_id

    def answer(self, call_id: str) -> None:
        """Answer a ringing call (200 OK)."""
        self._submit("answer", lambda: self._call(call_id).answer(_op(200)))

    def reject(self, call_id: str) -> None:
        """Reject a ringing call (486 Busy Here)."""
        self._submit("reject", lambda: self._do_hangup(call_id, 486))

    def hangup(self, call_id: str) -> None:
        """End a call (BYE, or CANCEL while it rings out)."""
        self._submit("hangup", lambda: self._do_hangup(call_id, 0))

    def hold(self, call_id: str) -> None:
        """Put a call on hold (re-INVITE a=sendonly)."""
        self._submit("hold", lambda: self._call(call_id).setHold(_op()))

    def resume(self, call_id: str) -> None:
        """Take a call off hold."""
        self._submit("resume", lambda: self._do_resume(call_id))

    def set_muted(self, call_id: str, muted: bool) -> None:
        """Stop or restart sending the microphone to a call."""
        self._submit("mute", lambda: self._do_mute(call_id, muted))

    def send_dtmf(self, call_id: str, digits: str) -> None:
        """Send DTMF digits by the account's method (RFC 4733 or SIP INFO)."""
        self._submit("dtmf", lambda: self._do_dtmf(call_id, digits))

    def transfer(self, call_id: str, target: str) -> None:
        """Blind transfer: REFER the other party to ``target``."""
        self._submit("transfer", lambda: self._do_transfer(call_id, target))

    # -- owner thread ------------------------------------------------------------------------

    def _run(self) -> None:
        try:
            self._setup()
        except Exception as exc:
            log.exception("SIP engine start failed")
            self._startup_error = exc
            self._teardown()
            self._ready.set()
            return
        self._ready.set()
        self.emit(EngineStarted(dict(self.sip_ports)))
        try:
            while not self._stopping.is_set():
                self._drain_commands()
                self._ep.libHandleEvents(10)
                self._graveyard.clear()
                self._maybe_stats()
        except Exception as exc:
            self.report(exc, "event loop")
        finally:
            self._teardown()
            self.emit(EngineStopped())

    def _setup(self) -> None:
        cfg = self.config
        ep = pj.Endpoint()
        self._ep = ep
        ep.libCreate()
        ec = pj.EpConfig()
        ec.uaConfig.threadCnt = 0
        ec.uaConfig.mainThreadOnly = True
        ec.uaConfig.maxCalls = cfg.max_calls
        ec.uaConfig.userAgent = cfg.user_agent
        self._log_writer = _LogWriter()
        ec.logConfig.writer = self._log_writer
        ec.logConfig.level = cfg.log_level
        ec.logConfig.consoleLevel = cfg.log_level
        ec.medConfig.clockRate = cfg.clock_rate
        ec.medConfig.sndClockRate = cfg.clock_rate
        ec.medConfig.audioFramePtime = cfg.ptime_ms
        ec.medConfig.noVad = True  # keep the stream continuous (quality stats, tone tests)
        ec.medConfig.ecTailLen = 0  # the null device has no echo to cancel
        ep.libInit(ec)
        for transport in (Transport.UDP, Transport.TCP):
            self._transport(transport, "")
        ep.libStart()
        ep.audDevManager().setNullDev()
        self._set_codecs(cfg.codecs)

    def _set_codecs(self, wanted: tuple[str, ...]) -> None:
        names = [w.lower() for w in wanted]
        for info in self._ep.codecEnum2():
            cid = str(info.codecId)
            rank = next((i for i, n in enumerate(names) if cid.lower().startswith(n)), None)
            self._ep.codecSetPriority(cid, 0 if rank is None else 250 - rank)

    def _transport(self, transport: Transport, ca_file: str) -> int:
        key = (transport, ca_file)
        if key in self._transports:
            return self._transports[key]
        tc = pj.TransportConfig()
        tc.port = 0
        if self.config.bind_address:
            tc.boundAddress = self.config.bind_address
        if transport is Transport.TLS:
            tc.tlsConfig.method = pj.PJSIP_TLSV1_2_METHOD
            tc.tlsConfig.verifyServer = True
            if ca_file:
                tc.tlsConfig.CaListFile = ca_file
        tid = int(self._ep.transportCreate(_PJ_TRANSPORT[transport], tc))
        self._transports[key] = tid
        info = self._ep.transportGetInfo(tid)
        name = transport.value if not ca_file else f"{transport.value}:{ca_file}"
        self.sip_ports[name] = int(str(info.localName).rsplit(":", 1)[1])
        return tid

    def _drain_commands(self) -> None:
        while True:
            try:
                name, fn = self._commands.get_nowait()
            except queue.Empty:
                return
            try:
                fn()
            except Exception as exc:
                self.report(exc, name)

    def _teardown(self) -> None:
        ep, self._ep = self._ep, None
        if ep is None:
            return
        try:
            self._hangup_all()
            deadline = time.monotonic() + 3.0
            while self._calls and time.monotonic() < deadline:
                ep.libHandleEvents(20)
            self._shutdown_accounts()
            # Give the un-REGISTERs a moment to leave (pjsua does not wait for answers).
            deadline = time.monotonic() + (0.3 if self._accounts else 0.0)
            while time.monotonic() < deadline:
                ep.libHandleEvents(20)
        except Exception:
            log.exception("error while hanging up before shutdown")
        finally:
            self._calls.clear()
            # Stop the sound clock before the ports go: no callback may reach a freed port.
            _quietly(lambda: ep.audDevManager().setNoDev())
            self._drop_ports()
            self._accounts.clear()
            self._graveyard.clear()
            self.bridges.clear()
            if len(self.pj_objects):
                # A reference cycle still holds a Call or Account, and none may outlive
                # libDestroy. Only then a full collection: it runs on this thread and may also
                # finalize unrelated garbage (Qt objects: measured to crash the GUI process),
                # so it is the exception, not the rule.
                log.warning("%d pjsua2 object(s) still alive; collecting", len(self.pj_objects))
                gc.collect()
            try:
                ep.libDestroy()
            except Exception:
                log.exception("pjsua2 libDestroy failed")
            self._log_writer = None

    def _shutdown_accounts(self) -> None:
        # Its own frame too: a loop variable in _teardown would keep an Account alive there,
        # past libDestroy (found by the pj_objects check).
        for acc in self._accounts.values():
            _quietly(acc.shutdown)

    def _drop_ports(self) -> None:
        # Its own frame, like _hangup_all: no local may keep a port alive past libDestroy.
        for port in [*self._ports.values(), *self._free_ports]:
            port.unbind()
        self._ports.clear()
        self._free_ports.clear()

    def _hangup_all(self) -> None:
        # A method of its own: a loop variable left in _teardown's frame would keep a Call
        # alive past libDestroy, and pjsua2 aborts the process when it is finally deleted.
        for call in list(self._calls.values()):
            if not call.ended:
                call.local_end = True
                try:
                    call.hangup(_op(0))
                except Exception:
                    log.debug("hang-up before shutdown failed", exc_info=True)

    # -- helpers called by pjobjects (owner thread) ------------------------------------------

    def emit(self, event: SipEvent) -> None:
        """Hand ``event`` to the consumer; a failing consumer is logged, never fatal."""
        try:
            self._on_event(event)
        except Exception:
            log.exception("SIP event consumer failed on %s", type(event).__name__)

    def report(
        self, exc: BaseException, command: str, *, call_id: str = "", account_id: str = ""
    ) -> None:
        """Log an error and surface it as an :class:`EngineError` event."""
        message = str(exc.info()) if isinstance(exc, pj.Error) else str(exc)
        log.warning("SIP %s failed: %s", command, message)
        self.emit(EngineError(message, command, call_id, account_id))

    def call_event(
        self,
        call: EngineCall,
        kind: CallEventKind,
        *,
        reason: EndReason | None = None,
        code: int | None = None,
        remote: str = "",
    ) -> None:
        """Emit a call event for ``call``."""
        event = CallEvent(
            kind,
            call.call_id,
            time.monotonic(),
            remote=remote,
            account_id=call.account_id,
            reason=reason,
            code=code,
        )
        self.emit(CallChanged(event))

    def adopt_incoming(self, call: EngineCall) -> None:
        """Register an offered call, ring back (180) and emit INCOMING."""
        call.call_id = f"c{next(self._ids)}"
        self._calls[call.call_id] = call
        info = call.getInfo()
        self.call_event(call, K.INCOMING, remote=str(info.remoteUri))
        call.answer(_op(180))

    def forget_call(self, call: EngineCall) -> None:
        """The call has ended: drop it after the current callback returns."""
        self._calls.pop(call.call_id, None)
        port = self._ports.pop(call.call_id, None)
        if port is not None:
            port.unbind()
            self._free_ports.append(port)
        bridge = self.bridges.pop(call.call_id, None)
        if bridge is not None:
            try:
                bridge.close()  # device streams are released with the call
            except Exception:
                log.exception("closing the audio of call %s failed", call.call_id)
        self._graveyard.append(call)

    def connect_audio(self, call: EngineCall, media: Any) -> None:
        """Connect the call's audio both ways through its bridge port."""
        port = self._ports.get(call.call_id)
        if port is None:
            rate = self.config.clock_rate
            frame = rate * self.config.ptime_ms // 1000
            bridge = self._audio_factory(call.call_id, rate, frame)
            if self._free_ports:
                port = self._free_ports.pop()
            else:
                port = BridgePort(rate, frame, f"bridge-{len(self._ports) + 1}")
            port.bind(bridge)
            self._ports[call.call_id] = port
            self.bridges[call.call_id] = bridge
        port.media = media
        media.startTransmit(port)
        port.startTransmit(media)

    def dtmf_received(self, call: EngineCall, digit: str) -> None:
        """Emit a received digit."""
        self.emit(DtmfReceived(call.call_id, digit))

    def hangup_transferred(self, call: EngineCall) -> None:
        """Drop our leg after a successful blind transfer."""
        call.local_end = True
        _quietly(lambda: call.hangup(_op(0)))

    # -- command bodies (owner thread) -------------------------------------------------------

    def _account(self, account_id: str) -> EngineAccount:
        acc = self._accounts.get(account_id)
        if acc is None:
            raise KeyError(f"no SIP account {account_id!r}")
        return acc

    def _call(self, call_id: str) -> EngineCall:
        call = self._calls.get(call_id)
        if call is None:
            raise KeyError(f"no live call {call_id!r}")
        return call

    def _do_add_account(self, cfg: AccountConfig) -> None:
        if cfg.account_id in self._accounts:
            raise ValueError(f"SIP account {cfg.account_id!r} exists already")
        tid = self._transport(cfg.transport, str(cfg.ca_file or ""))
        if cfg.transport is Transport.TLS and not cfg.verify_server:
            log.warning("account %s: TLS server certificate is NOT verified", cfg.account_id)
        ac = pj.AccountConfig()
        ac.idUri = cfg.uri
        suffix = f";transport={cfg.transport.value}"
        ac.sipConfig.transportId = tid
        ac.sipConfig.proxies.append(f"sip:{cfg.domain}{suffix};lr")
        ac.sipConfig.authCreds.append(pj.AuthCredInfo("digest", "*", cfg.user, 0, cfg.password))
        if cfg.register:
            ac.regConfig.registrarUri = f"sip:{cfg.domain}{suffix}"
        ac.regConfig.timeoutSec = cfg.reg_timeout_s
        ac.regConfig.retryIntervalSec = cfg.retry_s
        ac.regConfig.firstRetryIntervalSec = min(cfg.retry_s, 5)
        ac.regConfig.delayBeforeRefreshSec = max(1, min(5, cfg.reg_timeout_s // 3))
        ac.natConfig.udpKaIntervalSec = cfg.keepalive_s
        ac.natConfig.sipStunUse = pj.PJSUA_STUN_USE_DISABLED
        ac.natConfig.mediaStunUse = pj.PJSUA_STUN_USE_DISABLED
        ac.mediaConfig.srtpUse = _SRTP[cfg.srtp]
        # SRTP keys travel in SDP: require TLS for them only when signalling is TLS.
        ac.mediaConfig.srtpSecureSignaling = 1 if cfg.transport is Transport.TLS else 0
        if self.config.bind_address:
            ac.mediaConfig.transportConfig.boundAddress = self.config.bind_address
        acc = EngineAccount(self, cfg.account_id)
        acc.create(ac)
        self._accounts[cfg.account_id] = acc
        self._account_cfg[cfg.account_id] = cfg

    def _do_remove_account(self, account_id: str) -> None:
        acc = self._accounts.pop(account_id, None)
        self._account_cfg.pop(account_id, None)
        if acc is not None:
            acc.shutdown()
            self._graveyard.append(acc)

    def _do_dial(self, call_id: str, account_id: str, number: str) -> None:
        acc = self._account(account_id)
        cfg = self._account_cfg[account_id]
        uri = cfg.target_uri(number)
        call = EngineCall(self, acc)
        call.call_id = call_id
        self._calls[call_id] = call
        self.call_event(call, K.DIAL, remote=uri)
        try:
            call.makeCall(uri, _op())
        except Exception:
            call.ended = True
            self.call_event(call, K.END, reason=EndReason.FAILED)
            self.forget_call(call)
            raise

    def _do_hangup(self, call_id: str, code: int) -> None:
        call = self._call(call_id)
        call.local_end = True
        call.hangup(_op(code))

    def _do_resume(self, call_id: str) -> None:
        prm = _op()
        prm.opt.flag = pj.PJSUA_CALL_UNHOLD
        self._call(call_id).reinvite(prm)

    def _do_mute(self, call_id: str, muted: bool) -> None:
        call = self._call(call_id)
        bridge = self.bridges.get(call_id)
        if bridge is not None:
            bridge.set_muted(muted)
        self.call_event(call, K.MUTE if muted else K.UNMUTE)

    def _do_dtmf(self, call_id: str, digits: str) -> None:
        call = self._call(call_id)
        cfg = self._account_cfg.get(call.account_id)
        prm = pj.CallSendDtmfParam()
        prm.digits = digits
        use_info = cfg is not None and cfg.dtmf is DtmfMethod.SIP_INFO
        prm.method = pj.PJSUA_DTMF_METHOD_SIP_INFO if use_info else pj.PJSUA_DTMF_METHOD_RFC2833
        call.sendDtmf(prm)

    def _do_transfer(self, call_id: str, target: str) -> None:
        call = self._call(call_id)
        cfg = self._account_cfg[call.account_id]
        call.transferring = True
        self.call_event(call, K.TRANSFER)
        try:
            call.xfer(cfg.target_uri(target), _op())
        except Exception:
            call.transferring = False
            self.call_event(call, K.TRANSFER_FAILED)
            raise

    def _maybe_stats(self) -> None:
        now = time.monotonic()
        if now < self._next_stats:
            return
        self._next_stats = now + self.config.stats_interval_s
        for call in list(self._calls.values()):
            if call.connected and not call.ended:
                try:
                    self._emit_stats(call)
                except Exception:
                    log.debug("no stream stats for %s", call.call_id, exc_info=True)

    def _emit_stats(self, call: EngineCall) -> None:
        info = call.getInfo()
        idx = next((m.index for m in info.media if m.type == pj.PJMEDIA_TYPE_AUDIO), None)
        if idx is None or not call.hasMedia():
            return
        stat = call.getStreamStat(idx)
        si = call.getStreamInfo(idx)
        rx = stat.rtcp.rxStat
        tx = stat.rtcp.txStat
        received = int(rx.pkt)
        lost = int(rx.loss)
        stats = LineStats(
            jitter_ms=float(rx.jitterUsec.mean) / 1000.0,
            loss=lost / (received + lost) if received + lost else 0.0,
            rtt_ms=float(stat.rtcp.rttUsec.mean) / 1000.0,
            codec=f"{si.codecName}/{si.codecClockRate}",
        )
        self.emit(CallQuality(call.call_id, stats, estimate(stats), received, int(tx.pkt)))


def _op(code: int = 0) -> Any:
    prm = pj.CallOpParam(True)
    if code:
        prm.statusCode = code
    return prm


def _quietly(fn: Callable[[], object]) -> None:
    try:
        fn()
    except Exception:
        log.debug("ignored error during SIP shutdown", exc_info=True)
