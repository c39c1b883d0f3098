"""Ed25519 signing of policies: verification and each refusal reason."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from homeseat.config.documents import parse_public_key
from homeseat.config.signing import (
    PushRefused,
    Refusal,
    SerialStore,
    SignedPolicy,
    generate_private_key,
    load_private_key,
    parse_envelope,
    private_key_pem,
    public_key_text,
    sign_policy,
    verify_push,
)

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


def _policy(serial: int, expires: datetime | None = None) -> bytes:
    doc: dict[str, object] = {"schema": 1, "serial": serial, "defaults": {"chat": {"capacity": 5}}}
    if expires is not None:
        doc["expires"] = expires.isoformat()
    return json.dumps(doc).encode()


def test_sign_and_verify_round_trip() -> None:
    key = generate_private_key()
    signed = sign_policy(_policy(3), key)
    again = parse_envelope(signed.to_bytes())
    assert again == signed
    doc = verify_push(again, parse_public_key(public_key_text(key)), highest_serial=2, now=NOW)
    assert doc.serial == 3
    assert doc.defaults == {"/chat/capacity": 5}


def test_pem_round_trip_with_and_without_passphrase() -> None:
    key = generate_private_key()
    for passphrase in (None, b"correct horse"):
        loaded = load_private_key(private_key_pem(key, passphrase), passphrase)
        assert public_key_text(loaded) == public_key_text(key)
    with pytest.raises(ValueError, match="encrypted"):
        load_private_key(private_key_pem(key, b"pw"), None)


def _refusal(signed: SignedPolicy, pinned: bytes | None, highest: int | None = None) -> PushRefused:
    with pytest.raises(PushRefused) as err:
        verify_push(signed, pinned, highest_serial=highest, now=NOW)
    return err.value


def test_tampered_bytes_are_refused() -> None:
    key = generate_private_key()
    pin = parse_public_key(public_key_text(key))
    signed = sign_policy(_policy(3), key)
    tampered = SignedPolicy(signed.policy.replace(b"5", b"9"), signed.signature, signed.key)
    assert _refusal(tampered, pin).reason is Refusal.TAMPERED
    # Whitespace counts: the signature covers the exact bytes.
    spaced = SignedPolicy(signed.policy + b" ", signed.signature, signed.key)
    assert _refusal(spaced, pin).reason is Refusal.TAMPERED


def test_unknown_key_is_refused() -> None:
    ours, theirs = generate_private_key(), generate_private_key()
    pin = parse_public_key(public_key_text(ours))
    signed = sign_policy(_policy(3), theirs)
    assert _refusal(signed, pin).reason is Refusal.UNKNOWN_KEY
    # Without the key field, a foreign signature cannot verify against the pin: tampered.
    anonymous = SignedPolicy(signed.policy, signed.signature, None)
    assert _refusal(anonymous, pin).reason is Refusal.TAMPERED
    assert _refusal(sign_policy(_policy(3), ours), None).reason is Refusal.UNKNOWN_KEY


def test_expired_and_rollback_are_refused() -> None:
    key = generate_private_key()
    pin = parse_public_key(public_key_text(key))
    old = sign_policy(_policy(3, expires=NOW - timedelta(seconds=1)), key)
    refused = _refusal(old, pin)
    assert refused.reason is Refusal.EXPIRED
    assert refused.serial == 3
    refused = _refusal(sign_policy(_policy(3), key), pin, highest=3)
    assert refused.reason is Refusal.ROLLBACK
    assert "not newer than the accepted serial 3" in refused.message


def test_invalid_envelopes_are_refused() -> None:
    key = generate_private_key()
    pin = parse_public_key(public_key_text(key))
    for data in (
        b"not json",
        b"[]",
        b'{"format": "other"}',
        b'{"format": "homeseat-signed-policy/1", "policy": "***", "signature": ""}',
    ):
        with pytest.raises(PushRefused) as err:
            parse_envelope(data)
        assert err.value.reason is Refusal.INVALID
    unusable = sign_policy(b"[1, 2]", key)
    refused = _refusal(unusable, pin)
    assert refused.reason is Refusal.INVALID
    assert "top level must be a JSON object" in refused.message


def test_serial_store_only_goes_up(tmp_path: Path) -> None:
    store = SerialStore(tmp_path / "state" / "push-state.json")
    assert store.highest() is None
    store.record(5)
    store.record(3)
    assert SerialStore(tmp_path / "state" / "push-state.json").highest() == 5
    (tmp_path / "state" / "push-state.json").write_text("garbage")
    assert store.highest() is None


def test_envelope_is_base64_of_the_exact_bytes() -> None:
    key = generate_private_key()
    policy = _policy(1)
    body = sign_policy(policy, key).to_dict()
    assert base64.b64decode(body["policy"]) == policy
    assert body["format"] == "homeseat-signed-policy/1"
