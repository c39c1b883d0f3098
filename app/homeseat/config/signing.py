"""Signed policy pushes: Ed25519 over the exact policy bytes, pinned key, serial, expiry.

IT signs a policy file with ``homeseat config sign``; the result is an *envelope*::

    {"format": "homeseat-signed-policy/1", "policy": "<base64 of the exact file bytes>",
     "signature": "<base64 Ed25519 signature of those bytes>", "key": "<base64 public key>"}

The hub forwards the envelope unchanged. A client accepts it only when the key is the one pinned
by its managed file, the signature verifies, the policy parses, it has not expired and its serial
is above the highest serial accepted before (kept in a small state file). Every refusal has a
:class:`Refusal` reason. Pure functions plus a file-backed serial store; any thread.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from homeseat.config.documents import (
    MAX_DOCUMENT_BYTES,
    DocumentError,
    PolicyDocument,
    parse_policy,
    parse_public_key,
)
from homeseat.config.paths import write_atomic

__all__ = [
    "ENVELOPE_FORMAT",
    "Refusal",
    "PushRefused",
    "SignedPolicy",
    "parse_envelope",
    "generate_private_key",
    "private_key_pem",
    "load_private_key",
    "public_key_text",
    "sign_policy",
    "verify_push",
    "SerialStore",
]

ENVELOPE_FORMAT = "homeseat-signed-policy/1"
# base64 grows by 4/3; the envelope must still fit one protocol frame.
_MAX_ENVELOPE_CHARS = MAX_DOCUMENT_BYTES * 4 // 3 + 1024


class Refusal(StrEnum):
    """Why a pushed policy was refused."""

    TAMPERED = "tampered"  # the signature does not match the bytes
    UNKNOWN_KEY = "unknown_key"  # signed by a key other than the pinned one, or none pinned
    EXPIRED = "expired"  # its expiry has passed
    ROLLBACK = "rollback"  # its serial is not above the highest accepted
    INVALID = "invalid"  # not an envelope, or the policy inside cannot be used


class PushRefused(Exception):
    """A push that must not be applied; ``reason`` for programs, ``message`` for people."""

    def __init__(self, reason: Refusal, message: str, serial: int | None = None) -> None:
        super().__init__(f"{reason.value}: {message}")
        self.reason = reason
        self.message = message
        self.serial = serial


@dataclass(frozen=True)
class SignedPolicy:
    """A policy's exact bytes with their signature and the signer's public key."""

    policy: bytes
    signature: bytes
    key: bytes | None = None

    def to_dict(self) -> dict[str, str]:
        """The envelope as a JSON object (what the hub carries)."""
        out = {
            "format": ENVELOPE_FORMAT,
            "policy": base64.b64encode(self.policy).decode("ascii"),
            "signature": base64.b64encode(self.signature).decode("ascii"),
        }
        if self.key is not None:
            out["key"] = base64.b64encode(self.key).decode("ascii")
        return out

    def to_bytes(self) -> bytes:
        """The envelope as a UTF-8 JSON file."""
        return (json.dumps(self.to_dict(), indent=2) + "\n").encode("utf-8")


def _b64(env: Mapping[str, Any], name: str) -> bytes:
    value = env.get(name)
    if not isinstance(value, str):
        raise PushRefused(Refusal.INVALID, f"envelope field {name!r} missing or not a string")
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise PushRefused(Refusal.INVALID, f"envelope field {name!r} is not base64") from None


def parse_envelope(data: bytes | str | Mapping[str, Any]) -> SignedPolicy:
    """Read an envelope (file bytes, JSON text or an already-decoded object)."""
    if isinstance(data, (bytes, str)):
        if len(data) > _MAX_ENVELOPE_CHARS:
            raise PushRefused(Refusal.INVALID, f"envelope larger than {_MAX_ENVELOPE_CHARS} bytes")
        try:
            data = json.loads(data)
        except (ValueError, RecursionError):
            raise PushRefused(Refusal.INVALID, "envelope is not valid JSON") from None
    if not isinstance(data, Mapping) or data.get("format") != ENVELOPE_FORMAT:
        raise PushRefused(Refusal.INVALID, f"not a signed policy (format {ENVELOPE_FORMAT})")
    key = _b64(data, "key") if "key" in data else None
    return SignedPolicy(_b64(data, "policy"), _b64(data, "signature"), key)


# ----------------------------------------------------------------------------- keys (IT side)


def generate_private_key() -> Ed25519PrivateKey:
    """A new Ed25519 signing key."""
    return Ed25519PrivateKey.generate()


def private_key_pem(key: Ed25519PrivateKey, passphrase: bytes | None = None) -> bytes:
    """PKCS#8 PEM of ``key``, encrypted when ``passphrase`` is given."""
    algorithm: serialization.KeySerializationEncryption = (
        serialization.BestAvailableEncryption(passphrase)
        if passphrase
        else serialization.NoEncryption()
    )
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, algorithm
    )


def load_private_key(pem: bytes, passphrase: bytes | None = None) -> Ed25519PrivateKey:
    """Load a PEM private key; raises ValueError unless it is an Ed25519 key."""
    try:
        key = serialization.load_pem_private_key(pem, password=passphrase)
    except TypeError as exc:  # encrypted without a passphrase or vice versa
        raise ValueError(str(exc)) from None
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError("the key is not an Ed25519 private key")
    return key


def public_key_text(key: Ed25519PrivateKey | Ed25519PublicKey) -> str:
    """Base64 of the raw 32-byte public key: the ``signing_key`` of a managed file."""
    public = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode("ascii")


def sign_policy(policy: bytes, key: Ed25519PrivateKey) -> SignedPolicy:
    """Sign the exact bytes of a policy file."""
    return SignedPolicy(policy, key.sign(policy), parse_public_key(public_key_text(key)))


# ----------------------------------------------------------------------------- verification


def verify_push(
    envelope: SignedPolicy,
    pinned: bytes | None,
    *,
    highest_serial: int | None,
    now: datetime,
) -> PolicyDocument:
    """Check a push; returns the policy to apply or raises :class:`PushRefused`.

    Args:
        envelope: the received envelope.
        pinned: the raw public key pinned by the managed file (None: nothing is accepted).
        highest_serial: the highest serial accepted before (None: none yet).
        now: the current time (aware).
    """
    if pinned is None:
        raise PushRefused(
            Refusal.UNKNOWN_KEY, "no signing key is pinned by the managed policy file"
        )
    if envelope.key is not None and envelope.key != pinned:
        raise PushRefused(Refusal.UNKNOWN_KEY, "signed by a key that is not the pinned one")
    try:
        Ed25519PublicKey.from_public_bytes(pinned).verify(envelope.signature, envelope.policy)
    except InvalidSignature:
        raise PushRefused(
            Refusal.TAMPERED, "the signature does not match the policy bytes"
        ) from None
    except ValueError:
        raise PushRefused(Refusal.INVALID, "the pinned key or the signature is malformed") from None
    try:
        doc = parse_policy(envelope.policy)
    except DocumentError as exc:
        raise PushRefused(Refusal.INVALID, f"the signed policy is unusable: {exc}") from None
    if doc.expired(now):
        assert doc.expires is not None
        raise PushRefused(
            Refusal.EXPIRED,
            f"policy serial {doc.serial} expired at {doc.expires.isoformat()}",
            doc.serial,
        )
    if highest_serial is not None and doc.serial <= highest_serial:
        raise PushRefused(
            Refusal.ROLLBACK,
            f"serial {doc.serial} is not newer than the accepted serial {highest_serial}",
            doc.serial,
        )
    return doc


class SerialStore:
    """The highest push serial accepted on this machine, in a small JSON file."""

    def __init__(self, path: Path) -> None:
        self._path = path

    def highest(self) -> int | None:
        """The stored serial, or None when nothing was ever accepted (or the file is damaged)."""
        try:
            value = json.loads(self._path.read_text("utf-8")).get("highest_serial")
        except (OSError, ValueError, AttributeError):
            return None
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    def record(self, serial: int) -> None:
        """Remember ``serial`` if it is the highest yet (atomic replace, survives a crash)."""
        current = self.highest()
        if current is not None and serial <= current:
            return
        write_atomic(self._path, json.dumps({"highest_serial": serial}).encode("utf-8"))
