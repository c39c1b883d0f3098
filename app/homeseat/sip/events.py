"""What goes into the SIP engine (configuration, commands) and what comes out (events).

Plain frozen dataclasses and enums, no pjsua2: any thread may build or read them. Call changes
are the core's :class:`~homeseat.core.calls.CallEvent` values wrapped in :class:`CallChanged`,
so the core's call model and the agent state machine consume them unchanged.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from pathlib import Path

from homeseat.core.calls import CallEvent
from homeseat.core.quality import LineStats, QualityScore

__all__ = [
    "Transport",
    "SrtpUse",
    "DtmfMethod",
    "RegState",
    "EngineConfig",
    "AccountConfig",
    "SipEvent",
    "EngineStarted",
    "EngineStopped",
    "EngineError",
    "RegistrationChanged",
    "CallChanged",
    "DtmfReceived",
    "CallQuality",
    "DEFAULT_CODECS",
]

#: Codec priority when a configuration names none (wideband first; all are in the wheel).
DEFAULT_CODECS: tuple[str, ...] = ("G722/16000", "PCMA/8000", "PCMU/8000", "speex/16000")


class Transport(enum.StrEnum):
    """SIP transport of an account. TLS is the default (design.md: TLS by default)."""

    UDP = "udp"
    TCP = "tcp"
    TLS = "tls"


class SrtpUse(enum.StrEnum):
    """Media encryption policy of an account."""

    DISABLED = "disabled"
    OPTIONAL = "optional"
    MANDATORY = "mandatory"


class DtmfMethod(enum.StrEnum):
    """How digits are sent: RFC 4733 telephone-events in RTP, or SIP INFO as a fallback."""

    RFC4733 = "rfc4733"
    SIP_INFO = "sip_info"


class RegState(enum.StrEnum):
    """Where an account's registration stands."""

    REGISTERING = "registering"
    REGISTERED = "registered"
    FAILED = "failed"  # refused or unreachable; pjsua retries after the retry interval
    UNREGISTERED = "unregistered"


@dataclass(frozen=True, slots=True)
class EngineConfig:
    """The engine's process-wide settings.

    Attributes:
        bind_address: local address for SIP and RTP (127.0.0.1 in tests, "" for any).
        codecs: codec priority, first preferred; codecs not listed are disabled.
        clock_rate: the conference bridge and audio bridge sample rate.
        ptime_ms: audio frame length through the bridge.
        max_calls: pjsua's call slots (two lines plus transfers in flight).
        log_level: pjsua's log level to our logger (0..6; 3 = useful, 5 = every SIP message).
        stats_interval_s: how often connected calls report line quality.
        user_agent: the User-Agent header.
    """

    bind_address: str = ""
    codecs: tuple[str, ...] = DEFAULT_CODECS
    clock_rate: int = 16000
    ptime_ms: int = 20
    max_calls: int = 4
    log_level: int = 2
    stats_interval_s: float = 1.0
    user_agent: str = "HomeSeat"


@dataclass(frozen=True, slots=True)
class AccountConfig:
    """One SIP account. The password is given by the caller (from the keyring), never logged.

    Attributes:
        account_id: our name for the account (events carry it).
        user: SIP user (digest user name and the user part of the address).
        domain: registrar host[:port]; the address is ``sip:user@domain``.
        password: digest password.
        transport: UDP, TCP or TLS (``sips`` is not required; TLS is hop-by-hop).
        srtp: media encryption policy.
        ca_file: CA bundle that verifies the registrar's TLS certificate (None: system store).
        verify_server: refuse a TLS server whose certificate does not verify.
        register: register at all (False for peer-to-peer lab use).
        reg_timeout_s: registration expiry asked for; pjsua refreshes it before it runs out.
        retry_s: wait before retrying a failed registration.
        keepalive_s: UDP keep-alive interval (0 = off); TCP/TLS use the connection itself.
        dtmf: how digits are sent.
    """

    account_id: str
    user: str
    domain: str
    password: str = field(repr=False)
    transport: Transport = Transport.TLS
    srtp: SrtpUse = SrtpUse.OPTIONAL
    ca_file: Path | None = None
    verify_server: bool = True
    register: bool = True
    reg_timeout_s: int = 300
    retry_s: int = 30
    keepalive_s: int = 15
    dtmf: DtmfMethod = DtmfMethod.RFC4733

    @property
    def uri(self) -> str:
        """The account's address of record."""
        return f"sip:{self.user}@{self.domain}"

    def target_uri(self, number: str) -> str:
        """A dialable URI for ``number`` (a bare number or user goes to this account's domain)."""
        if number.startswith(("sip:", "sips:")):
            return number
        return f"sip:{number}@{self.domain}"


@dataclass(frozen=True, slots=True)
class EngineStarted:
    """The engine thread is running; ``sip_ports`` maps transport to its local port."""

    sip_ports: dict[str, int]


@dataclass(frozen=True, slots=True)
class EngineStopped:
    """The engine thread has destroyed pjsua2 and ended."""


@dataclass(frozen=True, slots=True)
class EngineError:
    """A command failed or pjsua2 reported an error. ``message`` is English, without secrets."""

    message: str
    command: str = ""
    call_id: str = ""
    account_id: str = ""


@dataclass(frozen=True, slots=True)
class RegistrationChanged:
    """An account's registration state changed (``code`` is the SIP status, 0 when none)."""

    account_id: str
    state: RegState
    code: int
    reason: str
    expires_s: int = 0

    @property
    def explanation(self) -> str:
        """A plain-English sentence for the user and the logs."""
        if self.state is RegState.REGISTERED:
            return f"registered (expires in {self.expires_s} s)"
        if self.code in (401, 403, 407):
            return f"the registrar refused the user name or password ({self.code} {self.reason})"
        if self.code in (408, 503) or self.code == 0:
            return f"the registrar did not answer ({self.code} {self.reason}); retrying"
        return f"registration failed: {self.code} {self.reason}"


@dataclass(frozen=True, slots=True)
class CallChanged:
    """Something happened to a call; ``event`` is what the core's call model applies."""

    event: CallEvent


@dataclass(frozen=True, slots=True)
class DtmfReceived:
    """The other party sent a DTMF digit."""

    call_id: str
    digit: str


@dataclass(frozen=True, slots=True)
class CallQuality:
    """Line figures of a connected call and their E-model estimate (sampled periodically)."""

    call_id: str
    stats: LineStats
    score: QualityScore
    rx_packets: int
    tx_packets: int


SipEvent = (
    EngineStarted
    | EngineStopped
    | EngineError
    | RegistrationChanged
    | CallChanged
    | DtmfReceived
    | CallQuality
)
