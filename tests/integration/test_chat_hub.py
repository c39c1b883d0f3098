"""Customer chat against the real hub: routing, three concurrent chats, network cuts, state.

Real hub on loopback (TLS, SQLite), real PlatformSessions with the chat client, customers over
the real ``/chat/ws`` protocol. Network cuts abort the TCP connection (no close handshake) while
lines are in flight both ways.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from tests.chat_helpers import (
    ScriptedCustomer,
    chat_agent,
    customer_transcript,
    hub_transcript,
    transcript,
)
from tests.helpers import HubFactory, ws_client
from tests.sessions import make_session, wait_for

from homeseat.core.agent_state import AgentState, EventKind, StateEvent
from homeseat.core.chats import ChatPhase
from homeseat.devcerts import DevCerts
from homeseat.hub import HubServer
from homeseat.hub.chat_config import ChatConfig
from homeseat.hub.demo import DEMO_PASSWORD
from homeseat.platform.chat import ChatClient
from homeseat.platform.local import open_client_store
from homeseat.platform.session import Link, PlatformSession
from homeseat.protocol import ErrorReply, encode
from homeseat.protocol.chat import CustomerSend, CustomerStart
from homeseat.protocol.customer import TO_CUSTOMER_ADAPTER


async def _offered(client: ChatClient, within: float = 5.0) -> str:
    """Wait for an offer and return its chat id."""
    await wait_for(lambda: bool(client.book.conversations(ChatPhase.OFFERED)), within, "an offer")
    return client.book.conversations(ChatPhase.OFFERED)[0].chat_id


async def _take(client: ChatClient) -> str:
    chat_id = await _offered(client)
    client.accept(chat_id)
    await wait_for(
        lambda: client.book.require(chat_id).phase is ChatPhase.ACTIVE, 5, "chat.assigned"
    )
    return chat_id


def _state(session: PlatformSession) -> AgentState:
    return session.machine.status.state


async def test_three_concurrent_chats_drive_state_and_keep_transcripts(
    make_hub: HubFactory, certs: DevCerts
) -> None:
    hub = await make_hub(chat=ChatConfig(capacity=3))
    session, _rec, client = await chat_agent(hub, certs, "agent1")
    customers = [
        ScriptedCustomer.for_hub(hub, certs, name=name, topic=topic)
        for name, topic in (("张女士", "账单"), ("Mr Li", "refund"), ("王先生", "宽带"))
    ]
    try:
        ids: list[str] = []
        for number, customer in enumerate(customers, 1):
            await customer.connect()
            ids.append(await _take(client))
            if number < 3:
                # Below capacity the agent stays available (Ready) and is offered more.
                await wait_for(lambda: _state(session) is AgentState.READY, 5, "Ready")
        await wait_for(lambda: _state(session) is AgentState.BUSY, 5, "Busy at capacity")
        assert session.machine.status.channel == "chat"
        await wait_for(
            lambda: (p := hub.presence_of("agent1")) is not None and p.state is AgentState.BUSY,
            5,
            "hub sees Busy",
        )
        assert {c.chat_id for c in customers} == set(ids)

        # A fourth customer waits in the queue: the agent is at capacity.
        fourth = ScriptedCustomer.for_hub(hub, certs, name="Late")
        await fourth.connect()
        await asyncio.sleep(0.3)
        assert not client.book.conversations(ChatPhase.OFFERED)
        assert hub.chat.queued("alpha") == 1

        # All three talk at once, interleaved with the agent's answers.
        by_id = {c.chat_id: c for c in customers if c.chat_id is not None}
        for round_ in range(4):
            for chat_id, customer in by_id.items():
                await customer.say(f"{customer.name} question {round_}")
                client.send_text(chat_id, f"answer {round_} for {customer.name}")
        await customer.typing(True)
        for chat_id, customer in by_id.items():
            await wait_for(lambda c=customer: len(c.lines) == 8, 10, "customer sees 8 lines")
            await wait_for(
                lambda i=chat_id: len(client.book.require(i).lines) == 8, 10, "agent sees 8"
            )
            mine = transcript(client, chat_id)
            assert mine == customer_transcript(customer) == hub_transcript(hub, chat_id)
            assert [seq for seq, _s, _t in mine] == list(range(1, 9))
            # Each side's own lines keep their order.
            assert [t for _q, s, t in mine if s == "customer"] == [
                f"{customer.name} question {r}" for r in range(4)
            ]
            assert [t for _q, s, t in mine if s == "agent"] == [
                f"answer {r} for {customer.name}" for r in range(4)
            ]
        last = customers[-1].chat_id
        assert last is not None
        await wait_for(lambda: client.book.require(last).customer_typing, 5, "typing shown")
        client.set_typing(last, True)
        await wait_for(lambda: customers[-1].agent_typing == [True], 5, "agent typing shown")

        # Unread counts only for conversations the agent is not looking at.
        client.set_visible(ids[0])
        assert client.book.require(ids[0]).unread == 0
        assert client.book.require(ids[1]).unread == 4

        # Closing one frees a place: Busy → Ready, and the queued customer is offered.
        client.close(ids[0], "resolved")
        await wait_for(lambda: by_id[ids[0]].ended, 5, "customer told the chat ended")
        late = await _offered(client)
        assert late == fourth.chat_id
        stored = hub.chat.store.chat(ids[0])
        assert stored is not None
        assert (stored.status, stored.wrap_up_code) == ("closed", "resolved")
        await fourth.close()
    finally:
        for customer in customers:
            await customer.close()
        await session.close()


async def test_network_cut_while_lines_are_in_flight_both_ways(
    make_hub: HubFactory, certs: DevCerts, tmp_path: Path
) -> None:
    hub = await make_hub()
    session, rec, client = await chat_agent(hub, certs, "agent1")
    customer = ScriptedCustomer.for_hub(hub, certs, name="陈先生 13812345678")
    try:
        await customer.connect()
        chat_id = await _take(client)
        await customer.say("hello")
        client.send_text(chat_id, "hi, how can I help?")
        await wait_for(lambda: len(customer.lines) == 2, 5, "first exchange")

        # In flight: the customer fires lines, the agent fires answers, and both links are
        # cut abruptly mid-way (TCP abort, no close handshake).
        customer_burst = [asyncio.create_task(customer.say(f"c{i}")) for i in range(10)]
        for i in range(10):
            client.send_text(chat_id, f"a{i}")
            if i == 4:
                ws = session._ws
                assert ws is not None
                ws.transport.abort()
                customer.cut()
        await asyncio.gather(*customer_burst)
        # While both are offline, both keep typing.
        await wait_for(lambda: session.link is not Link.ONLINE, 5, "agent offline")
        for i in range(10, 13):
            client.send_text(chat_id, f"a{i}")
            await customer.say(f"c{i}")
        assert client.book.require(chat_id).pending  # held, not lost

        # Reconnection: the session by itself, the customer like the page does.
        await wait_for(lambda: session.link is Link.ONLINE, 10, "agent back online")
        await customer.connect()
        want_agent = ["hi, how can I help?"] + [f"a{i}" for i in range(13)]
        want_customer = ["hello"] + [f"c{i}" for i in range(13)]
        total = len(want_agent) + len(want_customer)

        def complete() -> bool:
            chat = client.book.require(chat_id)
            return len(chat.lines) == total and len(customer.lines) == total and not chat.pending

        await wait_for(complete, 15, "both transcripts complete")
        await asyncio.sleep(0.3)  # late duplicates, if any, would arrive now
        mine = transcript(client, chat_id)
        assert mine == customer_transcript(customer) == hub_transcript(hub, chat_id)
        assert [seq for seq, _s, _t in mine] == list(range(1, total + 1))
        assert [t for _q, s, t in mine if s == "agent"] == want_agent
        assert [t for _q, s, t in mine if s == "customer"] == want_customer
        assert Link.OFFLINE in rec.links
        assert client.resent >= 3  # the lines written offline went out after the resync
        assert not customer.pending
        # The hub state never flickered: the chat stayed with the agent through the cut.
        agent1 = hub.storage.user("agent1")
        assert agent1 is not None
        assert hub.chat.active_of(agent1.id) == {chat_id}
    finally:
        await customer.close()
        await session.close()


async def test_offer_times_out_to_the_next_agent_and_decline_moves_on(
    make_hub: HubFactory, certs: DevCerts
) -> None:
    hub = await make_hub(chat=ChatConfig(offer_timeout_seconds=0.6))
    s1, _r1, c1 = await chat_agent(hub, certs, "agent1")
    s2, _r2, c2 = await chat_agent(hub, certs, "agent2")
    customer = ScriptedCustomer.for_hub(hub, certs, name="Zhao")
    try:
        await customer.connect()
        # Whoever is offered first ignores it; the offer must move to the other agent.
        await wait_for(
            lambda: (
                bool(c1.book.conversations(ChatPhase.OFFERED))
                or bool(c2.book.conversations(ChatPhase.OFFERED))
            ),
            5,
            "first offer",
        )
        first, second = (c1, c2) if c1.book.conversations(ChatPhase.OFFERED) else (c2, c1)
        first_session = s1 if first is c1 else s2
        assert _state(first_session) is AgentState.OFFERED
        chat_id = await _offered(second, 5)
        assert chat_id == customer.chat_id
        await wait_for(lambda: not first.book.conversations(), 5, "withdrawn from the first")
        await wait_for(lambda: _state(first_session) is AgentState.READY, 5, "first Ready again")
        # The second declines: back to the first.
        second.decline(chat_id)
        assert await _offered(first, 5) == chat_id
        events = [kind for kind, _agent, _d in hub.chat.store.events(chat_id)]
        assert events[:4] == ["created", "offered", "offer_timeout", "offered"]
        assert "offer_declined" in events
    finally:
        await customer.close()
        await s1.close()
        await s2.close()


async def test_transfer_to_an_agent_and_back_to_the_queue(
    make_hub: HubFactory, certs: DevCerts
) -> None:
    hub = await make_hub()
    s1, _r1, c1 = await chat_agent(hub, certs, "agent1")
    s2, _r2, c2 = await chat_agent(hub, certs, "agent2", ready=False)
    customer = ScriptedCustomer.for_hub(hub, certs, name="Sun")
    try:
        await customer.connect()
        chat_id = await _take(c1)
        await customer.say("my line")
        await wait_for(lambda: len(c1.book.require(chat_id).lines) == 1, 5, "line")
        s2.request(StateEvent(EventKind.GO_READY))
        c1.transfer(chat_id, "agent2")
        await wait_for(lambda: c1.book.get(chat_id) is None, 5, "gone from agent1")
        assert await _offered(c2) == chat_id
        c2.accept(chat_id)
        await wait_for(lambda: len(c2.book.require(chat_id).lines) == 1, 5, "history moves")
        assert c2.book.require(chat_id).lines[0].text == "my line"
        # Back to the queue: agent1 (Ready, not the one who handed it back) gets it.
        c2.transfer(chat_id, None)
        assert await _offered(c1) == chat_id
        refusal = ScriptedCustomer.for_hub(hub, certs, name="X")
        await refusal.connect()  # a second chat; agent1 is busy with an offer: agent2 gets it
        assert await _offered(c2) == refusal.chat_id
        await refusal.close()
    finally:
        await customer.close()
        await s1.close()
        await s2.close()


async def test_customer_leaving_and_bad_customer_frames(hub: HubServer, certs: DevCerts) -> None:
    session, _rec, client = await chat_agent(hub, certs, "agent1")
    customer = ScriptedCustomer.for_hub(hub, certs, name="Qian")
    try:
        await customer.connect()
        chat_id = await _take(client)
        ws = customer._ws
        assert ws is not None
        for bad in ("not json", '{"type": "nope"}', '{"type": "customer.send", "msg_id": "x"}'):
            await ws.send(bad)
        await customer.say("still here")
        await wait_for(lambda: len(client.book.require(chat_id).lines) == 1, 5, "line after junk")
        await customer.leave()
        await wait_for(
            lambda: client.book.require(chat_id).phase is ChatPhase.CLOSED, 5, "ended for agent"
        )
        assert client.book.require(chat_id).end_reason == "customer_left"
        client.close(chat_id, "resolved")  # the agent still gives the wrap-up code
        await wait_for(
            lambda: (
                (c := hub.chat.store.chat(chat_id)) is not None and c.wrap_up_code == "resolved"
            ),
            5,
            "wrap-up code stored",
        )
        stored = hub.chat.store.chat(chat_id)
        assert stored is not None
        assert stored.end_reason == "customer_left"
        # A page that comes back with a token the hub never issued is told so, and gets nothing.
        async with ws_client(hub.url + "/chat/ws", certs) as raw:
            start = CustomerStart(name="Mallory", resume="not-a-real-token-0123456789")
            await raw.send(encode(start))
            reply = TO_CUSTOMER_ADAPTER.validate_json(await asyncio.wait_for(raw.recv(), 5))
            assert isinstance(reply, ErrorReply)
            assert (reply.code, reply.message) == ("invalid", "unknown conversation")
            await raw.send(encode(CustomerSend(msg_id="m1", text="let me in")))
            reply = TO_CUSTOMER_ADAPTER.validate_json(await asyncio.wait_for(raw.recv(), 5))
            assert isinstance(reply, ErrorReply)
            assert reply.code == "conflict"
    finally:
        await customer.close()
        await session.close()


async def test_auto_accept_by_configuration_and_no_customer_text_on_disk(
    make_hub: HubFactory, certs: DevCerts, tmp_path: Path
) -> None:
    hub = await make_hub(chat=ChatConfig(auto_accept=True, capacity=1))
    (tmp_path / "client").mkdir()
    store = open_client_store(tmp_path / "client" / "agent.sqlite3")
    session, _rec = make_session(hub.url, certs.ca_file, store=store)
    client = ChatClient(session)
    customer = ScriptedCustomer.for_hub(hub, certs, name="Secret Name 13912345678")
    secret = "my password hint is blue-elephant-42"
    try:
        await session.sign_in("agent1", DEMO_PASSWORD, remember=False)
        session.request(StateEvent(EventKind.GO_READY))
        await customer.connect()
        # Nobody clicks: the platform's auto-accept takes it, and capacity 1 means Busy.
        await wait_for(lambda: client.book.active_count == 1, 10, "auto-accepted")
        await wait_for(lambda: _state(session) is AgentState.BUSY, 5, "Busy at capacity 1")
        await customer.say(secret)
        client.send_text(str(customer.chat_id), "noted")
        await wait_for(lambda: len(customer.lines) == 2, 5, "exchange")
    finally:
        await customer.close()
        await session.close()
        store.close()
    # The client's files (local store, WAL, anything beside it) hold no customer text.
    for path in (tmp_path / "client").rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert secret.encode() not in data, path
            assert b"Secret Name" not in data, path


async def test_a_hub_restart_keeps_open_conversations(
    make_hub: HubFactory, certs: DevCerts
) -> None:
    hub = await make_hub()
    session, _rec, client = await chat_agent(hub, certs, "agent1")
    customer = ScriptedCustomer.for_hub(hub, certs, name="Zhou")
    try:
        await customer.connect()
        chat_id = await _take(client)
        await customer.say("before the restart")
        await wait_for(lambda: len(client.book.require(chat_id).lines) == 1, 5, "first line")
        port = hub.port
        await hub.stop()
        # Both sides write while the hub is down; both come back to a new hub on the same file.
        client.send_text(chat_id, "agent while down")
        await customer.say("customer while down")
        hub2 = await make_hub(port=port)
        await wait_for(lambda: session.link is Link.ONLINE, 15, "agent reconnected")
        await customer.connect()
        await wait_for(
            lambda: len(client.book.require(chat_id).lines) == 3 and len(customer.lines) == 3,
            15,
            "transcripts complete after the restart",
        )
        assert transcript(client, chat_id) == customer_transcript(customer)
        assert transcript(client, chat_id) == hub_transcript(hub2, chat_id)
        assert transcript(client, chat_id)[0][2] == "before the restart"
    finally:
        await customer.close()
        await session.close()
