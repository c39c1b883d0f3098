"""The hub's pure limiters on a clock the test moves: sign-in throttle and message rate cap."""

from __future__ import annotations

import pytest

from homeseat.hub.ratelimit import RateLimiter
from homeseat.hub.throttle import Throttle


class Clock:
    """A monotonic clock that only moves when told."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    """A fresh manual clock."""
    return Clock()


def test_throttle_locks_after_max_failures_and_lockouts_double(clock: Clock) -> None:
    throttle = Throttle(max_failures=3, window=60, lock=10, lock_max=35, monotonic=clock)
    assert throttle.failure("user:a") is None
    assert throttle.failure("user:a") is None
    assert throttle.failure("user:a") == 10
    assert throttle.retry_after("user:a") == 10
    assert throttle.retry_after("user:b") is None  # keys are independent
    clock.now += 10
    assert throttle.retry_after("user:a") is None
    for _ in range(2):
        assert throttle.failure("user:a") is None
    assert throttle.failure("user:a") == 20
    clock.now += 20
    for _ in range(2):
        throttle.failure("user:a")
    assert throttle.failure("user:a") == 35  # capped at lock_max
    throttle.success("user:a")
    assert throttle.retry_after("user:a") is None
    for _ in range(2):
        throttle.failure("user:a")
    assert throttle.failure("user:a") == 10  # a success forgets the history


def test_throttle_counts_failures_in_a_sliding_window(clock: Clock) -> None:
    throttle = Throttle(max_failures=3, window=60, lock=10, lock_max=100, monotonic=clock)
    throttle.failure("peer:x")
    clock.now += 40
    throttle.failure("peer:x")
    clock.now += 30  # the first failure is now out of the window
    assert throttle.failure("peer:x") is None
    assert throttle.failure("peer:x") == 10


def test_rate_limiter_allows_burst_then_rate_and_spots_abuse(clock: Clock) -> None:
    limiter = RateLimiter(rate=10, burst=5, abuse_limit=8, abuse_window=5, monotonic=clock)
    assert all(limiter.allow() for _ in range(5))
    assert not limiter.allow()
    clock.now += 0.1  # one token back
    assert limiter.allow()
    assert not limiter.allow()
    assert not limiter.abusive
    for _ in range(6):
        limiter.allow()
    assert limiter.abusive  # 8 refusals within the window
    clock.now += 6  # a quiet spell refills the bucket and ends the window
    assert not limiter.abusive
    assert all(limiter.allow() for _ in range(5))
    assert not limiter.allow()
    assert not limiter.abusive  # one refusal in a new window
