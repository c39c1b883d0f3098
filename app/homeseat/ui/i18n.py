"""User-interface language: translators, the CJK-capable font, and code labels.

Runs on the Qt main thread. One :class:`Translations` object is made by the entry point and passed
to every window (no global state); switching language installs new translators, and Qt then sends
``QEvent.LanguageChange`` to every widget, which re-reads its texts in ``retranslate()``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QLibraryInfo,
    QLocale,
    QObject,
    QTranslator,
    Signal,
)
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from homeseat.core.codes import LabeledCode
from homeseat.paths import resources_dir

__all__ = ["SUPPORTED_LANGUAGES", "Translations", "resolve_language", "translations_dir"]

log = logging.getLogger(__name__)

#: Languages the app ships; the source strings are English.
SUPPORTED_LANGUAGES: tuple[str, ...] = ("en", "zh_CN")

# Preferred UI fonts, best first. Noto Sans CJK SC draws Latin and Simplified Chinese alike, so a
# Chinese name in an English UI is not set in a fallback font with different metrics, and Han
# glyphs take their Simplified-Chinese forms (the JP/KR variants draw some of them differently).
_FONT_FAMILIES = ("Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei UI", "PingFang SC")


def translations_dir() -> Path:
    """Folder holding homeseat_<lang>.ts and .qm."""
    return resources_dir() / "translations"


def resolve_language(setting: str, system_locale: QLocale | None = None) -> str:
    """Map a ClientSettings.language value to a shipped language ("en" or "zh_CN").

    Args:
        setting: "system", "zh_CN" or "en".
        system_locale: the locale "system" follows (default: ``QLocale.system()``).
    """
    if setting in SUPPORTED_LANGUAGES:
        return setting
    locale = system_locale if system_locale is not None else QLocale.system()
    return "zh_CN" if locale.name().startswith("zh") else "en"


def _pick_font_family(available: Iterable[str]) -> str | None:
    have = set(available)
    return next((f for f in _FONT_FAMILIES if f in have), None)


class Translations(QObject):
    """Owns the installed translators and knows the current language.

    Args:
        app: the application the translators are installed on.
        folder: where homeseat_<lang>.qm files live (default: the shipped resources).
    """

    #: Emitted with the new language code after a switch (widgets also get LanguageChange).
    language_changed = Signal(str)

    def __init__(self, app: QCoreApplication, folder: Path | None = None) -> None:
        super().__init__(app)
        self._app = app
        self._folder = folder or translations_dir()
        self._installed: list[QTranslator] = []
        self._language = "en"

    @property
    def language(self) -> str:
        """The language now in use ("en" or "zh_CN")."""
        return self._language

    def set_language(self, setting: str) -> str:
        """Install translators for ``setting`` ("system", "en", "zh_CN"); returns the language."""
        language = resolve_language(setting)
        for old in self._installed:
            self._app.removeTranslator(old)
        self._installed = []
        self._load(self._folder / f"homeseat_{language}.qm", required=True)
        # Qt's own strings (standard buttons, context menus of line edits).
        qt_dir = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
        if language != "en":
            self._load(qt_dir / f"qtbase_{language}.qm", required=False)
        self._language = language
        self._apply_font(language)
        # Deliver the LanguageChange events now, so every widget has retranslated on return.
        # (Qt posts one to each top-level widget, which passes it on to its children.)
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
        self.language_changed.emit(language)
        return language

    def code_label(self, codes: Iterable[LabeledCode], code: str) -> str | None:
        """The label of a configured code in the current language, or None if unknown."""
        for item in codes:
            if item.code == code:
                return item.label(self._language)
        return None

    def _load(self, path: Path, *, required: bool) -> None:
        translator = QTranslator(self)
        if translator.load(str(path)):
            self._app.installTranslator(translator)
            self._installed.append(translator)
        elif required:
            # English still works from the source strings; say so instead of failing quietly.
            log.warning("translation file missing or unreadable: %s", path.name)

    def _apply_font(self, language: str) -> None:
        if not isinstance(self._app, QApplication):
            return
        family = _pick_font_family(QFontDatabase.families())
        font = QFont(self._app.font())
        if family is not None:
            font.setFamilies([family])
        font.setPointSizeF(10.0 if language == "zh_CN" else 9.5)
        self._app.setFont(font)
