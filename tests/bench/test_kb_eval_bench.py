"""Benchmark: search quality on the labelled evaluation set (hit@1, hit@3, MRR@10).

Not in the default run. Run: ``.venv/bin/python -m pytest -s tests/bench/test_kb_eval_bench.py``.
Target (issue 7): hit@3 ≥ 0.85 overall. Prints a Markdown table for docs/benchmarks.md.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from tests.bench.kb_eval_data import Query, eval_cards, eval_queries

from homeseat.knowledge.store import KnowledgeStore
from homeseat.knowledge.synonyms import Synonyms

Metrics = dict[str, float]


def _score(store: KnowledgeStore, queries: list[Query]) -> Metrics:
    hit1 = hit3 = mrr = 0.0
    for q in queries:
        ranked = [r.card_id for r in store.search(q.text, limit=10)]
        rank = next((i for i, c in enumerate(ranked, 1) if c in q.relevant), None)
        hit1 += rank == 1
        hit3 += rank is not None and rank <= 3
        mrr += 1.0 / rank if rank else 0.0
    n = len(queries)
    return {"n": n, "hit@1": hit1 / n, "hit@3": hit3 / n, "MRR@10": mrr / n}


def _groups(queries: list[Query]) -> dict[str, list[Query]]:
    groups: dict[str, list[Query]] = defaultdict(list)
    for q in queries:
        groups["all"].append(q)
        groups[f"{q.lang} {q.kind}"].append(q)
    return groups


def _table(results: dict[str, Metrics]) -> str:
    lines = ["| queries | n | hit@1 | hit@3 | MRR@10 |", "|---|---:|---:|---:|---:|"]
    for name, m in results.items():
        lines.append(
            f"| {name} | {m['n']:.0f} | {m['hit@1']:.3f} | {m['hit@3']:.3f} | {m['MRR@10']:.3f} |"
        )
    return "\n".join(lines)


def _evaluate(
    tmp_path: Path, name: str, configure: Callable[[KnowledgeStore], None]
) -> dict[str, Metrics]:
    store = KnowledgeStore(tmp_path / f"{name}.sqlite3")
    try:
        configure(store)
        store.upsert(eval_cards())
        return {k: _score(store, v) for k, v in sorted(_groups(eval_queries()).items())}
    finally:
        store.close()


def test_search_quality_on_the_labelled_set(tmp_path: Path) -> None:
    cards, queries = eval_cards(), eval_queries()
    assert len(cards) == 300
    assert sum(q.kind == "paraphrase" for q in queries) == 300

    def no_synonyms(store: KnowledgeStore) -> None:
        store.synonyms = Synonyms([])

    full = _evaluate(tmp_path, "full", lambda store: None)
    ablation = _evaluate(tmp_path, "nosyn", no_synonyms)
    print("\nAll features (bigrams + stemming + synonyms + typo correction + ranking):")
    print(_table(full))
    print("\nWithout the synonym table:")
    print(_table({"all": ablation["all"]}))
    misses = []
    store = KnowledgeStore(tmp_path / "misses.sqlite3")
    store.upsert(cards)
    for q in queries:
        top = [r.card_id for r in store.search(q.text, limit=3)]
        if not set(top) & q.relevant:
            misses.append(f"  {q.text!r} → {top} (want {sorted(q.relevant)[:2]})")
    store.close()
    print(f"\nMisses at 3 ({len(misses)}):")
    print("\n".join(misses[:40]))
    assert full["all"]["hit@3"] >= 0.85
