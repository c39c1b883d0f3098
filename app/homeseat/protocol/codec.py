"""Turning frames into messages and back, refusing bad input with a precise reason."""

from __future__ import annotations

import json
from typing import Any

from pydantic import TypeAdapter, ValidationError

from homeseat.protocol.messages import (
    CLIENT_ADAPTER,
    HUB_ADAPTER,
    MAX_FRAME_BYTES,
    ClientMessage,
    ErrorReply,
    HubMessage,
    Message,
)

__all__ = ["ProtocolError", "decode_client", "decode_hub", "encode"]


class ProtocolError(ValueError):
    """A frame that cannot be accepted. ``code`` matches :class:`ErrorReply` codes."""

    def __init__(self, code: str, message: str, ref: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.ref = ref

    def to_reply(self) -> ErrorReply:
        """The error frame to send back to the peer."""
        return ErrorReply(code=self.code, message=self.message, ref=self.ref)


def _decode(frame: str | bytes, adapter: TypeAdapter[Any], known: frozenset[str]) -> Any:
    size = len(frame.encode("utf-8") if isinstance(frame, str) else frame)
    if size > MAX_FRAME_BYTES:
        raise ProtocolError("too_large", f"frame of {size} bytes exceeds {MAX_FRAME_BYTES}")
    try:
        data = json.loads(frame)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ProtocolError("malformed", f"not valid JSON: {exc}") from None
    if not isinstance(data, dict):
        raise ProtocolError("malformed", "a frame must be a JSON object")
    ref = data.get("id") if isinstance(data.get("id"), str) else None
    kind = data.get("type")
    if not isinstance(kind, str):
        raise ProtocolError("malformed", "missing string field 'type'", ref)
    if kind not in known:
        raise ProtocolError("unknown_type", f"unknown message type {kind[:40]!r}", ref)
    try:
        return adapter.validate_python(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"][1:]) or "(message)"
        raise ProtocolError(
            "invalid", f"{kind}: field {where}: {first['msg']} ({exc.error_count()} error(s))", ref
        ) from None


def _types(adapter: TypeAdapter[Any]) -> frozenset[str]:
    schema = adapter.json_schema()
    return frozenset(schema["discriminator"]["mapping"].keys())


_CLIENT_TYPES = _types(CLIENT_ADAPTER)
_HUB_TYPES = _types(HUB_ADAPTER)


def decode_client(frame: str | bytes) -> ClientMessage:
    """Parse a frame sent by a client, or raise :class:`ProtocolError`."""
    msg: ClientMessage = _decode(frame, CLIENT_ADAPTER, _CLIENT_TYPES)
    return msg


def decode_hub(frame: str | bytes) -> HubMessage:
    """Parse a frame sent by the hub, or raise :class:`ProtocolError`."""
    msg: HubMessage = _decode(frame, HUB_ADAPTER, _HUB_TYPES)
    return msg


def encode(message: Message) -> str:
    """Serialise a message as a compact JSON text frame."""
    return message.model_dump_json(exclude_none=True)
