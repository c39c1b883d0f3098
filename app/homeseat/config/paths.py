"""Where configuration lives on each OS, and writing files atomically.

The managed policy file is machine-wide and written by IT (root/Administrator); the user settings
file and the push state are per user. Environment variables override each location so tests and
lab setups never touch the real ones. Pure functions; any thread.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import platformdirs

__all__ = [
    "ConfigPaths",
    "managed_policy_path",
    "write_atomic",
    "ENV_POLICY",
    "ENV_SETTINGS",
    "ENV_STATE_DIR",
]

#: Overrides the managed policy file.
ENV_POLICY = "HOMESEAT_POLICY"
#: Overrides the user settings file.
ENV_SETTINGS = "HOMESEAT_SETTINGS"
#: Overrides the folder holding the accepted push and the highest accepted serial.
ENV_STATE_DIR = "HOMESEAT_CONFIG_STATE"


def managed_policy_path(platform: str = sys.platform, env: Mapping[str, str] | None = None) -> Path:
    """The machine-wide policy file IT deploys for ``platform``."""
    env = os.environ if env is None else env
    if platform.startswith("win"):
        base = env.get("ProgramData") or r"C:\ProgramData"
        return Path(base) / "HomeSeat" / "policy.json"
    if platform == "darwin":
        return Path("/Library/Application Support/HomeSeat/policy.json")
    return Path("/etc/homeseat/policy.json")


@dataclass(frozen=True)
class ConfigPaths:
    """The files the configuration service reads and writes.

    Attributes:
        managed: the managed policy file (read only).
        user: the user's settings file (written by the policy page).
        state_dir: holds ``pushed-policy.json`` (the accepted hub push) and ``push-state.json``.
    """

    managed: Path
    user: Path
    state_dir: Path

    @property
    def pushed(self) -> Path:
        """The last accepted signed push, kept so it survives a restart."""
        return self.state_dir / "pushed-policy.json"

    @property
    def push_state(self) -> Path:
        """The highest push serial accepted (rollback protection)."""
        return self.state_dir / "push-state.json"

    @classmethod
    def default(cls, env: Mapping[str, str] | None = None) -> ConfigPaths:
        """The OS locations, each overridable by its environment variable."""
        env = os.environ if env is None else env
        user_dir = Path(platformdirs.user_config_dir("HomeSeat", appauthor=False))
        state_dir = Path(platformdirs.user_data_dir("HomeSeat", appauthor=False)) / "config"
        return cls(
            managed=Path(env[ENV_POLICY]) if env.get(ENV_POLICY) else managed_policy_path(env=env),
            user=Path(env[ENV_SETTINGS]) if env.get(ENV_SETTINGS) else user_dir / "settings.json",
            state_dir=Path(env[ENV_STATE_DIR]) if env.get(ENV_STATE_DIR) else state_dir,
        )


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so readers see the old or the new file, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
