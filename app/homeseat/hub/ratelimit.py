"""A per-connection message rate cap: a token bucket, plus a count of refusals to spot abuse.

Pure logic on a monotonic clock; each connection's handler (on the hub's loop) owns one.
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["RateLimiter"]


class RateLimiter:
    """Allows ``rate`` messages per second on average and ``burst`` at once.

    Args:
        rate: tokens added per second.
        burst: bucket size (and the initial fill).
        abuse_limit: refusals within ``abuse_window`` seconds that count as sustained abuse.
        abuse_window: see ``abuse_limit``.
        monotonic: the clock.
    """

    def __init__(
        self,
        *,
        rate: float,
        burst: int,
        abuse_limit: int,
        abuse_window: float,
        monotonic: Callable[[], float],
    ) -> None:
        self._rate = rate
        self._burst = float(burst)
        self._abuse_limit = abuse_limit
        self._abuse_window = abuse_window
        self._now = monotonic
        self._tokens = float(burst)
        self._last = monotonic()
        self._window_start = self._last
        self._refused = 0

    def allow(self) -> bool:
        """Take one token; False when the connection is over its rate (the frame is refused)."""
        now = self._now()
        self._tokens = min(self._burst, self._tokens + (now - self._last) * self._rate)
        self._last = now
        if self._tokens >= 1.0:
            self._tokens -= 1.0
            return True
        if now - self._window_start > self._abuse_window:
            self._window_start, self._refused = now, 0
        self._refused += 1
        return False

    @property
    def abusive(self) -> bool:
        """True when refusals in the current window reached the abuse limit."""
        in_window = self._now() - self._window_start <= self._abuse_window
        return in_window and self._refused >= self._abuse_limit
