"""Installer fixtures: one real build (bundle, .deb, NSIS) per test session, shared by the tests.

The build is the one users get (scripts/build-installer.sh), with faster compression (zstd for
the .deb, none for the NSIS installer): the packaging is what is tested, not the compressor.
Building takes about three minutes on two cores (PyInstaller dominates); see docs/install.md.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator

import pytest
from tests.installer.build import ROOT, Built


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    """Build the bundle, the .deb and the Windows installer once (≈ 750 MB, deleted after)."""
    out = tmp_path_factory.mktemp("installer")
    env = {
        **os.environ,
        "HOMESEAT_BUILD_DIR": str(out),
        "HOMESEAT_DEB_COMPRESSION": "zstd",
        "HOMESEAT_NSIS_COMPRESSOR": "off",
    }
    started = time.monotonic()
    done = subprocess.run(
        ["bash", str(ROOT / "scripts" / "build-installer.sh"), "bundle", "deb", "nsis"],
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    seconds = time.monotonic() - started
    log = done.stdout + done.stderr
    assert done.returncode == 0, f"build-installer.sh failed:\n{log[-4000:]}"
    debs = sorted(out.glob("homeseat_*.deb"))
    exes = sorted(out.glob("HomeSeat-*-setup.exe"))
    assert len(debs) == 1, f"expected one .deb in {out}: {list(out.iterdir())}"
    assert len(exes) == 1, f"expected one setup.exe in {out}: {list(out.iterdir())}"
    yield Built(out, out / "bundle" / "homeseat", debs[0], exes[0], seconds, log)
    shutil.rmtree(out, ignore_errors=True)  # pytest keeps three runs' temp folders
