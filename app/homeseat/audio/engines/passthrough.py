"""The identity engine: no suppression, no delay (for tests, A/B listening and bypass checks).

Runs on the caller's thread.
"""

from __future__ import annotations

from homeseat.audio.suppress import Frame, Suppressor

__all__ = ["Passthrough"]


class Passthrough(Suppressor):
    """Returns every frame unchanged."""

    def __init__(self, rate: int = 48_000) -> None:
        """Pass ``rate`` Hz audio through in 10 ms frames."""
        self._rate = rate

    @property
    def name(self) -> str:
        """``none``."""
        return "none"

    @property
    def rate(self) -> int:
        """The rate chosen at creation."""
        return self._rate

    @property
    def latency_samples(self) -> int:
        """Zero."""
        return 0

    def process(self, frame: Frame) -> Frame:
        """Return a copy of ``frame``."""
        self._check(frame)
        return frame.copy()

    def reset(self) -> None:
        """Nothing to forget."""
