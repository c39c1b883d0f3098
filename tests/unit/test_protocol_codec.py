"""Protocol v1 codec: every message survives a round trip; every bad frame gets the right code.

No network: frames are plain strings/bytes, exactly as a websocket delivers them.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import jsonschema
import pytest
from tests.chat_helpers import CHAT_CLIENT_SAMPLES, CHAT_HUB_SAMPLES
from tests.kb_samples import KB_CLIENT_SAMPLES, KB_HUB_SAMPLES
from tests.protocol_samples import MORE_CLIENT_SAMPLES, MORE_HUB_SAMPLES

from homeseat.core.agent_state import AgentState
from homeseat.protocol import (
    MAX_FRAME_BYTES,
    Ack,
    AgentPresence,
    AuthError,
    ErrorReply,
    Hello,
    Login,
    Logout,
    Message,
    Ping,
    Pong,
    ProtocolError,
    Refresh,
    SessionEnded,
    StateReport,
    TeamDelta,
    TeamSnapshot,
    TeamSubscribe,
    Welcome,
    decode_client,
    decode_hub,
    encode,
)
from homeseat.protocol.messages import ClientMessage, HubMessage
from homeseat.protocol.schema_doc import message_types

AT = datetime(2026, 3, 1, 9, 30, 15, 250000, tzinfo=UTC)
TOKEN = "t" * 40
SECRET = "Sup3r-Secret-Passw0rd!"

PRESENCE = AgentPresence(
    user_id=7,
    username="agent1",
    display_name="王小明 (Agent One)",
    team="alpha",
    state=AgentState.BUSY,
    channel="call",
    since=AT,
    connected=True,
    last_seen=AT,
    client_version="0.1.0",
)

CLIENT_SAMPLES: list[Message] = [
    Hello(id="h1", client_version="0.1.0"),
    Login(id="l1", username="agent1", password=SECRET, client_id="install-0001"),
    Refresh(refresh_token=TOKEN, client_id="install-0001", client_version="0.1.0"),
    Logout(id="bye"),
    StateReport(seq=3, state=AgentState.NOT_READY, reason="break", at=AT),
    StateReport(
        id="r4", seq=4, state=AgentState.READY, channel="chat", wrap_up_code="resolved", at=AT
    ),
    Ping(t=12.5),
    TeamSubscribe(id="sub"),
    *CHAT_CLIENT_SAMPLES,
    *MORE_CLIENT_SAMPLES,
    *KB_CLIENT_SAMPLES,
]

HUB_SAMPLES: list[Message] = [
    Welcome(
        id="l1",
        user_id=7,
        username="agent1",
        display_name="王小明",
        role="agent",
        team="alpha",
        access_token=TOKEN,
        access_expires_in=900,
        refresh_token=TOKEN[::-1] + "x",
        last_seq=3,
        presence=PRESENCE,
        server_time=AT,
    ),
    AuthError(id="l1", code="throttled", message="too many attempts", retry_after=30.0),
    Ack(id="r4", seq=4, duplicate=True),
    Ack(),
    ErrorReply(code="invalid", message="state.report: field seq: bad", ref="r9"),
    Pong(id="p", t=12.5, server_time=AT),
    TeamSnapshot(id="sub", agents=[PRESENCE]),
    TeamDelta(agents=[PRESENCE, PRESENCE.model_copy(update={"user_id": 8, "username": "b"})]),
    TeamSnapshot(agents=[]),
    SessionEnded(reason="replaced", message="signed in elsewhere"),
    *CHAT_HUB_SAMPLES,
    *MORE_HUB_SAMPLES,
    *KB_HUB_SAMPLES,
]


def _ids(samples: list[Message]) -> list[str]:
    return [f"{i}-{type(m).__name__}" for i, m in enumerate(samples)]


def _error(frame: str | bytes, *, hub: bool = False) -> ProtocolError:
    with pytest.raises(ProtocolError) as caught:
        (decode_hub if hub else decode_client)(frame)
    return caught.value


def _login(**fields: Any) -> dict[str, Any]:
    frame: dict[str, Any] = {
        "type": "auth.login",
        "id": "req-1",
        "username": "agent1",
        "password": SECRET,
        "client_id": "install-0001",
    }
    frame.update(fields)
    return frame


# ------------------------------------------------------------------------------ round trips


def test_samples_cover_every_message_type() -> None:
    assert {type(m) for m in CLIENT_SAMPLES} == set(message_types(ClientMessage))
    assert {type(m) for m in HUB_SAMPLES} == set(message_types(HubMessage))


@pytest.mark.parametrize("message", CLIENT_SAMPLES, ids=_ids(CLIENT_SAMPLES))
def test_client_messages_round_trip(message: Message) -> None:
    frame = encode(message)
    assert decode_client(frame) == message
    assert decode_client(frame.encode("utf-8")) == message  # bytes frames decode the same


@pytest.mark.parametrize("message", HUB_SAMPLES, ids=_ids(HUB_SAMPLES))
def test_hub_messages_round_trip(message: Message) -> None:
    assert decode_hub(encode(message)) == message


@pytest.mark.parametrize(
    "message", CLIENT_SAMPLES + HUB_SAMPLES, ids=_ids(CLIENT_SAMPLES + HUB_SAMPLES)
)
def test_encoded_frames_match_the_published_json_schema(message: Message) -> None:
    data = json.loads(encode(message))
    jsonschema.validate(data, type(message).model_json_schema())


def test_encode_is_compact_and_leaves_out_nulls() -> None:
    assert encode(Ping()) == '{"type":"ping","t":0.0}'
    assert "null" not in encode(HUB_SAMPLES[3])


def test_each_side_refuses_the_others_messages() -> None:
    assert _error(encode(HUB_SAMPLES[2])).code == "unknown_type"
    assert _error(encode(CLIENT_SAMPLES[6]), hub=True).code == "unknown_type"


# ------------------------------------------------------------------------------ refusals


@pytest.mark.parametrize(
    "frame",
    ["{", '{"type": "ping"', "ping", "", b"\xff\xfe\x00", '{"type": "ping"} trailing'],
    ids=["open-brace", "unclosed", "bare-word", "empty", "bad-utf8", "trailing-garbage"],
)
def test_malformed_json_is_refused(frame: str | bytes) -> None:
    error = _error(frame)
    assert error.code == "malformed"
    assert "not valid JSON" in error.message
    assert error.ref is None


@pytest.mark.parametrize("frame", ["[]", '[{"type": "ping"}]', "1", '"ping"', "null", "true"])
def test_a_frame_must_be_an_object(frame: str) -> None:
    error = _error(frame)
    assert (error.code, error.message) == ("malformed", "a frame must be a JSON object")


@pytest.mark.parametrize(
    "frame",
    ['{"id": "a"}', '{"id": "a", "type": 5}', '{"id": "a", "type": null}'],
    ids=["missing", "number", "null"],
)
def test_type_must_be_a_string(frame: str) -> None:
    error = _error(frame)
    assert error.code == "malformed"
    assert "'type'" in error.message
    assert error.ref == "a"


def test_unknown_type_is_named_and_cut_short() -> None:
    error = _error(json.dumps({"type": "teleport", "id": "r1"}))
    assert (error.code, error.ref) == ("unknown_type", "r1")
    assert "'teleport'" in error.message
    long = _error(json.dumps({"type": "x" * 1000}))
    assert long.code == "unknown_type"
    assert "x" * 41 not in long.message


def test_a_non_string_id_is_not_used_as_ref() -> None:
    assert _error(json.dumps({"type": "teleport", "id": 5})).ref is None


def test_the_size_limit_is_checked_before_parsing() -> None:
    base = '{"type":"ping"}'
    at_limit = base + " " * (MAX_FRAME_BYTES - len(base))
    assert isinstance(decode_client(at_limit), Ping)
    error = _error(at_limit + " ")
    assert error.code == "too_large"
    assert str(MAX_FRAME_BYTES) in error.message
    # Not even parsed: a huge frame of garbage is "too large", not "malformed".
    assert _error(b"\xff" * (MAX_FRAME_BYTES + 1)).code == "too_large"


def test_the_size_limit_counts_utf8_bytes_not_characters() -> None:
    name = "座" * (MAX_FRAME_BYTES // 3)  # 3 bytes each in UTF-8
    frame = json.dumps({"type": "hello", "client_version": name}, ensure_ascii=False)
    assert len(frame) < MAX_FRAME_BYTES < len(frame.encode("utf-8"))
    assert _error(frame).code == "too_large"


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"seq": "three"}, "seq"),
        ({"seq": 0}, "seq"),
        ({"seq": 1.5}, "seq"),
        ({"state": "asleep"}, "state"),
        ({"at": "yesterday"}, "at"),
        ({"reason": "Not A Code"}, "reason"),
        ({"channel": "fax"}, "channel"),
        ({"wrap_up_code": 12}, "wrap_up_code"),
        ({"id": ""}, "id"),
        ({"colour": "blue"}, "colour"),
    ],
)
def test_wrong_fields_are_refused_by_name(fields: dict[str, Any], field: str) -> None:
    frame: dict[str, Any] = {
        "type": "state.report",
        "id": "rep",
        "seq": 1,
        "state": "ready",
        "at": AT.isoformat(),
    }
    frame.update(fields)
    error = _error(json.dumps(frame))
    assert error.code == "invalid"
    assert error.message.startswith(f"state.report: field {field}:")
    assert error.ref == frame["id"]


def test_a_missing_required_field_is_named() -> None:
    error = _error(json.dumps({"type": "state.report", "seq": 1, "state": "ready"}))
    assert error.code == "invalid"
    assert "field at:" in error.message
    assert "Field required" in error.message


def test_the_error_count_is_reported() -> None:
    error = _error(json.dumps({"type": "state.report", "seq": "x", "state": "x", "at": "x"}))
    assert "(3 error(s))" in error.message


def test_hub_frames_are_checked_too() -> None:
    frame = json.loads(encode(HUB_SAMPLES[0]))
    frame["presence"]["connected"] = "sometimes"
    error = _error(json.dumps(frame), hub=True)
    assert error.code == "invalid"
    assert "field presence.connected:" in error.message
    assert error.ref == "l1"


# ------------------------------------------------------------------------------ secrets


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"password": SECRET * 20}, "password"),  # too long
        ({"password": 12345678}, "password"),  # wrong type
        ({"password": [SECRET]}, "password"),
        ({"username": "bad name " + SECRET}, "username"),  # another field fails, password fine
        ({"client_id": "short"}, "client_id"),
        ({"extra": SECRET}, "extra"),
    ],
)
def test_refusals_never_echo_a_password(fields: dict[str, Any], field: str) -> None:
    error = _error(json.dumps(_login(**fields)))
    assert error.code == "invalid"
    assert f"field {field}:" in error.message
    for text in (error.message, str(error), encode(error.to_reply())):
        assert SECRET not in text
        assert "12345678" not in text


def test_refresh_tokens_are_not_echoed_either() -> None:
    frame = {"type": "auth.refresh", "refresh_token": SECRET * 30, "client_id": "install-1"}
    error = _error(json.dumps(frame))
    assert "field refresh_token:" in error.message
    assert SECRET not in error.message


# ------------------------------------------------------------------------------ replies


def test_protocol_errors_become_error_replies() -> None:
    error = _error(json.dumps({"type": "teleport", "id": "q7"}))
    reply = error.to_reply()
    assert isinstance(reply, ErrorReply)
    assert (reply.code, reply.message, reply.ref) == (error.code, error.message, "q7")
    assert decode_hub(encode(reply)) == reply
