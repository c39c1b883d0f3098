"""The ``homeseat`` command as a user runs it: real subprocesses, offscreen."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from homeseat import __version__


def _homeseat(
    *args: str, timeout: float = 60, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    environ = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "homeseat.cli", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=environ,
        check=False,
    )


def test_version_is_quick_and_does_not_load_qt() -> None:
    started = time.monotonic()
    result = _homeseat("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"homeseat {__version__}"
    assert time.monotonic() - started < 5
    probe = subprocess.run(
        [sys.executable, "-c", "import sys, homeseat.cli; print('PySide6' in sys.modules)"],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    assert probe.stdout.strip() == "False"


def test_selftest_passes_here() -> None:
    result = _homeseat("selftest", timeout=90)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    names = [line.split()[1] for line in lines if line.startswith(("OK", "FAIL"))]
    assert names == ["configuration", "qt", "pjsua2", "portaudio", "webrtcvad", "keyring"]
    for line in lines[:-1]:
        status = line.split()[0]
        assert status in ("OK", "FAIL"), line
        if status == "FAIL":
            assert line.endswith("(optional)"), line  # only optional checks may fail here
    assert lines[-1].startswith("selftest passed")


def test_selftest_fails_on_a_bad_config(tmp_path: Path) -> None:
    bad = tmp_path / "client.json"
    bad.write_text('{"hub": {"url": "ws://plain.example:80"}, "wrap_up_seconds": -1}')
    result = _homeseat("selftest", "--config", str(bad), timeout=90)
    assert result.returncode == 1
    first = result.stdout.splitlines()[0]
    assert first.startswith("FAIL  configuration")
    assert "/wrap_up_seconds" in first
    assert "allow_insecure" in first
    assert "selftest FAILED: configuration" in result.stdout


def test_app_refuses_a_bad_config_with_a_precise_message(tmp_path: Path) -> None:
    bad = tmp_path / "client.json"
    bad.write_text('{"language": "fr"}')
    result = _homeseat("--config", str(bad))
    assert result.returncode == 2
    assert "/language" in result.stderr
    missing = _homeseat("--config", str(tmp_path / "nope.json"))
    assert missing.returncode == 2
    assert "no such file" in missing.stderr


def test_demo_runs_takes_screenshots_and_quits_by_itself(tmp_path: Path) -> None:
    shots = tmp_path / "shots"
    result = _homeseat(
        "demo",
        "--duration",
        "8",
        "--screenshot",
        str(shots),
        "--language",
        "zh_CN",
        timeout=90,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "hub at wss://127.0.0.1:" in result.stdout
    for name in ("agent-zh_CN.png", "lead-zh_CN.png"):
        png = shots / name
        assert png.stat().st_size > 20_000, name  # a real window, not an empty image
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "Traceback" not in result.stderr
