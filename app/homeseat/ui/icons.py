"""Icons: the shipped SVGs and small state dots drawn on demand (Qt main thread)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from homeseat.paths import resources_dir

__all__ = ["Icons"]


class Icons:
    """Loads icons from ``resources/icons`` once and caches the coloured dots.

    Args:
        folder: where the SVG files are (default: the shipped resources).
    """

    def __init__(self, folder: Path | None = None) -> None:
        self._folder = folder or resources_dir() / "icons"
        self._cache: dict[str, QIcon] = {}

    def named(self, name: str) -> QIcon:
        """The icon ``<name>.svg`` (an empty icon if the file is missing)."""
        icon = self._cache.get(name)
        if icon is None:
            icon = QIcon(str(self._folder / f"{name}.svg"))
            self._cache[name] = icon
        return icon

    def app(self) -> QIcon:
        """The HomeSeat application icon."""
        return self.named("homeseat")

    def dot(self, color: str, size: int = 12) -> QIcon:
        """A filled circle of ``color`` (state markers in tables and menus)."""
        key = f"dot:{color}:{size}"
        icon = self._cache.get(key)
        if icon is None:
            icon = QIcon(self.dot_pixmap(color, size))
            self._cache[key] = icon
        return icon

    @staticmethod
    def dot_pixmap(color: str, size: int) -> QPixmap:
        """Pixmap of a filled circle, with a transparent background."""
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(color))
        painter.drawEllipse(QRectF(1, 1, size - 2, size - 2))
        painter.end()
        return pixmap

    def tray(self, color: str) -> QIcon:
        """The app icon with a state-coloured badge in its corner (for the tray)."""
        key = f"tray:{color}"
        icon = self._cache.get(key)
        if icon is None:
            base = self.app().pixmap(64, 64)
            painter = QPainter(base)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(QColor("#ffffff"))
            painter.setBrush(QColor(color))
            painter.drawEllipse(QRectF(36, 36, 26, 26))
            painter.end()
            icon = QIcon(base)
            self._cache[key] = icon
        return icon
