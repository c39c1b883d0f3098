"""The Linux bundle and .deb: the bundle runs on its own; the package installs with apt, runs
``homeseat --version`` and ``homeseat selftest`` from the installed files, and goes away cleanly
(remove keeps only the conffile, purge leaves nothing)."""

from __future__ import annotations

import configparser
import fcntl
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.installer.build import Built

from homeseat import __version__

# The first test that needs the build waits for it (about three minutes on two cores).
pytestmark = [pytest.mark.installer, pytest.mark.timeout(1500)]

#: Runs installed programs as an agent's desktop would: no venv on PATH, a fresh home.
SYSTEM_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
#: Serialises package installs between test runs sharing this machine (dpkg has one database).
LOCK = Path("/tmp/homeseat-installer-test.lock")


def clean_env(home: Path) -> dict[str, str]:
    env = {"PATH": SYSTEM_PATH, "HOME": str(home), "LANG": "C.UTF-8"}
    for keep in ("DBUS_SESSION_BUS_ADDRESS", "XDG_RUNTIME_DIR"):
        if keep in os.environ:  # the private Secret Service of scripts/with-keyring.sh
            env[keep] = os.environ[keep]
    return env


def run(args: list[str], env: dict[str, str] | None = None, timeout: float = 300) -> str:
    done = subprocess.run(
        args, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    assert done.returncode == 0, f"{args} exited {done.returncode}:\n{done.stdout}{done.stderr}"
    return done.stdout


def package_status() -> str:
    done = subprocess.run(
        ["dpkg-query", "-W", "-f=${Status}", "homeseat"], capture_output=True, text=True
    )
    return done.stdout.strip() if done.returncode == 0 else "not known to dpkg"


def deb_paths(deb: Path) -> list[str]:
    """Every file and symlink the package ships (directories left out)."""
    paths = []
    for line in run(["dpkg-deb", "-c", str(deb)]).splitlines():
        if line.startswith("d"):
            continue
        name = line.split(None, 5)[5].split(" -> ")[0]
        paths.append(name.removeprefix("."))
    return paths


def assert_selftest(output: str) -> None:
    lines = {line.split()[1]: line for line in output.splitlines() if line[:4] in ("OK  ", "FAIL")}
    for required in ("configuration", "qt", "pjsua2", "portaudio", "webrtcvad"):
        assert lines[required].startswith("OK"), f"{required} failed:\n{output}"
    assert "translations en+zh_CN" in lines["qt"]
    assert "selftest passed" in output
    assert "pjlib" not in output  # the SIP stack's start-up chatter stays out of the report


@pytest.fixture
def dpkg_lock() -> Iterator[None]:
    with LOCK.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def test_bundle_runs_on_its_own(built: Built, tmp_path: Path) -> None:
    env = clean_env(tmp_path)
    assert run([str(built.bundle / "homeseat"), "--version"], env).strip() == (
        f"homeseat {__version__}"
    )
    assert_selftest(run([str(built.bundle / "homeseat"), "selftest"], env))
    hub = built.bundle / "homeseat-hub"
    assert run([str(hub), "--version"], env).strip() == f"homeseat-hub {__version__}"
    # The hub's own parts (argon2, SQLite, its web page) are in the bundle too.
    db = tmp_path / "hub.sqlite3"
    run([str(hub), "seed-demo", "--db", str(db)], env)
    assert "agent1" in run([str(hub), "user", "list", "--db", str(db)], env)
    # The wizard's SIP check runs the bundle's own executable as a child; it answers in JSON.
    probe = subprocess.run(
        [str(built.bundle / "homeseat"), "sip-probe"],
        input="{}",
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (probe.returncode, probe.stdout.strip()) == (2, '{"error": "bad request: KeyError"}')
    # Our hooks: pjsua2's vendored OpenSSL where its loader looks, webrtcvad's metadata.
    internal = built.bundle / "_internal"
    assert list((internal / "pjsua2_python.libs").glob("libcrypto*"))
    assert list(internal.glob("webrtcvad_wheels-*.dist-info"))
    assert (internal / "homeseat" / "resources" / "translations" / "homeseat_zh_CN.qm").is_file()


def test_deb_declares_what_a_desktop_needs(built: Built) -> None:
    fields = run(["dpkg-deb", "-f", str(built.deb)])
    assert "Package: homeseat" in fields
    assert f"Version: {__version__}" in fields
    depends = next(line for line in fields.splitlines() if line.startswith("Depends:"))
    for package in ("libportaudio2", "libegl1", "libxkbcommon-x11-0", "libxcb-cursor0"):
        assert package in depends
    assert run(["dpkg-deb", "-I", str(built.deb), "conffiles"]).split() == [
        "/etc/homeseat/policy.json"
    ]
    paths = deb_paths(built.deb)
    for wanted in (
        "/usr/bin/homeseat",
        "/usr/bin/homeseat-hub",
        "/opt/homeseat/homeseat",
        "/usr/share/applications/homeseat.desktop",
        "/usr/share/icons/hicolor/scalable/apps/homeseat.svg",
        "/usr/share/icons/hicolor/256x256/apps/homeseat.png",
        "/etc/homeseat/policy.json",
    ):
        assert wanted in paths
    # The desktop entry a software center and the menu read.
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    desktop = Path(__file__).resolve().parents[2] / "installer" / "linux" / "homeseat.desktop"
    entry.read(desktop, encoding="utf-8")
    section = entry["Desktop Entry"]
    assert (section["Type"], section["Exec"], section["Icon"]) == (
        "Application",
        "homeseat",
        "homeseat",
    )
    assert section["Name[zh_CN]"] == "居家座席"


def test_deb_installs_runs_and_goes_away_cleanly(
    built: Built, tmp_path: Path, dpkg_lock: None
) -> None:
    assert os.geteuid() == 0, "installing a package needs root (CI runs as root)"
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    shipped = deb_paths(built.deb)
    try:
        # Dependencies are there already (scripts/bootstrap.sh): nothing to download.
        apt = ["apt-get", "install", "-y", "-q", "--no-install-recommends"]
        run([*apt, "-o", "DPkg::Lock::Timeout=300", str(built.deb)], env, timeout=600)
        assert package_status() == "install ok installed"
        user = clean_env(tmp_path)
        assert run(["/usr/bin/homeseat", "--version"], user).strip() == f"homeseat {__version__}"
        assert_selftest(run(["/usr/bin/homeseat", "selftest"], user))
        # The managed policy the package ships is valid and in the documented place.
        assert "valid policy file" in run(
            ["/usr/bin/homeseat", "config", "validate", "/etc/homeseat/policy.json"], user
        )

        # IT edits the policy; remove keeps that conffile and nothing else.
        Path("/etc/homeseat/policy.json").write_text(
            '{"schema": 1, "serial": 2, "defaults": {"hub": {"url": "wss://hub.it.example"}}}\n'
        )
        run(["dpkg", "--remove", "homeseat"], env)
        assert package_status() == "deinstall ok config-files"
        left = [p for p in shipped if os.path.lexists(p)]
        assert left == ["/etc/homeseat/policy.json"]
        assert "wss://hub.it.example" in Path("/etc/homeseat/policy.json").read_text()
        assert not Path("/opt/homeseat").exists()

        run(["dpkg", "--purge", "homeseat"], env)
        assert package_status() in ("not known to dpkg", "unknown ok not-installed")
        assert not Path("/etc/homeseat").exists()
        assert [p for p in shipped if os.path.lexists(p)] == []
    finally:
        if package_status() != "not known to dpkg":
            subprocess.run(["dpkg", "--purge", "homeseat"], capture_output=True, check=False)
