"""Client versions: parsing, comparing, and whether an update notice is due.

Pure functions, any thread. Versions are the release numbers we ship (``1.4.2``); a local part
after ``+`` (``0.1.0+checkout``) and a pre-release tag (``1.5.0rc1``) are understood well
enough to order them, nothing more: the hub only ever recommends plain release numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["VERSION_PATTERN", "ReleaseVersion", "parse_version", "update_recommended"]

#: What the hub may announce as the recommended client version: 1 to 4 dot-separated numbers.
VERSION_PATTERN = r"^\d{1,6}(\.\d{1,6}){0,3}$"

_LEADING = re.compile(r"^(\d+(?:\.\d+){0,3})(?:(a|b|rc|dev)(\d*))?")


@dataclass(frozen=True, order=True, slots=True)
class ReleaseVersion:
    """A comparable version: numbers padded to four, then pre-releases before the release.

    Attributes:
        numbers: ``(major, minor, patch, build)``.
        final: 1 for a release, 0 for a pre-release of it (so ``1.5.0rc1 < 1.5.0``).
        pre: the pre-release number (0 for a release).
    """

    numbers: tuple[int, int, int, int]
    final: int
    pre: int

    def __str__(self) -> str:
        text = ".".join(str(n) for n in self.numbers)
        return text if self.final else f"{text}(pre {self.pre})"


def parse_version(text: str) -> ReleaseVersion | None:
    """``text`` as a :class:`ReleaseVersion`, or None when it does not start with a number."""
    match = _LEADING.match(text.strip())
    if match is None:
        return None
    parts = [int(p) for p in match.group(1).split(".")]
    numbers = [*parts, 0, 0, 0, 0][:4]
    is_pre = match.group(2) is not None
    pre = int(match.group(3)) if is_pre and match.group(3) else 0
    return ReleaseVersion((numbers[0], numbers[1], numbers[2], numbers[3]), 0 if is_pre else 1, pre)


def update_recommended(running: str, recommended: str | None) -> bool:
    """True when the hub recommends a version newer than the one running.

    A version that cannot be read on either side never raises a notice: a wrong notice is
    worse than a missing one (the agent cannot act on it).
    """
    if not recommended:
        return False
    have, want = parse_version(running), parse_version(recommended)
    if have is None or want is None:
        return False
    return have < want
