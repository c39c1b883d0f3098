"""Managed SIP settings become engine settings; a missing keyring password is a clear error."""

from __future__ import annotations

from pathlib import Path

import pytest

from homeseat.config.model import SipAccount, SipSettings
from homeseat.sip.events import SrtpUse, Transport
from homeseat.sip.settings import MissingSipPassword, account_config, engine_config


def test_account_defaults_are_tls_with_mandatory_srtp_and_the_agents_user() -> None:
    account = SipAccount(id="main", registrar="sips:pbx.example.com:5061", user="{username}")
    sip = SipSettings(accounts=(account,), ca_file=Path("/etc/ca.pem"))
    cfg = account_config(sip, account, "agent7", "s3cret")
    assert cfg.user == "agent7"
    assert cfg.domain == "pbx.example.com:5061"
    assert cfg.transport is Transport.TLS
    assert cfg.srtp is SrtpUse.MANDATORY
    assert cfg.ca_file == Path("/etc/ca.pem")
    assert cfg.verify_server
    assert "s3cret" not in repr(cfg)  # the password never shows in logs or reprs


def test_codec_priority_comes_from_the_configuration() -> None:
    sip = SipSettings(codecs=("PCMA/8000/1", "G722/16000/1"))
    assert engine_config(sip).codecs == ("PCMA/8000/1", "G722/16000/1")


def test_missing_password_names_the_keyring_entry() -> None:
    account = SipAccount(id="main", registrar="pbx.example.com", user="4001")
    with pytest.raises(MissingSipPassword, match="sip:main"):
        account_config(SipSettings(accounts=(account,)), account, "agent7", None)
