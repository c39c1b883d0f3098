"""`homeseat kb import`, `search`, `pin`, `report`: real files, real SQLite, per-record errors."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from homeseat.cli import main as homeseat_main
from homeseat.knowledge.cli import main
from homeseat.knowledge.importer import read_cards
from homeseat.knowledge.store import KnowledgeStore
from homeseat.paths import resources_dir


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_jsonl_with_bad_records_imports_the_good_ones(tmp_path: Path) -> None:
    good = {"id": "r1", "title": "退款到账时间", "body": "原路退回", "tags": "退款|到账"}
    lines = [
        json.dumps(good, ensure_ascii=False),
        "{not json",
        json.dumps({"id": "bad id!", "title": "x"}),
        json.dumps({"id": "r2"}),  # no title
        json.dumps({"id": "r3", "title": "Late parcel", "valid_to": "tomorrow"}),
        json.dumps(
            {"id": "r4", "title": "Window", "valid_from": "2024-02-01", "valid_to": "2024-01-01"}
        ),
        json.dumps({"id": "r1", "title": "duplicate"}),
        json.dumps(["an", "array"]),
        json.dumps({"id": "r5", "title": "Refund", "lang": "fr"}),
        json.dumps({"id": "r6", "title": "Refund", "colour": "blue"}),
        "",
        json.dumps({"id": "r7", "title": "Invoice", "audience": ["alpha", "beta"], "lang": "en"}),
    ]
    source = tmp_path / "cards.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    source.write_bytes(source.read_bytes() + b'{"id": "r8", "title": "\xff"}\n')
    db = tmp_path / "kb.sqlite3"

    code, out, err = run("--db", str(db), "import", str(source))

    assert code == 1
    refused = err.strip().splitlines()
    assert len(refused) == 10
    assert refused[0].startswith("refused: cards.jsonl:2: not valid JSON")
    assert "cards.jsonl:3: field id: String should match pattern" in refused[1]
    assert "cards.jsonl:4: field title: Field required" in refused[2]
    assert "cards.jsonl:5: field valid_to" in refused[3]
    assert "cards.jsonl:6: field valid_to: must be after valid_from" in refused[4]
    assert "cards.jsonl:7: duplicate id 'r1' (first at cards.jsonl:1)" in refused[5]
    assert "cards.jsonl:8: a record must be a JSON object" in refused[6]
    assert "cards.jsonl:9: field lang" in refused[7]
    assert "cards.jsonl:10: field colour: Extra inputs are not permitted" in refused[8]
    assert "cards.jsonl:13: not UTF-8 text" in refused[9]
    assert "imported 2 card(s) (2 new or changed), refused 10" in out
    store = KnowledgeStore(db)
    try:
        r1 = store.card("r1")
        assert r1 is not None
        assert (r1.tags, r1.lang) == (("退款", "到账"), "zh")
        r7 = store.card("r7")
        assert r7 is not None
        assert r7.audience == ("alpha", "beta")
    finally:
        store.close()


def test_csv_and_markdown_folder(tmp_path: Path) -> None:
    csv_file = tmp_path / "cards.csv"
    csv_file.write_text(
        "id,title,body,script,tags,lang,valid_from\n"
        "inv1,电子发票开具,订单详情申请开票,您好，可以开票,发票，开票,zh,2024-01-01T00:00:00+08:00\n"
        "inv2,,missing title,,,,\n"
        "inv3,Invoice copy,Download from orders,Here is how,invoice|receipt,en,\n"
        "inv4,Too many,cells,a,b,en,,extra\n",
        encoding="utf-8",
    )
    code, _, err = run("--db", str(tmp_path / "kb.sqlite3"), "import", str(csv_file))
    assert code == 1
    assert "cards.csv:3: field title" in err
    assert "cards.csv:5: more cells than header columns" in err

    folder = tmp_path / "md"
    (folder / "refunds").mkdir(parents=True)
    (folder / "refunds" / "refund-window.md").write_text(
        "---\nid: refund.window\ntags: [退款, 时效]\naudience: alpha\n---\n"
        "# 退款时效说明\n\n退款**原路退回**。\n\n"
        "## 话术\n您好，退款已受理。\n\n## 简版话术\n已受理。\n",
        encoding="utf-8",
    )
    (folder / "broken.md").write_text("---\nid: broken\nno colon here\n---\n# T\n", "utf-8")
    (folder / "untitled.md").write_text("just text, no heading\n", encoding="utf-8")
    code, out, err = run("--db", str(tmp_path / "kb.sqlite3"), "import", str(folder))
    assert code == 1
    assert "broken.md: front matter line 3: expected 'key: value'" in err
    assert "untitled.md: field title: Field required" in err
    assert "imported 1 card(s)" in out
    store = KnowledgeStore(tmp_path / "kb.sqlite3")
    try:
        card = store.card("refund.window")
        assert card is not None
        assert card.script == "您好，退款已受理。"
        assert card.short_script == "已受理。"
        assert card.tags == ("退款", "时效")
        assert card.audience == ("alpha",)
        assert "原路退回" in card.body
        assert store.count() == 3
    finally:
        store.close()


def test_unusable_inputs_exit_2(tmp_path: Path) -> None:
    assert run("--db", str(tmp_path / "kb.sqlite3"), "import", str(tmp_path / "none.jsonl"))[0] == 2
    (tmp_path / "cards.xlsx").write_bytes(b"PK")
    code, _, err = run("--db", str(tmp_path / "kb.sqlite3"), "import", str(tmp_path / "cards.xlsx"))
    assert code == 2
    assert "unknown format" in err
    assert run("--db", str(tmp_path / "missing.sqlite3"), "search", "退款")[0] == 2


def test_dry_run_changes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "kb.sqlite3"
    sample = resources_dir() / "knowledge" / "cards.jsonl"
    code, out, _ = run("--db", str(db), "import", "--dry-run", str(sample))
    assert code == 0
    assert "would import 26 card(s)" in out
    assert not db.exists()


def test_search_json_queries_file_pin_and_report(tmp_path: Path) -> None:
    db = tmp_path / "kb.sqlite3"
    sample = resources_dir() / "knowledge" / "cards.jsonl"
    # Through the top-level `homeseat` entry point, as a knowledge manager types it.
    assert homeseat_main(["kb", "--db", str(db), "import", str(sample)]) == 0
    code, out, _ = run("--db", str(db), "search", "--json", "退款", "多久到账")
    assert code == 0
    answer = json.loads(out)
    assert answer["query"] == "退款 多久到账"
    assert answer["results"][0]["id"] == "zh.refund.timeline"
    scores = [r["score"] for r in answer["results"]]
    assert scores == sorted(scores, reverse=True)
    assert set(answer["results"][0]["explain"]) == {
        "relevance",
        "freshness",
        "surge",
        "language",
        "pin",
    }

    queries = tmp_path / "queries.txt"
    queries.write_text("发票\nmoney back\n\nforgot pasword\n", encoding="utf-8")
    code, out, _ = run("--db", str(db), "search", "--queries", str(queries), "--limit", "3")
    lines = [json.loads(line) for line in out.splitlines()]
    assert [a["query"] for a in lines] == ["发票", "money back", "forgot pasword"]
    assert lines[0]["results"][0]["id"].startswith("zh.invoice.")
    assert lines[1]["results"][0]["id"].startswith("en.refund.")
    assert lines[2]["results"][0]["id"] == "en.account.reset"

    assert run("--db", str(db), "pin", "zh.delivery.delay")[0] == 0
    assert run("--db", str(db), "pin", "no.such.card")[0] == 2
    code, out, _ = run("--db", str(db), "search", "--json", "发票")
    assert json.loads(out)["results"][0]["id"] != "zh.delivery.delay"  # pins only lift matches
    code, out, _ = run("--db", str(db), "search", "--json", "配送")
    assert json.loads(out)["results"][0] == {**json.loads(out)["results"][0], "pinned": True}

    store = KnowledgeStore(db)
    try:
        store.record_event("zh.refund.timeline", "used", at=datetime.now(UTC))
        store.record_event("zh.refund.timeline", "helpful", at=datetime.now(UTC))
    finally:
        store.close()
    code, out, _ = run("--db", str(db), "report", "--json")
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows == [
        {
            "id": "zh.refund.timeline",
            "title": "退款到账时间说明",
            "used": 1,
            "helpful": 1,
            "not_helpful": 0,
        }
    ]


@pytest.mark.parametrize("name", ["cards.jsonl"])
def test_shipped_samples_are_clean(name: str) -> None:
    result = read_cards(resources_dir() / "knowledge" / name)
    assert result.errors == []
    langs = {c.lang for c in result.cards}
    assert langs == {"zh", "en"}
