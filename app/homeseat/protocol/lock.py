"""Protocol v1, idle lock: an idle-locked client proves the agent is back.

After the configured idle time the client locks itself (hiding customer data) and puts the agent
Not Ready (``idle``). To unlock, the agent types their password; the client sends
:class:`Unlock` on its existing session and the hub checks the password like a sign-in (same
throttling and lockout, audited as ``unlock``) without issuing new tokens: ``ack`` when it is
right, ``auth.error`` when not.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from homeseat.protocol.messages import Message

__all__ = ["Unlock"]


class Unlock(Message):
    """The signed-in agent's password, to unlock an idle-locked client."""

    type: Literal["auth.unlock"] = "auth.unlock"
    password: Annotated[str, Field(min_length=1, max_length=256, repr=False)]
