"""pjsua2 Account and Call subclasses that turn callbacks into HomeSeat events.

Every method here runs on the SIP engine's owner thread: pjsua2 is created with
``mainThreadOnly`` and ``threadCnt = 0``, so its callbacks are delivered from inside the
engine's ``libHandleEvents``. The objects hold no state of their own beyond what is needed to
name events; the engine owns them and deletes them before ``libDestroy``.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import pjsua2 as pj

from homeseat.core.calls import CallEventKind, EndReason
from homeseat.sip.events import RegistrationChanged, RegState

if TYPE_CHECKING:
    from homeseat.sip.engine import SipEngine

__all__ = ["EngineAccount", "EngineCall", "end_reason"]

log = logging.getLogger(__name__)

K = CallEventKind


def end_reason(code: int, *, connected: bool, inbound: bool, local: bool) -> EndReason:
    """Why a call ended, from the last SIP status and who ended it."""
    if local:
        return EndReason.HANGUP_LOCAL if connected or not inbound else EndReason.REJECTED
    if connected:
        return EndReason.HANGUP_REMOTE
    if inbound:
        return EndReason.ANSWERED_ELSEWHERE if code == 200 else EndReason.MISSED
    if code in (486, 600):
        return EndReason.BUSY
    if code == 603:
        return EndReason.DECLINED
    if code in (408, 480, 487):
        return EndReason.NO_ANSWER
    return EndReason.FAILED


class EngineAccount(pj.Account):  # type: ignore[misc]  # pjsua2 has no type hints
    """One registered account; reports registration and incoming calls to the engine."""

    def __init__(self, engine: SipEngine, account_id: str) -> None:
        """Bind to ``engine`` (call ``create`` next, as pjsua2 wants)."""
        super().__init__()
        self.engine = engine
        self.account_id = account_id
        engine.pj_objects.add(self)  # watched: none may outlive libDestroy

    def onRegState(self, prm: pj.OnRegStateParam) -> None:
        """Registration state changed."""
        try:
            info = self.getInfo()
            code = int(prm.code)
            if code // 100 == 2 and info.regIsActive:
                state, expires = RegState.REGISTERED, int(info.regExpiresSec)
            elif code // 100 == 2:
                state, expires = RegState.UNREGISTERED, 0
            else:
                state, expires = RegState.FAILED, 0
            self.engine.emit(
                RegistrationChanged(self.account_id, state, code, str(prm.reason), expires)
            )
        except Exception as exc:
            self.engine.report(exc, "registration", account_id=self.account_id)

    def onIncomingCall(self, prm: pj.OnIncomingCallParam) -> None:
        """A call is offered: ring (180) and tell the engine."""
        try:
            call = EngineCall(self.engine, self, prm.callId)
            self.engine.adopt_incoming(call)
        except Exception as exc:
            self.engine.report(exc, "incoming call", account_id=self.account_id)


class EngineCall(pj.Call):  # type: ignore[misc]  # pjsua2 has no type hints
    """One call; reports state, media, DTMF and transfer progress to the engine."""

    def __init__(self, engine: SipEngine, account: EngineAccount, pj_call_id: int = -1) -> None:
        """Wrap pjsua call ``pj_call_id`` (-1: a new outbound call)."""
        if pj_call_id < 0:
            super().__init__(account)
        else:
            super().__init__(account, pj_call_id)
        self.engine = engine
        self.account_id = account.account_id
        self.call_id = ""  # set by the engine
        engine.pj_objects.add(self)  # watched: none may outlive libDestroy
        self.inbound = pj_call_id >= 0
        self.connected = False
        self.alerting = False
        self.local_end = False
        self.transferring = False
        self.transferred = False
        self.held = False
        self.remote_held = False
        self.ended = False

    def onCallState(self, prm: pj.OnCallStateParam) -> None:
        """Dialog state changed."""
        try:
            info = self.getInfo()
            state = info.state
            if state == pj.PJSIP_INV_STATE_EARLY and not self.inbound and not self.alerting:
                self.alerting = True
                self.engine.call_event(self, K.ALERTING)
            elif state == pj.PJSIP_INV_STATE_CONFIRMED and not self.connected:
                self.connected = True
                self.engine.call_event(self, K.ANSWERED)
            elif state == pj.PJSIP_INV_STATE_DISCONNECTED and not self.ended:
                self.ended = True
                code = int(info.lastStatusCode)
                reason = end_reason(
                    code, connected=self.connected, inbound=self.inbound, local=self.local_end
                )
                if self.transferred:
                    reason = EndReason.TRANSFERRED
                self.engine.call_event(self, K.END, reason=reason, code=code)
                self.engine.forget_call(self)
        except Exception as exc:
            self.engine.report(exc, "call state", call_id=self.call_id)

    def onCallMediaState(self, prm: pj.OnCallMediaStateParam) -> None:
        """Media changed: connect the audio bridge, notice hold and resume."""
        try:
            info = self.getInfo()
            for mi in info.media:
                if mi.type != pj.PJMEDIA_TYPE_AUDIO:
                    continue
                status = mi.status
                if status in (pj.PJSUA_CALL_MEDIA_ACTIVE, pj.PJSUA_CALL_MEDIA_REMOTE_HOLD):
                    self.engine.connect_audio(self, self.getAudioMedia(mi.index))
                self._hold_changes(status)
                break
        except Exception as exc:
            self.engine.report(exc, "call media", call_id=self.call_id)

    def _hold_changes(self, status: int) -> None:
        local = status in (pj.PJSUA_CALL_MEDIA_LOCAL_HOLD, pj.PJSUA_CALL_MEDIA_NONE)
        remote = status == pj.PJSUA_CALL_MEDIA_REMOTE_HOLD
        if local and not self.held and self.connected:
            self.held = True
            self.engine.call_event(self, K.HOLD)
        elif status == pj.PJSUA_CALL_MEDIA_ACTIVE and self.held:
            self.held = False
            self.engine.call_event(self, K.RESUME)
        if remote and not self.remote_held:
            self.remote_held = True
            self.engine.call_event(self, K.REMOTE_HOLD)
        elif status == pj.PJSUA_CALL_MEDIA_ACTIVE and self.remote_held:
            self.remote_held = False
            self.engine.call_event(self, K.REMOTE_RESUME)

    def onDtmfDigit(self, prm: pj.OnDtmfDigitParam) -> None:
        """The other party sent a digit (RFC 4733 or SIP INFO)."""
        self.engine.dtmf_received(self, str(prm.digit))

    def onCallTransferStatus(self, prm: pj.OnCallTransferStatusParam) -> None:
        """Progress of our REFER, reported by the transferee's NOTIFYs."""
        try:
            code = int(prm.statusCode)
            if not prm.finalNotify:
                return
            self.transferring = False
            if code // 100 == 2:
                # The transferee reached the target: our leg is done.
                self.transferred = True
                prm.cont = False
                self.engine.hangup_transferred(self)
            else:
                self.engine.call_event(self, K.TRANSFER_FAILED, code=code)
        except Exception as exc:
            self.engine.report(exc, "transfer status", call_id=self.call_id)
