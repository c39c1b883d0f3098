"""A lab SIP registrar: Debian's Kamailio on loopback, unprivileged, digest auth, no database.

The integration tests, the benchmarks and the robot agent's load tests start one; a contact
center runs its own PBX/SBC instead. The configuration comes from
``resources/sip/kamailio.cfg.tmpl``. :class:`LabRegistrar` is used from one thread (its
owner); the Kamailio processes it starts are its children and are stopped by :meth:`stop`.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from homeseat.paths import resources_dir

__all__ = [
    "KAMAILIO_BINARY",
    "LabRegistrarError",
    "RegistrarPorts",
    "LabRegistrarConfig",
    "LabRegistrar",
    "free_port",
    "render_kamailio_config",
    "die_with_parent",
]

log = logging.getLogger(__name__)

#: Where Debian installs Kamailio (``/usr/sbin`` is not on every user's PATH).
KAMAILIO_BINARY = "kamailio"
_SBIN_FALLBACK = Path("/usr/sbin/kamailio")


_PR_SET_PDEATHSIG = 1
_LIBC = (
    ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
    if os.name == "posix"
    else None
)


def die_with_parent() -> None:
    """``preexec_fn`` for lab children: the kernel sends SIGTERM when our process dies.

    A test run that crashes (pjsua2 aborts the whole process on misuse) would otherwise leave
    Kamailio and baresip running for good. Linux only; elsewhere it does nothing. Kept to one
    libc call (resolved at import) because it runs between fork and exec.
    """
    if _LIBC is not None and os.uname().sysname == "Linux":
        _LIBC.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)


class LabRegistrarError(RuntimeError):
    """Kamailio is missing, refused its configuration or did not come up (message says why)."""


def free_port(kind: int = socket.SOCK_DGRAM, *, also: int | None = None) -> int:
    """A loopback port free right now for ``kind`` (and for ``also`` when given).

    There is a small race between this check and the caller binding the port; callers that
    start external processes retry on failure.
    """
    for _ in range(50):
        with socket.socket(socket.AF_INET, kind) as s:
            s.bind(("127.0.0.1", 0))
            port = int(s.getsockname()[1])
        if also is None:
            return port
        try:
            with socket.socket(socket.AF_INET, also) as s2:
                s2.bind(("127.0.0.1", port))
            return port
        except OSError:
            continue
    raise LabRegistrarError("no free loopback port found")


@dataclass(frozen=True, slots=True)
class RegistrarPorts:
    """The loopback ports Kamailio listens on (UDP and TCP share one number)."""

    udp: int
    tls: int | None

    @property
    def tcp(self) -> int:
        """The TCP listener (same number as UDP)."""
        return self.udp


@dataclass(frozen=True, slots=True)
class LabRegistrarConfig:
    """What the lab registrar serves.

    Attributes:
        users: user name → password (digest auth; the only accounts that may register or call).
        workdir: folder for the rendered configuration, the pid file and the log.
        ports: fixed ports (None: pick free ones at the first start, kept across restarts).
        tls_cert, tls_key: server certificate and key (PEM); without them there is no TLS listener.
        min_expires: shortest registration accepted (short values make re-registration tests fast).
        debug: Kamailio's log level (-3..3; 1 = errors and warnings... 3 = debug).
    """

    users: Mapping[str, str]
    workdir: Path
    ports: RegistrarPorts | None = None
    tls_cert: Path | None = None
    tls_key: Path | None = None
    min_expires: int = 5
    debug: int = 1
    extra_env: Mapping[str, str] = field(default_factory=dict)


def _kamailio_binary() -> str:
    found = shutil.which(KAMAILIO_BINARY)
    if found:
        return found
    if _SBIN_FALLBACK.exists():
        return str(_SBIN_FALLBACK)
    raise LabRegistrarError(
        "kamailio is not installed: install the Debian packages 'kamailio' and "
        "'kamailio-tls-modules' (scripts/bootstrap.sh does)"
    )


def _quote(value: str) -> str:
    if any(c in value for c in '"\\\n\r'):
        raise LabRegistrarError(f"unsupported character in lab registrar value {value!r}")
    return value


def render_kamailio_config(config: LabRegistrarConfig, ports: RegistrarPorts) -> tuple[str, str]:
    """Render ``kamailio.cfg`` and ``tls.cfg`` for ``config`` on ``ports``.

    Returns:
        (kamailio configuration, TLS module configuration; empty when TLS is off).
    """
    template = (resources_dir() / "sip" / "kamailio.cfg.tmpl").read_text(encoding="utf-8")
    listen = [
        f"listen=udp:127.0.0.1:{ports.udp}",
        f"listen=tcp:127.0.0.1:{ports.udp}",
        f'alias="localhost:{ports.udp}"',
    ]
    tls_on = ports.tls is not None and config.tls_cert is not None and config.tls_key is not None
    tls_module = ""
    tls_cfg = ""
    if tls_on:
        listen.append(f"listen=tls:127.0.0.1:{ports.tls}")
        listen.append(f'alias="localhost:{ports.tls}"')
        tls_module = (
            'loadmodule "tls.so"\nmodparam("tls", "config", "'
            + _quote(str(config.workdir / "tls.cfg"))
            + '")'
        )
        tls_cfg = (
            "[server:default]\nmethod = TLSv1.2+\nverify_certificate = no\n"
            "require_certificate = no\n"
            f"private_key = {config.tls_key}\ncertificate = {config.tls_cert}\n\n"
            "[client:default]\nmethod = TLSv1.2+\nverify_certificate = no\n"
            "require_certificate = no\n"
        )
    users = "\n".join(
        f'\t$sht(users=>{_quote(user)}) = "{_quote(pw)}";' for user, pw in config.users.items()
    )
    text = (
        template.replace("@@DEBUG@@", str(config.debug))
        .replace("@@LISTEN@@", "\n".join(listen))
        .replace("@@ENABLE_TLS@@", "yes" if tls_on else "no")
        .replace("@@TLS_MODULE@@", tls_module)
        .replace("@@MIN_EXPIRES@@", str(config.min_expires))
        .replace("@@USERS@@", users)
    )
    return text, tls_cfg


def _options_probe(port: int, timeout: float) -> bool:
    """True when something answers a SIP OPTIONS on 127.0.0.1:``port`` (UDP) in time."""
    tag = secrets.token_hex(4)
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        local = s.getsockname()[1]
        msg = (
            f"OPTIONS sip:127.0.0.1:{port} SIP/2.0\r\n"
            f"Via: SIP/2.0/UDP 127.0.0.1:{local};branch=z9hG4bK{tag};rport\r\n"
            "Max-Forwards: 70\r\n"
            f"From: <sip:probe@127.0.0.1>;tag={tag}\r\n"
            f"To: <sip:127.0.0.1:{port}>\r\n"
            f"Call-ID: probe-{tag}@127.0.0.1\r\n"
            "CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n"
        ).encode()
        s.settimeout(timeout)
        try:
            s.sendto(msg, ("127.0.0.1", port))
            data = s.recv(4096)
        except OSError:
            return False
        return data.startswith(b"SIP/2.0 200")


class LabRegistrar:
    """A Kamailio child process serving :class:`LabRegistrarConfig`; restartable on its ports.

    Used from one thread. ``start`` waits (bounded) until Kamailio answers OPTIONS.
    """

    def __init__(self, config: LabRegistrarConfig) -> None:
        self._config = config
        self._ports = config.ports
        self._proc: subprocess.Popen[bytes] | None = None
        self._log_file = config.workdir / "kamailio.log"

    @property
    def ports(self) -> RegistrarPorts:
        """The ports (known after the first start)."""
        if self._ports is None:
            raise LabRegistrarError("the lab registrar has not been started yet")
        return self._ports

    @property
    def running(self) -> bool:
        """True while the Kamailio main process is alive."""
        return self._proc is not None and self._proc.poll() is None

    @property
    def log_path(self) -> Path:
        """Kamailio's stderr log (appended across restarts)."""
        return self._log_file

    def log_tail(self, lines: int = 40) -> str:
        """The last ``lines`` of Kamailio's log, for error messages."""
        try:
            text = self._log_file.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    def _pick_ports(self) -> RegistrarPorts:
        udp = free_port(socket.SOCK_DGRAM, also=socket.SOCK_STREAM)
        tls = None
        if self._config.tls_cert is not None:
            tls = free_port(socket.SOCK_STREAM)
        return RegistrarPorts(udp=udp, tls=tls)

    def start(self, timeout: float = 10.0) -> None:
        """Start Kamailio and wait until it answers; raise :class:`LabRegistrarError` if not."""
        if self.running:
            return
        binary = _kamailio_binary()
        cfg = self._config
        cfg.workdir.mkdir(parents=True, exist_ok=True)
        if self._ports is None:
            self._ports = self._pick_ports()
        text, tls_cfg = render_kamailio_config(cfg, self._ports)
        cfg_path = cfg.workdir / "kamailio.cfg"
        cfg_path.write_text(text, encoding="utf-8")
        if tls_cfg:
            (cfg.workdir / "tls.cfg").write_text(tls_cfg, encoding="utf-8")
        rundir = cfg.workdir / "run"
        rundir.mkdir(exist_ok=True)
        cmd = [
            binary,
            "-f", str(cfg_path),
            "-DD", "-E",  # stay in the foreground as our child, log to stderr
            "-P", str(cfg.workdir / "kamailio.pid"),
            "-Y", str(rundir),
            "-w", str(cfg.workdir),
            "-m", "48", "-M", "8",  # small shared/private memory: a lab, two cores
        ]  # fmt: skip
        env = {**os.environ, **cfg.extra_env}
        with self._log_file.open("ab") as logf:
            self._proc = subprocess.Popen(
                cmd,
                stdout=logf,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                env=env,
                preexec_fn=die_with_parent,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._proc.poll() is not None:
                raise LabRegistrarError(
                    f"kamailio exited with status {self._proc.returncode}:\n{self.log_tail()}"
                )
            if _options_probe(self._ports.udp, 0.2) and self._tls_listening():
                log.info("lab registrar up on udp/tcp %s tls %s", self._ports.udp, self._ports.tls)
                return
        self.stop()
        raise LabRegistrarError(
            f"kamailio did not answer within {timeout:.0f} s:\n{self.log_tail()}"
        )

    def _tls_listening(self) -> bool:
        if self._ports is None or self._ports.tls is None:
            return True
        try:
            with socket.create_connection(("127.0.0.1", self._ports.tls), timeout=0.2):
                return True
        except OSError:
            return False

    def stop(self, timeout: float = 5.0) -> None:
        """Stop Kamailio (SIGTERM, then SIGKILL after ``timeout``); the ports stay reserved."""
        proc, self._proc = self._proc, None
        if proc is None or proc.poll() is not None:
            return
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            log.warning("kamailio ignored SIGTERM; killing it")
            proc.kill()
            proc.wait(timeout)

    def restart(self, down_seconds: float = 0.0, timeout: float = 10.0) -> None:
        """Stop, stay down ``down_seconds``, start again on the same ports (state is lost)."""
        self.stop()
        if down_seconds > 0:
            time.sleep(down_seconds)
        self.start(timeout)
