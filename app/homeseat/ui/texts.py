"""Translated labels shared by several widgets: states, links, reasons, sign-in errors.

Every function reads the installed translators at call time (Qt main thread), so a widget's
``retranslate()`` only has to call them again after a language switch.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication

from homeseat.core.agent_state import AgentState
from homeseat.core.codes import LabeledCode

__all__ = [
    "state_label",
    "disconnected_label",
    "channel_label",
    "reason_label",
    "link_label",
    "sign_in_error_text",
    "ended_text",
    "format_duration",
]


def state_label(state: AgentState, channel: str | None = None) -> str:
    """The name of an agent state as call-centre staff say it."""
    if state is AgentState.READY:
        return QCoreApplication.translate("AgentState", "Ready")
    if state is AgentState.NOT_READY:
        return QCoreApplication.translate("AgentState", "Not Ready")
    if state is AgentState.OFFERED:
        if channel == "chat":
            return QCoreApplication.translate("AgentState", "Chat offered")
        return QCoreApplication.translate("AgentState", "Ringing")
    if state is AgentState.BUSY:
        if channel == "call":
            return QCoreApplication.translate("AgentState", "On a call")
        if channel == "chat":
            return QCoreApplication.translate("AgentState", "In a chat")
        return QCoreApplication.translate("AgentState", "Busy")
    if state is AgentState.WRAP_UP:
        return QCoreApplication.translate("AgentState", "Wrap-up")
    return QCoreApplication.translate("AgentState", "Signed out")


def disconnected_label() -> str:
    """The overlay shown for an agent whose client lost the hub."""
    return QCoreApplication.translate("AgentState", "Disconnected")


def channel_label(channel: str | None) -> str:
    """ "Call" / "Chat" (empty for no channel)."""
    if channel == "call":
        return QCoreApplication.translate("Channel", "Call")
    if channel == "chat":
        return QCoreApplication.translate("Channel", "Chat")
    return ""


def _system_reason(code: str) -> str | None:
    # Reasons the system sets by itself; configured reasons carry their own bilingual labels.
    if code == "signed_in":
        return QCoreApplication.translate("Reason", "Just signed in")
    if code == "idle":
        return QCoreApplication.translate("Reason", "Idle")
    if code == "forced":
        return QCoreApplication.translate("Reason", "Set by team lead")
    if code == "offline":
        return QCoreApplication.translate("Reason", "Offline")
    return None


def reason_label(code: str | None, codes: Iterable[LabeledCode], language: str) -> str:
    """Label of a Not Ready reason code: configured label, system label, or the raw code."""
    if not code:
        return ""
    for item in codes:
        if item.code == code:
            return item.label(language)
    return _system_reason(code) or code


def link_label(link: str) -> str:
    """Connection state in words ("online", "connecting", "offline", "signed_out")."""
    if link == "online":
        return QCoreApplication.translate("Link", "Online")
    if link == "connecting":
        return QCoreApplication.translate("Link", "Connecting…")
    if link == "offline":
        return QCoreApplication.translate("Link", "Offline – reconnecting")
    return QCoreApplication.translate("Link", "Signed out")


def sign_in_error_text(code: str) -> str:
    """What the sign-in dialog says for a SignInError code, in the UI language."""
    if code == "bad_credentials":
        return QCoreApplication.translate("SignInError", "Wrong user name or password.")
    if code == "throttled":
        # The sign-in dialog says how many seconds (a plural form needs a QObject's tr()).
        return QCoreApplication.translate(
            "SignInError", "Too many attempts. Wait a moment and try again."
        )
    if code == "disabled":
        return QCoreApplication.translate(
            "SignInError", "This account is disabled. Contact your team lead."
        )
    if code in ("expired", "revoked"):
        return QCoreApplication.translate(
            "SignInError", "Your saved sign-in is no longer valid. Enter your password."
        )
    if code == "unreachable":
        return QCoreApplication.translate(
            "SignInError",
            "Cannot reach the platform. Check your network connection and try again.",
        )
    if code == "tls":
        return QCoreApplication.translate(
            "SignInError",
            "The platform's security certificate could not be verified. Contact IT support.",
        )
    if code == "pin_mismatch":
        return QCoreApplication.translate(
            "SignInError",
            "The platform's certificate is not the one IT pinned: someone may be intercepting "
            "the connection. Your password was not sent. Contact IT support.",
        )
    return QCoreApplication.translate(
        "SignInError", "The platform refused the sign-in (protocol error). Contact IT support."
    )


def format_duration(seconds: float) -> str:
    """Clock-style duration: ``0:07``, ``12:30``, ``1:02:03``."""
    total = max(0, int(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


def ended_text(reason: str) -> str:
    """Why the hub ended the session, for the sign-in dialog shown next."""
    if reason == "replaced":
        return QCoreApplication.translate(
            "SessionEnded", "You signed in on another computer, so this one was signed out."
        )
    if reason == "revoked":
        return QCoreApplication.translate(
            "SessionEnded", "Your session was ended by an administrator. Sign in again."
        )
    if reason in ("expired", "disabled"):
        return sign_in_error_text(reason)
    return QCoreApplication.translate("SessionEnded", "You were signed out.")
