"""Fuzzing the running hub: thousands of hostile frames, and a well-behaved session unharmed.

Hypothesis generates frames of every kind a broken or hostile client sends: invalid JSON,
arrays and scalars, unknown types, every real message type with missing, wrong-typed, extra or
out-of-range fields, near-limit sizes, binary frames, out-of-order and duplicate state reports,
and requests an agent is not allowed to make (team data, lead actions, surge levels).
(A well-formed ``auth.logout`` is left out: signing the fuzzer out is the right answer.) They go to
a real hub over TLS from a signed-in agent connection while another agent works normally and a
lead watches. The hub must answer, stay up, and the good session must lose nothing.
"""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.helpers import login, recv, send, ws_client
from tests.sessions import make_session, wait_for

from homeseat.core.agent_state import AgentState, EventKind, StateEvent
from homeseat.devcerts import DevCerts
from homeseat.hub import HubConfig, HubServer, Storage
from homeseat.hub.demo import DEMO_PASSWORD
from homeseat.protocol import MAX_FRAME_BYTES, ErrorReply, Ping, Pong

TYPES = [
    "hello", "auth.login", "auth.refresh", "auth.unlock", "state.report", "ping",
    "team.subscribe", "sup.action", "sup.help", "sup.timeline.get", "surge.set",
    "quality.report", "config.status", "chat.accept", "chat.send", "kb.sync", "audio.check",
    "no.such.type", "", "STATE.REPORT",
]  # fmt: skip

_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
)
_json = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
_fields = st.dictionaries(
    st.sampled_from(
        ["id", "seq", "state", "reason", "at", "agent", "kind", "text", "level", "team",
         "password", "username", "client_id", "t", "channel", "call", "status", "raised"]
    ) | st.text(max_size=6),
    _json,
    max_size=6,
)  # fmt: skip


def _frame(obj: dict[str, Any]) -> str:
    return json.dumps(obj, allow_nan=True)


_typed = st.builds(lambda t, f: _frame({"type": t, **f}), st.sampled_from(TYPES), _fields)


def _report_frame(seq: int, state: str) -> str:
    reason = {"reason": "break"} if state == "not_ready" else {}
    at = datetime.now(UTC).isoformat()
    return _frame(
        {"type": "state.report", "id": f"f{seq}", "seq": seq, "state": state, "at": at, **reason}
    )


_report = st.builds(
    _report_frame,
    st.integers(min_value=-3, max_value=60),
    st.sampled_from([s.value for s in AgentState] + ["napping"]),
)  # fmt: skip
_unauthorized = st.sampled_from(
    [
        _frame({"type": "team.subscribe", "id": "x"}),
        _frame({"type": "sup.action", "id": "x", "kind": "sign_out", "agent": "agent1"}),
        _frame({"type": "sup.action", "id": "x", "kind": "force_not_ready", "agent": "agent1",
                "reason": "break"}),
        _frame({"type": "surge.set", "id": "x", "team": "alpha", "level": 3}),
        _frame({"type": "sup.timeline.get", "id": "x", "agent": "agent1"}),
    ]
)  # fmt: skip


def _padded(n: int) -> str:
    return '{"type": "ping", "pad": "' + "x" * n + '"}'


_junk = st.one_of(
    st.text(max_size=200),
    st.builds(_padded, st.integers(0, MAX_FRAME_BYTES + 500)),
    st.binary(max_size=100),
    st.sampled_from(["[1,2]", "null", "42", '"text"', "{", '{"type": 5}', "{}"]),
)  # fmt: skip
FRAMES = st.lists(st.one_of(_typed, _report, _unauthorized, _junk), min_size=450, max_size=600)


async def _scenario(frames: list[str | bytes], db: Path, certs: DevCerts) -> None:
    config = HubConfig(
        host="127.0.0.1",
        port=0,
        db_path=db,
        tls_cert=certs.cert_file,
        tls_key=certs.key_file,
        # The fuzzer should reach the parser, not only the rate limiter (tested elsewhere).
        rate_per_second=100_000.0,
        rate_burst=100_000,
        rate_abuse_limit=1_000_000,
    )
    hub = HubServer(config)
    await hub.start()
    good, _ = make_session(hub.url, certs.ca_file)
    lead, lead_seen = make_session(hub.url, certs.ca_file)
    try:
        await good.sign_in("agent3", DEMO_PASSWORD)
        await lead.sign_in("lead1", DEMO_PASSWORD)
        await lead.subscribe_team()
        async with ws_client(hub, certs) as bad:
            await login(bad, "agent2")
            answers = 0

            async def drain() -> None:
                nonlocal answers
                while True:
                    msg = await recv(bad, 30)
                    if isinstance(msg, ErrorReply | Pong) or msg.type in ("ack", "sup.timeline"):
                        answers += 1

            reader = asyncio.create_task(drain())
            expected: list[tuple[AgentState, str | None]] = []
            for i, frame in enumerate(frames):
                await bad.send(frame)
                if i % 50 == 0:  # the good agent keeps working meanwhile
                    event = (
                        StateEvent(EventKind.GO_READY)
                        if good.status.state is not AgentState.READY
                        else StateEvent(EventKind.GO_NOT_READY, reason="break")
                    )
                    after = good.request(event).after
                    expected.append((after.state, after.reason))
            await send(bad, Ping(id="last", t=1.0))
            await wait_for(lambda: answers >= len(frames) // 2, within=30, what="the answers")
            reader.cancel()
        await wait_for(lambda: good.pending_reports == 0, within=15, what="good reports acked")
        last = expected[-1]
        await wait_for(
            lambda: (lead_seen.team["agent3"].state, lead_seen.team["agent3"].reason) == last,
            within=15,
            what="the lead to see the good agent's last state",
        )
        # The hub is up and serves a new sign-in.
        async with ws_client(hub, certs) as fresh:
            assert (await login(fresh, "agent4")).username == "agent4"
    finally:
        await good.close()
        await lead.close()
        await hub.stop()
    # Every report of the good session arrived once, in order.
    storage = Storage(db)
    try:
        user = storage.user("agent3")
        assert user is not None
        events = [(e.state, e.reason) for e in storage.state_events(user.id)]
        assert events[-len(expected) :] == expected
        seqs = [e.seq for e in storage.state_events(user.id)]
        assert len(seqs) == len(set(seqs))
    finally:
        storage.close()


@settings(
    max_examples=3,  # ~1,500 frames in all; each example starts its own hub
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
)
@given(frames=FRAMES)
def test_hostile_frames_never_disturb_a_good_session(
    frames: list[str | bytes], demo_db: Path, certs: DevCerts
) -> None:
    asyncio.run(_scenario(frames, demo_db, certs))
