"""The first-run model (pure): hub URL checks, gates between steps, network verdicts; and the
client-version comparison behind the update notice."""

from __future__ import annotations

import pytest

from homeseat.core.first_run import (
    FirstRunModel,
    HubUrlProblem,
    Level,
    NetworkReport,
    SipCheck,
    SipState,
    Step,
    check_hub_url,
    judge_round_trip,
)
from homeseat.core.version import parse_version, update_recommended


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  wss://hub.example.com:8765/ ", "wss://hub.example.com:8765"),
        ("wss://10.0.0.5", "wss://10.0.0.5"),
        ("", HubUrlProblem.EMPTY),
        ("   ", HubUrlProblem.EMPTY),
        ("hub.example.com", HubUrlProblem.NOT_WEBSOCKET),
        ("https://hub.example.com", HubUrlProblem.NOT_WEBSOCKET),
        ("ws://hub.example.com", HubUrlProblem.INSECURE),
        ("wss://", HubUrlProblem.NO_HOST),
        ("wss://hub example.com", HubUrlProblem.NO_HOST),
        ("wss://hub.example.com:99999", HubUrlProblem.BAD_PORT),
        ("wss://hub.example.com:0", HubUrlProblem.BAD_PORT),
    ],
)
def test_hub_url_is_checked_with_a_reason(text: str, expected: str | HubUrlProblem) -> None:
    assert check_hub_url(text) == expected


def test_plain_ws_only_where_the_configuration_allows_it() -> None:
    assert check_hub_url("ws://127.0.0.1:8765", allow_insecure=True) == "ws://127.0.0.1:8765"


def test_sign_in_is_the_gate_and_a_new_hub_forgets_it() -> None:
    model = FirstRunModel("wss://a.example")
    assert model.may_leave(Step.HUB)
    assert not model.may_leave(Step.SIGN_IN)
    signed = model.signed_in("agent1").entered(Step.SIGN_IN)
    assert signed.may_leave(Step.SIGN_IN)
    assert signed.may_leave(Step.AUDIO)  # the audio check never locks anyone out
    assert signed.visited == (Step.HUB, Step.SIGN_IN)
    assert signed.with_hub("wss://a.example") is signed
    moved = signed.with_hub("wss://b.example")
    assert (moved.hub_url, moved.username) == ("wss://b.example", "")
    assert not moved.may_leave(Step.NETWORK)
    assert not FirstRunModel("").may_leave(Step.HUB)


@pytest.mark.parametrize(
    ("ms", "level"),
    [(12.0, Level.GOOD), (149.9, Level.GOOD), (150.0, Level.WARN), (399.0, Level.WARN),
     (400.0, Level.FAIL), (None, Level.FAIL)],
)  # fmt: skip
def test_round_trip_levels(ms: float | None, level: Level) -> None:
    assert judge_round_trip(ms) is level


def test_network_verdict_is_the_worse_part_and_skipped_sip_does_not_count() -> None:
    no_sip = SipCheck(SipState.NOT_CONFIGURED)
    assert NetworkReport((20.0, 40.0, 30.0), no_sip).level is Level.GOOD
    assert NetworkReport((20.0, 40.0, 30.0), no_sip).median_ms == 30.0
    registered = SipCheck(SipState.REGISTERED, "main")
    assert NetworkReport((200.0,), registered).level is Level.WARN
    refused = SipCheck(SipState.FAILED, "main", "403 Forbidden")
    assert NetworkReport((20.0,), refused).level is Level.FAIL
    silent = NetworkReport((), no_sip, "not connected to the hub")
    assert (silent.median_ms, silent.level) == (None, Level.FAIL)
    assert SipCheck(SipState.NO_PASSWORD, "main").level is Level.FAIL


@pytest.mark.parametrize(
    ("running", "recommended", "due"),
    [
        ("0.1.0", "0.2.0", True),
        ("0.1.0", "0.1.0", False),
        ("0.2.0", "0.1.9", False),
        ("0.1.0", "0.1", False),  # 0.1 == 0.1.0
        ("0.1.0", "0.1.0.1", True),
        ("1.5.0rc1", "1.5.0", True),  # a pre-release is older than its release
        ("0.1.0+checkout", "0.1.0", False),  # a local build of the same release
        ("0.0.0+checkout", "0.1.0", True),
        ("0.1.0", None, False),
        ("0.1.0", "", False),
        ("unknown", "9.0", False),  # unreadable: never a wrong notice
        ("0.1.0", "latest", False),
    ],
)
def test_update_is_recommended_only_for_older_clients(
    running: str, recommended: str | None, due: bool
) -> None:
    assert update_recommended(running, recommended) is due


def test_versions_order_numerically_not_as_text() -> None:
    ten, nine = parse_version("0.10.0"), parse_version("0.9.0")
    assert ten is not None
    assert nine is not None
    assert nine < ten
    assert str(ten) == "0.10.0.0"
