"""Small helpers shared by the UI tests (imported, not fixtures)."""

from __future__ import annotations

from collections.abc import Callable

from homeseat.core.agent_state import Clock
from homeseat.platform.session import PlatformSession
from homeseat.ui.main_window import MainWindow

__all__ = ["ManualClock", "WindowFactory"]

#: make_window(role="agent", name=..., **settings_overrides) -> (window, session)
WindowFactory = Callable[..., tuple[MainWindow, PlatformSession]]


class ManualClock(Clock):
    """A monotonic clock the test moves by hand (wall clock stays real)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def monotonic(self) -> float:
        return self.now
