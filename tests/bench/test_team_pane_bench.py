"""Benchmark: the team pane with 5,000 agents and 200 updates/s (budget: no frame over 50 ms).

Not in the default run (tests/bench). Run: ``QT_QPA_PLATFORM=offscreen pytest tests/bench -s``.
A "frame" here is one 50 ms slice of work on the GUI thread: applying the deltas that arrived in
it (10 agents = 200/s), the one-second tick when due, and processing events plus a full repaint.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import random
import time
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt

from homeseat.core.agent_state import AgentState
from homeseat.core.codes import DEFAULT_REASON_CODES
from homeseat.protocol import AgentPresence
from homeseat.ui.app import create_application
from homeseat.ui.i18n import Translations
from homeseat.ui.icons import Icons
from homeseat.ui.team_model import Column
from homeseat.ui.team_pane import TeamPane

AGENTS = 5000
PER_FRAME = 10  # 200 updates per second at 20 frames per second
FRAMES = 100
BUDGET_MS = 50.0


def _presence(rng: random.Random, uid: int, now: datetime) -> AgentPresence:
    state = rng.choice(list(AgentState))
    return AgentPresence(
        user_id=uid,
        username=f"agent{uid}",
        display_name=f"Agent {uid:04d} 座席",
        team=f"team{uid % 25}",
        state=state,
        reason="break" if state is AgentState.NOT_READY else None,
        channel="call" if state is AgentState.BUSY else None,
        since=now - timedelta(seconds=rng.uniform(0, 3600)),
        connected=rng.random() > 0.05,
        last_seen=now,
        client_version="0.1.0",
    )


def test_team_pane_5000_rows_200_updates_per_second() -> None:
    app = create_application(["bench"])
    translations = Translations(app)
    translations.set_language("zh_CN")
    pane = TeamPane(DEFAULT_REASON_CODES, translations, Icons())
    pane.resize(1280, 800)
    pane.show()
    rng = random.Random(7)
    now = datetime.now(UTC)
    started = time.perf_counter()
    pane.apply_snapshot([_presence(rng, i, now) for i in range(AGENTS)])
    app.processEvents()
    snapshot_ms = (time.perf_counter() - started) * 1000
    results = {}
    for label, column in (("by agent", Column.AGENT), ("by time in state", Column.TIME)):
        pane.table.sortByColumn(column, Qt.SortOrder.DescendingOrder)
        app.processEvents()
        frames = []
        for frame in range(FRAMES):
            t0 = time.perf_counter()
            pane.apply_delta([_presence(rng, rng.randrange(AGENTS), now) for _ in range(PER_FRAME)])
            if frame % 20 == 0:
                pane.tick()
            app.processEvents()
            pane.table.viewport().repaint()
            frames.append((time.perf_counter() - t0) * 1000)
        frames.sort()
        results[label] = (frames[len(frames) // 2], frames[int(len(frames) * 0.99)], frames[-1])
    print(f"\nsnapshot of {AGENTS} agents: {snapshot_ms:.0f} ms")
    for label, (p50, p99, worst) in results.items():
        print(f"sorted {label}: frame p50 {p50:.1f} ms, p99 {p99:.1f} ms, worst {worst:.1f} ms")
    pane.close()
    for _, _, worst in results.values():
        assert worst < BUDGET_MS
