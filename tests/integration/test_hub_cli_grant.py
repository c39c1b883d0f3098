"""``homeseat-hub user grant`` and the demo seed's surge permission (real subprocesses)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from homeseat.hub import Storage

HUB = str(Path(sys.executable).with_name("homeseat-hub"))


def _hub(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [HUB, *args], input=stdin, capture_output=True, text=True, timeout=120, check=False
    )


def _permissions(db: Path, name: str) -> frozenset[str]:
    storage = Storage(db)
    try:
        user = storage.user(name)
        assert user is not None
        return storage.permissions(user.id)
    finally:
        storage.close()


def test_grant_surge_is_stored_audited_and_refuses_bad_input(tmp_path: Path) -> None:
    d = ("--db", str(tmp_path / "hub.sqlite3"))
    seeded = _hub("seed-demo", *d)
    assert seeded.returncode == 0, seeded.stderr
    assert _permissions(tmp_path / "hub.sqlite3", "lead1") == {"surge"}  # the demo lead
    assert _permissions(tmp_path / "hub.sqlite3", "lead2") == frozenset()

    granted = _hub("user", "grant", "lead2", "surge", *d)
    assert granted.returncode == 0, granted.stderr
    assert "lead2 may now use surge" in granted.stdout
    assert _permissions(tmp_path / "hub.sqlite3", "lead2") == {"surge"}
    storage = Storage(tmp_path / "hub.sqlite3")
    try:
        targets = [e.target for e in storage.audit_entries("permission.grant")]
    finally:
        storage.close()
    assert "lead2" in targets

    unknown = _hub("user", "grant", "nobody", "surge", *d)
    assert unknown.returncode == 1
    assert "nobody" in unknown.stderr
    typo = _hub("user", "grant", "lead2", "surgee", *d)
    assert typo.returncode == 2  # argparse: not one of the known permissions
    assert "invalid choice" in typo.stderr
