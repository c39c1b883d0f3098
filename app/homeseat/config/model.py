"""The client's typed settings: the single source of what can be configured.

Every leaf field is a *key* (addressed by a JSON pointer such as ``/hub/url``) that the layers in
:mod:`homeseat.config.layers` set, lock and report one by one. So that one key can be validated on
its own, per-value rules live in the field's type (``Annotated`` constraints and validators); the
``model_validator`` of a section only checks rules that tie several keys together.

Passwords are not settings: SIP passwords and tokens live in the OS keyring only.
Fields marked ``x-applies: restart`` take effect on the next start; all others apply live.
"""

from __future__ import annotations

import base64
import binascii
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from homeseat.core.codes import DEFAULT_REASON_CODES, DEFAULT_WRAP_UP_CODES, LabeledCode

__all__ = [
    "HubSettings",
    "SipAccount",
    "SipSettings",
    "AudioSettings",
    "AlertThresholds",
    "ChatSettings",
    "CallSettings",
    "SecuritySettings",
    "MaskRule",
    "MaskingSettings",
    "UpdateSettings",
    "ClientSettings",
    "DEFAULT_CODECS",
    "RESTART",
]

#: ``json_schema_extra`` of a key that only takes effect after a restart of the client.
RESTART: dict[str, Any] = {"x-applies": "restart"}

_STRICT = ConfigDict(extra="forbid", frozen=True)


# ----------------------------------------------------------------------------- value rules


def _ws_url(url: str) -> str:
    if not url.startswith(("ws://", "wss://")):
        raise ValueError("the hub URL must start with wss:// (or ws:// when allowed)")
    return url


def _spki_pin(pin: str) -> str:
    try:
        raw = base64.b64decode(pin, validate=True)
    except (binascii.Error, ValueError):
        raise ValueError("a pin is the base64 SHA-256 of the certificate's public key") from None
    if len(raw) != 32:
        raise ValueError("a pin is the base64 SHA-256 (32 bytes) of the public key")
    return pin


def _unique_codes(codes: tuple[LabeledCode, ...]) -> tuple[LabeledCode, ...]:
    seen: set[str] = set()
    for item in codes:
        if item.code in seen:
            raise ValueError(f"code {item.code!r} appears twice")
        seen.add(item.code)
    return codes


def _unique(values: tuple[str, ...]) -> tuple[str, ...]:
    if len(set(values)) != len(values):
        raise ValueError("each entry may appear only once")
    return values


def _unique_accounts(accounts: tuple[SipAccount, ...]) -> tuple[SipAccount, ...]:
    ids = [a.id for a in accounts]
    if len(set(ids)) != len(ids):
        raise ValueError("each SIP account id may appear only once")
    return accounts


HubUrl = Annotated[str, AfterValidator(_ws_url)]
SpkiPin = Annotated[str, AfterValidator(_spki_pin)]
Codes = Annotated[tuple[LabeledCode, ...], AfterValidator(_unique_codes)]
#: A codec as pjsua2 names it: ``name/clock[/channels]``, e.g. ``opus/48000/2``.
Codec = Annotated[str, Field(pattern=r"^[A-Za-z0-9.\-]{1,24}/\d{4,6}(/[12])?$")]
CodecList = Annotated[tuple[Codec, ...], AfterValidator(_unique)]
HostPort = Annotated[str, Field(pattern=r"^(sips?:)?[A-Za-z0-9.\-]+(:\d{1,5})?$", max_length=253)]
#: A SIP user name; ``{username}`` stands for the signed-in agent's user name.
SipUser = Annotated[
    str, Field(pattern=r"^([A-Za-z0-9_.!~*'()&=+$,;?/%-]|\{username\}){1,64}$", max_length=64)
]
DeviceName = Annotated[str, Field(min_length=1, max_length=200)] | None

DEFAULT_CODECS: tuple[str, ...] = ("opus/48000/2", "G722/16000/1", "PCMA/8000/1", "PCMU/8000/1")


# ----------------------------------------------------------------------------- sections


class HubSettings(BaseModel):
    """How the client reaches the platform."""

    model_config = _STRICT

    url: HubUrl = Field(
        default="wss://hub.example.invalid:8765",
        pattern=r"^wss?://",
        description="WebSocket URL of the hub. wss:// unless allow_insecure is true.",
        json_schema_extra=RESTART,
    )
    ca_file: Path | None = Field(
        default=None,
        description="PEM file of extra CA certificates trusted for the hub.",
        json_schema_extra=RESTART,
    )
    pin_sha256: Annotated[tuple[SpkiPin, ...], Field(max_length=8)] = Field(
        default=(),
        description="Optional certificate pinning: base64 SHA-256 of the hub certificate's "
        "public key (SPKI). When set, the hub must present one of these keys.",
        json_schema_extra=RESTART,
    )
    allow_insecure: bool = Field(
        default=False,
        description="Permit a plain ws:// URL (test labs only; the window shows a warning).",
        json_schema_extra=RESTART,
    )
    heartbeat_seconds: float = Field(
        default=10.0, gt=0.5, le=120, description="Seconds between heartbeats to the hub."
    )
    reconnect_min_seconds: float = Field(
        default=0.5, gt=0, le=60, description="First delay before reconnecting after a drop."
    )
    reconnect_max_seconds: float = Field(
        default=30.0, gt=0, le=600, description="Longest delay between reconnect attempts."
    )

    @model_validator(mode="after")
    def _tls_by_default(self) -> HubSettings:
        if self.url.startswith("ws://") and not self.allow_insecure:
            raise ValueError("a plain ws:// hub URL needs allow_insecure: true (use wss://)")
        if self.reconnect_min_seconds > self.reconnect_max_seconds:
            raise ValueError("reconnect_min_seconds must not exceed reconnect_max_seconds")
        return self


class SipAccount(BaseModel):
    """One SIP registration. Its password is in the OS keyring under ``sip:<id>``."""

    model_config = _STRICT

    id: Annotated[str, Field(pattern=r"^[a-z0-9_-]{1,32}$")] = Field(
        description="Stable name of the account (keyring entry sip:<id>)."
    )
    registrar: HostPort = Field(description="Registrar host[:port], or a sip:/sips: URI.")
    user: SipUser = Field(
        description="User part of the address of record; {username} is replaced by the "
        "signed-in agent's user name."
    )
    auth_user: SipUser | None = Field(
        default=None, description="Authentication user name, when it differs from user."
    )
    domain: HostPort | None = Field(
        default=None, description="SIP domain of the address of record (default: registrar)."
    )
    display_name: Annotated[str, Field(max_length=80)] = Field(
        default="", description="Name shown to the called party."
    )
    outbound_proxy: HostPort | None = Field(
        default=None, description="Proxy every request goes through (e.g. an SBC)."
    )
    transport: Literal["udp", "tcp", "tls"] = Field(
        default="tls", description="Signalling transport; TLS unless the file says otherwise."
    )
    srtp: Literal["disabled", "optional", "mandatory"] = Field(
        default="mandatory", description="Media encryption (SRTP) policy."
    )
    register_seconds: int = Field(
        default=300, ge=60, le=3600, description="Registration lifetime requested."
    )
    codecs: CodecList = Field(
        default=(), description="Codec priority for this account (empty: use sip.codecs)."
    )

    @property
    def keyring_account(self) -> str:
        """The keyring entry holding this account's password."""
        return f"sip:{self.id}"

    def for_agent(self, username: str) -> SipAccount:
        """This account with ``{username}`` replaced in ``user`` and ``auth_user``."""
        return self.model_copy(
            update={
                "user": self.user.replace("{username}", username),
                "auth_user": self.auth_user.replace("{username}", username)
                if self.auth_user
                else None,
            }
        )


class SipSettings(BaseModel):
    """SIP accounts and media for the softphone."""

    model_config = _STRICT

    accounts: Annotated[tuple[SipAccount, ...], AfterValidator(_unique_accounts)] = Field(
        default=(),
        description="SIP accounts, the first is the default line.",
        json_schema_extra=RESTART,
    )
    codecs: CodecList = Field(
        default=DEFAULT_CODECS,
        description="Codec priority list, best first (pjsua2 names).",
        json_schema_extra=RESTART,
    )
    verify_server: bool = Field(
        default=True,
        description="Verify the TLS certificate of the SIP server.",
        json_schema_extra=RESTART,
    )
    ca_file: Path | None = Field(
        default=None,
        description="PEM file of extra CAs trusted for SIP over TLS.",
        json_schema_extra=RESTART,
    )


class AudioSettings(BaseModel):
    """Microphone path and devices."""

    model_config = _STRICT

    engine: Literal["auto", "rnnoise", "webrtc", "spectral", "off"] = Field(
        default="auto", description="Noise-suppression engine.", json_schema_extra=RESTART
    )
    input_device: DeviceName = Field(default=None, description="Microphone (empty: system).")
    output_device: DeviceName = Field(default=None, description="Headset/speaker (empty: system).")
    ring_device: DeviceName = Field(default=None, description="Ringer device (empty: output).")
    suppression_strength: float = Field(
        default=0.8, ge=0.0, le=1.0, description="Noise-suppression strength, 0 to 1."
    )
    bypass: bool = Field(default=False, description="Send the microphone unprocessed.")
    check_on_sign_in: bool = Field(
        default=True, description="Run the microphone/speaker check when signing in."
    )


class AlertThresholds(BaseModel):
    """When a team lead is alerted about an agent."""

    model_config = _STRICT

    wrap_up_too_long_seconds: int = Field(
        default=120, ge=10, le=7200, description="Alert when wrap-up lasts longer than this."
    )
    break_too_long_seconds: int = Field(
        default=900, ge=60, le=14400, description="Alert when a break lasts longer than this."
    )
    not_ready_too_long_seconds: int = Field(
        default=600,
        ge=60,
        le=14400,
        description="Alert when Not Ready (any other reason) lasts longer than this.",
    )
    disconnected_seconds: int = Field(
        default=30, ge=5, le=3600, description="Alert when the client is unreachable this long."
    )
    poor_mos: float = Field(
        default=3.5, ge=1.0, le=4.5, description="Alert when call quality (MOS) drops below."
    )
    audio_check_failed: bool = Field(
        default=True, description="Alert when an agent's audio check fails."
    )


class ChatSettings(BaseModel):
    """Customer chats."""

    model_config = _STRICT

    capacity: int = Field(default=3, ge=0, le=10, description="Chats an agent handles at once.")
    auto_accept: bool = Field(default=False, description="Accept offered chats without a click.")


class CallSettings(BaseModel):
    """Calls."""

    model_config = _STRICT

    auto_answer_seconds: int = Field(
        default=0, ge=0, le=60, description="Answer offered calls after this delay (0: off)."
    )


class SecuritySettings(BaseModel):
    """Workstation security."""

    model_config = _STRICT

    idle_lock_minutes: int = Field(
        default=10, ge=1, le=240, description="Lock the client after this much inactivity."
    )
    watermark: bool = Field(
        default=True,
        description="Draw a faint watermark (agent and time) over customer data on screen.",
    )
    exclude_from_capture: bool = Field(
        default=False,
        description="Windows: keep the window out of screenshots and screen sharing.",
    )


class MaskRule(BaseModel):
    """How one kind of customer identifier is masked on screen and in logs."""

    model_config = _STRICT

    enabled: bool = Field(default=True, description="Mask this kind of identifier.")
    keep_start: int = Field(default=3, ge=0, le=8, description="Characters shown at the start.")
    keep_end: int = Field(default=4, ge=0, le=8, description="Characters shown at the end.")
    mask_char: Annotated[str, Field(min_length=1, max_length=1)] = Field(
        default="*", description="Character that replaces hidden characters."
    )

    def mask(self, text: str) -> str:
        """Mask ``text``; too short to show both ends means fully masked."""
        if not self.enabled:
            return text
        if len(text) <= self.keep_start + self.keep_end:
            return self.mask_char * len(text)
        end = len(text) - self.keep_end
        return text[: self.keep_start] + self.mask_char * (end - self.keep_start) + text[end:]


class MaskingSettings(BaseModel):
    """Masking per identifier kind (the e-mail rule applies to the part before the @)."""

    model_config = _STRICT

    phone: MaskRule = Field(
        default=MaskRule(keep_start=3, keep_end=4), description="Phone numbers."
    )
    id_card: MaskRule = Field(
        default=MaskRule(keep_start=3, keep_end=4), description="Identity card numbers."
    )
    bank_card: MaskRule = Field(
        default=MaskRule(keep_start=0, keep_end=4), description="Bank card numbers."
    )
    email: MaskRule = Field(
        default=MaskRule(keep_start=1, keep_end=0),
        description="E-mail addresses (the part before the @).",
    )


class UpdateSettings(BaseModel):
    """Software updates."""

    model_config = _STRICT

    channel: Literal["stable", "beta", "off"] = Field(
        default="stable", description="Update channel; 'off' when IT deploys updates itself."
    )


# ----------------------------------------------------------------------------- the whole


class ClientSettings(BaseModel):
    """Everything the desktop client reads from configuration."""

    model_config = _STRICT

    hub: HubSettings = HubSettings()
    sip: SipSettings = SipSettings()
    audio: AudioSettings = AudioSettings()
    language: Literal["system", "zh_CN", "en"] = Field(
        default="system", description="User-interface language; 'system' follows the OS."
    )
    reason_codes: Codes = Field(
        default=DEFAULT_REASON_CODES, description="Not Ready reasons an agent can pick."
    )
    wrap_up_codes: Codes = Field(
        default=DEFAULT_WRAP_UP_CODES, description="Wrap-up codes that close an interaction."
    )
    wrap_up_seconds: int = Field(
        default=60, ge=0, le=3600, description="Wrap-up time before the agent returns to Ready."
    )
    remember_sign_in: bool = Field(
        default=True, description="Keep a refresh token in the OS keyring (never in a file)."
    )
    alerts: AlertThresholds = AlertThresholds()
    chat: ChatSettings = ChatSettings()
    calls: CallSettings = CallSettings()
    security: SecuritySettings = SecuritySettings()
    masking: MaskingSettings = MaskingSettings()
    updates: UpdateSettings = UpdateSettings()
