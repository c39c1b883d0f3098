"""The client's typed settings: the single source of what can be configured.

Issue-sized note: this is the foundation subset (hub, language, codes, timers). The managed
configuration work layers defaults, user settings and IT-locked values over this same model.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from homeseat.core.codes import DEFAULT_REASON_CODES, DEFAULT_WRAP_UP_CODES, LabeledCode

__all__ = ["HubSettings", "ClientSettings"]


class HubSettings(BaseModel):
    """How the client reaches the platform."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    url: str = Field(
        default="wss://hub.example.invalid:8765",
        description="WebSocket URL of the hub. wss:// unless allow_insecure is true.",
    )
    ca_file: Path | None = Field(
        default=None, description="PEM file of extra CA certificates trusted for the hub."
    )
    allow_insecure: bool = Field(
        default=False,
        description="Permit a plain ws:// URL (test labs only; the window shows a warning).",
    )
    heartbeat_seconds: float = Field(default=10.0, gt=0.5, le=120)
    reconnect_min_seconds: float = Field(default=0.5, gt=0, le=60)
    reconnect_max_seconds: float = Field(default=30.0, gt=0, le=600)

    @model_validator(mode="after")
    def _tls_by_default(self) -> HubSettings:
        if self.url.startswith("ws://") and not self.allow_insecure:
            raise ValueError("a plain ws:// hub URL needs allow_insecure: true (use wss://)")
        if not self.url.startswith(("ws://", "wss://")):
            raise ValueError("the hub URL must start with wss:// (or ws:// when allowed)")
        return self


class ClientSettings(BaseModel):
    """Everything the desktop client reads from configuration."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    hub: HubSettings = HubSettings()
    language: Literal["system", "zh_CN", "en"] = Field(
        default="system", description="User-interface language; 'system' follows the OS."
    )
    reason_codes: tuple[LabeledCode, ...] = Field(
        default=DEFAULT_REASON_CODES, description="Not Ready reasons an agent can pick."
    )
    wrap_up_codes: tuple[LabeledCode, ...] = Field(
        default=DEFAULT_WRAP_UP_CODES, description="Wrap-up codes that close an interaction."
    )
    wrap_up_seconds: int = Field(
        default=60, ge=0, le=3600, description="Wrap-up time before the agent returns to Ready."
    )
    remember_sign_in: bool = Field(
        default=True, description="Keep a refresh token in the OS keyring (never in a file)."
    )
