"""Index terms, queries, synonyms and typo correction (pure parts of knowledge search)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from homeseat.core.knowledge import Candidate, Card, rank, script_for, visible
from homeseat.knowledge.synonyms import load_default_synonyms, parse_synonyms
from homeseat.knowledge.text import build_query, index_terms, stem, to_match
from homeseat.knowledge.typos import Vocabulary, edit_distance


def test_chinese_is_indexed_as_bigrams_so_two_character_words_are_terms() -> None:
    assert index_terms("退款到账") == ["退款", "款到", "到账"]
    assert "发票" in index_terms("电子发票开具流程")
    assert index_terms("票") == ["票"]


def test_english_is_stemmed_and_stop_words_dropped() -> None:
    assert index_terms("The refunds were refunded") == ["refund", "refund"]
    assert stem("shipping") == "ship"
    assert stem("invoices") == stem("invoice") == stem("invoiced")
    assert stem("deliveries") == "delivery"
    assert index_terms("ＲＥＦＵＮＤ") == ["refund"]  # full-width input is normalised


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("refnd", "refund"), ("rfeund", "refund"), ("refundd", "refund"), ("invoic", "invoic")],
)
def test_typos_one_edit_away_are_corrected(typed: str, expected: str) -> None:
    vocab = Vocabulary(["refund", "invoic", "deliv", "password"])
    if typed == expected:
        assert vocab.corrections(typed) == []  # a known term is never "corrected"
    else:
        assert vocab.corrections(typed) == [expected]


def test_short_words_are_not_corrected_and_distance_is_checked() -> None:
    vocab = Vocabulary(["bill", "fill", "refund"])
    assert vocab.corrections("bil") == []
    assert vocab.corrections("rxxund") == []
    assert edit_distance("refund", "rfeund") == 1
    assert edit_distance("abc", "") == 3


def test_synonyms_find_colloquial_words_and_phrases() -> None:
    syn = load_default_synonyms()
    assert "退款" in syn.group_of("退钱")
    assert syn.group_of("money back")[0] == "refund"
    spans = syn.find("i want my money back")
    assert [(s, e) for s, e, _ in spans] == [(10, 20)]
    assert parse_synonyms("# only a comment\na|a\n").group_of("a") == ()


def test_query_groups_and_match_expression() -> None:
    syn = parse_synonyms("退款|退钱\nrefund|money back")
    groups = build_query("退钱多久到账", synonyms=syn)
    match = to_match(groups, "AND")
    assert match.startswith('("退钱" OR "退款")')  # as typed, or the canonical word
    assert '"到账"' in match
    typing = to_match(build_query("refu", as_you_type=True), "AND")
    assert '"refu"*' in typing
    assert to_match(build_query("退", as_you_type=True)) == '"退"*'
    assert build_query("the and of") == []


def test_rank_explains_each_factor() -> None:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    old, new = now - timedelta(days=365), now - timedelta(days=1)
    ranked = rank(
        [
            Candidate("old", 5.0, old, has_short_script=False, pinned=False),
            Candidate("new", 5.0, new, has_short_script=True, pinned=False),
            Candidate("pin", 0.5, old, has_short_script=False, pinned=True),
            Candidate("en", 6.0, new, has_short_script=False, pinned=False, same_language=False),
        ],
        now=now,
        surge_level=2,
    )
    assert [r.card_id for r in ranked] == ["pin", "new", "old", "en"]
    by_id = {r.card_id: r for r in ranked}
    assert by_id["new"].surge_factor > 1.0
    assert by_id["new"].freshness > by_id["old"].freshness
    assert by_id["en"].explain["language"] == 0.5
    calm = rank([Candidate("new", 5.0, new, has_short_script=True, pinned=False)], now=now)
    assert calm[0].surge_factor == 1.0


def test_surge_scripts_and_visibility() -> None:
    card = Card(
        id="c",
        title="t",
        script="long",
        short_script="short",
        audience=("beta",),
        valid_from=datetime(2022, 3, 1, tzinfo=UTC),
        valid_to=datetime(2023, 1, 8, tzinfo=UTC),
    )
    assert script_for(card, 0) == "long"
    assert script_for(card, 2) == "short"
    assert visible(card, datetime(2022, 6, 1, tzinfo=UTC), "beta")
    assert not visible(card, datetime(2022, 6, 1, tzinfo=UTC), "alpha")
    assert not visible(card, datetime(2024, 1, 1, tzinfo=UTC), "beta")
