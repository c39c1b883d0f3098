"""Sign-in throttling: a sliding window of failures per key, then lockouts that grow.

Pure logic on a monotonic clock, used by the authenticator on the hub's loop thread. Keys are
strings such as ``"user:agent1"`` or ``"peer:192.0.2.7"``; state lives in memory (a hub restart
forgets it, which is acceptable because a restart is itself slow and audited).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

__all__ = ["Throttle"]


@dataclass(slots=True)
class _Key:
    failures: deque[float] = field(default_factory=deque)
    locked_until: float = 0.0
    lockouts: int = 0  # how many times this key was locked; each lock doubles the next
    last_change: float = 0.0


class Throttle:
    """Counts failures per key and locks keys that fail too often.

    Args:
        max_failures: failures allowed within ``window``; the next one locks the key.
        window: seconds failures are counted over.
        lock: first lockout in seconds; the n-th lockout lasts ``lock * 2**(n-1)``.
        lock_max: longest lockout.
        monotonic: the clock.
    """

    #: Keys are forgotten this long after their last failure or lock ended.
    FORGET_AFTER = 24 * 3600.0

    def __init__(
        self,
        *,
        max_failures: int,
        window: float,
        lock: float,
        lock_max: float,
        monotonic: Callable[[], float],
    ) -> None:
        self._max = max_failures
        self._window = window
        self._lock = lock
        self._lock_max = lock_max
        self._now = monotonic
        self._keys: dict[str, _Key] = {}
        self._calls = 0

    def retry_after(self, key: str) -> float | None:
        """Seconds until ``key`` may try again, or None when it is not locked."""
        state = self._keys.get(key)
        if state is None:
            return None
        left = state.locked_until - self._now()
        return left if left > 0 else None

    def failure(self, key: str) -> float | None:
        """Count a failure; returns the lockout in seconds when this failure locks the key."""
        self._prune()
        now = self._now()
        state = self._keys.setdefault(key, _Key())
        state.last_change = now
        while state.failures and state.failures[0] <= now - self._window:
            state.failures.popleft()
        state.failures.append(now)
        if len(state.failures) < self._max:
            return None
        state.lockouts += 1
        duration: float = min(self._lock_max, self._lock * 2.0 ** (state.lockouts - 1))
        state.locked_until = now + duration
        state.failures.clear()  # a fresh window starts after the lock
        return duration

    def success(self, key: str) -> None:
        """Forget ``key``'s failures and lockout history."""
        self._keys.pop(key, None)

    def _prune(self) -> None:
        # Bounded memory under a spray of user names: forget long-quiet keys now and then.
        self._calls += 1
        if self._calls % 1024:
            return
        limit = self._now() - self.FORGET_AFTER
        for key in [k for k, s in self._keys.items() if max(s.last_change, s.locked_until) < limit]:
            del self._keys[key]
