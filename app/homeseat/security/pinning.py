"""Certificate pinning: the base64 SHA-256 of a certificate's public key (SPKI), as in HPKP.

Pure functions over DER bytes (no sockets). A pin survives certificate renewal as long as the
key stays; IT may list a backup key's pin next to the current one.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

__all__ = ["spki_pin", "pin_matches"]


def spki_pin(certificate_der: bytes) -> str:
    """The pin of a DER certificate: base64(SHA-256(SubjectPublicKeyInfo))."""
    cert = x509.load_der_x509_certificate(certificate_der)
    spki = cert.public_key().public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
    return base64.b64encode(hashlib.sha256(spki).digest()).decode("ascii")


def pin_matches(certificate_der: bytes | None, pins: Iterable[str]) -> bool:
    """True when no pin is configured, or the certificate's key is one of ``pins``."""
    wanted = set(pins)
    if not wanted:
        return True
    if certificate_der is None:
        return False
    return spki_pin(certificate_der) in wanted
