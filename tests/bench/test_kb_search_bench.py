"""Benchmark: search as you type on 100,000 cards (budget: ≤ 10 ms p99, Chinese and English).

Not in the default run. Run: ``.venv/bin/python -m pytest -s tests/bench/test_kb_search_bench.py``.
The process is pinned to one core. Each query of the evaluation set is typed one keystroke at a
time (Chinese one character at a time, as an input method commits it) and every prefix is searched
the way the panel does (``as_you_type=True``, 8 results, validity/audience filters on). Set
``KB_BENCH_DB`` to keep the generated store between runs.
"""

from __future__ import annotations

import os
import statistics
import time
from pathlib import Path

import pytest
from tests.bench.kb_eval_data import eval_queries, scale_cards

from homeseat.knowledge.store import KnowledgeStore

CARDS = 100_000
BUDGET_MS = 10.0


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


@pytest.fixture(scope="module")
def big_store(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeStore:
    path = Path(os.environ.get("KB_BENCH_DB") or tmp_path_factory.mktemp("kb") / "kb.sqlite3")
    store = KnowledgeStore(path)
    if store.count() != CARDS:
        started = time.perf_counter()
        cards = scale_cards(CARDS)
        for i in range(0, CARDS, 5000):
            store.upsert(cards[i : i + 5000])
        print(f"\nbuilt {CARDS} cards in {time.perf_counter() - started:.1f} s")
    return store


def _typed(text: str) -> list[str]:
    return [text[: i + 1] for i in range(len(text)) if not text[i].isspace()]


def _row(name: str, values: list[float]) -> str:
    return (
        f"| {name} | {len(values)} | {statistics.median(values):.2f} | "
        f"{_percentile(values, 0.95):.2f} | {_percentile(values, 0.99):.2f} | {max(values):.2f} |"
    )


@pytest.mark.timeout(1800)
def test_search_as_you_type_p99(big_store: KnowledgeStore) -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    size = Path(big_store.path).stat().st_size / 2**20
    big_store.vocabulary()  # built once per change of the base, not per keystroke
    queries = eval_queries()
    # wall[lang], cpu[lang]: the CPU time of this thread is what one core spends on the search;
    # wall time also counts whatever else the (shared) machine ran meanwhile.
    wall: dict[str, list[float]] = {"zh": [], "en": []}
    cpu: dict[str, list[float]] = {"zh": [], "en": []}
    for q in queries:
        for prefix in _typed(q.text):
            w0, c0 = time.perf_counter(), time.thread_time()
            big_store.search(prefix, as_you_type=True, limit=8, team="alpha")
            cpu[q.lang].append((time.thread_time() - c0) * 1000.0)
            wall[q.lang].append((time.perf_counter() - w0) * 1000.0)
    suggest_wall, suggest_cpu = [], []
    for q in queries[:200]:
        w0, c0 = time.perf_counter(), time.thread_time()
        big_store.suggest(q.text + "，谢谢" if q.lang == "zh" else q.text + ", thanks")
        suggest_cpu.append((time.thread_time() - c0) * 1000.0)
        suggest_wall.append((time.perf_counter() - w0) * 1000.0)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"\n{CARDS} cards, database {size:.0f} MiB, one core, load average {load:.1f}")
    print("| searches | n | p50 ms | p95 ms | p99 ms | max ms |")
    print("|---|---:|---:|---:|---:|---:|")
    print(_row("Chinese keystrokes, CPU", cpu["zh"]))
    print(_row("English keystrokes, CPU", cpu["en"]))
    print(_row("suggestion (sentence), CPU", suggest_cpu))
    print(_row("Chinese keystrokes, wall", wall["zh"]))
    print(_row("English keystrokes, wall", wall["en"]))
    print(_row("suggestion (sentence), wall", suggest_wall))
    for lang in ("zh", "en"):
        assert _percentile(cpu[lang], 0.99) <= BUDGET_MS, lang
