"""Signed pushes through the service: accepted, or refused with a reason and nothing changed."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from homeseat.config.layers import Layer
from homeseat.config.paths import ConfigPaths
from homeseat.config.service import PUSH_ORIGIN, ConfigService
from homeseat.config.signing import (
    Refusal,
    SignedPolicy,
    generate_private_key,
    public_key_text,
    sign_policy,
)
from homeseat.config.status import DocState, PolicyStatus

START = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


def _policy(serial: int, **body: Any) -> bytes:
    return json.dumps({"schema": 1, "serial": serial, **body}).encode()


@pytest.fixture
def key() -> Ed25519PrivateKey:
    return generate_private_key()


@pytest.fixture
def paths(tmp_path: Path, key: Ed25519PrivateKey) -> ConfigPaths:
    p = ConfigPaths(tmp_path / "policy.json", tmp_path / "settings.json", tmp_path / "state")
    p.managed.write_bytes(
        _policy(
            1,
            signing_key=public_key_text(key),
            defaults={"chat": {"capacity": 2}},
            locked={"language": "zh_CN"},
        )
    )
    return p


def _service(paths: ConfigPaths, clock: Clock | None = None) -> ConfigService:
    service = ConfigService(paths, now=clock or Clock())
    service.load()
    return service


def test_accepted_push_applies_and_records_its_source(
    paths: ConfigPaths, key: Ed25519PrivateKey
) -> None:
    service = _service(paths)
    reports: list[PolicyStatus] = []
    service.subscribe_status(reports.append)
    body = {
        "defaults": {"chat": {"capacity": 4}},
        "locked": {"calls": {"auto_answer_seconds": 2}},
        "reasons": {"/calls": "Campaign X"},
    }
    result = service.apply_push(sign_policy(_policy(5, **body), key).to_dict())
    assert result.accepted
    assert result.serial == 5
    assert service.settings.chat.capacity == 4
    assert service.settings.calls.auto_answer_seconds == 2
    assert service.effective.locked["/calls/auto_answer_seconds"] == "Campaign X"
    assert service.effective.locked["/language"]  # the file's locks still hold
    source = service.effective.sources["/chat/capacity"]
    assert (source.layer, source.origin, source.serial) == (Layer.MANAGED, PUSH_ORIGIN, 5)
    status = reports[-1]
    assert status.last_push is not None
    assert status.last_push.accepted
    push_doc = status.documents[1]
    assert (push_doc.state, push_doc.in_force_serial) == (DocState.OK, 5)
    # Re-sent after a reconnect: acknowledged, nothing changes.
    again = service.apply_push(sign_policy(_policy(5, **body), key).to_bytes())
    assert again.accepted
    assert again.unchanged


def _refused_leaves_everything(service: ConfigService, envelope: Any, reason: Refusal) -> str:
    before_values = dict(service.effective.values)
    before_sources = dict(service.effective.sources)
    result = service.apply_push(envelope)
    assert not result.accepted
    assert result.reason is reason, result
    assert dict(service.effective.values) == before_values
    assert dict(service.effective.sources) == before_sources
    status = service.status()
    assert status.last_push == result
    assert status.to_dict()["last_push"]["reason"] == reason.value
    return result.message


def test_refusals_keep_the_previous_config(paths: ConfigPaths, key: Ed25519PrivateKey) -> None:
    clock = Clock()
    service = _service(paths, clock)
    assert service.apply_push(
        sign_policy(_policy(5, defaults={"chat": {"capacity": 4}}), key).to_dict()
    ).accepted
    good = sign_policy(_policy(6, defaults={"chat": {"capacity": 9}}), key)

    tampered = SignedPolicy(good.policy.replace(b"9", b"1"), good.signature, good.key)
    message = _refused_leaves_everything(service, tampered.to_dict(), Refusal.TAMPERED)
    assert "signature does not match" in message

    foreign = sign_policy(good.policy, generate_private_key())
    message = _refused_leaves_everything(service, foreign.to_dict(), Refusal.UNKNOWN_KEY)
    assert "not the pinned one" in message

    expired = sign_policy(_policy(7, expires=(clock.now - timedelta(minutes=1)).isoformat()), key)
    message = _refused_leaves_everything(service, expired.to_dict(), Refusal.EXPIRED)
    assert "expired at" in message

    rollback = sign_policy(_policy(4, defaults={"chat": {"capacity": 1}}), key)
    message = _refused_leaves_everything(service, rollback.to_dict(), Refusal.ROLLBACK)
    assert "serial 4 is not newer than the accepted serial 5" in message
    same_serial = sign_policy(_policy(5, defaults={"chat": {"capacity": 1}}), key)
    _refused_leaves_everything(service, same_serial.to_dict(), Refusal.ROLLBACK)

    _refused_leaves_everything(service, b"{}", Refusal.INVALID)
    _refused_leaves_everything(service, sign_policy(b"\xff\xfe", key).to_dict(), Refusal.INVALID)
    assert service.settings.chat.capacity == 4
    assert service.status().documents[1].in_force_serial == 5


def test_no_pinned_key_means_no_push(tmp_path: Path, key: Ed25519PrivateKey) -> None:
    paths = ConfigPaths(tmp_path / "none.json", tmp_path / "settings.json", tmp_path / "state")
    service = _service(paths)
    message = _refused_leaves_everything(
        service, sign_policy(_policy(1), key).to_dict(), Refusal.UNKNOWN_KEY
    )
    assert "no signing key is pinned" in message


def test_rollback_protection_survives_a_restart(paths: ConfigPaths, key: Ed25519PrivateKey) -> None:
    service = _service(paths)
    assert service.apply_push(
        sign_policy(_policy(8, defaults={"chat": {"capacity": 5}}), key).to_dict()
    ).accepted
    restarted = _service(paths)
    assert restarted.settings.chat.capacity == 5  # the stored push is re-verified and applied
    assert restarted.effective.sources["/chat/capacity"].origin == PUSH_ORIGIN
    result = restarted.apply_push(sign_policy(_policy(7), key).to_dict())
    assert result.reason is Refusal.ROLLBACK
    # Putting an older signed push in place of the stored one does not bring it back.
    paths.pushed.write_bytes(sign_policy(_policy(3), key).to_bytes())
    again = _service(paths)
    assert again.settings.chat.capacity == 2
    assert again.status().documents[1].state is DocState.REFUSED
    assert again.status().documents[1].problems[0].rule == "rollback"


def test_stored_push_expires(paths: ConfigPaths, key: Ed25519PrivateKey) -> None:
    clock = Clock()
    service = _service(paths, clock)
    ends = (clock.now + timedelta(hours=1)).isoformat()
    assert service.apply_push(
        sign_policy(_policy(9, expires=ends, defaults={"chat": {"capacity": 6}}), key).to_dict()
    ).accepted
    assert service.settings.chat.capacity == 6
    clock.now += timedelta(hours=2)
    service.poll()
    assert service.settings.chat.capacity == 2
    assert service.status().documents[1].state is DocState.EXPIRED
    restarted = _service(paths, clock)
    assert restarted.settings.chat.capacity == 2


def test_newer_serial_wins_between_file_and_push(
    paths: ConfigPaths, key: Ed25519PrivateKey
) -> None:
    service = _service(paths)
    assert service.apply_push(
        sign_policy(_policy(5, locked={"chat": {"capacity": 5}}), key).to_dict()
    ).accepted
    assert service.settings.chat.capacity == 5
    paths.managed.write_bytes(
        _policy(6, signing_key=public_key_text(key), locked={"chat": {"capacity": 8}})
    )
    service.poll()
    assert service.settings.chat.capacity == 8
    assert service.effective.sources["/chat/capacity"].serial == 6


def test_a_new_pin_drops_a_push_signed_by_the_old_key(
    paths: ConfigPaths, key: Ed25519PrivateKey
) -> None:
    service = _service(paths)
    assert service.apply_push(
        sign_policy(_policy(5, defaults={"chat": {"capacity": 5}}), key).to_dict()
    ).accepted
    other = generate_private_key()
    paths.managed.write_bytes(_policy(2, signing_key=public_key_text(other)))
    service.poll()
    assert service.settings.chat.capacity == 3
    push = service.status().documents[1]
    assert push.state is DocState.REFUSED
    assert push.problems[0].rule == "unknown_key"


def test_status_fits_a_protocol_frame(paths: ConfigPaths, key: Ed25519PrivateKey) -> None:
    from homeseat.protocol.messages import MAX_FRAME_BYTES

    bad = {f"k{i}": i for i in range(1500)}
    paths.managed.write_bytes(_policy(3, signing_key=public_key_text(key), defaults=bad))
    service = _service(paths)
    status = service.status().to_dict()
    assert status["documents"][0]["problem_count"] == 1500
    assert len(json.dumps(status)) < MAX_FRAME_BYTES // 2
