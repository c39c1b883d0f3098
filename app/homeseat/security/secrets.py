"""Secrets in the OS keyring only: refresh tokens never touch a file or a log.

Where no secure keyring backend exists (no Secret Service, a plaintext ``keyrings.alt``
backend, the "fail" backend), the store is *unavailable*: nothing is remembered and the agent
signs in again. There is no plaintext fallback by design. Called from the event-loop thread.
"""

from __future__ import annotations

import logging

import keyring
import keyring.errors

__all__ = ["SecretStore", "MemorySecretStore", "DEFAULT_SERVICE"]

log = logging.getLogger(__name__)
DEFAULT_SERVICE = "HomeSeat"

# Backends that would write secrets in clear or cannot store anything.
_REFUSED_MODULE_PREFIXES = ("keyrings.alt", "keyring.backends.fail", "keyring.backends.null")


class SecretStore:
    """Keyring-backed secrets for one service name (per hub, so labs do not mix)."""

    def __init__(self, service: str = DEFAULT_SERVICE, backend: object | None = None) -> None:
        self._service = service
        self._backend = backend if backend is not None else keyring.get_keyring()

    @property
    def backend_name(self) -> str:
        """The keyring backend's class, for selftest and the about box."""
        cls = type(self._backend)
        return f"{cls.__module__}.{cls.__name__}"

    @property
    def available(self) -> bool:
        """True only for a backend that stores secrets securely."""
        backends = getattr(self._backend, "backends", None)  # the chainer wraps others
        candidates = backends if backends else [self._backend]
        return any(not type(b).__module__.startswith(_REFUSED_MODULE_PREFIXES) for b in candidates)

    def get(self, account: str) -> str | None:
        """Return the stored secret, or None (also when the keyring fails or is locked)."""
        if not self.available:
            return None
        try:
            value = self._backend.get_password(self._service, account)  # type: ignore[attr-defined]
        except keyring.errors.KeyringError as exc:
            log.warning("keyring read failed: %s", type(exc).__name__)
            return None
        return value if isinstance(value, str) else None

    def set(self, account: str, secret: str) -> bool:
        """Store ``secret``; returns False (and remembers nothing) when that is not possible."""
        if not self.available:
            return False
        try:
            self._backend.set_password(self._service, account, secret)  # type: ignore[attr-defined]
        except keyring.errors.KeyringError as exc:
            log.warning("keyring write failed: %s", type(exc).__name__)
            return False
        return True

    def delete(self, account: str) -> None:
        """Forget the secret for ``account`` (no error if there was none)."""
        if not self.available:
            return
        try:
            self._backend.delete_password(self._service, account)  # type: ignore[attr-defined]
        except keyring.errors.PasswordDeleteError:
            pass
        except keyring.errors.KeyringError as exc:
            log.warning("keyring delete failed: %s", type(exc).__name__)


class MemorySecretStore(SecretStore):
    """Secrets held in this process only (the demo's pre-signed-in windows); nothing on disk."""

    def __init__(self) -> None:
        self._values: dict[str, str] = {}
        self._service = "memory"
        self._backend = self

    @property
    def available(self) -> bool:
        return True

    def get(self, account: str) -> str | None:
        return self._values.get(account)

    def set(self, account: str, secret: str) -> bool:
        self._values[account] = secret
        return True

    def delete(self, account: str) -> None:
        self._values.pop(account, None)
