"""The Windows installer script builds with makensis (the Linux bundle stands in for the
Windows payload: this checks the script, its languages and options, not a Windows install)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from tests.installer.build import ROOT, Built

# The first test that needs the build waits for it (about three minutes on two cores).
pytestmark = [pytest.mark.installer, pytest.mark.timeout(1500)]

SCRIPT = ROOT / "installer" / "windows" / "homeseat.nsi"


def test_nsis_installer_is_built(built: Built) -> None:
    data = built.setup_exe.read_bytes()
    assert data[:2] == b"MZ"  # a Windows executable
    assert b"NullsoftInst" in data[:1_000_000]  # NSIS's header follows the stub
    # Uncompressed in this test build, so the payload is plainly in there.
    files = [f for f in built.bundle.rglob("*") if f.is_file() and not f.is_symlink()]
    payload = sum(f.stat().st_size for f in files)
    assert len(data) > payload * 0.9
    assert "nsis:" in built.log


def test_nsis_script_refuses_to_build_without_a_payload(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            "makensis",
            "-V2",
            "-INPUTCHARSET",
            "UTF8",
            f"-DOUTFILE={tmp_path / 'x.exe'}",
            str(SCRIPT),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode != 0
    assert "define PAYLOAD" in done.stdout + done.stderr
    assert not (tmp_path / "x.exe").exists()


def test_silent_mode_options_are_documented_and_handled() -> None:
    text = SCRIPT.read_text(encoding="utf-8")
    for option in ('"/HUB="', '"/POLICY="', '"/PURGE"'):
        assert option in text
    assert "RequestExecutionLevel admin" in text
    assert "SetShellVarContext all" in text
    assert "$SMPROGRAMS" in text
    assert "WriteUninstaller" in text
    install_doc = (ROOT / "docs" / "install.md").read_text(encoding="utf-8")
    for phrase in ("/S", "/HUB=", "/POLICY=", "/PURGE", "uninstall.exe"):
        assert phrase in install_doc
