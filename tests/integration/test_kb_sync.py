"""Knowledge distribution end to end: the real hub, real client sessions, real SQLite copies."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from tests.helpers import login, recv_type, send, ws_client
from tests.sessions import make_session, wait_for

from homeseat.core.knowledge import Card
from homeseat.devcerts import DevCerts
from homeseat.hub import HubServer
from homeseat.hub.demo import DEMO_PASSWORD
from homeseat.knowledge.store import KnowledgeStore
from homeseat.knowledge.sync import KnowledgeSync
from homeseat.platform.session import PlatformSession
from homeseat.protocol import Ack, ErrorReply, HubMessage
from homeseat.protocol.knowledge import (
    KbDelta,
    KbEvent,
    KbFeedback,
    KbPins,
    KbUsage,
    KbUsageRequest,
)


def _cards(n: int, prefix: str = "c") -> list[Card]:
    return [
        Card(
            id=f"{prefix}{i}",
            title=f"退款规则 {i}" if i % 2 else f"Refund rule {i}",
            body="原路退回，3-7 个工作日到账。" if i % 2 else "Refunds go back to the card.",
            script="您好，退款已受理。" if i % 2 else "Your refund is on its way.",
            tags=("退款",) if i % 2 else ("refund",),
            lang="zh" if i % 2 else "en",
        )
        for i in range(n)
    ]


class Deltas:
    """Counts the cards each client received in kb.delta frames."""

    def __init__(self) -> None:
        self.cards = 0
        self.removed = 0
        self.frames = 0
        self.pins: list[list[str]] = []

    def __call__(self, msg: HubMessage) -> None:
        if isinstance(msg, KbDelta):
            self.frames += 1
            self.cards += len(msg.cards)
            self.removed += len(msg.removed)
        elif isinstance(msg, KbPins):
            self.pins.append(list(msg.cards))


def _client(
    hub: HubServer, certs: DevCerts, path: Path
) -> tuple[PlatformSession, KnowledgeSync, Deltas]:
    session, _ = make_session(hub.url, certs.ca_file)
    sync = KnowledgeSync(KnowledgeStore(path), session)
    deltas = Deltas()
    session.add_handler(deltas)
    return session, sync, deltas


async def test_sync_by_delta_and_offline_work(
    hub: HubServer, certs: DevCerts, tmp_path: Path
) -> None:
    hub.knowledge.publish(_cards(20))
    session, sync, deltas = _client(hub, certs, tmp_path / "agent1-kb.sqlite3")
    try:
        await session.sign_in("agent1", DEMO_PASSWORD)
        await wait_for(lambda: sync.store.version == 20 and not sync.syncing, what="first sync")
        assert sync.store.count() == 20
        assert deltas.cards == 20

        # Offline: the hub changes two cards and deletes one; the agent still searches locally.
        await session.close()
        hub.knowledge.publish(
            [replace(_cards(20)[1], title="退款规则 1（新版）"), replace(_cards(20)[2], body="x")],
            removed=["c3"],
        )
        assert sync.store.version == 20
        offline = sync.store.search("退款", limit=20)
        assert {r.card_id for r in offline} >= {"c1", "c3"}

        # Back online with the same local copy: only the delta travels.
        session2, sync2, deltas2 = _client(hub, certs, tmp_path / "agent1-kb.sqlite3")
        try:
            await session2.sign_in("agent1", DEMO_PASSWORD)
            await wait_for(lambda: sync2.store.version == 23 and not sync2.syncing, what="delta")
            assert (deltas2.cards, deltas2.removed) == (2, 1)
            card = sync2.store.card("c1")
            assert card is not None
            assert card.title == "退款规则 1（新版）"
            assert sync2.store.card("c3") is None
            assert "c3" not in {r.card_id for r in sync2.store.search("退款", limit=20)}
        finally:
            await session2.close()
            sync2.store.close()
    finally:
        await session.close()
        sync.store.close()


async def test_large_delta_arrives_in_chunks_under_the_frame_limit(
    hub: HubServer, certs: DevCerts, tmp_path: Path
) -> None:
    long_body = "退款说明：" + "原路退回到您的支付账户，信用卡以银行账单为准。" * 40
    hub.knowledge.publish([replace(c, body=long_body) for c in _cards(1000, "big")])
    session, sync, deltas = _client(hub, certs, tmp_path / "kb.sqlite3")
    try:
        await session.sign_in("agent2", DEMO_PASSWORD)
        await wait_for(lambda: sync.store.count() == 1000, within=30, what="1000 cards")
        assert deltas.frames > 10  # chunked: no frame over the limit (the codec would refuse it)
        assert sync.last_sync_seconds is not None
    finally:
        await session.close()
        sync.store.close()


async def test_changes_reach_online_clients_live(
    hub: HubServer, certs: DevCerts, tmp_path: Path
) -> None:
    hub.knowledge.publish(_cards(3))
    session, sync, _ = _client(hub, certs, tmp_path / "kb.sqlite3")
    try:
        await session.sign_in("agent1", DEMO_PASSWORD)
        await wait_for(lambda: sync.store.version == 3, what="first sync")
        hub.knowledge.publish([Card(id="new.card", title="发票开具流程", tags=("发票",))])
        await wait_for(lambda: sync.store.card("new.card") is not None, what="kb.changed → sync")
        assert [r.card_id for r in sync.store.search("发票")] == ["new.card"]
    finally:
        await session.close()
        sync.store.close()


async def test_import_by_another_process_is_pushed(
    hub: HubServer, certs: DevCerts, tmp_path: Path, demo_db: Path
) -> None:
    session, sync, _ = _client(hub, certs, tmp_path / "kb.sqlite3")
    try:
        await session.sign_in("agent1", DEMO_PASSWORD)
        await wait_for(lambda: not sync.syncing, what="first sync")
        # What `homeseat kb import --db HUB.sqlite3` does: another connection to the hub's file.
        other = KnowledgeStore(demo_db)
        try:
            other.upsert([Card(id="imported", title="疫情期间配送政策", tags=("疫情",))])
            other.set_pins(["imported"], by="cli")
        finally:
            other.close()
        await wait_for(lambda: sync.store.card("imported") is not None, within=10, what="push")
        await wait_for(lambda: sync.store.pins() == ["imported"], what="pins pushed")
    finally:
        await session.close()
        sync.store.close()


async def test_pin_reaches_everyone_at_once_and_only_leads_may_pin(
    hub: HubServer, certs: DevCerts, tmp_path: Path
) -> None:
    hub.knowledge.publish(_cards(5))
    clients = [_client(hub, certs, tmp_path / f"{name}.sqlite3") for name in ("a1", "a9", "l1")]
    try:
        for (session, _, _), user in zip(clients, ("agent1", "agent9", "lead1"), strict=True):
            await session.sign_in(user, DEMO_PASSWORD)
        for _, sync, _ in clients:
            await wait_for(lambda s=sync: s.store.version == 5, what="sync")

        agent_sync = clients[0][1]
        agent_sync.pin("c2")  # an agent may not pin: refused, nothing changes
        await asyncio.sleep(0.3)
        assert all(s.store.pins() == [] for _, s, _ in clients)

        clients[2][1].pin("c2")
        for _, sync, _ in clients:  # agent1 (alpha), agent9 (beta) and the lead
            await wait_for(lambda s=sync: s.store.pins() == ["c2"], what="pin")
        results = clients[1][1].store.search("refund", limit=3)
        assert results[0].card_id == "c2"
        assert results[0].pinned
        clients[2][1].pin("c2", pinned=False)
        for _, sync, _ in clients:
            await wait_for(lambda s=sync: s.store.pins() == [], what="unpin")
    finally:
        for session, sync, _ in clients:
            await session.close()
            sync.store.close()


async def test_feedback_made_offline_reaches_the_usage_report_once(
    hub: HubServer, certs: DevCerts, tmp_path: Path
) -> None:
    hub.knowledge.publish(_cards(3))
    session, sync, _ = _client(hub, certs, tmp_path / "kb.sqlite3")
    try:
        # Offline: events wait in the local outbox.
        sync.feedback("c1", "used", "chat")
        sync.feedback("c1", "helpful")
        sync.feedback("c2", "not_helpful")
        assert len(sync.store.pending_events()) == 3
        await session.sign_in("agent1", DEMO_PASSWORD)
        await wait_for(lambda: not sync.store.pending_events(), what="feedback acknowledged")
        sync.feedback("c1", "used", "call")
        await wait_for(lambda: not sync.store.pending_events(), what="online feedback")
    finally:
        await session.close()
        sync.store.close()
    usage = {u.card_id: u for u in hub.knowledge.store.usage()}
    assert (usage["c1"].used, usage["c1"].helpful, usage["c1"].not_helpful) == (2, 1, 0)
    assert (usage["c2"].used, usage["c2"].not_helpful) == (0, 1)

    # The same batch sent twice (a lost ack) counts once; agents may not read the report.
    async with ws_client(hub, certs) as ws:
        await login(ws, "agent3", client_id="test-kb-resend")
        event = KbEvent(ref=1, card_id="c3", kind="used", at=datetime.now(UTC))
        for _ in range(2):
            await send(ws, KbFeedback(id="f1", events=[event]))
            assert (await recv_type(ws, Ack)).id == "f1"
        await send(ws, KbUsageRequest(id="u1"))
        refusal = await recv_type(ws, ErrorReply)
        assert (refusal.code, refusal.ref) == ("forbidden", "u1")
    async with ws_client(hub, certs) as ws:
        await login(ws, "lead1")
        await send(ws, KbUsageRequest(id="u2"))
        report = await recv_type(ws, KbUsage)
        rows = {r.card_id: r for r in report.rows}
        assert rows["c3"].used == 1
        assert rows["c1"].used == 2


async def test_cards_for_another_team_never_reach_an_agents_copy(
    hub: HubServer, certs: DevCerts, tmp_path: Path
) -> None:
    vip = Card(id="vip", title="VIP 专线转接", tags=("vip",), audience=("beta",))
    hub.knowledge.publish([*_cards(2), vip])
    alpha, alpha_sync, alpha_deltas = _client(hub, certs, tmp_path / "alpha.sqlite3")
    beta, beta_sync, _ = _client(hub, certs, tmp_path / "beta.sqlite3")
    try:
        await alpha.sign_in("agent1", DEMO_PASSWORD)  # team alpha
        await beta.sign_in("agent9", DEMO_PASSWORD)  # team beta
        for sync in (alpha_sync, beta_sync):
            await wait_for(lambda s=sync: s.store.version == 3, what="sync")
        assert alpha_sync.store.card("vip") is None
        assert alpha_deltas.removed == 1  # sent as a tombstone: nothing of it on alpha's disk
        assert beta_sync.store.card("vip") is not None
        # The card is opened to alpha as well: it arrives; closed again: it is dropped.
        hub.knowledge.publish([replace(vip, audience=("alpha", "beta"))])
        await wait_for(lambda: alpha_sync.store.card("vip") is not None, what="now for alpha")
        hub.knowledge.publish([replace(vip, audience=("beta",))])
        await wait_for(lambda: alpha_sync.store.card("vip") is None, what="dropped again")
        assert beta_sync.store.card("vip") is not None
    finally:
        for session, sync in ((alpha, alpha_sync), (beta, beta_sync)):
            await session.close()
            sync.store.close()
