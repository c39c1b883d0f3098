"""The customer page's protocol on ``/chat/ws``: the message unions and their validators.

The models live in :mod:`homeseat.protocol.chat`; the unions are here because the hub's replies
include :class:`~homeseat.protocol.messages.ErrorReply`, which ``chat`` cannot import (it is
imported by ``messages`` itself). Pure data; no I/O.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, TypeAdapter

from homeseat.protocol.chat import (
    ChatAck,
    ChatEnded,
    ChatLine,
    ChatTyping,
    CustomerLeave,
    CustomerSend,
    CustomerStart,
    CustomerStatus,
    CustomerTyping,
    CustomerWelcome,
)
from homeseat.protocol.messages import ErrorReply

__all__ = ["CustomerMessage", "ToCustomerMessage", "CUSTOMER_ADAPTER", "TO_CUSTOMER_ADAPTER"]

CustomerMessage = Annotated[
    CustomerStart | CustomerSend | CustomerTyping | CustomerLeave, Field(discriminator="type")
]
ToCustomerMessage = Annotated[
    CustomerWelcome | CustomerStatus | ChatLine | ChatAck | ChatTyping | ChatEnded | ErrorReply,
    Field(discriminator="type"),
]
CUSTOMER_ADAPTER: TypeAdapter[CustomerMessage] = TypeAdapter(CustomerMessage)
TO_CUSTOMER_ADAPTER: TypeAdapter[ToCustomerMessage] = TypeAdapter(ToCustomerMessage)
