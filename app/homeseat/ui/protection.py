"""Workstation protection for one signed-in window: idle lock, watermark, capture exclusion.

Qt main thread. Built by the shell when the main window opens and stopped before it closes.
"""

from __future__ import annotations

from dataclasses import dataclass

from homeseat.config.model import ClientSettings
from homeseat.core.agent_state import AgentStateMachine
from homeseat.platform.lock import PasswordCheck
from homeseat.platform.session import PlatformSession, SessionInfo
from homeseat.ui.idle_lock import IdleLock, InputActivity
from homeseat.ui.main_window import MainWindow
from homeseat.ui.watermark import Watermark, exclude_from_capture

__all__ = ["Protection", "attach_protection"]


@dataclass
class Protection:
    """What protects one window (kept so the shell can stop it in order)."""

    idle_lock: IdleLock
    watermark: Watermark | None
    capture_excluded: bool

    def stop(self) -> None:
        """Stop the idle watch (before the window closes)."""
        self.idle_lock.stop()


def attach_protection(
    window: MainWindow,
    session: PlatformSession,
    machine: AgentStateMachine,
    settings: ClientSettings,
    info: SessionInfo,
) -> Protection:
    """Cover ``window``'s content with a watermark and an idle lock, as configured."""
    content = window.centralWidget() or window
    security = settings.security
    watermark = Watermark(info.username, content) if security.watermark else None
    check = PasswordCheck(session)
    lock = IdleLock(
        content,
        machine,
        session.request,
        check.verify,
        InputActivity(),
        minutes=security.idle_lock_minutes,
        display_name=info.display_name or info.username,
    )
    lock.sign_out_requested.connect(window.sign_out_requested.emit)
    lock.start()
    excluded = exclude_from_capture(window) if security.exclude_from_capture else False
    return Protection(lock, watermark, excluded)
