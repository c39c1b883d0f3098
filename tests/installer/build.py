"""What the installer tests share: where the repository is, and what a build produced."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = ["ROOT", "Built"]

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Built:
    """What scripts/build-installer.sh made, and how long it took."""

    out: Path
    bundle: Path
    deb: Path
    setup_exe: Path
    seconds: float
    log: str
