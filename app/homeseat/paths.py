"""Where shipped resources live, in an installed package and in a checkout alike."""

from __future__ import annotations

from pathlib import Path

__all__ = ["resources_dir"]


def resources_dir() -> Path:
    """Return the folder holding translations, icons and sample configuration.

    An installed wheel carries it as ``homeseat/resources`` (setup.py maps it there); an
    editable install or a checkout finds it at the top of the repository.
    """
    here = Path(__file__).resolve().parent
    packaged = here / "resources"
    if packaged.is_dir():
        return packaged
    return here.parent.parent / "resources"
