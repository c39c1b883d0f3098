"""Render resources/icons/homeseat.svg into the icon files the packagers need.

    python installer/make_icons.py OUT_DIR

Writes ``homeseat.ico`` (Windows executables and installer: 16–256 px), ``homeseat.icns``
(macOS app), and ``homeseat-<N>.png`` (Linux hicolor sizes). Qt renders the SVG, so the icons
look exactly like the one the running app shows. Runs offscreen; no display needed.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication, QIcon, QImage

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "resources" / "icons" / "homeseat.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def render(icon: QIcon, size: int) -> QImage:
    """The icon at ``size`` x ``size`` pixels, with alpha."""
    image = icon.pixmap(QSize(size, size)).toImage()
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def main(argv: list[str]) -> int:
    """Write every icon file into ``argv[0]``."""
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    app = QGuiApplication([])
    icon = QIcon(str(SVG))
    if icon.isNull():
        print(f"make_icons: cannot read {SVG}", file=sys.stderr)
        return 1
    for size in PNG_SIZES:
        render(icon, size).save(str(out / f"homeseat-{size}.png"))
    # Qt's ICO/ICNS writers take the largest image; 256 px is the ICO maximum.
    written = [
        render(icon, 256).save(str(out / "homeseat.ico"), "ICO"),
        render(icon, 512).save(str(out / "homeseat.icns"), "ICNS"),
    ]
    del app
    if not all(written):
        print(
            "make_icons: Qt could not write ICO/ICNS (imageformats plugins missing)",
            file=sys.stderr,
        )
        return 1
    print(f"make_icons: icons written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
