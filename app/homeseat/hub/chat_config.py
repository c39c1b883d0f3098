"""Customer-chat settings of the hub: capacity per agent, offer timeout, auto-accept, limits.

Plain immutable data, read on the hub's loop thread; validated once at construction.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ChatConfig"]


@dataclass(frozen=True, slots=True)
class ChatConfig:
    """How the hub routes customer chats.

    Attributes:
        capacity: active chats one agent holds at most.
        offer_timeout_seconds: an offer not answered by then goes to the next agent.
        auto_accept: tell clients to accept offers at once (the platform's word).
        customer_rate_per_second: lines/typing frames per second a customer page may send.
        customer_burst: frames a customer page may send at once.
        max_queued: conversations waiting at most; further customers are told to come back.
    """

    capacity: int = 3
    offer_timeout_seconds: float = 20.0
    auto_accept: bool = False
    customer_rate_per_second: float = 10.0
    customer_burst: int = 40
    max_queued: int = 10_000

    def __post_init__(self) -> None:
        if self.capacity < 1:
            raise ValueError(f"chat capacity must be at least 1, not {self.capacity}")
        if self.offer_timeout_seconds <= 0:
            raise ValueError("offer_timeout_seconds must be positive")
        if self.customer_rate_per_second <= 0 or self.customer_burst < 1:
            raise ValueError("customer rate limits must be positive")
        if self.max_queued < 1:
            raise ValueError("max_queued must be at least 1")
