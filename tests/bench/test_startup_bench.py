"""Benchmark: process start to first window shown (budget 1.5 s) and idle RSS (budget 200 MB).

Not in the default run. Run: ``bash scripts/with-keyring.sh .venv/bin/python -m pytest -s
tests/bench/test_startup_bench.py``. Each run is a new ``homeseat`` process (offscreen, a fresh
home folder, a hub address nobody answers). Two cases: a returning agent (a user signed in here
before: the sign-in dialog) and a first start on the computer (the first-run wizard); "shown" is
the log line each writes once its show has been processed by the event loop.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

RUNS = 7
BUDGET_START_S = 1.5
BUDGET_RSS_MB = 200.0
IDLE_SECONDS = 3.0


def _one_run(home: Path, config: Path, marker: str) -> tuple[float, float]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(home), XDG_CONFIG_HOME="")
    env.pop("XDG_DATA_HOME", None)
    exe = Path(sys.executable).parent / "homeseat"
    start = time.perf_counter()
    proc = subprocess.Popen(
        [str(exe), "-v", "--config", str(config)],
        env=env,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert proc.stderr is not None
        shown = None
        for line in proc.stderr:
            if marker in line:
                shown = time.perf_counter() - start
                break
        assert shown is not None, f"never logged {marker!r}"
        time.sleep(IDLE_SECONDS)
        rss = psutil.Process(proc.pid).memory_info().rss / 2**20
        return shown, rss
    finally:
        proc.terminate()
        proc.wait(10)


@pytest.mark.parametrize(
    ("case", "marker"),
    [("returning", "sign-in window shown"), ("first_run", "first-run wizard shown")],
)
def test_start_to_first_window_and_idle_rss(tmp_path: Path, case: str, marker: str) -> None:
    config = tmp_path / "client.json"
    config.write_text(json.dumps({"hub": {"url": "wss://127.0.0.1:9/"}}), encoding="utf-8")
    starts: list[float] = []
    rss: list[float] = []
    for i in range(RUNS):
        home = tmp_path / f"home{i}"
        data = home / ".local" / "share" / "HomeSeat"
        data.mkdir(parents=True)
        if case == "returning":  # somebody signed in here before: no wizard
            (data / "ui.ini").write_text("[sign_in]\nlast_username=agent1\n", encoding="utf-8")
        shown, mb = _one_run(home, config, marker)
        starts.append(shown)
        rss.append(mb)
    print(
        f"\n{case}: start to first window over {RUNS} runs: median "
        f"{statistics.median(starts):.2f} s, min {min(starts):.2f} s, max {max(starts):.2f} s "
        f"(budget {BUDGET_START_S} s)\nidle RSS {IDLE_SECONDS:.0f} s after: median "
        f"{statistics.median(rss):.0f} MB, max {max(rss):.0f} MB (budget {BUDGET_RSS_MB:.0f} MB)"
    )
    assert statistics.median(starts) <= BUDGET_START_S
    assert max(rss) <= BUDGET_RSS_MB
