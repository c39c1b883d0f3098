"""Sign-in, tokens and throttling for the hub.

Runs on the hub's loop thread; argon2 hashing and verification run in worker threads
(``asyncio.to_thread``) so one sign-in never stalls other users. Tokens are random
(``secrets.token_urlsafe``) and stored only as SHA-256 digests; each installation (``client_id``)
holds at most one live access/refresh pair, and every refresh rotates both. Passwords and tokens
are never logged or audited.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from homeseat.core.agent_state import Clock
from homeseat.hub.config import HubConfig
from homeseat.hub.storage import Storage, TokenKind, User
from homeseat.hub.throttle import Throttle
from homeseat.protocol import AuthError

__all__ = ["AuthCode", "AuthRefused", "Grant", "Authenticator", "hash_password", "token_digest"]

log = logging.getLogger(__name__)

AuthCode = Literal["bad_credentials", "throttled", "disabled", "expired", "revoked", "protocol"]

_BAD_CREDENTIALS = "wrong user name or password"


def hash_password(password: str, hasher: PasswordHasher | None = None) -> str:
    """Hash a password with argon2id (blocking: call from a worker thread on a loop)."""
    return (hasher or PasswordHasher()).hash(password)


def token_digest(token: str) -> str:
    """The SHA-256 digest under which a token is stored."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class AuthRefused(Exception):
    """A sign-in or refresh the hub refuses; turns into :class:`AuthError`."""

    def __init__(self, code: AuthCode, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.code: AuthCode = code
        self.message = message
        self.retry_after = retry_after

    def to_reply(self, ref: str | None) -> AuthError:
        """The frame that tells the client."""
        retry = None if self.retry_after is None else round(self.retry_after, 1)
        return AuthError(id=ref, code=self.code, message=self.message, retry_after=retry)


@dataclass(frozen=True, slots=True)
class Grant:
    """A successful sign-in: who, and the fresh token pair (to send once, never to log)."""

    user: User
    client_id: str
    access_token: str = ""
    access_expires_in: int = 0
    refresh_token: str = ""

    def __repr__(self) -> str:  # keep tokens out of any accidental log line
        return f"Grant(user={self.user.username!r}, client_id={self.client_id!r})"


class Authenticator:
    """Checks passwords and tokens, issues and rotates tokens, throttles guessing.

    Args:
        storage: the hub database (same thread).
        config: lifetimes and throttle limits.
        clock: wall clock for expiry, monotonic clock for throttling.
        hasher: argon2 parameters (the library's defaults unless given).
    """

    def __init__(
        self,
        storage: Storage,
        config: HubConfig,
        clock: Clock,
        hasher: PasswordHasher | None = None,
    ) -> None:
        self._storage = storage
        self._config = config
        self._clock = clock
        self._hasher = hasher or PasswordHasher()
        self._dummy_hash: str | None = None
        self.throttle = Throttle(
            max_failures=config.throttle_failures,
            window=config.throttle_window_seconds,
            lock=config.throttle_lock_seconds,
            lock_max=config.throttle_lock_max_seconds,
            monotonic=clock.monotonic,
        )

    # ------------------------------------------------------------------ sign-in

    async def login(self, username: str, password: str, client_id: str, peer: str) -> Grant:
        """Check a password and issue tokens; raises :class:`AuthRefused`."""
        user = await self._check_password(username, password, peer, "login")
        if self._hasher.check_needs_rehash(user.password_hash):
            new_hash = await asyncio.to_thread(self._hasher.hash, password)
            self._storage.set_password_hash(user.id, new_hash)
        grant = self._issue(user, client_id)
        self._storage.audit(
            "login",
            actor=user.username,
            target=user.username,
            peer=peer,
            detail={"client_id": client_id},
        )
        return grant

    async def verify_password(self, user: User, password: str, peer: str) -> None:
        """Check the signed-in ``user``'s password again (unlocking an idle-locked client).

        Throttled and audited like a sign-in (``unlock.*``); raises :class:`AuthRefused`.
        """
        checked = await self._check_password(user.username, password, peer, "unlock")
        self._storage.audit("unlock", actor=checked.username, target=checked.username, peer=peer)

    async def _check_password(self, username: str, password: str, peer: str, action: str) -> User:
        """The user whose password this is, throttled and audited as ``action``."""
        user_key, peer_key = f"user:{username.casefold()}", f"peer:{peer}"
        waits = [w for w in map(self.throttle.retry_after, (user_key, peer_key)) if w is not None]
        if waits:
            wait = max(waits)
            self._storage.audit(
                f"{action}.throttled",
                target=username,
                peer=peer,
                detail={"retry_after": round(wait)},
            )
            raise AuthRefused("throttled", f"too many failed sign-ins; retry in {wait:.0f} s", wait)
        user = self._storage.user(username)
        # Verify against a dummy hash for unknown names too, so timing does not reveal them.
        ok = await self._verify(user.password_hash if user else await self._dummy(), password)
        if user is None or not ok:
            self._storage.audit(
                f"{action}.failed",
                target=username,
                peer=peer,
                detail={"why": "unknown_user" if user is None else "bad_password"},
            )
            locks = [
                (kind, s)
                for kind, key in (("user", user_key), ("peer", peer_key))
                if (s := self.throttle.failure(key)) is not None
            ]
            if not locks:
                raise AuthRefused("bad_credentials", _BAD_CREDENTIALS)
            for kind, seconds in locks:
                self._storage.audit(
                    f"{action}.locked",
                    target=username,
                    peer=peer,
                    detail={"key": kind, "seconds": round(seconds)},
                )
            wait = max(s for _, s in locks)
            raise AuthRefused(
                "throttled", f"{_BAD_CREDENTIALS}; too many failures, retry in {wait:.0f} s", wait
            )
        self.throttle.success(user_key)
        if user.disabled:
            # Said only to someone who knows the password, so it reveals nothing to guessers.
            self._storage.audit(f"{action}.disabled", target=user.username, peer=peer)
            raise AuthRefused("disabled", "this account is disabled; ask your administrator")
        return user

    async def refresh(self, token: str, client_id: str, peer: str) -> Grant:
        """Exchange a refresh token for a new pair (the old one dies); raises AuthRefused."""
        row = self._storage.token(token_digest(token))
        user = None if row is None else self._storage.user_by_id(row.user_id)
        why: str | None = None
        refusal: AuthRefused | None = None
        if row is None or row.kind != "refresh" or user is None:
            why, refusal = "unknown", AuthRefused("bad_credentials", "refresh token not recognised")
        elif row.client_id != client_id:
            why = "other_client"
            refusal = AuthRefused("bad_credentials", "refresh token belongs to another client")
        elif row.revoked:
            why, refusal = "revoked", AuthRefused("revoked", "this session was ended; sign in")
        elif row.expires_at <= self._clock.wall():
            why, refusal = "expired", AuthRefused("expired", "this session expired; sign in")
        elif user.disabled:
            why = "disabled"
            refusal = AuthRefused("disabled", "this account is disabled; ask your administrator")
        if refusal is not None:
            self._storage.audit(
                "refresh.failed",
                target=None if user is None else user.username,
                peer=peer,
                detail={"why": why, "client_id": client_id},
            )
            raise refusal
        assert user is not None
        grant = self._issue(user, client_id)
        self._storage.audit(
            "refresh",
            actor=user.username,
            target=user.username,
            peer=peer,
            detail={"client_id": client_id},
        )
        return grant

    def verify_access(self, token: str) -> User | None:
        """The enabled user an access token belongs to, or None when it is not valid now."""
        row = self._storage.token(token_digest(token))
        if row is None or row.kind != "access" or row.revoked:
            return None
        if row.expires_at <= self._clock.wall():
            return None
        user = self._storage.user_by_id(row.user_id)
        return None if user is None or user.disabled else user

    # ------------------------------------------------------------------ ending sessions

    def logout(self, user: User, client_id: str, peer: str | None) -> None:
        """Revoke the tokens of one installation (its user signed out there)."""
        count = self._storage.revoke_tokens(user.id, client_id)
        self._storage.audit(
            "logout",
            actor=user.username,
            target=user.username,
            peer=peer,
            detail={"client_id": client_id, "tokens_revoked": count},
        )

    def revoke_user(self, user: User, actor: str) -> int:
        """Revoke every token of ``user``; returns how many were live."""
        count = self._storage.revoke_tokens(user.id)
        self._storage.audit(
            "revoke", actor=actor, target=user.username, detail={"tokens_revoked": count}
        )
        return count

    # ------------------------------------------------------------------ internals

    def _issue(self, user: User, client_id: str) -> Grant:
        # One live pair per installation: whatever it held before is superseded.
        self._storage.revoke_tokens(user.id, client_id)
        now = self._clock.wall()
        access, refresh = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        pairs: tuple[tuple[str, TokenKind, float], ...] = (
            (access, "access", self._config.access_ttl_seconds),
            (refresh, "refresh", self._config.refresh_ttl_seconds),
        )
        for token, kind, ttl in pairs:
            self._storage.add_token(
                token_digest(token),
                kind=kind,
                user_id=user.id,
                client_id=client_id,
                issued_at=now,
                expires_at=now + timedelta(seconds=ttl),
            )
        return Grant(
            user=user,
            client_id=client_id,
            access_token=access,
            access_expires_in=int(self._config.access_ttl_seconds),
            refresh_token=refresh,
        )

    async def _verify(self, password_hash: str, password: str) -> bool:
        def check() -> bool:
            try:
                return self._hasher.verify(password_hash, password)
            except (VerificationError, InvalidHashError):
                return False

        return await asyncio.to_thread(check)

    async def _dummy(self) -> str:
        if self._dummy_hash is None:
            self._dummy_hash = await asyncio.to_thread(self._hasher.hash, secrets.token_hex(8))
        return self._dummy_hash

    def purge_expired(self, before: datetime | None = None) -> int:
        """Delete tokens that expired (housekeeping)."""
        return self._storage.purge_tokens(before or self._clock.wall())
