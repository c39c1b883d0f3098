"""The hub's settings: where it listens, where it stores, and the limits it enforces.

Plain immutable data, read by the hub's loop thread; validated once at construction.
"""

from __future__ import annotations

import re
import ssl
from dataclasses import dataclass, field
from pathlib import Path

from homeseat.core.version import VERSION_PATTERN
from homeseat.hub.chat_config import ChatConfig
from homeseat.protocol import MAX_FRAME_BYTES

__all__ = ["MEMORY_DB", "HubConfig"]

#: ``db_path`` value for a database that lives only as long as the hub (tests).
MEMORY_DB = ":memory:"


@dataclass(frozen=True, slots=True)
class HubConfig:
    """How the hub runs.

    Attributes:
        host: address to listen on; loopback unless an operator says otherwise.
        port: TCP port; 0 picks a free one (see ``HubServer.port``).
        db_path: SQLite file, or ``":memory:"``.
        tls_cert: PEM certificate chain; TLS (wss://) is on when both cert and key are given.
        tls_key: PEM private key of ``tls_cert``.
        access_ttl_seconds: lifetime of an access token.
        refresh_ttl_seconds: lifetime of a refresh token (each use rotates it).
        disconnect_grace_seconds: how long a dropped connection may take to come back before
            leads see the agent as disconnected.
        fanout_interval_seconds: team deltas are coalesced per agent over this interval.
        config_poll_seconds: how often the hub looks for policies published by
            ``homeseat-hub config publish`` (another process) and sends them out.
        throttle_failures: failed sign-ins allowed per window, per user name and per address.
        throttle_window_seconds: the window those failures are counted in.
        throttle_lock_seconds: first lockout; each further lockout of the same key doubles it.
        throttle_lock_max_seconds: longest lockout.
        max_frame_bytes: largest frame accepted (at most the protocol's limit).
        rate_per_second: messages per second a connection may send on average.
        rate_burst: messages a connection may send at once.
        rate_abuse_limit: refused (rate-limited) frames within ``rate_abuse_window_seconds``
            after which the connection is closed.
        rate_abuse_window_seconds: see ``rate_abuse_limit``.
        auth_timeout_seconds: a connection that has not signed in by then is closed.
        ws_ping_interval_seconds: WebSocket pings that detect dead peers (None: off).
        send_queue_frames: frames queued for one slow reader before its connection is closed.
        snapshot_chunk: agents per team snapshot/delta frame (keeps frames under the limit).
        chat: customer-chat capacity, offer timeout and limits.
        recommended_client: client version announced at sign-in (None: none); clients that
            run an older one show an update notice.
    """

    host: str = "127.0.0.1"
    port: int = 0
    db_path: Path | str = MEMORY_DB
    tls_cert: Path | None = None
    tls_key: Path | None = None
    access_ttl_seconds: float = 900.0
    refresh_ttl_seconds: float = 12 * 3600.0
    disconnect_grace_seconds: float = 15.0
    fanout_interval_seconds: float = 0.02
    config_poll_seconds: float = 2.0
    throttle_failures: int = 5
    throttle_window_seconds: float = 300.0
    throttle_lock_seconds: float = 30.0
    throttle_lock_max_seconds: float = 900.0
    max_frame_bytes: int = MAX_FRAME_BYTES
    rate_per_second: float = 50.0
    rate_burst: int = 200
    rate_abuse_limit: int = 500
    rate_abuse_window_seconds: float = 10.0
    auth_timeout_seconds: float = 30.0
    ws_ping_interval_seconds: float | None = 20.0
    send_queue_frames: int = 2000
    snapshot_chunk: int = 200
    chat: ChatConfig = field(default_factory=ChatConfig)  # customer-chat routing (issue 6)
    recommended_client: str | None = None  # announced in Welcome: older clients show a notice

    def __post_init__(self) -> None:
        if (self.tls_cert is None) != (self.tls_key is None):
            raise ValueError("TLS needs both a certificate and a key")
        if not 0 <= self.port <= 65535:
            raise ValueError(f"port {self.port} out of range")
        if self.recommended_client is not None and not re.fullmatch(
            VERSION_PATTERN, self.recommended_client
        ):
            raise ValueError(f"recommended_client {self.recommended_client!r} is not like 1.4.2")
        positive = {
            "access_ttl_seconds": self.access_ttl_seconds,
            "refresh_ttl_seconds": self.refresh_ttl_seconds,
            "fanout_interval_seconds": self.fanout_interval_seconds,
            "throttle_window_seconds": self.throttle_window_seconds,
            "throttle_lock_seconds": self.throttle_lock_seconds,
            "rate_per_second": self.rate_per_second,
            "rate_abuse_window_seconds": self.rate_abuse_window_seconds,
            "auth_timeout_seconds": self.auth_timeout_seconds,
        }
        for name, value in positive.items():
            if value <= 0:
                raise ValueError(f"{name} must be positive, not {value}")
        if not 1 <= self.max_frame_bytes <= MAX_FRAME_BYTES:
            raise ValueError(f"max_frame_bytes must be between 1 and {MAX_FRAME_BYTES}")
        if self.disconnect_grace_seconds < 0:
            raise ValueError("disconnect_grace_seconds must not be negative")
        if self.throttle_lock_max_seconds < self.throttle_lock_seconds:
            raise ValueError("throttle_lock_max_seconds must not be below throttle_lock_seconds")
        for name, count in (
            ("throttle_failures", self.throttle_failures),
            ("rate_burst", self.rate_burst),
            ("rate_abuse_limit", self.rate_abuse_limit),
            ("send_queue_frames", self.send_queue_frames),
            ("snapshot_chunk", self.snapshot_chunk),
        ):
            if count < 1:
                raise ValueError(f"{name} must be at least 1, not {count}")

    @property
    def tls(self) -> bool:
        """True when the hub serves wss://."""
        return self.tls_cert is not None

    def ssl_context(self) -> ssl.SSLContext | None:
        """The TLS server context, or None for plain ws:// (labs and tests only)."""
        if self.tls_cert is None or self.tls_key is None:
            return None
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.minimum_version = ssl.TLSVersion.TLSv1_2
        ctx.load_cert_chain(self.tls_cert, self.tls_key)
        return ctx
