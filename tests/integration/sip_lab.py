"""The SIP lab for integration tests: Kamailio registrar, baresip peers, event waiting.

baresip (Debian's ``baresip-core``) is the foreign SIP client: it registers with digest auth,
auto-answers, plays a WAV file into each call (``aufile``), records what it hears
(``sndfile``: ``dump-<call>-dec.wav``) and is driven through its ``ctrl_tcp`` module (netstring
JSON commands and events). Each peer is a child process stopped by :meth:`BaresipPeer.stop`.
"""

from __future__ import annotations

import json
import queue
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, TypeVar

import numpy as np

from homeseat.audio.bridge import (
    CallAudioBridge,
    MemorySink,
    Pcm,
    ToneSource,
    read_wav,
    tone_level_db,
    write_wav,
)
from homeseat.core.calls import CallEvent, CallEventKind
from homeseat.devcerts import make_dev_certs
from homeseat.sip.engine import SipEngine
from homeseat.sip.events import (
    AccountConfig,
    CallChanged,
    EngineConfig,
    RegistrationChanged,
    RegState,
    SipEvent,
    SrtpUse,
    Transport,
)
from homeseat.sip.labregistrar import (
    LabRegistrar,
    LabRegistrarConfig,
    die_with_parent,
    free_port,
)

__all__ = [
    "SipLab",
    "EventLog",
    "BaresipPeer",
    "make_tone_wav",
    "tone_db",
]

E = TypeVar("E")


def make_tone_wav(path: Path, freq: float, seconds: float = 30.0, rate: int = 8000) -> Path:
    """Write a sine tone WAV (level -10 dBFS peak)."""
    t = np.arange(int(seconds * rate)) / rate
    write_wav(path, (0.3 * 32767 * np.sin(2 * np.pi * freq * t)).astype(np.int16), rate)
    return path


def tone_db(samples: Pcm, rate: int, freq: float, skip_s: float = 0.3) -> float:
    """Level of ``freq`` in dBFS in ``samples`` after skipping the first ``skip_s`` seconds."""
    return tone_level_db(samples[int(skip_s * rate) :], rate, freq)


class EventLog:
    """Collects engine events (any thread) and lets the test wait for one."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self.events: list[SipEvent] = []

    def __call__(self, event: SipEvent) -> None:
        with self._cond:
            self.events.append(event)
            self._cond.notify_all()

    def wait_for(
        self,
        kind: type[E],
        pred: Callable[[E], bool] = lambda _e: True,
        timeout: float = 10.0,
        after: int = 0,
    ) -> E:
        """The first event of ``kind`` (from index ``after``) satisfying ``pred``."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for ev in self.events[after:]:
                    if isinstance(ev, kind) and pred(ev):
                        return ev
                left = deadline - time.monotonic()
                if left <= 0:
                    seen = [type(e).__name__ for e in self.events[after:]]
                    raise TimeoutError(f"no {kind.__name__} within {timeout} s; saw {seen}")
                self._cond.wait(left)

    def mark(self) -> int:
        """Index to pass as ``after`` to wait only for newer events."""
        with self._cond:
            return len(self.events)


@dataclass
class BaresipPeer:
    """One baresip user agent registered at the lab registrar."""

    user: str
    password: str
    registrar: str  # host:port
    workdir: Path
    source_wav: Path
    transport: str = "udp"
    extra_account: str = ""
    extra_config: str = ""
    answer_mode: str = "auto"
    _proc: subprocess.Popen[bytes] | None = None
    _sock: socket.socket | None = None
    _events: queue.Queue[dict[str, Any]] = field(default_factory=queue.Queue)
    _responses: queue.Queue[dict[str, Any]] = field(default_factory=queue.Queue)
    seen: list[dict[str, Any]] = field(default_factory=list)

    @property
    def rec_dir(self) -> Path:
        """Where sndfile writes what this peer sent and heard."""
        return self.workdir / "rec"

    @property
    def uri(self) -> str:
        """The peer's address of record."""
        return f"sip:{self.user}@{self.registrar}"

    def start(self, timeout: float = 10.0) -> None:
        """Start baresip and wait until it is registered."""
        binary = shutil.which("baresip")
        if binary is None:
            raise RuntimeError("baresip is not installed (Debian package baresip-core)")
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.rec_dir.mkdir(exist_ok=True)
        ctrl = free_port(socket.SOCK_STREAM)
        config = f"""poll_method epoll
sip_listen 127.0.0.1:0
audio_player aubridge,nowhere
audio_source aufile,{self.source_wav}
audio_alert aubridge,nowhere
ausrc_srate 8000
auplay_srate 8000
jitter_buffer_delay 1-10
rtp_ports 20000-29999
module_path /usr/lib/baresip/modules
module g711.so
module aufile.so
module aubridge.so
module sndfile.so
module ctrl_tcp.so
module srtp.so
module_app account.so
module_app menu.so
snd_path {self.rec_dir}
ctrl_tcp_listen 127.0.0.1:{ctrl}
{self.extra_config}
"""
        (self.workdir / "config").write_text(config, encoding="utf-8")
        account = (
            f"<sip:{self.user}@{self.registrar};transport={self.transport}>;"
            f"auth_pass={self.password};answermode={self.answer_mode};regint=60;"
            f"audio_codecs=PCMU,PCMA{self.extra_account}\n"
        )
        (self.workdir / "accounts").write_text(account, encoding="utf-8")
        with (self.workdir / "baresip.log").open("ab") as logf:
            self._proc = subprocess.Popen(
                [binary, "-f", str(self.workdir), "-v", "-s", "-t", "600"],
                stdout=logf,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                cwd=self.workdir,
                preexec_fn=die_with_parent,
            )
        deadline = time.monotonic() + timeout
        while self._sock is None:
            try:
                self._sock = socket.create_connection(("127.0.0.1", ctrl), timeout=0.5)
            except OSError:
                if time.monotonic() > deadline or self._proc.poll() is not None:
                    raise RuntimeError(f"baresip did not start:\n{self.log_tail()}") from None
                time.sleep(0.1)
        threading.Thread(target=self._reader, name=f"baresip-{self.user}", daemon=True).start()
        # REGISTER_OK may come before we connect: ask for the registration state instead.
        while "OK" not in str(self.command("reginfo").get("data", "")):
            if time.monotonic() > deadline:
                raise RuntimeError(f"baresip did not register:\n{self.log_tail()}")
            time.sleep(0.1)

    def log_tail(self, lines: int = 30) -> str:
        """The end of baresip's output."""
        path = self.workdir / "baresip.log"
        if not path.exists():
            return ""
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])

    def _reader(self) -> None:
        sock = self._sock
        assert sock is not None
        sock.settimeout(None)
        buf = b""
        while True:
            try:
                data = sock.recv(65536)
            except OSError:
                return
            if not data:
                return
            buf += data
            while b":" in buf:
                head, rest = buf.split(b":", 1)
                n = int(head)
                if len(rest) < n + 1:
                    break
                msg = json.loads(rest[:n])
                buf = rest[n + 1 :]
                if msg.get("event"):
                    self._events.put(msg)
                elif msg.get("response"):
                    self._responses.put(msg)

    def command(self, command: str, params: str = "", timeout: float = 5.0) -> dict[str, Any]:
        """Run a baresip command; return its response."""
        assert self._sock is not None
        body = json.dumps({"command": command, "params": params, "token": "t"}).encode()
        self._sock.sendall(str(len(body)).encode() + b":" + body + b",")
        return self._responses.get(timeout=timeout)

    def wait_event(
        self, etype: str, timeout: float = 10.0, pred: Callable[[dict[str, Any]], bool] = bool
    ) -> dict[str, Any]:
        """The next event of type ``etype`` (earlier ones of that type stay in ``seen``)."""
        for ev in self.seen:
            if ev.get("type") == etype and pred(ev) and not ev.get("_taken"):
                ev["_taken"] = True
                return ev
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                types = [e.get("type") for e in self.seen]
                raise TimeoutError(f"baresip {self.user}: no {etype} in {timeout} s; saw {types}")
            try:
                ev = self._events.get(timeout=left)
            except queue.Empty:
                continue
            self.seen.append(ev)
            if ev.get("type") == etype and pred(ev):
                ev["_taken"] = True
                return ev

    def heard(self) -> list[Path]:
        """The WAV files of what this peer received (one per call, newest last)."""
        return sorted(self.rec_dir.glob("dump-*-dec.wav"), key=lambda p: p.stat().st_mtime)

    def heard_samples(self) -> Pcm:
        """The newest recording of what this peer heard (8 kHz)."""
        files = self.heard()
        if not files:
            raise AssertionError(f"baresip {self.user} recorded nothing in {self.rec_dir}")
        return read_wav(files[-1], 8000)

    def heard_tone_db(self, freq: float) -> float:
        """Level of ``freq`` in the newest recording of what this peer heard."""
        files = self.heard()
        if not files:
            raise AssertionError(f"baresip {self.user} recorded nothing in {self.rec_dir}")
        return tone_db(read_wav(files[-1], 8000), 8000, freq)

    def stop(self, timeout: float = 5.0) -> None:
        """Quit baresip (it writes its recordings on the way out)."""
        if self._sock is not None:
            self._sock.close()
            self._sock = None
        proc, self._proc = self._proc, None
        if proc is None or proc.poll() is not None:
            return
        proc.terminate()
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout)


class SipLab:
    """Kamailio + our engine (account ``alice``) + baresip peers, all on loopback.

    Our side plays ``OUR_TONE`` into every call and records what it hears per call id;
    peers play ``PEER_TONE``. Use as a context manager; everything is stopped on exit.
    """

    USERS: ClassVar[dict[str, str]] = {
        "alice": "alice-pw",
        "bob": "bob-pw",
        "carol": "carol-pw",
        "13800138000": "customer-pw",  # a customer calling from a mobile number
    }
    OUR_TONE = 440.0
    PEER_TONE = 1000.0

    def __init__(
        self,
        workdir: Path,
        *,
        tls: bool = False,
        min_expires: int = 5,
        config: EngineConfig | None = None,
        listeners: tuple[Callable[[SipEvent], None], ...] = (),
        start_engine: bool = True,
    ) -> None:
        self.workdir = workdir
        self.listeners = listeners
        self.start_engine = start_engine  # False: the test runs its own (one per process)
        self.certs = make_dev_certs(workdir / "certs") if tls else None
        self.registrar = LabRegistrar(
            LabRegistrarConfig(
                users=self.USERS,
                workdir=workdir / "kamailio",
                tls_cert=self.certs.cert_file if self.certs else None,
                tls_key=self.certs.key_file if self.certs else None,
                min_expires=min_expires,
                debug=2,
            )
        )
        self.events = EventLog()
        self.sinks: dict[str, MemorySink] = {}
        self.config = config or EngineConfig(bind_address="127.0.0.1", codecs=("PCMU/8000",))
        self.engine = SipEngine(self.config, self._dispatch, audio_factory=self._audio)
        self.peers: list[BaresipPeer] = []
        self.peer_wav = make_tone_wav(workdir / "peer-tone.wav", self.PEER_TONE)

    def _dispatch(self, event: SipEvent) -> None:
        self.events(event)
        for listener in self.listeners:
            listener(event)

    def _audio(self, call_id: str, rate: int, frame: int) -> CallAudioBridge:
        sink = MemorySink(120.0, rate)
        self.sinks[call_id] = sink
        return CallAudioBridge(rate, frame, ToneSource(rate, self.OUR_TONE), sink)

    @property
    def domain(self) -> str:
        """The registrar's UDP/TCP host:port."""
        return f"127.0.0.1:{self.registrar.ports.udp}"

    @property
    def tls_domain(self) -> str:
        """The registrar's TLS host:port."""
        return f"127.0.0.1:{self.registrar.ports.tls}"

    def __enter__(self) -> SipLab:
        self.registrar.start()
        if not self.start_engine:
            return self
        try:
            self.engine.start()
        except BaseException:
            self.registrar.stop()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            self.engine.stop()
        finally:
            for peer in self.peers:
                peer.stop()
            self.registrar.stop()

    def account(self, **overrides: Any) -> AccountConfig:
        """Alice's account over UDP unless ``overrides`` say otherwise."""
        fields: dict[str, Any] = {
            "account_id": "alice",
            "user": "alice",
            "domain": self.domain,
            "password": self.USERS["alice"],
            "transport": Transport.UDP,
            "srtp": SrtpUse.DISABLED,
            "reg_timeout_s": 60,
            "retry_s": 2,
        }
        fields.update(overrides)
        return AccountConfig(**fields)

    def register(self, **overrides: Any) -> RegistrationChanged:
        """Add alice's account and wait until it is registered."""
        cfg = self.account(**overrides)
        mark = self.events.mark()
        self.engine.add_account(cfg)
        return self.events.wait_for(
            RegistrationChanged,
            lambda e: e.account_id == cfg.account_id and e.state is RegState.REGISTERED,
            after=mark,
        )

    def peer(self, user: str, **kwargs: Any) -> BaresipPeer:
        """Start a baresip peer registered as ``user``."""
        if kwargs.get("transport") == "tls":
            assert self.certs is not None, "start the lab with tls=True"
            kwargs.setdefault("extra_config", f"sip_cafile {self.certs.ca_file}")
            domain = self.tls_domain
        else:
            domain = self.domain
        peer = BaresipPeer(
            user, self.USERS[user], domain, self.workdir / user, self.peer_wav, **kwargs
        )
        self.peers.append(peer)
        peer.start()
        return peer

    def wait_call(
        self, kind: CallEventKind, call_id: str | None = None, timeout: float = 10.0, after: int = 0
    ) -> CallEvent:
        """The first call event of ``kind`` (for ``call_id`` when given)."""
        ev = self.events.wait_for(
            CallChanged,
            lambda c: c.event.kind is kind and (call_id is None or c.event.call_id == call_id),
            timeout=timeout,
            after=after,
        )
        return ev.event

    def heard_db(self, call_id: str, freq: float) -> float:
        """Level of ``freq`` in what our side heard on ``call_id``."""
        return tone_db(self.sinks[call_id].samples(), self.config.clock_rate, freq)
