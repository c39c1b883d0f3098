"""Unlocking an idle-locked client: the agent's password, checked by the hub (loop thread)."""

from __future__ import annotations

from homeseat.platform.requests import RequestChannel
from homeseat.platform.session import PlatformSession
from homeseat.protocol.lock import Unlock

__all__ = ["PasswordCheck"]


class PasswordCheck:
    """Asks the hub whether a password is the signed-in user's (throttled like a sign-in).

    Args:
        session: the signed-in session the check rides on (no new tokens are issued).
    """

    def __init__(self, session: PlatformSession) -> None:
        self._requests = RequestChannel(session, "unlock", timeout=15.0)

    async def verify(self, password: str) -> None:
        """Return when the hub accepts; raise ``RequestFailed`` (bad_credentials, throttled,
        offline, timeout) when not."""
        await self._requests.ask(Unlock(id=self._requests.new_id(), password=password))
