"""The softphone's Qt-side controller: SIP events in (queued), phone model and commands out.

Runs on the Qt main thread. The SIP engine calls :meth:`PhoneController.post` on its own
thread; a queued signal carries each event here, where the call/agent link updates the line
model and the agent state machine, line quality is kept per call, ended calls go to the
history (and, as a number-free quality report, to ``call_finished`` for the hub), and signals
tell the views what changed. Commands go straight to the engine (its
methods only queue them). No widgets here: the pane (``phone_pane``) renders this state.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Protocol

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from homeseat.core.calls import Call, CallEventKind, CallState, Lines
from homeseat.core.quality import QualityScore
from homeseat.sip.agent_link import CallAgentLink
from homeseat.sip.events import (
    CallChanged,
    CallQuality,
    EngineError,
    RegistrationChanged,
    RegState,
    SipEvent,
)
from homeseat.sip.history import CallHistory
from homeseat.sip.reporting import quality_report

__all__ = ["PhoneCommands", "PhoneController"]

log = logging.getLogger(__name__)


class PhoneCommands(Protocol):
    """What the controller asks of the SIP engine (``SipEngine`` provides it)."""

    def dial(self, account_id: str, number: str) -> str:
        """Place a call; returns its id."""
        ...

    def answer(self, call_id: str) -> None:
        """Answer."""
        ...

    def reject(self, call_id: str) -> None:
        """Reject a ringing call."""
        ...

    def hangup(self, call_id: str) -> None:
        """Hang up."""
        ...

    def hold(self, call_id: str) -> None:
        """Hold."""
        ...

    def resume(self, call_id: str) -> None:
        """Resume."""
        ...

    def set_muted(self, call_id: str, muted: bool) -> None:
        """Mute or unmute."""
        ...

    def send_dtmf(self, call_id: str, digits: str) -> None:
        """Send digits."""
        ...

    def transfer(self, call_id: str, target: str) -> None:
        """Blind transfer."""
        ...


class PhoneController(QObject):
    """The phone's state on the GUI thread and the agent's call commands."""

    lines_changed = Signal()
    registration_changed = Signal(object)  # RegistrationChanged
    quality_changed = Signal(str, object)  # call id, QualityScore
    agent_changed = Signal(object)  # Transition
    history_changed = Signal()
    call_finished = Signal(object)  # protocol CallQuality for the hub (no customer data)
    error = Signal(str)
    _incoming = Signal(object)

    def __init__(
        self,
        account_id: str,
        link: CallAgentLink,
        history: CallHistory | None = None,
        *,
        auto_answer_after_s: float | None = None,
        wall_clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        parent: QObject | None = None,
    ) -> None:
        """Build for SIP account ``account_id``; call :meth:`attach` with the engine next."""
        super().__init__(parent)
        self.account_id = account_id
        self.link = link
        self.history = history
        self._wall = wall_clock
        self.auto_answer_after_s = auto_answer_after_s
        self._commands: PhoneCommands | None = None
        self.registration: RegistrationChanged | None = None
        self.quality: dict[str, QualityScore] = {}
        self.last_error = ""
        self._incoming.connect(self._on_event, Qt.ConnectionType.QueuedConnection)

    def attach(self, commands: PhoneCommands) -> None:
        """Send commands to ``commands`` (the running engine)."""
        self._commands = commands

    def post(self, event: SipEvent) -> None:
        """Hand an engine event to the GUI thread (any thread; never blocks)."""
        self._incoming.emit(event)

    @property
    def lines(self) -> Lines:
        """The phone's lines now."""
        return self.link.lines

    @property
    def registered(self) -> bool:
        """True while the account is registered."""
        return self.registration is not None and self.registration.state is RegState.REGISTERED

    def current(self) -> Call | None:
        """The call the buttons act on: a ringing one first, else the talking one, else any."""
        calls = self.lines.calls
        for state in (CallState.RINGING, CallState.CONNECTED, CallState.DIALING):
            for call in calls:
                if call.state is state:
                    return call
        return calls[0] if calls else None

    # -- events (GUI thread) ------------------------------------------------------------------

    def _on_event(self, event: SipEvent) -> None:
        try:
            self._handle(event)
        except Exception:
            log.exception("phone failed to handle %s", type(event).__name__)

    def _handle(self, event: SipEvent) -> None:
        if isinstance(event, RegistrationChanged):
            if event.account_id == self.account_id:
                self.registration = event
                self.registration_changed.emit(event)
            return
        if isinstance(event, CallQuality):
            self.quality[event.call_id] = event.score
            self.quality_changed.emit(event.call_id, event.score)
            return
        if isinstance(event, EngineError):
            self.last_error = event.message
            self.error.emit(event.message)
            return
        if not isinstance(event, CallChanged):
            return
        result = self.link.handle(event)
        if result.reject_call and self._commands is not None:
            self._commands.reject(event.event.call_id)
        for transition in result.transitions:
            self.agent_changed.emit(transition)
        call = result.call
        if call is not None and event.event.kind is CallEventKind.INCOMING:
            self._maybe_auto_answer(call)
        if call is not None and event.event.kind is CallEventKind.END:
            quality = self.quality.pop(call.call_id, None)
            ended = self._wall()
            if self.history is not None:
                self.history.record(call, ended, quality)
                self.history_changed.emit()
            if call.was_connected:
                self.call_finished.emit(quality_report(call, quality, ended))
        self.lines_changed.emit()

    def _maybe_auto_answer(self, call: Call) -> None:
        # Contact centres answer for the agent after N seconds; never a waiting second call.
        delay = self.auto_answer_after_s
        if delay is None or call.waiting:
            return
        call_id = call.call_id

        def answer_if_ringing() -> None:
            now = self.lines.get(call_id)
            if now is not None and now.state is CallState.RINGING and self._commands is not None:
                self.answer(call_id)

        QTimer.singleShot(int(delay * 1000), answer_if_ringing)

    # -- commands (GUI thread) ----------------------------------------------------------------

    def _cmd(self) -> PhoneCommands:
        if self._commands is None:
            raise RuntimeError("the phone is not connected to a SIP engine")
        return self._commands

    def dial(self, number: str) -> str | None:
        """Call ``number``; None when it is empty or every line is taken."""
        number = number.strip()
        if not number or self.lines.free_line() is None:
            return None
        return self._cmd().dial(self.account_id, number)

    def answer(self, call_id: str) -> None:
        """Answer a ringing call, holding the one in progress first (call waiting)."""
        for other in self.lines.others(call_id):
            if other.state is CallState.CONNECTED:
                self._cmd().hold(other.call_id)
        self._cmd().answer(call_id)

    def reject(self, call_id: str) -> None:
        """Reject a ringing call."""
        self._cmd().reject(call_id)

    def hangup(self, call_id: str) -> None:
        """Hang up (or cancel) a call."""
        self._cmd().hangup(call_id)

    def toggle_hold(self, call: Call) -> None:
        """Hold a connected call, resume a held one."""
        if call.state is CallState.HELD:
            self._cmd().resume(call.call_id)
        elif call.state is CallState.CONNECTED:
            self._cmd().hold(call.call_id)

    def toggle_mute(self, call: Call) -> None:
        """Mute or unmute the microphone for ``call``."""
        self._cmd().set_muted(call.call_id, not call.muted)

    def send_dtmf(self, call_id: str, digits: str) -> None:
        """Send DTMF digits."""
        self._cmd().send_dtmf(call_id, digits)

    def transfer(self, call_id: str, target: str) -> None:
        """Blind-transfer ``call_id`` to ``target``."""
        if target.strip():
            self._cmd().transfer(call_id, target.strip())
