"""Search quality on the shipped sample cards, in a real SQLite store (Chinese and English)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from homeseat.knowledge.importer import read_cards
from homeseat.knowledge.store import KnowledgeStore
from homeseat.paths import resources_dir

#: A moment when the epidemic-time cards (valid 2022-03-01 … 2023-01-08) are not in force.
NOW = datetime(2026, 6, 1, tzinfo=UTC)
EPIDEMIC = datetime(2022, 6, 1, tzinfo=UTC)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[KnowledgeStore]:
    result = read_cards(resources_dir() / "knowledge" / "cards.jsonl")
    assert result.errors == []
    kb = KnowledgeStore(tmp_path / "kb.sqlite3")
    kb.upsert(result.cards, now=datetime(2026, 1, 1, tzinfo=UTC))
    yield kb
    kb.close()


def top(store: KnowledgeStore, query: str, n: int = 3, **kwargs: object) -> list[str]:
    kwargs.setdefault("now", NOW)
    return [r.card_id for r in store.search(query, limit=n, **kwargs)]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # two-character Chinese words
        ("退款", "zh.refund."),
        ("发票", "zh.invoice."),
        ("物流", "zh.delivery.track"),
        ("密码", "zh.account.password"),
        # Chinese questions and colloquial paraphrases (synonyms)
        ("退款多久到账", "zh.refund.timeline"),
        ("钱什么时候退回来", "zh.refund."),
        ("怎么开票", "zh.invoice.issue"),
        ("发票抬头写错了", "zh.invoice.reissue"),
        ("快递到哪了", "zh.delivery.track"),
        ("登不上去了，密码忘了", "zh.account.password"),
        ("账号被封了", "zh.account.locked"),
        ("收货地址填错了能改吗", "zh.delivery.address"),
        ("我要投诉你们", "zh.complaint.escalate"),
        ("红包用不了", "zh.coupon.invalid"),
        # English, stemming, synonyms and typos
        ("refund", "en.refund."),
        ("when do I get my money back", "en.refund.timeline"),
        ("refnd timeline", "en.refund.timeline"),
        ("download receipt", "en.invoice.download"),
        ("invoce", "en.invoice.download"),
        ("where is my parcel", "en.delivery.track"),
        ("package is late", "en.delivery.late"),
        ("forgot pasword", "en.account.reset"),
        ("account locked", "en.account.locked"),
        ("I want to complain", "en.complaint.escalate"),
    ],
)
def test_queries_find_the_right_card_first(
    store: KnowledgeStore, query: str, expected: str
) -> None:
    first = top(store, query)
    assert first, f"nothing found for {query!r}"
    assert first[0].startswith(expected), f"{query!r} → {first}"


def test_search_as_you_type_finds_cards_from_the_first_keystrokes(store: KnowledgeStore) -> None:
    assert top(store, "退", as_you_type=True)[0].startswith("zh.refund.")
    assert top(store, "发", as_you_type=True)[0].startswith("zh.")
    assert top(store, "refu", as_you_type=True)[0].startswith("en.refund.")
    assert top(store, "inv", as_you_type=True)[0] == "en.invoice.download"
    assert top(store, "退款到", as_you_type=True)[0] == "zh.refund.timeline"
    assert top(store, "where is my parc", as_you_type=True)[0] == "en.delivery.track"


def test_validity_windows_and_audience(store: KnowledgeStore) -> None:
    assert "zh.epidemic.delivery" not in top(store, "疫情封控配送", 10)
    assert top(store, "疫情封控配送", now=EPIDEMIC)[0] == "zh.epidemic.delivery"
    assert top(store, "lockdown delivery", now=EPIDEMIC)[0] == "en.pandemic.delivery"
    assert "zh.vip.hotline" not in top(store, "VIP 专线", 10, team="alpha")
    assert top(store, "VIP 专线", team="beta")[0] == "zh.vip.hotline"
    assert top(store, "VIP 专线")[0] == "zh.vip.hotline"  # no team given: no audience filter


def test_pins_rank_first_and_surge_prefers_short_scripts(store: KnowledgeStore) -> None:
    store.set_pins(["zh.refund.partial"])
    assert top(store, "退款")[0] == "zh.refund.partial"
    store.set_pins([])
    surge = store.search("高峰 排队", limit=1, now=NOW, surge_level=3)[0]
    assert surge.card_id == "zh.surge.holdmsg"
    assert surge.surge_factor > 1.0


def test_freshness_breaks_ties_in_favour_of_the_newer_card(tmp_path: Path) -> None:
    kb = KnowledgeStore(tmp_path / "kb.sqlite3")
    try:
        base = read_cards(resources_dir() / "knowledge" / "cards.jsonl").cards[0]
        kb.upsert([replace(base, id="old")], now=datetime(2024, 1, 1, tzinfo=UTC))
        kb.upsert([replace(base, id="new")], now=datetime(2026, 5, 1, tzinfo=UTC))
        results = kb.search("退款", now=NOW)
        assert [r.card_id for r in results] == ["new", "old"]
        assert results[0].relevance == pytest.approx(results[1].relevance)
        assert results[0].freshness > results[1].freshness
    finally:
        kb.close()


def test_suggestions_from_customer_messages(store: KnowledgeStore) -> None:
    said = [
        ("你好，我上周退的货，钱到现在还没到账，都一个礼拜了", "zh.refund.timeline"),
        ("麻烦帮我开一张电子发票，公司报销要用", "zh.invoice.issue"),
        ("Hi, my parcel still hasn't arrived and it's three days late", "en.delivery.late"),
        ("I forgot my password and can't sign in", "en.account.reset"),
    ]
    for text, expected in said:
        got = [r.card_id for r in store.suggest(text, now=NOW)]
        assert got, text
        assert got[0] == expected, f"{text!r} → {got}"
    assert store.suggest("今天天气不错", now=NOW) == []


def test_reimport_changes_nothing_and_edits_bump_the_version(store: KnowledgeStore) -> None:
    cards = read_cards(resources_dir() / "knowledge" / "cards.jsonl").cards
    version = store.version
    assert store.upsert(cards) == 0
    assert store.version == version
    assert store.upsert([replace(cards[0], title="退款到账时间说明（2026 版）")]) == 1
    assert store.version == version + 1
    assert [type(c).__name__ for c in store.changes_since(version)] == ["Card"]
    assert store.remove([cards[1].id]) == 1
    assert [type(c).__name__ for c in store.changes_since(version)] == ["Card", "Removal"]
