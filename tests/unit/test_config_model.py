"""The settings model: existing names and defaults kept, every key described, helpers behave."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from homeseat.config.keys import flatten, from_pointer, settings_keys, to_pointer, unflatten
from homeseat.config.model import ClientSettings, MaskRule, SipAccount
from homeseat.core.codes import DEFAULT_REASON_CODES, DEFAULT_WRAP_UP_CODES


def test_foundation_fields_and_defaults_are_unchanged() -> None:
    s = ClientSettings()
    assert s.hub.url == "wss://hub.example.invalid:8765"
    assert s.hub.ca_file is None
    assert s.hub.allow_insecure is False
    assert s.hub.heartbeat_seconds == 10.0
    assert (s.hub.reconnect_min_seconds, s.hub.reconnect_max_seconds) == (0.5, 30.0)
    assert s.language == "system"
    assert s.reason_codes == DEFAULT_REASON_CODES
    assert s.wrap_up_codes == DEFAULT_WRAP_UP_CODES
    assert s.wrap_up_seconds == 60
    assert s.remember_sign_in is True


def test_secure_defaults() -> None:
    account = SipAccount(id="main", registrar="sbc.example", user="1001")
    assert (account.transport, account.srtp) == ("tls", "mandatory")
    assert ClientSettings().sip.verify_server is True
    with pytest.raises(ValidationError, match="allow_insecure"):
        ClientSettings.model_validate({"hub": {"url": "ws://lab:8765"}})
    ok = ClientSettings.model_validate({"hub": {"url": "ws://lab:8765", "allow_insecure": True}})
    assert ok.hub.url == "ws://lab:8765"


@pytest.mark.parametrize(
    "pointer",
    [
        "/hub/url",
        "/hub/ca_file",
        "/hub/pin_sha256",
        "/sip/accounts",
        "/sip/codecs",
        "/audio/engine",
        "/audio/input_device",
        "/audio/output_device",
        "/audio/suppression_strength",
        "/audio/bypass",
        "/reason_codes",
        "/wrap_up_codes",
        "/alerts/wrap_up_too_long_seconds",
        "/alerts/break_too_long_seconds",
        "/alerts/not_ready_too_long_seconds",
        "/alerts/disconnected_seconds",
        "/alerts/poor_mos",
        "/alerts/audio_check_failed",
        "/chat/capacity",
        "/chat/auto_accept",
        "/calls/auto_answer_seconds",
        "/security/idle_lock_minutes",
        "/masking/phone/keep_end",
        "/masking/id_card/enabled",
        "/masking/bank_card/keep_end",
        "/masking/email/keep_start",
        "/language",
        "/updates/channel",
    ],
)
def test_required_coverage(pointer: str) -> None:
    assert pointer in settings_keys()


def test_every_key_is_described_and_no_key_holds_a_secret() -> None:
    for pointer, key in settings_keys().items():
        assert key.description, pointer
        assert not any(w in pointer for w in ("password", "secret", "token")), pointer


def test_restart_keys_are_marked() -> None:
    keys = settings_keys()
    assert not keys["/hub/url"].live
    assert not keys["/sip/accounts"].live
    assert keys["/audio/input_device"].live
    assert keys["/language"].live
    assert keys["/alerts/poor_mos"].live


def test_strict_key_validation() -> None:
    capacity = settings_keys()["/chat/capacity"]
    assert capacity.validate(4) == 4
    for bad in ("4", 4.5, True, None):
        with pytest.raises(ValidationError):
            capacity.validate(bad)
    assert settings_keys()["/hub/ca_file"].validate("/etc/ca.pem") == Path("/etc/ca.pem")


def test_codes_and_accounts_must_be_unique() -> None:
    codes = [{"code": "x", "label_en": "X", "label_zh": "X"}] * 2
    with pytest.raises(ValidationError, match="appears twice"):
        settings_keys()["/reason_codes"].validate(codes)
    account = {"id": "a", "registrar": "h", "user": "u"}
    with pytest.raises(ValidationError, match="only once"):
        settings_keys()["/sip/accounts"].validate([account, account])
    with pytest.raises(ValidationError):
        settings_keys()["/sip/codecs"].validate(["opus/48000/2", "opus/48000/2"])


def test_mask_rule() -> None:
    assert MaskRule(keep_start=3, keep_end=4).mask("13812345678") == "138****5678"
    assert MaskRule(keep_start=0, keep_end=4).mask("6222020200112233") == "************2233"
    assert MaskRule(keep_start=3, keep_end=4).mask("123") == "***"
    assert MaskRule(enabled=False).mask("13812345678") == "13812345678"


def test_account_for_agent() -> None:
    account = SipAccount(id="main", registrar="sbc.example", user="ag-{username}")
    assert account.for_agent("li.wei").user == "ag-li.wei"
    assert account.keyring_account == "sip:main"


def test_pointers_round_trip() -> None:
    assert to_pointer(("a/b", "c~d")) == "/a~1b/c~0d"
    assert from_pointer("/a~1b/c~0d") == ("a/b", "c~d")
    nested = {"hub": {"url": "wss://x"}, "chat": {"capacity": 2}, "language": "en"}
    assert unflatten(flatten(nested)) == nested
