"""The first-run wizard's model: its steps, what each found, and when the agent may go on.

Pure Python, any thread (the wizard uses it on the Qt main thread). The wizard's pages are views
of this model: they feed it results and ask it what may happen next.

Steps, in order: hub URL → sign-in → audio check → network check → done. Sign-in is the only
hard gate (there is no main window without a session). The audio and network checks never lock
an agent out: a failed check is shown with advice, and the agent may go on (the lead sees the
audio verdict; the status bar keeps showing the connection).
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field, replace
from enum import Enum
from urllib.parse import urlsplit

__all__ = [
    "Step",
    "Level",
    "HubUrlProblem",
    "SipState",
    "SipCheck",
    "NetworkReport",
    "FirstRunModel",
    "check_hub_url",
    "judge_round_trip",
    "GOOD_RTT_MS",
    "POOR_RTT_MS",
]

#: A hub round trip under this is good for calls and chats (ITU G.114 leaves ~150 ms one way).
GOOD_RTT_MS = 150.0
#: Above this, state changes and chats feel late; calls (a separate path) may suffer as well.
POOR_RTT_MS = 400.0


class Step(Enum):
    """The wizard's pages, in order."""

    HUB = "hub"
    SIGN_IN = "sign_in"
    AUDIO = "audio"
    NETWORK = "network"
    DONE = "done"


class Level(Enum):
    """How a check came out."""

    GOOD = "good"
    WARN = "warn"
    FAIL = "fail"
    SKIPPED = "skipped"  # not applicable here (e.g. no SIP account configured)


class HubUrlProblem(Enum):
    """Why a hub URL typed by the agent is refused."""

    EMPTY = "empty"
    NOT_WEBSOCKET = "not_websocket"  # http://, a bare host name, ...
    INSECURE = "insecure"  # ws:// where the configuration does not allow it
    NO_HOST = "no_host"
    BAD_PORT = "bad_port"


class SipState(Enum):
    """The SIP registration, as the network check saw it."""

    NOT_CONFIGURED = "not_configured"
    REGISTERED = "registered"
    FAILED = "failed"
    NO_PASSWORD = "no_password"
    TIMEOUT = "timeout"
    UNAVAILABLE = "unavailable"  # the SIP stack could not start on this computer


@dataclass(frozen=True, slots=True)
class SipCheck:
    """The SIP part of the network check.

    Attributes:
        state: what happened.
        account: the account id checked ("" when none is configured).
        detail: the registrar's status text or the error, for IT (never a password).
    """

    state: SipState
    account: str = ""
    detail: str = ""

    @property
    def level(self) -> Level:
        """GOOD when registered, SKIPPED without an account, else FAIL."""
        if self.state is SipState.REGISTERED:
            return Level.GOOD
        if self.state is SipState.NOT_CONFIGURED:
            return Level.SKIPPED
        return Level.FAIL


def judge_round_trip(ms: float | None) -> Level:
    """GOOD under :data:`GOOD_RTT_MS`, WARN under :data:`POOR_RTT_MS`, else FAIL (None: FAIL)."""
    if ms is None:
        return Level.FAIL
    if ms < GOOD_RTT_MS:
        return Level.GOOD
    if ms < POOR_RTT_MS:
        return Level.WARN
    return Level.FAIL


@dataclass(frozen=True, slots=True)
class NetworkReport:
    """The network check: hub round trips (ms; empty when the hub did not answer) and SIP."""

    round_trips_ms: tuple[float, ...]
    sip: SipCheck
    error: str = ""  # why the hub could not be measured, if it could not

    @property
    def median_ms(self) -> float | None:
        """The typical round trip, or None when nothing came back."""
        return statistics.median(self.round_trips_ms) if self.round_trips_ms else None

    @property
    def hub_level(self) -> Level:
        """The hub part's verdict."""
        return judge_round_trip(self.median_ms)

    @property
    def level(self) -> Level:
        """The worse of the hub and SIP parts (SKIPPED SIP does not count)."""
        levels = [self.hub_level]
        if self.sip.level is not Level.SKIPPED:
            levels.append(self.sip.level)
        for worst in (Level.FAIL, Level.WARN):
            if worst in levels:
                return worst
        return Level.GOOD


def check_hub_url(text: str, *, allow_insecure: bool = False) -> str | HubUrlProblem:
    """The normalised URL (stripped, no trailing slash), or why it cannot be a hub URL."""
    url = text.strip().rstrip("/")
    if not url:
        return HubUrlProblem.EMPTY
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return HubUrlProblem.BAD_PORT
    if parts.scheme not in ("wss", "ws"):
        return HubUrlProblem.NOT_WEBSOCKET
    if parts.scheme == "ws" and not allow_insecure:
        return HubUrlProblem.INSECURE
    if not parts.hostname or any(c.isspace() for c in url):
        return HubUrlProblem.NO_HOST
    if port == 0:
        return HubUrlProblem.BAD_PORT
    return url


@dataclass(frozen=True, slots=True)
class FirstRunModel:
    """What the wizard has so far; each page returns a new model (immutable).

    Attributes:
        hub_url: the URL the agent will sign in to.
        hub_locked: IT locked the URL (the page shows it read-only).
        username: who signed in ("" before the sign-in step).
        audio: the audio-check verdict (``pass``/``warn``/``fail``), or SKIPPED's value.
        network: the network report, once measured.
    """

    hub_url: str
    hub_locked: bool = False
    username: str = ""
    audio: str = ""
    network: NetworkReport | None = None
    visited: tuple[Step, ...] = field(default=(Step.HUB,))

    def may_leave(self, step: Step) -> bool:
        """True when the agent may go on from ``step``."""
        if step is Step.HUB:
            return isinstance(check_hub_url(self.hub_url, allow_insecure=True), str)
        if step is Step.SIGN_IN:
            return bool(self.username)
        if step is Step.NETWORK:
            return self.network is not None
        return True

    def with_hub(self, url: str) -> FirstRunModel:
        """The model for another hub: a sign-in to the previous one no longer counts."""
        if url == self.hub_url:
            return self
        return replace(self, hub_url=url, username="", network=None)

    def signed_in(self, username: str) -> FirstRunModel:
        """After a successful sign-in."""
        return replace(self, username=username)

    def audio_done(self, verdict: str) -> FirstRunModel:
        """After the audio check (or ``skipped``)."""
        return replace(self, audio=verdict)

    def network_done(self, report: NetworkReport) -> FirstRunModel:
        """After the network check."""
        return replace(self, network=report)

    def entered(self, step: Step) -> FirstRunModel:
        """Remember that ``step`` was shown (the summary lists what was checked)."""
        if step in self.visited:
            return self
        return replace(self, visited=(*self.visited, step))
